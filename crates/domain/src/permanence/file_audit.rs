//! The KSS case-file audit of permanence work (PRIN-017): its thirteen
//! items, their grades and when an audit may close.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::child::ChildId;

// ---------------------------------------------------------------------------
// The KSS case-file audit (PRIN-017)
// ---------------------------------------------------------------------------

/// The 13 practice standards of the 2016 Knowledge and Skills Statement:
/// Achieving Permanence, the permanence audit checklist (PRIN-017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KssStandard {
    BestPermanenceOption,
    EliminateDrift,
    CaseRecords,
    PreProceedings,
    CourtCommunication,
    ActPurposefully,
    EvidenceAndAssessments,
    DirectWork,
    TransitionPlans,
    EffectiveSupport,
    EarlyWarnings,
    DecisiveAction,
    LessonsLearned,
}

impl KssStandard {
    pub const ALL: [KssStandard; 13] = [
        KssStandard::BestPermanenceOption,
        KssStandard::EliminateDrift,
        KssStandard::CaseRecords,
        KssStandard::PreProceedings,
        KssStandard::CourtCommunication,
        KssStandard::ActPurposefully,
        KssStandard::EvidenceAndAssessments,
        KssStandard::DirectWork,
        KssStandard::TransitionPlans,
        KssStandard::EffectiveSupport,
        KssStandard::EarlyWarnings,
        KssStandard::DecisiveAction,
        KssStandard::LessonsLearned,
    ];

    pub fn label(self) -> &'static str {
        match self {
            KssStandard::BestPermanenceOption => "Decide on the best permanence option",
            KssStandard::EliminateDrift => {
                "Eliminate drift by reaching the right decision at the right time"
            }
            KssStandard::CaseRecords => "High-quality, well-argued and sensitive case records",
            KssStandard::PreProceedings => {
                "Navigate pre-proceedings, engaging birth parents and family early"
            }
            KssStandard::CourtCommunication => "Communicate effectively in court with a rationale",
            KssStandard::ActPurposefully => "Act purposefully without unnecessary deliberation",
            KssStandard::EvidenceAndAssessments => {
                "Accessible, well-argued evidence and assessments"
            }
            KssStandard::DirectWork => {
                "Enough direct work to prepare children and carers for transition"
            }
            KssStandard::TransitionPlans => "High-quality transition plans",
            KssStandard::EffectiveSupport => {
                "The most effective support, applied flexibly and on an ongoing basis"
            }
            KssStandard::EarlyWarnings => {
                "Indicators and early warnings that a permanent home is under strain, with a clear response"
            }
            KssStandard::DecisiveAction => {
                "Clear and decisive action when children cannot stay at home"
            }
            KssStandard::LessonsLearned => "Identify and apply lessons learned",
        }
    }
}

/// The case-file audit grade (the grading behind KPI-GOV-02).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditGrade {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
}

/// One item of the audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditItem {
    pub standard: KssStandard,
    #[serde(default)]
    pub grade: Option<AuditGrade>,
}

/// A permanence case-file audit (PRIN-017).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermanenceAudit {
    pub child_id: ChildId,
    pub created: NaiveDate,
    pub items: Vec<AuditItem>,
    #[serde(default)]
    pub closed: Option<NaiveDate>,
}

/// Why an audit cannot be closed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditError {
    #[error("the audit must hold the 13 KSS standards, each once, in order")]
    NotTheKssChecklist,
    #[error("{} KSS item(s) not scored", .0.len())]
    Unscored(Vec<KssStandard>),
}

impl PermanenceAudit {
    /// A new audit holding the 13 standards, none scored.
    pub fn new(child_id: ChildId, created: NaiveDate) -> Self {
        Self {
            child_id,
            created,
            items: KssStandard::ALL
                .into_iter()
                .map(|standard| AuditItem {
                    standard,
                    grade: None,
                })
                .collect(),
            closed: None,
        }
    }

    /// Grades one standard.
    pub fn grade(&mut self, standard: KssStandard, grade: AuditGrade) {
        if let Some(item) = self.items.iter_mut().find(|i| i.standard == standard) {
            item.grade = Some(grade);
        }
    }

    /// PRIN-017: closes the audit when it holds exactly the 13 standards,
    /// each scored.
    pub fn close(&mut self, on: NaiveDate) -> Result<(), AuditError> {
        let standards: Vec<_> = self.items.iter().map(|i| i.standard).collect();
        if standards != KssStandard::ALL {
            return Err(AuditError::NotTheKssChecklist);
        }
        let unscored: Vec<_> = self
            .items
            .iter()
            .filter(|i| i.grade.is_none())
            .map(|i| i.standard)
            .collect();
        if !unscored.is_empty() {
            return Err(AuditError::Unscored(unscored));
        }
        self.closed = Some(on);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Audit -------------------------------------------------------------

    #[test]
    fn prin_017_the_audit_holds_the_13_kss_items_and_closes_only_when_all_are_scored() {
        // The spec's Check: audit created on 2025-11-03.
        let mut audit = PermanenceAudit::new("child1".parse().unwrap(), d("2025-11-03"));
        assert_eq!(audit.items.len(), 13);
        for s in KssStandard::ALL.into_iter().skip(1) {
            audit.grade(s, AuditGrade::Good);
        }
        assert_eq!(
            audit.close(d("2025-11-10")),
            Err(AuditError::Unscored(vec![
                KssStandard::BestPermanenceOption
            ]))
        );
        assert_eq!(audit.closed, None);
        audit.grade(
            KssStandard::BestPermanenceOption,
            AuditGrade::RequiresImprovement,
        );
        assert_eq!(audit.close(d("2025-11-10")), Ok(()));
        // A record that lost or repeated an item is not the checklist.
        let mut broken = audit.clone();
        broken.items.pop();
        assert_eq!(
            broken.close(d("2025-11-10")),
            Err(AuditError::NotTheKssChecklist)
        );
    }
}
