//! The Team Manager's sign-off of the plan's options appraisal (DATA-011):
//! recorded on the plan with the appraisal as it was signed off, audited,
//! and what a later choice of pathway is checked against.

use domain::access::User;
use domain::child::ChildId;
use domain::permanence::assessment::{SignOffError, sign_off_appraisal};
use domain::permanence::plan::PermanencePlan;
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::{actor_of, audit, ensure_may_see, invalid, plan_at, plan_record};
use crate::AppError;

/// A Team Manager signs off the options appraisal of the child's plan as
/// it stands (DATA-011). Refused to anyone else, for a plan with no
/// appraisal, or when the plan's pathway is not one the appraisal ruled in.
pub fn sign_off_options_appraisal(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "sign off this child's options appraisal")?;
        let mut plan = plan_at(tx, child, expected_version)?.value.document;
        if !plan.lifecycle.is_editable() {
            return Err(invalid(
                "the plan is no longer a draft: a new options appraisal comes with a change of plan",
            ));
        }
        let sign_off = sign_off_appraisal(&plan, user.role, &user.username, clock.today())
            .map_err(|e| match e {
                SignOffError::NotTeamManager => {
                    AppError::Forbidden("sign off the options appraisal")
                }
                other => invalid(other),
            })?;
        plan.appraisal_sign_off = Some(sign_off);
        let record = plan_record(&plan);
        let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            "DATA-011.sign_off_appraisal".into(),
            "permanence_plan",
            &record.id,
            serde_json::json!({"version": version}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}
