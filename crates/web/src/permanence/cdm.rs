//! The Child Decision Making Panel's decisions (PANEL-018): the panels
//! area's list of children whose permanence decision is outstanding after
//! their latest CDM decision, and a child's CDM page with their decisions
//! and, for those who manage the panels, the forms recording a decision
//! (with the permanence options under consideration) and the permanence
//! decision that follows it.

use app::permanence::StoredCdmDecision;
use axum::extract::Path;
use axum::response::Response;
use domain::access::Permission;
use domain::permanence::panels::CdmDecisionKind;
use domain::permanence::plan::{Pathway, PermanenceOption};

use super::{child_of, panels_page};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, FieldError, FieldSpec, Part, button_form, cell, field, form_date, long_date, part, select,
};

/// A CDM decision as a table row.
fn decision_row(d: &StoredCdmDecision) -> Vec<Cell> {
    let doc = &d.value.document;
    vec![
        Cell {
            text: doc.child_id.to_string(),
            href: Some(format!("/children/{}/cdm", doc.child_id)),
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
        cell(doc.permanence_decided.map_or_else(
            || "Outstanding".into(),
            |d| format!("Made {}", long_date(d)),
        )),
    ]
}

const HEADERS: [&str; 6] = [
    "Child",
    "CDM decision",
    "Date",
    "Options under consideration",
    "Parallel plan",
    "Permanence decision",
];

/// CDM's list of outstanding permanence decisions.
pub(crate) async fn cdm_page(caller: Caller) -> Page {
    let list = caller
        .page(|c| app::permanence::cdm_outstanding(&c.store, c.user(), c.clock(), &c.from))
        .await?;
    let mut p = part("outstanding", "Permanence decisions outstanding");
    if list.is_empty() {
        p.paragraphs
            .push("No child has a permanence decision outstanding.".into());
    } else {
        p.table_headers = HEADERS.map(String::from).to_vec();
        p.table_rows = list.iter().map(decision_row).collect();
    }
    p.paragraphs
        .push("Record a CDM decision from the child's CDM page, reached from their record.".into());
    Ok(crate::ui::RecordPage {
        caption: Some("Child Decision Making Panel".into()),
        sections: vec![p],
        ..panels_page("Care-planning decisions".into(), &caller.signed)
    }
    .respond())
}

/// A child's CDM decisions.
pub(crate) async fn child_cdm_page(caller: Caller, Path(id): Path<String>) -> Response {
    show_child_cdm(&caller, &id, Vec::new(), None).await
}

async fn show_child_cdm(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let child = match child_of(caller, id) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let list = caller
        .page(move |c| {
            app::permanence::cdm_decisions_of(&c.store, c.user(), c.clock(), &child, &c.from)
        })
        .await;
    let list = match list {
        Ok(list) => list,
        Err(page) => return page,
    };
    let action = format!("/children/{id}/cdm");
    let manager = caller.user().may(Permission::ManagePanels);
    let mut sections = Vec::new();
    if manager {
        sections.push(decision_part(&action, caller.today()));
    }
    let mut decisions = part("decisions", "CDM decisions");
    if list.is_empty() {
        decisions
            .paragraphs
            .push("No CDM decision is recorded.".into());
    } else {
        decisions.table_headers = HEADERS.map(String::from).to_vec();
        decisions.table_rows = list.iter().map(decision_row).collect();
    }
    if manager {
        for d in list
            .iter()
            .filter(|d| d.value.document.permanence_decided.is_none())
        {
            let mut f = button_form(
                &format!("decided-{}", d.value.id),
                &action,
                &format!(
                    "Record the permanence decision after the CDM decision of {}",
                    long_date(d.value.document.decided_on)
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
            decisions.forms.push(f);
        }
    }
    sections.push(decisions);
    crate::ui::RecordPage {
        caption: Some(format!("Child {id}")),
        errors,
        success: done,
        sections,
        back: Some((format!("/children/{id}"), "Back to the child".into())),
        ..panels_page("CDM decisions".into(), &caller.signed)
    }
    .respond()
}

/// The form recording a CDM decision.
fn decision_part(action: &str, today: chrono::NaiveDate) -> Part {
    let mut p = part("record", "Record a CDM decision");
    let mut f = button_form(
        "cdm",
        action,
        "Record the decision",
        vec![("action", "record".into())],
    );
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
        ..field(
            "decided_on",
            "Date of the decision",
            "date",
            form_date(Some(today)),
        )
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

/// Records a CDM decision for the child, or the permanence decision that
/// follows one.
pub(crate) async fn child_cdm_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let error = |field: &'static str, message: String| vec![FieldError { field, message }];
    let (result, target) = if fields.get("action") == "decided" {
        let on = match fields.date("on") {
            Ok(on) => on,
            Err(m) => return Ok(show_child_cdm(&caller, &id, error("decisions", m), None).await),
        };
        let (did, version) = (fields.get("decision"), fields.version());
        let result = caller
            .run(move |c| {
                app::permanence::record_permanence_decided(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &did,
                    version,
                    on,
                    &c.from,
                )
            })
            .await
            .map(|_| "The permanence decision is recorded.".to_owned());
        (result, "decisions")
    } else {
        let decided_on = match fields.date("decided_on") {
            Ok(on) => on,
            Err(m) => {
                return Ok(show_child_cdm(&caller, &id, error("cdm-decided_on", m), None).await);
            }
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
            .map(|did| format!("CDM decision {did} is recorded."));
        (result, "cdm-option_1")
    };
    Ok(match result {
        Ok(done) => show_child_cdm(&caller, &id, Vec::new(), Some(done)).await,
        Err(e) => match caller.form_errors(&e, target) {
            Ok(errors) => show_child_cdm(&caller, &id, errors, None).await,
            Err(page) => page,
        },
    })
}
