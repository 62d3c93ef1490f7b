//! Accounts beyond one user: failed logins for rate limiting, and what a server's operator
//! does to accounts (list, remove, set a new password).
//!
//! Failed logins are rows of `login_failures (key, at)`, so a limit holds across every server
//! process sharing the database. The key says what is limited: `"user:<username key>"` or
//! `"ip:<client address>"`; the web app chooses keys and limits, the store only counts. A key
//! is stored with any NUL shown as U+FFFD, as all text is, so a name typed with one still
//! counts and never fails the query.

use crate::{Pool, Store, StoreError, User, UserRow, user_from_row, with_pool};

/// A key as stored, under the text policy every save applies (PostgreSQL cannot hold or
/// compare a NUL).
fn stored_key(key: &str) -> String {
    debrief_text::storable(key).into_owned()
}

impl Store {
    // ----- failed logins -------------------------------------------------------------------

    /// Records one failed login under `key` at `now`.
    pub async fn record_login_failure(&self, key: &str, now: i64) -> Result<(), StoreError> {
        let sql = "INSERT INTO login_failures (key, at) VALUES ($1, $2)";
        with_pool!(self, pool => sqlx::query(sql)
            .bind(stored_key(key))
            .bind(now)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// How many failed logins `key` has at or after `since`.
    pub async fn login_failures_since(&self, key: &str, since: i64) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2";
        let (count,): (i64,) = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(stored_key(key))
            .bind(since)
            .fetch_one(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(count)
    }

    /// The time of the oldest failed login of `key` at or after `since`, if any: when it leaves
    /// the window, one more attempt is allowed (the `Retry-After` of a limited login).
    pub async fn oldest_login_failure_since(
        &self,
        key: &str,
        since: i64,
    ) -> Result<Option<i64>, StoreError> {
        let sql = "SELECT MIN(at) FROM login_failures WHERE key = $1 AND at >= $2";
        let (oldest,): (Option<i64>,) = with_pool!(self, pool => sqlx::query_as(sql)
            .bind(stored_key(key))
            .bind(since)
            .fetch_one(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(oldest)
    }

    /// Forgets every failed login of `key` (after a successful login); returns how many.
    pub async fn clear_login_failures(&self, key: &str) -> Result<u64, StoreError> {
        let sql = "DELETE FROM login_failures WHERE key = $1";
        with_pool!(self, pool => sqlx::query(sql)
            .bind(stored_key(key))
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| self.error(e))
    }

    /// Deletes failed logins older than `before` (every key); returns how many. Rows outside
    /// the rate-limit window count for nothing, so this keeps the table small.
    pub async fn prune_login_failures(&self, before: i64) -> Result<u64, StoreError> {
        let sql = "DELETE FROM login_failures WHERE at < $1";
        with_pool!(self, pool => sqlx::query(sql)
            .bind(before)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| self.error(e))
    }

    // ----- accounts ------------------------------------------------------------------------

    /// Every account, by name ignoring case (the local-mode user included).
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let sql = "SELECT id, username, password_hash FROM users ORDER BY username_key";
        let rows: Vec<UserRow> = with_pool!(self, pool => sqlx::query_as(sql)
            .fetch_all(pool)
            .await)
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(user_from_row).collect())
    }

    /// Deletes an account with its sessions and all its data (stories, fit results, plans,
    /// mocks, ...). [`StoreError::NotFound`] when there is no such user.
    pub async fn delete_user(&self, id: i64) -> Result<(), StoreError> {
        let sql = "DELETE FROM users WHERE id = $1";
        let done = with_pool!(self, pool => sqlx::query(sql)
            .bind(id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| self.error(e))?;
        if done == 0 {
            return Err(StoreError::NotFound { what: "user", id });
        }
        Ok(())
    }

    /// Replaces an account's password hash (an argon2id PHC string; hashing is the caller's).
    /// Sessions are left alone: end them with [`Store::delete_user_sessions`].
    /// [`StoreError::NotFound`] when there is no such user.
    pub async fn set_password_hash(&self, id: i64, password_hash: &str) -> Result<(), StoreError> {
        if password_hash.is_empty() {
            return Err(StoreError::invalid(
                "password_hash",
                "an account needs a password hash; only the local-mode user has none",
            ));
        }
        let sql = "UPDATE users SET password_hash = $1 WHERE id = $2";
        let done = with_pool!(self, pool => sqlx::query(sql)
            .bind(password_hash)
            .bind(id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| self.error(e))?;
        if done == 0 {
            return Err(StoreError::NotFound { what: "user", id });
        }
        Ok(())
    }
}
