//! Adoption use cases on both backends: adopters from enquiry to approval
//! (WF-ADOPTER), each step's own rule refusing what it lacks with nothing
//! changed, and each timescale appearing on the worklist of the person who
//! must act and clearing when the step is taken.

use app::AppError;
use app::adoption::{self as adoption, StepDetails};
use app::households::{self as hh, NewCheck, NewHousehold};
use domain::access::User;
use domain::adoption::adopters::{
    AdmOutcome, ApprovalTerms, ClosureReason, DelayReason, Need, PanelOutcome,
};
use domain::households::checks::CheckKind;
use domain::households::lifecycle::RoleKind;
use domain::households::person::NewPerson;
use domain::roles::Role;
use domain::subjects::SubjectItem;
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

fn asw() -> User {
    user(Role::AssessingSocialWorker, Some("Adoption"))
}

fn adm() -> User {
    user(Role::AgencyDecisionMaker, None)
}

fn adviser() -> User {
    user(Role::PanelAdviser, None)
}

fn version(store: &Store, id: &str) -> i64 {
    use store::HouseholdRepository;
    store.read(|tx| tx.household(id)).unwrap().unwrap().version
}

/// The Adoption team's household of two applicants (worker `worker`),
/// whose enquiry came in on `on` (information event a fortnight on).
fn enquiry(store: &Store, worker: Option<&str>, on: &str) -> (String, String) {
    let clock = FixedClock::on(on);
    let new = NewHousehold {
        name: "The Rule family".into(),
        team: "Adoption".into(),
        worker: worker.map(str::to_owned),
        ..Default::default()
    };
    let id = hh::add_household(store, &asw(), &clock, new, "test").unwrap();
    for name in ["Ada Rule", "Ben Rule"] {
        let person = NewPerson {
            name: name.into(),
            relationship: "applicant".into(),
            date_of_birth: Some(d("1985-05-01")),
            ..Default::default()
        };
        let v = version(store, &id);
        hh::add_member(store, &asw(), &clock, (&id, v), person, "test").unwrap();
    }
    let v = version(store, &id);
    let role = adoption::record_enquiry(
        store,
        &asw(),
        &clock,
        (&id, v),
        (d(on), d(on) + chrono::Days::new(14), None),
        "test",
    )
    .unwrap();
    (id, role)
}

/// Records every Stage One check of both applicants on `on`.
fn checks_done(store: &Store, id: &str, on: &str) {
    let clock = FixedClock::on(on);
    for person in ["P1", "P2"] {
        for kind in CheckKind::ALL {
            let check = NewCheck {
                person_id: format!("{id}-{person}"),
                kind,
                done: d(on),
                expires: None,
            };
            let v = version(store, id);
            hh::record_check(store, &asw(), &clock, (id, v), check, "test").unwrap();
        }
    }
}

fn step(
    store: &Store,
    who: &User,
    (id, role): (&str, &str),
    (name, on): (&str, &str),
    details: StepDetails,
) -> Result<String, AppError> {
    let v = version(store, id);
    adoption::take_adopter_step(
        store,
        who,
        &FixedClock::on(on),
        (id, v),
        (role, name, d(on)),
        details,
        "test",
    )
}

fn plain(store: &Store, who: &User, at: (&str, &str), (name, on): (&str, &str)) {
    step(store, who, at, (name, on), StepDetails::default())
        .unwrap_or_else(|e| panic!("{name} on {on}: {e}"));
}

fn par(on: &str) -> StepDetails {
    StepDetails {
        par_received: Some(d(on)),
        ..Default::default()
    }
}

fn suitable() -> StepDetails {
    StepDetails {
        recommendation: Some(PanelOutcome::Suitable),
        ..Default::default()
    }
}

fn terms() -> StepDetails {
    StepDetails {
        terms: Some(ApprovalTerms::new((0, 4), 2, true, vec![Need::Health]).unwrap()),
        ..Default::default()
    }
}

