//! Households kept as versioned JSON documents with the columns lists
//! filter on (team, the teams and workers of its roles, its roles with
//! their states, a search text), and the children linked to each.
//!
//! Updates carry the version the person saw, as journeys do.

use domain::households::household::Household;

use crate::sql::{Row, Value, insert_many};
use crate::{StoreError, Tx, Versioned};

/// Which households a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HouseholdFilter {
    /// Only households this team holds, or one of whose roles it holds ...
    pub team: Option<String>,
    /// ... or (with `team`) where a child of the team is placed.
    pub with_team_children: bool,
    /// Only households with a role before the panel or agency decision.
    pub at_panel: bool,
    /// Only households held by (or with a role held by) this worker.
    pub worker: Option<String>,
    /// A role kind's code.
    pub role: Option<String>,
    /// A role state's code (with `role`, of that role).
    pub stage: Option<String>,
    /// Part of a name or postcode.
    pub search: Option<String>,
    pub limit: Option<i64>,
    pub offset: i64,
}

/// Saving and reading households.
pub trait HouseholdRepository {
    /// The number the next new household takes (`H` and five digits).
    fn next_household_number(&mut self) -> Result<i64, StoreError>;
    /// Saves new households at version 1; an existing identifier is an error.
    fn insert_households(&mut self, households: &[Household]) -> Result<(), StoreError>;
    /// Saves a changed household if it is still at `expected_version`; returns the new version.
    fn update_household(
        &mut self,
        household: &Household,
        expected_version: i64,
    ) -> Result<i64, StoreError>;
    /// One household with its version.
    fn household(&mut self, id: &str) -> Result<Option<Versioned<Household>>, StoreError>;
    /// The households the filter matches, by name, with how many match in all.
    fn households(
        &mut self,
        filter: &HouseholdFilter,
    ) -> Result<(Vec<Versioned<Household>>, i64), StoreError>;
    /// A stamp of every household: it changes when one is added or saved
    /// (how many, and the sum of their versions, from an index).
    fn households_stamp(&mut self) -> Result<String, StoreError>;
    /// The households a child is linked to.
    fn households_of_child(
        &mut self,
        child_id: &str,
    ) -> Result<Vec<Versioned<Household>>, StoreError>;
}

const COLUMNS: &str = "document, version";

/// Adds a parameter; returns its placeholder.
fn param(v: Value, params: &mut Vec<Value>) -> String {
    params.push(v);
    format!("${}", params.len())
}

fn bars<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from("|");
    for i in items {
        out.push_str(i);
        out.push('|');
    }
    out
}

/// The list columns of a household, in the table's order after `id`.
fn columns(h: &Household) -> Result<Vec<Value>, StoreError> {
    let teams =
        bars(std::iter::once(h.team.as_str()).chain(h.roles.iter().map(|r| r.team.as_str())));
    let workers = bars(
        h.worker
            .iter()
            .map(String::as_str)
            .chain(h.roles.iter().filter_map(|r| r.worker.as_deref())),
    );
    let document = serde_json::to_string(h).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok(vec![
        Value::from(h.name.as_str()),
        Value::from(h.team.as_str()),
        Value::from(teams),
        Value::from(workers),
        Value::from(h.role_codes()),
        Value::from(h.search_text()),
        Value::from(h.roles.iter().any(|r| r.at_panel())),
        Value::from(document),
    ])
}

fn from_row(r: &Row) -> Result<Versioned<Household>, StoreError> {
    let value: Household = serde_json::from_str(r.text(0)?)
        .map_err(|e| StoreError::Corrupt(format!("household: {e}")))?;
    Ok(Versioned {
        value,
        version: r.int(1)?,
    })
}

impl Tx<'_> {
    fn put_links(&mut self, households: &[&Household], replace: bool) -> Result<(), StoreError> {
        if replace {
            for h in households {
                self.conn.execute(
                    "DELETE FROM household_children WHERE household_id = $1",
                    &[Value::from(h.id.as_str())],
                )?;
            }
        }
        let rows = households.iter().flat_map(|h| {
            h.links.iter().map(|l| {
                vec![
                    Value::from(h.id.as_str()),
                    Value::from(l.child_id.as_str()),
                    Value::from(l.kind.code()),
                ]
            })
        });
        insert_many(
            self.conn,
            "household_children",
            &["household_id", "child_id", "link"],
            rows.collect::<Vec<_>>(),
        )?;
        Ok(())
    }
}

