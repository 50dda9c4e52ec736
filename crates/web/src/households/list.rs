//! The list of households the user may see: by role and stage, searched
//! by name or postcode, filtered by team for those who see every team,
//! paged, or as CSV.

use app::households::{HouseholdSearch, StoredHousehold};
use axum::extract::Query;
use axum::http::StatusCode;
use domain::households::CARER_TEAMS;
use domain::households::lifecycle::RoleKind;
use serde::Deserialize;

use crate::handler::{Caller, Page, team_scope};
use crate::ui::{
    Cell, Chrome, Datum, Filter, LIST_PAGE, TablePage, cell, export_response, filter_query, option,
    page_links, render, team_filter,
};

#[derive(Deserialize, Default)]
pub(crate) struct HouseholdsQuery {
    #[serde(default)]
    role: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    format: Option<String>,
}

const HEADERS: [&str; 6] = [
    "Household",
    "Team",
    "Roles",
    "Members",
    "Children linked",
    "Postcode",
];

/// Every state code of every role's lifecycle, with its label, once.
fn stages() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for kind in RoleKind::ALL {
        for s in kind.workflow().states {
            if !out.iter().any(|(c, _)| c == s.code) {
                out.push(option(s.code, s.label));
            }
        }
    }
    out
}

impl HouseholdsQuery {
    /// The search the query asks for, one page of it (or all).
    pub(crate) fn search(&self, page: Option<usize>) -> HouseholdSearch {
        HouseholdSearch {
            role: Some(self.role.clone()),
            stage: Some(self.stage.clone()),
            text: self.q.clone(),
            team: Some(self.team.clone()),
            limit: page.map(|_| LIST_PAGE as i64),
            offset: page.map_or(0, |p| ((p - 1) * LIST_PAGE) as i64),
        }
    }
}

/// The list of households.
pub(crate) async fn households(caller: Caller, Query(q): Query<HouseholdsQuery>) -> Page {
    let csv = matches!(q.format.as_deref(), Some("csv" | "xlsx"));
    let page = q.page.unwrap_or(1).max(1);
    let search = q.search((!csv).then_some(page));
    let (list, total) = caller
        .page(move |c| {
            app::households::list_households(&c.store, c.user(), c.clock(), search, &c.from)
        })
        .await?;
    let rows: Vec<Vec<Cell>> = list.iter().map(row).collect();
    if csv {
        caller.audit_export("households", rows.len()).await;
        let data: Vec<Vec<Datum>> = rows
            .iter()
            .map(|r| r.iter().map(Datum::from).collect())
            .collect();
        let format = q.format.as_deref().unwrap_or("csv");
        return Ok(export_response(format, "households", &HEADERS, &data));
    }
    let mut filters = vec![
        Filter {
            name: "role",
            label: "Role",
            value: q.role.clone(),
            options: std::iter::once(option("", "All roles"))
                .chain(RoleKind::ALL.iter().map(|k| option(k.code(), k.label())))
                .collect(),
        },
        Filter {
            name: "stage",
            label: "Stage",
            value: q.stage.clone(),
            options: std::iter::once(option("", "Any stage"))
                .chain(stages())
                .collect(),
        },
        Filter {
            name: "q",
            label: "Name or postcode",
            value: q.q.clone(),
            options: Vec::new(),
        },
    ];
    if team_scope(caller.user()).is_none() && caller.user().team.is_none() {
        let teams: Vec<String> = CARER_TEAMS.iter().map(|t| t.to_string()).collect();
        filters.push(team_filter(&q.team, &teams, "All teams"));
    }
    let pages = (total as usize).div_ceil(LIST_PAGE).max(1);
    let (prev_href, next_href) = page_links("/households", &filters, page.min(pages), pages);
    Ok(render(
        StatusCode::OK,
        &TablePage {
            chart: Vec::new(),
            chrome: Chrome::new("Households", Some(&caller.signed), "/households"),
            intro: vec![format!(
                "{total} households. Page {} of {pages}.",
                page.min(pages)
            )],
            action: "/households",
            csv_href: Some(format!("/households?{}&format=csv", filter_query(&filters))),
            filters,
            headers: HEADERS.to_vec(),
            rows,
            prev_href,
            next_href,
        },
    ))
}

fn row(h: &StoredHousehold) -> Vec<Cell> {
    let h = &h.value;
    vec![
        Cell {
            text: h.name.clone(),
            href: Some(format!("/households/{}", h.id)),
        },
        cell(h.team.clone()),
        cell(
            h.roles
                .iter()
                .map(|r| format!("{}: {}", r.kind.label(), r.stage_label()))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        cell(h.members.len().to_string()),
        cell(h.links.len().to_string()),
        cell(
            h.addresses
                .last()
                .map(|a| a.postcode.clone())
                .unwrap_or_default(),
        ),
    ]
}
