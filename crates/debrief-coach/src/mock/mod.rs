//! Mock loops and the hiring-committee debrief.
//!
//! A mock runs one company's loop for one role and level, the way the real one runs:
//!
//! 1. [`draw`] picks the rounds ([`Scope`]: the whole loop, a quick loop of the rounds where
//!    candidates are cut most, or one round) and their questions: as many as the round's minutes
//!    hold (its kind's `question_minutes`, at least one), from the bank for the round's kind,
//!    role, company and level, leaning toward questions on the principles the round weights and
//!    away from the candidate's recent questions. The draw is seeded (a SplitMix64 generator
//!    written here): the same seed and recent list give the same [`MockPlan`]. The plan also
//!    keeps the [`Mode`]: practice (a report after each answer) or interview (nothing until the
//!    debrief).
//! 2. Each answer is graded like a practice answer ([`grade_answer`], through
//!    [`Grader::grade`]), and [`probes_for`] picks the follow-ups an interviewer would ask from
//!    the first answer's findings (content/probes.toml). Probes are answered and graded too.
//! 3. [`debrief()`] reads every answer together: a rating per round, a table per Leadership
//!    Principle (or competency, outside Amazon) with quotes from the candidate's own answers,
//!    the Bar Raiser's view (or the company's equivalent), and hire or no hire at the chosen level
//!    with its reasons and the three things to fix first. [`Debrief::to_markdown`] exports it.
//!
//! Pure like the rest of the crate: seeds and elapsed times are passed in, and the same inputs
//! give byte-identical JSON. [`MockPlan`], [`MockAnswer`] and [`Debrief`] serialize and
//! deserialize, so the store can keep them as JSON and read them back unchanged.

mod debrief;
mod markdown;
mod probe;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use debrief_grader::artifact::{ArtifactRequest, AsAnswer};
use debrief_grader::{GradeError, GradeRequest, Grader, Report};
use debrief_pack::{Catalog, LookupError, Loop};
use debrief_pack::{Question, Review, Role, RoundKindId};
use debrief_text::nearest;

pub use debrief::{
    AnswerRef, AnswerSummary, AreaRow, Debrief, Decision, Fix, Quote, Reason, ReviewView,
    RoundDebrief, Stance, Veto, debrief,
};
pub use probe::{AskedProbe, MAX_PROBES_PER_QUESTION, probes_for, quote_of};

/// Which rounds of the loop a mock runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Every round, in order.
    #[default]
    Full,
    /// The rounds where candidates are cut most: the loop's elimination points, then the other
    /// rounds that carry the most weight, up to the pack's `quick_rounds`, in loop order.
    Quick,
    /// One round, by its id in the loop.
    Round(String),
}

impl Scope {
    /// How the scope reads on a page: "Full loop", "Quick loop", "One round".
    pub fn label(&self) -> &'static str {
        match self {
            Scope::Full => "Full loop",
            Scope::Quick => "Quick loop",
            Scope::Round(_) => "One round",
        }
    }
}

/// When the candidate sees how an answer did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// A report after each answer.
    #[default]
    Practice,
    /// As in the room: the clock runs, follow-ups come as the interviewer's questions, and no
    /// score or finding shows until the debrief.
    Interview,
}

impl Mode {
    /// Whether a score or finding may show before the debrief.
    pub fn shows_reports(self) -> bool {
        self == Mode::Practice
    }

    /// "Practice mode" or "Interview mode".
    pub fn label(self) -> &'static str {
        match self {
            Mode::Practice => "Practice mode",
            Mode::Interview => "Interview mode",
        }
    }
}

/// Which mock to draw. The ids are what a user types; [`draw`] resolves them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockSpec {
    /// Company id, e.g. `amazon`.
    pub company: String,
    /// Role id, `pm` or `pmm`.
    pub role: String,
    /// The track within the role (`pm-t`), whose own loop is drawn; `None` draws the role's
    /// own loop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// Level id (or name) at the company, e.g. `l5`.
    pub level: String,
    /// The draw's seed: the same seed and recent list give the same plan.
    pub seed: u64,
    /// Which rounds to run.
    #[serde(default)]
    pub scope: Scope,
    /// When reports show.
    #[serde(default)]
    pub mode: Mode,
}

