//! Opening a store: choosing the backend, connecting (with retries for PostgreSQL), mapping
//! driver errors to [`StoreError`]s a person can act on, and migrating.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::error::DatabaseError;
use sqlx::migrate::MigrateError;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Executor};

/// How long one PostgreSQL connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

use crate::migrations::{Dialect, migrator};
use crate::{Pool, Store, StoreError};

/// How to open a store. `OpenOptions::default()` suits `debrief serve` and the CLI.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    connect_attempts: u32,
    connect_backoff: Duration,
    busy_timeout: Duration,
    max_connections: u32,
    pg_schema: Option<String>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            connect_attempts: 5,
            connect_backoff: Duration::from_millis(500),
            busy_timeout: Duration::from_secs(10),
            max_connections: 8,
            pg_schema: None,
        }
    }
}

impl OpenOptions {
    /// The defaults: 5 PostgreSQL connection attempts waiting 0.5, 1, 2 and 4 s between them
    /// (about 10 s in all with the attempts), a 10 s SQLite busy timeout, 8 connections.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many times to try connecting to PostgreSQL before giving up (at least 1).
    pub fn connect_attempts(mut self, attempts: u32) -> Self {
        self.connect_attempts = attempts.max(1);
        self
    }

    /// The wait after the first failed PostgreSQL connection attempt; it doubles after each.
    pub fn connect_backoff(mut self, first_wait: Duration) -> Self {
        self.connect_backoff = first_wait;
        self
    }

    /// How long an SQLite writer waits for another process's write to finish.
    pub fn busy_timeout(mut self, timeout: Duration) -> Self {
        self.busy_timeout = timeout;
        self
    }

    /// The most connections the pool opens (at least 1; an in-memory SQLite store always uses 1).
    pub fn max_connections(mut self, max: u32) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// PostgreSQL only: keep debrief's tables in this schema (created if missing) instead of the
    /// user's default one. Lets several debrief databases, or parallel tests, share one database.
    /// ASCII letters, digits and `_`, not starting with a digit, at most 63 characters.
    pub fn pg_schema(mut self, schema: impl Into<String>) -> Self {
        self.pg_schema = Some(schema.into());
        self
    }
}

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file (or memory).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

pub(crate) async fn open(address: &str, options: &OpenOptions) -> Result<Store, StoreError> {
    let lower = address.trim_start().to_ascii_lowercase();
    if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
        return open_postgres(address, options).await;
    }
    let sqlite = if lower.starts_with("sqlite:") {
        SqliteConnectOptions::from_str(address).map_err(|e| StoreError::BadAddress {
            shown: address.to_owned(),
            reason: e.to_string(),
        })?
    } else if let Some((scheme, _)) = address.split_once("://") {
        return Err(StoreError::BadAddress {
            shown: format!("{scheme}://..."),
            reason: "expected a file path, a sqlite: URL or a postgres:// URL".to_owned(),
        });
    } else if address.trim().is_empty() {
        return Err(StoreError::BadAddress {
            shown: "\"\"".to_owned(),
            reason: "expected a file path, a sqlite: URL or a postgres:// URL".to_owned(),
        });
    } else if address == ":memory:" {
        SqliteConnectOptions::from_str("sqlite::memory:").map_err(|e| StoreError::BadAddress {
            shown: address.to_owned(),
            reason: e.to_string(),
        })?
    } else {
        SqliteConnectOptions::new().filename(address)
    };
    let in_memory = lower.contains(":memory:") || lower.contains("mode=memory");
    open_sqlite(sqlite, in_memory, options).await
}

pub(crate) async fn open_sqlite_path(
    path: &Path,
    options: &OpenOptions,
) -> Result<Store, StoreError> {
    open_sqlite(SqliteConnectOptions::new().filename(path), false, options).await
}

async fn open_sqlite(
    connect: SqliteConnectOptions,
    in_memory: bool,
    options: &OpenOptions,
) -> Result<Store, StoreError> {
    let path = connect.get_filename().to_path_buf();
    let connect = connect
        .create_if_missing(true)
        .foreign_keys(true)
        .busy_timeout(options.busy_timeout)
        // WAL: readers never block the writer; FULL: a commit is on disk when it returns.
        .synchronous(SqliteSynchronous::Full);
    let connect = if in_memory {
        connect
    } else {
        connect.journal_mode(SqliteJournalMode::Wal)
    };
    let pool_options = if in_memory {
        // One connection that never closes: the memory database lives as long as it does.
        SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
    } else {
        SqlitePoolOptions::new().max_connections(options.max_connections)
    };
    let pool = pool_options
        .connect_with(connect)
        .await
        .map_err(|e| sqlite_error(&path, e))?;
    let location = format!("SQLite {}", path.display());
    let store = Store {
        pool: Pool::Sqlite(pool),
        location,
        path: Some(path),
    };
    store.check_foreign_sqlite().await?;
    migrate(&store).await?;
    Ok(store)
}

