//! Permanence planning use cases: the plan and its workflow, panel referrals
//! with their pack, panel meetings and the agency decision maker, and the
//! tracking list with its drift flags.
//!
//! Every move is a named transition of a workflow in
//! [`domain::permanence::workflow`], checked against the user's role, and is
//! saved with an audit event named `<workflow>.<transition>` in the same
//! transaction. Audit details hold codes and dates only. Timers reach the
//! deadline engine as activities recorded on the child's journey.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use domain::access::User;
use domain::audit::{Actor, AuditEvent};
use domain::calendar;
use domain::child::ChildId;
use domain::codes::CodeList;
use domain::deadlines::{Event, EventKind};
use domain::journey::CareJourney;

use domain::permanence::iro_issues::{IroIssue, IroStage};
use domain::permanence::panels::{self, Attendance, Forum, ForumKind, Meeting};
use domain::permanence::plan::{
    Gap, Lifecycle, Pathway, PermanencePlan, RatificationContext, ratification_gaps,
};
use domain::permanence::plan_change::{Authorisation, Authority, ChangeOfPlan};
use domain::permanence::referrals::{
    self, AdmDecision, ItemType, PackDoc, PackEntry, ProposedOutcome, Referral,
};
use domain::permanence::tracking::{self, DriftReason, TrackingFacts};
use domain::permanence::workflow::{self, Workflow};
use domain::time::Clock;
use serde::Serialize;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, StaffRepository, Store,
    StoreError, TrackingRow, Versioned,
};

use crate::AppError;

/// The identifier of a child's plan version.
pub fn plan_id(child: &str, plan_version: u32) -> String {
    format!("{child}-{plan_version:02}")
}

fn audit(
    actor: &Actor,
    clock: &dyn Clock,
    action: String,
    record_type: &str,
    record_id: &str,
    details: serde_json::Value,
) -> AuditEvent {
    let mut details = details;
    if let (Some(from), serde_json::Value::Object(map)) = (&actor.from, &mut details) {
        map.insert("from".into(), serde_json::Value::String(from.clone()));
    }
    AuditEvent {
        at: clock.now(),
        actor: actor.user_id.clone(),
        action,
        record_type: record_type.to_owned(),
        record_id: record_id.to_owned(),
        details: details.to_string(),
    }
}

fn actor_of(user: &User, from: &str) -> Actor {
    Actor::new(user.username.clone()).from_address(from)
}

fn stale(record: String, expected: i64, found: i64) -> AppError {
    StoreError::Stale {
        record,
        expected,
        found,
    }
    .into()
}

fn invalid(e: impl std::fmt::Display) -> AppError {
    AppError::Invalid(e.to_string())
}

/// A record at the version the person saw: not found, or changed by
/// someone else since, is refused with a clear message.
fn record_at<T: serde::de::DeserializeOwned>(
    tx: &mut store::Tx<'_>,
    kind: RecordKind,
    id: &str,
    expected_version: i64,
    what: &str,
) -> Result<Versioned<Record<T>>, AppError> {
    let r = tx
        .record::<T>(kind, id)?
        .ok_or_else(|| invalid(format!("{what} {id} was not found")))?;
    if r.version != expected_version {
        return Err(stale(format!("{what} {id}"), expected_version, r.version));
    }
    Ok(r)
}

/// A plan as a stored record.
fn plan_record(plan: &PermanencePlan) -> Record<PermanencePlan> {
    Record {
        id: plan_id(&plan.child_id, plan.plan_version),
        child_id: Some(plan.child_id.clone()),
        stage: plan.lifecycle.code().to_owned(),
        key_date: plan.ratified_on.map(|d| d.to_string()),
        document: plan.clone(),
    }
}

/// A referral as a stored record.
fn referral_record(id: &str, r: &Referral) -> Record<Referral> {
    Record {
        id: id.to_owned(),
        child_id: Some(r.child_id.clone()),
        stage: r.stage.clone(),
        key_date: r.list_by.map(|d| d.to_string()),
        document: r.clone(),
    }
}

fn meeting_record(id: &str, m: &Meeting) -> Record<Meeting> {
    Record {
        id: id.to_owned(),
        child_id: None,
        stage: if m.minutes_approved.is_some() {
            "minuted".into()
        } else {
            "open".into()
        },
        key_date: Some(m.date.to_string()),
        document: m.clone(),
    }
}

/// The child's current plan: the highest version not superseded.
fn current_plan(
    tx: &mut store::Tx<'_>,
    child: &str,
) -> Result<Option<Versioned<Record<PermanencePlan>>>, StoreError> {
    let mut current: Option<Versioned<Record<PermanencePlan>>> = None;
    for p in tx.records_of_child::<PermanencePlan>(RecordKind::Plan, child)? {
        if supersedes(
            &p.value.document,
            current.as_ref().map(|c| &c.value.document),
        ) {
            current = Some(p);
        }
    }
    Ok(current)
}

/// Whether `plan` takes over from `held` as the child's current plan: the
/// current plan is the highest version not superseded.
fn supersedes(plan: &PermanencePlan, held: Option<&PermanencePlan>) -> bool {
    plan.lifecycle != Lifecycle::Superseded
        && held.is_none_or(|h| plan.plan_version > h.plan_version)
}

fn load_journey(tx: &mut store::Tx<'_>, child: &str) -> Result<Versioned<CareJourney>, AppError> {
    let id = ChildId::parse(child).map_err(invalid)?;
    tx.journey(&id)?.ok_or(AppError::ChildNotFound(id))
}

/// Records activities on a child's journey (so the deadline engine sees them)
/// within the caller's transaction.
fn record_activities(
    tx: &mut store::Tx<'_>,
    clock: &dyn Clock,
    journey: &Versioned<CareJourney>,
    events: &[Event],
) -> Result<Versioned<CareJourney>, AppError> {
    let mut next = journey.value.clone();
    for e in events {
        next = next.record_activity(*e, clock.today())?.0;
    }
    let version = tx.update_journey(&next, journey.version, clock.now())?;
    Ok(Versioned {
        value: next,
        version,
    })
}

/// Whether the user may see this child (team roles see their team's).
fn may_see(tx: &mut store::Tx<'_>, user: &User, child: &str) -> Result<bool, AppError> {
    use domain::access::ChildScope;
    Ok(match user.child_scope() {
        ChildScope::Everyone => true,
        ChildScope::NoOne => false,
        ChildScope::Team(team) => {
            let id = ChildId::parse(child).map_err(invalid)?;
            tx.child_team(&id)?.as_deref() == Some(team.as_str())
        }
    })
}

/// What the plan page shows.
#[derive(Debug, Clone)]
pub struct PlanView {
    pub journey: Versioned<CareJourney>,
    pub plan: Versioned<Record<PermanencePlan>>,
    pub history: Vec<PermanencePlan>,
    pub gaps: Vec<Gap>,
    pub referrals: Vec<Versioned<Record<Referral>>>,
    /// A change of plan in progress.
    pub change: Option<StoredChange>,
    /// The child's open drift reasons today (TRACK-002).
    pub drift: Vec<DriftReason>,
    /// The plan's next milestone and its due date.
    pub next_milestone: Option<(String, NaiveDate)>,
}

fn context_for(journey: &CareJourney, plan: &PermanencePlan, on: NaiveDate) -> RatificationContext {
    let age = journey.child().date_of_birth.years_since(on).unwrap_or(0);
    let in_proceedings = journey
        .current_episode()
        .is_some_and(|e| e.legal_status.code() == "C1");
    RatificationContext {
        has_siblings: !journey.siblings().is_empty(),
        school_age: (5..16).contains(&age),
        assessment_in_progress: false,
        in_proceedings: in_proceedings || plan.court.is_some(),
        education_contribution: journey
            .activities()
            .iter()
            .any(|e| e.kind == EventKind::PersonalEducationPlan),
        health_contribution: journey
            .activities()
            .iter()
            .any(|e| e.kind == EventKind::HealthAssessment),
    }
}

