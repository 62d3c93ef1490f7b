//! A validated pack with its lookups and search index: what the CLI and the web app read.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::fit::{FitAdvice, FitItem, FitOutcome, FitText, FitTuning};
use crate::grading::{FlawModel, Grading, ScoreModel};
use crate::guides::Guide;
use crate::model::{
    Checklist, Company, Elimination, Figure, Level, Loop, Principle, Probe, Question, Role,
    RoleProfile, Round, RoundKind, RoundKindId, Rubric, Stage, TimelineSpan, track_label,
};
use crate::pack::Pack;
use crate::plan::{PlanSettings, PlanText};
use crate::search::{Field, SearchIndex};
use crate::template::Texts;
use crate::validate::{Problem, validate};
use crate::words::Lexicon;
use debrief_text::nearest;

/// A content pack that passed validation, indexed for lookups and search.
///
/// Built once per content load and shared read-only (it is `Send + Sync`).
#[derive(Debug, Clone)]
pub struct Catalog {
    pack: Pack,
    /// Built on first search: grading from the command line never needs it, and building it
    /// is most of what loading costs.
    index: std::sync::OnceLock<SearchIndex>,
    /// The pack's thresholds, or the defaults when it sets none.
    grading: Grading,
    score_model: ScoreModel,
    flaw_model: FlawModel,
    /// The plan's wording, by key.
    plan_texts: Texts<PlanText>,
    /// The fit diagnostic's wording, by key.
    fit_texts: Texts<FitText>,
    /// The pack's word lists, by list.
    lexicon: Lexicon,
}

/// Why a lookup by user-given ids failed. Every variant lists what would have been valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No such company.
    #[error("unknown company `{given}`{hint}; valid companies: {}", valid.join(", "))]
    UnknownCompany {
        /// What the user typed.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// Every company id.
        valid: Vec<String>,
    },
    /// No such role.
    #[error("unknown role `{given}`; valid roles: {}", valid.join(", "))]
    UnknownRole {
        /// What the user typed.
        given: String,
        /// Every role id.
        valid: Vec<String>,
    },
    /// No such level at the company, or the loop does not hire at it.
    #[error("unknown level `{given}` for {company}{hint}; valid levels: {}", valid.join(", "))]
    UnknownLevel {
        /// The company's display name.
        company: String,
        /// What the user typed.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// The level ids of the loop.
        valid: Vec<String>,
    },
    /// The company has no loop for the role in the pack.
    #[error("{company} has no {role} loop in the content pack; loops: {}", valid.join(", "))]
    NoLoop {
        /// Company display name.
        company: String,
        /// Role label.
        role: String,
        /// Every loop id.
        valid: Vec<String>,
    },
    /// The company has no loop for the role on that track.
    #[error(
        "{company} has no {} loop on the track `{given}`; {}",
        role.label(),
        track_choices(valid)
    )]
    UnknownTrack {
        /// Company display name.
        company: String,
        /// The role.
        role: Role,
        /// What the user typed.
        given: String,
        /// The tracks the company has a loop for within the role; there are few, so the list
        /// is the hint.
        valid: Vec<String>,
    },
    /// No such round kind.
    #[error("unknown round kind `{given}`{hint}; valid round kinds: {}", valid.join(", "))]
    UnknownRoundKind {
        /// What the user typed.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// Every round kind id.
        valid: Vec<String>,
    },
    /// No such vesting schedule.
    #[error("unknown vesting schedule `{given}`{hint}; valid schedules: {}", valid.join(", "))]
    UnknownSchedule {
        /// What the user typed.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// Every schedule id.
        valid: Vec<String>,
    },
    /// No such guide.
    #[error("unknown guide `{given}`{hint}; guides: {}", valid.join(", "))]
    UnknownGuide {
        /// What the user typed.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// Every guide id.
        valid: Vec<String>,
    },
    /// No such principle.
    #[error("unknown principle or competency `{given}`{hint}; valid: {}", valid.join(", "))]
    UnknownPrinciple {
        /// What the user typed.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// Every principle id.
        valid: Vec<String>,
    },
    /// No such artifact kind.
    #[error(
        "unknown artifact kind `{given}`{hint}; artifact kinds: {}",
        list(valid)
    )]
    UnknownArtifact {
        /// What the user typed.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// Every artifact kind id (empty when the pack has none).
        valid: Vec<String>,
    },
    /// No such prompt of an artifact kind.
    #[error("unknown prompt `{given}`{hint}; the kind's prompts: {}", list(valid))]
    UnknownArtifactPrompt {
        /// What the user typed.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// The kind's prompt ids.
        valid: Vec<String>,
    },
}

