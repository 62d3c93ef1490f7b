//! A track within a role has a loop of its own: Amazon's technical PM track (PM-T) is picked by
//! naming it, and no track picks the role's own loop. Loop pages show the steps that are not
//! interviews with their sources.

use reqwest::StatusCode;

use crate::harness::App;

#[tokio::test]
async fn the_loop_list_names_both_amazon_pm_loops_with_the_track() {
    let app = App::start_builtin().await;
    let page = app.get("/").await;
    page.is_page()
        .has(r#"href="/loops/amazon/pm">"#)
        .has(r#"href="/loops/amazon/pm?track=pm-t">"#)
        .has("Amazon · PM (PM-T)")
        .has(r#"<select id="track" name="track""#)
        .has(r#"<option value="pm-t">PM-T (Amazon PM only)</option>"#);
    app.stop().await;
}

#[tokio::test]
async fn a_track_picks_its_loop_and_no_track_the_roles_own() {
    let app = App::start_builtin().await;
    let technical = app.get("/loops/amazon/pm?track=pm-t&level=l6").await;
    assert_eq!(technical.status, StatusCode::OK);
    technical
        .is_page()
        .has("<h1>Amazon PM (PM-T) loop, L6</h1>")
        .has("System design")
        .has("Technical phone screen")
        .has(r#"<input type="hidden" name="track" value="pm-t">"#)
        .has(r#"href="/loops/amazon/pm?level=l6">See the Amazon PM loop without a track"#)
        .has(r#"href="/loops/amazon/pm?track=pm-t&amp;level=l5""#);
    let plain = app
        .get("/loop?company=amazon&role=pm&track=&level=l6")
        .await;
    assert_eq!(plain.status, StatusCode::OK);
    plain
        .is_page()
        .has("<h1>Amazon PM loop, L6</h1>")
        .has(r#"href="/loops/amazon/pm?track=pm-t&amp;level=l6">See the Amazon PM-T track loop"#)
        .lacks("<h3 id=\"round-system-design\"")
        .lacks(r#"name="track" value="pm-t">"#);
    // A company with no loop on that track: a 404 that says so.
    let none = app.get("/loops/google/pm?track=pm-t").await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    none.is_page()
        .has("No loop on that track")
        .has("Google has no PM loop on the track")
        .has(r#"href="/loops/google/pm""#);
    // The API answers the same loops.
    let api = app.get("/api/loop?company=amazon&role=pm&track=pm-t").await;
    assert!(api.text.contains(r#""id":"amazon-pm-t""#), "{}", api.text);
    app.stop().await;
}

#[tokio::test]
async fn the_loop_page_shows_the_steps_that_are_not_interviews() {
    let app = App::start_builtin().await;
    let page = app.get("/loops/google/pm").await;
    page.is_page()
        .has("Steps that are not interviews")
        .has(r#"<h3 id="stage-hiring-committee">Hiring committee</h3>"#)
        .has(r#"<h3 id="stage-team-match">Team matching</h3>"#)
        .has("After the loop")
        .has("What you can do")
        .has("rework.withgoogle.com");
    let amazon = app.get("/loops/amazon/pm").await;
    amazon
        .has("After Phone screen: Leadership Principles and product questions")
        .has("Writing assessment");
    app.stop().await;
}

#[tokio::test]
async fn a_plan_made_for_a_track_is_the_tracks_plan() {
    let app = App::start_builtin().await;
    let page = app
        .post_form(
            "/plan",
            &[
                ("company", "amazon"),
                ("role", "pm"),
                ("track", "pm-t"),
                ("level", "l5"),
                ("interview_date", "2099-01-15"),
            ],
        )
        .await;
    // This client follows the redirect to the plan.
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.is_page().has("Prep plan: Amazon PM (PM-T), L5");
    // The form starts from the newest plan's loop, track and all.
    app.get("/plan")
        .await
        .has(r#"<option value="pm-t" selected>PM-T (Amazon PM only)</option>"#);
    // A track the company has no loop for is the form again, with the reason.
    let refused = app
        .post_form(
            "/plan",
            &[
                ("company", "google"),
                ("role", "pm"),
                ("track", "pm-t"),
                ("level", "l5"),
                ("interview_date", "2099-01-15"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text);
    refused.has("Google has no PM loop on the track");
    app.stop().await;
}
