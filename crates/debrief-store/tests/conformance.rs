//! The conformance suite: one set of tests, run against every backend.
//!
//! Each test runs on SQLite (a file in a temporary folder) and, when `TEST_DATABASE_URL` is set
//! (`.ci/run` sets it after starting a throwaway server), on PostgreSQL in a schema of its own
//! (`OpenOptions::pg_schema`), so tests are independent and run in parallel on both.
//!
//! The process tests (two writers, a writer killed with SIGKILL) re-run this test binary as a
//! child: `child_process` does nothing unless `DEBRIEF_STORE_CHILD` names a job.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use debrief_coach::story::Story;
use debrief_pack::Role;
use debrief_store::{Backend, OpenOptions, Store, StoreError, hash_token};
use sqlx::{AssertSqlSafe, Executor};

// ----- harness -----------------------------------------------------------------------------

/// One backend prepared for one test.
struct Db {
    store: Store,
    /// What `Store::open_with` was given.
    address: String,
    /// PostgreSQL: the test's own schema.
    schema: Option<String>,
    /// SQLite: the folder holding the file (removed on drop).
    dir: Option<tempfile::TempDir>,
}

impl Db {
    fn label(&self) -> &'static str {
        match self.store.backend() {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }

    fn options(&self) -> OpenOptions {
        match &self.schema {
            Some(schema) => OpenOptions::new().pg_schema(schema.clone()),
            None => OpenOptions::new(),
        }
    }

    /// A second, independent store (its own pool) on the same database.
    async fn reopen(&self) -> Store {
        Store::open_with(&self.address, &self.options())
            .await
            .unwrap_or_else(|e| panic!("reopen {}: {e}", self.label()))
    }

    fn sqlite_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.path().join("debrief.sqlite3"))
    }
}

fn pg_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

async fn sqlite_db() -> Db {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let address = dir.path().join("debrief.sqlite3").display().to_string();
    let store = Store::open(&address)
        .await
        .unwrap_or_else(|e| panic!("open SQLite: {e}"));
    Db {
        store,
        address,
        schema: None,
        dir: Some(dir),
    }
}

async fn pg_admin(url: &str) -> sqlx::PgPool {
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is set but PostgreSQL is unreachable: {e}"))
}

async fn drop_schema(url: &str, schema: &str) {
    let admin = pg_admin(url).await;
    let sql = format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
    if let Err(e) = admin.execute(AssertSqlSafe(sql)).await {
        panic!("drop schema {schema}: {e}");
    }
    admin.close().await;
}

async fn pg_db(url: &str, test: &str) -> Db {
    let mut schema: String = format!("t{}_{test}", std::process::id())
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    schema.truncate(63);
    drop_schema(url, &schema).await;
    let store = Store::open_with(url, &OpenOptions::new().pg_schema(schema.clone()))
        .await
        .unwrap_or_else(|e| panic!("open PostgreSQL: {e}"));
    Db {
        store,
        address: url.to_owned(),
        schema: Some(schema),
        dir: None,
    }
}

/// Runs `check` on SQLite, then on PostgreSQL when `TEST_DATABASE_URL` is set.
async fn each_backend(test: &str, check: impl AsyncFn(&Db)) {
    let db = sqlite_db().await;
    eprintln!("{test}: SQLite");
    check(&db).await;
    db.store.close().await;

    match pg_url() {
        Some(url) => {
            let db = pg_db(&url, test).await;
            eprintln!("{test}: PostgreSQL");
            check(&db).await;
            db.store.close().await;
            if let Some(schema) = &db.schema {
                drop_schema(&url, schema).await;
            }
        }
        None => eprintln!("{test}: PostgreSQL skipped (TEST_DATABASE_URL is not set)"),
    }
}

fn story(title: &str) -> Story {
    Story {
        title: title.to_owned(),
        situation: format!("{title}: situation"),
        task: "task".to_owned(),
        action: "I did the thing".to_owned(),
        result: "it grew 12% in 6 weeks".to_owned(),
        metrics: "+12% WAU".to_owned(),
        tags: vec!["growth".to_owned(), "launch".to_owned()],
        lps: vec!["customer-obsession".to_owned()],
        role: Some(Role::Pm),
    }
}

async fn user(store: &Store, name: &str) -> i64 {
    store
        .create_user(name, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")
        .await
        .unwrap_or_else(|e| panic!("create_user {name}: {e}"))
        .id
}

fn expect_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>, what: &str) {
    match result {
        Err(StoreError::NotFound { what: w, .. }) if w == what => {}
        other => panic!("expected NotFound {what}, got {other:?}"),
    }
}

