//! The prep plan: a week-by-week schedule from today to the interview, built from a company's
//! loop and the role's checklists.
//!
//! [`build_plan`] turns a loop (its rounds, their kinds and elimination points, the Leadership
//! Principles it weights) and the role's checklists and artifacts into [`PlanItem`]s: artifacts
//! to build, timed drills per round kind with questions from the bank, stories to write for the
//! heaviest principles, mock loops, and a light final week. The plan adapts to the time left
//! ([`Pace`]): short windows keep the heaviest principles and the elimination-point rounds and
//! list what was cut, long ones repeat drills, and anything past [`MAX_WEEKS`] is capped.
//!
//! Everything here is pure: today's date is a parameter ([`Date`] is a small civil date with
//! its own calendar arithmetic), questions are picked by a stable rotation over the bank, and
//! the same inputs give the same plan, with the same item ids, byte for byte. Items are ticked
//! off by id elsewhere (the store); [`Plan::to_markdown`] and [`Plan::to_ics`] render them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use debrief_pack::{Catalog, LookupError, LoopView, QuestionQuery};
use debrief_pack::{Elimination, Question, Role, Round};

pub use crate::calendar::{Date, DateError, Weekday};

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

/// The longest plan: a later interview gets a plan covering the last 26 weeks before it.
pub const MAX_WEEKS: u32 = 26;

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
    /// One or two weeks: the heaviest principles and the elimination-point rounds first, the
    /// rest cut (see [`Plan::cut`]).
    Compressed,
    /// Three to five weeks: everything once, drills on elimination-point rounds every week.
    Standard,
    /// Six weeks or more: drills repeat through the plan and the heaviest principles get a
    /// second story.
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

    fn for_weeks(weeks: u32) -> Pace {
        match weeks {
            0..=2 => Pace::Compressed,
            3..=5 => Pace::Standard,
            _ => Pace::Extended,
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
    /// Whether the interview was more than [`MAX_WEEKS`] away, so the plan starts later.
    pub capped: bool,
    /// Remarks on how the plan was shaped: pace, cap, level bar.
    pub notes: Vec<String>,
    /// The weeks, in order.
    pub weeks: Vec<Week>,
    /// What a fuller plan would hold and this one cut, with reasons.
    pub cut: Vec<Cut>,
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
        match &self.level_name {
            Some(level) => format!("{} {}, {level}", self.company_name, self.role_label),
            None => format!("{} {}", self.company_name, self.role_label),
        }
    }

    /// The plan as a Markdown checklist by week, with `[x]` on the items whose id is in
    /// `done` and `[ ]` on the others.
    pub fn to_markdown(&self, done: &BTreeSet<String>) -> String {
        let mut out = String::new();
        let (ticked, total) = self.progress(done);
        let _ = writeln!(out, "# Prep plan: {}\n", self.heading());
        let _ = writeln!(
            out,
            "- Interview: {} {} ({} days from {})",
            self.interview.weekday(),
            self.interview,
            self.days_left,
            self.today
        );
        let _ = writeln!(
            out,
            "- Plan: {} from {}, {} pace",
            weeks_text(self.weeks.len()),
            self.start,
            self.pace
        );
        let _ = writeln!(out, "- Done: {ticked} of {total}");
        if !self.notes.is_empty() {
            out.push('\n');
            for note in &self.notes {
                let _ = writeln!(out, "> {note}");
            }
        }
        for week in &self.weeks {
            let _ = writeln!(
                out,
                "\n## Week {}: {} {} to {} {}\n",
                week.index,
                week.start.weekday().short(),
                week.start,
                week.end.weekday().short(),
                week.end
            );
            let _ = writeln!(out, "_{}_\n", week.focus);
            for item in &week.items {
                let mark = if done.contains(&item.id) { 'x' } else { ' ' };
                let _ = writeln!(
                    out,
                    "- [{mark}] **{}** (by {} {}) `{}`",
                    item.title,
                    item.due.weekday().short(),
                    item.due,
                    item.id
                );
                let _ = writeln!(out, "  {}", item.detail);
                for q in &item.question_ids {
                    match self.questions.get(q) {
                        Some(text) => {
                            let _ = writeln!(out, "  - `{q}`: {text}");
                        }
                        None => {
                            let _ = writeln!(out, "  - `{q}`");
                        }
                    }
                }
            }
        }
        if !self.cut.is_empty() {
            let _ = writeln!(out, "\n## Cut to fit {}\n", weeks_text(self.weeks.len()));
            for cut in &self.cut {
                let _ = writeln!(out, "- **{}**: {}", cut.title, cut.reason);
            }
        }
        out
    }

    /// The plan as an RFC 5545 calendar: one all-day event per item on its due date, with
    /// CRLF line endings and lines folded at 75 octets. Done items get a "✓ " before their
    /// summary.
    ///
    /// `stamp` is the moment of export for DTSTAMP (core reads no clock): the UTC form
    /// `YYYYMMDDTHHMMSSZ`, RFC 3339 in UTC (`2026-05-01T09:30:00Z`, fractions ignored) or a
    /// bare date. Anything else falls back to the plan's start date at midnight UTC.
    pub fn to_ics(&self, done: &BTreeSet<String>, stamp: &str) -> String {
        let stamp = ics_stamp(stamp, self.start);
        let mut out = String::new();
        let mut line = |text: &str| fold_line(&mut out, text);
        line("BEGIN:VCALENDAR");
        line("VERSION:2.0");
        line("PRODID:-//debrief//prep plan//EN");
        line("CALSCALE:GREGORIAN");
        line("METHOD:PUBLISH");
        line(&format!(
            "X-WR-CALNAME:{}",
            escape_text(&format!("Prep plan: {}", self.heading()))
        ));
        let weeks = self.weeks.len();
        for item in self.items() {
            let mut summary = String::new();
            if done.contains(&item.id) {
                summary.push_str("✓ ");
            }
            summary.push_str(&item.title);
            let mut description = item.detail.clone();
            if !item.question_ids.is_empty() {
                description.push_str("\n\nQuestions:");
                for q in &item.question_ids {
                    match self.questions.get(q) {
                        Some(text) => {
                            let _ = write!(description, "\n- {q}: {text}");
                        }
                        None => {
                            let _ = write!(description, "\n- {q}");
                        }
                    }
                }
            }
            let _ = write!(
                description,
                "\n\nWeek {} of {weeks}, {} interview on {}.",
                item.week,
                self.heading(),
                self.interview
            );
            let end = item.due.add_days(1).unwrap_or(item.due);
            line("BEGIN:VEVENT");
            line(&format!("UID:{}.{}@debrief", item.id, self.id));
            line(&format!("DTSTAMP:{stamp}"));
            line(&format!("DTSTART;VALUE=DATE:{}", item.due.compact()));
            line(&format!("DTEND;VALUE=DATE:{}", end.compact()));
            line(&format!("SUMMARY:{}", escape_text(&summary)));
            line(&format!("DESCRIPTION:{}", escape_text(&description)));
            line(&format!("CATEGORIES:debrief,{}", item.kind));
            line("TRANSP:TRANSPARENT");
            line("END:VEVENT");
        }
        line("END:VCALENDAR");
        out
    }
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon and comma get a backslash,
/// line breaks become `\n`, and other control characters (forbidden in TEXT) are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no physical line exceeds 75 octets (RFC 5545, 3.1):
/// continuation lines start with a space, and folds never split a UTF-8 character.
fn fold_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space of a continuation line counts toward its 75 octets.
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Normalises a caller-supplied moment to the UTC DATE-TIME form of RFC 5545.
fn ics_stamp(stamp: &str, fallback: Date) -> String {
    let mut compact: String = stamp
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect::<String>()
        .to_ascii_uppercase();
    if let Some(dot) = compact.find('.') {
        let utc = compact.ends_with('Z');
        compact.truncate(dot);
        if utc {
            compact.push('Z');
        }
    }
    let b = compact.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    let valid_date = |b: &[u8]| {
        std::str::from_utf8(&b[..8])
            .ok()
            .and_then(|s| Date::parse(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8])).ok())
            .is_some()
    };
    let ok = match b.len() {
        8 => digits(0..8) && valid_date(b),
        15 | 16 => {
            digits(0..8)
                && b[8] == b'T'
                && digits(9..15)
                && (b.len() == 15 || b[15] == b'Z')
                && valid_date(b)
        }
        _ => false,
    };
    match (ok, b.len()) {
        (true, 8) => format!("{compact}T000000Z"),
        (true, 15) => format!("{compact}Z"),
        (true, _) => compact,
        (false, _) => format!("{}T000000Z", fallback.compact()),
    }
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

