//! The question bank as a whole: no two questions asked of the same role say the same thing.

use std::collections::BTreeSet;

use debrief_pack::search::content_stems;

/// Two questions asked of a common role whose content words (stemmed, stop words dropped)
/// overlap this much or more ask the same thing in other words. Mirror questions for the two
/// roles ("Why PM rather than PMM?" and the reverse) share every word but are asked of
/// different candidates, so only questions sharing a role are compared.
const NEAR_DUPLICATE: f64 = 0.6;

/// Word overlap of two stem sets: shared over all (Jaccard).
fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let all = a.union(b).count();
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

#[test]
fn no_two_questions_for_one_role_say_the_same_thing() {
    let catalog = crate::load(None).expect("built-in pack");
    let questions: Vec<(&debrief_pack::Question, BTreeSet<String>)> = catalog
        .questions()
        .iter()
        .map(|q| (q, content_stems(&q.text)))
        .collect();
    let mut pairs = Vec::new();
    for (i, (a, sa)) in questions.iter().enumerate() {
        for (b, sb) in &questions[i + 1..] {
            if !a.roles.iter().any(|r| b.roles.contains(r)) {
                continue;
            }
            let o = overlap(sa, sb);
            if o >= NEAR_DUPLICATE {
                pairs.push(format!(
                    "{:.2} {} ~ {}: {:?} / {:?}",
                    o, a.id, b.id, a.text, b.text
                ));
            }
        }
    }
    assert!(
        pairs.is_empty(),
        "near-duplicate questions:\n{}",
        pairs.join("\n")
    );
}

#[test]
fn the_overlap_measure_catches_a_reworded_question_and_passes_a_different_one() {
    let stems = |t: &str| content_stems(t);
    let a = stems(
        "Design a product that helps first-time home buyers understand what they can afford.",
    );
    let reworded =
        stems("Design a product helping first-time home buyers understand what they could afford.");
    let other =
        stems("Design a feature for a grocery app that reduces the substitutions customers hate.");
    assert!(overlap(&a, &reworded) >= NEAR_DUPLICATE);
    assert!(overlap(&a, &other) < NEAR_DUPLICATE);
    assert_eq!(overlap(&BTreeSet::new(), &BTreeSet::new()), 0.0);
}

#[test]
fn every_round_kind_and_role_a_loop_uses_has_three_strong_model_answers_and_a_weak_one() {
    let catalog = crate::load(None).expect("built-in pack");
    let mut used: BTreeSet<(&str, &str)> = BTreeSet::new();
    for lp in catalog.loops() {
        for r in &lp.rounds {
            used.insert((r.kind.as_str(), lp.role.as_str()));
        }
    }
    assert!(used.len() >= 10, "{used:?}");
    for (round, role) in used {
        let of = |label: &str| {
            catalog
                .examples()
                .iter()
                .filter(|e| e.round == round && e.role == role && e.label == label)
                .count()
        };
        assert!(of("strong") >= 3, "{round} {role}: {} strong", of("strong"));
        assert!(of("weak") >= 1, "{round} {role}: no weak answer");
    }
    // Each example answers its own question: no question is the model for two of a kind.
    let mut seen = BTreeSet::new();
    for e in catalog.examples() {
        assert!(
            seen.insert((&e.role, &e.question)),
            "{} repeats {}",
            e.id,
            e.question
        );
    }
}

/// One case of `search_ranking.toml`.
#[derive(serde::Deserialize)]
struct RankingCase {
    query: String,
    top: usize,
    at_least: usize,
    #[serde(default)]
    round: Option<String>,
    #[serde(default)]
    words: Vec<String>,
}

#[derive(serde::Deserialize)]
struct RankingSet {
    case: Vec<RankingCase>,
}

#[test]
fn search_ranks_what_candidates_mean() {
    let catalog = crate::load(None).expect("built-in pack");
    let set: RankingSet =
        toml::from_str(include_str!("search_ranking.toml")).expect("the ranking set parses");
    let mut failed = Vec::new();
    for c in &set.case {
        let hits = catalog.find_questions(&debrief_pack::QuestionQuery {
            search: Some(c.query.clone()),
            ..Default::default()
        });
        let counts = |q: &debrief_pack::Question| {
            let text = format!("{} ", q.text.to_lowercase());
            c.round.as_deref().is_none_or(|r| q.round == r)
                && (c.words.is_empty() || c.words.iter().any(|w| text.contains(w.as_str())))
        };
        let good = hits
            .iter()
            .take(c.top)
            .filter(|h| counts(h.question))
            .count();
        if good < c.at_least {
            let top: Vec<&str> = hits
                .iter()
                .take(c.top)
                .map(|h| h.question.id.as_str())
                .collect();
            failed.push(format!(
                "{:?}: {good} of the top {} ({top:?})",
                c.query, c.top
            ));
        }
    }
    println!(
        "search ranking: {} of {} cases",
        set.case.len() - failed.len(),
        set.case.len()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
