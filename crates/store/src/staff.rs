//! The social workers and their teams.

use domain::roles::Worker;

use crate::sql::{Value, insert_many};
use crate::{StoreError, Tx};

/// Saving and reading the workforce.
pub trait StaffRepository {
    /// Adds workers (bulk loads); a worker already known is an error.
    fn insert_workers(&mut self, workers: &[Worker]) -> Result<(), StoreError>;
    /// Every worker, by identifier.
    fn workers(&mut self) -> Result<Vec<Worker>, StoreError>;
    /// A stamp of the workforce: how many workers and the sum of their
    /// versions. Adding a worker, or changing one (a move to another team
    /// bumps the worker's version, as every change of a record does),
    /// changes it. Read without a row leaving the database.
    fn workers_stamp(&mut self) -> Result<String, StoreError>;
    /// The teams' names, in order.
    fn team_names(&mut self) -> Result<Vec<String>, StoreError>;
    /// Gives workers their names, as (identifier, name); returns how many
    /// workers were found. An unknown identifier is skipped.
    fn name_workers(&mut self, names: &[(String, String)]) -> Result<u64, StoreError>;
    /// The workers who have a name, as (identifier, name), by identifier.
    fn worker_names(&mut self) -> Result<Vec<(String, String)>, StoreError>;
}

impl StaffRepository for Tx<'_> {
    fn insert_workers(&mut self, workers: &[Worker]) -> Result<(), StoreError> {
        insert_many(
            self.conn,
            "workers",
            &["id", "team", "version"],
            workers.iter().map(|w| {
                vec![
                    Value::from(w.id.as_str()),
                    Value::from(w.team.as_str()),
                    Value::Int(1),
                ]
            }),
        )?;
        Ok(())
    }

    fn workers(&mut self) -> Result<Vec<Worker>, StoreError> {
        self.conn
            .query("SELECT id, team FROM workers ORDER BY id", &[])?
            .iter()
            .map(|r| {
                Ok(Worker {
                    id: r.text(0)?.to_owned(),
                    team: r.text(1)?.to_owned(),
                })
            })
            .collect()
    }

    fn workers_stamp(&mut self) -> Result<String, StoreError> {
        let rows = self.conn.query(
            "SELECT COUNT(*), CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM workers",
            &[],
        )?;
        Ok(format!("{}:{}", rows[0].int(0)?, rows[0].int(1)?))
    }

    fn team_names(&mut self) -> Result<Vec<String>, StoreError> {
        self.conn
            .query("SELECT DISTINCT team FROM workers ORDER BY team", &[])?
            .iter()
            .map(|r| Ok(r.text(0)?.to_owned()))
            .collect()
    }

    fn name_workers(&mut self, names: &[(String, String)]) -> Result<u64, StoreError> {
        let mut found = 0;
        for (id, name) in names {
            found += self.conn.execute(
                "UPDATE workers SET name = $1, version = version + 1 WHERE id = $2",
                &[Value::from(name.as_str()), Value::from(id.as_str())],
            )?;
        }
        Ok(found)
    }

    fn worker_names(&mut self) -> Result<Vec<(String, String)>, StoreError> {
        self.conn
            .query(
                "SELECT id, name FROM workers WHERE name <> '' ORDER BY id",
                &[],
            )?
            .iter()
            .map(|r| Ok((r.text(0)?.to_owned(), r.text(1)?.to_owned())))
            .collect()
    }
}
