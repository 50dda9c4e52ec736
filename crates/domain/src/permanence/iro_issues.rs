//! IRO issues and their escalation (TRACK-012, TRACK-013, WF-IRO-ESCALATION):
//! an issue raised informally or at a formal stage, who answers at each
//! stage, the automatic move up when a stage does not answer in time, the
//! overall limit, resolution and referral to Cafcass.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::{Permission, User};
use crate::child::ChildId;
use crate::deadline_rules::timescale;
use crate::permanence::tracking::{IssueResolution, ReviewMonitoring, known, next_day};
use crate::permanence::workflow::{IRO_ESCALATION, IroIssueState, Refusal, WorkflowError};
use crate::roles::Role;

// ---------------------------------------------------------------------------
// TRACK-012, TRACK-013: IRO issues and their escalation.

/// A stage of WF-IRO-ESCALATION.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IroStage {
    Stage0,
    Stage1,
    Stage2,
    Stage3,
    Stage4,
}

impl IroStage {
    pub const ALL: [IroStage; 5] = [
        IroStage::Stage0,
        IroStage::Stage1,
        IroStage::Stage2,
        IroStage::Stage3,
        IroStage::Stage4,
    ];

    /// The state code in [`IRO_ESCALATION`].
    pub fn code(self) -> &'static str {
        match self {
            IroStage::Stage0 => "stage0",
            IroStage::Stage1 => "stage1",
            IroStage::Stage2 => "stage2",
            IroStage::Stage3 => "stage3",
            IroStage::Stage4 => "stage4",
        }
    }

    /// The stage's name, from the workflow.
    pub fn label(self) -> &'static str {
        IRO_ESCALATION
            .state(self.code())
            .map_or("Unknown", |s| s.label)
    }

    /// The stage above this one.
    pub fn next(self) -> Option<IroStage> {
        let i = IroStage::ALL.iter().position(|s| *s == self)?;
        IroStage::ALL.get(i + 1).copied()
    }

    /// Who answers an issue at this stage (TRACK-013, ROLE-001).
    pub fn responder(self) -> Role {
        match self {
            IroStage::Stage0 => Role::SocialWorker,
            IroStage::Stage1 => Role::TeamManager,
            IroStage::Stage2 => Role::ServiceManager,
            IroStage::Stage3 | IroStage::Stage4 => Role::HeadOfService,
        }
    }

    /// Stage 0 is informal; the overall limit runs from the first formal stage.
    pub fn is_formal(self) -> bool {
        self != IroStage::Stage0
    }
}

impl From<IroStage> for IroIssueState {
    fn from(stage: IroStage) -> Self {
        match stage {
            IroStage::Stage0 => IroIssueState::Stage0,
            IroStage::Stage1 => IroIssueState::Stage1,
            IroStage::Stage2 => IroIssueState::Stage2,
            IroStage::Stage3 => IroIssueState::Stage3,
            IroStage::Stage4 => IroIssueState::Stage4,
        }
    }
}

/// One stage an issue went through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRecord {
    pub stage: IroStage,
    pub raised: NaiveDate,
    /// 5 working days after it was raised.
    pub response_due: NaiveDate,
    #[serde(default)]
    pub response: Option<NaiveDate>,
    /// Moved here because the stage below did not respond in time.
    #[serde(default)]
    pub automatic: bool,
}

impl StageRecord {
    fn open(stage: IroStage, raised: NaiveDate, automatic: bool) -> Self {
        Self {
            stage,
            raised,
            response_due: timescale::iro_stage_response().after(raised),
            response: None,
            automatic,
        }
    }
}

/// A referral to Cafcass (Cafcass (Reviewed Case Referral) Regulations 2004).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CafcassReferral {
    pub referred: NaiveDate,
    /// Free text.
    pub grounds: String,
}

/// An IRO issue: TRACK-012 opens it, TRACK-013 moves it through the stages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IroIssue {
    pub child_id: ChildId,
    /// The issue and the action required (free text).
    pub issue: String,
    pub action_required: String,
    /// The stages so far, the current one last.
    pub stages: Vec<StageRecord>,
    #[serde(default)]
    pub cafcass: Option<CafcassReferral>,
    #[serde(default)]
    pub resolved: Option<NaiveDate>,
}

