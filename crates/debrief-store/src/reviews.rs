//! Spaced-repetition review cards: the FSRS state of each weak area of a user (a round kind or a
//! leadership principle). The scheduling itself is debrief-coach's; the store keeps the state.

use serde::{Deserialize, Serialize};

use crate::model::{check_not_blank, check_not_negative};
use crate::{Pool, Store, StoreError, is_foreign_key_violation, with_pool};

/// The review state of one weak area, as the FSRS scheduler leaves it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewCard {
    /// The card's key: `kind:<round kind id>` or `lp:<principle id>`. Unique per user.
    pub card: String,
    /// `"new"`, `"learning"`, `"review"` or `"relearning"`.
    pub state: String,
    /// When it is next due (unix seconds).
    pub due: i64,
    /// FSRS memory stability, in days (finite, not negative).
    pub stability: f64,
    /// FSRS difficulty (finite, not negative).
    pub difficulty: f64,
    /// How many times it was reviewed.
    pub reps: i64,
    /// How many times it was forgotten after being learnt.
    pub lapses: i64,
    /// When it was last reviewed, if ever.
    pub last_review: Option<i64>,
}

type CardRow = (String, String, i64, f64, f64, i64, i64, Option<i64>);

fn card_from_row(row: CardRow) -> ReviewCard {
    let (card, state, due, stability, difficulty, reps, lapses, last_review) = row;
    ReviewCard {
        card,
        state,
        due,
        stability,
        difficulty,
        reps,
        lapses,
        last_review,
    }
}

macro_rules! card_columns {
    () => {
        "card, state, due, stability, difficulty, reps, lapses, last_review"
    };
}

fn check_card(card: &ReviewCard) -> Result<(), StoreError> {
    check_not_blank("card", &card.card)?;
    match card.state.as_str() {
        "new" | "learning" | "review" | "relearning" => {}
        other => {
            return Err(StoreError::invalid(
                "state",
                format!(
                    "{other:?} is not a card state; use \"new\", \"learning\", \"review\" or \
                     \"relearning\""
                ),
            ));
        }
    }
    for (field, value) in [
        ("stability", card.stability),
        ("difficulty", card.difficulty),
    ] {
        // SQLite would store NaN as NULL and PostgreSQL would keep it: refuse it on both.
        if !value.is_finite() || value < 0.0 {
            return Err(StoreError::invalid(
                field,
                format!("{value} is not a finite number of at least 0"),
            ));
        }
    }
    check_not_negative("reps", card.reps)?;
    check_not_negative("lapses", card.lapses)
}

/// Sorts cards by due time, then key (bytewise on both backends, whatever the server's collation).
fn by_due(mut cards: Vec<ReviewCard>) -> Vec<ReviewCard> {
    cards.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.card.cmp(&b.card)));
    cards
}

const PUT_CARD: &str = "INSERT INTO review_cards (user_id, card, state, due, stability, \
                        difficulty, reps, lapses, last_review) \
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                        ON CONFLICT (user_id, card) DO UPDATE SET state = excluded.state, \
                        due = excluded.due, stability = excluded.stability, \
                        difficulty = excluded.difficulty, reps = excluded.reps, \
                        lapses = excluded.lapses, last_review = excluded.last_review";

impl Store {
    /// Saves `card` for `user_id`, replacing the card with the same key.
    pub async fn put_card(&self, user_id: i64, card: &ReviewCard) -> Result<(), StoreError> {
        self.put_cards(user_id, std::slice::from_ref(card)).await
    }

    /// Saves several cards of `user_id` in one transaction: all of them or, on any error, none
    /// (one graded answer moves its round kind's card and each LP's card together).
    pub async fn put_cards(&self, user_id: i64, cards: &[ReviewCard]) -> Result<(), StoreError> {
        for card in cards {
            check_card(card)?;
        }
        let done: Result<(), sqlx::Error> = with_pool!(self, pool => async {
            let mut tx = pool.begin().await?;
            for card in cards {
                sqlx::query(PUT_CARD)
                    .bind(user_id)
                    .bind(&card.card)
                    .bind(&card.state)
                    .bind(card.due)
                    .bind(card.stability)
                    .bind(card.difficulty)
                    .bind(card.reps)
                    .bind(card.lapses)
                    .bind(card.last_review)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await
        }.await);
        match done {
            Ok(()) => Ok(()),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// The card `key` of `user_id`, if saved.
    pub async fn card(&self, user_id: i64, key: &str) -> Result<Option<ReviewCard>, StoreError> {
        let sql = concat!(
            "SELECT ",
            card_columns!(),
            " FROM review_cards WHERE user_id = $1 AND card = $2"
        );
        let row: Option<CardRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(key)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(card_from_row))
    }

    /// All cards of `user_id`, by due time, then key.
    pub async fn cards(&self, user_id: i64) -> Result<Vec<ReviewCard>, StoreError> {
        self.cards_due_by(user_id, i64::MAX).await
    }

    /// The cards of `user_id` due at or before `until`, soonest first, then by key.
    pub async fn due_cards(&self, user_id: i64, until: i64) -> Result<Vec<ReviewCard>, StoreError> {
        self.cards_due_by(user_id, until).await
    }

    async fn cards_due_by(&self, user_id: i64, until: i64) -> Result<Vec<ReviewCard>, StoreError> {
        let sql = concat!(
            "SELECT ",
            card_columns!(),
            " FROM review_cards WHERE user_id = $1 AND due <= $2"
        );
        let rows: Vec<CardRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(until)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(by_due(rows.into_iter().map(card_from_row).collect()))
    }
}
