//! Adoption service requests (`/adoption-services`): the list with the form
//! recording a request received (support or counselling for a birth
//! family, unplanned contact, an adopted adult's birth records counselling,
//! intermediary advice or the Adoption Contact Register), and one request
//! (`?request=ASR00001`) with who answers it, its steps and, for the
//! Register, the advice letter (CONT-004, CONT-005, CONT-012 … CONT-016).

use app::contact::{RequestStep, StoredRequest};
use axum::extract::Query;
use axum::response::Response;
use domain::contact::adoption_services::{
    LEFT_CARE_BY, NewRequest, REQUESTERS, RequestKind, ServiceRequest,
};
use serde::Deserialize;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, Part, RecordPage, button_form, cell, field, form_date,
    long_date, part, select,
};

const PATH: &str = "/adoption-services";

/// `?request=ASR00001`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct RequestQuery {
    request: Option<String>,
}

fn page(caller: &Caller, title: String) -> RecordPage {
    RecordPage::new(Chrome::new(title, Some(&caller.signed), PATH))
}

/// The list, or one request.
pub(crate) async fn adoption_services(caller: Caller, Query(q): Query<RequestQuery>) -> Page {
    Ok(match q.request {
        Some(id) => show(&caller, &id, Vec::new(), None).await,
        None => show_list(&caller, Vec::new(), None).await,
    })
}

fn codes(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
        .collect()
}

fn receive_form(today: chrono::NaiveDate) -> Part {
    let mut add = part("receive", "Record a request received");
    let mut f = button_form(
        "receive",
        PATH,
        "Record the request",
        vec![("form", "receive".into())],
    );
    let kinds: Vec<(String, String)> = RequestKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), k.label().to_owned()))
        .collect();
    let hint = |spec: FieldSpec, hint: &str| FieldSpec {
        hint: Some(hint.into()),
        ..spec
    };
    f.fields = vec![
        select(
            "kind",
            "What is asked for",
            RequestKind::ContactRegister.code(),
            kinds,
        ),
        field("name", "Name of the person asking", "text", ""),
        select(
            "requester_is",
            "Who is asking",
            "adopted_adult",
            codes(REQUESTERS),
        ),
        field("date", "Date received", "date", form_date(Some(today))),
        hint(
            field("child", "Child (optional)", "text", ""),
            "The child's identifier, for support, counselling or unplanned contact.",
        ),
        hint(
            field("born", "Date of birth (an adopted adult)", "date", ""),
            "Birth records counselling is for adopted adults aged 18 or over (CONT-014).",
        ),
        hint(
            field("leaflet", "Date the support leaflet was given", "date", ""),
            "Given when the Agency Decision Maker ratified the plan of adoption (CONT-004).",
        ),
        field("leaflet_not_given", "Or why it was not given", "text", ""),
        hint(
            field("channel", "How the contact was made", "text", ""),
            "For unplanned contact, for example a message on social media (CONT-012).",
        ),
        hint(
            field("adopted_year", "Year the adult was adopted", "text", ""),
            "Adults adopted before 1975 are seen first (ADOPT-047).",
        ),
        hint(
            field("order", "Date of the adoption order", "date", ""),
            "For post-adoption support: within three years of the order an adoption social worker answers, after it the Post-Order Support Team (ADOPT-043).",
        ),
        field(
            "protection_concern",
            "There is a child-protection concern, or the child may return to care",
            "checkbox",
            "",
        ),
        select(
            "asf_type",
            "Fund application",
            "initial",
            codes(&[("initial", "Initial application"), ("top_up", "Top-up")]),
        ),
        hint(
            field(
                "top_up_of",
                "The initial application a top-up continues",
                "text",
                "",
            ),
            "Its request number, for example ASR00012 (ADOPT-044).",
        ),
        hint(
            field("amount", "Amount asked for, in pounds", "text", ""),
            "The Therapeutic Support Budget pays up to £450, and a further £450 if required (ADOPT-045).",
        ),
        hint(
            select(
                "left_care_by",
                "How the child left care (a Virtual School enquiry)",
                "",
                std::iter::once((String::new(), "Not a Virtual School enquiry".to_owned()))
                    .chain(codes(LEFT_CARE_BY))
                    .collect(),
            ),
            "A child who left care under an adoption, special guardianship or child arrangements order is previously looked after (SG-009); the Virtual School's duty to children in kinship care applies from 1 September 2024 (KIN-019).",
        ),
    ];
    add.forms.push(f);
    add
}

