//! The prep plan: a week-by-week plan from the loop and the role's checklists, items ticked off
//! and saved, and downloads as an ICS calendar and as Markdown.
//!
//! - `GET /plan?company=&role=&level=&page=`: the form (company, role, level, interview date),
//!   preset from the query, and the saved plans, newest first, [`PLANS_PER_PAGE`] a page.
//! - `POST /plan`: builds the plan to check the input, saves what it was built from, and
//!   redirects to it.
//! - `GET /plan/{id}`: the weeks, each item with a small POST form that ticks or unticks it.
//! - `POST /plan/{id}/items`: `item=<id>&done=1|0`, then back to the item.
//! - `GET /plan/{id}.ics` and `GET /plan/{id}.md`: downloads.
//!
//! Every step is one call to the application layer (`App::plan_page`, `create_plan`, `plan`,
//! `tick`), shared with `debrief plan`: it keeps the plan's inputs and rebuilds the plan on
//! every view with the day it was made as "today", so item ids, and the ticks saved against
//! them, stay stable and the same on both sides.

use std::collections::BTreeSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use debrief_coach::plan::{Date, ItemKind, Plan};
use debrief_practice::{PageRequest, PracticeError, SavedPlan};
use debrief_store::PlanId;

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::clock::ics_stamp;
use crate::error::PageError;
use crate::params::{PageParam, Params, encode, href, page_value};
use crate::respond::{download, form_status};
use crate::ui::pager::Pager;
use crate::ui::picker::{LoopPicker, preset};
use crate::ui::{Link, Meta, Names, sentence};

/// Weeks ahead the interview date field suggests.
const DEFAULT_WEEKS: i64 = 6;

/// Saved plans per page of the list.
pub(crate) const PLANS_PER_PAGE: u64 = 20;

/// The form as the candidate filled it.
#[derive(Debug, Default, Clone)]
pub(crate) struct PlanForm {
    pub company: String,
    pub role: String,
    /// A track within the role (`pm-t`), whose own loop the plan is for; empty for none.
    pub track: String,
    pub level: String,
    pub interview_date: String,
}

/// A saved plan in the list.
pub(crate) struct PlanRow {
    pub href: String,
    pub heading: String,
    pub interview: String,
    pub done: usize,
    pub total: usize,
    pub percent: usize,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_form.html")]
pub(crate) struct PlanFormPage<'a> {
    meta: Meta,
    form: PlanForm,
    picker: LoopPicker<'a>,
    min_date: String,
    /// A page of the saved plans, and where it sits among them.
    plans: Vec<PlanRow>,
    pager: Pager,
    errors: Vec<String>,
}

fn percent(done: usize, total: usize) -> usize {
    (done * 100).checked_div(total).unwrap_or(0)
}

/// The page of saved plans the list shows, and the query its links keep.
#[derive(Debug, Default)]
struct ListQuery {
    page: PageParam,
    /// The loop as the query gave it: `(key, value)`.
    kept: Vec<(&'static str, String)>,
}

impl ListQuery {
    fn read(params: &Params) -> ListQuery {
        ListQuery {
            page: PageParam::read(params, "page"),
            kept: ["company", "role", "level"]
                .into_iter()
                .map(|k| (k, params.get(k).unwrap_or_default().to_owned()))
                .collect(),
        }
    }

