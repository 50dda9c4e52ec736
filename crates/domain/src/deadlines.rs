//! The statutory deadline engine.
//!
//! A deadline rule ([`DeadlineRule`]) says which event starts a timescale, how
//! long it is, what meets it, what withdraws it, who is responsible, when it
//! counts as due soon and to whom a missed one escalates. The rules are data,
//! in one table ([`crate::deadline_rules::RULES`]); this module turns a
//! subject's events into deadlines, and deadlines into worklists.
//!
//! A rule whose trigger has not happened produces nothing. A deadline whose
//! trigger is undone (the child leaves care, an order is revoked, a new
//! placement replaces the one it was about) is withdrawn, and a chain of
//! recurring deadlines ends there.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Period;
use crate::roles::Role;
use crate::time::age_on;

macro_rules! event_kinds {
    ($( $variant:ident = $name:literal, $label:literal; )+) => {
        /// Things that happen to a child, a family or a case, which start,
        /// meet or withdraw deadlines.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum EventKind {
            $( #[doc = $label] #[serde(rename = $name)] $variant, )+
        }

        impl EventKind {
            /// Every kind of event.
            pub const ALL: &'static [EventKind] = &[ $( EventKind::$variant, )+ ];

            /// The kind's stored name (`social_worker_visit`).
            pub fn name(self) -> &'static str {
                match self { $( EventKind::$variant => $name, )+ }
            }

            /// The kind in words (`Social worker visit`).
            pub fn label(self) -> &'static str {
                match self { $( EventKind::$variant => $label, )+ }
            }

            /// Whether the care journey itself records this event (episodes,
            /// reviews, orders), rather than a recorded activity.
            pub fn from_journey(self) -> bool {
                matches!(
                    self,
                    EventKind::EnteredCare
                        | EventKind::PlacementStarted
                        | EventKind::LongTermPlacementStarted
                        | EventKind::ReviewHeld
                        | EventKind::PlacementOrderMade
                        | EventKind::PlacedForAdoption
                        | EventKind::LeftCare
                        | EventKind::SpecialGuardianshipOrderMade
                        | EventKind::AdoptionOrderMade
                        | EventKind::ChildArrangementsOrderMade
                        | EventKind::OrderRevoked
                )
            }

            /// Reads a stored name.
            pub fn parse(name: &str) -> Option<EventKind> {
                match name { $( $name => Some(EventKind::$variant), )+ _ => None }
            }
        }
    };
}

