//! The section-10 workflows with their own forms, as use cases on both
//! backends: a return home (PATH-007, PATH-005), the Safety Plan route
//! (PATH-003, PATH-004, PATH-006), leaving care on an order (PATH-013,
//! PATH-015) and a discretionary payment (PANEL-017).

mod permanence_fixture;
use permanence_fixture::*;

use domain::codes::ReasonEpisodeCeased;
use domain::permanence::cases::{CaseAction, CaseRecord};
use domain::permanence::order_exit::{OrderExitAction, OrderSought};
use domain::permanence::pathways::{
    AllowanceBasis, NO_FAMILY_NETWORK_MEETING, ObjectiveFor, PostReturnSupport,
    PostReturnSupportKind, Relationship, Requester, ReturnHomeObjective, SafetyMeetingOutcome,
    SafetyPlanOutcome, SgoSupportRequest,
};
use domain::permanence::payments::{OtherAuthority, PaymentAction};
use domain::permanence::return_home::{ObjectiveStatus, ReturnHomeAction};
use domain::permanence::safety_plan::SafetyAction;
use domain::permanence::workflow::WITHDRAWN;
use store::{PermanenceRepository, RecordKind};

fn sw() -> User {
    user(Role::SocialWorker, Some("Blaby"))
}

fn tm() -> User {
    user(Role::TeamManager, Some("Blaby"))
}

/// Acts on a case at its current version.
fn act(store: &Store, who: &User, on: &str, id: &str, a: CaseAction) -> Result<i64, AppError> {
    let v = perm::open_case(store, who, &FixedClock::on(on), id, HERE)?
        .case
        .version;
    perm::act_on_case(store, who, &FixedClock::on(on), id, v, a, HERE).map(|c| c.version)
}

fn rh(a: ReturnHomeAction) -> CaseAction {
    CaseAction::ReturnHome(a)
}

fn step(name: &str) -> CaseAction {
    CaseAction::Step(name.into())
}

fn record(store: &Store, id: &str) -> CaseRecord {
    perm::open_case(store, &sw(), &FixedClock::on("2026-01-01"), id, HERE)
        .unwrap()
        .case
        .value
        .document
        .record
}

/// C1 accommodated under section 20 from 2025-06-20.
fn accommodated(store: &Store) {
    let journey = store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
    app::change_legal_status(
        store,
        &Actor::new("test"),
        &FixedClock::on("2025-06-20"),
        &cid("C1"),
        journey.version,
        d("2025-06-20"),
        LegalStatus::SingleAccommodation,
    )
    .unwrap();
}

/// C1's return home, up to the nominated officer's approval on 2025-08-07.
fn approved_return(store: &Store) -> String {
    let id = perm::start_case(
        store,
        &sw(),
        &FixedClock::on("2025-07-01"),
        &cid("C1"),
        "WF-RETURN-HOME",
        HERE,
    )
    .unwrap();
    let objective = ReturnHomeObjective {
        text: "Parent completes the parenting programme".into(),
        for_whom: ObjectiveFor::Parents,
        target: Some(d("2025-08-01")),
    };
    act(
        store,
        &sw(),
        "2025-07-01",
        &id,
        rh(ReturnHomeAction::AddObjective(objective)),
    )
    .unwrap();
    act(store, &sw(), "2025-07-01", &id, step("start_work")).unwrap();
    let review = ReturnHomeAction::ReviewObjective {
        index: 0,
        on: d("2025-08-01"),
        progress: "Course completed".into(),
        status: ObjectiveStatus::Met,
    };
    act(store, &sw(), "2025-08-01", &id, rh(review)).unwrap();
    act(store, &sw(), "2025-08-01", &id, step("assess_readiness")).unwrap();
    let readiness = ReturnHomeAction::RecordReadiness {
        wishes_considered: d("2025-08-04"),
        iro_consulted: d("2025-08-05"),
        support: PostReturnSupport {
            kind: PostReturnSupportKind::ChildInNeedPlan,
            dated: d("2025-08-20"),
            reference: "CIN-77".into(),
        },
    };
    act(store, &sw(), "2025-08-06", &id, rh(readiness)).unwrap();
    act(store, &sw(), "2025-08-06", &id, step("seek_approval")).unwrap();
    let err = act(
        store,
        &sw(),
        "2025-08-07",
        &id,
        rh(ReturnHomeAction::Approve),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("must be taken by service manager"),
        "{err}"
    );
    act(
        store,
        &user(Role::ServiceManager, None),
        "2025-08-07",
        &id,
        rh(ReturnHomeAction::Approve),
    )
    .unwrap();
    id
}

