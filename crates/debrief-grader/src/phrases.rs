//! The phrases the grader looks for, indexed so that an answer is read in one pass.

use debrief_text::Text;

/// The phrases the grader looks for, as words, grouped by their first two words.
///
/// A phrase matches where consecutive tokens of one sentence have its words as their
/// lowercase forms. Phrases are whole words, so the index numbers every word its phrases hold
/// and an answer costs one string lookup a token (two for a possessive): after that, finding
/// the few phrases worth comparing and comparing them are work on numbers. Building this
/// costs a fraction of a byte automaton over the same phrases, which every `debrief grade`
/// from a shell pays before it grades anything. The second word is part of the key because
/// hundreds of phrases start with "I" or "we".
#[derive(Debug, Clone, Default)]
pub struct PhraseIndex {
    /// Every word of any phrase → its number.
    words: rustc_hash::FxHashMap<Box<str>, u32>,
    /// By word number: where in `firsts` the phrases that start with that word are
    /// (`u32::MAX`: none do). Most words start no phrase, so this stays small to scan.
    by_first: Vec<u32>,
    /// The phrases that start with one word, for each word that starts some.
    firsts: Vec<FirstWord>,
}

/// The phrases that start with one word.
#[derive(Debug, Clone, Default)]
struct FirstWord {
    /// The phrases that are this word alone, by number.
    alone: Vec<usize>,
    /// Per second word's number: each phrase's number and the numbers of its words after the
    /// second.
    by_second: rustc_hash::FxHashMap<u32, Vec<Phrase>>,
}

/// A phrase's number, and the numbers of its words after the second.
type Phrase = (usize, Box<[u32]>);

