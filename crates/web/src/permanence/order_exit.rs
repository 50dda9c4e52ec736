//! An order-exit case's page and forms (WF-ORDER-EXIT, PATH-013, PATH-015):
//! the order the carer means to apply for, the SGO support request and its
//! decision, the CAO allowance request and its route, the support plan
//! agreed and the order made.

use chrono::NaiveDate;
use domain::codes::{CodeList, ReasonEpisodeCeased};
use domain::permanence::cases::{CaseAction, CaseContext};
use domain::permanence::order_exit::{
    InformalArrangement, OrderExit, OrderExitAction, OrderSought, request_type_label,
};
use domain::permanence::pathways::{
    AllowanceBasis, ArrangementClass, PrivateFosteringStatus, Relationship, Requester,
    SgoSupportRequest,
};

use super::cases::required_date;
use crate::handler::Fields;
use crate::ui::{FieldError, FieldSpec, Part, field, long_date, part, select};

const REQUESTERS: [(Requester, &str, &str); 6] = [
    (
        Requester::SpecialGuardian,
        "special_guardian",
        "The special guardian",
    ),
    (
        Requester::ProspectiveSpecialGuardian,
        "prospective_special_guardian",
        "A prospective special guardian",
    ),
    (Requester::Parent, "parent", "A parent"),
    (Requester::Child, "child", "The child"),
    (
        Requester::SignificantRelationship,
        "significant_relationship",
        "Someone with a significant and ongoing relationship with the child",
    ),
    (Requester::Other, "other", "Someone else"),
];

const BASES: [(Option<AllowanceBasis>, &str, &str); 3] = [
    (
        Some(AllowanceBasis::ExistingFosterCarers),
        "existing_foster_carers",
        "The child's existing foster carers obtained the order",
    ),
    (
        Some(AllowanceBasis::MightOtherwiseBeLookedAfter),
        "might_be_looked_after",
        "The order was made because the child might otherwise be looked after",
    ),
    (None, "neither", "Neither"),
];

pub(super) const RELATIONSHIPS: [(Relationship, &str, &str); 7] = [
    (Relationship::Grandparent, "grandparent", "Grandparent"),
    (Relationship::AuntOrUncle, "aunt_or_uncle", "Aunt or uncle"),
    (Relationship::Sibling, "sibling", "Brother or sister"),
    (Relationship::StepParent, "step_parent", "Step-parent"),
    (
        Relationship::OtherRelative,
        "other_relative",
        "Another relative",
    ),
    (
        Relationship::FamilyFriend,
        "family_friend",
        "A family friend",
    ),
    (
        Relationship::SupportNetwork,
        "support_network",
        "Someone else in the support network",
    ),
];

fn yes_no(b: bool) -> &'static str {
    if b { "Yes" } else { "No" }
}

/// The case page's parts.
/// A private arrangement with someone who is not a close relative, as the
/// private fostering test answers today (PATH-010).
fn private_fostering_row(
    i: Option<&InformalArrangement>,
    status: PrivateFosteringStatus,
) -> (String, String) {
    let from = i.map_or(String::new(), |i| long_date(i.from));
    let mut text = match (status.class, status.classed_from) {
        (ArrangementClass::PrivateFostering, Some(on)) => format!(
            "Living with someone who is not a close relative from {from}: private fostering from {}. A private fostering assessment is due.",
            long_date(on)
        ),
        _ => format!(
            "Living with someone who is not a close relative from {from}: not private fostering today."
        ),
    };
    if let Some(note) = status.note {
        text.push_str(&format!(" Note: {note}."));
    }
    ("Private arrangement".into(), text)
}

