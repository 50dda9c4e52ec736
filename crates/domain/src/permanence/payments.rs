//! Discretionary payments through the Permanence Panel (PANEL-017,
//! WF-DISC-PAYMENT): what a payment may buy, the team manager's
//! recommendation, the panel's decision and the appeal to the service manager.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::child::ChildId;
use crate::permanence::cases::{CaseEffect, Offer, WorkflowCase, bad};
use crate::permanence::workflow::Refusal;
use crate::roles::Role;

use crate::permanence::referrals::{
    Outcome, PackDoc, PackEntry, Referral, ReferralTrigger, referral_for,
};

// ---------------------------------------------------------------------------
// PANEL-017: discretionary payments.

/// Another authority whose responsibility a service is: discretionary
/// payments must not buy it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherAuthority {
    Health,
    Education,
}

/// Payments made outside the panel route (PANEL-017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutsideRoute {
    /// An emergency payment to secure the child's safety.
    EmergencySafety,
    EmergencyAccommodation,
    AdditionalHolidayPayment,
    CapitalLoan,
}

/// The Team Manager's decision on an Additional Payments form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamManagerDecision {
    pub recommended: bool,
    pub on: NaiveDate,
}

/// A discretionary payment request: the Additional Payments form and what
/// became of it (WF-DISC-PAYMENT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRequest {
    pub child_id: ChildId,
    pub submitted: NaiveDate,
    /// The need, and how the payment will meet it (free text).
    pub need: String,
    pub how_met: String,
    pub cost_pence: u64,
    /// The service is another authority's responsibility.
    #[serde(default)]
    pub other_authority: Option<OtherAuthority>,
    #[serde(default)]
    pub outside_route: Option<OutsideRoute>,
    #[serde(default)]
    pub team_manager: Option<TeamManagerDecision>,
    /// The panel's outcome and its date.
    #[serde(default)]
    pub panel: Option<(Outcome, NaiveDate)>,
}

/// The service whose Service Manager hears appeals on refused payments.
pub const PAYMENT_APPEAL_SERVICE: &str = "Fostering and Adoption Service";

/// Who an appeal is lodged with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRecipient {
    /// The role's code ([`crate::roles::Role::code`]).
    pub role: String,
    pub service: String,
}

/// An appeal against a refused payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentAppeal {
    pub lodged: NaiveDate,
    pub with: AppealRecipient,
}

/// Why a payment step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    #[error("other authority's responsibility: a discretionary payment cannot buy it")]
    OtherAuthority,
    #[error("the Additional Payments form needs the need, how it will be met and the cost")]
    FormIncomplete,
    #[error("this payment is made outside the Permanence Panel route")]
    OutsideRoute,
    #[error("only a refused payment can be appealed")]
    NotRefused,
    #[error(
        "an appeal can be lodged only with the Service Manager for the Fostering and Adoption Service"
    )]
    WrongAppealRecipient,
}

/// PANEL-017: the Team Manager recommends the request to the panel: the
/// referral for the panel, with the form and the recommendation in its pack.
pub fn recommend_payment(
    request: &mut PaymentRequest,
    on: NaiveDate,
    team_manager: &str,
) -> Result<Referral, PaymentError> {
    if request.other_authority.is_some() {
        return Err(PaymentError::OtherAuthority);
    }
    if request.outside_route.is_some() {
        return Err(PaymentError::OutsideRoute);
    }
    if request.need.trim().is_empty()
        || request.how_met.trim().is_empty()
        || request.cost_pence == 0
    {
        return Err(PaymentError::FormIncomplete);
    }
    request.team_manager = Some(TeamManagerDecision {
        recommended: true,
        on,
    });
    let mut referral = referral_for(
        request.child_id.clone(),
        ReferralTrigger::PaymentRecommended,
        on,
    );
    referral.pack = vec![
        PackEntry {
            doc: PackDoc::AdditionalPaymentsForm,
            received: request.submitted,
            by: String::new(),
        },
        PackEntry {
            doc: PackDoc::TeamManagerRecommendation,
            received: on,
            by: team_manager.to_owned(),
        },
    ];
    Ok(referral)
}

