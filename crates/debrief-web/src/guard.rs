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
//! Pages get the token through [`page_context`], which the middleware sets for the handler's
//! task: `pages::Meta::new` copies it into every page, `base.html` writes it into
//! `<meta name="csrf-token">` (for scripts) and forms write it into a hidden `csrf` field with
//! the `csrf_field` macro of `macros.html`.

use std::net::SocketAddr;

use axum::Json;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use debrief_store::{StoreError, hash_token, new_session_token};
use serde_json::json;

use crate::pages::error_page;
use crate::params::encode;
use crate::user::{now, store_error};
use crate::views::{Link, Trouble};
use crate::{AppState, Mode};

/// The session cookie of multi-user mode: the raw session token (the store keeps its hash).
pub(crate) const SESSION_COOKIE: &str = "debrief_session";
/// The double-submit CSRF cookie.
pub(crate) const CSRF_COOKIE: &str = "debrief_csrf";
/// The form field that carries the CSRF token.
pub(crate) const CSRF_FIELD: &str = "csrf";
/// The header that carries the CSRF token for scripts (`fetch`).
pub(crate) const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts, and the session cookie's `Max-Age`: 30 days.
pub(crate) const SESSION_SECONDS: i64 = 30 * 86_400;
/// The CSRF cookie's `Max-Age`: a year, so a tab left open for weeks still saves.
const CSRF_COOKIE_SECONDS: i64 = 365 * 86_400;
/// The largest form body the guard reads to find the token: the largest any route accepts
/// (the story import). Each route's own, smaller limit still applies after.
const MAX_FORM_BODY: usize = {
    let (a, b) = (
        crate::PRACTICE_BODY_LIMIT,
        crate::stories::IMPORT_BODY_LIMIT,
    );
    if a > b { a } else { b }
};
/// Mixed into the session token to derive the CSRF token, so the two never coincide.
const CSRF_LABEL: &str = "debrief csrf token v1:";

/// The signed-in account, put in the request's extensions by [`guard`] in multi-user mode.
#[derive(Debug, Clone)]
pub(crate) struct SignedIn {
    /// The user's id in the store.
    pub id: i64,
    /// The name to show in the header.
    pub username: String,
}

/// What every page of one request needs from the guard: the CSRF token to write into its
/// forms and who is signed in.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageContext {
    /// The request's CSRF token; empty outside a request (unit tests).
    pub csrf: String,
    /// The signed-in username in multi-user mode; `None` in local mode.
    pub account: Option<String>,
}

tokio::task_local! {
    static PAGE: PageContext;
}

/// The current request's [`PageContext`] (the default outside [`guard`]).
pub(crate) fn page_context() -> PageContext {
    PAGE.try_with(Clone::clone).unwrap_or_default()
}

/// The middleware described in the module docs.
pub(crate) async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
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
            Err(e) => return failure(api, &e),
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
            Err(e) => return failure(api, &e),
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
    let context = PageContext {
        csrf: expected.clone(),
        account: signed_in.as_ref().map(|u| u.username.clone()),
    };
    // A refusal is a page of this request like any other (its header, its token).
    let refused = |why: Refusal, headers: &HeaderMap| {
        let response = PAGE.sync_scope(context.clone(), || refuse(api, why, headers));
        set_cookie(response)
    };

    let mut request = request;
    if changes {
        if let Err(why) = check_origin(request.headers(), request.uri()) {
            return refused(why, request.headers());
        }
        let (checked, supplied) = match supplied_token(request).await {
            Ok(found) => found,
            Err(response) => return set_cookie(response),
        };
        request = checked;
        if !supplied.is_some_and(|s| same(s.as_bytes(), expected.as_bytes())) {
            return refused(Refusal::Token, request.headers());
        }
    }

    if let Some(user) = signed_in {
        request.extensions_mut().insert(user);
    }
    set_cookie(PAGE.scope(context, next.run(request)).await)
}

