//! The plan's trajectory (TRACK-004): the target date of each milestone,
//! the actual date once reached and the reason for any variance, recorded
//! from the plan page by those who work on plans. Each review compares
//! actual dates with the trajectory: the plan page lists every variance
//! without a reason (`PlanView::trajectory_gaps`).

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::permanence::plan::PermanencePlan;
use domain::permanence::tracking::{Milestone, MilestoneKind};
use domain::permanence::workflow::PERM_PLAN;
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::{
    actor_of, audit, ensure_may_see, invalid, load_journey, plan_at, plan_record, refresh_tracking,
};
use crate::AppError;

/// One milestone of the trajectory as a person records it.
#[derive(Debug, Clone)]
pub struct MilestoneInput {
    pub kind: MilestoneKind,
    pub target: Option<NaiveDate>,
    pub actual: Option<NaiveDate>,
    pub variance_reason: String,
}

/// Records (or corrects) one milestone of the child's current plan's
/// trajectory: its target, its actual date (not in the future) and the
/// reason for any variance. Audited with the milestone and its dates,
/// never the reason's words.
pub fn record_milestone(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    input: MilestoneInput,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    if !user.may(Permission::WorkOnPlans) {
        return Err(AppError::Forbidden("record for this child"));
    }
    let target = input
        .target
        .ok_or_else(|| invalid("enter the milestone's target date"))?;
    if input.actual.is_some_and(|a| a > clock.today()) {
        return Err(invalid("the actual date is in the future"));
    }
    let reason = input.variance_reason.trim();
    let milestone = Milestone {
        kind: input.kind,
        target,
        actual: input.actual,
        variance_reason: (!reason.is_empty()).then(|| reason.to_owned()),
    };
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record for this child")?;
        let mut plan = plan_at(tx, child, expected_version)?.value.document;
        plan.trajectory.retain(|m| m.kind != milestone.kind);
        plan.trajectory.push(milestone.clone());
        plan.trajectory.sort_by_key(|m| m.kind);
        let record = plan_record(&plan);
        let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.trajectory", PERM_PLAN.id),
            "permanence_plan",
            &record.id,
            serde_json::json!({
                "milestone": milestone.kind.code(),
                "target": milestone.target.to_string(),
                "actual": milestone.actual.map(|d| d.to_string()),
                "variance_reason": milestone.variance_reason.is_some(),
            }),
        ))?;
        let journey = load_journey(tx, child)?;
        refresh_tracking(tx, &journey.value)?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}
