//! What permanence work must record, and the checks that refuse an incomplete
//! or wrong record (chapter 20, sections 2, 3 and 8: PRIN-, PLAN-, DATA-).
//!
//! The ratification gate itself is in [`super::plan`]; this module holds the
//! other records the rules name: the looked-after episode that opens a plan,
//! placements and their ends, worker changes, reviews and the gate a review
//! must pass to be finalised, support plans, Contact Agreements, changes of
//! plan and their authorisations, the case-file audit, voice records, the
//! information-sharing log, orders and parental responsibility, the options
//! appraisal and the policy versions the rules are read against.
//!
//! Each check is a pure function of the record and the dates it is given.
//! Free text (wishes, reasons, learning) is personal data: it stays in the
//! record and never appears in an error's `Display`, which may be logged.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{
    AppraisalEntry, AppraisalOutcome, Gap, Identity, Lifecycle, Objective, OutcomeArea, Pathway,
    PermanenceOption, PermanencePlan,
};
use crate::calendar;
use crate::codes::{LegalStatus, ReasonPlacementChange, SocialWorkerChangeReason};
use crate::roles::Role;

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

// ---------------------------------------------------------------------------
// The looked-after episode opens the plan (PLAN-001, PRIN-018)
// ---------------------------------------------------------------------------

/// TRACK-001 (reg 33): the first review is due within 20 working days of the
/// child becoming looked after.
pub const FIRST_REVIEW_WORKING_DAYS: u32 = 20;

/// The start of a looked-after episode, as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpisodeStart {
    pub child_id: String,
    pub start: NaiveDate,
    pub legal_status: LegalStatus,
    /// The allocated social worker, who owns the plan.
    pub allocated_social_worker: String,
}

/// What saving an episode start creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeOpened {
    /// The Draft permanence plan (PLAN-001).
    pub plan: PermanencePlan,
    /// The first review's due date, the start of the review schedule (TRACK-001).
    pub first_review_due: NaiveDate,
}

/// PLAN-001, PRIN-018: every looked-after child gets a Draft permanence plan
/// and a review schedule, whatever the legal status: section 20, a care
/// order, or a remand to local authority accommodation (LASPO 2012 s104).
pub fn open_looked_after_episode(start: &EpisodeStart) -> EpisodeOpened {
    EpisodeOpened {
        plan: PermanencePlan::draft(
            start.child_id.clone(),
            start.start,
            start.allocated_social_worker.clone(),
        ),
        first_review_due: calendar::add_working_days(start.start, FIRST_REVIEW_WORKING_DAYS),
    }
}

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
    pub child_id: String,
    pub start: NaiveDate,
    #[serde(default)]
    pub purpose: Option<PlacementPurpose>,
    /// Date of the introductions or placement-planning meeting (PRIN-021).
    #[serde(default)]
    pub introductions: Option<NaiveDate>,
    /// How the child took part in the choice of placement (PRIN-021).
    #[serde(default)]
    pub child_participation: Option<String>,
}

/// Something a saved placement shows without being refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PlacementFlag {
    /// PRIN-021: a planned move with no introductions or planning meeting
    /// before the start.
    PlannedMoveWithoutIntroductions,
}

impl PlacementFlag {
    pub fn label(self) -> &'static str {
        match self {
            PlacementFlag::PlannedMoveWithoutIntroductions => "planned move without introductions",
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
}

/// PLAN-014, PRIN-021: checks a placement as it is saved; returns the flags it
/// carries.
pub fn validate_placement(p: &PlacementRecord) -> Result<Vec<PlacementFlag>, PlacementError> {
    let purpose = p.purpose.ok_or(PlacementError::PurposeMissing)?;
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

/// The end of a placement (PRIN-014).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementEnd {
    pub child_id: String,
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
    pub child_id: String,
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

/// A request to place a child with a family or in a home outside
/// Leicestershire (PRIN-013).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutOfAreaRequest {
    pub child_id: String,
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
    pub child_id: String,
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
    pub child_id: String,
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
    pub child_id: String,
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
    let mut per_child: BTreeMap<&str, (usize, bool)> = BTreeMap::new();
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
            child_id: child.to_owned(),
            changes,
        })
        .collect();
    list.sort_by_key(|e| std::cmp::Reverse(e.changes));
    list
}

// ---------------------------------------------------------------------------
// Voice and choice (DATA-002, PRIN-005, PRIN-006)
// ---------------------------------------------------------------------------

/// Whose voice a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoiceSubject {
    Child,
    FamilyMember,
}

/// What the voice was gathered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoiceContext {
    Review,
    PanelItem,
    KeyDecision,
}

/// How the wishes were gathered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoiceMethod {
    Direct,
    Advocate,
    Written,
    OtherTool,
}

/// A voice record (DATA-002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceRecord {
    pub child_id: String,
    pub subject: VoiceSubject,
    pub context: VoiceContext,
    /// Summary or the person's own words.
    pub wishes: String,
    pub method: VoiceMethod,
    pub gathered_by: String,
    pub date: NaiveDate,
    pub how_weighed: String,
    /// Whether the decision follows the wishes.
    pub decision_follows: bool,
    /// Required when it does not (PRIN-005).
    #[serde(default)]
    pub reason_differs: Option<String>,
}

impl VoiceRecord {
    /// PRIN-005: a decision that differs from the wishes needs its reason.
    pub fn lacks_reason(&self) -> bool {
        !self.decision_follows && blank(&self.reason_differs)
    }
}

/// Why a pack has no usable voice record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoiceError {
    #[error("the child's wishes and feelings have not been recorded (DATA-002)")]
    Missing,
    #[error(
        "the latest voice record is dated {latest}: a voice record on or after {required_from} is required (DATA-002)"
    )]
    OutOfDate {
        latest: NaiveDate,
        required_from: NaiveDate,
    },
}

/// DATA-002: the child's voice record a panel pack uses: the latest one, which
/// must be dated on or after the child's last review.
pub fn voice_for_panel_pack<'a>(
    records: &'a [VoiceRecord],
    child_id: &str,
    last_review: Option<NaiveDate>,
) -> Result<&'a VoiceRecord, VoiceError> {
    let latest = records
        .iter()
        .filter(|r| r.child_id == child_id && r.subject == VoiceSubject::Child)
        .max_by_key(|r| r.date)
        .ok_or(VoiceError::Missing)?;
    match last_review {
        Some(review) if latest.date < review => Err(VoiceError::OutOfDate {
            latest: latest.date,
            required_from: review,
        }),
        _ => Ok(latest),
    }
}

/// One identity heading's entry for a panel item or a family support plan
/// (PRIN-004). "Not applicable" and "not known" need a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum IdentityEntry {
    Considered { how: String },
    NotApplicable { reason: String },
    NotKnown { reason: String },
}

impl IdentityEntry {
    fn text(&self) -> &str {
        match self {
            IdentityEntry::Considered { how } => how,
            IdentityEntry::NotApplicable { reason } | IdentityEntry::NotKnown { reason } => reason,
        }
    }
}

/// The six identity headings for a panel item or support plan (PRIN-004).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityConsiderations {
    #[serde(default)]
    pub ethnic_origin: Option<IdentityEntry>,
    #[serde(default)]
    pub cultural_background: Option<IdentityEntry>,
    #[serde(default)]
    pub language: Option<IdentityEntry>,
    #[serde(default)]
    pub religion: Option<IdentityEntry>,
    #[serde(default)]
    pub disability: Option<IdentityEntry>,
    #[serde(default)]
    pub sexuality: Option<IdentityEntry>,
}

impl IdentityConsiderations {
    /// The plan's view of these entries: a heading counts only when it has
    /// text (a consideration, or the reason for "not applicable"/"not known").
    pub fn as_plan_identity(&self) -> Identity {
        let text = |e: &Option<IdentityEntry>| {
            e.as_ref()
                .map(|e| e.text().trim().to_owned())
                .filter(|t| !t.is_empty())
        };
        Identity {
            ethnic_origin: text(&self.ethnic_origin),
            cultural_background: text(&self.cultural_background),
            language: text(&self.language),
            religion: text(&self.religion),
            disability: text(&self.disability),
            sexuality: text(&self.sexuality),
        }
    }
}

/// Why an item cannot be listed for want of identity entries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("identity consideration missing: {} (PRIN-004)", .0.join(", "))]
    Incomplete(Vec<&'static str>),
}

/// PRIN-004: a panel item is listed only when all six identity headings have
/// an entry, "not applicable" or "not known" with a reason.
pub fn check_identity_for_listing(ic: &IdentityConsiderations) -> Result<(), IdentityError> {
    let missing = ic.as_plan_identity().missing();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(IdentityError::Incomplete(missing))
    }
}

