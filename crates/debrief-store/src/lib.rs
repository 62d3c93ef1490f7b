//! debrief-store: the candidate's own data, on SQLite or PostgreSQL.
//!
//! One [`Store`] API over two backends, chosen by the address given to [`Store::open`]:
//!
//! - a file path or a `sqlite:` URL opens (and creates) an SQLite file in WAL mode with foreign
//!   keys on, full synchronous commits and a busy timeout, so two processes can write to it;
//! - a `postgres://` (or `postgresql://`) URL connects to PostgreSQL, retrying with backoff while
//!   the server is down or starting.
//!
//! Each backend has append-only migrations (`migrations/sqlite`, `migrations/postgres`, the same
//! file names in both) embedded in the binary and applied by `open`. Only this crate knows SQL.
//! Queries are written once with `$1` placeholders and run unchanged on both backends.
//!
//! What it keeps, by module: accounts and sessions (here), failed logins and account
//! administration (`auth.rs`), STAR stories, fit results and prep plans with their ticks (here),
//! mock loops with their round clocks and answers (`mocks.rs`: drafts saved as typed, each in
//! one short transaction that is durable when it returns, and refused once the answer was
//! handed in), the practice history behind the progress plots and the recently seen questions
//! (`attempts.rs`), the document being written in an artifact drill, one per kind and prompt
//! until it is checked (`drafts.rs`), FSRS review cards (`reviews.rs`), saved offers
//! (`offers.rs`) and the candidate's profile, one row per user (`profiles.rs`).
//!
//! Rules every method keeps:
//! - Every read and write of a user's data takes the `user_id` and touches only that user's
//!   rows. A row of another user is indistinguishable from a missing one ([`StoreError::NotFound`]
//!   or `None`). A mock's rounds and answers have no `user_id` of their own: they are reached
//!   only through their mock's owner, checked in the same statement or transaction.
//! - JSON columns (fit results, mock plans and debriefs, answer reports, attempt summaries) are
//!   text whose shape belongs to debrief-coach: the store checks that they parse and keeps them
//!   byte for byte.
//! - Orders that compare text (ties between cards or questions) are made in Rust, bytewise, so
//!   PostgreSQL's collation cannot make the backends disagree.
//! - Timestamps are `i64` unix seconds passed in by the caller (`now`, `created_at`, ...); the
//!   store reads no clock and draws no randomness except in [`new_session_token`].
//! - Session tokens are stored only as their SHA-256 ([`hash_token`]); the session methods take
//!   the raw token and hash it themselves.
//! - Nothing panics: every failure is a [`StoreError`] with a message a person can act on.
//! - A list that grows with a user's data (stories, fit results, plans, mocks, attempts) can be
//!   read a page at a time (`*_page`, `page.rs`): counted, then read with `LIMIT` and `OFFSET`
//!   in the order of the method that reads it whole.

mod attempts;
mod auth;
mod drafts;
mod error;
mod ids;
mod migrations;
mod mocks;
mod model;
mod offers;
mod open;
mod page;
mod profiles;
mod reviews;
mod token;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use debrief_coach::story::Story;
use debrief_pack::Role;
use sqlx::postgres::PgPool;
use sqlx::query::QueryAs;
use sqlx::sqlite::SqlitePool;

pub use attempts::{Attempt, NewAttempt};
pub use drafts::DrillDraft;
pub use error::StoreError;
pub use ids::{AttemptId, FitResultId, IdError, MockId, OfferId, PlanId, StoryId, UserId};
pub use mocks::{AnswerSlot, Mock, MockAnswer, MockFilter, NewMock, RoundClock, Submission};
pub use model::{FitResult, LOCAL_USERNAME, Plan, SavedStory, User};
pub use offers::SavedOffer;
pub use open::{Backend, OpenOptions};
pub use page::{Page, PageRequest};
pub use profiles::{NewProfile, SavedProfile};
pub use reviews::ReviewCard;
pub use token::{hash_token, new_session_token};

use model::{check_date, check_json, check_role, check_story, username_key};

/// The file name of the default SQLite database inside the data folder.
pub const DEFAULT_FILE_NAME: &str = "debrief.sqlite3";