/// Opens a child's permanence plan (auditing the read as a view of the
/// child's record). A child in care with no plan yet gets their Draft plan
/// (PLAN-001).
pub fn open_plan(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    from: &str,
) -> Result<PlanView, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| -> Result<Result<PlanView, AppError>, AppError> {
        if !may_see(tx, user, child)? {
            tx.append(&audit(
                &actor,
                clock,
                "view_plan_denied".into(),
                crate::CHILD_RECORD,
                child,
                serde_json::json!({}),
            ))?;
            return Ok(Err(AppError::Forbidden("open this child's plan")));
        }
        let journey = load_journey(tx, child)?;
        let plan = match current_plan(tx, child)? {
            Some(p) => p,
            None => {
                let start = journey
                    .value
                    .periods_of_care()
                    .last()
                    .map_or(clock.today(), |p| p.0);
                let owner = journey
                    .value
                    .social_workers()
                    .last()
                    .map_or_else(String::new, |s| s.worker_id.clone());
                let draft = PermanencePlan::draft(child, start, owner);
                tx.insert_records(RecordKind::Plan, &[plan_record(&draft)])?;
                refresh_tracking(tx, &journey.value)?;
                tx.record(RecordKind::Plan, &plan_id(child, 1))?
                    .ok_or_else(|| invalid("the draft plan was not saved"))?
            }
        };
        let history = tx
            .records_of_child::<PermanencePlan>(RecordKind::Plan, child)?
            .into_iter()
            .map(|p| p.value.document)
            .filter(|p| p.plan_version != plan.value.document.plan_version)
            .collect();
        let referrals = tx.records_of_child(RecordKind::Referral, child)?;
        let change = pending_change(tx, child)?;
        let docs: Vec<Referral> = referrals
            .iter()
            .map(|r: &Versioned<Record<Referral>>| r.value.document.clone())
            .collect();
        let facts = tracking_facts(&journey.value, Some(&plan.value.document), &docs);
        let today = clock.today();
        let (drift, next_milestone) = if journey.value.current_episode().is_some() {
            (
                tracking::drift_reasons(&facts, today),
                tracking::next_milestone(&facts, today),
            )
        } else {
            (Vec::new(), None)
        };
        let gaps = ratification_gaps(
            &plan.value.document,
            &context_for(&journey.value, &plan.value.document, clock.today()),
        );
        tx.append(&audit(
            &actor,
            clock,
            "view_plan".into(),
            crate::CHILD_RECORD,
            child,
            serde_json::json!({}),
        ))?;
        Ok(Ok(PlanView {
            journey,
            plan,
            history,
            gaps,
            referrals,
            change,
            drift,
            next_milestone,
        }))
    })?
}

/// Copies the content fields of `new` into `plan`, leaving its identity,
/// lifecycle, stage and dates alone.
fn replace_contents(plan: &mut PermanencePlan, new: PermanencePlan) {
    plan.pathway = new.pathway;
    plan.legal_route = new.legal_route;
    plan.timeframe = new.timeframe;
    plan.firmness = new.firmness;
    plan.appraisal = new.appraisal;
    plan.objectives = new.objectives;
    plan.steps = new.steps;
    plan.support_plan = new.support_plan;
    plan.contact_agreement = new.contact_agreement;
    plan.sibling_assessment = new.sibling_assessment;
    plan.identity = new.identity;
    plan.child_voice = new.child_voice;
    plan.carer_views = new.carer_views;
    plan.parallel = new.parallel;
    plan.court = new.court;
    plan.exceptional = new.exceptional;
    plan.local_rationale = new.local_rationale;
}

/// Edits the contents of a plan that is not yet ratified. Audited with the
/// plan's version, never the text.
pub fn edit_plan(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    expected_version: i64,
    contents: PermanencePlan,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    use domain::roles::Role::*;
    if !matches!(
        user.role,
        SocialWorker | TeamManager | IndependentReviewingOfficer
    ) {
        return Err(AppError::Forbidden("change a permanence plan"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("change this child's plan"));
        }
        let current = current_plan(tx, child)?
            .ok_or_else(|| invalid("this child has no permanence plan yet: open it first"))?;
        if current.version != expected_version {
            return Err(stale(
                format!("the permanence plan of {child}"),
                expected_version,
                current.version,
            ));
        }
        let mut plan = current.value.document.clone();
        if !matches!(plan.lifecycle, Lifecycle::Draft | Lifecycle::UnderReview) {
            return Err(invalid(
                "a ratified plan cannot be edited: propose a change of plan instead (PLAN-011)",
            ));
        }
        replace_contents(&mut plan, contents);
        let record = plan_record(&plan);
        let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-PERM-PLAN.edit".into(),
            "permanence_plan",
            &record.id,
            serde_json::json!({"pathway": plan.pathway.map(Pathway::code), "version": version}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// What a plan transition may need besides its name.
#[derive(Debug, Clone, Default)]
pub struct StepInput {
    /// The transition's name in WF-PERM-PLAN (`ratify`).
    pub transition: String,
    /// The date it happened (a review's date); today when absent.
    pub on: Option<NaiveDate>,
}

impl StepInput {
    /// A move taken today.
    pub fn named(transition: &str) -> Self {
        Self {
            transition: transition.to_owned(),
            on: None,
        }
    }

    /// The same move, on a date.
    pub fn on(mut self, date: NaiveDate) -> Self {
        self.on = Some(date);
        self
    }
}

/// Moves a child's plan along WF-PERM-PLAN. Putting forward and ratifying
/// pass the ratification gate; ratifying long-term fostering makes the plan
/// "ratified - subject to Permanence Panel" and creates the panel referral
/// (PANEL-009) with its list-by date (PANEL-010).
pub fn plan_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    expected_version: i64,
    input: StepInput,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    let transition = input.transition.as_str();
    let on = input.on.unwrap_or_else(|| clock.today());
    if on > clock.today() {
        return Err(invalid(format!("the date {on} is in the future")));
    }
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("change this child's plan"));
        }
        let current = current_plan(tx, child)?
            .ok_or_else(|| invalid("this child has no permanence plan yet: open it first"))?;
        if current.version != expected_version {
            return Err(stale(format!("the permanence plan of {child}"), expected_version, current.version));
        }
        let mut plan = current.value.document.clone();
        let t = workflow::PERM_PLAN
            .take(&plan.stage, transition, &[user.role])
            .map_err(invalid)?;
        let mut journey = load_journey(tx, child)?;
        let mut events = Vec::new();
        match t.name {
            "put_forward" | "ratify" => {
                let gaps = ratification_gaps(&plan, &context_for(&journey.value, &plan, on));
                let blocking: Vec<String> = gaps
                    .iter()
                    .filter(|g| g.blocking)
                    .map(|g| format!("{} ({})", g.message, g.rule))
                    .collect();
                if !blocking.is_empty() {
                    return Err(AppError::Invalid(format!(
                        "The plan cannot be {}: {}",
                        if t.name == "ratify" { "ratified" } else { "put forward" },
                        blocking.join("; ")
                    )));
                }
            }
            _ => {}
        }
        let mut new_referral = None;
        match t.name {
            "ratify" => {
                let ltf = plan.pathway == Some(Pathway::LongTermFostering);
                plan.lifecycle = if ltf {
                    Lifecycle::RatifiedSubjectToPanel
                } else {
                    Lifecycle::Ratified
                };
                plan.ratified_on = Some(on);
                plan.ratified_at_review = Some(reviews_in_period(&journey.value, on));
                plan.care_plan_updated = Some(on);
                events.push(Event { kind: EventKind::PermanencePlanRatified, date: on });
                events.push(Event { kind: EventKind::CarePlanUpdated, date: on });
                if ltf {
                    events.push(Event { kind: EventKind::LtfPlanAgreed, date: on });
                    let mut r = Referral::new(
                        child,
                        ItemType::LtfSuitability,
                        "review_ltf_plan",
                        on,
                        Some(calendar::add_months(on, 2)),
                    );
                    r.needs.has_siblings = !journey.value.siblings().is_empty();
                    r.needs.family_finding = matches!(
                        domain::permanence::pathways::family_finding_route(on, journey.value.placed_since()),
                        domain::permanence::pathways::FamilyFindingRoute::PackF { .. }
                    );
                    new_referral = Some(r);
                }
            }
            "achieve" => {
                plan.lifecycle = Lifecycle::Achieved;
                plan.achieved_on = Some(on);
            }
            "return_for_work" => {}
            _ => {}
        }
        plan.stage = t.to.to_owned();
        let record = plan_record(&plan);
        let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
        if !events.is_empty() {
            journey = record_activities(tx, clock, &journey, &events)?;
        }
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{}", workflow::PERM_PLAN.id, t.name),
            "permanence_plan",
            &record.id,
            serde_json::json!({"to": t.to, "on": on.to_string(), "pathway": plan.pathway.map(Pathway::code)}),
        ))?;
        if let Some(r) = new_referral {
            let id = next_referral_id(tx, child)?;
            tx.insert_records(RecordKind::Referral, &[referral_record(&id, &r)])?;
            tx.append(&audit(
                &actor,
                clock,
                "WF-PERM-PANEL.create".into(),
                "panel_referral",
                &id,
                serde_json::json!({"item": r.item.code(), "trigger": r.trigger, "list_by": r.list_by.map(|d| d.to_string())}),
            ))?;
        }
        refresh_tracking(tx, &journey.value)?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// How many reviews the child has had in the current period of care, up to `on`.
