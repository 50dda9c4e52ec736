//! Persistence for permanence on SQLite (embedded, the default) or PostgreSQL
//! (for larger councils and regional agencies), with one behaviour on both.
//!
//! Work happens in a transaction: [`Store::write`] and [`Store::read`] hand a
//! [`Tx`] to a closure, commit when it returns `Ok` and roll back otherwise,
//! so a use case's record and its audit event are written together or not at
//! all. Each aggregate has one trait ([`ChildRepository`], [`AuditLog`]) that
//! [`Tx`] implements once, over the narrow [`sql::Conn`] seam.

mod audit;
mod census;
mod children;
mod group_commit;
mod households;
mod migrate;
mod money;
mod permanence;
mod pool;
pub mod sql;
mod staff;
mod team;
mod users;

use std::path::PathBuf;
use std::time::Duration;

pub use audit::{AuditFilter, AuditLog};
pub use census::ID_BATCH;
pub use children::{ChildFilter, ChildRepository, ChildSearch, ChildSort, ChildSummary, Versioned};
pub use households::{HouseholdFilter, HouseholdRepository};
pub use money::LedgerRepository;
pub use permanence::{PermanenceRepository, Record, RecordKind, TrackingRow, TrackingStamp};
pub use sql::Backend;
pub use staff::StaffRepository;
pub use team::TeamRepository;
pub use users::{ApiToken, BackOff, Session, StoredUser, TOKEN_ID_LENGTH, UserRepository};

use sql::{Conn, PostgresConn, SqliteConn};

/// What can go wrong in the store. Messages say what was wrong and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{record} was changed by someone else since you opened it (your version {expected}, now {found}); reload it and make your change again"
    )]
    Stale {
        record: String,
        expected: i64,
        found: i64,
    },
    #[error("{record} was not found")]
    NotFound { record: String },
    #[error("{record} already exists")]
    AlreadyExists { record: String },
    #[error(
        "'{url}' is not a database URL this service understands; use sqlite:PATH (for example sqlite:permanence.sqlite3) or postgres://USER@HOST:PORT/DATABASE"
    )]
    BadUrl { url: String },
    #[error("could not connect to the {backend} database at {target}: {reason}")]
    Unreachable {
        backend: Backend,
        target: String,
        reason: String,
    },
    #[error("database error: {0}")]
    Database(String),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        match e.as_db_error() {
            Some(db) => StoreError::Database(db.message().to_owned()),
            None => StoreError::Database(e.to_string()),
        }
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(e: r2d2::Error) -> Self {
        StoreError::Database(format!("no database connection became free: {e}"))
    }
}

/// Where the data lives, parsed from a URL such as `sqlite:permanence.sqlite3`
/// or `postgres://postgres@127.0.0.1:5432/test`.
#[derive(Clone)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(Box<postgres::Config>),
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl DatabaseUrl {
    /// Reads a database URL. `sqlite:` takes a file path (created if absent);
    /// `postgres://` and `postgresql://` take a libpq-style URL.
    pub fn parse(url: &str) -> Result<Self, StoreError> {
        let url = url.trim();
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            if path.is_empty() {
                return Err(StoreError::BadUrl { url: url.into() });
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut config: postgres::Config = url.parse().map_err(|_| StoreError::BadUrl {
                url: redact_password(url),
            })?;
            if config.get_connect_timeout().is_none() {
                config.connect_timeout(Duration::from_secs(5));
            }
            return Ok(DatabaseUrl::Postgres(Box::new(config)));
        }
        Err(StoreError::BadUrl {
            url: redact_password(url),
        })
    }

    /// The database in words, without any password: `SQLite file x.sqlite3`.
    pub fn describe(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => format!("SQLite file {}", path.display()),
            DatabaseUrl::Postgres(config) => format!("PostgreSQL {}", postgres_target(config)),
        }
    }
}

fn postgres_target(config: &postgres::Config) -> String {
    let host = config
        .get_hosts()
        .first()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .unwrap_or_else(|| "localhost".into());
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().unwrap_or("(default database)");
    format!("{host}:{port}/{db}")
}

fn redact_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

enum Pools {
    Sqlite(r2d2::Pool<pool::SqliteManager>),
    Postgres(r2d2::Pool<pool::PostgresManager>),
}

/// The database, shared by every request. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pools: std::sync::Arc<Pools>,
    /// SQLite allows one writer at a time and makes the others retry with
    /// sleeps; queueing writers here instead keeps latency even under load.
    sqlite_writer: std::sync::Arc<std::sync::Mutex<()>>,
    /// This open database's number in the process (see [`Store::id`]).
    id: u64,
    /// The thread that commits reads' audit events in groups, started when
    /// first needed ([`Store::append_audit`]).
    audit_writer: std::sync::Arc<std::sync::OnceLock<Option<group_commit::AuditWriter>>>,
}

