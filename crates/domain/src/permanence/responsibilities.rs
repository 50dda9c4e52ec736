//! Who does what in permanence planning (chapter 20, section 7, ROLE-): one
//! table of duties and who holds each, checked against the workflows' role
//! lists, and the checks that follow from it.
//!
//! [`RESPONSIBILITIES`] says who holds each duty: the child's allocated
//! social worker or the carer's supervising social worker, or anyone holding
//! a [`Role`]. Where
//! a duty is a step of a workflow the table names the step, and a test checks
//! that the workflow lets the holder take it, so the two cannot drift apart.
//!
//! Beyond the table: the policy owner's review alert (ROLE-001), carers
//! without a supervising social worker (ROLE-003), the IRO's ratification and
//! the team manager's endorsement (ROLE-004, ROLE-005), the Permanence
//! Team's family-finding record (ROLE-008), the Children's Rights Officer
//! offer on a change of plan (ROLE-010) and the performance lead (ROLE-012).
//!
//! The team around the child (ROLE-011) is a record of its own, in
//! [`super::team`].
//!
//! Not here, because the product holds none of their inputs: the
//! commissioning compliance report (ROLE-009, no commissioned provider or
//! annual service review is recorded), the service manager of a team
//! (ROLE-006, neither a child's team kind nor a manager's service area is
//! recorded), task assignment (ROLE-002, the product assigns no tasks) and
//! the carer's change of approval terms (ROLE-007, it goes through the
//! fostering panel, which the product does not hold yet).
//!
//! Roles the [`Role`] enum does not hold (Children's Rights Officer,
//! Placements and Commissioning, Assistant Director) appear as team or
//! service entries, not as sign-in roles.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::pathways::CarerHousehold;
use super::referrals::{PackDoc, PackEntry, Referral};
use super::workflow::{
    DISC_PAYMENT, DRIFT, IRO_ESCALATION, LTF_MATCH, PERM_PANEL, PERM_PLAN, PLAN_CHANGE,
    RETURN_HOME, Workflow, WorkflowError,
};
use crate::calendar::{self, Period};
use crate::child::ChildId;
use crate::roles::Role::{self, *};

/// Why a person may not do something, or a configuration is incomplete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoleError {
    #[error("\"{duty}\" is for {holder} only")]
    NotResponsible {
        duty: &'static str,
        holder: &'static str,
    },
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    #[error("carer without SSW")]
    CarerWithoutSsw,
    #[error("offer Children's Rights Officer / advocacy")]
    AdvocacyNotOffered,
    #[error(
        "record the child's response (accepted / declined) to the Children's Rights Officer / advocacy offer"
    )]
    AdvocacyResponseMissing,
    #[error("performance lead missing")]
    PerformanceLeadMissing { service: ServiceArea },
}

// ---------------------------------------------------------------------------
// The table of responsibilities

/// A duty in permanence planning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    // ROLE-001
    OwnPermanencePolicy,
    RespondIroStage3,
    // ROLE-002
    DirectWorkAndLifeStory,
    EstablishChildsVoice,
    LeadChangeTowardsReturnHome,
    CarePlanAdviceToCarer,
    AssessmentOfNeed,
    PackInformation,
    WrittenAdoptionInformation,
    ComplaintsAndAdvocacyInformation,
    // ROLE-003
    SuperviseCarer,
    CarerTrainingAndTsd,
    // ROLE-004
    ChairReview,
    RecordRatification,
    AgreeChangeAtReview,
    RaiseIroIssue,
    // ROLE-005
    EndorsePanelReferral,
    AgreeChangeOfPlan,
    ReviewAdditionalPayment,
    TrackPanelAmendments,
    OwnDriftReasons,
    RespondIroStage1,
    // ROLE-006
    AuthoriseChangeOfPlan,
    ApproveOutOfCountyOrResidential,
    DriftOversight,
    RespondIroStage2,
    ApproveReturnHome,
    HearPaymentAppeal,
    // ROLE-007
    ConfirmPanelOutcome,
    ConfirmMatch,
    ApproveCarer,
    // ROLE-008
    FamilyFinding,
}

