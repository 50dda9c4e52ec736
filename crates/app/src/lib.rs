//! The use cases of the service: one function per thing a person does.
//!
//! Each takes the store, the actor on whose behalf it runs and a clock, and
//! runs as one transaction: the change to the record and its audit event are
//! written together or not at all. Changes to an existing record carry the
//! version the person saw; a stale one is refused, never overwritten.

pub mod adoption;
pub mod agency;
mod audit;
pub mod auth;
pub mod casework;
pub mod census;
mod child_documents;
pub mod complaints;
pub mod contact;
mod council;
pub mod education;
pub mod fostering;
pub mod health;
pub mod households;
mod import;
pub mod leavers;
pub mod passport;
pub mod people;
pub mod permanence;
pub mod reporting;
mod worklist;

pub use import::{IMPORTED_TEAM, ImportRecords, import_journeys, import_records};

pub use audit::{
    SubjectRecords, audit_actions, audit_export, audit_log, find_subject, record_refusal,
    record_refused_action, record_unauthenticated, subject_access,
};
pub use council::{CouncilLoad, load_whole_council};
/// The store's types the callers of the use cases name: the store itself (to
/// hand to a use case), a record at its version, and the filters and rows of
/// the lists. The web reaches the data only through the use cases here.
pub use store::{
    AuditFilter, ChildFilter, ChildSearch, ChildSort, ChildSummary, Record, Store, StoreError,
    Versioned,
};
pub use worklist::{
    SubjectLines, WorklistView, computed_worklist, subject_worklist, worklist, worklist_for,
};

use chrono::NaiveDate;
use domain::audit::{Actor, AuditEvent};
use domain::child::{Child, ChildId};
use domain::codes::{LegalStatus, ReasonEpisodeCeased, ReasonPlacementChange};
use domain::journey::{
    Admission, CareJourney, EpisodeChange, JourneyChange, JourneyError, Placement, Review,
};
use domain::roles::Worker;
use domain::time::Clock;
use store::{AuditLog, ChildRepository, StaffRepository};

/// The system's own clock, for the running service. Tests pass a fixed one.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> domain::time::Timestamp {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        chrono::DateTime::from_timestamp(since_epoch.as_secs() as i64, 0).unwrap_or_default()
    }
}

/// The system's clock moved to another day, for training, demonstrations
/// and tests that must see time pass (a panel meeting held after its papers).
pub struct ShiftedClock {
    days: i64,
}

