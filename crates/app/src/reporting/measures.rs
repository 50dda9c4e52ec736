//! The performance page's figures and the children behind one of them.
//!
//! Every figure is computed from the records for the period asked: the
//! journeys, the years of the return, the health assessments recorded and
//! the children's education, missing, care leaver and life story records.
//! The figures of a period are kept until one of those records is added or
//! saved (a stamp read with each request), so the page costs a stamp and
//! its rows, and the next request after a change shows the change. Those who see the service's figures
//! (analysts, managers) may open a figure's children; names appear only to
//! those who may open that child's record, the others see the child's
//! identifier alone. Opening the figures and each list is audited.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use domain::access::{ChildScope, Permission, User};
use domain::audit::AuditEvent;
use domain::casework::activities::{ActivityRecord, ActivityState};
use domain::census::CensusYear;
use domain::child::ChildId;
use domain::complaints::complaint::Complaint;
use domain::contact::life_story::LifeStory;
use domain::contact::missing::MissingRecord;
use domain::deadlines::EventKind;
use domain::education::record::EducationRecord;
use domain::journey::CareJourney;
use domain::leavers::record::CareLeaverRecord;
use domain::reporting::conventions::{
    Direction, Period, Rag, TOLERANCE, direction, rag, weighted_mean,
};
use domain::reporting::measures::{
    ChildDocuments, ChildRecords, Counted, Figure, HealthCheck, MEASURES, Measure, ServiceRecords,
    Unit, Who, as_at, compute, measure,
};
use domain::time::Clock;
use store::{
    ChildRepository, HouseholdFilter, HouseholdRepository, PermanenceRepository, RecordKind, Store,
    TeamRepository,
};

use crate::AppError;
use crate::worklist::{Kept, keep, kept_value};

/// How many periods a measure's trend shows, this one included.
pub const TREND_PERIODS: usize = 3;

/// One measure on the performance page.
#[derive(Debug, Clone)]
pub struct MeasureRow {
    pub measure: &'static Measure,
    /// The period's figure (the children behind it are on its own page).
    pub value: Option<f64>,
    pub numerator: usize,
    pub denominator: Option<usize>,
    pub rag: Option<Rag>,
    /// From the period before.
    pub direction: Option<Direction>,
    /// The figure of each of the last [`TREND_PERIODS`] periods, oldest first.
    pub trend: Vec<(Period, Option<f64>)>,
    /// KPI-CONV-04: for a measure in days, the mean over every child of the
    /// trend's periods (weighted by children, not a mean of the means).
    pub over_trend: Option<f64>,
}

/// The performance page: every measure for a period.
#[derive(Debug, Clone)]
pub struct PerformanceView {
    pub period: Period,
    /// The day the figures are as at (the period's end, or today if sooner).
    pub as_at: NaiveDate,
    pub rows: Vec<MeasureRow>,
}

/// A child (or a carer's role, or a complaint) behind a figure, as the list shows them.
#[derive(Debug, Clone)]
pub struct ChildLine {
    pub who: Who,
    /// The child's name, for a user who may open the child's record.
    pub name: Option<String>,
    pub counted: Counted,
    pub why: String,
    pub days: Option<i64>,
}

/// The children behind one figure.
#[derive(Debug, Clone)]
pub struct MeasureChildren {
    pub measure: &'static Measure,
    pub period: Period,
    pub as_at: NaiveDate,
    pub value: Option<f64>,
    pub numerator: usize,
    pub denominator: Option<usize>,
    pub lines: Vec<ChildLine>,
}

/// Everything the measures read, loaded once.
struct Loaded {
    journeys: Vec<CareJourney>,
    census: HashMap<ChildId, Vec<CensusYear>>,
    health: HashMap<String, Vec<HealthCheck>>,
    education: HashMap<String, EducationRecord>,
    missing: HashMap<String, MissingRecord>,
    leavers: HashMap<String, CareLeaverRecord>,
    life_stories: HashMap<String, LifeStory>,
    service: ServiceRecords,
}

