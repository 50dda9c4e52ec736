//! The worklist: deadlines overdue or due soon and the drift alerts, for a
//! team, a worker or the whole service.
//!
//! It is computed from the journeys of the scope's children only (a team's,
//! not the council's), once for each scope and day, and kept until any of
//! those children is added or saved or a worker changes team (a stamp read
//! with each request). One computation runs at a time, so a hundred people
//! opening the worklist together compute it once, and a page costs a stamp,
//! a filter and its rows.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use chrono::NaiveDate;
use domain::audit::AuditEvent;
use domain::subjects::{SubjectItem, sort_items};
use domain::time::Clock;
use domain::worklist::{DriftAlert, Scope, WorkItem};
use store::{
    HouseholdRepository, PermanenceRepository, RecordKind, StaffRepository, Store, TeamRepository,
};

use crate::{AppError, cases_of, list_team};

/// A scope's worklist on a day: the items and the drift alerts.
pub type Computed = Arc<(Vec<WorkItem>, Vec<DriftAlert>)>;

/// How many scopes' worklists are kept (the least recently used goes).
const KEPT_SCOPES: usize = 64;

pub(crate) struct Kept<T = Computed> {
    stamp: String,
    used: Instant,
    value: T,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn kept() -> &'static Mutex<HashMap<String, Kept>> {
    static KEPT: std::sync::OnceLock<Mutex<HashMap<String, Kept>>> = std::sync::OnceLock::new();
    KEPT.get_or_init(Default::default)
}

/// The stamp of a scope's children and of the workers (the worklist
/// computed at one stamp holds while the stamp does), with the teams' names.
/// Both stamps are totals the database reads from an index, without rows;
/// the names are read again only when the workers' stamp changes.
fn stamp(store: &Store, team: Option<&str>) -> Result<(String, Teams), AppError> {
    store.read(|tx| {
        let children = tx.children_stamp(team)?;
        let workers = tx.workers_stamp()?;
        let teams = {
            let names = lock(team_names());
            names
                .get(&store.id())
                .filter(|(at, _)| *at == workers)
                .map(|(_, teams)| teams.clone())
        };
        let teams = match teams {
            Some(teams) => teams,
            None => {
                let teams: Teams = tx.team_names()?.into();
                lock(team_names()).insert(store.id(), (workers.clone(), teams.clone()));
                teams
            }
        };
        Ok::<_, AppError>((format!("{children}/{workers}"), teams))
    })
}

/// The teams' names, shared by the requests that show them.
pub type Teams = Arc<[String]>;

/// The teams' names of each open database with the workers' stamp they
/// were read at.
fn team_names() -> &'static Mutex<HashMap<u64, (String, Teams)>> {
    static NAMES: std::sync::OnceLock<Mutex<HashMap<u64, (String, Teams)>>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(Default::default)
}

/// A scope's worklist on a day, computed or kept.
pub fn computed_worklist(
    store: &Store,
    scope: &Scope,
    as_of: NaiveDate,
) -> Result<Computed, AppError> {
    Ok(with_teams(store, scope, as_of)?.0)
}

/// A scope's worklist on a day, computed or kept, with the teams' names
/// (read with the stamp, in the same transaction).
fn with_teams(
    store: &Store,
    scope: &Scope,
    as_of: NaiveDate,
) -> Result<(Computed, Teams), AppError> {
    let team = match scope {
        Scope::Team(t) => Some(t.as_str()),
        Scope::Service | Scope::Worker(_) => None,
    };
    let key = format!("{}/{scope:?}@{as_of}", store.id());
    let (now, teams) = stamp(store, team)?;
    let found = |now: &str| {
        let mut all = lock(kept());
        all.get_mut(&key).filter(|k| k.stamp == now).map(|k| {
            k.used = Instant::now();
            k.value.clone()
        })
    };
    if let Some(value) = found(&now) {
        return Ok((value, teams));
    }
    static COMPUTING: Mutex<()> = Mutex::new(());
    let _turn = lock(&COMPUTING);
    // Someone may have computed it while this request waited its turn.
    let (now, teams) = stamp(store, team)?;
    if let Some(value) = found(&now) {
        return Ok((value, teams));
    }
    let (journeys, workers) =
        store.read(|tx| Ok::<_, AppError>((tx.team_journeys(team)?, tx.workers()?)))?;
    let of_worker: HashMap<String, String> = workers.into_iter().map(|w| (w.id, w.team)).collect();
    let journeys: Vec<_> = journeys.into_iter().map(|v| v.value).collect();
    let value = Arc::new(domain::worklist::review(
        &cases_of(&journeys, &of_worker),
        scope,
        as_of,
    ));
    keep(kept(), key, now, value.clone());
    Ok((value, teams))
}

