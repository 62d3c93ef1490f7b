//! Mock loops in the browser: start one, answer it box by box against a visible clock, read the
//! hiring-committee debrief.
//!
//! - `GET /mock?company=&role=&track=&level=&open=&page=`: the candidate's mocks, newest first,
//!   in two lists paged apart ([`MOCKS_PER_PAGE`] each): in progress with "Resume" (page `open`),
//!   finished with the decision (page `page`); and a form to start one, preset from the query.
//!   `POST /mock` draws a new mock with a seed from the operating system and redirects to it.
//! - `GET /mock/{id}`: the open answer box: the round, its interviewer and clock, the question
//!   or follow-up probe, the saved text, and above it the report of the answer just handed in.
//!   A finished mock redirects to its debrief.
//! - `POST /mock/{id}/draft` (`round`, `question`, `probe`, `text`): saves the open box's text.
//!   `static/app.js` calls it as the candidate types (with `Accept: application/json`, answered
//!   with JSON); the no-JavaScript "Save draft" button posts the same form and is sent back.
//! - `POST /mock/{id}/answer`: hands the open box in; an empty answer or a refusal shows the
//!   page again with the text kept and what to do.
//! - `POST /mock/{id}/finish`: ends the loop early; `GET /mock/{id}/debrief` shows the debrief
//!   (printable: a one-page summary first, then the full debrief and every answer as the
//!   appendix), `/mock/{id}/summary` the one-page summary alone, `/mock/{id}/debrief.md`
//!   downloads it, `/mock/{id}/answers.jsonl` downloads
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

mod answer_box;
mod debrief;

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use debrief_coach::mock::{Debrief, MockPlan, Mode, Scope};
use debrief_pack::Catalog;
use debrief_practice::mock;
use debrief_practice::{MockFilter, MockSummary, PageRequest, PracticeError};
use debrief_store::AnswerSlot;
use debrief_store::MockId;
use serde_json::json;

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::clock::{day_of, now, time_of_day};
use crate::error::{ApiError, PageError};
use crate::params::{PageParam, Params, href, page_value};
use crate::respond::{download, form_status, see_other, wants_json};
use crate::ui::pager::Pager;
use crate::ui::picker::{LoopPicker, preset};
use crate::ui::{Link, Meta, sentence};
use answer_box::{Carry, mock_page};
use debrief::{debrief_view, summary_view};

/// Mock loops per page, in each of the two lists.
pub(crate) const MOCKS_PER_PAGE: u64 = 20;

/// The mock id in a path, when it is one; else the 404 of a mock that is not there.
fn mock_id(raw: &str) -> Result<MockId, PageError> {
    raw.parse::<MockId>().map_err(|_| no_mock())
}

/// The 404 page for a mock that is not the user's (or not a number).
fn no_mock() -> PageError {
    PageError::not_found("mock loop", "/mock", "Your mock loops")
}

/// "Amazon PMM, L5" or "Amazon PM (PM-T), L6": a mock's loop as a heading.
fn plan_heading(plan: &MockPlan) -> String {
    format!("{}, {}", plan.loop_name(), plan.level_name)
}

// ---------------------------------------------------------------------------------------------
// The list and the start form

/// The start form as filled in.
#[derive(Debug, Default, Clone)]
pub(crate) struct StartForm {
    pub company: String,
    pub role: String,
    /// A track within the role (`pm-t`), whose own loop is drawn; empty for none.
    pub track: String,
    pub level: String,
    /// `full`, `quick` or `round`.
    pub scope: String,
    /// For `round`: `<loop id>/<round id>`.
    pub round: String,
    /// `practice` or `interview`.
    pub mode: String,
}

impl StartForm {
    /// The choice as given (ids are lowercased; unknown ones are preset or refused later).
    fn read(params: &Params) -> StartForm {
        let get = |k: &str| {
            params
                .get(k)
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        };
        StartForm {
            company: get("company"),
            role: get("role"),
            track: get("track"),
            level: get("level"),
            scope: get("scope"),
            round: get("round"),
            mode: get("mode"),
        }
    }

