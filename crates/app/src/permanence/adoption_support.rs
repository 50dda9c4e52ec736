//! Support around an adoption plan, recorded on the plan: the birth
//! parents' own social worker, who must not belong to the team planning for
//! the child (PATH-025), and the adopters' financial support, whose means
//! assessment starts only after the judgement that they could meet the
//! child's needs (PATH-027). Each change is one transaction with its audit
//! event (codes and dates only); a stale plan is refused.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::permanence::pathways::{
    BirthParentWorker, FinancialSupportCase, check_birth_parent_worker,
    check_means_assessment_start,
};
use domain::permanence::plan::{Pathway, PermanencePlan};
use domain::time::Clock;
use store::{
    AuditLog, ChildRepository, PermanenceRepository, Record, RecordKind, StaffRepository, Store,
    Versioned,
};

use super::{actor_of, audit, ensure_may_see, invalid, plan_at, plan_record};
use crate::AppError;

/// What the adoption plan's support forms record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdoptionSupportAction {
    /// PATH-025: the birth parents were offered their own worker on
    /// `offered`, answered `response`, and `worker` is allocated.
    BirthParentWorker {
        offered: NaiveDate,
        response: String,
        worker: String,
    },
    /// PATH-027: the judgement whether the adopters could meet the child's
    /// needs (opening the financial-support case if it is not open).
    NeedsJudgement { could_meet: bool, on: NaiveDate },
    /// PATH-027: the means assessment of the adopters' finances started.
    MeansAssessment { on: NaiveDate },
}

impl AdoptionSupportAction {
    fn audit_action(&self) -> &'static str {
        match self {
            Self::BirthParentWorker { .. } => "PATH-025.birth_parent_worker",
            Self::NeedsJudgement { .. } => "PATH-027.needs_judgement",
            Self::MeansAssessment { .. } => "PATH-027.means_assessment",
        }
    }
}

/// Records one of the adoption plan's support forms on the plan at
/// `expected_version`. Refused unless the plan's pathway is adoption, for a
/// worker from the planning team (PATH-025), or for a means assessment
/// before the judgement that the adopters could meet the child's needs
/// (PATH-027).
pub fn record_adoption_support(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &ChildId,
    expected_version: i64,
    action: AdoptionSupportAction,
    from: &str,
) -> Result<Versioned<Record<PermanencePlan>>, AppError> {
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        if !user.may(Permission::WorkOnPlans) {
            return Err(AppError::Forbidden("record this child's adoption plan"));
        }
        ensure_may_see(tx, user, child, "record this child's adoption plan")?;
        let mut plan = plan_at(tx, child, expected_version)?.value.document;
        if plan.pathway != Some(Pathway::Adoption) {
            return Err(invalid("the plan's pathway is not adoption"));
        }
        let name = action.audit_action();
        let mut details = serde_json::json!({});
        match action {
            AdoptionSupportAction::BirthParentWorker {
                offered,
                response,
                worker,
            } => {
                if offered > today {
                    return Err(invalid("the date of the offer cannot be in the future"));
                }
                let allocated = tx
                    .workers()?
                    .into_iter()
                    .find(|w| w.id == worker.trim())
                    .ok_or_else(|| invalid("choose a worker from the list"))?;
                let planning_team = tx.child_team(child)?.unwrap_or_default();
                check_birth_parent_worker(&planning_team, &allocated).map_err(invalid)?;
                details = serde_json::json!({"offered": offered.to_string()});
                plan.birth_parent_worker = Some(BirthParentWorker {
                    offered,
                    response,
                    worker: allocated.id,
                    team: allocated.team,
                });
            }
            AdoptionSupportAction::NeedsJudgement { could_meet, on } => {
                if on > today {
                    return Err(invalid("the date of the judgement cannot be in the future"));
                }
                let case = plan
                    .adoption_financial_support
                    .get_or_insert(FinancialSupportCase {
                        opened: on,
                        needs_judgement: None,
                        means_assessment_started: None,
                    });
                if case.means_assessment_started.is_some() {
                    return Err(invalid("the means assessment has already started"));
                }
                case.needs_judgement = Some((could_meet, on));
                details = serde_json::json!({"could_meet": could_meet, "on": on.to_string()});
            }
            AdoptionSupportAction::MeansAssessment { on } => {
                if on > today {
                    return Err(invalid(
                        "the means assessment's start cannot be in the future",
                    ));
                }
                let case = plan
                    .adoption_financial_support
                    .get_or_insert(FinancialSupportCase {
                        opened: on,
                        needs_judgement: None,
                        means_assessment_started: None,
                    });
                check_means_assessment_start(case, on).map_err(invalid)?;
                case.means_assessment_started = Some(on);
                details = serde_json::json!({"on": on.to_string()});
            }
        }
        let record = plan_record(&plan);
        let version = tx.update_record(RecordKind::Plan, &record, expected_version)?;
        details["version"] = version.into();
        tx.append(&audit(
            &actor,
            clock,
            name.into(),
            "permanence_plan",
            &record.id,
            details,
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}
