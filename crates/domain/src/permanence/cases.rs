//! The chapter's other workflows as cases of their own, started from a
//! child's plan: reunification (WF-RETURN-HOME, PATH-007), the
//! pre-proceedings family route (WF-SAFETY-PLAN), leaving care on a CAO or
//! SGO (WF-ORDER-EXIT) and a discretionary payment (WF-DISC-PAYMENT).
//!
//! A case holds its workflow and its state as the workflow's own table
//! entries, so a case can only be in a state of its workflow; it is stored
//! by their codes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::{Permission, User};
use crate::child::ChildId;
use crate::codes::{LegalStatus, ReasonEpisodeCeased};
use crate::permanence::order_exit::{OrderExit, OrderExitAction};
use crate::permanence::payments::{PaymentAction, PaymentCase};
use crate::permanence::referrals::Referral;
use crate::permanence::return_home::{ReturnHome, ReturnHomeAction};
use crate::permanence::safety_plan::{SafetyAction, SafetyRoute};
use crate::permanence::workflow::{
    DISC_PAYMENT, ORDER_EXIT, RETURN_HOME, Refusal, SAFETY_PLAN, State, Transition, Workflow,
};
use crate::roles::Role;

/// The workflows a child's plan page can start as cases of their own.
pub static CASE_WORKFLOWS: &[&Workflow] = &[&RETURN_HOME, &SAFETY_PLAN, &ORDER_EXIT, &DISC_PAYMENT];

/// One move taken in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStep {
    pub transition: String,
    pub by: String,
    pub on: NaiveDate,
}

/// A child's case in one of [`CASE_WORKFLOWS`]: its state and the moves taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "StoredCase", try_from = "StoredCase")]
pub struct WorkflowCase {
    pub workflow: &'static Workflow,
    pub child_id: ChildId,
    pub started: NaiveDate,
    pub state: &'static State,
    pub steps: Vec<CaseStep>,
    /// What the workflow's own forms recorded.
    pub record: CaseRecord,
}

/// What a case's forms record, one shape per workflow.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CaseRecord {
    /// A case started before the workflows had forms of their own.
    #[default]
    Nothing,
    ReturnHome(ReturnHome),
    SafetyPlan(SafetyRoute),
    OrderExit(OrderExit),
    Payment(PaymentCase),
}

impl CaseRecord {
    /// Whether `name` is a step taken with nothing more to record; the
    /// others are taken by their workflow's own forms.
    pub fn plain_step(&self, name: &str) -> bool {
        let plain: &[&str] = match self {
            CaseRecord::ReturnHome(_) => crate::permanence::return_home::PLAIN_STEPS,
            CaseRecord::SafetyPlan(_) => crate::permanence::safety_plan::PLAIN_STEPS,
            CaseRecord::OrderExit(_) => crate::permanence::order_exit::PLAIN_STEPS,
            CaseRecord::Payment(_) => crate::permanence::payments::PLAIN_STEPS,
            CaseRecord::Nothing => return true,
        };
        plain.contains(&name)
    }

    /// The workflow step a form or step `name` takes (the name itself for
    /// a step).
    pub fn step_of<'a>(&self, name: &'a str) -> &'a str {
        let forms: &[(&str, &str)] = match self {
            CaseRecord::ReturnHome(_) => crate::permanence::return_home::FORM_STEPS,
            CaseRecord::SafetyPlan(_) => crate::permanence::safety_plan::FORM_STEPS,
            CaseRecord::OrderExit(_) => crate::permanence::order_exit::FORM_STEPS,
            CaseRecord::Payment(_) => crate::permanence::payments::FORM_STEPS,
            CaseRecord::Nothing => &[],
        };
        forms
            .iter()
            .find(|(form, _)| *form == name)
            .map_or(name, |(_, step)| step)
    }
}

/// What the child's record says that a case's rules need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaseContext {
    /// The legal status of the current episode, if the child is in care.
    pub legal_status: Option<LegalStatus>,
    /// The child has a disability (PATH-006).
    pub disabled: bool,
    /// The child's date of birth, where known.
    pub born: Option<NaiveDate>,
}

