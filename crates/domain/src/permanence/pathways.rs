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

// ---------------------------------------------------------------------------
// CAO and SGO support (PATH-011, PATH-013, PATH-015)

/// A task raised on a family's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    pub kind: &'static str,
    pub created: NaiveDate,
}

/// The task a court's request for a private-law CAO report creates.
pub const COURT_REPORT_PRIVATE_LAW_CAO: &str = "court report – private law CAO";

/// PATH-011: a court's request for a report in a private-law CAO application
/// creates a task on the family record when the family is known to the
/// council; nothing else (no looked-after episode) follows. Logged on a
/// household's page (`Household::log_cao_report_request`).
pub fn private_law_cao_report_task(received: NaiveDate, family_known: bool) -> Option<Task> {
    family_known.then_some(Task {
        kind: COURT_REPORT_PRIVATE_LAW_CAO,
        created: received,
    })
}

/// Why a Child Arrangement Order Allowance may be paid (PATH-013).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllowanceBasis {
    /// The order was made because the child might otherwise be looked after.
    MightOtherwiseBeLookedAfter,
    ExistingFosterCarers,
}

/// Where an allowance request goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AllowanceRoute {
    /// Accepted for assessment and means test (KIN-016).
    Assessment,
    /// Neither basis: an exception needing a manager's decision.
    ManagerException,
}

/// PATH-013: routes a CAO allowance request by its basis.
pub fn route_cao_allowance(basis: Option<AllowanceBasis>) -> AllowanceRoute {
    match basis {
        Some(_) => AllowanceRoute::Assessment,
        None => AllowanceRoute::ManagerException,
    }
}

/// Who asked for an SGO support assessment (PATH-015).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requester {
    Parent,
    Child,
    SpecialGuardian,
    ProspectiveSpecialGuardian,
    /// Someone the LA considers to have a significant and ongoing
    /// relationship with the child.
    SignificantRelationship,
    Other,
}

/// Whether the LA must assess (PATH-015, OQ-08).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RequestType {
    Mandatory,
    Discretionary,
}

/// A request for an SGO support assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SgoSupportRequest {
    pub received: NaiveDate,
    pub requester: Requester,
    /// Made before the order.
    pub pre_order: bool,
    pub child_previously_looked_after: bool,
}

impl SgoSupportRequest {
    /// Mandatory where the child was previously looked after and the special
    /// guardian, the child or a parent asks; or, before the order, where a
    /// parent, the child or a (prospective) special guardian asks. Otherwise
    /// discretionary.
    pub fn request_type(&self) -> RequestType {
        use Requester::*;
        let after_care = self.child_previously_looked_after
            && matches!(self.requester, SpecialGuardian | Child | Parent);
        let before_order = self.pre_order
            && matches!(
                self.requester,
                Parent | Child | SpecialGuardian | ProspectiveSpecialGuardian
            );
        if after_care || before_order {
            RequestType::Mandatory
        } else {
            RequestType::Discretionary
        }
    }
}

/// PATH-015: declining a request. A mandatory one cannot be declined; a
/// discretionary one needs reasons.
pub fn decline_sgo_support_request(
    req: &SgoSupportRequest,
    reasons: &str,
) -> Result<(), PathwayError> {
    match req.request_type() {
        RequestType::Mandatory => Err(PathwayError::MandatoryRequestDeclined),
        RequestType::Discretionary if reasons.trim().is_empty() => {
            Err(PathwayError::DecisionWithoutReasons)
        }
        RequestType::Discretionary => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// Long-term fostering (PATH-016 to PATH-020)

/// Whether a foster placement is permanent (PATH-016).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacementTerm {
    ShortTerm,
    PermanentLongTerm,
}

/// A foster placement's permanence fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FosterPlacement {
    pub child_id: ChildId,
    pub carer: String,
    pub started: NaiveDate,
    /// When the Permanence Panel match was confirmed (PANEL-006).
    #[serde(default)]
    pub ltf_confirmed: Option<NaiveDate>,
    #[serde(default)]
    pub ended: Option<NaiveDate>,
}

/// How long a short-term arrangement runs before it joins the FOST-031 list.
pub const SHORT_TERM_FLAG_YEARS: u32 = 2;

impl FosterPlacement {
    /// PATH-016: permanent only once the match is confirmed, however long it
    /// has lasted.
    pub fn term_on(&self, on: NaiveDate) -> PlacementTerm {
        match self.ltf_confirmed {
            Some(c) if c <= on => PlacementTerm::PermanentLongTerm,
            _ => PlacementTerm::ShortTerm,
        }
    }

    /// On the FOST-031 list: short-term and running for more than 2 years,
    /// so from the day after its second anniversary. The tracking list's
    /// drift reason (h) asks it of each child's current foster placement.
    pub fn short_term_over_two_years(&self, on: NaiveDate) -> bool {
        self.ended.is_none_or(|e| e > on)
            && self.term_on(on) == PlacementTerm::ShortTerm
            && self.flagged_from() <= on
    }

    /// The first day the placement has lasted more than 2 years.
    pub fn flagged_from(&self) -> NaiveDate {
        calendar::add_days(
            calendar::add_months(self.started, SHORT_TERM_FLAG_YEARS * 12),
            1,
        )
    }
}

/// The Permanence Panel referral confirming a match of `child` with `carer`:
/// "match agreed" with the ADM agreeing at the meeting or confirming after.
pub fn confirmed_match<'a>(
    referrals: &'a [Referral],
    child_id: &ChildId,
    carer: &str,
) -> Option<&'a Referral> {
    referrals.iter().find(|r| {
        r.item == ItemType::Match
            && r.child_id == *child_id
            && r.carer
                .as_deref()
                .is_some_and(|c| c.trim().eq_ignore_ascii_case(carer.trim()))
            && r.outcome == Some(Outcome::MatchAgreed)
            && (r.adm_agreed_at_meeting || r.adm_decision.as_ref().is_some_and(|d| d.agreed))
    })
}

/// PATH-018: a placement is set to "permanent foster care" only for a child
/// and carer whose match the Permanence Panel agreed and the ADM confirmed.
pub fn check_permanent_placement_type(
    referrals: &[Referral],
    child_id: &ChildId,
    carer: &str,
) -> Result<(), PathwayError> {
    confirmed_match(referrals, child_id, carer)
        .map(|_| ())
        .ok_or(PathwayError::NoPanelMatch)
}

/// The factors an LTF suitability assessment answers from the May 2020
/// amendment (PATH-017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LtfFactor {
    ParentsFutureInvolvement,
    ChildsNeeds,
    CarerCapacityNowAndFuture,
    CarerSupportNeeds,
    Training,
    Experience,
    HouseholdNeeds,
    HistoryOfConcerns,
}

