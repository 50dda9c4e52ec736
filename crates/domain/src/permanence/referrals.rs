//! What a panel hears: a referral with its pack of papers, listing it for a
//! meeting, the panel's outcome and the agency decision maker's decision
//! (PANEL-002 to PANEL-006, PANEL-009 to PANEL-013), and representations
//! about an outcome (PANEL-016). The panels themselves, their membership,
//! quorum and meetings, are in [`super::panels`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::{Permission, User};
use crate::child::ChildId;
use crate::deadline_rules::timescale;
use crate::permanence::panels::{Attendance, Forum, ForumKind, SeatRole, is_quorate};
use crate::permanence::pathways::{LtfAssessment, Search};
use crate::permanence::plan::{Pathway, PermanencePlan};
use crate::permanence::workflow::{PERM_PANEL, ReferralStage, Refusal};
use crate::roles::Role;

/// The kinds of item the Permanence Panel hears (PANEL-002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    LtfSuitability,
    Match,
    Monitoring,
    Ratification,
    DiscretionaryPayment,
}

impl ItemType {
    pub const ALL: [ItemType; 5] = [
        ItemType::LtfSuitability,
        ItemType::Match,
        ItemType::Monitoring,
        ItemType::Ratification,
        ItemType::DiscretionaryPayment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ItemType::LtfSuitability => "ltf_suitability",
            ItemType::Match => "match",
            ItemType::Monitoring => "monitoring",
            ItemType::Ratification => "ratification",
            ItemType::DiscretionaryPayment => "discretionary_payment",
        }
    }

    pub fn parse(code: &str) -> Option<ItemType> {
        ItemType::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemType::LtfSuitability => "Long-term fostering suitability",
            ItemType::Match => "Permanent foster match",
            ItemType::Monitoring => "Monitoring of a permanence plan",
            ItemType::Ratification => "Ratification of a long-term caring arrangement",
            ItemType::DiscretionaryPayment => "Discretionary payment",
        }
    }
}

/// A paper in a referral's pack (PANEL-005).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackDoc {
    AssessmentOfNeeds,
    LtfSuitabilityAssessment,
    CarePlan,
    SupportPlan,
    ChildWishes,
    CarerViewsAndApproval,
    SiblingAssessment,
    ContactPlan,
    PackF,
    PackA,
    TeamManagerEndorsement,
    AdditionalPaymentsForm,
    TeamManagerRecommendation,
    MatchReport,
}

impl PackDoc {
    pub const ALL: [PackDoc; 14] = [
        PackDoc::AssessmentOfNeeds,
        PackDoc::LtfSuitabilityAssessment,
        PackDoc::CarePlan,
        PackDoc::SupportPlan,
        PackDoc::ChildWishes,
        PackDoc::CarerViewsAndApproval,
        PackDoc::SiblingAssessment,
        PackDoc::ContactPlan,
        PackDoc::PackF,
        PackDoc::PackA,
        PackDoc::TeamManagerEndorsement,
        PackDoc::AdditionalPaymentsForm,
        PackDoc::TeamManagerRecommendation,
        PackDoc::MatchReport,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PackDoc::AssessmentOfNeeds => "assessment_of_needs",
            PackDoc::LtfSuitabilityAssessment => "ltf_suitability_assessment",
            PackDoc::CarePlan => "care_plan",
            PackDoc::SupportPlan => "support_plan",
            PackDoc::ChildWishes => "child_wishes",
            PackDoc::CarerViewsAndApproval => "carer_views_and_approval",
            PackDoc::SiblingAssessment => "sibling_assessment",
            PackDoc::ContactPlan => "contact_plan",
            PackDoc::PackF => "pack_f",
            PackDoc::PackA => "pack_a",
            PackDoc::TeamManagerEndorsement => "team_manager_endorsement",
            PackDoc::AdditionalPaymentsForm => "additional_payments_form",
            PackDoc::TeamManagerRecommendation => "team_manager_recommendation",
            PackDoc::MatchReport => "match_report",
        }
    }

    pub fn parse(code: &str) -> Option<PackDoc> {
        PackDoc::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            PackDoc::AssessmentOfNeeds => "Assessment of the child's needs (Assessment Framework)",
            PackDoc::LtfSuitabilityAssessment => "Long-term fostering suitability assessment",
            PackDoc::CarePlan => "Current care plan and permanence plan",
            PackDoc::SupportPlan => "Growing Safety support plan for the carer",
            PackDoc::ChildWishes => "Child's wishes and feelings, and how they will be told",
            PackDoc::CarerViewsAndApproval => "Carer's views and approval details",
            PackDoc::SiblingAssessment => "Sibling assessment Planning Aid",
            PackDoc::ContactPlan => "Contact plan",
            PackDoc::PackF => "Pack F (family finding)",
            PackDoc::PackA => "Pack A (adoption)",
            PackDoc::TeamManagerEndorsement => "Team manager endorsement (quality assured)",
            PackDoc::AdditionalPaymentsForm => "Additional Payments form",
            PackDoc::TeamManagerRecommendation => "Team manager's recommendation",
            PackDoc::MatchReport => "Match report",
        }
    }
}