impl PaymentRequest {
    /// The date it was refused, by the Team Manager or the panel.
    pub fn refused_on(&self) -> Option<NaiveDate> {
        match (self.team_manager, self.panel) {
            (_, Some((Outcome::PaymentRefused, on))) => Some(on),
            (
                Some(TeamManagerDecision {
                    recommended: false,
                    on,
                }),
                _,
            ) => Some(on),
            _ => None,
        }
    }
}

/// PANEL-017: a refusal carries a right of appeal, to the Service Manager for
/// the Fostering and Adoption Service only.
pub fn lodge_payment_appeal(
    request: &PaymentRequest,
    lodged: NaiveDate,
    with: AppealRecipient,
) -> Result<PaymentAppeal, PaymentError> {
    if request.refused_on().is_none_or(|r| r > lodged) {
        return Err(PaymentError::NotRefused);
    }
    if crate::roles::Role::parse(&with.role) != Some(crate::roles::Role::ServiceManager)
        || !with
            .service
            .trim()
            .eq_ignore_ascii_case(PAYMENT_APPEAL_SERVICE)
    {
        return Err(PaymentError::WrongAppealRecipient);
    }
    Ok(PaymentAppeal { lodged, with })
}

// ---------------------------------------------------------------------------
// WF-DISC-PAYMENT as a case of its own. The payment itself comes with the
// money capability: the case records the decision only.

/// The steps taken with nothing more to record.
pub const PLAIN_STEPS: &[&str] = &["submit"];

/// The workflow step each form takes, for the reason a form is refused.
pub const FORM_STEPS: &[(&str, &str)] = &[
    ("assess", "assess_need"),
    ("form", "complete_form"),
    ("tm_recommend", "tm_recommend"),
    ("tm_refuse", "tm_refuse"),
    ("panel_decision", "panel_approve"),
    ("appeal", "appeal"),
    ("appeal_decision", "appeal_upheld"),
];

/// The one step this case never offers: paying belongs to the money
/// capability, which is not built yet.
pub const NOT_YET: &str = "pay";

/// PAY-003: the worker's assessment of the need before the Additional
/// Payments form: their notes and whether an additional payment is required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedAssessment {
    pub notes: String,
    pub required: bool,
    pub on: NaiveDate,
    /// The worker who assessed it (their username).
    pub by: String,
}

/// What a discretionary payment case records.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PaymentCase {
    /// PAY-003: the need explored and assessed (none on a case started
    /// before the assessment was recorded).
    #[serde(default)]
    pub assessment: Option<NeedAssessment>,
    /// The Additional Payments form and the decisions on it.
    #[serde(default)]
    pub request: Option<PaymentRequest>,
    /// The team manager's reasons for refusing.
    #[serde(default)]
    pub refusal_reasons: Option<String>,
    /// The Permanence Panel referral the recommendation made.
    #[serde(default)]
    pub referral: Option<String>,
    #[serde(default)]
    pub appeal: Option<PaymentAppeal>,
    /// The service manager's decision on the appeal: upheld, reasons, date.
    #[serde(default)]
    pub appeal_decision: Option<(bool, String, NaiveDate)>,
}

/// What a form on a payment case records.
#[derive(Debug, Clone, PartialEq)]
pub enum PaymentAction {
    /// PAY-003: the need assessed by the supervising or adoption social
    /// worker, with the outcome.
    Assess {
        notes: String,
        required: bool,
    },
    /// The Additional Payments form.
    Form {
        need: String,
        how_met: String,
        cost_pence: u64,
        other_authority: Option<OtherAuthority>,
        outside_route: Option<OutsideRoute>,
    },
    Recommend,
    Refuse {
        reasons: String,
    },
    /// The panel's outcome, as recorded on its referral (none yet: refused).
    PanelDecision {
        outcome: Option<Outcome>,
    },
    Appeal,
    AppealDecision {
        upheld: bool,
        reasons: String,
    },
}

