//! The chapter's other workflows as cases of their own: the plan page's
//! list of the child's cases and the form starting one; each case's page
//! (what its workflow recorded, what the user may do now, its history); and
//! one page per form, posting to the case's use case. What a workflow
//! records and asks is in its own file: `return_home.rs`, `safety_plan.rs`,
//! `order_exit.rs`, `payments.rs`.

use app::permanence::{CaseView, PlanView};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::Permission;
use domain::permanence::cases::{CaseAction, CaseRecord, Offer, startable};

use super::{child_of, plan_after};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FormSpec, Part, RecordPage, button_form, cell, long_date, part,
    select,
};

/// The plan page's "Other work": the child's cases, each linking to its
/// page, and starting a case, for those who work on plans.
pub(crate) fn cases_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let in_care = view.journey.value.current_episode().is_some();
    if !caller.user().may(Permission::WorkOnPlans) || (view.cases.is_empty() && !in_care) {
        return None;
    }
    let mut part = part("cases", "Other work");
    part.table_headers = ["Case", "Workflow", "Started", "Now"]
        .map(String::from)
        .to_vec();
    part.table_rows = view
        .cases
        .iter()
        .map(|c| {
            let d = &c.value.document;
            vec![
                Cell {
                    text: c.value.id.clone(),
                    href: Some(format!("/cases/{}", c.value.id)),
                },
                cell(d.workflow.title),
                cell(long_date(d.started)),
                cell(d.state.label),
            ]
        })
        .collect();
    let startable: Vec<(String, String)> = startable(caller.user())
        .iter()
        .map(|w| (w.id.to_owned(), w.title.to_owned()))
        .collect();
    if !startable.is_empty() {
        let action = format!("/children/{id}/plan/cases");
        let mut f = button_form("start", &action, "Start", vec![("action", "start".into())]);
        f.secondary = true;
        f.fields
            .push(select("workflow", "Start a case", "", startable));
        part.forms.push(f);
    }
    (!part.table_rows.is_empty() || !part.forms.is_empty()).then_some(part)
}

/// Starts a case and opens its page.
pub(crate) async fn cases_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let workflow = fields.get("workflow");
    let result = caller
        .run(move |c| {
            app::permanence::start_case(&c.store, c.user(), c.clock(), &child, &workflow, &c.from)
        })
        .await;
    match result {
        Ok(case) => Ok(Redirect::to(&format!("/cases/{case}")).into_response()),
        Err(e) => Ok(plan_after(&caller, &id, "start-workflow", Err(e)).await),
    }
}

/// A case's page.
pub(crate) async fn case_page(caller: Caller, Path(id): Path<String>) -> Page {
    let view = open(&caller, &id).await?;
    Ok(show_case(&caller, &view, None))
}

async fn open(caller: &Caller, id: &str) -> Result<CaseView, Response> {
    let id = id.to_owned();
    caller
        .page(move |c| app::permanence::open_case(&c.store, c.user(), c.clock(), &id, &c.from))
        .await
}

