//! The chapter's other workflows as cases of their own, started from a
//! child's plan page: reunification (WF-RETURN-HOME), the pre-proceedings
//! family route (WF-SAFETY-PLAN), leaving care on a CAO or SGO
//! (WF-ORDER-EXIT) and a discretionary payment (WF-DISC-PAYMENT).
//!
//! Each form on a case is one call of [`act_on_case`]: one transaction that
//! refuses a stale version or a child outside the user's team, asks the
//! case's `act` in domain (the same answer as the page's `offers`), saves
//! the case, what the action does beyond it (the looked-after episode ended
//! on return home or on the order; the Permanence Panel referral a
//! recommended payment makes), and the audit event
//! `<workflow>.<action>` with codes and dates only.

use domain::access::User;
use domain::child::ChildId;
use domain::journey::CareJourney;
use domain::permanence::cases::{CaseAction, CaseContext, CaseRecord, WorkflowCase, check_start};
use domain::permanence::payments::PaymentAction;
use domain::permanence::referrals::Referral;
use domain::time::Clock;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store, Versioned,
};

use super::referrals::referral_record;
use super::{actor_of, audit, ensure_may_see, load_journey, next_id, record_at, refused};
use crate::AppError;

fn case_record(id: &str, c: &WorkflowCase) -> Record<WorkflowCase> {
    super::child_record(
        id,
        &c.child_id,
        c.state.code,
        Some(c.started.to_string()),
        c,
    )
}

/// What the child's record tells a case's rules: the current episode's
/// legal status and the child's disability.
pub fn case_context(journey: &CareJourney) -> CaseContext {
    CaseContext {
        legal_status: journey.current_episode().map(|e| e.legal_status),
        disabled: journey.child().disabled,
        born: Some(journey.child().date_of_birth),
    }
}

/// Starts a case in one of the workflows a plan page starts, at its first
/// state, if [`check_start`] allows the user to; audited.
pub fn start_case(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    workflow_id: &str,
    from: &str,
) -> Result<String, AppError> {
    let wf = check_start(user, workflow_id).map_err(refused)?;
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "start a case for this child")?;
        let journey = load_journey(tx, child)?;
        let ctx = case_context(&journey.value);
        let case = WorkflowCase::start(wf, child.clone(), clock.today(), &ctx);
        let id = next_id(tx, RecordKind::WorkflowCase, child, 'W')?;
        tx.insert_records(RecordKind::WorkflowCase, &[case_record(&id, &case)])?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.start", wf.id),
            "workflow_case",
            &id,
            serde_json::json!({"state": case.state.code}),
        ))?;
        Ok(id)
    })
}

/// A case as its page shows it: the case, the child's journey, and the
/// context its rules read.
#[derive(Debug, Clone)]
pub struct CaseView {
    pub case: Versioned<Record<WorkflowCase>>,
    pub journey: Versioned<CareJourney>,
    pub context: CaseContext,
    /// The panel referral of a recommended payment, if any.
    pub referral: Option<Versioned<Record<Referral>>>,
}

/// Opens a case of a child the user may see; the read is audited as a read
/// of the child's record (and a refusal too).
pub fn open_case(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<CaseView, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| -> Result<Result<CaseView, AppError>, AppError> {
        let case = tx
            .record::<WorkflowCase>(RecordKind::WorkflowCase, id)?
            .ok_or_else(|| AppError::NotFound(format!("case {id}")))?;
        let child = case.value.document.child_id.clone();
        let seen = crate::may_see_child(tx, user, &child)?;
        tx.append(&audit(
            &actor,
            clock,
            if seen {
                "view_case"
            } else {
                "view_case_denied"
            }
            .into(),
            crate::CHILD_RECORD,
            child.as_str(),
            serde_json::json!({"case": id}),
        ))?;
        if !seen {
            return Ok(Err(AppError::Forbidden("open this child's case")));
        }
        let journey = load_journey(tx, &child)?;
        let referral = match payment_referral(&case.value.document) {
            Some(r) => tx.record::<Referral>(RecordKind::Referral, r)?,
            None => None,
        };
        Ok(Ok(CaseView {
            context: case_context(&journey.value),
            case,
            journey,
            referral,
        }))
    })?
}

