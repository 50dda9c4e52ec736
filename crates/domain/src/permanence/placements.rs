//! Placements and who works with the child: a placement's purpose and
//! introductions, its end and the learning review an unplanned end opens,
//! out-of-area approval, the placement plan (PLAN-014, PRIN-021, PRIN-013,
//! PRIN-014, PRIN-023, DATA-003), and the continuity of social workers
//! (PRIN-022).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::blank;
use crate::child::ChildId;
use crate::codes::{PlacementType, ReasonPlacementChange, SocialWorkerChangeReason};
use crate::roles::Role;

// ---------------------------------------------------------------------------
// Placements (PLAN-014, PRIN-021, PRIN-013, PRIN-014, PRIN-023, DATA-003)
// ---------------------------------------------------------------------------

/// The purpose of a placement within the permanence plan (PLAN-014).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacementPurpose {
    Emergency,
    AssessmentShortTerm,
    Bridging,
    /// A parallel placement, such as Fostering for Adoption.
    Parallel,
    PermanentLongTerm,
}

impl PlacementPurpose {
    pub const ALL: [PlacementPurpose; 5] = [
        PlacementPurpose::Emergency,
        PlacementPurpose::AssessmentShortTerm,
        PlacementPurpose::Bridging,
        PlacementPurpose::Parallel,
        PlacementPurpose::PermanentLongTerm,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlacementPurpose::Emergency => "emergency",
            PlacementPurpose::AssessmentShortTerm => "assessment_short_term",
            PlacementPurpose::Bridging => "bridging",
            PlacementPurpose::Parallel => "parallel",
            PlacementPurpose::PermanentLongTerm => "permanent_long_term",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PlacementPurpose::Emergency => "Emergency",
            PlacementPurpose::AssessmentShortTerm => "Assessment / short-term",
            PlacementPurpose::Bridging => "Bridging",
            PlacementPurpose::Parallel => "Parallel (e.g. Fostering for Adoption)",
            PlacementPurpose::PermanentLongTerm => "Permanent / long-term",
        }
    }
}

/// A new placement's permanence fields, as the form saves them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementRecord {
    pub child_id: ChildId,
    pub start: NaiveDate,
    #[serde(default)]
    pub purpose: Option<PlacementPurpose>,
    /// Date of the introductions or placement-planning meeting (PRIN-021).
    #[serde(default)]
    pub introductions: Option<NaiveDate>,
    /// How the child took part in the choice of placement (PRIN-021).
    #[serde(default)]
    pub child_participation: Option<String>,
    /// KIN-101: whether a connected-person option was considered (Section
    /// 22) and, if it was not used, why.
    #[serde(default)]
    pub section_22: Option<String>,
    /// GEN-008: a One2One placement with a specialist carer, stepping the
    /// child down from residential care.
    #[serde(default)]
    pub one2one: bool,
    /// GEN-008: a One2One placement's trajectory (a code of
    /// [`ONE2ONE_TRAJECTORIES`]).
    #[serde(default)]
    pub trajectory: Option<String>,
    /// GEN-009: a Parent and Child placement: the parent who stays with the
    /// child, and the assessment being carried out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_and_child: Option<ParentAndChild>,
}

/// GEN-009: what a Parent and Child placement links: the parent placed with
/// the child (the placement's child) and the assessment carried out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentAndChild {
    pub parent: String,
    pub assessment: String,
}

/// GEN-008: where a One2One placement leads.
pub const ONE2ONE_TRAJECTORIES: &[(&str, &str)] = &[
    ("reunification", "Reunification with parents"),
    ("family_placement", "Return to a family placement"),
    ("independence", "Into independence"),
];

impl PlacementRecord {
    /// GEN-008: the trajectory in words.
    pub fn trajectory_label(&self) -> Option<&'static str> {
        let code = self.trajectory.as_deref()?;
        ONE2ONE_TRAJECTORIES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, l)| *l)
    }
}

