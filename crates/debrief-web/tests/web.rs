//! The web app over real HTTP: each test starts `serve` on 127.0.0.1:0 with the small fixture
//! pack of debrief-content and asserts on what a browser or an API client would get.

// Multi-user mode, CSRF and isolation between users, in the same test binary.
#[path = "web/auth.rs"]
mod auth;
#[path = "web/mock.rs"]
mod mock;

// The server, the clients and the page assertions all three files drive the app with.
#[path = "web/harness.rs"]
mod harness;

use harness::{App, Page, Part, fixture, hidden, in_days, multipart, quoted_after, read};
use reqwest::StatusCode;
use serde_json::Value;

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
        .has(r#"href="/lp""#)
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
        .has("Unknown Leadership Principle “&lt;script&gt;nope”")
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
    js.has("optgroup").has("/api/grade").has("textContent");
    app.stop().await;
}

/// The fixture answer the tests grade: the fixture's one rule, "fog-helped", flags "helped".
const HELPED: &str = "I helped the team ship the checkout fix.";

/// What the grader says about `answer` directly, as the CLI would print it.
fn graded(answer: &str) -> debrief_grader::Report {
    debrief_grader::Grader::new(std::sync::Arc::new(fixture()))
        .grade(&debrief_grader::GradeRequest {
            answer: answer.to_owned(),
            role: Some(debrief_pack::Role::Pm),
            round: Some("behavioral".into()),
            ..Default::default()
        })
        .expect("the fixture grades a PM behavioral answer")
}

