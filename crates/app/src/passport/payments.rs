//! Paying what a decision agreed: an additional payment or settling-in
//! grant approved on a discretionary payment case (WF-ADDITIONAL-PAYMENT:
//! the case, its panel referral and its appeal are the permanence case of
//! PANEL-017; this pays it and moves it to "paid"), and an exempt payment a
//! manager decides with its reason (WF-EXEMPT-PAYMENT, PAY-007).

use domain::passport::ledger::{AccountKey, LedgerEntry, PaymentType, payment_of};
use domain::passport::payments::{
    ExemptDecision, approved_case_credit, exempt_credit, placement_start, settling_in_once,
};
use domain::permanence::cases::WorkflowCase;
use domain::roles::Role;
use store::{
    AuditLog, ChildRepository, LedgerRepository, PermanenceRepository, Record, RecordKind, Store,
    Versioned,
};

use super::ledger::{By, actor, ensure_money_of, post, refused};
use crate::AppError;

/// The discretionary payment cases approved and waiting to be paid.
pub fn cases_to_pay(
    store: &Store,
    (user, _, _): By<'_>,
) -> Result<Vec<Versioned<Record<WorkflowCase>>>, AppError> {
    if user.role != Role::FinanceOfficer && !domain::passport::ledger::is_manager(user.role) {
        return Err(AppError::Forbidden("see the payments waiting"));
    }
    let cases = store
        .read(|tx| tx.records::<WorkflowCase>(RecordKind::WorkflowCase, Some(&["approved"])))?;
    Ok(cases
        .into_iter()
        .filter(|c| c.value.document.workflow.id == "WF-DISC-PAYMENT")
        .collect())
}

/// Finance pays an approved discretionary payment case at the version it
/// saw (PAY-002, PAY-006, PAY-027): the credit its decision agreed and the
/// payment of it in the ledger, the case moved to "paid", and their audit
/// events, in one transaction. A case with no panel or appeal approval is
/// refused, and a case already paid cannot be paid again.
pub fn pay_case(
    store: &Store,
    (user, clock, from): By<'_>,
    case_id: &str,
    expected_version: i64,
    payment_type: PaymentType,
) -> Result<LedgerEntry, AppError> {
    if user.role != Role::FinanceOfficer {
        return Err(AppError::Forbidden("make payments: finance makes them"));
    }
    let actor = actor(user, from);
    store.write(|tx| {
        let current = tx
            .record::<WorkflowCase>(RecordKind::WorkflowCase, case_id)?
            .ok_or_else(|| AppError::NotFound(format!("case {case_id}")))?;
        if current.version != expected_version {
            return Err(store::StoreError::Stale {
                record: format!("case {case_id}"),
                expected: expected_version,
                found: current.version,
            }
            .into());
        }
        let mut case = current.value.document;
        let today = clock.today();
        if payment_type == PaymentType::SettlingInGrant {
            let journey = tx
                .journey(&case.child_id)?
                .ok_or_else(|| AppError::ChildNotFound(case.child_id.clone()))?;
            if let Some(began) = placement_start(&journey.value) {
                let entries = tx.ledger_entries(Some(case.child_id.as_str()))?;
                settling_in_once(&entries, began).map_err(refused)?;
            }
        }
        let key = AccountKey::new(payment_type.fund(), case.child_id.as_str(), today);
        let credit = post(tx, &actor, clock, &key, None, |_, id| {
            approved_case_credit(&mut case, case_id, payment_type, user, today, |_| id)
                .map_err(refused)
        })?;
        let paid = post(tx, &actor, clock, &key, None, |_, id| {
            Ok(payment_of(
                &credit,
                id,
                credit.amount_pence,
                user,
                today,
                "Paid as approved",
            ))
        })?;
        let record = Record {
            stage: case.state.code.to_owned(),
            document: case.clone(),
            ..current.value
        };
        tx.update_record(RecordKind::WorkflowCase, &record, expected_version)?;
        tx.append(&crate::audit_event(
            &actor,
            clock,
            "WF-DISC-PAYMENT.pay",
            &case.child_id,
            serde_json::json!({"case": case_id, "entry": paid.id}).to_string(),
        ))?;
        Ok(paid)
    })
}

/// PAY-007: a Team Manager or above decides an exempt payment (an
/// emergency to secure the child's safety, emergency accommodation, an
/// additional holiday payment, a capital loan) with its reason, with no
/// panel step: the agreed sum goes into the ledger for finance to pay,
/// the same day if need be.
pub fn decide_exempt(
    store: &Store,
    (user, clock, from): By<'_>,
    decision: ExemptDecision,
) -> Result<LedgerEntry, AppError> {
    if !user.may(domain::access::Permission::ManageMoney) {
        return Err(AppError::Forbidden("decide payments: a manager does"));
    }
    let actor = actor(user, from);
    store.write(|tx| {
        ensure_money_of(
            tx,
            user,
            &decision.child_id,
            "decide payments for this child",
        )?;
        let key = AccountKey::new(
            decision.payment_type.fund(),
            decision.person.trim(),
            clock.today(),
        );
        post(tx, &actor, clock, &key, None, |_, id| {
            exempt_credit(decision, user, clock.today(), |_| id).map_err(refused)
        })
    })
}
