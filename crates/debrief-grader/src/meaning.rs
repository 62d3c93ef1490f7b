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
}
