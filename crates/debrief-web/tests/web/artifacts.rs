//! Artifact drills: the list of kinds (and its empty state), a kind's page, the timed drill
//! without JavaScript, its report with findings marked on the document's own (escaped) words,
//! the 404s with their near misses, CSRF, and the drills in the progress history.

use std::sync::Arc;

use debrief_web::Auth;
use reqwest::StatusCode;

use crate::harness::{App, Browser, Data, Page, Server, artifact_fixture, hidden, unescape};

/// A weak memo with a script in it: future tense, fluff, a hedge, a softball answer, and no
/// customer section.
const HOSTILE: &str = "## Announcement\nWe will launch seamless payouts <script>alert('x')</script> \
                       very soon for restaurant owners.\n\n## FAQ\nWill fraud be a problem? The \
                       risk is minimal.\n";

/// A local-mode server over the artifact fixture and a browser that does not follow
/// redirects, with the CSRF cookie of its first page.
async fn drill_server(data: &Data) -> (Server, Browser) {
    let server = Server::start_over(data, Auth::local(), Arc::new(artifact_fixture())).await;
    let browser = server.browser();
    browser.get("/artifacts").await;
    (server, browser)
}

/// Posts `text` as the drill form of `launch-memo` for `prompt`, as the page's form sends it.
async fn check(browser: &Browser, prompt: &str, text: &str) -> Page {
    let page = browser
        .get(&format!("/artifacts/launch-memo/drill?prompt={prompt}"))
        .await;
    let started = hidden(&page, "started");
    browser
        .post_form(
            "/artifacts/launch-memo/drill",
            &[("prompt", prompt), ("started", &started), ("text", text)],
        )
        .await
}

