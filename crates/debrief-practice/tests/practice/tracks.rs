//! A track within a role (Amazon's `pm-t`) picks the track's own loop everywhere the app picks
//! "the loop for company X, role R"; no track picks the role's own loop, never a track's.

use std::sync::Arc;

use debrief_coach::calendar::Date;
use debrief_grader::Grader;
use debrief_pack::Role;
use debrief_practice::{App, Chosen, Clock, PracticeError, ProfileDraft};
use debrief_store::{Store, UserId};
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

fn profile(track: Option<&str>) -> ProfileDraft {
    ProfileDraft {
        company: Some("amazon".into()),
        role: Some("pm".into()),
        level: Some("l6".into()),
        track: Some(track.unwrap_or("").into()),
        interview_date: None,
    }
}

#[tokio::test]
async fn a_profile_track_picks_the_track_loop_and_none_picks_the_role_loop() {
    let (_dir, app, user) = app().await;
    app.save_profile(user, &profile(Some("pm-t")))
        .await
        .expect("profile");
    let target = app.target_loop(user).await.expect("target");
    assert_eq!(target.track.as_deref(), Some("pm-t"));
    let view = target.view(app.catalog()).expect("the loop");
    assert_eq!(view.id, "amazon-pm-t");
    assert!(
        view.rounds.iter().any(|r| r.round.kind == "system-design"),
        "system design is on the PM-T track"
    );
    let weights = debrief_practice::loop_weights(app.catalog(), "amazon", Role::Pm, Some("pm-t"));
    assert!(weights.contains_key("kind:system-design"), "{weights:?}");

    app.save_profile(user, &profile(None))
        .await
        .expect("profile");
    let target = app.target_loop(user).await.expect("target");
    assert_eq!(target.track, None);
    let view = target.view(app.catalog()).expect("the loop");
    assert_eq!(view.id, "amazon-pm");
    assert!(
        view.rounds.iter().all(|r| r.round.kind != "system-design"),
        "the plain PM loop has no system design round"
    );
    let weights = debrief_practice::loop_weights(app.catalog(), "amazon", Role::Pm, None);
    assert!(!weights.contains_key("kind:system-design"), "{weights:?}");
}

#[tokio::test]
async fn a_named_loop_takes_its_track_only_when_given_and_refuses_one_it_lacks() {
    let (_dir, app, user) = app().await;
    app.save_profile(user, &profile(Some("pm-t")))
        .await
        .expect("profile");
    // Company and role named without a track: the role's own loop, whatever the profile says.
    let plain = app
        .choose_loop(user, Some("amazon"), Some("pm"), None, None)
        .await
        .expect("named");
    assert_eq!((plain.from, plain.track.as_deref()), (Chosen::Given, None));
    assert_eq!(plain.view(app.catalog()).expect("loop").id, "amazon-pm");
    // With the track, typed as candidates type it.
    let technical = app
        .choose_loop(user, Some("amazon"), Some("pm"), Some("PMT"), None)
        .await
        .expect("named with a track");
    assert_eq!(technical.track.as_deref(), Some("pm-t"));
    assert_eq!(
        technical.view(app.catalog()).expect("loop").id,
        "amazon-pm-t"
    );
    // A company with no loop on that track says so and names what it has.
    let err = app
        .choose_loop(user, Some("google"), Some("pm"), Some("pm-t"), None)
        .await
        .expect_err("Google has no PM-T loop");
    assert!(matches!(err, PracticeError::Lookup(_)), "{err:?}");
    assert!(
        err.to_string()
            .contains("Google has no PM loop on the track `pm-t`"),
        "{err}"
    );
    let err = app
        .choose_loop(user, Some("amazon"), Some("pm"), Some("pm-x"), None)
        .await
        .expect_err("no such track");
    assert!(err.to_string().contains("its tracks: pm-t"), "{err}");
}

#[tokio::test]
async fn a_plan_for_a_track_is_saved_rebuilt_and_targeted_on_that_track() {
    let (_dir, app, user) = app().await;
    let interview = Date::parse("2027-01-15").expect("date");
    let saved = app
        .create_plan(user, "amazon", "pm", Some("pm-t"), Some("l5"), interview)
        .await
        .expect("plan");
    assert_eq!(saved.plan.loop_id, "amazon-pm-t");
    assert_eq!(saved.plan.track.as_deref(), Some("pm-t"));
    let read = app.plan(user, saved.id).await.expect("rebuilt");
    assert_eq!(read.plan, saved.plan, "rebuilt from the track's loop");
    let target = app.target_loop(user).await.expect("target");
    assert_eq!(
        (target.from, target.track.as_deref()),
        (Chosen::Plan, Some("pm-t"))
    );
    let plain = app
        .create_plan(user, "amazon", "pm", None, Some("l5"), interview)
        .await
        .expect("plan");
    assert_eq!(plain.plan.loop_id, "amazon-pm");
    let target = app.target_loop(user).await.expect("target");
    assert_eq!((target.from, target.track), (Chosen::Plan, None));
}

#[tokio::test]
async fn a_mock_drawn_on_a_track_comes_back_as_the_target_on_that_track() {
    let (_dir, app, user) = app().await;
    let mut spec = debrief_practice::mock::spec("amazon", "pm", "l5", 5);
    spec.track = Some("pm-t".into());
    let mock = debrief_practice::mock::start(app.store(), app.grader(), user, &spec, T0)
        .await
        .expect("mock");
    assert!(mock.plan_json.contains("\"loop_id\":\"amazon-pm-t\""));
    let target = app.target_loop(user).await.expect("target");
    assert_eq!(
        (target.from, target.track.as_deref()),
        (Chosen::Mock, Some("pm-t"))
    );
}
