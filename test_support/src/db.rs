//! Test databases: a fresh SQLite file, or a fresh PostgreSQL schema, for each test.
//!
//! PostgreSQL tests run when `PERMANENCE_TEST_DATABASE_URL` names a server
//! (for example `postgres://postgres@127.0.0.1:5432/test`). Without it they
//! return early, unless `PERMANENCE_REQUIRE_POSTGRES=1` is set (as CI does),
//! in which case they fail, so a CI run cannot pass without them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use store::{DatabaseUrl, Store};

/// A store on a throwaway database, removed when dropped.
pub struct TestDatabase {
    pub store: Store,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Schema { admin_url: String, schema: String },
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// A migrated store on a new SQLite file in the system's temporary directory.
pub fn sqlite() -> TestDatabase {
    let path = std::env::temp_dir().join(format!("permanence_test_{}.sqlite3", unique_suffix()));
    let url = format!("sqlite:{}", path.display());
    let store = Store::open(&DatabaseUrl::parse(&url).expect("sqlite url")).expect("open sqlite");
    store.migrate().expect("migrate sqlite");
    TestDatabase {
        store,
        url,
        cleanup: Cleanup::File(path),
    }
}

/// The PostgreSQL server tests should use, if one is configured.
pub fn postgres_url() -> Option<String> {
    match std::env::var("PERMANENCE_TEST_DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("PERMANENCE_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "PERMANENCE_REQUIRE_POSTGRES=1 but PERMANENCE_TEST_DATABASE_URL is not set"
            );
            None
        }
    }
}

/// A migrated store in a new schema of the configured PostgreSQL database,
/// or `None` when no server is configured.
pub fn postgres() -> Option<TestDatabase> {
    postgres_url().map(|url| postgres_at(&url))
}

/// A migrated store in a new schema of the PostgreSQL database at `admin_url`.
pub fn postgres_at(admin_url: &str) -> TestDatabase {
    let admin_url = admin_url.to_owned();
    let schema = format!("test_{}", unique_suffix());
    let mut admin = postgres::Client::connect(&admin_url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL server: {e}"));
    admin
        .batch_execute(&format!("CREATE SCHEMA {schema}"))
        .expect("create test schema");
    let sep = if admin_url.contains('?') { '&' } else { '?' };
    let url = format!("{admin_url}{sep}options=-c%20search_path%3D{schema}");
    let store =
        Store::open(&DatabaseUrl::parse(&url).expect("postgres url")).expect("open postgres");
    store.migrate().expect("migrate postgres");
    TestDatabase {
        store,
        url,
        cleanup: Cleanup::Schema { admin_url, schema },
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Cleanup::Schema { admin_url, schema } => {
                if let Ok(mut admin) = postgres::Client::connect(admin_url, postgres::NoTls) {
                    let _ = admin.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
                }
            }
        }
    }
}

/// Writes each test twice: once on SQLite (always) and once on PostgreSQL
/// (when configured), in modules `sqlite` and `postgres`, so the same
/// assertions hold on both backends.
///
/// ```ignore
/// test_support::on_both_backends! {
///     fn stale_version_is_refused(db) { /* db: TestDatabase */ }
/// }
/// ```
#[macro_export]
macro_rules! on_both_backends {
    ($( $(#[$meta:meta])* fn $name:ident($db:ident) $body:block )*) => {
        mod sqlite {
            #[allow(unused_imports)]
            use super::*;
            $( $(#[$meta])* #[test] fn $name() { let $db = $crate::db::sqlite(); $body } )*
        }
        mod postgres {
            #[allow(unused_imports)]
            use super::*;
            $( $(#[$meta])* #[test] fn $name() {
                let Some($db) = $crate::db::postgres() else { return };
                $body
            } )*
        }
    };
}