    /// Which rounds and which mode, or what to fix. `loop_id` is the loop the company, role
    /// and track name.
    fn scope_and_mode(&self, catalog: &Catalog, loop_id: &str) -> Result<(Scope, Mode), String> {
        let mode = match self.mode.as_str() {
            "" | "practice" => Mode::Practice,
            "interview" => Mode::Interview,
            other => {
                return Err(format!(
                    "There is no mode “{other}”: choose practice (a report after each answer) or \
                     interview (no score until the debrief)."
                ));
            }
        };
        let scope = match self.scope.as_str() {
            "" | "full" => Scope::Full,
            "quick" => Scope::Quick,
            "round" => {
                let Some((lp, round)) = self.round.split_once('/') else {
                    return Err("Pick the round to run from the list under “One round”.".into());
                };
                if lp != loop_id {
                    let name = |id: &str| {
                        catalog
                            .loops()
                            .iter()
                            .find(|l| l.id == id)
                            .map_or_else(|| id.to_owned(), |l| loop_name(catalog, l))
                    };
                    return Err(format!(
                        "The round you picked belongs to the {} loop, not the {} loop you chose: \
                         pick one of its rounds, or change the company and role.",
                        name(lp),
                        name(loop_id)
                    ));
                }
                Scope::Round(round.to_owned())
            }
            other => {
                return Err(format!(
                    "There is no choice of rounds “{other}”: choose the full loop, the quick \
                     loop or one round."
                ));
            }
        };
        Ok((scope, mode))
    }
}

/// "Amazon PMM", "Amazon PM (PM-T)".
fn loop_name(catalog: &Catalog, lp: &debrief_pack::Loop) -> String {
    catalog.name_of_loop(lp)
}

/// The rounds of one loop, for the "One round" list.
pub(crate) struct RoundGroup {
    pub name: String,
    /// (`<loop id>/<round id>`, "Bar Raiser (60 min)", selected).
    pub rounds: Vec<(String, String, bool)>,
}

/// Every loop's rounds, with the form's choice selected.
fn round_groups(catalog: &Catalog, chosen: &str) -> Vec<RoundGroup> {
    catalog
        .loops_listed()
        .into_iter()
        .map(|lp| RoundGroup {
            name: loop_name(catalog, lp),
            rounds: lp
                .rounds
                .iter()
                .map(|r| {
                    let value = format!("{}/{}", lp.id, r.id);
                    let selected = value == chosen;
                    (value, format!("{} ({} min)", r.title, r.minutes), selected)
                })
                .collect(),
        })
        .collect()
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
    /// Where `in_progress` sits among the loops in progress.
    open_pager: Pager,
    finished: Vec<MockRow>,
    /// Where `finished` sits among the finished loops.
    done_pager: Pager,
    errors: Vec<String>,
    /// Set after a delete.
    deleted: bool,
    /// The form's choice of rounds and mode, and every loop's rounds to pick one from.
    scope: String,
    mode: String,
    round_groups: Vec<RoundGroup>,
}

/// The pages of the two lists asked for: `open` for the loops in progress, `page` for the
/// finished ones.
#[derive(Debug, Clone, Copy, Default)]
struct ListPages {
    open: PageParam,
    done: PageParam,
}

impl ListPages {
    fn read(params: &Params) -> ListPages {
        ListPages {
            open: PageParam::read(params, "open"),
            done: PageParam::read(params, "page"),
        }
    }
}

/// A mock as the list shows it.
fn mock_row(summary: &MockSummary) -> MockRow {
    let MockSummary {
        mock: m,
        plan,
        debrief,
        questions,
        answered,
    } = summary;
    // A plan that no longer reads (written by a newer build) still lists, by its ids.
    let heading = plan.as_ref().map_or_else(
        || format!("{} {}, {}", m.company, m.role.to_uppercase(), m.level),
        plan_heading,
    );
    MockRow {
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
    }
}

/// The candidate's mocks (a page of each list) and the start form, with what was wrong with a
/// start, if anything.
async fn list_page(
    state: &AppState,
    user: CurrentUser,
    mut form: StartForm,
    errors: Vec<String>,
    deleted: bool,
    pages: ListPages,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let app = &state.app;
    let uid = user.user_id();
    let read = |filter, asked: PageParam| {
        app.mock_page(
            uid,
            filter,
            PageRequest::new(asked.number(), MOCKS_PER_PAGE),
        )
    };
    let open = read(MockFilter::InProgress, pages.open).await?;
    let done = read(MockFilter::Finished, pages.done).await?;
    // Each list's links keep the start form's loop and the other list's page.
    let link = |company: &str, role: &str, level: &str, open: u64, done: u64, at: &str| {
        let query = [
            ("company", company),
            ("role", role),
            ("track", form.track.as_str()),
            ("level", level),
            ("open", &page_value(open)),
            ("page", &page_value(done)),
        ];
        format!("{}#{at}", href("/mock", &query))
    };
    let (company, role, level) = (&form.company, &form.role, &form.level);
    let open_pager = Pager::new(&open, pages.open, "Pages of mock loops in progress", |n| {
        link(company, role, level, n, done.page, "open-title")
    });
    let done_pager = Pager::new(&done, pages.done, "Pages of finished mock loops", |n| {
        link(company, role, level, open.page, n, "done-title")
    });
    let in_progress = open.items.iter().map(mock_row).collect();
    let finished = done.items.iter().map(mock_row).collect();
    let target = app.target_loop(uid).await?;
    preset(
        catalog,
        &target,
        &mut form.company,
        &mut form.role,
        &mut form.track,
        &mut form.level,
    );
    let picker = LoopPicker::new(catalog, &form.company, &form.role, &form.track, &form.level);
    let round_groups = round_groups(catalog, &form.round);
    let status = form_status(&errors);
    Ok((
        status,
        MocksPage {
            meta: Meta::new("Mock loops", "mock"),
            picker,
            in_progress,
            open_pager,
            finished,
            done_pager,
            errors,
            deleted,
            scope: if form.scope.is_empty() {
                "full".to_owned()
            } else {
                form.scope.clone()
            },
            mode: if form.mode.is_empty() {
                "practice".to_owned()
            } else {
                form.mode.clone()
            },
            round_groups,
        },
    )
        .into_response())
}

