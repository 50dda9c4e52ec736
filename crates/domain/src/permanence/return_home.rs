//! A return home from care as a case of its own (WF-RETURN-HOME, PATH-007,
//! PATH-005): the objectives for staff and parents, each with a timescale,
//! reviewed until met or not met; the readiness decision (the child's
//! wishes, the IRO consulted, the post-return support plan); the nominated
//! officer's approval; and the return itself, which ends a section 20
//! episode, or places a child on a care order with parents until the order
//! is discharged.
//!
//! Free text (objectives, progress) stays in the record and never appears in
//! a refusal's message.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::codes::ReasonEpisodeCeased;
use crate::permanence::cases::{CaseContext, CaseEffect, Offer, WorkflowCase, bad, held_by};
use crate::permanence::pathways::{
    EpisodeEndReason, ObjectiveFor, PathwayError, PostReturnSupport, ReturnHomeConfig,
    ReturnHomeDecision, ReturnHomeObjective, check_post_return_support, end_episode_on_return,
    validate_return_home_objective,
};
use crate::permanence::workflow::Refusal;
use crate::roles::Role::{self, *};

/// Who records objectives, their reviews and the readiness decision: the
/// social worker leads the change; the team manager oversees it.
pub const RECORDED_BY: &[Role] = &[SocialWorker, TeamManager];

/// Where an objective stands after its latest review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveStatus {
    InProgress,
    Met,
    NotMet,
}

impl ObjectiveStatus {
    pub const ALL: [ObjectiveStatus; 3] = [Self::InProgress, Self::Met, Self::NotMet];

    pub fn code(self) -> &'static str {
        match self {
            Self::InProgress => "in_progress",
            Self::Met => "met",
            Self::NotMet => "not_met",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::InProgress => "In progress",
            Self::Met => "Met",
            Self::NotMet => "Not met",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One review of an objective: the progress seen and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveReview {
    pub on: NaiveDate,
    pub progress: String,
    pub status: ObjectiveStatus,
    pub by: String,
}

/// An objective towards return home and its reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objective {
    pub objective: ReturnHomeObjective,
    pub recorded: NaiveDate,
    #[serde(default)]
    pub reviews: Vec<ObjectiveReview>,
}

impl Objective {
    /// Where it stands: its latest review's status, in progress before one.
    pub fn status(&self) -> ObjectiveStatus {
        self.reviews
            .last()
            .map_or(ObjectiveStatus::InProgress, |r| r.status)
    }

    /// Still in progress after its target date (its due date on the case).
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status() == ObjectiveStatus::InProgress
            && self.objective.target.is_some_and(|t| t < today)
    }
}

/// The readiness decision's record (WF-RETURN-HOME state 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    pub wishes_considered: NaiveDate,
    pub iro_consulted: NaiveDate,
    /// The post-return support plan (PATH-005).
    pub support: PostReturnSupport,
    pub recorded: NaiveDate,
}

/// The nominated officer's approval (WF-RETURN-HOME state 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub by: String,
    /// The approver's role's code ([`Role::code`]).
    pub role: String,
    pub on: NaiveDate,
}

/// What a return-home case records.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReturnHome {
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub readiness: Option<Readiness>,
    #[serde(default)]
    pub approval: Option<Approval>,
    /// The day the child went home.
    #[serde(default)]
    pub returned: Option<NaiveDate>,
    /// The day the care order was discharged (a child on a care order).
    #[serde(default)]
    pub discharged: Option<NaiveDate>,
    /// The day the looked-after episode ended.
    #[serde(default)]
    pub episode_ended: Option<NaiveDate>,
}

