//! [`StoreError`]: everything the store can report, each with a message a candidate can act on.

use std::path::PathBuf;
use std::time::Duration;

/// An error from the store.
///
/// Messages are written for the person running debrief: they name the file or server, say what
/// went wrong and, where there is one, what to do next. None of them contains a password from a
/// database URL.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The SQLite file exists but is not a database, is damaged, or belongs to another program.
    #[error("{} is not a debrief database ({detail}); move it aside or pass --data-dir", path.display())]
    NotADatabase {
        /// The database file.
        path: PathBuf,
        /// What SQLite said, e.g. "file is not a database".
        detail: String,
    },

    /// The SQLite file or its folder cannot be written (SQLite in WAL mode also writes
    /// `-wal` and `-shm` files beside the database).
    #[error(
        "cannot write to {} ({detail}); make the file and its folder writable, or pass --data-dir",
        path.display()
    )]
    ReadOnly {
        /// The database file.
        path: PathBuf,
        /// What SQLite or the operating system said.
        detail: String,
    },

    /// The SQLite file cannot be opened or created (a missing folder, a path that is a folder).
    #[error("cannot open the database {} ({detail}); check the path, or pass --data-dir", path.display())]
    CannotOpen {
        /// The database file.
        path: PathBuf,
        /// What SQLite or the operating system said.
        detail: String,
    },

    /// The data folder could not be created.
    #[error("cannot create the data folder {}: {source}", path.display())]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// PostgreSQL could not be reached, even after retrying.
    #[error(
        "cannot connect to PostgreSQL at {address}: {detail}; is the server running? \
         debrief tried {attempts} times over {:.1} s",
        waited.as_secs_f64()
    )]
    PostgresUnreachable {
        /// `host:port` (or the socket path) of the server.
        address: String,
        /// The last connection error.
        detail: String,
        /// How many connection attempts were made.
        attempts: u32,
        /// How long debrief waited between attempts, in total.
        waited: Duration,
    },

    /// PostgreSQL answered but refused the connection (wrong password, missing database, ...).
    /// Not retried: waiting does not fix these.
    #[error("PostgreSQL at {address} refused the connection: {detail}; check DATABASE_URL")]
    PostgresRejected {
        /// `host:port` (or the socket path) of the server.
        address: String,
        /// What the server said.
        detail: String,
    },

    /// The database address is neither a file path, a `sqlite:` URL nor a `postgres://` URL,
    /// or the URL does not parse.
    #[error("unsupported database address {shown}: {reason}")]
    BadAddress {
        /// The address with any password removed.
        shown: String,
        /// Why it was refused.
        reason: String,
    },

    /// The database was migrated by a newer debrief than this one.
    #[error(
        "the database at {location} was upgraded by a newer debrief (it has migration {version}, \
         which this build does not know); upgrade debrief"
    )]
    NewerSchema {
        /// Where the database is.
        location: String,
        /// The unknown migration version.
        version: i64,
    },

    /// Applying migrations failed.
    #[error("cannot apply the database migrations at {location}: {source}")]
    Migrate {
        /// Where the database is.
        location: String,
        /// The migrator's error.
        source: sqlx::migrate::MigrateError,
    },

    /// A user with this name (compared ignoring case) already exists.
    #[error("the username {0:?} is already taken")]
    UsernameTaken(String),

    /// The row does not exist, or it belongs to another user (the two are not distinguished,
    /// so nobody can probe for other users' ids).
    #[error("no {what} with id {id}")]
    NotFound {
        /// "story", "plan", "user", ...
        what: &'static str,
        /// The id asked for.
        id: i64,
    },

    /// A value the store refuses to save.
    #[error("invalid {field}: {reason}")]
    Invalid {
        /// The field at fault.
        field: &'static str,
        /// Why.
        reason: String,
    },

    /// A stored value could not be read back (a row edited by hand outside debrief).
    #[error("the stored {what} with id {id} cannot be read: {detail}")]
    BadRow {
        /// "story", ...
        what: &'static str,
        /// Its id.
        id: i64,
        /// The decoding error.
        detail: String,
    },

    /// The operating system could not provide random bytes for a session token.
    #[error("cannot draw random bytes for a session token: {0}")]
    Random(String),

    /// Any other database error.
    #[error("database error at {location}: {source}")]
    Database {
        /// Where the database is.
        location: String,
        /// The driver's error.
        source: sqlx::Error,
    },
}

impl StoreError {
    /// Builds [`StoreError::Invalid`].
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        StoreError::Invalid {
            field,
            reason: reason.into(),
        }
    }
}
