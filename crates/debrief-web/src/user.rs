//! Who is asking, and when: the two things handlers take from outside the request's own data.
//!
//! [`CurrentUser`] is the one place a handler gets its user id from. In local mode it is the
//! store's single local user; in multi-user mode it is the account of the request's session,
//! which the guard (`guard.rs`) looked up before the handler ran. The clock is read here too,
//! at the edge: core never reads it.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use debrief_coach::plan::Date;
use debrief_store::StoreError;

use crate::guard::{SignedIn, sign_in_first};
use crate::pages::error_page;
use crate::views::{Link, Trouble, sentence};
use crate::{AppState, Mode};

/// The user a request acts for. Every user-data handler takes one and passes its id to the
/// store, which only ever touches that user's rows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CurrentUser {
    /// The user's id in the store.
    pub id: i64,
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
                Err(e) => Err(store_error(&e)),
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

pub(crate) use debrief_practice::clock::now;

/// The local calendar day of a unix time: the day the candidate sees on their own clock (the
/// machine's time zone), the same day the CLI uses, so a plan rebuilt on either side has the
/// same weeks and item ids.
pub(crate) fn day_of(seconds: i64) -> Date {
    debrief_practice::clock::local_date(seconds)
}

/// Today, locally.
pub(crate) fn today() -> Date {
    day_of(now())
}

/// The last second of the local day that holds `seconds`: what the "today" queue counts as due.
pub(crate) fn end_of_day(seconds: i64) -> i64 {
    debrief_practice::clock::end_of_local_day(seconds)
}

/// A unix time as `YYYYMMDDTHHMMSSZ` (an iCalendar DTSTAMP, always UTC).
pub(crate) fn ics_stamp(seconds: i64) -> String {
    let day = Date::from_days_since_epoch(seconds.div_euclid(86_400)).unwrap_or(Date::MIN);
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}{:02}{:02}Z",
        day.compact(),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// A store failure as a page: a missing row is a 404, a refused value a 400, anything else a
/// 500 that says what the store said (its messages name the file and what to do, never a
/// password).
pub(crate) fn store_error(error: &StoreError) -> Response {
    let (status, heading) = match error {
        StoreError::NotFound { what, .. } => (StatusCode::NOT_FOUND, format!("No such {what}")),
        StoreError::Invalid { .. } => (StatusCode::BAD_REQUEST, "That could not be saved".into()),
        _ => {
            tracing::error!(%error, "store error");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Your data could not be reached".into(),
            )
        }
    };
    error_page(Trouble {
        status,
        heading,
        message: sentence(&error.to_string()),
        choices_heading: "Where to go".into(),
        choices: vec![
            Link::new("Story bank", "/stories"),
            Link::new("Fit diagnostic", "/fit"),
            Link::new("Prep plan", "/plan"),
        ],
    })
}

/// A 404 page for an id that is not the user's (or not a number).
pub(crate) fn missing(what: &'static str, back: &str, back_label: &str) -> Response {
    error_page(Trouble {
        status: StatusCode::NOT_FOUND,
        heading: format!("No such {what}"),
        message: format!("There is no {what} at this address. It may have been deleted."),
        choices_heading: "Where to go".into(),
        choices: vec![Link::new(back_label, back)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_stamps_are_utc_and_days_end_after_they_start() {
        assert_eq!(ics_stamp(1_767_225_600 + 3_723), "20260101T010203Z");
        let t = 1_767_225_600 + 43_200;
        assert!(end_of_day(t) >= t && end_of_day(t) < t + 86_400 + 3_600);
        assert_eq!(day_of(end_of_day(t)), day_of(t));
        assert_ne!(day_of(end_of_day(t) + 1), day_of(t));
    }
}
