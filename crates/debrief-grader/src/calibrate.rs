//! Measuring the grader against answers whose quality we know.
//!
//! A calibration pair is a strong and a weak answer to one question for one role and round.
//! Three figures say whether the grader ranks answers the way a hiring committee would:
//! pairwise accuracy (strong beats its weak partner), AUC (a strong answer beats a weak one
//! drawn from anywhere in the set), and per category, recall (a weak answer labelled with a
//! category carries a finding of it) beside the false-alarm rate on strong answers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{GradeError, GradeRequest, Grader};
use debrief_pack::{Origin, Role};

/// A strong and a weak answer to the same question.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationPair {
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
    /// The strong answer.
    pub strong: String,
    /// The weak answer.
    pub weak: String,
    /// Categories the weak answer shows.
    #[serde(default)]
    pub weak_categories: Vec<String>,
    /// Whether the pair belongs to the held-out part (set by the loader from its folder).
    #[serde(skip)]
    pub held_out: bool,
    /// Where the entry came from.
    #[serde(skip)]
    pub origin: Origin,
}

/// Recall of one category over the weak answers labelled with it, and false alarms on strong
/// answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRecall {
    /// Weak answers labelled with the category.
    pub labelled: usize,
    /// Of those, how many carry a finding of the category.
    pub caught: usize,
    /// caught / labelled.
    pub recall: f64,
    /// Strong answers carrying a finding of the category.
    pub strong_flagged: usize,
}

/// A pair the grader got wrong: the weak answer scored at or above the strong one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// Pair id.
    pub id: String,
    /// Strong answer's score.
    pub strong: u32,
    /// Weak answer's score.
    pub weak: u32,
}

/// The figures for one part of the set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartFigures {
    /// Number of pairs.
    pub pairs: usize,
    /// Share of pairs where the strong answer scores above the weak one.
    pub pairwise_accuracy: f64,
    /// Probability that a strong answer outscores a weak one (ties count half).
    pub auc: f64,
    /// Mean score of strong answers.
    pub mean_strong: f64,
    /// Mean score of weak answers.
    pub mean_weak: f64,
    /// Share of strong answers rated hire or strong hire.
    pub strong_rated_hire: f64,
    /// Share of weak answers rated no hire or strong no hire.
    pub weak_rated_no_hire: f64,
    /// Per category.
    pub recall: BTreeMap<String, CategoryRecall>,
    /// Pairs ranked wrong.
    pub misses: Vec<Miss>,
}

/// Figures for the tuning part, the held-out part, and both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationReport {
    /// The part rule authors tune on.
    pub tuning: PartFigures,
    /// The part they do not.
    pub held_out: PartFigures,
    /// Everything.
    pub all: PartFigures,
}

/// Why a pair could not be graded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("calibration pair `{id}`: {error}")]
pub struct CalibrationError {
    /// The pair.
    pub id: String,
    /// What went wrong.
    pub error: GradeError,
}

struct Graded {
    held_out: bool,
    id: String,
    strong: (u32, bool, Vec<String>),
    weak: (u32, bool, Vec<String>),
    labels: Vec<String>,
}

