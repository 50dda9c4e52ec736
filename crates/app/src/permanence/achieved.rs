//! Permanence achieved (WF-PERM-PLAN step 9): recording the order or
//! arrangement and its date against the plan, refused while the plan's
//! milestones are open unless a manager overrides with a reason, and a
//! manager's reversal with a reason. Each audited as a move of the plan.

use domain::access::User;
use domain::child::ChildId;
use domain::permanence::achieved::{
    AchievementInput, Arrangement, check_achievement, reverse_achievement,
};
use domain::permanence::pathways::check_permanent_placement_type;
use domain::permanence::plan::{Lifecycle, PermanencePlan, PlanMove};
use domain::permanence::referrals::Referral;
use domain::permanence::tracking::open_milestones;
use domain::permanence::workflow::PERM_PLAN;
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::{
    actor_of, audit, current_plan, ensure_may_see, invalid, load_journey, plan_record,
    refresh_tracking, refused, stale, tracking_facts,
};
use crate::AppError;

/// The milestones of the child's current plan still open today, each with
/// its due date (what recording permanence achieved is refused for).
fn plan_open_milestones(
    tx: &mut store::Tx<'_>,
    child: &ChildId,
    plan: &PermanencePlan,
    today: chrono::NaiveDate,
) -> Result<Vec<(String, chrono::NaiveDate)>, AppError> {
    let journey = load_journey(tx, child)?;
    let referrals: Vec<Referral> = tx
        .records_of_child::<Referral>(RecordKind::Referral, child.as_str())?
        .into_iter()
        .map(|r| r.value.document)
        .collect();
    let facts = tracking_facts(&journey.value, Some(plan), &referrals);
    Ok(open_milestones(&facts, today))
}

/// PATH-016, PATH-018: a long-term fostering match is recorded as
/// confirmed (the placement "permanent") only for the carers `named` whose
/// match with the child the Permanence Panel agreed and the agency decision
/// maker confirmed.
fn check_match_confirmed(
    tx: &mut store::Tx<'_>,
    child: &ChildId,
    named: &str,
) -> Result<(), AppError> {
    if named.trim().is_empty() {
        return Err(invalid("name the carers whose match was confirmed"));
    }
    let referrals: Vec<Referral> = tx
        .records_of_child::<Referral>(RecordKind::Referral, child.as_str())?
        .into_iter()
        .map(|r| r.value.document)
        .collect();
    check_permanent_placement_type(&referrals, child, named).map_err(invalid)
}

/// The child's current plan at the version the person saw, with the move
/// `name` of WF-PERM-PLAN allowed to `user` now; and the stage it goes to.
fn plan_for_move(
    tx: &mut store::Tx<'_>,
    user: &User,
    child: &ChildId,
    expected_version: i64,
    name: &'static str,
) -> Result<(PermanencePlan, domain::permanence::workflow::PlanStage), AppError> {
    ensure_may_see(tx, user, child, "change this child's plan")?;
    let current = current_plan(tx, child)?
        .ok_or_else(|| invalid("this child has no permanence plan yet: open it first"))?;
    if current.version != expected_version {
        return Err(stale(
            format!("the permanence plan of {child}"),
            expected_version,
            current.version,
        ));
    }
    let plan = current.value.document;
    plan.check_move(user, PlanMove::Step(name))
        .map_err(refused)?;
    let (_, to) = PERM_PLAN
        .take_from(plan.stage, name, &[user.role])
        .map_err(invalid)?;
    Ok((plan, to))
}

/// Records permanence achieved on the child's plan: the order or
/// arrangement and its date (PATH-001), refused while milestones are open
/// unless a manager gives the reason for overriding. Audited with the
/// arrangement, its date and whether it was an override (never the names).
pub fn record_permanence_achieved(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    input: AchievementInput,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let (mut plan, to) = plan_for_move(tx, user, child, expected_version, "achieve")?;
        if input.arrangement == Some(Arrangement::LtfMatchConfirmed) {
            check_match_confirmed(tx, child, &input.named)?;
        }
        let open = plan_open_milestones(tx, child, &plan, clock.today())?;
        let achievement = check_achievement(
            &plan,
            user.role,
            &user.username,
            &input,
            &open,
            clock.today(),
        )
        .map_err(invalid)?;
        let details = serde_json::json!({
            "arrangement": achievement.arrangement.code(),
            "on": achievement.on.to_string(),
            "override": achievement.override_reason.is_some(),
            "open_milestones": achievement.open_milestones.len(),
            "matches_plan": achievement.matches_plan,
        });
        plan.lifecycle = Lifecycle::Achieved;
        plan.achieved_on = Some(achievement.on);
        plan.achievement = Some(achievement);
        plan.stage = to;
        save_move(
            tx,
            &actor,
            clock,
            plan,
            expected_version,
            "achieve",
            details,
        )
    })
}

/// A manager reverses permanence achieved on the child's plan, with the
/// reason; the plan goes back to the lifecycle it had, the reversal kept
/// on it and audited.
pub fn reverse_permanence_achieved(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    reason: &str,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let (mut plan, to) = plan_for_move(tx, user, child, expected_version, "reverse_achieved")?;
        let reversal =
            reverse_achievement(&mut plan, user.role, &user.username, reason, clock.today())
                .map_err(invalid)?;
        let details = serde_json::json!({
            "arrangement": reversal.reversed.arrangement.code(),
            "achieved_on": reversal.reversed.on.to_string(),
        });
        plan.reversals.push(reversal);
        plan.stage = to;
        save_move(
            tx,
            &actor,
            clock,
            plan,
            expected_version,
            "reverse_achieved",
            details,
        )
    })
}

/// Saves the plan after a move, audits it under the workflow's name and
/// refreshes the child's tracking row.
fn save_move(
    tx: &mut store::Tx<'_>,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    plan: PermanencePlan,
    expected_version: i64,
    name: &str,
    details: serde_json::Value,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let record = plan_record(&plan);
    let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
    tx.append(&audit(
        actor,
        clock,
        format!("{}.{name}", PERM_PLAN.id),
        "permanence_plan",
        &record.id,
        details,
    ))?;
    let journey = load_journey(tx, &plan.child_id)?;
    refresh_tracking(tx, &journey.value)?;
    Ok(Versioned {
        value: record,
        version,
    })
}
