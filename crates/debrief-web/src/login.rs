//! Signing in, signing up and signing out (multi-user mode).
//!
//! Routes (in local mode each one redirects to the start page: there is nobody to sign in):
//! - `GET /login?next=`, `POST /login`: sign in. A wrong password and an unknown username get
//!   the same answer and take the same time. Failures are counted in the store per username
//!   and per client address; over the limit the answer is 429 with `Retry-After`. Signing in
//!   starts a new session (a new token) and ends the one the browser held.
//! - `GET /signup`, `POST /signup`: create an account and sign in (closed by
//!   `debrief serve --no-signup`).
//! - `POST /logout`: ends the session (its row is deleted) and clears the cookie.
//!
//! `next` is only followed when it is a path on this server, so a link to the sign-in page
//! cannot send the candidate to another site afterwards.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use debrief_store::{StoreError, new_session_token};

use crate::accounts::{self, AccountError};
use crate::guard::{
    ClientIp, SESSION_COOKIE, SESSION_SECONDS, SignedIn, append_cookie, clear_cookie, cookie,
    request_cookie, see_other,
};
use crate::pages::{Meta, error_page};
use crate::params::{Params, href};
use crate::user::{now, store_error};
use crate::views::{Link, Trouble};
use crate::{AppState, Mode};

/// The window over which failed sign-ins are counted: 15 minutes.
pub const LOGIN_WINDOW_SECONDS: i64 = 15 * 60;
/// Failed sign-ins per username within the window before sign-in pauses for that name.
pub const LOGIN_LIMIT_PER_USER: i64 = 5;
/// Failed sign-ins per client address within the window (many names tried from one place).
pub const LOGIN_LIMIT_PER_IP: i64 = 20;

/// The one message for a wrong password and an unknown username.
const NO_MATCH: &str = "That username and password do not match an account. Check both (the \
                        password is case-sensitive) and try again.";

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub(crate) struct LoginPage {
    meta: Meta,
    username: String,
    next: String,
    error: String,
    signup_open: bool,
    signup_href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "signup.html")]
pub(crate) struct SignupPage {
    meta: Meta,
    username: String,
    next: String,
    errors: Vec<String>,
    username_error: bool,
    password_error: bool,
    login_href: String,
    min_password: usize,
    min_username: usize,
    max_username: usize,
}

/// `next` when it is a path on this server (not `//host`, no backslash, no control or
/// non-ASCII characters, not a sign-in page); else the start page.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    let Some(next) = next.map(str::trim) else {
        return "/".into();
    };
    let path = next.split(['?', '#']).next().unwrap_or_default();
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 2048
        && next.bytes().all(|b| b.is_ascii_graphic())
        && !next.contains('\\')
        && !matches!(path, "/login" | "/signup" | "/logout");
    if local { next.into() } else { "/".into() }
}

fn login_page(
    state: &AppState,
    status: StatusCode,
    username: &str,
    next: &str,
    error: &str,
) -> Response {
    (
        status,
        LoginPage {
            meta: Meta::new("Sign in", ""),
            username: username.into(),
            next: next.into(),
            error: error.into(),
            signup_open: state.auth.signup,
            signup_href: next_href("/signup", next),
        },
    )
        .into_response()
}

/// `/login` or `/signup`, carrying `next` along unless it is the start page.
fn next_href(path: &str, next: &str) -> String {
    if next == "/" {
        path.into()
    } else {
        href(path, &[("next", next)])
    }
}

/// `GET /login`.
pub(crate) async fn page(
    State(state): State<AppState>,
    signed_in: Option<axum::Extension<SignedIn>>,
    Query(params): Query<Params>,
) -> Response {
    let next = safe_next(params.get("next"));
    if state.auth.mode == Mode::Local || signed_in.is_some() {
        return see_other(&next);
    }
    login_page(&state, StatusCode::OK, "", &next, "")
}

/// `POST /login`.
pub(crate) async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(params): Form<Params>,
) -> Response {
    let next = safe_next(params.get("next"));
    if state.auth.mode == Mode::Local {
        return see_other(&next);
    }
    let username = params.get("username").unwrap_or_default();
    let password = params.raw("password").unwrap_or_default();
    if username.is_empty() || password.is_empty() {
        return login_page(
            &state,
            StatusCode::BAD_REQUEST,
            username,
            &next,
            "Enter your username and your password.",
        );
    }
    let now = now();
    // No account name is longer than the store's 64 characters, so a longer one is cut there
    // rather than stored at whatever length was sent.
    let name_key: String = username.to_lowercase().chars().take(64).collect();
    let keys = [
        (format!("user:{name_key}"), LOGIN_LIMIT_PER_USER),
        (format!("ip:{ip}"), LOGIN_LIMIT_PER_IP),
    ];
    match retry_after(&state, &keys, now).await {
        Ok(Some(seconds)) => return too_many(seconds, &next),
        Ok(None) => {}
        Err(e) => return store_error(&e),
    }
    let user = match state.store.user_by_name(username).await {
        Ok(user) => user,
        Err(e) => return store_error(&e),
    };
    // An unknown name is checked against the dummy hash: the same work as a real account.
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_default();
    let matched = match verify(&state, password, hash).await {
        Ok(matched) => matched,
        Err(response) => return response,
    };
    let Some(user) = user.filter(|_| matched) else {
        for (key, _) in &keys {
            if let Err(e) = state.store.record_login_failure(key, now).await {
                return store_error(&e);
            }
        }
        return login_page(&state, StatusCode::UNAUTHORIZED, username, &next, NO_MATCH);
    };
    if let Err(e) = state.store.clear_login_failures(&keys[0].0).await {
        return store_error(&e);
    }
    tidy(&state, now).await;
    start_session(&state, &headers, user.id, now, &next).await
}

