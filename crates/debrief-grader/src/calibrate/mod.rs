//! Measuring the grader against answers whose quality we know.
//!
//! A calibration pair is a strong and a weak answer to one question for one role and round.
//! Three figures say whether the grader ranks answers the way a hiring committee would:
//! pairwise accuracy (strong beats its weak partner), AUC (a strong answer beats a weak one
//! drawn from anywhere in the set), and per category, recall (a weak answer labelled with a
//! category carries a finding of it) beside the false-alarm rate on strong answers.
//!
//! Pairs come in slices ([`Slice`]), each reported on its own: a grader can do well over the
//! whole set and still fail plain-spoken strong answers or trap phrasings. Gaming cases
//! ([`GamingCase`], and ones derived here from every strong answer: its words shuffled, the
//! answer given to another round's question) must rate no hire or worse; adding labels to a
//! strong answer must barely move its score. Every figure has a name
//! ([`CalibrationReport::named_figures`]), and `levels.toml` records a floor per name.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{GradeError, GradeRequest, Grader};
use debrief_pack::{Origin, Rating, Role, RoundKindId};

mod artifacts;
mod derive;
mod figures;
mod fit;
mod flaws;
mod levels;

pub use artifacts::{ArtifactExampleFigures, ArtifactKindFigures, ArtifactPair, ArtifactPart};
pub use figures::{CategoryRecall, Miss, PartFigures};
pub use fit::{Fitted, fit, to_toml as score_model_toml, word_order_table};
pub use flaws::{fit_answer_count, fit_flaws, flaw_rules, to_toml as flaw_model_toml};
pub use levels::CalibrationLevels;

/// Which kind of pair: each slice is reported on its own.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Slice {
    /// Strong and weak both in an interview register.
    #[default]
    Standard,
    /// A strong answer in plain words against a weak one rich in professional vocabulary.
    PlainLanguage,
    /// The same, at the length candidates type or say in a screen or a practice answer
    /// (about 100 to 260 words) rather than a written-out 400.
    Short,
    /// A strong answer built around a negation, a quoted phrase, disagree-and-commit or an
    /// honest "we": it must not raise its `must_not_flag` categories.
    Trap,
    /// Replies to an interviewer's follow-up probe.
    FollowUp,
}

impl Slice {
    /// Every slice, in report order.
    pub const ALL: [Slice; 5] = [
        Slice::Standard,
        Slice::PlainLanguage,
        Slice::Short,
        Slice::Trap,
        Slice::FollowUp,
    ];

    /// The kebab-case id of the files and the figures' names.
    pub fn id(self) -> &'static str {
        match self {
            Slice::Standard => "standard",
            Slice::PlainLanguage => "plain-language",
            Slice::Short => "short",
            Slice::Trap => "trap",
            Slice::FollowUp => "follow-up",
        }
    }
}

/// A strong and a weak answer to the same question.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationPair {
    /// Unique id.
    pub id: String,
    /// The slice the pair belongs to.
    #[serde(default)]
    pub slice: Slice,
    /// A question id from the bank.
    #[serde(default)]
    pub question: Option<String>,
    /// The question, when it is not in the bank.
    #[serde(default)]
    pub question_text: Option<String>,
    /// For a follow-up pair: the interviewer's probe both answers reply to.
    #[serde(default)]
    pub probe: Option<String>,
    /// `pm` or `pmm`.
    pub role: String,
    /// Round kind id.
    pub round: String,
    /// Company id.
    #[serde(default)]
    pub company: Option<String>,
    /// The strong answer.
    pub strong: String,
    /// The weak answer.
    pub weak: String,
    /// Categories the weak answer shows.
    #[serde(default)]
    pub weak_categories: Vec<String>,
    /// For a trap pair: categories the strong answer must not raise.
    #[serde(default)]
    pub must_not_flag: Vec<String>,
    /// Whether the pair belongs to the held-out part (set by the loader from its folder).
    #[serde(skip)]
    pub held_out: bool,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// How a gaming case tries to earn credit without substance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GamingKind {
    /// The right frame filled with absurd content.
    Nonsense,
    /// The rubric's vocabulary strung together.
    KeywordList,
    /// Headings or labels with little under them.
    LabelsOnly,
    /// A sentence or two pasted over and over.
    Repeat,
    /// A good answer to a different question.
    OffQuestion,
    /// A strong answer's words in random order (derived, never written).
    Shuffle,
}

impl GamingKind {
    /// The kebab-case id.
    pub fn id(self) -> &'static str {
        match self {
            GamingKind::Nonsense => "nonsense",
            GamingKind::KeywordList => "keyword-list",
            GamingKind::LabelsOnly => "labels-only",
            GamingKind::Repeat => "repeat",
            GamingKind::OffQuestion => "off-question",
            GamingKind::Shuffle => "shuffle",
        }
    }
}

