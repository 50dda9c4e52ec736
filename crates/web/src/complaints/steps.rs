//! The fields each step of a complaint asks for beyond its date, reading
//! them back into what the step records, and which field an error belongs
//! beside.

use domain::complaints::complaint::{
    CAUSES, Closing, Complaint, Costs, OmbudsmanDecision, Outcome, PANEL_MEMBERS, Route, Stage2,
    StepDetails,
};

use crate::handler::Fields;
use crate::ui::{FieldSpec, field, parse_pence, select};

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    let mut list = vec![(String::new(), "Select".to_owned())];
    list.extend(
        all.iter()
            .map(|&x| (code(x).to_owned(), label(x).to_owned())),
    );
    list
}

fn money(name: &str, label: &str) -> FieldSpec {
    FieldSpec {
        hint: Some("In pounds, for example 1234.50 (CMPL-015)".into()),
        ..field(name, label, "text", "")
    }
}

/// The fields the step `name` asks for before its date.
pub(super) fn step_fields(name: &str, c: &Complaint) -> Vec<FieldSpec> {
    match name {
        "request_stage_two" => vec![
            field(
                "investigating_officer",
                "Investigating Officer (external)",
                "text",
                "",
            ),
            field("independent_person", "Independent Person", "text", ""),
        ],
        "request_stage_three" => (1..=PANEL_MEMBERS)
            .map(|n| {
                field(
                    &format!("member{n}"),
                    &format!("External panel member {n}"),
                    "text",
                    "",
                )
            })
            .collect(),
        "redirect" => vec![select(
            "route",
            "Where the complaint goes instead",
            c.suggested_route().map_or("", |r| r.code()),
            options(&Route::ALL, Route::code, Route::label),
        )],
        "record_nfa" => vec![field(
            "informed",
            "Date the complainant was told the outcome",
            "date",
            "",
        )],
        "ombudsman_decides" => vec![
            select(
                "decision",
                "The Ombudsman's decision",
                "",
                options(
                    &OmbudsmanDecision::ALL,
                    OmbudsmanDecision::code,
                    OmbudsmanDecision::label,
                ),
            ),
            field(
                "remedy",
                "Remedy (an apology, a payment, a procedure review)",
                "text",
                "",
            ),
        ],
        "close" => {
            let mut causes = vec![(String::new(), "Select".to_owned())];
            causes.extend(
                CAUSES
                    .iter()
                    .map(|(c, l)| ((*c).to_owned(), (*l).to_owned())),
            );
            vec![
                select(
                    "outcome",
                    "Outcome",
                    "",
                    options(&Outcome::ALL, Outcome::code, Outcome::label),
                ),
                select("cause", "Principal cause", "", causes),
                field(
                    "redress",
                    "Individual redress (if fault was found)",
                    "text",
                    "",
                ),
                field("wider_action", "Wider learning action (if any)", "text", ""),
                money("cost_stage_two", "Cost of the Stage 2 investigation"),
                money("cost_stage_three", "Cost of the Stage 3 panel"),
                money("cost_mediation", "Cost of mediation"),
                money("cost_redress", "Financial redress paid"),
            ]
        }
        _ => Vec::new(),
    }
}

/// What the step `name` records, read from its form; the field and message
/// of the first thing that cannot be read.
pub(super) fn step_details(
    name: &str,
    fields: &Fields,
) -> Result<StepDetails, (&'static str, String)> {
    let mut d = StepDetails::default();
    let pence = |field: &'static str| -> Result<i64, (&'static str, String)> {
        let text = fields.get(field);
        if text.is_empty() {
            return Ok(0);
        }
        parse_pence(&text)
            .map(|p| p as i64)
            .ok_or((field, "Enter an amount in pounds, like 1234.50".to_owned()))
    };
    match name {
        "request_stage_two" => {
            d.stage_two = Some(Stage2 {
                investigating_officer: fields.get("investigating_officer"),
                independent_person: fields.get("independent_person"),
            })
        }
        "request_stage_three" => {
            d.panel = (1..=PANEL_MEMBERS)
                .map(|n| fields.get(&format!("member{n}")))
                .collect()
        }
        "redirect" => d.route = Route::parse(&fields.get("route")),
        "record_nfa" => d.informed = fields.date("informed").map_err(|m| ("informed", m))?,
        "ombudsman_decides" => {
            d.decision = OmbudsmanDecision::parse(&fields.get("decision"));
            d.remedy = fields.get("remedy");
        }
        "close" => {
            d.closing = Closing {
                outcome: Outcome::parse(&fields.get("outcome")),
                cause: fields.get("cause"),
                redress: fields.get("redress"),
                wider_action: fields.get("wider_action"),
                costs: Costs {
                    stage_two: pence("cost_stage_two")?,
                    stage_three: pence("cost_stage_three")?,
                    mediation: pence("cost_mediation")?,
                    financial_redress: pence("cost_redress")?,
                },
                closed: None,
            }
        }
        _ => {}
    }
    Ok(d)
}

/// The field of the step's form a refusal's message belongs beside.
pub(super) fn field_for(message: &str) -> &'static str {
    const BY_WORD: &[(&str, &str)] = &[
        ("Independent Person", "investigating_officer"),
        ("CMPL-011", "outcome"),
        ("CMPL-012", "cause"),
        ("CMPL-014", "redress"),
        ("CMPL-008", "member1"),
        ("CMPL-002", "route"),
        ("CMPL-019", "informed"),
        ("select the Ombudsman", "decision"),
        ("the remedy", "remedy"),
    ];
    BY_WORD
        .iter()
        .find(|(w, _)| message.contains(w))
        .map_or("date", |(_, f)| f)
}

/// Every field of a step's form an error may stand beside, by its id.
const FIELD_IDS: &[&str] = &[
    "step-respond_stage_one-date",
    "step-offer_tm_meeting-date",
    "step-agree_extension-date",
    "step-offer_conciliation-date",
    "step-request_stage_two-date",
    "step-request_stage_two-investigating_officer",
    "step-refuse_stage_two-date",
    "step-adjudicate-date",
    "step-request_stage_three-date",
    "step-request_stage_three-member1",
    "step-hold_panel-date",
    "step-refer_ombudsman-date",
    "step-ombudsman_decides-date",
    "step-ombudsman_decides-decision",
    "step-ombudsman_decides-remedy",
    "step-close-date",
    "step-close-outcome",
    "step-close-cause",
    "step-close-redress",
    "step-close-cost_stage_two",
    "step-close-cost_stage_three",
    "step-close-cost_mediation",
    "step-close-cost_redress",
    "step-withdraw-date",
    "step-refer_first_response-date",
    "step-record_nfa-date",
    "step-record_nfa-informed",
    "step-resolve_locally-date",
    "step-redirect-date",
    "step-redirect-route",
];

/// The id of the field `name` of the step `step`'s form (the list of
/// steps when there is no such field).
pub(super) fn field_id(step: &str, name: &str) -> &'static str {
    let id = format!("step-{step}-{name}");
    FIELD_IDS
        .iter()
        .find(|f| **f == id)
        .copied()
        .unwrap_or("steps")
}
