//! What every page of one request needs from the guard: the CSRF token to write into its forms
//! and who is signed in. The guard (`auth::guard`) sets it for the handler's task; page view
//! models (`ui::Meta::new`) read it. It lives here, below both, so neither imports the other.

use std::future::Future;

use debrief_coach::mock::upper_first;
use debrief_pack::Company;

/// The page context of one request.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageContext {
    /// The request's CSRF token; empty outside a request (unit tests).
    pub csrf: String,
    /// The signed-in username in multi-user mode; `None` in local mode.
    pub account: Option<String>,
    /// How the navigation and footer name the principles page: in the words of the company
    /// the candidate targets.
    pub principles: PrinciplesLink,
}

/// The layout's link to a company's principles, in that company's words, so a candidate
/// preparing for Google reads "Hiring attributes" in the navigation, not "Leadership
/// Principles".
#[derive(Debug, Clone)]
pub(crate) struct PrinciplesLink {
    /// "Leadership Principles", "Hiring attributes": the navigation's label.
    pub long: String,
    /// "LPs", "Attributes": the label on a phone.
    pub short: String,
    /// "Google's hiring attributes": the footer's label.
    pub footer: String,
    /// That company's list.
    pub href: String,
}

impl PrinciplesLink {
    /// The link to `company`'s principles.
    pub(crate) fn of(company: &Company) -> PrinciplesLink {
        let noun = company.principles_noun();
        PrinciplesLink {
            long: upper_first(noun),
            short: company.principles_short(),
            footer: format!("{}'s {noun}", company.name),
            href: format!("/lp?company={}", crate::params::encode(&company.id)),
        }
    }
}

/// Outside a request (and for content with no company), the words no company owns.
impl Default for PrinciplesLink {
    fn default() -> PrinciplesLink {
        PrinciplesLink {
            long: "Principles".into(),
            short: "Principles".into(),
            footer: "Principles and competencies".into(),
            href: "/lp".into(),
        }
    }
}

tokio::task_local! {
    static PAGE: PageContext;
}

/// The current request's [`PageContext`] (the default outside a request).
pub(crate) fn page_context() -> PageContext {
    PAGE.try_with(Clone::clone).unwrap_or_default()
}

/// Runs `future` (the rest of the request) with `context` as its page context.
pub(crate) async fn scope<F: Future>(context: PageContext, future: F) -> F::Output {
    PAGE.scope(context, future).await
}

/// Runs `f` (a response built outside the handler, such as a refusal) with `context`.
pub(crate) fn sync_scope<R>(context: PageContext, f: impl FnOnce() -> R) -> R {
    PAGE.sync_scope(context, f)
}
