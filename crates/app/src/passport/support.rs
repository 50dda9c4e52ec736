//! A family's support: opening it (the household's record, its passport's
//! family and the support record, audited) and each thing a worker does
//! on it (a request for an assessment, its route, the assessment and the
//! decision to provide, the plan, a visit or a call, a booking, the
//! disruption checklist, the DPST, a concern), one transaction each with
//! its audit event and the record's version checked.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::complaints::complaint::{Complaint, NewComplaint};
use domain::deadlines::{Event, EventKind};
use domain::passport::checkins::{self, ContactKind, NewCheckIn};
use domain::passport::entitlements::{Family, FamilyType};
use domain::passport::offer::Booking;
use domain::passport::passport::family_of;
use domain::passport::support::{
    Assessment, Delivery, NewRequest, Requester, Route, Section, SupportError, SupportRecord,
};
use domain::time::Clock;
use store::{AuditLog, HouseholdRepository, PermanenceRepository, Record, RecordKind};

use super::passport::{audit, children_of, with_passport};
use crate::households::StoredHousehold;
use crate::{AppError, Store};

/// A family's support as a worker opens it.
#[derive(Debug, Clone)]
pub struct SupportView {
    pub household: StoredHousehold,
    pub family: Option<Family>,
    pub record: SupportRecord,
    /// The record's version (0 before anything was recorded).
    pub version: i64,
}

/// What a worker does on a family's support.
#[derive(Debug, Clone)]
pub enum SupportAction {
    Request(NewRequest),
    FirstResponse {
        request: u32,
        advice: Option<String>,
    },
    Allocate {
        request: u32,
        worker: String,
    },
    Signpost {
        request: u32,
        advice: String,
    },
    Complete {
        request: u32,
        assessment: Assessment,
    },
    Decide {
        request: u32,
        provide: bool,
        reasons: String,
        delivery: Option<Delivery>,
    },
    ApplyToAsf {
        request: u32,
        intervention: String,
    },
    ProposePlan {
        wellbeing: Option<Section>,
        education: Option<Section>,
        other: String,
    },
    ApprovePlan {
        sent: NaiveDate,
    },
    RespondToPlan {
        on: NaiveDate,
        response: String,
    },
    ChangeNotified {
        on: NaiveDate,
        what: String,
    },
    ReviewHeld {
        on: NaiveDate,
    },
    CheckIn(NewCheckIn),
    Book(Booking),
    Checklist {
        items: Vec<usize>,
        permanence_on: Option<NaiveDate>,
    },
    ReferToDpst {
        criteria: String,
    },
    AuthoriseDpst,
    RaiseConcern {
        about: String,
    },
    ResolveConcern,
    EscalateConcern {
        information: String,
        advocacy: Option<bool>,
        complainant: String,
    },
    /// PAY-013: the carer's declaration of child benefit or tax credits.
    DeclareBenefits {
        child: String,
        claimed: bool,
        on: NaiveDate,
    },
}

impl SupportAction {
    /// The action's name in the audit trail (`support.<code>`).
    fn code(&self) -> &'static str {
        match self {
            SupportAction::Request(_) => "request",
            SupportAction::FirstResponse { .. } => "first_response",
            SupportAction::Allocate { .. } => "allocate",
            SupportAction::Signpost { .. } => "signpost",
            SupportAction::Complete { .. } => "complete_assessment",
            SupportAction::Decide { .. } => "decide_provision",
            SupportAction::ApplyToAsf { .. } => "apply_to_asf",
            SupportAction::ProposePlan { .. } => "propose_plan",
            SupportAction::ApprovePlan { .. } => "approve_plan",
            SupportAction::RespondToPlan { .. } => "plan_response",
            SupportAction::ChangeNotified { .. } => "change_notified",
            SupportAction::ReviewHeld { .. } => "plan_reviewed",
            SupportAction::CheckIn(_) => "check_in",
            SupportAction::Book(_) => "book",
            SupportAction::Checklist { .. } => "disruption_checklist",
            SupportAction::ReferToDpst { .. } => "refer_to_dpst",
            SupportAction::AuthoriseDpst => "authorise_dpst",
            SupportAction::RaiseConcern { .. } => "raise_concern",
            SupportAction::ResolveConcern => "resolve_concern",
            SupportAction::EscalateConcern { .. } => "escalate_concern",
            SupportAction::DeclareBenefits { .. } => "declare_benefits",
        }
    }
}

