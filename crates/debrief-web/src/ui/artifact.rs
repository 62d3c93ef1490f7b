//! An artifact drill's report as the page shows it: the score and rating, the kind's sections
//! with their words against the budget, the rubric dimensions, and every finding listed and
//! marked on the document's own words (with the marking the Practice report uses).
//!
//! [`ArtifactView::new`] reshapes the checker's [`ArtifactReport`] over the document it was
//! made from. Every string is the candidate's or the content's and is escaped by the template.

use debrief_grader::artifact::ArtifactReport;
use debrief_pack::{ArtifactKind, Rating};

use super::report::{MarkSpan, Piece, Tip, mark_spans, shorten};

/// One section of the kind, as the document has it.
pub(crate) struct SectionRow {
    pub name: String,
    /// The heading as the document wrote it, when it differs from the name.
    pub heading: String,
    pub required: bool,
    pub present: bool,
    pub words: usize,
    /// "80", "10–80" or "" for no budget.
    pub budget: String,
    /// Past the budget's ceiling, or under its floor.
    pub over: bool,
    pub under: bool,
    /// "2.5", or "" for an optional section left out.
    pub score: String,
    /// `points-0` .. `points-4`: the score's colour.
    pub points: u8,
}

/// A rubric dimension of the kind, scored.
pub(crate) struct DimensionRow {
    pub name: String,
    /// "2.5".
    pub score: String,
    pub points: u8,
}

/// One finding in the list.
pub(crate) struct FindingRow {
    pub name: String,
    /// The CSS class suffix of its severity (`info`, `warning`, `error`).
    pub severity: &'static str,
    /// "Minor", "Major" or "Critical".
    pub severity_label: &'static str,
    /// The section's name, or "The document as a whole".
    pub place: String,
    /// The words it is about, shortened; empty when it is about none (a missing section, the
    /// document as a whole).
    pub quote: String,
    /// The mark that highlights the words in the document, when they are marked.
    pub mark: Option<usize>,
    pub message: String,
    pub why: String,
    pub fix: String,
}

/// The grader's reading of the document as an interview answer.
pub(crate) struct ReadingRow {
    /// The round kind's name, e.g. "Behavioral".
    pub round: String,
    pub score: u32,
    pub rating: Rating,
    /// Its share of the score, in percent.
    pub share: u32,
}

/// The report reshaped for the template; it owns its strings.
pub(crate) struct ArtifactView {
    pub score: u32,
    pub rating: Rating,
    pub words: usize,
    pub finding_count: usize,
    /// A narrative (`prose`): every section is read in the whole text, so sections show no
    /// word counts of their own and the budget is the document's.
    pub prose: bool,
    /// The document's budget for a narrative, "315–1,170" words, else "".
    pub budget: String,
    pub over: bool,
    pub under: bool,
    pub sections: Vec<SectionRow>,
    pub dimensions: Vec<DimensionRow>,
    pub findings: Vec<FindingRow>,
    pub reading: Option<ReadingRow>,
    /// The document with the findings marked; `marked.html` writes it.
    pub marked: Vec<Piece>,
}

/// The CSS class, label and rank of a check's severity (`minor`, `major`, `critical`), on the
/// scale the answer marks use.
fn severity(id: &str) -> (&'static str, &'static str, u8) {
    match id {
        "minor" => ("info", "Minor", 0),
        "critical" => ("error", "Critical", 2),
        _ => ("warning", "Major", 1),
    }
}

/// A 0-4 score with one decimal, and its colour class (rounded to the point).
fn points(score: f64) -> (String, u8) {
    let score = if score.is_finite() {
        score.clamp(0.0, 4.0)
    } else {
        0.0
    };
    (format!("{score:.1}"), score.round() as u8)
}

fn budget(min: u32, max: u32) -> String {
    match (min, max) {
        (0, 0) => String::new(),
        (0, max) => max.to_string(),
        (min, 0) => format!("{min}+"),
        (min, max) => format!("{min}–{max}"),
    }
}

