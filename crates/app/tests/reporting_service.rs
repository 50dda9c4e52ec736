//! The measures read from households' roles and complaints, on both
//! backends: a hand-made set of foster carers, connected persons, special
//! guardians, adopters, Staying Put and Supported Lodgings arrangements and
//! complaints, each taken through its steps by the use cases people use,
//! and the figures of 2025-26 worked out by hand beside each assertion.
//! Every line behind a figure is the role or complaint, never a name.

mod permanence_fixture;

use app::complaints as cmp;
use app::fostering::kinship::record_kinship_entry;
use app::fostering::special_guardianship::record_sg_entry;
use app::households::{self as hh, NewHousehold};
use app::reporting::{measure_children, performance};
use domain::complaints::complaint::{NewComplaint, Stage2, StepDetails};
use domain::complaints::resolution::{Closing, Costs, OmbudsmanDecision, Outcome, Route};
use domain::fostering::kinship::KinshipEntry;
use domain::fostering::special_guardianship::{SgEntry, SgService};
use domain::households::lifecycle::RoleKind;
use domain::reporting::conventions::{Period, one_decimal};
use domain::reporting::measures::{Counted, Who};
use permanence_fixture::{FixedClock, Role, Store, User, d, setup, user};

const TODAY: &str = "2026-03-31";

fn ssw() -> User {
    user(Role::SupervisingSocialWorker, Some("Fostering"))
}

fn version(store: &Store, id: &str) -> i64 {
    use store::HouseholdRepository;
    store.read(|tx| tx.household(id)).unwrap().unwrap().version
}

/// Who takes a step: the panel adviser the panel's, the agency decision
/// maker the decisions, the supervising social worker the rest (and all
/// of a Supported Lodgings host's).
fn taker(kind: RoleKind, step: &str) -> User {
    match step {
        _ if kind == RoleKind::SupportedLodgingsHost => ssw(),
        "recommend" => user(Role::PanelAdviser, None),
        "approve" | "refuse" | "review_decision" => user(Role::AgencyDecisionMaker, None),
        _ => ssw(),
    }
}

/// A household holding a role of `kind` begun on `start`, taken through
/// `steps` (step, date); a connected person's panel and decision carry
/// `approve` with their reasons.
fn role(
    store: &Store,
    kind: RoleKind,
    start: &str,
    steps: &[(&str, &str)],
    approve: bool,
) -> String {
    let new = NewHousehold {
        name: "The Measure family".into(),
        worker: Some("SW9".into()),
        role: Some(kind),
        ..Default::default()
    };
    let id = hh::add_household(store, &ssw(), &FixedClock::on(start), new, "test").unwrap();
    let role = format!("{id}-R1");
    for (step, on) in steps {
        let clock = FixedClock::on(on);
        let at = (id.as_str(), version(store, &id));
        let reasons = "As assessed".to_owned();
        let done = match (kind, *step) {
            (RoleKind::ConnectedPersonCarer, "recommend") => {
                let entry = KinshipEntry::PanelRecommendation {
                    on: d(on),
                    approve,
                    reasons,
                };
                record_kinship_entry(
                    store,
                    &taker(kind, step),
                    &clock,
                    at,
                    (&role, entry),
                    "test",
                )
            }
            (RoleKind::ConnectedPersonCarer, "approve") => {
                let entry = KinshipEntry::AgencyDecision {
                    on: d(on),
                    approve,
                    reasons,
                };
                record_kinship_entry(
                    store,
                    &taker(kind, step),
                    &clock,
                    at,
                    (&role, entry),
                    "test",
                )
            }
            (RoleKind::SpecialGuardian, "record_order") => {
                let entry = SgEntry::Order {
                    child: "C1".into(),
                    on: d(on),
                };
                record_sg_entry(store, &ssw(), &clock, at, (&role, entry), "test")
            }
            (RoleKind::SpecialGuardian, "offer_support") => {
                let entry = SgEntry::Offer {
                    on: d(on),
                    services: vec![SgService::Advice],
                };
                record_sg_entry(store, &ssw(), &clock, at, (&role, entry), "test")
            }
            (RoleKind::ConnectedPersonCarer, "complete_assessment") => {
                // KIN-001 and KIN-003: assessed for a named child, screened
                // by the team manager first.
                let link = (
                    "C1",
                    domain::households::household::LinkKind::PlacedWith,
                    d(on),
                );
                hh::link_child(store, &ssw(), &clock, at, link, "test").unwrap();
                let tm = user(Role::TeamManager, Some("Fostering"));
                let screening = (role.as_str(), KinshipEntry::Screening { on: d(on) });
                let at = (id.as_str(), version(store, &id));
                record_kinship_entry(store, &tm, &clock, at, screening, "test").unwrap();
                let at = (id.as_str(), version(store, &id));
                hh::take_step(
                    store,
                    &taker(kind, step),
                    &clock,
                    at,
                    (&role, step, d(on)),
                    "test",
                )
            }
            (RoleKind::FosterCarer, _) => app::fostering::carers::record_carer_step(
                store,
                &taker(kind, step),
                &clock,
                (role.as_str(), at.1),
                test_support::fostering::foster_step(step, d(on)),
                "test",
            ),
            _ => hh::take_step(
                store,
                &taker(kind, step),
                &clock,
                at,
                (&role, step, d(on)),
                "test",
            ),
        };
        done.unwrap_or_else(|e| panic!("{step} on {on}: {e}"));
    }
    role
}