/// The CSRF token of a session: the SHA-256 of a label and the raw session token, hex.
pub(crate) fn session_csrf(session_token: &str) -> String {
    hash_token(&format!("{CSRF_LABEL}{session_token}"))
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Tokens are 64 lowercase hex characters (see `new_session_token`); anything else in a
/// cookie is ignored rather than trusted.
fn is_token(value: &str) -> bool {
    value.len() == 64
        && value
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Equality that takes the same time wherever the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && !a.is_empty()
        && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

// ---------------------------------------------------------------------------------------------
// Cookies

/// The request's cookies, as `name=value` pairs; the first of a repeated name wins.
struct Cookies<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Cookies<'a> {
    fn parse(headers: &'a HeaderMap) -> Cookies<'a> {
        let pairs = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .map(|(k, v)| (k.trim(), v.trim().trim_matches('"')))
            .collect();
        Cookies(pairs)
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
}

/// The value of one cookie of a request (for the sign-in handlers).
pub(crate) fn request_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    Cookies::parse(headers).get(name).filter(|t| is_token(t))
}

/// A `Set-Cookie` value: HttpOnly, `Path=/`, SameSite=Lax, `Secure` when the server is told it
/// sits behind HTTPS.
pub(crate) fn cookie(name: &str, value: &str, max_age: i64, state: &AppState) -> String {
    let secure = if state.auth.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
}

/// A `Set-Cookie` value that deletes the cookie.
pub(crate) fn clear_cookie(name: &str, state: &AppState) -> String {
    cookie(name, "", 0, state)
}

/// Adds a `Set-Cookie` header (the values built here are always valid header text).
pub(crate) fn append_cookie(response: &mut Response, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
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
/// headers (scripts, old browsers) pass on to the token check.
fn check_origin(headers: &HeaderMap, uri: &Uri) -> Result<(), Refusal> {
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
// The token a request carries

/// The token in the `X-CSRF-Token` header, or else in the `csrf` field of a urlencoded or
/// multipart body. A body is read whole and handed on unchanged.
async fn supplied_token(request: Request) -> Result<(Request, Option<String>), Response> {
    if let Some(value) = request.headers().get(CSRF_HEADER) {
        let token = value.to_str().ok().map(|t| t.trim().to_owned());
        return Ok((request, token));
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let form = essence == "application/x-www-form-urlencoded";
    let multipart = essence == "multipart/form-data";
    if !form && !multipart {
        return Ok((request, None));
    }
    let api = is_api(request.uri().path());
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_FORM_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => return Err(too_large(api)),
    };
    let token = if form {
        form_field(&bytes, CSRF_FIELD)
    } else {
        boundary(&content_type).and_then(|b| multipart_field(&bytes, &b, CSRF_FIELD))
    };
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

/// The first value of `name` in an `application/x-www-form-urlencoded` body, decoded.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    body.split(|&b| b == b'&').find_map(|pair| {
        let (key, value) = match pair.iter().position(|&b| b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &[][..]),
        };
        (percent_decode(key) == name).then(|| percent_decode(value))
    })
}

/// Decodes `+` and `%XX` (invalid escapes are kept as they are).
fn percent_decode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `boundary` parameter of a multipart content type.
fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty())
    })
}

/// The value of the part named `name` of a `multipart/form-data` body. Only what finding a
/// short text field needs: parts are split on the boundary, and the part's headers read for
/// `Content-Disposition: form-data; name="..."`.
fn multipart_field(body: &[u8], boundary: &str, name: &str) -> Option<String> {
    let delimiter = format!("--{boundary}");
    let wanted = format!("name=\"{name}\"");
    let mut rest = body;
    // Skip the preamble up to the first delimiter.
    let start = find(rest, delimiter.as_bytes())?;
    rest = &rest[start + delimiter.len()..];
    loop {
        if rest.starts_with(b"--") {
            return None;
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&rest[..head_end]);
        let content = &rest[head_end + 4..];
        let end = find(content, format!("\r\n{delimiter}").as_bytes())?;
        let named = head.lines().any(|line| {
            let line = line.to_ascii_lowercase();
            line.starts_with("content-disposition:")
                && line
                    .split(';')
                    .any(|param| param.trim() == wanted.to_ascii_lowercase())
        });
        if named {
            return Some(String::from_utf8_lossy(&content[..end]).into_owned());
        }
        rest = &content[end + 2 + delimiter.len()..];
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------
// Answers

/// The answer to a request without a session in multi-user mode: 401 JSON under `/api`, else
/// a redirect to the sign-in page that comes back here afterwards (GET and HEAD only: after
/// signing in, a browser cannot repeat a POST).
pub(crate) fn sign_in_first(api: bool, method: &Method, uri: &Uri) -> Response {
    if api {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({
                "error": "sign in first: this debrief server has accounts; sign in at /login, \
                          then send the request again with the session cookie"
            })),
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

/// A 303 to a local address built by debrief (so always a valid header value).
pub(crate) fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
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
        return (
            StatusCode::FORBIDDEN,
            Json(json!({ "error": json_message })),
        )
            .into_response();
    }
    let mut choices = Vec::new();
    if let Some(back) = referer_path(headers) {
        choices.push(Link::new("Reload the page you came from", back));
    }
    choices.push(Link::new("Start page", "/"));
    error_page(Trouble {
        status: StatusCode::FORBIDDEN,
        heading: match why {
            Refusal::CrossSite => "Refused: sent from another site".into(),
            Refusal::Token => "This page is out of date".into(),
        },
        message: message.into(),
        choices_heading: "What to do".into(),
        choices,
    })
}

/// The path of a same-origin `Referer` (the page a refused form was on), if it is one.
fn referer_path(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let (_, rest) = referer.split_once("://")?;
    let path = rest.strip_prefix(host)?;
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

fn too_large(api: bool) -> Response {
    let message = "The form is larger than debrief accepts (8 MB). Send less at once.";
    if api {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            Json(json!({ "error": message })),
        )
            .into_response();
    }
    error_page(Trouble {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        heading: "That is too much at once".into(),
        message: message.into(),
        choices_heading: String::new(),
        choices: Vec::new(),
    })
}

fn failure(api: bool, error: &StoreError) -> Response {
    if api {
        tracing::error!(%error, "store error");
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "error": error.to_string() })),
        )
            .into_response();
    }
    store_error(error)
}

