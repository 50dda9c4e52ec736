//! The lifecycles of the roles a household holds, as the spec's workflows
//! give them (WF-ADOPTER, WF-FOST-APPLICANT with WF-FOST-REVIEW, WF-KIN,
//! WF-SG, WF-STAYPUT, WF-SL, WF-PANEL-MEMBER): each a table of states and
//! of named steps with the roles that take them, and the events each step
//! records for the deadline engine.

use crate::deadlines::EventKind::{self, *};
use crate::permanence::workflow::{State, Transition, Workflow};
use crate::roles::Role::{self, *};

const fn t(
    name: &'static str,
    label: &'static str,
    from: &'static [&'static str],
    to: &'static str,
    roles: &'static [Role],
) -> Transition {
    Transition {
        name,
        label,
        from,
        to,
        roles,
    }
}

const fn s(code: &'static str, label: &'static str) -> State {
    State { code, label }
}

/// The staff who work with carers' households.
const WORKERS: &[Role] = &[
    AssessingSocialWorker,
    SupervisingSocialWorker,
    PostOrderSupportWorker,
    FamilyFinder,
    TeamManager,
    ServiceManager,
];
const PANEL: &[Role] = &[PanelAdviser];
const ADM: &[Role] = &[AgencyDecisionMaker];
/// The nominated senior officer, who gives and extends a connected
/// person's temporary approval (KIN-103, KIN-104).
const SENIOR: &[Role] = crate::fostering::kinship::SENIOR_OFFICERS;
const REVIEWERS: &[Role] = &[IndependentReviewingOfficer, SupervisingSocialWorker];
/// Who records a carer's training: their supervising social worker (who
/// makes sure new carers meet the TSD standards, PATH-021) or a manager.
const TRAINING: &[Role] = &[SupervisingSocialWorker, TeamManager, ServiceManager];
/// Who visits an approved foster carer (FOST-022): their supervising social
/// worker, or the team manager.
const VISITORS: &[Role] = &[SupervisingSocialWorker, TeamManager];

/// WF-ADOPTER: the adopters' journey from enquiry to the adoption order.
pub static ADOPTER: Workflow = Workflow {
    id: "WF-ADOPTER",
    title: "Adopter journey",
    states: &[
        s("enquiry", "Enquiry"),
        s("info_event", "Information event attended"),
        s("initial_visit", "Initial visit"),
        s("stage_one", "Stage One (checks and preparation)"),
        s("between_stages", "Gap between stages"),
        s("stage_two", "Stage Two (home study)"),
        s("panel", "Adoption panel"),
        s("adm", "Agency decision"),
        s("not_approved", "Not approved"),
        s("approved", "Approved - waiting"),
        s("linked", "Linked or matched"),
        s("placed", "Child placed"),
        s("adopted", "Adoption order made"),
        s("closed", "Closed"),
        s("withdrawn", "Closed - withdrawn"),
    ],
    transitions: &[
        t(
            "attend_event",
            "Record the information event",
            &["enquiry"],
            "info_event",
            WORKERS,
        ),
        t(
            "visit",
            "Record the initial visit",
            &["enquiry", "info_event"],
            "initial_visit",
            WORKERS,
        ),
        t(
            "register",
            "Register (ROI received): start Stage One",
            &["initial_visit"],
            "stage_one",
            WORKERS,
        ),
        t(
            "complete_stage_one",
            "Record Stage One completed",
            &["stage_one"],
            "between_stages",
            WORKERS,
        ),
        t(
            "start_stage_two",
            "Start Stage Two",
            &["between_stages"],
            "stage_two",
            WORKERS,
        ),
        t(
            "complete_stage_two",
            "Record Stage Two completed (PAR to panel)",
            &["stage_two"],
            "panel",
            WORKERS,
        ),
        t(
            "recommend",
            "Record the panel's recommendation",
            &["panel"],
            "adm",
            PANEL,
        ),
        t(
            "defer",
            "Record the panel deferred (back to Stage Two)",
            &["panel"],
            "stage_two",
            PANEL,
        ),
        t(
            "approve",
            "Approve the adopters (qualifying determination)",
            &["adm"],
            "approved",
            ADM,
        ),
        t("refuse", "Do not approve", &["adm"], "not_approved", ADM),
        t(
            "refer_to_nar",
            "Record the referral to the National Adoption Register",
            &["approved"],
            "",
            WORKERS,
        ),
        t(
            "offer_support",
            "Record post-approval support offered",
            &["approved", "linked"],
            "",
            WORKERS,
        ),
        t(
            "link",
            "Record a link or match",
            &["approved"],
            "linked",
            WORKERS,
        ),
        t(
            "place",
            "Record the child placed",
            &["linked"],
            "placed",
            WORKERS,
        ),
        t(
            "order",
            "Record the adoption order",
            &["placed"],
            "adopted",
            WORKERS,
        ),
        t(
            "close",
            "Close",
            &["not_approved", "approved", "adopted"],
            "closed",
            WORKERS,
        ),
        t(
            "withdraw",
            "Close - withdrawn",
            &[
                "enquiry",
                "info_event",
                "initial_visit",
                "stage_one",
                "between_stages",
                "stage_two",
                "panel",
                "approved",
                "linked",
            ],
            "withdrawn",
            WORKERS,
        ),
        // ADOPT-034, ADOPT-035, ADOPT-017 (the adoption helper's rows).
        t(
            "request_information",
            "Ask for further information before deciding",
            &["adm"],
            "",
            ADM,
        ),
        t(
            "appeal",
            "Record an appeal to the Independent Review Mechanism",
            &["not_approved"],
            "adm",
            WORKERS,
        ),
        t(
            "opt_out_of_nar",
            "Record the adopters opted out of the National Adoption Register",
            &["approved"],
            "",
            WORKERS,
        ),
    ],
};

