//! debrief-web: the debrief web app.
//!
//! Server-rendered pages (askama templates, plain links and GET forms, so everything works with
//! JavaScript off) and a JSON API under `/api` that returns the same core values the pages
//! show. Handlers are thin: they parse the query, call [`Catalog`] or the application layer
//! ([`debrief_practice::App`], the one the CLI calls) and render.
//!
//! Routes:
//! - `/` home: pick company, role, track and level (preselected to the candidate's target loop);
//!   links to every loop (a track's loop named with its track), the question bank and the LPs;
//!   the "Today" review queue.
//! - `/loop?company=&role=&track=&level=` and `/loops/{company}/{role}?track=&level=`: the loop
//!   explorer (no track: the role's own loop; `track=pm-t`: that track's loop), with the steps
//!   that are not interviews.
//! - `/questions?role=&round=&company=&lp=&difficulty=&q=&page=`: the question bank.
//! - `/lp` and `/lp/{id}`: Amazon's Leadership Principles, PM and PMM proof side by side.
//! - `/practice?company=&role=&track=&round=&question=` (GET) and `/practice` (POST, a urlencoded
//!   form): pick a question, write an answer, read the graded report. The POST renders the
//!   report on the server, so the page works with JavaScript off; with it on, the page's
//!   script posts the same form to `POST /practice/report` as you type and swaps in the report
//!   column it returns, rendered from the same template.
//! - `/artifacts` (the artifact kinds, or a clear empty state when the content has none),
//!   `/artifacts/{kind}` (its sections, budgets, prompts and annotated examples),
//!   `/artifacts/{kind}/drill?prompt=&from=` (GET the timed box with the kind's template or an
//!   earlier drill's text or the saved draft; POST the form to check the document and keep it
//!   in the history, then 303 to its report), `/artifacts/{kind}/draft` (POST: the draft, as
//!   typed or with "Save draft") and `/artifacts/{kind}/attempts/{id}` (a drill's report, findings
//!   marked on the document's words): see `routes/artifacts.rs`.
//! - `/api/loop`, `/api/questions`, `/api/lps`, `/api/lps/{id}`, `/api/rubrics/{id}`: JSON.
//! - `/api/progress`, `/api/stories/coverage?company=&role=&track=&level=`, `/api/target`: the
//!   candidate's `Progress`, `BankCoverage` and `LoopChoice`, the values `debrief progress
//!   --json` and `debrief stories coverage --json` print (a test of the CLI's compares them).
//! - `POST /api/grade`: `{"answer", "role", "round", "question", "company", "transcript",
//!   "follow_up"}` in,
//!   the grader's report out, byte for byte the JSON `serde_json` writes for a
//!   [`debrief_grader::Report`] (the CLI's contract); failures are `{"error": "..."}`.
//! - `/stories?company=&role=&track=&level=&page=` (the story bank, a page at a time, and its coverage
//!   matrix over the whole bank), `/stories/new`, `/stories/{id}`, `/stories/{id}/edit`,
//!   `/stories/{id}/delete`, `/stories/export.{json,md,csv}` (the whole bank) and
//!   `POST /stories/import`: see `routes/stories.rs`.
//! - `/fit?result=&page=` (GET the questionnaire, a saved result and a page of saved results;
//!   POST to assess and save).
//! - `/profile` (GET the candidate's target and its form, POST to save it),
//!   `POST /profile/role` (a fit result's "Make it my target") and `POST /profile/clear`: see
//!   `routes/profile.rs`. The profile is the first source of `App::target_loop`, so every form
//!   starts there.
//! - `/plan?company=&role=&track=&level=&page=` (GET the form and a page of saved plans, POST to
//!   create), `/plan/{id}` (the weeks, with a POST form per item to tick it), `/plan/{id}.ics`
//!   and `/plan/{id}.md` (downloads).
//! - `/mock?company=&role=&track=&level=&open=&page=` (GET a page of the candidate's mock loops
//!   in progress (`open`), one of the finished ones (`page`) and a start form; POST company,
//!   role, track and level to start one), `/mock/{id}` (the open answer box: the round, its clock, the
//!   question or follow-up probe, and the report of the answer just handed in),
//!   `POST /mock/{id}/draft` (the box's text as typed: JSON for the autosave script, a redirect
//!   for the form),
//!   `POST /mock/{id}/answer` (hand the box in), `POST /mock/{id}/finish` (end the loop now),
//!   `/mock/{id}/debrief` (the hiring-committee debrief, printable), `/mock/{id}/debrief.md`
//!   and `/mock/{id}/answers.jsonl` (downloads), `/mock/{id}/delete` (GET asks, POST
//!   deletes): see `routes/mock.rs`.
//! - `/progress?page=`: the graded answers a page at a time, readiness per round kind and
//!   inline SVG plots of score per round kind, LP and rubric dimension over every answer (at
//!   most 60 dots a line); see `routes/progress.rs`.
//! - `/login`, `/signup` (GET the form, POST it) and `POST /logout`: accounts in multi-user
//!   mode; see `routes/login.rs`.
//! - `/healthz`: 200 `ok` while the store answers, 503 when it does not (for a load balancer);
//!   `/static/...`: the embedded stylesheet, script and icon.
//!
//! Every list that grows with the candidate's data is read from the store a page at a time
//! (`App::story_page`, `plan_page`, `mock_page`, `fit_page`, `history_page`) and shows the one
//! pager (`ui/pager.rs`, `pager` in `macros.html`): plain links that keep the other parameters.
//! A `page` past the end shows the last page and one that is not a number (`0`, `abc`) the
//! first, each with a line that says so. Downloads (`/stories/export.*`, a plan's, a mock's)
//! hold everything they are of. The JSON API has no list of the candidate's records to page:
//! `/api/progress` and `/api/stories/coverage` are the values `debrief progress --json` and
//! `debrief stories coverage --json` print, over every answer and every story.
//!
//! The app keeps no state beyond the catalog loaded at start and the [`Store`] it is given, so
//! any number of processes can serve the same content and database. Handlers that touch the
//! candidate's data take the user from one extractor (`auth::user::CurrentUser`) and the time
//! from the application layer's clock (`AppState::app`; [`AppState::with_clock`] fixes it), or,
//! for the mock loops, from the system clock at the edge (`clock.rs`).
//!
//! # The shape of the crate
//!
//! - `routes/`: the handlers, one file per area (home, loops, questions, lp, practice,
//!   artifacts, stories, fit, plan, mock, progress, login, api). They return `Result<_, PageError>` (or
//!   `ApiError`) and use `?`. Stories, plans, fit, progress, the home page's Today queue and
//!   the loop a form starts from are `AppState::app` calls (`App::linted_stories`, `coverage`,
//!   `plans`, `assess_fit`, `progress`, `today_queue`, `target_loop`, ...): those handlers
//!   never touch the store and hold no conversion between its rows and domain values, so the
//!   pages show what the CLI prints. The mock loops still call `debrief_practice::mock` with
//!   the store; sign-in and accounts use the store directly.
//! - `ui/`: view models shared by pages: the layout's `Meta`, `Choice`, links and names
//!   (`views.rs`), the graded report (`report.rs`) and an artifact drill's (`artifact.rs`,
//!   marked with the same code), the loop picker (preset to the target loop it is handed) and
//!   the plots.
//! - `auth/`: the guard every request passes, cookies, the CSRF token, `CurrentUser`, accounts
//!   and the sign-in steps.
//! - `error.rs`: `PageError` (the HTML error page) and `ApiError` (`{"error": ...}`).
//! - Below them all: `limits.rs` (body limits), `clock.rs`, `context.rs` (the page context the
//!   guard hands to `Meta`), `params.rs` (query parameters and links), `respond.rs` (redirects
//!   and downloads) and `assets.rs`.
//!
//! Imports only go down that list: routes use ui, auth and error; auth uses error; error uses
//! ui; ui uses only the low-level modules. `tests/shape.rs` checks that no two modules import
//! each other, directly or through others, that `ui/` imports none of `routes/`, `auth/` and
//! `error.rs`, and the sizes of files and scripts.
//!
//! # Users
//!
//! [`Mode::Local`] (the default, for a server on loopback): one user, the store's local user,
//! and no sign-in. [`Mode::MultiUser`] (`debrief serve --multi-user`): accounts with argon2id
//! passwords ([`accounts`]), sessions in the store named by a random token in an HttpOnly,
//! SameSite=Lax cookie, and every page and API route except the sign-in pages, `/healthz` and
//! `/static` behind a session: pages redirect to `/login?next=...`, `/api/*` answers 401.
//! `CurrentUser` is the account of the session, and every store call takes its id, so nobody
//! can read or change another's data (`tests/web/auth.rs` checks it route by route).
//!
//! # CSRF: what a new route or form must do
//!
//! One middleware (`auth/guard.rs`) runs before every handler, in both modes. It refuses
//! requests with an unsafe method (POST, PUT, PATCH, DELETE) that come from another site or
//! carry no valid CSRF token, with a 403 that says to reload the page. A new route is
//! therefore covered without doing anything; what it must do is *send* the token:
//!
//! - a form: `{% import "macros.html" as m %}` in the template, and `{% call
//!   m::csrf_field(meta) %}` as the first thing inside the `<form method="post">`. Every page
//!   struct has a `meta: Meta` made by `Meta::new`, which already holds the token of the
//!   request; multipart forms work the same way.
//! - a script: read `document.querySelector('meta[name="csrf-token"]').content` (every page
//!   writes it in `base.html`) and send it as the `X-CSRF-Token` header of each `fetch` that
//!   is not a GET, as `static/app.js` does for `/practice/report` and a mock's autosave.
//!   (An artifact drill's autosave keeps its copy in the browser and sends nothing.)
//!
//! The token needs no server state: signed in, it is derived from the session token; otherwise
//! it is a double-submit cookie. So a page left open keeps working after the server restarts.
//! GET handlers must never change data: they are not checked. The one exception is deliberate
//! and harmless: `GET /mock/{id}` starts the open round's clock the first time the candidate
//! sees it (later views keep the first time), since the clock must run from then.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::routing::{get, post};
use debrief_coach::story::Format;
use debrief_grader::Grader;
use debrief_pack::Catalog;
use debrief_practice::{App, Clock};
pub use debrief_store::Store;
use tower_http::trace::TraceLayer;

