//! The plan's items, drafted kind by kind: stories, drills, checklist items and artifacts,
//! mock loops and the light days. Each method decides what goes in and when; the wording comes
//! from the pack's `[[plan_text]]` entries and the numbers from its `[plan]` table.

use std::collections::BTreeSet;

use debrief_pack::{PlanText, QuestionQuery, Round};

use super::build::{Ctx, Draft, KindInfo, Out, distribute, session_weeks, spread};
use super::groundwork::{BankStory, Reading};
use super::text::{lower_first, mentions, push_sentence, sentence_end, slug, title_of};
use super::{Covered, Cut, ItemKind, Pace, Weekday};

/// What a story is for: a weighted principle, or a competency in loops that score those.
struct StoryTarget<'c> {
    /// Principle id, or `None` for a competency.
    principle: Option<&'c str>,
    name: &'c str,
    weight: u32,
    detail: String,
}

impl<'c> Ctx<'c> {
    /// One target per weighted principle, heaviest first; in loops that score competencies,
    /// one per competency of the behavioral rounds, most rounds first.
    fn story_targets(&self) -> Vec<StoryTarget<'c>> {
        if !self.view.principle_weights.is_empty() {
            return self
                .view
                .principle_weights
                .iter()
                .map(|wp| StoryTarget {
                    principle: Some(wp.id),
                    name: wp.name,
                    weight: wp.weight,
                    detail: self.principle_story(wp.id, wp.name, wp.weight),
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
            .filter(|r| Some(r.kind.as_str()) == self.story_kind())
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
                detail: self.text(
                    PlanText::StoryCompetency,
                    &[
                        ("competency", &lower_first(name)),
                        ("rounds", &titles.join(", ")),
                    ],
                ),
            })
            .collect()
    }

    /// What a story for a principle should show: its gist, how the role proves it, where the
    /// loop weighs it most, and its first pitfall.
    fn principle_story(&self, id: &str, name: &str, weight: u32) -> String {
        let mut by_round: Vec<(&str, u32)> = self
            .view
            .rounds
            .iter()
            .filter_map(|rv| {
                let w = rv.weighted_principles.iter().find(|p| p.id == id)?;
                Some((rv.round.title.as_str(), w.weight))
            })
            .collect();
        by_round.sort_by_key(|r| std::cmp::Reverse(r.1));
        let heaviest: Vec<String> = by_round
            .iter()
            .take(self.pacing.story_rounds as usize)
            .map(|(round, w)| {
                let w = w.to_string();
                self.text(
                    PlanText::StoryWeightedRound,
                    &[("round", round), ("weight", &w)],
                )
            })
            .collect();
        // Every weighted principle is in a valid pack; without one the story keeps to what the
        // loop says.
        let principle = self.catalog.principle(id).ok();
        let gist = principle.map_or("", |p| p.gist.trim());
        let mut detail = if gist.is_empty() {
            self.text(PlanText::StoryPrinciple, &[("principle", name)])
        } else {
            self.text(
                PlanText::StoryPrincipleGist,
                &[("principle", name), ("gist", &lower_first(gist))],
            )
        };
        let proof = principle.map_or("", |p| p.proof_for(self.role).trim());
        if !proof.is_empty() {
            let proves = self.text(
                PlanText::StoryProof,
                &[("role", self.role.label()), ("proof", &lower_first(proof))],
            );
            push_sentence(&mut detail, &proves);
        }
        let weighs = self.text(
            PlanText::StoryWeight,
            &[
                ("weight", &weight.to_string()),
                ("rounds", &heaviest.join(", ")),
            ],
        );
        push_sentence(&mut detail, &weighs);
        push_sentence(&mut detail, &self.text(PlanText::StoryAdvice, &[]));
        if let Some(pitfall) = principle.and_then(|p| p.pitfalls.first()) {
            let avoid = self.text(
                PlanText::StoryPitfall,
                &[("pitfall", &lower_first(pitfall.trim()))],
            );
            push_sentence(&mut detail, &avoid);
            detail.push_str(sentence_end(&detail));
        }
        detail.trim_end().to_owned()
    }