/// WF-FOST-APPLICANT, with the review cycle of WF-FOST-REVIEW once approved.
pub static FOST_APPLICANT: Workflow = Workflow {
    id: "WF-FOST-APPLICANT",
    title: "Foster carer recruitment to approval",
    states: &[
        s("enquiry", "Enquiry"),
        s("initial_visit", "Initial visit"),
        s("stage_one", "Stage 1 (paperwork and checks)"),
        s("form_f", "Form F assessment"),
        s("panel", "Fostering panel"),
        s("adm", "Agency decision"),
        s("not_approved", "Not approved"),
        s("approved", "Approved"),
        s("review_adm", "Review awaiting the agency decision"),
        s(
            "terms_panel",
            "Change of terms at the fostering panel and awaiting ADM",
        ),
        s("closed", "Closed"),
        s("withdrawn", "Closed - withdrawn"),
        s(
            "allegation",
            "Allegation under investigation (WF-FOST-ALLEGATION)",
        ),
        s("on_hold", "On hold"),
    ],
    transitions: &[
        t(
            "record_enquiry",
            "Record the enquiry and its reply",
            &["enquiry"],
            "",
            WORKERS,
        ),
        t(
            "visit",
            "Record the initial visit",
            &["enquiry"],
            "initial_visit",
            WORKERS,
        ),
        t(
            "proceed",
            "Proceed to assessment (PTAD)",
            &["initial_visit"],
            "stage_one",
            WORKERS,
        ),
        t(
            "not_proceed",
            "Do not proceed to assessment (PTAD)",
            &["initial_visit"],
            "closed",
            WORKERS,
        ),
        t(
            "start_form_f",
            "Start the Form F assessment",
            &["stage_one"],
            "form_f",
            WORKERS,
        ),
        t(
            "complete_form_f",
            "Record the Form F completed (to panel)",
            &["form_f"],
            "panel",
            WORKERS,
        ),
        t(
            "pre_panel",
            "Record the pre-panel meeting (the week before the panel)",
            &["panel"],
            "",
            PANEL,
        ),
        t(
            "recommend",
            "Record the panel's recommendation",
            &["panel"],
            "adm",
            PANEL,
        ),
        t(
            "defer",
            "Record the panel deferred",
            &["panel"],
            "form_f",
            PANEL,
        ),
        t(
            "approve",
            "Approve the foster carers",
            &["adm"],
            "approved",
            ADM,
        ),
        t("refuse", "Do not approve", &["adm"], "not_approved", ADM),
        t(
            "review",
            "Record the annual review",
            &["approved"],
            "review_adm",
            REVIEWERS,
        ),
        t(
            "complete_tsd",
            "Record the TSD standards (core training) completed",
            APPROVED,
            "",
            TRAINING,
        ),
        t(
            "review_at_panel",
            "Record the review heard at panel",
            &["approved"],
            "review_adm",
            PANEL,
        ),
        t(
            "ssw_visit",
            "Record a supervising social worker's visit",
            APPROVED,
            "",
            VISITORS,
        ),
        t(
            "short_break",
            "Record a short break given (FOST-033)",
            APPROVED,
            "",
            VISITORS,
        ),
        t(
            "book_training",
            "Book a training course",
            APPROVED,
            "",
            TRAINING,
        ),
        t(
            "record_training",
            "Record attendance at a training course",
            APPROVED,
            "",
            TRAINING,
        ),
        t(
            "review_decision",
            "Record the agency decision on the review",
            &["review_adm"],
            "approved",
            ADM,
        ),
        t(
            "deregister",
            "Deregister",
            &["approved", "not_approved", "allegation", "on_hold"],
            "closed",
            WORKERS,
        ),
        t(
            "withdraw",
            "Close - withdrawn",
            &["enquiry", "initial_visit", "stage_one", "form_f", "panel"],
            "withdrawn",
            WORKERS,
        ),
        t(
            "refer_terms",
            "Refer a change of terms to the fostering panel (long-term for a named child)",
            &["approved"],
            "terms_panel",
            WORKERS,
        ),
        t(
            "recommend_terms",
            "Record the panel's recommendation: long-term for a named child",
            &["terms_panel"],
            "",
            PANEL,
        ),
        t(
            "decide_terms",
            "Record the agency decision on the change of terms",
            &["terms_panel"],
            "approved",
            ADM,
        ),
        // WF-FOST-ALLEGATION, FOST-016, FOST-030 and FOST-046.
        t(
            "log_allegation",
            "Log an allegation about the carers",
            &["approved", "review_adm", "terms_panel", "on_hold"],
            "allegation",
            WORKERS,
        ),
        t(
            "refer_lado",
            "Record the referral to the LADO",
            &["allegation"],
            "",
            WORKERS,
        ),
        t(
            "position_of_trust",
            "Record the Position of Trust meeting",
            &["allegation"],
            "",
            WORKERS,
        ),
        t(
            "conclude_allegation",
            "Record the outcome of the allegation",
            &["allegation"],
            "approved",
            ADM,
        ),
        t(
            "interim_report",
            "Record the interim report to the fostering panel",
            &["approved", "review_adm", "allegation", "on_hold"],
            "",
            WORKERS,
        ),
        t(
            "record_concern",
            "Record an informal concern the carer raised",
            APPROVED,
            "",
            WORKERS,
        ),
        t(
            "put_on_hold",
            "Put the carers on hold",
            &["approved"],
            "on_hold",
            WORKERS,
        ),
        t(
            "resume",
            "Take the carers off hold",
            &["on_hold"],
            "approved",
            WORKERS,
        ),
        t(
            "change_fee_level",
            "Change the fee level",
            APPROVED,
            "",
            TRAINING,
        ),
        t(
            "confirm_place",
            "Confirm a place for a carer on a waiting list",
            APPROVED,
            "",
            TRAINING,
        ),
    ],
};

