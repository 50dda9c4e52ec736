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
use domain::codes::Sex;
use domain::complaints::annual::{COMPLIMENT_TEAMS, Compliment, Theme};
use domain::complaints::complaint::{
    CAUSES, COMPLAINANTS, Closing, Complaint, Costs, NewComplaint, OmbudsmanDecision, Outcome,
    Stage2, StepDetails,
};
use domain::contact::adoption_services::{NewRequest, RequestKind, ServiceRequest};
use domain::contact::missing_figures::{Category, Notification};
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

/// What the demo records at a step: the Stage 2 investigators, a Stage 3
/// panel, a route out, the Ombudsman's decision, a closing.
fn demo_details(c: &Complaint, step: &str, date: NaiveDate, n: usize) -> StepDetails {
    let mut details = StepDetails::default();
    match step {
        "request_stage_two" => {
            details.stage_two = Some(Stage2 {
                investigating_officer: "Managed service investigator".into(),
                independent_person: "Managed service independent person".into(),
            })
        }
        "request_stage_three" => {
            details.panel = [
                "Panel chair (external)",
                "Panel member (external)",
                "Panel member (external, care-experienced)",
            ]
            .map(String::from)
            .to_vec()
        }
        "redirect" => details.route = c.suggested_route(),
        "record_nfa" => details.informed = Some(date),
        "ombudsman_decides" => {
            details.decision = Some(OmbudsmanDecision::FaultWithInjustice);
            details.remedy = "Apology and a payment for time and trouble".into();
        }
        "close" => {
            let outcome = Outcome::ALL[n % Outcome::ALL.len()];
            details.closing = Closing {
                outcome: Some(outcome),
                cause: CAUSES[n % CAUSES.len()].0.to_owned(),
                redress: if outcome.fault_found() {
                    "Apology given and the overdue assessment completed".into()
                } else {
                    String::new()
                },
                wider_action: if n.is_multiple_of(2) {
                    "Reminder to the team on telling families decisions promptly".into()
                } else {
                    String::new()
                },
                costs: Costs {
                    stage_two: if c.stage_two.is_some() { 123_450 } else { 0 },
                    financial_redress: if c.ombudsman.is_some() { 25_000 } else { 0 },
                    ..Costs::default()
                },
                closed: None,
            };
        }
        _ => {}
    }
    details
}

