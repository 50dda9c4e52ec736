//! The audit log for the auditor, and subject access: everything held about
//! one child, as a printable page or JSON.

use app::AuditFilter;
use askama::Template;
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::child::ChildId;
use domain::codes::CodeList;
use domain::journey::CareJourney;
use serde::Deserialize;

use crate::children::details;
use crate::handler::*;
use crate::ui::*;

#[derive(Deserialize, Default)]
pub(crate) struct AuditQuery {
    #[serde(default)]
    user: String,
    #[serde(default)]
    child: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    format: Option<String>,
}

/// The audit log, for the auditor: filter by user, child, action and dates;
/// paged; CSV. Reading it is itself audited.
pub(crate) async fn audit(caller: Caller, Query(q): Query<AuditQuery>) -> Page {
    let csv = q.format.as_deref() == Some("csv");
    let page = q.page.unwrap_or(1).max(1);
    let filter = audit_filter(&q, csv, page);
    let mut events = caller
        .page(move |c| app::audit_log(&c.store, c.user(), c.clock(), &filter))
        .await?;
    let more = !csv && events.len() > LIST_PAGE;
    events.truncate(if csv { events.len() } else { LIST_PAGE });
    let headers = vec!["When", "Who", "Action", "Record", "Details"];
    let rows: Vec<Vec<Cell>> = events
        .iter()
        .map(|e| {
            vec![
                cell(e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string()),
                cell(caller.names().name_and_id(&e.actor)),
                cell(e.action.clone()),
                cell(format!("{} {}", e.record_type, e.record_id)),
                cell(e.details.clone()),
            ]
        })
        .collect();
    if csv {
        caller.audit_export("audit_log", rows.len()).await;
        return Ok(csv_response("audit", &headers, &rows));
    }
    let text = |name, label, value: &str| Filter {
        name,
        label,
        value: value.to_owned(),
        options: vec![],
    };
    let filters = vec![
        text("user", "User", &q.user),
        text("child", "Child", &q.child),
        text("action", "Action", &q.action),
        text("from", "From (YYYY-MM-DD)", &q.from),
        text("to", "To (YYYY-MM-DD)", &q.to),
    ];
    let pages = if more { page + 1 } else { page };
    let (prev_href, next_href) = page_links("/audit", &filters, page, pages);
    Ok(render(
        StatusCode::OK,
        &TablePage {
            chart: Vec::new(),
            chrome: Chrome::new("Audit log", Some(&caller.signed), "/audit"),
            intro: vec![
                format!("Events, newest first: page {page}."),
                "For a subject access request, use Subject access in the menu.".to_owned(),
            ],
            action: "/audit",
            csv_href: Some(format!("/audit?{}&format=csv", filter_query(&filters))),
            filters,
            headers,
            rows,
            prev_href,
            next_href,
        },
    ))
}

/// The query as a filter of the trail: a page of it, or all of it for CSV.
fn audit_filter(q: &AuditQuery, csv: bool, page: usize) -> AuditFilter {
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let day = |s: &str, end: bool| {
        domain::time::parse_iso_date("date", s)
            .or_else(|_| domain::time::parse_uk_date("date", s))
            .ok()
            .map(|d| {
                format!(
                    "{}T{}",
                    d.format("%Y-%m-%d"),
                    if end { "23:59:59Z" } else { "00:00:00Z" }
                )
            })
    };
    AuditFilter {
        actor: non_empty(&q.user),
        record_id: non_empty(&q.child),
        action: non_empty(&q.action),
        from: day(&q.from, false),
        to: day(&q.to, true),
        limit: Some(if csv { 100_000 } else { LIST_PAGE as i64 + 1 }),
        offset: if csv {
            0
        } else {
            ((page - 1) * LIST_PAGE) as i64
        },
        ..Default::default()
    }
}

pub(crate) struct Section {
    pub title: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Template)]
#[template(path = "subject_access.html")]
pub(crate) struct SubjectAccessPage {
    chrome: Chrome,
    id: String,
    name: String,
    produced: String,
    produced_by: String,
    sections: Vec<Section>,
}

#[derive(Template)]
#[template(path = "subject_access_form.html")]
pub(crate) struct SubjectAccessForm {
    chrome: Chrome,
}

#[derive(Deserialize, Default)]
pub(crate) struct SubjectQuery {
    #[serde(default)]
    child: String,
    #[serde(default)]
    format: Option<String>,
}

/// Everything held about a child, section by section, with who has read
/// or changed the record.
pub(crate) fn subject_sections(
    j: &CareJourney,
    events: &[domain::audit::AuditEvent],
    names: &app::people::Names,
) -> Vec<Section> {
    let mut sections = care_sections(j, names);
    sections.extend(people_sections(j, events, names));
    sections
}

