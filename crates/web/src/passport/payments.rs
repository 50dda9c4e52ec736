//! Paying a discretionary payment case the Permanence Panel (or the Service
//! Manager on appeal) approved (WF-ADDITIONAL-PAYMENT; the case's own page
//! is the permanence case's), and deciding an exempt payment with its
//! reason (WF-EXEMPT-PAYMENT, PAY-007). Both forms are on the ledger page.

use app::{Record, Versioned};
use domain::passport::ledger::{PaymentType, is_manager};
use domain::passport::payments::ExemptDecision;
use domain::permanence::cases::{CaseRecord, WorkflowCase};
use domain::roles::Role;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, FieldError, FieldSpec, Part, button_form, cell, field, long_date, parse_pence, part,
    pounds, select,
};

use super::ledger::show_money;

fn types(list: &[PaymentType]) -> Vec<(String, String)> {
    list.iter()
        .map(|t| (t.code().to_owned(), t.label().to_owned()))
        .collect()
}

/// The approved cases waiting for finance, each with its payment form.
pub(crate) fn waiting_part(waiting: &[Versioned<Record<WorkflowCase>>], caller: &Caller) -> Part {
    let mut p = part("waiting", "Approved payments waiting to be paid");
    if waiting.is_empty() {
        p.paragraphs
            .push("No approved discretionary payment is waiting.".into());
        return p;
    }
    p.table_headers = ["Case", "Child", "Approved", "Amount"]
        .map(String::from)
        .to_vec();
    for c in waiting {
        let case = &c.value.document;
        let cost = match &case.record {
            CaseRecord::Payment(r) => r.request.as_ref().map(|q| q.cost_pence),
            _ => None,
        };
        p.table_rows.push(vec![
            Cell {
                text: c.value.id.clone(),
                href: Some(format!("/cases/{}", c.value.id)),
            },
            cell(case.child_id.as_str()),
            cell(
                case.steps
                    .last()
                    .map(|s| long_date(s.on))
                    .unwrap_or_default(),
            ),
            cell(cost.map(pounds).unwrap_or_default()),
        ]);
    }
    if caller.user().role == Role::FinanceOfficer {
        let mut f = button_form("pay", "/money/pay", "Pay it", Vec::new());
        f.fields = vec![
            select(
                "case",
                "Case to pay",
                "",
                waiting
                    .iter()
                    .map(|c| (format!("{}:{}", c.value.id, c.version), c.value.id.clone()))
                    .collect(),
            ),
            select(
                "type",
                "What it pays",
                PaymentType::AdditionalPayment.code(),
                types(&[PaymentType::AdditionalPayment, PaymentType::SettlingInGrant]),
            ),
        ];
        p.forms.push(f);
    }
    p
}

/// The form a manager decides an exempt payment with.
pub(crate) fn exempt_part(caller: &Caller) -> Part {
    let mut p = part("exempt", "Decide an exempt payment");
    p.rules = vec![(
        "PAY-007".into(),
        "Emergencies, emergency accommodation, additional holiday payments and capital loans are decided by a manager, outside the panel".into(),
    )];
    if !is_manager(caller.user().role) {
        p.paragraphs
            .push("A Team Manager or above decides exempt payments.".into());
        return p;
    }
    let mut f = button_form("exempt", "/money/exempt", "Record the decision", Vec::new());
    f.fields = vec![
        select(
            "type",
            "Type of payment",
            PaymentType::EmergencySafety.code(),
            types(&PaymentType::EXEMPT),
        ),
        field("child", "Child's identifier", "text", ""),
        FieldSpec {
            hint: Some("The child's identifier, or a family member's, if it is for them.".into()),
            ..field("person", "Who it is for", "text", "")
        },
        FieldSpec {
            hint: Some("In pounds, for example 250.00".into()),
            ..field("amount", "Amount", "text", "")
        },
        field("reason", "Reason for the decision", "textarea", ""),
    ];
    p.forms.push(f);
    p
}

/// Finance pays an approved case, at the version the page showed.
pub(crate) async fn pay_case_post(caller: Caller, fields: Fields) -> Page {
    let chosen = fields.get("case");
    let (id, version) = match chosen.rsplit_once(':') {
        Some((id, v)) => (id.to_owned(), v.parse::<i64>().unwrap_or(-1)),
        None => (String::new(), -1),
    };
    let kind = match PaymentType::parse_new(&fields.get("type")) {
        Ok(kind) => kind,
        Err(e) => {
            let errors = vec![FieldError {
                field: "pay-type",
                message: e.to_string(),
            }];
            return Ok(show_money(&caller, errors, None).await);
        }
    };
    let field = "pay-case";
    let case = id.clone();
    match caller
        .run(move |c| {
            app::passport::payments::pay_case(
                &c.store,
                (c.user(), c.clock(), &c.from),
                &case,
                version,
                kind,
            )
        })
        .await
    {
        Ok(e) => Ok(show_money(
            &caller,
            Vec::new(),
            Some(format!(
                "Case {id} was paid: {} (entry {}).",
                pounds(e.amount_pence),
                e.id
            )),
        )
        .await),
        Err(e) => {
            let errors = caller.form_errors(&e, field)?;
            Ok(show_money(&caller, errors, None).await)
        }
    }
}

/// A manager decides an exempt payment.
pub(crate) async fn exempt_post(caller: Caller, fields: Fields) -> Page {
    let bad = |field: &'static str, message: &str| {
        vec![FieldError {
            field,
            message: message.to_owned(),
        }]
    };
    let errors = match (
        PaymentType::parse_new(&fields.get("type")),
        domain::child::ChildId::parse(&fields.get("child")),
        parse_pence(&fields.get("amount")),
    ) {
        (Err(e), _, _) => bad("exempt-type", &e.to_string()),
        (_, Err(_), _) => bad(
            "exempt-child",
            "Enter the child's identifier, for example C1",
        ),
        (_, _, None) => bad(
            "exempt-amount",
            "Enter the amount in pounds, for example 250.00",
        ),
        (Ok(payment_type), Ok(child_id), Some(amount_pence)) => {
            let person = match fields.get("person") {
                p if p.is_empty() => child_id.as_str().to_owned(),
                p => p,
            };
            let decision = ExemptDecision {
                child_id,
                person,
                payment_type,
                amount_pence,
                reason: fields.get("reason"),
            };
            match caller
                .run(move |c| {
                    app::passport::payments::decide_exempt(
                        &c.store,
                        (c.user(), c.clock(), &c.from),
                        decision,
                    )
                })
                .await
            {
                Ok(e) => {
                    let done = format!(
                        "{} of {} was agreed (entry {}). Finance can now pay it.",
                        e.payment_type.label(),
                        pounds(e.amount_pence),
                        e.id
                    );
                    return Ok(show_money(&caller, Vec::new(), Some(done)).await);
                }
                Err(e) => {
                    let field = if e.to_string().starts_with("reason") {
                        "exempt-reason"
                    } else if e.to_string().starts_with("amount") {
                        "exempt-amount"
                    } else {
                        "exempt-type"
                    };
                    caller.form_errors(&e, field)?
                }
            }
        }
    };
    Ok(show_money(&caller, errors, None).await)
}