impl PhraseIndex {
    /// Indexes `patterns` (normalised phrases: lowercase words joined by single spaces); a
    /// phrase's number is its place in the list.
    pub fn new(patterns: &[String]) -> PhraseIndex {
        let mut index = PhraseIndex::default();
        for (p, pattern) in patterns.iter().enumerate() {
            let words: Vec<u32> = pattern
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| index.number(w))
                .collect();
            let Some((&first, rest)) = words.split_first() else {
                continue;
            };
            let slot = &mut index.by_first[first as usize];
            if *slot == u32::MAX {
                *slot = index.firsts.len() as u32;
                index.firsts.push(FirstWord::default());
            }
            let entry = &mut index.firsts[*slot as usize];
            match rest.split_first() {
                None => entry.alone.push(p),
                Some((&second, rest)) => entry
                    .by_second
                    .entry(second)
                    .or_default()
                    .push((p, rest.into())),
            }
        }
        index
    }

    /// The number of `word`, given one if it has none yet. Other tables of words (the learned
    /// flaw weights) number their words here too, so an answer's words are looked up once for
    /// all of them ([`PhraseIndex::numbers`]).
    pub fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.words.get(word) {
            return n;
        }
        let n = self.by_first.len() as u32;
        self.words.insert(Box::from(word), n);
        self.by_first.push(u32::MAX);
        n
    }

    /// The phrases that start with word number `word`, if any do.
    fn starting(&self, word: u32) -> Option<&FirstWord> {
        let slot = *self.by_first.get(word as usize)?;
        self.firsts.get(slot as usize)
    }

    /// Every match in `text`: (phrase, first token, last token), by last token, then the
    /// longest first, then by phrase.
    pub fn matches(&self, text: &Text<'_>) -> Vec<(usize, usize, usize)> {
        self.matches_numbered(text, &self.numbers(text))
    }

    /// Each token's word as its number here (`None`: no table numbered the word).
    pub fn numbers(&self, text: &Text<'_>) -> Vec<Option<u32>> {
        (0..text.tokens.len())
            .map(|t| self.words.get(text.lower(t)).copied())
            .collect()
    }

    /// [`PhraseIndex::matches`], given the text's [`PhraseIndex::numbers`].
    pub fn matches_numbered(
        &self,
        text: &Text<'_>,
        whole: &[Option<u32>],
    ) -> Vec<(usize, usize, usize)> {
        let mut out = self.find(text, whole, false);
        out.sort_unstable_by_key(|&(p, first, last, _)| (last, first, p));
        out.into_iter()
            .map(|(p, first, last, _)| (p, first, last))
            .collect()
    }

    /// [`PhraseIndex::matches`], where a phrase may also end in a possessive: "August's 7.2"
    /// holds the phrase "august", "today's" the phrase "today". A match that ends before the
    /// "'s" comes before one that ends with the word.
    pub fn matches_to_possessive(&self, text: &Text<'_>) -> Vec<(usize, usize, usize)> {
        let mut out = self.find(text, &self.numbers(text), true);
        out.sort_unstable_by_key(|&(p, first, last, whole)| (last, whole, first, p));
        out.into_iter()
            .map(|(p, first, last, _)| (p, first, last))
            .collect()
    }

    /// Every match: (phrase, first token, last token, whether it ends with the last token's
    /// whole word rather than before its "'s"). Only a phrase's last word may stop short.
    /// `whole` is each token's word as a number.
    fn find(
        &self,
        text: &Text<'_>,
        whole: &[Option<u32>],
        possessive: bool,
    ) -> Vec<(usize, usize, usize, bool)> {
        let n = text.tokens.len();
        let number = |w: &str| self.words.get(w).copied();
        // Each token's word without its "'s", as a number, where a phrase may end there.
        let bare: Vec<Option<u32>> = if possessive {
            (0..n)
                .map(|t| {
                    text.lower(t)
                        .strip_suffix("'s")
                        .filter(|b| !b.is_empty())
                        .and_then(number)
                })
                .collect()
        } else {
            vec![None; n]
        };
        // Whether token `t`, the phrase's last, ends on word `w`: Some(whole word) or None.
        let ends_on = |t: usize, w: u32| {
            if whole[t] == Some(w) {
                Some(true)
            } else {
                (bare[t] == Some(w)).then_some(false)
            }
        };
        let mut out = Vec::new();
        for first in 0..n {
            let entry = whole[first].and_then(|a| self.starting(a));
            if let Some(entry) = entry {
                out.extend(entry.alone.iter().map(|&p| (p, first, first, true)));
            }
            if let Some(entry) = bare[first].and_then(|b| self.starting(b)) {
                out.extend(entry.alone.iter().map(|&p| (p, first, first, false)));
            }
            let Some(entry) = entry.filter(|e| !e.by_second.is_empty()) else {
                continue;
            };
            let sentence = text.tokens[first].sentence;
            let second = first + 1;
            if second >= n || text.tokens[second].sentence != sentence {
                continue;
            }
            // Two-word phrases that end before the second word's "'s".
            if let Some(candidates) = bare[second].and_then(|b| entry.by_second.get(&b)) {
                out.extend(
                    candidates
                        .iter()
                        .filter(|(_, rest)| rest.is_empty())
                        .map(|&(p, _)| (p, first, second, false)),
                );
            }
            let Some(candidates) = whole[second].and_then(|b| entry.by_second.get(&b)) else {
                continue;
            };
            for (p, rest) in candidates {
                let last = second + rest.len();
                if last >= n || text.tokens[last].sentence != sentence {
                    continue;
                }
                let Some((&end, middle)) = rest.split_last() else {
                    out.push((*p, first, second, true));
                    continue;
                };
                if middle
                    .iter()
                    .enumerate()
                    .all(|(k, &w)| whole[second + 1 + k] == Some(w))
                    && let Some(whole) = ends_on(last, end)
                {
                    out.push((*p, first, last, whole));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &Text<'_>, m: &(usize, usize, usize)) -> String {
        (m.1..=m.2)
            .map(|t| text.lower(t))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn phrases_match_whole_words_within_a_sentence_longest_first() {
        let patterns: Vec<String> = [
            "rather than",
            "than",
            "i decided",
            "i decided not to",
            "co-own",
        ]
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
        let index = PhraseIndex::new(&patterns);
        let text = Text::new(
            "I Decided not to wait, rather than guess. I\nco-owned it. We co-own it. I. Decided.",
        );
        let found: Vec<(usize, String)> = index
            .matches(&text)
            .iter()
            .map(|m| (m.0, words(&text, m)))
            .collect();
        assert_eq!(
            found,
            [
                (2, "i decided".to_owned()),
                (3, "i decided not to".to_owned()),
                (0, "rather than".to_owned()),
                (1, "than".to_owned()),
                (4, "co-own".to_owned()),
            ]
        );
    }

    #[test]
    fn a_phrase_may_end_in_a_possessive_but_not_inside_a_word() {
        let patterns: Vec<String> = ["august", "today", "below", "and today", "august 7.2"]
            .iter()
            .map(|p| (*p).to_owned())
            .collect();
        let index = PhraseIndex::new(&patterns);
        let text = Text::new("Below August\u{2019}s 7.2 and today's 11, not augustus.");
        let found = |matches: Vec<(usize, usize, usize)>| -> Vec<(usize, String)> {
            matches.iter().map(|m| (m.0, words(&text, m))).collect()
        };
        // "augustus" holds "august" but is no possessive of it, and only a phrase's last word
        // may end before its "'s".
        assert_eq!(
            found(index.matches_to_possessive(&text)),
            [
                (2, "below".to_owned()),
                (0, "august's".to_owned()),
                (3, "and today's".to_owned()),
                (1, "today's".to_owned()),
            ]
        );
        assert_eq!(found(index.matches(&text)), [(2, "below".to_owned())]);
    }
}
