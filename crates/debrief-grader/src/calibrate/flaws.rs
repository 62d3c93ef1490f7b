//! Fitting the learned word weights ([`crate::flaws`]) on the tuning part: per category read by
//! a `flaw-likeness` rule, a logistic regression over words and word pairs that tells the weak
//! answers labelled with the category from every other answer of the tuning part (strong ones,
//! and weak ones showing other flaws).
//!
//! Only tuning pairs are read; the held-out part stays an honest measure. Plain batch gradient
//! descent from zero, features in sorted order and folds by pair order: the same set gives the
//! same weights every time. The threshold is set on answers each fold's model did not see, so
//! it holds for answers the final model has not seen either.

use std::collections::{BTreeMap, BTreeSet};

use debrief_pack::{FlawModel, FlawWeights};
use debrief_text::{Assertion, Text};

use super::CalibrationSet;
use crate::Grader;
use crate::score::round_to;

/// A feature must occur in this many training answers to be weighed: rarer ones name one
/// story's product, not a way of answering.
const MIN_ANSWERS: usize = 3;
/// Gradient steps; the step sizes below make the loss settle well within them.
const STEPS: usize = 300;
/// Step size of the feature weights (features are 0 or 1).
const RATE: f64 = 5.0;
/// Step size of the bias.
const BIAS_RATE: f64 = 0.5;
/// L2 penalty, per answer: keeps a word seen in a handful of answers from taking over.
const L2: f64 = 1.0;
/// Features kept per category, heaviest first. Chosen 2026-12-06 on the tuning part only,
/// fitting without each of the seven newest batches in turn and reading the batch left out
/// (before [`TRAP_WEIGHT`] was added): 300 features caught 57 of its 115 labelled flaws, 1,000
/// caught 63, 3,000 caught 70; past 1,000 the table costs `debrief grade` more start-up than
/// its 25 ms budget leaves.
const KEEP: usize = 1000;
/// Folds the threshold is set over.
const FOLDS: usize = 5;
/// The share of answers without the flaw, unseen by their fold's model, allowed past the
/// threshold. Chosen 2026-12-06 the same way as [`KEEP`]: at 1% the left-out batches had 53 of
/// 115 flaws caught, a wrong category on 3 of 114 weak answers and on no strong one; at 3%, 63
/// caught, 6 wrong, no strong one; at 5%, 70 caught, 13 wrong and 2 strong answers flagged.
const FALSE_SHARE: f64 = 0.03;

/// How much more a trap's strong answer counts against the categories it must not raise
/// than any other answer without the flaw. Traps talk about a flaw in order to avoid it
/// (quote the claim they correct, name the cause they ruled out), so their words are the
/// flaw's words; they are the few answers that teach the fit the difference. At weight 1 the
/// fit raised a category on two more tuning traps than the recorded floor allows; on the
/// batches left out, weight 4 flagged no strong answer where 1 and 2 flagged one and two, and
/// caught fewer flaws (54 of 115 against 63 and 75).
const TRAP_WEIGHT: f64 = 4.0;

/// One answer as the fit reads it: its features, the categories it shows, and those it must
/// not raise (a trap's strong answer).
struct Answer {
    pair: usize,
    features: Vec<String>,
    categories: Vec<String>,
    must_not: Vec<String>,
}

/// The categories the grader's `flaw-likeness` rules read, and the fewest words of its own
/// an answer needs for any of them to read it (their least `min_words`).
pub fn flaw_rules(grader: &Grader) -> (BTreeSet<String>, usize) {
    let rules = grader
        .catalog()
        .pack()
        .rules
        .iter()
        .filter(|r| r.metric.as_deref() == Some("flaw-likeness"));
    let categories = rules.clone().map(|r| r.category.clone()).collect();
    let least = rules.filter_map(|r| r.min_words).min().unwrap_or(0) as usize;
    (categories, least)
}

/// Each tuning answer the fit reads (long enough for the rules, in words of its own), with
/// its pair's index among the tuning pairs, whether it is the weak one, and its text and
/// unused words ([`crate::flaws::unused`]).
fn tuning_answers<'s>(
    grader: &Grader,
    set: &'s CalibrationSet,
    least: usize,
) -> impl Iterator<Item = (usize, bool, Text<'s>, Vec<bool>)> {
    let scope = &grader.compiled().scope_words;
    set.pairs
        .iter()
        .filter(|p| !p.held_out)
        .enumerate()
        .flat_map(|(i, p)| [(i, false, &p.strong), (i, true, &p.weak)])
        .filter_map(move |(i, weak, answer)| {
            let text = Text::new(answer);
            let unused = crate::flaws::unused(&text, &Assertion::new(&text, scope));
            (crate::flaws::own_words(&unused) >= least).then_some((i, weak, text, unused))
        })
}

