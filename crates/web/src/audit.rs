//! The audit log for the auditor (subject access is `subject_access.rs`).

use app::AuditFilter;
use axum::extract::Query;
use axum::http::StatusCode;
use serde::Deserialize;

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
    let export = export_format(q.format.as_deref());
    let csv = export.is_some();
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
    if let Some(format) = export {
        let rows: Vec<Vec<Datum>> = events
            .iter()
            .zip(&rows)
            .map(|(e, r)| {
                let mut row: Vec<Datum> = r.iter().map(Datum::from).collect();
                row[0] = Datum::Time(e.at.naive_utc());
                row
            })
            .collect();
        caller.audit_export("audit_log", rows.len()).await;
        return Ok(export_response(format, "audit", &headers, &rows));
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