/// Complaints on `as_of` about `teams` (the children's teams) and the
/// carers' teams in every state: at Stage 1 (some overdue, CMPL-005), with
/// an agreed extension, in conciliation, at Stage 2 (CMPL-007), at Stage 3,
/// with the Ombudsman, closed with their outcomes and costs, a safeguarding
/// concern to refer (CMPL-003), one referred and closed with no further
/// action, a concern resolved locally and a corporate complaint redirected.
pub fn complaints(as_of: NaiveDate, teams: &[String], seed: u64) -> Vec<Complaint> {
    let mut rng = Rng::new(seed ^ 0x434d_504c);
    let mut about: Vec<String> = teams.iter().take(3).cloned().collect();
    about.extend(CARER_TEAMS.iter().take(2).map(|t| (*t).to_owned()));
    // Received this many days ago, what about (and safeguarding), then the
    // steps taken (step, days ago).
    type Plan = (u64, (&'static str, bool), &'static [(&'static str, u64)]);
    let plan: [Plan; 17] = [
        (5, ("", false), &[]),
        (12, ("", false), &[]),
        (24, ("", false), &[]),
        (40, ("", false), &[]),
        (30, ("", false), &[("agree_extension", 20)]),
        (20, ("", false), &[("respond_stage_one", 6)]),
        (
            60,
            ("", false),
            &[("respond_stage_one", 40), ("request_stage_two", 30)],
        ),
        (
            150,
            ("", false),
            &[("respond_stage_one", 125), ("request_stage_two", 120)],
        ),
        (0, ("", true), &[]),
        (
            50,
            ("", true),
            &[("refer_first_response", 50), ("record_nfa", 40)],
        ),
        (70, ("other_service", false), &[("redirect", 65)]),
        (45, ("", false), &[("resolve_locally", 44)]),
        (
            200,
            ("", false),
            &[("respond_stage_one", 180), ("close", 175)],
        ),
        (
            300,
            ("", false),
            &[
                ("respond_stage_one", 280),
                ("request_stage_two", 270),
                ("adjudicate", 200),
                ("close", 190),
            ],
        ),
        (
            320,
            ("", false),
            &[
                ("respond_stage_one", 300),
                ("request_stage_two", 290),
                ("adjudicate", 220),
                ("request_stage_three", 210),
                ("hold_panel", 180),
            ],
        ),
        (
            400,
            ("", false),
            &[
                ("respond_stage_one", 380),
                ("request_stage_two", 370),
                ("adjudicate", 300),
                ("refer_ombudsman", 290),
                ("ombudsman_decides", 200),
            ],
        ),
        (
            60,
            ("", false),
            &[("respond_stage_one", 40), ("offer_conciliation", 35)],
        ),
    ];
    plan.iter()
        .enumerate()
        .map(|(n, (received, (subject, safeguarding), steps))| {
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
                subject: (*subject).to_owned(),
                safeguarding: *safeguarding,
            };
            let mut c = Complaint::receive(format!("CMP{:05}", n + 1), new, as_of)
                .expect("a demo complaint is valid");
            for (step, days) in *steps {
                let taker = User {
                    username: "demo".into(),
                    display_name: "Demo".into(),
                    role: if *step == "adjudicate" {
                        Role::HeadOfService
                    } else {
                        Role::ComplaintsManager
                    },
                    team: None,
                    worker_id: None,
                };
                let date = ago(as_of, *days);
                let details = demo_details(&c, step, date, n);
                c.take(&taker, step, date, as_of, details)
                    .expect("a demo step follows WF-CMPL");
            }
            c
        })
        .collect()
}

/// Compliments about the teams and recurring themes with their actions
/// (CMPL-016, CMPL-018) on `as_of`.
pub fn compliments_and_themes(as_of: NaiveDate) -> (Vec<Compliment>, Vec<Theme>) {
    let said = [
        "Thanked the social worker for keeping them informed at every step",
        "Said the panel made them feel listened to",
        "Praised the support after the placement began",
        "Thanked the team for the life story book",
    ];
    let compliments = (0..8)
        .map(|n| {
            Compliment::new(
                format!("CPL{:05}", n + 1),
                ago(as_of, 20 + 37 * n as u64),
                COMPLIMENT_TEAMS[n % COMPLIMENT_TEAMS.len()],
                said[n % said.len()],
                as_of,
            )
            .expect("a demo compliment is valid")
        })
        .collect();
    let themes = vec![
        Theme::new(
            "THM00001".into(),
            ago(as_of, 120),
            (
                "Speed of progressing support for post adopters",
                "Head of Service, Adoption",
                "ASF assessments moved to the Adoption service with dedicated Business Support",
            ),
            Some(ago(as_of, 120) + Days::new(180)),
        )
        .expect("a demo theme is valid"),
        Theme::new(
            "THM00002".into(),
            ago(as_of, 60),
            (
                "Delays telling families the outcome of decisions, particularly no further action",
                "Head of Service, First Response",
                "First Response gives outcomes and single assessments to families; team managers audit",
            ),
            Some(ago(as_of, 60) + Days::new(90)),
        )
        .expect("a demo theme is valid"),
    ];
    (compliments, themes)
}

/// Adopted adults' requests on `as_of` (CONT-014 … CONT-016): birth
/// records counselling open and allocated, intermediary advice signposted,
/// and the Contact Register's advice sent.
pub fn adoption_service_requests(as_of: NaiveDate) -> Vec<ServiceRequest> {
    let plan: [(RequestKind, &str, u64, Option<&str>); 4] = [
        (RequestKind::BirthRecords, "adopted_adult", 6, None),
        (
            RequestKind::BirthRecords,
            "adopted_adult",
            40,
            Some("counsellor_allocated"),
        ),
        (
            RequestKind::Intermediary,
            "adult_relative",
            25,
            Some("signposted"),
        ),
        (
            RequestKind::ContactRegister,
            "adopted_adult",
            12,
            Some("advice_sent"),
        ),
    ];
    plan.iter()
        .enumerate()
        .map(|(n, (kind, who, days, outcome))| {
            let received = ago(as_of, *days);
            let new = NewRequest {
                kind: Some(*kind),
                requester: format!(
                    "{} {}",
                    GIVEN_FEMALE[n % GIVEN_FEMALE.len()],
                    FAMILY[(n * 7) % FAMILY.len()]
                ),
                requester_is: (*who).to_owned(),
                received,
                born: Some(ago(received, 365 * (25 + n as u64 * 6))),
                ..NewRequest::default()
            };
            let mut r = ServiceRequest::receive(format!("ASR{:05}", n + 1), new, as_of)
                .expect("a demo request is valid");
            if let Some(o) = outcome {
                r.close(received + Days::new(3), o, as_of)
                    .expect("a demo outcome is valid");
            }
            r
        })
        .collect()
}

/// Notifications of children the council does not look after going
/// missing this year and last (MISS-005, MISS-008).
pub fn missing_notifications(as_of: NaiveDate) -> Vec<Notification> {
    (0..24u64)
        .map(|n| {
            let category = if n % 3 == 0 {
                Category::NotLookedAfter
            } else {
                Category::OutOfAreaLac
            };
            let authority = if category == Category::OutOfAreaLac {
                ["Nottingham City", "Birmingham", "Derby City"][(n % 3) as usize]
            } else {
                ""
            };
            let sex = if n % 2 == 0 { Sex::Female } else { Sex::Male };
            Notification::new(
                format!("MN{:05}", n + 1),
                (&format!("LP-{:04}", 100 + n % 9), category, sex),
                ago(as_of, 5 + 17 * n),
                authority,
                as_of,
            )
            .expect("a demo notification is valid")
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
        assert!(lines.contains(&(Some("CMPL-003"), false)), "{lines:?}");
        let stages: Vec<&str> = complaints.iter().map(|c| c.stage.as_str()).collect();
        for state in domain::complaints::complaint::CMPL.states {
            let skipped = [
                "withdrawn",
                "refused",
                "stage_three",
                "ombudsman",
                "referred",
                "adjudicated",
            ];
            assert!(
                skipped.contains(&state.code) || stages.contains(&state.code),
                "{} {stages:?}",
                state.code
            );
        }
        let (compliments, themes) = compliments_and_themes(as_of);
        assert_eq!((compliments.len(), themes.len()), (8, 2));
        let requests = adoption_service_requests(as_of);
        assert!(requests.iter().any(|r| r.is_open()) && requests.iter().any(|r| !r.is_open()));
        assert_eq!(missing_notifications(as_of).len(), 24);
    }
}
