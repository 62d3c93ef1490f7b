//! What a question is about, in words: its topic stems, each weighted by how rare it is among
//! the bank's questions, so an answer is measured on the words that name the question's
//! subject ("retire", "pharmacy", "renters") more than on the ones every question shares
//! ("product", "customer").
//!
//! Synonyms the pack treats as one word (its `[[search_alias]]` groups: "fail", "mistake",
//! "setback") count as one topic, so a story of a mistake meets a question about failure.

use std::collections::{BTreeSet, HashMap};

use debrief_pack::Pack;
use debrief_pack::search::{content_stems, content_stems_of_each, content_stems_where};

/// The bank's topic-word statistics and the pack's synonym groups.
#[derive(Debug, Clone, Default)]
pub struct Topics {
    /// How many bank questions use each topic (a stem, or a synonym group's key).
    frequency: HashMap<String, u32>,
    /// How many bank questions there are.
    questions: u32,
    /// Each synonym's stem and the key of its group.
    groups: HashMap<String, String>,
    /// Each group's key and its synonyms' stems.
    members: HashMap<String, Vec<String>>,
}

/// How much of a question's subject an answer talks about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// Topics of the question the answer uses.
    pub shared: usize,
    /// Topics of the question.
    pub asked: usize,
    /// The weight of the shared topics over the weight of all, 0 to 1: rare topics weigh
    /// more.
    pub share: f64,
}

impl Overlap {
    /// The share of the question's topics used, each counted once (0 when it has none).
    pub fn fraction(&self) -> f64 {
        if self.asked == 0 {
            0.0
        } else {
            self.shared as f64 / self.asked as f64
        }
    }
}

impl Topics {
    /// Counts the pack's questions' topics.
    pub fn new(pack: &Pack) -> Topics {
        let mut groups = HashMap::new();
        let mut members: HashMap<String, Vec<String>> = HashMap::new();
        for alias in &pack.search_aliases {
            let key = format!("={}", alias.id);
            for stem in content_stems(&alias.words.join(" ")) {
                groups.insert(stem.clone(), key.clone());
                members.entry(key.clone()).or_default().push(stem);
            }
        }
        let mut topics = Topics {
            frequency: HashMap::new(),
            questions: 0,
            groups,
            members,
        };
        let (stems, questions) =
            content_stems_of_each(pack.questions.iter().map(|q| q.text.as_str()));
        // Each stem's topic once (its group's key for a synonym), as a number, so a question
        // whose synonyms share a group counts that topic once.
        let mut topic_ids: HashMap<&str, u32> = HashMap::new();
        let mut names: Vec<&str> = Vec::new();
        let topic_of: Vec<u32> = stems
            .iter()
            .map(|stem| {
                let topic = topics
                    .groups
                    .get(stem)
                    .map_or(stem.as_str(), String::as_str);
                *topic_ids.entry(topic).or_insert_with(|| {
                    names.push(topic);
                    u32::try_from(names.len() - 1).unwrap_or(u32::MAX)
                })
            })
            .collect();
        let mut counts = vec![0u32; names.len()];
        let mut seen: Vec<u32> = Vec::new();
        for question in &questions {
            topics.questions += 1;
            seen.clear();
            seen.extend(question.iter().map(|&s| topic_of[s as usize]));
            seen.sort_unstable();
            seen.dedup();
            for &t in &seen {
                counts[t as usize] += 1;
            }
        }
        let frequency = names
            .iter()
            .zip(counts)
            .map(|(name, n)| ((*name).to_owned(), n))
            .collect();
        topics.frequency = frequency;
        topics
    }

    /// The topics of `text`: its content stems, a synonym standing for its group.
    pub fn of(&self, text: &str) -> BTreeSet<String> {
        content_stems(text)
            .into_iter()
            .map(|stem| self.groups.get(&stem).cloned().unwrap_or(stem))
            .collect()
    }

