//! The permanence plan's use cases: opening a child's plan page (their Draft
//! plan on first opening, PLAN-001), editing it before ratification, moving it
//! along WF-PERM-PLAN through the ratification gate (PLAN-008), and recording
//! the activities the plan's deadlines and drift count (PLAN_ACTIVITIES).

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::codes::CodeList;
use domain::deadlines::{Event, EventKind};
use domain::journey::CareJourney;
use domain::permanence::assessment::validate_assessment_completion;
use domain::permanence::breakdown::came_back_after_breakdown;
use domain::permanence::cases::WorkflowCase;
use domain::permanence::pathways::{FamilyFindingRoute, family_finding_route};
use domain::permanence::plan::{
    Gap, Lifecycle, Pathway, PermanencePlan, PlanMove, RatificationContext, assessment_in_progress,
    ratification_gaps,
};
use domain::permanence::plan_tasks::{
    PartnerTask, Recipient, distribution_tasks, partner_input_tasks,
};
use domain::permanence::referrals::{Referral, ReferralTrigger, referral_for};
use domain::permanence::support::SupportPlan;
use domain::permanence::tracking::{
    DriftReason, drift_reasons, next_milestone, open_milestones, trajectory_gaps,
};
use domain::permanence::workflow::PERM_PLAN;
use domain::roles::Role;
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, StoreError, Versioned};

use super::{
    StoredChange, StoredIssue, actor_of, audit, ensure_may_see, invalid, issues_of, load_journey,
    next_id, pending_change, record_activities, referral_record, refresh_tracking, refused, stale,
    tracking_facts,
};
use crate::AppError;

/// The identifier of a child's plan version.
pub fn plan_id(child: &ChildId, plan_version: u32) -> String {
    format!("{child}-{plan_version:02}")
}

/// A plan as a stored record.
pub(super) fn plan_record(plan: &PermanencePlan) -> Record<PermanencePlan> {
    super::child_record(
        &plan_id(&plan.child_id, plan.plan_version),
        &plan.child_id,
        plan.lifecycle.code(),
        plan.ratified_on.map(|d| d.to_string()),
        plan,
    )
}

/// The child's current plan: the highest version not superseded.
pub(super) fn current_plan(
    tx: &mut store::Tx<'_>,
    child: &ChildId,
) -> Result<Option<Versioned<Record<PermanencePlan>>>, StoreError> {
    let mut current: Option<Versioned<Record<PermanencePlan>>> = None;
    for p in tx.records_of_child::<PermanencePlan>(RecordKind::Plan, child.as_str())? {
        if supersedes(
            &p.value.document,
            current.as_ref().map(|c| &c.value.document),
        ) {
            current = Some(p);
        }
    }
    Ok(current)
}

/// The child's current plan at the version the person saw.
pub(super) fn plan_at(
    tx: &mut store::Tx<'_>,
    child: &ChildId,
    expected_version: i64,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let current = current_plan(tx, child)?
        .ok_or_else(|| invalid("this child has no permanence plan yet: open it first"))?;
    if current.version != expected_version {
        return Err(stale(
            format!("the permanence plan of {child}"),
            expected_version,
            current.version,
        ));
    }
    Ok(current)
}

