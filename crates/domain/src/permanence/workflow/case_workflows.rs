//! The workflows of the cases that run beside the plan: a return home, a
//! safety plan, an order's exit, a discretionary payment and the drift
//! list's own (WF-RETURN-HOME, WF-SAFETY-PLAN, WF-ORDER-EXIT,
//! WF-DISC-PAYMENT, WF-DRIFT). Re-exported by [`super`].

use super::*;

stages! {
    /// The stages of a return home (WF-RETURN-HOME).
    ReturnHomeStage {
        Planned = "planned" => "Return home is the plan",
        Working = "working" => "Work towards return",
        Readiness = "readiness" => "Readiness decision",
        Approval = "approval" => "Approval",
        Returned = "returned" => "Returned",
        Discharge = "discharge" => "Care order discharge",
        Closed = "closed" => "Closed",
        Withdrawn = "withdrawn" => "Closed - withdrawn",
    }
}

/// WF-RETURN-HOME: reunification from care.
pub static RETURN_HOME: Workflow = Workflow {
    id: "WF-RETURN-HOME",
    title: "Return home",
    states: ReturnHomeStage::STATES,
    transitions: &[
        t(
            "start_work",
            "Start work towards return",
            &["planned"],
            "working",
            &[SocialWorker],
        ),
        t(
            "assess_readiness",
            "Assess readiness",
            &["working"],
            "readiness",
            &[SocialWorker, TeamManager],
        ),
        t(
            "seek_approval",
            "Seek approval",
            &["readiness"],
            "approval",
            &[SocialWorker, TeamManager],
        ),
        t(
            "approve",
            "Approve the return (nominated officer)",
            &["approval"],
            "returned",
            &[ServiceManager],
        ),
        t(
            "close_s20",
            "Close (section 20 episode ends)",
            &["returned"],
            "closed",
            &[SocialWorker],
        ),
        t(
            "seek_discharge",
            "Apply to discharge the care order",
            &["returned"],
            "discharge",
            &[SocialWorker, TeamManager],
        ),
        t(
            "discharged",
            "Care order discharged",
            &["discharge"],
            "closed",
            &[SocialWorker],
        ),
        t(
            "withdraw",
            "Withdraw (change of plan)",
            &["planned", "working", "readiness", "approval"],
            WITHDRAWN,
            &[SocialWorker, TeamManager],
        ),
    ],
};

stages! {
    /// The stages of the pre-proceedings family route (WF-SAFETY-PLAN).
    SafetyPlanStage {
        PreProceedings = "pre_proceedings" => "Pre-proceedings",
        SafetyMeeting = "safety_meeting" => "Safety Meeting for Family and Friends",
        SafetyPlan = "safety_plan" => "Safety Plan at home",
        Proceedings = "proceedings" => "Care proceedings or accommodation",
        Closed = "closed" => "Closed - proceedings avoided",
    }
}

/// WF-SAFETY-PLAN: the pre-proceedings family route.
pub static SAFETY_PLAN: Workflow = Workflow {
    id: "WF-SAFETY-PLAN",
    title: "Safety plan",
    states: SafetyPlanStage::STATES,
    transitions: &[
        t(
            "hold_safety_meeting",
            "Hold a Safety Meeting for Family and Friends",
            &["pre_proceedings"],
            "safety_meeting",
            &[SocialWorker],
        ),
        t(
            "start_safety_plan",
            "Start a Safety Plan at home",
            &["safety_meeting"],
            "safety_plan",
            &[SocialWorker],
        ),
        t(
            "issue_proceedings",
            "Issue proceedings or accommodate",
            // From pre-proceedings too: PATH-004 warns when proceedings
            // are issued with no Safety Meeting held.
            &["pre_proceedings", "safety_meeting", "safety_plan"],
            "proceedings",
            &[TeamManager, ServiceManager],
        ),
        t(
            "close",
            "Close (proceedings avoided)",
            &["safety_plan"],
            "closed",
            &[SocialWorker, TeamManager],
        ),
    ],
};

stages! {
    /// The stages of leaving care on a CAO or SGO (WF-ORDER-EXIT).
    OrderExitStage {
        AdviceOffered = "advice_offered" => "Advice offered",
        IntendsToApply = "intends_to_apply" => "Carer intends to apply",
        SupportAssessment = "support_assessment" => "Support assessment",
        SupportPlan = "support_plan" => "Support plan agreed",
        OrderMade = "order_made" => "Order made",
        Closed = "closed" => "Closed",
    }
}

