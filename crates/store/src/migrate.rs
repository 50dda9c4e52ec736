//! Schema migrations, written once in portable SQL and applied in order.

use crate::StoreError;
use crate::sql::{Backend, Conn, Value};

/// Every migration, in order: (version, name, SQL).
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "care journeys and audit trail",
        include_str!("../migrations/0001_care_journeys.sql"),
    ),
    (
        2,
        "activities and workers",
        include_str!("../migrations/0002_activities_and_workers.sql"),
    ),
    (
        3,
        "users and sessions",
        include_str!("../migrations/0003_users_and_sessions.sql"),
    ),
    (
        4,
        "the child's allocated worker",
        include_str!("../migrations/0004_child_worker.sql"),
    ),
    (
        5,
        "next deadline in the summary",
        include_str!("../migrations/0005_next_deadline.sql"),
    ),
    (
        6,
        "permanence plans, panels and tracking",
        include_str!("../migrations/0006_permanence.sql"),
    ),
    (
        7,
        "tracking stamps",
        include_str!("../migrations/0007_tracking_stamp.sql"),
    ),
    (
        100,
        "sign-in throttling, deactivated users, token expiry and revocation",
        include_str!("../migrations/0100_sign_in_security.sql"),
    ),
    (
        150,
        "the children's stamp by worker in one index",
        include_str!("../migrations/0150_children_stamp_index.sql"),
    ),
    (
        200,
        "the SSDA903 tables beyond the journey, and care leavers",
        include_str!("../migrations/0200_census.sql"),
    ),
    (
        350,
        "social workers' names",
        include_str!("../migrations/0350_people.sql"),
    ),
    (
        351,
        "the audit log's actions",
        include_str!("../migrations/0351_audit_actions.sql"),
    ),
    (
        500,
        "households, the people in them and their linked children",
        include_str!("../migrations/0500_households.sql"),
    ),
    (
        600,
        "stamps of the households and of records of a kind, from indexes",
        include_str!("../migrations/0600_record_stamps.sql"),
    ),
    (
        900,
        "the money ledger",
        include_str!("../migrations/0900_money_ledger.sql"),
    ),
    (
        1000,
        "stamps of the years of the return and of the care leavers, from indexes",
        include_str!("../migrations/1000_census_stamps.sql"),
    ),
];

/// Applies the migrations the database has not had yet; returns how many ran.
pub(crate) fn run(conn: &mut dyn Conn) -> Result<usize, StoreError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL
        )",
    )?;
    let applied: Vec<i64> = conn
        .query("SELECT version FROM schema_migrations", &[])?
        .iter()
        .map(|r| r.int(0))
        .collect::<Result<_, _>>()?;
    let mut ran = 0;
    for &(version, name, sql) in MIGRATIONS {
        if applied.contains(&version) {
            continue;
        }
        conn.execute_batch(&for_backend(sql, conn.backend()))
            .map_err(|e| {
                StoreError::Database(format!("migration {version} ({name}) failed: {e}"))
            })?;
        conn.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[Value::Int(version), Value::from(name)],
        )?;
        ran += 1;
    }
    Ok(ran)
}

/// The few words the two dialects spell differently.
fn for_backend(sql: &str, backend: Backend) -> String {
    let auto_id = match backend {
        Backend::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT",
        Backend::Postgres => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    };
    sql.replace("{{auto_id}}", auto_id)
}
