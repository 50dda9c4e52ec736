//! The chapter's other workflows as cases of their own, started from a
//! child's plan page: reunification (WF-RETURN-HOME), the pre-proceedings
//! family route (WF-SAFETY-PLAN), leaving care on a CAO or SGO
//! (WF-ORDER-EXIT) and a discretionary payment (WF-DISC-PAYMENT).

use super::*;

/// The workflows a child's plan page can start as cases of their own:
/// reunification, the pre-proceedings family route, leaving care on a CAO
/// or SGO, and a discretionary payment.
pub static CASE_WORKFLOWS: &[&Workflow] = &[
    &workflow::RETURN_HOME,
    &workflow::SAFETY_PLAN,
    &workflow::ORDER_EXIT,
    &workflow::DISC_PAYMENT,
];

/// One move taken in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CaseStep {
    pub transition: String,
    pub by: String,
    pub on: NaiveDate,
}

/// A child's case in one of [`CASE_WORKFLOWS`]: its state and the moves taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct WorkflowCase {
    pub workflow: String,
    pub child_id: String,
    pub started: NaiveDate,
    pub state: String,
    #[serde(default)]
    pub steps: Vec<CaseStep>,
}

impl WorkflowCase {
    /// The workflow the case follows.
    pub fn workflow(&self) -> Option<&'static Workflow> {
        CASE_WORKFLOWS
            .iter()
            .copied()
            .find(|w| w.id == self.workflow)
    }
}

pub(super) fn case_record(id: &str, c: &WorkflowCase) -> Record<WorkflowCase> {
    Record {
        id: id.to_owned(),
        child_id: Some(c.child_id.clone()),
        stage: c.state.clone(),
        key_date: Some(c.started.to_string()),
        document: c.clone(),
    }
}

/// A child's cases, oldest first.
pub fn cases_of_child(
    store: &Store,
    child: &str,
) -> Result<Vec<Versioned<Record<WorkflowCase>>>, AppError> {
    Ok(store.read(|tx| tx.records_of_child(RecordKind::WorkflowCase, child))?)
}

/// Starts a case in one of [`CASE_WORKFLOWS`] at its first state; audited.
pub fn start_case(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    workflow_id: &str,
    from: &str,
) -> Result<String, AppError> {
    let wf = CASE_WORKFLOWS
        .iter()
        .find(|w| w.id == workflow_id)
        .ok_or_else(|| {
            invalid(format!(
                "\"{workflow_id}\" is not a workflow that can be started here"
            ))
        })?;
    let first = wf
        .states
        .first()
        .ok_or_else(|| invalid("the workflow has no states"))?;
    if wf.available(first.code, &[user.role]).is_empty() {
        return Err(invalid(format!(
            "{} is started by those who take its first step: {}",
            wf.title,
            wf.transitions
                .iter()
                .filter(|t| t.from.contains(&first.code))
                .flat_map(|t| t.roles.iter().map(|r| r.title().to_lowercase()))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("start a case for this child"));
        }
        load_journey(tx, child)?;
        let case = WorkflowCase {
            workflow: wf.id.to_owned(),
            child_id: child.to_owned(),
            started: clock.today(),
            state: first.code.to_owned(),
            steps: Vec::new(),
        };
        let n = tx
            .records_of_child::<serde_json::Value>(RecordKind::WorkflowCase, child)?
            .len();
        let id = format!("{child}-W{:02}", n + 1);
        tx.insert_records(RecordKind::WorkflowCase, &[case_record(&id, &case)])?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.start", wf.id),
            "workflow_case",
            &id,
            serde_json::json!({"state": first.code}),
        ))?;
        Ok(id)
    })
}

/// Takes a named move in a case, if the user's role may from its state; audited.
pub fn take_case_step(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    transition: &str,
    from: &str,
) -> Result<Versioned<Record<WorkflowCase>>, AppError> {
    let actor = actor_of(user, from);
    store.write(|tx| {
        let current =
            record_at::<WorkflowCase>(tx, RecordKind::WorkflowCase, id, expected_version, "case")?;
        let mut case = current.value.document.clone();
        if !may_see(tx, user, &case.child_id)? {
            return Err(AppError::Forbidden("work on this child's case"));
        }
        let wf = case
            .workflow()
            .ok_or_else(|| invalid(format!("case {id} follows an unknown workflow")))?;
        let t = wf
            .take(&case.state, transition, &[user.role])
            .map_err(invalid)?;
        case.state = t.to.to_owned();
        case.steps.push(CaseStep {
            transition: t.name.to_owned(),
            by: user.username.clone(),
            on: clock.today(),
        });
        let record = case_record(id, &case);
        let version = tx.update_record(RecordKind::WorkflowCase, &record, expected_version)?;
        tx.append(&audit(
            &actor,
            clock,
            format!("{}.{}", wf.id, t.name),
            "workflow_case",
            id,
            serde_json::json!({"to": t.to}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}
