//! The chapter's workflows as state machines: each a table of states and of
//! named transitions, with the roles that may take each one.
//!
//! A record that follows a workflow stores its state's code. The use case
//! that moves it asks [`Workflow::take`] whether the move is allowed for the
//! user's roles, then saves the new state and an audit event named
//! `<workflow>.<transition>` in one transaction. "Closed - withdrawn" is
//! reachable from every open state (section 10's reading note), by the roles
//! that may start the workflow.

use serde::{Deserialize, Serialize};

use crate::roles::Role::{self, *};

/// A state of a workflow: its stored code and the name people use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct State {
    pub code: &'static str,
    pub label: &'static str,
}

/// A named move from one of several states to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub name: &'static str,
    pub label: &'static str,
    pub from: &'static [&'static str],
    pub to: &'static str,
    /// Who may take it. A system move (timer, automatic trigger) lists no role.
    pub roles: &'static [Role],
}

/// A workflow from section 10 of the chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Workflow {
    /// The spec's identifier (`WF-PERM-PANEL`).
    pub id: &'static str,
    pub title: &'static str,
    pub states: &'static [State],
    pub transitions: &'static [Transition],
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("{workflow} has no step called \"{transition}\"")]
    UnknownTransition {
        workflow: &'static str,
        transition: String,
    },
    #[error("\"{transition}\" cannot be taken from \"{state}\"")]
    WrongState {
        transition: &'static str,
        state: String,
    },
    #[error("\"{transition}\" must be taken by {allowed}")]
    NotAllowed {
        transition: &'static str,
        allowed: String,
    },
    #[error("\"{transition}\" is taken by the system, not by a person")]
    SystemOnly { transition: &'static str },
}

/// A workflow's stage as a type (each workflow's enum is made by `stages!`).
pub trait Stage: Copy + Eq + 'static {
    /// The code a record stores.
    fn code(self) -> &'static str;
    /// The stage with this code.
    fn parse(code: &str) -> Option<Self>;
}

/// Why a person may not take a move on a record now: their role does not
/// allow it (naming what they may not do), or the record is not where the
/// move can be taken (saying why). The page offers only the moves that pass;
/// the use case refuses the others with this.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("you do not have permission to {0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    NotNow(String),
}

impl From<WorkflowError> for Refusal {
    fn from(e: WorkflowError) -> Self {
        Refusal::NotNow(e.to_string())
    }
}

/// The code of the state every workflow may be withdrawn to.
pub const WITHDRAWN: &str = "withdrawn";
/// The code of the end state.
pub const CLOSED: &str = "closed";