event_kinds! {
        EnteredCare = "entered_care", "Entered care";
        PlacementStarted = "placement_started", "Placement started";
        LongTermPlacementStarted = "long_term_placement_started", "Long-term placement started";
        ReviewHeld = "review_held", "Review held";
        PlacementOrderMade = "placement_order_made", "Placement order made";
        PlacedForAdoption = "placed_for_adoption", "Placed for adoption";
        LeftCare = "left_care", "Left care";
        SpecialGuardianshipOrderMade = "special_guardianship_order_made", "Special guardianship order made";
        AdoptionOrderMade = "adoption_order_made", "Adoption order made";
        ChildArrangementsOrderMade = "child_arrangements_order_made", "Child arrangements order made";
        OrderRevoked = "order_revoked", "Order revoked";
        SocialWorkerVisit = "social_worker_visit", "Social worker visit";
        HealthAssessment = "health_assessment", "Health assessment";
        PersonalEducationPlan = "personal_education_plan", "Personal education plan meeting";
        PermanencePlanRatified = "permanence_plan_ratified", "Permanence plan ratified";
        CarePlanUpdated = "care_plan_updated", "Care plan updated";
        BestInterestDecision = "best_interest_decision", "Best interest decision (ADM)";
        AdoptionPlanAgreed = "adoption_plan_agreed", "Adoption agreed as the plan";
        PackARequested = "pack_a_requested", "Pack A requested";
        MatchAgreed = "match_agreed", "Match agreed";
        RegionalLinkFound = "regional_link_found", "Regional link found";
        NationalSearchReferral = "national_search_referral", "Referred for national family finding";
        ExpressionOfInterestReceived = "expression_of_interest_received", "Expression of interest received";
        ExpressionOfInterestAnswered = "expression_of_interest_answered", "Expression of interest answered";
        PanelRecommendation = "panel_recommendation", "Panel recommendation";
        AgencyDecision = "agency_decision", "Agency decision";
        Reg24TemporaryApproval = "reg24_temporary_approval", "Temporary approval (Reg 24)";
        Reg24Extended = "reg24_extended", "Temporary approval extended";
        Reg24Ended = "reg24_ended", "Temporary approval ended";
        ConnectedPersonApproved = "connected_person_approved", "Connected person approved as foster carer";
        CourtKinshipAssessmentDirected = "court_kinship_assessment_directed", "Court directed a kinship assessment";
        CourtKinshipAssessmentFiled = "court_kinship_assessment_filed", "Kinship assessment filed with the court";
        FosteringAssessmentStarted = "fostering_assessment_started", "Fostering assessment started";
        FormFCompleted = "form_f_completed", "Form F completed";
        AdopterRegistration = "adopter_registration", "Adopters registered";
        AdopterStageOneCompleted = "adopter_stage_one_completed", "Adopter stage one completed";
        AdopterStageTwoStarted = "adopter_stage_two_started", "Adopter stage two started";
        AdopterStageTwoCompleted = "adopter_stage_two_completed", "Adopter stage two completed";
        SupportRequested = "support_requested", "Support requested";
        AssessmentOfNeedCompleted = "assessment_of_need_completed", "Assessment of need completed";
        SupportPlanAgreed = "support_plan_agreed", "Support plan agreed";
        SupportPlanResponse = "support_plan_response", "Response to support plan";
        PostOrderVisit = "post_order_visit", "Post-order visit";
        PostOrderCall = "post_order_call", "Post-order call";
        CaseClosed = "case_closed", "Case closed";
        ComplaintStage1Received = "complaint_stage1_received", "Complaint received (stage 1)";
        ComplaintStage1Responded = "complaint_stage1_responded", "Stage 1 response sent";
        ComplaintStage2Requested = "complaint_stage2_requested", "Stage 2 investigation requested";
        ComplaintStage2Responded = "complaint_stage2_responded", "Stage 2 response sent";
        ComplaintStage3Requested = "complaint_stage3_requested", "Stage 3 review panel requested";
        ComplaintStage3PanelHeld = "complaint_stage3_panel_held", "Stage 3 review panel held";
        ComplaintWithdrawn = "complaint_withdrawn", "Complaint withdrawn";
        VirtualSchoolEnquiry = "virtual_school_enquiry", "Virtual School enquiry logged";
        VirtualSchoolResponse = "virtual_school_response", "Virtual School response";
        IroIssueRaised = "iro_issue_raised", "IRO raised an issue";
        IroIssueResolved = "iro_issue_resolved", "IRO issue resolved";
        PanelMeetingHeld = "panel_meeting_held", "Panel meeting held";
        PanelMinutesApproved = "panel_minutes_approved", "Panel minutes approved";
        PreOrderChangeNotified = "pre_order_change_notified", "Significant change notified before the adoption order";
        PostOrderChangeNotified = "post_order_change_notified", "Change of circumstances notified after the order";
        SupportPlanReviewed = "support_plan_reviewed", "Support plan reviewed";
        SupportPlanEnded = "support_plan_ended", "Support plan ended";
        SgoAllowanceStarted = "sgo_allowance_started", "SGO/CAO allowance started";
        SgoAllowanceReviewed = "sgo_allowance_reviewed", "SGO/CAO allowance reviewed (means test re-run)";
        SgoAllowanceEnded = "sgo_allowance_ended", "SGO/CAO allowance ended";
        FreeCoursePublished = "free_course_published", "Free online course published";
        FreeCourseReplaced = "free_course_replaced", "Free online course replaced";
        ComplaintStage1ExtensionAgreed = "complaint_stage1_extension_agreed", "Stage 1 extension agreed with the complainant";
        ComplaintLeftProcedure = "complaint_left_procedure", "Complaint taken out of the procedure (safeguarding, redirected or resolved locally)";
        ComplaintStage2Refused = "complaint_stage2_refused", "Stage 2 escalation refused (care proceedings)";
        StatementOfPurposePublished = "statement_of_purpose_published", "Statement of Purpose published";
        StatementOfPurposeReviewed = "statement_of_purpose_reviewed", "Statement of Purpose reviewed";
        PermanentExclusion = "permanent_exclusion", "Permanent exclusion from school took effect";
        AlternativeProvisionStarted = "alternative_provision_started", "Full-time alternative education provision started";
        CareProceedingsIssued = "care_proceedings_issued", "Care proceedings issued";
        PermanenceTrackingStarted = "permanence_tracking_started", "Permanence tracker record started";
        AdopterApproved = "adopter_approved", "Adopters approved by the ADM";
        AdopterNarOptOut = "adopter_nar_opt_out", "Approved adopters opted out of the National Adoption Register";
        PostApprovalSupportOffered = "post_approval_support_offered", "Post-approval training or support group offered to adopters";
        NationalSearchCaseDiscussion = "national_search_case_discussion", "National search case discussion held (service manager, team manager and social worker)";
        NonAgencyAdoptionNotified = "non_agency_adoption_notified", "Notice of intention to adopt received (non-agency adoption)";
        FosteringInitialVisit = "fostering_initial_visit", "Fostering initial visit";
        FosterCarerApproved = "foster_carer_approved", "Foster carer approved";
        FosterCarerReviewed = "foster_carer_reviewed", "Foster carer review completed by the reviewing officer";
        AdoptionPanelMemberAppointed = "adoption_panel_member_appointed", "Adoption panel member appointed";
        FosteringPanelMemberAppointed = "fostering_panel_member_appointed", "Fostering panel member appointed";
        PanelMemberReviewed = "panel_member_reviewed", "Panel member annual review held";
        KinshipAssessmentCompleted = "kinship_assessment_completed", "Connected person full assessment completed";
        IvaApproved = "iva_approved", "Initial viability assessment approved";
        KinshipAssessorMetSocialWorker = "kinship_assessor_met_social_worker", "Kinship assessor met the child's social worker";
        TsdStandardsCompleted = "tsd_standards_completed", "TSD standards completed";
        KinshipSupportPlanCompleted = "kinship_support_plan_completed", "Kinship support plan (Form K) completed";
        StayingPutStarted = "staying_put_started", "Staying Put arrangement started";
        StayingPutVisit = "staying_put_visit", "Staying Put monitoring visit";
        SupportedLodgingsHostApproved = "supported_lodgings_host_approved", "Supported Lodgings host approved";
        SupportedLodgingsHostReviewed = "supported_lodgings_host_reviewed", "Supported Lodgings host annual review held";
        ExploitationRiskHigh = "exploitation_risk_high", "Exploitation risk rated high";
        FormReviewHeld = "form_review_held", "Reviewed at the Fortnightly Operational Review Meeting (FORM)";
        ExploitationRiskDowngraded = "exploitation_risk_downgraded", "Exploitation risk downgraded at FORM";
        AdopterReferredToNar = "adopter_referred_to_nar", "Approved adopters referred to the National Adoption Register";
        PermanencePanelOutcome = "permanence_panel_outcome", "Permanence Panel outcome recorded for the child";
        PanelOutcomeCommunicated = "panel_outcome_communicated", "Child, carer and IRO told the Permanence Panel outcome";
        LtfFoundUnsuitable = "ltf_found_unsuitable", "Permanence Panel found long-term fostering unsuitable";
        LtfPlanAgreed = "ltf_plan_agreed", "Long-term fostering agreed as the plan at review";
        PermanencePanelListed = "permanence_panel_listed", "Listed for a Permanence Panel meeting";
        PanelMonitoringItemHeard = "panel_monitoring_item_heard", "Permanence Panel monitoring item heard";
        EmergencyPlacementStarted = "emergency_placement_started", "Emergency (unplanned) placement started";
        PlacementPlanFinalised = "placement_plan_finalised", "Placement plan finalised";
        PermanencePlanDistributed = "permanence_plan_distributed", "Permanence plan sent to everyone working to it";
        IroIssueEscalated = "iro_issue_escalated", "IRO issue moved to the next stage";
        IroStageResponse = "iro_stage_response", "Response to an IRO issue at its current stage";
        ReviewDecisionsCirculated = "review_decisions_circulated", "Review decisions circulated";
        ReviewRecordCompleted = "review_record_completed", "Review record completed";
        PermanenceAssessmentStarted = "permanence_assessment_started", "Assessment for the permanence plan started";
        PermanenceAssessmentCompleted = "permanence_assessment_completed", "Assessment for the permanence plan completed";
        PermanentOrderAdviceOffered = "permanent_order_advice_offered", "Legal and financial advice on permanent orders offered to the carer";
        ComplaintsInformationGiven = "complaints_information_given", "Complaints, representations and advocacy information given";
        PathwayPlanCompleted = "pathway_plan_completed", "Pathway Plan completed";
        CarerInformationShared = "carer_information_shared", "Information about the child shared with the carer";
        PathwayPlanReviewed = "pathway_plan_reviewed", "Pathway Plan reviewed and updated";
        LifeStoryWorkStarted = "life_story_work_started", "Direct work or life story work started";
        PermanenceDiscussionRecorded = "permanence_discussion_recorded", "Permanence discussion recorded";
        LtfFoundSuitable = "ltf_found_suitable", "Permanence Panel found long-term fostering suitable (ratified)";
        AdoptionPanelRecommendation = "adoption_panel_recommendation", "Adoption panel recommendation";
        AdoptionAgencyDecision = "adoption_agency_decision", "Agency decision on an adoption panel recommendation";
        SupervisionDiscussion = "supervision_discussion", "Discussed in supervision or a Pod";
        ServiceManagerOversight = "service_manager_oversight", "Service manager oversight entry";
        SupervisingVisit = "supervising_visit", "Supervising social worker's visit to a foster carer";
        FosterAllegationLogged = "foster_allegation_logged", "Allegation about a foster carer logged";
        FosterInterimReport = "foster_interim_report", "Interim report on a foster carer to the fostering panel";
}

