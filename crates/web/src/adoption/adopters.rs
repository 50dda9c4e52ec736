//! Adopters from enquiry to approval: recording an enquiry for a household
//! (`/adopters`), and the adopter's page (`/adopters/{role}`): where the
//! role stands, what each step carried (the PAR, the panel's
//! recommendation, the decisions, the terms of approval), its deadlines
//! with the step that clears each, and a form for each step the user may
//! take now.

use app::adoption::{AdopterView, StepDetails};
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use domain::adoption::adopters::{
    ApprovalTerms, ClosureReason, DelayReason, MOST_CHILDREN, Need, PanelOutcome,
};
use domain::households::lifecycle::HouseholdRole;
use serde::Deserialize;

use crate::handler::{Caller, Fields, Page};
use crate::households::{after_step, deadlines_part};
use crate::ui::{
    Chrome, FieldError, FieldSpec, Part, RecordPage, button_form, cell, field, form_date,
    long_date, part, select,
};

fn adopters_page(title: String, caller: &Caller) -> RecordPage {
    RecordPage {
        chrome: Chrome::new(title, Some(&caller.signed), "/households"),
        back: Some((
            "/households?role=adopter".into(),
            "Back to adopters' households".into(),
        )),
        caption: None,
        status: None,
        errors: Vec::new(),
        notices: Vec::new(),
        success: None,
        sections: Vec::new(),
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct EnquiryQuery {
    #[serde(default)]
    household: String,
}

/// The form recording an adoption enquiry.
pub(crate) async fn adopters(caller: Caller, Query(q): Query<EnquiryQuery>) -> Page {
    Ok(show_enquiry(&caller, &q.household, Vec::new()))
}

fn show_enquiry(caller: &Caller, household: &str, errors: Vec<FieldError>) -> Response {
    let mut p = part("enquiry", "Record an adoption enquiry");
    p.paragraphs.push(
        "Add the household first, with the applicants as members. The enquiry starts its adopter role."
            .into(),
    );
    p.links.push((
        "/households?role=adopter".into(),
        "Households holding an adopter role".into(),
    ));
    p.rules.push((
        "ADOPT-027".into(),
        "Enquirers are invited to the next information event".into(),
    ));
    let today = form_date(Some(caller.today()));
    let mut f = button_form("enquiry", "/adopters", "Record the enquiry", Vec::new());
    f.fields = vec![
        FieldSpec {
            hint: Some("For example H00012.".into()),
            ..field("household", "Household", "text", household)
        },
        field("received", "Date of the enquiry", "date", today),
        field(
            "next_event",
            "Information event they are invited to",
            "date",
            "",
        ),
        field("worker", "Worker's identifier (optional)", "text", ""),
    ];
    p.forms.push(f);
    RecordPage {
        errors,
        sections: vec![p],
        ..adopters_page("Adoption enquiry".into(), caller)
    }
    .respond()
}

/// Records the enquiry and opens the adopter's page.
pub(crate) async fn enquiry_post(caller: Caller, fields: Fields) -> Page {
    let household = fields.get("household");
    let dates = (fields.date("received"), fields.date("next_event"));
    let (Ok(Some(received)), Ok(Some(next_event))) = dates else {
        let field = match dates.0 {
            Ok(Some(_)) => "enquiry-next_event",
            _ => "enquiry-received",
        };
        let e = app::AppError::Invalid(
            "enter the date of the enquiry and of the information event, like 27/3/2026".into(),
        );
        return Ok(show_enquiry(
            &caller,
            &household,
            caller.form_errors(&e, field)?,
        ));
    };
    let worker = Some(fields.get("worker"));
    let hid = household.clone();
    let result = caller
        .run(move |c| {
            let version =
                app::households::open_household(&c.store, c.user(), c.clock(), &hid, &c.from)?
                    .household
                    .version;
            app::adoption::record_enquiry(
                &c.store,
                c.user(),
                c.clock(),
                (&hid, version),
                (received, next_event, worker),
                &c.from,
            )
        })
        .await;
    match result {
        Ok(role) => Ok(Redirect::to(&format!("/adopters/{role}")).into_response()),
        Err(app::AppError::NotFound(_)) => {
            let e = app::AppError::Invalid(format!("there is no household {household}"));
            let errors = caller.form_errors(&e, "enquiry-household")?;
            Ok(show_enquiry(&caller, &household, errors))
        }
        Err(e) => {
            let errors = caller.form_errors(&e, "enquiry-next_event")?;
            Ok(show_enquiry(&caller, &household, errors))
        }
    }
}

/// The household's identifier in a role's (`H00001-R2` is `H00001`'s).
fn household_of(role: &str) -> String {
    role.rsplit_once("-R").map_or(role, |(h, _)| h).to_owned()
}

/// The adopter's page.
pub(crate) async fn adopter_page(caller: Caller, Path(role): Path<String>) -> Page {
    Ok(show(&caller, &role, Vec::new(), None).await)
}

async fn show(
    caller: &Caller,
    role_id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let (hid, rid) = (household_of(role_id), role_id.to_owned());
    let view = match caller
        .page(move |c| {
            app::adoption::open_adopter(&c.store, c.user(), c.clock(), (&hid, &rid), &c.from)
        })
        .await
    {
        Ok(v) => v,
        Err(page) => return page,
    };
    let h = &view.household.value;
    let Some(role) = h.roles.iter().find(|r| r.id == view.role_id) else {
        return caller.message(
            axum::http::StatusCode::NOT_FOUND,
            "Page not found",
            &["The household has no adopter role with that identifier."],
        );
    };
    let deadlines: Vec<_> = domain::households::deadlines::household_deadlines(h, caller.today())
        .into_iter()
        .filter(|i| i.subject.id == role.id)
        .collect();
    let sections = vec![
        summary_part(&view, role),
        deadlines_part(h, &deadlines),
        steps_part(caller, &view, role),
        timeline_part(role),
    ];
    RecordPage {
        caption: Some(format!("Adopter {}", role.id)),
        errors,
        success: done,
        sections,
        ..adopters_page(h.name.clone(), caller)
    }
    .respond()
}

fn summary_part(view: &AdopterView, role: &HouseholdRole) -> Part {
    let (h, c) = (&view.household.value, &view.case);
    let mut p = part("summary", "Adopters");
    p.rows = vec![
        (
            "Stage".into(),
            format!("{} ({})", role.stage_label(), role.kind.workflow().id),
        ),
        ("Team".into(), role.team.clone()),
        (
            "Worker".into(),
            role.worker
                .clone()
                .unwrap_or_else(|| "Not allocated".into()),
        ),
    ];
    if let Some(e) = &c.enquiry {
        p.rows.push(("Enquiry".into(), long_date(e.received)));
        p.rows
            .push(("Information event offered".into(), long_date(e.next_event)));
    }
    if let Some(par) = c.par_received {
        p.rows.push(("PAR received".into(), long_date(par)));
    }
    if let Some(why) = c.delay_reason {
        p.rows.push((
            "Reason the assessment took longer".into(),
            why.label().into(),
        ));
    }
    for d in &c.panel {
        p.rows.push((
            format!("Adoption panel, {}", long_date(d.date)),
            d.outcome.label().into(),
        ));
    }
    for d in &c.decisions {
        p.rows.push((
            format!("Agency decision maker, {}", long_date(d.date)),
            d.outcome.label().into(),
        ));
    }
    if c.open_requests() > 0 {
        p.rows.push((
            "Requests for information outstanding".into(),
            c.open_requests().to_string(),
        ));
    }
    if c.irm_appeal_available() {
        p.rows.push((
            "Independent Review Mechanism".into(),
            "The adopters may appeal to the IRM".into(),
        ));
    }
    if let Some(on) = c.appealed {
        p.rows.push(("Appealed to the IRM".into(), long_date(on)));
    }
    if let Some(t) = &c.terms {
        p.rows.push(("Approved for".into(), t.describe()));
    }
    if let Some(why) = c.closure {
        p.rows.push(("Closed because".into(), why.label().into()));
    }
    p.links.push((
        format!("/households/{}", h.id),
        format!("The household's record ({})", h.id),
    ));
    if role.stage == "approved" {
        p.links.push((
            format!("/adopters/{}/children", role.id),
            "Children waiting who may fit these adopters".into(),
        ));
    }
    p
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|x| (code(*x).to_owned(), label(*x).to_owned()))
        .collect()
}

/// The fields a step's form asks for beyond its date.
fn step_fields(step: &str, role: &HouseholdRole) -> Vec<FieldSpec> {
    match step {
        "complete_stage_two" => {
            let mut reasons = vec![(String::new(), "No delay: within 6 months".to_owned())];
            reasons.extend(options(
                &DelayReason::ALL,
                DelayReason::code,
                DelayReason::label,
            ));
            vec![
                field("par", "Date the PAR was received", "date", ""),
                select(
                    "delay_reason",
                    "If the assessment took more than 6 months, why",
                    "",
                    reasons,
                ),
            ]
        }
        "recommend" => vec![select(
            "recommendation",
            "The panel's recommendation",
            "suitable",
            vec![
                ("suitable".into(), PanelOutcome::Suitable.label().into()),
                (
                    "not_suitable".into(),
                    PanelOutcome::NotSuitable.label().into(),
                ),
            ],
        )],
        "approve" => {
            let mut out = vec![
                field("youngest", "Youngest age (years)", "text", "0"),
                field("oldest", "Oldest age (years)", "text", ""),
                select(
                    "children",
                    "Number of children",
                    "1",
                    (1..=MOST_CHILDREN)
                        .map(|n| (n.to_string(), n.to_string()))
                        .collect(),
                ),
                field("siblings", "A sibling group", "checkbox", ""),
            ];
            out.extend(Need::ALL.iter().map(|n| {
                field(
                    &format!("need_{}", n.code()),
                    &format!("Can meet: {}", n.label().to_lowercase()),
                    "checkbox",
                    "",
                )
            }));
            if role.worker.is_none() {
                out.push(field("worker", "Worker who keeps the case", "text", ""));
            }
            out
        }
        "withdraw" | "close" => vec![select(
            "reason",
            "Reason",
            "",
            options(
                &ClosureReason::ALL,
                ClosureReason::code,
                ClosureReason::label,
            ),
        )],
        _ => Vec::new(),
    }
}

fn steps_part(caller: &Caller, view: &AdopterView, role: &HouseholdRole) -> Part {
    let mut p = part("steps", "What happens next");
    p.rules = vec![
        (
            "ADOPT-029".into(),
            "Stage One ends with every applicant's checks done".into(),
        ),
        (
            "ADOPT-030".into(),
            "Stage Two goes to panel with the PAR".into(),
        ),
        (
            "ADOPT-031".into(),
            "The reason for an assessment over 6 months".into(),
        ),
        (
            "ADOPT-033".into(),
            "The decision follows the panel's recommendation".into(),
        ),
        (
            "ADOPT-036".into(),
            "The assessing worker keeps the case after approval".into(),
        ),
    ];
    let today = form_date(Some(caller.today()));
    for step in role.moves(caller.user()) {
        let mut f = button_form(
            &format!("step-{}", step.name),
            &format!("/adopters/{}", role.id),
            step.label,
            vec![
                ("version", view.household.version.to_string()),
                ("step", step.name.to_owned()),
            ],
        );
        f.fields = step_fields(step.name, role);
        f.fields.push(field("date", "Date", "date", today.clone()));
        f.secondary = matches!(step.name, "withdraw" | "close" | "refuse");
        p.forms.push(f);
    }
    if p.forms.is_empty() {
        p.paragraphs
            .push("There is nothing for you to record for these adopters now.".into());
    }
    p
}

fn timeline_part(role: &HouseholdRole) -> Part {
    let mut p = part("timeline", "Timeline");
    p.table_headers = vec!["Date".into(), "What happened".into()];
    p.table_rows = role
        .events
        .iter()
        .map(|e| vec![cell(long_date(e.date)), cell(e.kind.label())])
        .collect();
    if p.table_rows.is_empty() {
        p.paragraphs.push("No timed step is recorded yet.".into());
    }
    p
}

/// What the step's form carried, or the field it is wrong in.
fn details(fields: &Fields, step: &str) -> Result<StepDetails, (&'static str, String)> {
    let mut d = StepDetails::default();
    match step {
        "complete_stage_two" => {
            d.par_received = fields.date("par").map_err(|e| ("par", e))?;
            d.delay_reason = DelayReason::parse(&fields.get("delay_reason"));
        }
        "recommend" => {
            d.recommendation = match fields.get("recommendation").as_str() {
                "suitable" => Some(PanelOutcome::Suitable),
                "not_suitable" => Some(PanelOutcome::NotSuitable),
                _ => None,
            };
        }
        "approve" => {
            let age = |name: &'static str| {
                fields.get(name).parse::<u8>().map_err(|_| {
                    (
                        name,
                        "enter the age in whole years, for example 4".to_owned(),
                    )
                })
            };
            let (youngest, oldest) = (age("youngest")?, age("oldest")?);
            let children = fields.get("children").parse::<u8>().unwrap_or(0);
            let needs = Need::ALL
                .into_iter()
                .filter(|n| fields.ticked(&format!("need_{}", n.code())))
                .collect();
            let terms = ApprovalTerms::new(
                (youngest, oldest),
                children,
                fields.ticked("siblings"),
                needs,
            )
            .map_err(|e| ("oldest", e.to_string()))?;
            d.terms = Some(terms);
            d.worker = Some(fields.get("worker")).filter(|w| !w.is_empty());
        }
        "withdraw" | "close" => d.closure = ClosureReason::parse(&fields.get("reason")),
        _ => {}
    }
    Ok(d)
}

