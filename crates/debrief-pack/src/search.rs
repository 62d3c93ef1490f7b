//! Ranked full-text search over the question bank.
//!
//! BM25 over a few weighted fields (the question text counts most, then the principles and
//! round kind it is tagged with, then what a strong answer shows), with English stemming so
//! "launching" finds "launch", prefix completion for a query word no question contains (so a
//! half-typed "positio" already finds "positioning"), the nearest indexed word for a query word
//! that matches nothing (a typo like "prcing", another spelling like "prioritise"), and a bonus
//! when the query appears as a phrase. Built once per content load; searching allocates only the result list.

use std::collections::BTreeMap;

use debrief_text::nearest;
use rust_stemmers::{Algorithm, Stemmer};

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation.
const B: f32 = 0.75;
/// How much a verbatim phrase match multiplies the score by.
const PHRASE_BONUS: f32 = 1.5;
/// How much a query's intent phrase ("tell me about a time") multiplies the score of the
/// questions of the kind it names.
pub const INTENT_BONUS: f32 = 2.0;
/// Prefix completion gives up beyond this many dictionary terms, so "a" cannot fan out.
const MAX_PREFIX_TERMS: usize = 24;

/// A field of a searchable document, with the weight its words carry.
#[derive(Debug, Clone, Copy)]
pub struct Field<'t> {
    /// The text.
    pub text: &'t str,
    /// How many times each of its words counts.
    pub weight: u32,
}

/// An inverted index over a list of documents, addressed by their position.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    postings: BTreeMap<String, Vec<(u32, u32)>>,
    /// Every indexed word as written (lowercased) and its stem, for prefix completion: a
    /// half-typed word is a prefix of the word, not of its stem ("positio" vs "posit").
    words: BTreeMap<String, String>,
    lengths: Vec<u32>,
    average_length: f32,
    phrases: Vec<String>,
    /// For a stem in an alias group, the stems of the group's other words.
    aliases: BTreeMap<String, Vec<String>>,
    /// Phrases that say what kind of question a query wants, normalised, with the documents of
    /// that kind.
    intents: Vec<(String, std::collections::BTreeSet<u32>)>,
}

/// One search hit: the document's position and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Position of the document in the list the index was built from.
    pub doc: usize,
    /// BM25 score with bonuses.
    pub score: f32,
}

impl SearchIndex {
    /// Indexes `docs`; each document is a list of weighted fields. The first field is also
    /// kept for phrase matching.
    pub fn build<'t, D>(docs: D) -> SearchIndex
    where
        D: IntoIterator<Item = Vec<Field<'t>>>,
    {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut postings: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
        let mut words = BTreeMap::new();
        let mut lengths = Vec::new();
        let mut phrases = Vec::new();
        for (doc, fields) in docs.into_iter().enumerate() {
            let doc = u32::try_from(doc).unwrap_or(u32::MAX);
            let mut counts: BTreeMap<String, u32> = BTreeMap::new();
            let mut length = 0;
            for field in &fields {
                for (word, term) in terms(&stemmer, field.text) {
                    words.entry(word).or_insert_with(|| term.clone());
                    *counts.entry(term).or_default() += field.weight;
                    length += field.weight;
                }
            }
            for (term, count) in counts {
                postings.entry(term).or_default().push((doc, count));
            }
            lengths.push(length);
            phrases.push(
                fields
                    .first()
                    .map(|f| normalise(f.text))
                    .unwrap_or_default(),
            );
        }
        let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
        let average_length = if lengths.is_empty() {
            1.0
        } else {
            (total as f32 / lengths.len() as f32).max(1.0)
        };
        SearchIndex {
            postings,
            words,
            lengths,
            average_length,
            phrases,
            aliases: BTreeMap::new(),
            intents: Vec::new(),
        }
    }