    /// Story items, heaviest first, before the first mock of the last third. A principle the
    /// bank covers with a strong story gets none (it is listed as covered) and takes no place
    /// among those a short plan keeps; one covered only by a weaker story gets a rewrite of
    /// that story. Returns the names kept (covered ones too) and how many targets there were.
    pub(super) fn stories(&self, out: &mut Out, mock: i64) -> (Vec<String>, usize) {
        let targets = self.story_targets();
        let keep = match (self.pace, self.weeks) {
            (Pace::Compressed, 1) => self.pacing.one_week_stories as usize,
            (Pace::Compressed, _) => self.pacing.compressed_stories as usize,
            _ => targets.len(),
        };
        // (target, strong stories in the bank, the bank's best story for it)
        let mut kept: Vec<(&StoryTarget<'c>, usize, Option<&BankStory>)> = Vec::new();
        let mut dropped: Vec<&StoryTarget<'c>> = Vec::new();
        let mut needing = 0;
        for t in &targets {
            let (strong, best) = t
                .principle
                .map_or((0, None), |p| self.groundwork.best_for(p));
            if strong == 0 {
                needing += 1;
                if needing > keep {
                    dropped.push(t);
                    continue;
                }
            }
            kept.push((t, strong, best));
        }
        let days = self.days.to_string();
        let kept_count = kept.len().to_string();
        let kept_names: Vec<&str> = kept.iter().map(|k| k.0.name).collect();
        let kept_names = kept_names.join(", ");
        for t in dropped {
            let reason = match t.principle {
                Some(_) => self.text(
                    PlanText::CutStoryPrinciple,
                    &[
                        ("days", &days),
                        ("kept", &kept_count),
                        ("kept_names", &kept_names),
                        ("name", t.name),
                        ("weight", &t.weight.to_string()),
                    ],
                ),
                None => self.text(
                    PlanText::CutStoryCompetency,
                    &[
                        ("days", &days),
                        ("kept", &kept_count),
                        ("kept_names", &kept_names),
                        ("name", t.name),
                    ],
                ),
            };
            out.cut.push(Cut {
                kind: ItemKind::Story,
                title: self.text(PlanText::TitleStory, &[("name", t.name)]),
                reason,
                round_kind: None,
                principle: t.principle.map(str::to_owned),
            });
        }
        for (t, strong, best) in &kept {
            if let (Some(principle), Some(story), true) = (t.principle, best, *strong > 0) {
                let rating = story.rating.label();
                out.covered.push(Covered {
                    principle: principle.to_owned(),
                    name: t.name.to_owned(),
                    story: story.title.clone(),
                    rating: rating.to_owned(),
                    text: self.text(
                        PlanText::Covered,
                        &[
                            ("principle", t.name),
                            ("story", &story.title),
                            ("rating", rating),
                        ],
                    ),
                });
            }
        }
        let last = (mock - 1).max(0);
        // Long plans get the first pass done in the first half and a second story for the
        // heaviest later.
        let first_end = if self.pace == Pace::Extended {
            last.min((mock / 2).max(i64::from(self.pacing.first_pass_days)))
        } else {
            last
        };
        let firsts: Vec<_> = kept.iter().filter(|k| k.1 == 0).collect();
        let seconds: Vec<_> = if self.pace == Pace::Extended {
            let heaviest = kept.len().min(self.pacing.second_stories as usize);
            // Two strong stories in the bank already give the second one.
            kept[..heaviest].iter().filter(|k| k.1 < 2).collect()
        } else {
            Vec::new()
        };
        let first_offsets = spread(firsts.len(), 0, first_end);
        let second_from = if first_end < last { first_end + 1 } else { 0 };
        let second_offsets = spread(seconds.len(), second_from, last);
        let passes = firsts
            .into_iter()
            .zip(first_offsets)
            .map(|(k, o)| (k, o, 1))
            .chain(
                seconds
                    .into_iter()
                    .zip(second_offsets)
                    .map(|(k, o)| (k, o, 2)),
            );
        for (&(t, _, best), offset, pass) in passes {
            let key_base = t.principle.map_or_else(|| slug(t.name), str::to_owned);
            let rotation_key = format!("story:{key_base}");
            let mut pool = self.pool(self.story_kind().unwrap_or_default(), t.principle);
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
            let count = self.pacing.story_questions as usize;
            let question_ids = self.pick(out, &rotation_key, &pool, count);
            let mut kind = ItemKind::Story;
            let mut story = None;
            let (key, title, detail) = match (pass, best) {
                (1, Some(weak)) => {
                    kind = ItemKind::Rewrite;
                    story = Some(weak.title.clone());
                    (
                        key_base,
                        self.text(PlanText::TitleRewrite, &[("story", &weak.title)]),
                        self.rewrite_detail(t.name, weak),
                    )
                }
                (1, None) => {
                    let title = self.text(PlanText::TitleStory, &[("name", t.name)]);
                    (key_base, title, t.detail.clone())
                }
                _ => (
                    format!("{key_base}-2"),
                    self.text(PlanText::TitleSecondStory, &[("name", t.name)]),
                    self.text(
                        PlanText::SecondStory,
                        &[("name", t.name), ("weight", &t.weight.to_string())],
                    ),
                ),
            };
            out.drafts.push(Draft {
                offset,
                kind,
                key,
                title,
                detail,
                round_kind: self.story_kind().map(str::to_owned),
                principle: t.principle.map(str::to_owned),
                question_ids,
                story,
                window: Some((0, last)),
                rank: if pass == 1 { 1 } else { 3 },
            });
        }
        (
            kept.iter().map(|k| k.0.name.to_owned()).collect(),
            targets.len(),
        )
    }

    /// What to do with the bank's best story for a principle when it is not strong: its
    /// rating and its main problem.
    fn rewrite_detail(&self, principle: &str, story: &BankStory) -> String {
        let problem = if !story.has_number {
            self.text(PlanText::ProblemNoNumber, &[])
        } else if !story.has_result {
            self.text(PlanText::ProblemNoResult, &[])
        } else if let Some(finding) = &story.finding {
            let finding = lower_first(finding.trim().trim_end_matches('.'));
            self.text(PlanText::ProblemFinding, &[("finding", &finding)])
        } else {
            self.text(PlanText::ProblemRating, &[])
        };
        self.text(
            PlanText::Rewrite,
            &[
                ("story", &story.title),
                ("principle", principle),
                ("rating", story.rating.label()),
                ("problem", &problem),
            ],
        )
    }

    /// Drill sessions per round kind, week by week. Returns the kinds that keep drills.
    pub(super) fn drills(&self, out: &mut Out, mock: i64) -> BTreeSet<String> {
        let drill_weeks = self.drill_weeks();
        let pacing = self.pacing;
        let busiest = pacing.busiest_others as usize;
        let non_elim: Vec<&KindInfo<'c>> =
            self.kinds.iter().filter(|k| !k.is_elimination()).collect();
        let elim_names: Vec<String> = self
            .kinds
            .iter()
            .filter(|k| k.is_elimination())
            .map(|k| k.elimination_titles())
            .collect();
        let elimination = elim_names.join(", ");
        let days = self.days.to_string();
        // (kind, the week of each session)
        let mut plan: Vec<(&KindInfo<'c>, Vec<u32>)> = Vec::new();
        let mut kept = BTreeSet::new();
        let mut single: Vec<&str> = Vec::new();
        for kind in &self.kinds {
            let rank = non_elim.iter().position(|k| k.id == kind.id);
            let sessions = match (self.pace, self.weeks) {
                (Pace::Compressed, 1) => match rank {
                    None => Some((1, 1)),
                    Some(r) if r < busiest => Some((1, 1)),
                    Some(_) => None,
                },
                (Pace::Compressed, _) => match rank {
                    None => Some((1, pacing.compressed_elimination_sessions)),
                    Some(_) => {
                        single.push(kind.name);
                        Some((1, 1))
                    }
                },
                (Pace::Standard, _) => match rank {
                    None => Some((drill_weeks, 1)),
                    Some(_) => Some((drill_weeks.min(pacing.standard_other_weeks), 1)),
                },
                (Pace::Extended, _) => match rank {
                    None => Some((drill_weeks, 1)),
                    Some(r) if r < busiest => Some((drill_weeks, 1)),
                    Some(_) => Some((drill_weeks.div_ceil(2), 1)),
                },
            };
            // A round kind below the bar keeps its drills, however short the plan.
            let weak = matches!(self.groundwork.reading(kind.id), Reading::Weak(_));
            let sessions = sessions.or(weak.then_some((1, 1)));
            match sessions {
                Some((count, per_week)) => {
                    kept.insert(kind.id.to_owned());
                    let weeks = session_weeks(count, drill_weeks)
                        .into_iter()
                        .flat_map(|w| std::iter::repeat_n(w, per_week as usize))
                        .collect();
                    plan.push((kind, weeks));
                }
                None => {
                    let busiest = self.lexicon.number(busiest);
                    let reason = if elim_names.is_empty() {
                        self.text(
                            PlanText::CutDrillsNoElimination,
                            &[("days", &days), ("busiest", &busiest), ("round", kind.name)],
                        )
                    } else {
                        self.text(
                            PlanText::CutDrills,
                            &[
                                ("days", &days),
                                ("elimination", &elimination),
                                ("busiest", &busiest),
                                ("round", kind.name),
                            ],
                        )
                    };
                    out.cut.push(Cut {
                        kind: ItemKind::Drill,
                        title: self.text(PlanText::TitleDrillsCut, &[("round", kind.name)]),
                        reason,
                        round_kind: Some(kind.id.to_owned()),
                        principle: None,
                    });
                }
            }
        }
        if !single.is_empty() {
            let reason = if elim_names.is_empty() {
                self.text(PlanText::CutRepeatDrillsNoElimination, &[("days", &days)])
            } else {
                self.text(
                    PlanText::CutRepeatDrills,
                    &[("days", &days), ("elimination", &elimination)],
                )
            };
            out.cut.push(Cut {
                kind: ItemKind::Drill,
                title: self.text(
                    PlanText::TitleRepeatDrills,
                    &[("rounds", &single.join(", "))],
                ),
                reason,
                round_kind: None,
                principle: None,
            });
        }
        self.follow_history(out, &mut plan);
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for week in 1..=drill_weeks {
            let mut sessions: Vec<(&KindInfo<'c>, u32)> = Vec::new();
            for (kind, weeks) in &plan {
                let count = weeks.iter().filter(|&&w| w == week).count() as u32;
                for n in 1..=count {
                    sessions.push((kind, n));
                }
            }
            let mut last = self.week_last_work_day(week);
            if self.pace == Pace::Compressed {
                // The days after the mock stay light.
                last = last.min(mock.max(self.week_start(week)));
            }
            let offsets = spread(sessions.len(), self.week_start(week), last);
            for ((kind, n), offset) in sessions.into_iter().zip(offsets) {
                // As many questions as fit the session's minutes, at least one.
                let count = (pacing.drill_minutes / kind.answer_minutes.max(1))
                    .min(pacing.drill_questions)
                    .max(1) as usize;
                let pool = self.pool(kind.id, None);
                let question_ids = self.pick(out, kind.id, &pool, count);
                let shown = if question_ids.is_empty() {
                    count
                } else {
                    question_ids.len()
                };
                let title = self.text(
                    if shown == 1 {
                        PlanText::TitleDrill
                    } else {
                        PlanText::TitleDrills
                    },
                    &[
                        ("count", &self.lexicon.number_capitalised(shown)),
                        ("round", kind.name),
                    ],
                );
                out.drafts.push(Draft {
                    offset,
                    kind: ItemKind::Drill,
                    key: format!("{}-{n}", kind.id),
                    title,
                    detail: self.drill_detail(kind, question_ids.len(), seen.insert(kind.id)),
                    round_kind: Some(kind.id.to_owned()),
                    principle: None,
                    question_ids,
                    story: None,
                    window: Some((self.week_start(week), last)),
                    rank: 2,
                });
            }
        }
        kept
    }

    /// What to do in a drill session, which rounds it prepares for, what they judge, and the
    /// elimination point in full on the kind's first session.
    fn drill_detail(&self, kind: &KindInfo<'c>, questions: usize, first_session: bool) -> String {
        let minutes = kind.answer_minutes.to_string();
        let mut detail = match questions {
            0 => self.text(
                PlanText::DrillNoQuestion,
                &[("round", kind.name), ("minutes", &minutes)],
            ),
            1 => self.text(PlanText::DrillOneQuestion, &[("minutes", &minutes)]),
            _ => self.text(PlanText::DrillQuestions, &[("minutes", &minutes)]),
        };
        let mut add = |part: String| {
            detail.push(' ');
            detail.push_str(&part);
        };
        add(self.text(PlanText::DrillPrepares, &[("rounds", &kind.round_titles())]));
        if let Some(first) = kind.rounds.first()
            && !first.judges.is_empty()
        {
            let judges: Vec<&str> = first.judges.iter().map(|j| j.trim()).collect();
            add(self.text(PlanText::DrillJudges, &[("judges", &judges.join("; "))]));
        }
        match kind.elimination {
            Some(why) if first_session => add(self.text(
                PlanText::DrillElimination,
                &[("rounds", &kind.elimination_titles()), ("why", why.trim())],
            )),
            Some(_) => add(self.text(PlanText::DrillEliminationAgain, &[])),
            None => {}
        }
        let bar = self.groundwork.bar.to_string();
        match self.groundwork.reading(kind.id) {
            Reading::Ready(recent) => add(self.text(
                PlanText::DrillReady,
                &[("recent", &scores(recent)), ("bar", &bar)],
            )),
            Reading::Weak(recent) => add(self.text(
                PlanText::DrillWeak,
                &[("recent", &scores(recent)), ("bar", &bar)],
            )),
            Reading::Unknown => {}
        }
        detail
    }

    /// Moves drill sessions by the history: a round kind at the bar gets fewer (said in the
    /// cut list); one below it is drilled at least every drill week, and those furthest behind
    /// (gap to the bar times the loop's weight) get extra sessions. Kinds with no history keep
    /// theirs.
    fn follow_history(&self, out: &mut Out, plan: &mut [(&KindInfo<'c>, Vec<u32>)]) {
        let drill_weeks = self.drill_weeks();
        let bar = self.groundwork.bar;
        let mut weak: Vec<(u64, usize)> = Vec::new();
        for (i, (kind, weeks)) in plan.iter_mut().enumerate() {
            match self.groundwork.reading(kind.id) {
                Reading::Ready(recent) => {
                    let base = weeks.len() as u32;
                    let fewer = base.div_ceil(self.pacing.ready_drill_divisor).max(1);
                    if fewer < base {
                        *weeks = distribute(fewer, drill_weeks);
                        out.cut.push(Cut {
                            kind: ItemKind::Drill,
                            title: self.text(PlanText::TitleFewerDrills, &[("round", kind.name)]),
                            reason: self.text(
                                PlanText::CutDrillsReady,
                                &[
                                    ("round", kind.name),
                                    ("recent", &scores(recent)),
                                    ("bar", &bar.to_string()),
                                    ("sessions", &fewer.to_string()),
                                    ("base", &base.to_string()),
                                ],
                            ),
                            round_kind: Some(kind.id.to_owned()),
                            principle: None,
                        });
                    }
                }
                reading @ Reading::Weak(_) => {
                    let need = u64::from(reading.gap(bar)) * u64::from(kind.weight.max(1));
                    weak.push((need, i));
                }
                Reading::Unknown => {}
            }
        }
        // Furthest behind first; ties keep the loop's ranking.
        weak.sort_by_key(|&(need, i)| (std::cmp::Reverse(need), i));
        for (place, (_, i)) in weak.into_iter().enumerate() {
            let weeks = &mut plan[i].1;
            let base = weeks.len() as u32;
            let mut sessions = base.max(drill_weeks);
            if place < self.pacing.weak_boosted_kinds as usize {
                sessions += self.pacing.weak_extra_sessions;
            }
            if sessions != base {
                *weeks = distribute(sessions, drill_weeks);
            }
        }
    }

    /// Whether a checklist text is covered by the plan's mock loops.
    fn done_by_mock(&self, text_lower: &str) -> bool {
        self.pacing
            .done_by_mock
            .iter()
            .any(|p| text_lower.contains(p.as_str()))
    }

    /// Checklist items and artifacts, before the first mock of the last third.
    pub(super) fn checklists(&self, out: &mut Out, mock: i64, kept_kinds: &BTreeSet<String>) {
        let loop_kinds: BTreeSet<&str> = self.kinds.iter().map(|k| k.id).collect();
        let rank = |kind: &str| {
            self.kinds
                .iter()
                .position(|k| k.id == kind)
                .unwrap_or(usize::MAX)
        };
        let days = self.days.to_string();
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
                let by_stories = self
                    .pacing
                    .done_by_stories
                    .iter()
                    .any(|p| text_lower.contains(p.as_str()));
                if self.done_by_mock(&text_lower) || by_stories {
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
                    Some(a) => self.text(PlanText::TitleArtifact, &[("artifact", a.trim())]),
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
                        self.text(
                            PlanText::CutChecklistOtherKinds,
                            &[("rounds", &kind_names(&item.round_kinds)), ("days", &days)],
                        )
                    })
                } else if !in_loop.is_empty() && !in_loop.iter().any(|k| kept_kinds.contains(*k)) {
                    Some(self.text(
                        PlanText::CutChecklistDrillsCut,
                        &[("rounds", &kind_names(&item.round_kinds)), ("days", &days)],
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
                let mut detail = item.text.trim().to_owned();
                if !item.why.trim().is_empty() {
                    detail.push(' ');
                    detail.push_str(&self.text(PlanText::Why, &[("why", item.why.trim())]));
                }
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
                        story: None,
                        window: None,
                        rank: 4 + group,
                    },
                ));
            }
        }
        for (i, artifact) in artifacts.iter().enumerate() {
            if merged.contains(&i) {
                continue;
            }
            let name = artifact.trim();
            let title = self.text(PlanText::TitleArtifact, &[("artifact", name)]);
            if self.pace == Pace::Compressed {
                out.cut.push(Cut {
                    kind: ItemKind::Artifact,
                    title,
                    reason: self.text(
                        PlanText::CutArtifact,
                        &[("days", &days), ("artifact", &lower_first(name))],
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
                    detail: self.text(
                        PlanText::Artifact,
                        &[
                            ("artifact", &lower_first(name)),
                            ("role", &self.view.role.short),
                        ],
                    ),
                    round_kind: None,
                    principle: None,
                    question_ids: Vec::new(),
                    story: None,
                    window: None,
                    rank: 7,
                },
            ));
        }
        kept.sort_by_key(|(key, _)| *key);
        let last = (mock - 1).max(0);
        let offsets = spread(kept.len(), 0, last);
        for ((_, mut draft), offset) in kept.into_iter().zip(offsets) {
            draft.offset = offset;
            draft.window = Some((0, last));
            out.drafts.push(draft);
        }
    }

    /// Mock loops at the given offsets.
    pub(super) fn mocks(&self, out: &mut Out, mocks: &[(i64, bool)]) {
        let full = self.days >= i64::from(self.pacing.full_mock_days);
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
                title: self.text(PlanText::TitleFullMockCut, &[]),
                reason: self.text(PlanText::CutFullMock, &[("days", &self.days.to_string())]),
                round_kind: None,
                principle: None,
            });
        }
        let feedback = self
            .view
            .checklists
            .iter()
            .flat_map(|c| &c.items)
            .find(|i| self.done_by_mock(&i.text.to_lowercase()))
            .map(|i| i.why.trim().to_owned())
            .filter(|w| !w.is_empty());
        let minutes: u32 = rounds.iter().map(|r| r.minutes).sum();
        let list: Vec<String> = rounds
            .iter()
            .map(|r| {
                self.text(
                    PlanText::MockRound,
                    &[("round", &r.title), ("minutes", &r.minutes.to_string())],
                )
            })
            .collect();
        let company = self.company_name();
        let role = self.view.role.short.as_str();
        let mut number = 0;
        for &(offset, last_third) in mocks {
            number += 1;
            let mut question_ids = Vec::new();
            for round in &rounds {
                let pool = self.pool(&round.kind, None);
                question_ids.extend(self.pick(out, &round.kind, &pool, 1));
            }
            let title = match (full, last_third) {
                (false, _) => PlanText::TitleMiniMock,
                (true, false) => PlanText::TitleBaselineMock,
                (true, true) => PlanText::TitleFullMock,
            };
            let title = self.text(title, &[("company", company), ("role", role)]);
            let mut detail = self.text(
                if full {
                    PlanText::MockFull
                } else {
                    PlanText::MockMini
                },
                &[
                    ("role", role),
                    ("rounds", &list.join(", ")),
                    ("minutes", &minutes.to_string()),
                ],
            );
            if !last_third {
                detail.push(' ');
                detail.push_str(&self.text(PlanText::MockBaseline, &[]));
            }
            if let Some(why) = &feedback {
                detail.push(' ');
                detail.push_str(&self.text(PlanText::Why, &[("why", why)]));
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
                story: None,
                window: None,
                rank: 0,
            });
        }
    }

    /// The light final week (or, in a one-week plan, the day before).
    pub(super) fn light_days(&self, out: &mut Out, stories: &[String], mock: i64) {
        let elim: Vec<&KindInfo<'c>> = self.kinds.iter().filter(|k| k.is_elimination()).collect();
        let heaviest: Vec<&str> = stories
            .iter()
            .take(self.pacing.day_before_stories as usize)
            .map(String::as_str)
            .collect();
        let start = self.light_start(mock);
        if start < self.days - 1 {
            let week = self.has_light_week();
            let titles: Vec<String> = elim.iter().map(|k| k.elimination_titles()).collect();
            let detail = if titles.is_empty() {
                self.text(PlanText::Light, &[])
            } else {
                self.text(
                    PlanText::LightElimination,
                    &[("elimination", &titles.join(", "))],
                )
            };
            out.drafts.push(Draft {
                offset: start,
                kind: ItemKind::Rest,
                key: if week { "light-week" } else { "light-days" }.into(),
                title: self.text(
                    if week {
                        PlanText::TitleLightWeek
                    } else {
                        PlanText::TitleLightDays
                    },
                    &[],
                ),
                detail,
                round_kind: None,
                principle: None,
                question_ids: Vec::new(),
                story: None,
                window: None,
                rank: 0,
            });
            let warm_last = (self.days - 2).max(start);
            let offsets = spread(elim.len(), start, warm_last);
            for (kind, offset) in elim.iter().zip(offsets) {
                let pool = self.pool(kind.id, None);
                let question_ids = self.pick(out, kind.id, &pool, 1);
                out.drafts.push(Draft {
                    offset,
                    kind: ItemKind::Drill,
                    key: format!("{}-warm-up", kind.id),
                    title: self.text(PlanText::TitleWarmUp, &[("round", kind.name)]),
                    detail: self.text(
                        PlanText::WarmUp,
                        &[
                            ("minutes", &kind.answer_minutes.to_string()),
                            ("rounds", &kind.elimination_titles()),
                        ],
                    ),
                    round_kind: Some(kind.id.to_owned()),
                    principle: None,
                    question_ids,
                    story: None,
                    window: Some((start, warm_last)),
                    rank: 0,
                });
            }
        }
        let stories = if heaviest.is_empty() {
            self.text(PlanText::DayBeforeStrongest, &[])
        } else {
            self.text(
                PlanText::DayBeforeStories,
                &[("names", &heaviest.join(", "))],
            )
        };
        let day_before = if self.interview.weekday() == Weekday::Monday {
            PlanText::DayBeforeMonday
        } else {
            PlanText::DayBefore
        };
        out.drafts.push(Draft {
            offset: self.days - 1,
            kind: ItemKind::Rest,
            key: "day-before".into(),
            title: self.text(PlanText::TitleDayBefore, &[]),
            detail: self.text(day_before, &[("stories", &stories)]),
            round_kind: None,
            principle: None,
            question_ids: Vec::new(),
            story: None,
            window: None,
            rank: 0,
        });
    }
}

/// Recent scores as a list, newest first: "72, 65".
fn scores(recent: &[u32]) -> String {
    recent
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
