//! Leaving care on an order as a case of its own (WF-ORDER-EXIT, PRIN-020,
//! PATH-013, PATH-015, PATH-001): advice offered to a long-term carer; the
//! carer's intention to apply for a Special Guardianship Order or a Child
//! Arrangements Order; the support assessment (an SGO support request,
//! mandatory or discretionary; a CAO allowance request routed by its basis);
//! the support plan agreed; and the order, which ends the looked-after
//! episode with the order as its reason. A carer who is a close relative
//! and declines an order may keep the child by informal family arrangement
//! (PATH-009): recorded only with the Child in Need case it sits in, it ends
//! the episode and opens nothing. With someone who is not a close relative
//! the same private arrangement is tested as private fostering (PATH-010):
//! the case says from which day it is, and that its assessment is due.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::codes::ReasonEpisodeCeased::{self, *};
use crate::permanence::cases::{CaseContext, CaseEffect, Offer, WorkflowCase, bad, held_by};
use crate::permanence::pathways::{
    AllowanceBasis, AllowanceRoute, CinPlanEntry, LivingArrangement, PrivateFosteringStatus,
    Relationship, RequestType, SgoSupportRequest, decline_sgo_support_request,
    private_fostering_status, record_informal_arrangement, route_cao_allowance,
};
use crate::permanence::workflow::Refusal;
use crate::roles::Role::{self, *};

/// The steps taken with nothing more to record.
pub const PLAIN_STEPS: &[&str] = &["declined", "assess_support"];

/// The workflow step each form takes, for the reason a form is refused.
pub const FORM_STEPS: &[(&str, &str)] = &[
    ("informal", "declined"),
    ("intends", "carer_intends"),
    ("support_plan", "agree_support_plan"),
    ("order", "order_made"),
];

/// Who decides an allowance request that meets neither basis (PATH-013).
pub const ALLOWANCE_DECIDED_BY: &[Role] = &[TeamManager, ServiceManager];

/// The order the carer means to apply for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderSought {
    SpecialGuardianship,
    ChildArrangements,
}

impl OrderSought {
    pub const ALL: [OrderSought; 2] = [Self::SpecialGuardianship, Self::ChildArrangements];

    pub fn code(self) -> &'static str {
        match self {
            Self::SpecialGuardianship => "sgo",
            Self::ChildArrangements => "cao",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SpecialGuardianship => "Special Guardianship Order",
            Self::ChildArrangements => "Child Arrangements Order",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    /// The reasons an episode may end for on this order (SSDA903).
    pub fn episode_reasons(self) -> &'static [ReasonEpisodeCeased] {
        match self {
            Self::ChildArrangements => &[ChildArrangementsOrder],
            Self::SpecialGuardianship => &[
                SgoFormerFosterCarersRelatives,
                SgoFormerFosterCarersOther,
                SgoOtherCarersRelatives,
                SgoOtherCarersOther,
            ],
        }
    }
}

/// An SGO support request and the decision on it (PATH-015).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SgoRequestRecord {
    pub request: SgoSupportRequest,
    /// Assessed (true) or declined (false), with reasons, on a date.
    #[serde(default)]
    pub decision: Option<(bool, String, NaiveDate)>,
}

/// A CAO allowance request and where it went (PATH-013).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowanceRecord {
    pub basis: Option<AllowanceBasis>,
    pub received: NaiveDate,
    /// Accepted for assessment and means test, or a manager's exception.
    pub for_assessment: bool,
    /// A manager's decision on an exception: agreed, reasons, date.
    #[serde(default)]
    pub exception: Option<(bool, String, NaiveDate)>,
}

/// What an order-exit case records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderExit {
    /// When advice on the orders was offered to the carer (PRIN-020).
    pub advice_offered: NaiveDate,
    #[serde(default)]
    pub order_sought: Option<OrderSought>,
    #[serde(default)]
    pub sgo_request: Option<SgoRequestRecord>,
    #[serde(default)]
    pub allowance: Option<AllowanceRecord>,
    #[serde(default)]
    pub support_plan_agreed: Option<NaiveDate>,
    /// The order made: its date and the episode's end reason.
    #[serde(default)]
    pub order: Option<(NaiveDate, ReasonEpisodeCeased)>,
    /// No order: the child lives with a close relative by informal family
    /// arrangement, on the Child in Need plan (PATH-009).
    #[serde(default)]
    pub informal: Option<InformalArrangement>,
}