impl PaymentAction {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Assess { .. } => "assess",
            Self::Form { .. } => "form",
            Self::Recommend => "tm_recommend",
            Self::Refuse { .. } => "tm_refuse",
            Self::PanelDecision { .. } => "panel_decision",
            Self::Appeal => "appeal",
            Self::AppealDecision { .. } => "appeal_decision",
        }
    }
}

impl PaymentCase {
    /// What `user` may do on the case now.
    pub fn offers(&self, case: &WorkflowCase, user: &User) -> Vec<Offer> {
        let mut offers = Vec::new();
        let mut form = |action, step: &str, label: &str| {
            if case.check_move(user, step).is_ok() {
                offers.push(Offer::form(action, label));
            }
        };
        form("assess", "assess_need", "Record the assessment of the need");
        form(
            "form",
            "complete_form",
            "Record the Additional Payments form",
        );
        form(
            "tm_recommend",
            "tm_recommend",
            "Recommend it to the Permanence Panel",
        );
        form("tm_refuse", "tm_refuse", "Refuse the request");
        form(
            "panel_decision",
            "panel_approve",
            "Record the panel's decision",
        );
        form("appeal", "appeal", "Lodge an appeal");
        form("appeal_decision", "appeal_upheld", "Decide the appeal");
        offers.extend(case.step_offer(user, "submit"));
        offers
    }

    /// What the record still lacks before `name` can be taken.
    pub fn blocked(&self, name: &str) -> Option<String> {
        (name == NOT_YET).then(|| {
            "finance pays an approved case on the Payments and funds page: this case records the decision only"
                .into()
        })
    }