/// How many tuning answers the fit reads: what a model's `fitted_on` must name for it to be
/// the current tuning part's.
pub fn fit_answer_count(grader: &Grader, set: &CalibrationSet) -> usize {
    let (_, least) = flaw_rules(grader);
    tuning_answers(grader, set, least).count()
}

/// Fits weights for every category a `flaw-likeness` rule of the grader reads, on the tuning
/// pairs' answers at least as long as those rules' `min_words` (words of their own: labels
/// and quotations not counted, as the rules count them).
pub fn fit_flaws(grader: &Grader, set: &CalibrationSet) -> FlawModel {
    let (categories, min_words) = flaw_rules(grader);
    let tuning: Vec<_> = set.pairs.iter().filter(|p| !p.held_out).collect();
    let answers: Vec<Answer> = tuning_answers(grader, set, min_words)
        .map(|(i, weak, text, unused)| {
            let pair = tuning[i];
            let mut features: Vec<String> =
                crate::flaws::features(&text, &unused).into_keys().collect();
            features.sort_unstable();
            let (categories, must_not) = if weak {
                (pair.weak_categories.clone(), Vec::new())
            } else {
                (Vec::new(), pair.must_not_flag.clone())
            };
            Answer {
                pair: i,
                features,
                categories,
                must_not,
            }
        })
        .collect();
    let fitted = categories
        .iter()
        .map(|category| fit_category(&answers, category))
        .collect();
    FlawModel {
        fitted_on: format!(
            "{} tuning answers of at least {min_words} words; the held-out part was not used",
            answers.len()
        ),
        categories: fitted,
        origin: Default::default(),
    }
}

/// One category's weights, with its threshold set out of fold.
fn fit_category(answers: &[Answer], category: &str) -> FlawWeights {
    let shows = |a: &Answer| a.categories.iter().any(|c| c == category);
    let mut unseen: Vec<f64> = Vec::new();
    for fold in 0..FOLDS {
        let (train, test): (Vec<&Answer>, Vec<&Answer>) =
            answers.iter().partition(|a| a.pair % FOLDS != fold);
        let (weights, bias) = logistic(&train, category);
        unseen.extend(
            test.iter()
                .filter(|a| !shows(a))
                .map(|a| score(&weights, bias, a)),
        );
    }
    unseen.sort_by(|a, b| b.total_cmp(a));
    let past = (unseen.len() as f64 * FALSE_SHARE).floor() as usize;
    let threshold = unseen.get(past).copied().unwrap_or(0.0);
    let all: Vec<&Answer> = answers.iter().collect();
    let (weights, bias) = logistic(&all, category);
    FlawWeights {
        category: category.to_owned(),
        bias: round_to(bias, 3),
        threshold: round_to(threshold, 3),
        weights: weights
            .into_iter()
            .map(|(f, w)| (f, round_to(w, 3)))
            .filter(|(_, w)| *w != 0.0)
            .map(|(f, w)| format!("{f} {w}\n"))
            .collect(),
    }
}

/// An answer's log-odds under `weights`.
fn score(weights: &BTreeMap<String, f64>, bias: f64, answer: &Answer) -> f64 {
    bias + answer
        .features
        .iter()
        .filter_map(|f| weights.get(f))
        .sum::<f64>()
}

/// Weighted logistic regression over binary features telling answers that show `category`
/// from the rest (positives weighed up to balance the classes, traps that must not raise it
/// by [`TRAP_WEIGHT`]), the heaviest [`KEEP`] weights kept.
fn logistic(answers: &[&Answer], category: &str) -> (BTreeMap<String, f64>, f64) {
    let shows = |a: &Answer| a.categories.iter().any(|c| c == category);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for a in answers {
        for f in &a.features {
            *seen.entry(f.as_str()).or_default() += 1;
        }
    }
    let vocabulary: Vec<&str> = seen
        .into_iter()
        .filter(|&(_, n)| n >= MIN_ANSWERS)
        .map(|(f, _)| f)
        .collect();
    let index: BTreeMap<&str, usize> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, &f)| (f, i))
        .collect();
    let rows: Vec<Vec<usize>> = answers
        .iter()
        .map(|a| {
            a.features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect()
        })
        .collect();
    let labels: Vec<f64> = answers
        .iter()
        .map(|a| f64::from(u8::from(shows(a))))
        .collect();
    let n = answers.len() as f64;
    let positives = labels.iter().sum::<f64>();
    let up = if positives > 0.0 {
        (n - positives) / positives
    } else {
        1.0
    };
    let weights: Vec<f64> = answers
        .iter()
        .zip(&labels)
        .map(|(a, &y)| {
            if y > 0.0 {
                up
            } else if a.must_not.iter().any(|c| c == category) {
                TRAP_WEIGHT
            } else {
                1.0
            }
        })
        .collect();
    let mut w = vec![0.0f64; vocabulary.len()];
    let mut b = 0.0f64;
    let mut grad = vec![0.0f64; vocabulary.len()];
    for _ in 0..STEPS {
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut grad_b = 0.0;
        for ((row, &y), &weight) in rows.iter().zip(&labels).zip(&weights) {
            let z = b + row.iter().map(|&j| w[j]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = (p - y) * weight;
            grad_b += g;
            for &j in row {
                grad[j] += g;
            }
        }
        for (wj, gj) in w.iter_mut().zip(&grad) {
            *wj -= RATE * (gj / n + L2 * *wj / n);
        }
        b -= BIAS_RATE * grad_b / n;
    }
    let mut order: Vec<usize> = (0..w.len()).collect();
    order.sort_by(|&a, &c| w[c].abs().total_cmp(&w[a].abs()).then(a.cmp(&c)));
    let kept = order
        .into_iter()
        .take(KEEP)
        .map(|j| (vocabulary[j].to_owned(), w[j]))
        .collect();
    (kept, b)
}

