//! Recording, amending and withdrawing the activities the deadline rules
//! are met by (TRACK-015 visits, KPI-CIC-10 health assessments, EDU-010
//! PEPs ...). Each activity is a versioned record of its own (its answers,
//! who recorded it, every change with its reason) and an event on the
//! child's journey, which the deadline engine counts: both change in one
//! transaction, with the audit event. Audit details hold codes and dates,
//! never the reasons people type.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::audit::Actor;
use domain::casework::activities::{
    ActivityRecord, ActivityState, Answers, Change, check_date, check_reason, may_record,
};
use domain::child::ChildId;
use domain::deadlines::{Event, EventKind};
use domain::journey::CareJourney;
use domain::time::Clock;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store, Versioned,
};

use crate::AppError;

/// An activity record at its version.
pub type Activity = Versioned<Record<ActivityRecord>>;

/// What a person enters to record or amend an activity.
#[derive(Debug, Clone)]
pub struct ActivityInput {
    pub kind: EventKind,
    pub date: NaiveDate,
    pub answers: Answers,
}

fn audit(
    user: &User,
    clock: &dyn Clock,
    from: &str,
    action: &str,
    child: &str,
    details: serde_json::Value,
) -> domain::audit::AuditEvent {
    let mut details = details;
    if let serde_json::Value::Object(map) = &mut details {
        map.insert("from".into(), serde_json::Value::String(from.to_owned()));
    }
    domain::audit::AuditEvent {
        at: clock.now(),
        actor: Actor::new(user.username.clone()).user_id,
        action: action.to_owned(),
        record_type: crate::CHILD_RECORD.to_owned(),
        record_id: child.to_owned(),
        details: details.to_string(),
    }
}

/// Refuses a user who does not record this kind of activity, or may not see the child.
fn ensure_records(
    tx: &mut store::Tx<'_>,
    user: &User,
    child: &ChildId,
    kind: EventKind,
) -> Result<(), AppError> {
    if !user.may(Permission::RecordActivities) || !may_record(user.role, kind) {
        return Err(AppError::Forbidden("record this activity"));
    }
    if !crate::may_see_child(tx, user, child)? {
        return Err(AppError::Forbidden("record for this child"));
    }
    Ok(())
}

fn journey_of(tx: &mut store::Tx<'_>, child: &ChildId) -> Result<Versioned<CareJourney>, AppError> {
    tx.journey(child)?
        .ok_or_else(|| AppError::ChildNotFound(child.clone()))
}

/// The journey with one event taken out (one occurrence) and another put
/// in, saved; the tracking facts follow.
fn move_event(
    tx: &mut store::Tx<'_>,
    clock: &dyn Clock,
    child: &ChildId,
    out: Option<Event>,
    into: Option<Event>,
) -> Result<(), AppError> {
    let journey = journey_of(tx, child)?;
    let mut events = journey.value.activities().to_vec();
    if let Some(out) = out
        && let Some(i) = events.iter().position(|e| *e == out)
    {
        events.remove(i);
    }
    events.extend(into);
    let next = journey
        .value
        .clone()
        .with_activities(events, clock.today())?;
    tx.update_journey(&next, journey.version, clock.now())?;
    crate::permanence::refresh_tracking(tx, &next)?;
    Ok(())
}

fn activity_at(tx: &mut store::Tx<'_>, id: &str, version: i64) -> Result<Activity, AppError> {
    let found = tx
        .record::<ActivityRecord>(RecordKind::Activity, id)?
        .ok_or_else(|| AppError::NotFound(format!("activity {id}")))?;
    if found.version != version {
        return Err(store::StoreError::Stale {
            record: format!("activity {id}"),
            expected: version,
            found: found.version,
        }
        .into());
    }
    Ok(found)
}

fn kind_of(record: &ActivityRecord) -> Result<EventKind, AppError> {
    record
        .event_kind()
        .ok_or_else(|| AppError::Invalid(format!("unknown activity {}", record.kind)))
}

/// Records an activity for a child (TRACK-015 a visit, KPI-CIC-10 a health
/// assessment ...): the record and the journey's event, audited; returns
/// the record's identifier.
pub fn record_activity(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    input: ActivityInput,
    from: &str,
) -> Result<String, AppError> {
    store.write(|tx| {
        ensure_records(tx, user, child, input.kind)?;
        let journey = journey_of(tx, child)?;
        check_date(input.date, clock.today(), journey.value.child().date_of_birth)
            .map_err(AppError::Invalid)?;
        let n = tx
            .records_of_child::<serde_json::Value>(RecordKind::Activity, child.as_str())?
            .len();
        let id = format!("{child}-V{:02}", n + 1);
        let record = ActivityRecord {
            child_id: child.to_string(),
            kind: input.kind.name().to_owned(),
            date: input.date,
            answers: input.answers.clone(),
            recorded_by: user.username.clone(),
            recorded_on: clock.today(),
            state: ActivityState::Recorded,
            changes: Vec::new(),
        };
        tx.insert_records(RecordKind::Activity, &[as_record(&id, &record)])?;
        move_event(
            tx,
            clock,
            child,
            None,
            // VISIT-010: a flagged visit meets no deadline.
            input.answers.flag().is_none().then_some(Event {
                kind: input.kind,
                date: input.date,
            }),
        )?;
        tx.append(&audit(
            user,
            clock,
            from,
            "record_activity",
            child.as_str(),
            serde_json::json!({"id": id, "activity": input.kind.name(), "date": input.date.to_string()}),
        ))?;
        Ok(id)
    })
}

