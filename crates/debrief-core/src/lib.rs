//! debrief-core: the pure heart of debrief.
//!
//! The domain model of PM and PMM hiring (roles, Leadership Principles, companies, levels,
//! loops, rounds, rubrics, questions, checklists), validation of content packs, and ranked
//! search over the question bank, and the grader: an answer in, an evidence-linked report out.
//!
//! This crate does no I/O, reads no clock, draws no random numbers and keeps no global state:
//! text and data in, values out. The loader (`debrief-content`), the web app and the CLI sit
//! around it and all call the same functions, so they never disagree.

pub mod calibrate;
pub mod catalog;
pub mod fit;
pub mod fsrs;
pub mod grade;
pub mod mock;
pub mod model;
pub mod plan;
pub mod progress;
pub mod search;
pub mod story;
pub mod validate;

pub use catalog::{
    Catalog, LookupError, LoopView, QuestionHit, QuestionQuery, RoundView, WeightedPrincipleView,
    merge, origins_mut,
};
pub use fit::{
    FitAdvice, FitAnswers, FitError, FitItem, FitOption, FitOutcome, FitResult, FitSources,
    ItemEvidence, PracticeEvidence, SourceLean, WinClass, WinEvidence, assess,
};
pub use grade::{
    CATEGORIES, DimensionScore, Evidence, Finding, GradeError, GradeInput, GradeRequest, InputId,
    Report, Severity, Span, SpanText, Star,
};
pub use model::{
    Anchors, Checklist, ChecklistItem, Company, DIFFICULTIES, Dimension, Elimination, Figure,
    Level, Loop, Origin, Pack, Principle, Probe, ProbeWhen, Question, Rating, Review, Role,
    RoleProfile, Round, RoundKind, Rubric, TimelineSpan, WeightedPrinciple,
};
pub use validate::{Problem, validate};
