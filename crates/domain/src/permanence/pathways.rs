//! The permanence pathways of chapter 20, section 4 (PATH-): what each
//! pathway does to the child's looked-after status and parental
//! responsibility, and the checks each pathway's records must pass.
//!
//! The pathway catalogue itself is [`Pathway`] in [`super::plan`]; this module
//! holds what happens along each route:
//! - the family route before care: preservation support before accommodation
//!   (PATH-002), Safety Plans and Safety Meetings for Family and Friends
//!   (PATH-003, PATH-004), edge-of-care routing (PATH-006);
//! - return home: objectives with timescales, the nominated officer's
//!   approval and the post-return support plan (PATH-005, PATH-007);
//! - connected persons, informal arrangements and private fostering, which
//!   are classified before anything is opened (PATH-008 to PATH-010, OQ-28);
//! - orders: CAO, SGO, the legacy Residence Order and the Adoption Order, the
//!   parental responsibility each leaves behind, and what recording one does
//!   to the episode and the plan (PATH-001, PATH-011 to PATH-015, PATH-022);
//! - long-term fostering: when a placement is "permanent", the suitability
//!   factors, the panel match, family finding and carer approval (PATH-016 to
//!   PATH-020);
//! - adoption: timescales, the named worker, the independent birth-parent
//!   worker, disclosure to adopters and financial support (PATH-023 to
//!   PATH-027);
//! - what a review must record for a child in residential care or approaching
//!   adulthood in long-term foster care (PATH-028, PATH-029).
//!
//! Deadlines (PATH-021's core training) live in the deadline rules, not here.
//! Free text (descriptions, reasons) is personal data: it stays in the
//! records and never appears in an error message.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{Gap, Lifecycle, LookedAfterEffect, Pathway, PermanencePlan};
use super::policy::policy_in_force;
use super::referrals::{ItemType, Outcome, Referral};
use crate::calendar::{self, Period};
use crate::child::ChildId;
use crate::codes::LegalStatus;
use crate::roles::{Role, Worker};
use crate::time::age_on;

/// Why a pathway record or step was refused. Each message says what is
/// missing or wrong in the words of the spec's checks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathwayError {
    #[error("the plan is {0}: an order cannot be recorded against it")]
    PlanClosed(&'static str),
    #[error("a {order} must name at least one {party}")]
    OrderWithoutParty {
        order: &'static str,
        party: &'static str,
    },
    #[error("preservation support not evidenced")]
    PreservationSupportNotEvidenced,
    #[error("the outcome is dated before the Safety Plan started on {started}")]
    OutcomeBeforeStart { started: NaiveDate },
    #[error("the Safety Plan already has its outcome")]
    OutcomeAlreadyRecorded,
    #[error(
        "a post-return support plan (Child in Need Plan or Family and Wellbeing Service referral) dated on or before {return_date} is required"
    )]
    PostReturnSupportMissing { return_date: NaiveDate },
    #[error("timescale required")]
    TimescaleRequired,
    #[error("the return home needs {0} before the looked-after episode can end")]
    ReturnHomeNotApproved(&'static str),
    #[error(
        "a child on a care order placed with parents stays looked after until the order is discharged"
    )]
    CareOrderNotDischarged,
    #[error("extended family options considered must be completed first")]
    ExtendedFamilyNotConsidered,
    #[error("the friends and support network option must be discussed and agreed first")]
    FriendsOptionNotAgreed,
    #[error("an informal family arrangement is recorded only inside a Child in Need case")]
    InformalArrangementOutsideCin,
    #[error("the carer is not a close relative: apply the private fostering test")]
    NotCloseRelative,
    #[error("a mandatory SGO support assessment request cannot be declined")]
    MandatoryRequestDeclined,
    #[error("a decision on a discretionary request needs reasons")]
    DecisionWithoutReasons,
    #[error("no Permanence Panel outcome confirms this match for this child and carer")]
    NoPanelMatch,
    #[error("the LTF assessment is missing: {}", .0.join(", "))]
    LtfAssessmentIncomplete(Vec<&'static str>),
    #[error(
        "the Permanence Panel has not found that long-term fostering can meet the child's needs"
    )]
    LtfNotFoundSuitable,
    #[error("the carer's approval is not current")]
    CarerNotApproved,
    #[error("carer annual review overdue (due {due})")]
    CarerAnnualReviewOverdue { due: NaiveDate },
    #[error(
        "County Council carers are searched before another provider's: log the County Council search first"
    )]
    SearchOrder,
    #[error("every open stage needs a due date: {}", .0.join(", "))]
    StagesWithoutDueDate(Vec<&'static str>),
    #[error("must be independent of the planning team")]
    BirthParentWorkerNotIndependent,
    #[error("the match cannot be listed: no date for {}", .0.join(", "))]
    DisclosureIncomplete(Vec<&'static str>),
    #[error(
        "the judgement that the adopters could meet the child's needs must be recorded before the means assessment"
    )]
    NeedsJudgementMissing,
    #[error("the adopters were judged unable to meet the child's needs: no means assessment")]
    AdoptersCannotMeetNeeds,
}

