//! Tasks on a family's record: a court's request for a report in a
//! private-law Child Arrangements Order application becomes a task on the
//! household (PATH-011), as does a welfare concern about a child in an
//! informal family and friends arrangement (a Section 17 assessment,
//! KIN-107); listed on its page and marked done there.

use axum::extract::Path;
use chrono::NaiveDate;

use super::{after_change, household_form, show_household};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{FieldSpec, FormSpec, Part, cell, field, form_date, long_date, part, select};
use app::households::HouseholdView;
use domain::households::household::LinkKind;

/// A form of the household's page that posts to its tasks.
fn task_form(view: &HouseholdView, id: &str, button: &str, action: &str) -> FormSpec {
    let mut f = household_form(view, id, action, button);
    f.action = format!("/households/{}/tasks", view.household.value.id);
    f
}

/// The household's tasks, with the forms that log a court's request and
/// mark a task done for those who work on the record.
pub(crate) fn tasks_part(view: &HouseholdView, works: bool, today: NaiveDate) -> Part {
    let mut p = part("tasks", "Tasks on the family's record");
    p.rules.push((
        "PATH-011".into(),
        "A court's request for a report in a private-law CAO application about a family known to the council is a task on the family's record; no child becomes looked after.".into(),
    ));
    let tasks = &view.household.value.tasks;
    if tasks.is_empty() {
        p.paragraphs.push("No task is recorded.".into());
    } else {
        p.table_headers = ["Task", "Reference", "Raised", "Done"]
            .map(String::from)
            .to_vec();
        p.table_rows = tasks
            .iter()
            .map(|t| {
                vec![
                    cell(t.kind.clone()),
                    cell(t.reference.clone()),
                    cell(long_date(t.created)),
                    cell(t.done.map_or_else(|| "Open".to_owned(), long_date)),
                ]
            })
            .collect();
    }
    if !works {
        return p;
    }
    let mut f = task_form(view, "court", "Log the court's request", "court");
    f.legend = Some(
        "A court asks for a report in a private-law Child Arrangements Order application".into(),
    );
    f.fields.push(FieldSpec {
        hint: Some("For example, 6/5/2025.".into()),
        ..field(
            "received",
            "Date the request was received",
            "date",
            form_date(Some(today)),
        )
    });
    f.fields.push(field(
        "reference",
        "The court's reference (optional)",
        "text",
        "",
    ));
    p.forms.push(f);
    // KIN-107: a welfare concern in an informal family and friends arrangement.
    let informal: Vec<(String, String)> = view
        .household
        .value
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::InformalArrangement)
        .map(|l| (l.child_id.clone(), l.child_id.clone()))
        .collect();
    if !informal.is_empty() {
        let mut f = task_form(view, "concern", "Raise the welfare concern", "concern");
        f.legend = Some(
            "Services may be needed to safeguard or promote the welfare of a child in an informal family and friends arrangement (KIN-107)".into(),
        );
        let first = informal[0].0.clone();
        f.fields.push(select("child", "Child", &first, informal));
        f.fields.push(field(
            "raised",
            "Date the concern was raised",
            "date",
            form_date(Some(today)),
        ));
        p.forms.push(f);
    }
    for (i, t) in tasks.iter().enumerate().filter(|(_, t)| t.done.is_none()) {
        let mut f = task_form(
            view,
            &format!("task-{}", i + 1),
            &format!("Mark \u{201c}{}\u{201d} done", t.kind),
            "done",
        );
        f.secondary = true;
        f.hidden.push(("task".into(), (i + 1).to_string()));
        f.fields
            .push(field("on", "Date done", "date", form_date(Some(today))));
        p.forms.push(f);
    }
    p
}

/// Logs a court's request or marks a task done.
pub(crate) async fn tasks_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let action = fields.get("action");
    let court = action == "court";
    let concern = action == "concern";
    let anchor = match action.as_str() {
        "court" => "court-received",
        "concern" => "concern-child",
        _ => "tasks",
    };
    let date = fields.date(match action.as_str() {
        "court" => "received",
        "concern" => "raised",
        _ => "on",
    });
    let on = match date {
        Ok(on) => on.unwrap_or_else(|| caller.today()),
        Err(message) => {
            let e = app::AppError::Invalid(message);
            return Ok(show_household(&caller, &id, caller.form_errors(&e, anchor)?, None).await);
        }
    };
    let (hid, version) = (id.clone(), fields.version());
    let (reference, task, child) = (
        fields.get("reference"),
        fields.get("task").parse().unwrap_or(0),
        fields.get("child"),
    );
    let result = caller
        .run(move |c| {
            let key = (hid.as_str(), version);
            if concern {
                app::households::raise_welfare_concern(
                    &c.store,
                    c.user(),
                    c.clock(),
                    key,
                    (&child, on),
                    &c.from,
                )
                .map(|_| "A Section 17 assessment is a task on the family's record.")
            } else if court {
                app::households::log_cao_report_request(
                    &c.store,
                    c.user(),
                    c.clock(),
                    key,
                    (on, &reference),
                    &c.from,
                )
                .map(|_| "The court's request is a task on the family's record.")
            } else {
                app::households::complete_family_task(
                    &c.store,
                    c.user(),
                    c.clock(),
                    key,
                    (task, on),
                    &c.from,
                )
                .map(|()| "Task done.")
            }
        })
        .await;
    Ok(match result {
        Ok(done) => after_change(&caller, &id, done).await,
        Err(e) => show_household(&caller, &id, caller.form_errors(&e, anchor)?, None).await,
    })
}
