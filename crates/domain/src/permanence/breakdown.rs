//! Working for the child's return after a breakdown (GEN-002): when a child
//! who left care through adoption, special guardianship or a child
//! arrangements order comes back into care, the care plan holds a "return
//! to family" section: the support offered to enable the child's return to
//! the parent or carer, or the recorded reason return is not the plan.

use serde::{Deserialize, Serialize};

use crate::census::CensusYear;
use crate::permanence::plan::{Gap, PermanencePlan};

/// The support the Council may offer to enable the child's return (GEN-002;
/// the Dedicated Placement Support Team for connected and fostering
/// placements, GEN-003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnSupport {
    SocialWorker,
    SupportWorker,
    Camhs,
    TherapeuticIntervention,
    Dpst,
}

impl ReturnSupport {
    pub const ALL: [ReturnSupport; 5] = [
        ReturnSupport::SocialWorker,
        ReturnSupport::SupportWorker,
        ReturnSupport::Camhs,
        ReturnSupport::TherapeuticIntervention,
        ReturnSupport::Dpst,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReturnSupport::SocialWorker => "social_worker",
            ReturnSupport::SupportWorker => "support_worker",
            ReturnSupport::Camhs => "camhs",
            ReturnSupport::TherapeuticIntervention => "therapeutic_intervention",
            ReturnSupport::Dpst => "dpst",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReturnSupport::SocialWorker => "A social worker",
            ReturnSupport::SupportWorker => "A support worker",
            ReturnSupport::Camhs => "CAMHS",
            ReturnSupport::TherapeuticIntervention => "Therapeutic intervention",
            ReturnSupport::Dpst => "The Dedicated Placement Support Team",
        }
    }
}

/// The care plan's "return to family" section (GEN-002).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnToFamily {
    /// The support offered to enable the return.
    #[serde(default)]
    pub support: Vec<ReturnSupport>,
    /// Why return to the family is not the plan, when it is not.
    #[serde(default)]
    pub not_the_plan: String,
}

impl ReturnToFamily {
    /// GEN-002: the section as a worker fills it in: the support offered,
    /// or the reason return is not the plan; refused with `field: problem`
    /// when it has neither.
    pub fn answer(support: Vec<ReturnSupport>, not_the_plan: &str) -> Result<Self, String> {
        let not_the_plan = not_the_plan.trim().to_owned();
        if support.is_empty() && not_the_plan.is_empty() {
            return Err("return_support: choose the support offered for the child's return to the family, or give the reason return is not the plan".into());
        }
        Ok(ReturnToFamily {
            support,
            not_the_plan,
        })
    }
}

/// GEN-002: whether the child came into care after their family broke
/// down: the return states a previous permanence of adoption (P1), a
/// special guardianship order (P2) or a child arrangements order (P3).
pub fn came_back_after_breakdown(census: &[CensusYear]) -> bool {
    census
        .iter()
        .flat_map(|y| &y.previous_permanence)
        .any(|p| matches!(p.kind.trim(), "P1" | "P2" | "P3"))
}

/// GEN-002: the gap of a plan for a child back in care after a breakdown
/// whose "return to family" section is not filled in.
pub(crate) fn return_to_family_gap(plan: &PermanencePlan, after_breakdown: bool) -> Option<Gap> {
    let answered = plan
        .return_to_family
        .as_ref()
        .is_some_and(|r| !r.support.is_empty() || !r.not_the_plan.trim().is_empty());
    (after_breakdown && !answered).then(|| {
        Gap::block(
            "GEN-002",
            "return_to_family",
            "the child came back into care after a family breakdown: the plan needs its return to family section (the support offered, or why return is not the plan)",
        )
    })
}