/// The service's worklist and drift alerts on a date, for a scope.
pub fn worklist(
    store: &Store,
    scope: &Scope,
    as_of: NaiveDate,
) -> Result<(Vec<WorkItem>, Vec<DriftAlert>), AppError> {
    let c = computed_worklist(store, scope, as_of)?;
    Ok((c.0.clone(), c.1.clone()))
}

/// What the worklist page shows a user: the deadlines overdue or due soon
/// and the drift alerts of the children they may see (their team's, or the
/// team they chose, or the whole service), with the teams they may choose.
#[derive(Debug, Clone)]
pub struct WorklistView {
    /// The items and the drift alerts, shared with other requests.
    pub computed: Computed,
    /// The team the list is limited to, if any.
    pub team: Option<String>,
    /// Every team's name, for choosing one.
    pub teams: Teams,
}

impl WorklistView {
    pub fn items(&self) -> &[WorkItem] {
        &self.computed.0
    }

    pub fn drift(&self) -> &[DriftAlert] {
        &self.computed.1
    }

    /// The items of one worker's cases ("My cases").
    pub fn of_worker(&self, worker: &str) -> impl Iterator<Item = &WorkItem> {
        self.items()
            .iter()
            .filter(move |i| i.worker.as_deref() == Some(worker))
    }
}

/// The worklist for a signed-in user: limited to their team for team roles,
/// else to the team they chose or the whole service; audited as a list view
/// (how many items, never which children).
pub fn worklist_for(
    store: &Store,
    user: &domain::access::User,
    clock: &dyn Clock,
    chosen_team: Option<String>,
    from: &str,
) -> Result<WorklistView, AppError> {
    let team = list_team(user, chosen_team, "see the worklist")?;
    let scope = team.clone().map_or(Scope::Service, Scope::Team);
    let (computed, teams) = with_teams(store, &scope, clock.today())?;
    let details = serde_json::json!({ "items": computed.0.len(), "from": from }).to_string();
    // Committed with the other reads' events of the moment, before the
    // page is sent.
    store.append_audit(AuditEvent {
        at: clock.now(),
        actor: user.username.clone(),
        action: "view_worklist".to_owned(),
        record_type: "worklist".to_owned(),
        record_id: team.clone().unwrap_or_else(|| "service".to_owned()),
        details,
    })?;
    Ok(WorklistView {
        computed,
        team,
        teams,
    })
}

/// The worklist lines about subjects other than children that a user
/// sees: the households' (their roles' deadlines, their members' checks),
/// the agency's records' and the complaints', most urgent first.
pub type SubjectLines = Arc<Vec<SubjectItem>>;

/// What is kept of the subjects' lines: by database, scope and day, with
/// the stamp of the households, agency records and complaints they were
/// computed at.
fn kept_lines() -> &'static Mutex<HashMap<String, Kept<SubjectLines>>> {
    static KEPT: std::sync::OnceLock<Mutex<HashMap<String, Kept<SubjectLines>>>> =
        std::sync::OnceLock::new();
    KEPT.get_or_init(Default::default)
}

/// The scope of the lines of a kind of record a user keeps with
/// `permission`: a team manager's team, else the team chosen or the
/// service; `None` for a user without it.
fn keeper_scope(
    user: &domain::access::User,
    permission: domain::access::Permission,
    chosen: &Option<String>,
) -> Option<Scope> {
    if !user.may(permission) {
        return None;
    }
    Some(match (user.role, &user.team, chosen) {
        (domain::roles::Role::TeamManager, Some(team), _) => Scope::Team(team.clone()),
        (_, _, Some(t)) if !t.is_empty() => Scope::Team(t.clone()),
        _ => Scope::Service,
    })
}

