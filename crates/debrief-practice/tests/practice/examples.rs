//! Model answers graded against their questions: what `debrief examples` and the Examples page
//! show.

use debrief_grader::Grader;
use debrief_practice::{PracticeError, graded_examples};

fn grader() -> Grader {
    let catalog = debrief_content::load(None).expect("built-in pack");
    Grader::new(std::sync::Arc::new(catalog))
}

#[test]
fn each_strong_model_answer_outranks_the_weak_one_of_its_round_kind_and_role() {
    let grader = grader();
    let all = graded_examples(&grader, None, None).expect("graded");
    assert_eq!(all.len(), grader.catalog().examples().len());
    let mut pairs = 0;
    for weak in all.iter().filter(|e| e.label == "weak") {
        for strong in all
            .iter()
            .filter(|e| e.label == "strong" && e.round == weak.round && e.role == weak.role)
        {
            pairs += 1;
            assert!(
                strong.score > weak.score,
                "{} ({}) does not outrank {} ({})",
                strong.id,
                strong.score,
                weak.id,
                weak.score
            );
        }
    }
    assert!(pairs >= 48, "{pairs} pairs");
    // Where the rating contradicts the label, the example says so rather than hiding it.
    for e in &all {
        let hire = e.report.rating >= debrief_pack::Rating::Hire;
        assert_eq!(
            e.grader_disagrees,
            (e.label == "strong") != hire,
            "{}",
            e.id
        );
    }
}

#[test]
fn the_filters_are_checked_and_strong_answers_come_first() {
    let grader = grader();
    let pmm = graded_examples(&grader, Some("PMM"), Some("gtm-case")).expect("graded");
    assert!(pmm.len() >= 4);
    assert!(pmm.iter().all(|e| e.role == "pmm" && e.round == "gtm-case"));
    assert_eq!(pmm.first().map(|e| e.label), Some("strong"));
    assert_eq!(pmm.last().map(|e| e.label), Some("weak"));
    let wrong = graded_examples(&grader, None, Some("gtm-cse")).expect_err("a typo");
    assert!(matches!(wrong, PracticeError::Lookup(_)));
    assert!(wrong.to_string().contains("gtm-case"), "{wrong}");
}