    /// The index with groups of words that search treats as one: a query word of a group
    /// also finds the other words' questions, counted a little less than its own.
    pub fn with_aliases<'w>(mut self, groups: impl IntoIterator<Item = &'w [String]>) -> Self {
        let stemmer = Stemmer::create(Algorithm::English);
        for group in groups {
            let mut stems: Vec<String> = group
                .iter()
                .map(|w| stemmer.stem(&w.to_lowercase()).into_owned())
                .collect();
            stems.sort();
            stems.dedup();
            for stem in &stems {
                let others = stems.iter().filter(|s| *s != stem).cloned();
                self.aliases.entry(stem.clone()).or_default().extend(others);
            }
        }
        self
    }

    /// The index with intent phrases: a query holding `phrase` (compared as lowercase words)
    /// multiplies the scores of `docs` by [`INTENT_BONUS`].
    pub fn with_intent(mut self, phrase: &str, docs: impl IntoIterator<Item = usize>) -> Self {
        let phrase = normalise(phrase);
        if !phrase.is_empty() {
            let docs = docs
                .into_iter()
                .map(|d| u32::try_from(d).unwrap_or(u32::MAX))
                .collect();
            self.intents.push((phrase, docs));
        }
        self
    }

    /// Number of indexed documents.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    /// Whether the index holds no documents.
    pub fn is_empty(&self) -> bool {
        self.lengths.is_empty()
    }

    /// Scores every document against `query`; returns the hits, best first, ties by position.
    /// A query with no searchable words returns no hits.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut query_terms = terms(&stemmer, query);
        query_terms.sort();
        query_terms.dedup_by(|a, b| a.1 == b.1);
        let mut scores = vec![0.0f32; self.len()];
        for (word, term) in &query_terms {
            for (exact, postings) in self.expand(word, term) {
                // A completed prefix counts a little less than the word itself.
                let discount = if exact { 1.0 } else { 0.8 };
                let idf = self.idf(postings.len());
                for &(doc, tf) in postings {
                    let doc = doc as usize;
                    let tf = tf as f32;
                    let norm = 1.0 - B + B * self.lengths[doc] as f32 / self.average_length;
                    scores[doc] += discount * idf * tf * (K1 + 1.0) / (tf + K1 * norm);
                }
            }
        }
        let phrase = normalise(query);
        let phrase_ok = phrase.contains(' ');
        let padded = format!(" {phrase} ");
        let wanted: Vec<&std::collections::BTreeSet<u32>> = self
            .intents
            .iter()
            .filter(|(p, _)| padded.contains(&format!(" {p} ")))
            .map(|(_, docs)| docs)
            .collect();
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .enumerate()
            .filter(|&(_, s)| s > 0.0)
            .map(|(doc, mut score)| {
                if phrase_ok && self.phrases[doc].contains(&phrase) {
                    score *= PHRASE_BONUS;
                }
                let d = u32::try_from(doc).unwrap_or(u32::MAX);
                if wanted.iter().any(|docs| docs.contains(&d)) {
                    score *= INTENT_BONUS;
                }
                Hit { doc, score }
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The postings for a query word: its stem's when indexed, else those of the stems of the
    /// indexed words it is a prefix of (at least three letters, bounded in number). The flag
    /// says whether the match was exact.
    fn expand<'s>(&'s self, word: &str, term: &str) -> Vec<(bool, &'s [(u32, u32)])> {
        let mut found: Vec<(bool, &'s [(u32, u32)])> = Vec::new();
        if let Some(postings) = self.postings.get(term) {
            found.push((true, postings.as_slice()));
        }
        for alias in self.aliases.get(term).into_iter().flatten() {
            if let Some(postings) = self.postings.get(alias) {
                found.push((false, postings.as_slice()));
            }
        }
        if !found.is_empty() {
            return found;
        }
        if word.chars().count() < 3 {
            return Vec::new();
        }
        let mut stems: Vec<&str> = self
            .words
            .range(word.to_owned()..)
            .take_while(|(w, _)| w.starts_with(word))
            .map(|(_, stem)| stem.as_str())
            .collect();
        stems.sort_unstable();
        stems.dedup();
        if stems.len() > MAX_PREFIX_TERMS {
            return Vec::new();
        }
        if stems.is_empty()
            && let Some(stem) = self.correction(word).and_then(|w| self.words.get(w))
        {
            stems.push(stem.as_str());
        }
        stems
            .into_iter()
            .filter_map(|stem| self.postings.get(stem))
            .map(|p| (false, p.as_slice()))
            .collect()
    }

    /// The indexed word a query word most likely meant when no question holds it or a word it
    /// begins: a typo ("prcing") or another spelling ("prioritise"), within a small edit
    /// distance. Short words are left alone: at three letters most words are a typo of another.
    fn correction(&self, word: &str) -> Option<&str> {
        if word.chars().count() < MIN_CORRECTED_LETTERS {
            return None;
        }
        // Only words whose length is within reach of the edit distance `nearest` allows can
        // be the one meant; skipping the rest keeps a typo's search fast on a large bank.
        let len = word.chars().count();
        let reach = (len / 3).max(1);
        let known: Vec<&str> = self
            .words
            .keys()
            .map(String::as_str)
            .filter(|w| w.chars().count().abs_diff(len) <= reach)
            .collect();
        nearest(word, &known)
    }

    /// The query words the search read as another indexed word, as (typed, read as) pairs,
    /// so a front end can say "showing results for pricing".
    pub fn corrections(&self, query: &str) -> Vec<(String, String)> {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut out: Vec<(String, String)> = Vec::new();
        for (word, term) in terms(&stemmer, query) {
            if self.postings.contains_key(&term)
                || self.aliases.contains_key(&term)
                || self
                    .words
                    .range(word.clone()..)
                    .next()
                    .is_some_and(|(w, _)| w.starts_with(&word))
            {
                continue;
            }
            if let Some(read) = self.correction(&word)
                && !out.iter().any(|(typed, _)| *typed == word)
            {
                out.push((word, read.to_owned()));
            }
        }
        out
    }
}

/// Query words at least this long may be read as the nearest indexed word when none matches.
const MIN_CORRECTED_LETTERS: usize = 4;

/// Words too common to help ranking.
const STOPWORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from",
    "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of",
    "on", "or", "our", "so", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "to", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why",
    "will", "with", "would", "you", "your",
];