impl LtfFactor {
    pub const ALL: [LtfFactor; 8] = [
        LtfFactor::ParentsFutureInvolvement,
        LtfFactor::ChildsNeeds,
        LtfFactor::CarerCapacityNowAndFuture,
        LtfFactor::CarerSupportNeeds,
        LtfFactor::Training,
        LtfFactor::Experience,
        LtfFactor::HouseholdNeeds,
        LtfFactor::HistoryOfConcerns,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LtfFactor::ParentsFutureInvolvement => "parents' future involvement",
            LtfFactor::ChildsNeeds => "child's individual needs",
            LtfFactor::CarerCapacityNowAndFuture => "carer can meet the needs now and in future",
            LtfFactor::CarerSupportNeeds => "carer's support needs",
            LtfFactor::Training => "training",
            LtfFactor::Experience => "experience of meeting children's needs",
            LtfFactor::HouseholdNeeds => "needs of others in the household",
            LtfFactor::HistoryOfConcerns => "history of concerns",
        }
    }
}

/// One factor's entry in the assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorAnswer {
    pub factor: LtfFactor,
    pub answer: String,
}

/// An LTF suitability assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LtfAssessment {
    pub dated: NaiveDate,
    /// The clear assessment of the child's needs it rests on.
    #[serde(default)]
    pub clear_assessment: Option<String>,
    #[serde(default)]
    pub answers: Vec<FactorAnswer>,
}

impl LtfAssessment {
    /// The factors this assessment must answer under the version of the
    /// Permanence Policy in force on its date (DATA-001, CONV-001): none
    /// before the May 2020 amendment (in force from 1 May 2020, OQ-14).
    pub fn required_factors(&self) -> &'static [LtfFactor] {
        if policy_in_force(self.dated).is_some_and(|v| v.ltf_suitability_factors) {
            &LtfFactor::ALL
        } else {
            &[]
        }
    }

    /// What is missing, as labels.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self
            .clear_assessment
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
        {
            missing.push("clear assessment of the child's needs");
        }
        for f in self.required_factors() {
            let answered = self
                .answers
                .iter()
                .any(|a| a.factor == *f && !a.answer.trim().is_empty());
            if !answered {
                missing.push(f.label());
            }
        }
        missing
    }
}

/// PATH-017: an LTF suitability item can be referred to the panel only with
/// the assessment complete for its rule version.
pub fn check_ltf_referral(assessment: &LtfAssessment) -> Result<(), PathwayError> {
    let missing = assessment.missing();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(PathwayError::LtfAssessmentIncomplete(missing))
    }
}

/// PATH-017: long-term fostering may be the confirmed plan only with a
/// complete assessment and the panel's finding that LTF can meet the child's
/// needs.
pub fn check_ltf_permissible(
    assessment: &LtfAssessment,
    finding: Option<Outcome>,
) -> Result<(), PathwayError> {
    check_ltf_referral(assessment)?;
    if finding == Some(Outcome::LtfSuitable) {
        Ok(())
    } else {
        Err(PathwayError::LtfNotFoundSuitable)
    }
}

/// Where family finding goes once LTF is ratified (PATH-019).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FamilyFindingRoute {
    /// No placement, or placed under two years: a Pack F task to the
    /// Permanence Team.
    PackF { task_created: NaiveDate },
    /// The current carers of two years or more: straight to a match referral
    /// (PANEL-009).
    MatchReferral { created: NaiveDate },
}

/// How long a child must have been placed for family finding to be skipped.
pub const PLACED_LONG_ENOUGH_YEARS: u32 = 2;

/// PATH-019: the route when an LTF plan is ratified on `ratified`, with the
/// current placement's start date if the child is placed.
pub fn family_finding_route(
    ratified: NaiveDate,
    placed_since: Option<NaiveDate>,
) -> FamilyFindingRoute {
    match placed_since {
        Some(since) if calendar::add_months(since, PLACED_LONG_ENOUGH_YEARS * 12) <= ratified => {
            FamilyFindingRoute::MatchReferral { created: ratified }
        }
        _ => FamilyFindingRoute::PackF {
            task_created: ratified,
        },
    }
}

impl FamilyFindingRoute {
    /// The Permanence Panel referral this route creates now, if any.
    pub fn referral(&self, child_id: &ChildId) -> Option<Referral> {
        match *self {
            FamilyFindingRoute::MatchReferral { created } => Some(Referral::new(
                child_id.clone(),
                ItemType::Match,
                "ltf_current_carer",
                created,
                None,
            )),
            FamilyFindingRoute::PackF { .. } => None,
        }
    }
}

/// Whose carers a family-finding search looked at (PATH-019).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CarerSource {
    CountyCouncil,
    OtherProvider,
}

/// One search in the family-finding log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Search {
    pub on: NaiveDate,
    pub source: CarerSource,
}

/// PATH-019: County Council carers are searched before another provider's.
pub fn check_search_order(log: &[Search]) -> Result<(), PathwayError> {
    let first_in_house = log
        .iter()
        .filter(|s| s.source == CarerSource::CountyCouncil)
        .map(|s| s.on)
        .min();
    let first_other = log
        .iter()
        .filter(|s| s.source == CarerSource::OtherProvider)
        .map(|s| s.on)
        .min();
    match (first_in_house, first_other) {
        (_, None) => Ok(()),
        (Some(a), Some(b)) if a <= b => Ok(()),
        _ => Err(PathwayError::SearchOrder),
    }
}

/// A carer household's approval and review fields (section 11,
/// CarerHousehold).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarerHousehold {
    pub carer: String,
    pub approved: NaiveDate,
    /// The approval ended (resignation, termination).
    #[serde(default)]
    pub approval_ended: Option<NaiveDate>,
    #[serde(default)]
    pub last_annual_review: Option<NaiveDate>,
    /// The allocated supervising social worker (ROLE-003).
    #[serde(default)]
    pub ssw: Option<String>,
    /// Placed through a commissioned provider (ROLE-009).
    #[serde(default)]
    pub commissioned_provider: Option<String>,
    /// The provider's last annual review of the service (ROLE-009).
    #[serde(default)]
    pub last_service_review: Option<NaiveDate>,
    #[serde(default)]
    pub core_training_completed: Option<NaiveDate>,
}

impl CarerHousehold {
    /// The approval is current on a date.
    pub fn approved_on(&self, on: NaiveDate) -> bool {
        self.approved <= on && self.approval_ended.is_none_or(|e| on < e)
    }

    /// The next annual review: 12 months after the last one, or after approval.
    pub fn annual_review_due(&self) -> NaiveDate {
        calendar::add_months(self.last_annual_review.unwrap_or(self.approved), 12)
    }
}

