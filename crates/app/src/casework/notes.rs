//! Writing a case note on a child's chronology and reading the chronology's
//! notes. The audit event says a note was written and for which day; the
//! words stay in the record.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::casework::notes::{CaseNote, check_note};
use domain::child::ChildId;
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store};

use crate::AppError;

/// Writes a case note for a child, for a user who records casework and may
/// see the child; returns its identifier.
pub fn write_case_note(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    date: NaiveDate,
    text: &str,
    from: &str,
) -> Result<String, AppError> {
    if !user.may(Permission::RecordActivities) {
        return Err(AppError::Forbidden("write case notes"));
    }
    let text = check_note(text, date, clock.today()).map_err(AppError::Invalid)?;
    store.write(|tx| {
        if !crate::may_see_child(tx, user, child)? {
            return Err(AppError::Forbidden("write case notes for this child"));
        }
        let n = tx
            .records_of_child::<serde_json::Value>(RecordKind::CaseNote, child.as_str())?
            .len();
        let id = format!("{child}-N{:03}", n + 1);
        let note = CaseNote {
            child_id: child.to_string(),
            date,
            text: text.clone(),
            by: user.username.clone(),
            written_on: clock.today(),
        };
        tx.insert_records(
            RecordKind::CaseNote,
            &[Record {
                id: id.clone(),
                child_id: Some(child.to_string()),
                stage: "written".into(),
                key_date: Some(date.to_string()),
                document: note,
            }],
        )?;
        tx.append(&domain::audit::AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "write_case_note".into(),
            record_type: crate::CHILD_RECORD.into(),
            record_id: child.to_string(),
            details: serde_json::json!({"id": id, "date": date.to_string(), "from": from})
                .to_string(),
        })?;
        Ok(id)
    })
}

/// A child's case notes, newest first, for a user who may see the child;
/// the read is audited.
pub fn case_notes(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<Vec<CaseNote>, AppError> {
    crate::read_child_record(store, (user, clock, from), child, "view_case_notes", |tx| {
        let mut notes: Vec<CaseNote> = tx
            .records_of_child::<CaseNote>(RecordKind::CaseNote, child.as_str())?
            .into_iter()
            .map(|r| r.value.document)
            .collect();
        notes.sort_by_key(|n| std::cmp::Reverse(n.date));
        Ok(notes)
    })
}
