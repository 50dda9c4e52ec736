//! The Child Decision Making Panel's care-planning decisions (PANEL-018):
//! each decision records the permanence options under consideration and any
//! parallel plan, and CDM keeps the list of children whose permanence
//! decision is still outstanding until it is recorded as made.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::permanence::panels::{
    CdmDecision, CdmDecisionKind, outstanding_permanence_decisions, validate_cdm_decision,
};
use domain::permanence::plan::{Pathway, PermanenceOption};
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::{
    actor_of, audit, child_record, ensure_may_see, invalid, load_journey, next_id, record_at,
};
use crate::AppError;

/// A CDM decision with its identifier and version.
pub type StoredCdmDecision = Versioned<Record<CdmDecision>>;

fn cdm_record(id: &str, d: &CdmDecision) -> Record<CdmDecision> {
    let stage = if d.permanence_decided.is_some() {
        "decided"
    } else {
        "outstanding"
    };
    child_record(id, &d.child_id, stage, Some(d.decided_on.to_string()), d)
}

/// A CDM decision as the panel's adviser records it.
#[derive(Debug, Clone)]
pub struct NewCdmDecision {
    pub decided_on: Option<NaiveDate>,
    pub decision: CdmDecisionKind,
    pub options: Vec<PermanenceOption>,
    pub parallel_plan: Option<Pathway>,
}

/// PANEL-018: records a CDM decision for a child, with the permanence
/// options under consideration (refused without them) and any parallel
/// plan, for those who manage the panels. Audited with the decision's kind,
/// date and options.
pub fn record_cdm_decision(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    new: NewCdmDecision,
    from: &str,
) -> Result<String, AppError> {
    if !user.may(Permission::ManagePanels) {
        return Err(AppError::Forbidden("record a CDM decision"));
    }
    let decided_on = new
        .decided_on
        .ok_or_else(|| invalid("enter the date of the decision"))?;
    if decided_on > clock.today() {
        return Err(invalid("the date of the decision is in the future"));
    }
    let decision = CdmDecision {
        child_id: child.clone(),
        decided_on,
        decision: new.decision,
        options_under_consideration: new.options,
        parallel_plan: new.parallel_plan,
        permanence_decided: None,
    };
    validate_cdm_decision(&decision).map_err(invalid)?;
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record a CDM decision for this child")?;
        load_journey(tx, child)?;
        let id = next_id(tx, RecordKind::CdmDecision, child, 'D')?;
        tx.insert_records(RecordKind::CdmDecision, &[cdm_record(&id, &decision)])?;
        tx.append(&audit(
            &actor,
            clock,
            "PANEL-018.record_decision".into(),
            "cdm_decision",
            &id,
            serde_json::json!({
                "decision": decision.decision.code(),
                "decided_on": decided_on.to_string(),
                "options": decision.options_under_consideration.iter().map(|o| o.step()).collect::<Vec<_>>(),
                "parallel_plan": decision.parallel_plan.map(Pathway::code),
            }),
        ))?;
        Ok(id)
    })
}

/// PANEL-018: records that the permanence decision a CDM decision looked
/// for was made on `on`, taking the child off CDM's outstanding list.
pub fn record_permanence_decided(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    on: Option<NaiveDate>,
    from: &str,
) -> Result<StoredCdmDecision, AppError> {
    if !user.may(Permission::ManagePanels) {
        return Err(AppError::Forbidden("record a CDM decision"));
    }
    let on = on.ok_or_else(|| invalid("enter the date the permanence decision was made"))?;
    if on > clock.today() {
        return Err(invalid(
            "the date of the permanence decision is in the future",
        ));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        let current = record_at::<CdmDecision>(
            tx,
            RecordKind::CdmDecision,
            id,
            expected_version,
            "CDM decision",
        )?;
        let mut d = current.value.document;
        ensure_may_see(
            tx,
            user,
            &d.child_id,
            "record a CDM decision for this child",
        )?;
        if on < d.decided_on {
            return Err(invalid(
                "the permanence decision cannot come before the CDM decision",
            ));
        }
        d.permanence_decided = Some(on);
        let record = cdm_record(id, &d);
        let version = tx.update_record(RecordKind::CdmDecision, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            "PANEL-018.permanence_decided".into(),
            "cdm_decision",
            id,
            serde_json::json!({"on": on.to_string()}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// PANEL-018: CDM's list of the children (those the user may see) whose
/// latest CDM decision still awaits its permanence decision, oldest first.
/// Audited as a list view.
pub fn cdm_outstanding(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<StoredCdmDecision>, AppError> {
    if !user.may(Permission::ViewPanels) {
        return Err(AppError::Forbidden("see CDM's decisions"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        let all: Vec<StoredCdmDecision> = tx.records(RecordKind::CdmDecision, None)?;
        let docs: Vec<CdmDecision> = all.iter().map(|d| d.value.document.clone()).collect();
        let mut out = Vec::new();
        for d in outstanding_permanence_decisions(&docs) {
            if !crate::may_see_child(tx, user, &d.child_id)? {
                continue;
            }
            if let Some(stored) = all.iter().find(|s| s.value.document == *d) {
                out.push(stored.clone());
            }
        }
        tx.append(&audit(
            &actor,
            clock,
            "view_cdm_outstanding".into(),
            "cdm_decision",
            "council",
            serde_json::json!({"children": out.len()}),
        ))?;
        Ok(out)
    })
}

/// A child's CDM decisions, newest first. Audited as a read of the child's
/// record.
pub fn cdm_decisions_of(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<Vec<StoredCdmDecision>, AppError> {
    if !user.may(Permission::ViewPanels) {
        return Err(AppError::Forbidden("see CDM's decisions"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "see this child's CDM decisions")?;
        let mut list: Vec<StoredCdmDecision> =
            tx.records_of_child(RecordKind::CdmDecision, child.as_str())?;
        list.sort_by_key(|d| std::cmp::Reverse(d.value.document.decided_on));
        tx.append(&audit(
            &actor,
            clock,
            "view_cdm_decisions".into(),
            crate::CHILD_RECORD,
            child.as_str(),
            serde_json::json!({"decisions": list.len()}),
        ))?;
        Ok(list)
    })
}