/// PATH-020: a permanent match may be listed only for a carer whose approval
/// is current and whose annual review is in date on `on`.
///
/// Listing a match whose carers are named by a household's reference calls
/// it with the household's approval and last annual review.
pub fn check_carer_for_match(carer: &CarerHousehold, on: NaiveDate) -> Result<(), PathwayError> {
    if !carer.approved_on(on) {
        return Err(PathwayError::CarerNotApproved);
    }
    let due = carer.annual_review_due();
    if due < on {
        return Err(PathwayError::CarerAnnualReviewOverdue { due });
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Adoption (PATH-023 to PATH-027)

/// A stage of the adoption plan with its own timescale (PATH-023).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdoptionStage {
    BestInterestDecision,
    FamilyFinding,
    Match,
    Placement,
    AdoptionOrderApplication,
}

impl AdoptionStage {
    pub const ALL: [AdoptionStage; 5] = [
        AdoptionStage::BestInterestDecision,
        AdoptionStage::FamilyFinding,
        AdoptionStage::Match,
        AdoptionStage::Placement,
        AdoptionStage::AdoptionOrderApplication,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AdoptionStage::BestInterestDecision => "BID",
            AdoptionStage::FamilyFinding => "family finding",
            AdoptionStage::Match => "match",
            AdoptionStage::Placement => "placement",
            AdoptionStage::AdoptionOrderApplication => "Adoption Order application",
        }
    }
}

/// One stage of an adoption plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionPlanStage {
    pub stage: AdoptionStage,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: Option<NaiveDate>,
}

/// The best interest decision is due two months after adoption is agreed as
/// the plan (ADOPT-009).
pub const BID_WITHIN: Period = Period::Months(2);

/// PATH-023: the stages of a new adoption plan agreed on `agreed`, with the
/// BID due date set; the others are for the worker to date.
pub fn new_adoption_plan(agreed: NaiveDate) -> Vec<AdoptionPlanStage> {
    AdoptionStage::ALL
        .into_iter()
        .map(|stage| AdoptionPlanStage {
            stage,
            due: (stage == AdoptionStage::BestInterestDecision).then(|| BID_WITHIN.after(agreed)),
            done: None,
        })
        .collect()
}

/// PATH-023: an adoption plan is saved only with a due date on every open
/// stage.
pub fn validate_adoption_plan(stages: &[AdoptionPlanStage]) -> Result<(), PathwayError> {
    let undated: Vec<_> = AdoptionStage::ALL
        .into_iter()
        .filter(|s| {
            let entry = stages.iter().find(|e| e.stage == *s);
            entry.is_none_or(|e| e.done.is_none() && e.due.is_none())
        })
        .map(|s| s.label())
        .collect();
    if undated.is_empty() {
        Ok(())
    } else {
        Err(PathwayError::StagesWithoutDueDate(undated))
    }
}

/// What the child is given before an adoptive placement (PATH-024).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionReadiness {
    #[serde(default)]
    pub written_information_given: Option<NaiveDate>,
    #[serde(default)]
    pub life_story_work_for_transition: Option<NaiveDate>,
}

/// PATH-024: the placement-readiness checklist's failures for a placement
/// planned on `placement`.
///
/// Recording an adoptive placement is refused with these.
pub fn placement_readiness_gaps(r: &AdoptionReadiness, placement: NaiveDate) -> Vec<&'static str> {
    let mut gaps = Vec::new();
    if r.written_information_given.is_none_or(|d| d > placement) {
        gaps.push("written adoption information given to child");
    }
    if r.life_story_work_for_transition
        .is_none_or(|d| d > placement)
    {
        gaps.push("life story work for transition");
    }
    gaps
}

/// The birth parents' own social worker, as allocated on the adoption plan
/// (PATH-025): the offer, their response and the worker with their team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthParentWorker {
    pub offered: NaiveDate,
    /// The birth parents' response to the offer (free text).
    pub response: String,
    pub worker: String,
    pub team: String,
}

/// PATH-025: the birth parents' worker must not come from the team planning
/// for the child. The adoption plan's "birth parents' worker" form asks it.
pub fn check_birth_parent_worker(planning_team: &str, worker: &Worker) -> Result<(), PathwayError> {
    if worker
        .team
        .trim()
        .eq_ignore_ascii_case(planning_team.trim())
    {
        Err(PathwayError::BirthParentWorkerNotIndependent)
    } else {
        Ok(())
    }
}

/// The information given to prospective adopters, by date (PATH-026).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureChecklist {
    #[serde(default)]
    pub social: Option<NaiveDate>,
    #[serde(default)]
    pub medical: Option<NaiveDate>,
    #[serde(default)]
    pub legal: Option<NaiveDate>,
}

/// PATH-026: a match is listed for the Adoption Panel only when social,
/// medical and legal information were given, on or before `listing`. The
/// information-sharing log answers it from what it holds for prospective
/// adopters; listing on the Adoption Panel arrives with issue 19.
pub fn check_disclosure(c: &DisclosureChecklist, listing: NaiveDate) -> Result<(), PathwayError> {
    let missing: Vec<_> = [
        ("social information provided", c.social),
        ("medical information provided", c.medical),
        ("legal information provided", c.legal),
    ]
    .into_iter()
    .filter(|(_, d)| d.is_none_or(|d| d > listing))
    .map(|(label, _)| label)
    .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(PathwayError::DisclosureIncomplete(missing))
    }
}

/// An adoption financial-support case: the two steps in order (PATH-027).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancialSupportCase {
    pub opened: NaiveDate,
    /// The judgement whether the adopters could meet the child's needs.
    #[serde(default)]
    pub needs_judgement: Option<(bool, NaiveDate)>,
    /// When the means assessment of the adopters' finances started.
    #[serde(default)]
    pub means_assessment_started: Option<NaiveDate>,
}

/// PATH-027: the means assessment starts only after a judgement that the
/// adopters could meet the child's needs.
pub fn check_means_assessment_start(
    case: &FinancialSupportCase,
    on: NaiveDate,
) -> Result<(), PathwayError> {
    match case.needs_judgement {
        Some((true, d)) if d <= on => Ok(()),
        Some((false, d)) if d <= on => Err(PathwayError::AdoptersCannotMeetNeeds),
        _ => Err(PathwayError::NeedsJudgementMissing),
    }
}

// ---------------------------------------------------------------------------
// Reviews: residential step-down and Staying Put (PATH-028, PATH-029)

/// Whether Staying Put is intended (PATH-029).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StayingPutIntention {
    Intended,
    NotIntended,
    Undecided,
}

/// What a review being finalised records about the pathway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewPathwayFacts {
    pub held: NaiveDate,
    pub child_born: NaiveDate,
    /// The child is placed in a children's home.
    pub residential: bool,
    /// "step-down to family-based care considered" entry.
    pub step_down_considered: bool,
    /// The child is in long-term or permanent foster care.
    pub long_term_foster_care: bool,
    pub staying_put: Option<StayingPutIntention>,
}