fn ensure_sees_figures(user: &User) -> Result<(), AppError> {
    if user.may(Permission::ViewFigures) {
        Ok(())
    } else {
        Err(AppError::Forbidden("see the performance figures"))
    }
}

fn load(store: &Store) -> Result<Loaded, AppError> {
    let (journeys, census, activities, (households, _), complaints) = store.read(|tx| {
        Ok::<_, AppError>((
            tx.all_journeys()?,
            tx.all_census()?,
            tx.records::<ActivityRecord>(RecordKind::Activity, None)?,
            tx.households(&HouseholdFilter::default())?,
            tx.records::<Complaint>(RecordKind::Complaint, None)?,
        ))
    })?;
    let (education, missing, leavers, life_stories) = store.read(|tx| {
        Ok::<_, AppError>((
            tx.records::<EducationRecord>(RecordKind::Education, None)?,
            tx.records::<MissingRecord>(RecordKind::MissingRecord, None)?,
            tx.records::<CareLeaverRecord>(RecordKind::CareLeaver, None)?,
            tx.records::<LifeStory>(RecordKind::LifeStory, None)?,
        ))
    })?;
    let mut health: HashMap<String, Vec<HealthCheck>> = HashMap::new();
    for a in activities.into_iter().map(|v| v.value.document) {
        if a.state == ActivityState::Recorded && a.event_kind() == Some(EventKind::HealthAssessment)
        {
            health.entry(a.child_id).or_default().push(HealthCheck {
                date: a.date,
                dental: a.answers.dental_check == Some(true),
                sdq: a.answers.sdq_score.is_some(),
            });
        }
    }
    Ok(Loaded {
        journeys: journeys.into_iter().map(|v| v.value).collect(),
        census,
        health,
        education: education
            .into_iter()
            .map(|v| (v.value.document.child_id.clone(), v.value.document))
            .collect(),
        missing: missing
            .into_iter()
            .map(|v| (v.value.document.child_id.to_string(), v.value.document))
            .collect(),
        leavers: leavers
            .into_iter()
            .map(|v| (v.value.document.child_id.clone(), v.value.document))
            .collect(),
        life_stories: life_stories
            .into_iter()
            .map(|v| (v.value.document.child_id.clone(), v.value.document))
            .collect(),
        service: ServiceRecords {
            roles: households.into_iter().flat_map(|h| h.value.roles).collect(),
            complaints: complaints.into_iter().map(|v| v.value.document).collect(),
        },
    })
}

fn records(loaded: &Loaded) -> Vec<ChildRecords<'_>> {
    loaded
        .journeys
        .iter()
        .map(|j| {
            let id = j.id().as_str();
            ChildRecords::new(
                j,
                loaded.census.get(j.id()).map_or(&[][..], Vec::as_slice),
                loaded.health.get(id).cloned().unwrap_or_default(),
            )
            .with_documents(ChildDocuments {
                education: loaded.education.get(id),
                missing: loaded.missing.get(id),
                leaver: loaded.leavers.get(id),
                life_story: loaded.life_stories.get(id),
            })
        })
        .collect()
}

/// Every measure's figure for one period, by measure key.
pub(super) type Figures = Arc<HashMap<&'static str, Figure>>;

/// The figures kept for each database, period and day, with the stamp of
/// the records they were computed from.
fn kept_figures() -> &'static Mutex<HashMap<String, Kept<Figures>>> {
    static KEPT: std::sync::OnceLock<Mutex<HashMap<String, Kept<Figures>>>> =
        std::sync::OnceLock::new();
    KEPT.get_or_init(Default::default)
}

