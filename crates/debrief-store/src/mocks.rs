//! Mock loops: the mock itself (the plan drawn for it and, once finished, its debrief), the clock
//! of each round, and the answers typed into it, saved as drafts while the candidate types and
//! handed in once.
//!
//! A mock's rounds and answers have no `user_id` of their own: every statement that touches them
//! joins or checks `mocks.user_id` in the same statement or transaction, so another user's mock
//! behaves exactly like a missing one.

use serde::{Deserialize, Serialize};

use crate::model::{check_json, check_no_nul, check_not_blank, check_not_negative, check_role};
use crate::page::{Page, PageRequest};
use crate::{Pool, Store, StoreError, is_foreign_key_violation, with_pool};

/// Which of a user's mocks a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MockFilter {
    /// Every mock.
    All,
    /// Mocks not finished yet.
    InProgress,
    /// Finished mocks (every box handed in, or ended early).
    Finished,
}

/// A mock loop to start: the input of [`Store::create_mock`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMock {
    /// Company id.
    pub company: String,
    /// `"pm"` or `"pmm"`.
    pub role: String,
    /// Level id.
    pub level: String,
    /// The seed the questions were drawn with, so the draw can be explained and repeated.
    pub seed: i64,
    /// The rounds and questions drawn (debrief-coach's mock plan as JSON), kept byte for byte.
    pub plan_json: String,
}

/// A stored mock loop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mock {
    /// Database id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// Company id.
    pub company: String,
    /// `"pm"` or `"pmm"`.
    pub role: String,
    /// Level id.
    pub level: String,
    /// The seed the questions were drawn with.
    pub seed: i64,
    /// The plan as JSON, exactly as saved.
    pub plan_json: String,
    /// When it was created (unix seconds).
    pub created_at: i64,
    /// When it, or an answer in it, last changed (unix seconds).
    pub updated_at: i64,
    /// When it was first finished, if it was.
    pub finished_at: Option<i64>,
    /// Its debrief as JSON, once finished (the latest one when finished again).
    pub debrief_json: Option<String>,
}

/// One answer box of a mock: question `question_index` of round `round_index`, and
/// `probe_index` 0 for the question itself, 1.. for its follow-up probes. All count from 0.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct AnswerSlot {
    /// Which round of the mock.
    pub round_index: i64,
    /// Which question of the round.
    pub question_index: i64,
    /// 0 for the question, 1.. for its probes.
    pub probe_index: i64,
}

impl AnswerSlot {
    /// The slot of probe `probe_index` of question `question_index` in round `round_index`.
    pub fn new(round_index: i64, question_index: i64, probe_index: i64) -> AnswerSlot {
        AnswerSlot {
            round_index,
            question_index,
            probe_index,
        }
    }

    fn check(&self) -> Result<(), StoreError> {
        check_not_negative("round_index", self.round_index)?;
        check_not_negative("question_index", self.question_index)?;
        check_not_negative("probe_index", self.probe_index)
    }
}

/// An answer handed in: the input of [`Store::submit_answer`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    /// The question id, or the probe id for a follow-up.
    pub prompt_id: String,
    /// The answer as handed in.
    pub text: String,
    /// Seconds the candidate spent on it.
    pub elapsed_seconds: i64,
    /// The grader's report as JSON, kept byte for byte.
    pub report_json: String,
}

/// A stored answer of a mock: a draft until `submitted_at` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockAnswer {
    /// The mock it belongs to.
    pub mock_id: i64,
    /// Which answer box.
    pub slot: AnswerSlot,
    /// The question id, or the probe id for a follow-up.
    pub prompt_id: String,
    /// The text, exactly as last saved.
    pub text: String,
    /// When the first draft (or the submission, without a draft) was saved.
    pub started_at: i64,
    /// When the text last changed.
    pub updated_at: i64,
    /// When it was handed in; `None` while it is a draft.
    pub submitted_at: Option<i64>,
    /// Seconds spent on it, set when handed in.
    pub elapsed_seconds: Option<i64>,
    /// The grader's report as JSON, set when handed in.
    pub report_json: Option<String>,
}

impl MockAnswer {
    /// Whether it was handed in (and so can no longer change).
    pub fn is_submitted(&self) -> bool {
        self.submitted_at.is_some()
    }
}

