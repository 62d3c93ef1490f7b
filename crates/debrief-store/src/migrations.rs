//! The migrations, embedded in the binary.
//!
//! Each backend has its own folder (`migrations/sqlite`, `migrations/postgres`) holding files
//! with the same names, `NNNN_description.sql`. They are append-only: a migration that has
//! shipped is never edited (sqlx refuses a database whose applied migration changed), and a
//! change to the schema is a new pair of files, registered in [`MIGRATIONS`]. Tests check that
//! both folders hold the same names and that every file is registered.

use std::borrow::Cow;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

/// One migration: its version, description and the SQL for each backend.
pub(crate) struct Step {
    pub version: i64,
    pub description: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

macro_rules! step {
    ($version:literal, $name:literal) => {
        Step {
            version: $version,
            description: $name,
            sqlite: include_str!(concat!("../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../migrations/postgres/", $name, ".sql")),
        }
    };
}

/// Every migration, oldest first. The file name is `<name>.sql` in both folders.
pub(crate) const MIGRATIONS: &[Step] = &[
    step!(1, "0001_init"),
    step!(2, "0002_mocks_progress_reviews"),
    step!(3, "0003_attempts_mock_index"),
    step!(4, "0004_offers"),
    step!(5, "0005_profiles"),
    step!(6, "0006_plan_groundwork"),
    step!(7, "0007_plan_track"),
    step!(8, "0008_attempts_artifact_source"),
    step!(9, "0009_drill_drafts"),
];

/// The backend a migrator is for.
#[derive(Clone, Copy)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// Builds the migrator for one backend.
pub(crate) fn migrator(dialect: Dialect) -> Migrator {
    let migrations = MIGRATIONS
        .iter()
        .map(|step| {
            let sql = match dialect {
                Dialect::Sqlite => step.sqlite,
                Dialect::Postgres => step.postgres,
            };
            // The description is what follows the number, as sqlx's own loader records it.
            let description = step
                .description
                .split_once('_')
                .map_or(step.description, |(_, rest)| rest)
                .replace('_', " ");
            Migration::new(
                step.version,
                Cow::Owned(description),
                MigrationType::Simple,
                sql.into_sql_str(),
                false,
            )
        })
        .collect();
    Migrator::with_migrations(migrations)
}

/// The newest migration version this build knows.
pub(crate) fn latest_version() -> i64 {
    MIGRATIONS.iter().map(|s| s.version).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn names(folder: &str) -> Vec<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(folder);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_file_is_registered_in_order() {
        let registered: Vec<String> = MIGRATIONS
            .iter()
            .map(|s| format!("{}.sql", s.description))
            .collect();
        assert_eq!(names("sqlite"), registered);
        assert_eq!(names("postgres"), registered);
        for (i, step) in MIGRATIONS.iter().enumerate() {
            let number: i64 = step.description[..4].parse().unwrap_or(-1);
            assert_eq!(number, step.version, "{}", step.description);
            assert_eq!(step.version, i as i64 + 1, "versions go 1, 2, 3, ...");
        }
    }
}
