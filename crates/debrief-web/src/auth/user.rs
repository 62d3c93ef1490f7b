//! [`CurrentUser`]: the one place a handler gets its user id from. In local mode it is the
//! store's single local user; in multi-user mode it is the account of the request's session,
//! which the guard looked up before the handler ran.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use debrief_store::UserId;

use super::guard::{SignedIn, sign_in_first};
use crate::error::PageError;
use crate::{AppState, Mode};

/// The user a request acts for. Every user-data handler takes one and passes its id to the
/// store, which only ever touches that user's rows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CurrentUser {
    /// The user's id in the store.
    pub id: i64,
}

impl CurrentUser {
    /// The id as the application layer takes it.
    pub(crate) fn user_id(self) -> UserId {
        UserId::new(self.id)
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<CurrentUser, Response> {
        match state.auth.mode {
            Mode::Local => match state.store.local_user().await {
                Ok(user) => Ok(CurrentUser { id: user.id }),
                Err(e) => Err(PageError::from(e).into_response()),
            },
            // The guard already turned requests without a session away; refusing again here
            // means a handler can never act for nobody, whatever the routing says.
            Mode::MultiUser => match parts.extensions.get::<SignedIn>() {
                Some(user) => Ok(CurrentUser { id: user.id }),
                None => {
                    let api = parts.uri.path().starts_with("/api/");
                    Err(sign_in_first(api, &parts.method, &parts.uri))
                }
            },
        }
    }
}