pub(super) fn load(tx: &mut store::Tx<'_>, id: &str) -> Result<(SupportRecord, i64), AppError> {
    Ok(tx
        .record::<SupportRecord>(RecordKind::SupportCase, id)?
        .map_or_else(
            || {
                (
                    SupportRecord {
                        household_id: id.to_owned(),
                        ..Default::default()
                    },
                    0,
                )
            },
            |r| (r.value.document, r.version),
        ))
}

pub(super) fn save(
    tx: &mut store::Tx<'_>,
    record: &SupportRecord,
    version: i64,
) -> Result<i64, AppError> {
    let row = Record {
        id: record.household_id.clone(),
        child_id: None,
        stage: "open".into(),
        key_date: None,
        document: record,
    };
    Ok(if version == 0 {
        tx.insert_records(RecordKind::SupportCase, std::slice::from_ref(&row))?;
        1
    } else {
        tx.update_record(RecordKind::SupportCase, &row, version)?
    })
}

pub(super) fn invalid(e: SupportError) -> AppError {
    AppError::Invalid(e.to_string())
}

/// Opens a family's support; the read is audited on the household.
pub fn open_support(
    store: &Store,
    who: (&User, &dyn Clock, &str),
    id: &str,
) -> Result<SupportView, AppError> {
    with_passport(
        store,
        who,
        id,
        "open this family's support",
        |tx, h, passport, _| {
            let children = children_of(tx, who, &h)?;
            let family = family_of(&h.value, &passport.inputs, &children);
            let (record, version) = load(tx, id)?;
            tx.append(&audit(who, "support.view", id, serde_json::json!({})))?;
            Ok(SupportView {
                household: h,
                family,
                record,
                version,
            })
        },
    )
}

/// Does `action` on the family's support seen at `version`, in one
/// transaction with its audit event; returns what was done, in a sentence.
pub fn act_on_support(
    store: &Store,
    who: (&User, &dyn Clock, &str),
    (id, version): (&str, i64),
    action: SupportAction,
) -> Result<String, AppError> {
    let user = who.0;
    if !user.may(Permission::WorkOnSupport) {
        return Err(AppError::Forbidden("work on this family's support"));
    }
    let code = action.code();
    with_passport(
        store,
        who,
        id,
        "work on this family's support",
        |tx, h, passport, _| {
            let (mut record, found) = load(tx, id)?;
            if found != version {
                return Err(store::StoreError::Stale {
                    record: format!("the support of household {id}"),
                    expected: version,
                    found,
                }
                .into());
            }
            let children = children_of(tx, who, &h)?;
            let family = family_of(&h.value, &passport.inputs, &children).ok_or_else(|| {
                AppError::Invalid(
                    "record the family's order or care arrangement on the passport first".into(),
                )
            })?;
            let (done, details) = apply(tx, who, &family, &mut record, action.clone())?;
            save(tx, &record, version)?;
            if let Some((kinds, on)) = role_events(&action, &record) {
                record_on_role(tx, &h, kinds, on)?;
            }
            if let SupportAction::DeclareBenefits { on, .. } = &action
                && let Some(conflict) = record.benefits.last().and_then(|b| b.conflict.clone())
            {
                // PAY-013: a task on the family's record for the
                // supervising social worker to resolve.
                let mut next = h.value.clone();
                next.tasks.push(domain::households::household::FamilyTask {
                    kind: conflict,
                    created: *on,
                    reference: String::new(),
                    done: None,
                });
                tx.update_household(&next, h.version)?;
            }
            tx.append(&audit(who, &format!("support.{code}"), id, details))?;
            Ok(done)
        },
    )
}

