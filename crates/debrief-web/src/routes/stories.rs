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

mod coverage;
mod lint;
mod transfer;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use debrief_coach::story::{self, Format, StoryLint};
use debrief_pack::{Catalog, Role};
use debrief_store::{NewStory, Story as Stored};

use coverage::{CoverageView, StoryRow, coverage_view};
use lint::{LintView, Piece, strength_label};
use transfer::{import_error, read_import};

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::clock::now;
use crate::error::PageError;
use crate::params::{Params, href};
use crate::respond::{download, form_status};
use crate::ui::{Choice, Meta, Names, sentence};

/// The loop the coverage panel shows when the candidate has no plan yet.
const DEFAULT_LOOP: (&str, &str) = ("amazon", "pmm");

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
    let status = form_status(&errors);
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
) -> Result<Response, PageError> {
    let form = StoryForm::from_params(&params);
    let story = match form.to_story(&state.catalog) {
        Ok(s) => s,
        Err(errors) => return Ok(form_page(&state.catalog, None, form, errors)),
    };
    match state
        .store
        .add_story(user.id, &new_story(&story), now())
        .await
    {
        Ok(saved) => Ok(Redirect::to(&format!("/stories/{}?saved=1", saved.id)).into_response()),
        Err(e) => save_failed(&state.catalog, None, form, e),
    }
}

/// A refused save shows the form again with the reason; other failures are error pages.
fn save_failed(
    catalog: &Catalog,
    id: Option<i64>,
    form: StoryForm,
    error: debrief_store::StoreError,
) -> Result<Response, PageError> {
    match error {
        debrief_store::StoreError::Invalid { .. } => Ok(form_page(
            catalog,
            id,
            form,
            vec![sentence(&error.to_string())],
        )),
        _ => Err(error.into()),
    }
}

/// The story `raw` names.
async fn load(state: &AppState, user: CurrentUser, raw: &str) -> Result<Stored, PageError> {
    let not_found = || PageError::not_found("story", "/stories", "Your story bank");
    let id = raw.parse::<i64>().map_err(|_| not_found())?;
    state.store.story(user.id, id).await?.ok_or_else(not_found)
}

/// `GET /stories/{id}/edit`.
pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let s = load(&state, user, &raw).await?;
    Ok(form_page(
        &state.catalog,
        Some(s.id),
        StoryForm::from_stored(&s),
        Vec::new(),
    ))
}

/// `POST /stories/{id}`: saves the changes.
pub(crate) async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let stored = load(&state, user, &raw).await?;
    let form = StoryForm::from_params(&params);
    let story = match form.to_story(&state.catalog) {
        Ok(s) => s,
        Err(errors) => return Ok(form_page(&state.catalog, Some(stored.id), form, errors)),
    };
    match state
        .store
        .update_story(user.id, stored.id, &new_story(&story), now())
        .await
    {
        Ok(saved) => Ok(Redirect::to(&format!("/stories/{}?saved=1", saved.id)).into_response()),
        Err(e) => save_failed(&state.catalog, Some(stored.id), form, e),
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
) -> Result<Response, PageError> {
    let s = load(&state, user, &raw).await?;
    Ok(DeletePage {
        meta: Meta::new(format!("Delete: {}", s.title), "stories"),
        id: s.id,
        title: s.title,
    }
    .into_response())
}

/// `POST /stories/{id}/delete`.
pub(crate) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let stored = load(&state, user, &raw).await?;
    state.store.delete_story(user.id, stored.id).await?;
    Ok(Redirect::to("/stories?deleted=1").into_response())
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
) -> Result<Response, PageError> {
    let stored = load(&state, user, &raw).await?;
    let catalog = &state.catalog;
    let names = Names::new(catalog);
    let story = core_story(&stored);
    let (lint, lint_error) = match story::lint(&state.grader, &story) {
        Ok(l) => (Some(LintView::new(&story, &l)), String::new()),
        Err(e) => (None, sentence(&e.to_string())),
    };
    Ok(StoryPage {
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
    .into_response())
}

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

/// `GET /stories?company=&role=`.
pub(crate) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
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
) -> Result<Response, PageError> {
    let catalog = &state.catalog;
    let stored = state.store.stories(user.id).await?;
    // The loop: as asked, else the newest plan's, else the default.
    let (mut company, mut role) = (
        params
            .get("company")
            .unwrap_or_default()
            .to_ascii_lowercase(),
        params.get("role").unwrap_or_default().to_ascii_lowercase(),
    );
    if company.is_empty() || role.is_empty() {
        let newest = state.store.plans(user.id).await?.into_iter().next();
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
    let status = form_status(&import.errors);
    Ok((
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
        .into_response())
}

// ---------------------------------------------------------------------------------------------
// Export and import

/// `GET /stories/export.{json,md,csv}`: every story, newest first, as a download.
pub(crate) async fn export(
    state: AppState,
    user: CurrentUser,
    format: Format,
) -> Result<Response, PageError> {
    let stored = state.store.stories(user.id).await?;
    let stories: Vec<story::Story> = stored.iter().map(core_story).collect();
    let body = story::export(format, &stories);
    Ok(download(
        format.media_type(),
        format!("debrief-stories.{}", format.extension()),
        body,
    ))
}

/// `POST /stories/import`: a file (multipart) or pasted text, JSON, Markdown or CSV. All or
/// nothing: on any error nothing is added and the errors name the line.
pub(crate) async fn import(
    State(state): State<AppState>,
    user: CurrentUser,
    request: Request,
) -> Result<Response, PageError> {
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
        Ok(ids) => Ok(
            Redirect::to(&href("/stories", &[("imported", &ids.len().to_string())]))
                .into_response(),
        ),
        Err(debrief_store::StoreError::Invalid { field, reason }) => {
            form.errors.push(sentence(&format!(
                "a story was refused ({field}: {reason}); nothing was imported"
            )));
            render_list(&state, user, &params, String::new(), form).await
        }
        Err(e) => Err(e.into()),
    }
}
