//! Approved carers and their supervising social worker (ROLE-003): the
//! "carer without SSW" list of the approved foster and connected-person
//! carer households the user may see with nobody allocated to supervise
//! them (the role's worker, else the household's), and the check that
//! keeps such a household from being listed for a Permanence Panel match.

use chrono::NaiveDate;
use domain::access::User;
use domain::deadlines::EventKind;
use domain::households::household::Household;
use domain::households::lifecycle::RoleKind;
use domain::permanence::pathways::{CarerHousehold, check_carer_for_match};
use domain::permanence::responsibilities::{carers_without_ssw, check_ssw_for_match};
use domain::time::Clock;
use store::{AuditLog, HouseholdRepository};

use super::{event, scope_filter};
use crate::{AppError, Store};

/// A line of the "carer without SSW" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarerWithoutSsw {
    pub household: String,
    pub name: String,
    pub team: String,
    pub approved: NaiveDate,
}

/// ROLE-003: the approved carer households the user may see with no
/// supervising social worker today. Audited as a list view.
pub fn carers_without_ssw_list(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<CarerWithoutSsw>, AppError> {
    let Some(filter) = scope_filter(user, None) else {
        return Err(AppError::Forbidden("see the list of households"));
    };
    store.write(|tx| {
        let (households, _) = tx.households(&filter)?;
        let carers: Vec<CarerHousehold> = households
            .iter()
            .flat_map(|h| carer_roles(&h.value, true))
            .collect();
        let mut list: Vec<CarerWithoutSsw> = Vec::new();
        for c in carers_without_ssw(&carers, clock.today()) {
            if list.iter().any(|l| l.household == c.carer) {
                continue;
            }
            if let Some(h) = households.iter().find(|h| h.value.id == c.carer) {
                list.push(CarerWithoutSsw {
                    household: c.carer.clone(),
                    name: h.value.name.clone(),
                    team: h.value.team.clone(),
                    approved: c.approved,
                });
            }
        }
        tx.append(&event(
            user,
            clock,
            "list_carers_without_ssw",
            "",
            serde_json::json!({ "results": list.len() }),
            from,
        ))?;
        Ok(list)
    })
}

/// A household's open foster or connected-person carer roles as carer
/// households: with the date of approval, only the approved ones when
/// `approved_only`, else from the role's start.
fn carer_roles(h: &Household, approved_only: bool) -> Vec<CarerHousehold> {
    h.roles
        .iter()
        .filter(|r| {
            matches!(
                r.kind,
                RoleKind::FosterCarer | RoleKind::ConnectedPersonCarer
            ) && r.is_open()
        })
        .filter_map(|role| {
            let approved = role
                .events
                .iter()
                .find(|e| {
                    matches!(
                        e.kind,
                        EventKind::FosterCarerApproved | EventKind::ConnectedPersonApproved
                    )
                })
                .map(|e| e.date);
            let approved = match approved {
                Some(on) => on,
                None if approved_only => return None,
                None => role.started,
            };
            Some(CarerHousehold {
                carer: h.id.clone(),
                approved,
                approval_ended: None,
                last_annual_review: role
                    .events
                    .iter()
                    .filter(|e| e.kind == EventKind::FosterCarerReviewed)
                    .map(|e| e.date)
                    .max(),
                ssw: role.worker.clone().or_else(|| h.worker.clone()),
                commissioned_provider: None,
                last_service_review: None,
                core_training_completed: None,
            })
        })
        .collect()
}

/// ROLE-003: refuses to list a match whose carers are named by the
/// reference of a carer household with no supervising social worker; and
/// PATH-020: one whose carers' approval is not current on `today` or whose
/// annual review is overdue. Carers named otherwise (a name) are not
/// checked here.
pub(crate) fn check_match_carer_in(
    tx: &mut store::Tx<'_>,
    carer: &str,
    today: NaiveDate,
) -> Result<(), AppError> {
    let Some(h) = tx.household(carer.trim())? else {
        return Ok(());
    };
    for c in carer_roles(&h.value, false) {
        check_ssw_for_match(&c).map_err(|_| {
            AppError::Invalid(format!(
                "carer without SSW: allocate a supervising social worker to household {} before the match is listed",
                c.carer
            ))
        })?;
    }
    let approved = carer_roles(&h.value, true);
    if approved.is_empty() {
        return Err(AppError::Invalid(format!(
            "household {} has no approved carer: a permanent match is listed only for approved carers (PATH-020)",
            h.value.id
        )));
    }
    for c in &approved {
        check_carer_for_match(c, today)
            .map_err(|e| AppError::Invalid(format!("household {}: {e} (PATH-020)", c.carer)))?;
    }
    Ok(())
}