pub(crate) fn parts(r: &OrderExit, ctx: &CaseContext, today: NaiveDate) -> Vec<Part> {
    let mut p = part("order", "Leaving care on an order");
    p.rows.push((
        "Advice on the orders offered".into(),
        long_date(r.advice_offered),
    ));
    if let Some(o) = r.order_sought {
        p.rows.push(("Order sought".into(), o.label().into()));
    }
    if let Some(s) = &r.sgo_request {
        let requester = REQUESTERS
            .iter()
            .find(|(q, _, _)| *q == s.request.requester)
            .map_or("", |(_, _, l)| l);
        p.rows.push((
            "SGO support request".into(),
            format!(
                "From {} on {}. {}",
                requester.to_lowercase(),
                long_date(s.request.received),
                request_type_label(s.request.request_type())
            ),
        ));
        if let Some((assess, reasons, on)) = &s.decision {
            let what = if *assess {
                "To be assessed"
            } else {
                "Declined"
            };
            p.rows.push((
                "Decision on the request".into(),
                format!("{what} on {}. {reasons}", long_date(*on)),
            ));
        }
    }
    if let Some(a) = &r.allowance {
        let basis = BASES
            .iter()
            .find(|(b, _, _)| *b == a.basis)
            .map_or("", |(_, _, l)| l);
        p.rows.push(("CAO allowance basis".into(), basis.into()));
        p.rows.push((
            "Allowance request".into(),
            if a.for_assessment {
                "Accepted for assessment and means test".into()
            } else {
                "An exception: a manager decides".into()
            },
        ));
        if let Some((agreed, reasons, on)) = &a.exception {
            p.rows.push((
                "Manager's decision".into(),
                format!(
                    "Agreed: {} on {}. {reasons}",
                    yes_no(*agreed),
                    long_date(*on)
                ),
            ));
        }
    }
    if let Some(on) = r.support_plan_agreed {
        p.rows.push(("Support plan agreed".into(), long_date(on)));
    }
    if let Some(status) = r
        .informal
        .as_ref()
        .and_then(|i| i.private_fostering(ctx, today))
    {
        p.rows
            .push(private_fostering_row(r.informal.as_ref(), status));
    } else if let Some(i) = &r.informal {
        let who = RELATIONSHIPS
            .iter()
            .find(|(rel, _, _)| *rel == i.relationship)
            .map_or("", |(_, _, l)| l);
        p.rows.push((
            "Informal family arrangement".into(),
            format!(
                "Living with: {} from {}, on the Child in Need plan {}. Not looked after.",
                who.to_lowercase(),
                long_date(i.from),
                i.cin_case
            ),
        ));
    }
    if let Some((on, reason)) = r.order {
        p.rows.push(("Order made".into(), long_date(on)));
        p.rows.push((
            "Looked-after episode ended".into(),
            reason.description().into(),
        ));
    }
    vec![p]
}

fn date_field(name: &str, label: &str) -> FieldSpec {
    FieldSpec {
        hint: Some("For example, 14/11/2026".into()),
        ..field(name, label, "date", "")
    }
}

fn reasons_for(order: Option<OrderSought>) -> Vec<(String, String)> {
    order
        .map_or(&[][..], OrderSought::episode_reasons)
        .iter()
        .map(|r| (r.code().to_owned(), r.description().to_owned()))
        .collect()
}

/// The fields of a form.
pub(crate) fn fields(r: &OrderExit, action: &str) -> Vec<FieldSpec> {
    match action {
        "intends" => vec![select(
            "order",
            "Which order does the carer intend to apply for",
            "sgo",
            OrderSought::ALL
                .into_iter()
                .map(|o| (o.code().to_owned(), o.label().to_owned()))
                .collect(),
        )],
        "sgo_request" => vec![
            select(
                "requester",
                "Who asked for the assessment",
                "special_guardian",
                REQUESTERS
                    .iter()
                    .map(|(_, c, l)| ((*c).to_owned(), (*l).to_owned()))
                    .collect(),
            ),
            date_field("received", "Date the request was received"),
            field(
                "pre_order",
                "The request was made before the order",
                "checkbox",
                "",
            ),
            FieldSpec {
                value: "yes".into(),
                ..field(
                    "previously_looked_after",
                    "The child was looked after",
                    "checkbox",
                    "",
                )
            },
        ],
        "sgo_decision" => vec![
            select(
                "decision",
                "Decision",
                "assess",
                vec![
                    ("assess".into(), "Assess the need for support".into()),
                    ("decline".into(), "Decline the request".into()),
                ],
            ),
            FieldSpec {
                hint: Some("Needed to decline a discretionary request.".into()),
                ..field("reasons", "Reasons", "textarea", "")
            },
        ],
        "allowance" => vec![select(
            "basis",
            "Basis of the allowance request",
            "existing_foster_carers",
            BASES
                .iter()
                .map(|(_, c, l)| ((*c).to_owned(), (*l).to_owned()))
                .collect(),
        )],
        "allowance_decision" => vec![
            select(
                "decision",
                "Decision",
                "agree",
                vec![
                    ("agree".into(), "Agree to assess the allowance".into()),
                    ("refuse".into(), "Refuse the allowance".into()),
                ],
            ),
            field("reasons", "Reasons", "textarea", ""),
        ],
        "support_plan" => vec![date_field("agreed", "Date the support plan was agreed")],
        "informal" => vec![
            select(
                "relationship",
                "The carer's relationship to the child",
                "aunt_or_uncle",
                RELATIONSHIPS
                    .iter()
                    .map(|(_, c, l)| ((*c).to_owned(), (*l).to_owned()))
                    .collect(),
            ),
            date_field("from", "Date the child went to live with them"),
            FieldSpec {
                hint: Some(
                    "A close relative's arrangement is recorded only inside a Child in Need case."
                        .into(),
                ),
                ..field("cin_case", "Child in Need case reference", "text", "")
            },
            FieldSpec {
                value: "yes".into(),
                hint: Some(
                    "With someone who is not a close relative, it is private fostering from the first day when it is meant to last 28 days or more."
                        .into(),
                ),
                ..field("long", "It is meant to last 28 days or more", "checkbox", "")
            },
        ],
        "order" => vec![
            date_field("made", "Date the order was made"),
            select(
                "reason",
                "How the episode ends",
                "",
                reasons_for(r.order_sought),
            ),
        ],
        _ => Vec::new(),
    }
}

