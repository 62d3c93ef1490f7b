//! Numbers no real answer can state: a share of a group above 100%, a rate such as adoption or
//! retention above 100%, a fall of more than 100%, more people than live on Earth, "11 out of
//! 10", a part larger than the whole it was taken from, a 26-hour day, a fifth quarter, time
//! running backwards. Nonsense dressed in the right frame is full of them, and a real answer
//! almost never has one; where it does, the candidate has misspoken in a way an interviewer
//! would stop them on.
//!
//! Which words make a number a share, a rate or a fall are word lists of the pack
//! (`rate-nouns`, `population-nouns`, `fall-words`, `rise-words`, `over-100-words`); the size of
//! the world's population is `grading.max_people`. The calendar (24 hours, 7 days, 4 quarters)
//! is not knowledge anyone edits, so it is code.

/// A word list asked of one word at a time (the same type as the compiled rule set's).
pub(crate) type WordSet = rustc_hash::FxHashSet<String>;

/// A word set from literal words, for the checks' tests.
#[cfg(test)]
pub(crate) fn word_set(words: &[&str]) -> WordSet {
    words.iter().map(|w| (*w).to_owned()).collect()
}

use debrief_text::{Text, TokenKind};

/// The word lists the checks read, each a set of lowercase words.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    /// Rates that cannot pass 100% ("adoption", "retention", "churn").
    pub rate_nouns: WordSet,
    /// Groups a share is taken of ("users", "customers", "people").
    pub population_nouns: WordSet,
    /// Words that make a percentage a fall ("down", "cut", "fell").
    pub fall_words: WordSet,
    /// Words that make a percentage a change rather than a level ("up", "grew", "by").
    pub rise_words: WordSet,
    /// Words that say a figure went up ("rose", "increase"), never words of value.
    pub up_words: WordSet,
    /// Words that say a figure went down ("fell", "reduction").
    pub down_words: WordSet,
    /// Feelings no one counts in units ("warmth", "dread").
    pub feeling_nouns: WordSet,
    /// Words that let a rate pass 100% in the same sentence ("revenue" in net revenue
    /// retention, "target" in 112% of target).
    pub over_100_words: WordSet,
    /// Words that make "N% of" a saving, which cannot pass 100% of what is paid ("save").
    pub saving_words: WordSet,
    /// The most people a count of people can reach.
    pub max_people: f64,
    /// People who live somewhere ("adults", "owners"), counted against a country's head count.
    pub resident_nouns: WordSet,
    /// Words that take a sentence past one country ("worldwide", "countries").
    pub beyond_place: WordSet,
    /// Country names and the most residents a count in each may give.
    pub places: Places,
    /// Words that make a money figure a flow counted many times over ("payments").
    pub money_flow: WordSet,
    /// The most money a market, a revenue or a spend can come to (0: not checked).
    pub max_money: f64,
    /// Words that open what a payment is made in, before "in" ("paid", "billed", "priced").
    pub payment_words: WordSet,
    /// Words that, after "paid in", name money or a term of payment ("euros", "cash",
    /// "instalments", "advance", "credits").
    pub money_terms: WordSet,
    /// Words that say a group was taken from a larger one ("drawn", "sampled").
    pub sample_drawn: WordSet,
    /// Words that make a figure one group of an experiment ("arm", "cell").
    pub experiment_group: WordSet,
    /// Words that say a sentence splits one whole into shares ("split", "budget").
    pub splits: WordSet,
    /// Words before a percentage that make it a level or a change ("from", "rose").
    pub share_compared: WordSet,
    /// Words that name an organisation ("company", "startup").
    pub orgs: WordSet,
    /// Words that count an organisation's people ("employees", "staff").
    pub headcount: WordSet,
    /// Words that let a sentence span time ("grew", "later").
    pub growth: WordSet,
    /// Words that hedge a figure before its number ("about", "roughly").
    pub figure_hedges: WordSet,
    /// Nouns that open a payment before "is in" ("payment", "billing").
    pub payment_nouns: WordSet,
    /// Words that mark a figure as monthly ("monthly", "MRR", "month" after "a" or "per").
    pub month_words: WordSet,
    /// Words that mark a figure as yearly ("annual", "ARR", "year" after "a" or "per").
    pub year_words: WordSet,
}

/// Country names by their first word, each as its lowercase words with the most residents a
/// count in that country may give: a sentence's words are looked up once each, and only a
/// word that starts a name is compared further.
#[derive(Debug, Clone, Default)]
pub struct Places {
    by_first: rustc_hash::FxHashMap<String, Vec<(Vec<String>, f64)>>,
}

