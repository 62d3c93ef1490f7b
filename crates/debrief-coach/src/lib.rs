//! debrief-coach: what debrief does with a candidate's work, as pure functions.
//!
//! Prep plans from a loop ([`plan`]), the story bank and its coverage of a loop's principles
//! ([`story`]), the PM-or-PMM fit diagnostic ([`fit`]), mock loops and the hiring-committee
//! debrief ([`mock`]), progress series and readiness ([`progress`]), the FSRS scheduler behind
//! the review queue ([`fsrs`]) and the civil calendar they count days in ([`calendar`]).
//!
//! Built on the catalog (`debrief-pack`) and the grader (`debrief-grader`). This crate does no
//! I/O, reads no clock, draws no random numbers and keeps no global state: dates, times and
//! seeds are passed in, so the same inputs give byte-identical output. The application layer
//! (`debrief-practice`) calls it for the web app and the CLI alike.

pub mod calendar;
pub mod fit;
pub mod fsrs;
mod markdown_text;
pub mod mock;
pub mod plan;
pub mod progress;
pub mod story;

pub use calendar::{Date, DateError, Weekday};
pub use fit::{
    FitAnswers, FitError, FitResult, FitSources, ItemEvidence, PracticeEvidence, SourceLean,
    WinClass, WinEvidence, assess,
};
