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

use debrief_store::{Backend, NewStory, OpenOptions, Store, StoreError, hash_token};
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

fn story(title: &str) -> NewStory {
    NewStory {
        title: title.to_owned(),
        situation: format!("{title}: situation"),
        task: "task".to_owned(),
        action: "I did the thing".to_owned(),
        result: "it grew 12% in 6 weeks".to_owned(),
        metrics: "+12% WAU".to_owned(),
        tags: vec!["growth".to_owned(), "launch".to_owned()],
        lps: vec!["customer-obsession".to_owned()],
        role: Some("pm".to_owned()),
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

// ----- schema and opening ------------------------------------------------------------------

#[test]
fn migration_folders_hold_the_same_files() {
    let names = |backend: &str| -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(backend);
        std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect()
    };
    let sqlite = names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite,
        names("postgres"),
        "every migration needs a file of the same name in both folders"
    );
    assert_eq!(sqlite.len() as i64, Store::latest_schema_version());
}

#[tokio::test]
async fn migrations_are_idempotent() {
    each_backend("migrations", async |db: &Db| {
        let a = user(&db.store, "ada").await;
        ok!(db.store.add_story(a, &story("kept"), 10).await);
        assert_eq!(
            ok!(db.store.schema_version().await),
            Store::latest_schema_version()
        );
        // Open again (and a third time, at once): nothing re-applied, nothing lost.
        let (again, third) = tokio::join!(db.reopen(), db.reopen());
        assert_eq!(
            ok!(again.schema_version().await),
            Store::latest_schema_version()
        );
        let stories = ok!(third.stories(a).await);
        assert_eq!(stories.len(), 1);
        assert_eq!(stories[0].title, "kept");
        again.close().await;
        third.close().await;
    })
    .await;
}

#[tokio::test]
async fn open_default_creates_the_folder_and_file() {
    let dir = ok!(tempfile::tempdir());
    let data = dir.path().join("nested").join("debrief");
    let store = ok!(Store::open_default(&data).await);
    assert!(data.join(debrief_store::DEFAULT_FILE_NAME).is_file());
    assert_eq!(store.backend(), Backend::Sqlite);
    assert!(store.location().contains("debrief.sqlite3"));
    let local = ok!(store.local_user().await);
    store.close().await;
    // Opening again finds the same user: the data survived a restart.
    let store = ok!(Store::open_default(&data).await);
    assert_eq!(ok!(store.local_user().await), local);
    store.close().await;
}

#[tokio::test]
async fn sqlite_url_and_memory_addresses_work() {
    let dir = ok!(tempfile::tempdir());
    let url = format!("sqlite:{}", dir.path().join("u.db").display());
    let store = ok!(Store::open(&url).await);
    ok!(store.local_user().await);
    store.close().await;
    assert!(dir.path().join("u.db").is_file());

    let memory = ok!(Store::open("sqlite::memory:").await);
    let u = ok!(memory.local_user().await).id;
    ok!(memory.add_story(u, &story("in memory"), 1).await);
    assert_eq!(ok!(memory.stories(u).await).len(), 1);
}

#[tokio::test]
async fn sqlite_files_use_wal_and_foreign_keys() {
    let db = sqlite_db().await;
    let path = db.sqlite_path().unwrap_or_default();
    let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await);
    let (mode,): (String,) = ok!(sqlx::query_as("PRAGMA journal_mode").fetch_one(&raw).await);
    assert_eq!(mode, "wal");
    raw.close().await;
    // Foreign keys are on: deleting a user removes their stories.
    let a = user(&db.store, "ada").await;
    ok!(db.store.add_story(a, &story("s"), 1).await);
    expect_not_found(db.store.add_story(a + 1000, &story("s"), 1).await, "user");
}

#[tokio::test]
async fn a_corrupt_file_gives_a_clear_error() {
    let dir = ok!(tempfile::tempdir());
    let path = dir.path().join("debrief.sqlite3");
    ok!(std::fs::write(
        &path,
        "these are my notes, not a database\n".repeat(200)
    ));
    let err = match Store::open(&path.display().to_string()).await {
        Err(e) => e,
        Ok(_) => panic!("a text file opened as a database"),
    };
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains(
            "is not a debrief database (file is not a database); move it aside or pass --data-dir"
        ),
        "{message}"
    );
    assert!(message.contains(&path.display().to_string()), "{message}");
    // The file is left as it was.
    assert!(ok!(std::fs::read_to_string(&path)).starts_with("these are my notes"));

    // A real SQLite database of some other program is refused too, untouched.
    let other = dir.path().join("other.db");
    let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}?mode=rwc", other.display())).await);
    ok!(raw.execute("CREATE TABLE invoices (id INTEGER)").await);
    raw.close().await;
    match Store::open(&other.display().to_string()).await {
        Err(e @ StoreError::NotADatabase { .. }) => {
            assert!(e.to_string().contains("another program"), "{e}")
        }
        other => panic!("expected NotADatabase, got {other:?}"),
    }
}

#[tokio::test]
async fn a_read_only_database_gives_a_clear_error() {
    let dir = ok!(tempfile::tempdir());
    // An empty database opened read-only cannot be migrated.
    let fresh = dir.path().join("fresh.db");
    let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}?mode=rwc", fresh.display())).await);
    ok!(raw.execute("PRAGMA user_version = 0").await);
    raw.close().await;
    let err = match Store::open(&format!("sqlite:{}?mode=ro", fresh.display())).await {
        Err(e) => e,
        Ok(_) => panic!("migrated a read-only database"),
    };
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().starts_with("cannot write to "), "{err}");

    // A migrated database opened read-only can be read, and writing says why it cannot.
    let path = dir.path().join("debrief.sqlite3");
    let store = ok!(Store::open(&path.display().to_string()).await);
    let a = ok!(store.local_user().await).id;
    ok!(store.add_story(a, &story("before"), 1).await);
    store.close().await;
    let ro = ok!(Store::open(&format!("sqlite:{}?mode=ro", path.display())).await);
    assert_eq!(ok!(ro.stories(a).await).len(), 1);
    match ro.add_story(a, &story("after"), 2).await {
        Err(StoreError::ReadOnly { .. }) => {}
        other => panic!("expected ReadOnly, got {other:?}"),
    }
    ro.close().await;

    // A folder without write permission (meaningless for root, who may write anywhere).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        ok!(std::fs::create_dir(&locked));
        ok!(std::fs::set_permissions(
            &locked,
            std::fs::Permissions::from_mode(0o555)
        ));
        let root = std::fs::write(locked.join("probe"), "x").is_ok();
        if !root {
            match Store::open(&locked.join("debrief.sqlite3").display().to_string()).await {
                Err(StoreError::ReadOnly { .. }) => {}
                other => panic!("expected ReadOnly, got {other:?}"),
            }
            // A database file without write permission: refused at open or at the first write.
            ok!(std::fs::set_permissions(
                &path,
                std::fs::Permissions::from_mode(0o444)
            ));
            match Store::open(&path.display().to_string()).await {
                Err(StoreError::ReadOnly { .. }) => {}
                Err(other) => panic!("expected ReadOnly, got {other:?}"),
                Ok(store) => {
                    match store.add_story(a, &story("after"), 2).await {
                        Err(StoreError::ReadOnly { .. }) => {}
                        other => panic!("expected ReadOnly, got {other:?}"),
                    }
                    store.close().await;
                }
            }
        }
        ok!(std::fs::set_permissions(
            &locked,
            std::fs::Permissions::from_mode(0o755)
        ));
    }
}

