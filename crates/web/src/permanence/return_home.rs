//! A return-home case's page and forms (WF-RETURN-HOME, PATH-007, PATH-005):
//! the objectives with their timescales and reviews, the readiness
//! decision, the nominated officer's approval and the return.

use chrono::NaiveDate;
use domain::permanence::cases::CaseAction;
use domain::permanence::pathways::{
    ObjectiveFor, PostReturnSupport, PostReturnSupportKind, ReturnHomeObjective,
};
use domain::permanence::return_home::{
    ObjectiveStatus, ReturnHome, ReturnHomeAction, objective_for,
};

use super::cases::required_date;
use crate::handler::{Caller, Fields};
use crate::ui::{FieldError, FieldSpec, Part, cell, field, long_date, part, select};

fn for_label(f: ObjectiveFor) -> &'static str {
    match f {
        ObjectiveFor::Staff => "Staff",
        ObjectiveFor::Parents => "Parents",
    }
}

fn support_label(k: PostReturnSupportKind) -> &'static str {
    match k {
        PostReturnSupportKind::ChildInNeedPlan => "Child in Need Plan",
        PostReturnSupportKind::FamilyAndWellbeingReferral => {
            "Family and Wellbeing Service referral"
        }
    }
}

/// The case page's parts: objectives, readiness, approval and return.
pub(crate) fn parts(caller: &Caller, r: &ReturnHome, today: NaiveDate) -> Vec<Part> {
    let mut objectives = part("objectives", "Objectives");
    if r.objectives.is_empty() {
        objectives.paragraphs.push(
            "No objectives are recorded yet. Each objective, for staff or for parents, needs a timescale."
                .into(),
        );
    }
    objectives.table_headers = [
        "Number",
        "Objective",
        "For",
        "Timescale",
        "Latest review",
        "Status",
    ]
    .map(String::from)
    .to_vec();
    objectives.table_rows = r
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let status = if o.overdue(today) {
                "Overdue".to_owned()
            } else {
                o.status().label().to_owned()
            };
            let latest = o.reviews.last().map_or_else(
                || "Not reviewed yet".to_owned(),
                |rv| format!("{}: {}", long_date(rv.on), rv.progress),
            );
            vec![
                cell((i + 1).to_string()),
                cell(o.objective.text.clone()),
                cell(for_label(o.objective.for_whom)),
                cell(o.objective.target.map_or_else(String::new, long_date)),
                cell(latest),
                cell(status),
            ]
        })
        .collect();
    let mut parts = vec![objectives];
    let mut decision = part("decision", "Readiness and approval");
    if let Some(rd) = &r.readiness {
        decision.rows.push((
            "Child's wishes considered".into(),
            long_date(rd.wishes_considered),
        ));
        decision
            .rows
            .push(("IRO consulted".into(), long_date(rd.iro_consulted)));
        decision.rows.push((
            "Support after the return".into(),
            format!(
                "{} {}, dated {}",
                support_label(rd.support.kind),
                rd.support.reference,
                long_date(rd.support.dated)
            ),
        ));
    }
    if let Some(a) = &r.approval {
        decision.rows.push((
            "Approved by the nominated officer".into(),
            format!("{} on {}", caller.name(&a.by), long_date(a.on)),
        ));
    }
    if let Some(on) = r.returned {
        decision.rows.push(("Returned home".into(), long_date(on)));
    }
    if let Some(on) = r.discharged {
        decision
            .rows
            .push(("Care order discharged".into(), long_date(on)));
    }
    match r.episode_ended {
        Some(on) => decision
            .rows
            .push(("Looked-after episode ended".into(), long_date(on))),
        None if r.returned.is_some() => decision.paragraphs.push(
            "The child is home on a care order and stays looked after until the order is discharged."
                .into(),
        ),
        None => {}
    }
    if !decision.rows.is_empty() || !decision.paragraphs.is_empty() {
        parts.push(decision);
    }
    parts
}

fn date_field(name: &str, label: &str, hint: &str) -> FieldSpec {
    FieldSpec {
        hint: Some(hint.into()),
        ..field(name, label, "date", "")
    }
}

