//! Model answers with the grader's report of them: what `debrief examples`, the Practice page
//! and the Examples page show. Reading the examples is the catalog's; grading each one the way
//! an answer to its question is graded is written once here.

use debrief_grader::calibrate::grade_example;
use debrief_grader::{Grader, Report};
use debrief_pack::{Example, Question, Rating};
use serde::Serialize;

use crate::PracticeError;

/// A model answer, its question, and how the grader reads it.
#[derive(Debug, Clone, Serialize)]
pub struct GradedExample<'c> {
    /// Its id.
    pub id: &'c str,
    /// The role it answers as.
    pub role: &'c str,
    /// The round kind.
    pub round: &'c str,
    /// `strong` or `weak`.
    pub label: &'c str,
    /// The bank question's id.
    pub question_id: &'c str,
    /// The question.
    pub question: &'c str,
    /// The answer.
    pub answer: &'c str,
    /// What makes it strong or weak.
    pub notes: &'c [String],
    /// The grader's score, 0-100.
    pub score: u32,
    /// The grader's rating, as its label ("Hire").
    pub rating: &'static str,
    /// Whether the grader's rating contradicts the label: a strong answer rated below hire, or
    /// a weak one rated hire or better. Shown, not hidden: the notes are the authority, and
    /// the candidate should know when the grader misreads an answer.
    pub grader_disagrees: bool,
    /// The grader's report, for a page to mark the answer up.
    #[serde(skip)]
    pub report: Report,
}

/// The model answers for `role` and `round` (either left out: any; both checked against the
/// content first, with "did you mean"), strong first, each graded as an answer to its question.
pub fn graded_examples<'c>(
    grader: &'c Grader,
    role: Option<&str>,
    round: Option<&str>,
) -> Result<Vec<GradedExample<'c>>, PracticeError> {
    let catalog = grader.catalog();
    let role = role.map(|r| catalog.role(r).map(|(r, _)| r)).transpose()?;
    let round = round
        .map(|k| catalog.round_kind(k).map(|k| k.id.as_str()))
        .transpose()?;
    catalog
        .examples_for(role, round)
        .into_iter()
        .filter_map(|e| catalog.question(&e.question).map(|q| (e, q)))
        .map(|(e, q)| grade_one(grader, e, q))
        .collect()
}

fn grade_one<'c>(
    grader: &'c Grader,
    e: &'c Example,
    q: &'c Question,
) -> Result<GradedExample<'c>, PracticeError> {
    let report = grade_example(grader, e)?;
    Ok(GradedExample {
        id: &e.id,
        role: &e.role,
        round: &e.round,
        label: &e.label,
        question_id: &q.id,
        question: &q.text,
        answer: &e.answer,
        notes: &e.notes,
        score: report.score,
        rating: report.rating.label(),
        grader_disagrees: e.is_strong() != (report.rating >= Rating::Hire),
        report,
    })
}
