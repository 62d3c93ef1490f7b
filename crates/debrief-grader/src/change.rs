//! A change whose words point one way and whose figures the other: "activation dropped
//! sharply, from 22% to 31%", "tickets fell from 340 a month to 190, an increase", "churn
//! had risen to 9%, a 55% reduction", "we had 2 million weekly users... we were at 800,000
//! weekly users, a fourfold increase". A real answer may misspeak a figure, but an interviewer
//! stops a candidate who calls a rise a fall; nonsense dressed in the right frame does it
//! often, because it copies the words of a result without the result.
//!
//! The words of direction are word lists of the pack (`change-up-words`, `change-down-words`):
//! only words that say which way a figure moved ("rose", "fell", "reduction"), never words of
//! value ("improved", "better", "gain"), since a fall in churn or in waiting time is an
//! improvement.

use debrief_text::{Text, TokenKind};

use crate::plausible::{Impossible, Lists, figure_end, value, word_after};

/// Words that start another clause: a direction word past one is about something else.
const JOINERS: [&str; 14] = [
    "and", "but", "while", "whereas", "which", "because", "so", "since", "as", "when", "though",
    "although", "if", "then",
];

/// How many words before "from" (or "to") may carry the direction word ("churn fell sharply
/// from"), and how many after the second figure ("to 190, an increase").
const BEFORE: usize = 4;
const AFTER: usize = 6;

/// Which ways the words around a change say it went.
#[derive(Debug, Default, Clone, Copy)]
struct Claims {
    up: bool,
    down: bool,
}

impl Claims {
    fn any(self) -> bool {
        self.up || self.down
    }

    /// Both claims' directions together.
    fn or(self, other: Claims) -> Claims {
        Claims {
            up: self.up || other.up,
            down: self.down || other.down,
        }
    }

    fn add(&mut self, word: &str, lists: &Lists) {
        self.up |= lists.up_words.contains(word);
        self.down |= lists.down_words.contains(word);
    }
}

/// One figure: its token, its value, whether it is a percentage or money, and the token
/// after it and its scale or percent words.
#[derive(Debug, Clone, Copy)]
struct Figure {
    at: usize,
    value: f64,
    percent: bool,
    money: bool,
    /// The first token after the figure's own words ("million", "percent").
    after: usize,
}

/// The figure at `i`, when `i` is a number token.
fn figure(text: &Text<'_>, i: usize) -> Option<Figure> {
    if text.tokens.get(i)?.kind != TokenKind::Number {
        return None;
    }
    let (value, percent, money) = value(text, i)?;
    Some(Figure {
        at: i,
        value,
        percent,
        money,
        after: figure_end(text, i) + 1,
    })
}

/// The figure right after `i`, past one hedge word ("to about 31%").
fn figure_after(text: &Text<'_>, i: usize, lists: &Lists) -> Option<Figure> {
    let next = word_after(text, i, 1)?;
    if lists.figure_hedges.contains(next) {
        figure(text, i + 2)
    } else {
        figure(text, i + 1)
    }
}

/// Whether the gap between tokens `j` and `j + 1` holds a break: punctuation other than a
/// hyphen or an apostrophe.
fn break_after(text: &Text<'_>, j: usize) -> bool {
    let gap = &text.source[text.tokens[j].end..text.tokens[j + 1].start];
    gap.contains([',', ';', ':', '(', ')', '.', '!', '?', '"'])
}

/// The direction words in the few words before `i` in its clause. A comma right before `i` is
/// allowed ("dropped sharply, from 22% to 31%"); any other break, or a word that starts
/// another clause, ends the search.
fn claims_before(text: &Text<'_>, i: usize, lists: &Lists) -> Claims {
    let mut claims = Claims::default();
    let first = text.sentences[text.tokens[i].sentence].first_token;
    for j in (i.saturating_sub(BEFORE).max(first)..i).rev() {
        if j + 1 < i && break_after(text, j) {
            break;
        }
        let word = text.lower(j);
        if JOINERS.contains(&word) {
            break;
        }
        claims.add(word, lists);
    }
    claims
}

/// The direction words in the few words from token `from` on, in `sentence`, up to the first
/// punctuation or a word that starts another clause. A direction word followed by "in" or
/// "of" names another change ("an increase in capacity").
fn claims_after(text: &Text<'_>, from: usize, sentence: usize, lists: &Lists) -> Claims {
    let mut claims = Claims::default();
    let end = text.sentences[sentence].end_token;
    for j in from..(from + AFTER).min(end) {
        if j > from && break_after(text, j - 1) {
            break;
        }
        let word = text.lower(j);
        if JOINERS.contains(&word) {
            break;
        }
        if matches!(word_after(text, j, 1), Some("in" | "of")) {
            continue;
        }
        claims.add(word, lists);
    }
    claims
}

/// A bare year ("from 2019 to 2022"): a span of time, not a figure that moved.
fn year(f: &Figure) -> bool {
    !f.percent && !f.money && f.value.fract() == 0.0 && (1900.0..=2100.0).contains(&f.value)
}

