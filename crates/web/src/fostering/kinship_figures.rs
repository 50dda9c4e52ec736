//! The kinship compliance page (`/kinship/compliance?period=2025-26`): the
//! Kinship TAC compliance measures against their 95% target and 92% floor
//! (KPI-KIN-04), connected households' share of fostering households
//! (KIN-018), net growth against the strategy's 25 a year (KIN-017),
//! connected placements and the agency cost they avoid (COST-001),
//! breakdowns and moves to special guardianship (KIN-014, SG-010), the
//! annual series (KIN-020) and special guardians in the support window
//! (SG-006); each figure with the households behind it. `&format=csv` (or
//! `xlsx`) downloads every figure's households, a line each.

use axum::extract::Query;
use domain::fostering::kinship_figures::{Figure, Value};

use crate::handler::{Caller, Page};
use crate::reporting::{PeriodQuery, period_asked};
use crate::ui::{
    Cell, Chrome, Datum, Part, RecordPage, cell, export_format, export_response, long_date, part,
};

/// A figure's value in words.
fn value_text(f: &Figure) -> String {
    match f.value {
        Value::Percent(Some(v)) => format!("{v:.1}%"),
        Value::Percent(None) => "No figure (no households)".into(),
        Value::Count(n) => n.to_string(),
        Value::Pence(p) => crate::ui::pounds(p.max(0) as u64),
    }
}

fn counts_text(f: &Figure) -> String {
    match f.denominator {
        Some(d) => format!("{} of {d}", f.numerator),
        None => format!("{} households' entries", f.cases.len()),
    }
}

const HEADERS: [&str; 10] = [
    "Rule",
    "Figure",
    "Value",
    "Target",
    "RAG",
    "Household",
    "Household name",
    "Role",
    "Date",
    "Counted",
];

/// Every figure's households, a line each, for the download.
fn export_rows(figures: &[Figure]) -> Vec<Vec<Datum>> {
    let mut rows = Vec::new();
    for f in figures {
        let head = || {
            vec![
                Datum::text(f.rule),
                Datum::text(f.name),
                Datum::text(value_text(f)),
                Datum::text(f.target.unwrap_or("")),
                Datum::text(f.rag.map_or("", |r| r.label())),
            ]
        };
        if f.cases.is_empty() {
            let mut row = head();
            row.extend(std::iter::repeat_n(Datum::Empty, 5));
            rows.push(row);
        }
        for c in &f.cases {
            let mut row = head();
            row.extend([
                Datum::text(c.household.clone()),
                Datum::text(c.name.clone()),
                Datum::text(c.role.clone()),
                Datum::date(c.on),
                Datum::text(if c.counted {
                    format!("Yes: {}", c.detail)
                } else {
                    format!("No: {}", c.detail)
                }),
            ]);
            rows.push(row);
        }
    }
    rows
}

fn summary(figures: &[Figure]) -> Part {
    let mut p = part("figures", "Figures");
    p.table_headers = ["Figure", "Value", "Counts", "Target", "RAG", "Year before"]
        .map(String::from)
        .to_vec();
    p.table_rows = figures
        .iter()
        .map(|f| {
            vec![
                Cell {
                    text: format!("{} ({})", f.name, f.rule),
                    href: Some(format!("#{}", f.key)),
                },
                cell(value_text(f)),
                cell(counts_text(f)),
                cell(f.target.unwrap_or("None")),
                cell(f.rag.map_or("", |r| r.label())),
                cell(f.change().unwrap_or_default()),
            ]
        })
        .collect();
    p
}

/// One figure's part: what it counts by, and its households.
fn figure_part(f: &Figure) -> Part {
    let mut p = part(f.key, &format!("{} ({})", f.name, f.rule));
    p.rows = vec![("Value".into(), value_text(f))];
    p.rows.extend(
        f.breakdown
            .iter()
            .map(|(k, n)| (format!("Orders made in {k}"), n.to_string())),
    );
    if f.cases.is_empty() {
        p.paragraphs
            .push("No households behind this figure.".into());
        return p;
    }
    p.table_headers = ["Household", "Role", "Date", "Counted", "Why"]
        .map(String::from)
        .to_vec();
    p.table_rows = f
        .cases
        .iter()
        .map(|c| {
            vec![
                Cell {
                    text: c.name.clone(),
                    href: Some(format!("/households/{}", c.household)),
                },
                cell(c.role.clone()),
                cell(c.on.map(long_date).unwrap_or_default()),
                cell(if c.counted { "Yes" } else { "No" }),
                cell(c.detail.clone()),
            ]
        })
        .collect();
    p
}

/// The kinship figures of a year with their households, or their download.
pub(crate) async fn kinship_compliance(caller: Caller, Query(q): Query<PeriodQuery>) -> Page {
    let period = match period_asked(&caller, &q.period) {
        Ok(p) => p,
        Err(refused) => return Ok(refused),
    };
    let figures = caller
        .page(move |c| {
            app::fostering::kinship_figures::kinship_compliance(
                &c.store,
                c.user(),
                c.clock(),
                period,
                &c.from,
            )
        })
        .await?;
    let code = period.code();
    if let Some(format) = export_format(q.format.as_deref()) {
        let rows = export_rows(&figures);
        caller.audit_export("kinship_compliance", rows.len()).await;
        return Ok(export_response(
            format,
            &format!("kinship-{code}"),
            &HEADERS,
            &rows,
        ));
    }
    let mut about = part("about", "About these figures");
    about.paragraphs.push(format!(
        "{} ({} to {}), as at {}. Each compliance measure is the share of approved kinship households meeting it: the target is 95%, and below 92% it is red.",
        period.label(),
        long_date(period.start()),
        long_date(period.end()),
        long_date(caller.today().min(period.end())),
    ));
    about.links = vec![
        (
            format!("/kinship/compliance?period={code}&format=csv"),
            "Download the households behind every figure (CSV)".into(),
        ),
        (
            format!("/kinship/compliance?period={}", period.previous().code()),
            format!("The year before ({})", period.previous().label()),
        ),
    ];
    let mut p = RecordPage::new(Chrome::new(
        format!("Kinship figures: {}", period.label()),
        Some(&caller.signed),
        "/households",
    ));
    p.sections = vec![about, summary(&figures)];
    p.sections.extend(figures.iter().map(figure_part));
    Ok(p.respond())
}