impl Workflow {
    /// The state with this code.
    pub fn state(&self, code: &str) -> Option<&'static State> {
        self.states.iter().find(|s| s.code == code)
    }

    /// The label of a state's code (the code itself when unknown).
    pub fn label(&self, code: &str) -> &str {
        match code {
            WITHDRAWN => "Closed - withdrawn",
            _ => self.state(code).map_or("Unknown", |s| s.label),
        }
    }

    /// The transition with this name.
    pub fn transition(&self, name: &str) -> Option<&'static Transition> {
        self.transitions.iter().find(|t| t.name == name)
    }

    /// Checks that a person holding `roles` may take `name` from `state`, and
    /// returns the transition (its `to` is the new state).
    pub fn take(
        &self,
        state: &str,
        name: &str,
        roles: &[Role],
    ) -> Result<&'static Transition, WorkflowError> {
        let t = self
            .transition(name)
            .ok_or_else(|| WorkflowError::UnknownTransition {
                workflow: self.id,
                transition: name.to_owned(),
            })?;
        if !t.from.contains(&state) {
            return Err(WorkflowError::WrongState {
                transition: t.name,
                state: self.label(state).to_owned(),
            });
        }
        if t.roles.is_empty() {
            return Err(WorkflowError::SystemOnly { transition: t.name });
        }
        if !roles.iter().any(|r| t.roles.contains(r)) {
            return Err(WorkflowError::NotAllowed {
                transition: t.name,
                allowed: t
                    .roles
                    .iter()
                    .map(|r| r.title().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" or "),
            });
        }
        Ok(t)
    }

    /// Checks that a person holding `roles` may take `name` from the typed
    /// stage `from`, and returns the transition and the stage it leads to.
    pub fn take_from<S: Stage>(
        &self,
        from: S,
        name: &str,
        roles: &[Role],
    ) -> Result<(&'static Transition, S), WorkflowError> {
        let t = self.take(from.code(), name, roles)?;
        let to = S::parse(t.to).ok_or_else(|| WorkflowError::UnknownTransition {
            workflow: self.id,
            transition: name.to_owned(),
        })?;
        Ok((t, to))
    }

    /// Checks a system move (a timer or automatic trigger).
    pub fn take_as_system(
        &self,
        state: &str,
        name: &str,
    ) -> Result<&'static Transition, WorkflowError> {
        let t = self
            .transition(name)
            .ok_or_else(|| WorkflowError::UnknownTransition {
                workflow: self.id,
                transition: name.to_owned(),
            })?;
        if !t.from.contains(&state) {
            return Err(WorkflowError::WrongState {
                transition: t.name,
                state: self.label(state).to_owned(),
            });
        }
        Ok(t)
    }

    /// The moves a person holding `roles` may take from `state`.
    pub fn available(&self, state: &str, roles: &[Role]) -> Vec<&'static Transition> {
        self.transitions
            .iter()
            .filter(|t| t.from.contains(&state) && roles.iter().any(|r| t.roles.contains(r)))
            .collect()
    }
}

/// A workflow's stages as a type: an enum whose variants are stored as
/// their codes, with each stage's label, and the table of states the
/// workflow is built from. A record holds its stage as this type, so only
/// the workflow's stages can be recorded.
macro_rules! stages {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal => $label:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)*
        }

        impl $name {
            /// Every stage, in the workflow's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            const STATES: &'static [State] = &[$(State { code: $code, label: $label }),*];

            /// The code a record stores.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            /// The stage's name, as people use it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            /// The stage with this code.
            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }

        impl Stage for $name {
            fn code(self) -> &'static str {
                $name::code(self)
            }

            fn parse(code: &str) -> Option<Self> {
                $name::parse(code)
            }
        }
    };
}

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

const SYSTEM: &[Role] = &[];
const MANAGERS: &[Role] = &[TeamManager, ServiceManager, HeadOfService];

stages! {
    /// The stages of a permanence plan (WF-PERM-PLAN).
    PlanStage {
        EntryDecision = "entry_decision" => "Entry decision",
        Placed = "placed" => "Placed",
        Assessment = "assessment" => "Assessment and options appraisal",
        FirstReview = "first_review" => "First review held",
        PutForward = "put_forward" => "Put forward for ratification",
        Ratified = "ratified" => "Ratified at second review",
        Active = "active" => "Plan active",
        Changing = "changing" => "Change of plan",
        Achieved = "achieved" => "Permanence achieved",
        Closed = "closed" => "Closed",
        Withdrawn = "withdrawn" => "Closed - withdrawn",
    }
}