/// The events an action records on the family's role, and their date:
/// the plan's response window (ASSESS-012) opens when it is sent and
/// closes with the family's response; a change starts its review
/// (ASSESS-013 before the adoption order, ASSESS-014 after) and the review
/// meets it; a visit or a call made meets the schedule's next (VISIT-001,
/// VISIT-003, VISIT-005, VISIT-006).
fn role_events(
    action: &SupportAction,
    record: &SupportRecord,
) -> Option<(&'static [EventKind], NaiveDate)> {
    use EventKind::*;
    use domain::passport::checkins::CallOutcome;
    Some(match action {
        SupportAction::Request(new) => (&[SupportRequested], new.received),
        SupportAction::Complete { assessment, .. } => {
            (&[AssessmentOfNeedCompleted], assessment.completed)
        }
        SupportAction::ApprovePlan { sent } => (&[SupportPlanAgreed], *sent),
        SupportAction::RespondToPlan { on, .. } => (&[SupportPlanResponse], *on),
        SupportAction::ChangeNotified { on, .. } => {
            let before_order = record
                .plans
                .last()
                .and_then(|p| p.reviews.last())
                .is_some_and(|r| r.rule == "ASSESS-013");
            if before_order {
                (&[PreOrderChangeNotified], *on)
            } else {
                (&[PostOrderChangeNotified], *on)
            }
        }
        SupportAction::ReviewHeld { on } => (&[SupportPlanReviewed], *on),
        SupportAction::CheckIn(c) if c.outcome == CallOutcome::Completed => match c.kind {
            ContactKind::Visit => (&[PostOrderVisit], c.made),
            ContactKind::Call => (&[PostOrderCall], c.made),
        },
        _ => return None,
    })
}

/// The dates a step names cannot be in the future.
fn not_future(on: NaiveDate, today: NaiveDate) -> Result<(), AppError> {
    if on > today {
        return Err(AppError::Invalid(
            "Date: the date cannot be in the future".into(),
        ));
    }
    Ok(())
}

