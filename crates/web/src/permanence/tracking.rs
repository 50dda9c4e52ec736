//! The tracking page: every child in care the user may see, with the plan,
//! time in care, next milestone, days left and drift flags; filtered, paged,
//! charted by drift reason, or as CSV.

use std::collections::HashMap;

use app::permanence::TrackingLine;
use axum::extract::Query;
use axum::http::StatusCode;
use chrono::NaiveDate;
use domain::permanence::plan::{Lifecycle, Pathway};
use domain::permanence::tracking::{DriftListEntry, drift_counts};
use serde::Deserialize;

use crate::handler::{Caller, Page, team_scope};
use crate::ui::{
    Cell, Chrome, Datum, Filter, TablePage, cell, export_format, export_response, filter_query,
    long_date, option, page_links, page_of, render, team_filter,
};

#[derive(Deserialize, Default)]
pub(crate) struct TrackingQuery {
    #[serde(default)]
    team: String,
    #[serde(default)]
    pathway: String,
    #[serde(default)]
    flag: String,
    #[serde(default)]
    age: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    format: Option<String>,
}

const DRIFT_LETTERS: [(&str, &str); 10] = [
    ("a", "(a) No permanence discussion by the first review"),
    ("b", "(b) No ratified plan by the second review"),
    ("c", "(c) Parallel plan decision date passed"),
    ("d", "(d) Plan step overdue"),
    ("e", "(e) LTF plan not at panel within 2 months"),
    ("f", "(f) Review overdue"),
    ("g", "(g) Care plan over 6 months old"),
    ("h", "(h) Short-term placement over 2 years"),
    ("i", "(i) Adoption timers"),
    ("j", "(j) Panel monitoring overdue"),
];

const HEADERS: [&str; 9] = [
    "Child",
    "Team",
    "Plan",
    "Status",
    "In care",
    "Next milestone",
    "Due",
    "Days left",
    "Drift",
];

/// The tracking page: every child in care the user may see, with the plan,
/// time in care, next milestone, days left and drift flags; filtered, paged
/// or as CSV.
pub(crate) async fn tracking(caller: Caller, Query(q): Query<TrackingQuery>) -> Page {
    let filter = app::permanence::TrackingFilter {
        team: (!q.team.is_empty()).then(|| q.team.clone()),
        pathway: Pathway::parse(&q.pathway),
        flag: (!q.flag.is_empty()).then(|| q.flag.clone()),
        age: age_band(&q.age),
    };
    let (mut lines, teams, (ratified, achieved)) = caller
        .page(move |c| {
            let team = filter.team.clone();
            let lines =
                app::permanence::tracking_list(&c.store, c.user(), c.clock(), &filter, &c.from)?;
            let ratified = app::permanence::ratified_by_second_review(
                &c.store,
                c.user(),
                c.clock(),
                team.clone(),
            )?;
            let achieved = app::permanence::achieved_by_route(&c.store, c.user(), c.clock(), team)?;
            Ok((lines, app::team_names(&c.store)?, (ratified, achieved)))
        })
        .await?;
    // Most urgent first: drift, then days left.
    lines.sort_unstable_by(|a, b| {
        let key = |l: &TrackingLine| {
            (
                std::cmp::Reverse(l.drift.len()),
                l.days_left.unwrap_or(i64::MAX),
            )
        };
        (key(a), &a.child_id).cmp(&(key(b), &b.child_id))
    });
    let today = caller.today();
    if let Some(format) = export_format(q.format.as_deref()) {
        let rows: Vec<Vec<Datum>> = lines.iter().map(|l| export_row(l, today)).collect();
        caller.audit_export("tracking", rows.len()).await;
        let mut headers = HEADERS;
        headers[4] = "Days in care";
        return Ok(export_response(format, "tracking", &headers, &rows));
    }
    let team_scoped = team_scope(caller.user());
    let filters = tracking_filters(&q, &teams, team_scoped.is_some());
    let (page, pages, shown) = page_of(&lines, q.page);
    let rows: Vec<Vec<Cell>> = shown
        .iter()
        .map(|l| tracking_row(l, false, today))
        .collect();
    let (prev_href, next_href) = page_links("/tracking", &filters, page, pages);
    let scope = match (team_scoped, q.team.is_empty()) {
        (Some(team), _) => format!("the {team} team"),
        (None, true) => "the whole council".to_owned(),
        (None, false) => format!("the {} team", q.team),
    };
    let drifting = lines.iter().filter(|l| !l.drift.is_empty()).count();
    let mut intro = vec![format!(
        "Children in care in {scope} on {}: {} listed, {drifting} with drift. Page {page} of {pages}.",
        long_date(today),
        lines.len(),
    )];
    if let Some((percent, from, to)) = ratified {
        intro.push(format!(
            "Plans ratified by the second review, for second reviews from {} to {}: {percent:.1}%.",
            long_date(from),
            long_date(to)
        ));
    }
    let (routes, from, to) = achieved;
    intro.push(format!(
        "Permanence achieved from {} to {}: {}.",
        long_date(from),
        long_date(to),
        if routes.is_empty() {
            "none recorded".to_owned()
        } else {
            routes
                .iter()
                .map(|(route, n)| format!("{n} by {}", route.label().to_lowercase()))
                .collect::<Vec<_>>()
                .join(", ")
        }
    ));
    Ok(render(
        StatusCode::OK,
        &TablePage {
            chart: drift_chart(&lines),
            chrome: Chrome::new("Permanence tracking", Some(&caller.signed), "/tracking"),
            intro,
            action: "/tracking",
            csv_href: Some(format!("/tracking?{}&format=csv", filter_query(&filters))),
            filters,
            headers: HEADERS.to_vec(),
            rows,
            prev_href,
            next_href,
        },
    ))
}

