//! Static assets compiled into the binary, so the app works offline from one file.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

const CSS: &str = include_str!("../static/app.css");
const JS: &str = include_str!("../static/app.js");
const ICON: &str = include_str!("../static/icon.svg");

/// A fingerprint of the assets, appended to their URLs (`?v=`), so browsers may cache them
/// for a year and still pick up a new build at once.
pub(crate) const VERSION: &str = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    const HASH: u64 = fnv(
        ICON.as_bytes(),
        fnv(JS.as_bytes(), fnv(CSS.as_bytes(), 0xcbf2_9ce4_8422_2325)),
    );
    const BYTES: [u8; 16] = {
        let mut out = [0u8; 16];
        let mut i = 0;
        while i < 16 {
            out[i] = HEX[((HASH >> (60 - 4 * i)) & 0xf) as usize];
            i += 1;
        }
        out
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => panic!("hex digits are ASCII"),
    }
};

/// FNV-1a, continued from `hash`; const so the fingerprint costs nothing at run time.
const fn fnv(bytes: &[u8], mut hash: u64) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response()
}

/// `GET /static/app.css`.
pub(crate) async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", CSS)
}

/// `GET /static/app.js`: optional progressive enhancement; every page works without it.
pub(crate) async fn script() -> Response {
    asset("text/javascript; charset=utf-8", JS)
}

/// `GET /static/icon.svg`.
pub(crate) async fn icon() -> Response {
    asset("image/svg+xml", ICON)
}

/// Headers every response carries. The policy allows only our own scripts and styles, and
/// `fetch` only to this origin (the Practice page's live report, a mock's autosave); inline
/// `style` attributes stay allowed for the computed widths of bars and markers.
pub(crate) async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
             frame-ancestors 'none'",
        ),
    );
    response
}