/// What decides which papers an item needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackNeeds {
    pub has_siblings: bool,
    /// Family finding was needed (no placement, or placed under 2 years: PATH-019).
    pub family_finding: bool,
}

/// The papers an item needs before it can be listed (PANEL-005).
pub fn required_pack(item: ItemType, needs: PackNeeds) -> Vec<PackDoc> {
    use PackDoc::*;
    match item {
        ItemType::DiscretionaryPayment => vec![AdditionalPaymentsForm, TeamManagerRecommendation],
        ItemType::LtfSuitability
        | ItemType::Match
        | ItemType::Ratification
        | ItemType::Monitoring => {
            let mut docs = vec![
                AssessmentOfNeeds,
                LtfSuitabilityAssessment,
                CarePlan,
                SupportPlan,
                ChildWishes,
                CarerViewsAndApproval,
            ];
            if needs.has_siblings {
                docs.push(SiblingAssessment);
            }
            docs.push(ContactPlan);
            if item == ItemType::Match {
                docs.push(MatchReport);
            }
            // Pack F for LTF suitability and match items where family
            // finding was needed (PATH-019).
            if needs.family_finding && matches!(item, ItemType::LtfSuitability | ItemType::Match) {
                docs.push(PackF);
            }
            docs.push(TeamManagerEndorsement);
            docs
        }
    }
}

/// A paper received for a referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackEntry {
    pub doc: PackDoc,
    pub received: NaiveDate,
    /// Who attached it.
    pub by: String,
}

/// The panel's outcome on an item (PANEL-003, -004, -017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    LtfSuitable,
    LtfUnsuitable,
    MatchAgreed,
    MatchNotAgreed,
    Deferred,
    PaymentApproved,
    PaymentRefused,
    Noted,
    /// Heard at an inquorate meeting: no outcome, must be relisted (PANEL-008).
    DiscussionOnly,
}