impl Places {
    /// Indexes `(name, ceiling)` pairs; a name is lowercase words joined by single spaces.
    pub fn new<'a>(names: impl IntoIterator<Item = (&'a str, f64)>) -> Places {
        let mut places = Places::default();
        for (name, ceiling) in names {
            let words: Vec<String> = name.split(' ').map(str::to_owned).collect();
            places
                .by_first
                .entry(words[0].clone())
                .or_default()
                .push((words, ceiling));
        }
        places
    }

    /// Whether some name starts with `word`.
    pub fn starts(&self, word: &str) -> bool {
        self.by_first.contains_key(word)
    }

    /// The longest name at token `t` of `text`, ending before `end`: its length in words and
    /// its ceiling.
    fn at(&self, text: &Text<'_>, t: usize, end: usize) -> Option<(usize, f64)> {
        self.by_first
            .get(text.lower(t))?
            .iter()
            .filter(|(words, _)| {
                t + words.len() <= end
                    && words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| text.lower(t + k) == w)
            })
            .map(|(words, ceiling)| (words.len(), *ceiling))
            .max_by_key(|&(len, _)| len)
    }
}

/// One impossible statement: its tokens and why it cannot be.
#[derive(Debug, Clone, PartialEq)]
pub struct Impossible {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// Why no real figure can read so.
    pub why: &'static str,
}

/// A number token's value, whether it is a percentage and whether it is money: digits with
/// separators, a currency sign, a percent, a multiplier suffix ("2.4M", "3bn") or a multiplier
/// word after it ("80 billion").
pub(crate) fn value(text: &Text<'_>, i: usize) -> Option<(f64, bool, bool)> {
    let raw = text.lower(i);
    let after = word_after(text, i, 1);
    let (v, percent, money) = if text.is_spelled_number(i) {
        // A number in words ("twelve million", "forty percent"): "percent" is the word after
        // it, as "%" is after digits.
        (
            debrief_text::spelled_value(raw)?,
            is_percentage(text, i),
            false,
        )
    } else {
        let body: String = raw
            .trim_start_matches(['$', '£', '€', '¥', '+', '~'])
            .trim_end_matches('%')
            .chars()
            .filter(|&c| c != ',')
            .collect();
        let (digits, suffix) = match body.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
            Some(at) => body.split_at(at),
            None => (body.as_str(), ""),
        };
        let v: f64 = digits.parse().ok()?;
        let unit = match suffix {
            "" | "x" => 1.0,
            "k" => 1e3,
            "m" | "mm" => 1e6,
            "b" | "bn" => 1e9,
            "t" | "tn" => 1e12,
            _ => return None,
        };
        (
            v * unit,
            is_percentage(text, i),
            raw.starts_with(['$', '£', '€', '¥']),
        )
    };
    // The scale word after either kind ("80 billion", "twelve million").
    let scale = after.and_then(debrief_text::scale_word).unwrap_or(1.0);
    Some((v * scale, percent, money))
}

/// Why a feeling counted as a unit cannot be a figure.
const FEELING: &str = "a feeling is not a unit anyone can count or log";

/// Where the number at `i` counts a feeling: "7.4 dreads", "3.4 warmth units", "40 percent
/// of our longing". Returns the feeling's token.
fn counted_feeling(text: &Text<'_>, i: usize, percent: bool, lists: &Lists) -> Option<usize> {
    let own = figure_end(text, i);
    let feeling =
        |k: usize| word_after(text, own, k).is_some_and(|w| lists.feeling_nouns.contains(w));
    if feeling(1) {
        return Some(own + 1);
    }
    if percent && word_after(text, own, 1) == Some("of") {
        let k = if matches!(
            word_after(text, own, 2),
            Some("our" | "the" | "their" | "its" | "your" | "all")
        ) {
            3
        } else {
            2
        };
        return feeling(k).then_some(own + k);
    }
    None
}

/// Whether the number at `i` is a percentage: "40%", "40 percent", "forty per cent".
pub(crate) fn is_percentage(text: &Text<'_>, i: usize) -> bool {
    text.lower(i).ends_with('%') || percent_words(text, i) > 0
}

