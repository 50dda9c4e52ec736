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
use crate::permanence::workflow::{
    DISC_PAYMENT, ORDER_EXIT, RETURN_HOME, Refusal, SAFETY_PLAN, State, Transition, Workflow,
};

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
}

impl From<WorkflowCase> for StoredCase {
    fn from(c: WorkflowCase) -> Self {
        StoredCase {
            workflow: c.workflow.id.to_owned(),
            child_id: c.child_id,
            started: c.started,
            state: c.state.code.to_owned(),
            steps: c.steps,
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
    /// A new case of `workflow` for a child, at its first state.
    pub fn start(workflow: &'static Workflow, child_id: ChildId, on: NaiveDate) -> Self {
        WorkflowCase {
            workflow,
            child_id,
            started: on,
            state: first_state(workflow),
            steps: Vec::new(),
        }
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
    pub fn take(
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
        let mut case = WorkflowCase::start(wf, "C1".parse().unwrap(), on);
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
