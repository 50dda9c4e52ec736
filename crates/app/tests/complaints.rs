//! Complaints from receipt to the Ombudsman, and the complaints year, on
//! both backends: where a complaint goes when it is received (CMPL-001 to
//! CMPL-004, CMPL-019, CMPL-020), the stages after Stage 1 (CMPL-006,
//! CMPL-008, CMPL-009), what closing asks (CMPL-011, CMPL-012, CMPL-014),
//! and what the committee receives (CMPL-010, CMPL-013, CMPL-015 to
//! CMPL-018, CMPL-021 to CMPL-023). Each through the use case a person
//! meets it in.

use app::AppError;
use app::complaints as cmp;
use domain::access::User;
use domain::complaints::annual::Demand;
use domain::complaints::complaint::{
    Closing, Costs, EARLY_REFERRAL, NewComplaint, OmbudsmanDecision, Outcome, Route, Stage2,
    StepDetails, System,
};
use domain::roles::Role;
use domain::subjects::SubjectItem;
use domain::time::parse_iso_date;
use store::Store;
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

fn cm() -> User {
    user(Role::ComplaintsManager, None)
}

/// A complaint about `team` received on `on`, about `subject`.
fn receive(store: &Store, team: &str, on: &str, subject: &str, safeguarding: bool) -> String {
    let new = NewComplaint {
        complainant: "Morgan Complainant".into(),
        complainant_is: "parent".into(),
        household: None,
        team: team.into(),
        received: d(on),
        subject: subject.into(),
        safeguarding,
    };
    cmp::receive_complaint(store, &cm(), &FixedClock::on(on), new, "test").unwrap()
}

/// Takes `name` on `on` as `who` with `details`.
fn step(
    store: &Store,
    who: &User,
    id: &str,
    (name, on): (&str, &str),
    details: StepDetails,
) -> Result<String, AppError> {
    let clock = FixedClock::on(on);
    let version = cmp::open_complaint(store, &cm(), &clock, id, "test")
        .unwrap()
        .version;
    cmp::take_complaint_step(
        store,
        who,
        &clock,
        (id, version),
        (name, d(on), details),
        "test",
    )
}

fn plain(store: &Store, id: &str, name: &str, on: &str) {
    let who = if name == "adjudicate" {
        user(Role::HeadOfService, None)
    } else {
        cm()
    };
    let mut details = StepDetails::default();
    if name == "request_stage_two" {
        details.stage_two = Some(Stage2 {
            investigating_officer: "Ivy Investigator".into(),
            independent_person: "Ian Independent".into(),
        });
    }
    step(store, &who, id, (name, on), details).unwrap();
}

fn closing(outcome: Outcome, cause: &str, redress: &str, costs: Costs) -> StepDetails {
    StepDetails {
        closing: Closing {
            outcome: Some(outcome),
            cause: cause.into(),
            redress: redress.into(),
            costs,
            ..Closing::default()
        },
        ..StepDetails::default()
    }
}

fn lines(store: &Store, on: &str) -> Vec<SubjectItem> {
    app::subject_worklist(
        store,
        &user(Role::ServiceManager, None),
        &FixedClock::on(on),
        None,
    )
    .unwrap()
    .to_vec()
}

fn has(items: &[SubjectItem], rule: &str, id: &str) -> bool {
    items
        .iter()
        .any(|i| i.rule == Some(rule) && i.subject.id == id)
}

fn year(store: &Store, fy: i32, service: Option<&str>) -> cmp::ComplaintsYear {
    cmp::complaints_year(
        store,
        &cm(),
        &FixedClock::on("2026-06-01"),
        (fy, service.map(str::to_owned)),
        "test",
    )
    .unwrap()
}

fn stage(store: &Store, id: &str) -> domain::complaints::complaint::Complaint {
    cmp::open_complaint(store, &cm(), &FixedClock::on("2026-06-01"), id, "test")
        .unwrap()
        .value
}

