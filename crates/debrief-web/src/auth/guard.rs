//! The gate every request passes before its handler: who is signed in, and whether a request
//! that changes something really comes from one of debrief's own pages.
//!
//! One middleware ([`guard`]) runs for every route, so a new route is covered without doing
//! anything. It
//!
//! 1. in multi-user mode, looks up the session named by the cookie and sends requests without
//!    a live one to `/login` (pages) or answers 401 (`/api/*`), except on the sign-in pages
//!    themselves; the account goes into the request for `CurrentUser`;
//! 2. for requests with an unsafe method (POST, PUT, PATCH, DELETE), refuses those a browser
//!    marks as cross-site (`Sec-Fetch-Site: cross-site`) and those whose `Origin` is not this
//!    server (defense in depth: old browsers send neither);
//! 3. for the same requests, checks the CSRF token: the `X-CSRF-Token` header, or else the
//!    `csrf` field of a urlencoded or multipart form body, must equal the request's expected
//!    token (compared in constant time). A refusal is a 403 page (JSON under `/api`) that says
//!    what happened and to reload the page; the handler never runs, so nothing is saved.
//!
//! The expected token needs no server-side state, so it survives a restart of the server (an
//! open tab keeps saving):
//!
//! - signed in (multi-user mode): the SHA-256 of a fixed label and the raw session token, hex.
//!   Only someone who can read the session cookie can compute it, and it changes when the
//!   session does (sign-in rotates the session). The double-submit cookie is not accepted
//!   then: a neighbouring site can plant a cookie, but not a live session of the victim's.
//! - otherwise (local mode, and the sign-in and sign-up forms, which are filled in before
//!   there is a session): a double-submit cookie `debrief_csrf`, a random value set when
//!   missing (HttpOnly). A hostile page can make the browser send the cookie but cannot read
//!   it, so it cannot put the same value in the form. The cookie is
//!   `SameSite=Lax`, not `Strict`: a `Strict` cookie is withheld when the candidate follows a
//!   link from another site, the server would then mint a new one, and every tab already open
//!   would hold a stale token. Its protection does not rest on SameSite anyway.
//!
//! Pages get the token through the request's page context (`context.rs`), which the middleware
//! sets for the handler's task: `ui::Meta::new` copies it into every page, `base.html` writes
//! it into `<meta name="csrf-token">` (for scripts) and forms write it into a hidden `csrf`
//! field with the `csrf_field` macro of `macros.html`. The cookies are in `cookies.rs`, the
//! token and where a request carries it in `csrf.rs`.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use debrief_store::{StoreError, UserId, new_session_token};

use super::cookies::{
    CSRF_COOKIE, CSRF_COOKIE_SECONDS, Cookies, SESSION_COOKIE, append_cookie, clear_cookie, cookie,
    is_token,
};
use super::csrf::{Unread, same, session_csrf, supplied_token};
use super::{hosts, proxies};
use crate::clock::now;
use crate::context::{self, PageContext, PrinciplesLink};
use crate::error::{ApiError, PageError};
use crate::limits::MAX_FORM_BODY;
use crate::params::encode;
use crate::respond::see_other;
use crate::ui::Link;
use crate::{AppState, Mode};

/// The signed-in account, put in the request's extensions by [`guard`] in multi-user mode.
#[derive(Debug, Clone)]
pub(crate) struct SignedIn {
    /// The user's id in the store.
    pub id: i64,
    /// The name to show in the header.
    pub username: String,
}