/// One event, on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Event {
    pub date: NaiveDate,
    pub kind: EventKind,
}

/// How often a recurring timescale repeats once the first is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Interval {
    Every(Period),
    /// One period while the subject is younger than `years` at the last
    /// occasion, another after (health assessments: 6-monthly under 5).
    ByAge {
        years: u32,
        younger: Period,
        older: Period,
    },
}

/// When a rule's deadlines fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Schedule {
    /// One deadline, a period after each trigger.
    Once(Period),
    /// Deadlines one after another: the first periods in turn, each counted
    /// from the day the one before was met, then `then` for as long as the
    /// trigger stands. A new trigger of the same kind starts the chain again.
    Chain {
        first: &'static [Period],
        then: Option<Interval>,
    },
    /// Deadlines at fixed periods after the trigger, each met by the next
    /// meeting event after the one before (post-order calls at 6, 12 ... months).
    Fixed(&'static [Period]),
    /// Due on the `occasion`-th deadline of another rule for the same trigger:
    /// the day it was met, or its due date while it is not (a plan ratified
    /// by the second review).
    ByOccasionOf { rule: &'static str, occasion: usize },
}

/// One timescale the service must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeadlineRule {
    /// The spec's rule ID (`TRACK-001`).
    pub id: &'static str,
    /// What must happen, in plain words.
    pub title: &'static str,
    pub starts: EventKind,
    pub schedule: Schedule,
    pub met_by: EventKind,
    pub withdrawn_by: &'static [EventKind],
    pub responsible: Role,
    /// A deadline is due soon from this long before it.
    pub warn: Period,
    /// Who hears of a missed deadline.
    pub escalate_to: Role,
    /// Whether a meeting event before the trigger counts (a gate that must
    /// already be passed by the trigger's date, such as a tracker opened
    /// before proceedings are issued).
    pub met_by_earlier: bool,
    /// The rule applies to triggers on or after this date (CONV-001).
    pub effective_from: Option<NaiveDate>,
    /// ... and on or before this one.
    pub effective_to: Option<NaiveDate>,
}

