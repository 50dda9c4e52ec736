//! A change of permanence plan (PLAN-011, WF-PLAN-CHANGE): proposing it,
//! the agreements and authorisations it needs, and agreeing it at a review,
//! which supersedes the old plan with a new ratified version.

use super::*;

/// A change of plan with its identifier and version.
pub type StoredChange = Versioned<Record<ChangeOfPlan>>;

pub(super) fn change_record(id: &str, c: &ChangeOfPlan, stage: &str) -> Record<ChangeOfPlan> {
    Record {
        id: id.to_owned(),
        child_id: Some(c.child_id.clone()),
        stage: stage.to_owned(),
        key_date: Some(c.proposed.to_string()),
        document: c.clone(),
    }
}

/// The child's change of plan in progress, if any.
pub fn pending_change(
    tx: &mut store::Tx<'_>,
    child: &str,
) -> Result<Option<StoredChange>, StoreError> {
    Ok(tx
        .records_of_child::<ChangeOfPlan>(RecordKind::PlanChange, child)?
        .into_iter()
        .find(|c| c.value.stage != "agreed" && c.value.stage != workflow::WITHDRAWN))
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
    child: &str,
    expected_plan_version: i64,
    proposal: Proposal,
    from: &str,
) -> Result<StoredChange, AppError> {
    let actor = actor_of(user, from);
    let Proposal { to, reasons } = proposal;
    let reasons = reasons.as_str();
    if reasons.trim().is_empty() {
        return Err(invalid("give the reasons for the change of plan"));
    }
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("change this child's plan"));
        }
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
        let mut plan = current.value.document.clone();
        let from_pathway = plan
            .pathway
            .ok_or_else(|| invalid("the plan has no pathway to change from"))?;
        if from_pathway == to {
            return Err(invalid(format!("the plan is already {}", to.label())));
        }
        let t = workflow::PERM_PLAN
            .take(&plan.stage, "propose_change", &[user.role])
            .map_err(invalid)?;
        plan.stage = t.to.into();
        tx.update_record(RecordKind::Plan, &plan_record(&plan), expected_plan_version)?;
        let change = ChangeOfPlan {
            child_id: child.to_owned(),
            from: from_pathway,
            to,
            proposed: clock.today(),
            reasons: reasons.trim().to_owned(),
            authorisations: Vec::new(),
        };
        let n = tx
            .records_of_child::<serde_json::Value>(RecordKind::PlanChange, child)?
            .len();
        let id = format!("{child}-C{:02}", n + 1);
        tx.insert_records(
            RecordKind::PlanChange,
            &[change_record(&id, &change, "tm_agreement")],
        )?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-PLAN-CHANGE.propose".into(),
            "plan_change",
            &id,
            serde_json::json!({"from": from_pathway.code(), "to": to.code()}),
        ))?;
        let saved = tx
            .record(RecordKind::PlanChange, &id)?
            .ok_or_else(|| invalid("the change was not saved"))?;
        Ok(saved)
    })
}

/// The authority a user's role gives them over a change of plan.
pub fn authority_for(role: domain::roles::Role) -> Option<Authority> {
    authority_of(role)
}

pub(super) fn authority_of(role: domain::roles::Role) -> Option<Authority> {
    use domain::roles::Role::*;
    match role {
        TeamManager => Some(Authority::TeamManager),
        ServiceManager | HeadOfService => Some(Authority::ServiceManager),
        PanelAdviser => Some(Authority::PermanencePanel),
        AgencyDecisionMaker => Some(Authority::AgencyDecisionMaker),
        _ => None,
    }
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
    let authority =
        authority_of(user.role).ok_or(AppError::Forbidden("authorise a change of plan"))?;
    store.write(|tx| {
        let current = record_at::<ChangeOfPlan>(
            tx,
            RecordKind::PlanChange,
            id,
            expected_version,
            "change of plan",
        )?;
        if !may_see(tx, user, &current.value.document.child_id)? {
            return Err(AppError::Forbidden("authorise this child's change of plan"));
        }
        let mut change = current.value.document.clone();
        change
            .record(Authorisation {
                authority,
                by: user.username.clone(),
                on: clock.today(),
            })
            .map_err(invalid)?;
        let stage = if change.outstanding().is_empty() {
            "authorised"
        } else {
            "authorisation"
        };
        let version = tx.update_record(
            RecordKind::PlanChange,
            &change_record(id, &change, stage),
            expected_version,
        )?;
        tx.append(&audit(
            &actor,
            clock,
            if authority == Authority::TeamManager {
                "WF-PLAN-CHANGE.tm_agree"
            } else {
                "WF-PLAN-CHANGE.authorise"
            }
            .into(),
            "plan_change",
            id,
            serde_json::json!({"authority": authority.label(), "stage": stage}),
        ))?;
        Ok(Versioned {
            value: change_record(id, &change, stage),
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
        let change = current.value.document.clone();
        let child = change.child_id.clone();
        if !may_see(tx, user, &child)? {
            return Err(AppError::Forbidden("agree this child's change of plan"));
        }
        workflow::PLAN_CHANGE
            .take("authorisation", "agree_at_review", &[user.role])
            .map_err(invalid)?;
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
        tx.update_record(
            RecordKind::PlanChange,
            &change_record(id, &change, "agreed"),
            expected_version,
        )?;
        let journey = load_journey(tx, &child)?;
        let mut events = vec![
            Event {
                kind: EventKind::PermanencePlanRatified,
                date: on,
            },
            Event {
                kind: EventKind::CarePlanUpdated,
                date: on,
            },
        ];
        if ltf {
            events.push(Event {
                kind: EventKind::LtfPlanAgreed,
                date: on,
            });
            let mut r = Referral::new(
                &child,
                ItemType::LtfSuitability,
                "change_to_ltf",
                on,
                Some(calendar::add_months(on, 2)),
            );
            r.needs.has_siblings = !journey.value.siblings().is_empty();
            let rid = next_referral_id(tx, &child)?;
            tx.insert_records(RecordKind::Referral, &[referral_record(&rid, &r)])?;
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
        let saved = tx
            .record(RecordKind::Plan, &plan_id(&child, next.plan_version))?
            .ok_or_else(|| invalid("the new plan was not saved"))?;
        Ok(saved)
    })
}
