//! Mock loops, the debrief, progress and the "today" queue over real HTTP, with the built-in
//! content pack: what a browser with JavaScript off gets, and what the autosave script gets.
//!
//! Each test drives a [`Browser`] (its own cookies, never following redirects) against a
//! [`Server`] on 127.0.0.1:0 over a database folder that outlives the server, so a test can
//! stop the server and start a new one on the same data.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use debrief_core::progress::Source;
use debrief_core::{Catalog, GradeRequest, Role};
use debrief_web::{AppState, Store, serve};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, HeaderMap, LOCATION, SET_COOKIE};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A database folder that outlives the servers started on it.
struct Data {
    dir: tempfile::TempDir,
}

impl Data {
    fn new() -> Data {
        Data {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    async fn store(&self) -> Store {
        Store::open(&self.dir.path().join("debrief.sqlite3").to_string_lossy())
            .await
            .expect("store opens")
    }
}

/// The built-in pack, loaded once per test binary run.
fn catalog() -> Arc<Catalog> {
    static CATALOG: std::sync::OnceLock<Arc<Catalog>> = std::sync::OnceLock::new();
    CATALOG
        .get_or_init(|| Arc::new(debrief_content::load(None).expect("built-in content is valid")))
        .clone()
}

/// A running server in local mode; stopped gracefully by [`Server::stop`].
struct Server {
    base: String,
    store: Store,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    async fn start(data: &Data) -> Server {
        let store = data.store().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind port 0");
        let addr = listener.local_addr().expect("local address");
        let (stop, stopped) = oneshot::channel::<()>();
        let state = AppState::shared(catalog(), store.clone());
        let task = tokio::spawn(serve(listener, state, async {
            let _ = stopped.await;
        }));
        Server {
            base: format!("http://{addr}"),
            store,
            stop,
            task,
        }
    }

    async fn stop(self) {
        self.stop.send(()).expect("server still running");
        self.task
            .await
            .expect("server task")
            .expect("graceful shutdown");
        self.store.close().await;
    }
}

/// A response read to the end.
struct Page {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
    /// The body with HTML entities decoded, for assertions on text.
    text: String,
}

impl Page {
    #[track_caller]
    fn has(&self, needle: &str) -> &Page {
        assert!(
            self.text.contains(needle),
            "expected {needle:?} in:\n{}",
            self.text
        );
        self
    }

    #[track_caller]
    fn lacks(&self, needle: &str) -> &Page {
        assert!(
            !self.text.contains(needle),
            "did not expect {needle:?} in:\n{}",
            self.text
        );
        self
    }

    fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// Every page: one h1 and the main landmark.
    #[track_caller]
    fn is_page(&self) -> &Page {
        assert_eq!(self.body.matches("<h1").count(), 1, "one h1 per page");
        self.has(r#"<main id="main""#)
    }
}

/// HTML text as a reader sees it: askama's escapes undone.
fn unescape(html: &str) -> String {
    html.replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// A browser: its cookies and the CSRF token of the last page it read.
struct Browser {
    client: reqwest::Client,
    base: Mutex<String>,
    cookies: Mutex<BTreeMap<String, String>>,
    token: Mutex<String>,
}

impl Browser {
    fn new(server: &Server) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            base: Mutex::new(server.base.clone()),
            cookies: Mutex::new(BTreeMap::new()),
            token: Mutex::new(String::new()),
        }
    }

    /// The same browser, pages and cookies kept, now talking to `server` (a restarted one).
    fn reopen(&self, server: &Server) {
        *self.base.lock().expect("lock") = server.base.clone();
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base.lock().expect("lock"))
    }

    fn token(&self) -> String {
        self.token.lock().expect("lock").clone()
    }

    async fn send(&self, mut request: reqwest::RequestBuilder, what: &str) -> Page {
        let jar: Vec<String> = self
            .cookies
            .lock()
            .expect("lock")
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        if !jar.is_empty() {
            request = request.header(reqwest::header::COOKIE, jar.join("; "));
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await.expect("body");
        for set in headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
        {
            let pair = set.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                self.cookies
                    .lock()
                    .expect("lock")
                    .insert(name.to_owned(), value.to_owned());
            }
        }
        if let Some(token) = body
            .split(r#"<meta name="csrf-token" content=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
        {
            *self.token.lock().expect("lock") = token.to_owned();
        }
        let text = unescape(&body);
        Page {
            status,
            headers,
            body,
            text,
        }
    }

    async fn get(&self, path: &str) -> Page {
        self.send(self.client.get(self.url(path)), &format!("GET {path}"))
            .await
    }

    /// Submits a form as its page would: the page's token first.
    async fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> Page {
        let token = self.token();
        let mut fields = vec![("csrf", token.as_str())];
        fields.extend_from_slice(pairs);
        let request = self.client.post(self.url(path)).form(&fields);
        self.send(request, &format!("POST {path}")).await
    }

    /// Posts a form as the autosave script does: token in `X-CSRF-Token`, JSON asked for.
    async fn post_script(&self, path: &str, pairs: &[(&str, &str)]) -> Page {
        let request = self
            .client
            .post(self.url(path))
            .header("x-csrf-token", self.token())
            .header(reqwest::header::ACCEPT, "application/json")
            .form(pairs);
        self.send(request, &format!("POST {path} (script)")).await
    }
}

/// The value of the hidden field `name` on a page.
fn hidden(page: &Page, name: &str) -> String {
    page.body
        .split(&format!(r#"name="{name}" value=""#))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no hidden field {name}"))
        .to_owned()
}

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
    let server = Server::start(&data).await;
    let browser = Browser::new(&server);
    let mock = start_amazon_pmm(&browser).await;

    // The open box: round 1 of the loop, its interviewer, its clock and an empty answer.
    let page = browser.get(&mock).await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("Amazon PMM, L5")
        .has("Round 1 of 9")
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
    let saved = browser
        .post_script(
            &format!("{mock}/draft"),
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "0"),
                ("text", draft),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let json: serde_json::Value = serde_json::from_str(&saved.body).expect("JSON");
    assert_eq!(json["saved"], true);
    assert!(json["at"].as_i64().is_some_and(|t| t > 0));
    server.stop().await;

    let server = Server::start(&data).await;
    browser.reopen(&server);
    let page = browser.get(&mock).await;
    assert_eq!(page.status, StatusCode::OK);
    page.has(draft);
    assert!(
        page.body
            .contains("&#60;b&#62;buyer&#60;/b&#62; &#38; wrote")
            && !page.body.contains("<b>"),
        "user text is escaped"
    );
    // The clock kept running from when the round was first shown.
    assert!(page.body.contains(r#"data-budget="1800""#));

    // The no-JavaScript "Save draft" button: the same form, then back to the box.
    let page = browser
        .post_form(
            &format!("{mock}/draft"),
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "0"),
                ("text", WEAK),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with(&format!("{mock}?saved=")));
    browser
        .get(page.location())
        .await
        .has("Draft saved at")
        .has(WEAK);

    // An empty hand-in is refused with the reason, and nothing saved is lost.
    let page = browser
        .post_form(
            &format!("{mock}/answer"),
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "0"),
                ("text", "  \n "),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .has("The answer is empty")
        .has("Round 1 of 9");
    browser.get(&mock).await.has(WEAK);

    // A weak answer is handed in: its report shows at once, and the interviewer follows up.
    let page = browser
        .post_form(
            &format!("{mock}/answer"),
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "0"),
                ("text", WEAK),
            ],
        )
        .await;
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
    let stale = browser
        .post_script(
            &format!("{mock}/draft"),
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "0"),
                ("text", "late"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.text.contains("reload the page"), "{}", stale.text);
    let stale = browser
        .post_form(
            &format!("{mock}/answer"),
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "0"),
                ("text", "late text"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    stale.has("no longer the open one").has("late text");

    // The follow-up gets a strong answer, then the loop is ended early.
    let page = browser
        .post_form(
            &format!("{mock}/answer"),
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "1"),
                ("text", STRONG),
            ],
        )
        .await;
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
        .has("The three things to fix first")
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
    let late = browser
        .post_script(
            &format!("{mock}/draft"),
            &[
                ("round", "1"),
                ("question", "0"),
                ("probe", "0"),
                ("text", "x"),
            ],
        )
        .await;
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
        .has(r#"<span class="count">2</span>"#);
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
    let server = Server::start(&data).await;
    let browser = Browser::new(&server);
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
    let page = browser
        .post_script(
            "/mock/999/draft",
            &[
                ("round", "0"),
                ("question", "0"),
                ("probe", "0"),
                ("text", "x"),
            ],
        )
        .await;
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

/// A report of `answer` graded as a PMM behavioral answer at Amazon.
fn graded(answer: &str) -> debrief_core::Report {
    graded_as(answer, "behavioral")
}

/// A report of `answer` graded as a PMM answer of round kind `round` at Amazon.
fn graded_as(answer: &str, round: &str) -> debrief_core::Report {
    catalog()
        .grade(&GradeRequest {
            answer: answer.to_owned(),
            role: Some(Role::Pmm),
            round: Some(round.into()),
            company: Some("amazon".into()),
            ..GradeRequest::default()
        })
        .expect("graded")
}

#[tokio::test]
async fn the_home_page_lists_what_is_due_today_with_a_question_to_practise() {
    let data = Data::new();
    let server = Server::start(&data).await;
    let browser = Browser::new(&server);
    let page = browser.get("/").await;
    page.is_page()
        .has(r#"<h2 id="today-title">Today</h2>"#)
        .has("Nothing is due today")
        .lacks("Coming back tomorrow");

    // A weak behavioral answer on Earn Trust, two days ago: both are due now.
    let user = server.store.local_user().await.expect("local user").id;
    let report = graded(WEAK);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    let lps = vec!["earn-trust".to_owned()];
    debrief_practice::record(
        &server.store,
        &catalog(),
        user,
        &debrief_practice::Graded {
            source: Source::Practice,
            mock_id: None,
            question_id: None,
            lps: &lps,
            company: Some("amazon"),
            answer: WEAK,
            report: &report,
        },
        now - 2 * 86_400,
    )
    .await
    .expect("recorded");

    // A weak answer just now: not due today, but listed as coming back tomorrow.
    let product = graded_as(WEAK, "product-design");
    debrief_practice::record(
        &server.store,
        &catalog(),
        user,
        &debrief_practice::Graded {
            source: Source::Practice,
            mock_id: None,
            question_id: None,
            lps: &[],
            company: None,
            answer: WEAK,
            report: &product,
        },
        now,
    )
    .await
    .expect("recorded");

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
    let link = page
        .body
        .split(r#"<p class="today-question"><a href=""#)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a practice link")
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    let practice = browser.get(&link).await;
    assert_eq!(practice.status, StatusCode::OK);
    practice.has("The question");
    server.stop().await;
}

#[tokio::test]
async fn a_graded_practice_answer_is_kept_in_the_history_unless_unticked() {
    let data = Data::new();
    let server = Server::start(&data).await;
    let browser = Browser::new(&server);
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
    let server = Server::start(&data).await;
    let browser = Browser::new(&server);
    let page = browser.get("/progress").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has("Nothing graded yet")
        .has(r#"href="/practice""#)
        .lacks("<svg class=\"chart-svg\"");
    server.stop().await;
}
