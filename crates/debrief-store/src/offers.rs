//! Job offers a candidate saved to compare. The offer's fields are the application's
//! (debrief-practice's `OfferDraft`), kept as JSON byte for byte; the store keeps only the name
//! beside it so a list can be shown without parsing every offer.

use serde::{Deserialize, Serialize};

use crate::ids::OfferId;
use crate::model::{check_json, check_no_nul, check_not_blank};
use crate::{Pool, Store, StoreError, is_foreign_key_violation, with_pool};

/// A saved offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedOffer {
    /// Its id.
    pub id: OfferId,
    /// Owner.
    pub user_id: i64,
    /// When it was saved (unix seconds).
    pub created_at: i64,
    /// What the candidate calls it.
    pub name: String,
    /// The offer as JSON, exactly as saved.
    pub offer_json: String,
}

type OfferRow = (i64, i64, i64, String, String);

fn offer_from_row((id, user_id, created_at, name, offer_json): OfferRow) -> SavedOffer {
    SavedOffer {
        id: OfferId::new(id),
        user_id,
        created_at,
        name,
        offer_json,
    }
}

impl Store {
    /// Saves an offer of `user_id` named `name` (its fields as JSON), made at `created_at`.
    pub async fn save_offer(
        &self,
        user_id: i64,
        created_at: i64,
        name: &str,
        offer_json: &str,
    ) -> Result<SavedOffer, StoreError> {
        check_not_blank("name", name)?;
        check_no_nul("name", name)?;
        check_json("offer_json", offer_json)?;
        check_no_nul("offer_json", offer_json)?;
        let sql = "INSERT INTO offers (user_id, created_at, name, offer_json) \
                   VALUES ($1, $2, $3, $4) RETURNING id";
        let row: Result<(i64,), _> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(created_at)
            .bind(name)
            .bind(offer_json)
            .fetch_one(pool)
            .await);
        match row {
            Ok((id,)) => Ok(offer_from_row((
                id,
                user_id,
                created_at,
                name.to_owned(),
                offer_json.to_owned(),
            ))),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Every offer of `user_id`, oldest first (the order a candidate added them to compare).
    pub async fn offers(&self, user_id: i64) -> Result<Vec<SavedOffer>, StoreError> {
        let sql = "SELECT id, user_id, created_at, name, offer_json FROM offers \
                   WHERE user_id = $1 ORDER BY created_at, id";
        let rows: Vec<OfferRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(offer_from_row).collect())
    }

    /// Offer `id` of `user_id`, if the user has it.
    pub async fn offer(&self, user_id: i64, id: OfferId) -> Result<Option<SavedOffer>, StoreError> {
        let sql = "SELECT id, user_id, created_at, name, offer_json FROM offers \
                   WHERE id = $1 AND user_id = $2";
        let row: Option<OfferRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(id.get())
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(offer_from_row))
    }

    /// Deletes offer `id` of `user_id`; not found when the user has no such offer.
    pub async fn delete_offer(&self, user_id: i64, id: OfferId) -> Result<(), StoreError> {
        let sql = "DELETE FROM offers WHERE id = $1 AND user_id = $2";
        let done = with_pool!(self, pool => sqlx::query(sql)
            .bind(id.get())
            .bind(user_id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| self.error(e))?;
        if done == 0 {
            return Err(StoreError::NotFound {
                what: "offer",
                id: id.get(),
            });
        }
        Ok(())
    }
}