fn apply(
    tx: &mut store::Tx<'_>,
    (user, clock, from): (&User, &dyn Clock, &str),
    family: &Family,
    r: &mut SupportRecord,
    action: SupportAction,
) -> Result<(String, serde_json::Value), AppError> {
    let today = clock.today();
    let me = user.username.as_str();
    let role = user.role;
    Ok(match action {
        SupportAction::Request(new) => {
            not_future(new.received, today)?;
            let q = r.request(family, new).map_err(invalid)?;
            (
                format!("Request {} was recorded: {}", q.number, q.routed_to),
                serde_json::json!({"request": q.number, "rule": q.rule}),
            )
        }
        SupportAction::FirstResponse { request, advice } => {
            let q = r.request_mut(request).map_err(invalid)?;
            q.first_response(advice).map_err(invalid)?;
            (
                format!("Request {request}: {}", q.stage.label()),
                serde_json::json!({"request": request}),
            )
        }
        SupportAction::Allocate { request, worker } => {
            r.request_mut(request)
                .and_then(|q| q.allocate(role, &worker))
                .map_err(invalid)?;
            (
                format!("Request {request} was allocated for assessment"),
                serde_json::json!({"request": request}),
            )
        }
        SupportAction::Signpost { request, advice } => {
            r.request_mut(request)
                .and_then(|q| q.signpost(&advice))
                .map_err(invalid)?;
            (
                format!("Request {request} was closed with advice and signposting"),
                serde_json::json!({"request": request}),
            )
        }
        SupportAction::Complete {
            request,
            assessment,
        } => {
            not_future(assessment.report_to_parents, today)?;
            r.request_mut(request)
                .and_then(|q| q.complete(assessment))
                .map_err(invalid)?;
            (
                format!("The assessment of request {request} was completed"),
                serde_json::json!({"request": request}),
            )
        }
        SupportAction::Decide {
            request,
            provide,
            reasons,
            delivery,
        } => {
            r.request_mut(request)
                .and_then(|q| q.decide((role, me, today), provide, &reasons, delivery))
                .map_err(invalid)?;
            (
                format!("The decision on request {request} was recorded and its notice written"),
                serde_json::json!({"request": request, "provide": provide}),
            )
        }
        SupportAction::ApplyToAsf {
            request,
            intervention,
        } => {
            r.request_mut(request)
                .and_then(|q| q.apply_to_asf(me, today, &intervention))
                .map_err(invalid)?;
            (
                "The Adoption Support Fund application was made for the Post Adoption Support service to process".into(),
                serde_json::json!({"request": request}),
            )
        }
        SupportAction::ProposePlan {
            wellbeing,
            education,
            other,
        } => {
            let n = r
                .propose_plan(today, wellbeing, education, &other)
                .map_err(invalid)?;
            (
                format!("Support plan {n} was proposed"),
                serde_json::json!({"plan": n}),
            )
        }
        SupportAction::ApprovePlan { sent } => {
            not_future(sent, today)?;
            r.approve_plan(role, me, sent).map_err(invalid)?;
            let due = r.plans.last().and_then(|p| p.response_due());
            (
                format!(
                    "The plan was approved and sent: the family may respond until {}",
                    due.map(|d| d.format("%-d %B %Y").to_string())
                        .unwrap_or_default()
                ),
                serde_json::json!({"sent": sent}),
            )
        }
        SupportAction::RespondToPlan { on, response } => {
            not_future(on, today)?;
            r.respond_to_plan(on, &response).map_err(invalid)?;
            (
                "The family's response was recorded: the plan is final".into(),
                serde_json::json!({}),
            )
        }
        SupportAction::ChangeNotified { on, what } => {
            not_future(on, today)?;
            r.change_notified(family, on, &what).map_err(invalid)?;
            (
                "A review of the plan is due".into(),
                serde_json::json!({"notified": on}),
            )
        }
        SupportAction::ReviewHeld { on } => {
            not_future(on, today)?;
            let n = r.review_held(on).map_err(invalid)?;
            (
                "The plan's review was recorded".into(),
                serde_json::json!({"reviews": n}),
            )
        }
        SupportAction::CheckIn(new) => check_in(r, family, (me, today), new)?,
        SupportAction::Book(mut booking) => {
            booking.booked_by = me.to_owned();
            let kind = booking.kind;
            r.offer.book(booking).map_err(invalid)?;
            (
                format!("{} was booked", kind.label()),
                serde_json::json!({"kind": kind.code()}),
            )
        }
        SupportAction::Checklist {
            items,
            permanence_on,
        } => {
            r.offer.confirm(&items, permanence_on).map_err(invalid)?;
            (
                "The disruption checklist was saved".into(),
                serde_json::json!({"confirmed": r.offer.checklist.len()}),
            )
        }
        SupportAction::ReferToDpst { criteria } => {
            r.offer
                .refer_to_dpst(role, me, today, &criteria)
                .map_err(invalid)?;
            (
                "The referral waits for the Head of Service's authorisation".into(),
                serde_json::json!({}),
            )
        }
        SupportAction::AuthoriseDpst => {
            r.offer.authorise_dpst(role, me).map_err(invalid)?;
            ("DPST support was authorised".into(), serde_json::json!({}))
        }
        SupportAction::RaiseConcern { about } => {
            r.offer.raise_concern(today, &about).map_err(invalid)?;
            ("The concern was recorded".into(), serde_json::json!({}))
        }
        SupportAction::ResolveConcern => {
            r.offer.resolve_concern(role).map_err(invalid)?;
            (
                "The concern was resolved locally".into(),
                serde_json::json!({}),
            )
        }
        SupportAction::DeclareBenefits { child, claimed, on } => {
            not_future(on, today)?;
            if !family.children.iter().any(|c| c.child_id == child) {
                return Err(AppError::Invalid(
                    "Child: choose a child placed with the family".into(),
                ));
            }
            let conflict = domain::passport::allowances::benefit_conflict(family, claimed);
            let raised = conflict.is_some();
            r.benefits
                .push(domain::passport::allowances::BenefitDeclaration {
                    child_id: child,
                    claimed,
                    on,
                    recorded_by: me.to_owned(),
                    conflict,
                });
            (
                if raised {
                    "The declaration was recorded: a task to resolve the conflict is on the family's record".into()
                } else {
                    "The declaration was recorded".into()
                },
                serde_json::json!({"claimed": claimed, "conflict": raised}),
            )
        }
        SupportAction::EscalateConcern {
            information,
            advocacy,
            complainant,
        } => {
            let id = escalate(
                tx,
                (user, clock, from),
                r,
                (&information, advocacy),
                complainant,
            )?;
            (
                format!("Complaint {id} was recorded and enters the complaints procedure"),
                serde_json::json!({"complaint": id}),
            )
        }
    })
}

