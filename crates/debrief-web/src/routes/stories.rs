//! The story bank: the candidate's STAR stories, each linted by the grader with its findings
//! shown in place, laid against a loop's weighted Leadership Principles, and moved in and out
//! as JSON, Markdown or CSV.
//!
//! Routes (all forms work with JavaScript off; every POST answers with a redirect or the form
//! again, with the candidate's text kept):
//! - `GET /stories?company=&role=&track=&level=&page=`: the list, [`STORIES_PER_PAGE`] stories a
//!   page (most recently changed first), each with its strength and score, and the coverage matrix
//!   for the chosen loop (default: the candidate's target loop, as `debrief stories coverage`
//!   takes it), computed over the whole bank whatever the page, with the stories that could not
//!   be graded named. A cell of the matrix lists its strongest few stories and counts the rest.
//! - `GET /stories/new`, `POST /stories`: add a story.
//! - `GET /stories/{id}`: the story with its findings marked in each part.
//! - `GET /stories/{id}/edit`, `POST /stories/{id}`: change it.
//! - `GET /stories/{id}/delete` (a confirmation), `POST /stories/{id}/delete`: delete it.
//! - `GET /stories/export.{json,md,csv}`: every story as a download.
//! - `POST /stories/import`: a file upload (multipart) or pasted text; all or nothing.
//!
//! Every read and write is a call to the application layer (`App::story_page`,
//! `linted_stories`, `story`,
//! `add_story`, `update_story`, `delete_story`, `import_stories`, `export_stories`,
//! `coverage`, `target_loop`), shared with `debrief stories`; these handlers parse and render.

mod coverage;
mod lint;
mod transfer;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use debrief_coach::story::{self, Format};
use debrief_pack::{Catalog, Role};
use debrief_practice::{App, LintedStory, PageRequest, PracticeError, SavedStory};
use debrief_store::{StoryId, UserId};

use coverage::{CoverageView, StoryRow, coverage_view};
use lint::{LintView, Piece, strength_label};
use transfer::{import_error, read_import};

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::error::PageError;
use crate::params::{PageParam, Params, href, page_value};
use crate::respond::{download, form_status};
use crate::ui::pager::Pager;
use crate::ui::picker::track_choices;
use crate::ui::{Choice, Meta, Names, sentence};

