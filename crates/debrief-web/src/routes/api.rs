//! The JSON API: the same core values the pages render, serialized as they are. Every failure
//! is an [`ApiError`]: `{"error": "..."}` with its status.
//!
//! The candidate's own figures (`/api/progress`, `/api/stories/coverage`, `/api/target`) are
//! the application layer's values, the very ones `debrief progress --json` and `debrief
//! stories coverage --json` print, so a script reading either gets the same answer.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use debrief_grader::GradeInput;

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::error::ApiError;
use crate::limits::GRADE_BODY_LIMIT;
use crate::params::{Params, QuestionFilters};

/// `GET /api/loop?company=&role=&track=&level=`: a serialized `LoopView` (without a track, the
/// role's own loop).
pub(crate) async fn loop_view(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, ApiError> {
    let (Some(company), Some(role)) = (params.get("company"), params.get("role")) else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "company and role are required, e.g. ?company=amazon&role=pmm&level=l5",
        ));
    };
    let track = params.get("track").filter(|t| !t.trim().is_empty());
    let view = state
        .catalog
        .loop_view_on(company, role, track, params.get("level"))
        .map_err(|e| ApiError::new(StatusCode::NOT_FOUND, e.to_string()))?;
    Ok(Json(view).into_response())
}

/// `GET /api/questions?role=&round=&company=&lp=&difficulty=&q=`: every matching question,
/// ranked when `q` is given.
pub(crate) async fn questions(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Response, ApiError> {
    let query = QuestionFilters::from_params(&params)
        .resolve(&state.catalog)
        .map_err(|errors| ApiError::new(StatusCode::BAD_REQUEST, errors.join("; ")))?;
    Ok(Json(state.catalog.find_questions(&query)).into_response())
}

/// `GET /api/lps`: the Leadership Principles in Amazon's order.
pub(crate) async fn principles(State(state): State<AppState>) -> Response {
    Json(state.catalog.principles()).into_response()
}

/// `GET /api/lps/{id}`: one Leadership Principle.
pub(crate) async fn principle(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let principle = state
        .catalog
        .principle(&id)
        .map_err(|e| ApiError::new(StatusCode::NOT_FOUND, e.to_string()))?;
    Ok(Json(principle).into_response())
}

/// `POST /api/grade`: a JSON body in, the report out, as `serde_json` writes it: the same
/// JSON as `debrief grade --json`. Every failure is `{"error": "..."}`: 400 for a request the
/// grader cannot take (unknown role, round or company, an empty or oversized answer, invalid
/// JSON), 413 for a body over the limit.
pub(crate) async fn grade(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the request body is over the {GRADE_BODY_LIMIT} byte limit; an answer may \
                     be at most 1 MB, so grade one answer at a time"
                ),
            )
        } else {
            ApiError::new(rejection.status(), rejection.body_text())
        }
    })?;
    let body: GradeInput = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!(
                "the body is not a valid grade request: {e}; send JSON such as \
                 {{\"answer\": \"...\", \"role\": \"pm\", \"round\": \"behavioral\"}}"
            ),
        )
    })?;
    let grader = &state.grader;
    let id = body.id.clone();
    let bad = |e: &dyn std::fmt::Display| ApiError::new(StatusCode::BAD_REQUEST, e.to_string());
    let request = grader.request(body).map_err(|e| bad(&e))?;
    let mut report = grader.grade(&request).map_err(|e| bad(&e))?;
    if let Some(id) = id {
        report.id = Some(id.to_string());
    }
    let json = serde_json::to_string(&report).map_err(|e| {
        tracing::error!(error = %e, "report not written as JSON");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the report could not be written as JSON",
        )
    })?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// `GET` and other methods on `/api/grade`.
pub(crate) async fn grade_method() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "use POST with a JSON body such as {\"answer\": \"...\", \"role\": \"pm\", \"round\": \"behavioral\"}",
    )
}

/// `GET /api/rubrics/{id}`: one rubric with its dimensions and anchors (the report names its
/// rubric; a role-neutral report joins two ids with `+`).
pub(crate) async fn rubric(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let rubrics = &state.catalog.pack().rubrics;
    let rubric = rubrics.iter().find(|r| r.id == id).ok_or_else(|| {
        let valid: Vec<&str> = rubrics.iter().map(|r| r.id.as_str()).collect();
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("unknown rubric `{id}`; valid rubrics: {}", valid.join(", ")),
        )
    })?;
    Ok(Json(rubric).into_response())
}

/// `GET /api/progress`: the candidate's `Progress` (readiness per round kind, its scope, the
/// bar and the series behind the plots), as `debrief progress --json` prints it.
pub(crate) async fn progress(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, ApiError> {
    Ok(Json(state.app.progress(user.user_id()).await?).into_response())
}

/// `GET /api/target`: the loop the candidate is preparing for (`LoopChoice`: their newest
/// plan's, else their newest mock's, else the content's defaults).
pub(crate) async fn target(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, ApiError> {
    Ok(Json(state.app.target_loop(user.user_id()).await?).into_response())
}

/// `GET /api/stories/coverage?company=&role=&track=&level=`: the story bank's `BankCoverage` of
/// a loop, as `debrief stories coverage [COMPANY ROLE] [--track TRACK] [--level LEVEL] --json`
/// prints it; without company and role, of the target loop. One of the two alone is a 400, as on the command line.
pub(crate) async fn coverage(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Result<Response, ApiError> {
    let given = |k: &str| params.get(k).filter(|v| !v.trim().is_empty());
    let (company, role) = (given("company"), given("role"));
    if company.is_some() != role.is_some() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "give both a company and a role (e.g. ?company=amazon&role=pmm), or neither to use \
             your target loop",
        ));
    }
    let level = given("level").map(str::to_owned);
    let app = &state.app;
    let target = app
        .choose_loop(user.user_id(), company, role, given("track"), level)
        .await?;
    Ok(Json(app.coverage(user.user_id(), &target).await?).into_response())
}

/// Unknown API paths answer in JSON, not with the HTML 404 page.
pub(crate) async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no such API endpoint; try /api/loop, /api/questions, /api/lps, /api/progress, \
         /api/stories/coverage, /api/target or POST /api/grade",
    )
}