impl Duty {
    pub fn label(self) -> &'static str {
        use Duty::*;
        match self {
            OwnPermanencePolicy => "own the Permanence Policy",
            RespondIroStage3 => "respond to a Stage 3 IRO escalation",
            DirectWorkAndLifeStory => "direct work and life story work",
            EstablishChildsVoice => "establish and record the child's voice and choice",
            LeadChangeTowardsReturnHome => "lead change towards return home",
            CarePlanAdviceToCarer => "Care Plan advice to carer",
            AssessmentOfNeed => "up-to-date assessment of need",
            PackInformation => "Pack A / Pack F information and child's profile",
            WrittenAdoptionInformation => "written adoption information to the child",
            ComplaintsAndAdvocacyInformation => "complaints and advocacy information",
            SuperviseCarer => "supervise and support the carer",
            CarerTrainingAndTsd => "carer's training and TSD standards",
            ChairReview => "chair the Review of Arrangements",
            RecordRatification => "record ratification of the permanence plan",
            AgreeChangeAtReview => "agree a change of plan at review",
            RaiseIroIssue => "raise and escalate an IRO issue",
            EndorsePanelReferral => "endorse a Permanence Panel referral",
            AgreeChangeOfPlan => "agree a change of plan",
            ReviewAdditionalPayment => "review an Additional Payments form",
            TrackPanelAmendments => "track panel-required amendments",
            OwnDriftReasons => "own drift reasons",
            RespondIroStage1 => "respond to a Stage 1 IRO escalation",
            AuthoriseChangeOfPlan => "authorise a change of plan away from family",
            ApproveOutOfCountyOrResidential => "approve an out-of-county or residential exception",
            DriftOversight => "record oversight of drift",
            RespondIroStage2 => "respond to a Stage 2 IRO escalation",
            ApproveReturnHome => "approve a return home (nominated officer)",
            HearPaymentAppeal => "hear an appeal against a refused discretionary payment",
            ConfirmPanelOutcome => "confirm or refuse a Permanence Panel recommendation",
            ConfirmMatch => "confirm a long-term fostering match",
            ApproveCarer => "approve a foster carer",
            FamilyFinding => "family finding",
        }
    }
}

/// Who holds a duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Holder {
    /// The child's allocated social worker, by name (ROLE-002).
    AllocatedSocialWorker,
    /// The carer's supervising social worker, by name (ROLE-003).
    CarersSupervisingSocialWorker,
    /// Anyone holding the role.
    Role(Role),
}

impl Holder {
    pub fn label(self) -> &'static str {
        match self {
            Holder::AllocatedSocialWorker => "the child's allocated social worker",
            Holder::CarersSupervisingSocialWorker => "the carer's supervising social worker",
            Holder::Role(r) => r.title(),
        }
    }

    /// The sign-in role a holder must have.
    pub fn role(self) -> Role {
        match self {
            Holder::AllocatedSocialWorker => SocialWorker,
            Holder::CarersSupervisingSocialWorker => SupervisingSocialWorker,
            Holder::Role(r) => r,
        }
    }
}

/// One line of the table: a duty, its holder, the rule, and the workflow step
/// where the duty is one.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Responsibility {
    pub rule: &'static str,
    pub duty: Duty,
    pub holder: Holder,
    #[serde(skip)]
    pub step: Option<(&'static Workflow, &'static str)>,
}

const fn r(
    rule: &'static str,
    duty: Duty,
    holder: Holder,
    step: Option<(&'static Workflow, &'static str)>,
) -> Responsibility {
    Responsibility {
        rule,
        duty,
        holder,
        step,
    }
}

const SW: Holder = Holder::AllocatedSocialWorker;
const SSW: Holder = Holder::CarersSupervisingSocialWorker;
const IRO: Holder = Holder::Role(IndependentReviewingOfficer);
const TM: Holder = Holder::Role(TeamManager);
const SM: Holder = Holder::Role(ServiceManager);
const HOS: Holder = Holder::Role(HeadOfService);
const ADM: Holder = Holder::Role(AgencyDecisionMaker);