/// What a person can do to an IRO issue: answer it at its stage, or (the
/// IRO) escalate it, record it resolved or refer the case to Cafcass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueMove {
    Respond,
    Escalate,
    Resolve,
    ReferToCafcass,
}

impl IssueMove {
    /// Every move, in the order the plan page offers them.
    pub const ALL: [IssueMove; 4] = [
        IssueMove::Respond,
        IssueMove::Escalate,
        IssueMove::Resolve,
        IssueMove::ReferToCafcass,
    ];
}

/// Whether `user` may raise an IRO issue (TRACK-012): the IRO only.
pub fn check_raise(user: &User) -> Result<(), Refusal> {
    if user.role == Role::IndependentReviewingOfficer && user.may(Permission::WorkOnPlans) {
        Ok(())
    } else {
        Err(Refusal::Forbidden("raise an IRO issue"))
    }
}

/// An automatic move up a stage: the IRO is told (TRACK-013).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Escalation {
    pub from: IroStage,
    pub to: IroStage,
    pub on: NaiveDate,
}

impl IroIssue {
    /// Raises an issue at `stage` on `raised`.
    pub fn raise(
        child_id: ChildId,
        issue: impl Into<String>,
        action_required: impl Into<String>,
        stage: IroStage,
        raised: NaiveDate,
    ) -> Self {
        Self {
            child_id,
            issue: issue.into(),
            action_required: action_required.into(),
            stages: vec![StageRecord::open(stage, raised, false)],
            cafcass: None,
            resolved: None,
        }
    }

    /// TRACK-012: the issues an IRO marked "open issue – escalate" at the
    /// child's review held on `held`, raised at Stage 0 that day.
    pub fn from_review(
        child_id: &ChildId,
        held: NaiveDate,
        review: &ReviewMonitoring,
    ) -> Vec<IroIssue> {
        review
            .issues
            .iter()
            .filter(|i| i.resolution == Some(IssueResolution::Escalate))
            .map(|i| {
                IroIssue::raise(
                    child_id.clone(),
                    i.issue.clone(),
                    "Put the permanence plan back on track: respond to the issue raised at the review",
                    IroStage::Stage0,
                    held,
                )
            })
            .collect()
    }

    /// The current stage's record.
    pub fn current(&self) -> &StageRecord {
        self.stages.last().expect("an issue is raised at a stage")
    }

    /// Where the issue is in WF-IRO-ESCALATION.
    pub fn state(&self) -> IroIssueState {
        if self.resolved.is_some() {
            IroIssueState::Resolved
        } else if self.cafcass.is_some() {
            IroIssueState::Cafcass
        } else {
            self.current().stage.into()
        }
    }

    /// Resolved, or referred to Cafcass: nothing more is done to it.
    pub fn is_closed(&self) -> bool {
        self.resolved.is_some() || self.cafcass.is_some()
    }

    fn move_up(&mut self, on: NaiveDate, automatic: bool) -> Option<Escalation> {
        let from = self.current().stage;
        let to = from.next()?;
        self.stages.push(StageRecord::open(to, on, automatic));
        Some(Escalation { from, to, on })
    }

    /// The IRO escalates the issue to the next stage.
    pub fn escalate(&mut self, on: NaiveDate, roles: &[Role]) -> Result<Escalation, WorkflowError> {
        let t = IRO_ESCALATION.take(self.state().code(), "escalate", roles)?;
        self.move_up(on, false)
            .ok_or_else(|| WorkflowError::WrongState {
                transition: t.name,
                state: self.current().stage.label().to_owned(),
            })
    }

