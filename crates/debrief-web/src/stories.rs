//! The story bank: the candidate's STAR stories, each linted by the grader with its findings
//! shown in place, laid against a loop's weighted Leadership Principles, and moved in and out
//! as JSON, Markdown or CSV.
//!
//! Routes (all forms work with JavaScript off; every POST answers with a redirect or the form
//! again, with the candidate's text kept):
//! - `GET /stories?company=&role=`: the list, each story's strength and score, and the
//!   coverage matrix for the chosen loop (default: the newest plan's loop, else Amazon PMM).
//! - `GET /stories/new`, `POST /stories`: add a story.
//! - `GET /stories/{id}`: the story with its findings marked in each part.
//! - `GET /stories/{id}/edit`, `POST /stories/{id}`: change it.
//! - `GET /stories/{id}/delete` (a confirmation), `POST /stories/{id}/delete`: delete it.
//! - `GET /stories/export.{json,md,csv}`: every story as a download.
//! - `POST /stories/import`: a file upload (multipart) or pasted text; all or nothing.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use debrief_coach::story::{
    self, Coverage, Format, ImportError, Part, StoryFinding, StoryLint, Strength,
};
use debrief_grader::Severity;
use debrief_pack::{Catalog, Role};
use debrief_store::{NewStory, Story as Stored};

use crate::AppState;
use crate::pages::Meta;
use crate::params::{Params, href};
use crate::practice::{Choice, Tip, severity_id, severity_label, shorten};
use crate::user::{CurrentUser, missing, now, store_error};
use crate::views::{Names, category_label, sentence};

/// The loop the coverage panel shows when the candidate has no plan yet.
const DEFAULT_LOOP: (&str, &str) = ("amazon", "pmm");

/// The largest import: a generous story bank, with room for multipart framing.
pub const IMPORT_BODY_LIMIT: usize = 8 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Conversions between the store's rows and core's stories

/// The core story of a stored row (a role the store kept but core does not know reads as none).
pub(crate) fn core_story(s: &Stored) -> story::Story {
    s.into()
}

/// What the store saves for a core story.
pub(crate) fn new_story(s: &story::Story) -> NewStory {
    s.into()
}

/// Browsers send line breaks in a textarea as CRLF; the bank keeps `\n`.
fn text(params: &Params, key: &str) -> String {
    params.raw(key).unwrap_or_default().replace("\r\n", "\n")
}

// ---------------------------------------------------------------------------------------------
// The form

/// The form as the candidate filled it, kept verbatim so it can be shown again.
#[derive(Debug, Default, Clone)]
pub(crate) struct StoryForm {
    pub title: String,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    pub metrics: String,
    /// Comma-separated, as typed.
    pub tags: String,
    /// Principle ids ticked, as sent.
    pub lps: Vec<String>,
    /// "", "pm" or "pmm" (or what was sent).
    pub role: String,
}

impl StoryForm {
    fn from_params(params: &Params) -> StoryForm {
        StoryForm {
            title: params.raw("title").unwrap_or_default().trim().to_owned(),
            situation: text(params, "situation"),
            task: text(params, "task"),
            action: text(params, "action"),
            result: text(params, "result"),
            metrics: text(params, "metrics"),
            tags: params.raw("tags").unwrap_or_default().to_owned(),
            lps: params
                .all("lps")
                .map(str::to_ascii_lowercase)
                .fold(Vec::new(), |mut out, lp| {
                    if !out.contains(&lp) {
                        out.push(lp);
                    }
                    out
                }),
            role: params.get("role").unwrap_or_default().to_ascii_lowercase(),
        }
    }

    fn from_stored(s: &Stored) -> StoryForm {
        StoryForm {
            title: s.title.clone(),
            situation: s.situation.clone(),
            task: s.task.clone(),
            action: s.action.clone(),
            result: s.result.clone(),
            metrics: s.metrics.clone(),
            tags: s.tags.join(", "),
            lps: s.lps.clone(),
            role: s.role.clone().unwrap_or_default(),
        }
    }

