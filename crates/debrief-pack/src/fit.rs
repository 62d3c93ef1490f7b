//! The fit diagnostic's content: its situational items, the advice for each outcome, the
//! tuning that weighs the evidence (`[fit_tuning]`) and the wording of what to add and notice
//! (`[[fit_text]]`). The scoring that reads them lives in the coaching crate.

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

/// How the diagnostic weighs its three sources (the questionnaire, the candidate's wins and
/// practice answers) and how sure it lets itself be.
///
/// One table per pack; a user pack's `[fit_tuning]` replaces the built-in one whole.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FitTuning {
    /// The questionnaire's share of the combined lean when all three sources are present
    /// (absent sources are left out and the rest renormalised). The three weights sum to 1.
    pub questionnaire_weight: f64,
    /// The wins' share.
    pub wins_weight: f64,
    /// The practice answers' share.
    pub practice_weight: f64,
    /// A lean at least this far from 0 makes a call; nearer is unclear.
    pub call_at: f64,
    /// A win's role lean at least this far from 0 classifies it as a system change or a
    /// messaging shift; nearer is unclear.
    pub win_class_at: f64,
    /// A source this far from 0 in the recommendation's direction counts as full agreement.
    pub agree_full_at: f64,
    /// A combined lean this far from 0 counts as full strength.
    pub strength_full_at: f64,
    /// How much answering every item adds to the evidence. The three evidence shares sum
    /// to 1.
    pub items_evidence: f64,
    /// How much the wins asked for add.
    pub wins_evidence: f64,
    /// How much `practice_full` practice answers add.
    pub practice_evidence: f64,
    /// Practice answers that count as full practice coverage.
    pub practice_full: u32,
    /// An unclear result never claims more than this share of the evidence as confidence.
    pub unclear_confidence: f64,
    /// The highest confidence with fewer than `min_items` items answered and no wins.
    pub low_evidence_cap: f64,
    /// Below this many answered items (or the pack's item count, if smaller), with no wins,
    /// the result stays at low confidence.
    pub min_items: u32,
    /// Role words listed per win or practice answer, per role.
    pub max_words: u32,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

crate::text_keys! {
    /// Every `[[fit_text]]` the diagnostic renders, with the placeholders it fills in.
    /// `{asked}` and `{more}` of the wins are number words from the `number-words` list.
    pub enum FitText in "fit_text" {
        /// Nothing of the questionnaire is answered.
        ToAddQuestionnaire = "to-add-questionnaire" [min_items, items],
        /// Fewer items than the diagnostic needs are answered.
        ToAddItems = "to-add-items" [more, answered, items, min_items],
        /// Enough items are answered, but not all.
        ToAddRemaining = "to-add-remaining" [more, items],
        /// No win is given.
        ToAddWins = "to-add-wins" [asked],
        /// One win short of those asked for.
        ToAddMoreWin = "to-add-more-win" [more, asked],
        /// Several wins short.
        ToAddMoreWins = "to-add-more-wins" [more, asked],
        /// No practice answer is given.
        ToAddPractice = "to-add-practice" [],
        /// No win reads as either kind.
        NoteWinsUnclear = "note-wins-unclear" [],
        /// Two sources point to different roles.
        NoteDisagree = "note-disagree" [first, first_outcome, second, second_outcome],
        /// The questionnaire, as `note-disagree` names it.
        SourceQuestionnaire = "source-questionnaire" [],
        /// The wins, as `note-disagree` names them.
        SourceWins = "source-wins" [],
        /// The practice answers, as `note-disagree` names them.
        SourcePractice = "source-practice" [],
    }
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
