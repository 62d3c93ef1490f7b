//! debrief-practice: the candidate's practice workflows, over the store and the core.
//!
//! The core is pure and the store only knows SQL; the steps between them (draw a mock loop
//! avoiding the questions seen lately, save an answer as it is typed, grade it and pick the
//! follow-up probe, record the attempt and review its spaced-repetition cards, weigh the
//! debrief) live here, once, so the web app and the CLI run exactly the same workflow and
//! never disagree.
//!
//! - [`history`]: record a graded answer (an attempt plus its review cards) and read the
//!   history back as progress input.
//! - [`today`]: the queue of due round kinds and LPs, each with a question to answer.
//! - [`mock`]: mock loops from start to debrief.
//! - [`clock`]: now, and the candidate's local day.
//!
//! Every function takes the user id and the time (`now`, unix seconds) from its caller.

pub mod clock;
pub mod history;
pub mod mock;
pub mod today;

pub use history::{Graded, record};
pub use today::{Queue, Subject, TodayItem, queue, today};

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
    /// Saved JSON could not be written or read back.
    #[error("saved data could not be read: {0}")]
    Json(#[from] serde_json::Error),
    /// Something the user asked for does not exist (or is not theirs).
    #[error("no such {0}")]
    NotFound(&'static str),
    /// The request does not fit the mock's state; the message says what to do.
    #[error("{0}")]
    Invalid(String),
}
