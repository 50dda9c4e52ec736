//! What a worker records for a family's entitlements that the records do
//! not hold yet: a child's history (looked after before, adopted from
//! overseas, an education, health and care plan), who placed the child,
//! whether the council was a party, the order's date, where the family
//! lives and when financial support was decided. Saving it writes the
//! passport again when what it says changes.

use domain::access::{Permission, User};
use domain::passport::passport::PassportInputs;
use domain::time::Clock;
use store::AuditLog;

use super::passport::{audit, regenerate, save, with_passport};
use crate::{AppError, Store};

/// Records what the entitlements need for the household `id`, at the
/// passport's version the person saw (0 before the first); returns the
/// number of the passport version written, if what it says changed.
pub fn record_passport_inputs(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, seen): (&str, i64),
    inputs: PassportInputs,
    from: &str,
) -> Result<Option<u32>, AppError> {
    if !user.may(Permission::WorkOnHouseholds) {
        return Err(AppError::Forbidden("record a family's passport details"));
    }
    let who = (user, clock, from);
    with_passport(
        store,
        who,
        id,
        "record this family's passport details",
        |tx, h, mut record, version| {
            if version != seen {
                return Err(store::StoreError::Stale {
                    record: format!("the passport of household {id}"),
                    expected: seen,
                    found: version,
                }
                .into());
            }
            inputs
                .validate(&h.value, clock.today())
                .map_err(|e| AppError::Invalid(e.to_string()))?;
            record.inputs = inputs.clone();
            let (_, written) = regenerate(tx, who, &h, &mut record)?;
            save(tx, &record, version)?;
            tx.append(&audit(
                who,
                "passport.record_inputs",
                id,
                serde_json::json!({
                    "children": record.inputs.children.len(),
                    "version_written": written,
                }),
            ))?;
            Ok(written)
        },
    )
}
