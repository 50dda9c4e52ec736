//! The permanence plan: its lifecycle, pathway, options appraisal and
//! contents, and the gate a plan must pass to be ratified (PLAN-, PRIN-).
//!
//! A plan is one record per child and version; a change of plan supersedes
//! the old version and starts a new one, so history is kept. Free text
//! (reasons, wishes) is personal data: it lives in the record, never in an
//! audit event or a log line.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::{Permission, User};
use crate::child::ChildId;
use crate::permanence::workflow::{PERM_PLAN, PlanStage, Refusal};
use crate::roles::Role;

/// Where a plan is in its life (chapter 20, section 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    Draft,
    Ratified,
    /// Long-term fostering, ratified subject to the Permanence Panel (PANEL-003).
    RatifiedSubjectToPanel,
    /// The panel found long-term fostering unsuitable; the plan is reconsidered.
    UnderReview,
    Achieved,
    Superseded,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 6] = [
        Lifecycle::Draft,
        Lifecycle::Ratified,
        Lifecycle::RatifiedSubjectToPanel,
        Lifecycle::UnderReview,
        Lifecycle::Achieved,
        Lifecycle::Superseded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Lifecycle::Draft => "draft",
            Lifecycle::Ratified => "ratified",
            Lifecycle::RatifiedSubjectToPanel => "ratified_subject_to_panel",
            Lifecycle::UnderReview => "under_review",
            Lifecycle::Achieved => "achieved",
            Lifecycle::Superseded => "superseded",
        }
    }

    pub fn parse(code: &str) -> Option<Lifecycle> {
        Lifecycle::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Lifecycle::Draft => "Draft",
            Lifecycle::Ratified => "Ratified",
            Lifecycle::RatifiedSubjectToPanel => "Ratified - subject to Permanence Panel",
            Lifecycle::UnderReview => "Under review",
            Lifecycle::Achieved => "Achieved",
            Lifecycle::Superseded => "Superseded",
        }
    }

    /// Ratified in either form: the plan stands.
    pub fn is_ratified(self) -> bool {
        matches!(
            self,
            Lifecycle::Ratified | Lifecycle::RatifiedSubjectToPanel
        )
    }

    /// The plan's contents may still be edited: it is not yet ratified.
    pub fn is_editable(self) -> bool {
        matches!(self, Lifecycle::Draft | Lifecycle::UnderReview)
    }
}

/// How firm a ratified plan is (PLAN-005 to PLAN-007). Provisional and
/// parallel may both hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Firmness {
    /// Final: not provisional. A plan is final when neither flag is set.
    pub provisional: bool,
    pub parallel: bool,
}

impl Firmness {
    pub fn is_final(self) -> bool {
        !self.provisional && !self.parallel
    }

    pub fn label(self) -> &'static str {
        match (self.provisional, self.parallel) {
            (false, false) => "Final",
            (true, false) => "Provisional",
            (false, true) => "Parallel",
            (true, true) => "Provisional and parallel",
        }
    }
}

/// The pathways of PATH-001, as reference data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pathway {
    LivingWithBirthFamily,
    ReturnHome,
    ConnectedPersons,
    InformalArrangement,
    PrivateFostering,
    ChildArrangementsOrder,
    SpecialGuardianshipOrder,
    LongTermFostering,
    Adoption,
    Residential,
    StayingPut,
    /// Legacy: replaced by the CAO; existing orders are still supported.
    ResidenceOrder,
}

/// What a pathway does to the child's looked-after status (PATH-001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LookedAfterEffect {
    NotLookedAfter,
    /// The looked-after episode ends when the pathway is achieved (the return
    /// approved, the order made).
    EpisodeEnds,
    LookedAfter,
    /// Transition after 18.
    AfterEighteen,
}