/// Something a saved placement shows without being refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlacementFlag {
    /// PRIN-021: a planned move with no introductions or planning meeting
    /// before the start.
    PlannedMoveWithoutIntroductions,
    /// KIN-101: a placement with foster carers other than a connected person
    /// with no record of the connected-person option considered.
    Section22ConsiderationMissing,
}

impl PlacementFlag {
    pub fn label(self) -> &'static str {
        match self {
            PlacementFlag::PlannedMoveWithoutIntroductions => "planned move without introductions",
            PlacementFlag::Section22ConsiderationMissing => {
                "Section 22 consideration missing (KIN-101)"
            }
        }
    }
}

/// Why a placement cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlacementError {
    #[error("the placement's purpose within the permanence plan is required (PLAN-014)")]
    PurposeMissing,
    #[error(
        "planned move without introductions: record how the child took part in the choice of placement (PRIN-021)"
    )]
    ParticipationMissing,
    #[error(
        "a One2One placement needs its trajectory: reunification with parents, return to a family placement or independence (GEN-008)"
    )]
    TrajectoryMissing,
    #[error(
        "a Parent and Child placement needs the parent placed with the child and the assessment being carried out (GEN-009)"
    )]
    ParentAndChildIncomplete,
}

/// PLAN-014, PRIN-021: checks a placement as it is saved; returns the flags it
/// carries.
pub fn validate_placement(p: &PlacementRecord) -> Result<Vec<PlacementFlag>, PlacementError> {
    let purpose = p.purpose.ok_or(PlacementError::PurposeMissing)?;
    if p.one2one && p.trajectory_label().is_none() {
        return Err(PlacementError::TrajectoryMissing);
    }
    if p.parent_and_child
        .as_ref()
        .is_some_and(|pc| pc.parent.trim().is_empty() || pc.assessment.trim().is_empty())
    {
        return Err(PlacementError::ParentAndChildIncomplete);
    }
    let mut flags = Vec::new();
    let introduced = p.introductions.is_some_and(|d| d < p.start);
    if purpose != PlacementPurpose::Emergency && !introduced {
        if blank(&p.child_participation) {
            return Err(PlacementError::ParticipationMissing);
        }
        flags.push(PlacementFlag::PlannedMoveWithoutIntroductions);
    }
    Ok(flags)
}

/// KIN-101: whether a placement of type `placement_type` with foster
/// carers who are not the child's relatives or friends (U4 to U6) lacks the
/// record of a connected-person option considered.
pub fn section_22_missing(placement_type: PlacementType, p: &PlacementRecord) -> bool {
    matches!(
        placement_type,
        PlacementType::FosterLongTerm | PlacementType::FosterFfa | PlacementType::FosterOther
    ) && blank(&p.section_22)
}

/// The end of a placement (PRIN-014).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementEnd {
    pub child_id: ChildId,
    pub placement_start: NaiveDate,
    pub purpose: PlacementPurpose,
    pub ended: NaiveDate,
    /// The move reason, from the SSDA903 list.
    #[serde(default)]
    pub reason: Option<ReasonPlacementChange>,
    /// Planned = in line with the permanence plan.
    #[serde(default)]
    pub planned: Option<bool>,
}

/// Why a placement end cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlacementEndError {
    #[error("the move reason is required (PRIN-014)")]
    ReasonMissing,
    #[error("say whether the end was planned, in line with the permanence plan (PRIN-014)")]
    PlannedFlagMissing,
    #[error("the placement cannot end ({ended}) before it started ({started})")]
    EndsBeforeStart {
        ended: NaiveDate,
        started: NaiveDate,
    },
}

/// PRIN-014: every placement end has a reason and a planned/unplanned flag.
pub fn validate_placement_end(end: &PlacementEnd) -> Result<(), PlacementEndError> {
    if end.ended < end.placement_start {
        return Err(PlacementEndError::EndsBeforeStart {
            ended: end.ended,
            started: end.placement_start,
        });
    }
    if end.reason.is_none() {
        return Err(PlacementEndError::ReasonMissing);
    }
    if end.planned.is_none() {
        return Err(PlacementEndError::PlannedFlagMissing);
    }
    Ok(())
}