// ---------------------------------------------------------------------------
// Orders, parental responsibility and the end of the episode (PATH-001,
// PATH-011, PATH-012, PATH-014, PATH-022)

/// An order that secures permanence outside care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PermanenceOrder {
    ChildArrangementsOrder,
    SpecialGuardianshipOrder,
    /// Legacy: replaced by the CAO in 2014, existing orders still supported.
    ResidenceOrder,
    AdoptionOrder,
}

impl PermanenceOrder {
    pub fn label(self) -> &'static str {
        match self {
            PermanenceOrder::ChildArrangementsOrder => "Child Arrangements Order",
            PermanenceOrder::SpecialGuardianshipOrder => "Special Guardianship Order",
            PermanenceOrder::ResidenceOrder => "Residence Order",
            PermanenceOrder::AdoptionOrder => "Adoption Order",
        }
    }

    /// The pathway the order achieves.
    pub fn pathway(self) -> Pathway {
        match self {
            PermanenceOrder::ChildArrangementsOrder => Pathway::ChildArrangementsOrder,
            PermanenceOrder::SpecialGuardianshipOrder => Pathway::SpecialGuardianshipOrder,
            PermanenceOrder::ResidenceOrder => Pathway::ResidenceOrder,
            PermanenceOrder::AdoptionOrder => Pathway::Adoption,
        }
    }

    /// The party the order must name to give anyone care of the child.
    pub(crate) fn principal_party(self) -> PartyRole {
        match self {
            PermanenceOrder::ChildArrangementsOrder | PermanenceOrder::ResidenceOrder => {
                PartyRole::LivesWith
            }
            PermanenceOrder::SpecialGuardianshipOrder => PartyRole::SpecialGuardian,
            PermanenceOrder::AdoptionOrder => PartyRole::Adopter,
        }
    }

    fn end_reason(self) -> EpisodeEndReason {
        match self {
            PermanenceOrder::ChildArrangementsOrder => EpisodeEndReason::Cao,
            PermanenceOrder::SpecialGuardianshipOrder => EpisodeEndReason::Sgo,
            PermanenceOrder::AdoptionOrder => EpisodeEndReason::AdoptionOrder,
            // A legacy order recorded now is not one of the spec's named
            // reasons (section 11, LookedAfterEpisode).
            PermanenceOrder::ResidenceOrder => EpisodeEndReason::Other,
        }
    }
}

/// How a person is named in an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// The child is to live with them (CAO, Residence Order).
    LivesWith,
    /// The child spends time or has contact with them (CAO).
    SpendsTimeWith,
    SpecialGuardian,
    Adopter,
}

impl PartyRole {
    pub fn label(self) -> &'static str {
        match self {
            PartyRole::LivesWith => "person the child lives with",
            PartyRole::SpendsTimeWith => "person the child spends time with",
            PartyRole::SpecialGuardian => "special guardian",
            PartyRole::Adopter => "adopter",
        }
    }
}

/// A person named in an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderParty {
    pub person: String,
    pub role: PartyRole,
    /// The court gave this person PR in the order (only matters for
    /// "spends time with", PATH-012).
    #[serde(default)]
    pub court_gives_pr: bool,
}

/// An order as made by the court.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub kind: PermanenceOrder,
    pub made: NaiveDate,
    pub parties: Vec<OrderParty>,
}

