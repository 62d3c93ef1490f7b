//! The application layer's own choices: the loop a candidate targets, the bank's coverage,
//! plans rebuilt as made, readiness, and typed ids.

use std::sync::Arc;

use debrief_coach::calendar::Date;
use debrief_coach::story::{Format, Story};
use debrief_grader::Grader;
use debrief_pack::Role;
use debrief_practice::{
    App, Chosen, Clock, MockFilter, PageRequest, PracticeError, ProfileDraft, ReadinessScope,
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
async fn the_target_loop_is_the_profile_else_the_newest_plan_else_the_newest_mock_else_the_defaults()
 {
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
    app.create_plan(user, "meta", "pm", None, Some("ic5"), interview)
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
    assert_eq!(
        after_plan.interview_date, None,
        "only a profile brings a date"
    );

    // The profile comes first, with its track and date, over a newer plan too.
    let draft = ProfileDraft {
        company: Some("amazon".into()),
        role: Some("pm".into()),
        level: Some("l6".into()),
        track: Some("pm-t".into()),
        interview_date: Some("2026-12-01".into()),
    };
    app.save_profile(user, &draft).await.expect("profile");
    app.create_plan(user, "google", "pmm", None, Some("l5"), interview)
        .await
        .expect("a newer plan");
    let profiled = app.target_loop(user).await.expect("target");
    assert_eq!(profiled.from, Chosen::Profile);
    assert_eq!(
        (
            profiled.company.as_str(),
            profiled.role,
            profiled.level.as_deref(),
            profiled.track.as_deref(),
            profiled.interview_date.map(|d| d.to_string()).as_deref()
        ),
        (
            "amazon",
            Role::Pm,
            Some("l6"),
            Some("pm-t"),
            Some("2026-12-01")
        )
    );
    // Named loops still win, and an omitted one takes the profile's at a level given.
    let named = app
        .choose_loop(user, Some("meta"), Some("pmm"), None, None)
        .await
        .expect("named");
    assert_eq!(
        (named.from, named.company.as_str()),
        (Chosen::Given, "meta")
    );
    let at = app
        .choose_loop(user, None, None, None, Some("l7".into()))
        .await
        .expect("profile at l7");
    assert_eq!(
        (at.from, at.level.as_deref()),
        (Chosen::Profile, Some("l7"))
    );

    // Cleared, the newest plan is the target again.
    assert!(app.clear_profile(user).await.expect("clear"));
    let cleared = app.target_loop(user).await.expect("target");
    assert_eq!(
        (cleared.from, cleared.company.as_str(), cleared.role),
        (Chosen::Plan, "google", Role::Pmm)
    );
    assert!(!app.clear_profile(user).await.expect("clear again"));
}

fn problems(err: PracticeError) -> debrief_practice::ProfileProblems {
    match err {
        PracticeError::Profile(p) => p,
        other => panic!("expected profile problems, got {other:?}"),
    }
}

#[tokio::test]
async fn a_profile_is_checked_against_the_content_field_by_field() {
    let (_dir, app, user) = app().await;
    let err = app
        .save_profile(
            user,
            &ProfileDraft {
                company: Some("amazn".into()),
                role: Some("pm-t".into()),
                level: Some("l5".into()),
                track: None,
                interview_date: Some("2026-11-15".into()),
            },
        )
        .await
        .expect_err("three problems");
    let message = err.to_string();
    let p = problems(err);
    assert_eq!(
        p.of("company"),
        Some(
            "unknown company `amazn` (did you mean `amazon`?); valid companies: amazon, google, \
             meta"
        )
    );
    assert_eq!(
        p.of("role"),
        Some("`pm-t` is a track, not a role; choose the role pm and the track pm-t")
    );
    assert_eq!(
        p.of("interview_date"),
        Some(
            "2026-11-15 is in the past (today is 2026-11-16); give the day of your interview, \
             today or later, or leave it empty"
        )
    );
    assert_eq!(
        p.of("level"),
        None,
        "no company, so its levels are not judged"
    );
    assert!(
        message.starts_with("the profile was not saved: company: "),
        "{message}"
    );
    assert!(
        app.profile(user).await.expect("read").is_none(),
        "nothing saved"
    );

    // A level of another company, a track the role has not there, a malformed date.
    let p = problems(
        app.save_profile(
            user,
            &ProfileDraft {
                company: Some("google".into()),
                role: Some("pm".into()),
                level: Some("ic5".into()),
                track: Some("pm-t".into()),
                interview_date: Some("2026-02-30".into()),
            },
        )
        .await
        .expect_err("problems"),
    );
    assert!(
        p.of("level")
            .is_some_and(|m| m.starts_with("unknown level `ic5` for Google")),
        "{p:?}"
    );
    assert!(
        p.of("track")
            .is_some_and(|m| m.contains("knows none there, so leave the track empty")),
        "{p:?}"
    );
    assert!(
        p.of("interview_date")
            .is_some_and(|m| m.contains("February 2026 has 28 days")),
        "{p:?}"
    );
    let p = problems(
        app.save_profile(
            user,
            &ProfileDraft {
                company: Some("amazon".into()),
                role: Some("pm".into()),
                level: Some("l66".into()),
                track: Some("pm-x".into()),
                interview_date: None,
            },
        )
        .await
        .expect_err("problems"),
    );
    assert!(
        p.of("level")
            .is_some_and(|m| m.contains("(did you mean `l6`?)")),
        "{p:?}"
    );
    assert_eq!(
        p.of("track"),
        Some(
            "unknown track `pm-x` for Amazon PM (did you mean `pm-t`?); valid tracks: pm-t, or leave it empty"
        )
    );

    // Today is a valid interview date; ids are read in any case; `pmt` is the PM-T track.
    let saved = app
        .save_profile(
            user,
            &ProfileDraft {
                company: Some(" Amazon ".into()),
                role: Some("PM".into()),
                level: Some("L6".into()),
                track: Some("PMT".into()),
                interview_date: Some("2026-11-16".into()),
            },
        )
        .await
        .expect("saved");
    assert_eq!(
        (
            saved.company.as_str(),
            saved.role,
            saved.level.as_str(),
            saved.track.as_deref(),
            saved.interview_date.map(|d| d.to_string()).as_deref(),
            saved.updated_at
        ),
        (
            "amazon",
            Role::Pm,
            "l6",
            Some("pm-t"),
            Some("2026-11-16"),
            T0
        )
    );
    assert_eq!(app.profile(user).await.expect("read"), Some(saved));
}

#[tokio::test]
async fn a_partial_update_keeps_what_still_fits_and_a_fit_result_sets_the_role() {
    let (_dir, app, user) = app().await;
    // No profile yet: the fit result's role over the content's defaults.
    let made = app.target_role(user, Role::Pmm).await.expect("target role");
    assert_eq!(
        (made.company.as_str(), made.role, made.level.as_str()),
        ("amazon", Role::Pmm, "l5")
    );
    assert_eq!(made.interview_date, None);

    let full = ProfileDraft {
        company: Some("amazon".into()),
        role: Some("pm".into()),
        level: Some("l7".into()),
        track: Some("pm-t".into()),
        interview_date: Some("2027-01-15".into()),
    };
    app.save_profile(user, &full).await.expect("saved");
    // Only the date: the rest is kept.
    let dated = app
        .save_profile(
            user,
            &ProfileDraft {
                interview_date: Some("2027-02-01".into()),
                ..ProfileDraft::default()
            },
        )
        .await
        .expect("date only");
    assert_eq!(
        (dated.level.as_str(), dated.track.as_deref()),
        ("l7", Some("pm-t"))
    );
    assert_eq!(
        dated.interview_date.map(|d| d.to_string()).as_deref(),
        Some("2027-02-01")
    );
    // A fit result that says PMM keeps the company, level and date and drops the PM track.
    let pmm = app.target_role(user, Role::Pmm).await.expect("PMM");
    assert_eq!(
        (
            pmm.company.as_str(),
            pmm.role,
            pmm.level.as_str(),
            pmm.track.as_deref()
        ),
        ("amazon", Role::Pmm, "l7", None)
    );
    assert_eq!(pmm.interview_date, dated.interview_date);
    // Another company without the kept level starts at its default; empty clears the date.
    let meta = app
        .save_profile(
            user,
            &ProfileDraft {
                company: Some("meta".into()),
                interview_date: Some(String::new()),
                ..ProfileDraft::default()
            },
        )
        .await
        .expect("meta");
    assert_eq!(
        (meta.company.as_str(), meta.level.as_str()),
        ("meta", "ic5")
    );
    assert_eq!(meta.interview_date, None);
    assert_eq!(meta.role, Role::Pmm);

    // A profile is its owner's alone.
    let other = UserId::new(
        app.store()
            .create_user("bo", "x")
            .await
            .expect("another user")
            .id,
    );
    assert_eq!(app.profile(other).await.expect("read"), None);
    assert_eq!(
        app.target_loop(other).await.expect("target").from,
        Chosen::Default
    );
    assert!(!app.clear_profile(other).await.expect("clear"));
    assert!(app.profile(user).await.expect("read").is_some());
}

#[tokio::test]
async fn the_plan_defaults_to_the_profiles_interview_date_while_it_is_ahead() {
    let (_dir, app, user) = app().await;
    let today = app.clock().today();
    let mut draft = ProfileDraft {
        interview_date: Some("2026-11-16".into()),
        ..ProfileDraft::default()
    };
    let saved = app.save_profile(user, &draft).await.expect("today");
    assert_eq!(
        saved.upcoming_interview(today),
        None,
        "today is no plan's end"
    );
    draft.interview_date = Some("2027-01-04".into());
    let saved = app.save_profile(user, &draft).await.expect("later");
    assert_eq!(
        saved
            .upcoming_interview(today)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2027-01-04")
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
        .create_plan(user, "amazon", "pmm", None, Some("L5"), interview)
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
        app.create_plan(user, "amazon", "pm", None, Some("l5"), interview)
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

/// A story the lint rates hire or better, with numbers.
fn strong_story(title: &str, lps: &[&str]) -> Story {
    story(
        title,
        "I pulled the funnel by device and found the new address form failing on small screens. \
         I decided to roll the form back for Android within a day, told the design lead why with \
         the data, and ran an A/B test of a fixed version on 10% of traffic for two weeks before \
         shipping it to everyone.",
        lps,
    )
}

#[tokio::test]
async fn a_plan_reads_the_bank_when_made_and_rebuilds_the_same_after_the_bank_changes() {
    let (_dir, app, user) = app().await;
    let interview = Date::parse("2027-01-15").expect("date");
    let fresh = app
        .preview_plan(user, "amazon", "pmm", None, Some("l5"), None, interview)
        .await
        .expect("preview");
    assert!(fresh.covered.is_empty());
    let heaviest = fresh
        .items()
        .find(|i| i.kind == debrief_coach::plan::ItemKind::Story)
        .and_then(|i| i.principle.clone())
        .expect("a story item");
    let saved = app
        .add_story(
            user,
            &strong_story("Android checkout rollback", &[&heaviest]),
        )
        .await
        .expect("saved");
    let linted = app.linted(saved.clone());
    let strength = linted.lint.as_ref().expect("lints").strength;
    assert_eq!(
        strength,
        debrief_coach::story::Strength::Strong,
        "{linted:?}"
    );
    let made = app
        .create_plan(user, "amazon", "pmm", None, Some("l5"), interview)
        .await
        .expect("plan");
    assert_eq!(made.plan.covered.len(), 1, "{:?}", made.plan.covered);
    assert_eq!(made.plan.covered[0].story, "Android checkout rollback");
    assert_eq!(made.plan.covered[0].principle, heaviest);
    assert!(
        made.plan
            .items()
            .all(|i| i.id != format!("w1-story-{heaviest}")),
        "no first story for a covered principle"
    );

    // The bank changes: the covering story goes, a weak one comes. The saved plan does not.
    app.delete_story(user, saved.id).await.expect("deleted");
    app.add_story(user, &story("Thin", "I helped.", &[&heaviest]))
        .await
        .expect("saved");
    let again = app.plan(user, made.id).await.expect("rebuilt");
    assert_eq!(
        again.plan, made.plan,
        "rebuilt from the groundwork saved with it"
    );
    // A new plan reads the bank as it is now: a rewrite of the weak story.
    let now = app
        .preview_plan(user, "amazon", "pmm", None, Some("l5"), None, interview)
        .await
        .expect("preview");
    assert!(now.covered.is_empty());
    assert!(
        now.items().any(
            |i| i.story.as_deref() == Some("Thin") && i.principle.as_deref() == Some(&heaviest)
        ),
        "a rewrite naming the weak story"
    );
}

#[tokio::test]
async fn a_plan_saved_before_plans_kept_groundwork_reads_back_as_first_made() {
    let (_dir, app, user) = app().await;
    app.add_story(
        user,
        &strong_story("Android checkout rollback", &["customer-obsession"]),
    )
    .await
    .expect("saved");
    // As an older build saved it: no groundwork.
    let id = app
        .store()
        .create_plan(user.get(), "amazon", "pmm", "l5", "2027-01-15", T0)
        .await
        .expect("stored");
    let read = app.plan(user, PlanId::new(id)).await.expect("rebuilt");
    let expected = debrief_coach::plan::build_plan(
        app.catalog(),
        "amazon",
        "pmm",
        None,
        Some("l5"),
        Date::parse("2026-11-16").expect("date"),
        Date::parse("2027-01-15").expect("date"),
        &debrief_coach::plan::Groundwork::as_first_made(),
    )
    .expect("plan");
    assert_eq!(read.plan, expected);
    assert!(read.plan.covered.is_empty(), "the bank is not read for it");
}
