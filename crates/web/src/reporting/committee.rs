//! The committee report (`/performance/report?period=2024-25`): the
//! period's measures section by section as chapter 40 orders them, each
//! section a table of the measures over the last three periods with
//! target, RAG and change, then each measure's chart with its table and
//! a link to the children behind it, and the section's tables as the RPT-
//! entries lay them out (`app::reporting::committee_report`), after the
//! committee's heading and the cover report. It is laid out for paper (a
//! section to a page); each table downloads as CSV or XLSX
//! (`&table=rpt-004&format=csv`); `permanence report` writes the same
//! document to a file, or the measures' table as CSV or XLSX.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use domain::reporting::measures::SECTIONS;

use super::measures::{PeriodQuery, Shown, TABLE_HEADERS, period_asked, shown, table_rows};
use crate::handler::*;
use crate::ui::*;
use app::reporting::{CommitteeView, PerformanceView, ReportTable};
use domain::reporting::committee_layout::CoverSection;

/// One section of the report and its measures.
pub(crate) struct ReportSection {
    pub title: &'static str,
    /// RPT-005: a headline for each measure with a figure this period and
    /// the one before.
    pub headlines: Vec<String>,
    /// RPT-020: the section's recruitment funnel, where it has one.
    pub funnel: Option<String>,
    pub measures: Vec<Shown>,
    /// The section's tables as the RPT- entries lay them out.
    pub tables: Vec<ReportTable>,
}

/// RPT-020: the funnels of the report's sections: (section, its stages as
/// (measure key, what the stage counts)).
const FUNNELS: &[(&str, &[(&str, &str)])] = &[
    (
        "Fostering",
        &[
            ("fos-01-enquiries", "enquiries"),
            ("fos-01-visits", "initial visits"),
            ("fos-01-assessments", "assessments begun"),
            ("fos-01-approved", "approvals"),
        ],
    ),
    (
        "Adoption",
        &[
            ("adp-08-enquiries", "enquiries"),
            ("adp-08-registrations", "Stage One starts"),
            ("adp-09", "approvals"),
        ],
    ),
];

/// RPT-020: the funnel of a section for the period, from its measures.
fn funnel(view: &PerformanceView, title: &str) -> Option<String> {
    let (_, stages) = FUNNELS.iter().find(|(t, _)| *t == title)?;
    let counts: Vec<(&str, usize)> = stages
        .iter()
        .map(|(key, what)| {
            let n = view.rows.iter().find(|r| r.measure.key == *key)?.numerator;
            Some((*what, n))
        })
        .collect::<Option<_>>()?;
    Some(domain::reporting::conventions::funnel(&counts))
}

/// RPT-005: "<value> <measure> compared to <value> for <period before>".
fn headline(m: &Shown) -> Option<String> {
    let [.., before, now] = m.bars.as_slice() else {
        return None;
    };
    (now.known && before.known).then(|| {
        format!(
            "{} {} compared to {} for {}",
            now.value, m.name, before.value, before.label
        )
    })
}

/// The report of a period.
pub(crate) struct Report {
    pub title: String,
    pub intro: String,
    /// The period's label and its code in links.
    pub period: String,
    pub code: String,
    /// The trend's periods, oldest first (the columns of each summary).
    pub periods: Vec<String>,
    pub sections: Vec<ReportSection>,
    /// RPT-001: the committee and whose report it is.
    pub committee: &'static str,
    pub report_of: &'static str,
    /// RPT-002: the cover report.
    pub cover: Vec<CoverSection>,
    /// The tables of no section of measures (RPT-012, RPT-017, RPT-018).
    pub appendices: Vec<ReportTable>,
}

