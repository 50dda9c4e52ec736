//! The records the test site is seeded with beyond its children: a
//! Letterbox, a return-home case, the agency's records and a complaint, a
//! foster carer, adopters and their match, kinship and special
//! guardianship roles.

use super::*;

/// A Contact Agreement with letters for the team's child, its Letterbox
/// signed by the social worker and started by the coordinator.
pub(super) fn active_letterbox(
    store: &store::Store,
    team: &str,
    child: &str,
    clock: &FixedClock,
) -> String {
    use domain::permanence::support::{ContactAgreement, ContactType, Supervision};
    use store::PermanenceRepository;
    let child = domain::child::ChildId::parse(child).unwrap();
    let d = |s: &str| s.parse().unwrap();
    let agreement = ContactAgreement {
        id: format!("{child}-A90"),
        child_id: child.clone(),
        parties: vec!["Birth mother".into()],
        contact_types: vec![ContactType::Letter],
        frequency: "Once a year".into(),
        supervision: Supervision::Supported,
        venue: "Letterbox".into(),
        carer_role: "Writes".into(),
        professionals_role: "Screens".into(),
        family_role: "Writes back".into(),
        review_date: d("2026-09-01"),
    };
    let record = store::Record {
        id: agreement.id.clone(),
        child_id: Some(child.as_str().to_owned()),
        stage: "agreed".into(),
        key_date: None,
        document: agreement.clone(),
    };
    store
        .write(|tx| tx.insert_records(store::RecordKind::ContactAgreement, &[record]))
        .unwrap();
    let person = |role, team: Option<&str>| User {
        username: username(role),
        display_name: "Test".into(),
        role,
        team: team.map(str::to_owned),
        worker_id: None,
    };
    let terms = domain::contact::letterbox::Terms {
        participants: vec![domain::contact::letterbox::Participant {
            name: "Karen".into(),
            relationship: "birth mother".into(),
            reason: String::new(),
        }],
        exchanges_a_year: 1,
        direction: Some(domain::contact::letterbox::Direction::TwoWay),
        surnames: vec!["Hartley".into()],
        signed: Some(d("2026-03-01")),
        ..Default::default()
    };
    let sw = person(Role::SocialWorker, Some(team));
    let id = app::contact::sign_letterbox(store, &sw, clock, &child, &agreement.id, terms, "test")
        .unwrap();
    let start = app::contact::LetterboxAction::Step {
        name: "activate".into(),
        date: d("2026-03-02"),
        who: String::new(),
        reason: String::new(),
    };
    let coordinator = person(Role::PostOrderSupportWorker, None);
    app::contact::act_on_letterbox(store, &coordinator, clock, (&child, &id, 1), start, "test")
        .unwrap();
    id
}

/// A return-home case of the team's child, started by its social worker.
pub(super) fn return_home_case(
    store: &store::Store,
    team: &str,
    child: &str,
    clock: &FixedClock,
) -> String {
    let worker = User {
        username: username(Role::SocialWorker),
        display_name: "Test".into(),
        role: Role::SocialWorker,
        team: Some(team.to_owned()),
        worker_id: None,
    };
    let child = domain::child::ChildId::parse(child).unwrap();
    app::permanence::start_case(store, &worker, clock, &child, "WF-RETURN-HOME", "test").unwrap()
}

/// The adoption Statement of Purpose, published on 2025-03-01 and not
/// reviewed since, and a complaint about the team received on 2026-03-10.
pub(super) fn service_and_complaint(
    store: &store::Store,
    team: &str,
    clock: &FixedClock,
) -> (String, String) {
    let manager = User {
        username: username(Role::TeamManager),
        display_name: "Test".into(),
        role: Role::TeamManager,
        team: Some(team.to_owned()),
        worker_id: None,
    };
    let d = |s: &str| s.parse().unwrap();
    let sop = app::agency::NewAgencyRecord {
        kind: domain::agency::records::AgencyRecordKind::AdoptionStatementOfPurpose,
        team: "Adoption".into(),
        title: String::new(),
        published: d("2025-03-01"),
    };
    let record = app::agency::publish_agency_record(store, &manager, clock, sop, "test").unwrap();
    let complaint = domain::complaints::complaint::NewComplaint {
        complainant: "Sam Complainant".into(),
        complainant_is: "parent".into(),
        household: None,
        team: team.to_owned(),
        received: d("2026-03-10"),
        subject: String::new(),
        safeguarding: false,
    };
    let complaint =
        app::complaints::receive_complaint(store, &manager, clock, complaint, "test").unwrap();
    (record, complaint)
}