// ---------------------------------------------------------------------------
// Reviews of arrangements (PRIN-005, PRIN-006, PRIN-010, PLAN-002, PLAN-006,
// PLAN-009, DATA-010)
// ---------------------------------------------------------------------------

/// How the parents contributed to a review (PRIN-006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParentalContribution {
    Attended,
    WrittenViews,
    Declined,
    NotLocated,
}

/// What a review decided about the permanence plan (PLAN-005, PLAN-009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanReviewOutcome {
    Ratified,
    Continue,
    AmendStepsOrTimescales,
    ChangeOfPlan,
    /// A provisional plan confirmed as final after the final order (PLAN-006).
    ConfirmedFinal,
}

/// A decision of a review, with its owner and due date (DATA-010).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDecision {
    pub text: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
}

/// A Review of Arrangements record, as it is put for finalisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub child_id: String,
    /// 1 for the first review.
    pub sequence: u32,
    pub held: NaiveDate,
    /// The IRO who chaired it.
    pub chair: String,
    #[serde(default)]
    pub parental_contribution: Option<ParentalContribution>,
    #[serde(default)]
    pub carer_contribution: Option<String>,
    #[serde(default)]
    pub child_voice: Option<VoiceRecord>,
    #[serde(default)]
    pub plan_outcome: Option<PlanReviewOutcome>,
    #[serde(default)]
    pub decisions: Vec<ReviewDecision>,
}

/// What the review gate needs beyond the review record.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewContext<'a> {
    /// The permanence plan as it stood when the review was held.
    pub plan: Option<&'a PermanencePlan>,
    /// A permanence-discussion entry exists (PLAN-002).
    pub permanence_discussion_recorded: bool,
    /// The child lives with a carer whose contribution is expected (PRIN-010).
    pub placed_with_carer: bool,
}

/// Everything that stops `review` being finalised, blocking gaps only.
pub fn finalisation_gaps(review: &ReviewRecord, ctx: &ReviewContext) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if review.parental_contribution.is_none() {
        gaps.push(Gap::block(
            "PRIN-006",
            "parental_contribution",
            "parental contribution not recorded: attended, written views, declined or not located",
        ));
    }
    if ctx.placed_with_carer && blank(&review.carer_contribution) {
        gaps.push(Gap::block(
            "PRIN-010",
            "carer_contribution",
            "the carer's contribution is not recorded",
        ));
    }
    match &review.child_voice {
        None => gaps.push(Gap::block(
            "DATA-002",
            "child_voice",
            "the child's wishes and feelings are not recorded",
        )),
        Some(v) if v.lacks_reason() => gaps.push(Gap::block(
            "PRIN-005",
            "child_voice",
            "reason the decision differs from the child's wishes is required",
        )),
        Some(_) => {}
    }
    if review.sequence == 1 && !ctx.permanence_discussion_recorded {
        gaps.push(Gap::block(
            "PLAN-002",
            "permanence_discussion",
            "permanence not discussed by first review",
        ));
    }
    if let Some(plan) = ctx.plan {
        plan_review_gaps(review, plan, &mut gaps);
    }
    for (i, decision) in review.decisions.iter().enumerate() {
        if blank(&decision.owner) || decision.due.is_none() {
            gaps.push(Gap::block(
                "DATA-010",
                "decisions",
                format!("decision {} needs an owner and a due date", i + 1),
            ));
        }
    }
    gaps
}

/// PLAN-009, PLAN-006: a review after ratification considers the plan, and
/// the first one after a final order settles a provisional plan.
fn plan_review_gaps(review: &ReviewRecord, plan: &PermanencePlan, gaps: &mut Vec<Gap>) {
    let ratified_before =
        plan.lifecycle.is_ratified() && plan.ratified_on.is_some_and(|r| r < review.held);
    if !ratified_before {
        return;
    }
    if review.plan_outcome.is_none() {
        gaps.push(Gap::block(
            "PLAN-009",
            "plan_outcome",
            "the permanence plan section is blank: record continue, amend or change of plan",
        ));
    }
    let final_order_before = plan
        .court
        .as_ref()
        .and_then(|c| c.final_order)
        .is_some_and(|o| o < review.held);
    let settled = matches!(
        review.plan_outcome,
        Some(PlanReviewOutcome::ConfirmedFinal | PlanReviewOutcome::ChangeOfPlan)
    );
    if plan.firmness.provisional && final_order_before && !settled {
        gaps.push(Gap::block(
            "PLAN-006",
            "plan_outcome",
            "the final order has been made: confirm the provisional plan as final or change it",
        ));
    }
}

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

/// PLAN-012: distribution is due this many working days after ratification
/// (configurable; the spec's default is 10).
pub const DISTRIBUTION_WORKING_DAYS: u32 = 10;

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
    let due = calendar::add_working_days(ratified, DISTRIBUTION_WORKING_DAYS);
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

// ---------------------------------------------------------------------------
// Change of plan (PLAN-011)
// ---------------------------------------------------------------------------

/// Who must agree or authorise a change of plan (PLAN-011).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    TeamManager,
    ServiceManager,
    PermanencePanel,
    AgencyDecisionMaker,
}

impl Authority {
    pub fn label(self) -> &'static str {
        match self {
            Authority::TeamManager => "Team Manager agreement",
            Authority::ServiceManager => "Service Manager authorisation",
            Authority::PermanencePanel => "Permanence Panel",
            Authority::AgencyDecisionMaker => "agency decision maker",
        }
    }
}

/// One recorded agreement or authorisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorisation {
    pub authority: Authority,
    pub by: String,
    pub on: NaiveDate,
}

/// A proposed change of permanence plan (PLAN-011, WF-PLAN-CHANGE).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeOfPlan {
    pub child_id: String,
    pub from: Pathway,
    pub to: Pathway,
    pub proposed: NaiveDate,
    pub reasons: String,
    #[serde(default)]
    pub authorisations: Vec<Authorisation>,
}

/// Why an authorisation cannot be recorded or the change made active.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("the change of plan needs the Team Manager's agreement first")]
    TeamManagerFirst,
    #[error("{0} is not needed for this change of plan")]
    NotRequired(&'static str),
    #[error("{0}")]
    Outstanding(String),
    #[error("the change is for plan {expected} but the current plan is {actual}")]
    WrongPlan {
        expected: &'static str,
        actual: &'static str,
    },
}

/// PLAN-011: who must agree a change from `from` to `to`. The Team Manager
/// always; the Service Manager when the child moves further from the family
/// (a later step of PRIN-001); the Permanence Panel for a change to or from
/// long-term fostering (PANEL-009); the ADM for a change to adoption
/// (ADOPT-008). A change away from adoption after a Placement Order also
/// follows ADOPT-026.
pub fn required_authorities(from: Pathway, to: Pathway) -> Vec<Authority> {
    let mut needed = vec![Authority::TeamManager];
    if to.option().step() > from.option().step() {
        needed.push(Authority::ServiceManager);
    }
    if from == Pathway::LongTermFostering || to == Pathway::LongTermFostering {
        needed.push(Authority::PermanencePanel);
    }
    if to == Pathway::Adoption {
        needed.push(Authority::AgencyDecisionMaker);
    }
    needed
}

impl ChangeOfPlan {
    /// The authorities still to agree, in the order they act.
    pub fn outstanding(&self) -> Vec<Authority> {
        required_authorities(self.from, self.to)
            .into_iter()
            .filter(|a| !self.authorisations.iter().any(|r| r.authority == *a))
            .collect()
    }

    /// The status the change shows: "awaiting ..." until every authority has
    /// agreed, then "authorised".
    pub fn status(&self) -> String {
        let outstanding = self.outstanding();
        if outstanding.is_empty() {
            "authorised".into()
        } else {
            let labels: Vec<_> = outstanding.iter().map(|a| a.label()).collect();
            format!("awaiting {}", labels.join(" and "))
        }
    }

    /// Records an agreement or authorisation; the Team Manager agrees first.
    pub fn record(&mut self, a: Authorisation) -> Result<(), ChangeError> {
        if !required_authorities(self.from, self.to).contains(&a.authority) {
            return Err(ChangeError::NotRequired(a.authority.label()));
        }
        let tm_agreed = self
            .authorisations
            .iter()
            .any(|r| r.authority == Authority::TeamManager);
        if a.authority != Authority::TeamManager && !tm_agreed {
            return Err(ChangeError::TeamManagerFirst);
        }
        self.authorisations.retain(|r| r.authority != a.authority);
        self.authorisations.push(a);
        Ok(())
    }