#[tokio::test]
async fn a_newer_database_is_refused() {
    let db = sqlite_db().await;
    db.store.close().await;
    let path = db.sqlite_path().unwrap_or_default();
    let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await);
    ok!(raw
        .execute(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (9999, 'from the future', TRUE, x'00', 0)"
        )
        .await);
    raw.close().await;
    match Store::open(&db.address).await {
        Err(e @ StoreError::NewerSchema { version: 9999, .. }) => {
            assert!(e.to_string().contains("upgrade debrief"), "{e}")
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

#[tokio::test]
async fn postgres_down_gives_a_clear_error_after_retrying() {
    // Nothing listens on port 1.
    let options = OpenOptions::new()
        .connect_attempts(3)
        .connect_backoff(Duration::from_millis(20));
    let started = Instant::now();
    let err =
        match Store::open_with("postgres://debrief:secret@127.0.0.1:1/debrief", &options).await {
            Err(e) => e,
            Ok(_) => panic!("connected to port 1"),
        };
    assert!(
        started.elapsed() >= Duration::from_millis(60),
        "waited 20 + 40 ms between tries"
    );
    match &err {
        StoreError::PostgresUnreachable { attempts: 3, .. } => {}
        other => panic!("expected PostgresUnreachable, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.starts_with("cannot connect to PostgreSQL at 127.0.0.1:1: "),
        "{message}"
    );
    assert!(
        message.contains("is the server running? debrief tried 3 times"),
        "{message}"
    );
    assert!(!message.contains("secret"), "{message}");
}

#[tokio::test]
async fn unsupported_addresses_are_refused_without_leaking_passwords() {
    for address in ["mysql://root:hunter2@db/x", ""] {
        match Store::open(address).await {
            Err(e @ StoreError::BadAddress { .. }) => {
                assert!(!e.to_string().contains("hunter2"), "{e}")
            }
            other => panic!("{address}: expected BadAddress, got {other:?}"),
        }
    }
}

// ----- users and sessions ------------------------------------------------------------------

#[tokio::test]
async fn usernames_are_unique_ignoring_case() {
    each_backend("users", async |db: &Db| {
        let s = &db.store;
        let ada = ok!(s.create_user("Ada", "hash-a").await);
        assert_eq!(ada.username, "Ada");
        assert_eq!(ada.password_hash, "hash-a");
        for dup in ["Ada", "ada", "ADA"] {
            match s.create_user(dup, "other").await {
                Err(e @ StoreError::UsernameTaken(_)) => {
                    assert_eq!(
                        e.to_string(),
                        format!("the username {dup:?} is already taken")
                    )
                }
                other => panic!("duplicate {dup}: {other:?}"),
            }
        }
        assert_eq!(ok!(s.user_by_name("aDa").await), Some(ada.clone()));
        assert_eq!(ok!(s.user_by_id(ada.id).await), Some(ada.clone()));
        assert_eq!(ok!(s.user_by_name("grace").await), None);
        assert_eq!(ok!(s.user_by_id(ada.id + 1000).await), None);
        expect_invalid(s.create_user(" ", "h").await, "username");

        // The local user is created once, has no password, and never leaks a hash into JSON.
        let local = ok!(s.local_user().await);
        assert_eq!(ok!(s.local_user().await), local);
        assert_eq!(local.username, debrief_store::LOCAL_USERNAME);
        assert!(local.password_hash.is_empty());
        let json = ok!(serde_json::to_string(&ada));
        assert!(!json.contains("hash-a"), "{json}");
    })
    .await;
}

#[tokio::test]
async fn sessions_expire_and_store_only_a_hash() {
    each_backend("sessions", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bob").await;
        let ta = ok!(debrief_store::new_session_token());
        let tb = ok!(debrief_store::new_session_token());
        ok!(s.create_session(a, &ta, 1_000).await);
        ok!(s.create_session(b, &tb, 2_000).await);

        assert_eq!(ok!(s.session_user(&ta, 999).await).map(|u| u.id), Some(a));
        assert_eq!(ok!(s.session_user(&tb, 999).await).map(|u| u.id), Some(b));
        assert_eq!(
            ok!(s.session_user(&ta, 1_000).await),
            None,
            "expired at expires_at"
        );
        assert_eq!(ok!(s.session_user("not-a-token", 0).await), None);
        assert_eq!(
            ok!(s.session_user(&hash_token(&ta), 0).await),
            None,
            "the hash is no token"
        );

        assert_eq!(ok!(s.delete_expired(1_500).await), 1);
        assert_eq!(ok!(s.session_user(&ta, 0).await), None, "deleted");
        assert_eq!(ok!(s.session_user(&tb, 1_999).await).map(|u| u.id), Some(b));
        ok!(s.delete_session(&tb).await);
        ok!(s.delete_session(&tb).await);
        assert_eq!(ok!(s.session_user(&tb, 0).await), None);

        ok!(s.create_session(a, "t1", 10).await);
        ok!(s.create_session(a, "t2", 10).await);
        assert_eq!(ok!(s.delete_user_sessions(a).await), 2);
        expect_not_found(s.create_session(a + b + 1000, "t3", 10).await, "user");

        if let Some(path) = db.sqlite_path() {
            let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await);
            ok!(s.create_session(a, &ta, 5_000).await);
            let rows: Vec<(String,)> = ok!(sqlx::query_as("SELECT token_hash FROM sessions")
                .fetch_all(&raw)
                .await);
            assert_eq!(rows, vec![(hash_token(&ta),)]);
            raw.close().await;
        }
    })
    .await;
}

// ----- stories -----------------------------------------------------------------------------

#[tokio::test]
async fn stories_round_trip_and_order() {
    each_backend("stories", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;

        let mut full = story("Launch in Japan — 日本");
        full.tags = vec!["z".into(), "a".into(), "with, comma \"quoted\"".into()];
        full.lps = vec!["ownership".into(), "dive-deep".into()];
        full.situation = "line one\nline two\ttab 'quote' ; DROP TABLE stories; --".into();
        let first = ok!(s.add_story(a, &full, 100).await);
        assert_eq!(first.to_new(), full, "every field comes back as given");
        assert_eq!(
            (first.user_id, first.created_at, first.updated_at),
            (a, 100, 100)
        );
        assert_eq!(ok!(s.story(a, first.id).await), Some(first.clone()));

        let mut bare = NewStory {
            title: "bare".into(),
            ..NewStory::default()
        };
        bare.role = None;
        let second = ok!(s.add_story(a, &bare, 200).await);
        assert_eq!(second.to_new(), bare);
        let third = ok!(s.add_story(a, &story("third"), 200).await);

        // Newest update first; the same second keeps the order of adding.
        let ids = |v: Vec<debrief_store::Story>| v.into_iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(
            ids(ok!(s.stories(a).await)),
            vec![second.id, third.id, first.id]
        );

        // Updating moves a story to the front and keeps created_at.
        let mut changed = first.to_new();
        changed.result = "grew 30% in a quarter".into();
        changed.role = Some("pmm".into());
        changed.tags.clear();
        let updated = ok!(s.update_story(a, first.id, &changed, 300).await);
        assert_eq!(updated.to_new(), changed);
        assert_eq!((updated.created_at, updated.updated_at), (100, 300));
        assert_eq!(ok!(s.story(a, first.id).await), Some(updated));
        assert_eq!(
            ids(ok!(s.stories(a).await)),
            vec![first.id, second.id, third.id]
        );

        // Delete, then it is gone, and deleting again says so.
        ok!(s.delete_story(a, second.id).await);
        assert_eq!(ok!(s.story(a, second.id).await), None);
        expect_not_found(s.delete_story(a, second.id).await, "story");
        expect_not_found(s.update_story(a, second.id, &bare, 400).await, "story");
        assert_eq!(ids(ok!(s.stories(a).await)), vec![first.id, third.id]);

        // What the store refuses.
        expect_invalid(s.add_story(a, &NewStory::default(), 1).await, "title");
        let mut bad_role = story("x");
        bad_role.role = Some("engineer".into());
        expect_invalid(s.add_story(a, &bad_role, 1).await, "role");
        expect_invalid(s.update_story(a, first.id, &bad_role, 1).await, "role");
        expect_not_found(s.add_story(a + 1000, &story("x"), 1).await, "user");

        // Import: all in one transaction, ids in the order given; a bad story stops all of them.
        let batch: Vec<NewStory> = (0..5).map(|i| story(&format!("imported {i}"))).collect();
        let imported = ok!(s.import_stories(a, &batch, 500).await);
        assert_eq!(imported.len(), 5);
        let listed = ok!(s.stories(a).await);
        let titles: Vec<&str> = listed.iter().take(5).map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "imported 0",
                "imported 1",
                "imported 2",
                "imported 3",
                "imported 4"
            ]
        );
        let mut with_bad = batch.clone();
        with_bad.push(NewStory::default());
        expect_invalid(s.import_stories(a, &with_bad, 600).await, "title");
        expect_not_found(s.import_stories(a + 1000, &batch, 600).await, "user");
        assert_eq!(ok!(s.stories(a).await).len(), 7);
    })
    .await;
}

