//! Sufficiency (`/adoption/sufficiency`, ADOPT-054): the children waiting
//! against the approved adopters by age band, sibling group and need, as a
//! chart with its table beside it, downloadable as CSV or XLSX.

use askama::Template;
use axum::extract::Query;
use domain::adoption::sufficiency::Row;

use crate::handler::*;
use crate::ui::*;

/// The format a download asks for (`?format=csv`).
#[derive(serde::Deserialize, Default)]
pub(crate) struct FormatQuery {
    #[serde(default)]
    format: Option<String>,
}

/// One category of the chart and its row in the table.
pub(crate) struct Bar {
    pub dimension: &'static str,
    pub label: &'static str,
    pub short: String,
    pub children: usize,
    pub adopters: usize,
    pub gap: i64,
    pub x: usize,
    pub children_height: usize,
    pub adopters_height: usize,
}

#[derive(Template)]
#[template(path = "adoption_sufficiency.html")]
pub(crate) struct SufficiencyPage {
    chrome: Chrome,
    intro: String,
    width: usize,
    bars: Vec<Bar>,
}

/// The tallest bar, in SVG units.
const TALLEST: usize = 110;

fn bars(rows: &[Row]) -> Vec<Bar> {
    let top = rows
        .iter()
        .map(|r| r.children.max(r.adopters))
        .max()
        .unwrap_or(0)
        .max(1);
    rows.iter()
        .enumerate()
        .map(|(i, r)| Bar {
            dimension: r.dimension,
            label: r.category,
            short: r.category.chars().take(11).collect(),
            children: r.children,
            adopters: r.adopters,
            gap: r.gap(),
            x: 6 + 62 * i,
            children_height: r.children * TALLEST / top,
            adopters_height: r.adopters * TALLEST / top,
        })
        .collect()
}

const HEADERS: [&str; 5] = [
    "By",
    "Category",
    "Children waiting",
    "Adopters approved for them",
    "Adopters less children",
];

/// The sufficiency page, or its table as CSV or XLSX.
pub(crate) async fn sufficiency(caller: Caller, Query(q): Query<FormatQuery>) -> Page {
    let (rows, children, adopters) = caller
        .page(|c| app::adoption::adoption_sufficiency(&c.store, c.user(), c.clock(), &c.from))
        .await?;
    if let Some(format) = export_format(q.format.as_deref()) {
        let data: Vec<Vec<Datum>> = rows
            .iter()
            .map(|r| {
                vec![
                    Datum::text(r.dimension),
                    Datum::text(r.category),
                    Datum::count(Some(r.children as i64)),
                    Datum::count(Some(r.adopters as i64)),
                    Datum::count(Some(r.gap())),
                ]
            })
            .collect();
        caller
            .audit_export("adoption_sufficiency", data.len())
            .await;
        return Ok(export_response(
            format,
            "adoption-sufficiency",
            &HEADERS,
            &data,
        ));
    }
    let bars = bars(&rows);
    Ok(render(
        axum::http::StatusCode::OK,
        &SufficiencyPage {
            chrome: Chrome::new(
                "Sufficiency: children waiting and adopters approved",
                Some(&caller.signed),
                "/households",
            ),
            intro: format!(
                "On {}: {children} children wait under a placement order, not yet placed; {adopters} adopter households are approved and waiting. A child counts once in each grouping; adopters count in every age band, group size and need their approval covers.",
                long_date(caller.today())
            ),
            width: 12 + 62 * bars.len(),
            bars,
        },
    ))
}