/// The last token of the number at `i` with its own words: a scale word ("80 billion") and
/// the words that make it a percentage ("40 percent").
pub(crate) fn figure_end(text: &Text<'_>, i: usize) -> usize {
    let scale = word_after(text, i, 1).is_some_and(|w| debrief_text::scale_word(w).is_some());
    i + usize::from(scale) + percent_words(text, i)
}

/// How many words after the number at `i` say it is a percentage: "percent" (1), "per cent"
/// (2), or none (0). "110 percent of the users" is a share as "110%" is; the checks that
/// read the words after a percentage start after these.
pub(crate) fn percent_words(text: &Text<'_>, i: usize) -> usize {
    match (word_after(text, i, 1), word_after(text, i, 2)) {
        (Some("percent"), _) => 1,
        (Some("per"), Some("cent")) => 2,
        _ => 0,
    }
}

/// The lowercase word `k` tokens after `i`, in its sentence.
pub(crate) fn word_after<'t>(text: &'t Text<'_>, i: usize, k: usize) -> Option<&'t str> {
    let j = i + k;
    (j < text.tokens.len() && text.tokens[j].sentence == text.tokens[i].sentence)
        .then(|| text.lower(j))
}

/// The lowercase words of `i`'s sentence from `from` up to (not including) `i`.
fn before<'t>(text: &'t Text<'_>, i: usize, from: usize) -> impl Iterator<Item = &'t str> {
    let sentence = text.tokens[i].sentence;
    (i.saturating_sub(from)..i)
        .filter(move |&j| text.tokens[j].sentence == sentence)
        .map(|j| text.lower(j))
}

/// The most residents the countries `i`'s sentence names can hold together, if it names any
/// and nothing in it looks past them.
fn residents_at_most(text: &Text<'_>, i: usize, lists: &Lists) -> Option<f64> {
    let s = &text.sentences[text.tokens[i].sentence];
    let mut total = 0.0;
    let mut named = false;
    let mut t = s.first_token;
    while t < s.end_token {
        // The longest name that starts here ("south africa", not "africa").
        match lists.places.at(text, t, s.end_token) {
            Some((len, ceiling)) => {
                total += ceiling;
                named = true;
                t += len;
            }
            None => t += 1,
        }
    }
    (named && !in_sentence(text, i, &lists.beyond_place)).then_some(total)
}

/// Whether any word of `i`'s sentence is in `set`.
fn in_sentence(text: &Text<'_>, i: usize, set: &WordSet) -> bool {
    let s = &text.sentences[text.tokens[i].sentence];
    (s.first_token..s.end_token).any(|j| set.contains(text.lower(j)))
}

