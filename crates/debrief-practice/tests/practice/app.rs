//! The application layer's own choices: the loop a candidate targets, the bank's coverage,
//! plans rebuilt as made, readiness, and typed ids.

use std::sync::Arc;

use debrief_coach::calendar::Date;
use debrief_coach::story::{Format, Story};
use debrief_grader::Grader;
use debrief_pack::Role;
use debrief_practice::{
    App, Chosen, Clock, MockFilter, PageRequest, PracticeError, ReadinessScope,
};
use debrief_store::{PlanId, Store, StoryId, UserId};
use jiff::tz::TimeZone;

/// 2026-11-16T12:00:00Z.
const T0: i64 = 1_794_830_400;

async fn app() -> (tempfile::TempDir, App, UserId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_default(dir.path()).await.expect("open store");
    let user = UserId::new(store.local_user().await.expect("local user").id);
    let catalog = debrief_content::load(None).expect("built-in pack");
    let grader = Arc::new(Grader::new(Arc::new(catalog)));
    let app = App::new(store, grader, Clock::fixed(T0, TimeZone::UTC));
    (dir, app, user)
}

fn story(title: &str, action: &str, lps: &[&str]) -> Story {
    Story {
        title: title.to_owned(),
        situation: "Checkout conversion on Android fell 15% after a redesign.".to_owned(),
        task: "I owned finding the cause within two weeks.".to_owned(),
        action: action.to_owned(),
        result: "Conversion recovered from 31% to 36% in six weeks.".to_owned(),
        lps: lps.iter().map(|l| (*l).to_owned()).collect(),
        role: Some(Role::Pm),
        ..Story::default()
    }
}

#[tokio::test]
async fn the_target_loop_is_the_newest_plan_else_the_newest_mock_else_the_defaults() {
    let (_dir, app, user) = app().await;
    let fresh = app.target_loop(user).await.expect("target");
    assert_eq!(fresh.from, Chosen::Default);
    assert_eq!(
        (fresh.company.as_str(), fresh.role, fresh.level.as_deref()),
        ("amazon", Role::Pm, Some("l5")),
        "the content marks Amazon, PM and L5 as defaults"
    );

    let spec = debrief_practice::mock::spec("google", "pmm", "l6", 3);
    debrief_practice::mock::start(
        app.store(),
        app.grader(),
        UserId::new(user.get()),
        &spec,
        T0,
    )
    .await
    .expect("mock");
    let after_mock = app.target_loop(user).await.expect("target");
    assert_eq!(after_mock.from, Chosen::Mock);
    assert_eq!(
        (
            after_mock.company.as_str(),
            after_mock.role,
            after_mock.level.as_deref()
        ),
        ("google", Role::Pmm, Some("l6"))
    );

    let interview = Date::parse("2027-01-15").expect("date");
    app.create_plan(user, "meta", "pm", Some("ic5"), interview)
        .await
        .expect("plan");
    let after_plan = app.target_loop(user).await.expect("target");
    assert_eq!(after_plan.from, Chosen::Plan);
    assert_eq!(
        (
            after_plan.company.as_str(),
            after_plan.role,
            after_plan.level.as_deref()
        ),
        ("meta", Role::Pm, Some("ic5"))
    );
}

#[tokio::test]
async fn a_story_that_cannot_be_linted_is_listed_and_the_rest_still_cover_the_loop() {
    let (_dir, app, user) = app().await;
    let good = app
        .add_story(
            user,
            &story(
                "Android checkout",
                "I pulled the funnel by device, found the address form failing, and rolled it back.",
                &["dive-deep"],
            ),
        )
        .await
        .expect("saved");
    // Too large to grade: saved (the store keeps it), but the grader refuses to lint it.
    let huge = story("Huge", &"word ".repeat(250_000), &["deliver-results"]);
    let big = app.add_story(user, &huge).await.expect("saved");
    let target = app.default_loop();
    let bank = app.coverage(user, &target).await.expect("coverage");
    assert_eq!(bank.unread.len(), 1, "{:?}", bank.unread);
    assert_eq!(bank.unread[0].0, big.id);
    let dive = bank
        .coverage
        .rows
        .iter()
        .find(|r| r.principle == "dive-deep")
        .expect("the Amazon PM loop weights Dive Deep");
    assert_eq!(dive.stories.len(), 1);
    assert_eq!(dive.stories[0].id, good.id.to_string());
}

#[tokio::test]
async fn stories_are_checked_before_they_are_saved_and_ids_are_the_users_own() {
    let (_dir, app, user) = app().await;
    let err = app
        .add_story(user, &story("", "I did it.", &["not-a-principle"]))
        .await
        .expect_err("no title, unknown principle");
    let PracticeError::Invalid(message) = err else {
        panic!("expected Invalid, got {err:?}")
    };
    assert!(
        message.starts_with("the story was not saved: "),
        "{message}"
    );
    assert!(message.contains("not-a-principle"), "{message}");
    assert!(
        app.stories(user).await.expect("list").is_empty(),
        "nothing saved"
    );

    let missing = app.story(user, StoryId::new(999)).await.expect_err("none");
    assert_eq!(missing.to_string(), "no story with id 999");
    let other = UserId::new(user.get() + 1);
    let saved = app
        .add_story(user, &story("Mine", "I shipped the fix.", &["ownership"]))
        .await
        .expect("saved");
    assert!(matches!(
        app.story(other, saved.id).await,
        Err(PracticeError::Missing { what: "story", .. })
    ));
}