/// The first content word among the figure's unit words, before `stop`, singular: "340 a
/// month" gives "month", "3 days" gives "day".
fn unit(text: &Text<'_>, f: &Figure, stop: usize) -> Option<String> {
    (f.after..stop.min(f.after + 3))
        .take_while(|&j| {
            j < text.tokens.len()
                && text.tokens[j].sentence == text.tokens[f.at].sentence
                && !break_after(text, j - 1)
        })
        .map(|j| text.lower(j))
        .find(|w| !debrief_text::is_function_word(w) && *w != "a" && *w != "an")
        .map(|w| w.strip_suffix('s').unwrap_or(w).to_owned())
}

/// What is wrong with a change from `a` to `b` that `claims` describe, if anything.
fn judge(a: &Figure, b: &Figure, claims: Claims) -> Option<&'static str> {
    let close = (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(1.0);
    if close && claims.any() {
        Some("the words call it a change, but the figure ends where it started")
    } else if b.value > a.value && claims.down {
        Some("the words say the figure fell, but it rose")
    } else if b.value < a.value && claims.up {
        Some("the words say the figure rose, but it fell")
    } else {
        None
    }
}

/// "from A to B" at `i` (the "from"), judged against the direction words around it.
fn from_to(text: &Text<'_>, i: usize, lists: &Lists) -> Option<Impossible> {
    let a = figure_after(text, i, lists)?;
    // "1 in 50", "3 of 10", "9 a.m.": not a figure that moves on its own.
    if matches!(
        word_after(text, a.after - 1, 1),
        Some("in" | "out" | "of" | "per" | "am" | "pm")
    ) || year(&a)
    {
        return None;
    }
    let to = (a.after..a.after + 3)
        .take_while(|&j| {
            j < text.tokens.len()
                && text.tokens[j].sentence == text.tokens[i].sentence
                && text.tokens[j].kind != TokenKind::Number
        })
        .find(|&j| text.lower(j) == "to")?;
    if (a.at..to).any(|j| break_after(text, j)) {
        return None;
    }
    let b = figure_after(text, to, lists)?;
    if a.percent != b.percent || a.money != b.money || year(&b) {
        return None;
    }
    // "from 3 days to 5 hours" compares two units; "from 12 to 4 minutes" one.
    if let (Some(ua), Some(ub)) = (unit(text, &a, to), unit(text, &b, usize::MAX))
        && ua != ub
    {
        return None;
    }
    // What follows the second figure: its own words ("to 19% lower") when no punctuation
    // comes first, or an aside (", a sharp drop").
    let sentence = text.tokens[b.at].sentence;
    let direct = if b.after < text.tokens.len() && !break_after(text, b.after - 1) {
        claims_after(text, b.after, sentence, lists)
    } else {
        Claims::default()
    };
    let claims = claims_before(text, i, lists)
        .or(direct)
        .or(aside(text, &b, lists));
    let why = judge(&a, &b, claims)?;
    Some(Impossible {
        first: a.at,
        last: b.at,
        why,
    })
}

/// The aside right after a figure and its unit words, ", a 55% reduction", "weekly users, a
/// fourfold increase": its direction words, when a comma and "a" or "an" open it.
fn aside(text: &Text<'_>, f: &Figure, lists: &Lists) -> Claims {
    let sentence = text.tokens[f.at].sentence;
    for j in f.after..f.after + 4 {
        if j >= text.tokens.len() || text.tokens[j].sentence != sentence {
            break;
        }
        let gap = &text.source[text.tokens[j - 1].end..text.tokens[j].start];
        if gap.contains(',') {
            return if matches!(text.lower(j), "a" | "an") {
                claims_after(text, j + 1, sentence, lists)
            } else {
                Claims::default()
            };
        }
        if break_after(text, j - 1) || JOINERS.contains(&text.lower(j)) {
            break;
        }
    }
    Claims::default()
}

/// The content words right after a figure, up to two, stopping at a function word: "2 million
/// weekly users" gives "weekly users".
fn counted<'t>(text: &'t Text<'_>, f: &Figure) -> Vec<&'t str> {
    (f.after..f.after + 2)
        .take_while(|&j| {
            j < text.tokens.len()
                && text.tokens[j].sentence == text.tokens[f.at].sentence
                && text.tokens[j].kind == TokenKind::Word
                && !text.tokens[j].function
                && (j == f.after || !break_after(text, j - 1))
        })
        .map(|j| text.lower(j))
        .collect()
}

