//! Time as the service sees it: calendar dates in England, instants in UTC,
//! and a [`Clock`] passed in so that every rule can be tested on any date.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

/// An instant, in UTC, to the second. Audit events and record versions carry one.
pub type Timestamp = DateTime<Utc>;

/// Where the current time comes from. Rules never read the system clock
/// themselves: use cases receive a clock, tests pass a fixed one.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;

    /// Today's calendar date in England (Europe/London), which is what every
    /// statutory timescale counts from.
    fn today(&self) -> NaiveDate {
        england_date(self.now())
    }
}

/// The calendar date in England at an instant.
///
/// British Summer Time runs from 01:00 UTC on the last Sunday of March to
/// 01:00 UTC on the last Sunday of October (the Summer Time Order 2002 and EU
/// Directive 2000/84/EC, which the UK kept). Working this out here avoids a
/// time-zone database for the one zone the service needs.
pub fn england_date(at: Timestamp) -> NaiveDate {
    england_time(at).date()
}

/// Whether British Summer Time is in force at an instant (see [`england_date`]).
pub fn is_summer_time(at: Timestamp) -> bool {
    let year = at.year();
    let bst_starts = last_sunday(year, 3).and_time(one_am()).and_utc();
    let bst_ends = last_sunday(year, 10).and_time(one_am()).and_utc();
    at >= bst_starts && at < bst_ends
}

/// The time on clocks in England (Europe/London) at an instant: UTC in
/// winter, an hour ahead in British Summer Time.
pub fn england_time(at: Timestamp) -> NaiveDateTime {
    let local = if is_summer_time(at) {
        at + chrono::Duration::hours(1)
    } else {
        at
    };
    local.naive_utc()
}

/// The instant a day starts in England (midnight on clocks there): for a
/// day in British Summer Time, 23:00 UTC the day before. Clocks change at
/// 01:00 UTC, never at midnight, so a day's midnight is in the time in
/// force an hour before midnight UTC.
pub fn england_midnight(day: NaiveDate) -> Timestamp {
    let utc_midnight = day.and_time(NaiveTime::MIN).and_utc();
    let summer_guess = utc_midnight - chrono::Duration::hours(1);
    if is_summer_time(summer_guess) {
        summer_guess
    } else {
        utc_midnight
    }
}

fn one_am() -> NaiveTime {
    NaiveTime::from_hms_opt(1, 0, 0).expect("01:00 is a valid time")
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("the first of a month is a valid date");
    let last = first_of_next - Days::new(1);
    let back = last.weekday().num_days_from_sunday();
    last - Days::new(u64::from(back))
}

/// Whether a date falls on Saturday or Sunday.
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whole years between a date of birth and a date: a person's age on that date.
/// Someone born on 29 February becomes a year older on 1 March in common years.
pub fn age_on(date_of_birth: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(date_of_birth).unwrap_or(0)
}

/// Parses an ISO date (`2025-12-15`), with an error that names the field.
pub fn parse_iso_date(field: &'static str, value: &str) -> Result<NaiveDate, DateError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| DateError {
        field,
        value: value.trim().to_owned(),
        expected: "a date as YYYY-MM-DD, for example 2025-12-15",
    })
}

/// Parses a date as the DfE writes it (`15/12/2025`), with an error that names the field.
pub fn parse_uk_date(field: &'static str, value: &str) -> Result<NaiveDate, DateError> {
    NaiveDate::parse_from_str(value.trim(), "%d/%m/%Y").map_err(|_| DateError {
        field,
        value: value.trim().to_owned(),
        expected: "a date as DD/MM/YYYY, for example 15/12/2025",
    })
}

