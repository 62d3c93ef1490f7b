//! Learned word weights per finding category ([`debrief_pack::FlawModel`]): how much an
//! answer's words read like the weak answers of the calibration set's tuning part that show a
//! flaw, for the flaws phrase lists keep missing when a candidate puts them in new words.
//!
//! Why learned weights and not sentence vectors: the static vectors place a sentence by its
//! topic (the product, the industry), not by what it does (credits a change it cannot
//! separate from a season, brokers instead of deciding), so similarity to example sentences
//! could not tell flawed answers from sound ones. Words and word pairs weighed against sound
//! answers on the same questions can, for the flaws the fit covers; every finding still
//! names the sentence and the words that weighed most.
//!
//! The features are an answer's lower-case words and pairs of words in a row within a
//! sentence, each counted once an answer: the fit ([`crate::calibrate::fit_flaws`]) and the
//! grader read them with the one function here, so what was fitted is what is scored.

use debrief_pack::{Category, FlawModel};
use debrief_text::{Assertion, Text};

use crate::phrases::PhraseIndex;
use rustc_hash::FxHashMap;

/// Words at most this many in a row, opening a line and closed by a colon, are a heading
/// ("What I did:"), whatever the label reading makes of them.
const HEADING_WORDS: usize = 4;

/// Per token, whether the answer does not use it as its own words: quoted or named to be
/// talked about ("I searched every page for 'guarantee'"), in a line-opening label
/// ("Result:"), or in a short heading that opens a line and ends in a colon ("What I did:"),
/// which the label reading leaves alone because it holds a subject. Such words are no
/// feature: a label edit must not move the reading, and a flaw's words quoted in order to
/// remove them are not the flaw.
pub fn unused(text: &Text<'_>, assertion: &Assertion) -> Vec<bool> {
    let mut out: Vec<bool> = assertion
        .mentioned
        .iter()
        .zip(&assertion.label)
        .map(|(&m, &l)| m || l)
        .collect();
    let source = text.source.as_bytes();
    let opens_line = |t: usize| {
        source[..text.tokens[t].start]
            .iter()
            .rev()
            .find(|b| !b.is_ascii_whitespace() || **b == b'\n')
            .is_none_or(|&b| b == b'\n')
    };
    for line in (0..text.tokens.len()).filter(|&t| opens_line(t)) {
        // Headings stack ("User segments: Why PMM: ..."): each one after the last is one too.
        let mut t = line;
        while let Some(last) = (t..text.tokens.len().min(t + HEADING_WORDS))
            .take_while(|&u| !source[text.tokens[t].start..text.tokens[u].end].contains(&b'\n'))
            .find(|&u| source.get(text.tokens[u].end) == Some(&b':'))
        {
            out[t..=last].iter_mut().for_each(|u| *u = true);
            t = last + 1;
        }
    }
    out
}

/// Word `i` as a feature word, or `None`. Figures are what one story is about, not how an
/// answer argues (the number rules read them): a word with a digit is no feature, nor a pair
/// that holds one; neither is a word marked in `unused`.
fn feature_word<'t>(text: &'t Text<'_>, unused: &[bool], i: usize) -> Option<&'t str> {
    Some(text.lower(i))
        .filter(|_| !unused.get(i).copied().unwrap_or(false))
        .filter(|w| !w.bytes().any(|b| b.is_ascii_digit()))
}

/// Words of the answer's own (not marked in `unused`): what a `flaw-likeness` rule's
/// `min_words` counts, in the grader and in the fit alike.
pub fn own_words(unused: &[bool]) -> usize {
    unused.iter().filter(|&&u| !u).count()
}

/// Each feature of the answer, in text order, as (sentence, first word, second word for a
/// pair): every word and every two words in a row within a sentence, each word as `word`
/// gives it (`None`: no feature, nor any pair that holds it). The fit reads words as text,
/// the grader as the numbers its table gives them; the walk is this one for both.
fn each_feature<T: Copy>(
    text: &Text<'_>,
    word: impl Fn(usize) -> Option<T>,
    mut visit: impl FnMut(usize, T, Option<T>),
) {
    let words: Vec<Option<T>> = (0..text.tokens.len()).map(word).collect();
    for (s, sentence) in text.sentences.iter().enumerate() {
        for i in sentence.first_token..sentence.end_token {
            let Some(a) = words[i] else { continue };
            visit(s, a, None);
            if i + 1 < sentence.end_token
                && let Some(b) = words[i + 1]
            {
                visit(s, a, Some(b));
            }
        }
    }
}