    /// Takes `action` on the case (already checked as offered).
    pub fn act(
        &mut self,
        case: &mut WorkflowCase,
        user: &User,
        action: PaymentAction,
        on: NaiveDate,
    ) -> Result<CaseEffect, Refusal> {
        let mut effect = CaseEffect::default();
        let request = |r: &mut Option<PaymentRequest>| {
            r.take()
                .ok_or_else(|| bad("record the Additional Payments form first"))
        };
        match action {
            PaymentAction::Assess { notes, required } => {
                if notes.trim().is_empty() {
                    return Err(bad("notes: record how the need was explored and assessed"));
                }
                let step = if required {
                    "assess_need"
                } else {
                    "assess_not_needed"
                };
                case.take(user, step, on)?;
                self.assessment = Some(NeedAssessment {
                    notes: notes.trim().to_owned(),
                    required,
                    on,
                    by: user.username.clone(),
                });
            }
            PaymentAction::Form {
                need,
                how_met,
                cost_pence,
                other_authority,
                outside_route,
            } => {
                if need.trim().is_empty() || how_met.trim().is_empty() || cost_pence == 0 {
                    return Err(bad(PaymentError::FormIncomplete.to_string()));
                }
                case.take(user, "complete_form", on)?;
                self.request = Some(PaymentRequest {
                    child_id: case.child_id.clone(),
                    submitted: on,
                    need,
                    how_met,
                    cost_pence,
                    other_authority,
                    outside_route,
                    team_manager: None,
                    panel: None,
                });
            }
            PaymentAction::Recommend => {
                let mut r = request(&mut self.request)?;
                let result = recommend_payment(&mut r, on, &user.username);
                self.request = Some(r);
                let referral = result.map_err(|e| bad(e.to_string()))?;
                case.take(user, "tm_recommend", on)?;
                effect.referral = Some(referral);
            }
            PaymentAction::Refuse { reasons } => {
                if reasons.trim().is_empty() {
                    return Err(bad("give the reasons for refusing"));
                }
                let r = self
                    .request
                    .as_mut()
                    .ok_or_else(|| bad("record the Additional Payments form first"))?;
                case.take(user, "tm_refuse", on)?;
                r.team_manager = Some(TeamManagerDecision {
                    recommended: false,
                    on,
                });
                self.refusal_reasons = Some(reasons);
            }
            PaymentAction::PanelDecision { outcome } => {
                let step = match outcome {
                    Some(Outcome::PaymentApproved) => "panel_approve",
                    Some(Outcome::PaymentRefused) => "panel_refuse",
                    Some(_) => return Err(bad("the panel's outcome is not a payment decision")),
                    None => {
                        return Err(bad(
                            "the panel has not recorded its decision on the referral yet",
                        ));
                    }
                };
                let r = self
                    .request
                    .as_mut()
                    .ok_or_else(|| bad("record the Additional Payments form first"))?;
                case.take(user, step, on)?;
                r.panel = outcome.map(|o| (o, on));
            }
            PaymentAction::Appeal => {
                let r = self
                    .request
                    .as_ref()
                    .ok_or_else(|| bad("record the Additional Payments form first"))?;
                let with = AppealRecipient {
                    role: Role::ServiceManager.code().into(),
                    service: PAYMENT_APPEAL_SERVICE.into(),
                };
                let appeal = lodge_payment_appeal(r, on, with).map_err(|e| bad(e.to_string()))?;
                case.take(user, "appeal", on)?;
                self.appeal = Some(appeal);
            }
            PaymentAction::AppealDecision { upheld, reasons } => {
                if reasons.trim().is_empty() {
                    return Err(bad("give the reasons for the decision on the appeal"));
                }
                case.take(
                    user,
                    if upheld {
                        "appeal_upheld"
                    } else {
                        "appeal_dismissed"
                    },
                    on,
                )?;
                self.appeal_decision = Some((upheld, reasons, on));
            }
        }
        Ok(effect)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::referrals::ItemType;
    use crate::roles::Role;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    fn payment() -> PaymentRequest {
        PaymentRequest {
            child_id: "X".parse().unwrap(),
            submitted: d("2025-07-01"),
            need: "Weekly therapy sessions".into(),
            how_met: "Private therapist".into(),
            cost_pence: 120_000,
            other_authority: Some(OtherAuthority::Health),
            outside_route: None,
            team_manager: None,
            panel: None,
        }
    }

    fn fostering_and_adoption_sm() -> AppealRecipient {
        AppealRecipient {
            role: Role::ServiceManager.code().into(),
            service: PAYMENT_APPEAL_SERVICE.into(),
        }
    }

    #[test]
    fn panel_017_other_authority_service_cannot_be_recommended_and_appeals_go_to_the_sm() {
        let mut request = payment();
        let err = recommend_payment(&mut request, d("2025-07-08"), "tm-1").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("other authority's responsibility")
        );
        assert_eq!(request.team_manager, None);
        // Not another authority's: recommended, with the form and the
        // recommendation in the pack, ready to list.
        request.other_authority = None;
        let referral = recommend_payment(&mut request, d("2025-07-08"), "tm-1").unwrap();
        assert_eq!(referral.item, ItemType::DiscretionaryPayment);
        assert!(referral.missing_papers().is_empty());
        // Refused by the panel on 2025-07-16: appeal only to the Service
        // Manager for the Fostering and Adoption Service.
        assert_eq!(
            lodge_payment_appeal(&request, d("2025-07-20"), fostering_and_adoption_sm()),
            Err(PaymentError::NotRefused)
        );
        request.panel = Some((Outcome::PaymentRefused, d("2025-07-16")));
        let team_manager = AppealRecipient {
            role: Role::TeamManager.code().into(),
            service: PAYMENT_APPEAL_SERVICE.into(),
        };
        assert_eq!(
            lodge_payment_appeal(&request, d("2025-07-20"), team_manager),
            Err(PaymentError::WrongAppealRecipient)
        );
        let other_service = AppealRecipient {
            service: "Children in Care Service".into(),
            ..fostering_and_adoption_sm()
        };
        assert_eq!(
            lodge_payment_appeal(&request, d("2025-07-20"), other_service),
            Err(PaymentError::WrongAppealRecipient)
        );
        assert!(
            lodge_payment_appeal(&request, d("2025-07-20"), fostering_and_adoption_sm()).is_ok()
        );
        // Emergency payments go outside the panel route.
        let mut emergency = payment();
        emergency.other_authority = None;
        emergency.outside_route = Some(OutsideRoute::EmergencySafety);
        assert_eq!(
            recommend_payment(&mut emergency, d("2025-07-08"), "tm-1"),
            Err(PaymentError::OutsideRoute)
        );
    }
}