    fn href(&self, page: u64) -> String {
        let page = page_value(page);
        let mut pairs: Vec<(&str, &str)> =
            self.kept.iter().map(|(k, v)| (*k, v.as_str())).collect();
        pairs.push(("page", &page));
        format!("{}#plans-title", href("/plan", &pairs))
    }
}

async fn form_page(
    state: &AppState,
    user: CurrentUser,
    form: PlanForm,
    errors: Vec<String>,
    list: &ListQuery,
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let page = state
        .app
        .plan_page(
            user.user_id(),
            PageRequest::new(list.page.number(), PLANS_PER_PAGE),
        )
        .await?;
    let pager = Pager::new(&page, list.page, "Pages of your plans", |n| list.href(n));
    let plans = page
        .items
        .into_iter()
        .map(|p| {
            let href = format!("/plan/{}", p.id);
            match p.plan {
                Ok(plan) => {
                    // The summary counts the ticks; the plan knows how many items there are.
                    let total = plan.progress(&BTreeSet::new()).1;
                    let done = p.done.min(total);
                    PlanRow {
                        href,
                        heading: plan.heading(),
                        interview: format!(
                            "{} {}",
                            plan.interview.weekday().short(),
                            plan.interview
                        ),
                        done,
                        total,
                        percent: percent(done, total),
                        note: String::new(),
                    }
                }
                Err(e) => PlanRow {
                    href,
                    heading: debrief_pack::catalog::loop_name(
                        &p.company,
                        &p.role.to_uppercase(),
                        p.track.as_deref(),
                    ),
                    interview: p.interview_date,
                    done: 0,
                    total: 0,
                    percent: 0,
                    note: sentence(&e),
                },
            }
        })
        .collect();
    let picker = LoopPicker::new(catalog, &form.company, &form.role, &form.track, &form.level);
    let status = form_status(&errors);
    Ok((
        status,
        PlanFormPage {
            meta: Meta::new("Prep plan", "plan"),
            min_date: state
                .app
                .clock()
                .today()
                .add_days(1)
                .unwrap_or(Date::MAX)
                .to_string(),
            form,
            picker,
            plans,
            pager,
            errors,
        },
    )
        .into_response())
}

/// `GET /plan?company=&role=&track=&level=`: the form, preset from the query (else the
/// candidate's target loop), its date the profile's interview date when that is still ahead (else six
/// weeks out), and the saved plans.
pub(crate) async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let get = |k: &str| params.get(k).unwrap_or_default().to_ascii_lowercase();
    let mut form = PlanForm {
        company: get("company"),
        role: get("role"),
        track: get("track"),
        level: get("level"),
        interview_date: state
            .app
            .clock()
            .today()
            .add_days(DEFAULT_WEEKS * 7)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    };
    let target = state.app.target_loop(user.user_id()).await?;
    // The profile's interview date, while a plan can still run up to it.
    let today = state.app.clock().today();
    if let Some(date) = target.interview_date.filter(|d| *d > today) {
        form.interview_date = date.to_string();
    }
    preset(
        &state.catalog,
        &target,
        &mut form.company,
        &mut form.role,
        &mut form.track,
        &mut form.level,
    );
    form_page(&state, user, form, Vec::new(), &ListQuery::read(&params)).await
}