/// A household of the team with one member and a foster carer role taken
/// to the fostering panel.
pub(super) fn team_household(store: &store::Store, team: &str, clock: &FixedClock) -> String {
    use app::households as hh;
    use domain::time::Clock;
    let manager = User {
        username: username(Role::TeamManager),
        display_name: "Test".into(),
        role: Role::TeamManager,
        team: Some(team.to_owned()),
        worker_id: None,
    };
    let new = hh::NewHousehold {
        name: "The Site family".into(),
        role: Some(domain::households::lifecycle::RoleKind::FosterCarer),
        ..Default::default()
    };
    let id = hh::add_household(store, &manager, clock, new, "test").unwrap();
    let person = domain::households::person::NewPerson {
        name: "Pat Site".into(),
        relationship: "applicant".into(),
        ..Default::default()
    };
    hh::add_member(store, &manager, clock, (&id, 1), person, "test").unwrap();
    let today = clock.today();
    for (n, step) in ["visit", "proceed", "start_form_f", "complete_form_f"]
        .iter()
        .enumerate()
    {
        let role = format!("{id}-R1");
        let mut s = test_support::fostering::foster_step(step, today);
        if let domain::fostering::carers::FosterStep::StartFormF { panel_date, .. } = &mut s {
            // A panel in three days, so that the Panel Adviser may record
            // the pre-panel meeting today (FOST-014).
            *panel_date = Some(today + chrono::Days::new(3));
        }
        app::fostering::carers::record_carer_step(
            store,
            &manager,
            clock,
            (&role, 2 + n as i64),
            s,
            "test",
        )
        .unwrap();
    }
    id
}

/// An adopter household of the team taken to the agency decision through
/// the adoption use cases, with its applicant's Stage One checks (the
/// decision maker's page offers the approval, the panel sees its papers).
pub(super) fn team_adopter(store: &store::Store, team: &str, clock: &FixedClock) -> String {
    let manager = User {
        username: username(Role::TeamManager),
        display_name: "Test".into(),
        role: Role::TeamManager,
        team: Some(team.to_owned()),
        worker_id: None,
    };
    adopters_at(
        store,
        &manager,
        clock,
        &[
            "visit",
            "register",
            "complete_stage_one",
            "start_stage_two",
            "complete_stage_two",
            "recommend",
        ],
    )
}

/// A new adopter household (its enquiry recorded, an applicant with every
/// Stage One check) taken through `steps` by the adoption use cases on
/// `clock`'s day; returns its adopter role's identifier.
pub fn adopters_at(
    store: &store::Store,
    user: &User,
    clock: &FixedClock,
    steps: &[&str],
) -> String {
    use domain::time::Clock;
    let today = clock.today();
    let new = app::households::NewHousehold {
        name: "The Adopter family".into(),
        ..Default::default()
    };
    let id = app::households::add_household(store, user, clock, new, "test").unwrap();
    use store::HouseholdRepository;
    let version = |id: &str| store.read(|tx| tx.household(id)).unwrap().unwrap().version;
    let person = domain::households::person::NewPerson {
        name: "Ash Adopter".into(),
        relationship: "applicant".into(),
        ..Default::default()
    };
    app::households::add_member(store, user, clock, (&id, version(&id)), person, "test").unwrap();
    for kind in domain::households::checks::CheckKind::ALL {
        let check = app::households::NewCheck {
            person_id: format!("{id}-P1"),
            kind,
            done: today,
            expires: None,
        };
        app::households::record_check(store, user, clock, (&id, version(&id)), check, "test")
            .unwrap();
    }
    let role = app::adoption::record_enquiry(
        store,
        user,
        clock,
        (&id, version(&id)),
        (today, today, Some("SW1".into())),
        "test",
    )
    .unwrap();
    let adviser = User {
        username: username(Role::PanelAdviser),
        display_name: "Test".into(),
        role: Role::PanelAdviser,
        team: None,
        worker_id: None,
    };
    for step in steps {
        let details = app::adoption::StepDetails {
            par_received: Some(today),
            recommendation: Some(domain::adoption::adopters::PanelOutcome::Suitable),
            ..Default::default()
        };
        let who = if *step == "recommend" { &adviser } else { user };
        app::adoption::take_adopter_step(
            store,
            who,
            clock,
            (&id, version(&id)),
            (&role, step, today),
            details,
            "test",
        )
        .unwrap();
    }
    role
}

