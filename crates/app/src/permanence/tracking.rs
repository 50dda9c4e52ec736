//! The tracking list (TRACK-002): each child's tracking facts, kept as one
//! row per child and refreshed in the transaction that changes them, read
//! through a cache checked against each row's stamp, and the lines of the
//! tracking page with their drift and next milestone.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use domain::access::User;
use domain::child::ChildId;
use domain::deadlines::EventKind;
use domain::journey::CareJourney;
use domain::permanence::plan::{Lifecycle, Pathway, PermanencePlan};
use domain::permanence::referrals::{ItemType, Outcome, Referral};
use domain::permanence::tracking::{
    DriftReason, TrackingFacts, drift_reasons, needs_service_manager, next_milestone,
    not_discussed_in_supervision,
};
use domain::time::Clock;
use serde::Serialize;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, RecordKind, StaffRepository, Store,
    TrackingRow,
};

use super::{actor_of, audit, current_plan, supersedes};
use crate::AppError;

/// The facts the tracking page needs about one child, from their journey,
/// plan and referrals.
pub fn tracking_facts(
    journey: &CareJourney,
    plan: Option<&PermanencePlan>,
    referrals: &[Referral],
) -> TrackingFacts {
    let entered = journey
        .current_episode()
        .and_then(|_| journey.periods_of_care().last().map(|p| p.0));
    let in_period = |d: NaiveDate| entered.is_some_and(|s| d >= s);
    let all_events = journey.events();
    let activity = |k: EventKind| {
        all_events
            .iter()
            .filter(|e| e.kind == k && in_period(e.date))
            .map(|e| e.date)
            .collect::<Vec<_>>()
    };
    let long_term = plan.is_some_and(|p| p.pathway == Some(Pathway::LongTermFostering))
        && referrals
            .iter()
            .any(|r| r.item == ItemType::Match && r.outcome == Some(Outcome::MatchAgreed));
    TrackingFacts {
        child_id: journey.id().clone(),
        entered_care: entered,
        reviews_held: journey
            .reviews()
            .iter()
            .map(|r| r.date)
            .filter(|d| in_period(*d))
            .collect(),
        permanence_discussion: activity(EventKind::PermanenceDiscussionRecorded)
            .first()
            .copied(),
        plan: plan.map(lean),
        ltf_agreed_at_review: activity(EventKind::LtfPlanAgreed).last().copied(),
        panel_listed: activity(EventKind::PermanencePanelListed).last().copied(),
        match_agreed: activity(EventKind::MatchAgreed).last().copied(),
        monitoring_heard: activity(EventKind::PanelMonitoringItemHeard),
        short_term_placement_start: if long_term {
            None
        } else {
            foster_placement_start(journey)
        },
        adoption_plan: plan.is_some_and(|p| p.pathway == Some(Pathway::Adoption)),
        placed_for_adoption: activity(EventKind::PlacedForAdoption).last().copied(),
        adoption_plan_agreed: activity(EventKind::AdoptionPlanAgreed).first().copied(),
        adoption_adm_decision: activity(EventKind::BestInterestDecision).first().copied(),
        placement_order: activity(EventKind::PlacementOrderMade).first().copied(),
        adoptive_link: activity(EventKind::RegionalLinkFound)
            .into_iter()
            .chain(activity(EventKind::MatchAgreed))
            .min()
            .filter(|_| plan.is_some_and(|p| p.pathway == Some(Pathway::Adoption))),
        sm_oversight: activity(EventKind::ServiceManagerOversight),
        supervision_discussions: activity(EventKind::SupervisionDiscussion),
        ..TrackingFacts::new(journey.id().clone())
    }
}

