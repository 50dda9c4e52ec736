//! The agency's own records and complaints on both backends: each rule
//! whose subject is the service (GOV-029, TRAIN-002) or a complaint
//! (CMPL-005, CMPL-007) starts from its event, shows on the worklist of
//! the person who must act with the subject's name, and clears when what
//! meets it is recorded; who may keep them; stale changes refused; every
//! change audited without the complainant's name.

use app::AppError;
use app::agency::{self, NewAgencyRecord};
use app::complaints as cmp;
use domain::access::User;
use domain::agency::records::AgencyRecordKind;
use domain::complaints::complaint::{NewComplaint, Stage2, StepDetails};
use domain::roles::Role;
use domain::subjects::{SubjectItem, SubjectKind};
use domain::time::parse_iso_date;
use store::{AuditFilter, AuditLog, Store};
use test_support::FixedClock;

fn d(s: &str) -> chrono::NaiveDate {
    parse_iso_date("test date", s).unwrap()
}

fn user(role: Role, team: Option<&str>) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: team.map(str::to_owned),
        worker_id: None,
    }
}

fn lines(store: &Store, who: &User, on: &str) -> Vec<SubjectItem> {
    app::subject_worklist(store, who, &FixedClock::on(on), None)
        .unwrap()
        .to_vec()
}

fn line<'a>(items: &'a [SubjectItem], rule: &str) -> Option<&'a SubjectItem> {
    items.iter().find(|i| i.rule == Some(rule))
}

fn audit_details(store: &Store, record_type: &str) -> Vec<(String, String)> {
    store
        .read(|tx| {
            tx.events(&AuditFilter {
                record_type: Some(record_type.into()),
                ..Default::default()
            })
        })
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.details))
        .collect()
}

fn publish(store: &Store, kind: AgencyRecordKind, team: &str, title: &str, on: &str) -> String {
    let new = NewAgencyRecord {
        kind,
        team: team.into(),
        title: title.into(),
        published: d(on),
    };
    let keeper = user(Role::ServiceManager, None);
    agency::publish_agency_record(store, &keeper, &FixedClock::on(on), new, "test").unwrap()
}

fn complaint(store: &Store, team: &str, on: &str) -> String {
    let new = NewComplaint {
        complainant: "Morgan Complainant".into(),
        complainant_is: "carer".into(),
        household: None,
        team: team.into(),
        received: d(on),
        ..NewComplaint::default()
    };
    let cm = user(Role::ComplaintsManager, None);
    cmp::receive_complaint(store, &cm, &FixedClock::on(on), new, "test").unwrap()
}

/// Records the next entry of agency record `id` on `on`, as the service manager.
fn entry(store: &Store, id: &str, on: &str) {
    let sm = user(Role::ServiceManager, None);
    let v = agency::agency_record(store, &sm, id).unwrap().version;
    agency::record_agency_entry(
        store,
        &sm,
        &FixedClock::on(on),
        (id, v),
        ("", d(on)),
        "test",
    )
    .unwrap();
}

/// The fostering service's calendar of `year` on `on`: the line of `kind`
/// kept by `team`.
fn owed(
    store: &Store,
    (year, on): (i32, &str),
    kind: AgencyRecordKind,
    team: &str,
) -> domain::agency::calendar::CalendarLine {
    let sm = user(Role::ServiceManager, None);
    agency::agency_calendar(store, &sm, &FixedClock::on(on), year..=year)
        .unwrap()
        .into_iter()
        .find(|l| l.kind == kind && l.team == team)
        .unwrap_or_else(|| panic!("no {kind:?} line for {team}"))
}

fn version_of(store: &Store, id: &str) -> i64 {
    let cm = user(Role::ComplaintsManager, None);
    cmp::open_complaint(store, &cm, &FixedClock::on("2025-01-01"), id, "test")
        .unwrap()
        .version
}