fn reviews_in_period(journey: &CareJourney, on: NaiveDate) -> u32 {
    let start = journey.periods_of_care().last().map(|p| p.0);
    journey
        .reviews()
        .iter()
        .filter(|r| start.is_none_or(|s| r.date >= s) && r.date <= on)
        .count() as u32
}

fn next_referral_id(tx: &mut store::Tx<'_>, child: &str) -> Result<String, StoreError> {
    let n = tx
        .records_of_child::<serde_json::Value>(RecordKind::Referral, child)?
        .len();
    Ok(format!("{child}-R{:02}", n + 1))
}

/// The Permanence Panel's configuration, or the spec's defaults with no
/// members when none is stored.
pub fn forum(tx: &mut store::Tx<'_>, kind: ForumKind) -> Result<Versioned<Forum>, StoreError> {
    Ok(match tx.record::<Forum>(RecordKind::Forum, kind.code())? {
        Some(r) => Versioned {
            value: r.value.document,
            version: r.version,
        },
        None => Versioned {
            value: Forum::with_defaults(kind),
            version: 0,
        },
    })
}

/// Saves a forum's configuration (membership, frequency, cut-off, quorum).
pub fn configure_forum(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    forum: &Forum,
) -> Result<(), AppError> {
    store.write(|tx| {
        let record = Record {
            id: forum.kind.code().to_owned(),
            child_id: None,
            stage: "active".into(),
            key_date: None,
            document: forum.clone(),
        };
        match tx.record::<Forum>(RecordKind::Forum, forum.kind.code())? {
            Some(old) => {
                tx.update_record(RecordKind::Forum, &record, old.version)?;
            }
            None => tx.insert_records(RecordKind::Forum, &[record])?,
        }
        tx.append(&audit(
            actor,
            clock,
            "configure_forum".into(),
            "panel",
            forum.kind.code(),
            serde_json::json!({"members": forum.members.len(), "cutoff_working_days": forum.cutoff_working_days}),
        ))?;
        Ok(())
    })
}

/// Creates a meeting of a forum (PANEL-007: only with a chair configured).
pub fn create_meeting(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    kind: ForumKind,
    date: NaiveDate,
    from: &str,
) -> Result<String, AppError> {
    use domain::roles::Role::*;
    if !matches!(user.role, PanelAdviser | HeadOfService) {
        return Err(AppError::Forbidden("arrange panel meetings"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        let f = forum(tx, kind)?.value;
        panels::check_meeting_can_be_created(&f, date).map_err(invalid)?;
        let meeting = Meeting::new(kind, date);
        let id = meeting.id();
        if tx.record::<Meeting>(RecordKind::Meeting, &id)?.is_some() {
            return Err(invalid(format!(
                "there is already a {} meeting on {date}",
                kind.label()
            )));
        }
        tx.insert_records(RecordKind::Meeting, &[meeting_record(&id, &meeting)])?;
        tx.append(&audit(
            &actor,
            clock,
            "create_meeting".into(),
            "panel_meeting",
            &id,
            serde_json::json!({"date": date.to_string()}),
        ))?;
        Ok(id)
    })
}

/// Every meeting of a forum, by date.
pub fn meetings(store: &Store) -> Result<Vec<Versioned<Record<Meeting>>>, AppError> {
    Ok(store.read(|tx| tx.records(RecordKind::Meeting, None))?)
}

/// A meeting, its agenda's referrals and its forum.
pub type MeetingView = (
    Versioned<Record<Meeting>>,
    Vec<Versioned<Record<Referral>>>,
    Forum,
);

/// A meeting with its agenda's referrals.
pub fn meeting(store: &Store, id: &str) -> Result<MeetingView, AppError> {
    store.read(|tx| {
        let m = tx
            .record::<Meeting>(RecordKind::Meeting, id)?
            .ok_or_else(|| invalid(format!("meeting {id} was not found")))?;
        let mut items = Vec::new();
        for rid in &m.value.document.agenda {
            if let Some(r) = tx.record(RecordKind::Referral, rid)? {
                items.push(r);
            }
        }
        let f = forum(tx, m.value.document.forum)?.value;
        Ok((m, items, f))
    })
}

/// Records who attended a meeting.
pub fn record_attendance(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    attendees: Vec<Attendance>,
    from: &str,
) -> Result<i64, AppError> {
    use domain::roles::Role::*;
    if !matches!(user.role, PanelAdviser | HeadOfService) {
        return Err(AppError::Forbidden("record panel attendance"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        let m = record_at::<Meeting>(tx, RecordKind::Meeting, id, expected_version, "meeting")?;
        let mut doc = m.value.document;
        doc.attendees = attendees;
        let f = forum(tx, doc.forum)?.value;
        let quorate = panels::is_quorate(&f, &doc.attendees);
        let version = tx.update_record(
            RecordKind::Meeting,
            &meeting_record(id, &doc),
            expected_version,
        )?;
        tx.append(&audit(
            &actor,
            clock,
            "record_attendance".into(),
            "panel_meeting",
            id,
            serde_json::json!({"attendees": doc.attendees.len(), "quorate": quorate}),
        ))?;
        Ok(version)
    })
}

/// What the referral page shows.
#[derive(Debug, Clone)]
pub struct ReferralView {
    pub referral: Versioned<Record<Referral>>,
    pub missing: Vec<PackDoc>,
    pub required: Vec<PackDoc>,
    pub meeting: Option<Versioned<Record<Meeting>>>,
    pub open_meetings: Vec<Versioned<Record<Meeting>>>,
    pub forum: Forum,
}

/// Opens a referral (audited as a read of the child's record).
pub fn open_referral(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<ReferralView, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let referral = tx
            .record::<Referral>(RecordKind::Referral, id)?
            .ok_or_else(|| invalid(format!("referral {id} was not found")))?;
        let child = referral.value.document.child_id.clone();
        if !may_see(tx, user, &child)? {
            return Err(AppError::Forbidden("open this child's referral"));
        }
        let r = &referral.value.document;
        let meeting = match &r.meeting {
            Some(m) => tx.record(RecordKind::Meeting, m)?,
            None => None,
        };
        let open_meetings = tx.records(RecordKind::Meeting, Some(&["open"]))?;
        let f = forum(tx, r.forum)?.value;
        tx.append(&audit(
            &actor,
            clock,
            "view_referral".into(),
            crate::CHILD_RECORD,
            &child,
            serde_json::json!({"referral": id}),
        ))?;
        Ok(ReferralView {
            missing: r.missing_papers(),
            required: referrals::required_pack(r.item, r.needs),
            referral,
            meeting,
            open_meetings,
            forum: f,
        })
    })
}