    /// The story, or every problem with it as a sentence.
    fn to_story(&self, catalog: &Catalog) -> Result<story::Story, Vec<String>> {
        let mut problems = Vec::new();
        let role = match self.role.as_str() {
            "" => None,
            given => match Role::parse(given) {
                Some(r) => Some(r),
                None => {
                    problems.push(format!(
                        "“{given}” is not a role. Choose PM, PMM or either role."
                    ));
                    None
                }
            },
        };
        let story = story::Story {
            title: self.title.clone(),
            situation: self.situation.clone(),
            task: self.task.clone(),
            action: self.action.clone(),
            result: self.result.clone(),
            metrics: self.metrics.clone(),
            tags: self
                .tags
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            lps: self.lps.clone(),
            role,
        };
        problems.extend(story.check(catalog).iter().map(|p| sentence(p)));
        if problems.is_empty() {
            Ok(story)
        } else {
            Err(problems)
        }
    }
}

/// A principle as a checkbox of the form.
pub(crate) struct LpBox {
    pub id: String,
    pub name: String,
    /// "LP 3", or "Not in the content pack" for an id sent that the pack lacks.
    pub note: String,
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "story_form.html")]
pub(crate) struct StoryFormPage {
    meta: Meta,
    /// "/stories" to add, "/stories/{id}" to change.
    action: String,
    /// Where Cancel goes.
    cancel: String,
    heading: String,
    submit: &'static str,
    form: StoryForm,
    roles: Vec<Choice>,
    principles: Vec<LpBox>,
    errors: Vec<String>,
}

fn form_page(catalog: &Catalog, id: Option<i64>, form: StoryForm, errors: Vec<String>) -> Response {
    let mut principles: Vec<LpBox> = catalog
        .principles()
        .into_iter()
        .map(|p| LpBox {
            checked: form.lps.contains(&p.id),
            id: p.id.clone(),
            name: p.name.clone(),
            note: format!("LP {}", p.number),
        })
        .collect();
    // An id the pack does not know stays on the form, ticked, so nothing sent is lost.
    for lp in &form.lps {
        if !principles.iter().any(|p| &p.id == lp) {
            principles.push(LpBox {
                id: lp.clone(),
                name: lp.clone(),
                note: "Not in the content pack".into(),
                checked: true,
            });
        }
    }
    let mut roles = vec![Choice::new("", "Either role", &form.role)];
    roles.extend(
        catalog
            .roles()
            .iter()
            .map(|r| Choice::new(r.id.clone(), r.short.clone(), &form.role)),
    );
    let (heading, title, action, cancel, submit) = match id {
        None => (
            "Add a story".to_owned(),
            "Add a story".to_owned(),
            "/stories".to_owned(),
            "/stories".to_owned(),
            "Save the story",
        ),
        Some(id) => (
            "Edit the story".to_owned(),
            format!("Edit: {}", form.title),
            format!("/stories/{id}"),
            format!("/stories/{id}"),
            "Save changes",
        ),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    (
        status,
        StoryFormPage {
            meta: Meta::new(title, "stories"),
            action,
            cancel,
            heading,
            submit,
            form,
            roles,
            principles,
            errors,
        },
    )
        .into_response()
}

/// `GET /stories/new`.
pub(crate) async fn new_form(State(state): State<AppState>) -> Response {
    form_page(&state.catalog, None, StoryForm::default(), Vec::new())
}

/// `POST /stories`: adds the story and shows it, or shows the form again with what to fix.
pub(crate) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(params): Form<Params>,
) -> Response {
    let form = StoryForm::from_params(&params);
    let story = match form.to_story(&state.catalog) {
        Ok(s) => s,
        Err(errors) => return form_page(&state.catalog, None, form, errors),
    };
    match state
        .store
        .add_story(user.id, &new_story(&story), now())
        .await
    {
        Ok(saved) => Redirect::to(&format!("/stories/{}?saved=1", saved.id)).into_response(),
        Err(e) => save_failed(&state.catalog, None, form, &e),
    }
}