/// What a loop is judged against: Amazon's Leadership Principles, or the competencies Google
/// and Meta score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vocabulary {
    /// Leadership Principles with weights per round.
    Principles,
    /// Competencies named per round.
    Competencies,
}

impl Vocabulary {
    /// One of them and several, as they read mid-sentence: the company's own words from the
    /// content for principles ("Leadership Principle", "hiring attribute"), "competency" for
    /// free-text competencies.
    pub fn words(self, catalog: &Catalog, company: &str) -> (String, String) {
        match self {
            Vocabulary::Principles => match catalog.company(company) {
                Ok(c) => (
                    c.principle_noun().to_owned(),
                    c.principles_noun().to_owned(),
                ),
                Err(_) => ("principle".to_owned(), "principles".to_owned()),
            },
            Vocabulary::Competencies => ("competency".to_owned(), "competencies".to_owned()),
        }
    }
}

/// `text` with its first letter in capitals, for a heading: "Hiring attributes".
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A principle with its weight in a round (1-3), or 0 where the round does not weight it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedPrinciple {
    /// Principle id.
    pub id: String,
    /// Public name.
    pub name: String,
    /// The round's weight for it; 0 when only the question probes it.
    pub weight: u32,
}

/// A question drawn for a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedQuestion {
    /// Question id from the bank.
    pub id: String,
    /// The question as the interviewer asks it.
    pub text: String,
    /// The principles it probes, with the round's weight for each.
    pub lps: Vec<PlannedPrinciple>,
    /// The artifact kind it asks the candidate to write: the answer is a document, read by
    /// the artifact checker. Absent in plans saved before questions named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact: Option<String>,
}

/// One round of a mock, with its questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedRound {
    /// 0-based position in the loop.
    pub index: usize,
    /// Round id within the loop.
    pub id: String,
    /// Round kind.
    pub kind: RoundKindId,
    /// Round kind display name.
    pub kind_name: String,
    /// Display title, e.g. "Bar Raiser".
    pub title: String,
    /// The round's time budget in minutes; going over is allowed and recorded.
    pub minutes: u32,
    /// Who runs it.
    pub interviewer: String,
    /// Whether this is the Bar Raiser's round.
    pub bar_raiser: bool,
    /// Principles the round weights, heaviest first.
    pub lps: Vec<PlannedPrinciple>,
    /// Competencies the round scores (Google, Meta).
    pub competencies: Vec<String>,
    /// The questions drawn, in the order they are asked.
    pub questions: Vec<PlannedQuestion>,
}

/// A drawn mock loop: everything a page needs to run it without the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockPlan {
    /// The loop id, `<company>-<role>` (or a track's loop, `amazon-pm-t`).
    pub loop_id: String,
    /// The track within the role the loop is for (`pm-t`); `None` for the role's own loop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// Company id.
    pub company: String,
    /// Company display name.
    pub company_name: String,
    /// The role.
    pub role: Role,
    /// The role's full name.
    pub role_name: String,
    /// Level id.
    pub level: String,
    /// Level display name.
    pub level_name: String,
    /// The job title at this level for the role.
    pub title: String,
    /// The lowest overall score the debrief calls a hire at this level.
    pub hire_score: u32,
    /// The seed the plan was drawn with.
    pub seed: u64,
    /// What the loop is judged against.
    pub vocabulary: Vocabulary,
    /// The Bar Raiser or the company's equivalent, when the pack knows one.
    pub review: Option<Review>,
    /// Which rounds of the loop it runs.
    #[serde(default)]
    pub scope: Scope,
    /// When reports show.
    #[serde(default)]
    pub mode: Mode,
    /// Rounds in the whole loop (more than `rounds` holds for a quick or one-round mock; 0 in
    /// plans saved before scopes existed, which ran the whole loop).
    #[serde(default)]
    pub loop_rounds: usize,
    /// Rounds in interview order.
    pub rounds: Vec<PlannedRound>,
}

