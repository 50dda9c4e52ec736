//! The pre-proceedings family route as a case of its own (WF-SAFETY-PLAN,
//! PATH-003, PATH-004, PATH-006): Safety Meetings for Family and Friends and
//! what they produced, the Safety Plan at home with its monitoring entries,
//! and its outcome: proceedings avoided, order discharged, intervention
//! reduced, or escalated to care proceedings (with the warning when no
//! Safety Meeting was held first). A disabled child's case is led by the
//! Disabled Children's Service, the edge-of-care service for disabled
//! children. A meeting where family offered care opens the request for a
//! viability assessment of the proposed carer (KIN-002), family before
//! friends (PATH-008); the support offered to keep the child at home is
//! recorded, and a decision to accommodate needs it (PATH-002).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::permanence::cases::{CaseContext, CaseEffect, Offer, WorkflowCase, bad, held_by};
use crate::permanence::pathways::{
    AccommodationRequest, EdgeOfCareQueue, PreservationSupport, Relationship, SafetyMeeting,
    SafetyMeetingOutcome, SafetyPlan, SafetyPlanOutcome, ViabilityRequest,
    check_accommodation_request, check_viability_request, edge_of_care_queue, proceedings_warnings,
    record_safety_plan_outcome,
};
use crate::permanence::workflow::Refusal;
use crate::roles::Role::{self, *};

/// Who records meetings and monitoring: the social worker, the team manager.
pub const RECORDED_BY: &[Role] = &[SocialWorker, TeamManager];

/// The steps taken with nothing more to record.
pub const PLAIN_STEPS: &[&str] = &[];

/// The workflow step each form takes, for the reason a form is refused.
pub const FORM_STEPS: &[(&str, &str)] = &[
    ("start_plan", "start_safety_plan"),
    ("outcome", "close"),
    ("proceedings", "issue_proceedings"),
];

/// Which service leads an edge-of-care case (PATH-006).
pub fn queue_label(q: EdgeOfCareQueue) -> &'static str {
    match q {
        EdgeOfCareQueue::DisabledChildrensService => "Disabled Children's Service",
        EdgeOfCareQueue::General => "Edge of care service",
    }
}

/// A Safety Meeting for Family and Friends as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecord {
    pub meeting: SafetyMeeting,
    /// Who came (free text).
    pub attendees: String,
}

/// One monitoring entry of a Safety Plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringEntry {
    pub on: NaiveDate,
    pub note: String,
    pub by: String,
}

/// A request for a viability assessment of a carer the family proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViabilityRecord {
    pub request: ViabilityRequest,
    /// Who is proposed (free text: never in audit or logs).
    pub carer: String,
    pub by: String,
}

/// Care proceedings issued (or the child accommodated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proceedings {
    pub issued: NaiveDate,
    /// The child is accommodated rather than proceedings issued (PATH-002).
    #[serde(default)]
    pub accommodation: bool,
    pub significant_concerns: bool,
    /// PATH-004's warnings on the CDM decision.
    pub warnings: Vec<String>,
}

/// What a safety-plan case records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyRoute {
    /// When pre-proceedings started (the CDM decision).
    pub pre_proceedings_started: NaiveDate,
    /// The service leading it (PATH-006).
    pub queue: EdgeOfCareQueue,
    #[serde(default)]
    pub meetings: Vec<MeetingRecord>,
    #[serde(default)]
    pub plan: Option<SafetyPlan>,
    #[serde(default)]
    pub monitoring: Vec<MonitoringEntry>,
    #[serde(default)]
    pub proceedings: Option<Proceedings>,
    /// Support offered to keep the child at home (PATH-002).
    #[serde(default)]
    pub preservation_support: Vec<PreservationSupport>,
    /// Viability assessments asked for (PATH-008, KIN-002).
    #[serde(default)]
    pub viability_requests: Vec<ViabilityRecord>,
}