/// What a form on a return-home case records.
#[derive(Debug, Clone, PartialEq)]
pub enum ReturnHomeAction {
    /// An objective for staff or parents (PATH-007).
    AddObjective(ReturnHomeObjective),
    /// A review of objective `index` (from 0).
    ReviewObjective {
        index: usize,
        on: NaiveDate,
        progress: String,
        status: ObjectiveStatus,
    },
    RecordReadiness {
        wishes_considered: NaiveDate,
        iro_consulted: NaiveDate,
        support: PostReturnSupport,
    },
    /// The nominated officer approves the return (PATH-007 assumption).
    Approve,
    /// The child went home on this date.
    Return { on: NaiveDate },
    /// The care order was discharged on this date.
    Discharged { on: NaiveDate },
}

impl ReturnHomeAction {
    pub fn name(&self) -> &'static str {
        match self {
            Self::AddObjective(_) => "objective",
            Self::ReviewObjective { .. } => "review",
            Self::RecordReadiness { .. } => "readiness",
            Self::Approve => "approve",
            Self::Return { .. } => "return",
            Self::Discharged { .. } => "discharge",
        }
    }
}

fn refusal(e: PathwayError) -> Refusal {
    Refusal::NotNow(e.to_string())
}

/// The steps taken with nothing more to record: [`CaseAction::Step`].
///
/// [`CaseAction::Step`]: crate::permanence::cases::CaseAction::Step
pub const PLAIN_STEPS: &[&str] = &[
    "start_work",
    "assess_readiness",
    "seek_approval",
    "seek_discharge",
    "withdraw",
];

/// The workflow step each form takes, for the reason a form is refused.
pub const FORM_STEPS: &[(&str, &str)] = &[
    ("approve", "approve"),
    ("return", "close_s20"),
    ("discharge", "discharged"),
];

impl ReturnHome {
    /// What `user` may do on the case now.
    pub fn offers(&self, case: &WorkflowCase, user: &User, ctx: &CaseContext) -> Vec<Offer> {
        let stage = case.state.code;
        let records = held_by(user, RECORDED_BY);
        let mut offers = Vec::new();
        if records && matches!(stage, "planned" | "working") {
            offers.push(Offer::form("objective", "Record an objective"));
        }
        if records && stage == "working" {
            for (i, o) in self.objectives.iter().enumerate() {
                if o.status() == ObjectiveStatus::InProgress {
                    offers.push(Offer {
                        target: Some(i),
                        ..Offer::form("review", format!("Review objective {}", i + 1))
                    });
                }
            }
        }
        if records && stage == "readiness" {
            offers.push(Offer::form("readiness", "Record the readiness decision"));
        }
        if stage == "returned" && self.returned.is_none() {
            offers.extend(
                case.step_offer(user, "close_s20")
                    .map(|_| Offer::form("return", "Record the return home")),
            );
        }
        if stage == "discharge" {
            offers.extend(
                case.step_offer(user, "discharged")
                    .map(|_| Offer::form("discharge", "Record the discharge of the care order")),
            );
        }
        offers.extend(case.step_offer(user, "approve"));
        for step in PLAIN_STEPS {
            if self.blocked(step, ctx).is_none() {
                offers.extend(case.step_offer(user, step));
            }
        }
        offers
    }

