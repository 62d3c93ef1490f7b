//! Which rounds a mock runs (the full loop, a quick loop, one round), how many questions each
//! asks, and the mode it keeps.

use std::sync::OnceLock;

use debrief_coach::mock::{MockError, MockPlan, MockSpec, Mode, Scope, draw, quick_rounds};
use debrief_pack::Catalog;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| debrief_content::load(None).unwrap_or_else(|e| panic!("{e}")))
}

fn spec(company: &str, role: &str, level: &str, scope: Scope, mode: Mode) -> MockSpec {
    MockSpec {
        company: company.into(),
        role: role.into(),
        track: None,
        level: level.into(),
        seed: 11,
        scope,
        mode,
    }
}

fn drawn(company: &str, role: &str, level: &str, scope: Scope) -> MockPlan {
    draw(
        catalog(),
        &spec(company, role, level, scope, Mode::Interview),
        &[],
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn ids(plan: &MockPlan) -> Vec<&str> {
    plan.rounds.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn a_quick_loop_runs_the_elimination_points_then_the_heaviest_other_round_in_loop_order() {
    let quick = catalog().plan_settings().expect("[plan]").quick_rounds as usize;
    assert_eq!(quick, 3);
    let pmm = drawn("amazon", "pmm", "l5", Scope::Quick);
    // The phone screen and the Bar Raiser are where PMM candidates are cut; the third round
    // is the heaviest of a kind not yet chosen, and the order is the loop's.
    let got = ids(&pmm);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.contains(&"phone-screen") && got.contains(&"bar-raiser"));
    assert_eq!(got.last(), Some(&"bar-raiser"), "the loop's order: {got:?}");
    let third = pmm
        .rounds
        .iter()
        .find(|r| r.id != "phone-screen" && r.id != "bar-raiser")
        .expect("a third round");
    assert!(
        third.kind != "behavioral",
        "a kind not yet chosen: {}",
        third.kind
    );
    assert_eq!(pmm.scope, Scope::Quick);
    assert_eq!(pmm.mode, Mode::Interview);
    assert_eq!(pmm.rounds_in_loop(), 8);
    // Positions are the plan's, so answers place by them.
    for (i, r) in pmm.rounds.iter().enumerate() {
        assert_eq!(r.index, i);
    }
    // Every loop of the pack has a quick loop of at most four rounds that keeps its
    // elimination points.
    for lp in catalog().loops() {
        let picked = quick_rounds(lp, quick);
        assert!(
            !picked.is_empty() && picked.len() <= 4,
            "{}: {picked:?}",
            lp.id
        );
        assert!(picked.windows(2).all(|w| w[0] < w[1]), "{}", lp.id);
        for e in &lp.eliminations {
            let at = lp.rounds.iter().position(|r| r.id == e.round);
            assert!(
                at.is_some_and(|i| picked.contains(&i)),
                "{}: {} left out",
                lp.id,
                e.round
            );
        }
    }
}

#[test]
fn the_top_up_prefers_weight_and_a_new_kind_and_never_repeats_a_round() {
    let lp = catalog()
        .loops()
        .iter()
        .find(|l| l.id == "amazon-pm")
        .expect("amazon-pm");
    // More rounds than the loop has: every round once.
    let all = quick_rounds(lp, 99);
    assert_eq!(all, (0..lp.rounds.len()).collect::<Vec<_>>());
    // One round: the first elimination point the loop lists.
    let one = quick_rounds(lp, 1);
    assert_eq!(one.len(), 1);
    assert!(
        lp.rounds[one[0]].elimination.is_some(),
        "{}",
        lp.rounds[one[0]].id
    );
}

#[test]
fn one_round_runs_that_round_alone_and_a_wrong_id_says_which_exist() {
    let plan = drawn("amazon", "pmm", "l5", Scope::Round("GTM-case ".into()));
    assert_eq!(ids(&plan), ["gtm-case"]);
    assert_eq!(plan.rounds[0].index, 0);
    let err = draw(
        catalog(),
        &spec(
            "amazon",
            "pmm",
            "l5",
            Scope::Round("gtm-cse".into()),
            Mode::Practice,
        ),
        &[],
    )
    .expect_err("no such round");
    assert!(matches!(err, MockError::UnknownRound { .. }));
    let message = err.to_string();
    assert!(message.contains("did you mean `gtm-case`"), "{message}");
    assert!(message.contains("bar-raiser"), "{message}");
}

#[test]
fn a_round_asks_as_many_questions_as_its_minutes_hold() {
    let full = drawn("amazon", "pmm", "l5", Scope::Full);
    let count = |id: &str| {
        full.rounds
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.questions.len())
            .expect(id)
    };
    // A 30-minute screen asks several questions; a 60-minute behavioral interview about two
    // per principle its interviewer holds; an hour's case one, an hour's launch plan two.
    assert_eq!(count("recruiter-screen"), 3);
    assert_eq!(count("bar-raiser"), 4);
    assert_eq!(count("hiring-manager"), 4);
    assert_eq!(count("gtm-case"), 1);
    assert_eq!(count("launch-plan"), 2);
    assert_eq!(debrief_coach::mock::questions_for(5, 8), 1);
    assert_eq!(debrief_coach::mock::questions_for(60, 0), 60);
}

#[test]
fn plans_saved_before_scopes_read_back_as_full_practice_loops() {
    let plan = drawn("google", "pm", "l5", Scope::Full);
    let mut json: serde_json::Value = serde_json::to_value(&plan).expect("json");
    let object = json.as_object_mut().expect("object");
    object.remove("scope");
    object.remove("mode");
    object.remove("loop_rounds");
    let old: MockPlan = serde_json::from_value(json).expect("reads");
    assert_eq!(old.scope, Scope::Full);
    assert_eq!(old.mode, Mode::Practice);
    assert_eq!(old.rounds_in_loop(), plan.rounds.len());
    let back: MockPlan =
        serde_json::from_str(&serde_json::to_string(&plan).expect("json")).expect("reads");
    assert_eq!(back, plan);
}

#[test]
fn a_round_that_names_its_formats_asks_only_those() {
    // No built-in round names formats since the Amazon PMM loop folded its lightning
    // presentation into the launch-plan interview; a 10-minute presentation round of a pitch
    // kind, laid over that loop, is the case: it asks presentations, never a battlecard.
    let mut pack = catalog().pack().clone();
    let round = pack
        .loops
        .iter_mut()
        .find(|l| l.id == "amazon-pmm")
        .and_then(|l| l.rounds.iter_mut().find(|r| r.id == "launch-plan"))
        .expect("the round");
    round.kind = "pitch".into();
    round.minutes = 10;
    round.formats = vec!["presentation".into()];
    let with_formats = Catalog::new(pack).unwrap_or_else(|p| panic!("{p:#?}"));
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..150 {
        let plan = draw(
            &with_formats,
            &MockSpec {
                seed,
                ..spec(
                    "amazon",
                    "pmm",
                    "l5",
                    Scope::Round("launch-plan".into()),
                    Mode::Practice,
                )
            },
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        for q in &plan.rounds[0].questions {
            let bank = with_formats.question(&q.id).expect("in the bank");
            assert_eq!(
                bank.format.as_deref(),
                Some("presentation"),
                "{}: {}",
                q.id,
                q.text
            );
            seen.insert(q.id.clone());
        }
    }
    // Variety remains: several presentations are drawn across seeds.
    assert!(seen.len() >= 4, "{seen:?}");
}
