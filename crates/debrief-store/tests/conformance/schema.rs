//! Opening stores and migrating them: files, addresses, clear errors.

use super::*;

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
        assert_eq!(stories[0].story.title, "kept");
        again.close().await;
        third.close().await;
    })
    .await;
}

/// An SQLite file as a build before artifact drills left it (schema 6, whose attempts allow
/// only Practice and mock sources) opens with its attempts, ids and id counter intact, and
/// then takes drills.
#[tokio::test]
async fn an_sqlite_file_of_schema_6_keeps_its_attempts_when_drills_arrive() {
    use sqlx::SqlSafeStr;
    use sqlx::migrate::{Migration, MigrationType, Migrator};
    use sqlx::sqlite::SqliteConnectOptions;

    let dir = ok!(tempfile::tempdir());
    let path = dir.path().join("debrief.sqlite3");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    let mut files: Vec<PathBuf> = ok!(std::fs::read_dir(&folder))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    // The first six as the store registers them: the number, then the name with spaces.
    let six = files
        .iter()
        .take(6)
        .enumerate()
        .map(|(i, file)| {
            let name = file
                .file_stem()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let description = name
                .split_once('_')
                .map_or(name, |(_, d)| d)
                .replace('_', " ");
            let sql = ok!(std::fs::read_to_string(file));
            Migration::new(
                i as i64 + 1,
                description.into(),
                MigrationType::Simple,
                AssertSqlSafe(sql).into_sql_str(),
                false,
            )
        })
        .collect();
    let raw = ok!(sqlx::SqlitePool::connect_with(
        SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .foreign_keys(true),
    )
    .await);
    ok!(Migrator::with_migrations(six).run(&raw).await);
    for sql in [
        "INSERT INTO users (id, username, username_key, password_hash) VALUES (1, 'ada', 'ada', '')",
        "INSERT INTO attempts (user_id, source, round_kind, score, rating, answer, summary_json, \
         created_at) VALUES (1, 'practice', 'behavioral', 61, 'hire', 'kept', '{}', 10)",
        "INSERT INTO attempts (user_id, source, round_kind, score, rating, answer, summary_json, \
         created_at) VALUES (1, 'practice', 'behavioral', 20, 'no-hire', 'gone', '{}', 11)",
        "DELETE FROM attempts WHERE answer = 'gone'",
    ] {
        ok!(raw.execute(sql).await);
    }
    raw.close().await;

    let store = ok!(Store::open(&path.display().to_string()).await);
    assert_eq!(
        ok!(store.schema_version().await),
        Store::latest_schema_version()
    );
    let before = ok!(store.attempts(1).await);
    assert_eq!(before.len(), 1);
    assert_eq!((before[0].id, before[0].answer.as_str()), (1, "kept"));
    let drill = ok!(store
        .record_attempt(
            1,
            &debrief_store::NewAttempt {
                source: "artifact".to_owned(),
                mock_id: None,
                question_id: None,
                round_kind: "artifact:prfaq".to_owned(),
                role: None,
                company: None,
                score: 40,
                rating: "no-hire".to_owned(),
                answer: "## Press release".to_owned(),
                summary_json: "{}".to_owned(),
            },
            12,
        )
        .await);
    assert_eq!(drill.id, 3, "an id once handed out is not handed out again");
    store.close().await;
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