/// Where a refusal of the form is shown.
pub(crate) fn error_field(action: &str) -> &'static str {
    match action {
        "intends" => "intends-order",
        "sgo_request" => "sgo_request-requester",
        "sgo_decision" => "sgo_decision-decision",
        "allowance" => "allowance-basis",
        "allowance_decision" => "allowance_decision-decision",
        "support_plan" => "support_plan-agreed",
        "informal" => "informal-relationship",
        _ => "order-made",
    }
}

/// The action a posted form asks for, or the errors beside its fields.
pub(crate) fn parse(action: &str, fields: &Fields) -> Result<CaseAction, Vec<FieldError>> {
    let mut errors = Vec::new();
    let a = match action {
        "intends" => OrderSought::parse(&fields.get("order")).map(OrderExitAction::Intends),
        "sgo_request" => {
            let received = required_date(
                fields,
                "sgo_request-received",
                "the date the request was received",
                &mut errors,
            );
            let requester = REQUESTERS
                .iter()
                .find(|(_, c, _)| *c == fields.get("requester"))
                .map(|(q, _, _)| *q);
            received.zip(requester).map(|(received, requester)| {
                OrderExitAction::SgoRequest(SgoSupportRequest {
                    received,
                    requester,
                    pre_order: fields.ticked("pre_order"),
                    child_previously_looked_after: fields.ticked("previously_looked_after"),
                })
            })
        }
        "sgo_decision" => Some(OrderExitAction::SgoDecision {
            assess: fields.get("decision") != "decline",
            reasons: fields.get("reasons"),
        }),
        "allowance" => BASES
            .iter()
            .find(|(_, c, _)| *c == fields.get("basis"))
            .map(|(basis, _, _)| OrderExitAction::Allowance { basis: *basis }),
        "allowance_decision" => Some(OrderExitAction::AllowanceException {
            agreed: fields.get("decision") != "refuse",
            reasons: fields.get("reasons"),
        }),
        "informal" => {
            let from = required_date(
                fields,
                "informal-from",
                "the date the child went to live with them",
                &mut errors,
            );
            let relationship = RELATIONSHIPS
                .iter()
                .find(|(_, c, _)| *c == fields.get("relationship"))
                .map(|(r, _, _)| *r);
            from.zip(relationship)
                .map(|(from, relationship)| OrderExitAction::Informal {
                    relationship,
                    from,
                    cin_case: fields.get("cin_case"),
                    intended_days: fields
                        .ticked("long")
                        .then_some(domain::permanence::pathways::PRIVATE_FOSTERING_DAYS),
                })
        }
        "support_plan" => required_date(
            fields,
            "support_plan-agreed",
            "the date the support plan was agreed",
            &mut errors,
        )
        .map(|agreed| OrderExitAction::SupportPlan { agreed }),
        "order" => {
            let made = required_date(
                fields,
                "order-made",
                "the date the order was made",
                &mut errors,
            );
            let reason = fields.get("reason").parse::<ReasonEpisodeCeased>().ok();
            if reason.is_none() {
                errors.push(FieldError {
                    field: "order-reason",
                    message: "Choose how the episode ends".into(),
                });
            }
            made.zip(reason)
                .map(|(made, reason)| OrderExitAction::Order { made, reason })
        }
        other => return Ok(CaseAction::Step(other.to_owned())),
    };
    match a {
        Some(a) if errors.is_empty() => Ok(CaseAction::OrderExit(a)),
        _ if errors.is_empty() => Err(vec![FieldError {
            field: error_field(action),
            message: "Choose one of the options".into(),
        }]),
        _ => Err(errors),
    }
}
