//! Adopters from enquiry to approval: recording an enquiry (a new
//! `Adopter` role of the household with its case), opening an adopter's
//! page, and taking a step of WF-ADOPTER with what its form carried.
//!
//! The household and the adopter's case change together in one
//! transaction, at the version of the household the person saw (every step
//! moves the role, so the household's version guards the case too), with
//! one audit event naming codes and dates, never a name.

use chrono::NaiveDate;
use domain::access::{Permission, User};
pub use domain::adoption::adopters::StepDetails;
use domain::adoption::adopters::{AdopterCase, AdoptionError, take_adopter_step as take_step};
use domain::households::household::Household;
use domain::households::lifecycle::RoleKind;
use domain::time::Clock;
use store::{AuditLog, HouseholdRepository, PermanenceRepository, Record, RecordKind};

use crate::households::{StoredHousehold, event, may_see, read_household};
use crate::{AppError, Store};

/// An adopter's household at its version, the role's identifier and its case.
#[derive(Debug, Clone)]
pub struct AdopterView {
    pub household: StoredHousehold,
    pub role_id: String,
    pub case: AdopterCase,
}

fn invalid(e: AdoptionError) -> AppError {
    match e {
        AdoptionError::Forbidden(what) => AppError::Forbidden(what),
        other => AppError::Invalid(other.to_string()),
    }
}

fn record_of(case: &AdopterCase, stage: &str) -> Record<AdopterCase> {
    Record {
        id: case.role_id.clone(),
        child_id: None,
        stage: stage.to_owned(),
        key_date: case.enquiry.as_ref().map(|e| e.received.to_string()),
        document: case.clone(),
    }
}

/// The case of the role, as stored (with its version) or new.
fn case_of(
    tx: &mut store::Tx<'_>,
    h: &Household,
    role_id: &str,
) -> Result<(AdopterCase, Option<i64>), AppError> {
    match tx.record::<AdopterCase>(RecordKind::AdopterCase, role_id)? {
        Some(r) => Ok((r.value.document, Some(r.version))),
        None => Ok((AdopterCase::new(h, role_id).map_err(invalid)?, None)),
    }
}

fn save_case(
    tx: &mut store::Tx<'_>,
    case: &AdopterCase,
    stage: &str,
    version: Option<i64>,
) -> Result<(), AppError> {
    let record = record_of(case, stage);
    match version {
        Some(v) => {
            tx.update_record(RecordKind::AdopterCase, &record, v)?;
        }
        None => tx.insert_records(RecordKind::AdopterCase, &[record])?,
    }
    Ok(())
}

/// Loads the household at `version` for a change by a user who may work
/// on households and see this one.
fn household_to_change(
    tx: &mut store::Tx<'_>,
    user: &User,
    (id, version): (&str, i64),
) -> Result<Household, AppError> {
    if !user.may(Permission::WorkOnHouseholds) {
        return Err(AppError::Forbidden("change a household's record"));
    }
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
    Ok(h.value)
}

fn not_in_future(date: NaiveDate, clock: &dyn Clock, what: &str) -> Result<(), AppError> {
    if date > clock.today() {
        return Err(AppError::Invalid(format!(
            "the {what} cannot be in the future"
        )));
    }
    Ok(())
}

/// Records an adoption enquiry received on `received` from the household
/// seen at `version`: starts its `Adopter` role (with the worker, or the
/// household's) and its case, with the information event the enquirers
/// were invited to (ADOPT-027). Returns the role's identifier.
pub fn record_enquiry(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (received, next_event, worker): (NaiveDate, NaiveDate, Option<String>),
    from: &str,
) -> Result<String, AppError> {
    not_in_future(received, clock, "date of the enquiry")?;
    store.write(|tx| {
        let mut h = household_to_change(tx, user, (id, version))?;
        let worker = worker
            .filter(|w| !w.trim().is_empty())
            .or_else(|| h.worker.clone());
        let role_id = h.add_role(RoleKind::Adopter, worker, received);
        let case = AdopterCase::enquiry(&h, &role_id, received, next_event).map_err(invalid)?;
        save_case(tx, &case, "enquiry", None)?;
        tx.update_household(&h, version)?;
        tx.append(&event(
            user,
            clock,
            "WF-ADOPTER.enquiry",
            id,
            serde_json::json!({ "role": role_id, "date": received, "next_event": next_event }),
            from,
        ))?;
        Ok::<_, AppError>(role_id)
    })
}

/// Opens an adopter's page (the household's `Adopter` role and its case),
/// auditing the read as `view_adopter` (or the refusal).
pub fn open_adopter(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, role_id): (&str, &str),
    from: &str,
) -> Result<AdopterView, AppError> {
    if !user.may(Permission::ViewHouseholds) {
        return Err(AppError::Forbidden("open a household's record"));
    }
    read_household(store, (user, clock, from), id, "view_adopter", |tx, h| {
        let (case, _) = case_of(tx, &h.value, role_id)?;
        Ok(AdopterView {
            household: h,
            role_id: role_id.to_owned(),
            case,
        })
    })
}

/// Takes the step `step` of an adopter's role on `date`, with what its
/// form carried (the PAR, the panel's recommendation, the terms of
/// approval, a reason), audited as `WF-ADOPTER.<step>`; returns the role's
/// new state.
pub fn take_adopter_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (role_id, step, date): (&str, &str, NaiveDate),
    details: StepDetails,
    from: &str,
) -> Result<String, AppError> {
    not_in_future(date, clock, "date of the step")?;
    store.write(|tx| {
        let mut h = household_to_change(tx, user, (id, version))?;
        let (mut case, case_version) = case_of(tx, &h, role_id)?;
        let stage = take_step(&mut h, &mut case, user, (step, date), details).map_err(invalid)?;
        save_case(tx, &case, &stage, case_version)?;
        tx.update_household(&h, version)?;
        let mut audit = serde_json::json!({ "role": role_id, "date": date, "stage": stage });
        if let Some(outcome) = case.decisions.last().filter(|d| d.date == date) {
            audit["outcome"] = serde_json::to_value(outcome.outcome).unwrap_or_default();
        }
        if let Some(reason) = case
            .closure
            .filter(|_| matches!(step, "withdraw" | "close"))
        {
            audit["reason"] = reason.code().into();
        }
        tx.append(&event(
            user,
            clock,
            &format!("WF-ADOPTER.{step}"),
            id,
            audit,
            from,
        ))?;
        Ok::<_, AppError>(stage)
    })
}

/// Loads adopters' cases made elsewhere (the demo council's) at version 1,
/// with one audit event; each case's stage is its role's.
pub fn load_adopter_cases(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    (households, cases): (&[Household], &[AdopterCase]),
) -> Result<usize, AppError> {
    let stage_of = |case: &AdopterCase| {
        households
            .iter()
            .flat_map(|h| &h.roles)
            .find(|r| r.id == case.role_id)
            .map_or("enquiry", |r| r.stage.as_str())
    };
    let rows: Vec<_> = cases.iter().map(|c| record_of(c, stage_of(c))).collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::AdopterCase,
        &rows,
        (
            "WF-ADOPTER.load",
            crate::households::HOUSEHOLD_RECORD,
            "adopter_cases",
        ),
    )
}
