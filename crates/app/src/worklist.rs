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
use domain::time::Clock;
use domain::worklist::{DriftAlert, Scope, WorkItem};
use store::{StaffRepository, Store, TeamRepository};

use crate::{AppError, cases_of, list_team};

/// A scope's worklist on a day: the items and the drift alerts.
pub type Computed = Arc<(Vec<WorkItem>, Vec<DriftAlert>)>;

/// How many scopes' worklists are kept (the least recently used goes).
const KEPT_SCOPES: usize = 64;

struct Kept {
    stamp: String,
    used: Instant,
    value: Computed,
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
    let mut all = lock(kept());
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
            stamp: now,
            used: Instant::now(),
            value: value.clone(),
        },
    );
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