// ----- isolation ---------------------------------------------------------------------------

#[tokio::test]
async fn users_cannot_touch_each_others_data() {
    each_backend("isolation", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bob").await;

        let sa = ok!(s.add_story(a, &story("ada's"), 10).await);
        let fa = ok!(s.save_fit(a, 10, r#"{"lean":"pm"}"#.to_owned()).await);
        let pa = ok!(s
            .create_plan(a, "amazon", "pm", "l6", "2026-09-01", 10)
            .await);
        ok!(s.set_item_done(a, pa, "w1-story", true, 11).await);

        // Reads.
        assert_eq!(ok!(s.story(b, sa.id).await), None);
        assert!(ok!(s.stories(b).await).is_empty());
        assert!(ok!(s.fit_results(b).await).is_empty());
        assert_eq!(ok!(s.plan(b, pa).await), None);
        assert!(ok!(s.plans(b).await).is_empty());
        expect_not_found(s.done_items(b, pa).await, "plan");

        // Writes.
        expect_not_found(
            s.update_story(b, sa.id, &story("bob was here"), 20).await,
            "story",
        );
        expect_not_found(s.delete_story(b, sa.id).await, "story");
        expect_not_found(s.set_item_done(b, pa, "w1-story", false, 20).await, "plan");
        expect_not_found(s.set_item_done(b, pa, "bobs-item", true, 20).await, "plan");
        expect_not_found(s.delete_plan(b, pa).await, "plan");

        // Ada's data is exactly as she left it.
        assert_eq!(ok!(s.story(a, sa.id).await), Some(sa));
        assert_eq!(ok!(s.fit_results(a).await), vec![fa]);
        assert_eq!(ok!(s.plans(a).await).len(), 1);
        assert_eq!(
            ok!(s.done_items(a, pa).await),
            BTreeSet::from(["w1-story".to_owned()])
        );

        // And Bob's own data stays his.
        let sb = ok!(s.add_story(b, &story("bob's"), 30).await);
        assert_eq!(ok!(s.stories(a).await).len(), 1);
        assert_eq!(ok!(s.stories(b).await), vec![sb]);
    })
    .await;
}

// ----- fit results and plans ---------------------------------------------------------------

#[tokio::test]
async fn fit_results_come_back_newest_first_byte_for_byte() {
    each_backend("fit", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let old = ok!(s
            .save_fit(a, 100, "{ \"lean\" : -0.4,\n \"é\": [1, 2.50] }".to_owned())
            .await);
        let new = ok!(s.save_fit(a, 300, "{\"lean\":0.7}".to_owned()).await);
        let mid = ok!(s.save_fit(a, 200, "[]".to_owned()).await);
        let same_second = ok!(s.save_fit(a, 300, "{}".to_owned()).await);
        assert_eq!(
            ok!(s.fit_results(a).await),
            vec![same_second, new, mid, old.clone()]
        );
        assert_eq!(old.result_json, "{ \"lean\" : -0.4,\n \"é\": [1, 2.50] }");
        expect_invalid(s.save_fit(a, 1, "not json".to_owned()).await, "result_json");
        expect_not_found(s.save_fit(a + 1000, 1, "{}".to_owned()).await, "user");
    })
    .await;
}

