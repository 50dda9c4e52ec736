//! IRO issues (TRACK-012, TRACK-013, WF-IRO-ESCALATION): raising one,
//! answering, escalating, resolving or referring it to Cafcass, and the
//! automatic escalation of a stage that did not answer in time; the IRO's
//! monitoring at a review (outcome progress, TRACK-006; the open drift
//! reasons, TRACK-012) and its totals.

use chrono::NaiveDate;
use domain::access::User;
use domain::audit::Actor;
use domain::child::ChildId;
use domain::codes::PlacementGroup;
use domain::deadlines::{Event, EventKind};
use domain::permanence::iro_issues::{CarePlanCheck, IroIssue, IroStage, IssueMove, check_raise};
use domain::permanence::pathways::{
    ReviewPathwayFacts, StayingPutIntention, review_finalisation_gaps,
};
use domain::permanence::plan::{OutcomeArea, Pathway};
use domain::permanence::referrals::Referral;
use domain::permanence::tracking::{
    DriftCode, IssueResolution, Progress, ReviewMonitoring, drift_reasons, outcome_totals,
    review_issues, review_monitoring_gaps,
};
use domain::time::Clock;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store, Versioned,
};

use super::{
    actor_of, audit, ensure_may_see, invalid, load_journey, next_id, record_activities, record_at,
    refused,
};
use crate::AppError;

/// An IRO issue with its identifier and version.
pub type StoredIssue = Versioned<Record<IroIssue>>;