/// WF-PERM-PLAN: entry to care, ratified plan, permanence achieved.
pub static PERM_PLAN: Workflow = Workflow {
    id: "WF-PERM-PLAN",
    title: "Permanence plan",
    states: PlanStage::STATES,
    transitions: &[
        t(
            "place",
            "Record the first placement",
            &["entry_decision"],
            "placed",
            &[SocialWorker],
        ),
        t(
            "start_assessment",
            "Start assessment and options appraisal",
            &["placed"],
            "assessment",
            &[SocialWorker, TeamManager],
        ),
        t(
            "hold_first_review",
            "Record the first review",
            &["assessment", "placed"],
            "first_review",
            &[IndependentReviewingOfficer],
        ),
        t(
            "put_forward",
            "Put the plan forward for ratification",
            &["first_review", "assessment"],
            "put_forward",
            &[SocialWorker, TeamManager],
        ),
        t(
            "return_for_work",
            "Return the plan for more work",
            &["put_forward"],
            "assessment",
            &[TeamManager, IndependentReviewingOfficer],
        ),
        t(
            "ratify",
            "Ratify the plan at review",
            &["put_forward"],
            "ratified",
            &[IndependentReviewingOfficer],
        ),
        t(
            "activate",
            "Start work to the plan",
            &["ratified"],
            "active",
            &[SocialWorker, TeamManager, IndependentReviewingOfficer],
        ),
        t(
            "propose_change",
            "Propose a change of plan",
            &["active", "ratified"],
            "changing",
            &[SocialWorker, IndependentReviewingOfficer, TeamManager],
        ),
        t(
            "change_agreed",
            "Change of plan agreed at review",
            &["changing"],
            "active",
            &[IndependentReviewingOfficer],
        ),
        t(
            "achieve",
            "Record permanence achieved",
            &["active", "ratified"],
            "achieved",
            &[
                SocialWorker,
                TeamManager,
                ServiceManager,
                HeadOfService,
                AgencyDecisionMaker,
            ],
        ),
        t(
            "reverse_achieved",
            "Reverse permanence achieved",
            &["achieved"],
            "active",
            MANAGERS,
        ),
        t(
            "close",
            "Close (the looked-after episode ended)",
            &["achieved"],
            "closed",
            SYSTEM,
        ),
        t(
            "withdraw",
            "Withdraw (the child stopped being looked after)",
            &[
                "entry_decision",
                "placed",
                "assessment",
                "first_review",
                "put_forward",
                "ratified",
                "active",
                "changing",
            ],
            WITHDRAWN,
            MANAGERS,
        ),
    ],
};

stages! {
    /// The stages of a panel referral (WF-PERM-PANEL).
    ReferralStage {
        Created = "created" => "Referral created",
        Pack = "pack" => "Pack in preparation",
        Endorsed = "endorsed" => "Endorsed by the team manager",
        Listed = "listed" => "Pack complete and listed",
        Heard = "heard" => "Heard",
        Outcome = "outcome" => "Outcome recorded",
        Adm = "adm" => "Recommendation - awaiting ADM",
        Communicated = "communicated" => "Outcome communicated",
        Closed = "closed" => "Closed",
        Withdrawn = "withdrawn" => "Closed - withdrawn",
    }
}

/// WF-PERM-PANEL: referral to the Permanence Panel, to its decision.
pub static PERM_PANEL: Workflow = Workflow {
    id: "WF-PERM-PANEL",
    title: "Permanence Panel referral",
    states: ReferralStage::STATES,
    transitions: &[
        t(
            "prepare_pack",
            "Start the pack",
            &["created"],
            "pack",
            &[SocialWorker, SupervisingSocialWorker, FamilyFinder],
        ),
        t(
            "endorse",
            "Endorse the pack (quality assured)",
            &["pack"],
            "endorsed",
            &[TeamManager],
        ),
        t(
            "return_pack",
            "Return the pack for more work",
            &["endorsed"],
            "pack",
            &[TeamManager, PanelAdviser],
        ),
        t(
            "list",
            "List for a meeting",
            &["endorsed"],
            "listed",
            &[PanelAdviser],
        ),
        t(
            "hear",
            "Record the item as heard",
            &["listed"],
            "heard",
            &[PanelAdviser],
        ),
        t(
            "relist",
            "Relist (inquorate or deferred)",
            &["heard", "outcome"],
            "listed",
            &[PanelAdviser],
        ),
        t(
            "record_outcome",
            "Record the panel's outcome",
            &["heard"],
            "outcome",
            &[PanelAdviser],
        ),
        t(
            "await_adm",
            "Send the recommendation to the ADM",
            &["outcome"],
            "adm",
            &[PanelAdviser],
        ),
        t(
            "adm_decide",
            "Record the ADM's decision",
            &["adm"],
            "outcome",
            &[AgencyDecisionMaker],
        ),
        t(
            "communicate",
            "Record that the child, carer and IRO were told",
            &["outcome"],
            "communicated",
            &[SocialWorker, SupervisingSocialWorker, PanelAdviser],
        ),
        t(
            "approve_minutes",
            "Approve the minutes",
            &["communicated"],
            "closed",
            &[PanelAdviser, HeadOfService],
        ),
        t(
            "reconsider",
            "Reconsider with new information",
            &["outcome", "communicated", "closed"],
            "created",
            &[SocialWorker, TeamManager],
        ),
        t(
            "withdraw",
            "Withdraw the referral",
            &["created", "pack", "endorsed", "listed"],
            WITHDRAWN,
            &[SocialWorker, TeamManager],
        ),
    ],
};

