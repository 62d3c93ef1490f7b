//! Multi-user mode and CSRF over real HTTP: accounts, sessions, cookies, the sign-in rate
//! limit, the guard against cross-site requests, and isolation between users route by route.
//!
//! Each test drives one or more [`Browser`]s: a client with its own cookie jar that never
//! follows redirects, so every `303` and `Set-Cookie` can be looked at.

use debrief_store::Store;
use debrief_web::Auth;
use reqwest::StatusCode;
use reqwest::header::RETRY_AFTER;
use serde_json::json;

use crate::harness::{
    Browser, Data, PASSWORD, Page, Part, Server, hidden, in_days, mock_box, multipart, read,
    sign_up_form,
};

/// Whether the store still holds the session of cookie value `token`.
async fn session_alive(server: &Server, token: &str) -> bool {
    server
        .store
        .session_user(token, 0)
        .await
        .expect("store")
        .is_some()
}

/// The text of the error callout of a sign-in page.
fn callout(page: &Page) -> String {
    page.text
        .split(r#"<div class="callout error" role="alert" id="form-errors">"#)
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[tokio::test]
async fn sign_up_sign_out_and_sign_in_with_a_new_session_each_time() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    let ada = server.browser();

    // Nothing is served to a stranger: pages go to the sign-in page and come back after.
    let page = ada.get("/stories?company=amazon").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/login?next=%2Fstories%3Fcompany%3Damazon");
    assert_eq!(ada.get("/").await.location(), "/login");
    let page = ada.get("/login?next=%2Fstories").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page()
        .has(r#"<form class="card account-form" action="/login" method="post""#)
        .has(r#"<input type="hidden" name="next" value="/stories">"#)
        .has(r#"autocomplete="current-password""#)
        .has(r#"<a href="/signup?next=%2Fstories">Create an account</a>"#)
        .lacks("Signed in as");
    assert!(
        ada.cookie("debrief_csrf").is_some(),
        "the sign-in form has a token"
    );

    // Sign-up explains what is wrong and keeps the name, never the password.
    let page = ada
        .post_form(
            "/signup",
            &sign_up_form("ada lovelace", "short-pw", "short-pw"),
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.is_page()
        .has("The account was not created.")
        .has("not a space")
        .has("too short: use at least 10 characters")
        .has(r#"value="ada lovelace""#)
        .lacks("short-pw");
    let page = ada
        .post_form(
            "/signup",
            &sign_up_form("ada", PASSWORD, "correct horse batterz"),
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    page.has("The two passwords differ").lacks(PASSWORD);

    let page = ada.sign_up("Ada").await;
    assert_eq!(page.location(), "/");
    let cookie = page
        .set_cookie("debrief_session")
        .expect("a session cookie");
    assert!(
        cookie.ends_with("; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax"),
        "{cookie}"
    );
    let first = ada.cookie("debrief_session").expect("kept");
    assert_eq!(first.len(), 64);
    let home = ada.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    home.is_page()
        .has("Signed in as <strong>Ada</strong>")
        .has(r#"<form class="account" action="/logout" method="post">"#)
        .has("Sign out");
    let user = server
        .store
        .user_by_name("ada")
        .await
        .expect("store")
        .expect("the account exists");
    assert!(user.password_hash.starts_with("$argon2id$"), "hashed");
    // A name is one account whatever its case.
    let other = server.browser();
    other.get("/signup").await;
    let page = other
        .post_form("/signup", &sign_up_form("ADA", PASSWORD, PASSWORD))
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    page.has("“ADA” is taken");

    // Signing out ends the session in the store, not only in the browser.
    let page = ada.post_form("/logout", &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), "/login");
    assert!(
        page.set_cookie("debrief_session")
            .is_some_and(|c| c.contains("Max-Age=0"))
    );
    assert!(ada.cookie("debrief_session").is_none());
    assert!(
        !session_alive(&server, &first).await,
        "the session row is gone"
    );
    // Replaying the old cookie gets nothing.
    let thief = server.browser();
    thief.plant_cookie("debrief_session", &first);
    let page = thief.get("/stories").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        page.set_cookie("debrief_session")
            .is_some_and(|c| c.contains("Max-Age=0")),
        "a dead session cookie is cleared"
    );

    // Signing in rotates: a new token, and the session the browser held before is ended.
    let page = ada.sign_in("ada", PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let second = ada.cookie("debrief_session").expect("a new session");
    assert_ne!(second, first);
    let page = ada.sign_in("ada", PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let third = ada.cookie("debrief_session").expect("a new session");
    assert_ne!(third, second);
    assert!(
        !session_alive(&server, &second).await,
        "the session held before signing in again was ended"
    );
    assert!(session_alive(&server, &third).await);
    // Signed in, the sign-in pages step aside.
    assert_eq!(ada.get("/login?next=%2Fplan").await.location(), "/plan");
    assert_eq!(ada.get("/signup").await.location(), "/");
    server.stop().await;
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_read_the_same() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    server.browser().sign_up("grace").await;
    let wrong = server.browser().sign_in("grace", "not the password").await;
    let unknown = server
        .browser()
        .sign_in("nobody-here", "not the password")
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(callout(&wrong), callout(&unknown));
    assert!(
        callout(&wrong).contains("do not match an account"),
        "{}",
        wrong.text
    );
    // The name is kept, the password is not.
    wrong.has(r#"value="grace""#).lacks("not the password");
    let empty = server.browser().sign_in("grace", "").await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    empty.has("Enter your username and your password.");
    // The local-mode user has no password and never signs in.
    server.store.local_user().await.expect("local user");
    let local = server.browser().sign_in("local", "").await;
    assert_ne!(local.status, StatusCode::SEE_OTHER);
    let local = server.browser().sign_in("local", "anything at all").await;
    assert_eq!(local.status, StatusCode::UNAUTHORIZED);
    server.stop().await;
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_name_and_per_address_across_processes() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    server.browser().sign_up("katherine").await;

    // Five wrong passwords for one name from one address: the sixth attempt from there is
    // refused, even the right one.
    let mallory = server.browser().at_address("203.0.113.5");
    for _ in 0..5 {
        let page = mallory.sign_in("katherine", "guess guess guess").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    let page = mallory.sign_in("katherine", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}", page.text);
    let retry: i64 = page.headers[RETRY_AFTER]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=900).contains(&retry), "{retry}");
    page.is_page()
        .has("Too many attempts to sign in")
        .has("Try again in 15 minutes");
    // From elsewhere the owner still signs in: wrong passwords typed by someone else never
    // lock the owner out.
    let owner = server.browser().at_address("198.51.100.1");
    let page = owner.sign_in("katherine", PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    // The pause is held by the database, so another server process refuses that address too.
    let second = Server::multi_user(&data).await;
    let page = second
        .browser()
        .at_address("203.0.113.5")
        .sign_in("katherine", PASSWORD)
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    second.stop().await;

    // Twenty failures from one address, each on a different name: the address is paused.
    server.browser().sign_up("dorothy").await;
    let sprayer = server.browser().at_address("192.0.2.77");
    for n in 0..20 {
        let page = sprayer
            .sign_in(&format!("user{n}"), "guess guess guess")
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let page = sprayer.sign_in("dorothy", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    // Someone else, elsewhere, is not affected.
    let dorothy = server.browser().at_address("192.0.2.78");
    assert_eq!(
        dorothy.sign_in("dorothy", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    server.stop().await;
}

#[tokio::test]
async fn cookies_are_http_only_same_site_and_secure_only_when_asked() {
    // Local mode: only the CSRF cookie, on the first page.
    let data = Data::new();
    let local = Server::start(&data, Auth::local()).await;
    let page = local.browser().get("/").await;
    let csrf = page.set_cookie("debrief_csrf").expect("a CSRF cookie");
    assert!(
        csrf.ends_with("; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"),
        "{csrf}"
    );
    assert!(page.set_cookie("debrief_session").is_none());
    page.is_page().lacks("Signed in as").lacks("Sign out");
    // Assets and the health check set nothing.
    let css = local.browser().get("/healthz").await;
    assert!(css.set_cookies().is_empty());
    local.stop().await;

    let data = Data::new();
    let mut auth = Auth::multi_user();
    auth.secure_cookies = true;
    let server = Server::start(&data, auth).await;
    let browser = server.browser();
    let page = browser.get("/login").await;
    let csrf = page.set_cookie("debrief_csrf").expect("a CSRF cookie");
    assert!(csrf.ends_with("; HttpOnly; SameSite=Lax; Secure"), "{csrf}");
    let page = browser.sign_up("mary").await;
    let session = page
        .set_cookie("debrief_session")
        .expect("a session cookie");
    assert!(
        session.ends_with("; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure"),
        "{session}"
    );
    server.stop().await;
}

#[tokio::test]
async fn forms_without_the_token_or_from_another_site_are_refused_and_save_nothing() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    let ada = server.browser();
    ada.sign_up("ada").await;
    let id = server
        .store
        .user_by_name("ada")
        .await
        .expect("store")
        .expect("user")
        .id;
    let story = [("title", "Token story"), ("action", "I decided to ship.")];

    let page = ada.post_raw("/stories", &story).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.is_page()
        .has("This page is out of date")
        .has("Reload the page and send it again");
    let zeros = "0".repeat(64);
    let page = ada
        .post_raw("/stories", &[("csrf", zeros.as_str()), story[0], story[1]])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // Signed in, the double-submit cookie is not the token: the session's is.
    let cookie = ada
        .cookie("debrief_csrf")
        .expect("cookie from the sign-up form");
    let page = ada
        .post_raw("/stories", &[("csrf", cookie.as_str()), story[0], story[1]])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // The right token, but sent from another site.
    let page = ada
        .post_with("/stories", &story, &[("origin", "https://evil.example")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.has("the request came from another website");
    let page = ada
        .post_with("/stories", &story, &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // The JSON API answers in JSON.
    let request = ada
        .post("/api/grade")
        .header("content-type", "application/json")
        .body(r#"{"answer": "I decided.", "role": "pm"}"#);
    let page = ada.send(request, "POST /api/grade").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("reload the page"))
    );
    assert!(
        server.store.stories(id).await.expect("stories").is_empty(),
        "nothing saved"
    );

    // From the page itself: saved.
    let page = ada
        .post_with(
            "/stories",
            &story,
            &[("origin", &ada.url("")), ("sec-fetch-site", "same-origin")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let page = ada
        .post_json(
            "/api/grade",
            r#"{"answer": "I decided to ship the fix.", "role": "pm"}"#,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    // A multipart form carries the token as a field.
    for (token, expected) in [
        ("f".repeat(64), StatusCode::FORBIDDEN),
        (ada.token(), StatusCode::SEE_OTHER),
    ] {
        let request = multipart(
            ada.post("/stories/import"),
            &[
                Part::field("csrf", &token),
                Part::field("format", "json"),
                Part::field(
                    "text",
                    r#"{"version": 1, "stories": [{"title": "Imported", "action": "I led it."}]}"#,
                ),
            ],
        );
        let page = ada.send(request, "POST /stories/import").await;
        assert_eq!(page.status, expected, "{}", page.text);
    }
    let titles: Vec<String> = server
        .store
        .stories(id)
        .await
        .expect("stories")
        .into_iter()
        .map(|s| s.story.title)
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    server.stop().await;
}

#[tokio::test]
async fn local_mode_needs_no_sign_in_but_still_checks_the_token() {
    let data = Data::new();
    let server = Server::start(&data, Auth::local()).await;
    let me = server.browser();
    let page = me.get("/stories").await;
    assert_eq!(page.status, StatusCode::OK);
    page.is_page().lacks("Signed in as");
    // The sign-in pages have nothing to do here.
    assert_eq!(me.get("/login").await.location(), "/");
    assert_eq!(me.get("/signup").await.location(), "/");
    let local = server.store.local_user().await.expect("local user");
    // A hostile page on the web posting to the candidate's own server.
    let page = me
        .post_raw("/stories", &[("title", "Planted"), ("action", "I did.")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = me
        .post_with(
            "/stories",
            &[("title", "Planted"), ("action", "I did.")],
            &[("origin", "http://localhost:8080")],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::FORBIDDEN,
        "another port is another site"
    );
    assert!(
        server
            .store
            .stories(local.id)
            .await
            .expect("stories")
            .is_empty()
    );
    let page = me
        .post_form("/stories", &[("title", "Mine"), ("action", "I did.")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    server.stop().await;
}

#[tokio::test]
async fn an_open_page_keeps_saving_after_the_server_restarts() {
    for auth in [Auth::local(), Auth::multi_user()] {
        let data = Data::new();
        let server = Server::start(&data, auth.clone()).await;
        let me = server.browser();
        if auth == Auth::multi_user() {
            me.sign_up("ada").await;
        }
        let page = me.get("/stories/new").await;
        assert_eq!(page.status, StatusCode::OK);
        server.stop().await;

        // A new process over the same database; the tab still holds the old page's token.
        let restarted = Server::start(&data, auth.clone()).await;
        me.reopen(&restarted);
        let page = me
            .post_form(
                "/stories",
                &[("title", "After restart"), ("action", "I did.")],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{auth:?}: {}",
            page.text
        );
        let page = me
            .post_json(
                "/api/grade",
                r#"{"answer": "I decided to ship the fix.", "role": "pm"}"#,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        restarted.stop().await;
    }
}

#[tokio::test]
async fn next_never_leads_off_the_site() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    server.browser().sign_up("ada").await;
    for (next, goes_to) in [
        ("/plan?x=1", "/plan?x=1"),
        ("https://evil.example/", "/"),
        ("//evil.example/path", "/"),
        ("/\\evil.example", "/"),
        ("http:/evil.example", "/"),
        ("/login", "/"),
    ] {
        let browser = server.browser();
        let page = browser
            .get(&format!("/login?next={}", urlencode(next)))
            .await;
        assert!(
            !page.text.contains("evil.example"),
            "the form does not carry {next:?}"
        );
        let page = browser
            .post_form(
                "/login",
                &[("username", "ada"), ("password", PASSWORD), ("next", next)],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(page.location(), goes_to, "{next}");
    }
    server.stop().await;
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What another user must get from a route that names A's data.
#[derive(Debug, Clone, Copy)]
enum Gets {
    /// 404, exactly as for an id that does not exist.
    NotFound,
    /// The page or download of the user's own (empty) data: nothing of A's in it.
    NothingOfTheirs,
}

/// A route that reads or changes a user's data. `{story}`, `{plan}`, `{item}` and `{fit}`
/// stand for user A's ids.
struct Probe {
    method: &'static str,
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    gets: Gets,
}

const fn get(path: &'static str, gets: Gets) -> Probe {
    Probe {
        method: "GET",
        path,
        form: &[],
        gets,
    }
}

const fn post(path: &'static str, form: &'static [(&'static str, &'static str)]) -> Probe {
    Probe {
        method: "POST",
        path,
        form,
        gets: Gets::NotFound,
    }
}

/// User B's text in the first box of A's mock loop.
const B_IN_THE_FIRST_BOX: [(&str, &str); 4] = mock_box(["0", "0", "0"], "B was here.");

/// Every route that touches a user's data. A new user-data route (the mock loops at
/// `/mock/...`, say) is one more line here, and then both isolation tests cover it (give user A
/// one of the new things in `user_a_with_data` and a placeholder for its id in `Owned`).
const USER_DATA_ROUTES: &[Probe] = &[
    get("/stories", Gets::NothingOfTheirs),
    get("/stories/{story}", Gets::NotFound),
    get("/stories/{story}/edit", Gets::NotFound),
    get("/stories/{story}/delete", Gets::NotFound),
    post(
        "/stories/{story}",
        &[("title", "Overwritten by B"), ("action", "B was here.")],
    ),
    post("/stories/{story}/delete", &[]),
    get("/stories/export.json", Gets::NothingOfTheirs),
    get("/stories/export.md", Gets::NothingOfTheirs),
    get("/stories/export.csv", Gets::NothingOfTheirs),
    get("/fit", Gets::NothingOfTheirs),
    get("/fit?result={fit}", Gets::NothingOfTheirs),
    get("/plan", Gets::NothingOfTheirs),
    get("/plan/{plan}", Gets::NotFound),
    get("/plan/{plan}.ics", Gets::NotFound),
    get("/plan/{plan}.md", Gets::NotFound),
    post("/plan/{plan}/items", &[("item", "{item}"), ("done", "0")]),
    post("/plan/{plan}/items", &[("item", "{item}"), ("done", "1")]),
    get("/mock", Gets::NothingOfTheirs),
    get("/mock/{mock}", Gets::NotFound),
    post("/mock/{mock}/draft", &B_IN_THE_FIRST_BOX),
    post("/mock/{mock}/answer", &B_IN_THE_FIRST_BOX),
    post("/mock/{mock}/finish", &[]),
    get("/mock/{mock}/debrief", Gets::NotFound),
    get("/mock/{mock}/summary", Gets::NotFound),
    get("/mock/{mock}/debrief.md", Gets::NotFound),
    get("/mock/{mock}/answers.jsonl", Gets::NotFound),
    get("/mock/{mock}/delete", Gets::NotFound),
    post("/mock/{mock}/delete", &[]),
    get("/progress", Gets::NothingOfTheirs),
    get("/offers", Gets::NothingOfTheirs),
    get("/offers?compare={offer}", Gets::NothingOfTheirs),
    post("/offers/{offer}/delete", &[]),
    get("/profile", Gets::NothingOfTheirs),
    get("/pay", Gets::NothingOfTheirs),
];

/// A's ids, and text only A's data contains.
struct Owned {
    story: i64,
    plan: i64,
    item: String,
    fit: i64,
    mock: i64,
    offer: i64,
    marks: Vec<String>,
}

impl Owned {
    fn fill(&self, text: &str) -> String {
        text.replace("{story}", &self.story.to_string())
            .replace("{plan}", &self.plan.to_string())
            .replace("{item}", &self.item)
            .replace("{fit}", &self.fit.to_string())
            .replace("{mock}", &self.mock.to_string())
            .replace("{offer}", &self.offer.to_string())
    }
}

/// Everything of A's the store holds, to compare before and after B's attempts.
async fn snapshot(store: &Store, user: i64, owned: &Owned) -> String {
    let stories = store.stories(user).await.expect("stories");
    let fits = store.fit_results(user).await.expect("fit results");
    let plans = store.plans(user).await.expect("plans");
    let done = store.done_items(user, owned.plan).await.expect("ticks");
    let mocks = store.mocks(user).await.expect("mocks");
    let answers = store
        .mock_answers(user, owned.mock)
        .await
        .expect("mock answers");
    let offers = store.offers(user).await.expect("offers");
    let profile = store.profile(user).await.expect("profile");
    format!(
        "{stories:?}\n{fits:?}\n{plans:?}\n{done:?}\n{mocks:?}\n{answers:?}\n{offers:?}\n\
         {profile:?}"
    )
}

/// User A, signed in, with a story, a fit result and a plan with one item ticked.
async fn user_a_with_data(server: &Server) -> (Browser, i64, Owned) {
    let a = server.browser();
    a.sign_up("alice").await;
    let page = a
        .post_form(
            "/stories",
            &[
                ("title", "Alice secret story"),
                ("action", "I decided to rebuild the alice-only pipeline."),
                ("lps", "earn-trust"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let page = a
        .post_form(
            "/fit",
            &[(
                "win1",
                "I launched alice-secret-win pricing and grew revenue 30% in a quarter.",
            )],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let page = a
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
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let plan_path = page.location().to_owned();
    let page = a.get(&plan_path).await;
    let item = hidden(&page, "item");
    let page = a
        .post_form(
            &format!("{plan_path}/items"),
            &[("item", &item), ("done", "1")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    // A mock loop with a draft in its first box.
    let page = a
        .post_form(
            "/mock",
            &[("company", "amazon"), ("role", "pmm"), ("level", "l5")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    let mock_path = page.location().to_owned();
    a.get(&mock_path).await;
    let page = a
        .post_form(
            &format!("{mock_path}/draft"),
            &mock_box(["0", "0", "0"], "alice-mock-draft"),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    // A saved offer.
    let page = a
        .post_form(
            "/offers",
            &[
                ("name", "alice-offer-secret"),
                ("base", "150000"),
                ("grant1_amount", "200000"),
                ("grant1_schedule", "amazon"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    // A profile, last, so the plan and mock above were made as typed.
    let page = a
        .post_form(
            "/profile",
            &[
                ("company", "meta"),
                ("role", "pm"),
                ("level", "ic6"),
                ("track", ""),
                ("interview_date", &in_days(45)),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);

    let id = server
        .store
        .user_by_name("alice")
        .await
        .expect("store")
        .expect("alice")
        .id;
    let story = server.store.stories(id).await.expect("stories")[0].id.get();
    let plan = server.store.plans(id).await.expect("plans")[0].id;
    let fit = server.store.fit_results(id).await.expect("fits")[0].id;
    let mock = server.store.mocks(id).await.expect("mocks")[0].id;
    let offer = server.store.offers(id).await.expect("offers")[0].id.get();
    assert_eq!(
        server
            .store
            .done_items(id, plan)
            .await
            .expect("ticks")
            .len(),
        1
    );
    let owned = Owned {
        story,
        plan,
        fit,
        mock,
        offer,
        marks: vec![
            "Alice secret story".into(),
            "alice-offer-secret".into(),
            "alice-mock-draft".into(),
            format!("/mock/{mock}\""),
            "alice-only".into(),
            "alice-secret-win".into(),
            format!("/stories/{story}\""),
            format!("/plan/{plan}\""),
            format!("/fit?result={fit}"),
            in_days(45),
        ],
        item,
    };
    (a, id, owned)
}

#[tokio::test]
async fn no_user_can_read_or_change_another_users_data_on_any_route() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    let (a, a_id, owned) = user_a_with_data(&server).await;
    // A sees their own data where B will look.
    let page = a.get(&owned.fill("/stories/{story}")).await;
    assert_eq!(page.status, StatusCode::OK);
    page.has("Alice secret story");
    let before = snapshot(&server.store, a_id, &owned).await;

    let b = server.browser();
    b.sign_up("bob").await;
    for probe in USER_DATA_ROUTES {
        let path = owned.fill(probe.path);
        let what = format!("{} {path} as another user", probe.method);
        let page = if probe.method == "GET" {
            b.get(&path).await
        } else {
            let form: Vec<(String, String)> = probe
                .form
                .iter()
                .map(|(k, v)| ((*k).to_owned(), owned.fill(v)))
                .collect();
            let form: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            b.post_form(&path, &form).await
        };
        match probe.gets {
            Gets::NotFound => assert_eq!(page.status, StatusCode::NOT_FOUND, "{what}"),
            Gets::NothingOfTheirs => assert_eq!(page.status, StatusCode::OK, "{what}"),
        }
        for mark in &owned.marks {
            assert!(
                !page.body.contains(mark.as_str()),
                "{what}: the answer shows {mark:?}:\n{}",
                page.body
            );
        }
    }
    // The API's figures are B's own: nothing of A's, and A's plan is not B's target.
    for path in ["/api/progress", "/api/stories/coverage", "/api/target"] {
        let page = b.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        for mark in &owned.marks {
            assert!(!page.body.contains(mark.as_str()), "{path}: {}", page.body);
        }
    }
    assert_eq!(b.get("/api/target").await.json()["from"], "default");
    assert_eq!(a.get("/api/target").await.json()["from"], "profile");
    // B's profile forms change B's profile only: set, retargeted from a fit result, cleared.
    let b_sets = [
        ("company", "google"),
        ("role", "pmm"),
        ("level", "l6"),
        ("track", ""),
        ("interview_date", ""),
    ];
    for (path, form) in [
        ("/profile", &b_sets[..]),
        ("/profile/role", &[("role", "pm")][..]),
    ] {
        let page = b.post_form(path, form).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}: {}", page.text);
    }
    let target = b.get("/api/target").await.json();
    assert_eq!(
        (&target["from"], &target["company"], &target["role"]),
        (&json!("profile"), &json!("google"), &json!("pm"))
    );
    b.get("/profile").await.lacks(&in_days(45)).lacks("Meta PM");
    let page = b.post_form("/profile/clear", &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(b.get("/api/target").await.json()["from"], "default");
    let target = a.get("/api/target").await.json();
    assert_eq!(
        (
            &target["company"],
            &target["level"],
            &target["interview_date"]
        ),
        (&json!("meta"), &json!("ic6"), &json!(in_days(45)))
    );
    assert_eq!(
        snapshot(&server.store, a_id, &owned).await,
        before,
        "A's data is exactly as it was"
    );
    server.stop().await;
}

#[tokio::test]
async fn without_a_session_every_route_sends_to_sign_in_or_answers_401() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    let (_a, a_id, owned) = user_a_with_data(&server).await;
    let before = snapshot(&server.store, a_id, &owned).await;
    let stranger = server.browser();
    stranger.get("/login").await;
    for probe in USER_DATA_ROUTES {
        let path = owned.fill(probe.path);
        let page = if probe.method == "GET" {
            stranger.get(&path).await
        } else {
            stranger.post_form(&path, probe.form).await
        };
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{} {path}",
            probe.method
        );
        let expected = if probe.method == "GET" {
            format!("/login?next={}", urlencode(&path))
        } else {
            "/login".to_owned()
        };
        assert_eq!(page.location(), expected, "{} {path}", probe.method);
    }
    // Catalog pages are behind sign-in too, and the API answers in JSON.
    assert_eq!(
        stranger.get("/questions").await.location(),
        "/login?next=%2Fquestions"
    );
    for path in [
        "/api/lps",
        "/api/loop?company=amazon&role=pm",
        "/api/progress",
        "/api/stories/coverage",
        "/api/target",
    ] {
        let page = stranger.get(path).await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(
            page.json()["error"]
                .as_str()
                .is_some_and(|e| e.contains("sign in"))
        );
    }
    let page = stranger
        .post_json("/api/grade", r#"{"answer": "I decided.", "role": "pm"}"#)
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    // What stays open: the sign-in pages, the health check and the assets.
    for path in ["/login", "/signup", "/healthz", "/static/app.css"] {
        assert_eq!(stranger.get(path).await.status, StatusCode::OK, "{path}");
    }
    assert_eq!(snapshot(&server.store, a_id, &owned).await, before);
    server.stop().await;
}

#[tokio::test]
async fn a_server_with_sign_up_closed_says_who_makes_accounts() {
    let data = Data::new();
    let mut auth = Auth::multi_user();
    auth.signup = false;
    let server = Server::start(&data, auth).await;
    let browser = server.browser();
    let page = browser.get("/login").await;
    page.lacks("Create an account")
        .has("Ask the person who runs this server");
    let page = browser.get("/signup").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.is_page()
        .has("Sign-up is closed")
        .has("debrief users add");
    let page = browser
        .post_form("/signup", &sign_up_form("eve", PASSWORD, PASSWORD))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        server
            .store
            .user_by_name("eve")
            .await
            .expect("store")
            .is_none()
    );
    // An account made by the operator signs in.
    let hash = debrief_web::accounts::hash_password(PASSWORD).expect("hash");
    server.store.create_user("eve", &hash).await.expect("user");
    assert_eq!(
        browser.sign_in("eve", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    server.stop().await;
}

/// DNS rebinding: a website points a name of its own at 127.0.0.1, so the candidate's browser
/// sends that name in `Host`. Under such a name nothing is shown and nothing changes; under an
/// address, `localhost` or a name given with `--public-host`, the same requests work.
#[tokio::test]
async fn a_foreign_host_name_reads_and_changes_nothing() {
    let data = Data::new();
    let server = Server::local(&data).await;
    let me = server.browser();
    me.get("/stories/new").await;
    let saved = me
        .post_form(
            "/stories",
            &[("title", "Secret launch"), ("action", "I decided.")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);

    let port = server.base.rsplit(':').next().expect("a port").to_owned();
    let foreign = format!("attacker.example:{port}");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    for path in [
        "/stories/export.json",
        "/stories",
        "/api/progress",
        "/static/app.js",
    ] {
        let page = read(
            client.get(me.url(path)).header("host", &foreign),
            &format!("GET {path} as attacker.example"),
        )
        .await;
        assert_eq!(page.status, StatusCode::MISDIRECTED_REQUEST, "{path}");
        page.lacks("Secret launch");
    }
    // A token read under the foreign name would not help either: the request never gets that
    // far, and nothing is created.
    let posted = read(
        client
            .post(me.url("/stories"))
            .header("host", &foreign)
            .header("x-csrf-token", me.token())
            .form(&[("title", "Planted"), ("action", "x")]),
        "POST /stories as attacker.example",
    )
    .await;
    assert_eq!(posted.status, StatusCode::MISDIRECTED_REQUEST);
    posted.has("attacker.example").has("--public-host");
    let titles: Vec<String> = server
        .store
        .stories(server.store.local_user().await.expect("user").id)
        .await
        .expect("stories")
        .into_iter()
        .map(|s| s.story.title)
        .collect();
    assert_eq!(titles, ["Secret launch"]);
    // A proxy's forwarded name is checked too.
    let forwarded = read(
        client
            .get(me.url("/stories"))
            .header("x-forwarded-host", "attacker.example"),
        "GET /stories forwarded for attacker.example",
    )
    .await;
    assert_eq!(forwarded.status, StatusCode::MISDIRECTED_REQUEST);
    // localhost and the health check answer as before.
    let local = read(
        client
            .get(me.url("/stories/export.json"))
            .header("host", format!("localhost:{port}")),
        "GET as localhost",
    )
    .await;
    assert_eq!(local.status, StatusCode::OK);
    local.has("Secret launch");
    let health = read(
        client.get(me.url("/healthz")).header("host", &foreign),
        "health",
    )
    .await;
    assert_eq!(health.status, StatusCode::OK);
    server.stop().await;

    // A team server told its public name answers to it, and still to nothing else.
    let mut auth = Auth::multi_user();
    auth.public_hosts = vec!["prep.example.com".to_owned()];
    let team = Server::start(&data, auth).await;
    let port = team.base.rsplit(':').next().expect("a port").to_owned();
    let named = read(
        client
            .get(format!("{}/login", team.base))
            .header("host", format!("prep.example.com:{port}")),
        "GET /login as prep.example.com",
    )
    .await;
    assert_eq!(named.status, StatusCode::OK);
    let other = read(
        client
            .get(format!("{}/login", team.base))
            .header("host", format!("evil.example.com:{port}")),
        "GET /login as evil.example.com",
    )
    .await;
    assert_eq!(other.status, StatusCode::MISDIRECTED_REQUEST);
    team.stop().await;
}
