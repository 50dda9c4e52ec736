//! The audit trail, appended in the same transaction as the change it records.

use domain::audit::AuditEvent;
use domain::time::Timestamp;

use crate::sql::{Row, Value, insert_many};
use crate::{StoreError, Tx};

/// Which audit events to read back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub record_type: Option<String>,
    pub record_id: Option<String>,
    pub action: Option<String>,
    /// Events at or after this instant (RFC 3339, UTC).
    pub from: Option<String>,
    /// Events at or before this instant (RFC 3339, UTC).
    pub to: Option<String>,
    pub limit: Option<i64>,
    pub offset: i64,
}

/// Appending to and reading the audit trail.
pub trait AuditLog {
    /// Appends one event.
    fn append(&mut self, event: &AuditEvent) -> Result<(), StoreError>;
    /// Appends many events at once (bulk loads).
    fn append_all(&mut self, events: &[AuditEvent]) -> Result<(), StoreError>;
    /// Events matching the filter, newest first.
    fn events(&mut self, filter: &AuditFilter) -> Result<Vec<AuditEvent>, StoreError>;
    /// Every action the trail has recorded, in order; read one action at a
    /// time through the action index, so it costs the number of actions,
    /// not of events.
    fn actions(&mut self) -> Result<Vec<String>, StoreError>;
}

const COLUMNS: &[&str] = &[
    "at",
    "actor",
    "action",
    "record_type",
    "record_id",
    "details",
];

fn row(e: &AuditEvent) -> Vec<Value> {
    vec![
        Value::Text(e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        Value::from(e.actor.as_str()),
        Value::from(e.action.as_str()),
        Value::from(e.record_type.as_str()),
        Value::from(e.record_id.as_str()),
        Value::from(e.details.as_str()),
    ]
}

fn read(r: &Row) -> Result<AuditEvent, StoreError> {
    let at = r.text(0)?;
    let at: Timestamp = chrono::DateTime::parse_from_rfc3339(at)
        .map_err(|_| StoreError::Corrupt(format!("audit time '{at}' is not RFC 3339")))?
        .with_timezone(&chrono::Utc);
    Ok(AuditEvent {
        at,
        actor: r.text(1)?.to_owned(),
        action: r.text(2)?.to_owned(),
        record_type: r.text(3)?.to_owned(),
        record_id: r.text(4)?.to_owned(),
        details: r.text(5)?.to_owned(),
    })
}

impl AuditLog for Tx<'_> {
    fn append(&mut self, event: &AuditEvent) -> Result<(), StoreError> {
        self.append_all(std::slice::from_ref(event))
    }

    fn append_all(&mut self, events: &[AuditEvent]) -> Result<(), StoreError> {
        insert_many(self.conn, "audit_events", COLUMNS, events.iter().map(row))?;
        Ok(())
    }

    fn events(&mut self, filter: &AuditFilter) -> Result<Vec<AuditEvent>, StoreError> {
        let mut conditions = Vec::new();
        let mut params = Vec::new();
        for (column, op, value) in [
            ("actor", "=", &filter.actor),
            ("record_type", "=", &filter.record_type),
            ("record_id", "=", &filter.record_id),
            ("action", "=", &filter.action),
            ("at", ">=", &filter.from),
            ("at", "<=", &filter.to),
        ] {
            if let Some(v) = value {
                params.push(Value::from(v.as_str()));
                conditions.push(format!("{column} {op} ${}", params.len()));
            }
        }
        let mut sql = format!("SELECT {} FROM audit_events", COLUMNS.join(", "));
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        params.push(Value::Int(filter.limit.unwrap_or(1000)));
        params.push(Value::Int(filter.offset));
        sql.push_str(&format!(
            " ORDER BY id DESC LIMIT ${} OFFSET ${}",
            params.len() - 1,
            params.len()
        ));
        self.conn.query(&sql, &params)?.iter().map(read).collect()
    }

    fn actions(&mut self) -> Result<Vec<String>, StoreError> {
        self.conn
            .query(
                "WITH RECURSIVE next_action (action) AS (
                     SELECT MIN(action) FROM audit_events
                     UNION ALL
                     SELECT (SELECT MIN(a.action) FROM audit_events a WHERE a.action > n.action)
                     FROM next_action n WHERE n.action IS NOT NULL
                 )
                 SELECT action FROM next_action WHERE action IS NOT NULL",
                &[],
            )?
            .iter()
            .map(|r| Ok(r.text(0)?.to_owned()))
            .collect()
    }
}
