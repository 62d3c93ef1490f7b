//! The candidate's profile: what they are preparing for, set once and used as the default of
//! every form (`App::target_loop` reads it first).
//!
//! - `GET /profile`: the form (company, role, level, track, interview date), filled from the
//!   saved profile, else from the current target loop.
//! - `POST /profile`: reads the form against the content (`App::save_profile`) and saves it;
//!   mistakes show the form again with each beside its field and the typed values kept.
//! - `POST /profile/role`: `role=pm|pmm`, the fit result's "Make it my target": the profile's
//!   role changes, company and level are kept (else the content's defaults).
//! - `POST /profile/clear`: forgets the profile; defaults come from the newest plan or mock.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use debrief_practice::{Chosen, PracticeError, Profile, ProfileDraft, ProfileProblems};

use crate::AppState;
use crate::auth::user::CurrentUser;
use crate::error::PageError;
use crate::params::Params;
use crate::ui::picker::{LoopPicker, preset, target_heading, track_choices};
use crate::ui::{Choice, Meta};

/// One field as typed, with its problem (empty when none).
#[derive(Debug, Default, Clone)]
pub(crate) struct Field {
    pub value: String,
    pub error: String,
}

/// The form as the candidate filled it.
#[derive(Debug, Default, Clone)]
pub(crate) struct ProfileForm {
    pub company: Field,
    pub role: Field,
    pub level: Field,
    pub track: Field,
    pub interview_date: Field,
}

impl ProfileForm {
    fn from_profile(p: &Profile) -> ProfileForm {
        let field = |value: String| Field {
            value,
            error: String::new(),
        };
        ProfileForm {
            company: field(p.company.clone()),
            role: field(p.role.id().to_owned()),
            level: field(p.level.clone()),
            track: field(p.track.clone().unwrap_or_default()),
            interview_date: field(p.interview_date.map(|d| d.to_string()).unwrap_or_default()),
        }
    }

    fn from_params(params: &Params) -> ProfileForm {
        let field = |key: &str| Field {
            value: params.raw(key).unwrap_or_default().trim().to_owned(),
            error: String::new(),
        };
        ProfileForm {
            company: field("company"),
            role: field("role"),
            level: field("level"),
            track: field("track"),
            interview_date: field("interview_date"),
        }
    }

    /// Every field as given: the form always sends all five.
    fn draft(&self) -> ProfileDraft {
        ProfileDraft {
            company: Some(self.company.value.clone()),
            role: Some(self.role.value.clone()),
            level: Some(self.level.value.clone()),
            track: Some(self.track.value.clone()),
            interview_date: Some(self.interview_date.value.clone()),
        }
    }

    fn with_problems(mut self, problems: &ProfileProblems) -> ProfileForm {
        for (name, field) in [
            ("company", &mut self.company),
            ("role", &mut self.role),
            ("level", &mut self.level),
            ("track", &mut self.track),
            ("interview_date", &mut self.interview_date),
        ] {
            if let Some(message) = problems.of(name) {
                field.error = format!("{} {message}", label(name));
            }
        }
        self
    }

    fn has_errors(&self) -> bool {
        [
            &self.company,
            &self.role,
            &self.level,
            &self.track,
            &self.interview_date,
        ]
        .iter()
        .any(|f| !f.error.is_empty())
    }
}

/// A field's name as the page labels it, to lead its error.
fn label(field: &str) -> &'static str {
    match field {
        "company" => "Company:",
        "role" => "Role:",
        "level" => "Level:",
        "track" => "Track:",
        _ => "Interview date:",
    }
}

/// The current target, as the page words it.
pub(crate) struct Target {
    pub heading: String,
    pub source: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "profile.html")]
pub(crate) struct ProfilePage<'a> {
    meta: Meta,
    form: ProfileForm,
    picker: LoopPicker<'a>,
    tracks: Vec<Choice>,
    min_date: String,
    /// Whether a profile is saved (the clear button shows then).
    saved_profile: bool,
    /// "saved" or "cleared" right after either, else empty.
    done: &'static str,
    target: Target,
}

async fn render(
    state: &AppState,
    user: CurrentUser,
    form: ProfileForm,
    done: &'static str,
) -> Result<Response, PageError> {
    let app = &state.app;
    let catalog = &state.catalog;
    let saved_profile = app.profile(user.user_id()).await?.is_some();
    let target = app.target_loop(user.user_id()).await?;
    let heading = target_heading(catalog, &target);
    let source = match target.from {
        Chosen::Profile => "your profile",
        Chosen::Plan => "your newest plan",
        Chosen::Mock => "your newest mock loop",
        Chosen::Default | Chosen::Given => "debrief’s defaults",
    };
    let status = if form.has_errors() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let picker = LoopPicker::new(
        catalog,
        &form.company.value,
        &form.role.value,
        &form.track.value,
        &form.level.value,
    );
    Ok((
        status,
        ProfilePage {
            meta: Meta::new("Your target", ""),
            tracks: track_choices(catalog, &form.track.value),
            min_date: app.clock().today().to_string(),
            picker,
            form,
            saved_profile,
            done,
            target: Target { heading, source },
        },
    )
        .into_response())
}

/// `GET /profile`: the form, filled from the saved profile, else the current target loop.
pub(crate) async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(params): Query<Params>,
) -> Result<Response, PageError> {
    let form = match state.app.profile(user.user_id()).await? {
        Some(p) => ProfileForm::from_profile(&p),
        None => {
            let target = state.app.target_loop(user.user_id()).await?;
            let mut form = ProfileForm::default();
            preset(
                &state.catalog,
                &target,
                &mut form.company.value,
                &mut form.role.value,
                &mut form.track.value,
                &mut form.level.value,
            );
            form
        }
    };
    let done = if params.get("saved").is_some() {
        "saved"
    } else if params.get("cleared").is_some() {
        "cleared"
    } else {
        ""
    };
    render(&state, user, form, done).await
}

/// `POST /profile`: saves the profile, or shows the form again with its problems.
pub(crate) async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let form = ProfileForm::from_params(&params);
    match state.app.save_profile(user.user_id(), &form.draft()).await {
        Ok(_) => Ok(Redirect::to("/profile?saved=1").into_response()),
        Err(PracticeError::Profile(problems)) => {
            render(&state, user, form.with_problems(&problems), "").await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /profile/role`: makes the role a fit result recommends the target.
pub(crate) async fn set_role(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(params): Form<Params>,
) -> Result<Response, PageError> {
    let role = state
        .catalog
        .role(params.get("role").unwrap_or_default())
        .map_err(PracticeError::from)?
        .0;
    state.app.target_role(user.user_id(), role).await?;
    Ok(Redirect::to("/profile?saved=1").into_response())
}

/// `POST /profile/clear`: forgets the profile.
pub(crate) async fn clear(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, PageError> {
    state.app.clear_profile(user.user_id()).await?;
    Ok(Redirect::to("/profile?cleared=1").into_response())
}