/// `GET /mock?company=&role=&track=&level=`: the mocks and the start form, preset from the
/// query.
pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let form = StartForm::read(&params);
    let pages = ListPages::read(&params);
    list_page(&state, user, form, Vec::new(), params.has("deleted"), pages).await
}

/// `POST /mock`: draws a new mock for company, role (on the track, when one is chosen) and
/// level, then opens it.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let form = StartForm::read(&params);
    if form.company.is_empty() || form.role.is_empty() || form.level.is_empty() {
        let errors = vec!["Choose a company, a role and a level for the mock loop.".to_owned()];
        return list_page(&state, user, form, errors, false, ListPages::default()).await;
    }
    // The draw's seed comes from the operating system here, at the edge: core draws no
    // randomness of its own, and the seed is saved with the mock so the draw can be repeated.
    let seed = state.mock_seed().map_err(|e| {
        tracing::error!(error = %e, "no randomness for a mock seed");
        PageError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "A mock loop could not be drawn",
            "The operating system gave no random numbers to draw the questions with. Try \
             again in a moment.",
        )
    })?;
    let track = Some(form.track.as_str()).filter(|t| !t.is_empty());
    let loop_id = match state
        .catalog
        .loop_view_on(&form.company, &form.role, track, None)
    {
        Ok(view) => view.id.to_owned(),
        Err(e) => {
            let errors = vec![sentence(&e.to_string())];
            return list_page(&state, user, form, errors, false, ListPages::default()).await;
        }
    };
    let (scope, mode) = match form.scope_and_mode(&state.catalog, &loop_id) {
        Ok(chosen) => chosen,
        Err(e) => return list_page(&state, user, form, vec![e], false, ListPages::default()).await,
    };
    let mut spec = mock::spec(&form.company, &form.role, &form.level, seed);
    spec.track = track.map(str::to_owned);
    spec.scope = scope;
    spec.mode = mode;
    match mock::start(&state.store, &state.grader, user.user_id(), &spec, now()).await {
        Ok(m) => Ok(Redirect::to(&format!("/mock/{}", m.id)).into_response()),
        Err(PracticeError::Mock(e)) => {
            let errors = vec![sentence(&e.to_string())];
            list_page(&state, user, form, errors, false, ListPages::default()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /mock/{id}`: the open box (its round's clock starts now if it had not), or the debrief
/// once the mock is finished.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let id = mock_id(&raw)?;
    let at = now();
    let session = mock::open_current(&state.store, &state.grader, user.user_id(), id, at).await?;
    if session.mock.finished_at.is_some() {
        return Ok(see_other(&format!("/mock/{id}/debrief")));
    }
    let notice = match params.get("saved").and_then(|s| s.parse::<i64>().ok()) {
        Some(t) => format!("Draft saved at {} UTC.", time_of_day(t)),
        None => String::new(),
    };
    let carry = Carry {
        notice,
        ..Carry::default()
    };
    Ok(mock_page(&state.catalog, &session, at, carry))
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

/// What a draft form failed to say: which box it is for.
const NO_SLOT: &str = "the form did not say which answer box it is for; reload the page";

/// `POST /mock/{id}/draft`: saves the open box's text. JSON in and out for the page's script
/// (`{"saved": true, "at": <unix seconds>}`, or `{"error": "..."}`); a 303 back to the box for
/// the form.
pub(crate) async fn draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    headers: HeaderMap,
    Form(params): Form<Params>,
) -> Response {
    if wants_json(&headers) {
        draft_for_script(&state, user, &raw, &params)
            .await
            .into_response()
    } else {
        draft_for_form(&state, user, &raw, &params)
            .await
            .into_response()
    }
}

async fn draft_for_script(
    state: &AppState,
    user: CurrentUser,
    raw: &str,
    params: &Params,
) -> Result<Response, ApiError> {
    let id = raw
        .parse::<MockId>()
        .map_err(|_| ApiError::new(StatusCode::NOT_FOUND, sentence("no such mock loop")))?;
    let slot =
        slot_of(params).ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, sentence(NO_SLOT)))?;
    let text = params.raw("text").unwrap_or_default();
    let at = now();
    mock::save_draft(
        &state.store,
        &state.grader,
        user.user_id(),
        id,
        slot,
        text,
        at,
    )
    .await?;
    Ok(Json(json!({ "saved": true, "at": at })).into_response())
}

async fn draft_for_form(
    state: &AppState,
    user: CurrentUser,
    raw: &str,
    params: &Params,
) -> Result<Response, PageError> {
    let id = mock_id(raw)?;
    let slot = slot_of(params).ok_or_else(|| {
        PageError::new(
            StatusCode::BAD_REQUEST,
            "Nothing was saved",
            sentence(NO_SLOT),
        )
        .choices(
            "Where to go",
            vec![Link::new("Back to the mock loop", format!("/mock/{id}"))],
        )
    })?;
    let text = params.raw("text").unwrap_or_default();
    let at = now();
    match mock::save_draft(
        &state.store,
        &state.grader,
        user.user_id(),
        id,
        slot,
        text,
        at,
    )
    .await
    {
        Ok(()) => Ok(see_other(&format!("/mock/{id}?saved={at}#answer"))),
        // Refused (over the size limit, handed in from another tab): the box again, with the
        // text as sent, so nothing typed is lost.
        Err(e @ (PracticeError::Invalid(_) | PracticeError::Grade(_))) => {
            let errors = vec![format!(
                "Not saved: {} Your text is kept below.",
                sentence(&e.to_string())
            )];
            box_again(state, &user, id, at, errors, Some((slot, text.to_owned()))).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The open box once more after a refused save or hand-in, with `errors` and the text sent;
/// a finished mock goes to its debrief instead.
async fn box_again(
    state: &AppState,
    user: &CurrentUser,
    id: MockId,
    at: i64,
    errors: Vec<String>,
    sent: Option<(AnswerSlot, String)>,
) -> Result<Response, PageError> {
    let session = mock::load(&state.store, &state.grader, user.user_id(), id).await?;
    if session.mock.finished_at.is_some() {
        return Ok(see_other(&format!("/mock/{id}/debrief")));
    }
    let carry = Carry {
        errors,
        sent,
        notice: String::new(),
    };
    Ok(mock_page(&state.catalog, &session, at, carry))
}

/// `POST /mock/{id}/answer`: hands the open box in. Then back to the mock, where the report
/// of this answer shows above the next box; after the last box, to the debrief. A refused
/// hand-in shows the box again with the text kept and what to do.
pub(crate) async fn answer(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let id = mock_id(&raw)?;
    let text = params.raw("text").unwrap_or_default().to_owned();
    let at = now();
    let Some(slot) = slot_of(&params) else {
        let errors = vec![
            "The form did not say which answer box it is for. Your text is below: copy it, then \
             reload the page."
                .to_owned(),
        ];
        return box_again(
            &state,
            &user,
            id,
            at,
            errors,
            Some((AnswerSlot::new(-1, -1, -1), text)),
        )
        .await;
    };
    if text.trim().is_empty() {
        let errors = vec![
            "The answer is empty. Write your answer in the box, then hand it in; or end the loop \
             now to read the debrief without it."
                .to_owned(),
        ];
        return box_again(&state, &user, id, at, errors, Some((slot, text))).await;
    }
    match mock::submit(
        &state.store,
        &state.grader,
        user.user_id(),
        id,
        slot,
        &text,
        at,
    )
    .await
    {
        Ok(handed) if handed.debrief.is_some() => Ok(see_other(&format!("/mock/{id}/debrief"))),
        Ok(handed) if handed.mode.shows_reports() => Ok(see_other(&format!("/mock/{id}#feedback"))),
        // Interview mode: on to the next question, with no report.
        Ok(_) => Ok(see_other(&format!("/mock/{id}#answer"))),
        // Refused now (another tab handed the box in, the text is over the limit): the box
        // again, with the text kept.
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
            box_again(&state, &user, id, at, errors, Some((slot, text))).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /mock/{id}/finish`: ends the loop now; boxes not handed in count as unanswered.
pub(crate) async fn finish(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let id = mock_id(&raw)?;
    let m = state.app.mock(user.user_id(), id).await?;
    // A second click (or a second tab) on a finished mock only shows the debrief again.
    if m.finished_at.is_none() {
        mock::finish(&state.store, &state.grader, user.user_id(), id, now()).await?;
    }
    Ok(see_other(&format!("/mock/{id}/debrief")))
}

/// A mock's saved debrief, or the open box it still has.
enum Finished {
    /// The mock's id, when it finished, and its debrief.
    Done(i64, i64, Box<Debrief>),
    /// Not finished yet: the mock's id.
    Open(i64),
}

/// The mock `raw` names, finished or not.
async fn finished(state: &AppState, user: CurrentUser, raw: &str) -> Result<Finished, PageError> {
    let id = mock_id(raw)?;
    let m = state.app.mock(user.user_id(), id).await?;
    let (Some(at), Some(json)) = (m.finished_at, m.debrief_json.as_deref()) else {
        return Ok(Finished::Open(id.get()));
    };
    let debrief = serde_json::from_str::<Debrief>(json).map_err(PracticeError::Json)?;
    Ok(Finished::Done(id.get(), at, Box::new(debrief)))
}

/// `GET /mock/{id}/debrief`: the debrief, printable.
pub(crate) async fn debrief(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    Ok(match finished(&state, user, &raw).await? {
        Finished::Done(id, at, d) => debrief_view(id, at, &d).into_response(),
        Finished::Open(id) => see_other(&format!("/mock/{id}")),
    })
}

/// `GET /mock/{id}/summary`: the debrief's one-page summary, for a finished mock.
pub(crate) async fn summary(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    Ok(match finished(&state, user, &raw).await? {
        Finished::Done(id, at, d) => summary_view(id, at, &d).into_response(),
        Finished::Open(id) => see_other(&format!("/mock/{id}")),
    })
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
) -> Result<Response, PageError> {
    Ok(match finished(&state, user, &raw).await? {
        Finished::Done(id, _, d) => download(
            "text/markdown; charset=utf-8",
            format!(
                "debrief-mock-{id}-{}-{}-{}.md",
                safe(&d.company),
                safe(d.role.id()),
                safe(&d.level)
            ),
            d.to_markdown(),
        ),
        Finished::Open(id) => see_other(&format!("/mock/{id}")),
    })
}

/// `GET /mock/{id}/answers.jsonl`: the answers handed in so far, as `debrief mock --answers`
/// lines.
pub(crate) async fn answers_jsonl(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let id = mock_id(&raw)?;
    let session = mock::load(&state.store, &state.grader, user.user_id(), id).await?;
    Ok(download(
        "application/jsonl; charset=utf-8",
        format!("debrief-mock-{id}-answers.jsonl"),
        session.answers_jsonl()?,
    ))
}

// ---------------------------------------------------------------------------------------------
// Delete

#[derive(Template, WebTemplate)]
#[template(path = "mock_delete.html")]
pub(crate) struct DeletePage {
    meta: Meta,
    id: MockId,
    heading: String,
    back: String,
}

/// `GET /mock/{id}/delete`: asks first.
pub(crate) async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let id = mock_id(&raw)?;
    let m = state.app.mock(user.user_id(), id).await?;
    let heading = serde_json::from_str::<MockPlan>(&m.plan_json).map_or_else(
        |_| format!("{} {}, {}", m.company, m.role.to_uppercase(), m.level),
        |p| plan_heading(&p),
    );
    Ok(DeletePage {
        meta: Meta::new(format!("Delete mock loop: {heading}"), "mock"),
        id,
        back: if m.finished_at.is_some() {
            format!("/mock/{id}/debrief")
        } else {
            format!("/mock/{id}")
        },
        heading,
    }
    .into_response())
}

/// `POST /mock/{id}/delete`: deletes the mock with its answers and debrief. Its graded answers
/// stay in the progress history.
pub(crate) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let id = mock_id(&raw)?;
    state.app.delete_mock(user.user_id(), id).await?;
    Ok(Redirect::to("/mock?deleted=1").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::minutes_seconds;

    #[test]
    fn clocks_and_times_read_as_words() {
        assert_eq!(minutes_seconds(0), "0:00");
        assert_eq!(minutes_seconds(-5), "0:00");
        assert_eq!(minutes_seconds(3_725), "62:05");
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
