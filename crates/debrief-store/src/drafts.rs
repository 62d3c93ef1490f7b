//! Artifact drill drafts: the document a candidate is writing in a drill, saved as they type
//! (or with "Save draft" without JavaScript), one per user, kind and prompt, until the document
//! is checked. The clock of a drill runs from the first save, so a reload or another device
//! picks the drill up where it was.

use serde::{Deserialize, Serialize};

use crate::model::{check_no_nul, check_not_blank};
use crate::{Pool, Store, StoreError, is_foreign_key_violation, with_pool};

/// A saved drill draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillDraft {
    /// The artifact kind id.
    pub kind: String,
    /// The prompt id, or `""` for the candidate's own topic.
    pub prompt: String,
    /// The document as typed.
    pub text: String,
    /// When the drill began (unix seconds): the first save's `started`, kept by later saves.
    pub started_at: i64,
    /// When it was last saved.
    pub updated_at: i64,
}

type DraftRow = (String, String, String, i64, i64);

fn draft_from_row((kind, prompt, text, started_at, updated_at): DraftRow) -> DrillDraft {
    DrillDraft {
        kind,
        prompt,
        text,
        started_at,
        updated_at,
    }
}

impl Store {
    /// Saves the draft of `user_id`'s drill of `kind` on `prompt` (`""` for their own topic):
    /// creates it with `started_at`, or replaces its text and `updated_at` keeping the first
    /// `started_at`. One statement, committed when this returns.
    pub async fn save_drill_draft(
        &self,
        user_id: i64,
        kind: &str,
        prompt: &str,
        text: &str,
        started_at: i64,
        now: i64,
    ) -> Result<DrillDraft, StoreError> {
        check_not_blank("kind", kind)?;
        for (field, value) in [("kind", kind), ("prompt", prompt), ("text", text)] {
            check_no_nul(field, value)?;
        }
        let sql = "INSERT INTO drill_drafts (user_id, kind, prompt, text, started_at, updated_at) \
                   VALUES ($1, $2, $3, $4, $5, $6) \
                   ON CONFLICT (user_id, kind, prompt) DO UPDATE SET text = excluded.text, \
                   updated_at = excluded.updated_at \
                   RETURNING kind, prompt, text, started_at, updated_at";
        let row: Result<DraftRow, _> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(kind)
            .bind(prompt)
            .bind(text)
            .bind(started_at.min(now))
            .bind(now)
            .fetch_one(pool)
            .await);
        match row {
            Ok(row) => Ok(draft_from_row(row)),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// The draft of `user_id`'s drill of `kind` on `prompt`, if one is saved.
    pub async fn drill_draft(
        &self,
        user_id: i64,
        kind: &str,
        prompt: &str,
    ) -> Result<Option<DrillDraft>, StoreError> {
        let sql = "SELECT kind, prompt, text, started_at, updated_at FROM drill_drafts \
                   WHERE user_id = $1 AND kind = $2 AND prompt = $3";
        let row: Option<DraftRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(kind)
            .bind(prompt)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(draft_from_row))
    }

    /// Drops the draft of `user_id`'s drill of `kind` on `prompt` (it was checked); returns
    /// whether there was one.
    pub async fn delete_drill_draft(
        &self,
        user_id: i64,
        kind: &str,
        prompt: &str,
    ) -> Result<bool, StoreError> {
        let sql = "DELETE FROM drill_drafts WHERE user_id = $1 AND kind = $2 AND prompt = $3";
        let done = with_pool!(self, pool => sqlx::query(sql)
            .bind(user_id)
            .bind(kind)
            .bind(prompt)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| self.error(e))?;
        Ok(done > 0)
    }
}