/// Enquiry on 2025-01-06 to the panel's recommendation on 2025-06-02.
fn to_adm(store: &Store) -> (String, String) {
    let (id, role) = enquiry(store, Some("SW9"), "2025-01-06");
    let at = (id.as_str(), role.as_str());
    plain(store, &asw(), at, ("visit", "2025-01-13"));
    plain(store, &asw(), at, ("register", "2025-01-20"));
    checks_done(store, &id, "2025-03-03");
    plain(store, &asw(), at, ("complete_stage_one", "2025-03-10"));
    plain(store, &asw(), at, ("start_stage_two", "2025-03-17"));
    step(
        store,
        &asw(),
        at,
        ("complete_stage_two", "2025-05-12"),
        par("2025-05-09"),
    )
    .unwrap();
    step(
        store,
        &adviser(),
        at,
        ("recommend", "2025-06-02"),
        suitable(),
    )
    .unwrap();
    (id, role)
}

fn worklist(store: &Store, who: &User, on: &str) -> Vec<SubjectItem> {
    app::subject_worklist(store, who, &FixedClock::on(on), None)
        .unwrap()
        .to_vec()
}

fn has(items: &[SubjectItem], rule: &str, due: &str) -> bool {
    items.iter().any(|i| {
        i.rule == Some(rule) && i.due == d(due) && i.subject.name.starts_with("The Rule family")
    })
}

fn lists(store: &Store, who: &User, on: &str, rule: &str) -> bool {
    worklist(store, who, on)
        .iter()
        .any(|i| i.rule == Some(rule))
}

fn case(store: &Store, (id, role): (&str, &str)) -> adoption::AdopterView {
    adoption::open_adopter(
        store,
        &asw(),
        &FixedClock::on("2026-01-05"),
        (id, role),
        "test",
    )
    .unwrap()
}

fn role_stage(view: &adoption::AdopterView) -> String {
    let h = &view.household.value;
    h.roles
        .iter()
        .find(|r| r.id == view.role_id)
        .unwrap()
        .stage
        .clone()
}