test_support::on_both_backends! {
    fn fost_037_a_team_managers_month_without_a_case_file_audit_is_non_compliant(db) {
        let store = &db.store;
        // The spec's Check: a team manager audits in January and March 2019, not February.
        let id = publish(store, AgencyRecordKind::CaseFileAudit, "Kinship", "Allocation audit", "2019-01-14");
        entry(store, &id, "2019-03-11");
        let line = owed(store, (2019, "2019-03-31"), AgencyRecordKind::CaseFileAudit, "Kinship");
        assert_eq!((line.rule, line.held, line.expected), ("FOST-037", 2, 12));
        assert_eq!(line.missing, vec!["February 2019".to_owned()]);
        // The month is missed once it has ended: April is still open on 30 April.
        assert_eq!(owed(store, (2019, "2019-04-30"), AgencyRecordKind::CaseFileAudit, "Kinship").missing.len(), 1);
        assert_eq!(owed(store, (2019, "2019-05-01"), AgencyRecordKind::CaseFileAudit, "Kinship").missing, vec!["February 2019".to_owned(), "April 2019".to_owned()]);
        // A service manager owes four themed audits a year: one held, three missed.
        let themed = publish(store, AgencyRecordKind::ThemedAudit, "Fostering", "Supervision", "2019-06-03");
        assert!(!owed(store, (2019, "2019-12-31"), AgencyRecordKind::ThemedAudit, "Fostering").non_compliant());
        let year_end = owed(store, (2019, "2020-01-01"), AgencyRecordKind::ThemedAudit, "Fostering");
        assert_eq!((year_end.held, year_end.expected), (1, 4));
        assert_eq!(year_end.missing, vec!["3 of 4 in 2019".to_owned()]);
        // Each audit recorded is audited, and only the keepers see the calendar.
        assert!(!themed.is_empty());
        assert_eq!(audit_details(store, "agency_record").iter().filter(|(a, _)| a == "agency_record.entry").count(), 1);
        let sw = user(Role::SocialWorker, Some("Kinship"));
        assert!(matches!(agency::agency_calendar(store, &sw, &FixedClock::on("2019-05-01"), 2019..=2019), Err(AppError::Forbidden(_))));
    }

    fn fost_038_a_calendar_year_without_the_foster_carer_survey_is_flagged_missing(db) {
        let store = &db.store;
        publish(store, AgencyRecordKind::FosterCarerSurvey, "Fostering", "Retention survey", "2018-10-15");
        let held = owed(store, (2018, "2019-01-02"), AgencyRecordKind::FosterCarerSurvey, "Fostering");
        assert_eq!((held.rule, held.held, held.non_compliant()), ("FOST-038", 1, false));
        // The spec's Check: no survey in 2019, so the survey is flagged missing once the year is out.
        assert!(!owed(store, (2019, "2019-12-31"), AgencyRecordKind::FosterCarerSurvey, "Fostering").non_compliant());
        let missed = owed(store, (2019, "2020-01-01"), AgencyRecordKind::FosterCarerSurvey, "Fostering");
        assert_eq!(missed.missing, vec!["1 of 1 in 2019".to_owned()]);
    }

    fn fost_045_one_annual_report_and_twelve_monthly_dmt_returns_are_owed_each_year(db) {
        let store = &db.store;
        // Before anything is recorded the service owes both, kept by the Fostering team.
        let nothing = owed(store, (2019, "2020-01-01"), AgencyRecordKind::DmtMonthlyReturn, "Fostering");
        assert_eq!((nothing.rule, nothing.expected, nothing.held, nothing.missing.len()), ("FOST-045", 12, 0, 12));
        let report = owed(store, (2019, "2020-01-01"), AgencyRecordKind::FosteringAnnualReport, "Fostering");
        assert_eq!((report.expected, report.missing.clone()), (1, vec!["1 of 1 in 2019".to_owned()]));
        // Returns in eleven months of 2019 (none in August) and the annual report.
        let id = publish(store, AgencyRecordKind::DmtMonthlyReturn, "Fostering", "", "2019-01-28");
        for m in ["02", "03", "04", "05", "06", "07", "09", "10", "11", "12"] {
            entry(store, &id, &format!("2019-{m}-25"));
        }
        publish(store, AgencyRecordKind::FosteringAnnualReport, "Fostering", "Fostering annual report 2018/19", "2019-09-10");
        let returns = owed(store, (2019, "2020-01-01"), AgencyRecordKind::DmtMonthlyReturn, "Fostering");
        assert_eq!((returns.held, returns.missing.clone()), (11, vec!["August 2019".to_owned()]));
        assert!(!owed(store, (2019, "2020-01-01"), AgencyRecordKind::FosteringAnnualReport, "Fostering").non_compliant());
        // 2020 owes its own: nothing is missed on its first day.
        assert!(!owed(store, (2020, "2020-01-01"), AgencyRecordKind::DmtMonthlyReturn, "Fostering").non_compliant());
    }

    fn gov_029_the_statement_of_purpose_review_is_due_a_year_after_the_last_on_the_service_managers_list(db) {
        let store = &db.store;
        let id = publish(store, AgencyRecordKind::AdoptionStatementOfPurpose, "Adoption", "", "2018-01-15");
        let sm = user(Role::ServiceManager, None);
        let keeper = agency::agency_record(store, &sm, &id).unwrap();
        agency::record_agency_entry(store, &sm, &FixedClock::on("2019-01-15"), (&id, keeper.version), ("", d("2019-01-15")), "test").unwrap();
        // The spec's Check: reviewed 2019-01-15, next due 2020-01-15.
        let items = lines(store, &sm, "2020-01-16");
        let due = line(&items, "GOV-029").expect("on the service manager's list");
        assert_eq!(due.due, d("2020-01-15"));
        assert!(due.days_left < 0);
        assert_eq!((due.subject.kind, due.subject.name.as_str()), (SubjectKind::Service, "Adoption Statement of Purpose"));
        // On the keeping team's manager's list too, not another team's.
        assert!(line(&lines(store, &user(Role::TeamManager, Some("Adoption")), "2020-01-16"), "GOV-029").is_some());
        assert!(line(&lines(store, &user(Role::TeamManager, Some("Blaby")), "2020-01-16"), "GOV-029").is_none());
        // A social worker keeps no agency record.
        let sw = user(Role::SocialWorker, Some("Adoption"));
        assert!(matches!(agency::agency_records(store, &sw), Err(AppError::Forbidden(_))));
        // A stale review is refused; the review held clears the line.
        let stale = agency::record_agency_entry(store, &sm, &FixedClock::on("2020-01-20"), (&id, keeper.version), ("", d("2020-01-20")), "test");
        assert!(matches!(stale, Err(AppError::Store(store::StoreError::Stale { .. }))), "{stale:?}");
        let now = agency::agency_record(store, &sm, &id).unwrap().version;
        agency::record_agency_entry(store, &sm, &FixedClock::on("2020-01-20"), (&id, now), ("", d("2020-01-20")), "test").unwrap();
        assert!(line(&lines(store, &sm, "2020-01-20"), "GOV-029").is_none());
        let audited = audit_details(store, "agency_record");
        assert_eq!(audited.iter().filter(|(a, _)| a == "agency_record.review").count(), 2);
    }

    fn train_002_a_free_online_course_is_replaced_twelve_weeks_after_publication(db) {
        let store = &db.store;
        let id = publish(store, AgencyRecordKind::FreeOnlineCourse, "Fostering", "Understanding trauma", "2025-04-07");
        // The spec's Check: published 2025-04-07, replacement due 2025-06-30,
        // on the Fostering team manager's list with the course's name.
        let tm = user(Role::TeamManager, Some("Fostering"));
        let items = lines(store, &tm, "2025-06-20");
        let due = line(&items, "TRAIN-002").expect("on the team manager's list");
        assert_eq!(due.due, d("2025-06-30"));
        assert_eq!(due.subject.name, "Free online course: Understanding trauma");
        // A replacement needs its title.
        let v = agency::agency_record(store, &tm, &id).unwrap().version;
        let untitled = agency::record_agency_entry(store, &tm, &FixedClock::on("2025-06-30"), (&id, v), ("", d("2025-06-30")), "test");
        assert!(matches!(untitled, Err(AppError::Invalid(ref m)) if m.contains("title")), "{untitled:?}");
        agency::record_agency_entry(store, &tm, &FixedClock::on("2025-06-30"), (&id, v), ("Online safety", d("2025-06-30")), "test").unwrap();
        assert!(line(&lines(store, &tm, "2025-06-30"), "TRAIN-002").is_none(), "cleared");
        // The replacement's own 12 weeks.
        let next = lines(store, &tm, "2025-09-15");
        let due = line(&next, "TRAIN-002").unwrap();
        assert_eq!((due.due, due.subject.name.as_str()), (d("2025-09-22"), "Free online course: Online safety"));
    }

    fn cmpl_005_a_stage_one_complaint_is_on_its_teams_managers_list_until_answered(db) {
        let store = &db.store;
        let id = complaint(store, "Blaby", "2025-03-03");
        let tm = user(Role::TeamManager, Some("Blaby"));
        // The spec's Check: received Monday 2025-03-03, due 2025-03-31.
        let items = lines(store, &tm, "2025-03-25");
        let due = line(&items, "CMPL-005").expect("on the team manager's list");
        assert_eq!(due.due, d("2025-03-31"));
        assert_eq!((due.subject.kind, due.subject.name.as_str()), (SubjectKind::Complaint, format!("Complaint {id} from Morgan Complainant").as_str()));
        assert!(line(&lines(store, &user(Role::ServiceManager, None), "2025-03-25"), "CMPL-005").is_some(), "and the service's");
        // Another team's manager neither sees it nor may open it (audited).
        let other = user(Role::TeamManager, Some("Melton"));
        assert!(line(&lines(store, &other, "2025-03-25"), "CMPL-005").is_none());
        assert!(matches!(cmp::open_complaint(store, &other, &FixedClock::on("2025-03-25"), &id, "test"), Err(AppError::Forbidden(_))));
        // A social worker cannot answer it; the team manager does.
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let clock = FixedClock::on("2025-03-28");
        assert!(matches!(cmp::take_complaint_step(store, &sw, &clock, (&id, 1), ("respond_stage_one", d("2025-03-28"), StepDetails::default()), "test"), Err(AppError::Forbidden(_))));
        cmp::take_complaint_step(store, &tm, &clock, (&id, version_of(store, &id)), ("respond_stage_one", d("2025-03-28"), StepDetails::default()), "test").unwrap();
        assert!(line(&lines(store, &tm, "2025-04-01"), "CMPL-005").is_none(), "answered: cleared");
        let audited = audit_details(store, "complaint");
        assert!(audited.iter().any(|(a, _)| a == "WF-CMPL.respond_stage_one"));
        assert!(audited.iter().any(|(a, _)| a == "view_complaint_denied"));
        assert!(audited.iter().all(|(_, details)| !details.contains("Morgan")), "no name in the audit trail");
    }

    fn cmpl_007_a_stage_two_investigation_is_due_in_65_working_days_and_met_by_the_adjudication(db) {
        let store = &db.store;
        let id = complaint(store, "Fostering", "2025-03-03");
        let cm = user(Role::ComplaintsManager, None);
        let clock = FixedClock::on("2025-04-01");
        // Stage 2 needs both investigators (CMPL-007).
        let alone = Stage2 { investigating_officer: "Ivy Investigator".into(), independent_person: " ".into() };
        let refused = cmp::take_complaint_step(store, &cm, &clock, (&id, version_of(store, &id)), ("request_stage_two", d("2025-04-01"), StepDetails { stage_two: Some(alone), ..StepDetails::default() }), "test");
        assert!(matches!(refused, Err(AppError::Invalid(ref m)) if m.contains("Independent Person")), "{refused:?}");
        let both = Stage2 { investigating_officer: "Ivy Investigator".into(), independent_person: "Ian Independent".into() };
        cmp::take_complaint_step(store, &cm, &clock, (&id, version_of(store, &id)), ("request_stage_two", d("2025-04-01"), StepDetails { stage_two: Some(both), ..StepDetails::default() }), "test").unwrap();
        // The spec's Check: Stage 2 from 2025-04-01 is due 2025-07-07, on the
        // service's list and the team's; Stage 1's clock is withdrawn.
        let hos = user(Role::HeadOfService, None);
        let items = lines(store, &hos, "2025-07-01");
        let due = line(&items, "CMPL-007").expect("on the head of service's list");
        assert_eq!(due.due, d("2025-07-07"));
        assert!(due.subject.name.starts_with(&format!("Complaint {id}")));
        assert!(line(&items, "CMPL-005").is_none());
        assert!(line(&lines(store, &user(Role::TeamManager, Some("Fostering")), "2025-07-01"), "CMPL-007").is_some());
        // Only the head of service adjudicates; that meets it.
        let adjudicate = |who: &User| cmp::take_complaint_step(store, who, &FixedClock::on("2025-07-02"), (&id, version_of(store, &id)), ("adjudicate", d("2025-07-02"), StepDetails::default()), "test");
        assert!(adjudicate(&cm).is_err());
        adjudicate(&hos).unwrap();
        assert!(line(&lines(store, &hos, "2025-07-08"), "CMPL-007").is_none());
        let audited = audit_details(store, "complaint");
        assert!(audited.iter().all(|(_, details)| !details.contains("Ivy") && !details.contains("Morgan")));
    }
}
