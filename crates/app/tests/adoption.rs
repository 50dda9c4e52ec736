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

mod match_rules {
    use super::*;

    test_support::on_both_backends! {
        fn edu_001_a_match_goes_for_approval_only_with_the_adopters_commitment_to_education(db) {
            use domain::adoption::matches::MatchStep;
            let store = &db.store;
            let id = matches::linked_pair(store);
            matches::panel_meeting(store, "2025-07-29");
            // The evidence field empty: submission refused, naming the field; nothing changed.
            let empty = MatchStep { education_commitment: Some("  ".into()), ..matches::papers() };
            let err = matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), empty).unwrap_err();
            assert!(err.to_string().starts_with("education_commitment:") && err.to_string().contains("EDU-001"), "{err}");
            let m = matches::open(store, &id).record.value.document;
            assert_eq!((m.stage.as_str(), m.education_commitment.as_str()), ("linked", ""));
            // With the evidence: at panel, the evidence kept on the match.
            assert_eq!(matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), matches::papers()).unwrap(), "panel");
            assert!(matches::open(store, &id).record.value.document.education_commitment.contains("Virtual School"));
        }

        fn edu_002_the_placement_is_not_confirmed_while_the_support_plan_has_no_educational_needs(db) {
            use domain::adoption::matches::MatchStep;
            let store = &db.store;
            let id = matches::recommended(store);
            matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
            // No plan at all, then a plan with every section but the educational needs: refused.
            let err = matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), MatchStep::default()).unwrap_err();
            assert!(err.to_string().contains("current and future educational needs") && err.to_string().contains("EDU-002"), "{err}");
            let v = matches::open(store, &id).record.version;
            let no_education = domain::adoption::matches::SupportPlan { education: String::new(), ..matches::plan("") };
            let final_err = app::adoption::save_support_plan(store, &matches::finder(), &FixedClock::on("2025-08-01"), (&id, v), no_education.clone(), Some(d("2025-08-01")), "test").unwrap_err();
            assert!(final_err.to_string().contains("educational needs"), "{final_err}");
            app::adoption::save_support_plan(store, &matches::finder(), &FixedClock::on("2025-08-01"), (&id, v), no_education, None, "test").unwrap();
            let err = matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), MatchStep::default()).unwrap_err();
            assert!(err.to_string().contains("EDU-002"), "{err}");
            assert_eq!(matches::open(store, &id).record.value.document.stage, "matched");
            // With the section written, the placement is confirmed.
            matches::with_plan(store, &id);
            assert_eq!(matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), MatchStep::default()).unwrap(), "placed");
        }

        fn adopt_037_a_match_goes_to_panel_only_with_the_introductions_plan_and_the_cpr_sent_before_the_medical(db) {
            use domain::adoption::matches::{MatchStep, Paper};
            let store = &db.store;
            let id = matches::linked_pair(store);
            let meeting = matches::panel_meeting(store, "2025-07-29");
            // No draft introductions plan in the papers: refused, nothing changed.
            let no_plan = MatchStep { papers: Some(vec![Paper::ChildPermanenceReport]), ..matches::papers() };
            let err = matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), no_plan).unwrap_err();
            assert!(err.to_string().contains("draft introductions plan"), "{err}");
            // The CPR reached the medical adviser after the consultation: refused.
            let late = MatchStep { cpr_to_medical_adviser: Some(d("2025-07-08")), medical_consultation: Some(d("2025-07-07")), ..matches::papers() };
            let err = matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), late).unwrap_err();
            assert!(err.to_string().contains("Medical Adviser"), "{err}");
            assert_eq!(matches::open(store, &id).record.value.document.stage, "linked");
            let good = MatchStep { cpr_to_medical_adviser: Some(d("2025-07-01")), medical_consultation: Some(d("2025-07-07")), ..matches::papers() };
            assert_eq!(matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), good).unwrap(), "panel");
            // Listed on the adoption panel's agenda.
            let (m, _, _) = app::permanence::meeting(store, &adviser(), &FixedClock::on("2025-07-10"), &meeting, "view_meeting", "test").unwrap();
            assert!(m.value.document.agenda.contains(&id));
            // A stale version is refused.
            let stale = app::adoption::take_match_step(store, &matches::finder(), &FixedClock::on("2026-01-05"), (&id, 1), ("withdraw", d("2025-07-11")), MatchStep::default(), "test");
            assert!(matches!(stale, Err(AppError::Store(store::StoreError::Stale { .. }))), "{stale:?}");
        }

        fn adoption_panel_recommends_a_match_only_at_a_quorate_meeting_and_the_adm_decides_within_7_working_days(db) {
            use domain::adoption::matches::MatchStep;
            use domain::permanence::panels::SeatRole;
            let store = &db.store;
            let id = matches::linked_pair(store);
            let meeting = matches::panel_meeting(store, "2025-07-29");
            matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), matches::papers()).unwrap();
            // The ADM cannot decide before the panel recommends (ADOPT-033).
            let err = matches::take(store, &adm(), &id, ("approve", "2025-07-29"), MatchStep::default()).unwrap_err();
            assert!(err.to_string().contains("cannot be taken from"), "{err}");
            // Inquorate (no ADM seat, one member): the recommendation is refused.
            matches::attend(store, &meeting, &[SeatRole::Chair, SeatRole::Member]);
            let yes = MatchStep { approve: Some(true), ..Default::default() };
            let err = matches::take(store, &adviser(), &id, ("recommend", "2025-07-29"), yes.clone()).unwrap_err();
            assert!(err.to_string().contains("not quorate"), "{err}");
            matches::attend(store, &meeting, &[SeatRole::Chair, SeatRole::AgencyDecisionMaker, SeatRole::Member]);
            // Only the panel adviser records the panel's recommendation.
            let err = matches::take(store, &matches::finder(), &id, ("recommend", "2025-07-29"), yes.clone()).unwrap_err();
            assert!(err.to_string().contains("panel adviser"), "{err}");
            matches::take(store, &adviser(), &id, ("recommend", "2025-07-29"), yes).unwrap();
            let view = matches::open(store, &id);
            assert_eq!(view.quorate, Some(true));
            assert_eq!(view.record.value.document.decision_due(), Some(d("2025-08-07")));
            assert_eq!(matches::take(store, &adm(), &id, ("approve", "2025-08-04"), MatchStep::default()).unwrap(), "matched");
            let m = matches::open(store, &id).record.value.document;
            assert_eq!((m.decision.clone().unwrap().by.as_str(), m.decision_due()), ("agency_decision_maker.test", None));
            // Audited with codes and dates, never a name.
            let events = store.read(|tx| tx.events(&AuditFilter { record_type: Some("adoption_match".into()), ..Default::default() })).unwrap();
            assert!(events.iter().any(|e| e.action == "WF-ADOPT-MATCH.recommend"));
            assert!(events.iter().all(|e| !e.details.contains("Robin") && !e.details.contains("Rule")));
        }

        fn adopt_056_the_adopters_feedback_is_asked_for_the_day_of_the_panel_and_after_matching(db) {
            use domain::adoption::matches::{FeedbackPoint, MatchStep};
            let store = &db.store;
            let id = matches::recommended(store);
            assert_eq!(matches::open(store, &id).record.value.document.feedback, [(FeedbackPoint::AfterPanel, d("2025-07-29"))]);
            matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
            assert_eq!(matches::open(store, &id).record.value.document.feedback[1], (FeedbackPoint::AfterMatching, d("2025-07-31")));
        }

        fn adopt_038_the_support_plan_is_not_final_without_the_children_already_in_the_family(db) {
            let store = &db.store;
            let id = matches::linked_pair(store);
            // The household gains a birth child.
            let hid = matches::open(store, &id).record.value.document.household_id;
            let child = NewPerson { name: "Cal Rule".into(), relationship: "birth child".into(), date_of_birth: Some(d("2016-02-01")), ..Default::default() };
            hh::add_member(store, &asw(), &FixedClock::on("2025-07-02"), (&hid, version(store, &hid)), child, "test").unwrap();
            let v = matches::open(store, &id).record.version;
            let err = app::adoption::save_support_plan(store, &matches::finder(), &FixedClock::on("2025-07-03"), (&id, v), matches::plan(""), Some(d("2025-07-03")), "test").unwrap_err();
            assert!(err.to_string().contains("children already in the family"), "{err}");
            assert!(matches::open(store, &id).record.value.document.support_plan_final.is_none());
            app::adoption::save_support_plan(store, &matches::finder(), &FixedClock::on("2025-07-03"), (&id, v), matches::plan("Time with each parent"), Some(d("2025-07-03")), "test").unwrap();
            let m = matches::open(store, &id).record.value.document;
            assert_eq!(m.support_plan_final, Some(d("2025-07-03")));
            assert!(m.papers.contains(&domain::adoption::matches::Paper::AdoptionSupportPlan));
        }

        fn adopt_039_a_fostering_for_adoption_placement_needs_the_adms_approval(db) {
            use domain::adoption::matches::MatchStep;
            let store = &db.store;
            let id = matches::recommended(store);
            matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
            matches::with_plan(store, &id);
            let err = matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), matches::ffa(None)).unwrap_err();
            assert!(err.to_string().contains("ADOPT-039"), "{err}");
            matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), matches::ffa(Some("2025-08-05"))).unwrap();
            let m = matches::open(store, &id).record.value.document;
            assert_eq!((m.stage.as_str(), m.ffa.unwrap().adm_approved), ("placed", Some(d("2025-08-05"))));
        }

        fn adopt_041_a_placement_ending_before_the_order_is_a_disruption_with_its_meeting(db) {
            use domain::adoption::matches::MatchStep;
            let store = &db.store;
            let id = matches::placed(store, "2025-08-11");
            matches::take(store, &matches::finder(), &id, ("disrupt", "2025-11-20"), MatchStep::default()).unwrap();
            let m = matches::open(store, &id).record.value.document;
            assert_eq!(m.stage, "disrupted");
            let meeting = m.disruption_meeting.clone().unwrap();
            assert_eq!((meeting.due, meeting.held), (d("2025-12-18"), None));
            let v = matches::open(store, &id).record.version;
            app::adoption::hold_disruption_meeting(store, &matches::finder(), &FixedClock::on("2025-12-10"), (&id, v), d("2025-12-10"), "test").unwrap();
            assert_eq!(matches::open(store, &id).record.value.document.disruption_meeting.unwrap().held, Some(d("2025-12-10")));
        }

        fn adopt_041_a_breakdown_in_introductions_is_not_a_disruption(db) {
            use domain::adoption::matches::MatchStep;
            let store = &db.store;
            let id = matches::recommended(store);
            matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
            matches::take(store, &matches::finder(), &id, ("end_introductions", "2025-08-08"), MatchStep::default()).unwrap();
            let m = matches::open(store, &id).record.value.document;
            assert_eq!((m.stage.as_str(), m.ended, m.disruption_meeting), ("ended_in_introductions", Some(d("2025-08-08")), None));
        }

        fn adopt_042_the_post_adoption_worker_contacts_six_weeks_after_placement_then_every_six_months(db) {
            let store = &db.store;
            let id = matches::placed(store, "2025-08-11");
            let due = matches::open(store, &id).record.value.document.contacts_due();
            assert_eq!(due[0], d("2025-09-22"));
            assert_eq!(due[1], d("2026-02-11"));
            assert_eq!(due.last(), Some(&d("2028-08-11")));
        }

        fn adopt_053_an_interagency_match_records_its_direction_counterpart_and_charge(db) {
            let store = &db.store;
            let (_, role) = matches::approved(store);
            let child = matches::waiting_child(store, "C1", "2022-01-10", false);
            let id = app::adoption::record_interest(store, &matches::finder(), &FixedClock::on("2025-06-20"), (&role, &[child]), d("2025-06-20"), "test").unwrap();
            let err = matches::take(store, &matches::finder(), &id, ("link", "2025-07-01"), matches::interagency(" ")).unwrap_err();
            assert!(err.to_string().contains("counterpart"), "{err}");
            matches::take(store, &matches::finder(), &id, ("link", "2025-07-01"), matches::interagency("Lincolnshire")).unwrap();
            let i = matches::open(store, &id).record.value.document.interagency.unwrap();
            assert_eq!((i.counterpart.as_str(), i.chargeable), ("Lincolnshire", true));
        }

        fn adopt_054_sufficiency_counts_the_children_waiting_against_the_adopters_approved(db) {
            let store = &db.store;
            matches::approved(store);
            matches::waiting_child(store, "C1", "2022-01-10", false);
            matches::waiting_child(store, "C2", "2016-01-10", true);
            let analyst = user(Role::PerformanceAnalyst, None);
            let (rows, children, adopters) = app::adoption::adoption_sufficiency(store, &analyst, &FixedClock::on("2025-07-01"), "test").unwrap();
            assert_eq!((children, adopters), (2, 1));
            let get = |c: &str| rows.iter().find(|r| r.category == c).unwrap();
            assert_eq!((get("2 to 4").children, get("2 to 4").adopters), (1, 1));
            assert_eq!((get("8 and over").children, get("8 and over").adopters), (1, 0));
            assert_eq!(get("Disability").gap(), -1);
            // Figures only for those who may see figures.
            assert!(matches!(app::adoption::adoption_sufficiency(store, &asw(), &FixedClock::on("2025-07-01"), "test"), Err(AppError::Forbidden(_))));
        }

        fn adoption_the_reverse_match_ranks_the_children_waiting_for_approved_adopters(db) {
            let store = &db.store;
            let (_, role) = matches::approved(store);
            matches::waiting_child(store, "C1", "2022-01-10", false);
            matches::waiting_child(store, "C2", "2016-01-10", true);
            let (_, ranked) = app::adoption::match_adopter(store, &matches::finder(), &FixedClock::on("2025-07-01"), &role, "test").unwrap();
            assert_eq!((ranked.ranked, ranked.full), (2, 1));
            assert_eq!(ranked.shown[0].children[0].id, "C1");
            assert!(ranked.shown[1].fit.misfits.iter().any(|m| m.contains("disability")));
            let views = store.read(|tx| tx.events(&AuditFilter { action: Some("view_child".into()), ..Default::default() })).unwrap();
            assert_eq!(views.len(), 2);
        }

        fn adopt_059_the_adoption_statement_of_purpose_is_reviewed_a_year_after_its_last_review(db) {
            use domain::agency::records::AgencyRecordKind;
            let store = &db.store;
            let sm = user(Role::ServiceManager, None);
            let new = app::agency::NewAgencyRecord { kind: AgencyRecordKind::AdoptionStatementOfPurpose, team: "Adoption".into(), title: String::new(), published: d("2023-01-16") };
            let id = app::agency::publish_agency_record(store, &sm, &FixedClock::on("2023-01-16"), new, "test").unwrap();
            let v = app::agency::agency_record(store, &sm, &id).unwrap().version;
            app::agency::record_agency_entry(store, &sm, &FixedClock::on("2024-01-15"), (&id, v), ("", d("2024-01-15")), "test").unwrap();
            // The spec's Check: last review 2024-01-15, review due 2025-01-15.
            let items = worklist(store, &sm, "2025-01-16");
            let due = items.iter().find(|i| i.subject.name == "Adoption Statement of Purpose").expect("on the service manager's list");
            assert_eq!(due.due, d("2025-01-15"));
        }
    }
}