impl Order {
    /// The order names the party that gives the child a home.
    pub fn validate(&self) -> Result<(), PathwayError> {
        let principal = self.kind.principal_party();
        if self.parties.iter().any(|p| p.role == principal) {
            Ok(())
        } else {
            Err(PathwayError::OrderWithoutParty {
                order: self.kind.label(),
                party: principal.label(),
            })
        }
    }
}

/// On what footing someone holds parental responsibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrBasis {
    Parent,
    /// The local authority, under a care or placement order.
    LocalAuthority,
    /// Named as someone the child lives with (CAO or Residence Order).
    LivesWith,
    /// Given by the court in the order to someone named for time or contact.
    CourtProvision,
    SpecialGuardian,
    Adopter,
}

/// One person's parental responsibility, from and to a date (DATA-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrHolder {
    pub person: String,
    pub basis: PrBasis,
    pub from: NaiveDate,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// May exercise PR to the exclusion of others (a special guardian,
    /// PATH-014).
    #[serde(default)]
    pub exclusive: bool,
}

impl PrHolder {
    pub fn current_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date < to)
    }
}

/// The PR record after `order` is made: who gains PR, whose ends (PATH-012,
/// PATH-014, PATH-022).
///
/// - CAO and Residence Order: each "lives with" person gains PR; a "spends
///   time with" person only where the court provides for it; parents keep
///   theirs; the local authority's ends because the order discharges the care
///   order (Children Act 1989 s91(1)).
/// - SGO: each special guardian gains PR they may exercise to the exclusion
///   of others; parents keep theirs; the local authority's ends (s91(5A)).
/// - Adoption Order: every earlier holder's PR ends; the adopters hold it.
pub fn pr_after_order(holders: &[PrHolder], order: &Order) -> Result<Vec<PrHolder>, PathwayError> {
    order.validate()?;
    let made = order.made;
    let mut after: Vec<PrHolder> = holders.to_vec();
    for h in after.iter_mut().filter(|h| h.current_on(made)) {
        let ends = match order.kind {
            PermanenceOrder::AdoptionOrder => true,
            _ => h.basis == PrBasis::LocalAuthority,
        };
        if ends {
            h.to = Some(made);
        }
    }
    for party in &order.parties {
        let basis = match (order.kind, party.role) {
            (PermanenceOrder::AdoptionOrder, PartyRole::Adopter) => PrBasis::Adopter,
            (PermanenceOrder::SpecialGuardianshipOrder, PartyRole::SpecialGuardian) => {
                PrBasis::SpecialGuardian
            }
            (
                PermanenceOrder::ChildArrangementsOrder | PermanenceOrder::ResidenceOrder,
                PartyRole::LivesWith,
            ) => PrBasis::LivesWith,
            (PermanenceOrder::ChildArrangementsOrder, PartyRole::SpendsTimeWith)
                if party.court_gives_pr =>
            {
                PrBasis::CourtProvision
            }
            _ => continue,
        };
        let already = after
            .iter()
            .any(|h| h.person == party.person && h.to.is_none() && h.from <= made);
        let exclusive = basis == PrBasis::SpecialGuardian;
        if already && !exclusive {
            continue;
        }
        after.push(PrHolder {
            person: party.person.clone(),
            basis,
            from: made,
            to: None,
            exclusive,
        });
    }
    Ok(after)
}

/// Why a looked-after episode ended (section 11, LookedAfterEpisode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EpisodeEndReason {
    ReturnHome,
    Cao,
    Sgo,
    AdoptionOrder,
    EighteenPlus,
    Other,
}

impl EpisodeEndReason {
    pub fn label(self) -> &'static str {
        match self {
            EpisodeEndReason::ReturnHome => "Return home",
            EpisodeEndReason::Cao => "CAO",
            EpisodeEndReason::Sgo => "SGO",
            EpisodeEndReason::AdoptionOrder => "Adoption Order",
            EpisodeEndReason::EighteenPlus => "18+",
            EpisodeEndReason::Other => "Other",
        }
    }
}

/// The end of a looked-after episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpisodeEnding {
    pub ended: NaiveDate,
    pub reason: EpisodeEndReason,
}

