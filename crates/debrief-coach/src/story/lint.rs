//! Linting a story: graded as one behavioral answer, every finding mapped back to the part it
//! falls in, and the story's strength for coverage.

use super::*;

/// A byte span of one part's own text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartSpan {
    /// The part.
    pub part: Part,
    /// Byte offset of the first byte, in the part's text.
    pub start: usize,
    /// Byte offset one past the last byte, in the part's text.
    pub end: usize,
    /// The part's text in the span.
    pub text: String,
}

/// A grader finding, placed in the part of the story it falls in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryFinding {
    /// The part the finding starts in.
    pub part: Part,
    /// Byte offset of the first byte, in the part's text.
    pub start: usize,
    /// Byte offset one past the last byte, in the part's text (cut at the part's end).
    pub end: usize,
    /// The part's text in the span.
    pub text: String,
    /// The further parts a finding that spans several runs into, each from its start.
    pub continues: Vec<PartSpan>,
    /// Rule id.
    pub rule: String,
    /// One of [`debrief_pack::CATEGORIES`].
    pub category: Category,
    /// info, warning or error.
    pub severity: Severity,
    /// What is weak and why.
    pub message: String,
    /// What a strong answer does instead.
    pub suggestion: String,
}

/// How much a story can carry a principle in the coverage matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Rated strong no hire, or no result written.
    Weak,
    /// Rated no hire or better with a result, but not strong.
    Usable,
    /// Rated hire or better, with at least one number.
    Strong,
}

impl Strength {
    /// The id used in JSON (`weak`, `usable`, `strong`).
    pub fn id(self) -> &'static str {
        match self {
            Strength::Weak => "weak",
            Strength::Usable => "usable",
            Strength::Strong => "strong",
        }
    }

    /// The strength of a story from its report: strong when rated hire or better with at
    /// least one number, usable when rated no hire or better with a result written, weak
    /// otherwise.
    pub fn of(story: &Story, report: &Report) -> Strength {
        if report.rating >= Rating::Hire && !report.metrics.is_empty() {
            Strength::Strong
        } else if report.rating >= Rating::NoHire && !story.result.trim().is_empty() {
            Strength::Usable
        } else {
            Strength::Weak
        }
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A story graded as one behavioral answer, with its findings placed part by part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryLint {
    /// 0 to 100.
    pub score: u32,
    /// The hiring-scale rating of the score.
    pub rating: Rating,
    /// What the story can carry in the coverage matrix.
    pub strength: Strength,
    /// Whether the grader found at least one number.
    pub has_number: bool,
    /// The report's findings, in answer order, placed in the parts.
    pub findings: Vec<StoryFinding>,
    /// The numbers the grader found, placed in the parts.
    pub numbers: Vec<PartSpan>,
    /// The text graded ([`Story::answer`]); the report's spans are byte ranges of it.
    pub text: String,
    /// The grader's full report.
    pub report: Report,
}

/// Grades `story` as one behavioral answer for its role (the parts joined as paragraphs, then
/// the metrics) and places each finding in the part it falls in, with spans relative to that
/// part's text. Fails only when the grader would: every part blank, or the text too large.
pub fn lint(grader: &Grader, story: &Story) -> Result<StoryLint, GradeError> {
    let (text, placed) = story.layout();
    let request = GradeRequest {
        answer: text.clone(),
        role: story.role,
        // The story kind (the grader's default round kind).
        round: None,
        // Judged on the principles the candidate says it proves.
        principles: story.lps.clone(),
        ..Default::default()
    };
    let report = grader.grade(&request)?;
    let findings = report
        .findings
        .iter()
        .filter_map(|f| {
            let (first, continues) = locate(story, &placed, f.start, f.end)?;
            Some(StoryFinding {
                part: first.part,
                start: first.start,
                end: first.end,
                text: first.text,
                continues,
                rule: f.rule.clone(),
                category: f.category,
                severity: f.severity,
                message: f.message.clone(),
                suggestion: f.suggestion.clone(),
            })
        })
        .collect();
    let numbers = report
        .metrics
        .iter()
        .filter_map(|m| locate(story, &placed, m.start, m.end).map(|(first, _)| first))
        .collect();
    Ok(StoryLint {
        score: report.score,
        rating: report.rating,
        strength: Strength::of(story, &report),
        has_number: !report.metrics.is_empty(),
        findings,
        numbers,
        text,
        report,
    })
}

/// Maps the answer's byte range `start..end` to the part it starts in (a start inside a
/// separator moves to the next part) and the further parts it runs into.
fn locate(
    story: &Story,
    placed: &[Placed],
    start: usize,
    end: usize,
) -> Option<(PartSpan, Vec<PartSpan>)> {
    let first = placed
        .iter()
        .position(|p| start < p.end || (start == p.end && end == start))
        .or_else(|| placed.len().checked_sub(1))?;
    let clip = |p: &Placed, from: usize| -> PartSpan {
        let body = story.part(p.part);
        let a = from.clamp(p.start, p.end) - p.start;
        let b = end.clamp(p.start, p.end) - p.start;
        let (a, b) = (a.min(b), b);
        PartSpan {
            part: p.part,
            start: a,
            end: b,
            text: body.get(a..b).unwrap_or_default().to_owned(),
        }
    };
    let head = clip(&placed[first], start);
    let rest = placed[first + 1..]
        .iter()
        .filter(|p| p.start < end)
        .map(|p| clip(p, p.start))
        .collect();
    Some((head, rest))
}
