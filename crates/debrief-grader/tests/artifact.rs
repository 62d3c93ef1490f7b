//! The artifact checker on the built-in PR/FAQ: the strong example rates Hire or better, and
//! the same document turned weak (no internal FAQ, fluff, written as a plan) rates No hire or
//! worse with a finding for each.

use std::sync::Arc;

use debrief_grader::Grader;
use debrief_grader::artifact::ArtifactRequest;
use debrief_pack::Rating;

fn grader() -> Grader {
    Grader::new(Arc::new(
        debrief_content::load(None).expect("the built-in pack loads"),
    ))
}

#[test]
fn a_strong_prfaq_rates_hire_and_a_weak_one_no_hire_with_the_findings_that_say_why() {
    let grader = grader();
    let example = grader
        .catalog()
        .pack()
        .artifact_examples
        .iter()
        .find(|e| e.kind == "prfaq" && e.label == "strong")
        .expect("a strong PR/FAQ example")
        .clone();
    let prompt = grader
        .catalog()
        .pack()
        .artifacts
        .iter()
        .find(|k| k.id == "prfaq")
        .and_then(|k| k.prompts.iter().find(|p| p.id == example.prompt))
        .map(|p| p.text.clone());
    let check = |text: &str| {
        grader
            .check_artifact(&ArtifactRequest {
                kind: "prfaq".into(),
                text: text.into(),
                prompt: prompt.clone(),
            })
            .expect("checked")
    };
    let strong = check(&example.text);
    assert!(
        strong.rating >= Rating::Hire,
        "{} {:?}",
        strong.score,
        strong.findings
    );

    let cut = example
        .text
        .find("## Internal FAQ")
        .expect("an internal FAQ to remove");
    let weak = example.text[..cut]
        .replace(
            "now get",
            "will soon get a world-class, seamless way to get",
        )
        .replace("today made", "will make");
    let report = check(&weak);
    assert!(
        report.rating <= Rating::NoHire,
        "{} {:?}",
        report.score,
        report.findings
    );
    let fired = |check: &str, section: Option<&str>| {
        report
            .findings
            .iter()
            .any(|f| f.check == check && (section.is_none() || f.section.as_deref() == section))
    };
    assert!(
        fired("missing-section", Some("internal-faq")),
        "{:?}",
        report.findings
    );
    assert!(fired("fluff", None), "{:?}", report.findings);
    assert!(fired("not-launched", None), "{:?}", report.findings);
}