fn expect_invalid<T: std::fmt::Debug>(result: Result<T, StoreError>, field: &str) {
    match result {
        Err(StoreError::Invalid { field: f, .. }) if f == field => {}
        other => panic!("expected Invalid {field}, got {other:?}"),
    }
}

macro_rules! ok {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => panic!("{} failed: {e}", stringify!($e)),
        }
    };
}

// ----- concurrency and durability ----------------------------------------------------------

const CHILD_ENV: &str = "DEBRIEF_STORE_CHILD";

/// Starts this test binary again as a child running `child_process` with job `job`.
fn spawn_child(
    db: &Db,
    job: &str,
    user_id: i64,
    go_file: &Path,
) -> (Child, BufReader<ChildStdout>) {
    let exe = ok!(std::env::current_exe());
    let mut child = ok!(Command::new(exe)
        .args([
            "child_process",
            "--exact",
            "--nocapture",
            "--test-threads",
            "1"
        ])
        .env(CHILD_ENV, job)
        .env("DEBRIEF_STORE_ADDRESS", &db.address)
        .env(
            "DEBRIEF_STORE_SCHEMA",
            db.schema.clone().unwrap_or_default()
        )
        .env("DEBRIEF_STORE_USER", user_id.to_string())
        .env("DEBRIEF_STORE_GO", go_file)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn());
    let stdout = child
        .stdout
        .take()
        .unwrap_or_else(|| panic!("child stdout"));
    (child, BufReader::new(stdout))
}

/// Reads the child's output until a line `CHILD <marker>`; returns the lines seen.
fn wait_for(out: &mut BufReader<ChildStdout>, marker: &str) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        let mut line = String::new();
        match out.read_line(&mut line) {
            Ok(0) => panic!("child ended before {marker:?}; output: {seen:?}"),
            Ok(_) => {}
            Err(e) => panic!("reading child output: {e}"),
        }
        let line = line.trim_end().to_owned();
        let found = line.ends_with(&format!("CHILD {marker}"));
        seen.push(line);
        if found {
            return seen;
        }
    }
}

/// Jobs for child processes. Does nothing in a normal test run.
#[tokio::test]
async fn child_process() {
    let Ok(job) = std::env::var(CHILD_ENV) else {
        return;
    };
    let env = |name: &str| std::env::var(name).unwrap_or_default();
    let schema = env("DEBRIEF_STORE_SCHEMA");
    let options = if schema.is_empty() {
        OpenOptions::new()
    } else {
        OpenOptions::new().pg_schema(schema)
    };
    let store = ok!(Store::open_with(&env("DEBRIEF_STORE_ADDRESS"), &options).await);
    let user_id: i64 = env("DEBRIEF_STORE_USER").parse().unwrap_or(0);
    let say = |what: &str| {
        use std::io::Write;
        println!("CHILD {what}");
        let _ = std::io::stdout().flush();
    };
    match job.as_str() {
        "write-a" | "write-b" => {
            say("ready");
            let go = PathBuf::from(env("DEBRIEF_STORE_GO"));
            let deadline = Instant::now() + Duration::from_secs(30);
            while !go.exists() && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            for i in 0..WRITES_PER_PROCESS {
                ok!(store
                    .add_story(user_id, &story(&format!("{job} {i}")), i)
                    .await);
            }
            say("done");
        }
        "drafts" => mocks::save_drafts_until_killed(&store, user_id).await,
        "commit-then-die" => {
            for i in 0..COMMITTED {
                ok!(store
                    .add_story(user_id, &story(&format!("committed {i}")), i)
                    .await);
            }
            say("committed");
            let batch: Vec<Story> = (0..100_000)
                .map(|i| story(&format!("doomed {i}")))
                .collect();
            say("importing");
            let result = store.import_stories(user_id, &batch, 1).await;
            say(&format!("imported {}", result.is_ok()));
        }
        other => panic!("unknown child job {other}"),
    }
}

/// Whether another connection holds an open transaction that has written (SQLite: holds the
/// write lock; PostgreSQL: the child's import has an transaction id and has run a while).
async fn write_transaction_open(db: &Db) -> bool {
    use sqlx::Connection;
    match (db.sqlite_path(), &db.schema) {
        (Some(path), _) => {
            let options = sqlx::sqlite::SqliteConnectOptions::new()
                .filename(&path)
                .busy_timeout(Duration::ZERO);
            let mut conn = ok!(sqlx::SqliteConnection::connect_with(&options).await);
            let open = match conn.execute("BEGIN IMMEDIATE").await {
                Ok(_) => {
                    ok!(conn.execute("ROLLBACK").await);
                    false
                }
                Err(e) => {
                    let code = e
                        .as_database_error()
                        .and_then(|d| d.code())
                        .unwrap_or_default();
                    assert_eq!(code, "5", "expected SQLITE_BUSY, got {e}");
                    true
                }
            };
            let _ = conn.close().await;
            open
        }
        (None, Some(_)) => {
            let admin = pg_admin(&db.address).await;
            let (n,): (i64,) = ok!(sqlx::query_as(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL \
                 AND query LIKE 'INSERT INTO stories %RETURNING id' \
                 AND xact_start < now() - interval '50 milliseconds'"
            )
            .fetch_one(&admin)
            .await);
            admin.close().await;
            n > 0
        }
        (None, None) => panic!("unknown backend"),
    }
}