    /// What the record still lacks before `name` can be taken.
    pub fn blocked(&self, name: &str, _ctx: &CaseContext) -> Option<String> {
        match name {
            "start_work" if self.objectives.is_empty() => Some(
                "record at least one objective, with its timescale, before work starts".into(),
            ),
            "assess_readiness" => {
                let open: Vec<String> = self
                    .objectives
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.status() == ObjectiveStatus::InProgress)
                    .map(|(i, _)| (i + 1).to_string())
                    .collect();
                (self.objectives.is_empty() || !open.is_empty()).then(|| {
                    format!(
                        "every objective must be reviewed as met or not met first (still in progress: {})",
                        if open.is_empty() { "none recorded".into() } else { open.join(", ") }
                    )
                })
            }
            "seek_approval" if self.readiness.is_none() => Some(
                "record the readiness decision (the child's wishes, the IRO consulted, the support plan) first"
                    .into(),
            ),
            // A child on a care order stays looked after until discharge:
            // discharge is sought once the child is home.
            "seek_discharge" if self.returned.is_none() || self.episode_ended.is_some() => {
                Some("the care order's discharge is sought once the child is home on the order".into())
            }
            _ => None,
        }
    }

    /// Takes `action` on the case (already checked as offered).
    pub fn act(
        &mut self,
        case: &mut WorkflowCase,
        user: &User,
        action: ReturnHomeAction,
        ctx: &CaseContext,
        on: NaiveDate,
    ) -> Result<CaseEffect, Refusal> {
        let mut effect = CaseEffect::default();
        match action {
            ReturnHomeAction::AddObjective(o) => {
                if o.text.trim().is_empty() {
                    return Err(bad("enter the objective"));
                }
                validate_return_home_objective(&o).map_err(refusal)?;
                self.objectives.push(Objective {
                    objective: o,
                    recorded: on,
                    reviews: Vec::new(),
                });
            }
            ReturnHomeAction::ReviewObjective {
                index,
                on: reviewed,
                progress,
                status,
            } => {
                let o = self
                    .objectives
                    .get_mut(index)
                    .ok_or_else(|| bad("there is no such objective"))?;
                if progress.trim().is_empty() {
                    return Err(bad("enter the progress seen against the objective"));
                }
                if reviewed > on {
                    return Err(bad("the review date cannot be in the future"));
                }
                o.reviews.push(ObjectiveReview {
                    on: reviewed,
                    progress,
                    status,
                    by: user.username.clone(),
                });
            }
            ReturnHomeAction::RecordReadiness {
                wishes_considered,
                iro_consulted,
                support,
            } => {
                if wishes_considered > on || iro_consulted > on {
                    return Err(bad("the readiness dates cannot be in the future"));
                }
                if support.reference.trim().is_empty() {
                    return Err(bad("enter the support plan's reference"));
                }
                self.readiness = Some(Readiness {
                    wishes_considered,
                    iro_consulted,
                    support,
                    recorded: on,
                });
            }
            ReturnHomeAction::Approve => {
                case.take(user, "approve", on)?;
                self.approval = Some(Approval {
                    by: user.username.clone(),
                    role: user.role.code().to_owned(),
                    on,
                });
            }
            ReturnHomeAction::Return { on: returned } => {
                if returned > on {
                    return Err(bad("the return date cannot be in the future"));
                }
                effect.end_episode = self.record_return(case, user, ctx, returned, on)?;
            }
            ReturnHomeAction::Discharged { on: discharged } => {
                if discharged > on {
                    return Err(bad("the discharge date cannot be in the future"));
                }
                if self.returned.is_some_and(|r| discharged < r) {
                    return Err(bad(
                        "the order cannot be discharged before the child went home",
                    ));
                }
                case.take(user, "discharged", on)?;
                self.discharged = Some(discharged);
                self.episode_ended = Some(discharged);
                effect.end_episode = Some((discharged, ReasonEpisodeCeased::ReturnedHomePlanned));
            }
        }
        Ok(effect)
    }

    /// PATH-007 with PATH-005: the return ends a section 20 episode on the
    /// return date once the nominated officer approved, the IRO was
    /// consulted, the child's wishes considered and the support plan is in
    /// place ([`end_episode_on_return`]); a child on a care order goes home
    /// placed with parents and stays looked after until discharge.
    fn record_return(
        &mut self,
        case: &mut WorkflowCase,
        user: &User,
        ctx: &CaseContext,
        returned: NaiveDate,
        today: NaiveDate,
    ) -> Result<Option<(NaiveDate, ReasonEpisodeCeased)>, Refusal> {
        let legal_status = ctx
            .legal_status
            .ok_or_else(|| bad("the child is not looked after: there is no episode to end"))?;
        let readiness = self.readiness.as_ref();
        check_post_return_support(returned, readiness.map(|r| &r.support)).map_err(refusal)?;
        let decision = ReturnHomeDecision {
            legal_status,
            planned_return: returned,
            approved: self
                .approval
                .as_ref()
                .map(|a| (Role::parse(&a.role).into_iter().collect(), a.on)),
            iro_consulted: readiness.map(|r| r.iro_consulted),
            child_wishes_considered: readiness.map(|r| r.wishes_considered),
            support: readiness.map(|r| r.support.clone()),
        };
        match end_episode_on_return(&decision, &ReturnHomeConfig::default()) {
            Ok(ending) => {
                debug_assert_eq!(ending.reason, EpisodeEndReason::ReturnHome);
                case.take(user, "close_s20", today)?;
                self.returned = Some(returned);
                self.episode_ended = Some(ending.ended);
                Ok(Some((
                    ending.ended,
                    ReasonEpisodeCeased::ReturnedHomePlanned,
                )))
            }
            Err(PathwayError::CareOrderNotDischarged) => {
                self.returned = Some(returned);
                Ok(None)
            }
            Err(e) => Err(refusal(e)),
        }
    }
}