impl Outcome {
    pub const ALL: [Outcome; 9] = [
        Outcome::LtfSuitable,
        Outcome::LtfUnsuitable,
        Outcome::MatchAgreed,
        Outcome::MatchNotAgreed,
        Outcome::Deferred,
        Outcome::PaymentApproved,
        Outcome::PaymentRefused,
        Outcome::Noted,
        Outcome::DiscussionOnly,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::LtfSuitable => "ltf_suitable",
            Outcome::LtfUnsuitable => "ltf_unsuitable",
            Outcome::MatchAgreed => "match_agreed",
            Outcome::MatchNotAgreed => "match_not_agreed",
            Outcome::Deferred => "deferred",
            Outcome::PaymentApproved => "payment_approved",
            Outcome::PaymentRefused => "payment_refused",
            Outcome::Noted => "noted",
            Outcome::DiscussionOnly => "discussion_only",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::LtfSuitable => "Long-term fostering can meet the child's needs",
            Outcome::LtfUnsuitable => "Long-term fostering cannot meet the child's needs",
            Outcome::MatchAgreed => "Match agreed",
            Outcome::MatchNotAgreed => "Match not agreed",
            Outcome::Deferred => "Deferred for further information",
            Outcome::PaymentApproved => "Payment approved",
            Outcome::PaymentRefused => "Payment refused",
            Outcome::Noted => "Noted",
            Outcome::DiscussionOnly => "Discussion only - relist",
        }
    }

    /// The outcomes an item type can have.
    pub fn for_item(item: ItemType) -> &'static [Outcome] {
        match item {
            ItemType::LtfSuitability => &[
                Outcome::LtfSuitable,
                Outcome::LtfUnsuitable,
                Outcome::Deferred,
            ],
            ItemType::Match | ItemType::Ratification => &[
                Outcome::MatchAgreed,
                Outcome::MatchNotAgreed,
                Outcome::Deferred,
            ],
            ItemType::Monitoring => &[Outcome::Noted, Outcome::Deferred],
            ItemType::DiscretionaryPayment => &[Outcome::PaymentApproved, Outcome::PaymentRefused],
        }
    }
}

/// The agency decision maker's decision on a recommendation (PANEL-006).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdmDecision {
    pub agreed: bool,
    pub decided_on: NaiveDate,
    pub by: String,
    pub reasons: String,
}

/// A referral to a panel: one item, with its pack and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub child_id: ChildId,
    pub forum: ForumKind,
    pub item: ItemType,
    /// What created it (PANEL-009), as a short code (`review_ltf_plan`).
    pub trigger: String,
    pub created: NaiveDate,
    /// The latest date it should be listed (PANEL-010).
    pub list_by: Option<NaiveDate>,
    /// Where the referral is in WF-PERM-PANEL.
    pub stage: ReferralStage,
    #[serde(default)]
    pub needs: PackNeeds,
    #[serde(default)]
    pub pack: Vec<PackEntry>,
    /// The carer the item concerns (matches), if any.
    #[serde(default)]
    pub carer: Option<String>,
    /// Carers live outside Leicestershire (PRIN-012).
    #[serde(default)]
    pub carer_out_of_area: bool,
    #[serde(default)]
    pub local_rationale: Option<String>,
    /// The meeting it is listed for, by its identifier.
    #[serde(default)]
    pub meeting: Option<String>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub reasons: Option<String>,
    /// What the panel asked for when it deferred, and by when (PANEL-004).
    #[serde(default)]
    pub further_information: Vec<String>,
    #[serde(default)]
    pub further_information_due: Option<NaiveDate>,
    /// The ADM agreed at the meeting itself.
    #[serde(default)]
    pub adm_agreed_at_meeting: bool,
    #[serde(default)]
    pub adm_decision: Option<AdmDecision>,
    #[serde(default)]
    pub communicated: Option<NaiveDate>,
    /// Representations about the outcome (PANEL-016).
    #[serde(default)]
    pub representations: Vec<Representation>,
    /// The panel's quality rating of each paper it rated, with the
    /// amendments it asked for (PANEL-013).
    #[serde(default)]
    pub quality: Vec<QualityReview>,
    /// The long-term fostering suitability assessment the pack's paper of
    /// that name is (PATH-017), as the social worker recorded it.
    #[serde(default)]
    pub ltf_assessment: Option<LtfAssessment>,
    /// The family-finding search log, when family finding is needed
    /// (PATH-019).
    #[serde(default)]
    pub searches: Vec<Search>,
}

impl Referral {
    pub fn new(
        child_id: ChildId,
        item: ItemType,
        trigger: impl Into<String>,
        created: NaiveDate,
        list_by: Option<NaiveDate>,
    ) -> Self {
        Self {
            child_id,
            forum: ForumKind::PermanencePanel,
            item,
            trigger: trigger.into(),
            created,
            list_by,
            stage: ReferralStage::Created,
            needs: PackNeeds::default(),
            pack: Vec::new(),
            carer: None,
            carer_out_of_area: false,
            local_rationale: None,
            meeting: None,
            outcome: None,
            reasons: None,
            further_information: Vec::new(),
            further_information_due: None,
            adm_agreed_at_meeting: false,
            adm_decision: None,
            communicated: None,
            representations: Vec::new(),
            quality: Vec::new(),
            ltf_assessment: None,
            searches: Vec::new(),
        }
    }