/// The middleware described in the module docs.
pub(crate) async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    // Before anything else: a name this server does not answer to gets no page and no data.
    if path != "/healthz"
        && let Some(name) =
            hosts::foreign_host(request.headers(), request.uri(), &state.auth.public_hosts)
    {
        return misdirected(is_api(path), &name);
    }
    // Assets and the health check carry no data and no forms: no cookies, no lookups.
    if path.starts_with("/static/") || path == "/healthz" {
        return next.run(request).await;
    }
    let api = is_api(path);
    let public = matches!(path, "/login" | "/signup" | "/logout");
    // The sign-in forms are filled in before there is a session: their token is always the
    // double-submit cookie's, so a form left open in a second tab still works after signing in
    // in the first.
    let sign_in_form = matches!(path, "/login" | "/signup");
    let changes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    let multi_user = state.auth.mode == Mode::MultiUser;
    let cookies = Cookies::parse(request.headers());
    let session = cookies.get(SESSION_COOKIE).filter(|t| is_token(t));
    let session = if multi_user { session } else { None };

    let signed_in = match session {
        Some(token) => match state.store.session_user(token, now()).await {
            Ok(user) => user.map(|u| SignedIn {
                id: u.id,
                username: u.username,
            }),
            Err(e) => return failure(api, e),
        },
        None => None,
    };
    if multi_user && signed_in.is_none() && !public {
        let mut response = sign_in_first(api, request.method(), request.uri());
        if session.is_some() {
            // The cookie names a session that ended: drop it.
            append_cookie(&mut response, &clear_cookie(SESSION_COOKIE, &state));
        }
        return response;
    }

    // The expected token, and a new double-submit cookie to set when there was none.
    let double_submit = cookies.get(CSRF_COOKIE).filter(|t| is_token(t));
    let (expected, new_cookie) = match (session.filter(|_| !sign_in_form), double_submit) {
        (Some(token), _) => (session_csrf(token), None),
        (None, Some(cookie)) => (cookie.to_owned(), None),
        (None, None) => match new_session_token() {
            Ok(fresh) => (fresh.clone(), Some(fresh)),
            Err(e) => return failure(api, e),
        },
    };
    let set_cookie = |mut response: Response| {
        if let Some(value) = &new_cookie {
            append_cookie(
                &mut response,
                &cookie(CSRF_COOKIE, value, CSRF_COOKIE_SECONDS, &state),
            );
        }
        response
    };
    // Pages name the principles in the target company's words; the API draws no navigation.
    let principles = if api {
        PrinciplesLink::default()
    } else {
        principles_link(&state, signed_in.as_ref()).await
    };
    let context = PageContext {
        csrf: expected.clone(),
        account: signed_in.as_ref().map(|u| u.username.clone()),
        principles,
    };
    // A refusal is a page of this request like any other (its header, its token).
    let refused = |why: Refusal, headers: &HeaderMap| {
        let response = context::sync_scope(context.clone(), || refuse(api, why, headers));
        set_cookie(response)
    };

    let mut request = request;
    if changes {
        let forwards_host = state
            .auth
            .trusted_proxies
            .forwards_host(peer(request.extensions()));
        if let Err(why) = check_origin(request.headers(), request.uri(), forwards_host) {
            return refused(why, request.headers());
        }
        let (checked, supplied) = match supplied_token(request).await {
            Ok(found) => found,
            Err(why) => return set_cookie(unread(api, &why)),
        };
        request = checked;
        if !supplied.is_some_and(|s| same(s.as_bytes(), expected.as_bytes())) {
            return refused(Refusal::Token, request.headers());
        }
    }

    if let Some(user) = signed_in {
        request.extensions_mut().insert(user);
    }
    set_cookie(context::scope(context, next.run(request)).await)
}

/// The layout's link to the principles of the company the request's candidate targets: the
/// signed-in account's, the local user's in local mode, the content's default before sign-in.
/// The chrome is never worth failing a page for: if the store cannot say, the default
/// company's words stand in, and the handler reports the store's trouble itself.
async fn principles_link(state: &AppState, signed_in: Option<&SignedIn>) -> PrinciplesLink {
    let user = match (state.auth.mode, signed_in) {
        (_, Some(user)) => Some(user.id),
        (Mode::Local, None) => state.store.local_user().await.ok().map(|u| u.id),
        (Mode::MultiUser, None) => None,
    };
    let company = match user {
        Some(id) => state
            .app
            .target_company(UserId::new(id))
            .await
            .unwrap_or_else(|_| state.catalog.default_company()),
        None => state.catalog.default_company(),
    };
    company.map(PrinciplesLink::of).unwrap_or_default()
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

// ---------------------------------------------------------------------------------------------
// Where a request comes from

/// Why the guard refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// The browser said the request came from another site.
    CrossSite,
    /// The token was missing or did not match.
    Token,
}