/// A refused save shows the form again with the reason; other failures are error pages.
fn save_failed(
    catalog: &Catalog,
    id: Option<i64>,
    form: StoryForm,
    error: &debrief_store::StoreError,
) -> Response {
    match error {
        debrief_store::StoreError::Invalid { .. } => {
            form_page(catalog, id, form, vec![sentence(&error.to_string())])
        }
        _ => store_error(error),
    }
}

/// The story `raw` names, or the page to show instead.
async fn load(state: &AppState, user: CurrentUser, raw: &str) -> Result<Stored, Response> {
    let not_found = || missing("story", "/stories", "Your story bank");
    let Ok(id) = raw.parse::<i64>() else {
        return Err(not_found());
    };
    match state.store.story(user.id, id).await {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(not_found()),
        Err(e) => Err(store_error(&e)),
    }
}

/// `GET /stories/{id}/edit`.
pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Response {
    match load(&state, user, &raw).await {
        Ok(s) => form_page(
            &state.catalog,
            Some(s.id),
            StoryForm::from_stored(&s),
            Vec::new(),
        ),
        Err(page) => page,
    }
}

/// `POST /stories/{id}`: saves the changes.
pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    Form(params): Form<Params>,
) -> Response {
    let stored = match load(&state, user, &raw).await {
        Ok(s) => s,
        Err(page) => return page,
    };
    let form = StoryForm::from_params(&params);
    let story = match form.to_story(&state.catalog) {
        Ok(s) => s,
        Err(errors) => return form_page(&state.catalog, Some(stored.id), form, errors),
    };
    match state
        .store
        .update_story(user.id, stored.id, &new_story(&story), now())
        .await
    {
        Ok(saved) => Redirect::to(&format!("/stories/{}?saved=1", saved.id)).into_response(),
        Err(e) => save_failed(&state.catalog, Some(stored.id), form, &e),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "story_delete.html")]
pub(crate) struct DeletePage {
    meta: Meta,
    id: i64,
    title: String,
}

/// `GET /stories/{id}/delete`: asks first.
pub(crate) async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Response {
    match load(&state, user, &raw).await {
        Ok(s) => DeletePage {
            meta: Meta::new(format!("Delete: {}", s.title), "stories"),
            id: s.id,
            title: s.title,
        }
        .into_response(),
        Err(page) => page,
    }
}