/// What recording a permanence order does (PATH-001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OrderRecorded {
    pub episode_end: EpisodeEnding,
    /// The plan's new lifecycle: Achieved.
    pub lifecycle: Lifecycle,
    pub achieved_on: NaiveDate,
    /// The order delivers the plan's pathway (or its parallel plan's); when it
    /// does not, the use case shows that permanence came by another route.
    pub matches_plan: bool,
}

/// PATH-001: recording a CAO, SGO, Residence Order or Adoption Order ends the
/// looked-after episode on the day the order is made, with the order as the
/// reason, and marks the permanence plan achieved.
pub fn record_order(plan: &PermanencePlan, order: &Order) -> Result<OrderRecorded, PathwayError> {
    if matches!(plan.lifecycle, Lifecycle::Achieved | Lifecycle::Superseded) {
        return Err(PathwayError::PlanClosed(plan.lifecycle.label()));
    }
    order.validate()?;
    let pathway = order.kind.pathway();
    let matches_plan = plan.pathway == Some(pathway)
        || plan.parallel.as_ref().is_some_and(|p| p.pathway == pathway);
    Ok(OrderRecorded {
        episode_end: EpisodeEnding {
            ended: order.made,
            reason: order.kind.end_reason(),
        },
        lifecycle: Lifecycle::Achieved,
        achieved_on: order.made,
        matches_plan,
    })
}

// ---------------------------------------------------------------------------
// Living with the birth family (PATH-002 to PATH-006)

/// Support offered to keep a child at home (PATH-002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreservationSupport {
    pub offered: NaiveDate,
    /// What was offered (practical, financial, short breaks...).
    pub description: String,
}

/// A request to accommodate a child, before it goes to the decision-maker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccommodationRequest {
    pub proposed: NaiveDate,
    #[serde(default)]
    pub preservation_support: Vec<PreservationSupport>,
}

/// PATH-002: a request can go to the decision-maker only when the record
/// shows support offered, on or before the proposed date, to keep the child at
/// home. The safety-plan case asks it when the child is to be accommodated.
pub fn check_accommodation_request(req: &AccommodationRequest) -> Result<(), PathwayError> {
    let evidenced = req
        .preservation_support
        .iter()
        .any(|s| s.offered <= req.proposed && !s.description.trim().is_empty());
    if evidenced {
        Ok(())
    } else {
        Err(PathwayError::PreservationSupportNotEvidenced)
    }
}

/// How a Safety Plan ended (PATH-003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SafetyPlanOutcome {
    ProceedingsAvoided,
    OrderDischarged,
    InterventionReduced,
    Escalated,
}

impl SafetyPlanOutcome {
    pub fn label(self) -> &'static str {
        match self {
            SafetyPlanOutcome::ProceedingsAvoided => "proceedings avoided",
            SafetyPlanOutcome::OrderDischarged => "order discharged",
            SafetyPlanOutcome::InterventionReduced => "intervention reduced",
            SafetyPlanOutcome::Escalated => "escalated",
        }
    }

    /// The WF-SAFETY-PLAN transition the outcome takes.
    pub fn transition(self) -> &'static str {
        match self {
            SafetyPlanOutcome::Escalated => "issue_proceedings",
            _ => "close",
        }
    }
}

/// A Safety Plan under which a child lives at home (PATH-003).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyPlan {
    pub pre_proceedings_ref: String,
    pub started: NaiveDate,
    /// Dates of the monitoring entries.
    #[serde(default)]
    pub monitoring: Vec<NaiveDate>,
    #[serde(default)]
    pub outcome: Option<(SafetyPlanOutcome, NaiveDate)>,
}

/// What a Safety Plan's outcome does to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SafetyPlanResult {
    /// The pre-proceedings (or proceedings) record closes with this outcome;
    /// no looked-after episode is opened.
    Closed {
        outcome: SafetyPlanOutcome,
        on: NaiveDate,
    },
    /// Care proceedings or accommodation follow (WF-SAFETY-PLAN state 4).
    Escalated { on: NaiveDate },
}

/// PATH-003: records the Safety Plan's outcome.
pub fn record_safety_plan_outcome(
    plan: &mut SafetyPlan,
    outcome: SafetyPlanOutcome,
    on: NaiveDate,
) -> Result<SafetyPlanResult, PathwayError> {
    if plan.outcome.is_some() {
        return Err(PathwayError::OutcomeAlreadyRecorded);
    }
    if on < plan.started {
        return Err(PathwayError::OutcomeBeforeStart {
            started: plan.started,
        });
    }
    plan.outcome = Some((outcome, on));
    Ok(match outcome {
        SafetyPlanOutcome::Escalated => SafetyPlanResult::Escalated { on },
        _ => SafetyPlanResult::Closed { outcome, on },
    })
}