    /// Whether `user` may take `m` on this issue now: the one answer the plan
    /// page and the issue's use case share. The holder of the current stage
    /// answers it once (TRACK-013); the IRO's moves are WF-IRO-ESCALATION's;
    /// a resolved issue, or one referred to Cafcass, is closed.
    pub fn check_move(&self, user: &User, m: IssueMove) -> Result<(), Refusal> {
        if !user.may(Permission::WorkOnPlans) {
            return Err(Refusal::Forbidden("act on an IRO issue"));
        }
        if self.is_closed() {
            return Err(Refusal::NotNow("the issue is closed".into()));
        }
        let take = |name: &str| -> Result<(), Refusal> {
            IRO_ESCALATION.take(self.state().code(), name, &[user.role])?;
            Ok(())
        };
        let current = self.current();
        match m {
            IssueMove::Respond if user.role != current.stage.responder() => {
                Err(Refusal::Forbidden("respond at this stage of the issue"))
            }
            IssueMove::Respond if current.response.is_some() => Err(Refusal::NotNow(
                "the response at this stage is already recorded".into(),
            )),
            IssueMove::Respond => Ok(()),
            IssueMove::Escalate => {
                take("escalate")?;
                current.stage.next().map(|_| ()).ok_or_else(|| {
                    Refusal::NotNow(format!(
                        "the issue is at the last stage ({})",
                        current.stage.label()
                    ))
                })
            }
            IssueMove::Resolve => take("resolve"),
            IssueMove::ReferToCafcass => take("refer_cafcass"),
        }
    }

    /// The moves `user` may take on this issue now.
    pub fn moves(&self, user: &User) -> Vec<IssueMove> {
        IssueMove::ALL
            .into_iter()
            .filter(|m| self.check_move(user, *m).is_ok())
            .collect()
    }

    /// The current stage's response arrived.
    pub fn record_response(&mut self, on: NaiveDate) {
        if let Some(stage) = self.stages.last_mut() {
            stage.response = Some(on);
        }
    }

    /// The IRO records the issue resolved.
    pub fn resolve(&mut self, on: NaiveDate, roles: &[Role]) -> Result<(), WorkflowError> {
        IRO_ESCALATION.take(self.state().code(), "resolve", roles)?;
        self.resolved = Some(on);
        Ok(())
    }

    /// The IRO refers the case to Cafcass, allowed from any stage.
    pub fn refer_to_cafcass(
        &mut self,
        on: NaiveDate,
        grounds: impl Into<String>,
        roles: &[Role],
    ) -> Result<(), WorkflowError> {
        IRO_ESCALATION.take(self.state().code(), "refer_cafcass", roles)?;
        self.cafcass = Some(CafcassReferral {
            referred: on,
            grounds: grounds.into(),
        });
        Ok(())
    }

    /// TRACK-013: moves the issue up one stage for each stage whose response
    /// due date passed with no response, the day after that date, up to
    /// Stage 4. Returns the moves, for the IRO's notifications.
    pub fn apply_timeouts(&mut self, as_of: NaiveDate) -> Vec<Escalation> {
        let mut moves = Vec::new();
        loop {
            let current = self.current();
            let moved_on = next_day(current.response_due);
            if current.response.is_some_and(|d| d <= current.response_due)
                || moved_on > as_of
                || IRO_ESCALATION
                    .take_as_system(self.state().code(), "escalate_on_timeout")
                    .is_err()
            {
                return moves;
            }
            match self.move_up(moved_on, true) {
                Some(m) => moves.push(m),
                None => return moves,
            }
        }
    }

    /// TRACK-013: the overall limit, 20 working days from the first formal
    /// stage; none while the issue is informal.
    pub fn overall_limit(&self) -> Option<NaiveDate> {
        self.stages
            .iter()
            .find(|s| s.stage.is_formal())
            .map(|s| timescale::iro_overall().after(s.raised))
    }

    /// TRACK-013: the issue was not resolved (nor referred to Cafcass) by the
    /// overall limit; a breach stays shown once it has happened.
    pub fn over_overall_limit(&self, as_of: NaiveDate) -> bool {
        let Some(limit) = self.overall_limit() else {
            return false;
        };
        let ended = known(self.resolved, as_of)
            .or_else(|| known(self.cafcass.as_ref().map(|c| c.referred), as_of));
        ended.unwrap_or(as_of) > limit
    }
}

// ---------------------------------------------------------------------------
// ASSESS-018: the IRO makes sure the Care Plan reflects the child's need.