/// An informal family arrangement as the Child in Need plan holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InformalArrangement {
    pub cin_case: String,
    pub relationship: Relationship,
    pub from: NaiveDate,
    /// How long it is meant to last, in days, where known (PATH-010).
    #[serde(default)]
    pub intended_days: Option<u32>,
}

impl From<CinPlanEntry> for InformalArrangement {
    fn from(e: CinPlanEntry) -> Self {
        InformalArrangement {
            cin_case: e.cin_case,
            relationship: e.relationship,
            from: e.from,
            intended_days: None,
        }
    }
}

impl InformalArrangement {
    /// PATH-010: the private fostering test's answer on `on`, for a carer
    /// who is not a close relative (`None` for a close relative's informal
    /// family arrangement, or when the child's date of birth is unknown).
    pub fn private_fostering(
        &self,
        ctx: &CaseContext,
        on: NaiveDate,
    ) -> Option<PrivateFosteringStatus> {
        if self.relationship.is_close_relative() {
            return None;
        }
        let arrangement = LivingArrangement {
            relationship: self.relationship,
            start: self.from,
            intended_days: self.intended_days,
            child_born: ctx.born?,
            child_disabled: ctx.disabled,
            cin_case: None,
        };
        Some(private_fostering_status(&arrangement, on))
    }
}

/// What a form on an order-exit case records.
#[derive(Debug, Clone, PartialEq)]
pub enum OrderExitAction {
    Intends(OrderSought),
    SgoRequest(SgoSupportRequest),
    SgoDecision {
        assess: bool,
        reasons: String,
    },
    Allowance {
        basis: Option<AllowanceBasis>,
    },
    AllowanceException {
        agreed: bool,
        reasons: String,
    },
    SupportPlan {
        agreed: NaiveDate,
    },
    Order {
        made: NaiveDate,
        reason: ReasonEpisodeCeased,
    },
    /// The carer declines an order and the child lives with them by
    /// informal family arrangement from `from` (a close relative), or by a
    /// private arrangement the private fostering test applies to.
    Informal {
        relationship: Relationship,
        from: NaiveDate,
        cin_case: String,
        /// How long it is meant to last, in days, where known.
        intended_days: Option<u32>,
    },
}

impl OrderExitAction {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Intends(_) => "intends",
            Self::SgoRequest(_) => "sgo_request",
            Self::SgoDecision { .. } => "sgo_decision",
            Self::Allowance { .. } => "allowance",
            Self::AllowanceException { .. } => "allowance_decision",
            Self::SupportPlan { .. } => "support_plan",
            Self::Order { .. } => "order",
            Self::Informal { .. } => "informal",
        }
    }
}

impl OrderExit {
    /// A new case: advice offered on `on`.
    pub fn start(on: NaiveDate) -> Self {
        OrderExit {
            advice_offered: on,
            order_sought: None,
            sgo_request: None,
            allowance: None,
            support_plan_agreed: None,
            order: None,
            informal: None,
        }
    }

    /// What `user` may do on the case now.
    pub fn offers(&self, case: &WorkflowCase, user: &User, ctx: &CaseContext) -> Vec<Offer> {
        let stage = case.state.code;
        let mut offers = Vec::new();
        if ctx.legal_status.is_some() {
            offers.extend(case.step_offer(user, "declined").map(|_| {
                Offer::form(
                    "informal",
                    "Record that the child will live with a relative or friend by private arrangement",
                )
            }));
        }
        offers.extend(
            case.step_offer(user, "carer_intends")
                .map(|_| Offer::form("intends", "Record that the carer intends to apply")),
        );
        offers.extend(case.step_offer(user, "declined"));
        offers.extend(case.step_offer(user, "assess_support"));
        let assesses = case.check_move(user, "agree_support_plan").is_ok();
        if stage == "support_assessment" && assesses {
            match self.order_sought {
                Some(OrderSought::SpecialGuardianship) if self.sgo_request.is_none() => {
                    offers.push(Offer::form("sgo_request", "Log an SGO support request"));
                }
                Some(OrderSought::SpecialGuardianship)
                    if self
                        .sgo_request
                        .as_ref()
                        .is_some_and(|r| r.decision.is_none()) =>
                {
                    offers.push(Offer::form(
                        "sgo_decision",
                        "Decide the SGO support request",
                    ));
                }
                Some(OrderSought::ChildArrangements) if self.allowance.is_none() => {
                    offers.push(Offer::form("allowance", "Log a CAO allowance request"));
                }
                _ => {}
            }
        }
        if stage == "support_assessment"
            && held_by(user, ALLOWANCE_DECIDED_BY)
            && self
                .allowance
                .as_ref()
                .is_some_and(|a| !a.for_assessment && a.exception.is_none())
        {
            offers.push(Offer::form(
                "allowance_decision",
                "Decide the allowance exception",
            ));
        }
        if self.blocked("support_plan").is_none() {
            offers.extend(
                case.step_offer(user, "agree_support_plan")
                    .map(|_| Offer::form("support_plan", "Record the support plan agreed")),
            );
        }
        offers.extend(
            case.step_offer(user, "order_made")
                .map(|_| Offer::form("order", "Record the order made")),
        );
        offers
    }

