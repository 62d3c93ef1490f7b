//! The candidate's data: the story bank, the fit diagnostic and the prep plan, through the
//! forms a browser with JavaScript off sends, and every user string on those pages escaped.

use reqwest::StatusCode;
use serde_json::Value;

use crate::harness::{App, Part, hidden, in_days, multipart, quoted_after, read};

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
    assert_eq!(stored[0].story.tags, ["billing", "trust"]);
    assert_eq!(stored[0].story.action, action);

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
    // With no plan or mock, the loop is the content's default, as `debrief stories coverage`
    // takes it: Amazon PM at L5.
    app.get("/stories")
        .await
        .has("Coverage: Amazon PM, L5</h2>")
        .has(r#"<option value="pm" selected>PM</option>"#);

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
        assert!(stories.iter().all(|s| s.story.action == tricky));
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
    assert_eq!(stories[0].story.title, "Kept story");
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
    app.get("/stories")
        .await
        .has("Coverage: Amazon PMM, L5</h2>");

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

#[tokio::test]
async fn the_plan_page_says_which_story_covers_a_principle() {
    let app = App::start_builtin().await;
    let action = "I pulled the refunds by account and found the proration rule double-charging \
                  annual plans. I decided to pause invoicing for those accounts within a day, \
                  called the top 10 customers myself with the numbers, and shipped the fix behind \
                  a flag to 10% of accounts for a week before turning it on for all.";
    let page = app
        .post_form(
            "/stories",
            &story_fields("Billing <b>bug</b>", action, &["customer-obsession"]),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let page = app
        .post_form(
            "/plan",
            &[
                ("company", "amazon"),
                ("role", "pmm"),
                ("level", "l5"),
                ("interview_date", &in_days(49)),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.is_page()
        .has("Covered by your story bank")
        .has("Customer Obsession: covered by your story &quot;Billing &lt;b&gt;bug&lt;/b&gt;&quot; (rated ")
        .lacks("Billing <b>bug</b>")
        .lacks("Story: Customer Obsession</span>");
    app.stop().await;
}
