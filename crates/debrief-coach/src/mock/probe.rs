//! Follow-up probes: what an interviewer asks after the first answer.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use debrief_grader::{Grader, Report, Severity};
use debrief_pack::template::render;
use debrief_pack::{Probe, Rating, Role};
use debrief_text::Text;

/// At most this many probes follow one question, counting those already asked: interviewers
/// dig twice, then move on.
pub const MAX_PROBES_PER_QUESTION: usize = 2;

/// A `missing` trigger needs an answer at least this long: a short answer is thin everywhere,
/// and the grader's own `missing` rules skip answers under 40 words for the same reason.
const MISSING_MIN_WORDS: usize = 40;

/// A quote read back to the candidate is at most this many words: a phrase they recognise,
/// not a paragraph.
const QUOTE_MAX_WORDS: usize = 14;

/// A finding whose span holds more than this share of the answer's words is about the answer
/// as a whole, which no phrase of it stands for.
const QUOTE_MAX_SHARE: f64 = 0.5;

/// A probe that fires, with why, its place in the pack and the finding's span to quote.
type Ranked<'c> = (Trigger, usize, &'c Probe, Option<(usize, usize)>);

/// A probe as the interviewer asks it after one answer.
#[derive(Debug, Clone)]
pub struct AskedProbe<'c> {
    /// The probe in the pack.
    pub probe: &'c Probe,
    /// What the interviewer says: the probe's `quoting` wording with the candidate's own
    /// words, or its plain `text`.
    pub text: String,
    /// The candidate's words it quotes, exactly as written (trimmed, ellipses marking a cut).
    pub quote: Option<String>,
}

/// Why a probe fires, as a sort key: worst first, then the most specific trigger, then the
/// earliest place in the answer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Trigger {
    severity: Reverse<Severity>,
    /// 0: a named rule fired; 1: a category; 2: a missing signal.
    specificity: u8,
    /// Whether the finding is about the whole answer: a finding on a phrase comes first, as
    /// the interviewer can read it back.
    whole: bool,
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
/// in the answer (a finding on a phrase before one on the whole answer), then the pack's order.
/// `answer` is the text `report` grades; it is read for the missing signals and the quotes.
/// Deterministic.
pub fn probes_for<'c>(
    grader: &'c Grader,
    round_kind: &str,
    role: Role,
    answer: &str,
    report: &Report,
    asked: &[String],
) -> Vec<AskedProbe<'c>> {
    let catalog = grader.catalog();
    let needs_signals = catalog.probes().iter().any(|p| !p.when.missing.is_empty());
    let present = if needs_signals {
        signals_in(grader, answer)
    } else {
        BTreeSet::new()
    };
    let judge_missing = report.words >= MISSING_MIN_WORDS && report.rating < Rating::StrongHire;
    let mut ranked: Vec<Ranked<'_>> = Vec::new();
    for (order, probe) in catalog.probes().iter().enumerate() {
        if !probe.applies(round_kind, role) {
            continue;
        }
        let mut best: Option<(Trigger, Option<(usize, usize)>)> = None;
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
                whole: 2 * (f.end.saturating_sub(f.start)) > answer.len(),
                at: f.start,
                topic: f.category.id().to_owned(),
            };
            if best.as_ref().is_none_or(|b| t < b.0) {
                best = Some((t, Some((f.start, f.end))));
            }
        }
        if best.is_none()
            && judge_missing
            && !probe.when.missing.is_empty()
            && probe.when.missing.iter().all(|s| !present.contains(s))
        {
            best = Some((
                Trigger {
                    severity: Reverse(Severity::Warning),
                    specificity: 2,
                    whole: true,
                    at: usize::MAX,
                    topic: format!("missing:{}", probe.when.missing.join(",")),
                },
                None,
            ));
        }
        if let Some((t, span)) = best {
            ranked.push((t, order, probe, span));
        }
    }
    ranked.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    // The list is worked out from the first answer alone, so asking the first probe and coming
    // back for the next gives the same second choice.
    let mut topics = BTreeSet::new();
    let chosen: Vec<(&Probe, Option<(usize, usize)>)> = ranked
        .into_iter()
        .filter(|(t, _, _, _)| topics.insert(t.topic.clone()))
        .map(|(_, _, p, span)| (p, span))
        .take(MAX_PROBES_PER_QUESTION)
        .collect();
    let room = MAX_PROBES_PER_QUESTION.saturating_sub(asked.len());
    let text = Text::new(answer);
    chosen
        .into_iter()
        .filter(|(p, _)| !asked.contains(&p.id))
        .take(room)
        .map(|(probe, span)| {
            let quote = probe
                .quoting
                .as_ref()
                .and(span)
                .and_then(|(start, end)| quote_of(&text, start, end));
            let said = match (&probe.quoting, &quote) {
                (Some(template), Some(q)) => render(template, &[("quote", q)]),
                _ => probe.text.clone(),
            };
            AskedProbe {
                probe,
                text: said,
                quote,
            }
        })
        .collect()
}

/// The candidate's words around `start..end` as an interviewer would read them back: the
/// sentence holding the span when it is short, else the words around the span, marked with
/// ellipses where cut; none when the span stands for the whole answer or holds no word.
pub fn quote_of(text: &Text<'_>, start: usize, end: usize) -> Option<String> {
    let tokens = &text.tokens;
    let mut inside = (0..tokens.len()).filter(|&i| tokens[i].start < end && tokens[i].end > start);
    let first = inside.next()?;
    let last = inside.next_back().unwrap_or(first);
    if (last + 1 - first) as f64 > QUOTE_MAX_SHARE * tokens.len() as f64 {
        return None;
    }
    // The whole sentence (or sentences) the span sits in, in tokens.
    let (s_first, s_last) = (tokens[first].sentence, tokens[last].sentence);
    let mut lo = (0..first)
        .rev()
        .take_while(|&i| tokens[i].sentence == s_first)
        .last()
        .unwrap_or(first);
    let mut hi = (last + 1..tokens.len())
        .take_while(|&i| tokens[i].sentence == s_last)
        .last()
        .unwrap_or(last);
    let (whole_lo, whole_hi) = (lo, hi);
    if hi + 1 - lo > QUOTE_MAX_WORDS {
        if last + 1 - first >= QUOTE_MAX_WORDS {
            // The span alone fills the quote: its opening words.
            lo = first;
            hi = first + QUOTE_MAX_WORDS - 1;
        } else {
            // A few words before the span, the span, then what fits after it.
            let room = QUOTE_MAX_WORDS - (last + 1 - first);
            let before = (room / 3).min(first - lo);
            lo = first - before;
            hi = (last + room - before).min(hi);
        }
    }
    let body = text.source.get(tokens[lo].start..tokens[hi].end)?.trim();
    if body.is_empty() {
        return None;
    }
    Some(format!(
        "{}{}{}",
        if lo > whole_lo { "…" } else { "" },
        body,
        if hi < whole_hi { "…" } else { "" }
    ))
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
