//! Rubric dimensions for one answer: which rubric applies, which of its dimensions the
//! question tests, each dimension's 1-4 score from its signals and findings, and the
//! principle dimension scored from the evidence of the principles the question tests.

use super::{Hits, MAX_EVIDENCE, MAX_POSITIVE_EVIDENCE};
use crate::compile::{Compiled, DimensionScoring, PrincipleEvidence, Term};
use crate::{DimensionScore, Evidence, Finding, GradeError};
use debrief_pack::{Catalog, Dimension, Role};
use debrief_text::Text;
use std::collections::BTreeSet;

/// The dimensions to score: the role's rubric, or for a role-neutral answer both roles'
/// rubrics merged (shared dimension ids once, weights averaged).
pub(super) fn rubric_for<'c>(
    catalog: &'c Catalog,
    round: &str,
    role: Option<Role>,
) -> Result<(std::borrow::Cow<'c, [Dimension]>, String), GradeError> {
    let no_rubric = || GradeError::NoRubric(round.to_owned());
    match role {
        // The role's own rubric is read as it is: only a merge needs a copy.
        Some(role) => {
            let r = catalog.rubric(round, role).ok_or_else(no_rubric)?;
            Ok((r.dimensions.as_slice().into(), r.id.clone()))
        }
        None => {
            let rubrics: Vec<_> = Role::ALL
                .iter()
                .filter_map(|&r| catalog.rubric(round, r))
                .collect();
            if rubrics.is_empty() {
                return Err(no_rubric());
            }
            let mut merged: Vec<Dimension> = Vec::new();
            for r in &rubrics {
                for d in &r.dimensions {
                    match merged.iter_mut().find(|m| m.id == d.id) {
                        Some(m) => m.weight += d.weight,
                        None => merged.push(d.clone()),
                    }
                }
            }
            whole_percents(merged.iter_mut().map(|d| &mut d.weight));
            let ids: Vec<&str> = rubrics.iter().map(|r| r.id.as_str()).collect();
            Ok((merged.into(), ids.join("+")))
        }
    }
}

/// Scales `dimensions`' weights to integer percents that sum to 100 (the remainder to the
/// heaviest first), so weights stay percents of the overall score when rubrics are merged or
/// a dimension is left out.
pub(super) fn whole_percents<'a>(weights: impl IntoIterator<Item = &'a mut u32>) {
    let mut weights: Vec<&mut u32> = weights.into_iter().collect();
    let total: u32 = weights.iter().map(|w| **w).sum();
    if total == 0 || total == 100 {
        return;
    }
    for w in weights.iter_mut() {
        **w = **w * 100 / total;
    }
    let short = 100u32.saturating_sub(weights.iter().map(|w| **w).sum());
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (*weights[b]).cmp(&*weights[a]).then(a.cmp(&b)));
    for &i in order.iter().cycle().take(short as usize) {
        *weights[i] += 1;
    }
}

/// What scoring a dimension reads: the answer's matches and findings.
pub(super) struct Judge<'a> {
    pub(super) compiled: &'a Compiled,
    pub(super) hits: &'a Hits<'a>,
    pub(super) text: &'a Text<'a>,
    pub(super) findings: &'a [Finding],
    pub(super) breadth: f64,
    pub(super) follow_up: bool,
}

/// The dimension scored from the evidence of the principles the question tests: each
/// principle scored on its own evidence (none caps it as a missing core would), then their
/// mean, so a story must show every principle asked about. `None` (left out of the rubric's
/// mean) when the question tests none.
pub(super) fn principle_dimension(
    judge: &Judge<'_>,
    d: &Dimension,
    scoring: &DimensionScoring,
    principles: &[&PrincipleEvidence],
    role: Option<Role>,
) -> Option<(DimensionScore, f64)> {
    // A principle with no evidence listed for the role cannot be judged here.
    let principles: Vec<&&PrincipleEvidence> = principles
        .iter()
        .filter(|p| !p.for_role(role).is_empty())
        .collect();
    if principles.is_empty() {
        return None;
    }
    let mut raw = 0.0;
    let mut evidence: Vec<Evidence> = Vec::new();
    for p in &principles {
        let terms = p.for_role(role);
        let (one, r) = judge.dimension(d, scoring, terms, terms);
        // Nothing in the answer shows this principle: the breadth of its other evidence
        // does not make up for that.
        let shown = terms
            .iter()
            .any(|&t| !judge.hits.evidence(t, judge.follow_up).is_empty());
        raw += if shown { r } else { 1.0 };
        for e in one.evidence {
            if !evidence.contains(&e) {
                evidence.push(e);
            }
        }
    }
    let raw = raw / principles.len() as f64;
    evidence.sort_by(|a, b| (a.start, a.end, &a.note).cmp(&(b.start, b.end, &b.note)));
    evidence.truncate(MAX_EVIDENCE);
    let names: Vec<&str> = principles.iter().map(|p| p.name.as_str()).collect();
    let score = DimensionScore {
        id: d.id.clone(),
        label: format!("{}: {}", d.label, names.join(", ")),
        score: raw.round().clamp(1.0, 4.0) as u8,
        weight: d.weight,
        evidence,
    };
    Some((score, raw))
}