/// The model as the `[flaw_model]` table of a rules file.
pub fn to_toml(model: &FlawModel) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::from("[flaw_model]\n");
    out.push_str(&format!("fitted_on = {}\n", quote(&model.fitted_on)));
    for c in &model.categories {
        out.push_str("\n[[flaw_model.category]]\n");
        out.push_str(&format!("category = {}\n", quote(&c.category)));
        out.push_str(&format!("bias = {}\n", c.bias));
        out.push_str(&format!("threshold = {}\n", c.threshold));
        // A literal string: features hold no quotes to escape, and the lines stay readable.
        out.push_str(&format!("weights = '''\n{}'''\n", c.weights));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(pair: usize, text: &str, flawed: bool) -> Answer {
        let mut features: Vec<String> = crate::flaws::features(&Text::new(text), &[])
            .into_keys()
            .collect();
        features.sort_unstable();
        Answer {
            pair,
            features,
            categories: if flawed { vec!["x".into()] } else { Vec::new() },
            must_not: Vec::new(),
        }
    }

    #[test]
    fn logistic_weighs_the_words_only_flawed_answers_use() {
        let answers: Vec<Answer> = (0..40)
            .map(|i| {
                let flawed = i % 2 == 0;
                let text = if flawed {
                    format!("We grew after launch and launch caused it, item {i}.")
                } else {
                    format!("We grew after launch and a holdout showed it, item {i}.")
                };
                answer(i, &text, flawed)
            })
            .collect();
        let all: Vec<&Answer> = answers.iter().collect();
        let shows = |a: &Answer| !a.categories.is_empty();
        let (w, b) = logistic(&all, "x");
        // Words both kinds use weigh alike, whatever they weigh; the words only one kind
        // uses pull apart from them.
        let shared = w["grew"];
        assert!(w["caused"] > shared + 0.5, "{w:?}");
        assert!(w["holdout"] < shared - 0.5, "{w:?}");
        assert!((w["launch"] - shared).abs() < 1e-9, "{w:?}");
        // Every flawed answer reads above every sound one.
        let (flawed, sound): (Vec<&Answer>, Vec<&Answer>) = all.iter().partition(|a| shows(a));
        let lowest_flawed = flawed
            .iter()
            .map(|a| score(&w, b, a))
            .fold(f64::MAX, f64::min);
        let highest_sound = sound
            .iter()
            .map(|a| score(&w, b, a))
            .fold(f64::MIN, f64::max);
        assert!(lowest_flawed > highest_sound + 1.0);
    }

    #[test]
    fn the_threshold_lets_few_unflawed_answers_past() {
        let answers: Vec<Answer> = (0..60)
            .map(|i| {
                let flawed = i % 3 == 0;
                let text = if flawed {
                    format!("Sales rose, so the launch did it, case {i}.")
                } else {
                    format!("Sales rose against a matched group, case {i}.")
                };
                answer(i, &text, flawed)
            })
            .collect();
        let fitted = fit_category(&answers, "x");
        let w: BTreeMap<String, f64> = fitted
            .entries()
            .map(|e| e.map(|(f, w)| (f.to_owned(), w)))
            .collect::<Result<_, _>>()
            .expect("the fit writes valid lines");
        let unflawed_past = answers
            .iter()
            .filter(|a| a.categories.is_empty())
            .filter(|a| score(&w, fitted.bias, a) > fitted.threshold)
            .count();
        assert_eq!(unflawed_past, 0);
        let flawed_past = answers
            .iter()
            .filter(|a| !a.categories.is_empty())
            .filter(|a| score(&w, fitted.bias, a) > fitted.threshold)
            .count();
        assert_eq!(flawed_past, 20);
        let toml = to_toml(&FlawModel {
            fitted_on: "test".into(),
            categories: vec![fitted],
            origin: Default::default(),
        });
        assert!(
            toml.contains("[[flaw_model.category]]\ncategory = \"x\""),
            "{toml}"
        );
    }
}