/// A move of a referral along WF-PERM-PANEL, with what it needs.
#[derive(Debug, Clone)]
pub enum ReferralAction {
    /// Attach a paper to the pack (moves a new referral to "pack in preparation").
    AttachPaper(PackDoc),
    /// The team manager endorses the pack (quality assured).
    Endorse,
    /// The panel adviser lists the item for a meeting.
    List { meeting: String },
    /// The panel's outcome, taken at the listed meeting.
    Outcome(ProposedOutcome),
    /// The agency decision maker's decision on a recommendation.
    AdmDecision { agreed: bool, reasons: String },
    /// The child, carer and IRO were told.
    Communicated,
    /// The carers live outside the area: record the local-placement rationale.
    LocalRationale(String),
    /// Whether the child needs a new family found (Pack F, PATH-019).
    FamilyFinding(bool),
    /// A representation about the outcome from the child, a parent or the
    /// carer, through the complaints procedure or the IRO (PANEL-016).
    Representation {
        from: referrals::Representer,
        route: referrals::RepresentationRoute,
        summary: String,
    },
}

/// Applies an action to a referral, checking the workflow, the user's role
/// and the rules of listing and outcomes; audits it.
pub fn act_on_referral(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    action: ReferralAction,
    from: &str,
) -> Result<Versioned<Record<Referral>>, AppError> {
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        let current = record_at::<Referral>(tx, RecordKind::Referral, id, expected_version, "referral")?;
        let mut r = current.value.document.clone();
        if !may_see(tx, user, &r.child_id)? {
            return Err(AppError::Forbidden("work on this child's referral"));
        }
        let wf: &Workflow = &workflow::PERM_PANEL;
        let roles = [user.role];
        let mut events = Vec::new();
        let mut details = serde_json::json!({});
        let name = match &action {
            ReferralAction::AttachPaper(doc) => {
                if *doc == PackDoc::TeamManagerEndorsement {
                    return Err(invalid("the team manager's endorsement is given with \"Endorse\""));
                }
                if !matches!(r.stage.as_str(), "created" | "pack") {
                    return Err(invalid(format!(
                        "papers can be added only while the pack is in preparation (now: {})",
                        wf.label(&r.stage)
                    )));
                }
                let prepare = wf.transition("prepare_pack").expect("WF-PERM-PANEL prepares packs");
                if !prepare.roles.contains(&user.role) && user.role != domain::roles::Role::TeamManager {
                    return Err(AppError::Forbidden("add papers to a panel pack"));
                }
                r.stage = "pack".into();
                r.pack.retain(|e| e.doc != *doc);
                r.pack.push(PackEntry {
                    doc: *doc,
                    received: today,
                    by: user.username.clone(),
                });
                details = serde_json::json!({"paper": doc.code()});
                "attach_paper"
            }
            ReferralAction::Representation { from, route, summary } => {
                if summary.trim().is_empty() {
                    return Err(invalid("say what the representation is about"));
                }
                let logged = referrals::log_representation(id, &r, *from, *route, today, summary.trim())
                    .map_err(invalid)?;
                r.representations.push(logged);
                events.push(Event { kind: EventKind::ComplaintsInformationGiven, date: today });
                details = serde_json::json!({"from": format!("{from:?}"), "route": format!("{route:?}")});
                "representation"
            }
            ReferralAction::FamilyFinding(needed) => {
                if !matches!(r.stage.as_str(), "created" | "pack") {
                    return Err(invalid("family finding can be changed only while the pack is in preparation"));
                }
                if !matches!(user.role, domain::roles::Role::SocialWorker | domain::roles::Role::TeamManager | domain::roles::Role::FamilyFinder) {
                    return Err(AppError::Forbidden("decide on family finding"));
                }
                r.needs.family_finding = *needed;
                details = serde_json::json!({"family_finding": needed});
                "family_finding"
            }
            ReferralAction::LocalRationale(text) => {
                if text.trim().is_empty() {
                    return Err(invalid("enter the local-placement rationale"));
                }
                r.local_rationale = Some(text.clone());
                "local_rationale"
            }
            ReferralAction::Endorse => {
                let t = wf.take(&r.stage, "endorse", &roles).map_err(invalid)?;
                let missing: Vec<PackDoc> = r
                    .missing_papers()
                    .into_iter()
                    .filter(|d| *d != PackDoc::TeamManagerEndorsement)
                    .collect();
                if !missing.is_empty() {
                    return Err(invalid(format!(
                        "the pack cannot be endorsed while papers are missing: {}",
                        missing.iter().map(|d| d.label()).collect::<Vec<_>>().join("; ")
                    )));
                }
                r.pack.push(PackEntry {
                    doc: PackDoc::TeamManagerEndorsement,
                    received: today,
                    by: user.username.clone(),
                });
                r.stage = t.to.into();
                t.name
            }
            ReferralAction::List { meeting } => {
                // Listing is refused with the missing papers named, whatever the stage.
                let m = tx
                    .record::<Meeting>(RecordKind::Meeting, meeting)?
                    .ok_or_else(|| invalid(format!("meeting {meeting} was not found")))?;
                let f = forum(tx, m.value.document.forum)?.value;
                referrals::check_listing(&f, &r, m.value.document.date).map_err(invalid)?;
                let t = wf.take(&r.stage, "list", &roles).map_err(invalid)?;
                let mut doc = m.value.document.clone();
                if !doc.agenda.contains(&id.to_owned()) {
                    doc.agenda.push(id.to_owned());
                }
                tx.update_record(RecordKind::Meeting, &meeting_record(meeting, &doc), m.version)?;
                r.meeting = Some(meeting.clone());
                r.stage = t.to.into();
                events.push(Event { kind: EventKind::PermanencePanelListed, date: today });
                details = serde_json::json!({"meeting": meeting});
                t.name
            }
            ReferralAction::Outcome(proposed) => {
                let stage = if r.stage == "listed" { "heard" } else { r.stage.as_str() };
                if r.stage == "listed" {
                    wf.take("listed", "hear", &roles).map_err(invalid)?;
                }
                wf.take(stage, "record_outcome", &roles).map_err(invalid)?;
                let meeting_id = r
                    .meeting
                    .clone()
                    .ok_or_else(|| invalid("the item is not listed for a meeting"))?;
                let m = tx
                    .record::<Meeting>(RecordKind::Meeting, &meeting_id)?
                    .ok_or_else(|| invalid(format!("meeting {meeting_id} was not found")))?;
                let f = forum(tx, m.value.document.forum)?.value;
                let meeting_date = m.value.document.date;
                if meeting_date > today {
                    return Err(invalid(format!("the meeting on {meeting_date} has not happened yet")));
                }
                match referrals::record_outcome(&f, &m.value.document.attendees, &mut r, proposed.clone()) {
                    Ok(_) => {}
                    Err(referrals::OutcomeError::Inquorate) => {
                        // Saved as discussion only, to be relisted (PANEL-008).
                        let record = referral_record(id, &r);
                        tx.update_record(RecordKind::Referral, &record, expected_version)?;
                        tx.append(&audit(&actor, clock, "WF-PERM-PANEL.relist".into(), "panel_referral", id, serde_json::json!({"reason": "inquorate"})))?;
                        return Err(invalid(referrals::OutcomeError::Inquorate));
                    }
                    Err(e) => return Err(invalid(e)),
                }
                events.push(Event { kind: EventKind::PermanencePanelOutcome, date: meeting_date });
                events.push(Event { kind: EventKind::PanelRecommendation, date: meeting_date });
                if r.stage == "outcome" && r.outcome != Some(referrals::Outcome::Deferred) {
                    events.extend(decision_events(&r, meeting_date));
                }
                details = serde_json::json!({"outcome": r.outcome.map(referrals::Outcome::code), "adm_at_meeting": r.adm_agreed_at_meeting});
                "record_outcome"
            }
            ReferralAction::AdmDecision { agreed, reasons } => {
                let t = wf.take(&r.stage, "adm_decide", &roles).map_err(invalid)?;
                if reasons.trim().is_empty() {
                    return Err(invalid("the reasons for the decision are required"));
                }
                r.adm_decision = Some(AdmDecision {
                    agreed: *agreed,
                    decided_on: today,
                    by: user.username.clone(),
                    reasons: reasons.clone(),
                });
                r.stage = t.to.into();
                events.push(Event { kind: EventKind::AgencyDecision, date: today });
                if *agreed {
                    events.extend(decision_events(&r, today));
                }
                details = serde_json::json!({"agreed": agreed});
                t.name
            }
            ReferralAction::Communicated => {
                let t = wf.take(&r.stage, "communicate", &roles).map_err(invalid)?;
                r.communicated = Some(today);
                r.stage = t.to.into();
                events.push(Event { kind: EventKind::PanelOutcomeCommunicated, date: today });
                t.name
            }
        };
        let record = referral_record(id, &r);
        let version = tx.update_record(RecordKind::Referral, &record, expected_version)?;
        let mut journey = load_journey(tx, &r.child_id)?;
        if !events.is_empty() {
            journey = record_activities(tx, clock, &journey, &events)?;
        }
        // The plan follows the panel: LTF found suitable ratifies it.
        if r.item == ItemType::LtfSuitability
            && r.stage == "outcome"
            && r.outcome == Some(referrals::Outcome::LtfSuitable)
            && (r.adm_agreed_at_meeting || r.adm_decision.as_ref().is_some_and(|d| d.agreed))
            && let Some(p) = current_plan(tx, &r.child_id)?
            && p.value.document.lifecycle == Lifecycle::RatifiedSubjectToPanel
        {
            let mut plan = p.value.document.clone();
            plan.lifecycle = Lifecycle::Ratified;
            tx.update_record(RecordKind::Plan, &plan_record(&plan), p.version)?;
        }
        if let serde_json::Value::Object(map) = &mut details {
            map.insert("stage".into(), serde_json::Value::String(r.stage.clone()));
        }
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{}", wf.id, name),
            "panel_referral",
            id,
            details,
        ))?;
        refresh_tracking(tx, &journey.value)?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// The events a decision (the ADM's or the panel's with the ADM present) records.