/// The distinct stems of `text`'s content words (stopwords dropped), for comparing what two
/// texts talk about.
pub fn content_stems(text: &str) -> std::collections::BTreeSet<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    // Each distinct word stemmed once: an answer repeats most of its words.
    let words: std::collections::BTreeSet<String> = content_words(text).collect();
    words.iter().map(|w| stemmer.stem(w).into_owned()).collect()
}

/// The distinct stems of those of `text`'s content words that `may_stem` lets through: a
/// caller that only needs some stems (the ones a question uses) skips stemming the rest, which
/// is most of the cost of reading a long answer.
pub fn content_stems_where(
    text: &str,
    may_stem: impl Fn(&str) -> bool,
) -> std::collections::BTreeSet<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    // The caller's test first: it turns most words away, before the stopword search, and a
    // word already in lower case is tested as it stands, without a copy.
    let words: std::collections::BTreeSet<String> = lowercase_words_borrowed(text)
        .filter(|w| may_stem(w) && !is_stopword(w))
        .map(std::borrow::Cow::into_owned)
        .collect();
    words.iter().map(|w| stemmer.stem(w).into_owned()).collect()
}

/// [`lowercase_words`], borrowing the words that are lower case already (most of any text).
pub fn lowercase_words_borrowed(
    text: &str,
) -> impl Iterator<Item = std::borrow::Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                std::borrow::Cow::Owned(w.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(w)
            }
        })
}

/// `word` in lower case, borrowed when it is already: plain lowercase ASCII letters and digits,
/// as most words of any text are.
fn lowercased(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        word.into()
    } else {
        word.to_lowercase().into()
    }
}

/// The stem of each of `words` (one word each, as [`content_stems_of_each`] would split it:
/// letters and digits only), lowercased first; `None` for a stopword. For a list of distinct
/// words, where a table that numbers stems would be built only to be read once.
pub fn stems_of_words<'w>(words: impl IntoIterator<Item = &'w str>) -> Vec<Option<String>> {
    let stemmer = Stemmer::create(Algorithm::English);
    words
        .into_iter()
        .map(|word| {
            let lower = lowercased(word);
            (!is_stopword(&lower)).then(|| stemmer.stem(&lower).into_owned())
        })
        .collect()
}

/// The distinct stems of each of `texts`, as numbers into one table of stems: each distinct
/// word is stemmed once across all of them (a bank of questions repeats most of its words),
/// and no text's stems are copied.
#[derive(Debug, Clone, Default)]
pub struct StemTable {
    /// Every stem met, once.
    pub stems: Vec<String>,
    /// For each text, its stems' numbers, sorted and without repeats.
    pub each: Vec<Vec<u32>>,
    /// Every content word met, lowercased, with its stem's number: another text's words are
    /// looked up here without stemming them.
    pub words: rustc_hash::FxHashMap<String, u32>,
}