#[tokio::test]
async fn the_kinds_are_listed_and_each_has_its_page() {
    let app = App::start_with(Arc::new(artifact_fixture())).await;
    let list = app.get("/artifacts").await;
    assert_eq!(list.status, StatusCode::OK);
    list.is_page()
        .has(r#"<a href="/artifacts" aria-current="page">Artifacts</a>"#)
        .has(r#"href="/artifacts/launch-memo">Launch memo</a>"#)
        .has("PM and PMM · 20 min · 3 prompts")
        .has("A one-page memo written as if the product had launched");
    // Every page links to the drills from the navigation; the home page says so too.
    app.get("/questions")
        .await
        .has(r#"<a href="/artifacts">Artifacts</a>"#);
    app.get("/")
        .await
        .has(r#"href="/artifacts" id="home-artifacts""#);

    let page = app.get("/artifacts/launch-memo").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("<h1>Launch memo</h1>")
        .has("What a reviewer checks")
        .has("The FAQ answers the hard questions with numbers.")
        .has(r#"href="/artifacts/launch-memo/drill?prompt=memo-payouts" id="start-drill""#)
        .has(r#"href="/artifacts/launch-memo/drill?prompt=memo-alerts">Drill this"#)
        .has(r#"<span class="muted">For PM</span>"#)
        .has(r#"<span class="muted">For PMM</span>"#)
        .has("Honest answers:</strong> Hard questions answered with numbers.")
        .has("Strong example")
        .has("Weak example")
        .has("<strong>Announcement:</strong> Dated on launch day, with the price.")
        .has("Source: Written for the test suite, 2026");
    // The sections in order, each required or optional with its budget.
    let at = |needle: &str| page.text.find(needle).unwrap_or(usize::MAX);
    let order = [
        "<strong>Announcement</strong>",
        "<strong>Customer</strong>",
        "<strong>Metrics</strong>",
        "<strong>FAQ</strong>",
    ]
    .map(at);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    page.has("10–80 words")
        .has("up to 60 words")
        .has(r#"<span class="badge badge-optional">Optional</span>"#);
    // Examples show the strong one first.
    assert!(at("Strong example") < at("Weak example"));
    app.stop().await;
}

#[tokio::test]
async fn without_artifact_kinds_the_pages_say_so() {
    // The small fixture pack has no artifact kinds, as the built-in content may not.
    let app = App::start().await;
    let page = app.get("/artifacts").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has(r#"id="no-artifacts""#)
        .has("No artifact kinds in this content pack yet");
    let missing = app.get("/artifacts/prfaq").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    missing
        .is_page()
        .has("No such artifact kind")
        .has("artifact kinds: none");
    let drill = app.get("/artifacts/prfaq/drill").await;
    assert_eq!(drill.status, StatusCode::NOT_FOUND);
    app.stop().await;
}

#[tokio::test]
async fn unknown_kinds_prompts_and_drills_are_404s_with_the_near_miss() {
    let app = App::start_with(Arc::new(artifact_fixture())).await;
    let page = app.get("/artifacts/launch-memx").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.is_page()
        .has("No such artifact kind")
        .has("(did you mean “launch-memo”?)")
        .has(r#"href="/artifacts/launch-memo""#);
    let page = app
        .get("/artifacts/launch-memo/drill?prompt=memo-payout")
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.is_page()
        .has("No such prompt")
        .has("(did you mean “memo-payouts”?)")
        .has(r#"href="/artifacts/launch-memo/drill?prompt=memo-payouts""#);
    for path in [
        "/artifacts/launch-memo/attempts/abc",
        "/artifacts/launch-memo/attempts/0",
        "/artifacts/launch-memo/attempts/999",
        "/artifacts/launch-memo/drill?from=999",
        "/artifacts/launch-mem/attempts/1",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        page.is_page();
    }
    let posted = app
        .post_form(
            "/artifacts/launch-memx/drill",
            &[("prompt", ""), ("text", HOSTILE)],
        )
        .await;
    assert_eq!(posted.status, StatusCode::NOT_FOUND);
    let posted = app
        .post_form(
            "/artifacts/launch-memo/drill",
            &[("prompt", "nope"), ("text", HOSTILE)],
        )
        .await;
    assert_eq!(posted.status, StatusCode::NOT_FOUND);
    let user = app.store.local_user().await.expect("local user").id;
    assert!(app.store.attempts(user).await.expect("attempts").is_empty());
    app.stop().await;
}

#[tokio::test]
async fn a_drill_posts_to_its_report_with_the_document_marked_and_escaped() {
    let data = Data::new();
    let (server, browser) = drill_server(&data).await;
    let drill = browser
        .get("/artifacts/launch-memo/drill?prompt=memo-payouts")
        .await;
    assert_eq!(drill.status, StatusCode::OK);
    drill
        .is_page()
        .has("Write a launch memo for instant payouts to restaurant owners.")
        .has(r#"<form class="mock-form drill-form" id="drill-form" action="/artifacts/launch-memo/drill" method="post""#)
        .has(r#"<input type="hidden" name="csrf""#)
        .has(r#"<input type="hidden" name="prompt" value="memo-payouts">"#)
        .has(r#"data-budget="1200""#)
        .has("of 20:00")
        .has("## Announcement\n[Written on launch day")
        .has(r#"data-slot-key="debrief-artifact-launch-memo-memo-payouts" data-draft="/artifacts/launch-memo/draft" data-saved-at="0""#);

    let posted = check(&browser, "memo-payouts", HOSTILE).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.text);
    let report_path = posted.location().to_owned();
    assert!(
        report_path.starts_with("/artifacts/launch-memo/attempts/"),
        "{report_path}"
    );
    let id = report_path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();

    let report = browser.get(&report_path).await;
    assert_eq!(report.status, StatusCode::OK);
    report
        .is_page()
        .has("Launch memo: your check")
        .has("Write a launch memo for instant payouts to restaurant owners.")
        .has(r#"<span class="badge ready ready-not-yet">Missing</span>"#)
        .has("Not written as launched")
        .has("Announcement talks about the launch as something still to come.")
        .has(
            "<strong>Why it matters:</strong> A launch memo is written as if the product were out.",
        )
        .has("<strong>Instead:</strong> Write in the present or past tense from the launch date.")
        .has("Softball answer")
        .has("The memo has no Customer section.")
        .has("Customer and problem")
        // The quoted words are marked in the document itself, and the list links to them.
        .has(r#"">will launch<span class="tip""#)
        .has(r#""><q>will launch</q></a>"#)
        .has(r#"took <span>0:"#)
        // A clean check is not a reviewer's approval: what it cannot judge is said.
        .has("What this check cannot judge")
        .has("Whether the memo's customer is the right one.")
        // Every word of the document is escaped.
        .has("&lt;script&gt;alert('x')&lt;/script&gt;")
        .lacks("<script>alert");
    assert_eq!(
        report.body.matches("<script").count(),
        1,
        "only the app's own"
    );
    let again = format!("/artifacts/launch-memo/drill?prompt=memo-payouts&from={id}");
    report
        .has(&format!(
            r#"href="{}" id="try-again""#,
            again.replace('&', "&amp;")
        ))
        .has(r##"href="/progress#history-title""##);

    // Trying again brings the text back in the box, escaped, with a fresh clock.
    let retry = browser.get(&again).await;
    assert_eq!(retry.status, StatusCode::OK);
    retry
        .has("We will launch seamless payouts &lt;script&gt;")
        .lacks("<script>alert")
        .has("of 20:00");
    let textarea = retry
        .body
        .split("name=\"text\"")
        .nth(1)
        .and_then(|rest| rest.split_once(">\n"))
        .and_then(|(_, rest)| rest.split("</textarea>").next())
        .unwrap_or_default();
    assert_eq!(unescape(textarea), HOSTILE);

    // The history lists the drill by its kind's name, with its prompt, linked to its report.
    let progress = browser.get("/progress").await;
    assert_eq!(progress.status, StatusCode::OK);
    progress
        .is_page()
        .has(&format!(r#"<a href="{report_path}">Artifact drill</a>"#))
        .has("<td>Launch memo</td>")
        .has("Write a launch memo for instant payouts to restaurant owners.")
        .has(r#"<h2 id="artifacts-title">Artifact drills</h2>"#)
        .has(r#"<th scope="row">Launch memo</th>"#)
        .has("Score by artifact drilled")
        .lacks("Readiness per round kind")
        .lacks("artifact:launch-memo");
    let user = server.store.local_user().await.expect("local user").id;
    let kept = server.store.attempts(user).await.expect("attempts");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].source, "artifact");
    assert_eq!(kept[0].answer, HOSTILE);
    server.stop().await;
}

#[tokio::test]
async fn a_drill_needs_the_forms_csrf_token() {
    let data = Data::new();
    let (server, browser) = drill_server(&data).await;
    let page = browser
        .post_raw(
            "/artifacts/launch-memo/drill",
            &[("prompt", "memo-payouts"), ("text", HOSTILE)],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = browser
        .post_raw(
            "/artifacts/launch-memo/drill",
            &[("csrf", "forged"), ("prompt", ""), ("text", HOSTILE)],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = browser
        .post_with(
            "/artifacts/launch-memo/drill",
            &[("prompt", ""), ("text", HOSTILE)],
            &[
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "cross-site"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let user = server.store.local_user().await.expect("local user").id;
    assert!(
        server
            .store
            .attempts(user)
            .await
            .expect("attempts")
            .is_empty()
    );
    server.stop().await;
}

#[tokio::test]
async fn a_document_that_cannot_be_checked_comes_back_in_the_box() {
    let data = Data::new();
    let (server, browser) = drill_server(&data).await;
    let page = check(&browser, "memo-pricing", "  \n \n").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .has(r#"id="drill-errors""#)
        .has("The document is empty")
        .has("Write a launch memo for a new pricing plan for small bakeries.")
        .has("  \n \n</textarea>");
    let huge = format!("## Announcement\n{}", "<b>word</b> ".repeat(20_000));
    let page = check(&browser, "memo-pricing", &huge).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    page.has("the limit is 200 KB")
        .has("&lt;b&gt;word&lt;/b&gt;")
        .lacks("<b>word");
    // Without a prompt the drill is on a topic of the candidate's own.
    let own = browser.get("/artifacts/launch-memo/drill").await;
    own.has("Your own topic")
        .has(r#"<input type="hidden" name="prompt" value="">"#);
    let posted = browser
        .post_form(
            "/artifacts/launch-memo/drill",
            &[("prompt", ""), ("started", "x"), ("text", HOSTILE)],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    let report = browser.get(posted.location()).await;
    report
        .has(r#"href="/artifacts/launch-memo/drill?from="#)
        .lacks("The prompt</span>")
        .lacks("took ");
    let user = server.store.local_user().await.expect("local user").id;
    assert_eq!(
        server.store.attempts(user).await.expect("attempts").len(),
        1
    );
    server.stop().await;
}

#[tokio::test]
async fn another_users_drill_is_not_found() {
    let data = Data::new();
    let mut auth = Auth::multi_user();
    auth.trusted_proxies = debrief_web::TrustedProxies::parse(&["127.0.0.1"]).expect("address");
    let server = Server::start_over(&data, auth, Arc::new(artifact_fixture())).await;
    let ada = server.browser();
    ada.sign_up("ada").await;
    let posted = check(&ada, "memo-alerts", HOSTILE).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.text);
    let report = posted.location().to_owned();
    assert_eq!(ada.get(&report).await.status, StatusCode::OK);
    let id = report.rsplit('/').next().unwrap_or_default();
    let bob = server.browser().at_address("10.0.0.2");
    bob.sign_up("bob").await;
    assert_eq!(bob.get(&report).await.status, StatusCode::NOT_FOUND);
    let retry = bob
        .get(&format!("/artifacts/launch-memo/drill?from={id}"))
        .await;
    assert_eq!(retry.status, StatusCode::NOT_FOUND);
    retry.lacks("We will launch");
    bob.get("/progress").await.lacks(">Artifact drill</a>");
    server.stop().await;
}

#[tokio::test]
async fn progress_and_today_read_round_kinds_the_content_no_longer_has() {
    let app = App::start_with(Arc::new(artifact_fixture())).await;
    let user = app.store.local_user().await.expect("local user").id;
    for (source, kind) in [
        ("artifact", "artifact:gone"),
        ("practice", "retired-kind"),
        ("artifact", "artifact:launch-memo"),
    ] {
        app.store
            .record_attempt(
                user,
                &debrief_store::NewAttempt {
                    source: source.into(),
                    mock_id: None,
                    question_id: None,
                    round_kind: kind.into(),
                    role: None,
                    company: None,
                    score: 64,
                    rating: "hire".into(),
                    answer: "## FAQ\nIt went well.".into(),
                    summary_json: "{}".into(),
                },
                1_795_000_000,
            )
            .await
            .expect("recorded");
    }
    let page = app.get("/progress").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("<td>artifact:gone</td>")
        .has("<td>retired-kind</td>")
        .has("<td>Launch memo</td>")
        .has("A document on a topic of your own")
        .has(r#"href="/artifacts/gone/attempts/1">Artifact drill</a>"#);
    // The report of a drill whose kind is gone is a 404 that lists the kinds there are.
    let gone = app.get("/artifacts/gone/attempts/1").await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    gone.has("No such artifact kind");
    // A row saved without the drill's summary still reads back.
    let report = app.get("/artifacts/launch-memo/attempts/3").await;
    assert_eq!(report.status, StatusCode::OK);
    report.has("Launch memo: your check");
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    let api = app.get("/api/progress").await;
    assert_eq!(api.status, StatusCode::OK);
    let json = api.json();
    assert_eq!(json["artifacts"][0]["round_kind"], "artifact:gone");
    assert_eq!(
        json["series"]["artifacts"][1]["key"],
        "artifact:launch-memo"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_drill_draft_is_kept_as_typed_opens_again_and_is_dropped_when_checked() {
    let data = Data::new();
    let (_server, browser) = drill_server(&data).await;
    let drill = "/artifacts/launch-memo/drill?prompt=memo-payouts";
    let page = browser.get(drill).await;
    let started = hidden(&page, "started");
    let typed = "## Announcement\nToday owners get paid <b>within the hour</b>.";

    // The autosave: JSON in and out.
    let saved = browser
        .post_script(
            "/artifacts/launch-memo/draft",
            &[
                ("prompt", "memo-payouts"),
                ("started", &started),
                ("text", typed),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let json: serde_json::Value = serde_json::from_str(&saved.text).expect("JSON");
    assert_eq!(json["saved"], true);
    assert!(json["at"].as_i64().is_some());

    // Reopened (another tab, a restart): the draft, escaped, with the drill's first start.
    let again = browser.get(drill).await;
    again
        .is_page()
        .has("Today owners get paid &lt;b&gt;within the hour&lt;/b&gt;.")
        .lacks("[Written on launch day")
        .has(&format!(
            r#"<input type="hidden" name="started" value="{started}">"#
        ));
    // Another prompt has no draft.
    browser
        .get("/artifacts/launch-memo/drill")
        .await
        .is_page()
        .has("[Written on launch day");

    // Without JavaScript: the "Save draft" button posts the form and comes back with a notice.
    let edited = format!("{typed}\nSecond line.");
    let posted = browser
        .post_form(
            "/artifacts/launch-memo/draft",
            &[
                ("prompt", "memo-payouts"),
                ("started", &started),
                ("text", &edited),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.text);
    assert!(
        posted.location().starts_with(drill),
        "{}",
        posted.location()
    );
    browser
        .get(posted.location())
        .await
        .is_page()
        .has("Draft saved at")
        .has("Second line.");

    // An unknown prompt is refused in the script's terms; nothing is lost from the box.
    let refused = browser
        .post_script(
            "/artifacts/launch-memo/draft",
            &[
                ("prompt", "memo-nope"),
                ("started", &started),
                ("text", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(refused.text.contains("\"error\""), "{}", refused.text);

    // Checked: kept in the history, and the next drill of the prompt starts from the template.
    let checked = check(&browser, "memo-payouts", &edited).await;
    assert_eq!(checked.status, StatusCode::SEE_OTHER, "{}", checked.text);
    browser
        .get(drill)
        .await
        .is_page()
        .has("[Written on launch day")
        .lacks("Second line.");
}