impl Pathway {
    pub const ALL: [Pathway; 12] = [
        Pathway::LivingWithBirthFamily,
        Pathway::ReturnHome,
        Pathway::ConnectedPersons,
        Pathway::InformalArrangement,
        Pathway::PrivateFostering,
        Pathway::ChildArrangementsOrder,
        Pathway::SpecialGuardianshipOrder,
        Pathway::LongTermFostering,
        Pathway::Adoption,
        Pathway::Residential,
        Pathway::StayingPut,
        Pathway::ResidenceOrder,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Pathway::LivingWithBirthFamily => "living_with_birth_family",
            Pathway::ReturnHome => "return_home",
            Pathway::ConnectedPersons => "connected_persons",
            Pathway::InformalArrangement => "informal_arrangement",
            Pathway::PrivateFostering => "private_fostering",
            Pathway::ChildArrangementsOrder => "child_arrangements_order",
            Pathway::SpecialGuardianshipOrder => "special_guardianship_order",
            Pathway::LongTermFostering => "long_term_fostering",
            Pathway::Adoption => "adoption",
            Pathway::Residential => "residential",
            Pathway::StayingPut => "staying_put",
            Pathway::ResidenceOrder => "residence_order",
        }
    }

    pub fn parse(code: &str) -> Option<Pathway> {
        Pathway::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Pathway::LivingWithBirthFamily => "Living with birth family",
            Pathway::ReturnHome => "Return home",
            Pathway::ConnectedPersons => "Connected persons care",
            Pathway::InformalArrangement => "Informal family arrangement",
            Pathway::PrivateFostering => "Private fostering",
            Pathway::ChildArrangementsOrder => "Child Arrangements Order",
            Pathway::SpecialGuardianshipOrder => "Special Guardianship Order",
            Pathway::LongTermFostering => "Long-term fostering",
            Pathway::Adoption => "Adoption",
            Pathway::Residential => "Residential care (exceptional)",
            Pathway::StayingPut => "Staying Put",
            Pathway::ResidenceOrder => "Residence Order (legacy)",
        }
    }

    pub fn looked_after_effect(self) -> LookedAfterEffect {
        use LookedAfterEffect::*;
        match self {
            Pathway::LivingWithBirthFamily
            | Pathway::InformalArrangement
            | Pathway::PrivateFostering => NotLookedAfter,
            Pathway::ReturnHome
            | Pathway::ChildArrangementsOrder
            | Pathway::SpecialGuardianshipOrder
            | Pathway::Adoption
            | Pathway::ResidenceOrder => EpisodeEnds,
            Pathway::ConnectedPersons | Pathway::LongTermFostering | Pathway::Residential => {
                LookedAfter
            }
            Pathway::StayingPut => AfterEighteen,
        }
    }

    /// The step of the PRIN-001 order this pathway belongs to.
    pub fn option(self) -> PermanenceOption {
        match self {
            Pathway::LivingWithBirthFamily | Pathway::ReturnHome => PermanenceOption::BirthParents,
            Pathway::ConnectedPersons
            | Pathway::InformalArrangement
            | Pathway::PrivateFostering
            | Pathway::ChildArrangementsOrder
            | Pathway::SpecialGuardianshipOrder
            | Pathway::ResidenceOrder => PermanenceOption::ExtendedFamily,
            Pathway::Adoption => PermanenceOption::Adoption,
            Pathway::LongTermFostering | Pathway::StayingPut => {
                PermanenceOption::PermanentFostering
            }
            Pathway::Residential => PermanenceOption::NonFamilySetting,
        }
    }
}

/// The options of PRIN-001, in the order they must be considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PermanenceOption {
    BirthParents = 1,
    ExtendedFamily = 2,
    FriendsNetwork = 3,
    Adoption = 4,
    PermanentFostering = 5,
    NonFamilySetting = 6,
}

impl PermanenceOption {
    pub const ALL: [PermanenceOption; 6] = [
        PermanenceOption::BirthParents,
        PermanenceOption::ExtendedFamily,
        PermanenceOption::FriendsNetwork,
        PermanenceOption::Adoption,
        PermanenceOption::PermanentFostering,
        PermanenceOption::NonFamilySetting,
    ];

