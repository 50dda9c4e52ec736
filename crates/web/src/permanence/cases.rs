//! The chapter's other workflows as cases, on the plan page: the child's
//! cases with the moves each case's `moves` in domain gives the user,
//! starting a case, and what those forms post.

use app::permanence::PlanView;
use axum::extract::Path;
use domain::access::Permission;
use domain::permanence::cases::startable;

use super::{child_of, plan_after};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{Part, button_form, cell, long_date, part, select};

/// The plan page's "Other work": the child's cases and the moves on them,
/// and starting a case, for those who work on plans.
pub(crate) fn cases_part(caller: &Caller, id: &str, view: &PlanView) -> Option<Part> {
    let in_care = view.journey.value.current_episode().is_some();
    if !caller.user().may(Permission::WorkOnPlans) || (view.cases.is_empty() && !in_care) {
        return None;
    }
    let mut part = part("cases", "Other work");
    let action = format!("/children/{id}/plan/cases");
    part.table_headers = vec![
        "Case".into(),
        "Workflow".into(),
        "Started".into(),
        "Now".into(),
    ];
    part.table_rows = view
        .cases
        .iter()
        .map(|c| {
            let d = &c.value.document;
            vec![
                cell(c.value.id.clone()),
                cell(d.workflow.title),
                cell(long_date(d.started)),
                cell(d.state.label),
            ]
        })
        .collect();
    for c in &view.cases {
        let d = &c.value.document;
        for t in d.moves(caller.user()) {
            let mut f = button_form(
                &format!("case-{}-{}", c.value.id, t.name),
                &action,
                &format!("{}: {}", d.workflow.title, t.label),
                vec![
                    ("version", c.version.to_string()),
                    ("case", c.value.id.clone()),
                    ("action", t.name.to_owned()),
                ],
            );
            f.secondary = true;
            part.forms.push(f);
        }
    }
    let startable: Vec<(String, String)> = startable(caller.user())
        .iter()
        .map(|w| (w.id.to_owned(), w.title.to_owned()))
        .collect();
    if !startable.is_empty() {
        let mut f = button_form("start", &action, "Start", vec![("action", "start".into())]);
        f.secondary = true;
        f.fields
            .push(select("workflow", "Start a case", "", startable));
        part.forms.push(f);
    }
    (!part.table_rows.is_empty() || !part.forms.is_empty()).then_some(part)
}

/// Starts a case or takes a move in one.
pub(crate) async fn cases_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let (action, case, workflow) = (
        fields.get("action"),
        fields.get("case"),
        fields.get("workflow"),
    );
    let version = fields.version();
    let result = caller
        .run(move |c| {
            let (store, user, clock, from) = (&c.store, c.user(), c.clock(), c.from.as_str());
            if action == "start" {
                app::permanence::start_case(store, user, clock, &child, &workflow, from)
                    .map(|case| format!("Case {case} started."))
            } else {
                app::permanence::take_case_step(store, user, clock, &case, version, &action, from)
                    .map(|c| {
                        format!(
                            "Done: the case is now at \"{}\".",
                            c.value.document.state.label
                        )
                    })
            }
        })
        .await;
    Ok(plan_after(&caller, &id, "cases", result).await)
}