mod assets;
mod auth;
mod clock;
mod context;
mod error;
mod limits;
mod params;
mod respond;
mod routes;
mod server;
mod ui;

pub use auth::accounts;
pub use auth::proxies::{BadProxy, TrustedProxies};
pub use auth::signin::{LOGIN_LIMIT_PER_IP, LOGIN_LIMIT_PER_USER, LOGIN_WINDOW_SECONDS};
pub use limits::{GRADE_BODY_LIMIT, IMPORT_BODY_LIMIT, PRACTICE_BODY_LIMIT};
pub use server::{
    BODY_READ_TIMEOUT, DEFAULT_MAX_CONNECTIONS, HEADER_READ_TIMEOUT, Limits, STALL_TIMEOUT,
};

use auth::user::CurrentUser;
use routes::{
    api, artifacts, examples, fit, guides, home, login, loops, lp, mock, offers, pay, plan,
    practice, profile, progress, questions, stories,
};

/// Who uses the app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// One candidate on their own machine: the store's local user, no sign-in.
    #[default]
    Local,
    /// A shared server: accounts, sessions, sign-in required for everything but the sign-in
    /// pages.
    MultiUser,
}

/// How the app authenticates, from `debrief serve`'s flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auth {
    /// Local or multi-user.
    pub mode: Mode,
    /// Mark cookies `Secure` (`--secure-cookies`): set it when browsers reach the app over
    /// HTTPS, e.g. through a reverse proxy, so cookies never travel over plain HTTP.
    pub secure_cookies: bool,
    /// Whether anyone may create an account at `/signup` (`--no-signup` closes it; accounts
    /// are then made with `debrief users add`).
    pub signup: bool,
    /// Names besides IP addresses and `localhost` that browsers reach the app by
    /// (`--public-host`). A request for any other name is refused, so a website that points a
    /// name of its own at this machine cannot read the candidate's data.
    pub public_hosts: Vec<String>,
    /// Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Host` are believed
    /// (`--trusted-proxy`). From anyone else those headers are ignored, so a client cannot
    /// pose as another address to slip past the sign-in limit.
    pub trusted_proxies: TrustedProxies,
}