    /// The step number in PRIN-001.
    pub fn step(self) -> u8 {
        self as u8
    }

    pub fn label(self) -> &'static str {
        match self {
            PermanenceOption::BirthParents => "remain with or return to birth parents",
            PermanenceOption::ExtendedFamily => "extended family",
            PermanenceOption::FriendsNetwork => "friends and support network",
            PermanenceOption::Adoption => "adoption",
            PermanenceOption::PermanentFostering => "permanent foster carers",
            PermanenceOption::NonFamilySetting => "non-family setting",
        }
    }
}

/// What the appraisal concluded about one option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppraisalOutcome {
    RuledIn,
    RuledOut,
    NotApplicable,
}

/// One line of the options appraisal (PRIN-001, DATA-011).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppraisalEntry {
    pub option: PermanenceOption,
    pub outcome: AppraisalOutcome,
    /// Why; required when an option is ruled out.
    pub reasons: String,
    /// The assessment it rests on, if any.
    #[serde(default)]
    pub assessment_ref: Option<String>,
}

/// The five outcome areas of PRIN-019.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeArea {
    SafetyAndWelfare,
    Stability,
    Education,
    Leisure,
    Transitions,
}

impl OutcomeArea {
    pub const ALL: [OutcomeArea; 5] = [
        OutcomeArea::SafetyAndWelfare,
        OutcomeArea::Stability,
        OutcomeArea::Education,
        OutcomeArea::Leisure,
        OutcomeArea::Transitions,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OutcomeArea::SafetyAndWelfare => "Safety and Welfare",
            OutcomeArea::Stability => "Stability",
            OutcomeArea::Education => "Education",
            OutcomeArea::Leisure => "Leisure",
            OutcomeArea::Transitions => "Transitions",
        }
    }
}

/// An intended outcome for the child, mapped to an area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objective {
    pub text: String,
    pub area: OutcomeArea,
}

/// A step or milestone of the plan, with its owner and target (PLAN-005,
/// TRACK-004).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub description: String,
    pub owner: String,
    pub target: NaiveDate,
    #[serde(default)]
    pub done: Option<NaiveDate>,
    /// Why the actual date differs from the target (TRACK-004).
    #[serde(default)]
    pub variance_reason: Option<String>,
}

/// The six identity headings of PRIN-004.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub ethnic_origin: Option<String>,
    pub cultural_background: Option<String>,
    pub language: Option<String>,
    pub religion: Option<String>,
    pub disability: Option<String>,
    pub sexuality: Option<String>,
}

impl Identity {
    /// The headings, with their entries.
    pub fn headings(&self) -> [(&'static str, &Option<String>); 6] {
        [
            ("ethnic origin", &self.ethnic_origin),
            ("cultural background", &self.cultural_background),
            ("language", &self.language),
            ("religion", &self.religion),
            ("disability", &self.disability),
            ("sexuality", &self.sexuality),
        ]
    }

    /// The headings with no entry.
    pub fn missing(&self) -> Vec<&'static str> {
        self.headings()
            .into_iter()
            .filter(|(_, v)| v.as_deref().is_none_or(|s| s.trim().is_empty()))
            .map(|(k, _)| k)
            .collect()
    }
}

/// The Sibling assessment Planning Aid's conclusion (PRIN-011).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiblingAssessment {
    pub together: bool,
    pub reasons: String,
    pub completed: NaiveDate,
}

/// The child's wishes and how they were weighed (PRIN-005, DATA-002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voice {
    pub wishes: String,
    pub gathered: NaiveDate,
    /// Whether the decision follows the child's wishes.
    pub decision_follows_wishes: bool,
    /// Required when it does not.
    #[serde(default)]
    pub reason_differs: Option<String>,
}