/// Every impossible statement in `text`, in answer order.
pub fn impossible(text: &Text<'_>, lists: &Lists) -> Vec<Impossible> {
    let mut out = Vec::new();
    // Near the number: from five words before it to three after, in its sentence.
    let sentence_has = |i: usize, set: &WordSet| {
        let s = &text.sentences[text.tokens[i].sentence];
        (i.saturating_sub(5).max(s.first_token)..(i + 4).min(s.end_token))
            .any(|j| set.contains(text.lower(j)))
    };
    for i in 0..text.tokens.len() {
        let word = text.lower(i);
        if text.tokens[i].kind != TokenKind::Number {
            // "units of joy".
            if word == "units"
                && word_after(text, i, 1) == Some("of")
                && word_after(text, i, 2).is_some_and(|w| lists.feeling_nouns.contains(w))
            {
                out.push(Impossible {
                    first: i,
                    last: i + 2,
                    why: FEELING,
                });
                continue;
            }
            if let Some(why) = calendar(text, i, word) {
                out.push(Impossible {
                    first: i,
                    last: i,
                    why,
                });
            }
            continue;
        }
        let Some((v, percent, money)) = value(text, i) else {
            continue;
        };
        if let Some(last) = counted_feeling(text, i, percent, lists) {
            out.push(Impossible {
                first: i,
                last,
                why: FEELING,
            });
            continue;
        }
        if percent && v > 100.0 {
            // The percentage's last token: "%" is part of the number, "percent" a word.
            let end = i + percent_words(text, i);
            let share = word_after(text, end, 1) == Some("of")
                && (2..=5).any(|k| {
                    word_after(text, end, k).is_some_and(|w| lists.population_nouns.contains(w))
                })
                && !sentence_has(i, &lists.over_100_words);
            if share {
                out.push(Impossible {
                    first: i,
                    last: end,
                    why: "a share of a group cannot pass 100%",
                });
                continue;
            }
            let near: Vec<&str> = before(text, i, 4).collect();
            // "users save an average of 140% of their rent", with no rise between.
            let saving = word_after(text, end, 1) == Some("of")
                && near
                    .iter()
                    .rposition(|w| lists.saving_words.contains(*w))
                    .is_some_and(|at| {
                        !near[at + 1..].iter().any(|w| lists.rise_words.contains(*w))
                    })
                && !in_sentence(text, i, &lists.over_100_words);
            if saving {
                out.push(Impossible {
                    first: i,
                    last: end,
                    why: "a saving cannot be more than all of what is paid",
                });
                continue;
            }
            if near.iter().any(|w| lists.fall_words.contains(*w)) || cut_by(text, i, lists) {
                out.push(Impossible {
                    first: i,
                    last: i,
                    why: "nothing can fall by more than 100%",
                });
                continue;
            }
            // A rate noun shortly before the number, with no word of change between them
            // ("adoption was 112%"), or right after it, with none around it ("140% adoption",
            // not "a 150% conversion lift" or "up 140% adoption").
            let rise = |w: Option<&str>| w.is_some_and(|w| lists.rise_words.contains(w));
            let rate_before = near
                .iter()
                .rposition(|w| lists.rate_nouns.contains(*w))
                .is_some_and(|at| !near[at + 1..].iter().any(|w| lists.rise_words.contains(*w)));
            let rate_after = word_after(text, end, 1).is_some_and(|w| lists.rate_nouns.contains(w))
                && !rise(word_after(text, end, 2))
                && !near
                    .iter()
                    .rev()
                    .take(2)
                    .any(|w| lists.rise_words.contains(*w));
            let rate = (rate_before || rate_after) && !sentence_has(i, &lists.over_100_words);
            if rate {
                out.push(Impossible {
                    first: i,
                    last: i,
                    why: "a rate such as adoption, retention or churn, or a margin, cannot pass 100%",
                });
                continue;
            }
        }
        if !percent
            && !money
            && v > lists.max_people
            && (1..=4)
                .any(|k| word_after(text, i, k).is_some_and(|w| lists.population_nouns.contains(w)))
        {
            let multiplier = word_after(text, i, 1)
                .is_some_and(|w| matches!(w, "thousand" | "million" | "billion" | "trillion"));
            out.push(Impossible {
                first: i,
                last: i + usize::from(multiplier),
                why: "more people than live on Earth",
            });
            continue;
        }
        // "a market of about $410 trillion a year" for one city.
        if money
            && lists.max_money > 0.0
            && v > lists.max_money
            && !in_sentence(text, i, &lists.money_flow)
        {
            let multiplier =
                word_after(text, i, 1).is_some_and(|w| matches!(w, "billion" | "trillion"));
            out.push(Impossible {
                first: i,
                last: i + usize::from(multiplier),
                why: "more money than the whole world produces in a year",
            });
            continue;
        }
        // "85 million bakery owners in Portugal".
        if !percent
            && !money
            && (1..=3)
                .any(|k| word_after(text, i, k).is_some_and(|w| lists.resident_nouns.contains(w)))
            && let Some(ceiling) = residents_at_most(text, i, lists)
            && v > ceiling
        {
            let multiplier = word_after(text, i, 1)
                .is_some_and(|w| matches!(w, "thousand" | "million" | "billion"));
            out.push(Impossible {
                first: i,
                last: i + usize::from(multiplier),
                why: "more people than live in the country the sentence names",
            });
            continue;
        }
        // "38 million people. Of those, 44 million are adults."
        if !percent
            && !money
            && let Some(whole) = whole_before(text, i)
            && v > whole
        {
            out.push(Impossible {
                first: i,
                last: i,
                why: "a part cannot be larger than the whole",
            });
            continue;
        }
        // "11 out of 10".
        if word_after(text, i, 1) == Some("out")
            && word_after(text, i, 2) == Some("of")
            && text
                .tokens
                .get(i + 3)
                .is_some_and(|t| t.kind == TokenKind::Number)
            && let Some((whole, _, _)) = value(text, i + 3)
            && v > whole
        {
            out.push(Impossible {
                first: i,
                last: i + 3,
                why: "a part cannot be larger than the whole",
            });
            continue;
        }
        // "720,000 dogs times $40 a month is about $2.9 billion a month."
        if let Some(last) = product_off(text, i, v, percent) {
            out.push(Impossible {
                first: i,
                last,
                why: "the arithmetic does not hold: the result stated is far from what its figures multiply or divide to",
            });
            continue;
        }
        // "minus three weeks" is caught on the word; "in minus 3 weeks" here.
        if i > 0 && text.lower(i - 1) == "minus" && word_after(text, i, 1).is_some_and(is_duration)
        {
            out.push(Impossible {
                first: i - 1,
                last: i + 1,
                why: "time cannot run backwards",
            });
        }
    }
    out
}