    /// The topics of `text` that are among `asked`: the same as `of(text)` kept to `asked`,
    /// but a word is stemmed only when it could stem to one of them (a stem is the start of
    /// its word, give or take the last letter: "happy" is "happi").
    pub fn used(&self, asked: &BTreeSet<String>, text: &str) -> BTreeSet<String> {
        let stems: Vec<&str> = asked
            .iter()
            .flat_map(|t| match self.members.get(t) {
                Some(m) => m.iter().map(String::as_str).collect(),
                None => vec![t.as_str()],
            })
            .collect();
        // The part of each stem a word that stems to it must start with.
        let starts: Vec<&str> = stems
            .iter()
            .map(|s| {
                let keep = s.char_indices().nth_back(0).map_or(0, |(i, _)| i);
                if keep >= 3 { &s[..keep] } else { *s }
            })
            .collect();
        // By first byte, so most words are turned away without comparing any string.
        let mut by_first: HashMap<u8, Vec<&str>> = HashMap::new();
        for p in &starts {
            if let Some(&b) = p.as_bytes().first() {
                by_first.entry(b).or_default().push(p);
            }
        }
        content_stems_where(text, |w| {
            w.as_bytes()
                .first()
                .and_then(|b| by_first.get(b))
                .is_some_and(|ps| ps.iter().any(|p| w.starts_with(p)))
        })
        .into_iter()
        .map(|stem| self.groups.get(&stem).cloned().unwrap_or(stem))
        .filter(|t| asked.contains(t))
        .collect()
    }

    /// A topic's weight: the log of how many times rarer it is than a word in every question
    /// (a word no question uses weighs the most).
    pub fn weight(&self, topic: &str) -> f64 {
        let n = f64::from(self.questions) + 1.0;
        let used = f64::from(self.frequency.get(topic).copied().unwrap_or(0)) + 1.0;
        (n / used).ln().max(0.0)
    }

    /// How much of `asked` (a question's topics) `said` (an answer's) covers.
    pub fn overlap(&self, asked: &BTreeSet<String>, said: &BTreeSet<String>) -> Overlap {
        let (mut all, mut met, mut shared) = (0.0, 0.0, 0);
        for topic in asked {
            let w = self.weight(topic);
            all += w;
            if said.contains(topic) {
                met += w;
                shared += 1;
            }
        }
        Overlap {
            shared,
            asked: asked.len(),
            share: if all > 0.0 { met / all } else { 0.0 },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bank of 100 questions where "product" is in 90 and "retire" in one, and "failure"
    /// and "mistake" are synonyms.
    fn topics() -> Topics {
        let stem = |w: &str| content_stems(w).into_iter().next().unwrap_or_default();
        let mut t = Topics {
            questions: 100,
            ..Topics::default()
        };
        t.frequency.insert(stem("product"), 90);
        t.frequency.insert(stem("retire"), 1);
        for w in ["failure", "fail", "mistake"] {
            t.groups.insert(stem(w), "=failure".into());
        }
        t
    }

    #[test]
    fn rare_topics_weigh_more_than_common_ones() {
        let t = topics();
        assert!(
            t.weight(&t.of("retire").into_iter().collect::<String>()) > 30.0 * t.weight("product")
        );
        let asked = t.of("retire product");
        let common = t.overlap(&asked, &t.of("The product did well."));
        let rare = t.overlap(&asked, &t.of("I would retire it."));
        assert_eq!((common.shared, rare.shared, common.asked), (1, 1, 2));
        assert!(
            rare.share > 0.95 && common.share < 0.05,
            "{rare:?} {common:?}"
        );
        assert_eq!(common.fraction(), 0.5);
    }

    #[test]
    fn stemming_only_what_can_match_finds_what_stemming_everything_finds() {
        let mut t = topics();
        t.members.insert(
            "=failure".into(),
            vec!["failur".into(), "fail".into(), "mistak".into()],
        );
        let asked = t.of("Tell me about a failure you made when retiring a happy product.");
        let text = "Retiring it was my mistake: the happiest users relied on it, and the \
                    products around it failed too.";
        let all: BTreeSet<String> = t.of(text).intersection(&asked).cloned().collect();
        assert_eq!(t.used(&asked, text), all);
        assert_eq!(all.len(), 3, "{all:?}");
    }

    #[test]
    fn the_bank_counts_are_each_questions_topics_counted_once() {
        let catalog = debrief_content::load(None).expect("the built-in pack loads");
        let pack = catalog.pack();
        let topics = Topics::new(pack);
        let mut expected: HashMap<String, u32> = HashMap::new();
        for q in &pack.questions {
            for topic in topics.of(&q.text) {
                *expected.entry(topic).or_default() += 1;
            }
        }
        assert_eq!(topics.questions as usize, pack.questions.len());
        assert!(expected.contains_key("=failure") || expected.keys().any(|k| k.starts_with('=')));
        assert_eq!(topics.frequency, expected);
    }

    #[test]
    fn a_synonym_meets_its_group() {
        let t = topics();
        let asked = t.of("Tell me about a failure.");
        assert!(asked.contains("=failure"), "{asked:?}");
        assert_eq!(t.overlap(&asked, &t.of("It was my mistake.")).shared, 1);
        assert_eq!(t.overlap(&asked, &t.of("It went well.")).shared, 0);
    }
}
