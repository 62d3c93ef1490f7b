//! The application layer behind the pages: the JSON API returns the App's own values for
//! progress, story coverage and the target loop, the ones the CLI prints.

use std::sync::Arc;

use debrief_grader::Grader;
use debrief_practice::{App as Workflows, Clock};
use debrief_store::UserId;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::{App, catalog};

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
