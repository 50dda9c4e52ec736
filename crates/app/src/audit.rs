//! The audit trail's own use cases: reading it (the auditor), a subject
//! access export of everything held about one child, and recording exports
//! and refusals. Reading the trail is itself audited.

use domain::access::{Permission, User};
use domain::audit::AuditEvent;
use domain::child::ChildId;
use domain::journey::CareJourney;
use domain::time::Clock;
use store::{AuditFilter, AuditLog, ChildRepository, Store};

use crate::{AppError, CHILD_RECORD};

/// Records that a user exported a list (what, and how many rows), as every
/// export must be.
pub fn audit_export(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    what: &str,
    rows: usize,
    from: &str,
) -> Result<(), AppError> {
    store.write(|tx| {
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "export".to_owned(),
            record_type: what.to_owned(),
            record_id: String::new(),
            details: format!("{{\"rows\":{rows},\"from\":\"{from}\"}}"),
        })?;
        Ok(())
    })
}

/// Everything held about one child, for a subject access request: the
/// record and every audit event about it. The export itself is audited.
pub fn subject_access(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &ChildId,
    from: &str,
) -> Result<(CareJourney, Vec<AuditEvent>), AppError> {
    if !user.may(Permission::ExportSubjectAccess) {
        return Err(AppError::Forbidden("export a child's records"));
    }
    store.write(|tx| {
        let journey = tx
            .journey(id)?
            .ok_or_else(|| AppError::ChildNotFound(id.clone()))?;
        let events = tx.events(&store::AuditFilter {
            record_type: Some(CHILD_RECORD.to_owned()),
            record_id: Some(id.as_str().to_owned()),
            limit: Some(100_000),
            ..Default::default()
        })?;
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "subject_access_export".to_owned(),
            record_type: CHILD_RECORD.to_owned(),
            record_id: id.as_str().to_owned(),
            details: format!("{{\"from\":\"{from}\"}}"),
        })?;
        Ok((journey.value, events))
    })
}

/// A page of the audit trail for the auditor, newest first, as filtered;
/// the reading is itself recorded (how many events it returned).
pub fn audit_log(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    filter: &AuditFilter,
) -> Result<Vec<AuditEvent>, AppError> {
    if !user.may(Permission::ViewAuditLog) {
        return Err(AppError::Forbidden("read the audit log"));
    }
    store.write(|tx| {
        let events = tx.events(filter)?;
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: "view_audit_log".into(),
            record_type: "audit_log".into(),
            record_id: String::new(),
            details: format!("{{\"results\":{}}}", events.len()),
        })?;
        Ok(events)
    })
}

/// Records that a user was refused something their role does not allow (a
/// route, named by its method and path), and where the request came from.
pub fn record_refusal(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    what: &str,
    from: &str,
) -> Result<(), AppError> {
    append_refusal(
        store,
        clock,
        &user.username,
        ("forbidden", "route", what),
        from,
    )
}

/// Records that a use case refused a user: `what` they may not do, as the
/// refusal names it ("open this child's plan"), never which record; every
/// refusal a page or the API shows passes through here.
pub fn record_refused_action(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    what: &str,
    from: &str,
) -> Result<(), AppError> {
    append_refusal(
        store,
        clock,
        &user.username,
        ("refused", "action", what),
        from,
    )
}

/// Records a request refused because it carried no valid credentials (an
/// API call without a known token), by its route pattern, never the token.
pub fn record_unauthenticated(
    store: &Store,
    clock: &dyn Clock,
    route: &str,
    from: &str,
) -> Result<(), AppError> {
    append_refusal(
        store,
        clock,
        "anonymous",
        ("unauthenticated", "route", route),
        from,
    )
}

/// Appends a refusal: (action, record type, what was refused).
fn append_refusal(
    store: &Store,
    clock: &dyn Clock,
    actor: &str,
    (action, record_type, what): (&str, &str, &str),
    from: &str,
) -> Result<(), AppError> {
    let details = serde_json::json!({ "from": from }).to_string();
    store.write(|tx| {
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: actor.to_owned(),
            action: action.to_owned(),
            record_type: record_type.to_owned(),
            record_id: what.to_owned(),
            details,
        })?;
        Ok(())
    })
}