/// One answer that must rate no hire or worse however it is dressed.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GamingCase {
    /// Unique id.
    pub id: String,
    /// A question id from the bank.
    #[serde(default)]
    pub question: Option<String>,
    /// The question, when it is not in the bank.
    #[serde(default)]
    pub question_text: Option<String>,
    /// `pm` or `pmm`.
    pub role: String,
    /// Round kind id.
    pub round: String,
    /// Company id.
    #[serde(default)]
    pub company: Option<String>,
    /// The trick it plays.
    pub kind: GamingKind,
    /// The answer.
    pub answer: String,
    /// Whether the case belongs to the held-out part (set by the loader from its folder).
    #[serde(skip)]
    pub held_out: bool,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// Everything `content/calibration` holds.
#[derive(Debug, Clone, Default)]
pub struct CalibrationSet {
    /// The pairs.
    pub pairs: Vec<CalibrationPair>,
    /// The written gaming cases.
    pub gaming: Vec<GamingCase>,
    /// The recorded floors.
    pub levels: CalibrationLevels,
    /// Strong and weak documents of each artifact kind.
    pub artifact_pairs: Vec<ArtifactPair>,
}

/// The figures of one slice, per part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SliceFigures {
    /// The tuning part.
    pub tuning: PartFigures,
    /// The held-out part.
    pub held_out: PartFigures,
}

/// Trap pairs: how many strong answers raised none of the categories they must not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrapFigures {
    /// Trap pairs.
    pub pairs: usize,
    /// Strong answers with none of their `must_not_flag` categories.
    pub clean: usize,
    /// clean / pairs.
    pub clean_rate: f64,
    /// The pairs whose strong answer raised one, with the categories.
    pub flagged: Vec<(String, Vec<String>)>,
}

/// A gaming case the grader let through.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GamingMiss {
    /// The case id (derived cases: the pair id and the trick).
    pub id: String,
    /// The trick.
    pub kind: GamingKind,
    /// Its score.
    pub score: u32,
    /// Its rating.
    pub rating: Rating,
}

/// Gaming cases, written and derived, in one part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GamingFigures {
    /// Cases.
    pub cases: usize,
    /// Rated no hire or worse.
    pub rejected: usize,
    /// rejected / cases.
    pub rejected_rate: f64,
    /// Per trick: (cases, rejected).
    pub by_kind: BTreeMap<GamingKind, (usize, usize)>,
    /// The cases that rated hire or better.
    pub passed: Vec<GamingMiss>,
}

/// Strong answers with labels added ("Users:", "Metrics:", ...): the score must barely move.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelFigures {
    /// Answers edited.
    pub answers: usize,
    /// Of those, how many moved at most [`LABEL_TOLERANCE`] points.
    pub within_tolerance: usize,
    /// within_tolerance / answers.
    pub within_rate: f64,
    /// The largest move seen, and on which pair.
    pub largest: Option<(String, i64)>,
}

/// The pack's annotated model answers read as calibration material: every strong answer
/// against the weak one of its round kind and role, and each label against the rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExampleFigures {
    /// Model answers graded.
    pub answers: usize,
    /// Strong-against-weak pairs of one round kind and role.
    pub pairs: usize,
    /// Of those, how many the grader ranks strong above weak.
    pub ranked_right: usize,
    /// ranked_right / pairs.
    pub ranked_rate: f64,
    /// Answers whose rating agrees with the label: strong rated hire or better, weak below.
    pub label_agrees: usize,
    /// label_agrees / answers.
    pub label_rate: f64,
    /// The answers whose rating contradicts the label, with their score.
    pub disagreements: Vec<(String, u32)>,
}

/// How many points adding labels may move a score.
pub const LABEL_TOLERANCE: i64 = 5;

/// Every figure of a calibration run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationReport {
    /// The `standard` slice's tuning part (the floors recorded before slices existed).
    pub tuning: PartFigures,
    /// The `standard` slice's held-out part.
    pub held_out: PartFigures,
    /// The `standard` slice, both parts.
    pub all: PartFigures,
    /// Every slice that has pairs, per part.
    pub slices: BTreeMap<Slice, SliceFigures>,
    /// All pairs of every slice, per part.
    pub whole: SliceFigures,
    /// Trap pairs, per part: (tuning, held-out).
    pub traps: (TrapFigures, TrapFigures),
    /// Gaming cases, per part: (tuning, held-out).
    pub gaming: (GamingFigures, GamingFigures),
    /// Labels added to strong answers (both parts).
    pub labels: LabelFigures,
    /// The pack's model answers.
    pub examples: ExampleFigures,
    /// The artifact checker, per kind.
    pub artifacts: BTreeMap<String, ArtifactKindFigures>,
    /// The pack's example documents.
    pub artifact_examples: ArtifactExampleFigures,
}