#[tokio::test]
async fn plan_ticks_round_trip() {
    each_backend("plans", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let p1 = ok!(s
            .create_plan(a, "amazon", "pm", "l6", "2026-09-01", 100)
            .await);
        let p2 = ok!(s
            .create_plan(a, "google", "pmm", "l5", "2026-10-15", 200)
            .await);
        let plans = ok!(s.plans(a).await);
        assert_eq!(plans.iter().map(|p| p.id).collect::<Vec<_>>(), vec![p2, p1]);
        let plan = ok!(s.plan(a, p1).await).unwrap_or_else(|| panic!("plan {p1}"));
        assert_eq!(
            (
                plan.company.as_str(),
                plan.role.as_str(),
                plan.level.as_str()
            ),
            ("amazon", "pm", "l6")
        );
        assert_eq!(
            (plan.interview_date.as_str(), plan.created_at, plan.user_id),
            ("2026-09-01", 100, a)
        );

        assert!(ok!(s.done_items(a, p1).await).is_empty());
        ok!(s.set_item_done(a, p1, "w1-artifact", true, 110).await);
        ok!(s.set_item_done(a, p1, "w2-mock", true, 120).await);
        ok!(s.set_item_done(a, p1, "w2-mock", true, 130).await);
        ok!(s.set_item_done(a, p2, "w1-artifact", true, 130).await);
        let set = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        assert_eq!(
            ok!(s.done_items(a, p1).await),
            set(&["w1-artifact", "w2-mock"])
        );
        ok!(s.set_item_done(a, p1, "w1-artifact", false, 140).await);
        ok!(s.set_item_done(a, p1, "never-ticked", false, 140).await);
        assert_eq!(ok!(s.done_items(a, p1).await), set(&["w2-mock"]));
        assert_eq!(ok!(s.done_items(a, p2).await), set(&["w1-artifact"]));

        // The ticks survive a restart.
        let again = db.reopen().await;
        assert_eq!(ok!(again.done_items(a, p1).await), set(&["w2-mock"]));
        again.close().await;

        expect_invalid(
            s.create_plan(a, "amazon", "swe", "l6", "2026-09-01", 1)
                .await,
            "role",
        );
        expect_invalid(
            s.create_plan(a, "amazon", "pm", "l6", "09/01/2026", 1)
                .await,
            "interview_date",
        );
        expect_invalid(s.set_item_done(a, p1, "", true, 1).await, "item_id");
        expect_not_found(
            s.set_item_done(a, p1 + p2 + 1000, "x", true, 1).await,
            "plan",
        );
        expect_not_found(
            s.create_plan(a + 1000, "amazon", "pm", "l6", "2026-09-01", 1)
                .await,
            "user",
        );

        ok!(s.delete_plan(a, p1).await);
        assert_eq!(ok!(s.plan(a, p1).await), None);
        expect_not_found(s.done_items(a, p1).await, "plan");
        assert_eq!(ok!(s.done_items(a, p2).await), set(&["w1-artifact"]));
    })
    .await;
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
        "drafts" => save_drafts_until_killed(&store, user_id).await,
        "commit-then-die" => {
            for i in 0..COMMITTED {
                ok!(store
                    .add_story(user_id, &story(&format!("committed {i}")), i)
                    .await);
            }
            say("committed");
            let batch: Vec<NewStory> = (0..100_000)
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
                .filter(|s| s.title.starts_with(&format!("{who} ")))
                .map(|s| s.title.as_str())
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
        let titles: BTreeSet<String> = stories.iter().map(|s| s.title.clone()).collect();
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

// ----- mocks, attempts and review cards ----------------------------------------------------

use debrief_store::{AnswerSlot, NewAttempt, NewMock, ReviewCard, Submission};

fn new_mock(company: &str) -> NewMock {
    NewMock {
        company: company.to_owned(),
        role: "pm".to_owned(),
        level: "l6".to_owned(),
        seed: -7_205_759_403_792_793_600,
        plan_json: format!(r#"{{"company":"{company}","rounds":[{{"kind":"behavioral"}}]}}"#),
    }
}

fn slot(round: i64, question: i64, probe: i64) -> AnswerSlot {
    AnswerSlot::new(round, question, probe)
}

fn submission(prompt_id: &str, text: &str) -> Submission {
    Submission {
        prompt_id: prompt_id.to_owned(),
        text: text.to_owned(),
        elapsed_seconds: 95,
        report_json: r#"{"score": 71, "rating": "hire"}"#.to_owned(),
    }
}

fn practice(question_id: Option<&str>, score: i64) -> NewAttempt {
    NewAttempt {
        source: "practice".to_owned(),
        mock_id: None,
        question_id: question_id.map(str::to_owned),
        round_kind: "behavioral".to_owned(),
        role: Some("pmm".to_owned()),
        company: Some("amazon".to_owned()),
        score,
        rating: "hire".to_owned(),
        answer: "I led the launch; sign-ups grew 12% in 6 weeks.".to_owned(),
        summary_json: r#"{"dimensions":[{"id":"impact","score":3}],"lps":["ownership"]}"#
            .to_owned(),
    }
}

fn from_mock(mock_id: i64, question_id: &str) -> NewAttempt {
    NewAttempt {
        source: "mock".to_owned(),
        mock_id: Some(mock_id),
        ..practice(Some(question_id), 55)
    }
}

fn review_card(key: &str, due: i64) -> ReviewCard {
    ReviewCard {
        card: key.to_owned(),
        state: "review".to_owned(),
        due,
        stability: 3.173_1,
        difficulty: 5.5,
        reps: 2,
        lapses: 0,
        last_review: Some(due - 86_400),
    }
}

fn keys(cards: &[ReviewCard]) -> Vec<&str> {
    cards.iter().map(|c| c.card.as_str()).collect()
}

/// Counts rows with SQL run beside the store (in the test's PostgreSQL schema).
async fn count_rows(db: &Db, sql: &'static str) -> i64 {
    match (db.sqlite_path(), &db.schema) {
        (Some(path), _) => {
            let raw = ok!(sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await);
            let (n,): (i64,) = ok!(sqlx::query_as(sql).fetch_one(&raw).await);
            raw.close().await;
            n
        }
        (None, Some(schema)) => {
            let options: sqlx::postgres::PgConnectOptions = ok!(db.address.parse());
            let raw = ok!(sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .connect_with(options.options([("search_path", schema.as_str())]))
                .await);
            let (n,): (i64,) = ok!(sqlx::query_as(sql).fetch_one(&raw).await);
            raw.close().await;
            n
        }
        (None, None) => panic!("unknown backend"),
    }
}

#[tokio::test]
async fn mocks_round_trip_and_order() {
    each_backend("mocks", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;

        // Non-ASCII and a large plan come back byte for byte.
        let mut big = new_mock("amazon");
        let filler = "Customer Obsession — 顧客 🚀 \"quoted\" \\ back\tslash\n".repeat(20_000);
        big.plan_json = serde_json::json!({ "company": "amazon", "notes": filler }).to_string();
        big.plan_json.insert_str(1, " \n ");
        let first = ok!(s.create_mock(a, &big, 100).await);
        assert_eq!(
            (
                first.user_id,
                first.company.as_str(),
                first.role.as_str(),
                first.level.as_str(),
                first.seed
            ),
            (a, "amazon", "pm", "l6", big.seed)
        );
        assert_eq!(first.plan_json, big.plan_json);
        assert_eq!((first.created_at, first.updated_at), (100, 100));
        assert_eq!(
            (first.finished_at, first.debrief_json.as_deref()),
            (None, None)
        );
        assert_eq!(ok!(s.mock(a, first.id).await), Some(first.clone()));

        let mut pmm = new_mock("google");
        pmm.role = "pmm".to_owned();
        let second = ok!(s.create_mock(a, &pmm, 300).await);
        let same_second = ok!(s.create_mock(a, &new_mock("meta"), 300).await);
        let ids = |v: Vec<debrief_store::Mock>| v.into_iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(
            ids(ok!(s.mocks(a).await)),
            vec![same_second.id, second.id, first.id],
            "newest first; the same second, the later one first"
        );

        // Finishing sets the debrief; finishing again replaces it and keeps finished_at.
        let debrief = "{ \"verdict\": \"hire\",\n \"é\": [1, 2.50] }";
        let finished = ok!(s.finish_mock(a, second.id, debrief, 400).await);
        assert_eq!(finished.finished_at, Some(400));
        assert_eq!(finished.debrief_json.as_deref(), Some(debrief));
        assert_eq!(finished.updated_at, 400);
        let again = ok!(s
            .finish_mock(a, second.id, "{\"verdict\":\"no hire\"}", 500)
            .await);
        assert_eq!(again.finished_at, Some(400));
        assert_eq!(
            again.debrief_json.as_deref(),
            Some("{\"verdict\":\"no hire\"}")
        );
        assert_eq!((again.created_at, again.updated_at), (300, 500));
        assert_eq!(ok!(s.mock(a, second.id).await), Some(again));

        // Delete, then it is gone, and everything on it says so.
        ok!(s.delete_mock(a, same_second.id).await);
        assert_eq!(ok!(s.mock(a, same_second.id).await), None);
        expect_not_found(s.delete_mock(a, same_second.id).await, "mock");
        expect_not_found(s.finish_mock(a, same_second.id, "{}", 1).await, "mock");
        assert_eq!(ids(ok!(s.mocks(a).await)), vec![second.id, first.id]);

        // What the store refuses.
        let mut bad = new_mock("amazon");
        bad.role = "swe".to_owned();
        expect_invalid(s.create_mock(a, &bad, 1).await, "role");
        let mut bad = new_mock(" ");
        expect_invalid(s.create_mock(a, &bad, 1).await, "company");
        bad = new_mock("amazon");
        bad.level = String::new();
        expect_invalid(s.create_mock(a, &bad, 1).await, "level");
        bad = new_mock("amazon");
        bad.plan_json = "rounds: 3".to_owned();
        expect_invalid(s.create_mock(a, &bad, 1).await, "plan_json");
        expect_invalid(s.finish_mock(a, first.id, "", 1).await, "debrief_json");
        expect_not_found(s.create_mock(a + 1000, &new_mock("x"), 1).await, "user");
        assert_eq!(ok!(s.mocks(a).await).len(), 2);
    })
    .await;
}

#[tokio::test]
async fn round_clocks_start_once_and_end_once() {
    each_backend("rounds", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let m = ok!(s.create_mock(a, &new_mock("amazon"), 100).await).id;
        assert!(ok!(s.round_clocks(a, m).await).is_empty());

        let clock = |round_index, started_at, ended_at| debrief_store::RoundClock {
            mock_id: m,
            round_index,
            started_at,
            ended_at,
        };
        assert_eq!(ok!(s.start_round(a, m, 2, 110).await), clock(2, 110, None));
        // Starting again (a reload, a second tab) keeps the first start.
        assert_eq!(ok!(s.start_round(a, m, 2, 150).await), clock(2, 110, None));
        assert_eq!(ok!(s.start_round(a, m, 0, 120).await), clock(0, 120, None));
        assert_eq!(
            ok!(s.start_round(a, m, 10, 130).await),
            clock(10, 130, None)
        );

        // The first end wins, and a later start does not reopen the round.
        assert_eq!(
            ok!(s.end_round(a, m, 2, 200).await),
            clock(2, 110, Some(200))
        );
        assert_eq!(
            ok!(s.end_round(a, m, 2, 260).await),
            clock(2, 110, Some(200))
        );
        assert_eq!(
            ok!(s.start_round(a, m, 2, 270).await),
            clock(2, 110, Some(200))
        );

        assert_eq!(
            ok!(s.round_clocks(a, m).await),
            vec![
                clock(0, 120, None),
                clock(2, 110, Some(200)),
                clock(10, 130, None)
            ],
            "by round, numerically"
        );

        expect_not_found(s.end_round(a, m, 3, 300).await, "round");
        expect_invalid(s.start_round(a, m, -1, 300).await, "round_index");
        expect_invalid(s.end_round(a, m, -1, 300).await, "round_index");
        let missing = m + 1000;
        expect_not_found(s.start_round(a, missing, 0, 300).await, "mock");
        expect_not_found(s.end_round(a, missing, 0, 300).await, "mock");
        expect_not_found(s.round_clocks(a, missing).await, "mock");
    })
    .await;
}

