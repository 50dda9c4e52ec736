//! A family's Permanence Passport: opening it (the household's record,
//! its children's dates of birth and histories, audited) writes a new
//! version first when what it says has changed since the last (a move, a
//! child linked, an order, a history recorded, an age limit reached), so
//! every version the family was given is kept; an old version opens by
//! its number.

use domain::access::User;
use domain::audit::AuditEvent;
use domain::child::ChildId;
use domain::passport::entitlements::{Entitlement, Family, entitlements};
use domain::passport::passport::{
    ChildRecord, PassportInputs, PassportRecord, PassportVersion, family_of, write_passport,
};
use domain::time::Clock;
use store::{
    AuditLog, ChildRepository, HouseholdRepository, PermanenceRepository, Record, RecordKind,
};

use crate::households::{StoredHousehold, may_see};
use crate::{AppError, Store};

/// The record type every passport audit event names.
pub const PASSPORT_RECORD: &str = "passport";

/// A family's passport as a worker opens it.
#[derive(Debug, Clone)]
pub struct PassportView {
    pub household: StoredHousehold,
    /// What was recorded and every version, at `version` (0 before the first).
    pub record: PassportRecord,
    pub version: i64,
    /// The family the passport is written for; `None` when the household
    /// holds no role the passport covers.
    pub family: Option<Family>,
    /// Every item of the offer today, eligible or not, with its rule.
    pub entitlements: Vec<Entitlement>,
}

impl PassportView {
    /// The latest version written.
    pub fn current(&self) -> Option<&PassportVersion> {
        self.record.current()
    }
}

pub(super) fn audit(
    (user, clock, from): (&User, &dyn Clock, &str),
    action: &str,
    id: &str,
    details: serde_json::Value,
) -> AuditEvent {
    let mut details = details;
    if let serde_json::Value::Object(map) = &mut details {
        map.insert("from".into(), serde_json::Value::String(from.to_owned()));
    }
    AuditEvent {
        at: clock.now(),
        actor: user.username.clone(),
        action: action.to_owned(),
        record_type: PASSPORT_RECORD.to_owned(),
        record_id: id.to_owned(),
        details: details.to_string(),
    }
}

/// The passport record of a household and its version (0 before the first).
pub(super) fn load(tx: &mut store::Tx<'_>, id: &str) -> Result<(PassportRecord, i64), AppError> {
    Ok(tx
        .record::<PassportRecord>(RecordKind::Passport, id)?
        .map_or_else(
            || {
                (
                    PassportRecord {
                        household_id: id.to_owned(),
                        ..Default::default()
                    },
                    0,
                )
            },
            |r| (r.value.document, r.version),
        ))
}

/// Saves the passport record at `version` (0: a new one); returns the new version.
pub(super) fn save(
    tx: &mut store::Tx<'_>,
    record: &PassportRecord,
    version: i64,
) -> Result<i64, AppError> {
    let row = Record {
        id: record.household_id.clone(),
        child_id: None,
        stage: "current".into(),
        key_date: record.current().map(|v| v.made_on.to_string()),
        document: record,
    };
    Ok(if version == 0 {
        tx.insert_records(RecordKind::Passport, std::slice::from_ref(&row))?;
        1
    } else {
        tx.update_record(RecordKind::Passport, &row, version)?
    })
}

/// The children placed with the household or subject of its order, as
/// their records hold them; each read audited on the child.
pub(super) fn children_of(
    tx: &mut store::Tx<'_>,
    (user, clock, from): (&User, &dyn Clock, &str),
    household: &StoredHousehold,
) -> Result<Vec<ChildRecord>, AppError> {
    use domain::households::household::LinkKind;
    let mut out: Vec<ChildRecord> = Vec::new();
    for link in &household.value.links {
        if !matches!(link.kind, LinkKind::PlacedWith | LinkKind::SubjectOfOrder)
            || out.iter().any(|c| c.child_id == link.child_id)
        {
            continue;
        }
        let Ok(id) = ChildId::parse(&link.child_id) else {
            continue;
        };
        let Some(journey) = tx.journey(&id)? else {
            continue;
        };
        let child = journey.value.child();
        out.push(ChildRecord {
            child_id: link.child_id.clone(),
            name: child.name.given.clone(),
            date_of_birth: child.date_of_birth,
            was_looked_after: !journey.value.episodes().is_empty(),
        });
        tx.append(&AuditEvent {
            record_type: crate::CHILD_RECORD.to_owned(),
            ..audit(
                (user, clock, from),
                "passport.read_child",
                &link.child_id,
                serde_json::json!({ "household": household.value.id }),
            )
        })?;
    }
    Ok(out)
}

