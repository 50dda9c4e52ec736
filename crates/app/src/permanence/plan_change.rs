//! A change of permanence plan (PLAN-011, WF-PLAN-CHANGE): proposing it,
//! the agreements and authorisations it needs, and agreeing it at a review,
//! which supersedes the old plan with a new ratified version.

use chrono::NaiveDate;
use domain::access::User;
use domain::child::ChildId;
use domain::deadlines::{Event, EventKind};
use domain::permanence::plan::{Lifecycle, Pathway, PermanencePlan, PlanMove};
use domain::permanence::plan_change::{Authorisation, Authority, ChangeMove, ChangeOfPlan};
use domain::permanence::referrals::ReferralTrigger;
use domain::permanence::responsibilities::OfferResponse;
use domain::permanence::workflow::{ChangeStage, PERM_PLAN};
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, StoreError, Versioned};

use super::{
    actor_of, audit, create_referral, current_plan, ensure_may_see, invalid, load_journey,
    ltf_referral, next_id, plan_id, plan_record, record_activities, record_at, refresh_tracking,
    refused, stale,
};
use crate::AppError;

/// A change of plan with its identifier and version.
pub type StoredChange = Versioned<Record<ChangeOfPlan>>;

fn change_record(id: &str, c: &ChangeOfPlan, stage: ChangeStage) -> Record<ChangeOfPlan> {
    super::child_record(
        id,
        &c.child_id,
        stage.code(),
        Some(c.proposed.to_string()),
        c,
    )
}

/// The child's change of plan in progress, if any.
pub(super) fn pending_change(
    tx: &mut store::Tx<'_>,
    child: &ChildId,
) -> Result<Option<StoredChange>, StoreError> {
    Ok(tx
        .records_of_child::<ChangeOfPlan>(RecordKind::PlanChange, child.as_str())?
        .into_iter()
        .find(|c| {
            !matches!(
                ChangeStage::parse(&c.value.stage),
                Some(ChangeStage::Agreed | ChangeStage::Withdrawn)
            )
        }))
}

/// A proposed change of plan: the new pathway and why.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub to: Pathway,
    pub reasons: String,
}

/// Proposes a change of the ratified plan to another pathway (PLAN-011,
/// WF-PLAN-CHANGE): the plan moves to "change of plan" and the proposal
/// waits for the agreements PLAN-011 requires.
pub fn propose_change(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_plan_version: i64,
    proposal: Proposal,
    from: &str,
) -> Result<StoredChange, AppError> {
    let actor = actor_of(user, from);
    let Proposal { to, reasons } = proposal;
    if reasons.trim().is_empty() {
        return Err(invalid("give the reasons for the change of plan"));
    }
    store.write(|tx| {
        ensure_may_see(tx, user, child, "change this child's plan")?;
        let current = current_plan(tx, child)?
            .ok_or_else(|| invalid("this child has no permanence plan yet"))?;
        if current.version != expected_plan_version {
            return Err(stale(
                format!("the permanence plan of {child}"),
                expected_plan_version,
                current.version,
            ));
        }
        if pending_change(tx, child)?.is_some() {
            return Err(invalid("a change of plan is already in progress"));
        }
        let mut plan = current.value.document;
        let from_pathway = plan
            .pathway
            .ok_or_else(|| invalid("the plan has no pathway to change from"))?;
        if from_pathway == to {
            return Err(invalid(format!("the plan is already {}", to.label())));
        }
        plan.check_move(user, PlanMove::ProposeChange)
            .map_err(refused)?;
        plan.stage = PERM_PLAN
            .take_from(plan.stage, "propose_change", &[user.role])
            .map_err(invalid)?
            .1;
        tx.update_record(RecordKind::Plan, &plan_record(&plan), expected_plan_version)?;
        let change = ChangeOfPlan {
            child_id: child.clone(),
            from: from_pathway,
            to,
            proposed: clock.today(),
            reasons: reasons.trim().to_owned(),
            authorisations: Vec::new(),
            advocacy: None,
        };
        let id = next_id(tx, RecordKind::PlanChange, child, 'C')?;
        let record = change_record(&id, &change, ChangeStage::TmAgreement);
        tx.insert_records(RecordKind::PlanChange, &[record])?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-PLAN-CHANGE.propose".into(),
            "plan_change",
            &id,
            serde_json::json!({"from": from_pathway.code(), "to": to.code()}),
        ))?;
        tx.record(RecordKind::PlanChange, &id)?
            .ok_or_else(|| invalid("the change was not saved"))
    })
}

