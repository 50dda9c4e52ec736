//! Words and dates as the pages show them and read them back.

use chrono::NaiveDate;
use domain::codes::CodeList;

/// A date as people write it: 7 December 2026. (Written directly: chrono's
/// formatter reads its pattern again for every date, and lists show many.)
pub(crate) fn long_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if !(1000..=9999).contains(&d.year()) {
        return d.format("%-d %B %Y").to_string();
    }
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_read_as_chrono_writes_them() {
        let mut day = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        while day < NaiveDate::from_ymd_opt(2031, 1, 1).unwrap() {
            assert_eq!(long_date(day), day.format("%-d %B %Y").to_string());
            day = day.succ_opt().unwrap();
        }
        for (y, m, d) in [(1, 1, 1), (999, 12, 31), (1000, 1, 1), (9999, 12, 31)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(long_date(day), day.format("%-d %B %Y").to_string());
        }
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()),
            "7 December 2026"
        );
    }
}