/// Writes a new version of the passport when what it says changed;
/// returns the family and the version number written, if one was.
pub(super) fn regenerate(
    tx: &mut store::Tx<'_>,
    who: (&User, &dyn Clock, &str),
    household: &StoredHousehold,
    record: &mut PassportRecord,
) -> Result<(Option<Family>, Option<u32>), AppError> {
    let children = children_of(tx, who, household)?;
    let Some(family) = family_of(&household.value, &record.inputs, &children) else {
        return Ok((None, None));
    };
    let today = who.1.today();
    let document = write_passport(&household.value.name, &family, today);
    let written = record.refresh(family.clone(), document, today);
    Ok((Some(family), written))
}

/// Runs `f` on a household the user may see, in one transaction, with its
/// passport record; a refusal is audited on the household.
pub(super) fn with_passport<T>(
    store: &Store,
    who: (&User, &dyn Clock, &str),
    id: &str,
    what: &'static str,
    mut f: impl FnMut(&mut store::Tx<'_>, StoredHousehold, PassportRecord, i64) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let outcome = store.write(|tx| {
        let h = tx
            .household(id)?
            .ok_or_else(|| AppError::NotFound(format!("household {id}")))?;
        if !may_see(tx, who.0, &h.value)? {
            return Ok(None);
        }
        let (record, version) = load(tx, id)?;
        f(tx, h, record, version).map(Some)
    })?;
    match outcome {
        Some(found) => Ok(found),
        None => {
            store.write(|tx| {
                tx.append(&AuditEvent {
                    record_type: crate::households::HOUSEHOLD_RECORD.to_owned(),
                    ..audit(who, "view_household_denied", id, serde_json::json!({}))
                })
            })?;
            Err(AppError::Forbidden(what))
        }
    }
}

/// Opens a family's passport: a new version is written first when what it
/// says changed (audited as `passport.regenerate`); the read is audited.
pub fn open_passport(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<PassportView, AppError> {
    let who = (user, clock, from);
    with_passport(
        store,
        who,
        id,
        "open this family's passport",
        |tx, h, mut record, mut version| {
            let (family, written) = regenerate(tx, who, &h, &mut record)?;
            if let Some(number) = written {
                version = save(tx, &record, version)?;
                tx.append(&audit(
                    who,
                    "passport.regenerate",
                    id,
                    serde_json::json!({ "number": number }),
                ))?;
            }
            tx.append(&audit(who, "passport.view", id, serde_json::json!({})))?;
            let list = family
                .as_ref()
                .map(|f| entitlements(f, clock.today()))
                .unwrap_or_default();
            Ok(PassportView {
                household: h,
                record,
                version,
                family,
                entitlements: list,
            })
        },
    )
}

/// An earlier (or the latest) version of a family's passport, by number,
/// with the household's name; the read audited.
pub fn passport_version(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    number: u32,
    from: &str,
) -> Result<(String, PassportVersion), AppError> {
    let who = (user, clock, from);
    with_passport(
        store,
        who,
        id,
        "open this family's passport",
        |tx, h, record, _| {
            let found = record
                .version(number)
                .cloned()
                .ok_or_else(|| AppError::NotFound(format!("version {number} of the passport")))?;
            tx.append(&audit(
                who,
                "passport.view_version",
                id,
                serde_json::json!({ "number": number }),
            ))?;
            Ok((h.value.name, found))
        },
    )
}

/// Loads what was recorded for families' passports elsewhere (the demo
/// council's), by household; each first version is written when the
/// passport is first opened.
pub fn load_passports(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    passports: &[(String, PassportInputs)],
) -> Result<usize, AppError> {
    let records: Vec<PassportRecord> = passports
        .iter()
        .map(|(id, inputs)| PassportRecord {
            household_id: id.clone(),
            inputs: inputs.clone(),
            versions: Vec::new(),
        })
        .collect();
    let rows: Vec<Record<&PassportRecord>> = records
        .iter()
        .map(|r| Record {
            id: r.household_id.clone(),
            child_id: None,
            stage: "current".into(),
            key_date: None,
            document: r,
        })
        .collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::Passport,
        &rows,
        ("passport.load", PASSPORT_RECORD, "passports"),
    )
}
