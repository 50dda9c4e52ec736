//! Households use cases, one file per topic with the same names as
//! `domain::households` and `web::households`: the household and its
//! members, address and linked children (`household.rs`), checks
//! (`checks.rs`), roles and their lifecycle steps (`lifecycle.rs`), approved
//! carers without a supervising social worker (`carers.rs`, ROLE-003), the
//! worklist lines (`deadlines.rs`) and an adult's subject access
//! (`access.rs`).
//!
//! Every change loads the household at the version the person saw, asks
//! whether the user may see it (`domain::households::access`), applies the
//! change in domain and saves it with its audit event in one transaction.
//! Every read is audited, and so is every refusal. Audit details hold
//! identifiers, codes and dates, never a name.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::audit::AuditEvent;
use domain::child::ChildId;
use domain::households::access::{HouseholdScope, household_scope, may_see_household};
use domain::households::household::{Household, HouseholdError};
use domain::time::Clock;
use store::{AuditLog, HouseholdRepository, Versioned};

use crate::{AppError, Store};

mod access;
mod carers;
mod checks;
mod deadlines;
mod household;
mod lifecycle;

pub use access::*;
pub use carers::*;
pub use checks::*;
pub(crate) use deadlines::*;
pub use household::*;
pub use lifecycle::*;

/// The record type every household audit event names.
pub const HOUSEHOLD_RECORD: &str = "household";

/// A household at its version.
pub type StoredHousehold = Versioned<Household>;

pub(crate) fn event(
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
        record_type: HOUSEHOLD_RECORD.to_owned(),
        record_id: id.to_owned(),
        details: details.to_string(),
    }
}

fn invalid(e: HouseholdError) -> AppError {
    AppError::Invalid(e.to_string())
}

/// Whether `user` may see `h`: its team's, the panel's for its papers, or
/// the worker's of a child placed there.
pub(crate) fn may_see(
    tx: &mut store::Tx<'_>,
    user: &User,
    h: &Household,
) -> Result<bool, AppError> {
    let mut sees_a_child = false;
    if matches!(
        household_scope(user),
        HouseholdScope::Team { children: true, .. }
    ) {
        for child in h.placed_children() {
            if let Ok(id) = ChildId::parse(child)
                && crate::may_see_child(tx, user, &id)?
            {
                sees_a_child = true;
                break;
            }
        }
    }
    Ok(may_see_household(user, h, sees_a_child))
}

/// Reads a household for a user who may see it, auditing the read as
/// `action`, or the refusal (as `view_household_denied`) if not theirs.
pub(crate) fn read_household<T>(
    store: &Store,
    (user, clock, from): (&User, &dyn Clock, &str),
    id: &str,
    action: &str,
    mut read: impl FnMut(&mut store::Tx<'_>, StoredHousehold) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let outcome = store.write(|tx| {
        let h = tx
            .household(id)?
            .ok_or_else(|| AppError::NotFound(format!("household {id}")))?;
        if !may_see(tx, user, &h.value)? {
            return Ok(None);
        }
        let found = read(tx, h)?;
        tx.append(&event(user, clock, action, id, serde_json::json!({}), from))?;
        Ok::<_, AppError>(Some(found))
    })?;
    match outcome {
        Some(found) => Ok(found),
        None => {
            store.write(|tx| {
                tx.append(&event(
                    user,
                    clock,
                    "view_household_denied",
                    id,
                    serde_json::json!({}),
                    from,
                ))
            })?;
            Err(AppError::Forbidden("open this household's record"))
        }
    }
}

/// Changes a household at the version the person saw, for a user who may
/// work on households and see this one, auditing the change as `action`
/// with `details` (codes and identifiers) in the same transaction.
pub(crate) fn change_household<T, D: FnOnce(&T) -> serde_json::Value>(
    store: &Store,
    (user, clock, from): (&User, &dyn Clock, &str),
    (id, version): (&str, i64),
    (action, details): (&str, D),
    change: impl FnOnce(&mut Household, NaiveDate) -> Result<T, AppError>,
) -> Result<T, AppError> {
    if !user.may(Permission::WorkOnHouseholds) {
        return Err(AppError::Forbidden("change a household's record"));
    }
    store.write(|tx| {
        let h = tx
            .household(id)?
            .ok_or_else(|| AppError::NotFound(format!("household {id}")))?;
        if !may_see(tx, user, &h.value)? {
            return Err(AppError::Forbidden("change this household's record"));
        }
        if h.version != version {
            return Err(store::StoreError::Stale {
                record: format!("household {id}"),
                expected: version,
                found: h.version,
            }
            .into());
        }
        let mut next = h.value;
        let out = change(&mut next, clock.today())?;
        tx.update_household(&next, version)?;
        tx.append(&event(user, clock, action, id, details(&out), from))?;
        Ok(out)
    })
}
