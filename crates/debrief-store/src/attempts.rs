//! The practice history: every graded answer, from Practice or from a mock, and every document
//! checked in an artifact drill, behind the progress plots, and the questions seen lately, so a
//! new mock can avoid repeating them.

use serde::{Deserialize, Serialize};

use crate::model::{check_json, check_no_nul, check_not_blank, check_role};
use crate::page::{Page, PageRequest};
use crate::{Pool, Store, StoreError, is_foreign_key_violation, with_pool};

/// A graded answer to record: the input of [`Store::record_attempt`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAttempt {
    /// `"practice"`, `"mock"` or `"artifact"`.
    pub source: String,
    /// The mock it was answered in: required for `"mock"`, none for `"practice"` and
    /// `"artifact"`. It must be one of the user's mocks.
    pub mock_id: Option<i64>,
    /// The question answered, if it was one from the pack.
    pub question_id: Option<String>,
    /// The round kind id it was graded as (`artifact:<kind id>` for a drill).
    pub round_kind: String,
    /// `"pm"`, `"pmm"` or none.
    pub role: Option<String>,
    /// Company id, if any.
    pub company: Option<String>,
    /// The overall score, 0 to 100.
    pub score: i64,
    /// The rating id the grader gave.
    pub rating: String,
    /// The answer (or the document) as graded.
    pub answer: String,
    /// Scores per rubric dimension and the LPs tested, as JSON (the shape belongs to
    /// debrief-coach; a drill adds its sections), kept byte for byte.
    pub summary_json: String,
}

/// A recorded attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Database id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// `"practice"`, `"mock"` or `"artifact"`.
    pub source: String,
    /// The mock it was answered in; none for practice, and once that mock was deleted.
    pub mock_id: Option<i64>,
    /// The question answered, if it was one from the pack.
    pub question_id: Option<String>,
    /// The round kind id it was graded as (`artifact:<kind id>` for a drill).
    pub round_kind: String,
    /// `"pm"`, `"pmm"` or none.
    pub role: Option<String>,
    /// Company id, if any.
    pub company: Option<String>,
    /// The overall score, 0 to 100.
    pub score: i64,
    /// The rating id the grader gave.
    pub rating: String,
    /// The answer (or the document) as graded.
    pub answer: String,
    /// The summary as JSON, exactly as saved.
    pub summary_json: String,
    /// When it was graded (unix seconds).
    pub created_at: i64,
}

type AttemptRow = (
    i64,
    i64,
    String,
    Option<i64>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    i64,
    String,
    String,
    String,
    i64,
);

fn attempt_from_row(row: AttemptRow) -> Attempt {
    let (
        id,
        user_id,
        source,
        mock_id,
        question_id,
        round_kind,
        role,
        company,
        score,
        rating,
        a,
        j,
        c,
    ) = row;
    Attempt {
        id,
        user_id,
        source,
        mock_id,
        question_id,
        round_kind,
        role,
        company,
        score,
        rating,
        answer: a,
        summary_json: j,
        created_at: c,
    }
}

fn check_attempt(attempt: &NewAttempt) -> Result<(), StoreError> {
    match (attempt.source.as_str(), attempt.mock_id) {
        ("practice" | "artifact", None) | ("mock", Some(_)) => {}
        ("practice" | "artifact", Some(_)) => {
            return Err(StoreError::invalid(
                "mock_id",
                "only a mock attempt belongs to a mock; use source \"mock\"",
            ));
        }
        ("mock", None) => {
            return Err(StoreError::invalid(
                "mock_id",
                "a mock attempt needs the id of its mock",
            ));
        }
        (other, _) => {
            return Err(StoreError::invalid(
                "source",
                format!("{other:?} is not a source; use \"practice\", \"mock\" or \"artifact\""),
            ));
        }
    }
    check_not_blank("round_kind", &attempt.round_kind)?;
    if let Some(role) = &attempt.role {
        check_role("role", role)?;
    }
    if !(0..=100).contains(&attempt.score) {
        return Err(StoreError::invalid(
            "score",
            format!("{} is not a score from 0 to 100", attempt.score),
        ));
    }
    check_not_blank("rating", &attempt.rating)?;
    check_no_nul("answer", &attempt.answer)?;
    check_json("summary_json", &attempt.summary_json)
}

