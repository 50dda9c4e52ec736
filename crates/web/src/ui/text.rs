//! Words and dates as the pages show them and read them back.

use chrono::NaiveDate;
use domain::codes::CodeList;

pub(crate) fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

pub(crate) fn code_text<C: CodeList>(c: Option<C>) -> String {
    c.map(|c| format!("{} {}", c.code(), c.description()))
        .unwrap_or_default()
}

pub(crate) fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(long_date).unwrap_or_default()
}

pub(crate) fn date_text(d: Option<NaiveDate>) -> String {
    d.map(long_date).unwrap_or_else(|| "Not recorded".into())
}

/// Reads a date typed as 27/3/2026 or 2026-03-27.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
}

pub(crate) fn form_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

pub(crate) fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}