/// What a Safety Meeting for Family and Friends produced (PATH-004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SafetyMeetingOutcome {
    /// Family members offered care: an Initial Viability Assessment follows
    /// (KIN-002).
    FamilyOfferingCare,
    SupportNetworkIdentified,
    NoOffer,
}

/// A Safety Meeting for Family and Friends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyMeeting {
    pub held: NaiveDate,
    pub outcomes: Vec<SafetyMeetingOutcome>,
}

impl SafetyMeeting {
    /// An offer of care starts an Initial Viability Assessment (KIN-002): the
    /// safety-plan case then offers the viability request.
    pub fn needs_viability_assessment(&self) -> bool {
        self.outcomes
            .contains(&SafetyMeetingOutcome::FamilyOfferingCare)
    }
}

/// The warning on the CDM decision when no Safety Meeting was held.
pub const NO_FAMILY_NETWORK_MEETING: &str = "family network meeting not held";

/// PATH-004: the warnings the CDM decision record shows when care proceedings
/// are issued on `issued` for a child with significant safeguarding concerns:
/// a Safety Meeting for Family and Friends should have been held between the
/// start of pre-proceedings and the issue.
pub fn proceedings_warnings(
    pre_proceedings_started: NaiveDate,
    issued: NaiveDate,
    significant_concerns: bool,
    meetings: &[SafetyMeeting],
) -> Vec<&'static str> {
    let held = meetings
        .iter()
        .any(|m| pre_proceedings_started <= m.held && m.held <= issued);
    if significant_concerns && !held {
        vec![NO_FAMILY_NETWORK_MEETING]
    } else {
        Vec::new()
    }
}

/// The support in place when a child returns home (PATH-005).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostReturnSupportKind {
    ChildInNeedPlan,
    FamilyAndWellbeingReferral,
}

/// A post-return support plan, by its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostReturnSupport {
    pub kind: PostReturnSupportKind,
    pub dated: NaiveDate,
    pub reference: String,
}

/// PATH-005: a return home is recorded only with a linked post-return
/// support plan dated on or before the return.
pub fn check_post_return_support(
    return_date: NaiveDate,
    support: Option<&PostReturnSupport>,
) -> Result<(), PathwayError> {
    match support {
        Some(s) if s.dated <= return_date => Ok(()),
        _ => Err(PathwayError::PostReturnSupportMissing { return_date }),
    }
}

/// The queue an edge-of-care referral joins (PATH-006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeOfCareQueue {
    /// The Disabled Children's Service is the edge-of-care service for
    /// disabled children.
    DisabledChildrensService,
    General,
}

/// PATH-006: a disabled child's edge-of-care referral goes to the Disabled
/// Children's Service.
pub fn edge_of_care_queue(disabled: bool) -> EdgeOfCareQueue {
    if disabled {
        EdgeOfCareQueue::DisabledChildrensService
    } else {
        EdgeOfCareQueue::General
    }
}

// ---------------------------------------------------------------------------
// Return home (PATH-007)

/// Whose objective it is (PATH-007: "for staff and parents").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveFor {
    Staff,
    Parents,
}

/// An agreed objective towards return home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnHomeObjective {
    pub text: String,
    pub for_whom: ObjectiveFor,
    #[serde(default)]
    pub target: Option<NaiveDate>,
}

/// PATH-007: every return-home objective has a timescale.
pub fn validate_return_home_objective(o: &ReturnHomeObjective) -> Result<(), PathwayError> {
    o.target.map(|_| ()).ok_or(PathwayError::TimescaleRequired)
}

/// Who approves a section 20 return home (PATH-007 assumption; OQ-35).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReturnHomeConfig {
    /// The nominated officer's role (default: Service Manager).
    pub nominated_officer: Role,
}

impl Default for ReturnHomeConfig {
    fn default() -> Self {
        Self {
            nominated_officer: Role::ServiceManager,
        }
    }
}