impl ShiftedClock {
    /// A clock on which today is `today`, keeping the time of day.
    pub fn to(today: NaiveDate) -> Self {
        Self {
            days: (today - SystemClock.today()).num_days(),
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> domain::time::Timestamp {
        SystemClock.now() + chrono::Duration::days(self.days)
    }
}

/// Why a use case did not happen. Nothing was changed in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Journey(#[from] JourneyError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("child {0} was not found")]
    ChildNotFound(ChildId),
    /// A record other than a child's: "referral C1-R01 was not found".
    #[error("{0} was not found")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("you do not have permission to {0}")]
    Forbidden(&'static str),
}

/// The record type every care-journey audit event names.
pub const CHILD_RECORD: &str = "child";

/// What a user was refused when a child's record is not theirs to open: the
/// use case has audited it already, with the child (`view_child_denied`).
const OPEN_CHILD_RECORD: &str = "open this child's record";

impl AppError {
    /// Whether this is a refusal the use case has audited itself, with the
    /// record it refused, so that the caller does not audit it again.
    pub fn refusal_audited(&self) -> bool {
        matches!(self, AppError::Forbidden(what) if *what == OPEN_CHILD_RECORD)
    }
}

fn audit_event(
    actor: &Actor,
    clock: &dyn Clock,
    action: &str,
    id: &ChildId,
    details: String,
) -> AuditEvent {
    // Where the change came from joins what changed, when it is known.
    let details = match &actor.from {
        Some(from) => match serde_json::from_str::<serde_json::Value>(&details) {
            Ok(serde_json::Value::Object(mut map)) => {
                map.insert("from".to_owned(), serde_json::Value::String(from.clone()));
                serde_json::Value::Object(map).to_string()
            }
            _ => details,
        },
        None => details,
    };
    AuditEvent {
        at: clock.now(),
        actor: actor.user_id.clone(),
        action: action.to_owned(),
        record_type: CHILD_RECORD.to_owned(),
        record_id: id.as_str().to_owned(),
        details,
    }
}

fn change_details(change: &JourneyChange) -> String {
    serde_json::to_string(change).expect("journey changes serialise")
}

/// Admits a child to care: a new child's journey starts, or a child known to
/// the service starts a new period of care.
pub fn admit_to_care(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    child: Child,
    admission: Admission,
) -> Result<Versioned<CareJourney>, AppError> {
    let today = clock.today();
    store.write(|tx| {
        let (journey, change, version) = match tx.journey(&child.id)? {
            None => {
                let (journey, change) = CareJourney::admit(child, admission, today)?;
                tx.insert_journey(&journey, clock.now())?;
                (journey, change, 1)
            }
            Some(known) => {
                let (journey, change) = known.value.readmit(admission, today)?;
                let version = tx.update_journey(&journey, known.version, clock.now())?;
                (journey, change, version)
            }
        };
        tx.append(&audit_event(
            actor,
            clock,
            "admit_to_care",
            journey.id(),
            change_details(&change),
        ))?;
        Ok(Versioned {
            value: journey,
            version,
        })
    })
}

/// Applies one transition to a child's journey, if it is still at the
/// version the person saw, and audits it.
fn change_journey(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ChildId,
    expected_version: i64,
    action: &str,
    transition: impl FnOnce(
        &CareJourney,
        NaiveDate,
    ) -> Result<(CareJourney, JourneyChange), JourneyError>,
) -> Result<Versioned<CareJourney>, AppError> {
    store.write(|tx| {
        let current = tx
            .journey(id)?
            .ok_or_else(|| AppError::ChildNotFound(id.clone()))?;
        if current.version != expected_version {
            return Err(StoreError::Stale {
                record: format!("child {id}"),
                expected: expected_version,
                found: current.version,
            }
            .into());
        }
        let (journey, change) = transition(&current.value, clock.today())?;
        let version = tx.update_journey(&journey, expected_version, clock.now())?;
        tx.append(&audit_event(
            actor,
            clock,
            action,
            id,
            change_details(&change),
        ))?;
        Ok(Versioned {
            value: journey,
            version,
        })
    })
}

/// A move to a new placement.
#[derive(Debug, Clone)]
pub struct PlacementMove {
    pub date: NaiveDate,
    pub placement: Placement,
    pub same_carers: bool,
    pub reason: ReasonPlacementChange,
}

/// Changes a child's placement from a date.
pub fn change_placement(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ChildId,
    expected_version: i64,
    change: PlacementMove,
) -> Result<Versioned<CareJourney>, AppError> {
    change_journey(
        store,
        actor,
        clock,
        id,
        expected_version,
        "change_placement",
        |j, today| {
            j.change_episode(
                EpisodeChange {
                    date: change.date,
                    legal_status: None,
                    placement: Some(change.placement),
                    same_carers: change.same_carers,
                    reason_placement_change: Some(change.reason),
                },
                today,
            )
        },
    )
}

/// Changes a child's legal status from a date (an order made, revoked or replaced).
pub fn change_legal_status(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ChildId,
    expected_version: i64,
    date: NaiveDate,
    legal_status: LegalStatus,
) -> Result<Versioned<CareJourney>, AppError> {
    change_journey(
        store,
        actor,
        clock,
        id,
        expected_version,
        "change_legal_status",
        |j, today| {
            j.change_episode(
                EpisodeChange {
                    date,
                    legal_status: Some(legal_status),
                    placement: None,
                    same_carers: false,
                    reason_placement_change: None,
                },
                today,
            )
        },
    )
}

/// Ends a child's current period of care.
pub fn end_episode(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ChildId,
    expected_version: i64,
    date: NaiveDate,
    reason: ReasonEpisodeCeased,
) -> Result<Versioned<CareJourney>, AppError> {
    change_journey(
        store,
        actor,
        clock,
        id,
        expected_version,
        "end_episode",
        |j, today| j.leave_care(date, reason, today),
    )
}

/// Records a looked-after review.
pub fn record_review(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ChildId,
    expected_version: i64,
    review: Review,
) -> Result<Versioned<CareJourney>, AppError> {
    change_journey(
        store,
        actor,
        clock,
        id,
        expected_version,
        "record_review",
        |j, today| j.record_review(review, today),
    )
}

/// Opens a child's record. Every read of a child's record is audited.
pub fn view_child(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    id: &ChildId,
) -> Result<Versioned<CareJourney>, AppError> {
    store.write(|tx| {
        let journey = tx
            .journey(id)?
            .ok_or_else(|| AppError::ChildNotFound(id.clone()))?;
        tx.append(&audit_event(
            actor,
            clock,
            "view_child",
            id,
            "{}".to_owned(),
        ))?;
        Ok(journey)
    })
}

/// A page of the list of children, with the number matching the filter.
pub fn list_children(
    store: &Store,
    filter: ChildFilter,
    page: i64,
    per_page: i64,
) -> Result<(Vec<ChildSummary>, i64), AppError> {
    store.read(|tx| {
        let total = tx.count_children(filter)?;
        let rows = tx.list_children(filter, (page.max(1) - 1) * per_page, per_page)?;
        Ok((rows, total))
    })
}

/// Loads a council (its workers and its children's journeys) into an empty
/// store, each child with an audit event naming the loading process, all in
/// one transaction: either everything is loaded or nothing is. `progress`
/// hears (done, total) as the work goes.
pub fn load_council(
    store: &Store,
    actor: &Actor,
    clock: &dyn Clock,
    workers: &[Worker],
    journeys: &[CareJourney],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<u64, AppError> {
    store.write(|tx| load_council_in(tx, actor, clock, workers, journeys, progress))
}

/// [`load_council`] within the caller's transaction.
pub(crate) fn load_council_in(
    tx: &mut store::Tx<'_>,
    actor: &Actor,
    clock: &dyn Clock,
    workers: &[Worker],
    journeys: &[CareJourney],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<u64, AppError> {
    const CHUNK: usize = 2_000;
    let existing = tx.count_children(ChildFilter::All)?;
    if existing > 0 {
        return Err(StoreError::AlreadyExists {
            record: format!("a register of {existing} children (load into an empty database)"),
        }
        .into());
    }
    tx.insert_workers(workers)?;
    let mut loaded = 0;
    for chunk in journeys.chunks(CHUNK) {
        loaded += tx.insert_journeys(chunk, clock.now())?;
        let events: Vec<AuditEvent> = chunk
            .iter()
            .map(|j| audit_event(actor, clock, "load_journey", j.id(), "{}".to_owned()))
            .collect();
        tx.append_all(&events)?;
        progress(loaded as usize, journeys.len());
    }
    // The summaries were computed with these rules as the journeys were saved.
    tx.set_setting("deadline_rules", &rules_fingerprint())?;
    Ok(loaded)
}

/// The names of the council's teams, in order (for the lists' team filters).
pub fn team_names(store: &Store) -> Result<Vec<String>, AppError> {
    let teams: std::collections::BTreeSet<String> = store
        .read(|tx| tx.workers())?
        .into_iter()
        .map(|w| w.team)
        .collect();
    Ok(teams.into_iter().collect())
}

/// A child's open deadlines (not yet met), soonest first.
pub fn open_deadlines(journey: &CareJourney) -> Vec<domain::deadlines::Deadline> {
    open_deadlines_with(journey, &[])
}

/// A child's open deadlines, counting also what the child's years of the
/// return state (the decision to place for adoption, the match).
pub fn open_deadlines_with(
    journey: &CareJourney,
    years: &[domain::census::CensusYear],
) -> Vec<domain::deadlines::Deadline> {
    let mut events = journey.events();
    events.extend(years.iter().flat_map(domain::census::CensusYear::events));
    events.sort();
    events.dedup();
    let mut open: Vec<_> = domain::deadlines::open_deadlines(
        &domain::deadline_rules::RULES,
        &events,
        domain::deadlines::SubjectFacts {
            date_of_birth: Some(journey.child().date_of_birth),
        },
    )
    .into_iter()
    .filter(|d| d.met.is_none())
    .collect();
    open.sort_by_key(|d| d.due);
    open
}

/// Every child's journey (for reports and returns).
pub fn cases_journeys(store: &Store) -> Result<Vec<CareJourney>, AppError> {
    let journeys = store.read(|tx| tx.all_journeys())?;
    Ok(journeys.into_iter().map(|v| v.value).collect())
}

/// Every child as a case for the deadline engine, with the worker allocated
/// now (or last) and that worker's team.
pub fn cases(store: &Store) -> Result<Vec<domain::worklist::Case>, AppError> {
    let (journeys, workers) =
        store.read(|tx| Ok::<_, AppError>((tx.all_journeys()?, tx.workers()?)))?;
    let teams: std::collections::HashMap<String, String> =
        workers.into_iter().map(|w| (w.id, w.team)).collect();
    let journeys: Vec<CareJourney> = journeys.into_iter().map(|v| v.value).collect();
    Ok(cases_of(&journeys, &teams))
}

/// Journeys as cases for the deadline engine, built across the machine's cores.
pub fn cases_of(
    journeys: &[CareJourney],
    teams: &std::collections::HashMap<String, String>,
) -> Vec<domain::worklist::Case> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = journeys.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let parts: Vec<_> = journeys
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|j| case_of(j, teams)).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().expect("building cases does not panic"))
            .collect()
    })
}

