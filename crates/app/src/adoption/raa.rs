//! The regional adoption agency's record (RAA-001 .. RAA-014), its figures
//! per council and its lists of children. The agency's managers keep the
//! record (family finders record the regional meetings they attend); those
//! who see the service's figures read them. Children are named only by
//! their identifiers; each read and change is audited.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::adoption::child_pathway::ChildPathway;
use domain::adoption::raa::{AgencyStep, RegionalAgency};
use domain::adoption::raa_figures::{
    AsglbRow, ChildList, CouncilFigures, asglb_extract, council_figures, on_list,
};
use domain::roles::Role;
use domain::time::Clock;
use store::{AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Versioned};

use super::child_pathway::{agency_in, invalid};
use crate::{AppError, Store};

/// The agency record's identifier (one per council).
pub const AGENCY_ID: &str = "RAA";

/// A child on one of the agency's lists, by identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedChild {
    pub child_id: String,
    pub council: String,
    pub sex: String,
    pub age: u32,
    pub placement_order: Option<NaiveDate>,
    pub note: String,
}

/// The agency's figures as the page shows them.
#[derive(Debug, Clone)]
pub struct AgencyFigures {
    pub agency: RegionalAgency,
    pub period: (NaiveDate, NaiveDate),
    /// Each member council's figures, then every council's.
    pub councils: Vec<CouncilFigures>,
    pub lists: Vec<(ChildList, Vec<ListedChild>)>,
    pub asglb: Vec<AsglbRow>,
    /// ADOPT-005: the teams with no liaison meeting this month.
    pub liaison_missing: Vec<String>,
    /// ADOPT-055: the financial year of the period's end, its target of
    /// adopter approvals, the approvals made in it, and the share met.
    pub recruitment: Recruitment,
}

/// ADOPT-055: adopter approvals in a financial year against its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recruitment {
    /// The year the financial year starts in.
    pub year: i32,
    pub target: Option<u32>,
    pub approvals: usize,
    pub attainment: Option<u32>,
}

/// ADOPT-055: the adopters approved by the agency decision maker in the
/// financial year starting in April of `year`.
fn approvals_in(tx: &mut store::Tx<'_>, year: i32) -> Result<usize, AppError> {
    use domain::adoption::adopters::{AdmOutcome, AdopterCase};
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 4, 1),
        NaiveDate::from_ymd_opt(year + 1, 3, 31),
    );
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(0);
    };
    Ok(tx
        .records::<AdopterCase>(RecordKind::AdopterCase, None)?
        .into_iter()
        .flat_map(|r| r.value.document.decisions)
        .filter(|d| d.outcome == AdmOutcome::Approved && from <= d.date && d.date <= to)
        .count())
}

fn may_view(user: &User) -> Result<(), AppError> {
    if user.may(Permission::ViewTracking) {
        Ok(())
    } else {
        Err(AppError::Forbidden("see the regional adoption agency"))
    }
}

/// Whether `user` may record on the agency's record what a form records:
/// its regional meetings (`meeting`: family finders too) or the rest.
pub fn may_keep_agency(user: &User, meeting: bool) -> bool {
    user.may(Permission::KeepAgencyRecords) || (meeting && user.role == Role::FamilyFinder)
}

fn may_keep(user: &User, step: &AgencyStep) -> Result<(), AppError> {
    if may_keep_agency(user, matches!(step, AgencyStep::Meeting(_))) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "keep the regional adoption agency's record",
        ))
    }
}

fn record_of(a: &RegionalAgency) -> Record<RegionalAgency> {
    Record {
        id: AGENCY_ID.into(),
        child_id: None,
        stage: "open".into(),
        key_date: Some(a.commenced.to_string()),
        document: a.clone(),
    }
}

fn event(
    user: &User,
    clock: &dyn Clock,
    action: String,
    details: serde_json::Value,
    from: &str,
) -> domain::audit::AuditEvent {
    crate::permanence::audit(
        &crate::permanence::actor_of(user, from),
        clock,
        action,
        "regional_agency",
        AGENCY_ID,
        details,
    )
}

/// The agency's record, or a new one (version 0) before anything is recorded.
fn held_agency(tx: &mut store::Tx<'_>) -> Result<Versioned<RegionalAgency>, AppError> {
    Ok(agency_in(tx)?.unwrap_or_else(|| Versioned {
        value: RegionalAgency {
            name: "The regional adoption agency".into(),
            ..Default::default()
        },
        version: 0,
    }))
}

/// The agency's record at its version, for those who may see it.
pub fn regional_agency(store: &Store, user: &User) -> Result<Versioned<RegionalAgency>, AppError> {
    may_view(user)?;
    store.read(held_agency)
}