/// The fields of a form.
pub(crate) fn fields(r: &ReturnHome, action: &str, target: Option<usize>) -> Vec<FieldSpec> {
    match action {
        "objective" => vec![
            FieldSpec {
                hint: Some("What must change, and how you will know it has.".into()),
                ..field("text", "Objective", "textarea", "")
            },
            select(
                "for_whom",
                "Whose objective is it",
                "parents",
                vec![
                    ("parents".into(), "Parents".into()),
                    ("staff".into(), "Staff".into()),
                ],
            ),
            date_field(
                "target",
                "Timescale: the date it should be met by",
                "For example, 30/9/2026",
            ),
        ],
        "review" => {
            let text = target
                .and_then(|i| r.objectives.get(i))
                .map_or_else(String::new, |o| o.objective.text.clone());
            vec![
                FieldSpec {
                    hint: Some(format!("Objective: {text}")),
                    ..field("progress", "Progress seen", "textarea", "")
                },
                select(
                    "status",
                    "Where the objective stands",
                    "in_progress",
                    ObjectiveStatus::ALL
                        .into_iter()
                        .map(|s| (s.code().to_owned(), s.label().to_owned()))
                        .collect(),
                ),
                date_field(
                    "on",
                    "Date of the review",
                    "For example, 1/9/2026. Leave blank for today.",
                ),
            ]
        }
        "readiness" => vec![
            date_field(
                "wishes",
                "Date the child's wishes were considered",
                "For example, 1/9/2026",
            ),
            date_field("iro", "Date the IRO was consulted", "For example, 1/9/2026"),
            select(
                "support_kind",
                "Support after the return",
                "child_in_need_plan",
                vec![
                    ("child_in_need_plan".into(), "Child in Need Plan".into()),
                    (
                        "family_and_wellbeing".into(),
                        "Family and Wellbeing Service referral".into(),
                    ),
                ],
            ),
            field(
                "support_reference",
                "The support plan's reference",
                "text",
                "",
            ),
            date_field(
                "support_dated",
                "Date of the support plan",
                "It must be in place on or before the return.",
            ),
        ],
        "return" => vec![date_field(
            "on",
            "Date the child went home",
            "For example, 1/9/2026",
        )],
        "discharge" => vec![date_field(
            "on",
            "Date the care order was discharged",
            "For example, 1/12/2026",
        )],
        _ => Vec::new(),
    }
}

/// Where a refusal of the form is shown.
pub(crate) fn error_field(action: &str) -> &'static str {
    match action {
        "objective" => "objective-text",
        "review" => "review-progress",
        "readiness" => "readiness-wishes",
        "return" => "return-on",
        "discharge" => "discharge-on",
        _ => "approve-version",
    }
}

/// The action a posted form asks for, or the errors beside its fields.
pub(crate) fn parse(
    action: &str,
    target: Option<usize>,
    fields: &Fields,
    today: NaiveDate,
) -> Result<CaseAction, Vec<FieldError>> {
    let mut errors = Vec::new();
    let a = match action {
        "objective" => {
            // A missing timescale is the rule's refusal (PATH-007), not the form's.
            let target = fields.date("target").unwrap_or_else(|message| {
                errors.push(FieldError {
                    field: "objective-target",
                    message,
                });
                None
            });
            let for_whom = objective_for(&fields.get("for_whom")).unwrap_or(ObjectiveFor::Parents);
            ReturnHomeAction::AddObjective(ReturnHomeObjective {
                text: fields.get("text"),
                for_whom,
                target,
            })
        }
        "review" => {
            let on = fields.date("on").unwrap_or_else(|message| {
                errors.push(FieldError {
                    field: "review-on",
                    message,
                });
                None
            });
            ReturnHomeAction::ReviewObjective {
                index: target.unwrap_or(usize::MAX),
                on: on.unwrap_or(today),
                progress: fields.get("progress"),
                status: ObjectiveStatus::parse(&fields.get("status"))
                    .unwrap_or(ObjectiveStatus::InProgress),
            }
        }
        "readiness" => {
            let wishes = required_date(
                fields,
                "readiness-wishes",
                "the date the child's wishes were considered",
                &mut errors,
            );
            let iro = required_date(
                fields,
                "readiness-iro",
                "the date the IRO was consulted",
                &mut errors,
            );
            let dated = required_date(
                fields,
                "readiness-support_dated",
                "the date of the support plan",
                &mut errors,
            );
            let kind = if fields.get("support_kind") == "family_and_wellbeing" {
                PostReturnSupportKind::FamilyAndWellbeingReferral
            } else {
                PostReturnSupportKind::ChildInNeedPlan
            };
            match (wishes, iro, dated) {
                (Some(w), Some(i), Some(d)) => ReturnHomeAction::RecordReadiness {
                    wishes_considered: w,
                    iro_consulted: i,
                    support: PostReturnSupport {
                        kind,
                        dated: d,
                        reference: fields.get("support_reference"),
                    },
                },
                _ => return Err(errors),
            }
        }
        "approve" => ReturnHomeAction::Approve,
        "return" => match required_date(
            fields,
            "return-on",
            "the date the child went home",
            &mut errors,
        ) {
            Some(on) => ReturnHomeAction::Return { on },
            None => return Err(errors),
        },
        "discharge" => match required_date(
            fields,
            "discharge-on",
            "the date the order was discharged",
            &mut errors,
        ) {
            Some(on) => ReturnHomeAction::Discharged { on },
            None => return Err(errors),
        },
        other => return Ok(CaseAction::Step(other.to_owned())),
    };
    if errors.is_empty() {
        Ok(CaseAction::ReturnHome(a))
    } else {
        Err(errors)
    }
}