/// A journey as a case for the deadline engine.
pub fn case_of(
    journey: &CareJourney,
    teams: &std::collections::HashMap<String, String>,
) -> domain::worklist::Case {
    let worker = journey.social_workers().last().map(|s| s.worker_id.clone());
    domain::worklist::Case {
        id: journey.id().as_str().to_owned(),
        name: journey.child().name.full(),
        team: worker.as_ref().and_then(|w| teams.get(w).cloned()),
        worker,
        facts: domain::deadlines::SubjectFacts {
            date_of_birth: Some(journey.child().date_of_birth),
        },
        events: journey.events(),
    }
}

/// Loads records made elsewhere (the demo council's) at version 1, with
/// one audit event `action` counting them under `counted`.
pub(crate) fn load_records<T: serde::Serialize>(
    store: &Store,
    actor: &Actor,
    clock: &dyn domain::time::Clock,
    kind: store::RecordKind,
    rows: &[Record<T>],
    (action, record_type, counted): (&str, &str, &str),
) -> Result<usize, AppError> {
    use store::{AuditLog, PermanenceRepository};
    store.write(|tx| {
        tx.insert_records(kind, rows)?;
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: actor.user_id.clone(),
            action: action.into(),
            record_type: record_type.into(),
            record_id: String::new(),
            details: serde_json::json!({ counted: rows.len() }).to_string(),
        })?;
        Ok(rows.len())
    })
}