impl Judge<'_> {
    /// A dimension's 1-4 score and its raw value: `terms` raise it (each distinct one once,
    /// repeats a little), findings of its penalty categories lower it, and without any of
    /// `core` it stays at `grading.without_core`.
    pub(super) fn dimension(
        &self,
        d: &Dimension,
        scoring: &DimensionScoring,
        terms: &[Term],
        core: &[Term],
    ) -> (DimensionScore, f64) {
        let Judge {
            compiled,
            hits,
            text,
            findings,
            breadth,
            follow_up,
        } = *self;
        let grading = &compiled.grading;
        let penalties = &scoring.penalties;
        let mut positive = 0.0;
        let mut evidence = Vec::new();
        for &term in terms {
            let found = hits.evidence(term, follow_up);
            if found.is_empty() {
                continue;
            }
            let sentences: BTreeSet<usize> = found
                .iter()
                .map(|&(a, _)| text.tokens[a].sentence)
                .collect();
            positive += hits.weight(term) * (1.0 + 0.25 * (sentences.len().min(3) - 1) as f64);
            // One quote per signal: its longest match, the most specific words for it; a time
            // span in words ("two weeks") only where there is no figure to quote.
            if let Some(&(first, last)) = found
                .iter()
                .max_by_key(|&&(a, b)| (!hits.is_span(a), b - a, usize::MAX - a))
            {
                let (start, end) = (text.tokens[first].start, text.tokens[last].end);
                evidence.push(Evidence {
                    start,
                    end,
                    text: text.source[start..end].to_owned(),
                    note: hits.label(term).to_owned(),
                });
            }
        }
        // A quote inside another ("I rewrote" inside "I rewrote the pitch") says nothing new.
        let spans: Vec<(usize, usize)> = evidence.iter().map(|e| (e.start, e.end)).collect();
        let mut k = 0;
        evidence.retain(|e| {
            let i = k;
            k += 1;
            !spans.iter().enumerate().any(|(j, &(a, b))| {
                j != i && a <= e.start && e.end <= b && (b - a > e.end - e.start || j < i)
            })
        });
        evidence.sort_by(|a, b| (a.start, a.end, &a.note).cmp(&(b.start, b.end, &b.note)));
        evidence.truncate(MAX_POSITIVE_EVIDENCE);
        let against: Vec<&Finding> = findings
            .iter()
            .filter(|f| penalties.contains(&f.category))
            .collect();
        let negative: f64 = against
            .iter()
            .map(|f| f.severity.penalty())
            .sum::<f64>()
            .min(3.0);
        for f in against.iter().take(MAX_EVIDENCE - MAX_POSITIVE_EVIDENCE) {
            evidence.push(Evidence {
                start: f.start,
                end: f.end,
                text: f.text.clone(),
                note: format!("Counts against: {}", f.category),
            });
        }
        evidence.sort_by(|a, b| (a.start, a.end, &a.note).cmp(&(b.start, b.end, &b.note)));
        evidence.dedup();
        evidence.truncate(MAX_EVIDENCE);
        let mut raw =
            1.0 + grading.signal_points * positive + breadth - grading.penalty_points * negative;
        // A follow-up reply answers one thing; it is not capped for lacking a dimension's core.
        if !follow_up
            && !core.is_empty()
            && core.iter().all(|&t| hits.evidence(t, follow_up).is_empty())
        {
            raw = raw.min(grading.without_core);
        }
        let raw = raw.clamp(1.0, 4.0);
        let score = DimensionScore {
            id: d.id.clone(),
            label: d.label.clone(),
            score: raw.round().clamp(1.0, 4.0) as u8,
            weight: d.weight,
            evidence,
        };
        (score, raw)
    }
}