#[tokio::test]
async fn drafts_then_submit_and_a_handed_in_answer_stays() {
    each_backend("answers", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let m = ok!(s.create_mock(a, &new_mock("amazon"), 100).await).id;
        assert!(ok!(s.mock_answers(a, m).await).is_empty());

        // The first draft starts the clock; later drafts change the text and updated_at only.
        let d1 = ok!(s
            .save_draft(a, m, slot(0, 0, 0), "q-ownership", "I", 110)
            .await);
        assert_eq!(
            (d1.started_at, d1.updated_at, d1.text.as_str()),
            (110, 110, "I")
        );
        assert_eq!(
            (d1.mock_id, d1.slot, d1.prompt_id.as_str()),
            (m, slot(0, 0, 0), "q-ownership")
        );
        assert!(!d1.is_submitted());
        let long = format!(
            "I owned the rollout — 日本 launch, ünïcödé 🚀, 'quotes' ; DROP TABLE mocks; --\n{}",
            "Sign-ups grew 12% in 6 weeks. ".repeat(10_000)
        );
        let d2 = ok!(s
            .save_draft(a, m, slot(0, 0, 0), "q-ownership", &long, 120)
            .await);
        assert_eq!((d2.started_at, d2.updated_at), (110, 120));
        assert_eq!(d2.text, long);
        assert_eq!(
            (d2.submitted_at, d2.elapsed_seconds, d2.report_json),
            (None, None, None)
        );
        assert_eq!(
            ok!(s.mock(a, m).await).map(|m| m.updated_at),
            Some(120),
            "the mock moved too"
        );

        // Handing in keeps started_at and records the rest.
        let mut handed = submission("q-ownership", &long);
        handed.text.push_str("\nThe end.");
        let done = ok!(s.submit_answer(a, m, slot(0, 0, 0), &handed, 130).await);
        assert_eq!(
            (done.started_at, done.updated_at, done.submitted_at),
            (110, 130, Some(130))
        );
        assert_eq!(done.text, handed.text);
        assert_eq!(done.elapsed_seconds, Some(95));
        assert_eq!(
            done.report_json.as_deref(),
            Some(handed.report_json.as_str())
        );
        assert!(done.is_submitted());

        // A late autosave, or a second submission, is refused and changes nothing.
        match s
            .save_draft(a, m, slot(0, 0, 0), "q-ownership", "overwritten", 140)
            .await
        {
            Err(
                e @ StoreError::Invalid {
                    field: "answer", ..
                },
            ) => assert_eq!(
                e.to_string(),
                "invalid answer: that answer was already handed in"
            ),
            other => panic!("expected Invalid answer, got {other:?}"),
        }
        expect_invalid(
            s.submit_answer(
                a,
                m,
                slot(0, 0, 0),
                &submission("q-ownership", "again"),
                150,
            )
            .await,
            "answer",
        );
        assert_eq!(ok!(s.mock_answers(a, m).await), vec![done.clone()]);
        assert_eq!(
            ok!(s.mock(a, m).await).map(|m| m.updated_at),
            Some(130),
            "refusals roll back"
        );

        // Submitting with no draft creates the answer; order is round, question, probe (numeric).
        let probe = ok!(s
            .submit_answer(a, m, slot(0, 0, 1), &submission("p-why", "Because"), 160)
            .await);
        assert_eq!((probe.started_at, probe.submitted_at), (160, Some(160)));
        ok!(s.save_draft(a, m, slot(1, 0, 0), "q-dive", "", 170).await);
        ok!(s
            .save_draft(a, m, slot(0, 10, 0), "q-ten", "ten", 171)
            .await);
        ok!(s.save_draft(a, m, slot(0, 2, 0), "q-two", "two", 172).await);
        let answers = ok!(s.mock_answers(a, m).await);
        assert_eq!(
            answers.iter().map(|x| x.slot).collect::<Vec<_>>(),
            vec![
                slot(0, 0, 0),
                slot(0, 0, 1),
                slot(0, 2, 0),
                slot(0, 10, 0),
                slot(1, 0, 0)
            ]
        );
        assert_eq!(answers[0], done);
        assert_eq!(answers[4].text, "", "an empty draft is kept as empty");

        // What the store refuses.
        expect_invalid(
            s.save_draft(a, m, slot(-1, 0, 0), "q", "x", 1).await,
            "round_index",
        );
        expect_invalid(
            s.save_draft(a, m, slot(0, -1, 0), "q", "x", 1).await,
            "question_index",
        );
        expect_invalid(
            s.save_draft(a, m, slot(0, 0, -1), "q", "x", 1).await,
            "probe_index",
        );
        expect_invalid(
            s.save_draft(a, m, slot(0, 0, 0), " ", "x", 1).await,
            "prompt_id",
        );
        expect_invalid(
            s.save_draft(a, m, slot(2, 0, 0), "q", "a\0b", 1).await,
            "text",
        );
        expect_invalid(
            s.submit_answer(a, m, slot(2, 0, 0), &submission("q", "a\0b"), 1)
                .await,
            "text",
        );
        let mut bad = submission("q", "x");
        bad.elapsed_seconds = -1;
        expect_invalid(
            s.submit_answer(a, m, slot(2, 0, 0), &bad, 1).await,
            "elapsed_seconds",
        );
        bad = submission("q", "x");
        bad.report_json = "score=3".to_owned();
        expect_invalid(
            s.submit_answer(a, m, slot(2, 0, 0), &bad, 1).await,
            "report_json",
        );
        let missing = m + 1000;
        expect_not_found(
            s.save_draft(a, missing, slot(0, 0, 0), "q", "x", 1).await,
            "mock",
        );
        expect_not_found(
            s.submit_answer(a, missing, slot(0, 0, 0), &submission("q", "x"), 1)
                .await,
            "mock",
        );
        expect_not_found(s.mock_answers(a, missing).await, "mock");
        assert_eq!(ok!(s.mock_answers(a, m).await).len(), 5);

        // The answers survive a restart.
        let again = db.reopen().await;
        assert_eq!(ok!(again.mock_answers(a, m).await), answers);
        again.close().await;
    })
    .await;
}