/// Who takes a learning review (PRIN-023).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LearningOwner {
    IndependentReviewingOfficer,
    FamilyPlacementTeam,
}

/// The learning record after a permanent placement breaks down (PRIN-023).
/// It stays open until the learning has been disseminated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningReview {
    pub child_id: ChildId,
    pub placement_start: NaiveDate,
    pub ended: NaiveDate,
    pub owner: LearningOwner,
    #[serde(default)]
    pub learning: Option<String>,
    #[serde(default)]
    pub disseminated: Option<NaiveDate>,
    /// The key groups the learning was shared with.
    #[serde(default)]
    pub groups: Vec<String>,
}

/// Why a learning review cannot be closed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LearningError {
    #[error("record the learning before it is disseminated")]
    NoLearning,
    #[error("name the groups the learning was shared with")]
    NoGroups,
    #[error("dissemination ({on}) cannot be before the placement ended ({ended})")]
    BeforeEnd { on: NaiveDate, ended: NaiveDate },
}

impl LearningReview {
    /// Open until a dissemination date is entered.
    pub fn is_open(&self) -> bool {
        self.disseminated.is_none()
    }

    /// Records that the learning was shared with `groups` on `on`.
    pub fn record_dissemination(
        &mut self,
        on: NaiveDate,
        groups: Vec<String>,
    ) -> Result<(), LearningError> {
        if blank(&self.learning) {
            return Err(LearningError::NoLearning);
        }
        if groups.iter().all(|g| g.trim().is_empty()) {
            return Err(LearningError::NoGroups);
        }
        if on < self.ended {
            return Err(LearningError::BeforeEnd {
                on,
                ended: self.ended,
            });
        }
        self.disseminated = Some(on);
        self.groups = groups;
        Ok(())
    }
}

/// PRIN-023: the learning-review task an unplanned end of a permanent
/// placement creates, for `owner` (the IRO or the Family Placement Team, as
/// configured). Adoption disruptions follow ADOPT-041 as well.
pub fn learning_review_for(end: &PlacementEnd, owner: LearningOwner) -> Option<LearningReview> {
    (end.purpose == PlacementPurpose::PermanentLongTerm && end.planned == Some(false)).then(|| {
        LearningReview {
            child_id: end.child_id.clone(),
            placement_start: end.placement_start,
            ended: end.ended,
            owner,
            learning: None,
            disseminated: None,
            groups: Vec::new(),
        }
    })
}

/// PRIN-013: the approver of an out-of-Leicestershire placement (configurable;
/// the spec's default is the Service Manager).
pub const OUT_OF_AREA_APPROVER: Role = Role::ServiceManager;

/// Why a child would be placed outside Leicestershire (PRIN-013).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutOfAreaReason {
    ReduceHighRisk,
    SpecificAssessedNeed,
    /// Needs a description.
    Other,
}

impl OutOfAreaReason {
    pub const ALL: [OutOfAreaReason; 3] = [
        OutOfAreaReason::ReduceHighRisk,
        OutOfAreaReason::SpecificAssessedNeed,
        OutOfAreaReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OutOfAreaReason::ReduceHighRisk => "reduce_high_risk",
            OutOfAreaReason::SpecificAssessedNeed => "specific_assessed_need",
            OutOfAreaReason::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OutOfAreaReason::ReduceHighRisk => "To reduce a high risk to the child",
            OutOfAreaReason::SpecificAssessedNeed => "To meet a specific assessed need",
            OutOfAreaReason::Other => "Other",
        }
    }
}

/// A request to place a child with a family or in a home outside
/// Leicestershire (PRIN-013).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutOfAreaRequest {
    pub child_id: ChildId,
    pub requested: NaiveDate,
    #[serde(default)]
    pub reason: Option<OutOfAreaReason>,
    #[serde(default)]
    pub reason_text: Option<String>,
    /// The version of the permanence plan the request is made within.
    #[serde(default)]
    pub plan_version: Option<u32>,
    #[serde(default)]
    pub approved_by: Option<String>,
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
}