    /// What the record still lacks before `name` can be taken.
    pub fn blocked(&self, name: &str) -> Option<String> {
        match name {
            "support_plan"
                if self
                    .sgo_request
                    .as_ref()
                    .is_some_and(|r| r.decision.is_none()) =>
            {
                Some("decide the SGO support request before the support plan is agreed".into())
            }
            "support_plan"
                if self
                    .allowance
                    .as_ref()
                    .is_some_and(|a| !a.for_assessment && a.exception.is_none()) =>
            {
                Some("a manager must decide the allowance exception before the support plan is agreed".into())
            }
            _ => None,
        }
    }

    /// Takes `action` on the case (already checked as offered).
    pub fn act(
        &mut self,
        case: &mut WorkflowCase,
        user: &User,
        action: OrderExitAction,
        ctx: &CaseContext,
        on: NaiveDate,
    ) -> Result<CaseEffect, Refusal> {
        let mut effect = CaseEffect::default();
        match action {
            OrderExitAction::Intends(order) => {
                case.take(user, "carer_intends", on)?;
                self.order_sought = Some(order);
            }
            OrderExitAction::SgoRequest(request) => {
                if request.received > on {
                    return Err(bad(
                        "the date the request was received cannot be in the future",
                    ));
                }
                self.sgo_request = Some(SgoRequestRecord {
                    request,
                    decision: None,
                });
            }
            OrderExitAction::SgoDecision { assess, reasons } => {
                let record = self
                    .sgo_request
                    .as_mut()
                    .ok_or_else(|| bad("log the SGO support request first"))?;
                if !assess {
                    decline_sgo_support_request(&record.request, &reasons)
                        .map_err(|e| bad(e.to_string()))?;
                }
                record.decision = Some((assess, reasons, on));
            }
            OrderExitAction::Allowance { basis } => {
                self.allowance = Some(AllowanceRecord {
                    basis,
                    received: on,
                    for_assessment: route_cao_allowance(basis) == AllowanceRoute::Assessment,
                    exception: None,
                });
            }
            OrderExitAction::AllowanceException { agreed, reasons } => {
                if reasons.trim().is_empty() {
                    return Err(bad("give the reasons for the decision"));
                }
                let a = self
                    .allowance
                    .as_mut()
                    .ok_or_else(|| bad("log the allowance request first"))?;
                a.exception = Some((agreed, reasons, on));
            }
            OrderExitAction::SupportPlan { agreed } => {
                if agreed > on {
                    return Err(bad(
                        "the date the support plan was agreed cannot be in the future",
                    ));
                }
                case.take(user, "agree_support_plan", on)?;
                self.support_plan_agreed = Some(agreed);
            }
            OrderExitAction::Order { made, reason } => {
                let sought = self.order_sought.ok_or_else(|| bad("no order is sought"))?;
                if !sought.episode_reasons().contains(&reason) {
                    return Err(bad(format!(
                        "choose how the {} ended the episode",
                        sought.label()
                    )));
                }
                if made > on {
                    return Err(bad("the date the order was made cannot be in the future"));
                }
                case.take(user, "order_made", on)?;
                self.order = Some((made, reason));
                effect.end_episode = Some((made, reason));
            }
            OrderExitAction::Informal {
                relationship,
                from,
                cin_case,
                intended_days,
            } => {
                if from > on {
                    return Err(bad("the arrangement's start cannot be in the future"));
                }
                let born = ctx
                    .born
                    .ok_or_else(|| bad("the child's date of birth is not known"))?;
                let arrangement = LivingArrangement {
                    relationship,
                    start: from,
                    intended_days,
                    child_born: born,
                    child_disabled: ctx.disabled,
                    cin_case: Some(cin_case),
                };
                let informal = if relationship.is_close_relative() {
                    record_informal_arrangement(&arrangement)
                        .map_err(|e| bad(e.to_string()))?
                        .into()
                } else {
                    // Not a close relative: no Child in Need plan entry;
                    // the private fostering test applies (PATH-010).
                    InformalArrangement {
                        cin_case: arrangement.cin_case.unwrap_or_default(),
                        relationship,
                        from,
                        intended_days,
                    }
                };
                case.take(user, "declined", on)?;
                self.informal = Some(InformalArrangement {
                    intended_days,
                    ..informal
                });
                // Left care to live with a relative with no parental
                // responsibility; no episode or plan is opened for it.
                effect.end_episode = Some((from, LeftToLiveWithParentNoPr));
            }
        }
        Ok(effect)
    }
}