test_support::on_both_backends! {
    fn adopt_027_an_enquiry_carries_the_next_information_event(db) {
        let store = &db.store;
        let (id, role) = enquiry(store, Some("SW9"), "2025-02-03");
        let view = case(store, (&id, &role));
        let e = view.case.enquiry.clone().unwrap();
        assert_eq!((e.received, e.next_event), (d("2025-02-03"), d("2025-02-17")));
        assert_eq!(role_stage(&view), "enquiry");
        // An event before the enquiry is refused, nothing changed.
        let v = version(store, &id);
        let err = adoption::record_enquiry(store, &asw(), &FixedClock::on("2025-02-03"), (&id, v), (d("2025-02-03"), d("2025-01-30"), None), "test").unwrap_err();
        assert!(err.to_string().contains("information event"), "{err}");
        assert_eq!(version(store, &id), v);
        let events = store.read(|tx| tx.events(&AuditFilter { action: Some("WF-ADOPTER.enquiry".into()), ..Default::default() })).unwrap();
        assert_eq!(events.len(), 1);
        assert!(!events[0].details.contains("Rule"), "no names in the audit trail");
    }

    fn adopt_028_the_registration_of_interest_starts_stage_one_on_its_date(db) {
        let store = &db.store;
        let (id, role) = enquiry(store, Some("SW9"), "2025-02-24");
        let at = (id.as_str(), role.as_str());
        plain(store, &asw(), at, ("visit", "2025-03-03"));
        plain(store, &asw(), at, ("register", "2025-03-10"));
        assert_eq!(role_stage(&case(store, at)), "stage_one");
        // Stage One's two months count from the ROI's date.
        assert!(has(&worklist(store, &asw(), "2025-05-01"), "ADOPT-029", "2025-05-10"));
    }

    fn adopt_029_stage_one_cannot_end_with_a_check_missing_and_its_deadline_clears_when_it_does(db) {
        let store = &db.store;
        let (id, role) = enquiry(store, Some("SW9"), "2025-01-06");
        let at = (id.as_str(), role.as_str());
        plain(store, &asw(), at, ("visit", "2025-01-13"));
        plain(store, &asw(), at, ("register", "2025-01-31"));
        assert!(has(&worklist(store, &asw(), "2025-03-20"), "ADOPT-029", "2025-03-31"));
        let v = version(store, &id);
        let err = step(store, &asw(), at, ("complete_stage_one", "2025-03-24"), StepDetails::default()).unwrap_err();
        assert!(err.to_string().contains("DBS check of Ada Rule"), "{err}");
        assert_eq!(version(store, &id), v, "nothing changed");
        checks_done(store, &id, "2025-03-21");
        plain(store, &asw(), at, ("complete_stage_one", "2025-03-24"));
        assert!(!lists(store, &asw(), "2025-03-25", "ADOPT-029"));
    }

    fn adopt_030_stage_two_goes_to_panel_only_with_the_par(db) {
        let store = &db.store;
        let (id, role) = enquiry(store, Some("SW9"), "2024-08-01");
        let at = (id.as_str(), role.as_str());
        plain(store, &asw(), at, ("visit", "2024-08-05"));
        plain(store, &asw(), at, ("register", "2024-08-12"));
        checks_done(store, &id, "2024-08-30");
        plain(store, &asw(), at, ("complete_stage_one", "2024-08-30"));
        plain(store, &asw(), at, ("start_stage_two", "2024-09-02"));
        assert!(has(&worklist(store, &asw(), "2024-12-20"), "ADOPT-030", "2025-01-02"));
        let err = step(store, &asw(), at, ("complete_stage_two", "2024-12-20"), StepDetails::default()).unwrap_err();
        assert!(err.to_string().contains("PAR"), "{err}");
        let err = step(store, &asw(), at, ("complete_stage_two", "2024-12-20"), par("2024-12-23")).unwrap_err();
        assert!(err.to_string().contains("PAR date"), "{err}");
        step(store, &asw(), at, ("complete_stage_two", "2024-12-20"), par("2024-12-18")).unwrap();
        assert!(!lists(store, &asw(), "2024-12-21", "ADOPT-030"));
        assert_eq!(case(store, at).case.par_received, Some(d("2024-12-18")));
    }

    fn adopt_031_an_assessment_past_six_months_needs_the_reason_for_its_delay(db) {
        let store = &db.store;
        let (id, role) = enquiry(store, Some("SW9"), "2024-03-04");
        let at = (id.as_str(), role.as_str());
        plain(store, &asw(), at, ("visit", "2024-03-11"));
        plain(store, &asw(), at, ("register", "2024-04-01"));
        assert!(has(&worklist(store, &asw(), "2024-09-20"), "ADOPT-031", "2024-10-01"));
        checks_done(store, &id, "2024-09-30");
        plain(store, &asw(), at, ("complete_stage_one", "2024-09-30"));
        plain(store, &asw(), at, ("start_stage_two", "2024-10-14"));
        let err = step(store, &asw(), at, ("complete_stage_two", "2025-04-25"), par("2025-04-22")).unwrap_err();
        assert!(err.to_string().contains("ADOPT-031"), "{err}");
        let late = StepDetails { delay_reason: Some(DelayReason::OutsideAgencies), ..par("2025-04-22") };
        step(store, &asw(), at, ("complete_stage_two", "2025-04-25"), late).unwrap();
        assert_eq!(case(store, at).case.delay_reason, Some(DelayReason::OutsideAgencies));
    }

    fn adopt_033_the_decision_needs_the_panels_recommendation_and_is_due_in_seven_working_days(db) {
        let store = &db.store;
        let (id, role) = to_adm(store);
        let at = (id.as_str(), role.as_str());
        assert!(has(&worklist(store, &adm(), "2025-06-04"), "ADOPT-033", "2025-06-11"));
        step(store, &adm(), at, ("approve", "2025-06-09"), terms()).unwrap();
        assert!(!lists(store, &adm(), "2025-06-10", "ADOPT-033"));
        // A role moved to the decision without the panel's recommendation
        // recorded on its case cannot be decided.
        let other = hh::add_household(store, &asw(), &FixedClock::on("2025-01-06"), NewHousehold { name: "The Other family".into(), team: "Adoption".into(), worker: Some("SW9".into()), role: Some(RoleKind::Adopter), ..Default::default() }, "test").unwrap();
        for (s, on) in [("visit", "2025-01-07"), ("register", "2025-01-08"), ("complete_stage_one", "2025-03-01"), ("start_stage_two", "2025-03-02"), ("complete_stage_two", "2025-05-01")] {
            let v = version(store, &other);
            hh::take_step(store, &asw(), &FixedClock::on(on), (&other, v), (&format!("{other}-R1"), s, d(on)), "test").unwrap();
        }
        let v = version(store, &other);
        hh::take_step(store, &adviser(), &FixedClock::on("2025-05-05"), (&other, v), (&format!("{other}-R1"), "recommend", d("2025-05-05")), "test").unwrap();
        let err = step(store, &adm(), (&other, &format!("{other}-R1")), ("approve", "2025-05-06"), terms()).unwrap_err();
        assert!(err.to_string().contains("ADOPT-033"), "{err}");
    }

    fn adopt_034_deferrals_and_requests_for_information_are_tracked_to_their_outcome(db) {
        let store = &db.store;
        let (id, role) = to_adm(store);
        let at = (id.as_str(), role.as_str());
        plain(store, &adm(), at, ("request_information", "2025-06-04"));
        let view = case(store, at);
        assert_eq!((view.case.open_requests(), role_stage(&view).as_str()), (1, "adm"));
        step(store, &adm(), at, ("approve", "2025-06-20"), terms()).unwrap();
        let view = case(store, at);
        assert_eq!(view.case.open_requests(), 0);
        assert_eq!(view.case.decisions.iter().map(|d| d.outcome).collect::<Vec<_>>(), vec![AdmOutcome::InformationRequested, AdmOutcome::Approved]);
        // A deferral sends the application back to Stage Two and is kept.
        let (id, role) = enquiry(store, Some("SW9"), "2025-01-06");
        let at = (id.as_str(), role.as_str());
        plain(store, &asw(), at, ("visit", "2025-01-13"));
        plain(store, &asw(), at, ("register", "2025-01-20"));
        checks_done(store, &id, "2025-03-03");
        plain(store, &asw(), at, ("complete_stage_one", "2025-03-10"));
        plain(store, &asw(), at, ("start_stage_two", "2025-03-17"));
        step(store, &asw(), at, ("complete_stage_two", "2025-05-12"), par("2025-05-09")).unwrap();
        plain(store, &adviser(), at, ("defer", "2025-06-02"));
        assert_eq!(role_stage(&case(store, at)), "stage_two");
        // The decision maker cannot decide on a deferral.
        step(store, &asw(), at, ("complete_stage_two", "2025-06-16"), par("2025-06-13")).unwrap();
        step(store, &adviser(), at, ("recommend", "2025-07-07"), suitable()).unwrap();
        let panel: Vec<_> = case(store, at).case.panel.iter().map(|p| p.outcome).collect();
        assert_eq!(panel, vec![PanelOutcome::Deferred, PanelOutcome::Suitable]);
    }

    fn adopt_035_a_negative_determination_offers_the_irm_appeal_and_records_it(db) {
        let store = &db.store;
        let (id, role) = to_adm(store);
        let at = (id.as_str(), role.as_str());
        plain(store, &adm(), at, ("refuse", "2025-06-05"));
        let view = case(store, at);
        assert!(view.case.irm_appeal_available());
        assert_eq!(role_stage(&view), "not_approved");
        plain(store, &asw(), at, ("appeal", "2025-06-20"));
        let view = case(store, at);
        assert_eq!(view.case.appealed, Some(d("2025-06-20")));
        assert!(!view.case.irm_appeal_available());
        assert_eq!(role_stage(&view), "adm", "the decision maker reconsiders");
    }

    fn adopt_036_approval_keeps_an_allocated_worker_on_the_case(db) {
        let store = &db.store;
        let (id, role) = enquiry(store, None, "2025-01-06");
        let at = (id.as_str(), role.as_str());
        plain(store, &asw(), at, ("visit", "2025-01-13"));
        plain(store, &asw(), at, ("register", "2025-01-20"));
        checks_done(store, &id, "2025-03-03");
        plain(store, &asw(), at, ("complete_stage_one", "2025-03-10"));
        plain(store, &asw(), at, ("start_stage_two", "2025-03-17"));
        step(store, &asw(), at, ("complete_stage_two", "2025-05-12"), par("2025-05-09")).unwrap();
        step(store, &adviser(), at, ("recommend", "2025-06-02"), suitable()).unwrap();
        let err = step(store, &adm(), at, ("approve", "2025-06-04"), terms()).unwrap_err();
        assert!(err.to_string().contains("ADOPT-036"), "{err}");
        let with_worker = StepDetails { worker: Some("SW4".into()), ..terms() };
        step(store, &adm(), at, ("approve", "2025-06-04"), with_worker).unwrap();
        let view = case(store, at);
        let r = view.household.value.roles.iter().find(|r| r.id == role).unwrap();
        assert_eq!((r.stage.as_str(), r.worker.as_deref()), ("approved", Some("SW4")));
        assert_eq!(view.case.terms.unwrap().describe(), "up to 2 children, a sibling group aged 0 to 4; can meet health needs");
    }

    fn adopt_017_adopters_approved_in_2019_are_referred_to_the_register_unless_they_opt_out(db) {
        let store = &db.store;
        let (id, role) = enquiry(store, Some("SW9"), "2018-06-04");
        let at = (id.as_str(), role.as_str());
        plain(store, &asw(), at, ("visit", "2018-06-11"));
        plain(store, &asw(), at, ("register", "2018-06-18"));
        checks_done(store, &id, "2018-08-01");
        plain(store, &asw(), at, ("complete_stage_one", "2018-08-13"));
        plain(store, &asw(), at, ("start_stage_two", "2018-08-20"));
        step(store, &asw(), at, ("complete_stage_two", "2018-12-10"), par("2018-12-07")).unwrap();
        step(store, &adviser(), at, ("recommend", "2019-01-07"), suitable()).unwrap();
        step(store, &adm(), at, ("approve", "2019-01-10"), terms()).unwrap();
        assert!(has(&worklist(store, &asw(), "2019-03-30"), "ADOPT-017", "2019-04-10"));
        plain(store, &asw(), at, ("opt_out_of_nar", "2019-04-01"));
        assert!(!lists(store, &asw(), "2019-04-02", "ADOPT-017"));
    }

    fn conv_003_only_the_agency_decision_maker_records_the_decision(db) {
        let store = &db.store;
        let (id, role) = to_adm(store);
        let at = (id.as_str(), role.as_str());
        let manager = user(Role::TeamManager, Some("Adoption"));
        let err = step(store, &manager, at, ("approve", "2025-06-04"), terms()).unwrap_err();
        assert!(err.to_string().contains("agency decision maker"), "{err}");
        step(store, &adm(), at, ("approve", "2025-06-04"), terms()).unwrap();
        assert_eq!(case(store, at).case.decisions[0].by, "agency_decision_maker.test");
    }

    fn adopters_withdraw_with_a_reason_and_invalid_terms_are_refused(db) {
        let store = &db.store;
        let (id, role) = to_adm(store);
        let at = (id.as_str(), role.as_str());
        let err = step(store, &adm(), at, ("approve", "2025-06-04"), StepDetails::default()).unwrap_err();
        assert!(err.to_string().contains("terms of approval"), "{err}");
        step(store, &adm(), at, ("approve", "2025-06-04"), terms()).unwrap();
        let err = step(store, &asw(), at, ("withdraw", "2025-07-01"), StepDetails::default()).unwrap_err();
        assert!(err.to_string().contains("reason"), "{err}");
        let why = StepDetails { closure: Some(ClosureReason::ChangeOfCircumstances), ..Default::default() };
        step(store, &asw(), at, ("withdraw", "2025-07-01"), why).unwrap();
        let view = case(store, at);
        assert_eq!((role_stage(&view).as_str(), view.case.closure), ("withdrawn", Some(ClosureReason::ChangeOfCircumstances)));
        let events = store.read(|tx| tx.events(&AuditFilter { action: Some("WF-ADOPTER.withdraw".into()), ..Default::default() })).unwrap();
        assert!(events[0].details.contains("change_of_circumstances"));
    }
}

