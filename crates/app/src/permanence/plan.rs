//! The permanence plan's use cases: opening a child's plan (their Draft
//! plan on first opening, PLAN-001), editing it before ratification, moving it
//! along WF-PERM-PLAN through the ratification gate (PLAN-008), and recording
//! the activities the plan's deadlines and drift count (PLAN_ACTIVITIES).

use super::*;

/// The identifier of a child's plan version.
pub fn plan_id(child: &str, plan_version: u32) -> String {
    format!("{child}-{plan_version:02}")
}

/// A plan as a stored record.
pub(super) fn plan_record(plan: &PermanencePlan) -> Record<PermanencePlan> {
    Record {
        id: plan_id(&plan.child_id, plan.plan_version),
        child_id: Some(plan.child_id.clone()),
        stage: plan.lifecycle.code().to_owned(),
        key_date: plan.ratified_on.map(|d| d.to_string()),
        document: plan.clone(),
    }
}

/// The child's current plan: the highest version not superseded.
pub(super) fn current_plan(
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
    /// The child's open drift reasons today (TRACK-002).
    pub drift: Vec<DriftReason>,
    /// The plan's next milestone and its due date.
    pub next_milestone: Option<(String, NaiveDate)>,
}

pub(super) fn context_for(
    journey: &CareJourney,
    plan: &PermanencePlan,
    on: NaiveDate,
) -> RatificationContext {
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
            (drift_reasons(&facts, today), next_milestone(&facts, today))
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
pub(super) fn replace_contents(plan: &mut PermanencePlan, new: PermanencePlan) {
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
pub(super) fn reviews_in_period(journey: &CareJourney, on: NaiveDate) -> u32 {
    let start = journey.periods_of_care().last().map(|p| p.0);
    journey
        .reviews()
        .iter()
        .filter(|r| start.is_none_or(|s| r.date >= s) && r.date <= on)
        .count() as u32
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