/// An approved foster carer's states, in which their life goes on (visits,
/// training, concerns).
const APPROVED: &[&str] = &[
    "approved",
    "review_adm",
    "terms_panel",
    "allegation",
    "on_hold",
];

/// WF-KIN: a connected person's assessment, approval and reviews.
pub static KIN: Workflow = Workflow {
    id: "WF-KIN",
    title: "Kinship / connected person assessment",
    states: &[
        s("referral", "Referral (named child)"),
        s("iva", "Initial viability assessment"),
        s("screening", "Positive IVA: team manager screening"),
        s("full_assessment", "Full assessment"),
        s("panel", "Fostering panel"),
        s("adm", "Agency decision"),
        s("approved", "Approved kinship foster carer"),
        s("review_adm", "Review awaiting the agency decision"),
        s("negative", "Negative assessment"),
        s("order", "Order made (SGO or CAO)"),
        s("closed", "Closed"),
        s("withdrawn", "Closed - withdrawn"),
    ],
    transitions: &[
        t(
            "start_iva",
            "Start the viability assessment",
            &["referral"],
            "iva",
            WORKERS,
        ),
        t(
            "iva_positive",
            "Record the IVA positive and approved",
            &["iva"],
            "screening",
            WORKERS,
        ),
        t(
            "iva_negative",
            "Record the IVA negative",
            &["iva"],
            "negative",
            WORKERS,
        ),
        t(
            "temporary_approval",
            "Give temporary approval (Reg 24): child placed",
            &["screening"],
            "full_assessment",
            SENIOR,
        ),
        t(
            "extend_temporary_approval",
            "Extend the temporary approval by 8 weeks",
            &["full_assessment"],
            "",
            SENIOR,
        ),
        t(
            "court_direction",
            "Record the court's direction for an assessment",
            &[
                "referral",
                "iva",
                "screening",
                "full_assessment",
                "panel",
                "adm",
            ],
            "",
            WORKERS,
        ),
        t(
            "file_with_court",
            "Record the assessment filed with the court",
            &["approved", "negative", "order"],
            "",
            WORKERS,
        ),
        t(
            "long_term",
            "Record long-term kinship fostering as the outcome",
            &["approved"],
            "",
            WORKERS,
        ),
        t(
            "start_full_assessment",
            "Start the full assessment",
            &["screening"],
            "full_assessment",
            WORKERS,
        ),
        t(
            "meet_social_worker",
            "Record the assessor's meeting with the child's social worker",
            &["screening", "full_assessment"],
            "",
            WORKERS,
        ),
        t(
            "complete_assessment",
            "Record the full assessment completed",
            &["full_assessment"],
            "panel",
            WORKERS,
        ),
        t(
            "recommend",
            "Record the panel's recommendation",
            &["panel"],
            "adm",
            PANEL,
        ),
        t(
            "approve",
            "Approve as kinship foster carers",
            &["adm"],
            "approved",
            ADM,
        ),
        t("refuse", "Do not approve", &["adm"], "negative", ADM),
        t(
            "review",
            "Record the annual review",
            &["approved"],
            "review_adm",
            REVIEWERS,
        ),
        t(
            "review_decision",
            "Record the agency decision on the review",
            &["review_adm"],
            "approved",
            ADM,
        ),
        t(
            "complete_tsd",
            "Record the TSD standards (core training) completed",
            &["approved", "review_adm"],
            "",
            TRAINING,
        ),
        t(
            "support_plan",
            "Record the kinship support plan (Form K) completed",
            &["approved", "review_adm"],
            "",
            WORKERS,
        ),
        t(
            "order",
            "Record an SGO or CAO made",
            &["approved", "full_assessment"],
            "order",
            WORKERS,
        ),
        t(
            "close",
            "Close",
            &["negative", "order", "approved"],
            "closed",
            WORKERS,
        ),
        t(
            "withdraw",
            "Close - withdrawn",
            &["referral", "iva", "screening", "full_assessment", "panel"],
            "withdrawn",
            WORKERS,
        ),
        // KIN-003: the Kinship Team Manager screens before panel or court.
        t(
            "screen",
            "Record the team manager's screening sign-off",
            &["screening", "full_assessment"],
            "",
            &[TeamManager],
        ),
    ],
};