/// The store: a pool of connections to one database. Cheap to clone (clones share the pool).
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    /// "SQLite /path/to/file" or "PostgreSQL host:port/db", for messages (never a password).
    location: String,
    /// The SQLite file, for error messages.
    path: Option<PathBuf>,
}

#[derive(Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("location", &self.location)
            .finish()
    }
}

/// Runs `$body` with `$pool` bound to the backend's pool. The body is written once and compiled
/// for each backend, which is how one `$1`-placeholder query serves both.
macro_rules! with_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.pool {
            Pool::Sqlite($pool) => $body,
            Pool::Postgres($pool) => $body,
        }
    };
}
// Path-based, so the modules can use it wherever their `mod` line sits.
pub(crate) use with_pool;

macro_rules! story_columns {
    () => {
        "id, user_id, title, situation, task, action, result, metrics, tags, lps, role, \
         created_at, updated_at"
    };
}

type StoryRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
    i64,
);

type UserRow = (i64, String, String);

type PlanRow = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
);

type FitRow = (i64, i64, i64, String);

fn story_from_row(row: StoryRow) -> Result<SavedStory, StoreError> {
    let (id, _user_id, title, situation, task, action, result, metrics, tags, lps, role, c, u) =
        row;
    let list = |text: &str| -> Result<Vec<String>, StoreError> {
        serde_json::from_str(text).map_err(|e| StoreError::BadRow {
            what: "story",
            id,
            detail: e.to_string(),
        })
    };
    let role = match role.as_deref() {
        None | Some("") => None,
        Some(text) => Some(Role::parse(text).ok_or_else(|| StoreError::BadRow {
            what: "story",
            id,
            detail: format!("{text:?} is not a role"),
        })?),
    };
    Ok(SavedStory {
        id: StoryId::new(id),
        story: Story {
            title,
            situation,
            task,
            action,
            result,
            metrics,
            tags: list(&tags)?,
            lps: list(&lps)?,
            role,
        },
        created_at: c,
        updated_at: u,
    })
}

fn user_from_row((id, username, password_hash): UserRow) -> User {
    User {
        id,
        username,
        password_hash,
    }
}

fn fit_from_row((id, user_id, created_at, result_json): FitRow) -> FitResult {
    FitResult {
        id,
        user_id,
        created_at,
        result_json,
    }
}

fn plan_from_row(row: PlanRow) -> Plan {
    let (id, user_id, company, role, level, interview_date, created_at, groundwork_json, track) =
        row;
    Plan {
        id,
        user_id,
        company,
        role,
        track,
        level,
        interview_date,
        created_at,
        groundwork_json,
    }
}

/// Binds a story's fields, `title` to `role`, as the next nine parameters in column order: the
/// one place `add_story`, `import_stories` and `update_story` turn a [`Story`] into SQL values,
/// for either backend.
fn bind_story<'q, DB, O>(
    query: QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments>,
    story: &'q Story,
) -> QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments>
where
    DB: sqlx::Database,
    &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<&'q str>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    query
        .bind(story.title.as_str())
        .bind(story.situation.as_str())
        .bind(story.task.as_str())
        .bind(story.action.as_str())
        .bind(story.result.as_str())
        .bind(story.metrics.as_str())
        .bind(json_list(&story.tags))
        .bind(json_list(&story.lps))
        .bind(story.role.map(Role::id))
}

fn json_list(list: &[String]) -> String {
    // Serializing a list of strings cannot fail.
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_owned())
}

impl Store {
    /// Opens the database at `address` with [`OpenOptions::default`]: a file path or `sqlite:`
    /// URL (created if missing) or a `postgres://` URL. Applies pending migrations.
    pub async fn open(address: &str) -> Result<Store, StoreError> {
        open::open(address, &OpenOptions::default()).await
    }

    /// [`Store::open`] with options (retries, timeouts, a PostgreSQL schema).
    pub async fn open_with(address: &str, options: &OpenOptions) -> Result<Store, StoreError> {
        open::open(address, options).await
    }