/// Stems each of `texts` into one [`StemTable`].
pub fn content_stems_of_each<'t>(texts: impl IntoIterator<Item = &'t str>) -> StemTable {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut stems: Vec<String> = Vec::new();
    let mut stem_ids: rustc_hash::FxHashMap<String, u32> = Default::default();
    let mut word_ids: rustc_hash::FxHashMap<String, u32> = Default::default();
    // Stopwords met, so that "the" is checked against the list once, not at every use.
    let mut skipped: rustc_hash::FxHashSet<String> = Default::default();
    let mut lower = String::new();
    let each = texts
        .into_iter()
        .map(|text| {
            let mut ids: Vec<u32> = Vec::new();
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                // Lowercased into one buffer: most words are met before and need no copy.
                lower.clear();
                lower.push_str(&lowercased(word));
                if let Some(&id) = word_ids.get(lower.as_str()) {
                    ids.push(id);
                    continue;
                }
                if skipped.contains(lower.as_str()) {
                    continue;
                }
                if is_stopword(&lower) {
                    skipped.insert(lower.clone());
                    continue;
                }
                let stem = stemmer.stem(&lower);
                let id = match stem_ids.get(stem.as_ref()) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(stems.len()).unwrap_or(u32::MAX);
                        stems.push(stem.clone().into_owned());
                        stem_ids.insert(stem.into_owned(), id);
                        id
                    }
                };
                word_ids.insert(lower.clone(), id);
                ids.push(id);
            }
            ids.sort_unstable();
            ids.dedup();
            ids
        })
        .collect();
    StemTable {
        stems,
        each,
        words: word_ids,
    }
}

/// The stopword-free words of `text`, lowercased, in order.
fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    lowercase_words(text).filter(|w| !is_stopword(w))
}

/// The words of `text`, lowercased, in order: split at anything not a letter or a digit.
pub fn lowercase_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether `word` (lowercase) is a stopword; `STOPWORDS` is sorted, so a binary search.
fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// The stopword-free words of `text`, lowercased, each with its stem.
fn terms(stemmer: &Stemmer, text: &str) -> Vec<(String, String)> {
    content_words(text)
        .map(|w| {
            let stem = stemmer.stem(&w).into_owned();
            (w, stem)
        })
        .collect()
}