/// The foster carers: A approved in the year, B (approved the year
/// before) reviewed and deregistered, C's assessment withdrawn, D only enquired.
fn foster_carers(store: &Store) -> [String; 4] {
    let fc = RoleKind::FosterCarer;
    let a = role(
        store,
        fc,
        "2025-04-10",
        &[
            ("visit", "2025-05-01"),
            ("proceed", "2025-05-10"),
            ("start_form_f", "2025-05-20"),
            ("complete_form_f", "2025-09-01"),
            ("recommend", "2025-10-01"),
            ("approve", "2025-10-15"),
        ],
        true,
    );
    let b = role(
        store,
        fc,
        "2024-06-01",
        &[
            ("visit", "2024-07-01"),
            ("proceed", "2024-07-05"),
            ("start_form_f", "2024-08-01"),
            ("complete_form_f", "2024-12-01"),
            ("recommend", "2025-01-10"),
            ("approve", "2025-01-20"),
            ("review", "2026-01-15"),
            ("review_decision", "2026-01-20"),
            ("deregister", "2026-02-01"),
        ],
        true,
    );
    let c = role(
        store,
        fc,
        "2025-05-01",
        &[
            ("visit", "2025-06-01"),
            ("proceed", "2025-06-05"),
            ("start_form_f", "2025-06-10"),
            ("withdraw", "2025-11-01"),
        ],
        true,
    );
    let dd = role(store, fc, "2025-06-01", &[], true);
    [a, b, c, dd]
}

/// Connected persons: E approved, F not approved by the decision maker.
fn connected_persons(store: &Store) -> [String; 2] {
    let steps = |iva: &'static str, done: &'static str, panel: &'static str, adm: &'static str| {
        vec![
            ("start_iva", "2025-04-02"),
            ("iva_positive", iva),
            ("start_full_assessment", iva),
            ("complete_assessment", done),
            ("recommend", panel),
            ("approve", adm),
        ]
    };
    let kin = RoleKind::ConnectedPersonCarer;
    let e = role(
        store,
        kin,
        "2025-04-01",
        &steps("2025-04-20", "2025-08-01", "2025-09-01", "2025-09-10"),
        true,
    );
    let f = role(
        store,
        kin,
        "2025-04-01",
        &steps("2025-05-01", "2025-09-01", "2025-10-01", "2025-10-10"),
        false,
    );
    [e, f]
}

fn complaint(store: &Store, received: &str, who: &str) -> String {
    let new = NewComplaint {
        complainant: "Robin Complainant".into(),
        complainant_is: who.into(),
        household: None,
        team: "Blaby".into(),
        received: d(received),
        subject: String::new(),
        safeguarding: false,
    };
    let cm = user(Role::ComplaintsManager, None);
    cmp::receive_complaint(store, &cm, &FixedClock::on(received), new, "test").unwrap()
}

fn step(store: &Store, id: &str, step: &str, on: &str) {
    step_with(store, id, step, on, StepDetails::default());
}