/// One round kind of the loop, with what ranks it.
struct KindInfo<'c> {
    id: &'c str,
    name: &'c str,
    answer_minutes: u32,
    rounds: Vec<&'c Round>,
    /// Why candidates fall here, when this kind holds an elimination point.
    elimination: Option<&'c str>,
    /// Titles of its rounds that are known elimination points.
    elimination_rounds: Vec<&'c str>,
    /// Principle weight summed over its rounds.
    weight: u32,
    minutes: u32,
    first: usize,
}

impl KindInfo<'_> {
    fn is_elimination(&self) -> bool {
        self.elimination.is_some()
    }

    fn elimination_titles(&self) -> String {
        self.elimination_rounds.join(", ")
    }

    fn round_titles(&self) -> String {
        self.rounds
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a story is for: a weighted principle, or a competency in loops that score those.
struct StoryTarget<'c> {
    /// Principle id, or `None` for a competency.
    principle: Option<&'c str>,
    name: &'c str,
    weight: u32,
    detail: String,
}

/// An item before its id and week are fixed.
struct Draft {
    /// Days after the plan's start.
    offset: i64,
    kind: ItemKind,
    key: String,
    title: String,
    detail: String,
    round_kind: Option<String>,
    principle: Option<String>,
    question_ids: Vec<String>,
}

/// What stays the same while a plan is built.
struct Ctx<'c> {
    catalog: &'c Catalog,
    view: LoopView<'c>,
    role: Role,
    start: Date,
    interview: Date,
    /// Days from `start` to the interview, 1 to 182.
    days: i64,
    weeks: u32,
    pace: Pace,
    /// Round kinds of the loop, most important first.
    kinds: Vec<KindInfo<'c>>,
}

/// What grows while a plan is built.
#[derive(Default)]
struct Out {
    rotation: BTreeMap<String, usize>,
    questions: BTreeMap<String, String>,
    drafts: Vec<Draft>,
    cut: Vec<Cut>,
}

/// Builds the preparation plan for `company`'s loop for `role` (at `level` when given), from
/// `today` to `interview`.
///
/// Weeks start on `today` (or, past [`MAX_WEEKS`], 26 weeks before the interview) and the last
/// one ends on the interview date; nothing is due on the interview day itself. At least one
/// full mock loop falls in the last third of the window (windows under six days hold it two
/// days out; under three days it shrinks to the elimination-point rounds), and the last week
/// (a compressed plan: the days after its mock) stays light.
///
/// Pure and deterministic: the same catalog and arguments give the same plan and item ids, so
/// a caller that saves ticks by id should also save the plan's `today` and rebuild with it.
pub fn build_plan(
    catalog: &Catalog,
    company: &str,
    role: &str,
    level: Option<&str>,
    today: Date,
    interview: Date,
) -> Result<Plan, PlanError> {
    let view = catalog.loop_view(company, role, level)?;
    let (role, _) = catalog.role(role)?;
    let days_left = today.days_until(interview);
    if days_left < 0 {
        return Err(PlanError::InterviewPast { today, interview });
    }
    if days_left == 0 {
        return Err(PlanError::InterviewToday { today });
    }
    let max_days = i64::from(MAX_WEEKS) * 7;
    let capped = days_left > max_days;
    let start = if capped {
        interview.add_days(-max_days).unwrap_or(today)
    } else {
        today
    };
    let days = start.days_until(interview);
    let weeks = ((days + 6) / 7) as u32;
    let pace = Pace::for_weeks(weeks);
    let kinds = kinds_of(catalog, &view);
    let ctx = Ctx {
        catalog,
        view,
        role,
        start,
        interview,
        days,
        weeks,
        pace,
        kinds,
    };
    let mut out = Out::default();
    let mut notes = Vec::new();
    if capped {
        notes.push(format!(
            "The interview is {days_left} days away, more than {MAX_WEEKS} weeks: the plan covers the last {MAX_WEEKS} weeks and starts on {start}. Nothing is scheduled before then."
        ));
    }
    let mocks = ctx.mock_offsets();
    let last_third = mocks.iter().copied().find(|m| m.1).map_or(0, |m| m.0);
    let (stories_kept, stories_total) = ctx.stories(&mut out, last_third);
    let kept_kinds = ctx.drills(&mut out, last_third);
    ctx.checklists(&mut out, last_third, &kept_kinds);
    ctx.mocks(&mut out, &mocks);
    ctx.light_days(&mut out, &stories_kept, last_third);
    notes.push(ctx.pace_note(&stories_kept, stories_total, mocks.len(), &out));
    if ctx.view.principle_weights.is_empty() {
        notes.push(
            "This loop scores competencies rather than Leadership Principles, so the stories are one per competency of its behavioral rounds."
                .into(),
        );
    }
    if let Some(level) = ctx.view.level
        && !level.bar.is_empty()
    {
        notes.push(format!(
            "At {} the loop expects: {}",
            level.name,
            level.bar.trim()
        ));
    }
    let weeks = ctx.assemble(out.drafts);
    let level_id = ctx.view.level.map(|l| l.id.clone());
    let id = match &level_id {
        Some(l) => format!("{}-{l}-{interview}", ctx.view.id),
        None => format!("{}-{interview}", ctx.view.id),
    };
    Ok(Plan {
        id: slug(&id),
        loop_id: ctx.view.id.to_owned(),
        company: ctx.view.company.id.clone(),
        company_name: ctx.view.company.name.clone(),
        role: role.id().to_owned(),
        role_label: role.label().to_owned(),
        level: level_id,
        level_name: ctx.view.level.map(|l| l.name.clone()),
        today,
        start,
        interview,
        days_left: u32::try_from(days_left).unwrap_or(u32::MAX),
        pace,
        capped,
        notes,
        weeks,
        cut: out.cut,
        questions: out.questions,
    })
}