/// Whether a user may see a child's records: by role, and for team roles,
/// only children allocated to a worker in their team. Every use case that
/// opens or changes a child's records asks this, in its transaction.
pub(crate) fn may_see_child(
    tx: &mut store::Tx<'_>,
    user: &domain::access::User,
    id: &ChildId,
) -> Result<bool, StoreError> {
    use domain::access::ChildScope;
    Ok(match user.child_scope() {
        ChildScope::Everyone => true,
        ChildScope::NoOne => false,
        ChildScope::Team(team) => tx.child_team(id)?.as_deref() == Some(team.as_str()),
    })
}

/// The team a list of children is limited to for a user: their own team for
/// team roles, else the team they chose (`None`: the whole council). Refused
/// for a user who may see no child's records.
pub(crate) fn list_team(
    user: &domain::access::User,
    chosen: Option<String>,
    what: &'static str,
) -> Result<Option<String>, AppError> {
    use domain::access::ChildScope;
    match user.child_scope() {
        ChildScope::Team(team) => Ok(Some(team)),
        ChildScope::Everyone => Ok(chosen.filter(|t| !t.is_empty())),
        ChildScope::NoOne => Err(AppError::Forbidden(what)),
    }
}

/// Opens a child's record for a signed-in user, auditing the read, or the
/// refusal if the child is not theirs to see.
pub fn open_child(
    store: &Store,
    user: &domain::access::User,
    clock: &dyn Clock,
    id: &ChildId,
    from: &str,
) -> Result<Versioned<CareJourney>, AppError> {
    read_child_record(store, (user, clock, from), id, "view_child", |tx| {
        tx.journey(id)?
            .ok_or_else(|| AppError::ChildNotFound(id.clone()))
    })
}

