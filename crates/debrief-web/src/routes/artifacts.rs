//! Artifact drills: the documents PM and PMM loops ask for, written against the clock and
//! checked the way a reviewer reads them.
//!
//! - `GET /artifacts`: the kinds (name, roles, minutes, summary), or a clear empty state when
//!   the content has none.
//! - `GET /artifacts/{kind}`: what it is, what a reviewer checks, its sections in order with
//!   their budgets, its rubric dimensions, its prompts (each with "Drill this") and its
//!   annotated examples.
//! - `GET /artifacts/{kind}/drill?prompt=&from=`: the prompt, the kind's template in a box (or
//!   the document of drill `from`, to try again), the kind's clock and the autosave of a mock
//!   loop's answer box. Without a prompt, the document is on a topic of the candidate's own.
//! - `POST /artifacts/{kind}/draft`: the form's fields (`prompt`, `started`, `text`) saved as
//!   the drill's draft (`App::save_drill_draft`), which the drill page opens with until the
//!   document is checked. JSON in and out for the page's autosave (`{"saved": true, "at":
//!   <unix seconds>}`, or `{"error": "..."}`); a 303 back to the drill for the no-JavaScript
//!   "Save draft" button.
//! - `POST /artifacts/{kind}/drill`: the form (`prompt`, `started`, `text`): checked and kept
//!   in the history by `App::check_artifact`, then a redirect to the report, so a reload
//!   shows it again rather than checking it twice. A document that cannot be checked (empty,
//!   too large) comes back in the box with the reason.
//! - `GET /artifacts/{kind}/attempts/{id}`: a drill's report (`App::artifact_attempt`): the
//!   score and rating, the sections against their budgets, the dimensions, and the findings
//!   marked on the document's own words, with the ways to try again.
//!
//! An unknown kind or prompt is a 404 that names the near miss and lists the valid ones.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use debrief_grader::artifact::ArtifactError;
use debrief_pack::{ArtifactKind, ArtifactPrompt, Catalog, LookupError, Rating};
use debrief_practice::PracticeError;
use debrief_practice::artifacts::MAX_DRILL_SECONDS;
use debrief_store::AttemptId;

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::clock::{minutes_seconds, time_of_day};
use crate::error::{ApiError, PageError};
use crate::params::{Params, href, role_label};
use crate::respond::{see_other, wants_json};
use crate::ui::artifact::ArtifactView;
use crate::ui::report::Piece;
use crate::ui::{Link, Meta, sentence};
use axum::Json;
use serde_json::json;

/// "PM and PMM".
fn roles(ids: &[String]) -> String {
    let labels: Vec<&str> = ids.iter().map(|r| role_label(r)).collect();
    labels.join(" and ")
}

/// The drill page of `kind`, for `prompt` when there is one.
fn drill_href(kind: &str, prompt: Option<&str>) -> String {
    match prompt {
        Some(p) => href(&format!("/artifacts/{kind}/drill"), &[("prompt", p)]),
        None => format!("/artifacts/{kind}/drill"),
    }
}

/// Every kind as a link, for the 404 of an unknown one.
fn kind_links(catalog: &Catalog) -> Vec<Link> {
    catalog
        .artifact_kinds()
        .iter()
        .map(|k| {
            Link::new(k.name.clone(), format!("/artifacts/{}", k.id)).note(format!(
                "{} · {} min",
                roles(&k.roles),
                k.minutes
            ))
        })
        .collect()
}

/// The kind `id` names, or the 404 that says what it may have meant.
fn kind<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c ArtifactKind, PageError> {
    catalog.artifact_kind(id).map_err(|e| {
        let mut links = kind_links(catalog);
        links.push(Link::new("Every artifact kind", "/artifacts"));
        PageError::new(
            StatusCode::NOT_FOUND,
            "No such artifact kind",
            sentence(&e.to_string()),
        )
        .choices("Artifact kinds", links)
    })
}