/// Why an out-of-area request cannot be approved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutOfAreaError {
    #[error("the reason category is required (PRIN-013)")]
    ReasonMissing,
    #[error("describe the other reason (PRIN-013)")]
    OtherReasonUndescribed,
    #[error("link the request to the child's permanence plan (PRIN-013)")]
    PlanLinkMissing,
    #[error("only a {required} may approve a placement outside Leicestershire")]
    WrongApprover { required: &'static str },
}

/// PRIN-013: approves `req` for `approver`, who holds `role`; `required` is
/// the configured approver role ([`OUT_OF_AREA_APPROVER`] by default).
pub fn approve_out_of_area(
    req: &mut OutOfAreaRequest,
    approver: &str,
    role: Role,
    required: Role,
    on: NaiveDate,
) -> Result<(), OutOfAreaError> {
    match req.reason {
        None => return Err(OutOfAreaError::ReasonMissing),
        Some(OutOfAreaReason::Other) if blank(&req.reason_text) => {
            return Err(OutOfAreaError::OtherReasonUndescribed);
        }
        Some(_) => {}
    }
    if req.plan_version.is_none() {
        return Err(OutOfAreaError::PlanLinkMissing);
    }
    if role != required {
        return Err(OutOfAreaError::WrongApprover {
            required: required.title(),
        });
    }
    req.approved_by = Some(approver.to_owned());
    req.approved_on = Some(on);
    Ok(())
}

/// The delegated-authority section of a placement plan (DATA-003).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegatedAuthority {
    /// Decisions delegated to the foster carer or the home's registered manager.
    pub delegated: Vec<String>,
    /// Decisions kept, each with who holds it.
    pub held_by_others: Vec<String>,
}

/// A placement plan, as far as DATA-003 needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementPlan {
    pub child_id: ChildId,
    pub placement_start: NaiveDate,
    #[serde(default)]
    pub delegated_authority: Option<DelegatedAuthority>,
    #[serde(default)]
    pub finalised: Option<NaiveDate>,
}

/// Why a placement plan cannot be finalised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlacementPlanError {
    #[error(
        "the delegated-authority section is required: record which decisions the carer may take (DATA-003)"
    )]
    DelegatedAuthorityMissing,
}

/// DATA-003: a placement plan is finalised only with its delegated-authority
/// section filled in.
pub fn finalise_placement_plan(
    plan: &mut PlacementPlan,
    on: NaiveDate,
) -> Result<(), PlacementPlanError> {
    let filled = plan
        .delegated_authority
        .as_ref()
        .is_some_and(|a| !a.delegated.is_empty() || !a.held_by_others.is_empty());
    if !filled {
        return Err(PlacementPlanError::DelegatedAuthorityMissing);
    }
    plan.finalised = Some(on);
    Ok(())
}

// ---------------------------------------------------------------------------
// Continuity of workers (PRIN-022)
// ---------------------------------------------------------------------------

/// PRIN-022: more changes than this in the last 12 months puts the child on
/// the exception list (configurable; the spec's default is 2).
pub const WORKER_CHANGE_THRESHOLD: usize = 2;

/// A change of the allocated social worker, with its reason (PRIN-022).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerChange {
    pub child_id: ChildId,
    pub date: NaiveDate,
    pub reason: SocialWorkerChangeReason,
    /// The one planned handover to the Permanence Team at Placement Order
    /// (OQ-07), which does not count.
    #[serde(default)]
    pub planned_handover: bool,
}

/// A child on the worker-change exception list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkerChangeException {
    pub child_id: ChildId,
    pub changes: usize,
}