/// The parallel plan and its decision date (PLAN-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParallelPlan {
    pub pathway: Pathway,
    pub decision_date: NaiveDate,
    /// When the primary plan was confirmed or the parallel plan activated.
    #[serde(default)]
    pub decided: Option<NaiveDate>,
}

/// The court timetable behind a provisional plan (PLAN-006).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtTimetable {
    pub next_hearing: Option<NaiveDate>,
    pub final_hearing: Option<NaiveDate>,
    /// When the final order was made.
    #[serde(default)]
    pub final_order: Option<NaiveDate>,
}

/// The evidence behind an exceptional non-family plan (PRIN-003).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exceptional {
    pub assessment_ref: String,
    pub circumstances: String,
    /// The approver (a service manager by default).
    pub approved_by: Option<String>,
    /// When they approved it.
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
}

/// Who approves a plan's exceptional needs (PRIN-003): a service manager,
/// the level of a placement outside the county (PRIN-013), or above.
pub const EXCEPTIONAL_APPROVERS: [Role; 2] = [Role::ServiceManager, Role::HeadOfService];

impl Exceptional {
    /// The evidence as revised to `self`, from what was held `before`: an
    /// approval stands only for the assessment and circumstances approved
    /// (PRIN-003), so changing either asks for approval again.
    pub fn revised(mut self, before: Option<&Exceptional>) -> Exceptional {
        let same = before.is_some_and(|b| {
            b.assessment_ref == self.assessment_ref && b.circumstances == self.circumstances
        });
        (self.approved_by, self.approved_on) = match before {
            Some(b) if same => (b.approved_by.clone(), b.approved_on),
            _ => (None, None),
        };
        self
    }
}

/// A child's permanence plan, one version of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermanencePlan {
    pub child_id: ChildId,
    /// 1 for the first plan; each change of plan adds one.
    pub plan_version: u32,
    pub lifecycle: Lifecycle,
    /// Where the plan is in WF-PERM-PLAN.
    pub stage: PlanStage,
    pub created: NaiveDate,
    /// The allocated social worker who owns it.
    pub owner: String,
    pub pathway: Option<Pathway>,
    #[serde(default)]
    pub legal_route: Option<String>,
    #[serde(default)]
    pub timeframe: Option<String>,
    #[serde(default)]
    pub firmness: Firmness,
    #[serde(default)]
    pub appraisal: Vec<AppraisalEntry>,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub steps: Vec<Step>,
    /// The linked support plan's reference (PLAN-010).
    #[serde(default)]
    pub support_plan: Option<String>,
    /// The linked Contact Agreement's reference (PRIN-015).
    #[serde(default)]
    pub contact_agreement: Option<String>,
    #[serde(default)]
    pub sibling_assessment: Option<SiblingAssessment>,
    #[serde(default)]
    pub identity: Identity,
    #[serde(default)]
    pub child_voice: Option<Voice>,
    #[serde(default)]
    pub carer_views: Option<String>,
    #[serde(default)]
    pub parallel: Option<ParallelPlan>,
    #[serde(default)]
    pub court: Option<CourtTimetable>,
    #[serde(default)]
    pub exceptional: Option<Exceptional>,
    /// Why a placement outside Leicestershire (PRIN-012).
    #[serde(default)]
    pub local_rationale: Option<String>,
    #[serde(default)]
    pub ratified_on: Option<NaiveDate>,
    /// Which review ratified it (2 for the second).
    #[serde(default)]
    pub ratified_at_review: Option<u32>,
    #[serde(default)]
    pub achieved_on: Option<NaiveDate>,
    /// How permanence was achieved (WF-PERM-PLAN step 9).
    #[serde(default)]
    pub achievement: Option<super::achieved::Achievement>,
    /// Permanence achieved recorded and reversed by a manager.
    #[serde(default)]
    pub reversals: Vec<super::achieved::Reversal>,
    /// Who the ratified plan is sent to, and when (PLAN-012).
    #[serde(default)]
    pub distribution: Vec<super::plan_tasks::DistributionTask>,
    #[serde(default)]
    pub superseded_on: Option<NaiveDate>,
    /// The last time the care plan holding this plan was updated (PLAN-015).
    #[serde(default)]
    pub care_plan_updated: Option<NaiveDate>,
    /// The plan's trajectory: each milestone's target, actual date and any
    /// variance reason (TRACK-004).
    #[serde(default)]
    pub trajectory: Vec<super::tracking::Milestone>,
    /// The Team Manager's sign-off of the options appraisal, with the
    /// appraisal as it was signed off (DATA-011).
    #[serde(default)]
    pub appraisal_sign_off: Option<super::assessment::AppraisalSignOff>,
    /// An adoption plan's stages with their due dates (PATH-023).
    #[serde(default)]
    pub adoption_stages: Vec<super::pathways::AdoptionPlanStage>,
    /// The birth parents' own social worker (PATH-025).
    #[serde(default)]
    pub birth_parent_worker: Option<super::pathways::BirthParentWorker>,
    /// The "return to family" section of a child back in care after a
    /// family breakdown (GEN-002).
    #[serde(default)]
    pub return_to_family: Option<super::breakdown::ReturnToFamily>,
    /// The adopters' financial support: the judgement on the child's needs,
    /// then the means assessment (PATH-027).
    #[serde(default)]
    pub adoption_financial_support: Option<super::pathways::FinancialSupportCase>,
}

