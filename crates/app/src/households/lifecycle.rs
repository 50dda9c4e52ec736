//! The roles a household holds: starting one (with its team and worker)
//! and taking a step of its lifecycle, whose events start and meet the
//! role's deadlines.

use chrono::NaiveDate;
use domain::access::User;
use domain::households::lifecycle::RoleKind;
use domain::time::Clock;

use super::change_household;
use crate::{AppError, Store};

/// Starts a role for the household; returns its identifier.
pub fn add_role(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (kind, worker): (RoleKind, Option<String>),
    from: &str,
) -> Result<String, AppError> {
    change_household(
        store,
        (user, clock, from),
        (id, version),
        (
            "household.add_role",
            |role: &String| serde_json::json!({ "role": role, "kind": kind.code() }),
        ),
        |h, today| {
            // KIN-106: not for a family's own informal arrangement.
            h.connected_process_refused(kind).map_err(super::invalid)?;
            Ok(h.add_role(kind, worker, today))
        },
    )
}

/// Takes the step `step` of a role's lifecycle on `date`, audited as
/// `<workflow>.<step>`; returns the role's new state.
pub fn take_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (role_id, step, date): (&str, &str, NaiveDate),
    from: &str,
) -> Result<String, AppError> {
    let today = clock.today();
    if date > today {
        return Err(AppError::Invalid(
            "the date of the step cannot be in the future".into(),
        ));
    }
    let kind = store.read(|tx| {
        use store::HouseholdRepository;
        let h = tx.household(id)?;
        Ok::<_, AppError>(h.and_then(|h| {
            h.value
                .roles
                .iter()
                .find(|r| r.id == role_id)
                .map(|r| r.kind)
        }))
    })?;
    // A foster carer's steps go through their own use case, whose checks
    // (terms, papers, reasons, the LADO) the generic step must not skip; a
    // step that carries more than its date is recorded on the carer's page.
    if kind == Some(RoleKind::FosterCarer)
        && let Some(dated) = domain::fostering::carers::FosterStep::dated(step, date)
    {
        return crate::fostering::carers::record_carer_step(
            store,
            user,
            clock,
            (role_id, version),
            dated,
            from,
        );
    }
    if let Some(page) = kind.and_then(|k| k.step_recorded_on(step)) {
        return Err(AppError::Invalid(format!(
            "record this step with its details on {page}"
        )));
    }
    let workflow = kind.map_or("role", |k| k.workflow().id);
    let action = format!("{workflow}.{step}");
    change_household(
        store,
        (user, clock, from),
        (id, version),
        (
            &action,
            |stage: &String| serde_json::json!({ "role": role_id, "date": date, "stage": stage }),
        ),
        |h, _| {
            if let Some(refusal) = domain::fostering::kinship::step_refused(h, role_id, step) {
                return Err(crate::fostering::kinship::refused(refusal));
            }
            let role = h.role_mut(role_id).map_err(super::invalid)?;
            role.take(user, step, date).map_err(|r| match r {
                domain::permanence::workflow::Refusal::Forbidden(what) => AppError::Forbidden(what),
                domain::permanence::workflow::Refusal::NotNow(why) => AppError::Invalid(why),
            })?;
            Ok(role.stage.clone())
        },
    )
}
