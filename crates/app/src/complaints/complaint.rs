//! Receiving a complaint, taking the steps of WF-CMPL, and reading them:
//! the complaints manager and managers across the service see every
//! complaint, a team manager those about their team.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::audit::AuditEvent;
use domain::complaints::complaint::{CMPL, Complaint, NewComplaint, StepDetails};
use domain::permanence::workflow::Refusal;
use domain::roles::Role;
use domain::subjects::SubjectItem;
use domain::time::Clock;
use domain::worklist::Scope;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use crate::AppError;

/// The record type the audit events name.
pub const COMPLAINT_RECORD: &str = "complaint";

/// A complaint at its version.
pub type StoredComplaint = Versioned<Complaint>;

/// The team whose complaints a user sees: `None` for all of them.
pub(super) fn team_of(user: &User) -> Result<Option<String>, AppError> {
    if !user.may(Permission::WorkOnComplaints) {
        return Err(AppError::Forbidden("work on complaints"));
    }
    Ok(match user.role {
        Role::TeamManager => Some(user.team.clone().unwrap_or_default()),
        _ => None,
    })
}

pub(super) fn sees(team: &Option<String>, c: &Complaint) -> bool {
    team.as_ref().is_none_or(|t| *t == c.team)
}

pub(super) fn audit(
    user: &User,
    clock: &dyn Clock,
    action: &str,
    id: &str,
    details: serde_json::Value,
    from: &str,
) -> AuditEvent {
    let mut details = details;
    if let serde_json::Value::Object(map) = &mut details {
        map.insert("from".into(), serde_json::Value::String(from.to_owned()));
    }
    AuditEvent {
        at: clock.now(),
        actor: user.username.clone(),
        action: action.to_owned(),
        record_type: COMPLAINT_RECORD.to_owned(),
        record_id: id.to_owned(),
        details: details.to_string(),
    }
}

fn record_of(c: &Complaint) -> Record<Complaint> {
    Record {
        id: c.id.clone(),
        child_id: None,
        stage: c.stage.clone(),
        key_date: Some(c.received.to_string()),
        document: c.clone(),
    }
}