// ---------------------------------------------------------------------------
// Matches (WF-ADOPT-MATCH): the expression of interest, the adoption panel
// with its quorum, the ADM's decision, the placement and after; the reverse
// match and sufficiency.

mod matches {
    use super::*;
    use app::adoption::MatchView;
    use app::permanence as perm;
    use domain::adoption::matches::{Direction, Ffa, Interagency, MatchStep, Paper, SupportPlan};
    use domain::audit::Actor;
    use domain::child::{Child, ChildId, PersonName};
    use domain::codes::{
        CategoryOfNeed, Ethnicity, LegalStatus, PlacementProvider, PlacementType, Sex,
    };
    use domain::journey::{Admission, Placement};
    use domain::permanence::panels::{Attendance, ForumKind, SeatRole};

    pub(super) fn finder() -> User {
        user(Role::FamilyFinder, None)
    }

    /// A child under a placement order in foster care, born on `born`.
    pub(super) fn waiting_child(store: &Store, id: &str, born: &str, disabled: bool) -> ChildId {
        let child = Child {
            id: ChildId::parse(id).unwrap(),
            name: PersonName::parse("Robin", "Waiting").unwrap(),
            sex: Sex::Female,
            date_of_birth: d(born),
            ethnicity: Ethnicity::WhiteBritish,
            pupil_number: None,
            disabled,
            uasc: None,
        };
        let admission = Admission {
            start: d("2024-06-03"),
            legal_status: LegalStatus::PlacementOrder,
            category_of_need: CategoryOfNeed::AbuseOrNeglect,
            placement: Placement {
                placement_type: PlacementType::FosterOther,
                provider: Some(PlacementProvider::OwnProvision),
                postcode: None,
                urn: None,
            },
            home_postcode: None,
        };
        app::admit_to_care(
            store,
            &Actor::new("sw.test"),
            &FixedClock::on("2024-06-03"),
            child,
            admission,
        )
        .unwrap();
        ChildId::parse(id).unwrap()
    }