#[tokio::test]
async fn deleting_a_mock_removes_its_rounds_and_answers_but_keeps_attempts() {
    each_backend("mock_cascade", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let doomed = ok!(s.create_mock(a, &new_mock("amazon"), 100).await).id;
        let kept = ok!(s.create_mock(a, &new_mock("google"), 100).await).id;
        for m in [doomed, kept] {
            ok!(s.start_round(a, m, 0, 110).await);
            ok!(s.save_draft(a, m, slot(0, 0, 0), "q-a", "draft", 120).await);
            ok!(s
                .submit_answer(a, m, slot(0, 1, 0), &submission("q-b", "done"), 130)
                .await);
        }
        let from_doomed = ok!(s.record_attempt(a, &from_mock(doomed, "q-b"), 130).await);
        let from_kept = ok!(s.record_attempt(a, &from_mock(kept, "q-b"), 131).await);

        ok!(s.delete_mock(a, doomed).await);
        expect_not_found(s.round_clocks(a, doomed).await, "mock");
        expect_not_found(s.mock_answers(a, doomed).await, "mock");
        assert_eq!(count_rows(db, "SELECT COUNT(*) FROM mock_rounds").await, 1);
        assert_eq!(count_rows(db, "SELECT COUNT(*) FROM mock_answers").await, 2);
        assert_eq!(ok!(s.round_clocks(a, kept).await).len(), 1);
        assert_eq!(ok!(s.mock_answers(a, kept).await).len(), 2);

        // The history keeps the attempt, no longer linked to a mock.
        let attempts = ok!(s.attempts(a).await);
        assert_eq!(attempts.len(), 2);
        assert_eq!(
            attempts[0],
            debrief_store::Attempt {
                mock_id: None,
                ..from_doomed
            }
        );
        assert_eq!(attempts[1], from_kept);
    })
    .await;
}

#[tokio::test]
async fn attempts_come_back_oldest_first_and_recent_questions_newest_first() {
    each_backend("attempts", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let m = ok!(s.create_mock(a, &new_mock("amazon"), 50).await).id;

        let mut rich = practice(Some("q-launch"), 88);
        rich.answer = format!("Ich habe — 日本 🚀\n{}", "12% in 6 weeks. ".repeat(5_000));
        rich.summary_json = "{ \"lps\" : [\"ownership\"],\n \"x\": 2.50 }".to_owned();
        let late = ok!(s.record_attempt(a, &rich, 300).await);
        let early = ok!(s.record_attempt(a, &practice(None, 0), 100).await);
        let mut bare = practice(Some("q-metrics"), 100);
        bare.role = None;
        bare.company = None;
        let mid = ok!(s.record_attempt(a, &bare, 200).await);
        let same_second = ok!(s.record_attempt(a, &from_mock(m, "q-launch"), 300).await);
        assert_eq!(
            ok!(s.attempts(a).await),
            vec![early, mid, late.clone(), same_second.clone()],
            "oldest first; the same second in the order recorded"
        );
        assert_eq!(late.answer, rich.answer);
        assert_eq!(late.summary_json, rich.summary_json);
        assert_eq!((late.user_id, late.created_at, late.score), (a, 300, 88));
        assert_eq!(same_second.mock_id, Some(m));
        assert_eq!(same_second.source, "mock");

        // Recent questions: attempts and the user's mock answers (questions, not probes),
        // each once at its latest time, newest first; ties by id.
        ok!(s
            .save_draft(a, m, slot(0, 0, 0), "q-draft-only", "typing", 250)
            .await);
        ok!(s
            .submit_answer(a, m, slot(0, 0, 1), &submission("p-probe", "x"), 400)
            .await);
        ok!(s
            .save_draft(a, m, slot(0, 1, 0), "q-metrics", "again", 350)
            .await);
        ok!(s
            .record_attempt(a, &practice(Some("q-tie-b"), 10), 320)
            .await);
        ok!(s
            .record_attempt(a, &practice(Some("q-tie-a"), 10), 320)
            .await);
        let recent = ok!(s.recent_question_ids(a, 10).await);
        assert_eq!(
            recent,
            [
                "q-metrics",
                "q-tie-a",
                "q-tie-b",
                "q-launch",
                "q-draft-only"
            ],
            "p-probe names a probe, not a question"
        );
        assert_eq!(
            ok!(s.recent_question_ids(a, 2).await),
            ["q-metrics", "q-tie-a"]
        );
        assert!(ok!(s.recent_question_ids(a, 0).await).is_empty());

        // What the store refuses.
        let refuse = async |attempt: NewAttempt, field: &str| {
            expect_invalid(s.record_attempt(a, &attempt, 1).await, field);
        };
        refuse(
            NewAttempt {
                source: "drill".into(),
                ..practice(None, 1)
            },
            "source",
        )
        .await;
        refuse(
            NewAttempt {
                role: Some("swe".into()),
                ..practice(None, 1)
            },
            "role",
        )
        .await;
        refuse(practice(None, 101), "score").await;
        refuse(
            NewAttempt {
                answer: "nul \0 inside".into(),
                ..practice(None, 1)
            },
            "answer",
        )
        .await;
        refuse(practice(None, -1), "score").await;
        refuse(
            NewAttempt {
                round_kind: " ".into(),
                ..practice(None, 1)
            },
            "round_kind",
        )
        .await;
        refuse(
            NewAttempt {
                rating: String::new(),
                ..practice(None, 1)
            },
            "rating",
        )
        .await;
        refuse(
            NewAttempt {
                summary_json: "{".into(),
                ..practice(None, 1)
            },
            "summary_json",
        )
        .await;
        refuse(
            NewAttempt {
                mock_id: Some(m),
                ..practice(None, 1)
            },
            "mock_id",
        )
        .await;
        refuse(
            NewAttempt {
                mock_id: None,
                ..from_mock(m, "q")
            },
            "mock_id",
        )
        .await;
        expect_not_found(
            s.record_attempt(a, &from_mock(m + 1000, "q"), 1).await,
            "mock",
        );
        expect_not_found(
            s.record_attempt(a + 1000, &practice(None, 1), 1).await,
            "user",
        );
        assert_eq!(ok!(s.attempts(a).await).len(), 6);
    })
    .await;
}