/// Ids joined for a message, or "none" for an empty list (a pack may have no artifact kinds).
fn list(valid: &[String]) -> String {
    if valid.is_empty() {
        "none".to_owned()
    } else {
        valid.join(", ")
    }
}

/// What to do instead of an unknown track: the ones there are, or none.
fn track_choices(valid: &[String]) -> String {
    if valid.is_empty() {
        "it has no track loops, so leave the track out".to_owned()
    } else {
        format!(
            "its tracks: {}, or leave the track out for its main loop",
            valid.join(", ")
        )
    }
}

/// A track as typed: lowercase, and `pmt` for `pm-t` (as `debrief pay --role` takes it).
fn typed_track(given: &str) -> String {
    let t = given.trim().to_ascii_lowercase();
    if t == "pmt" { "pm-t".to_owned() } else { t }
}

pub(crate) fn hint(given: &str, valid: &[String]) -> String {
    let refs: Vec<&str> = valid.iter().map(String::as_str).collect();
    nearest(given, &refs)
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default()
}

/// Filters and an optional search for the question bank. Every filter is optional; `None`
/// means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionQuery {
    /// Only questions asked of this role.
    pub role: Option<Role>,
    /// Only questions of this round kind id.
    pub round: Option<String>,
    /// Questions for this company: the ones specific to it and the general ones.
    pub company: Option<String>,
    /// Only questions probing this principle id.
    pub principle: Option<String>,
    /// Ranked full-text search; without it, questions come in bank order.
    pub search: Option<String>,
    /// Only questions of this difficulty.
    pub difficulty: Option<String>,
}

/// A question that matched a [`QuestionQuery`], with its search score when a search was given.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionHit<'a> {
    /// The question.
    #[serde(flatten)]
    pub question: &'a Question,
    /// BM25 score (higher is better), rounded to 3 decimals; absent without a search.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

/// A principle as one round or loop weights it, with its display name.
#[derive(Debug, Clone, Serialize)]
pub struct WeightedPrincipleView<'a> {
    /// Principle id.
    pub id: &'a str,
    /// Public name.
    pub name: &'a str,
    /// 1-3 within a round; summed over rounds for a loop.
    pub weight: u32,
}

/// One round of a [`LoopView`], with names resolved.
#[derive(Debug, Clone, Serialize)]
pub struct RoundView<'a> {
    /// 1-based position in the loop.
    pub order: usize,
    /// The round as the pack holds it.
    #[serde(flatten)]
    pub round: &'a Round,
    /// The round kind's display name.
    pub kind_name: &'a str,
    /// Weighted principles with names, heaviest first.
    pub weighted_principles: Vec<WeightedPrincipleView<'a>>,
    /// The rubric that scores this round for the loop's role.
    pub rubric: Option<&'a str>,
    /// Known elimination points at this round.
    pub eliminations: Vec<&'a Elimination>,
}

/// A step of a [`LoopView`] that is not an interview, with the round it follows.
#[derive(Debug, Clone, Serialize)]
pub struct StageView<'a> {
    /// The stage as the pack holds it.
    #[serde(flatten)]
    pub stage: &'a Stage,
    /// The title of the round it follows; `None` when it follows the whole loop.
    pub after_round: Option<&'a str>,
}

/// Everything a candidate needs to know about one company's loop for one role and level.
#[derive(Debug, Clone, Serialize)]
pub struct LoopView<'a> {
    /// The loop id.
    pub id: &'a str,
    /// The track within the role the loop is for (`pm-t`); `None` for the role's own loop.
    pub track: Option<&'a str>,
    /// The other loops of the company for the role, by track (`None`: the role's own loop),
    /// so a page can offer the one the candidate did not pick.
    pub other_tracks: Vec<Option<&'a str>>,
    /// The company.
    pub company: &'a Company,
    /// The role as the pack describes it.
    pub role: &'a RoleProfile,
    /// The chosen level, when one was given.
    pub level: Option<&'a Level>,
    /// What the loop is like.
    pub summary: &'a str,
    /// Sum of round minutes.
    pub total_minutes: u32,
    /// Rounds in interview order.
    pub rounds: Vec<RoundView<'a>>,
    /// Principles weighted across the loop, heaviest first.
    pub principle_weights: Vec<WeightedPrincipleView<'a>>,
    /// Known elimination points.
    pub eliminations: &'a [Elimination],
    /// Timeline spans, side by side when sources disagree.
    pub timeline: &'a [TimelineSpan],
    /// Other figures, side by side when sources disagree.
    pub figures: &'a [Figure],
    /// The levels this loop hires at.
    pub levels: Vec<&'a Level>,
    /// The checklists for the role, "both" first.
    pub checklists: Vec<&'a Checklist>,
    /// Steps that are not interviews (a hiring committee, team matching, the debrief), in
    /// order.
    pub stages: Vec<StageView<'a>>,
}