/// What is recorded before a child stops being looked after on return home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnHomeDecision {
    pub legal_status: LegalStatus,
    pub planned_return: NaiveDate,
    /// The roles of the person who approved it, and when.
    pub approved: Option<(Vec<Role>, NaiveDate)>,
    pub iro_consulted: Option<NaiveDate>,
    pub child_wishes_considered: Option<NaiveDate>,
    pub support: Option<PostReturnSupport>,
}

/// PATH-007 (with PATH-005): the episode end on return home. A section 20
/// episode ends on the return date only once the nominated officer has
/// approved, the IRO has been consulted, the child's wishes considered and
/// the support plan is in place. A child on a care order is placed with
/// parents and stays looked after until the order is discharged.
pub fn end_episode_on_return(
    d: &ReturnHomeDecision,
    config: &ReturnHomeConfig,
) -> Result<EpisodeEnding, PathwayError> {
    if d.legal_status.is_under_order() {
        return Err(PathwayError::CareOrderNotDischarged);
    }
    let approved = d.approved.as_ref().is_some_and(|(roles, on)| {
        roles.contains(&config.nominated_officer) && *on <= d.planned_return
    });
    if !approved {
        return Err(PathwayError::ReturnHomeNotApproved(
            "the nominated officer's approval",
        ));
    }
    if d.iro_consulted.is_none_or(|c| c > d.planned_return) {
        return Err(PathwayError::ReturnHomeNotApproved("IRO consultation"));
    }
    if d.child_wishes_considered
        .is_none_or(|c| c > d.planned_return)
    {
        return Err(PathwayError::ReturnHomeNotApproved(
            "the child's wishes considered",
        ));
    }
    check_post_return_support(d.planned_return, d.support.as_ref())?;
    Ok(EpisodeEnding {
        ended: d.planned_return,
        reason: EpisodeEndReason::ReturnHome,
    })
}

// ---------------------------------------------------------------------------
// Connected persons, informal arrangements and private fostering (PATH-008
// to PATH-010)

/// A carer's relationship to the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Grandparent,
    AuntOrUncle,
    /// A brother or sister (full, half or by marriage), for care an older one.
    Sibling,
    StepParent,
    /// Another relative: a cousin, a great-aunt.
    OtherRelative,
    FamilyFriend,
    /// Someone else in the child's support network.
    SupportNetwork,
}

impl Relationship {
    /// Extended family, considered before friends (PATH-008).
    pub fn is_extended_family(self) -> bool {
        !matches!(
            self,
            Relationship::FamilyFriend | Relationship::SupportNetwork
        )
    }

    /// A close relative in the Children Act 1989 s105 sense: grandparent,
    /// brother, sister, uncle, aunt or step-parent (PATH-010 assumption).
    pub fn is_close_relative(self) -> bool {
        matches!(
            self,
            Relationship::Grandparent
                | Relationship::AuntOrUncle
                | Relationship::Sibling
                | Relationship::StepParent
        )
    }
}

/// A request for a viability assessment of a proposed connected carer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViabilityRequest {
    pub relationship: Relationship,
    pub requested: NaiveDate,
    /// When "extended family options considered" was completed.
    #[serde(default)]
    pub extended_family_considered: Option<NaiveDate>,
    /// When the friends and support network option was discussed and agreed.
    #[serde(default)]
    pub friends_option_agreed: Option<NaiveDate>,
}

/// PATH-008: a friend or someone from the support network may be assessed
/// only after the extended family options were considered, and once the
/// friends option was specifically discussed and agreed. Asked when the
/// safety-plan case requests a viability assessment.
pub fn check_viability_request(req: &ViabilityRequest) -> Result<(), PathwayError> {
    if req.relationship.is_extended_family() {
        return Ok(());
    }
    if req
        .extended_family_considered
        .is_none_or(|d| d > req.requested)
    {
        return Err(PathwayError::ExtendedFamilyNotConsidered);
    }
    if req.friends_option_agreed.is_none_or(|d| d > req.requested) {
        return Err(PathwayError::FriendsOptionNotAgreed);
    }
    Ok(())
}