    /// Adopters approved on 2025-06-04 for up to two children aged 0 to 4,
    /// a sibling group, with health needs.
    pub(super) fn approved(store: &Store) -> (String, String) {
        let (id, role) = to_adm(store);
        step(
            store,
            &adm(),
            (&id, &role),
            ("approve", "2025-06-04"),
            terms(),
        )
        .unwrap();
        (id, role)
    }

    /// An adoption panel (chair, ADM, two members) with a meeting on `on`.
    pub(super) fn panel_meeting(store: &Store, on: &str) -> String {
        let mut forum = test_support::permanence_demo::demo_forum(d("2020-01-01"));
        forum.kind = ForumKind::AdoptionPanel;
        perm::configure_forum(store, &Actor::new("admin"), &FixedClock::on(on), &forum).unwrap();
        perm::create_meeting(
            store,
            &adviser(),
            &FixedClock::on("2025-06-10"),
            ForumKind::AdoptionPanel,
            d(on),
            "test",
        )
        .unwrap()
    }

    pub(super) fn attend(store: &Store, meeting: &str, seats: &[SeatRole]) {
        let v = perm::meeting(
            store,
            &adviser(),
            &FixedClock::on("2025-07-30"),
            meeting,
            "view_meeting",
            "test",
        )
        .unwrap()
        .0
        .version;
        let attendees = seats
            .iter()
            .enumerate()
            .map(|(i, s)| Attendance {
                person: format!("member-{i}"),
                seat: *s,
            })
            .collect();
        perm::record_attendance(
            store,
            &adviser(),
            &FixedClock::on("2025-07-30"),
            meeting,
            v,
            attendees,
            "test",
        )
        .unwrap();
    }

