//! Permanence planning use cases, one file per topic with the same names as
//! `domain::permanence` and `web::permanence`: the plan (`plan.rs`) and a
//! change of it (`plan_change.rs`), panel referrals (`referrals.rs`), the
//! panels and their meetings (`panels.rs`), the tracking list (`tracking.rs`),
//! IRO issues (`iro_issues.rs`), permanence achieved (`achieved.rs`) and the
//! chapter's other workflows (`cases.rs`).
//!
//! Every move is a named transition of a workflow in
//! [`domain::permanence::workflow`]; whether the user may take it is asked of
//! the record's `check_move` in domain (the same answer the page shows), and
//! it is saved with an audit event named `<workflow>.<transition>` in the
//! same transaction. Audit details hold codes and dates only. Timers reach
//! the deadline engine as activities recorded on the child's journey.

use domain::access::User;
use domain::audit::{Actor, AuditEvent};
use domain::child::ChildId;
use domain::deadlines::Event;
use domain::journey::CareJourney;
use domain::permanence::panels::{Forum, Meeting};
use domain::permanence::plan::PermanencePlan;
use domain::permanence::referrals::Referral;
use domain::permanence::workflow::Refusal;
use domain::time::Clock;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store, Versioned,
};

use crate::AppError;

mod achieved;
mod adoption_plan;
mod adoption_support;
mod appraisal;
mod cases;
mod cdm;
mod family_finding;
mod governance;
mod iro_issues;
mod panels;
mod paper_quality;
mod placements;
mod plan;
mod plan_change;
mod referrals;
mod sharing;
mod support;
mod team;
mod tracking;
mod trajectory;

pub use achieved::*;
pub use adoption_plan::*;
pub use adoption_support::*;
pub use appraisal::*;
pub use cases::*;
pub use cdm::*;
pub use family_finding::*;
pub use governance::*;
pub use iro_issues::*;
pub use panels::*;
pub use paper_quality::*;
pub use placements::*;
pub use plan::*;
pub use plan_change::*;
pub use referrals::*;
pub use sharing::*;
pub use support::*;
pub use team::*;
pub use tracking::*;
pub use trajectory::*;

/// An audit event for a permanence record, with where the request came from.
pub(crate) fn audit(
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

pub(crate) fn actor_of(user: &User, from: &str) -> Actor {
    Actor::new(user.username.clone()).from_address(from)
}

pub(crate) fn stale(record: String, expected: i64, found: i64) -> AppError {
    store::StoreError::Stale {
        record,
        expected,
        found,
    }
    .into()
}

pub(crate) fn invalid(e: impl std::fmt::Display) -> AppError {
    AppError::Invalid(e.to_string())
}

/// A refusal from a record's `check_move`, as the use case's error.
pub(crate) fn refused(r: Refusal) -> AppError {
    match r {
        Refusal::Forbidden(what) => AppError::Forbidden(what),
        Refusal::NotNow(why) => AppError::Invalid(why),
    }
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
        .ok_or_else(|| AppError::NotFound(format!("{what} {id}")))?;
    if r.version != expected_version {
        return Err(stale(format!("{what} {id}"), expected_version, r.version));
    }
    Ok(r)
}

/// A record naming a child, with the columns its lists filter on.
pub(crate) fn child_record<T: Clone>(
    id: &str,
    child: &ChildId,
    stage: &str,
    key_date: Option<String>,
    document: &T,
) -> Record<T> {
    Record {
        id: id.to_owned(),
        child_id: Some(child.as_str().to_owned()),
        stage: stage.to_owned(),
        key_date,
        document: document.clone(),
    }
}

/// The identifier of a child's next record of a kind: the child's
/// identifier, the kind's letter and a two-digit number (`C1-R02`).
pub(crate) fn next_id(
    tx: &mut store::Tx<'_>,
    kind: RecordKind,
    child: &ChildId,
    letter: char,
) -> Result<String, AppError> {
    let n = tx
        .records_of_child::<serde_json::Value>(kind, child.as_str())?
        .len();
    Ok(format!("{child}-{letter}{:02}", n + 1))
}

pub(crate) fn load_journey(
    tx: &mut store::Tx<'_>,
    child: &ChildId,
) -> Result<Versioned<CareJourney>, AppError> {
    tx.journey(child)?
        .ok_or_else(|| AppError::ChildNotFound(child.clone()))
}

/// Refuses, with `what` they may not do, a user who may not see this
/// child's records (team roles see their team's children only).
pub(crate) fn ensure_may_see(
    tx: &mut store::Tx<'_>,
    user: &User,
    child: &ChildId,
    what: &'static str,
) -> Result<(), AppError> {
    if crate::may_see_child(tx, user, child)? {
        Ok(())
    } else {
        Err(AppError::Forbidden(what))
    }
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
    store.write(|tx| load_permanence_in(tx, actor, clock, forum, plans, referrals, meetings))
}

/// [`load_permanence`] within the caller's transaction, the tracking list
/// rebuilt in it.
pub(crate) fn load_permanence_in(
    tx: &mut store::Tx<'_>,
    actor: &Actor,
    clock: &dyn Clock,
    forum: Option<&Forum>,
    plans: &[PermanencePlan],
    referrals: &[(String, Referral)],
    meetings: &[Meeting],
) -> Result<usize, AppError> {
    if let Some(f) = forum {
        panels::configure_forum_in(tx, actor, clock, f)?;
    }
    let plan_records: Vec<_> = plans.iter().map(plan_record).collect();
    tx.insert_records(RecordKind::Plan, &plan_records)?;
    let referral_records: Vec<_> = referrals
        .iter()
        .map(|(id, r)| referral_record(id, r))
        .collect();
    tx.insert_records(RecordKind::Referral, &referral_records)?;
    let meeting_records: Vec<_> = meetings
        .iter()
        .map(|m| meeting_record(&m.id(), m))
        .collect();
    tx.insert_records(RecordKind::Meeting, &meeting_records)?;
    tx.append(&audit(
        actor,
        clock,
        "load_permanence".into(),
        "permanence",
        "council",
        serde_json::json!({"plans": plans.len(), "referrals": referrals.len(), "meetings": meetings.len()}),
    ))?;
    rebuild_tracking_in(tx)?;
    Ok(plans.len())
}
