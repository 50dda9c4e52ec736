//! The tracking page: every child in care the user may see, with the plan,
//! time in care, next milestone, days left and drift flags; filtered, paged,
//! charted by drift reason, or as CSV.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use domain::permanence::plan::{Lifecycle, Pathway};
use serde::Deserialize;

use crate::AppState;
use crate::handler::*;
use crate::session::{Signed, client_address};
use crate::ui::*;

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

pub(crate) const DRIFT_LETTERS: [(&str, &str); 10] = [
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

/// The tracking page: every child in care the user may see, with the plan,
/// time in care, next milestone, days left and drift flags; filtered, paged
/// or as CSV.
pub(crate) async fn tracking(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Query(q): Query<TrackingQuery>,
    req: Request,
) -> Response {
    use domain::access::ChildScope;
    let from = client_address(&req);
    let team_scoped = matches!(signed.user.child_scope(), ChildScope::Team(_));
    let filter = app::permanence::TrackingFilter {
        team: (!q.team.is_empty()).then(|| q.team.clone()),
        pathway: Pathway::parse(&q.pathway),
        flag: (!q.flag.is_empty()).then(|| q.flag.clone()),
    };
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let age = q.age.clone();
    let result = blocking(move || {
        let teams: std::collections::BTreeSet<String> = store
            .read(|tx| store::StaffRepository::workers(tx))?
            .into_iter()
            .map(|w| w.team)
            .collect();
        let lines = app::permanence::tracking_list(&store, &user, clock.as_ref(), &filter, &from)?;
        let ages: HashMap<String, i64> = if q_age_needed(&age) {
            ages_of(&store, &lines, clock.today())?
        } else {
            HashMap::new()
        };
        Ok::<_, app::AppError>((lines, teams, ages))
    })
    .await;
    let (mut lines, teams, ages) = match result {
        Ok(v) => v,
        Err(e) => {
            return failure(&e, &signed).unwrap_or_else(|| {
                message(
                    StatusCode::BAD_REQUEST,
                    "Sorry, that did not work",
                    &[&e.to_string()],
                    Some(&signed),
                )
            });
        }
    };
    if let Some((lo, hi)) = age_band(&q.age) {
        lines.retain(|l| ages.get(&l.child_id).is_some_and(|a| (lo..=hi).contains(a)));
    }
    // Most urgent first: drift, then days left.
    lines.sort_unstable_by(|a, b| {
        (
            std::cmp::Reverse(a.drift.len()),
            a.days_left.unwrap_or(i64::MAX),
            &a.child_id,
        )
            .cmp(&(
                std::cmp::Reverse(b.drift.len()),
                b.days_left.unwrap_or(i64::MAX),
                &b.child_id,
            ))
    });
    let headers = vec![
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
    let today = state.clock.today();
    // The CSV carries each reason's words; the page, its letter (the chart
    // and the filter name the letters).
    let row = |l: &app::permanence::TrackingLine, full: bool| {
        vec![
            Cell {
                text: l.child_id.clone(),
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
            cell(
                l.drift
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
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ]
    };
    if q.format.as_deref() == Some("csv") {
        let rows: Vec<Vec<Cell>> = lines.iter().map(|l| row(l, true)).collect();
        crate::handler::audited_export(&state, &signed, "tracking", rows.len()).await;
        return csv_response("tracking", &headers, &rows);
    }
    let drifting = lines.iter().filter(|l| !l.drift.is_empty()).count();
    let mut per_code: HashMap<char, usize> = HashMap::new();
    for l in &lines {
        for d in &l.drift {
            *per_code
                .entry(d.code.letter().to_ascii_lowercase())
                .or_default() += 1;
        }
    }
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
    let option = |v: &str, l: &str| (v.to_owned(), l.to_owned());
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
        filters.insert(
            0,
            Filter {
                name: "team",
                label: "Team",
                value: q.team.clone(),
                options: std::iter::once(option("", "Whole council"))
                    .chain(teams.iter().map(|t| option(t, t)))
                    .collect(),
            },
        );
    }
    let pages = lines.len().div_ceil(crate::ui::LIST_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows: Vec<Vec<Cell>> = lines
        .iter()
        .skip((page - 1) * crate::ui::LIST_PAGE)
        .take(crate::ui::LIST_PAGE)
        .map(|l| row(l, false))
        .collect();
    let (prev_href, next_href) = page_links("/tracking", &filters, page, pages);
    let scope = if team_scoped {
        format!("the {} team", signed.user.team.clone().unwrap_or_default())
    } else if q.team.is_empty() {
        "the whole council".to_owned()
    } else {
        format!("the {} team", q.team)
    };
    let intro = vec![format!(
        "Children in care in {scope} on {}: {} listed, {drifting} with drift. Page {page} of {pages}.",
        long_date(state.clock.today()),
        lines.len(),
    )];
    let most = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let chart = counts
        .iter()
        .map(|(label, n)| (label.clone(), *n, (*n * 100 / most) as u32))
        .collect();
    render(
        StatusCode::OK,
        &TablePage {
            chart,
            chrome: Chrome::new("Permanence tracking", Some(&signed), "/tracking"),
            intro,
            action: "/tracking",
            csv_href: Some(format!("/tracking?{}&format=csv", filter_query(&filters))),
            filters,
            headers,
            rows,
            prev_href,
            next_href,
        },
    )
}

pub(crate) fn q_age_needed(age: &str) -> bool {
    age_band(age).is_some()
}

pub(crate) fn age_band(age: &str) -> Option<(i64, i64)> {
    let (lo, hi) = age.split_once('-')?;
    Some((lo.parse().ok()?, hi.parse().ok()?))
}

pub(crate) fn ages_of(
    store: &store::Store,
    lines: &[app::permanence::TrackingLine],
    today: NaiveDate,
) -> Result<HashMap<String, i64>, app::AppError> {
    let ids: Vec<domain::child::ChildId> = lines
        .iter()
        .filter_map(|l| domain::child::ChildId::parse(&l.child_id).ok())
        .collect();
    let journeys = store.read(|tx| store::ChildRepository::journeys(tx, &ids))?;
    Ok(journeys
        .into_iter()
        .map(|j| {
            let age = j
                .value
                .child()
                .date_of_birth
                .years_since(today)
                .unwrap_or(0);
            (j.value.id().as_str().to_owned(), i64::from(age))
        })
        .collect())
}
