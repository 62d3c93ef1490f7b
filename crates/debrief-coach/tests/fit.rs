//! The fit diagnostic over the built-in pack: the items' shape, the advice, and assessments of
//! PM-leaning, PMM-leaning, mixed and contradicting candidates.

use std::sync::OnceLock;

use debrief_grader::Grader;

use debrief_coach::{FitAnswers, FitError, WinClass, assess};
use debrief_content::{ContentError, SourceFile, built_in_files, load_layers};
use debrief_pack::{Catalog, FitOutcome};

fn grader() -> &'static Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| {
        let catalog = debrief_content::load(None).unwrap_or_else(|e| panic!("{e}"));
        Grader::new(std::sync::Arc::new(catalog))
    })
}

fn catalog() -> &'static Catalog {
    grader().catalog()
}

const PM_WINS: [&str; 3] = [
    "Checkout conversion on Android dropped 15% after a redesign. I pulled the funnel by device, \
     found the new address form failed validation for 8% of users, and decided to roll it back \
     instead of patching it. I ran an A/B test against the old form and conversion recovered \
     from 31% to 36% in six weeks.",
    "Our search results page had a p95 latency of four seconds. I wrote the spec for a cache in \
     front of the ranking service, cut two features from the first version to ship it in one \
     sprint, and latency fell to 900 ms while searches per session rose 12%.",
    "I rebuilt the roadmap around one metric, weekly active teams, ranked the backlog by impact \
     and effort, and deferred three requests from sales. The two features we shipped moved \
     weekly active teams from 4,100 to 5,300 in a quarter.",
];

const PMM_WINS: [&str; 3] = [
    "Our invoicing add-on had sign-ups but little use. I interviewed churned trial accounts, \
     rewrote the positioning and the messaging ladder around one promise, and removed a claim \
     the product could not keep. Activation rose from 18% to 29% against a holdout.",
    "For the Q3 launch I wrote the launch plan, the battlecard and the sales enablement deck, \
     trained 120 reps on the talk track, and narrowed the campaign to mid-market finance \
     teams. Win rate against our main competitor rose eight points.",
    "Analysts described us as a reporting tool. I repositioned the product as a planning \
     platform with a new narrative, a press release and a webinar series for our persona, and \
     within two quarters three analyst reports used our category name.",
];

/// The option with the highest (PM) or lowest (PMM) lean of every item.
fn extreme(pm: bool) -> Vec<(String, String)> {
    catalog()
        .fit_items()
        .iter()
        .map(|item| {
            let option = if pm {
                item.options.iter().max_by_key(|o| o.lean)
            } else {
                item.options.iter().min_by_key(|o| o.lean)
            };
            let option = option.unwrap_or_else(|| panic!("{} has options", item.id));
            (item.id.clone(), option.id.clone())
        })
        .collect()
}

/// Alternates the PM and PMM extremes item by item.
fn mixed() -> Vec<(String, String)> {
    extreme(true)
        .into_iter()
        .zip(extreme(false))
        .enumerate()
        .map(|(i, (pm, pmm))| if i % 2 == 0 { pm } else { pmm })
        .collect()
}

fn answers(choices: Vec<(String, String)>, wins: &[&str]) -> FitAnswers {
    FitAnswers {
        choices,
        wins: wins.iter().map(|w| (*w).to_owned()).collect(),
        practice: Vec::new(),
    }
}

#[test]
fn the_built_in_items_are_many_and_every_one_leans_both_ways() {
    let items = catalog().fit_items();
    assert!(items.len() >= 24, "{} items", items.len());
    for item in items {
        assert!(
            item.options.iter().any(|o| o.lean > 0) && item.options.iter().any(|o| o.lean < 0),
            "{} should have options leaning both ways",
            item.id
        );
    }
    let neutral = items
        .iter()
        .flat_map(|i| &i.options)
        .filter(|o| o.lean == 0)
        .count();
    assert!(neutral >= 3, "{neutral} neutral options");
    for outcome in [FitOutcome::Pm, FitOutcome::Pmm, FitOutcome::Unclear] {
        let advice = catalog().fit_advice(outcome);
        assert!(
            advice.is_some_and(|a| a.text.len() >= 3),
            "advice for {outcome}"
        );
    }
}

