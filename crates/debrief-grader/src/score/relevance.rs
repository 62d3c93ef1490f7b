//! How far an answer is on its question: the question's topics it uses, measured against the
//! question's own words and, for a bank question, its strong answers' signals too.

use std::collections::BTreeSet;

use super::{GradeRequest, Hits};
use crate::topic::Overlap;
use debrief_pack::Catalog;
use debrief_text::Text;

/// How far a whole answer is on its question, 0 to 1: its topic-word relevance over the score
/// model's neutral share (1 without a question or a neutral share). Label words count here,
/// so adding labels ("Result:") to an answer, or putting a word of its own into one, leaves
/// its number credit where it was.
pub(super) fn on_question(
    catalog: &Catalog,
    request: &GradeRequest,
    with_signals: Option<&str>,
    text: &Text<'_>,
    hits: &Hits<'_>,
    without_labels: &Relevance,
) -> f64 {
    let neutral = catalog.score_model().neutral("relevance").unwrap_or(0.0);
    if neutral <= 0.0 {
        return 1.0;
    }
    // With no labels in the answer both readings are the same: measured once.
    let relevance = if hits.label.contains(&true) {
        request
            .question
            .as_deref()
            .map(|q| Relevance::new(q, with_signals, text, hits, true))
    } else {
        request.question.as_ref().map(|_| *without_labels)
    };
    relevance
        .and_then(|r| r.scored())
        .map_or(1.0, |o| (o.fraction() / neutral).min(1.0))
}

/// The question's topics the answer uses ([`crate::topic`]), measured against the question's
/// own words and, for a bank question, against its words with the signals of its strong
/// answers (so an answer in other words than the question's still meets it). Each is `None`
/// when it has fewer than three topics once generic interview words are left out.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Relevance {
    own: Option<Overlap>,
    with_signals: Option<Overlap>,
}

impl Relevance {
    pub(super) fn new(
        question: &str,
        with_signals: Option<&str>,
        text: &Text<'_>,
        hits: &Hits<'_>,
        labels: bool,
    ) -> Self {
        let topics = &hits.compiled.topics;
        let generic = &hits.compiled.generic_question_stems;
        // A label ("User segments:") names a topic without saying anything about it. The
        // answer's topics are stemmed once for both measures.
        let said: Vec<&str> = text
            .tokens
            .iter()
            .zip(&hits.label)
            .filter(|&(_, &label)| labels || !label)
            .map(|(t, _)| &text.source[t.start..t.end])
            .collect();
        let said = said.join(" ");
        let asked = |text: &str| {
            let mut asked = topics.of(text);
            asked.retain(|w| !generic.contains(w));
            (asked.len() >= 3).then_some(asked)
        };
        let own = asked(question);
        let with_signals = with_signals.and_then(asked);
        // Stemmed once, and only the answer's words that can meet one of the question's.
        let all: BTreeSet<String> = own.iter().chain(&with_signals).flatten().cloned().collect();
        let used = topics.used(&all, &said);
        Relevance {
            own: own.map(|a| topics.overlap(&a, &used)),
            with_signals: with_signals.map(|a| topics.overlap(&a, &used)),
        }
    }

    /// Whichever the answer meets better, so a rule that accuses an answer of missing the
    /// question gives it every chance (a plain answer in few words meets the question's own
    /// words but few signals).
    pub(super) fn best(&self) -> Option<Overlap> {
        self.own
            .into_iter()
            .chain(self.with_signals)
            .max_by(|a, b| a.share.total_cmp(&b.share))
    }

    /// Against the question with its strong answers' signals where it has them: an answer
    /// to another question meets fewer of those, and in the score that costs points without
    /// a finding's accusation.
    pub(super) fn scored(&self) -> Option<Overlap> {
        self.with_signals.or(self.own)
    }
}
