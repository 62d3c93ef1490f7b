//! Parts that outgrow their whole: a sample larger than the pool it was drawn from ("a panel
//! of 2,400 drawn from a pool of 1,800", "40,000 users per arm, out of 40,000 in total"), a
//! score past the top of its own scale ("48 points on a 10-point scale"), and shares of one
//! whole that add up past 100% ("71% is preparation, 52% is storytelling and the rest is
//! execution"). Each is arithmetic any listener can do, so an answer that states one has
//! stopped checking its own figures, or never had any. The words each check reads ("drawn",
//! "split", "startup", "grew") are content word lists, compiled into [`Lists`].

use debrief_text::{Text, TokenKind};

use crate::plausible::{Impossible, Lists, is_percentage, percent_words, value, word_after};

/// A small count said as a word ("four"), which the tokenizer leaves a word unless a unit
/// follows it: one to twelve, read by the tokenizer's own number reader.
pub(crate) fn small_count(word: &str) -> Option<f64> {
    debrief_text::spelled_value(word).filter(|v| (1.0..=12.0).contains(v))
}

/// Whether token `j` names an organisation ("start-up" may be split at its hyphen).
fn org(text: &Text<'_>, lists: &Lists, j: usize) -> bool {
    let w = text.lower(j);
    lists.orgs.contains(w) || (w == "up" && j > 0 && text.lower(j - 1) == "start")
}

/// The head count of the organisation `i`'s sentence names ("a 30-person startup", "a
/// start-up with four employees"), if it names one.
fn company_size(text: &Text<'_>, lists: &Lists, i: usize) -> Option<f64> {
    let s = &text.sentences[text.tokens[i].sentence];
    (s.first_token..s.end_token).find_map(|j| {
        let w = text.lower(j);
        // "30-person", "120-employee", then the organisation within four words.
        if let Some((digits, head)) = w.split_once('-')
            && ["person", "people", "employee", "staff", "strong"].contains(&head)
            && let Ok(n) = digits.parse::<f64>()
            && (j + 1..(j + 5).min(s.end_token)).any(|k| org(text, lists, k))
        {
            return Some(n);
        }
        // "a start-up with four employees", "a firm of 12 people".
        if org(text, lists, j)
            && matches!(word_after(text, j, 1), Some("with" | "of"))
            && let Some(n) = count(text, j + 2).or_else(|| small_count(word_after(text, j, 2)?))
            && word_after(text, j, 3).is_some_and(|h| lists.headcount.contains(h))
        {
            return Some(n);
        }
        None
    })
}

/// The last token of "team of M" at `i` when the sentence puts the team in an organisation of
/// fewer people: "a 30-person startup... the team of 45 people".
fn team_past_company(text: &Text<'_>, lists: &Lists, i: usize, v: f64) -> Option<usize> {
    if i < 2 || text.lower(i - 1) != "of" || text.lower(i - 2) != "team" {
        return None;
    }
    let s = &text.sentences[text.tokens[i].sentence];
    if (s.first_token..s.end_token).any(|j| lists.growth.contains(text.lower(j))) {
        return None;
    }
    (v > company_size(text, lists, i)?).then_some(i)
}

/// How much past 100% a set of rounded shares may add up to and still be a rounding.
const SHARE_SLACK: f64 = 2.0;

/// The plain count at `i` (no percentage, no money), if `i` is one.
fn count(text: &Text<'_>, i: usize) -> Option<f64> {
    if text.tokens.get(i)?.kind != TokenKind::Number {
        return None;
    }
    let (v, percent, money) = value(text, i)?;
    (!percent && !money).then_some(v)
}

/// The first plain count within `within` tokens after `from`, in `from`'s sentence, past
/// words only.
fn count_after(text: &Text<'_>, from: usize, within: usize) -> Option<(usize, f64)> {
    (1..=within)
        .take_while(|&k| word_after(text, from, k).is_some())
        .map(|k| from + k)
        .find(|&j| text.tokens[j].kind == TokenKind::Number)
        .and_then(|j| count(text, j).map(|v| (j, v)))
}

/// A sample at `i` larger than the pool after it: "2,400 IT managers drawn from a pool of
/// 1,800", "40,000 users per arm, out of 40,000 in total", "2,000 of those 1,500 invitees".
/// Returns the pool's token.
fn sample_past_pool(text: &Text<'_>, lists: &Lists, i: usize, sample: f64) -> Option<usize> {
    // "2,000 of those 1,500": a count of a counted group, right after "of".
    if word_after(text, i, 1) == Some("of") {
        let k = if matches!(
            word_after(text, i, 2),
            Some("those" | "these" | "the" | "our" | "their" | "its")
        ) {
            3
        } else {
            2
        };
        if let Some(pool) = word_after(text, i, k).and_then(|_| count(text, i + k)) {
            return (sample > pool).then_some(i + k);
        }
    }
    let mut per_group = false;
    for k in 1..=8 {
        let word = word_after(text, i, k)?;
        if text.tokens[i + k].kind == TokenKind::Number {
            return None;
        }
        per_group |= lists.experiment_group.contains(word)
            && matches!(text.lower(i + k - 1), "per" | "each" | "every");
        let next = word_after(text, i, k + 1);
        let drawn = lists.sample_drawn.contains(word) && next == Some("from");
        let out_of = word == "out" && next == Some("of") && k > 1;
        if !(drawn || out_of) {
            continue;
        }
        let from = i + k + 1;
        let (at, pool) = count_after(text, from, 4)?;
        let needed = if per_group { 2.0 * sample } else { sample };
        return (needed > pool).then_some(at);
    }
    None
}

