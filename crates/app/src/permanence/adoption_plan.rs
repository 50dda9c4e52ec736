//! The timescales of an adoption plan (PATH-023): once adoption is agreed
//! as the plan, the best interest decision is due two months later and the
//! worker dates every other open stage; the plan is not saved with an open
//! stage undated.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::permanence::pathways::{AdoptionStage, new_adoption_plan, validate_adoption_plan};
use domain::permanence::plan::{Pathway, PermanencePlan};
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::{actor_of, audit, ensure_may_see, invalid, plan_at, plan_record};
use crate::AppError;

/// PATH-023: records the stages of the child's adoption plan, agreed as the
/// plan on `agreed`: the best interest decision due two months later, the
/// other stages on the dates the worker gives (`due`). Refused unless the
/// plan's pathway is adoption, or while an open stage has no due date.
pub fn record_adoption_timescales(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    (agreed, due): (NaiveDate, &[(AdoptionStage, NaiveDate)]),
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        if !user.may(Permission::WorkOnPlans) {
            return Err(AppError::Forbidden("record this child's adoption plan"));
        }
        ensure_may_see(tx, user, child, "record this child's adoption plan")?;
        let mut plan = plan_at(tx, child, expected_version)?.value.document;
        if plan.pathway != Some(Pathway::Adoption) {
            return Err(invalid("the plan's pathway is not adoption"));
        }
        let mut stages = new_adoption_plan(agreed);
        for stage in stages
            .iter_mut()
            .filter(|s| s.stage != AdoptionStage::BestInterestDecision)
        {
            stage.due = due.iter().find(|(s, _)| *s == stage.stage).map(|(_, d)| *d);
        }
        validate_adoption_plan(&stages).map_err(invalid)?;
        plan.adoption_stages = stages;
        let record = plan_record(&plan);
        let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            "PATH-023.adoption_timescales".into(),
            "permanence_plan",
            &record.id,
            serde_json::json!({"agreed": agreed.to_string(), "version": version}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}