/// `POST /plan`: makes the plan (which checks the input), saves it and shows it.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let get = |k: &str| params.get(k).unwrap_or_default().to_ascii_lowercase();
    let form = PlanForm {
        company: get("company"),
        role: get("role"),
        track: get("track"),
        level: get("level"),
        interview_date: params.get("interview_date").unwrap_or_default().to_owned(),
    };
    let mut errors = Vec::new();
    let interview = if form.interview_date.is_empty() {
        errors.push("Give the interview date.".to_owned());
        None
    } else {
        match Date::parse(&form.interview_date) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(sentence(&e.to_string()));
                None
            }
        }
    };
    if form.company.is_empty() || form.role.is_empty() {
        errors.push("Choose a company and a role.".to_owned());
    }
    let (Some(interview), true) = (interview, errors.is_empty()) else {
        return form_page(&state, user, form, errors, &ListQuery::default()).await;
    };
    let level = Some(form.level.as_str()).filter(|l| !l.is_empty());
    let track = Some(form.track.as_str()).filter(|t| !t.is_empty());
    let made = state
        .app
        .create_plan(
            user.user_id(),
            &form.company,
            &form.role,
            track,
            level,
            interview,
        )
        .await;
    match made {
        Ok(saved) => Ok(Redirect::to(&format!("/plan/{}", saved.id)).into_response()),
        // A date in the past, a loop the content lacks: the form again, with the reason.
        Err(e @ (PracticeError::Plan(_) | PracticeError::Lookup(_))) => {
            let errors = vec![sentence(&e.to_string())];
            form_page(&state, user, form, errors, &ListQuery::default()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// One item as the page shows it.
pub(crate) struct ItemView {
    pub id: String,
    pub title: String,
    pub detail: String,
    pub due: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub done: bool,
    /// Bank questions: (Practice page link, text).
    pub questions: Vec<(String, String)>,
    pub round: String,
}

/// One week.
pub(crate) struct WeekView {
    pub index: u32,
    pub range: String,
    pub focus: String,
    pub light: bool,
    pub done: usize,
    pub items: Vec<ItemView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan.html")]
pub(crate) struct PlanPage {
    meta: Meta,
    id: PlanId,
    heading: String,
    interview: String,
    days_left: String,
    pace: &'static str,
    week_count: usize,
    done: usize,
    total: usize,
    percent: usize,
    notes: Vec<String>,
    weeks: Vec<WeekView>,
    cut: Vec<(String, String)>,
    /// What the story bank already covers, one sentence each (the story titles are the
    /// candidate's, escaped by the template).
    covered: Vec<String>,
    practice_href: String,
    stories_href: String,
}

fn kind_label(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Artifact => "Artifact",
        ItemKind::Drill => "Drill",
        ItemKind::Story => "Story",
        ItemKind::Rewrite => "Rewrite",
        ItemKind::Mock => "Mock loop",
        ItemKind::Checklist => "Checklist",
        ItemKind::Rest => "Rest",
    }
}

/// The plan `raw` names (a number), rebuilt, with its ticks; a 404 when it is not a number or
/// not the candidate's.
async fn load(state: &AppState, user: CurrentUser, raw: &str) -> Result<SavedPlan, PageError> {
    let not_found = || PageError::not_found("plan", "/plan", "Your plans");
    let id: PlanId = raw.parse().map_err(|_| not_found())?;
    match state.app.plan(user.user_id(), id).await {
        Ok(saved) => Ok(saved),
        // The plan is there but the content it was made from has changed under it.
        Err(
            e @ (PracticeError::Plan(_) | PracticeError::Lookup(_) | PracticeError::Invalid(_)),
        ) => Err(PageError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "This plan cannot be rebuilt",
            format!(
                "{} The content it was built from may have changed; make a new plan.",
                sentence(&e.to_string())
            ),
        )
        .choices("Where to go", vec![Link::new("Your plans", "/plan")])),
        Err(e) => Err(e.into()),
    }
}

/// A name for a download: the plan's id in safe characters.
fn file_name(plan: &Plan, extension: &str) -> String {
    let safe: String = plan
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("debrief-plan-{safe}.{extension}")
}

/// `GET /plan/{id}`, `/plan/{id}.ics` and `/plan/{id}.md`.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    if let Some(id) = raw.strip_suffix(".ics") {
        let saved = load(&state, user, id).await?;
        return Ok(download(
            "text/calendar; charset=utf-8",
            file_name(&saved.plan, "ics"),
            saved
                .plan
                .to_ics(&saved.done, &ics_stamp(state.app.clock().now())),
        ));
    }
    if let Some(id) = raw.strip_suffix(".md") {
        let saved = load(&state, user, id).await?;
        return Ok(download(
            "text/markdown; charset=utf-8",
            file_name(&saved.plan, "md"),
            saved.plan.to_markdown(&saved.done),
        ));
    }
    let SavedPlan { id, plan, done, .. } = load(&state, user, &raw).await?;
    let names = Names::new(&state.catalog);
    let (ticked, total) = plan.progress(&done);
    let left = state.app.clock().today().days_until(plan.interview);
    let days_left = match left {
        ..0 => "The interview date has passed".to_owned(),
        0 => "The interview is today".to_owned(),
        1 => "1 day to go".to_owned(),
        n => format!("{n} days to go"),
    };
    let weeks = plan
        .weeks
        .iter()
        .map(|w| WeekView {
            index: w.index,
            range: format!(
                "{} {} – {} {}",
                w.start.weekday().short(),
                w.start,
                w.end.weekday().short(),
                w.end
            ),
            focus: w.focus.clone(),
            light: w.light,
            done: w.items.iter().filter(|i| done.contains(&i.id)).count(),
            items: w
                .items
                .iter()
                .map(|i| ItemView {
                    id: i.id.clone(),
                    title: i.title.clone(),
                    detail: i.detail.clone(),
                    due: format!("{} {}", i.due.weekday().short(), i.due),
                    kind: i.kind.id(),
                    kind_label: kind_label(i.kind),
                    done: done.contains(&i.id),
                    questions: i
                        .question_ids
                        .iter()
                        .map(|q| {
                            (
                                href("/practice", &[("question", q)]),
                                plan.questions.get(q).cloned().unwrap_or_else(|| q.clone()),
                            )
                        })
                        .collect(),
                    round: i
                        .round_kind
                        .as_deref()
                        .map(|k| names.kind(k).to_owned())
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    Ok(PlanPage {
        meta: Meta::new(format!("Prep plan: {}", plan.heading()), "plan"),
        id,
        heading: plan.heading(),
        interview: format!("{} {}", plan.interview.weekday().name(), plan.interview),
        days_left,
        pace: plan.pace.id(),
        week_count: plan.weeks.len(),
        done: ticked,
        total,
        percent: percent(ticked, total),
        notes: plan.notes.clone(),
        weeks,
        cut: plan
            .cut
            .iter()
            .map(|c| (c.title.clone(), c.reason.clone()))
            .collect(),
        covered: plan.covered.iter().map(|c| c.text.clone()).collect(),
        practice_href: href(
            "/practice",
            &[("company", &plan.company), ("role", &plan.role)],
        ),
        stories_href: href(
            "/stories",
            &[("company", &plan.company), ("role", &plan.role)],
        ),
    }
    .into_response())
}

/// `POST /plan/{id}/items`: `item=<id>&done=1` ticks, `done=0` unticks; then back to the item.
pub(crate) async fn tick(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let saved = load(&state, user, &raw).await?;
    let item = params.get("item").unwrap_or_default();
    // Checked here too, so an item the plan lacks is a 404 page rather than a refused step.
    if saved.plan.item(item).is_none() {
        return Err(PageError::not_found(
            "plan item",
            &format!("/plan/{}", saved.id),
            "Back to the plan",
        ));
    }
    let done = params.get("done") != Some("0");
    state.app.tick(user.user_id(), saved.id, item, done).await?;
    Ok(Redirect::to(&format!("/plan/{}#item-{}", saved.id, encode(item))).into_response())
}
