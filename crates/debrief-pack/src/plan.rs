//! The prep plan's content: its pacing (`[plan]`) and its wording (`[[plan_text]]`). The
//! builder that reads them lives in the coaching crate; it decides which items a plan holds
//! and in what order, and takes every number and sentence from here.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// How a plan adapts to the time left, and which checklist items its own items already cover.
///
/// One table per pack; a user pack's `[plan]` replaces the built-in one whole.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    /// The longest plan, in weeks; a later interview gets a plan of the last weeks before it.
    pub max_weeks: u32,
    /// Plans of up to this many weeks are compressed: they keep the heaviest work and say
    /// what they cut.
    pub compressed_weeks: u32,
    /// Plans of up to this many weeks (and more than `compressed_weeks`) are standard; longer
    /// ones are extended.
    pub standard_weeks: u32,
    /// Stories a one-week plan keeps, heaviest first.
    pub one_week_stories: u32,
    /// Stories a longer compressed plan keeps.
    pub compressed_stories: u32,
    /// In an extended plan, the first pass of stories is due by this day at the latest (or by
    /// half-way to the first mock, when that is later).
    pub first_pass_days: u32,
    /// How many rounds a story item names where the loop weighs its principle most.
    pub story_rounds: u32,
    /// How many of the heaviest stories an extended plan asks a second story for.
    pub second_stories: u32,
    /// Bank questions linked to each story item.
    pub story_questions: u32,
    /// Besides the elimination-point rounds, how many of the busiest other round kinds keep
    /// drills in a one-week plan, and get them every week in an extended one.
    pub busiest_others: u32,
    /// Drill sessions per week for an elimination-point round in a compressed plan.
    pub compressed_elimination_sessions: u32,
    /// In a standard plan, the weeks with drills for a round kind that is not an elimination
    /// point.
    pub standard_other_weeks: u32,
    /// Minutes of answering one drill session aims at; with the round kind's answer budget it
    /// sets how many questions a session holds.
    pub drill_minutes: u32,
    /// The most questions in one drill session.
    pub drill_questions: u32,
    /// Extended plans of at least this many weeks start with a baseline mock loop.
    pub baseline_mock_weeks: u32,
    /// The baseline mock is kept only if it falls more than this many days before the first
    /// mock of the last third.
    pub baseline_gap_days: u32,
    /// A second mock in the last third is kept only if it falls at least this many days after
    /// the first.
    pub second_mock_gap_days: u32,
    /// With fewer days left than this, the mock loop shrinks to the elimination-point rounds.
    pub full_mock_days: u32,
    /// Rounds in a quick mock loop: the loop's elimination points first, then the rounds that
    /// carry the most of its weight.
    pub quick_rounds: u32,
    /// The most days a compressed plan keeps light before the interview.
    pub light_days: u32,
    /// How many of the heaviest stories the day before the interview rereads by name.
    pub day_before_stories: u32,
    /// Points below the hire bar at which an area answered that badly comes back the same
    /// day instead of waiting for its review date (Today's queue).
    pub today_far_below: u32,
    /// The most work items (anything but rest) due on one day. A day with a mock loop holds
    /// nothing else; what finds no day within its window is cut, with the reason.
    pub max_daily_items: u32,
    /// The first days of a plan (the day it is made and the ones after) that stay light.
    pub light_start_days: u32,
    /// The most work items due on each of those first days.
    pub light_start_items: u32,
    /// A round kind the candidate is ready in (see `debrief_coach::progress::readiness`) gets
    /// its drill sessions divided by this (rounded up, at least one).
    pub ready_drill_divisor: u32,
    /// How many of the round kinds below the bar, furthest behind first (gap to the bar
    /// times the loop's weight), get extra drill sessions.
    pub weak_boosted_kinds: u32,
    /// Extra drill sessions each of those kinds gets; every kind below the bar is drilled at
    /// least every drill week.
    pub weak_extra_sessions: u32,
    /// Checklist items whose text holds one of these phrases are covered by the plan's mock
    /// loops, and give the mock its "why".
    pub done_by_mock: Vec<String>,
    /// Checklist items whose text holds one of these phrases are covered by the plan's story
    /// items.
    pub done_by_stories: Vec<String>,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

