//! A discretionary payment case's page and forms (WF-DISC-PAYMENT,
//! PANEL-017): the Additional Payments form, the team manager's
//! recommendation or refusal, the Permanence Panel's decision as recorded on
//! its referral, and the appeal to the Service Manager for the Fostering and
//! Adoption Service. The payment itself comes with the money capability.

use app::{Record, Versioned};
use domain::permanence::cases::CaseAction;
use domain::permanence::payments::{
    OtherAuthority, OutsideRoute, PAYMENT_APPEAL_SERVICE, PaymentAction, PaymentCase,
};
use domain::permanence::referrals::Referral;

use crate::handler::Fields;
use crate::ui::{FieldError, FieldSpec, Part, field, long_date, parse_pence, part, pounds, select};

const AUTHORITIES: [(Option<OtherAuthority>, &str, &str); 3] = [
    (None, "none", "No: it is this council's to meet"),
    (Some(OtherAuthority::Health), "health", "Yes: health"),
    (
        Some(OtherAuthority::Education),
        "education",
        "Yes: education",
    ),
];

const OUTSIDE: [(Option<OutsideRoute>, &str, &str); 5] = [
    (None, "none", "No: a discretionary payment"),
    (
        Some(OutsideRoute::EmergencySafety),
        "emergency_safety",
        "An emergency payment to secure the child's safety",
    ),
    (
        Some(OutsideRoute::EmergencyAccommodation),
        "emergency_accommodation",
        "Emergency accommodation",
    ),
    (
        Some(OutsideRoute::AdditionalHolidayPayment),
        "holiday",
        "An additional holiday payment",
    ),
    (
        Some(OutsideRoute::CapitalLoan),
        "capital_loan",
        "A capital loan",
    ),
];

/// The case page's parts.
pub(crate) fn parts(r: &PaymentCase, referral: Option<&Versioned<Record<Referral>>>) -> Vec<Part> {
    let mut need = part("need", "The need, explored and assessed");
    match &r.assessment {
        None => need.paragraphs.push(
            "The supervising or adoption social worker has not assessed the need yet: the Additional Payments form opens only when they find an additional payment is required.".into(),
        ),
        Some(a) => {
            need.rows = vec![
                ("Assessed".into(), format!("{} by {}", long_date(a.on), a.by)),
                ("Assessment".into(), a.notes.clone()),
                (
                    "Outcome".into(),
                    if a.required {
                        "An additional payment is required".into()
                    } else {
                        "No additional payment is needed".into()
                    },
                ),
            ];
        }
    }
    let mut p = part("payment", "Additional Payments form");
    match &r.request {
        None => p
            .paragraphs
            .push("The Additional Payments form is not recorded yet.".into()),
        Some(q) => {
            p.rows = vec![
                ("Need".into(), q.need.clone()),
                ("How the payment meets it".into(), q.how_met.clone()),
                ("Cost".into(), pounds(q.cost_pence)),
                ("Form completed".into(), long_date(q.submitted)),
            ];
            if let Some(a) = AUTHORITIES
                .iter()
                .find(|(a, _, _)| *a == q.other_authority && a.is_some())
            {
                p.rows
                    .push(("Another authority's responsibility".into(), a.2.into()));
            }
            if let Some(o) = OUTSIDE
                .iter()
                .find(|(o, _, _)| *o == q.outside_route && o.is_some())
            {
                p.rows.push(("Outside the panel route".into(), o.2.into()));
            }
            if let Some(tm) = q.team_manager {
                let what = if tm.recommended {
                    "Recommended to the Permanence Panel"
                } else {
                    "Refused"
                };
                p.rows.push((
                    "Team manager".into(),
                    format!("{what} on {}", long_date(tm.on)),
                ));
            }
            if let Some(reasons) = &r.refusal_reasons {
                p.rows
                    .push(("Reasons for refusing".into(), reasons.clone()));
            }
            if let Some((outcome, on)) = q.panel {
                p.rows.push((
                    "Permanence Panel".into(),
                    format!("{} on {}", outcome.label(), long_date(on)),
                ));
            }
        }
    }
    if let Some(rf) = referral {
        p.links.push((
            format!("/referrals/{}", rf.value.id),
            format!(
                "The panel referral {} ({})",
                rf.value.id,
                rf.value.document.stage.label()
            ),
        ));
    }
    if let Some(a) = &r.appeal {
        p.rows.push((
            "Appeal".into(),
            format!(
                "Lodged on {} with the Service Manager for the {PAYMENT_APPEAL_SERVICE}",
                long_date(a.lodged)
            ),
        ));
    }
    if let Some((upheld, reasons, on)) = &r.appeal_decision {
        let what = if *upheld { "Upheld" } else { "Dismissed" };
        p.rows.push((
            "Decision on the appeal".into(),
            format!("{what} on {}. {reasons}", long_date(*on)),
        ));
    }
    vec![need, p]
}