/// Refuses requests a browser marks as coming from another site. Requests without these
/// headers (scripts, old browsers) pass on to the token check. `X-Forwarded-Host` counts as
/// this server's name only when `forwards_host` (the peer is a trusted proxy).
fn check_origin(headers: &HeaderMap, uri: &Uri, forwards_host: bool) -> Result<(), Refusal> {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if text(header::HeaderName::from_static("sec-fetch-site"))
        .is_some_and(|site| site.eq_ignore_ascii_case("cross-site"))
    {
        return Err(Refusal::CrossSite);
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().map_err(|_| Refusal::CrossSite)?;
    let (scheme, authority) = origin.split_once("://").ok_or(Refusal::CrossSite)?;
    let authority = normal_authority(scheme, authority);
    // The address the browser used: `Host`, or the authority of an HTTP/2 request. Behind a
    // reverse proxy that rewrites `Host`, the proxy's `X-Forwarded-Host` names it.
    let forwarded = text(header::HeaderName::from_static("x-forwarded-host"))
        .filter(|_| forwards_host)
        .and_then(|v| v.split(',').next())
        .map(str::trim);
    let ours = [
        text(header::HOST),
        uri.authority().map(|a| a.as_str()),
        forwarded,
    ];
    if ours
        .into_iter()
        .flatten()
        .any(|host| normal_authority(scheme, host) == authority)
    {
        Ok(())
    } else {
        Err(Refusal::CrossSite)
    }
}

/// `host[:port]` lowercased, without the scheme's default port.
fn normal_authority(scheme: &str, authority: &str) -> String {
    let authority = authority.trim_end_matches('/').to_ascii_lowercase();
    let default = match scheme.to_ascii_lowercase().as_str() {
        "https" => ":443",
        _ => ":80",
    };
    authority
        .strip_suffix(default)
        .map_or(authority.clone(), str::to_owned)
}

// ---------------------------------------------------------------------------------------------
// Answers

/// The answer to a request without a session in multi-user mode: 401 JSON under `/api`, else
/// a redirect to the sign-in page that comes back here afterwards (GET and HEAD only: after
/// signing in, a browser cannot repeat a POST).
pub(crate) fn sign_in_first(api: bool, method: &Method, uri: &Uri) -> Response {
    if api {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            "sign in first: this debrief server has accounts; sign in at /login, then send the \
             request again with the session cookie",
        )
        .into_response();
    }
    let location = match (method, uri.path_and_query()) {
        (&Method::GET | &Method::HEAD, Some(target)) if target.as_str() != "/" => {
            format!("/login?next={}", encode(target.as_str()))
        }
        _ => "/login".to_owned(),
    };
    see_other(&location)
}

/// The 421 of a request for a name this server does not answer to.
fn misdirected(api: bool, name: &str) -> Response {
    let message = format!(
        "This debrief does not answer to the name `{name}`, so nothing was shown or changed. \
         Open it at the address it printed when it started (such as http://127.0.0.1:7878/). \
         A team server reached by a name of its own is started with --public-host {name}."
    );
    if api {
        return ApiError::new(StatusCode::MISDIRECTED_REQUEST, message).into_response();
    }
    PageError::new(StatusCode::MISDIRECTED_REQUEST, "Not this address", message).into_response()
}

/// The 403 of a refused request: what happened, and what to do.
fn refuse(api: bool, why: Refusal, headers: &HeaderMap) -> Response {
    let (message, json_message) = match why {
        Refusal::CrossSite => (
            "Nothing was changed: the request came from another website, and debrief only \
             accepts changes sent from its own pages. If you meant to do this, open debrief \
             yourself and do it there.",
            "refused: the request came from another website; debrief only accepts changes \
             from its own pages",
        ),
        Refusal::Token => (
            "Nothing was saved: the form’s security token is missing or out of date. That \
             happens after signing in or out in another tab, or after clearing cookies. \
             Reload the page and send it again (copy any text you typed first).",
            "the CSRF token is missing or out of date; reload the page and try again (scripts \
             send the token of <meta name=\"csrf-token\"> in the X-CSRF-Token header)",
        ),
    };
    if api {
        return ApiError::new(StatusCode::FORBIDDEN, json_message).into_response();
    }
    let mut choices = Vec::new();
    if let Some(back) = referer_path(headers) {
        choices.push(Link::new("Reload the page you came from", back));
    }
    choices.push(Link::new("Start page", "/"));
    let heading = match why {
        Refusal::CrossSite => "Refused: sent from another site",
        Refusal::Token => "This page is out of date",
    };
    PageError::new(StatusCode::FORBIDDEN, heading, message)
        .choices("What to do", choices)
        .into_response()
}

