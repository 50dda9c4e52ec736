//! Foster carers' use cases: the list of mainstream foster carers the user
//! may see, a carer's page (their household's `FosterCarer` role with the
//! particulars its steps recorded and its deadlines), and recording a step
//! with what it carries (WF-FOST-APPLICANT, WF-FOST-REVIEW, WF-TRAINING,
//! WF-FOST-EXIT).
//!
//! A step changes the household (the role's lifecycle and the events the
//! deadline engine reads) and the carer's file together, at the
//! household's version, with one audit event `WF-FOST-APPLICANT.<step>`
//! naming the role, the date and the new stage, never a name.

use domain::access::{Permission, User};
use domain::fostering::carers::{FosterCarerFile, FosterStep};
use domain::fostering::concerns::{Capacity, caseloads, chronology_stale, csw_contribution_rate};
use domain::fostering::reviews::VisitCompliance;
use domain::fostering::specialist::SpecialistPlaces;
use domain::fostering::targets::{Attainment, recruitment_attainment};
use domain::households::deadlines::household_deadlines;
use domain::households::household::Household;
use domain::households::lifecycle::{HouseholdRole, RoleKind};
use domain::permanence::workflow::Refusal;
use domain::subjects::SubjectItem;
use domain::time::Clock;
use store::{AuditLog, HouseholdRepository, PermanenceRepository, Record, RecordKind};

use crate::households::{StoredHousehold, may_see, read_household};
use crate::{AppError, Store};

/// A foster carer's page: the household at its version, the role, the
/// role's particulars and its open deadlines.
#[derive(Debug, Clone)]
pub struct CarerView {
    pub household: StoredHousehold,
    pub role: HouseholdRole,
    pub file: FosterCarerFile,
    pub deadlines: Vec<SubjectItem>,
    /// VISIT-008, VISIT-009: missed monthly and unannounced visits, once
    /// the carer is approved.
    pub visit_compliance: Option<VisitCompliance>,
    /// FOST-033: the months ended without a weekend short break, for a
    /// Short Breaks carer.
    pub short_breaks_missed: Vec<chrono::NaiveDate>,
}

/// A line of the foster carers list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarerLine {
    pub role: String,
    pub name: String,
    pub stage: String,
    pub worker: Option<String>,
    pub next: Option<SubjectItem>,
    /// FOST-021: an open carer whose chronology has nothing in 12 months.
    pub chronology_stale: bool,
    /// FOST-033: the last month ended without a weekend short break, for
    /// a Short Breaks carer still fostering.
    pub short_break_missed: Option<chrono::NaiveDate>,
}

/// The household a role belongs to: `H00001` of `H00001-R1`.
fn household_of(role: &str) -> Result<&str, AppError> {
    role.rsplit_once("-R")
        .map(|(h, _)| h)
        .ok_or_else(|| AppError::NotFound(format!("foster carer {role}")))
}

fn foster_role<'a>(h: &'a Household, role: &str) -> Result<&'a HouseholdRole, AppError> {
    h.roles
        .iter()
        .find(|r| r.id == role && r.kind == RoleKind::FosterCarer)
        .ok_or_else(|| AppError::NotFound(format!("foster carer {role}")))
}

fn file_in(
    tx: &mut store::Tx<'_>,
    household: &str,
    role: &str,
) -> Result<(FosterCarerFile, Option<i64>), AppError> {
    Ok(
        match tx.record::<FosterCarerFile>(RecordKind::FosterCarer, role)? {
            Some(r) => (r.value.document, Some(r.version)),
            None => (FosterCarerFile::new(household, role), None),
        },
    )
}

fn role_deadlines(h: &Household, role: &str, today: chrono::NaiveDate) -> Vec<SubjectItem> {
    household_deadlines(h, today)
        .into_iter()
        .filter(|i| i.subject.id == role)
        .collect()
}

/// WF-TRAINING: the foster carers' courses of `households` whose
/// attendance is to be recorded, overdue or within the worklist's horizon,
/// in `scope`.
pub(crate) fn attendance_lines(
    tx: &mut store::Tx<'_>,
    households: &[Household],
    scope: &domain::worklist::Scope,
    today: chrono::NaiveDate,
) -> Result<Vec<SubjectItem>, AppError> {
    let mut out = Vec::new();
    for h in households {
        for r in h
            .roles
            .iter()
            .filter(|r| r.kind == RoleKind::FosterCarer && r.is_open())
        {
            if let Some(f) = tx.record::<FosterCarerFile>(RecordKind::FosterCarer, &r.id)? {
                out.extend(
                    f.value
                        .document
                        .attendance_due(h, today, domain::worklist::HORIZON_DAYS)
                        .into_iter()
                        .filter(|i| i.in_scope(scope)),
                );
            }
        }
    }
    Ok(out)
}

