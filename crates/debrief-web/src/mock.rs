//! Mock loops in the browser: start one, answer it box by box against a visible clock, read the
//! hiring-committee debrief.
//!
//! - `GET /mock`: the candidate's mocks (in progress with "Resume", finished with the decision)
//!   and a form to start one. `POST /mock` draws a new mock with a seed from the operating
//!   system and redirects to it.
//! - `GET /mock/{id}`: the open answer box: the round, its interviewer and clock, the question
//!   or follow-up probe, the saved text, and above it the report of the answer just handed in.
//!   A finished mock redirects to its debrief.
//! - `POST /mock/{id}/draft` (`round`, `question`, `probe`, `text`): saves the open box's text.
//!   `static/app.js` calls it as the candidate types (with `Accept: application/json`, answered
//!   with JSON); the no-JavaScript "Save draft" button posts the same form and is sent back.
//! - `POST /mock/{id}/answer`: hands the open box in; an empty answer or a refusal shows the
//!   page again with the text kept and what to do.
//! - `POST /mock/{id}/finish`: ends the loop early; `GET /mock/{id}/debrief` shows the debrief
//!   (printable), `/mock/{id}/debrief.md` downloads it, `/mock/{id}/answers.jsonl` downloads
//!   the answers as `debrief mock --answers` lines.
//! - `GET /mock/{id}/delete` asks, `POST /mock/{id}/delete` deletes.
//!
//! The workflow itself (drawing, saving, grading, probes, history, the debrief) is
//! `debrief_practice::mock`, shared with the CLI; these handlers only parse, call and render.
//!
//! `GET /mock/{id}` is the one page whose GET writes: it starts the round's clock the first
//! time the candidate sees the round (`mock::open_current`; later views keep the first time),
//! because the clock must run from when the question was on screen, not from when the previous
//! round ended.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use debrief_coach::mock::{Debrief, MockPlan, Quote, Stance, Vocabulary};
use debrief_pack::{Catalog, Rating};
use debrief_practice::PracticeError;
use debrief_practice::mock::{self, Session, Step};
use debrief_store::AnswerSlot;
use serde_json::json;

use crate::AppState;
use crate::guard::see_other;
use crate::pages::{Meta, error_page};
use crate::params::{Params, loop_href};
use crate::picker::{LoopPicker, preset};
use crate::practice::{Piece, ReportView};
use crate::user::{CurrentUser, day_of, missing, now, store_error};
use crate::views::{Link, Trouble, download, sentence};

/// A practice step's failure as a page: a missing mock is a 404, a refused step a 409 with
/// the reason, a mock that cannot be drawn or an answer that cannot be graded a 400, and
/// anything else a 500.
pub(crate) fn practice_error(error: &PracticeError) -> Response {
    let trouble = |status: StatusCode, heading: &str| Trouble {
        status,
        heading: heading.to_owned(),
        message: sentence(&error.to_string()),
        choices_heading: "Where to go".into(),
        choices: vec![
            Link::new("Your mock loops", "/mock"),
            Link::new("Progress", "/progress"),
        ],
    };
    match error {
        PracticeError::NotFound(what) | PracticeError::Missing { what, .. } => {
            missing(what, "/mock", "Your mock loops")
        }
        PracticeError::Store(e) => store_error(e),
        PracticeError::Invalid(_) => error_page(trouble(StatusCode::CONFLICT, "Not now")),
        PracticeError::Mock(_)
        | PracticeError::Grade(_)
        | PracticeError::Lookup(_)
        | PracticeError::Plan(_)
        | PracticeError::Fit(_) => {
            error_page(trouble(StatusCode::BAD_REQUEST, "That could not be done"))
        }
        PracticeError::Json(_) => {
            tracing::error!(%error, "saved mock data unreadable");
            error_page(trouble(
                StatusCode::INTERNAL_SERVER_ERROR,
                "This mock loop cannot be read",
            ))
        }
    }
}

/// The mock id in a path, when it is a number.
fn mock_id(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok()
}

/// The 404 page for a mock that is not the user's (or not a number).
fn no_mock() -> Response {
    missing("mock loop", "/mock", "Your mock loops")
}