/// Seconds until another attempt is allowed, when any key is over its limit.
async fn retry_after(
    state: &AppState,
    keys: &[(String, i64)],
    now: i64,
) -> Result<Option<i64>, StoreError> {
    let since = now - LOGIN_WINDOW_SECONDS;
    let mut wait = None;
    for (key, limit) in keys {
        if state.store.login_failures_since(key, since).await? >= *limit {
            let oldest = state
                .store
                .oldest_login_failure_since(key, since)
                .await?
                .unwrap_or(now);
            let seconds = (oldest + LOGIN_WINDOW_SECONDS - now).max(1);
            wait = Some(wait.map_or(seconds, |w: i64| w.max(seconds)));
        }
    }
    Ok(wait)
}

/// The 429 page: when to try again, in the header and in words.
fn too_many(seconds: i64, next: &str) -> Response {
    let minutes = (seconds + 59) / 60;
    let when = if minutes <= 1 {
        "in a minute".to_owned()
    } else {
        format!("in {minutes} minutes")
    };
    let mut response = error_page(Trouble {
        status: StatusCode::TOO_MANY_REQUESTS,
        heading: "Too many attempts to sign in".into(),
        message: format!(
            "Signing in is paused after several wrong passwords for this username or from your \
             network, to keep the account safe. Try again {when}. If you have forgotten your \
             password, ask the person who runs this server to set a new one."
        ),
        choices_heading: "When the pause is over".into(),
        choices: vec![Link::new("Sign in", next_href("/login", next))],
    });
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// Checks a password on a blocking thread, at most as many at once as the server has cores
/// (each check holds 19 MiB for tens of milliseconds).
async fn verify(state: &AppState, password: &str, hash: String) -> Result<bool, Response> {
    let _permit = state.hashing.acquire().await.map_err(|_| busy())?;
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || accounts::verify_password(&password, &hash))
        .await
        .map_err(|_| busy())
}

/// Hashes a new password like [`verify`].
async fn hash(state: &AppState, password: &str) -> Result<Result<String, AccountError>, Response> {
    let _permit = state.hashing.acquire().await.map_err(|_| busy())?;
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || accounts::hash_password(&password))
        .await
        .map_err(|_| busy())
}

fn busy() -> Response {
    error_page(Trouble {
        status: StatusCode::SERVICE_UNAVAILABLE,
        heading: "The server is busy".into(),
        message: "The password could not be checked just now. Try again in a moment.".into(),
        choices_heading: String::new(),
        choices: Vec::new(),
    })
}

/// Drops expired sessions and failures outside the window. Done on sign-in, which is rare
/// enough to cost nothing and frequent enough to keep both tables small; a failure here
/// only leaves rows for next time.
async fn tidy(state: &AppState, now: i64) {
    if let Err(error) = state.store.delete_expired(now).await {
        tracing::warn!(%error, "could not delete expired sessions");
    }
    if let Err(error) = state
        .store
        .prune_login_failures(now - LOGIN_WINDOW_SECONDS)
        .await
    {
        tracing::warn!(%error, "could not prune old failed sign-ins");
    }
}

/// Starts a new session for `user_id` (ending the one the browser held, if any), sets its
/// cookie and goes to `next`.
async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    user_id: i64,
    now: i64,
    next: &str,
) -> Response {
    if let Some(old) = request_cookie(headers, SESSION_COOKIE)
        && let Err(e) = state.store.delete_session(old).await
    {
        return store_error(&e);
    }
    let token = match new_session_token() {
        Ok(token) => token,
        Err(e) => return store_error(&e),
    };
    if let Err(e) = state
        .store
        .create_session(user_id, &token, now + SESSION_SECONDS)
        .await
    {
        return store_error(&e);
    }
    let mut response = see_other(next);
    append_cookie(
        &mut response,
        &cookie(SESSION_COOKIE, &token, SESSION_SECONDS, state),
    );
    response
}

/// `POST /logout`.
pub(crate) async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if state.auth.mode == Mode::Local {
        return see_other("/");
    }
    if let Some(token) = request_cookie(&headers, SESSION_COOKIE)
        && let Err(e) = state.store.delete_session(token).await
    {
        return store_error(&e);
    }
    let mut response = see_other("/login");
    append_cookie(&mut response, &clear_cookie(SESSION_COOKIE, &state));
    response
}

