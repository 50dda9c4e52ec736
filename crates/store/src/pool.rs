//! Connection pools for both backends, and the check that a database answers.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::{Backend, StoreError, postgres_target};

pub(crate) struct SqliteManager {
    path: PathBuf,
}

impl r2d2::ManageConnection for SqliteManager {
    type Connection = rusqlite::Connection;
    type Error = rusqlite::Error;

    fn connect(&self) -> Result<Self::Connection, Self::Error> {
        let conn = rusqlite::Connection::open(&self.path)?;
        // WAL lets readers work while one writer commits; NORMAL sync is safe
        // with WAL (a power cut may lose the last commit, never corrupt the file).
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -32000;
             PRAGMA mmap_size = 268435456;
             PRAGMA temp_store = MEMORY;",
        )?;
        conn.set_prepared_statement_cache_capacity(128);
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut Self::Connection) -> Result<(), Self::Error> {
        conn.execute_batch("SELECT 1")
    }

    fn has_broken(&self, _: &mut Self::Connection) -> bool {
        false
    }
}

pub(crate) struct PostgresManager {
    config: postgres::Config,
}

impl r2d2::ManageConnection for PostgresManager {
    type Connection = postgres::Client;
    type Error = postgres::Error;

    fn connect(&self) -> Result<Self::Connection, Self::Error> {
        self.config.connect(postgres::NoTls)
    }

    fn is_valid(&self, conn: &mut Self::Connection) -> Result<(), Self::Error> {
        conn.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut Self::Connection) -> bool {
        conn.is_closed()
    }
}

pub(crate) fn sqlite(path: &Path) -> Result<r2d2::Pool<SqliteManager>, StoreError> {
    let manager = SqliteManager {
        path: path.to_owned(),
    };
    // Open one connection first, so a bad path fails here with a clear message.
    r2d2::ManageConnection::connect(&manager).map_err(|e| StoreError::Unreachable {
        backend: Backend::Sqlite,
        target: path.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(r2d2::Pool::builder()
        .max_size(8)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(30))
        .build_unchecked(manager))
}

pub(crate) fn postgres(
    config: &postgres::Config,
) -> Result<r2d2::Pool<PostgresManager>, StoreError> {
    let manager = PostgresManager {
        config: config.clone(),
    };
    let first = r2d2::ManageConnection::connect(&manager).map_err(|e| StoreError::Unreachable {
        backend: Backend::Postgres,
        target: postgres_target(config),
        reason: e.to_string(),
    })?;
    drop(first);
    Ok(r2d2::Pool::builder()
        .max_size(16)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(30))
        .build_unchecked(manager))
}
