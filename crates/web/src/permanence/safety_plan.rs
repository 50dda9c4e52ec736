//! A safety-plan case's page and forms (WF-SAFETY-PLAN, PATH-003, PATH-004,
//! PATH-006): the service leading it, the Safety Meetings for Family and
//! Friends, the Safety Plan's monitoring and its outcome, and the warning
//! when proceedings were issued with no Safety Meeting held.

use domain::permanence::cases::CaseAction;
use domain::permanence::safety_plan::{
    MEETING_OUTCOMES, PLAN_OUTCOMES, SafetyAction, SafetyRoute, meeting_outcome_label, queue_label,
};

use super::cases::required_date;
use crate::handler::{Caller, Fields};
use crate::ui::{FieldError, FieldSpec, Part, cell, field, long_date, part, select};

/// The case page's parts.
pub(crate) fn parts(caller: &Caller, r: &SafetyRoute) -> Vec<Part> {
    let mut route = part("route", "Pre-proceedings");
    route.rows = vec![
        (
            "Pre-proceedings started".into(),
            long_date(r.pre_proceedings_started),
        ),
        ("Led by".into(), queue_label(r.queue).into()),
    ];
    if let Some(plan) = &r.plan {
        route
            .rows
            .push(("Safety Plan started".into(), long_date(plan.started)));
        route.rows.push((
            "Pre-proceedings reference".into(),
            plan.pre_proceedings_ref.clone(),
        ));
        if let Some((outcome, on)) = plan.outcome {
            route.rows.push((
                "Outcome".into(),
                format!("{} on {}", capitalise(outcome.label()), long_date(on)),
            ));
        }
    }
    if let Some(p) = &r.proceedings {
        route
            .rows
            .push(("Care proceedings issued".into(), long_date(p.issued)));
        for w in &p.warnings {
            route.paragraphs.push(format!("Warning: {w}."));
        }
    }
    let mut meetings = part("meetings", "Safety Meetings for Family and Friends");
    if r.meetings.is_empty() {
        meetings
            .paragraphs
            .push("No Safety Meeting for Family and Friends is recorded yet.".into());
    }
    meetings.table_headers = ["Held", "Who came", "What it produced"]
        .map(String::from)
        .to_vec();
    meetings.table_rows = r
        .meetings
        .iter()
        .map(|m| {
            let outcomes: Vec<&str> = m
                .meeting
                .outcomes
                .iter()
                .map(|o| meeting_outcome_label(*o))
                .collect();
            let produced = outcomes.join("; ");
            vec![
                cell(long_date(m.meeting.held)),
                cell(m.attendees.clone()),
                cell(produced),
            ]
        })
        .collect();
    let mut parts = vec![route, meetings];
    if !r.monitoring.is_empty() {
        let mut monitoring = part("monitoring", "Monitoring");
        monitoring.table_headers = ["Date", "What was found", "By"].map(String::from).to_vec();
        monitoring.table_rows = r
            .monitoring
            .iter()
            .map(|m| {
                vec![
                    cell(long_date(m.on)),
                    cell(m.note.clone()),
                    cell(caller.name(&m.by)),
                ]
            })
            .collect();
        parts.push(monitoring);
    }
    parts
}

fn capitalise(s: &str) -> String {
    crate::ui::sentence(s)
}

fn date_field(name: &str, label: &str) -> FieldSpec {
    FieldSpec {
        hint: Some("For example, 3/2/2026".into()),
        ..field(name, label, "date", "")
    }
}

/// The fields of a form.
pub(crate) fn fields(action: &str) -> Vec<FieldSpec> {
    match action {
        "meeting" => {
            let mut f = vec![
                date_field("held", "Date of the meeting"),
                FieldSpec {
                    hint: Some("Family members and friends who came.".into()),
                    ..field("attendees", "Who came", "textarea", "")
                },
            ];
            f.extend(
                MEETING_OUTCOMES
                    .iter()
                    .map(|(o, code)| field(code, meeting_outcome_label(*o), "checkbox", "")),
            );
            f
        }
        "start_plan" => vec![
            date_field("started", "Date the Safety Plan started"),
            field("reference", "Pre-proceedings reference", "text", ""),
        ],
        "monitoring" => vec![
            date_field("on", "Date of the visit or check"),
            field("note", "What was found", "textarea", ""),
        ],
        "outcome" => vec![
            select(
                "outcome",
                "Outcome",
                "proceedings_avoided",
                PLAN_OUTCOMES
                    .iter()
                    .map(|(o, code)| ((*code).to_owned(), capitalise(o.label())))
                    .collect(),
            ),
            date_field("on", "Date of the outcome"),
        ],
        "proceedings" => vec![
            date_field("issued", "Date care proceedings were issued"),
            FieldSpec {
                value: "yes".into(),
                ..field(
                    "significant_concerns",
                    "There are significant safeguarding concerns",
                    "checkbox",
                    "",
                )
            },
        ],
        _ => Vec::new(),
    }
}

/// Where a refusal of the form is shown.
pub(crate) fn error_field(action: &str) -> &'static str {
    match action {
        "meeting" => "meeting-held",
        "start_plan" => "start_plan-started",
        "monitoring" => "monitoring-on",
        "outcome" => "outcome-outcome",
        _ => "proceedings-issued",
    }
}

/// The action a posted form asks for, or the errors beside its fields.
pub(crate) fn parse(action: &str, fields: &Fields) -> Result<CaseAction, Vec<FieldError>> {
    let mut errors = Vec::new();
    let a = match action {
        "meeting" => {
            let held = required_date(
                fields,
                "meeting-held",
                "the date of the meeting",
                &mut errors,
            );
            let outcomes = MEETING_OUTCOMES
                .iter()
                .filter(|(_, code)| fields.ticked(code))
                .map(|(o, _)| *o)
                .collect();
            held.map(|held| SafetyAction::Meeting {
                held,
                outcomes,
                attendees: fields.get("attendees"),
            })
        }
        "start_plan" => required_date(
            fields,
            "start_plan-started",
            "the date the Safety Plan started",
            &mut errors,
        )
        .map(|started| SafetyAction::StartPlan {
            started,
            reference: fields.get("reference"),
        }),
        "monitoring" => required_date(
            fields,
            "monitoring-on",
            "the date of the visit or check",
            &mut errors,
        )
        .map(|on| SafetyAction::Monitoring {
            on,
            note: fields.get("note"),
        }),
        "outcome" => {
            let chosen = fields.get("outcome");
            let outcome = PLAN_OUTCOMES
                .iter()
                .find(|(_, c)| *c == chosen)
                .map(|(o, _)| *o);
            if outcome.is_none() {
                errors.push(FieldError {
                    field: "outcome-outcome",
                    message: "Choose the outcome".into(),
                });
            }
            let on = required_date(fields, "outcome-on", "the date of the outcome", &mut errors);
            outcome
                .zip(on)
                .map(|(outcome, on)| SafetyAction::Outcome { outcome, on })
        }
        "proceedings" => required_date(
            fields,
            "proceedings-issued",
            "the date proceedings were issued",
            &mut errors,
        )
        .map(|issued| SafetyAction::IssueProceedings {
            issued,
            significant_concerns: fields.ticked("significant_concerns"),
        }),
        other => return Ok(CaseAction::Step(other.to_owned())),
    };
    match a {
        Some(a) if errors.is_empty() => Ok(CaseAction::Safety(a)),
        _ => Err(errors),
    }
}