impl Store {
    /// Records a graded answer of `user_id` made `now`. [`StoreError::NotFound`] when
    /// `mock_id` is not one of the user's mocks.
    pub async fn record_attempt(
        &self,
        user_id: i64,
        attempt: &NewAttempt,
        now: i64,
    ) -> Result<Attempt, StoreError> {
        check_attempt(attempt)?;
        // One statement: the row is written only if the mock, when there is one, is the user's.
        let sql = "INSERT INTO attempts (user_id, source, mock_id, question_id, round_kind, role, \
                   company, score, rating, answer, summary_json, created_at) \
                   SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 \
                   WHERE $3 IS NULL OR EXISTS (SELECT 1 FROM mocks WHERE id = $3 AND user_id = $1) \
                   RETURNING id";
        let row: Result<Option<(i64,)>, _> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(&attempt.source)
            .bind(attempt.mock_id)
            .bind(&attempt.question_id)
            .bind(&attempt.round_kind)
            .bind(&attempt.role)
            .bind(&attempt.company)
            .bind(attempt.score)
            .bind(&attempt.rating)
            .bind(&attempt.answer)
            .bind(&attempt.summary_json)
            .bind(now)
            .fetch_optional(pool)
            .await);
        match row {
            Ok(Some((id,))) => Ok(Attempt {
                id,
                user_id,
                source: attempt.source.clone(),
                mock_id: attempt.mock_id,
                question_id: attempt.question_id.clone(),
                round_kind: attempt.round_kind.clone(),
                role: attempt.role.clone(),
                company: attempt.company.clone(),
                score: attempt.score,
                rating: attempt.rating.clone(),
                answer: attempt.answer.clone(),
                summary_json: attempt.summary_json.clone(),
                created_at: now,
            }),
            Ok(None) => Err(StoreError::NotFound {
                what: "mock",
                id: attempt.mock_id.unwrap_or_default(),
            }),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// All attempts of `user_id`, oldest first (by `created_at`, then id), as the progress
    /// plots read them.
    pub async fn attempts(&self, user_id: i64) -> Result<Vec<Attempt>, StoreError> {
        let sql = "SELECT id, user_id, source, mock_id, question_id, round_kind, role, company, \
                   score, rating, answer, summary_json, created_at FROM attempts \
                   WHERE user_id = $1 ORDER BY created_at ASC, id ASC";
        let rows: Vec<AttemptRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(attempt_from_row).collect())
    }

    /// Attempt `id` of `user_id`; `None` when the user has no such attempt.
    pub async fn attempt(&self, user_id: i64, id: i64) -> Result<Option<Attempt>, StoreError> {
        let sql = "SELECT id, user_id, source, mock_id, question_id, round_kind, role, company, \
                   score, rating, answer, summary_json, created_at FROM attempts \
                   WHERE id = $1 AND user_id = $2";
        let row: Option<AttemptRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(id)
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(attempt_from_row))
    }

    /// One page of the attempts of `user_id`, newest first (the reverse of
    /// [`Store::attempts`]), with how many there are in all: the history a person reads.
    pub async fn attempts_page(
        &self,
        user_id: i64,
        request: PageRequest,
    ) -> Result<Page<Attempt>, StoreError> {
        let sql = "SELECT id, user_id, source, mock_id, question_id, round_kind, role, company, \
                   score, rating, answer, summary_json, created_at FROM attempts \
                   WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3";
        let (rows, total) = self
            .page_rows::<AttemptRow>(
                "SELECT COUNT(*) FROM attempts WHERE user_id = $1",
                sql,
                user_id,
                request,
            )
            .await?;
        Ok(Page::new(
            rows.into_iter().map(attempt_from_row).collect(),
            total,
            request,
        ))
    }

    /// The text of the latest `limit` answers of `user_id` graded on the Practice page (source
    /// `"practice"`), newest first.
    pub async fn latest_practice_answers(
        &self,
        user_id: i64,
        limit: usize,
    ) -> Result<Vec<String>, StoreError> {
        let sql = "SELECT answer FROM attempts WHERE user_id = $1 AND source = 'practice' \
                   ORDER BY created_at DESC, id DESC LIMIT $2";
        let rows: Vec<(String,)> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(i64::try_from(limit).unwrap_or(i64::MAX))
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(|(answer,)| answer).collect())
    }

    /// The ids of the questions `user_id` met most recently, newest first, each once, at most
    /// `limit` of them: from attempts, and from the answers typed into the user's mocks
    /// (questions only: probe answers name probes, not questions). A question's time is its
    /// latest attempt or answer change; ties go by id. For drawing a new mock without repeats.
    pub async fn recent_question_ids(
        &self,
        user_id: i64,
        limit: usize,
    ) -> Result<Vec<String>, StoreError> {
        let sql = "SELECT question_id, MAX(seen_at) FROM ( \
                   SELECT question_id, created_at AS seen_at FROM attempts \
                   WHERE user_id = $1 AND question_id IS NOT NULL \
                   UNION ALL \
                   SELECT a.prompt_id, a.updated_at FROM mock_answers a \
                   JOIN mocks m ON m.id = a.mock_id WHERE m.user_id = $1 AND a.probe_index = 0 \
                   ) seen GROUP BY question_id";
        let rows: Vec<(String, i64)> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        // Ordered here, not in SQL: PostgreSQL compares text by the server's collation and
        // SQLite by bytes, and ties must break the same way on both.
        let mut seen = rows;
        seen.sort_by(|(a_id, a_at), (b_id, b_at)| b_at.cmp(a_at).then_with(|| a_id.cmp(b_id)));
        seen.truncate(limit);
        Ok(seen.into_iter().map(|(id, _)| id).collect())
    }
}
