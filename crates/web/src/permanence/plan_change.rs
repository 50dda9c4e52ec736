//! The change of plan on the plan page: the change in progress with its
//! agreements, the buttons to agree or authorise it, or the form to propose
//! one; and what those forms post.

use app::permanence::PlanView;
use axum::extract::Path;
use domain::permanence::plan::{Pathway, PlanMove};
use domain::permanence::plan_change::{ChangeMove, ChangeOfPlan};
use domain::permanence::responsibilities::{AdvocacyOffer, OfferResponse};

use super::{child_of, plan_after, show_plan};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    FieldError, FieldSpec, Part, button_form, field, long_date, part, select, sentence,
};

/// The plan page's change of plan (PLAN-011, WF-PLAN-CHANGE): the change in
/// progress, or the form to propose one when the user may.
pub(crate) fn change_part(
    caller: &Caller,
    id: &str,
    view: &PlanView,
    moves: &[PlanMove],
) -> Option<Part> {
    let action = format!("/children/{id}/plan/change");
    let Some(change) = &view.change else {
        return moves
            .contains(&PlanMove::ProposeChange)
            .then(|| propose_part(&action, view));
    };
    let c = &change.value.document;
    let mut part = part("change", "Change of plan");
    part.rows = vec![
        ("From".into(), c.from.label().into()),
        ("To".into(), c.to.label().into()),
        ("Proposed".into(), long_date(c.proposed)),
        ("Reasons".into(), c.reasons.clone()),
        ("Status".into(), sentence(c.status())),
        (
            "Children's Rights Officer / advocacy".into(),
            advocacy_text(c),
        ),
    ];
    part.items = c
        .authorisations
        .iter()
        .map(|a| {
            format!(
                "{}: {} on {}",
                sentence(a.authority.label()),
                caller.names().name_and_role(&a.by),
                long_date(a.on)
            )
        })
        .collect();
    let hidden = |a: &str| {
        vec![
            ("version", change.version.to_string()),
            ("action", a.to_owned()),
            ("change", change.value.id.clone()),
        ]
    };
    for m in c.moves(caller.user()) {
        match m {
            ChangeMove::Authorise => part.forms.push(button_form(
                "authorise",
                &action,
                "Agree the change",
                hidden("authorise"),
            )),
            ChangeMove::RecordAdvocacyOffer => {
                let mut f = button_form(
                    "advocacy",
                    &action,
                    "Record the offer and the response",
                    hidden("advocacy"),
                );
                f.legend =
                    Some("Offer the child the Children's Rights Officer or an advocate".into());
                f.fields.push(select(
                    "response",
                    "The child's response to the offer",
                    "",
                    vec![
                        ("accepted".into(), "Accepted".into()),
                        ("declined".into(), "Declined".into()),
                    ],
                ));
                part.forms.push(f);
            }
            ChangeMove::AgreeAtReview => {
                let mut f = button_form(
                    "agree",
                    &action,
                    "Agree the change at review",
                    hidden("agree"),
                );
                f.fields.push(FieldSpec {
                    hint: Some(
                        "The review's date, for example 27/3/2026. Leave blank for today.".into(),
                    ),
                    ..field("on", "Review date", "date", "")
                });
                part.forms.push(f);
            }
        }
    }
    Some(part)
}

/// ROLE-010: the advocacy offer on a change of plan, in words.
fn advocacy_text(c: &ChangeOfPlan) -> String {
    match &c.advocacy {
        Some(AdvocacyOffer {
            offered,
            response: Some(r),
        }) => {
            let answer = match r {
                OfferResponse::Accepted => "accepted",
                OfferResponse::Declined => "declined",
            };
            format!("Offered on {}: {answer}", long_date(*offered))
        }
        _ => "Not yet offered: offer it and record the child's response before the change is agreed at review".into(),
    }
}

/// The form that proposes a change of a ratified plan to another pathway.
fn propose_part(action: &str, view: &PlanView) -> Part {
    let plan = &view.plan.value.document;
    let mut part = part("change", "Change of plan");
    let mut f = button_form(
        "change",
        action,
        "Propose the change",
        vec![
            ("version", view.plan.version.to_string()),
            ("action", "propose".into()),
        ],
    );
    f.secondary = true;
    f.fields.push(select(
        "to",
        "New pathway",
        "",
        Pathway::ALL
            .iter()
            .filter(|p| Some(**p) != plan.pathway)
            .map(|p| (p.code().to_owned(), p.label().to_owned()))
            .collect(),
    ));
    f.fields.push(field(
        "reasons",
        "Reasons, assessment and views behind the change",
        "textarea",
        "",
    ));
    part.forms.push(f);
    part
}

/// Proposes, authorises or agrees a change of plan.
pub(crate) async fn change_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let on = match fields.date("on") {
        Ok(on) => on,
        Err(message) => {
            let errors = vec![FieldError {
                field: "agree-on",
                message,
            }];
            return Ok(show_plan(&caller, &id, errors, None).await);
        }
    };
    let (action, change, version) = (fields.get("action"), fields.get("change"), fields.version());
    let (field, done) = match action.as_str() {
        "propose" => ("change-reasons", "Change of plan proposed."),
        "authorise" => ("change", "Agreement recorded."),
        "advocacy" => (
            "advocacy-response",
            "Advocacy offer and the child's response recorded.",
        ),
        _ => (
            "agree-on",
            "Change agreed at review: the new plan is in force.",
        ),
    };
    let (to, reasons) = (Pathway::parse(&fields.get("to")), fields.get("reasons"));
    let response = match fields.get("response").as_str() {
        "accepted" => Some(OfferResponse::Accepted),
        "declined" => Some(OfferResponse::Declined),
        _ => None,
    };
    if action != "propose" && change.is_empty() {
        let result = Err(app::AppError::Invalid(
            "there is no change of plan to agree".into(),
        ));
        return Ok(plan_after(&caller, &id, field, result).await);
    }
    let result = caller
        .run(move |c| {
            let (store, user, clock, from) = (&c.store, c.user(), c.clock(), c.from.as_str());
            match action.as_str() {
                "propose" => {
                    let to =
                        to.ok_or_else(|| app::AppError::Invalid("choose the new pathway".into()))?;
                    let proposal = app::permanence::Proposal { to, reasons };
                    app::permanence::propose_change(
                        store, user, clock, &child, version, proposal, from,
                    )
                    .map(|_| ())
                }
                "authorise" => {
                    app::permanence::authorise_change(store, user, clock, &change, version, from)
                        .map(|_| ())
                }
                "advocacy" => {
                    let response = response.ok_or_else(|| {
                        app::AppError::Invalid(
                            "choose whether the child accepted or declined the offer".into(),
                        )
                    })?;
                    app::permanence::record_advocacy_offer(
                        store, user, clock, &change, version, response, from,
                    )
                    .map(|_| ())
                }
                _ => app::permanence::agree_change_at_review(
                    store, user, clock, &change, version, on, from,
                )
                .map(|_| ()),
            }
        })
        .await;
    Ok(plan_after(&caller, &id, field, result.map(|()| done.to_owned())).await)
}