    /// Opens (creating the folder and the file if needed) `debrief.sqlite3` in `data_dir`, the
    /// platform data folder the caller chose (XDG on Linux) or `--data-dir`.
    pub async fn open_default(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let path = data_dir.join(DEFAULT_FILE_NAME);
        let options = OpenOptions::default();
        open::open_sqlite_path(&path, &options).await
    }

    /// Which backend this store runs on.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Where the data lives, for logs and `debrief serve`'s banner: "SQLite /path/file" or
    /// "PostgreSQL host:port/db". Never contains a password.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// The newest migration applied to the database (equal to the build's newest after `open`).
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let sql = "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success = $1";
        let (version,): (i64,) = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(true)
            .fetch_one(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(version)
    }

    /// The newest migration version this build knows.
    pub fn latest_schema_version() -> i64 {
        migrations::latest_version()
    }

    /// Closes every connection, waiting for those in use to be returned.
    pub async fn close(&self) {
        with_pool!(self, pool => pool.close().await)
    }

    /// Maps a driver error to a [`StoreError`], with SQLite's file problems named clearly.
    fn error(&self, error: sqlx::Error) -> StoreError {
        match &self.path {
            Some(path) => open::sqlite_error(path, error),
            None => StoreError::Database {
                location: self.location.clone(),
                source: error,
            },
        }
    }