impl LoopView<'_> {
    /// The loop's name as pages and the terminal head it: "Amazon PM", "Amazon PM (PM-T)".
    pub fn name(&self) -> String {
        loop_name(&self.company.name, &self.role.short, self.track)
    }
}

/// "Amazon PM", or with a track "Amazon PM (PM-T)".
pub fn loop_name(company: &str, role: &str, track: Option<&str>) -> String {
    match track {
        Some(t) => format!("{company} {role} ({})", track_label(t)),
        None => format!("{company} {role}"),
    }
}

impl Catalog {
    /// Validates `pack` and indexes it; returns every problem when it is not valid.
    pub fn new(pack: Pack) -> Result<Catalog, Vec<Problem>> {
        let problems = validate(&pack);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Catalog::prevalidated(pack))
    }

    /// A catalog of a pack validated before, without validating it again: for the built-in
    /// pack, which the build validates when it writes its snapshot. Never for content read
    /// at run time, which [`Catalog::new`] must check.
    pub fn prevalidated(pack: Pack) -> Catalog {
        Catalog {
            grading: pack.grading.clone().unwrap_or_default(),
            score_model: pack.score_model.clone().unwrap_or_default(),
            flaw_model: pack.flaw_model.clone().unwrap_or_default(),
            plan_texts: Texts::new(&pack.plan_texts),
            fit_texts: Texts::new(&pack.fit_texts),
            lexicon: Lexicon::new(&pack.word_lists),
            pack,
            index: std::sync::OnceLock::new(),
        }
    }

    /// The question search index, built on first use.
    fn search_index(&self) -> &SearchIndex {
        self.index.get_or_init(|| build_index(&self.pack))
    }

    /// Builds the search index now rather than on the first search (a server warms up with
    /// it before taking requests).
    pub fn warm_up(&self) {
        self.search_index();
    }

    /// Rating thresholds and speaking rate: the pack's, or the defaults when it sets none.
    pub fn grading(&self) -> &Grading {
        &self.grading
    }

    /// How the overall score is built: the pack's model, or the unfitted default.
    pub fn score_model(&self) -> &ScoreModel {
        &self.score_model
    }

    /// Word weights learned per finding category: the pack's, or none.
    pub fn flaw_model(&self) -> &FlawModel {
        &self.flaw_model
    }

    /// The fit questionnaire's items, in pack order.
    pub fn fit_items(&self) -> &[FitItem] {
        &self.pack().fit_items
    }

    /// The advice for an outcome, when the pack has it.
    pub fn fit_advice(&self, outcome: FitOutcome) -> Option<&FitAdvice> {
        self.pack()
            .fit_advice
            .iter()
            .find(|a| a.outcome == outcome.id())
    }

    /// How the fit diagnostic weighs its evidence. Every pack with fit items has it.
    pub fn fit_tuning(&self) -> Option<&FitTuning> {
        self.pack.fit_tuning.as_ref()
    }

    /// The fit diagnostic's wording. Every pack with fit items has all of it.
    pub fn fit_texts(&self) -> &Texts<FitText> {
        &self.fit_texts
    }

    /// The prep plan's pacing. Every pack with a loop has it.
    pub fn plan_settings(&self) -> Option<&PlanSettings> {
        self.pack.plan.as_ref()
    }

    /// The prep plan's wording. Every pack with a loop has all of it.
    pub fn plan_texts(&self) -> &Texts<PlanText> {
        &self.plan_texts
    }

    /// The pack's word lists.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
    /// The whole validated pack.
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// Companies in pack order.
    pub fn companies(&self) -> &[Company] {
        &self.pack.companies
    }

    /// The company to start with when the candidate has chosen none: the pack's default, else
    /// the first company.
    pub fn default_company(&self) -> Option<&Company> {
        let companies = self.companies();
        companies.iter().find(|c| c.default).or(companies.first())
    }

    /// The role to start with when the candidate has chosen none: the pack's default, else the
    /// first role, else PM.
    pub fn default_role(&self) -> Role {
        let roles = self.roles();
        roles
            .iter()
            .find(|r| r.default)
            .or(roles.first())
            .and_then(|r| Role::parse(&r.id))
            .unwrap_or(Role::Pm)
    }

    /// The level to start with at `company`: its default level, else its first.
    pub fn default_level(&self, company: &str) -> Option<&Level> {
        let mut levels = self.pack.levels.iter().filter(|l| l.company == company);
        let first = levels.clone().next();
        levels.find(|l| l.default).or(first)
    }

    /// The round kind stories are told in: the first kind whose answers are STAR stories, else
    /// the first kind. A story in the bank is linted as it, a win in the fit diagnostic is read
    /// as it, and an answer graded without a round kind is graded as it.
    pub fn story_kind(&self) -> Option<&RoundKind> {
        let kinds = self.round_kinds();
        kinds.iter().find(|k| k.star).or(kinds.first())
    }

    /// The typed id of round kind `id`, or why it is not one.
    pub fn round_kind_id(&self, id: &str) -> Result<RoundKindId, LookupError> {
        Ok(self.round_kind(id)?.kind_id())
    }

    /// A company by id.
    pub fn company(&self, id: &str) -> Result<&Company, LookupError> {
        let id = id.trim().to_ascii_lowercase();
        self.pack
            .companies
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| {
                let valid: Vec<String> = self.pack.companies.iter().map(|c| c.id.clone()).collect();
                LookupError::UnknownCompany {
                    hint: hint(&id, &valid),
                    given: id,
                    valid,
                }
            })
    }

    /// A role by id, with its description.
    pub fn role(&self, id: &str) -> Result<(Role, &RoleProfile), LookupError> {
        let role = Role::parse(id);
        role.and_then(|r| {
            self.pack
                .roles
                .iter()
                .find(|p| p.id == r.id())
                .map(|p| (r, p))
        })
        .ok_or_else(|| LookupError::UnknownRole {
            given: id.to_owned(),
            valid: Role::ALL.iter().map(|r| r.id().to_owned()).collect(),
        })
    }

    /// The role descriptions.
    pub fn roles(&self) -> &[RoleProfile] {
        &self.pack.roles
    }

    /// The levels of a company, in pack order.
    pub fn levels_of<'s>(&'s self, company: &'s str) -> impl Iterator<Item = &'s Level> + 's {
        self.pack
            .levels
            .iter()
            .filter(move |l| l.company == company)
    }

    /// Every company's principles: by company in pack order, each company's in its own
    /// order (Amazon's public order for the Leadership Principles).
    pub fn principles(&self) -> Vec<&Principle> {
        let rank = |company: &str| {
            self.pack
                .companies
                .iter()
                .position(|c| c.id == company)
                .unwrap_or(usize::MAX)
        };
        let mut out: Vec<&Principle> = self.pack.principles.iter().collect();
        out.sort_by(|a, b| {
            (rank(&a.company), &a.company, a.number).cmp(&(rank(&b.company), &b.company, b.number))
        });
        out
    }

    /// One company's principles, in its order: Amazon's 16 Leadership Principles, Google's
    /// hiring attributes, Meta's interview competencies.
    pub fn principles_of(&self, company: &str) -> Vec<&Principle> {
        let mut out: Vec<&Principle> = self
            .pack
            .principles
            .iter()
            .filter(|p| p.company == company)
            .collect();
        out.sort_by_key(|p| p.number);
        out
    }

    /// A principle by id.
    pub fn principle(&self, id: &str) -> Result<&Principle, LookupError> {
        let id = id.trim().to_ascii_lowercase();
        self.pack
            .principles
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| {
                let valid: Vec<String> = self.principles().iter().map(|p| p.id.clone()).collect();
                LookupError::UnknownPrinciple {
                    hint: hint(&id, &valid),
                    given: id,
                    valid,
                }
            })
    }

    /// Round kinds in pack order.
    pub fn round_kinds(&self) -> &[RoundKind] {
        &self.pack.round_kinds
    }

    /// A round kind by id.
    pub fn round_kind(&self, id: &str) -> Result<&RoundKind, LookupError> {
        let id = id.trim().to_ascii_lowercase();
        self.pack
            .round_kinds
            .iter()
            .find(|k| k.id == id)
            .ok_or_else(|| {
                let valid: Vec<String> =
                    self.pack.round_kinds.iter().map(|k| k.id.clone()).collect();
                LookupError::UnknownRoundKind {
                    hint: hint(&id, &valid),
                    given: id,
                    valid,
                }
            })
    }

    /// The rubric for a round kind and role.
    pub fn rubric(&self, round_kind: &str, role: Role) -> Option<&Rubric> {
        self.pack
            .rubrics
            .iter()
            .find(|r| r.round_kind == round_kind && r.role == role.id())
    }

    /// What the next point looks like for a dimension of the rubric a report names: the
    /// anchor one point above `score` (none above 4). `rubric` may join several ids with '+',
    /// as a role-neutral report's does; the first rubric with the dimension gives it.
    pub fn next_anchor(&self, rubric: &str, dimension: &str, score: u8) -> Option<&str> {
        let next = score.checked_add(1)?;
        rubric
            .split('+')
            .filter_map(|id| self.pack.rubrics.iter().find(|r| r.id == id))
            .flat_map(|r| &r.dimensions)
            .find(|d| d.id == dimension)?
            .anchors
            .points()
            .into_iter()
            .find(|(point, _, _)| *point == next)
            .map(|(_, _, text)| text)
            .filter(|text| !text.is_empty())
    }

    /// Every loop.
    pub fn loops(&self) -> &[Loop] {
        &self.pack.loops
    }

    /// Every loop as a list shows them: company by company in pack order, and within a company
    /// and role its own loop before its tracks' loops (files load in name order, which would
    /// put `amazon-pm-t` before `amazon-pm`).
    pub fn loops_listed(&self) -> Vec<&Loop> {
        let company_at = |id: &str| self.pack.companies.iter().position(|c| c.id == id);
        let mut out: Vec<&Loop> = self.pack.loops.iter().collect();
        out.sort_by_key(|l| (company_at(&l.company), l.role.clone(), l.track.is_some()));
        out
    }

    /// The loop of `company` for `role` on `track`: with a track, that track's loop; without
    /// one, the role's own loop, never a track's.
    pub fn find_loop(&self, company: &str, role: Role, track: Option<&str>) -> Option<&Loop> {
        self.pack
            .loops
            .iter()
            .find(|l| l.is_for(company, role, track))
    }

    /// A loop's name as pages head it: "Amazon PM (PM-T)". An id the content lacks reads as
    /// itself.
    pub fn name_of_loop(&self, lp: &Loop) -> String {
        let company = self
            .company(&lp.company)
            .map_or_else(|_| lp.company.clone(), |c| c.name.clone());
        let role =
            Role::parse(&lp.role).map_or_else(|| lp.role.to_uppercase(), |r| r.label().into());
        loop_name(&company, &role, lp.track.as_deref())
    }

    /// The tracks `company` has a loop for within `role`, in pack order.
    pub fn loop_tracks(&self, company: &str, role: Role) -> Vec<&str> {
        self.pack
            .loops
            .iter()
            .filter(|l| l.company == company && l.role == role.id())
            .filter_map(|l| l.track.as_deref())
            .collect()
    }

    /// A track as typed (any case, `pmt` for `pm-t`) checked against the tracks `company` has
    /// a loop for within `role`: the track's id, or why not with what would do.
    pub fn loop_track(
        &self,
        company: &str,
        role: &str,
        track: &str,
    ) -> Result<String, LookupError> {
        let company = self.company(company)?;
        let (role, _) = self.role(role)?;
        let given = typed_track(track);
        let valid: Vec<String> = self
            .loop_tracks(&company.id, role)
            .into_iter()
            .map(str::to_owned)
            .collect();
        if valid.contains(&given) {
            return Ok(given);
        }
        Err(LookupError::UnknownTrack {
            company: company.name.clone(),
            role,
            given: track.trim().to_owned(),
            valid,
        })
    }

    /// A question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.pack.questions.iter().find(|q| q.id == id)
    }

    /// The question bank, in pack order.
    pub fn questions(&self) -> &[Question] {
        &self.pack.questions
    }

    /// The model answers, in pack order.
    pub fn examples(&self) -> &[crate::Example] {
        &self.pack.examples
    }

    /// The model answers for a round kind and role (either left out: any), strong first, in
    /// pack order within each label.
    pub fn examples_for(&self, role: Option<Role>, round: Option<&str>) -> Vec<&crate::Example> {
        let mut out: Vec<&crate::Example> = self
            .pack
            .examples
            .iter()
            .filter(|e| role.is_none_or(|r| e.role == r.id()))
            .filter(|e| round.is_none_or(|k| e.round == k))
            .collect();
        out.sort_by_key(|e| !e.is_strong());
        out
    }

    /// The follow-up probes, in pack order.
    pub fn probes(&self) -> &[Probe] {
        &self.pack.probes
    }

    /// A follow-up probe by id.
    pub fn probe(&self, id: &str) -> Option<&Probe> {
        self.pack.probes.iter().find(|p| p.id == id)
    }

    /// The guides, in pack order: general ones and loop walk-throughs as the files list them.
    pub fn guides(&self) -> &[Guide] {
        &self.pack.guides
    }

    /// A guide by id (ASCII case ignored).
    pub fn guide(&self, id: &str) -> Result<&Guide, LookupError> {
        let id = id.trim().to_ascii_lowercase();
        self.pack.guides.iter().find(|g| g.id == id).ok_or_else(|| {
            let valid: Vec<String> = self.pack.guides.iter().map(|g| g.id.clone()).collect();
            LookupError::UnknownGuide {
                hint: hint(&id, &valid),
                given: id,
                valid,
            }
        })
    }

    /// The guides that walk through the loop `loop_id`, in pack order.
    pub fn guides_for_loop(&self, loop_id: &str) -> Vec<&Guide> {
        self.pack
            .guides
            .iter()
            .filter(|g| g.loops.iter().any(|l| l == loop_id))
            .collect()
    }

    /// The guides about no one loop (which role to prepare for, say), in pack order.
    pub fn general_guides(&self) -> Vec<&Guide> {
        self.pack
            .guides
            .iter()
            .filter(|g| !g.is_loop_guide())
            .collect()
    }

    /// The words of a search the bank holds none of that it reads as another word (typed, read
    /// as): "prcing" as "pricing", "prioritise" as "prioritize".
    pub fn search_corrections(&self, text: &str) -> Vec<(String, String)> {
        self.search_index().corrections(text)
    }

    /// Questions matching `query`: ranked by relevance when it searches, else in bank order
    /// with company-specific questions first when a company is chosen.
    pub fn find_questions(&self, query: &QuestionQuery) -> Vec<QuestionHit<'_>> {
        let keep = |q: &Question| {
            query.role.is_none_or(|r| q.asks(r))
                && query.round.as_deref().is_none_or(|k| q.round == k)
                && query
                    .company
                    .as_deref()
                    .is_none_or(|c| q.company.as_deref().is_none_or(|qc| qc == c))
                && query
                    .principle
                    .as_deref()
                    .is_none_or(|p| q.principles.iter().any(|qp| qp == p))
                && query
                    .difficulty
                    .as_deref()
                    .is_none_or(|d| q.difficulty == d)
        };
        let search = query
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        match search {
            Some(text) => self
                .search_index()
                .search(text)
                .into_iter()
                .map(|h| (&self.pack.questions[h.doc], h.score))
                .filter(|(q, _)| keep(q))
                .map(|(question, score)| QuestionHit {
                    question,
                    score: Some((f64::from(score) * 1000.0).round() / 1000.0),
                })
                .collect(),
            None => {
                let mut out: Vec<QuestionHit<'_>> = self
                    .pack
                    .questions
                    .iter()
                    .filter(|q| keep(q))
                    .map(|question| QuestionHit {
                        question,
                        score: None,
                    })
                    .collect();
                if query.company.is_some() {
                    // Stable: bank order holds within each group.
                    out.sort_by_key(|h| h.question.company.is_none());
                }
                out
            }
        }
    }

    /// The loop of `company` for `role` (its own loop, no track's), at `level` when given,
    /// with names resolved.
    pub fn loop_view(
        &self,
        company: &str,
        role: &str,
        level: Option<&str>,
    ) -> Result<LoopView<'_>, LookupError> {
        self.loop_view_on(company, role, None, level)
    }

    /// The loop of `company` for `role` on `track` (see [`Catalog::find_loop`]; a track the
    /// company has no loop for is an error naming the ones it has), at `level` when given,
    /// with names resolved.
    pub fn loop_view_on(
        &self,
        company: &str,
        role: &str,
        track: Option<&str>,
        level: Option<&str>,
    ) -> Result<LoopView<'_>, LookupError> {
        let track = match track {
            Some(t) => Some(self.loop_track(company, role, t)?),
            None => None,
        };
        let company = self.company(company)?;
        let (role, profile) = self.role(role)?;
        let lp = self
            .find_loop(&company.id, role, track.as_deref())
            .ok_or_else(|| LookupError::NoLoop {
                company: company.name.clone(),
                role: role.label().to_owned(),
                valid: self.pack.loops.iter().map(|l| l.id.clone()).collect(),
            })?;
        let levels: Vec<&Level> = lp
            .levels
            .iter()
            .filter_map(|id| self.levels_of(&company.id).find(|l| &l.id == id))
            .collect();
        let level = match level {
            None => None,
            Some(given) => {
                let wanted = given.trim().to_ascii_lowercase();
                let found = levels
                    .iter()
                    .find(|l| l.id == wanted || l.name.to_lowercase() == wanted);
                Some(*found.ok_or_else(|| {
                    let valid: Vec<String> = levels.iter().map(|l| l.id.clone()).collect();
                    LookupError::UnknownLevel {
                        company: company.name.clone(),
                        hint: hint(&wanted, &valid),
                        given: given.to_owned(),
                        valid,
                    }
                })?)
            }
        };
        let names: BTreeMap<&str, &str> = self
            .pack
            .principles
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        let rounds = lp
            .rounds
            .iter()
            .enumerate()
            .map(|(i, round)| {
                let mut weighted: Vec<WeightedPrincipleView<'_>> = round
                    .principles
                    .iter()
                    .map(|p| weigh(&names, &p.id, p.weight))
                    .collect();
                weighted.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.id.cmp(b.id)));
                RoundView {
                    order: i + 1,
                    round,
                    kind_name: self
                        .pack
                        .round_kinds
                        .iter()
                        .find(|k| k.id == round.kind)
                        .map_or(round.kind.as_str(), |k| k.name.as_str()),
                    weighted_principles: weighted,
                    rubric: self.rubric(&round.kind, role).map(|r| r.id.as_str()),
                    eliminations: lp
                        .eliminations
                        .iter()
                        .filter(|e| e.round == round.id)
                        .collect(),
                }
            })
            .collect();
        let principle_weights = lp
            .principle_weights()
            .iter()
            .filter_map(|p| {
                let (id, name) = names.get_key_value(p.id.as_str())?;
                Some(WeightedPrincipleView {
                    id,
                    name,
                    weight: p.weight,
                })
            })
            .collect();
        let mut checklists: Vec<&Checklist> = self
            .pack
            .checklists
            .iter()
            .filter(|c| c.applies_to(role))
            .collect();
        checklists.sort_by_key(|c| c.for_role().is_some());
        let stages = lp
            .stages
            .iter()
            .map(|stage| StageView {
                stage,
                after_round: lp
                    .rounds
                    .iter()
                    .find(|r| r.id == stage.after)
                    .map(|r| r.title.as_str()),
            })
            .collect();
        let other_tracks = self
            .pack
            .loops
            .iter()
            .filter(|l| l.company == lp.company && l.role == lp.role && l.id != lp.id)
            .map(|l| l.track.as_deref())
            .collect();
        Ok(LoopView {
            id: &lp.id,
            track: lp.track.as_deref(),
            other_tracks,
            company,
            role: profile,
            level,
            summary: &lp.summary,
            total_minutes: lp.total_minutes(),
            rounds,
            principle_weights,
            eliminations: &lp.eliminations,
            timeline: &lp.timeline,
            figures: &lp.figures,
            levels,
            checklists,
            stages,
        })
    }
}