stages! {
    /// The stages of a long-term fostering match (WF-LTF-MATCH).
    LtfMatchStage {
        RatifiedSubjectToPanel = "ratified_subject_to_panel" => "LTF ratified subject to panel",
        SuitabilityAssessment = "suitability_assessment" => "LTF suitability assessment",
        SuitabilityFinding = "suitability_finding" => "Panel suitability finding",
        FamilyFinding = "family_finding" => "Family finding",
        MatchAssessment = "match_assessment" => "Match assessment",
        MatchItem = "match_item" => "Panel match item",
        Confirmation = "confirmation" => "Awaiting ADM confirmation",
        Confirmed = "confirmed" => "Match confirmed",
        Monitoring = "monitoring" => "Monitoring",
        Closed = "closed" => "Closed",
    }
}

/// WF-LTF-MATCH: long-term fostering plan, confirmed match, monitoring.
pub static LTF_MATCH: Workflow = Workflow {
    id: "WF-LTF-MATCH",
    title: "Long-term fostering match",
    states: LtfMatchStage::STATES,
    transitions: &[
        t(
            "assess_suitability",
            "Start the LTF suitability assessment",
            &["ratified_subject_to_panel"],
            "suitability_assessment",
            &[SocialWorker, SupervisingSocialWorker],
        ),
        t(
            "refer_suitability",
            "Refer the suitability assessment to panel",
            &["suitability_assessment"],
            "suitability_finding",
            &[SocialWorker],
        ),
        t(
            "found_suitable",
            "Panel finds LTF suitable",
            &["suitability_finding"],
            "family_finding",
            &[PanelAdviser, AgencyDecisionMaker],
        ),
        t(
            "found_unsuitable",
            "Panel finds LTF unsuitable (plan reconsidered)",
            &["suitability_finding"],
            "closed",
            &[PanelAdviser, AgencyDecisionMaker],
        ),
        t(
            "carer_identified",
            "Carer identified for matching",
            &["family_finding"],
            "match_assessment",
            &[SocialWorker, FamilyFinder],
        ),
        t(
            "refer_match",
            "Refer the match to panel",
            &["match_assessment"],
            "match_item",
            &[SocialWorker],
        ),
        t(
            "match_deferred",
            "Panel defers the match",
            &["match_item"],
            "match_assessment",
            &[PanelAdviser],
        ),
        t(
            "match_not_agreed",
            "Panel does not agree the match",
            &["match_item"],
            "family_finding",
            &[PanelAdviser],
        ),
        t(
            "match_recommended",
            "Panel agrees the match (ADM to confirm)",
            &["match_item"],
            "confirmation",
            &[PanelAdviser],
        ),
        t(
            "adm_confirms",
            "ADM confirms the match",
            &["confirmation"],
            "confirmed",
            &[AgencyDecisionMaker],
        ),
        t(
            "adm_refuses",
            "ADM refuses the match",
            &["confirmation"],
            "family_finding",
            &[AgencyDecisionMaker],
        ),
        t(
            "start_monitoring",
            "Start monitoring",
            &["confirmed"],
            "monitoring",
            SYSTEM,
        ),
        t(
            "end",
            "End (18, order made or unplanned end)",
            &["confirmed", "monitoring"],
            "closed",
            &[SocialWorker, TeamManager],
        ),
    ],
};