/// A disabled child, C3, in the Blaby team.
fn disabled_child(store: &Store) {
    let c1 = store
        .read(|tx| tx.journey(&cid("C1")))
        .unwrap()
        .unwrap()
        .value;
    let mut child = c1.child().clone();
    child.id = cid("C3");
    child.disabled = true;
    let journey = CareJourney::build(
        child,
        c1.episodes().to_vec(),
        vec![],
        vec![],
        c1.social_workers().to_vec(),
        vec![],
        d("2025-06-20"),
    )
    .unwrap();
    store
        .write(|tx| tx.insert_journey(&journey, FixedClock::on("2025-06-20").now()))
        .unwrap();
}

test_support::on_both_backends! {
    fn path_007_a_return_home_runs_its_objectives_and_the_s20_episode_ends_on_the_return(db) {
        setup(&db.store);
        accommodated(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-07-01"), &cid("C1"), "WF-RETURN-HOME", HERE).unwrap();
        // An objective without a timescale is refused and nothing changes.
        let no_target = ReturnHomeObjective { text: "Parent completes parenting programme".into(), for_whom: ObjectiveFor::Parents, target: None };
        let err = act(&db.store, &sw(), "2025-07-01", &id, rh(ReturnHomeAction::AddObjective(no_target))).unwrap_err();
        assert_eq!(err.to_string(), "timescale required");
        assert_eq!(audits(&db.store, "WF-RETURN-HOME.objective"), 0);
        let err = act(&db.store, &sw(), "2025-07-01", &id, step("start_work")).unwrap_err();
        assert!(err.to_string().contains("at least one objective"), "{err}");
        let id = approved_return(&db.store);
        // PATH-005: the support plan dated 2025-08-20 is not in place for a return on 2025-08-18.
        let err = act(&db.store, &sw(), "2025-08-18", &id, rh(ReturnHomeAction::Return { on: d("2025-08-18") })).unwrap_err();
        assert!(err.to_string().contains("post-return support plan"), "{err}");
        let journey = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
        assert!(journey.value.current_episode().is_some(), "still looked after");
        act(&db.store, &sw(), "2025-09-01", &id, rh(ReturnHomeAction::Return { on: d("2025-09-01") })).unwrap();
        let journey = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
        assert!(journey.value.current_episode().is_none(), "the episode ended on the return");
        let last = journey.value.episodes().last().unwrap().end.unwrap();
        assert_eq!(last.date, d("2025-09-01"));
        assert_eq!(last.reason, ReasonEpisodeCeased::ReturnedHomePlanned);
        assert_eq!(audits(&db.store, "WF-RETURN-HOME.return"), 1);
        assert_eq!(audits(&db.store, "end_episode"), 1);
        let view = perm::open_case(&db.store, &sw(), &FixedClock::on("2025-09-01"), &id, HERE).unwrap();
        assert_eq!(view.case.value.document.state.code, "closed");
        assert!(audits(&db.store, "view_case") >= 1, "reading a case is audited");
    }

    fn path_007_a_child_on_a_care_order_stays_looked_after_until_the_order_is_discharged(db) {
        setup(&db.store);
        let id = approved_return(&db.store);
        act(&db.store, &sw(), "2025-09-01", &id, rh(ReturnHomeAction::Return { on: d("2025-09-01") })).unwrap();
        let journey = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
        assert!(journey.value.current_episode().is_some(), "placed with parents, still looked after");
        act(&db.store, &sw(), "2025-09-02", &id, step("seek_discharge")).unwrap();
        act(&db.store, &sw(), "2025-12-02", &id, rh(ReturnHomeAction::Discharged { on: d("2025-12-01") })).unwrap();
        let journey = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
        assert_eq!(journey.value.episodes().last().unwrap().end.unwrap().date, d("2025-12-01"));
    }

    fn a_stale_case_form_is_refused_and_another_teams_worker_cannot_open_the_case(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-07-01"), &cid("C1"), "WF-RETURN-HOME", HERE).unwrap();
        let objective = ReturnHomeObjective { text: "Weekly family time goes well".into(), for_whom: ObjectiveFor::Staff, target: Some(d("2025-09-01")) };
        let clock = FixedClock::on("2025-07-01");
        let v = perm::open_case(&db.store, &sw(), &clock, &id, HERE).unwrap().case.version;
        perm::act_on_case(&db.store, &sw(), &clock, &id, v, rh(ReturnHomeAction::AddObjective(objective.clone())), HERE).unwrap();
        let err = perm::act_on_case(&db.store, &sw(), &clock, &id, v, rh(ReturnHomeAction::AddObjective(objective)), HERE).unwrap_err();
        assert!(err.to_string().contains("changed by someone else"), "{err}");
        let melton = user(Role::SocialWorker, Some("Melton"));
        assert!(matches!(perm::open_case(&db.store, &melton, &clock, &id, HERE), Err(AppError::Forbidden(_))));
        assert_eq!(audits(&db.store, "view_case_denied"), 1);
        // Withdrawn (a change of plan) by the worker.
        act(&db.store, &sw(), "2025-07-02", &id, step("withdraw")).unwrap();
        assert_eq!(perm::open_case(&db.store, &sw(), &clock, &id, HERE).unwrap().case.value.document.state.code, WITHDRAWN);
        let err = perm::start_case(&db.store, &sw(), &clock, &cid("C1"), "WF-PERM-PANEL", HERE).unwrap_err();
        assert!(err.to_string().contains("not a workflow that can be started here"), "{err}");
    }

    fn path_003_a_safety_plan_monitored_then_proceedings_avoided_opens_no_episode(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-01-20"), &cid("C1"), "WF-SAFETY-PLAN", HERE).unwrap();
        let s = |a| CaseAction::Safety(a);
        act(&db.store, &sw(), "2025-01-28", &id, s(SafetyAction::Meeting { held: d("2025-01-28"), outcomes: vec![SafetyMeetingOutcome::SupportNetworkIdentified], attendees: "Grandmother, aunt".into() })).unwrap();
        act(&db.store, &sw(), "2025-02-03", &id, s(SafetyAction::StartPlan { started: d("2025-02-03"), reference: "PP-12".into() })).unwrap();
        let err = act(&db.store, &sw(), "2025-03-03", &id, s(SafetyAction::Monitoring { on: d("2025-01-01"), note: "Visit".into() })).unwrap_err();
        assert!(err.to_string().contains("between the plan's start and today"), "{err}");
        act(&db.store, &sw(), "2025-03-03", &id, s(SafetyAction::Monitoring { on: d("2025-03-03"), note: "Home visit: plan followed".into() })).unwrap();
        act(&db.store, &sw(), "2025-06-02", &id, s(SafetyAction::Outcome { outcome: SafetyPlanOutcome::ProceedingsAvoided, on: d("2025-06-02") })).unwrap();
        let CaseRecord::SafetyPlan(r) = record(&db.store, &id) else { panic!("a safety plan") };
        assert_eq!(r.plan.unwrap().outcome, Some((SafetyPlanOutcome::ProceedingsAvoided, d("2025-06-02"))));
        assert_eq!(r.monitoring.len(), 1);
        assert_eq!(audits(&db.store, "WF-SAFETY-PLAN.outcome"), 1);
        assert_eq!(audits(&db.store, "end_episode"), 0);
    }

    fn path_004_proceedings_issued_with_no_safety_meeting_carry_the_warning(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-02-03"), &cid("C1"), "WF-SAFETY-PLAN", HERE).unwrap();
        let issue = CaseAction::Safety(SafetyAction::IssueProceedings { issued: d("2025-04-07"), significant_concerns: true, accommodation: false });
        let err = act(&db.store, &sw(), "2025-04-07", &id, issue.clone()).unwrap_err();
        assert!(err.to_string().contains("must be taken by team manager"), "{err}");
        act(&db.store, &tm(), "2025-04-07", &id, issue).unwrap();
        let CaseRecord::SafetyPlan(r) = record(&db.store, &id) else { panic!("a safety plan") };
        assert_eq!(r.proceedings.unwrap().warnings, vec![NO_FAMILY_NETWORK_MEETING.to_owned()]);
    }

    fn path_006_a_disabled_childs_safety_plan_is_led_by_the_disabled_childrens_service(db) {
        setup(&db.store);
        disabled_child(&db.store);
        let clock = FixedClock::on("2025-07-01");
        let id = perm::start_case(&db.store, &sw(), &clock, &cid("C3"), "WF-SAFETY-PLAN", HERE).unwrap();
        let CaseRecord::SafetyPlan(r) = record(&db.store, &id) else { panic!("a safety plan") };
        assert_eq!(r.queue, domain::permanence::pathways::EdgeOfCareQueue::DisabledChildrensService);
        let id = perm::start_case(&db.store, &sw(), &clock, &cid("C1"), "WF-SAFETY-PLAN", HERE).unwrap();
        let CaseRecord::SafetyPlan(r) = record(&db.store, &id) else { panic!("a safety plan") };
        assert_eq!(r.queue, domain::permanence::pathways::EdgeOfCareQueue::General);
    }

    fn path_015_a_mandatory_sgo_support_request_cannot_be_declined_and_the_sgo_ends_the_episode(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-10-01"), &cid("C1"), "WF-ORDER-EXIT", HERE).unwrap();
        let o = |a| CaseAction::OrderExit(a);
        act(&db.store, &sw(), "2025-10-02", &id, o(OrderExitAction::Intends(OrderSought::SpecialGuardianship))).unwrap();
        act(&db.store, &sw(), "2025-10-02", &id, step("assess_support")).unwrap();
        let request = SgoSupportRequest { received: d("2025-12-01"), requester: Requester::SpecialGuardian, pre_order: false, child_previously_looked_after: true };
        act(&db.store, &sw(), "2025-12-01", &id, o(OrderExitAction::SgoRequest(request))).unwrap();
        let err = act(&db.store, &sw(), "2025-12-02", &id, o(OrderExitAction::SgoDecision { assess: false, reasons: "Not needed".into() })).unwrap_err();
        assert_eq!(err.to_string(), "a mandatory SGO support assessment request cannot be declined");
        act(&db.store, &sw(), "2025-12-02", &id, o(OrderExitAction::SgoDecision { assess: true, reasons: String::new() })).unwrap();
        act(&db.store, &sw(), "2026-01-10", &id, o(OrderExitAction::SupportPlan { agreed: d("2026-01-10") })).unwrap();
        act(&db.store, &sw(), "2026-02-03", &id, o(OrderExitAction::Order { made: d("2026-02-02"), reason: ReasonEpisodeCeased::SgoFormerFosterCarersRelatives })).unwrap();
        let journey = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
        let end = journey.value.episodes().last().unwrap().end.unwrap();
        assert_eq!((end.date, end.reason), (d("2026-02-02"), ReasonEpisodeCeased::SgoFormerFosterCarersRelatives));
    }

    fn path_009_an_informal_family_arrangement_is_recorded_in_a_cin_case_and_ends_the_episode(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-07-01"), &cid("C1"), "WF-ORDER-EXIT", HERE).unwrap();
        let informal = |cin: &str| CaseAction::OrderExit(OrderExitAction::Informal { relationship: Relationship::AuntOrUncle, from: d("2025-07-10"), cin_case: cin.into(), intended_days: None });
        let err = act(&db.store, &sw(), "2025-07-11", &id, informal("")).unwrap_err();
        assert_eq!(err.to_string(), "an informal family arrangement is recorded only inside a Child in Need case");
        let journey = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
        assert!(journey.value.current_episode().is_some(), "nothing changed");
        act(&db.store, &sw(), "2025-07-11", &id, informal("CIN-2025-31")).unwrap();
        let journey = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
        let end = journey.value.episodes().last().unwrap().end.unwrap();
        assert_eq!((end.date, end.reason), (d("2025-07-10"), ReasonEpisodeCeased::LeftToLiveWithParentNoPr));
        assert_eq!(journey.value.episodes().len(), 1, "no episode is opened for the arrangement");
        let CaseRecord::OrderExit(r) = record(&db.store, &id) else { panic!("an order exit") };
        assert_eq!(r.informal.unwrap().cin_case, "CIN-2025-31");
    }

    fn path_013_a_cao_allowance_with_neither_basis_waits_for_a_managers_decision(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-10-01"), &cid("C1"), "WF-ORDER-EXIT", HERE).unwrap();
        let o = |a| CaseAction::OrderExit(a);
        act(&db.store, &sw(), "2025-10-02", &id, o(OrderExitAction::Intends(OrderSought::ChildArrangements))).unwrap();
        act(&db.store, &sw(), "2025-10-02", &id, step("assess_support")).unwrap();
        act(&db.store, &sw(), "2025-11-14", &id, o(OrderExitAction::Allowance { basis: None })).unwrap();
        let err = act(&db.store, &sw(), "2025-11-15", &id, o(OrderExitAction::SupportPlan { agreed: d("2025-11-15") })).unwrap_err();
        assert!(err.to_string().contains("a manager must decide the allowance exception"), "{err}");
        act(&db.store, &tm(), "2025-11-16", &id, o(OrderExitAction::AllowanceException { agreed: true, reasons: "The carers would otherwise foster".into() })).unwrap();
        act(&db.store, &sw(), "2025-11-17", &id, o(OrderExitAction::SupportPlan { agreed: d("2025-11-17") })).unwrap();
        // Existing foster carers: accepted for assessment straight away.
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-10-01"), &cid("C1"), "WF-ORDER-EXIT", HERE).unwrap();
        act(&db.store, &sw(), "2025-10-02", &id, o(OrderExitAction::Intends(OrderSought::ChildArrangements))).unwrap();
        act(&db.store, &sw(), "2025-10-02", &id, step("assess_support")).unwrap();
        act(&db.store, &sw(), "2025-11-14", &id, o(OrderExitAction::Allowance { basis: Some(AllowanceBasis::ExistingFosterCarers) })).unwrap();
        let CaseRecord::OrderExit(r) = record(&db.store, &id) else { panic!("an order exit") };
        assert!(r.allowance.unwrap().for_assessment);
    }

    fn panel_017_a_refused_payment_is_appealed_to_the_service_manager_and_nothing_is_paid(db) {
        setup(&db.store);
        let ssw = user(Role::SupervisingSocialWorker, None);
        let p = |a| CaseAction::Payment(a);
        let form = |other| PaymentAction::Form { need: "Weekly therapy".into(), how_met: "Private therapist".into(), cost_pence: 120_000, other_authority: other, outside_route: None };
        // Another authority's responsibility: the team manager cannot recommend it.
        let assess = || PaymentAction::Assess { notes: "Explored with the carer".into(), required: true };
        let id = perm::start_case(&db.store, &ssw, &FixedClock::on("2025-07-01"), &cid("C1"), "WF-DISC-PAYMENT", HERE).unwrap();
        act(&db.store, &ssw, "2025-07-01", &id, p(assess())).unwrap();
        act(&db.store, &ssw, "2025-07-01", &id, p(form(Some(OtherAuthority::Health)))).unwrap();
        act(&db.store, &ssw, "2025-07-01", &id, step("submit")).unwrap();
        let err = act(&db.store, &tm(), "2025-07-08", &id, p(PaymentAction::Recommend)).unwrap_err();
        assert!(err.to_string().starts_with("other authority's responsibility"), "{err}");
        // A payment the council may make: recommended, so a panel referral is made.
        let id = perm::start_case(&db.store, &ssw, &FixedClock::on("2025-07-01"), &cid("C1"), "WF-DISC-PAYMENT", HERE).unwrap();
        act(&db.store, &ssw, "2025-07-01", &id, p(assess())).unwrap();
        act(&db.store, &ssw, "2025-07-01", &id, p(form(None))).unwrap();
        act(&db.store, &ssw, "2025-07-01", &id, step("submit")).unwrap();
        act(&db.store, &tm(), "2025-07-08", &id, p(PaymentAction::Recommend)).unwrap();
        let CaseRecord::Payment(r) = record(&db.store, &id) else { panic!("a payment") };
        let rid = r.referral.unwrap();
        let adviser = user(Role::PanelAdviser, None);
        let err = act(&db.store, &adviser, "2025-07-10", &id, p(PaymentAction::PanelDecision { outcome: None })).unwrap_err();
        assert!(err.to_string().contains("not recorded its decision"), "{err}");
        // The panel refuses it on its referral; the case reads the decision from there.
        db.store.write(|tx| {
            let mut rf = tx.record::<domain::permanence::referrals::Referral>(RecordKind::Referral, &rid)?.unwrap();
            rf.value.document.outcome = Some(Outcome::PaymentRefused);
            tx.update_record(RecordKind::Referral, &rf.value, rf.version)
        }).unwrap();
        act(&db.store, &adviser, "2025-07-16", &id, p(PaymentAction::PanelDecision { outcome: Some(Outcome::PaymentApproved) })).unwrap();
        let CaseRecord::Payment(r) = record(&db.store, &id) else { panic!("a payment") };
        assert_eq!(r.request.unwrap().panel, Some((Outcome::PaymentRefused, d("2025-07-16"))), "the referral's outcome, not the one typed");
        act(&db.store, &ssw, "2025-07-20", &id, p(PaymentAction::Appeal)).unwrap();
        let err = act(&db.store, &tm(), "2025-07-25", &id, p(PaymentAction::AppealDecision { upheld: true, reasons: "Need shown".into() })).unwrap_err();
        assert!(err.to_string().contains("must be taken by service manager"), "{err}");
        act(&db.store, &user(Role::ServiceManager, None), "2025-07-25", &id, p(PaymentAction::AppealDecision { upheld: true, reasons: "Need shown".into() })).unwrap();
        let view = perm::open_case(&db.store, &sw(), &FixedClock::on("2025-07-25"), &id, HERE).unwrap();
        assert_eq!(view.case.value.document.state.code, "approved");
        let finance = user(Role::FinanceOfficer, None);
        assert!(view.case.value.document.offers(&finance, &view.context).is_empty(), "the payment itself is not made here");
        let err = act(&db.store, &finance, "2025-07-26", &id, step("pay")).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
    }

    fn path_002_a_child_is_accommodated_only_once_support_to_keep_them_at_home_is_recorded(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-03-03"), &cid("C1"), "WF-SAFETY-PLAN", HERE).unwrap();
        let s = |a| CaseAction::Safety(a);
        let accommodate = s(SafetyAction::IssueProceedings { issued: d("2025-04-14"), significant_concerns: false, accommodation: true });
        let err = act(&db.store, &tm(), "2025-04-14", &id, accommodate.clone()).unwrap_err();
        assert_eq!(err.to_string(), "preservation support not evidenced");
        assert_eq!(audits(&db.store, "WF-SAFETY-PLAN.proceedings"), 0, "nothing saved");
        // Support offered after the proposed date does not count.
        act(&db.store, &sw(), "2025-04-15", &id, s(SafetyAction::Support { offered: d("2025-04-15"), description: "Short breaks".into() })).unwrap();
        let err = act(&db.store, &tm(), "2025-04-15", &id, accommodate.clone()).unwrap_err();
        assert_eq!(err.to_string(), "preservation support not evidenced");
        let err = act(&db.store, &sw(), "2025-04-15", &id, s(SafetyAction::Support { offered: d("2025-04-01"), description: " ".into() })).unwrap_err();
        assert!(err.to_string().contains("enter what support was offered"), "{err}");
        act(&db.store, &sw(), "2025-04-15", &id, s(SafetyAction::Support { offered: d("2025-04-01"), description: "Family support worker twice a week".into() })).unwrap();
        act(&db.store, &tm(), "2025-04-15", &id, accommodate).unwrap();
        let CaseRecord::SafetyPlan(r) = record(&db.store, &id) else { panic!("a safety plan") };
        assert!(r.proceedings.unwrap().accommodation);
        assert_eq!(audits(&db.store, "WF-SAFETY-PLAN.support"), 2);
    }

    fn path_004_kin_002_a_safety_meeting_where_family_offered_care_opens_the_viability_request(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-03-03"), &cid("C1"), "WF-SAFETY-PLAN", HERE).unwrap();
        let s = |a| CaseAction::Safety(a);
        let aunt = || s(SafetyAction::Viability { carer: "Aunt".into(), relationship: Relationship::AuntOrUncle, requested: d("2025-03-12"), extended_family_considered: None, friends_option_agreed: None });
        let offered = |store: &Store| perm::open_case(store, &sw(), &FixedClock::on("2025-03-12"), &id, HERE).unwrap();
        act(&db.store, &sw(), "2025-03-10", &id, s(SafetyAction::Meeting { held: d("2025-03-10"), outcomes: vec![SafetyMeetingOutcome::NoOffer], attendees: "Grandmother".into() })).unwrap();
        let view = offered(&db.store);
        assert!(!view.case.value.document.offers(&sw(), &view.context).iter().any(|o| o.action == "viability"));
        let err = act(&db.store, &sw(), "2025-03-12", &id, aunt()).unwrap_err();
        assert!(err.to_string().contains("follows a Safety Meeting where family offered care"), "{err}");
        act(&db.store, &sw(), "2025-03-11", &id, s(SafetyAction::Meeting { held: d("2025-03-11"), outcomes: vec![SafetyMeetingOutcome::FamilyOfferingCare], attendees: "Aunt, grandmother".into() })).unwrap();
        let view = offered(&db.store);
        assert!(view.case.value.document.offers(&sw(), &view.context).iter().any(|o| o.action == "viability"));
        act(&db.store, &sw(), "2025-03-12", &id, aunt()).unwrap();
        let CaseRecord::SafetyPlan(r) = record(&db.store, &id) else { panic!("a safety plan") };
        assert_eq!(r.viability_requests.len(), 1);
        assert_eq!(audits(&db.store, "WF-SAFETY-PLAN.viability"), 1);
    }

    fn path_008_a_friend_is_assessed_only_after_the_extended_family_was_considered_and_the_friends_option_agreed(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-04-01"), &cid("C1"), "WF-SAFETY-PLAN", HERE).unwrap();
        let s = |a| CaseAction::Safety(a);
        act(&db.store, &sw(), "2025-04-02", &id, s(SafetyAction::Meeting { held: d("2025-04-02"), outcomes: vec![SafetyMeetingOutcome::FamilyOfferingCare], attendees: "Family friend".into() })).unwrap();
        let friend = |family: Option<&str>, friends: Option<&str>| s(SafetyAction::Viability { carer: "Family friend".into(), relationship: Relationship::FamilyFriend, requested: d("2025-04-10"), extended_family_considered: family.map(d), friends_option_agreed: friends.map(d) });
        let err = act(&db.store, &sw(), "2025-04-10", &id, friend(None, None)).unwrap_err();
        assert_eq!(err.to_string(), "extended family options considered must be completed first");
        let err = act(&db.store, &sw(), "2025-04-10", &id, friend(Some("2025-04-08"), None)).unwrap_err();
        assert_eq!(err.to_string(), "the friends and support network option must be discussed and agreed first");
        assert_eq!(audits(&db.store, "WF-SAFETY-PLAN.viability"), 0, "nothing saved");
        act(&db.store, &sw(), "2025-04-10", &id, friend(Some("2025-04-08"), Some("2025-04-09"))).unwrap();
        assert_eq!(audits(&db.store, "WF-SAFETY-PLAN.viability"), 1);
    }

    fn path_010_a_looked_after_child_leaving_to_live_with_a_family_friend_is_private_fostering_from_day_28(db) {
        use domain::permanence::pathways::ArrangementClass;
        setup(&db.store);
        let id = perm::start_case(&db.store, &sw(), &FixedClock::on("2025-07-01"), &cid("C1"), "WF-ORDER-EXIT", HERE).unwrap();
        let friend = CaseAction::OrderExit(OrderExitAction::Informal { relationship: Relationship::FamilyFriend, from: d("2025-07-10"), cin_case: String::new(), intended_days: None });
        act(&db.store, &sw(), "2025-07-11", &id, friend).unwrap();
        let journey = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
        assert_eq!(journey.value.episodes().last().unwrap().end.unwrap().date, d("2025-07-10"), "left care");
        let status = |on: &str| {
            let view = perm::open_case(&db.store, &sw(), &FixedClock::on(on), &id, HERE).unwrap();
            let CaseRecord::OrderExit(r) = view.case.value.document.record.clone() else { panic!("an order exit") };
            r.informal.unwrap().private_fostering(&view.context, d(on)).unwrap()
        };
        assert_eq!(status("2025-08-06").class, ArrangementClass::NotPrivateFostering);
        let pf = status("2025-08-07");
        assert_eq!((pf.class, pf.classed_from, pf.assessment_task), (ArrangementClass::PrivateFostering, Some(d("2025-08-07")), true));
    }
}
