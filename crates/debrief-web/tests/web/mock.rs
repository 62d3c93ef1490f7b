//! Mock loops, the debrief, progress and the "today" queue over real HTTP, with the built-in
//! content pack: what a browser with JavaScript off gets, and what the autosave script gets.
//!
//! Each test drives a [`Browser`] (its own cookies, never following redirects) against a
//! [`Server`] on 127.0.0.1:0 over a database folder that outlives the server, so a test can
//! stop the server and start a new one on the same data.

use debrief_coach::progress::Source;
use debrief_grader::{GradeRequest, Report};
use debrief_pack::Role;
use debrief_store::UserId;
use reqwest::StatusCode;
use reqwest::header::CONTENT_DISPOSITION;

use crate::harness::{
    Browser, Data, Page, Server, catalog, hidden, mock_box, now, quoted_after, unescape,
};

/// The open box of a mock page: round, question and probe.
fn slot(page: &Page) -> [String; 3] {
    ["round", "question", "probe"].map(|n| hidden(page, n))
}

/// Every text inside `<blockquote ...>` and `<q ...>` on a page, unescaped.
fn quotes(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [("<blockquote", "</blockquote>"), ("<q", "</q>")] {
        let mut rest = body;
        while let Some(at) = rest.find(open) {
            let after = &rest[at + open.len()..];
            // `<q` must be the whole tag name.
            if !after.starts_with(['>', ' ']) {
                rest = after;
                continue;
            }
            let inner = after.split_once('>').map_or("", |(_, i)| i);
            let text = inner.split(close).next().unwrap_or_default();
            out.push(unescape(text));
            rest = inner;
        }
    }
    out
}

/// The first box of a loop: its first round and question, no follow-up yet.
const FIRST: [&str; 3] = ["0", "0", "0"];

/// What a mock page's boxes send, with the no-JavaScript form or the autosave script.
impl Browser {
    /// Hands in `text` for box `slot` of `mock` with the form's "Hand in answer".
    async fn hand_in(&self, mock: &str, slot: [&str; 3], text: &str) -> Page {
        self.post_form(&format!("{mock}/answer"), &mock_box(slot, text))
            .await
    }

    /// Saves `text` as the draft of box `slot` of `mock` with the form's "Save draft".
    async fn save_draft(&self, mock: &str, slot: [&str; 3], text: &str) -> Page {
        self.post_form(&format!("{mock}/draft"), &mock_box(slot, text))
            .await
    }

    /// Saves `text` as the draft of box `slot` of `mock`, as the autosave script does.
    async fn autosave(&self, mock: &str, slot: [&str; 3], text: &str) -> Page {
        self.post_script(&format!("{mock}/draft"), &mock_box(slot, text))
            .await
    }
}

