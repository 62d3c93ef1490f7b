//! View models: what templates show, built from catalog and store values, so templates hold no
//! logic beyond loops and conditionals. Everything here is shared by more than one page (the
//! layout's [`Meta`], selects, links, the graded report and the marking an artifact drill's
//! report shares with it, the loop picker, the pager of a paged list, the plots, the error page) and knows nothing of routes: nothing under `ui/` imports
//! from `routes/`.

pub(crate) mod artifact;
pub(crate) mod pager;
pub(crate) mod paychart;
pub(crate) mod picker;
pub(crate) mod plots;
pub(crate) mod report;
pub(crate) mod views;

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use crate::assets::VERSION;
use crate::context::{PrinciplesLink, page_context};
pub(crate) use views::{Link, Names, QuestionCard, Trouble, category_label, sentence};

/// What the base layout needs from every page.
pub(crate) struct Meta {
    /// The `<title>`, before " · debrief".
    pub title: String,
    /// The nav item to mark current: "practice", "artifacts", "loops", "guides", "questions",
    /// "lp", "stories", "fit", "plan", "mock", "progress", "pay", "offers" or "".
    pub active: &'static str,
    /// The asset fingerprint for cache busting.
    pub version: &'static str,
    /// The request's CSRF token: `base.html` writes it into `<meta name="csrf-token">` and
    /// every POST form into a hidden field (`csrf_field` in `macros.html`).
    pub csrf: String,
    /// Who is signed in (multi-user mode), shown in the header with a sign-out button.
    pub account: Option<String>,
    /// The navigation's and footer's link to the principles, in the words of the company the
    /// candidate targets.
    pub principles: PrinciplesLink,
}

impl Meta {
    /// The layout data of a page of the current request: the token and the account come from
    /// the guard (see `context::page_context`), so no handler passes them by hand.
    pub(crate) fn new(title: impl Into<String>, active: &'static str) -> Meta {
        let context = page_context();
        Meta {
            title: title.into(),
            active,
            version: VERSION,
            csrf: context.csrf,
            account: context.account,
            principles: context.principles,
        }
    }
}

/// An option of a select.
pub(crate) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
    /// For a question, its round kind id (`data-round`), so the page's script can keep the
    /// round and the question in step.
    pub round: String,
}

impl Choice {
    /// An option with `value` and `label`, selected when `value` is `current`.
    pub(crate) fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Choice {
        let value = value.into();
        Choice {
            selected: value == current,
            label: label.into(),
            value,
            round: String::new(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    meta: Meta,
    trouble: Trouble,
}

/// The error page of `trouble`, with its status.
pub(crate) fn error_page(trouble: Trouble) -> Response {
    let status = trouble.status;
    (
        status,
        ErrorPage {
            meta: Meta::new(trouble.heading.clone(), ""),
            trouble,
        },
    )
        .into_response()
}
