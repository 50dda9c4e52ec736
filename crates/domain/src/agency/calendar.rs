//! The fostering service's calendar: what it owes every year, counted from
//! the agency records that hold each report, return, survey and audit.
//!
//! - FOST-045: one annual report to the scrutiny committee a year and a
//!   monthly return to the Departmental Management Team every month (12 a
//!   year);
//! - FOST-038: the foster carer survey, run once every calendar year (the
//!   annual report's "survey" section is missing without it);
//! - FOST-037: each team manager's case-file audit every month (a month
//!   without one is non-compliant) and each service manager's 4 themed
//!   audits a year.
//!
//! A period counts as missed only once it has ended: the month (or year)
//! in progress on the day asked is still open.

use chrono::{Datelike, NaiveDate};

use super::records::{AgencyRecord, AgencyRecordKind};

/// How often a kind of record is owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// One in every calendar month.
    Monthly,
    /// So many in the calendar year, whenever in it.
    Yearly(usize),
}

/// What the calendar owes of a kind of record, and the rule that says so;
/// none for the records a deadline rule follows instead.
pub fn owed(kind: AgencyRecordKind) -> Option<(Cadence, &'static str)> {
    match kind {
        AgencyRecordKind::FosteringAnnualReport => Some((Cadence::Yearly(1), "FOST-045")),
        AgencyRecordKind::DmtMonthlyReturn => Some((Cadence::Monthly, "FOST-045")),
        AgencyRecordKind::FosterCarerSurvey => Some((Cadence::Yearly(1), "FOST-038")),
        AgencyRecordKind::CaseFileAudit => Some((Cadence::Monthly, "FOST-037")),
        AgencyRecordKind::ThemedAudit => Some((Cadence::Yearly(4), "FOST-037")),
        AgencyRecordKind::AdoptionStatementOfPurpose
        | AgencyRecordKind::FosteringStatementOfPurpose
        | AgencyRecordKind::FreeOnlineCourse => None,
    }
}

/// The team that keeps a kind when nobody has recorded one yet: the
/// fostering service's own.
pub const SERVICE_TEAM: &str = "Fostering";

/// One line of the calendar: a kind of record kept by a team in a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarLine {
    pub kind: AgencyRecordKind,
    pub team: String,
    pub rule: &'static str,
    pub year: i32,
    /// Owed in the whole year.
    pub expected: usize,
    /// Held in the year (a month with two audits counts once).
    pub held: usize,
    /// The periods ended without one, in words ("February 2019", or
    /// "3 of 4 in 2019").
    pub missing: Vec<String>,
}

impl CalendarLine {
    /// Whether a period that has ended went without what was owed.
    pub fn non_compliant(&self) -> bool {
        !self.missing.is_empty()
    }
}

/// The calendar of `year` on `as_of`: for each kind the calendar owes,
/// each team that keeps one (the service's team when none does yet).
pub fn calendar(records: &[AgencyRecord], year: i32, as_of: NaiveDate) -> Vec<CalendarLine> {
    let mut out = Vec::new();
    for kind in AgencyRecordKind::ALL {
        let Some((cadence, rule)) = owed(kind) else {
            continue;
        };
        let mut teams: Vec<&str> = records
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.team.as_str())
            .collect();
        if teams.is_empty() {
            teams.push(SERVICE_TEAM);
        }
        teams.sort_unstable();
        teams.dedup();
        for team in teams {
            let dates: Vec<NaiveDate> = records
                .iter()
                .filter(|r| r.kind == kind && r.team == team)
                .flat_map(|r| r.entries.iter().map(|e| e.date))
                .filter(|d| d.year() == year)
                .collect();
            let (expected, held, missing) = count(cadence, year, &dates, as_of);
            out.push(CalendarLine {
                kind,
                team: team.to_owned(),
                rule,
                year,
                expected,
                held,
                missing,
            });
        }
    }
    out
}

/// What was owed, held and missed of one kind in `year`, from the dates
/// of its entries in that year.
fn count(
    cadence: Cadence,
    year: i32,
    dates: &[NaiveDate],
    as_of: NaiveDate,
) -> (usize, usize, Vec<String>) {
    match cadence {
        Cadence::Monthly => {
            let mut missing = Vec::new();
            let mut held = 0;
            for (m, name) in (1..=12).zip(crate::calendar::MONTH_NAMES) {
                if dates.iter().any(|d| d.month() == m) {
                    held += 1;
                    continue;
                }
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, m + 1, 1)
                };
                if next.is_some_and(|n| n <= as_of) {
                    missing.push(format!("{name} {year}"));
                }
            }
            (12, held, missing)
        }
        Cadence::Yearly(n) => {
            let held = dates.len();
            let ended = as_of.year() > year;
            let missing = if ended && held < n {
                vec![format!("{} of {n} in {year}", n - held)]
            } else {
                Vec::new()
            };
            (n, held, missing)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn audits(team: &str, dates: &[&str]) -> AgencyRecord {
        let mut r = AgencyRecord::publish(
            "A001".into(),
            AgencyRecordKind::CaseFileAudit,
            team.into(),
            "",
            d(dates[0]),
            d("2020-01-01"),
        )
        .unwrap();
        for day in &dates[1..] {
            r.record("", d(day), d("2020-01-01")).unwrap();
        }
        r
    }

    #[test]
    fn a_month_in_progress_is_not_yet_missed_and_a_month_counts_once() {
        let r = audits("Kinship", &["2019-01-10", "2019-01-20", "2019-03-05"]);
        let lines = calendar(&[r], 2019, d("2019-03-31"));
        let audit = lines
            .iter()
            .find(|l| l.kind == AgencyRecordKind::CaseFileAudit)
            .unwrap();
        assert_eq!((audit.held, audit.expected), (2, 12));
        assert_eq!(audit.missing, vec!["February 2019".to_owned()]);
        // Every other kind is owed by the service's team, none held yet.
        assert!(
            lines
                .iter()
                .filter(|l| l.kind != AgencyRecordKind::CaseFileAudit)
                .all(|l| l.team == SERVICE_TEAM && l.held == 0)
        );
    }
}