/// One answer's features: each distinct feature once, with the sentences it occurs in (what
/// the fit reads; the grader looks up only the features its table holds, the same way).
pub fn features(text: &Text<'_>, unused: &[bool]) -> FxHashMap<String, Vec<usize>> {
    let mut out: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let word = |i: usize| feature_word(text, unused, i);
    each_feature(text, word, |s, a, pair| {
        let feature = match pair {
            None => a.to_owned(),
            Some(b) => format!("{a} {b}"),
        };
        let at = out.entry(feature).or_default();
        if at.last() != Some(&s) {
            at.push(s);
        }
    });
    out
}

/// A feature of the table found in an answer: (entry, sentence).
type Found = (u32, usize);

/// One weighed feature: its text (shown in findings) and its weight per category index.
#[derive(Debug, Clone, Default)]
struct Entry {
    feature: String,
    weights: Vec<(usize, f64)>,
}

/// The learned weights, indexed so that an answer costs no string lookup of its own: each
/// word of the table is numbered in the phrase index, whose numbering of the answer's words
/// the grader makes once, and pairs are found by their two numbers.
#[derive(Debug, Clone, Default)]
pub struct FlawTable {
    /// Per learned category: the category, its bias and its threshold.
    categories: Vec<(Category, f64, f64)>,
    /// By word number: the entry of the word alone, if it is a feature, and whether the word
    /// opens a pair of the table (most do not: no pair need be looked up after them).
    alone: Vec<(Option<u32>, bool)>,
    /// Two word numbers → the entry of the pair.
    pairs: FxHashMap<(u32, u32), u32>,
    entries: Vec<Entry>,
}

/// How one answer reads against one category's weights.
#[derive(Debug, Clone, PartialEq)]
pub struct FlawReading {
    /// Log-odds above the category's threshold (above 0: the answer reads like the flaw).
    pub margin: f64,
    /// The sentence whose features weigh most toward the flaw (0 when the margin is not above
    /// 0: it is only looked for when the answer reads like the flaw).
    pub sentence: usize,
    /// The features in that sentence that weigh most toward it (at most 3; none when the
    /// margin is not above 0): those with a word other than a function word first, heaviest
    /// first within each.
    pub words: Vec<String>,
}

impl FlawTable {
    /// Indexes a validated pack's model, numbering its words in `words`; categories that fail
    /// to parse are skipped (validation reports them).
    pub fn new(model: &FlawModel, words: &mut PhraseIndex) -> FlawTable {
        let mut table = FlawTable::default();
        let mut index: FxHashMap<String, u32> = FxHashMap::default();
        for weights in &model.categories {
            let Some(category) = Category::parse(&weights.category) else {
                continue;
            };
            let c = table.categories.len();
            table
                .categories
                .push((category, weights.bias, weights.threshold));
            for (feature, w) in weights.entries().flatten() {
                let e = *index.entry(feature.to_owned()).or_insert_with(|| {
                    table.entries.push(Entry {
                        feature: feature.to_owned(),
                        weights: Vec::new(),
                    });
                    (table.entries.len() - 1) as u32
                });
                table.entries[e as usize].weights.push((c, w));
            }
        }
        for (e, entry) in table.entries.iter().enumerate() {
            let (first, second) = match entry.feature.split_once(' ') {
                Some((a, b)) => (a, Some(b)),
                None => (entry.feature.as_str(), None),
            };
            let a = words.number(first);
            let b = second.map(|w| words.number(w));
            let slots = (a.max(b.unwrap_or(0)) as usize + 1).max(table.alone.len());
            table.alone.resize(slots, (None, false));
            match b {
                None => table.alone[a as usize].0 = Some(e as u32),
                Some(b) => {
                    table.alone[a as usize].1 = true;
                    table.pairs.insert((a, b), e as u32);
                }
            }
        }
        table
    }

