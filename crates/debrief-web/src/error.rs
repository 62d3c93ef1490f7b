//! The two error types of the app: [`PageError`] for pages (the HTML error page) and
//! [`ApiError`] for `/api` and the page scripts (`{"error": "..."}`).
//!
//! Handlers return `Result<Response, PageError>` and use `?`: a store failure, a missing row or a
//! refused workflow step converts itself (`From`), and a handler with something more specific
//! to say builds one with [`PageError::new`] or [`PageError::not_found`]. Mistakes in a form are
//! not errors: the handler shows the form again with them.
//!
//! What a page says is for the candidate. A failure inside the app (the database, a row that
//! no longer reads) is logged with its details and shown as a plain sentence, so a page never
//! shows a database address or SQL.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use debrief_grader::GradeError;
use debrief_grader::artifact::ArtifactError;
use debrief_practice::PracticeError;
use debrief_store::StoreError;
use serde_json::json;

use crate::ui::{Link, Trouble, error_page, sentence};

/// What a page shows when the store failed inside: no detail, which is in the log.
const STORE_DOWN: &str = "debrief could not read or save your data just now. Nothing you \
                          typed on this page was lost: go back, wait a moment and try again. If \
                          it keeps happening, the server’s log says why.";

/// The same for scripts and API clients.
const STORE_DOWN_JSON: &str =
    "the data store could not be reached; try again in a moment (the server's log says why)";

/// Why a page could not be shown: rendered as the error page with its status, a heading, what
/// happened and where to go.
#[derive(Debug)]
pub(crate) struct PageError {
    trouble: Box<Trouble>,
    /// Seconds for a `Retry-After` header (429).
    retry_after: Option<i64>,
}

impl PageError {
    /// An error page with `status`, a `heading` and a `message` in sentences.
    pub(crate) fn new(
        status: StatusCode,
        heading: impl Into<String>,
        message: impl Into<String>,
    ) -> PageError {
        PageError::from(Trouble {
            status,
            heading: heading.into(),
            message: message.into(),
            choices_heading: String::new(),
            choices: Vec::new(),
        })
    }

    /// The same page with links to go on to, under `heading`.
    pub(crate) fn choices(mut self, heading: impl Into<String>, links: Vec<Link>) -> PageError {
        self.trouble.choices_heading = heading.into();
        self.trouble.choices = links;
        self
    }

    /// The 404 of an id that is not the user's (or not a number): "No such story", with the
    /// way back to the list.
    pub(crate) fn not_found(what: &str, back: &str, back_label: &str) -> PageError {
        PageError::new(
            StatusCode::NOT_FOUND,
            format!("No such {what}"),
            format!("There is no {what} at this address. It may have been deleted."),
        )
        .choices("Where to go", vec![Link::new(back_label, back)])
    }

    /// Adds `Retry-After: seconds` to the response (a 429).
    pub(crate) fn retry_after(mut self, seconds: i64) -> PageError {
        self.retry_after = Some(seconds);
        self
    }
}

impl From<Trouble> for PageError {
    fn from(trouble: Trouble) -> PageError {
        PageError {
            trouble: Box::new(trouble),
            retry_after: None,
        }
    }
}

/// A store failure: a missing row is a 404, a refused value a 400 (their messages say what
/// was wrong, in the candidate's terms), anything else a 500 that is logged.
impl From<StoreError> for PageError {
    fn from(error: StoreError) -> PageError {
        let (status, heading, message) = match &error {
            StoreError::NotFound { what, .. } => (
                StatusCode::NOT_FOUND,
                format!("No such {what}"),
                sentence(&error.to_string()),
            ),
            StoreError::Invalid { .. } => (
                StatusCode::BAD_REQUEST,
                "That could not be saved".to_owned(),
                sentence(&error.to_string()),
            ),
            _ => {
                tracing::error!(%error, "store error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Your data could not be reached".to_owned(),
                    STORE_DOWN.to_owned(),
                )
            }
        };
        PageError::new(status, heading, message).choices(
            "Where to go",
            vec![
                Link::new("Story bank", "/stories"),
                Link::new("Fit diagnostic", "/fit"),
                Link::new("Prep plan", "/plan"),
            ],
        )
    }
}

