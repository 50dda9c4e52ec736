//! A safety-plan case's page and forms (WF-SAFETY-PLAN, PATH-003, PATH-004,
//! PATH-006): the service leading it, the Safety Meetings for Family and
//! Friends, the Safety Plan's monitoring and its outcome, and the warning
//! when proceedings were issued with no Safety Meeting held; the support
//! offered to keep the child at home, which a decision to accommodate needs
//! (PATH-002), and the viability assessments asked for after family
//! offered care (PATH-008, KIN-002).

use domain::permanence::cases::CaseAction;
use domain::permanence::safety_plan::{
    MEETING_OUTCOMES, PLAN_OUTCOMES, SafetyAction, SafetyRoute, meeting_outcome_label, queue_label,
};

use super::cases::required_date;
use super::order_exit::RELATIONSHIPS;
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
        let what = if p.accommodation {
            "Child accommodated"
        } else {
            "Care proceedings issued"
        };
        route.rows.push((what.into(), long_date(p.issued)));
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
    let mut support = part("support", "Support offered to keep the child at home");
    if r.preservation_support.is_empty() {
        support.paragraphs.push(
            "No support offered to keep the child at home is recorded yet. The child cannot be accommodated until it is."
                .into(),
        );
    }
    support.table_headers = ["Offered", "What was offered"].map(String::from).to_vec();
    support.table_rows = r
        .preservation_support
        .iter()
        .map(|s| vec![cell(long_date(s.offered)), cell(s.description.clone())])
        .collect();
    parts.push(support);
    if r.family_offered_care() || !r.viability_requests.is_empty() {
        let mut viability = part("viability", "Viability assessments");
        if r.viability_requests.is_empty() {
            viability.paragraphs.push(
                "Family members offered to care for the child: ask for an Initial Viability Assessment of each proposed carer."
                    .into(),
            );
        }
        viability.table_headers = ["Asked for", "Proposed carer", "Relationship", "By"]
            .map(String::from)
            .to_vec();
        viability.table_rows = r
            .viability_requests
            .iter()
            .map(|v| {
                vec![
                    cell(long_date(v.request.requested)),
                    cell(v.carer.clone()),
                    cell(relationship_label(v.request.relationship)),
                    cell(caller.name(&v.by)),
                ]
            })
            .collect();
        parts.push(viability);
    }
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

fn relationship_label(r: domain::permanence::pathways::Relationship) -> &'static str {
    RELATIONSHIPS
        .iter()
        .find(|(rel, _, _)| *rel == r)
        .map_or("", |(_, _, l)| l)
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
            select(
                "route",
                "What was decided",
                "proceedings",
                vec![
                    ("proceedings".into(), "Care proceedings issued".into()),
                    (
                        "accommodation".into(),
                        "The child is accommodated (section 20)".into(),
                    ),
                ],
            ),
            date_field("issued", "Date of the decision"),
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
        "support" => vec![
            date_field("offered", "Date the support was offered"),
            FieldSpec {
                hint: Some("For example, practical help, money or short breaks.".into()),
                ..field("description", "What was offered", "textarea", "")
            },
        ],
        "viability" => vec![
            field("carer", "Who is proposed as the carer", "text", ""),
            select(
                "relationship",
                "Their relationship to the child",
                "aunt_or_uncle",
                RELATIONSHIPS
                    .iter()
                    .map(|(_, c, l)| ((*c).to_owned(), (*l).to_owned()))
                    .collect(),
            ),
            date_field("requested", "Date of the request"),
            FieldSpec {
                hint: Some(
                    "For a friend or someone from the support network: when the extended family's options were considered.".into(),
                ),
                ..date_field("family_considered", "Extended family options considered")
            },
            FieldSpec {
                hint: Some(
                    "For a friend or someone from the support network: when that option was discussed and agreed.".into(),
                ),
                ..date_field("friends_agreed", "Friends and support network option agreed")
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
        "support" => "support-offered",
        "viability" => "viability-carer",
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
            accommodation: fields.get("route") == "accommodation",
        }),
        "support" => required_date(
            fields,
            "support-offered",
            "the date the support was offered",
            &mut errors,
        )
        .map(|offered| SafetyAction::Support {
            offered,
            description: fields.get("description"),
        }),
        "viability" => {
            let requested = required_date(
                fields,
                "viability-requested",
                "the date of the request",
                &mut errors,
            );
            let relationship = RELATIONSHIPS
                .iter()
                .find(|(_, c, _)| *c == fields.get("relationship"))
                .map(|(r, _, _)| *r);
            if relationship.is_none() {
                errors.push(FieldError {
                    field: "viability-relationship",
                    message: "Choose the carer's relationship to the child".into(),
                });
            }
            let family_considered =
                optional_date(fields, "viability-family_considered", &mut errors);
            let friends_agreed = optional_date(fields, "viability-friends_agreed", &mut errors);
            requested
                .zip(relationship)
                .map(|(requested, relationship)| SafetyAction::Viability {
                    carer: fields.get("carer"),
                    relationship,
                    requested,
                    extended_family_considered: family_considered,
                    friends_option_agreed: friends_agreed,
                })
        }
        other => return Ok(CaseAction::Step(other.to_owned())),
    };
    match a {
        Some(a) if errors.is_empty() => Ok(CaseAction::Safety(a)),
        _ => Err(errors),
    }
}

/// A date field left blank (`None`) or its date; a bad date is an error.
fn optional_date(
    fields: &Fields,
    field: &'static str,
    errors: &mut Vec<FieldError>,
) -> Option<chrono::NaiveDate> {
    let name = field.split_once('-').map_or(field, |(_, n)| n);
    fields.date(name).unwrap_or_else(|message| {
        errors.push(FieldError { field, message });
        None
    })
}