/// The fields of a form.
pub(crate) fn fields(action: &str) -> Vec<FieldSpec> {
    let reasons = |label: &str| field("reasons", label, "textarea", "");
    match action {
        "assess" => vec![
            field(
                "notes",
                "How the need was explored and assessed",
                "textarea",
                "",
            ),
            select(
                "outcome",
                "Outcome",
                "required",
                vec![
                    (
                        "required".into(),
                        "An additional payment is required: open the Additional Payments form"
                            .into(),
                    ),
                    (
                        "not_needed".into(),
                        "No additional payment is needed: close the request".into(),
                    ),
                ],
            ),
        ],
        "form" => vec![
            field("need", "The child's need", "textarea", ""),
            field("how_met", "How the payment will meet it", "textarea", ""),
            FieldSpec {
                hint: Some("In pounds, for example 1,200.00".into()),
                ..field("cost", "Cost", "text", "")
            },
            select(
                "other_authority",
                "Is the service another authority's responsibility",
                "none",
                AUTHORITIES
                    .iter()
                    .map(|(_, c, l)| ((*c).to_owned(), (*l).to_owned()))
                    .collect(),
            ),
            select(
                "outside_route",
                "Is it a payment made outside the panel route",
                "none",
                OUTSIDE
                    .iter()
                    .map(|(_, c, l)| ((*c).to_owned(), (*l).to_owned()))
                    .collect(),
            ),
        ],
        "tm_refuse" => vec![reasons("Reasons for refusing")],
        "appeal_decision" => vec![
            select(
                "decision",
                "Decision on the appeal",
                "uphold",
                vec![
                    (
                        "uphold".into(),
                        "Uphold the appeal: the payment is approved".into(),
                    ),
                    (
                        "dismiss".into(),
                        "Dismiss the appeal: the refusal stands".into(),
                    ),
                ],
            ),
            reasons("Reasons"),
        ],
        _ => Vec::new(),
    }
}

/// Where a refusal of the form is shown.
pub(crate) fn error_field(action: &str) -> &'static str {
    match action {
        "assess" => "assess-notes",
        "form" => "form-need",
        "tm_refuse" => "tm_refuse-reasons",
        "appeal_decision" => "appeal_decision-decision",
        "tm_recommend" => "tm_recommend-version",
        "panel_decision" => "panel_decision-version",
        _ => "appeal-version",
    }
}

/// The action a posted form asks for, or the errors beside its fields.
pub(crate) fn parse(action: &str, fields: &Fields) -> Result<CaseAction, Vec<FieldError>> {
    let a = match action {
        "assess" => PaymentAction::Assess {
            notes: fields.get("notes"),
            required: fields.get("outcome") != "not_needed",
        },
        "form" => {
            let cost = fields.get("cost");
            let Some(cost_pence) = parse_pence(&cost).filter(|_| !cost.is_empty()) else {
                return Err(vec![FieldError {
                    field: "form-cost",
                    message: "Enter the cost in pounds, like 1,200.00".into(),
                }]);
            };
            let pick = |name: &str| fields.get(name);
            PaymentAction::Form {
                need: fields.get("need"),
                how_met: fields.get("how_met"),
                cost_pence,
                other_authority: AUTHORITIES
                    .iter()
                    .find(|(_, c, _)| *c == pick("other_authority"))
                    .and_then(|(a, _, _)| *a),
                outside_route: OUTSIDE
                    .iter()
                    .find(|(_, c, _)| *c == pick("outside_route"))
                    .and_then(|(o, _, _)| *o),
            }
        }
        "tm_recommend" => PaymentAction::Recommend,
        "tm_refuse" => PaymentAction::Refuse {
            reasons: fields.get("reasons"),
        },
        "panel_decision" => PaymentAction::PanelDecision { outcome: None },
        "appeal" => PaymentAction::Appeal,
        "appeal_decision" => PaymentAction::AppealDecision {
            upheld: fields.get("decision") != "dismiss",
            reasons: fields.get("reasons"),
        },
        other => return Ok(CaseAction::Step(other.to_owned())),
    };
    Ok(CaseAction::Payment(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pounds_are_read_and_written_as_pence() {
        assert_eq!(parse_pence("1,200.5"), Some(120_050));
        assert_eq!(parse_pence("£75"), Some(7_500));
        assert_eq!(parse_pence("12.345"), None);
        assert_eq!(parse_pence("ten"), None);
        assert_eq!(pounds(120_050), "£1,200.50");
        assert_eq!(pounds(7), "£0.07");
    }
}