/// Whose objective it is, by its code in a form.
pub fn objective_for(code: &str) -> Option<ObjectiveFor> {
    match code {
        "staff" => Some(ObjectiveFor::Staff),
        "parents" => Some(ObjectiveFor::Parents),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::LegalStatus;
    use crate::permanence::cases::{CaseAction, CaseRecord, check_start};
    use crate::permanence::pathways::PostReturnSupportKind;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    fn user(role: Role) -> User {
        User {
            username: format!("{}.test", role.code()),
            display_name: role.title().into(),
            role,
            team: None,
            worker_id: None,
        }
    }

    fn act(
        case: &mut WorkflowCase,
        role: Role,
        a: ReturnHomeAction,
        ctx: &CaseContext,
        on: &str,
    ) -> Result<CaseEffect, Refusal> {
        case.act(&user(role), CaseAction::ReturnHome(a), ctx, d(on))
    }

    fn step(
        case: &mut WorkflowCase,
        role: Role,
        name: &str,
        ctx: &CaseContext,
        on: &str,
    ) -> Result<CaseEffect, Refusal> {
        case.act(&user(role), CaseAction::Step(name.into()), ctx, d(on))
    }

    #[test]
    fn path_007_objectives_then_approval_then_the_s20_episode_ends_on_return() {
        let ctx = CaseContext {
            legal_status: Some(LegalStatus::SingleAccommodation),
            disabled: false,
            born: None,
        };
        let wf = check_start(&user(SocialWorker), "WF-RETURN-HOME").unwrap();
        let mut case = WorkflowCase::start(wf, "C1".parse().unwrap(), d("2025-07-01"), &ctx);
        let no_target = ReturnHomeObjective {
            text: "parent completes parenting programme".into(),
            for_whom: ObjectiveFor::Parents,
            target: None,
        };
        let err = act(
            &mut case,
            SocialWorker,
            ReturnHomeAction::AddObjective(no_target.clone()),
            &ctx,
            "2025-07-01",
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "timescale required");
        let err = step(&mut case, SocialWorker, "start_work", &ctx, "2025-07-01").unwrap_err();
        assert!(err.to_string().contains("at least one objective"), "{err}");
        let objective = ReturnHomeObjective {
            target: Some(d("2025-08-01")),
            ..no_target
        };
        act(
            &mut case,
            SocialWorker,
            ReturnHomeAction::AddObjective(objective),
            &ctx,
            "2025-07-01",
        )
        .unwrap();
        step(&mut case, SocialWorker, "start_work", &ctx, "2025-07-01").unwrap();
        assert!(
            step(
                &mut case,
                SocialWorker,
                "assess_readiness",
                &ctx,
                "2025-07-20"
            )
            .is_err()
        );
        let review = ReturnHomeAction::ReviewObjective {
            index: 0,
            on: d("2025-08-01"),
            progress: "Completed the course".into(),
            status: ObjectiveStatus::Met,
        };
        act(&mut case, SocialWorker, review, &ctx, "2025-08-01").unwrap();
        step(
            &mut case,
            SocialWorker,
            "assess_readiness",
            &ctx,
            "2025-08-01",
        )
        .unwrap();
        act(
            &mut case,
            SocialWorker,
            ReturnHomeAction::RecordReadiness {
                wishes_considered: d("2025-08-04"),
                iro_consulted: d("2025-08-05"),
                support: PostReturnSupport {
                    kind: PostReturnSupportKind::ChildInNeedPlan,
                    dated: d("2025-08-20"),
                    reference: "CIN-1".into(),
                },
            },
            &ctx,
            "2025-08-06",
        )
        .unwrap();
        step(&mut case, SocialWorker, "seek_approval", &ctx, "2025-08-06").unwrap();
        // The worker may not approve; the nominated officer does.
        assert!(
            act(
                &mut case,
                SocialWorker,
                ReturnHomeAction::Approve,
                &ctx,
                "2025-08-07"
            )
            .is_err()
        );
        act(
            &mut case,
            ServiceManager,
            ReturnHomeAction::Approve,
            &ctx,
            "2025-08-07",
        )
        .unwrap();
        // PATH-005: the support plan is dated after this return date.
        let err = act(
            &mut case,
            SocialWorker,
            ReturnHomeAction::Return {
                on: d("2025-08-18"),
            },
            &ctx,
            "2025-09-01",
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("post-return support plan"),
            "{err}"
        );
        let effect = act(
            &mut case,
            SocialWorker,
            ReturnHomeAction::Return {
                on: d("2025-09-01"),
            },
            &ctx,
            "2025-09-01",
        )
        .unwrap();
        assert_eq!(
            effect.end_episode,
            Some((d("2025-09-01"), ReasonEpisodeCeased::ReturnedHomePlanned))
        );
        assert_eq!(case.state.code, "closed");
        let CaseRecord::ReturnHome(r) = &case.record else {
            panic!()
        };
        assert_eq!(r.episode_ended, Some(d("2025-09-01")));
    }

    #[test]
    fn path_007_a_child_on_a_care_order_stays_looked_after_until_discharge() {
        let ctx = CaseContext {
            legal_status: Some(LegalStatus::FullCareOrder),
            disabled: false,
            born: None,
        };
        let mut r = ReturnHome {
            readiness: Some(Readiness {
                wishes_considered: d("2025-08-04"),
                iro_consulted: d("2025-08-05"),
                support: PostReturnSupport {
                    kind: PostReturnSupportKind::FamilyAndWellbeingReferral,
                    dated: d("2025-08-20"),
                    reference: "FWS-1".into(),
                },
                recorded: d("2025-08-06"),
            }),
            approval: Some(Approval {
                by: "sm".into(),
                role: ServiceManager.code().into(),
                on: d("2025-08-07"),
            }),
            ..ReturnHome::default()
        };
        let wf = check_start(&user(SocialWorker), "WF-RETURN-HOME").unwrap();
        let mut case = WorkflowCase::start(wf, "C1".parse().unwrap(), d("2025-07-01"), &ctx);
        case.state = wf.state("returned").unwrap();
        case.record = CaseRecord::ReturnHome(r.clone());
        let effect = act(
            &mut case,
            SocialWorker,
            ReturnHomeAction::Return {
                on: d("2025-09-01"),
            },
            &ctx,
            "2025-09-01",
        )
        .unwrap();
        assert_eq!(effect.end_episode, None);
        assert_eq!(case.state.code, "returned");
        step(
            &mut case,
            SocialWorker,
            "seek_discharge",
            &ctx,
            "2025-09-02",
        )
        .unwrap();
        let effect = act(
            &mut case,
            SocialWorker,
            ReturnHomeAction::Discharged {
                on: d("2025-12-01"),
            },
            &ctx,
            "2025-12-02",
        )
        .unwrap();
        assert_eq!(
            effect.end_episode,
            Some((d("2025-12-01"), ReasonEpisodeCeased::ReturnedHomePlanned))
        );
        r.returned = None;
        assert_eq!(case.state.code, "closed");
    }
}
