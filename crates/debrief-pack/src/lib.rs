//! debrief-pack: the content pack, the knowledge debrief runs on.
//!
//! The content types as the TOML describes them (roles, Leadership Principles, companies,
//! levels, loops, rounds, rubrics, questions, checklists, probes, the grader's signals and
//! rules, the fit diagnostic's items and tuning, the prep plan's pacing, the wording coaching
//! code fills in, word lists, annotated model answers and guide pages), validation that finds
//! every problem in one pass, and the resolved [`Catalog`]: a validated pack with lookups by id that answer "did you mean",
//! the [`LoopView`] a loop page shows, and ranked question search.
//!
//! Invariant: a [`Catalog`] exists only for a valid pack, so code above this crate never
//! re-checks content. Pure: no I/O, no clock, no global state; the loader
//! (`debrief-content`) reads the files.

pub mod artifact;
pub mod catalog;
mod catalog_artifacts;
pub mod examples;
pub mod fit;
pub mod grading;
pub mod guides;
pub mod model;
pub mod pack;
pub mod pay;
pub mod paybook;
pub mod plan;
pub mod search;
pub mod template;
pub mod validate;
pub mod words;

pub use artifact::{
    ARTIFACT_CHECKS, ArtifactCheck, ArtifactDimension, ArtifactExample, ArtifactKind, ArtifactNote,
    ArtifactPrompt, ArtifactSection, ReadAs,
};
pub use catalog::{
    Catalog, LookupError, LoopView, QuestionHit, QuestionQuery, RoundView, StageView,
    WeightedPrincipleView,
};
pub use examples::{EXAMPLE_LABELS, Example};
pub use fit::{FitAdvice, FitItem, FitOption, FitOutcome, FitText, FitTuning};
pub use grading::{
    ASKS_PAST, CATEGORIES, Category, Examples, FlawModel, FlawWeights, Grading, QUESTION_CLASSES,
    Rule, SCORE_FEATURES, ScoreFeature, ScoreModel, Scoring, Signal, WORD_ORDER_CLASSES,
};
pub use guides::{Guide, GuideSection, GuideSource, Inline, inline};
pub use model::{
    Anchors, Checklist, ChecklistItem, Company, DIFFICULTIES, Dimension, Elimination, Figure,
    Level, Loop, Origin, Principle, Probe, ProbeWhen, Question, Rating, Review, Role, RoleProfile,
    Round, RoundKind, RoundKindId, Rubric, Stage, TRACKS, TimelineSpan, WeightedPrinciple,
    track_label, tracks_of,
};
pub use pack::Pack;
pub use pay::{Amount, Negotiation, PayRow, SignOnPattern, Vesting};
pub use paybook::{NamedSchedule, PayLevel, PayTable};
pub use plan::{PlanSettings, PlanText};
pub use template::{Template, TextKey, Texts};
pub use validate::{Problem, validate};
pub use words::{Lexicon, WordList, WordListEntry};
