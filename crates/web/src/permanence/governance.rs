//! The governance reporting calendar page (TRACK-008): this financial
//! year's reports to the Lead Member, the Director and Scrutiny, what the
//! calendar still lacks, and the form adding a report for those who keep it;
//! the services' performance leads (ROLE-012) and the Permanence Policy's
//! review (ROLE-001).

use axum::http::StatusCode;
use domain::permanence::plan::OutcomeArea;
use domain::permanence::responsibilities::{PolicyReviewStatus, ServiceArea};
use domain::permanence::tracking::{
    Audience, GOVERNANCE_CALENDAR_KEEPERS, GovernanceReport, GovernanceReportKind, Progress,
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
    let keeper = GOVERNANCE_CALENDAR_KEEPERS.contains(&caller.user().role);
    let mut sections = vec![calendar, lacks, leads_part(&view, keeper)];
    if keeper {
        sections.push(report_form(view.version));
    }
    let mut lists = part("lists", "Exception lists");
    lists.links.push((
        "/tracking/worker-changes".into(),
        "Children with more than 2 changes of social worker in 12 months".into(),
    ));
    lists.links.push((
        "/households/without-ssw".into(),
        "Approved carers without a supervising social worker".into(),
    ));
    lists.links.push((
        "/tracking/commissioning".into(),
        "Commissioned placements and their annual service reviews".into(),
    ));
    sections.push(lists);
    sections.extend(policy_part(caller.today()));
    let totals = caller
        .page(move |c| app::permanence::outcome_progress_totals(&c.store, c.user(), year))
        .await;
    match totals {
        Ok(totals) => sections.push(progress_part(&totals)),
        Err(page) => return page,
    }
    RecordPage {
        caption: Some("Permanence performance (TRACK-008)".into()),
        errors,
        success: done,
        sections,
        ..RecordPage::new(Chrome::new(
            "Governance reporting calendar",
            Some(&caller.signed),
            ACTION,
        ))
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

/// Who leads performance reporting for each service, and for the
/// calendar's keepers the form naming one (ROLE-012).
fn leads_part(view: &app::permanence::GovernanceView, keeper: bool) -> Part {
    let mut p = part("leads", "Performance leads");
    p.paragraphs.push(
        "The performance lead receives the service's Permanence Scorecard and drift summaries. The scorecard cannot be added while Children in Care has none."
            .into(),
    );
    p.table_headers = ["Service", "Performance lead"].map(String::from).to_vec();
    p.table_rows = ServiceArea::ALL
        .into_iter()
        .map(|s| {
            let lead = view
                .performance_leads
                .iter()
                .find(|l| l.service == s)
                .map_or_else(|| "Not named".to_owned(), |l| l.person.clone());
            vec![cell(s.label()), cell(lead)]
        })
        .collect();
    if keeper {
        let mut f = button_form(
            "lead",
            ACTION,
            "Name the performance lead",
            vec![
                ("version", view.version.to_string()),
                ("action", "lead".into()),
            ],
        );
        f.fields.push(select(
            "service",
            "Service",
            "children_in_care",
            ServiceArea::ALL
                .into_iter()
                .map(|s| (code(&s), s.label().to_owned()))
                .collect(),
        ));
        f.fields.push(field("name", "Performance lead", "text", ""));
        p.forms.push(f);
    }
    p
}

/// The children's progress at this year's reviews, by outcome area
/// (TRACK-006).
fn progress_part(totals: &std::collections::BTreeMap<(OutcomeArea, Progress), usize>) -> Part {
    let mut p = part("progress", "Progress at reviews this year");
    if totals.is_empty() {
        p.paragraphs
            .push("No review this year has recorded the child's progress yet.".into());
        return p;
    }
    p.table_headers = std::iter::once("Outcome area".to_owned())
        .chain(Progress::ALL.iter().map(|p| p.label().to_owned()))
        .collect();
    p.table_rows = OutcomeArea::ALL
        .into_iter()
        .map(|a| {
            std::iter::once(cell(a.label()))
                .chain(
                    Progress::ALL
                        .iter()
                        .map(|p| cell(totals.get(&(a, *p)).copied().unwrap_or(0).to_string())),
                )
                .collect()
        })
        .collect();
    p
}

/// The Permanence Policy's review: its owner, the Head of Service, is
/// alerted 3 months before the review date (ROLE-001).
fn policy_part(today: chrono::NaiveDate) -> Option<Part> {
    let review = app::permanence::permanence_policy_review(today)?;
    let mut p = part("policy", "Permanence Policy review");
    let status = match review.status {
        PolicyReviewStatus::Current => "Current".to_owned(),
        PolicyReviewStatus::ReviewDue { alert_from } => format!(
            "Review due: the Head of Service was alerted on {}",
            long_date(alert_from)
        ),
        PolicyReviewStatus::ReviewOverdue => {
            "Review overdue: no newer version has been approved".to_owned()
        }
    };
    p.table_headers = ["Version in force", "Next review", "Status"]
        .map(String::from)
        .to_vec();
    p.table_rows = vec![vec![
        cell(review.version),
        cell(long_date(review.next_review)),
        cell(status),
    ]];
    Some(p)
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
    if fields.get("action") == "lead" {
        return Ok(lead_post(&caller, &fields).await);
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

/// Names a service's performance lead.
async fn lead_post(caller: &Caller, fields: &Fields) -> axum::response::Response {
    let Some(service) = ServiceArea::ALL
        .into_iter()
        .find(|s| code(s) == fields.get("service"))
    else {
        let errors = vec![FieldError {
            field: "lead-service",
            message: "Choose the service".into(),
        }];
        return show_governance(caller, errors, None).await;
    };
    let (version, person) = (fields.version(), fields.get("name"));
    let result = caller
        .run(move |c| {
            app::permanence::name_performance_lead(
                &c.store,
                c.user(),
                c.clock(),
                version,
                service,
                &person,
                &c.from,
            )
        })
        .await;
    match result {
        Ok(_) => {
            let done = format!("The performance lead for {} was named.", service.label());
            show_governance(caller, Vec::new(), Some(done)).await
        }
        Err(e) => match caller.form_errors(&e, "lead-name") {
            Ok(errors) => show_governance(caller, errors, None).await,
            Err(page) => page,
        },
    }
}
