//! A yearly figure worked out from a monthly price without the twelve months: "2 million
//! customers, or about $98 million in ARR at $49 a month". The count times the monthly price is
//! a month's revenue; calling it a year's makes the answer twelve times short, and everything
//! sized from it (the market, the plan, the bet) is wrong by the same factor. Interviewers who
//! hear it stop the candidate, because it is arithmetic they can do in their head.
//!
//! A sentence is read when it states a count and a money figure marked yearly, and a price
//! marked monthly is stated in it or in a sentence before it ("Say $79 a month for a practice.
//! ... that's 2,000 practices, or about $158,000 in annual revenue"): the yearly figure must
//! be the count times that price, give or take a rounding, and not twelve times it. The count
//! must share the yearly figure's sentence, since "that's" ties the two. The words that mark a
//! month or a year are word lists of the pack (`month-words`, `year-words`).

use debrief_text::{Text, TokenKind};

use crate::plausible::{Impossible, Lists, WordSet, figure_end, value, word_after};

/// How far a stated yearly figure may sit from the count times the monthly price, either way,
/// and still be that product said with rounding ("about", "roughly"). Twelve times the
/// product, the true yearly figure, is far outside it.
const ROUNDING: f64 = 1.3;

/// How many words after a figure (and its own scale word) may come before its period: "$49
/// per location per month", "$98 million in annual recurring revenue".
const PERIOD_WITHIN: usize = 4;

/// Words before "month" or "year" that make it a period: "a month", "per year", "each month".
const PER: [&str; 6] = ["a", "an", "per", "each", "every", "in"];

/// Whether the figure at `i` is marked with a period of `words` within a few words after it,
/// before any other figure:
/// a word of the list that is itself a period ("monthly", "ARR", "annual"), or "month" or
/// "year" after a word that makes it one ("a month", "per year").
fn marked(text: &Text<'_>, i: usize, words: &WordSet) -> bool {
    let end = figure_end(text, i);
    // A period after the next figure is that figure's: "$30, about $360 a year".
    let before_next = (1..=PERIOD_WITHIN).take_while(|&k| {
        end + k < text.tokens.len() && text.tokens[end + k].kind != TokenKind::Number
    });
    before_next.into_iter().any(|k| {
        word_after(text, end, k).is_some_and(|w| {
            words.contains(w)
                && (!matches!(w, "month" | "year")
                    || word_after(text, end, k - 1).is_some_and(|p| PER.contains(&p)))
        })
    })
}

/// A count of things, not money, not a share, not a calendar year and not a length of time:
/// "2 million", "40,000", but not "10 school months" (a price for ten months is a year's).
fn count(text: &Text<'_>, i: usize, lists: &Lists) -> Option<f64> {
    let (v, percent, money) = value(text, i)?;
    let year_like = (1900.0..=2100.0).contains(&v) && !text.lower(i).contains(',');
    let end = figure_end(text, i);
    let duration = (1..=2).any(|k| {
        word_after(text, end, k).is_some_and(|w| {
            let one = w.strip_suffix('s').unwrap_or(w);
            lists.month_words.contains(one) || lists.year_words.contains(one)
        })
    });
    (!percent && !money && v >= 2.0 && !year_like && !duration).then_some(v)
}

/// A money figure of a sentence: its token, its value, and the period that marks it, if any.
struct Money {
    at: usize,
    value: f64,
    monthly: bool,
    yearly: bool,
}