crate::text_keys! {
    /// Every `[[plan_text]]` the plan builder renders, with the placeholders it fills in.
    ///
    /// Lists are filled in already joined (`", "` between names); `{busiest}`,
    /// `{second_stories}` and `{count}` are number words from the `number-words` list.
    pub enum PlanText in "plan_text" {
        /// A note when the interview is further away than the longest plan.
        NoteCapped = "note-capped" [days_left, max_weeks, start],
        /// A note on the daily limit, on plans laid out under it.
        NoteDailyLoad = "note-daily-load" [max, first],
        /// A note when the loop scores competencies rather than principles.
        NoteCompetencies = "note-competencies" [],
        /// A note with the level's bar.
        NoteLevelBar = "note-level-bar" [level, bar],
        /// The pace note of a compressed plan.
        NoteCompressed = "note-compressed" [days, kept, total, targets, stories, elimination, cuts],
        /// The pace note of a standard plan.
        NoteStandard = "note-standard" [weeks, elimination],
        /// The pace note of an extended plan.
        NoteExtended = "note-extended" [weeks, busiest, second_stories, mocks],
        /// `{targets}` of a principle loop's compressed note.
        WordPrinciples = "word-principles" [],
        /// `{targets}` of a competency loop's compressed note.
        WordCompetencies = "word-competencies" [],
        /// `{elimination}` when the loop has no known elimination point.
        NoneKnown = "none-known" [],
        /// A story's first sentence, for a principle without a gist.
        StoryPrinciple = "story-principle" [principle],
        /// A story's first sentence, with the principle's gist.
        StoryPrincipleGist = "story-principle-gist" [principle, gist],
        /// How the role proves the principle.
        StoryProof = "story-proof" [role, proof],
        /// How much the loop weighs the principle, and where most.
        StoryWeight = "story-weight" [weight, rounds],
        /// One round of `{rounds}` in `story-weight`.
        StoryWeightedRound = "story-weighted-round" [round, weight],
        /// What every story needs.
        StoryAdvice = "story-advice" [],
        /// The principle's first pitfall.
        StoryPitfall = "story-pitfall" [pitfall],
        /// A story for a competency (loops that score competencies).
        StoryCompetency = "story-competency" [competency, rounds],
        /// A story item's title.
        TitleStory = "title-story" [name],
        /// A second story's title.
        TitleSecondStory = "title-second-story" [name],
        /// A second story's detail.
        SecondStory = "second-story" [name, weight],
        /// Why a principle's story was cut.
        CutStoryPrinciple = "cut-story-principle" [days, kept, kept_names, name, weight],
        /// Why a competency's story was cut.
        CutStoryCompetency = "cut-story-competency" [days, kept, kept_names, name],
        /// A principle the story bank already covers with a strong story (the plan's
        /// `covered` list).
        Covered = "covered" [principle, story, rating],
        /// The title of an item to strengthen a story that covers a principle, but not well.
        TitleRewrite = "title-rewrite" [story],
        /// Its detail.
        Rewrite = "rewrite" [story, principle, rating, problem],
        /// `{problem}` of a story with no number.
        ProblemNoNumber = "problem-no-number" [],
        /// `{problem}` of a story with no result.
        ProblemNoResult = "problem-no-result" [],
        /// `{problem}` of a story whose most serious finding is `{finding}` (the grader's words).
        ProblemFinding = "problem-finding" [finding],
        /// `{problem}` of a story the grader found nothing in but did not rate hire.
        ProblemRating = "problem-rating" [],
        /// A sentence on a drill in a round kind the candidate is ready in.
        DrillReady = "drill-ready" [recent, bar],
        /// A sentence on a drill in a round kind the candidate is below the bar in.
        DrillWeak = "drill-weak" [recent, bar],
        /// The title of a ready round kind's fewer drills.
        TitleFewerDrills = "title-fewer-drills" [round],
        /// Why a ready round kind gets fewer drills.
        CutDrillsReady = "cut-drills-ready" [round, recent, bar, sessions, base],
        /// Why an item found no day under the daily limit.
        CutDailyLoad = "cut-daily-load" [days, max, by],
        /// A drill item's title, one question.
        TitleDrill = "title-drill" [count, round],
        /// A drill item's title, several questions.
        TitleDrills = "title-drills" [count, round],
        /// The title of a round kind's cut drills.
        TitleDrillsCut = "title-drills-cut" [round],
        /// Why a round kind's drills were cut, when the loop has elimination points.
        CutDrills = "cut-drills" [days, elimination, busiest, round],
        /// Why a round kind's drills were cut, when it has none.
        CutDrillsNoElimination = "cut-drills-no-elimination" [days, busiest, round],
        /// The title of the repeats a compressed plan cut.
        TitleRepeatDrills = "title-repeat-drills" [rounds],
        /// Why repeats were cut, when the loop has elimination points.
        CutRepeatDrills = "cut-repeat-drills" [days, elimination],
        /// Why repeats were cut, when it has none.
        CutRepeatDrillsNoElimination = "cut-repeat-drills-no-elimination" [days],
        /// A drill when the bank has no question for the round kind.
        DrillNoQuestion = "drill-no-question" [round, minutes],
        /// A drill with one question.
        DrillOneQuestion = "drill-one-question" [minutes],
        /// A drill with several questions.
        DrillQuestions = "drill-questions" [minutes],
        /// The rounds a drill prepares for.
        DrillPrepares = "drill-prepares" [rounds],
        /// What the first round of the kind judges.
        DrillJudges = "drill-judges" [judges],
        /// The first drill of an elimination-point round kind.
        DrillElimination = "drill-elimination" [rounds, why],
        /// Later drills of an elimination-point round kind.
        DrillEliminationAgain = "drill-elimination-again" [],
        /// An artifact item's title.
        TitleArtifact = "title-artifact" [artifact],
        /// Why a checklist item for round kinds outside the loop was cut.
        CutChecklistOtherKinds = "cut-checklist-other-kinds" [rounds, days],
        /// Why a checklist item whose round kinds lost their drills was cut.
        CutChecklistDrillsCut = "cut-checklist-drills-cut" [rounds, days],
        /// Why an item matters, after its text.
        Why = "why" [why],
        /// Why an artifact the checklists do not tie to the loop was cut.
        CutArtifact = "cut-artifact" [days, artifact],
        /// An artifact item of the role that no checklist item names.
        Artifact = "artifact" [artifact, role],
        /// The title of a cut full mock loop.
        TitleFullMockCut = "title-full-mock-cut" [],
        /// Why the full mock loop was cut.
        CutFullMock = "cut-full-mock" [days],
        /// One round in a mock's list of rounds.
        MockRound = "mock-round" [round, minutes],
        /// A mock of the elimination-point rounds only.
        TitleMiniMock = "title-mini-mock" [company, role],
        /// An early mock loop.
        TitleBaselineMock = "title-baseline-mock" [company, role],
        /// A mock loop in the last third.
        TitleFullMock = "title-full-mock" [company, role],
        /// How to run a full mock loop.
        MockFull = "mock-full" [role, rounds, minutes],
        /// How to run a mock of some rounds.
        MockMini = "mock-mini" [role, rounds, minutes],
        /// What an early mock is for.
        MockBaseline = "mock-baseline" [],
        /// The light week's title.
        TitleLightWeek = "title-light-week" [],
        /// The light days' title (compressed plans).
        TitleLightDays = "title-light-days" [],
        /// The light days, when the loop has no elimination point.
        Light = "light" [],
        /// The light days, with the elimination-point rounds to skim.
        LightElimination = "light-elimination" [elimination],
        /// A warm-up's title.
        TitleWarmUp = "title-warm-up" [round],
        /// A warm-up on an elimination-point round.
        WarmUp = "warm-up" [minutes, rounds],
        /// The day before's title.
        TitleDayBefore = "title-day-before" [],
        /// The day before the interview.
        DayBefore = "day-before" [stories],
        /// The day before an interview on a Monday.
        DayBeforeMonday = "day-before-monday" [stories],
        /// `{stories}` of the day before, naming them.
        DayBeforeStories = "day-before-stories" [names],
        /// `{stories}` of the day before, when there are none to name.
        DayBeforeStrongest = "day-before-strongest" [],
        /// The focus of a one-week plan.
        FocusOneWeek = "focus-one-week" [],
        /// The focus of a compressed plan's last week.
        FocusLastWeek = "focus-last-week" [],
        /// The focus of the light week.
        FocusLightWeek = "focus-light-week" [],
        /// The focus of a week with a mock loop.
        FocusMock = "focus-mock" [],
        /// The focus of the first week.
        FocusFirst = "focus-first" [],
        /// The focus of a week of stories or artifacts.
        FocusBuild = "focus-build" [],
        /// The focus of a week of drills only.
        FocusSharpen = "focus-sharpen" [],
    }
}
