//! The steps of signing in and up that are not pages: where to go afterwards, the rate limit
//! on failed attempts, password checks off the async threads, and starting a session. The
//! pages (`routes/login.rs`) call these.

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use debrief_store::{StoreError, new_session_token};

use super::accounts::{self, AccountError};
use super::cookies::{SESSION_COOKIE, SESSION_SECONDS, append_cookie, cookie, request_cookie};
use crate::AppState;
use crate::error::PageError;
use crate::respond::see_other;

/// The window over which failed sign-ins are counted: 15 minutes.
pub const LOGIN_WINDOW_SECONDS: i64 = 15 * 60;
/// Failed sign-ins for one username from one client address within the window before sign-in
/// pauses for that name from that address (never from elsewhere, so nobody can lock the owner
/// out by typing wrong passwords).
pub const LOGIN_LIMIT_PER_USER: i64 = 5;
/// Failed sign-ins per client address within the window (many names tried from one place).
pub const LOGIN_LIMIT_PER_IP: i64 = 20;

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

/// Seconds until another attempt is allowed, when any key is over its limit.
pub(crate) async fn retry_after(
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

/// Checks a password on a blocking thread, at most as many at once as the server has cores
/// (each check holds 19 MiB for tens of milliseconds).
pub(crate) async fn verify(
    state: &AppState,
    password: &str,
    hash: String,
) -> Result<bool, PageError> {
    let _permit = state.hashing.acquire().await.map_err(|_| busy())?;
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || accounts::verify_password(&password, &hash))
        .await
        .map_err(|_| busy())
}

/// Hashes a new password like [`verify`].
pub(crate) async fn hash(
    state: &AppState,
    password: &str,
) -> Result<Result<String, AccountError>, PageError> {
    let _permit = state.hashing.acquire().await.map_err(|_| busy())?;
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || accounts::hash_password(&password))
        .await
        .map_err(|_| busy())
}

fn busy() -> PageError {
    PageError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "The server is busy",
        "The password could not be checked just now. Try again in a moment.",
    )
}

/// Drops expired sessions and failures outside the window. Done on sign-in, which is rare
/// enough to cost nothing and frequent enough to keep both tables small; a failure here
/// only leaves rows for next time.
pub(crate) async fn tidy(state: &AppState, now: i64) {
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
pub(crate) async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    user_id: i64,
    now: i64,
    next: &str,
) -> Result<Response, PageError> {
    if let Some(old) = request_cookie(headers, SESSION_COOKIE) {
        state.store.delete_session(old).await?;
    }
    let token = new_session_token()?;
    state
        .store
        .create_session(user_id, &token, now + SESSION_SECONDS)
        .await?;
    let mut response = see_other(next);
    append_cookie(
        &mut response,
        &cookie(SESSION_COOKIE, &token, SESSION_SECONDS, state),
    );
    Ok(response)
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
