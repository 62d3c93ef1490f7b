//! The fit diagnostic's content: its situational items and the advice for each outcome.
//! The scoring that reads them lives in the coaching crate.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::model::{Origin, Role};

/// The leans an option may have: negative leans PMM, positive PM, 0 is neutral.
pub const LEANS: RangeInclusive<i32> = -2..=2;
/// The outcome ids `[[fit_advice]]` may name.
pub const OUTCOMES: [&str; 3] = ["pm", "pmm", "unclear"];
/// One situational item of the questionnaire.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FitItem {
    /// Kebab-case id, unique among items.
    #[serde(default)]
    pub id: String,
    /// The situation and question, as the candidate reads it.
    #[serde(default)]
    pub prompt: String,
    /// The answers to choose from, in display order; at least two.
    #[serde(default, rename = "option")]
    pub options: Vec<FitOption>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// One answer to a fit item.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FitOption {
    /// Kebab-case id, unique within the item.
    #[serde(default)]
    pub id: String,
    /// The answer as the candidate reads it.
    #[serde(default)]
    pub text: String,
    /// -2 (a strong PMM default) to +2 (a strong PM default); 0 for an option both roles share.
    pub lean: i32,
    /// What choosing it says about the candidate.
    #[serde(default)]
    pub why: String,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// What the diagnostic suggests for one outcome.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FitAdvice {
    /// `pm`, `pmm` or `unclear`; one entry per outcome.
    #[serde(default)]
    pub outcome: String,
    /// What the outcome means, in a sentence.
    #[serde(default)]
    pub summary: String,
    /// Next steps, in order.
    #[serde(default)]
    pub text: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// What the diagnostic recommends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FitOutcome {
    /// Product Manager.
    Pm,
    /// Product Marketing Manager.
    Pmm,
    /// Neither clearly.
    Unclear,
}

impl FitOutcome {
    /// The id used in content and JSON.
    pub fn id(self) -> &'static str {
        match self {
            FitOutcome::Pm => "pm",
            FitOutcome::Pmm => "pmm",
            FitOutcome::Unclear => "unclear",
        }
    }

    /// A display label ("PM", "PMM", "Unclear").
    pub fn label(self) -> &'static str {
        match self {
            FitOutcome::Pm => "PM",
            FitOutcome::Pmm => "PMM",
            FitOutcome::Unclear => "Unclear",
        }
    }

    /// The role, when the outcome is one.
    pub fn role(self) -> Option<Role> {
        match self {
            FitOutcome::Pm => Some(Role::Pm),
            FitOutcome::Pmm => Some(Role::Pmm),
            FitOutcome::Unclear => None,
        }
    }

    /// The outcome a lean from -1 (PMM) to +1 (PM) points to, with `at` as the threshold.
    pub fn of(lean: f64, at: f64) -> FitOutcome {
        if lean >= at {
            FitOutcome::Pm
        } else if lean <= -at {
            FitOutcome::Pmm
        } else {
            FitOutcome::Unclear
        }
    }
}

impl std::fmt::Display for FitOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}
