//! The complaints year: its figures for the committee (CMPL-013 and the
//! rules it gathers), compliments (CMPL-016), recurring themes (CMPL-018)
//! and the published report with its corrections (CMPL-021). The
//! compliments, themes and reports are documents of
//! `RecordKind::ComplaintsRecord`, told apart by their stage column.

use chrono::NaiveDate;
use domain::access::User;
use domain::complaints::annual::{
    ComplaintsReport, Compliment, Demand, Figures, Theme, figures, reporting_calendar,
};
use domain::complaints::complaint::Complaint;
use domain::roles::Role;
use domain::time::Clock;
use serde::Serialize;
use serde::de::DeserializeOwned;
use store::{AuditLog, PermanenceRepository, Record, RecordKind, Store, Versioned};

use super::complaint::{audit, sees, team_of};
use crate::AppError;

const COMPLIMENT: &str = "compliment";
const THEME: &str = "theme";
const REPORT: &str = "report";

/// A complaints year as its page shows it.
#[derive(Debug, Clone)]
pub struct ComplaintsYear {
    /// The year the financial year starts in.
    pub year: i32,
    /// The service the figures are for (CMPL-022), if one was asked for.
    pub service: Option<String>,
    pub figures: Figures,
    pub compliments: Vec<Compliment>,
    pub themes: Vec<Theme>,
    pub report: Option<Versioned<ComplaintsReport>>,
    /// CMPL-017.
    pub calendar: Vec<(NaiveDate, String)>,
    /// The services complaints are about, for the filter.
    pub services: Vec<String>,
}

fn documents<T: DeserializeOwned>(
    tx: &mut store::Tx<'_>,
    stage: &str,
) -> Result<Vec<Versioned<T>>, AppError> {
    Ok(tx
        .records::<T>(RecordKind::ComplaintsRecord, Some(&[stage]))?
        .into_iter()
        .map(|r| Versioned {
            value: r.value.document,
            version: r.version,
        })
        .collect())
}

fn row<T: Serialize + Clone>(id: &str, stage: &str, date: NaiveDate, doc: &T) -> Record<T> {
    Record {
        id: id.to_owned(),
        child_id: None,
        stage: stage.to_owned(),
        key_date: Some(date.to_string()),
        document: doc.clone(),
    }
}

/// The figures of `year` (a team manager's are their team's), with the
/// compliments, themes, report and calendar; audited as a view of figures.
pub fn complaints_year(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (year, service): (i32, Option<String>),
    from: &str,
) -> Result<ComplaintsYear, AppError> {
    let team = team_of(user)?;
    let service = team.clone().or(service.filter(|s| !s.trim().is_empty()));
    store.write(|tx| {
        let complaints: Vec<Complaint> = tx
            .records::<Complaint>(RecordKind::Complaint, None)?
            .into_iter()
            .map(|r| r.value.document)
            .filter(|c| sees(&team, c))
            .collect();
        let compliments: Vec<Compliment> = documents::<Compliment>(tx, COMPLIMENT)?
            .into_iter()
            .map(|c| c.value)
            .collect();
        let themes: Vec<Theme> = documents::<Theme>(tx, THEME)?
            .into_iter()
            .map(|t| t.value)
            .collect();
        let report = tx
            .record::<ComplaintsReport>(
                RecordKind::ComplaintsRecord,
                &ComplaintsReport::id_of(year),
            )?
            .map(|r| Versioned {
                value: r.value.document,
                version: r.version,
            });
        let demand = report
            .as_ref()
            .and_then(|r| r.value.versions.last())
            .map(|v| v.demand);
        let figures = figures(
            year,
            &complaints,
            &compliments,
            service.as_deref(),
            demand.as_ref(),
        );
        let mut services: Vec<String> = complaints.iter().map(|c| c.team.clone()).collect();
        services.sort();
        services.dedup();
        tx.append(&audit(
            user,
            clock,
            "view_complaints_year",
            &year.to_string(),
            serde_json::json!({ "service": service }),
            from,
        ))?;
        Ok(ComplaintsYear {
            year,
            service,
            figures,
            compliments,
            themes,
            report,
            calendar: reporting_calendar(year),
            services,
        })
    })
}

