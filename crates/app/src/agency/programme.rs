//! Keeping the carers' training and events programme (WF-TRAINING): its
//! courses and the households' bookings (TRAIN-001), newsletters
//! (TRAIN-005), community events (TRAIN-007, TRAIN-010), training needs
//! surveys and the year-end review of the offer (TRAIN-004), and its
//! actions (SG-008). One record, kept by those who keep the agency's
//! records; each change is saved with its audit event at the version seen,
//! and its open tasks are lines on the worklist.

use domain::access::{Permission, User};
use domain::agency::programme::{Booker, PROGRAMME_ID, ProgrammeChange, TrainingProgramme};
use domain::subjects::SubjectItem;
use domain::time::Clock;
use domain::worklist::Scope;
use store::{AuditLog, HouseholdRepository, PermanenceRepository, Record, RecordKind, Store};

use crate::AppError;
use crate::permanence::{actor_of, audit, stale};

/// The record type the audit events name.
pub const TRAINING_PROGRAMME: &str = "training_programme";

fn may_keep(user: &User) -> Result<(), AppError> {
    if user.may(Permission::KeepAgencyRecords) {
        Ok(())
    } else {
        Err(AppError::Forbidden("keep the training programme"))
    }
}

fn held(tx: &mut store::Tx<'_>) -> Result<(TrainingProgramme, i64), AppError> {
    Ok(tx
        .record::<TrainingProgramme>(RecordKind::TrainingProgramme, PROGRAMME_ID)?
        .map_or_else(
            || (TrainingProgramme::default(), 0),
            |r| (r.value.document, r.version),
        ))
}

/// The programme and its version (0 before its first change).
pub fn training_programme(
    store: &Store,
    user: &User,
) -> Result<(TrainingProgramme, i64), AppError> {
    may_keep(user)?;
    store.read(held)
}

/// Records a change to the programme at the version seen: a course, a
/// household's booking (under the audience its open role makes it, for a
/// household the user may see), a newsletter issue, an event, a survey, a
/// year's review of the offer, an action or an action done. Returns the
/// new version.
pub fn change_training_programme(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    version: i64,
    change: ProgrammeChange,
    from: &str,
) -> Result<i64, AppError> {
    may_keep(user)?;
    let actor = actor_of(user, from);
    store.write(|tx| {
        let (mut programme, at) = held(tx)?;
        if at != version {
            return Err(stale("the training programme".into(), version, at));
        }
        let mut details = serde_json::json!({});
        let booker = match &change {
            ProgrammeChange::Book { household, .. } => match tx.household(household)? {
                Some(h) if crate::households::may_see(tx, user, &h.value)? => {
                    details = serde_json::json!({ "household": household });
                    Some(Booker {
                        name: h.value.name.clone(),
                        roles: h
                            .value
                            .roles
                            .iter()
                            .filter(|r| r.is_open())
                            .map(|r| r.kind)
                            .collect(),
                    })
                }
                Some(_) => return Err(AppError::Forbidden("book this household's place")),
                None => None,
            },
            _ => None,
        };
        let code = code_of(&change);
        programme
            .apply(change, booker.as_ref())
            .map_err(AppError::Invalid)?;
        let row = Record {
            id: PROGRAMME_ID.into(),
            child_id: None,
            stage: "open".into(),
            key_date: None,
            document: programme,
        };
        let new_version = if at == 0 {
            tx.insert_records(RecordKind::TrainingProgramme, std::slice::from_ref(&row))?;
            1
        } else {
            tx.update_record(RecordKind::TrainingProgramme, &row, at)?
        };
        if let serde_json::Value::Object(map) = &mut details {
            map.insert("change".into(), code.into());
        }
        tx.append(&audit(
            &actor,
            clock,
            format!("WF-TRAINING.{code}"),
            TRAINING_PROGRAMME,
            PROGRAMME_ID,
            details,
        ))?;
        Ok(new_version)
    })
}

fn code_of(change: &ProgrammeChange) -> &'static str {
    match change {
        ProgrammeChange::Course(_) => "course",
        ProgrammeChange::Book { .. } => "book",
        ProgrammeChange::Newsletter(_) => "newsletter",
        ProgrammeChange::Event(_) => "event",
        ProgrammeChange::Survey(_) => "survey",
        ProgrammeChange::Review(_) => "review",
        ProgrammeChange::Action(_) => "action",
        ProgrammeChange::ActionDone { .. } => "action_done",
    }
}

/// The programme's worklist lines in `scope`, overdue or due within the
/// worklist's horizon.
pub(crate) fn programme_lines(
    tx: &mut store::Tx<'_>,
    scope: &Scope,
    today: chrono::NaiveDate,
) -> Result<Vec<SubjectItem>, AppError> {
    let (programme, _) = held(tx)?;
    Ok(programme
        .deadlines(today)
        .into_iter()
        .filter(|i| i.in_scope(scope) && i.days_left <= domain::worklist::HORIZON_DAYS)
        .collect())
}
