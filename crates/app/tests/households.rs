//! Households use cases on both backends: adding a household, its members,
//! checks and a linked child; who may open it (audited, refusals too);
//! stale changes; an adult's subject access; and each rule whose subject is
//! a household's role starting from its step and showing on the worklist of
//! the person who must act, with the household's name.

use app::AppError;
use app::households::{self as hh, NewCheck, NewHousehold};
use domain::access::User;
use domain::child::{Child, ChildId, PersonName, Postcode};
use domain::codes::{
    CategoryOfNeed, Ethnicity, LegalStatus, PlacementProvider, PlacementType, ReasonNewEpisode, Sex,
};
use domain::fostering::kinship::KinshipEntry;
use domain::households::checks::CheckKind;
use domain::households::household::LinkKind;
use domain::households::lifecycle::RoleKind;
use domain::households::person::NewPerson;
use domain::journey::{CareJourney, Episode, Placement, SocialWorkerEpisode};
use domain::roles::{Role, Worker};
use domain::subjects::SubjectItem;
use domain::time::{Clock, parse_iso_date};
use store::{AuditFilter, AuditLog, ChildRepository, StaffRepository, Store, StoreError};
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

fn ssw() -> User {
    user(Role::SupervisingSocialWorker, Some("Fostering"))
}

