//! A child's Letterbox: signed on a Contact Agreement that includes
//! letters, started when the coordinator files their copy, and its items
//! received (screened on receipt), decided (forward or hold, with reasons)
//! and forwarded; suspended, resumed and withdrawn (WF-LETTERBOX, CONT-006
//! … CONT-011). Only the coordinator receives, decides and forwards.

use chrono::NaiveDate;
use domain::access::User;
use domain::child::ChildId;
use domain::contact::letterbox::{LETTERBOX, Letterbox, Side, Terms};
use domain::contact::screener::FlagKind;
use domain::permanence::support::{ContactAgreement, ContactType};
use domain::roles::Role;
use domain::time::Clock;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use crate::AppError;
use crate::permanence::{
    actor_of, audit, child_record, ensure_may_see, invalid, next_id, refused, stale,
};

/// The record type the audit events name.
pub const LETTERBOX_RECORD: &str = "letterbox";

/// A Letterbox at its version.
pub type StoredLetterbox = Versioned<Letterbox>;

fn record_of(l: &Letterbox) -> Record<Letterbox> {
    child_record(&l.id, &l.child_id, &l.stage, Some(l.signed.to_string()), l)
}

/// A child's Letterboxes and the Contact Agreements that include letters
/// (those a Letterbox may be signed on); the read audited.
pub fn letterboxes_of(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<(Vec<StoredLetterbox>, Vec<ContactAgreement>), AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "see this child's Letterbox")?;
        let boxes: Vec<StoredLetterbox> = tx
            .records_of_child::<Letterbox>(RecordKind::Letterbox, child.as_str())?
            .into_iter()
            .map(|r| Versioned {
                value: r.value.document,
                version: r.version,
            })
            .collect();
        let agreements: Vec<ContactAgreement> = tx
            .records_of_child::<ContactAgreement>(RecordKind::ContactAgreement, child.as_str())?
            .into_iter()
            .map(|r| r.value.document)
            .filter(|a| a.contact_types.contains(&ContactType::Letter))
            .collect();
        tx.append(&audit(
            &actor,
            clock,
            "WF-LETTERBOX.view_list".into(),
            LETTERBOX_RECORD,
            child.as_str(),
            serde_json::json!({ "letterboxes": boxes.len() }),
        ))?;
        Ok((boxes, agreements))
    })
}

/// Opens a child's Letterbox, auditing the read.
pub fn open_letterbox(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    id: &str,
    from: &str,
) -> Result<StoredLetterbox, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "see this child's Letterbox")?;
        let held = held(tx, child, id)?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-LETTERBOX.view".into(),
            LETTERBOX_RECORD,
            id,
            serde_json::json!({}),
        ))?;
        Ok(held)
    })
}

fn held(tx: &mut store::Tx<'_>, child: &ChildId, id: &str) -> Result<StoredLetterbox, AppError> {
    tx.record::<Letterbox>(RecordKind::Letterbox, id)?
        .filter(|r| r.value.document.child_id == *child)
        .map(|r| Versioned {
            value: r.value.document,
            version: r.version,
        })
        .ok_or_else(|| AppError::NotFound(format!("Letterbox {id}")))
}

/// Records a Letterbox signed on the child's Contact Agreement `agreement`
/// (CONT-006, CONT-008, CONT-009): by the child's social worker or their
/// team manager. Returns its identifier.
pub fn sign_letterbox(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    agreement: &str,
    terms: Terms,
    from: &str,
) -> Result<String, AppError> {
    if !matches!(user.role, Role::SocialWorker | Role::TeamManager) {
        return Err(AppError::Forbidden("record a Letterbox agreement"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        ensure_may_see(tx, user, child, "record this child's Letterbox")?;
        let contact = tx
            .record::<ContactAgreement>(RecordKind::ContactAgreement, agreement)?
            .map(|r| r.value.document)
            .filter(|a| a.child_id == *child)
            .ok_or_else(|| invalid("choose one of the child's Contact Agreements"))?;
        let letters = contact.contact_types.contains(&ContactType::Letter);
        let id = next_id(tx, RecordKind::Letterbox, child, 'L')?;
        let l = Letterbox::sign(
            id.clone(),
            child.clone(),
            (contact.id, letters),
            terms,
            clock.today(),
        )
        .map_err(invalid)?;
        tx.insert_records(RecordKind::Letterbox, &[record_of(&l)])?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.sign", LETTERBOX.id),
            LETTERBOX_RECORD,
            &id,
            serde_json::json!({
                "agreement": l.agreement,
                "exchanges_a_year": l.exchanges_a_year,
                "participants": l.participants.len(),
                "photographs": l.photographs,
            }),
        ))?;
        Ok(id)
    })
}