/// The prompt `id` of `kind`, none for an empty or missing one, or the 404 listing the kind's.
fn prompt<'k>(
    catalog: &Catalog,
    kind: &'k ArtifactKind,
    id: Option<&str>,
) -> Result<Option<&'k ArtifactPrompt>, PageError> {
    let Some(id) = id.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    catalog
        .artifact_prompt(kind, id)
        .map(Some)
        .map_err(|e: LookupError| {
            let links = kind
                .prompts
                .iter()
                .map(|p| Link::new(p.text.clone(), drill_href(&kind.id, Some(&p.id))))
                .collect();
            PageError::new(
                StatusCode::NOT_FOUND,
                "No such prompt",
                sentence(&e.to_string()),
            )
            .choices(format!("Prompts for the {}", kind.name), links)
        })
}

// ----- the list --------------------------------------------------------------------------

/// A kind as the list shows it.
pub(crate) struct KindCard<'a> {
    href: String,
    name: &'a str,
    roles: String,
    minutes: u32,
    summary: &'a str,
    prompts: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "artifacts.html")]
pub(crate) struct ListPage<'a> {
    meta: Meta,
    kinds: Vec<KindCard<'a>>,
}

/// `GET /artifacts`.
pub(crate) async fn list(State(state): State<AppState>) -> Response {
    let kinds = state
        .catalog
        .artifact_kinds()
        .iter()
        .map(|k| KindCard {
            href: format!("/artifacts/{}", k.id),
            name: &k.name,
            roles: roles(&k.roles),
            minutes: k.minutes,
            summary: &k.summary,
            prompts: k.prompts.len(),
        })
        .collect();
    ListPage {
        meta: Meta::new("Artifact drills", "artifacts"),
        kinds,
    }
    .into_response()
}

// ----- one kind --------------------------------------------------------------------------

/// A section as the kind page lists it.
pub(crate) struct SectionLine<'a> {
    name: &'a str,
    required: bool,
    /// "10–80 words", "up to 80 words" or "".
    budget: String,
    purpose: &'a str,
}

/// An annotated example as the kind page shows it.
pub(crate) struct ExampleCard<'a> {
    id: &'a str,
    strong: bool,
    /// The prompt it answers.
    prompt: String,
    text: &'a str,
    /// (section name, note).
    notes: Vec<(String, &'a str)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "artifact.html")]
pub(crate) struct KindPage<'a> {
    meta: Meta,
    kind: &'a ArtifactKind,
    roles: String,
    sections: Vec<SectionLine<'a>>,
    /// (prompt text, roles, drill link).
    prompts: Vec<(&'a str, String, String)>,
    examples: Vec<ExampleCard<'a>>,
    /// The first prompt's drill, for the page's main button.
    start_href: String,
}

fn words(min: u32, max: u32) -> String {
    match (min, max) {
        (0, 0) => String::new(),
        (0, max) => format!("up to {max} words"),
        (min, 0) => format!("at least {min} words"),
        (min, max) => format!("{min}–{max} words"),
    }
}

/// `GET /artifacts/{kind}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let kind = kind(catalog, &id)?;
    let sections = kind
        .sections
        .iter()
        .map(|s| SectionLine {
            name: &s.name,
            required: s.required,
            budget: words(s.min_words, s.max_words),
            purpose: &s.purpose,
        })
        .collect();
    let prompts = kind
        .prompts
        .iter()
        .map(|p| {
            let who = if p.roles.is_empty() {
                roles(&kind.roles)
            } else {
                roles(&p.roles)
            };
            (p.text.as_str(), who, drill_href(&kind.id, Some(&p.id)))
        })
        .collect();
    let examples = catalog
        .artifact_examples(&kind.id)
        .into_iter()
        .map(|e| ExampleCard {
            id: &e.id,
            strong: e.label == "strong",
            prompt: kind
                .prompts
                .iter()
                .find(|p| p.id == e.prompt)
                .map_or_else(String::new, |p| p.text.clone()),
            text: e.text.trim(),
            notes: e
                .notes
                .iter()
                .map(|n| {
                    let name = kind
                        .sections
                        .iter()
                        .find(|s| s.id == n.section)
                        .map_or_else(|| n.section.clone(), |s| s.name.clone());
                    (name, n.note.as_str())
                })
                .collect(),
        })
        .collect();
    Ok(KindPage {
        meta: Meta::new(kind.name.clone(), "artifacts"),
        roles: roles(&kind.roles),
        sections,
        prompts,
        examples,
        start_href: drill_href(&kind.id, kind.prompts.first().map(|p| p.id.as_str())),
        kind,
    }
    .into_response())
}