/// When a round of a mock was opened and closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundClock {
    /// The mock.
    pub mock_id: i64,
    /// Which round, from 0.
    pub round_index: i64,
    /// When the candidate first opened it; the round's clock runs from here.
    pub started_at: i64,
    /// When it was first closed, if it was.
    pub ended_at: Option<i64>,
}

macro_rules! mock_columns {
    () => {
        "id, user_id, company, role, level, seed, plan_json, created_at, updated_at, finished_at, \
         debrief_json"
    };
}

macro_rules! answer_columns {
    () => {
        "mock_id, round_index, question_index, probe_index, prompt_id, text, started_at, \
         updated_at, submitted_at, elapsed_seconds, report_json"
    };
}

type MockRow = (
    i64,
    i64,
    String,
    String,
    String,
    i64,
    String,
    i64,
    i64,
    Option<i64>,
    Option<String>,
);

type AnswerRow = (
    i64,
    i64,
    i64,
    i64,
    String,
    String,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

type RoundRow = (i64, i64, i64, Option<i64>);

fn mock_from_row(row: MockRow) -> Mock {
    let (id, user_id, company, role, level, seed, plan_json, created_at, updated_at, f, d) = row;
    Mock {
        id,
        user_id,
        company,
        role,
        level,
        seed,
        plan_json,
        created_at,
        updated_at,
        finished_at: f,
        debrief_json: d,
    }
}

fn answer_from_row(row: AnswerRow) -> MockAnswer {
    let (mock_id, round, question, probe, prompt_id, text, started_at, updated_at, s, e, r) = row;
    MockAnswer {
        mock_id,
        slot: AnswerSlot::new(round, question, probe),
        prompt_id,
        text,
        started_at,
        updated_at,
        submitted_at: s,
        elapsed_seconds: e,
        report_json: r,
    }
}

fn round_from_row((mock_id, round_index, started_at, ended_at): RoundRow) -> RoundClock {
    RoundClock {
        mock_id,
        round_index,
        started_at,
        ended_at,
    }
}

fn already_handed_in() -> StoreError {
    StoreError::invalid("answer", "that answer was already handed in")
}

/// What a write into a mock's answers came to, decided inside its transaction.
enum AnswerWrite {
    /// The user has no such mock.
    NoMock,
    /// The slot was already handed in; nothing changed.
    HandedIn,
    /// Saved.
    Saved(AnswerRow),
}

/// Writes an answer in one transaction on `$pool`: sets the mock's `updated_at` if the mock is
/// the user's (the ownership check, in the same transaction; being a write, it also takes
/// SQLite's write lock at once rather than upgrading a read lock later), then runs `$upsert`,
/// an answer upsert returning the row, or none when the slot was already handed in. Commits
/// only a saved answer; otherwise rolls back, so a refused write changes nothing.
macro_rules! write_answer {
    ($pool:expr, $user_id:expr, $mock_id:expr, $now:expr, $upsert:expr) => {
        async {
            let mut tx = $pool.begin().await?;
            let touched =
                sqlx::query("UPDATE mocks SET updated_at = $1 WHERE id = $2 AND user_id = $3")
                    .bind($now)
                    .bind($mock_id)
                    .bind($user_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            if touched == 0 {
                tx.rollback().await?;
                return Ok::<_, sqlx::Error>(AnswerWrite::NoMock);
            }
            let row: Option<AnswerRow> = $upsert.fetch_optional(&mut *tx).await?;
            match row {
                Some(row) => {
                    tx.commit().await?;
                    Ok(AnswerWrite::Saved(row))
                }
                None => {
                    tx.rollback().await?;
                    Ok(AnswerWrite::HandedIn)
                }
            }
        }
        .await
    };
}

impl Store {
    /// Starts a mock loop for `user_id`, created and updated `now`.
    pub async fn create_mock(
        &self,
        user_id: i64,
        mock: &NewMock,
        now: i64,
    ) -> Result<Mock, StoreError> {
        check_not_blank("company", &mock.company)?;
        check_role("role", &mock.role)?;
        check_not_blank("level", &mock.level)?;
        check_json("plan_json", &mock.plan_json)?;
        let sql = concat!(
            "INSERT INTO mocks (user_id, company, role, level, seed, plan_json, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ",
            mock_columns!()
        );
        let row: Result<MockRow, _> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(&mock.company)
            .bind(&mock.role)
            .bind(&mock.level)
            .bind(mock.seed)
            .bind(&mock.plan_json)
            .bind(now)
            .fetch_one(pool)
            .await);
        match row {
            Ok(row) => Ok(mock_from_row(row)),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Mock `id` of `user_id`, if the user has it.
    pub async fn mock(&self, user_id: i64, id: i64) -> Result<Option<Mock>, StoreError> {
        let sql = concat!(
            "SELECT ",
            mock_columns!(),
            " FROM mocks WHERE id = $1 AND user_id = $2"
        );
        let row: Option<MockRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(id)
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(mock_from_row))
    }

    /// All mocks of `user_id`, newest first (by `created_at`, then id).
    pub async fn mocks(&self, user_id: i64) -> Result<Vec<Mock>, StoreError> {
        let sql = concat!(
            "SELECT ",
            mock_columns!(),
            " FROM mocks WHERE user_id = $1 ORDER BY created_at DESC, id DESC"
        );
        let rows: Vec<MockRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(mock_from_row).collect())
    }

    /// One page of the mocks of `user_id` that `filter` keeps, in the order of [`Store::mocks`],
    /// with how many it keeps in all.
    pub async fn mocks_page(
        &self,
        user_id: i64,
        filter: MockFilter,
        request: PageRequest,
    ) -> Result<Page<Mock>, StoreError> {
        // Written out per filter so every statement is a constant.
        macro_rules! page_sql {
            ($where:literal) => {
                (
                    concat!("SELECT COUNT(*) FROM mocks WHERE user_id = $1", $where),
                    concat!(
                        "SELECT ",
                        mock_columns!(),
                        " FROM mocks WHERE user_id = $1",
                        $where,
                        " ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
                    ),
                )
            };
        }
        let (count, select) = match filter {
            MockFilter::All => page_sql!(""),
            MockFilter::InProgress => page_sql!(" AND finished_at IS NULL"),
            MockFilter::Finished => page_sql!(" AND finished_at IS NOT NULL"),
        };
        let (rows, total) = self
            .page_rows::<MockRow>(count, select, user_id, request)
            .await?;
        Ok(Page::new(
            rows.into_iter().map(mock_from_row).collect(),
            total,
            request,
        ))
    }

    /// Deletes mock `id` of `user_id` with its round clocks and answers. Attempts recorded from
    /// it stay in the history, no longer linked to a mock. [`StoreError::NotFound`] when the
    /// user has no such mock.
    pub async fn delete_mock(&self, user_id: i64, id: i64) -> Result<(), StoreError> {
        let sql = "DELETE FROM mocks WHERE id = $1 AND user_id = $2";
        let done = with_pool!(self, pool => sqlx::query(sql)
            .bind(id)
            .bind(user_id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| self.error(e))?;
        if done == 0 {
            return Err(StoreError::NotFound { what: "mock", id });
        }
        Ok(())
    }

    /// Finishes mock `id` with its debrief (JSON, kept byte for byte). Finishing again replaces
    /// the debrief and keeps the first `finished_at`. [`StoreError::NotFound`] when the user has
    /// no such mock.
    pub async fn finish_mock(
        &self,
        user_id: i64,
        id: i64,
        debrief_json: &str,
        now: i64,
    ) -> Result<Mock, StoreError> {
        check_json("debrief_json", debrief_json)?;
        let sql = concat!(
            "UPDATE mocks SET finished_at = COALESCE(finished_at, $1), debrief_json = $2, \
             updated_at = $1 WHERE id = $3 AND user_id = $4 RETURNING ",
            mock_columns!()
        );
        let row: Option<MockRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(now)
            .bind(debrief_json)
            .bind(id)
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        row.map(mock_from_row)
            .ok_or(StoreError::NotFound { what: "mock", id })
    }

    // ----- round clocks ------------------------------------------------------------------

    /// Opens round `round_index` of mock `mock_id` at `now`, or, when it was opened before,
    /// keeps the first time (reloading a page does not restart the clock). Returns the stored
    /// clock. [`StoreError::NotFound`] when the user has no such mock.
    pub async fn start_round(
        &self,
        user_id: i64,
        mock_id: i64,
        round_index: i64,
        now: i64,
    ) -> Result<RoundClock, StoreError> {
        check_not_negative("round_index", round_index)?;
        // One statement: the clock is written only if the mock is the user's. The no-op update
        // makes RETURNING give the stored row on both backends when the round already exists.
        let sql = "INSERT INTO mock_rounds (mock_id, round_index, started_at) \
                   SELECT id, $1, $2 FROM mocks WHERE id = $3 AND user_id = $4 \
                   ON CONFLICT (mock_id, round_index) \
                   DO UPDATE SET started_at = mock_rounds.started_at \
                   RETURNING mock_id, round_index, started_at, ended_at";
        let row: Option<RoundRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(round_index)
            .bind(now)
            .bind(mock_id)
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        row.map(round_from_row).ok_or(StoreError::NotFound {
            what: "mock",
            id: mock_id,
        })
    }

    /// Closes round `round_index` of mock `mock_id` at `now`; the first close wins. Returns the
    /// stored clock. [`StoreError::NotFound`] for a mock the user does not have ("mock") or a
    /// round never started ("round").
    pub async fn end_round(
        &self,
        user_id: i64,
        mock_id: i64,
        round_index: i64,
        now: i64,
    ) -> Result<RoundClock, StoreError> {
        check_not_negative("round_index", round_index)?;
        let sql = "UPDATE mock_rounds SET ended_at = COALESCE(ended_at, $1) \
                   WHERE mock_id = $2 AND round_index = $3 \
                   AND EXISTS (SELECT 1 FROM mocks WHERE id = $2 AND user_id = $4) \
                   RETURNING mock_id, round_index, started_at, ended_at";
        let row: Option<RoundRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(now)
            .bind(mock_id)
            .bind(round_index)
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        match row {
            Some(row) => Ok(round_from_row(row)),
            None => Err(self
                .missing_in_mock(user_id, mock_id, "round", round_index)
                .await),
        }
    }

    /// The clocks of the rounds of mock `mock_id` opened so far, by round.
    /// [`StoreError::NotFound`] when the user has no such mock.
    pub async fn round_clocks(
        &self,
        user_id: i64,
        mock_id: i64,
    ) -> Result<Vec<RoundClock>, StoreError> {
        let sql = "SELECT r.mock_id, r.round_index, r.started_at, r.ended_at FROM mock_rounds r \
                   JOIN mocks m ON m.id = r.mock_id WHERE m.id = $1 AND m.user_id = $2 \
                   ORDER BY r.round_index";
        let rows: Vec<RoundRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(mock_id)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        if rows.is_empty() {
            self.require_mock(user_id, mock_id).await?;
        }
        Ok(rows.into_iter().map(round_from_row).collect())
    }

    // ----- answers -------------------------------------------------------------------------

    /// Saves the draft in `slot` of mock `mock_id` (autosave, about once a second while the
    /// candidate types): creates it, or replaces its text and `updated_at` keeping the first
    /// `started_at`, and bumps the mock's `updated_at`. One short transaction, committed (on
    /// disk, for SQLite) when this returns.
    ///
    /// [`StoreError::NotFound`] when the user has no such mock; [`StoreError::Invalid`]
    /// (`answer`) when the slot was already handed in, which leaves it unchanged.
    pub async fn save_draft(
        &self,
        user_id: i64,
        mock_id: i64,
        slot: AnswerSlot,
        prompt_id: &str,
        text: &str,
        now: i64,
    ) -> Result<MockAnswer, StoreError> {
        slot.check()?;
        check_not_blank("prompt_id", prompt_id)?;
        check_no_nul("text", text)?;
        // The DO UPDATE's WHERE leaves a handed-in answer alone and returns no row for it.
        let sql = concat!(
            "INSERT INTO mock_answers (mock_id, round_index, question_index, probe_index, \
             prompt_id, text, started_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
             ON CONFLICT (mock_id, round_index, question_index, probe_index) DO UPDATE SET \
             prompt_id = excluded.prompt_id, text = excluded.text, \
             updated_at = excluded.updated_at WHERE mock_answers.submitted_at IS NULL RETURNING ",
            answer_columns!()
        );
        let outcome = with_pool!(self, pool => write_answer!(pool, user_id, mock_id, now,
            sqlx::query_as(sql)
                .bind(mock_id)
                .bind(slot.round_index)
                .bind(slot.question_index)
                .bind(slot.probe_index)
                .bind(prompt_id)
                .bind(text)
                .bind(now)))
        .map_err(|e| self.error(e))?;
        self.answer_outcome(outcome, mock_id)
    }

    /// Hands in the answer in `slot` of mock `mock_id` at `now`: sets its final text, the time
    /// spent and the report, creating the row when no draft was saved. Bumps the mock's
    /// `updated_at`. [`StoreError::NotFound`] when the user has no such mock;
    /// [`StoreError::Invalid`] (`answer`) when it was already handed in, which leaves the first
    /// submission unchanged.
    pub async fn submit_answer(
        &self,
        user_id: i64,
        mock_id: i64,
        slot: AnswerSlot,
        answer: &Submission,
        now: i64,
    ) -> Result<MockAnswer, StoreError> {
        slot.check()?;
        check_not_blank("prompt_id", &answer.prompt_id)?;
        check_no_nul("text", &answer.text)?;
        check_not_negative("elapsed_seconds", answer.elapsed_seconds)?;
        check_json("report_json", &answer.report_json)?;
        let sql = concat!(
            "INSERT INTO mock_answers (mock_id, round_index, question_index, probe_index, \
             prompt_id, text, started_at, updated_at, submitted_at, elapsed_seconds, report_json) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7, $8, $9) \
             ON CONFLICT (mock_id, round_index, question_index, probe_index) DO UPDATE SET \
             prompt_id = excluded.prompt_id, text = excluded.text, \
             updated_at = excluded.updated_at, submitted_at = excluded.submitted_at, \
             elapsed_seconds = excluded.elapsed_seconds, report_json = excluded.report_json \
             WHERE mock_answers.submitted_at IS NULL RETURNING ",
            answer_columns!()
        );
        let outcome = with_pool!(self, pool => write_answer!(pool, user_id, mock_id, now,
            sqlx::query_as(sql)
                .bind(mock_id)
                .bind(slot.round_index)
                .bind(slot.question_index)
                .bind(slot.probe_index)
                .bind(&answer.prompt_id)
                .bind(&answer.text)
                .bind(now)
                .bind(answer.elapsed_seconds)
                .bind(&answer.report_json)))
        .map_err(|e| self.error(e))?;
        self.answer_outcome(outcome, mock_id)
    }

    /// The answers (drafts and handed in) of mock `mock_id`, by round, question and probe.
    /// [`StoreError::NotFound`] when the user has no such mock.
    pub async fn mock_answers(
        &self,
        user_id: i64,
        mock_id: i64,
    ) -> Result<Vec<MockAnswer>, StoreError> {
        let sql = "SELECT a.mock_id, a.round_index, a.question_index, a.probe_index, a.prompt_id, \
                   a.text, a.started_at, a.updated_at, a.submitted_at, a.elapsed_seconds, \
                   a.report_json FROM mock_answers a JOIN mocks m ON m.id = a.mock_id \
                   WHERE m.id = $1 AND m.user_id = $2 \
                   ORDER BY a.round_index, a.question_index, a.probe_index";
        let rows: Vec<AnswerRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(mock_id)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        if rows.is_empty() {
            self.require_mock(user_id, mock_id).await?;
        }
        Ok(rows.into_iter().map(answer_from_row).collect())
    }

    // ----- helpers -------------------------------------------------------------------------

    fn answer_outcome(&self, outcome: AnswerWrite, mock_id: i64) -> Result<MockAnswer, StoreError> {
        match outcome {
            AnswerWrite::Saved(row) => Ok(answer_from_row(row)),
            AnswerWrite::HandedIn => Err(already_handed_in()),
            AnswerWrite::NoMock => Err(StoreError::NotFound {
                what: "mock",
                id: mock_id,
            }),
        }
    }

    /// [`StoreError::NotFound`] for the mock unless the user has it.
    async fn require_mock(&self, user_id: i64, mock_id: i64) -> Result<(), StoreError> {
        let sql = "SELECT id FROM mocks WHERE id = $1 AND user_id = $2";
        let row: Option<(i64,)> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(mock_id)
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        match row {
            Some(_) => Ok(()),
            None => Err(StoreError::NotFound {
                what: "mock",
                id: mock_id,
            }),
        }
    }

    /// The error for a missing part of a mock: the mock itself when the user does not have it
    /// (so another user's mock reads as missing), else the part.
    async fn missing_in_mock(
        &self,
        user_id: i64,
        mock_id: i64,
        what: &'static str,
        id: i64,
    ) -> StoreError {
        match self.require_mock(user_id, mock_id).await {
            Ok(()) => StoreError::NotFound { what, id },
            Err(e) => e,
        }
    }
}
