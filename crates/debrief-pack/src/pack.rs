//! [`Pack`]: everything one content pack holds, entry kind by entry kind.

use serde::{Deserialize, Serialize};

use crate::fit::{FitAdvice, FitItem, FitTuning};
use crate::grading::{Grading, Rule, Scoring, Signal};
use crate::model::{
    Checklist, Company, Level, Loop, Principle, Probe, Question, RoleProfile, RoundKind, Rubric,
};
use crate::plan::PlanSettings;
use crate::template::Template;
use crate::words::WordListEntry;

/// Everything one content pack holds. Several packs merge into one by id.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Role descriptions.
    #[serde(default, rename = "role")]
    pub roles: Vec<RoleProfile>,
    /// Leadership Principles.
    #[serde(default, rename = "principle")]
    pub principles: Vec<Principle>,
    /// Companies.
    #[serde(default, rename = "company")]
    pub companies: Vec<Company>,
    /// Levels of all companies.
    #[serde(default, rename = "level")]
    pub levels: Vec<Level>,
    /// Round kinds.
    #[serde(default, rename = "round_kind")]
    pub round_kinds: Vec<RoundKind>,
    /// Loops.
    #[serde(default, rename = "loop")]
    pub loops: Vec<Loop>,
    /// Rubrics.
    #[serde(default, rename = "rubric")]
    pub rubrics: Vec<Rubric>,
    /// The question bank.
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
    /// Preparation checklists.
    #[serde(default, rename = "checklist")]
    pub checklists: Vec<Checklist>,
    /// Grader evidence signals.
    #[serde(default, rename = "signal")]
    pub signals: Vec<Signal>,
    /// Grader rules.
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
    /// How each rubric dimension is scored.
    #[serde(default)]
    pub scoring: Vec<Scoring>,
    /// Rating thresholds and speaking rate.
    #[serde(default)]
    pub grading: Option<Grading>,
    /// The fit diagnostic's situational items.
    #[serde(default, rename = "fit_item")]
    pub fit_items: Vec<FitItem>,
    /// The fit diagnostic's next steps, one entry per outcome.
    #[serde(default, rename = "fit_advice")]
    pub fit_advice: Vec<FitAdvice>,
    /// How the fit diagnostic weighs its evidence.
    #[serde(default)]
    pub fit_tuning: Option<FitTuning>,
    /// The fit diagnostic's wording, by id.
    #[serde(default, rename = "fit_text")]
    pub fit_texts: Vec<Template>,
    /// Follow-up probes for mock loops.
    #[serde(default, rename = "probe")]
    pub probes: Vec<Probe>,
    /// The prep plan's pacing.
    #[serde(default)]
    pub plan: Option<PlanSettings>,
    /// The prep plan's wording, by id.
    #[serde(default, rename = "plan_text")]
    pub plan_texts: Vec<Template>,
    /// Word lists the code looks up, by id.
    #[serde(default, rename = "word_list")]
    pub word_lists: Vec<WordListEntry>,
}