/// How far a stated product may sit from the true one, either way, and still be a rounding
/// ("about", "roughly"): beyond it the candidate has slipped a digit or a unit.
const PRODUCT_TOLERANCE: f64 = 1.6;

/// Where a multiplication stated in one sentence goes wrong: the number at `i` (value `a`),
/// then within three words "times", "multiplied by", "divided by" or "x", a number (or a small
/// number in words), then within four words a
/// word that states the result ("is", "gives", "that's", "comes to", "equals", "=") and,
/// after an optional "about", a number. A percentage first reads "20% of 7.2 million is ...".
/// Returns the last token of the statement when the stated result is more than
/// [`PRODUCT_TOLERANCE`] away from the product.
fn product_off(text: &Text<'_>, i: usize, a: f64, percent: bool) -> Option<usize> {
    let sentence = text.tokens[i].sentence;
    let in_sentence = |j: usize| j < text.tokens.len() && text.tokens[j].sentence == sentence;
    let number_at = |from: usize, within: usize| {
        (from..from + within)
            .take_while(|&j| in_sentence(j))
            .find(|&j| text.tokens[j].kind == TokenKind::Number)
    };
    // The operator right after the first number (up to three unit words may sit between:
    // "12 million active bikes divided by").
    let op = (i + 1..i + 5).take_while(|&j| in_sentence(j)).find(|&j| {
        let w = text.lower(j);
        if percent {
            w == "of"
        } else {
            matches!(w, "times" | "x" | "×")
                || (matches!(w, "multiplied" | "divided") && word_after(text, j, 1) == Some("by"))
        }
    })?;
    let divides = text.lower(op) == "divided";
    // The chain is read from its first number: "320 x 0.6 x 0.5" is not "0.6 x 0.5".
    if i > 0
        && text.tokens[i - 1].sentence == sentence
        && matches!(text.lower(i - 1), "x" | "×" | "times" | "by")
    {
        return None;
    }
    // Only unit words between the number and the operator: "360,000 minutes; 40,000 x 4"
    // multiplies the 40,000.
    let between = &text.source[text.tokens[i].end..text.tokens[op].start];
    if (i + 1..op).any(|j| text.tokens[j].kind == TokenKind::Number) || between.contains([';', ':'])
    {
        return None;
    }
    let op_end = if matches!(text.lower(op), "multiplied" | "divided") {
        op + 1
    } else {
        op
    };
    let (mut b_at, (mut b, b_percent, _)) = match number_at(op_end + 1, 2) {
        Some(at) => (at, value(text, at)?),
        // A small divisor or factor stays a word, alone or in a compound: "divided by two",
        // "divided by a two-year replacement cycle".
        None => (op_end + 1..op_end + 3)
            .take_while(|&j| in_sentence(j))
            .find_map(|j| {
                let head = text.lower(j).split('-').next().unwrap_or_default();
                debrief_text::spelled_value(head)
                    .filter(|&v| v > 0.0)
                    .map(|v| (j, (v, false, false)))
            })?,
    };
    // A chain multiplies on: "320 x 0.6 x 0.5 hours is about 96".
    while let Some(next) = (b_at + 1..b_at + 3)
        .filter(|_| !divides)
        .take_while(|&j| in_sentence(j))
        .find(|&j| matches!(text.lower(j), "x" | "×" | "times"))
        .and_then(|j| number_at(j + 1, 1))
    {
        let (factor, factor_percent, _) = value(text, next)?;
        if factor_percent {
            return None;
        }
        b *= factor;
        b_at = next;
    }
    // The word that states the result, after the second number and its unit words.
    let says = (b_at + 1..b_at + 6)
        .take_while(|&j| in_sentence(j))
        .find(|&j| {
            matches!(
                text.lower(j),
                "is" | "gives" | "that's" | "equals" | "=" | "makes" | "comes" | "leaves" | "gets"
            )
        })?;
    let c_at = number_at(says + 1, 4)?;
    let (c, c_percent, _) = value(text, c_at)?;
    if b_percent || c_percent || a <= 0.0 || b <= 0.0 || c <= 0.0 {
        return None;
    }
    let product = if percent {
        a / 100.0 * b
    } else if divides {
        a / b
    } else {
        a * b
    };
    let ratio = c / product;
    let multiplier =
        word_after(text, c_at, 1).is_some_and(|w| debrief_text::scale_word(w).is_some());
    (!(1.0 / PRODUCT_TOLERANCE..=PRODUCT_TOLERANCE).contains(&ratio))
        .then_some(c_at + usize::from(multiplier))
}