#[tokio::test]
async fn review_cards_upsert_and_come_due() {
    each_backend("cards", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        assert!(ok!(s.cards(a).await).is_empty());
        assert_eq!(ok!(s.card(a, "kind:behavioral").await), None);

        let fresh = ReviewCard {
            card: "lp:ownership".to_owned(),
            state: "new".to_owned(),
            due: 1_000,
            stability: 0.0,
            difficulty: 0.0,
            reps: 0,
            lapses: 0,
            last_review: None,
        };
        ok!(s.put_card(a, &fresh).await);
        assert_eq!(ok!(s.card(a, "lp:ownership").await), Some(fresh.clone()));

        // Several at once, and an upsert that replaces every field.
        let mut learnt = review_card("lp:ownership", 5_000);
        learnt.lapses = 1;
        learnt.state = "relearning".to_owned();
        ok!(s
            .put_cards(
                a,
                &[
                    review_card("kind:behavioral", 3_000),
                    learnt.clone(),
                    review_card("lp:dive-deep", 3_000),
                    review_card("kind:product-sense", 9_000),
                ]
            )
            .await);
        assert_eq!(ok!(s.card(a, "lp:ownership").await), Some(learnt.clone()));
        assert_eq!(
            keys(&ok!(s.cards(a).await)),
            [
                "kind:behavioral",
                "lp:dive-deep",
                "lp:ownership",
                "kind:product-sense"
            ],
            "by due, then key"
        );
        assert_eq!(
            keys(&ok!(s.due_cards(a, 5_000).await)),
            ["kind:behavioral", "lp:dive-deep", "lp:ownership"],
            "due at or before the time given"
        );
        assert_eq!(
            keys(&ok!(s.due_cards(a, 4_999).await)),
            ["kind:behavioral", "lp:dive-deep"]
        );
        assert!(ok!(s.due_cards(a, 2_999).await).is_empty());

        // Floats come back bit for bit.
        for (i, value) in [
            0.1 + 0.2,
            1e-300,
            123_456.789_012_345_6,
            2.0,
            f64::MAX,
            5e-324,
        ]
        .into_iter()
        .enumerate()
        {
            let mut card = review_card(&format!("lp:float-{i}"), 10_000);
            card.stability = value;
            card.difficulty = value / 3.0;
            ok!(s.put_card(a, &card).await);
            let back = ok!(s.card(a, &card.card).await).unwrap_or_else(|| panic!("{value}"));
            assert_eq!(back.stability.to_bits(), value.to_bits(), "{value}");
            assert_eq!(
                back.difficulty.to_bits(),
                (value / 3.0).to_bits(),
                "{value}"
            );
        }

        // What the store refuses; a batch with one bad card writes none of them.
        let refuse = async |card: ReviewCard, field: &str| {
            expect_invalid(s.put_card(a, &card).await, field);
            expect_invalid(
                s.put_cards(a, &[review_card("lp:new-one", 1), card]).await,
                field,
            );
        };
        refuse(
            ReviewCard {
                state: "due".into(),
                ..review_card("lp:x", 1)
            },
            "state",
        )
        .await;
        refuse(review_card(" ", 1), "card").await;
        refuse(
            ReviewCard {
                stability: f64::NAN,
                ..review_card("lp:x", 1)
            },
            "stability",
        )
        .await;
        refuse(
            ReviewCard {
                stability: -1.0,
                ..review_card("lp:x", 1)
            },
            "stability",
        )
        .await;
        refuse(
            ReviewCard {
                difficulty: f64::INFINITY,
                ..review_card("lp:x", 1)
            },
            "difficulty",
        )
        .await;
        refuse(
            ReviewCard {
                reps: -1,
                ..review_card("lp:x", 1)
            },
            "reps",
        )
        .await;
        refuse(
            ReviewCard {
                lapses: -1,
                ..review_card("lp:x", 1)
            },
            "lapses",
        )
        .await;
        assert_eq!(ok!(s.card(a, "lp:new-one").await), None);
        expect_not_found(s.put_card(a + 1000, &fresh).await, "user");
        expect_not_found(
            s.put_cards(a + 1000, &[fresh.clone(), review_card("lp:y", 1)])
                .await,
            "user",
        );
        assert_eq!(ok!(s.cards(a).await).len(), 10);
    })
    .await;
}

#[tokio::test]
async fn users_cannot_touch_each_others_mocks_attempts_or_cards() {
    each_backend("mock_isolation", async |db: &Db| {
        let s = &db.store;
        let a = user(s, "ada").await;
        let b = user(s, "bob").await;

        let m = ok!(s.create_mock(a, &new_mock("amazon"), 10).await).id;
        ok!(s.start_round(a, m, 0, 11).await);
        ok!(s
            .save_draft(a, m, slot(0, 0, 0), "q-ada", "ada's draft", 12)
            .await);
        ok!(s
            .submit_answer(a, m, slot(0, 1, 0), &submission("q-ada-2", "ada's"), 13)
            .await);
        let attempt = ok!(s.record_attempt(a, &from_mock(m, "q-ada-2"), 13).await);
        ok!(s.put_card(a, &review_card("lp:ownership", 100)).await);
        let mock_before = ok!(s.mock(a, m).await);
        let rounds_before = ok!(s.round_clocks(a, m).await);
        let answers_before = ok!(s.mock_answers(a, m).await);

        // Reads.
        assert_eq!(ok!(s.mock(b, m).await), None);
        assert!(ok!(s.mocks(b).await).is_empty());
        expect_not_found(s.round_clocks(b, m).await, "mock");
        expect_not_found(s.mock_answers(b, m).await, "mock");
        assert!(ok!(s.attempts(b).await).is_empty());
        assert!(ok!(s.recent_question_ids(b, 10).await).is_empty());
        assert_eq!(ok!(s.card(b, "lp:ownership").await), None);
        assert!(ok!(s.cards(b).await).is_empty());
        assert!(ok!(s.due_cards(b, i64::MAX).await).is_empty());

        // Writes into Ada's mock: refused as if it did not exist.
        expect_not_found(s.start_round(b, m, 0, 20).await, "mock");
        expect_not_found(s.start_round(b, m, 1, 20).await, "mock");
        expect_not_found(s.end_round(b, m, 0, 20).await, "mock");
        expect_not_found(
            s.save_draft(b, m, slot(0, 0, 0), "q-ada", "bob", 20).await,
            "mock",
        );
        expect_not_found(
            s.save_draft(b, m, slot(5, 0, 0), "q-new", "bob", 20).await,
            "mock",
        );
        expect_not_found(
            s.submit_answer(b, m, slot(0, 0, 0), &submission("q-ada", "bob"), 20)
                .await,
            "mock",
        );
        expect_not_found(
            s.submit_answer(b, m, slot(6, 0, 0), &submission("q-new", "bob"), 20)
                .await,
            "mock",
        );
        expect_not_found(s.finish_mock(b, m, "{\"by\":\"bob\"}", 20).await, "mock");
        expect_not_found(s.record_attempt(b, &from_mock(m, "q"), 20).await, "mock");
        expect_not_found(s.delete_mock(b, m).await, "mock");

        // Bob's card of the same key is his own.
        ok!(s.put_card(b, &review_card("lp:ownership", 999)).await);
        assert_eq!(
            ok!(s.card(b, "lp:ownership").await).map(|c| c.due),
            Some(999)
        );

        // Ada's data is exactly as she left it.
        assert_eq!(ok!(s.mock(a, m).await), mock_before);
        assert_eq!(ok!(s.round_clocks(a, m).await), rounds_before);
        assert_eq!(ok!(s.mock_answers(a, m).await), answers_before);
        assert_eq!(ok!(s.attempts(a).await), vec![attempt]);
        assert_eq!(
            ok!(s.card(a, "lp:ownership").await),
            Some(review_card("lp:ownership", 100))
        );
        assert_eq!(
            ok!(s.recent_question_ids(a, 10).await),
            ["q-ada-2", "q-ada"]
        );
        assert_eq!(count_rows(db, "SELECT COUNT(*) FROM mock_rounds").await, 1);
        assert_eq!(count_rows(db, "SELECT COUNT(*) FROM mock_answers").await, 2);
    })
    .await;
}