/// The case's page: its summary, what its workflow recorded, what the user
/// may do now (a link to each form's page, a button for each plain step),
/// and the steps taken.
fn show_case(caller: &Caller, view: &CaseView, done: Option<String>) -> Response {
    let case = &view.case.value.document;
    let id = &view.case.value.id;
    let today = caller.today();
    let mut summary = part("summary", "The case");
    summary.rows = vec![
        ("Case".into(), id.clone()),
        ("Started".into(), long_date(case.started)),
        ("Now".into(), case.state.label.into()),
    ];
    let mut sections = vec![summary];
    sections.extend(match &case.record {
        CaseRecord::ReturnHome(r) => super::return_home::parts(caller, r, today),
        CaseRecord::SafetyPlan(r) => super::safety_plan::parts(caller, r),
        CaseRecord::OrderExit(r) => super::order_exit::parts(r, &view.context, today),
        CaseRecord::Payment(r) => super::payments::parts(r, view.referral.as_ref()),
        CaseRecord::Nothing => Vec::new(),
    });
    let offers = case.offers(caller.user(), &view.context);
    if !offers.is_empty() {
        let mut next = part("next", "What you can do now");
        for o in &offers {
            if case.record.plain_step(o.action) {
                let mut f = button_form(
                    &format!("step-{}", o.action),
                    &format!("/cases/{id}/{}", o.action),
                    &o.label,
                    vec![("version", view.case.version.to_string())],
                );
                f.secondary = true;
                next.forms.push(f);
            } else {
                next.links.push((form_href(id, o), o.label.clone()));
            }
        }
        sections.push(next);
    }
    let mut history = part("history", "History");
    history.table_headers = ["Step", "By", "On"].map(String::from).to_vec();
    history.table_rows = case
        .steps
        .iter()
        .map(|s| {
            let label = case
                .workflow
                .transition(&s.transition)
                .map_or(s.transition.as_str(), |t| t.label);
            vec![cell(label), cell(caller.name(&s.by)), cell(long_date(s.on))]
        })
        .collect();
    if !history.table_rows.is_empty() {
        sections.push(history);
    }
    let child = view.journey.value.child();
    RecordPage {
        back: Some((
            format!("/children/{}/plan", child.id),
            "Back to the plan".into(),
        )),
        caption: Some(child.name.full()),
        status: Some((case.state.label.to_owned(), stage_colour(case.state.code))),
        success: done,
        sections,
        ..RecordPage::new(Chrome::new(
            case.workflow.title,
            Some(&caller.signed),
            "/tracking",
        ))
    }
    .respond()
}

fn form_href(id: &str, o: &Offer) -> String {
    match o.target {
        Some(t) => format!("/cases/{id}/{}?target={}", o.action, t + 1),
        None => format!("/cases/{id}/{}", o.action),
    }
}

fn stage_colour(code: &str) -> &'static str {
    match code {
        "closed" | "order_made" | "approved" => "green",
        "withdrawn" | "refused" => "grey",
        "proceedings" | "appeal" => "orange",
        _ => "blue",
    }
}

/// Which entry a form is about (`?target=2`, counted from 1).
#[derive(serde::Deserialize, Default)]
pub(crate) struct Target {
    target: Option<usize>,
}

impl Target {
    fn index(&self) -> Option<usize> {
        self.target.and_then(|t| t.checked_sub(1))
    }
}

/// A form's page: the form the workflow's file describes, if the user may
/// take it now; otherwise back to the case's page.
pub(crate) async fn case_form(
    caller: Caller,
    Path((id, action)): Path<(String, String)>,
    axum::extract::Query(target): axum::extract::Query<Target>,
) -> Page {
    let view = open(&caller, &id).await?;
    Ok(form_page(
        &caller,
        &view,
        &action,
        target.index(),
        &Fields(Default::default()),
        Vec::new(),
    ))
}

fn form_page(
    caller: &Caller,
    view: &CaseView,
    action: &str,
    target: Option<usize>,
    posted: &Fields,
    errors: Vec<FieldError>,
) -> Response {
    let case = &view.case.value.document;
    let id = &view.case.value.id;
    let Some(offer) = case
        .offers(caller.user(), &view.context)
        .into_iter()
        .find(|o| o.action == action && (o.target.is_none() || o.target == target))
    else {
        return Redirect::to(&format!("/cases/{id}")).into_response();
    };
    let mut fields = match &case.record {
        CaseRecord::ReturnHome(r) => super::return_home::fields(r, action, target),
        CaseRecord::SafetyPlan(_) => super::safety_plan::fields(action),
        CaseRecord::OrderExit(r) => super::order_exit::fields(r, action),
        CaseRecord::Payment(_) => super::payments::fields(action),
        CaseRecord::Nothing => Vec::new(),
    };
    // What was typed stays in the form when it comes back with errors.
    for f in &mut fields {
        if let Some(v) = posted.0.get(&f.name) {
            f.value = v.clone();
        }
    }
    let mut hidden = vec![("version".to_owned(), view.case.version.to_string())];
    if let Some(t) = target {
        hidden.push(("target".into(), (t + 1).to_string()));
    }
    let form = FormSpec {
        id: action.to_owned(),
        multipart: false,
        action: format!("/cases/{id}/{action}"),
        legend: None,
        button: "Save".into(),
        secondary: false,
        hidden,
        fields,
    };
    let mut p = part("form", &offer.label);
    p.forms.push(form);
    let child = view.journey.value.child();
    RecordPage {
        back: Some((format!("/cases/{id}"), "Back to the case".into())),
        caption: Some(format!("{} – {}", child.name.full(), case.workflow.title)),
        errors,
        sections: vec![p],
        ..RecordPage::new(Chrome::new(&offer.label, Some(&caller.signed), "/tracking"))
    }
    .respond()
}