impl PermanencePlan {
    /// The Draft plan created when a looked-after episode starts (PLAN-001).
    pub fn draft(child_id: ChildId, created: NaiveDate, owner: impl Into<String>) -> Self {
        Self {
            child_id,
            plan_version: 1,
            lifecycle: Lifecycle::Draft,
            stage: PlanStage::EntryDecision,
            created,
            owner: owner.into(),
            pathway: None,
            legal_route: None,
            timeframe: None,
            firmness: Firmness::default(),
            appraisal: Vec::new(),
            objectives: Vec::new(),
            steps: Vec::new(),
            support_plan: None,
            contact_agreement: None,
            sibling_assessment: None,
            identity: Identity::default(),
            child_voice: None,
            carer_views: None,
            parallel: None,
            court: None,
            exceptional: None,
            local_rationale: None,
            ratified_on: None,
            ratified_at_review: None,
            achieved_on: None,
            achievement: None,
            reversals: Vec::new(),
            distribution: Vec::new(),
            superseded_on: None,
            care_plan_updated: None,
            trajectory: Vec::new(),
            appraisal_sign_off: None,
            adoption_stages: Vec::new(),
            birth_parent_worker: None,
            adoption_financial_support: None,
            return_to_family: None,
        }
    }
}

/// Something that stops a plan being ratified, named for the person fixing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The rule that requires it (`PLAN-008`).
    pub rule: &'static str,
    /// The field or record that is missing or wrong, as the form names it.
    pub field: &'static str,
    pub message: String,
    /// A warning shows but does not block (PRIN-019, PLAN-013).
    pub blocking: bool,
}

impl Gap {
    pub fn block(rule: &'static str, field: &'static str, message: impl Into<String>) -> Self {
        Self {
            rule,
            field,
            message: message.into(),
            blocking: true,
        }
    }

    pub fn warn(rule: &'static str, field: &'static str, message: impl Into<String>) -> Self {
        Self {
            rule,
            field,
            message: message.into(),
            blocking: false,
        }
    }
}

/// Who edits a plan's contents before it is ratified: the child's social
/// worker, their team manager and the IRO.
pub const PLAN_EDITORS: [Role; 3] = [
    Role::SocialWorker,
    Role::TeamManager,
    Role::IndependentReviewingOfficer,
];