/// VISIT-002, VISIT-005, VISIT-007, ASSESS-019: a visit or call recorded
/// against the plan: it meets the nearest scheduled contact of its kind;
/// "plan no longer appropriate" makes a review due that day; an action
/// that asks for an assessment records the request the same day.
fn check_in(
    r: &mut SupportRecord,
    family: &Family,
    (me, today): (&str, NaiveDate),
    new: NewCheckIn,
) -> Result<(String, serde_json::Value), AppError> {
    not_future(new.made, today)?;
    checkins::check(&new).map_err(invalid)?;
    let due = checkins::meets(family, &r.check_ins, new.kind, new.made);
    let mut said = vec![format!("{} recorded", new.kind.label())];
    if !new.plan_appropriate {
        r.current_plan_mut().map_err(invalid)?.add_review(
            "The support worker found the plan no longer appropriate",
            new.made,
            "ASSESS-019",
        );
        said.push("a review of the plan is due today".into());
    }
    if new.assessment_requested {
        let requester = if family.family_type == FamilyType::Adoptive {
            Requester::AdoptiveParent
        } else {
            Requester::SpecialGuardian
        };
        let q = r
            .request(
                family,
                NewRequest {
                    received: new.made,
                    requester,
                    relationship: String::new(),
                    route: Route::SelfReferral,
                    consent_on: None,
                },
            )
            .map_err(invalid)?;
        said.push(format!(
            "request {} for an assessment was recorded",
            q.number
        ));
    }
    let action = if new.assessment_requested && new.action.trim().is_empty() {
        "Assessment of need requested".to_owned()
    } else {
        new.action.trim().to_owned()
    };
    r.check_ins.push(checkins::CheckIn {
        kind: new.kind,
        due,
        made: new.made,
        worker: me.to_owned(),
        outcome: new.outcome,
        topics: new.topics.trim().to_owned(),
        needs: new.needs.trim().to_owned(),
        action,
        plan_appropriate: new.plan_appropriate,
        next_contact: new.next_contact,
        series_complete: new.series_complete,
    });
    if checkins::schedule_complete(family, &r.check_ins) {
        said.push("the check-in schedule is complete".into());
    }
    let kind = match new.kind {
        ContactKind::Visit => "visit",
        ContactKind::Call => "call",
    };
    Ok((
        said.join("; "),
        serde_json::json!({"kind": kind, "due": due}),
    ))
}

/// GEN-010, GEN-011: the concern becomes a complaint received today, in
/// the same transaction, about the household's team.
fn escalate(
    tx: &mut store::Tx<'_>,
    who: (&User, &dyn Clock, &str),
    r: &mut SupportRecord,
    (information, advocacy): (&str, Option<bool>),
    complainant: String,
) -> Result<String, AppError> {
    let id = crate::complaints::next_complaint_id(tx)?;
    r.offer
        .escalate_concern(information, advocacy, &id)
        .map_err(invalid)?;
    let team = who.0.team.clone().unwrap_or_else(|| "Permanence".into());
    let today = who.1.today();
    let complaint = Complaint::receive(
        id.clone(),
        NewComplaint {
            complainant,
            complainant_is: "carer".into(),
            household: Some(r.household_id.clone()),
            team,
            received: today,
            subject: String::new(),
            safeguarding: false,
        },
        today,
    )
    .map_err(|e| AppError::Invalid(e.to_string()))?;
    crate::complaints::insert_received(tx, who, &complaint)?;
    Ok(id)
}

/// Loads the support recorded for families elsewhere (the demo council's).
pub fn load_support(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    records: &[SupportRecord],
) -> Result<usize, AppError> {
    let rows: Vec<Record<&SupportRecord>> = records
        .iter()
        .map(|r| Record {
            id: r.household_id.clone(),
            child_id: None,
            stage: "open".into(),
            key_date: None,
            document: r,
        })
        .collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::SupportCase,
        &rows,
        (
            "support.load",
            super::passport::PASSPORT_RECORD,
            "support records",
        ),
    )
}

/// Records `kinds` on `on` on the family's open role (its latest), so the
/// deadline engine puts what they start on the worklist of the role's
/// worker and team and clears what they meet; nothing when the household
/// holds no family role.
pub(super) fn record_on_role(
    tx: &mut store::Tx<'_>,
    h: &crate::households::StoredHousehold,
    kinds: &[EventKind],
    on: NaiveDate,
) -> Result<(), AppError> {
    let mut next = h.value.clone();
    let Some(role) = next
        .roles
        .iter_mut()
        .rev()
        .find(|r| r.is_open() && FamilyType::of_role(r.kind).is_some())
    else {
        return Ok(());
    };
    role.events
        .extend(kinds.iter().map(|&kind| Event { date: on, kind }));
    role.events.sort_by_key(|e| e.date);
    tx.update_household(&next, h.version)?;
    Ok(())
}