/// The site household's connected-person role (its court direction the
/// kinship form records) and a special guardian's role with its order for
/// `child` (whose support plan the special guardianship form records).
pub(super) fn kinship_roles(store: &store::Store, id: &str, child: &str, clock: &FixedClock) {
    use app::households as hh;
    use domain::households::lifecycle::RoleKind;
    let manager = User {
        username: username(Role::ServiceManager),
        display_name: "Test".into(),
        role: Role::ServiceManager,
        team: None,
        worker_id: None,
    };
    let version = |store: &store::Store| {
        use store::HouseholdRepository;
        store.read(|tx| tx.household(id)).unwrap().unwrap().version
    };
    for kind in [RoleKind::ConnectedPersonCarer, RoleKind::SpecialGuardian] {
        hh::add_role(
            store,
            &manager,
            clock,
            (id, version(store)),
            (kind, None),
            "test",
        )
        .unwrap();
    }
    let order = domain::fostering::special_guardianship::SgEntry::Order {
        child: child.to_owned(),
        on: domain::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
    };
    let role = format!("{id}-R3");
    app::fostering::special_guardianship::record_sg_entry(
        store,
        &manager,
        clock,
        (id, version(store)),
        (&role, order),
        "test",
    )
    .unwrap();
}

/// Adopters of the team approved by the adoption use cases, and their
/// match (an expression of interest) with `child`.
pub(super) fn adoption_fixture(
    store: &store::Store,
    team: &str,
    child: &str,
    clock: &FixedClock,
) -> (String, String) {
    use store::HouseholdRepository;
    let person = |role: Role, team: Option<&str>| User {
        username: username(role),
        display_name: "Test".into(),
        role,
        team: team.map(str::to_owned),
        worker_id: None,
    };
    let manager = person(Role::TeamManager, Some(team));
    let role = adopters_at(
        store,
        &manager,
        clock,
        &[
            "visit",
            "register",
            "complete_stage_one",
            "start_stage_two",
            "complete_stage_two",
            "recommend",
        ],
    );
    let household = role.rsplit_once("-R").unwrap().0.to_owned();
    let version = store
        .read(|tx| tx.household(&household))
        .unwrap()
        .unwrap()
        .version;
    let terms =
        domain::adoption::adopters::ApprovalTerms::new((0, 17), 2, true, Vec::new()).unwrap();
    let approve = app::adoption::StepDetails {
        terms: Some(terms),
        worker: Some("SW1".into()),
        ..Default::default()
    };
    use domain::time::Clock;
    let today = clock.today();
    app::adoption::take_adopter_step(
        store,
        &person(Role::AgencyDecisionMaker, None),
        clock,
        (&household, version),
        (&role, "approve", today),
        approve,
        "test",
    )
    .unwrap();
    let child = domain::child::ChildId::parse(child).unwrap();
    let id =
        app::adoption::record_interest(store, &manager, clock, (&role, &[child]), today, "test")
            .unwrap();
    (role, id)
}

/// A discretionary payment for the team's child, approved on appeal and
/// waiting for finance on the ledger page: the need assessed (PAY-003),
/// the form sent, refused by the team manager and the refusal overturned
/// by the service manager.
pub(super) fn approved_payment(store: &store::Store, team: &str, child: &str, clock: &FixedClock) {
    use domain::permanence::cases::CaseAction;
    use domain::permanence::payments::PaymentAction;
    let person = |role, team: Option<&str>| User {
        username: username(role),
        display_name: "Test".into(),
        role,
        team: team.map(str::to_owned),
        worker_id: None,
    };
    let (sw, tm) = (
        person(Role::SocialWorker, Some(team)),
        person(Role::TeamManager, Some(team)),
    );
    let sm = person(Role::ServiceManager, None);
    let child = domain::child::ChildId::parse(child).unwrap();
    let id =
        app::permanence::start_case(store, &sw, clock, &child, "WF-DISC-PAYMENT", "test").unwrap();
    let mut version = app::permanence::open_case(store, &sw, clock, &id, "test")
        .unwrap()
        .case
        .version;
    let steps = [
        (
            &sw,
            PaymentAction::Assess {
                notes: "The child has no bed".into(),
                required: true,
            },
        ),
        (
            &sw,
            PaymentAction::Form {
                need: "A bed".into(),
                how_met: "Bought by the carers".into(),
                cost_pence: 18_550,
                other_authority: None,
                outside_route: None,
            },
        ),
    ];
    for (who, action) in steps {
        version = app::permanence::act_on_case(
            store,
            who,
            clock,
            &id,
            version,
            CaseAction::Payment(action),
            "test",
        )
        .unwrap()
        .version;
    }
    version = app::permanence::act_on_case(
        store,
        &sw,
        clock,
        &id,
        version,
        CaseAction::Step("submit".into()),
        "test",
    )
    .unwrap()
    .version;
    let rest = [
        (
            &tm,
            PaymentAction::Refuse {
                reasons: "The placement has a bed".into(),
            },
        ),
        (&sw, PaymentAction::Appeal),
        (
            &sm,
            PaymentAction::AppealDecision {
                upheld: true,
                reasons: "A second bed is needed".into(),
            },
        ),
    ];
    for (who, action) in rest {
        version = app::permanence::act_on_case(
            store,
            who,
            clock,
            &id,
            version,
            CaseAction::Payment(action),
            "test",
        )
        .unwrap()
        .version;
    }
}