/// The loop's round kinds, ranked: elimination points first, then kinds with more rounds,
/// more principle weight, more minutes, and earlier in the loop.
fn kinds_of<'c>(catalog: &'c Catalog, view: &LoopView<'c>) -> Vec<KindInfo<'c>> {
    let mut kinds: Vec<KindInfo<'c>> = Vec::new();
    for (order, rv) in view.rounds.iter().enumerate() {
        let round: &'c Round = rv.round;
        let elimination: Option<&'c str> = round.elimination.as_deref().or_else(|| {
            rv.eliminations
                .first()
                .map(|e: &&'c Elimination| e.what.as_str())
        });
        let elimination_round = elimination.map(|_| round.title.as_str());
        let weight: u32 = round.principles.iter().map(|p| p.weight).sum();
        match kinds.iter_mut().find(|k| k.id == round.kind) {
            Some(k) => {
                k.rounds.push(round);
                k.elimination = k.elimination.or(elimination);
                k.elimination_rounds.extend(elimination_round);
                k.weight += weight;
                k.minutes += round.minutes;
            }
            None => kinds.push(KindInfo {
                id: &round.kind,
                name: rv.kind_name,
                answer_minutes: catalog
                    .round_kind(&round.kind)
                    .map_or(10, |k| k.answer_minutes.max(1)),
                rounds: vec![round],
                elimination,
                elimination_rounds: elimination_round.into_iter().collect(),
                weight,
                minutes: round.minutes,
                first: order,
            }),
        }
    }
    kinds.sort_by(|a, b| {
        b.is_elimination()
            .cmp(&a.is_elimination())
            .then(b.rounds.len().cmp(&a.rounds.len()))
            .then(b.weight.cmp(&a.weight))
            .then(b.minutes.cmp(&a.minutes))
            .then(a.first.cmp(&b.first))
    });
    kinds
}

impl<'c> Ctx<'c> {
    fn date(&self, offset: i64) -> Date {
        self.start.add_days(offset).unwrap_or(self.interview)
    }

    fn week_of(&self, offset: i64) -> u32 {
        ((offset / 7) as u32 + 1).min(self.weeks)
    }

    fn week_start(&self, week: u32) -> i64 {
        i64::from(week - 1) * 7
    }

    /// The last day of a week on which work is due: never the interview day.
    fn week_last_work_day(&self, week: u32) -> i64 {
        (self.week_start(week) + 6).min(self.days - 1)
    }

    /// Whether the whole last week is kept light (compressed plans keep only their last days
    /// light).
    fn has_light_week(&self) -> bool {
        self.pace != Pace::Compressed
    }

    /// The first light day: the last week's start, or in a compressed plan the day after the
    /// mock loop and at most three days before the interview.
    fn light_start(&self, mock: i64) -> i64 {
        if self.has_light_week() {
            self.week_start(self.weeks)
        } else {
            (mock + 1).max(self.days - 3).min(self.days - 1)
        }
    }

    /// Weeks that carry regular drills: all but the last, unless there is only one.
    fn drill_weeks(&self) -> u32 {
        if self.weeks >= 2 {
            self.weeks - 1
        } else {
            self.weeks
        }
    }

    fn company_name(&self) -> &str {
        &self.view.company.name
    }

