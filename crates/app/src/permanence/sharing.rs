//! The child's information-sharing log (DATA-006): what was shared, with
//! whom, by whom, how and when. Entries are never edited: asking to change
//! one offers a correction entry, prefilled from it, that is added as a new
//! entry. Reads and writes audited, never with the content. Once a
//! prospective adoptive family is on the log, it tells what they still need
//! before a match can be listed for the Adoption Panel (PATH-026).

use chrono::NaiveDate;
use domain::access::User;
use domain::child::ChildId;
use domain::permanence::assessment::{
    Correction, InformationShareLog, ShareDetails, ShareRecipient,
};
use domain::permanence::pathways::{PathwayError, check_disclosure};
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store};

use super::{actor_of, audit, child_record, ensure_may_see, invalid, stale};
use crate::AppError;

fn log_id(child: &ChildId) -> String {
    format!("{child}-S01")
}

/// The child's log as stored, with its version (0 before the first entry).
fn log_of(tx: &mut store::Tx<'_>, child: &ChildId) -> Result<(InformationShareLog, i64), AppError> {
    Ok(tx
        .record::<InformationShareLog>(RecordKind::InformationShareLog, &log_id(child))?
        .map_or((InformationShareLog::default(), 0), |r| {
            (r.value.document, r.version)
        }))
}

/// The child's information-sharing log and its version; the read audited.
pub fn information_shared(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<(InformationShareLog, i64), AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "see this child's information-sharing log")?;
        let log = log_of(tx, child)?;
        tx.append(&audit(
            &actor,
            clock,
            "DATA-006.view_log".into(),
            "information_share_log",
            &log_id(child),
            serde_json::json!({"entries": log.0.entries().len()}),
        ))?;
        Ok(log)
    })
}

/// DATA-006: asking to change entry `entry` offers the correction entry,
/// prefilled from it, instead of an edit. The read audited.
pub fn offer_information_correction(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    entry: u64,
    from: &str,
) -> Result<Correction, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(
            tx,
            user,
            child,
            "correct this child's information-sharing log",
        )?;
        let offer = log_of(tx, child)?
            .0
            .offer_correction(entry)
            .map_err(invalid)?;
        tx.append(&audit(
            &actor,
            clock,
            "DATA-006.offer_correction".into(),
            "information_share_log",
            &log_id(child),
            serde_json::json!({"entry": entry}),
        ))?;
        Ok(offer)
    })
}

/// An entry to add to the log: a new one, or the correction of `corrects`.
#[derive(Debug, Clone)]
pub struct NewShare {
    pub details: ShareDetails,
    pub corrects: Option<u64>,
}

/// Adds an entry to the log, or, with `corrects`, a correction of that
/// entry as a new entry (DATA-006). Returns the new entry's id and the
/// log's version; a stale version is refused.
pub fn record_information_shared(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    entry: NewShare,
    from: &str,
) -> Result<(u64, i64), AppError> {
    let NewShare { details, corrects } = entry;
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(
            tx,
            user,
            child,
            "record information shared about this child",
        )?;
        if details.recipient.trim().is_empty() || details.how.trim().is_empty() {
            return Err(invalid("enter who the information was given to and how"));
        }
        let (mut log, version) = log_of(tx, child)?;
        if version != expected_version {
            return Err(stale(
                format!("the information-sharing log of {child}"),
                expected_version,
                version,
            ));
        }
        let id = match corrects {
            Some(corrects) => log
                .record_correction(Correction { corrects, details })
                .map_err(invalid)?,
            None => log.record(details),
        };
        let record: Record<InformationShareLog> =
            child_record(&log_id(child), child, "open", None, &log);
        let version = if version == 0 {
            tx.insert_records(
                RecordKind::InformationShareLog,
                std::slice::from_ref(&record),
            )?;
            1
        } else {
            tx.update_record(RecordKind::InformationShareLog, &record, version)?
        };
        tx.append(&audit(
            &actor,
            clock,
            if corrects.is_some() {
                "DATA-006.correct"
            } else {
                "DATA-006.record"
            }
            .into(),
            "information_share_log",
            &record.id,
            serde_json::json!({"entry": id, "corrects": corrects}),
        ))?;
        Ok((id, version))
    })
}

/// PATH-026: what prospective adopters were not yet given, by `on`, for a
/// match to be listed for the Adoption Panel that day (social, medical and
/// legal information); empty when the listing may go ahead, `None` while no
/// prospective adoptive family is on the log.
pub fn adopter_disclosure_gaps(
    log: &InformationShareLog,
    on: NaiveDate,
) -> Option<Vec<&'static str>> {
    let identified = log
        .entries()
        .iter()
        .any(|e| e.details.recipient_type == ShareRecipient::ProspectiveAdopter);
    identified.then(|| match check_disclosure(&log.adopter_disclosure(), on) {
        Err(PathwayError::DisclosureIncomplete(missing)) => missing,
        _ => Vec::new(),
    })
}
