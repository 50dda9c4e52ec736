//! IRO issues (TRACK-012, TRACK-013, WF-IRO-ESCALATION): raising one,
//! answering, escalating, resolving or referring it to Cafcass, and the
//! automatic escalation of a stage that did not answer in time.

use super::*;

/// An IRO issue with its identifier and version.
pub type StoredIssue = Versioned<Record<IroIssue>>;

pub(super) fn issue_record(id: &str, i: &IroIssue) -> Record<IroIssue> {
    Record {
        id: id.to_owned(),
        child_id: Some(i.child_id.clone()),
        stage: i.state().to_owned(),
        key_date: Some(i.current().response_due.to_string()),
        document: i.clone(),
    }
}

/// An issue an IRO raises: what it is, the action required and the stage
/// it starts at.
#[derive(Debug, Clone)]
pub struct NewIssue {
    pub issue: String,
    pub action_required: String,
    pub stage: IroStage,
}

/// Raises an IRO issue about a child's plan (TRACK-012), at Stage 0
/// (informal) or a formal stage.
pub fn raise_iro_issue(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    child: &str,
    new: NewIssue,
    from: &str,
) -> Result<String, AppError> {
    let NewIssue {
        issue,
        action_required,
        stage,
    } = new;
    let (issue, action_required) = (issue.as_str(), action_required.as_str());
    if user.role != domain::roles::Role::IndependentReviewingOfficer {
        return Err(AppError::Forbidden("raise an IRO issue"));
    }
    if issue.trim().is_empty() || action_required.trim().is_empty() {
        return Err(invalid("describe the issue and the action required"));
    }
    let actor = actor_of(user, from);
    store.write(|tx| {
        if !may_see(tx, user, child)? {
            return Err(AppError::Forbidden("raise an issue for this child"));
        }
        load_journey(tx, child)?;
        let i = IroIssue::raise(
            child,
            issue.trim(),
            action_required.trim(),
            stage,
            clock.today(),
        );
        let n = tx
            .records_of_child::<serde_json::Value>(RecordKind::IroIssue, child)?
            .len();
        let id = format!("{child}-I{:02}", n + 1);
        tx.insert_records(RecordKind::IroIssue, &[issue_record(&id, &i)])?;
        let journey = load_journey(tx, child)?;
        record_activities(
            tx,
            clock,
            &journey,
            &[Event {
                kind: EventKind::IroIssueRaised,
                date: clock.today(),
            }],
        )?;
        tx.append(&audit(
            &actor,
            clock,
            "WF-IRO-ESCALATION.raise".into(),
            "iro_issue",
            &id,
            serde_json::json!({"stage": stage.code()}),
        ))?;
        Ok(id)
    })
}

/// What is done to an IRO issue.
#[derive(Debug, Clone)]
pub enum IssueAction {
    /// The IRO moves it to the next stage.
    Escalate,
    /// The person at the current stage responds.
    Respond,
    /// The IRO records it resolved.
    Resolve,
    /// The IRO refers the case to Cafcass, with the grounds.
    ReferToCafcass(String),
}

/// Who answers an IRO issue at each stage (TRACK-013, ROLE-001).
pub fn responder(stage: IroStage) -> domain::roles::Role {
    use domain::roles::Role::*;
    match stage {
        IroStage::Stage0 => SocialWorker,
        IroStage::Stage1 => TeamManager,
        IroStage::Stage2 => ServiceManager,
        IroStage::Stage3 | IroStage::Stage4 => HeadOfService,
    }
}

/// A child's IRO issues, with the automatic escalations of stages that
/// passed their response date saved (and audited) first (TRACK-013).
pub fn iro_issues(
    store: &Store,
    clock: &dyn Clock,
    child: &str,
) -> Result<Vec<StoredIssue>, AppError> {
    let today = clock.today();
    store.write(|tx| {
        let mut out = Vec::new();
        for stored in tx.records_of_child::<IroIssue>(RecordKind::IroIssue, child)? {
            let mut issue = stored.value.document.clone();
            let moves = if issue.resolved.is_none() && issue.cafcass.is_none() {
                issue.apply_timeouts(today)
            } else {
                Vec::new()
            };
            if moves.is_empty() {
                out.push(stored);
                continue;
            }
            let version = tx.update_record(RecordKind::IroIssue, &issue_record(&stored.value.id, &issue), stored.version)?;
            for m in &moves {
                tx.append(&audit(
                    &Actor::new("system"),
                    clock,
                    "WF-IRO-ESCALATION.escalate_on_timeout".into(),
                    "iro_issue",
                    &stored.value.id,
                    serde_json::json!({"from": m.from.code(), "to": m.to.code(), "on": m.on.to_string()}),
                ))?;
            }
            out.push(Versioned {
                value: issue_record(&stored.value.id, &issue),
                version,
            });
        }
        Ok(out)
    })
}

/// Acts on an IRO issue.
pub fn act_on_issue(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    expected_version: i64,
    action: IssueAction,
    from: &str,
) -> Result<StoredIssue, AppError> {
    let actor = actor_of(user, from);
    let today = clock.today();
    store.write(|tx| {
        let current =
            record_at::<IroIssue>(tx, RecordKind::IroIssue, id, expected_version, "IRO issue")?;
        let mut issue = current.value.document.clone();
        if !may_see(tx, user, &issue.child_id)? {
            return Err(AppError::Forbidden("act on this child's IRO issue"));
        }
        let roles = [user.role];
        let mut events = Vec::new();
        let name = match &action {
            IssueAction::Escalate => {
                issue.escalate(today, &roles).map_err(invalid)?;
                events.push(Event {
                    kind: EventKind::IroIssueEscalated,
                    date: today,
                });
                "escalate"
            }
            IssueAction::Respond => {
                if issue.resolved.is_some() || issue.cafcass.is_some() {
                    return Err(invalid("the issue is closed"));
                }
                let stage = issue.current().stage;
                if user.role != responder(stage) {
                    return Err(AppError::Forbidden("respond at this stage of the issue"));
                }
                issue.record_response(today);
                events.push(Event {
                    kind: EventKind::IroStageResponse,
                    date: today,
                });
                "respond"
            }
            IssueAction::Resolve => {
                issue.resolve(today, &roles).map_err(invalid)?;
                events.push(Event {
                    kind: EventKind::IroIssueResolved,
                    date: today,
                });
                "resolve"
            }
            IssueAction::ReferToCafcass(grounds) => {
                if grounds.trim().is_empty() {
                    return Err(invalid("give the grounds for the Cafcass referral"));
                }
                issue
                    .refer_to_cafcass(today, grounds.trim(), &roles)
                    .map_err(invalid)?;
                "refer_cafcass"
            }
        };
        let record = issue_record(id, &issue);
        let version = tx.update_record(RecordKind::IroIssue, &record, expected_version)?;
        let journey = load_journey(tx, &issue.child_id)?;
        if !events.is_empty() {
            record_activities(tx, clock, &journey, &events)?;
        }
        tx.append(&audit(
            &actor,
            clock,
            format!("WF-IRO-ESCALATION.{name}"),
            "iro_issue",
            id,
            serde_json::json!({"stage": issue.state()}),
        ))?;
        Ok(Versioned {
            value: record,
            version,
        })
    })
}