const WRITES_PER_PROCESS: i64 = 100;
const COMMITTED: i64 = 25;

#[tokio::test]
async fn two_processes_write_at_once() {
    each_backend("two_writers", async |db: &Db| {
        let a = user(&db.store, "ada").await;
        let dir = ok!(tempfile::tempdir());
        let go = dir.path().join("go");
        let (mut c1, mut o1) = spawn_child(db, "write-a", a, &go);
        let (mut c2, mut o2) = spawn_child(db, "write-b", a, &go);
        wait_for(&mut o1, "ready");
        wait_for(&mut o2, "ready");
        ok!(std::fs::write(&go, "go"));
        // Meanwhile this process writes too, through two more independent pools.
        let (p1, p2) = (db.reopen().await, db.reopen().await);
        let write = async |store: &Store, name: &str| {
            for i in 0..WRITES_PER_PROCESS {
                ok!(store.add_story(a, &story(&format!("{name} {i}")), i).await);
            }
        };
        tokio::join!(write(&p1, "pool-1"), write(&p2, "pool-2"));
        wait_for(&mut o1, "done");
        wait_for(&mut o2, "done");
        assert!(ok!(c1.wait()).success());
        assert!(ok!(c2.wait()).success());

        let stories = ok!(db.store.stories(a).await);
        assert_eq!(stories.len() as i64, 4 * WRITES_PER_PROCESS);
        for who in ["write-a", "write-b", "pool-1", "pool-2"] {
            let titles: BTreeSet<&str> = stories
                .iter()
                .filter(|s| s.story.title.starts_with(&format!("{who} ")))
                .map(|s| s.story.title.as_str())
                .collect();
            assert_eq!(titles.len() as i64, WRITES_PER_PROCESS, "{who}");
        }
        p1.close().await;
        p2.close().await;
    })
    .await;
}

#[tokio::test]
async fn a_writer_killed_mid_transaction_loses_nothing_committed() {
    each_backend("sigkill", async |db: &Db| {
        let a = user(&db.store, "ada").await;
        let dir = ok!(tempfile::tempdir());
        let (mut child, mut out) = spawn_child(db, "commit-then-die", a, &dir.path().join("go"));
        wait_for(&mut out, "committed");
        wait_for(&mut out, "importing");
        // Wait until the import's transaction holds written rows, then kill without warning.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !write_transaction_open(db).await {
            assert!(
                Instant::now() < deadline,
                "the child never began its transaction"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(
            write_transaction_open(db).await,
            "the transaction ended before the kill"
        );
        ok!(child.kill());
        let status = ok!(child.wait());
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                Some(9),
                "the child was killed by SIGKILL: {status:?}"
            );
        }
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut rest);
        assert!(
            !rest.contains("imported"),
            "the import finished before the kill: {rest}"
        );

        // Reopen as a new process would: exactly the committed rows, and the file is sound.
        let store = db.reopen().await;
        let stories = ok!(store.stories(a).await);
        let titles: BTreeSet<String> = stories.iter().map(|s| s.story.title.clone()).collect();
        let expected: BTreeSet<String> = (0..COMMITTED).map(|i| format!("committed {i}")).collect();
        assert_eq!(titles, expected, "{}", db.label());
        assert_eq!(stories.len() as i64, COMMITTED);
        ok!(store.add_story(a, &story("after the crash"), 99).await);
        store.close().await;
        if let Some(path) = db.sqlite_path() {
            let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await);
            let (check,): (String,) = ok!(sqlx::query_as("PRAGMA integrity_check")
                .fetch_one(&raw)
                .await);
            assert_eq!(check, "ok");
            raw.close().await;
        }
    })
    .await;
}

#[path = "conformance/accounts.rs"]
mod accounts;
#[path = "conformance/drafts.rs"]
mod drafts;
#[path = "conformance/mocks.rs"]
mod mocks;
#[path = "conformance/pages.rs"]
mod pages;
#[path = "conformance/schema.rs"]
mod schema;
#[path = "conformance/stories.rs"]
mod stories;
