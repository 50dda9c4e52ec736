//! Joining a later year's return to the children held: their journeys
//! replaced set by set.

use domain::journey::CareJourney;
use domain::time::Timestamp;

use super::{CHILD_COLUMNS, OWNED, child_insert_columns, child_insert_rows, insert_owned};
use crate::sql::{Value, insert_many};
use crate::{ID_BATCH, StoreError, Tx};

impl Tx<'_> {
    /// Replaces the journeys of children already held (a later return joined
    /// to the earlier), set by set: their rows of each child-owned table are
    /// deleted and written again, thousands of children a statement, and
    /// their summary rows updated from a staging table in one statement,
    /// each child's version raised. Returns how many children.
    pub fn replace_journeys(
        &mut self,
        journeys: &[CareJourney],
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        if journeys.is_empty() {
            return Ok(0);
        }
        let at = Value::Text(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        for chunk in journeys.chunks(ID_BATCH) {
            let params: Vec<Value> = chunk.iter().map(|j| Value::from(j.id().as_str())).collect();
            let list: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let list = list.join(", ");
            for table in OWNED {
                self.conn.execute(
                    &format!("DELETE FROM {} WHERE child_id IN ({list})", table.name),
                    &params,
                )?;
            }
        }
        insert_owned(self, journeys)?;
        self.conn.execute_batch(
            "DROP TABLE IF EXISTS children_joined;
             CREATE TEMPORARY TABLE children_joined AS SELECT * FROM children WHERE 1 = 0",
        )?;
        insert_many(
            self.conn,
            "children_joined",
            &child_insert_columns(),
            journeys.iter().map(|j| child_insert_rows(j, &at)),
        )?;
        let set: Vec<String> = CHILD_COLUMNS
            .iter()
            .filter(|c| **c != "id")
            .map(|c| format!("{c} = j.{c}"))
            .collect();
        let n = self.conn.execute(
            &format!(
                "UPDATE children SET {}, version = children.version + 1, updated_at = j.updated_at \
                 FROM children_joined j WHERE children.id = j.id",
                set.join(", ")
            ),
            &[],
        )?;
        self.conn.execute_batch("DROP TABLE children_joined")?;
        Ok(n)
    }
}