/// `POST /stories/{id}/delete`.
pub(crate) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Response {
    let stored = match load(&state, user, &raw).await {
        Ok(s) => s,
        Err(page) => return page,
    };
    match state.store.delete_story(user.id, stored.id).await {
        Ok(()) => Redirect::to("/stories?deleted=1").into_response(),
        Err(e) => store_error(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// One story, marked up

/// One step of a part's text.
pub(crate) enum Piece {
    Text(String),
    Mark {
        id: usize,
        severity: &'static str,
        text: String,
        tips: Vec<Tip>,
    },
}

/// One part of the story with its findings marked.
pub(crate) struct PartView {
    pub id: &'static str,
    pub label: &'static str,
    pub empty: bool,
    pub pieces: Vec<Piece>,
    /// How many findings start in this part.
    pub count: usize,
}

/// A finding in the list under the story.
pub(crate) struct FindingRow {
    pub severity: &'static str,
    pub severity_label: &'static str,
    pub category: String,
    pub part: &'static str,
    pub quote: String,
    pub message: String,
    pub suggestion: String,
    pub mark: Option<usize>,
}

/// A story's lint, reshaped for the page.
pub(crate) struct LintView {
    pub score: u32,
    pub rating_id: &'static str,
    pub rating_label: &'static str,
    pub strength_id: &'static str,
    pub strength_label: &'static str,
    pub strength_note: &'static str,
    pub parts: Vec<PartView>,
    /// Findings about the story as a whole.
    pub wide: Vec<FindingRow>,
    pub findings: Vec<FindingRow>,
    pub numbers: Vec<String>,
}

fn strength_label(s: Strength) -> &'static str {
    match s {
        Strength::Weak => "Weak",
        Strength::Usable => "Usable",
        Strength::Strong => "Strong",
    }
}

fn strength_note(s: Strength) -> &'static str {
    match s {
        Strength::Strong => "Rated hire or better with a number: it can carry a principle.",
        Strength::Usable => {
            "It has a result but is not yet rated hire with a number: sharpen it before you rely on it."
        }
        Strength::Weak => {
            "Rated strong no hire, or no result written: rewrite it before it covers a principle."
        }
    }
}

/// The parts a story's answer holds (the non-blank ones), in order.
fn placed_parts(story: &story::Story) -> Vec<Part> {
    Part::ALL
        .into_iter()
        .filter(|p| !story.part(*p).trim().is_empty())
        .collect()
}

/// Whether a finding covers the whole story, so it is listed above it rather than marked.
fn is_wide(story: &story::Story, placed: &[Part], f: &StoryFinding) -> bool {
    let (Some(&first), Some(&last)) = (placed.first(), placed.last()) else {
        return false;
    };
    let lead = |p: Part| {
        let t = story.part(p);
        t.len() - t.trim_start().len()
    };
    let (end_part, end) = f
        .continues
        .last()
        .map_or((f.part, f.end), |c| (c.part, c.end));
    f.part == first
        && f.start <= lead(first)
        && end_part == last
        && end >= story.part(last).trim_end().len()
}

impl LintView {
    fn new(story: &story::Story, lint: &StoryLint) -> LintView {
        let placed = placed_parts(story);
        let tip = |f: &StoryFinding| Tip {
            heading: format!(
                "{} · {}",
                category_label(&f.category),
                severity_label(f.severity)
            ),
            message: f.message.clone(),
            suggestion: f.suggestion.clone(),
        };
        let wide_ids: Vec<bool> = lint
            .findings
            .iter()
            .map(|f| is_wide(story, &placed, f))
            .collect();
        let mut first_mark: Vec<Option<usize>> = vec![None; lint.findings.len()];
        let mut next_id = 0;
        let mut parts = Vec::new();
        for part in Part::ALL {
            let body = story.part(part);
            // (start, end, finding) in this part's text.
            let mut spans: Vec<(usize, usize, usize)> = Vec::new();
            for (i, f) in lint.findings.iter().enumerate() {
                if wide_ids[i] {
                    continue;
                }
                if f.part == part {
                    spans.push((f.start, f.end, i));
                }
                spans.extend(
                    f.continues
                        .iter()
                        .filter(|c| c.part == part)
                        .map(|c| (c.start, c.end, i)),
                );
            }
            spans.retain(|&(s, e, _)| {
                s < e && e <= body.len() && body.is_char_boundary(s) && body.is_char_boundary(e)
            });
            spans.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
            // Overlapping findings share one mark.
            let mut groups: Vec<(usize, usize, Vec<usize>)> = Vec::new();
            for (s, e, i) in spans {
                match groups.last_mut() {
                    Some(g) if s < g.1 => {
                        g.1 = g.1.max(e);
                        if !g.2.contains(&i) {
                            g.2.push(i);
                        }
                    }
                    _ => groups.push((s, e, vec![i])),
                }
            }
            let mut pieces = Vec::new();
            let mut at = 0;
            for (s, e, members) in groups {
                if at < s {
                    pieces.push(Piece::Text(body[at..s].to_owned()));
                }
                let id = next_id;
                next_id += 1;
                for &i in &members {
                    first_mark[i].get_or_insert(id);
                }
                let worst = members
                    .iter()
                    .map(|&i| lint.findings[i].severity)
                    .max()
                    .unwrap_or(Severity::Warning);
                pieces.push(Piece::Mark {
                    id,
                    severity: severity_id(worst),
                    text: body[s..e].to_owned(),
                    tips: members.iter().map(|&i| tip(&lint.findings[i])).collect(),
                });
                at = e;
            }
            if at < body.len() {
                pieces.push(Piece::Text(body[at..].to_owned()));
            }
            parts.push(PartView {
                id: part.id(),
                label: part.label(),
                empty: body.trim().is_empty(),
                pieces,
                count: lint.findings.iter().filter(|f| f.part == part).count(),
            });
        }
        let row = |i: usize, f: &StoryFinding| FindingRow {
            severity: severity_id(f.severity),
            severity_label: severity_label(f.severity),
            category: category_label(&f.category),
            part: f.part.label(),
            quote: shorten(&f.text),
            message: f.message.clone(),
            suggestion: f.suggestion.clone(),
            mark: first_mark[i],
        };
        let mut wide = Vec::new();
        let mut findings = Vec::new();
        for (i, f) in lint.findings.iter().enumerate() {
            if wide_ids[i] {
                wide.push(row(i, f));
            } else {
                findings.push(row(i, f));
            }
        }
        LintView {
            score: lint.score,
            rating_id: lint.rating.id(),
            rating_label: lint.rating.label(),
            strength_id: lint.strength.id(),
            strength_label: strength_label(lint.strength),
            strength_note: strength_note(lint.strength),
            parts,
            wide,
            findings,
            numbers: lint.numbers.iter().map(|n| n.text.clone()).collect(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "story.html")]
pub(crate) struct StoryPage {
    meta: Meta,
    id: i64,
    title: String,
    role: &'static str,
    principles: Vec<(String, String)>,
    tags: Vec<String>,
    saved: bool,
    lint: Option<LintView>,
    /// Why the story could not be graded, when it could not.
    lint_error: String,
}

/// `GET /stories/{id}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let stored = match load(&state, user, &raw).await {
        Ok(s) => s,
        Err(page) => return page,
    };
    let catalog = &state.catalog;
    let names = Names::new(catalog);
    let story = core_story(&stored);
    let (lint, lint_error) = match story::lint(&state.grader, &story) {
        Ok(l) => (Some(LintView::new(&story, &l)), String::new()),
        Err(e) => (None, sentence(&e.to_string())),
    };
    StoryPage {
        meta: Meta::new(stored.title.clone(), "stories"),
        id: stored.id,
        role: story.role.map_or("Either role", |r| r.label()),
        principles: stored
            .lps
            .iter()
            .map(|p| (p.clone(), names.principle(p).to_owned()))
            .collect(),
        tags: stored.tags.clone(),
        saved: params.get("saved").is_some(),
        title: stored.title,
        lint,
        lint_error,
    }
    .into_response()
}

// ---------------------------------------------------------------------------------------------
// The bank and its coverage

/// A story as the list shows it.
pub(crate) struct StoryRow {
    pub id: i64,
    pub title: String,
    pub graded: bool,
    pub score: u32,
    pub rating_label: &'static str,
    pub strength_id: &'static str,
    pub strength_label: &'static str,
    pub finding_count: usize,
    pub principles: Vec<String>,
    pub tags: Vec<String>,
    pub role: &'static str,
}

/// A story in a coverage cell.
pub(crate) struct CellStory {
    pub href: String,
    pub title: String,
    pub strength_id: &'static str,
    pub strength_label: &'static str,
    pub score: u32,
}

/// One principle of the matrix.
pub(crate) struct CoverageRowView {
    pub id: String,
    pub name: String,
    pub weight: u32,
    pub stories: Vec<CellStory>,
    pub covered: bool,
    pub gap: String,
}

/// The coverage panel.
pub(crate) struct CoverageView {
    pub heading: String,
    pub covered: usize,
    pub total: usize,
    pub urgent: Vec<String>,
    pub rows: Vec<CoverageRowView>,
    pub extra: Vec<CoverageRowView>,
}

/// What the import form had, to show it again after an error.
#[derive(Default)]
pub(crate) struct ImportForm {
    pub format: String,
    pub text: String,
    pub errors: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "stories.html")]
