//! Importing children from a return (or another system): new children
//! added, children already held joined with a later return, all in one
//! transaction, set by set.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use domain::audit::{Actor, AuditEvent};
use domain::census::{CareLeaver, CensusYear};
use domain::child::ChildId;
use domain::journey::CareJourney;
use domain::roles::Worker;
use domain::time::Clock;
use store::{AuditLog, ChildRepository, ID_BATCH, StaffRepository};

use crate::{AppError, Store, audit_event, permanence};

/// Team of social workers first seen in an imported return, until someone
/// places them in their team.
pub const IMPORTED_TEAM: &str = "Not yet in a team";

/// Imports children's journeys read from a return (or another system) in
/// one transaction: all of them or, if anything is wrong, none. Children the
/// service already holds are refused, named, so nothing is overwritten.
/// Social workers not yet known are added to [`IMPORTED_TEAM`]. Each child
/// gets an audit event; `progress` hears (done, total).
pub fn import_journeys(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    journeys: &[CareJourney],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<u64, AppError> {
    import_records(
        store,
        actor,
        clock,
        ImportRecords {
            journeys,
            ..ImportRecords::default()
        },
        progress,
    )
}

/// What an import brings: the journeys, the care leavers held without one
/// and each child's year of the return beyond the journey; and, for a
/// return, the first day of its collection year, which lets it join
/// children already held (a later year's return).
#[derive(Debug, Default, Clone, Copy)]
pub struct ImportRecords<'a> {
    pub journeys: &'a [CareJourney],
    pub leavers: &'a [CareLeaver],
    pub census: &'a [(ChildId, CensusYear)],
    pub year_start: Option<NaiveDate>,
}

/// How the children of an import meet the records.
#[derive(Default)]
struct Plan {
    fresh: Vec<CareJourney>,
    joined: Vec<CareJourney>,
    new_leavers: Vec<CareLeaver>,
    /// Care leavers who now have a journey.
    no_longer_leavers: Vec<String>,
    conflicts: Vec<String>,
}

/// Imports journeys, care leavers and the years of the return, in one
/// transaction; returns how many children. A child already held (by
/// identifier) is joined when the import is a return of a year not yet
/// imported for them and their date of birth agrees: the later return
/// continues their history ([`CareJourney::join_later`]). Everything that
/// cannot be joined is listed and nothing is imported.
pub fn import_records(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    records: ImportRecords<'_>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<u64, AppError> {
    const CHUNK: usize = 2_000;
    let ImportRecords {
        journeys,
        leavers,
        census,
        year_start,
    } = records;
    let total = journeys.len() + leavers.len();
    store.write(|tx| {
        let ids: Vec<&str> = journeys
            .iter()
            .map(|j| j.id().as_str())
            .chain(leavers.iter().map(|l| l.id().as_str()))
            .collect();
        let held = tx.held_ids(&ids)?;
        let plan = if held.is_empty() {
            None
        } else {
            let Some(year_start) = year_start else {
                return Err(already_held(&held));
            };
            Some(plan(tx, records, &held, year_start, clock.today())?)
        };
        if let Some(p) = plan.as_ref().filter(|p| !p.conflicts.is_empty()) {
            let shown: Vec<&str> = p.conflicts.iter().take(20).map(String::as_str).collect();
            return Err(AppError::Invalid(format!(
                "{} children of the return do not agree with the records; nothing was imported. {}{}",
                p.conflicts.len(),
                shown.join("; "),
                if p.conflicts.len() > 20 { "; ..." } else { "" }
            )));
        }
        let (fresh, joined, new_leavers): (&[CareJourney], &[CareJourney], &[CareLeaver]) =
            match &plan {
                None => (journeys, &[], leavers),
                Some(p) => (&p.fresh, &p.joined, &p.new_leavers),
            };
        add_workers(tx, fresh.iter().chain(joined))?;
        let mut done = 0;
        for chunk in fresh.chunks(CHUNK) {
            done += tx.insert_journeys(chunk, clock.now())? as usize;
            audit_all(tx, actor, clock, "import_journey", chunk.iter().map(CareJourney::id))?;
            progress(done, total);
        }
        for chunk in joined.chunks(CHUNK) {
            done += tx.replace_journeys(chunk, clock.now())? as usize;
            audit_all(tx, actor, clock, "join_journey", chunk.iter().map(CareJourney::id))?;
            progress(done, total);
        }
        if let Some(p) = &plan {
            let gone: Vec<&str> = p.no_longer_leavers.iter().map(String::as_str).collect();
            tx.delete_care_leavers(&gone)?;
        }
        tx.insert_care_leavers(new_leavers, clock.now())?;
        audit_all(
            tx,
            actor,
            clock,
            "import_care_leaver",
            new_leavers.iter().map(CareLeaver::id),
        )?;
        tx.insert_census(census)?;
        progress(total, total);
        // The tracking list is rebuilt in the same transaction, so a killed
        // import leaves neither the children nor a stale list.
        permanence::rebuild_tracking_in(tx)?;
        Ok::<_, AppError>(())
    })?;
    Ok(total as u64)
}