// ----- the drill -------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "artifact_drill.html")]
pub(crate) struct DrillPage<'a> {
    meta: Meta,
    kind: &'a ArtifactKind,
    prompt: Option<&'a ArtifactPrompt>,
    /// The form's `prompt` field.
    prompt_id: &'a str,
    /// The other prompts of the kind, to switch to.
    others: Vec<Link>,
    text: String,
    /// When the drill began (unix seconds): the form sends it back, so the report can say how
    /// long it took, with JavaScript or without.
    started: i64,
    used_seconds: i64,
    budget_seconds: i64,
    used: String,
    budget: String,
    over: bool,
    over_by: String,
    /// `localStorage` key of the box's safety copy.
    slot_key: String,
    /// When the server last held the text in the box, in milliseconds (0 for the template): a
    /// browser copy written later is newer and comes back.
    saved_at_ms: i64,
    errors: Vec<String>,
    /// Where the autosave and the "Save draft" button post.
    draft_href: String,
    /// "Draft saved at 14:05." after the no-JavaScript button, else "".
    notice: String,
}

/// What a drill page starts from.
struct Start {
    text: String,
    started: i64,
    saved_at_ms: i64,
    errors: Vec<String>,
}

fn drill_page<'a>(
    kind: &'a ArtifactKind,
    prompt: Option<&'a ArtifactPrompt>,
    now: i64,
    start: Start,
) -> DrillPage<'a> {
    let budget = i64::from(kind.minutes) * 60;
    let used = (now - start.started).clamp(0, i64::from(MAX_DRILL_SECONDS));
    let prompt_id = prompt.map_or("", |p| p.id.as_str());
    DrillPage {
        meta: Meta::new(format!("Drill: {}", kind.name), "artifacts"),
        others: kind
            .prompts
            .iter()
            .filter(|p| p.id != prompt_id)
            .map(|p| Link::new(p.text.clone(), drill_href(&kind.id, Some(&p.id))))
            .collect(),
        slot_key: format!(
            "debrief-artifact-{}-{}",
            kind.id,
            if prompt_id.is_empty() {
                "own"
            } else {
                prompt_id
            }
        ),
        text: start.text,
        started: start.started,
        used_seconds: used,
        budget_seconds: budget,
        used: minutes_seconds(used),
        budget: minutes_seconds(budget),
        over: used > budget,
        over_by: minutes_seconds(used - budget),
        saved_at_ms: start.saved_at_ms,
        errors: start.errors,
        draft_href: format!("/artifacts/{}/draft", kind.id),
        notice: String::new(),
        prompt_id,
        prompt,
        kind,
    }
}

/// `GET /artifacts/{kind}/drill?prompt=&from=`.
pub(crate) async fn drill(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let kind = kind(catalog, &id)?;
    let prompt = prompt(catalog, kind, params.get("prompt"))?;
    let now = state.app.clock().now();
    let start = match params.get("from").filter(|f| !f.is_empty()) {
        Some(from) => {
            let earlier = read_attempt(&state, user, kind, from).await?;
            Start {
                saved_at_ms: earlier.attempt.created_at.saturating_mul(1000),
                text: earlier.attempt.answer,
                started: now,
                errors: Vec::new(),
            }
        }
        None => match state
            .app
            .drill_draft(user.user_id(), &kind.id, prompt.map(|p| p.id.as_str()))
            .await?
        {
            // A draft saved here, in another tab or on another device: the drill goes on.
            Some(draft) => Start {
                text: draft.text,
                started: draft.started_at,
                saved_at_ms: draft.updated_at.saturating_mul(1000),
                errors: Vec::new(),
            },
            None => Start {
                text: kind.template.trim_start_matches(['\n', '\r']).to_owned(),
                started: now,
                saved_at_ms: 0,
                errors: Vec::new(),
            },
        },
    };
    let mut page = drill_page(kind, prompt, now, start);
    if let Some(at) = params.get("saved").and_then(|s| s.parse::<i64>().ok()) {
        page.notice = format!(
            "Draft saved at {} UTC. It opens here until you check it.",
            time_of_day(at)
        );
    }
    Ok(page.into_response())
}

