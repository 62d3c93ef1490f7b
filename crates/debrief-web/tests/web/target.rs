//! The application layer behind the pages: every form starts at the candidate's target loop
//! (newest plan, else newest mock, else the content's defaults), and the JSON API returns the
//! App's own values for progress, story coverage and the target, the ones the CLI prints.

use std::sync::Arc;

use debrief_grader::Grader;
use debrief_practice::{App as Workflows, Clock};
use debrief_store::UserId;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::{App, catalog, in_days};

/// A story the grader reads as strong: an owned decision, numbers, a result.
const STRONG: [(&str, &str); 4] = [
    (
        "situation",
        "A billing bug overcharged 40 enterprise customers for two months.",
    ),
    (
        "action",
        "I decided to pause the rollout and told our three largest customers the exact cause \
         before they asked. I wrote a one-page postmortem and committed to a fix date, which we \
         met.",
    ),
    (
        "result",
        "All three renewed within 30 days and churn fell from 9% to 4% in two quarters.",
    ),
    ("role", "pm"),
];

/// The application layer over the same store as the server, as the CLI builds it.
fn workflows(app: &App) -> Workflows {
    Workflows::new(
        app.store.clone(),
        Arc::new(Grader::new(catalog())),
        Clock::system(),
    )
}

/// The part of `body` from the `<optgroup>` of `company` to its end.
fn level_group<'a>(body: &'a str, company: &str) -> &'a str {
    let open = format!(r#"data-company="{company}">"#);
    let start = body
        .find(&open)
        .unwrap_or_else(|| panic!("no {company} levels"));
    let end = body[start..].find("</optgroup>").expect("group ends") + start;
    &body[start..end]
}

