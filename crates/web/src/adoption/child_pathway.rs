//! The child's adoption pathway (`/children/{id}/adoption`): the dates the
//! scorecard needs, what must be in place before the plan reaches the ADM,
//! the ADM's decision and a change of plan; and the child's family finding
//! (`/children/{id}/adoption/family-finding`): the profile, the searches,
//! discussions, the monthly log, events, why the child waits and where the
//! adopters come from. What the record says today heads each page.

use axum::extract::Path;
use axum::response::Response;
use domain::adoption::child_pathway::{Finding, PathwayStep};
use domain::child::ChildId;

use chrono::NaiveDate;

use super::child_pathway_form::{FORMS, Section, StepForm, TODAY, error_field, step_of};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{Chrome, FieldError, Part, RecordPage, button_form, cell, field, part, select};

/// A field's first value: today's date for the dates that start there.
pub(crate) fn initial(name: &str, today: NaiveDate) -> String {
    if TODAY.contains(&name) {
        crate::ui::form_date(Some(today))
    } else {
        String::new()
    }
}

fn findings_part(findings: &[Finding]) -> Part {
    let mut p = part("findings", "Where the pathway stands");
    p.table_headers = ["What the record says", "Needs action"]
        .map(String::from)
        .to_vec();
    p.table_rows = findings
        .iter()
        .map(|f| {
            vec![
                cell(f.text.clone()),
                cell(if f.flag { "Yes" } else { "No" }),
            ]
        })
        .collect();
    if findings.is_empty() {
        p.paragraphs.push("Nothing is recorded yet.".into());
    }
    let mut rules: Vec<(String, String)> = Vec::new();
    for f in findings {
        if !rules.iter().any(|(r, _)| r == f.rule) {
            rules.push((f.rule.to_owned(), f.text.clone()));
        }
    }
    p.rules = rules;
    p
}

fn form_part(
    child: &str,
    section: Section,
    form: &StepForm,
    (version, today): (i64, NaiveDate),
    councils: &[String],
) -> Part {
    let mut p = part(form.id, form.legend);
    let mut f = button_form(
        form.id,
        &section.href(child),
        form.button,
        vec![
            ("form", form.id.to_owned()),
            ("version", version.to_string()),
        ],
    );
    f.fields = form
        .fields
        .iter()
        .map(|(name, label, kind)| match *kind {
            "select" => select(
                name,
                label,
                "",
                super::child_pathway_form::options(name, councils),
            ),
            kind => field(name, label, kind, initial(name, today)),
        })
        .collect();
    p.forms.push(f);
    p.rules.push((form.rule.to_owned(), form.legend.to_owned()));
    p
}

async fn show(
    caller: &Caller,
    child: &str,
    section: Section,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let Ok(id) = ChildId::parse(child) else {
        return caller.message(
            axum::http::StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no child with that identifier."],
        );
    };
    let view = match caller
        .page(move |c| app::adoption::open_pathway(&c.store, c.user(), c.clock(), &id, &c.from))
        .await
    {
        Ok(v) => v,
        Err(page) => return page,
    };
    let mut sections = vec![findings_part(&view.findings)];
    let mut other = part("other", "Also on this pathway");
    let (href, text) = section.other(child);
    other.links.push((href, text.into()));
    sections.push(other);
    for form in FORMS.iter().filter(|f| f.section == section) {
        sections.push(form_part(
            child,
            section,
            form,
            (view.pathway.version, caller.today()),
            &view.councils,
        ));
    }
    RecordPage {
        back: Some((
            format!("/children/{child}"),
            "Back to the child's record".into(),
        )),
        caption: Some(format!("Adoption: {child}")),
        errors,
        success: done,
        sections,
        ..RecordPage::new(Chrome::new(
            section.title(),
            Some(&caller.signed),
            "/children",
        ))
    }
    .respond()
}

async fn post(caller: Caller, child: String, section: Section, fields: Fields) -> Page {
    let form = fields.get("form");
    let Some(spec) = FORMS.iter().find(|f| f.id == form && f.section == section) else {
        return Ok(caller.message(
            axum::http::StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &["The form could not be read. Go back and try again."],
        ));
    };
    let step: PathwayStep = match step_of(spec.id, &fields, caller.user().username.clone()) {
        Ok(step) => step,
        Err((name, message)) => {
            let errors = vec![FieldError {
                field: error_field(spec.id, name),
                message,
            }];
            return Ok(show(&caller, &child, section, errors, None).await);
        }
    };
    let Ok(id) = ChildId::parse(&child) else {
        return Ok(show(&caller, &child, section, Vec::new(), None).await);
    };
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::adoption::record_pathway_step(
                &c.store,
                c.user(),
                c.clock(),
                (&id, version),
                step,
                &c.from,
            )
        })
        .await;
    match result {
        Ok(_) => Ok(show(
            &caller,
            &child,
            section,
            Vec::new(),
            Some(format!("{} recorded.", spec.legend)),
        )
        .await),
        Err(e) => {
            let errors = vec![field_error(&caller, &e, spec.id)?];
            Ok(show(&caller, &child, section, errors, None).await)
        }
    }
}

/// The error beside the field a use case named (`field: problem`), or
/// the refusal's own page.
pub(crate) fn field_error(
    caller: &Caller,
    e: &app::AppError,
    form: &str,
) -> Result<FieldError, Response> {
    if let Some(page) = caller.refusal(e) {
        return Err(page);
    }
    let message = e.to_string();
    let (name, text) = match message.split_once(": ") {
        Some((name, text)) if !name.contains(' ') => (name, text.to_owned()),
        _ => ("", message.clone()),
    };
    Ok(FieldError {
        field: error_field(form, name),
        message: text,
    })
}

/// The child's adoption pathway.
pub(crate) async fn pathway_page(caller: Caller, Path(child): Path<String>) -> Page {
    Ok(show(&caller, &child, Section::Plan, Vec::new(), None).await)
}

/// Records a step of the child's adoption pathway.
pub(crate) async fn pathway_post(
    caller: Caller,
    Path(child): Path<String>,
    fields: Fields,
) -> Page {
    post(caller, child, Section::Plan, fields).await
}

/// The child's family finding.
pub(crate) async fn finding_page(caller: Caller, Path(child): Path<String>) -> Page {
    Ok(show(&caller, &child, Section::FamilyFinding, Vec::new(), None).await)
}

/// Records a family-finding step.
pub(crate) async fn finding_post(
    caller: Caller,
    Path(child): Path<String>,
    fields: Fields,
) -> Page {
    post(caller, child, Section::FamilyFinding, fields).await
}