    /// Bank questions for a round kind: this role's, the company's own first, then general
    /// ones in bank order.
    fn pool(&self, kind: &str, principle: Option<&str>) -> Vec<&'c Question> {
        let query = QuestionQuery {
            role: Some(self.role),
            round: Some(kind.to_owned()),
            company: Some(self.view.company.id.clone()),
            principle: principle.map(str::to_owned),
            ..Default::default()
        };
        self.catalog
            .find_questions(&query)
            .into_iter()
            .map(|h| h.question)
            .collect()
    }

    /// The next `n` questions of a rotation over `pool`: each call continues where the last
    /// one under the same key stopped, wrapping around.
    fn pick(&self, out: &mut Out, key: &str, pool: &[&'c Question], n: usize) -> Vec<String> {
        if pool.is_empty() {
            return Vec::new();
        }
        let next = out.rotation.entry(key.to_owned()).or_default();
        let taken = n.min(pool.len());
        let ids: Vec<&'c Question> = (0..taken).map(|i| pool[(*next + i) % pool.len()]).collect();
        *next += taken;
        ids.iter()
            .map(|q| {
                out.questions.insert(q.id.clone(), q.text.clone());
                q.id.clone()
            })
            .collect()
    }

    /// Mock days as (offset, in the last third), in order. The first one in the last third
    /// always exists; long plans add a second, and very long ones a baseline mock early on.
    fn mock_offsets(&self) -> Vec<(i64, bool)> {
        let latest = if self.days >= 3 {
            self.days - 2
        } else {
            self.days - 1
        };
        let first = ((2 * self.days + 2) / 3).min(latest).max(0);
        let mut out = Vec::new();
        if self.pace == Pace::Extended && self.weeks >= 10 {
            let baseline = self.days / 3;
            if baseline + 7 < first {
                out.push((baseline, false));
            }
        }
        out.push((first, true));
        if self.pace == Pace::Extended {
            let light_start = self.week_start(self.weeks);
            let second = (light_start - 1).min(latest);
            if second >= first + 3 {
                out.push((second, true));
            }
        }
        out
    }

    fn story_targets(&self) -> Vec<StoryTarget<'c>> {
        let role = self.role;
        if !self.view.principle_weights.is_empty() {
            return self
                .view
                .principle_weights
                .iter()
                .map(|wp| {
                    let mut by_round: Vec<(&str, u32)> = self
                        .view
                        .rounds
                        .iter()
                        .filter_map(|rv| {
                            let w = rv.weighted_principles.iter().find(|p| p.id == wp.id)?;
                            Some((rv.round.title.as_str(), w.weight))
                        })
                        .collect();
                    by_round.sort_by_key(|r| std::cmp::Reverse(r.1));
                    let heaviest: Vec<String> = by_round
                        .iter()
                        .take(3)
                        .map(|(t, w)| format!("{t} ({w})"))
                        .collect();
                    let mut detail = format!("Write a STAR story for {}", wp.name);
                    if let Ok(p) = self.catalog.principle(wp.id) {
                        if !p.gist.is_empty() {
                            let _ = write!(detail, ": {}", lower_first(p.gist.trim()));
                        }
                        let proof = p.proof_for(role).trim();
                        if !proof.is_empty() {
                            let _ = write!(
                                detail,
                                "{} A {} proves it with {}",
                                sentence_end(&detail),
                                role.label(),
                                lower_first(proof)
                            );
                        }
                        let _ = write!(
                            detail,
                            "{} The loop weighs it {} in all; most in {}.",
                            sentence_end(&detail),
                            wp.weight,
                            heaviest.join(", ")
                        );
                        detail.push_str(
                            " Make the decision yours and the result a number with a timeframe.",
                        );
                        if let Some(pitfall) = p.pitfalls.first() {
                            let _ = write!(
                                detail,
                                " Avoid: {}{}",
                                lower_first(pitfall.trim()),
                                sentence_end(pitfall)
                            );
                        }
                    } else {
                        let _ = write!(detail, ". The loop weighs it {}.", wp.weight);
                    }
                    StoryTarget {
                        principle: Some(wp.id),
                        name: wp.name,
                        weight: wp.weight,
                        detail: detail.trim_end().to_owned(),
                    }
                })
                .collect();
        }
        // Competency loops: the competencies of behavioral rounds (of every round when there
        // is none), most rounds first.
        let behavioral: Vec<&'c Round> = self
            .view
            .rounds
            .iter()
            .map(|rv| rv.round)
            .filter(|r| r.kind == "behavioral")
            .collect();
        let rounds: Vec<&'c Round> = if behavioral.is_empty() {
            self.view.rounds.iter().map(|rv| rv.round).collect()
        } else {
            behavioral
        };
        let mut counts: Vec<(&'c str, u32, Vec<&'c str>)> = Vec::new();
        for round in rounds {
            for c in &round.competencies {
                match counts.iter_mut().find(|(name, _, _)| name == c) {
                    Some(entry) => {
                        entry.1 += 1;
                        entry.2.push(&round.title);
                    }
                    None => counts.push((c, 1, vec![&round.title])),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        counts
            .into_iter()
            .map(|(name, n, titles)| StoryTarget {
                principle: None,
                name,
                weight: n,
                detail: format!(
                    "Write a STAR story that shows {} ({}), with a decision that was yours and a result with a number and a timeframe.",
                    lower_first(name),
                    titles.join(", ")
                ),
            })
            .collect()
    }

    /// Story items, heaviest first, before the first mock of the last third. Returns the
    /// names kept and how many targets there were.
    fn stories(&self, out: &mut Out, mock: i64) -> (Vec<String>, usize) {
        let targets = self.story_targets();
        let keep = match (self.pace, self.weeks) {
            (Pace::Compressed, 1) => 3,
            (Pace::Compressed, _) => 5,
            _ => targets.len(),
        };
        let (kept, dropped) = targets.split_at(keep.min(targets.len()));
        for t in dropped {
            let kept_names: Vec<&str> = kept.iter().map(|k| k.name).collect();
            let reason = match t.principle {
                Some(_) => format!(
                    "With {} days left, stories go to the {} heaviest principles first ({}). {} weighs {} in this loop; if it comes up, adapt one of those stories.",
                    self.days,
                    kept.len(),
                    kept_names.join(", "),
                    t.name,
                    t.weight
                ),
                None => format!(
                    "With {} days left, stories go to the {} competencies most rounds score first ({}); if {} comes up, adapt one of those stories.",
                    self.days,
                    kept.len(),
                    kept_names.join(", "),
                    t.name
                ),
            };
            out.cut.push(Cut {
                kind: ItemKind::Story,
                title: format!("Story: {}", t.name),
                reason,
                round_kind: None,
                principle: t.principle.map(str::to_owned),
            });
        }
        let last = (mock - 1).max(0);
        // Long plans get the first pass done in the first half and a second story for the
        // three heaviest later.
        let first_end = if self.pace == Pace::Extended {
            last.min((mock / 2).max(13))
        } else {
            last
        };
        let seconds: &[StoryTarget<'c>] = if self.pace == Pace::Extended {
            &kept[..kept.len().min(3)]
        } else {
            &[]
        };
        let first_offsets = spread(kept.len(), 0, first_end);
        let second_from = if first_end < last { first_end + 1 } else { 0 };
        let second_offsets = spread(seconds.len(), second_from, last);
        let passes = kept
            .iter()
            .zip(first_offsets)
            .map(|(t, o)| (t, o, 1))
            .chain(seconds.iter().zip(second_offsets).map(|(t, o)| (t, o, 2)));
        for (t, offset, pass) in passes {
            let key_base = t.principle.map_or_else(|| slug(t.name), str::to_owned);
            let rotation_key = format!("story:{key_base}");
            let mut pool = self.pool("behavioral", t.principle);
            if pool.is_empty() && t.principle.is_some() {
                // No behavioral question probes it: any round kind that does.
                let query = QuestionQuery {
                    role: Some(self.role),
                    company: Some(self.view.company.id.clone()),
                    principle: t.principle.map(str::to_owned),
                    ..Default::default()
                };
                pool = self
                    .catalog
                    .find_questions(&query)
                    .into_iter()
                    .map(|h| h.question)
                    .collect();
            }
            let question_ids = self.pick(out, &rotation_key, &pool, 2);
            let (key, title, detail) = if pass == 1 {
                (key_base, format!("Story: {}", t.name), t.detail.clone())
            } else {
                (
                    format!("{key_base}-2"),
                    format!("Second story: {}", t.name),
                    format!(
                        "Write a second STAR story for {} from a different project than the first, so a follow-up question cannot exhaust you. The loop weighs it {}, among its heaviest.",
                        t.name, t.weight
                    ),
                )
            };
            out.drafts.push(Draft {
                offset,
                kind: ItemKind::Story,
                key,
                title,
                detail,
                round_kind: Some("behavioral".into()),
                principle: t.principle.map(str::to_owned),
                question_ids,
            });
        }
        (
            kept.iter().map(|t| t.name.to_owned()).collect(),
            targets.len(),
        )
    }

    /// Drill sessions per round kind, week by week. Returns the kinds that keep drills.
    fn drills(&self, out: &mut Out, mock: i64) -> BTreeSet<String> {
        let drill_weeks = self.drill_weeks();
        let non_elim: Vec<&KindInfo<'c>> =
            self.kinds.iter().filter(|k| !k.is_elimination()).collect();
        let elim_names: Vec<String> = self
            .kinds
            .iter()
            .filter(|k| k.is_elimination())
            .map(|k| k.elimination_titles())
            .collect();
        // (kind, weeks with a session, sessions per such week)
        let mut plan: Vec<(&KindInfo<'c>, Vec<u32>, u32)> = Vec::new();
        let mut kept = BTreeSet::new();
        let mut single: Vec<&str> = Vec::new();
        for kind in &self.kinds {
            let rank = non_elim.iter().position(|k| k.id == kind.id);
            let sessions = match (self.pace, self.weeks) {
                (Pace::Compressed, 1) => match rank {
                    None => Some((1, 1)),
                    Some(r) if r < 2 => Some((1, 1)),
                    Some(_) => None,
                },
                (Pace::Compressed, _) => match rank {
                    None => Some((1, 2)),
                    Some(_) => {
                        single.push(kind.name);
                        Some((1, 1))
                    }
                },
                (Pace::Standard, _) => match rank {
                    None => Some((drill_weeks, 1)),
                    Some(_) => Some((drill_weeks.min(2), 1)),
                },
                (Pace::Extended, _) => match rank {
                    None => Some((drill_weeks, 1)),
                    Some(r) if r < 2 => Some((drill_weeks, 1)),
                    Some(_) => Some((drill_weeks.div_ceil(2), 1)),
                },
            };
            match sessions {
                Some((count, per_week)) => {
                    kept.insert(kind.id.to_owned());
                    plan.push((kind, session_weeks(count, drill_weeks), per_week));
                }
                None => out.cut.push(Cut {
                    kind: ItemKind::Drill,
                    title: format!("Drills: {}", kind.name),
                    reason: format!(
                        "With {} days left, drills go to the elimination-point rounds{} and the two busiest other rounds. Read the {} rubric once instead, and answer one question from it aloud if a day frees up.",
                        self.days,
                        if elim_names.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", elim_names.join(", "))
                        },
                        kind.name
                    ),
                    round_kind: Some(kind.id.to_owned()),
                    principle: None,
                }),
            }
        }
        if !single.is_empty() {
            out.cut.push(Cut {
                kind: ItemKind::Drill,
                title: format!("Repeat drills: {}", single.join(", ")),
                reason: format!(
                    "With {} days left, each of these rounds gets one drill session; repeats go to the elimination-point rounds{}.",
                    self.days,
                    if elim_names.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", elim_names.join(", "))
                    }
                ),
                round_kind: None,
                principle: None,
            });
        }
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for week in 1..=drill_weeks {
            let mut sessions: Vec<(&KindInfo<'c>, u32)> = Vec::new();
            for (kind, weeks, per_week) in &plan {
                if weeks.contains(&week) {
                    for n in 1..=*per_week {
                        sessions.push((kind, n));
                    }
                }
            }
            let mut last = self.week_last_work_day(week);
            if self.pace == Pace::Compressed {
                // The days after the mock stay light.
                last = last.min(mock.max(self.week_start(week)));
            }
            let offsets = spread(sessions.len(), self.week_start(week), last);
            for ((kind, n), offset) in sessions.into_iter().zip(offsets) {
                // About half an hour of answering per session.
                let count = (30 / kind.answer_minutes.max(1)).clamp(1, 3) as usize;
                let pool = self.pool(kind.id, None);
                let question_ids = self.pick(out, kind.id, &pool, count);
                out.drafts.push(Draft {
                    offset,
                    kind: ItemKind::Drill,
                    key: format!("{}-{n}", kind.id),
                    title: {
                        let n = if question_ids.is_empty() {
                            count
                        } else {
                            question_ids.len()
                        };
                        format!(
                            "{} timed {}: {}",
                            number_word(n),
                            if n == 1 { "drill" } else { "drills" },
                            kind.name
                        )
                    },
                    detail: self.drill_detail(kind, question_ids.len(), seen.insert(kind.id)),
                    round_kind: Some(kind.id.to_owned()),
                    principle: None,
                    question_ids,
                });
            }
        }
        kept
    }

    fn drill_detail(&self, kind: &KindInfo<'c>, questions: usize, first_session: bool) -> String {
        let mut detail = if questions == 0 {
            format!(
                "The bank has no {} question for this role yet: write one from the rubric and answer it against a {}-minute clock.",
                kind.name, kind.answer_minutes
            )
        } else {
            format!(
                "Answer {} against a {}-minute clock{}, then grade {} on the Practice page.",
                if questions == 1 {
                    "the question below"
                } else {
                    "the questions below"
                },
                kind.answer_minutes,
                if questions == 1 { "" } else { " each" },
                if questions == 1 { "it" } else { "them" }
            )
        };
        let _ = write!(detail, " Prepares for: {}.", kind.round_titles());
        if let Some(first) = kind.rounds.first()
            && !first.judges.is_empty()
        {
            let judges: Vec<&str> = first.judges.iter().map(|j| j.trim()).collect();
            let _ = write!(detail, " It judges: {}.", judges.join("; "));
        }
        match kind.elimination {
            Some(why) if first_session => {
                let _ = write!(
                    detail,
                    " Elimination point ({}): {}",
                    kind.elimination_titles(),
                    why.trim()
                );
            }
            Some(_) => detail.push_str(
                " An elimination point of this loop: fix the dimension you scored lowest on last time first.",
            ),
            None => {}
        }
        detail
    }

    /// Checklist items and artifacts, before the first mock of the last third.
    fn checklists(&self, out: &mut Out, mock: i64, kept_kinds: &BTreeSet<String>) {
        let loop_kinds: BTreeSet<&str> = self.kinds.iter().map(|k| k.id).collect();
        let rank = |kind: &str| {
            self.kinds
                .iter()
                .position(|k| k.id == kind)
                .unwrap_or(usize::MAX)
        };
        let artifacts = &self.view.role.artifacts;
        let mut merged: BTreeSet<usize> = BTreeSet::new();
        // (sort key, draft) for items kept.
        let mut kept: Vec<((u8, usize, usize), Draft)> = Vec::new();
        let mut seq = 0usize;
        for checklist in &self.view.checklists {
            for item in &checklist.items {
                seq += 1;
                let text_lower = item.text.to_lowercase();
                // Realised by the plan's own mock and story items.
                if text_lower.contains("mock loop") || text_lower.contains("story for each") {
                    continue;
                }
                let artifact = artifacts
                    .iter()
                    .enumerate()
                    .find(|(i, a)| !merged.contains(i) && mentions(&item.text, a));
                let artifact = artifact.map(|(i, a)| {
                    merged.insert(i);
                    a
                });
                let kind = if artifact.is_some() {
                    ItemKind::Artifact
                } else {
                    ItemKind::Checklist
                };
                let title = match artifact {
                    Some(a) => format!("Artifact: {}", a.trim()),
                    None => title_of(&item.text),
                };
                let in_loop: Vec<&str> = item
                    .round_kinds
                    .iter()
                    .map(String::as_str)
                    .filter(|k| loop_kinds.contains(k))
                    .collect();
                let kind_names = |ids: &[String]| {
                    ids.iter()
                        .map(|k| {
                            self.catalog
                                .round_kind(k)
                                .map_or(k.clone(), |rk| rk.name.clone())
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let cut_reason = if !item.round_kinds.is_empty() && in_loop.is_empty() {
                    (self.pace == Pace::Compressed).then(|| {
                        format!(
                            "It prepares for {} questions, and no round of this loop is of that kind; with {} days left, the loop's own rounds come first.",
                            kind_names(&item.round_kinds),
                            self.days
                        )
                    })
                } else if !in_loop.is_empty() && !in_loop.iter().any(|k| kept_kinds.contains(*k)) {
                    Some(format!(
                        "It prepares for {}, whose drills were cut to fit {} days.",
                        kind_names(&item.round_kinds),
                        self.days
                    ))
                } else {
                    None
                };
                if let Some(reason) = cut_reason {
                    out.cut.push(Cut {
                        kind,
                        title,
                        reason,
                        round_kind: item.round_kinds.first().cloned(),
                        principle: None,
                    });
                    continue;
                }
                let group = if item.round_kinds.is_empty() {
                    0
                } else if in_loop.is_empty() {
                    2
                } else {
                    1
                };
                let best = in_loop.iter().map(|k| rank(k)).min().unwrap_or(usize::MAX);
                let detail = if item.why.trim().is_empty() {
                    item.text.trim().to_owned()
                } else {
                    format!("{} Why: {}", item.text.trim(), item.why.trim())
                };
                kept.push((
                    (group, best, seq),
                    Draft {
                        offset: 0,
                        kind,
                        key: format!("{}-{}", checklist.id, item.id),
                        title,
                        detail,
                        round_kind: in_loop
                            .first()
                            .map(|k| (*k).to_owned())
                            .or_else(|| item.round_kinds.first().cloned()),
                        principle: None,
                        question_ids: Vec::new(),
                    },
                ));
            }
        }
        for (i, artifact) in artifacts.iter().enumerate() {
            if merged.contains(&i) {
                continue;
            }
            let name = artifact.trim();
            let title = format!("Artifact: {name}");
            if self.pace == Pace::Compressed {
                out.cut.push(Cut {
                    kind: ItemKind::Artifact,
                    title,
                    reason: format!(
                        "With {} days left, only the artifacts the checklists tie to this loop's rounds get built. If asked for a {}, point to one you have already written.",
                        self.days,
                        lower_first(name)
                    ),
                    round_kind: None,
                    principle: None,
                });
                continue;
            }
            seq += 1;
            kept.push((
                (3, usize::MAX, seq),
                Draft {
                    offset: 0,
                    kind: ItemKind::Artifact,
                    key: slug(name),
                    title,
                    detail: format!(
                        "Build a {} from your own work, or for a product you know well, that you could hand an interviewer. {} candidates are judged on named artifacts they owned, and this gives your stories one to point to.",
                        lower_first(name),
                        self.view.role.short
                    ),
                    round_kind: None,
                    principle: None,
                    question_ids: Vec::new(),
                },
            ));
        }
        kept.sort_by_key(|(key, _)| *key);
        let offsets = spread(kept.len(), 0, (mock - 1).max(0));
        for ((_, mut draft), offset) in kept.into_iter().zip(offsets) {
            draft.offset = offset;
            out.drafts.push(draft);
        }
    }

    /// Mock loops at the given offsets.
    fn mocks(&self, out: &mut Out, mocks: &[(i64, bool)]) {
        let full = self.days >= 3;
        let rounds: Vec<&'c Round> = if full {
            self.view.rounds.iter().map(|rv| rv.round).collect()
        } else {
            let elim: Vec<&'c Round> = self
                .view
                .rounds
                .iter()
                .map(|rv| rv.round)
                .filter(|r| {
                    self.kinds
                        .iter()
                        .any(|k| k.id == r.kind && k.is_elimination())
                })
                .collect();
            if elim.is_empty() {
                self.view.rounds.iter().map(|rv| rv.round).collect()
            } else {
                elim
            }
        };
        if !full {
            out.cut.push(Cut {
                kind: ItemKind::Mock,
                title: "Full mock loop".into(),
                reason: format!(
                    "{} days leave no room to run the whole loop and learn from it; the mock covers the elimination-point rounds only.",
                    self.days
                ),
                round_kind: None,
                principle: None,
            });
        }
        let feedback = self
            .view
            .checklists
            .iter()
            .flat_map(|c| &c.items)
            .find(|i| i.text.to_lowercase().contains("mock loop"))
            .map(|i| i.why.trim().to_owned())
            .filter(|w| !w.is_empty());
        let minutes: u32 = rounds.iter().map(|r| r.minutes).sum();
        let list: Vec<String> = rounds
            .iter()
            .map(|r| format!("{} ({} min)", r.title, r.minutes))
            .collect();
        let mut number = 0;
        for &(offset, last_third) in mocks {
            number += 1;
            let mut question_ids = Vec::new();
            for round in &rounds {
                let pool = self.pool(&round.kind, None);
                question_ids.extend(self.pick(out, &round.kind, &pool, 1));
            }
            let title = match (full, last_third) {
                (false, _) => format!(
                    "Mini mock: {} {} elimination rounds",
                    self.company_name(),
                    self.view.role.short
                ),
                (true, false) => format!(
                    "Baseline mock loop: {} {}",
                    self.company_name(),
                    self.view.role.short
                ),
                (true, true) => format!(
                    "Full mock loop: {} {}",
                    self.company_name(),
                    self.view.role.short
                ),
            };
            let mut detail = format!(
                "Run {} in order and timed, with someone who knows the {} role playing the interviewers: {}; {} minutes in all. Use one bank question per round (below). Ask for feedback round by round against the rubric, then drill the weakest round twice before the next mock or the interview.",
                if full { "every round" } else { "these rounds" },
                self.view.role.short,
                list.join(", "),
                minutes
            );
            if !last_third {
                detail.push_str(
                    " This early mock finds your gaps while there is time to close them; do not polish before it.",
                );
            }
            if let Some(why) = &feedback {
                let _ = write!(detail, " Why: {why}");
            }
            out.drafts.push(Draft {
                offset,
                kind: ItemKind::Mock,
                key: format!("{number}"),
                title,
                detail,
                round_kind: None,
                principle: None,
                question_ids,
            });
        }
    }

    /// The light final week (or, in a one-week plan, the day before).
    fn light_days(&self, out: &mut Out, stories: &[String], mock: i64) {
        let elim: Vec<&KindInfo<'c>> = self.kinds.iter().filter(|k| k.is_elimination()).collect();
        let heaviest: Vec<&str> = stories.iter().take(3).map(String::as_str).collect();
        let start = self.light_start(mock);
        if start < self.days - 1 {
            let week = self.has_light_week();
            let titles: Vec<String> = elim.iter().map(|k| k.elimination_titles()).collect();
            out.drafts.push(Draft {
                offset: start,
                kind: ItemKind::Rest,
                key: if week { "light-week" } else { "light-days" }.into(),
                title: if week {
                    "Light week: review, don't cram"
                } else {
                    "Light days: review, don't cram"
                }
                .into(),
                detail: format!(
                    "No new stories or artifacts from here on. Reread your story sheet (one line per story: the decision, the number, the timeframe){}, and keep to one short warm-up a day. Sleep counts as preparation.",
                    if titles.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", skim the rubric of the elimination-point rounds ({})",
                            titles.join(", ")
                        )
                    }
                ),
                round_kind: None,
                principle: None,
                question_ids: Vec::new(),
            });
            let offsets = spread(elim.len(), start, (self.days - 2).max(start));
            for (kind, offset) in elim.iter().zip(offsets) {
                let pool = self.pool(kind.id, None);
                let question_ids = self.pick(out, kind.id, &pool, 1);
                out.drafts.push(Draft {
                    offset,
                    kind: ItemKind::Drill,
                    key: format!("{}-warm-up", kind.id),
                    title: format!("Warm-up: {}", kind.name),
                    detail: format!(
                        "One {}-minute answer, aloud, to stay sharp for {}: an elimination point of this loop. Fix one thing, not everything.",
                        kind.answer_minutes,
                        kind.elimination_titles()
                    ),
                    round_kind: Some(kind.id.to_owned()),
                    principle: None,
                    question_ids,
                });
            }
        }
        out.drafts.push(Draft {
            offset: self.days - 1,
            kind: ItemKind::Rest,
            key: "day-before".into(),
            title: "Day before: rest".into(),
            detail: format!(
                "Check the logistics (time, place or link, who you will meet), reread your {} once{}, and stop early.",
                if heaviest.is_empty() {
                    "strongest stories".to_owned()
                } else {
                    format!("stories for {}", heaviest.join(", "))
                },
                if self.interview.weekday() == Weekday::Monday {
                    ", and keep the weekend light"
                } else {
                    ""
                }
            ),
            round_kind: None,
            principle: None,
            question_ids: Vec::new(),
        });
    }

    fn pace_note(&self, stories: &[String], story_total: usize, mocks: usize, out: &Out) -> String {
        let elim: Vec<String> = self
            .kinds
            .iter()
            .filter(|k| k.is_elimination())
            .map(|k| k.elimination_titles())
            .collect();
        match self.pace {
            Pace::Compressed => format!(
                "{} days: a compressed plan. It keeps stories for the {} of {} heaviest {} ({}), puts repeat drills on the elimination-point rounds ({}) and still runs a mock loop; {} things were cut, each with its reason.",
                self.days,
                stories.len(),
                story_total,
                if self.view.principle_weights.is_empty() {
                    "competencies"
                } else {
                    "principles"
                },
                stories.join(", "),
                if elim.is_empty() {
                    "none known".to_owned()
                } else {
                    elim.join(", ")
                },
                out.cut.len()
            ),
            Pace::Standard => format!(
                "{} weeks: every round kind of the loop gets drills, with the elimination-point rounds ({}) every week; every weighted principle gets a story; one full mock loop in the last third and a light final week.",
                self.weeks,
                if elim.is_empty() {
                    "none known".to_owned()
                } else {
                    elim.join(", ")
                }
            ),
            Pace::Extended => format!(
                "{} weeks: drills repeat through the plan (the elimination-point rounds and the two busiest others every week, the rest every other week), the three heaviest principles get a second story, and there are {} mock loops before a light final week.",
                self.weeks, mocks
            ),
        }
    }

    /// Fixes weeks, due dates, order and ids.
    fn assemble(&self, drafts: Vec<Draft>) -> Vec<Week> {
        let mut weeks: Vec<Week> = (1..=self.weeks)
            .map(|w| {
                let start = self.week_start(w);
                let end = if w == self.weeks {
                    self.days
                } else {
                    start + 6
                };
                Week {
                    index: w,
                    start: self.date(start),
                    end: self.date(end),
                    focus: String::new(),
                    light: self.has_light_week() && w == self.weeks,
                    items: Vec::new(),
                }
            })
            .collect();
        let mut indexed: Vec<(usize, Draft)> = drafts.into_iter().enumerate().collect();
        indexed.sort_by_key(|(seq, d)| (d.offset, *seq));
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for (_, d) in indexed {
            let offset = d.offset.clamp(0, (self.days - 1).max(0));
            let week = self.week_of(offset);
            let base = format!("w{week}-{}-{}", d.kind, slug(&d.key));
            let mut id = base.clone();
            let mut n = 2;
            while !seen.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            if let Some(w) = weeks.get_mut(week as usize - 1) {
                w.items.push(PlanItem {
                    id,
                    week,
                    kind: d.kind,
                    title: d.title,
                    detail: d.detail,
                    round_kind: d.round_kind,
                    principle: d.principle,
                    question_ids: d.question_ids,
                    due: self.date(offset),
                });
            }
        }
        let total = self.weeks;
        for w in &mut weeks {
            let has = |k: ItemKind| w.items.iter().any(|i| i.kind == k);
            w.focus = if total == 1 {
                "One week: the heaviest stories, the elimination-point rounds, one mock, then rest"
                    .into()
            } else if w.index == total && !w.light {
                "Finish the heaviest stories, run the mock loop, then keep the last days light"
                    .into()
            } else if w.light {
                "Light week: review and rest before the interview".into()
            } else if has(ItemKind::Mock) {
                "Rehearse: run the mock loop and fix what it exposes".into()
            } else if w.index == 1 {
                "Foundation: audit your wins, start the heaviest stories and the drills".into()
            } else if has(ItemKind::Story) || has(ItemKind::Artifact) {
                "Build: stories, artifacts and timed drills".into()
            } else {
                "Sharpen: repeat drills on the rounds that decide the loop".into()
            };
        }
        weeks
    }
}

/// Weeks (1-based) for `sessions` sessions spread evenly over `weeks` weeks.
fn session_weeks(sessions: u32, weeks: u32) -> Vec<u32> {
    let sessions = sessions.min(weeks);
    (0..sessions)
        .map(|i| (2 * i + 1) * weeks / (2 * sessions) + 1)
        .collect()
}

/// Offsets for `n` items spread evenly over days `from..=to`, in order, the last on `to`.
fn spread(n: usize, from: i64, to: i64) -> Vec<i64> {
    let len = (to - from + 1).max(1) as usize;
    (0..n)
        .map(|i| from + (((i + 1) * len).div_ceil(n) - 1) as i64)
        .collect()
}

/// Whether `text` mentions `name` as a phrase: its words in order and adjacent, each word
/// matching when one is a prefix of the other ("one-pager" matches "one-page").
fn mentions(text: &str, name: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let text = words(text);
    let name = words(name);
    if name.is_empty() || name.len() > text.len() {
        return false;
    }
    let same = |a: &str, b: &str| {
        a == b || (a.len().min(b.len()) >= 4 && (a.starts_with(b) || b.starts_with(a)))
    };
    text.windows(name.len())
        .any(|w| w.iter().zip(&name).all(|(a, b)| same(a, b)))
}

/// The opening of a checklist text as a title: up to the first sentence end, or the first
/// colon when at least four words precede it.
fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        let at_break = next.is_none_or(char::is_whitespace);
        if !at_break {
            continue;
        }
        let stop = match c {
            '.' | '?' | '!' => true,
            ':' => text[..i].split_whitespace().count() >= 4,
            _ => false,
        };
        if stop {
            end = if c == '?' { i + 1 } else { i };
            break;
        }
    }
    text[..end].trim().to_owned()
}

