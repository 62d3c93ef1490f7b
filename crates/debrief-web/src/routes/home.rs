//! The start page: the candidate's target (their profile, with a link to change it, or a prompt
//! to set one), pick a company, role and level (preselected to the target loop,
//! `App::target_loop`), every loop, and the "Today" review queue (`App::today_queue`); and the
//! 404 page of any other path.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use debrief_pack::{Level, RoleProfile};
use debrief_practice::{Chosen, Subject};

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::error::PageError;
use crate::params::href;
use crate::ui::picker::{preset, target_heading, track_choices};
use crate::ui::views::all_loops;
use crate::ui::{Link, Meta};
use debrief_coach::mock::upper_first;

/// A company with the levels it hires at, for the home form.
pub(crate) struct CompanyLevels<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub levels: Vec<&'a Level>,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub(crate) struct HomePage<'a> {
    meta: Meta,
    companies: Vec<CompanyLevels<'a>>,
    roles: &'a [RoleProfile],
    loops: Vec<Link>,
    question_count: usize,
    /// How many principles the target's company has, and its word for them ("Leadership
    /// Principles", "Hiring attributes").
    principle_count: usize,
    principle_label: String,
    principles_word: String,
    /// Preselected so one click shows a loop: the candidate's target loop.
    default_company: String,
    default_role: String,
    default_level: String,
    /// The track select, the target's track chosen.
    tracks: Vec<crate::ui::Choice>,
    /// The target loop in words, and whether it is the candidate's saved profile (else the
    /// page prompts them to set one).
    target_heading: String,
    target_saved: bool,
    /// The review queue: what is due today.
    today: Vec<TodayRow>,
    /// What falls due tomorrow (names), so a weak answer shows where it will come back.
    tomorrow: Vec<String>,
    /// Why the queue could not be read, if it could not (the rest of the page still shows).
    today_error: String,
}

/// One entry of the "Today" queue on the home page.
pub(crate) struct TodayRow {
    /// What to practise: a round kind or a Leadership Principle, by name.
    pub subject: String,
    /// "Round kind", or the principle's company's word for it: "Leadership Principle",
    /// "Hiring attribute".
    pub kind: String,
    /// Why it is due, in a sentence.
    pub reason: String,
    /// A question to answer now: the Practice page with it picked, and its text.
    pub question: Option<(String, String)>,
}

/// How many due areas the home page lists.
const TODAY_ITEMS: usize = 6;

/// The candidate's "Today" queue and the names of what falls due tomorrow, or why they could
/// not be read.
async fn today_rows(
    state: &AppState,
    user: CurrentUser,
) -> Result<(Vec<TodayRow>, Vec<String>), String> {
    let queue = state
        .app
        .today_queue(user.user_id(), TODAY_ITEMS)
        .await
        .map_err(|e| {
            // The rest of the page still shows; the details are for the log, not the page.
            tracing::error!(error = %e, "today queue unreadable");
            "debrief could not reach your history just now. Reload the page in a moment.".to_owned()
        })?;
    let tomorrow = queue
        .tomorrow
        .iter()
        .map(|i| i.subject.name().to_owned())
        .collect();
    let today = queue
        .today
        .into_iter()
        .map(|item| TodayRow {
            subject: item.subject.name().to_owned(),
            kind: match &item.subject {
                Subject::RoundKind { .. } => "Round kind".to_owned(),
                Subject::Principle { id, .. } => {
                    let catalog = &state.catalog;
                    let noun = catalog
                        .principle(id)
                        .and_then(|p| catalog.company(&p.company))
                        .map_or("principle", |c| c.principle_noun());
                    upper_first(noun)
                }
            },
            reason: item.reason,
            // The question brings its company, role and round to the Practice page.
            question: item
                .question
                .map(|(id, text, _)| (href("/practice", &[("question", &id)]), text)),
        })
        .collect();
    Ok((today, tomorrow))
}

/// `GET /`.
pub(crate) async fn home(State(state): State<AppState>, user: CurrentUser) -> Response {
    let ((today, tomorrow), today_error) = match today_rows(&state, user).await {
        Ok(rows) => (rows, String::new()),
        Err(message) => ((Vec::new(), Vec::new()), message),
    };
    let catalog = &state.catalog;
    let companies: Vec<CompanyLevels<'_>> = catalog
        .companies()
        .iter()
        .map(|c| CompanyLevels {
            id: &c.id,
            name: &c.name,
            levels: catalog.levels_of(&c.id).collect(),
        })
        .collect();
    // The loop the candidate is preparing for; if even that cannot be read, the content's
    // defaults, so the page still shows.
    let target = match state.app.target_loop(user.user_id()).await {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "target loop unreadable");
            state.app.default_loop()
        }
    };
    // Laid out as the plan and mock forms preset it (a plan made without a level starts at
    // the company's default level).
    let target_heading = target_heading(catalog, &target);
    let target_saved = target.from == Chosen::Profile;
    let (mut company, mut role, mut track, mut level) =
        (String::new(), String::new(), String::new(), String::new());
    preset(
        catalog,
        &target,
        &mut company,
        &mut role,
        &mut track,
        &mut level,
    );
    let words = catalog
        .company(&target.company)
        .map_or("principles", |c| c.principles_noun())
        .to_owned();
    HomePage {
        meta: Meta::new("Know the loop before you walk in", "loops"),
        roles: catalog.roles(),
        loops: all_loops(catalog),
        question_count: catalog.questions().len(),
        principle_count: catalog.principles_of(&target.company).len(),
        principle_label: upper_first(&words),
        principles_word: words,
        default_company: company,
        default_role: role,
        default_level: level,
        tracks: track_choices(catalog, &track),
        target_heading,
        target_saved,
        companies,
        today,
        tomorrow,
        today_error,
    }
    .into_response()
}

/// Any other path: a 404 page that points back into the app.
pub(crate) async fn not_found(State(state): State<AppState>) -> PageError {
    let mut choices = vec![
        Link::new("Pick a loop", "/").note("Company, role and level"),
        Link::new("Question bank", "/questions")
            .note(format!("{} questions", state.catalog.questions().len())),
        Link::new("Principles and competencies", "/lp").note("PM and PMM proof"),
    ];
    choices.extend(all_loops(&state.catalog));
    PageError::new(
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is no page at this address. These are good places to start.",
    )
    .choices("Where to go", choices)
}

/// `GET /healthz`: `ok` while the store answers a query, else 503, so a load balancer stops
/// sending requests to a process whose database is gone. The cause is logged, not shown.
pub(crate) async fn health(State(state): State<AppState>) -> Response {
    match state.store.schema_version().await {
        Ok(_) => "ok".into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: the store does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "the store does not answer").into_response()
        }
    }
}