/// The WF-PERM-PLAN moves a change of plan takes, on its own form and use
/// cases (PLAN-011), rather than as a step of the plan.
const CHANGE_MOVES: [&str; 2] = ["propose_change", "change_agreed"];

/// What a person can do to a plan: edit its contents, take a step of
/// WF-PERM-PLAN (by the transition's name), or propose a change of plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanMove {
    Edit,
    Step(&'static str),
    ProposeChange,
}

impl PermanencePlan {
    /// Whether `user` may take `m` on this plan now: the one answer the plan
    /// page and the plan's use cases share. The contents are edited before
    /// ratification by [`PLAN_EDITORS`] (PLAN-011: a ratified plan changes
    /// by a change of plan); the steps are WF-PERM-PLAN's, by its roles; a
    /// change is proposed from a ratified plan.
    pub fn check_move(&self, user: &User, m: PlanMove) -> Result<(), Refusal> {
        if !user.may(Permission::WorkOnPlans) {
            return Err(Refusal::Forbidden("change a permanence plan"));
        }
        let roles = [user.role];
        match m {
            PlanMove::Edit if !PLAN_EDITORS.contains(&user.role) => {
                Err(Refusal::Forbidden("change a permanence plan"))
            }
            PlanMove::Edit if !self.lifecycle.is_editable() => Err(Refusal::NotNow(
                "a ratified plan cannot be edited: propose a change of plan instead (PLAN-011)"
                    .into(),
            )),
            PlanMove::Edit => Ok(()),
            PlanMove::Step(name) if CHANGE_MOVES.contains(&name) => Err(Refusal::NotNow(
                "a change of plan is proposed and agreed as a change of plan (PLAN-011)".into(),
            )),
            PlanMove::Step(name) => {
                PERM_PLAN.take(self.stage.code(), name, &roles)?;
                Ok(())
            }
            PlanMove::ProposeChange => {
                PERM_PLAN.take(self.stage.code(), "propose_change", &roles)?;
                if self.lifecycle.is_ratified() {
                    Ok(())
                } else {
                    Err(Refusal::NotNow(
                        "only a ratified plan is changed by a change of plan".into(),
                    ))
                }
            }
        }
    }

    /// PRIN-003: `user` approves the exceptional needs of a plan not yet
    /// ratified, on `on`: only one of [`EXCEPTIONAL_APPROVERS`], once the
    /// exceptional-needs assessment is recorded, and once.
    pub fn approve_exceptional(&mut self, user: &User, on: NaiveDate) -> Result<(), Refusal> {
        if !EXCEPTIONAL_APPROVERS.contains(&user.role) {
            return Err(Refusal::Forbidden(
                "approve a plan's exceptional needs (a service manager approves them)",
            ));
        }
        if !self.lifecycle.is_editable() {
            return Err(Refusal::NotNow(
                "the exceptional needs are approved before the plan is ratified".into(),
            ));
        }
        match &mut self.exceptional {
            Some(e) if e.approved_by.is_some() => Err(Refusal::NotNow(
                "the exceptional needs are already approved".into(),
            )),
            Some(e) if !e.assessment_ref.trim().is_empty() => {
                e.approved_by = Some(user.username.clone());
                e.approved_on = Some(on);
                Ok(())
            }
            _ => Err(Refusal::NotNow(
                "record the exceptional-needs assessment before it is approved".into(),
            )),
        }
    }

    /// The moves `user` may take on this plan now: editing, the steps of
    /// WF-PERM-PLAN in its order, and proposing a change.
    pub fn moves(&self, user: &User) -> Vec<PlanMove> {
        std::iter::once(PlanMove::Edit)
            .chain(PERM_PLAN.transitions.iter().map(|t| PlanMove::Step(t.name)))
            .chain(std::iter::once(PlanMove::ProposeChange))
            .filter(|m| self.check_move(user, *m).is_ok())
            .collect()
    }
}