fn decision_events(r: &Referral, on: NaiveDate) -> Vec<Event> {
    match r.outcome {
        Some(referrals::Outcome::LtfSuitable) => vec![Event {
            kind: EventKind::LtfFoundSuitable,
            date: on,
        }],
        Some(referrals::Outcome::LtfUnsuitable) => vec![Event {
            kind: EventKind::LtfFoundUnsuitable,
            date: on,
        }],
        Some(referrals::Outcome::MatchAgreed) => vec![Event {
            kind: EventKind::MatchAgreed,
            date: on,
        }],
        _ => Vec::new(),
    }
}

/// Approves a meeting's minutes (PANEL-014).
pub fn approve_minutes(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    from: &str,
) -> Result<i64, AppError> {
    use domain::roles::Role::*;
    if !matches!(user.role, PanelAdviser | HeadOfService) {
        return Err(AppError::Forbidden("approve panel minutes"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        let m = record_at::<Meeting>(tx, RecordKind::Meeting, id, expected_version, "meeting")?;
        let mut doc = m.value.document;
        doc.minutes_approved = Some(clock.today());
        let version = tx.update_record(
            RecordKind::Meeting,
            &meeting_record(id, &doc),
            expected_version,
        )?;
        tx.append(&audit(
            &actor,
            clock,
            "approve_minutes".into(),
            "panel_meeting",
            id,
            serde_json::json!({}),
        ))?;
        Ok(version)
    })
}

/// The facts the tracking page needs about one child, from their journey,
/// plan and referrals.
pub fn tracking_facts(
    journey: &CareJourney,
    plan: Option<&PermanencePlan>,
    referrals: &[Referral],
) -> TrackingFacts {
    let entered = journey
        .current_episode()
        .and_then(|_| journey.periods_of_care().last().map(|p| p.0));
    let in_period = |d: NaiveDate| entered.is_some_and(|s| d >= s);
    let all_events = journey.events();
    let activity = |k: EventKind| {
        all_events
            .iter()
            .filter(|e| e.kind == k && in_period(e.date))
            .map(|e| e.date)
            .collect::<Vec<_>>()
    };
    let episode = journey.current_episode();
    let long_term = plan.is_some_and(|p| p.pathway == Some(Pathway::LongTermFostering))
        && referrals.iter().any(|r| {
            r.item == ItemType::Match && r.outcome == Some(referrals::Outcome::MatchAgreed)
        });
    TrackingFacts {
        child_id: journey.id().as_str().to_owned(),
        entered_care: entered,
        reviews_held: journey
            .reviews()
            .iter()
            .map(|r| r.date)
            .filter(|d| in_period(*d))
            .collect(),
        permanence_discussion: activity(EventKind::PermanenceDiscussionRecorded)
            .first()
            .copied(),
        plan: plan.map(lean),
        ltf_agreed_at_review: activity(EventKind::LtfPlanAgreed).last().copied(),
        panel_listed: activity(EventKind::PermanencePanelListed).last().copied(),
        match_agreed: activity(EventKind::MatchAgreed).last().copied(),
        monitoring_heard: activity(EventKind::PanelMonitoringItemHeard),
        short_term_placement_start: if long_term {
            None
        } else {
            episode.map(|e| e.start)
        },
        adoption_plan: plan.is_some_and(|p| p.pathway == Some(Pathway::Adoption)),
        placed_for_adoption: activity(EventKind::PlacedForAdoption).last().copied(),
        adoption_plan_agreed: activity(EventKind::AdoptionPlanAgreed).first().copied(),
        adoption_adm_decision: activity(EventKind::BestInterestDecision).first().copied(),
        placement_order: activity(EventKind::PlacementOrderMade).first().copied(),
        adoptive_link: activity(EventKind::RegionalLinkFound)
            .into_iter()
            .chain(activity(EventKind::MatchAgreed))
            .min()
            .filter(|_| plan.is_some_and(|p| p.pathway == Some(Pathway::Adoption))),
        ..TrackingFacts::default()
    }
}

/// The parts of a plan drift and milestones are computed from: no free
/// text beyond step names, so the tracking table stays small and holds as
/// little personal data as it can.
fn lean(plan: &PermanencePlan) -> PermanencePlan {
    let mut p = plan.clone();
    p.appraisal.clear();
    p.objectives.clear();
    p.identity = Default::default();
    p.child_voice = None;
    p.carer_views = None;
    p.sibling_assessment = None;
    p.exceptional = None;
    p.local_rationale = None;
    p.legal_route = None;
    p.timeframe = None;
    p.support_plan = None;
    p.contact_agreement = None;
    for s in &mut p.steps {
        s.variance_reason = None;
    }
    p
}

/// Recomputes a child's tracking row (or removes it when they left care).
pub fn refresh_tracking(tx: &mut store::Tx<'_>, journey: &CareJourney) -> Result<(), AppError> {
    let child = journey.id().as_str().to_owned();
    if journey.current_episode().is_none() {
        tx.remove_tracking(&child)?;
        return Ok(());
    }
    let plan = current_plan(tx, &child)?.map(|p| p.value.document);
    let referrals: Vec<Referral> = tx
        .records_of_child::<Referral>(RecordKind::Referral, &child)?
        .into_iter()
        .map(|r| r.value.document)
        .collect();
    let team = tx.child_team(journey.id())?;
    tx.put_tracking(&[tracking_row(journey, plan.as_ref(), &referrals, team)])?;
    Ok(())
}

/// A child's tracking row: their team and their facts as JSON, freshly stamped.
fn tracking_row(
    journey: &CareJourney,
    plan: Option<&PermanencePlan>,
    referrals: &[Referral],
    team: Option<String>,
) -> TrackingRow {
    let facts = tracking_facts(journey, plan, referrals);
    TrackingRow {
        child_id: journey.id().as_str().to_owned(),
        team,
        facts: serde_json::to_string(&facts).expect("tracking facts serialise"),
        stamp: new_stamp(),
    }
}

/// Rebuilds every tracking row from the records (after a bulk load).
pub fn rebuild_tracking(store: &Store) -> Result<usize, AppError> {
    store.write(|tx| {
        let journeys = tx.all_journeys()?;
        let teams: HashMap<String, String> =
            tx.workers()?.into_iter().map(|w| (w.id, w.team)).collect();
        let mut plans: HashMap<String, PermanencePlan> = HashMap::new();
        for p in tx.records::<PermanencePlan>(RecordKind::Plan, None)? {
            let doc = p.value.document;
            if supersedes(&doc, plans.get(&doc.child_id)) {
                plans.insert(doc.child_id.clone(), doc);
            }
        }
        let mut referrals: HashMap<String, Vec<Referral>> = HashMap::new();
        for r in tx.records::<Referral>(RecordKind::Referral, None)? {
            let doc = r.value.document;
            referrals.entry(doc.child_id.clone()).or_default().push(doc);
        }
        let rows: Vec<TrackingRow> = journeys
            .iter()
            .filter(|j| j.value.current_episode().is_some())
            .map(|j| {
                let child = j.value.id().as_str();
                let team = j
                    .value
                    .social_workers()
                    .last()
                    .and_then(|s| teams.get(&s.worker_id).cloned());
                tracking_row(
                    &j.value,
                    plans.get(child),
                    referrals.get(child).map_or(&[], Vec::as_slice),
                    team,
                )
            })
            .collect();
        tx.put_tracking(&rows)?;
        Ok(rows.len())
    })
}

/// One line of the tracking page.
#[derive(Debug, Clone, Serialize)]
pub struct TrackingLine {
    pub child_id: String,
    pub team: Option<String>,
    pub pathway: Option<Pathway>,
    pub lifecycle: Option<Lifecycle>,
    pub entered_care: Option<NaiveDate>,
    pub days_in_care: Option<i64>,
    pub next_milestone: Option<(String, NaiveDate)>,
    pub days_left: Option<i64>,
    pub drift: Vec<DriftReason>,
    /// A reason has been open 30 days without service manager oversight (TRACK-003).
    pub escalated: bool,
}

/// Filters of the tracking page.
#[derive(Debug, Clone, Default)]
pub struct TrackingFilter {
    pub team: Option<String>,
    pub pathway: Option<Pathway>,
    /// Only children with this drift letter (`b`), or with any drift (`any`).
    pub flag: Option<String>,
}

/// The tracking list on a date: every child in care the user may see, with
/// the plan, time in care, next milestone and drift. Audited as a list view.
pub fn tracking_list(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    filter: &TrackingFilter,
    from: &str,
) -> Result<Vec<TrackingLine>, AppError> {
    use domain::access::ChildScope;
    let as_of = clock.today();
    let team = match user.child_scope() {
        ChildScope::Team(t) => Some(t),
        ChildScope::Everyone => filter.team.clone(),
        ChildScope::NoOne => return Err(AppError::Forbidden("see the tracking list")),
    };
    let lines = tracking_lines(&current_facts(store, team.as_deref())?, filter, as_of);
    let actor = actor_of(user, from);
    store.write(|tx| {
        tx.append(&audit(
            &actor,
            clock,
            "view_tracking".into(),
            "tracking",
            team.as_deref().unwrap_or("council"),
            serde_json::json!({"children": lines.len()}),
        ))
    })?;
    Ok(lines)
}

/// A stamp for a rewritten tracking row: unique within this process and,
/// with the clock's nanoseconds, across the servers sharing a database.
fn new_stamp() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{nanos:x}-{:x}-{:x}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// One child's parsed tracking facts and their team.
#[derive(Debug)]
pub struct TrackedChild {
    pub team: Option<String>,
    pub facts: TrackingFacts,
}

type FactsCache = std::sync::Mutex<HashMap<String, (String, Arc<TrackedChild>)>>;

/// Parsed tracking facts held between requests, keyed by child and checked
/// against each row's stamp on every read, so a change saved by any server
/// is seen at once while unchanged rows are not parsed again.
fn facts_cache() -> &'static FactsCache {
    static CACHE: std::sync::OnceLock<FactsCache> = std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn lock(
    cache: &FactsCache,
) -> std::sync::MutexGuard<'_, HashMap<String, (String, Arc<TrackedChild>)>> {
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The current tracking facts of every child in care (or one team's).
pub fn current_facts(
    store: &Store,
    team: Option<&str>,
) -> Result<Vec<Arc<TrackedChild>>, AppError> {
    let stamps = store.read(|tx| tx.tracking_stamps(team))?;
    let stale: Vec<String> = {
        let cache = lock(facts_cache());
        stamps
            .iter()
            .filter(|s| {
                cache
                    .get(&s.child_id)
                    .is_none_or(|(stamp, _)| *stamp != s.stamp)
            })
            .map(|s| s.child_id.clone())
            .collect()
    };
    if !stale.is_empty() {
        let rows = if stale.len() * 4 > stamps.len() {
            store.read(|tx| tx.tracking(team))?
        } else {
            store.read(|tx| tx.tracking_of(&stale))?
        };
        let parsed = parallel_map(&rows, |row| {
            let facts: TrackingFacts = serde_json::from_str(&row.facts).ok()?;
            let child = TrackedChild {
                team: row.team.clone(),
                facts,
            };
            Some((row.child_id.clone(), row.stamp.clone(), Arc::new(child)))
        });
        let mut cache = lock(facts_cache());
        if team.is_none() {
            let live: std::collections::HashSet<&str> =
                stamps.iter().map(|s| s.child_id.as_str()).collect();
            cache.retain(|k, _| live.contains(k.as_str()));
        }
        for (child, stamp, facts) in parsed {
            cache.insert(child, (stamp, facts));
        }
    }
    let cache = lock(facts_cache());
    Ok(stamps
        .iter()
        .filter_map(|s| {
            cache
                .get(&s.child_id)
                .filter(|(stamp, _)| *stamp == s.stamp)
                .map(|(_, f)| f.clone())
        })
        .collect())
}

/// Maps over a slice across the machine's cores, keeping order.
fn parallel_map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> Option<U> + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().filter_map(f).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().expect("the work does not panic"))
            .collect()
    })
}