/// A stamp of everything the measures read (the journeys, the years of
/// the return and care leavers, the activities, the households, the
/// complaints and the children's education, missing, care leaver and
/// life story records): totals the database reads from indexes, changing when any
/// of them is added or saved.
fn stamp(store: &Store) -> Result<String, AppError> {
    store.read(|tx| {
        Ok::<_, AppError>(format!(
            "{}/{}/{}/{}/{}/{}/{}/{}/{}",
            tx.children_stamp(None)?,
            tx.census_stamp()?,
            tx.records_stamp(RecordKind::Activity)?,
            tx.households_stamp()?,
            tx.records_stamp(RecordKind::Complaint)?,
            tx.records_stamp(RecordKind::Education)?,
            tx.records_stamp(RecordKind::MissingRecord)?,
            tx.records_stamp(RecordKind::CareLeaver)?,
            tx.records_stamp(RecordKind::LifeStory)?
        ))
    })
}

/// The figures of every measure for each of `periods` as known on
/// `today`, kept until a record they read changes: a request whose figures
/// are kept costs a stamp. One computation runs at a time, so people
/// opening the page together compute it once.
pub(super) fn figures(
    store: &Store,
    periods: &[Period],
    today: NaiveDate,
) -> Result<Vec<Figures>, AppError> {
    let key = |p: &Period| format!("{}/{}@{today}", store.id(), p.code());
    let found = |now: &str| -> Option<Vec<Figures>> {
        periods
            .iter()
            .map(|p| kept_value(kept_figures(), &key(p), now))
            .collect()
    };
    let now = stamp(store)?;
    if let Some(all) = found(&now) {
        return Ok(all);
    }
    static COMPUTING: Mutex<()> = Mutex::new(());
    let _turn = COMPUTING.lock().unwrap_or_else(PoisonError::into_inner);
    // Someone may have computed them while this request waited its turn.
    let now = stamp(store)?;
    if let Some(all) = found(&now) {
        return Ok(all);
    }
    let loaded = load(store)?;
    let children = records(&loaded);
    Ok(periods
        .iter()
        .map(|p| {
            kept_value(kept_figures(), &key(p), &now).unwrap_or_else(|| {
                let computed: Figures = Arc::new(
                    MEASURES
                        .iter()
                        .map(|m| (m.key, compute(m, &children, &loaded.service, p, today)))
                        .collect(),
                );
                keep(kept_figures(), key(p), now.clone(), computed.clone());
                computed
            })
        })
        .collect())
}

fn audit(
    user: &User,
    clock: &dyn Clock,
    action: &str,
    id: String,
    details: serde_json::Value,
) -> AuditEvent {
    AuditEvent {
        at: clock.now(),
        actor: user.username.clone(),
        action: action.to_owned(),
        record_type: "performance".to_owned(),
        record_id: id,
        details: details.to_string(),
    }
}

/// The row of one measure: the period's figure, its RAG against the
/// target (KPI-CONV-03), the direction from the period before and the trend.
fn row(measure: &'static Measure, figures: &[(Period, Figure)]) -> MeasureRow {
    let (_, now) = figures.last().expect("at least one period");
    let before = figures
        .len()
        .checked_sub(2)
        .and_then(|i| figures[i].1.value);
    // KPI-CONV: the three-year mean of a time measure is weighted by the
    // children counted each year (the adoption scorecard's A1, A2, A20);
    // times counted over carers or complaints have none.
    let of_children = figures.iter().all(|(_, f)| {
        f.children
            .iter()
            .all(|b| matches!(b.who, domain::reporting::measures::Who::Child(_)))
    });
    let over_trend = (measure.unit == Unit::Days && of_children)
        .then(|| {
            let years: Vec<(usize, f64)> = figures
                .iter()
                .filter_map(|(_, f)| f.value.map(|v| (f.numerator, v)))
                .collect();
            weighted_mean(&years)
        })
        .flatten();
    MeasureRow {
        measure,
        value: now.value,
        numerator: now.numerator,
        denominator: now.denominator,
        rag: now
            .value
            .zip(measure.target)
            .and_then(|(v, t)| rag(v, t, measure.polarity, TOLERANCE)),
        direction: now
            .value
            .zip(before)
            .map(|(v, b)| direction(b, v, measure.polarity)),
        trend: figures.iter().map(|(p, f)| (*p, f.value)).collect(),
        over_trend,
    }
}

