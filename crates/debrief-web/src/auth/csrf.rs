//! The CSRF token: what a request is expected to carry, and where it carries it.
//!
//! Signed in, the token is derived from the session token ([`session_csrf`]); otherwise it is
//! the double-submit cookie's value (see the guard's docs). A request carries it in the
//! `X-CSRF-Token` header (scripts) or in the `csrf` field of a urlencoded or multipart form,
//! found by [`supplied_token`] without consuming the body.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header;
use debrief_store::hash_token;

use crate::limits::MAX_FORM_BODY;

/// The form field that carries the CSRF token.
pub(crate) const CSRF_FIELD: &str = "csrf";
/// The header that carries the CSRF token for scripts (`fetch`).
pub(crate) const CSRF_HEADER: &str = "x-csrf-token";
/// Mixed into the session token to derive the CSRF token, so the two never coincide.
const CSRF_LABEL: &str = "debrief csrf token v1:";

/// The CSRF token of a session: the SHA-256 of a label and the raw session token, hex.
pub(crate) fn session_csrf(session_token: &str) -> String {
    hash_token(&format!("{CSRF_LABEL}{session_token}"))
}

/// Equality that takes the same time wherever the first difference is.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && !a.is_empty()
        && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A form body the guard could not read whole: refused before any handler sees it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unread {
    /// Over [`MAX_FORM_BODY`].
    TooLarge,
    /// It did not arrive within the server's body timeout (or the client went away).
    TooSlow,
}

/// The token in the `X-CSRF-Token` header, or else in the `csrf` field of a urlencoded or
/// multipart body. A body is read whole and handed on unchanged.
pub(crate) async fn supplied_token(request: Request) -> Result<(Request, Option<String>), Unread> {
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
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_FORM_BODY).await {
        Ok(bytes) => bytes,
        Err(error) => return Err(unread(&error)),
    };
    let token = if form {
        form_field(&bytes, CSRF_FIELD)
    } else {
        boundary(&content_type).and_then(|b| multipart_field(&bytes, &b, CSRF_FIELD))
    };
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

/// Why a body could not be read: the body deadline (`server.rs`) says so in its error's
/// chain; anything else that stops a bounded read is the size limit.
fn unread(error: &axum::Error) -> Unread {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return Unread::TooSlow;
        }
        cause = e.source();
    }
    Unread::TooLarge
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::cookies::is_token;

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
}