/// Every yearly figure that is a count times a monthly price, in answer order: the yearly
/// figure is marked, from its number to its last scale word.
pub(crate) fn monthly_as_yearly(text: &Text<'_>, lists: &Lists) -> Vec<Impossible> {
    if lists.month_words.is_empty() || lists.year_words.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // The monthly prices stated so far: this sentence's, then those before it.
    let mut monthly: Vec<f64> = Vec::new();
    for s in &text.sentences {
        let numbers: Vec<usize> = (s.first_token..s.end_token)
            .filter(|&i| text.tokens[i].kind == TokenKind::Number)
            .collect();
        // Most sentences state no figure at all.
        if numbers.is_empty() {
            continue;
        }
        // Each money figure's period, read once.
        let figures: Vec<Money> = numbers
            .iter()
            .filter_map(|&at| {
                let (value, percent, money) = value(text, at)?;
                (money && !percent).then(|| {
                    let monthly = marked(text, at, &lists.month_words);
                    let yearly = !monthly && marked(text, at, &lists.year_words);
                    Money {
                        at,
                        value,
                        monthly,
                        yearly,
                    }
                })
            })
            .collect();
        monthly.extend(figures.iter().filter(|f| f.monthly).map(|f| f.value));
        // A count and a yearly figure here, and a monthly price here or before.
        if numbers.len() < 2 || monthly.is_empty() || !figures.iter().any(|f| f.yearly) {
            continue;
        }
        let counts: Vec<f64> = numbers
            .iter()
            .filter_map(|&i| count(text, i, lists))
            .collect();
        for &Money {
            at: i,
            value: yearly,
            yearly: is_yearly,
            ..
        } in &figures
        {
            if !is_yearly {
                continue;
            }
            let near = |product: f64| {
                product > 0.0 && (yearly / product).max(product / yearly) <= ROUNDING
            };
            // A monthly price times twelve is that price for a year ("$24 a month, or $288 a
            // year"), whatever count the sentence also holds ("for your team of 12").
            if monthly.iter().any(|&p| near(12.0 * p)) {
                continue;
            }
            let slipped = counts
                .iter()
                .any(|&n| monthly.iter().any(|&p| near(n * p) && !near(12.0 * n * p)));
            if slipped {
                out.push(Impossible {
                    first: i,
                    last: figure_end(text, i),
                    why: "a count times a monthly price is a month's revenue, not a year's",
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        let set = crate::plausible::word_set;
        Lists {
            month_words: set(&["month", "monthly", "mo", "mrr"]),
            year_words: set(&["year", "yearly", "annual", "annually", "arr"]),
            ..Lists::default()
        }
    }

    fn found(answer: &str) -> Vec<String> {
        let text = Text::new(answer);
        monthly_as_yearly(&text, &lists())
            .iter()
            .map(|f| text.source[text.tokens[f.first].start..text.tokens[f.last].end].to_owned())
            .collect()
    }

    #[test]
    fn a_month_of_revenue_called_a_year_is_found() {
        assert_eq!(
            found(
                "If we convert 5% of them, that's 2 million customers, or about $98 million \
                 in ARR at $49 a month."
            ),
            ["$98 million"]
        );
        assert_eq!(
            found("40,000 subscribers at $10 per seat per month gives $400,000 a year."),
            ["$400,000"]
        );
        assert_eq!(
            found("At £4 a month, 250,000 members bring in £1 million in annual revenue."),
            ["£1 million"]
        );
    }

    #[test]
    fn a_monthly_price_stated_sentences_before_is_read() {
        assert_eq!(
            found(
                "Say $79 a month for a practice. Dental offices in the region number about \
                 8,000, and a quarter would buy. That's 2,000 practices, or about $158,000 in \
                 annual revenue."
            ),
            ["$158,000"]
        );
        // The same figures with the twelve months in them pass.
        assert_eq!(
            found(
                "Say $79 a month for a practice. That's 2,000 practices, or about $1.9 million \
                 in annual revenue."
            ),
            Vec::<String>::new()
        );
        // A yearly figure with no count beside it is a price, not revenue.
        assert_eq!(
            found("Say $79 a month for a practice. The annual plan is $790 a year."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_twelve_months_and_monthly_figures_pass() {
        for answer in [
            "40,000 subscribers at $10 a month is $400,000 a month, or $4.8 million a year.",
            "2,000 customers at $49 a month is about $1.2 million in ARR.",
            "400,000 paying accounts at $29 a month, around $139 million in annual revenue.",
            "Our planned price is €25 a month, or €300 a year.",
            "At $60 per crew per month, a five-crew business pays $300 a month, $3,600 a year.",
            "In 2026, 12 teams at $49 a month would add $588 in MRR.",
            "For your team of 12, that's $24 more a month, or $288 a year.",
            "Assume $20 a month for 10 school months, or $200 a year.",
            "Three seats at $10 a month is 3 times $10, so $30, about $360 a year.",
            "We had 12,000 users paying $5 a month, which is $60,000 a month or $720,000 a year.",
        ] {
            assert_eq!(found(answer), Vec::<String>::new(), "{answer}");
        }
    }
}
