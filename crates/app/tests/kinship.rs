//! Connected-person (kinship) carers on both backends: temporary approval
//! under Regulation 24 with the child placed, its one extension with an
//! exceptional reason and the nominated senior officer, court-directed
//! assessments, the fostering panel and the agency decision with reasons,
//! and the outcome; each deadline on the worklist of the person who must
//! act, cleared by the entry that meets it.

mod permanence_fixture;

use app::fostering::kinship::record_kinship_entry;
use app::fostering::special_guardianship::record_sg_entry;
use app::households::{self as hh, NewCheck, NewHousehold};
use domain::fostering::kinship::{CourtRoute, KinshipEntry, KinshipOutcome, TemporaryStanding};
use domain::fostering::kinship_figures::{Figure, Value};
use domain::fostering::special_guardianship::{SgEntry, SgService};
use domain::households::checks::CheckKind;
use domain::households::household::LinkKind;
use domain::households::lifecycle::RoleKind;
use domain::households::person::NewPerson;
use domain::reporting::conventions::{Period, Rag};
use domain::subjects::SubjectItem;
use permanence_fixture::{
    AppError, AuditFilter, AuditLog, FixedClock, Role, Store, d, setup, user,
};

fn assessor() -> domain::access::User {
    user(Role::AssessingSocialWorker, Some("Fostering"))
}

fn senior() -> domain::access::User {
    user(Role::ServiceManager, None)
}

fn version(store: &Store, id: &str) -> i64 {
    use store::HouseholdRepository;
    store.read(|tx| tx.household(id)).unwrap().unwrap().version
}

/// [`unscreened`], with the team manager's screening sign-off on
/// 2024-12-20 (KIN-003).
fn screened(store: &Store, dbs: Option<&str>) -> String {
    let id = unscreened(store, dbs);
    let tm = user(Role::TeamManager, Some("Fostering"));
    record(
        store,
        &tm,
        &id,
        "2024-12-20",
        KinshipEntry::Screening {
            on: d("2024-12-20"),
        },
    )
    .unwrap();
    id
}

/// A connected-person household (worker SW9) whose carer has a DBS check
/// done on `dbs` (none when `None`), its IVA positive on 2024-12-20.
fn unscreened(store: &Store, dbs: Option<&str>) -> String {
    setup(store);
    let clock = FixedClock::on("2024-12-01");
    let new = NewHousehold {
        name: "The Ode family".into(),
        worker: Some("SW9".into()),
        role: Some(RoleKind::ConnectedPersonCarer),
        ..Default::default()
    };
    let id = hh::add_household(store, &assessor(), &clock, new, "test").unwrap();
    let carer = NewPerson {
        name: "Ada Ode".into(),
        relationship: "aunt".into(),
        date_of_birth: Some(d("1970-01-01")),
        ..Default::default()
    };
    let person = hh::add_member(store, &assessor(), &clock, (&id, 1), carer, "test").unwrap();
    if let Some(done) = dbs {
        let check = NewCheck {
            person_id: person,
            kind: CheckKind::Dbs,
            done: d(done),
            expires: Some(d("2027-12-10")),
        };
        hh::record_check(
            store,
            &assessor(),
            &FixedClock::on(done),
            (&id, 2),
            check,
            "test",
        )
        .unwrap();
    }
    for (step, on) in [("start_iva", "2024-12-02"), ("iva_positive", "2024-12-20")] {
        let v = version(store, &id);
        let role = format!("{id}-R1");
        hh::take_step(
            store,
            &assessor(),
            &FixedClock::on(on),
            (&id, v),
            (&role, step, d(on)),
            "test",
        )
        .unwrap();
    }
    id
}

/// Records `entry` as `who` on `on`.
fn record(
    store: &Store,
    who: &domain::access::User,
    id: &str,
    on: &str,
    entry: KinshipEntry,
) -> Result<String, AppError> {
    let v = version(store, id);
    record_kinship_entry(
        store,
        who,
        &FixedClock::on(on),
        (id, v),
        (&format!("{id}-R1"), entry),
        "test",
    )
}

fn placed(store: &Store, id: &str) {
    let entry = KinshipEntry::TemporaryApproval {
        child: "C1".into(),
        placed: d("2025-01-06"),
    };
    record(store, &senior(), id, "2025-01-06", entry).unwrap();
}

fn worklist(store: &Store, on: &str) -> Vec<SubjectItem> {
    app::subject_worklist(store, &assessor(), &FixedClock::on(on), None)
        .unwrap()
        .to_vec()
}

fn due(items: &[SubjectItem], rule: &str) -> Option<chrono::NaiveDate> {
    items
        .iter()
        .find(|i| i.rule == Some(rule) && i.subject.name.starts_with("The Ode family"))
        .map(|i| i.due)
}

fn kinship(store: &Store, id: &str) -> domain::fostering::kinship::KinshipRecord {
    use store::HouseholdRepository;
    let h = store.read(|tx| tx.household(id)).unwrap().unwrap().value;
    h.roles[0].kinship.clone().unwrap_or_default()
}