/// `m:ss` of a number of seconds (negative counts as 0).
pub(crate) fn clock(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

/// "Amazon PMM, L5": a mock's loop as a heading.
fn plan_heading(plan: &MockPlan) -> String {
    format!(
        "{} {}, {}",
        plan.company_name,
        plan.role.label(),
        plan.level_name
    )
}

// ---------------------------------------------------------------------------------------------
// The list and the start form

/// The start form as filled in.
#[derive(Debug, Default, Clone)]
pub(crate) struct StartForm {
    pub company: String,
    pub role: String,
    pub level: String,
}

impl StartForm {
    /// The choice as given (ids are lowercased; unknown ones are preset or refused later).
    fn read(params: &Params) -> StartForm {
        let get = |k: &str| params.get(k).unwrap_or_default().to_ascii_lowercase();
        StartForm {
            company: get("company"),
            role: get("role"),
            level: get("level"),
        }
    }
}

/// A mock in the list.
pub(crate) struct MockRow {
    pub heading: String,
    pub title: String,
    pub started: String,
    /// The open box, or the debrief when finished.
    pub href: String,
    pub delete_href: String,
    /// "3 of 9 questions answered".
    pub progress: String,
    /// For a finished mock: "Hire" or "No hire", the score and the bar.
    pub decision: Option<(bool, u32, u32)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "mocks.html")]
pub(crate) struct MocksPage<'a> {
    meta: Meta,
    picker: LoopPicker<'a>,
    in_progress: Vec<MockRow>,
    finished: Vec<MockRow>,
    errors: Vec<String>,
    /// Set after a delete.
    deleted: bool,
}

async fn list_page(
    state: &AppState,
    user: CurrentUser,
    mut form: StartForm,
    errors: Vec<String>,
    deleted: bool,
) -> Response {
    let catalog = &state.catalog;
    let mocks = match state.store.mocks(user.id).await {
        Ok(m) => m,
        Err(e) => return store_error(&e),
    };
    let mut in_progress = Vec::new();
    let mut finished = Vec::new();
    for m in &mocks {
        // A plan that no longer reads (written by a newer build) still lists, by its ids.
        let plan: Option<MockPlan> = serde_json::from_str(&m.plan_json).ok();
        let heading = plan.as_ref().map_or_else(
            || format!("{} {}, {}", m.company, m.role.to_uppercase(), m.level),
            plan_heading,
        );
        let debrief: Option<Debrief> = m
            .debrief_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok());
        let questions = plan
            .as_ref()
            .map_or(0, |p| p.rounds.iter().map(|r| r.questions.len()).sum());
        let answered = match state.store.mock_answers(user.id, m.id).await {
            Ok(rows) => rows
                .iter()
                .filter(|a| a.slot.probe_index == 0 && a.is_submitted())
                .count(),
            Err(e) => return store_error(&e),
        };
        let row = MockRow {
            heading,
            title: plan.as_ref().map(|p| p.title.clone()).unwrap_or_default(),
            started: day_of(m.created_at).to_string(),
            href: if m.finished_at.is_some() {
                format!("/mock/{}/debrief", m.id)
            } else {
                format!("/mock/{}", m.id)
            },
            delete_href: format!("/mock/{}/delete", m.id),
            progress: format!("{answered} of {questions} questions answered"),
            decision: debrief.as_ref().map(|d| (d.decision.hire, d.score, d.bar)),
        };
        if m.finished_at.is_some() {
            finished.push(row);
        } else {
            in_progress.push(row);
        }
    }
    preset(catalog, &mut form.company, &mut form.role, &mut form.level);
    let picker = LoopPicker::new(catalog, &form.company, &form.role, &form.level);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    (
        status,
        MocksPage {
            meta: Meta::new("Mock loops", "mock"),
            picker,
            in_progress,
            finished,
            errors,
            deleted,
        },
    )
        .into_response()
}

/// `GET /mock?company=&role=&level=`: the mocks and the start form, preset from the query.
pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Response {
    let form = StartForm::read(&params);
    list_page(&state, user, form, Vec::new(), params.has("deleted")).await
}