/// A line of the list as the exports hold it: the CSV line's words, with
/// days as numbers and the due date as a date.
fn export_row(l: &TrackingLine, today: NaiveDate) -> Vec<Datum> {
    let mut row: Vec<Datum> = tracking_row(l, true, today)
        .iter()
        .map(Datum::from)
        .collect();
    row[4] = Datum::count(l.days_in_care);
    row[6] = Datum::date(l.next_milestone.as_ref().map(|m| m.1));
    row[7] = Datum::count(l.days_left);
    row
}

/// A line of the list. The CSV carries each reason's words; the page, its
/// letter (the chart and the filter name the letters).
fn tracking_row(l: &TrackingLine, full: bool, today: NaiveDate) -> Vec<Cell> {
    let drift = l
        .drift
        .iter()
        .map(|d| {
            if full {
                format!(
                    "({}) {} - {} days",
                    d.code.letter(),
                    d.message,
                    d.days_open(today)
                )
            } else {
                format!("({}) {} days", d.code.letter(), d.days_open(today))
            }
        })
        .chain(l.escalated.then(|| {
            if full {
                "Escalated to the service manager (TRACK-003)".to_owned()
            } else {
                "escalated".to_owned()
            }
        }))
        .chain(l.not_discussed.then(|| {
            if full {
                "Not discussed in supervision this month (TRACK-016)".to_owned()
            } else {
                "not discussed in supervision".to_owned()
            }
        }))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        Cell {
            text: l.child_id.to_string(),
            href: Some(format!("/children/{}/plan", l.child_id)),
        },
        cell(l.team.clone().unwrap_or_default()),
        cell(l.pathway.map_or("No pathway yet", Pathway::label)),
        cell(l.lifecycle.map_or("No plan", Lifecycle::label)),
        cell(
            l.days_in_care
                .map_or_else(String::new, |d| format!("{d} days")),
        ),
        cell(
            l.next_milestone
                .as_ref()
                .map_or_else(String::new, |m| m.0.clone()),
        ),
        cell(
            l.next_milestone
                .as_ref()
                .map_or_else(String::new, |m| long_date(m.1)),
        ),
        cell(l.days_left.map_or_else(String::new, |d| d.to_string())),
        cell(drift),
    ]
}

/// The bar chart of how many children have each drift reason, most first.
fn drift_chart(lines: &[TrackingLine]) -> Vec<(String, usize, u32)> {
    let drifting: Vec<DriftListEntry> = lines
        .iter()
        .filter(|l| !l.drift.is_empty())
        .map(|l| DriftListEntry {
            child_id: l.child_id.clone(),
            reasons: l.drift.clone(),
        })
        .collect();
    let per_code: HashMap<char, usize> = drift_counts(&drifting)
        .into_iter()
        .map(|(code, n)| (code.letter().to_ascii_lowercase(), n))
        .collect();
    let mut counts: Vec<(String, usize)> = DRIFT_LETTERS
        .iter()
        .map(|(letter, label)| {
            let n = letter
                .chars()
                .next()
                .and_then(|c| per_code.get(&c))
                .copied()
                .unwrap_or(0);
            (label.to_string(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let most = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    counts
        .into_iter()
        .map(|(label, n)| (label, n, (n * 100 / most) as u32))
        .collect()
}

/// The list's filters: the team (for those who see every team), the
/// pathway, the drift reason and the child's age.
fn tracking_filters(q: &TrackingQuery, teams: &[String], team_scoped: bool) -> Vec<Filter> {
    let mut filters = vec![
        Filter {
            name: "pathway",
            label: "Pathway",
            value: q.pathway.clone(),
            options: std::iter::once(option("", "All pathways"))
                .chain(Pathway::ALL.iter().map(|p| option(p.code(), p.label())))
                .collect(),
        },
        Filter {
            name: "flag",
            label: "Drift",
            value: q.flag.clone(),
            options: std::iter::once(option("", "All children"))
                .chain(std::iter::once(option("any", "Any drift")))
                .chain(DRIFT_LETTERS.iter().map(|(v, l)| option(v, l)))
                .collect(),
        },
        Filter {
            name: "age",
            label: "Age",
            value: q.age.clone(),
            options: vec![
                option("", "All ages"),
                option("0-4", "Under 5"),
                option("5-9", "5 to 9"),
                option("10-15", "10 to 15"),
                option("16-17", "16 and 17"),
            ],
        },
    ];
    if !team_scoped {
        filters.insert(0, team_filter(&q.team, teams, "Whole council"));
    }
    filters
}

/// An age band as the filter sends it: "5-9".
fn age_band(age: &str) -> Option<(u32, u32)> {
    let (lo, hi) = age.split_once('-')?;
    Some((lo.parse().ok()?, hi.parse().ok()?))
}