impl MockPlan {
    /// The loop's name: "Amazon PMM", "Amazon PM (PM-T)".
    pub fn loop_name(&self) -> String {
        debrief_pack::catalog::loop_name(
            &self.company_name,
            self.role.label(),
            self.track.as_deref(),
        )
    }

    /// A planned question by position.
    pub fn question(&self, round_index: usize, question_index: usize) -> Option<&PlannedQuestion> {
        self.rounds.get(round_index)?.questions.get(question_index)
    }

    /// Every question id of the plan, in order: what the next draw's `recent` list holds.
    pub fn question_ids(&self) -> Vec<String> {
        self.rounds
            .iter()
            .flat_map(|r| r.questions.iter().map(|q| q.id.clone()))
            .collect()
    }

    /// Rounds in the whole loop the mock was drawn from.
    pub fn rounds_in_loop(&self) -> usize {
        self.loop_rounds.max(self.rounds.len())
    }

    /// Total minutes of the mock's rounds.
    pub fn total_minutes(&self) -> u32 {
        self.rounds.iter().map(|r| r.minutes).sum()
    }

    /// The follow-up probes to ask after `first`, the answer to a question of this plan (see
    /// [`probes_for`]); `asked` holds the ids of the probes already asked for that question.
    pub fn probes<'c>(
        &self,
        grader: &'c Grader,
        first: &MockAnswer,
        asked: &[String],
    ) -> Vec<AskedProbe<'c>> {
        match self.rounds.get(first.round_index) {
            Some(round) => probes_for(
                grader,
                round.kind.as_str(),
                self.role,
                &first.answer,
                &first.report,
                asked,
            ),
            None => Vec::new(),
        }
    }
}

/// One graded answer of a mock: to a question (`probe_index` 0) or to one of its follow-up
/// probes (1, 2, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MockAnswer {
    /// 0-based round position in the plan.
    pub round_index: usize,
    /// 0-based question position within the round.
    pub question_index: usize,
    /// 0 for the question itself, 1.. for its probes in the order asked.
    pub probe_index: usize,
    /// The question id, or the probe id for a follow-up.
    pub prompt_id: String,
    /// The question or probe text the candidate answered.
    pub prompt: String,
    /// The candidate's answer.
    pub answer: String,
    /// Seconds the candidate took; counted against the round's budget.
    pub elapsed_seconds: u32,
    /// The grader's report on the answer.
    pub report: Report,
}

/// An answer as a caller hands it in (a line of `debrief mock --answers`, a form post), before
/// it is graded by [`grade_answer`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    /// 0-based round position.
    pub round_index: usize,
    /// 0-based question position within the round.
    pub question_index: usize,
    /// 0 for the question, 1.. for its probes.
    #[serde(default)]
    pub probe_index: usize,
    /// The probe id, for a follow-up (`probe_index` 1 or more).
    #[serde(default)]
    pub probe: Option<String>,
    /// A follow-up as the interviewer asked it, when it quoted the candidate's words (see
    /// [`AskedProbe`]); without it the probe's plain text is the prompt. Ignored for a
    /// question's own answer, whose prompt is the planned question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// The answer.
    pub answer: String,
    /// Seconds taken.
    #[serde(default)]
    pub elapsed_seconds: u32,
    /// Whether the answer is a spoken transcript (fillers are counted).
    #[serde(default)]
    pub transcript: bool,
}

