//! Keeping the agency's own records: a Statement of Purpose published and
//! reviewed every year (GOV-029), a free online course published and
//! replaced every 12 weeks (TRAIN-002). The service's managers and team
//! managers keep them; their open deadlines are lines on the keeping
//! team's worklist and the service's.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::agency::records::{AgencyRecord, AgencyRecordKind};
use domain::audit::AuditEvent;
use domain::subjects::SubjectItem;
use domain::time::Clock;
use domain::worklist::Scope;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use crate::AppError;

/// The record type the audit events name.
pub const AGENCY_RECORD: &str = "agency_record";

/// An agency record at its version.
pub type StoredAgencyRecord = Versioned<AgencyRecord>;

/// A record as its keeper publishes it.
#[derive(Debug, Clone)]
pub struct NewAgencyRecord {
    pub kind: AgencyRecordKind,
    pub team: String,
    /// The course's title (required for a course).
    pub title: String,
    pub published: NaiveDate,
}

pub(super) fn may_keep(user: &User) -> Result<(), AppError> {
    if user.may(Permission::KeepAgencyRecords) {
        Ok(())
    } else {
        Err(AppError::Forbidden("keep the agency's records"))
    }
}

fn audit(
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
        record_type: AGENCY_RECORD.to_owned(),
        record_id: id.to_owned(),
        details: details.to_string(),
    }
}

fn record_of(r: &AgencyRecord) -> Record<AgencyRecord> {
    Record {
        id: r.id.clone(),
        child_id: None,
        stage: "open".into(),
        key_date: r.entries.last().map(|e| e.date.to_string()),
        document: r.clone(),
    }
}

fn stored(r: Versioned<Record<AgencyRecord>>) -> StoredAgencyRecord {
    Versioned {
        value: r.value.document,
        version: r.version,
    }
}

/// Every agency record, by identifier, for those who keep them.
pub fn agency_records(store: &Store, user: &User) -> Result<Vec<StoredAgencyRecord>, AppError> {
    may_keep(user)?;
    let mut all: Vec<StoredAgencyRecord> = store
        .read(|tx| tx.records::<AgencyRecord>(RecordKind::AgencyRecord, None))?
        .into_iter()
        .map(stored)
        .collect();
    all.sort_by(|a, b| a.value.id.cmp(&b.value.id));
    Ok(all)
}

/// One agency record, for those who keep them.
pub fn agency_record(store: &Store, user: &User, id: &str) -> Result<StoredAgencyRecord, AppError> {
    may_keep(user)?;
    store
        .read(|tx| tx.record::<AgencyRecord>(RecordKind::AgencyRecord, id))?
        .map(stored)
        .ok_or_else(|| AppError::NotFound(format!("agency record {id}")))
}

/// Publishes a record (its first entry starts its rule); returns its identifier.
pub fn publish_agency_record(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    new: NewAgencyRecord,
    from: &str,
) -> Result<String, AppError> {
    may_keep(user)?;
    if new.team.trim().is_empty() {
        return Err(AppError::Invalid("select the team that keeps it".into()));
    }
    store.write(|tx| {
        let count = tx
            .records::<serde_json::Value>(RecordKind::AgencyRecord, None)?
            .len();
        let id = format!("A{:03}", count + 1);
        let record = AgencyRecord::publish(
            id.clone(),
            new.kind,
            new.team.trim().to_owned(),
            &new.title,
            new.published,
            clock.today(),
        )
        .map_err(|e| AppError::Invalid(e.to_string()))?;
        tx.insert_records(RecordKind::AgencyRecord, &[record_of(&record)])?;
        tx.append(&audit(
            user,
            clock,
            "agency_record.publish",
            &id,
            serde_json::json!({ "kind": new.kind.code(), "date": new.published }),
            from,
        ))?;
        Ok(id)
    })
}

/// Records a review of a Statement of Purpose or a course's replacement
/// on `date`, on the record as seen at `version`.
pub fn record_agency_entry(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (title, date): (&str, NaiveDate),
    from: &str,
) -> Result<(), AppError> {
    may_keep(user)?;
    store.write(|tx| {
        let held = tx
            .record::<AgencyRecord>(RecordKind::AgencyRecord, id)?
            .ok_or_else(|| AppError::NotFound(format!("agency record {id}")))?;
        if held.version != version {
            return Err(store::StoreError::Stale {
                record: format!("agency record {id}"),
                expected: version,
                found: held.version,
            }
            .into());
        }
        let mut record = held.value.document;
        record
            .record(title, date, clock.today())
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        tx.update_record(RecordKind::AgencyRecord, &record_of(&record), version)?;
        let action = if record.kind.is_course() {
            "agency_record.replace"
        } else if domain::agency::calendar::owed(record.kind).is_some() {
            "agency_record.entry"
        } else {
            "agency_record.review"
        };
        tx.append(&audit(
            user,
            clock,
            action,
            id,
            serde_json::json!({ "date": date }),
            from,
        ))?;
        Ok(())
    })
}

/// The worklist lines of the agency's records in `scope` (a team's are
/// those it keeps), overdue or due within the worklist's horizon.
pub(crate) fn agency_lines(
    tx: &mut store::Tx<'_>,
    scope: &Scope,
    today: NaiveDate,
) -> Result<Vec<SubjectItem>, AppError> {
    Ok(tx
        .records::<AgencyRecord>(RecordKind::AgencyRecord, None)?
        .into_iter()
        .flat_map(|r| r.value.document.deadlines(today))
        .filter(|i| i.in_scope(scope) && i.days_left <= domain::worklist::HORIZON_DAYS)
        .collect())
}

/// Loads records made elsewhere (the demo council's) at version 1, with
/// one audit event.
pub fn load_agency_records(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    records: &[AgencyRecord],
) -> Result<usize, AppError> {
    let rows: Vec<_> = records.iter().map(record_of).collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::AgencyRecord,
        &rows,
        ("agency_record.load", AGENCY_RECORD, "records"),
    )
}