/// Why a pair could not be graded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("calibration pair `{id}`: {error}")]
pub struct CalibrationError {
    /// The pair.
    pub id: String,
    /// What went wrong.
    pub error: CheckError,
}

/// What went wrong with one answer or document of the set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// An answer could not be graded.
    #[error(transparent)]
    Grade(#[from] GradeError),
    /// A document could not be checked.
    #[error(transparent)]
    Artifact(#[from] crate::artifact::ArtifactError),
}

/// One graded answer: score, rating and the categories of its findings.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub score: u32,
    pub rating: Rating,
    pub categories: Vec<String>,
}

impl Outcome {
    fn hire(&self) -> bool {
        self.rating >= Rating::Hire
    }
}

/// A pair as graded.
pub(crate) struct Graded {
    pub held_out: bool,
    pub slice: Slice,
    pub id: String,
    pub strong: Outcome,
    pub weak: Outcome,
    pub labels: Vec<String>,
    pub must_not_flag: Vec<String>,
}

/// Where an answer is graded: role, round, question, company.
#[derive(Debug, Clone)]
pub(crate) struct Setting {
    pub id: String,
    pub follow_up: bool,
    pub role: Option<Role>,
    pub round: RoundKindId,
    pub question: Option<String>,
    pub company: Option<String>,
}

impl Setting {
    fn new(
        grader: &Grader,
        id: &str,
        role: &str,
        round: &str,
        question: Option<&str>,
        question_text: Option<&str>,
        company: Option<&str>,
    ) -> Result<Setting, CalibrationError> {
        let question = question_text.map(str::to_owned).or_else(|| {
            question
                .and_then(|id| grader.catalog().question(id))
                .map(|q| q.text.clone())
        });
        let round = grader
            .catalog()
            .round_kind(round)
            .map_err(|e| CalibrationError {
                id: id.to_owned(),
                error: GradeError::Lookup(e).into(),
            })?
            .kind_id();
        Ok(Setting {
            id: id.to_owned(),
            follow_up: false,
            role: Role::parse(role),
            round,
            question,
            company: company.map(str::to_owned),
        })
    }

    pub(crate) fn grade(&self, grader: &Grader, answer: &str) -> Result<Outcome, CalibrationError> {
        let report = self.report(grader, answer)?;
        let mut categories: Vec<String> = report
            .findings
            .iter()
            .map(|f| f.category.id().to_owned())
            .collect();
        categories.sort();
        categories.dedup();
        Ok(Outcome {
            score: report.score,
            rating: report.rating,
            categories,
        })
    }

    /// Where a pair's answers are graded; a follow-up reply answers the probe, so that is the
    /// question it is judged against.
    pub(crate) fn of_pair(
        grader: &Grader,
        pair: &CalibrationPair,
    ) -> Result<Setting, CalibrationError> {
        let question_text = pair.probe.as_deref().or(pair.question_text.as_deref());
        let mut setting = Setting::new(
            grader,
            &pair.id,
            &pair.role,
            &pair.round,
            pair.question.as_deref(),
            question_text,
            pair.company.as_deref(),
        )?;
        setting.follow_up = pair.probe.is_some();
        Ok(setting)
    }

    /// The whole report of `answer` in this setting.
    pub(crate) fn report(
        &self,
        grader: &Grader,
        answer: &str,
    ) -> Result<crate::Report, CalibrationError> {
        let request = GradeRequest {
            answer: answer.to_owned(),
            role: self.role,
            round: Some(self.round.clone()),
            question: self.question.clone(),
            company: self.company.clone(),
            follow_up: self.follow_up,
            ..Default::default()
        };
        grader.grade(&request).map_err(|error| CalibrationError {
            id: self.id.clone(),
            error: error.into(),
        })
    }
}

