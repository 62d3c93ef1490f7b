//! Building a plan: the loop's round kinds ranked, the mock days fixed, the items drafted (in
//! `items.rs`), then weeks, due dates and ids assembled.

use std::collections::{BTreeMap, BTreeSet};

use debrief_pack::{Catalog, Elimination, LoopView, Question, QuestionQuery, Role, Round};
use debrief_pack::{Lexicon, PlanSettings, PlanText, Texts};

use super::groundwork::{Groundwork, Layout};
use super::text::slug;
use super::{Covered, Cut, Date, ItemKind, Pace, Plan, PlanError, PlanItem, Week};

/// One round kind of the loop, with what ranks it.
pub(super) struct KindInfo<'c> {
    pub(super) id: &'c str,
    pub(super) name: &'c str,
    pub(super) answer_minutes: u32,
    pub(super) rounds: Vec<&'c Round>,
    /// Why candidates fall here, when this kind holds an elimination point.
    pub(super) elimination: Option<&'c str>,
    /// Titles of its rounds that are known elimination points.
    elimination_rounds: Vec<&'c str>,
    /// Principle weight summed over its rounds.
    pub(super) weight: u32,
    minutes: u32,
    first: usize,
}

impl KindInfo<'_> {
    pub(super) fn is_elimination(&self) -> bool {
        self.elimination.is_some()
    }

    pub(super) fn elimination_titles(&self) -> String {
        self.elimination_rounds.join(", ")
    }

    pub(super) fn round_titles(&self) -> String {
        self.rounds
            .iter()
            .map(|r| r.title.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// An item before its id and week are fixed.
pub(super) struct Draft {
    /// Days after the plan's start.
    pub(super) offset: i64,
    pub(super) kind: ItemKind,
    pub(super) key: String,
    pub(super) title: String,
    pub(super) detail: String,
    pub(super) round_kind: Option<String>,
    pub(super) principle: Option<String>,
    pub(super) question_ids: Vec<String>,
    /// The bank's story it is about, for rewrites.
    pub(super) story: Option<String>,
    /// The days it may move to under the daily limit, or `None` when it stays put (mocks and
    /// rest days).
    pub(super) window: Option<(i64, i64)>,
    /// Which items get a day first under the daily limit: lower first.
    pub(super) rank: u8,
}

/// What stays the same while a plan is built.
pub(super) struct Ctx<'c> {
    pub(super) catalog: &'c Catalog,
    pub(super) view: LoopView<'c>,
    pub(super) role: Role,
    pub(super) start: Date,
    pub(super) interview: Date,
    /// Days from `start` to the interview, 1 to `max_weeks` weeks.
    pub(super) days: i64,
    pub(super) weeks: u32,
    pub(super) pace: Pace,
    /// Round kinds of the loop, most important first.
    pub(super) kinds: Vec<KindInfo<'c>>,
    /// The pack's pacing numbers.
    pub(super) pacing: &'c PlanSettings,
    /// The pack's wording.
    texts: &'c Texts<PlanText>,
    /// The pack's word lists, for counts spelled out.
    pub(super) lexicon: &'c Lexicon,
    /// What the candidate already has.
    pub(super) groundwork: &'c Groundwork,
}

/// What grows while a plan is built.
#[derive(Default)]
pub(super) struct Out {
    rotation: BTreeMap<String, usize>,
    questions: BTreeMap<String, String>,
    pub(super) drafts: Vec<Draft>,
    pub(super) cut: Vec<Cut>,
    pub(super) covered: Vec<Covered>,
}

/// Builds the preparation plan for `company`'s loop for `role` on `track` (`None`: the role's
/// own loop; see `Catalog::find_loop`), at `level` when given, from `today` to `interview`.
///
/// Weeks start on `today` (or, when the interview is further away than the pack's longest plan,
/// that many weeks before it) and the last one ends on the interview date; nothing is due on
/// the interview day itself. At least one full mock loop falls in the last third of the window
/// (windows under six days hold it two days out; very short ones shrink it to the
/// elimination-point rounds), and the last week (a compressed plan: the days after its mock)
/// stays light.
///
/// What the candidate already has shapes it (see [`Groundwork`]): principles the story bank
/// covers with a strong story get no story item, weaker stories get a rewrite item, and the
/// history moves drill sessions from round kinds at the bar to those below it. Under
/// [`Layout::Capped`] no day holds more than the pack's `max_daily_items` work items (rest
/// items are not work), a mock day holds nothing else, the first `light_start_days` days hold
/// at most `light_start_items`, and an item no day within its window has room for is cut with
/// the reason.
///
/// Pure and deterministic: the same catalog and arguments give the same plan and item ids, so
/// a caller that saves ticks by id should also save the plan's `today` and groundwork and
/// rebuild with them.
#[allow(clippy::too_many_arguments)]
pub fn build_plan(
    catalog: &Catalog,
    company: &str,
    role: &str,
    track: Option<&str>,
    level: Option<&str>,
    today: Date,
    interview: Date,
    groundwork: &Groundwork,
) -> Result<Plan, PlanError> {
    let view = catalog.loop_view_on(company, role, track, level)?;
    let (role, _) = catalog.role(role)?;
    let days_left = today.days_until(interview);
    if days_left < 0 {
        return Err(PlanError::InterviewPast { today, interview });
    }
    if days_left == 0 {
        return Err(PlanError::InterviewToday { today });
    }
    let pacing = catalog.plan_settings().ok_or(PlanError::NoPacing)?;
    let max_days = i64::from(pacing.max_weeks) * 7;
    let capped = days_left > max_days;
    let start = if capped {
        interview.add_days(-max_days).unwrap_or(today)
    } else {
        today
    };
    let days = start.days_until(interview);
    let weeks = ((days + 6) / 7) as u32;
    let pace = Pace::for_weeks(weeks, pacing);
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
        pacing,
        texts: catalog.plan_texts(),
        lexicon: catalog.lexicon(),
        groundwork,
    };
    let mut out = Out::default();
    let mut notes = Vec::new();
    if capped {
        notes.push(ctx.text(
            PlanText::NoteCapped,
            &[
                ("days_left", &days_left.to_string()),
                ("max_weeks", &pacing.max_weeks.to_string()),
                ("start", &start.to_string()),
            ],
        ));
    }
    let mocks = ctx.mock_offsets();
    let last_third = mocks.iter().copied().find(|m| m.1).map_or(0, |m| m.0);
    let (stories_kept, stories_total) = ctx.stories(&mut out, last_third);
    let kept_kinds = ctx.drills(&mut out, last_third);
    ctx.checklists(&mut out, last_third, &kept_kinds);
    ctx.mocks(&mut out, &mocks);
    ctx.light_days(&mut out, &stories_kept, last_third);
    if groundwork.layout == Layout::Capped {
        ctx.level(&mut out, &mocks);
        notes.push(ctx.text(
            PlanText::NoteDailyLoad,
            &[
                ("max", &pacing.max_daily_items.to_string()),
                ("first", &pacing.light_start_items.to_string()),
            ],
        ));
    }
    notes.push(ctx.pace_note(&stories_kept, stories_total, mocks.len(), &out));
    if ctx.view.principle_weights.is_empty() {
        notes.push(ctx.text(PlanText::NoteCompetencies, &[]));
    }
    if let Some(level) = ctx.view.level
        && !level.bar.is_empty()
    {
        notes.push(ctx.text(
            PlanText::NoteLevelBar,
            &[("level", &level.name), ("bar", level.bar.trim())],
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
        track: ctx.view.track.map(str::to_owned),
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
        covered: out.covered,
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
    /// The round kind stories are drilled in (see `Catalog::story_kind`).
    pub(super) fn story_kind(&self) -> Option<&'c str> {
        self.catalog.story_kind().map(|k| k.id.as_str())
    }

    /// The pack's text for `key`, filled in.
    pub(super) fn text(&self, key: PlanText, values: &[(&str, &str)]) -> String {
        self.texts.render(key, values)
    }

    fn date(&self, offset: i64) -> Date {
        self.start.add_days(offset).unwrap_or(self.interview)
    }

    fn week_of(&self, offset: i64) -> u32 {
        ((offset / 7) as u32 + 1).min(self.weeks)
    }

    pub(super) fn week_start(&self, week: u32) -> i64 {
        i64::from(week - 1) * 7
    }

    /// The last day of a week on which work is due: never the interview day.
    pub(super) fn week_last_work_day(&self, week: u32) -> i64 {
        (self.week_start(week) + 6).min(self.days - 1)
    }

    /// Whether the whole last week is kept light (compressed plans keep only their last days
    /// light).
    pub(super) fn has_light_week(&self) -> bool {
        self.pace != Pace::Compressed
    }

    /// The first light day: the last week's start, or in a compressed plan the day after the
    /// mock loop and at most `light_days` days before the interview.
    pub(super) fn light_start(&self, mock: i64) -> i64 {
        if self.has_light_week() {
            self.week_start(self.weeks)
        } else {
            let light_days = i64::from(self.pacing.light_days);
            (mock + 1).max(self.days - light_days).min(self.days - 1)
        }
    }

    /// Weeks that carry regular drills: all but the last, unless there is only one.
    pub(super) fn drill_weeks(&self) -> u32 {
        if self.weeks >= 2 {
            self.weeks - 1
        } else {
            self.weeks
        }
    }

    pub(super) fn company_name(&self) -> &str {
        &self.view.company.name
    }

    /// Bank questions for a round kind: this role's, the company's own first, then general
    /// ones in bank order.
    pub(super) fn pool(&self, kind: &str, principle: Option<&str>) -> Vec<&'c Question> {
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
    pub(super) fn pick(
        &self,
        out: &mut Out,
        key: &str,
        pool: &[&'c Question],
        n: usize,
    ) -> Vec<String> {
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
        if self.pace == Pace::Extended && self.weeks >= self.pacing.baseline_mock_weeks {
            let baseline = self.days / 3;
            if baseline + i64::from(self.pacing.baseline_gap_days) < first {
                out.push((baseline, false));
            }
        }
        out.push((first, true));
        if self.pace == Pace::Extended {
            let light_start = self.week_start(self.weeks);
            let second = (light_start - 1).min(latest);
            if second >= first + i64::from(self.pacing.second_mock_gap_days) {
                out.push((second, true));
            }
        }
        out
    }

    /// The note on how the plan fits the time left.
    fn pace_note(&self, stories: &[String], story_total: usize, mocks: usize, out: &Out) -> String {
        let elim: Vec<String> = self
            .kinds
            .iter()
            .filter(|k| k.is_elimination())
            .map(|k| k.elimination_titles())
            .collect();
        let elimination = if elim.is_empty() {
            self.text(PlanText::NoneKnown, &[])
        } else {
            elim.join(", ")
        };
        match self.pace {
            Pace::Compressed => {
                let targets = if self.view.principle_weights.is_empty() {
                    PlanText::WordCompetencies
                } else {
                    PlanText::WordPrinciples
                };
                self.text(
                    PlanText::NoteCompressed,
                    &[
                        ("days", &self.days.to_string()),
                        ("kept", &stories.len().to_string()),
                        ("total", &story_total.to_string()),
                        ("targets", &self.text(targets, &[])),
                        ("stories", &stories.join(", ")),
                        ("elimination", &elimination),
                        ("cuts", &out.cut.len().to_string()),
                    ],
                )
            }
            Pace::Standard => self.text(
                PlanText::NoteStandard,
                &[
                    ("weeks", &self.weeks.to_string()),
                    ("elimination", &elimination),
                ],
            ),
            Pace::Extended => self.text(
                PlanText::NoteExtended,
                &[
                    ("weeks", &self.weeks.to_string()),
                    (
                        "busiest",
                        &self.lexicon.number(self.pacing.busiest_others as usize),
                    ),
                    (
                        "second_stories",
                        &self.lexicon.number(self.pacing.second_stories as usize),
                    ),
                    ("mocks", &mocks.to_string()),
                ],
            ),
        }
    }

    /// Moves items within their windows so no day holds more than the daily limit, lowest
    /// rank first, each to the free day nearest where it was drafted (the earlier on a tie);
    /// an item with no free day in its window is cut. Questions only cut items linked to are
    /// dropped from the plan.
    fn level(&self, out: &mut Out, mocks: &[(i64, bool)]) {
        let days = self.days.max(1);
        let last = days - 1;
        let mut load = vec![0u32; days as usize];
        let mut full = vec![false; days as usize];
        for &(m, _) in mocks {
            full[m.clamp(0, last) as usize] = true;
        }
        // A compressed plan needs every day it has; longer ones start gently.
        let light_days = if self.pace == Pace::Compressed {
            0
        } else {
            i64::from(self.pacing.light_start_days)
        };
        let cap = |day: i64| {
            if day < light_days {
                self.pacing.light_start_items
            } else {
                self.pacing.max_daily_items
            }
        };
        let drafts = std::mem::take(&mut out.drafts);
        let mut order: Vec<usize> = (0..drafts.len()).collect();
        order.sort_by_key(|&i| (drafts[i].window.is_some(), drafts[i].rank, i));
        let mut keep = vec![true; drafts.len()];
        let mut offsets: Vec<i64> = drafts.iter().map(|d| d.offset).collect();
        for i in order {
            let d = &drafts[i];
            if d.kind == ItemKind::Rest {
                continue;
            }
            let Some((lo, hi)) = d.window else {
                load[d.offset.clamp(0, last) as usize] += 1;
                continue;
            };
            let lo = lo.clamp(0, last);
            let hi = hi.clamp(lo, last);
            let target = d.offset.clamp(lo, hi);
            let free = |day: i64| !full[day as usize] && load[day as usize] < cap(day);
            let span = (target - lo).max(hi - target);
            let day = (0..=span)
                .flat_map(|step| [target - step, target + step])
                .find(|&day| (lo..=hi).contains(&day) && free(day));
            match day {
                Some(day) => {
                    load[day as usize] += 1;
                    offsets[i] = day;
                }
                None => {
                    keep[i] = false;
                    out.cut.push(Cut {
                        kind: d.kind,
                        title: d.title.clone(),
                        reason: self.text(
                            PlanText::CutDailyLoad,
                            &[
                                ("days", &self.days.to_string()),
                                ("max", &self.pacing.max_daily_items.to_string()),
                                ("by", &self.date(hi).to_string()),
                            ],
                        ),
                        round_kind: d.round_kind.clone(),
                        principle: d.principle.clone(),
                    });
                }
            }
        }
        out.drafts = drafts
            .into_iter()
            .zip(offsets)
            .zip(keep)
            .filter(|(_, keep)| *keep)
            .map(|((mut d, offset), _)| {
                d.offset = offset;
                d
            })
            .collect();
        let linked: BTreeSet<&String> = out.drafts.iter().flat_map(|d| &d.question_ids).collect();
        out.questions.retain(|id, _| linked.contains(id));
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
                    story: d.story,
                    due: self.date(offset),
                });
            }
        }
        let total = self.weeks;
        for w in &mut weeks {
            let has = |k: ItemKind| w.items.iter().any(|i| i.kind == k);
            let focus = if total == 1 {
                PlanText::FocusOneWeek
            } else if w.index == total && !w.light {
                PlanText::FocusLastWeek
            } else if w.light {
                PlanText::FocusLightWeek
            } else if has(ItemKind::Mock) {
                PlanText::FocusMock
            } else if w.index == 1 {
                PlanText::FocusFirst
            } else if has(ItemKind::Story) || has(ItemKind::Artifact) {
                PlanText::FocusBuild
            } else {
                PlanText::FocusSharpen
            };
            w.focus = self.text(focus, &[]);
        }
        weeks
    }
}