impl Auth {
    /// Local mode: no accounts.
    pub fn local() -> Auth {
        Auth {
            mode: Mode::Local,
            secure_cookies: false,
            signup: false,
            public_hosts: Vec::new(),
            trusted_proxies: TrustedProxies::none(),
        }
    }

    /// Multi-user mode with sign-up open and cookies without `Secure`.
    pub fn multi_user() -> Auth {
        Auth {
            mode: Mode::MultiUser,
            secure_cookies: false,
            signup: true,
            public_hosts: Vec::new(),
            trusted_proxies: TrustedProxies::none(),
        }
    }
}

impl Default for Auth {
    fn default() -> Auth {
        Auth::local()
    }
}

/// What every handler shares: the validated content, loaded once at start, the store that
/// holds the candidates' stories, fit results and plans, the application layer over both, and
/// how users are told apart.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The content pack the app serves.
    pub catalog: Arc<Catalog>,
    /// The grader compiled from that catalog.
    pub grader: Arc<Grader>,
    /// The candidates' data (cheap to clone: clones share the pool).
    pub store: Store,
    /// The workflows the CLI runs too (stories, plans, fit, progress, the today queue, the
    /// target loop), over the same store and grader: the routes of those areas call only this,
    /// so the two front ends cannot disagree.
    pub app: App,
    /// Local or multi-user, and the cookie settings.
    pub auth: Auth,
    /// Bounds how many password hashes run at once (each holds 19 MiB).
    hashing: Arc<tokio::sync::Semaphore>,
    /// The seed every new mock loop draws its questions with, when fixed; `None` (the app's
    /// way) asks the operating system for a new one each time.
    mock_seed: Option<u64>,
}

