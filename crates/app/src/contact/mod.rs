//! Contact and children missing from care as use cases (the same names as
//! `domain::contact` and `web::contact`): a child's Letterbox on their
//! Contact Agreement, its items checked and forwarded or held
//! (`letterbox.rs`), and their missing record (`missing.rs`). Every change
//! is audited in its transaction with codes, numbers and dates only (never a
//! letter's text, a name or a reason), every read of these records too.

mod adoption_services;
mod letterbox;
mod life_story;
mod missing;
mod missing_figures;

pub use adoption_services::*;
pub use letterbox::*;
pub use life_story::*;
pub use missing::*;
pub use missing_figures::*;

use domain::child::ChildId;
use domain::subjects::SubjectItem;
use domain::worklist::Scope;
use store::{ChildRepository, PermanenceRepository, RecordKind};

use crate::AppError;

/// The child's name and team, for a worklist line.
fn name_and_team(
    tx: &mut store::Tx<'_>,
    child: &str,
) -> Result<Option<(String, Option<String>)>, AppError> {
    let Ok(id) = ChildId::parse(child) else {
        return Ok(None);
    };
    let Some(journey) = tx.journey(&id)? else {
        return Ok(None);
    };
    Ok(Some((
        journey.value.child().name.full(),
        tx.child_team(&id)?,
    )))
}

/// The worklist lines of the Letterboxes and missing records of children
/// in `scope`: exchanges and items due (CONT-006, CONT-007), withdrawals
/// to tell (CONT-010), strategy meetings (MISS-001) and return home
/// interviews (MISS-004), life story work to start (CONT-002), overdue or
/// due within the worklist's horizon.
pub(crate) fn contact_lines(
    tx: &mut store::Tx<'_>,
    scope: &Scope,
    today: chrono::NaiveDate,
) -> Result<Vec<SubjectItem>, AppError> {
    let mut lines = Vec::new();
    let letterboxes = tx.records::<domain::contact::letterbox::Letterbox>(
        RecordKind::Letterbox,
        Some(&["active", "informing"]),
    )?;
    for l in letterboxes {
        let l = l.value.document;
        if let Some((name, team)) = name_and_team(tx, l.child_id.as_str())? {
            lines.extend(l.lines(&name, team, today));
        }
    }
    let missing =
        tx.records::<domain::contact::missing::MissingRecord>(RecordKind::MissingRecord, None)?;
    for m in missing {
        let m = m.value.document;
        if let Some((name, team)) = name_and_team(tx, m.child_id.as_str())? {
            lines.extend(m.lines(&name, team, today));
        }
    }
    lines.extend(life_story_lines(tx, today)?);
    Ok(lines
        .into_iter()
        .filter(|i| i.in_scope(scope) && i.days_left <= domain::worklist::HORIZON_DAYS)
        .collect())
}

/// The alerts of the child's record from their contact and missing
/// records: a strategy meeting due (MISS-001), life story work to start or
/// outstanding at the order (CONT-002, CONT-003). Read as part of the child's
/// record, whose opening is audited.
pub fn child_alerts(store: &store::Store, child: &ChildId) -> Result<Vec<String>, AppError> {
    store.read(|tx| {
        let m = tx.record::<domain::contact::missing::MissingRecord>(
            RecordKind::MissingRecord,
            &format!("{child}-MIS"),
        )?;
        let mut alerts: Vec<String> = m
            .and_then(|m| m.value.document.strategy_meeting_due())
            .map(|due| {
                format!(
                    "Three missing episodes in 90 days: a strategy meeting is due from {} (MISS-001)",
                    due.format("%-d %B %Y")
                )
            })
            .into_iter()
            .collect();
        alerts.extend(life_story_alerts(tx, child)?);
        Ok::<_, AppError>(alerts)
    })
}

/// Loads the contact records made elsewhere (the demo council's): the
/// Contact Agreements with letters, their Letterboxes and the missing
/// records, each at version 1.
pub fn load_contact(
    store: &store::Store,
    actor: &domain::audit::Actor,
    clock: &dyn domain::time::Clock,
    (agreements, letterboxes, missing): (
        &[domain::permanence::support::ContactAgreement],
        &[domain::contact::letterbox::Letterbox],
        &[domain::contact::missing::MissingRecord],
    ),
) -> Result<usize, AppError> {
    let rows: Vec<_> = agreements
        .iter()
        .map(|a| crate::permanence::child_record(&a.id, &a.child_id, "agreed", None, a))
        .collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::ContactAgreement,
        &rows,
        ("DATA-009.load", "contact_agreement", "contact agreements"),
    )?;
    Ok(rows.len()
        + load_letterboxes(store, actor, clock, letterboxes)?
        + load_missing_records(store, actor, clock, missing)?)
}