async fn show_list(caller: &Caller, errors: Vec<FieldError>, done: Option<String>) -> Response {
    let all = match caller
        .page(|c| app::contact::service_requests(&c.store, c.user(), c.clock(), &c.from))
        .await
    {
        Ok(all) => all,
        Err(page) => return page,
    };
    let mut list = part("requests", "Requests");
    if all.is_empty() {
        list.paragraphs.push("No requests are recorded.".into());
    } else {
        list.table_headers = ["Request", "What", "Received", "With", "Where it stands"]
            .map(String::from)
            .to_vec();
        list.table_rows = all
            .iter()
            .map(|r| {
                let r = &r.value;
                vec![
                    Cell {
                        text: r.id.clone(),
                        href: Some(format!("{PATH}?request={}", r.id)),
                    },
                    cell(r.kind.label()),
                    cell(long_date(r.received)),
                    cell(r.routed_to.clone()),
                    cell(r.stage_label()),
                ]
            })
            .collect();
    }
    let mut p = page(caller, "Adoption service requests".into());
    p.caption = Some("Birth families, unplanned contact and adopted adults".into());
    p.errors = errors;
    p.success = done;
    p.sections = vec![list, receive_form(caller.today())];
    p.respond()
}

fn steps_part(held: &StoredRequest, caller: &Caller) -> Part {
    let r = &held.value;
    let mut steps = part("steps", "What happens next");
    let today = form_date(Some(caller.today()));
    for step in r.steps(caller.user()) {
        let hidden = vec![
            ("form", "step".to_owned()),
            ("request", r.id.clone()),
            ("version", held.version.to_string()),
            ("step", step.to_owned()),
        ];
        let (label, fields) = match step {
            "recommend" => (
                "Record the Adoption Team's recommendation",
                vec![field("recommendation", "Recommendation", "textarea", "")],
            ),
            "allocate" => (
                "Allocate a worker (ADOPT-060)",
                vec![
                    field("worker", "Worker", "text", ""),
                    select(
                        "team",
                        "Their team",
                        "",
                        domain::contact::adoption_services::ADOPTION_TEAMS
                            .iter()
                            .map(|(t, _)| ((*t).to_owned(), (*t).to_owned()))
                            .collect(),
                    ),
                ],
            ),
            "decide" => (
                "Record the Service Manager's decision",
                vec![select(
                    "agreed",
                    "Decision",
                    "yes",
                    codes(&[("yes", "Agreed"), ("no", "Declined")]),
                )],
            ),
            _ => (
                "Record the outcome",
                vec![select("outcome", "Outcome", "", codes(r.outcomes()))],
            ),
        };
        let mut f = button_form(&format!("step-{step}"), PATH, label, hidden);
        f.fields = fields;
        f.fields.push(field("date", "Date", "date", today.clone()));
        steps.forms.push(f);
    }
    if steps.forms.is_empty() {
        steps
            .paragraphs
            .push("There is nothing for you to record on this request now.".into());
    }
    steps
}