/// Who does what (ROLE-001 to ROLE-008). One line per duty.
pub static RESPONSIBILITIES: &[Responsibility] = &[
    r("ROLE-001", Duty::OwnPermanencePolicy, HOS, None),
    r("ROLE-001", Duty::RespondIroStage3, HOS, None),
    r("ROLE-002", Duty::DirectWorkAndLifeStory, SW, None),
    r("ROLE-002", Duty::EstablishChildsVoice, SW, None),
    r(
        "ROLE-002",
        Duty::LeadChangeTowardsReturnHome,
        SW,
        Some((&RETURN_HOME, "start_work")),
    ),
    r("ROLE-002", Duty::CarePlanAdviceToCarer, SW, None),
    r("ROLE-002", Duty::AssessmentOfNeed, SW, None),
    r(
        "ROLE-002",
        Duty::PackInformation,
        SW,
        Some((&PERM_PANEL, "prepare_pack")),
    ),
    r("ROLE-002", Duty::WrittenAdoptionInformation, SW, None),
    r("ROLE-002", Duty::ComplaintsAndAdvocacyInformation, SW, None),
    r("ROLE-003", Duty::SuperviseCarer, SSW, None),
    r("ROLE-003", Duty::CarerTrainingAndTsd, SSW, None),
    r(
        "ROLE-004",
        Duty::ChairReview,
        IRO,
        Some((&PERM_PLAN, "hold_first_review")),
    ),
    r(
        "ROLE-004",
        Duty::RecordRatification,
        IRO,
        Some((&PERM_PLAN, "ratify")),
    ),
    r(
        "ROLE-004",
        Duty::AgreeChangeAtReview,
        IRO,
        Some((&PLAN_CHANGE, "agree_at_review")),
    ),
    r(
        "ROLE-004",
        Duty::RaiseIroIssue,
        IRO,
        Some((&IRO_ESCALATION, "escalate")),
    ),
    r(
        "ROLE-005",
        Duty::EndorsePanelReferral,
        TM,
        Some((&PERM_PANEL, "endorse")),
    ),
    r(
        "ROLE-005",
        Duty::AgreeChangeOfPlan,
        TM,
        Some((&PLAN_CHANGE, "tm_agree")),
    ),
    r(
        "ROLE-005",
        Duty::ReviewAdditionalPayment,
        TM,
        Some((&DISC_PAYMENT, "tm_recommend")),
    ),
    r("ROLE-005", Duty::TrackPanelAmendments, TM, None),
    r(
        "ROLE-005",
        Duty::OwnDriftReasons,
        TM,
        Some((&DRIFT, "discuss")),
    ),
    r("ROLE-005", Duty::RespondIroStage1, TM, None),
    r(
        "ROLE-006",
        Duty::AuthoriseChangeOfPlan,
        SM,
        Some((&PLAN_CHANGE, "authorise")),
    ),
    r("ROLE-006", Duty::ApproveOutOfCountyOrResidential, SM, None),
    r(
        "ROLE-006",
        Duty::DriftOversight,
        SM,
        Some((&DRIFT, "sm_oversight")),
    ),
    r("ROLE-006", Duty::RespondIroStage2, SM, None),
    r(
        "ROLE-006",
        Duty::ApproveReturnHome,
        SM,
        Some((&RETURN_HOME, "approve")),
    ),
    r(
        "ROLE-006",
        Duty::HearPaymentAppeal,
        SM,
        Some((&DISC_PAYMENT, "appeal_upheld")),
    ),
    r(
        "ROLE-007",
        Duty::ConfirmPanelOutcome,
        ADM,
        Some((&PERM_PANEL, "adm_decide")),
    ),
    r(
        "ROLE-007",
        Duty::ConfirmMatch,
        ADM,
        Some((&LTF_MATCH, "adm_confirms")),
    ),
    r("ROLE-007", Duty::ApproveCarer, ADM, None),
    r(
        "ROLE-008",
        Duty::FamilyFinding,
        Holder::Role(FamilyFinder),
        Some((&LTF_MATCH, "carer_identified")),
    ),
];

/// The line of the table for a duty.
pub fn responsibility(duty: Duty) -> &'static Responsibility {
    RESPONSIBILITIES
        .iter()
        .find(|r| r.duty == duty)
        .expect("every duty has a line in RESPONSIBILITIES")
}

// ---------------------------------------------------------------------------
// Carers' supervising social workers (ROLE-003)

/// ROLE-003: approved carer households with no supervising social worker on
/// `on` (the "carer without SSW" list).
pub fn carers_without_ssw(households: &[CarerHousehold], on: NaiveDate) -> Vec<&CarerHousehold> {
    households
        .iter()
        .filter(|h| h.approved_on(on) && h.ssw.as_deref().is_none_or(|s| s.trim().is_empty()))
        .collect()
}

