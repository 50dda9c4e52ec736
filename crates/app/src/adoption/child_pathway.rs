//! The child's adoption pathway: opening it (an audited read of the
//! child's record) and recording a step of it, one transaction each, at
//! the version the person saw, with one audit event naming the step's code
//! and never a name.

use domain::access::{Permission, User};
use domain::adoption::child_pathway::{ChildPathway, Finding, PathwayError, PathwayStep};
use domain::adoption::family_finding::FindingStep;
use domain::adoption::raa::RegionalAgency;
use domain::child::ChildId;
use domain::roles::Role;
use domain::time::Clock;
use store::{AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, Versioned};

use crate::{AppError, Store};

/// The record type the audit events name.
pub const ADOPTION_PATHWAY: &str = "adoption_pathway";

/// A child's pathway as the page shows it: the record at its version (0
/// before anything is recorded), what it says today, and the child's facts
/// it reads (date of birth, disability).
#[derive(Debug, Clone)]
pub struct PathwayView {
    pub pathway: Versioned<ChildPathway>,
    pub findings: Vec<Finding>,
    pub date_of_birth: chrono::NaiveDate,
    pub disabled: bool,
    pub sex: String,
    /// The councils of the regional agency (for the council field).
    pub councils: Vec<String>,
}

pub(crate) fn pathway_id(child: &str) -> String {
    format!("{child}-AP")
}

pub(crate) fn pathway_record(p: &ChildPathway) -> Record<ChildPathway> {
    Record {
        id: pathway_id(&p.child_id),
        child_id: Some(p.child_id.clone()),
        stage: p.stage().to_owned(),
        key_date: p
            .date(domain::adoption::child_pathway::Milestone::PlacementOrder)
            .map(|d| d.to_string()),
        document: p.clone(),
    }
}

pub(crate) fn invalid(e: PathwayError) -> AppError {
    AppError::Invalid(e.to_string())
}

/// The agency's record, if the council keeps one.
pub(crate) fn agency_in(
    tx: &mut store::Tx<'_>,
) -> Result<Option<Versioned<RegionalAgency>>, AppError> {
    Ok(tx
        .record::<RegionalAgency>(RecordKind::RegionalAgency, super::raa::AGENCY_ID)?
        .map(|r| Versioned {
            value: r.value.document,
            version: r.version,
        }))
}

fn held(tx: &mut store::Tx<'_>, child: &ChildId) -> Result<Versioned<ChildPathway>, AppError> {
    Ok(
        match tx.record::<ChildPathway>(RecordKind::AdoptionPathway, &pathway_id(child.as_str()))? {
            Some(r) => Versioned {
                value: r.value.document,
                version: r.version,
            },
            None => Versioned {
                value: ChildPathway::new(child.as_str()),
                version: 0,
            },
        },
    )
}

/// Opens a child's adoption pathway, auditing the read as
/// `view_adoption_pathway` (or the refusal).
pub fn open_pathway(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    from: &str,
) -> Result<PathwayView, AppError> {
    if !user.may(Permission::ViewChild) {
        return Err(AppError::Forbidden("open a child's record"));
    }
    let today = clock.today();
    crate::read_child_record(
        store,
        (user, clock, from),
        child,
        "view_adoption_pathway",
        |tx| {
            let journey = tx
                .journey(child)?
                .ok_or_else(|| AppError::ChildNotFound(child.clone()))?
                .value;
            let c = journey.child();
            let pathway = held(tx, child)?;
            let councils = agency_in(tx)?
                .map(|a| {
                    a.value
                        .members_on(today)
                        .iter()
                        .map(|m| m.council.clone())
                        .collect()
                })
                .unwrap_or_default();
            Ok(PathwayView {
                findings: pathway.value.findings(c.date_of_birth, c.disabled, today),
                pathway,
                date_of_birth: c.date_of_birth,
                disabled: c.disabled,
                sex: format!("{:?}", c.sex),
                councils,
            })
        },
    )
}

