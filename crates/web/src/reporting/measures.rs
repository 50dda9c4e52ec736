//! The performance page (`/performance?period=2024-25`): each measure's
//! value, target, RAG (a tag with words), polarity and direction of travel,
//! its trend over the last three periods as a chart with its data table,
//! and a link from each figure to the children behind it
//! (`/performance/{key}?period=...`). The table downloads as CSV or XLSX.

use app::reporting::PerformanceView;
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use domain::reporting::conventions::{PERIOD_PROBLEM, Period};
use domain::reporting::measures::{Measure, Unit};
use serde::Deserialize;

use crate::handler::*;
use crate::ui::*;

#[derive(Deserialize, Default)]
pub(crate) struct PeriodQuery {
    #[serde(default)]
    pub(crate) period: String,
    #[serde(default)]
    pub(crate) format: Option<String>,
    /// The committee report's table to download (`rpt-004`).
    #[serde(default)]
    pub(crate) table: Option<String>,
}

/// One bar of a trend chart and its row in the chart's table.
pub(crate) struct Bar {
    pub label: String,
    pub value: String,
    /// Whether the period has a figure.
    pub known: bool,
    pub x: u32,
    pub y: u32,
    pub height: u32,
}

/// A measure as the page shows it.
pub(crate) struct Shown {
    pub key: &'static str,
    pub id: &'static str,
    pub name: &'static str,
    pub definition: &'static str,
    pub value: String,
    pub href: String,
    pub counts: String,
    pub target: String,
    /// The RAG's words and tag colour.
    pub rag: Option<(&'static str, &'static str)>,
    pub polarity: &'static str,
    pub direction: String,
    pub bars: Vec<Bar>,
    pub over_trend: Option<String>,
}

#[derive(Template)]
#[template(path = "performance.html")]
pub(crate) struct PerformancePage {
    chrome: Chrome,
    intro: String,
    period: String,
    csv_href: String,
    xlsx_href: String,
    measures: Vec<Shown>,
}

/// The chart's height for the tallest bar, in SVG units.
const CHART_HEIGHT: u32 = 100;

fn shown_value(unit: Unit, value: Option<f64>) -> String {
    value.map_or_else(|| "No figure".to_owned(), |v| unit.show(v))
}

/// A measure's figure as the page states it, with its counts; a measure
/// the records cannot give says so, and why, instead.
fn figure_text(
    m: &Measure,
    value: Option<f64>,
    counts: (usize, Option<usize>),
) -> (String, String) {
    match m.not_measured {
        Some(why) => ("Not measured".to_owned(), why.to_owned()),
        None => (
            shown_value(m.unit, value),
            counts_text(counts.0, counts.1, m.unit),
        ),
    }
}

fn target_text(m: &Measure) -> String {
    m.target
        .map_or_else(|| "None".to_owned(), |t| m.unit.show(t))
}

fn counts_text(numerator: usize, denominator: Option<usize>, unit: Unit) -> String {
    match denominator {
        Some(d) => format!("{numerator} of {d}"),
        None => format!("{numerator} {}", unit.counts()),
    }
}

fn bars(unit: Unit, trend: &[(Period, Option<f64>)]) -> Vec<Bar> {
    let top = trend
        .iter()
        .filter_map(|(_, v)| *v)
        .fold(0.0_f64, f64::max)
        .max(if unit == Unit::Percent { 100.0 } else { 1.0 });
    trend
        .iter()
        .enumerate()
        .map(|(i, (p, v))| {
            let height = v.map_or(0, |v| ((v / top) * f64::from(CHART_HEIGHT)).round() as u32);
            Bar {
                label: p.label(),
                value: shown_value(unit, *v),
                known: v.is_some(),
                x: 10 + 100 * i as u32,
                y: 20 + CHART_HEIGHT - height,
                height,
            }
        })
        .collect()
}

/// The columns of the measures' table as it downloads.
pub(crate) const TABLE_HEADERS: [&str; 10] = [
    "Measure ID",
    "Measure",
    "Period",
    "Value",
    "Numerator",
    "Denominator",
    "Target",
    "RAG",
    "Polarity",
    "Change from the period before",
];

/// The measures' table of a view, a row a measure, typed for a download.
pub(crate) fn table_rows(view: &PerformanceView) -> Vec<Vec<Datum>> {
    view.rows
        .iter()
        .map(|r| {
            vec![
                Datum::text(r.measure.id),
                Datum::text(r.measure.name),
                Datum::text(view.period.label()),
                r.value.map_or(Datum::Empty, |v| {
                    Datum::Number(domain::reporting::conventions::one_decimal(v))
                }),
                Datum::count(Some(r.numerator as i64)),
                Datum::count(r.denominator.map(|d| d as i64)),
                r.measure.target.map_or(Datum::Empty, Datum::Number),
                Datum::text(r.rag.map_or("", |g| g.label())),
                Datum::text(r.measure.polarity.label()),
                Datum::text(r.direction.map_or("", |d| d.label())),
            ]
        })
        .collect()
}

/// Each measure of a view as the pages show it.
pub(crate) fn shown(view: &PerformanceView) -> Vec<Shown> {
    let code = view.period.code();
    view.rows
        .iter()
        .map(|r| {
            let (value, counts) = figure_text(r.measure, r.value, (r.numerator, r.denominator));
            Shown {
                key: r.measure.key,
                id: r.measure.id,
                name: r.measure.name,
                definition: r.measure.definition,
                value,
                href: format!("/performance/{}?period={code}", r.measure.key),
                counts,
                target: target_text(r.measure),
                rag: r.rag.map(|g| (g.label(), g.colour())),
                polarity: r.measure.polarity.label(),
                direction: r
                    .direction
                    .map_or_else(|| "No earlier figure".to_owned(), |d| d.label().to_owned()),
                // A measure the records cannot give has no chart: only why.
                bars: if r.measure.not_measured.is_some() {
                    Vec::new()
                } else {
                    bars(r.measure.unit, &r.trend)
                },
                over_trend: r.over_trend.map(|v| r.measure.unit.show(v)),
            }
        })
        .collect()
}