async fn open_postgres(address: &str, options: &OpenOptions) -> Result<Store, StoreError> {
    let connect = PgConnectOptions::from_str(address).map_err(|e| StoreError::BadAddress {
        shown: redact(address),
        reason: e.to_string(),
    })?;
    let server = match connect.get_socket() {
        Some(socket) => socket.display().to_string(),
        None => format!("{}:{}", connect.get_host(), connect.get_port()),
    };
    let connect = match &options.pg_schema {
        Some(schema) => {
            check_schema_name(schema)?;
            connect.options([("search_path", schema.as_str())])
        }
        None => connect,
    };
    let location = match connect.get_database() {
        Some(db) => format!("PostgreSQL {server}/{db}"),
        None => format!("PostgreSQL {server}"),
    };
    let pool_options = PgPoolOptions::new()
        .max_connections(options.max_connections)
        .acquire_timeout(CONNECT_TIMEOUT);

    // Probe with single connections first: the pool itself would retry quietly until its
    // acquire timeout, and we want a bounded, visible retry with a clear message.
    let mut waited = Duration::ZERO;
    let mut wait = options.connect_backoff;
    let mut attempt = 1;
    loop {
        let tried = tokio::time::timeout(CONNECT_TIMEOUT, connect.connect()).await;
        let error = match tried {
            Ok(Ok(conn)) => {
                let _ = conn.close().await;
                break;
            }
            Ok(Err(e)) if is_transient(&e) => e.to_string(),
            Ok(Err(e)) => {
                return Err(StoreError::PostgresRejected {
                    address: server,
                    detail: e.to_string(),
                });
            }
            Err(_) => format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
        };
        if attempt >= options.connect_attempts {
            return Err(StoreError::PostgresUnreachable {
                address: server,
                detail: error,
                attempts: attempt,
                waited,
            });
        }
        tokio::time::sleep(wait).await;
        waited += wait;
        wait = wait.saturating_mul(2);
        attempt += 1;
    }
    let pool = pool_options
        .connect_with(connect)
        .await
        .map_err(|e| StoreError::Database {
            location: location.clone(),
            source: e,
        })?;
    if let Some(schema) = &options.pg_schema {
        // Checked above: the name is a plain identifier, safe to splice.
        let sql = format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\"");
        if let Err(e) = pool.execute(AssertSqlSafe(sql)).await {
            // Two processes creating the same schema at once: one of them sees a duplicate.
            let duplicate = e
                .as_database_error()
                .is_some_and(|d| d.is_unique_violation() || d.code().as_deref() == Some("42P06"));
            if !duplicate {
                return Err(StoreError::Database {
                    location,
                    source: e,
                });
            }
        }
    }
    let store = Store {
        pool: Pool::Postgres(pool),
        location,
        path: None,
    };
    migrate(&store).await?;
    Ok(store)
}

/// Errors worth retrying a connection for: the server is down, starting, or overloaded.
fn is_transient(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(db) => matches!(
            db.code().as_deref(),
            // cannot_connect_now (starting up or shutting down), too_many_connections,
            // admin_shutdown, crash_shutdown
            Some("57P03" | "53300" | "57P01" | "57P02")
        ),
        _ => false,
    }
}

fn check_schema_name(schema: &str) -> Result<(), StoreError> {
    let ok = !schema.is_empty()
        && schema.len() <= 63
        && schema
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !schema.as_bytes()[0].is_ascii_digit();
    if ok {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "pg_schema",
            format!("{schema:?}: use ASCII letters, digits and _, not starting with a digit"),
        ))
    }
}

/// The URL with its password replaced by `***`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "(not a URL)".to_owned();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            let masked = if userinfo.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{masked}@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