/// Why a mock could not be drawn or an answer could not be placed in it. Every message says
/// what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MockError {
    /// The company, role or level is unknown, or the company has no loop for the role.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The bank holds no question a round can ask.
    #[error(
        "no question in the bank fits round `{round}` (kind `{kind}`) for {role}; add [[question]] entries with round = \"{kind}\" and roles = [\"{role}\"] to the content pack"
    )]
    NoQuestions {
        /// The round's title.
        round: String,
        /// The round kind id.
        kind: String,
        /// The role id.
        role: String,
    },
    /// A one-round mock names a round the loop does not have.
    #[error("the {loop_id} loop has no round `{given}`{hint}; its rounds are {valid}")]
    UnknownRound {
        /// The loop id.
        loop_id: String,
        /// What was given.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
        /// The loop's round ids, comma-separated.
        valid: String,
    },
    /// The answer names a round the plan does not have.
    #[error(
        "the mock has no round {given} (rounds are numbered from 0 to {last}); check round_index"
    )]
    NoRound {
        /// The index given.
        given: usize,
        /// The last valid index.
        last: usize,
    },
    /// The answer names a question its round does not have.
    #[error(
        "round {round} of the mock has no question {given} (questions are numbered from 0 to {last}); check question_index"
    )]
    NoQuestion {
        /// The round index.
        round: usize,
        /// The index given.
        given: usize,
        /// The last valid index.
        last: usize,
    },
    /// A follow-up answer without a probe id, or a probe id on the question's own answer.
    #[error(
        "probe_index {index} does not match probe {probe:?}: give a probe id exactly when probe_index is 1 or more"
    )]
    ProbeMismatch {
        /// The probe index given.
        index: usize,
        /// The probe id given, if any.
        probe: Option<String>,
    },
    /// No such probe in the content pack.
    #[error("unknown probe `{given}`{hint}; probes are listed in content/probes.toml")]
    UnknownProbe {
        /// What was given.
        given: String,
        /// A near miss, formatted as a hint.
        hint: String,
    },
    /// The answer could not be graded (empty, too large).
    #[error(transparent)]
    Grade(#[from] GradeError),
    /// A document handed in for a writing round could not be checked.
    #[error(transparent)]
    Artifact(#[from] debrief_grader::artifact::ArtifactError),
}

/// How many of its round's principles, heaviest first, a question that names none of the
/// loop company's principles is aimed at: about what one interviewer holds.
pub const ROUND_AIMS: usize = 2;

/// Draws a mock loop for `spec`. `recent` holds the question ids the candidate saw lately,
/// most recent first: they are avoided while the bank allows, and when it does not, the ones
/// asked longest ago come back first. No question appears twice in one mock.
pub fn draw(catalog: &Catalog, spec: &MockSpec, recent: &[String]) -> Result<MockPlan, MockError> {
    let view = catalog.loop_view_on(
        &spec.company,
        &spec.role,
        spec.track.as_deref(),
        Some(&spec.level),
    )?;
    let (role, profile) = catalog.role(&spec.role)?;
    let company = view.company;
    let lp = catalog
        .loops()
        .iter()
        .find(|l| l.id == view.id)
        .ok_or_else(|| LookupError::NoLoop {
            company: company.name.clone(),
            role: role.label().to_owned(),
            valid: catalog.loops().iter().map(|l| l.id.clone()).collect(),
        })?;
    let default_bar = catalog.grading().hire;
    let (level, level_name, title, hire_score) = match view.level {
        Some(l) => (
            l.id.clone(),
            l.name.clone(),
            l.title_for(role).to_owned(),
            l.hire_score.unwrap_or(default_bar),
        ),
        None => (
            spec.level.clone(),
            spec.level.clone(),
            profile.name.clone(),
            default_bar,
        ),
    };
    let name_of = |id: &str| -> String {
        catalog
            .principle(id)
            .map_or_else(|_| id.to_owned(), |p| p.name.clone())
    };
    // Most recent first; a question's position is its first (latest) appearance.
    let mut recency: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, id) in recent.iter().enumerate() {
        recency.entry(id.as_str()).or_insert(i);
    }
    let chosen = rounds_for(catalog, lp, &spec.scope)?;
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut rounds = Vec::with_capacity(chosen.len());
    for (index, round) in chosen.into_iter().map(|i| &lp.rounds[i]).enumerate() {
        let weight_of = |id: &str| {
            round
                .principles
                .iter()
                .find(|p| p.id == id)
                .map_or(0, |p| p.weight)
        };
        let candidates: Vec<(&Question, u64)> = catalog
            .questions()
            .iter()
            .filter(|q| {
                q.round == round.kind
                    && q.asks(role)
                    && q.company.as_deref().is_none_or(|c| c == company.id)
                    && q.suits_level(&level)
                    && q.suits_formats(&round.formats)
            })
            .map(|q| {
                // Lean toward what the round weighs and what is specific to this company,
                // without ruling the rest out: variety across seeds matters too.
                let lps: u64 = q.principles.iter().map(|p| u64::from(weight_of(p))).sum();
                let own = if q.company.is_some() { 2 } else { 0 };
                (q, 1 + lps + own)
            })
            .collect();
        let kind = catalog.round_kind(&round.kind)?;
        let wanted = questions_for(round.minutes, kind.question_minutes);
        let mut rng = SplitMix64::for_round(spec.seed, index);
        let picked = pick(&candidates, wanted, &used, &recency, &mut rng);
        if picked.is_empty() {
            return Err(MockError::NoQuestions {
                round: round.title.clone(),
                kind: round.kind.clone(),
                role: role.id().to_owned(),
            });
        }
        let questions = picked
            .into_iter()
            .map(|q| {
                used.insert(q.id.clone());
                // What the question is aimed at: the principles of this loop's company it
                // names; one that names none of them (a general question, or one written for
                // another company's principles) is asked for the round's heaviest
                // [`ROUND_AIMS`], as an interviewer asks for what they hold.
                let own: Vec<&String> = q
                    .principles
                    .iter()
                    .filter(|p| catalog.principle(p).is_ok_and(|x| x.company == company.id))
                    .collect();
                let lps = if own.is_empty() {
                    let mut heaviest: Vec<&debrief_pack::WeightedPrinciple> =
                        round.principles.iter().collect();
                    heaviest.sort_by_key(|p| std::cmp::Reverse(p.weight));
                    heaviest
                        .into_iter()
                        .take(ROUND_AIMS)
                        .map(|p| PlannedPrinciple {
                            id: p.id.clone(),
                            name: name_of(&p.id),
                            weight: p.weight,
                        })
                        .collect()
                } else {
                    own.into_iter()
                        .map(|p| PlannedPrinciple {
                            id: p.clone(),
                            name: name_of(p),
                            weight: weight_of(p),
                        })
                        .collect()
                };
                PlannedQuestion {
                    id: q.id.clone(),
                    text: q.text.clone(),
                    lps,
                    artifact: q.artifact.clone(),
                }
            })
            .collect();
        let mut lps: Vec<PlannedPrinciple> = round
            .principles
            .iter()
            .map(|p| PlannedPrinciple {
                id: p.id.clone(),
                name: name_of(&p.id),
                weight: p.weight,
            })
            .collect();
        lps.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.id.cmp(&b.id)));
        rounds.push(PlannedRound {
            index,
            id: round.id.clone(),
            kind: kind.kind_id(),
            kind_name: kind.name.clone(),
            title: round.title.clone(),
            minutes: round.minutes,
            interviewer: round.interviewer.clone(),
            bar_raiser: round.bar_raiser,
            lps,
            competencies: round.competencies.clone(),
            questions,
        });
    }
    Ok(MockPlan {
        loop_id: lp.id.clone(),
        track: lp.track.clone(),
        company: company.id.clone(),
        company_name: company.name.clone(),
        role,
        role_name: profile.name.clone(),
        level,
        level_name,
        title,
        hire_score,
        seed: spec.seed,
        vocabulary: if company.uses_principles {
            Vocabulary::Principles
        } else {
            Vocabulary::Competencies
        },
        review: company.review.clone(),
        scope: spec.scope.clone(),
        mode: spec.mode,
        loop_rounds: lp.rounds.len(),
        rounds,
    })
}