/// A weighted principle with its display name; an id the pack lacks shows as itself.
fn weigh<'a>(
    names: &BTreeMap<&'a str, &'a str>,
    id: &'a str,
    weight: u32,
) -> WeightedPrincipleView<'a> {
    let name = names.get(id).copied().unwrap_or(id);
    WeightedPrincipleView { id, name, weight }
}

fn build_index(pack: &Pack) -> SearchIndex {
    let principle_names: BTreeMap<&str, &str> = pack
        .principles
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let kind_names: BTreeMap<&str, &str> = pack
        .round_kinds
        .iter()
        .map(|k| (k.id.as_str(), k.name.as_str()))
        .collect();
    let company_names: BTreeMap<&str, &str> = pack
        .companies
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let aliases = pack.search_aliases.iter().map(|a| a.words.as_slice());
    let index = SearchIndex::build(pack.questions.iter().map(|q| {
        let mut fields = vec![Field {
            text: &q.text,
            weight: 3,
        }];
        for p in &q.principles {
            fields.push(Field {
                text: principle_names.get(p.as_str()).copied().unwrap_or(p),
                weight: 2,
            });
        }
        fields.push(Field {
            text: kind_names
                .get(q.round.as_str())
                .copied()
                .unwrap_or(&q.round),
            weight: 2,
        });
        if let Some(c) = &q.company {
            fields.push(Field {
                text: company_names.get(c.as_str()).copied().unwrap_or(c),
                weight: 1,
            });
        }
        for s in q.signals.iter().chain(&q.follow_ups) {
            fields.push(Field { text: s, weight: 1 });
        }
        fields
    }))
    .with_aliases(aliases);
    let mut index = index;
    for kind in &pack.round_kinds {
        for phrase in &kind.search_phrases {
            let docs = pack
                .questions
                .iter()
                .enumerate()
                .filter(|(_, q)| q.round == kind.id)
                .map(|(i, _)| i);
            index = index.with_intent(phrase, docs);
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::artifact::{ArtifactKind, ArtifactPrompt};

    fn question(id: &str, round: &str, roles: &[&str], company: Option<&str>) -> Question {
        serde_json::from_value(serde_json::json!({
            "id": id, "text": format!("Question {id} about pricing"), "roles": roles,
            "round": round, "company": company, "difficulty": "easy",
        }))
        .expect("question")
    }

    fn pack() -> Pack {
        serde_json::from_value(serde_json::json!({
            "role": [
                { "id": "pm", "name": "Product Manager", "short": "PM", "accountable_for": "a",
                  "decision_rights": "b", "cognitive_default": "c", "primary_outputs": ["d"],
                  "artifacts": ["e"], "proof_modes": ["f"], "failure_modes": ["g"] },
                { "id": "pmm", "name": "Product Marketing Manager", "short": "PMM",
                  "accountable_for": "a", "decision_rights": "b", "cognitive_default": "c",
                  "primary_outputs": ["d"], "artifacts": ["e"], "proof_modes": ["f"],
                  "failure_modes": ["g"] }
            ],
            "company": [
                { "id": "amazon", "name": "Amazon", "summary": "s" },
                { "id": "meta", "name": "Meta", "summary": "s" }
            ],
            "round_kind": [
                { "id": "behavioral", "name": "Behavioral", "description": "d", "roles": ["pm"],
                  "answer_minutes": 3, "question_minutes": 15 }
            ],
        }))
        .map(|mut p: Pack| {
            p.questions = vec![
                question("q1", "behavioral", &["pm"], None),
                question("q2", "behavioral", &["pmm"], Some("meta")),
                question("q3", "behavioral", &["pm", "pmm"], Some("amazon")),
            ];
            p
        })
        .expect("pack")
    }

    #[test]
    fn a_company_filter_keeps_its_own_and_general_questions_own_first() {
        let catalog = Catalog::new(pack()).expect("valid");
        let query = QuestionQuery {
            company: Some("amazon".into()),
            ..Default::default()
        };
        let ids: Vec<&str> = catalog
            .find_questions(&query)
            .iter()
            .map(|h| h.question.id.as_str())
            .collect();
        assert_eq!(ids, ["q3", "q1"]);
        let query = QuestionQuery {
            role: Some(Role::Pmm),
            ..Default::default()
        };
        let ids: Vec<&str> = catalog
            .find_questions(&query)
            .iter()
            .map(|h| h.question.id.as_str())
            .collect();
        assert_eq!(ids, ["q2", "q3"]);
    }

    #[test]
    fn lookups_explain_what_is_valid() {
        let catalog = Catalog::new(pack()).expect("valid");
        let err = catalog.company("amazn").expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "unknown company `amazn` (did you mean `amazon`?); valid companies: amazon, meta"
        );
        let err = catalog.loop_view("meta", "pm", None).expect_err("no loop");
        assert!(err.to_string().starts_with("Meta has no PM loop"), "{err}");
        assert_eq!(
            catalog.company(" AMAZON ").map(|c| c.name.as_str()),
            Ok("Amazon")
        );
    }

    #[test]
    fn artifact_lookups_name_the_near_miss_and_an_empty_list() {
        let catalog = Catalog::new(pack()).expect("valid");
        assert!(catalog.artifact_kinds().is_empty());
        let err = catalog.artifact_kind("prfaq").expect_err("no kinds");
        assert_eq!(
            err.to_string(),
            "unknown artifact kind `prfaq`; artifact kinds: none"
        );
        let kind = ArtifactKind {
            id: "memo".into(),
            name: "Launch memo".into(),
            prompts: ["memo-payouts", "memo-pricing"]
                .map(|id| ArtifactPrompt {
                    id: id.into(),
                    ..Default::default()
                })
                .to_vec(),
            ..Default::default()
        };
        assert_eq!(
            catalog
                .artifact_prompt(&kind, " MEMO-PRICING ")
                .map(|p| p.id.as_str()),
            Ok("memo-pricing")
        );
        let err = catalog
            .artifact_prompt(&kind, "memo-payout")
            .expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "unknown prompt `memo-payout` (did you mean `memo-payouts`?); the kind's prompts: \
             memo-payouts, memo-pricing"
        );
        assert!(catalog.artifact_examples("memo").is_empty());
    }

    #[test]
    fn merge_replaces_in_place_appends_new_and_keeps_overlay_duplicates() {
        let mut base = pack();
        let mut overlay = Pack::default();
        let mut replaced = question("q2", "behavioral", &["pm"], None);
        replaced.text = "Replaced".into();
        overlay.questions = vec![
            replaced,
            question("q9", "behavioral", &["pm"], None),
            question("q9", "behavioral", &["pm"], None),
        ];
        base.merge(overlay);
        let ids: Vec<&str> = base.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["q1", "q2", "q3", "q9", "q9"]);
        assert_eq!(base.questions[1].text, "Replaced");
        assert!(
            Catalog::new(base).is_err(),
            "the overlay's duplicate is reported"
        );
    }
}