    /// Refuses an SQLite file that holds someone else's tables.
    async fn check_foreign_sqlite(&self) -> Result<(), StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Ok(());
        };
        let (tables, ours): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(name = '_sqlx_migrations'), 0) FROM sqlite_master \
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .fetch_one(pool)
        .await
        .map_err(|e| self.error(e))?;
        if tables > 0 && ours == 0 {
            return Err(StoreError::NotADatabase {
                path: self.path.clone().unwrap_or_default(),
                detail: "it is an SQLite database of another program".to_owned(),
            });
        }
        Ok(())
    }

    // ----- users ---------------------------------------------------------------------------

    /// Creates an account. `password_hash` is the argon2id PHC string (hashing is the caller's:
    /// it is slow on purpose). Usernames are unique ignoring case.
    pub async fn create_user(
        &self,
        username: &str,
        password_hash: &str,
    ) -> Result<User, StoreError> {
        let key = username_key(username)?;
        let sql = "INSERT INTO users (username, username_key, password_hash) VALUES ($1, $2, $3) \
                   RETURNING id, username, password_hash";
        let row: Result<UserRow, _> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(username)
            .bind(&key)
            .bind(password_hash)
            .fetch_one(pool)
            .await);
        match row {
            Ok(row) => Ok(user_from_row(row)),
            Err(e) if is_unique_violation(&e) => {
                Err(StoreError::UsernameTaken(username.to_owned()))
            }
            Err(e) => Err(self.error(e)),
        }
    }

    /// The account with this name (ignoring case), if any.
    pub async fn user_by_name(&self, username: &str) -> Result<Option<User>, StoreError> {
        // No account name holds a control character (`create_user` refuses them), and
        // PostgreSQL cannot even compare a NUL: such a name simply matches nobody.
        if username.chars().any(char::is_control) {
            return Ok(None);
        }
        let sql = "SELECT id, username, password_hash FROM users WHERE username_key = $1";
        let row: Option<UserRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(username.to_lowercase())
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(user_from_row))
    }

    /// The account with this id, if any.
    pub async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError> {
        let sql = "SELECT id, username, password_hash FROM users WHERE id = $1";
        let row: Option<UserRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(user_from_row))
    }

    /// The single user of local mode, named [`LOCAL_USERNAME`], created on first use. It has no
    /// password (an empty hash), so it can never log in in multi-user mode.
    pub async fn local_user(&self) -> Result<User, StoreError> {
        let insert = "INSERT INTO users (username, username_key, password_hash) VALUES ($1, $1, '') \
                      ON CONFLICT (username_key) DO NOTHING";
        with_pool!(self, pool => sqlx::query(insert).bind(LOCAL_USERNAME).execute(pool).await.map(|r| r.rows_affected()))
            .map_err(|e| self.error(e))?;
        self.user_by_name(LOCAL_USERNAME)
            .await?
            .ok_or(StoreError::NotFound {
                what: "user",
                id: 0,
            })
    }

    // ----- sessions ------------------------------------------------------------------------

    /// Records a session for `user_id` under `token` (from [`new_session_token`]), valid while
    /// `now < expires_at`. Only the token's hash is stored.
    pub async fn create_session(
        &self,
        user_id: i64,
        token: &str,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)";
        let done = with_pool!(self, pool => sqlx::query(sql)
            .bind(hash_token(token))
            .bind(user_id)
            .bind(expires_at)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()));
        match done {
            Ok(_) => Ok(()),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// The user a session token belongs to, or `None` when the token is unknown or expired
    /// (`expires_at <= now`).
    pub async fn session_user(&self, token: &str, now: i64) -> Result<Option<User>, StoreError> {
        let sql = "SELECT u.id, u.username, u.password_hash FROM sessions s \
                   JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2";
        let row: Option<UserRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(hash_token(token))
            .bind(now)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(user_from_row))
    }

    /// Ends a session (log out). Unknown tokens are fine.
    pub async fn delete_session(&self, token: &str) -> Result<(), StoreError> {
        let sql = "DELETE FROM sessions WHERE token_hash = $1";
        with_pool!(self, pool => sqlx::query(sql).bind(hash_token(token)).execute(pool).await.map(|r| r.rows_affected()))
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Ends every session of a user (log out everywhere, e.g. after a password change).
    /// Returns how many there were.
    pub async fn delete_user_sessions(&self, user_id: i64) -> Result<u64, StoreError> {
        let sql = "DELETE FROM sessions WHERE user_id = $1";
        let done = with_pool!(self, pool => sqlx::query(sql).bind(user_id).execute(pool).await.map(|r| r.rows_affected()))
            .map_err(|e| self.error(e))?;
        Ok(done)
    }

    /// Deletes sessions that expired (`expires_at <= now`); returns how many.
    pub async fn delete_expired(&self, now: i64) -> Result<u64, StoreError> {
        let sql = "DELETE FROM sessions WHERE expires_at <= $1";
        let done = with_pool!(self, pool => sqlx::query(sql).bind(now).execute(pool).await.map(|r| r.rows_affected()))
            .map_err(|e| self.error(e))?;
        Ok(done)
    }

    // ----- stories -------------------------------------------------------------------------

    /// Adds a story for `user_id`, created and updated `now`.
    pub async fn add_story(
        &self,
        user_id: i64,
        story: &Story,
        now: i64,
    ) -> Result<SavedStory, StoreError> {
        check_story(story)?;
        let sql = concat!(
            "INSERT INTO stories (user_id, title, situation, task, action, result, metrics, tags, \
             lps, role, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING ",
            story_columns!()
        );
        let row: Result<StoryRow, _> = with_pool!(self, pool => {
            bind_story(sqlx::query_as(sql).bind(user_id), story)
                .bind(now)
                .fetch_one(pool)
                .await
        });
        match row {
            Ok(row) => story_from_row(row),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Adds many stories in one transaction: all of them or, on any error, none. Returns their
    /// ids in the order given. For `debrief stories import`.
    pub async fn import_stories(
        &self,
        user_id: i64,
        stories: &[Story],
        now: i64,
    ) -> Result<Vec<StoryId>, StoreError> {
        for story in stories {
            check_story(story)?;
        }
        let sql = "INSERT INTO stories (user_id, title, situation, task, action, result, metrics, \
                   tags, lps, role, created_at, updated_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id";
        let ids: Result<Vec<i64>, sqlx::Error> = with_pool!(self, pool => async {
            let mut tx = pool.begin().await?;
            let mut ids = Vec::with_capacity(stories.len());
            for story in stories {
                let (id,): (i64,) = bind_story(sqlx::query_as(sql).bind(user_id), story)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                ids.push(id);
            }
            tx.commit().await?;
            Ok::<_, sqlx::Error>(ids)
        }.await);
        match ids {
            Ok(ids) => Ok(ids.into_iter().map(StoryId::new).collect()),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Replaces the fields of story `id` of `user_id` and sets its `updated_at` to `now`.
    /// [`StoreError::NotFound`] when the user has no such story.
    pub async fn update_story(
        &self,
        user_id: i64,
        id: StoryId,
        story: &Story,
        now: i64,
    ) -> Result<SavedStory, StoreError> {
        check_story(story)?;
        let sql = concat!(
            "UPDATE stories SET title = $1, situation = $2, task = $3, action = $4, result = $5, \
             metrics = $6, tags = $7, lps = $8, role = $9, updated_at = $10 \
             WHERE id = $11 AND user_id = $12 RETURNING ",
            story_columns!()
        );
        let row: Option<StoryRow> = with_pool!(self, pool => bind_story(sqlx::query_as(sql), story)
            .bind(now)
            .bind(id.get())
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        match row {
            Some(row) => story_from_row(row),
            None => Err(StoreError::NotFound {
                what: "story",
                id: id.get(),
            }),
        }
    }

    /// Deletes story `id` of `user_id`. [`StoreError::NotFound`] when the user has no such story.
    pub async fn delete_story(&self, user_id: i64, id: StoryId) -> Result<(), StoreError> {
        let sql = "DELETE FROM stories WHERE id = $1 AND user_id = $2";
        let done = with_pool!(self, pool => sqlx::query(sql).bind(id.get()).bind(user_id).execute(pool).await.map(|r| r.rows_affected()))
            .map_err(|e| self.error(e))?;
        if done == 0 {
            return Err(StoreError::NotFound {
                what: "story",
                id: id.get(),
            });
        }
        Ok(())
    }

    /// Story `id` of `user_id`, if the user has it.
    pub async fn story(&self, user_id: i64, id: StoryId) -> Result<Option<SavedStory>, StoreError> {
        let sql = concat!(
            "SELECT ",
            story_columns!(),
            " FROM stories WHERE id = $1 AND user_id = $2"
        );
        let row: Option<StoryRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(id.get())
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        row.map(story_from_row).transpose()
    }

    /// All stories of `user_id`, most recently updated first; stories updated in the same second
    /// in the order they were added (id ascending), so an import keeps its file's order.
    pub async fn stories(&self, user_id: i64) -> Result<Vec<SavedStory>, StoreError> {
        let sql = concat!(
            "SELECT ",
            story_columns!(),
            " FROM stories WHERE user_id = $1 ORDER BY updated_at DESC, id ASC"
        );
        let rows: Vec<StoryRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        rows.into_iter().map(story_from_row).collect()
    }

    /// One page of [`Store::stories`], in the same order, with the number of stories in all.
    pub async fn stories_page(
        &self,
        user_id: i64,
        request: PageRequest,
    ) -> Result<Page<SavedStory>, StoreError> {
        let sql = concat!(
            "SELECT ",
            story_columns!(),
            " FROM stories WHERE user_id = $1 ORDER BY updated_at DESC, id ASC LIMIT $2 OFFSET $3"
        );
        let (rows, total) = self
            .page_rows::<StoryRow>(
                "SELECT COUNT(*) FROM stories WHERE user_id = $1",
                sql,
                user_id,
                request,
            )
            .await?;
        let items = rows
            .into_iter()
            .map(story_from_row)
            .collect::<Result<_, _>>()?;
        Ok(Page::new(items, total, request))
    }

    // ----- fit results ---------------------------------------------------------------------

    /// Saves a fit-diagnostic result (JSON text, kept byte for byte) taken at `created_at`.
    pub async fn save_fit(
        &self,
        user_id: i64,
        created_at: i64,
        result_json: String,
    ) -> Result<FitResult, StoreError> {
        check_json("result_json", &result_json)?;
        let sql = "INSERT INTO fit_results (user_id, created_at, result_json) VALUES ($1, $2, $3) \
                   RETURNING id";
        let row: Result<(i64,), _> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(created_at)
            .bind(&result_json)
            .fetch_one(pool)
            .await);
        match row {
            Ok((id,)) => Ok(FitResult {
                id,
                user_id,
                created_at,
                result_json,
            }),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// All fit results of `user_id`, newest first.
    pub async fn fit_results(&self, user_id: i64) -> Result<Vec<FitResult>, StoreError> {
        let sql = "SELECT id, user_id, created_at, result_json FROM fit_results WHERE user_id = $1 \
                   ORDER BY created_at DESC, id DESC";
        let rows: Vec<FitRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(fit_from_row).collect())
    }

    /// One page of [`Store::fit_results`], in the same order, with the number of results in
    /// all.
    pub async fn fit_results_page(
        &self,
        user_id: i64,
        request: PageRequest,
    ) -> Result<Page<FitResult>, StoreError> {
        let sql = "SELECT id, user_id, created_at, result_json FROM fit_results WHERE user_id = $1 \
                   ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3";
        let (rows, total) = self
            .page_rows::<FitRow>(
                "SELECT COUNT(*) FROM fit_results WHERE user_id = $1",
                sql,
                user_id,
                request,
            )
            .await?;
        Ok(Page::new(
            rows.into_iter().map(fit_from_row).collect(),
            total,
            request,
        ))
    }

    /// Fit result `id` of `user_id`, if the user has it.
    pub async fn fit_result(&self, user_id: i64, id: i64) -> Result<Option<FitResult>, StoreError> {
        let sql = "SELECT id, user_id, created_at, result_json FROM fit_results \
                   WHERE id = $1 AND user_id = $2";
        let row: Option<FitRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(id)
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(fit_from_row))
    }

    // ----- plans ---------------------------------------------------------------------------

    /// Records a prep plan for `user_id` and returns its id. `role` is `"pm"` or `"pmm"`;
    /// `interview_date` is `YYYY-MM-DD`.
    pub async fn create_plan(
        &self,
        user_id: i64,
        company: &str,
        role: &str,
        level: &str,
        interview_date: &str,
        created_at: i64,
    ) -> Result<i64, StoreError> {
        self.create_plan_from(
            user_id,
            company,
            role,
            None,
            level,
            interview_date,
            created_at,
            None,
        )
        .await
    }

    /// [`Store::create_plan`] for the loop of a track within the role (`track`, e.g. `pm-t`;
    /// `None` for the role's own loop), with what the plan was made from besides its loop and
    /// dates (JSON the application layer writes and reads back), kept with it.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_plan_from(
        &self,
        user_id: i64,
        company: &str,
        role: &str,
        track: Option<&str>,
        level: &str,
        interview_date: &str,
        created_at: i64,
        groundwork_json: Option<&str>,
    ) -> Result<i64, StoreError> {
        check_role("role", role)?;
        check_date(interview_date)?;
        let sql = "INSERT INTO plans \
                   (user_id, company, role, level, interview_date, created_at, groundwork_json, \
                   track) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        let row: Result<(i64,), _> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .bind(company)
            .bind(role)
            .bind(level)
            .bind(interview_date)
            .bind(created_at)
            .bind(groundwork_json)
            .bind(track)
            .fetch_one(pool)
            .await);
        match row {
            Ok((id,)) => Ok(id),
            Err(e) if is_foreign_key_violation(&e) => Err(StoreError::NotFound {
                what: "user",
                id: user_id,
            }),
            Err(e) => Err(self.error(e)),
        }
    }

    /// All plans of `user_id`, newest first.
    pub async fn plans(&self, user_id: i64) -> Result<Vec<Plan>, StoreError> {
        let sql = "SELECT id, user_id, company, role, level, interview_date, created_at, groundwork_json, \
                   track \
                   FROM plans \
                   WHERE user_id = $1 ORDER BY created_at DESC, id DESC";
        let rows: Vec<PlanRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(plan_from_row).collect())
    }

    /// One page of [`Store::plans`], in the same order, with the number of plans in all.
    pub async fn plans_page(
        &self,
        user_id: i64,
        request: PageRequest,
    ) -> Result<Page<Plan>, StoreError> {
        let sql = "SELECT id, user_id, company, role, level, interview_date, created_at, groundwork_json, \
                   track \
                   FROM plans \
                   WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3";
        let (rows, total) = self
            .page_rows::<PlanRow>(
                "SELECT COUNT(*) FROM plans WHERE user_id = $1",
                sql,
                user_id,
                request,
            )
            .await?;
        Ok(Page::new(
            rows.into_iter().map(plan_from_row).collect(),
            total,
            request,
        ))
    }

    /// Plan `id` of `user_id`, if the user has it.
    pub async fn plan(&self, user_id: i64, id: i64) -> Result<Option<Plan>, StoreError> {
        let sql = "SELECT id, user_id, company, role, level, interview_date, created_at, groundwork_json, \
                   track \
                   FROM plans \
                   WHERE id = $1 AND user_id = $2";
        let row: Option<PlanRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(id)
            .bind(user_id)
            .fetch_optional(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(row.map(plan_from_row))
    }

    /// Deletes plan `id` of `user_id` and its ticks. [`StoreError::NotFound`] when the user has
    /// no such plan.
    pub async fn delete_plan(&self, user_id: i64, id: i64) -> Result<(), StoreError> {
        let sql = "DELETE FROM plans WHERE id = $1 AND user_id = $2";
        let done = with_pool!(self, pool => sqlx::query(sql).bind(id).bind(user_id).execute(pool).await.map(|r| r.rows_affected()))
            .map_err(|e| self.error(e))?;
        if done == 0 {
            return Err(StoreError::NotFound { what: "plan", id });
        }
        Ok(())
    }

    /// Ticks (`done`) or unticks item `item_id` of plan `plan_id`, recording `now` as the time it
    /// was ticked. Idempotent. [`StoreError::NotFound`] when the user has no such plan.
    pub async fn set_item_done(
        &self,
        user_id: i64,
        plan_id: i64,
        item_id: &str,
        done: bool,
        now: i64,
    ) -> Result<(), StoreError> {
        if item_id.is_empty() {
            return Err(StoreError::invalid("item_id", "an item id cannot be empty"));
        }
        if done {
            // One statement: the tick is written only if the plan is the user's.
            let sql = "INSERT INTO plan_items (plan_id, item_id, done_at) \
                       SELECT id, $1, $2 FROM plans WHERE id = $3 AND user_id = $4 \
                       ON CONFLICT (plan_id, item_id) DO UPDATE SET done_at = excluded.done_at";
            let changed = with_pool!(self, pool => sqlx::query(sql)
                .bind(item_id)
                .bind(now)
                .bind(plan_id)
                .bind(user_id)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()))
            .map_err(|e| self.error(e))?;
            if changed == 0 {
                return Err(StoreError::NotFound {
                    what: "plan",
                    id: plan_id,
                });
            }
        } else {
            if self.plan(user_id, plan_id).await?.is_none() {
                return Err(StoreError::NotFound {
                    what: "plan",
                    id: plan_id,
                });
            }
            let sql = "DELETE FROM plan_items WHERE plan_id = $1 AND item_id = $2 \
                       AND plan_id IN (SELECT id FROM plans WHERE id = $1 AND user_id = $3)";
            with_pool!(self, pool => sqlx::query(sql)
                .bind(plan_id)
                .bind(item_id)
                .bind(user_id)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()))
            .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    /// The ids of the ticked items of plan `plan_id`. [`StoreError::NotFound`] when the user
    /// has no such plan.
    pub async fn done_items(
        &self,
        user_id: i64,
        plan_id: i64,
    ) -> Result<BTreeSet<String>, StoreError> {
        // One statement, so the ownership check and the items come from one snapshot.
        let sql = "SELECT p.id, i.item_id FROM plans p LEFT JOIN plan_items i ON i.plan_id = p.id \
                   WHERE p.id = $1 AND p.user_id = $2";
        let rows: Vec<(i64, Option<String>)> = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(plan_id)
            .bind(user_id)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        if rows.is_empty() {
            return Err(StoreError::NotFound {
                what: "plan",
                id: plan_id,
            });
        }
        Ok(rows.into_iter().filter_map(|(_, item)| item).collect())
    }
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

fn is_foreign_key_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_foreign_key_violation())
}