fn already_held(held: &[String]) -> AppError {
    let shown: Vec<&str> = held.iter().take(10).map(String::as_str).collect();
    AppError::Invalid(format!(
        "{} children in the return are already held ({}{}); nothing was imported. Import adds children the service does not hold yet.",
        held.len(),
        shown.join(", "),
        if held.len() > 10 { ", ..." } else { "" }
    ))
}

/// Sorts the children of a return some of whom are held: new, joined to
/// their journey, care leavers; and lists what does not agree.
fn plan(
    tx: &mut store::Tx<'_>,
    records: ImportRecords<'_>,
    held: &[String],
    year_start: NaiveDate,
    today: NaiveDate,
) -> Result<Plan, AppError> {
    let held_refs: Vec<&str> = held.iter().map(String::as_str).collect();
    let year = year_start.year();
    let mut plan = Plan::default();
    for id in tx.census_held(&held_refs, year)? {
        plan.conflicts.push(format!(
            "child {id}: the {year}-{:02} return is already imported",
            (year + 1) % 100
        ));
    }
    let mut journeys: HashMap<ChildId, CareJourney> = HashMap::new();
    for chunk in held.chunks(ID_BATCH) {
        let ids: Vec<ChildId> = chunk
            .iter()
            .filter_map(|id| ChildId::parse(id).ok())
            .collect();
        for v in tx.journeys(&ids)? {
            journeys.insert(v.value.id().clone(), v.value);
        }
    }
    let leavers: HashMap<ChildId, CareLeaver> = tx
        .care_leavers_of(&held_refs)?
        .into_iter()
        .map(|l| (l.id().clone(), l))
        .collect();
    let dob_of = |id: &ChildId| {
        journeys
            .get(id)
            .map(|j| j.child().date_of_birth)
            .or_else(|| leavers.get(id).map(|l| l.child.date_of_birth))
    };
    let differs = |id: &ChildId, dob: NaiveDate, conflicts: &mut Vec<String>| {
        let found = dob_of(id).is_some_and(|held| held != dob);
        if found {
            conflicts.push(format!(
                "child {id}: the date of birth differs from the one held"
            ));
        }
        found
    };
    for j in records.journeys {
        if differs(j.id(), j.child().date_of_birth, &mut plan.conflicts) {
            continue;
        }
        if let Some(earlier) = journeys.get(j.id()) {
            match earlier.join_later(j.clone(), year_start, today) {
                Ok(joined) => plan.joined.push(joined),
                Err(e) => plan
                    .conflicts
                    .push(format!("child {}: joined to the records, {e}", j.id())),
            }
        } else {
            if leavers.contains_key(j.id()) {
                plan.no_longer_leavers.push(j.id().as_str().to_owned());
            }
            plan.fresh.push(j.clone());
        }
    }
    let held_set: HashSet<&str> = held_refs.iter().copied().collect();
    for l in records.leavers {
        if !differs(l.id(), l.child.date_of_birth, &mut plan.conflicts)
            && !held_set.contains(l.id().as_str())
        {
            plan.new_leavers.push(l.clone());
        }
    }
    Ok(plan)
}

fn add_workers<'a>(
    tx: &mut store::Tx<'_>,
    journeys: impl Iterator<Item = &'a CareJourney>,
) -> Result<(), AppError> {
    let known: HashSet<String> = tx.workers()?.into_iter().map(|w| w.id).collect();
    let new_workers: Vec<Worker> = journeys
        .flat_map(|j| j.social_workers().iter().map(|s| s.worker_id.clone()))
        .filter(|w| !known.contains(w))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|id| Worker {
            id,
            team: IMPORTED_TEAM.to_owned(),
        })
        .collect();
    tx.insert_workers(&new_workers)?;
    Ok(())
}

fn audit_all<'a>(
    tx: &mut store::Tx<'_>,
    actor: &Actor,
    clock: &dyn Clock,
    action: &str,
    ids: impl Iterator<Item = &'a ChildId>,
) -> Result<(), AppError> {
    let events: Vec<AuditEvent> = ids
        .map(|id| audit_event(actor, clock, action, id, "{}".to_owned()))
        .collect();
    tx.append_all(&events)?;
    Ok(())
}