    /// The agency decision maker agreed the outcome, at the meeting or after.
    pub fn adm_agreed(&self) -> bool {
        self.adm_agreed_at_meeting || self.adm_decision.as_ref().is_some_and(|d| d.agreed)
    }

    /// The papers still missing, in checklist order.
    pub fn missing_papers(&self) -> Vec<PackDoc> {
        required_pack(self.item, self.needs)
            .into_iter()
            .filter(|d| !self.pack.iter().any(|e| e.doc == *d))
            .collect()
    }

    /// The date the pack became complete: the last required paper's date.
    pub fn pack_completed(&self) -> Option<NaiveDate> {
        if !self.missing_papers().is_empty() {
            return None;
        }
        let required = required_pack(self.item, self.needs);
        self.pack
            .iter()
            .filter(|e| required.contains(&e.doc))
            .map(|e| e.received)
            .max()
    }
}

/// What a person can do to a referral: the moves of WF-PERM-PANEL, and the
/// additions to its pack and record that go with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferralMove {
    /// Add a paper to the pack (the pack is then in preparation).
    AttachPaper,
    /// Say whether the child needs a new family found (Pack F, PATH-019).
    FamilyFinding,
    /// Record why carers outside Leicestershire are right (PRIN-012).
    LocalRationale,
    /// The team manager endorses the complete pack (ROLE-005).
    Endorse,
    /// The panel adviser lists the item for a meeting (PANEL-005, -011).
    List,
    /// The panel's outcome, at the meeting it was listed for (PANEL-006).
    RecordOutcome,
    /// The agency decision maker's decision on a recommendation (PANEL-006).
    AdmDecision,
    /// The child, carer and IRO were told the outcome (PANEL-015).
    Communicate,
    /// A representation about the outcome (PANEL-016).
    Representation,
}

impl ReferralMove {
    /// Every move, in the order the referral's page offers them.
    pub const ALL: [ReferralMove; 9] = [
        ReferralMove::AttachPaper,
        ReferralMove::FamilyFinding,
        ReferralMove::LocalRationale,
        ReferralMove::Endorse,
        ReferralMove::List,
        ReferralMove::RecordOutcome,
        ReferralMove::AdmDecision,
        ReferralMove::Communicate,
        ReferralMove::Representation,
    ];
}

/// The stages in which the pack is being prepared.
const PREPARING: [ReferralStage; 2] = [ReferralStage::Created, ReferralStage::Pack];

impl Referral {
    /// The panel reached an outcome on the item (not discussion only).
    pub fn has_outcome(&self) -> bool {
        self.outcome.is_some_and(|o| o != Outcome::DiscussionOnly)
    }

    /// The pack is still being prepared.
    pub fn in_preparation(&self) -> bool {
        PREPARING.contains(&self.stage)
    }

