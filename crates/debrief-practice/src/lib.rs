//! debrief-practice: the application layer. Every workflow a candidate runs, written once
//! over the store, the grader and the coaching code, so the web app and the CLI only parse,
//! call and render, and cannot disagree.
//!
//! [`App`] holds the store, the grader (and through it the catalog) and the [`Clock`]; its
//! methods take typed ids. By module:
//!
//! - [`stories`]: the story bank, linted, imported and exported, and its coverage of a loop.
//! - [`plans`]: prep plans, made, rebuilt exactly as made, and ticked off.
//! - [`fit`]: the PM-or-PMM diagnostic and its history.
//! - [`progress`]: readiness per round kind and the series behind the plots.
//! - [`app`]: the loop a candidate is preparing for when nothing else says (their profile,
//!   else newest plan, else newest mock, else the content's defaults).
//! - [`profile`]: the candidate's profile (company, role, level, track, interview date), read
//!   against the content and saved, the first default of every page and command.
//! - [`history`]: record a graded answer (an attempt plus its review cards).
//! - [`artifacts`]: artifact drills: a document checked against its kind and kept as an
//!   attempt.
//! - [`today`]: the queue of due round kinds and LPs, each with a question to answer.
//! - [`mock`]: mock loops from start to debrief.
//! - [`clock`]: now, and the candidate's local day.
//!
//! This crate alone turns stored rows into domain values and back.

pub mod app;
pub mod artifacts;
pub mod clock;
pub mod examples;
pub mod fit;
pub mod history;
pub mod mock;
pub mod offers;
pub mod plans;
pub mod profile;
pub mod progress;
pub mod stories;
pub mod today;

pub use app::{App, Chosen, LoopChoice};
pub use artifacts::{ArtifactSummary, CheckedArtifact};
pub use clock::Clock;
pub use debrief_store::{MockFilter, Page, PageRequest, SavedStory};
pub use examples::{GradedExample, graded_examples};
pub use fit::SavedFit;
pub use history::{Graded, record};
pub use mock::MockSummary;
pub use offers::{FieldProblem, OfferDraft, OfferProblems, OfferReport, Scenario};
pub use plans::{PlanSummary, SavedPlan};
pub use profile::{Profile, ProfileDraft, ProfileProblems, read_profile};
pub use progress::{Progress, ReadinessScope};
pub use stories::{BankCoverage, LintedStory};
pub use today::{Queue, Subject, TodayItem, loop_weights, queue, today};

/// Why a practice step failed.
#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] debrief_store::StoreError),
    /// The mock loop could not be drawn or read.
    #[error(transparent)]
    Mock(#[from] debrief_coach::mock::MockError),
    /// The answer could not be graded.
    #[error(transparent)]
    Grade(#[from] debrief_grader::GradeError),
    /// The document could not be checked (empty or too large); the message says what to do.
    #[error(transparent)]
    Artifact(#[from] debrief_grader::artifact::ArtifactError),
    /// Saved JSON could not be written or read back.
    #[error("saved data could not be read: {0}")]
    Json(#[from] serde_json::Error),
    /// Something the user asked for does not exist (or is not theirs).
    #[error("no such {0}")]
    NotFound(&'static str),
    /// A record asked for by id does not exist (or is not theirs).
    #[error("no {what} with id {id}")]
    Missing {
        /// "story", "plan", ...
        what: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// An id of the content (company, role, level, round kind, principle) is unknown.
    #[error(transparent)]
    Lookup(#[from] debrief_pack::LookupError),
    /// A plan could not be made.
    #[error(transparent)]
    Plan(#[from] debrief_coach::plan::PlanError),
    /// The fit diagnostic refused its answers.
    #[error(transparent)]
    Fit(#[from] debrief_coach::fit::FitError),
    /// A profile draft has problems, each naming its field.
    #[error(transparent)]
    Profile(#[from] ProfileProblems),
    /// The request does not fit the mock's state; the message says what to do.
    #[error("{0}")]
    Invalid(String),
}