/// Saves a form or takes a plain step: back to the case's page with what
/// was done, or the form again with the errors beside their fields.
pub(crate) async fn case_form_post(
    caller: Caller,
    Path((id, action)): Path<(String, String)>,
    fields: Fields,
) -> Page {
    let view = open(&caller, &id).await?;
    let case = &view.case.value.document;
    let target = fields
        .get("target")
        .parse::<usize>()
        .ok()
        .and_then(|t| t.checked_sub(1));
    let offered = case
        .offers(caller.user(), &view.context)
        .iter()
        .any(|o| o.action == action);
    // A form not open to the user goes to the use case as it is, to be
    // refused with the reason.
    let parsed = if case.record.plain_step(&action) || !offered {
        Ok(CaseAction::Step(action.clone()))
    } else {
        match &case.record {
            CaseRecord::ReturnHome(_) => {
                super::return_home::parse(&action, target, &fields, caller.today())
            }
            CaseRecord::SafetyPlan(_) => super::safety_plan::parse(&action, &fields),
            CaseRecord::OrderExit(_) => super::order_exit::parse(&action, &fields),
            CaseRecord::Payment(_) => super::payments::parse(&action, &fields),
            CaseRecord::Nothing => Ok(CaseAction::Step(action.clone())),
        }
    };
    let first_field = error_field(&case.record, &action);
    let input = match parsed {
        Ok(a) => a,
        Err(errors) => return Ok(form_page(&caller, &view, &action, target, &fields, errors)),
    };
    let version = fields.version();
    let case_id = id.clone();
    let result = caller
        .run(move |c| {
            app::permanence::act_on_case(
                &c.store,
                c.user(),
                c.clock(),
                &case_id,
                version,
                input,
                &c.from,
            )
        })
        .await;
    match result {
        Ok(saved) => {
            let done = format!(
                "Saved. The case is now at \"{}\".",
                saved.value.document.state.label
            );
            let view = open(&caller, &id).await?;
            Ok(show_case(&caller, &view, Some(done)))
        }
        Err(e) => {
            let errors = caller.form_errors(&e, first_field)?;
            if case.record.plain_step(&action) || !offered {
                return Ok(caller.message(
                    axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                    "That could not be done",
                    &[&crate::ui::sentence(e.to_string())],
                ));
            }
            Ok(form_page(&caller, &view, &action, target, &fields, errors))
        }
    }
}

/// Where a form's refusal is shown: beside its first field.
fn error_field(record: &CaseRecord, action: &str) -> &'static str {
    match record {
        CaseRecord::ReturnHome(_) => super::return_home::error_field(action),
        CaseRecord::SafetyPlan(_) => super::safety_plan::error_field(action),
        CaseRecord::OrderExit(_) => super::order_exit::error_field(action),
        CaseRecord::Payment(_) => super::payments::error_field(action),
        CaseRecord::Nothing => "form",
    }
}

/// A date field's date, or `None` with its error (blank or not a date).
/// `field` is the field's id on the page (`objective-target`): the form's
/// name, a dash and the field's name.
pub(crate) fn required_date(
    fields: &Fields,
    field: &'static str,
    what: &str,
    errors: &mut Vec<FieldError>,
) -> Option<chrono::NaiveDate> {
    let name = field.split_once('-').map_or(field, |(_, n)| n);
    match fields.date(name) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.push(FieldError {
                field,
                message: format!("Enter {what}"),
            });
            None
        }
        Err(message) => {
            errors.push(FieldError { field, message });
            None
        }
    }
}
