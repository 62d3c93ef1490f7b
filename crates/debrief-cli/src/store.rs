//! Where the candidate's own data lives, and the clock: the only places the CLI reads them.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use anyhow::Context;
use debrief_grader::Grader;
use debrief_practice::{App, Clock};
use debrief_store::{Store, UserId};

/// The environment variable naming a shared PostgreSQL database.
pub const DATABASE_URL: &str = "DATABASE_URL";

pub use debrief_practice::clock::now;

/// The folder for the SQLite file: `--data-dir` when given, else the platform's data folder
/// (`$XDG_DATA_HOME/debrief` or `~/.local/share/debrief` on Linux, `~/Library/Application
/// Support/debrief` on macOS, `%APPDATA%\debrief` on Windows).
pub fn data_dir(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = given {
        return Ok(dir.to_owned());
    }
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let dir = if cfg!(target_os = "windows") {
        env("APPDATA").map(|d| d.join("debrief"))
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support/debrief"))
    } else {
        env("XDG_DATA_HOME")
            .map(|d| d.join("debrief"))
            .or_else(|| env("HOME").map(|h| h.join(".local/share/debrief")))
    };
    dir.context("cannot find a data folder (no HOME); pass --data-dir DIR or set DEBRIEF_DATA_DIR")
}

/// Opens the store: PostgreSQL when `DATABASE_URL` is set, else SQLite in the data folder.
pub async fn open(data_dir_flag: Option<&Path>) -> anyhow::Result<Store> {
    match std::env::var(DATABASE_URL)
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        Some(url) => Ok(Store::open(&url).await?),
        None => {
            let dir = data_dir(data_dir_flag)?;
            Ok(Store::open_default(&dir).await?)
        }
    }
}

/// The application over the store and the local-mode user, with a runtime to drive them from
/// synchronous commands.
pub struct Local {
    runtime: tokio::runtime::Runtime,
    app: App,
    user: UserId,
}

impl Local {
    /// Opens the store and the local user.
    pub fn open(grader: &Arc<Grader>, data_dir_flag: Option<&Path>) -> anyhow::Result<Local> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("starting the async runtime")?;
        let (store, user) = runtime.block_on(async {
            let store = open(data_dir_flag).await?;
            let user = store.local_user().await?;
            anyhow::Ok((store, UserId::new(user.id)))
        })?;
        Ok(Local {
            runtime,
            app: App::new(store, Arc::clone(grader), Clock::system()),
            user,
        })
    }

    /// The candidate's calendar day of a unix time.
    pub fn date_of(&self, seconds: i64) -> debrief_coach::calendar::Date {
        self.app.clock().date_of(seconds)
    }

    /// Runs `f` with the application and the local user's id.
    pub fn block_on<T>(
        &self,
        f: impl AsyncFnOnce(&App, UserId) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        self.runtime.block_on(f(&self.app, self.user))
    }
}