/// Whether the entry was refused as one only `who` may record.
fn taken_by(result: Result<String, AppError>, who: &str) -> bool {
    matches!(&result, Err(AppError::Invalid(m)) if m.contains(&format!("must be taken by {who}")))
}

fn audits(store: &Store, action: &str) -> usize {
    let filter = AuditFilter {
        action: Some(action.into()),
        ..Default::default()
    };
    store.read(|tx| tx.events(&filter)).unwrap().len()
}

/// Completes the assessment and takes it to the panel's recommendation.
fn to_panel(store: &Store, id: &str, on: &str) {
    let v = version(store, id);
    hh::take_step(
        store,
        &assessor(),
        &FixedClock::on(on),
        (id, v),
        (&format!("{id}-R1"), "complete_assessment", d(on)),
        "test",
    )
    .unwrap();
    let panel = KinshipEntry::PanelRecommendation {
        on: d(on),
        approve: true,
        reasons: "Strong bond; meets the child's needs".into(),
    };
    record(store, &user(Role::PanelAdviser, None), id, on, panel).unwrap();
}

fn decide(store: &Store, id: &str, on: &str, approve: bool) -> Result<String, AppError> {
    let entry = KinshipEntry::AgencyDecision {
        on: d(on),
        approve,
        reasons: "As the panel recommended".into(),
    };
    record(store, &user(Role::AgencyDecisionMaker, None), id, on, entry)
}

/// A special guardian's household whose order for C1 was made on 2025-01-10.
fn guardians(store: &Store) -> String {
    setup(store);
    let clock = FixedClock::on("2025-01-10");
    let new = NewHousehold {
        name: "The Ode family".into(),
        worker: Some("SW9".into()),
        role: Some(RoleKind::SpecialGuardian),
        ..Default::default()
    };
    let id = hh::add_household(store, &assessor(), &clock, new, "test").unwrap();
    sg(
        store,
        &id,
        "2025-01-10",
        SgEntry::Order {
            child: "C1".into(),
            on: d("2025-01-10"),
        },
    )
    .unwrap();
    id
}

fn sg(store: &Store, id: &str, on: &str, entry: SgEntry) -> Result<String, AppError> {
    let v = version(store, id);
    record_sg_entry(
        store,
        &assessor(),
        &FixedClock::on(on),
        (id, v),
        (&format!("{id}-R1"), entry),
        "test",
    )
}

fn plan(on: &str, panel: Option<&str>) -> SgEntry {
    SgEntry::SupportPlan {
        on: d(on),
        panel_reviewed: panel.map(d),
        needs: "Contact with birth mother; school transition".into(),
        future_plan: "Advice line and review at the transition to secondary school".into(),
    }
}

fn close(store: &Store, id: &str, on: &str) -> Result<String, AppError> {
    let v = version(store, id);
    hh::take_step(
        store,
        &assessor(),
        &FixedClock::on(on),
        (id, v),
        (&format!("{id}-R1"), "close", d(on)),
        "test",
    )
}

/// The kinship figures of the financial year starting in `year`, as the
/// service manager sees them on `on`.
fn figures(store: &Store, on: &str, year: i32) -> Vec<Figure> {
    app::fostering::kinship_figures::kinship_compliance(
        store,
        &senior(),
        &FixedClock::on(on),
        Period::financial_year(year),
        "test",
    )
    .unwrap()
}

fn figure(figures: &[Figure], key: &str) -> Figure {
    figures.iter().find(|f| f.key == key).cloned().unwrap()
}

/// A connected-person household placed on 2025-01-06 and approved on 2025-03-12.
fn approved(store: &Store) -> String {
    let id = screened(store, Some("2024-12-10"));
    placed(store, &id);
    to_panel(store, &id, "2025-03-10");
    decide(store, &id, "2025-03-12", true).unwrap();
    id
}