fn issue_record(id: &str, i: &IroIssue) -> Record<IroIssue> {
    super::child_record(
        id,
        &i.child_id,
        i.state().code(),
        Some(i.current().response_due.to_string()),
        i,
    )
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
    child: &ChildId,
    new: NewIssue,
    from: &str,
) -> Result<String, AppError> {
    let NewIssue {
        issue,
        action_required,
        stage,
    } = new;
    check_raise(user).map_err(refused)?;
    if issue.trim().is_empty() || action_required.trim().is_empty() {
        return Err(invalid("describe the issue and the action required"));
    }
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        ensure_may_see(tx, user, child, "raise an issue for this child")?;
        let journey = load_journey(tx, child)?;
        let i = IroIssue::raise(
            child.clone(),
            issue.trim(),
            action_required.trim(),
            stage,
            today,
        );
        let id = next_id(tx, RecordKind::IroIssue, child, 'I')?;
        tx.insert_records(RecordKind::IroIssue, &[issue_record(&id, &i)])?;
        let raised = Event {
            kind: EventKind::IroIssueRaised,
            date: today,
        };
        record_activities(tx, clock, &journey, &[raised])?;
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

impl IssueAction {
    /// The move the action takes, as [`IroIssue::check_move`] knows it.
    pub fn kind(&self) -> IssueMove {
        match self {
            IssueAction::Escalate => IssueMove::Escalate,
            IssueAction::Respond => IssueMove::Respond,
            IssueAction::Resolve => IssueMove::Resolve,
            IssueAction::ReferToCafcass(_) => IssueMove::ReferToCafcass,
        }
    }
}

/// A child's IRO issues, with the automatic escalations of stages that
/// passed their response date saved (and audited) first (TRACK-013).
pub fn iro_issues(
    store: &Store,
    clock: &dyn Clock,
    child: &ChildId,
) -> Result<Vec<StoredIssue>, AppError> {
    store.write(|tx| issues_of(tx, clock, child))
}

/// A child's IRO issues within the caller's transaction, escalated on
/// timeout first.
pub(super) fn issues_of(
    tx: &mut store::Tx<'_>,
    clock: &dyn Clock,
    child: &ChildId,
) -> Result<Vec<StoredIssue>, AppError> {
    let today = clock.today();
    let mut out = Vec::new();
    for stored in tx.records_of_child::<IroIssue>(RecordKind::IroIssue, child.as_str())? {
        let mut issue = stored.value.document.clone();
        let moves = if issue.is_closed() {
            Vec::new()
        } else {
            issue.apply_timeouts(today)
        };
        if moves.is_empty() {
            out.push(stored);
            continue;
        }
        let id = stored.value.id;
        let record = issue_record(&id, &issue);
        let version = tx.update_record(RecordKind::IroIssue, &record, stored.version)?;
        for m in &moves {
            tx.append(&audit(
                &Actor::new("system"),
                clock,
                "WF-IRO-ESCALATION.escalate_on_timeout".into(),
                "iro_issue",
                &id,
                serde_json::json!({"from": m.from.code(), "to": m.to.code(), "on": m.on.to_string()}),
            ))?;
        }
        out.push(Versioned {
            value: record,
            version,
        });
    }
    Ok(out)
}

/// Acts on an IRO issue, if [`IroIssue::check_move`] allows the user to.
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
        let mut issue = current.value.document;
        ensure_may_see(tx, user, &issue.child_id, "act on this child's IRO issue")?;
        issue.check_move(user, action.kind()).map_err(refused)?;
        let roles = [user.role];
        let (name, event) = match action {
            IssueAction::Escalate => {
                issue.escalate(today, &roles).map_err(invalid)?;
                ("escalate", Some(EventKind::IroIssueEscalated))
            }
            IssueAction::Respond => {
                issue.record_response(today);
                ("respond", Some(EventKind::IroStageResponse))
            }
            IssueAction::Resolve => {
                issue.resolve(today, &roles).map_err(invalid)?;
                ("resolve", Some(EventKind::IroIssueResolved))
            }
            IssueAction::ReferToCafcass(grounds) => {
                if grounds.trim().is_empty() {
                    return Err(invalid("give the grounds for the Cafcass referral"));
                }
                issue
                    .refer_to_cafcass(today, grounds.trim(), &roles)
                    .map_err(invalid)?;
                ("refer_cafcass", None)
            }
        };
        let record = issue_record(id, &issue);
        let version = tx.update_record(RecordKind::IroIssue, &record, expected_version)?;
        if let Some(kind) = event {
            let journey = load_journey(tx, &issue.child_id)?;
            record_activities(tx, clock, &journey, &[Event { kind, date: today }])?;
        }
        tx.append(&audit(
            &actor,
            clock,
            format!("WF-IRO-ESCALATION.{name}"),
            "iro_issue",
            id,
            serde_json::json!({"stage": issue.state().code()}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}

/// A Review of Arrangements' monitoring as the IRO records it, with the
/// child and the day it was held (TRACK-006, TRACK-012).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringRecord {
    pub child_id: ChildId,
    pub held: NaiveDate,
    pub monitoring: ReviewMonitoring,
    /// For a child in a children's home: step-down to family-based care
    /// was considered at the review (PATH-028).
    #[serde(default)]
    pub step_down_considered: bool,
    /// The Staying Put intention recorded at the review (PATH-029).
    #[serde(default)]
    pub staying_put: Option<StayingPutIntention>,
    /// ASSESS-018: whether the Care Plan reflects the child's current
    /// assessment of need, and whether a Children's Rights Officer was
    /// offered (none on a review recorded before the question was asked).
    #[serde(default)]
    pub care_plan: Option<CarePlanCheck>,
}

/// What the IRO records at a review: the child's progress in each outcome
/// area (TRACK-006) and an answer to each drift reason open that day
/// (TRACK-012).
#[derive(Debug, Clone)]
pub struct ReviewMonitoringInput {
    pub held: NaiveDate,
    pub progress: Vec<(OutcomeArea, Progress)>,
    pub answers: Vec<(DriftCode, IssueResolution)>,
    /// Step-down to family-based care considered (PATH-028).
    pub step_down_considered: bool,
    /// The Staying Put intention, from age 16 in long-term foster care
    /// (PATH-029).
    pub staying_put: Option<StayingPutIntention>,
    /// ASSESS-018: "Care Plan reflects current assessment" (yes or no),
    /// the action when no, and whether a Children's Rights Officer was
    /// offered; each is required.
    pub care_plan_reflects: Option<bool>,
    pub care_plan_action: String,
    pub rights_officer_offered: Option<bool>,
}

/// TRACK-006, TRACK-012: the IRO's monitoring at the child's review held on
/// `held`: progress in every outcome area (Education only for a child of
/// school age, 5 to 15, that day) and, for each drift reason open that day,
/// "resolved at review" or "open issue – escalate". Anything missing is
/// refused and nothing is saved, as is a review of a child in a children's
/// home without step-down to family-based care considered (PATH-028) or of a
/// child of 16 or over in long-term foster care without a Staying Put
/// intention (PATH-029), or without the IRO's answer whether the Care Plan
/// reflects the child's current assessment of need and whether a
/// Children's Rights Officer was offered (ASSESS-018); each escalated reason is raised as an IRO
/// issue at Stage 0 on the day of the review (WF-IRO-ESCALATION). Saves the
/// monitoring; returns the identifiers of the issues raised. Audited with
/// codes only.
pub fn record_review_monitoring(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    input: ReviewMonitoringInput,
    from: &str,
) -> Result<Vec<String>, AppError> {
    check_raise(user).map_err(refused)?;
    let held = input.held;
    if held > clock.today() {
        return Err(invalid("the review date is in the future"));
    }
    let care_plan = CarePlanCheck::answer(
        input.care_plan_reflects,
        &input.care_plan_action,
        input.rights_officer_offered,
    )
    .map_err(invalid)?;
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record this child's review")?;
        let journey = load_journey(tx, child)?;
        let age = domain::time::age_on(journey.value.child().date_of_birth, held);
        let plan = super::current_plan(tx, child)?.map(|p| p.value.document);
        let referrals: Vec<Referral> = tx
            .records_of_child::<Referral>(RecordKind::Referral, child.as_str())?
            .into_iter()
            .map(|r| r.value.document)
            .collect();
        let facts = super::tracking_facts(&journey.value, plan.as_ref(), &referrals);
        let mut issues = review_issues(&drift_reasons(&facts, held));
        for issue in &mut issues {
            issue.resolution = input
                .answers
                .iter()
                .find(|(code, _)| *code == issue.code)
                .map(|(_, r)| *r);
        }
        let review = ReviewMonitoring {
            school_age: (5..=15).contains(&age),
            outcome_progress: input.progress.iter().copied().collect(),
            issues,
            ..ReviewMonitoring::default()
        };
        let gaps: Vec<String> = review_monitoring_gaps(&review)
            .into_iter()
            .filter(|g| g.rule != "TRACK-011")
            .map(|g| g.message)
            .collect();
        if let Some(first) = gaps.first() {
            return Err(invalid(first));
        }
        let residential = journey.value.episodes().iter().any(|e| {
            e.covers(held) && e.placement.placement_type.group() == PlacementGroup::Residential
        });
        let pathway = ReviewPathwayFacts {
            held,
            child_born: journey.value.child().date_of_birth,
            residential,
            step_down_considered: input.step_down_considered,
            long_term_foster_care: plan.as_ref().is_some_and(|p| {
                p.pathway == Some(Pathway::LongTermFostering) && p.ratified_on.is_some()
            }),
            staying_put: input.staying_put,
        };
        if let Some(gap) = review_finalisation_gaps(&pathway).first() {
            return Err(invalid(&gap.message));
        }
        let mut ids = Vec::new();
        for raised in IroIssue::from_review(child, held, &review) {
            let id = next_id(tx, RecordKind::IroIssue, child, 'I')?;
            tx.insert_records(RecordKind::IroIssue, &[issue_record(&id, &raised)])?;
            ids.push(id);
        }
        if !ids.is_empty() {
            let raised = Event {
                kind: EventKind::IroIssueRaised,
                date: held,
            };
            record_activities(tx, clock, &journey, &[raised])?;
        }
        let answered: Vec<(String, IssueResolution)> = review
            .issues
            .iter()
            .filter_map(|i| Some((i.code.letter().to_string(), i.resolution?)))
            .collect();
        let record = MonitoringRecord {
            child_id: child.clone(),
            held,
            monitoring: review,
            step_down_considered: input.step_down_considered,
            staying_put: input.staying_put,
            care_plan: Some(care_plan.clone()),
        };
        let mid = next_id(tx, RecordKind::ReviewMonitoring, child, 'M')?;
        let stored = super::child_record(&mid, child, "held", Some(held.to_string()), &record);
        tx.insert_records(RecordKind::ReviewMonitoring, &[stored])?;
        tx.append(&audit(
            &actor,
            clock,
            "TRACK-012.review_monitoring".into(),
            "review_monitoring",
            &mid,
            serde_json::json!({
                "held": held.to_string(),
                "issues": answered,
                "raised": ids,
                "care_plan_reflects": care_plan.reflects_assessment,
                "rights_officer_offered": care_plan.rights_officer_offered,
            }),
        ))?;
        Ok(ids)
    })
}