/// Every measure for `period`, with its trend over the periods before, for
/// those who see the service's figures; audited as a read of the figures
/// (which period, how many measures; no child is named in them).
pub fn performance(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    period: Period,
    from: &str,
) -> Result<PerformanceView, AppError> {
    ensure_sees_figures(user)?;
    let today = clock.today();
    let mut periods = vec![period];
    while periods.len() < TREND_PERIODS {
        let earliest = periods[0].previous();
        periods.insert(0, earliest);
    }
    let kept = figures(store, &periods, today)?;
    let rows: Vec<MeasureRow> = MEASURES
        .iter()
        .map(|m| {
            let figures: Vec<(Period, Figure)> = periods
                .iter()
                .zip(&kept)
                .map(|(p, f)| (*p, f[m.key].clone()))
                .collect();
            row(m, &figures)
        })
        .collect();
    store.append_audit(audit(
        user,
        clock,
        "view_performance",
        period.code(),
        serde_json::json!({ "measures": rows.len(), "from": from }),
    ))?;
    Ok(PerformanceView {
        period,
        as_at: as_at(&period, today),
        rows,
    })
}

/// The children behind one measure's figure for a period, each with why
/// they count; named for a user who may open their record, else shown by
/// identifier only. The read is audited with the measure, the period and
/// the number of children listed.
pub fn measure_children(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    key: &str,
    period: Period,
    from: &str,
) -> Result<MeasureChildren, AppError> {
    ensure_sees_figures(user)?;
    let measure = measure(key).ok_or_else(|| AppError::NotFound(format!("measure {key}")))?;
    let today = clock.today();
    let kept = figures(store, &[period], today)?;
    let figure = &kept[0][measure.key];
    let scope = user.child_scope();
    let teams: HashMap<ChildId, Option<String>> = match &scope {
        ChildScope::Team(_) => store.read(|tx| {
            figure
                .children
                .iter()
                .filter_map(|b| b.who.child())
                .map(|c| Ok((c.clone(), tx.child_team(c)?)))
                .collect::<Result<_, AppError>>()
        })?,
        _ => HashMap::new(),
    };
    let named = |child: &ChildId| match &scope {
        ChildScope::Everyone => true,
        ChildScope::NoOne => false,
        ChildScope::Team(team) => teams
            .get(child)
            .is_some_and(|t| t.as_deref() == Some(team.as_str())),
    };
    // Only the children the user may name are read, for their names.
    let shown: Vec<ChildId> = figure
        .children
        .iter()
        .filter_map(|b| b.who.child())
        .filter(|c| named(c))
        .cloned()
        .collect();
    let names: HashMap<ChildId, String> = if shown.is_empty() {
        HashMap::new()
    } else {
        store
            .read(|tx| tx.journeys(&shown))?
            .into_iter()
            .map(|v| (v.value.id().clone(), v.value.child().name.full()))
            .collect()
    };
    let lines: Vec<ChildLine> = figure
        .children
        .iter()
        .map(|b| ChildLine {
            name: b.who.child().and_then(|c| names.get(c)).cloned(),
            who: b.who.clone(),
            counted: b.counted,
            why: b.why.clone(),
            days: b.days,
        })
        .collect();
    store.append_audit(audit(
        user,
        clock,
        "view_measure_children",
        format!("{key}/{}", period.code()),
        serde_json::json!({
            "measure": measure.id,
            "children": lines.len(),
            "named": lines.iter().filter(|l| l.name.is_some()).count(),
            "from": from,
        }),
    ))?;
    Ok(MeasureChildren {
        measure,
        period,
        as_at: as_at(&period, today),
        value: figure.value,
        numerator: figure.numerator,
        denominator: figure.denominator,
        lines,
    })
}