/// WF-ORDER-EXIT: from care to a CAO or SGO.
pub static ORDER_EXIT: Workflow = Workflow {
    id: "WF-ORDER-EXIT",
    title: "Leaving care on a CAO or SGO",
    states: OrderExitStage::STATES,
    transitions: &[
        t(
            "carer_intends",
            "Carer intends to apply",
            &["advice_offered"],
            "intends_to_apply",
            &[SocialWorker, SupervisingSocialWorker],
        ),
        t(
            "declined",
            "Carer declines",
            &["advice_offered"],
            "closed",
            &[SocialWorker, SupervisingSocialWorker],
        ),
        t(
            "assess_support",
            "Assess support",
            &["intends_to_apply"],
            "support_assessment",
            &[SocialWorker],
        ),
        t(
            "agree_support_plan",
            "Agree the support plan",
            &["support_assessment"],
            "support_plan",
            &[SocialWorker],
        ),
        t(
            "order_made",
            "Record the order",
            &["support_plan"],
            "order_made",
            &[SocialWorker],
        ),
        t("close", "Close", &["order_made"], "closed", SYSTEM),
    ],
};

stages! {
    /// The stages of a discretionary payment (WF-DISC-PAYMENT).
    PaymentStage {
        NeedIdentified = "need_identified" => "Need identified",
        FormPending = "form_pending" => "Need assessed: Additional Payments form pending",
        NotNeeded = "not_needed" => "Closed - no additional payment needed",
        FormCompleted = "form_completed" => "Additional Payments form completed",
        TmReview = "tm_review" => "Team manager review",
        Panel = "panel" => "Recommended to the Permanence Panel",
        Approved = "approved" => "Approved",
        Refused = "refused" => "Refused",
        Appeal = "appeal" => "Appeal to the service manager",
        Paid = "paid" => "Paid",
    }
}

/// WF-DISC-PAYMENT: a discretionary payment through the Permanence Panel.
pub static DISC_PAYMENT: Workflow = Workflow {
    id: "WF-DISC-PAYMENT",
    title: "Discretionary payment",
    states: PaymentStage::STATES,
    transitions: &[
        // PAY-003: the supervising social worker (foster and connected
        // carers) or the adoption social worker explores and assesses the
        // need; only their outcome "additional payment required" opens the
        // Additional Payments form.
        t(
            "assess_need",
            "Assess the need: an additional payment is required",
            &["need_identified"],
            "form_pending",
            &[SupervisingSocialWorker, SocialWorker],
        ),
        t(
            "assess_not_needed",
            "Assess the need: no additional payment is needed",
            &["need_identified"],
            "not_needed",
            &[SupervisingSocialWorker, SocialWorker],
        ),
        t(
            "complete_form",
            "Record the Additional Payments form",
            &["form_pending"],
            "form_completed",
            &[SupervisingSocialWorker, SocialWorker],
        ),
        t(
            "submit",
            "Send to the team manager",
            &["form_completed"],
            "tm_review",
            &[SupervisingSocialWorker, SocialWorker],
        ),
        t(
            "tm_recommend",
            "Team manager recommends to panel",
            &["tm_review"],
            "panel",
            &[TeamManager],
        ),
        t(
            "tm_refuse",
            "Team manager refuses",
            &["tm_review"],
            "refused",
            &[TeamManager],
        ),
        t(
            "panel_approve",
            "Panel approves",
            &["panel"],
            "approved",
            &[PanelAdviser],
        ),
        t(
            "panel_refuse",
            "Panel refuses",
            &["panel"],
            "refused",
            &[PanelAdviser],
        ),
        t(
            "appeal",
            "Lodge an appeal",
            &["refused"],
            "appeal",
            &[SupervisingSocialWorker, SocialWorker],
        ),
        t(
            "appeal_upheld",
            "Service manager upholds the appeal",
            &["appeal"],
            "approved",
            &[ServiceManager],
        ),
        t(
            "appeal_dismissed",
            "Service manager dismisses the appeal",
            &["appeal"],
            "refused",
            &[ServiceManager],
        ),
        t(
            "pay",
            "Record the payment",
            &["approved"],
            "paid",
            &[FinanceOfficer],
        ),
    ],
};

stages! {
    /// The stages of a drift reason (WF-DRIFT).
    DriftStage {
        Open = "open" => "Open",
        Owned = "owned" => "Owned by the team manager",
        Discussed = "discussed" => "Discussed in supervision or Pod",
        SmOversight = "sm_oversight" => "Service manager oversight recorded",
        Cleared = "cleared" => "Cleared",
    }
}

/// WF-DRIFT: a drift reason's lifecycle.
pub static DRIFT: Workflow = Workflow {
    id: "WF-DRIFT",
    title: "Drift reason",
    states: DriftStage::STATES,
    transitions: &[
        t(
            "assign",
            "Assign the team manager",
            &["open"],
            "owned",
            SYSTEM,
        ),
        t(
            "discuss",
            "Record a supervision or Pod discussion",
            &["owned", "discussed", "sm_oversight"],
            "discussed",
            &[TeamManager, SocialWorker],
        ),
        t(
            "sm_oversight",
            "Record service manager oversight",
            &["owned", "discussed", "sm_oversight"],
            "sm_oversight",
            &[ServiceManager],
        ),
        t(
            "clear",
            "Clear (its condition is met)",
            &["open", "owned", "discussed", "sm_oversight"],
            "cleared",
            SYSTEM,
        ),
    ],
};
