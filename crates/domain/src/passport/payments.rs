//! Payments that rest on a decision: an additional payment or settling-in
//! grant the Permanence Panel (or the Service Manager on appeal) approved on
//! a discretionary payment case (WF-ADDITIONAL-PAYMENT, decided on the
//! permanence case of PANEL-017, which this links to and does not repeat),
//! and the exempt payments a manager decides with a reason
//! (WF-EXEMPT-PAYMENT, PAY-007).

use chrono::NaiveDate;

use crate::access::User;
use crate::child::ChildId;
use crate::journey::CareJourney;
use crate::permanence::cases::{CaseRecord, CaseStep, WorkflowCase};
use crate::permanence::referrals::Outcome;

use super::ledger::{
    AccountKey, EntryKind, LedgerEntry, LedgerError, PaymentType, is_manager, live_credits,
};

/// The credit an approved discretionary payment case makes, and the case
/// moved on to "paid" by `user` (PAY-002, PAY-006, PAY-027): refused unless
/// the case is approved, by the panel on its referral (whose reference is
/// the decision) or by the Service Manager on appeal.
pub fn approved_case_credit(
    case: &mut WorkflowCase,
    case_id: &str,
    payment_type: PaymentType,
    user: &User,
    on: NaiveDate,
    id: impl FnOnce(&AccountKey) -> String,
) -> Result<LedgerEntry, LedgerError> {
    if payment_type == PaymentType::LegacyNeedGrant {
        return Err(LedgerError::LegacyGrant);
    }
    if !matches!(
        payment_type,
        PaymentType::AdditionalPayment | PaymentType::SettlingInGrant
    ) {
        return Err(LedgerError::NotAllowed(format!(
            "a {} is not decided on a discretionary payment case",
            payment_type.label()
        )));
    }
    let CaseRecord::Payment(record) = &case.record else {
        return Err(LedgerError::NotAllowed(
            "only a discretionary payment case is paid here".into(),
        ));
    };
    let request = record.request.as_ref().ok_or_else(|| {
        LedgerError::NotAllowed("the case has no Additional Payments form".into())
    })?;
    let (decision, reason, step, role) = match (
        &record.appeal_decision,
        &request.panel,
        &record.referral,
    ) {
        (Some((true, reasons, _)), _, _) => (
            format!("{case_id} appeal upheld"),
            format!("Appeal upheld by the Service Manager: {reasons}"),
            "appeal_upheld",
            crate::roles::Role::ServiceManager,
        ),
        (_, Some((Outcome::PaymentApproved, _)), Some(referral)) => (
            format!("{case_id} panel {referral}"),
            "Approved by the Permanence Panel".to_owned(),
            "panel_approve",
            crate::roles::Role::PanelAdviser,
        ),
        _ => {
            return Err(LedgerError::NotAllowed(
                "this case has no approval by the Permanence Panel or on appeal: nothing can be paid (PAY-002)".into(),
            ));
        }
    };
    // Who approved it: the person who recorded the decision on the case.
    let approver = case
        .steps
        .iter()
        .rev()
        .find(|s| s.transition == step)
        .map_or_else(|| user.username.clone(), |s| s.by.clone());
    let t = case
        .workflow
        .take(case.state.code, "pay", &[user.role])
        .map_err(|e| LedgerError::NotAllowed(e.to_string()))?;
    let key = AccountKey::new(payment_type.fund(), case.child_id.as_str(), on);
    let entry = LedgerEntry {
        id: id(&key),
        account: key,
        child_id: case.child_id.clone(),
        kind: EntryKind::Credit,
        payment_type,
        amount_pence: request.cost_pence,
        on,
        approved_by: approver,
        approver_role: role.code().into(),
        reason,
        decision_ref: Some(decision),
        against: None,
    };
    case.state = case
        .workflow
        .state(t.to)
        .ok_or_else(|| LedgerError::NotAllowed("the payment case has no paid state".into()))?;
    case.steps.push(CaseStep {
        transition: t.name.to_owned(),
        by: user.username.clone(),
        on,
    });
    Ok(entry)
}

/// An exempt payment as a manager decides it (WF-EXEMPT-PAYMENT).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExemptDecision {
    pub child_id: ChildId,
    /// The child, or the family member the money is for.
    pub person: String,
    pub payment_type: PaymentType,
    pub amount_pence: u64,
    pub reason: String,
}

/// PAY-007: an exempt payment's credit, decided by a Team Manager or above
/// with a reason and no panel step: refused for a type that goes to the
/// panel, for another role, or without a reason.
pub fn exempt_credit(
    decision: ExemptDecision,
    user: &User,
    on: NaiveDate,
    id: impl FnOnce(&AccountKey) -> String,
) -> Result<LedgerEntry, LedgerError> {
    if !PaymentType::EXEMPT.contains(&decision.payment_type) {
        return Err(LedgerError::NotAllowed(format!(
            "a {} goes to the Team Manager and the Permanence Panel; it is not exempt (PAY-007)",
            decision.payment_type.label()
        )));
    }
    if !is_manager(user.role) {
        return Err(LedgerError::NotAllowed(
            "an exempt payment is decided by a Team Manager or above (PAY-007)".into(),
        ));
    }
    if decision.person.trim().is_empty() {
        return Err(LedgerError::Field {
            field: "person",
            problem: "say who the payment is for".into(),
        });
    }
    let key = AccountKey::new(decision.payment_type.fund(), decision.person.trim(), on);
    Ok(LedgerEntry {
        id: id(&key),
        account: key,
        child_id: decision.child_id,
        kind: EntryKind::Credit,
        payment_type: decision.payment_type,
        amount_pence: decision.amount_pence,
        on,
        approved_by: user.username.clone(),
        approver_role: user.role.code().into(),
        reason: decision.reason,
        decision_ref: Some("exempt: manager decision".into()),
        against: None,
    })
}

/// The day the child's current placement began: the start of the run of
/// latest episodes with the same placement (a new legal status starts an
/// episode, not a placement).
pub fn placement_start(journey: &CareJourney) -> Option<NaiveDate> {
    let episodes = journey.episodes();
    let last = episodes.last()?;
    let mut start = last.start;
    for e in episodes.iter().rev().skip(1) {
        if e.placement != last.placement {
            break;
        }
        start = e.start;
    }
    Some(start)
}

/// PAY-001: one settling-in grant per child per placement: refused when the
/// child's entries hold a standing settling-in grant agreed on or after the
/// day the placement began.
pub fn settling_in_once(
    child_entries: &[LedgerEntry],
    placement_began: NaiveDate,
) -> Result<(), LedgerError> {
    let paid = live_credits(child_entries)
        .find(|e| e.payment_type == PaymentType::SettlingInGrant && e.on >= placement_began);
    match paid {
        Some(e) => Err(LedgerError::NotAllowed(format!(
            "a settling-in grant was already agreed on {} for this placement (from {placement_began}): one per child per placement (PAY-001)",
            e.on
        ))),
        None => Ok(()),
    }
}