/// Records the user's agreement or authorisation of a change of plan: the
/// team manager first, then the service manager, the Permanence Panel (its
/// adviser records the panel's agreement) or the ADM as PLAN-011 requires.
pub fn authorise_change(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    from: &str,
) -> Result<StoredChange, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let current = record_at::<ChangeOfPlan>(
            tx,
            RecordKind::PlanChange,
            id,
            expected_version,
            "change of plan",
        )?;
        let mut change = current.value.document;
        ensure_may_see(
            tx,
            user,
            &change.child_id,
            "authorise this child's change of plan",
        )?;
        change
            .check_move(user, ChangeMove::Authorise)
            .map_err(refused)?;
        let authority = Authority::of_role(user.role)
            .ok_or(AppError::Forbidden("authorise a change of plan"))?;
        change
            .record(Authorisation {
                authority,
                by: user.username.clone(),
                on: clock.today(),
            })
            .map_err(invalid)?;
        let record = change_record(id, &change, ChangeStage::Authorisation);
        let version = tx.update_record(RecordKind::PlanChange, &record, expected_version)?;
        let (action, status) = match authority {
            Authority::TeamManager => ("WF-PLAN-CHANGE.tm_agree", "authorisation"),
            _ if change.outstanding().is_empty() => ("WF-PLAN-CHANGE.authorise", "authorised"),
            _ => ("WF-PLAN-CHANGE.authorise", "authorisation"),
        };
        tx.append(&audit(
            &actor,
            clock,
            action.into(),
            "plan_change",
            id,
            serde_json::json!({"authority": authority.label(), "stage": status}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// ROLE-010: records that the Children's Rights Officer / advocacy was
/// offered to the child about this change today, and the child's response;
/// the IRO cannot agree the change at review until it is recorded.
pub fn record_advocacy_offer(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    response: OfferResponse,
    from: &str,
) -> Result<StoredChange, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let current = record_at::<ChangeOfPlan>(
            tx,
            RecordKind::PlanChange,
            id,
            expected_version,
            "change of plan",
        )?;
        let stage = ChangeStage::parse(&current.value.stage)
            .ok_or_else(|| invalid("the change of plan has an unknown stage"))?;
        let mut change = current.value.document;
        ensure_may_see(
            tx,
            user,
            &change.child_id,
            "record the advocacy offer on this child's change of plan",
        )?;
        change
            .check_move(user, ChangeMove::RecordAdvocacyOffer)
            .map_err(refused)?;
        change.record_advocacy_offer(response, clock.today());
        let record = change_record(id, &change, stage);
        let version = tx.update_record(RecordKind::PlanChange, &record, expected_version)?;
        let answer = match response {
            OfferResponse::Accepted => "accepted",
            OfferResponse::Declined => "declined",
        };
        tx.append(&audit(
            &actor,
            clock,
            "ROLE-010.advocacy_offer".into(),
            "plan_change",
            id,
            serde_json::json!({"response": answer}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// The IRO agrees an authorised change at a review (held early if need be):
/// the old plan is superseded and the new version is ratified that day; a
/// change to long-term fostering goes to the Permanence Panel (PANEL-009).
pub fn agree_change_at_review(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    on: Option<NaiveDate>,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    let on = on.unwrap_or_else(|| clock.today());
    if on > clock.today() {
        return Err(invalid(format!("the date {on} is in the future")));
    }
    store.write(|tx| {
        let current = record_at::<ChangeOfPlan>(
            tx,
            RecordKind::PlanChange,
            id,
            expected_version,
            "change of plan",
        )?;
        let change = current.value.document;
        let child = change.child_id.clone();
        ensure_may_see(tx, user, &child, "agree this child's change of plan")?;
        change
            .check_move(user, ChangeMove::AgreeAtReview)
            .map_err(refused)?;
        let plan = current_plan(tx, &child)?
            .ok_or_else(|| invalid("this child has no permanence plan"))?;
        let mut old = plan.value.document.clone();
        let mut next = change.activate(&mut old, on).map_err(invalid)?;
        let ltf = next.pathway == Some(Pathway::LongTermFostering);
        if ltf {
            next.lifecycle = Lifecycle::RatifiedSubjectToPanel;
        }
        next.care_plan_updated = Some(on);
        tx.update_record(RecordKind::Plan, &plan_record(&old), plan.version)?;
        tx.insert_records(RecordKind::Plan, &[plan_record(&next)])?;
        let record = change_record(id, &change, ChangeStage::Agreed);
        tx.update_record(RecordKind::PlanChange, &record, expected_version)?;
        let journey = load_journey(tx, &child)?;
        let event = |kind| Event { kind, date: on };
        let mut events = vec![
            event(EventKind::PermanencePlanRatified),
            event(EventKind::CarePlanUpdated),
        ];
        if ltf {
            events.push(event(EventKind::LtfPlanAgreed));
            create_referral(
                tx,
                &actor,
                clock,
                &ltf_referral(&journey.value, ReferralTrigger::ChangeToLtf, on),
            )?;
        }
        let journey = record_activities(tx, clock, &journey, &events)?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-PLAN-CHANGE.agree_at_review".into(),
            "plan_change",
            id,
            serde_json::json!({"on": on.to_string(), "plan_version": next.plan_version}),
        ))?;
        refresh_tracking(tx, &journey.value)?;
        tx.record(RecordKind::Plan, &plan_id(&child, next.plan_version))?
            .ok_or_else(|| invalid("the new plan was not saved"))
    })
}
