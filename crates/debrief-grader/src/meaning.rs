//! What an answer is about, as static sentence vectors ([`debrief_embed`]): how close its
//! meaning is to the question asked.
//!
//! Shared words alone cannot tell an answer to another question from an answer in other
//! words; meaning alone is too coarse to mark an answer down. The `question-meaning` metric
//! therefore fires only where both agree (the rule's `overlap_below`), and never grants or
//! takes points on its own beyond that finding.

use debrief_embed::{Model, cosine};

/// The sentence-vector table, and the centre answers and questions are compared around.
#[derive(Clone)]
pub struct Meaning {
    model: Model<'static>,
    /// What every interview question shares: the mean of the bank questions' vectors, stored
    /// with the table.
    centre: Vec<f32>,
}

impl std::fmt::Debug for Meaning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Meaning")
            .field("dims", &self.model.dims())
            .finish_non_exhaustive()
    }
}

impl Meaning {
    pub(crate) fn new() -> Meaning {
        let model = Model::embedded();
        Meaning {
            centre: model.centre(),
            model,
        }
    }

    /// How close `sentences` (an answer's, each long enough to place) are to `question` in
    /// meaning: the mean centred cosine, -1 to 1, of the `closest` sentences nearest it.
    /// `None` when the question or the sentences have no words the table knows.
    pub(crate) fn closeness<'s>(
        &self,
        sentences: impl Iterator<Item = &'s str>,
        question: &str,
        closest: usize,
    ) -> Option<f32> {
        let asked = self.model.embed(question);
        if asked.pieces() == 0 {
            return None;
        }
        let asked = asked.mean();
        let mut each: Vec<f32> = sentences
            .map(|sentence| self.model.embed(sentence))
            .filter(|v| v.pieces() > 0)
            .map(|v| cosine(&v.mean(), &asked, &self.centre))
            .collect();
        if each.is_empty() {
            return None;
        }
        each.sort_by(|a, b| b.total_cmp(a));
        let n = closest.clamp(1, each.len());
        Some(each[..n].iter().sum::<f32>() / n as f32)
    }

    /// How close an answer's words come to a question's subject words, each subject word by
    /// the answer word nearest it in meaning (plain cosine of their piece vectors: a word has
    /// no sentence centre to subtract), averaged with the subject words' weights. An answer
    /// about an elderly parent's pills meets "medications" in "medicines" (about 0.9); an
    /// answer about debit cards meets "blood" in none of its words (about 0.1). `None` when no
    /// subject word or no answer word has a vector.
    pub(crate) fn subject_closeness<'w>(
        &self,
        subject: &[(String, f64)],
        answer_words: impl Iterator<Item = &'w str>,
    ) -> Option<f64> {
        let dims = self.model.dims();
        let said = self.model.unit_rows(answer_words);
        if said.is_empty() {
            return None;
        }
        let (mut met, mut all) = (0.0f64, 0.0f64);
        for (word, weight) in subject {
            let asked = self.model.unit_rows([word.as_str()]);
            if asked.is_empty() {
                continue;
            }
            let nearest = said
                .chunks_exact(dims)
                .map(|v| debrief_embed::dot(v, &asked))
                .fold(-1.0f32, f32::max);
            met += weight * f64::from(nearest);
            all += weight;
        }
        (all > 0.0).then(|| met / all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() >= 3)
            .map(str::to_lowercase)
            .collect()
    }

    #[test]
    fn an_answer_in_other_words_meets_the_subject_and_another_situation_does_not() {
        let meaning = Meaning::new();
        let subject = [("blood".to_owned(), 6.0), ("donors".to_owned(), 5.0)];
        let closeness = |answer: &str| {
            let said = words(answer);
            meaning
                .subject_closeness(&subject, said.iter().map(String::as_str))
                .expect("the words have vectors")
        };
        let on = closeness(
            "People who gave once at a campus drive are never asked again, so I would book \
             their next donation before they leave the chair and text them before it.",
        );
        let off = closeness(
            "I would split card activation by sign-up channel and app version, and roll back \
             the release whose one-time code step fails.",
        );
        assert!(on > off + 0.15, "on {on} off {off}");
        // A subject word the answer uses itself is met in full.
        let same = closeness("Donors come back when the blood bank books their next visit.");
        assert!(same > 0.99, "{same}");
        // No answer words, or no subject: nothing to measure.
        assert_eq!(
            meaning.subject_closeness(&subject, std::iter::empty()),
            None
        );
        assert_eq!(meaning.subject_closeness(&[], ["blood"].into_iter()), None);
    }
}