/// Grades every pair and computes the figures.
pub fn calibrate(
    grader: &Grader,
    pairs: &[CalibrationPair],
) -> Result<CalibrationReport, CalibrationError> {
    let mut graded = Vec::with_capacity(pairs.len());
    for pair in pairs {
        let question = pair.question_text.clone().or_else(|| {
            pair.question
                .as_deref()
                .and_then(|id| grader.catalog().question(id))
                .map(|q| q.text.clone())
        });
        let round = grader
            .catalog()
            .round_kind(&pair.round)
            .map_err(|e| CalibrationError {
                id: pair.id.clone(),
                error: GradeError::Lookup(e),
            })?
            .kind_id();
        let grade = |answer: &str| -> Result<(u32, bool, Vec<String>), CalibrationError> {
            let request = GradeRequest {
                answer: answer.to_owned(),
                role: Role::parse(&pair.role),
                round: Some(round.clone()),
                question: question.clone(),
                company: pair.company.clone(),
                ..Default::default()
            };
            let report = grader.grade(&request).map_err(|error| CalibrationError {
                id: pair.id.clone(),
                error,
            })?;
            let hire = report.rating >= debrief_pack::Rating::Hire;
            let mut categories: Vec<String> = report
                .findings
                .iter()
                .map(|f| f.category.id().to_owned())
                .collect();
            categories.sort();
            categories.dedup();
            Ok((report.score, hire, categories))
        };
        graded.push(Graded {
            held_out: pair.held_out,
            id: pair.id.clone(),
            strong: grade(&pair.strong)?,
            weak: grade(&pair.weak)?,
            labels: pair.weak_categories.clone(),
        });
    }
    let part =
        |keep: &dyn Fn(&Graded) -> bool| figures(graded.iter().filter(|g| keep(g)).collect());
    Ok(CalibrationReport {
        tuning: part(&|g| !g.held_out),
        held_out: part(&|g| g.held_out),
        all: part(&|_| true),
    })
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn figures(graded: Vec<&Graded>) -> PartFigures {
    let n = graded.len();
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            round3(a as f64 / b as f64)
        }
    };
    let correct = graded.iter().filter(|g| g.strong.0 > g.weak.0).count();
    let mut wins = 0.0;
    for s in &graded {
        for w in &graded {
            wins += match s.strong.0.cmp(&w.weak.0) {
                std::cmp::Ordering::Greater => 1.0,
                std::cmp::Ordering::Equal => 0.5,
                std::cmp::Ordering::Less => 0.0,
            };
        }
    }
    let auc = if n == 0 {
        0.0
    } else {
        round3(wins / (n * n) as f64)
    };
    let mean = |f: &dyn Fn(&Graded) -> u32| {
        if n == 0 {
            0.0
        } else {
            round3(graded.iter().map(|g| f(g) as f64).sum::<f64>() / n as f64)
        }
    };
    let mut recall: BTreeMap<String, CategoryRecall> = BTreeMap::new();
    for g in &graded {
        for label in &g.labels {
            let r = recall.entry(label.clone()).or_insert(CategoryRecall {
                labelled: 0,
                caught: 0,
                recall: 0.0,
                strong_flagged: 0,
            });
            r.labelled += 1;
            if g.weak.2.contains(label) {
                r.caught += 1;
            }
        }
    }
    for (category, r) in &mut recall {
        r.recall = ratio(r.caught, r.labelled);
        r.strong_flagged = graded
            .iter()
            .filter(|g| g.strong.2.contains(category))
            .count();
    }
    PartFigures {
        pairs: n,
        pairwise_accuracy: ratio(correct, n),
        auc,
        mean_strong: mean(&|g| g.strong.0),
        mean_weak: mean(&|g| g.weak.0),
        strong_rated_hire: ratio(graded.iter().filter(|g| g.strong.1).count(), n),
        weak_rated_no_hire: ratio(graded.iter().filter(|g| !g.weak.1).count(), n),
        recall,
        misses: graded
            .iter()
            .filter(|g| g.strong.0 <= g.weak.0)
            .map(|g| Miss {
                id: g.id.clone(),
                strong: g.strong.0,
                weak: g.weak.0,
            })
            .collect(),
    }
}

/// The recorded floors the figures must stay at or above (`content/calibration/levels.toml`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationLevels {
    /// Floor for the tuning part's pairwise accuracy.
    pub pairwise_accuracy: f64,
    /// Floor for the tuning part's AUC.
    pub auc: f64,
    /// Floor for the held-out part's pairwise accuracy.
    pub held_out_pairwise_accuracy: f64,
    /// Floor for the held-out part's AUC.
    pub held_out_auc: f64,
    /// Floors for per-category recall over the whole set.
    #[serde(default)]
    pub recall: BTreeMap<String, f64>,
}

impl CalibrationLevels {
    /// Every figure below its floor, as a sentence; empty when all hold.
    pub fn shortfalls(&self, report: &CalibrationReport) -> Vec<String> {
        let mut out = Vec::new();
        let mut check = |what: &str, value: f64, floor: f64| {
            if value < floor {
                out.push(format!(
                    "{what} is {value:.3}, below the recorded {floor:.3}"
                ));
            }
        };
        check(
            "tuning pairwise accuracy",
            report.tuning.pairwise_accuracy,
            self.pairwise_accuracy,
        );
        check("tuning AUC", report.tuning.auc, self.auc);
        check(
            "held-out pairwise accuracy",
            report.held_out.pairwise_accuracy,
            self.held_out_pairwise_accuracy,
        );
        check("held-out AUC", report.held_out.auc, self.held_out_auc);
        for (category, floor) in &self.recall {
            let value = report.all.recall.get(category).map_or(0.0, |r| r.recall);
            check(&format!("recall of {category}"), value, *floor);
        }
        out
    }
}