fn as_record(id: &str, record: &ActivityRecord) -> Record<ActivityRecord> {
    Record {
        id: id.to_owned(),
        child_id: Some(record.child_id.clone()),
        stage: record.state.code().to_owned(),
        key_date: Some(record.date.to_string()),
        document: record.clone(),
    }
}

/// Amends a recorded activity's date or answers, with the reason, if it is
/// still at the version the person saw: the journey's event moves with it,
/// so the deadlines it met or starts move too.
#[allow(clippy::too_many_arguments)]
pub fn amend_activity(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    version: i64,
    date: NaiveDate,
    answers: Answers,
    reason: &str,
    from: &str,
) -> Result<i64, AppError> {
    let reason = check_reason(reason, "amended").map_err(AppError::Invalid)?;
    store.write(|tx| {
        let found = activity_at(tx, id, version)?;
        let mut record = found.value.document.clone();
        let kind = kind_of(&record)?;
        let child = ChildId::parse(&record.child_id).map_err(|e| AppError::Invalid(e.to_string()))?;
        ensure_records(tx, user, &child, kind)?;
        if record.state == ActivityState::Withdrawn {
            return Err(AppError::Invalid("A withdrawn activity cannot be amended".into()));
        }
        let journey = journey_of(tx, &child)?;
        check_date(date, clock.today(), journey.value.child().date_of_birth)
            .map_err(AppError::Invalid)?;
        let before = record.date;
        // VISIT-010: the event stands only for a visit that is not flagged.
        let counted_before = record.answers.flag().is_none();
        let counted = answers.flag().is_none();
        record.changes.push(Change {
            what: "amended".into(),
            on: clock.today(),
            by: user.username.clone(),
            reason,
            date_before: (before != date).then_some(before),
        });
        record.date = date;
        record.answers = answers;
        let new_version = tx.update_record(RecordKind::Activity, &as_record(id, &record), version)?;
        if before != date || counted_before != counted {
            move_event(
                tx,
                clock,
                &child,
                counted_before.then_some(Event { kind, date: before }),
                counted.then_some(Event { kind, date }),
            )?;
        }
        tx.append(&audit(
            user,
            clock,
            from,
            "amend_activity",
            child.as_str(),
            serde_json::json!({"id": id, "activity": kind.name(), "date": date.to_string(), "date_before": before.to_string()}),
        ))?;
        Ok(new_version)
    })
}

/// Withdraws a recorded activity (recorded in error), with the reason: the
/// record stays, marked withdrawn; the journey's event goes, so a deadline
/// it met is open again.
pub fn withdraw_activity(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    version: i64,
    reason: &str,
    from: &str,
) -> Result<i64, AppError> {
    let reason = check_reason(reason, "withdrawn").map_err(AppError::Invalid)?;
    store.write(|tx| {
        let found = activity_at(tx, id, version)?;
        let mut record = found.value.document.clone();
        let kind = kind_of(&record)?;
        let child =
            ChildId::parse(&record.child_id).map_err(|e| AppError::Invalid(e.to_string()))?;
        ensure_records(tx, user, &child, kind)?;
        if record.state == ActivityState::Withdrawn {
            return Err(AppError::Invalid(
                "The activity was already withdrawn".into(),
            ));
        }
        let counted = record.answers.flag().is_none();
        record.state = ActivityState::Withdrawn;
        record.changes.push(Change {
            what: "withdrawn".into(),
            on: clock.today(),
            by: user.username.clone(),
            reason,
            date_before: None,
        });
        let new_version =
            tx.update_record(RecordKind::Activity, &as_record(id, &record), version)?;
        move_event(
            tx,
            clock,
            &child,
            counted.then_some(Event {
                kind,
                date: record.date,
            }),
            None,
        )?;
        tx.append(&audit(
            user,
            clock,
            from,
            "withdraw_activity",
            child.as_str(),
            serde_json::json!({"id": id, "activity": kind.name(), "date": record.date.to_string()}),
        ))?;
        Ok(new_version)
    })
}

/// A child's journey and recorded activities (newest first), for a user
/// who may see the child; the read is audited.
pub fn child_activities(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<(Versioned<CareJourney>, Vec<Activity>), AppError> {
    crate::read_child_record(store, (user, clock, from), child, "view_activities", |tx| {
        let journey = journey_of(tx, child)?;
        let mut activities =
            tx.records_of_child::<ActivityRecord>(RecordKind::Activity, child.as_str())?;
        activities.sort_by_key(|a| std::cmp::Reverse(a.value.document.date));
        Ok((journey, activities))
    })
}

/// One recorded activity with the child's journey, for a user who may see
/// the child; the read is audited.
pub fn open_activity(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<(Versioned<CareJourney>, Activity), AppError> {
    let found = store
        .read(|tx| tx.record::<ActivityRecord>(RecordKind::Activity, id))?
        .ok_or_else(|| AppError::NotFound(format!("activity {id}")))?;
    let child = ChildId::parse(&found.value.document.child_id)
        .map_err(|e| AppError::Invalid(e.to_string()))?;
    crate::read_child_record(store, (user, clock, from), &child, "view_activity", |tx| {
        let journey = journey_of(tx, &child)?;
        let activity = tx
            .record::<ActivityRecord>(RecordKind::Activity, id)?
            .ok_or_else(|| AppError::NotFound(format!("activity {id}")))?;
        Ok((journey, activity))
    })
}