/// Main questions a round of `minutes` asks when one takes `per_question` minutes with its
/// follow-ups: at least one.
pub fn questions_for(minutes: u32, per_question: u32) -> usize {
    usize::try_from(minutes / per_question.max(1))
        .unwrap_or(usize::MAX)
        .max(1)
}

/// The positions of the loop's rounds a mock of `scope` runs, in loop order.
fn rounds_for(catalog: &Catalog, lp: &Loop, scope: &Scope) -> Result<Vec<usize>, MockError> {
    match scope {
        Scope::Full => Ok((0..lp.rounds.len()).collect()),
        Scope::Quick => {
            // Every pack with a loop has `[plan]` (validated); without it, the whole loop.
            let wanted = catalog
                .plan_settings()
                .map_or(lp.rounds.len(), |p| p.quick_rounds as usize);
            Ok(quick_rounds(lp, wanted))
        }
        Scope::Round(id) => {
            let given = id.trim().to_ascii_lowercase();
            match lp.rounds.iter().position(|r| r.id == given) {
                Some(i) => Ok(vec![i]),
                None => {
                    let ids: Vec<&str> = lp.rounds.iter().map(|r| r.id.as_str()).collect();
                    Err(MockError::UnknownRound {
                        loop_id: lp.id.clone(),
                        given: id.clone(),
                        hint: nearest(&given, &ids)
                            .map(|n| format!(" (did you mean `{n}`?)"))
                            .unwrap_or_default(),
                        valid: ids.join(", "),
                    })
                }
            }
        }
    }
}