/// ROLE-003: a household without an SSW cannot be listed for a match.
pub fn check_ssw_for_match(household: &CarerHousehold) -> Result<(), RoleError> {
    match household.ssw.as_deref() {
        Some(s) if !s.trim().is_empty() => Ok(()),
        _ => Err(RoleError::CarerWithoutSsw),
    }
}

// ---------------------------------------------------------------------------
// The policy owner (ROLE-001)

/// A version of the Permanence Policy (DATA-001), owned by the Head of
/// Service Children in Care, Virtual School, Fostering and Adoption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersion {
    pub version_label: String,
    pub smt_approved: NaiveDate,
    pub next_review: NaiveDate,
}

/// The policy owner's role.
pub const POLICY_OWNER: Role = HeadOfService;

/// The owner is alerted this long before the next review.
pub const POLICY_REVIEW_ALERT: Period = Period::Months(3);

/// Where the policy's review stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PolicyReviewStatus {
    Current,
    /// The owner has been alerted: the review is due.
    ReviewDue {
        alert_from: NaiveDate,
    },
    /// Past the review date with no newer version approved.
    ReviewOverdue,
}

impl PolicyReviewStatus {
    pub fn label(self) -> &'static str {
        match self {
            PolicyReviewStatus::Current => "current",
            PolicyReviewStatus::ReviewDue { .. } => "review due",
            PolicyReviewStatus::ReviewOverdue => "review overdue",
        }
    }
}

/// ROLE-001: the date the owner is alerted before the next review.
pub fn policy_review_alert(policy: &PolicyVersion) -> NaiveDate {
    POLICY_REVIEW_ALERT.before(policy.next_review)
}

/// ROLE-001: the policy's review status on `on`, given the approval date of
/// the next version if one has been approved.
pub fn policy_review_status(
    policy: &PolicyVersion,
    next_version_approved: Option<NaiveDate>,
    on: NaiveDate,
) -> PolicyReviewStatus {
    if next_version_approved.is_some_and(|a| a <= on) {
        return PolicyReviewStatus::Current;
    }
    let alert_from = policy_review_alert(policy);
    if on > policy.next_review {
        PolicyReviewStatus::ReviewOverdue
    } else if on >= alert_from {
        PolicyReviewStatus::ReviewDue { alert_from }
    } else {
        PolicyReviewStatus::Current
    }
}

// ---------------------------------------------------------------------------
// The IRO ratifies, the Team Manager endorses (ROLE-004, ROLE-005)

/// ROLE-005: a team manager endorses the referral's pack: the endorsement
/// joins the pack and the referral moves to "endorsed". Anyone else is
/// refused and the pack stays as it was.
pub fn endorse(
    referral: &mut Referral,
    by: &str,
    roles: &[Role],
    on: NaiveDate,
) -> Result<(), RoleError> {
    let (_, to) = PERM_PANEL.take_from(referral.stage, "endorse", roles)?;
    referral.pack.push(PackEntry {
        doc: PackDoc::TeamManagerEndorsement,
        received: on,
        by: by.to_owned(),
    });
    referral.stage = to;
    Ok(())
}

// ---------------------------------------------------------------------------
// Service managers (ROLE-006)

/// The service areas accountable for permanence (001 "Operating Model").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceArea {
    ChildrenInCare,
    /// Adoption and Connected Care.
    Permanence,
    FosteringRetention,
    VirtualSchool,
}

impl ServiceArea {
    pub const ALL: [ServiceArea; 4] = [
        ServiceArea::ChildrenInCare,
        ServiceArea::Permanence,
        ServiceArea::FosteringRetention,
        ServiceArea::VirtualSchool,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ServiceArea::ChildrenInCare => "Children in Care",
            ServiceArea::Permanence => "Permanence (Adoption and Connected Care)",
            ServiceArea::FosteringRetention => "Fostering Retention",
            ServiceArea::VirtualSchool => "The Virtual School",
        }
    }
}

// ---------------------------------------------------------------------------
// Family finding (ROLE-008)

/// The referral pack to the Permanence Team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackType {
    /// The plan is adoption.
    PackA,
    /// The plan is long-term fostering (PATH-019).
    PackF,
}

