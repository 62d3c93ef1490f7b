//! What every page of one request needs from the guard: the CSRF token to write into its forms
//! and who is signed in. The guard (`auth::guard`) sets it for the handler's task; page view
//! models (`ui::Meta::new`) read it. It lives here, below both, so neither imports the other.

use std::future::Future;

/// The page context of one request.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageContext {
    /// The request's CSRF token; empty outside a request (unit tests).
    pub csrf: String,
    /// The signed-in username in multi-user mode; `None` in local mode.
    pub account: Option<String>,
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