/// `POST /mock`: draws a new mock for company, role and level, then opens it.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(params): Form<Params>,
) -> Response {
    let form = StartForm::read(&params);
    if form.company.is_empty() || form.role.is_empty() || form.level.is_empty() {
        let errors = vec!["Choose a company, a role and a level for the mock loop.".to_owned()];
        return list_page(&state, user, form, errors, false).await;
    }
    // The draw's seed comes from the operating system here, at the edge: core draws no
    // randomness of its own, and the seed is saved with the mock so the draw can be repeated.
    let seed = match getrandom::u64() {
        Ok(seed) => seed,
        Err(e) => {
            tracing::error!(error = %e, "no randomness for a mock seed");
            return error_page(Trouble {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                heading: "A mock loop could not be drawn".into(),
                message: "The operating system gave no random numbers to draw the questions \
                          with. Try again in a moment."
                    .into(),
                choices_heading: String::new(),
                choices: Vec::new(),
            });
        }
    };
    let spec = mock::spec(&form.company, &form.role, &form.level, seed);
    match mock::start(&state.store, &state.grader, user.id, &spec, now()).await {
        Ok(m) => Redirect::to(&format!("/mock/{}", m.id)).into_response(),
        Err(PracticeError::Mock(e)) => {
            list_page(&state, user, form, vec![sentence(&e.to_string())], false).await
        }
        Err(e) => practice_error(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// The open box

/// One round in the progress strip.
pub(crate) struct RoundChip {
    pub number: usize,
    pub title: String,
    pub kind_name: String,
    pub minutes: u32,
    /// "done", "current" or "next".
    pub state: &'static str,
    pub bar_raiser: bool,
}

/// The box to answer now.
pub(crate) struct BoxView {
    pub round_number: usize,
    pub round_title: String,
    pub kind_name: String,
    pub interviewer: String,
    pub bar_raiser: bool,
    pub question_number: usize,
    pub question_count: usize,
    /// For a follow-up: its number and why the interviewer asks it.
    pub probe: Option<(usize, String)>,
    pub prompt: String,
    /// The principles or competencies the round is judged on.
    pub judged_on: Vec<String>,
    pub round_field: i64,
    pub question_field: i64,
    pub probe_field: i64,
    /// The text in the box: saved, or as just sent when a hand-in was refused.
    pub text: String,
    /// Seconds used in the round so far and its budget: the clock.
    pub used_seconds: i64,
    pub budget_seconds: i64,
    pub used: String,
    pub budget: String,
    pub over: bool,
    pub over_by: String,
    /// `localStorage` key of the box's safety copy.
    pub slot_key: String,
    /// When the server last saved anything in this mock, in milliseconds: a browser copy of
    /// the text written later than this is newer than the server's.
    pub saved_at_ms: i64,
}

/// The answer just handed in, with its report.
pub(crate) struct Feedback {
    pub where_: String,
    pub prompt: String,
    pub report: ReportView,
    /// Whether the next box is a follow-up to it.
    pub follow_up: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "mock.html")]
pub(crate) struct MockPage {
    meta: Meta,
    id: i64,
    heading: String,
    title: String,
    round_count: usize,
    rounds: Vec<RoundChip>,
    vocabulary: &'static str,
    step: Option<BoxView>,
    feedback: Option<Feedback>,
    errors: Vec<String>,
    /// Text that was sent for a box that is no longer open, shown to copy.
    unsent: Option<String>,
    /// "Draft saved at 14:02:31 UTC", after the no-JavaScript save.
    notice: String,
}

/// What a re-rendered page carries from a refused request.
#[derive(Default)]
struct Carry {
    errors: Vec<String>,
    /// The text sent, and the slot it was sent for.
    sent: Option<(AnswerSlot, String)>,
    notice: String,
}

fn box_view(session: &Session, step: &Step, now: i64, text: String) -> Option<BoxView> {
    let (r, q, p) = step.indexes();
    let round = session.plan.rounds.get(r)?;
    let budget = i64::from(round.minutes) * 60;
    let used = session.round_seconds(r, now);
    let judged_on = if round.lps.is_empty() {
        round.competencies.clone()
    } else {
        round.lps.iter().map(|l| l.name.clone()).collect()
    };
    Some(BoxView {
        round_number: r + 1,
        round_title: round.title.clone(),
        kind_name: round.kind_name.clone(),
        interviewer: round.interviewer.clone(),
        bar_raiser: round.bar_raiser,
        question_number: q + 1,
        question_count: round.questions.len(),
        probe: (p > 0).then(|| (p, step.why.clone().unwrap_or_default())),
        prompt: step.prompt.clone(),
        judged_on,
        round_field: step.slot.round_index,
        question_field: step.slot.question_index,
        probe_field: step.slot.probe_index,
        text,
        used_seconds: used,
        budget_seconds: budget,
        used: clock(used),
        budget: clock(budget),
        over: used > budget,
        over_by: clock(used - budget),
        slot_key: format!(
            "debrief-mock-{}-{}-{}-{}",
            session.mock.id, step.slot.round_index, step.slot.question_index, step.slot.probe_index
        ),
        saved_at_ms: session.mock.updated_at.saturating_mul(1000),
    })
}

fn feedback(catalog: &Catalog, session: &Session) -> Option<Feedback> {
    let last = session.last_answer()?;
    let round = session.plan.rounds.get(last.round_index);
    let where_ = match (round, last.probe_index) {
        (Some(r), 0) => format!(
            "Round {}, {}: question {}",
            last.round_index + 1,
            r.title,
            last.question_index + 1
        ),
        (Some(r), p) => format!(
            "Round {}, {}: question {}, follow-up {p}",
            last.round_index + 1,
            r.title,
            last.question_index + 1
        ),
        (None, _) => String::new(),
    };
    let follow_up = session.current().is_some_and(|s| {
        let (r, q, p) = s.indexes();
        p > 0 && r == last.round_index && q == last.question_index
    });
    Some(Feedback {
        where_,
        prompt: last.prompt.clone(),
        report: ReportView::new(catalog, &last.report, &last.answer),
        follow_up,
    })
}

fn mock_page(catalog: &Catalog, session: &Session, now: i64, carry: Carry) -> Response {
    let current = session.current();
    let current_round = current.map(|s| s.indexes().0);
    let rounds = session
        .plan
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| RoundChip {
            number: i + 1,
            title: r.title.clone(),
            kind_name: r.kind_name.clone(),
            minutes: r.minutes,
            state: match current_round {
                Some(c) if i < c => "done",
                Some(c) if i == c => "current",
                Some(_) => "next",
                None => "done",
            },
            bar_raiser: r.bar_raiser,
        })
        .collect();
    let mut unsent = None;
    let step = current.and_then(|s| {
        let text = match &carry.sent {
            Some((slot, text)) if *slot == s.slot => text.clone(),
            Some((_, text)) => {
                unsent = Some(text.clone());
                s.text.clone()
            }
            None => s.text.clone(),
        };
        box_view(session, s, now, text)
    });
    let mut errors = carry.errors;
    if step.is_none() && errors.is_empty() {
        errors.push(
            "Every answer of this mock loop is handed in. Weigh the debrief to read it.".into(),
        );
    }
    let status = if carry.sent.is_some() && !errors.is_empty() {
        // A hand-in that was refused: the answer is kept, but the request did not succeed.
        if unsent.is_some() {
            StatusCode::CONFLICT
        } else {
            StatusCode::BAD_REQUEST
        }
    } else {
        StatusCode::OK
    };
    let heading = plan_heading(&session.plan);
    (
        status,
        MockPage {
            meta: Meta::new(format!("Mock loop: {heading}"), "mock"),
            id: session.mock.id,
            title: session.plan.title.clone(),
            heading,
            round_count: session.plan.rounds.len(),
            rounds,
            vocabulary: session.plan.vocabulary.plural(),
            feedback: feedback(catalog, session),
            step,
            errors,
            unsent,
            notice: carry.notice,
        },
    )
        .into_response()
}

/// `GET /mock/{id}`: the open box (its round's clock starts now if it had not), or the debrief
/// once the mock is finished.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let Some(id) = mock_id(&raw) else {
        return no_mock();
    };
    let at = now();
    let session = match mock::open_current(&state.store, &state.grader, user.id, id, at).await {
        Ok(s) => s,
        Err(e) => return practice_error(&e),
    };
    if session.mock.finished_at.is_some() {
        return see_other(&format!("/mock/{id}/debrief"));
    }
    let notice = match params.get("saved").and_then(|s| s.parse::<i64>().ok()) {
        Some(t) => format!("Draft saved at {} UTC.", time_of_day(t)),
        None => String::new(),
    };
    let carry = Carry {
        notice,
        ..Carry::default()
    };
    mock_page(&state.catalog, &session, at, carry)
}

