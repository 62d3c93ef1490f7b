//! The public pages and the JSON API: home, loops, the question bank, the Leadership
//! Principles, the API's catalog values, and the assets and headers every response carries.

use reqwest::StatusCode;

use crate::harness::{App, Data, Server, quoted_after};

#[tokio::test]
async fn home_page_has_the_loop_form() {
    let app = App::start().await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has(r#"<form class="card picker" action="/loop" method="get""#)
        .has(r#"<select id="company" name="company">"#)
        .has(r#"<option value="amazon" selected>Amazon</option>"#)
        .has(r#"name="role" value="pm" checked"#)
        .has(r#"name="role" value="pmm""#)
        .has(r#"<label for="role-pmm">"#)
        // Role descriptions come from the pack.
        .has("What ships.")
        .has("How it is bought.")
        .has(r#"<select id="level" name="level""#)
        .has(r#"<optgroup label="Amazon" data-company="amazon">"#)
        .has(r#"<option value="l5" selected>L5</option>"#)
        .has(r#"<button type="submit" id="see-loop""#)
        .has(r#"href="/questions""#)
        .has(r#"href="/lp?company=amazon""#)
        .has(r#"href="/loops/amazon/pm""#);
    app.stop().await;
}

#[tokio::test]
async fn the_loop_page_shows_rounds_weights_sources_and_the_bar_raiser() {
    let app = App::start().await;
    let page = app.get("/loop?company=amazon&role=pm&level=l5").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("<h1>Amazon PM loop, L5</h1>")
        .has("A feature area.")
        .has("Owns outcomes.")
        .has(r#"<ol class="timeline">"#)
        .has(r#"<span class="badge badge-br">Bar Raiser</span>"#)
        .has("60 min")
        .has("A Bar Raiser")
        .has("Depth")
        .has(r#"<a class="chip lp-chip" href="/lp/dive-deep">Dive Deep"#)
        .has(r#"aria-label="weight 3 of 3""#)
        .has("Shallow metrics.")
        .has("22–30 days")
        .has("A write-up · 2025")
        .has(r#"href="/questions?company=amazon&amp;role=pm""#)
        .has(r#"href="/questions?company=amazon&amp;role=pm&amp;round=behavioral""#);
    // The readable address renders the same loop; case in ids is forgiven.
    let pretty = app.get("/loops/Amazon/PM?level=L5").await;
    assert_eq!(pretty.status, StatusCode::OK);
    pretty.has("<h1>Amazon PM loop, L5</h1>");
    let all_levels = app.get("/loops/amazon/pm").await;
    assert_eq!(all_levels.status, StatusCode::OK);
    all_levels
        .has("<h1>Amazon PM loop</h1>")
        .has("Pick your level")
        .has(r#"href="/loops/amazon/pm?level=l5""#)
        .lacks("A feature area.");
    app.stop().await;
}

#[tokio::test]
async fn unknown_loop_choices_are_friendly_404s_that_list_what_is_valid() {
    let app = App::start().await;
    let page = app.get("/loop?company=acme&role=pmm&level=l5").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.is_page()
        .has("We don’t cover that company")
        .has("“acme”")
        .has("valid companies: amazon")
        .has(r#"<a class="card choice" href="/loops/amazon/pmm">"#)
        .has("Amazon");

    let page = app.get("/loop?company=amazon&role=pm&level=l9").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.has("That level isn’t in this loop")
        .has(r#"href="/loops/amazon/pm?level=l5""#);

    let page = app.get("/loop?company=amazon&role=ceo").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.has(r#"href="/loops/amazon/pm""#)
        .has(r#"href="/loops/amazon/pmm""#);

    // The fixture has no PMM loop: the page says so and lists the loops there are.
    let page = app.get("/loops/amazon/pmm").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.has("Amazon has no PMM loop")
        .has(r#"href="/loops/amazon/pm""#);

    let page = app.get("/loop").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page().has("Choose a company and a role");

    let page = app.get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.is_page()
        .has("Page not found")
        .has(r#"href="/questions""#);
    app.stop().await;
}

#[tokio::test]
async fn question_search_ranks_filters_and_escapes() {
    let app = App::start().await;
    let page = app.get("/questions").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has(r#"<form class="card filters" action="/questions" method="get""#)
        .has(r#"<label for="q">Search</label>"#)
        .has(r#"<select id="lp" name="lp">"#)
        .has("2 questions")
        .has("Tell me about a metric you traced to its root cause.")
        .has("Tell me about a launch whose message you had to correct.");

    let page = app.get("/questions?q=root+cause").await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("1 question for “root cause”")
        .has("Tell me about a metric you traced to its root cause.")
        .lacks("Tell me about a launch whose message")
        .has(r#"value="root cause""#);

    let page = app
        .get("/questions?role=pmm&lp=dive-deep&difficulty=hard&company=amazon")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("1 question")
        .has("Tell me about a launch whose message you had to correct.")
        .has(r#"<li class="tag tag-company"><span class="visually-hidden">Company: </span>Amazon</li>"#)
        .has(r#"<option value="pmm" selected>"#)
        .has(r#"<option value="hard" selected>"#);

    let page = app.get("/questions?q=zebra").await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("No questions match “zebra”");

    // A typo is read as the nearest word of the bank, and the page says so.
    let page = app.get("/questions?q=root+cauze").await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("Tell me about a metric you traced to its root cause.")
        .has("Read “cauze” as “cause”: no question uses it as typed.");

    // Search text is echoed escaped, in the field and in the heading.
    let page = app
        .get("/questions?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.lacks("<script>alert")
        .has("&lt;script&gt;alert(1)&lt;/script&gt;");

    // Unknown filter values are explained on the page with a 400, still escaped.
    let page = app
        .get("/questions?lp=%3Cscript%3Enope&difficulty=brutal")
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .lacks("<script>nope")
        .has("Unknown principle or competency “&lt;script&gt;nope”")
        .has("valid: dive-deep")
        .has("Unknown difficulty “brutal”; valid difficulties: easy, medium, hard")
        .has(r#"role="alert""#);
    app.stop().await;
}

#[tokio::test]
async fn principle_pages_show_pm_and_pmm_proof_and_the_questions() {
    let app = App::start().await;
    let index = app.get("/lp").await;
    assert_eq!(index.status, StatusCode::OK);
    index
        .is_page()
        .has(r#"href="/lp/dive-deep""#)
        .has("Dive Deep")
        .has("Know the details.");

    let page = app.get("/lp/dive-deep").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("<h1>Dive Deep</h1>")
        .has("Leadership Principle 12")
        .has("Product Manager proof")
        .has("Trace a metric to its cause.")
        .has("Product Marketing Manager proof")
        .has("Know what the audience cares about.")
        .has("Tell me about a metric you traced to its root cause.")
        .has(r#"href="/questions?lp=dive-deep""#)
        .has("See all 2 questions")
        .has(r#"href="/loops/amazon/pm""#);

    let missing = app.get("/lp/dive-deeper").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    missing
        .is_page()
        .has("did you mean “dive-deep”?")
        .has(r#"href="/lp/dive-deep""#);
    app.stop().await;
}

#[tokio::test]
async fn the_api_returns_core_values_as_json() {
    let app = App::start().await;
    let page = app.get("/api/loop?company=amazon&role=pm&level=l5").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type.starts_with("application/json"));
    let view = page.json();
    assert_eq!(view["id"], "amazon-pm");
    assert_eq!(view["company"]["id"], "amazon");
    assert_eq!(view["level"]["id"], "l5");
    assert_eq!(view["total_minutes"], 60);
    assert_eq!(view["rounds"][0]["minutes"], 60);
    assert_eq!(view["rounds"][0]["bar_raiser"], true);
    assert_eq!(view["rounds"][0]["kind_name"], "Behavioral");
    assert_eq!(view["rounds"][0]["rubric"], "behavioral-pm");
    assert_eq!(view["principle_weights"][0]["name"], "Dive Deep");
    assert_eq!(view["principle_weights"][0]["weight"], 3);
    assert_eq!(view["timeline"][0]["min_days"], 22);

    let hits = app.get("/api/questions?role=pmm").await.json();
    assert_eq!(hits.as_array().map(Vec::len), Some(1));
    assert_eq!(hits[0]["id"], "q-002");
    assert!(hits[0].get("score").is_none(), "no score without a search");

    let hits = app.get("/api/questions?q=root%20cause").await.json();
    assert_eq!(hits[0]["id"], "q-001");
    assert!(hits[0]["score"].as_f64().is_some_and(|s| s > 0.0));

    let lps = app.get("/api/lps").await.json();
    assert_eq!(lps[0]["id"], "dive-deep");
    assert_eq!(lps[0]["pmm_proof"], "Know what the audience cares about.");
    let lp = app.get("/api/lps/dive-deep").await.json();
    assert_eq!(lp["number"], 12);

    let page = app.get("/api/loop?company=acme&role=pm").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("unknown company `acme`"))
    );

    let page = app.get("/api/loop?company=amazon").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("required"))
    );

    let page = app.get("/api/questions?difficulty=brutal").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("brutal"))
    );

    let page = app.get("/api/lps/nope").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.json()["error"].is_string());

    let page = app.get("/api/nothing-here").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.json()["error"].is_string());
    app.stop().await;
}

#[tokio::test]
async fn health_assets_and_headers() {
    let app = App::start().await;
    let page = app.get("/healthz").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body, "ok");

    let home = app.get("/").await;
    let css_href = quoted_after(&home.body, r#"<link rel="stylesheet" href=""#)
        .expect("stylesheet link")
        .to_owned();
    assert!(css_href.starts_with("/static/app.css?v="), "{css_href}");
    assert_eq!(
        home.headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.contains("script-src 'self'") && v.contains("connect-src 'self'")),
        Some(true)
    );
    assert_eq!(
        home.headers
            .get("x-content-type-options")
            .map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );

    let css = app.get(&css_href).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.content_type.starts_with("text/css"));
    assert!(
        css.headers
            .get("cache-control")
            .is_some_and(|v| v.as_bytes().starts_with(b"public, max-age="))
    );
    css.has(":focus-visible").has("@media (max-width: 600px)");

    let js = app.get("/static/app.js").await;
    assert!(js.content_type.starts_with("text/javascript"));
    // The Practice report comes from the server; the script only swaps it in.
    js.has("optgroup")
        .has("/practice/report")
        .has("textContent")
        .lacks("/api/grade");
    app.stop().await;
}

/// `/healthz` says `ok` only while the store answers, so a load balancer can take a process
/// whose database is gone out of rotation; the answer names no address.
#[tokio::test]
async fn the_health_check_reports_the_store() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let me = server.browser();
    let up = me.get("/healthz").await;
    assert_eq!((up.status, up.text.as_str()), (StatusCode::OK, "ok"));
    server.store.close().await;
    let down = me.get("/healthz").await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(down.text, "the store does not answer");
    server.stop().await;
}