/// Computes the lines of the tracking page from the children's facts.
pub fn tracking_lines(
    children: &[Arc<TrackedChild>],
    filter: &TrackingFilter,
    as_of: NaiveDate,
) -> Vec<TrackingLine> {
    parallel_map(children, |child| {
        let facts = &child.facts;
        let pathway = facts.plan.as_ref().and_then(|p| p.pathway);
        if filter.pathway.is_some() && filter.pathway != pathway {
            return None;
        }
        let drift = tracking::drift_reasons(facts, as_of);
        match filter.flag.as_deref() {
            None | Some("") => {}
            Some("any") if drift.is_empty() => return None,
            Some("any") => {}
            Some(letter)
                if !drift
                    .iter()
                    .any(|d| d.code.letter().to_string().eq_ignore_ascii_case(letter)) =>
            {
                return None;
            }
            Some(_) => {}
        }
        let next = tracking::next_milestone(facts, as_of);
        Some(TrackingLine {
            child_id: facts.child_id.clone(),
            team: child.team.clone(),
            pathway,
            lifecycle: facts.plan.as_ref().map(|p| p.lifecycle),
            entered_care: facts.entered_care,
            days_in_care: facts.entered_care.map(|d| (as_of - d).num_days()),
            days_left: next.as_ref().map(|(_, due)| (*due - as_of).num_days()),
            next_milestone: next,
            escalated: tracking::needs_service_manager(&drift, facts, as_of),
            drift,
        })
    })
}

