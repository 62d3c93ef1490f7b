//! Dates no calendar holds: a day past the end of its month ("30 February", "April 31st"),
//! a range in one month that ends before it starts ("from 14 March to 3 March"), and a
//! numbered week, day or sprint that runs until an earlier one ("opens in week 5 and runs
//! until week 3"). Like the 24-hour day in `plausible.rs`, the calendar is not knowledge
//! anyone edits, so it is code.

use debrief_text::Text;

use crate::plausible::{Impossible, word_after};

/// Each month's name, short name and the most days it can have (February in a leap year).
const MONTHS: [(&str, &str, u32); 12] = [
    ("january", "jan", 31),
    ("february", "feb", 29),
    ("march", "mar", 31),
    ("april", "apr", 30),
    ("may", "may", 31),
    ("june", "jun", 30),
    ("july", "jul", 31),
    ("august", "aug", 31),
    ("september", "sep", 30),
    ("october", "oct", 31),
    ("november", "nov", 30),
    ("december", "dec", 31),
];

/// The month a word names, by index, if any.
fn month(word: &str) -> Option<usize> {
    MONTHS
        .iter()
        .position(|&(name, short, _)| word == name || word == short)
}

/// A day of the month written at token `i`: "30", "30th", "3rd".
fn day(text: &Text<'_>, i: usize) -> Option<u32> {
    let word = text.lower(i);
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    if !digits.chars().all(|c| c.is_ascii_digit()) || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|&d| (1..=99).contains(&d))
}

/// Whether only spaces stand between tokens `a` and `a + 1`: "May: 60 visits" is a label and
/// a count, not a date.
fn joined(text: &Text<'_>, a: usize) -> bool {
    a + 1 < text.tokens.len()
        && text.source[text.tokens[a].end..text.tokens[a + 1].start]
            .chars()
            .all(|c| c == ' ')
}

/// A date at token `i`: a day then its month ("14 March", "14th of March") or a month then
/// its day ("March 14"). Returns the month's index, the day and the date's last token.
fn date_at(text: &Text<'_>, i: usize) -> Option<(usize, u32, usize)> {
    if !joined(text, i) {
        return None;
    }
    if let Some(d) = day(text, i) {
        if word_after(text, i, 1) == Some("of") && !joined(text, i + 1) {
            return None;
        }
        let (m, at) = match word_after(text, i, 1) {
            Some("of") => (word_after(text, i, 2).and_then(month)?, i + 2),
            Some(w) => (month(w)?, i + 1),
            None => return None,
        };
        return Some((m, d, at));
    }
    let m = month(text.lower(i))?;
    // "May" is also a verb: only "May 14", never "may 14 people".
    if text.lower(i) == "may" && !text.source[text.tokens[i].start..].starts_with('M') {
        return None;
    }
    let next = i + 1;
    (next < text.tokens.len() && text.tokens[next].sentence == text.tokens[i].sentence)
        .then(|| day(text, next))
        .flatten()
        .map(|d| (m, d, next))
}

/// Numbered periods of a plan ("week 5", "day 10", "sprint 3").
const PERIODS: [&str; 3] = ["week", "day", "sprint"];

/// Words that end a period's run at another one: "runs until week 3". "To" is left out: "we
/// moved the launch from week 5 to week 3" brings it forward.
const UNTIL: [&str; 4] = ["until", "till", "through", "thru"];

/// Verbs that make "until week 3" the end of the same run: "opens in week 5... and runs until
/// week 3", not "by week 6 we hit 40%, and until week 2 nothing moved".
const RUNS: [&str; 12] = [
    "runs",
    "run",
    "ran",
    "running",
    "lasts",
    "last",
    "lasted",
    "continues",
    "continue",
    "continued",
    "extends",
    "goes",
];

/// How many words after "week 5" its "until week 3" may come.
const RUN_WORDS: usize = 14;

