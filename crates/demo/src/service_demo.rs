//! The demo council's own records and complaints: the adoption Statement
//! of Purpose overdue for its annual review and the fostering one due
//! soon (GOV-029), the two free online courses for carers, one due to be
//! replaced this fortnight (TRAIN-002), and complaints in progress about
//! the children's and carers' teams, at Stage 1 (some overdue, CMPL-005),
//! with an agreed extension, and at Stage 2 (CMPL-007). No real person is
//! in it.

use chrono::{Days, NaiveDate};
use domain::access::User;
use domain::agency::records::{AgencyRecord, AgencyRecordKind};
use domain::complaints::complaint::{COMPLAINANTS, Complaint, NewComplaint, Stage2};
use domain::households::CARER_TEAMS;
use domain::roles::Role;

use crate::rng::Rng;
use crate::synthetic::{FAMILY, GIVEN_FEMALE, GIVEN_MALE};

fn ago(as_of: NaiveDate, days: u64) -> NaiveDate {
    as_of - Days::new(days)
}

/// The agency's records on `as_of`.
pub fn agency_records(as_of: NaiveDate) -> Vec<AgencyRecord> {
    let record =
        |id: &str, kind, team: &str, title: &str, published: u64, later: &[(&str, u64)]| {
            let mut r = AgencyRecord::publish(
                id.to_owned(),
                kind,
                team.to_owned(),
                title,
                ago(as_of, published),
                as_of,
            )
            .expect("a demo record is valid");
            for (title, days) in later {
                r.record(title, ago(as_of, *days), as_of)
                    .expect("a demo entry follows the last");
            }
            r
        };
    vec![
        // Reviewed 13 months ago: its review is a month overdue.
        record(
            "A001",
            AgencyRecordKind::AdoptionStatementOfPurpose,
            CARER_TEAMS[2],
            "",
            800,
            &[("", 395)],
        ),
        // Reviewed 11 and a half months ago: due in a fortnight.
        record(
            "A002",
            AgencyRecordKind::FosteringStatementOfPurpose,
            CARER_TEAMS[0],
            "",
            700,
            &[("", 352)],
        ),
        // Published 11 weeks ago: to be replaced within the week.
        record(
            "A003",
            AgencyRecordKind::FreeOnlineCourse,
            CARER_TEAMS[0],
            "Understanding attachment",
            170,
            &[("Life story work with your child", 79)],
        ),
        record(
            "A004",
            AgencyRecordKind::FreeOnlineCourse,
            CARER_TEAMS[0],
            "Online safety for carers",
            30,
            &[],
        ),
    ]
}

/// Complaints in progress on `as_of` about `teams` (the children's teams)
/// and the carers' teams.
pub fn complaints(as_of: NaiveDate, teams: &[String], seed: u64) -> Vec<Complaint> {
    let mut rng = Rng::new(seed ^ 0x434d_504c);
    let mut about: Vec<String> = teams.iter().take(3).cloned().collect();
    about.extend(CARER_TEAMS.iter().take(2).map(|t| (*t).to_owned()));
    // Received this many days ago, then the steps taken (step, days ago).
    let plan: [(u64, &[(&str, u64)]); 8] = [
        (5, &[]),
        (12, &[]),
        (24, &[]),
        (40, &[]),
        (30, &[("agree_extension", 20)]),
        (20, &[("respond_stage_one", 6)]),
        (60, &[("respond_stage_one", 40), ("request_stage_two", 30)]),
        (
            150,
            &[("respond_stage_one", 125), ("request_stage_two", 120)],
        ),
    ];
    plan.iter()
        .enumerate()
        .map(|(n, (received, steps))| {
            let given = if n % 2 == 0 {
                *rng.pick(GIVEN_FEMALE)
            } else {
                *rng.pick(GIVEN_MALE)
            };
            let new = NewComplaint {
                complainant: format!("{given} {}", rng.pick(FAMILY)),
                complainant_is: COMPLAINANTS[n % COMPLAINANTS.len()].0.to_owned(),
                household: None,
                team: about[n % about.len()].clone(),
                received: ago(as_of, *received),
            };
            let mut c = Complaint::receive(format!("CMP{:05}", n + 1), new, as_of)
                .expect("a demo complaint is valid");
            for (step, days) in *steps {
                let taker = User {
                    username: "demo".into(),
                    display_name: "Demo".into(),
                    role: Role::ComplaintsManager,
                    team: None,
                    worker_id: None,
                };
                let people = Stage2 {
                    investigating_officer: "Managed service investigator".into(),
                    independent_person: "Managed service independent person".into(),
                };
                c.take(&taker, step, ago(as_of, *days), as_of, Some(people))
                    .expect("a demo step follows WF-CMPL");
            }
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_service_and_complaint_lines_due_and_overdue() {
        let as_of: NaiveDate = "2026-12-07".parse().unwrap();
        let records = agency_records(as_of);
        let rules: Vec<_> = records
            .iter()
            .flat_map(|r| r.deadlines(as_of))
            .map(|i| (i.rule, i.days_left < 0))
            .collect();
        assert!(rules.contains(&(Some("GOV-029"), true)), "{rules:?}");
        assert!(rules.contains(&(Some("GOV-029"), false)), "{rules:?}");
        assert!(rules.contains(&(Some("TRAIN-002"), false)), "{rules:?}");
        let complaints = complaints(as_of, &["Blaby".to_owned()], 7);
        let lines: Vec<_> = complaints
            .iter()
            .flat_map(|c| c.deadlines(as_of))
            .map(|i| (i.rule, i.days_left < 0))
            .collect();
        assert!(lines.contains(&(Some("CMPL-005"), true)), "{lines:?}");
        assert!(lines.contains(&(Some("CMPL-005"), false)), "{lines:?}");
        assert!(lines.contains(&(Some("CMPL-007"), false)), "{lines:?}");
        assert!(lines.contains(&(Some("CMPL-007"), true)), "{lines:?}");
    }
}