/// ASSESS-018: what the IRO answers at a looked-after child's review: whether
/// the Care Plan reflects the child's current assessment of need (and, when
/// it does not, the action to put that right), and whether a Children's
/// Rights Officer was offered to help the child understand the plan and
/// their rights and make their views known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarePlanCheck {
    pub reflects_assessment: bool,
    /// The action when the plan does not reflect the assessment.
    #[serde(default)]
    pub action: String,
    pub rights_officer_offered: bool,
}

impl CarePlanCheck {
    /// ASSESS-018: the IRO's answers, each required; "no" needs its action.
    /// Refuses with `field: problem`.
    pub fn answer(
        reflects_assessment: Option<bool>,
        action: &str,
        rights_officer_offered: Option<bool>,
    ) -> Result<CarePlanCheck, String> {
        let Some(reflects_assessment) = reflects_assessment else {
            return Err("care_plan_reflects: answer whether the Care Plan reflects the child's current assessment of need".into());
        };
        let action = action.trim();
        if !reflects_assessment && action.is_empty() {
            return Err("care_plan_action: give the action that will make the Care Plan reflect the child's assessed need".into());
        }
        let Some(rights_officer_offered) = rights_officer_offered else {
            return Err("rights_officer: record whether a Children's Rights Officer was offered to the child".into());
        };
        Ok(CarePlanCheck {
            reflects_assessment,
            action: if reflects_assessment {
                String::new()
            } else {
                action.to_owned()
            },
            rights_officer_offered,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    #[test]
    fn track_013_unanswered_stage_moves_up_and_overall_limit_shows() {
        let iro = [Role::IndependentReviewingOfficer];
        let mut issue = IroIssue::raise(
            "X".parse().unwrap(),
            "Permanence plan not ratified",
            "Ratify at an early review",
            IroStage::Stage1,
            d("2025-07-10"),
        );
        assert_eq!(issue.current().response_due, d("2025-07-17"));
        assert!(issue.apply_timeouts(d("2025-07-17")).is_empty());
        let moves = issue.apply_timeouts(d("2025-07-18"));
        assert_eq!(
            moves,
            vec![Escalation {
                from: IroStage::Stage1,
                to: IroStage::Stage2,
                on: d("2025-07-18"),
            }]
        );
        assert_eq!(issue.current().stage.label(), "Stage 2: service manager");
        assert!(issue.current().automatic);
        assert_eq!(issue.overall_limit(), Some(d("2025-08-07")));
        assert!(!issue.over_overall_limit(d("2025-08-07")));
        // Left alone, it climbs to Stage 4 and stops there.
        issue.apply_timeouts(d("2025-08-08"));
        assert_eq!(issue.current().stage, IroStage::Stage4);
        assert!(issue.over_overall_limit(d("2025-08-08")));
        assert!(issue.escalate(d("2025-08-08"), &iro).is_err());
        // Cafcass from any stage, by the IRO only.
        assert!(
            issue
                .refer_to_cafcass(d("2025-08-11"), "Rights breached", &[Role::TeamManager])
                .is_err()
        );
        issue
            .refer_to_cafcass(d("2025-08-11"), "Rights breached", &iro)
            .unwrap();
        assert_eq!(issue.state(), IroIssueState::Cafcass);
        // A response in time stops the automatic move; resolving ends it.
        let mut answered = IroIssue::raise(
            "X".parse().unwrap(),
            "issue",
            "action",
            IroStage::Stage1,
            d("2025-07-10"),
        );
        answered.record_response(d("2025-07-16"));
        assert!(answered.apply_timeouts(d("2025-07-25")).is_empty());
        answered.resolve(d("2025-07-25"), &iro).unwrap();
        assert!(!answered.over_overall_limit(d("2025-09-01")));
        // An informal issue has no overall limit until it goes formal.
        let mut informal = IroIssue::raise(
            "X".parse().unwrap(),
            "issue",
            "action",
            IroStage::Stage0,
            d("2025-07-10"),
        );
        assert_eq!(informal.overall_limit(), None);
        informal.escalate(d("2025-07-14"), &iro).unwrap();
        assert_eq!(informal.overall_limit(), Some(d("2025-08-11")));
    }
}