/// The text inside mark `id` of a page, tags stripped and its tooltip left out.
fn mark_text(body: &str, id: usize) -> String {
    let open = format!(r#"id="m-{id}" tabindex="0" aria-describedby="tip-{id}">"#);
    let start = body.find(&open).map(|at| at + open.len()).expect("mark");
    let end = start + body[start..].find(r#"<span class="tip""#).expect("tooltip");
    let mut text = String::new();
    let mut in_tag = false;
    for c in body[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    // Screen-reader labels of STAR parts sit inside marks too.
    for part in [
        "Situation: ",
        "Task: ",
        "Action: ",
        "Result: ",
        "S",
        "T",
        "A",
        "R",
    ] {
        if let Some(rest) = text.strip_prefix(part)
            && rest.chars().next().is_some_and(char::is_lowercase)
        {
            text = rest.to_owned();
        }
    }
    text
}

#[tokio::test]
async fn the_grade_api_returns_the_reports_json_with_byte_spans() {
    let app = App::start().await;
    let body = serde_json::json!({ "answer": HELPED, "role": "pm", "round": "behavioral" });
    let page = app.post_json("/api/grade", body.to_string()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.content_type.starts_with("application/json"));
    // Byte for byte what serde_json writes for the core's report: the CLI's contract.
    assert_eq!(
        page.body,
        serde_json::to_string(&graded(HELPED)).expect("report JSON")
    );
    let report = page.json();
    let findings = report["findings"].as_array().expect("findings");
    let fog = findings
        .iter()
        .find(|f| f["rule"] == "fog-helped")
        .expect("fog-helped fires on “helped”");
    assert_eq!(fog["start"], 2);
    assert_eq!(fog["end"], 8);
    assert_eq!(fog["text"], "helped");
    assert_eq!(fog["category"], "collaboration-fog");
    assert_eq!(fog["severity"], "warning");
    assert_eq!(fog["message"], "Helping hides what you did.");
    assert_eq!(fog["suggestion"], "Name the decision that was yours.");
    assert_eq!(report["role"], "pm");
    assert_eq!(report["round"], "behavioral");
    assert_eq!(report["rubric"], "behavioral-pm");
    assert_eq!(report["budget_seconds"], 180);
    assert_eq!(report["words"], 8);
    let keys: Vec<&str> = report
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "id",
        "score",
        "rating",
        "role_lean",
        "dimensions",
        "findings",
        "star",
        "metrics",
        "words",
        "spoken_seconds",
        "budget_seconds",
        "fillers_per_minute",
        "round",
        "role",
        "rubric",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }

    // Spans count bytes: "Café — " is 10 bytes but 7 characters.
    let answer = "Café — I helped the team.";
    let body = serde_json::json!({ "answer": answer, "role": "pm", "transcript": false });
    let report = app.post_json("/api/grade", body.to_string()).await.json();
    let fog = &report["findings"][0];
    assert_eq!(fog["rule"], "fog-helped");
    assert_eq!(
        (fog["start"].as_u64(), fog["end"].as_u64()),
        (Some(12), Some(18))
    );
    assert_eq!(&answer[12..18], "helped");

    // Role, round and company may be null or left out; the caller's id comes back.
    let body = r#"{"answer": "I helped them.", "role": null, "round": null, "company": "Amazon", "id": "a-1"}"#;
    let page = app.post_json("/api/grade", body).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let report = page.json();
    assert_eq!(report["id"], "a-1");
    assert_eq!(report["role"], Value::Null);
    assert_eq!(report["round"], "behavioral");
    app.stop().await;
}

#[tokio::test]
async fn the_grade_api_explains_what_it_cannot_grade() {
    let app = App::start().await;
    let error = |page: &Page| -> String {
        assert!(
            page.content_type.starts_with("application/json"),
            "{}",
            page.body
        );
        page.json()["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error in {}", page.body))
            .to_owned()
    };
    let page = app
        .post_json("/api/grade", r#"{"answer": "I helped.", "round": "nope"}"#)
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let message = error(&page);
    assert!(message.contains("unknown round kind `nope`"), "{message}");
    assert!(
        message.contains("valid round kinds: behavioral"),
        "{message}"
    );

    for answer in ["", "   \n\t "] {
        let body = serde_json::json!({ "answer": answer, "role": "pm" }).to_string();
        let page = app.post_json("/api/grade", body).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(
            error(&page).contains("the answer is empty"),
            "{}",
            page.body
        );
    }

    let page = app
        .post_json("/api/grade", r#"{"answer": "I helped.", "role": "ceo"}"#)
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        error(&page).contains("valid roles: pm, pmm"),
        "{}",
        page.body
    );

    let page = app
        .post_json(
            "/api/grade",
            r#"{"answer": "I helped.", "company": "acme"}"#,
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        error(&page).contains("valid companies: amazon"),
        "{}",
        page.body
    );

    // The fixture has no PMM behavioral rubric.
    let page = app
        .post_json("/api/grade", r#"{"answer": "I helped.", "role": "pmm"}"#)
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(error(&page).contains("no rubric scores round kind `behavioral`"));

    for (body, says) in [
        ("{\"answer\": ", "not a valid grade request"),
        ("not json", "not a valid grade request"),
        (r#"{"role": "pm"}"#, "missing field `answer`"),
        (r#"{"answer": 3}"#, "invalid type"),
        (
            r#"{"answer": "x", "qestion": "y"}"#,
            "unknown field `qestion`",
        ),
    ] {
        let page = app.post_json("/api/grade", body).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{body}");
        assert!(error(&page).contains(says), "{body}: {}", page.body);
    }

    // Over 1 MB of answer is the grader's 400; a body far over the limit is a 413.
    let big = "a ".repeat(500_001);
    let body = serde_json::json!({ "answer": big }).to_string();
    let page = app.post_json("/api/grade", body).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(error(&page).contains("the limit is 1 MB"), "{}", page.body);
    let huge = format!(
        r#"{{"answer": "{}"}}"#,
        "a".repeat(debrief_web::GRADE_BODY_LIMIT + 1)
    );
    let page = app.post_json("/api/grade", huge).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(error(&page).contains("limit"), "{}", page.body);

    let page = app.get("/api/grade").await;
    assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(error(&page).contains("use POST"));

    let rubric = app.get("/api/rubrics/behavioral-pm").await;
    assert_eq!(rubric.status, StatusCode::OK);
    assert_eq!(
        rubric.json()["dimension"][0]["anchors"]["hire"],
        "An owned decision."
    );
    let page = app.get("/api/rubrics/nope").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(error(&page).contains("valid rubrics: behavioral-pm"));
    app.stop().await;
}

#[tokio::test]
async fn practice_without_javascript_posts_and_renders_the_report() {
    let app = App::start().await;
    let answer = "I helped the team. <script>alert(1)</script> Retention rose 12% in 6 weeks.";
    let page = app
        .post_form(
            "/practice",
            &[
                ("company", ""),
                ("role", "pm"),
                ("round", "behavioral"),
                ("question_id", ""),
                (
                    "question",
                    "<script>alert(2)</script> Tell me about a launch.",
                ),
                ("answer", answer),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let report = graded(answer);
    page.is_page()
        .has(r##"<form class="card practice-form" id="practice-form" action="/practice#report" method="post""##)
        .has(r#"<button type="submit" class="button primary block" id="grade-button">Grade my answer</button>"#)
        .has(&format!(r#"<span class="score-num">{}</span>"#, report.score))
        .has(&format!(
            r#"<span class="badge rating rating-{}">{}</span>"#,
            report.rating.id(),
            report.rating.label()
        ))
        .has(r#"<mark class="finding sev-warning d0" id="m-0" tabindex="0" aria-describedby="tip-0">"#)
        .has(r#"<span class="tip" id="tip-0" role="tooltip">"#)
        .has("Collaboration fog · Warning")
        .has(r#"<span class="tip-msg">Helping hides what you did.</span>"#)
        .has("<strong>Instead:</strong> Name the decision that was yours.")
        .has(r##"<a class="finding-link" href="#m-0">Show in answer</a>"##)
        // The dimension table: label, 1-4 score with its word, anchor, weight, evidence.
        .has(r#"<span class="dim-label">Ownership</span>"#)
        .has("Counts against: collaboration-fog:</span> <q>helped</q>")
        .has(r#"<td class="dim-weight">40%</td>"#)
        .has(r#"<span class="chip metric-chip">12%</span>"#)
        .has(r#"<option value="pm" selected>PM</option>"#)
        // Every user string is escaped: in the textarea, the marked answer and the question.
        .lacks("<script>alert")
        .has("&lt;script&gt;alert(2)&lt;/script&gt; Tell me about a launch.</textarea>");
    assert_eq!(mark_text(&page.body, 0), "helped");
    assert!(
        page.text.matches("alert(1)&lt;/script&gt;").count() >= 2,
        "the answer is shown, escaped, in the form and marked up"
    );
    // The answer comes back verbatim (after the newline a textarea swallows).
    assert!(page.text.contains(&format!(
        "spellcheck=\"true\">\n{}</textarea>",
        answer.replace('<', "&lt;").replace('>', "&gt;")
    )));
    let score = report
        .dimensions
        .iter()
        .find(|d| d.id == "ownership")
        .map(|d| d.score)
        .expect("ownership");
    assert!(page.text.contains(&format!(
        r#"<span class="points points-{score}">{score}<span class="points-of">/4</span></span>"#
    )));

    // Byte offsets are sliced on the server on character boundaries.
    let page = app
        .post_form(
            "/practice",
            &[
                ("role", "pm"),
                ("round", "behavioral"),
                ("answer", "Café — I helped the team."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(mark_text(&page.body, 0), "helped");
    page.has("Café — I ");

    // A bank question is graded with its text and shown above the answer.
    let page = app
        .post_form(
            "/practice",
            &[
                ("role", "pm"),
                ("round", "behavioral"),
                ("question_id", "q-001"),
                ("answer", HELPED),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.has(r#"<option value="q-001" data-round="behavioral" selected>"#)
        .has(r#"<p class="prompt-text">Tell me about a metric you traced to its root cause.</p>"#);
    app.stop().await;
}

#[tokio::test]
async fn practice_form_errors_are_explained_on_the_page() {
    let app = App::start().await;
    let page = app
        .post_form(
            "/practice",
            &[("role", "pm"), ("round", "behavioral"), ("answer", "  ")],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .has(r#"<div class="callout error" role="alert">"#)
        .has("The answer is empty; write or paste an answer to grade.")
        .lacks(r#"class="score-num""#);

    let page = app
        .post_form("/practice", &[("round", "nope"), ("answer", HELPED)])
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("Unknown round kind “nope”")
        .has("valid round kinds: behavioral")
        .has("I helped the team ship the checkout fix.</textarea>");

    // Updating the question list keeps the answer and grades it when there is one.
    let page = app
        .post_form(
            "/practice",
            &[
                ("company", "amazon"),
                ("role", "pm"),
                ("action", "filter"),
                ("answer", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    page.lacks(r#"role="alert""#)
        .has("Your debrief appears here")
        .has(r#"<option value="amazon" selected>Amazon</option>"#);

    let page = app
        .post_form(
            "/practice",
            &[
                ("role", "pm"),
                (
                    "answer",
                    &"helped ".repeat(debrief_web::PRACTICE_BODY_LIMIT / 7 + 1),
                ),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    page.is_page().has("too large to grade");
    app.stop().await;
}

#[tokio::test]
async fn practice_picks_questions_from_the_bank() {
    let app = App::start().await;
    let page = app.get("/practice?question=q-001").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has(r#"<a href="/practice" aria-current="page">Practice</a>"#)
        .has("<h1>Practice an answer</h1>")
        .has(r#"<label for="answer">Your answer</label>"#)
        .has(r#"<textarea id="answer" name="answer""#)
        .has(r#"<option value="q-001" data-round="behavioral" selected>Tell me about a metric you traced to its root cause.</option>"#)
        .has(r#"<p class="prompt-text">Tell me about a metric you traced to its root cause.</p>"#)
        // The question's only role and its round are preset.
        .has(r#"<option value="pm" selected>"#)
        .has(r#"<option value="behavioral" selected>Behavioral</option>"#)
        .has("Your debrief appears here")
        .lacks(r#"class="score-num""#);

    // A company question presets its company; an explicit empty role stays "either".
    let page = app.get("/practice?question=q-002&role=").await;
    page.has(r#"<option value="amazon" selected>Amazon</option>"#)
        .has(r#"<option value="" selected>Either role</option>"#)
        .has("Tell me about a launch whose message you had to correct.");

    // A loop's company and role narrow the rounds to the loop's and the bank to its questions.
    let page = app.get("/practice?company=amazon&role=pm").await;
    assert_eq!(page.status, StatusCode::OK);
    page.has(r#"<option value="amazon" selected>Amazon</option>"#)
        .has(r#"<option value="q-001" data-round="behavioral">Tell me about a metric"#)
        .lacks(r#"<option value="q-002""#)
        .has("1 Behavioral question for Amazon PM candidates.");

    let page = app.get("/practice?question=%3Cscript%3Ex").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .lacks("<script>x")
        .has("There is no question “&lt;script&gt;x” in the bank.");

    // Cards in the bank and rounds of a loop link here.
    app.get("/questions")
        .await
        .has(r#"<a href="/practice?question=q-001">Practice this question"#);
    app.get("/loops/amazon/pm")
        .await
        .has(r#"href="/practice?company=amazon&amp;role=pm&amp;round=behavioral""#)
        .has(r#"href="/practice?company=amazon&amp;role=pm""#);
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// The candidate's data: story bank, fit diagnostic, prep plan

/// A story strong enough to carry a principle: an owned decision, a number, a result.
const STRONG_ACTION: &str = "I decided to pause the rollout and told our three largest customers \
    the exact cause before they asked. I wrote a one-page postmortem, shared it with them, and \
    committed to a fix date, which we met.";
const STRONG_RESULT: &str = "All three renewed within 30 days, churn on the account segment fell \
    from 9% to 4% in two quarters, and the postmortem format became our team's standard.";

/// The form fields of a story.
fn story_fields<'a>(title: &'a str, action: &'a str, lps: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("title", title),
        ("role", "pmm"),
        (
            "situation",
            "A billing bug overcharged 40 enterprise customers for two months.",
        ),
        (
            "task",
            "I owned the customer response and had to keep the accounts.",
        ),
        ("action", action),
        ("result", STRONG_RESULT),
        ("metrics", "churn 9% to 4%; 3 of 3 renewed"),
        ("tags", "billing, trust , "),
    ];
    fields.extend(lps.iter().map(|lp| ("lps", *lp)));
    fields
}

/// The table row of the coverage matrix for `lp`.
fn coverage_row(body: &str, lp: &str) -> String {
    let start = body
        .find(&format!(r#"id="cov-{lp}">"#))
        .unwrap_or_else(|| panic!("no coverage row for {lp}"));
    let end = body[start..].find("</tr>").expect("row ends") + start;
    body[start..end].to_owned()
}

/// The marked-up text of one part on a story page.
fn part_html(body: &str, part: &str) -> String {
    let start = body
        .find(&format!(r#"<div class="marked" data-part="{part}">"#))
        .unwrap_or_else(|| panic!("no {part} part"));
    let end = body[start..].find("</div>").expect("part ends") + start;
    body[start..end].to_owned()
}

#[tokio::test]
async fn a_story_added_through_the_form_is_listed_and_linted_in_place() {
    let app = App::start_builtin().await;
    let page = app.get("/stories").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("No stories yet")
        .has(r#"<nav class="site-nav nav-mine" aria-label="Your prep">"#)
        .has(r#"<a href="/stories" aria-current="page">Stories</a>"#);

    let page = app.get("/stories/new").await;
    page.is_page()
        .has(r#"<form class="card story-form" action="/stories" method="post""#)
        .has(r#"<label for="title">Title</label>"#)
        .has(r#"name="lps" value="earn-trust""#)
        .has("Earn Trust");

    let action = "I helped the team ship the fix. I decided to pause the rollout.";
    let page = app
        .post_form(
            "/stories",
            &story_fields("Billing bug", action, &["earn-trust"]),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.is_page()
        .has("<h1 class=\"story-h1\">Billing bug</h1>")
        .has("Saved.")
        .has(r#"<span class="score-num">"#);
    // The finding sits in the action field, highlighted where it is, with its tip.
    let action_html = part_html(&page.text, "action");
    assert!(
        action_html.contains(r#"<mark class="finding sev-"#),
        "{action_html}"
    );
    let mark = action_html
        .split("<mark ")
        .nth(1)
        .expect("a mark in the action");
    assert!(
        mark.contains(">helped") || mark.contains(">I helped"),
        "the highlight is on “helped”: {mark}"
    );
    assert!(mark.contains(r#"role="tooltip""#) && mark.contains("<strong>Instead:</strong>"));
    assert!(
        page.text
            .contains(r##"<a class="finding-link" href="#m-0">Show in story</a>"##)
    );

    let list = app.get("/stories").await;
    list.is_page()
        .has(r#"<a class="stretched" href="/stories/1">Billing bug</a>"#)
        .has("#billing")
        .has("#trust")
        .has(r#"<span class="chip lp-chip">Earn Trust</span>"#)
        .has("/100");
    let stored = app
        .store
        .stories(app.store.local_user().await.expect("user").id)
        .await;
    let stored = stored.expect("stories");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].tags, ["billing", "trust"]);
    assert_eq!(stored[0].action, action);

    // Edit, then delete after a confirmation.
    let page = app.get("/stories/1/edit").await;
    page.is_page()
        .has(r#"action="/stories/1""#)
        .has(r#"value="Billing bug""#)
        .has(r#"value="earn-trust" checked"#);
    let page = app
        .post_form(
            "/stories/1",
            &story_fields("Billing bug, retold", action, &[]),
        )
        .await;
    page.is_page().has("Billing bug, retold");
    let page = app.get("/stories/1/delete").await;
    page.is_page()
        .has("Delete this story?")
        .has(r#"<form action="/stories/1/delete" method="post""#);
    let page = app.post_form("/stories/1/delete", &[]).await;
    page.is_page().has("Story deleted.").has("No stories yet");
    assert_eq!(app.get("/stories/1").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/stories/abc").await.status, StatusCode::NOT_FOUND);
    app.stop().await;
}

#[tokio::test]
async fn bad_story_input_comes_back_with_the_text_kept() {
    let app = App::start_builtin().await;
    let mut fields = story_fields("", "I kept every word.", &["earn-trust", "earn-trsut"]);
    fields.push(("situation", "ignored duplicate"));
    let page = app.post_form("/stories", &fields).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .has(r#"role="alert""#)
        .has("The title is empty")
        .has("earn-trsut")
        .has("I kept every word.</textarea>")
        .has(r#"value="earn-trust" checked"#)
        .has(r#"value="earn-trsut" checked"#);
    let user = app.store.local_user().await.expect("user");
    assert!(
        app.store
            .stories(user.id)
            .await
            .expect("stories")
            .is_empty()
    );
    app.stop().await;
}

#[tokio::test]
async fn coverage_changes_when_a_strong_story_covers_a_principle() {
    let app = App::start_builtin().await;
    let page = app.get("/stories?company=amazon&role=pmm").await;
    page.is_page().has("Coverage: Amazon PMM");
    let row = coverage_row(&page.text, "earn-trust");
    assert!(row.contains("Earn Trust: no story"), "{row}");
    // The default loop with no plan is Amazon PMM.
    assert!(
        app.get("/stories")
            .await
            .text
            .contains("Coverage: Amazon PMM")
    );

    let page = app
        .post_form(
            "/stories",
            &story_fields("Billing bug", STRONG_ACTION, &["earn-trust"]),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert!(
        page.text.contains("Strength: Strong"),
        "the story is strong: {}",
        page.text
    );
    let page = app.get("/stories?company=amazon&role=pmm").await;
    let row = coverage_row(&page.text, "earn-trust");
    assert!(!row.contains("no story"), "{row}");
    assert!(
        row.contains("Covered") && row.contains("Billing bug"),
        "{row}"
    );
    assert!(row.contains("strength-strong"), "{row}");
    app.stop().await;
}

#[tokio::test]
async fn export_then_import_into_a_fresh_store_round_trips() {
    let app = App::start_builtin().await;
    let tricky = "Line one, with \"quotes\";\nline two | # ## `ticks` \\ end ";
    for (title, lps) in [
        ("First, \"quoted\" story", vec!["earn-trust"]),
        ("Second story", vec!["dive-deep", "deliver-results"]),
    ] {
        let mut fields = story_fields(title, tricky, &lps);
        fields.retain(|(k, _)| *k != "role");
        let page = app.post_form("/stories", &fields).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    }
    for (path, media) in [
        ("/stories/export.json", "application/json"),
        ("/stories/export.md", "text/markdown"),
        ("/stories/export.csv", "text/csv"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.content_type.starts_with(media),
            "{}",
            page.content_type
        );
        let disposition = page.headers[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii");
        assert!(disposition.starts_with("attachment; filename=\"debrief-stories."));
    }
    let json = app.get("/stories/export.json").await.body;
    let csv = app.get("/stories/export.csv").await.body;

    for (name, content, format) in [
        ("stories.json", json.as_str(), "auto"),
        ("my-export.txt", csv.as_str(), "csv"),
    ] {
        let fresh = App::start_builtin().await;
        // A browser uploads the file as multipart/form-data.
        let request = multipart(
            fresh.post("/stories/import"),
            &[
                Part::field("csrf", &fresh.csrf),
                Part::field("format", format),
                Part::file("file", name, content),
                Part::field("text", ""),
            ],
        );
        let page = read(request, "POST /stories/import").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        page.is_page().has("Imported 2 stories.");
        assert_eq!(
            fresh.get("/stories/export.json").await.body,
            json,
            "{name} round-trips"
        );
        let user = fresh.store.local_user().await.expect("user");
        let stories = fresh.store.stories(user.id).await.expect("stories");
        assert_eq!(stories.len(), 2);
        assert!(stories.iter().all(|s| s.action == tricky));
        fresh.stop().await;
    }
    app.stop().await;
}

#[tokio::test]
async fn an_invalid_import_names_the_line_and_adds_nothing() {
    let app = App::start_builtin().await;
    app.post_form(
        "/stories",
        &story_fields("Kept story", STRONG_ACTION, &["earn-trust"]),
    )
    .await;
    let bad_csv = "title,action,lps\r\n\"Fine\",\"I decided.\",\"earn-trust\"\r\n\"Broken\",\"I \"did\" it\",\"\"\r\n";
    let page = app
        .post_form("/stories/import", &[("format", "csv"), ("text", bad_csv)])
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .has(r#"<div class="callout error" role="alert" id="import-errors">"#)
        .has("Nothing was imported.")
        .has("CSV line 3")
        // The pasted text is kept, escaped.
        .has("&quot;Broken&quot;");
    // An unknown principle in an otherwise valid file is refused too.
    let bad_lp = r#"{"version": 1, "stories": [{"title": "A", "action": "I decided.", "lps": ["earn-trsut"]}]}"#;
    let page = app
        .post_form("/stories/import", &[("format", "json"), ("text", bad_lp)])
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("Story 1 (“A”)").has("earn-trsut");
    let page = app
        .post_form(
            "/stories/import",
            &[
                ("format", "json"),
                ("text", "{\n  \"stories\": [\n    {\"titel\": 1}\n  ]\n}"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("JSON line 3");
    let user = app.store.local_user().await.expect("user");
    let stories = app.store.stories(user.id).await.expect("stories");
    assert_eq!(stories.len(), 1, "nothing was added");
    assert_eq!(stories[0].title, "Kept story");
    app.stop().await;
}

#[tokio::test]
async fn the_fit_questionnaire_saves_results_and_lists_them() {
    let app = App::start_builtin().await;
    let page = app.get("/fit").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has(r##"<form class="fit-form" action="/fit#result" method="post""##)
        .has("None saved yet.");
    // Pick the first option of every item, as the radio groups name them.
    let mut picks: Vec<(String, String)> = Vec::new();
    for chunk in page.body.split(r#"type="radio" id=""#).skip(1) {
        let name = quoted_after(chunk, r#"name=""#).expect("name");
        let value = quoted_after(chunk, r#"value=""#).expect("value");
        if !picks.iter().any(|(n, _)| n == name) {
            picks.push((name.to_owned(), value.to_owned()));
        }
    }
    assert!(picks.len() >= 20, "{} items", picks.len());
    let mut form: Vec<(&str, &str)> = picks
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    form.push((
        "win1",
        "I rebuilt the onboarding funnel and cut the signup steps from 7 to 3; activation rose from 18% to 29%.",
    ));
    form.push((
        "win2",
        "<script>alert(1)</script> I repositioned the product.",
    ));
    let page = app.post_form("/fit", &form).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.is_page()
        .has("Saved.")
        .has("%</strong> confidence")
        .has(r#"<span class="badge fit-badge fit-"#)
        .has("The evidence, item by item")
        .has("Win 1:")
        .lacks("<script>alert")
        .has("&lt;script&gt;alert(1)&lt;/script&gt;");
    // The form comes back with the answers chosen.
    let (first_name, first_value) = &picks[0];
    assert!(page.text.contains(&format!(
        r#"name="{first_name}" value="{first_value}" checked"#
    )));
    let user = app.store.local_user().await.expect("user");
    let saved = app.store.fit_results(user.id).await.expect("results");
    assert_eq!(saved.len(), 1);
    let result: Value = serde_json::from_str(&saved[0].result_json).expect("JSON");
    assert!(result["recommendation"].is_string());

    // A second result lists both, newest first.
    app.post_form("/fit", &form[..3]).await;
    let page = app.get("/fit").await;
    assert_eq!(page.text.matches(r#"<a href="/fit?result="#).count(), 2);
    // Nothing answered is explained, not saved.
    let page = app.post_form("/fit", &[("win1", "  ")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("Answer at least one situation");
    let page = app
        .post_form("/fit", &[(picks[0].0.as_str(), "nope")])
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("Unknown option");
    assert_eq!(
        app.store.fit_results(user.id).await.expect("results").len(),
        2
    );
    app.stop().await;
}

#[tokio::test]
async fn a_plan_is_made_and_its_items_ticked_without_javascript() {
    let app = App::start_builtin().await;
    let page = app.get("/plan").await;
    page.is_page()
        .has(r#"<form class="card plan-form" action="/plan" method="post""#)
        .has(r#"<input type="date" id="interview-date" name="interview_date""#)
        .has("No plan yet");

    let date = in_days(30);
    let page = app
        .post_form(
            "/plan",
            &[
                ("company", "amazon"),
                ("role", "pmm"),
                ("level", "l5"),
                ("interview_date", &date),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.is_page()
        .has("Prep plan: Amazon PMM")
        .has("Week 1")
        .has(r#"href="/plan/1.ics""#)
        .has(r#"href="/plan/1.md""#)
        .lacks(r#"aria-pressed="true""#);
    let item = hidden(&page, "item");
    let total = page.body.matches(r#"class="tick-form""#).count();
    assert!(
        page.text
            .contains(&format!("0 <span class=\"of\">of {total}</span>"))
    );

    let page = app
        .post_form("/plan/1/items", &[("item", &item), ("done", "1")])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let li = page
        .text
        .split(&format!(r#"id="item-{item}""#))
        .nth(1)
        .expect("the item")
        .split("</li>")
        .next()
        .expect("item ends");
    assert!(li.contains(r#"aria-pressed="true""#), "{li}");
    assert!(li.contains(r#"name="done" value="0""#), "{li}");
    assert!(
        page.text
            .contains(&format!("1 <span class=\"of\">of {total}</span>"))
    );
    assert!(page.text.contains(r#"class="plan-item is-done""#));

    let md = app.get("/plan/1.md").await;
    assert!(md.content_type.starts_with("text/markdown"));
    assert!(md.body.contains("- [x] ") && md.body.contains(&format!("`{item}`")));
    let ics = app.get("/plan/1.ics").await;
    assert!(ics.content_type.starts_with("text/calendar"));
    assert!(ics.body.starts_with("BEGIN:VCALENDAR"));
    assert!(
        ics.headers[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii")
            .starts_with("attachment;")
    );

    // Unticking, and the list of plans.
    app.post_form("/plan/1/items", &[("item", &item), ("done", "0")])
        .await;
    let page = app.get("/plan").await;
    page.has(r#"<a class="stretched" href="/plan/1">Amazon PMM, "#)
        .has(&format!("0 of {total} done"));
    // The coverage panel now defaults to the plan's loop.
    assert!(
        app.get("/stories")
            .await
            .text
            .contains("Coverage: Amazon PMM")
    );

    // Mistakes come back on the form.
    let page = app
        .post_form(
            "/plan",
            &[
                ("company", "amazon"),
                ("role", "pmm"),
                ("level", "l5"),
                ("interview_date", &in_days(-3)),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("in the past");
    let page = app
        .post_form(
            "/plan",
            &[
                ("company", "amazon"),
                ("role", "pmm"),
                ("interview_date", "2026-02-30"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("not a valid date");
    assert_eq!(app.get("/plan/99").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/plan/99.ics").await.status, StatusCode::NOT_FOUND);
    let page = app
        .post_form("/plan/1/items", &[("item", "nope"), ("done", "1")])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    app.stop().await;
}

#[tokio::test]
async fn every_user_string_on_the_data_pages_is_escaped() {
    let app = App::start_builtin().await;
    let evil = "<script>alert(1)</script>";
    let action = format!("I helped the team. {evil} I decided to ship.");
    let mut fields = story_fields(evil, &action, &["earn-trust"]);
    fields.push(("tags", "<b>bold</b>"));
    let page = app.post_form("/stories", &fields).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.is_page()
        .lacks("<script>alert")
        .lacks("<b>bold")
        .has("&lt;script&gt;alert(1)&lt;/script&gt;");
    for path in [
        "/stories",
        "/stories/1",
        "/stories/1/edit",
        "/stories/1/delete",
        "/stories?company=amazon&role=pmm",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        page.is_page()
            .lacks("<script>alert")
            .has("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
    // A bad form echoes the text escaped too.
    let page = app
        .post_form("/stories", &[("title", ""), ("action", evil)])
        .await;
    page.lacks("<script>alert")
        .has("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>");
    let page = app
        .post_form("/stories/import", &[("format", "csv"), ("text", evil)])
        .await;
    page.lacks("<script>alert").has("&lt;script&gt;");
    let page = app.get("/stories?company=%3Cscript%3E&role=pm").await;
    page.lacks("<script>").has("&lt;script&gt;");
    app.stop().await;
}