    /// Makes the new plan active once every authority has agreed: `current`
    /// is marked Superseded and the new version, ratified `on` the review
    /// that agreed it, is returned. A parallel plan for the new pathway is
    /// the one activated, so the new version carries none.
    pub fn activate(
        &self,
        current: &mut PermanencePlan,
        on: NaiveDate,
    ) -> Result<PermanencePlan, ChangeError> {
        if current.pathway != Some(self.from) {
            return Err(ChangeError::WrongPlan {
                expected: self.from.label(),
                actual: current.pathway.map_or("none", |p| p.label()),
            });
        }
        if !self.outstanding().is_empty() {
            return Err(ChangeError::Outstanding(self.status()));
        }
        let mut next = current.clone();
        current.lifecycle = Lifecycle::Superseded;
        current.superseded_on = Some(on);
        next.plan_version += 1;
        next.pathway = Some(self.to);
        next.lifecycle = Lifecycle::Ratified;
        next.stage = "active".into();
        next.ratified_on = Some(on);
        next.ratified_at_review = None;
        next.parallel = None;
        next.firmness.parallel = false;
        Ok(next)
    }
}

// ---------------------------------------------------------------------------
// Support plans and Contact Agreements (PRIN-008, PRIN-016, PLAN-010,
// DATA-008, DATA-009)
// ---------------------------------------------------------------------------

/// PRIN-016: the one template a permanence support plan may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportPlanTemplate {
    GrowingSafetySupportPlanAndAgreement,
}

/// Why a template cannot be chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "a support plan for a permanence option uses the Growing Safety Support Plan and Agreement (PRIN-016)"
    )]
    NotGrowingSafety,
}

impl SupportPlanTemplate {
    pub fn code(self) -> &'static str {
        "growing_safety_support_plan_and_agreement"
    }

    pub fn label(self) -> &'static str {
        "Growing Safety Support Plan and Agreement"
    }

    /// PRIN-016: parses the template chosen on the form; any other is refused.
    pub fn parse(code: &str) -> Result<Self, TemplateError> {
        let t = SupportPlanTemplate::GrowingSafetySupportPlanAndAgreement;
        if code == t.code() {
            Ok(t)
        } else {
            Err(TemplateError::NotGrowingSafety)
        }
    }
}

/// A support plan's state, derived from its agreement and reviews (DATA-008,
/// PRIN-008).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SupportPlanStatus {
    Draft,
    Agreed,
    ReviewRequired,
}

impl SupportPlanStatus {
    pub fn label(self) -> &'static str {
        match self {
            SupportPlanStatus::Draft => "Draft",
            SupportPlanStatus::Agreed => "Agreed",
            SupportPlanStatus::ReviewRequired => "review required",
        }
    }
}

/// One service in a support plan (DATA-008).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportService {
    pub service: String,
    pub provider_agency: String,
    pub start: NaiveDate,
    pub review: NaiveDate,
}

/// A support plan for a permanence option (PLAN-010, DATA-008).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportPlan {
    pub id: String,
    pub child_id: String,
    /// The permanence option it supports.
    pub pathway: Pathway,
    pub template: SupportPlanTemplate,
    pub child_needs_now: String,
    pub child_needs_future: String,
    pub carer_needs: String,
    #[serde(default)]
    pub services: Vec<SupportService>,
    /// The carer's (or family's) recorded agreement.
    #[serde(default)]
    pub carer_agreed: Option<NaiveDate>,
    /// The local authority's recorded agreement.
    #[serde(default)]
    pub la_agreed: Option<NaiveDate>,
    #[serde(default)]
    pub last_reviewed: Option<NaiveDate>,
    /// Set by a change of need; cleared by a review on or after it.
    #[serde(default)]
    pub review_required_from: Option<NaiveDate>,
}

impl SupportPlan {
    /// DATA-008: Draft until both carer and LA have agreed; PRIN-008: review
    /// required after a change of need until reviewed.
    pub fn status(&self) -> SupportPlanStatus {
        if self.carer_agreed.is_none() || self.la_agreed.is_none() {
            SupportPlanStatus::Draft
        } else if self.review_required_from.is_some() {
            SupportPlanStatus::ReviewRequired
        } else {
            SupportPlanStatus::Agreed
        }
    }

    /// PRIN-008: a change of assessed need makes the plan "review required"
    /// from the date of the event (the earliest open one is kept).
    pub fn record_change_of_need(&mut self, on: NaiveDate) {
        if self.review_required_from.is_none_or(|d| on < d) {
            self.review_required_from = Some(on);
        }
    }

    /// Records a review; it clears a change of need on or before that day.
    pub fn record_review(&mut self, on: NaiveDate) {
        self.last_reviewed = Some(on);
        if self.review_required_from.is_some_and(|d| d <= on) {
            self.review_required_from = None;
        }
    }
}

/// Why a support plan cannot be linked to a permanence plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupportLinkError {
    #[error(
        "the support plan is still Draft: record the carer's and the LA's agreement first (DATA-008)"
    )]
    StillDraft,
    #[error("the support plan belongs to another child")]
    OtherChild,
}

/// DATA-008, PLAN-010: links an agreed support plan to the permanence plan.
pub fn link_support_plan(
    plan: &mut PermanencePlan,
    support: &SupportPlan,
) -> Result<(), SupportLinkError> {
    if support.child_id != plan.child_id {
        return Err(SupportLinkError::OtherChild);
    }
    if support.status() == SupportPlanStatus::Draft {
        return Err(SupportLinkError::StillDraft);
    }
    plan.support_plan = Some(support.id.clone());
    Ok(())
}

/// How contact happens (DATA-009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactType {
    FaceToFace,
    Phone,
    Letter,
    Online,
}

/// The supervision level of contact (DATA-009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Supervision {
    Unsupervised,
    Supported,
    Supervised,
}

/// A Contact Agreement (PRIN-015, DATA-009).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactAgreement {
    pub id: String,
    pub child_id: String,
    pub parties: Vec<String>,
    pub contact_types: Vec<ContactType>,
    pub frequency: String,
    pub supervision: Supervision,
    pub venue: String,
    pub carer_role: String,
    pub professionals_role: String,
    pub family_role: String,
    pub review_date: NaiveDate,
}

/// Why a Contact Agreement cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactAgreementError {
    #[error("name the parties to the contact")]
    NoParties,
    #[error("choose at least one type of contact")]
    NoType,
    #[error("{0} is required")]
    Missing(&'static str),
    #[error("review date must not be later than {latest}")]
    ReviewTooLate { latest: NaiveDate },
}

/// DATA-009: every field filled and the review no later than the child's
/// next review (`next_review_due`).
pub fn validate_contact_agreement(
    a: &ContactAgreement,
    next_review_due: NaiveDate,
) -> Result<(), ContactAgreementError> {
    if a.parties.iter().all(|p| p.trim().is_empty()) {
        return Err(ContactAgreementError::NoParties);
    }
    if a.contact_types.is_empty() {
        return Err(ContactAgreementError::NoType);
    }
    for (field, value) in [
        ("the frequency", &a.frequency),
        ("the venue", &a.venue),
        ("the carer's role", &a.carer_role),
        ("the professionals' role", &a.professionals_role),
        ("the family's role", &a.family_role),
    ] {
        if value.trim().is_empty() {
            return Err(ContactAgreementError::Missing(field));
        }
    }
    if a.review_date > next_review_due {
        return Err(ContactAgreementError::ReviewTooLate {
            latest: next_review_due,
        });
    }
    Ok(())
}

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
    pub child_id: String,
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
    pub fn new(child_id: impl Into<String>, created: NaiveDate) -> Self {
        Self {
            child_id: child_id.into(),
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

// ---------------------------------------------------------------------------
// Outcomes (PRIN-002, PRIN-019)
// ---------------------------------------------------------------------------

/// Permanence achieved by one child, by its route (PRIN-002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermanenceAchieved {
    pub child_id: String,
    pub route: Pathway,
    pub on: NaiveDate,
}

/// A quarter of the financial year starting in April of `year` (Q2 of
/// 2025-26 is July to September 2025), as first and last day.
pub fn financial_quarter(year: i32, quarter: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(year, 4, 1)? + chrono::Months::new(3 * (quarter - 1));
    let last = first + chrono::Months::new(3) - chrono::Days::new(1);
    Some((first, last))
}

/// PRIN-002: "permanence achieved" in a period, counted by route. Every route
/// counts the same: the measure ranks none above another and lists no route
/// as an exception.
pub fn permanence_achieved_by_route(
    achieved: &[PermanenceAchieved],
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<Pathway, usize> {
    let mut counts = BTreeMap::new();
    for a in achieved.iter().filter(|a| from <= a.on && a.on <= to) {
        *counts.entry(a.route).or_insert(0) += 1;
    }
    counts
}

/// PRIN-019: the outcome areas no objective maps to.
pub fn outcome_areas_without_objective(objectives: &[Objective]) -> Vec<OutcomeArea> {
    OutcomeArea::ALL
        .into_iter()
        .filter(|area| !objectives.iter().any(|o| o.area == *area))
        .collect()
}

// ---------------------------------------------------------------------------
// Assessments, the options appraisal and the information log (DATA-004,
// DATA-006, DATA-011)
// ---------------------------------------------------------------------------

/// Why an assessment cannot be completed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChronologyError {
    #[error("the child has no chronology: start one before completing the assessment (DATA-004)")]
    NoChronology,
    #[error(
        "the chronology was last updated on {updated}, before the assessment started on {started}: update it first (DATA-004)"
    )]
    OutOfDate {
        updated: NaiveDate,
        started: NaiveDate,
    },
}

