//! The governance reporting calendar (TRACK-008): the reports that take
//! permanence performance to the Lead Member, the Director and Scrutiny,
//! kept by the performance team and service managers as one record (one
//! version to save against), with what each financial year's calendar lacks.

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

/// The calendar as stored: every report, in date order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GovernanceCalendar {
    pub reports: Vec<GovernanceReport>,
}

/// A financial year's calendar as its page shows it: the year (2025 for
/// 2025-26), its reports, the calendar's version to save against (0 before
/// the first report) and what the year lacks.
#[derive(Debug, Clone)]
pub struct GovernanceView {
    pub year: i32,
    pub calendar: GovernanceCalendar,
    pub version: i64,
    pub problems: Vec<String>,
}

const CALENDAR_ID: &str = "governance-calendar";

/// The financial year `today` falls in (the year it starts in).
pub fn financial_year(today: NaiveDate) -> i32 {
    use chrono::Datelike;
    if today.month() >= 4 {
        today.year()
    } else {
        today.year() - 1
    }
}

/// The view of `year` of a calendar at `version`.
fn view_of(calendar: &GovernanceCalendar, version: i64, year: i32) -> GovernanceView {
    let reports: Vec<GovernanceReport> = calendar
        .reports
        .iter()
        .filter(|r| financial_year(r.date) == year)
        .cloned()
        .collect();
    GovernanceView {
        year,
        problems: governance_calendar_problems(&reports, year),
        calendar: GovernanceCalendar { reports },
        version,
    }
}

/// The calendar of the financial year starting in April of `year`, for
/// those who see the service's figures or the tracking list.
pub fn governance_calendar(
    store: &Store,
    user: &User,
    year: i32,
) -> Result<GovernanceView, AppError> {
    if !user.may(Permission::ViewFigures) && !user.may(Permission::ViewTracking) {
        return Err(AppError::Forbidden("see the governance calendar"));
    }
    let held = store
        .read(|tx| tx.record::<GovernanceCalendar>(RecordKind::GovernanceCalendar, CALENDAR_ID))?;
    Ok(held.map_or_else(
        || view_of(&GovernanceCalendar::default(), 0, year),
        |r| view_of(&r.value.document, r.version, year),
    ))
}

/// Adds a report to the calendar, seen at `expected_version` (0 before the
/// first report); returns its financial year's view. Audited with the
/// report's kind, date and audiences.
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
    let actor = actor_of(user, from);
    store.write(|tx| {
        let held = tx.record::<GovernanceCalendar>(RecordKind::GovernanceCalendar, CALENDAR_ID)?;
        let found = held.as_ref().map_or(0, |r| r.version);
        if found != expected_version {
            return Err(stale(
                "the governance calendar".into(),
                expected_version,
                found,
            ));
        }
        let mut calendar = held.map_or_else(GovernanceCalendar::default, |r| r.value.document);
        calendar.reports.push(report.clone());
        calendar.reports.sort_by_key(|r| r.date);
        let record = Record {
            id: CALENDAR_ID.to_owned(),
            child_id: None,
            stage: "open".into(),
            key_date: None,
            document: calendar.clone(),
        };
        let version = if found == 0 {
            tx.insert_records(
                RecordKind::GovernanceCalendar,
                std::slice::from_ref(&record),
            )?;
            1
        } else {
            tx.update_record(RecordKind::GovernanceCalendar, &record, expected_version)?
        };
        tx.append(&audit(
            &actor,
            clock,
            "record_governance_report".into(),
            "governance_calendar",
            CALENDAR_ID,
            serde_json::json!({
                "kind": report.kind,
                "date": report.date.to_string(),
                "audiences": report.audiences,
            }),
        ))?;
        Ok(view_of(&calendar, version, financial_year(report.date)))
    })
}