/// The field of the step's form an error from the use case belongs to.
fn field_of(message: &str) -> &'static str {
    let lower = message.to_lowercase();
    if lower.contains("par") && !lower.contains("panel") {
        "par"
    } else if lower.contains("adopt-031") {
        "delay_reason"
    } else if lower.contains("recommendation") && !lower.contains("adopt-033") {
        "recommendation"
    } else if lower.contains("terms") {
        "oldest"
    } else if lower.contains("adopt-036") {
        "worker"
    } else if lower.contains("reason the case") {
        "reason"
    } else {
        "date"
    }
}

/// The identifier of a field of a step's form (`step-approve-oldest`), as
/// the page names it, for the error beside it; the step's part otherwise.
fn error_id(step: &str, name: &str) -> &'static str {
    const IDS: &[&str] = &[
        "step-complete_stage_two-par",
        "step-complete_stage_two-delay_reason",
        "step-recommend-recommendation",
        "step-approve-youngest",
        "step-approve-oldest",
        "step-approve-worker",
        "step-withdraw-reason",
        "step-close-reason",
    ];
    let wanted = format!("step-{step}-{name}");
    if let Some(id) = IDS.iter().find(|id| **id == wanted) {
        return id;
    }
    domain::households::lifecycle::ADOPTER
        .transitions
        .iter()
        .find(|t| t.name == step)
        .map_or("steps", |t| date_id(t.name))
}