impl DeadlineRule {
    /// Whether the rule applies to a trigger on this date (CONV-001).
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.effective_from.is_none_or(|f| date >= f) && self.effective_to.is_none_or(|t| date <= t)
    }

    /// The day a timescale started on `started` stops standing: when an
    /// event withdraws it, or, for a chain, when the same trigger happens
    /// again (a new placement, a new period of care). `None` while it stands.
    pub fn stands_until(&self, events: &[Event], started: NaiveDate) -> Option<NaiveDate> {
        let withdrawn = events
            .iter()
            .filter(|e| e.date >= started && self.withdrawn_by.contains(&e.kind))
            .map(|e| e.date)
            .min();
        let restarted = match self.schedule {
            Schedule::Chain { .. } => events
                .iter()
                .filter(|e| e.kind == self.starts && e.date > started)
                .map(|e| e.date)
                .min(),
            _ => None,
        };
        match (withdrawn, restarted) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// The period to the `step`-th deadline of a chain (counting from 0), the
/// previous one having been met on `from`; `None` when the chain is over.
pub fn chain_period(
    first: &[Period],
    then: Option<Interval>,
    step: usize,
    from: NaiveDate,
    facts: SubjectFacts,
) -> Option<Period> {
    match first.get(step) {
        Some(p) => Some(*p),
        None => match then? {
            Interval::Every(p) => Some(p),
            Interval::ByAge {
                years,
                younger,
                older,
            } => {
                let young = facts
                    .date_of_birth
                    .is_some_and(|dob| age_on(dob, from) < years);
                Some(if young { younger } else { older })
            }
        },
    }
}

/// A deadline: a rule's timescale for one trigger, and whether it was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub rule: &'static DeadlineRule,
    /// The date of the event that started the timescale.
    pub started: NaiveDate,
    pub due: NaiveDate,
    pub met: Option<NaiveDate>,
}