/// DATA-004: an assessment completes only when the chronology was updated on
/// or after the day the assessment started.
pub fn validate_assessment_completion(
    started: NaiveDate,
    chronology_updated: Option<NaiveDate>,
) -> Result<(), ChronologyError> {
    match chronology_updated {
        None => Err(ChronologyError::NoChronology),
        Some(updated) if updated < started => Err(ChronologyError::OutOfDate { updated, started }),
        Some(_) => Ok(()),
    }
}

/// The options appraisal behind a plan, with its sign-off (PRIN-001,
/// DATA-011). Its entries are the plan's appraisal lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionsAppraisal {
    pub child_id: String,
    pub entries: Vec<AppraisalEntry>,
    pub author: String,
    pub dated: NaiveDate,
    #[serde(default)]
    pub team_manager_signed_off: Option<NaiveDate>,
}

/// Why a pathway cannot be chosen on the strength of an appraisal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppraisalError {
    #[error("the options appraisal has not been signed off by the Team Manager (DATA-011)")]
    NotSignedOff,
    #[error("the options appraisal lists the options out of the PRIN-001 order")]
    OutOfOrder,
    #[error(
        "the options appraisal did not rule in {option}: a new appraisal is needed before this pathway can be chosen (DATA-011)"
    )]
    NotRuledIn { option: &'static str },
}

/// DATA-011: `pathway` may be set only when the signed-off appraisal, taken
/// in the PRIN-001 order, ruled its option in.
pub fn validate_pathway_choice(
    appraisal: &OptionsAppraisal,
    pathway: Pathway,
) -> Result<(), AppraisalError> {
    if appraisal.team_manager_signed_off.is_none() {
        return Err(AppraisalError::NotSignedOff);
    }
    if !appraisal
        .entries
        .windows(2)
        .all(|w| w[0].option < w[1].option)
    {
        return Err(AppraisalError::OutOfOrder);
    }
    let option: PermanenceOption = pathway.option();
    let ruled_in = appraisal
        .entries
        .iter()
        .any(|e| e.option == option && e.outcome == AppraisalOutcome::RuledIn);
    if ruled_in {
        Ok(())
    } else {
        Err(AppraisalError::NotRuledIn {
            option: option.label(),
        })
    }
}

/// Who information was given to (DATA-006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareRecipient {
    Carer,
    ProspectiveAdopter,
    Child,
    Parent,
}

/// What was shared (DATA-006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedContent {
    AllKnownInformation,
    SocialMedicalLegal,
    WrittenAdoptionInformation,
    ComplaintsAndAdvocacy,
    InformationSafetyAdvice,
}

/// An entry as it is written to the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareDetails {
    pub recipient_type: ShareRecipient,
    pub recipient: String,
    pub content: SharedContent,
    /// The documents shared, by reference.
    pub documents: Vec<String>,
    pub shared_by: String,
    pub how: String,
    pub on: NaiveDate,
}

/// One entry of the log: never edited once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareEntry {
    pub id: u64,
    pub details: ShareDetails,
    /// The entry this one corrects.
    #[serde(default)]
    pub corrects: Option<u64>,
}

/// A correction offered in place of an edit: a new entry, prefilled from the
/// one it corrects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub corrects: u64,
    pub details: ShareDetails,
}

/// Why a log operation is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareLogError {
    #[error("no information-sharing entry {0}")]
    NoSuchEntry(u64),
}

/// A child's information-sharing log (DATA-006): append-only. There is no
/// edit; asking to edit an entry offers a correction entry instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InformationShareLog {
    entries: Vec<ShareEntry>,
}

impl InformationShareLog {
    pub fn entries(&self) -> &[ShareEntry] {
        &self.entries
    }

    /// Appends an entry; returns its id.
    pub fn record(&mut self, details: ShareDetails) -> u64 {
        self.push(details, None)
    }

    /// An edit of entry `id` is refused: this offers the correction entry to
    /// complete instead.
    pub fn offer_correction(&self, id: u64) -> Result<Correction, ShareLogError> {
        let entry = self
            .entries
            .iter()
            .find(|e| e.id == id)
            .ok_or(ShareLogError::NoSuchEntry(id))?;
        Ok(Correction {
            corrects: id,
            details: entry.details.clone(),
        })
    }

    /// Appends a completed correction as a new entry; returns its id.
    pub fn record_correction(&mut self, correction: Correction) -> Result<u64, ShareLogError> {
        if !self.entries.iter().any(|e| e.id == correction.corrects) {
            return Err(ShareLogError::NoSuchEntry(correction.corrects));
        }
        Ok(self.push(correction.details, Some(correction.corrects)))
    }

    fn push(&mut self, details: ShareDetails, corrects: Option<u64>) -> u64 {
        let id = self.entries.last().map_or(1, |e| e.id + 1);
        self.entries.push(ShareEntry {
            id,
            details,
            corrects,
        });
        id
    }
}

// ---------------------------------------------------------------------------
// Orders and parental responsibility (DATA-007)
// ---------------------------------------------------------------------------

/// An order the system stores (DATA-007).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    ChildArrangementsOrder,
    SpecialGuardianshipOrder,
    /// Legacy: replaced by the CAO in 2014.
    ResidenceOrder,
    CareOrder,
    PlacementOrder,
    AdoptionOrder,
}

/// A party's part in an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    LivesWith,
    SpendsTimeWith,
    SpecialGuardian,
    Adopter,
    LocalAuthority,
}

/// A party named in an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderParty {
    pub person: String,
    pub role: PartyRole,
    /// The court provided for this party to have PR (Children Act 1989
    /// s12(2A) for a "spends time with" party).
    #[serde(default)]
    pub pr_provision: bool,
}

/// An order made for the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtOrder {
    pub child_id: String,
    pub kind: OrderKind,
    pub made: NaiveDate,
    pub parties: Vec<OrderParty>,
}

/// A holder of parental responsibility (DATA-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrHolder {
    pub child_id: String,
    pub person: String,
    pub from: NaiveDate,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// A special guardian may exercise PR to the exclusion of others.
    #[serde(default)]
    pub exclusive: bool,
    pub by_order: OrderKind,
}

/// DATA-007: the PR holders an order creates. A CAO or Residence Order gives
/// PR to those the child lives with, and to a "spends time with" party only
/// where the court so provides; special guardians hold it exclusively;
/// adopters and the local authority (care and placement orders) hold it.
pub fn pr_holders_from(order: &CourtOrder) -> Vec<PrHolder> {
    use OrderKind::*;
    use PartyRole::*;
    order
        .parties
        .iter()
        .filter(|p| match (order.kind, p.role) {
            (ChildArrangementsOrder | ResidenceOrder, LivesWith) => true,
            (ChildArrangementsOrder, SpendsTimeWith) => p.pr_provision,
            (SpecialGuardianshipOrder, SpecialGuardian) => true,
            (AdoptionOrder, Adopter) => true,
            (CareOrder | PlacementOrder, LocalAuthority) => true,
            _ => false,
        })
        .map(|p| PrHolder {
            child_id: order.child_id.clone(),
            person: p.person.clone(),
            from: order.made,
            to: None,
            exclusive: order.kind == SpecialGuardianshipOrder,
            by_order: order.kind,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Enter once (DATA-005)
// ---------------------------------------------------------------------------

/// A member of the child's family network, recorded once (DATA-005).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkMember {
    pub id: u32,
    pub name: String,
    pub relationship: String,
    pub recorded: NaiveDate,
}

/// The data captured when a child is accommodated, which every permanence
/// form reads and edits (DATA-005): the single underlying record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccommodationRecord {
    pub child_id: String,
    #[serde(default)]
    pub family_network: Vec<NetworkMember>,
    #[serde(default)]
    pub identity: IdentityConsiderations,
    pub legal_status: LegalStatus,
    #[serde(default)]
    pub history: Option<String>,
    #[serde(default)]
    pub health: Option<String>,
    #[serde(default)]
    pub education: Option<String>,
}

/// The forms that are filled from the accommodation record (DATA-005).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PermanenceForm {
    PermanencePlan,
    PackA,
    PackF,
    ChildPermanenceReport,
    PanelReport,
}

/// A form opened on a child's record: it holds no copy of the data, so what
/// it shows is always the record's current state.
#[derive(Debug, Clone, Copy)]
pub struct FormView<'a> {
    pub form: PermanenceForm,
    record: &'a AccommodationRecord,
}