/// A quick loop's rounds: the elimination points in the order the loop lists them (a round's
/// own `elimination` note, then `[[loop.elimination]]` entries), then, while fewer than
/// `wanted`, the other rounds by weight (the principle weights it holds, or the competencies
/// it scores), a round kind not yet chosen first, longer rounds before shorter, earlier before
/// later. Returned in loop order, so the quick loop runs as the real one would.
pub fn quick_rounds(lp: &Loop, wanted: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::new();
    let named = lp
        .rounds
        .iter()
        .enumerate()
        .filter(|(_, r)| r.elimination.is_some())
        .map(|(i, _)| i)
        .chain(
            lp.eliminations
                .iter()
                .filter_map(|e| lp.rounds.iter().position(|r| r.id == e.round)),
        );
    for i in named {
        if chosen.len() < wanted && !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    while chosen.len() < wanted.min(lp.rounds.len()) {
        let kinds: BTreeSet<&str> = chosen.iter().map(|&i| lp.rounds[i].kind.as_str()).collect();
        let next = lp
            .rounds
            .iter()
            .enumerate()
            .filter(|(i, _)| !chosen.contains(i))
            .max_by_key(|(i, r)| {
                let weight: u32 = r.principles.iter().map(|p| p.weight).sum::<u32>()
                    + u32::try_from(r.competencies.len()).unwrap_or(u32::MAX);
                (
                    !kinds.contains(r.kind.as_str()),
                    weight,
                    r.minutes,
                    std::cmp::Reverse(*i),
                )
            })
            .map(|(i, _)| i);
        match next {
            Some(i) => chosen.push(i),
            None => break,
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Up to `wanted` questions: weighted draws among the fresh ones, then, when the bank is too
/// small, recent ones asked longest ago, never one already in the mock.
fn pick<'q>(
    candidates: &[(&'q Question, u64)],
    wanted: usize,
    used: &BTreeSet<String>,
    recency: &BTreeMap<&str, usize>,
    rng: &mut SplitMix64,
) -> Vec<&'q Question> {
    let mut fresh: Vec<(&Question, u64)> = candidates
        .iter()
        .filter(|(q, _)| !used.contains(&q.id) && !recency.contains_key(q.id.as_str()))
        .copied()
        .collect();
    let mut out = Vec::with_capacity(wanted);
    while out.len() < wanted && !fresh.is_empty() {
        let total: u64 = fresh.iter().map(|(_, w)| *w).sum();
        let mut ticket = rng.below(total);
        let mut chosen = fresh.len() - 1;
        for (i, (_, w)) in fresh.iter().enumerate() {
            if ticket < *w {
                chosen = i;
                break;
            }
            ticket -= w;
        }
        out.push(fresh.remove(chosen).0);
    }
    if out.len() < wanted {
        let mut stale: Vec<(&Question, usize)> = candidates
            .iter()
            .filter(|(q, _)| !used.contains(&q.id))
            .filter_map(|(q, _)| recency.get(q.id.as_str()).map(|&at| (*q, at)))
            .collect();
        // Asked longest ago first; ties (impossible for distinct ids) by bank order.
        stale.sort_by_key(|s| std::cmp::Reverse(s.1));
        out.extend(stale.into_iter().take(wanted - out.len()).map(|(q, _)| q));
    }
    out
}

/// SplitMix64 (Steele, Lea and Flood): small, fast and good enough to shuffle a question bank.
/// Written here because the crate draws no randomness of its own: the seed comes in.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    /// A stream per round, so that one round's bank changing leaves the others' draws alone.
    fn for_round(seed: u64, round: usize) -> SplitMix64 {
        let mut mix = SplitMix64(seed ^ (round as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
        mix.next();
        mix
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
}

/// Grades one answer of a mock: the question's text (or the probe's) is the question, and the
/// round kind, role and company are the plan's, so the web app and the CLI grade a mock answer
/// identically.
pub fn grade_answer(
    grader: &Grader,
    plan: &MockPlan,
    input: &AnswerInput,
) -> Result<MockAnswer, MockError> {
    let catalog = grader.catalog();
    let round = plan
        .rounds
        .get(input.round_index)
        .ok_or(MockError::NoRound {
            given: input.round_index,
            last: plan.rounds.len().saturating_sub(1),
        })?;
    let question = round
        .questions
        .get(input.question_index)
        .ok_or(MockError::NoQuestion {
            round: input.round_index,
            given: input.question_index,
            last: round.questions.len().saturating_sub(1),
        })?;
    let probe_id = input
        .probe
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let (prompt_id, prompt) = match (input.probe_index, probe_id) {
        (0, None) => (question.id.clone(), question.text.clone()),
        (i, Some(id)) if i > 0 => {
            let probe = catalog.probe(id).ok_or_else(|| {
                let ids: Vec<&str> = catalog.probes().iter().map(|p| p.id.as_str()).collect();
                MockError::UnknownProbe {
                    given: id.to_owned(),
                    hint: nearest(id, &ids)
                        .map(|n| format!(" (did you mean `{n}`?)"))
                        .unwrap_or_default(),
                }
            })?;
            let asked = input
                .prompt
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty());
            (
                probe.id.clone(),
                asked.map_or_else(|| probe.text.clone(), str::to_owned),
            )
        }
        (index, probe) => {
            return Err(MockError::ProbeMismatch {
                index,
                probe: probe.map(str::to_owned),
            });
        }
    };
    let request = GradeRequest {
        answer: input.answer.clone(),
        role: Some(plan.role),
        round: Some(round.kind.clone()),
        question: Some(prompt.clone()),
        company: Some(plan.company.clone()),
        budget_seconds: None,
        transcript: input.transcript,
        // A probe's reply is judged on what the probe asked.
        follow_up: input.probe_index > 0,
        principles: if input.probe_index == 0 {
            question.lps.iter().map(|p| p.id.clone()).collect()
        } else {
            Vec::new()
        },
    };
    // A question that asks for a document reads the first answer as one; its probes are
    // spoken replies, graded as follow-ups.
    let report = match &question.artifact {
        Some(kind) if input.probe_index == 0 => grader.grade_artifact(
            &ArtifactRequest {
                kind: kind.clone(),
                text: input.answer.clone(),
                prompt: Some(prompt.clone()),
            },
            AsAnswer {
                round: round.kind.as_str(),
                role: Some(plan.role),
                budget_seconds: round.minutes.saturating_mul(60),
            },
        )?,
        _ => grader.grade(&request)?,
    };
    Ok(MockAnswer {
        round_index: input.round_index,
        question_index: input.question_index,
        probe_index: input.probe_index,
        prompt_id,
        prompt,
        answer: input.answer.clone(),
        elapsed_seconds: input.elapsed_seconds,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_a_fixed_sequence() {
        // The published SplitMix64 outputs for seed 0; changing them would reshuffle every
        // saved seed's mock.
        let mut r = SplitMix64(0);
        assert_eq!(r.next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.below(0), 0);
        let mut r = SplitMix64(7);
        for _ in 0..1000 {
            assert!(r.below(3) < 3);
        }
    }

    #[test]
    fn rounds_get_separate_streams() {
        let a = SplitMix64::for_round(42, 0).next();
        let b = SplitMix64::for_round(42, 1).next();
        assert_ne!(a, b);
        assert_eq!(a, SplitMix64::for_round(42, 0).next());
    }
}
