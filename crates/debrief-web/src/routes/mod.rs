//! The handlers, one file per area. Each reads its parameters, calls the catalog, the store or
//! a `debrief_practice` workflow, and renders a view: pages return
//! `Result<Response, PageError>` and use `?`, the JSON API returns `ApiError`s
//! (see `error.rs`). Routes import from `ui/`, `auth/` and the low-level modules, never from
//! one another, and nothing outside `routes/` imports from here but the router in `lib.rs`.

pub(crate) mod api;
pub(crate) mod artifacts;
pub(crate) mod examples;
pub(crate) mod fit;
pub(crate) mod guides;
pub(crate) mod home;
pub(crate) mod login;
pub(crate) mod loops;
pub(crate) mod lp;
pub(crate) mod mock;
pub(crate) mod offers;
pub(crate) mod pay;
pub(crate) mod plan;
pub(crate) mod practice;
pub(crate) mod profile;
pub(crate) mod progress;
pub(crate) mod questions;
pub(crate) mod stories;