/// Where a deadline stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Overdue,
    DueSoon,
    Upcoming,
    MetLate,
    Met,
}

impl Deadline {
    /// Where the deadline stands on `as_of`.
    pub fn standing(&self, as_of: NaiveDate) -> Standing {
        match self.met {
            Some(on) if on <= self.due => Standing::Met,
            Some(_) => Standing::MetLate,
            None if self.due < as_of => Standing::Overdue,
            None if self.rule.warn.before(self.due) <= as_of => Standing::DueSoon,
            None => Standing::Upcoming,
        }
    }

    /// Days from `as_of` to the due date (negative when overdue).
    pub fn days_left(&self, as_of: NaiveDate) -> i64 {
        (self.due - as_of).num_days()
    }
}

/// What the engine needs to know of a subject besides its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SubjectFacts {
    pub date_of_birth: Option<NaiveDate>,
}

/// Every deadline the rules give for one subject's events (sorted by date),
/// met or open; withdrawn ones are left out.
pub fn deadlines(
    rules: &'static [DeadlineRule],
    events: &[Event],
    facts: SubjectFacts,
) -> Vec<Deadline> {
    collect(rules, events, facts, false)
}

/// Only the deadlines not yet met (what worklists and alerts need), found
/// without walking the history of triggers already undone.
pub fn open_deadlines(
    rules: &'static [DeadlineRule],
    events: &[Event],
    facts: SubjectFacts,
) -> Vec<Deadline> {
    collect(rules, events, facts, true)
}

fn collect(
    rules: &'static [DeadlineRule],
    events: &[Event],
    facts: SubjectFacts,
    open_only: bool,
) -> Vec<Deadline> {
    // Which kinds of event the subject has: a rule whose trigger is absent
    // is skipped without looking at the events again.
    let mut present = KindSet::default();
    for e in events {
        present.insert(e.kind);
    }
    let by_kind = ByKind::new(events);
    let mut out = Vec::new();
    for rule in rules {
        if present.contains(rule.starts) {
            apply_rule(rule, &by_kind, facts, open_only, &mut out);
        }
    }
    out
}

/// A set of event kinds as bits.
#[derive(Default)]
struct KindSet([u64; 4]);

const _: () = assert!(EventKind::ALL.len() <= 256, "KindSet needs more words");

