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
use domain::permanence::panels::{
    Attendance, Forum, ForumKind, Meeting, check_meeting_can_be_created, is_quorate,
};
use domain::permanence::plan::{
    Gap, Lifecycle, Pathway, PermanencePlan, RatificationContext, ratification_gaps,
};
use domain::permanence::plan_change::{Authorisation, Authority, ChangeOfPlan};
use domain::permanence::referrals::{
    AdmDecision, ItemType, Outcome, OutcomeError, PackDoc, PackEntry, ProposedOutcome, Referral,
    RepresentationRoute, Representer, check_listing, log_representation, record_outcome,
    required_pack,
};
use domain::permanence::tracking::{
    DriftReason, TrackingFacts, drift_reasons, needs_service_manager, next_milestone,
};
use domain::permanence::workflow::{self, Workflow};
use domain::time::Clock;
use serde::Serialize;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, StaffRepository, Store,
    StoreError, TrackingRow, Versioned,
};

use crate::AppError;

mod cases;
mod iro_issues;
mod panels;
mod plan;
mod plan_change;
mod referrals;
mod tracking;

pub use cases::*;
pub use iro_issues::*;
pub use panels::*;
pub use plan::*;
pub use plan_change::*;
pub use referrals::*;
pub use tracking::*;

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
