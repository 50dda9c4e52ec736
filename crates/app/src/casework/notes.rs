//! Writing, amending and withdrawing the case notes on a child's
//! chronology, and reading them. Each change is one transaction with its
//! audit event, which says what was done to which note and for which day;
//! the words and the reasons stay in the record. A note is never deleted:
//! an amendment keeps its earlier words, a withdrawal keeps the note.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::casework::notes::{CaseNote, NoteState, check_note};
use domain::child::ChildId;
use domain::journey::CareJourney;
use domain::time::Clock;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store, Versioned,
};

use crate::AppError;

/// A case note at its version.
pub type Note = Versioned<Record<CaseNote>>;

fn audit(
    user: &User,
    clock: &dyn Clock,
    action: &str,
    child: &str,
    (id, date, from): (&str, NaiveDate, &str),
) -> domain::audit::AuditEvent {
    domain::audit::AuditEvent {
        at: clock.now(),
        actor: user.username.clone(),
        action: action.into(),
        record_type: crate::CHILD_RECORD.into(),
        record_id: child.to_owned(),
        details: serde_json::json!({"id": id, "date": date.to_string(), "from": from}).to_string(),
    }
}

/// Refuses a user who does not record casework or may not see the child.
fn ensure_writes(tx: &mut store::Tx<'_>, user: &User, child: &ChildId) -> Result<(), AppError> {
    if !user.may(Permission::RecordActivities) {
        return Err(AppError::Forbidden("write case notes"));
    }
    if !crate::may_see_child(tx, user, child)? {
        return Err(AppError::Forbidden("write case notes for this child"));
    }
    Ok(())
}

fn as_record(id: &str, note: &CaseNote) -> Record<CaseNote> {
    Record {
        id: id.to_owned(),
        child_id: Some(note.child_id.clone()),
        stage: note.state.code().into(),
        key_date: Some(note.date.to_string()),
        document: note.clone(),
    }
}

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
        ensure_writes(tx, user, child)?;
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
            state: NoteState::Written,
            changes: Vec::new(),
        };
        tx.insert_records(RecordKind::CaseNote, &[as_record(&id, &note)])?;
        tx.append(&audit(
            user,
            clock,
            "write_case_note",
            child.as_str(),
            (&id, date, from),
        ))?;
        Ok(id)
    })
}

/// How a note changes: amended to a date and words, or withdrawn.
#[derive(Debug, Clone)]
pub enum NoteChangeInput {
    Amend { date: NaiveDate, text: String },
    Withdraw,
}

/// Amends or withdraws a case note, with the reason, if it is still at the
/// version the person saw; returns the note's new version. The note keeps
/// its earlier words; the audit event holds neither words nor reason.
#[allow(clippy::too_many_arguments)]
pub fn change_case_note(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    version: i64,
    change: NoteChangeInput,
    reason: &str,
    from: &str,
) -> Result<i64, AppError> {
    store.write(|tx| {
        let found = tx
            .record::<CaseNote>(RecordKind::CaseNote, id)?
            .ok_or_else(|| AppError::NotFound(format!("case note {id}")))?;
        let mut note = found.value.document;
        let child = ChildId::parse(&note.child_id).map_err(|e| AppError::Invalid(e.to_string()))?;
        ensure_writes(tx, user, &child)?;
        if found.version != version {
            return Err(store::StoreError::Stale {
                record: format!("case note {id}"),
                expected: version,
                found: found.version,
            }
            .into());
        }
        let by = (user.username.as_str(), clock.today());
        let action = match &change {
            NoteChangeInput::Amend { date, text } => {
                note.amend(*date, text, reason, by)
                    .map_err(AppError::Invalid)?;
                "amend_case_note"
            }
            NoteChangeInput::Withdraw => {
                note.withdraw(reason, by).map_err(AppError::Invalid)?;
                "withdraw_case_note"
            }
        };
        let new_version = tx.update_record(RecordKind::CaseNote, &as_record(id, &note), version)?;
        tx.append(&audit(
            user,
            clock,
            action,
            child.as_str(),
            (id, note.date, from),
        ))?;
        Ok(new_version)
    })
}

/// A child's case notes with their versions, newest first (withdrawn ones
/// too, marked), for a user who may see the child; the read is audited.
pub fn case_notes(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<Vec<Note>, AppError> {
    crate::read_child_record(store, (user, clock, from), child, "view_case_notes", |tx| {
        let mut notes = tx.records_of_child::<CaseNote>(RecordKind::CaseNote, child.as_str())?;
        notes.sort_by_key(|n| std::cmp::Reverse((n.value.document.date, n.value.id.clone())));
        Ok(notes)
    })
}

/// One case note with its version and every earlier version, and the
/// child's journey, for a user who may see the child; the read is audited.
pub fn open_case_note(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<(Versioned<CareJourney>, Note), AppError> {
    let found = store
        .read(|tx| tx.record::<CaseNote>(RecordKind::CaseNote, id))?
        .ok_or_else(|| AppError::NotFound(format!("case note {id}")))?;
    let child = ChildId::parse(&found.value.document.child_id)
        .map_err(|e| AppError::Invalid(e.to_string()))?;
    crate::read_child_record(store, (user, clock, from), &child, "view_case_note", |tx| {
        let journey = tx
            .journey(&child)?
            .ok_or_else(|| AppError::ChildNotFound(child.clone()))?;
        let note = tx
            .record::<CaseNote>(RecordKind::CaseNote, id)?
            .ok_or_else(|| AppError::NotFound(format!("case note {id}")))?;
        Ok((journey, note))
    })
}