fn report(committee: &CommitteeView) -> Report {
    let view = &committee.performance;
    let mut tables = committee.tables.clone();
    let mut all: Vec<(&'static str, Shown)> = view
        .rows
        .iter()
        .map(|r| r.measure.section())
        .zip(shown(view))
        .collect();
    let titles = SECTIONS.iter().map(|(_, t)| *t).chain(["Other measures"]);
    let sections = titles
        .filter_map(|title| {
            let (of, rest): (Vec<_>, Vec<_>) = all.drain(..).partition(|(s, _)| *s == title);
            all = rest;
            let measures: Vec<Shown> = of.into_iter().map(|(_, m)| m).collect();
            (!measures.is_empty()).then(|| {
                let (of, rest): (Vec<_>, Vec<_>) =
                    tables.drain(..).partition(|t| t.section == title);
                tables = rest;
                ReportSection {
                    title,
                    headlines: measures.iter().filter_map(headline).collect(),
                    funnel: funnel(view, title),
                    measures,
                    tables: of,
                }
            })
        })
        .collect();
    let period = view.period.label();
    Report {
        title: format!("Performance report for the committee: {period}"),
        intro: format!(
            "Every figure is computed from the records for {period} ({} to {}), as at {}, and can be traced to the children behind it. Each measure's chart has its table beside it.",
            long_date(view.period.start()),
            long_date(view.period.end()),
            long_date(view.as_at),
        ),
        code: view.period.code(),
        periods: view
            .rows
            .first()
            .map(|r| r.trend.iter().map(|(p, _)| p.label()).collect())
            .unwrap_or_default(),
        period,
        sections,
        committee: committee.committee,
        report_of: committee.report_of,
        cover: committee.cover.clone(),
        appendices: tables,
    }
}

#[derive(Template)]
#[template(path = "committee_report.html")]
pub(crate) struct CommitteeReportPage {
    chrome: Chrome,
    report: Report,
}

#[derive(Template)]
#[template(path = "committee_report_file.html")]
struct CommitteeReportFile {
    report: Report,
}

/// The committee report of a period, as a page to read or print.
pub(crate) async fn committee_report(caller: Caller, Query(q): Query<PeriodQuery>) -> Page {
    let period = match period_asked(&caller, &q.period) {
        Ok(p) => p,
        Err(refused) => return Ok(refused),
    };
    let view = caller
        .page(move |c| {
            app::reporting::committee_report(&c.store, c.user(), c.clock(), period, &c.from)
        })
        .await?;
    if let Some(format) = export_format(q.format.as_deref()) {
        let asked = q.table.as_deref().unwrap_or_default();
        let Some(table) = view.table(asked) else {
            return Ok(caller.message(
                StatusCode::NOT_FOUND,
                "Page not found",
                &[&format!("The report has no table '{asked}'.")],
            ));
        };
        let head: Vec<&str> = table.head.iter().map(String::as_str).collect();
        let rows: Vec<Vec<Datum>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| Datum::text(c.clone())).collect())
            .collect();
        caller.audit_export("committee_report", rows.len()).await;
        return Ok(export_response(
            format,
            &format!("{}-{}", table.id, period.code()),
            &head,
            &rows,
        ));
    }
    let report = report(&view);
    Ok(render(
        StatusCode::OK,
        &CommitteeReportPage {
            chrome: Chrome::new(report.title.clone(), Some(&caller.signed), "/performance"),
            report,
        },
    ))
}

/// The committee report of `view` as a whole HTML document, for a file.
pub fn committee_report_document(view: &CommitteeView) -> Result<String, String> {
    CommitteeReportFile {
        report: report(view),
    }
    .render()
    .map_err(|e| e.to_string())
}

/// The measures' table of `view` as CSV text.
pub fn performance_csv(view: &PerformanceView) -> String {
    csv_text(&TABLE_HEADERS, &table_rows(view))
}

/// The measures' table of `view` as an XLSX workbook.
pub fn performance_xlsx(view: &PerformanceView) -> Result<Vec<u8>, String> {
    xlsx_bytes("Measures", &TABLE_HEADERS, &table_rows(view)).map_err(|e| e.to_string())
}
