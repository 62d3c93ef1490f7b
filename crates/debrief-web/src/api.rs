//! The JSON API: the same core values the pages render, serialized as they are.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
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

/// Unknown API paths answer in JSON, not with the HTML 404 page.
pub(crate) async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "no such API endpoint; try /api/loop, /api/questions or /api/lps",
    )
}