fn summary_part(r: &ServiceRequest) -> Part {
    let mut summary = part("summary", "Summary");
    let who = REQUESTERS
        .iter()
        .find(|(c, _)| *c == r.requester_is)
        .map_or("", |(_, l)| *l);
    summary.rows = vec![
        ("What is asked for".into(), r.kind.label().to_owned()),
        ("Asked by".into(), format!("{} ({who})", r.requester)),
        ("Received".into(), long_date(r.received)),
        ("Answered by".into(), r.routed_to.clone()),
        ("Where it stands".into(), r.stage_label()),
    ];
    if let Some(child) = &r.child_id {
        summary
            .links
            .push((format!("/children/{child}"), format!("Child {child}")));
    }
    if let Some(d) = r.leaflet {
        summary
            .rows
            .push(("Support leaflet given".into(), long_date(d)));
    } else if !r.leaflet_not_given.is_empty() {
        summary.rows.push((
            "Support leaflet not given".into(),
            r.leaflet_not_given.clone(),
        ));
    }
    if !r.channel.is_empty() {
        summary
            .rows
            .push(("How the contact was made".into(), r.channel.clone()));
    }
    if r.priority() {
        summary.rows.push((
            "Priority".into(),
            "High: adopted before 1975 (ADOPT-047)".into(),
        ));
    }
    if let Some(d) = r.answer_due {
        let what = if r.kind == RequestKind::BirthRecords {
            "Counsellor to be allocated by"
        } else {
            "Answer due by"
        };
        summary.rows.push((what.into(), long_date(d)));
    }
    if let Some(a) = &r.allocated {
        summary.rows.push((
            "Allocated to".into(),
            format!("{} ({} team) on {}", a.worker, a.team, long_date(a.date)),
        ));
    }
    if let Some((_, how)) = LEFT_CARE_BY.iter().find(|(c, _)| *c == r.left_care_by) {
        let plac = if r.previously_looked_after() {
            "previously looked after (SG-009)"
        } else {
            "in kinship care (KIN-019)"
        };
        summary
            .rows
            .push(("Left care by".into(), format!("{how}: {plac}")));
    }
    if let Some(d) = r.order {
        summary.rows.push(("Adoption order".into(), long_date(d)));
    }
    if let Some(initial) = &r.top_up_of {
        summary.rows.push(("Top-up of".into(), initial.clone()));
    }
    if let Some(p) = r.amount_pence {
        summary.rows.push((
            "Amount asked for".into(),
            crate::ui::pounds(u64::try_from(p).unwrap_or(0)),
        ));
    }
    if let Some((d, text)) = &r.recommendation {
        summary.rows.push((
            "Recommendation".into(),
            format!("{}: {text}", long_date(*d)),
        ));
    }
    summary
}

async fn show(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let rid = id.to_owned();
    let held = match caller
        .page(move |c| {
            app::contact::open_service_request(&c.store, c.user(), c.clock(), &rid, &c.from)
        })
        .await
    {
        Ok(r) => r,
        Err(page) => return page,
    };
    let r = &held.value;
    let mut sections = vec![summary_part(r), steps_part(&held, caller)];
    if let Some(lines) = r.advice_letter() {
        let mut letter = part("letter", "Advice letter");
        letter.paragraphs = lines;
        sections.push(letter);
    }
    let mut p = page(caller, format!("Request {}", r.id));
    p.back = Some((PATH.into(), "Back to the requests".into()));
    p.caption = Some(r.kind.label().to_owned());
    p.errors = errors;
    p.success = done;
    p.sections = sections;
    p.respond()
}

/// The field an error on the receiving form belongs beside.
fn receive_field(message: &str) -> &'static str {
    const BY_WORD: &[(&str, &str)] = &[
        ("name", "receive-name"),
        ("who is asking", "receive-requester_is"),
        ("child", "receive-child"),
        ("date of birth", "receive-born"),
        ("CONT-014", "receive-requester_is"),
        ("CONT-015", "receive-requester_is"),
        ("leaflet", "receive-leaflet"),
        ("contact was made", "receive-channel"),
        ("ADOPT-043", "receive-order"),
        ("ADOPT-044", "receive-top_up_of"),
        ("ADOPT-045", "receive-amount"),
        ("ADOPT-047", "receive-adopted_year"),
        ("SG-009", "receive-left_care_by"),
        ("KIN-019", "receive-left_care_by"),
    ];
    BY_WORD
        .iter()
        .find(|(w, _)| message.contains(w))
        .map_or("receive-date", |(_, f)| f)
}

