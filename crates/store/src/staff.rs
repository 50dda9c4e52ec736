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
}
