//! The money of the Permanence Passport as use cases on both backends: the
//! ledger (balances that never go below zero, corrections by reversal),
//! paying an approved discretionary payment case (PAY-002, PAY-006,
//! PAY-008, PAY-009, PAY-027), exempt payments (PAY-007), special payments
//! (PAY-011), the therapeutic fund (PAY-017 … PAY-021) and ASF awards
//! (PAY-026).

mod permanence_fixture;
use permanence_fixture::*;

use app::passport::{allowances, funds, ledger, payments};
use domain::passport::allowances::{MeansTest, MileageClaim, Occasion, OrderAllowanceBasis};
use domain::passport::funds::{SupportOffer, TherapyRequest};
use domain::passport::ledger::{AccountKey, EntryKind, Fund, PaymentType};
use domain::passport::payments::ExemptDecision;
use domain::permanence::cases::{CaseAction, CaseRecord};
use domain::permanence::payments::{OtherAuthority, PaymentAction};
use store::{PermanenceRepository, RecordKind};

fn tm() -> User {
    user(Role::TeamManager, Some("Blaby"))
}

fn finance() -> User {
    user(Role::FinanceOfficer, None)
}

fn ssw() -> User {
    user(Role::SupervisingSocialWorker, None)
}

fn on(date: &str) -> FixedClock {
    FixedClock::on(date)
}

/// Acts on a case at its current version.
fn act(store: &Store, who: &User, date: &str, id: &str, a: CaseAction) -> Result<i64, AppError> {
    let v = perm::open_case(store, who, &on(date), id, HERE)?
        .case
        .version;
    perm::act_on_case(store, who, &on(date), id, v, a, HERE).map(|c| c.version)
}

fn case_version(store: &Store, id: &str) -> i64 {
    store
        .read(|tx| tx.record::<serde_json::Value>(RecordKind::WorkflowCase, id))
        .unwrap()
        .unwrap()
        .version
}

/// A discretionary payment case for C1 of £185.50, submitted and
/// recommended to the panel (or refused by the team manager); returns the
/// case.
fn recommended(store: &Store, other: Option<OtherAuthority>) -> String {
    let p = CaseAction::Payment;
    let id = perm::start_case(
        store,
        &ssw(),
        &on("2025-03-10"),
        &cid("C1"),
        "WF-DISC-PAYMENT",
        HERE,
    )
    .unwrap();
    assessed(store, &id);
    let form = PaymentAction::Form {
        need: "A bed".into(),
        how_met: "Buy one".into(),
        cost_pence: 18_550,
        other_authority: other,
        outside_route: None,
    };
    act(store, &ssw(), "2025-03-10", &id, p(form)).unwrap();
    act(
        store,
        &ssw(),
        "2025-03-10",
        &id,
        CaseAction::Step("submit".into()),
    )
    .unwrap();
    id
}

/// PAY-003: the supervising social worker finds an additional payment is
/// required, which opens the Additional Payments form.
fn assessed(store: &Store, id: &str) {
    let assess = PaymentAction::Assess {
        notes: "Visited the carers: the child has no bed".into(),
        required: true,
    };
    act(store, &ssw(), "2025-03-10", id, CaseAction::Payment(assess)).unwrap();
}

/// The panel records `outcome` on the case's referral, and the case reads it.
fn panel_decides(store: &Store, id: &str, outcome: Outcome) {
    let CaseRecord::Payment(r) = perm::open_case(store, &tm(), &on("2025-04-22"), id, HERE)
        .unwrap()
        .case
        .value
        .document
        .record
    else {
        panic!("a payment")
    };
    let rid = r.referral.unwrap();
    store
        .write(|tx| {
            let mut rf = tx
                .record::<domain::permanence::referrals::Referral>(RecordKind::Referral, &rid)?
                .unwrap();
            rf.value.document.outcome = Some(outcome);
            tx.update_record(RecordKind::Referral, &rf.value, rf.version)
        })
        .unwrap();
    let adviser = user(Role::PanelAdviser, None);
    act(
        store,
        &adviser,
        "2025-04-22",
        id,
        CaseAction::Payment(PaymentAction::PanelDecision { outcome: None }),
    )
    .unwrap();
}

fn account(store: &Store, fund: Fund, person: &str, date: &str) -> ledger::AccountView {
    let key = AccountKey::new(fund, person, d(date));
    ledger::account(store, &tm(), &on(date), &key, HERE).unwrap()
}

fn exempt(
    store: &Store,
    who: &User,
    date: &str,
    t: PaymentType,
    pence: u64,
    reason: &str,
) -> Result<domain::passport::ledger::LedgerEntry, AppError> {
    let decision = ExemptDecision {
        child_id: cid("C1"),
        person: "C1".into(),
        payment_type: t,
        amount_pence: pence,
        reason: reason.into(),
    };
    payments::decide_exempt(store, (who, &on(date), HERE), decision)
}

fn therapy(
    person: &str,
    offer: SupportOffer,
    further: Option<&str>,
    minute: Option<&str>,
) -> TherapyRequest {
    TherapyRequest {
        child_id: cid("C1"),
        person: person.into(),
        offer,
        provider: "Accredited play therapist".into(),
        in_house: false,
        further_recommended: further.map(d),
        panel_minute: minute.map(str::to_owned),
    }
}