pub(crate) struct StoriesPage {
    meta: Meta,
    stories: Vec<StoryRow>,
    companies: Vec<Choice>,
    roles: Vec<Choice>,
    coverage: Option<CoverageView>,
    coverage_error: String,
    /// A line to confirm what just happened ("Story deleted.").
    notice: String,
    import: ImportForm,
    formats: Vec<Choice>,
}

fn cell(s: &story::CoveringStory) -> CellStory {
    CellStory {
        href: format!("/stories/{}", s.id),
        title: s.title.clone(),
        strength_id: s.strength.id(),
        strength_label: strength_label(s.strength),
        score: s.score,
    }
}

fn coverage_view(catalog: &Catalog, coverage: &Coverage, heading: String) -> CoverageView {
    CoverageView {
        heading,
        covered: coverage.summary.covered,
        total: coverage.summary.total,
        urgent: coverage
            .summary
            .urgent
            .iter()
            .map(|g| g.message.clone())
            .collect(),
        rows: coverage
            .rows
            .iter()
            .map(|r| CoverageRowView {
                id: r.principle.clone(),
                name: r.name.clone(),
                weight: r.weight,
                stories: r.stories.iter().map(cell).collect(),
                covered: r.covered,
                gap: r.gap.clone().unwrap_or_default(),
            })
            .collect(),
        extra: coverage
            .extra
            .iter()
            .map(|e| CoverageRowView {
                id: e.principle.clone(),
                name: catalog
                    .principle(&e.principle)
                    .map_or(e.name.clone(), |p| p.name.clone()),
                weight: 0,
                stories: e.stories.iter().map(cell).collect(),
                covered: true,
                gap: String::new(),
            })
            .collect(),
    }
}