/// The child's details, episodes of care and reviews.
fn care_sections(j: &CareJourney, names: &app::people::Names) -> Vec<Section> {
    let c = j.child();
    vec![
        Section {
            title: "Details",
            headers: vec!["Item", "Recorded"],
            rows: std::iter::once(vec!["Name".to_owned(), c.name.full()])
                .chain(
                    details(j, names)
                        .into_iter()
                        .map(|(k, v)| vec![k.to_owned(), v]),
                )
                .collect(),
        },
        Section {
            title: "Episodes of care",
            headers: vec![
                "Start",
                "Reason",
                "Legal status",
                "Placement",
                "Provider",
                "End",
                "Reason ended",
            ],
            rows: j
                .episodes()
                .iter()
                .map(|e| {
                    vec![
                        long_date(e.start),
                        e.reason_new_episode.description().to_owned(),
                        code_text(Some(e.legal_status)),
                        code_text(Some(e.placement.placement_type)),
                        code_text(e.placement.provider),
                        opt_date(e.end.map(|x| x.date)),
                        e.end
                            .map(|x| x.reason.description().to_owned())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Reviews",
            headers: vec!["Date", "How the child took part"],
            rows: j
                .reviews()
                .iter()
                .map(|r| vec![long_date(r.date), r.participation.description().to_owned()])
                .collect(),
        },
    ]
}

/// Missing episodes, social workers, siblings, recorded activities and the
/// record's audit trail.
fn people_sections(
    j: &CareJourney,
    events: &[domain::audit::AuditEvent],
    names: &app::people::Names,
) -> Vec<Section> {
    vec![
        Section {
            title: "Missing or away from placement",
            headers: vec!["Kind", "From", "To"],
            rows: j
                .missing()
                .iter()
                .map(|m| {
                    vec![
                        m.kind.description().to_owned(),
                        long_date(m.start),
                        opt_date(m.end),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Allocated social workers",
            headers: vec!["Worker", "From", "To", "Why it changed"],
            rows: j
                .social_workers()
                .iter()
                .map(|s| {
                    vec![
                        names.name_and_id(&s.worker_id),
                        long_date(s.start),
                        opt_date(s.end.map(|e| e.0)),
                        s.end
                            .map(|e| e.1.description().to_owned())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Siblings",
            headers: vec!["Identifier"],
            rows: j.siblings().iter().map(|s| vec![s.to_string()]).collect(),
        },
        Section {
            title: "Recorded activities",
            headers: vec!["Date", "Activity"],
            rows: j
                .activities()
                .iter()
                .map(|a| vec![long_date(a.date), a.kind.label().to_owned()])
                .collect(),
        },
        Section {
            title: "Who has read or changed this record",
            headers: vec!["When", "Who", "Action", "Details"],
            rows: events
                .iter()
                .map(|e| {
                    vec![
                        e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                        names.name_and_id(&e.actor),
                        e.action.clone(),
                        e.details.clone(),
                    ]
                })
                .collect(),
        },
    ]
}

/// Everything held about one child, as a printable page or JSON (subject access).
pub(crate) async fn subject_access(caller: Caller, Query(q): Query<SubjectQuery>) -> Page {
    if q.child.trim().is_empty() {
        return Ok(render(
            StatusCode::OK,
            &SubjectAccessForm {
                chrome: Chrome::new(
                    "Subject access",
                    Some(&caller.signed),
                    "/audit/subject-access",
                ),
            },
        ));
    }
    let id = ChildId::parse(&q.child)
        .map_err(|_| caller.error_page(&app::AppError::NotFound("child".into())))?;
    let (journey, events) = caller
        .page(move |c| app::subject_access(&c.store, c.user(), c.clock(), &id, &c.from))
        .await?;
    let sections = subject_sections(&journey, &events, caller.names());
    let now = caller.clock().now();
    if q.format.as_deref() == Some("json") {
        return Ok(subject_json(&journey, &sections, now));
    }
    Ok(render(
        StatusCode::OK,
        &SubjectAccessPage {
            chrome: Chrome::new(
                format!("Subject access: {}", journey.id()),
                Some(&caller.signed),
                "/audit/subject-access",
            ),
            id: journey.id().to_string(),
            name: journey.child().name.full(),
            produced: now.format("%-d %B %Y %H:%M UTC").to_string(),
            produced_by: caller.user().display_name.clone(),
            sections,
        },
    ))
}

/// The subject access record as a JSON download: each section's rows as
/// objects keyed by the section's headers.
fn subject_json(
    journey: &CareJourney,
    sections: &[Section],
    produced: domain::time::Timestamp,
) -> Response {
    let json: serde_json::Value = sections
        .iter()
        .map(|s| {
            let rows: Vec<serde_json::Value> = s
                .rows
                .iter()
                .map(|r| {
                    serde_json::Value::Object(
                        s.headers
                            .iter()
                            .map(|h| h.to_string())
                            .zip(r.iter().map(|v| serde_json::Value::String(v.clone())))
                            .collect(),
                    )
                })
                .collect();
            (s.title.to_owned(), serde_json::Value::Array(rows))
        })
        .collect::<serde_json::Map<_, _>>()
        .into();
    (
        [(header::CONTENT_DISPOSITION, format!("attachment; filename=\"subject-access-{}.json\"", journey.id()))],
        axum::Json(serde_json::json!({ "child": journey.id().as_str(), "produced": produced, "record": json })),
    )
        .into_response()
}