#[test]
fn the_sample_wins_classify_as_their_role() {
    let r = assess(grader(), &answers(Vec::new(), &PM_WINS)).expect("ok");
    for w in &r.wins {
        assert_eq!(w.class, WinClass::SystemChange, "{w:#?}");
        assert!(!w.pm_words.is_empty());
    }
    let r = assess(grader(), &answers(Vec::new(), &PMM_WINS)).expect("ok");
    for w in &r.wins {
        assert_eq!(w.class, WinClass::MessagingShift, "{w:#?}");
        assert!(!w.pmm_words.is_empty());
    }
}

#[test]
fn a_pm_candidate_gets_pm_with_more_confidence_than_a_mixed_one() {
    let pm = assess(grader(), &answers(extreme(true), &PM_WINS)).expect("ok");
    assert_eq!(pm.recommendation, FitOutcome::Pm);
    assert!(pm.confidence >= 0.7, "{}", pm.confidence);
    assert_eq!(pm.items.len(), catalog().fit_items().len());
    assert!(pm.notes.is_empty(), "{:?}", pm.notes);
    assert_eq!(
        pm.next_steps,
        catalog()
            .fit_advice(FitOutcome::Pm)
            .map(|a| a.text.clone())
            .unwrap_or_default()
    );

    let wins = [PM_WINS[0], PMM_WINS[0], PMM_WINS[1]];
    let mixed = assess(grader(), &answers(mixed(), &wins)).expect("ok");
    assert!(
        pm.confidence > mixed.confidence,
        "{} vs {}",
        pm.confidence,
        mixed.confidence
    );
}

#[test]
fn a_pmm_candidate_gets_pmm() {
    let pmm = assess(grader(), &answers(extreme(false), &PMM_WINS)).expect("ok");
    assert_eq!(pmm.recommendation, FitOutcome::Pmm);
    assert!(pmm.confidence >= 0.7, "{}", pmm.confidence);
    assert!(pmm.lean < 0.0);
}

#[test]
fn contradicting_sources_lower_confidence() {
    let agree = assess(grader(), &answers(extreme(true), &PM_WINS)).expect("ok");
    let clash = assess(grader(), &answers(extreme(true), &PMM_WINS)).expect("ok");
    assert!(
        clash.confidence < agree.confidence,
        "{} vs {}",
        clash.confidence,
        agree.confidence
    );
    assert!(!clash.notes.is_empty());
    let mut with_practice = answers(extreme(true), &PM_WINS);
    with_practice.practice = PMM_WINS.iter().map(|w| (*w).to_owned()).collect();
    let practice_clash = assess(grader(), &with_practice).expect("ok");
    assert!(practice_clash.confidence < agree.confidence);
}

#[test]
fn unknown_ids_are_errors_that_list_the_valid_ones() {
    let choices = vec![("no-such-item".to_owned(), "x".to_owned())];
    let err = assess(grader(), &answers(choices, &[])).expect_err("unknown item");
    assert!(matches!(err, FitError::UnknownItem { .. }));
    assert!(err.to_string().contains("underperforming-feature"), "{err}");
    let choices = vec![("underperforming-feature".to_owned(), "funel".to_owned())];
    let err = assess(grader(), &answers(choices, &[])).expect_err("unknown option");
    assert_eq!(
        err.to_string(),
        "unknown option `funel` for fit item `underperforming-feature` (did you mean `funnel`?); \
         valid options: funnel, promise, tracking, field, ask-owner"
    );
}