/// What a form on a safety-plan case records.
#[derive(Debug, Clone, PartialEq)]
pub enum SafetyAction {
    Meeting {
        held: NaiveDate,
        outcomes: Vec<SafetyMeetingOutcome>,
        attendees: String,
    },
    StartPlan {
        started: NaiveDate,
        reference: String,
    },
    Monitoring {
        on: NaiveDate,
        note: String,
    },
    /// The plan worked: proceedings avoided, order discharged or
    /// intervention reduced (escalation is [`SafetyAction::IssueProceedings`]).
    Outcome {
        outcome: SafetyPlanOutcome,
        on: NaiveDate,
    },
    IssueProceedings {
        issued: NaiveDate,
        significant_concerns: bool,
        /// The child is accommodated instead (PATH-002).
        accommodation: bool,
    },
    /// Support offered to keep the child at home (PATH-002).
    Support {
        offered: NaiveDate,
        description: String,
    },
    /// A viability assessment asked for after family offered care.
    Viability {
        carer: String,
        relationship: Relationship,
        requested: NaiveDate,
        extended_family_considered: Option<NaiveDate>,
        friends_option_agreed: Option<NaiveDate>,
    },
}

impl SafetyAction {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Meeting { .. } => "meeting",
            Self::StartPlan { .. } => "start_plan",
            Self::Monitoring { .. } => "monitoring",
            Self::Outcome { .. } => "outcome",
            Self::IssueProceedings { .. } => "proceedings",
            Self::Support { .. } => "support",
            Self::Viability { .. } => "viability",
        }
    }
}

impl SafetyRoute {
    /// A new route from the CDM decision on `on`, led by the service the
    /// child's disability decides (PATH-006).
    pub fn start(on: NaiveDate, ctx: &CaseContext) -> Self {
        SafetyRoute {
            pre_proceedings_started: on,
            queue: edge_of_care_queue(ctx.disabled),
            meetings: Vec::new(),
            plan: None,
            monitoring: Vec::new(),
            proceedings: None,
            preservation_support: Vec::new(),
            viability_requests: Vec::new(),
        }
    }

    /// A Safety Meeting where family members offered care (KIN-002): an
    /// Initial Viability Assessment of the proposed carer follows.
    pub fn family_offered_care(&self) -> bool {
        self.meetings
            .iter()
            .any(|m| m.meeting.needs_viability_assessment())
    }

    /// What `user` may do on the case now.
    pub fn offers(&self, case: &WorkflowCase, user: &User) -> Vec<Offer> {
        let stage = case.state.code;
        let records = held_by(user, RECORDED_BY);
        let mut offers = Vec::new();
        if stage == "pre_proceedings" {
            offers.extend(
                case.step_offer(user, "hold_safety_meeting").map(|_| {
                    Offer::form("meeting", "Record a Safety Meeting for Family and Friends")
                }),
            );
        } else if records && matches!(stage, "safety_meeting" | "safety_plan") {
            offers.push(Offer::form("meeting", "Record another Safety Meeting"));
        }
        offers.extend(
            case.step_offer(user, "start_safety_plan")
                .map(|_| Offer::form("start_plan", "Start a Safety Plan at home")),
        );
        if records && stage == "safety_plan" {
            offers.push(Offer::form("monitoring", "Record a monitoring visit"));
        }
        offers.extend(
            case.step_offer(user, "close")
                .map(|_| Offer::form("outcome", "Record the Safety Plan's outcome")),
        );
        offers.extend(case.step_offer(user, "issue_proceedings").map(|_| {
            Offer::form(
                "proceedings",
                "Record that care proceedings were issued or the child accommodated",
            )
        }));
        let open = stage != "closed";
        if records && open && stage != "proceedings" {
            offers.push(Offer::form(
                "support",
                "Record support offered to keep the child at home",
            ));
        }
        if records && open && self.family_offered_care() {
            offers.push(Offer::form(
                "viability",
                "Ask for a viability assessment of a proposed carer",
            ));
        }
        offers
    }

    /// What the record still lacks before `name` can be taken.
    pub fn blocked(&self, name: &str) -> Option<String> {
        match name {
            "monitoring" if self.plan.is_none() => {
                Some("start the Safety Plan before recording its monitoring".into())
            }
            "viability" if !self.family_offered_care() => Some(
                "a viability assessment follows a Safety Meeting where family offered care".into(),
            ),
            _ => None,
        }
    }

