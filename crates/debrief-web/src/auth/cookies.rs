//! The cookies debrief sets and reads: the session of multi-user mode and the double-submit
//! CSRF cookie. Both are HttpOnly, `Path=/`, SameSite=Lax (see the guard for why not Strict),
//! and `Secure` behind HTTPS.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

use crate::AppState;

/// The session cookie of multi-user mode: the raw session token (the store keeps its hash).
pub(crate) const SESSION_COOKIE: &str = "debrief_session";
/// The double-submit CSRF cookie.
pub(crate) const CSRF_COOKIE: &str = "debrief_csrf";
/// How long a session lasts, and the session cookie's `Max-Age`: 30 days.
pub(crate) const SESSION_SECONDS: i64 = 30 * 86_400;
/// The CSRF cookie's `Max-Age`: a year, so a tab left open for weeks still saves.
pub(crate) const CSRF_COOKIE_SECONDS: i64 = 365 * 86_400;

/// Tokens are 64 lowercase hex characters (see `new_session_token`); anything else in a
/// cookie is ignored rather than trusted.
pub(crate) fn is_token(value: &str) -> bool {
    value.len() == 64
        && value
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The request's cookies, as `name=value` pairs; the first of a repeated name wins.
pub(crate) struct Cookies<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Cookies<'a> {
    /// The cookies of a request's `Cookie` headers.
    pub(crate) fn parse(headers: &'a HeaderMap) -> Cookies<'a> {
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

    /// The value of cookie `name`, if the request sent it.
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_parsed_leniently() {
        let mut map = HeaderMap::new();
        for v in ["a=1; debrief_csrf=\"x\" ;b", "a=2"] {
            map.append(header::COOKIE, HeaderValue::from_static(v));
        }
        let cookies = Cookies::parse(&map);
        assert_eq!(cookies.get("a"), Some("1"));
        assert_eq!(cookies.get(CSRF_COOKIE), Some("x"));
        assert_eq!(cookies.get("b"), None);
    }
}