/// `GET /stories?company=&role=`.
pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Response {
    let notice = if params.get("deleted").is_some() {
        "Story deleted.".to_owned()
    } else if let Some(n) = params.get("imported") {
        let n: usize = n.parse().unwrap_or(0);
        match n {
            1 => "Imported 1 story.".to_owned(),
            n => format!("Imported {n} stories."),
        }
    } else {
        String::new()
    };
    render_list(&state, user, &params, notice, ImportForm::default()).await
}

async fn render_list(
    state: &AppState,
    user: CurrentUser,
    params: &Params,
    notice: String,
    import: ImportForm,
) -> Response {
    let catalog = &state.catalog;
    let stored = match state.store.stories(user.id).await {
        Ok(s) => s,
        Err(e) => return store_error(&e),
    };
    // The loop: as asked, else the newest plan's, else the default.
    let (mut company, mut role) = (
        params
            .get("company")
            .unwrap_or_default()
            .to_ascii_lowercase(),
        params.get("role").unwrap_or_default().to_ascii_lowercase(),
    );
    if company.is_empty() || role.is_empty() {
        let newest = match state.store.plans(user.id).await {
            Ok(plans) => plans.into_iter().next(),
            Err(e) => return store_error(&e),
        };
        let (c, r) = newest.map_or(
            (DEFAULT_LOOP.0.to_owned(), DEFAULT_LOOP.1.to_owned()),
            |p| (p.company, p.role),
        );
        if company.is_empty() {
            company = c;
        }
        if role.is_empty() {
            role = r;
        }
    }

    let names = Names::new(catalog);
    let stories: Vec<(Stored, story::Story)> = stored
        .into_iter()
        .map(|s| {
            let core = core_story(&s);
            (s, core)
        })
        .collect();
    let lints: Vec<Option<StoryLint>> = stories
        .iter()
        .map(|(_, s)| story::lint(&state.grader, s).ok())
        .collect();
    let rows = stories
        .iter()
        .zip(&lints)
        .map(|((s, core), lint)| StoryRow {
            id: s.id,
            title: s.title.clone(),
            graded: lint.is_some(),
            score: lint.as_ref().map_or(0, |l| l.score),
            rating_label: lint.as_ref().map_or("", |l| l.rating.label()),
            strength_id: lint.as_ref().map_or("weak", |l| l.strength.id()),
            strength_label: lint
                .as_ref()
                .map_or("Not graded", |l| strength_label(l.strength)),
            finding_count: lint.as_ref().map_or(0, |l| l.findings.len()),
            principles: s
                .lps
                .iter()
                .map(|p| names.principle(p).to_owned())
                .collect(),
            tags: s.tags.clone(),
            role: core.role.map_or("", |r| r.label()),
        })
        .collect();

    let (coverage, coverage_error) = match catalog.loop_view(&company, &role, None) {
        Ok(view) => {
            let graded: Vec<(String, &story::Story, &StoryLint)> = stories
                .iter()
                .zip(&lints)
                .filter_map(|((s, core), lint)| lint.as_ref().map(|l| (s.id.to_string(), core, l)))
                .collect();
            let result = story::coverage(catalog, &view, &graded);
            let heading = format!("{} {}", view.company.name, view.role.short);
            (
                Some(coverage_view(catalog, &result, heading)),
                String::new(),
            )
        }
        Err(e) => (None, sentence(&e.to_string())),
    };
    let mut companies: Vec<Choice> = catalog
        .companies()
        .iter()
        .map(|c| Choice::new(c.id.clone(), c.name.clone(), &company))
        .collect();
    if !companies.iter().any(|c| c.selected) {
        companies.insert(0, Choice::new("", "Choose a company", ""));
    }
    let roles = catalog
        .roles()
        .iter()
        .map(|r| Choice::new(r.id.clone(), r.short.clone(), &role))
        .collect();
    let current_format = if import.format.is_empty() {
        "auto"
    } else {
        import.format.as_str()
    };
    let formats = [
        ("auto", "From the file name (JSON for pasted text)"),
        ("json", "JSON"),
        ("markdown", "Markdown"),
        ("csv", "CSV"),
    ]
    .iter()
    .map(|(v, l)| Choice::new(*v, *l, current_format))
    .collect();
    let status = if import.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    (
        status,
        StoriesPage {
            meta: Meta::new("Story bank", "stories"),
            stories: rows,
            companies,
            roles,
            coverage,
            coverage_error,
            notice,
            import,
            formats,
        },
    )
        .into_response()
}

