//! The Child Decision Making Panel's page (PANEL-018): the children whose
//! permanence decision is outstanding after their latest CDM decision, and
//! for those who manage the panels the forms recording a CDM decision (with
//! the permanence options under consideration) and the permanence decision
//! that follows it.

use axum::response::Response;
use domain::access::Permission;
use domain::child::ChildId;
use domain::permanence::panels::CdmDecisionKind;
use domain::permanence::plan::{Pathway, PermanenceOption};

use super::panels_page;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, FieldError, FieldSpec, Part, button_form, cell, field, long_date, part, select,
};

const ACTION: &str = "/panels/cdm";

/// CDM's list of outstanding permanence decisions.
pub(crate) async fn cdm_page(caller: Caller) -> Response {
    show_cdm(&caller, Vec::new(), None).await
}

async fn show_cdm(caller: &Caller, errors: Vec<FieldError>, done: Option<String>) -> Response {
    let list = caller
        .page(|c| app::permanence::cdm_outstanding(&c.store, c.user()))
        .await;
    let list = match list {
        Ok(list) => list,
        Err(page) => return page,
    };
    let manager = caller.user().may(Permission::ManagePanels);
    let mut outstanding = part("outstanding", "Permanence decisions outstanding");
    if list.is_empty() {
        outstanding
            .paragraphs
            .push("No child has a permanence decision outstanding.".into());
    } else {
        outstanding.table_headers = [
            "Child",
            "CDM decision",
            "Date",
            "Options considered",
            "Parallel plan",
        ]
        .map(String::from)
        .to_vec();
        outstanding.table_rows = list
            .iter()
            .map(|d| {
                let doc = &d.value.document;
                vec![
                    Cell {
                        text: doc.child_id.to_string(),
                        href: Some(format!("/children/{}", doc.child_id)),
                    },
                    cell(doc.decision.label()),
                    cell(long_date(doc.decided_on)),
                    cell(
                        doc.options_under_consideration
                            .iter()
                            .map(|o| o.label())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    cell(doc.parallel_plan.map_or("None", Pathway::label)),
                ]
            })
            .collect();
    }
    if manager {
        for d in &list {
            let mut f = button_form(
                &format!("decided-{}", d.value.id),
                ACTION,
                &format!(
                    "Record {}'s permanence decision made",
                    d.value.document.child_id
                ),
                vec![
                    ("version", d.version.to_string()),
                    ("action", "decided".into()),
                    ("decision", d.value.id.clone()),
                ],
            );
            f.secondary = true;
            f.fields.push(FieldSpec {
                hint: Some("For example, 7/7/2025.".into()),
                ..field("on", "Date the permanence decision was made", "date", "")
            });
            outstanding.forms.push(f);
        }
    }
    let mut sections = vec![outstanding];
    if manager {
        sections.push(decision_part());
    }
    crate::ui::RecordPage {
        caption: Some("Child Decision Making Panel".into()),
        errors,
        success: done,
        sections,
        ..panels_page("Care-planning decisions".into(), &caller.signed)
    }
    .respond()
}

/// The form recording a CDM decision.
fn decision_part() -> Part {
    let mut p = part("record", "Record a CDM decision");
    let mut f = button_form(
        "cdm",
        ACTION,
        "Record the decision",
        vec![("action", "record".into())],
    );
    f.fields
        .push(field("child", "Child's identifier", "text", ""));
    f.fields.push(select(
        "kind",
        "Decision",
        "issue_proceedings",
        CdmDecisionKind::ALL
            .into_iter()
            .map(|k| (k.code().to_owned(), k.label().to_owned()))
            .collect(),
    ));
    f.fields.push(FieldSpec {
        hint: Some("For example, 7/4/2025.".into()),
        ..field("decided_on", "Date of the decision", "date", "")
    });
    for o in PermanenceOption::ALL {
        let label = format!("Option under consideration: {}", o.label());
        f.fields.push(field(
            &format!("option_{}", o.step()),
            &label,
            "checkbox",
            "",
        ));
    }
    let mut plans = vec![(String::new(), "None".to_owned())];
    plans.extend(Pathway::ALL.map(|p| (p.code().to_owned(), p.label().to_owned())));
    f.fields
        .push(select("parallel", "Parallel plan", "", plans));
    p.forms.push(f);
    p
}

/// Records a CDM decision, or the permanence decision that follows one.
pub(crate) async fn cdm_post(caller: Caller, fields: Fields) -> Page {
    let (result, target) = if fields.get("action") == "decided" {
        let on = match fields.date("on") {
            Ok(on) => on,
            Err(message) => {
                return Ok(show_cdm(
                    &caller,
                    vec![FieldError {
                        field: "outstanding",
                        message,
                    }],
                    None,
                )
                .await);
            }
        };
        let (id, version) = (fields.get("decision"), fields.version());
        let result = caller
            .run(move |c| {
                app::permanence::record_permanence_decided(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &id,
                    version,
                    on,
                    &c.from,
                )
            })
            .await
            .map(|_| "The permanence decision is recorded.".to_owned());
        (result, "outstanding")
    } else {
        let decided_on = match fields.date("decided_on") {
            Ok(on) => on,
            Err(message) => {
                return Ok(show_cdm(
                    &caller,
                    vec![FieldError {
                        field: "cdm-decided_on",
                        message,
                    }],
                    None,
                )
                .await);
            }
        };
        let Ok(child) = ChildId::parse(fields.get("child").trim()) else {
            let message = "Enter the child's identifier".to_owned();
            return Ok(show_cdm(
                &caller,
                vec![FieldError {
                    field: "cdm-child",
                    message,
                }],
                None,
            )
            .await);
        };
        let new = app::permanence::NewCdmDecision {
            decided_on,
            decision: CdmDecisionKind::ALL
                .into_iter()
                .find(|k| k.code() == fields.get("kind"))
                .unwrap_or(CdmDecisionKind::IssueProceedings),
            options: PermanenceOption::ALL
                .into_iter()
                .filter(|o| fields.ticked(&format!("option_{}", o.step())))
                .collect(),
            parallel_plan: Pathway::parse(&fields.get("parallel")),
        };
        let result = caller
            .run(move |c| {
                app::permanence::record_cdm_decision(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &child,
                    new,
                    &c.from,
                )
            })
            .await
            .map(|id| format!("CDM decision {id} is recorded."));
        (result, "cdm-option_1")
    };
    Ok(match result {
        Ok(done) => show_cdm(&caller, Vec::new(), Some(done)).await,
        Err(e) => match caller.form_errors(&e, target) {
            Ok(errors) => show_cdm(&caller, errors, None).await,
            Err(page) => page,
        },
    })
}