/// When the child's current foster carers began to care for them (PATH-016,
/// FOST-031): the current episode's start, back over the episodes before it
/// that changed only the legal status or kept the same carers; none when the
/// child is not in foster care.
fn foster_placement_start(journey: &CareJourney) -> Option<NaiveDate> {
    use domain::codes::{PlacementGroup, ReasonNewEpisode as Rne};
    let current = journey.current_episode()?;
    if !matches!(
        current.placement.placement_type.group(),
        PlacementGroup::Foster | PlacementGroup::KinshipFoster
    ) {
        return None;
    }
    let episodes = journey.episodes();
    let mut start = current.start;
    for pair in episodes.windows(2).rev() {
        let (before, after) = (&pair[0], &pair[1]);
        let same_carers = matches!(
            after.reason_new_episode,
            Rne::LegalStatusChange
                | Rne::PlacementChangeSameCarer
                | Rne::LegalStatusAndPlacementSameCarer
        );
        let continues = before.end.is_some_and(|e| e.date == after.start);
        if after.start == start && same_carers && continues {
            start = before.start;
        }
    }
    Some(start)
}

/// The parts of a plan drift and milestones are computed from: no free
/// text beyond step names, so the tracking table stays small and holds as
/// little personal data as it can.
pub(super) fn lean(plan: &PermanencePlan) -> PermanencePlan {
    let mut p = plan.clone();
    p.appraisal.clear();
    p.objectives.clear();
    p.identity = Default::default();
    p.child_voice = None;
    p.carer_views = None;
    p.sibling_assessment = None;
    p.exceptional = None;
    p.local_rationale = None;
    p.legal_route = None;
    p.timeframe = None;
    p.support_plan = None;
    p.contact_agreement = None;
    p.achievement = None;
    p.reversals.clear();
    p.distribution.clear();
    for s in &mut p.steps {
        s.variance_reason = None;
    }
    for m in &mut p.trajectory {
        m.variance_reason = None;
    }
    p
}

/// Recomputes a child's tracking row (or removes it when they left care).
pub(crate) fn refresh_tracking(
    tx: &mut store::Tx<'_>,
    journey: &CareJourney,
) -> Result<(), AppError> {
    let child = journey.id();
    if journey.current_episode().is_none() {
        tx.remove_tracking(child.as_str())?;
        return Ok(());
    }
    let plan = current_plan(tx, child)?.map(|p| p.value.document);
    let referrals: Vec<Referral> = tx
        .records_of_child::<Referral>(RecordKind::Referral, child.as_str())?
        .into_iter()
        .map(|r| r.value.document)
        .collect();
    let team = tx.child_team(journey.id())?;
    tx.put_tracking(&[tracking_row(journey, plan.as_ref(), &referrals, team)])?;
    Ok(())
}

/// A child's tracking row: their team and their facts as JSON, freshly stamped.
pub(super) fn tracking_row(
    journey: &CareJourney,
    plan: Option<&PermanencePlan>,
    referrals: &[Referral],
    team: Option<String>,
) -> TrackingRow {
    let facts = tracking_facts(journey, plan, referrals);
    TrackingRow {
        child_id: journey.id().as_str().to_owned(),
        team,
        facts: serde_json::to_string(&facts).expect("tracking facts serialise"),
        stamp: new_stamp(),
    }
}

/// Rebuilds every tracking row from the records (after a bulk load).
pub fn rebuild_tracking(store: &Store) -> Result<usize, AppError> {
    store.write(rebuild_tracking_in)
}

/// Rebuilds the tracking list if it does not match the children in care
/// (one row each): run at start, so a list lost to a load killed between
/// its children and its list (or written by an older version) is whole
/// again before the first page. Returns the rows written, if rebuilt.
pub fn rebuild_tracking_if_stale(store: &Store) -> Result<Option<usize>, AppError> {
    let (in_care, tracked) = store.read(|tx| {
        let in_care = tx.count_children(store::ChildFilter::InCare)?;
        Ok::<_, AppError>((in_care, tx.tracking_stamps(None)?.len()))
    })?;
    if usize::try_from(in_care).is_ok_and(|n| n == tracked) {
        return Ok(None);
    }
    rebuild_tracking(store).map(Some)
}

