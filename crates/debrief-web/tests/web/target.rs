//! The application layer behind the pages: every form starts at the candidate's target loop
//! (newest plan, else newest mock, else the content's defaults), and the JSON API returns the
//! App's own values for progress, story coverage and the target, the ones the CLI prints.

use std::sync::Arc;

use debrief_grader::Grader;
use debrief_practice::{App as Workflows, Clock};
use debrief_store::UserId;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::{App, Data, Server, catalog, in_days};

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

    // A profile comes first, with its interview date, on every form.
    let date = in_days(20);
    let page = app
        .post_form(
            "/profile",
            &[
                ("company", "google"),
                ("role", "pmm"),
                ("level", "l6"),
                ("track", ""),
                ("interview_date", &date),
            ],
        )
        .await;
    // The local client follows the redirect to the saved profile.
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.has("Saved. Every form now starts at Google PMM, L6, interview ");
    let expected = json!({"company": "google", "role": "pmm", "level": "l6", "from": "profile",
        "interview_date": date});
    assert_eq!(app.get("/api/target").await.json(), expected);
    // A newer plan does not move it.
    let page = app
        .post_form(
            "/plan",
            &[
                ("company", "meta"),
                ("role", "pm"),
                ("level", "ic4"),
                ("interview_date", &in_days(40)),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(app.get("/api/target").await.json(), expected);
    let home = app.get("/").await;
    home.has("Your target: <strong>Google PMM, L6, interview ")
        .has(&format!(
            "{date}</strong>. <a href=\"/profile\">Change it</a>"
        ))
        .has(r#"<option value="google" selected>Google</option>"#)
        .has(r#"name="role" value="pmm" checked"#);
    assert!(level_group(&home.body, "google").contains(r#"<option value="l6" selected>"#));
    assert!(!level_group(&home.body, "meta").contains(" selected>"));
    for path in ["/plan", "/mock"] {
        let page = app.get(path).await;
        page.has(r#"<option value="google" selected>Google</option>"#)
            .has(r#"<option value="pmm" selected>"#);
        let levels = level_group(&page.body, "google");
        assert!(levels.contains(r#"<option value="l6" selected>"#), "{path}");
    }
    app.get("/plan")
        .await
        .has(&format!(r#"name="interview_date" value="{date}""#));
    app.get("/practice")
        .await
        .has(r#"<option value="google" selected>Google</option>"#)
        .has(r#"<option value="pmm" selected>PMM</option>"#);
    app.get("/stories")
        .await
        .has("Coverage: Google PMM, L6</h2>");
    app.get("/pay")
        .await
        .has(r#"href="/pay?company=google" aria-current="page">Google</a>"#);
    // Cleared, the newest plan leads again, and the plan form's date is six weeks out.
    app.post_form("/profile/clear", &[])
        .await
        .has("Your target was cleared. Forms start at your newest plan again.");
    let target = app.get("/api/target").await.json();
    assert_eq!(
        (&target["from"], &target["company"]),
        (&json!("plan"), &json!("meta"))
    );
    app.get("/plan")
        .await
        .lacks(&format!(r#"value="{date}""#))
        .has(&format!(r#"name="interview_date" value="{}""#, in_days(42)));
    app.stop().await;
}

#[tokio::test]
async fn the_profile_form_shows_each_problem_beside_its_field_and_keeps_what_was_typed() {
    let app = App::start_builtin().await;
    app.get("/")
        .await
        .has(r#"<a href="/profile">Set your target</a>"#);
    let page = app.get("/profile").await;
    page.is_page()
        .has("Set your target</h2>")
        .has(r#"<option value="amazon" selected>Amazon</option>"#)
        .has(r#"<option value="pm-t">PM-T (Amazon PM only)</option>"#)
        .has("From debrief’s defaults.")
        .lacks("Clear my target");
    assert!(level_group(&page.body, "amazon").contains(r#"<option value="l5" selected>"#));

    let typed = [
        ("company", "amazon"),
        ("role", "pmm"),
        ("level", "l5"),
        ("track", "<i>pm-t</i>"),
        ("interview_date", "<b>2027</b>"),
    ];
    let page = app.post_form("/profile", &typed).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.text);
    page.is_page()
        .has("The target was not saved")
        .has(
            r#"<p class="field-error" id="track-error">Track: `&lt;i&gt;pm-t&lt;/i&gt;` is not a track the content knows for Amazon PMM; it knows none there, so leave the track empty</p>"#,
        )
        .has(
            r#"<p class="field-error" id="interview-date-error">Interview date: `&lt;b&gt;2027&lt;/b&gt;` is not a date: write it as YYYY-MM-DD"#,
        )
        .has(r#"name="interview_date" value="&lt;b&gt;2027&lt;/b&gt;""#)
        .has(r#"<option value="&lt;i&gt;pm-t&lt;/i&gt;" selected>"#)
        .has(r#"<option value="pmm" selected>"#)
        .lacks(r#"id="level-error""#);
    // Typed text reaches the page escaped, never as markup.
    assert!(!page.body.contains("<b>2027</b>"), "{}", page.body);
    assert!(!page.body.contains("<i>pm-t</i>"), "{}", page.body);
    assert_eq!(app.get("/api/target").await.json()["from"], "default");

    // An unknown company says which it might be; a level of another company is refused.
    let page = app
        .post_form(
            "/profile",
            &[
                ("company", "amazn"),
                ("role", "pm"),
                ("level", "l5"),
                ("track", ""),
                ("interview_date", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("Company: unknown company `amazn` (did you mean `amazon`?)")
        .has(r#"aria-invalid="true" aria-describedby="company-error""#);
    let page = app
        .post_form(
            "/profile",
            &[
                ("company", "meta"),
                ("role", "pm"),
                ("level", "l5"),
                ("track", ""),
                ("interview_date", &in_days(-1)),
            ],
        )
        .await;
    page.has("Level: unknown level `l5` for Meta")
        .has("is in the past (today is ");

    // Saved: the page says so, the form holds it and it can be cleared.
    let page = app
        .post_form(
            "/profile",
            &[
                ("company", "amazon"),
                ("role", "pm"),
                ("level", "l6"),
                ("track", "pm-t"),
                ("interview_date", &in_days(10)),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.has("Saved. Every form now starts at Amazon PM (PM-T), L6, interview ")
        .has("Change your target</h2>")
        .has(r#"<option value="pm-t" selected>"#)
        .has(&format!(r#"value="{}""#, in_days(10)))
        .has("From your profile.")
        .has("Clear my target");
    app.get("/")
        .await
        .has("Your target: <strong>Amazon PM (PM-T), L6, interview ");

    // Without the form's token nothing is saved.
    let page = crate::harness::read(
        app.post("/profile")
            .form(&[("company", "meta"), ("role", "pmm"), ("level", "ic5")]),
        "POST /profile without a token",
    )
    .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/target").await.json()["company"], "amazon");
    app.stop().await;
}

#[tokio::test]
async fn a_fit_result_makes_its_role_the_target() {
    let app = App::start_builtin().await;
    // Wins worded as marketing: the diagnostic says PMM.
    let page = app
        .post_form(
            "/fit",
            &[
                (
                    "win1",
                    "I repositioned our analytics suite for finance buyers, wrote the messaging \
                     and the sales talk track, and ran the launch campaign: pipeline grew 40%.",
                ),
                (
                    "win2",
                    "I ran win-loss interviews with 30 buyers, rebuilt the battlecards and \
                     trained 60 reps on the new positioning; win rate rose from 18% to 26%.",
                ),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.has(r#"<form class="fit-target" action="/profile/role" method="post">"#)
        .has(r#"<input type="hidden" name="role" value="pmm">"#)
        .has("Make PMM my target</button>");
    let page = app.post_form("/profile/role", &[("role", "pmm")]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.has("Saved. Every form now starts at Amazon PMM, L5.");
    // No profile before: the content's company and level, with the fit result's role.
    assert_eq!(
        app.get("/api/target").await.json(),
        json!({"company": "amazon", "role": "pmm", "level": "l5", "from": "profile"})
    );
    let again = app.get("/fit").await;
    again
        .has("PMM is your target (<a href=\"/profile\">change it</a>).")
        .lacks("Make PMM my target");
    // A role the content lacks is refused and changes nothing.
    let page = app
        .post_form("/profile/role", &[("role", "designer")])
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("Unknown role “designer”; valid roles: pm, pmm.");
    assert_eq!(app.get("/api/target").await.json()["role"], "pmm");
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

/// The part of `text` from the first `start` to the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{text}"));
    let to = text[from..].find(end).map_or(text.len(), |n| from + n);
    &text[from..to]
}

/// Asserts the page's main navigation and footer name `company`'s principles as `long`
/// (`short` on a phone) and `footer`, and never Amazon's words unless they are its own.
#[track_caller]
fn chrome_names(page: &crate::harness::Page, company: &str, words: [&str; 3]) {
    let [long, short, footer] = words;
    let nav = between(
        &page.text,
        r#"<nav class="site-nav" aria-label="Main">"#,
        "</nav>",
    );
    let link = format!(r#"<a href="/lp?company={company}""#);
    assert!(nav.contains(&link), "{nav}");
    assert!(
        nav.contains(&format!(r#"<span class="long">{long}</span>"#)),
        "{nav}"
    );
    assert!(
        nav.contains(&format!(r#"<span class="short">{short}</span>"#)),
        "{nav}"
    );
    let foot = between(&page.text, "<footer", "</footer>");
    assert!(
        foot.contains(&format!(r#"<a href="/lp?company={company}">{footer}</a>"#)),
        "{foot}"
    );
    if company != "amazon" {
        for chrome in [nav, foot] {
            assert!(!chrome.contains("Leadership Principle"), "{chrome}");
            assert!(!chrome.contains(">LPs<"), "{chrome}");
        }
    }
}

#[tokio::test]
async fn the_navigation_and_footer_name_the_target_companys_principles_in_its_words() {
    let app = App::start_builtin().await;
    // No profile yet: the content's default company, Amazon.
    let amazon = [
        "Leadership Principles",
        "LPs",
        "Amazon's Leadership Principles",
    ];
    chrome_names(&app.get("/").await, "amazon", amazon);
    let targets = [
        (
            "google",
            "l5",
            [
                "Hiring attributes",
                "Attributes",
                "Google's hiring attributes",
            ],
        ),
        (
            "meta",
            "ic5",
            [
                "Interview competencies",
                "Competencies",
                "Meta's interview competencies",
            ],
        ),
    ];
    for (company, level, words) in targets {
        let saved = app
            .post_form(
                "/profile",
                &[("company", company), ("role", "pm"), ("level", level)],
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
        // Every page's chrome, the principles page, a form and an error page alike.
        for path in ["/", "/guides/pm-or-pmm", "/lp", "/practice", "/guides/nope"] {
            chrome_names(&app.get(path).await, company, words);
        }
    }
    // A newer plan for Amazon does not move the chrome: the profile names the target.
    let plan = app
        .post_form(
            "/plan",
            &[
                ("company", "amazon"),
                ("role", "pmm"),
                ("level", "l5"),
                ("interview_date", &in_days(30)),
            ],
        )
        .await;
    assert_eq!(plan.status, StatusCode::OK, "{}", plan.text);
    chrome_names(&app.get("/").await, "meta", targets[1].2);
    // Without the profile, the default company's words come back.
    let cleared = app.post_form("/profile/clear", &[]).await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.text);
    chrome_names(&app.get("/").await, "amazon", amazon);
    app.stop().await;
}

#[tokio::test]
async fn each_account_sees_its_own_targets_words() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    let grace = server.browser();
    grace.sign_up("grace").await;
    let ada = server.browser();
    ada.sign_up("ada").await;
    let saved = grace
        .post_form(
            "/profile",
            &[("company", "google"), ("role", "pmm"), ("level", "l5")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    chrome_names(
        &grace.get("/guides").await,
        "google",
        [
            "Hiring attributes",
            "Attributes",
            "Google's hiring attributes",
        ],
    );
    chrome_names(
        &ada.get("/guides").await,
        "amazon",
        [
            "Leadership Principles",
            "LPs",
            "Amazon's Leadership Principles",
        ],
    );
    // Before signing in, the sign-in page names the default company's.
    chrome_names(
        &server.browser().get("/login").await,
        "amazon",
        [
            "Leadership Principles",
            "LPs",
            "Amazon's Leadership Principles",
        ],
    );
    server.stop().await;
}