/// The path of a same-origin `Referer` (the page a refused form was on), if it is one.
fn referer_path(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let (_, rest) = referer.split_once("://")?;
    let path = rest.strip_prefix(host)?;
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

/// The 413 of a form body over [`MAX_FORM_BODY`], or the 408 of one that came too slowly.
/// The text never reached the server, so the page says where it still is: in the form the
/// browser sent it from (and, for a mock's answer box, in the browser's own copy).
fn unread(api: bool, why: &Unread) -> Response {
    let (status, heading, message) = match why {
        Unread::TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "That is too much at once",
            format!(
                "The form is larger than debrief accepts ({} MB), so nothing was saved. Your \
                 text is still in the form on the page you came from: go back, shorten it (one \
                 answer is at most 1 MB, about 150,000 words) and send it again.",
                MAX_FORM_BODY / (1024 * 1024)
            ),
        ),
        Unread::TooSlow => (
            StatusCode::REQUEST_TIMEOUT,
            "The form took too long to arrive",
            "The connection was too slow to send the whole form in time, so nothing was \
             saved. Your text is still in the form on the page you came from: go back and send \
             it again."
                .to_owned(),
        ),
    };
    if api {
        return ApiError::new(status, message).into_response();
    }
    PageError::new(status, heading, message).into_response()
}

/// A store failure before any handler ran (the session lookup, a token).
fn failure(api: bool, error: StoreError) -> Response {
    if api {
        ApiError::from(error).into_response()
    } else {
        PageError::from(error).into_response()
    }
}

// ---------------------------------------------------------------------------------------------
// The client's address, for rate limiting

/// The client's address as the rate limit counts it ([`proxies::rate_key`]): the peer's, or,
/// when the peer is a proxy named with `--trusted-proxy`, the client it forwarded for.
#[derive(Debug, Clone)]
pub(crate) struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientIp, Self::Rejection> {
        let Some(peer) = peer(&parts.extensions) else {
            return Ok(ClientIp("unknown".into()));
        };
        let client = state.auth.trusted_proxies.client(peer, &parts.headers);
        Ok(ClientIp(proxies::rate_key(client)))
    }
}

/// The address of the connection a request came on, when the server recorded it.
fn peer(extensions: &axum::http::Extensions) -> Option<std::net::IpAddr> {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_str(v).expect("header"));
        }
        map
    }

    #[test]
    fn origins_must_be_this_server() {
        let uri = Uri::from_static("/stories");
        let ok = |pairs: &[(&'static str, &str)]| check_origin(&headers(pairs), &uri, true).is_ok();
        assert!(
            ok(&[("host", "127.0.0.1:7878")]),
            "no Origin: the token decides"
        );
        assert!(ok(&[
            ("host", "127.0.0.1:7878"),
            ("origin", "http://127.0.0.1:7878")
        ]));
        assert!(ok(&[
            ("host", "prep.example.com"),
            ("origin", "https://prep.example.com")
        ]));
        assert!(ok(&[
            ("host", "prep.example.com:443"),
            ("origin", "https://PREP.example.com")
        ]));
        assert!(ok(&[
            ("host", "127.0.0.1:7878"),
            ("x-forwarded-host", "prep.example.com"),
            ("origin", "https://prep.example.com")
        ]));
        assert!(ok(&[("host", "x"), ("sec-fetch-site", "same-origin")]));
        assert!(!ok(&[
            ("host", "127.0.0.1:7878"),
            ("origin", "http://evil.example")
        ]));
        assert!(!ok(&[
            ("host", "localhost:7878"),
            ("origin", "http://localhost:8080")
        ]));
        assert!(!ok(&[("host", "127.0.0.1:7878"), ("origin", "null")]));
        assert!(!ok(&[("host", "x"), ("sec-fetch-site", "cross-site")]));
        // From a peer that is not a trusted proxy, X-Forwarded-Host vouches for nothing.
        let forwarded = headers(&[
            ("host", "127.0.0.1:7878"),
            ("x-forwarded-host", "prep.example.com"),
            ("origin", "https://prep.example.com"),
        ]);
        assert!(check_origin(&forwarded, &uri, false).is_err());
    }
}