/// Opens a foster carer's page, auditing the read (`view_foster_carer`),
/// or the refusal if the household is not the user's to see.
pub fn open_carer(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    role: &str,
    from: &str,
) -> Result<CarerView, AppError> {
    let household = household_of(role)?;
    let today = clock.today();
    read_household(
        store,
        (user, clock, from),
        household,
        "view_foster_carer",
        |tx, h| {
            let r = foster_role(&h.value, role)?.clone();
            let (file, _) = file_in(tx, household, role)?;
            let mut deadlines = role_deadlines(&h.value, role, today);
            // WF-TRAINING: every course whose attendance is still to record.
            deadlines.extend(file.attendance_due(&h.value, today, i64::MAX));
            let visit_compliance = file.visit_compliance(today);
            let short_breaks_missed = file.months_without_a_weekend_break(today);
            Ok(CarerView {
                household: h,
                role: r,
                file,
                deadlines,
                visit_compliance,
                short_breaks_missed,
            })
        },
    )
}

/// The mainstream foster carers the user may see, each with their next
/// deadline; audited as a list view.
pub fn list_carers(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<Vec<CarerLine>, AppError> {
    carers_overview(store, user, clock, from).map(|o| o.lines)
}

/// The foster carers list with the service's picture of them: each
/// supervising social worker's caseload against the ceiling (FOST-023),
/// the approved households really available (FOST-030), the specialist
/// carers' places and vacancies (FOST-032), the year's approvals against
/// the recruitment targets (FOST-043) and the month's reviews with the
/// child's social worker's contribution (FOST-018).
#[derive(Debug, Clone)]
pub struct CarersOverview {
    pub lines: Vec<CarerLine>,
    pub caseloads: Vec<(String, usize, bool)>,
    pub capacity: Capacity,
    pub specialist: SpecialistPlaces,
    /// FOST-043: this financial year's approvals against its targets.
    pub recruitment: Vec<Attainment>,
    /// Reviews this month with the child's social worker's contribution,
    /// and all reviews this month.
    pub csw_contributions: (usize, usize),
}

/// The carers the user may see and the picture of them; audited as a list view.
pub fn carers_overview(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<CarersOverview, AppError> {
    let Some(mut filter) = crate::households::scope_filter(user, None) else {
        return Err(AppError::Forbidden("see the list of foster carers"));
    };
    filter.role = Some(RoleKind::FosterCarer.code().into());
    let today = clock.today();
    store.write(|tx| {
        let (households, _) = tx.households(&filter)?;
        let (mut lines, mut files, mut supervised) = (Vec::new(), Vec::new(), Vec::new());
        let mut specialist = SpecialistPlaces::default();
        for h in &households {
            for r in h
                .value
                .roles
                .iter()
                .filter(|r| r.kind == RoleKind::FosterCarer)
            {
                let (file, _) = file_in(tx, &h.value.id, &r.id)?;
                let worker = r.worker.clone().or_else(|| h.value.worker.clone());
                if r.is_open() && file.approved_on().is_some() {
                    supervised.push(worker.clone().unwrap_or_else(|| "None allocated".into()));
                    specialist.count(&file, h.value.placed_children().count());
                }
                lines.push(CarerLine {
                    role: r.id.clone(),
                    name: h.value.name.clone(),
                    stage: r.stage_label().to_owned(),
                    worker,
                    next: role_deadlines(&h.value, &r.id, today).into_iter().next(),
                    chronology_stale: r.is_open() && chronology_stale(&file.chronology(r), today),
                    short_break_missed: file
                        .months_without_a_weekend_break(today)
                        .last()
                        .copied()
                        .filter(|_| r.is_open()),
                });
                files.push(file);
            }
        }
        let mut capacity = Capacity::default();
        files.iter().for_each(|f| capacity.count(f));
        tx.append(&crate::households::event(
            user,
            clock,
            "list_foster_carers",
            "",
            serde_json::json!({ "results": lines.len() }),
            from,
        ))?;
        Ok::<_, AppError>(CarersOverview {
            lines,
            caseloads: caseloads(supervised.iter().map(String::as_str)),
            capacity,
            specialist,
            recruitment: recruitment_attainment(files.iter(), today),
            csw_contributions: csw_contribution_rate(files.iter(), today),
        })
    })
}

/// Changes a foster carer's role and file at the household's `version`,
/// for a user who may work on households and see this one, auditing
/// `action` with the role, the date and the new stage in the same
/// transaction.
fn change_carer(
    store: &Store,
    (user, clock, from): (&User, &dyn Clock, &str),
    (role, version): (&str, i64),
    (action, date): (&str, chrono::NaiveDate),
    change: impl FnOnce(
        &mut store::Tx<'_>,
        &mut HouseholdRole,
        &mut FosterCarerFile,
    ) -> Result<(), AppError>,
) -> Result<String, AppError> {
    if !user.may(Permission::WorkOnHouseholds) {
        return Err(AppError::Forbidden("change a foster carer's record"));
    }
    let household = household_of(role)?;
    store.write(|tx| {
        let h = tx
            .household(household)?
            .ok_or_else(|| AppError::NotFound(format!("household {household}")))?;
        if !may_see(tx, user, &h.value)? {
            return Err(AppError::Forbidden("change this household's record"));
        }
        if h.version != version {
            return Err(store::StoreError::Stale {
                record: format!("household {household}"),
                expected: version,
                found: h.version,
            }
            .into());
        }
        foster_role(&h.value, role)?;
        let mut next = h.value;
        let r = next
            .role_mut(role)
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        let (mut file, file_version) = file_in(tx, household, role)?;
        change(tx, r, &mut file)?;
        let stage = r.stage.clone();
        let record = Record {
            id: role.to_owned(),
            child_id: None,
            stage: stage.clone(),
            key_date: Some(date.to_string()),
            document: file,
        };
        match file_version {
            Some(v) => {
                tx.update_record(RecordKind::FosterCarer, &record, v)?;
            }
            None => tx.insert_records(RecordKind::FosterCarer, &[record])?,
        }
        tx.update_household(&next, version)?;
        tx.append(&crate::households::event(
            user,
            clock,
            action,
            household,
            serde_json::json!({ "role": role, "date": date, "stage": stage }),
            from,
        ))?;
        Ok(stage)
    })
}

/// Records a step of a foster carer's role with what it carries, at the
/// household's `version`; returns the role's new stage. A refusal of what
/// the step carried reads "field: problem".
pub fn record_carer_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (role, version): (&str, i64),
    step: FosterStep,
    from: &str,
) -> Result<String, AppError> {
    let date = step.date();
    if date > clock.today() {
        return Err(AppError::Invalid(
            "date: the date of the step cannot be in the future".into(),
        ));
    }
    let name = step.name();
    let heard_at_panel = matches!(
        step,
        FosterStep::Recommend { .. } | FosterStep::ReviewAtPanel { .. }
    );
    change_carer(
        store,
        (user, clock, from),
        (role, version),
        (&format!("WF-FOST-APPLICANT.{name}"), date),
        |tx, r, file| {
            if heard_at_panel {
                super::panel_quorum::check_panel_quorate(tx, date)?;
            }
            r.take(user, name, date).map_err(|refusal| match refusal {
                Refusal::Forbidden(what) => AppError::Forbidden(what),
                Refusal::NotNow(why) if why.contains("date") => {
                    AppError::Invalid(format!("date: {why}"))
                }
                Refusal::NotNow(why) => AppError::Invalid(why),
            })?;
            file.apply(step)
                .map_err(|e| AppError::Invalid(format!("{}: {}", e.field, e.problem)))
        },
    )
}

/// ROLE-003: a team or service manager allocates the carer's supervising
/// (or assessing) social worker, or removes the allocation with a blank.
pub fn allocate_worker(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (role, version): (&str, i64),
    worker: &str,
    from: &str,
) -> Result<String, AppError> {
    if !may_allocate(user) {
        return Err(AppError::Forbidden("allocate a foster carer's worker"));
    }
    let worker = worker.trim();
    if worker.len() > 20 || worker.contains(char::is_whitespace) {
        return Err(AppError::Invalid(
            "worker: enter the worker's identifier, for example SSW001".into(),
        ));
    }
    change_carer(
        store,
        (user, clock, from),
        (role, version),
        ("WF-FOST-APPLICANT.allocate", clock.today()),
        |_, r, _| {
            r.worker = Some(worker.to_owned()).filter(|w| !w.is_empty());
            Ok(())
        },
    )
}

/// Whether the user allocates carers' workers: a team or service manager.
pub fn may_allocate(user: &User) -> bool {
    matches!(
        user.role,
        domain::roles::Role::TeamManager | domain::roles::Role::ServiceManager
    )
}

/// Loads the demo council's foster carers' files (their households are
/// loaded first), audited once as `WF-FOST-APPLICANT.load`.
pub fn load_carer_files(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    files: &[FosterCarerFile],
) -> Result<usize, AppError> {
    let rows: Vec<Record<FosterCarerFile>> = files
        .iter()
        .map(|f| Record {
            id: f.role.clone(),
            child_id: None,
            stage: String::new(),
            key_date: None,
            document: f.clone(),
        })
        .collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::FosterCarer,
        &rows,
        (
            "WF-FOST-APPLICANT.load",
            crate::households::HOUSEHOLD_RECORD,
            "foster_carers",
        ),
    )
}