impl<'a> FormView<'a> {
    /// Opens `form` on `record`, pre-filled from it.
    pub fn open(form: PermanenceForm, record: &'a AccommodationRecord) -> Self {
        Self { form, record }
    }

    pub fn family_network(&self) -> &'a [NetworkMember] {
        &self.record.family_network
    }

    pub fn identity(&self) -> &'a IdentityConsiderations {
        &self.record.identity
    }

    pub fn legal_status(&self) -> LegalStatus {
        self.record.legal_status
    }
}

/// DATA-005: an edit to a family network member made in any form is written
/// to the one record (matched by id; a new id adds a member).
pub fn edit_network_member(record: &mut AccommodationRecord, member: NetworkMember) {
    match record.family_network.iter_mut().find(|m| m.id == member.id) {
        Some(existing) => *existing = member,
        None => record.family_network.push(member),
    }
}

// ---------------------------------------------------------------------------
// Policy versions (DATA-001)
// ---------------------------------------------------------------------------

/// One version of the Permanence Policy (DATA-001). Month-only dates take
/// effect on the 1st of the month (OQ-14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyVersion {
    pub title: &'static str,
    pub status: &'static str,
    pub label: &'static str,
    pub effective_from: NaiveDate,
    pub next_review: Option<NaiveDate>,
    pub owner: Role,
    pub applies_to: &'static str,
    /// Whether the PATH-017 long-term fostering suitability factors apply
    /// (from the May 2020 amendment).
    pub ltf_suitability_factors: bool,
}

/// The documents every version is read with (DATA-001).
pub const READ_WITH: [&str; 6] = [
    "Care Placement Strategy 2018-21",
    "Growing Quality in Social Care 2019",
    "Family and Friends Care Policy 2018",
    "Adoption and Kinship Support Policy 2019",
    "Corporate Parenting Strategy",
    "'Fostering Better Outcomes' DfES 'Knowledge and Skills Statement Achieving Permanence' 2016",
];

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("a valid date"),
    }
}

const fn policy(
    label: &'static str,
    effective_from: NaiveDate,
    next_review: Option<NaiveDate>,
    ltf_suitability_factors: bool,
) -> PolicyVersion {
    PolicyVersion {
        title: "Permanence Policy",
        status: "Policy (revised)",
        label,
        effective_from,
        next_review,
        owner: Role::HeadOfService,
        applies_to: "Looked after Children",
        ltf_suitability_factors,
    }
}

/// The versions of the policy, oldest first (DATA-001, OQ-14).
pub static PERMANENCE_POLICY_VERSIONS: [PolicyVersion; 3] = [
    policy(
        "SMT approval August 2018",
        ymd(2018, 8, 1),
        Some(ymd(2019, 5, 1)),
        false,
    ),
    policy(
        "Review May 2019",
        ymd(2019, 5, 1),
        Some(ymd(2020, 5, 1)),
        false,
    ),
    policy(
        "Review May 2020",
        ymd(2020, 5, 1),
        Some(ymd(2021, 5, 1)),
        true,
    ),
];