impl KindSet {
    fn insert(&mut self, kind: EventKind) {
        let i = kind as usize;
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn contains(&self, kind: EventKind) -> bool {
        let i = kind as usize;
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

fn rules_by_id(id: &str) -> impl Iterator<Item = &'static DeadlineRule> + '_ {
    crate::deadline_rules::RULES
        .iter()
        .filter(move |r| r.id == id)
}

/// For a chain or a fixed schedule that stands, the due date of its open
/// deadline (`Some(None)` when every deadline is met); `None` for other
/// schedules. Each meeting event after the trigger meets the next deadline
/// in turn (one a day at most), whatever its date, so counting them is enough.
fn open_in_sequence(
    rule: &DeadlineRule,
    events: &ByKind,
    started: NaiveDate,
    facts: SubjectFacts,
) -> Option<Option<NaiveDate>> {
    let meetings = events.of(rule.met_by);
    let first_index = meetings.partition_point(|e| e.date < started);
    let mut count = 0usize;
    let mut last: Option<NaiveDate> = None;
    for e in &meetings[first_index..] {
        if last.is_none_or(|l| e.date > l) {
            count += 1;
            last = Some(e.date);
        }
    }
    match rule.schedule {
        Schedule::Chain { first, then } => {
            let from = last.unwrap_or(started);
            Some(chain_period(first, then, count, from, facts).map(|p| p.after(from)))
        }
        Schedule::Fixed(periods) => Some(periods.get(count).map(|p| p.after(started))),
        _ => None,
    }
}

/// A subject's events by kind, then date: the lookups every rule makes
/// (its triggers, what withdraws them, what meets them) are binary searches.
struct ByKind(Vec<Event>);

impl ByKind {
    fn new(events: &[Event]) -> Self {
        let mut sorted = events.to_vec();
        sorted.sort_unstable_by_key(|e| (e.kind, e.date));
        Self(sorted)
    }

    /// The events of one kind, in date order.
    fn of(&self, kind: EventKind) -> &[Event] {
        let start = self.0.partition_point(|e| e.kind < kind);
        let end = start + self.0[start..].partition_point(|e| e.kind == kind);
        &self.0[start..end]
    }

    /// The date of the first event of a kind on or after a date.
    fn next(&self, kind: EventKind, after: NaiveDate) -> Option<NaiveDate> {
        let of = self.of(kind);
        of.get(of.partition_point(|e| e.date < after))
            .map(|e| e.date)
    }

    /// [`DeadlineRule::stands_until`], by lookups.
    fn stands_until(&self, rule: &DeadlineRule, started: NaiveDate) -> Option<NaiveDate> {
        let withdrawn = rule
            .withdrawn_by
            .iter()
            .filter_map(|k| self.next(*k, started))
            .min();
        let restarted = match rule.schedule {
            Schedule::Chain { .. } => started
                .succ_opt()
                .and_then(|next_day| self.next(rule.starts, next_day)),
            _ => None,
        };
        match (withdrawn, restarted) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

fn apply_rule(
    rule: &'static DeadlineRule,
    events: &ByKind,
    facts: SubjectFacts,
    open_only: bool,
    out: &mut Vec<Deadline>,
) {
    let triggers = events
        .of(rule.starts)
        .iter()
        .filter(|e| rule.in_force_on(e.date));
    for trigger in triggers {
        let started = trigger.date;
        let stands_until = events.stands_until(rule, started);
        // Once a trigger is undone every unmet deadline it gave is withdrawn,
        // so a caller that wants only open deadlines need not walk its history.
        if open_only && stands_until.is_some() {
            continue;
        }
        let met_in_time = |m: &NaiveDate| stands_until.is_none_or(|end| *m <= end);
        let mut push = |due: NaiveDate, met: Option<NaiveDate>| -> bool {
            // A deadline not met before its trigger was undone is withdrawn:
            // nobody can act on it any more.
            if met.is_none() && stands_until.is_some() {
                return false;
            }
            if !(open_only && met.is_some()) {
                out.push(Deadline {
                    rule,
                    started,
                    due,
                    met,
                });
            }
            true
        };
        if open_only && let Some(open) = open_in_sequence(rule, events, started, facts) {
            // Chains and fixed schedules consume their meeting events in
            // order, so the one open deadline follows from the last of them.
            out.extend(open.map(|due| Deadline {
                rule,
                started,
                due,
                met: None,
            }));
            continue;
        }
        match rule.schedule {
            Schedule::ByOccasionOf {
                rule: other,
                occasion,
            } => {
                let Some(other) = rules_by_id(other).find(|r| r.starts == rule.starts) else {
                    continue;
                };
                let mut theirs = Vec::new();
                apply_rule(other, events, facts, false, &mut theirs);
                let Some(that) = theirs
                    .iter()
                    .filter(|d| d.started == started)
                    .nth(occasion - 1)
                else {
                    continue;
                };
                let due = that.met.unwrap_or(that.due);
                push(due, events.next(rule.met_by, started).filter(met_in_time));
            }
            Schedule::Once(period) => {
                let from = if rule.met_by_earlier {
                    NaiveDate::MIN
                } else {
                    started
                };
                push(
                    period.after(started),
                    events.next(rule.met_by, from).filter(met_in_time),
                );
            }
            Schedule::Fixed(periods) => {
                let mut from = started;
                for period in periods {
                    let met = events.next(rule.met_by, from).filter(met_in_time);
                    if !push(period.after(started), met) {
                        break;
                    }
                    match met {
                        Some(m) => from = m.succ_opt().unwrap_or(m),
                        None => break,
                    }
                }
            }
            Schedule::Chain { first, then } => {
                let mut from = started;
                let mut step = 0usize;
                while let Some(period) = chain_period(first, then, step, from, facts) {
                    // Met by the first meeting event after the previous occasion
                    // (a review held early still counts), while the chain stands.
                    let after = if step == 0 {
                        from
                    } else {
                        from.succ_opt().unwrap_or(from)
                    };
                    let met = events.next(rule.met_by, after).filter(met_in_time);
                    if !push(period.after(from), met) {
                        break;
                    }
                    match met {
                        Some(m) => from = m,
                        None => break,
                    }
                    step += 1;
                }
            }
        }
    }
}
