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

/// The audit log, for the auditor: filter by user, child, action (from the
/// actions recorded) and dates (UK days); paged; CSV or XLSX. Times are on
/// UK clocks and details are words. A filter that cannot be read is an
/// error in the summary, never ignored. Reading the log is itself audited.
pub(crate) async fn audit(caller: Caller, Query(q): Query<AuditQuery>) -> Page {
    let export = export_format(q.format.as_deref());
    let page = q.page.unwrap_or(1).max(1);
    let actions = caller
        .page(|c| app::audit_actions(&c.store, c.user()))
        .await?;
    let (filter, errors) = audit_filter(&q, &actions, export.is_some(), page);
    let mut events = match filter {
        Some(filter) => {
            caller
                .page(move |c| app::audit_log(&c.store, c.user(), c.clock(), &filter))
                .await?
        }
        None => Vec::new(),
    };
    let more = export.is_none() && events.len() > LIST_PAGE;
    events.truncate(if export.is_some() {
        events.len()
    } else {
        LIST_PAGE
    });
    let headers = vec!["When (UK time)", "Who", "Action", "Record", "Details"];
    let names = caller.names();
    let rows: Vec<Vec<Cell>> = events
        .iter()
        .map(|e| {
            vec![
                cell(uk_time(e.at)),
                cell(names.name_and_id(&e.actor)),
                cell(action_words(&e.action)),
                cell(format!("{} {}", e.record_type, e.record_id)),
                cell(readable_details(&e.details)),
            ]
        })
        .collect();
    if let (Some(format), true) = (export, errors.is_empty()) {
        let rows: Vec<Vec<Datum>> = events
            .iter()
            .zip(&rows)
            .map(|(e, r)| {
                let mut row: Vec<Datum> = r.iter().map(Datum::from).collect();
                row[0] = Datum::Time(domain::time::england_time(e.at));
                row
            })
            .collect();
        caller.audit_export("audit_log", rows.len()).await;
        return Ok(export_response(format, "audit", &headers, &rows));
    }
    let filters = audit_filters(&q, &actions);
    let pages = if more { page + 1 } else { page };
    let (prev_href, next_href) = page_links("/audit", &filters, page, pages);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(render(
        status,
        &TablePage {
            chart: Vec::new(),
            chrome: Chrome::new("Audit log", Some(&caller.signed), "/audit").with_errors(errors),
            intro: vec![
                format!("Events, newest first, in UK time: page {page}."),
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

/// The filters above the log: text boxes, and the actions as a list.
fn audit_filters(q: &AuditQuery, actions: &[String]) -> Vec<Filter> {
    let text = |name, label, value: &str| Filter {
        name,
        label,
        value: value.trim().to_owned(),
        options: vec![],
    };
    vec![
        text("user", "User (username)", &q.user),
        text("child", "Child or record identifier", &q.child),
        Filter {
            name: "action",
            label: "Action",
            value: q.action.trim().to_owned(),
            options: std::iter::once(option("", "All actions"))
                .chain(actions.iter().map(|a| option(a, &action_words(a))))
                .collect(),
        },
        text("from", "From (for example 27/3/2026)", &q.from),
        text("to", "To (for example 27/3/2026)", &q.to),
    ]
}

/// The query as a filter of the trail (a page of it, or all of it for an
/// export), or what is wrong with it: a date that is not one, dates the
/// wrong way round, an action not in the list. Dates are days in England:
/// from the first moment of `from` to the last of `to`, on UK clocks.
fn audit_filter(
    q: &AuditQuery,
    actions: &[String],
    export: bool,
    page: usize,
) -> (Option<AuditFilter>, Vec<FieldError>) {
    let mut errors = Vec::new();
    let mut day = |field: &'static str, label: &str, text: &str| {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let parsed = parse_date(text);
        if parsed.is_none() {
            errors.push(FieldError {
                field,
                message: format!("{label} must be a real date, for example 27/3/2026"),
            });
        }
        parsed
    };
    let (from, to) = (day("from", "From", &q.from), day("to", "To", &q.to));
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        errors.push(FieldError {
            field: "to",
            message: "To must be the same as or after From".into(),
        });
    }
    let action = q.action.trim();
    if !action.is_empty() && !actions.iter().any(|a| a == action) {
        errors.push(FieldError {
            field: "action",
            message: "Choose an action from the list".into(),
        });
    }
    if !errors.is_empty() {
        return (None, errors);
    }
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let instant = |t: domain::time::Timestamp| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let filter = AuditFilter {
        actor: non_empty(&q.user),
        record_id: non_empty(&q.child),
        action: non_empty(action),
        from: from.map(|d| instant(domain::time::england_midnight(d))),
        to: to.map(|d| {
            instant(
                domain::time::england_midnight(d + chrono::Days::new(1))
                    - chrono::Duration::seconds(1),
            )
        }),
        limit: Some(if export {
            100_000
        } else {
            LIST_PAGE as i64 + 1
        }),
        offset: if export {
            0
        } else {
            ((page - 1) * LIST_PAGE) as i64
        },
        ..Default::default()
    };
    (Some(filter), errors)
}