/// A checklist text's opening sentence, shortened at a clause or word boundary (with "…")
/// when it runs past 80 characters; the full text stays in the item's detail.
fn title_of(text: &str) -> String {
    const LIMIT: usize = 80;
    let sentence = first_sentence(text);
    if sentence.chars().count() <= LIMIT {
        return sentence;
    }
    let head: String = sentence.chars().take(LIMIT).collect();
    let clause = [", ", " (", "; "]
        .iter()
        .filter_map(|sep| head.rfind(sep))
        .filter(|&i| head[..i].chars().count() >= 30)
        .max();
    let end = clause.or_else(|| head.rfind(' ')).unwrap_or(head.len());
    format!("{}…", head[..end].trim_end_matches([',', ';', ' ']))
}

/// Lowercase, ASCII letters and digits, words joined by `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `text` with its first letter lowercased, unless the first word is an acronym or a name
/// that keeps its capitals ("PRD", "GTM one-pager", "NPS").
fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    let acronym = first_word.chars().filter(|c| c.is_uppercase()).count() > 1;
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !acronym => c.to_lowercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

/// "." when `text` does not already end a sentence, else "".
fn sentence_end(text: &str) -> &'static str {
    if text.trim_end().ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    }
}

fn weeks_text(n: usize) -> String {
    if n == 1 {
        "1 week".into()
    } else {
        format!("{n} weeks")
    }
}