/// A score at `i` past the top of the scale named after it: "48 points on a 10-point
/// scale", "rated 12 on a scale of 1 to 10". Only a score is read: a number followed by
/// "points" or "out", or after "scored", "rated" or "score of" ("500 users on a 5-point
/// scale" counts people, not points). Returns the scale's token.
fn score_past_scale(text: &Text<'_>, i: usize, score: f64) -> Option<usize> {
    // The two words before it, in its sentence ("rated it 12", "a score of 12").
    let before = (i.saturating_sub(2)..i)
        .filter(|&j| text.tokens[j].sentence == text.tokens[i].sentence)
        .map(|j| text.lower(j));
    let is_score = matches!(word_after(text, i, 1), Some("points" | "point" | "out"))
        || before
            .into_iter()
            .any(|w| matches!(w, "scored" | "rated" | "rating" | "score"));
    if !is_score {
        return None;
    }
    for k in 1..=7 {
        let word = word_after(text, i, k)?;
        if word != "scale" {
            continue;
        }
        // "a 10-point scale": the word before "scale".
        let top = word_after(text, i, k - 1)
            .and_then(|w| w.strip_suffix("-point"))
            .and_then(|n| n.parse::<f64>().ok())
            // "a scale of 1 to 10".
            .or_else(|| {
                (word_after(text, i, k + 1) == Some("of"))
                    .then(|| count_after(text, i + k + 1, 4))
                    .flatten()
                    .and_then(|(at, _)| {
                        (word_after(text, at, 1) == Some("to"))
                            .then(|| count(text, at + 2))
                            .flatten()
                    })
            })?;
        return (score > top).then_some(i + k);
    }
    None
}

/// A sentence that splits one whole into shares and leaves "the rest", "the other" or "the
/// remaining" part, whose shares add up past 100%: "71% of success is preparation, 52% is
/// storytelling and the rest is execution". A share that follows "of" or "among" is the
/// whole the others are taken of ("of the 40% who churn, 70% leave in month one"), not one
/// of the parts, and neither is a level or a change set against another ("from 60% to 40%").
/// Returns the first and last share.
fn shares_past_whole(text: &Text<'_>, lists: &Lists, sentence: usize) -> Option<(usize, usize)> {
    let s = &text.sentences[sentence];
    // Two percentages at least, or there is nothing to add up: most sentences stop here.
    let percents = (s.first_token..s.end_token)
        .filter(|&i| text.tokens[i].kind == TokenKind::Number && is_percentage(text, i))
        .take(2)
        .count();
    if percents < 2 {
        return None;
    }
    let words = s.first_token..s.end_token;
    // A partition is named by what is left ("the rest", "the other 40%") or by splitting
    // one budget or base ("split", "allocated", "leaving a reserve").
    let rest = (s.first_token + 1..s.end_token).any(|t| {
        matches!(
            (text.lower(t - 1), text.lower(t)),
            ("the", "rest" | "other" | "remaining") | ("everyone", "else")
        )
    }) || words.clone().any(|t| lists.splits.contains(text.lower(t)));
    if !rest {
        return None;
    }
    let mut total = 0.0;
    let mut parts = Vec::new();
    for i in words {
        if text.tokens[i].kind != TokenKind::Number {
            continue;
        }
        let Some((v, true, _)) = value(text, i) else {
            continue;
        };
        let before = |k: usize| {
            if i >= s.first_token + k {
                text.lower(i - k)
            } else {
                ""
            }
        };
        if matches!(before(1), "of" | "among")
            || (before(1) == "the" && matches!(before(2), "of" | "among"))
        {
            continue;
        }
        // A level or a change compared with another ("from 60% to about 40%", "against 9%
        // for the rest") is no share of a partition.
        if [before(1), before(2)]
            .iter()
            .any(|w| lists.share_compared.contains(*w))
        {
            continue;
        }
        total += v;
        parts.push((i, i + percent_words(text, i)));
    }
    // From the first share's number to the last share's "%" or "percent".
    (parts.len() >= 2 && total > 100.0 + SHARE_SLACK)
        .then(|| (parts[0].0, parts[parts.len() - 1].1))
}

