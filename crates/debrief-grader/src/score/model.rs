//! The overall score from the pack's score model: a starting point plus points per measured
//! feature of the answer, each part listed in the report so every point traces to a
//! measurement.

use crate::compile::Severity;
use crate::{Finding, ScorePart};

/// What the score model weighs, measured on one answer.
pub(super) struct Measured<'a> {
    /// The rubric dimensions' weighted mean, 0 to 1.
    pub(super) rubric: f64,
    /// Numbers stated as facts (not years, labels or mentions).
    pub(super) numbers: f64,
    /// What one number is worth against the model's points per number ([`ScorePart::scale`]).
    pub(super) numbers_scale: f64,
    pub(super) findings: &'a [Finding],
    /// Spoken time over the budget.
    pub(super) length: f64,
    /// Share of the question's topic words the answer uses, when measurable.
    pub(super) relevance: Option<f64>,
    /// Statements that draw a line: what the candidate ruled out, gave up or does not claim;
    /// not measured on a follow-up reply.
    pub(super) limits: Option<f64>,
    /// What one such statement is worth: as far as the answer is on its question, since a
    /// strong story handed in to another question draws its lines about something else.
    pub(super) limits_scale: f64,
    /// Abstract nouns per hundred of the candidate's words.
    pub(super) abstract_nouns: Option<f64>,
    /// Those nouns, each once, in order.
    pub(super) abstract_words: Vec<String>,
}

impl Measured<'_> {
    /// The feature's value, or `None` where it cannot be measured on this answer.
    fn value(&self, feature: &str) -> Option<f64> {
        let count = |severity: Severity| {
            self.findings
                .iter()
                .filter(|f| f.severity == severity)
                .count() as f64
        };
        match feature {
            "rubric" => Some(self.rubric),
            "numbers" => Some(self.numbers),
            "errors" => Some(count(Severity::Error)),
            "warnings" => Some(count(Severity::Warning)),
            "notes" => Some(count(Severity::Info)),
            "length" => Some(self.length),
            "relevance" => self.relevance,
            "limits" => self.limits,
            "abstract" => self.abstract_nouns,
            // The pack validates feature ids, so no other id reaches here.
            _ => None,
        }
    }
}

/// The score before caps, and its parts: the model's base, then each feature's points.
pub(super) fn score_parts(
    model: &debrief_pack::ScoreModel,
    measured: &Measured<'_>,
) -> (f64, Vec<ScorePart>) {
    let mut total = model.base;
    let mut parts = vec![ScorePart {
        id: "base".to_owned(),
        label: "Starting point".to_owned(),
        value: 1.0,
        counted: 1.0,
        measured: true,
        points: round_to(model.base, 1),
        scale: 1.0,
        words: Vec::new(),
    }];
    for f in &model.features {
        let found = measured.value(&f.id);
        let value = found.or(f.neutral).unwrap_or(0.0).max(0.0);
        let scale = match f.id.as_str() {
            "numbers" => measured.numbers_scale,
            "limits" => measured.limits_scale,
            _ => 1.0,
        };
        // With a scale the cap is still the most points the part gives.
        let counted = if scale > 0.0 {
            value.min(f.cap / scale)
        } else {
            value
        };
        let points = f.points * counted * scale;
        total += points;
        parts.push(ScorePart {
            id: f.id.clone(),
            label: f.label.clone(),
            value: round_to(value, 2),
            counted: round_to(counted, 2),
            measured: found.is_some(),
            points: round_to(points, 1),
            scale: round_to(scale, 2),
            words: if f.id == "abstract" {
                measured.abstract_words.clone()
            } else {
                Vec::new()
            },
        });
    }
    (total, parts)
}

pub(crate) fn round_to(v: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    // Adding +0.0 turns -0.0 (no findings times a negative weight) into 0.0.
    (v * k).round() / k + 0.0
}