    /// How the answer reads against every learned category, in model order. `numbers` is
    /// each token's word as the phrase index numbers it ([`PhraseIndex::numbers`]).
    pub fn read(
        &self,
        text: &Text<'_>,
        unused: &[bool],
        numbers: &[Option<u32>],
    ) -> Vec<(Category, FlawReading)> {
        // The table's features the answer holds, as (entry, sentence): pairs are found by
        // their two numbers. Words numbered only by phrases weigh nothing here.
        let number = |i: usize| {
            numbers[i]
                .filter(|&a| (a as usize) < self.alone.len())
                .filter(|_| feature_word(text, unused, i).is_some())
        };
        let mut found: Vec<Found> = Vec::with_capacity(text.tokens.len());
        each_feature(text, number, |s, a, pair| {
            let (alone, opens_pair) = self.alone[a as usize];
            let e = match pair {
                None => alone,
                Some(b) if opens_pair => self.pairs.get(&(a, b)).copied(),
                Some(_) => None,
            };
            if let Some(e) = e {
                found.push((e, s));
            }
        });
        // A feature counts once toward the answer, however many sentences hold it: a bit per
        // entry marks those held, which costs less than sorting what was found, and reading
        // the bits in entry order adds the weights in the same order on every machine.
        let mut held = vec![0u64; self.entries.len().div_ceil(64)];
        for &(e, _) in &found {
            held[e as usize / 64] |= 1u64 << (e % 64);
        }
        let mut logit: Vec<f64> = self.categories.iter().map(|c| c.1).collect();
        for (k, &bits) in held.iter().enumerate() {
            let mut rest = bits;
            while rest != 0 {
                let e = k * 64 + rest.trailing_zeros() as usize;
                rest &= rest - 1;
                for &(c, w) in &self.entries[e].weights {
                    logit[c] += w;
                }
            }
        }
        let margins: Vec<f64> = logit
            .iter()
            .zip(&self.categories)
            .map(|(l, &(_, _, threshold))| l - threshold)
            .collect();
        // Where the answer reads like a flaw, the sentences are weighed with each feature
        // once a sentence; most answers read like none, and skip this.
        if margins.iter().any(|&m| m > 0.0) {
            found.sort_unstable();
            found.dedup();
        }
        self.categories
            .iter()
            .zip(margins)
            .enumerate()
            .map(|(c, (&(category, ..), margin))| {
                // Where the answer reads like the flaw is only worth finding when it does.
                let (sentence, words) = if margin > 0.0 {
                    self.heaviest(text, &found, c)
                } else {
                    (0, Vec::new())
                };
                let reading = FlawReading {
                    margin,
                    sentence,
                    words,
                };
                (category, reading)
            })
            .collect()
    }

    /// The sentence whose features weigh most toward category `c` (the first on a tie), and
    /// the features in it that pull toward the category, for the finding to show: words that
    /// say something ("went from", "context") before those made only of function words ("the",
    /// "is the"), heaviest first within each, at most 3.
    fn heaviest(&self, text: &Text<'_>, found: &[Found], c: usize) -> (usize, Vec<String>) {
        let weight = |e: u32| {
            self.entries[e as usize]
                .weights
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(0.0, |w| w.1)
        };
        let mut pull = vec![0.0f64; text.sentences.len()];
        for &(e, s) in found {
            pull[s] += weight(e);
        }
        let Some(sentence) = found
            .iter()
            .map(|&(_, s)| s)
            .max_by(|&a, &b| pull[a].total_cmp(&pull[b]).then(b.cmp(&a)))
        else {
            return (0, Vec::new());
        };
        let says = |f: &str| !f.split(' ').all(debrief_text::is_function_word);
        let mut words: Vec<(f64, &str)> = found
            .iter()
            .filter(|&&(_, s)| s == sentence)
            .map(|&(e, _)| (weight(e), self.entries[e as usize].feature.as_str()))
            .filter(|&(w, _)| w > 0.0)
            .collect();
        words.sort_by(|a, b| {
            says(b.1)
                .cmp(&says(a.1))
                .then(b.0.total_cmp(&a.0))
                .then(a.1.cmp(b.1))
        });
        (
            sentence,
            words.iter().take(3).map(|w| w.1.to_owned()).collect(),
        )
    }
}