/// The last token of "until week M" after the numbered period `unit` at `i` (number `n`),
/// when M is smaller than `n`: the run ends before it starts.
fn runs_backwards(text: &Text<'_>, i: usize, unit: &str, n: u32) -> Option<usize> {
    (1..=RUN_WORDS).find_map(|k| {
        let ran = (k == 1 && i >= 2 && text.lower(i - 2) == "from")
            || word_after(text, i, k - 1).is_some_and(|w| RUNS.contains(&w));
        (ran && UNTIL.contains(&word_after(text, i, k)?)
            && word_after(text, i, k + 1)? == unit
            && day(text, i + k + 2).is_some_and(|m| m < n)
            && word_after(text, i, k + 2).is_some())
        .then_some(i + k + 2)
    })
}

/// Every impossible date in `text`, in answer order. Each date is found from its day, a
/// number of one or two digits, so the many words that are no date cost one test each.
pub(crate) fn impossible_dates(text: &Text<'_>) -> Vec<Impossible> {
    let mut out = Vec::new();
    let mut after = 0;
    for t in 0..text.tokens.len() {
        if t < after || day(text, t).is_none() {
            continue;
        }
        // The date the day belongs to: "14 March" starts at the day, "March 14" a word before.
        let Some((i, (m, d, last))) = [t.checked_sub(1), Some(t)]
            .into_iter()
            .flatten()
            .filter(|&i| i >= after)
            .find_map(|i| date_at(text, i).map(|date| (i, date)))
        else {
            if t > 0
                && text.tokens[t - 1].sentence == text.tokens[t].sentence
                && let Some(unit) = PERIODS.iter().find(|&&p| text.lower(t - 1) == p)
                && let Some(n) = day(text, t)
                && let Some(last) = runs_backwards(text, t, unit, n)
            {
                after = last + 1;
                out.push(Impossible {
                    first: t - 1,
                    last,
                    why: "the run ends before it starts",
                });
            }
            continue;
        };
        after = last + 1;
        if d > MONTHS[m].2 {
            out.push(Impossible {
                first: i,
                last,
                why: "the month has no such day",
            });
        } else if i > 0
            && text.lower(i - 1) == "from"
            && word_after(text, last, 1) == Some("to")
            && let Some(next) = [last + 2, last + 3]
                .into_iter()
                .find_map(|j| (j < text.tokens.len()).then(|| date_at(text, j)).flatten())
            && next.0 == m
            && next.1 < d
        {
            after = next.2 + 1;
            out.push(Impossible {
                first: i,
                last: next.2,
                why: "the range ends before it starts",
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(answer: &str) -> Vec<&'static str> {
        impossible_dates(&Text::new(answer))
            .into_iter()
            .map(|i| i.why)
            .collect()
    }

    #[test]
    fn dates_no_calendar_holds_are_found() {
        assert_eq!(
            found("General availability is on 30 February, a Thursday."),
            ["the month has no such day"]
        );
        assert_eq!(
            found("We ship on April 31st."),
            ["the month has no such day"]
        );
        assert_eq!(
            found("The beta runs from 14 March to 3 March."),
            ["the range ends before it starts"]
        );
        assert_eq!(
            found("The closed beta opens in week 5, with 2,000 users, and runs until week 3."),
            ["the run ends before it starts"]
        );
        assert_eq!(
            found("Support is staffed from day 9 until day 2."),
            ["the run ends before it starts"]
        );
    }

    #[test]
    fn real_dates_are_left_alone() {
        for fine in [
            "We launch on 29 February in a leap year.",
            "The beta runs from 3 March to 14 March.",
            "The promotion runs from 14 December to 3 January.",
            "We may 14 people hire? No: we hired 14 people in May 2024.",
            "It went live on March 31 and closed on April 30.",
            "From 30 June to 1 July we froze the code.",
            "Targets for April and May: 60 workplace visits.",
            "In March, 45 clinics signed up.",
            "The beta opens in week 3 and runs until week 5.",
            "We moved the launch from week 5 to week 3.",
            "By day 10 we had 40 users, and until day 3 we had none.",
        ] {
            assert!(found(fine).is_empty(), "{fine}: {:?}", found(fine));
        }
    }
}