/// The child's side of the draft durability test: saves drafts until killed, printing after
/// each save_draft call returns.
async fn save_drafts_until_killed(store: &Store, user_id: i64) {
    use std::io::Write;
    let mock = ok!(store.create_mock(user_id, &new_mock("amazon"), 1).await);
    println!("CHILD mock {}", mock.id);
    println!("CHILD drafting");
    let _ = std::io::stdout().flush();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut i = 0;
    while Instant::now() < deadline {
        let text = draft_text(i);
        // One slot per save, and one slot that every save replaces.
        ok!(store
            .save_draft(user_id, mock.id, slot(0, i, 0), "q", &text, i)
            .await);
        ok!(store
            .save_draft(user_id, mock.id, slot(1, 0, 0), "q", &text, i)
            .await);
        println!("CHILD saved {i}");
        let _ = std::io::stdout().flush();
        i += 1;
    }
}

fn draft_text(i: i64) -> String {
    format!("draft {i}: I led — 日本 🚀\n{}", "typing ".repeat(300))
}

#[tokio::test]
async fn drafts_survive_a_sigkill() {
    each_backend("draft_sigkill", async |db: &Db| {
        let a = user(&db.store, "ada").await;
        let dir = ok!(tempfile::tempdir());
        let (mut child, mut out) = spawn_child(db, "drafts", a, &dir.path().join("go"));
        let seen = wait_for(&mut out, "drafting");
        let mock_id: i64 = seen
            .iter()
            .find_map(|line| line.split("CHILD mock ").nth(1)?.parse().ok())
            .unwrap_or_else(|| panic!("no mock id in {seen:?}"));
        wait_for(&mut out, "saved 40");
        ok!(child.kill());
        let status = ok!(child.wait());
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(9), "killed by SIGKILL: {status:?}");
        }
        // Every line the child finished printing is a save that had returned.
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut out, &mut rest);
        let complete = match rest.rfind('\n') {
            Some(end) => &rest[..end],
            None => "",
        };
        let last = complete
            .lines()
            .filter_map(|line| line.split("CHILD saved ").nth(1)?.parse::<i64>().ok())
            .max()
            .unwrap_or(40);

        // Reopen as a new process would.
        let store = db.reopen().await;
        let answers = ok!(store.mock_answers(a, mock_id).await);
        let per_slot: Vec<&debrief_store::MockAnswer> =
            answers.iter().filter(|x| x.slot.round_index == 0).collect();
        assert!(
            per_slot.len() as i64 == last + 1 || per_slot.len() as i64 == last + 2,
            "{}: {} drafts kept, {} returned",
            db.label(),
            per_slot.len(),
            last + 1
        );
        for (i, answer) in per_slot.iter().enumerate() {
            assert_eq!(answer.slot, slot(0, i as i64, 0));
            assert_eq!(answer.text, draft_text(i as i64), "{}", db.label());
        }
        let replaced = answers
            .iter()
            .find(|x| x.slot == slot(1, 0, 0))
            .unwrap_or_else(|| panic!("the replaced slot is missing"));
        assert!(
            replaced.text == draft_text(last) || replaced.text == draft_text(last + 1),
            "{}: the replaced slot holds an older draft than the last returned ({last})",
            db.label()
        );
        ok!(store
            .save_draft(a, mock_id, slot(2, 0, 0), "q", "after the crash", 99)
            .await);
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

// ----- failed logins and accounts (rate limiting, `debrief users`) --------------------------

#[tokio::test]
async fn failed_logins_are_counted_per_key_within_a_window_and_pruned() {
    each_backend("login_failures", async |db: &Db| {
        let s = &db.store;
        for at in [100, 200, 300] {
            ok!(s.record_login_failure("user:ada", at).await);
        }
        ok!(s.record_login_failure("ip:192.0.2.1", 250).await);
        assert_eq!(ok!(s.login_failures_since("user:ada", 0).await), 3);
        assert_eq!(
            ok!(s.login_failures_since("user:ada", 200).await),
            2,
            "since is inclusive"
        );
        assert_eq!(ok!(s.login_failures_since("user:ada", 301).await), 0);
        assert_eq!(ok!(s.login_failures_since("user:bob", 0).await), 0);
        assert_eq!(ok!(s.login_failures_since("ip:192.0.2.1", 0).await), 1);
        assert_eq!(
            ok!(s.oldest_login_failure_since("user:ada", 150).await),
            Some(200)
        );
        assert_eq!(ok!(s.oldest_login_failure_since("user:bob", 0).await), None);

        // A success clears one key only.
        assert_eq!(ok!(s.clear_login_failures("user:ada").await), 3);
        assert_eq!(ok!(s.login_failures_since("user:ada", 0).await), 0);
        assert_eq!(ok!(s.login_failures_since("ip:192.0.2.1", 0).await), 1);

        // Pruning drops what is older than the window, whatever the key.
        ok!(s.record_login_failure("user:ada", 400).await);
        assert_eq!(ok!(s.prune_login_failures(300).await), 1);
        assert_eq!(ok!(s.login_failures_since("ip:192.0.2.1", 0).await), 0);
        assert_eq!(ok!(s.login_failures_since("user:ada", 0).await), 1);
    })
    .await;
}

#[tokio::test]
async fn accounts_are_listed_removed_with_their_data_and_given_new_passwords() {
    each_backend("accounts", async |db: &Db| {
        let s = &db.store;
        let bob = user(s, "bob").await;
        let ada = user(s, "Ada").await;
        let local = ok!(s.local_user().await);
        let names: Vec<String> = ok!(s.users().await)
            .into_iter()
            .map(|u| u.username)
            .collect();
        assert_eq!(names, ["Ada", "bob", "local"], "by name, ignoring case");

        ok!(s
            .set_password_hash(ada, "$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3")
            .await);
        let stored = ok!(s.user_by_id(ada).await).map(|u| u.password_hash);
        assert_eq!(
            stored.as_deref(),
            Some("$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3")
        );
        assert!(matches!(
            s.set_password_hash(ada, "").await,
            Err(StoreError::Invalid { .. })
        ));
        assert!(matches!(
            s.set_password_hash(999_999, "$argon2id$x").await,
            Err(StoreError::NotFound { what: "user", .. })
        ));

        // Removing an account removes its data and sessions, and nobody else's.
        ok!(s.add_story(bob, &story("bob's story"), 10).await);
        ok!(s.add_story(ada, &story("ada's story"), 10).await);
        ok!(s.save_fit(bob, 10, "{}".to_owned()).await);
        let plan = ok!(s
            .create_plan(bob, "amazon", "pm", "l5", "2030-01-01", 10)
            .await);
        ok!(s.set_item_done(bob, plan, "w1-a", true, 11).await);
        let token = ok!(debrief_store::new_session_token());
        ok!(s.create_session(bob, &token, 1_000).await);
        ok!(s.delete_user(bob).await);
        assert!(ok!(s.user_by_name("bob").await).is_none());
        assert!(ok!(s.session_user(&token, 0).await).is_none());
        assert!(ok!(s.stories(bob).await).is_empty());
        assert!(ok!(s.fit_results(bob).await).is_empty());
        assert!(ok!(s.plans(bob).await).is_empty());
        assert_eq!(ok!(s.stories(ada).await).len(), 1);
        assert!(matches!(
            s.delete_user(bob).await,
            Err(StoreError::NotFound { what: "user", .. })
        ));
        let names: Vec<i64> = ok!(s.users().await).into_iter().map(|u| u.id).collect();
        assert_eq!(names, [ada, local.id]);
    })
    .await;
}