// ---------------------------------------------------------------------------------------------
// Export and import

/// `GET /stories/export.{json,md,csv}`: every story, newest first, as a download.
pub(crate) async fn export(state: AppState, user: CurrentUser, format: Format) -> Response {
    let stored = match state.store.stories(user.id).await {
        Ok(s) => s,
        Err(e) => return store_error(&e),
    };
    let stories: Vec<story::Story> = stored.iter().map(core_story).collect();
    let body = story::export(format, &stories);
    (
        [
            (header::CONTENT_TYPE, format.media_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"debrief-stories.{}\"",
                    format.extension()
                ),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// What the import form sent.
#[derive(Default)]
struct ImportInput {
    format: String,
    file_name: String,
    file: Vec<u8>,
    text: String,
}

async fn read_import(state: &AppState, request: Request) -> Result<ImportInput, String> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut input = ImportInput::default();
    if multipart {
        let mut parts = Multipart::from_request(request, state)
            .await
            .map_err(|e| format!("The upload could not be read ({}).", e.body_text()))?;
        loop {
            let field = match parts.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => {
                    return Err(format!(
                        "The upload could not be read ({}). The limit is 8 MB.",
                        e.body_text()
                    ));
                }
            };
            let name = field.name().unwrap_or_default().to_owned();
            match name.as_str() {
                "file" => {
                    input.file_name = field.file_name().unwrap_or_default().to_owned();
                    input.file = field
                        .bytes()
                        .await
                        .map_err(|e| format!("The file could not be read ({}).", e.body_text()))?
                        .to_vec();
                }
                "format" | "text" => {
                    let value = field
                        .text()
                        .await
                        .map_err(|e| format!("The form could not be read ({}).", e.body_text()))?;
                    if name == "format" {
                        input.format = value.trim().to_ascii_lowercase();
                    } else {
                        input.text = value;
                    }
                }
                _ => {}
            }
        }
    } else {
        let Form(params) = Form::<Params>::from_request(request, state)
            .await
            .map_err(|e| format!("The form could not be read ({}).", e.body_text()))?;
        input.format = params
            .get("format")
            .unwrap_or_default()
            .to_ascii_lowercase();
        input.text = params.raw("text").unwrap_or_default().to_owned();
    }
    Ok(input)
}

/// An import error as a sentence that names the line.
fn import_error(error: &ImportError, source: &str) -> String {
    let mut out = format!("{source}: {error}");
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

/// `POST /stories/import`: a file (multipart) or pasted text, JSON, Markdown or CSV. All or
/// nothing: on any error nothing is added and the errors name the line.
pub(crate) async fn import(
    State(state): State<AppState>,
    user: CurrentUser,
    request: Request,
) -> Response {
    let params = Params::default();
    let input = match read_import(&state, request).await {
        Ok(i) => i,
        Err(message) => {
            let form = ImportForm {
                errors: vec![message],
                ..ImportForm::default()
            };
            return render_list(&state, user, &params, String::new(), form).await;
        }
    };
    let mut form = ImportForm {
        format: input.format.clone(),
        text: input.text.clone(),
        errors: Vec::new(),
    };
    let use_file = !input.file.is_empty();
    let (source, content) = if use_file {
        match String::from_utf8(input.file) {
            Ok(t) => (format!("“{}”", input.file_name), t),
            Err(_) => {
                form.errors.push(format!(
                    "“{}” is not UTF-8 text. Export it again as UTF-8 (JSON, Markdown or CSV).",
                    input.file_name
                ));
                return render_list(&state, user, &params, String::new(), form).await;
            }
        }
    } else {
        ("The pasted text".to_owned(), input.text.clone())
    };
    if content.trim().is_empty() {
        form.errors
            .push("Choose a file or paste stories to import; both were empty.".into());
        return render_list(&state, user, &params, String::new(), form).await;
    }
    let format = match input.format.as_str() {
        "" | "auto" => {
            if use_file {
                Format::from_file_name(&input.file_name)
            } else {
                Some(Format::Json)
            }
        }
        given => Format::parse(given),
    };
    let Some(format) = format else {
        form.errors.push(if use_file && matches!(input.format.as_str(), "" | "auto") {
            format!(
                "The format of {source} is not clear from its name. Choose JSON, Markdown or CSV."
            )
        } else {
            format!("“{}” is not a format. Choose JSON, Markdown or CSV.", input.format)
        });
        return render_list(&state, user, &params, String::new(), form).await;
    };
    let stories = match story::import(format, &content) {
        Ok(s) => s,
        Err(e) => {
            form.errors.push(import_error(&e, &source));
            form.errors
                .push("Nothing was imported; your saved stories are unchanged.".into());
            return render_list(&state, user, &params, String::new(), form).await;
        }
    };
    for (i, s) in stories.iter().enumerate() {
        for problem in s.check(&state.catalog) {
            let name = if s.title.trim().is_empty() {
                format!("Story {}", i + 1)
            } else {
                format!("Story {} (“{}”)", i + 1, s.title.trim())
            };
            form.errors.push(format!("{name}: {}", sentence(&problem)));
        }
    }
    if stories.is_empty() {
        form.errors
            .push(format!("{source} holds no stories to import."));
    }
    if !form.errors.is_empty() {
        if !stories.is_empty() {
            form.errors
                .push("Nothing was imported; your saved stories are unchanged.".into());
        }
        return render_list(&state, user, &params, String::new(), form).await;
    }
    let new: Vec<NewStory> = stories.iter().map(new_story).collect();
    match state.store.import_stories(user.id, &new, now()).await {
        Ok(ids) => {
            Redirect::to(&href("/stories", &[("imported", &ids.len().to_string())])).into_response()
        }
        Err(debrief_store::StoreError::Invalid { field, reason }) => {
            form.errors.push(sentence(&format!(
                "a story was refused ({field}: {reason}); nothing was imported"
            )));
            render_list(&state, user, &params, String::new(), form).await
        }
        Err(e) => store_error(&e),
    }
}