/// PRIN-022: children with more than `threshold` changes of social worker in
/// the 12 months up to `as_of`, most changes first. One planned handover at
/// Placement Order per child is not counted.
pub fn worker_change_exceptions(
    changes: &[WorkerChange],
    as_of: NaiveDate,
    threshold: usize,
) -> Vec<WorkerChangeException> {
    let from = as_of - chrono::Months::new(12);
    let mut per_child: BTreeMap<&ChildId, (usize, bool)> = BTreeMap::new();
    for c in changes.iter().filter(|c| c.date > from && c.date <= as_of) {
        let (count, handover_used) = per_child.entry(&c.child_id).or_default();
        if c.planned_handover && !*handover_used {
            *handover_used = true;
        } else {
            *count += 1;
        }
    }
    let mut list: Vec<_> = per_child
        .into_iter()
        .filter(|(_, (count, _))| *count > threshold)
        .map(|(child, (changes, _))| WorkerChangeException {
            child_id: child.clone(),
            changes,
        })
        .collect();
    list.sort_by_key(|e| std::cmp::Reverse(e.changes));
    list
}

// ---------------------------------------------------------------------------
// Commissioned placements (ROLE-009)
// ---------------------------------------------------------------------------

/// ROLE-009: whether a placement is commissioned from an agency or
/// independent provider, and when the provider's service was last reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Commissioning {
    pub commissioned: bool,
    #[serde(default)]
    pub last_service_review: Option<NaiveDate>,
}

/// ROLE-009: a commissioned placement's annual service review is overdue on
/// `on` when more than 12 months have passed since the provider's last
/// annual review, or none is recorded.
pub fn annual_service_review_overdue(c: &Commissioning, on: NaiveDate) -> bool {
    c.commissioned
        && c.last_service_review
            .is_none_or(|last| last + chrono::Months::new(12) < on)
}