/// The whole a count at `i` is a part of, when its sentence opens "Of those,", "Of them," or
/// "Of these," with the count among its next few words: the last plain count (not a share or
/// money) of the sentence before.
fn whole_before(text: &Text<'_>, i: usize) -> Option<f64> {
    let sentence = &text.sentences[text.tokens[i].sentence];
    let at = sentence.first_token;
    if text.lower(at) != "of"
        || !matches!(text.lower(at + 1), "those" | "them" | "these")
        || !text.source[text.tokens[at + 1].end..text.tokens[at + 2].start].contains(',')
        || i > at + 5
        || text.tokens[at + 2..i]
            .iter()
            .any(|t| t.kind == TokenKind::Number)
    {
        return None;
    }
    let previous = text.tokens[at.checked_sub(1)?].sentence;
    (text.sentences[previous].first_token..at)
        .rev()
        .filter(|&j| text.tokens[j].kind == TokenKind::Number)
        .find_map(|j| value(text, j).filter(|&(_, percent, money)| !percent && !money))
        .map(|(v, ..)| v)
}

/// Whether the percentage at `i` ends "<a fall word> <what fell> by N%" ("cut childcare
/// anxiety for shift workers by 340%"): the words of change sit before the thing that
/// changed, so they can be far from the number. The clause is read back from "by" until a
/// comma, colon, semicolon or a word that starts another clause; a rise word on the way
/// ("cut costs and grew sales by 140%") means the percentage is a rise.
fn cut_by(text: &Text<'_>, i: usize, lists: &Lists) -> bool {
    const CLAUSE: usize = 12;
    if i == 0 || text.lower(i - 1) != "by" {
        return false;
    }
    let first = text.sentences[text.tokens[i].sentence].first_token;
    for j in (i.saturating_sub(CLAUSE).max(first)..i - 1).rev() {
        let gap = &text.source[text.tokens[j].end..text.tokens[j + 1].start];
        if gap.contains([',', ';', ':', '(', ')']) {
            return false;
        }
        let word = text.lower(j);
        if lists.rise_words.contains(word)
            || matches!(
                word,
                "and" | "but" | "while" | "which" | "that" | "so" | "then"
            )
        {
            return false;
        }
        if lists.fall_words.contains(word) {
            return true;
        }
    }
    false
}

fn is_duration(word: &str) -> bool {
    matches!(
        word,
        "second"
            | "seconds"
            | "minute"
            | "minutes"
            | "hour"
            | "hours"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "quarter"
            | "quarters"
            | "year"
            | "years"
    )
}

