//! Who is asking, and whether a request that changes something may: the guard every request
//! passes ([`guard`]), the cookies and the CSRF token it checks, the [`user::CurrentUser`]
//! extractor every user-data handler takes, accounts ([`accounts`]) and the sign-in steps
//! ([`signin`]: rate limits, password checks, new sessions). Nothing here imports from
//! `routes/`; the sign-in pages there call into it.

pub mod accounts;
pub(crate) mod cookies;
pub(crate) mod csrf;
pub(crate) mod guard;
pub(crate) mod hosts;
pub mod proxies;
pub(crate) mod signin;
pub(crate) mod user;