/// A date that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: '{value}' is not a date; expected {expected}")]
pub struct DateError {
    pub field: &'static str,
    pub value: String,
    pub expected: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn england_is_an_hour_ahead_of_utc_in_summer() {
        // 23:30 UTC on 1 July is 00:30 BST on 2 July.
        assert_eq!(
            england_date(utc("2025-07-01T23:30:00Z")),
            NaiveDate::from_ymd_opt(2025, 7, 2).unwrap()
        );
        // In winter England keeps UTC.
        assert_eq!(
            england_date(utc("2025-12-15T23:30:00Z")),
            NaiveDate::from_ymd_opt(2025, 12, 15).unwrap()
        );
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays_at_one_utc() {
        // 2026: BST from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC.
        assert_eq!(
            last_sunday(2026, 3),
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()
        );
        assert_eq!(
            last_sunday(2026, 10),
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()
        );
        assert_eq!(
            england_date(utc("2026-03-28T23:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 3, 28).unwrap()
        );
        assert_eq!(
            england_date(utc("2026-03-29T23:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 3, 30).unwrap()
        );
        assert_eq!(
            england_date(utc("2026-10-25T23:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()
        );
    }

    #[test]
    fn england_clocks_show_bst_in_summer_and_gmt_in_winter_changing_at_one_utc() {
        let clock = |at: &str| england_time(utc(at)).format("%Y-%m-%d %H:%M").to_string();
        assert_eq!(clock("2026-07-01T13:05:00Z"), "2026-07-01 14:05");
        assert_eq!(clock("2026-12-07T13:05:00Z"), "2026-12-07 13:05");
        // 29 March 2026: 00:59 UTC is 00:59 GMT; 01:00 UTC is 02:00 BST.
        assert_eq!(clock("2026-03-29T00:59:00Z"), "2026-03-29 00:59");
        assert_eq!(clock("2026-03-29T01:00:00Z"), "2026-03-29 02:00");
        // 25 October 2026: 00:59 UTC is 01:59 BST; 01:00 UTC is 01:00 GMT.
        assert_eq!(clock("2026-10-25T00:59:00Z"), "2026-10-25 01:59");
        assert_eq!(clock("2026-10-25T01:00:00Z"), "2026-10-25 01:00");
    }

    #[test]
    fn a_day_in_england_starts_at_local_midnight() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            england_midnight(day("2026-07-01")),
            utc("2026-06-30T23:00:00Z")
        );
        assert_eq!(
            england_midnight(day("2026-12-07")),
            utc("2026-12-07T00:00:00Z")
        );
        // The day the clocks go forward starts in GMT; the day they go back, in BST.
        assert_eq!(
            england_midnight(day("2026-03-29")),
            utc("2026-03-29T00:00:00Z")
        );
        assert_eq!(
            england_midnight(day("2026-03-30")),
            utc("2026-03-29T23:00:00Z")
        );
        assert_eq!(
            england_midnight(day("2026-10-25")),
            utc("2026-10-24T23:00:00Z")
        );
        assert_eq!(
            england_midnight(day("2026-10-26")),
            utc("2026-10-26T00:00:00Z")
        );
        for d in ["2026-03-29", "2026-06-15", "2026-10-25", "2026-12-31"] {
            assert_eq!(
                england_time(england_midnight(day(d))).to_string(),
                format!("{d} 00:00:00")
            );
        }
    }

    #[test]
    fn ages_count_whole_years() {
        let dob = NaiveDate::from_ymd_opt(2010, 6, 15).unwrap();
        assert_eq!(
            age_on(dob, NaiveDate::from_ymd_opt(2028, 6, 14).unwrap()),
            17
        );
        assert_eq!(
            age_on(dob, NaiveDate::from_ymd_opt(2028, 6, 15).unwrap()),
            18
        );
        assert_eq!(age_on(dob, NaiveDate::from_ymd_opt(2009, 1, 1).unwrap()), 0);
    }

    #[test]
    fn bad_dates_name_the_field_and_the_expected_form() {
        let err = parse_iso_date("date of birth", "31/02/2020").unwrap_err();
        assert_eq!(
            err.to_string(),
            "date of birth: '31/02/2020' is not a date; expected a date as YYYY-MM-DD, for example 2025-12-15"
        );
        assert!(parse_uk_date("DECOM", "31/02/2020").is_err());
        assert_eq!(
            parse_uk_date("DECOM", "15/12/2025").unwrap(),
            NaiveDate::from_ymd_opt(2025, 12, 15).unwrap()
        );
    }
}