/// Reads part of a child's record with `read` for a user who may see the
/// child, auditing the read as `event` in the same transaction, or the
/// refusal if the child is not theirs to see.
pub(crate) fn read_child_record<T>(
    store: &Store,
    (user, clock, from): (&domain::access::User, &dyn Clock, &str),
    id: &ChildId,
    event: &str,
    mut read: impl FnMut(&mut store::Tx<'_>) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let actor = Actor::new(user.username.clone());
    let details = serde_json::json!({ "from": from }).to_string();
    let outcome = store.write(|tx| {
        if !may_see_child(tx, user, id)? {
            return Ok(None);
        }
        let found = read(tx)?;
        tx.append(&audit_event(&actor, clock, event, id, details.clone()))?;
        Ok::<_, AppError>(Some(found))
    })?;
    match outcome {
        Some(found) => Ok(found),
        None => {
            store.write(|tx| {
                tx.append(&audit_event(
                    &actor,
                    clock,
                    "view_child_denied",
                    id,
                    details.clone(),
                ))
            })?;
            Err(AppError::Forbidden(OPEN_CHILD_RECORD))
        }
    }
}

/// Searches the children a user may see, auditing the search (its kind and
/// number of results, not the words searched for, which may be a name).
pub fn search_children(
    store: &Store,
    user: &domain::access::User,
    clock: &dyn Clock,
    mut search: store::ChildSearch,
    page: i64,
    per_page: i64,
    from: &str,
) -> Result<(Vec<ChildSummary>, i64), AppError> {
    use domain::access::ChildScope;
    match user.child_scope() {
        ChildScope::NoOne => return Err(AppError::Forbidden("search children's records")),
        ChildScope::Team(team) => search.team = Some(team),
        ChildScope::Everyone => {}
    }
    let kind = if search.text.trim().is_empty() {
        "list"
    } else if domain::time::parse_uk_date("q", &search.text).is_ok()
        || domain::time::parse_iso_date("q", &search.text).is_ok()
    {
        "date_of_birth"
    } else if ChildId::parse(&search.text).is_ok()
        && search.text.chars().any(|c| c.is_ascii_digit())
    {
        "identifier"
    } else {
        "name"
    };
    store.write(|tx| {
        let (rows, total) = tx.search_children(&search, (page.max(1) - 1) * per_page, per_page)?;
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: user.username.clone(),
            action: if kind == "list" {
                "list_children"
            } else {
                "search_children"
            }
            .to_owned(),
            record_type: "children".to_owned(),
            record_id: String::new(),
            details: format!("{{\"kind\":\"{kind}\",\"results\":{total},\"from\":\"{from}\"}}"),
        })?;
        Ok((rows, total))
    })
}

/// A fingerprint of the deadline rules, to notice when a new version changes them.
pub fn rules_fingerprint() -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    format!("{:?}", *domain::deadline_rules::RULES).hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Recomputes the children's next deadlines if the deadline rules have
/// changed since they were last computed; returns how many were refreshed.
pub fn refresh_deadlines_if_rules_changed(store: &Store) -> Result<usize, AppError> {
    let fingerprint = rules_fingerprint();
    store.write(|tx| {
        if tx.setting("deadline_rules")?.as_deref() == Some(fingerprint.as_str()) {
            return Ok(0);
        }
        let n = tx.refresh_next_deadlines()?;
        tx.set_setting("deadline_rules", &fingerprint)?;
        Ok(n)
    })
}