fn step_code(step: &AgencyStep) -> &'static str {
    match step {
        AgencyStep::Member(_) => "member",
        AgencyStep::Board(_) => "board_decision",
        AgencyStep::Workstream(_) => "workstream",
        AgencyStep::Action(_) => "action",
        AgencyStep::ActionDone(..) => "action_done",
        AgencyStep::Meeting(_) => "regional_meeting",
        AgencyStep::Liaison(..) => "liaison_meeting",
        AgencyStep::OverseasEnquiry(_) => "overseas_enquiry",
        AgencyStep::SupportOfferLink(_) => "support_offer_link",
        AgencyStep::ApprovalTarget(..) => "approval_target",
        AgencyStep::Offer(_) => "adopter_offer",
    }
}

/// Records a step on the agency's record as seen at `version`; returns the
/// new version. Audited as `raa.<step>` with counts, never a name.
pub fn record_agency_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    version: i64,
    step: AgencyStep,
    from: &str,
) -> Result<i64, AppError> {
    may_keep(user, &step)?;
    store.write(|tx| {
        let held = held_agency(tx)?;
        if held.version != version {
            return Err(crate::permanence::stale(
                "the regional adoption agency".into(),
                version,
                held.version,
            ));
        }
        let mut agency = held.value;
        let code = step_code(&step);
        agency.apply(step, clock.today()).map_err(invalid)?;
        let v = if version == 0 {
            tx.insert_records(RecordKind::RegionalAgency, &[record_of(&agency)])?;
            1
        } else {
            tx.update_record(RecordKind::RegionalAgency, &record_of(&agency), version)?
        };
        tx.append(&event(
            user,
            clock,
            format!("raa.{code}"),
            serde_json::json!({ "step": code }),
            from,
        ))?;
        Ok(v)
    })
}

fn listed(
    agency: &RegionalAgency,
    p: &ChildPathway,
    journey: Option<&domain::journey::CareJourney>,
    today: NaiveDate,
) -> ListedChild {
    let (sex, age) = journey.map_or((String::new(), 0), |j| {
        let c = j.child();
        (
            format!("{:?}", c.sex),
            domain::time::age_on(c.date_of_birth, today),
        )
    });
    ListedChild {
        child_id: p.child_id.clone(),
        council: domain::adoption::raa_figures::council_of(agency, p).to_owned(),
        sex,
        age,
        placement_order: p.date(domain::adoption::child_pathway::Milestone::PlacementOrder),
        note: p
            .family_finding
            .waiting_reason
            .map(|r| r.label().to_owned())
            .unwrap_or_default(),
    }
}

/// The agency's figures for the period `from` to `to` (each member
/// council's and all), its lists on `to`, the ASGLB extract for the
/// quarter ending `to`, and the teams missing a liaison meeting in the
/// month of `to`. Audited as `raa.view_figures`.
pub fn agency_figures(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    period: (NaiveDate, NaiveDate),
    from: &str,
) -> Result<AgencyFigures, AppError> {
    may_view(user)?;
    if period.0 > period.1 {
        return Err(AppError::Invalid(
            "from: the period must start before it ends".into(),
        ));
    }
    let teams = crate::team_names(store)?;
    store.write(|tx| {
        let agency = held_agency(tx)?.value;
        let pathways: Vec<ChildPathway> = tx
            .records::<ChildPathway>(RecordKind::AdoptionPathway, None)?
            .into_iter()
            .map(|r| r.value.document)
            .collect();
        let mut councils: Vec<CouncilFigures> = agency
            .members_on(period.1)
            .iter()
            .map(|m| council_figures(&agency, &pathways, Some(&m.council), period))
            .collect();
        councils.push(council_figures(&agency, &pathways, None, period));
        let mut lists = Vec::new();
        for list in ChildList::ALL {
            let mut rows = Vec::new();
            for p in pathways.iter().filter(|p| on_list(list, p, period.1)) {
                let id = domain::child::ChildId::parse(&p.child_id).ok();
                let journey = match id {
                    Some(id) => tx.journey(&id)?.map(|j| j.value),
                    None => None,
                };
                rows.push(listed(&agency, p, journey.as_ref(), period.1));
            }
            lists.push((list, rows));
        }
        let asglb = asglb_extract(&agency, &pathways, period.1);
        let year = {
            use chrono::Datelike;
            period.1.year() - i32::from(period.1.month() < 4)
        };
        let approvals = approvals_in(tx, year)?;
        let target = agency.approval_target(year);
        let recruitment = Recruitment {
            year,
            target,
            approvals,
            attainment: target.and_then(|t| domain::adoption::raa::attainment(t, approvals)),
        };
        let liaison_missing = agency
            .liaison_missing(&teams, period.1)
            .into_iter()
            .cloned()
            .collect();
        tx.append(&event(
            user,
            clock,
            "raa.view_figures".into(),
            serde_json::json!({ "children": pathways.len() }),
            from,
        ))?;
        Ok(AgencyFigures {
            agency,
            period,
            councils,
            lists,
            asglb,
            liaison_missing,
            recruitment,
        })
    })
}

/// Loads the agency's record made elsewhere (the demo council's) at version 1.
pub fn load_regional_agency(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    agency: &RegionalAgency,
) -> Result<usize, AppError> {
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::RegionalAgency,
        &[record_of(agency)],
        ("raa.load", "regional_agency", "records"),
    )
}