#[tokio::test]
async fn every_form_starts_at_the_target_loop() {
    let app = App::start_builtin().await;
    // A fresh machine: the content's defaults everywhere.
    let target = app.get("/api/target").await.json();
    assert_eq!(
        target,
        json!({"company": "amazon", "role": "pm", "level": "l5", "from": "default"})
    );
    let home = app.get("/").await;
    home.has(r#"<option value="amazon" selected>Amazon</option>"#)
        .has(r#"name="role" value="pm" checked"#);
    assert!(level_group(&home.body, "amazon").contains(r#"<option value="l5" selected>"#));
    assert!(!level_group(&home.body, "google").contains(" selected>"));

    let page = app
        .post_form(
            "/plan",
            &[
                ("company", "amazon"),
                ("role", "pmm"),
                ("level", "l6"),
                ("interview_date", &in_days(30)),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(
        app.get("/api/target").await.json(),
        json!({"company": "amazon", "role": "pmm", "level": "l6", "from": "plan"})
    );
    // The home page, the plan and mock forms, the Practice page and the coverage panel all
    // start at the plan's loop.
    let home = app.get("/").await;
    home.has(r#"name="role" value="pmm" checked"#)
        .lacks(r#"name="role" value="pm" checked"#);
    assert!(level_group(&home.body, "amazon").contains(r#"<option value="l6" selected>"#));
    for path in ["/plan", "/mock"] {
        let page = app.get(path).await;
        page.has(r#"<option value="amazon" selected>Amazon</option>"#)
            .has(r#"<option value="pmm" selected>"#);
        let levels = level_group(&page.body, "amazon");
        assert!(levels.contains(r#"<option value="l6" selected>"#), "{path}");
        assert_eq!(levels.matches(" selected>").count(), 1, "{path}");
    }
    app.get("/practice")
        .await
        .has(r#"<option value="amazon" selected>Amazon</option>"#)
        .has(r#"<option value="pmm" selected>PMM</option>"#);
    // Keys sent empty are the candidate's "any", and stay so.
    app.get("/practice?company=&role=")
        .await
        .has(r#"<option value="" selected>Any company</option>"#)
        .has(r#"<option value="" selected>Either role</option>"#);
    app.get("/stories")
        .await
        .has("Coverage: Amazon PMM, L6</h2>");
    // Another company than the target's starts at its own default level.
    let page = app.get("/mock?company=google").await;
    page.has(r#"<option value="google" selected>Google</option>"#);
    assert!(level_group(&page.body, "google").contains(r#"<option value="l5" selected>"#));
    assert!(!level_group(&page.body, "amazon").contains(" selected>"));
    app.stop().await;
}

#[tokio::test]
async fn the_api_returns_the_applications_values() {
    let app = App::start_builtin().await;
    let user = UserId::new(app.store.local_user().await.expect("local user").id);
    let flow = workflows(&app);

    let mut strong = vec![("title", "Billing bug"), ("lps", "earn-trust")];
    strong.extend(STRONG);
    let page = app.post_form("/stories", &strong).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    // Over the grader's 1 MB: saved, but it cannot be linted.
    let huge = "I decided to ship it. ".repeat(50_000);
    let page = app
        .post_form(
            "/stories",
            &[
                ("title", "Far too long"),
                ("action", &huge),
                ("lps", "dive-deep"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.has(r#"<p class="callout error""#);

    let coverage = app.get("/api/stories/coverage").await;
    assert_eq!(coverage.status, StatusCode::OK, "{}", coverage.body);
    let coverage = coverage.json();
    let target = flow.target_loop(user).await.expect("target");
    let expected = flow.coverage(user, &target).await.expect("coverage");
    assert_eq!(
        coverage,
        serde_json::to_value(&expected).expect("JSON"),
        "the API's coverage is the App's"
    );
    assert_eq!(coverage["target"]["from"], "default");
    assert_eq!(coverage["unread"][0][0], 2, "{coverage}");
    let earn_trust = coverage["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["principle"] == "earn-trust"))
        .expect("the default loop weighs Earn Trust");
    assert_eq!(earn_trust["stories"][0]["title"], "Billing bug");

    // The page names the story it left out instead of skipping it silently.
    let page = app.get("/stories").await;
    let note = page
        .text
        .split(r#"<div class="callout warn coverage-unread" role="note">"#)
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .expect("a note of the stories left out");
    assert!(
        note.contains(r#"<a href="/stories/2">Far too long</a>"#),
        "{note}"
    );
    page.has("Not graded");

    // A loop named in the query, as on the command line; one of company and role alone is
    // refused, as it is there.
    let named = app
        .get("/api/stories/coverage?company=Amazon&role=pmm&level=l6")
        .await
        .json();
    assert_eq!(named["target"]["company"], "amazon");
    assert_eq!(named["target"]["role"], "pmm");
    assert_eq!(named["target"]["level"], "l6");
    let page = app.get("/api/stories/coverage?company=amazon").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("both"))
    );
    let page = app.get("/api/stories/coverage?company=nope&role=pm").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("valid companies")),
        "{}",
        page.body
    );

    // Progress: nothing yet, then a kept Practice answer.
    let progress = app.get("/api/progress").await.json();
    assert_eq!(progress["scope"]["scope"], "answered");
    assert_eq!(progress["readiness"], json!([]));
    let question = catalog()
        .questions()
        .iter()
        .find(|q| q.round == "behavioral" && q.asks(debrief_pack::Role::Pm))
        .expect("a behavioral PM question")
        .id
        .clone();
    let page = app
        .post_form(
            "/practice",
            &[
                ("company", "amazon"),
                ("role", "pm"),
                ("round", "behavioral"),
                ("question_id", &question),
                ("answer", STRONG[1].1),
                ("keep", "on"),
            ],
        )
        .await;
    page.has("Saved to your history");
    let progress: Value = app.get("/api/progress").await.json();
    let expected = flow.progress(user).await.expect("progress");
    assert_eq!(progress, serde_json::to_value(&expected).expect("JSON"));
    assert_eq!(progress["readiness"][0]["round_kind"], "behavioral");
    assert_eq!(progress["readiness"][0]["attempts"], 1);
    assert!(progress.get("attempts").is_none(), "as the CLI prints it");
    app.get("/progress")
        .await
        .has("Every round kind you have answered.");
    app.stop().await;
}