/// Whether the request must be assessed, in words.
pub fn request_type_label(t: RequestType) -> &'static str {
    match t {
        RequestType::Mandatory => "Mandatory: the council must assess",
        RequestType::Discretionary => "Discretionary: a decision with reasons",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::cases::{CaseAction, CaseContext, CaseRecord, check_start};
    use crate::permanence::pathways::Requester;

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

    #[test]
    fn path_015_a_mandatory_sgo_request_is_not_declined_and_the_order_ends_the_episode() {
        let ctx = CaseContext::default();
        let wf = check_start(&user(SocialWorker), "WF-ORDER-EXIT").unwrap();
        let mut case = WorkflowCase::start(wf, "C1".parse().unwrap(), d("2025-10-01"), &ctx);
        let sw = user(SocialWorker);
        let mut act = |a: CaseAction, on: &str| case.act(&sw, a, &ctx, d(on));
        act(
            CaseAction::OrderExit(OrderExitAction::Intends(OrderSought::SpecialGuardianship)),
            "2025-10-02",
        )
        .unwrap();
        act(CaseAction::Step("assess_support".into()), "2025-10-03").unwrap();
        act(
            CaseAction::OrderExit(OrderExitAction::SgoRequest(SgoSupportRequest {
                received: d("2025-12-01"),
                requester: Requester::SpecialGuardian,
                pre_order: false,
                child_previously_looked_after: true,
            })),
            "2025-12-01",
        )
        .unwrap();
        let err = act(
            CaseAction::OrderExit(OrderExitAction::SupportPlan {
                agreed: d("2025-12-02"),
            }),
            "2025-12-02",
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("decide the SGO support request"),
            "{err}"
        );
        let err = act(
            CaseAction::OrderExit(OrderExitAction::SgoDecision {
                assess: false,
                reasons: "No need".into(),
            }),
            "2025-12-02",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a mandatory SGO support assessment request cannot be declined"
        );
        act(
            CaseAction::OrderExit(OrderExitAction::SgoDecision {
                assess: true,
                reasons: String::new(),
            }),
            "2025-12-02",
        )
        .unwrap();
        act(
            CaseAction::OrderExit(OrderExitAction::SupportPlan {
                agreed: d("2026-01-10"),
            }),
            "2026-01-10",
        )
        .unwrap();
        let effect = act(
            CaseAction::OrderExit(OrderExitAction::Order {
                made: d("2026-02-02"),
                reason: SgoFormerFosterCarersRelatives,
            }),
            "2026-02-03",
        )
        .unwrap();
        assert_eq!(
            effect.end_episode,
            Some((d("2026-02-02"), SgoFormerFosterCarersRelatives))
        );
        assert_eq!(case.state.code, "order_made");
    }

    #[test]
    fn path_009_an_informal_arrangement_needs_a_close_relative_and_a_cin_case() {
        let ctx = CaseContext {
            legal_status: Some(crate::codes::LegalStatus::SingleAccommodation),
            disabled: false,
            born: Some(d("2014-05-01")),
        };
        let wf = check_start(&user(SocialWorker), "WF-ORDER-EXIT").unwrap();
        let mut case = WorkflowCase::start(wf, "C1".parse().unwrap(), d("2025-05-01"), &ctx);
        let sw = user(SocialWorker);
        let informal = |relationship, cin: &str| {
            CaseAction::OrderExit(OrderExitAction::Informal {
                relationship,
                from: d("2025-05-01"),
                cin_case: cin.into(),
                intended_days: None,
            })
        };
        let err = case
            .act(
                &sw,
                informal(Relationship::AuntOrUncle, " "),
                &ctx,
                d("2025-05-02"),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "an informal family arrangement is recorded only inside a Child in Need case"
        );
        let effect = case
            .act(
                &sw,
                informal(Relationship::AuntOrUncle, "CIN-1"),
                &ctx,
                d("2025-05-02"),
            )
            .unwrap();
        assert_eq!(
            effect.end_episode,
            Some((d("2025-05-01"), LeftToLiveWithParentNoPr))
        );
        assert_eq!(case.state.code, "closed");
        let CaseRecord::OrderExit(r) = &case.record else {
            panic!()
        };
        assert_eq!(r.informal.as_ref().unwrap().cin_case, "CIN-1");
    }

    #[test]
    fn path_010_a_private_arrangement_with_a_family_friend_is_private_fostering_from_day_28() {
        use crate::permanence::pathways::{ArrangementClass, POLICY_WORDING_DIFFERS};
        let ctx = |born: &str| CaseContext {
            legal_status: Some(crate::codes::LegalStatus::SingleAccommodation),
            disabled: false,
            born: Some(d(born)),
        };
        let friend = InformalArrangement {
            cin_case: String::new(),
            relationship: Relationship::FamilyFriend,
            from: d("2025-06-02"),
            intended_days: None,
        };
        // Fifteen: not yet on day 27, private fostering on day 28.
        let fifteen = ctx("2010-03-01");
        let before = friend.private_fostering(&fifteen, d("2025-06-29")).unwrap();
        assert_eq!(before.class, ArrangementClass::NotPrivateFostering);
        let status = friend.private_fostering(&fifteen, d("2025-06-30")).unwrap();
        assert_eq!(status.class, ArrangementClass::PrivateFostering);
        assert!(status.assessment_task);
        // Sixteen: not private fostering, and the policy's wording differs.
        let status = friend
            .private_fostering(&ctx("2009-03-01"), d("2025-06-30"))
            .unwrap();
        assert_eq!(status.class, ArrangementClass::NotPrivateFostering);
        assert_eq!(status.note, Some(POLICY_WORDING_DIFFERS));
        // A close relative's arrangement is not tested.
        let aunt = InformalArrangement {
            relationship: Relationship::AuntOrUncle,
            ..friend
        };
        assert_eq!(aunt.private_fostering(&fifteen, d("2025-06-30")), None);
    }

    #[test]
    fn path_013_an_allowance_with_neither_basis_waits_for_a_managers_decision() {
        let ctx = CaseContext::default();
        let wf = check_start(&user(SocialWorker), "WF-ORDER-EXIT").unwrap();
        let mut case = WorkflowCase::start(wf, "C1".parse().unwrap(), d("2025-10-01"), &ctx);
        let sw = user(SocialWorker);
        case.act(
            &sw,
            CaseAction::OrderExit(OrderExitAction::Intends(OrderSought::ChildArrangements)),
            &ctx,
            d("2025-10-02"),
        )
        .unwrap();
        case.act(
            &sw,
            CaseAction::Step("assess_support".into()),
            &ctx,
            d("2025-10-02"),
        )
        .unwrap();
        case.act(
            &sw,
            CaseAction::OrderExit(OrderExitAction::Allowance { basis: None }),
            &ctx,
            d("2025-11-14"),
        )
        .unwrap();
        let CaseRecord::OrderExit(r) = &case.record else {
            panic!()
        };
        assert!(!r.allowance.as_ref().unwrap().for_assessment);
        assert!(
            case.offers(&sw, &ctx)
                .iter()
                .all(|o| o.action != "support_plan")
        );
        let tm = user(TeamManager);
        assert!(
            case.offers(&tm, &ctx)
                .iter()
                .any(|o| o.action == "allowance_decision")
        );
        case.act(
            &tm,
            CaseAction::OrderExit(OrderExitAction::AllowanceException {
                agreed: true,
                reasons: "Carers would otherwise foster".into(),
            }),
            &ctx,
            d("2025-11-20"),
        )
        .unwrap();
        assert!(
            case.offers(&sw, &ctx)
                .iter()
                .any(|o| o.action == "support_plan")
        );
    }
}
