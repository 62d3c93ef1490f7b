//! Follow-up probes: what an interviewer asks after the first answer.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use debrief_grader::{Grader, Report, Severity};
use debrief_pack::{Probe, Rating, Role};
use debrief_text::Text;

/// At most this many probes follow one question, counting those already asked: interviewers
/// dig twice, then move on.
pub const MAX_PROBES_PER_QUESTION: usize = 2;

/// A `missing` trigger needs an answer at least this long: a short answer is thin everywhere,
/// and the grader's own `missing` rules skip answers under 40 words for the same reason.
const MISSING_MIN_WORDS: usize = 40;

/// Why a probe fires, as a sort key: worst first, then the most specific trigger, then the
/// earliest place in the answer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Trigger {
    severity: Reverse<Severity>,
    /// 0: a named rule fired; 1: a category; 2: a missing signal.
    specificity: u8,
    at: usize,
    /// What the probe is about; one probe per topic.
    topic: String,
}

/// The probes to ask after an answer, best first: at most [`MAX_PROBES_PER_QUESTION`] minus
/// the number already asked, never one in `asked`, and never two on the same weakness.
///
/// A probe fires on a warning or error finding whose rule or category its `when` names (info
/// findings are not worth an interruption), or, for `when.missing`, when an answer of 40 words or
/// more that the grader rates below strong hire shows none of the named signals. Only probes
/// whose `rounds` and `roles` admit `round_kind` and `role` are considered. Ranking: the worst
/// finding first, then a named rule before a category before a missing signal, then the place
/// in the answer, then the pack's order. `answer` is the text `report` grades; it is read for
/// the missing signals. Deterministic.
pub fn probes_for<'c>(
    grader: &'c Grader,
    round_kind: &str,
    role: Role,
    answer: &str,
    report: &Report,
    asked: &[String],
) -> Vec<&'c Probe> {
    let catalog = grader.catalog();
    let needs_signals = catalog.probes().iter().any(|p| !p.when.missing.is_empty());
    let present = if needs_signals {
        signals_in(grader, answer)
    } else {
        BTreeSet::new()
    };
    let judge_missing = report.words >= MISSING_MIN_WORDS && report.rating < Rating::StrongHire;
    let mut ranked: Vec<(Trigger, usize, &Probe)> = Vec::new();
    for (order, probe) in catalog.probes().iter().enumerate() {
        if !probe.applies(round_kind, role) {
            continue;
        }
        let mut best: Option<Trigger> = None;
        for f in &report.findings {
            if f.severity < Severity::Warning {
                continue;
            }
            let specificity = if probe.when.rules.contains(&f.rule) {
                0
            } else if probe.when.categories.iter().any(|c| c == f.category.id()) {
                1
            } else {
                continue;
            };
            let t = Trigger {
                severity: Reverse(f.severity),
                specificity,
                at: f.start,
                topic: f.category.id().to_owned(),
            };
            if best.as_ref().is_none_or(|b| t < *b) {
                best = Some(t);
            }
        }
        if best.is_none()
            && judge_missing
            && !probe.when.missing.is_empty()
            && probe.when.missing.iter().all(|s| !present.contains(s))
        {
            best = Some(Trigger {
                severity: Reverse(Severity::Warning),
                specificity: 2,
                at: usize::MAX,
                topic: format!("missing:{}", probe.when.missing.join(",")),
            });
        }
        if let Some(t) = best {
            ranked.push((t, order, probe));
        }
    }
    ranked.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    // The list is worked out from the first answer alone, so asking the first probe and coming
    // back for the next gives the same second choice.
    let mut topics = BTreeSet::new();
    let chosen: Vec<&Probe> = ranked
        .into_iter()
        .filter(|(t, _, _)| topics.insert(t.topic.clone()))
        .map(|(_, _, p)| p)
        .take(MAX_PROBES_PER_QUESTION)
        .collect();
    let room = MAX_PROBES_PER_QUESTION.saturating_sub(asked.len());
    chosen
        .into_iter()
        .filter(|p| !asked.contains(&p.id))
        .take(room)
        .collect()
}

/// The ids of the grader signals whose phrases occur in `answer`.
fn signals_in(grader: &Grader, answer: &str) -> BTreeSet<String> {
    let compiled = grader.compiled();
    let text = Text::new(answer);
    let mut out = BTreeSet::new();
    for (pattern, _, _) in compiled.matches(&text) {
        for &s in compiled.pattern_signals.get(pattern).into_iter().flatten() {
            if let Some(signal) = compiled.signals.get(s) {
                out.insert(signal.data.id.clone());
            }
        }
    }
    out
}
