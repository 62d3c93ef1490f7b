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
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use debrief_store::StoreError;

use crate::auth::accounts::{self, AccountError};
use crate::auth::cookies::{SESSION_COOKIE, append_cookie, clear_cookie, request_cookie};
use crate::auth::guard::{ClientIp, SignedIn};
use crate::auth::signin::{
    LOGIN_LIMIT_PER_IP, LOGIN_LIMIT_PER_USER, hash, retry_after, safe_next, start_session, tidy,
    verify,
};
use crate::clock::now;
use crate::error::PageError;
use crate::params::{Params, href};
use crate::respond::see_other;
use crate::ui::{Link, Meta};
use crate::{AppState, Mode};

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
) -> Result<Response, PageError> {
    let next = safe_next(params.get("next"));
    if state.auth.mode == Mode::Local {
        return Ok(see_other(&next));
    }
    let username = params.get("username").unwrap_or_default();
    let password = params.raw("password").unwrap_or_default();
    if username.is_empty() || password.is_empty() {
        return Ok(login_page(
            &state,
            StatusCode::BAD_REQUEST,
            username,
            &next,
            "Enter your username and your password.",
        ));
    }
    let now = now();
    // No account name is longer than the store's 64 characters, so a longer one is cut there
    // rather than stored at whatever length was sent.
    let name_key: String = username.to_lowercase().chars().take(64).collect();
    // The name's count is kept per address: wrong passwords typed somewhere else (by someone
    // trying to lock the owner out) never pause the owner's own sign-in.
    let keys = [
        (format!("user:{name_key}@{ip}"), LOGIN_LIMIT_PER_USER),
        (format!("ip:{ip}"), LOGIN_LIMIT_PER_IP),
    ];
    if let Some(seconds) = retry_after(&state, &keys, now).await? {
        return Err(too_many(seconds, &next));
    }
    let user = state.store.user_by_name(username).await?;
    // An unknown name is checked against the dummy hash: the same work as a real account.
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_default();
    let matched = verify(&state, password, hash).await?;
    let Some(user) = user.filter(|_| matched) else {
        for (key, _) in &keys {
            state.store.record_login_failure(key, now).await?;
        }
        return Ok(login_page(
            &state,
            StatusCode::UNAUTHORIZED,
            username,
            &next,
            NO_MATCH,
        ));
    };
    state.store.clear_login_failures(&keys[0].0).await?;
    tidy(&state, now).await;
    start_session(&state, &headers, user.id, now, &next).await
}

/// The 429 page: when to try again, in the header and in words.
fn too_many(seconds: i64, next: &str) -> PageError {
    let minutes = (seconds + 59) / 60;
    let when = if minutes <= 1 {
        "in a minute".to_owned()
    } else {
        format!("in {minutes} minutes")
    };
    PageError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many attempts to sign in",
        format!(
            "Signing in from your network is paused after several wrong passwords, to keep the \
             accounts here safe. Try again {when}. If you have forgotten your password, ask the \
             person who runs this server to set a new one."
        ),
    )
    .choices(
        "When the pause is over",
        vec![Link::new("Sign in", next_href("/login", next))],
    )
    .retry_after(seconds)
}

/// `POST /logout`.
pub(crate) async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    if state.auth.mode == Mode::Local {
        return Ok(see_other("/"));
    }
    if let Some(token) = request_cookie(&headers, SESSION_COOKIE) {
        state.store.delete_session(token).await?;
    }
    let mut response = see_other("/login");
    append_cookie(&mut response, &clear_cookie(SESSION_COOKIE, &state));
    Ok(response)
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
fn signup_closed(next: &str) -> PageError {
    PageError::new(
        StatusCode::FORBIDDEN,
        "Sign-up is closed on this server",
        "Accounts here are made by the person who runs the server. Ask them for one (they \
         create it with “debrief users add NAME”), then sign in.",
    )
    .choices(
        "Have an account?",
        vec![Link::new("Sign in", next_href("/login", next))],
    )
}

/// `GET /signup`.
pub(crate) async fn signup_form(
    State(state): State<AppState>,
    signed_in: Option<axum::Extension<SignedIn>>,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let next = safe_next(params.get("next"));
    if state.auth.mode == Mode::Local || signed_in.is_some() {
        return Ok(see_other(&next));
    }
    if !state.auth.signup {
        return Err(signup_closed(&next));
    }
    Ok(signup_page(StatusCode::OK, "", &next, &[]))
}

/// `POST /signup`.
pub(crate) async fn signup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let next = safe_next(params.get("next"));
    if state.auth.mode == Mode::Local {
        return Ok(see_other(&next));
    }
    if !state.auth.signup {
        return Err(signup_closed(&next));
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
        return Ok(signup_page(
            StatusCode::BAD_REQUEST,
            username,
            &next,
            &errors,
        ));
    }
    let now = now();
    // Probing for taken names counts against the address like a failed sign-in.
    let ip_key = format!("ip:{ip}");
    if let Some(seconds) = retry_after(&state, &[(ip_key.clone(), LOGIN_LIMIT_PER_IP)], now).await?
    {
        return Err(too_many(seconds, &next));
    }
    let phc = match hash(&state, password).await? {
        Ok(phc) => phc,
        Err(e) => {
            return Ok(signup_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                username,
                &next,
                &[e],
            ));
        }
    };
    let user = match state.store.create_user(username, &phc).await {
        Ok(user) => user,
        Err(StoreError::UsernameTaken(_)) => {
            state.store.record_login_failure(&ip_key, now).await?;
            let taken = AccountError::Username(format!(
                "The username “{username}” is taken. Choose another, or sign in if it is yours."
            ));
            return Ok(signup_page(StatusCode::CONFLICT, username, &next, &[taken]));
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!(username = %user.username, "account created");
    start_session(&state, &headers, user.id, now, &next).await
}
