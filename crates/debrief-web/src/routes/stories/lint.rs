//! One story, marked up: each part's text with its findings as marks (overlapping findings
//! share one), the findings about the whole story listed above it, and the story's strength.

use debrief_coach::story::{self, Part, StoryFinding, StoryLint, Strength};
use debrief_grader::Severity;

use crate::ui::category_label;
use crate::ui::report::{Tip, severity_id, severity_label, shorten};

/// One step of a part's text.
pub(crate) enum Piece {
    Text(String),
    Mark {
        id: usize,
        severity: &'static str,
        text: String,
        tips: Vec<Tip>,
    },
}

/// One part of the story with its findings marked.
pub(crate) struct PartView {
    pub id: &'static str,
    pub label: &'static str,
    pub empty: bool,
    pub pieces: Vec<Piece>,
    /// How many findings start in this part.
    pub count: usize,
}

/// A finding in the list under the story.
pub(crate) struct FindingRow {
    pub severity: &'static str,
    pub severity_label: &'static str,
    pub category: String,
    pub part: &'static str,
    pub quote: String,
    pub message: String,
    pub suggestion: String,
    pub mark: Option<usize>,
}

/// A story's lint, reshaped for the page.
pub(crate) struct LintView {
    pub score: u32,
    pub rating_id: &'static str,
    pub rating_label: &'static str,
    pub strength_id: &'static str,
    pub strength_label: &'static str,
    pub strength_note: &'static str,
    pub parts: Vec<PartView>,
    /// Findings about the story as a whole.
    pub wide: Vec<FindingRow>,
    pub findings: Vec<FindingRow>,
    pub numbers: Vec<String>,
}

/// The word for a story's strength.
pub(crate) fn strength_label(s: Strength) -> &'static str {
    match s {
        Strength::Weak => "Weak",
        Strength::Usable => "Usable",
        Strength::Strong => "Strong",
    }
}

fn strength_note(s: Strength) -> &'static str {
    match s {
        Strength::Strong => "Rated hire or better with a number: it can carry a principle.",
        Strength::Usable => {
            "It has a result but is not yet rated hire with a number: sharpen it before you rely on it."
        }
        Strength::Weak => {
            "Rated strong no hire, or no result written: rewrite it before it covers a principle."
        }
    }
}

/// The parts a story's answer holds (the non-blank ones), in order.
fn placed_parts(story: &story::Story) -> Vec<Part> {
    Part::ALL
        .into_iter()
        .filter(|p| !story.part(*p).trim().is_empty())
        .collect()
}

/// Whether a finding covers the whole story, so it is listed above it rather than marked.
fn is_wide(story: &story::Story, placed: &[Part], f: &StoryFinding) -> bool {
    let (Some(&first), Some(&last)) = (placed.first(), placed.last()) else {
        return false;
    };
    let lead = |p: Part| {
        let t = story.part(p);
        t.len() - t.trim_start().len()
    };
    let (end_part, end) = f
        .continues
        .last()
        .map_or((f.part, f.end), |c| (c.part, c.end));
    f.part == first
        && f.start <= lead(first)
        && end_part == last
        && end >= story.part(last).trim_end().len()
}

impl LintView {
    /// The lint of `story`, laid out part by part.
    pub(crate) fn new(story: &story::Story, lint: &StoryLint) -> LintView {
        let placed = placed_parts(story);
        let tip = |f: &StoryFinding| Tip {
            heading: format!(
                "{} · {}",
                category_label(f.category.id()),
                severity_label(f.severity)
            ),
            message: f.message.clone(),
            suggestion: f.suggestion.clone(),
        };
        let wide_ids: Vec<bool> = lint
            .findings
            .iter()
            .map(|f| is_wide(story, &placed, f))
            .collect();
        let mut first_mark: Vec<Option<usize>> = vec![None; lint.findings.len()];
        let mut next_id = 0;
        let mut parts = Vec::new();
        for part in Part::ALL {
            let body = story.part(part);
            // (start, end, finding) in this part's text.
            let mut spans: Vec<(usize, usize, usize)> = Vec::new();
            for (i, f) in lint.findings.iter().enumerate() {
                if wide_ids[i] {
                    continue;
                }
                if f.part == part {
                    spans.push((f.start, f.end, i));
                }
                spans.extend(
                    f.continues
                        .iter()
                        .filter(|c| c.part == part)
                        .map(|c| (c.start, c.end, i)),
                );
            }
            spans.retain(|&(s, e, _)| {
                s < e && e <= body.len() && body.is_char_boundary(s) && body.is_char_boundary(e)
            });
            spans.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
            // Overlapping findings share one mark.
            let mut groups: Vec<(usize, usize, Vec<usize>)> = Vec::new();
            for (s, e, i) in spans {
                match groups.last_mut() {
                    Some(g) if s < g.1 => {
                        g.1 = g.1.max(e);
                        if !g.2.contains(&i) {
                            g.2.push(i);
                        }
                    }
                    _ => groups.push((s, e, vec![i])),
                }
            }
            let mut pieces = Vec::new();
            let mut at = 0;
            for (s, e, members) in groups {
                if at < s {
                    pieces.push(Piece::Text(body[at..s].to_owned()));
                }
                let id = next_id;
                next_id += 1;
                for &i in &members {
                    first_mark[i].get_or_insert(id);
                }
                let worst = members
                    .iter()
                    .map(|&i| lint.findings[i].severity)
                    .max()
                    .unwrap_or(Severity::Warning);
                pieces.push(Piece::Mark {
                    id,
                    severity: severity_id(worst),
                    text: body[s..e].to_owned(),
                    tips: members.iter().map(|&i| tip(&lint.findings[i])).collect(),
                });
                at = e;
            }
            if at < body.len() {
                pieces.push(Piece::Text(body[at..].to_owned()));
            }
            parts.push(PartView {
                id: part.id(),
                label: part.label(),
                empty: body.trim().is_empty(),
                pieces,
                count: lint.findings.iter().filter(|f| f.part == part).count(),
            });
        }
        let row = |i: usize, f: &StoryFinding| FindingRow {
            severity: severity_id(f.severity),
            severity_label: severity_label(f.severity),
            category: category_label(f.category.id()),
            part: f.part.label(),
            quote: shorten(&f.text),
            message: f.message.clone(),
            suggestion: f.suggestion.clone(),
            mark: first_mark[i],
        };
        let mut wide = Vec::new();
        let mut findings = Vec::new();
        for (i, f) in lint.findings.iter().enumerate() {
            if wide_ids[i] {
                wide.push(row(i, f));
            } else {
                findings.push(row(i, f));
            }
        }
        LintView {
            score: lint.score,
            rating_id: lint.rating.id(),
            rating_label: lint.rating.label(),
            strength_id: lint.strength.id(),
            strength_label: strength_label(lint.strength),
            strength_note: strength_note(lint.strength),
            parts,
            wide,
            findings,
            numbers: lint.numbers.iter().map(|n| n.text.clone()).collect(),
        }
    }
}
