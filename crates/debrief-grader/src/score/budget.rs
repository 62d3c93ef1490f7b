//! The time a question gives its answer: "You have five minutes." in a case round whose
//! answers usually run twenty sets the budget the over-budget rules and the depth expectation
//! judge against.

use debrief_text::Text;

/// The words allowed between a cue and its number ("you have about five minutes").
const QUALIFIERS: [&str; 8] = [
    "about",
    "around",
    "roughly",
    "approximately",
    "only",
    "just",
    "under",
    "maybe",
];

/// The seconds a question states for its answer, if it states any: a number of minutes after
/// one of `cues` (each split into lowercase words), with qualifiers between. A bare "in" counts
/// only where a comma closes the time ("In about 35 minutes, take me through..."), since "a
/// customer installs in 20 minutes" states a requirement, not a time to answer in. The first
/// stated time wins. The question's words are read as the answer's are (the tokenizer's
/// lowercase, apostrophes and accents folded).
pub(super) fn stated_seconds(text: &Text<'_>, cues: &[Vec<String>]) -> Option<u32> {
    for i in 1..text.tokens.len() {
        if !matches!(text.lower(i), "minutes" | "minute") {
            continue;
        }
        let Some(n) = minutes(text.lower(i - 1)) else {
            continue;
        };
        let mut start = i - 1;
        while start > 0 && QUALIFIERS.contains(&text.lower(start - 1)) {
            start -= 1;
        }
        let comma = text.source[text.tokens[i].end..].starts_with(',');
        let cued = cues.iter().any(|cue| {
            let len = cue.len();
            len > 0
                && start >= len
                && (0..len).all(|k| text.lower(start - len + k) == cue[k])
                && (cue.as_slice() != ["in"] || comma)
        });
        if cued {
            return Some(n.saturating_mul(60));
        }
    }
    None
}

/// A count of minutes as a question writes it: digits, or a number word up to an hour.
fn minutes(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return (1..=240).contains(&n).then_some(n);
    }
    const WORDS: [(&str, u32); 24] = [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("forty-five", 45),
        ("sixty", 60),
    ];
    WORDS.iter().find(|(w, _)| *w == word).map(|&(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stated(question: &str, cues: &[Vec<String>]) -> Option<u32> {
        stated_seconds(&Text::new(question), cues)
    }

    fn cues() -> Vec<Vec<String>> {
        ["you have", "you've got", "take", "in"]
            .iter()
            .map(|c| c.split_whitespace().map(String::from).collect())
            .collect()
    }

    #[test]
    fn a_stated_time_after_a_cue_is_the_budget() {
        let c = cues();
        assert_eq!(stated("You have five minutes. Pitch it.", &c), Some(300));
        assert_eq!(
            stated("You have about 10 minutes with three of us.", &c),
            Some(600)
        );
        assert_eq!(
            stated("In about 35 minutes, take me through positioning.", &c),
            Some(2100)
        );
        assert_eq!(stated("You’ve got two minutes.", &c), Some(120));
    }

    #[test]
    fn minutes_that_are_part_of_the_case_are_no_budget() {
        let c = cues();
        for q in [
            "Design onboarding so a customer installs in 20 minutes.",
            "The headline takes ten minutes to appear. Is that acceptable?",
            "Drivers wait more than 20 minutes at the dock. What do you do?",
            "You have a backlog of 40 features. Which five minutes of the demo matter?",
            "How many build minutes does a 200-engineer company use?",
            "You have minutes to decide.",
        ] {
            assert_eq!(stated(q, &c), None, "{q}");
        }
    }
}