#[test]
fn a_few_items_and_no_wins_give_a_low_confidence_result_that_says_what_to_add() {
    let few: Vec<(String, String)> = extreme(true).into_iter().take(4).collect();
    let r = assess(grader(), &answers(few, &[])).expect("ok");
    assert!(r.confidence <= 0.3, "{}", r.confidence);
    assert!(r.to_add[0].contains("6 more items"), "{:?}", r.to_add);
    assert!(r.to_add.iter().any(|t| t.contains("biggest wins")));
}

#[test]
fn json_in_and_out_is_stable() {
    let json = serde_json::json!({
        "choices": { "ambiguity": "draft-story", "underperforming-feature": "funnel" },
        "wins": [PM_WINS[0]],
        "practice": [PMM_WINS[2]],
    });
    let input: FitAnswers = serde_json::from_value(json).expect("answers parse");
    let one = serde_json::to_string(&assess(grader(), &input).expect("ok")).expect("json");
    let two = serde_json::to_string(&assess(grader(), &input).expect("ok")).expect("json");
    assert_eq!(one, two);
    let back: debrief_coach::FitResult = serde_json::from_str(&one).expect("round trip");
    assert_eq!(serde_json::to_string(&back).expect("json"), one);
}

fn overlay(text: &str) -> Vec<SourceFile> {
    vec![SourceFile {
        path: "user/fit.toml".into(),
        text: text.to_owned().into(),
    }]
}

#[test]
fn a_user_pack_replaces_items_and_advice_by_id() {
    let catalog = load_layers(
        &built_in_files(),
        &overlay(
            r#"
[[fit_item]]
id = "ambiguity"
prompt = "Replaced?"

[[fit_item.option]]
id = "yes"
text = "Yes."
lean = 1
why = "PM."

[[fit_item.option]]
id = "no"
text = "No."
lean = -1
why = "PMM."

[[fit_advice]]
outcome = "pm"
summary = "Mine."
text = ["Do this."]
"#,
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let builtin = crate::catalog().fit_items().len();
    assert_eq!(catalog.fit_items().len(), builtin);
    let item = catalog
        .fit_items()
        .iter()
        .find(|i| i.id == "ambiguity")
        .expect("kept");
    assert_eq!(item.prompt, "Replaced?");
    assert_eq!(item.origin.file, "user/fit.toml");
    assert_eq!(item.options[1].origin.line, 12);
    assert_eq!(
        catalog
            .fit_advice(FitOutcome::Pm)
            .map(|a| a.summary.as_str()),
        Some("Mine.")
    );
}

#[test]
fn bad_fit_content_is_reported_with_file_line_and_field() {
    let err = load_layers(
        &built_in_files(),
        &overlay(
            r#"
[[fit_item]]
id = "new-item"
prompt = "Which?"

[[fit_item.option]]
id = "a"
text = "A."
lean = 3
why = "Too far."

[[fit_item.option]]
id = "a"
text = "A again."
lean = -1
why = ""

[[fit_item]]
id = "lonely"
prompt = "Only one option?"

[[fit_item.option]]
id = "only"
text = "Only."
lean = 0
why = "Neutral."

[[fit_advice]]
outcome = "maybe"
summary = "?"
text = []
"#,
        ),
    )
    .expect_err("invalid");
    let ContentError::Invalid(diagnostics) = err else {
        panic!("unexpected error: {err}")
    };
    let found: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    let expect = [
        "user/fit.toml:9: field `lean`: 3 is not in -2..2",
        "user/fit.toml:13: field `id`: duplicate fit option id `a`; first defined at user/fit.toml:6",
        "user/fit.toml:16: field `why`: is empty or missing",
        "user/fit.toml:18: field `option`: has 1 options; an item needs at least 2",
        "user/fit.toml:29: field `outcome`: unknown fit outcome `maybe`",
        "user/fit.toml:31: field `text`: is empty or missing",
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for (f, e) in found.iter().zip(expect) {
        assert!(f.starts_with(e), "{f} should start with {e}");
    }
}