fn step_code(step: &PathwayStep) -> &'static str {
    match step {
        PathwayStep::Milestone(m, _) => m.code(),
        PathwayStep::Details { .. } => "details",
        PathwayStep::FamilyOptions(_) => "family_options",
        PathwayStep::Cdm { .. } => "cdm",
        PathwayStep::Tracks(_) => "tracks",
        PathwayStep::SiblingAssessment(_) => "sibling_assessment",
        PathwayStep::Cpr(_) => "cpr",
        PathwayStep::Readiness(_) => "readiness",
        PathwayStep::SubmitToAdm(_) => "submit_to_adm",
        PathwayStep::PanelRecommendation(_) => "panel_recommendation",
        PathwayStep::BestInterest { .. } => "best_interest_decision",
        PathwayStep::ChangeOfPlan { .. } => "change_of_plan",
        PathwayStep::AssessmentOffer { .. } => "assessment_offer",
        PathwayStep::FamilyFinding(f) => match f {
            FindingStep::Profile(_) => "profile",
            FindingStep::Pause(_) => "pause",
            FindingStep::Search(..) => "search",
            FindingStep::Discussion(_) => "discussion",
            FindingStep::MonthlyLog(..) => "monthly_log",
            FindingStep::Event(..) => "event",
            FindingStep::Waiting(_) => "waiting_reason",
            FindingStep::PlacedWith(_) => "placed_with",
        },
    }
}

/// RAA-002: the best-interest decision stays with the child's own
/// council's ADM; RAA-001: a child belongs to a member council.
fn check_step(
    user: &User,
    agency: Option<&RegionalAgency>,
    pathway: &ChildPathway,
    step: &PathwayStep,
) -> Result<(), AppError> {
    match step {
        PathwayStep::BestInterest { .. } => {
            if user.role != Role::AgencyDecisionMaker {
                return Err(AppError::Forbidden(
                    "record the agency decision maker's decision",
                ));
            }
            if let Some(a) = agency
                && !pathway.council.is_empty()
                && pathway.council != a.home
            {
                return Err(AppError::Invalid(format!(
                    "bid_date: the decision is {}'s agency decision maker's",
                    pathway.council
                )));
            }
        }
        PathwayStep::Details { council, .. } => {
            if let Some(a) = agency
                && !a.members.iter().any(|m| &m.council == council)
            {
                return Err(AppError::Invalid(format!(
                    "council: {council} is not a member of {}",
                    a.name
                )));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Records a step of the child's pathway on the record as seen at
/// `version` (0: none yet); returns the new version. Audited as
/// `adoption.pathway.<step>`.
pub fn record_pathway_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (child, version): (&ChildId, i64),
    step: PathwayStep,
    from: &str,
) -> Result<i64, AppError> {
    if !user.may(Permission::WorkOnPlans) {
        return Err(AppError::Forbidden("work on a child's adoption plan"));
    }
    let actor = crate::permanence::actor_of(user, from);
    store.write(|tx| {
        crate::permanence::ensure_may_see(tx, user, child, "work on this child's adoption plan")?;
        crate::permanence::load_journey(tx, child)?;
        let Versioned {
            value: mut pathway,
            version: found,
        } = held(tx, child)?;
        if found != version {
            return Err(crate::permanence::stale(
                format!("adoption pathway of {child}"),
                version,
                found,
            ));
        }
        let agency = agency_in(tx)?.map(|a| a.value);
        check_step(user, agency.as_ref(), &pathway, &step)?;
        let code = step_code(&step);
        pathway.apply(step, clock.today()).map_err(invalid)?;
        let record = pathway_record(&pathway);
        let new_version = if found == 0 {
            tx.insert_records(RecordKind::AdoptionPathway, &[record])?;
            1
        } else {
            tx.update_record(RecordKind::AdoptionPathway, &record, found)?
        };
        tx.append(&crate::permanence::audit(
            &actor,
            clock,
            format!("adoption.pathway.{code}"),
            crate::CHILD_RECORD,
            child.as_str(),
            serde_json::json!({ "step": code, "stage": pathway.stage() }),
        ))?;
        Ok(new_version)
    })
}

/// Loads pathways made elsewhere (the demo council's) at version 1, with
/// one audit event.
pub fn load_adoption_pathways(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    pathways: &[ChildPathway],
) -> Result<usize, AppError> {
    let rows: Vec<_> = pathways.iter().map(pathway_record).collect();
    crate::load_records(
        store,
        actor,
        clock,
        RecordKind::AdoptionPathway,
        &rows,
        ("adoption.pathway.load", ADOPTION_PATHWAY, "pathways"),
    )
}
