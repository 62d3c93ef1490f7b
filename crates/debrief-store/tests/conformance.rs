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