mod match_deadlines {
    use super::*;

    fn manager() -> User {
        user(Role::ServiceManager, None)
    }

    test_support::on_both_backends! {
        fn adopt_021_the_reply_to_an_expression_of_interest_is_on_the_worklist_until_the_match_is_linked(db) {
            use domain::adoption::matches::MatchStep;
            let store = &db.store;
            let (_, role) = matches::approved(store);
            let pair = [
                matches::waiting_child(store, "C1", "2022-01-10", false),
                matches::waiting_child(store, "C2", "2023-05-01", false),
            ];
            let id = app::adoption::record_interest(store, &matches::finder(), &FixedClock::on("2025-06-20"), (&role, &pair), d("2025-06-20"), "test").unwrap();
            let items = worklist(store, &manager(), "2025-06-24");
            let line = items.iter().find(|i| i.rule == Some("ADOPT-021")).expect("the reply is due");
            assert_eq!((line.due, line.subject.name.as_str()), (d("2025-06-27"), "The Rule family (match for C1, C2)"));
            assert!(has(&worklist(store, &manager(), "2025-06-30"), "ADOPT-021", "2025-06-27"), "overdue, still there");
            matches::take(store, &matches::finder(), &id, ("link", "2025-06-26"), MatchStep::default()).unwrap();
            assert!(!lists(store, &manager(), "2025-06-30", "ADOPT-021"), "the link answers it");
        }

        fn adopt_033_the_agency_decision_on_a_match_is_on_the_worklist_until_it_is_made(db) {
            use domain::adoption::matches::MatchStep;
            let store = &db.store;
            let id = matches::recommended(store);
            assert!(has(&worklist(store, &adm(), "2025-07-30"), "ADOPT-033", "2025-08-07"), "due 7 working days after the panel");
            matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
            assert!(!has(&worklist(store, &adm(), "2025-07-31"), "ADOPT-033", "2025-08-07"), "the decision clears it");
            // The placement starts the post-placement contacts (ADOPT-042).
            matches::with_plan(store, &id);
            matches::take(store, &matches::finder(), &id, ("place", "2025-08-04"), MatchStep::default()).unwrap();
            assert!(has(&worklist(store, &manager(), "2025-09-10"), "ADOPT-042", "2025-09-15"));
        }

        fn adopt_048_a_match_goes_to_panel_only_with_each_childs_staying_in_touch_section(db) {
            use domain::adoption::child_pathway::{Cpr, PathwayStep};
            let store = &db.store;
            let id = matches::linked_pair(store);
            let meeting = matches::panel_meeting(store, "2025-07-29");
            let cpr = |staying_in_touch: bool| {
                let child = domain::child::ChildId::parse("C2").unwrap();
                let v = app::adoption::open_pathway(store, &matches::finder(), &FixedClock::on("2025-07-05"), &child, "test").unwrap().pathway.version;
                let step = PathwayStep::Cpr(Cpr { date: d("2025-07-05"), by_permanence_team: true, is_final: true, staying_in_touch });
                app::adoption::record_pathway_step(store, &matches::finder(), &FixedClock::on("2025-07-05"), (&child, v), step, "test").unwrap();
            };
            cpr(false);
            let refused = matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), matches::papers());
            assert!(matches!(refused, Err(AppError::Invalid(ref m)) if m.contains("C2") && m.contains("ADOPT-048")), "{refused:?}");
            assert_eq!(matches::open(store, &id).record.value.document.stage, "linked", "nothing changed");
            cpr(true);
            assert_eq!(matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), matches::papers()).unwrap(), "panel");
            assert!(!meeting.is_empty());
        }

        fn a_matchs_approval_placement_and_order_are_the_dates_on_the_childs_pathway(db) {
            use domain::adoption::child_pathway::{Milestone, PathwayStep};
            use domain::adoption::matches::MatchStep;
            let store = &db.store;
            let id = matches::recommended(store);
            let child = domain::child::ChildId::parse("C1").unwrap();
            let open = || app::adoption::open_pathway(store, &matches::finder(), &FixedClock::on("2026-01-05"), &child, "test").unwrap().pathway;
            let v = open().version;
            app::adoption::record_pathway_step(store, &matches::finder(), &FixedClock::on("2025-07-05"), (&child, v), PathwayStep::Milestone(Milestone::PlacementOrder, d("2025-05-01")), "test").unwrap();
            matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
            matches::with_plan(store, &id);
            matches::take(store, &matches::finder(), &id, ("place", "2025-08-14"), MatchStep::default()).unwrap();
            let p = open().value;
            assert_eq!((p.date(Milestone::MatchRatified), p.date(Milestone::Placed)), (Some(d("2025-07-31")), Some(d("2025-08-14"))));
            assert!(p.family_finding.placed_with.is_some(), "placed with the council's own adopters");
            matches::take(store, &matches::finder(), &id, ("order", "2026-01-05"), MatchStep::default()).unwrap();
            assert_eq!(open().value.date(Milestone::AdoptionOrder), Some(d("2026-01-05")));
        }

        fn adopt_055_approvals_in_the_financial_year_against_the_agencys_target(db) {
            use domain::adoption::raa::AgencyStep;
            let store = &db.store;
            let (id, role) = to_adm(store);
            let with_worker = StepDetails { worker: Some("SW4".into()), ..terms() };
            step(store, &adm(), (&id, &role), ("approve", "2025-06-04"), with_worker).unwrap();
            let figures = |on: &str| app::adoption::agency_figures(store, &manager(), &FixedClock::on(on), (d("2025-04-01"), d(on)), "test").unwrap().recruitment;
            let none = figures("2025-12-01");
            assert_eq!((none.year, none.target, none.approvals, none.attainment), (2025, None, 1, None));
            let v = app::adoption::regional_agency(store, &manager()).unwrap().version;
            let bad = app::adoption::record_agency_step(store, &manager(), &FixedClock::on("2025-12-01"), v, AgencyStep::ApprovalTarget(2025, 0), "test");
            assert!(matches!(bad, Err(AppError::Invalid(_))), "{bad:?}");
            app::adoption::record_agency_step(store, &manager(), &FixedClock::on("2025-12-01"), v, AgencyStep::ApprovalTarget(2025, 2), "test").unwrap();
            let set = figures("2025-12-01");
            assert_eq!((set.target, set.approvals, set.attainment), (Some(2), 1, Some(50)));
            assert_eq!(domain::adoption::raa::attainment(50, 34), Some(68));
        }

        fn adopt_046_the_year_holds_two_events_and_four_newsletters_for_adopters(db) {
            use domain::adoption::raa::{AdopterOffer, AgencyStep};
            let store = &db.store;
            let record = |on: &str, newsletter: bool| {
                let v = app::adoption::regional_agency(store, &manager()).unwrap().version;
                let offer = AdopterOffer { date: d(on), newsletter, title: if newsletter { "Thrive".into() } else { "Summer picnic".into() } };
                app::adoption::record_agency_step(store, &manager(), &FixedClock::on("2025-12-31"), v, AgencyStep::Offer(offer), "test")
            };
            for on in ["2025-01-15", "2025-04-15", "2025-07-15"] {
                record(on, true).unwrap();
            }
            record("2025-07-20", false).unwrap();
            let agency = || app::adoption::regional_agency(store, &manager()).unwrap().value;
            assert_eq!(agency().offer_in(2025), (1, 3, false));
            record("2025-10-15", true).unwrap();
            record("2025-12-14", false).unwrap();
            assert_eq!(agency().offer_in(2025), (2, 4, true));
            let untitled = AdopterOffer { date: d("2025-12-01"), newsletter: true, title: " ".into() };
            let v = app::adoption::regional_agency(store, &manager()).unwrap().version;
            assert!(app::adoption::record_agency_step(store, &manager(), &FixedClock::on("2025-12-31"), v, AgencyStep::Offer(untitled), "test").is_err());
        }
    }
}
