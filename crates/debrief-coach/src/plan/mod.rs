//! The prep plan: a week-by-week schedule from today to the interview, built from a company's
//! loop and the role's checklists.
//!
//! [`build_plan`] turns a loop (its rounds, their kinds and elimination points, the Leadership
//! Principles it weights) and the role's checklists and artifacts into [`PlanItem`]s: artifacts
//! to build, timed drills per round kind with questions from the bank, stories to write for the
//! heaviest principles, mock loops, and a light final week. The plan adapts to the time left
//! ([`Pace`]): short windows keep the heaviest principles and the elimination-point rounds and
//! list what was cut, long ones repeat drills, and anything past the pack's longest plan is
//! capped.
//!
//! The code decides what a plan holds and in what order; the numbers it paces by (`[plan]`)
//! and every sentence it writes (`[[plan_text]]`) come from the content pack, so wording and
//! tuning are edited as data (`content/plan.toml`).
//!
//! What the candidate already has comes in as a [`Groundwork`]: a principle the story bank
//! covers with a strong story gets no story item (the plan lists it as [`Covered`]), one
//! covered only by a weaker story gets a [`ItemKind::Rewrite`] item naming it, and round kinds
//! the history shows at the bar get fewer drills while those below it get more. Under the
//! default [`Layout`] no day holds more than the pack's daily limit and the first days stay
//! light; what finds no day is cut, with the reason.
//!
//! Everything here is pure: today's date is a parameter ([`Date`] is a small civil date with
//! its own calendar arithmetic), questions are picked by a stable rotation over the bank, and
//! the same inputs give the same plan, with the same item ids, byte for byte. Items are ticked
//! off by id elsewhere (the store); [`Plan::to_markdown`] and [`Plan::to_ics`] render them.

mod build;
mod groundwork;
mod ics;
mod items;
mod markdown;
mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use debrief_pack::{LookupError, PlanSettings};

pub use crate::calendar::{Date, DateError, Weekday};
pub use build::build_plan;
pub use groundwork::{BankStory, Groundwork, Layout};
pub use ics::escape_text;

/// What kind of work an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// Build a document you can point to: a battlecard, a system design doc, a press release.
    Artifact,
    /// Timed answers to bank questions for one round kind.
    Drill,
    /// Write a STAR story for a principle (or competency) the loop weights.
    Story,
    /// Strengthen a story of the bank that covers a principle, but is not yet strong.
    Rewrite,
    /// Run the whole loop, timed and in order, with feedback.
    Mock,
    /// One preparation step from the role's checklists.
    Checklist,
    /// Deliberately light: review and rest.
    Rest,
}

impl ItemKind {
    /// The id used in item ids and JSON.
    pub fn id(self) -> &'static str {
        match self {
            ItemKind::Artifact => "artifact",
            ItemKind::Drill => "drill",
            ItemKind::Story => "story",
            ItemKind::Rewrite => "rewrite",
            ItemKind::Mock => "mock",
            ItemKind::Checklist => "checklist",
            ItemKind::Rest => "rest",
        }
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How the plan adapted to the time left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pace {
    /// Up to `compressed_weeks` (two in the built-in pack): the heaviest principles and the
    /// elimination-point rounds first, the rest cut (see [`Plan::cut`]).
    Compressed,
    /// Up to `standard_weeks` (five): everything once, drills on elimination-point rounds
    /// every week.
    Standard,
    /// Longer: drills repeat through the plan and the heaviest principles get a second story.
    Extended,
}

impl Pace {
    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Pace::Compressed => "compressed",
            Pace::Standard => "standard",
            Pace::Extended => "extended",
        }
    }

    fn for_weeks(weeks: u32, pacing: &PlanSettings) -> Pace {
        if weeks <= pacing.compressed_weeks {
            Pace::Compressed
        } else if weeks <= pacing.standard_weeks {
            Pace::Standard
        } else {
            Pace::Extended
        }
    }
}

impl fmt::Display for Pace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One thing to do by a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// Unique within the plan and the same on every build from the same inputs, e.g.
    /// `w2-drill-product-design-1`, so ticks saved by id survive a rebuild.
    pub id: String,
    /// 1-based week.
    pub week: u32,
    /// What kind of work it is.
    pub kind: ItemKind,
    /// A short title, e.g. "Two timed drills: Product design".
    pub title: String,
    /// What to do and why, in a paragraph.
    pub detail: String,
    /// The round kind it prepares for, when one.
    pub round_kind: Option<String>,
    /// The Leadership Principle id it covers, for stories.
    pub principle: Option<String>,
    /// The title of the bank's story it is about, for rewrites.
    #[serde(default)]
    pub story: Option<String>,
    /// Questions from the bank to answer, in order (their text is in [`Plan::questions`]).
    pub question_ids: Vec<String>,
    /// The day it should be done by.
    pub due: Date,
}