fn number_word(n: usize) -> String {
    match n {
        1 => "One".into(),
        2 => "Two".into(),
        3 => "Three".into(),
        n => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn escaping_follows_rfc_5545() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\rg\u{7}h"),
            "a\\,b\\;c\\\\d\\ne\\nf\\ngh"
        );
    }

    #[test]
    fn folding_keeps_75_octets_and_utf8() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(100));
        fold_line(&mut out, &line);
        assert!(out.ends_with("\r\n"));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        let mut short = String::new();
        fold_line(&mut short, "BEGIN:VEVENT");
        assert_eq!(short, "BEGIN:VEVENT\r\n");
    }

    #[test]
    fn stamps_normalise_or_fall_back() {
        let fallback = date("2026-05-01");
        assert_eq!(ics_stamp("20260501T093000Z", fallback), "20260501T093000Z");
        assert_eq!(
            ics_stamp("2026-05-01T09:30:00.123Z", fallback),
            "20260501T093000Z"
        );
        assert_eq!(ics_stamp("2026-05-02", fallback), "20260502T000000Z");
        assert_eq!(ics_stamp("20260501T093000", fallback), "20260501T093000Z");
        assert_eq!(ics_stamp("yesterday", fallback), "20260501T000000Z");
        assert_eq!(ics_stamp("2026-02-30", fallback), "20260501T000000Z");
    }

    #[test]
    fn helpers() {
        assert_eq!(spread(3, 0, 6), [2, 4, 6]);
        assert_eq!(spread(10, 0, 6)[0], 0);
        assert_eq!(spread(10, 0, 6)[9], 6);
        assert_eq!(spread(2, 5, 5), [5, 5]);
        assert!(spread(0, 0, 6).is_empty());
        assert_eq!(session_weeks(7, 7), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(session_weeks(2, 5), [2, 4]);
        assert_eq!(session_weeks(4, 7), [1, 3, 5, 7]);
        assert_eq!(session_weeks(1, 1), [1]);
        assert_eq!(slug("GTM one-pager"), "gtm-one-pager");
        assert_eq!(
            slug("Prioritization framework or ranked backlog"),
            "prioritization-framework-or-ranked-backlog"
        );
        assert!(mentions(
            "Make one battlecard: the top objections",
            "Battlecard"
        ));
        assert!(mentions(
            "Write one system design doc end to end",
            "System design doc"
        ));
        assert!(mentions(
            "a one-page brief for the GTM one-pager",
            "GTM one-pager"
        ));
        assert!(!mentions("FAQ edits before the launch", "Launch FAQ"));
        assert_eq!(
            first_sentence("Audit your last three major wins. For each, write one line."),
            "Audit your last three major wins"
        );
        assert_eq!(
            first_sentence("Work one GTM case end to end: audience, pain, promise."),
            "Work one GTM case end to end"
        );
        assert_eq!(
            first_sentence("Answer in writing: what would you cut?"),
            "Answer in writing: what would you cut?"
        );
        assert_eq!(
            lower_first("Problem scoping: show why"),
            "problem scoping: show why"
        );
        assert_eq!(lower_first("PRD"), "PRD");
        let long = "Rewrite every awareness, buzz or reach goal in your stories as a behavior target with a number, a segment and a deadline.";
        assert_eq!(
            title_of(long),
            "Rewrite every awareness, buzz or reach goal in your stories as a behavior…"
        );
        assert_eq!(title_of("Make one battlecard."), "Make one battlecard");
        assert_eq!(lower_first("GTM one-pager"), "GTM one-pager");
    }
}