impl HouseholdRepository for Tx<'_> {
    fn next_household_number(&mut self) -> Result<i64, StoreError> {
        let rows = self.conn.query("SELECT COUNT(*) FROM households", &[])?;
        Ok(rows.first().map(|r| r.int(0)).transpose()?.unwrap_or(0) + 1)
    }

    fn insert_households(&mut self, households: &[Household]) -> Result<(), StoreError> {
        if let [one] = households
            && self.household(&one.id)?.is_some()
        {
            return Err(StoreError::AlreadyExists {
                record: format!("household {}", one.id),
            });
        }
        let rows = households
            .iter()
            .map(|h| {
                let mut row = vec![Value::from(h.id.as_str())];
                row.extend(columns(h)?);
                row.push(Value::Int(1));
                Ok(row)
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        insert_many(
            self.conn,
            "households",
            &[
                "id", "name", "team", "teams", "workers", "roles", "search", "at_panel",
                "document", "version",
            ],
            rows,
        )?;
        self.put_links(&households.iter().collect::<Vec<_>>(), false)
    }

    fn update_household(
        &mut self,
        household: &Household,
        expected_version: i64,
    ) -> Result<i64, StoreError> {
        let mut params = vec![Value::from(household.id.as_str())];
        params.extend(columns(household)?);
        params.push(Value::Int(expected_version));
        let changed = self.conn.execute(
            "UPDATE households SET name = $2, team = $3, teams = $4, workers = $5, roles = $6,
                search = $7, at_panel = $8, document = $9, version = version + 1
             WHERE id = $1 AND version = $10",
            &params,
        )?;
        let record = format!("household {}", household.id);
        if changed == 1 {
            self.put_links(&[household], true)?;
            return Ok(expected_version + 1);
        }
        match self.household(&household.id)? {
            None => Err(StoreError::NotFound { record }),
            Some(found) => Err(StoreError::Stale {
                record,
                expected: expected_version,
                found: found.version,
            }),
        }
    }

    fn household(&mut self, id: &str) -> Result<Option<Versioned<Household>>, StoreError> {
        let rows = self.conn.query(
            &format!("SELECT {COLUMNS} FROM households WHERE id = $1"),
            &[Value::from(id)],
        )?;
        rows.first().map(from_row).transpose()
    }

    fn households(
        &mut self,
        filter: &HouseholdFilter,
    ) -> Result<(Vec<Versioned<Household>>, i64), StoreError> {
        let mut conditions: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        if let Some(team) = &filter.team {
            let p = param(Value::from(format!("%|{team}|%")), &mut params);
            let mut c = format!("(teams LIKE {p}");
            if filter.with_team_children {
                let t = param(Value::from(team.as_str()), &mut params);
                c.push_str(&format!(
                    " OR id IN (SELECT hc.household_id FROM household_children hc
                        JOIN children c ON c.id = hc.child_id
                        JOIN workers w ON w.id = c.worker_id
                        WHERE hc.link = 'placed_with' AND w.team = {t})"
                ));
            }
            c.push(')');
            conditions.push(c);
        }
        if filter.at_panel {
            conditions.push("at_panel = 1".into());
        }
        if let Some(worker) = &filter.worker {
            let p = param(Value::from(format!("%|{worker}|%")), &mut params);
            conditions.push(format!("workers LIKE {p}"));
        }
        let role_pattern = match (&filter.role, &filter.stage) {
            (Some(role), Some(stage)) => Some(format!("%|{role}:{stage}|%")),
            (Some(role), None) => Some(format!("%|{role}:%")),
            (None, Some(stage)) => Some(format!("%:{stage}|%")),
            (None, None) => None,
        };
        if let Some(pattern) = role_pattern {
            let p = param(Value::from(pattern), &mut params);
            conditions.push(format!("roles LIKE {p}"));
        }
        if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
            let p = param(
                Value::from(format!("%{}%", search.trim().to_lowercase())),
                &mut params,
            );
            conditions.push(format!("search LIKE {p}"));
        }
        let wher = if conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conditions.join(" AND "))
        };
        let total = self
            .conn
            .query(&format!("SELECT COUNT(*) FROM households{wher}"), &params)?
            .first()
            .map(|r| r.int(0))
            .transpose()?
            .unwrap_or(0);
        let limit = filter.limit.unwrap_or(i64::MAX / 2);
        let l = param(Value::Int(limit), &mut params);
        let o = param(Value::Int(filter.offset), &mut params);
        let rows = self.conn.query(
            &format!(
                "SELECT {COLUMNS} FROM households{wher} ORDER BY name, id LIMIT {l} OFFSET {o}"
            ),
            &params,
        )?;
        let list = rows.iter().map(from_row).collect::<Result<_, _>>()?;
        Ok((list, total))
    }

    fn households_stamp(&mut self) -> Result<String, StoreError> {
        let rows = self.conn.query(
            "SELECT COUNT(*), CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM households",
            &[],
        )?;
        let r = &rows[0];
        Ok(format!("{}:{}", r.int(0)?, r.int(1)?))
    }

    fn households_of_child(
        &mut self,
        child_id: &str,
    ) -> Result<Vec<Versioned<Household>>, StoreError> {
        self.conn
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM households WHERE id IN
                        (SELECT household_id FROM household_children WHERE child_id = $1)
                     ORDER BY name, id"
                ),
                &[Value::from(child_id)],
            )?
            .iter()
            .map(from_row)
            .collect()
    }
}