    /// Whether `user` may take `m` on this referral now: the one answer the
    /// referral's page and its use case share. Papers are added, and family
    /// finding decided, only while the pack is in preparation, by those
    /// WF-PERM-PANEL lets prepare it (and the team manager); the panel adviser
    /// may try to list an item still in preparation, so that the refusal
    /// names the papers missing (PANEL-005); the rest are WF-PERM-PANEL's
    /// moves by its roles.
    pub fn check_move(&self, user: &User, m: ReferralMove) -> Result<(), Refusal> {
        use Role::*;
        if !user.may(Permission::WorkOnPlans) {
            return Err(Refusal::Forbidden("work on panel referrals"));
        }
        let role = user.role;
        let take = |name: &str| -> Result<(), Refusal> {
            PERM_PANEL.take(self.stage.code(), name, &[role])?;
            Ok(())
        };
        let may = |name: &str| {
            PERM_PANEL
                .transition(name)
                .is_some_and(|t| t.roles.contains(&role))
        };
        match m {
            ReferralMove::AttachPaper if !self.in_preparation() => Err(Refusal::NotNow(format!(
                "papers can be added only while the pack is in preparation (now: {})",
                self.stage.label()
            ))),
            ReferralMove::AttachPaper if !may("prepare_pack") && role != TeamManager => {
                Err(Refusal::Forbidden("add papers to a panel pack"))
            }
            ReferralMove::FamilyFinding if !self.in_preparation() => Err(Refusal::NotNow(
                "family finding can be changed only while the pack is in preparation".into(),
            )),
            ReferralMove::FamilyFinding
                if !matches!(role, SocialWorker | TeamManager | FamilyFinder) =>
            {
                Err(Refusal::Forbidden("decide on family finding"))
            }
            ReferralMove::AttachPaper | ReferralMove::FamilyFinding => Ok(()),
            ReferralMove::LocalRationale if !self.carer_out_of_area => Err(Refusal::NotNow(
                "the carers live in Leicestershire: no local-placement rationale is needed".into(),
            )),
            ReferralMove::LocalRationale => Ok(()),
            ReferralMove::Representation if !self.has_outcome() => {
                Err(Refusal::NotNow(RepresentationError::NoOutcome.to_string()))
            }
            ReferralMove::Representation => Ok(()),
            ReferralMove::Endorse => take("endorse"),
            ReferralMove::List if self.in_preparation() && may("list") => Ok(()),
            ReferralMove::List => take("list"),
            ReferralMove::RecordOutcome if self.stage == ReferralStage::Listed => {
                take("hear")?;
                PERM_PANEL.take(ReferralStage::Heard.code(), "record_outcome", &[role])?;
                Ok(())
            }
            ReferralMove::RecordOutcome => take("record_outcome"),
            ReferralMove::AdmDecision => take("adm_decide"),
            ReferralMove::Communicate => take("communicate"),
        }
    }

    /// The moves `user` may take on this referral now.
    pub fn moves(&self, user: &User) -> Vec<ReferralMove> {
        ReferralMove::ALL
            .into_iter()
            .filter(|m| self.check_move(user, *m).is_ok())
            .collect()
    }
}

/// Whether `user` may refer a permanent foster match for a child with this
/// plan and these referrals (PANEL-009 (2), WF-LTF-MATCH): the child's social
/// worker, their team manager or a family finder, once the Permanence Panel
/// has found long-term fostering suitable (PANEL-003), while no other match
/// is in progress.
pub fn check_match_referral(
    user: &User,
    plan: &PermanencePlan,
    referrals: &[Referral],
) -> Result<(), Refusal> {
    use Role::*;
    if !user.may(Permission::WorkOnPlans)
        || !matches!(user.role, SocialWorker | TeamManager | FamilyFinder)
    {
        return Err(Refusal::NotNow(
            "a match is referred by the child's social worker, their team manager or a family finder".into(),
        ));
    }
    if ltf_found_suitable(referrals).is_none() {
        return Err(Refusal::NotNow(
            "the Permanence Panel has not yet found long-term fostering suitable for this child (PANEL-003)".into(),
        ));
    }
    if plan.pathway != Some(Pathway::LongTermFostering) {
        return Err(Refusal::NotNow(
            "the plan is not long-term fostering".into(),
        ));
    }
    let open = |r: &&Referral| {
        !matches!(
            r.stage,
            ReferralStage::Closed | ReferralStage::Communicated | ReferralStage::Withdrawn
        )
    };
    if referrals
        .iter()
        .filter(open)
        .any(|r| r.item == ItemType::Match)
    {
        return Err(Refusal::NotNow(
            "a match referral is already in progress".into(),
        ));
    }
    Ok(())
}

/// The referral on which the Permanence Panel found long-term fostering
/// suitable, with the agency decision maker agreeing (PANEL-003, PANEL-006).
pub fn ltf_found_suitable(referrals: &[Referral]) -> Option<&Referral> {
    referrals.iter().find(|r| {
        r.item == ItemType::LtfSuitability
            && r.outcome == Some(Outcome::LtfSuitable)
            && r.adm_agreed()
    })
}

