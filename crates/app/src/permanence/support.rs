//! The support plan of a permanence option (PLAN-010, DATA-008, PRIN-016):
//! recorded from the child's plan page by the worker who prepares the plan,
//! in the Growing Safety format, and linked to the plan in the same
//! transaction. Only a linked support plan that is a record of this child
//! satisfies the ratification gate.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::permanence::plan::{PermanencePlan, PlanMove};
use domain::permanence::support::{
    ContactAgreement, ContactType, Supervision, SupportPlan, SupportPlanStatus,
    SupportPlanTemplate, SupportService, link_support_plan, validate_contact_agreement,
};
use domain::permanence::tracking::next_review_due;
use domain::permanence::workflow::PERM_PLAN;
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::{
    actor_of, audit, child_record, current_plan, ensure_may_see, invalid, load_journey, next_id,
    plan_record, record_at, refused, stale, tracking_facts,
};
use crate::AppError;

/// What the person records of a support plan (DATA-008).
#[derive(Debug, Clone)]
pub struct SupportPlanInput {
    pub child_needs_now: String,
    pub child_needs_future: String,
    pub carer_needs: String,
    pub service: SupportService,
    /// The carer's (or family's) recorded agreement.
    pub carer_agreed: Option<NaiveDate>,
    /// The local authority's recorded agreement.
    pub la_agreed: Option<NaiveDate>,
}

/// Records a support plan for the option of the child's current plan and
/// links it to the plan (PLAN-010). Refused while still Draft (DATA-008),
/// before the plan has a pathway, to those who may not edit the plan, and
/// when the plan changed since the person saw it. Audited with codes and
/// dates only.
pub fn record_support_plan(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    input: SupportPlanInput,
    from: &str,
) -> Result<Versioned<Record<SupportPlan>>, AppError> {
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record this child's support plan")?;
        let current = current_plan(tx, child)?
            .ok_or_else(|| invalid("this child has no permanence plan yet: open it first"))?;
        if current.version != expected_version {
            return Err(stale(
                format!("the permanence plan of {child}"),
                expected_version,
                current.version,
            ));
        }
        let mut plan = current.value.document;
        plan.check_move(user, PlanMove::Edit).map_err(refused)?;
        let pathway = plan.pathway.ok_or_else(|| {
            invalid("choose the plan's pathway first: the support plan supports it")
        })?;
        for agreed in [input.carer_agreed, input.la_agreed].into_iter().flatten() {
            if agreed > today {
                return Err(invalid(format!("the date {agreed} is in the future")));
            }
        }
        let support = SupportPlan {
            id: next_id(tx, RecordKind::SupportPlan, child, 'S')?,
            child_id: child.clone(),
            pathway,
            template: SupportPlanTemplate::GrowingSafetySupportPlanAndAgreement,
            child_needs_now: input.child_needs_now,
            child_needs_future: input.child_needs_future,
            carer_needs: input.carer_needs,
            services: vec![input.service],
            carer_agreed: input.carer_agreed,
            la_agreed: input.la_agreed,
            last_reviewed: None,
            review_required_from: None,
        };
        support.validate().map_err(invalid)?;
        link_support_plan(&mut plan, &support).map_err(invalid)?;
        let review = support.services.iter().map(|s| s.review).min();
        let record = child_record(
            &support.id,
            child,
            status_code(support.status()),
            review.map(|d| d.to_string()),
            &support,
        );
        tx.insert_records(RecordKind::SupportPlan, std::slice::from_ref(&record))?;
        let plan_rec = plan_record(&plan);
        tx.update_record(RecordKind::Plan, &plan_rec, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.link_support_plan", PERM_PLAN.id),
            "support_plan",
            &record.id,
            serde_json::json!({
                "plan": plan_rec.id,
                "pathway": pathway.code(),
                "review": review.map(|d| d.to_string()),
            }),
        ))?;
        Ok(Versioned {
            value: record,
            version: 1,
        })
    })
}

fn status_code(s: SupportPlanStatus) -> &'static str {
    match s {
        SupportPlanStatus::Draft => "draft",
        SupportPlanStatus::Agreed => "agreed",
        SupportPlanStatus::ReviewRequired => "review_required",
    }
}

/// The support plan linked to `plan`, only when it is a record of the same
/// child that is no longer Draft (PLAN-010, DATA-008): a reference to
/// anything else links nothing.
pub(super) fn linked_support_plan(
    tx: &mut store::Tx<'_>,
    plan: &PermanencePlan,
) -> Result<Option<Versioned<Record<SupportPlan>>>, AppError> {
    let Some(id) = &plan.support_plan else {
        return Ok(None);
    };
    Ok(tx
        .record::<SupportPlan>(RecordKind::SupportPlan, id)?
        .filter(|r| {
            let s = &r.value.document;
            s.child_id == plan.child_id && s.status() != SupportPlanStatus::Draft
        }))
}