    pub(super) fn open(store: &Store, id: &str) -> MatchView {
        app::adoption::open_match(store, &finder(), &FixedClock::on("2026-01-05"), id, "test")
            .unwrap()
    }

    pub(super) fn take(
        store: &Store,
        who: &User,
        id: &str,
        (step, on): (&str, &str),
        form: MatchStep,
    ) -> Result<String, AppError> {
        let v = open(store, id).record.version;
        app::adoption::take_match_step(
            store,
            who,
            &FixedClock::on("2026-01-05"),
            (id, v),
            (step, d(on)),
            form,
            "test",
        )
    }

    pub(super) fn papers() -> MatchStep {
        MatchStep {
            papers: Some(vec![
                Paper::ChildPermanenceReport,
                Paper::ProspectiveAdopterReport,
                Paper::DraftIntroductionsPlan,
            ]),
            meeting: Some("2025-07-29".into()),
            education_commitment: Some(
                "Both adopters visited the child's nursery and met the Virtual School".into(),
            ),
            ..Default::default()
        }
    }

    /// A sibling pair's match with the approved adopters, linked on 2025-07-01.
    pub(super) fn linked_pair(store: &Store) -> String {
        let (_, role) = approved(store);
        let pair = [
            waiting_child(store, "C1", "2022-01-10", false),
            waiting_child(store, "C2", "2023-05-01", false),
        ];
        let id = app::adoption::record_interest(
            store,
            &finder(),
            &FixedClock::on("2025-06-20"),
            (&role, &pair),
            d("2025-06-20"),
            "test",
        )
        .unwrap();
        take(
            store,
            &finder(),
            &id,
            ("link", "2025-07-01"),
            MatchStep::default(),
        )
        .unwrap();
        id
    }