/// The age from which the plan records a Staying Put intention.
pub const STAYING_PUT_FROM_AGE: u32 = 16;

/// PATH-028 and PATH-029: what stops a review being finalised.
///
/// The IRO's record of the review (its monitoring) is refused with these.
pub fn review_finalisation_gaps(r: &ReviewPathwayFacts) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if r.residential && !r.step_down_considered {
        gaps.push(Gap::block(
            "PATH-028",
            "step_down",
            "step-down to family-based care considered: entry required",
        ));
    }
    if r.long_term_foster_care
        && age_on(r.child_born, r.held) >= STAYING_PUT_FROM_AGE
        && r.staying_put.is_none()
    {
        gaps.push(Gap::block(
            "PATH-029",
            "staying_put",
            "Staying Put intention required from age 16",
        ));
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::plan::ParallelPlan;
    use crate::permanence::referrals::AdmDecision;
    use crate::permanence::workflow::{RETURN_HOME, SAFETY_PLAN};
    use crate::roles::Role::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn party(person: &str, role: PartyRole) -> OrderParty {
        OrderParty {
            person: person.into(),
            role,
            court_gives_pr: false,
        }
    }

    fn holder(person: &str, basis: PrBasis, from: &str) -> PrHolder {
        PrHolder {
            person: person.into(),
            basis,
            from: d(from),
            to: None,
            exclusive: false,
        }
    }

    fn sgo_plan() -> PermanencePlan {
        let mut plan = PermanencePlan::draft("c1".parse().unwrap(), d("2025-01-06"), "sw1");
        plan.lifecycle = Lifecycle::Ratified;
        plan.pathway = Some(Pathway::SpecialGuardianshipOrder);
        plan
    }

    #[test]
    fn path_001_an_sgo_ends_the_episode_and_achieves_the_plan() {
        let order = Order {
            kind: PermanenceOrder::SpecialGuardianshipOrder,
            made: d("2025-11-14"),
            parties: vec![party("aunt", PartyRole::SpecialGuardian)],
        };
        let done = record_order(&sgo_plan(), &order).unwrap();
        assert_eq!(done.episode_end.ended, d("2025-11-14"));
        assert_eq!(done.episode_end.reason.label(), "SGO");
        assert_eq!(done.lifecycle, Lifecycle::Achieved);
        assert_eq!(done.lifecycle.label(), "Achieved");
        assert_eq!(done.achieved_on, d("2025-11-14"));
        assert!(done.matches_plan);
    }

    #[test]
    fn path_001_an_order_outside_the_plan_is_flagged_and_a_closed_plan_refuses() {
        let mut plan = sgo_plan();
        plan.pathway = Some(Pathway::LongTermFostering);
        let cao = Order {
            kind: PermanenceOrder::ChildArrangementsOrder,
            made: d("2025-11-14"),
            parties: vec![party("gran", PartyRole::LivesWith)],
        };
        let done = record_order(&plan, &cao).unwrap();
        assert_eq!(done.episode_end.reason, EpisodeEndReason::Cao);
        assert!(!done.matches_plan);
        plan.parallel = Some(ParallelPlan {
            pathway: Pathway::ChildArrangementsOrder,
            decision_date: d("2025-12-01"),
            decided: None,
        });
        assert!(record_order(&plan, &cao).unwrap().matches_plan);

        plan.lifecycle = Lifecycle::Achieved;
        assert_eq!(
            record_order(&plan, &cao).unwrap_err(),
            PathwayError::PlanClosed("Achieved")
        );
        let empty = Order {
            parties: vec![party("dad", PartyRole::SpendsTimeWith)],
            ..cao
        };
        assert_eq!(
            record_order(&sgo_plan(), &empty).unwrap_err().to_string(),
            "a Child Arrangements Order must name at least one person the child lives with"
        );
    }

    #[test]
    fn path_001_catalogue_orders_all_end_the_episode() {
        for kind in [
            PermanenceOrder::ChildArrangementsOrder,
            PermanenceOrder::SpecialGuardianshipOrder,
            PermanenceOrder::ResidenceOrder,
            PermanenceOrder::AdoptionOrder,
        ] {
            assert_eq!(
                kind.pathway().looked_after_effect(),
                LookedAfterEffect::EpisodeEnds,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn path_002_accommodation_needs_preservation_support_evidenced() {
        let mut req = AccommodationRequest {
            proposed: d("2025-04-14"),
            preservation_support: Vec::new(),
        };
        let err = check_accommodation_request(&req).unwrap_err();
        assert_eq!(err.to_string(), "preservation support not evidenced");
        req.preservation_support.push(PreservationSupport {
            offered: d("2025-04-20"),
            description: "short breaks".into(),
        });
        assert!(check_accommodation_request(&req).is_err(), "offered after");
        req.preservation_support[0].offered = d("2025-03-03");
        assert!(check_accommodation_request(&req).is_ok());
    }

    #[test]
    fn path_003_proceedings_avoided_closes_the_pre_proceedings_record() {
        let mut plan = SafetyPlan {
            pre_proceedings_ref: "pp1".into(),
            started: d("2025-02-03"),
            monitoring: vec![d("2025-03-03")],
            outcome: None,
        };
        let result = record_safety_plan_outcome(
            &mut plan,
            SafetyPlanOutcome::ProceedingsAvoided,
            d("2025-06-02"),
        )
        .unwrap();
        assert_eq!(
            result,
            SafetyPlanResult::Closed {
                outcome: SafetyPlanOutcome::ProceedingsAvoided,
                on: d("2025-06-02")
            }
        );
        let t = SAFETY_PLAN
            .take(
                "safety_plan",
                SafetyPlanOutcome::ProceedingsAvoided.transition(),
                &[SocialWorker],
            )
            .unwrap();
        assert_eq!(t.to, "closed");
        assert_eq!(
            record_safety_plan_outcome(&mut plan, SafetyPlanOutcome::Escalated, d("2025-06-03")),
            Err(PathwayError::OutcomeAlreadyRecorded)
        );
    }

    #[test]
    fn path_003_escalation_goes_to_proceedings_and_dates_are_checked() {
        let mut plan = SafetyPlan {
            pre_proceedings_ref: "pp1".into(),
            started: d("2025-02-03"),
            monitoring: Vec::new(),
            outcome: None,
        };
        assert_eq!(
            record_safety_plan_outcome(&mut plan, SafetyPlanOutcome::Escalated, d("2025-01-31")),
            Err(PathwayError::OutcomeBeforeStart {
                started: d("2025-02-03")
            })
        );
        let r =
            record_safety_plan_outcome(&mut plan, SafetyPlanOutcome::Escalated, d("2025-04-07"))
                .unwrap();
        assert_eq!(
            r,
            SafetyPlanResult::Escalated {
                on: d("2025-04-07")
            }
        );
        assert_eq!(
            SAFETY_PLAN
                .take(
                    "safety_plan",
                    SafetyPlanOutcome::Escalated.transition(),
                    &[TeamManager]
                )
                .unwrap()
                .to,
            "proceedings"
        );
    }

    #[test]
    fn path_004_proceedings_without_a_safety_meeting_warn_the_cdm() {
        let started = d("2025-02-03");
        let issued = d("2025-04-07");
        assert_eq!(
            proceedings_warnings(started, issued, true, &[]),
            vec!["family network meeting not held"]
        );
        let late = SafetyMeeting {
            held: d("2025-04-10"),
            outcomes: vec![SafetyMeetingOutcome::NoOffer],
        };
        assert_eq!(
            proceedings_warnings(started, issued, true, &[late]).len(),
            1
        );
        let held = SafetyMeeting {
            held: d("2025-03-05"),
            outcomes: vec![SafetyMeetingOutcome::FamilyOfferingCare],
        };
        assert!(held.needs_viability_assessment());
        assert!(proceedings_warnings(started, issued, true, &[held]).is_empty());
        assert!(proceedings_warnings(started, issued, false, &[]).is_empty());
    }

    #[test]
    fn path_005_return_home_needs_a_support_plan_by_the_return_date() {
        let ret = d("2025-09-01");
        assert_eq!(
            check_post_return_support(ret, None),
            Err(PathwayError::PostReturnSupportMissing { return_date: ret })
        );
        let mut s = PostReturnSupport {
            kind: PostReturnSupportKind::ChildInNeedPlan,
            dated: d("2025-09-02"),
            reference: "cin1".into(),
        };
        assert!(check_post_return_support(ret, Some(&s)).is_err());
        s.dated = d("2025-09-01");
        assert!(check_post_return_support(ret, Some(&s)).is_ok());
    }

    #[test]
    fn path_006_disabled_children_route_to_the_disabled_childrens_service() {
        assert_eq!(
            edge_of_care_queue(true),
            EdgeOfCareQueue::DisabledChildrensService
        );
        assert_eq!(edge_of_care_queue(false), EdgeOfCareQueue::General);
    }

    fn s20_return() -> ReturnHomeDecision {
        ReturnHomeDecision {
            legal_status: LegalStatus::SingleAccommodation,
            planned_return: d("2025-09-01"),
            approved: None,
            iro_consulted: None,
            child_wishes_considered: Some(d("2025-08-20")),
            support: Some(PostReturnSupport {
                kind: PostReturnSupportKind::FamilyAndWellbeingReferral,
                dated: d("2025-08-28"),
                reference: "fws1".into(),
            }),
        }
    }

    #[test]
    fn path_007_objective_without_a_target_date_needs_a_timescale() {
        let mut o = ReturnHomeObjective {
            text: "parent completes parenting programme".into(),
            for_whom: ObjectiveFor::Parents,
            target: None,
        };
        assert_eq!(
            validate_return_home_objective(&o).unwrap_err().to_string(),
            "timescale required"
        );
        o.target = Some(d("2025-10-31"));
        assert!(validate_return_home_objective(&o).is_ok());
    }

    #[test]
    fn path_007_section_20_return_needs_approval_and_iro_consultation() {
        let config = ReturnHomeConfig::default();
        let mut r = s20_return();
        assert!(matches!(
            end_episode_on_return(&r, &config),
            Err(PathwayError::ReturnHomeNotApproved(_))
        ));
        r.approved = Some((vec![TeamManager], d("2025-08-29")));
        assert!(
            end_episode_on_return(&r, &config).is_err(),
            "not the nominated officer"
        );
        r.approved = Some((vec![ServiceManager], d("2025-08-29")));
        assert_eq!(
            end_episode_on_return(&r, &config),
            Err(PathwayError::ReturnHomeNotApproved("IRO consultation"))
        );
        r.iro_consulted = Some(d("2025-08-27"));
        assert_eq!(
            end_episode_on_return(&r, &config).unwrap(),
            EpisodeEnding {
                ended: d("2025-09-01"),
                reason: EpisodeEndReason::ReturnHome
            }
        );
        // The default nominated officer is the role allowed to approve in
        // WF-RETURN-HOME.
        assert!(
            RETURN_HOME
                .take("approval", "approve", &[config.nominated_officer])
                .is_ok()
        );
        r.legal_status = LegalStatus::FullCareOrder;
        assert_eq!(
            end_episode_on_return(&r, &config),
            Err(PathwayError::CareOrderNotDischarged)
        );
    }

    #[test]
    fn path_008_a_family_friend_waits_for_extended_family_options() {
        let mut req = ViabilityRequest {
            relationship: Relationship::FamilyFriend,
            requested: d("2025-04-10"),
            extended_family_considered: None,
            friends_option_agreed: None,
        };
        assert_eq!(
            check_viability_request(&req).unwrap_err().to_string(),
            "extended family options considered must be completed first"
        );
        req.extended_family_considered = Some(d("2025-04-01"));
        assert_eq!(
            check_viability_request(&req),
            Err(PathwayError::FriendsOptionNotAgreed)
        );
        req.friends_option_agreed = Some(d("2025-04-08"));
        assert!(check_viability_request(&req).is_ok());
        let gran = ViabilityRequest {
            relationship: Relationship::Grandparent,
            extended_family_considered: None,
            friends_option_agreed: None,
            ..req
        };
        assert!(check_viability_request(&gran).is_ok());
    }

    fn arrangement(rel: Relationship, born: &str) -> LivingArrangement {
        LivingArrangement {
            relationship: rel,
            start: d("2025-06-02"),
            intended_days: None,
            child_born: d(born),
            child_disabled: false,
            cin_case: None,
        }
    }

    #[test]
    fn path_009_informal_arrangement_lives_only_on_the_cin_plan() {
        let mut aunt = arrangement(Relationship::AuntOrUncle, "2015-03-01");
        aunt.start = d("2025-05-01");
        assert_eq!(
            record_informal_arrangement(&aunt),
            Err(PathwayError::InformalArrangementOutsideCin)
        );
        aunt.cin_case = Some("cin-42".into());
        let entry = record_informal_arrangement(&aunt).unwrap();
        assert_eq!(entry.cin_case, "cin-42");
        assert_eq!(entry.looked_after, LookedAfterEffect::NotLookedAfter);
        assert_eq!(
            private_fostering_status(&aunt, d("2025-07-01")).class,
            ArrangementClass::InformalFamilyArrangement
        );
        let mut friend = arrangement(Relationship::FamilyFriend, "2015-03-01");
        friend.cin_case = Some("cin-42".into());
        assert_eq!(
            record_informal_arrangement(&friend),
            Err(PathwayError::NotCloseRelative)
        );
    }

    #[test]
    fn path_010_a_fifteen_year_old_with_a_friend_is_privately_fostered_on_day_28() {
        // Born 2010-01-10: 15 on 2025-06-02.
        let a = arrangement(Relationship::FamilyFriend, "2010-01-10");
        let before = private_fostering_status(&a, d("2025-06-29"));
        assert_eq!(before.class, ArrangementClass::NotPrivateFostering);
        assert!(!before.assessment_task);
        let on = private_fostering_status(&a, d("2025-06-30"));
        assert_eq!(on.class, ArrangementClass::PrivateFostering);
        assert_eq!(on.classed_from, Some(d("2025-06-30")));
        assert!(on.assessment_task);
        assert_eq!(on.note, None);
    }

    #[test]
    fn path_010_a_sixteen_year_old_is_not_but_the_policy_wording_is_flagged() {
        let a = arrangement(Relationship::FamilyFriend, "2009-01-10");
        let s = private_fostering_status(&a, d("2025-06-30"));
        assert_eq!(s.class, ArrangementClass::NotPrivateFostering);
        assert!(!s.assessment_task);
        assert_eq!(s.note, Some("policy wording differs (OQ-05)"));
        // Disabled: under 18 counts.
        let disabled = LivingArrangement {
            child_disabled: true,
            ..a
        };
        assert_eq!(
            private_fostering_status(&disabled, d("2025-06-30")).class,
            ArrangementClass::PrivateFostering
        );
    }

    #[test]
    fn path_010_intended_to_last_28_days_is_private_fostering_from_day_one() {
        let mut a = arrangement(Relationship::FamilyFriend, "2012-01-10");
        a.intended_days = Some(60);
        let s = private_fostering_status(&a, d("2025-06-02"));
        assert_eq!(s.class, ArrangementClass::PrivateFostering);
        assert_eq!(s.classed_from, Some(d("2025-06-02")));
    }

    #[test]
    fn path_011_private_law_cao_report_for_a_known_family() {
        let task = private_law_cao_report_task(d("2025-05-06"), true).unwrap();
        assert_eq!(task.kind, "court report – private law CAO");
        assert_eq!(task.created, d("2025-05-06"));
        assert!(private_law_cao_report_task(d("2025-05-06"), false).is_none());
    }

    #[test]
    fn path_012_cao_gives_pr_to_lives_with_only_and_ends_the_las() {
        let before = vec![
            holder("mother", PrBasis::Parent, "2015-01-01"),
            holder("father", PrBasis::Parent, "2015-01-01"),
            holder("LA", PrBasis::LocalAuthority, "2024-03-01"),
        ];
        let order = Order {
            kind: PermanenceOrder::ChildArrangementsOrder,
            made: d("2025-11-14"),
            parties: vec![
                party("grandmother", PartyRole::LivesWith),
                party("father", PartyRole::SpendsTimeWith),
                party("uncle", PartyRole::SpendsTimeWith),
            ],
        };
        let after = pr_after_order(&before, &order).unwrap();
        let day = d("2025-11-14");
        let mut holders: Vec<_> = after
            .iter()
            .filter(|h| h.current_on(day))
            .map(|h| h.person.as_str())
            .collect();
        holders.sort();
        assert_eq!(holders, ["father", "grandmother", "mother"]);
        let la = after.iter().find(|h| h.person == "LA").unwrap();
        assert_eq!(la.to, Some(day));
        assert!(!after.iter().any(|h| h.person == "uncle"));
        // The court may give PR to someone named for time.
        let mut with_pr = order.clone();
        with_pr.parties[2].court_gives_pr = true;
        let after = pr_after_order(&before, &with_pr).unwrap();
        assert!(
            after
                .iter()
                .any(|h| h.person == "uncle" && h.basis == PrBasis::CourtProvision)
        );
        // The order ends the episode too (PATH-001).
        let mut plan = sgo_plan();
        plan.pathway = Some(Pathway::ChildArrangementsOrder);
        assert_eq!(record_order(&plan, &order).unwrap().episode_end.ended, day);
    }

    #[test]
    fn path_013_existing_foster_carers_are_assessed_otherwise_an_exception() {
        assert_eq!(
            route_cao_allowance(Some(AllowanceBasis::ExistingFosterCarers)),
            AllowanceRoute::Assessment
        );
        assert_eq!(route_cao_allowance(None), AllowanceRoute::ManagerException);
    }

    #[test]
    fn path_014_special_guardian_may_exercise_pr_exclusively() {
        let before = vec![
            holder("mother", PrBasis::Parent, "2015-01-01"),
            holder("LA", PrBasis::LocalAuthority, "2024-03-01"),
        ];
        let order = Order {
            kind: PermanenceOrder::SpecialGuardianshipOrder,
            made: d("2025-11-14"),
            parties: vec![party("maternal aunt", PartyRole::SpecialGuardian)],
        };
        let after = pr_after_order(&before, &order).unwrap();
        let aunt = after.iter().find(|h| h.person == "maternal aunt").unwrap();
        assert!(aunt.exclusive);
        assert_eq!(aunt.from, d("2025-11-14"));
        assert!(
            after
                .iter()
                .find(|h| h.person == "mother")
                .unwrap()
                .to
                .is_none()
        );
        assert_eq!(
            after.iter().find(|h| h.person == "LA").unwrap().to,
            Some(d("2025-11-14"))
        );
        let no_guardian = Order {
            parties: Vec::new(),
            ..order
        };
        assert!(matches!(
            pr_after_order(&before, &no_guardian),
            Err(PathwayError::OrderWithoutParty { .. })
        ));
    }

    #[test]
    fn path_015_previously_looked_after_child_makes_the_request_mandatory() {
        let sg = SgoSupportRequest {
            received: d("2025-12-01"),
            requester: Requester::SpecialGuardian,
            pre_order: false,
            child_previously_looked_after: true,
        };
        assert_eq!(sg.request_type(), RequestType::Mandatory);
        assert_eq!(
            decline_sgo_support_request(&sg, "no need"),
            Err(PathwayError::MandatoryRequestDeclined)
        );
        let neighbour = SgoSupportRequest {
            requester: Requester::Other,
            ..sg.clone()
        };
        assert_eq!(neighbour.request_type(), RequestType::Discretionary);
        assert_eq!(
            decline_sgo_support_request(&neighbour, " "),
            Err(PathwayError::DecisionWithoutReasons)
        );
        assert!(decline_sgo_support_request(&neighbour, "no relationship").is_ok());
        let before_order = SgoSupportRequest {
            requester: Requester::Parent,
            pre_order: true,
            child_previously_looked_after: false,
            ..sg
        };
        assert_eq!(before_order.request_type(), RequestType::Mandatory);
    }

    #[test]
    fn path_016_a_long_placement_without_a_panel_match_stays_short_term() {
        let mut p = FosterPlacement {
            child_id: "c1".parse().unwrap(),
            carer: "h1".into(),
            started: d("2022-09-05"),
            ltf_confirmed: None,
            ended: None,
        };
        let on = d("2025-09-05");
        assert_eq!(p.term_on(on), PlacementTerm::ShortTerm);
        assert!(p.short_term_over_two_years(on));
        assert!(!p.short_term_over_two_years(d("2024-09-04")));
        // Over 2 years: not on the second anniversary, from the day after.
        assert!(!p.short_term_over_two_years(d("2024-09-05")));
        assert!(p.short_term_over_two_years(d("2024-09-06")));
        p.ltf_confirmed = Some(d("2024-01-10"));
        assert_eq!(p.term_on(on), PlacementTerm::PermanentLongTerm);
        assert!(!p.short_term_over_two_years(on));
    }

    fn ltf_assessment(dated: &str) -> LtfAssessment {
        LtfAssessment {
            dated: d(dated),
            clear_assessment: Some("AF-2025-1".into()),
            answers: LtfFactor::ALL
                .into_iter()
                .filter(|f| *f != LtfFactor::HistoryOfConcerns)
                .map(|factor| FactorAnswer {
                    factor,
                    answer: "considered".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn path_017_every_factor_answered_before_referral_from_may_2020() {
        let mut a = ltf_assessment("2025-07-21");
        assert_eq!(
            check_ltf_referral(&a),
            Err(PathwayError::LtfAssessmentIncomplete(vec![
                "history of concerns"
            ]))
        );
        a.answers.push(FactorAnswer {
            factor: LtfFactor::HistoryOfConcerns,
            answer: "none known".into(),
        });
        assert!(check_ltf_referral(&a).is_ok());
        assert_eq!(
            check_ltf_permissible(&a, None),
            Err(PathwayError::LtfNotFoundSuitable)
        );
        assert_eq!(
            check_ltf_permissible(&a, Some(Outcome::LtfUnsuitable)),
            Err(PathwayError::LtfNotFoundSuitable)
        );
        assert!(check_ltf_permissible(&a, Some(Outcome::LtfSuitable)).is_ok());
    }

    #[test]
    fn path_017_before_the_amendment_only_the_clear_assessment_is_required() {
        let mut a = LtfAssessment {
            dated: d("2020-03-02"),
            clear_assessment: Some("AF-2020-1".into()),
            answers: Vec::new(),
        };
        assert!(check_ltf_referral(&a).is_ok());
        assert!(check_ltf_permissible(&a, Some(Outcome::LtfSuitable)).is_ok());
        a.clear_assessment = None;
        assert!(check_ltf_referral(&a).is_err());
        a.dated = d("2020-05-01");
        a.clear_assessment = Some("AF".into());
        assert_eq!(
            a.missing().len(),
            8,
            "the amendment applies from 1 May 2020"
        );
    }

    fn match_referral(outcome: Option<Outcome>) -> Referral {
        let mut r = Referral::new(
            "c1".parse().unwrap(),
            ItemType::Match,
            "match_proposed",
            d("2025-07-01"),
            None,
        );
        r.carer = Some("h1".into());
        r.outcome = outcome;
        r
    }

    #[test]
    fn path_018_permanent_placement_type_needs_a_panel_match() {
        assert_eq!(
            check_permanent_placement_type(&[], &"c1".parse().unwrap(), "h1"),
            Err(PathwayError::NoPanelMatch)
        );
        let mut r = match_referral(Some(Outcome::MatchAgreed));
        let referrals = vec![r.clone()];
        assert!(
            check_permanent_placement_type(&referrals, &"c1".parse().unwrap(), "h1").is_err(),
            "awaiting the ADM"
        );
        r.adm_decision = Some(AdmDecision {
            agreed: true,
            decided_on: d("2025-07-20"),
            by: "adm1".into(),
            reasons: "agreed".into(),
        });
        let referrals = vec![r];
        assert!(check_permanent_placement_type(&referrals, &"c1".parse().unwrap(), "h1").is_ok());
        assert!(check_permanent_placement_type(&referrals, &"c1".parse().unwrap(), "h2").is_err());
        let mut at_meeting = match_referral(Some(Outcome::MatchAgreed));
        at_meeting.adm_agreed_at_meeting = true;
        assert!(
            check_permanent_placement_type(&[at_meeting], &"c1".parse().unwrap(), "h1").is_ok()
        );
        let not_agreed = match_referral(Some(Outcome::MatchNotAgreed));
        assert!(
            check_permanent_placement_type(&[not_agreed], &"c1".parse().unwrap(), "h1").is_err()
        );
    }

    #[test]
    fn path_019_pack_f_under_two_years_match_referral_over() {
        let ratified = d("2025-06-30");
        let short = family_finding_route(ratified, Some(d("2024-02-01")));
        assert_eq!(
            short,
            FamilyFindingRoute::PackF {
                task_created: ratified
            }
        );
        assert!(short.referral(&"c1".parse().unwrap()).is_none());
        assert_eq!(
            family_finding_route(ratified, None),
            FamilyFindingRoute::PackF {
                task_created: ratified
            }
        );
        let long = family_finding_route(ratified, Some(d("2023-03-01")));
        assert_eq!(
            long,
            FamilyFindingRoute::MatchReferral { created: ratified }
        );
        let referral = long.referral(&"c1".parse().unwrap()).unwrap();
        assert_eq!(referral.item, ItemType::Match);
        assert_eq!(referral.created, ratified);
        assert!(!referral.needs.family_finding);
    }

    #[test]
    fn path_019_county_council_carers_are_searched_first() {
        let inhouse = Search {
            on: d("2025-07-01"),
            source: CarerSource::CountyCouncil,
        };
        let other = Search {
            on: d("2025-07-15"),
            source: CarerSource::OtherProvider,
        };
        assert!(check_search_order(&[inhouse.clone(), other.clone()]).is_ok());
        assert!(check_search_order(std::slice::from_ref(&inhouse)).is_ok());
        assert_eq!(check_search_order(&[other]), Err(PathwayError::SearchOrder));
    }

    fn household() -> CarerHousehold {
        CarerHousehold {
            carer: "h1".into(),
            approved: d("2019-05-20"),
            approval_ended: None,
            last_annual_review: Some(d("2024-05-20")),
            ssw: Some("ssw1".into()),
            commissioned_provider: None,
            last_service_review: None,
            core_training_completed: Some(d("2019-12-01")),
        }
    }

    #[test]
    fn path_020_carer_annual_review_overdue_blocks_a_match() {
        let mut h = household();
        assert_eq!(
            check_carer_for_match(&h, d("2025-06-02"))
                .unwrap_err()
                .to_string(),
            "carer annual review overdue (due 2025-05-20)"
        );
        assert!(check_carer_for_match(&h, d("2025-05-20")).is_ok());
        h.last_annual_review = Some(d("2025-05-19"));
        assert!(check_carer_for_match(&h, d("2025-06-02")).is_ok());
        h.approval_ended = Some(d("2025-06-01"));
        assert_eq!(
            check_carer_for_match(&h, d("2025-06-02")),
            Err(PathwayError::CarerNotApproved)
        );
    }

    #[test]
    fn path_022_adoption_order_ends_every_earlier_pr() {
        let before = vec![
            holder("mother", PrBasis::Parent, "2020-01-01"),
            holder("father", PrBasis::Parent, "2020-01-01"),
            holder("LA", PrBasis::LocalAuthority, "2023-05-01"),
        ];
        let order = Order {
            kind: PermanenceOrder::AdoptionOrder,
            made: d("2025-11-14"),
            parties: vec![
                party("adopter1", PartyRole::Adopter),
                party("adopter2", PartyRole::Adopter),
            ],
        };
        let after = pr_after_order(&before, &order).unwrap();
        for h in after.iter().filter(|h| h.basis != PrBasis::Adopter) {
            assert_eq!(h.to, Some(d("2025-11-14")), "{}", h.person);
        }
        let adopters: Vec<_> = after
            .iter()
            .filter(|h| h.current_on(d("2025-11-14")))
            .map(|h| (h.person.as_str(), h.basis, h.from))
            .collect();
        assert_eq!(
            adopters,
            [
                ("adopter1", PrBasis::Adopter, d("2025-11-14")),
                ("adopter2", PrBasis::Adopter, d("2025-11-14"))
            ]
        );
    }

    #[test]
    fn path_023_bid_due_in_two_months_and_every_stage_dated() {
        let mut stages = new_adoption_plan(d("2025-06-30"));
        assert_eq!(stages[0].stage, AdoptionStage::BestInterestDecision);
        assert_eq!(stages[0].due, Some(d("2025-08-30")));
        let err = validate_adoption_plan(&stages).unwrap_err();
        assert_eq!(
            err.to_string(),
            "every open stage needs a due date: family finding, match, placement, Adoption Order application"
        );
        for (s, due) in
            stages
                .iter_mut()
                .skip(1)
                .zip(["2025-10-31", "2026-01-31", "2026-03-31", "2026-06-30"])
        {
            s.due = Some(d(due));
        }
        assert!(validate_adoption_plan(&stages).is_ok());
        stages.pop();
        assert!(
            validate_adoption_plan(&stages).is_err(),
            "a stage missing altogether"
        );
    }

    #[test]
    fn path_024_placement_readiness_needs_information_and_life_story_work() {
        let placement = d("2025-06-16");
        let mut r = AdoptionReadiness::default();
        assert_eq!(
            placement_readiness_gaps(&r, placement),
            [
                "written adoption information given to child",
                "life story work for transition"
            ]
        );
        r.written_information_given = Some(d("2025-05-01"));
        r.life_story_work_for_transition = Some(d("2025-06-17"));
        assert_eq!(
            placement_readiness_gaps(&r, placement),
            ["life story work for transition"]
        );
        r.life_story_work_for_transition = Some(d("2025-06-10"));
        assert!(placement_readiness_gaps(&r, placement).is_empty());
    }

    #[test]
    fn path_025_birth_parent_worker_from_the_planning_team_is_rejected() {
        let same = Worker {
            id: "w9".into(),
            team: "Locality North".into(),
        };
        assert_eq!(
            check_birth_parent_worker("Locality North", &same)
                .unwrap_err()
                .to_string(),
            "must be independent of the planning team"
        );
        let other = Worker {
            id: "w10".into(),
            team: "Birth Parent Support".into(),
        };
        assert!(check_birth_parent_worker("Locality North", &other).is_ok());
    }

    #[test]
    fn path_026_match_not_listed_without_medical_information() {
        let listing = d("2025-05-14");
        let mut c = DisclosureChecklist {
            social: Some(d("2025-04-01")),
            medical: None,
            legal: Some(d("2025-04-01")),
        };
        assert_eq!(
            check_disclosure(&c, listing),
            Err(PathwayError::DisclosureIncomplete(vec![
                "medical information provided"
            ]))
        );
        c.medical = Some(d("2025-04-22"));
        assert!(check_disclosure(&c, listing).is_ok());
    }

    #[test]
    fn path_027_means_assessment_waits_for_the_needs_judgement() {
        let mut case = FinancialSupportCase {
            opened: d("2025-04-01"),
            needs_judgement: None,
            means_assessment_started: None,
        };
        assert_eq!(
            check_means_assessment_start(&case, d("2025-04-02")),
            Err(PathwayError::NeedsJudgementMissing)
        );
        case.needs_judgement = Some((false, d("2025-04-10")));
        assert_eq!(
            check_means_assessment_start(&case, d("2025-04-11")),
            Err(PathwayError::AdoptersCannotMeetNeeds)
        );
        case.needs_judgement = Some((true, d("2025-04-10")));
        assert_eq!(
            check_means_assessment_start(&case, d("2025-04-09")),
            Err(PathwayError::NeedsJudgementMissing)
        );
        assert!(check_means_assessment_start(&case, d("2025-04-11")).is_ok());
    }

    fn review() -> ReviewPathwayFacts {
        ReviewPathwayFacts {
            held: d("2025-08-10"),
            child_born: d("2012-01-01"),
            residential: true,
            step_down_considered: false,
            long_term_foster_care: false,
            staying_put: None,
        }
    }

    #[test]
    fn path_028_residential_review_must_consider_step_down() {
        let mut r = review();
        let gaps = review_finalisation_gaps(&r);
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].rule, "PATH-028");
        assert!(gaps[0].blocking);
        r.step_down_considered = true;
        assert!(review_finalisation_gaps(&r).is_empty());
    }

    #[test]
    fn path_029_staying_put_intention_from_sixteen() {
        let mut r = ReviewPathwayFacts {
            held: d("2025-09-16"),
            child_born: d("2009-09-15"),
            residential: false,
            step_down_considered: false,
            long_term_foster_care: true,
            staying_put: None,
        };
        let gaps = review_finalisation_gaps(&r);
        assert_eq!(
            gaps.iter().map(|g| g.rule).collect::<Vec<_>>(),
            ["PATH-029"]
        );
        r.held = d("2025-09-14");
        assert!(review_finalisation_gaps(&r).is_empty(), "still 15");
        r.held = d("2025-09-16");
        r.staying_put = Some(StayingPutIntention::Intended);
        assert!(review_finalisation_gaps(&r).is_empty());
    }
}