/// Something a person may do on a case now: a step of its workflow or a
/// form that records without moving it. `target` names the entry a form is
/// about (an objective's number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    /// The form's name, as its page's address and the action posted.
    pub action: &'static str,
    pub label: String,
    pub target: Option<usize>,
}

/// What a form on a case asks to record, by workflow.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseAction {
    /// A step with nothing to record beyond itself (`withdraw`, `submit`).
    Step(String),
    ReturnHome(ReturnHomeAction),
    Safety(SafetyAction),
    OrderExit(OrderExitAction),
    Payment(PaymentAction),
}

impl CaseAction {
    /// The offer's name this action answers.
    pub fn name(&self) -> &str {
        match self {
            CaseAction::Step(name) => name,
            CaseAction::ReturnHome(a) => a.name(),
            CaseAction::Safety(a) => a.name(),
            CaseAction::OrderExit(a) => a.name(),
            CaseAction::Payment(a) => a.name(),
        }
    }
}

/// What taking an action does beyond the case, for the use case to save in
/// the same transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseEffect {
    /// The looked-after episode ends on this date, for this reason.
    pub end_episode: Option<(NaiveDate, ReasonEpisodeCeased)>,
    /// A Permanence Panel referral to save (a recommended payment).
    pub referral: Option<Referral>,
}

/// A case as stored: its workflow's identifier and its state's code.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredCase {
    workflow: String,
    child_id: ChildId,
    started: NaiveDate,
    state: String,
    #[serde(default)]
    steps: Vec<CaseStep>,
    #[serde(default)]
    record: CaseRecord,
}

impl From<WorkflowCase> for StoredCase {
    fn from(c: WorkflowCase) -> Self {
        StoredCase {
            workflow: c.workflow.id.to_owned(),
            child_id: c.child_id,
            started: c.started,
            state: c.state.code.to_owned(),
            steps: c.steps,
            record: c.record,
        }
    }
}

impl TryFrom<StoredCase> for WorkflowCase {
    type Error = String;

    fn try_from(c: StoredCase) -> Result<Self, String> {
        let workflow = case_workflow(&c.workflow)
            .ok_or_else(|| format!("\"{}\" is not a workflow of a case", c.workflow))?;
        let state = workflow
            .state(&c.state)
            .ok_or_else(|| format!("{} has no state \"{}\"", workflow.id, c.state))?;
        Ok(WorkflowCase {
            workflow,
            child_id: c.child_id,
            started: c.started,
            state,
            steps: c.steps,
            record: c.record,
        })
    }
}

fn case_workflow(id: &str) -> Option<&'static Workflow> {
    CASE_WORKFLOWS.iter().copied().find(|w| w.id == id)
}