/// A practice step's failure (a mock loop, the history): a missing mock is a 404, a refused
/// step a 409 with the reason, a mock that cannot be drawn or an answer that cannot be graded a
/// 400, saved data that no longer reads a 500.
impl From<PracticeError> for PageError {
    fn from(error: PracticeError) -> PageError {
        let page = |status: StatusCode, heading: &str, message: String| {
            PageError::new(status, heading, message).choices(
                "Where to go",
                vec![
                    Link::new("Your mock loops", "/mock"),
                    Link::new("Progress", "/progress"),
                ],
            )
        };
        match error {
            PracticeError::NotFound(what) | PracticeError::Missing { what, .. } => {
                let (href, label) = match what {
                    "story" => ("/stories", "Your stories"),
                    "plan" => ("/plan", "Your plans"),
                    "fit result" => ("/fit", "The fit diagnostic"),
                    "artifact drill" => ("/progress", "Your history"),
                    _ => ("/mock", "Your mock loops"),
                };
                PageError::not_found(what, href, label)
            }
            PracticeError::Store(e) => PageError::from(e),
            PracticeError::Invalid(_) => page(
                StatusCode::CONFLICT,
                "Not now",
                sentence(&error.to_string()),
            ),
            PracticeError::Mock(_)
            | PracticeError::Grade(_)
            | PracticeError::Artifact(_)
            | PracticeError::Lookup(_)
            | PracticeError::Plan(_)
            | PracticeError::Fit(_)
            | PracticeError::Profile(_) => page(
                StatusCode::BAD_REQUEST,
                "That could not be done",
                sentence(&error.to_string()),
            ),
            PracticeError::Json(_) => {
                tracing::error!(%error, "saved mock data unreadable");
                page(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "This mock loop cannot be read",
                    "Its saved data does not read with this version of debrief. Start a new \
                     mock loop; your graded answers stay in your progress history."
                        .to_owned(),
                )
            }
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = error_page(*self.trouble);
        if let Some(value) = self
            .retry_after
            .and_then(|s| HeaderValue::from_str(&s.to_string()).ok())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// An error of the JSON API or of a page script's request: `{"error": "..."}` with a status.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    /// `{"error": message}` with `status`.
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

/// Like [`PageError`]'s: the store's own words for a 404 or a 400, a plain sentence for a 500.
impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match &error {
            StoreError::NotFound { .. } => ApiError::new(StatusCode::NOT_FOUND, error.to_string()),
            StoreError::Invalid { .. } => ApiError::new(StatusCode::BAD_REQUEST, error.to_string()),
            _ => {
                tracing::error!(%error, "store error");
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, STORE_DOWN_JSON)
            }
        }
    }
}