/// An item as the coordinator logs it.
#[derive(Debug, Clone)]
pub struct NewItem {
    pub from: Side,
    pub sender: String,
    pub received: NaiveDate,
    pub text: String,
    pub photographs_enclosed: bool,
}

/// What a person does on a Letterbox.
#[derive(Debug, Clone)]
pub enum LetterboxAction {
    /// A step of WF-LETTERBOX on `date`, with the requesting party and the
    /// reason it needs.
    Step {
        name: String,
        date: NaiveDate,
        who: String,
        reason: String,
    },
    /// An item received, screened on receipt (CONT-007).
    Receive(NewItem),
    /// The coordinator's decision on an item (CONT-007).
    Decide {
        item: u32,
        forward: bool,
        reasons: String,
        redactions: String,
        date: NaiveDate,
    },
    /// An item sent on.
    Forward { item: u32, date: NaiveDate },
}

/// Takes `action` on the Letterbox seen at `version`; returns what the
/// page says was done. Audited as `WF-LETTERBOX.<action>` with numbers,
/// codes and dates only.
pub fn act_on_letterbox(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (child, id, version): (&ChildId, &str, i64),
    action: LetterboxAction,
    from: &str,
) -> Result<String, AppError> {
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        ensure_may_see(tx, user, child, "change this child's Letterbox")?;
        let held = held(tx, child, id)?;
        if held.version != version {
            return Err(stale(format!("Letterbox {id}"), version, held.version));
        }
        let mut l = held.value;
        let coordinator = |what| {
            if Letterbox::coordinates(user) {
                Ok(())
            } else {
                Err(AppError::Forbidden(what))
            }
        };
        let (event, details, done) = match action {
            LetterboxAction::Step {
                name,
                date,
                who,
                reason,
            } => {
                let stage = l
                    .take(user, &name, date, today, (&who, &reason))
                    .map_err(refused)?
                    .to_owned();
                let done = format!("Recorded: {}.", LETTERBOX.label(&stage));
                (name, serde_json::json!({"date": date, "stage": stage}), done)
            }
            LetterboxAction::Receive(item) => {
                coordinator("receive Letterbox items")?;
                let n = l
                    .receive(
                        item.from,
                        &item.sender,
                        (item.received, today),
                        &item.text,
                        item.photographs_enclosed,
                    )
                    .map_err(invalid)?;
                let flags = &l.items[n as usize - 1].flags;
                let kinds: std::collections::BTreeSet<&str> =
                    flags.iter().map(|f| FlagKind::code(f.kind)).collect();
                let done = match flags.len() {
                    0 => format!("Item {n} was received. The screener found nothing to check."),
                    1 => format!("Item {n} was received. The screener flagged 1 thing to check."),
                    k => format!("Item {n} was received. The screener flagged {k} things to check."),
                };
                (
                    "receive_item".to_owned(),
                    serde_json::json!({"item": n, "received": item.received, "flags": flags.len(), "kinds": kinds}),
                    done,
                )
            }
            LetterboxAction::Decide {
                item,
                forward,
                reasons,
                redactions,
                date,
            } => {
                coordinator("decide on Letterbox items")?;
                l.decide(item, forward, (&reasons, &redactions), (date, today))
                    .map_err(invalid)?;
                let done = if forward {
                    format!("Item {item} passed screening and is ready to forward.")
                } else {
                    format!("Item {item} is held. The sender is to be told.")
                };
                (
                    if forward { "pass_item" } else { "hold_item" }.to_owned(),
                    serde_json::json!({"item": item, "date": date, "redacted": !redactions.trim().is_empty()}),
                    done,
                )
            }
            LetterboxAction::Forward { item, date } => {
                coordinator("forward Letterbox items")?;
                l.forward(item, (date, today)).map_err(invalid)?;
                (
                    "forward_item".to_owned(),
                    serde_json::json!({"item": item, "date": date}),
                    format!("Item {item} was forwarded."),
                )
            }
        };
        tx.update_record(RecordKind::Letterbox, &record_of(&l), version)?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{event}", LETTERBOX.id),
            LETTERBOX_RECORD,
            id,
            details,
        ))?;
        Ok(done)
    })
}

/// Loads Letterboxes made elsewhere (the demo council's) at version 1.
pub fn load_letterboxes(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    letterboxes: &[Letterbox],
) -> Result<usize, AppError> {
    let rows: Vec<_> = letterboxes.iter().map(record_of).collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::Letterbox,
        &rows,
        ("WF-LETTERBOX.load", LETTERBOX_RECORD, "letterboxes"),
    )
}
