//! A record the agency keeps about itself: a Statement of Purpose (GOV-029:
//! reviewed every year, the next review counted from the last one held) or
//! a free online course of the training programme (TRAIN-002: replaced 12
//! weeks after publication, the replacement's 12 weeks running from its
//! own). Each is published once and then reviewed or replaced; the events
//! it records start and meet its rule, and its open deadline is a worklist
//! line about the service, on its team's list. The fostering service's
//! reports, returns, surveys and audits are records of the same kind whose
//! entries are counted against the service's calendar (`calendar.rs`,
//! FOST-037, FOST-038, FOST-045) rather than a deadline rule.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadlines::EventKind::{self, *};
use crate::deadlines::{Event, SubjectFacts, open_deadlines};
use crate::subjects::{Subject, SubjectItem, SubjectKind};

/// What an agency record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyRecordKind {
    AdoptionStatementOfPurpose,
    FosteringStatementOfPurpose,
    FreeOnlineCourse,
    /// FOST-045: the fostering service's annual report to the scrutiny
    /// committee, one a year.
    FosteringAnnualReport,
    /// FOST-045: the fostering service's monthly return to the
    /// Departmental Management Team.
    DmtMonthlyReturn,
    /// FOST-038: the annual foster carer survey.
    FosterCarerSurvey,
    /// FOST-037: a team manager's case-file audit, one a month.
    CaseFileAudit,
    /// FOST-037: a service manager's themed audit, four a year.
    ThemedAudit,
}

impl AgencyRecordKind {
    pub const ALL: [AgencyRecordKind; 8] = [
        AgencyRecordKind::AdoptionStatementOfPurpose,
        AgencyRecordKind::FosteringStatementOfPurpose,
        AgencyRecordKind::FreeOnlineCourse,
        AgencyRecordKind::FosteringAnnualReport,
        AgencyRecordKind::DmtMonthlyReturn,
        AgencyRecordKind::FosterCarerSurvey,
        AgencyRecordKind::CaseFileAudit,
        AgencyRecordKind::ThemedAudit,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            AgencyRecordKind::AdoptionStatementOfPurpose => "adoption_statement_of_purpose",
            AgencyRecordKind::FosteringStatementOfPurpose => "fostering_statement_of_purpose",
            AgencyRecordKind::FreeOnlineCourse => "free_online_course",
            AgencyRecordKind::FosteringAnnualReport => "fostering_annual_report",
            AgencyRecordKind::DmtMonthlyReturn => "dmt_monthly_return",
            AgencyRecordKind::FosterCarerSurvey => "foster_carer_survey",
            AgencyRecordKind::CaseFileAudit => "case_file_audit",
            AgencyRecordKind::ThemedAudit => "themed_audit",
        }
    }

    /// The kind with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            AgencyRecordKind::AdoptionStatementOfPurpose => "Adoption Statement of Purpose",
            AgencyRecordKind::FosteringStatementOfPurpose => "Fostering Statement of Purpose",
            AgencyRecordKind::FreeOnlineCourse => "Free online course for carers",
            AgencyRecordKind::FosteringAnnualReport => "Fostering service annual report",
            AgencyRecordKind::DmtMonthlyReturn => {
                "Monthly return to the Departmental Management Team"
            }
            AgencyRecordKind::FosterCarerSurvey => "Annual foster carer survey",
            AgencyRecordKind::CaseFileAudit => "Team manager's case-file audit",
            AgencyRecordKind::ThemedAudit => "Service manager's themed audit",
        }
    }

    /// Whether the record is a course (its later entries are replacements,
    /// each a new course with its own title).
    pub fn is_course(self) -> bool {
        self == AgencyRecordKind::FreeOnlineCourse
    }

    /// What a later entry is, in words ("Record a review").
    pub fn later_entry(self) -> &'static str {
        match self {
            AgencyRecordKind::FreeOnlineCourse => "Record the replacement course",
            AgencyRecordKind::AdoptionStatementOfPurpose
            | AgencyRecordKind::FosteringStatementOfPurpose => "Record a review",
            AgencyRecordKind::FosteringAnnualReport => "Record the next annual report",
            AgencyRecordKind::DmtMonthlyReturn => "Record the next monthly return",
            AgencyRecordKind::FosterCarerSurvey => "Record the next survey",
            AgencyRecordKind::CaseFileAudit | AgencyRecordKind::ThemedAudit => {
                "Record the next audit"
            }
        }
    }

    /// The events a first and a later entry record, for the kinds a
    /// deadline rule follows; the calendar's kinds record none.
    fn events(self) -> Option<(EventKind, EventKind)> {
        match self {
            AgencyRecordKind::FreeOnlineCourse => Some((FreeCoursePublished, FreeCourseReplaced)),
            AgencyRecordKind::AdoptionStatementOfPurpose
            | AgencyRecordKind::FosteringStatementOfPurpose => {
                Some((StatementOfPurposePublished, StatementOfPurposeReviewed))
            }
            _ => None,
        }
    }
}

/// Whether an agency record's publication, review or replacement records this event.
pub fn records_event(kind: EventKind) -> bool {
    AgencyRecordKind::ALL
        .into_iter()
        .filter_map(AgencyRecordKind::events)
        .any(|(first, later)| first == kind || later == kind)
}

/// One entry of a record's history: published, reviewed or replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub date: NaiveDate,
    /// The course's title (courses), or the version's name.
    pub title: String,
}