fn period_of(caller: &Caller, asked: &str) -> Result<Period, Period> {
    let this_year = Period::year_of(caller.today());
    if asked.trim().is_empty() {
        return Ok(this_year);
    }
    Period::parse(asked).map_err(|_| this_year)
}

/// The period asked for (this financial year if none), or the page saying
/// how to write one.
pub(crate) fn period_asked(
    caller: &Caller,
    asked: &str,
) -> Result<Period, axum::response::Response> {
    period_of(caller, asked).map_err(|_| {
        caller.message(
            StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &[&format!("{PERIOD_PROBLEM}.")],
        )
    })
}

/// Every measure for a period, with its trend; or the table as CSV or XLSX.
pub(crate) async fn performance(caller: Caller, Query(q): Query<PeriodQuery>) -> Page {
    let (period, errors) = match period_of(&caller, &q.period) {
        Ok(p) => (p, Vec::new()),
        Err(p) => (
            p,
            vec![FieldError {
                field: "period",
                message: PERIOD_PROBLEM.to_owned(),
            }],
        ),
    };
    let view = caller
        .page(move |c| app::reporting::performance(&c.store, c.user(), c.clock(), period, &c.from))
        .await?;
    let code = period.code();
    if let (Some(format), true) = (export_format(q.format.as_deref()), errors.is_empty()) {
        let rows = table_rows(&view);
        caller.audit_export("performance", rows.len()).await;
        return Ok(export_response(
            format,
            &format!("performance-{code}"),
            &TABLE_HEADERS,
            &rows,
        ));
    }
    let measures = shown(&view);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(render(
        status,
        &PerformancePage {
            chrome: Chrome::new(
                format!("Performance: {}", period.label()),
                Some(&caller.signed),
                "/performance",
            )
            .with_errors(errors),
            intro: format!(
                "Computed from the records for {} ({} to {}), as at {}. Each figure links to the children behind it.",
                period.label(),
                long_date(period.start()),
                long_date(period.end()),
                long_date(view.as_at),
            ),
            period: code.clone(),
            csv_href: format!("/performance?period={code}&format=csv"),
            xlsx_href: format!("/performance?period={code}&format=xlsx"),
            measures,
        },
    ))
}

/// The children behind one measure's figure for a period, with why each
/// counts; or the list as CSV or XLSX.
pub(crate) async fn measure_children(
    caller: Caller,
    Path(key): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Page {
    let period = match period_asked(&caller, &q.period) {
        Ok(p) => p,
        Err(refused) => return Ok(refused),
    };
    let list = caller
        .page(move |c| {
            app::reporting::measure_children(&c.store, c.user(), c.clock(), &key, period, &c.from)
        })
        .await?;
    let m = list.measure;
    let who = list.lines.first().map_or("Child", |l| l.who.label());
    let headers = vec![who, "Name", "How counted", "Why", "Days"];
    let line = |l: &app::reporting::ChildLine| {
        vec![
            Datum::text(l.who.id()),
            Datum::text(l.name.clone().unwrap_or_default()),
            Datum::text(l.counted.label()),
            Datum::text(l.why.clone()),
            Datum::count(l.days),
        ]
    };
    let code = period.code();
    if let Some(format) = export_format(q.format.as_deref()) {
        let rows: Vec<Vec<Datum>> = list.lines.iter().map(line).collect();
        caller
            .audit_export("performance_children", rows.len())
            .await;
        return Ok(export_response(
            format,
            &format!("{}-{code}", m.key),
            &headers,
            &rows,
        ));
    }
    let named = list.lines.iter().any(|l| l.name.is_some());
    let rows = list
        .lines
        .iter()
        .map(|l| {
            vec![
                Cell {
                    text: l.who.id().to_owned(),
                    // A child is linked for those who may open their record.
                    href: l.name.as_ref().map(|_| l.who.href()),
                },
                cell(l.name.clone().unwrap_or_else(|| "Not shown".to_owned())),
                cell(l.counted.label()),
                cell(l.why.clone()),
                cell(l.days.map(|d| d.to_string()).unwrap_or_default()),
            ]
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &TablePage {
            chrome: Chrome::new(
                format!("{} ({})", m.name, m.id),
                Some(&caller.signed),
                "/performance",
            ),
            intro: vec![
                {
                    let (value, counts) =
                        figure_text(m, list.value, (list.numerator, list.denominator));
                    format!(
                        "{}: {value} ({counts}), as at {}.",
                        period.label(),
                        long_date(list.as_at)
                    )
                },
                m.definition.to_owned(),
                if who != "Child" {
                    format!(
                        "Each {} is listed by identifier with how it counts and why; no one is named.",
                        who.to_lowercase()
                    )
                } else if named {
                    "Each child is listed with how they count and why.".to_owned()
                } else {
                    "Children are shown by identifier only: your role does not include their records.".to_owned()
                },
            ],
            chart: Vec::new(),
            action: "/performance/measure",
            filters: Vec::new(),
            csv_href: Some(format!("/performance/{}?period={code}&format=csv", m.key)),
            headers,
            rows,
            prev_href: None,
            next_href: None,
        },
    ))
}