impl PackType {
    pub const ALL: [PackType; 2] = [PackType::PackF, PackType::PackA];

    pub fn code(self) -> &'static str {
        match self {
            PackType::PackA => "pack_a",
            PackType::PackF => "pack_f",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PackType::PackA => "Pack A (adoption)",
            PackType::PackF => "Pack F (long-term fostering)",
        }
    }
}

/// Who takes part in family finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Participant {
    PermanenceTeam,
    /// The teams that assess and approve carers.
    FosteringAssessmentApproval,
    /// Placements and Commissioning, as service commissioner (ROLE-009).
    Commissioning,
}

impl Participant {
    pub fn label(self) -> &'static str {
        match self {
            Participant::PermanenceTeam => "Permanence Team",
            Participant::FosteringAssessmentApproval => "Fostering assessment and approval",
            Participant::Commissioning => "Placements and Commissioning",
        }
    }
}

/// The work queue a request joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Queue {
    PermanenceTeam,
}

/// A family-finding record opened on a Pack A or Pack F request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyFindingRecord {
    pub child_id: ChildId,
    pub pack: PackType,
    pub opened: NaiveDate,
    pub queue: Queue,
    pub participants: Vec<Participant>,
    /// GEN-004: the child's social worker writes the child's profile (the
    /// worker allocated when the pack was asked for).
    #[serde(default)]
    pub profile_author: Option<String>,
}

/// ROLE-008: a Pack A or Pack F request joins the Permanence Team's queue.
/// Family finding for permanent foster carers (Pack F) is joint with the
/// teams that assess and approve carers and with the commissioners (PATH-019).
pub fn submit_family_finding(
    child_id: &ChildId,
    pack: PackType,
    on: NaiveDate,
) -> FamilyFindingRecord {
    let participants = match pack {
        PackType::PackA => vec![Participant::PermanenceTeam],
        PackType::PackF => vec![
            Participant::PermanenceTeam,
            Participant::FosteringAssessmentApproval,
            Participant::Commissioning,
        ],
    };
    FamilyFindingRecord {
        child_id: child_id.clone(),
        pack,
        opened: on,
        queue: Queue::PermanenceTeam,
        participants,
        profile_author: None,
    }
}

/// GEN-005: a Pack F is asked for when the plan is long-term fostering and
/// no placement is identified, or the child has lived with the intended
/// carers for less than two years (`since`: when they moved in); from the
/// second anniversary it is not required. A Pack A (adoption) always is.
pub fn pack_needed(pack: PackType, on: NaiveDate, since: Option<NaiveDate>) -> Result<(), String> {
    match (pack, since) {
        (PackType::PackF, Some(since)) if on >= calendar::add_months(since, 24) => Err(format!(
            "a Pack F is not required: the child has lived with the intended carers for two years since {since} (GEN-005)"
        )),
        (_, Some(since)) if since > on => {
            Err("the date the child moved in cannot be after the request".into())
        }
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// Children's Rights Officer and advocacy (ROLE-010)

/// The child's answer to the offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferResponse {
    Accepted,
    Declined,
}

/// An offer of the Children's Rights Officer or advocacy, and the response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvocacyOffer {
    pub offered: NaiveDate,
    #[serde(default)]
    pub response: Option<OfferResponse>,
}

/// ROLE-010: a change of plan is finalised only once the Children's Rights
/// Officer / advocacy offer was made and the child's response recorded
/// (checked when the IRO agrees the change at review, `ChangeOfPlan::check_move`).
pub fn check_advocacy_offer(offer: Option<&AdvocacyOffer>) -> Result<OfferResponse, RoleError> {
    let offer = offer.ok_or(RoleError::AdvocacyNotOffered)?;
    offer.response.ok_or(RoleError::AdvocacyResponseMissing)
}

// ---------------------------------------------------------------------------
// The performance lead (ROLE-012)

/// The person who leads performance reporting for a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerformanceLead {
    pub service: ServiceArea,
    pub person: String,
}

/// ROLE-012: who receives a service's Permanence Scorecard and drift
/// summaries; the run stops when none is configured.
pub fn performance_lead(
    leads: &[PerformanceLead],
    service: ServiceArea,
) -> Result<&PerformanceLead, RoleError> {
    leads
        .iter()
        .find(|l| l.service == service && !l.person.trim().is_empty())
        .ok_or(RoleError::PerformanceLeadMissing { service })
}