/// Why an item cannot be listed for a meeting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListingError {
    #[error("pack incomplete: {}", .0.iter().map(|d| d.label()).collect::<Vec<_>>().join("; "))]
    PackIncomplete(Vec<PackDoc>),
    #[error(
        "the pack was completed on {completed}, after the cut-off of {cutoff} for this meeting: list it for the next meeting"
    )]
    AfterCutoff {
        completed: NaiveDate,
        cutoff: NaiveDate,
    },
    #[error("the carers live outside Leicestershire: the local-placement rationale is required")]
    LocalRationaleMissing,
    #[error("chair not configured")]
    NoChair,
}

/// Whether `referral` may be listed for a meeting of `forum` on `meeting`
/// (PANEL-005, PANEL-007, PANEL-011, PRIN-012).
pub fn check_listing(
    forum: &Forum,
    referral: &Referral,
    meeting: NaiveDate,
) -> Result<(), ListingError> {
    let missing = referral.missing_papers();
    if !missing.is_empty() {
        return Err(ListingError::PackIncomplete(missing));
    }
    if referral.carer_out_of_area
        && referral
            .local_rationale
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
    {
        return Err(ListingError::LocalRationaleMissing);
    }
    if forum.chair_on(meeting).is_none() {
        return Err(ListingError::NoChair);
    }
    let cutoff = forum.cutoff_for(meeting);
    if let Some(completed) = referral.pack_completed()
        && completed > cutoff
    {
        return Err(ListingError::AfterCutoff { completed, cutoff });
    }
    Ok(())
}

/// Why an outcome cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutcomeError {
    #[error("the meeting was not quorate: the item is discussion only and must be relisted")]
    Inquorate,
    #[error("\"{outcome}\" is not an outcome for a {item} item")]
    WrongOutcome {
        outcome: &'static str,
        item: &'static str,
    },
    #[error("a deferral must list the further information needed and the date it is due")]
    DeferralIncomplete,
    #[error("the reasons for the outcome are required")]
    NoReasons,
}

/// What the panel decided, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedOutcome {
    pub outcome: Outcome,
    pub reasons: String,
    pub further_information: Vec<String>,
    pub further_information_due: Option<NaiveDate>,
    /// An ADM-role holder present agreed it at the meeting.
    pub adm_agreed: bool,
}

/// Records the panel's outcome on `referral`; returns the next WF-PERM-PANEL
/// stage: `outcome` when the ADM agreed at the meeting, `adm` when the ADM
/// must still confirm (PANEL-006), `listed` when inquorate (PANEL-008).
pub fn record_outcome(
    forum: &Forum,
    attendees: &[Attendance],
    referral: &mut Referral,
    proposed: ProposedOutcome,
) -> Result<ReferralStage, OutcomeError> {
    if !is_quorate(forum, attendees) {
        referral.outcome = Some(Outcome::DiscussionOnly);
        referral.stage = ReferralStage::Listed;
        return Err(OutcomeError::Inquorate);
    }
    if !Outcome::for_item(referral.item).contains(&proposed.outcome) {
        return Err(OutcomeError::WrongOutcome {
            outcome: proposed.outcome.label(),
            item: referral.item.label(),
        });
    }
    if proposed.reasons.trim().is_empty() {
        return Err(OutcomeError::NoReasons);
    }
    if proposed.outcome == Outcome::Deferred
        && (proposed
            .further_information
            .iter()
            .all(|s| s.trim().is_empty())
            || proposed.further_information_due.is_none())
    {
        return Err(OutcomeError::DeferralIncomplete);
    }
    let adm_present = attendees
        .iter()
        .any(|a| a.seat == SeatRole::AgencyDecisionMaker);
    referral.outcome = Some(proposed.outcome);
    referral.reasons = Some(proposed.reasons);
    referral.further_information = proposed.further_information;
    referral.further_information_due = proposed.further_information_due;
    referral.adm_agreed_at_meeting = adm_present && proposed.adm_agreed;
    let next = if proposed.outcome == Outcome::Deferred || referral.adm_agreed_at_meeting {
        ReferralStage::Outcome
    } else {
        ReferralStage::Adm
    };
    referral.stage = next;
    Ok(next)
}