fn step_with(store: &Store, id: &str, step: &str, on: &str, details: StepDetails) {
    let who = match step {
        "adjudicate" => user(Role::HeadOfService, None),
        _ => user(Role::ComplaintsManager, None),
    };
    let clock = FixedClock::on(on);
    let version = cmp::open_complaint(store, &who, &clock, id, "test")
        .unwrap()
        .version;
    let people = (step == "request_stage_two").then(|| Stage2 {
        investigating_officer: "Ivy Investigator".into(),
        independent_person: "Ian Independent".into(),
    });
    cmp::take_complaint_step(
        store,
        &who,
        &clock,
        (id, version),
        (
            step,
            d(on),
            StepDetails {
                stage_two: people,
                ..details
            },
        ),
        "test",
    )
    .unwrap_or_else(|e| panic!("{step} on {on}: {e}"));
}

/// K1 from a child answered in 16 working days; K2 answered in 26, then
/// adjudicated at Stage 2 in 30; K3 not yet answered; K4 received the year
/// before, its Stage 2 asked in the year and adjudicated long after 65.
fn complaints(store: &Store) -> [String; 4] {
    let k1 = complaint(store, "2025-04-01", "child");
    step(store, &k1, "respond_stage_one", "2025-04-25");
    let k2 = complaint(store, "2025-05-01", "parent");
    step(store, &k2, "respond_stage_one", "2025-06-10");
    step(store, &k2, "request_stage_two", "2025-06-20");
    step(store, &k2, "adjudicate", "2025-08-01");
    let k3 = complaint(store, "2026-03-02", "carer");
    let k4 = complaint(store, "2025-03-01", "parent");
    step(store, &k4, "respond_stage_one", "2025-03-20");
    step(store, &k4, "request_stage_two", "2025-04-10");
    step(store, &k4, "adjudicate", "2026-01-30");
    [k1, k2, k3, k4]
}

/// Closes a complaint with its outcome, principal cause and remedies.
fn close(store: &Store, id: &str, on: &str, (outcome, cause): (Outcome, &str), wider: &str) {
    close_costing(store, id, on, (outcome, cause), wider, Costs::default());
}

fn close_costing(
    store: &Store,
    id: &str,
    on: &str,
    (outcome, cause): (Outcome, &str),
    wider: &str,
    costs: Costs,
) {
    let closing = Closing {
        outcome: Some(outcome),
        cause: cause.into(),
        redress: "An apology".into(),
        wider_action: wider.into(),
        costs,
        ..Closing::default()
    };
    step_with(
        store,
        id,
        "close",
        on,
        StepDetails {
            closing,
            ..StepDetails::default()
        },
    );
}

fn analyst() -> User {
    user(Role::PerformanceAnalyst, None)
}

fn year() -> Period {
    Period::parse("2025-26").unwrap()
}

/// A measure's value for 2025-26, to one decimal place.
fn value(store: &Store, key: &str) -> Option<f64> {
    let view = performance(store, &analyst(), &FixedClock::on(TODAY), year(), "test").unwrap();
    let row = view.rows.iter().find(|r| r.measure.key == key).unwrap();
    row.value.map(one_decimal)
}

/// The records behind a measure's figure for 2025-26 and how each counts.
fn behind(store: &Store, key: &str) -> Vec<(String, Counted)> {
    let list = measure_children(
        store,
        &analyst(),
        &FixedClock::on(TODAY),
        key,
        year(),
        "test",
    )
    .unwrap();
    assert!(
        list.lines.iter().all(|l| l.name.is_none()),
        "no one is named"
    );
    list.lines
        .iter()
        .map(|l| (l.who.id().to_owned(), l.counted))
        .collect()
}

fn counted(ids: &[&String]) -> Vec<(String, Counted)> {
    ids.iter()
        .map(|id| (id.to_string(), Counted::Numerator))
        .collect()
}

