//! The worklist: deadlines overdue or due in the next 14 days, and the drift
//! alerts, for a team or the service.

use axum::extract::Query;
use axum::http::StatusCode;
use domain::worklist::WorkItem;
use serde::Deserialize;

use crate::handler::*;
use crate::ui::*;

#[derive(Deserialize, Default)]
pub(crate) struct WorklistQuery {
    #[serde(default)]
    rule: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    format: Option<String>,
}

/// Deadlines overdue or due in the next 14 days for the user's team (or the
/// service), filtered by rule, status and team, sorted, paged, or as CSV.
pub(crate) async fn worklist(caller: Caller, Query(q): Query<WorklistQuery>) -> Page {
    let chosen = (!q.team.is_empty()).then(|| q.team.clone());
    let view = caller
        .page(move |c| app::worklist_for(&c.store, c.user(), c.clock(), chosen, &c.from))
        .await?;
    let rules: Vec<&'static str> = view
        .items()
        .iter()
        .map(|i| i.rule)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let items = chosen_items(view.items(), &q);
    let headers = vec![
        "Child", "Rule", "What", "Due", "Days", "Worker", "Team", "Action",
    ];
    // Households' lines (their roles' deadlines, checks expiring) come first.
    let families =
        crate::households::worklist_rows(&caller, view.team.clone(), &q.rule, &q.status).await;
    if q.format.as_deref() == Some("csv") {
        // The export holds the figures, not the page's links.
        let rows: Vec<Vec<Cell>> = families
            .into_iter()
            .chain(items.iter().map(|i| work_row(i)))
            .map(|mut row| {
                row.pop();
                row
            })
            .collect();
        caller.audit_export("worklist", rows.len()).await;
        return Ok(csv_response(
            "worklist",
            &headers[..headers.len() - 1],
            &rows,
        ));
    }
    let filters = worklist_filters(&q, &rules, &view, &caller);
    let (page, pages, shown) = page_of(&items, q.page);
    let mut rows: Vec<Vec<Cell>> = shown.iter().map(|i| work_row(i)).collect();
    if page == 1 {
        rows.splice(0..0, families);
    }
    let (prev_href, next_href) = page_links("/worklist", &filters, page, pages);
    let scope_text = match &view.team {
        Some(t) => format!("the {t} team"),
        None => "the whole service".to_owned(),
    };
    let overdue = items.iter().filter(|i| i.days_left < 0).count();
    Ok(render(
        StatusCode::OK,
        &TablePage {
            chart: Vec::new(),
            chrome: Chrome::new("Worklist", Some(&caller.signed), "/worklist"),
            intro: vec![format!(
                "For {scope_text} on {}: {overdue} overdue, {} due in the next 14 days, {} drift alerts. Page {page} of {pages}.",
                long_date(caller.today()),
                items.len() - overdue,
                view.drift().len()
            )],
            action: "/worklist",
            csv_href: Some(format!("/worklist?{}&format=csv", filter_query(&filters))),
            filters,
            headers,
            rows,
            prev_href,
            next_href,
        },
    ))
}

/// The items the rule and status filters keep, in the order asked for
/// (references into the shared worklist: nothing is copied).
fn chosen_items<'a>(all: &'a [WorkItem], q: &WorklistQuery) -> Vec<&'a WorkItem> {
    let mut items: Vec<&WorkItem> = all
        .iter()
        .filter(|i| {
            (q.rule.is_empty() || i.rule == q.rule)
                && match q.status.as_str() {
                    "overdue" => i.days_left < 0,
                    "due" => i.days_left >= 0,
                    _ => true,
                }
        })
        .collect();
    match q.sort.as_str() {
        "child" => items.sort_by(|a, b| (&a.case, a.due).cmp(&(&b.case, b.due))),
        "rule" => items.sort_by(|a, b| (a.rule, a.due).cmp(&(b.rule, b.due))),
        _ => {}
    }
    items
}

fn work_row(i: &WorkItem) -> Vec<Cell> {
    vec![
        Cell {
            text: i.case.clone(),
            href: Some(
                app::permanence::work_item_form(i)
                    .unwrap_or_else(|| format!("/children/{}", i.case)),
            ),
        },
        cell(i.rule),
        cell(i.title),
        cell(long_date(i.due)),
        cell(i.days_left.to_string()),
        cell(i.worker.clone().unwrap_or_default()),
        cell(i.team.clone().unwrap_or_default()),
        match crate::casework::record_href(&i.case, i.met_by) {
            Some(href) => Cell {
                text: format!("Record: {}", i.met_by.label()),
                href: Some(href),
            },
            None => cell(""),
        },
    ]
}

/// The worklist's filters: rule, status, the team for those who see every
/// team, and the order.
fn worklist_filters(
    q: &WorklistQuery,
    rules: &[&str],
    view: &app::WorklistView,
    caller: &Caller,
) -> Vec<Filter> {
    let mut filters = vec![
        Filter {
            name: "rule",
            label: "Rule",
            value: q.rule.clone(),
            options: std::iter::once(option("", "All rules"))
                .chain(rules.iter().map(|r| option(r, r)))
                .collect(),
        },
        Filter {
            name: "status",
            label: "Status",
            value: q.status.clone(),
            options: vec![
                option("", "Overdue and due soon"),
                option("overdue", "Overdue"),
                option("due", "Due in 14 days"),
            ],
        },
        Filter {
            name: "sort",
            label: "Sort by",
            value: q.sort.clone(),
            options: vec![
                option("", "Due date"),
                option("child", "Child"),
                option("rule", "Rule"),
            ],
        },
    ];
    if team_scope(caller.user()).is_none() {
        filters.insert(2, team_filter(&q.team, &view.teams, "All teams"));
    }
    filters
}
