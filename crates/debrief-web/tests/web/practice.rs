//! Grading: the JSON API's contract, the Practice page without JavaScript, and the live
//! report column its script swaps in (`POST /practice/report`), which must be the same bytes
//! as the page's own report.

use reqwest::StatusCode;
use serde_json::Value;

use crate::harness::{App, Page, fixture, read};

/// The fixture answer the tests grade: the fixture's one rule, "fog-helped", flags "helped".
const HELPED: &str = "I helped the team ship the checkout fix.";

/// What the grader says about `answer` directly, as the CLI would print it.
fn graded(answer: &str) -> debrief_grader::Report {
    debrief_grader::Grader::new(std::sync::Arc::new(fixture()))
        .grade(&debrief_grader::GradeRequest {
            answer: answer.to_owned(),
            role: Some(debrief_pack::Role::Pm),
            round: fixture().round_kind_id("behavioral").ok(),
            ..Default::default()
        })
        .expect("the fixture grades a PM behavioral answer")
}

/// A behavioral answer graded for `role` over the built-in content, as `App::start_builtin`
/// grades it, with that content.
fn graded_builtin(
    answer: &str,
    role: debrief_pack::Role,
) -> (debrief_pack::Catalog, debrief_grader::Report) {
    let catalog = debrief_content::load(None).expect("built-in content");
    let report = debrief_grader::Grader::new(std::sync::Arc::new(catalog.clone()))
        .grade(&debrief_grader::GradeRequest {
            answer: answer.to_owned(),
            role: Some(role),
            round: catalog.round_kind_id("behavioral").ok(),
            ..Default::default()
        })
        .expect("the built-in content grades a behavioral answer");
    (catalog, report)
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
// The live report: the column the page's script swaps in

/// POSTs the Practice form as the page's script does for the live report: urlencoded, with the
/// token in `X-CSRF-Token`.
async fn live_report(app: &App, pairs: &[(&str, &str)]) -> Page {
    let request = app
        .post("/practice/report")
        .header("x-csrf-token", &app.csrf)
        .form(pairs);
    read(request, "POST /practice/report").await
}

/// The report column of a Practice page: what is inside `<div id="report-body">`.
fn report_column(body: &str) -> &str {
    let open = r#"<div id="report-body">"#;
    let start = body
        .find(open)
        .map(|at| at + open.len())
        .expect("report body");
    let end = body
        .find(r#"<template id="report-empty">"#)
        .expect("empty template");
    let column = body[start..end].trim_end();
    column
        .strip_suffix("</div>")
        .expect("the report body closes")
}

#[tokio::test]
async fn the_live_report_is_the_pages_report_column_byte_for_byte() {
    let app = App::start().await;
    let answer =
        "Café — I helped the team. <script>alert(1)</script> Retention rose 12% in 6 weeks.";
    // Without "keep" the page's POST records nothing, so both columns show the same thing.
    for fields in [
        vec![
            ("company", ""),
            ("role", "pm"),
            ("round", "behavioral"),
            ("question_id", ""),
            ("question", "<b>Tell me</b> about a launch."),
            ("answer", answer),
        ],
        vec![
            ("role", "pm"),
            ("question_id", "q-001"),
            ("transcript", "on"),
            ("answer", HELPED),
        ],
    ] {
        let page = app.post_form("/practice", &fields).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text);
        let fragment = live_report(&app, &fields).await;
        assert_eq!(fragment.status, StatusCode::OK, "{}", fragment.text);
        assert!(fragment.content_type.starts_with("text/html"));
        assert_eq!(fragment.body, report_column(&page.body), "{fields:?}");
        // The column alone: no layout and no form, the report's parts, user text escaped.
        fragment
            .lacks("<html")
            .lacks("<form")
            .lacks("<script>alert")
            .lacks("<b>Tell me")
            .has(r#"<div class="card report-summary" data-live="Score "#)
            .has(r#"<mark class="finding sev-warning d0" id="m-0" tabindex="0" aria-describedby="tip-0">"#)
            .has(r#"<span class="dim-label">Ownership</span>"#);
    }
    let fragment = live_report(
        &app,
        &[("role", "pm"), ("round", "behavioral"), ("answer", answer)],
    )
    .await;
    let report = graded(answer);
    fragment
        .has(&format!(
            r#"<span class="score-num">{}</span>"#,
            report.score
        ))
        .has("alert(1)&lt;/script&gt;")
        .has(&format!(
            r#"data-live="Score {} of 100, {}, {} finding"#,
            report.score,
            report.rating.label(),
            report.findings.len()
        ));
    assert_eq!(mark_text(&fragment.body, 0), "helped");

    // Mistakes come back in the column, with the page's status and words.
    let fields = [("round", "nope"), ("answer", HELPED)];
    let page = app.post_form("/practice", &fields).await;
    let fragment = live_report(&app, &fields).await;
    assert_eq!(fragment.status, StatusCode::BAD_REQUEST);
    assert_eq!(fragment.body, report_column(&page.body));
    fragment
        .has(r#"<div class="callout error" role="alert">"#)
        .has("Unknown round kind “nope”")
        .lacks(r#"class="score-num""#);
    let fragment = live_report(&app, &[("role", "pm"), ("answer", " ")]).await;
    assert_eq!(fragment.status, StatusCode::BAD_REQUEST);
    fragment.has("The answer is empty; write or paste an answer to grade.");
    app.stop().await;
}

#[tokio::test]
async fn the_live_report_keeps_nothing_and_needs_the_token() {
    let app = App::start().await;
    let user = app.store.local_user().await.expect("local user").id;
    let fields = [
        ("role", "pm"),
        ("round", "behavioral"),
        ("answer", HELPED),
        ("keep", "on"),
    ];
    let fragment = live_report(&app, &fields).await;
    assert_eq!(fragment.status, StatusCode::OK, "{}", fragment.text);
    fragment.lacks("Saved to your history");
    assert!(
        app.store.attempts(user).await.expect("attempts").is_empty(),
        "the live report records nothing"
    );
    // The page's own POST with "keep" is what records the answer.
    let page = app.post_form("/practice", &fields).await;
    page.has("Saved to your history");
    assert_eq!(app.store.attempts(user).await.expect("attempts").len(), 1);

    // Like every POST, the live report is refused without the page's token.
    let request = app.post("/practice/report").form(&fields);
    let refused = read(request, "POST /practice/report without a token").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let page = app.get("/practice/report").await;
    assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED);
    app.stop().await;
}

/// One habit is one finding: five uses of an intensifier show one message with five places,
/// each linking to its mark, not the same paragraph five times.
#[tokio::test]
async fn repeated_findings_of_one_rule_are_one_row_with_every_place() {
    let app = App::start_builtin().await;
    let answer = "The launch was really important and really hard. I really pushed the team, \
                  the results were really great, and leadership was really happy. I cut the \
                  import feature to ship by May, and activation rose from 31% to 40% in six \
                  weeks while support tickets per account stayed flat.";
    let page = app
        .post_form(
            "/practice",
            &[("role", "pm"), ("round", "behavioral"), ("answer", answer)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let report = graded_builtin(answer, debrief_pack::Role::Pm).1;
    let intensifiers = report
        .findings
        .iter()
        .filter(|f| f.rule == "weasel-intensifiers")
        .count();
    assert!(intensifiers >= 3, "{intensifiers}");
    let message = &report
        .findings
        .iter()
        .find(|f| f.rule == "weasel-intensifiers")
        .expect("an intensifier finding")
        .message;
    // The findings list (the marks in the answer each carry a tooltip of their own).
    let from = page.text.find(r#"id="findings-title""#).expect("findings");
    let list = &page.text[from..from + page.text[from..].find("</section>").expect("end")];
    assert_eq!(list.matches(message.as_str()).count(), 1, "{list}");
    assert!(list.contains(&format!("{intensifiers} places:")), "{list}");
    assert!(list.matches(r#"class="finding-quote""#).count() >= intensifiers);
    // A finding about the whole answer (too thin) is named as such, in the list and where it
    // counts against a dimension, not quoted by its opening words.
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == "shape-thin-answer")
    );
    assert!(list.contains("The answer as a whole"), "{list}");
    let from = page.text.find(r#"id="dims-title""#).expect("dimensions");
    let dims = &page.text[from..from + page.text[from..].find("</section>").expect("end")];
    assert!(dims.contains("the answer as a whole"), "{dims}");
    assert!(
        !dims.contains("<q>The launch was really important"),
        "{dims}"
    );
    app.stop().await;
}

/// A dimension shows what its next point asks for, never the anchor of the point reached,
/// which describes a model answer and would claim what this answer never said.
#[tokio::test]
async fn dimensions_show_what_the_next_point_needs_not_a_claim_about_the_answer() {
    let app = App::start_builtin().await;
    let answer = "I helped the team with the launch and it went well. Everyone was happy with \
                  how it turned out, and we learned a lot together as a group over the quarter.";
    let page = app
        .post_form(
            "/practice",
            &[("role", "pmm"), ("round", "behavioral"), ("answer", answer)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let (catalog, report) = graded_builtin(answer, debrief_pack::Role::Pmm);
    let rubric = catalog
        .pack()
        .rubrics
        .iter()
        .find(|r| r.id == report.rubric)
        .expect("the rubric");
    let mut checked = 0;
    for d in report.dimensions.iter().filter(|d| d.score < 4) {
        let anchors = &rubric
            .dimensions
            .iter()
            .find(|x| x.id == d.id)
            .expect("dimension")
            .anchors;
        let text = |point: u8| {
            anchors
                .points()
                .into_iter()
                .find(|(p, _, _)| *p == point)
                .map(|(_, _, t)| t.to_owned())
                .expect("an anchor")
        };
        page.has(&format!("To reach {}: {}", d.score + 1, text(d.score + 1)))
            .lacks(&text(d.score));
        checked += 1;
    }
    assert!(checked > 0);
    app.stop().await;
}
