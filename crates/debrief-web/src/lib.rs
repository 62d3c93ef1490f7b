//! debrief-web: the debrief web app.
//!
//! Server-rendered pages (askama templates, plain links and GET forms, so everything works with
//! JavaScript off) and a JSON API under `/api` that returns the same core values the pages
//! show. Handlers are thin: they parse the query, call [`Catalog`] and render.
//!
//! Routes:
//! - `/` home: pick company, role and level; links to every loop, the question bank and the LPs.
//! - `/loop?company=&role=&level=` and `/loops/{company}/{role}?level=`: the loop explorer.
//! - `/questions?role=&round=&company=&lp=&difficulty=&q=&page=`: the question bank.
//! - `/lp` and `/lp/{id}`: Amazon's Leadership Principles, PM and PMM proof side by side.
//! - `/practice?company=&role=&round=&question=` (GET) and `/practice` (POST, a urlencoded
//!   form): pick a question, write an answer, read the graded report. The POST renders the
//!   report on the server, so the page works with JavaScript off; with it on, the page grades
//!   as you type through `/api/grade`.
//! - `/api/loop`, `/api/questions`, `/api/lps`, `/api/lps/{id}`, `/api/rubrics/{id}`: JSON.
//! - `POST /api/grade`: `{"answer", "role", "round", "question", "company", "transcript"}` in,
//!   the grader's report out, byte for byte the JSON `serde_json` writes for a
//!   [`debrief_core::Report`] (the CLI's contract); failures are `{"error": "..."}`.
//! - `/healthz`: liveness; `/static/...`: the embedded stylesheet, script and icon.
//!
//! The app keeps no state beyond the catalog loaded at start, so any number of processes can
//! serve the same content.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use debrief_core::Catalog;
use tower_http::trace::TraceLayer;

mod api;
mod assets;
mod pages;
mod params;
mod practice;
mod views;

/// The largest `POST /api/grade` body: the 1 MB answer limit plus room for JSON escapes and
/// the other fields. Larger bodies get 413 before any parsing.
pub const GRADE_BODY_LIMIT: usize = debrief_core::grade::MAX_ANSWER_BYTES / 4 * 5;

/// The largest `POST /practice` body. URL encoding writes each non-ASCII byte as three, so a
/// 1 MB answer may take up to 3 MB on the wire.
pub const PRACTICE_BODY_LIMIT: usize = debrief_core::grade::MAX_ANSWER_BYTES * 3 + 64 * 1024;

/// What every handler shares: the validated content, loaded once at start.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The content pack the app serves.
    pub catalog: Arc<Catalog>,
}

impl AppState {
    /// State over a catalog.
    pub fn new(catalog: Catalog) -> AppState {
        AppState {
            catalog: Arc::new(catalog),
        }
    }
}

/// The whole app: pages, JSON API, static assets and health check.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/loop", get(api::loop_view))
        .route("/questions", get(api::questions))
        .route("/lps", get(api::principles))
        .route("/lps/{id}", get(api::principle))
        .route("/rubrics/{id}", get(api::rubric))
        .route(
            "/grade",
            post(api::grade)
                .fallback(api::grade_method)
                .layer(DefaultBodyLimit::max(GRADE_BODY_LIMIT)),
        )
        .fallback(api::not_found);
    Router::new()
        .route("/", get(pages::home))
        .route("/loop", get(pages::loop_query))
        .route("/loops/{company}/{role}", get(pages::loop_path))
        .route("/questions", get(pages::questions))
        .route("/lp", get(pages::principles))
        .route("/lp/{id}", get(pages::principle))
        .route(
            "/practice",
            get(practice::page)
                .post(practice::submit)
                .layer(DefaultBodyLimit::max(PRACTICE_BODY_LIMIT)),
        )
        .route("/healthz", get(|| async { "ok" }))
        .route("/static/app.css", get(assets::stylesheet))
        .route("/static/app.js", get(assets::script))
        .route("/static/icon.svg", get(assets::icon))
        .nest("/api", api)
        .fallback(pages::not_found)
        .layer(axum::middleware::map_response(assets::security_headers))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves the app on `listener` until `shutdown` completes, then lets requests in flight
/// finish. Tests bind port 0 and pass a oneshot receiver as `shutdown`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "debrief web app listening");
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