/// Why an entry was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgencyRecordError {
    #[error("enter the course's title")]
    NoTitle,
    #[error("the date cannot be before the record's last entry, {0}")]
    BeforeLast(NaiveDate),
    #[error("the date cannot be in the future")]
    Future,
}

/// A record the agency keeps about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyRecord {
    /// `A` and three digits.
    pub id: String,
    pub kind: AgencyRecordKind,
    /// The team that keeps it and whose worklist shows its deadline.
    pub team: String,
    /// Publication first, then each review or replacement, in date order.
    pub entries: Vec<Entry>,
    pub events: Vec<Event>,
}

impl AgencyRecord {
    /// A record published on `date` (a course with its title).
    pub fn publish(
        id: String,
        kind: AgencyRecordKind,
        team: String,
        title: &str,
        date: NaiveDate,
        today: NaiveDate,
    ) -> Result<AgencyRecord, AgencyRecordError> {
        let title = checked(kind, title, date, today)?;
        Ok(AgencyRecord {
            id,
            kind,
            team,
            entries: vec![Entry { date, title }],
            events: kind
                .events()
                .map(|(first, _)| Event { date, kind: first })
                .into_iter()
                .collect(),
        })
    }

    /// Records a review of a Statement of Purpose, or the course that
    /// replaces a free course, on `date`.
    pub fn record(
        &mut self,
        title: &str,
        date: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), AgencyRecordError> {
        let title = checked(self.kind, title, date, today)?;
        if let Some(last) = self.entries.last()
            && date < last.date
        {
            return Err(AgencyRecordError::BeforeLast(last.date));
        }
        self.entries.push(Entry { date, title });
        if let Some((_, later)) = self.kind.events() {
            self.events.push(Event { date, kind: later });
        }
        Ok(())
    }

    /// The name people know it by: the course's current title, or the kind.
    pub fn name(&self) -> String {
        match self.entries.last() {
            Some(e) if self.kind.is_course() => format!("Free online course: {}", e.title),
            _ => self.kind.label().to_owned(),
        }
    }

    /// The record's open deadline on `as_of` (the next review or
    /// replacement), as a worklist line about the service.
    pub fn deadlines(&self, as_of: NaiveDate) -> Vec<SubjectItem> {
        open_deadlines(
            &crate::deadline_rules::RULES,
            &self.events,
            SubjectFacts::default(),
        )
        .into_iter()
        .filter(|d| d.met.is_none())
        .map(|d| SubjectItem {
            subject: Subject {
                kind: SubjectKind::Service,
                id: self.id.clone(),
                name: self.name(),
                record: self.id.clone(),
                role: None,
            },
            worker: None,
            team: Some(self.team.clone()),
            rule: Some(d.rule.id),
            title: d.rule.title.to_owned(),
            due: d.due,
            days_left: d.days_left(as_of),
            standing: d.standing(as_of),
            responsible: Some(d.rule.responsible),
        })
        .collect()
    }
}

fn checked(
    kind: AgencyRecordKind,
    title: &str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<String, AgencyRecordError> {
    if date > today {
        return Err(AgencyRecordError::Future);
    }
    let title = title.trim();
    if kind.is_course() && title.is_empty() {
        return Err(AgencyRecordError::NoTitle);
    }
    Ok(if title.is_empty() {
        kind.label().to_owned()
    } else {
        title.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadlines::Standing;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn gov_029_a_statement_reviewed_on_2019_01_15_is_next_due_on_2020_01_15() {
        let mut sop = AgencyRecord::publish(
            "A001".into(),
            AgencyRecordKind::AdoptionStatementOfPurpose,
            "Adoption".into(),
            "",
            d("2018-01-15"),
            d("2019-02-01"),
        )
        .unwrap();
        sop.record("", d("2019-01-15"), d("2019-02-01")).unwrap();
        let due = sop.deadlines(d("2020-01-16"));
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].rule, Some("GOV-029"));
        assert_eq!(due[0].due, d("2020-01-15"));
        assert_eq!(due[0].standing, Standing::Overdue);
        assert_eq!(due[0].subject.name, "Adoption Statement of Purpose");
        // A review cannot be dated before the last entry, nor in the future.
        assert!(sop.record("", d("2018-12-01"), d("2019-02-01")).is_err());
        assert!(sop.record("", d("2019-03-01"), d("2019-02-01")).is_err());
    }

    #[test]
    fn train_002_a_free_course_published_2025_04_07_is_replaced_by_2025_06_30() {
        let mut course = AgencyRecord::publish(
            "A002".into(),
            AgencyRecordKind::FreeOnlineCourse,
            "Fostering".into(),
            "Understanding trauma",
            d("2025-04-07"),
            d("2025-04-07"),
        )
        .unwrap();
        let due = course.deadlines(d("2025-06-20"));
        assert_eq!(due[0].due, d("2025-06-30"));
        assert_eq!(
            due[0].subject.name,
            "Free online course: Understanding trauma"
        );
        assert_eq!(
            course.record(" ", d("2025-06-30"), d("2025-06-30")),
            Err(AgencyRecordError::NoTitle)
        );
        course
            .record("Online safety", d("2025-06-30"), d("2025-06-30"))
            .unwrap();
        let next = course.deadlines(d("2025-07-01"));
        assert_eq!(next[0].due, d("2025-09-22"));
        assert_eq!(next[0].subject.name, "Free online course: Online safety");
    }
}
