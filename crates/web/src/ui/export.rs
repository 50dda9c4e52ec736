//! Exports people open in a spreadsheet: CSV and XLSX with typed cells.
//!
//! A list's rows are [`Datum`]s: text, a date, a date and time (in UK
//! local time), or a number. The CSV starts with a UTF-8 byte-order mark
//! (so Excel reads "–" and "é" as written) and writes dates as ISO 8601
//! (`2026-12-07`); the XLSX, written with `rust_xlsxwriter`, holds dates as
//! dates and numbers as numbers. Text cells in both pass through
//! [`spreadsheet_text`], so nothing a person typed runs as a formula.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::ui::{Cell, csv_field, spreadsheet_text};

/// One cell of an export, with its type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Datum {
    Text(String),
    Date(NaiveDate),
    /// A date and time in UK local time (see [`crate::ui::uk_local`]).
    Time(NaiveDateTime),
    Number(f64),
    /// Nothing recorded.
    Empty,
}

impl Datum {
    /// A date, or an empty cell when there is none.
    pub(crate) fn date(d: Option<NaiveDate>) -> Self {
        d.map_or(Datum::Empty, Datum::Date)
    }

    /// A whole number, or an empty cell when there is none.
    pub(crate) fn count(n: Option<i64>) -> Self {
        n.map_or(Datum::Empty, |n| Datum::Number(n as f64))
    }

    /// Text, empty when blank.
    pub(crate) fn text(s: impl Into<String>) -> Self {
        Datum::Text(s.into())
    }

    /// The cell as a CSV field: ISO dates, plain numbers, safe text.
    fn csv(&self) -> String {
        match self {
            Datum::Text(t) => csv_field(t),
            Datum::Date(d) => d.format("%Y-%m-%d").to_string(),
            Datum::Time(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Datum::Number(n) => n.to_string(),
            Datum::Empty => String::new(),
        }
    }
}

impl From<&Cell> for Datum {
    fn from(c: &Cell) -> Self {
        Datum::Text(c.text.clone())
    }
}

/// The UTF-8 byte-order mark a CSV starts with.
pub(crate) const BOM: &str = "\u{feff}";

/// A CSV of the rows, with a byte-order mark, as text.
pub(crate) fn csv_text(headers: &[&str], rows: &[Vec<Datum>]) -> String {
    let mut out = String::from(BOM);
    out.push_str(
        &headers
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.iter().map(Datum::csv).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// An .xlsx workbook of one sheet: a bold header row, then the rows typed.
pub(crate) fn xlsx_bytes(
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<Datum>],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet)?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, datum) in row.iter().enumerate() {
            let c = c as u16;
            match datum {
                Datum::Text(t) => {
                    ws.write_string(r, c, spreadsheet_text(t))?;
                }
                Datum::Date(d) => {
                    ws.write_datetime_with_format(r, c, excel_date(*d)?, &date)?;
                }
                Datum::Time(t) => {
                    let at = excel_date(t.date())?.and_hms(
                        t.hour() as u16,
                        t.minute() as u8,
                        f64::from(t.second()),
                    )?;
                    ws.write_datetime_with_format(r, c, at, &time)?;
                }
                Datum::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Datum::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    book.save_to_buffer()
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// A download of the rows as `format` (`xlsx`, or CSV otherwise), named
/// `name` with the format's extension.
pub(crate) fn export_response(
    format: &str,
    name: &str,
    headers: &[&str],
    rows: &[Vec<Datum>],
) -> Response {
    let (kind, extension, body) = if format == "xlsx" {
        match xlsx_bytes("Export", headers, rows) {
            Ok(bytes) => (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
                bytes,
            ),
            Err(_) => {
                return (
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    "Sorry, the spreadsheet could not be made. Download the CSV instead.",
                )
                    .into_response();
            }
        }
    } else {
        (
            "text/csv; charset=utf-8",
            "csv",
            csv_text(headers, rows).into_bytes(),
        )
    };
    (
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{extension}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The export formats a list offers, as its `format` query asks.
pub(crate) fn export_format(asked: Option<&str>) -> Option<&'static str> {
    match asked {
        Some("csv") => Some("csv"),
        Some("xlsx") => Some("xlsx"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_starts_with_a_byte_order_mark_and_writes_iso_dates_and_plain_numbers() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let text = csv_text(
            &["When", "Days", "Note"],
            &[vec![
                Datum::Date(d),
                Datum::Number(385.0),
                Datum::text("=cmd – x"),
            ]],
        );
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("2026-12-07,385,'=cmd – x"), "{text}");
    }
}
