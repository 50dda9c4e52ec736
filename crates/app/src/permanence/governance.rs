//! The governance reporting calendar (TRACK-008): the reports that take
//! permanence performance to the Lead Member, the Director and Scrutiny,
//! kept by the performance team and service managers as one record (one
//! version to save against), with what each financial year's calendar lacks;
//! the performance lead of each service, who receives the Permanence
//! Scorecard (ROLE-012); and the Permanence Policy's review, which alerts its
//! owner (ROLE-001).

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::permanence::responsibilities::{
    PerformanceLead, PolicyReviewStatus, PolicyVersion, ServiceArea, month_end, performance_lead,
    policy_review_alert, policy_review_status,
};
use domain::permanence::tracking::{
    GOVERNANCE_CALENDAR_KEEPERS, GovernanceReport, GovernanceReportKind,
    governance_calendar_problems,
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
    /// Who leads performance reporting for each service (ROLE-012).
    #[serde(default)]
    pub performance_leads: Vec<PerformanceLead>,
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
    /// Who leads performance reporting for each service (ROLE-012).
    pub performance_leads: Vec<PerformanceLead>,
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
        performance_leads: calendar.performance_leads.clone(),
        calendar: GovernanceCalendar {
            reports,
            performance_leads: calendar.performance_leads.clone(),
        },
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
/// report's kind, date and audiences. A Permanence Scorecard goes to the
/// performance lead of the Children in Care service: it is refused while
/// none is named (ROLE-012).
pub fn record_governance_report(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    expected_version: i64,
    report: GovernanceReport,
    from: &str,
) -> Result<GovernanceView, AppError> {
    if report.audiences.is_empty() {
        return Err(invalid("tick who the report goes to"));
    }
    let details = serde_json::json!({
        "kind": report.kind,
        "date": report.date.to_string(),
        "audiences": report.audiences,
    });
    let year = financial_year(report.date);
    let change = |calendar: &mut GovernanceCalendar| {
        if report.kind == GovernanceReportKind::PermanenceScorecard {
            performance_lead(&calendar.performance_leads, ServiceArea::ChildrenInCare).map_err(
                |_| {
                    invalid(
                        "performance lead missing: name who leads performance reporting for Children in Care before the Permanence Scorecard goes out",
                    )
                },
            )?;
        }
        calendar.reports.push(report.clone());
        calendar.reports.sort_by_key(|r| r.date);
        Ok(())
    };
    let (calendar, version) = change_calendar(
        store,
        user,
        clock,
        expected_version,
        change,
        ("record_governance_report", details),
        from,
    )?;
    Ok(view_of(&calendar, version, year))
}

/// Names the person who leads performance reporting for a service and
/// receives its Permanence Scorecard and drift summaries (ROLE-012),
/// replacing any lead named before. Audited with the service only.
pub fn name_performance_lead(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    expected_version: i64,
    service: ServiceArea,
    person: &str,
    from: &str,
) -> Result<GovernanceView, AppError> {
    let person = person.trim();
    if person.is_empty() {
        return Err(invalid("enter the performance lead's name"));
    }
    let details = serde_json::json!({ "service": service });
    let change = |calendar: &mut GovernanceCalendar| {
        calendar.performance_leads.retain(|l| l.service != service);
        calendar.performance_leads.push(PerformanceLead {
            service,
            person: person.to_owned(),
        });
        calendar.performance_leads.sort_by_key(|l| l.service);
        Ok(())
    };
    let (calendar, version) = change_calendar(
        store,
        user,
        clock,
        expected_version,
        change,
        ("name_performance_lead", details),
        from,
    )?;
    Ok(view_of(&calendar, version, financial_year(clock.today())))
}

/// Changes the calendar seen at `expected_version` (0 before it was first
/// saved) for one of its keepers, with its audit event, in one transaction.
fn change_calendar(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    expected_version: i64,
    change: impl Fn(&mut GovernanceCalendar) -> Result<(), AppError>,
    (action, details): (&str, serde_json::Value),
    from: &str,
) -> Result<(GovernanceCalendar, i64), AppError> {
    if !GOVERNANCE_CALENDAR_KEEPERS.contains(&user.role) {
        return Err(AppError::Forbidden("keep the governance calendar"));
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
        change(&mut calendar)?;
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
            action.into(),
            "governance_calendar",
            CALENDAR_ID,
            details.clone(),
        ))?;
        Ok((calendar, version))
    })
}

/// Where the review of the Permanence Policy in force stands (ROLE-001).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyReview {
    /// The version in force ("Review May 2020").
    pub version: &'static str,
    /// The next review date: the policy's month-only date read as the last
    /// day of that month (ROLE-001).
    pub next_review: NaiveDate,
    /// When the owner, the Head of Service, is alerted.
    pub alert_from: NaiveDate,
    pub status: PolicyReviewStatus,
}

/// ROLE-001: the review of the Permanence Policy in force on `today`: due
/// from 3 months before its next review date, overdue after it until a new
/// version is approved. The policy names the review by its month only ("May
/// 2021"): `domain::permanence::policy` reads it as ROLE-001 does, as that
/// month's last day (the review is due by the end of May; a version still
/// takes effect on the 1st, OQ-14), so the owner is alerted on 28 February
/// 2021 and the review is overdue from 1 June 2021. None when no version is
/// in force.
pub fn permanence_policy_review(today: NaiveDate) -> Option<PolicyReview> {
    use chrono::Datelike;
    use domain::permanence::policy::{PERMANENCE_POLICY_VERSIONS, policy_in_force};
    let in_force = policy_in_force(today)?;
    let review = in_force.next_review;
    let policy = PolicyVersion {
        version_label: in_force.label.to_owned(),
        smt_approved: in_force.effective_from,
        next_review: month_end(review.year(), review.month()),
    };
    let next_approved = PERMANENCE_POLICY_VERSIONS
        .iter()
        .map(|v| v.effective_from)
        .find(|d| *d > in_force.effective_from);
    Some(PolicyReview {
        version: in_force.label,
        next_review: policy.next_review,
        alert_from: policy_review_alert(&policy),
        status: policy_review_status(&policy, next_approved, today),
    })
}
