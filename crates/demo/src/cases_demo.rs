//! The section-10 workflows' cases for the demo: children of the first team
//! with a return home, a Safety Plan route, leaving care on an order and a
//! discretionary payment in every state their workflows have (the payment
//! itself excepted: it comes with the money capability).
//!
//! Each case is made by taking its workflow's own forms with the demo users
//! on past dates, so it holds what those forms record; a step that ends the
//! looked-after episode ends it on the child's journey too (a child whose
//! journey cannot end then is passed over for that case).

use chrono::{Days, NaiveDate};
use domain::access::User;
use domain::codes::ReasonEpisodeCeased;
use domain::journey::CareJourney;
use domain::permanence::cases::{CaseAction, CaseContext, CaseRecord, WorkflowCase};
use domain::permanence::order_exit::{OrderExitAction, OrderSought};
use domain::permanence::pathways::{
    ObjectiveFor, PostReturnSupport, PostReturnSupportKind, Relationship, Requester,
    ReturnHomeObjective, SafetyMeetingOutcome, SafetyPlanOutcome, SgoSupportRequest,
};
use domain::permanence::payments::PaymentAction;
use domain::permanence::referrals::{Outcome, Referral};
use domain::permanence::return_home::{ObjectiveStatus, ReturnHomeAction};
use domain::permanence::safety_plan::SafetyAction;
use domain::permanence::workflow::{DISC_PAYMENT, ORDER_EXIT, RETURN_HOME, SAFETY_PLAN, Workflow};
use domain::roles::Role;

/// The demo's cases with their identifiers, and the panel referrals the
/// recommended payments made.
#[derive(Debug, Clone, Default)]
pub struct DemoCases {
    pub cases: Vec<(String, WorkflowCase)>,
    pub referrals: Vec<(String, Referral)>,
}

fn demo_user(role: Role, team: &str) -> User {
    User {
        username: format!("{}.demo", role.code().replace('_', "-")),
        display_name: crate::staff::user_name(role),
        role,
        team: Some(team.to_owned()),
        worker_id: None,
    }
}

/// A case being made: its workflow's forms taken one after another.
struct Making<'a> {
    case: WorkflowCase,
    ctx: CaseContext,
    team: &'a str,
    ok: bool,
    ended: Option<(NaiveDate, ReasonEpisodeCeased)>,
    referral: Option<Referral>,
}

impl Making<'_> {
    fn act(&mut self, role: Role, on: NaiveDate, action: CaseAction) -> &mut Self {
        if !self.ok {
            return self;
        }
        match self
            .case
            .act(&demo_user(role, self.team), action, &self.ctx, on)
        {
            Ok(effect) => {
                self.ended = self.ended.or(effect.end_episode);
                if effect.referral.is_some() {
                    self.referral = effect.referral;
                }
            }
            Err(_) => self.ok = false,
        }
        self
    }

    fn step(&mut self, role: Role, on: NaiveDate, name: &str) -> &mut Self {
        self.act(role, on, CaseAction::Step(name.to_owned()))
    }
}