/// Calendar impossibilities written as words: "26-hour day", "8-day week", "Q5", "minus three
/// weeks".
fn calendar(text: &Text<'_>, i: usize, word: &str) -> Option<&'static str> {
    if let Some(rest) = word.strip_prefix('q')
        && rest.len() == 1
        && rest.parse::<u32>().is_ok_and(|q| q > 4)
    {
        return Some("a year has four quarters");
    }
    // "30-day": only a word that opens with a digit can be a count of days.
    if word.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && let Some((n, unit)) = word.split_once('-')
        && let Ok(n) = n.parse::<u32>()
    {
        let next = word_after(text, i, 1);
        let too_many = match (unit, next) {
            ("hour", Some("day" | "weekday" | "workday")) => n > 24,
            ("day", Some("week" | "workweek")) => n > 7,
            ("month", Some("year")) => n > 12,
            _ => false,
        };
        if too_many {
            return Some("longer than the calendar allows");
        }
    }
    if word == "minus"
        && let Some(next) = word_after(text, i, 1)
        && !next.is_empty()
        && next.chars().all(|c| c.is_ascii_alphabetic())
        && word_after(text, i, 2).is_some_and(is_duration)
    {
        return Some("time cannot run backwards");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        let set = crate::plausible::word_set;
        Lists {
            rate_nouns: set(&["adoption", "retention", "churn", "rate", "margin"]),
            population_nouns: set(&["users", "people", "group", "customers", "actives"]),
            fall_words: set(&["down", "cut", "fell"]),
            rise_words: set(&["up", "by", "grew", "rose"]),
            over_100_words: set(&["revenue", "target", "net"]),
            max_people: 8.2e9,
            feeling_nouns: set(&["warmth", "dreads", "longing", "joy"]),
            saving_words: set(&["save", "saved", "savings"]),
            resident_nouns: set(&["people", "owners", "adults", "businesses"]),
            beyond_place: set(&["worldwide", "countries"]),
            money_flow: set(&["payments", "traded"]),
            max_money: 1.6e14,
            places: Places::new([
                ("portugal", 10.5e6 * 1.15),
                ("spain", 48.4e6 * 1.15),
                ("south africa", 62.4e6 * 1.15),
            ]),
            ..Lists::default()
        }
    }

    fn found(answer: &str) -> Vec<&'static str> {
        impossible(&Text::new(answer), &lists())
            .into_iter()
            .map(|i| i.why)
            .collect()
    }

    #[test]
    fn no_market_is_worth_more_than_the_world_produces() {
        assert_eq!(
            found("The market for dog walking in Columbus comes to about $410 trillion a year."),
            ["more money than the whole world produces in a year"]
        );
        assert!(found("The global market for pet care is about $300 billion a year.").is_empty());
        assert!(found("Card networks carry about $200 trillion of payments a year.").is_empty());
    }

    #[test]
    fn a_country_holds_no_more_people_than_live_there() {
        assert_eq!(
            found("The people I'd target are the 85 million bakery owners in Portugal."),
            ["more people than live in the country the sentence names"]
        );
        assert_eq!(
            found("South Africa has about 90 million adults."),
            ["more people than live in the country the sentence names"]
        );
        // Within the head count, several countries summed, or a sentence past the country.
        assert!(found("Portugal has about 10.4 million people.").is_empty());
        assert!(found("Spain and Portugal together have 55 million adults.").is_empty());
        assert!(found("We reached 200 million people worldwide, many in Portugal.").is_empty());
        assert!(found("Portugal gets 30 million visits from tourists a year.").is_empty());
    }

    #[test]
    fn margins_and_savings_stay_within_what_is_paid() {
        assert_eq!(
            found("That gives a healthy gross margin of about 160%."),
            ["a rate such as adoption, retention or churn, or a margin, cannot pass 100%"]
        );
        assert_eq!(
            found("Our users save an average of 140% of their monthly rent."),
            ["a saving cannot be more than all of what is paid"]
        );
        // A margin that grew, a saving against a target, saved items that grew: all possible.
        assert!(found("Gross margin grew by 120% over two years.").is_empty());
        assert!(found("We saved 120% of the savings target.").is_empty());
        assert_eq!(
            found("Saved searches rose 150% of last year's level."),
            Vec::<&str>::new()
        );
        assert!(found("Users save 14% of their monthly rent on average.").is_empty());
    }

    #[test]
    fn impossible_figures_are_found() {
        assert_eq!(
            found("We tested it on 140% of our users."),
            ["a share of a group cannot pass 100%"]
        );
        assert_eq!(
            found("Adoption was 112% by week eight."),
            ["a rate such as adoption, retention or churn, or a margin, cannot pass 100%"]
        );
        assert_eq!(
            found("We hit 140% adoption among new teams."),
            ["a rate such as adoption, retention or churn, or a margin, cannot pass 100%"]
        );
        assert_eq!(
            found("Support contacts were down 400%."),
            ["nothing can fall by more than 100%"]
        );
        // The fall word opens the clause; what fell stands between it and "by".
        assert_eq!(
            found("The goal: cut waiting anxiety for night-shift parents by 340% within a year."),
            ["nothing can fall by more than 100%"]
        );
        assert_eq!(
            found("We reached 80 billion weekly actives."),
            ["more people than live on Earth"]
        );
        assert_eq!(
            found("Satisfaction hit 11 out of 10."),
            ["a part cannot be larger than the whole"]
        );
        assert_eq!(
            found("They work a 26-hour weekday."),
            ["longer than the calendar allows"]
        );
        assert_eq!(found("We launch in Q5."), ["a year has four quarters"]);
        assert_eq!(
            found("The city has 3 million people. Of those, roughly 4 million ride a bike."),
            ["a part cannot be larger than the whole"]
        );
        assert_eq!(
            found("It shipped in minus three weeks."),
            ["time cannot run backwards"]
        );
        let off = "the arithmetic does not hold: the result stated is far from what its figures \
                   multiply or divide to";
        assert_eq!(
            found("720,000 dogs times $40 a month is about $2.9 billion a month."),
            [off]
        );
        assert_eq!(
            found(
                "Twelve million active bikes divided by a two-year replacement cycle gives us \
                 sixty million replacement tires per year."
            ),
            [off]
        );
        assert_eq!(found("10% of 7.2 million dogs is 72,000 dogs."), [off]);
        // "percent" or "per cent" in words makes a percentage as "%" does.
        assert_eq!(
            found("We won back 110 percent of the users we had lost."),
            ["a share of a group cannot pass 100%"]
        );
        assert_eq!(
            found("We hit 140 per cent adoption among new teams."),
            ["a rate such as adoption, retention or churn, or a margin, cannot pass 100%"]
        );
        assert_eq!(
            found("20 percent of 7.2 million dogs is 14 million dogs."),
            [off]
        );
        assert!(
            found("Revenue grew 110 percent, and we reached 130 percent of target.").is_empty()
        );
        assert!(found("20 percent of 7.2 million dogs is about 1.4 million dogs.").is_empty());
        // A feeling counted in units.
        let feeling = "a feeling is not a unit anyone can count or log";
        assert_eq!(found("Baseline: 3.4 warmth units per session."), [feeling]);
        assert_eq!(
            found("Shoppers arrive with 7.4 dreads and leave with 9.1."),
            [feeling]
        );
        assert_eq!(
            found("The evening city carries 40 percent of our longing."),
            [feeling]
        );
        assert_eq!(found("We measure it in units of joy."), [feeling]);
        assert!(found("We cut the top 3 frustrations and lifted trust by 4 points.").is_empty());
        assert_eq!(found("3 times 40 equals 1200."), [off]);
    }

    #[test]
    fn real_figures_pass() {
        for answer in [
            "Sign-ups grew 340% in a quarter.",
            "Retention rose by 140% after the change.",
            "Net revenue retention was 112%.",
            "Net revenue retention, the figure the board watched most closely, was 112%.",
            "We came in at 112% of target.",
            "Activation went from 18% to 29% in eight weeks.",
            "Latency fell 40%, from 300 ms to 180 ms.",
            "About 4 billion people use a smartphone.",
            "A $250 billion market of small businesses.",
            "Nine out of ten admins finished setup.",
            "We ship in Q3 on a 4-day week.",
            "A 3x lift on 2.4M visits.",
            "It drove a 150% conversion lift in the test cell.",
            "That was up 140% adoption year on year.",
            // A rise, a clause break or a new clause between the fall word and "by".
            "We cut prices for students and grew sign-ups by 140%.",
            "We cut the onboarding steps, and sign-ups by new teams went up by 140%.",
            "Churn fell, which lifted revenue by 120%.",
            "We cut the plan that doubled revenue by 300%.",
            "The city has 3 million people. Of those, about 40% ride a bike.",
            "The city has 3 million people. Of those, 900,000 ride a bike.",
            "We had 40 customers. Of them, 2 churned, and 300 new ones came in that year.",
            "We looked at 12 markets. Of those that grew, 5,000 stores opened.",
            // Multiplications that hold, rounded as people round them.
            "720,000 dogs times $40 a month is about $29 million a month.",
            "10% of 7.2 million dogs is 720,000 dogs.",
            "20 million households times 30% gives 6 million.",
            "About 650,000 bikes times one repair a year is roughly 650,000 jobs.",
            "Two visits a week times 52 weeks is 104 visits.",
            "3 times a week is 12 times a month.",
            "That is 320 x 0.6 x 0.5 hours, which is about 96 hours.",
            "320 x 0.6 x 0.5 hours is about 96.",
            "A year is 360,000 minutes; 40,000 x 4 is 160,000.",
            "Revenue is $45 million; 250,000 x $180 is $45 million.",
            // Divisions that hold, in digits and in words.
            "12 million bikes divided by 2 is 6 million.",
            "Twelve million active bikes divided by a two-year cycle gives six million tires.",
            "So 4,500 jobs divided by 300 working days is about 15 a day.",
            "Sixty thousand keen riders times two is a hundred twenty thousand visits.",
            "Twenty-four thousand times eighty is just under two million dollars a year.",
        ] {
            assert!(found(answer).is_empty(), "{answer}: {:?}", found(answer));
        }
    }
}