/// Whether `plan` takes over from `held` as the child's current plan: the
/// current plan is the highest version not superseded.
pub(super) fn supersedes(plan: &PermanencePlan, held: Option<&PermanencePlan>) -> bool {
    plan.lifecycle != Lifecycle::Superseded
        && held.is_none_or(|h| plan.plan_version > h.plan_version)
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
    /// The child's IRO issues (TRACK-012).
    pub issues: Vec<StoredIssue>,
    /// The child's cases of the chapter's other workflows.
    pub cases: Vec<Versioned<Record<WorkflowCase>>>,
    /// The child's open drift reasons today (TRACK-002).
    pub drift: Vec<DriftReason>,
    /// The plan's next milestone and its due date.
    pub next_milestone: Option<(String, NaiveDate)>,
    /// What the partners are asked for because the plan lacks their input
    /// (PLAN-013): the Virtual School's education contribution, the health
    /// practitioner's.
    pub partner_tasks: Vec<PartnerTask>,
    /// The milestones still open, each with its due date: permanence is
    /// recorded as achieved only when none is, or by a manager's override.
    pub open_milestones: Vec<(String, NaiveDate)>,
    /// The trajectory's milestones whose variance today has no reason
    /// (TRACK-004): a review cannot be finalised while any is listed.
    pub trajectory_gaps: Vec<Gap>,
    /// The support plan linked to the plan, when it is a record of this
    /// child (PLAN-010).
    pub support: Option<Versioned<Record<SupportPlan>>>,
    /// The Contact Agreement linked to the plan, when it is a record of
    /// this child (DATA-009).
    pub contact: Option<domain::permanence::support::ContactAgreement>,
}

pub(super) fn context_for(
    journey: &CareJourney,
    plan: &PermanencePlan,
    on: NaiveDate,
) -> RatificationContext {
    let age = domain::time::age_on(journey.child().date_of_birth, on);
    let in_proceedings = journey
        .current_episode()
        .is_some_and(|e| e.legal_status.code() == "C1");
    let recorded = |kind: EventKind| journey.activities().iter().any(|e| e.kind == kind);
    RatificationContext {
        has_siblings: !journey.siblings().is_empty(),
        school_age: (5..16).contains(&age),
        assessment_in_progress: assessment_in_progress(journey.activities(), on),
        in_proceedings: in_proceedings || plan.court.is_some(),
        education_contribution: recorded(EventKind::PersonalEducationPlan),
        health_contribution: recorded(EventKind::HealthAssessment),
        team_missing: Vec::new(),
        after_breakdown: false,
    }
}