test_support::on_both_backends! {
    fn complaints_are_numbered_in_the_order_they_are_received(db) {
        let store = &db.store;
        let first = receive(store, "Blaby", "2025-05-01", "social_care", false);
        let second = receive(store, "Blaby", "2025-05-02", "social_care", false);
        let third = receive(store, "Hinckley", "2025-05-02", "other_service", false);
        assert_eq!([first, second, third], ["CMP00001", "CMP00002", "CMP00003"]);
    }

    fn cmpl_001_a_complaint_about_school_transport_is_corporate_and_left_out_of_the_annual_figures(db) {
        let store = &db.store;
        let ours = receive(store, "Blaby", "2025-05-01", "social_care", false);
        let transport = receive(store, "Blaby", "2025-05-02", "other_service", false);
        assert_eq!(stage(store, &transport).system(), System::Corporate);
        assert_eq!(stage(store, &ours).system(), System::ChildrensStatutory);
        let y = year(store, 2025, None);
        assert_eq!((y.figures.stage_one_received, y.figures.corporate_left_out), (1, 1));
    }

    fn cmpl_002_a_court_matter_is_not_accepted_with_its_letter_and_leaves_the_stage_one_clock(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2025-03-03", "court", false);
        assert!(has(&lines(store, "2025-03-25"), "CMPL-005", &id));
        let refused = step(store, &cm(), &id, ("redirect", "2025-03-04"), StepDetails::default());
        assert!(matches!(refused, Err(AppError::Invalid(ref m)) if m.contains("CMPL-002")), "{refused:?}");
        let c = stage(store, &id);
        let route = c.suggested_route().expect("a court matter is redirected");
        assert_eq!(route, Route::CourtMatter);
        step(store, &cm(), &id, ("redirect", "2025-03-04"), StepDetails { route: Some(route), ..StepDetails::default() }).unwrap();
        let c = stage(store, &id);
        assert_eq!((c.stage.as_str(), c.route.map(Route::label)), ("redirected", Some("Not accepted: court matter")));
        assert!(Route::CourtMatter.letter().contains("court"));
        assert!(!has(&lines(store, "2025-03-25"), "CMPL-005", &id));
        assert_eq!(year(store, 2024, None).figures.stage_one_received, 0, "not a Stage 1 complaint");
    }

    fn cmpl_003_a_safeguarding_concern_goes_to_first_response_before_any_acknowledgement(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2025-03-03", "social_care", true);
        let items = lines(store, "2025-03-03");
        assert!(has(&items, "CMPL-003", &id), "the referral is on the list the day it arrives");
        assert!(!has(&items, "CMPL-005", &id), "no Stage 1 clock starts");
        let c = stage(store, &id);
        assert_eq!(c.stage, "safeguarding");
        assert!(!c.moves(&cm()).iter().any(|m| m.name == "respond_stage_one"));
        step(store, &user(Role::TeamManager, Some("Blaby")), &id, ("refer_first_response", "2025-03-03"), StepDetails::default()).unwrap();
        assert!(!has(&lines(store, "2025-03-04"), "CMPL-003", &id));
    }

    fn cmpl_004_a_concern_resolved_locally_is_recorded_as_a_concern_not_a_stage_one_complaint(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2025-05-01", "", false);
        step(store, &user(Role::TeamManager, Some("Blaby")), &id, ("resolve_locally", "2025-05-02"), StepDetails::default()).unwrap();
        let c = stage(store, &id);
        assert_eq!((c.stage.as_str(), c.is_open()), ("concern", false));
        assert!(!has(&lines(store, "2025-05-25"), "CMPL-005", &id));
        assert_eq!(year(store, 2025, None).figures.stage_one_received, 0);
    }

    fn cmpl_006_after_stage_one_a_conciliation_meeting_may_come_before_the_stage_two_investigation(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2025-03-03", "", false);
        plain(store, &id, "respond_stage_one", "2025-03-20");
        let moves: Vec<&str> = stage(store, &id).moves(&cm()).iter().map(|t| t.name).collect();
        assert!(moves.contains(&"offer_conciliation") && moves.contains(&"request_stage_two"), "{moves:?}");
        plain(store, &id, "offer_conciliation", "2025-03-25");
        assert_eq!(stage(store, &id).stage_label(), "Conciliation meeting");
        plain(store, &id, "request_stage_two", "2025-04-10");
        assert_eq!(stage(store, &id).stage, "stage_two");
    }

    fn cmpl_008_a_stage_three_panel_is_scheduled_only_with_three_external_members(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2025-01-06", "", false);
        for (s, on) in [("respond_stage_one", "2025-01-20"), ("request_stage_two", "2025-02-03"), ("adjudicate", "2025-04-01")] {
            plain(store, &id, s, on);
        }
        let two = StepDetails { panel: vec!["Ann External".into(), "Bo External".into(), " ".into()], ..StepDetails::default() };
        let refused = step(store, &cm(), &id, ("request_stage_three", "2025-04-10"), two);
        assert!(matches!(refused, Err(AppError::Invalid(ref m)) if m.contains("3 external members")), "{refused:?}");
        let three = StepDetails { panel: vec!["Ann External".into(), "Bo External".into(), "Cy External".into()], ..StepDetails::default() };
        step(store, &cm(), &id, ("request_stage_three", "2025-04-10"), three).unwrap();
        assert_eq!(stage(store, &id).panel.len(), 3);
        plain(store, &id, "hold_panel", "2025-05-12");
        assert_eq!(stage(store, &id).stage_label(), "Stage 3 panel held");
        assert_eq!(year(store, 2025, None).figures.stage_three_received, 1);
    }

    fn cmpl_009_an_early_ombudsman_referral_is_recorded_with_a_warning_and_fault_needs_a_remedy(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2025-03-03", "", false);
        plain(store, &id, "refer_ombudsman", "2025-03-10");
        let c = stage(store, &id);
        let o = c.ombudsman.expect("recorded");
        assert!(o.early, "before Stage 2 completed");
        assert!(EARLY_REFERRAL.contains("may return it"));
        let fault = StepDetails { decision: Some(OmbudsmanDecision::FaultWithInjustice), ..StepDetails::default() };
        let refused = step(store, &cm(), &id, ("ombudsman_decides", "2025-06-01"), fault.clone());
        assert!(matches!(refused, Err(AppError::Invalid(ref m)) if m.contains("remedy")), "{refused:?}");
        step(store, &cm(), &id, ("ombudsman_decides", "2025-06-01"), StepDetails { remedy: "Apology and £250".into(), ..fault }).unwrap();
        step(store, &cm(), &id, ("close", "2025-06-02"), closing(Outcome::Upheld, "delay", "Apology given", Costs::default())).unwrap();
        assert_eq!(year(store, 2025, None).figures.ombudsman_fault, 1, "CMPL-021's Ombudsman findings");
    }

    fn cmpl_010_cmpl_015_costs_are_reported_by_type_rounded_up_to_ten_pounds_and_no_mediation_is_nil(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2025-04-07", "", false);
        plain(store, &id, "respond_stage_one", "2025-04-20");
        plain(store, &id, "request_stage_two", "2025-04-22");
        plain(store, &id, "adjudicate", "2025-06-30");
        let costs = Costs { stage_two: 123_450, ..Costs::default() };
        step(store, &cm(), &id, ("close", "2025-07-01"), closing(Outcome::NotUpheld, "decision", "", costs)).unwrap();
        let f = year(store, 2025, None).figures;
        assert_eq!((f.costs.stage_two, f.costs.mediation), (124_000, 0));
        assert!(f.lines().contains(&("Cost: Mediation".to_owned(), "£0.00".to_owned())));
    }

    fn cmpl_011_cmpl_012_closing_needs_an_outcome_and_a_cause_and_no_finding_is_reported_apart(db) {
        let store = &db.store;
        let a = receive(store, "Blaby", "2025-04-07", "", false);
        let b = receive(store, "Blaby", "2025-04-08", "", false);
        for id in [&a, &b] {
            plain(store, id, "respond_stage_one", "2025-04-20");
        }
        let blank = step(store, &cm(), &a, ("close", "2025-04-21"), StepDetails::default());
        assert!(matches!(blank, Err(AppError::Invalid(ref m)) if m.contains("CMPL-011")), "{blank:?}");
        let no_cause = step(store, &cm(), &a, ("close", "2025-04-21"), closing(Outcome::NoFinding, "", "", Costs::default()));
        assert!(matches!(no_cause, Err(AppError::Invalid(ref m)) if m.contains("CMPL-012")), "{no_cause:?}");
        step(store, &cm(), &a, ("close", "2025-04-21"), closing(Outcome::NoFinding, "workers", "", Costs::default())).unwrap();
        step(store, &cm(), &b, ("close", "2025-04-21"), closing(Outcome::NotUpheld, "workers", "", Costs::default())).unwrap();
        let f = year(store, 2025, None).figures;
        let count = |o: Outcome| f.outcomes.iter().find(|(l, _)| *l == o.label()).unwrap().1;
        assert_eq!((count(Outcome::NoFinding), count(Outcome::NotUpheld)), (1, 1));
        assert_eq!(f.causes, vec![("Difficulty contacting allocated workers", 2)]);
    }

    fn cmpl_013_received_volumes_count_by_the_date_received_and_speed_by_the_date_resolved(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2019-03-20", "", false);
        plain(store, &id, "respond_stage_one", "2019-04-10");
        step(store, &cm(), &id, ("close", "2019-04-15"), closing(Outcome::NotUpheld, "delay", "", Costs::default())).unwrap();
        let (y18, y19) = (year(store, 2018, None).figures, year(store, 2019, None).figures);
        assert_eq!((y18.stage_one_received, y18.resolved), (1, 0));
        assert_eq!((y19.stage_one_received, y19.resolved, y19.stage_one_in_time), (0, 1, 1));
    }

    fn cmpl_014_fault_found_needs_a_remedy_before_closure_and_the_wider_action_share_is_reported(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2025-04-07", "", false);
        plain(store, &id, "respond_stage_one", "2025-04-20");
        let bare = step(store, &cm(), &id, ("close", "2025-04-21"), closing(Outcome::PartlyUpheld, "delay", "", Costs::default()));
        assert!(matches!(bare, Err(AppError::Invalid(ref m)) if m.contains("CMPL-014")), "{bare:?}");
        let mut with = closing(Outcome::PartlyUpheld, "delay", "Apology given", Costs::default());
        with.closing.wider_action = "Team training on timescales".into();
        step(store, &cm(), &id, ("close", "2025-04-21"), with).unwrap();
        let f = year(store, 2025, None).figures;
        assert_eq!((f.fault_found, f.wider_action), (1, 1));
    }

    fn cmpl_016_a_compliment_is_tagged_with_its_team(db) {
        let store = &db.store;
        let clock = FixedClock::on("2025-06-02");
        let untagged = cmp::record_compliment(store, &cm(), &clock, (d("2025-06-02"), "", "Thank you"), "test");
        assert!(matches!(untagged, Err(AppError::Invalid(ref m)) if m.contains("team")), "{untagged:?}");
        cmp::record_compliment(store, &cm(), &clock, (d("2025-06-02"), "ADOPTION TEAM", "Thank you"), "test").unwrap();
        let y = year(store, 2025, None);
        assert_eq!(y.figures.compliments, vec![("ADOPTION TEAM".to_owned(), 1)]);
        assert_eq!(y.compliments[0].summary, "Thank you");
    }

    fn cmpl_017_the_year_has_four_quarterly_reports_and_one_annual_report(db) {
        let y = year(&db.store, 2025, None);
        assert_eq!(y.calendar.iter().filter(|(_, l)| l.contains("report to the department")).count(), 4);
        assert_eq!(y.calendar.iter().filter(|(_, l)| l.starts_with("Annual report 2025-26")).count(), 1);
    }

    fn cmpl_018_a_recurring_theme_is_saved_only_with_its_action_and_review_date(db) {
        let store = &db.store;
        let clock = FixedClock::on("2019-05-01");
        let theme = "Speed of progressing support for post adopters";
        let no_action = cmp::record_theme(store, &cm(), &clock, (d("2019-05-01"), Some(d("2019-11-01"))), (theme, "Head of Service", ""), "test");
        assert!(matches!(no_action, Err(AppError::Invalid(ref m)) if m.contains("action")), "{no_action:?}");
        let no_review = cmp::record_theme(store, &cm(), &clock, (d("2019-05-01"), None), (theme, "Head of Service", "ASF assessments to the Adoption service"), "test");
        assert!(matches!(no_review, Err(AppError::Invalid(ref m)) if m.contains("review")), "{no_review:?}");
        cmp::record_theme(store, &cm(), &clock, (d("2019-05-01"), Some(d("2019-11-01"))), (theme, "Head of Service", "ASF assessments to the Adoption service"), "test").unwrap();
        assert_eq!(year(store, 2019, None).themes.len(), 1);
    }

    fn cmpl_019_no_further_action_by_first_response_needs_the_date_the_complainant_was_told(db) {
        let store = &db.store;
        let id = receive(store, "Blaby", "2025-03-03", "", true);
        plain(store, &id, "refer_first_response", "2025-03-03");
        let untold = step(store, &cm(), &id, ("record_nfa", "2025-03-10"), StepDetails::default());
        assert!(matches!(untold, Err(AppError::Invalid(ref m)) if m.contains("CMPL-019")), "{untold:?}");
        step(store, &cm(), &id, ("record_nfa", "2025-03-10"), StepDetails { informed: Some(d("2025-03-11")), ..StepDetails::default() }).unwrap();
        assert_eq!(stage(store, &id).informed, Some(d("2025-03-11")));
    }

    fn cmpl_020_a_complaint_about_being_refused_approval_as_an_adopter_is_pointed_to_the_irm(db) {
        let store = &db.store;
        let id = receive(store, "Adoption", "2025-03-03", "adopter_approval", false);
        let c = stage(store, &id);
        assert_eq!(c.suggested_route(), Some(Route::Irm));
        assert!(Route::Irm.letter().contains("Independent Review Mechanism"));
    }

    fn cmpl_021_cmpl_023_a_published_report_is_corrected_with_a_change_log_and_set_against_referrals(db) {
        let store = &db.store;
        let clock = FixedClock::on("2026-06-01");
        receive(store, "Blaby", "2025-05-01", "", false);
        receive(store, "Blaby", "2025-05-02", "", false);
        let demand = Demand { referrals: 78, single_assessments: 60, children_in_care: 40, cp_plans: 20 };
        let v1 = cmp::publish_complaints_report(store, &cm(), &clock, (2025, 0), (demand, ""), "test").unwrap();
        assert_eq!(v1, 1);
        // Only the Complaints Manager publishes; a stale version is refused.
        assert!(matches!(cmp::publish_complaints_report(store, &user(Role::ServiceManager, None), &clock, (2025, 1), (demand, "x"), "test"), Err(AppError::Forbidden(_))));
        assert!(cmp::publish_complaints_report(store, &cm(), &clock, (2025, 0), (demand, "x"), "test").is_err());
        let corrected = Demand { referrals: 80, ..demand };
        let no_note = cmp::publish_complaints_report(store, &cm(), &clock, (2025, 1), (corrected, " "), "test");
        assert!(matches!(no_note, Err(AppError::Invalid(ref m)) if m.contains("CMPL-021")), "{no_note:?}");
        receive(store, "Blaby", "2025-05-03", "", false);
        cmp::publish_complaints_report(store, &cm(), &clock, (2025, 1), (corrected, "Corrected referrals and a late complaint"), "test").unwrap();
        let y = year(store, 2025, None);
        let report = y.report.expect("published").value;
        assert_eq!(report.versions.len(), 2, "both versions kept");
        let changes = report.changes(2);
        assert!(changes.contains(&"Stage 1 complaints received: 2 → 3".to_owned()), "{changes:?}");
        // CMPL-023: 3 of 80 referrals is 3.75%, shown 3.8%.
        assert_eq!(y.figures.per_referral, Some(375));
        assert!(changes.iter().any(|c| c.starts_with("Stage 1 complaints as a share of referrals")), "{changes:?}");
    }

    fn cmpl_022_the_figures_are_reported_by_service(db) {
        let store = &db.store;
        for team in ["SENA", "SENA", "Blaby"] {
            receive(store, team, "2025-05-01", "", false);
        }
        assert_eq!(year(store, 2025, Some("SENA")).figures.stage_one_received, 2);
        assert_eq!(year(store, 2025, None).figures.by_service, vec![("Blaby".to_owned(), 1), ("SENA".to_owned(), 2)]);
        // A team manager sees only their own team's figures.
        let tm = user(Role::TeamManager, Some("Blaby"));
        let theirs = cmp::complaints_year(store, &tm, &FixedClock::on("2026-06-01"), (2025, None), "test").unwrap();
        assert_eq!(theirs.figures.stage_one_received, 1);
    }

    fn adopt_058_an_adoption_complaints_first_action_is_the_team_managers_meeting_offered(db) {
        let store = &db.store;
        let id = receive(store, "Adoption", "2025-03-03", "adoption", false);
        let tm = user(Role::TeamManager, Some("Adoption"));
        let answered = step(store, &cm(), &id, ("respond_stage_one", "2025-03-04"), StepDetails::default());
        assert!(matches!(answered, Err(AppError::Invalid(ref m)) if m.contains("ADOPT-058")), "{answered:?}");
        let moves: Vec<&str> = stage(store, &id).moves(&tm).iter().map(|t| t.name).collect();
        assert!(moves.contains(&"offer_tm_meeting") && !moves.contains(&"respond_stage_one"), "{moves:?}");
        step(store, &tm, &id, ("offer_tm_meeting", "2025-03-03"), StepDetails::default()).unwrap();
        assert_eq!(stage(store, &id).tm_meeting_offered, Some(d("2025-03-03")));
        let again = step(store, &tm, &id, ("offer_tm_meeting", "2025-03-04"), StepDetails::default());
        assert!(again.is_err(), "offered once");
        plain(store, &id, "respond_stage_one", "2025-03-05");
        // Other complaints need no such meeting.
        let other = receive(store, "Blaby", "2025-03-03", "social_care", false);
        plain(store, &other, "respond_stage_one", "2025-03-04");
    }
}
