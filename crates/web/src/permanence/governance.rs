//! The governance reporting calendar page (TRACK-008): this financial
//! year's reports to the Lead Member, the Director and Scrutiny, what the
//! calendar still lacks, and the form adding a report for those who keep it.

use axum::http::StatusCode;
use domain::permanence::tracking::{
    Audience, GOVERNANCE_CALENDAR_KEEPERS, GovernanceReport, GovernanceReportKind,
};

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Chrome, FieldError, FieldSpec, Part, RecordPage, button_form, cell, field, long_date, part,
    select,
};

const ACTION: &str = "/tracking/governance";

/// The calendar of the financial year today falls in.
pub(crate) async fn governance(caller: Caller) -> Page {
    Ok(show_governance(&caller, Vec::new(), None).await)
}

async fn show_governance(
    caller: &Caller,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> axum::response::Response {
    let year = app::permanence::financial_year(caller.today());
    let view = caller
        .page(move |c| app::permanence::governance_calendar(&c.store, c.user(), year))
        .await;
    let view = match view {
        Ok(view) => view,
        Err(page) => return page,
    };
    let label = format!("{year}-{:02}", (year + 1) % 100);
    let mut calendar = part("calendar", &format!("Reports in {label}"));
    if view.calendar.reports.is_empty() {
        calendar
            .paragraphs
            .push("No reports are recorded for this year yet.".into());
    } else {
        calendar.table_headers = ["Date", "Report", "Goes to"].map(String::from).to_vec();
        calendar.table_rows = view
            .calendar
            .reports
            .iter()
            .map(|r| {
                vec![
                    cell(long_date(r.date)),
                    cell(r.kind.label()),
                    cell(
                        r.audiences
                            .iter()
                            .map(|a| a.label())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                ]
            })
            .collect();
    }
    let mut lacks = part("lacks", "What the calendar lacks");
    if view.problems.is_empty() {
        lacks.paragraphs.push(
            "Each quarter has a Permanence Scorecard report to the Lead Member and the Director, and the IRO annual report is in."
                .into(),
        );
    } else {
        lacks.items = view
            .problems
            .iter()
            .map(|p| format!("{}.", capitalise(p)))
            .collect();
    }
    let mut sections = vec![calendar, lacks];
    if GOVERNANCE_CALENDAR_KEEPERS.contains(&caller.user().role) {
        sections.push(report_form(view.version));
    }
    RecordPage {
        chrome: Chrome::new(
            "Governance reporting calendar",
            Some(&caller.signed),
            ACTION,
        ),
        back: None,
        caption: Some("Permanence performance (TRACK-008)".into()),
        status: None,
        errors,
        notices: Vec::new(),
        success: done,
        sections,
    }
    .respond()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The form adding a report to the calendar.
fn report_form(version: i64) -> Part {
    let mut p = part("add", "Add a report");
    let mut f = button_form(
        "report",
        ACTION,
        "Add the report",
        vec![("version", version.to_string())],
    );
    f.fields.push(select(
        "kind",
        "Report",
        "permanence_scorecard",
        GovernanceReportKind::ALL
            .into_iter()
            .map(|k| (code(&k), k.label().to_owned()))
            .collect(),
    ));
    f.fields.push(FieldSpec {
        hint: Some("The meeting it goes to, for example, 15/6/2025.".into()),
        ..field("date", "Date", "date", "")
    });
    for a in Audience::ALL {
        // The scorecard goes to both (TRACK-008): ticked to start with.
        let ticked = if a == Audience::Scrutiny { "" } else { "yes" };
        f.fields
            .push(field(&code(&a), a.label(), "checkbox", ticked));
    }
    p.forms.push(f);
    p
}

/// A value's code as its serde name (`permanence_scorecard`).
fn code<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Adds a report to the calendar.
pub(crate) async fn governance_post(caller: Caller, fields: Fields) -> Page {
    if !GOVERNANCE_CALENDAR_KEEPERS.contains(&caller.user().role) {
        return Ok(caller.message(
            StatusCode::BAD_REQUEST,
            "You cannot change the governance calendar",
            &["The performance team and service managers keep it."],
        ));
    }
    let kind = GovernanceReportKind::ALL
        .into_iter()
        .find(|k| code(k) == fields.get("kind"));
    let date = match fields.date("date") {
        Ok(Some(date)) => Some(date),
        Ok(None) => None,
        Err(message) => {
            let errors = vec![FieldError {
                field: "report-date",
                message,
            }];
            return Ok(show_governance(&caller, errors, None).await);
        }
    };
    let (Some(kind), Some(date)) = (kind, date) else {
        let errors = vec![FieldError {
            field: "report-date",
            message: "Choose the report and enter its date".into(),
        }];
        return Ok(show_governance(&caller, errors, None).await);
    };
    let report = GovernanceReport {
        kind,
        date,
        audiences: Audience::ALL
            .into_iter()
            .filter(|a| fields.ticked(&code(a)))
            .collect(),
    };
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::record_governance_report(
                &c.store,
                c.user(),
                c.clock(),
                version,
                report,
                &c.from,
            )
        })
        .await;
    match result {
        Ok(_) => Ok(show_governance(
            &caller,
            Vec::new(),
            Some(format!("{} was added.", kind.label())),
        )
        .await),
        Err(e) => match caller.form_errors(&e, "report-date") {
            Ok(errors) => Ok(show_governance(&caller, errors, None).await),
            Err(page) => Ok(page),
        },
    }
}
