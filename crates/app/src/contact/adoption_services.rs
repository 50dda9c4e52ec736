//! Requests to the adoption service about contact and identity
//! (WF-BIRTH-FAMILY-SUPPORT, WF-ADULT-ADOPTEE, CONT-004, CONT-005,
//! CONT-012 … CONT-016): received and routed, recommended, decided by the
//! Service Manager for Adoption, closed with their outcome. A request about
//! a child is seen only by those who may see the child. Audited with codes
//! and dates only.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::contact::adoption_services::{NewRequest, ServiceRequest};
use domain::time::Clock;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Store, Versioned,
};

use crate::AppError;
use crate::permanence::{actor_of, audit, invalid, stale};

/// The record type the audit events name.
pub const SERVICE_REQUEST_RECORD: &str = "adoption_service_request";

/// A request at its version.
pub type StoredRequest = Versioned<ServiceRequest>;

/// A step of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestStep {
    /// CONT-005: the Adoption Team's recommendation.
    Recommend(String),
    /// CONT-004, CONT-005: the Service Manager's decision (agreed?).
    Decide(bool),
    /// The outcome's code.
    Close(String),
    /// ADOPT-060: the worker allocated and their team.
    Allocate(String, String),
}

/// Who keeps these requests: those who see the families (birth families,
/// adopters, carers) the service works with.
fn keeper(user: &User) -> Result<(), AppError> {
    if user.may(Permission::ViewHouseholds) {
        Ok(())
    } else {
        Err(AppError::Forbidden("keep adoption service requests"))
    }
}

fn record_of(r: &ServiceRequest) -> Record<ServiceRequest> {
    Record {
        id: r.id.clone(),
        child_id: r.child_id.clone(),
        stage: if r.is_open() { "open" } else { "closed" }.to_owned(),
        key_date: Some(r.received.to_string()),
        document: r.clone(),
    }
}

fn may_see(tx: &mut store::Tx<'_>, user: &User, r: &ServiceRequest) -> Result<bool, AppError> {
    match r.child_id.as_deref().map(ChildId::parse) {
        None => Ok(true),
        Some(Ok(child)) => Ok(crate::may_see_child(tx, user, &child)?),
        Some(Err(_)) => Ok(false),
    }
}