/// [`rebuild_tracking`] within the caller's transaction.
pub(crate) fn rebuild_tracking_in(tx: &mut store::Tx<'_>) -> Result<usize, AppError> {
    {
        let journeys = tx.all_journeys()?;
        let teams: HashMap<String, String> =
            tx.workers()?.into_iter().map(|w| (w.id, w.team)).collect();
        let mut plans: HashMap<ChildId, PermanencePlan> = HashMap::new();
        for p in tx.records::<PermanencePlan>(RecordKind::Plan, None)? {
            let doc = p.value.document;
            if supersedes(&doc, plans.get(&doc.child_id)) {
                plans.insert(doc.child_id.clone(), doc);
            }
        }
        let mut referrals: HashMap<ChildId, Vec<Referral>> = HashMap::new();
        for r in tx.records::<Referral>(RecordKind::Referral, None)? {
            let doc = r.value.document;
            referrals.entry(doc.child_id.clone()).or_default().push(doc);
        }
        let rows: Vec<TrackingRow> = journeys
            .iter()
            .filter(|j| j.value.current_episode().is_some())
            .map(|j| {
                let child = j.value.id();
                let team = j
                    .value
                    .social_workers()
                    .last()
                    .and_then(|s| teams.get(&s.worker_id).cloned());
                tracking_row(
                    &j.value,
                    plans.get(child),
                    referrals.get(child).map_or(&[], Vec::as_slice),
                    team,
                )
            })
            .collect();
        tx.put_tracking(&rows)?;
        Ok(rows.len())
    }
}

/// One line of the tracking page.
#[derive(Debug, Clone, Serialize)]
pub struct TrackingLine {
    pub child_id: ChildId,
    pub team: Option<String>,
    pub pathway: Option<Pathway>,
    pub lifecycle: Option<Lifecycle>,
    pub entered_care: Option<NaiveDate>,
    pub days_in_care: Option<i64>,
    pub next_milestone: Option<(String, NaiveDate)>,
    pub days_left: Option<i64>,
    pub drift: Vec<DriftReason>,
    /// A reason has been open 30 days without service manager oversight (TRACK-003).
    pub escalated: bool,
    /// On the drift list this month and not discussed in supervision or a
    /// Pod this month (TRACK-016).
    pub not_discussed: bool,
}

/// Filters of the tracking page.
#[derive(Debug, Clone, Default)]
pub struct TrackingFilter {
    pub team: Option<String>,
    pub pathway: Option<Pathway>,
    /// Only children with this drift letter (`b`), or with any drift (`any`).
    pub flag: Option<String>,
    /// Only children of these ages (in whole years, both included) today.
    pub age: Option<(u32, u32)>,
}

/// The tracking list on a date: every child in care the user may see, with
/// the plan, time in care, next milestone and drift. Audited as a list view.
pub fn tracking_list(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    filter: &TrackingFilter,
    from: &str,
) -> Result<Vec<TrackingLine>, AppError> {
    let as_of = clock.today();
    let team = crate::list_team(user, filter.team.clone(), "see the tracking list")?;
    let mut lines = tracking_lines(&current_facts(store, team.as_deref())?, filter, as_of);
    if let Some(ages) = filter.age {
        retain_ages(store, &mut lines, ages, as_of)?;
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        tx.append(&audit(
            &actor,
            clock,
            "view_tracking".into(),
            "tracking",
            team.as_deref().unwrap_or("council"),
            serde_json::json!({"children": lines.len()}),
        ))
    })?;
    Ok(lines)
}

/// TRACK-007's "% plans ratified by second review" for the children in
/// care the user may see (their team's, or the team chosen): of those whose
/// second review fell in the last complete financial quarter before today,
/// the share whose plan was ratified by it; with the quarter's first and
/// last days. None when no second review fell in it.
pub fn ratified_by_second_review(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    team: Option<String>,
) -> Result<Option<(f64, NaiveDate, NaiveDate)>, AppError> {
    use domain::permanence::tracking::{RatificationTiming, percent_ratified_by_second_review};
    let team = crate::list_team(user, team, "see the tracking list")?;
    let Some((from, to)) = last_quarter(clock.today()) else {
        return Ok(None);
    };
    let timings: Vec<RatificationTiming> = current_facts(store, team.as_deref())?
        .iter()
        .filter_map(|c| {
            Some(RatificationTiming {
                child_id: c.facts.child_id.clone(),
                second_review: *c.facts.reviews_held.get(1)?,
                first_ratified: c.facts.plan.as_ref().and_then(|p| p.ratified_on),
            })
        })
        .collect();
    Ok(percent_ratified_by_second_review(&timings, from, to).map(|p| (p, from, to)))
}