/// The last day of a month: a month-only date in the policy ("next review
/// May 2021") read as the month's last day (ROLE-001 assumption).
pub fn month_end(year: i32, month: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("a valid month");
    calendar::add_months(first, 1)
        .pred_opt()
        .expect("a date after the start of time")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{self, Permission};
    use crate::permanence::referrals::ItemType;
    use crate::permanence::workflow::ReferralStage;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_duty_has_exactly_one_line() {
        let mut duties: Vec<_> = RESPONSIBILITIES.iter().map(|r| r.duty).collect();
        let n = duties.len();
        duties.sort();
        duties.dedup();
        assert_eq!(duties.len(), n, "a duty listed twice");
    }

    #[test]
    fn the_table_agrees_with_the_workflows() {
        for line in RESPONSIBILITIES {
            let Some((wf, step)) = line.step else {
                continue;
            };
            let t = wf
                .transition(step)
                .unwrap_or_else(|| panic!("{}: {} has no step {step}", line.rule, wf.id));
            assert!(
                t.roles.contains(&line.holder.role()),
                "{} {:?}: {} {step} does not allow {:?}",
                line.rule,
                line.duty,
                wf.id,
                line.holder.role()
            );
        }
    }

    #[test]
    fn every_holder_may_open_the_childs_record() {
        for line in RESPONSIBILITIES {
            assert!(
                access::allows(line.holder.role(), Permission::ViewChild),
                "{:?}",
                line.holder
            );
        }
        assert!(access::allows(
            IndependentReviewingOfficer,
            Permission::RecordReview
        ));
    }

    #[test]
    fn role_001_owner_alerted_three_months_before_the_review() {
        let policy = PolicyVersion {
            version_label: "May 2020".into(),
            smt_approved: d("2020-05-01"),
            next_review: month_end(2021, 5),
        };
        assert_eq!(policy.next_review, d("2021-05-31"));
        assert_eq!(policy_review_alert(&policy), d("2021-02-28"));
        assert_eq!(
            policy_review_status(&policy, None, d("2021-02-27")),
            PolicyReviewStatus::Current
        );
        assert_eq!(
            policy_review_status(&policy, None, d("2021-02-28")),
            PolicyReviewStatus::ReviewDue {
                alert_from: d("2021-02-28")
            }
        );
        assert_eq!(
            policy_review_status(&policy, None, d("2021-05-31")).label(),
            "review due"
        );
        assert_eq!(
            policy_review_status(&policy, None, d("2021-06-01")).label(),
            "review overdue"
        );
        assert_eq!(
            policy_review_status(&policy, Some(d("2021-07-15")), d("2021-07-14")),
            PolicyReviewStatus::ReviewOverdue
        );
        assert_eq!(
            policy_review_status(&policy, Some(d("2021-07-15")), d("2021-07-15")),
            PolicyReviewStatus::Current
        );
        assert_eq!(
            responsibility(Duty::OwnPermanencePolicy).holder.role(),
            POLICY_OWNER
        );
    }

    #[test]
    fn role_001_stage_3_iro_escalations_go_to_the_head_of_service() {
        use crate::permanence::iro_issues::IroStage;
        assert_eq!(IroStage::Stage3.responder(), HeadOfService);
        assert_eq!(IroStage::Stage1.responder(), TeamManager);
        assert_eq!(IroStage::Stage2.responder(), ServiceManager);
    }

    #[test]
    fn role_002_care_plan_advice_is_the_allocated_social_workers_duty() {
        assert_eq!(
            responsibility(Duty::CarePlanAdviceToCarer).holder,
            Holder::AllocatedSocialWorker
        );
        assert_eq!(
            responsibility(Duty::SuperviseCarer).holder,
            Holder::CarersSupervisingSocialWorker
        );
    }

    #[test]
    fn role_003_carers_without_ssw_are_listed_and_cannot_be_matched() {
        let mut h = CarerHousehold {
            carer: "h1".into(),
            approved: d("2023-01-10"),
            approval_ended: None,
            last_annual_review: Some(d("2025-01-10")),
            ssw: None,
            commissioned_provider: None,
            last_service_review: None,
            core_training_completed: Some(d("2023-10-01")),
        };
        let on = d("2025-06-02");
        let list = carers_without_ssw(std::slice::from_ref(&h), on);
        assert_eq!(list.len(), 1);
        assert_eq!(
            check_ssw_for_match(&h).unwrap_err().to_string(),
            "carer without SSW"
        );
        h.ssw = Some("ssw1".into());
        assert!(carers_without_ssw(std::slice::from_ref(&h), on).is_empty());
        assert!(check_ssw_for_match(&h).is_ok());
    }

    #[test]
    fn role_004_ratification_by_a_chair_without_the_iro_role_is_rejected() {
        let err = PERM_PLAN
            .take("put_forward", "ratify", &[TeamManager])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"ratify\" must be taken by independent reviewing officer"
        );
        assert_eq!(
            PERM_PLAN
                .take("put_forward", "ratify", &[IndependentReviewingOfficer])
                .unwrap()
                .to,
            "ratified"
        );
    }

    #[test]
    fn role_005_a_social_workers_endorsement_leaves_the_pack_incomplete() {
        let mut referral = Referral::new(
            "c1".parse().unwrap(),
            ItemType::LtfSuitability,
            "review_ltf_plan",
            d("2025-08-20"),
            None,
        );
        referral.stage = ReferralStage::Pack;
        for doc in crate::permanence::referrals::required_pack(referral.item, referral.needs) {
            if doc != PackDoc::TeamManagerEndorsement {
                referral.pack.push(PackEntry {
                    doc,
                    received: d("2025-08-20"),
                    by: "sw1".into(),
                });
            }
        }
        assert!(endorse(&mut referral, "sw1", &[SocialWorker], d("2025-08-21")).is_err());
        assert_eq!(referral.stage, ReferralStage::Pack);
        assert_eq!(referral.missing_papers(), [PackDoc::TeamManagerEndorsement]);

        endorse(&mut referral, "tm1", &[TeamManager], d("2025-08-22")).unwrap();
        assert_eq!(referral.stage, ReferralStage::Endorsed);
        assert!(referral.missing_papers().is_empty());
    }

    #[test]
    fn role_006_drift_escalation_goes_to_a_service_manager() {
        assert_eq!(responsibility(Duty::DriftOversight).holder, SM);
        assert!(
            DRIFT
                .take("owned", "sm_oversight", &[ServiceManager])
                .is_ok()
        );
    }

    #[test]
    fn role_008_pack_f_opens_a_joint_family_finding_record() {
        let rec = submit_family_finding(&"c1".parse().unwrap(), PackType::PackF, d("2025-06-30"));
        assert_eq!(rec.queue, Queue::PermanenceTeam);
        assert!(
            rec.participants
                .contains(&Participant::FosteringAssessmentApproval)
        );
        assert!(rec.participants.contains(&Participant::Commissioning));
        let adoption =
            submit_family_finding(&"c2".parse().unwrap(), PackType::PackA, d("2025-06-30"));
        assert_eq!(adoption.queue, Queue::PermanenceTeam);
        assert_eq!(adoption.participants, [Participant::PermanenceTeam]);
    }

    #[test]
    fn role_010_plan_change_waits_for_the_advocacy_offer_and_response() {
        assert_eq!(
            check_advocacy_offer(None).unwrap_err().to_string(),
            "offer Children's Rights Officer / advocacy"
        );
        let mut offer = AdvocacyOffer {
            offered: d("2025-10-06"),
            response: None,
        };
        assert_eq!(
            check_advocacy_offer(Some(&offer)),
            Err(RoleError::AdvocacyResponseMissing)
        );
        offer.response = Some(OfferResponse::Declined);
        assert_eq!(
            check_advocacy_offer(Some(&offer)),
            Ok(OfferResponse::Declined)
        );
    }

    #[test]
    fn role_012_scorecard_stops_without_a_performance_lead() {
        let err = performance_lead(&[], ServiceArea::ChildrenInCare).unwrap_err();
        assert_eq!(err.to_string(), "performance lead missing");
        let leads = vec![PerformanceLead {
            service: ServiceArea::ChildrenInCare,
            person: "tm-performance".into(),
        }];
        assert_eq!(
            performance_lead(&leads, ServiceArea::ChildrenInCare)
                .unwrap()
                .person,
            "tm-performance"
        );
        assert!(performance_lead(&leads, ServiceArea::Permanence).is_err());
    }
}