/// DATA-001: the version in force on the triggering date (CONV-001), if any.
pub fn policy_in_force(on: NaiveDate) -> Option<&'static PolicyVersion> {
    PERMANENCE_POLICY_VERSIONS
        .iter()
        .rev()
        .find(|v| v.effective_from <= on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::plan::{CourtTimetable, Firmness, ParallelPlan};

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Episodes ------------------------------------------------------

    #[test]
    fn plan_001_an_episode_under_section_20_opens_a_draft_plan_owned_by_the_allocated_worker() {
        // The spec's Check: accommodated under Section 20 on 2025-03-03.
        let opened = open_looked_after_episode(&EpisodeStart {
            child_id: "child-1".into(),
            start: d("2025-03-03"),
            legal_status: LegalStatus::SingleAccommodation,
            allocated_social_worker: "sw-7".into(),
        });
        assert_eq!(opened.plan.lifecycle, Lifecycle::Draft);
        assert_eq!(opened.plan.created, d("2025-03-03"));
        assert_eq!(opened.plan.owner, "sw-7");
        assert_eq!(opened.plan.child_id, "child-1");
        // The first review is due 20 working days on: 2025-03-31.
        assert_eq!(opened.first_review_due, d("2025-03-31"));
    }

    #[test]
    fn prin_018_a_remand_opens_a_plan_and_review_schedule_like_any_other_episode() {
        // The spec's Check: remanded to local authority accommodation on
        // 2025-04-07. The 20 working days skip Good Friday, Easter Monday and
        // the early May bank holiday.
        let remand = EpisodeStart {
            child_id: "child-2".into(),
            start: d("2025-04-07"),
            legal_status: LegalStatus::RemandedToAccommodation,
            allocated_social_worker: "sw-8".into(),
        };
        let opened = open_looked_after_episode(&remand);
        assert_eq!(opened.plan.lifecycle, Lifecycle::Draft);
        assert_eq!(opened.plan.created, d("2025-04-07"));
        assert_eq!(opened.first_review_due, d("2025-05-08"));
        // The same as for a care order starting that day.
        let care_order = EpisodeStart {
            legal_status: LegalStatus::InterimCareOrder,
            ..remand.clone()
        };
        assert_eq!(open_looked_after_episode(&care_order), opened);
    }

    // --- Placements ----------------------------------------------------

    fn placement(start: &str, purpose: Option<PlacementPurpose>) -> PlacementRecord {
        PlacementRecord {
            child_id: "child-1".into(),
            start: d(start),
            purpose,
            introductions: None,
            child_participation: None,
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
            child_id: "child-1".into(),
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
            child_id: "child-1".into(),
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
            child_id: "child-1".into(),
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
            child_id: child.into(),
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
            change("child-1", "2025-01-06"),
            change("child-1", "2025-05-12"),
            change("child-1", "2025-10-20"),
            change("child-2", "2025-02-01"),
            change("child-2", "2025-06-01"),
        ];
        let list = worker_change_exceptions(&changes, d("2025-11-03"), WORKER_CHANGE_THRESHOLD);
        assert_eq!(
            list,
            vec![WorkerChangeException {
                child_id: "child-1".into(),
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

    // --- Voice and identity ---------------------------------------------

    fn voice(date: &str) -> VoiceRecord {
        VoiceRecord {
            child_id: "child-1".into(),
            subject: VoiceSubject::Child,
            context: VoiceContext::Review,
            wishes: "I want to stay here".into(),
            method: VoiceMethod::Direct,
            gathered_by: "sw-1".into(),
            date: d(date),
            how_weighed: "followed".into(),
            decision_follows: true,
            reason_differs: None,
        }
    }

    #[test]
    fn data_002_a_panel_pack_needs_a_voice_record_dated_since_the_last_review() {
        // The spec's Check: panel item on 2025-09-10, last review 2025-06-30,
        // latest voice record 2025-05-01: the pack is incomplete.
        let records = vec![voice("2025-03-20"), voice("2025-05-01")];
        assert_eq!(
            voice_for_panel_pack(&records, "child-1", Some(d("2025-06-30"))),
            Err(VoiceError::OutOfDate {
                latest: d("2025-05-01"),
                required_from: d("2025-06-30")
            })
        );
        let mut records = records;
        records.push(voice("2025-06-30"));
        let used = voice_for_panel_pack(&records, "child-1", Some(d("2025-06-30"))).unwrap();
        assert_eq!(used.date, d("2025-06-30"));
        assert_eq!(
            voice_for_panel_pack(&records, "child-9", None),
            Err(VoiceError::Missing)
        );
    }

    fn considered(how: &str) -> Option<IdentityEntry> {
        Some(IdentityEntry::Considered { how: how.into() })
    }

    #[test]
    fn prin_004_a_panel_item_is_listed_only_with_all_six_identity_headings() {
        // The spec's Check: a match referred on 2025-08-04 with "religion"
        // empty is refused listing.
        let mut ic = IdentityConsiderations {
            ethnic_origin: considered("carers share the child's heritage"),
            cultural_background: considered("links to community kept"),
            language: considered("English"),
            religion: None,
            disability: Some(IdentityEntry::NotApplicable {
                reason: "no disability assessed".into(),
            }),
            sexuality: Some(IdentityEntry::NotApplicable {
                reason: "age 5".into(),
            }),
        };
        let refused = check_identity_for_listing(&ic).unwrap_err();
        assert_eq!(refused, IdentityError::Incomplete(vec!["religion"]));
        assert_eq!(
            refused.to_string(),
            "identity consideration missing: religion (PRIN-004)"
        );
        // "Not known" needs its reason.
        ic.religion = Some(IdentityEntry::NotKnown { reason: " ".into() });
        assert!(check_identity_for_listing(&ic).is_err());
        ic.religion = Some(IdentityEntry::NotKnown {
            reason: "birth father not yet located".into(),
        });
        assert_eq!(check_identity_for_listing(&ic), Ok(()));
    }

    #[test]
    fn prin_012_carers_outside_leicestershire_need_a_local_placement_rationale() {
        use crate::permanence::panels::{Forum, ForumKind, Membership, SeatRole};
        use crate::permanence::referrals::{
            ItemType, ListingError, PackEntry, Referral, check_listing,
        };
        // The spec's Check: a long-term match with carers outside
        // Leicestershire, referred on 2025-08-04.
        let mut forum = Forum::with_defaults(ForumKind::PermanencePanel);
        forum.members.push(Membership {
            person: "chair-1".into(),
            seat: SeatRole::Chair,
            from: d("2025-01-01"),
            to: None,
        });
        let mut referral = Referral::new(
            "child-1",
            ItemType::Match,
            "review_ltf_plan",
            d("2025-08-04"),
            None,
        );
        for doc in referral.missing_papers() {
            referral.pack.push(PackEntry {
                doc,
                received: d("2025-08-04"),
                by: "sw-1".into(),
            });
        }
        referral.carer_out_of_area = true;
        assert_eq!(
            check_listing(&forum, &referral, d("2025-09-10")),
            Err(ListingError::LocalRationaleMissing)
        );
        referral.local_rationale = Some("carers are the child's godparents".into());
        assert_eq!(check_listing(&forum, &referral, d("2025-09-10")), Ok(()));
    }

    // --- Reviews ---------------------------------------------------------

    fn review(sequence: u32, held: &str) -> ReviewRecord {
        ReviewRecord {
            child_id: "child-1".into(),
            sequence,
            held: d(held),
            chair: "iro-1".into(),
            parental_contribution: Some(ParentalContribution::WrittenViews),
            carer_contribution: Some("report received".into()),
            child_voice: Some(voice(held)),
            plan_outcome: None,
            decisions: vec![ReviewDecision {
                text: "complete the sibling assessment".into(),
                owner: Some("sw-1".into()),
                due: Some(d("2025-05-30")),
            }],
        }
    }

    fn first_review_context() -> ReviewContext<'static> {
        ReviewContext {
            plan: None,
            permanence_discussion_recorded: true,
            placed_with_carer: true,
        }
    }

    fn rules(gaps: &[Gap]) -> Vec<&'static str> {
        gaps.iter().map(|g| g.rule).collect()
    }

    #[test]
    fn prin_006_a_review_without_the_parents_contribution_cannot_be_finalised() {
        // The spec's Check: entered care 2025-03-03, first review 2025-03-31
        // with no parental contribution recorded.
        let mut r = review(1, "2025-03-31");
        assert_eq!(finalisation_gaps(&r, &first_review_context()), vec![]);
        r.parental_contribution = None;
        let gaps = finalisation_gaps(&r, &first_review_context());
        assert_eq!(rules(&gaps), vec!["PRIN-006"]);
        assert!(gaps[0].blocking);
        // "Not located" is a recorded contribution.
        r.parental_contribution = Some(ParentalContribution::NotLocated);
        assert_eq!(finalisation_gaps(&r, &first_review_context()), vec![]);
    }

    #[test]
    fn prin_005_a_review_deciding_against_the_child_s_wishes_needs_the_reason() {
        // The spec's Check: "I want to live with my nan", decision long-term
        // foster care with unrelated carers, review on 2025-06-30.
        let mut r = review(2, "2025-06-30");
        let v = r.child_voice.as_mut().unwrap();
        v.wishes = "I want to live with my nan".into();
        v.decision_follows = false;
        let gaps = finalisation_gaps(&r, &first_review_context());
        assert_eq!(rules(&gaps), vec!["PRIN-005"]);
        assert_eq!(
            gaps[0].message,
            "reason the decision differs from the child's wishes is required"
        );
        r.child_voice.as_mut().unwrap().reason_differs = Some("nan could not be approved".into());
        assert_eq!(finalisation_gaps(&r, &first_review_context()), vec![]);
        r.child_voice = None;
        assert_eq!(
            rules(&finalisation_gaps(&r, &first_review_context())),
            vec!["DATA-002"]
        );
    }

    #[test]
    fn prin_010_a_review_without_the_carer_s_contribution_cannot_be_finalised() {
        // The spec's Check (second part): review on 2025-06-30 with no carer
        // contribution recorded.
        let mut r = review(2, "2025-06-30");
        r.carer_contribution = None;
        assert_eq!(
            rules(&finalisation_gaps(&r, &first_review_context())),
            vec!["PRIN-010"]
        );
        // A child living at home has no carer to hear from.
        let at_home = ReviewContext {
            placed_with_carer: false,
            ..first_review_context()
        };
        assert_eq!(finalisation_gaps(&r, &at_home), vec![]);
    }

    #[test]
    fn plan_002_a_first_review_without_a_permanence_discussion_cannot_be_finalised() {
        // The spec's Check: accommodated 2025-03-03, first review 2025-03-31
        // with no permanence-discussion entry.
        let ctx = ReviewContext {
            permanence_discussion_recorded: false,
            ..first_review_context()
        };
        let gaps = finalisation_gaps(&review(1, "2025-03-31"), &ctx);
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].message, "permanence not discussed by first review");
        // Later reviews are not held to it.
        assert_eq!(finalisation_gaps(&review(2, "2025-06-30"), &ctx), vec![]);
    }

    fn ratified_plan() -> PermanencePlan {
        let mut plan = PermanencePlan::draft("child-1", d("2025-03-03"), "sw-1");
        plan.pathway = Some(Pathway::LongTermFostering);
        plan.lifecycle = Lifecycle::Ratified;
        plan.ratified_on = Some(d("2025-06-30"));
        plan.ratified_at_review = Some(2);
        plan
    }

    #[test]
    fn plan_009_a_later_review_with_the_permanence_plan_section_blank_is_blocked() {
        // The spec's Check: review held on 2025-12-30, plan section blank.
        let plan = ratified_plan();
        let ctx = ReviewContext {
            plan: Some(&plan),
            ..first_review_context()
        };
        let mut r = review(3, "2025-12-30");
        assert_eq!(rules(&finalisation_gaps(&r, &ctx)), vec!["PLAN-009"]);
        r.plan_outcome = Some(PlanReviewOutcome::Continue);
        assert_eq!(finalisation_gaps(&r, &ctx), vec![]);
        // The ratifying review itself is not a later review.
        let ratifying = review(2, "2025-06-30");
        assert_eq!(finalisation_gaps(&ratifying, &ctx), vec![]);
    }

    #[test]
    fn plan_006_a_provisional_plan_is_confirmed_or_changed_at_the_first_review_after_the_final_order()
     {
        // The spec's Check: provisional plan ratified 2025-06-30, final order
        // 2025-11-14, next review 2025-12-01 finalised without confirming or
        // changing the plan is blocked.
        let mut plan = ratified_plan();
        plan.firmness = Firmness {
            provisional: true,
            parallel: false,
        };
        plan.court = Some(CourtTimetable {
            next_hearing: None,
            final_hearing: Some(d("2025-11-14")),
            final_order: Some(d("2025-11-14")),
        });
        let ctx = ReviewContext {
            plan: Some(&plan),
            ..first_review_context()
        };
        let mut r = review(3, "2025-12-01");
        r.plan_outcome = Some(PlanReviewOutcome::Continue);
        let gaps = finalisation_gaps(&r, &ctx);
        assert_eq!(rules(&gaps), vec!["PLAN-006"]);
        r.plan_outcome = Some(PlanReviewOutcome::ConfirmedFinal);
        assert_eq!(finalisation_gaps(&r, &ctx), vec![]);
        r.plan_outcome = Some(PlanReviewOutcome::ChangeOfPlan);
        assert_eq!(finalisation_gaps(&r, &ctx), vec![]);
        // Before the final order, continuing is fine.
        plan.court.as_mut().unwrap().final_order = None;
        let ctx = ReviewContext {
            plan: Some(&plan),
            ..first_review_context()
        };
        r.plan_outcome = Some(PlanReviewOutcome::Continue);
        assert_eq!(finalisation_gaps(&r, &ctx), vec![]);
    }

    #[test]
    fn data_010_a_review_decision_without_an_owner_or_due_date_is_rejected() {
        let mut r = review(1, "2025-03-31");
        r.decisions.push(ReviewDecision {
            text: "arrange life story work".into(),
            owner: Some("sw-1".into()),
            due: None,
        });
        r.decisions.push(ReviewDecision {
            text: "request health assessment".into(),
            owner: None,
            due: Some(d("2025-04-30")),
        });
        let gaps = finalisation_gaps(&r, &first_review_context());
        let messages: Vec<_> = gaps.iter().map(|g| g.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "decision 2 needs an owner and a due date",
                "decision 3 needs an owner and a due date",
            ]
        );
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

    // --- Change of plan ----------------------------------------------------

    fn agree(authority: Authority, on: &str) -> Authorisation {
        Authorisation {
            authority,
            by: "manager".into(),
            on: d(on),
        }
    }

    #[test]
    fn plan_011_a_move_further_from_family_awaits_the_service_manager_and_the_panel() {
        // The spec's Check: ratified "return home", change to long-term
        // foster care proposed at a review on 2025-10-06 with Team Manager
        // agreement only.
        let mut change = ChangeOfPlan {
            child_id: "child-1".into(),
            from: Pathway::ReturnHome,
            to: Pathway::LongTermFostering,
            proposed: d("2025-10-06"),
            reasons: "parenting assessment negative".into(),
            authorisations: vec![],
        };
        assert_eq!(
            change.record(agree(Authority::ServiceManager, "2025-10-06")),
            Err(ChangeError::TeamManagerFirst)
        );
        change
            .record(agree(Authority::TeamManager, "2025-10-06"))
            .unwrap();
        assert_eq!(
            change.status(),
            "awaiting Service Manager authorisation and Permanence Panel"
        );
        let mut current = ratified_plan();
        current.pathway = Some(Pathway::ReturnHome);
        assert!(matches!(
            change.activate(&mut current, d("2025-10-06")),
            Err(ChangeError::Outstanding(_))
        ));
        assert_eq!(current.lifecycle, Lifecycle::Ratified);
        change
            .record(agree(Authority::ServiceManager, "2025-10-08"))
            .unwrap();
        assert_eq!(change.status(), "awaiting Permanence Panel");
        assert_eq!(
            change.record(agree(Authority::AgencyDecisionMaker, "2025-10-09")),
            Err(ChangeError::NotRequired("agency decision maker"))
        );
        change
            .record(agree(Authority::PermanencePanel, "2025-11-12"))
            .unwrap();
        assert_eq!(change.status(), "authorised");
        let next = change.activate(&mut current, d("2025-11-20")).unwrap();
        assert_eq!(current.lifecycle, Lifecycle::Superseded);
        assert_eq!(current.superseded_on, Some(d("2025-11-20")));
        assert_eq!(next.plan_version, 2);
        assert_eq!(next.pathway, Some(Pathway::LongTermFostering));
        assert_eq!(next.lifecycle, Lifecycle::Ratified);
    }

    #[test]
    fn plan_011_who_authorises_depends_on_the_direction_of_the_change() {
        use Authority::*;
        assert_eq!(
            required_authorities(
                Pathway::LongTermFostering,
                Pathway::SpecialGuardianshipOrder
            ),
            vec![TeamManager, PermanencePanel]
        );
        assert_eq!(
            required_authorities(Pathway::ConnectedPersons, Pathway::Adoption),
            vec![TeamManager, ServiceManager, AgencyDecisionMaker]
        );
        assert_eq!(
            required_authorities(Pathway::SpecialGuardianshipOrder, Pathway::ReturnHome),
            vec![TeamManager]
        );
    }

    // --- Support plans and Contact Agreements --------------------------------

    fn support_plan() -> SupportPlan {
        SupportPlan {
            id: "sp-1".into(),
            child_id: "child-1".into(),
            pathway: Pathway::ChildArrangementsOrder,
            template: SupportPlanTemplate::GrowingSafetySupportPlanAndAgreement,
            child_needs_now: "therapeutic support".into(),
            child_needs_future: "support at secondary transfer".into(),
            carer_needs: "respite".into(),
            services: vec![SupportService {
                service: "therapeutic parenting course".into(),
                provider_agency: "CAMHS".into(),
                start: d("2025-01-10"),
                review: d("2025-07-10"),
            }],
            carer_agreed: Some(d("2025-01-10")),
            la_agreed: Some(d("2025-01-10")),
            last_reviewed: Some(d("2025-01-10")),
            review_required_from: None,
        }
    }

    #[test]
    fn prin_016_only_the_growing_safety_template_is_accepted() {
        // The spec's Check: a support plan created on 2025-07-01 accepts only
        // "Growing Safety Support Plan and Agreement".
        let t = SupportPlanTemplate::parse("growing_safety_support_plan_and_agreement").unwrap();
        assert_eq!(t.label(), "Growing Safety Support Plan and Agreement");
        assert_eq!(
            SupportPlanTemplate::parse("cin_plan"),
            Err(TemplateError::NotGrowingSafety)
        );
    }

    #[test]
    fn prin_008_a_change_of_need_makes_the_support_plan_review_required() {
        // The spec's Check: support plan last reviewed on 2025-01-10 and a
        // change-of-need event on 2025-04-02.
        let mut sp = support_plan();
        assert_eq!(sp.status(), SupportPlanStatus::Agreed);
        sp.record_change_of_need(d("2025-04-02"));
        assert_eq!(sp.status(), SupportPlanStatus::ReviewRequired);
        assert_eq!(sp.status().label(), "review required");
        assert_eq!(sp.review_required_from, Some(d("2025-04-02")));
        // A second change later keeps the earlier date.
        sp.record_change_of_need(d("2025-05-01"));
        assert_eq!(sp.review_required_from, Some(d("2025-04-02")));
        sp.record_review(d("2025-04-20"));
        assert_eq!(sp.status(), SupportPlanStatus::Agreed);
    }

    #[test]
    fn data_008_a_draft_support_plan_cannot_be_linked_to_the_plan() {
        // The spec's Check: no carer agreement date, linked to a plan put for
        // ratification on 2025-06-30.
        let mut plan = PermanencePlan::draft("child-1", d("2025-03-03"), "sw-1");
        let mut sp = support_plan();
        sp.carer_agreed = None;
        assert_eq!(sp.status(), SupportPlanStatus::Draft);
        assert_eq!(
            link_support_plan(&mut plan, &sp),
            Err(SupportLinkError::StillDraft)
        );
        assert_eq!(plan.support_plan, None);
        sp.carer_agreed = Some(d("2025-06-20"));
        link_support_plan(&mut plan, &sp).unwrap();
        assert_eq!(plan.support_plan.as_deref(), Some("sp-1"));
        let mut other = PermanencePlan::draft("child-2", d("2025-03-03"), "sw-1");
        assert_eq!(
            link_support_plan(&mut other, &sp),
            Err(SupportLinkError::OtherChild)
        );
    }

    fn contact_agreement(review: &str) -> ContactAgreement {
        ContactAgreement {
            id: "ca-1".into(),
            child_id: "child-1".into(),
            parties: vec!["mother".into(), "maternal grandmother".into()],
            contact_types: vec![ContactType::FaceToFace, ContactType::Phone],
            frequency: "fortnightly".into(),
            supervision: Supervision::Supported,
            venue: "family centre".into(),
            carer_role: "brings the child".into(),
            professionals_role: "contact worker supports".into(),
            family_role: "arrive on time".into(),
            review_date: d(review),
        }
    }

    #[test]
    fn data_009_the_contact_agreement_review_is_no_later_than_the_child_s_next_review() {
        // The spec's Check: saved on 2025-07-01 with review date 2026-03-01
        // and the next review due on 2025-12-30.
        let err = validate_contact_agreement(&contact_agreement("2026-03-01"), d("2025-12-30"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "review date must not be later than 2025-12-30"
        );
        assert_eq!(
            validate_contact_agreement(&contact_agreement("2025-12-30"), d("2025-12-30")),
            Ok(())
        );
        let mut no_venue = contact_agreement("2025-12-01");
        no_venue.venue = " ".into();
        assert_eq!(
            validate_contact_agreement(&no_venue, d("2025-12-30")),
            Err(ContactAgreementError::Missing("the venue"))
        );
    }

    // --- Audit -------------------------------------------------------------

    #[test]
    fn prin_017_the_audit_holds_the_13_kss_items_and_closes_only_when_all_are_scored() {
        // The spec's Check: audit created on 2025-11-03.
        let mut audit = PermanenceAudit::new("child-1", d("2025-11-03"));
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

    // --- Outcomes ----------------------------------------------------------

    #[test]
    fn prin_002_every_route_counts_as_permanence_achieved() {
        // The spec's Check: one SGO and one Adoption Order on 2025-09-01;
        // the Q2 2025-26 scorecard counts both, with their route.
        let (from, to) = financial_quarter(2025, 2).unwrap();
        assert_eq!((from, to), (d("2025-07-01"), d("2025-09-30")));
        let achieved = vec![
            PermanenceAchieved {
                child_id: "child-1".into(),
                route: Pathway::SpecialGuardianshipOrder,
                on: d("2025-09-01"),
            },
            PermanenceAchieved {
                child_id: "child-2".into(),
                route: Pathway::Adoption,
                on: d("2025-09-01"),
            },
            PermanenceAchieved {
                child_id: "child-3".into(),
                route: Pathway::ReturnHome,
                on: d("2025-10-01"),
            },
        ];
        let counts = permanence_achieved_by_route(&achieved, from, to);
        assert_eq!(
            counts.into_iter().collect::<Vec<_>>(),
            vec![
                (Pathway::SpecialGuardianshipOrder, 1),
                (Pathway::Adoption, 1)
            ]
        );
        assert_eq!(financial_quarter(2025, 4).unwrap().1, d("2026-03-31"));
        assert_eq!(financial_quarter(2025, 5), None);
    }

    #[test]
    fn prin_019_the_outcome_areas_no_objective_maps_to() {
        let objectives = vec![
            Objective {
                text: "feels safe".into(),
                area: OutcomeArea::SafetyAndWelfare,
            },
            Objective {
                text: "joins a club".into(),
                area: OutcomeArea::Leisure,
            },
        ];
        assert_eq!(
            outcome_areas_without_objective(&objectives),
            vec![
                OutcomeArea::Stability,
                OutcomeArea::Education,
                OutcomeArea::Transitions
            ]
        );
    }

    // --- Assessments, appraisal, information log ------------------------------

    #[test]
    fn data_004_an_assessment_completes_only_after_the_chronology_is_updated() {
        // The spec's Check: assessment started 2025-04-01, completion on
        // 2025-05-30, chronology last updated 2025-01-10: blocked.
        assert_eq!(
            validate_assessment_completion(d("2025-04-01"), Some(d("2025-01-10"))),
            Err(ChronologyError::OutOfDate {
                updated: d("2025-01-10"),
                started: d("2025-04-01")
            })
        );
        assert_eq!(
            validate_assessment_completion(d("2025-04-01"), Some(d("2025-05-29"))),
            Ok(())
        );
        assert_eq!(
            validate_assessment_completion(d("2025-04-01"), None),
            Err(ChronologyError::NoChronology)
        );
    }

    fn entry(option: PermanenceOption, outcome: AppraisalOutcome) -> AppraisalEntry {
        AppraisalEntry {
            option,
            outcome,
            reasons: "recorded".into(),
            assessment_ref: None,
        }
    }

    #[test]
    fn data_011_a_pathway_the_appraisal_ruled_out_cannot_be_chosen() {
        // The spec's Check: appraisal signed off on 2025-06-16 ruled out "SGO
        // with maternal aunt"; setting that pathway on 2025-06-30 is refused.
        let mut appraisal = OptionsAppraisal {
            child_id: "child-1".into(),
            entries: vec![
                entry(PermanenceOption::BirthParents, AppraisalOutcome::RuledOut),
                entry(PermanenceOption::ExtendedFamily, AppraisalOutcome::RuledOut),
                entry(
                    PermanenceOption::FriendsNetwork,
                    AppraisalOutcome::NotApplicable,
                ),
                entry(PermanenceOption::Adoption, AppraisalOutcome::RuledOut),
                entry(
                    PermanenceOption::PermanentFostering,
                    AppraisalOutcome::RuledIn,
                ),
            ],
            author: "sw-1".into(),
            dated: d("2025-06-16"),
            team_manager_signed_off: Some(d("2025-06-16")),
        };
        assert_eq!(
            validate_pathway_choice(&appraisal, Pathway::SpecialGuardianshipOrder),
            Err(AppraisalError::NotRuledIn {
                option: "extended family"
            })
        );
        assert_eq!(
            validate_pathway_choice(&appraisal, Pathway::LongTermFostering),
            Ok(())
        );
        appraisal.entries.swap(0, 1);
        assert_eq!(
            validate_pathway_choice(&appraisal, Pathway::LongTermFostering),
            Err(AppraisalError::OutOfOrder)
        );
        appraisal.entries.swap(0, 1);
        appraisal.team_manager_signed_off = None;
        assert_eq!(
            validate_pathway_choice(&appraisal, Pathway::LongTermFostering),
            Err(AppraisalError::NotSignedOff)
        );
    }

    #[test]
    fn data_006_log_entries_are_never_edited_and_a_correction_is_offered() {
        // The spec's Check: "medical information shared with prospective
        // adopters" dated 2025-04-30; an edit on 2025-05-02 is refused.
        let mut log = InformationShareLog::default();
        let id = log.record(ShareDetails {
            recipient_type: ShareRecipient::ProspectiveAdopter,
            recipient: "adopters-1".into(),
            content: SharedContent::SocialMedicalLegal,
            documents: vec!["medical-report-3".into()],
            shared_by: "sw-1".into(),
            how: "meeting".into(),
            on: d("2025-04-30"),
        });
        let original = log.entries()[0].clone();
        let mut correction = log.offer_correction(id).unwrap();
        assert_eq!(correction.corrects, id);
        correction.details.documents = vec!["medical-report-4".into()];
        correction.details.on = d("2025-05-02");
        let new_id = log.record_correction(correction).unwrap();
        assert_ne!(new_id, id);
        assert_eq!(log.entries()[0], original);
        assert_eq!(log.entries()[1].corrects, Some(id));
        assert_eq!(
            log.offer_correction(99),
            Err(ShareLogError::NoSuchEntry(99))
        );
    }

    // --- Orders ------------------------------------------------------------

    #[test]
    fn data_007_a_spends_time_with_party_without_pr_provision_gets_no_pr() {
        // The spec's Check: a CAO on 2025-11-14 naming the father as "spends
        // time with" without PR provision.
        let mut cao = CourtOrder {
            child_id: "child-1".into(),
            kind: OrderKind::ChildArrangementsOrder,
            made: d("2025-11-14"),
            parties: vec![
                OrderParty {
                    person: "grandmother".into(),
                    role: PartyRole::LivesWith,
                    pr_provision: false,
                },
                OrderParty {
                    person: "father".into(),
                    role: PartyRole::SpendsTimeWith,
                    pr_provision: false,
                },
            ],
        };
        let holders = pr_holders_from(&cao);
        assert_eq!(holders.len(), 1);
        assert_eq!(holders[0].person, "grandmother");
        assert_eq!(holders[0].from, d("2025-11-14"));
        cao.parties[1].pr_provision = true;
        assert_eq!(pr_holders_from(&cao).len(), 2);
        let sgo = CourtOrder {
            kind: OrderKind::SpecialGuardianshipOrder,
            parties: vec![OrderParty {
                person: "aunt".into(),
                role: PartyRole::SpecialGuardian,
                pr_provision: false,
            }],
            ..cao
        };
        let holders = pr_holders_from(&sgo);
        assert!(holders[0].exclusive);
    }

    // --- Enter once --------------------------------------------------------

    #[test]
    fn data_005_pack_f_is_filled_from_the_accommodation_record_and_edits_reach_it() {
        // The spec's Check: family network entry at accommodation on
        // 2025-03-03; Pack F created on 2025-06-30 is pre-filled, and an edit
        // made in the Pack F shows on the child's record.
        let mut record = AccommodationRecord {
            child_id: "child-1".into(),
            family_network: vec![NetworkMember {
                id: 1,
                name: "maternal aunt".into(),
                relationship: "aunt".into(),
                recorded: d("2025-03-03"),
            }],
            identity: IdentityConsiderations::default(),
            legal_status: LegalStatus::SingleAccommodation,
            history: None,
            health: None,
            education: None,
        };
        let pack_f = FormView::open(PermanenceForm::PackF, &record);
        assert_eq!(pack_f.family_network(), record.family_network.as_slice());
        assert_eq!(pack_f.legal_status(), LegalStatus::SingleAccommodation);
        let edited = NetworkMember {
            relationship: "maternal aunt, offers to care".into(),
            recorded: d("2025-06-30"),
            ..pack_f.family_network()[0].clone()
        };
        edit_network_member(&mut record, edited);
        assert_eq!(record.family_network.len(), 1);
        assert_eq!(
            record.family_network[0].relationship,
            "maternal aunt, offers to care"
        );
        let plan_form = FormView::open(PermanenceForm::PermanencePlan, &record);
        assert_eq!(
            plan_form.family_network()[0].relationship,
            "maternal aunt, offers to care"
        );
    }

    // --- Policy versions -----------------------------------------------------

    #[test]
    fn data_001_the_may_2019_version_applies_to_an_assessment_of_april_2020() {
        // The spec's Check: LTF assessment dated 2020-04-15.
        let v = policy_in_force(d("2020-04-15")).unwrap();
        assert_eq!(v.label, "Review May 2019");
        assert!(!v.ltf_suitability_factors);
        let v = policy_in_force(d("2020-05-01")).unwrap();
        assert!(v.ltf_suitability_factors);
        assert_eq!(v.next_review, Some(d("2021-05-01")));
        assert_eq!(v.owner, Role::HeadOfService);
        assert_eq!(policy_in_force(d("2018-07-31")), None);
        assert_eq!(READ_WITH.len(), 6);
    }
}