    /// The pair's match recommended at a quorate panel on 2025-07-29.
    pub(super) fn recommended(store: &Store) -> String {
        let id = linked_pair(store);
        let meeting = panel_meeting(store, "2025-07-29");
        take(store, &finder(), &id, ("to_panel", "2025-07-10"), papers()).unwrap();
        attend(
            store,
            &meeting,
            &[
                SeatRole::Chair,
                SeatRole::AgencyDecisionMaker,
                SeatRole::Member,
            ],
        );
        let yes = MatchStep {
            approve: Some(true),
            ..Default::default()
        };
        take(store, &adviser(), &id, ("recommend", "2025-07-29"), yes).unwrap();
        id
    }

    pub(super) fn placed(store: &Store, on: &str) -> String {
        let id = recommended(store);
        take(
            store,
            &adm(),
            &id,
            ("approve", "2025-07-31"),
            MatchStep::default(),
        )
        .unwrap();
        with_plan(store, &id);
        take(store, &finder(), &id, ("place", on), MatchStep::default()).unwrap();
        id
    }

    /// The match's adoption support plan, saved (not finalised).
    pub(super) fn with_plan(store: &Store, id: &str) {
        let v = open(store, id).record.version;
        app::adoption::save_support_plan(
            store,
            &finder(),
            &FixedClock::on("2025-07-31"),
            (id, v),
            plan(""),
            None,
            "test",
        )
        .unwrap();
    }

    pub(super) fn ffa(adm_approved: Option<&str>) -> MatchStep {
        MatchStep {
            ffa: Some(Ffa {
                adm_approved: adm_approved.map(d),
                dual_approved_interagency: false,
            }),
            ..Default::default()
        }
    }

    pub(super) fn interagency(counterpart: &str) -> MatchStep {
        MatchStep {
            interagency: Some(Interagency {
                direction: Direction::Sold,
                counterpart: counterpart.into(),
                chargeable: true,
            }),
            ..Default::default()
        }
    }

    pub(super) fn plan(existing_children: &str) -> SupportPlan {
        SupportPlan {
            child: "Play therapy".into(),
            adoptive_family: "Training on trauma".into(),
            existing_children: existing_children.into(),
            birth_parents: "Counselling offered".into(),
            over_time: "Reviewed yearly".into(),
            education: "Speech and language support at nursery".into(),
        }
    }
}

#[path = "adoption/match_rules.rs"]
mod match_rules;

#[path = "adoption/match_deadlines.rs"]
mod match_deadlines;