    /// Takes `action` on the case (already checked as offered).
    pub fn act(
        &mut self,
        case: &mut WorkflowCase,
        user: &User,
        action: SafetyAction,
        on: NaiveDate,
    ) -> Result<CaseEffect, Refusal> {
        match action {
            SafetyAction::Meeting {
                held,
                outcomes,
                attendees,
            } => {
                if held > on {
                    return Err(bad("the meeting date cannot be in the future"));
                }
                if outcomes.is_empty() {
                    return Err(bad(
                        "choose what the meeting produced: offers of care, a support network, or no offer",
                    ));
                }
                if case.state.code == "pre_proceedings" {
                    case.take(user, "hold_safety_meeting", on)?;
                }
                self.meetings.push(MeetingRecord {
                    meeting: SafetyMeeting { held, outcomes },
                    attendees,
                });
            }
            SafetyAction::StartPlan { started, reference } => {
                if started > on {
                    return Err(bad("the Safety Plan's start cannot be in the future"));
                }
                case.take(user, "start_safety_plan", on)?;
                self.plan = Some(SafetyPlan {
                    pre_proceedings_ref: reference,
                    started,
                    monitoring: Vec::new(),
                    outcome: None,
                });
            }
            SafetyAction::Monitoring { on: seen, note } => {
                let plan = self
                    .plan
                    .as_mut()
                    .ok_or_else(|| bad("start the Safety Plan first"))?;
                if seen > on || seen < plan.started {
                    return Err(bad(
                        "the monitoring date must be between the plan's start and today",
                    ));
                }
                if note.trim().is_empty() {
                    return Err(bad("enter what the monitoring found"));
                }
                plan.monitoring.push(seen);
                self.monitoring.push(MonitoringEntry {
                    on: seen,
                    note,
                    by: user.username.clone(),
                });
            }
            SafetyAction::Outcome { outcome, on: ended } => {
                if outcome == SafetyPlanOutcome::Escalated {
                    return Err(bad("an escalation is recorded as care proceedings issued"));
                }
                if ended > on {
                    return Err(bad("the outcome date cannot be in the future"));
                }
                let plan = self
                    .plan
                    .as_mut()
                    .ok_or_else(|| bad("start the Safety Plan first"))?;
                record_safety_plan_outcome(plan, outcome, ended).map_err(|e| bad(e.to_string()))?;
                case.take(user, outcome.transition(), on)?;
            }
            SafetyAction::IssueProceedings {
                issued,
                significant_concerns,
                accommodation,
            } => {
                if issued > on {
                    return Err(bad(
                        "the date proceedings were issued cannot be in the future",
                    ));
                }
                if accommodation {
                    check_accommodation_request(&AccommodationRequest {
                        proposed: issued,
                        preservation_support: self.preservation_support.clone(),
                    })
                    .map_err(|e| bad(e.to_string()))?;
                }
                if let Some(plan) = self.plan.as_mut().filter(|p| p.outcome.is_none()) {
                    record_safety_plan_outcome(plan, SafetyPlanOutcome::Escalated, issued)
                        .map_err(|e| bad(e.to_string()))?;
                }
                case.take(user, "issue_proceedings", on)?;
                let meetings: Vec<SafetyMeeting> =
                    self.meetings.iter().map(|m| m.meeting.clone()).collect();
                let warnings = proceedings_warnings(
                    self.pre_proceedings_started,
                    issued,
                    significant_concerns,
                    &meetings,
                );
                self.proceedings = Some(Proceedings {
                    issued,
                    accommodation,
                    significant_concerns,
                    warnings: warnings.into_iter().map(str::to_owned).collect(),
                });
            }
            SafetyAction::Support {
                offered,
                description,
            } => {
                if offered > on {
                    return Err(bad("the date support was offered cannot be in the future"));
                }
                if description.trim().is_empty() {
                    return Err(bad("enter what support was offered"));
                }
                self.preservation_support.push(PreservationSupport {
                    offered,
                    description,
                });
            }
            SafetyAction::Viability {
                carer,
                relationship,
                requested,
                extended_family_considered,
                friends_option_agreed,
            } => {
                if requested > on {
                    return Err(bad("the date of the request cannot be in the future"));
                }
                if carer.trim().is_empty() {
                    return Err(bad("enter who is proposed as the carer"));
                }
                let request = ViabilityRequest {
                    relationship,
                    requested,
                    extended_family_considered,
                    friends_option_agreed,
                };
                check_viability_request(&request).map_err(|e| bad(e.to_string()))?;
                self.viability_requests.push(ViabilityRecord {
                    request,
                    carer,
                    by: user.username.clone(),
                });
            }
        }
        Ok(CaseEffect::default())
    }
}