// ---------------------------------------------------------------------------------------------
// The client's address, for rate limiting

/// The client's IP address as the rate limit counts it: the peer's, or, when the peer is a
/// proxy on this machine (loopback), the last address it appended to `X-Forwarded-For`.
#[derive(Debug, Clone)]
pub(crate) struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<ClientIp, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .rfind(|v| !v.is_empty())
                .and_then(|v| v.parse::<std::net::IpAddr>().ok())
        };
        let ip = match peer {
            Some(peer) if peer.is_loopback() => forwarded().unwrap_or(peer),
            Some(peer) => peer,
            None => return Ok(ClientIp("unknown".into())),
        };
        Ok(ClientIp(ip.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let ok = |pairs: &[(&'static str, &str)]| check_origin(&headers(pairs), &uri).is_ok();
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
    }

    #[test]
    fn form_and_multipart_fields_are_found() {
        assert_eq!(
            form_field(b"a=1&csrf=abc%2B+d&csrf=second", "csrf").as_deref(),
            Some("abc+ d")
        );
        assert_eq!(form_field(b"csrfx=1&x=csrf", "csrf"), None);
        assert_eq!(form_field(b"", "csrf"), None);
        assert_eq!(percent_decode(b"100%"), "100%");
        assert_eq!(percent_decode(b"%4"), "%4");
        let body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; \
                    filename=\"s.json\"\r\nContent-Type: application/json\r\n\r\n{\"csrf\": 1}\
                    \r\n--XyZ\r\ncontent-disposition: form-data; name=\"csrf\"\r\n\r\nt0ken\
                    \r\n--XyZ--\r\n";
        assert_eq!(
            boundary("multipart/form-data; boundary=\"XyZ\"").as_deref(),
            Some("XyZ")
        );
        assert_eq!(
            multipart_field(body.as_bytes(), "XyZ", "csrf").as_deref(),
            Some("t0ken")
        );
        assert_eq!(multipart_field(body.as_bytes(), "XyZ", "other"), None);
        assert_eq!(multipart_field(b"--XyZ\r\nbroken", "XyZ", "csrf"), None);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
        assert!(!same(b"", b""), "an empty token never matches");
        let token = "a".repeat(64);
        assert!(is_token(&token));
        assert!(!is_token("A".repeat(64).as_str()));
        assert_ne!(session_csrf(&token), hash_token(&token));
        assert_eq!(session_csrf(&token), session_csrf(&token));
    }

    #[test]
    fn cookies_are_parsed_leniently() {
        let map = headers(&[("cookie", "a=1; debrief_csrf=\"x\" ;b"), ("cookie", "a=2")]);
        let cookies = Cookies::parse(&map);
        assert_eq!(cookies.get("a"), Some("1"));
        assert_eq!(cookies.get(CSRF_COOKIE), Some("x"));
        assert_eq!(cookies.get("b"), None);
    }
}
