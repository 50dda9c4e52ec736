//! A child's document of one kind (a care leaver's record, the education
//! record, the health support record): one per child, version 0 before its
//! first entry, read with the child's journey and audited, changed in one
//! transaction with its audit event, a stale version refused. The
//! capabilities that keep one (`leavers`, `education`, `health`) say what a
//! change is; this says how it is kept.

use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::journey::CareJourney;
use domain::time::Clock;
use serde::Serialize;
use serde::de::DeserializeOwned;
use store::{AuditLog, PermanenceRepository, RecordKind, Store, Versioned};

use crate::AppError;
use crate::permanence::{actor_of, audit, child_record, ensure_may_see, load_journey, stale};

/// How a kind of child document is kept: its record kind, the suffix of its
/// identifier, the record type and prefix of its audit events.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Kept {
    pub kind: RecordKind,
    pub suffix: &'static str,
    pub record_type: &'static str,
    pub audit_prefix: &'static str,
}

impl Kept {
    pub(crate) fn id(&self, child: &ChildId) -> String {
        format!("{child}-{}", self.suffix)
    }
}

/// A document kept for a child, with a fresh one for a child with none.
pub(crate) trait ChildDocument: Clone + Serialize + DeserializeOwned {
    fn fresh(child: &ChildId) -> Self;
}

fn stored<T: ChildDocument>(
    tx: &mut store::Tx<'_>,
    kept: Kept,
    child: &ChildId,
) -> Result<(T, i64), AppError> {
    Ok(tx
        .record::<T>(kept.kind, &kept.id(child))?
        .map_or_else(|| (T::fresh(child), 0), |r| (r.value.document, r.version)))
}

/// The child's journey and document with its version, for a user who may
/// see the child; the read is audited.
pub(crate) fn read<T: ChildDocument>(
    store: &Store,
    (user, clock, from): (&User, &dyn Clock, &str),
    kept: Kept,
    child: &ChildId,
) -> Result<(Versioned<CareJourney>, T, i64), AppError> {
    let event = format!("view_{}", kept.record_type);
    crate::read_child_record(store, (user, clock, from), child, &event, |tx| {
        let journey = load_journey(tx, child)?;
        let (doc, version) = stored::<T>(tx, kept, child)?;
        Ok((journey, doc, version))
    })
}

/// Changes the child's document if it is still at the version the person
/// saw: `change` gets the document, the journey and today, and answers the
/// audit details (no personal data) or the refusal. Returns the new version.
#[allow(clippy::too_many_arguments)]
pub(crate) fn change<T: ChildDocument>(
    store: &Store,
    (user, clock, from): (&User, &dyn Clock, &str),
    kept: Kept,
    child: &ChildId,
    version: i64,
    code: &str,
    what: &'static str,
    change: impl FnOnce(&mut T, &CareJourney) -> Result<serde_json::Value, String>,
) -> Result<i64, AppError> {
    if !user.may(Permission::RecordActivities) {
        return Err(AppError::Forbidden(what));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, what)?;
        let journey = load_journey(tx, child)?;
        let (mut doc, held) = stored::<T>(tx, kept, child)?;
        if held != version {
            return Err(stale(kept.id(child), version, held));
        }
        let details = change(&mut doc, &journey.value).map_err(AppError::Invalid)?;
        let record = child_record(&kept.id(child), child, "open", None, &doc);
        let new_version = if held == 0 {
            tx.insert_records(kept.kind, std::slice::from_ref(&record))?;
            1
        } else {
            tx.update_record(kept.kind, &record, held)?
        };
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{code}", kept.audit_prefix),
            kept.record_type,
            &kept.id(child),
            details,
        ))?;
        Ok(new_version)
    })
}

/// Every document of a kind, by child.
pub(crate) fn all<T: ChildDocument>(
    tx: &mut store::Tx<'_>,
    kept: Kept,
) -> Result<std::collections::HashMap<String, (T, i64)>, AppError> {
    Ok(tx
        .records::<T>(kept.kind, None)?
        .into_iter()
        .filter_map(|r| Some((r.value.child_id?, (r.value.document, r.version))))
        .collect())
}

/// Loads documents made elsewhere (the demo council's) at version 1.
pub(crate) fn load<T: ChildDocument>(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    kept: Kept,
    docs: &[(ChildId, T)],
) -> Result<usize, AppError> {
    let rows: Vec<_> = docs
        .iter()
        .map(|(child, d)| child_record(&kept.id(child), child, "open", None, d))
        .collect();
    let action = format!("{}.load", kept.audit_prefix);
    crate::load_records(
        store,
        actor,
        clock,
        kept.kind,
        &rows,
        (&action, kept.record_type, kept.record_type),
    )
}