/// `POST /artifacts/{kind}/draft`: saves the box's text as the drill's draft.
pub(crate) async fn draft(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let script = wants_json(&headers);
    let kind = match kind(catalog, &id) {
        Ok(kind) => kind,
        Err(_) if script => {
            return Ok(
                ApiError::new(StatusCode::NOT_FOUND, sentence("no such artifact kind"))
                    .into_response(),
            );
        }
        Err(e) => return Err(e),
    };
    let prompt = match prompt(catalog, kind, params.get("prompt")) {
        Ok(prompt) => prompt,
        Err(_) if script => {
            return Ok(
                ApiError::new(StatusCode::NOT_FOUND, sentence("no such prompt")).into_response(),
            );
        }
        Err(e) => return Err(e),
    };
    let now = state.app.clock().now();
    let text = params.raw("text").unwrap_or_default();
    let started = params
        .get("started")
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(now);
    let saved = state
        .app
        .save_drill_draft(
            user.user_id(),
            &kind.id,
            prompt.map(|p| p.id.as_str()),
            text,
            started,
        )
        .await;
    match (saved, script) {
        (Ok(draft), true) => {
            Ok(Json(json!({ "saved": true, "at": draft.updated_at })).into_response())
        }
        (Ok(draft), false) => {
            let back = drill_href(&kind.id, prompt.map(|p| p.id.as_str()));
            let sep = if back.contains('?') { '&' } else { '?' };
            Ok(see_other(&format!(
                "{back}{sep}saved={}#drill",
                draft.updated_at
            )))
        }
        (Err(e), true) => Ok(ApiError::from(e).into_response()),
        // Refused (over the size limit): the box again with the text as sent.
        (Err(e @ PracticeError::Artifact(_)), false) => {
            let start = Start {
                text: text.to_owned(),
                started: started.min(now),
                saved_at_ms: 0,
                errors: vec![format!(
                    "Not saved: {} Your text is kept below.",
                    sentence(&e.to_string())
                )],
            };
            Ok((
                StatusCode::PAYLOAD_TOO_LARGE,
                drill_page(kind, prompt, now, start),
            )
                .into_response())
        }
        (Err(e), false) => Err(e.into()),
    }
}

/// `POST /artifacts/{kind}/drill`: checks the document, keeps it, and sends the browser to
/// its report.
pub(crate) async fn check(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: Result<Form<Params>, FormRejection>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let kind = kind(catalog, &id)?;
    let now = state.app.clock().now();
    let params = match form {
        Ok(Form(params)) => params,
        Err(rejection) => {
            // The body was not read, so the text cannot come back: the browser's Back keeps it.
            let status = rejection.status();
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "That document is far over the 200 KB a check takes, so it was not read. Go back \
                 to keep your text, and check one document at a time."
                    .to_owned()
            } else {
                format!(
                    "The form could not be read ({}). Go back to keep your text, reload the \
                     drill and paste it in.",
                    rejection.body_text()
                )
            };
            let start = Start {
                text: String::new(),
                started: now,
                saved_at_ms: 0,
                errors: vec![message],
            };
            return Ok((status, drill_page(kind, None, now, start)).into_response());
        }
    };
    let prompt = prompt(catalog, kind, params.get("prompt"))?;
    // Byte offsets in the report index this exact text, so it is never trimmed.
    let text = params.raw("text").unwrap_or_default().to_owned();
    let started = params
        .get("started")
        .and_then(|s| s.parse::<i64>().ok())
        .filter(|s| *s <= now);
    let seconds = started
        .and_then(|s| u32::try_from(now - s).ok())
        .filter(|s| *s <= MAX_DRILL_SECONDS);
    let checked = state
        .app
        .check_artifact(
            user.user_id(),
            &kind.id,
            prompt.map(|p| p.id.as_str()),
            &text,
            seconds,
        )
        .await;
    let (status, error) = match checked {
        Ok(c) => {
            return Ok(see_other(&format!(
                "/artifacts/{}/attempts/{}",
                kind.id, c.attempt.id
            )));
        }
        Err(PracticeError::Artifact(e @ ArtifactError::TooLarge(_))) => {
            (StatusCode::PAYLOAD_TOO_LARGE, sentence(&e.to_string()))
        }
        Err(PracticeError::Artifact(e)) => (StatusCode::BAD_REQUEST, sentence(&e.to_string())),
        Err(e) => {
            // The text comes back in the box; the details are for the log, not the page.
            tracing::error!(error = %e, "artifact drill not kept");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "Your history could not be reached just now, so the document was not checked. \
                 It is still in the box: check it again in a moment."
                    .to_owned(),
            )
        }
    };
    let start = Start {
        text,
        started: started.unwrap_or(now),
        saved_at_ms: now.saturating_mul(1000),
        errors: vec![error],
    };
    Ok((status, drill_page(kind, prompt, now, start)).into_response())
}

