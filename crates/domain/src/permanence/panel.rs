//! The Permanence Panel and the other decision forums: membership, meetings,
//! referrals with their pack, listing, quorum, outcomes and the agency
//! decision maker (PANEL-).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar;

/// A decision forum the spec names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForumKind {
    /// Established February 2016 (PANEL-001).
    PermanencePanel,
    /// Child Decision Making Panel (PANEL-018, ADOPT-003).
    ChildDecisionMaking,
    AdoptionPanel,
    FosteringPanel,
}

impl ForumKind {
    pub const ALL: [ForumKind; 4] = [
        ForumKind::PermanencePanel,
        ForumKind::ChildDecisionMaking,
        ForumKind::AdoptionPanel,
        ForumKind::FosteringPanel,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ForumKind::PermanencePanel => "permanence_panel",
            ForumKind::ChildDecisionMaking => "child_decision_making",
            ForumKind::AdoptionPanel => "adoption_panel",
            ForumKind::FosteringPanel => "fostering_panel",
        }
    }

    pub fn parse(code: &str) -> Option<ForumKind> {
        ForumKind::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ForumKind::PermanencePanel => "Permanence Panel",
            ForumKind::ChildDecisionMaking => "Child Decision Making Panel",
            ForumKind::AdoptionPanel => "Adoption Panel",
            ForumKind::FosteringPanel => "Fostering Panel",
        }
    }
}

/// A member's role on a panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatRole {
    Chair,
    ViceChair,
    /// A person holding the agency decision maker role (GOV-010).
    AgencyDecisionMaker,
    Member,
    /// The panel adviser or administrator: attends, does not count to quorum.
    Adviser,
}

impl SeatRole {
    pub fn label(self) -> &'static str {
        match self {
            SeatRole::Chair => "Chair",
            SeatRole::ViceChair => "Vice-chair",
            SeatRole::AgencyDecisionMaker => "Agency decision maker",
            SeatRole::Member => "Member",
            SeatRole::Adviser => "Panel adviser",
        }
    }
}

/// One membership of a panel, from and to a date (PANEL-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub person: String,
    pub seat: SeatRole,
    pub from: NaiveDate,
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl Membership {
    pub fn current_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// A forum's configuration, with the spec's defaults (PANEL-007, -008, -011).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forum {
    pub kind: ForumKind,
    pub members: Vec<Membership>,
    /// Meetings a year (12: monthly, PANEL-011's default).
    pub meetings_per_year: u32,
    /// A pack must be complete this many working days before the meeting.
    pub cutoff_working_days: u32,
    /// Members beyond the chair and the ADM needed for quorum (PANEL-008: one).
    pub quorum_others: u32,
}

impl Forum {
    /// A forum with the spec's defaults and no members yet.
    pub fn with_defaults(kind: ForumKind) -> Self {
        Self {
            kind,
            members: Vec::new(),
            meetings_per_year: 12,
            cutoff_working_days: 10,
            quorum_others: 1,
        }
    }

    /// The chair (or vice-chair) on a date.
    pub fn chair_on(&self, date: NaiveDate) -> Option<&Membership> {
        self.members
            .iter()
            .find(|m| m.seat == SeatRole::Chair && m.current_on(date))
    }

    /// The last day a pack may be completed for a meeting on `date` (PANEL-011).
    pub fn cutoff_for(&self, meeting: NaiveDate) -> NaiveDate {
        calendar::Period::WorkingDays(self.cutoff_working_days).before(meeting)
    }
}

/// Why a meeting cannot be created.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ForumError {
    #[error("chair not configured")]
    NoChair,
}

/// PANEL-007: a meeting may be created only with a chair configured.
pub fn check_meeting_can_be_created(forum: &Forum, date: NaiveDate) -> Result<(), ForumError> {
    forum.chair_on(date).map(|_| ()).ok_or(ForumError::NoChair)
}

/// A person at a meeting, in their seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub person: String,
    pub seat: SeatRole,
}

/// PANEL-008: chair (or vice-chair), an ADM-role holder and `others` more members.
pub fn is_quorate(forum: &Forum, attendees: &[Attendance]) -> bool {
    let chair = attendees
        .iter()
        .any(|a| matches!(a.seat, SeatRole::Chair | SeatRole::ViceChair));
    let adm = attendees
        .iter()
        .any(|a| a.seat == SeatRole::AgencyDecisionMaker);
    let others = attendees
        .iter()
        .filter(|a| a.seat == SeatRole::Member)
        .count() as u32
        + attendees
            .iter()
            .filter(|a| matches!(a.seat, SeatRole::Chair | SeatRole::ViceChair))
            .count()
            .saturating_sub(1) as u32;
    chair && adm && others >= forum.quorum_others
}

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
                if needs.family_finding {
                    docs.push(PackF);
                }
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
    pub child_id: String,
    pub forum: ForumKind,
    pub item: ItemType,
    /// What created it (PANEL-009), as a short code (`review_ltf_plan`).
    pub trigger: String,
    pub created: NaiveDate,
    /// The latest date it should be listed (PANEL-010).
    pub list_by: Option<NaiveDate>,
    /// The WF-PERM-PANEL state code.
    pub stage: String,
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
}

impl Referral {
    pub fn new(
        child_id: impl Into<String>,
        item: ItemType,
        trigger: impl Into<String>,
        created: NaiveDate,
        list_by: Option<NaiveDate>,
    ) -> Self {
        Self {
            child_id: child_id.into(),
            forum: ForumKind::PermanencePanel,
            item,
            trigger: trigger.into(),
            created,
            list_by,
            stage: "created".into(),
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
        }
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
) -> Result<&'static str, OutcomeError> {
    if !is_quorate(forum, attendees) {
        referral.outcome = Some(Outcome::DiscussionOnly);
        referral.stage = "listed".into();
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
        "outcome"
    } else {
        "adm"
    };
    referral.stage = next.into();
    Ok(next)
}

/// The date the ADM's confirmation is due: 5 working days after the meeting
/// (PANEL-006).
pub fn adm_confirmation_due(meeting: NaiveDate) -> NaiveDate {
    calendar::add_working_days(meeting, 5)
}