test_support::on_both_backends! {
    fn sg_004_an_order_without_its_support_plan_is_on_the_worklist_and_its_case_is_not_closed(db) {
        let store = &db.store;
        let id = guardians(store);
        assert_eq!(due(&worklist(store, "2025-04-01"), "SG-004"), Some(d("2025-04-10")));
        // The spec's Check: closure on 2025-04-15 with no plan is blocked.
        let blocked = close(store, &id, "2025-04-15");
        assert!(matches!(&blocked, Err(AppError::Invalid(m)) if m.contains("SG-004")), "{blocked:?}");
        sg(store, &id, "2025-04-15", plan("2025-04-15", Some("2025-04-14"))).unwrap();
        assert_eq!(due(&worklist(store, "2025-04-16"), "SG-004"), None);
        assert_eq!(close(store, &id, "2025-04-16").unwrap(), "closed");
    }

    fn sg_005_the_support_plan_is_reviewed_by_the_sgo_panel_before_it_is_agreed(db) {
        let store = &db.store;
        let id = guardians(store);
        let none = sg(store, &id, "2025-02-03", plan("2025-02-03", None));
        assert!(matches!(&none, Err(AppError::Invalid(m)) if m.contains("SGO panel")), "{none:?}");
        let after = sg(store, &id, "2025-02-05", plan("2025-02-03", Some("2025-02-04")));
        assert!(after.is_err(), "the panel after the plan: {after:?}");
        sg(store, &id, "2025-02-05", plan("2025-02-05", Some("2025-02-04"))).unwrap();
        use store::HouseholdRepository;
        let h = store.read(|tx| tx.household(&id)).unwrap().unwrap().value;
        let record = h.roles[0].special_guardianship.clone().unwrap();
        assert_eq!(record.plan.unwrap().panel_reviewed, d("2025-02-04"));
        assert_eq!(h.links[0].child_id, "C1");
    }

    fn sg_001_the_support_offer_is_recorded_in_the_three_year_window(db) {
        let store = &db.store;
        let id = guardians(store);
        let empty = sg(store, &id, "2025-02-03", SgEntry::Offer { on: d("2025-02-03"), services: vec![] });
        assert!(matches!(empty, Err(AppError::Invalid(_))));
        let offer = SgEntry::Offer { on: d("2025-02-03"), services: vec![SgService::Advice, SgService::TherapeuticSupport] };
        sg(store, &id, "2025-02-03", offer).unwrap();
        use store::HouseholdRepository;
        let h = store.read(|tx| tx.household(&id)).unwrap().unwrap().value;
        let record = h.roles[0].special_guardianship.clone().unwrap();
        assert_eq!(record.offers[0].services.len(), 2);
        assert!(record.in_support_window(d("2028-01-09")) && !record.in_support_window(d("2028-01-10")));
        assert_eq!(audits(store, "WF-SG.offer_support"), 1);
    }

    fn kin_109_an_sgo_for_connected_carers_starts_their_special_guardianship_support(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        placed(store, &id);
        to_panel(store, &id, "2025-03-10");
        decide(store, &id, "2025-03-12", true).unwrap();
        let sgo = KinshipEntry::Outcome { on: d("2025-10-01"), outcome: KinshipOutcome::SpecialGuardianshipOrder };
        record(store, &assessor(), &id, "2025-10-01", sgo).unwrap();
        use store::HouseholdRepository;
        let h = store.read(|tx| tx.household(&id)).unwrap().unwrap().value;
        let guardian = h.roles.iter().find(|r| r.kind == RoleKind::SpecialGuardian).unwrap();
        let record = guardian.special_guardianship.clone().unwrap();
        assert_eq!((record.child.as_str(), record.order), ("C1", Some(d("2025-10-01"))));
        // Its support plan is now due, against the household (SG-004).
        assert_eq!(due(&worklist(store, "2025-12-20"), "SG-004"), Some(d("2026-01-01")));
    }

    fn kin_102_temporary_approval_ends_after_16_weeks_on_the_worklist_and_full_approval_clears_it(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        placed(store, &id);
        let k = kinship(store, &id);
        let t = k.temporary_approval.clone().unwrap();
        assert_eq!((t.child.as_str(), t.ends, t.approver.as_str()), ("C1", d("2025-04-28"), "service_manager.test"));
        assert_eq!(k.temporary_standing(d("2025-04-29")), Some(TemporaryStanding::Expired { since: d("2025-04-29") }));
        // The child is linked as placed with the household.
        use store::HouseholdRepository;
        let h = store.read(|tx| tx.household(&id)).unwrap().unwrap().value;
        assert_eq!(h.links[0].child_id, "C1");
        assert_eq!(due(&worklist(store, "2025-04-14"), "KIN-102"), Some(d("2025-04-28")));
        to_panel(store, &id, "2025-04-15");
        decide(store, &id, "2025-04-16", true).unwrap();
        let after = worklist(store, "2025-04-16");
        assert_eq!(due(&after, "KIN-102"), None, "{after:?}");
        assert_eq!(kinship(store, &id).temporary_standing(d("2025-05-01")), Some(TemporaryStanding::FullyApproved { on: d("2025-04-16") }));
        assert_eq!(audits(store, "WF-KIN.temporary_approval"), 1);
        // No reason or name reaches the audit trail.
        let trail = store.read(|tx| tx.events(&AuditFilter::default())).unwrap();
        assert!(trail.iter().all(|e| !e.details.contains("Strong bond") && !e.details.contains("Ode")));
    }

    fn kin_103_an_extension_needs_an_exceptional_reason_and_the_senior_officer_and_adds_eight_weeks(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        placed(store, &id);
        // The spec's Check: no exceptional reason on 2025-04-14, refused.
        let bare = KinshipEntry::Extension { on: d("2025-04-14"), reason: "  ".into() };
        let refused = record(store, &senior(), &id, "2025-04-14", bare);
        assert!(matches!(&refused, Err(AppError::Invalid(m)) if m.contains("exceptional")), "{refused:?}");
        assert!(kinship(store, &id).extension.is_none());
        // Only the nominated senior officer extends it.
        let reason = || KinshipEntry::Extension { on: d("2025-04-14"), reason: "Medical reference delayed by hospital admission".into() };
        assert!(taken_by(record(store, &assessor(), &id, "2025-04-14", reason()), "service manager or head of service"));
        record(store, &senior(), &id, "2025-04-14", reason()).unwrap();
        let e = kinship(store, &id).extension.unwrap();
        // 8 weeks on from the first end date (KIN-004's Check: 2025-06-23).
        assert_eq!((e.ends, e.approver.as_str()), (d("2025-06-23"), "service_manager.test"));
        assert!(e.reason.starts_with("Medical reference"));
        let items = worklist(store, "2025-06-15");
        assert_eq!(due(&items, "KIN-102"), None);
        assert_eq!(due(&items, "KIN-103"), Some(d("2025-06-23")));
        assert_eq!(due(&items, "KIN-004"), Some(d("2025-06-23")));
        // Once only.
        let again = record(store, &senior(), &id, "2025-04-20", reason());
        assert!(matches!(again, Err(AppError::Invalid(_))), "{again:?}");
    }

    fn kin_104_temporary_approval_needs_the_police_checks_and_the_nominated_senior_officer(db) {
        let store = &db.store;
        let id = screened(store, None);
        let entry = || KinshipEntry::TemporaryApproval { child: "C1".into(), placed: d("2025-01-06") };
        let no_checks = record(store, &senior(), &id, "2025-01-06", entry());
        assert!(matches!(&no_checks, Err(AppError::Invalid(m)) if m.contains("police")), "{no_checks:?}");
        let v = version(store, &id);
        let person = format!("{id}-P1");
        let check = NewCheck { person_id: person, kind: CheckKind::Dbs, done: d("2025-01-03"), expires: Some(d("2028-01-03")) };
        hh::record_check(store, &assessor(), &FixedClock::on("2025-01-03"), (&id, v), check, "test").unwrap();
        assert!(taken_by(record(store, &assessor(), &id, "2025-01-06", entry()), "service manager or head of service"));
        assert_eq!(record(store, &senior(), &id, "2025-01-06", entry()).unwrap(), "full_assessment");
        // The plain step form cannot give it without its details.
        let v = version(store, &id);
        let plain = hh::take_step(store, &senior(), &FixedClock::on("2025-01-07"), (&id, v), (&format!("{id}-R1"), "extend_temporary_approval", d("2025-01-07")), "test");
        assert!(matches!(plain, Err(AppError::Invalid(_))), "{plain:?}");
    }

    fn kin_004_the_full_assessment_is_due_16_weeks_from_the_placement_and_its_completion_clears_it(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        placed(store, &id);
        assert_eq!(due(&worklist(store, "2025-04-20"), "KIN-004"), Some(d("2025-04-28")));
        let v = version(store, &id);
        hh::take_step(store, &assessor(), &FixedClock::on("2025-04-22"), (&id, v), (&format!("{id}-R1"), "complete_assessment", d("2025-04-22")), "test").unwrap();
        assert_eq!(due(&worklist(store, "2025-04-22"), "KIN-004"), None);
    }

    fn kin_005_a_court_directed_assessment_is_due_in_12_weeks_with_the_alert_at_8(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        let entry = KinshipEntry::CourtDirection { on: d("2025-03-04"), route: CourtRoute::CareProceedings };
        record(store, &assessor(), &id, "2025-03-04", entry).unwrap();
        let court = kinship(store, &id).court.unwrap();
        assert_eq!((court.file_by, court.alert_from), (d("2025-05-27"), d("2025-04-29")));
        use domain::deadlines::Standing;
        let line = |on: &str| worklist(store, on).into_iter().find(|i| i.rule == Some("KIN-005"));
        // Not yet on the list at 7 weeks; due soon (the early alert) from 8.
        assert!(line("2025-04-10").is_none());
        let alert = line("2025-04-29").unwrap();
        assert_eq!((alert.due, alert.standing), (d("2025-05-27"), Standing::DueSoon));
    }

    fn kin_006_an_assessment_is_filed_with_the_court_only_after_the_panel_and_the_agency_decision(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        let direct = KinshipEntry::CourtDirection { on: d("2025-01-02"), route: CourtRoute::CareProceedings };
        record(store, &assessor(), &id, "2025-01-02", direct).unwrap();
        placed(store, &id);
        to_panel(store, &id, "2025-03-10");
        let early = record(store, &assessor(), &id, "2025-03-11", KinshipEntry::CourtFiling { on: d("2025-03-11") });
        assert!(early.is_err(), "{early:?}");
        decide(store, &id, "2025-03-12", true).unwrap();
        record(store, &assessor(), &id, "2025-03-13", KinshipEntry::CourtFiling { on: d("2025-03-13") }).unwrap();
        assert_eq!(kinship(store, &id).court.unwrap().filed, Some(d("2025-03-13")));
        assert!(worklist(store, "2025-03-13").iter().all(|i| i.rule != Some("KIN-005")));
    }

    fn kin_009_the_panel_and_the_agency_decision_are_recorded_with_their_reasons(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        placed(store, &id);
        let v = version(store, &id);
        hh::take_step(store, &assessor(), &FixedClock::on("2025-03-10"), (&id, v), (&format!("{id}-R1"), "complete_assessment", d("2025-03-10")), "test").unwrap();
        // The panel gives reasons; only the panel adviser records them.
        let bare = KinshipEntry::PanelRecommendation { on: d("2025-03-11"), approve: false, reasons: String::new() };
        assert!(matches!(record(store, &user(Role::PanelAdviser, None), &id, "2025-03-11", bare), Err(AppError::Invalid(_))));
        let panel = || KinshipEntry::PanelRecommendation { on: d("2025-03-11"), approve: false, reasons: "Overcrowding unresolved".into() };
        assert!(taken_by(record(store, &assessor(), &id, "2025-03-11", panel()), "panel adviser"));
        record(store, &user(Role::PanelAdviser, None), &id, "2025-03-11", panel()).unwrap();
        // FOST-015: the agency decision is due after the panel.
        let adm = user(Role::AgencyDecisionMaker, None);
        assert!(app::subject_worklist(store, &adm, &FixedClock::on("2025-03-12"), None).unwrap().iter().any(|i| i.rule == Some("FOST-015")));
        assert_eq!(decide(store, &id, "2025-03-14", false).unwrap(), "negative");
        let k = kinship(store, &id);
        let (p, dec) = (k.panel.unwrap(), k.decision.unwrap());
        assert_eq!((p.approve, p.reasons.as_str()), (false, "Overcrowding unresolved"));
        assert_eq!((dec.approve, dec.by.as_str()), (false, "agency_decision_maker.test"));
        // A refusal ends the temporary approval: nothing stays on the list.
        assert!(worklist(store, "2025-03-14").iter().all(|i| !i.subject.name.starts_with("The Ode family")));
    }

    fn kin_010_the_outcome_is_recorded_and_an_order_ends_the_fostering_assessment(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        placed(store, &id);
        to_panel(store, &id, "2025-03-10");
        decide(store, &id, "2025-03-12", true).unwrap();
        let early = KinshipEntry::Outcome { on: d("2025-03-11"), outcome: KinshipOutcome::SpecialGuardianshipOrder };
        assert!(record(store, &assessor(), &id, "2025-03-20", early).is_err(), "not before the last step");
        let sgo = KinshipEntry::Outcome { on: d("2025-06-02"), outcome: KinshipOutcome::SpecialGuardianshipOrder };
        assert_eq!(record(store, &assessor(), &id, "2025-06-02", sgo).unwrap(), "order");
        assert_eq!(kinship(store, &id).outcome, Some((d("2025-06-02"), KinshipOutcome::SpecialGuardianshipOrder)));
        assert_eq!(audits(store, "WF-KIN.outcome"), 1);
    }

    fn kin_011_a_private_law_sgo_assessment_is_recorded_on_its_own_route(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        let entry = KinshipEntry::CourtDirection { on: d("2025-02-03"), route: CourtRoute::PrivateLawSgo };
        record(store, &assessor(), &id, "2025-02-03", entry).unwrap();
        assert_eq!(kinship(store, &id).court.unwrap().route, CourtRoute::PrivateLawSgo);
        assert_eq!(due(&worklist(store, "2025-04-20"), "KIN-005"), Some(d("2025-04-28")));
    }

    fn sg_002_the_six_monthly_calls_run_from_the_order_against_the_household_and_a_call_meets_one(db) {
        let store = &db.store;
        let id = guardians(store);
        // The spec's Check: calls due 6, 12, ... 36 months after the order.
        assert_eq!(due(&worklist(store, "2025-07-01"), "VISIT-006"), Some(d("2025-07-10")));
        let v = version(store, &id);
        hh::take_step(store, &assessor(), &FixedClock::on("2025-07-08"), (&id, v), (&format!("{id}-R1"), "call", d("2025-07-08")), "test").unwrap();
        assert_eq!(due(&worklist(store, "2025-07-09"), "VISIT-006"), None);
        let items = worklist(store, "2026-01-02");
        assert_eq!(due(&items, "VISIT-006"), Some(d("2026-01-10")), "{items:?}");
        assert_eq!(audits(store, "WF-SG.call"), 1);
    }

    fn kin_013_the_compliance_measures_are_shares_of_approved_kinship_households_against_95_and_92(db) {
        let store = &db.store;
        let id = approved(store);
        let fs = figures(store, "2025-03-31", 2024);
        let dbs = figure(&fs, "kin-dbs");
        assert_eq!((dbs.numerator, dbs.denominator, dbs.value), (1, Some(1), Value::Percent(Some(100.0))));
        assert_eq!(dbs.rag, Some(Rag::Green));
        // No medical recorded: not compliant, red, and the household named with why.
        let medicals = figure(&fs, "kin-medicals");
        assert_eq!((medicals.value, medicals.rag), (Value::Percent(Some(0.0)), Some(Rag::Red)));
        assert_eq!(medicals.cases[0].household, id);
        assert!(!medicals.cases[0].counted && medicals.cases[0].detail.contains("Medical"));
        assert_eq!(figure(&fs, "kin-reviews").value, Value::Percent(Some(100.0)));
        // A year on without a review it is not compliant.
        let later = figures(store, "2026-03-20", 2025);
        assert_eq!(figure(&later, "kin-reviews").value, Value::Percent(Some(0.0)));
        assert_eq!(audits(store, "kinship_compliance"), 2);
    }

    fn kin_018_connected_households_are_a_share_of_the_active_fostering_households(db) {
        let store = &db.store;
        let id = approved(store);
        let share = figure(&figures(store, "2025-03-31", 2024), "kin-share");
        assert_eq!((share.numerator, share.denominator), (1, Some(1)));
        assert_eq!(share.cases[0].household, id);
        // Before their approval they are not an active fostering household.
        let before = figure(&figures(store, "2025-03-01", 2024), "kin-share");
        assert_eq!((before.denominator, before.value), (Some(0), Value::Percent(None)));
    }

    fn kin_017_net_growth_in_connected_carers_is_measured_against_25_a_year(db) {
        let store = &db.store;
        approved(store);
        let growth = figure(&figures(store, "2025-03-31", 2024), "kin-growth");
        assert_eq!((growth.value, growth.rag), (Value::Count(1), Some(Rag::Red)));
        assert_eq!(growth.target, Some("25 a year"));
        assert_eq!(figure(&figures(store, "2025-04-30", 2025), "kin-growth").value, Value::Count(0));
    }

    fn kin_014_a_kinship_placement_ending_without_a_planned_outcome_is_a_breakdown(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        placed(store, &id);
        let stable = figure(&figures(store, "2025-01-31", 2024), "kin-breakdowns");
        assert_eq!((stable.numerator, stable.denominator, stable.value), (0, Some(1), Value::Percent(Some(0.0))));
        let v = version(store, &id);
        hh::take_step(store, &assessor(), &FixedClock::on("2025-02-01"), (&id, v), (&format!("{id}-R1"), "withdraw", d("2025-02-01")), "test").unwrap();
        let broke = figure(&figures(store, "2025-03-31", 2024), "kin-breakdowns");
        assert_eq!((broke.numerator, broke.value), (1, Value::Percent(Some(100.0))));
        assert_eq!(broke.cases[0].on, Some(d("2025-02-01")));
    }

    fn sg_010_kinship_foster_carers_granted_an_sgo_are_counted_moving_to_special_guardianship(db) {
        let store = &db.store;
        let id = approved(store);
        let sgo = KinshipEntry::Outcome { on: d("2025-10-01"), outcome: KinshipOutcome::SpecialGuardianshipOrder };
        record(store, &assessor(), &id, "2025-10-01", sgo).unwrap();
        let fs = figures(store, "2025-10-02", 2025);
        let moved = figure(&fs, "kin-to-sgo");
        assert_eq!((moved.value, moved.cases[0].on), (Value::Count(1), Some(d("2025-10-01"))));
        // They are no longer an approved kinship fostering household.
        assert_eq!(figure(&fs, "kin-share").denominator, Some(0));
        assert_eq!(figure(&figures(store, "2025-03-31", 2024), "kin-to-sgo").value, Value::Count(0));
    }

    fn kin_020_the_annual_series_show_each_year_with_its_change_on_the_year_before(db) {
        let store = &db.store;
        approved(store);
        let fs = figures(store, "2025-03-31", 2024);
        let placements = figure(&fs, "kin-placements");
        assert_eq!((placements.value, placements.previous), (Value::Count(1), Some(0)));
        assert_eq!(figure(&fs, "kin-approvals").value, Value::Count(1));
        assert_eq!(figure(&fs, "kin-ivas").value, Value::Count(1));
        // COST-001: each connected placement avoids £15,000 of agency cost.
        assert_eq!(figure(&fs, "kin-cost").value, Value::Pence(1_500_000));
        let next = figure(&figures(store, "2026-03-31", 2025), "kin-placements");
        assert_eq!((next.value, next.previous), (Value::Count(0), Some(1)));
        assert_eq!(next.change().unwrap(), "-1 (-100.0%) on 1 the year before");
    }

    fn sg_006_special_guardians_in_the_support_window_are_counted_by_the_year_of_their_order(db) {
        let store = &db.store;
        let id = guardians(store);
        let window = figure(&figures(store, "2025-06-01", 2025), "sg-window");
        assert_eq!((window.value, window.breakdown.clone()), (Value::Count(1), vec![("2025".to_owned(), 1)]));
        assert_eq!(window.cases[0].household, id);
        assert_eq!(figure(&figures(store, "2028-06-01", 2028), "sg-window").value, Value::Count(0));
        assert_eq!(figure(&figures(store, "2025-03-31", 2024), "sg-orders").value, Value::Count(1));
    }

    fn kin_003_the_team_manager_screens_the_assessment_before_it_goes_to_panel_or_court(db) {
        let store = &db.store;
        let id = unscreened(store, Some("2024-12-10"));
        let direct = KinshipEntry::CourtDirection { on: d("2025-01-02"), route: CourtRoute::CareProceedings };
        record(store, &assessor(), &id, "2025-01-02", direct).unwrap();
        placed(store, &id);
        let complete = |on: &str| {
            let v = version(store, &id);
            hh::take_step(store, &assessor(), &FixedClock::on(on), (&id, v), (&format!("{id}-R1"), "complete_assessment", d(on)), "test")
        };
        let refused = complete("2025-03-10");
        assert!(matches!(&refused, Err(AppError::Invalid(m)) if m.contains("KIN-003")), "{refused:?}");
        let screen = || KinshipEntry::Screening { on: d("2025-03-10") };
        assert!(taken_by(record(store, &assessor(), &id, "2025-03-10", screen()), "team manager"));
        record(store, &user(Role::TeamManager, Some("Fostering")), &id, "2025-03-10", screen()).unwrap();
        assert_eq!(kinship(store, &id).screened.unwrap().by, "team_manager.test");
        assert_eq!(complete("2025-03-10").unwrap(), "panel");
        assert_eq!(audits(store, "WF-KIN.screen"), 1);
    }

    fn kin_001_a_connected_persons_assessment_goes_to_panel_only_for_a_named_child(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        let step = |name: &str, on: &str| {
            let v = version(store, &id);
            hh::take_step(store, &assessor(), &FixedClock::on(on), (&id, v), (&format!("{id}-R1"), name, d(on)), "test")
        };
        step("start_full_assessment", "2025-01-06").unwrap();
        let refused = step("complete_assessment", "2025-03-10");
        assert!(matches!(&refused, Err(AppError::Invalid(m)) if m.contains("KIN-001")), "{refused:?}");
        let v = version(store, &id);
        hh::link_child(store, &senior(), &FixedClock::on("2025-03-10"), (&id, v), ("C1", domain::households::household::LinkKind::PlacedWith, d("2025-03-10")), "test").unwrap();
        assert_eq!(step("complete_assessment", "2025-03-10").unwrap(), "panel");
    }

    fn kin_105_temporary_approval_asks_for_the_childs_placement_plan(db) {
        let store = &db.store;
        let id = screened(store, Some("2024-12-10"));
        placed(store, &id);
        use store::HouseholdRepository;
        let h = store.read(|tx| tx.household(&id)).unwrap().unwrap().value;
        let task = h.tasks.iter().find(|t| t.kind.contains("KIN-105")).unwrap();
        assert_eq!((task.created, task.done), (d("2025-01-06"), None));
        for section in ["arrangements", "expected of the carers", "support they can expect"] {
            assert!(task.kind.contains(section), "{section}");
        }
    }

    fn kin_008_a_positive_decision_raises_the_joint_visit_and_the_transfer_pod(db) {
        let store = &db.store;
        let id = approved(store);
        use store::HouseholdRepository;
        let h = store.read(|tx| tx.household(&id)).unwrap().unwrap().value;
        let handover: Vec<_> = h.tasks.iter().filter(|t| t.kind.contains("KIN-008")).collect();
        assert_eq!(handover.len(), 2);
        assert!(handover[0].kind.starts_with("Joint visit") && handover[1].kind.starts_with("Transfer POD"));
        assert!(handover.iter().all(|t| t.created == d("2025-03-12") && t.done.is_none()));
    }

    fn sg_007_therapeutic_support_is_offered_only_to_children_living_in_leicestershire(db) {
        let store = &db.store;
        let id = guardians(store);
        let therapy = || SgEntry::Offer { on: d("2025-02-03"), services: vec![SgService::TherapeuticSupport] };
        let v = version(store, &id);
        hh::record_move(store, &assessor(), &FixedClock::on("2025-02-01"), (&id, v), ("1 High Street, Nottingham", "NG1 1AA", d("2025-02-01")), "test").unwrap();
        let refused = sg(store, &id, "2025-02-03", therapy());
        assert!(matches!(&refused, Err(AppError::Invalid(m)) if m.contains("SG-007")), "{refused:?}");
        sg(store, &id, "2025-02-03", SgEntry::Offer { on: d("2025-02-03"), services: vec![SgService::Advice] }).unwrap();
        let v = version(store, &id);
        hh::record_move(store, &assessor(), &FixedClock::on("2025-02-04"), (&id, v), ("2 Main Street, Wigston", "LE18 1AA", d("2025-02-04")), "test").unwrap();
        sg(store, &id, "2025-02-05", therapy()).unwrap();
    }

    fn sg_003_special_guardians_10_to_14_months_after_the_order_come_first_for_follow_up(db) {
        let store = &db.store;
        let id = guardians(store);
        let at = |on: &str| figure(&figures(store, on, 2025), "sg-priority");
        assert_eq!(at("2025-11-09").value, Value::Count(0));
        let peak = at("2026-01-10");
        assert_eq!((peak.value, peak.cases[0].household.as_str()), (Value::Count(1), id.as_str()));
        assert_eq!(at("2026-03-11").value, Value::Count(0));
    }

    fn kpi_kin_05_no_unplanned_ending_among_kinship_placements_is_a_breakdown_rate_of_0(db) {
        let store = &db.store;
        approved(store);
        let rate = figure(&figures(store, "2025-03-31", 2024), "kin-breakdowns");
        assert_eq!((rate.numerator, rate.denominator, rate.value), (0, Some(1), Value::Percent(Some(0.0))));
    }

    fn kin_016_financial_support_needs_the_order_it_is_paid_under_and_the_means_test(db) {
        let store = &db.store;
        let id = guardians(store);
        let money = |order: &str, tested: Option<&str>, pence: Option<i64>| SgEntry::FinancialSupport {
            on: d("2025-02-03"),
            order_type: order.into(),
            means_tested: tested.map(d),
            weekly_pence: pence,
        };
        let untested = sg(store, &id, "2025-02-03", money("sgo", None, Some(14_550)));
        assert!(matches!(untested, Err(AppError::Invalid(ref m)) if m.contains("means test") && m.contains("KIN-016")), "{untested:?}");
        let wrong_order = sg(store, &id, "2025-02-03", money("cao", Some("2025-01-28"), Some(14_550)));
        assert!(matches!(wrong_order, Err(AppError::Invalid(ref m)) if m.contains("Special Guardianship Order")), "{wrong_order:?}");
        let none = sg(store, &id, "2025-02-03", money("", Some("2025-01-28"), Some(14_550)));
        assert!(none.is_err(), "an order type is required");
        assert!(sg(store, &id, "2025-02-03", money("sgo", Some("2025-02-04"), Some(14_550))).is_err(), "tested after");
        assert!(sg(store, &id, "2025-02-03", money("sgo", Some("2025-01-28"), None)).is_err(), "no amount");
        use store::HouseholdRepository;
        let held = |store: &Store| store.read(|tx| tx.household(&id)).unwrap().unwrap().value.roles[0].special_guardianship.clone().unwrap();
        assert!(held(store).financial.is_empty(), "nothing changed");
        sg(store, &id, "2025-02-03", money("sgo", Some("2025-01-28"), Some(14_550))).unwrap();
        let f = &held(store).financial[0];
        assert_eq!((f.order_type.as_str(), f.means_tested, f.weekly_pence), ("sgo", d("2025-01-28"), 14_550));
        assert_eq!(audits(store, "WF-SG.financial_support"), 1);
    }

    fn kin_106_a_familys_own_informal_arrangement_does_not_start_the_connected_carers_process(db) {
        let store = &db.store;
        let id = informal(store);
        let v = version(store, &id);
        let start = hh::add_role(store, &assessor(), &FixedClock::on("2025-05-19"), (&id, v), (RoleKind::ConnectedPersonCarer, Some("SW9".into())), "test");
        assert!(matches!(start, Err(AppError::Invalid(ref m)) if m.contains("KIN-106") && m.contains("informal family and friends")), "{start:?}");
        assert_eq!(version(store, &id), v, "nothing changed");
        // Placed here as a looked-after child, the process applies.
        hh::link_child(store, &assessor(), &FixedClock::on("2025-06-02"), (&id, v), ("C1", LinkKind::PlacedWith, d("2025-06-02")), "test").unwrap();
        let v = version(store, &id);
        hh::add_role(store, &assessor(), &FixedClock::on("2025-06-02"), (&id, v), (RoleKind::ConnectedPersonCarer, Some("SW9".into())), "test").unwrap();
    }

    fn kin_107_a_welfare_concern_in_an_informal_arrangement_raises_a_section_17_assessment_that_day(db) {
        let store = &db.store;
        let id = informal(store);
        let v = version(store, &id);
        let concern = |store: &Store, v: i64, on: &str| hh::raise_welfare_concern(store, &assessor(), &FixedClock::on(on), (&id, v), ("C1", d(on)), "test");
        let n = concern(store, v, "2025-05-19").unwrap();
        use store::HouseholdRepository;
        let h = store.read(|tx| tx.household(&id)).unwrap().unwrap().value;
        let task = &h.tasks[n - 1];
        assert_eq!((task.kind.as_str(), task.created, task.done), (domain::households::household::SECTION_17_TASK, d("2025-05-19"), None));
        assert_eq!(audits(store, "KIN-107.welfare_concern"), 1);
        // Only for a child in an informal arrangement with the household.
        let new = NewHousehold { name: "The Wren family".into(), worker: Some("SW9".into()), ..Default::default() };
        let other = hh::add_household(store, &assessor(), &FixedClock::on("2025-05-01"), new, "test").unwrap();
        let v = version(store, &other);
        let refused = hh::raise_welfare_concern(store, &assessor(), &FixedClock::on("2025-05-19"), (&other, v), ("C1", d("2025-05-19")), "test");
        assert!(matches!(refused, Err(AppError::Invalid(ref m)) if m.contains("KIN-107")), "{refused:?}");
    }
}

/// A household caring for C1 by an informal family and friends arrangement.
fn informal(store: &Store) -> String {
    setup(store);
    let clock = FixedClock::on("2025-05-01");
    let new = NewHousehold {
        name: "The Lark family".into(),
        worker: Some("SW9".into()),
        ..Default::default()
    };
    let id = hh::add_household(store, &assessor(), &clock, new, "test").unwrap();
    let v = version(store, &id);
    hh::link_child(
        store,
        &assessor(),
        &clock,
        (&id, v),
        ("C1", LinkKind::InformalArrangement, d("2025-04-20")),
        "test",
    )
    .unwrap();
    id
}
