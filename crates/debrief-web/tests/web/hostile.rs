//! Requests an attacker would send: forged forwarded headers, wrong passwords meant to lock
//! an owner out, NUL characters, and a store that is down. (Host names, CSRF and Origin are in
//! `auth.rs`; slow and half-sent requests in `connections.rs`.)

use debrief_web::{Auth, TrustedProxies};
use reqwest::StatusCode;

use crate::harness::{App, Data, PASSWORD, Server, sign_up_form};

/// With no `--trusted-proxy`, `X-Forwarded-For` is a header like any other: a client rotating
/// it is still one address, and meets the per-address limit.
#[tokio::test]
async fn a_rotating_forwarded_for_from_an_untrusted_peer_is_still_one_address() {
    let data = Data::new();
    let server = Server::start(&data, Auth::multi_user()).await;
    server.browser().sign_up("katherine").await;
    for n in 0..20 {
        let page = server
            .browser()
            .at_address(&format!("198.51.100.{n}"))
            .sign_in(&format!("name{n}"), "guess guess guess")
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let page = server
        .browser()
        .at_address("203.0.113.200")
        .sign_in("katherine", PASSWORD)
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}", page.text);
    server.stop().await;
}

/// Behind a named proxy, wrong passwords for a name pause that name only from where they were
/// typed: the owner, elsewhere, signs in.
#[tokio::test]
async fn wrong_passwords_typed_elsewhere_never_lock_the_owner_out() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    server.browser().sign_up("katherine").await;
    let mallory = server.browser().at_address("203.0.113.5");
    for _ in 0..12 {
        mallory.sign_in("katherine", "guess guess guess").await;
    }
    let page = mallory.sign_in("katherine", "guess guess guess").await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    let owner = server.browser().at_address("198.51.100.1");
    let page = owner.sign_in("katherine", PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text);
    server.stop().await;
}

/// An IPv6 client holds a whole /64: hopping between its addresses is one address to the limit.
#[tokio::test]
async fn an_ipv6_client_hopping_inside_its_64_is_one_address() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    server.browser().sign_up("katherine").await;
    for n in 0..20 {
        let page = server
            .browser()
            .at_address(&format!("2001:db8:7:7::{n:x}"))
            .sign_in(&format!("name{n}"), "guess guess guess")
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let page = server
        .browser()
        .at_address("2001:db8:7:7:ffff::1")
        .sign_in("katherine", PASSWORD)
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    let elsewhere = server.browser().at_address("2001:db8:7:8::1");
    let page = elsewhere.sign_in("katherine", PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    server.stop().await;
}

/// `--trusted-proxy` values are checked before anything listens.
#[test]
fn a_bad_trusted_proxy_is_refused_with_what_to_give() {
    let error = TrustedProxies::parse(&["proxy.internal"]).expect_err("a name");
    assert!(error.to_string().contains("proxy.internal"), "{error}");
    assert!(error.to_string().contains("127.0.0.1"), "{error}");
}

/// A NUL character (pasted from a binary file) is kept visible as U+FFFD and saved; a name
/// with one is a failed sign-in, never a server error.
#[tokio::test]
async fn nul_characters_are_shown_as_replacement_marks_and_never_fail_a_request() {
    let app = App::start().await;
    let page = app
        .post_form(
            "/stories",
            &[
                ("title", "Lost\0deals"),
                ("situation", "Forty lost-deal notes\0 read"),
                ("action", "I rewrote the pitch for finance buyers."),
                ("result", "Win rate went from 18% to 26% in two quarters."),
            ],
        )
        .await;
    // The client follows the redirect to the saved story.
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    page.has("Lost\u{FFFD}deals").has("notes\u{FFFD} read");
    let export = app.get("/stories/export.json").await;
    assert!(!export.body.contains("\\u0000"), "{}", export.body);
    app.stop().await;

    let data = Data::new();
    let server = Server::multi_user(&data).await;
    server.browser().sign_up("katherine").await;
    let page = server.browser().sign_in("kather\0ine", PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{}", page.text);
    let stranger = server.browser();
    stranger.get("/signup").await;
    let page = stranger
        .post_form("/signup", &sign_up_form("nul\0name", PASSWORD, PASSWORD))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.text);
    server.stop().await;
}

/// With the store gone, pages say so in the candidate's terms and name no address, path or
/// driver, the sign-in page included.
#[tokio::test]
async fn a_store_that_is_down_shows_no_internal_address() {
    let data = Data::new();
    let server = Server::multi_user(&data).await;
    let browser = server.browser();
    browser.get("/login").await;
    server.store.close().await;
    let page = browser.sign_in("katherine", PASSWORD).await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    page.is_page().has("could not");
    let path = data.path().display().to_string();
    for secret in [
        path.as_str(),
        "sqlite",
        "postgres",
        "pool",
        "sqlx",
        ".sqlite3",
    ] {
        assert!(
            !page.text.to_lowercase().contains(&secret.to_lowercase()),
            "{secret} in {}",
            page.text
        );
    }
    server.stop().await;
}