impl ArtifactView {
    /// The report of `text`, a document of `kind`.
    /// `round_name` names a round kind by id, for the reading.
    pub(crate) fn new(
        kind: &ArtifactKind,
        report: &ArtifactReport,
        text: &str,
        round_name: impl Fn(&str) -> String,
    ) -> ArtifactView {
        let section_name = |id: Option<&str>| {
            id.and_then(|id| kind.sections.iter().find(|s| s.id == id))
                .map_or_else(|| "The document as a whole".to_owned(), |s| s.name.clone())
        };
        let marks: Vec<MarkSpan> = report
            .findings
            .iter()
            .map(|f| {
                let (class, label, rank) = severity(&f.severity);
                MarkSpan {
                    start: f.start,
                    end: f.end,
                    rank,
                    severity: class,
                    tip: Tip {
                        heading: format!("{} · {label}", f.name),
                        message: f.message.clone(),
                        suggestion: f.fix.clone(),
                    },
                }
            })
            .collect();
        let marked = mark_spans(text, &marks, Vec::new());
        let findings = report
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let (class, label, _) = severity(&f.severity);
                FindingRow {
                    name: f.name.clone(),
                    severity: class,
                    severity_label: label,
                    place: section_name(f.section.as_deref()),
                    quote: shorten(&f.quote),
                    mark: marked.mark_of.get(i).copied().flatten(),
                    message: f.message.clone(),
                    why: f.why.clone(),
                    fix: f.fix.clone(),
                }
            })
            .collect();
        let sections = report
            .sections
            .iter()
            .map(|s| {
                let section = kind.sections.iter().find(|k| k.id == s.id);
                let min = section.map_or(0, |k| k.min_words);
                let (score, points) = s.score.map_or((String::new(), 0), points);
                SectionRow {
                    name: s.name.clone(),
                    heading: s
                        .heading
                        .clone()
                        .filter(|h| h.trim() != s.name)
                        .unwrap_or_default(),
                    required: s.required,
                    present: s.present,
                    words: s.words,
                    budget: budget(min, s.max_words),
                    over: !kind.prose
                        && s.present
                        && s.max_words > 0
                        && s.words > s.max_words as usize,
                    under: !kind.prose && s.present && s.words < min as usize,
                    score,
                    points,
                }
            })
            .collect();
        let dimensions = report
            .dimensions
            .iter()
            .map(|d| {
                let (score, points) = points(d.score);
                DimensionRow {
                    name: d.name.clone(),
                    score,
                    points,
                }
            })
            .collect();
        // A narrative's budget is the whole document's, as the checker counts it.
        let (floor, ceiling) = kind.word_budget();
        ArtifactView {
            score: report.score,
            rating: report.rating,
            words: report.words,
            finding_count: report.findings.len(),
            prose: kind.prose,
            budget: if kind.prose {
                budget(floor, ceiling)
            } else {
                String::new()
            },
            over: kind.prose && ceiling > 0 && report.words > ceiling as usize,
            under: kind.prose && report.words < floor as usize,
            sections,
            dimensions,
            findings,
            reading: report.read_as.as_ref().map(|r| ReadingRow {
                round: round_name(&r.round),
                score: r.score,
                rating: r.rating,
                share: (r.weight * 100.0).round() as u32,
            }),
            marked: marked.pieces,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_budgets_and_points_read_as_words() {
        assert_eq!(severity("minor"), ("info", "Minor", 0));
        assert_eq!(severity("critical"), ("error", "Critical", 2));
        assert_eq!(severity("major").1, "Major");
        assert_eq!(budget(0, 0), "");
        assert_eq!(budget(0, 80), "80");
        assert_eq!(budget(10, 80), "10–80");
        assert_eq!(budget(10, 0), "10+");
        assert_eq!(points(2.46), ("2.5".to_owned(), 2));
        assert_eq!(points(f64::NAN), ("0.0".to_owned(), 0));
        assert_eq!(points(9.0).1, 4);
    }
}
