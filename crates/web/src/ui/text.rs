//! Words and dates as the pages show them and read them back.

use chrono::NaiveDate;
use domain::codes::CodeList;

use crate::ui::sentence;

/// A date as people write it: 7 December 2026. (Written directly: chrono's
/// formatter reads its pattern again for every date, and lists show many.)
pub(crate) fn long_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = domain::calendar::MONTH_NAMES;
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

/// An instant as people in England read it, on their clocks (GMT or BST):
/// `7 December 2026 at 2:05pm`.
pub(crate) fn uk_time(at: domain::time::Timestamp) -> String {
    let local = domain::time::england_time(at);
    format!(
        "{} at {}",
        long_date(local.date()),
        local.format("%-I:%M%P")
    )
}

/// An audit event's details (JSON as the trail keeps it) as words:
/// `{"rows":5,"from":"web"}` reads "Rows: 5. From: web". Text that is not
/// a JSON object is shown as it is.
pub(crate) fn readable_details(details: &str) -> String {
    fn value(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::Null => "none".into(),
            serde_json::Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(items) => {
                items.iter().map(value).collect::<Vec<_>>().join(", ")
            }
            serde_json::Value::Object(map) => fields(map),
            n => n.to_string(),
        }
    }
    fn fields(map: &serde_json::Map<String, serde_json::Value>) -> String {
        map.iter()
            .map(|(k, v)| format!("{}: {}", sentence(k.replace('_', " ")), value(v)))
            .collect::<Vec<_>>()
            .join(". ")
    }
    match serde_json::from_str::<serde_json::Value>(details) {
        Ok(serde_json::Value::Object(map)) => fields(&map),
        _ => details.to_owned(),
    }
}

/// An action's code as words: `view_child` reads "View child".
pub(crate) fn action_words(code: &str) -> String {
    sentence(code.replace(['_', '.'], " "))
}

/// Pence as pounds and pence (£1,200.00).
pub(crate) fn pounds(pence: u64) -> String {
    domain::passport::ledger::pounds(pence as i64)
}

/// Pounds typed as 1200, 1,200 or 1200.50, in pence.
pub(crate) fn parse_pence(text: &str) -> Option<u64> {
    let t: String = text.trim().trim_start_matches('£').replace(',', "");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let pence = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse::<u64>().ok()?
    };
    whole
        .parse::<u64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(pence)
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

    #[test]
    fn times_show_on_uk_clocks_and_details_as_words() {
        let at = |s: &str| {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .with_timezone(&chrono::Utc)
        };
        assert_eq!(uk_time(at("2026-07-01T13:05:00Z")), "1 July 2026 at 2:05pm");
        assert_eq!(
            uk_time(at("2026-12-07T09:30:00Z")),
            "7 December 2026 at 9:30am"
        );
        assert_eq!(
            readable_details(r#"{"rows":5,"from":"web","ok":true,"ids":["a","b"]}"#),
            "From: web. Ids: a, b. Ok: yes. Rows: 5"
        );
        assert_eq!(readable_details("not json"), "not json");
        assert_eq!(action_words("view_child"), "View child");
    }
}