/// Stories per page of the list.
pub(crate) const STORIES_PER_PAGE: u64 = 50;

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

    fn from_story(s: &story::Story) -> StoryForm {
        StoryForm {
            title: s.title.clone(),
            situation: s.situation.clone(),
            task: s.task.clone(),
            action: s.action.clone(),
            result: s.result.clone(),
            metrics: s.metrics.clone(),
            tags: s.tags.join(", "),
            lps: s.lps.clone(),
            role: s.role.map(|r| r.id().to_owned()).unwrap_or_default(),
        }
    }

    /// The story, or every problem with it as a sentence (the ones `App::add_story` would
    /// refuse it for, each on its own line of the form).
    fn to_story(&self, app: &App) -> Result<story::Story, Vec<String>> {
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
        problems.extend(app.story_problems(&story).iter().map(|p| sentence(p)));
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

fn form_page(
    catalog: &Catalog,
    id: Option<StoryId>,
    form: StoryForm,
    errors: Vec<String>,
) -> Response {
    let mut principles: Vec<LpBox> = catalog
        .principles()
        .into_iter()
        .map(|p| LpBox {
            checked: form.lps.contains(&p.id),
            id: p.id.clone(),
            name: p.name.clone(),
            note: format!(
                "{} · {}",
                catalog
                    .company(&p.company)
                    .map_or(p.company.as_str(), |c| c.name.as_str()),
                p.number
            ),
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
    let story = match form.to_story(&state.app) {
        Ok(s) => s,
        Err(errors) => return Ok(form_page(&state.catalog, None, form, errors)),
    };
    match state.app.add_story(user.user_id(), &story).await {
        Ok(saved) => Ok(Redirect::to(&format!("/stories/{}?saved=1", saved.id)).into_response()),
        Err(e) => save_failed(&state.catalog, None, form, e),
    }
}

/// A refused save shows the form again with the reason; other failures are error pages.
fn save_failed(
    catalog: &Catalog,
    id: Option<StoryId>,
    form: StoryForm,
    error: PracticeError,
) -> Result<Response, PageError> {
    match error {
        PracticeError::Invalid(_)
        | PracticeError::Store(debrief_store::StoreError::Invalid { .. }) => Ok(form_page(
            catalog,
            id,
            form,
            vec![sentence(&error.to_string())],
        )),
        _ => Err(error.into()),
    }
}

/// The story `raw` names; a 404 when it is not an id or not the candidate's.
async fn load(state: &AppState, user: UserId, raw: &str) -> Result<SavedStory, PageError> {
    let id: StoryId = raw
        .parse()
        .map_err(|_| PageError::not_found("story", "/stories", "Your story bank"))?;
    Ok(state.app.story(user, id).await?)
}

/// `GET /stories/{id}/edit`.
pub(crate) async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let s = load(&state, user.user_id(), &raw).await?;
    Ok(form_page(
        &state.catalog,
        Some(s.id),
        StoryForm::from_story(&s.story),
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
    let saved = load(&state, user.user_id(), &raw).await?;
    let form = StoryForm::from_params(&params);
    let story = match form.to_story(&state.app) {
        Ok(s) => s,
        Err(errors) => return Ok(form_page(&state.catalog, Some(saved.id), form, errors)),
    };
    match state
        .app
        .update_story(user.user_id(), saved.id, &story)
        .await
    {
        Ok(saved) => Ok(Redirect::to(&format!("/stories/{}?saved=1", saved.id)).into_response()),
        Err(e) => save_failed(&state.catalog, Some(saved.id), form, e),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "story_delete.html")]
pub(crate) struct DeletePage {
    meta: Meta,
    id: StoryId,
    title: String,
}

/// `GET /stories/{id}/delete`: asks first.
pub(crate) async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let s = load(&state, user.user_id(), &raw).await?;
    Ok(DeletePage {
        meta: Meta::new(format!("Delete: {}", s.story.title), "stories"),
        id: s.id,
        title: s.story.title,
    }
    .into_response())
}

/// `POST /stories/{id}/delete`.
pub(crate) async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let saved = load(&state, user.user_id(), &raw).await?;
    state.app.delete_story(user.user_id(), saved.id).await?;
    Ok(Redirect::to("/stories?deleted=1").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "story.html")]
pub(crate) struct StoryPage {
    meta: Meta,
    id: StoryId,
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
    let LintedStory { saved, lint } = state.app.linted(load(&state, user.user_id(), &raw).await?);
    let names = Names::new(&state.catalog);
    let story = saved.story;
    let (lint, lint_error) = match lint {
        Ok(l) => (Some(LintView::new(&story, &l)), String::new()),
        Err(e) => (None, sentence(&e)),
    };
    Ok(StoryPage {
        meta: Meta::new(story.title.clone(), "stories"),
        id: saved.id,
        role: story.role.map_or("Either role", |r| r.label()),
        principles: story
            .lps
            .iter()
            .map(|p| (p.clone(), names.principle(p).to_owned()))
            .collect(),
        tags: story.tags.clone(),
        saved: params.get("saved").is_some(),
        title: story.title,
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
    /// This page's stories.
    stories: Vec<StoryRow>,
    /// Where they sit in the bank.
    pager: Pager,
    companies: Vec<Choice>,
    roles: Vec<Choice>,
    tracks: Vec<Choice>,
    coverage: Option<CoverageView>,
    coverage_error: String,
    /// A line to confirm what just happened ("Story deleted.").
    notice: String,
    import: ImportForm,
    formats: Vec<Choice>,
}

/// `GET /stories?company=&role=&track=`.
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
    let app = &state.app;
    let uid = user.user_id();
    // The coverage weighs the whole bank; the list shows one page of it, read on its own.
    let linted = app.linted_stories(uid).await?;
    let asked_page = PageParam::read(params, "page");
    let page = app
        .story_page(uid, PageRequest::new(asked_page.number(), STORIES_PER_PAGE))
        .await?;
    // Page links keep the loop as it was asked for.
    let given = |k: &str| params.get(k).unwrap_or_default().to_owned();
    let (given_company, given_role, given_track, given_level) = (
        given("company"),
        given("role"),
        given("track"),
        given("level"),
    );
    let pager = Pager::new(&page, asked_page, "Pages of your stories", |n| {
        href(
            "/stories",
            &[
                ("company", &given_company),
                ("role", &given_role),
                ("track", &given_track),
                ("level", &given_level),
                ("page", &page_value(n)),
            ],
        )
    });

    // The loop: as asked (a part left out comes from the target loop), else the target loop.
    let asked = |k: &str| {
        Some(params.get(k).unwrap_or_default().to_ascii_lowercase()).filter(|v| !v.is_empty())
    };
    let (company, role, track, level) = (
        asked("company"),
        asked("role"),
        asked("track"),
        asked("level"),
    );
    let (company, role) = match (company, role) {
        (None, None) => (None, None),
        (company, role) => {
            let target = app.target_loop(uid).await?;
            (
                Some(company.unwrap_or(target.company)),
                Some(role.unwrap_or_else(|| target.role.id().to_owned())),
            )
        }
    };
    let choice = app
        .choose_loop(
            uid,
            company.as_deref(),
            role.as_deref(),
            track.as_deref(),
            level,
        )
        .await;
    // The track select shows the loop shown, or what was asked for when it is not one.
    let shown_track = match &choice {
        Ok(target) => target.track.clone().unwrap_or_default(),
        Err(_) => track.clone().unwrap_or_default(),
    };
    let (coverage, coverage_error) = match choice {
        Ok(target) => match app.coverage_of(&linted, &target) {
            Ok(bank) => (Some(coverage_view(catalog, &bank, &linted)), String::new()),
            Err(PracticeError::Lookup(e)) => (None, sentence(&e.to_string())),
            Err(e) => return Err(e.into()),
        },
        Err(PracticeError::Lookup(e)) => (None, sentence(&e.to_string())),
        Err(e) => return Err(e.into()),
    };
    // The selects show the loop shown, or what was asked for when it is not one.
    let chosen = |asked: Option<String>, shown: Option<String>| shown.or(asked).unwrap_or_default();
    let company = chosen(company, coverage.as_ref().map(|c| c.company.clone()));
    let role = chosen(role, coverage.as_ref().map(|c| c.role.to_owned()));

    let names = Names::new(catalog);
    let rows = page
        .items
        .iter()
        .map(|LintedStory { saved, lint }| {
            let lint = lint.as_ref().ok();
            StoryRow {
                id: saved.id,
                title: saved.story.title.clone(),
                graded: lint.is_some(),
                score: lint.map_or(0, |l| l.score),
                rating_label: lint.map_or("", |l| l.rating.label()),
                strength_id: lint.map_or("weak", |l| l.strength.id()),
                strength_label: lint.map_or("Not graded", |l| strength_label(l.strength)),
                finding_count: lint.map_or(0, |l| l.findings.len()),
                principles: saved
                    .story
                    .lps
                    .iter()
                    .map(|p| names.principle(p).to_owned())
                    .collect(),
                tags: saved.story.tags.clone(),
                role: saved.story.role.map_or("", Role::label),
            }
        })
        .collect();

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
            pager,
            companies,
            roles,
            tracks: track_choices(catalog, &shown_track),
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
    let body = state.app.export_stories(user.user_id(), format).await?;
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
    // Every problem of every story, each named, before the application layer (which stops at
    // the first) is asked to import the file.
    for (i, s) in stories.iter().enumerate() {
        for problem in state.app.story_problems(s) {
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
    match state
        .app
        .import_stories(user.user_id(), format, &content)
        .await
    {
        Ok(ids) => Ok(
            Redirect::to(&href("/stories", &[("imported", &ids.len().to_string())]))
                .into_response(),
        ),
        Err(
            e @ (PracticeError::Invalid(_)
            | PracticeError::Store(debrief_store::StoreError::Invalid { .. })),
        ) => {
            form.errors.push(sentence(&e.to_string()));
            render_list(&state, user, &params, String::new(), form).await
        }
        Err(e) => Err(e.into()),
    }
}