/// ROLE-009: a commissioned placement's standing in the compliance report.
pub fn service_review_standing(c: &Commissioning, on: NaiveDate) -> &'static str {
    if annual_service_review_overdue(c, on) {
        "annual service review overdue"
    } else {
        "annual service review up to date"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Placements ----------------------------------------------------

    fn placement(start: &str, purpose: Option<PlacementPurpose>) -> PlacementRecord {
        PlacementRecord {
            child_id: "child1".parse().unwrap(),
            start: d(start),
            purpose,
            introductions: None,
            child_participation: None,
            section_22: None,
            one2one: false,
            trajectory: None,
            parent_and_child: None,
        }
    }

    #[test]
    fn plan_014_a_placement_without_a_purpose_is_refused() {
        // The spec's Check: new placement saved on 2025-05-12, purpose empty.
        let p = placement("2025-05-12", None);
        assert_eq!(validate_placement(&p), Err(PlacementError::PurposeMissing));
        let p = placement("2025-05-12", Some(PlacementPurpose::Emergency));
        assert_eq!(validate_placement(&p), Ok(vec![]));
    }

    #[test]
    fn prin_021_a_planned_move_without_introductions_is_flagged_and_needs_the_child_s_part() {
        // The spec's Check: planned placement from 2025-08-18 with no
        // introductions or planning meeting before that date.
        let mut p = placement("2025-08-18", Some(PlacementPurpose::PermanentLongTerm));
        assert_eq!(
            validate_placement(&p),
            Err(PlacementError::ParticipationMissing)
        );
        p.child_participation = Some("visited the carers with her social worker".into());
        let flags = validate_placement(&p).unwrap();
        assert_eq!(flags, vec![PlacementFlag::PlannedMoveWithoutIntroductions]);
        assert_eq!(flags[0].label(), "planned move without introductions");
        // Introductions on the start day itself are not "before".
        p.introductions = Some(d("2025-08-18"));
        assert_eq!(validate_placement(&p).unwrap().len(), 1);
        p.introductions = Some(d("2025-08-11"));
        assert_eq!(validate_placement(&p), Ok(vec![]));
        // An emergency placement is not flagged.
        let e = placement("2025-08-18", Some(PlacementPurpose::Emergency));
        assert_eq!(validate_placement(&e), Ok(vec![]));
    }

    fn long_term_end(planned: Option<bool>) -> PlacementEnd {
        PlacementEnd {
            child_id: "child1".parse().unwrap(),
            placement_start: d("2023-02-01"),
            purpose: PlacementPurpose::PermanentLongTerm,
            ended: d("2025-10-10"),
            reason: Some(ReasonPlacementChange::CarerRequestBehaviour),
            planned,
        }
    }

    #[test]
    fn prin_014_a_placement_end_needs_a_move_reason_and_a_planned_flag() {
        // The spec's Check: end recorded on 2025-10-10 with the move reason
        // empty is rejected.
        let mut end = long_term_end(Some(false));
        end.reason = None;
        assert_eq!(
            validate_placement_end(&end),
            Err(PlacementEndError::ReasonMissing)
        );
        end.reason = Some(ReasonPlacementChange::CarerApprovalChange);
        assert_eq!(validate_placement_end(&end), Ok(()));
        end.planned = None;
        assert_eq!(
            validate_placement_end(&end),
            Err(PlacementEndError::PlannedFlagMissing)
        );
        end.planned = Some(true);
        end.ended = d("2023-01-31");
        assert!(matches!(
            validate_placement_end(&end),
            Err(PlacementEndError::EndsBeforeStart { .. })
        ));
    }

    #[test]
    fn prin_023_an_unplanned_end_of_a_long_term_placement_opens_a_learning_review() {
        // The spec's Check: a confirmed long-term foster placement ends
        // unplanned on 2025-10-10.
        let end = long_term_end(Some(false));
        let mut review = learning_review_for(&end, LearningOwner::FamilyPlacementTeam)
            .expect("a learning review");
        assert_eq!(review.owner, LearningOwner::FamilyPlacementTeam);
        assert_eq!(review.ended, d("2025-10-10"));
        assert!(review.is_open());
        // It stays open until the dissemination date is entered.
        assert_eq!(
            review.record_dissemination(d("2025-12-01"), vec!["Pod".into()]),
            Err(LearningError::NoLearning)
        );
        review.learning = Some("stability meeting came too late".into());
        assert_eq!(
            review.record_dissemination(d("2025-12-01"), vec![]),
            Err(LearningError::NoGroups)
        );
        assert!(review.is_open());
        review
            .record_dissemination(d("2025-12-01"), vec!["Fostering service".into()])
            .unwrap();
        assert!(!review.is_open());
        // A planned end, or a short-term placement, needs none.
        assert_eq!(
            learning_review_for(
                &long_term_end(Some(true)),
                LearningOwner::IndependentReviewingOfficer
            ),
            None
        );
        let short = PlacementEnd {
            purpose: PlacementPurpose::Bridging,
            ..long_term_end(Some(false))
        };
        assert_eq!(
            learning_review_for(&short, LearningOwner::IndependentReviewingOfficer),
            None
        );
    }

    #[test]
    fn prin_013_out_of_area_approval_needs_a_reason_category_a_plan_link_and_the_approver() {
        // The spec's Check: request on 2025-09-01 for a residential home in
        // another county with the reason category empty is refused.
        let mut req = OutOfAreaRequest {
            child_id: "child1".parse().unwrap(),
            requested: d("2025-09-01"),
            reason: None,
            reason_text: None,
            plan_version: Some(1),
            approved_by: None,
            approved_on: None,
        };
        let approve = |req: &mut OutOfAreaRequest, role| {
            approve_out_of_area(req, "sm-1", role, OUT_OF_AREA_APPROVER, d("2025-09-02"))
        };
        assert_eq!(
            approve(&mut req, Role::ServiceManager),
            Err(OutOfAreaError::ReasonMissing)
        );
        assert_eq!(req.approved_on, None);
        req.reason = Some(OutOfAreaReason::Other);
        assert_eq!(
            approve(&mut req, Role::ServiceManager),
            Err(OutOfAreaError::OtherReasonUndescribed)
        );
        req.reason = Some(OutOfAreaReason::ReduceHighRisk);
        req.plan_version = None;
        assert_eq!(
            approve(&mut req, Role::ServiceManager),
            Err(OutOfAreaError::PlanLinkMissing)
        );
        req.plan_version = Some(1);
        assert!(matches!(
            approve(&mut req, Role::TeamManager),
            Err(OutOfAreaError::WrongApprover { .. })
        ));
        assert_eq!(approve(&mut req, Role::ServiceManager), Ok(()));
        assert_eq!(req.approved_on, Some(d("2025-09-02")));
    }

    #[test]
    fn data_003_a_placement_plan_without_delegated_authority_cannot_be_finalised() {
        // The spec's Check: placement started 2025-05-12, no section.
        let mut plan = PlacementPlan {
            child_id: "child1".parse().unwrap(),
            placement_start: d("2025-05-12"),
            delegated_authority: None,
            finalised: None,
        };
        assert_eq!(
            finalise_placement_plan(&mut plan, d("2025-05-16")),
            Err(PlacementPlanError::DelegatedAuthorityMissing)
        );
        plan.delegated_authority = Some(DelegatedAuthority {
            delegated: vec![],
            held_by_others: vec![],
        });
        assert!(finalise_placement_plan(&mut plan, d("2025-05-16")).is_err());
        plan.delegated_authority = Some(DelegatedAuthority {
            delegated: vec!["overnight stays with friends".into()],
            held_by_others: vec!["passport application: social worker".into()],
        });
        assert_eq!(finalise_placement_plan(&mut plan, d("2025-05-16")), Ok(()));
        assert_eq!(plan.finalised, Some(d("2025-05-16")));
    }

    // --- Workers ---------------------------------------------------------

    fn change(child: &str, date: &str) -> WorkerChange {
        WorkerChange {
            child_id: child.parse().unwrap(),
            date: d(date),
            reason: SocialWorkerChangeReason::LeftRole,
            planned_handover: false,
        }
    }

    #[test]
    fn prin_022_more_than_two_worker_changes_in_twelve_months_lists_the_child() {
        // The spec's Check: changes on 2025-01-06, 2025-05-12 and 2025-10-20;
        // the report on 2025-11-03 with threshold 2 lists the child with 3.
        let changes = vec![
            change("child1", "2025-01-06"),
            change("child1", "2025-05-12"),
            change("child1", "2025-10-20"),
            change("child2", "2025-02-01"),
            change("child2", "2025-06-01"),
        ];
        let list = worker_change_exceptions(&changes, d("2025-11-03"), WORKER_CHANGE_THRESHOLD);
        assert_eq!(
            list,
            vec![WorkerChangeException {
                child_id: "child1".parse().unwrap(),
                changes: 3
            }]
        );
        // A year later the January change has dropped out of the window.
        assert!(worker_change_exceptions(&changes, d("2026-01-07"), 2).is_empty());
        // The planned handover at Placement Order is not counted.
        let mut handover = changes.clone();
        handover[0].planned_handover = true;
        assert!(worker_change_exceptions(&handover, d("2025-11-03"), 2).is_empty());
    }

    #[test]
    fn role_009_a_commissioned_placement_reviewed_over_a_year_ago_is_overdue() {
        let reviewed = Commissioning {
            commissioned: true,
            last_service_review: Some(d("2024-09-15")),
        };
        assert!(annual_service_review_overdue(&reviewed, d("2025-10-01")));
        assert_eq!(
            service_review_standing(&reviewed, d("2025-10-01")),
            "annual service review overdue"
        );
        assert!(!annual_service_review_overdue(&reviewed, d("2025-09-15")));
        let never = Commissioning {
            commissioned: true,
            last_service_review: None,
        };
        assert!(annual_service_review_overdue(&never, d("2025-10-01")));
        let own = Commissioning::default();
        assert!(!annual_service_review_overdue(&own, d("2025-10-01")));
    }
}
