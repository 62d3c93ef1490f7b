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

/// One answer's features: each distinct feature once, with the sentences it occurs in. Tokens
/// marked in `unused` are skipped, and no pair spans one.
pub fn features(text: &Text<'_>, unused: &[bool]) -> FxHashMap<String, Vec<usize>> {
    let mut out: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut add = |feature: String, sentence: usize| {
        let at = out.entry(feature).or_default();
        if at.last() != Some(&sentence) {
            at.push(sentence);
        }
    };
    // Figures are what one story is about, not how an answer argues (the number rules read
    // them): a word with a digit is no feature, nor a pair that holds one.
    let word = |i: usize| {
        Some(text.lower(i))
            .filter(|_| !unused.get(i).copied().unwrap_or(false))
            .filter(|w| !w.bytes().any(|b| b.is_ascii_digit()))
    };
    for (s, sentence) in text.sentences.iter().enumerate() {
        for i in sentence.first_token..sentence.end_token {
            let Some(first) = word(i) else { continue };
            add(first.to_owned(), s);
            if let Some(second) = (i + 1 < sentence.end_token).then(|| word(i + 1)).flatten() {
                add(format!("{first} {second}"), s);
            }
        }
    }
    out
}

/// One sentence's pull toward a category: the weight of its features, and those that pull
/// toward it with their weights.
type SentenceWeight<'f> = (f64, Vec<(f64, &'f str)>);

/// The learned weights, indexed by feature for one lookup per feature.
#[derive(Debug, Clone, Default)]
pub struct FlawTable {
    /// Per learned category: the category, its bias and its threshold.
    categories: Vec<(Category, f64, f64)>,
    /// Feature → (category index, weight).
    weights: FxHashMap<String, Vec<(usize, f64)>>,
}

/// How one answer reads against one category's weights.
#[derive(Debug, Clone, PartialEq)]
pub struct FlawReading {
    /// Log-odds above the category's threshold (above 0: the answer reads like the flaw).
    pub margin: f64,
    /// The sentence whose features weigh most toward the flaw.
    pub sentence: usize,
    /// The features in that sentence that weigh most toward it (at most 3): those with a word
    /// other than a function word first, heaviest first within each.
    pub words: Vec<String>,
}

impl FlawTable {
    /// Indexes a validated pack's model; categories that fail to parse are skipped (validation
    /// reports them).
    pub fn new(model: &FlawModel) -> FlawTable {
        let mut table = FlawTable::default();
        for weights in &model.categories {
            let Some(category) = Category::parse(&weights.category) else {
                continue;
            };
            let index = table.categories.len();
            table
                .categories
                .push((category, weights.bias, weights.threshold));
            for (feature, w) in weights.entries().flatten() {
                table
                    .weights
                    .entry(feature.to_owned())
                    .or_default()
                    .push((index, w));
            }
        }
        table
    }

    /// How the answer reads against every learned category, in model order.
    pub fn read(&self, text: &Text<'_>, unused: &[bool]) -> Vec<(Category, FlawReading)> {
        let features = features(text, unused);
        let n = self.categories.len();
        let mut logit: Vec<f64> = self.categories.iter().map(|c| c.1).collect();
        // Per category, per sentence: the weight of the features found there, and the
        // features themselves.
        let mut by_sentence: Vec<FxHashMap<usize, SentenceWeight<'_>>> =
            vec![FxHashMap::default(); n];
        for (feature, sentences) in &features {
            let Some(weighed) = self.weights.get(feature) else {
                continue;
            };
            for &(c, w) in weighed {
                logit[c] += w;
                for &s in sentences {
                    let at = by_sentence[c].entry(s).or_default();
                    at.0 += w;
                    if w > 0.0 {
                        at.1.push((w, feature.as_str()));
                    }
                }
            }
        }
        self.categories
            .iter()
            .enumerate()
            .map(|(c, &(category, _, threshold))| {
                let best = by_sentence[c]
                    .iter()
                    .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.0.cmp(a.0)));
                let (sentence, words) = best.map_or((0, Vec::new()), |(&s, (_, found))| {
                    // Shown to the candidate: words that say something ("went from",
                    // "context") before those made only of function words ("the", "is the"),
                    // heaviest first within each.
                    let says = |f: &str| !f.split(' ').all(debrief_text::is_function_word);
                    let mut found = found.clone();
                    found.sort_by(|a, b| {
                        says(b.1)
                            .cmp(&says(a.1))
                            .then(b.0.total_cmp(&a.0))
                            .then(a.1.cmp(b.1))
                    });
                    (s, found.iter().take(3).map(|f| f.1.to_owned()).collect())
                });
                let reading = FlawReading {
                    margin: logit[c] - threshold,
                    sentence,
                    words,
                };
                (category, reading)
            })
            .collect()
    }

    /// Whether any category is learned.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
    }
}