/// Children C1 (Blaby team, worker W1) and C2 (Melton, W2) in care.
fn setup(store: &Store) {
    let clock = FixedClock::on("2025-01-02");
    store
        .write(|tx| {
            tx.insert_workers(&[
                Worker {
                    id: "W1".into(),
                    team: "Blaby".into(),
                },
                Worker {
                    id: "W2".into(),
                    team: "Melton".into(),
                },
            ])?;
            for (id, worker) in [("C1", "W1"), ("C2", "W2")] {
                let child = Child {
                    id: ChildId::parse(id).unwrap(),
                    name: PersonName::parse("Maisie", "Testcase").unwrap(),
                    sex: Sex::Female,
                    date_of_birth: d("2016-02-29"),
                    ethnicity: Ethnicity::WhiteBritish,
                    pupil_number: None,
                    disabled: false,
                    uasc: None,
                };
                let episode = Episode {
                    start: d("2024-11-04"),
                    reason_new_episode: ReasonNewEpisode::Started,
                    legal_status: LegalStatus::FullCareOrder,
                    category_of_need: CategoryOfNeed::AbuseOrNeglect,
                    placement: Placement {
                        placement_type: PlacementType::FosterOther,
                        provider: Some(PlacementProvider::OwnProvision),
                        postcode: Some(Postcode::parse("LE3 8RA").unwrap()),
                        urn: None,
                    },
                    end: None,
                    reason_placement_change: None,
                    home_postcode: None,
                };
                let workers = vec![SocialWorkerEpisode {
                    worker_id: worker.into(),
                    start: d("2024-11-04"),
                    end: None,
                    open_reason: None,
                }];
                let journey = CareJourney::build(
                    child,
                    vec![episode],
                    vec![],
                    vec![],
                    workers,
                    vec![],
                    d("2025-01-02"),
                )
                .unwrap();
                tx.insert_journey(&journey, clock.now())?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn member(name: &str) -> NewPerson {
    NewPerson {
        name: name.into(),
        relationship: "carer".into(),
        date_of_birth: Some(d("1968-04-02")),
        languages: "English".into(),
        ..Default::default()
    }
}

fn version(store: &Store, id: &str) -> i64 {
    use store::HouseholdRepository;
    store.read(|tx| tx.household(id)).unwrap().unwrap().version
}

fn audits(store: &Store, action: &str) -> usize {
    store
        .read(|tx| {
            tx.events(&AuditFilter {
                action: Some(action.into()),
                ..Default::default()
            })
        })
        .unwrap()
        .len()
}

/// Who takes a step: the panel adviser the panel's, the agency decision
/// maker the decisions, the supervising social worker the rest.
fn taker(kind: RoleKind, step: &str) -> User {
    match step {
        _ if kind == RoleKind::SupportedLodgingsHost => ssw(),
        "recommend" | "defer" | "review_at_panel" => user(Role::PanelAdviser, None),
        "approve" | "refuse" | "review_decision" => user(Role::AgencyDecisionMaker, None),
        _ => ssw(),
    }
}

/// A household in the Fostering team, worker SW9, with a role of `kind`
/// started on `start`, taken through `steps` (step, date).
fn household_with(store: &Store, kind: RoleKind, start: &str, steps: &[(&str, &str)]) -> String {
    let clock = FixedClock::on(start);
    let new = NewHousehold {
        name: "The Rule family".into(),
        worker: Some("SW9".into()),
        role: Some(kind),
        ..Default::default()
    };
    let id = hh::add_household(store, &ssw(), &clock, new, "test").unwrap();
    for (step, on) in steps {
        let clock = FixedClock::on(on);
        let mut v = version(store, &id);
        let role = format!("{id}-R1");
        if kind == RoleKind::ConnectedPersonCarer && *step == "complete_assessment" {
            // KIN-001 and KIN-003: a connected person is assessed for a
            // named child, and the team manager screens the assessment first.
            hh::link_child(
                store,
                &ssw(),
                &clock,
                (&id, v),
                ("C1", LinkKind::PlacedWith, d(on)),
                "test",
            )
            .unwrap_or_else(|e| panic!("link C1 on {on}: {e}"));
            let screening = KinshipEntry::Screening { on: d(on) };
            let tm = user(Role::TeamManager, Some("Fostering"));
            app::fostering::kinship::record_kinship_entry(
                store,
                &tm,
                &clock,
                (&id, version(store, &id)),
                (&role, screening),
                "test",
            )
            .unwrap_or_else(|e| panic!("screen on {on}: {e}"));
            v = version(store, &id);
        }
        if domain::fostering::kinship::needs_details(kind, step) {
            // A connected person's panel and decision carry their reasons.
            let reasons = "Meets the child's needs".to_owned();
            let entry = match *step {
                "recommend" => KinshipEntry::PanelRecommendation {
                    on: d(on),
                    approve: true,
                    reasons,
                },
                _ => KinshipEntry::AgencyDecision {
                    on: d(on),
                    approve: *step == "approve",
                    reasons,
                },
            };
            app::fostering::kinship::record_kinship_entry(
                store,
                &taker(kind, step),
                &clock,
                (&id, v),
                (&role, entry),
                "test",
            )
            .unwrap_or_else(|e| panic!("{step} on {on}: {e}"));
            continue;
        }
        if kind == RoleKind::FosterCarer {
            // A foster carer's steps carry their details (the carer's page).
            let s = test_support::fostering::foster_step(step, d(on));
            app::fostering::carers::record_carer_step(
                store,
                &taker(kind, step),
                &clock,
                (&role, v),
                s,
                "test",
            )
            .unwrap_or_else(|e| panic!("{step} on {on}: {e}"));
            continue;
        }
        hh::take_step(
            store,
            &taker(kind, step),
            &clock,
            (&id, v),
            (&role, step, d(on)),
            "test",
        )
        .unwrap_or_else(|e| panic!("{step} on {on}: {e}"));
    }
    id
}

/// The worklist of `who` on `on`, as rule IDs with the subject's name.
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

test_support::on_both_backends! {
    fn a_supervising_social_worker_adds_a_kinship_household_records_dbs_checks_and_links_the_child(db) {
        let store = &db.store;
        setup(store);
        let clock = FixedClock::on("2025-01-02");
        let new = NewHousehold {
            name: "The Okafor family".into(),
            address: "12 Mill Lane".into(),
            postcode: "le3 8ra".into(),
            role: Some(RoleKind::ConnectedPersonCarer),
            ..Default::default()
        };
        let id = hh::add_household(store, &ssw(), &clock, new, "test").unwrap();
        assert_eq!(id, "H00001");
        let a = hh::add_member(store, &ssw(), &clock, (&id, 1), member("Grace Okafor"), "test").unwrap();
        let b = hh::add_member(store, &ssw(), &clock, (&id, 2), member("Sam Okafor"), "test").unwrap();
        // A change at a version someone else has moved on is refused.
        let stale = hh::add_member(store, &ssw(), &clock, (&id, 2), member("Late Entry"), "test");
        assert!(matches!(stale, Err(AppError::Store(StoreError::Stale { .. }))), "{stale:?}");
        for (person, expires) in [(&a, "2025-02-20"), (&b, "2027-12-01")] {
            let check = NewCheck { person_id: person.clone(), kind: CheckKind::Dbs, done: d("2024-12-01"), expires: Some(d(expires)) };
            hh::record_check(store, &ssw(), &clock, (&id, version(store, &id)), check, "test").unwrap();
        }
        hh::link_child(store, &ssw(), &clock, (&id, version(store, &id)), ("C1", LinkKind::PlacedWith, d("2025-01-02")), "test").unwrap();
        let view = hh::open_household(store, &ssw(), &clock, &id, "test").unwrap();
        let h = &view.household.value;
        assert_eq!((h.members.len(), h.checks.len(), h.links.len()), (2, 2, 1));
        assert_eq!(h.team, "Fostering");
        assert_eq!(h.addresses[0].postcode, "LE3 8RA");
        // The first DBS check's expiry is on the worklist of the team.
        let items = worklist(store, &ssw(), "2025-01-02");
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0].title, "DBS check of Grace Okafor expires");
        assert_eq!(items[0].due, d("2025-02-20"));
        assert_eq!(items[0].subject.name, "The Okafor family");
        // The child's social worker's team (Blaby) may open it; Melton may not.
        let blaby = user(Role::SocialWorker, Some("Blaby"));
        assert!(hh::open_household(store, &blaby, &clock, &id, "test").is_ok());
        let melton = user(Role::SocialWorker, Some("Melton"));
        let refused = hh::open_household(store, &melton, &clock, &id, "test");
        assert!(matches!(refused, Err(AppError::Forbidden(_))), "{refused:?}");
        assert_eq!(audits(store, "view_household"), 2);
        assert_eq!(audits(store, "view_household_denied"), 1);
        // Melton cannot change it either, nor link its child to it.
        let v = version(store, &id);
        assert!(matches!(hh::add_member(store, &user(Role::TeamManager, Some("Melton")), &clock, (&id, v), member("X"), "test"), Err(AppError::Forbidden(_))));
        // The list shows Blaby the household of their child, Melton nothing.
        let (list, _) = hh::list_households(store, &blaby, &clock, hh::HouseholdSearch::default(), "test").unwrap();
        assert_eq!(list.len(), 1);
        let (list, _) = hh::list_households(store, &melton, &clock, hh::HouseholdSearch::default(), "test").unwrap();
        assert!(list.is_empty());
        let search = hh::HouseholdSearch { text: "okafor".into(), role: Some("connected_person".into()), ..Default::default() };
        assert_eq!(hh::list_households(store, &ssw(), &clock, search, "test").unwrap().1, 1);
        // No name reaches the audit trail.
        let trail = store.read(|tx| tx.events(&AuditFilter::default())).unwrap();
        assert!(trail.iter().all(|e| !e.details.contains("Okafor") && !e.record_id.contains("Okafor")));
    }

    fn an_adults_subject_access_holds_their_data_and_not_the_other_members(db) {
        let store = &db.store;
        setup(store);
        let clock = FixedClock::on("2025-01-02");
        let id = hh::add_household(store, &ssw(), &clock, NewHousehold { name: "The Lee family".into(), role: Some(RoleKind::FosterCarer), ..Default::default() }, "test").unwrap();
        let a = hh::add_member(store, &ssw(), &clock, (&id, 1), member("Jo Lee"), "test").unwrap();
        hh::add_member(store, &ssw(), &clock, (&id, 2), member("Alex Lee"), "test").unwrap();
        let check = NewCheck { person_id: a.clone(), kind: CheckKind::Medical, done: d("2024-12-01"), expires: None };
        hh::record_check(store, &ssw(), &clock, (&id, 3), check, "test").unwrap();
        assert!(matches!(hh::adult_subject_access(store, &ssw(), &clock, &a, "test"), Err(AppError::Forbidden(_))));
        let auditor = user(Role::Auditor, None);
        let record = hh::adult_subject_access(store, &auditor, &clock, &a, "test").unwrap();
        assert_eq!(record.person.name, "Jo Lee");
        assert_eq!(record.checks.len(), 1);
        assert_eq!(record.roles[0].kind, RoleKind::FosterCarer);
        let json = serde_json::to_string(&record).unwrap();
        assert!(!json.contains("Alex Lee"), "no other member's data");
        assert!(record.audit.iter().any(|e| e.action == "household.record_check"));
        assert_eq!(audits(store, "subject_access_export"), 1);
    }

    fn adopt_029_adopter_registration_puts_stage_one_on_the_assessing_workers_list(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::Adopter, "2025-01-06", &[("visit", "2025-01-20"), ("register", "2025-01-31")]);
        assert!(has(&worklist(&db.store, &ssw(), "2025-03-20"), "ADOPT-029", "2025-03-31"));
    }

    fn adopt_030_stage_two_started_is_due_four_months_on(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::Adopter, "2024-05-06", &[("visit", "2024-05-07"), ("register", "2024-06-03"), ("complete_stage_one", "2024-07-30"), ("start_stage_two", "2024-09-02")]);
        assert!(has(&worklist(&db.store, &ssw(), "2024-12-20"), "ADOPT-030", "2025-01-02"));
    }

    fn adopt_031_the_whole_assessment_is_due_six_months_from_registration(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::Adopter, "2025-01-06", &[("visit", "2025-01-07"), ("register", "2025-02-03"), ("complete_stage_one", "2025-03-28"), ("start_stage_two", "2025-04-01")]);
        assert!(has(&worklist(&db.store, &ssw(), "2025-07-25"), "ADOPT-031", "2025-08-03"));
    }

    fn adopt_032_an_adoption_panel_members_annual_review_is_on_the_panel_advisers_list(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::AdoptionPanelMember, "2024-09-04", &[]);
        let adviser = user(Role::PanelAdviser, None);
        assert!(has(&worklist(&db.store, &adviser, "2025-08-28"), "ADOPT-032", "2025-09-04"));
    }

    fn adopt_033_the_agency_decision_follows_the_adoption_panel_within_seven_working_days(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::Adopter, "2025-06-02", &[("visit", "2025-06-03"), ("register", "2025-06-04"), ("complete_stage_one", "2025-08-01"), ("start_stage_two", "2025-08-04"), ("complete_stage_two", "2025-12-01"), ("recommend", "2025-12-18")]);
        let adm = user(Role::AgencyDecisionMaker, None);
        assert!(has(&worklist(&db.store, &adm, "2025-12-22"), "ADOPT-033", "2025-12-31"));
    }

    fn fost_007_a_fostering_applicant_is_at_panel_within_six_months_of_the_initial_visit(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::FosterCarer, "2025-01-06", &[("visit", "2025-01-10"), ("proceed", "2025-01-20")]);
        assert!(has(&worklist(&db.store, &ssw(), "2025-07-01"), "FOST-007", "2025-07-10"));
    }

    fn fost_011_a_fostering_panel_members_annual_review_is_on_the_panel_advisers_list(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::FosteringPanelMember, "2024-05-01", &[]);
        let adviser = user(Role::PanelAdviser, None);
        assert!(has(&worklist(&db.store, &adviser, "2025-04-20"), "FOST-011", "2025-05-01"));
    }

    fn fost_012_an_approved_foster_carers_first_annual_review_is_due_on_the_anniversary(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::FosterCarer, "2024-01-08", &[("visit", "2024-01-09"), ("proceed", "2024-01-10"), ("start_form_f", "2024-02-01"), ("complete_form_f", "2024-05-20"), ("recommend", "2024-06-03"), ("approve", "2024-06-10")]);
        assert!(has(&worklist(&db.store, &ssw(), "2025-06-01"), "FOST-012", "2025-06-10"));
    }

    fn fost_017_a_fostering_household_returns_to_panel_every_five_years(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::FosterCarer, "2020-11-02", &[("visit", "2020-11-03"), ("proceed", "2020-11-04"), ("start_form_f", "2020-11-05"), ("complete_form_f", "2020-12-01"), ("recommend", "2021-01-04"), ("approve", "2021-01-11"), ("review", "2021-12-06"), ("review_decision", "2021-12-20"), ("review", "2022-12-05"), ("review_decision", "2022-12-12"), ("review", "2023-12-04"), ("review_decision", "2023-12-11"), ("review", "2024-12-02"), ("review_decision", "2024-12-09")]);
        let items = worklist(&db.store, &ssw(), "2026-01-02");
        assert!(has(&items, "FOST-017", "2026-01-11"), "{items:?}");
    }

    fn fost_019_the_agency_decision_follows_the_reviewing_officers_review_within_30_days(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::ConnectedPersonCarer, "2024-01-08", &[("start_iva", "2024-01-09"), ("iva_positive", "2024-01-20"), ("start_full_assessment", "2024-01-22"), ("complete_assessment", "2024-04-01"), ("recommend", "2024-04-15"), ("approve", "2024-04-18"), ("review", "2025-04-10")]);
        let adm = user(Role::AgencyDecisionMaker, None);
        assert!(has(&worklist(&db.store, &adm, "2025-05-01"), "FOST-019", "2025-05-10"));
    }

    fn leave_008_a_supported_lodgings_hosts_annual_review_is_on_the_supervising_workers_list(db) {
        setup(&db.store);
        household_with(&db.store, RoleKind::SupportedLodgingsHost, "2024-01-08", &[("assess", "2024-01-09"), ("approve", "2024-02-20")]);
        let items = worklist(&db.store, &ssw(), "2025-02-10");
        assert!(has(&items, "LEAVE-008", "2025-02-20"), "{items:?}");
        // Another team's worker does not see it.
        let other = user(Role::SupervisingSocialWorker, Some("Adoption"));
        assert!(worklist(&db.store, &other, "2025-02-10").is_empty());
    }

    fn role_003_an_approved_carer_household_without_a_supervising_social_worker_is_listed(db) {
        let approval: &[(&str, &str)] = &[("visit", "2024-01-09"), ("proceed", "2024-01-10"), ("start_form_f", "2024-02-01"), ("complete_form_f", "2024-05-20"), ("recommend", "2024-06-03"), ("approve", "2024-06-10")];
        // Supervised by SW9: not on the list.
        household_with(&db.store, RoleKind::FosterCarer, "2024-01-08", approval);
        // Approved with nobody allocated.
        let new = NewHousehold { name: "The Lee family".into(), worker: None, role: Some(RoleKind::FosterCarer), ..Default::default() };
        let id = hh::add_household(&db.store, &ssw(), &FixedClock::on("2024-01-08"), new, "test").unwrap();
        let manager = user(Role::ServiceManager, None);
        let on = FixedClock::on("2025-06-02");
        assert!(hh::carers_without_ssw_list(&db.store, &manager, &on, "test").unwrap().is_empty(), "not approved yet");
        for (step, day) in approval {
            let v = version(&db.store, &id);
            let s = test_support::fostering::foster_step(step, d(day));
            app::fostering::carers::record_carer_step(&db.store, &taker(RoleKind::FosterCarer, step), &FixedClock::on(day), (&format!("{id}-R1"), v), s, "test").unwrap();
        }
        let list = hh::carers_without_ssw_list(&db.store, &manager, &on, "test").unwrap();
        assert_eq!(list.len(), 1, "{list:?}");
        assert_eq!((list[0].household.as_str(), list[0].approved), (id.as_str(), d("2024-06-10")));
        assert_eq!(audits(&db.store, "list_carers_without_ssw"), 2);
    }

    fn path_021_a_new_foster_carers_core_training_is_due_a_year_after_approval_and_recorded_on_the_role(db) {
        setup(&db.store);
        let id = household_with(&db.store, RoleKind::FosterCarer, "2024-01-08", &[("visit", "2024-01-09"), ("proceed", "2024-01-10"), ("start_form_f", "2024-02-01"), ("complete_form_f", "2024-05-20"), ("recommend", "2024-06-03"), ("approve", "2024-06-10")]);
        let items = worklist(&db.store, &ssw(), "2025-06-01");
        assert!(has(&items, "PATH-021", "2025-06-10"), "{items:?}");
        let line = items.iter().find(|i| i.rule == Some("PATH-021")).unwrap();
        assert_eq!(line.subject.name, "The Rule family (Mainstream foster carer)");
        // A social worker may not record it; the supervising social worker does.
        let clock = FixedClock::on("2025-06-02");
        let refused = hh::take_step(&db.store, &user(Role::AssessingSocialWorker, None), &clock, (&id, version(&db.store, &id)), (&format!("{id}-R1"), "complete_tsd", d("2025-06-02")), "test");
        assert!(matches!(refused, Err(AppError::Forbidden(_) | AppError::Invalid(_))), "{refused:?}");
        hh::take_step(&db.store, &ssw(), &clock, (&id, version(&db.store, &id)), (&format!("{id}-R1"), "complete_tsd", d("2025-06-02")), "test").unwrap();
        assert!(!worklist(&db.store, &ssw(), "2025-06-02").iter().any(|i| i.rule == Some("PATH-021")));
        assert_eq!(audits(&db.store, "WF-FOST-APPLICANT.complete_tsd"), 1);
    }

    fn kin_012_a_kinship_carer_completes_the_tsd_standards_within_18_months_of_approval(db) {
        setup(&db.store);
        let id = household_with(&db.store, RoleKind::ConnectedPersonCarer, "2024-01-08", &[("start_iva", "2024-01-09"), ("iva_positive", "2024-01-20"), ("start_full_assessment", "2024-01-22"), ("complete_assessment", "2024-01-25"), ("recommend", "2024-01-29"), ("approve", "2024-02-01")]);
        let items = worklist(&db.store, &ssw(), "2025-08-02");
        assert!(items.iter().any(|i| i.rule == Some("KIN-012") && i.due == d("2025-08-01") && i.days_left < 0), "overdue the day after: {items:?}");
        let clock = FixedClock::on("2025-08-04");
        hh::take_step(&db.store, &ssw(), &clock, (&id, version(&db.store, &id)), (&format!("{id}-R1"), "complete_tsd", d("2025-08-04")), "test").unwrap();
        assert!(!worklist(&db.store, &ssw(), "2025-08-04").iter().any(|i| i.rule == Some("KIN-012")));
    }

    fn a_change_to_a_households_check_shows_on_the_next_worklist(db) {
        setup(&db.store);
        let id = household_with(&db.store, RoleKind::ConnectedPersonCarer, "2025-01-02", &[]);
        let v = version(&db.store, &id);
        let clock = FixedClock::on("2025-03-01");
        let person = hh::add_member(&db.store, &ssw(), &clock, (&id, v), member("Ade Rule"), "test").unwrap();
        let before = worklist(&db.store, &ssw(), "2025-03-01");
        assert!(!before.iter().any(|i| i.rule == Some("KIN-013")));
        // The same worklist again is the one kept: the same lines.
        assert_eq!(worklist(&db.store, &ssw(), "2025-03-01"), before);
        let check = NewCheck { person_id: person, kind: CheckKind::Dbs, done: d("2023-03-10"), expires: Some(d("2025-03-10")) };
        hh::record_check(&db.store, &ssw(), &clock, (&id, version(&db.store, &id)), check, "test").unwrap();
        let after = worklist(&db.store, &ssw(), "2025-03-01");
        assert!(after.iter().any(|i| i.rule == Some("KIN-013") && i.title == "DBS check of Ade Rule expires"), "{after:?}");
    }
}