/// Opens a child's permanence plan page (auditing the read as a view of
/// the child's record): the plan, its history, gaps and drift, the child's
/// referrals, change of plan, IRO issues and cases. A child in care with no
/// plan yet gets their Draft plan (PLAN-001).
pub fn open_plan(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<PlanView, AppError> {
    let actor = actor_of(user, from);
    // A refusal is saved too, so the transaction answers Ok(Err(..)).
    store.write(|tx| -> Result<Result<PlanView, AppError>, AppError> {
        let seen = crate::may_see_child(tx, user, child)?;
        let action = if seen {
            "view_plan"
        } else {
            "view_plan_denied"
        };
        let view = if seen {
            Some(plan_view(tx, clock, child)?)
        } else {
            None
        };
        tx.append(&audit(
            &actor,
            clock,
            action.into(),
            crate::CHILD_RECORD,
            child.as_str(),
            serde_json::json!({}),
        ))?;
        Ok(view.ok_or(AppError::Forbidden("open this child's plan")))
    })?
}

/// The child's plan (their Draft plan if they have none yet), with what the
/// plan page shows around it.
fn plan_view(
    tx: &mut store::Tx<'_>,
    clock: &dyn Clock,
    child: &ChildId,
) -> Result<PlanView, AppError> {
    let journey = load_journey(tx, child)?;
    let plan = match current_plan(tx, child)? {
        Some(p) => p,
        None => draft_plan(tx, &journey, clock)?,
    };
    let doc = &plan.value.document;
    let history = tx
        .records_of_child::<PermanencePlan>(RecordKind::Plan, child.as_str())?
        .into_iter()
        .map(|p| p.value.document)
        .filter(|p| p.plan_version != doc.plan_version)
        .collect();
    let referrals = tx.records_of_child(RecordKind::Referral, child.as_str())?;
    let docs: Vec<Referral> = referrals
        .iter()
        .map(|r: &Versioned<Record<Referral>>| r.value.document.clone())
        .collect();
    let facts = tracking_facts(&journey.value, Some(doc), &docs);
    let today = clock.today();
    let (drift, next_milestone) = if journey.value.current_episode().is_some() {
        (drift_reasons(&facts, today), next_milestone(&facts, today))
    } else {
        (Vec::new(), None)
    };
    let open_milestones = open_milestones(&facts, today);
    let gated = super::support::as_gated(tx, doc)?;
    let mut ctx = context_for(&journey.value, doc, today);
    ctx.team_missing = super::team::team_missing(tx, child, today)?;
    ctx.after_breakdown = came_back_after_breakdown(&tx.census_of(child)?);
    let gaps = ratification_gaps(&gated, &ctx);
    let support = super::support::linked_support_plan(tx, doc)?;
    let contact = super::support::linked_contact_agreement(tx, doc)?;
    Ok(PlanView {
        support,
        contact,
        partner_tasks: partner_input_tasks(&gaps),
        gaps,
        change: pending_change(tx, child)?,
        issues: issues_of(tx, clock, child)?,
        cases: tx.records_of_child(RecordKind::WorkflowCase, child.as_str())?,
        history,
        referrals,
        drift,
        next_milestone,
        open_milestones,
        trajectory_gaps: trajectory_gaps(&doc.trajectory, today),
        journey,
        plan,
    })
}

/// Saves a child's Draft plan, from the start of their period of care and
/// owned by their allocated worker (PLAN-001).
fn draft_plan(
    tx: &mut store::Tx<'_>,
    journey: &Versioned<CareJourney>,
    clock: &dyn Clock,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let j = &journey.value;
    let start = j.periods_of_care().last().map_or(clock.today(), |p| p.0);
    let owner = j
        .social_workers()
        .last()
        .map_or_else(String::new, |s| s.worker_id.clone());
    let legal_status = j
        .current_episode()
        .or(j.episodes().last())
        .map(|e| e.legal_status)
        .ok_or_else(|| {
            invalid("the child has never been looked after: there is no plan to draft")
        })?;
    // PLAN-001, PRIN-018: whatever the legal status, the episode opens the Draft plan.
    let draft = domain::permanence::reviews::open_looked_after_episode(
        &domain::permanence::reviews::EpisodeStart {
            child_id: j.id().clone(),
            start,
            legal_status,
            allocated_social_worker: owner,
        },
    )
    .plan;
    tx.insert_records(RecordKind::Plan, &[plan_record(&draft)])?;
    refresh_tracking(tx, j)?;
    tx.record(RecordKind::Plan, &plan_id(j.id(), 1))?
        .ok_or_else(|| invalid("the draft plan was not saved"))
}

/// Copies the content fields of `new` into `plan`, leaving its identity,
/// lifecycle, stage and dates alone, and its linked support plan: that is
/// linked by recording the support plan (PLAN-010).
fn replace_contents(plan: &mut PermanencePlan, new: PermanencePlan) {
    plan.pathway = new.pathway;
    plan.legal_route = new.legal_route;
    plan.timeframe = new.timeframe;
    plan.firmness = new.firmness;
    plan.appraisal = new.appraisal;
    plan.objectives = new.objectives;
    plan.steps = new.steps;
    plan.contact_agreement = new.contact_agreement;
    plan.sibling_assessment = new.sibling_assessment;
    plan.identity = new.identity;
    plan.child_voice = new.child_voice;
    plan.carer_views = new.carer_views;
    plan.parallel = new.parallel;
    plan.court = new.court;
    // An approval of the exceptional needs is given only by
    // `approve_exceptional` and stands while the evidence is unchanged.
    plan.exceptional = new
        .exceptional
        .map(|e| e.revised(plan.exceptional.as_ref()));
    plan.local_rationale = new.local_rationale;
    plan.return_to_family = new.return_to_family;
}

/// Edits the contents of a plan that is not yet ratified. Audited with the
/// plan's version, never the text.
pub fn edit_plan(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    contents: PermanencePlan,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "change this child's plan")?;
        let current = plan_at(tx, child, expected_version)?;
        let mut plan = current.value.document;
        plan.check_move(user, PlanMove::Edit).map_err(refused)?;
        domain::permanence::assessment::check_pathway_edit(&plan, &contents).map_err(invalid)?;
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

/// PRIN-003: a service manager (or head of service) approves the
/// exceptional needs behind a non-family plan not yet ratified, at the
/// version they saw. Audited with the plan's version, never the evidence.
pub fn approve_exceptional(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "approve this child's plan")?;
        let mut plan = plan_at(tx, child, expected_version)?.value.document;
        plan.approve_exceptional(user, clock.today())
            .map_err(refused)?;
        let record = plan_record(&plan);
        let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.approve_exceptional", PERM_PLAN.id),
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
    child: &ChildId,
    expected_version: i64,
    input: StepInput,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    let on = input.on.unwrap_or_else(|| clock.today());
    if on > clock.today() {
        return Err(invalid(format!("the date {on} is in the future")));
    }
    store.write(|tx| {
        ensure_may_see(tx, user, child, "change this child's plan")?;
        let mut plan = plan_at(tx, child, expected_version)?.value.document;
        let t = PERM_PLAN.transition(&input.transition).ok_or_else(|| {
            invalid(format!(
                "{} has no step called \"{}\"",
                PERM_PLAN.id, input.transition
            ))
        })?;
        plan.check_move(user, PlanMove::Step(t.name))
            .map_err(refused)?;
        let (t, to) = PERM_PLAN
            .take_from(plan.stage, t.name, &[user.role])
            .map_err(invalid)?;
        let journey = load_journey(tx, child)?;
        if matches!(t.name, "put_forward" | "ratify") {
            let gated = super::support::as_gated(tx, &plan)?;
            let team_missing = super::team::team_missing(tx, child, on)?;
            let after_breakdown = came_back_after_breakdown(&tx.census_of(child)?);
            pass_the_gate(
                &gated,
                &journey.value,
                (on, t.name == "ratify"),
                (team_missing, after_breakdown),
            )?;
        }
        if matches!(t.name, "achieve" | "reverse_achieved") {
            return Err(invalid(
                "permanence achieved is recorded with its order or arrangement and date",
            ));
        }
        let (events, referral) = match t.name {
            "ratify" => ratify(&mut plan, &journey.value, on),
            _ => (Vec::new(), None),
        };
        plan.stage = to;
        let record = plan_record(&plan);
        let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
        let journey = if events.is_empty() {
            journey
        } else {
            record_activities(tx, clock, &journey, &events)?
        };
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{}", PERM_PLAN.id, t.name),
            "permanence_plan",
            &record.id,
            serde_json::json!({"to": to.code(), "on": on.to_string(), "pathway": plan.pathway.map(Pathway::code)}),
        ))?;
        if let Some(r) = referral {
            create_referral(tx, &actor, clock, &r)?;
        }
        refresh_tracking(tx, &journey.value)?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// Refuses to put forward or ratify a plan with a blocking gap, naming each
/// (PLAN-008).
fn pass_the_gate(
    plan: &PermanencePlan,
    journey: &CareJourney,
    (on, ratifying): (NaiveDate, bool),
    (team_missing, after_breakdown): (Vec<&'static str>, bool),
) -> Result<(), AppError> {
    let mut ctx = context_for(journey, plan, on);
    ctx.team_missing = team_missing;
    ctx.after_breakdown = after_breakdown;
    let blocking: Vec<String> = ratification_gaps(plan, &ctx)
        .iter()
        .filter(|g| g.blocking)
        .map(|g| format!("{} ({})", g.message, g.rule))
        .collect();
    if blocking.is_empty() {
        return Ok(());
    }
    Err(AppError::Invalid(format!(
        "The plan cannot be {}: {}",
        if ratifying { "ratified" } else { "put forward" },
        blocking.join("; ")
    )))
}

/// Ratifies the plan on `on`: long-term fostering is "ratified - subject to
/// Permanence Panel" and refers the plan to the panel (PANEL-009) to be
/// listed within 2 months (PANEL-010). Returns the events to record and
/// the referral to create.
fn ratify(
    plan: &mut PermanencePlan,
    journey: &CareJourney,
    on: NaiveDate,
) -> (Vec<Event>, Option<Referral>) {
    let ltf = plan.pathway == Some(Pathway::LongTermFostering);
    plan.lifecycle = if ltf {
        Lifecycle::RatifiedSubjectToPanel
    } else {
        Lifecycle::Ratified
    };
    plan.ratified_on = Some(on);
    plan.ratified_at_review = Some(reviews_in_period(journey, on));
    plan.distribution = distribution_tasks(on, &Recipient::ALL);
    plan.care_plan_updated = Some(on);
    let event = |kind| Event { kind, date: on };
    let mut events = vec![
        event(EventKind::PermanencePlanRatified),
        event(EventKind::CarePlanUpdated),
    ];
    if !ltf {
        return (events, None);
    }
    events.push(event(EventKind::LtfPlanAgreed));
    let mut r = ltf_referral(journey, ReferralTrigger::ReviewLtfPlan, on);
    r.needs.family_finding = matches!(
        family_finding_route(on, journey.placed_since()),
        FamilyFindingRoute::PackF { .. }
    );
    (events, Some(r))
}

/// The Permanence Panel referral a long-term fostering plan needs
/// (PANEL-009), with its list-by date (PANEL-010).
pub(super) fn ltf_referral(
    journey: &CareJourney,
    trigger: ReferralTrigger,
    on: NaiveDate,
) -> Referral {
    let mut r = referral_for(journey.id().clone(), trigger, on);
    r.needs.has_siblings = !journey.siblings().is_empty();
    r
}

/// Saves a new referral of the child's, audited as created.
pub(super) fn create_referral(
    tx: &mut store::Tx<'_>,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    r: &Referral,
) -> Result<String, AppError> {
    let id = next_id(tx, RecordKind::Referral, &r.child_id, 'R')?;
    tx.insert_records(RecordKind::Referral, &[referral_record(&id, r)])?;
    tx.append(&audit(
        actor,
        clock,
        "WF-PERM-PANEL.create".into(),
        "panel_referral",
        &id,
        serde_json::json!({"item": r.item.code(), "trigger": r.trigger, "list_by": r.list_by.map(|d| d.to_string()), "out_of_area": r.carer_out_of_area}),
    ))?;
    Ok(id)
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

/// Records that the ratified plan was sent to `recipients` on `on`
/// (PLAN-012); once everyone has it, the plan's distribution is recorded on
/// the journey for the deadline. Audited with the recipients' codes.
#[allow(clippy::too_many_arguments)]
pub fn record_distribution(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    recipients: &[Recipient],
    on: NaiveDate,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    if !user.may(Permission::WorkOnPlans) {
        return Err(AppError::Forbidden("record for this child"));
    }
    if recipients.is_empty() {
        return Err(invalid("tick who the plan was sent to"));
    }
    if on > clock.today() {
        return Err(invalid(format!("the date {on} is in the future")));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record for this child")?;
        let mut plan = plan_at(tx, child, expected_version)?.value.document;
        if plan.distribution.is_empty() {
            return Err(invalid("the plan is sent once it is ratified"));
        }
        if plan.ratified_on.is_some_and(|r| on < r) {
            return Err(invalid("the date is before the plan was ratified"));
        }
        for task in plan
            .distribution
            .iter_mut()
            .filter(|t| recipients.contains(&t.recipient))
        {
            task.sent = Some(on);
        }
        let record = plan_record(&plan);
        let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
        let mut journey = load_journey(tx, child)?;
        if plan.distribution.iter().all(|t| t.sent.is_some()) {
            let event = Event {
                kind: EventKind::PermanencePlanDistributed,
                date: on,
            };
            journey = record_activities(tx, clock, &journey, &[event])?;
        }
        let codes: Vec<&str> = recipients.iter().map(|r| r.code()).collect();
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.distribute", PERM_PLAN.id),
            "permanence_plan",
            &record.id,
            serde_json::json!({"recipients": codes, "on": on.to_string()}),
        ))?;
        refresh_tracking(tx, &journey.value)?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// The things a plan's page records that the deadline rules and the drift
/// list count, each with the rule that asks for it.
pub const PLAN_ACTIVITIES: &[(EventKind, &str)] = &[
    (EventKind::PermanenceDiscussionRecorded, "PLAN-002"),
    (EventKind::PermanenceAssessmentStarted, "PLAN-003"),
    (EventKind::PermanenceAssessmentCompleted, "PLAN-003"),
    (EventKind::LifeStoryWorkStarted, "PRIN-007"),
    (EventKind::ComplaintsInformationGiven, "PRIN-009"),
    (EventKind::CarerInformationShared, "PRIN-010"),
    (EventKind::PermanencePlanDistributed, "PLAN-012"),
    (EventKind::CarePlanUpdated, "PLAN-015"),
    (EventKind::PermanentOrderAdviceOffered, "PRIN-020"),
    (EventKind::SupervisionDiscussion, "TRACK-016"),
    (EventKind::ServiceManagerOversight, "TRACK-003"),
];

/// Whether `user` records `kind` from the plan page: a service manager's
/// oversight (TRACK-003) only by a service manager or head of service.
pub fn may_record_activity(user: &User, kind: EventKind) -> bool {
    kind != EventKind::ServiceManagerOversight
        || matches!(user.role, Role::ServiceManager | Role::HeadOfService)
}

/// Records one of [`PLAN_ACTIVITIES`] for a child on a date: on the journey
/// (so deadlines see it) and in the tracking facts, audited.
pub fn record_plan_activity(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    kind: EventKind,
    on: NaiveDate,
    from: &str,
) -> Result<(), AppError> {
    if !user.may(Permission::WorkOnPlans) {
        return Err(AppError::Forbidden("record for this child"));
    }
    if !PLAN_ACTIVITIES.iter().any(|(k, _)| *k == kind) {
        return Err(invalid(format!(
            "\"{}\" is not recorded from the plan",
            kind.label()
        )));
    }
    if !may_record_activity(user, kind) {
        return Err(AppError::Forbidden(
            "record a service manager's oversight (only a service manager may)",
        ));
    }
    if on > clock.today() {
        return Err(invalid(format!("the date {on} is in the future")));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record for this child")?;
        let journey = load_journey(tx, child)?;
        if kind == EventKind::PermanenceAssessmentCompleted {
            check_chronology(tx, child, &journey.value, on)?;
        }
        let journey = record_activities(tx, clock, &journey, &[Event { kind, date: on }])?;
        tx.append(&audit(
            &actor,
            clock,
            "record_activity".into(),
            crate::CHILD_RECORD,
            child.as_str(),
            serde_json::json!({"activity": kind.name(), "date": on.to_string()}),
        ))?;
        refresh_tracking(tx, &journey.value)?;
        Ok(())
    })
}

/// DATA-004: the assessment started last (by `on`) completes only once the
/// child's chronology was updated (a case note written) on or after its start.
fn check_chronology(
    tx: &mut store::Tx<'_>,
    child: &ChildId,
    journey: &CareJourney,
    on: NaiveDate,
) -> Result<(), AppError> {
    let Some(started) = journey
        .activities()
        .iter()
        .filter(|e| e.kind == EventKind::PermanenceAssessmentStarted && e.date <= on)
        .map(|e| e.date)
        .max()
    else {
        return Ok(());
    };
    let updated = tx
        .records_of_child::<domain::casework::notes::CaseNote>(
            RecordKind::CaseNote,
            child.as_str(),
        )?
        .into_iter()
        .map(|n| n.value.document.written_on)
        .max();
    validate_assessment_completion(started, updated).map_err(invalid)
}