/// The requests the user may see, open first; audited as a list view.
pub fn service_requests(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<StoredRequest>, AppError> {
    keeper(user)?;
    store.write(|tx| {
        let mut seen = Vec::new();
        for r in tx.records::<ServiceRequest>(RecordKind::AdoptionServiceRequest, None)? {
            if may_see(tx, user, &r.value.document)? {
                seen.push(Versioned {
                    value: r.value.document,
                    version: r.version,
                });
            }
        }
        seen.sort_by_key(|r| (!r.value.is_open(), std::cmp::Reverse(r.value.received)));
        tx.append(&audit(
            &actor_of(user, from),
            clock,
            "view_adoption_service_requests".into(),
            SERVICE_REQUEST_RECORD,
            "list",
            serde_json::json!({ "requests": seen.len() }),
        ))?;
        Ok(seen)
    })
}

/// Opens a request, auditing the read.
pub fn open_service_request(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<StoredRequest, AppError> {
    keeper(user)?;
    store.write(|tx| {
        let held = tx
            .record::<ServiceRequest>(RecordKind::AdoptionServiceRequest, id)?
            .ok_or_else(|| AppError::NotFound(format!("request {id}")))?;
        if !may_see(tx, user, &held.value.document)? {
            return Err(AppError::Forbidden("see this request"));
        }
        tx.append(&audit(
            &actor_of(user, from),
            clock,
            "view_adoption_service_request".into(),
            SERVICE_REQUEST_RECORD,
            id,
            serde_json::json!({}),
        ))?;
        Ok(Versioned {
            value: held.value.document,
            version: held.version,
        })
    })
}

/// Records a request received and routes it; returns its identifier.
pub fn receive_service_request(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    new: NewRequest,
    from: &str,
) -> Result<String, AppError> {
    keeper(user)?;
    store.write(|tx| {
        let count = tx
            .records::<serde_json::Value>(RecordKind::AdoptionServiceRequest, None)?
            .len();
        let id = format!("ASR{:05}", count + 1);
        let r = ServiceRequest::receive(id.clone(), new, clock.today()).map_err(invalid)?;
        earlier_requests_allow(tx, &r)?;
        if let Some(child) = &r.child_id {
            let child = ChildId::parse(child)
                .map_err(|_| AppError::Invalid(format!("there is no child {child}")))?;
            if tx.journey(&child)?.is_none() {
                return Err(AppError::Invalid(format!("there is no child {child}")));
            }
            crate::permanence::ensure_may_see(tx, user, &child, "record a request about this child")?;
        }
        tx.insert_records(RecordKind::AdoptionServiceRequest, &[record_of(&r)])?;
        tx.append(&audit(
            &actor_of(user, from),
            clock,
            "receive_adoption_service_request".into(),
            SERVICE_REQUEST_RECORD,
            &id,
            serde_json::json!({ "kind": r.kind.code(), "requester": r.requester_is, "received": r.received }),
        ))?;
        Ok(id)
    })
}

/// What earlier requests allow of a new one: a top-up names an initial
/// application to the Fund (ADOPT-044); the Therapeutic Support Budget pays
/// a child at most £450 at a time and £900 in all (ADOPT-045), counting
/// every earlier request for the child not refused.
fn earlier_requests_allow(tx: &mut store::Tx<'_>, r: &ServiceRequest) -> Result<(), AppError> {
    use domain::contact::adoption_services::{RequestKind, tsb_allowed};
    if let Some(initial) = &r.top_up_of {
        let found = tx.record::<ServiceRequest>(RecordKind::AdoptionServiceRequest, initial)?;
        let is_initial = found.is_some_and(|f| {
            f.value.document.kind == RequestKind::AsfApplication
                && f.value.document.top_up_of.is_none()
        });
        if !is_initial {
            return Err(AppError::Invalid(format!(
                "a top-up application names the initial application it continues: {initial} is not an initial application to the Fund (ADOPT-044)"
            )));
        }
    }
    if r.kind == RequestKind::TherapeuticSupport {
        let paid: i64 = tx
            .records::<ServiceRequest>(RecordKind::AdoptionServiceRequest, None)?
            .into_iter()
            .map(|h| h.value.document)
            .filter(|e| {
                e.kind == RequestKind::TherapeuticSupport
                    && e.child_id == r.child_id
                    && e.outcome.as_ref().is_none_or(|(_, o)| o != "refused")
            })
            .filter_map(|e| e.amount_pence)
            .sum();
        tsb_allowed(paid, r.amount_pence.unwrap_or(0)).map_err(invalid)?;
    }
    Ok(())
}

/// Takes a step of a request seen at `version` on `date`.
pub fn act_on_service_request(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (step, date): (RequestStep, NaiveDate),
    from: &str,
) -> Result<(), AppError> {
    keeper(user)?;
    store.write(|tx| {
        let held = tx
            .record::<ServiceRequest>(RecordKind::AdoptionServiceRequest, id)?
            .ok_or_else(|| AppError::NotFound(format!("request {id}")))?;
        if !may_see(tx, user, &held.value.document)? {
            return Err(AppError::Forbidden("change this request"));
        }
        if held.version != version {
            return Err(stale(format!("request {id}"), version, held.version));
        }
        let mut r = held.value.document;
        let today = clock.today();
        let action = match &step {
            RequestStep::Recommend(text) => r.recommend(date, text, today).map(|_| "recommend"),
            RequestStep::Decide(agreed) => r.decide(user, date, *agreed, today).map(|_| "decide"),
            RequestStep::Close(outcome) => r.close(date, outcome, today).map(|_| "close"),
            RequestStep::Allocate(worker, team) => {
                r.allocate((worker, team), date, today).map(|_| "allocate")
            }
        }
        .map_err(|e| match e {
            domain::contact::adoption_services::ServiceError::NotTheServiceManager => {
                AppError::Forbidden("decide: only the Service Manager for Adoption decides")
            }
            other => invalid(other),
        })?;
        tx.update_record(RecordKind::AdoptionServiceRequest, &record_of(&r), version)?;
        tx.append(&audit(
            &actor_of(user, from),
            clock,
            format!("adoption_service_request.{action}"),
            SERVICE_REQUEST_RECORD,
            id,
            serde_json::json!({ "date": date, "kind": r.kind.code() }),
        ))?;
        Ok(())
    })
}

/// Loads requests made elsewhere (the demo council's).
pub fn load_service_requests(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    requests: &[ServiceRequest],
) -> Result<usize, AppError> {
    let rows: Vec<_> = requests.iter().map(record_of).collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::AdoptionServiceRequest,
        &rows,
        (
            "adoption_service_request.load",
            SERVICE_REQUEST_RECORD,
            "requests",
        ),
    )
}