/// A practice step's failure for a page script (the mock's autosave), in sentences: 404 for a
/// mock that is not there, 409 for a step refused now (the box was handed in from another tab),
/// which the script takes as final; anything else is a 500 it retries, with no detail.
impl From<PracticeError> for ApiError {
    fn from(error: PracticeError) -> ApiError {
        let status = match &error {
            PracticeError::NotFound(_)
            | PracticeError::Missing { .. }
            | PracticeError::Store(StoreError::NotFound { .. }) => StatusCode::NOT_FOUND,
            PracticeError::Lookup(_)
            | PracticeError::Plan(_)
            | PracticeError::Fit(_)
            | PracticeError::Profile(_) => StatusCode::BAD_REQUEST,
            PracticeError::Invalid(_) | PracticeError::Store(StoreError::Invalid { .. }) => {
                StatusCode::CONFLICT
            }
            // Over the one size limit drafts and hand-ins share: final, not retried.
            PracticeError::Grade(GradeError::TooLarge(_)) => StatusCode::PAYLOAD_TOO_LARGE,
            PracticeError::Grade(GradeError::Empty) => StatusCode::BAD_REQUEST,
            PracticeError::Artifact(ArtifactError::TooLarge(_)) => StatusCode::PAYLOAD_TOO_LARGE,
            PracticeError::Artifact(_) => StatusCode::BAD_REQUEST,
            // A draft is not otherwise graded or drawn: these would be a fault of the app,
            // retried.
            PracticeError::Mock(_) | PracticeError::Grade(_) => {
                tracing::error!(%error, "practice step failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
            PracticeError::Store(_) | PracticeError::Json(_) => {
                tracing::error!(%error, "practice step failed");
                return ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, sentence(STORE_DOWN_JSON));
            }
        };
        ApiError::new(status, sentence(&error.to_string()))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

/// Turns the framework's own refusals (a body over a route's limit, a form that does not
/// parse: bare `text/plain` 4xx answers from an extractor) into a page, or `{"error": ...}`
/// for `/api` and scripts that ask for JSON, saying what happened and what to do.
pub(crate) async fn plain_rejections(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let json = request.uri().path().starts_with("/api/")
        || request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json"));
    let response = next.run(request).await;
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !plain || !status.is_client_error() {
        return response;
    }
    let (heading, message) = if status == StatusCode::PAYLOAD_TOO_LARGE {
        (
            "That is too much at once",
            "That is more than this form accepts, so nothing was saved. Your text is still in \
             the form on the page you came from: go back, shorten it (one answer is at most \
             1 MB, about 150,000 words) and send it again.",
        )
    } else {
        (
            "The form could not be read",
            "Nothing was saved: the form did not arrive in a shape debrief reads (it may come \
             from an older page). Your text is still in the form on the page you came from: \
             go back, reload the page, paste it in and send it again.",
        )
    };
    if json {
        ApiError::new(status, message).into_response()
    } else {
        PageError::new(status, heading, message).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A response's status and body, as text.
    async fn read(response: Response) -> (StatusCode, String) {
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("a body");
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    fn unreachable() -> StoreError {
        StoreError::PostgresRejected {
            address: "db.internal.example:5432".into(),
            detail: "password authentication failed for user \"debrief\"".into(),
        }
    }

    #[tokio::test]
    async fn failures_inside_the_store_are_logged_not_shown() {
        let (status, html) = read(PageError::from(unreachable()).into_response()).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(html.contains("Your data could not be reached"), "{html}");
        assert!(!html.contains("db.internal") && !html.contains("password"));
        let (status, json) = read(ApiError::from(unreachable()).into_response()).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(json.starts_with(r#"{"error":"#) && !json.contains("db.internal"));
        let practice = PracticeError::Store(unreachable());
        let (_, json) = read(ApiError::from(practice).into_response()).await;
        assert!(!json.contains("db.internal"), "{json}");
    }

    #[tokio::test]
    async fn missing_rows_and_refused_steps_keep_their_words_and_status() {
        let missing = StoreError::NotFound {
            what: "story",
            id: 7,
        };
        let (status, html) = read(PageError::from(missing).into_response()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains("No such story") && html.contains("No story with id 7."));
        let refused = StoreError::Invalid {
            field: "title",
            reason: "too long".into(),
        };
        let (status, html) = read(PageError::from(refused).into_response()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(html.contains("Invalid title: too long."), "{html}");
        let refused = PracticeError::Invalid("that box was handed in".into());
        let (status, json) = read(ApiError::from(refused).into_response()).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(json.contains("That box was handed in."), "{json}");
        let gone = PracticeError::NotFound("mock loop");
        let (status, _) = read(PageError::from(gone).into_response()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let page = PageError::new(StatusCode::TOO_MANY_REQUESTS, "Wait", "Wait a minute.")
            .retry_after(60)
            .into_response();
        assert_eq!(page.headers()[header::RETRY_AFTER], "60");
    }
}
