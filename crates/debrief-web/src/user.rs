//! Who is asking, and when: the two things handlers take from outside the request's own data.
//!
//! [`CurrentUser`] is the one place a handler gets its user id from. In local mode (the only
//! mode so far) it is the store's single local user; accounts and sessions will replace its
//! body, not its callers. The clock is read here too, at the edge: core never reads it.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use debrief_core::plan::Date;
use debrief_store::StoreError;

use crate::AppState;
use crate::pages::error_page;
use crate::views::{Link, Trouble, sentence};

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
        _parts: &mut Parts,
        state: &AppState,
    ) -> Result<CurrentUser, Response> {
        match state.store.local_user().await {
            Ok(user) => Ok(CurrentUser { id: user.id }),
            Err(e) => Err(store_error(&e)),
        }
    }
}

/// Now, in unix seconds, from the system clock.
pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The UTC calendar day of a unix time.
pub(crate) fn day_of(seconds: i64) -> Date {
    Date::from_days_since_epoch(seconds.div_euclid(86_400)).unwrap_or(Date::MIN)
}

/// Today (UTC).
pub(crate) fn today() -> Date {
    day_of(now())
}

/// A unix time as `YYYYMMDDTHHMMSSZ` (an iCalendar DTSTAMP).
pub(crate) fn ics_stamp(seconds: i64) -> String {
    let day = day_of(seconds);
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
    fn days_and_stamps_are_utc() {
        assert_eq!(day_of(0).to_string(), "1970-01-01");
        assert_eq!(day_of(86_399).to_string(), "1970-01-01");
        assert_eq!(day_of(1_767_225_600).to_string(), "2026-01-01");
        assert_eq!(ics_stamp(1_767_225_600 + 3_723), "20260101T010203Z");
    }
}
