//! What each year's SSDA903 return stated beyond the journeys, and care
//! leavers held without a journey: one JSON record per child and year.

use std::collections::HashMap;

use domain::census::{CareLeaver, CensusYear};
use domain::child::ChildId;
use domain::time::Timestamp;

use crate::children::ChildRepository;
use crate::sql::{Row, Value, insert_many};
use crate::{StoreError, Tx};

/// How many children one statement names (`IN (...)`): a few thousand,
/// below both SQLite's (32,766) and PostgreSQL's (65,535) parameter limits,
/// so a whole council is a few dozen statements.
pub const ID_BATCH: usize = 4_000;

fn json<T: serde::Serialize>(value: &T) -> Result<Value, StoreError> {
    serde_json::to_string(value)
        .map(Value::Text)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn parse<T: serde::de::DeserializeOwned>(row: &Row, i: usize) -> Result<T, StoreError> {
    serde_json::from_str(row.text(i)?).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn child_id(row: &Row, i: usize) -> Result<ChildId, StoreError> {
    ChildId::parse(row.text(i)?).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Tx<'_> {
    /// Saves the years of the return (new: a child's year held already is
    /// refused by the database's key); returns how many.
    pub fn insert_census(&mut self, years: &[(ChildId, CensusYear)]) -> Result<u64, StoreError> {
        let rows = years
            .iter()
            .map(|(id, y)| {
                Ok(vec![
                    Value::from(id.as_str()),
                    Value::Int(i64::from(y.year)),
                    json(y)?,
                    Value::Int(1),
                ])
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let n = insert_many(
            self.conn,
            "census_years",
            &["child_id", "year_start", "record", "version"],
            rows,
        )?;
        self.refresh_deadlines_stated(years)?;
        Ok(n)
    }

    /// Works the next deadline out again for the children of `years` whose
    /// years of the return state an event the deadline rules count (an
    /// adoption decision, a match), so the lists agree with the child's page.
    fn refresh_deadlines_stated(
        &mut self,
        years: &[(ChildId, CensusYear)],
    ) -> Result<(), StoreError> {
        let touched: std::collections::BTreeSet<&ChildId> = years
            .iter()
            .filter(|(_, y)| !y.events().is_empty())
            .map(|(id, _)| id)
            .collect();
        for id in touched {
            let Some(journey) = self.journey(id)? else {
                continue;
            };
            let census = self.census_of(id)?;
            let next = crate::children::next_deadline(&journey.value, &census);
            self.set_next_deadline(id, next.as_ref())?;
        }
        Ok(())
    }

    /// Sets a child's next deadline as the lists show it.
    pub(crate) fn set_next_deadline(
        &mut self,
        id: &ChildId,
        next: Option<&domain::deadlines::Deadline>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE children SET next_deadline_due = $2, next_deadline_rule = $3, next_deadline_title = $4
             WHERE id = $1",
            &[
                Value::from(id.as_str()),
                crate::children::opt_date(next.map(|d| d.due)),
                Value::from(next.map(|d| d.rule.id)),
                Value::from(next.map(|d| d.rule.title)),
            ],
        )?;
        Ok(())
    }

    /// A child's years of the return, oldest first.
    pub fn census_of(&mut self, id: &ChildId) -> Result<Vec<CensusYear>, StoreError> {
        self.conn
            .query(
                "SELECT record FROM census_years WHERE child_id = $1 ORDER BY year_start",
                &[Value::from(id.as_str())],
            )?
            .iter()
            .map(|r| parse(r, 0))
            .collect()
    }

    /// A stamp of the years of the return and of the care leavers held
    /// without a journey: how many there are and the sum of their versions,
    /// read from indexes (migration 1000). It changes when one is added or
    /// saved, so what was computed from them holds while it does not.
    pub fn census_stamp(&mut self) -> Result<String, StoreError> {
        let rows = self.conn.query(
            "SELECT (SELECT COUNT(*) FROM census_years),
                    (SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM census_years),
                    (SELECT COUNT(*) FROM care_leavers),
                    (SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM care_leavers)",
            &[],
        )?;
        let r = &rows[0];
        Ok(format!(
            "{}:{}:{}:{}",
            r.int(0)?,
            r.int(1)?,
            r.int(2)?,
            r.int(3)?
        ))
    }

    /// Every child's years of the return, oldest first.
    pub fn all_census(&mut self) -> Result<HashMap<ChildId, Vec<CensusYear>>, StoreError> {
        let mut out: HashMap<ChildId, Vec<CensusYear>> = HashMap::new();
        for r in self.conn.query(
            "SELECT child_id, record FROM census_years ORDER BY child_id, year_start",
            &[],
        )? {
            out.entry(child_id(&r, 0)?).or_default().push(parse(&r, 1)?);
        }
        Ok(out)
    }

    /// Saves new care leavers; returns how many.
    pub fn insert_care_leavers(
        &mut self,
        leavers: &[CareLeaver],
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        let at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let rows = leavers
            .iter()
            .map(|l| {
                Ok(vec![
                    Value::from(l.id().as_str()),
                    Value::Text(l.child.date_of_birth.format("%Y-%m-%d").to_string()),
                    json(&l.child)?,
                    Value::Int(1),
                    Value::Text(at.clone()),
                ])
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        insert_many(
            self.conn,
            "care_leavers",
            &["id", "date_of_birth", "record", "version", "created_at"],
            rows,
        )
    }

    /// A care leaver held without a journey.
    pub fn care_leaver(&mut self, id: &ChildId) -> Result<Option<CareLeaver>, StoreError> {
        self.conn
            .query(
                "SELECT record FROM care_leavers WHERE id = $1",
                &[Value::from(id.as_str())],
            )?
            .first()
            .map(|r| parse(r, 0).map(|child| CareLeaver { child }))
            .transpose()
    }

    /// Every care leaver held without a journey, in identifier order.
    pub fn all_care_leavers(&mut self) -> Result<Vec<CareLeaver>, StoreError> {
        self.conn
            .query("SELECT record FROM care_leavers ORDER BY id", &[])?
            .iter()
            .map(|r| parse(r, 0).map(|child| CareLeaver { child }))
            .collect()
    }

    /// Which of these identifiers are held, as a child or a care leaver.
    pub fn held_ids(&mut self, ids: &[&str]) -> Result<Vec<String>, StoreError> {
        let mut held = Vec::new();
        for chunk in ids.chunks(ID_BATCH) {
            let params: Vec<Value> = chunk.iter().map(|id| Value::from(*id)).collect();
            let list: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let list = list.join(", ");
            for table in ["children", "care_leavers"] {
                for r in self.conn.query(
                    &format!("SELECT id FROM {table} WHERE id IN ({list})"),
                    &params,
                )? {
                    held.push(r.text(0)?.to_owned());
                }
            }
        }
        held.sort();
        Ok(held)
    }
    /// The care leavers among these identifiers, in identifier order.
    pub fn care_leavers_of(&mut self, ids: &[&str]) -> Result<Vec<CareLeaver>, StoreError> {
        let mut out = Vec::new();
        for chunk in ids.chunks(ID_BATCH) {
            let params: Vec<Value> = chunk.iter().map(|id| Value::from(*id)).collect();
            let list: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            for r in self.conn.query(
                &format!(
                    "SELECT record FROM care_leavers WHERE id IN ({})",
                    list.join(", ")
                ),
                &params,
            )? {
                out.push(CareLeaver {
                    child: parse(&r, 0)?,
                });
            }
        }
        out.sort_by(|a, b| a.id().cmp(b.id()));
        Ok(out)
    }

    /// Which of these children have a year of the return held for `year`.
    pub fn census_held(&mut self, ids: &[&str], year: i32) -> Result<Vec<String>, StoreError> {
        let mut held = Vec::new();
        for chunk in ids.chunks(ID_BATCH) {
            let mut params: Vec<Value> = vec![Value::Int(i64::from(year))];
            params.extend(chunk.iter().map(|id| Value::from(*id)));
            let list: Vec<String> = (2..=chunk.len() + 1).map(|i| format!("${i}")).collect();
            for r in self.conn.query(
                &format!(
                    "SELECT child_id FROM census_years WHERE year_start = $1 AND child_id IN ({})",
                    list.join(", ")
                ),
                &params,
            )? {
                held.push(r.text(0)?.to_owned());
            }
        }
        held.sort();
        Ok(held)
    }

    /// Removes care leavers who now have a journey.
    pub fn delete_care_leavers(&mut self, ids: &[&str]) -> Result<u64, StoreError> {
        let mut n = 0;
        for chunk in ids.chunks(ID_BATCH) {
            let params: Vec<Value> = chunk.iter().map(|id| Value::from(*id)).collect();
            let list: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            n += self.conn.execute(
                &format!("DELETE FROM care_leavers WHERE id IN ({})", list.join(", ")),
                &params,
            )?;
        }
        Ok(n)
    }
}
