//! Subject access for an adult: everything held about one person (their
//! details, their checks, the addresses and roles of their household and
//! the audit trail of its record), without other people's data (the other
//! members and the children linked are left out). The export is audited.

use domain::access::{Permission, User};
use domain::audit::AuditEvent;
use domain::households::checks::Check;
use domain::households::household::Address;
use domain::households::lifecycle::HouseholdRole;
use domain::households::person::Person;
use domain::time::Clock;
use serde::Serialize;
use store::{AuditFilter, AuditLog, HouseholdRepository};

use super::{HOUSEHOLD_RECORD, event};
use crate::{AppError, Store};

/// What is held about one adult.
#[derive(Debug, Clone, Serialize)]
pub struct AdultRecord {
    pub person: Person,
    pub household: String,
    pub addresses: Vec<Address>,
    pub checks: Vec<Check>,
    pub roles: Vec<HouseholdRole>,
    pub audit: Vec<AuditEvent>,
}

/// Everything held about the person `person_id` (`H00001-P2`), for a
/// subject access request; the export itself is audited.
pub fn adult_subject_access(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    person_id: &str,
    from: &str,
) -> Result<AdultRecord, AppError> {
    if !user.may(Permission::ExportSubjectAccess) {
        return Err(AppError::Forbidden("export a person's records"));
    }
    let household = person_id
        .split_once("-P")
        .map_or(person_id, |(h, _)| h)
        .to_owned();
    let not_found = || AppError::NotFound(format!("person {person_id}"));
    store.write(|tx| {
        let h = tx.household(&household)?.ok_or_else(not_found)?.value;
        let person = h.member(person_id).cloned().ok_or_else(not_found)?;
        let audit = tx.events(&AuditFilter {
            record_type: Some(HOUSEHOLD_RECORD.to_owned()),
            record_id: Some(household.clone()),
            limit: Some(100_000),
            ..Default::default()
        })?;
        tx.append(&event(
            user,
            clock,
            "subject_access_export",
            &household,
            serde_json::json!({ "person": person_id }),
            from,
        ))?;
        Ok(AdultRecord {
            checks: h
                .checks
                .iter()
                .filter(|c| c.person_id == person.id)
                .cloned()
                .collect(),
            person,
            household: h.id,
            addresses: h.addresses,
            roles: h.roles,
            audit,
        })
    })
}