/// A meeting outcome's words and code, for forms.
pub fn meeting_outcome_label(o: SafetyMeetingOutcome) -> &'static str {
    match o {
        SafetyMeetingOutcome::FamilyOfferingCare => "Family members offered to care for the child",
        SafetyMeetingOutcome::SupportNetworkIdentified => "A support network was identified",
        SafetyMeetingOutcome::NoOffer => "No offer of care",
    }
}

/// Every meeting outcome, with its code.
pub const MEETING_OUTCOMES: [(SafetyMeetingOutcome, &str); 3] = [
    (
        SafetyMeetingOutcome::FamilyOfferingCare,
        "family_offering_care",
    ),
    (
        SafetyMeetingOutcome::SupportNetworkIdentified,
        "support_network",
    ),
    (SafetyMeetingOutcome::NoOffer, "no_offer"),
];

/// The outcomes a Safety Plan that worked may record, with their codes.
pub const PLAN_OUTCOMES: [(SafetyPlanOutcome, &str); 3] = [
    (SafetyPlanOutcome::ProceedingsAvoided, "proceedings_avoided"),
    (SafetyPlanOutcome::OrderDischarged, "order_discharged"),
    (
        SafetyPlanOutcome::InterventionReduced,
        "intervention_reduced",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::cases::{CaseAction, CaseRecord, check_start};
    use crate::permanence::pathways::NO_FAMILY_NETWORK_MEETING;

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

    fn route(case: &WorkflowCase) -> &SafetyRoute {
        match &case.record {
            CaseRecord::SafetyPlan(r) => r,
            _ => panic!("not a safety plan"),
        }
    }

    #[test]
    fn path_003_a_safety_plan_that_works_closes_with_proceedings_avoided() {
        let ctx = CaseContext::default();
        let wf = check_start(&user(SocialWorker), "WF-SAFETY-PLAN").unwrap();
        let mut case = WorkflowCase::start(wf, "C1".parse().unwrap(), d("2025-01-20"), &ctx);
        let sw = user(SocialWorker);
        let mut act = |a, on: &str| case.act(&sw, CaseAction::Safety(a), &ctx, d(on));
        act(
            SafetyAction::Meeting {
                held: d("2025-01-28"),
                outcomes: vec![SafetyMeetingOutcome::SupportNetworkIdentified],
                attendees: "Aunt, grandmother".into(),
            },
            "2025-01-28",
        )
        .unwrap();
        act(
            SafetyAction::StartPlan {
                started: d("2025-02-03"),
                reference: "PP-1".into(),
            },
            "2025-02-03",
        )
        .unwrap();
        act(
            SafetyAction::Monitoring {
                on: d("2025-03-03"),
                note: "Home visit, plan followed".into(),
            },
            "2025-03-03",
        )
        .unwrap();
        act(
            SafetyAction::Outcome {
                outcome: SafetyPlanOutcome::ProceedingsAvoided,
                on: d("2025-06-02"),
            },
            "2025-06-02",
        )
        .unwrap();
        assert_eq!(case.state.code, "closed");
        assert_eq!(
            route(&case).plan.as_ref().unwrap().outcome,
            Some((SafetyPlanOutcome::ProceedingsAvoided, d("2025-06-02")))
        );
    }

    #[test]
    fn path_004_proceedings_issued_without_a_safety_meeting_warn_and_path_006_routes_a_disabled_child()
     {
        let ctx = CaseContext {
            legal_status: None,
            disabled: true,
            born: None,
        };
        let wf = check_start(&user(SocialWorker), "WF-SAFETY-PLAN").unwrap();
        let mut case = WorkflowCase::start(wf, "C1".parse().unwrap(), d("2025-02-03"), &ctx);
        assert_eq!(
            route(&case).queue,
            EdgeOfCareQueue::DisabledChildrensService
        );
        let tm = user(TeamManager);
        case.act(
            &tm,
            CaseAction::Safety(SafetyAction::IssueProceedings {
                issued: d("2025-04-07"),
                significant_concerns: true,
                accommodation: false,
            }),
            &ctx,
            d("2025-04-07"),
        )
        .unwrap();
        assert_eq!(case.state.code, "proceedings");
        assert_eq!(
            route(&case).proceedings.as_ref().unwrap().warnings,
            vec![NO_FAMILY_NETWORK_MEETING.to_owned()]
        );
    }
}