stages! {
    /// The states of an IRO issue (WF-IRO-ESCALATION).
    IroIssueState {
        Stage0 = "stage0" => "Stage 0: informal with the social worker",
        Stage1 = "stage1" => "Stage 1: team manager",
        Stage2 = "stage2" => "Stage 2: service manager",
        Stage3 = "stage3" => "Stage 3: head of service",
        Stage4 = "stage4" => "Stage 4: assistant director or director",
        Cafcass = "cafcass" => "Referred to Cafcass",
        Resolved = "resolved" => "Resolved",
        Closed = "closed" => "Closed",
    }
}

/// WF-IRO-ESCALATION: an IRO's issue, to its resolution.
pub static IRO_ESCALATION: Workflow = Workflow {
    id: "WF-IRO-ESCALATION",
    title: "IRO issue",
    states: IroIssueState::STATES,
    transitions: &[
        t(
            "escalate",
            "Escalate to the next stage",
            &["stage0", "stage1", "stage2", "stage3"],
            "next",
            &[IndependentReviewingOfficer],
        ),
        t(
            "escalate_on_timeout",
            "Escalate automatically (no response in time)",
            &["stage0", "stage1", "stage2", "stage3"],
            "next",
            SYSTEM,
        ),
        t(
            "refer_cafcass",
            "Refer to Cafcass",
            &["stage0", "stage1", "stage2", "stage3", "stage4"],
            "cafcass",
            &[IndependentReviewingOfficer],
        ),
        t(
            "resolve",
            "Record the issue resolved",
            &["stage0", "stage1", "stage2", "stage3", "stage4"],
            "resolved",
            &[IndependentReviewingOfficer],
        ),
        t(
            "close",
            "Close (child told the outcome)",
            &["resolved", "cafcass"],
            "closed",
            &[IndependentReviewingOfficer],
        ),
    ],
};

stages! {
    /// The stages of a change of plan (WF-PLAN-CHANGE).
    ChangeStage {
        Proposed = "proposed" => "Proposed",
        Evidence = "evidence" => "Evidence and views",
        TmAgreement = "tm_agreement" => "Awaiting team manager agreement",
        Authorisation = "authorisation" => "Awaiting authorisation",
        Agreed = "agreed" => "Agreed at review",
        Withdrawn = "withdrawn" => "Closed - withdrawn",
    }
}

/// WF-PLAN-CHANGE: a change of permanence plan.
pub static PLAN_CHANGE: Workflow = Workflow {
    id: "WF-PLAN-CHANGE",
    title: "Change of permanence plan",
    states: ChangeStage::STATES,
    transitions: &[
        t(
            "gather_evidence",
            "Gather evidence and views",
            &["proposed"],
            "evidence",
            &[SocialWorker],
        ),
        t(
            "submit",
            "Ask the team manager to agree",
            &["evidence"],
            "tm_agreement",
            &[SocialWorker],
        ),
        t(
            "tm_agree",
            "Team manager agrees",
            &["tm_agreement"],
            "authorisation",
            &[TeamManager],
        ),
        t(
            "tm_refuse",
            "Team manager refuses",
            &["tm_agreement"],
            "proposed",
            &[TeamManager],
        ),
        t(
            "authorise",
            "Authorise (service manager, panel or ADM as required)",
            &["authorisation"],
            "authorisation",
            &[ServiceManager, AgencyDecisionMaker, PanelAdviser],
        ),
        t(
            "agree_at_review",
            "Agree the change at review",
            &["authorisation"],
            "agreed",
            &[IndependentReviewingOfficer],
        ),
        t(
            "withdraw",
            "Withdraw the proposal",
            &["proposed", "evidence", "tm_agreement", "authorisation"],
            WITHDRAWN,
            &[SocialWorker, TeamManager],
        ),
    ],
};

mod case_workflows;
pub use case_workflows::*;

/// Every workflow of the chapter.
pub static WORKFLOWS: &[&Workflow] = &[
    &PERM_PLAN,
    &PERM_PANEL,
    &LTF_MATCH,
    &IRO_ESCALATION,
    &PLAN_CHANGE,
    &RETURN_HOME,
    &SAFETY_PLAN,
    &ORDER_EXIT,
    &DISC_PAYMENT,
    &DRIFT,
];

#[cfg(test)]
mod tests;