/// The date the ADM's confirmation is due: 5 working days after the meeting
/// (PANEL-006).
pub fn adm_confirmation_due(meeting: NaiveDate) -> NaiveDate {
    timescale::adm_decision().after(meeting)
}

// ---------------------------------------------------------------------------
// PANEL-002: every agenda item has exactly one item type.

// An agenda item is a `Referral`, whose `item` is one `ItemType` (not
// optional): PANEL-009 creates it with its type.

// ---------------------------------------------------------------------------
// PANEL-009: referrals created automatically.

/// What creates a Permanence Panel referral (PANEL-009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralTrigger {
    /// (1) A review ratifies, or proposes, long-term fostering as the plan.
    ReviewLtfPlan,
    /// (2) A permanent foster match is proposed, with the current carer too.
    MatchProposed,
    /// (3) A change of plan to long-term fostering is proposed.
    ChangeToLtf,
    /// (3) A change of plan away from long-term fostering is proposed.
    ChangeFromLtf,
    /// (4) A monitoring review falls due (PANEL-012).
    MonitoringDue,
    /// (5) A long-term caring arrangement needs ratification.
    LongTermArrangement,
    /// (6) A Team Manager recommends a discretionary payment (PANEL-017).
    PaymentRecommended,
}

impl ReferralTrigger {
    /// The code stored as the referral's `trigger`.
    pub fn code(self) -> &'static str {
        match self {
            ReferralTrigger::ReviewLtfPlan => "review_ltf_plan",
            ReferralTrigger::MatchProposed => "match_proposed",
            ReferralTrigger::ChangeToLtf => "change_to_ltf",
            ReferralTrigger::ChangeFromLtf => "change_from_ltf",
            ReferralTrigger::MonitoringDue => "monitoring_due",
            ReferralTrigger::LongTermArrangement => "long_term_arrangement",
            ReferralTrigger::PaymentRecommended => "payment_recommended",
        }
    }

    /// The item type the referral is for. A change away from long-term
    /// fostering is heard as a monitoring review of the plan, the nearest of
    /// PANEL-002's types.
    pub fn item(self) -> ItemType {
        match self {
            ReferralTrigger::ReviewLtfPlan | ReferralTrigger::ChangeToLtf => {
                ItemType::LtfSuitability
            }
            ReferralTrigger::MatchProposed => ItemType::Match,
            ReferralTrigger::ChangeFromLtf | ReferralTrigger::MonitoringDue => ItemType::Monitoring,
            ReferralTrigger::LongTermArrangement => ItemType::Ratification,
            ReferralTrigger::PaymentRecommended => ItemType::DiscretionaryPayment,
        }
    }
}

/// PANEL-009: the referral a trigger creates, dated the day of the trigger;
/// a long-term fostering plan carries its "list by" date (PANEL-010).
pub fn referral_for(child_id: ChildId, trigger: ReferralTrigger, on: NaiveDate) -> Referral {
    let list_by =
        (trigger.item() == ItemType::LtfSuitability).then(|| timescale::ltf_to_panel().after(on));
    Referral::new(child_id, trigger.item(), trigger.code(), on, list_by)
}

// ---------------------------------------------------------------------------
// PANEL-011: offering the next meeting.

/// PANEL-011: the first of `meetings` for which the referral can be listed:
/// the meeting a pack that missed one cut-off is offered instead.
pub fn first_listable_meeting(
    forum: &Forum,
    referral: &Referral,
    meetings: &[NaiveDate],
) -> Option<NaiveDate> {
    let mut dates = meetings.to_vec();
    dates.sort();
    dates
        .into_iter()
        .find(|m| check_listing(forum, referral, *m).is_ok())
}

mod quality_and_representations;
pub use quality_and_representations::*;

#[cfg(test)]
mod tests;