/// The last complete financial quarter before `today`: its first and last days.
fn last_quarter(today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    use chrono::Datelike;
    let year = if today.month() >= 4 {
        today.year()
    } else {
        today.year() - 1
    };
    let quarter = (today.month() + 8) % 12 / 3 + 1;
    let (year, quarter) = if quarter == 1 {
        (year - 1, 4)
    } else {
        (year, quarter - 1)
    };
    domain::permanence::outcomes::financial_quarter(year, quarter)
}

/// Permanence achieved by route (each with its count) in a quarter, with
/// the quarter's first and last days.
pub type AchievedByRoute = (Vec<(Pathway, usize)>, NaiveDate, NaiveDate);

/// PRIN-002: permanence achieved in the last complete financial quarter by
/// each route, every route counted alike, for the children the user may
/// see (their team's, or the team chosen); with the quarter's days.
pub fn achieved_by_route(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    team: Option<String>,
) -> Result<AchievedByRoute, AppError> {
    use domain::permanence::outcomes::{PermanenceAchieved, permanence_achieved_by_route};
    let team = crate::list_team(user, team, "see the tracking list")?;
    let (from, to) = last_quarter(clock.today())
        .ok_or_else(|| AppError::Invalid("no financial quarter before today".into()))?;
    let achieved = store.read(|tx| {
        let mut achieved = Vec::new();
        for p in tx.records::<PermanencePlan>(RecordKind::Plan, Some(&["achieved"]))? {
            let plan = p.value.document;
            let route = plan
                .achievement
                .as_ref()
                .map(|a| a.arrangement.pathway())
                .or(plan.pathway);
            let (Some(route), Some(on)) = (route, plan.achieved_on) else {
                continue;
            };
            if team.is_some() && tx.child_team(&plan.child_id)? != team {
                continue;
            }
            achieved.push(PermanenceAchieved {
                child_id: plan.child_id,
                route,
                on,
            });
        }
        Ok::<_, AppError>(achieved)
    })?;
    let counts = permanence_achieved_by_route(&achieved, from, to)
        .into_iter()
        .collect();
    Ok((counts, from, to))
}

/// Keeps the lines of children whose age today is within `ages`.
fn retain_ages(
    store: &Store,
    lines: &mut Vec<TrackingLine>,
    (youngest, oldest): (u32, u32),
    today: NaiveDate,
) -> Result<(), AppError> {
    let ids: Vec<ChildId> = lines.iter().map(|l| l.child_id.clone()).collect();
    let journeys = store.read(|tx| tx.journeys(&ids))?;
    let ages: HashMap<ChildId, u32> = journeys
        .into_iter()
        .map(|j| {
            let age = domain::time::age_on(j.value.child().date_of_birth, today);
            (j.value.id().clone(), age)
        })
        .collect();
    lines.retain(|l| {
        ages.get(&l.child_id)
            .is_some_and(|a| (youngest..=oldest).contains(a))
    });
    Ok(())
}

/// A stamp for a rewritten tracking row: unique within this process and,
/// with the clock's nanoseconds, across the servers sharing a database.
pub(super) fn new_stamp() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{nanos:x}-{:x}-{:x}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// One child's parsed tracking facts and their team.
#[derive(Debug)]
pub struct TrackedChild {
    pub team: Option<String>,
    pub facts: TrackingFacts,
}

/// Each child's parsed facts with the stamp of the row they were read from.
type Facts = HashMap<String, (String, Arc<TrackedChild>)>;

pub(super) type FactsCache = std::sync::Mutex<HashMap<u64, Facts>>;

/// Parsed tracking facts held between requests, for each open database
/// ([`Store::id`]: two databases never share what is kept, even where a
/// copy's rows carry the same stamps), keyed by child and checked against
/// each row's stamp on every read, so a change saved by any server is seen
/// at once while unchanged rows are not parsed again.
pub(super) fn facts_cache() -> &'static FactsCache {
    static CACHE: std::sync::OnceLock<FactsCache> = std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