/// The indices of the journeys whose allocated worker is in `team`.
pub fn children_of_team(
    journeys: &[CareJourney],
    workers: &[domain::roles::Worker],
    team: &str,
) -> Vec<usize> {
    journeys
        .iter()
        .enumerate()
        .filter(|(_, j)| {
            j.social_workers().last().is_some_and(|s| {
                workers
                    .iter()
                    .any(|w| w.id == s.worker_id && w.team == team)
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// The cases of the demo council, as of `as_of`; `team` is the demo social
/// worker's team, whose children they are.
pub fn cases(
    journeys: &mut [CareJourney],
    team_children: &[usize],
    team: &str,
    as_of: NaiveDate,
) -> DemoCases {
    let mut out = DemoCases::default();
    if team_children.is_empty() {
        return out;
    }
    let day = |n: u64| as_of - Days::new(n);
    let scripts: Vec<(&'static Workflow, &str, Script)> = vec![
        (&RETURN_HOME, "planned", return_home(0)),
        (&RETURN_HOME, "working", return_home(1)),
        (&RETURN_HOME, "readiness", return_home(2)),
        (&RETURN_HOME, "approval", return_home(3)),
        (&RETURN_HOME, "returned", return_home(4)),
        (&RETURN_HOME, "discharge", return_home(5)),
        (&RETURN_HOME, "closed", return_home(4)),
        (
            &RETURN_HOME,
            "withdrawn",
            Box::new(|m, day| {
                m.step(Role::SocialWorker, day(40), "withdraw");
            }),
        ),
        (&SAFETY_PLAN, "pre_proceedings", safety(0)),
        (&SAFETY_PLAN, "safety_meeting", safety(1)),
        (&SAFETY_PLAN, "safety_plan", safety(2)),
        (&SAFETY_PLAN, "closed", safety(3)),
        (
            &SAFETY_PLAN,
            "proceedings",
            Box::new(|m, day| {
                let issue = SafetyAction::IssueProceedings {
                    issued: day(30),
                    significant_concerns: true,
                    accommodation: false,
                };
                m.act(Role::TeamManager, day(30), CaseAction::Safety(issue));
            }),
        ),
        (&ORDER_EXIT, "advice_offered", order_exit(0)),
        (&ORDER_EXIT, "intends_to_apply", order_exit(1)),
        (&ORDER_EXIT, "support_assessment", order_exit(2)),
        (&ORDER_EXIT, "support_plan", order_exit(3)),
        (&ORDER_EXIT, "order_made", order_exit(4)),
        (
            &ORDER_EXIT,
            "closed",
            Box::new(|m, day| {
                m.step(Role::SocialWorker, day(50), "declined");
            }),
        ),
        (&DISC_PAYMENT, "need_identified", payment(0)),
        (
            &DISC_PAYMENT,
            "form_pending",
            Box::new(|m, day| assess_need(m, day, true)),
        ),
        (
            &DISC_PAYMENT,
            "not_needed",
            Box::new(|m, day| assess_need(m, day, false)),
        ),
        (&DISC_PAYMENT, "form_completed", payment(1)),
        (&DISC_PAYMENT, "tm_review", payment(2)),
        (&DISC_PAYMENT, "panel", payment(3)),
        (&DISC_PAYMENT, "approved", payment(4)),
        (&DISC_PAYMENT, "refused", payment(5)),
        (&DISC_PAYMENT, "appeal", payment(6)),
    ];
    let mut next = 0;
    for (wf, want, script) in &scripts {
        // Try the team's children in turn until one can hold this state.
        for attempt in 0..team_children.len() {
            let index = team_children[(next + attempt) % team_children.len()];
            let journey = &journeys[index];
            let Some(episode) = journey.current_episode() else {
                continue;
            };
            let ctx = CaseContext {
                legal_status: Some(episode.legal_status),
                disabled: journey.child().disabled,
                born: Some(journey.child().date_of_birth),
            };
            let started = day(120).max(episode.start);
            let mut m = Making {
                case: WorkflowCase::start(wf, journey.id().clone(), started, &ctx),
                ctx,
                team,
                ok: true,
                ended: None,
                referral: None,
            };
            script(&mut m, &day);
            if !m.ok || m.case.state.code != *want {
                continue;
            }
            if let Some((on, reason)) = m.ended {
                match journey.leave_care(on, reason, as_of) {
                    Ok((ended, _)) => journeys[index] = ended,
                    Err(_) => continue,
                }
            }
            let child = m.case.child_id.clone();
            let n = out
                .cases
                .iter()
                .filter(|(_, c)| c.child_id == child)
                .count();
            let id = format!("{child}-W{:02}", n + 1);
            if let Some(mut referral) = m.referral.take() {
                let rid = format!("{child}-R9{n}");
                if let CaseRecord::Payment(p) = &mut m.case.record {
                    p.referral = Some(rid.clone());
                    // The panel's outcome on its referral, as the case read it.
                    referral.outcome = p.request.as_ref().and_then(|r| r.panel.map(|(o, _)| o));
                }
                out.referrals.push((rid, referral));
            }
            out.cases.push((id, m.case));
            next += attempt + 1;
            break;
        }
    }
    out
}

type Script = Box<dyn Fn(&mut Making<'_>, &dyn Fn(u64) -> NaiveDate)>;

/// A return home taken `upto` stages along: 0 planned, 1 working, 2
/// readiness, 3 approval, 4 returned (a section 20 episode then ends), 5
/// care order discharge sought.
fn return_home(upto: u8) -> Script {
    Box::new(move |m, day| {
        let objective = |text: &str, for_whom, target| {
            CaseAction::ReturnHome(ReturnHomeAction::AddObjective(ReturnHomeObjective {
                text: text.into(),
                for_whom,
                target: Some(target),
            }))
        };
        m.act(
            Role::SocialWorker,
            day(110),
            objective(
                "Parents complete the parenting programme",
                ObjectiveFor::Parents,
                day(60),
            ),
        );
        m.act(
            Role::SocialWorker,
            day(110),
            objective(
                "Family time moves to the family home, unsupervised",
                ObjectiveFor::Staff,
                day(20),
            ),
        );
        if upto == 0 {
            return;
        }
        m.step(Role::SocialWorker, day(100), "start_work");
        let review = |index, on, status, progress: &str| {
            CaseAction::ReturnHome(ReturnHomeAction::ReviewObjective {
                index,
                on,
                progress: progress.into(),
                status,
            })
        };
        m.act(
            Role::SocialWorker,
            day(58),
            review(
                0,
                day(58),
                ObjectiveStatus::Met,
                "Programme completed; the certificate is on file",
            ),
        );
        if upto == 1 {
            return;
        }
        m.act(
            Role::SocialWorker,
            day(18),
            review(
                1,
                day(18),
                ObjectiveStatus::Met,
                "Four unsupervised visits at home went well",
            ),
        );
        m.step(Role::SocialWorker, day(17), "assess_readiness");
        if upto == 2 {
            return;
        }
        m.act(
            Role::SocialWorker,
            day(15),
            CaseAction::ReturnHome(ReturnHomeAction::RecordReadiness {
                wishes_considered: day(16),
                iro_consulted: day(15),
                support: PostReturnSupport {
                    kind: PostReturnSupportKind::ChildInNeedPlan,
                    dated: day(15),
                    reference: "CIN plan".into(),
                },
            }),
        );
        m.step(Role::SocialWorker, day(14), "seek_approval");
        if upto == 3 {
            return;
        }
        m.act(
            Role::ServiceManager,
            day(10),
            CaseAction::ReturnHome(ReturnHomeAction::Approve),
        );
        m.act(
            Role::SocialWorker,
            day(7),
            CaseAction::ReturnHome(ReturnHomeAction::Return { on: day(7) }),
        );
        if upto == 5 {
            m.step(Role::SocialWorker, day(6), "seek_discharge");
        }
    })
}

/// A Safety Plan route taken `upto` stages along: 0 pre-proceedings, 1
/// meeting held, 2 plan at home with monitoring, 3 proceedings avoided.
fn safety(upto: u8) -> Script {
    Box::new(move |m, day| {
        if upto == 0 {
            return;
        }
        let meeting = SafetyAction::Meeting {
            held: day(100),
            outcomes: vec![
                SafetyMeetingOutcome::FamilyOfferingCare,
                SafetyMeetingOutcome::SupportNetworkIdentified,
            ],
            attendees: "Grandparents, an aunt and a family friend".into(),
        };
        m.act(Role::SocialWorker, day(100), CaseAction::Safety(meeting));
        let support = SafetyAction::Support {
            offered: day(98),
            description: "Family support worker twice a week and short breaks".into(),
        };
        m.act(Role::SocialWorker, day(98), CaseAction::Safety(support));
        let viability = SafetyAction::Viability {
            carer: "The child's aunt".into(),
            relationship: Relationship::AuntOrUncle,
            requested: day(97),
            extended_family_considered: None,
            friends_option_agreed: None,
        };
        m.act(Role::SocialWorker, day(97), CaseAction::Safety(viability));
        if upto == 1 {
            return;
        }
        m.act(
            Role::SocialWorker,
            day(90),
            CaseAction::Safety(SafetyAction::StartPlan {
                started: day(90),
                reference: "Pre-proceedings letter".into(),
            }),
        );
        for n in [60, 30] {
            m.act(
                Role::SocialWorker,
                day(n),
                CaseAction::Safety(SafetyAction::Monitoring {
                    on: day(n),
                    note: "Home visit: the Safety Plan is being followed".into(),
                }),
            );
        }
        if upto == 2 {
            return;
        }
        m.act(
            Role::SocialWorker,
            day(5),
            CaseAction::Safety(SafetyAction::Outcome {
                outcome: SafetyPlanOutcome::ProceedingsAvoided,
                on: day(5),
            }),
        );
    })
}

/// Leaving care on an order, `upto` stages along: 0 advice offered, 1 the
/// carer intends to apply, 2 a mandatory SGO support request logged, 3 the
/// support plan agreed, 4 the order made (the episode ends).
fn order_exit(upto: u8) -> Script {
    Box::new(move |m, day| {
        if upto == 0 {
            return;
        }
        m.act(
            Role::SocialWorker,
            day(100),
            CaseAction::OrderExit(OrderExitAction::Intends(OrderSought::SpecialGuardianship)),
        );
        if upto == 1 {
            return;
        }
        m.step(Role::SocialWorker, day(95), "assess_support");
        m.act(
            Role::SocialWorker,
            day(90),
            CaseAction::OrderExit(OrderExitAction::SgoRequest(SgoSupportRequest {
                received: day(90),
                requester: Requester::ProspectiveSpecialGuardian,
                pre_order: true,
                child_previously_looked_after: true,
            })),
        );
        if upto == 2 {
            return;
        }
        m.act(
            Role::SocialWorker,
            day(85),
            CaseAction::OrderExit(OrderExitAction::SgoDecision {
                assess: true,
                reasons: String::new(),
            }),
        );
        m.act(
            Role::SocialWorker,
            day(40),
            CaseAction::OrderExit(OrderExitAction::SupportPlan { agreed: day(40) }),
        );
        if upto == 3 {
            return;
        }
        m.act(
            Role::SocialWorker,
            day(8),
            CaseAction::OrderExit(OrderExitAction::Order {
                made: day(8),
                reason: ReasonEpisodeCeased::SgoFormerFosterCarersRelatives,
            }),
        );
    })
}

/// A discretionary payment, `upto` stages along: 0 need identified, 1 form
/// completed, 2 with the team manager, 3 at panel, 4 approved, 5 refused,
/// 6 refused and appealed.
/// PAY-003: the supervising social worker assesses the need before the
/// Additional Payments form.
fn assess_need(m: &mut Making<'_>, day: &dyn Fn(u64) -> NaiveDate, required: bool) {
    let notes = if required {
        "Visited the carer: the child needs to get to contact and the carer cannot drive"
    } else {
        "The need is met from the fostering allowance"
    };
    m.act(
        Role::SupervisingSocialWorker,
        day(62),
        CaseAction::Payment(PaymentAction::Assess {
            notes: notes.into(),
            required,
        }),
    );
}

fn payment(upto: u8) -> Script {
    Box::new(move |m, day| {
        if upto == 0 {
            return;
        }
        assess_need(m, day, true);
        let form = PaymentAction::Form {
            need: "Driving lessons so the carer can take the child to contact".into(),
            how_met: "A block of twenty lessons".into(),
            cost_pence: 64_000,
            other_authority: None,
            outside_route: None,
        };
        m.act(
            Role::SupervisingSocialWorker,
            day(60),
            CaseAction::Payment(form),
        );
        if upto == 1 {
            return;
        }
        m.step(Role::SupervisingSocialWorker, day(58), "submit");
        if upto == 2 {
            return;
        }
        if upto == 5 || upto == 6 {
            m.act(
                Role::TeamManager,
                day(50),
                CaseAction::Payment(PaymentAction::Refuse {
                    reasons: "The need is met by the fostering allowance".into(),
                }),
            );
        } else {
            m.act(
                Role::TeamManager,
                day(50),
                CaseAction::Payment(PaymentAction::Recommend),
            );
        }
        if upto == 4 {
            m.act(
                Role::PanelAdviser,
                day(30),
                CaseAction::Payment(PaymentAction::PanelDecision {
                    outcome: Some(Outcome::PaymentApproved),
                }),
            );
        }
        if upto == 6 {
            m.act(
                Role::SupervisingSocialWorker,
                day(25),
                CaseAction::Payment(PaymentAction::Appeal),
            );
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{CouncilSpec, generate};
    use domain::permanence::workflow::PaymentStage;

    #[test]
    fn the_demo_has_cases_in_every_state_of_the_four_workflows() {
        let as_of: NaiveDate = "2026-03-31".parse().unwrap();
        let mut council = generate(&CouncilSpec::new(400, 7, as_of));
        let team = council.workers[0].team.clone();
        let in_team = children_of_team(&council.journeys, &council.workers, &team);
        let demo = cases(&mut council.journeys, &in_team, &team, as_of);
        for wf in [&RETURN_HOME, &SAFETY_PLAN, &ORDER_EXIT, &DISC_PAYMENT] {
            for state in wf.states {
                if state.code == PaymentStage::Paid.code() {
                    continue;
                }
                assert!(
                    demo.cases
                        .iter()
                        .any(|(_, c)| c.workflow.id == wf.id && c.state.code == state.code),
                    "{} {}",
                    wf.id,
                    state.code
                );
            }
        }
        assert!(!demo.referrals.is_empty());
    }
}