/// Lowercase words joined by single spaces, for phrase matching.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> SearchIndex {
        SearchIndex::build(texts.iter().map(|t| vec![Field { text: t, weight: 1 }]))
    }

    fn ranked(ix: &SearchIndex, q: &str) -> Vec<usize> {
        ix.search(q).into_iter().map(|h| h.doc).collect()
    }

    #[test]
    fn stopwords_stay_sorted_for_the_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("the") && is_stopword("would") && !is_stopword("launch"));
        let stems = content_stems("Launching the launch, and launches: the LAUNCH plan.");
        assert_eq!(stems.into_iter().collect::<Vec<_>>(), ["launch", "plan"]);
    }

    #[test]
    fn rarer_terms_outrank_common_ones() {
        let ix = index(&[
            "launch the product launch plan",
            "pricing for the launch",
            "pricing tiers and packaging",
        ]);
        // "packaging" is in one document only, so it dominates "launch".
        assert_eq!(ranked(&ix, "launch packaging")[0], 2);
    }

    #[test]
    fn stemming_matches_word_forms() {
        let ix = index(&["Tell me about a launch you owned", "Estimate the market"]);
        assert_eq!(ranked(&ix, "launching"), vec![0]);
    }

    #[test]
    fn a_word_stems_alone_as_it_does_in_a_table_of_stems() {
        let words = [
            "Launching",
            "launches",
            "the",
            "iPhone",
            "Pharmacies",
            "renters",
            "42",
        ];
        let table = content_stems_of_each(words);
        let alone = stems_of_words(words);
        for ((word, ids), stem) in words.iter().zip(&table.each).zip(&alone) {
            let in_table = ids.first().map(|&i| table.stems[i as usize].as_str());
            assert_eq!(in_table, stem.as_deref(), "{word}");
        }
        assert_eq!(alone[0].as_deref(), Some("launch"));
        assert_eq!(alone[2], None, "a stopword has no stem");
    }

    #[test]
    fn shorter_documents_win_on_equal_term_frequency() {
        let ix = index(&[
            "metrics for a marketplace with many sellers and buyers across regions",
            "metrics for a marketplace",
        ]);
        assert_eq!(ranked(&ix, "marketplace"), vec![1, 0]);
    }

    #[test]
    fn prefixes_complete_when_the_word_is_not_indexed() {
        let ix = index(&["positioning a new tier", "a pricing page"]);
        assert_eq!(ranked(&ix, "positio"), vec![0]);
        assert!(ranked(&ix, "po").is_empty(), "two letters do not expand");
    }

    #[test]
    fn a_typo_or_another_spelling_reads_as_the_nearest_indexed_word() {
        let ix = index(&[
            "how would you prioritize the roadmap",
            "a pricing page for teams",
            "an estimate of the market",
        ]);
        assert_eq!(ranked(&ix, "prcing"), vec![1]);
        assert_eq!(ranked(&ix, "prioritise"), vec![0]);
        assert_eq!(
            ix.corrections("prcing for prioritise"),
            [
                ("prcing".to_owned(), "pricing".to_owned()),
                ("prioritise".to_owned(), "prioritize".to_owned())
            ]
        );
        // An exact word, a prefix and a word far from every indexed one are not corrected.
        assert!(ix.corrections("pricing pric").is_empty());
        assert!(ranked(&ix, "zygomorphic").is_empty());
        assert!(ix.corrections("zygomorphic").is_empty());
        // Short words are too easily another word's typo.
        assert!(ranked(&ix, "rod").is_empty());
    }

    #[test]
    fn an_alias_finds_the_other_words_of_its_group_below_the_word_itself() {
        let ix = index(&[
            "a mistake you made with a customer",
            "a time you failed to ship",
            "a pricing page",
        ])
        .with_aliases([["fail".to_owned(), "mistake".to_owned()].as_slice()]);
        // "failed" is in the second document; "mistake" counts for it as well, a little less.
        assert_eq!(ranked(&ix, "failed"), vec![1, 0]);
        assert_eq!(ranked(&ix, "mistakes"), vec![0, 1]);
        assert!(
            ix.corrections("mistakes").is_empty(),
            "an alias is not a typo"
        );
    }

    #[test]
    fn an_intent_phrase_ranks_its_kind_of_question_first() {
        let docs = [
            "design a failure dashboard",
            "tell me about a time you failed",
        ];
        let plain = index(&docs);
        assert_eq!(ranked(&plain, "a time you failed failure dashboard")[0], 0);
        let ix = index(&docs).with_intent("a time you", [1]);
        assert_eq!(ranked(&ix, "a time you failed failure dashboard")[0], 1);
        // The phrase counts only as whole words.
        assert_eq!(ranked(&ix, "failure dashboard")[0], 0);
    }

    #[test]
    fn phrase_matches_get_a_bonus() {
        let ix = index(&[
            "drop in conversion after the checkout change",
            "conversion drop",
        ]);
        // Without the phrase bonus the shorter document would win.
        assert_eq!(ranked(&ix, "conversion after the checkout")[0], 0);
    }

    #[test]
    fn field_weights_count() {
        let ix = SearchIndex::build(vec![
            vec![
                Field {
                    text: "a question",
                    weight: 3,
                },
                Field {
                    text: "ownership",
                    weight: 1,
                },
            ],
            vec![Field {
                text: "ownership question",
                weight: 3,
            }],
        ]);
        assert_eq!(ranked(&ix, "ownership")[0], 1);
    }

    #[test]
    fn stopword_only_queries_find_nothing() {
        let ix = index(&["the launch"]);
        assert!(ix.search("the of and").is_empty());
        assert!(ix.search("").is_empty());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any query, however odd, ranks without panicking: finite positive scores, best first,
        /// every hit a real document, and the same answer twice.
        #[test]
        fn any_query_ranks_sanely(query in "\\PC{0,80}") {
            let ix = SearchIndex::build(
                ["Launch a pricing tier", "Positioning for a new segment", "Ünïcödé ßtraße 東京"]
                    .iter()
                    .map(|t| vec![Field { text: t, weight: 2 }]),
            );
            let hits = ix.search(&query);
            for h in &hits {
                prop_assert!(h.doc < ix.len());
                prop_assert!(h.score.is_finite() && h.score > 0.0);
            }
            prop_assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
            prop_assert_eq!(hits, ix.search(&query));
        }
    }
}