/// Loads a council's permanence records (demo data, imports) in one
/// transaction and builds the tracking table; returns how many plans.
pub fn load_permanence(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    forum: Option<&Forum>,
    plans: &[PermanencePlan],
    referrals: &[(String, Referral)],
    meetings: &[Meeting],
) -> Result<usize, AppError> {
    if let Some(f) = forum {
        configure_forum(store, actor, clock, f)?;
    }
    store.write(|tx| {
        let plan_records: Vec<_> = plans.iter().map(plan_record).collect();
        tx.insert_records(RecordKind::Plan, &plan_records)?;
        let referral_records: Vec<_> = referrals
            .iter()
            .map(|(id, r)| referral_record(id, r))
            .collect();
        tx.insert_records(RecordKind::Referral, &referral_records)?;
        let meeting_records: Vec<_> = meetings.iter().map(|m| meeting_record(&m.id(), m)).collect();
        tx.insert_records(RecordKind::Meeting, &meeting_records)?;
        tx.append(&audit(
            actor,
            clock,
            "load_permanence".into(),
            "permanence",
            "council",
            serde_json::json!({"plans": plans.len(), "referrals": referrals.len(), "meetings": meetings.len()}),
        ))?;
        Ok::<_, AppError>(())
    })?;
    rebuild_tracking(store)?;
    Ok(plans.len())
}

// ------------------------------------------------------------ change of plan

/// A change of plan with its identifier and version.
pub type StoredChange = Versioned<Record<ChangeOfPlan>>;

fn change_record(id: &str, c: &ChangeOfPlan, stage: &str) -> Record<ChangeOfPlan> {
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

fn authority_of(role: domain::roles::Role) -> Option<Authority> {
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

// ---------------------------------------------------------------- IRO issues

/// An IRO issue with its identifier and version.
pub type StoredIssue = Versioned<Record<IroIssue>>;

fn issue_record(id: &str, i: &IroIssue) -> Record<IroIssue> {
    Record {
        id: id.to_owned(),
        child_id: Some(i.child_id.clone()),
        stage: i.state().to_owned(),
        key_date: Some(i.current().response_due.to_string()),
        document: i.clone(),
    }
}

/// An issue an IRO raises: what it is, the action required and the stage
/// it starts at.
#[derive(Debug, Clone)]
pub struct NewIssue {
    pub issue: String,
    pub action_required: String,
    pub stage: IroStage,
}

/// Raises an IRO issue about a child's plan (TRACK-012), at Stage 0
/// (informal) or a formal stage.
pub fn raise_iro_issue(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    new: NewIssue,
    from: &str,
) -> Result<String, AppError> {
    let NewIssue {
        issue,
        action_required,
        stage,
    } = new;
    let (issue, action_required) = (issue.as_str(), action_required.as_str());
    if user.role != domain::roles::Role::IndependentReviewingOfficer {
        return Err(AppError::Forbidden("raise an IRO issue"));
    }
    if issue.trim().is_empty() || action_required.trim().is_empty() {
        return Err(invalid("describe the issue and the action required"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("raise an issue for this child"));
        }
        load_journey(tx, child)?;
        let i = IroIssue::raise(
            child,
            issue.trim(),
            action_required.trim(),
            stage,
            clock.today(),
        );
        let n = tx
            .records_of_child::<serde_json::Value>(RecordKind::IroIssue, child)?
            .len();
        let id = format!("{child}-I{:02}", n + 1);
        tx.insert_records(RecordKind::IroIssue, &[issue_record(&id, &i)])?;
        let journey = load_journey(tx, child)?;
        record_activities(
            tx,
            clock,
            &journey,
            &[Event {
                kind: EventKind::IroIssueRaised,
                date: clock.today(),
            }],
        )?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-IRO-ESCALATION.raise".into(),
            "iro_issue",
            &id,
            serde_json::json!({"stage": stage.code()}),
        ))?;
        Ok(id)
    })
}

/// What is done to an IRO issue.
#[derive(Debug, Clone)]
pub enum IssueAction {
    /// The IRO moves it to the next stage.
    Escalate,
    /// The person at the current stage responds.
    Respond,
    /// The IRO records it resolved.
    Resolve,
    /// The IRO refers the case to Cafcass, with the grounds.
    ReferToCafcass(String),
}

/// Who answers an IRO issue at each stage (TRACK-013, ROLE-001).
pub fn responder(stage: IroStage) -> domain::roles::Role {
    use domain::roles::Role::*;
    match stage {
        IroStage::Stage0 => SocialWorker,
        IroStage::Stage1 => TeamManager,
        IroStage::Stage2 => ServiceManager,
        IroStage::Stage3 | IroStage::Stage4 => HeadOfService,
    }
}

/// A child's IRO issues, with the automatic escalations of stages that
/// passed their response date saved (and audited) first (TRACK-013).
pub fn iro_issues(
    store: &Store,
    clock: &dyn Clock,
    child: &str,
) -> Result<Vec<StoredIssue>, AppError> {
    let today = clock.today();
    store.write(|tx| {
        let mut out = Vec::new();
        for stored in tx.records_of_child::<IroIssue>(RecordKind::IroIssue, child)? {
            let mut issue = stored.value.document.clone();
            let moves = if issue.resolved.is_none() && issue.cafcass.is_none() {
                issue.apply_timeouts(today)
            } else {
                Vec::new()
            };
            if moves.is_empty() {
                out.push(stored);
                continue;
            }
            let version = tx.update_record(RecordKind::IroIssue, &issue_record(&stored.value.id, &issue), stored.version)?;
            for m in &moves {
                tx.append(&audit(
                    &Actor::new("system"),
                    clock,
                    "WF-IRO-ESCALATION.escalate_on_timeout".into(),
                    "iro_issue",
                    &stored.value.id,
                    serde_json::json!({"from": m.from.code(), "to": m.to.code(), "on": m.on.to_string()}),
                ))?;
            }
            out.push(Versioned {
                value: issue_record(&stored.value.id, &issue),
                version,
            });
        }
        Ok(out)
    })
}

/// Acts on an IRO issue.
pub fn act_on_issue(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    action: IssueAction,
    from: &str,
) -> Result<StoredIssue, AppError> {
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        let current =
            record_at::<IroIssue>(tx, RecordKind::IroIssue, id, expected_version, "IRO issue")?;
        let mut issue = current.value.document.clone();
        if !may_see(tx, user, &issue.child_id)? {
            return Err(AppError::Forbidden("act on this child's IRO issue"));
        }
        let roles = [user.role];
        let mut events = Vec::new();
        let name = match &action {
            IssueAction::Escalate => {
                issue.escalate(today, &roles).map_err(invalid)?;
                events.push(Event {
                    kind: EventKind::IroIssueEscalated,
                    date: today,
                });
                "escalate"
            }
            IssueAction::Respond => {
                if issue.resolved.is_some() || issue.cafcass.is_some() {
                    return Err(invalid("the issue is closed"));
                }
                let stage = issue.current().stage;
                if user.role != responder(stage) {
                    return Err(AppError::Forbidden("respond at this stage of the issue"));
                }
                issue.record_response(today);
                events.push(Event {
                    kind: EventKind::IroStageResponse,
                    date: today,
                });
                "respond"
            }
            IssueAction::Resolve => {
                issue.resolve(today, &roles).map_err(invalid)?;
                events.push(Event {
                    kind: EventKind::IroIssueResolved,
                    date: today,
                });
                "resolve"
            }
            IssueAction::ReferToCafcass(grounds) => {
                if grounds.trim().is_empty() {
                    return Err(invalid("give the grounds for the Cafcass referral"));
                }
                issue
                    .refer_to_cafcass(today, grounds.trim(), &roles)
                    .map_err(invalid)?;
                "refer_cafcass"
            }
        };
        let record = issue_record(id, &issue);
        let version = tx.update_record(RecordKind::IroIssue, &record, expected_version)?;
        let journey = load_journey(tx, &issue.child_id)?;
        if !events.is_empty() {
            record_activities(tx, clock, &journey, &events)?;
        }
        tx.append(&audit(
            &actor,
            clock,
            format!("WF-IRO-ESCALATION.{name}"),
            "iro_issue",
            id,
            serde_json::json!({"stage": issue.state()}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

// ------------------------------------------------------------- match referral

/// Refers a permanent foster match to the Permanence Panel (PANEL-009 (2),
/// WF-LTF-MATCH): only once the panel has found long-term fostering suitable.
pub fn refer_match(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    carer: &str,
    carer_out_of_area: bool,
    from: &str,
) -> Result<String, AppError> {
    use domain::roles::Role::*;
    if !matches!(user.role, SocialWorker | TeamManager | FamilyFinder) {
        return Err(invalid(
            "a match is referred by the child's social worker, their team manager or a family finder",
        ));
    }
    if carer.trim().is_empty() {
        return Err(invalid("name the proposed carers"));
    }
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("refer this child's match"));
        }
        let plan = current_plan(tx, child)?.ok_or_else(|| invalid("this child has no permanence plan"))?;
        let referrals: Vec<Referral> = tx
            .records_of_child::<Referral>(RecordKind::Referral, child)?
            .into_iter()
            .map(|r| r.value.document)
            .collect();
        let suitable = referrals.iter().find(|r| {
            r.item == ItemType::LtfSuitability
                && r.outcome == Some(referrals::Outcome::LtfSuitable)
                && (r.adm_agreed_at_meeting || r.adm_decision.as_ref().is_some_and(|d| d.agreed))
        });
        let Some(suitable) = suitable else {
            return Err(invalid("the Permanence Panel has not yet found long-term fostering suitable for this child (PANEL-003)"));
        };
        if plan.value.document.pathway != Some(Pathway::LongTermFostering) {
            return Err(invalid("the plan is not long-term fostering"));
        }
        if referrals.iter().any(|r| r.item == ItemType::Match && !matches!(r.stage.as_str(), "closed" | "communicated" | "withdrawn")) {
            return Err(invalid("a match referral is already in progress"));
        }
        let mut r = Referral::new(child, ItemType::Match, "match_proposed", today, None);
        r.needs = suitable.needs;
        r.carer = Some(carer.trim().to_owned());
        r.carer_out_of_area = carer_out_of_area;
        let id = next_referral_id(tx, child)?;
        tx.insert_records(RecordKind::Referral, &[referral_record(&id, &r)])?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-PERM-PANEL.create".into(),
            "panel_referral",
            &id,
            serde_json::json!({"item": "match", "out_of_area": carer_out_of_area}),
        ))?;
        let journey = load_journey(tx, child)?;
        refresh_tracking(tx, &journey.value)?;
        Ok(id)
    })
}