fn payment_referral(case: &WorkflowCase) -> Option<&str> {
    match &case.record {
        CaseRecord::Payment(p) => p.referral.as_deref(),
        _ => None,
    }
}

/// Takes one of the case's forms or steps, if the case's `act` allows the
/// user to: the case, the episode's end and a panel referral saved with the
/// audit event in one transaction; a stale version is refused.
pub fn act_on_case(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    action: CaseAction,
    from: &str,
) -> Result<Versioned<Record<WorkflowCase>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let current =
            record_at::<WorkflowCase>(tx, RecordKind::WorkflowCase, id, expected_version, "case")?;
        let mut case = current.value.document;
        ensure_may_see(tx, user, &case.child_id, "work on this child's case")?;
        let journey = load_journey(tx, &case.child_id)?;
        let ctx = case_context(&journey.value);
        let action = with_panel_outcome(tx, &case, action)?;
        let name = action.name().to_owned();
        let effect = case
            .act(user, action, &ctx, clock.today())
            .map_err(refused)?;
        let mut details = serde_json::json!({"to": case.state.code});
        if let Some((on, reason)) = effect.end_episode {
            let (next, change) = journey.value.leave_care(on, reason, clock.today())?;
            tx.update_journey(&next, journey.version, clock.now())?;
            tx.append(&crate::audit_event(
                &actor,
                clock,
                "end_episode",
                &case.child_id,
                serde_json::to_string(&change).expect("journey changes serialise"),
            ))?;
            details["episode_ended"] = on.to_string().into();
        }
        if let Some(referral) = effect.referral {
            let rid = next_id(tx, RecordKind::Referral, &case.child_id, 'R')?;
            tx.insert_records(RecordKind::Referral, &[referral_record(&rid, &referral)])?;
            if let CaseRecord::Payment(p) = &mut case.record {
                p.referral = Some(rid.clone());
            }
            details["referral"] = rid.into();
        }
        let record = case_record(id, &case);
        let version = tx.update_record(RecordKind::WorkflowCase, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{}", case.workflow.id, name),
            "workflow_case",
            id,
            details,
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// The panel's decision on a payment is the one recorded on its referral:
/// read from there, never typed again.
fn with_panel_outcome(
    tx: &mut store::Tx<'_>,
    case: &WorkflowCase,
    action: CaseAction,
) -> Result<CaseAction, AppError> {
    if !matches!(
        action,
        CaseAction::Payment(PaymentAction::PanelDecision { .. })
    ) {
        return Ok(action);
    }
    let outcome = match payment_referral(case) {
        Some(r) => tx
            .record::<Referral>(RecordKind::Referral, r)?
            .and_then(|r| r.value.document.outcome),
        None => None,
    };
    Ok(CaseAction::Payment(PaymentAction::PanelDecision {
        outcome,
    }))
}

/// Loads a council's cases (demo data) and the panel referrals their
/// recommended payments made, in one transaction; audited with the counts.
pub fn load_cases(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    cases: &[(String, WorkflowCase)],
    referrals: &[(String, Referral)],
) -> Result<usize, AppError> {
    store.write(|tx| {
        let records: Vec<_> = cases.iter().map(|(id, c)| case_record(id, c)).collect();
        tx.insert_records(RecordKind::WorkflowCase, &records)?;
        let refs: Vec<_> = referrals
            .iter()
            .map(|(id, r)| referral_record(id, r))
            .collect();
        tx.insert_records(RecordKind::Referral, &refs)?;
        tx.append(&audit(
            actor,
            clock,
            "load_cases".into(),
            "workflow_case",
            "council",
            serde_json::json!({"cases": cases.len(), "referrals": referrals.len()}),
        ))?;
        Ok(cases.len())
    })
}

/// A child's cases, oldest first.
pub fn cases_of_child(
    store: &Store,
    child: &ChildId,
) -> Result<Vec<Versioned<Record<WorkflowCase>>>, AppError> {
    Ok(store.read(|tx| tx.records_of_child(RecordKind::WorkflowCase, child.as_str()))?)
}