/// Inserts a new document of `stage` whose identifier is `prefix` and its
/// number, built by `make`; audited as `action` with `details`.
fn add_numbered<T: Serialize + Clone>(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (stage, prefix, action): (&str, &str, &str),
    make: impl FnOnce(String) -> Result<(T, NaiveDate), AppError>,
    from: &str,
) -> Result<String, AppError> {
    team_of(user)?;
    store.write(|tx| {
        let count = documents::<serde_json::Value>(tx, stage)?.len();
        let id = format!("{prefix}{:05}", count + 1);
        let (doc, date) = make(id.clone())?;
        tx.insert_records(RecordKind::ComplaintsRecord, &[row(&id, stage, date, &doc)])?;
        tx.append(&audit(
            user,
            clock,
            action,
            &id,
            serde_json::json!({ "date": date }),
            from,
        ))?;
        Ok(id)
    })
}

/// CMPL-016: records a compliment tagged with its team; returns its identifier.
pub fn record_compliment(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (received, team, summary): (NaiveDate, &str, &str),
    from: &str,
) -> Result<String, AppError> {
    add_numbered(
        store,
        user,
        clock,
        (COMPLIMENT, "CPL", "record_compliment"),
        |id| {
            let c = Compliment::new(id, received, team, summary, clock.today())
                .map_err(|e| AppError::Invalid(e.to_string()))?;
            Ok((c, received))
        },
        from,
    )
}

/// CMPL-018: records a recurring theme with its owner, action and review
/// date; returns its identifier.
pub fn record_theme(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (logged, review): (NaiveDate, Option<NaiveDate>),
    words: (&str, &str, &str),
    from: &str,
) -> Result<String, AppError> {
    add_numbered(
        store,
        user,
        clock,
        (THEME, "THM", "record_complaint_theme"),
        |id| {
            let t = Theme::new(id, logged, words, review)
                .map_err(|e| AppError::Invalid(e.to_string()))?;
            Ok((t, logged))
        },
        from,
    )
}

/// CMPL-021, CMPL-023: the Complaints Manager publishes `year`'s report (or
/// a corrected version, with its change note) with the demand it is set
/// against; the report seen at `version` (0: none yet). Returns the
/// version's number.
pub fn publish_complaints_report(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (year, version): (i32, i64),
    (demand, note): (Demand, &str),
    from: &str,
) -> Result<u32, AppError> {
    team_of(user)?;
    if user.role != Role::ComplaintsManager {
        return Err(AppError::Forbidden("publish the complaints report"));
    }
    let id = ComplaintsReport::id_of(year);
    store.write(|tx| {
        let held = tx.record::<ComplaintsReport>(RecordKind::ComplaintsRecord, &id)?;
        let found = held.as_ref().map_or(0, |h| h.version);
        if found != version {
            return Err(store::StoreError::Stale {
                record: format!("complaints report {year}"),
                expected: version,
                found,
            }
            .into());
        }
        let complaints: Vec<Complaint> = tx
            .records::<Complaint>(RecordKind::Complaint, None)?
            .into_iter()
            .map(|r| r.value.document)
            .collect();
        let compliments: Vec<Compliment> = documents::<Compliment>(tx, COMPLIMENT)?
            .into_iter()
            .map(|c| c.value)
            .collect();
        let figures = figures(year, &complaints, &compliments, None, Some(&demand));
        let mut report = held
            .map(|h| h.value.document)
            .unwrap_or_else(|| ComplaintsReport::new(year));
        let today = clock.today();
        let number = report
            .publish(today, demand, &figures, note)
            .map_err(|e| AppError::Invalid(e.into()))?;
        let record = row(&id, REPORT, today, &report);
        if version == 0 {
            tx.insert_records(RecordKind::ComplaintsRecord, &[record])?;
        } else {
            tx.update_record(RecordKind::ComplaintsRecord, &record, version)?;
        }
        tx.append(&audit(
            user,
            clock,
            "publish_complaints_report",
            &id,
            serde_json::json!({ "version": number }),
            from,
        ))?;
        Ok(number)
    })
}

/// Loads compliments and themes made elsewhere (the demo council's).
pub fn load_complaints_records(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    (compliments, themes): (&[Compliment], &[Theme]),
) -> Result<usize, AppError> {
    let a: Vec<_> = compliments
        .iter()
        .map(|c| row(&c.id, COMPLIMENT, c.received, c))
        .collect();
    let b: Vec<_> = themes
        .iter()
        .map(|t| row(&t.id, THEME, t.logged, t))
        .collect();
    let what = (
        "complaints_records.load",
        super::COMPLAINT_RECORD,
        "records",
    );
    Ok(
        crate::load_records(store, actor, clock, RecordKind::ComplaintsRecord, &a, what)?
            + crate::load_records(store, actor, clock, RecordKind::ComplaintsRecord, &b, what)?,
    )
}