test_support::on_both_backends! {
    fn kpi_fos_01_kpi_fos_04_kpi_fos_06_kpi_fos_07_kpi_fos_10_need_013_the_fostering_funnel_losses_closures_and_time_to_panel_from_the_carers_roles(db) {
        let store = &db.store;
        setup(store);
        let [a, b, c, dd] = foster_carers(store);
        // Enquiries A, C, D (B enquired the year before); visits and Form F
        // begun A and C; approved A.
        assert_eq!(behind(store, "fos-01-enquiries"), counted(&[&a, &c, &dd]));
        assert_eq!(value(store, "fos-01-visits"), Some(2.0));
        assert_eq!(value(store, "fos-01-assessments"), Some(2.0));
        assert_eq!(behind(store, "fos-01-approved"), counted(&[&a]));
        // B, approved in January 2025, deregistered in February 2026: lost;
        // at 31 March 2026 only A is an approved household.
        assert_eq!(behind(store, "fos-04-lost"), counted(&[&b]));
        assert_eq!(behind(store, "fos-04-households"), counted(&[&a]));
        // C's Form F withdrawn before panel: one closure; the approval rate
        // is 1 approval of 2 completed assessments = 50%.
        assert_eq!(behind(store, "fos-06-closures"), counted(&[&c]));
        assert_eq!(value(store, "fos-06-rate"), Some(50.0));
        // A: initial visit 1 May to panel 1 October 2025 = 153 days.
        assert_eq!(value(store, "fos-07"), Some(153.0));
        // B's annual review in January 2026.
        assert_eq!(behind(store, "fos-10"), counted(&[&b]));
        let list = measure_children(store, &analyst(), &FixedClock::on(TODAY), "fos-07", year(), "test").unwrap();
        assert_eq!(list.lines[0].days, Some(153));
        assert_eq!(list.lines[0].who, Who::Role(a.clone()));
        assert!(list.lines[0].who.href().starts_with("/households/H"));
    }

    fn kpi_kin_01_kpi_kin_02_kpi_kin_03_kpi_fos_20_need_012_kinship_assessments_approvals_and_the_connected_households_share(db) {
        let store = &db.store;
        setup(store);
        let [a, ..] = foster_carers(store);
        let [e, f] = connected_persons(store);
        // Two positive viability assessments, two full assessments; E
        // approved, F not approved by the decision maker.
        assert_eq!(value(store, "kin-01"), Some(2.0));
        assert_eq!(value(store, "kin-02-assessments"), Some(2.0));
        assert_eq!(behind(store, "kin-02-approved"), counted(&[&e]));
        assert_eq!(behind(store, "kin-02-negative"), counted(&[&f]));
        assert_eq!(behind(store, "kin-03"), counted(&[&e]));
        // E connected, A mainstream: 1 of 2 approved fostering households = 50%.
        assert_eq!(value(store, "fos-20"), Some(50.0));
        let share = behind(store, "fos-20");
        assert!(share.contains(&(e.clone(), Counted::Numerator)));
        assert!(share.contains(&(a.clone(), Counted::DenominatorOnly)));
    }

    fn kpi_sg_01_need_011_kpi_leave_06_kpi_leave_07_special_guardians_staying_put_and_supported_lodgings_held_at_the_years_end(db) {
        let store = &db.store;
        setup(store);
        // G's order for C1 made on 10 January 2025: holding it on 31 March
        // 2026, and in its three-year support window.
        let g = role(store, RoleKind::SpecialGuardian, "2025-01-10", &[("record_order", "2025-01-10")], true);
        assert_eq!(behind(store, "sg-01-carers"), counted(&[&g]));
        assert_eq!(behind(store, "sg-01-support"), counted(&[&g]));
        let j = role(store, RoleKind::StayingPutCarer, "2025-09-01", &[], true);
        assert_eq!(behind(store, "leave-06"), counted(&[&j]));
        let k = role(store, RoleKind::SupportedLodgingsHost, "2025-05-01", &[("assess", "2025-05-10"), ("approve", "2025-06-01")], true);
        assert_eq!(behind(store, "leave-07"), counted(&[&k]));
    }

    fn kpi_adp_08_kpi_adp_09_kpi_adp_10_the_adopters_funnel_approvals_and_time_in_each_stage(db) {
        let store = &db.store;
        setup(store);
        let i = role(store, RoleKind::Adopter, "2025-04-15", &[
            ("visit", "2025-05-01"), ("register", "2025-05-10"), ("complete_stage_one", "2025-07-10"),
            ("start_stage_two", "2025-07-20"), ("complete_stage_two", "2025-11-20"),
            ("recommend", "2025-12-10"), ("approve", "2025-12-20"),
        ], true);
        assert_eq!(behind(store, "adp-08-enquiries"), counted(&[&i]));
        assert_eq!(behind(store, "adp-08-registrations"), counted(&[&i]));
        assert_eq!(behind(store, "adp-09"), counted(&[&i]));
        // Stage One 10 May to 10 July = 61 days; Stage Two 20 July to 20 November = 123.
        assert_eq!(value(store, "adp-10-stage-one"), Some(61.0));
        assert_eq!(value(store, "adp-10-stage-two"), Some(123.0));
    }

    fn kpi_cmpl_01_kpi_cmpl_02_kpi_cmpl_04_kpi_cmpl_05_kpi_cmpl_09_complaints_by_stage_escalation_and_timeliness_in_working_days(db) {
        let store = &db.store;
        setup(store);
        let [k1, k2, k3, k4] = complaints(store);
        // Received in 2025-26: K1, K2, K3; Stage 2 asked: K2 and K4.
        assert_eq!(behind(store, "cmpl-01-stage-1"), counted(&[&k1, &k2, &k3]));
        assert_eq!(behind(store, "cmpl-01-stage-2"), counted(&[&k2, &k4]));
        // Of the three received, K2 went on to Stage 2: 33.3%.
        assert_eq!(value(store, "cmpl-02"), Some(33.3));
        // Stage 1: K1 in 16 working days (Good Friday and Easter Monday
        // 2025 not counted), K2 in 26 (two May bank holidays): 50%.
        let list = measure_children(store, &analyst(), &FixedClock::on(TODAY), "cmpl-04", year(), "test").unwrap();
        let days: Vec<(String, Option<i64>, Counted)> = list.lines.iter().map(|l| (l.who.id().to_owned(), l.days, l.counted)).collect();
        assert_eq!(days, vec![(k1.clone(), Some(16), Counted::Numerator), (k2.clone(), Some(26), Counted::DenominatorOnly)]);
        assert_eq!(value(store, "cmpl-04"), Some(50.0));
        // Stage 2: K2 adjudicated in 30 working days, K4 far past 65: 50%.
        assert_eq!(value(store, "cmpl-05"), Some(50.0));
        assert_eq!(behind(store, "cmpl-05")[0], (k2.clone(), Counted::Numerator));
        // K1 was made by the child.
        assert_eq!(behind(store, "cmpl-09"), counted(&[&k1]));
    }

    fn kpi_cmpl_03_kpi_cmpl_07_kpi_cmpl_08_kpi_cmpl_10_kpi_cmpl_12_kpi_cmpl_13_kpi_cmpl_15_cost_006_escalation_fault_cause_cost_and_learning_of_the_complaints_resolved(db) {
        let store = &db.store;
        setup(store);
        // P1 upheld for delay with a wider action; P2 not upheld (a
        // disputed decision); P3 to a Stage 3 panel, partly upheld for
        // delay, redress only; P4 to the Ombudsman before its Stage 2
        // adjudication, fault with injustice, upheld (workers hard to
        // reach) with a wider action; P5 adjudicated at Stage 2, still open.
        let p1 = complaint(store, "2025-04-01", "parent");
        step(store, &p1, "respond_stage_one", "2025-04-20");
        // P1 paid £250.50 in redress (reported as £260).
        let redress = Costs { financial_redress: 25_050, ..Costs::default() };
        close_costing(store, &p1, "2025-04-25", (Outcome::Upheld, "delay"), "Timescales training for the team", redress);
        let p2 = complaint(store, "2025-05-01", "parent");
        step(store, &p2, "respond_stage_one", "2025-05-20");
        close(store, &p2, "2025-05-25", (Outcome::NotUpheld, "decision"), "");
        let p3 = complaint(store, "2025-06-01", "carer");
        step(store, &p3, "respond_stage_one", "2025-06-20");
        step(store, &p3, "request_stage_two", "2025-06-25");
        step(store, &p3, "adjudicate", "2025-08-01");
        let panel = vec!["Chair".to_owned(), "Member A".to_owned(), "Member B".to_owned()];
        step_with(store, &p3, "request_stage_three", "2025-08-10", StepDetails { panel, ..StepDetails::default() });
        step(store, &p3, "hold_panel", "2025-09-10");
        // P3's Stage 2 cost £4,123.45 (reported £4,130) and its panel £1,000.
        let investigated = Costs { stage_two: 412_345, stage_three: 100_000, ..Costs::default() };
        close_costing(store, &p3, "2025-09-20", (Outcome::PartlyUpheld, "delay"), "", investigated);
        let p4 = complaint(store, "2025-07-01", "parent");
        step(store, &p4, "request_stage_two", "2025-07-10");
        step(store, &p4, "refer_ombudsman", "2025-07-20");
        let decided = StepDetails {
            decision: Some(OmbudsmanDecision::FaultWithInjustice),
            remedy: "A payment of £300".into(),
            ..StepDetails::default()
        };
        step_with(store, &p4, "ombudsman_decides", "2025-12-01", decided);
        close(store, &p4, "2025-12-05", (Outcome::Upheld, "workers"), "A duty line for the team");
        let p5 = complaint(store, "2025-08-01", "parent");
        step(store, &p5, "request_stage_two", "2025-08-05");
        step(store, &p5, "adjudicate", "2025-09-01");
        // Stage 2 asked in 2025-26: P3 (panel), P4 (early Ombudsman), P5: 66.7%.
        let mut three = behind(store, "cmpl-03");
        three.sort_by(|a, b| a.0.cmp(&b.0));
        let mut want = vec![(p3.clone(), Counted::Numerator), (p4.clone(), Counted::Numerator), (p5.clone(), Counted::DenominatorOnly)];
        want.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(three, want);
        assert_eq!(value(store, "cmpl-03"), Some(66.7));
        // Resolved: P1 to P4; fault in P1, P3, P4: 75%.
        assert_eq!(value(store, "cmpl-07"), Some(75.0));
        // Delay in P1 and P3 of the four: 50%.
        assert_eq!(value(store, "cmpl-08-delay"), Some(50.0));
        // Of the three with fault, P1 and P4 led to a wider action: 66.7%.
        assert_eq!(value(store, "cmpl-13"), Some(66.7));
        assert!(behind(store, "cmpl-13").contains(&(p3.clone(), Counted::DenominatorOnly)));
        // The Ombudsman decided P4, with fault: 100%.
        assert_eq!(behind(store, "cmpl-10"), vec![(p4.clone(), Counted::Numerator)]);
        assert_eq!(value(store, "cmpl-10"), Some(100.0));
        // KPI-CMPL-15: Q complains of being refused approval as an
        // adopter, and is redirected to the Independent Review Mechanism.
        let new = NewComplaint {
            complainant: "Robin Applicant".into(),
            complainant_is: "other".into(),
            household: None,
            team: "Blaby".into(),
            received: d("2025-10-01"),
            subject: "adopter_approval".into(),
            safeguarding: false,
        };
        let cm = user(Role::ComplaintsManager, None);
        let q = cmp::receive_complaint(store, &cm, &FixedClock::on("2025-10-01"), new, "test").unwrap();
        step_with(store, &q, "redirect", "2025-10-03", StepDetails { route: Some(Route::Irm), ..StepDetails::default() });
        assert_eq!(behind(store, "cmpl-15"), counted(&[&q]));
        let list = measure_children(store, &analyst(), &FixedClock::on(TODAY), "cmpl-15", year(), "test").unwrap();
        assert_eq!(list.lines[0].why, "Received on 2025-10-01, redirected to the Independent Review Mechanism");
        // KPI-CMPL-12: £260 + £4,130 + £1,000 = £5,390, over P1 and P3.
        assert_eq!(value(store, "cmpl-12"), Some(5390.0));
        assert_eq!(behind(store, "cmpl-12"), counted(&[&p1, &p3]));
    }

    fn kpi_fos_03_kpi_fos_08_kpi_fos_16_approvals_panel_business_and_allegations_against_carers(db) {
        let store = &db.store;
        setup(store);
        let [a, _, _, _] = foster_carers(store);
        // G approved in the year, then an allegation logged about them; I
        // an adopter approved in December.
        let g = role(store, RoleKind::FosterCarer, "2025-04-20", &[
            ("visit", "2025-05-02"), ("proceed", "2025-05-12"), ("start_form_f", "2025-05-22"),
            ("complete_form_f", "2025-09-02"), ("recommend", "2025-10-02"), ("approve", "2025-10-16"),
            ("log_allegation", "2025-12-01"),
        ], true);
        let i = role(store, RoleKind::Adopter, "2025-04-15", &[
            ("visit", "2025-05-01"), ("register", "2025-05-10"), ("complete_stage_one", "2025-07-10"),
            ("start_stage_two", "2025-07-20"), ("complete_stage_two", "2025-11-20"),
            ("recommend", "2025-12-10"), ("approve", "2025-12-20"),
        ], true);
        let sorted = |mut v: Vec<(String, Counted)>| {
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        // Approvals: foster carers A and G and adopter I (B was approved in 2024-25).
        assert_eq!(sorted(behind(store, "fos-03")), sorted(counted(&[&a, &g, &i])));
        // The fostering panel: A's and G's recommendations (B's review was not at panel).
        assert_eq!(sorted(behind(store, "fos-08")), sorted(counted(&[&a, &g])));
        // One allegation, about G.
        assert_eq!(behind(store, "fos-16"), counted(&[&g]));
        assert_eq!(value(store, "fos-16"), Some(1.0));
    }

    fn kpi_adp_11_kpi_sg_02_adopters_approved_and_waiting_and_the_calls_to_special_guardians_that_led_to_support(db) {
        let store = &db.store;
        setup(store);
        let approval = [
            ("visit", "2025-05-01"), ("register", "2025-05-10"), ("complete_stage_one", "2025-07-10"),
            ("start_stage_two", "2025-07-20"), ("complete_stage_two", "2025-11-20"),
            ("recommend", "2025-12-10"), ("approve", "2025-12-20"),
        ];
        // I approved on 20 December 2025 and still waiting; L approved the
        // same day and linked with a child on 1 February 2026; M still in
        // Stage Two.
        let i = role(store, RoleKind::Adopter, "2025-04-15", &approval, true);
        let linked: Vec<(&str, &str)> = approval.iter().copied().chain([("link", "2026-02-01")]).collect();
        let l = role(store, RoleKind::Adopter, "2025-04-15", &linked, true);
        role(store, RoleKind::Adopter, "2025-04-15", &approval[..4], true);
        // On 31 March 2026 only I waits; on 31 December 2025 (the third
        // quarter's end) L was not yet linked, so both waited.
        assert_eq!(behind(store, "adp-11"), counted(&[&i]));
        let q3 = Period::parse("2025-26-q3").unwrap();
        let view = performance(store, &analyst(), &FixedClock::on(TODAY), q3, "test").unwrap();
        let waiting = view.rows.iter().find(|r| r.measure.key == "adp-11").unwrap();
        assert_eq!(waiting.value, Some(2.0));
        let q3_list = measure_children(store, &analyst(), &FixedClock::on(TODAY), "adp-11", q3, "test").unwrap();
        let q3_ids: Vec<&str> = q3_list.lines.iter().map(|x| x.who.id()).collect();
        assert_eq!(q3_ids, vec![i.as_str(), l.as_str()]);
        // G's order made on 10 January 2025: the call of 10 July 2025 (six
        // months after) led to advice offered that day, the call of 12
        // January 2026 (twelve months after) to nothing: 1 of 2 calls = 50%.
        let g = role(store, RoleKind::SpecialGuardian, "2025-01-10", &[
            ("record_order", "2025-01-10"), ("call", "2025-07-10"), ("offer_support", "2025-07-10"),
            ("call", "2026-01-12"),
        ], true);
        assert_eq!(value(store, "sg-02"), Some(50.0));
        assert_eq!(behind(store, "sg-02"), vec![(g.clone(), Counted::Numerator), (g.clone(), Counted::DenominatorOnly)]);
        let list = measure_children(store, &analyst(), &FixedClock::on(TODAY), "sg-02", year(), "test").unwrap();
        assert_eq!(list.lines[0].why, "Call on 2025-07-10 (6 months after the order); support offered: Advice and the six-monthly calls");
        assert_eq!(list.lines[1].why, "Call on 2026-01-12 (12 months after the order); no support offered that day");
    }
}
