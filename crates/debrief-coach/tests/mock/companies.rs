//! Loops outside Amazon: Google's hiring attributes and Meta's competencies are judged as
//! Amazon's Leadership Principles are, without a Bar Raiser's veto, and in their own words.

use super::*;

#[test]
fn outside_amazon_no_single_competency_vetoes() {
    let p = plan("google", "pmm", "l5", 42);
    assert_eq!(p.review.as_ref().map(|r| r.veto), Some(false));
    // Every answer aimed at General Cognitive Ability is fog; the rest are strong.
    let aimed = |r: usize, q: usize| {
        p.rounds[r].questions[q]
            .lps
            .iter()
            .any(|x| x.id == "general-cognitive-ability")
    };
    let mut answers: Vec<MockAnswer> = answer_all(&p, |_| Some(Quality::Strong))
        .into_iter()
        .filter(|a| !aimed(a.round_index, a.question_index))
        .collect();
    for (r, round) in p.rounds.iter().enumerate() {
        for q in 0..round.questions.len() {
            if aimed(r, q) {
                answers.push(answer(&p, r, q, FOG_SHORT, 30));
            }
        }
    }
    let d = debrief(catalog(), &p, &answers);
    assert!(d.review.veto.is_none());
    assert!(
        d.areas
            .iter()
            .any(|a| a.rating == Some(Rating::StrongNoHire))
    );
    assert_eq!(d.decision.hire, d.score >= d.bar);
    assert!(
        d.review.read.starts_with("The hiring committee reads"),
        "{}",
        d.review.read
    );
    // Meta's hiring committee reads the loop too, with no single member's veto.
    let meta = plan("meta", "pmm", "ic5", 42);
    assert_eq!(
        meta.review.as_ref().map(|r| (r.name.as_str(), r.veto)),
        Some(("Hiring committee", false))
    );
    let answers = answer_all(&meta, |_| Some(Quality::Strong));
    let d = debrief(catalog(), &meta, &answers);
    assert_eq!(d.review.name.as_deref(), Some("Hiring committee"));
    assert!(!d.review.veto_power);
    // A company the content gives no such step says so.
    let mut unreviewed = meta.clone();
    unreviewed.review = None;
    let d = debrief(catalog(), &unreviewed, &answers);
    assert!(d.review.name.is_none());
    assert!(
        d.review.about.contains("no Bar Raiser"),
        "{}",
        d.review.about
    );
}

#[test]
fn a_google_debrief_judges_googles_hiring_attributes_and_never_an_amazon_lp() {
    let p = plan("google", "pm", "l5", 11);
    let answers = answer_all(&p, |r| {
        Some(if r % 2 == 0 {
            Quality::Strong
        } else {
            Quality::Weak
        })
    });
    let d = debrief(catalog(), &p, &answers);
    assert_eq!(d.noun, "hiring attribute");
    let names: BTreeSet<&str> = d.areas.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains("Googleyness"), "{names:?}");
    // Each attribute is judged from the answers aimed at it.
    let g = d
        .areas
        .iter()
        .find(|a| a.id == "googleyness")
        .unwrap_or_else(|| panic!("googleyness row"));
    assert!(g.answers >= 1 && g.rating.is_some(), "{}", g.note);
    // What the debrief says in its own words never names an Amazon Leadership Principle.
    let amazon: Vec<&str> = catalog()
        .principles_of("amazon")
        .iter()
        .map(|x| x.name.as_str())
        .collect();
    let mut said: Vec<String> = vec![d.review.read.clone(), d.decision.summary.clone()];
    said.extend(d.areas.iter().map(|a| format!("{} {}", a.name, a.note)));
    said.extend(d.decision.reasons.iter().map(|r| r.text.clone()));
    said.extend(d.decision.fixes.iter().map(|f| f.problem.clone()));
    said.extend(d.decision.fixes.iter().map(|f| f.suggestion.clone()));
    for text in &said {
        for lp in &amazon {
            assert!(!text.contains(lp), "`{lp}` in: {text}");
        }
    }
    // The Markdown's table is headed in Google's word.
    let md = d.to_markdown();
    assert!(md.contains("## Hiring attributes"), "{md}");
    assert!(md.contains("| Hiring attribute | Weight |"), "{md}");
    assert!(!md.contains("Leadership Principle"), "{md}");
}
