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

/// The text of the pack's annotated example of `kind` labelled `label`.
fn example(grader: &Grader, kind: &str, label: &str) -> String {
    grader
        .catalog()
        .pack()
        .artifact_examples
        .iter()
        .find(|e| e.kind == kind && e.label == label)
        .expect("an example")
        .text
        .clone()
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

#[test]
fn a_written_exercise_is_also_read_as_a_story_and_each_reading_finding_is_on_the_writers_words() {
    let grader = grader();
    let pack = grader.catalog().pack();
    let kind = pack
        .artifacts
        .iter()
        .find(|k| k.id == "writing-exercise")
        .expect("the written exercise");
    let read_as = kind
        .read_as
        .as_ref()
        .expect("the written exercise is read as a story");
    let check = |text: &str| {
        grader
            .check_artifact(&ArtifactRequest {
                kind: "writing-exercise".into(),
                text: text.into(),
                prompt: Some(kind.prompts[0].text.clone()),
            })
            .expect("checked")
    };
    let strong = check(&example(&grader, "writing-exercise", "strong"));
    let weak = check(&example(&grader, "writing-exercise", "weak"));
    for report in [&strong, &weak] {
        let reading = report.read_as.as_ref().expect("a reading");
        assert_eq!(reading.round, read_as.round);
        assert!((reading.weight - read_as.weight).abs() < 1e-9);
    }
    assert!(strong.rating >= Rating::Hire, "{}", strong.score);
    assert!(weak.rating <= Rating::NoHire, "{}", weak.score);
    assert!(strong.read_as.as_ref().map(|r| r.score) > weak.read_as.as_ref().map(|r| r.score));

    // A story told in "we" with no decision and no number: the reading says so, on the words.
    let text = "Last spring our checkout team worked on slot selection. We aligned with \
                operations and engineering, and the team decided to add wider delivery windows. \
                It went really well and customers loved it, and leadership was very happy. The \
                whole team learned a lot about collaboration and I am proud of what we built.";
    let report = check(text);
    let answer: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.check == "as-answer")
        .collect();
    assert!(!answer.is_empty(), "{:?}", report.findings);
    for f in &answer {
        assert!(
            debrief_pack::Category::parse(&f.category).is_some(),
            "{}",
            f.category
        );
        assert_eq!(&text[f.start..f.end], f.quote);
        // A check already on the same words in the same category is not repeated.
        assert!(!report.findings.iter().any(|o| o.check != "as-answer"
            && o.category == f.category
            && o.start < f.end.max(f.start + 1)
            && f.start < o.end.max(o.start + 1)));
    }
    // Too short for the exercise, with no decision of the writer's own: No hire or worse.
    assert!(report.rating <= Rating::NoHire, "{}", report.score);
    assert!(report.findings.iter().any(|f| f.check == "under-budget"));
    assert!(report.findings.iter().any(|f| f.check == "missing-move"));
}

#[test]
fn a_narrative_that_ends_on_a_moral_loses_to_the_same_one_ending_on_a_changed_practice() {
    let grader = grader();
    let strong = example(&grader, "writing-exercise", "strong");
    let lessons = strong.find("## Lessons").expect("a lessons section");
    let moral = format!(
        "{}## Lessons\nThe biggest lesson for me was the importance of moving fast when the \
         data is clear. It taught me that a team that trusts each other can solve anything.\n",
        &strong[..lessons]
    );
    let check = |text: &str| {
        grader
            .check_artifact(&ArtifactRequest {
                kind: "writing-exercise".into(),
                text: text.into(),
                prompt: None,
            })
            .expect("checked")
    };
    let kept = check(&strong);
    let report = check(&moral);
    assert!(report.score < kept.score, "{} {}", report.score, kept.score);
    // The lessons section lacks its move, and the reading names the moral on its words.
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.check == "missing-move" && f.section.as_deref() == Some("lessons")),
        "{:?}",
        report.findings
    );
    let named = report
        .findings
        .iter()
        .find(|f| f.check == "as-answer" && f.category == "disguised-weakness")
        .expect("the moral is named");
    assert_eq!(&moral[named.start..named.end], "The biggest lesson");
    assert!(
        !kept
            .findings
            .iter()
            .any(|f| f.category == "disguised-weakness" || f.section.as_deref() == Some("lessons")),
        "{:?}",
        kept.findings
    );
}

#[test]
fn unlocking_a_car_is_a_fact_and_unlocking_new_revenue_is_fluff() {
    let grader = grader();
    let text = "Tenra today launched Courier Access for small landlords in Cardiff. The landlord's \
                app can unlock the car park gate for a courier at a set hour, and it will unlock \
                new revenue for every building that uses it.";
    let report = grader
        .check_artifact(&ArtifactRequest {
            kind: "prfaq".into(),
            text: text.into(),
            prompt: None,
        })
        .expect("checked");
    let fluff: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.check == "fluff")
        .map(|f| &text[f.start..f.end])
        .collect();
    assert_eq!(fluff, ["unlock new"], "{:?}", report.findings);
}

mod properties {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::*;

    fn shared() -> &'static Grader {
        static GRADER: OnceLock<Grader> = OnceLock::new();
        GRADER.get_or_init(grader)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Any pasted text, with the shapes headings take (Markdown, bold, labels, run-in
        /// sentences, capitals): checking never panics, every finding's span is in bounds, on
        /// char boundaries and quotes the text, and the same text gives the same report.
        #[test]
        fn any_document_checks_safely_and_deterministically(
            text in "(\\PC|[ \n.:#*?'’-]|\n## |\n\\*\\*|Dates\\. |Risks: |NOT FOR\n){0,300}",
            kind in prop_oneof![
                Just("prfaq"), Just("battlecard"), Just("launch-plan"), Just("writing-exercise"),
                Just("messaging-house"), Just("prd"), Just("gtm-one-pager"),
            ],
        ) {
            let request = ArtifactRequest { kind: kind.into(), text: text.clone(), prompt: None };
            let Ok(report) = shared().check_artifact(&request) else { return Ok(()) };
            let ok = |s: usize, e: usize| {
                s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
            };
            for f in &report.findings {
                prop_assert!(ok(f.start, f.end), "{f:?}");
                prop_assert_eq!(&text[f.start..f.end], f.quote.as_str());
            }
            for s in &report.sections {
                prop_assert!(s.start <= text.len() && s.end <= text.len());
            }
            prop_assert!(report.score <= 100);
            let again = shared().check_artifact(&request).expect("checked again");
            prop_assert_eq!(
                serde_json::to_string(&report).expect("json"),
                serde_json::to_string(&again).expect("json")
            );
        }
    }
}

/// FAQ headings named by who asks: the customers, by name in place of "they", or the
/// company's leaders, whose word "leader" must not make the heading a press release's quote.
#[test]
fn faq_headings_named_by_who_asks_find_their_sections() {
    let grader = grader();
    let kind = grader.catalog().artifact_kind("prfaq").expect("prfaq");
    for (heading, id) in [
        ("What customers ask", "customer-faq"),
        ("What growers asked", "customer-faq"),
        ("What our leaders asked", "internal-faq"),
        ("Questions from leadership", "internal-faq"),
        ("Leader quote", "press-release"),
    ] {
        let at = debrief_grader::artifact::split::section_of(kind, heading)
            .map(|i| kind.sections[i].id.as_str());
        assert_eq!(at, Some(id), "{heading}");
    }
}