/// Runs the migrations. Two processes opening a fresh SQLite file at the same moment can race;
/// the loser's migration fails and a retry finds the work done.
async fn migrate(store: &Store) -> Result<(), StoreError> {
    let mut tries = 0;
    loop {
        tries += 1;
        let result = match &store.pool {
            Pool::Sqlite(pool) => migrator(Dialect::Sqlite).run(pool).await,
            Pool::Postgres(pool) => migrator(Dialect::Postgres).run(pool).await,
        };
        let error = match result {
            Ok(()) => return Ok(()),
            Err(MigrateError::VersionMissing(version)) => {
                return Err(StoreError::NewerSchema {
                    location: store.location.clone(),
                    version,
                });
            }
            Err(MigrateError::Execute(e) | MigrateError::ExecuteMigration(e, _))
                if store.path.is_some() && sqlite_error_is_fatal(&e) =>
            {
                return Err(store.error(e));
            }
            Err(e) => e,
        };
        let retry = matches!(
            error,
            MigrateError::Execute(_) | MigrateError::ExecuteMigration(..)
        );
        if !retry || tries >= 5 {
            return Err(StoreError::Migrate {
                location: store.location.clone(),
                source: error,
            });
        }
        tokio::time::sleep(Duration::from_millis(50 * tries)).await;
    }
}

fn sqlite_code(error: &sqlx::Error) -> Option<i64> {
    let db: &dyn DatabaseError = error.as_database_error()?;
    db.code()?.parse::<i64>().ok()
}

/// SQLite errors that no retry fixes: not a database, read-only, cannot open.
fn sqlite_error_is_fatal(error: &sqlx::Error) -> bool {
    matches!(
        sqlite_code(error).map(|c| c & 0xff),
        Some(SQLITE_NOTADB | SQLITE_CORRUPT | SQLITE_READONLY | SQLITE_PERM | SQLITE_CANTOPEN)
    ) || matches!(error, sqlx::Error::Io(_))
}

const SQLITE_PERM: i64 = 3;
const SQLITE_READONLY: i64 = 8;
const SQLITE_CORRUPT: i64 = 11;
const SQLITE_CANTOPEN: i64 = 14;
const SQLITE_NOTADB: i64 = 26;

/// Maps an SQLite error on `path` to the clearest [`StoreError`].
pub(crate) fn sqlite_error(path: &Path, error: sqlx::Error) -> StoreError {
    let path: PathBuf = path.to_path_buf();
    let detail = match error.as_database_error() {
        Some(db) => db.message().to_owned(),
        None => error.to_string(),
    };
    match sqlite_code(&error).map(|c| c & 0xff) {
        Some(SQLITE_NOTADB | SQLITE_CORRUPT) => StoreError::NotADatabase { path, detail },
        Some(SQLITE_READONLY | SQLITE_PERM) => StoreError::ReadOnly { path, detail },
        Some(SQLITE_CANTOPEN) => {
            if readonly_place(&path) {
                StoreError::ReadOnly { path, detail }
            } else {
                StoreError::CannotOpen { path, detail }
            }
        }
        _ => match &error {
            sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                StoreError::ReadOnly { path, detail }
            }
            sqlx::Error::Io(_) => StoreError::CannotOpen { path, detail },
            _ => StoreError::Database {
                location: format!("SQLite {}", path.display()),
                source: error,
            },
        },
    }
}

/// Whether the file, or the folder it would be created in, is marked read-only.
fn readonly_place(path: &Path) -> bool {
    let readonly = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    if path.exists() {
        return readonly(path) || path.parent().is_some_and(readonly);
    }
    match path.parent() {
        Some(dir) if dir.as_os_str().is_empty() => readonly(Path::new(".")),
        Some(dir) => readonly(dir),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://ada:secret@db.example:5432/debrief?sslmode=disable"),
            "postgres://ada:***@db.example:5432/debrief?sslmode=disable"
        );
        assert_eq!(redact("postgres://ada@db/x"), "postgres://ada@db/x");
        assert_eq!(redact("postgres://db/x"), "postgres://db/x");
        assert_eq!(redact("postgres://a:b@c@h/x"), "postgres://a:***@h/x");
    }

    #[test]
    fn schema_names() {
        assert!(check_schema_name("t_story_crud_123").is_ok());
        for bad in ["", "1abc", "a-b", "a\"b", &"x".repeat(64)] {
            assert!(check_schema_name(bad).is_err(), "{bad:?}");
        }
    }
}
