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
//! - `/stories` (the story bank and its coverage matrix), `/stories/new`, `/stories/{id}`,
//!   `/stories/{id}/edit`, `/stories/{id}/delete`, `/stories/export.{json,md,csv}` and
//!   `POST /stories/import`: see [`stories`](crate::stories).
//! - `/fit` (GET the questionnaire and saved results, POST to assess and save).
//! - `/plan` (GET the form and saved plans, POST to create), `/plan/{id}` (the weeks, with a
//!   POST form per item to tick it), `/plan/{id}.ics` and `/plan/{id}.md` (downloads).
//! - `/healthz`: liveness; `/static/...`: the embedded stylesheet, script and icon.
//!
//! The app keeps no state beyond the catalog loaded at start and the [`Store`] it is given, so
//! any number of processes can serve the same content and database. Handlers that touch the
//! candidate's data take the user from one extractor (`user::CurrentUser`; today the store's
//! local user) and the time from the system clock at the edge.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::routing::{get, post};
use debrief_core::Catalog;
use debrief_core::story::Format;
pub use debrief_store::Store;
use tower_http::trace::TraceLayer;

mod api;
mod assets;
mod fit;
mod pages;
mod params;
mod plan;
mod practice;
mod stories;
mod user;
mod views;

/// The largest `POST /api/grade` body: the 1 MB answer limit plus room for JSON escapes and
/// the other fields. Larger bodies get 413 before any parsing.
pub const GRADE_BODY_LIMIT: usize = debrief_core::grade::MAX_ANSWER_BYTES / 4 * 5;

/// The largest `POST /practice` body. URL encoding writes each non-ASCII byte as three, so a
/// 1 MB answer may take up to 3 MB on the wire.
pub const PRACTICE_BODY_LIMIT: usize = debrief_core::grade::MAX_ANSWER_BYTES * 3 + 64 * 1024;

/// What every handler shares: the validated content, loaded once at start, and the store that
/// holds the candidate's stories, fit results and plans.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The content pack the app serves.
    pub catalog: Arc<Catalog>,
    /// The candidate's data (cheap to clone: clones share the pool).
    pub store: Store,
}

impl AppState {
    /// State over a catalog and a store.
    pub fn new(catalog: Catalog, store: Store) -> AppState {
        AppState {
            catalog: Arc::new(catalog),
            store,
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
        .route("/stories", get(stories::list).post(stories::create))
        .route("/stories/new", get(stories::new_form))
        .route(
            "/stories/import",
            post(stories::import).layer(DefaultBodyLimit::max(stories::IMPORT_BODY_LIMIT)),
        )
        .route(
            "/stories/export.json",
            get(|State(s): State<AppState>, u: user::CurrentUser| {
                stories::export(s, u, Format::Json)
            }),
        )
        .route(
            "/stories/export.md",
            get(|State(s): State<AppState>, u: user::CurrentUser| {
                stories::export(s, u, Format::Markdown)
            }),
        )
        .route(
            "/stories/export.csv",
            get(|State(s): State<AppState>, u: user::CurrentUser| {
                stories::export(s, u, Format::Csv)
            }),
        )
        .route("/stories/{id}", get(stories::show).post(stories::update))
        .route("/stories/{id}/edit", get(stories::edit_form))
        .route(
            "/stories/{id}/delete",
            get(stories::confirm_delete).post(stories::delete),
        )
        .route("/fit", get(fit::page).post(fit::submit))
        .route("/plan", get(plan::page).post(plan::create))
        .route("/plan/{id}", get(plan::show))
        .route("/plan/{id}/items", post(plan::tick))
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
