//! The figures computed from graded pairs and cases.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{GamingFigures, GamingMiss, Graded, TrapFigures};

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

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub(crate) fn figures(graded: Vec<&Graded>) -> PartFigures {
    let n = graded.len();
    let correct = graded
        .iter()
        .filter(|g| g.strong.score > g.weak.score)
        .count();
    let mut wins = 0.0;
    for s in &graded {
        for w in &graded {
            wins += match s.strong.score.cmp(&w.weak.score) {
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
            if g.weak.categories.contains(label) {
                r.caught += 1;
            }
        }
    }
    for (category, r) in &mut recall {
        r.recall = ratio(r.caught, r.labelled);
        r.strong_flagged = graded
            .iter()
            .filter(|g| g.strong.categories.contains(category))
            .count();
    }
    PartFigures {
        pairs: n,
        pairwise_accuracy: ratio(correct, n),
        auc,
        mean_strong: mean(&|g| g.strong.score),
        mean_weak: mean(&|g| g.weak.score),
        strong_rated_hire: ratio(graded.iter().filter(|g| g.strong.hire()).count(), n),
        weak_rated_no_hire: ratio(graded.iter().filter(|g| !g.weak.hire()).count(), n),
        recall,
        misses: graded
            .iter()
            .filter(|g| g.strong.score <= g.weak.score)
            .map(|g| Miss {
                id: g.id.clone(),
                strong: g.strong.score,
                weak: g.weak.score,
            })
            .collect(),
    }
}

/// `part / whole`, to three decimals; 0 for an empty whole.
pub(crate) fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round3(part as f64 / whole as f64)
    }
}

/// Trap pairs among `graded`: whose strong answer raised a category it must not.
pub(crate) fn traps<'a>(graded: impl Iterator<Item = &'a Graded>) -> TrapFigures {
    let mut pairs = 0;
    let mut flagged = Vec::new();
    for g in graded.filter(|g| !g.must_not_flag.is_empty()) {
        pairs += 1;
        let raised: Vec<String> = g
            .must_not_flag
            .iter()
            .filter(|c| g.strong.categories.contains(c))
            .cloned()
            .collect();
        if !raised.is_empty() {
            flagged.push((g.id.clone(), raised));
        }
    }
    let clean = pairs - flagged.len();
    TrapFigures {
        pairs,
        clean,
        clean_rate: ratio(clean, pairs),
        flagged,
    }
}

/// Gaming cases: how many rated no hire or worse.
pub(crate) fn gaming<'a>(cases: impl Iterator<Item = &'a GamingMiss>) -> GamingFigures {
    let mut by_kind: BTreeMap<_, (usize, usize)> = BTreeMap::new();
    let mut passed = Vec::new();
    let mut total = 0;
    for case in cases {
        total += 1;
        let entry = by_kind.entry(case.kind).or_default();
        entry.0 += 1;
        if case.rating >= debrief_pack::Rating::Hire {
            passed.push(case.clone());
        } else {
            entry.1 += 1;
        }
    }
    let rejected = total - passed.len();
    GamingFigures {
        cases: total,
        rejected,
        rejected_rate: ratio(rejected, total),
        by_kind,
        passed,
    }
}
