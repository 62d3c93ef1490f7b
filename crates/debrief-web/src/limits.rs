//! How much one request may carry. Kept in one place below every route, because the guard
//! reads a form body to find its CSRF token before any route's own limit applies, and must
//! read as much as the largest route accepts.

/// The largest `POST /api/grade` body: the 1 MB answer limit plus room for JSON escapes and
/// the other fields. Larger bodies get 413 before any parsing.
pub const GRADE_BODY_LIMIT: usize = debrief_grader::MAX_ANSWER_BYTES / 4 * 5;

/// The largest `POST /practice` body (also `/practice/report` and a mock's answer box). URL
/// encoding writes each non-ASCII byte as three, so a 1 MB answer may take up to 3 MB on the
/// wire.
pub const PRACTICE_BODY_LIMIT: usize = debrief_grader::MAX_ANSWER_BYTES * 3 + 64 * 1024;

/// The largest story import: a generous story bank, with room for multipart framing.
pub const IMPORT_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// The largest form body the guard reads to find the token: the largest any route accepts.
/// Each route's own, smaller limit still applies after.
pub(crate) const MAX_FORM_BODY: usize = if PRACTICE_BODY_LIMIT > IMPORT_BODY_LIMIT {
    PRACTICE_BODY_LIMIT
} else {
    IMPORT_BODY_LIMIT
};