/// Every part in `text` that outgrows its whole, in answer order.
pub(crate) fn overflowing(text: &Text<'_>, lists: &Lists) -> Vec<Impossible> {
    let mut out = Vec::new();
    for i in 0..text.tokens.len() {
        let Some(v) = count(text, i) else {
            continue;
        };
        if let Some(last) = sample_past_pool(text, lists, i, v) {
            out.push(Impossible {
                first: i,
                last,
                why: "a sample cannot be larger than the group it was drawn from",
            });
        } else if let Some(last) = score_past_scale(text, i, v) {
            out.push(Impossible {
                first: i,
                last,
                why: "a score cannot pass the top of its own scale",
            });
        } else if let Some(last) = team_past_company(text, lists, i, v) {
            out.push(Impossible {
                first: i - 2,
                last,
                why: "a team cannot be larger than the company it is part of",
            });
        }
    }
    for sentence in 0..text.sentences.len() {
        if let Some((first, last)) = shares_past_whole(text, lists, sentence) {
            out.push(Impossible {
                first,
                last,
                why: "the shares of one whole add up to more than 100%",
            });
        }
    }
    out.sort_by_key(|f| f.first);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in content's lists, as the grader reads them.
    fn lists() -> &'static Lists {
        static LISTS: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();
        LISTS.get_or_init(|| {
            let catalog = debrief_content::load(None).expect("the built-in pack loads");
            crate::compile::Compiled::new(catalog.pack()).plausible
        })
    }

    fn found(answer: &str) -> Vec<&'static str> {
        overflowing(&Text::new(answer), lists())
            .into_iter()
            .map(|i| i.why)
            .collect()
    }

    #[test]
    fn parts_larger_than_their_whole_are_found() {
        assert_eq!(
            found("We tested it with a panel of 2,400 IT managers drawn from a pool of 1,800."),
            ["a sample cannot be larger than the group it was drawn from"]
        );
        assert_eq!(
            found("Sample: 40,000 new users per arm, out of 40,000 in total."),
            ["a sample cannot be larger than the group it was drawn from"]
        );
        assert_eq!(
            found("I increased brand trust by 48 points on a 10-point scale."),
            ["a score cannot pass the top of its own scale"]
        );
        assert_eq!(
            found("Users rated it 12 on a scale of 1 to 10."),
            ["a score cannot pass the top of its own scale"]
        );
        assert_eq!(
            found(
                "I believe 71% of success is preparation, 52% is storytelling and the rest is execution."
            ),
            ["the shares of one whole add up to more than 100%"]
        );
        assert_eq!(
            found(
                "Travellers are about 60 percent of sign-ups; students are the other 55 percent."
            ),
            ["the shares of one whole add up to more than 100%"]
        );
    }

    #[test]
    fn a_count_of_a_smaller_group_and_a_budget_split_past_its_whole_are_found() {
        assert_eq!(
            found("We'd aim for 2,000 of those 1,500 invitees to send an invoice."),
            ["a sample cannot be larger than the group it was drawn from"]
        );
        assert_eq!(
            found("The budget is $50,000: 60% on paid social, 50% on content and 30% on events."),
            ["the shares of one whole add up to more than 100%"]
        );
    }

    #[test]
    fn shares_past_their_whole_are_marked_from_the_first_number() {
        let text = Text::new(
            "Travellers are about 60 percent of sign-ups; students are the other 55 percent.",
        );
        let found = overflowing(&text, lists());
        let first = &text.tokens[found[0].first];
        assert_eq!(&text.source[first.start..first.end], "60");
    }

    #[test]
    fn a_team_larger_than_its_company_is_found() {
        assert_eq!(
            found("At a 30-person analytics startup, I led the marketing team of 45 people."),
            ["a team cannot be larger than the company it is part of"]
        );
        assert_eq!(
            found(
                "At a logistics start-up with four employees including me, I led a team of \
                 thirty-five engineers."
            ),
            ["a team cannot be larger than the company it is part of"]
        );
        for fine in [
            "At a 300-person startup, I led a team of 45 people.",
            "We were a 30-person startup when I joined and grew to a team of 45.",
            "I led a team of 45 people at a large bank.",
        ] {
            assert!(found(fine).is_empty(), "{fine}: {:?}", found(fine));
        }
    }

    #[test]
    fn parts_within_their_whole_are_left_alone() {
        for fine in [
            "We recruited 24 owners from a list of 300 who had churned.",
            "We interviewed 20 users out of the 5,000 who churned.",
            "We asked 500 users on a 5-point scale how easy setup was.",
            "Satisfaction rose 0.4 points on a 5-point scale.",
            "Of the 40% who churn, 70% leave in month one and the rest in month two.",
            "Travellers are 60% of sign-ups and students the other 40%.",
            "30% came from search, 25% from referrals, and the rest from paid social.",
            "The test ran 2,000 users per arm out of 9,000 eligible.",
            "Win rate was 27%, against 9% for the rest, and losses fell from 60% to about 40%.",
            "We reached 200 of the 1,500 invitees in week one.",
            "The budget rose 40% this year, and we split it 70% search and 30% events.",
        ] {
            assert!(found(fine).is_empty(), "{fine}: {:?}", found(fine));
        }
    }
}
