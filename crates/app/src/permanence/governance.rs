//! The governance reporting calendar (TRACK-008): the reports of each
//! financial year that take permanence performance to the Lead Member, the
//! Director and Scrutiny, kept by the performance team and service
//! managers, one record per year, with what the year's calendar lacks.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::permanence::tracking::{
    GOVERNANCE_CALENDAR_KEEPERS, GovernanceReport, governance_calendar_problems,
};
use domain::time::Clock;
use serde::{Deserialize, Serialize};
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store};

use super::{actor_of, audit, invalid, stale};
use crate::AppError;

/// A financial year's calendar as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GovernanceCalendar {
    /// The year the financial year starts in (2025 for 2025-26).
    pub year: i32,
    pub reports: Vec<GovernanceReport>,
}

/// A year's calendar as the tracking page shows it: its reports, the
/// version to save against (0 before the first report) and what it lacks.
#[derive(Debug, Clone)]
pub struct GovernanceView {
    pub calendar: GovernanceCalendar,
    pub version: i64,
    pub problems: Vec<String>,
}

fn calendar_id(year: i32) -> String {
    format!("governance-{year}")
}

/// The financial year `today` falls in (the year it starts in).
pub fn financial_year(today: NaiveDate) -> i32 {
    use chrono::Datelike;
    if today.month() >= 4 {
        today.year()
    } else {
        today.year() - 1
    }
}

/// The calendar of the financial year starting in April of `year`, for
/// those who see the tracking list and those who keep the calendar.
pub fn governance_calendar(
    store: &Store,
    user: &User,
    year: i32,
) -> Result<GovernanceView, AppError> {
    if !user.may(Permission::ViewTracking) && !GOVERNANCE_CALENDAR_KEEPERS.contains(&user.role) {
        return Err(AppError::Forbidden("see the governance calendar"));
    }
    let held = store.read(|tx| {
        tx.record::<GovernanceCalendar>(RecordKind::GovernanceCalendar, &calendar_id(year))
    })?;
    let (calendar, version) = held.map_or_else(
        || {
            (
                GovernanceCalendar {
                    year,
                    reports: Vec::new(),
                },
                0,
            )
        },
        |r| (r.value.document, r.version),
    );
    let problems = governance_calendar_problems(&calendar.reports, year);
    Ok(GovernanceView {
        calendar,
        version,
        problems,
    })
}

/// Adds a report to the calendar of its financial year, seen at
/// `expected_version` (0 when the year had none). Audited with the report's
/// kind and date.
pub fn record_governance_report(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    expected_version: i64,
    report: GovernanceReport,
    from: &str,
) -> Result<GovernanceView, AppError> {
    if !GOVERNANCE_CALENDAR_KEEPERS.contains(&user.role) {
        return Err(AppError::Forbidden("keep the governance calendar"));
    }
    if report.audiences.is_empty() {
        return Err(invalid("tick who the report goes to"));
    }
    let year = financial_year(report.date);
    let id = calendar_id(year);
    let actor = actor_of(user, from);
    store.write(|tx| {
        let held = tx.record::<GovernanceCalendar>(RecordKind::GovernanceCalendar, &id)?;
        let found = held.as_ref().map_or(0, |r| r.version);
        if found != expected_version {
            return Err(stale(format!("the governance calendar {id}"), expected_version, found));
        }
        let mut calendar = held.map_or_else(
            || GovernanceCalendar { year, reports: Vec::new() },
            |r| r.value.document,
        );
        calendar.reports.push(report.clone());
        calendar.reports.sort_by_key(|r| r.date);
        let record = Record {
            id: id.clone(),
            child_id: None,
            stage: "open".into(),
            key_date: Some(report.date.to_string()),
            document: calendar.clone(),
        };
        let version = if found == 0 {
            tx.insert_records(RecordKind::GovernanceCalendar, std::slice::from_ref(&record))?;
            1
        } else {
            tx.update_record(RecordKind::GovernanceCalendar, &record, expected_version)?
        };
        tx.append(&audit(
            &actor,
            clock,
            "record_governance_report".into(),
            "governance_calendar",
            &id,
            serde_json::json!({"kind": report.kind, "date": report.date.to_string(), "audiences": report.audiences}),
        ))?;
        let problems = governance_calendar_problems(&calendar.reports, year);
        Ok(GovernanceView {
            calendar,
            version,
            problems,
        })
    })
}
