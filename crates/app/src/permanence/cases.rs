//! The chapter's other workflows as cases of their own, started from a
//! child's plan page: reunification (WF-RETURN-HOME), the pre-proceedings
//! family route (WF-SAFETY-PLAN), leaving care on a CAO or SGO
//! (WF-ORDER-EXIT) and a discretionary payment (WF-DISC-PAYMENT).

use domain::access::User;
use domain::child::ChildId;
use domain::permanence::cases::{WorkflowCase, check_start};
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

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
        load_journey(tx, child)?;
        let case = WorkflowCase::start(wf, child.clone(), clock.today());
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

/// Takes a named move in a case, if [`WorkflowCase::check_move`] allows the
/// user to; audited.
pub fn take_case_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    transition: &str,
    from: &str,
) -> Result<Versioned<Record<WorkflowCase>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let current =
            record_at::<WorkflowCase>(tx, RecordKind::WorkflowCase, id, expected_version, "case")?;
        let mut case = current.value.document;
        ensure_may_see(tx, user, &case.child_id, "work on this child's case")?;
        let t = case
            .take(user, transition, clock.today())
            .map_err(refused)?;
        let record = case_record(id, &case);
        let version = tx.update_record(RecordKind::WorkflowCase, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{}", case.workflow.id, t.name),
            "workflow_case",
            id,
            serde_json::json!({"to": t.to}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// A child's cases, oldest first.
pub fn cases_of_child(
    store: &Store,
    child: &ChildId,
) -> Result<Vec<Versioned<Record<WorkflowCase>>>, AppError> {
    Ok(store.read(|tx| tx.records_of_child(RecordKind::WorkflowCase, child.as_str()))?)
}
