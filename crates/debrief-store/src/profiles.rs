//! The candidate's profile: the company, role, level, track and interview date they are
//! preparing for, one row per user. The application layer checks the ids against the content;
//! the store checks only what it relies on (a role id, a date's shape, no blank or NUL text).

use serde::{Deserialize, Serialize};

use crate::model::{check_date, check_no_nul, check_not_blank, check_role};
use crate::{Pool, Store, StoreError, is_foreign_key_violation, with_pool};

/// A profile to save: every field, as the application layer checked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewProfile<'a> {
    /// Company id.
    pub company: &'a str,
    /// `"pm"` or `"pmm"`.
    pub role: &'a str,
    /// Level id at the company.
    pub level: &'a str,
    /// A track within the role (e.g. `pm-t`), if one is chosen.
    pub track: Option<&'a str>,
    /// The interview date, `YYYY-MM-DD`, if one is known.
    pub interview_date: Option<&'a str>,
}

/// A saved profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedProfile {
    /// Owner.
    pub user_id: i64,
    /// Company id.
    pub company: String,
    /// `"pm"` or `"pmm"`.
    pub role: String,
    /// Level id.
    pub level: String,
    /// Track id, if one was chosen.
    pub track: Option<String>,
    /// The interview date, `YYYY-MM-DD`, if one was given.
    pub interview_date: Option<String>,
    /// When it last changed (unix seconds).
    pub updated_at: i64,
}

type ProfileRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
);

fn profile_from_row(row: ProfileRow) -> SavedProfile {
    let (user_id, company, role, level, track, interview_date, updated_at) = row;
    SavedProfile {
        user_id,
        company,
        role,
        level,
        track,
        interview_date,
        updated_at,
    }
}

fn check_profile(profile: &NewProfile<'_>) -> Result<(), StoreError> {
    for (field, text) in [("company", profile.company), ("level", profile.level)] {
        check_not_blank(field, text)?;
        check_no_nul(field, text)?;
    }
    check_role("role", profile.role)?;
    if let Some(track) = profile.track {
        check_not_blank("track", track)?;
        check_no_nul("track", track)?;
    }
    if let Some(date) = profile.interview_date {
        check_date(date)?;
    }
    Ok(())
}

impl Store {
    /// The profile of `user_id`, if they saved one.
    pub async fn profile(&self, user_id: i64) -> Result<Option<SavedProfile>, StoreError> {
        let sql = "SELECT user_id, company, role, level, track, interview_date, updated_at \
                   FROM profiles WHERE user_id = $1";
        let row: Option<ProfileRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(profile_from_row))
    }

    /// Saves the profile of `user_id` (replacing the one they had), changed at `updated_at`.
    pub async fn save_profile(
        &self,
        user_id: i64,
        profile: &NewProfile<'_>,
        updated_at: i64,
    ) -> Result<SavedProfile, StoreError> {
        check_profile(profile)?;
        // One statement: a second save, even at the same moment, replaces the row.
        let sql = "INSERT INTO profiles \
                   (user_id, company, role, level, track, interview_date, updated_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7) \
                   ON CONFLICT (user_id) DO UPDATE SET company = excluded.company, \
                   role = excluded.role, level = excluded.level, track = excluded.track, \
                   interview_date = excluded.interview_date, updated_at = excluded.updated_at \
                   RETURNING user_id, company, role, level, track, interview_date, updated_at";
        let row: Result<ProfileRow, _> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(profile.company)
            .bind(profile.role)
            .bind(profile.level)
            .bind(profile.track)
            .bind(profile.interview_date)
            .bind(updated_at)
            .fetch_one(pool)
            .await);
        match row {
            Ok(row) => Ok(profile_from_row(row)),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Forgets the profile of `user_id`; returns whether there was one.
    pub async fn clear_profile(&self, user_id: i64) -> Result<bool, StoreError> {
        let sql = "DELETE FROM profiles WHERE user_id = $1";
        let done = with_pool!(self, pool => sqlx::query(sql)
            .bind(user_id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| self.error(e))?;
        Ok(done > 0)
    }
}