#[tokio::test]
async fn an_import_saves_every_story_or_none() {
    let (_dir, app, user) = app().await;
    let good = story("One", "I rolled the form back.", &["dive-deep"]);
    let bad = story("Two", "I did it.", &["made-up"]);
    let file = debrief_coach::story::export(Format::Json, &[good.clone(), bad]);
    let err = app
        .import_stories(user, Format::Json, &file)
        .await
        .expect_err("one bad story");
    assert!(err.to_string().contains("nothing was imported"), "{err}");
    assert!(app.stories(user).await.expect("list").is_empty());
    let file = debrief_coach::story::export(Format::Json, &[good]);
    let ids = app
        .import_stories(user, Format::Json, &file)
        .await
        .expect("imported");
    assert_eq!(ids.len(), 1);
    let back = app
        .export_stories(user, Format::Json)
        .await
        .expect("export");
    assert_eq!(back, file, "a bank round-trips byte for byte");
}

#[tokio::test]
async fn a_plan_is_rebuilt_as_made_and_ticks_only_its_own_items() {
    let (_dir, app, user) = app().await;
    let interview = Date::parse("2027-01-15").expect("date");
    let made = app
        .create_plan(user, "amazon", "pmm", Some("L5"), interview)
        .await
        .expect("plan");
    assert_eq!(
        made.plan.level.as_deref(),
        Some("l5"),
        "the level is kept as its id"
    );
    assert_eq!(
        made.plan.today.to_string(),
        "2026-11-16",
        "today comes from the clock"
    );
    let first = made.plan.items().next().expect("an item").id.clone();
    let ticked = app.tick(user, made.id, &first, true).await.expect("tick");
    assert!(ticked.done.contains(&first));
    assert_eq!(ticked.plan, made.plan, "rebuilt byte for byte");
    let err = app
        .tick(user, made.id, "no-such-item", true)
        .await
        .expect_err("unknown item");
    assert!(
        err.to_string().contains("has no item `no-such-item`"),
        "{err}"
    );
    let missing = app.plan(user, PlanId::new(made.id.get() + 1)).await;
    assert!(matches!(
        missing,
        Err(PracticeError::Missing { what: "plan", .. })
    ));
}

#[tokio::test]
async fn readiness_covers_the_newest_mock_loop_else_every_kind_answered() {
    let (_dir, app, user) = app().await;
    let empty = app.progress(user).await.expect("progress");
    assert_eq!(empty.scope, ReadinessScope::Answered);
    assert!(empty.readiness.is_empty());

    let spec = debrief_practice::mock::spec("amazon", "pmm", "l5", 7);
    let mock = debrief_practice::mock::start(
        app.store(),
        app.grader(),
        UserId::new(user.get()),
        &spec,
        T0,
    )
    .await
    .expect("mock");
    let progress = app.progress(user).await.expect("progress");
    let ReadinessScope::LatestMock {
        company_name, role, ..
    } = &progress.scope
    else {
        panic!("expected the latest mock's scope, got {:?}", progress.scope)
    };
    assert_eq!((company_name.as_str(), *role), ("Amazon", Role::Pmm));
    let plan: debrief_coach::mock::MockPlan = serde_json::from_str(&mock.plan_json).expect("plan");
    let mut kinds: Vec<&str> = Vec::new();
    for r in &plan.rounds {
        if !kinds.contains(&r.kind.as_str()) {
            kinds.push(r.kind.as_str());
        }
    }
    let got: Vec<&str> = progress
        .readiness
        .iter()
        .map(|r| r.round_kind.as_str())
        .collect();
    assert_eq!(
        got, kinds,
        "every round kind of the loop, in loop order, tried or not"
    );
}

#[tokio::test]
async fn lists_come_a_page_at_a_time_in_the_order_of_the_whole() {
    let (_dir, app, user) = app().await;
    for i in 0..7 {
        let action = "I ran the analysis, found the cause and shipped the fix.";
        app.add_story(user, &story(&format!("story {i}"), action, &["ownership"]))
            .await
            .expect("add");
    }
    let whole = app.linted_stories(user).await.expect("all");
    let page = app
        .story_page(user, PageRequest::new(2, 3))
        .await
        .expect("page 2");
    assert_eq!((page.total, page.page, page.pages()), (7, 2, 3));
    let ids =
        |l: &[debrief_practice::LintedStory]| l.iter().map(|l| l.saved.id).collect::<Vec<_>>();
    assert_eq!(ids(&page.items), ids(&whole[3..6]));
    assert!(
        page.items.iter().all(|l| l.lint.is_ok()),
        "each story is linted"
    );

    let interview = Date::parse("2027-01-15").expect("date");
    for _ in 0..3 {
        app.create_plan(user, "amazon", "pm", Some("l5"), interview)
            .await
            .expect("plan");
    }
    let plans = app
        .plan_page(user, PageRequest::new(9, 2))
        .await
        .expect("plans");
    assert_eq!((plans.total, plans.page, plans.items.len()), (3, 2, 1));
    assert!(plans.items[0].plan.is_ok(), "the plan is rebuilt");

    let mocks = app
        .mock_page(user, MockFilter::InProgress, PageRequest::first(5))
        .await
        .expect("mocks");
    assert_eq!((mocks.total, mocks.items.len()), (0, 0));
    assert!(app.latest_fit(user).await.expect("fit").is_none());
    let history = app
        .history_page(user, PageRequest::first(5))
        .await
        .expect("history");
    assert_eq!(history.total, 0);
}