/// The workflow's first state, where a case starts.
fn first_state(wf: &'static Workflow) -> &'static State {
    wf.states.first().expect("every workflow has states")
}

/// Whether `user` may start a case of the workflow `id`: one of
/// [`CASE_WORKFLOWS`], by those who take its first step.
pub fn check_start(user: &User, id: &str) -> Result<&'static Workflow, Refusal> {
    let wf = case_workflow(id).ok_or_else(|| {
        Refusal::NotNow(format!(
            "\"{id}\" is not a workflow that can be started here"
        ))
    })?;
    let first = first_state(wf).code;
    if !user.may(Permission::WorkOnPlans) || wf.available(first, &[user.role]).is_empty() {
        return Err(Refusal::NotNow(format!(
            "{} is started by those who take its first step: {}",
            wf.title,
            wf.transitions
                .iter()
                .filter(|t| t.from.contains(&first))
                .flat_map(|t| t.roles.iter().map(|r| r.title().to_lowercase()))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(wf)
}

/// The workflows `user` may start a case of.
pub fn startable(user: &User) -> Vec<&'static Workflow> {
    CASE_WORKFLOWS
        .iter()
        .copied()
        .filter(|w| check_start(user, w.id).is_ok())
        .collect()
}

impl WorkflowCase {
    /// A new case of `workflow` for a child, at its first state, with its
    /// workflow's empty record.
    pub fn start(
        workflow: &'static Workflow,
        child_id: ChildId,
        on: NaiveDate,
        ctx: &CaseContext,
    ) -> Self {
        let record = match workflow.id {
            id if id == RETURN_HOME.id => CaseRecord::ReturnHome(ReturnHome::default()),
            id if id == SAFETY_PLAN.id => CaseRecord::SafetyPlan(SafetyRoute::start(on, ctx)),
            id if id == ORDER_EXIT.id => CaseRecord::OrderExit(OrderExit::start(on)),
            id if id == DISC_PAYMENT.id => CaseRecord::Payment(PaymentCase::default()),
            _ => CaseRecord::Nothing,
        };
        WorkflowCase {
            workflow,
            child_id,
            started: on,
            state: first_state(workflow),
            steps: Vec::new(),
            record,
        }
    }

    /// What `user` may do on the case now: its workflow's forms and steps.
    /// The case page offers these; [`Self::act`] refuses anything else.
    pub fn offers(&self, user: &User, ctx: &CaseContext) -> Vec<Offer> {
        if !user.may(Permission::WorkOnPlans) {
            return Vec::new();
        }
        let mut offers = match &self.record {
            CaseRecord::ReturnHome(r) => r.offers(self, user, ctx),
            CaseRecord::SafetyPlan(r) => r.offers(self, user),
            CaseRecord::OrderExit(r) => r.offers(self, user, ctx),
            CaseRecord::Payment(r) => r.offers(self, user),
            CaseRecord::Nothing => Vec::new(),
        };
        if matches!(self.record, CaseRecord::Nothing) {
            offers.extend(
                self.moves(user)
                    .into_iter()
                    .map(|t| Offer::step(t.name, t.label)),
            );
        }
        offers
    }

    /// Why the step or form `name` cannot be taken yet, whoever asks: what
    /// the workflow's record still lacks.
    pub fn blocked(&self, name: &str, ctx: &CaseContext) -> Option<String> {
        match &self.record {
            CaseRecord::ReturnHome(r) => r.blocked(name, ctx),
            CaseRecord::SafetyPlan(r) => r.blocked(name),
            CaseRecord::OrderExit(r) => r.blocked(name),
            CaseRecord::Payment(r) => r.blocked(name),
            CaseRecord::Nothing => None,
        }
    }

    /// The step `name` as an offer, if `user` may take it now.
    pub fn step_offer(&self, user: &User, name: &'static str) -> Option<Offer> {
        self.check_move(user, name)
            .ok()
            .map(|t| Offer::step(t.name, t.label))
    }

    /// Takes `action` by `user` on `on`: refused unless it is one of
    /// [`Self::offers`] and its record passes the workflow's rules.
    pub fn act(
        &mut self,
        user: &User,
        action: CaseAction,
        ctx: &CaseContext,
        on: NaiveDate,
    ) -> Result<CaseEffect, Refusal> {
        if !user.may(Permission::WorkOnPlans) {
            return Err(Refusal::Forbidden("work on this case"));
        }
        let name = action.name().to_owned();
        let offered = self.offers(user, ctx).iter().any(|o| o.action == name);
        if !offered {
            // Say why: what the record lacks, the step's own refusal, or
            // that the form is not open to this person now.
            if let Some(why) = self.blocked(&name, ctx) {
                return Err(Refusal::NotNow(why));
            }
            let step = self.record.step_of(&name);
            if self.workflow.transition(step).is_some() {
                self.check_move(user, step)?;
            }
            return Err(Refusal::NotNow(format!(
                "\"{name}\" cannot be recorded on this case now"
            )));
        }
        let mut record = std::mem::take(&mut self.record);
        let result = match (&mut record, action) {
            (r, CaseAction::Step(name)) if r.plain_step(&name) => {
                self.take(user, &name, on).map(|_| CaseEffect::default())
            }
            (CaseRecord::ReturnHome(r), CaseAction::ReturnHome(a)) => r.act(self, user, a, ctx, on),
            (CaseRecord::SafetyPlan(r), CaseAction::Safety(a)) => r.act(self, user, a, on),
            (CaseRecord::OrderExit(r), CaseAction::OrderExit(a)) => r.act(self, user, a, ctx, on),
            (CaseRecord::Payment(r), CaseAction::Payment(a)) => r.act(self, user, a, on),
            _ => Err(Refusal::NotNow(format!(
                "that form does not belong to {}",
                self.workflow.title
            ))),
        };
        self.record = record;
        result
    }

    /// Whether `user` may take the move `name` now: the one answer the plan
    /// page and the case's use case share (the workflow's table).
    pub fn check_move(&self, user: &User, name: &str) -> Result<&'static Transition, Refusal> {
        if !user.may(Permission::WorkOnPlans) {
            return Err(Refusal::Forbidden("work on this case"));
        }
        Ok(self.workflow.take(self.state.code, name, &[user.role])?)
    }

    /// The moves `user` may take now.
    pub fn moves(&self, user: &User) -> Vec<&'static Transition> {
        if !user.may(Permission::WorkOnPlans) {
            return Vec::new();
        }
        self.workflow.available(self.state.code, &[user.role])
    }

    /// Takes the move `name`, by `user` on `on`.
    pub(crate) fn take(
        &mut self,
        user: &User,
        name: &str,
        on: NaiveDate,
    ) -> Result<&'static Transition, Refusal> {
        let t = self.check_move(user, name)?;
        self.state = self.workflow.state(t.to).ok_or_else(|| {
            Refusal::NotNow(format!("{} has no state \"{}\"", self.workflow.id, t.to))
        })?;
        self.steps.push(CaseStep {
            transition: t.name.to_owned(),
            by: user.username.clone(),
            on,
        });
        Ok(t)
    }
}

