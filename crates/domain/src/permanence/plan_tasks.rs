//! What a ratified plan sets going: the parallel plan's decision date
//! (PLAN-007), the plan sent to everyone who must have it (PLAN-012) and the
//! partners' input the plan still needs (PLAN-013).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{Gap, Lifecycle, PermanencePlan};
use crate::deadline_rules::timescale;
use crate::roles::Role;

// ---------------------------------------------------------------------------
// Parallel plans and partners (PLAN-007, PLAN-012, PLAN-013)
// ---------------------------------------------------------------------------

/// PLAN-007: the drift reason when a parallel plan's decision date passes
/// with neither plan confirmed.
pub const PARALLEL_DECISION_PASSED: &str = "Parallel plan decision date passed";

/// PLAN-007: the drift reason `plan` carries on `as_of`, if its parallel
/// plan's decision date has passed undecided.
pub fn parallel_plan_drift(plan: &PermanencePlan, as_of: NaiveDate) -> Option<&'static str> {
    let live = !matches!(plan.lifecycle, Lifecycle::Achieved | Lifecycle::Superseded);
    let parallel = plan.parallel.as_ref()?;
    (live && parallel.decided.is_none() && as_of > parallel.decision_date)
        .then_some(PARALLEL_DECISION_PASSED)
}

/// Who a ratified plan, or a change to it, is sent to (PLAN-012).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    Child,
    Parents,
    Carer,
    Iro,
    SchoolOrVirtualSchool,
    HealthProfessional,
}

impl Recipient {
    pub const ALL: [Recipient; 6] = [
        Recipient::Child,
        Recipient::Parents,
        Recipient::Carer,
        Recipient::Iro,
        Recipient::SchoolOrVirtualSchool,
        Recipient::HealthProfessional,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Recipient::Child => "child",
            Recipient::Parents => "parents",
            Recipient::Carer => "carer",
            Recipient::Iro => "iro",
            Recipient::SchoolOrVirtualSchool => "school",
            Recipient::HealthProfessional => "health",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Recipient::Child => "The child (in a form suited to their age and understanding)",
            Recipient::Parents => "The parents",
            Recipient::Carer => "The carer",
            Recipient::Iro => "The Independent Reviewing Officer",
            Recipient::SchoolOrVirtualSchool => "The school or Virtual School",
            Recipient::HealthProfessional => "The health professional",
        }
    }
}

/// One distribution task (PLAN-012).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistributionTask {
    pub recipient: Recipient,
    pub due: NaiveDate,
    #[serde(default)]
    pub sent: Option<NaiveDate>,
}

/// PLAN-012: one task per recipient, each due 10 working days after the plan
/// was ratified or changed.
pub fn distribution_tasks(ratified: NaiveDate, recipients: &[Recipient]) -> Vec<DistributionTask> {
    let due = timescale::plan_distribution().after(ratified);
    recipients
        .iter()
        .map(|&recipient| DistributionTask {
            recipient,
            due,
            sent: None,
        })
        .collect()
}

/// PLAN-012: the recipients flagged on `as_of`: not sent by the due date.
pub fn unsent_distributions(tasks: &[DistributionTask], as_of: NaiveDate) -> Vec<Recipient> {
    tasks
        .iter()
        .filter(|t| as_of > t.due && t.sent.is_none_or(|s| s > t.due))
        .map(|t| t.recipient)
        .collect()
}

/// A task the ratification sends to a partner for their missing input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerTask {
    pub role: Role,
    pub rule: &'static str,
    pub what: &'static str,
}

/// PLAN-013: the tasks the ratification's warnings send: the Virtual School
/// for missing education input, the health practitioner for health input.
pub fn partner_input_tasks(gaps: &[Gap]) -> Vec<PartnerTask> {
    gaps.iter()
        .filter(|g| g.rule == "PLAN-013")
        .filter_map(|g| match g.field {
            "education" => Some(PartnerTask {
                role: Role::VirtualSchool,
                rule: "PLAN-013",
                what: "give the education contribution to the permanence plan",
            }),
            "health" => Some(PartnerTask {
                role: Role::HealthPractitioner,
                rule: "PLAN-013",
                what: "give the health contribution to the permanence plan",
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::plan::ParallelPlan;
    use crate::permanence::plan::Pathway;
    use crate::permanence::plan::testing::ratified_plan;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Parallel plans, distribution, partners ---------------------------

    #[test]
    fn plan_007_a_parallel_plan_decision_date_passed_is_drift() {
        // The spec's Check: primary "return home", parallel "SGO with
        // maternal aunt" decided by 2025-09-30; on 2025-10-01 neither is
        // confirmed.
        let mut plan = ratified_plan();
        plan.pathway = Some(Pathway::ReturnHome);
        plan.firmness.parallel = true;
        plan.parallel = Some(ParallelPlan {
            pathway: Pathway::SpecialGuardianshipOrder,
            decision_date: d("2025-09-30"),
            decided: None,
        });
        assert_eq!(parallel_plan_drift(&plan, d("2025-09-30")), None);
        assert_eq!(
            parallel_plan_drift(&plan, d("2025-10-01")),
            Some("Parallel plan decision date passed")
        );
        plan.parallel.as_mut().unwrap().decided = Some(d("2025-09-29"));
        assert_eq!(parallel_plan_drift(&plan, d("2025-10-01")), None);
        // No parallel plan, no drift.
        plan.parallel = None;
        assert_eq!(parallel_plan_drift(&plan, d("2025-10-01")), None);
    }

    #[test]
    fn plan_012_each_recipient_is_due_in_ten_working_days_and_flagged_if_unsent() {
        // The spec's Check: plan ratified 2025-06-30; each task due 2025-07-14.
        let mut tasks = distribution_tasks(
            d("2025-06-30"),
            &[Recipient::Child, Recipient::Carer, Recipient::Iro],
        );
        assert!(tasks.iter().all(|t| t.due == d("2025-07-14")));
        tasks[0].sent = Some(d("2025-07-10"));
        tasks[1].sent = Some(d("2025-07-16"));
        assert_eq!(unsent_distributions(&tasks, d("2025-07-14")), vec![]);
        assert_eq!(
            unsent_distributions(&tasks, d("2025-07-15")),
            vec![Recipient::Carer, Recipient::Iro]
        );
    }

    #[test]
    fn plan_013_missing_education_input_sends_the_virtual_school_a_task() {
        // The spec's Check: school-age child ratified on 2025-06-30 with no
        // education contribution.
        let gaps = vec![
            Gap::warn("PLAN-013", "education", "education input missing"),
            Gap::warn("PRIN-019", "objectives", "no Stability objective"),
        ];
        let tasks = partner_input_tasks(&gaps);
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].role, Role::VirtualSchool);
        let health = [Gap::warn("PLAN-013", "health", "health input missing")];
        assert_eq!(
            partner_input_tasks(&health)[0].role,
            Role::HealthPractitioner
        );
        assert!(partner_input_tasks(&[]).is_empty());
    }
}
