//! The JSON API: the same core values the pages render, serialized as they are.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use debrief_grader::GradeInput;
use serde_json::json;

use crate::AppState;
use crate::params::{Params, QuestionFilters};

/// `{"error": "..."}` with a status.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// `GET /api/loop?company=&role=&level=`: a serialized `LoopView`.
pub(crate) async fn loop_view(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Response {
    let (Some(company), Some(role)) = (params.get("company"), params.get("role")) else {
        return error(
            StatusCode::BAD_REQUEST,
            "company and role are required, e.g. ?company=amazon&role=pmm&level=l5",
        );
    };
    match state.catalog.loop_view(company, role, params.get("level")) {
        Ok(view) => Json(view).into_response(),
        Err(e) => error(StatusCode::NOT_FOUND, e.to_string()),
    }
}

/// `GET /api/questions?role=&round=&company=&lp=&difficulty=&q=`: every matching question,
/// ranked when `q` is given.
pub(crate) async fn questions(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Response {
    let filters = QuestionFilters::from_params(&params);
    match filters.resolve(&state.catalog) {
        Ok(query) => Json(state.catalog.find_questions(&query)).into_response(),
        Err(errors) => error(StatusCode::BAD_REQUEST, errors.join("; ")),
    }
}

/// `GET /api/lps`: the Leadership Principles in Amazon's order.
pub(crate) async fn principles(State(state): State<AppState>) -> Response {
    Json(state.catalog.principles()).into_response()
}

/// `GET /api/lps/{id}`: one Leadership Principle.
pub(crate) async fn principle(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match state.catalog.principle(&id) {
        Ok(p) => Json(p).into_response(),
        Err(e) => error(StatusCode::NOT_FOUND, e.to_string()),
    }
}

/// `POST /api/grade`: a JSON body in, the report out, as `serde_json` writes it: the same
/// JSON as `debrief grade --json`. Every failure is `{"error": "..."}`: 400 for a request the
/// grader cannot take (unknown role, round or company, an empty or oversized answer, invalid
/// JSON), 413 for a body over the limit.
pub(crate) async fn grade(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match body {
        Ok(bytes) => bytes,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the request body is over the {} byte limit; an answer may be at most 1 MB, \
                     so grade one answer at a time",
                    crate::GRADE_BODY_LIMIT
                ),
            );
        }
        Err(rejection) => return error(rejection.status(), rejection.body_text()),
    };
    let body: GradeInput = match serde_json::from_slice(&bytes) {
        Ok(body) => body,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!(
                    "the body is not a valid grade request: {e}; send JSON such as \
                     {{\"answer\": \"...\", \"role\": \"pm\", \"round\": \"behavioral\"}}"
                ),
            );
        }
    };
    let grader = &state.grader;
    let id = body.id.clone();
    let request = match grader.request(body) {
        Ok(request) => request,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
    };
    let mut report = match grader.grade(&request) {
        Ok(report) => report,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
    };
    if let Some(id) = id {
        report.id = Some(id.to_string());
    }
    match serde_json::to_string(&report) {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the report could not be written as JSON: {e}"),
        ),
    }
}

/// `GET` and other methods on `/api/grade`.
pub(crate) async fn grade_method() -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "use POST with a JSON body such as {\"answer\": \"...\", \"role\": \"pm\", \"round\": \"behavioral\"}",
    )
}

/// `GET /api/rubrics/{id}`: one rubric with its dimensions and anchors (the report names its
/// rubric; a role-neutral report joins two ids with `+`).
pub(crate) async fn rubric(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let rubrics = &state.catalog.pack().rubrics;
    match rubrics.iter().find(|r| r.id == id) {
        Some(r) => Json(r).into_response(),
        None => {
            let valid: Vec<&str> = rubrics.iter().map(|r| r.id.as_str()).collect();
            error(
                StatusCode::NOT_FOUND,
                format!("unknown rubric `{id}`; valid rubrics: {}", valid.join(", ")),
            )
        }
    }
}

/// Unknown API paths answer in JSON, not with the HTML 404 page.
pub(crate) async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "no such API endpoint; try /api/loop, /api/questions, /api/lps or POST /api/grade",
    )
}