/// Records a request received, or a step of one.
pub(crate) async fn adoption_services_post(caller: Caller, fields: Fields) -> Page {
    if fields.get("form") == "step" {
        return step_post(caller, fields).await;
    }
    let dates = (
        fields.date("date"),
        fields.date("born"),
        fields.date("leaflet"),
    );
    let (Ok(Some(received)), Ok(born), Ok(leaflet), Ok(order)) =
        (dates.0, dates.1, dates.2, fields.date("order"))
    else {
        let e = FieldError {
            field: "receive-date",
            message: "Enter real dates, like 27/3/2026".into(),
        };
        return Ok(show_list(&caller, vec![e], None).await);
    };
    let (year, amount) = (fields.get("adopted_year"), fields.get("amount"));
    let adopted_year = year.trim().parse::<i32>().ok();
    let amount_pence = crate::ui::parse_pence(&amount).and_then(|p| i64::try_from(p).ok());
    if (!year.trim().is_empty() && adopted_year.is_none())
        || (!amount.trim().is_empty() && amount_pence.is_none())
    {
        let (field, message) = if adopted_year.is_none() && !year.trim().is_empty() {
            (
                "receive-adopted_year",
                "Enter the year of the adoption as 4 digits, like 1972",
            )
        } else {
            (
                "receive-amount",
                "Enter the amount in pounds, like 450 or 450.00",
            )
        };
        let e = FieldError {
            field,
            message: message.into(),
        };
        return Ok(show_list(&caller, vec![e], None).await);
    }
    let new = NewRequest {
        adopted_year,
        order,
        protection_concern: fields.ticked("protection_concern"),
        top_up_of: (fields.get("asf_type") == "top_up").then(|| fields.get("top_up_of")),
        amount_pence,
        kind: RequestKind::parse(&fields.get("kind")),
        requester: fields.get("name"),
        requester_is: fields.get("requester_is"),
        child_id: Some(fields.get("child")),
        received,
        born,
        leaflet,
        leaflet_not_given: fields.get("leaflet_not_given"),
        channel: fields.get("channel"),
        left_care_by: fields.get("left_care_by"),
    };
    match caller
        .run(move |c| {
            app::contact::receive_service_request(&c.store, c.user(), c.clock(), new, &c.from)
        })
        .await
    {
        Ok(id) => Ok(show(
            &caller,
            &id,
            Vec::new(),
            Some(format!("Request {id} was recorded.")),
        )
        .await),
        Err(e) => {
            let errors = caller.form_errors(&e, receive_field(&e.to_string()))?;
            Ok(show_list(&caller, errors, None).await)
        }
    }
}

async fn step_post(caller: Caller, fields: Fields) -> Page {
    let id = fields.get("request");
    let step = fields.get("step");
    let field_of = |name: &str| -> &'static str {
        match (step.as_str(), name) {
            ("recommend", "date") => "step-recommend-date",
            ("recommend", _) => "step-recommend-recommendation",
            ("decide", _) => "step-decide-date",
            ("allocate", "date") => "step-allocate-date",
            ("allocate", _) => "step-allocate-team",
            (_, "date") => "step-close-date",
            _ => "step-close-outcome",
        }
    };
    let Ok(Some(date)) = fields.date("date") else {
        let e = FieldError {
            field: field_of("date"),
            message: "Enter the date, for example 27/3/2026".into(),
        };
        return Ok(show(&caller, &id, vec![e], None).await);
    };
    let taken = match step.as_str() {
        "recommend" => RequestStep::Recommend(fields.get("recommendation")),
        "decide" => RequestStep::Decide(fields.get("agreed") == "yes"),
        "allocate" => RequestStep::Allocate(fields.get("worker"), fields.get("team")),
        _ => RequestStep::Close(fields.get("outcome")),
    };
    let (rid, version) = (id.clone(), fields.version());
    match caller
        .run(move |c| {
            app::contact::act_on_service_request(
                &c.store,
                c.user(),
                c.clock(),
                (&rid, version),
                (taken, date),
                &c.from,
            )
        })
        .await
    {
        Ok(()) => Ok(show(&caller, &id, Vec::new(), Some("Recorded.".into())).await),
        Err(e) => {
            let which = if e.to_string().contains("date") {
                "date"
            } else {
                "other"
            };
            let errors = caller.form_errors(&e, field_of(which))?;
            Ok(show(&caller, &id, errors, None).await)
        }
    }
}