/// A child living with someone other than a parent, by private arrangement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivingArrangement {
    pub relationship: Relationship,
    pub start: NaiveDate,
    /// How long it is meant to last, in days, where recorded.
    #[serde(default)]
    pub intended_days: Option<u32>,
    pub child_born: NaiveDate,
    pub child_disabled: bool,
    /// The Child in Need case it is recorded in, if any.
    #[serde(default)]
    pub cin_case: Option<String>,
}

/// What the private fostering test concluded (PATH-010).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrangementClass {
    /// A close relative: an informal family arrangement (PATH-009).
    InformalFamilyArrangement,
    PrivateFostering,
    /// Not (yet) private fostering: under 28 days and not intended to last
    /// longer, or outside the age test.
    NotPrivateFostering,
}

/// The note shown where the policy's age wording would give another answer.
pub const POLICY_WORDING_DIFFERS: &str = "policy wording differs (OQ-05)";

/// The private fostering test's answer for a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PrivateFosteringStatus {
    pub class: ArrangementClass,
    /// The day the arrangement became private fostering.
    pub classed_from: Option<NaiveDate>,
    /// A FOST-036 assessment task is due.
    pub assessment_task: bool,
    pub note: Option<&'static str>,
}

/// The number of days that makes an arrangement private fostering.
pub const PRIVATE_FOSTERING_DAYS: u32 = 28;

/// PATH-010 (and OQ-28, OQ-31): the private fostering test, applied first.
/// A child under 16 (under 18 if disabled) living with someone who is not a
/// close relative is privately fostered from day 1 when the arrangement is
/// meant to last 28 days or more, otherwise from day 28. A close relative's
/// care is an informal family arrangement. Where the policy's "aged 16 or
/// under" would answer differently, the note says so. An order-exit case
/// asks it of a private arrangement with someone who is not a close
/// relative; private fostering notifications (WF-PF) arrive with issue 20.
pub fn private_fostering_status(a: &LivingArrangement, on: NaiveDate) -> PrivateFosteringStatus {
    if a.relationship.is_close_relative() {
        return PrivateFosteringStatus {
            class: ArrangementClass::InformalFamilyArrangement,
            classed_from: None,
            assessment_task: false,
            note: None,
        };
    }
    let age = age_on(a.child_born, a.start);
    let statutory = age < 16 || (a.child_disabled && age < 18);
    let policy = age <= 16 || (a.child_disabled && age < 18);
    let from = if a.intended_days.is_some_and(|d| d >= PRIVATE_FOSTERING_DAYS) {
        a.start
    } else {
        calendar::add_days(a.start, PRIVATE_FOSTERING_DAYS)
    };
    let long_enough = on >= from;
    let note = (statutory != policy && long_enough).then_some(POLICY_WORDING_DIFFERS);
    if statutory && long_enough {
        PrivateFosteringStatus {
            class: ArrangementClass::PrivateFostering,
            classed_from: Some(from),
            assessment_task: true,
            note,
        }
    } else {
        PrivateFosteringStatus {
            class: ArrangementClass::NotPrivateFostering,
            classed_from: None,
            assessment_task: false,
            note,
        }
    }
}

/// What recording an informal family arrangement produces: an entry on the
/// Child in Need plan, nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CinPlanEntry {
    pub cin_case: String,
    pub relationship: Relationship,
    pub from: NaiveDate,
    /// Always "not looked after": no episode or Permanence Plan is opened.
    pub looked_after: LookedAfterEffect,
}

/// PATH-009: an informal family arrangement with a close relative is recorded
/// only inside a Child in Need case, and never opens a looked-after episode
/// or a Permanence Plan.
pub fn record_informal_arrangement(a: &LivingArrangement) -> Result<CinPlanEntry, PathwayError> {
    if !a.relationship.is_close_relative() {
        return Err(PathwayError::NotCloseRelative);
    }
    let cin_case = a
        .cin_case
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .ok_or(PathwayError::InformalArrangementOutsideCin)?;
    Ok(CinPlanEntry {
        cin_case: cin_case.to_owned(),
        relationship: a.relationship,
        from: a.start,
        looked_after: Pathway::InformalArrangement.looked_after_effect(),
    })
}

mod cao_sgo_support;
pub use cao_sgo_support::*;
mod fostering_adoption_reviews;
pub use fostering_adoption_reviews::*;

#[cfg(test)]
mod tests;