/// TRACK-006: the reviews held in the financial year starting in April of
/// `year` (of the children the user may see, or all of them for those who
/// see the service's figures), counted by outcome area and progress, to
/// total across children.
pub fn outcome_progress_totals(
    store: &Store,
    user: &User,
    year: i32,
) -> Result<BTreeMap<(OutcomeArea, Progress), usize>, AppError> {
    use domain::access::ChildScope;
    let team = match user.child_scope() {
        ChildScope::Team(team) => Some(team),
        // Counts only: those who see the service's figures count every child.
        ChildScope::Everyone => None,
        ChildScope::NoOne if user.may(domain::access::Permission::ViewFigures) => None,
        ChildScope::NoOne => return Ok(BTreeMap::new()),
    };
    store.read(|tx| {
        let mut held = Vec::new();
        for r in tx.records::<MonitoringRecord>(RecordKind::ReviewMonitoring, None)? {
            let m = r.value.document;
            if super::financial_year(m.held) != year {
                continue;
            }
            if team.is_some() && tx.child_team(&m.child_id)? != team {
                continue;
            }
            held.push(m.monitoring);
        }
        Ok(outcome_totals(&held))
    })
}

/// Loads a council's IRO issues (demo data, imports) within the caller's
/// transaction, each at version 1.
pub(crate) fn load_iro_issues_in(
    tx: &mut store::Tx<'_>,
    issues: &[(String, IroIssue)],
) -> Result<(), AppError> {
    let records: Vec<_> = issues.iter().map(|(id, i)| issue_record(id, i)).collect();
    tx.insert_records(RecordKind::IroIssue, &records)?;
    Ok(())
}