impl AppState {
    /// State over a catalog and a store, in local mode.
    pub fn new(catalog: Catalog, store: Store) -> AppState {
        AppState::shared(Arc::new(catalog), store)
    }

    /// [`AppState::new`] over a catalog already shared (e.g. warmed up by the caller).
    pub fn shared(catalog: Arc<Catalog>, store: Store) -> AppState {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let grader = Arc::new(Grader::new(Arc::clone(&catalog)));
        AppState {
            app: App::new(store.clone(), Arc::clone(&grader), Clock::system()),
            grader,
            catalog,
            store,
            auth: Auth::local(),
            hashing: Arc::new(tokio::sync::Semaphore::new(cores)),
            mock_seed: None,
        }
    }

    /// The same state drawing every new mock loop with `seed` instead of a fresh seed from the
    /// operating system: tests fix the draw so the questions a mock asks never depend on luck.
    pub fn with_mock_seed(mut self, seed: u64) -> AppState {
        self.mock_seed = Some(seed);
        self
    }

    /// The seed for a new mock loop: the fixed one, or a fresh one from the operating system.
    pub(crate) fn mock_seed(&self) -> Result<u64, getrandom::Error> {
        self.mock_seed.map_or_else(getrandom::u64, Ok)
    }

    /// The same state with the workflows reading `clock` instead of the system's: tests fix
    /// the time so "today" and the dates a plan is built from never depend on when they run.
    pub fn with_clock(mut self, clock: Clock) -> AppState {
        self.app = App::new(self.store.clone(), Arc::clone(&self.grader), clock);
        self
    }

