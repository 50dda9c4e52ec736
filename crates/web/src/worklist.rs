//! The worklist: deadlines overdue or due in the next 14 days, and the drift
//! alerts, for a team or the service.

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use store::StaffRepository;

use crate::AppState;
use crate::handler::*;
use crate::session::Signed;
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
pub(crate) async fn worklist(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Query(q): Query<WorklistQuery>,
) -> Response {
    use domain::access::ChildScope;
    let team_scoped = matches!(signed.user.child_scope(), ChildScope::Team(_));
    let scope = match signed.user.child_scope() {
        ChildScope::Team(team) => domain::worklist::Scope::Team(team),
        _ if !q.team.is_empty() => domain::worklist::Scope::Team(q.team.clone()),
        _ => domain::worklist::Scope::Service,
    };
    let store = state.store.clone();
    let today = state.clock.today();
    let scope_text = match &scope {
        domain::worklist::Scope::Team(t) => format!("the {t} team"),
        _ => "the whole service".to_owned(),
    };
    let teams_store = state.store.clone();
    let result = blocking(move || {
        let teams: std::collections::BTreeSet<String> = teams_store
            .read(|tx| tx.workers())?
            .into_iter()
            .map(|w| w.team)
            .collect();
        app::worklist(&store, &scope, today).map(|w| (w, teams))
    })
    .await;
    let ((mut items, drift), teams) = match result {
        Ok(v) => v,
        Err(e) => return problem(&e, &signed),
    };
    let rules: std::collections::BTreeSet<&'static str> = items.iter().map(|i| i.rule).collect();
    items.retain(|i| {
        (q.rule.is_empty() || i.rule == q.rule)
            && match q.status.as_str() {
                "overdue" => i.days_left < 0,
                "due" => i.days_left >= 0,
                _ => true,
            }
    });
    match q.sort.as_str() {
        "child" => items.sort_by(|a, b| (&a.case, a.due).cmp(&(&b.case, b.due))),
        "rule" => items.sort_by(|a, b| (a.rule, a.due).cmp(&(b.rule, b.due))),
        _ => {}
    }
    let headers = vec!["Child", "Rule", "What", "Due", "Days", "Worker", "Team"];
    let row = |i: &domain::worklist::WorkItem| {
        vec![
            Cell {
                text: i.case.clone(),
                href: Some(format!("/children/{}", i.case)),
            },
            cell(i.rule),
            cell(i.title),
            cell(long_date(i.due)),
            cell(i.days_left.to_string()),
            cell(i.worker.clone().unwrap_or_default()),
            cell(i.team.clone().unwrap_or_default()),
        ]
    };
    if q.format.as_deref() == Some("csv") {
        let rows: Vec<Vec<Cell>> = items.iter().map(row).collect();
        audited_export(&state, &signed, "worklist", rows.len()).await;
        return csv_response("worklist", &headers, &rows);
    }
    let overdue = items.iter().filter(|i| i.days_left < 0).count();
    let option = |v: &str, l: &str| (v.to_owned(), l.to_owned());
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
    if !team_scoped {
        filters.insert(
            2,
            Filter {
                name: "team",
                label: "Team",
                value: q.team.clone(),
                options: std::iter::once(option("", "All teams"))
                    .chain(teams.iter().map(|t| option(t, t)))
                    .collect(),
            },
        );
    }
    let pages = items.len().div_ceil(LIST_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows: Vec<Vec<Cell>> = items
        .iter()
        .skip((page - 1) * LIST_PAGE)
        .take(LIST_PAGE)
        .map(row)
        .collect();
    let (prev_href, next_href) = page_links("/worklist", &filters, page, pages);
    render(
        StatusCode::OK,
        &TablePage {
            chart: Vec::new(),
            chrome: Chrome::new("Worklist", Some(&signed), "/worklist"),
            intro: vec![format!(
                "For {scope_text} on {}: {overdue} overdue, {} due in the next 14 days, {} drift alerts. Page {page} of {pages}.",
                long_date(today),
                items.len() - overdue,
                drift.len()
            )],
            action: "/worklist",
            csv_href: Some(format!("/worklist?{}&format=csv", filter_query(&filters))),
            filters,
            headers,
            rows,
            prev_href,
            next_href,
        },
    )
}