/// "to B" or "at B" with no "from" before it, at `i` (the "to" or "at"): a figure whose
/// direction words contradict each other ("had risen to 9%, a 55% reduction"), or, for a count
/// of something ("800,000 weekly users, a fourfold increase"), contradict the same count
/// of people or accounts stated in one of the three sentences before.
fn to_only(text: &Text<'_>, i: usize, lists: &Lists) -> Option<Impossible> {
    let b = figure_after(text, i, lists)?;
    if year(&b) {
        return None;
    }
    let sentence = text.tokens[i].sentence;
    let first = text.sentences[sentence].first_token;
    if (first..i).any(|j| text.lower(j) == "from") {
        return None;
    }
    let before = claims_before(text, i, lists);
    let aside = aside(text, &b, lists);
    if (before.up && aside.down) || (before.down && aside.up) {
        return Some(Impossible {
            first: b.at,
            last: b.at,
            why: "the words call one change both a rise and a fall",
        });
    }
    let claims = before.or(aside);
    if !claims.any() || b.percent {
        return None;
    }
    // Only a count of people or accounts ("800,000 weekly users") is matched across
    // sentences: "20 minutes" and "61 minutes" can be two different things.
    let what = counted(text, &b);
    if !what.iter().any(|w| lists.population_nouns.contains(*w)) {
        return None;
    }
    let earliest = text.sentences[sentence.saturating_sub(3)].first_token;
    let a = (earliest..first)
        .rev()
        .filter_map(|j| figure(text, j))
        .find(|a| a.money == b.money && !a.percent && !year(a) && counted(text, a) == what)?;
    let why = judge(&a, &b, claims)?;
    Some(Impossible {
        first: a.at,
        last: b.at,
        why,
    })
}

/// Every change in `text` whose direction words contradict its figures, in answer order.
pub(crate) fn contradicted(text: &Text<'_>, lists: &Lists) -> Vec<Impossible> {
    if lists.up_words.is_empty() && lists.down_words.is_empty() {
        return Vec::new();
    }
    (0..text.tokens.len())
        .filter(|&i| text.tokens[i].kind == TokenKind::Word)
        .filter_map(|i| match text.lower(i) {
            "from" => from_to(text, i, lists),
            "to" | "at" => to_only(text, i, lists),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        let set = crate::plausible::word_set;
        Lists {
            up_words: set(&[
                "rose", "risen", "grew", "increase", "fourfold", "lift", "jumped",
            ]),
            down_words: set(&[
                "fell",
                "dropped",
                "drop",
                "reduction",
                "decline",
                "cut",
                "down",
            ]),
            population_nouns: set(&["users", "customers"]),
            figure_hedges: set(&["about", "around", "roughly", "nearly", "almost"]),
            ..Lists::default()
        }
    }

    fn found(answer: &str) -> Vec<&'static str> {
        contradicted(&Text::new(answer), &lists())
            .into_iter()
            .map(|i| i.why)
            .collect()
    }

    const FELL: &str = "the words say the figure fell, but it rose";
    const ROSE: &str = "the words say the figure rose, but it fell";

    #[test]
    fn a_change_called_the_wrong_way_is_found() {
        assert_eq!(
            found("Activation dropped sharply, from 22% to 31% of new accounts."),
            [FELL]
        );
        assert_eq!(
            found("Support tickets fell from 340 a month to 190, an increase we must staff for."),
            [ROSE]
        );
        assert_eq!(
            found("Repeat bookings went from 14 percent to 14 percent, a sharp drop."),
            ["the words call it a change, but the figure ends where it started"]
        );
        assert_eq!(
            found(
                "By August, monthly churn had risen to 9%, a 55% reduction from where we started."
            ),
            ["the words call one change both a rise and a fall"]
        );
        assert_eq!(
            found(
                "When I joined, we had 2 million weekly users. Within a year we were at 800,000 \
                 weekly users, a fourfold increase."
            ),
            [ROSE]
        );
        assert_eq!(
            found("Sign-ups rose from about 4,000 to 3,100 a week."),
            [ROSE]
        );
    }

    #[test]
    fn changes_told_the_right_way_or_not_comparable_are_left_alone() {
        for fine in [
            "Churn fell from 8% to 5%, a 37% reduction.",
            "We cut the time to first invoice from 12 minutes to 4.",
            "Conversion rose from 2.1% to 2.6% over three weeks.",
            "Time to first value fell from 3 days to 5 hours.",
            "Errors fell from 1 in 50 to 1 in 200.",
            "I worked there from 2019 to 2022, and revenue grew.",
            "Tickets fell from 340 to 190, an increase in capacity for the team.",
            "Although churn dropped, NPS went from 30 to 45.",
            "The family plan covers up to 6 users, and sign-ups rose to 4,000.",
            "We had 200 customers. By spring we were at 800 customers, a fourfold increase.",
            "Our rank fell from 3rd to 9th in the store.",
            "If an ETA drifts more than 20 minutes, we rebook. By May, wait was down to 61 minutes.",
            "Latency dropped from 900 ms to 300 ms, and sign-ups rose from 40 to 55.",
            "The share rose from 48% to 63%. Average order size fell from $21,000 to $12,500.",
            "Sell rate went from 31% to 46%, monthly seller churn fell by about a third.",
            "Target: retention from about 60% to 75%. It will shrink sign-ups at first.",
        ] {
            assert!(found(fine).is_empty(), "{fine}: {:?}", found(fine));
        }
    }
}