pub(super) fn lock(cache: &FactsCache) -> std::sync::MutexGuard<'_, HashMap<u64, Facts>> {
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The current tracking facts of every child in care (or one team's).
pub fn current_facts(
    store: &Store,
    team: Option<&str>,
) -> Result<Vec<Arc<TrackedChild>>, AppError> {
    let stamps = store.read(|tx| tx.tracking_stamps(team))?;
    let stale: Vec<String> = {
        let mut all = lock(facts_cache());
        let cache = all.entry(store.id()).or_default();
        stamps
            .iter()
            .filter(|s| {
                cache
                    .get(&s.child_id)
                    .is_none_or(|(stamp, _)| *stamp != s.stamp)
            })
            .map(|s| s.child_id.clone())
            .collect()
    };
    if !stale.is_empty() {
        let rows = if stale.len() * 4 > stamps.len() {
            store.read(|tx| tx.tracking(team))?
        } else {
            store.read(|tx| tx.tracking_of(&stale))?
        };
        let parsed = parallel_map(&rows, |row| {
            let facts: TrackingFacts = serde_json::from_str(&row.facts).ok()?;
            let child = TrackedChild {
                team: row.team.clone(),
                facts,
            };
            Some((row.child_id.clone(), row.stamp.clone(), Arc::new(child)))
        });
        let mut all = lock(facts_cache());
        let cache = all.entry(store.id()).or_default();
        if team.is_none() {
            let live: std::collections::HashSet<&str> =
                stamps.iter().map(|s| s.child_id.as_str()).collect();
            cache.retain(|k, _| live.contains(k.as_str()));
        }
        for (child, stamp, facts) in parsed {
            cache.insert(child, (stamp, facts));
        }
    }
    let mut all = lock(facts_cache());
    let cache = all.entry(store.id()).or_default();
    Ok(stamps
        .iter()
        .filter_map(|s| {
            cache
                .get(&s.child_id)
                .filter(|(stamp, _)| *stamp == s.stamp)
                .map(|(_, f)| f.clone())
        })
        .collect())
}

/// Maps over a slice across the machine's cores, keeping order.
pub(super) fn parallel_map<T: Sync, U: Send>(
    items: &[T],
    f: impl Fn(&T) -> Option<U> + Sync,
) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().filter_map(f).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().expect("the work does not panic"))
            .collect()
    })
}

/// Computes the lines of the tracking page from the children's facts.
pub fn tracking_lines(
    children: &[Arc<TrackedChild>],
    filter: &TrackingFilter,
    as_of: NaiveDate,
) -> Vec<TrackingLine> {
    parallel_map(children, |child| {
        let facts = &child.facts;
        let pathway = facts.plan.as_ref().and_then(|p| p.pathway);
        if filter.pathway.is_some() && filter.pathway != pathway {
            return None;
        }
        let drift = drift_reasons(facts, as_of);
        match filter.flag.as_deref() {
            None | Some("") => {}
            Some("any") if drift.is_empty() => return None,
            Some("any") => {}
            Some(letter)
                if !drift
                    .iter()
                    .any(|d| d.code.letter().to_string().eq_ignore_ascii_case(letter)) =>
            {
                return None;
            }
            Some(_) => {}
        }
        let next = next_milestone(facts, as_of);
        Some(TrackingLine {
            child_id: facts.child_id.clone(),
            team: child.team.clone(),
            pathway,
            lifecycle: facts.plan.as_ref().map(|p| p.lifecycle),
            entered_care: facts.entered_care,
            days_in_care: facts.entered_care.map(|d| (as_of - d).num_days()),
            days_left: next.as_ref().map(|(_, due)| (*due - as_of).num_days()),
            next_milestone: next,
            escalated: needs_service_manager(&drift, facts, as_of),
            not_discussed: not_discussed_in_supervision(&drift, facts, as_of),
            drift,
        })
    })
}