/// Starts an Amazon PMM L5 mock from the loop page, as its button does; returns its path.
async fn start_amazon_pmm(browser: &Browser) -> String {
    let page = browser.get("/loops/amazon/pmm?level=l5").await;
    assert_eq!(page.status, StatusCode::OK);
    page.has(r#"<form class="mock-cta" action="/mock" method="post""#)
        .has(r#"<input type="hidden" name="level" value="l5">"#)
        .has("Start a mock loop");
    let page = browser
        .post_form(
            "/mock",
            &[("company", "amazon"), ("role", "pmm"), ("level", "l5")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let path = page.location().to_owned();
    assert!(
        path.starts_with("/mock/") && path[6..].parse::<i64>().is_ok(),
        "{path}"
    );
    path
}

const WEAK: &str = "We helped the team and aligned with stakeholders. It went well.";
const STRONG: &str = "I decided to rewrite our positioning for the mid-market segment. Win rates \
                      against our main rival had fallen from 34% to 22% in two quarters. I \
                      interviewed 18 lost buyers, found they saw us as an enterprise tool, and I \
                      rewrote the message around time to value. Win rates rose from 22% to 31% \
                      within one quarter and pipeline grew 18%.";

#[tokio::test]
async fn a_mock_loop_survives_a_restart_and_ends_in_a_debrief_of_the_candidates_own_words() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let mock = start_amazon_pmm(&browser).await;

    // The open box: round 1 of the loop, its interviewer, its clock and an empty answer.
    let page = browser.get(&mock).await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("Amazon PMM, L5")
        .has("Round 1 of 8")
        .has("Recruiter screen")
        .has("<strong>Interviewer:</strong> Recruiter")
        .has(r#"data-budget="1800""#)
        .has(r#"data-used="0""#)
        .has("of 30:00")
        .has(r#"<textarea id="mock-text" name="text""#)
        .has("Hand in answer")
        .has("Save draft")
        .has("End the loop now and read the debrief")
        .has(r#"aria-current="step""#);
    assert_eq!(slot(&page), ["0", "0", "0"].map(String::from));

    // The script saves a draft; the server keeps it through a restart.
    let draft = "Demand gen fills the funnel; I chose the <b>buyer</b> & wrote the story.";
    let saved = browser.autosave(&mock, FIRST, draft).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let json: serde_json::Value = serde_json::from_str(&saved.body).expect("JSON");
    assert_eq!(json["saved"], true);
    assert!(json["at"].as_i64().is_some_and(|t| t > 0));
    server.stop().await;

    let server = Server::local(&data).await;
    browser.reopen(&server);
    let page = browser.get(&mock).await;
    assert_eq!(page.status, StatusCode::OK);
    // The draft as the candidate wrote it, once the page's escapes are undone.
    assert!(
        unescape(&page.body).contains(draft),
        "expected {draft:?} in:\n{}",
        page.text
    );
    assert!(
        page.body
            .contains("&#60;b&#62;buyer&#60;/b&#62; &#38; wrote")
            && !page.body.contains("<b>"),
        "user text is escaped"
    );
    // The clock kept running from when the round was first shown.
    assert!(page.body.contains(r#"data-budget="1800""#));

    // The no-JavaScript "Save draft" button: the same form, then back to the box.
    let page = browser.save_draft(&mock, FIRST, WEAK).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with(&format!("{mock}?saved=")));
    browser
        .get(page.location())
        .await
        .has("Draft saved at")
        .has(WEAK);

    // An empty hand-in is refused with the reason, and nothing saved is lost.
    let page = browser.hand_in(&mock, FIRST, "  \n ").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .has("The answer is empty")
        .has("Round 1 of 8");
    browser.get(&mock).await.has(WEAK);

    // A weak answer is handed in: its report shows at once, and the interviewer follows up.
    let page = browser.hand_in(&mock, FIRST, WEAK).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    assert_eq!(page.location(), format!("{mock}#feedback"));
    let page = browser.get(&mock).await;
    page.is_page()
        .has("Feedback on your last answer")
        .has("/100")
        .has(r#"<mark class="finding"#)
        .has("went well</q>")
        .has("Instead:")
        .has("The interviewer follows up")
        .has("Why they ask:");
    assert_eq!(slot(&page), ["0", "0", "1"].map(String::from));

    // A draft for a box that is no longer open is refused, for the script and the form.
    let stale = browser.autosave(&mock, FIRST, "late").await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.text.contains("reload the page"), "{}", stale.text);
    let stale = browser.hand_in(&mock, FIRST, "late text").await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.has("no longer the open one").has("late text");

    // The follow-up gets a strong answer, then the loop is ended early.
    let page = browser.hand_in(&mock, ["0", "0", "1"], STRONG).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let page = browser.post_form(&format!("{mock}/finish"), &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), format!("{mock}/debrief"));
    // A finished mock shows its debrief, whichever address is used.
    assert_eq!(
        browser.get(&mock).await.location(),
        format!("{mock}/debrief")
    );

    let page = browser.get(&format!("{mock}/debrief")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("Debrief: Amazon PMM, L5")
        .has(r#"<p class="verdict">No hire <span class="verdict-level">at L5</span>"#)
        // Only the principles the answered question aimed at are judged, so fewer than three
        // may have a finding to fix.
        .has("to fix first")
        .has("Bar Raiser")
        .has("Rating per round")
        .has(r#"<table class="debrief-table areas-table" id="area-table">"#)
        .has("<th scope=\"col\">Leadership Principle</th>")
        .has("Customer Obsession")
        .has("Not tested")
        .has("Every answer")
        .has("Print or save as PDF")
        .has(r#"href="/mock/"#);
    // Every quote on the page is the candidate's own words.
    let found = quotes(&page.body);
    assert!(!found.is_empty(), "the debrief quotes the answers");
    for q in &found {
        assert!(
            [WEAK, STRONG].iter().any(|a| a.contains(q.as_str())),
            "{q:?} is not a quote of an answer"
        );
    }

    // The Markdown export says the same thing.
    let md = browser.get(&format!("{mock}/debrief.md")).await;
    assert_eq!(md.status, StatusCode::OK);
    let disposition = md
        .headers
        .get(CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        disposition.starts_with("attachment; filename=\"debrief-mock-")
            && disposition.ends_with("-amazon-pmm-l5.md\""),
        "{disposition}"
    );
    assert!(
        md.body.contains("## Decision: No hire at L5"),
        "{}",
        md.body
    );

    // The answers download: one JSON line per answer handed in.
    let lines = browser.get(&format!("{mock}/answers.jsonl")).await;
    assert_eq!(lines.status, StatusCode::OK);
    let answers: Vec<serde_json::Value> = lines
        .body
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["answer"], WEAK);
    assert_eq!(answers[1]["probe_index"], 1);
    assert_eq!(answers[1]["answer"], STRONG);

    // A finished mock takes no more drafts.
    let late = browser.autosave(&mock, ["1", "0", "0"], "x").await;
    assert_eq!(late.status, StatusCode::CONFLICT);

    // Both answers are in the history, with plots; the list shows the decision.
    let page = browser.get("/progress").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("Readiness per round kind")
        .has("Recruiter screen")
        .has("<svg")
        .has("Score by round kind")
        .has("Score by Leadership Principle")
        .has("Rubric dimensions")
        .has("Mock loop")
        .has(r#"<span class="count">2</span>"#)
        .has(r#"aria-current="true">By date</a>"#);
    // Both answers were given within seconds: by answer, each gets its own step.
    browser
        .get("/progress?x=answer")
        .await
        .has(r#"aria-current="true">By answer</a>"#)
        .has(">answer 1</text>")
        .has(">answer 2</text>");
    let page = browser.get("/mock").await;
    page.is_page()
        .has("Finished <span class=\"count\">1</span>")
        .has("No hire")
        .has(&format!(r#"href="{mock}/debrief""#));

    // Deleting asks first, then removes the mock; its answers stay in the history.
    let page = browser.get(&format!("{mock}/delete")).await;
    page.is_page().has("Delete this mock loop?");
    let page = browser.post_form(&format!("{mock}/delete"), &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/mock?deleted=1");
    assert_eq!(browser.get(&mock).await.status, StatusCode::NOT_FOUND);
    browser
        .get("/progress")
        .await
        .has(r#"<span class="count">2</span>"#);
    server.stop().await;
}

#[tokio::test]
async fn mock_addresses_that_name_nothing_are_friendly_404s_and_bad_starts_say_why() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    browser
        .get("/mock")
        .await
        .is_page()
        .has("No mock loop in progress");
    for path in [
        "/mock/999",
        "/mock/abc",
        "/mock/999/debrief",
        "/mock/999/debrief.md",
    ] {
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        page.is_page().has("No such mock loop");
    }
    let page = browser.post_form("/mock/999/finish", &[]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = browser.autosave("/mock/999", FIRST, "x").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("\"error\""), "{}", page.body);

    let page = browser
        .post_form(
            "/mock",
            &[("company", "amazon"), ("role", "pmm"), ("level", "l99")],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page().has("l99").has("Start a mock loop");
    let page = browser.post_form("/mock", &[("company", "amazon")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("Choose a company, a role and a level");

    // The debrief of a mock still running sends back to its open box.
    let mock = start_amazon_pmm(&browser).await;
    let page = browser.get(&format!("{mock}/debrief")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), mock);
    server.stop().await;
}

/// A report of `answer` graded as a PMM answer of round kind `round` at Amazon.
fn graded_as(answer: &str, round: &str) -> Report {
    debrief_grader::Grader::new(catalog())
        .grade(&GradeRequest {
            answer: answer.to_owned(),
            role: Some(Role::Pmm),
            round: catalog().round_kind_id(round).ok(),
            company: Some("amazon".into()),
            ..GradeRequest::default()
        })
        .expect("graded")
}

/// Keeps [`WEAK`], graded as an answer of round kind `round`, in `user`'s history as a
/// practice answer on `lps` at `company`, given at `at` (seconds since the epoch).
async fn record_weak(
    server: &Server,
    user: i64,
    round: &str,
    lps: &[String],
    company: Option<&str>,
    at: i64,
) {
    record_answer(server, user, round, WEAK, lps, company, at).await;
}

/// Keeps `answer`, graded as an answer of round kind `round`, in `user`'s history.
async fn record_answer(
    server: &Server,
    user: i64,
    round: &str,
    answer: &str,
    lps: &[String],
    company: Option<&str>,
    at: i64,
) -> u32 {
    let report = graded_as(answer, round);
    debrief_practice::record(
        &server.store,
        &catalog(),
        UserId::new(user),
        &debrief_practice::Graded {
            source: Source::Practice,
            mock_id: None,
            question_id: None,
            lps,
            company,
            answer,
            report: &report,
        },
        at,
    )
    .await
    .expect("recorded");
    report.score
}

/// A product-design answer a little under the bar: it comes back on its review date.
const NEAR_BAR: &str = "I would start with the users: new renters who struggle to compare \
    listings. The main pain is hidden fees, so I'd show the total monthly cost up front. I'd \
    measure success by the share of renters who book a viewing, aiming to lift it from 8% to \
    10% in a quarter.";

#[tokio::test]
async fn the_home_page_lists_what_is_due_today_with_a_question_to_practise() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let page = browser.get("/").await;
    page.is_page()
        .has(r#"<h2 id="today-title">Today</h2>"#)
        .has("Nothing is due today")
        .lacks("Coming back tomorrow");

    // A weak behavioral answer on Earn Trust, two days ago: both are due now.
    let user = server.store.local_user().await.expect("local user").id;
    let now = now();
    let lps = ["earn-trust".to_owned()];
    let two_days_ago = now - 2 * 86_400;
    record_weak(
        &server,
        user,
        "behavioral",
        &lps,
        Some("amazon"),
        two_days_ago,
    )
    .await;

    // An answer a little under the bar just now: not due today, listed as coming back
    // tomorrow.
    let near = record_answer(&server, user, "product-design", NEAR_BAR, &[], None, now).await;
    assert!(
        (41..60).contains(&near),
        "the near-bar answer scored {near}"
    );

    let page = browser.get("/").await;
    page.is_page()
        .lacks("Nothing is due today")
        .has("<strong>Coming back tomorrow:</strong> Product design.")
        .lacks("<h3>Product design</h3>")
        .has(r#"<p class="today-kind">Round kind</p>"#)
        .has("<h3>Behavioral</h3>")
        .has(r#"<p class="today-kind">Leadership Principle</p>"#)
        .has("<h3>Earn Trust</h3>")
        .has("Below the bar last time")
        .has(r#"<a href="/practice?question="#);
    // The suggested question opens on the Practice page.
    let link = quoted_after(&page.body, r#"<p class="today-question"><a href=""#)
        .expect("a practice link")
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    let practice = browser.get(&link).await;
    assert_eq!(practice.status, StatusCode::OK);
    practice.has("The question");

    // A much weaker answer just now does not wait for tomorrow: it is due today. Its gap to
    // the bar (30, scored 30) equals the behavioral one's, so the one due earlier comes first.
    record_weak(&server, user, "metrics", &[], None, now).await;
    let page = browser.get("/").await;
    page.has("<h3>Metrics and execution</h3>")
        .has("Scored 30, far below the bar of 60");
    let at = |h: &str| page.text.find(h).unwrap_or(usize::MAX);
    assert!(at("<h3>Behavioral</h3>") < at("<h3>Metrics and execution</h3>"));
    server.stop().await;
}

#[tokio::test]
async fn a_graded_practice_answer_is_kept_in_the_history_unless_unticked() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let user = server.store.local_user().await.expect("local user").id;
    let page = browser.get("/practice?company=amazon&role=pmm").await;
    page.has(r#"<input type="checkbox" id="keep" name="keep" value="on" checked"#)
        .has("Keep this answer in my progress history")
        .lacks("never stored");
    let question = catalog()
        .questions()
        .iter()
        .find(|q| q.round == "behavioral" && !q.principles.is_empty() && q.asks(Role::Pmm))
        .expect("a behavioral PMM question with LPs")
        .id
        .clone();
    let fields = [
        ("company", "amazon"),
        ("role", "pmm"),
        ("round", "behavioral"),
        ("question_id", question.as_str()),
        ("answer", STRONG),
    ];
    let mut kept = fields.to_vec();
    kept.push(("keep", "on"));
    let page = browser.post_form("/practice", &kept).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.has("Saved to your history").has("/100");
    let attempts = server.store.attempts(user).await.expect("attempts");
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0].source, "practice");
    assert_eq!(attempts[0].question_id.as_deref(), Some(question.as_str()));
    assert_eq!(attempts[0].round_kind, "behavioral");

    // Unticked: graded the same, kept nowhere.
    let page = browser.post_form("/practice", &fields).await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("/100").lacks("Saved to your history");
    assert_eq!(
        server.store.attempts(user).await.expect("attempts").len(),
        1
    );
    // "Update the question list" is no hand-in, even with the box ticked.
    let mut filter = kept.clone();
    filter.push(("action", "filter"));
    let page = browser.post_form("/practice", &filter).await;
    assert_eq!(page.status, StatusCode::OK);
    page.lacks("Saved to your history");
    assert_eq!(
        server.store.attempts(user).await.expect("attempts").len(),
        1
    );

    let page = browser.get("/progress").await;
    page.has("<svg")
        .has("Practice")
        .has(r#"<span class="count">1</span>"#);
    server.stop().await;
}

#[tokio::test]
async fn progress_says_what_fills_it_before_anything_is_graded() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let page = browser.get("/progress").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("Nothing graded yet")
        .has(r#"href="/practice""#)
        .lacks("<svg class=\"chart-svg\"");
    server.stop().await;
}

/// Drafts and hand-ins share one size limit: a draft the grader would refuse is refused when
/// it is saved (413 JSON for the script, the box again with the text for the form), so no
/// draft is stored that could never be handed in, and nothing typed is lost.
#[tokio::test]
async fn a_draft_over_the_answer_limit_is_refused_at_once_and_keeps_the_text() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let mock = start_amazon_pmm(&browser).await;
    browser.get(&mock).await;
    let long = format!("{} end-marker", "word ".repeat(210_000));
    assert!(long.len() > debrief_grader::MAX_ANSWER_BYTES);

    let page = browser.autosave(&mock, FIRST, &long).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", page.body);
    let error = page.json()["error"].as_str().unwrap_or_default().to_owned();
    assert!(error.contains("1 MB"), "{error}");

    let page = browser.save_draft(&mock, FIRST, &long).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page().has("Not saved").has("end-marker");

    // Nothing was stored, and a draft under the limit still saves.
    let page = browser.autosave(&mock, FIRST, "a short draft").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page = browser.get(&mock).await;
    page.has("a short draft").lacks("end-marker");
    server.stop().await;
}

/// A body over a route's own limit is a page (or JSON for the autosave script) that says what
/// to do, never the framework's bare text.
#[tokio::test]
async fn a_body_over_the_routes_limit_is_a_page_or_json_that_says_what_to_do() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let browser = server.browser();
    let mock = start_amazon_pmm(&browser).await;
    browser.get(&mock).await;
    // Past the 3 MB a mock form may carry, under the 8 MB the guard reads.
    let huge = "é".repeat(700_000);
    let page = browser.hand_in(&mock, FIRST, &huge).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", page.text);
    page.is_page().has("go back").has("1 MB");
    let page = browser.autosave(&mock, FIRST, &huge).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        page.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("1 MB")),
        "{}",
        page.body
    );
    server.stop().await;
}
