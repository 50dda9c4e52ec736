//! `permanence report`: the committee report of a period written to a
//! file, as the page `/performance/report` shows it (HTML laid out for
//! paper), or the measures' table as CSV or XLSX. The figures are read as
//! a performance analyst would read them, and the read is audited under
//! the command's name.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use domain::access::User;
use domain::reporting::conventions::Period;
use domain::roles::Role;
use domain::time::Clock;
use store::Store;

/// What the report is written as.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// The whole report as one HTML document, laid out for printing.
    Html,
    /// The measures' table as CSV.
    Csv,
    /// The measures' table as a spreadsheet.
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The period: a financial year like 2024-25, or a quarter like
    /// 2024-25-q1 [default: this financial year].
    #[arg(long, value_parser = parse_period)]
    period: Option<Period>,
    /// What to write.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    format: ReportFormat,
    /// The file to write [default: committee-report-PERIOD.html (or .csv,
    /// .xlsx) in the current folder].
    #[arg(long)]
    out: Option<PathBuf>,
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).map_err(str::to_owned)
}

/// Who reads the figures for the command: a performance analyst, so the
/// report holds no child's name.
fn reader() -> User {
    User {
        username: "permanence-report".to_owned(),
        display_name: "The report command".to_owned(),
        role: Role::PerformanceAnalyst,
        team: None,
        worker_id: None,
    }
}

/// Writes the report of the period asked for; says where.
pub fn run(store: &Store, args: ReportArgs) -> Result<()> {
    let clock = app::SystemClock;
    let period = args
        .period
        .unwrap_or_else(|| Period::year_of(clock.today()));
    let report =
        app::reporting::committee_report(store, &reader(), &clock, period, "command line")?;
    let view = &report.performance;
    let (extension, bytes) = match args.format {
        ReportFormat::Html => (
            "html",
            web::committee_report_document(&report)
                .map_err(anyhow::Error::msg)?
                .into_bytes(),
        ),
        ReportFormat::Csv => ("csv", web::performance_csv(view).into_bytes()),
        ReportFormat::Xlsx => (
            "xlsx",
            web::performance_xlsx(view).map_err(anyhow::Error::msg)?,
        ),
    };
    let out = args.out.unwrap_or_else(|| {
        PathBuf::from(format!("committee-report-{}.{extension}", period.code()))
    });
    std::fs::write(&out, bytes)
        .with_context(|| format!("writing the report to {}", out.display()))?;
    println!("The {} report is in {}", period.label(), out.display());
    Ok(())
}