    /// The same state with another [`Auth`]. In multi-user mode this computes the dummy
    /// password hash now (tens of milliseconds), so no sign-in pays for it.
    pub fn with_auth(mut self, auth: Auth) -> AppState {
        if auth.mode == Mode::MultiUser {
            accounts::warm_up();
        }
        self.auth = auth;
        self
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
        .route("/progress", get(api::progress))
        .route("/stories/coverage", get(api::coverage))
        .route("/target", get(api::target))
        .route(
            "/grade",
            post(api::grade)
                .fallback(api::grade_method)
                .layer(DefaultBodyLimit::max(GRADE_BODY_LIMIT)),
        )
        .fallback(api::not_found);
    Router::new()
        .route("/", get(home::home))
        .route("/loop", get(loops::loop_query))
        .route("/loops/{company}/{role}", get(loops::loop_path))
        .route("/questions", get(questions::questions))
        .route("/examples", get(examples::examples))
        .route("/lp", get(lp::principles))
        .route("/lp/{id}", get(lp::principle))
        .route("/guides", get(guides::list))
        .route("/guides/{id}", get(guides::show))
        .route(
            "/practice",
            get(practice::page)
                .post(practice::submit)
                .layer(DefaultBodyLimit::max(PRACTICE_BODY_LIMIT)),
        )
        .route(
            "/practice/report",
            post(practice::report).layer(DefaultBodyLimit::max(PRACTICE_BODY_LIMIT)),
        )
        .route("/artifacts", get(artifacts::list))
        .route("/artifacts/{kind}", get(artifacts::show))
        .route(
            "/artifacts/{kind}/drill",
            get(artifacts::drill)
                .post(artifacts::check)
                .layer(DefaultBodyLimit::max(PRACTICE_BODY_LIMIT)),
        )
        .route(
            "/artifacts/{kind}/draft",
            post(artifacts::draft).layer(DefaultBodyLimit::max(PRACTICE_BODY_LIMIT)),
        )
        .route("/artifacts/{kind}/attempts/{id}", get(artifacts::attempt))
        .route("/stories", get(stories::list).post(stories::create))
        .route("/stories/new", get(stories::new_form))
        .route(
            "/stories/import",
            post(stories::import).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
        .route(
            "/stories/export.json",
            get(|State(s): State<AppState>, u: CurrentUser| stories::export(s, u, Format::Json)),
        )
        .route(
            "/stories/export.md",
            get(|State(s): State<AppState>, u: CurrentUser| {
                stories::export(s, u, Format::Markdown)
            }),
        )
        .route(
            "/stories/export.csv",
            get(|State(s): State<AppState>, u: CurrentUser| stories::export(s, u, Format::Csv)),
        )
        .route("/stories/{id}", get(stories::show).post(stories::update))
        .route("/stories/{id}/edit", get(stories::edit_form))
        .route(
            "/stories/{id}/delete",
            get(stories::confirm_delete).post(stories::delete),
        )
        .route("/fit", get(fit::page).post(fit::submit))
        .route("/profile", get(profile::page).post(profile::save))
        .route("/profile/role", post(profile::set_role))
        .route("/profile/clear", post(profile::clear))
        .route("/plan", get(plan::page).post(plan::create))
        .route("/plan/{id}", get(plan::show))
        .route("/plan/{id}/items", post(plan::tick))
        .route("/mock", get(mock::list).post(mock::create))
        .route("/mock/{id}", get(mock::show))
        .route(
            "/mock/{id}/draft",
            post(mock::draft).layer(DefaultBodyLimit::max(PRACTICE_BODY_LIMIT)),
        )
        .route(
            "/mock/{id}/answer",
            post(mock::answer).layer(DefaultBodyLimit::max(PRACTICE_BODY_LIMIT)),
        )
        .route("/mock/{id}/finish", post(mock::finish))
        .route("/mock/{id}/debrief", get(mock::debrief))
        .route("/mock/{id}/summary", get(mock::summary))
        .route("/mock/{id}/debrief.md", get(mock::debrief_markdown))
        .route("/mock/{id}/answers.jsonl", get(mock::answers_jsonl))
        .route(
            "/mock/{id}/delete",
            get(mock::confirm_delete).post(mock::delete),
        )
        .route("/progress", get(progress::page))
        .route("/pay", get(pay::page))
        .route("/offers", get(offers::page).post(offers::create))
        .route("/offers/{id}/delete", post(offers::delete))
        .route("/login", get(login::page).post(login::submit))
        .route("/signup", get(login::signup_form).post(login::signup))
        .route("/logout", post(login::logout))
        .route("/healthz", get(routes::home::health))
        .route("/static/app.css", get(assets::stylesheet))
        .route("/static/app.js", get(assets::script))
        .route("/static/icon.svg", get(assets::icon))
        .nest("/api", api)
        .fallback(home::not_found)
        // Inside the guard, so the page it makes carries the request's CSRF token like any.
        .layer(axum::middleware::from_fn(error::plain_rejections))
        // Inside the security headers, so the guard's own answers carry them too.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::guard::guard,
        ))
        .layer(axum::middleware::map_response(assets::security_headers))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Serves the app on `listener` until `shutdown` completes, then lets requests in flight
/// finish. Tests bind port 0 and pass a oneshot receiver as `shutdown`. Each request knows
/// its peer's address, which the sign-in rate limit counts. Every connection is bounded in
/// time and number (see [`Limits`] and the timeouts beside it).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(%addr, "debrief web app listening");
    }
    server::serve(listener, router(state), limits, shutdown).await
}