/// Weeks (1-based) for `sessions` sessions spread evenly over `weeks` weeks.
pub(super) fn session_weeks(sessions: u32, weeks: u32) -> Vec<u32> {
    let sessions = sessions.min(weeks);
    (0..sessions)
        .map(|i| (2 * i + 1) * weeks / (2 * sessions) + 1)
        .collect()
}

/// Weeks (1-based) for `sessions` sessions over `weeks` weeks: as [`session_weeks`] up to one
/// a week, then as many in every week with the remainder spread evenly.
pub(super) fn distribute(sessions: u32, weeks: u32) -> Vec<u32> {
    let weeks = weeks.max(1);
    let bonus = session_weeks(sessions % weeks, weeks);
    (1..=weeks)
        .flat_map(|w| {
            let n = sessions / weeks + u32::from(bonus.contains(&w));
            std::iter::repeat_n(w, n as usize)
        })
        .collect()
}

/// Offsets for `n` items spread evenly over days `from..=to`, in order, the last on `to`.
pub(super) fn spread(n: usize, from: i64, to: i64) -> Vec<i64> {
    let len = (to - from + 1).max(1) as usize;
    (0..n)
        .map(|i| from + (((i + 1) * len).div_ceil(n) - 1) as i64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(distribute(2, 5), session_weeks(2, 5));
        assert_eq!(distribute(7, 3), [1, 1, 2, 2, 2, 3, 3]);
        assert_eq!(distribute(6, 3), [1, 1, 2, 2, 3, 3]);
        assert!(distribute(0, 4).is_empty());
    }
}