impl Offer {
    /// A step of the workflow, offered under its label.
    pub fn step(action: &'static str, label: &str) -> Self {
        Offer {
            action,
            label: label.to_owned(),
            target: None,
        }
    }

    /// A form, offered under `label`.
    pub fn form(action: &'static str, label: impl Into<String>) -> Self {
        Offer {
            action,
            label: label.into(),
            target: None,
        }
    }
}

/// Whether `user` holds one of `roles`: the test for a form that records
/// without moving the case.
pub fn held_by(user: &User, roles: &[Role]) -> bool {
    roles.contains(&user.role)
}

/// A refusal for a form's bad input, naming the problem.
pub fn bad(message: impl Into<String>) -> Refusal {
    Refusal::NotNow(message.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roles::Role;

    fn user(role: Role) -> User {
        User {
            username: format!("{}.test", role.code()),
            display_name: role.title().into(),
            role,
            team: None,
            worker_id: None,
        }
    }

    #[test]
    fn path_007_a_return_home_is_approved_by_the_nominated_officer_not_the_worker() {
        let on = "2025-07-01".parse().unwrap();
        let sw = user(Role::SocialWorker);
        let wf = check_start(&sw, "WF-RETURN-HOME").unwrap();
        let mut case = WorkflowCase::start(wf, "C1".parse().unwrap(), on, &CaseContext::default());
        for step in ["start_work", "assess_readiness", "seek_approval"] {
            case.take(&sw, step, on).unwrap();
        }
        assert!(case.moves(&sw).iter().all(|t| t.name != "approve"));
        let err = case.take(&sw, "approve", on).unwrap_err();
        assert!(
            err.to_string().contains("must be taken by service manager"),
            "{err}"
        );
        case.take(&user(Role::ServiceManager), "approve", on)
            .unwrap();
        assert_eq!(case.state.code, "returned");
        // Stored by its codes, read back the same.
        let json = serde_json::to_string(&case).unwrap();
        assert!(json.contains("\"workflow\":\"WF-RETURN-HOME\""), "{json}");
        assert_eq!(serde_json::from_str::<WorkflowCase>(&json).unwrap(), case);
        assert!(check_start(&sw, "WF-PERM-PANEL").is_err());
    }
}