/// What the ratification gate needs beyond the plan itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RatificationContext {
    /// The child has brothers or sisters (PRIN-011).
    pub has_siblings: bool,
    /// The child is of school age (PLAN-013).
    pub school_age: bool,
    /// An assessment behind the plan is still in progress (PLAN-003).
    pub assessment_in_progress: bool,
    /// The child is subject to court proceedings (PLAN-006).
    pub in_proceedings: bool,
    /// An education contribution is on the record (PLAN-013).
    pub education_contribution: bool,
    /// A health contribution is on the record (PLAN-013).
    pub health_contribution: bool,
    /// What the team around the child lacks (ROLE-011: an IRO, a carer).
    pub team_missing: Vec<&'static str>,
    /// The child came back into care after their adoptive, special
    /// guardianship or child arrangements family broke down (GEN-002).
    pub after_breakdown: bool,
}

/// PLAN-003: whether an assessment behind the plan is in progress on `on`:
/// the latest start recorded by then has no completion on or after it.
pub fn assessment_in_progress(activities: &[crate::deadlines::Event], on: NaiveDate) -> bool {
    use crate::deadlines::EventKind::{PermanenceAssessmentCompleted, PermanenceAssessmentStarted};
    let dated = |kind| {
        activities
            .iter()
            .filter(move |e| e.kind == kind && e.date <= on)
            .map(|e| e.date)
    };
    dated(PermanenceAssessmentStarted)
        .max()
        .is_some_and(|started| !dated(PermanenceAssessmentCompleted).any(|c| c >= started))
}

/// Everything that stops `plan` being ratified, blocking gaps first.
pub fn ratification_gaps(plan: &PermanencePlan, ctx: &RatificationContext) -> Vec<Gap> {
    let mut gaps = Vec::new();
    contents_gaps(plan, &mut gaps);
    appraisal_gaps(plan, &mut gaps);
    for missing in &ctx.team_missing {
        gaps.push(Gap::block("ROLE-011", "team", *missing));
    }
    gaps.extend(super::breakdown::return_to_family_gap(
        plan,
        ctx.after_breakdown,
    ));
    if ctx.has_siblings && plan.sibling_assessment.is_none() {
        gaps.push(Gap::block(
            "PRIN-011",
            "sibling_assessment",
            "sibling together/apart assessment missing",
        ));
    }
    if ctx.assessment_in_progress && plan.firmness.is_final() {
        gaps.push(Gap::block(
            "PLAN-003",
            "firmness",
            "an assessment is still in progress: the plan can be provisional or parallel, not final",
        ));
    }
    if plan.firmness.provisional && !ctx.in_proceedings {
        gaps.push(Gap::block(
            "PLAN-006",
            "firmness",
            "a provisional plan is only for a child subject to court proceedings",
        ));
    }
    if plan.firmness.provisional && plan.court.is_none() {
        gaps.push(Gap::block(
            "PLAN-006",
            "court",
            "a provisional plan records the court timetable (next and final hearing)",
        ));
    }
    if plan.pathway == Some(Pathway::Residential) {
        match &plan.exceptional {
            Some(e) if !e.assessment_ref.trim().is_empty() => {
                if blank(&e.approved_by) {
                    gaps.push(Gap::block(
                        "PRIN-003",
                        "exceptional",
                        "exceptional plan needs the Service Manager's approval",
                    ));
                }
            }
            _ => gaps.push(Gap::block(
                "PRIN-003",
                "exceptional",
                "exceptional-case evidence required",
            )),
        }
    }
    if let Some(v) = &plan.child_voice
        && !v.decision_follows_wishes
        && v.reason_differs
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        gaps.push(Gap::block(
            "PRIN-005",
            "child_voice",
            "reason the decision differs from the child's wishes is required",
        ));
    }
    if !plan.objectives.is_empty()
        && super::outcomes::outcome_areas_without_objective(&plan.objectives)
            .contains(&OutcomeArea::Stability)
    {
        gaps.push(Gap::warn(
            "PRIN-019",
            "objectives",
            "no Stability objective",
        ));
    }
    if ctx.school_age && !ctx.education_contribution {
        gaps.push(Gap::warn(
            "PLAN-013",
            "education",
            "education input missing",
        ));
    }
    if !ctx.health_contribution {
        gaps.push(Gap::warn("PLAN-013", "health", "health input missing"));
    }
    gaps.sort_by_key(|g| !g.blocking);
    gaps
}