test_support::on_both_backends! {
    fn pay_002_a_payment_is_made_only_on_the_permanence_panels_decision_and_once(db) {
        setup(&db.store);
        let id = recommended(&db.store, None);
        act(&db.store, &tm(), "2025-04-14", &id, CaseAction::Payment(PaymentAction::Recommend)).unwrap();
        // Recommended, not yet decided: nothing can be paid.
        let (who, clock) = (finance(), on("2025-04-15"));
        let by: ledger::By = (&who, &clock, HERE);
        let err = payments::pay_case(&db.store, by, &id, case_version(&db.store, &id), PaymentType::AdditionalPayment).unwrap_err();
        assert!(err.to_string().contains("no approval by the Permanence Panel"), "{err}");
        panel_decides(&db.store, &id, Outcome::PaymentApproved);
        // Only finance pays.
        let err = payments::pay_case(&db.store, (&tm(), &on("2025-04-23"), HERE), &id, case_version(&db.store, &id), PaymentType::AdditionalPayment).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        let v = case_version(&db.store, &id);
        let paid = payments::pay_case(&db.store, (&finance(), &on("2025-04-23"), HERE), &id, v, PaymentType::AdditionalPayment).unwrap();
        assert_eq!((paid.kind, paid.amount_pence), (EntryKind::Payment, 18_550));
        let acc = account(&db.store, Fund::Discretionary, "C1", "2025-04-23");
        assert_eq!(acc.balance_pence, 0);
        let credit = &acc.entries[0];
        assert!(credit.decision_ref.as_deref().unwrap().contains("panel C1-R"), "{credit:?}");
        assert_eq!((credit.approved_by.as_str(), credit.approver_role.as_str()), ("panel_adviser.test", "panel_adviser"));
        assert_eq!(perm::open_case(&db.store, &tm(), &on("2025-04-23"), &id, HERE).unwrap().case.value.document.state.code, "paid");
        // Paid once: the same case cannot be paid again, at its old version or its new one.
        assert!(payments::pay_case(&db.store, (&finance(), &on("2025-04-24"), HERE), &id, v, PaymentType::AdditionalPayment).unwrap_err().to_string().contains("changed by someone else"));
        let err = payments::pay_case(&db.store, (&finance(), &on("2025-04-24"), HERE), &id, case_version(&db.store, &id), PaymentType::AdditionalPayment).unwrap_err();
        assert!(err.to_string().contains("no approval") || err.to_string().contains("cannot be taken"), "{err}");
        assert_eq!(account(&db.store, Fund::Discretionary, "C1", "2025-04-24").entries.len(), 2);
        assert_eq!(audits(&db.store, "money.payment"), 1);
        assert_eq!(audits(&db.store, "WF-DISC-PAYMENT.pay"), 1);
    }

    fn pay_001_one_settling_in_grant_per_child_per_placement(db) {
        setup(&db.store);
        for (n, date) in [(1, "2025-05-03"), (2, "2025-07-01")] {
            let id = recommended(&db.store, None);
            act(&db.store, &tm(), date, &id, CaseAction::Payment(PaymentAction::Recommend)).unwrap();
            panel_decides(&db.store, &id, Outcome::PaymentApproved);
            let paid = payments::pay_case(&db.store, (&finance(), &on(date), HERE), &id, case_version(&db.store, &id), PaymentType::SettlingInGrant);
            if n == 1 {
                assert_eq!(paid.unwrap().payment_type, PaymentType::SettlingInGrant);
            } else {
                let err = paid.unwrap_err();
                assert!(err.to_string().contains("one per child per placement (PAY-001)"), "{err}");
                // As an additional payment it may still be paid.
                payments::pay_case(&db.store, (&finance(), &on(date), HERE), &id, case_version(&db.store, &id), PaymentType::AdditionalPayment).unwrap();
            }
        }
    }

    fn pay_003_the_additional_payments_form_opens_only_when_the_social_worker_assesses_a_payment_as_required(db) {
        setup(&db.store);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let ctx = domain::permanence::cases::CaseContext { legal_status: None, disabled: false, born: None };
        let offers = |id: &str, who: &User| -> Vec<&'static str> {
            perm::open_case(&db.store, who, &on("2025-03-03"), id, HERE).unwrap().case.value.document
                .offers(who, &ctx).into_iter().map(|o| o.action).collect()
        };
        let form = PaymentAction::Form { need: "Therapy".into(), how_met: "Private therapist".into(), cost_pence: 18_550, other_authority: None, outside_route: None };
        // The need raised by the adoptive parents is logged: the adoption
        // social worker is asked to assess it, and the form is not offered.
        let id = perm::start_case(&db.store, &sw, &on("2025-03-03"), &cid("C1"), "WF-DISC-PAYMENT", HERE).unwrap();
        assert_eq!(offers(&id, &sw), vec!["assess"]);
        assert!(offers(&id, &tm()).is_empty());
        let err = act(&db.store, &sw, "2025-03-03", &id, CaseAction::Payment(form.clone())).unwrap_err();
        assert!(err.to_string().contains("cannot be taken from \"Need identified\""), "{err}");
        // The team manager does not assess; an assessment needs its notes.
        let assess = |notes: &str, required| CaseAction::Payment(PaymentAction::Assess { notes: notes.into(), required });
        assert!(act(&db.store, &tm(), "2025-03-04", &id, assess("Seen", true)).is_err());
        let err = act(&db.store, &sw, "2025-03-04", &id, assess(" ", true)).unwrap_err();
        assert!(err.to_string().contains("notes: record how the need was explored"), "{err}");
        // Not needed: the request closes and the form never opens.
        act(&db.store, &sw, "2025-03-05", &id, assess("Met by the adoption allowance", false)).unwrap();
        let state = |id: &str| perm::open_case(&db.store, &tm(), &on("2025-03-10"), id, HERE).unwrap().case.value.document.state.code;
        assert_eq!(state(&id), "not_needed");
        assert!(offers(&id, &sw).is_empty());
        assert!(act(&db.store, &sw, "2025-03-06", &id, CaseAction::Payment(form.clone())).is_err());
        // Required: the form opens and is accepted.
        let id = perm::start_case(&db.store, &sw, &on("2025-03-03"), &cid("C1"), "WF-DISC-PAYMENT", HERE).unwrap();
        act(&db.store, &sw, "2025-03-05", &id, assess("Therapy recommended by CAMHS", true)).unwrap();
        assert_eq!(state(&id), "form_pending");
        assert_eq!(offers(&id, &sw), vec!["form"]);
        act(&db.store, &sw, "2025-03-06", &id, CaseAction::Payment(form)).unwrap();
        assert_eq!(state(&id), "form_completed");
        let CaseRecord::Payment(r) = perm::open_case(&db.store, &tm(), &on("2025-03-10"), &id, HERE).unwrap().case.value.document.record else { panic!("a payment") };
        let a = r.assessment.unwrap();
        assert_eq!((a.required, a.by.as_str(), a.on), (true, sw.username.as_str(), d("2025-03-05")));
        assert!(audits(&db.store, "WF-DISC-PAYMENT.assess") >= 1, "the assessment is audited");
    }

    fn pay_004_the_additional_payments_form_needs_the_need_how_it_is_met_and_the_cost(db) {
        setup(&db.store);
        let id = perm::start_case(&db.store, &ssw(), &on("2025-03-10"), &cid("C1"), "WF-DISC-PAYMENT", HERE).unwrap();
        assessed(&db.store, &id);
        let form = |cost| PaymentAction::Form { need: "Therapy".into(), how_met: "Private therapist".into(), cost_pence: cost, other_authority: None, outside_route: None };
        let err = act(&db.store, &ssw(), "2025-03-10", &id, CaseAction::Payment(form(0))).unwrap_err();
        assert!(err.to_string().contains("the need, how it will be met and the cost"), "{err}");
        act(&db.store, &ssw(), "2025-03-10", &id, CaseAction::Payment(form(18_550))).unwrap();
        act(&db.store, &ssw(), "2025-03-10", &id, CaseAction::Step("submit".into())).unwrap();
        assert_eq!(perm::open_case(&db.store, &tm(), &on("2025-03-10"), &id, HERE).unwrap().case.value.document.state.code, "tm_review");
    }

    fn pay_005_the_team_manager_declines_or_recommends_and_cannot_approve(db) {
        setup(&db.store);
        let id = recommended(&db.store, None);
        let err = act(&db.store, &tm(), "2025-03-17", &id, CaseAction::Payment(PaymentAction::PanelDecision { outcome: Some(Outcome::PaymentApproved) })).unwrap_err();
        assert!(err.to_string().contains("\"panel_approve\" cannot be taken from \"Team manager review\""), "{err}");
        let offers: Vec<_> = perm::open_case(&db.store, &tm(), &on("2025-03-17"), &id, HERE).unwrap().case.value.document
            .offers(&tm(), &domain::permanence::cases::CaseContext { legal_status: None, disabled: false, born: None })
            .into_iter().map(|o| o.action).collect();
        assert_eq!(offers, vec!["tm_recommend", "tm_refuse"]);
        let err = payments::pay_case(&db.store, (&finance(), &on("2025-03-17"), HERE), &id, case_version(&db.store, &id), PaymentType::AdditionalPayment).unwrap_err();
        assert!(err.to_string().contains("no approval"), "{err}");
    }

    fn pay_006_a_refusal_appealed_and_upheld_by_the_service_manager_is_paid(db) {
        setup(&db.store);
        let id = recommended(&db.store, None);
        act(&db.store, &tm(), "2025-04-14", &id, CaseAction::Payment(PaymentAction::Refuse { reasons: "Not shown".into() })).unwrap();
        let err = payments::pay_case(&db.store, (&finance(), &on("2025-04-15"), HERE), &id, case_version(&db.store, &id), PaymentType::AdditionalPayment).unwrap_err();
        assert!(err.to_string().contains("no approval"), "{err}");
        act(&db.store, &ssw(), "2025-04-20", &id, CaseAction::Payment(PaymentAction::Appeal)).unwrap();
        let sm = user(Role::ServiceManager, None);
        act(&db.store, &sm, "2025-04-25", &id, CaseAction::Payment(PaymentAction::AppealDecision { upheld: true, reasons: "Need shown".into() })).unwrap();
        let paid = payments::pay_case(&db.store, (&finance(), &on("2025-04-28"), HERE), &id, case_version(&db.store, &id), PaymentType::AdditionalPayment).unwrap();
        assert_eq!(paid.amount_pence, 18_550);
        let acc = account(&db.store, Fund::Discretionary, "C1", "2025-04-28");
        assert!(acc.entries[0].reason.starts_with("Appeal upheld by the Service Manager"), "{:?}", acc.entries[0]);
    }

    fn pay_007_an_emergency_payment_is_decided_by_a_manager_with_its_reason_and_paid_the_same_day(db) {
        setup(&db.store);
        // A social worker cannot decide it; a payment that goes to panel is not exempt.
        let err = exempt(&db.store, &user(Role::SocialWorker, Some("Blaby")), "2025-07-01", PaymentType::EmergencySafety, 30_000, "Locks changed").unwrap_err();
        assert!(err.to_string().contains("a manager does"), "{err}");
        let err = exempt(&db.store, &tm(), "2025-07-01", PaymentType::AdditionalPayment, 30_000, "Bed").unwrap_err();
        assert!(err.to_string().contains("not exempt"), "{err}");
        let err = exempt(&db.store, &tm(), "2025-07-01", PaymentType::EmergencySafety, 30_000, " ").unwrap_err();
        assert!(err.to_string().starts_with("reason:"), "{err}");
        let credit = exempt(&db.store, &tm(), "2025-07-01", PaymentType::EmergencySafety, 30_000, "Locks changed after a threat").unwrap();
        assert_eq!(credit.decision_ref.as_deref(), Some("exempt: manager decision"));
        assert_eq!(credit.approved_by, tm().username);
        let paid = ledger::pay(&db.store, (&finance(), &on("2025-07-01"), HERE), &credit.id, 30_000, "Emergency", 1).unwrap();
        assert_eq!(paid.on, d("2025-07-01"));
        // A capital loan needs no panel minute either.
        exempt(&db.store, &user(Role::ServiceManager, None), "2025-10-01", PaymentType::CapitalLoan, 100_000, "Loan for an extension").unwrap();
    }

    fn pay_008_a_service_another_authority_provides_cannot_be_recommended_or_paid(db) {
        setup(&db.store);
        let id = recommended(&db.store, Some(OtherAuthority::Education));
        let err = act(&db.store, &tm(), "2025-05-06", &id, CaseAction::Payment(PaymentAction::Recommend)).unwrap_err();
        assert!(err.to_string().starts_with("other authority's responsibility"), "{err}");
        let err = payments::pay_case(&db.store, (&finance(), &on("2025-05-07"), HERE), &id, case_version(&db.store, &id), PaymentType::AdditionalPayment).unwrap_err();
        assert!(err.to_string().contains("no approval"), "{err}");
    }

    fn pay_009_no_new_need_grant_of_the_former_system_can_be_paid(db) {
        setup(&db.store);
        let id = recommended(&db.store, None);
        act(&db.store, &tm(), "2025-04-14", &id, CaseAction::Payment(PaymentAction::Recommend)).unwrap();
        panel_decides(&db.store, &id, Outcome::PaymentApproved);
        let err = payments::pay_case(&db.store, (&finance(), &on("2025-04-23"), HERE), &id, case_version(&db.store, &id), PaymentType::LegacyNeedGrant).unwrap_err();
        assert!(err.to_string().contains("additional (discretionary) payment instead"), "{err}");
        assert!(account_missing(&db.store));
    }

    fn pay_011_birthday_and_festival_payments_are_a_weeks_allowance_once_a_year(db) {
        setup(&db.store);
        let (who, clock) = (ssw(), on("2025-08-14"));
        let by: ledger::By = (&who, &clock, HERE);
        let paid = allowances::special_payment(&db.store, by, &cid("C1"), Occasion::Birthday, 20_000).unwrap();
        assert_eq!((paid.kind, paid.amount_pence, paid.on), (EntryKind::Payment, 20_000, d("2025-08-14")));
        allowances::special_payment(&db.store, (&ssw(), &on("2025-10-20"), HERE), &cid("C1"), Occasion::Festival("Eid".into()), 20_000).unwrap();
        let err = allowances::special_payment(&db.store, (&ssw(), &on("2025-12-25"), HERE), &cid("C1"), Occasion::Festival("Christmas".into()), 20_000).unwrap_err();
        assert!(err.to_string().contains("already been made for this child in 2025-26"), "{err}");
        // A new financial year: a new festival payment.
        allowances::special_payment(&db.store, (&ssw(), &on("2026-04-05"), HERE), &cid("C1"), Occasion::Festival("Easter".into()), 20_000).unwrap();
        assert_eq!(account(&db.store, Fund::Allowances, "C1", "2025-12-25").balance_pence, 0);
    }

    fn pay_012_a_mileage_claim_needs_its_purpose_and_the_supervising_social_workers_confirmation(db) {
        setup(&db.store);
        let claim = |purpose: &str| MileageClaim { child_id: cid("C1"), miles: 42, purpose: purpose.into(), pence_per_mile: 45 };
        let err = allowances::confirm_mileage(&db.store, (&ssw(), &on("2025-06-30"), HERE), claim(" ")).unwrap_err();
        assert!(err.to_string().starts_with("purpose:"), "{err}");
        let err = allowances::confirm_mileage(&db.store, (&finance(), &on("2025-06-30"), HERE), claim("contact with birth parents")).unwrap_err();
        assert!(err.to_string().contains("supervising social worker") || matches!(err, AppError::Forbidden(_)), "{err}");
        let e = allowances::confirm_mileage(&db.store, (&ssw(), &on("2025-06-30"), HERE), claim("contact with birth parents")).unwrap();
        assert_eq!((e.amount_pence, e.payment_type), (42 * 45, PaymentType::Mileage));
        assert!(e.reason.contains("42 miles, contact with birth parents"));
    }

    fn pay_014_an_allowance_in_private_proceedings_is_recorded_as_discretionary(db) {
        setup(&db.store);
        let test = MeansTest { completed: d("2025-05-06"), weekly_income_pence: 40_000, weekly_outgoings_pence: 35_000, weekly_allowance_pence: 12_000 };
        let e = allowances::agree_order_allowance(&db.store, (&tm(), &on("2025-05-06"), HERE), &cid("C1"), OrderAllowanceBasis::PrivateProceedings, Some(test), 4).unwrap();
        assert!(e.reason.contains("private proceedings - discretionary"), "{}", e.reason);
        assert_eq!(e.amount_pence, 48_000);
        let err = allowances::agree_order_allowance(&db.store, (&ssw(), &on("2025-05-06"), HERE), &cid("C1"), OrderAllowanceBasis::PrivateProceedings, Some(test), 4).unwrap_err();
        assert!(err.to_string().contains("authorised manager"), "{err}");
    }

    fn pay_015_an_allowance_for_a_child_in_care_needs_a_completed_means_test(db) {
        setup(&db.store);
        let err = allowances::agree_order_allowance(&db.store, (&tm(), &on("2025-07-01"), HERE), &cid("C1"), OrderAllowanceBasis::ChildInCare, None, 4).unwrap_err();
        assert!(err.to_string().contains("without a completed means test (PAY-015)"), "{err}");
        assert!(account_missing(&db.store));
        let test = MeansTest { completed: d("2025-06-30"), weekly_income_pence: 30_000, weekly_outgoings_pence: 29_000, weekly_allowance_pence: 15_000 };
        let credit = allowances::agree_order_allowance(&db.store, (&tm(), &on("2025-07-01"), HERE), &cid("C1"), OrderAllowanceBasis::ChildInCare, Some(test), 4).unwrap();
        assert!(credit.reason.contains("annual review due 2026-07-01"), "{}", credit.reason);
        let paid = ledger::pay(&db.store, (&finance(), &on("2025-07-01"), HERE), &credit.id, 15_000, "Week 1", 1).unwrap();
        assert_eq!(paid.payment_type, PaymentType::SgoCaoAllowance);
    }

    fn pay_017_the_therapeutic_fund_does_not_pay_for_in_house_provision(db) {
        setup(&db.store);
        let mut r = therapy("C1", SupportOffer::Adoption, None, None);
        r.in_house = true;
        let err = funds::allocate_therapy(&db.store, (&tm(), &on("2025-02-03"), HERE), r).unwrap_err();
        assert!(err.to_string().contains("in-house provision - fund not applicable"), "{err}");
        assert!(account_missing(&db.store));
    }

    fn pay_018_each_child_or_family_member_has_their_own_450(db) {
        setup(&db.store);
        funds::allocate_therapy(&db.store, (&tm(), &on("2025-05-12"), HERE), therapy("C1", SupportOffer::Adoption, None, None)).unwrap();
        funds::allocate_therapy(&db.store, (&tm(), &on("2025-05-12"), HERE), therapy("C1-mother", SupportOffer::Adoption, None, None)).unwrap();
        assert_eq!(account(&db.store, Fund::Therapeutic, "C1", "2025-05-12").balance_pence, 45_000);
        assert_eq!(account(&db.store, Fund::Therapeutic, "C1-mother", "2025-05-12").balance_pence, 45_000);
    }

    fn pay_019_a_further_450_needs_the_therapists_recommendation(db) {
        setup(&db.store);
        let (who, clock) = (tm(), on("2025-05-12"));
        let by: ledger::By = (&who, &clock, HERE);
        funds::allocate_therapy(&db.store, by, therapy("C1", SupportOffer::Connected, None, None)).unwrap();
        let err = funds::allocate_therapy(&db.store, (&tm(), &on("2025-09-08"), HERE), therapy("C1", SupportOffer::Connected, None, None)).unwrap_err();
        assert!(err.to_string().contains("therapist recommended further work"), "{err}");
        funds::allocate_therapy(&db.store, (&tm(), &on("2025-09-08"), HERE), therapy("C1", SupportOffer::Connected, Some("2025-09-01"), None)).unwrap();
        assert_eq!(account(&db.store, Fund::Therapeutic, "C1", "2025-09-08").balance_pence, 90_000);
    }

    fn pay_020_the_panel_approves_the_fund_only_under_the_adoption_offer(db) {
        setup(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let err = funds::allocate_therapy(&db.store, (&adviser, &on("2025-06-03"), HERE), therapy("C1", SupportOffer::Fostering, None, Some("PP-2025-06-03/4"))).unwrap_err();
        assert!(err.to_string().contains("held until one does"), "{err}");
        let err = funds::allocate_therapy(&db.store, (&adviser, &on("2025-06-03"), HERE), therapy("C1", SupportOffer::Adoption, None, None)).unwrap_err();
        assert!(err.to_string().starts_with("panel minute:"), "{err}");
        let e = funds::allocate_therapy(&db.store, (&adviser, &on("2025-06-03"), HERE), therapy("C1", SupportOffer::Adoption, None, Some("PP-2025-06-03/4"))).unwrap();
        assert_eq!((e.amount_pence, e.decision_ref.as_deref()), (45_000, Some("PP-2025-06-03/4")));
    }

    fn pay_021_at_most_900_a_person_a_financial_year_with_no_carry_over(db) {
        setup(&db.store);
        funds::allocate_therapy(&db.store, (&tm(), &on("2025-05-12"), HERE), therapy("C1", SupportOffer::Adoption, None, None)).unwrap();
        funds::allocate_therapy(&db.store, (&tm(), &on("2025-09-08"), HERE), therapy("C1", SupportOffer::Adoption, Some("2025-09-01"), None)).unwrap();
        let err = funds::allocate_therapy(&db.store, (&tm(), &on("2026-02-02"), HERE), therapy("C1", SupportOffer::Adoption, Some("2026-01-20"), None)).unwrap_err();
        assert!(err.to_string().contains("£900.00 of £900.00 is already allocated"), "{err}");
        let e = funds::allocate_therapy(&db.store, (&tm(), &on("2026-04-01"), HERE), therapy("C1", SupportOffer::Adoption, None, None)).unwrap();
        assert!(e.reason.starts_with("Initial allocation"), "{e:?}");
        assert_eq!(account(&db.store, Fund::Therapeutic, "C1", "2026-04-01").balance_pence, 45_000);
    }

    fn pay_026_asf_awards_are_kept_apart_from_the_councils_fund(db) {
        setup(&db.store);
        let psw = user(Role::PostOrderSupportWorker, None);
        funds::record_asf_award(&db.store, (&psw, &on("2025-07-01"), HERE), &cid("C1"), 250_000, "ASF-123").unwrap();
        funds::allocate_therapy(&db.store, (&tm(), &on("2025-07-02"), HERE), therapy("C1", SupportOffer::Adoption, None, None)).unwrap();
        assert_eq!(account(&db.store, Fund::AdoptionSupportFund, "C1", "2025-07-01").balance_pence, 250_000);
        assert_eq!(account(&db.store, Fund::Therapeutic, "C1", "2025-07-01").balance_pence, 45_000);
        let err = funds::record_asf_award(&db.store, (&psw, &on("2025-07-03"), HERE), &cid("C1"), 100_000, " ").unwrap_err();
        assert!(err.to_string().starts_with("award reference:"), "{err}");
    }

    fn pay_027_a_settling_in_grant_is_never_paid_without_the_panels_decision(db) {
        setup(&db.store);
        let id = recommended(&db.store, None);
        let err = payments::pay_case(&db.store, (&finance(), &on("2025-04-15"), HERE), &id, case_version(&db.store, &id), PaymentType::SettlingInGrant).unwrap_err();
        assert!(err.to_string().contains("no approval"), "{err}");
        // A capital loan is exempt: a manager's decision, no minute.
        let e = exempt(&db.store, &tm(), "2025-10-01", PaymentType::CapitalLoan, 50_000, "Loan for a car").unwrap();
        assert_eq!(e.account.fund, Fund::Discretionary);
    }

    fn the_balance_never_goes_below_zero_and_corrections_are_reversals(db) {
        setup(&db.store);
        let credit = exempt(&db.store, &tm(), "2025-07-01", PaymentType::EmergencyAccommodation, 30_000, "Night's stay").unwrap();
        let (who, clock) = (finance(), on("2025-07-01"));
        let by: ledger::By = (&who, &clock, HERE);
        let err = ledger::pay(&db.store, by, &credit.id, 30_001, "Hotel", 1).unwrap_err();
        assert!(err.to_string().contains("would pay it twice") || err.to_string().contains("below zero"), "{err}");
        let paid = ledger::pay(&db.store, by, &credit.id, 20_000, "Hotel", 1).unwrap();
        // Someone else paid meanwhile: the page's view of the account is stale.
        let err = ledger::pay(&db.store, by, &credit.id, 10_000, "Hotel", 1).unwrap_err();
        assert!(err.to_string().contains("changed by someone else"), "{err}");
        let err = ledger::pay(&db.store, by, &credit.id, 10_001, "Hotel", 2).unwrap_err();
        assert!(err.to_string().contains("£200.00 paid of £300.00"), "{err}");
        // A payment keyed wrongly is reversed, never edited; only once.
        let err = ledger::reverse(&db.store, (&tm(), &on("2025-07-02"), HERE), &paid.id, "Keyed twice", 2).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        ledger::reverse(&db.store, (&finance(), &on("2025-07-02"), HERE), &paid.id, "Wrong amount", 2).unwrap();
        let err = ledger::reverse(&db.store, (&finance(), &on("2025-07-02"), HERE), &paid.id, "Again", 3).unwrap_err();
        assert!(err.to_string().contains("already reversed"), "{err}");
        let acc = account(&db.store, Fund::Discretionary, "C1", "2025-07-02");
        assert_eq!(acc.entries[1], paid, "the payment itself is unchanged");
        assert_eq!(acc.balance_pence, 30_000);
        // A Melton team manager sees none of C1's money.
        let key = acc.key.clone();
        let err = ledger::account(&db.store, &user(Role::TeamManager, Some("Melton")), &on("2025-07-02"), &key, HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        assert_eq!(audits(&db.store, "view_money_denied"), 1);
        let seen = ledger::ledger(&db.store, &user(Role::TeamManager, Some("Melton")), &on("2025-07-02"), HERE).unwrap();
        assert!(seen.entries.is_empty());
        assert_eq!(ledger::ledger(&db.store, &finance(), &on("2025-07-02"), HERE).unwrap().entries.len(), 3);
    }
}

/// Nothing was written to the ledger.
fn account_missing(store: &Store) -> bool {
    ledger::ledger(store, &finance(), &on("2026-01-01"), HERE)
        .unwrap()
        .entries
        .is_empty()
}

// A family's SGO or CAO allowance through its life, on the household
// (app::passport::allowances::act_on_allowance, WF-SGO-CAO-ALLOWANCE), and
// the support deadlines its role's events put on the worklist.
mod order_allowance {
    use super::*;
    use app::households::{NewHousehold, add_household, link_child};
    use app::passport::allowances::{AllowanceAction as A, act_on_allowance};
    use app::passport::support::{SupportAction as S, act_on_support, open_support};
    use domain::households::household::LinkKind;
    use domain::households::lifecycle::RoleKind;
    use domain::passport::checkins::{CallOutcome, ContactKind, NewCheckIn};
    use domain::passport::order_allowance::AllowanceStage;
    use domain::passport::support::Section;

    /// A special guardianship family of the Blaby team, C1 the subject of
    /// its order from 2025-05-01.
    fn family(store: &Store) -> String {
        family_of(store, RoleKind::SpecialGuardian, LinkKind::SubjectOfOrder)
    }

    /// A family of the Blaby team holding a role of `kind`, C1 linked as
    /// `link` from 2025-05-01.
    fn family_of(store: &Store, kind: RoleKind, link: LinkKind) -> String {
        setup(store);
        let clock = on("2025-05-01");
        let new = NewHousehold {
            name: "The Allowance family".into(),
            team: "Blaby".into(),
            address: "1 Mill Lane".into(),
            postcode: "LE3 8RA".into(),
            role: Some(kind),
            ..Default::default()
        };
        let id = add_household(store, &tm(), &clock, new, HERE).unwrap();
        let v = store
            .read(|tx| store::HouseholdRepository::household(tx, &id))
            .unwrap()
            .unwrap()
            .version;
        link_child(
            store,
            &tm(),
            &clock,
            (&id, v),
            ("C1", link, d("2025-05-01")),
            HERE,
        )
        .unwrap();
        id
    }

    fn allowance(
        store: &Store,
        id: &str,
        who: &User,
        date: &str,
        action: A,
    ) -> Result<String, AppError> {
        let v = open_support(store, (&tm(), &on(date), HERE), id)
            .unwrap()
            .version;
        act_on_allowance(store, (who, &on(date), HERE), (id, v), action)
    }

    fn test(completed: &str, weekly: u64) -> MeansTest {
        MeansTest {
            completed: d(completed),
            weekly_income_pence: 40_000,
            weekly_outgoings_pence: 35_000,
            weekly_allowance_pence: weekly,
        }
    }

    fn lines(store: &Store, date: &str, rule: &str) -> Vec<chrono::NaiveDate> {
        app::subject_worklist(store, &tm(), &on(date), None)
            .unwrap()
            .iter()
            .filter(|l| l.rule == Some(rule))
            .map(|l| l.due)
            .collect()
    }

    fn review_lines(store: &Store, date: &str) -> Vec<chrono::NaiveDate> {
        lines(store, date, "PAY-016")
    }

    fn support(store: &Store, id: &str, who: &User, date: &str, action: S) -> String {
        let v = open_support(store, (&tm(), &on(date), HERE), id)
            .unwrap()
            .version;
        act_on_support(store, (who, &on(date), HERE), (id, v), action).unwrap()
    }

    test_support::on_both_backends! {
        fn pay_014_a_means_test_asked_for_in_private_proceedings_is_recorded_as_discretionary(db) {
            let store = &db.store;
            let id = family(store);
            allowance(store, &id, &tm(), "2025-05-06", A::Request { child: "C1".into(), basis: OrderAllowanceBasis::PrivateProceedings, on: d("2025-05-06") }).unwrap();
            let a = open_support(store, (&tm(), &on("2025-05-06"), HERE), &id).unwrap().record.allowances[0].clone();
            assert_eq!((a.stage, a.basis.label()), (AllowanceStage::MeansTestPending, "private proceedings - discretionary"));
            // A child not of this family is refused, nothing recorded.
            let err = allowance(store, &id, &tm(), "2025-05-06", A::Request { child: "C2".into(), basis: OrderAllowanceBasis::PrivateProceedings, on: d("2025-05-06") }).unwrap_err();
            assert!(err.to_string().contains("Child: choose a child placed with the family"), "{err}");
            assert_eq!(audits(store, "allowance.request"), 1);
        }

        fn pay_015_the_allowance_is_agreed_only_on_a_completed_means_test_and_credits_the_childs_account(db) {
            let store = &db.store;
            let id = family(store);
            allowance(store, &id, &tm(), "2025-07-01", A::Request { child: "C1".into(), basis: OrderAllowanceBasis::ChildInCare, on: d("2025-07-01") }).unwrap();
            let err = allowance(store, &id, &tm(), "2025-07-01", A::Agree { allowance: 1, weeks: 52 }).unwrap_err();
            assert!(err.to_string().contains("without a completed means test (PAY-015)"), "{err}");
            assert!(account_missing(store));
            allowance(store, &id, &ssw(), "2025-07-02", A::MeansTested { allowance: 1, test: test("2025-07-02", 15_000) }).unwrap();
            let err = allowance(store, &id, &ssw(), "2025-07-03", A::Agree { allowance: 1, weeks: 52 }).unwrap_err();
            assert!(err.to_string().contains("authorised manager"), "{err}");
            let done = allowance(store, &id, &tm(), "2025-07-03", A::Agree { allowance: 1, weeks: 52 }).unwrap();
            assert!(done.contains("annual review is due 3 July 2026"), "{done}");
            let acc = account(store, Fund::Allowances, "C1", "2025-07-03");
            assert_eq!((acc.balance_pence, acc.entries[0].payment_type), (52 * 15_000, PaymentType::SgoCaoAllowance));
            // A stale form is refused.
            let err = act_on_allowance(store, (&tm(), &on("2025-07-03"), HERE), (&id, 1), A::End { allowance: 1, on: d("2025-07-03"), reason: "Moved".into() }).unwrap_err();
            assert!(err.to_string().contains("changed by someone else"), "{err}");
        }

        fn pay_016_the_annual_review_is_on_the_worklist_overdue_the_day_after_and_cleared_by_a_fresh_means_test(db) {
            let store = &db.store;
            let id = family(store);
            allowance(store, &id, &tm(), "2025-08-20", A::Request { child: "C1".into(), basis: OrderAllowanceBasis::ChildInCare, on: d("2025-08-20") }).unwrap();
            allowance(store, &id, &tm(), "2025-08-25", A::MeansTested { allowance: 1, test: test("2025-08-25", 12_000) }).unwrap();
            allowance(store, &id, &tm(), "2025-09-02", A::Agree { allowance: 1, weeks: 52 }).unwrap();
            assert_eq!(review_lines(store, "2026-08-20"), vec![d("2026-09-02")]);
            let a = open_support(store, (&tm(), &on("2026-09-03"), HERE), &id).unwrap().record.allowances[0].clone();
            assert_eq!(a.status(d("2026-09-03")), "Active - review overdue");
            allowance(store, &id, &tm(), "2026-09-10", A::Review { allowance: 1, test: test("2026-09-08", 10_000), weeks: 52 }).unwrap();
            assert!(review_lines(store, "2026-09-10").is_empty(), "the review meets it");
            assert_eq!(review_lines(store, "2027-09-01"), vec![d("2027-09-10")], "the next review, 12 months on");
            let acc = account(store, Fund::Allowances, "C1", "2026-09-10");
            assert_eq!(acc.balance_pence, 52 * 10_000, "this year's credit at the new rate");
            allowance(store, &id, &tm(), "2026-10-01", A::End { allowance: 1, on: d("2026-10-01"), reason: "The child moved to her father".into() }).unwrap();
            assert!(review_lines(store, "2027-09-01").is_empty(), "an ended allowance is not reviewed");
        }

        fn assess_012_the_plans_response_window_and_assess_014_its_review_are_on_the_worklist_until_met_and_a_call_is_recorded_on_the_role(db) {
            let store = &db.store;
            let id = family(store);
            let plan = S::ProposePlan { wellbeing: Section::from_form("Theraplay", ""), education: Section::from_form("", "Settled at school"), other: String::new() };
            support(store, &id, &tm(), "2025-06-02", plan);
            assert!(lines(store, "2025-06-02", "ASSESS-012").is_empty(), "no window before the plan is sent");
            support(store, &id, &tm(), "2025-06-03", S::ApprovePlan { sent: d("2025-06-03") });
            assert_eq!(lines(store, "2025-06-05", "ASSESS-012"), vec![d("2025-06-13")]);
            support(store, &id, &tm(), "2025-06-09", S::RespondToPlan { on: d("2025-06-09"), response: "We agree".into() });
            assert!(lines(store, "2025-06-09", "ASSESS-012").is_empty(), "the response meets it");
            support(store, &id, &tm(), "2025-09-15", S::ChangeNotified { on: d("2025-09-15"), what: "A new baby".into() });
            assert_eq!(lines(store, "2025-09-30", "ASSESS-014"), vec![d("2025-10-13")]);
            support(store, &id, &tm(), "2025-10-01", S::ReviewHeld { on: d("2025-10-01") });
            assert!(lines(store, "2025-10-01", "ASSESS-014").is_empty(), "the review meets it");
            let call = NewCheckIn { kind: ContactKind::Call, made: d("2025-11-03"), outcome: CallOutcome::Completed, topics: "Training".into(), needs: String::new(), action: String::new(), plan_appropriate: true, next_contact: None, series_complete: false, assessment_requested: false };
            support(store, &id, &tm(), "2025-11-03", S::CheckIn(call));
            let h = store.read(|tx| store::HouseholdRepository::household(tx, &id)).unwrap().unwrap().value;
            let events: Vec<_> = h.roles[0].events.iter().map(|e| (e.kind, e.date)).collect();
            assert!(events.contains(&(EventKind::PostOrderCall, d("2025-11-03"))), "{events:?}");
        }

        fn pay_013_a_connected_carer_declaring_child_benefit_raises_a_task_for_the_supervising_social_worker(db) {
            let store = &db.store;
            let id = family_of(store, RoleKind::ConnectedPersonCarer, LinkKind::PlacedWith);
            let declare = |claimed| S::DeclareBenefits { child: "C1".into(), claimed, on: d("2025-06-02") };
            let done = support(store, &id, &tm(), "2025-06-02", declare(false));
            assert_eq!(done, "The declaration was recorded");
            let done = support(store, &id, &tm(), "2025-06-02", declare(true));
            assert!(done.contains("a task to resolve the conflict"), "{done}");
            let h = store.read(|tx| store::HouseholdRepository::household(tx, &id)).unwrap().unwrap().value;
            assert_eq!(h.tasks.len(), 1);
            assert!(h.tasks[0].kind.contains("fostering allowance is paid") && h.tasks[0].done.is_none(), "{:?}", h.tasks);
            let record = open_support(store, (&tm(), &on("2025-06-02"), HERE), &id).unwrap().record;
            assert_eq!(record.benefits.len(), 2);
            assert_eq!(audits(store, "support.declare_benefits"), 2);
        }

        fn pay_013_a_special_guardian_may_claim_child_benefit_without_a_conflict(db) {
            let store = &db.store;
            let id = family(store);
            let done = support(store, &id, &tm(), "2025-06-02", S::DeclareBenefits { child: "C1".into(), claimed: true, on: d("2025-06-02") });
            assert_eq!(done, "The declaration was recorded");
            let h = store.read(|tx| store::HouseholdRepository::household(tx, &id)).unwrap().unwrap().value;
            assert!(h.tasks.is_empty());
        }
    }
}