/// `HH:MM:SS` (UTC) of a unix time.
fn time_of_day(seconds: i64) -> String {
    let s = seconds.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
}

/// The answer box a form names, from its `round`, `question` and `probe` fields.
fn slot_of(params: &Params) -> Option<AnswerSlot> {
    let field = |k: &str| params.get(k)?.parse::<i64>().ok().filter(|v| *v >= 0);
    Some(AnswerSlot::new(
        field("round")?,
        field("question")?,
        field("probe")?,
    ))
}

/// Whether the request comes from the page's script, which asks for JSON.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// A JSON error for the autosave script: `{"error": "..."}` with the status.
fn json_error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": sentence(message) }))).into_response()
}

/// `POST /mock/{id}/draft`: saves the open box's text. JSON in and out for the page's script
/// (`{"saved": true, "at": <unix seconds>}`); a 303 back to the box for the form.
pub(crate) async fn draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    headers: HeaderMap,
    Form(params): Form<Params>,
) -> Response {
    let script = wants_json(&headers);
    let Some(id) = mock_id(&raw) else {
        return if script {
            json_error(StatusCode::NOT_FOUND, "no such mock loop")
        } else {
            no_mock()
        };
    };
    let Some(slot) = slot_of(&params) else {
        let message = "the form did not say which answer box it is for; reload the page";
        return if script {
            json_error(StatusCode::BAD_REQUEST, message)
        } else {
            error_page(Trouble {
                status: StatusCode::BAD_REQUEST,
                heading: "Nothing was saved".into(),
                message: sentence(message),
                choices_heading: "Where to go".into(),
                choices: vec![Link::new("Back to the mock loop", format!("/mock/{id}"))],
            })
        };
    };
    let text = params.raw("text").unwrap_or_default();
    let at = now();
    match mock::save_draft(&state.store, &state.grader, user.id, id, slot, text, at).await {
        Ok(()) if script => Json(json!({ "saved": true, "at": at })).into_response(),
        Ok(()) => see_other(&format!("/mock/{id}?saved={at}#answer")),
        Err(e) if script => {
            let status = match &e {
                PracticeError::NotFound(_) => StatusCode::NOT_FOUND,
                PracticeError::Invalid(_) => StatusCode::CONFLICT,
                PracticeError::Store(debrief_store::StoreError::NotFound { .. }) => {
                    StatusCode::NOT_FOUND
                }
                PracticeError::Store(debrief_store::StoreError::Invalid { .. }) => {
                    StatusCode::CONFLICT
                }
                _ => {
                    tracing::error!(error = %e, "draft not saved");
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            };
            json_error(status, &e.to_string())
        }
        Err(e) => practice_error(&e),
    }
}

/// `POST /mock/{id}/answer`: hands the open box in. Then back to the mock, where the report
/// of this answer shows above the next box; after the last box, to the debrief.
pub(crate) async fn answer(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    Form(params): Form<Params>,
) -> Response {
    let Some(id) = mock_id(&raw) else {
        return no_mock();
    };
    let text = params.raw("text").unwrap_or_default().to_owned();
    let at = now();
    let state = &state;
    let again = |errors: Vec<String>, sent: Option<(AnswerSlot, String)>| async move {
        match mock::load(&state.store, &state.grader, user.id, id).await {
            Ok(session) if session.mock.finished_at.is_some() => {
                see_other(&format!("/mock/{id}/debrief"))
            }
            Ok(session) => mock_page(
                &state.catalog,
                &session,
                at,
                Carry {
                    errors,
                    sent,
                    notice: String::new(),
                },
            ),
            Err(e) => practice_error(&e),
        }
    };
    let Some(slot) = slot_of(&params) else {
        let errors = vec![
            "The form did not say which answer box it is for. Your text is below: copy it, then \
             reload the page."
                .to_owned(),
        ];
        return again(errors, Some((AnswerSlot::new(-1, -1, -1), text))).await;
    };
    if text.trim().is_empty() {
        let errors = vec![
            "The answer is empty. Write your answer in the box, then hand it in; or end the loop \
             now to read the debrief without it."
                .to_owned(),
        ];
        return again(errors, Some((slot, text))).await;
    }
    match mock::submit(&state.store, &state.grader, user.id, id, slot, &text, at).await {
        Ok(handed) if handed.debrief.is_some() => see_other(&format!("/mock/{id}/debrief")),
        Ok(_) => see_other(&format!("/mock/{id}#feedback")),
        Err(PracticeError::NotFound(what)) => missing(what, "/mock", "Your mock loops"),
        Err(
            e @ (PracticeError::Invalid(_)
            | PracticeError::Mock(_)
            | PracticeError::Grade(_)
            | PracticeError::Store(debrief_store::StoreError::Invalid { .. })),
        ) => {
            let errors = vec![format!(
                "{} Your text is kept below.",
                sentence(&e.to_string())
            )];
            again(errors, Some((slot, text))).await
        }
        Err(e) => practice_error(&e),
    }
}

/// `POST /mock/{id}/finish`: ends the loop now; boxes not handed in count as unanswered.
pub(crate) async fn finish(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Response {
    let Some(id) = mock_id(&raw) else {
        return no_mock();
    };
    // A second click (or a second tab) on a finished mock only shows the debrief again.
    match state.store.mock(user.id, id).await {
        Ok(Some(m)) if m.finished_at.is_some() => {
            return see_other(&format!("/mock/{id}/debrief"));
        }
        Ok(Some(_)) => {}
        Ok(None) => return no_mock(),
        Err(e) => return store_error(&e),
    }
    match mock::finish(&state.store, &state.grader, user.id, id, now()).await {
        Ok(_) => see_other(&format!("/mock/{id}/debrief")),
        Err(e) => practice_error(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// The debrief

/// A quote of the candidate's own words.
pub(crate) struct QuoteView {
    /// Exactly the quoted text of the answer.
    pub text: String,
    /// Whether the sentence around it was cut.
    pub shortened: bool,
    /// "for" or "against".
    pub stance: &'static str,
    pub stance_label: &'static str,
    pub note: String,
    /// Where it comes from: "Bar Raiser, question 2".
    pub source: String,
}

impl QuoteView {
    fn new(q: &Quote) -> QuoteView {
        let (stance, stance_label) = match q.stance {
            Stance::For => ("for", "For"),
            Stance::Against => ("against", "Against"),
        };
        QuoteView {
            text: q.text.clone(),
            shortened: q.shortened,
            stance,
            stance_label,
            note: q.note.clone(),
            source: q.source.clone(),
        }
    }
}

/// A reason for the decision.
pub(crate) struct ReasonView {
    pub text: String,
    pub quote: Option<QuoteView>,
}

/// One of the things to fix first.
pub(crate) struct FixView {
    pub rank: usize,
    pub area: String,
    pub weight: u32,
    pub score: u32,
    pub problem: String,
    pub suggestion: String,
    pub quote: QuoteView,
}

/// The Bar Raiser's view, or its equivalent.
pub(crate) struct ReviewPanel {
    pub heading: String,
    /// "Bar Raiser", or empty when the loop has none.
    pub name: String,
    pub about: String,
    pub veto_power: bool,
    pub read: String,
    /// The veto: area, weight, score and the answer behind it.
    pub veto: Option<(String, u32, u32, Option<QuoteView>)>,
    pub quotes: Vec<QuoteView>,
}

/// One round of the debrief.
pub(crate) struct RoundRow {
    pub number: usize,
    pub title: String,
    pub kind_name: String,
    pub bar_raiser: bool,
    pub used: String,
    pub budget: String,
    /// "2:10 over", when over the budget.
    pub over: String,
    pub answered: usize,
    pub questions: usize,
    pub score: u32,
    pub rating: Rating,
    pub reason: String,
    pub quote: Option<QuoteView>,
}

/// One row of the principle or competency table.
pub(crate) struct AreaView {
    pub name: String,
    pub weight: u32,
    pub score: Option<u32>,
    pub rating: Option<Rating>,
    pub answers: usize,
    pub note: String,
    pub evidence: Vec<QuoteView>,
}

/// One answer, verbatim, with its prompt and score.
pub(crate) struct AnswerView {
    pub where_: String,
    pub prompt: String,
    pub answer: String,
    pub score: u32,
    pub rating: Rating,
    pub words: usize,
    pub time: String,
    pub over: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "debrief.html")]
pub(crate) struct DebriefPage {
    meta: Meta,
    id: i64,
    heading: String,
    title: String,
    level_name: String,
    finished: String,
    hire: bool,
    score: u32,
    bar: u32,
    rating: Rating,
    summary: String,
    reasons: Vec<ReasonView>,
    fixes_heading: String,
    fixes: Vec<FixView>,
    review: ReviewPanel,
    rounds: Vec<RoundRow>,
    /// "Leadership Principles" or "Competencies".
    vocabulary: &'static str,
    /// "Leadership Principle" or "competency".
    singular: &'static str,
    /// The table's first column: "Leadership Principle" or "Competency".
    area_head: &'static str,
    areas: Vec<AreaView>,
    answers: Vec<AnswerView>,
    ignored: usize,
    loop_href: String,
}

fn debrief_view(id: i64, finished_at: i64, d: &Debrief) -> DebriefPage {
    let heading = format!("{} {}, {}", d.company_name, d.role.label(), d.level_name);
    let fixes_heading = match d.decision.fixes.len() {
        1 => "The thing to fix first".to_owned(),
        3 => "The three things to fix first".to_owned(),
        n => format!("The {n} things to fix first"),
    };
    let review = &d.review;
    let review_panel = ReviewPanel {
        heading: match &review.name {
            Some(name) => format!("The {name}’s view"),
            None => "No Bar Raiser in this loop".to_owned(),
        },
        name: review.name.clone().unwrap_or_default(),
        about: review.about.clone(),
        veto_power: review.veto_power,
        read: review.read.clone(),
        veto: review.veto.as_ref().map(|v| {
            (
                v.area.clone(),
                v.weight,
                v.score,
                v.quote.as_ref().map(QuoteView::new),
            )
        }),
        quotes: review.quotes.iter().map(QuoteView::new).collect(),
    };
    let rounds = d
        .rounds
        .iter()
        .map(|r| RoundRow {
            number: r.index + 1,
            title: r.title.clone(),
            kind_name: r.kind_name.clone(),
            bar_raiser: r.bar_raiser,
            used: clock(i64::from(r.used_seconds)),
            budget: clock(i64::from(r.budget_seconds)),
            over: if r.over_seconds > 0 {
                format!("{} over", clock(i64::from(r.over_seconds)))
            } else {
                String::new()
            },
            answered: r.answered,
            questions: r.questions,
            score: r.score,
            rating: r.rating,
            reason: r.reason.clone(),
            quote: r.quote.as_ref().map(QuoteView::new),
        })
        .collect();
    let areas = d
        .areas
        .iter()
        .map(|a| AreaView {
            name: a.name.clone(),
            weight: a.weight,
            score: a.score,
            rating: a.rating,
            answers: a.answers,
            note: a.note.clone(),
            evidence: a.evidence.iter().map(QuoteView::new).collect(),
        })
        .collect();
    let answers = d
        .answers
        .iter()
        .map(|a| AnswerView {
            where_: if a.at.probe_index == 0 {
                format!(
                    "Round {}, {}: question {}",
                    a.at.round_index + 1,
                    a.round_title,
                    a.at.question_index + 1
                )
            } else {
                format!(
                    "Round {}, {}: question {}, follow-up {}",
                    a.at.round_index + 1,
                    a.round_title,
                    a.at.question_index + 1,
                    a.at.probe_index
                )
            },
            prompt: a.prompt.clone(),
            answer: a.answer.clone(),
            score: a.score,
            rating: a.rating,
            words: a.words,
            time: format!(
                "{} of {}",
                clock(i64::from(a.elapsed_seconds)),
                clock(i64::from(a.budget_seconds))
            ),
            over: a.elapsed_seconds > a.budget_seconds,
        })
        .collect();
    DebriefPage {
        meta: Meta::new(format!("Debrief: {heading}"), "mock"),
        id,
        title: d.title.clone(),
        level_name: d.level_name.clone(),
        finished: day_of(finished_at).to_string(),
        hire: d.decision.hire,
        score: d.score,
        bar: d.bar,
        rating: d.rating,
        summary: d.decision.summary.clone(),
        reasons: d
            .decision
            .reasons
            .iter()
            .map(|r| ReasonView {
                text: r.text.clone(),
                quote: r.quote.as_ref().map(QuoteView::new),
            })
            .collect(),
        fixes_heading,
        fixes: d
            .decision
            .fixes
            .iter()
            .map(|f| FixView {
                rank: f.rank,
                area: f.area.clone(),
                weight: f.weight,
                score: f.score,
                problem: f.problem.clone(),
                suggestion: f.suggestion.clone(),
                quote: QuoteView::new(&f.quote),
            })
            .collect(),
        review: review_panel,
        rounds,
        vocabulary: d.vocabulary.plural(),
        singular: d.vocabulary.singular(),
        area_head: match d.vocabulary {
            Vocabulary::Principles => "Leadership Principle",
            Vocabulary::Competencies => "Competency",
        },
        areas,
        answers,
        ignored: d.ignored_answers,
        loop_href: loop_href(&d.company, d.role.id(), Some(&d.level)),
        heading,
    }
}

/// The mock's saved debrief, or the page to show instead: the open box when it is not
/// finished yet.
async fn finished(
    state: &AppState,
    user: CurrentUser,
    raw: &str,
) -> Result<(i64, i64, Debrief), Response> {
    let id = mock_id(raw).ok_or_else(no_mock)?;
    let m = match state.store.mock(user.id, id).await {
        Ok(Some(m)) => m,
        Ok(None) => return Err(no_mock()),
        Err(e) => return Err(store_error(&e)),
    };
    let (Some(at), Some(json)) = (m.finished_at, m.debrief_json.as_deref()) else {
        return Err(see_other(&format!("/mock/{id}")));
    };
    match serde_json::from_str::<Debrief>(json) {
        Ok(d) => Ok((id, at, d)),
        Err(e) => Err(practice_error(&PracticeError::Json(e))),
    }
}

/// `GET /mock/{id}/debrief`: the debrief, printable.
pub(crate) async fn debrief(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Response {
    match finished(&state, user, &raw).await {
        Ok((id, at, d)) => debrief_view(id, at, &d).into_response(),
        Err(page) => page,
    }
}

/// A file name part of ids, in safe characters.
fn safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// `GET /mock/{id}/debrief.md`: the debrief as Markdown.
pub(crate) async fn debrief_markdown(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Response {
    match finished(&state, user, &raw).await {
        Ok((id, _, d)) => download(
            "text/markdown; charset=utf-8",
            format!(
                "debrief-mock-{id}-{}-{}-{}.md",
                safe(&d.company),
                safe(d.role.id()),
                safe(&d.level)
            ),
            d.to_markdown(),
        ),
        Err(page) => page,
    }
}

/// `GET /mock/{id}/answers.jsonl`: the answers handed in so far, as `debrief mock --answers`
/// lines.
pub(crate) async fn answers_jsonl(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Response {
    let Some(id) = mock_id(&raw) else {
        return no_mock();
    };
    let session = match mock::load(&state.store, &state.grader, user.id, id).await {
        Ok(s) => s,
        Err(e) => return practice_error(&e),
    };
    match session.answers_jsonl() {
        Ok(lines) => download(
            "application/jsonl; charset=utf-8",
            format!("debrief-mock-{id}-answers.jsonl"),
            lines,
        ),
        Err(e) => practice_error(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// Delete

#[derive(Template, WebTemplate)]
#[template(path = "mock_delete.html")]
pub(crate) struct DeletePage {
    meta: Meta,
    id: i64,
    heading: String,
    back: String,
}

/// `GET /mock/{id}/delete`: asks first.
pub(crate) async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Response {
    let Some(id) = mock_id(&raw) else {
        return no_mock();
    };
    match state.store.mock(user.id, id).await {
        Ok(Some(m)) => {
            let heading = serde_json::from_str::<MockPlan>(&m.plan_json).map_or_else(
                |_| format!("{} {}, {}", m.company, m.role.to_uppercase(), m.level),
                |p| plan_heading(&p),
            );
            DeletePage {
                meta: Meta::new(format!("Delete mock loop: {heading}"), "mock"),
                id,
                back: if m.finished_at.is_some() {
                    format!("/mock/{id}/debrief")
                } else {
                    format!("/mock/{id}")
                },
                heading,
            }
            .into_response()
        }
        Ok(None) => no_mock(),
        Err(e) => store_error(&e),
    }
}

/// `POST /mock/{id}/delete`: deletes the mock with its answers and debrief. Its graded answers
/// stay in the progress history.
pub(crate) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Response {
    let Some(id) = mock_id(&raw) else {
        return no_mock();
    };
    match state.store.delete_mock(user.id, id).await {
        Ok(()) => Redirect::to("/mock?deleted=1").into_response(),
        Err(e) => store_error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_and_times_read_as_words() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(-5), "0:00");
        assert_eq!(clock(3_725), "62:05");
        assert_eq!(time_of_day(1_767_225_600 + 3_723), "01:02:03");
        assert_eq!(safe("l5 x/y"), "l5-x-y");
    }

    #[test]
    fn slots_come_from_three_numbers() {
        let params: Params =
            serde_urlencoded_pairs(&[("round", "1"), ("question", "0"), ("probe", "2")]);
        assert_eq!(slot_of(&params), Some(AnswerSlot::new(1, 0, 2)));
        let params: Params =
            serde_urlencoded_pairs(&[("round", "-1"), ("question", "0"), ("probe", "0")]);
        assert_eq!(slot_of(&params), None);
        let params: Params = serde_urlencoded_pairs(&[("round", "1")]);
        assert_eq!(slot_of(&params), None);
    }

    fn serde_urlencoded_pairs(pairs: &[(&str, &str)]) -> Params {
        let value = serde_json::Value::Array(pairs.iter().map(|(k, v)| json!([k, v])).collect());
        serde_json::from_value(value).expect("params")
    }
}