mod other_roles;
pub use other_roles::*;

/// The events each step records: (workflow, step, events).
pub(super) const STEP_EVENTS: &[(&str, &str, &[EventKind])] = &[
    ("WF-ADOPTER", "register", &[AdopterRegistration]),
    (
        "WF-ADOPTER",
        "complete_stage_one",
        &[AdopterStageOneCompleted],
    ),
    ("WF-ADOPTER", "start_stage_two", &[AdopterStageTwoStarted]),
    (
        "WF-ADOPTER",
        "complete_stage_two",
        &[AdopterStageTwoCompleted],
    ),
    ("WF-ADOPTER", "recommend", &[AdoptionPanelRecommendation]),
    (
        "WF-ADOPTER",
        "approve",
        &[AdoptionAgencyDecision, AdopterApproved],
    ),
    ("WF-ADOPTER", "refuse", &[AdoptionAgencyDecision]),
    ("WF-ADOPTER", "order", &[AdoptionOrderMade]),
    ("WF-ADOPTER", "refer_to_nar", &[AdopterReferredToNar]),
    ("WF-ADOPTER", "offer_support", &[PostApprovalSupportOffered]),
    ("WF-ADOPTER", "withdraw", &[CaseClosed]),
    ("WF-ADOPTER", "close", &[CaseClosed]),
    ("WF-FOST-APPLICANT", "visit", &[FosteringInitialVisit]),
    (
        "WF-FOST-APPLICANT",
        "start_form_f",
        &[FosteringAssessmentStarted],
    ),
    ("WF-FOST-APPLICANT", "complete_form_f", &[FormFCompleted]),
    ("WF-FOST-APPLICANT", "recommend", &[PanelRecommendation]),
    (
        "WF-FOST-APPLICANT",
        "approve",
        &[AgencyDecision, FosterCarerApproved],
    ),
    ("WF-FOST-APPLICANT", "refuse", &[AgencyDecision]),
    ("WF-FOST-APPLICANT", "review", &[FosterCarerReviewed]),
    (
        "WF-FOST-APPLICANT",
        "complete_tsd",
        &[TsdStandardsCompleted],
    ),
    (
        "WF-FOST-APPLICANT",
        "review_at_panel",
        &[FosterCarerReviewed, PanelRecommendation],
    ),
    ("WF-FOST-APPLICANT", "review_decision", &[AgencyDecision]),
    ("WF-FOST-APPLICANT", "deregister", &[CaseClosed]),
    ("WF-FOST-APPLICANT", "withdraw", &[CaseClosed]),
    ("WF-KIN", "iva_positive", &[IvaApproved]),
    ("WF-KIN", "temporary_approval", &[Reg24TemporaryApproval]),
    ("WF-KIN", "extend_temporary_approval", &[Reg24Extended]),
    (
        "WF-KIN",
        "court_direction",
        &[CourtKinshipAssessmentDirected],
    ),
    ("WF-KIN", "file_with_court", &[CourtKinshipAssessmentFiled]),
    (
        "WF-KIN",
        "complete_assessment",
        &[KinshipAssessmentCompleted],
    ),
    ("WF-KIN", "recommend", &[PanelRecommendation]),
    (
        "WF-KIN",
        "approve",
        &[AgencyDecision, ConnectedPersonApproved],
    ),
    ("WF-KIN", "refuse", &[AgencyDecision, Reg24Ended]),
    ("WF-KIN", "review", &[FosterCarerReviewed]),
    ("WF-KIN", "complete_tsd", &[TsdStandardsCompleted]),
    ("WF-KIN", "support_plan", &[KinshipSupportPlanCompleted]),
    (
        "WF-KIN",
        "meet_social_worker",
        &[KinshipAssessorMetSocialWorker],
    ),
    ("WF-KIN", "review_decision", &[AgencyDecision]),
    ("WF-KIN", "close", &[CaseClosed]),
    ("WF-KIN", "withdraw", &[CaseClosed, Reg24Ended]),
    ("WF-SG", "call", &[PostOrderCall]),
    ("WF-SG", "close", &[CaseClosed]),
    ("WF-STAYPUT", "visit", &[StayingPutVisit]),
    ("WF-STAYPUT", "end", &[CaseClosed]),
    ("WF-SL", "approve", &[SupportedLodgingsHostApproved]),
    ("WF-SL", "review", &[SupportedLodgingsHostReviewed]),
    ("WF-SL", "deregister", &[CaseClosed]),
    ("WF-SL", "continue_privately", &[CaseClosed]),
    ("WF-PANEL-MEMBER", "review", &[PanelMemberReviewed]),
    ("WF-PANEL-MEMBER", "leave", &[CaseClosed]),
    ("WF-ADOPTER", "opt_out_of_nar", &[AdopterNarOptOut]),
    ("WF-FOST-APPLICANT", "not_proceed", &[CaseClosed]),
    ("WF-FOST-APPLICANT", "ssw_visit", &[SupervisingVisit]),
    (
        "WF-FOST-APPLICANT",
        "log_allegation",
        &[FosterAllegationLogged],
    ),
    (
        "WF-FOST-APPLICANT",
        "interim_report",
        &[FosterInterimReport],
    ),
];

/// The events a step of a workflow records.
pub fn step_events(workflow: &str, step: &str) -> &'static [EventKind] {
    STEP_EVENTS
        .iter()
        .find(|(w, s, _)| *w == workflow && *s == step)
        .map_or(&[], |(_, _, e)| e)
}
