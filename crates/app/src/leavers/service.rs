//! The care leavers' page: every young person the user may see who is a
//! care leaver or has a leaving-care status today, with their Pathway Plan,
//! Personal Adviser, activity, accommodation and flags (the "Pathway Plan
//! missing" list of LEAVE-101 is its filter); and the service's record of
//! SYPAC sessions and feedback (LEAVE-012, LEAVE-013).

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::leavers::record::CareLeaverRecord;
use domain::leavers::service::ServiceRecord;
use domain::leavers::status::{self, periods_of};
use domain::time::Clock;
use store::{AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store};

use super::record::{LEAVER, LeaverView, view_of};
use crate::AppError;
use crate::permanence::{actor_of, audit, stale};

const SERVICE_ID: &str = "LEAVING-CARE";

/// The care leavers a user may see today, youngest record first by name.
pub fn care_leavers(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<LeaverView>, AppError> {
    if !user.may(Permission::ViewCaseload) {
        return Err(AppError::Forbidden("see the care leavers"));
    }
    let today = clock.today();
    let actor = actor_of(user, from);
    store.write(|tx| {
        let records = crate::child_documents::all::<CareLeaverRecord>(tx, LEAVER)?;
        let mut out = Vec::new();
        for journey in tx.all_journeys()? {
            let j = &journey.value;
            let dob = j.child().date_of_birth;
            if !(16..=status::SUPPORT_UNTIL_AGE).contains(&status::age_on(dob, today)) {
                continue;
            }
            let periods = periods_of(j);
            if !status::is_care_leaver(dob, &periods, today)
                && status::status_on(dob, &periods, today).is_none()
            {
                continue;
            }
            if !crate::may_see_child(tx, user, j.id())? {
                continue;
            }
            let (record, version) = records.get(j.id().as_str()).cloned().unwrap_or_else(|| {
                (
                    <CareLeaverRecord as crate::child_documents::ChildDocument>::fresh(j.id()),
                    0,
                )
            });
            out.push(view_of(journey, record, version, today));
        }
        out.sort_by_key(|v| v.journey.value.child().name.full());
        tx.append(&audit(
            &actor,
            clock,
            "LEAVE.view_list".into(),
            "care_leaver",
            "",
            serde_json::json!({ "young_people": out.len() }),
        ))?;
        Ok(out)
    })
}

/// A change to the service's record.
#[derive(Debug, Clone)]
pub enum ServiceChange {
    Sypac {
        date: NaiveDate,
    },
    Feedback {
        date: NaiveDate,
        text: String,
        theme: String,
    },
}

fn stored(tx: &mut store::Tx<'_>) -> Result<(ServiceRecord, i64), AppError> {
    Ok(tx
        .record::<ServiceRecord>(RecordKind::LeavingCareService, SERVICE_ID)?
        .map_or_else(
            || (ServiceRecord::default(), 0),
            |r| (r.value.document, r.version),
        ))
}

/// The service's record and its version.
pub fn leaving_care_service(store: &Store, user: &User) -> Result<(ServiceRecord, i64), AppError> {
    if !user.may(Permission::ViewCaseload) {
        return Err(AppError::Forbidden("see the care leavers' service"));
    }
    store.read(stored)
}

/// Records a SYPAC session or a feedback item, at the version seen.
pub fn change_leaving_care_service(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    version: i64,
    change: ServiceChange,
    from: &str,
) -> Result<i64, AppError> {
    if !user.may(Permission::RecordActivities) {
        return Err(AppError::Forbidden("record the care leavers' service"));
    }
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        let (mut record, held) = stored(tx)?;
        if held != version {
            return Err(stale("the care leavers' service".into(), version, held));
        }
        let code = match change {
            ServiceChange::Sypac { date } => {
                record
                    .record_session(date, today)
                    .map_err(AppError::Invalid)?;
                "sypac"
            }
            ServiceChange::Feedback { date, text, theme } => {
                record
                    .record_feedback(date, &text, &theme)
                    .map_err(AppError::Invalid)?;
                "feedback"
            }
        };
        let row = Record {
            id: SERVICE_ID.into(),
            child_id: None,
            stage: "open".into(),
            key_date: None,
            document: record,
        };
        let new_version = if held == 0 {
            tx.insert_records(RecordKind::LeavingCareService, std::slice::from_ref(&row))?;
            1
        } else {
            tx.update_record(RecordKind::LeavingCareService, &row, held)?
        };
        tx.append(&audit(
            &actor,
            clock,
            format!("LEAVE.{code}"),
            "leaving_care_service",
            SERVICE_ID,
            serde_json::json!({ "change": code }),
        ))?;
        Ok(new_version)
    })
}