/// The things a plan's page records that the deadline rules and the drift
/// list count, each with the rule that asks for it.
pub const PLAN_ACTIVITIES: &[(EventKind, &str)] = &[
    (EventKind::PermanenceDiscussionRecorded, "PLAN-002"),
    (EventKind::LifeStoryWorkStarted, "PRIN-007"),
    (EventKind::ComplaintsInformationGiven, "PRIN-009"),
    (EventKind::CarerInformationShared, "PRIN-010"),
    (EventKind::PermanencePlanDistributed, "PLAN-012"),
    (EventKind::CarePlanUpdated, "PLAN-015"),
    (EventKind::PermanentOrderAdviceOffered, "PRIN-020"),
];

/// Records one of [`PLAN_ACTIVITIES`] for a child on a date: on the journey
/// (so deadlines see it) and in the tracking facts, audited.
pub fn record_plan_activity(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    kind: EventKind,
    on: NaiveDate,
    from: &str,
) -> Result<(), AppError> {
    if !PLAN_ACTIVITIES.iter().any(|(k, _)| *k == kind) {
        return Err(invalid(format!(
            "\"{}\" is not recorded from the plan",
            kind.label()
        )));
    }
    if on > clock.today() {
        return Err(invalid(format!("the date {on} is in the future")));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("record for this child"));
        }
        let journey = load_journey(tx, child)?;
        let journey = record_activities(tx, clock, &journey, &[Event { kind, date: on }])?;
        tx.append(&audit(
            &actor,
            clock,
            "record_activity".into(),
            crate::CHILD_RECORD,
            child,
            serde_json::json!({"activity": kind.name(), "date": on.to_string()}),
        ))?;
        refresh_tracking(tx, &journey.value)?;
        Ok(())
    })
}

// ------------------------------------------------------ other workflows

/// The workflows a child's plan page can start as cases of their own:
/// reunification, the pre-proceedings family route, leaving care on a CAO
/// or SGO, and a discretionary payment.
pub static CASE_WORKFLOWS: &[&Workflow] = &[
    &workflow::RETURN_HOME,
    &workflow::SAFETY_PLAN,
    &workflow::ORDER_EXIT,
    &workflow::DISC_PAYMENT,
];

/// One move taken in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CaseStep {
    pub transition: String,
    pub by: String,
    pub on: NaiveDate,
}

/// A child's case in one of [`CASE_WORKFLOWS`]: its state and the moves taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct WorkflowCase {
    pub workflow: String,
    pub child_id: String,
    pub started: NaiveDate,
    pub state: String,
    #[serde(default)]
    pub steps: Vec<CaseStep>,
}

impl WorkflowCase {
    /// The workflow the case follows.
    pub fn workflow(&self) -> Option<&'static Workflow> {
        CASE_WORKFLOWS
            .iter()
            .copied()
            .find(|w| w.id == self.workflow)
    }
}

fn case_record(id: &str, c: &WorkflowCase) -> Record<WorkflowCase> {
    Record {
        id: id.to_owned(),
        child_id: Some(c.child_id.clone()),
        stage: c.state.clone(),
        key_date: Some(c.started.to_string()),
        document: c.clone(),
    }
}

/// A child's cases, oldest first.
pub fn cases_of_child(
    store: &Store,
    child: &str,
) -> Result<Vec<Versioned<Record<WorkflowCase>>>, AppError> {
    Ok(store.read(|tx| tx.records_of_child(RecordKind::WorkflowCase, child))?)
}

/// Starts a case in one of [`CASE_WORKFLOWS`] at its first state; audited.
pub fn start_case(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    workflow_id: &str,
    from: &str,
) -> Result<String, AppError> {
    let wf = CASE_WORKFLOWS
        .iter()
        .find(|w| w.id == workflow_id)
        .ok_or_else(|| {
            invalid(format!(
                "\"{workflow_id}\" is not a workflow that can be started here"
            ))
        })?;
    let first = wf
        .states
        .first()
        .ok_or_else(|| invalid("the workflow has no states"))?;
    if wf.available(first.code, &[user.role]).is_empty() {
        return Err(invalid(format!(
            "{} is started by those who take its first step: {}",
            wf.title,
            wf.transitions
                .iter()
                .filter(|t| t.from.contains(&first.code))
                .flat_map(|t| t.roles.iter().map(|r| r.title().to_lowercase()))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("start a case for this child"));
        }
        load_journey(tx, child)?;
        let case = WorkflowCase {
            workflow: wf.id.to_owned(),
            child_id: child.to_owned(),
            started: clock.today(),
            state: first.code.to_owned(),
            steps: Vec::new(),
        };
        let n = tx
            .records_of_child::<serde_json::Value>(RecordKind::WorkflowCase, child)?
            .len();
        let id = format!("{child}-W{:02}", n + 1);
        tx.insert_records(RecordKind::WorkflowCase, &[case_record(&id, &case)])?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.start", wf.id),
            "workflow_case",
            &id,
            serde_json::json!({"state": first.code}),
        ))?;
        Ok(id)
    })
}

/// Takes a named move in a case, if the user's role may from its state; audited.
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
        let mut case = current.value.document.clone();
        if !may_see(tx, user, &case.child_id)? {
            return Err(AppError::Forbidden("work on this child's case"));
        }
        let wf = case
            .workflow()
            .ok_or_else(|| invalid(format!("case {id} follows an unknown workflow")))?;
        let t = wf
            .take(&case.state, transition, &[user.role])
            .map_err(invalid)?;
        case.state = t.to.to_owned();
        case.steps.push(CaseStep {
            transition: t.name.to_owned(),
            by: user.username.clone(),
            on: clock.today(),
        });
        let record = case_record(id, &case);
        let version = tx.update_record(RecordKind::WorkflowCase, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{}", wf.id, t.name),
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
