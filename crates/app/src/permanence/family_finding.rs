//! Family finding (ROLE-008): a Pack A (adoption) or Pack F (long-term
//! fostering) request joins the Permanence Team's queue and opens a
//! family-finding record, joint with the teams that assess and approve
//! carers and with the commissioners for Pack F (PATH-019).

use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::permanence::responsibilities::{FamilyFindingRecord, PackType, submit_family_finding};
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::{actor_of, audit, child_record, ensure_may_see, load_journey, next_id};
use crate::AppError;

/// A family-finding record with its identifier and version.
pub type StoredFamilyFinding = Versioned<Record<FamilyFindingRecord>>;

/// ROLE-008: the child's social worker (or anyone working on plans)
/// submits a Pack A or Pack F request today: it joins the Permanence Team's
/// queue with its family-finding record. Audited with the pack.
pub fn request_family_finding(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    pack: PackType,
    from: &str,
) -> Result<String, AppError> {
    request_pack(store, (user, clock, from), child, pack, None)
}

/// GEN-005, ROLE-008: a Pack A or Pack F request, with the day the child
/// moved in with the intended carers when a placement is identified: a
/// Pack F for a child there two years or more is refused as not required.
pub fn request_pack(
    store: &Store,
    (user, clock, from): (&User, &dyn Clock, &str),
    child: &ChildId,
    pack: PackType,
    living_with_intended_since: Option<chrono::NaiveDate>,
) -> Result<String, AppError> {
    if !user.may(Permission::WorkOnPlans) {
        return Err(AppError::Forbidden("request family finding"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "request family finding for this child")?;
        let journey = load_journey(tx, child)?;
        domain::permanence::responsibilities::pack_needed(
            pack,
            clock.today(),
            living_with_intended_since,
        )
        .map_err(AppError::Invalid)?;
        let mut record = submit_family_finding(child, pack, clock.today());
        // GEN-004: the Permanence Team finds the family; the child's social
        // worker, who knows the child best, writes the profile.
        record.profile_author = journey
            .value
            .social_workers()
            .iter()
            .rfind(|w| w.end.is_none())
            .map(|w| w.worker_id.clone());
        let id = next_id(tx, RecordKind::FamilyFinding, child, 'F')?;
        let stored = child_record(
            &id,
            child,
            "queued",
            Some(record.opened.to_string()),
            &record,
        );
        tx.insert_records(RecordKind::FamilyFinding, &[stored])?;
        tx.append(&audit(
            &actor,
            clock,
            "ROLE-008.request_family_finding".into(),
            "family_finding",
            &id,
            serde_json::json!({"pack": pack.code(), "participants": record.participants.len()}),
        ))?;
        Ok(id)
    })
}

/// The Permanence Team's queue: the family-finding records of the children
/// the user may see, oldest first. Audited as a list view.
pub fn family_finding_queue(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<StoredFamilyFinding>, AppError> {
    if !user.may(Permission::ViewChild) {
        return Err(AppError::Forbidden("see the family-finding queue"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        let mut out = Vec::new();
        for r in tx.records::<FamilyFindingRecord>(RecordKind::FamilyFinding, Some(&["queued"]))? {
            if crate::may_see_child(tx, user, &r.value.document.child_id)? {
                out.push(r);
            }
        }
        out.sort_by_key(|r| r.value.document.opened);
        tx.append(&audit(
            &actor,
            clock,
            "view_family_finding_queue".into(),
            "family_finding",
            "council",
            serde_json::json!({"requests": out.len()}),
        ))?;
        Ok(out)
    })
}

/// A child's family-finding records, newest first. Audited as a read of
/// the child's record.
pub fn family_findings_of(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<Vec<StoredFamilyFinding>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "see this child's family finding")?;
        let mut list: Vec<StoredFamilyFinding> =
            tx.records_of_child(RecordKind::FamilyFinding, child.as_str())?;
        list.sort_by_key(|r| std::cmp::Reverse(r.value.document.opened));
        tx.append(&audit(
            &actor,
            clock,
            "view_family_finding".into(),
            crate::CHILD_RECORD,
            child.as_str(),
            serde_json::json!({"requests": list.len()}),
        ))?;
        Ok(list)
    })
}