/// The lines about households, agency records and complaints a user
/// sees (for the team they chose, if they may choose), kept for each scope
/// and day until a household, an agency record or a complaint is added or
/// saved: a request costs three totals read from indexes. Read only: the
/// worklist page audits its view once.
pub fn subject_worklist(
    store: &Store,
    user: &domain::access::User,
    clock: &dyn Clock,
    chosen_team: Option<String>,
) -> Result<SubjectLines, AppError> {
    use domain::access::Permission::{KeepAgencyRecords, WorkOnComplaints};
    let today = clock.today();
    let households = crate::households::household_key(user, chosen_team.clone());
    let agency = keeper_scope(user, KeepAgencyRecords, &chosen_team);
    let complaints = keeper_scope(user, WorkOnComplaints, &chosen_team);
    let contact = crate::list_team(user, chosen_team.clone(), "see the worklist")
        .ok()
        .map(|t| t.map_or(Scope::Service, Scope::Team));
    let key = format!(
        "{}/{households:?}/{agency:?}/{complaints:?}/{contact:?}@{today}",
        store.id()
    );
    let now = store.read(|tx| {
        Ok::<_, AppError>(format!(
            "{}/{}/{}/{}/{}/{}/{}/{}/{}",
            tx.households_stamp()?,
            tx.records_stamp(RecordKind::AdoptionMatch)?,
            tx.records_stamp(RecordKind::FosterCarer)?,
            tx.records_stamp(RecordKind::AgencyRecord)?,
            tx.records_stamp(RecordKind::TrainingProgramme)?,
            tx.records_stamp(RecordKind::Complaint)?,
            tx.records_stamp(RecordKind::Letterbox)?,
            tx.records_stamp(RecordKind::MissingRecord)?,
            life_story_stamp(tx)?
        ))
    })?;
    if let Some(k) = lock(kept_lines()).get_mut(&key).filter(|k| k.stamp == now) {
        k.used = Instant::now();
        return Ok(k.value.clone());
    }
    let mut lines = store.read(|tx| {
        let mut lines = crate::households::household_lines(tx, user, chosen_team, today)?;
        if let Some(scope) = &agency {
            lines.extend(crate::agency::agency_lines(tx, scope, today)?);
            lines.extend(crate::agency::programme_lines(tx, scope, today)?);
        }
        if let Some(scope) = &complaints {
            lines.extend(crate::complaints::complaint_lines(tx, scope, today)?);
        }
        if let Some(scope) = &contact {
            lines.extend(crate::contact::contact_lines(tx, scope, today)?);
        }
        Ok::<_, AppError>(lines)
    })?;
    sort_items(&mut lines);
    let value = Arc::new(lines);
    keep(kept_lines(), key, now, value.clone());
    Ok(value)
}

/// CONT-002's lines change with the life story records and the adoption
/// pathways (and the matches, whose stamp the key already holds).
fn life_story_stamp(tx: &mut store::Tx<'_>) -> Result<String, AppError> {
    Ok(format!(
        "{}/{}",
        tx.records_stamp(RecordKind::LifeStory)?,
        tx.records_stamp(RecordKind::AdoptionPathway)?
    ))
}

/// Keeps `value` at `stamp`, the least recently used going when full.
pub(crate) fn keep<T>(all: &Mutex<HashMap<String, Kept<T>>>, key: String, stamp: String, value: T) {
    let mut all = lock(all);
    if all.len() >= KEPT_SCOPES
        && let Some(oldest) = all
            .iter()
            .min_by_key(|(_, k)| k.used)
            .map(|(k, _)| k.clone())
    {
        all.remove(&oldest);
    }
    all.insert(
        key,
        Kept {
            stamp,
            used: Instant::now(),
            value,
        },
    );
}

/// The value kept under `key` if it was computed at `stamp` (marking it
/// used), else `None`.
pub(crate) fn kept_value<T: Clone>(
    all: &Mutex<HashMap<String, Kept<T>>>,
    key: &str,
    stamp: &str,
) -> Option<T> {
    let mut all = lock(all);
    all.get_mut(key).filter(|k| k.stamp == stamp).map(|k| {
        k.used = Instant::now();
        k.value.clone()
    })
}