/// PRIN-008: records a change in the child's or carer's assessed needs on
/// `on`, which makes the support plan "review required" until it is
/// reviewed. For those who work on plans; audited with the date only.
#[allow(clippy::too_many_arguments)]
pub fn record_change_of_need(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    support_id: &str,
    expected_version: i64,
    on: NaiveDate,
    from: &str,
) -> Result<Versioned<Record<SupportPlan>>, AppError> {
    let actor = actor_of(user, from);
    if on > clock.today() {
        return Err(invalid(format!("the date {on} is in the future")));
    }
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record a change of need")?;
        if !user.may(Permission::WorkOnPlans) {
            return Err(AppError::Forbidden("record a change of need"));
        }
        let found = record_at::<SupportPlan>(
            tx,
            RecordKind::SupportPlan,
            support_id,
            expected_version,
            "support plan",
        )?;
        let mut support = found.value.document;
        if support.child_id != *child {
            return Err(AppError::NotFound(format!("support plan {support_id}")));
        }
        support.record_change_of_need(on);
        let record = child_record(
            &support.id,
            child,
            status_code(support.status()),
            found.value.key_date,
            &support,
        );
        let version = tx.update_record(RecordKind::SupportPlan, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            "support_plan.change_of_need".into(),
            "support_plan",
            &record.id,
            serde_json::json!({"on": on.to_string(), "version": version}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// `plan` as the ratification gate sees it: its support plan link kept only
/// when [`linked_support_plan`] finds the record.
pub(super) fn as_gated(
    tx: &mut store::Tx<'_>,
    plan: &PermanencePlan,
) -> Result<PermanencePlan, AppError> {
    let mut gated = plan.clone();
    if linked_support_plan(tx, plan)?.is_none() {
        gated.support_plan = None;
    }
    Ok(gated)
}

/// Loads a council's support plans (demo data, imports) within the caller's
/// transaction, each at version 1.
pub(crate) fn load_support_plans_in(
    tx: &mut store::Tx<'_>,
    plans: &[SupportPlan],
) -> Result<(), AppError> {
    let records: Vec<_> = plans
        .iter()
        .map(|s| {
            let review = s.services.iter().map(|v| v.review).min();
            child_record(
                &s.id,
                &s.child_id,
                status_code(s.status()),
                review.map(|d| d.to_string()),
                s,
            )
        })
        .collect();
    tx.insert_records(RecordKind::SupportPlan, &records)?;
    Ok(())
}

/// What the person records of a Contact Agreement (DATA-009).
#[derive(Debug, Clone)]
pub struct ContactAgreementInput {
    pub parties: Vec<String>,
    pub contact_types: Vec<ContactType>,
    pub frequency: String,
    pub supervision: Supervision,
    pub venue: String,
    pub carer_role: String,
    pub professionals_role: String,
    pub family_role: String,
    pub review_date: Option<NaiveDate>,
}

/// Records the Contact Agreement of the child's plan and links it to the
/// plan (PRIN-015, DATA-009): every field filled, and its review no later
/// than the child's next review. For those who may edit the plan; refused
/// when the plan changed since the person saw it. Audited with its review
/// date only.
pub fn record_contact_agreement(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    input: ContactAgreementInput,
    from: &str,
) -> Result<Versioned<Record<ContactAgreement>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record this child's Contact Agreement")?;
        let current = current_plan(tx, child)?
            .ok_or_else(|| invalid("this child has no permanence plan yet: open it first"))?;
        if current.version != expected_version {
            return Err(stale(
                format!("the permanence plan of {child}"),
                expected_version,
                current.version,
            ));
        }
        let mut plan = current.value.document;
        plan.check_move(user, PlanMove::Edit).map_err(refused)?;
        let review_date = input
            .review_date
            .ok_or_else(|| invalid("enter the date the agreement is to be reviewed"))?;
        let journey = load_journey(tx, child)?;
        let facts = tracking_facts(&journey.value, Some(&plan), &[]);
        let entered = facts.entered_care.ok_or_else(|| {
            invalid("the child is not looked after: there is no next review to agree contact to")
        })?;
        let agreement = ContactAgreement {
            id: next_id(tx, RecordKind::ContactAgreement, child, 'A')?,
            child_id: child.clone(),
            parties: input
                .parties
                .iter()
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect(),
            contact_types: input.contact_types,
            frequency: input.frequency,
            supervision: input.supervision,
            venue: input.venue,
            carer_role: input.carer_role,
            professionals_role: input.professionals_role,
            family_role: input.family_role,
            review_date,
        };
        validate_contact_agreement(&agreement, next_review_due(entered, &facts.reviews_held))
            .map_err(invalid)?;
        plan.contact_agreement = Some(agreement.id.clone());
        let record = child_record(
            &agreement.id,
            child,
            "agreed",
            Some(review_date.to_string()),
            &agreement,
        );
        tx.insert_records(RecordKind::ContactAgreement, std::slice::from_ref(&record))?;
        let plan_rec = plan_record(&plan);
        tx.update_record(RecordKind::Plan, &plan_rec, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.link_contact_agreement", PERM_PLAN.id),
            "contact_agreement",
            &record.id,
            serde_json::json!({"plan": plan_rec.id, "review": review_date.to_string()}),
        ))?;
        Ok(Versioned {
            value: record,
            version: 1,
        })
    })
}

/// The Contact Agreement linked to `plan`, when it is a record of this
/// child (DATA-009).
pub(super) fn linked_contact_agreement(
    tx: &mut store::Tx<'_>,
    plan: &PermanencePlan,
) -> Result<Option<ContactAgreement>, AppError> {
    let Some(id) = &plan.contact_agreement else {
        return Ok(None);
    };
    Ok(tx
        .record::<ContactAgreement>(RecordKind::ContactAgreement, id)?
        .map(|r| r.value.document)
        .filter(|a| a.child_id == plan.child_id))
}