/// One week of the plan. Weeks start on the plan's start day; the last one ends on the
/// interview date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    /// 1-based.
    pub index: u32,
    /// First day.
    pub start: Date,
    /// Last day (the interview date for the last week).
    pub end: Date,
    /// What the week is about.
    pub focus: String,
    /// Whether this is the light week before the interview.
    pub light: bool,
    /// The week's items, by due date.
    pub items: Vec<PlanItem>,
}

/// Something a fuller plan would hold that this one left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cut {
    /// The kind of item cut.
    pub kind: ItemKind,
    /// What was cut, e.g. "Story: Frugality".
    pub title: String,
    /// Why, and what to do instead.
    pub reason: String,
    /// The round kind concerned, when one.
    pub round_kind: Option<String>,
    /// The principle concerned, when one.
    pub principle: Option<String>,
}

/// A principle the story bank already covers with a strong story, so the plan asks for no
/// story for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Covered {
    /// The principle id.
    pub principle: String,
    /// The principle's name.
    pub name: String,
    /// The covering story's title.
    pub story: String,
    /// Its rating's label, e.g. "Strong hire".
    pub rating: String,
    /// What to do with it, in a sentence.
    pub text: String,
}

/// A week-by-week preparation plan for one loop and interview date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The plan's identity: loop, level and interview date, e.g. `amazon-pmm-l5-2026-06-26`.
    /// Calendar UIDs are built from it.
    pub id: String,
    /// The loop id.
    pub loop_id: String,
    /// The company id.
    pub company: String,
    /// The company's display name.
    pub company_name: String,
    /// The role id (`pm` or `pmm`).
    pub role: String,
    /// The role's short name ("PM", "PMM").
    pub role_label: String,
    /// The track within the role the loop is for (`pm-t`); `None` for the role's own loop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// The level id, when one was given.
    pub level: Option<String>,
    /// The level's display name, when one was given.
    pub level_name: Option<String>,
    /// The day the plan was built for.
    pub today: Date,
    /// The first day of week 1: `today`, or later when the plan was capped.
    pub start: Date,
    /// The interview date.
    pub interview: Date,
    /// Days from `today` to the interview.
    pub days_left: u32,
    /// How the plan adapted to the time left.
    pub pace: Pace,
    /// Whether the interview was further away than the pack's longest plan (`max_weeks`), so
    /// the plan starts later.
    pub capped: bool,
    /// Remarks on how the plan was shaped: pace, cap, level bar.
    pub notes: Vec<String>,
    /// The weeks, in order.
    pub weeks: Vec<Week>,
    /// What a fuller plan would hold and this one cut, with reasons.
    pub cut: Vec<Cut>,
    /// The principles the story bank already covers with a strong story, heaviest first.
    #[serde(default)]
    pub covered: Vec<Covered>,
    /// The text of every question an item links to, by id.
    pub questions: BTreeMap<String, String>,
}

/// Why a plan could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The company, role or level is unknown, or the company has no loop for the role.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The interview date has passed.
    #[error(
        "the interview date {interview} is in the past (today is {today}); give the date of an interview still ahead"
    )]
    InterviewPast {
        /// Today.
        today: Date,
        /// The date given.
        interview: Date,
    },
    /// The interview is today.
    #[error(
        "the interview is today ({today}), so there is nothing left to plan: reread your three heaviest stories and rest"
    )]
    InterviewToday {
        /// Today.
        today: Date,
    },
    /// The content pack has no plan pacing (a pack with a loop always has it).
    #[error(
        "the content pack has no [plan] table and no plan texts to build a plan with (see content/plan.toml)"
    )]
    NoPacing,
}

impl Plan {
    /// Every item, week by week.
    pub fn items(&self) -> impl Iterator<Item = &PlanItem> + '_ {
        self.weeks.iter().flat_map(|w| &w.items)
    }

    /// The item with `id`.
    pub fn item(&self, id: &str) -> Option<&PlanItem> {
        self.items().find(|i| i.id == id)
    }

    /// How many items are done, and how many there are. Ids in `done` that the plan does not
    /// hold are ignored.
    pub fn progress(&self, done: &BTreeSet<String>) -> (usize, usize) {
        let total = self.items().count();
        let ticked = self.items().filter(|i| done.contains(&i.id)).count();
        (ticked, total)
    }

    /// A display name for the loop, e.g. "Amazon PMM, L5".
    pub fn heading(&self) -> String {
        let name = debrief_pack::catalog::loop_name(
            &self.company_name,
            &self.role_label,
            self.track.as_deref(),
        );
        match &self.level_name {
            Some(level) => format!("{name}, {level}"),
            None => name,
        }
    }
}