// ----- the report ------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "artifact_report.html")]
pub(crate) struct ReportPage<'a> {
    meta: Meta,
    kind: &'a ArtifactKind,
    prompt: Option<&'a ArtifactPrompt>,
    view: ArtifactView,
    /// The day it was checked.
    date: String,
    /// "12:34 of 20:00", when the time is known.
    took: String,
    over_time: bool,
    /// The score recorded, when checking the kept text again today gives another.
    recorded: Option<(i64, Option<Rating>)>,
    hire: u32,
    no_hire: u32,
    strong_hire: u32,
    again_href: String,
    fresh_href: String,
}

/// Drill `raw` of the user, which must be of `kind`.
async fn read_attempt(
    state: &AppState,
    user: CurrentUser,
    kind: &ArtifactKind,
    raw: &str,
) -> Result<debrief_practice::CheckedArtifact, PageError> {
    let not_found = || PageError::not_found("artifact drill", "/progress", "Your history");
    let id: AttemptId = raw.parse().map_err(|_| not_found())?;
    let checked = state.app.artifact_attempt(user.user_id(), id).await?;
    if checked.kind != kind.id {
        return Err(not_found());
    }
    Ok(checked)
}

/// `GET /artifacts/{kind}/attempts/{id}`.
pub(crate) async fn attempt(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((kind_id, raw)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let kind = kind(catalog, &kind_id)?;
    let checked = read_attempt(&state, user, kind, &raw).await?;
    let prompt = checked
        .prompt
        .as_deref()
        .and_then(|p| catalog.artifact_prompt(kind, p).ok());
    let budget = i64::from(kind.minutes) * 60;
    let (took, over_time) = match checked.seconds {
        Some(s) => (
            format!(
                "{} of {}",
                minutes_seconds(i64::from(s)),
                minutes_seconds(budget)
            ),
            i64::from(s) > budget,
        ),
        None => (String::new(), false),
    };
    let attempt = &checked.attempt;
    let recorded = (attempt.score != i64::from(checked.report.score)).then(|| {
        let rating = [
            Rating::StrongNoHire,
            Rating::NoHire,
            Rating::Hire,
            Rating::StrongHire,
        ]
        .into_iter()
        .find(|r| r.id() == attempt.rating);
        (attempt.score, rating)
    });
    let grading = catalog.grading();
    let prompt_id = prompt.map(|p| p.id.as_str());
    let again = drill_href(&kind.id, prompt_id);
    let again_href = format!(
        "{again}{}from={}",
        if prompt_id.is_some() { "&" } else { "?" },
        attempt.id
    );
    Ok(ReportPage {
        meta: Meta::new(format!("{}: your check", kind.name), "artifacts"),
        view: ArtifactView::new(kind, &checked.report, &attempt.answer, |id| {
            catalog
                .round_kind(id)
                .map_or_else(|_| id.to_owned(), |r| r.name.clone())
        }),
        date: state.app.clock().date_of(attempt.created_at).to_string(),
        took,
        over_time,
        recorded,
        hire: grading.hire,
        no_hire: grading.no_hire,
        strong_hire: grading.strong_hire,
        fresh_href: again,
        again_href,
        prompt,
        kind,
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_clocks_and_links_read_as_words() {
        assert_eq!(words(0, 0), "");
        assert_eq!(words(0, 80), "up to 80 words");
        assert_eq!(words(10, 0), "at least 10 words");
        assert_eq!(words(10, 80), "10–80 words");
        assert_eq!(minutes_seconds(754), "12:34");
        assert_eq!(minutes_seconds(-3), "0:00");
        assert_eq!(roles(&["pm".into(), "pmm".into()]), "PM and PMM");
        assert_eq!(drill_href("prfaq", None), "/artifacts/prfaq/drill");
        assert_eq!(
            drill_href("prfaq", Some("prfaq-1")),
            "/artifacts/prfaq/drill?prompt=prfaq-1"
        );
    }
}
