//! The records the store keeps, as plain serde structs.
//!
//! They live here until debrief-core grows its own story, fit and plan types; the web app and
//! the CLI can serialize them as they are. Timestamps are unix seconds chosen by the caller.

use debrief_coach::story::Story;
use serde::{Deserialize, Serialize};

use crate::StoryId;

use crate::StoreError;

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Database id.
    pub id: i64,
    /// The name as the user typed it. Names are unique ignoring case.
    pub username: String,
    /// The argon2id PHC string. Empty for the local-mode user: no password verifies against it.
    /// Never serialized, so a `User` can go into JSON safely.
    #[serde(skip_serializing, default)]
    pub password_hash: String,
}

/// The name of the one user of local mode (see [`crate::Store::local_user`]).
pub const LOCAL_USERNAME: &str = "local";

/// A saved STAR story: the story as debrief-coach defines it, with its id and times. The store
/// keeps no story shape of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedStory {
    /// Its id.
    pub id: StoryId,
    /// The story.
    #[serde(flatten)]
    pub story: Story,
    /// When it was added (unix seconds).
    pub created_at: i64,
    /// When it last changed (unix seconds).
    pub updated_at: i64,
}

/// A saved fit-diagnostic result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FitResult {
    /// Database id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// When it was taken (unix seconds).
    pub created_at: i64,
    /// The result as JSON, exactly as saved (the shape belongs to debrief-coach).
    pub result_json: String,
}

/// A prep plan's header. The plan's weeks are rebuilt from content by debrief-coach; the store
/// keeps what it was built from and which items are done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Database id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// Company id.
    pub company: String,
    /// `"pm"` or `"pmm"`.
    pub role: String,
    /// The track within the role whose loop the plan is for (e.g. `pm-t`); `None` for the
    /// role's own loop and for plans saved before plans kept it.
    pub track: Option<String>,
    /// Level id.
    pub level: String,
    /// The interview date, `YYYY-MM-DD`.
    pub interview_date: String,
    /// When the plan was made (unix seconds).
    pub created_at: i64,
    /// What it was made from besides its loop and dates, as JSON; `None` for plans saved
    /// before plans kept it.
    pub groundwork_json: Option<String>,
}

/// Checks a role id.
pub(crate) fn check_role(field: &'static str, role: &str) -> Result<(), StoreError> {
    match role {
        "pm" | "pmm" => Ok(()),
        other => Err(StoreError::invalid(
            field,
            format!("{other:?} is not a role; use \"pm\" or \"pmm\""),
        )),
    }
}

/// Checks that a JSON column's text parses (its shape belongs to debrief-coach; the store keeps
/// the text byte for byte).
pub(crate) fn check_json(field: &'static str, text: &str) -> Result<(), StoreError> {
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => Ok(()),
        Err(e) => Err(StoreError::invalid(field, format!("not JSON: {e}"))),
    }
}

/// Checks that a required text field is not blank.
pub(crate) fn check_not_blank(field: &'static str, text: &str) -> Result<(), StoreError> {
    if text.trim().is_empty() {
        return Err(StoreError::invalid(field, "cannot be blank"));
    }
    Ok(())
}

/// Checks that free text holds no NUL character, which PostgreSQL's `text` cannot store (SQLite
/// could), so both backends refuse the same answers.
pub(crate) fn check_no_nul(field: &'static str, text: &str) -> Result<(), StoreError> {
    if text.contains('\0') {
        return Err(StoreError::invalid(
            field,
            "contains a NUL character (U+0000); remove it and try again",
        ));
    }
    Ok(())
}

/// Checks that a count, index or duration is not negative.
pub(crate) fn check_not_negative(field: &'static str, value: i64) -> Result<(), StoreError> {
    if value < 0 {
        return Err(StoreError::invalid(
            field,
            format!("{value} is negative; it counts from 0"),
        ));
    }
    Ok(())
}

/// Checks the fields of a story the store relies on.
pub(crate) fn check_story(story: &Story) -> Result<(), StoreError> {
    if story.title.trim().is_empty() {
        return Err(StoreError::invalid("title", "a story needs a title"));
    }
    for (field, text) in [
        ("title", &story.title),
        ("situation", &story.situation),
        ("task", &story.task),
        ("action", &story.action),
        ("result", &story.result),
        ("metrics", &story.metrics),
    ] {
        check_no_nul(field, text)?;
    }
    for item in &story.tags {
        check_no_nul("tags", item)?;
    }
    for item in &story.lps {
        check_no_nul("lps", item)?;
    }
    Ok(())
}

/// Checks the shape of a `YYYY-MM-DD` date (month 01-12, day 01-31; the calendar is
/// debrief-coach's business).
pub(crate) fn check_date(date: &str) -> Result<(), StoreError> {
    let bad = || {
        StoreError::invalid(
            "interview_date",
            format!("{date:?} is not a YYYY-MM-DD date"),
        )
    };
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(bad());
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = date.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(_), Some(month), Some(day))
            if (1..=12).contains(&month) && (1..=31).contains(&day) =>
        {
            Ok(())
        }
        _ => Err(bad()),
    }
}

/// Checks a username and returns its unique key (lowercased).
pub(crate) fn username_key(username: &str) -> Result<String, StoreError> {
    if username.trim().is_empty() {
        return Err(StoreError::invalid(
            "username",
            "a username cannot be blank",
        ));
    }
    if username.trim() != username {
        return Err(StoreError::invalid(
            "username",
            "a username cannot start or end with a space",
        ));
    }
    if username.chars().count() > 64 {
        return Err(StoreError::invalid("username", "at most 64 characters"));
    }
    if username.chars().any(char::is_control) {
        return Err(StoreError::invalid(
            "username",
            "a username cannot contain control characters",
        ));
    }
    Ok(username.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for good in ["2026-01-31", "1999-12-01"] {
            assert!(check_date(good).is_ok(), "{good}");
        }
        for bad in [
            "2026-1-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-32",
            "20260131",
            "２０２６-01-01",
            "2026-01-3x",
            "",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn usernames() {
        assert_eq!(username_key("Ada").ok().as_deref(), Some("ada"));
        for bad in ["", "  ", " ada", "a\u{7}b", &"x".repeat(65)] {
            assert!(username_key(bad).is_err(), "{bad:?}");
        }
    }
}