/// Whether an optional text field is empty or only spaces.
pub(crate) fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

/// PLAN-008: what a plan must contain.
fn contents_gaps(plan: &PermanencePlan, gaps: &mut Vec<Gap>) {
    let mut missing = |field: &'static str, rule: &'static str, what: &str| {
        gaps.push(Gap::block(rule, field, format!("{what} is missing")));
    };
    if plan.pathway.is_none() {
        missing("pathway", "PLAN-008", "pathway");
    }
    if blank(&plan.legal_route) {
        missing("legal_route", "PLAN-008", "legal route or order sought");
    }
    if blank(&plan.timeframe) {
        missing("timeframe", "PLAN-008", "timeframe");
    }
    if plan.objectives.is_empty() {
        missing("objectives", "PLAN-008", "intended outcomes");
    }
    if plan.support_plan.is_none() {
        missing("support_plan", "PLAN-010", "linked support plan");
    }
    if plan.steps.is_empty() {
        missing("steps", "PLAN-008", "steps with owner and target date");
    }
    if plan.contact_agreement.is_none() {
        missing("contact_agreement", "PRIN-015", "Contact Agreement");
    }
    let identity = plan.identity.missing();
    if !identity.is_empty() {
        gaps.push(Gap::block(
            "PRIN-004",
            "identity",
            format!("identity consideration missing: {}", identity.join(", ")),
        ));
    }
    if plan.child_voice.is_none() {
        gaps.push(Gap::block(
            "PRIN-005",
            "child_voice",
            "the child's wishes and how they were weighed are missing",
        ));
    }
    if blank(&plan.carer_views) {
        gaps.push(Gap::block(
            "PRIN-010",
            "carer_views",
            "the carer's views are missing",
        ));
    }
    if plan.firmness.parallel && plan.parallel.is_none() {
        gaps.push(Gap::block(
            "PLAN-007",
            "parallel",
            "a parallel plan needs its pathway and decision date",
        ));
    }
}

/// PRIN-001: every option before the chosen one considered, with reasons.
fn appraisal_gaps(plan: &PermanencePlan, gaps: &mut Vec<Gap>) {
    let Some(pathway) = plan.pathway else { return };
    let chosen = pathway.option();
    for option in PermanenceOption::ALL
        .into_iter()
        .filter(|o| o.step() < chosen.step())
    {
        let entry = plan.appraisal.iter().find(|e| e.option == option);
        let considered = entry.is_some_and(|e| {
            e.outcome == AppraisalOutcome::NotApplicable
                || (e.outcome == AppraisalOutcome::RuledOut && !e.reasons.trim().is_empty())
        });
        if !considered {
            gaps.push(Gap::block(
                "PRIN-001",
                "appraisal",
                format!(
                    "{} not considered (PRIN-001 step {})",
                    option.label(),
                    option.step()
                ),
            ));
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A ratified plan, for the tests of what follows ratification.
    use super::*;

    pub(crate) fn ratified_plan() -> PermanencePlan {
        let d = |s: &str| -> NaiveDate { s.parse().expect("an ISO date") };
        let mut plan = PermanencePlan::draft("child1".parse().unwrap(), d("2025-03-03"), "sw-1");
        plan.pathway = Some(Pathway::LongTermFostering);
        plan.lifecycle = Lifecycle::Ratified;
        plan.ratified_on = Some(d("2025-06-30"));
        plan.ratified_at_review = Some(2);
        plan
    }
}

#[cfg(test)]
mod tests;
