//! The money ledger (migration 0900): entries appended, never changed.
//!
//! Each entry takes its account's next sequence number; the table's key on
//! (fund, person, year, seq) refuses a second entry with the same number,
//! so a writer whose view of the account is stale is refused, not merged.

use domain::passport::ledger::{AccountKey, LedgerEntry};

use crate::sql::{Row, Value};
use crate::{StoreError, Tx};

/// Appending to and reading the ledger.
pub trait LedgerRepository {
    /// Appends `entry` as the account's entry number `seq` (one more than
    /// the entries it had when read); any other number is refused as stale.
    fn append_ledger_entry(&mut self, entry: &LedgerEntry, seq: i64) -> Result<(), StoreError>;
    /// An account's entries, in the order they were posted.
    fn ledger_account(&mut self, key: &AccountKey) -> Result<Vec<LedgerEntry>, StoreError>;
    /// One entry.
    fn ledger_entry(&mut self, id: &str) -> Result<Option<LedgerEntry>, StoreError>;
    /// Every entry, or one child's, by date then identifier.
    fn ledger_entries(&mut self, child_id: Option<&str>) -> Result<Vec<LedgerEntry>, StoreError>;
}

fn entry_of(r: &Row) -> Result<LedgerEntry, StoreError> {
    serde_json::from_str(r.text(0)?).map_err(|e| StoreError::Corrupt(format!("ledger entry: {e}")))
}

fn entries(rows: Vec<Row>) -> Result<Vec<LedgerEntry>, StoreError> {
    rows.iter().map(entry_of).collect()
}

fn key_params(key: &AccountKey) -> Vec<Value> {
    vec![
        Value::from(key.fund.code()),
        Value::from(key.person.as_str()),
        Value::Int(key.year as i64),
    ]
}

impl LedgerRepository for Tx<'_> {
    fn append_ledger_entry(&mut self, entry: &LedgerEntry, seq: i64) -> Result<(), StoreError> {
        let found = self.conn.query(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM money_ledger WHERE fund = $1 AND person = $2 AND year = $3",
            &key_params(&entry.account),
        )?;
        let count = found[0].int(0)?;
        if count + 1 != seq {
            return Err(StoreError::Stale {
                record: format!("the account of ledger entry {}", entry.id),
                expected: seq - 1,
                found: count,
            });
        }
        let document =
            serde_json::to_string(entry).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut params = key_params(&entry.account);
        params.extend([
            Value::Int(seq),
            Value::from(entry.id.as_str()),
            Value::from(entry.child_id.as_str()),
            Value::from(entry.on.to_string()),
            Value::from(document),
        ]);
        self.conn.execute(
            "INSERT INTO money_ledger (fund, person, year, seq, id, child_id, on_date, document)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &params,
        )?;
        Ok(())
    }

    fn ledger_account(&mut self, key: &AccountKey) -> Result<Vec<LedgerEntry>, StoreError> {
        entries(self.conn.query(
            "SELECT document FROM money_ledger WHERE fund = $1 AND person = $2 AND year = $3 ORDER BY seq",
            &key_params(key),
        )?)
    }

    fn ledger_entry(&mut self, id: &str) -> Result<Option<LedgerEntry>, StoreError> {
        let rows = self.conn.query(
            "SELECT document FROM money_ledger WHERE id = $1",
            &[Value::from(id)],
        )?;
        rows.first().map(entry_of).transpose()
    }

    fn ledger_entries(&mut self, child_id: Option<&str>) -> Result<Vec<LedgerEntry>, StoreError> {
        entries(match child_id {
            Some(c) => self.conn.query(
                "SELECT document FROM money_ledger WHERE child_id = $1 ORDER BY on_date, id",
                &[Value::from(c)],
            )?,
            None => self.conn.query(
                "SELECT document FROM money_ledger ORDER BY on_date, id",
                &[],
            )?,
        })
    }
}