/// The complaints the user sees, open first then by date received;
/// audited as a list view (how many, never who).
pub fn list_complaints(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<StoredComplaint>, AppError> {
    let team = team_of(user)?;
    store.write(|tx| {
        let mut all: Vec<StoredComplaint> = tx
            .records::<Complaint>(RecordKind::Complaint, None)?
            .into_iter()
            .map(|r| Versioned {
                value: r.value.document,
                version: r.version,
            })
            .filter(|c| sees(&team, &c.value))
            .collect();
        all.sort_by_key(|c| (!c.value.is_open(), c.value.received, c.value.id.clone()));
        tx.append(&audit(
            user,
            clock,
            "view_complaints",
            "list",
            serde_json::json!({ "complaints": all.len() }),
            from,
        ))?;
        Ok::<_, AppError>(all)
    })
}

/// Opens a complaint, auditing the read (or the refusal).
pub fn open_complaint(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<StoredComplaint, AppError> {
    let team = team_of(user)?;
    let found = store.write(|tx| {
        let c = tx
            .record::<Complaint>(RecordKind::Complaint, id)?
            .ok_or_else(|| AppError::NotFound(format!("complaint {id}")))?;
        let sees = sees(&team, &c.value.document);
        let action = if sees {
            "view_complaint"
        } else {
            "view_complaint_denied"
        };
        tx.append(&audit(user, clock, action, id, serde_json::json!({}), from))?;
        Ok::<_, AppError>(sees.then_some(Versioned {
            value: c.value.document,
            version: c.version,
        }))
    })?;
    found.ok_or(AppError::Forbidden("open this complaint"))
}

/// Records a complaint received (Stage 1 starts, CMPL-005); returns its identifier.
pub fn receive_complaint(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    new: NewComplaint,
    from: &str,
) -> Result<String, AppError> {
    let team = team_of(user)?;
    if team.as_ref().is_some_and(|t| *t != new.team) {
        return Err(AppError::Invalid(
            "select your own team: a team manager records the complaints about their team".into(),
        ));
    }
    store.write(|tx| {
        let id = next_complaint_id(tx)?;
        let c = Complaint::receive(id.clone(), new, clock.today())
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        insert_received(tx, (user, clock, from), &c)?;
        Ok(id)
    })
}

/// The identifier the next complaint received takes.
pub(crate) fn next_complaint_id(tx: &mut store::Tx<'_>) -> Result<String, AppError> {
    let count = tx.records_count(RecordKind::Complaint)?;
    Ok(format!("CMP{:05}", count + 1))
}

/// Saves a complaint received, with its audit event, in the caller's
/// transaction (here, or a concern about support that became one: GEN-010).
pub(crate) fn insert_received(
    tx: &mut store::Tx<'_>,
    (user, clock, from): (&User, &dyn Clock, &str),
    c: &Complaint,
) -> Result<(), AppError> {
    tx.insert_records(RecordKind::Complaint, &[record_of(c)])?;
    tx.append(&audit(
        user,
        clock,
        "WF-CMPL.receive",
        &c.id,
        serde_json::json!({ "received": c.received, "team": c.team, "complainant": c.complainant_is, "subject": c.subject, "safeguarding": c.safeguarding }),
        from,
    ))?;
    Ok(())
}

/// Takes a step of a complaint seen at `version` on `date` with what it
/// records (a Stage 2 request's investigators, a Stage 3 panel, a route
/// out, the Ombudsman's decision, the closing), audited as
/// `WF-CMPL.<step>` with codes only; returns the new state's code.
pub fn take_complaint_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (step, date, details): (&str, NaiveDate, StepDetails),
    from: &str,
) -> Result<String, AppError> {
    let team = team_of(user)?;
    store.write(|tx| {
        let held = tx
            .record::<Complaint>(RecordKind::Complaint, id)?
            .ok_or_else(|| AppError::NotFound(format!("complaint {id}")))?;
        if !sees(&team, &held.value.document) {
            return Err(AppError::Forbidden("change this complaint"));
        }
        if held.version != version {
            return Err(store::StoreError::Stale {
                record: format!("complaint {id}"),
                expected: version,
                found: held.version,
            }
            .into());
        }
        let mut c = held.value.document;
        let codes = serde_json::json!({
            "route": details.route.map(|r| r.code()),
            "outcome": details.closing.outcome.map(|o| o.code()),
            "cause": details.closing.cause,
            "decision": details.decision.map(|d| d.code()),
        });
        let stage = c
            .take(user, step, date, clock.today(), details)
            .map_err(|r| match r {
                Refusal::Forbidden(what) => AppError::Forbidden(what),
                Refusal::NotNow(why) => AppError::Invalid(why),
            })?
            .to_owned();
        tx.update_record(RecordKind::Complaint, &record_of(&c), version)?;
        tx.append(&audit(
            user,
            clock,
            &format!("{}.{step}", CMPL.id),
            id,
            serde_json::json!({ "date": date, "stage": stage, "codes": codes }),
            from,
        ))?;
        Ok(stage)
    })
}

/// The worklist lines of the open complaints in `scope` (a team's are
/// those about it), overdue or due within the worklist's horizon.
pub(crate) fn complaint_lines(
    tx: &mut store::Tx<'_>,
    scope: &Scope,
    today: NaiveDate,
) -> Result<Vec<SubjectItem>, AppError> {
    let open: Vec<&str> = CMPL
        .states
        .iter()
        .map(|s| s.code)
        .filter(|c| !domain::complaints::complaint::ENDED.contains(c))
        .collect();
    Ok(tx
        .records::<Complaint>(RecordKind::Complaint, Some(&open))?
        .into_iter()
        .flat_map(|r| r.value.document.deadlines(today))
        .filter(|i| i.in_scope(scope) && i.days_left <= domain::worklist::HORIZON_DAYS)
        .collect())
}

/// Loads complaints made elsewhere (the demo council's) at version 1, with
/// one audit event.
pub fn load_complaints(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    complaints: &[Complaint],
) -> Result<usize, AppError> {
    let rows: Vec<_> = complaints.iter().map(record_of).collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::Complaint,
        &rows,
        ("WF-CMPL.load", COMPLAINT_RECORD, "complaints"),
    )
}