fn signup_page(
    status: StatusCode,
    username: &str,
    next: &str,
    errors: &[AccountError],
) -> Response {
    (
        status,
        SignupPage {
            meta: Meta::new("Create an account", ""),
            username: username.into(),
            next: next.into(),
            errors: errors.iter().map(ToString::to_string).collect(),
            username_error: errors
                .iter()
                .any(|e| matches!(e, AccountError::Username(_))),
            password_error: errors
                .iter()
                .any(|e| matches!(e, AccountError::Password(_))),
            login_href: next_href("/login", next),
            min_password: accounts::MIN_PASSWORD_CHARS,
            min_username: accounts::MIN_USERNAME_CHARS,
            max_username: accounts::MAX_USERNAME_CHARS,
        },
    )
        .into_response()
}

/// The page of a server whose operator closed sign-up.
fn signup_closed(next: &str) -> Response {
    error_page(Trouble {
        status: StatusCode::FORBIDDEN,
        heading: "Sign-up is closed on this server".into(),
        message: "Accounts here are made by the person who runs the server. Ask them for one \
                  (they create it with “debrief users add NAME”), then sign in."
            .into(),
        choices_heading: "Have an account?".into(),
        choices: vec![Link::new("Sign in", next_href("/login", next))],
    })
}

/// `GET /signup`.
pub(crate) async fn signup_form(
    State(state): State<AppState>,
    signed_in: Option<axum::Extension<SignedIn>>,
    Query(params): Query<Params>,
) -> Response {
    let next = safe_next(params.get("next"));
    if state.auth.mode == Mode::Local || signed_in.is_some() {
        return see_other(&next);
    }
    if !state.auth.signup {
        return signup_closed(&next);
    }
    signup_page(StatusCode::OK, "", &next, &[])
}

/// `POST /signup`.
pub(crate) async fn signup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(params): Form<Params>,
) -> Response {
    let next = safe_next(params.get("next"));
    if state.auth.mode == Mode::Local {
        return see_other(&next);
    }
    if !state.auth.signup {
        return signup_closed(&next);
    }
    // The name as typed, spaces included, so a rule about spaces can be explained.
    let username = params.raw("username").unwrap_or_default();
    let password = params.raw("password").unwrap_or_default();
    let confirm = params.raw("confirm").unwrap_or_default();
    let mut errors = Vec::new();
    if let Err(e) = accounts::check_username(username) {
        errors.push(e);
    }
    if let Err(e) = accounts::check_password(password, username) {
        errors.push(e);
    } else if password != confirm {
        errors.push(AccountError::Password(
            "The two passwords differ: type the same password in both boxes.".into(),
        ));
    }
    if !errors.is_empty() {
        return signup_page(StatusCode::BAD_REQUEST, username, &next, &errors);
    }
    let now = now();
    // Probing for taken names counts against the address like a failed sign-in.
    let ip_key = format!("ip:{ip}");
    match retry_after(&state, &[(ip_key.clone(), LOGIN_LIMIT_PER_IP)], now).await {
        Ok(Some(seconds)) => return too_many(seconds, &next),
        Ok(None) => {}
        Err(e) => return store_error(&e),
    }
    let phc = match hash(&state, password).await {
        Ok(Ok(phc)) => phc,
        Ok(Err(e)) => return signup_page(StatusCode::INTERNAL_SERVER_ERROR, username, &next, &[e]),
        Err(response) => return response,
    };
    let user = match state.store.create_user(username, &phc).await {
        Ok(user) => user,
        Err(StoreError::UsernameTaken(_)) => {
            if let Err(e) = state.store.record_login_failure(&ip_key, now).await {
                return store_error(&e);
            }
            let taken = AccountError::Username(format!(
                "The username “{username}” is taken. Choose another, or sign in if it is yours."
            ));
            return signup_page(StatusCode::CONFLICT, username, &next, &[taken]);
        }
        Err(e) => return store_error(&e),
    };
    tracing::info!(username = %user.username, "account created");
    start_session(&state, &headers, user.id, now, &next).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_a_local_path_or_the_start_page() {
        for (given, kept) in [
            (Some("/stories/3"), "/stories/3"),
            (Some("/plan?x=1#week-2"), "/plan?x=1#week-2"),
            (Some("/questions?q=a%20b"), "/questions?q=a%20b"),
            (None, "/"),
            (Some(""), "/"),
            (Some("https://evil.example/"), "/"),
            (Some("//evil.example/"), "/"),
            (Some("/\\evil.example"), "/"),
            (Some("\\\\evil.example"), "/"),
            (Some("/ok\r\nSet-Cookie: x=1"), "/"),
            (Some("/%0d%0a"), "/%0d%0a"),
            (Some("/étude"), "/"),
            (Some("javascript:alert(1)"), "/"),
            (Some("/login?next=/x"), "/"),
            (Some("/logout"), "/"),
        ] {
            assert_eq!(safe_next(given), kept, "{given:?}");
        }
    }
}