/// A transaction in progress. The repositories ([`ChildRepository`],
/// [`AuditLog`]) are implemented on it, so everything done through one `Tx`
/// commits or rolls back together.
pub struct Tx<'a> {
    conn: &'a mut dyn Conn,
}

impl Tx<'_> {
    /// The backend this transaction runs on.
    pub fn backend(&self) -> Backend {
        self.conn.backend()
    }
}

impl Store {
    /// Opens the database at `url`, checking at once that it answers. The
    /// schema is not changed: call [`Store::migrate`] for that.
    pub fn open(url: &DatabaseUrl) -> Result<Self, StoreError> {
        let pools = match url {
            DatabaseUrl::Sqlite(path) => Pools::Sqlite(pool::sqlite(path)?),
            DatabaseUrl::Postgres(config) => Pools::Postgres(pool::postgres(config)?),
        };
        static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Ok(Self {
            pools: std::sync::Arc::new(pools),
            sqlite_writer: std::sync::Arc::new(std::sync::Mutex::new(())),
            id: OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            audit_writer: Default::default(),
        })
    }

    /// The same database without this store's audit writer, for that
    /// writer's own thread (holding the writer would keep it open forever).
    fn without_writer(&self) -> Self {
        Self {
            audit_writer: Default::default(),
            ..self.clone()
        }
    }

    /// A number for this open database, the same for all its clones and
    /// different for every other store opened by the process: what is kept
    /// in memory from one database is never served from another.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Which database this store uses.
    pub fn backend(&self) -> Backend {
        match *self.pools {
            Pools::Sqlite(_) => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// Brings the schema up to date; returns how many migrations ran.
    pub fn migrate(&self) -> Result<usize, StoreError> {
        self.write(|tx| migrate::run(tx.conn))
    }

    /// Runs `work` in a read-write transaction: committed if it returns `Ok`,
    /// rolled back if it returns `Err` (or panics).
    pub fn write<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.transaction(true, work)
    }

    /// Runs `work` in a transaction that sees one consistent state of the data.
    /// Reads that must be audited still write their audit event through it.
    pub fn read<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.transaction(false, work)
    }

    fn transaction<T, E: From<StoreError>>(
        &self,
        writes: bool,
        work: impl FnOnce(&mut Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        match &*self.pools {
            Pools::Sqlite(pool) => {
                // A poisoned lock only means another writer panicked; its
                // transaction was rolled back, so carrying on is safe.
                let _writer = writes.then(|| {
                    self.sqlite_writer
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                });
                let mut conn = pool.get().map_err(StoreError::from)?;
                // IMMEDIATE takes the write lock at the start, so two writers
                // queue on the busy timeout instead of failing half-way.
                let behaviour = if writes {
                    rusqlite::TransactionBehavior::Immediate
                } else {
                    rusqlite::TransactionBehavior::Deferred
                };
                let txn = conn
                    .transaction_with_behavior(behaviour)
                    .map_err(StoreError::from)?;
                let result = {
                    let mut c = SqliteConn(&txn);
                    work(&mut Tx { conn: &mut c })
                };
                if result.is_ok() {
                    txn.commit().map_err(StoreError::from)?;
                }
                result
            }
            Pools::Postgres(pool) => {
                let mut conn = pool.get().map_err(StoreError::from)?;
                let mut txn = conn.transaction().map_err(StoreError::from)?;
                let result = {
                    let mut c = PostgresConn(&mut txn);
                    work(&mut Tx { conn: &mut c })
                };
                if result.is_ok() {
                    txn.commit().map_err(StoreError::from)?;
                }
                result
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_backend() {
        assert!(matches!(
            DatabaseUrl::parse("sqlite:data/x.sqlite3").unwrap(),
            DatabaseUrl::Sqlite(p) if p == std::path::Path::new("data/x.sqlite3")
        ));
        assert!(matches!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1:5432/test").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
    }

    #[test]
    fn a_bad_url_says_which_forms_work_and_hides_the_password() {
        let err = DatabaseUrl::parse("mysql://me:secret@host/db")
            .unwrap_err()
            .to_string();
        assert!(err.contains("sqlite:PATH"), "{err}");
        assert!(!err.contains("secret"), "{err}");
        assert!(err.contains("me:***@host"), "{err}");
    }

    #[test]
    fn descriptions_never_show_the_password() {
        let url = DatabaseUrl::parse("postgres://u:pw@db.example:6543/permanence").unwrap();
        assert_eq!(url.describe(), "PostgreSQL db.example:6543/permanence");
    }
}