/// Grades every pair and gaming case, derives the cases made from strong answers, and computes
/// the figures.
pub fn calibrate(
    grader: &Grader,
    set: &CalibrationSet,
) -> Result<CalibrationReport, CalibrationError> {
    let mut graded = Vec::with_capacity(set.pairs.len());
    let mut settings = Vec::with_capacity(set.pairs.len());
    for pair in &set.pairs {
        let setting = Setting::of_pair(grader, pair)?;
        graded.push(Graded {
            held_out: pair.held_out,
            slice: pair.slice,
            id: pair.id.clone(),
            strong: setting.grade(grader, &pair.strong)?,
            weak: setting.grade(grader, &pair.weak)?,
            labels: pair.weak_categories.clone(),
            must_not_flag: pair.must_not_flag.clone(),
        });
        settings.push(setting);
    }

    let standard = |keep: &dyn Fn(&Graded) -> bool| {
        figures::figures(
            graded
                .iter()
                .filter(|g| g.slice == Slice::Standard && keep(g))
                .collect(),
        )
    };
    let split = |slice: Option<Slice>| {
        let part = |held_out: bool| {
            figures::figures(
                graded
                    .iter()
                    .filter(|g| g.held_out == held_out && slice.is_none_or(|s| g.slice == s))
                    .collect(),
            )
        };
        SliceFigures {
            tuning: part(false),
            held_out: part(true),
        }
    };
    let slices = Slice::ALL
        .into_iter()
        .filter(|s| graded.iter().any(|g| g.slice == *s))
        .map(|s| (s, split(Some(s))))
        .collect();

    let traps = |held_out: bool| figures::traps(graded.iter().filter(|g| g.held_out == held_out));

    let mut cases: Vec<(bool, GamingMiss)> = Vec::new();
    for case in &set.gaming {
        let setting = Setting::new(
            grader,
            &case.id,
            &case.role,
            &case.round,
            case.question.as_deref(),
            case.question_text.as_deref(),
            case.company.as_deref(),
        )?;
        let outcome = setting.grade(grader, &case.answer)?;
        cases.push((
            case.held_out,
            GamingMiss {
                id: case.id.clone(),
                kind: case.kind,
                score: outcome.score,
                rating: outcome.rating,
            },
        ));
    }
    cases.extend(derive::gaming_cases(grader, &set.pairs, &settings)?);
    let gaming = |held_out: bool| {
        figures::gaming(cases.iter().filter(|(h, _)| *h == held_out).map(|(_, c)| c))
    };

    let (artifacts, artifact_examples) = artifacts::artifact_figures(grader, &set.artifact_pairs)?;
    Ok(CalibrationReport {
        tuning: standard(&|g| !g.held_out),
        held_out: standard(&|g| g.held_out),
        all: standard(&|_| true),
        slices,
        whole: split(None),
        traps: (traps(false), traps(true)),
        gaming: (gaming(false), gaming(true)),
        labels: derive::label_edits(grader, &set.pairs, &settings, &graded)?,
        examples: example_figures(grader)?,
        artifacts,
        artifact_examples,
    })
}

/// Grades a model answer the way a candidate's answer to its bank question is graded: the
/// question's text, company and principles, the example's role and round kind. One place, so
/// `debrief examples` and `debrief calibrate` always show the same score for it.
pub fn grade_example(
    grader: &Grader,
    example: &debrief_pack::Example,
) -> Result<crate::Report, GradeError> {
    let catalog = grader.catalog();
    let question = catalog.question(&example.question);
    grader.grade(&GradeRequest {
        answer: example.answer.clone(),
        role: Role::parse(&example.role),
        round: Some(catalog.round_kind(&example.round)?.kind_id()),
        question: question.map(|q| q.text.clone()),
        company: question.and_then(|q| q.company.clone()),
        principles: question.map(|q| q.principles.clone()).unwrap_or_default(),
        ..Default::default()
    })
}

/// Grades the pack's model answers against their questions and compares them with their labels.
fn example_figures(grader: &Grader) -> Result<ExampleFigures, CalibrationError> {
    let mut graded: Vec<(&debrief_pack::Example, u32, Rating)> = Vec::new();
    for e in grader.catalog().examples() {
        let report = grade_example(grader, e).map_err(|error| CalibrationError {
            id: e.id.clone(),
            error: error.into(),
        })?;
        graded.push((e, report.score, report.rating));
    }
    let (mut pairs, mut ranked_right) = (0, 0);
    for (weak, weak_score, _) in graded.iter().filter(|(e, _, _)| !e.is_strong()) {
        for (_, strong_score, _) in graded
            .iter()
            .filter(|(e, _, _)| e.is_strong() && e.round == weak.round && e.role == weak.role)
        {
            pairs += 1;
            ranked_right += usize::from(strong_score > weak_score);
        }
    }
    let disagreements: Vec<(String, u32)> = graded
        .iter()
        .filter(|(e, _, rating)| e.is_strong() != (*rating >= Rating::Hire))
        .map(|(e, score, _)| (e.id.clone(), *score))
        .collect();
    let answers = graded.len();
    let rate = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    Ok(ExampleFigures {
        answers,
        pairs,
        ranked_right,
        ranked_rate: rate(ranked_right, pairs),
        label_agrees: answers - disagreements.len(),
        label_rate: rate(answers - disagreements.len(), answers),
        disagreements,
    })
}