/// The date field's identifier of a step's form.
fn date_id(step: &'static str) -> &'static str {
    match step {
        "attend_event" => "step-attend_event-date",
        "visit" => "step-visit-date",
        "register" => "step-register-date",
        "complete_stage_one" => "step-complete_stage_one-date",
        "start_stage_two" => "step-start_stage_two-date",
        "complete_stage_two" => "step-complete_stage_two-date",
        "recommend" => "step-recommend-date",
        "defer" => "step-defer-date",
        "approve" => "step-approve-date",
        "refuse" => "step-refuse-date",
        "request_information" => "step-request_information-date",
        "appeal" => "step-appeal-date",
        "refer_to_nar" => "step-refer_to_nar-date",
        "opt_out_of_nar" => "step-opt_out_of_nar-date",
        "withdraw" => "step-withdraw-date",
        "close" => "step-close-date",
        _ => "steps",
    }
}

/// Takes a step of the adopters' role.
pub(crate) async fn adopter_post(caller: Caller, Path(role): Path<String>, fields: Fields) -> Page {
    let step = fields.get("step");
    let id_of = |name: &str| error_id(&step, name);
    let date = match fields.date("date") {
        Ok(Some(date)) => date,
        _ => {
            let errors = vec![FieldError {
                field: id_of("date"),
                message: "Enter the date, for example 27 3 2026".into(),
            }];
            return Ok(show(&caller, &role, errors, None).await);
        }
    };
    let details = match details(&fields, &step) {
        Ok(d) => d,
        Err((name, message)) => {
            let errors = vec![FieldError {
                field: id_of(name),
                message,
            }];
            return Ok(show(&caller, &role, errors, None).await);
        }
    };
    let (rid, taken, version) = (role.clone(), step.clone(), fields.version());
    let result = caller
        .run(move |c| {
            app::adoption::take_adopter_step(
                &c.store,
                c.user(),
                c.clock(),
                (&household_of(&rid), version),
                (&rid, &taken, date),
                details,
                &c.from,
            )
        })
        .await;
    match result {
        Ok(_) => Ok(after_step(
            &caller,
            show(&caller, &role, Vec::new(), Some("Recorded.".into())).await,
            "Recorded.",
        )),
        Err(e) => {
            let errors = caller.form_errors(&e, id_of(field_of(&e.to_string())))?;
            Ok(show(&caller, &role, errors, None).await)
        }
    }
}
