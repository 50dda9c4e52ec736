//! The calendar of England: bank holidays of England and Wales, working days,
//! and calendar arithmetic in days, weeks and months (CONV-002).
//!
//! Bank holidays are computed, not listed: the fixed and moving days follow
//! the Banking and Financial Dealings Act 1971 and the annual proclamations,
//! with substitute days when a holiday falls at a weekend, and a small table
//! of one-off changes (moved days and extra days) for the years they happened.
//!
//! Month arithmetic keeps the day of the month; where that day does not exist
//! the date is the last day of the month (CONV-002: a month after 2025-01-31 is
//! 2025-02-28). A recurring timescale counts from the previous actual date,
//! never from an earlier clamped one.

use std::sync::OnceLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// The months' names in English, January first (for dates as people write
/// them, and calendars by month).
pub const MONTH_NAMES: [&str; 12] = [
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

/// The first and last years the fast tables cover; dates outside still work,
/// more slowly.
const TABLE_FIRST_YEAR: i32 = 1995;
const TABLE_LAST_YEAR: i32 = 2100;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid calendar date")
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian
/// algorithm, also known as Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    let first = ymd(year, month, 1);
    let ahead = (7 - i64::from(first.weekday().num_days_from_monday())) % 7;
    first + Days::new(ahead as u64)
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    let last = ymd(year, month, 1) + Months::new(1) - Days::new(1);
    last - Days::new(u64::from(last.weekday().num_days_from_monday()))
}

/// A fixed-date holiday, moved to the next Monday when it falls at a weekend.
fn substitute_monday(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date + Days::new(2),
        Weekday::Sun => date + Days::new(1),
        _ => date,
    }
}

/// Why a date is a bank holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct BankHoliday {
    pub date: NaiveDate,
    pub name: &'static str,
}

/// Extra bank holidays proclaimed for one year only.
const ONE_OFF_DAYS: &[(i32, u32, u32, &str)] = &[
    (1999, 12, 31, "Millennium celebrations"),
    (2002, 6, 3, "Golden Jubilee of Queen Elizabeth II"),
    (
        2011,
        4,
        29,
        "Wedding of Prince William and Catherine Middleton",
    ),
    (2012, 6, 5, "Diamond Jubilee of Queen Elizabeth II"),
    (2022, 6, 3, "Platinum Jubilee of Queen Elizabeth II"),
    (2022, 9, 19, "State Funeral of Queen Elizabeth II"),
    (2023, 5, 8, "Coronation of King Charles III"),
];

/// The early May bank holiday, moved in 1995 and 2020 for VE Day anniversaries.
fn early_may(year: i32) -> NaiveDate {
    match year {
        1995 => ymd(1995, 5, 8),
        2020 => ymd(2020, 5, 8),
        _ => first_monday(year, 5),
    }
}

/// The spring bank holiday, moved for the jubilees of 2002, 2012 and 2022.
fn spring(year: i32) -> NaiveDate {
    match year {
        2002 => ymd(2002, 6, 4),
        2012 => ymd(2012, 6, 4),
        2022 => ymd(2022, 6, 2),
        _ => last_monday(year, 5),
    }
}

/// Every bank holiday of England and Wales in a year, in date order.
pub fn bank_holidays(year: i32) -> Vec<BankHoliday> {
    let easter = easter_sunday(year);
    let christmas = ymd(year, 12, 25);
    // Christmas and Boxing Day take the first two weekdays from the 25th on.
    let (christmas_day, boxing_day) = match christmas.weekday() {
        Weekday::Fri => (christmas, ymd(year, 12, 28)),
        Weekday::Sat => (ymd(year, 12, 27), ymd(year, 12, 28)),
        Weekday::Sun => (ymd(year, 12, 27), ymd(year, 12, 26)),
        _ => (christmas, ymd(year, 12, 26)),
    };
    let mut days = vec![
        BankHoliday {
            date: substitute_monday(ymd(year, 1, 1)),
            name: "New Year's Day",
        },
        BankHoliday {
            date: easter - Days::new(2),
            name: "Good Friday",
        },
        BankHoliday {
            date: easter + Days::new(1),
            name: "Easter Monday",
        },
        BankHoliday {
            date: early_may(year),
            name: "Early May bank holiday",
        },
        BankHoliday {
            date: spring(year),
            name: "Spring bank holiday",
        },
        BankHoliday {
            date: last_monday(year, 8),
            name: "Summer bank holiday",
        },
        BankHoliday {
            date: christmas_day,
            name: "Christmas Day",
        },
        BankHoliday {
            date: boxing_day,
            name: "Boxing Day",
        },
    ];
    days.extend(
        ONE_OFF_DAYS
            .iter()
            .filter(|d| d.0 == year)
            .map(|&(y, m, d, name)| BankHoliday {
                date: ymd(y, m, d),
                name,
            }),
    );
    days.sort_by_key(|d| d.date);
    days
}

/// Precomputed working-day counts, so working-day arithmetic is a lookup.
struct Table {
    first: NaiveDate,
    /// `cumulative[i]`: working days from `first` to `first + i`, inclusive.
    cumulative: Vec<u32>,
    /// Every working day in the table, in order.
    working: Vec<NaiveDate>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let first = ymd(TABLE_FIRST_YEAR, 1, 1);
        let last = ymd(TABLE_LAST_YEAR, 12, 31);
        let holidays: std::collections::HashSet<NaiveDate> = (TABLE_FIRST_YEAR..=TABLE_LAST_YEAR)
            .flat_map(bank_holidays)
            .map(|h| h.date)
            .collect();
        let mut cumulative = Vec::new();
        let mut working = Vec::new();
        let mut count = 0;
        for day in first.iter_days().take_while(|d| *d <= last) {
            if !crate::time::is_weekend(day) && !holidays.contains(&day) {
                count += 1;
                working.push(day);
            }
            cumulative.push(count);
        }
        Table {
            first,
            cumulative,
            working,
        }
    })
}

impl Table {
    fn index(&self, date: NaiveDate) -> Option<usize> {
        usize::try_from((date - self.first).num_days())
            .ok()
            .filter(|&i| i < self.cumulative.len())
    }
}

/// Whether a date is a bank holiday in England and Wales.
pub fn is_bank_holiday(date: NaiveDate) -> bool {
    bank_holidays(date.year()).iter().any(|h| h.date == date)
}

/// Whether a date is a working day: Monday to Friday, not a bank holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    let t = table();
    match t.index(date) {
        Some(i) => t.cumulative[i] != if i == 0 { 0 } else { t.cumulative[i - 1] },
        None => !crate::time::is_weekend(date) && !is_bank_holiday(date),
    }
}

/// The date `n` working days after `from`, counting from the next working
/// day: 20 working days after Monday 2025-12-15 is 2026-01-15. Zero working
/// days after a date is the date itself.
pub fn add_working_days(from: NaiveDate, n: u32) -> NaiveDate {
    if n == 0 {
        return from;
    }
    let t = table();
    if let Some(i) = t.index(from) {
        let target = t.cumulative[i] as usize + n as usize - 1;
        if let Some(&date) = t.working.get(target) {
            return date;
        }
    }
    add_working_days_slowly(from, n)
}

fn add_working_days_slowly(from: NaiveDate, n: u32) -> NaiveDate {
    let mut date = from;
    let mut left = n;
    while left > 0 {
        date = date.succ_opt().expect("a date before the end of time");
        if !crate::time::is_weekend(date) && !is_bank_holiday(date) {
            left -= 1;
        }
    }
    date
}

/// How many working days fall after `from` up to and including `to`
/// (negative when `to` is before `from`), so that
/// `working_days_between(d, add_working_days(d, n)) == n`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return -working_days_between(to, from);
    }
    let t = table();
    if let (Some(a), Some(b)) = (t.index(from), t.index(to)) {
        return i64::from(t.cumulative[b]) - i64::from(t.cumulative[a]);
    }
    from.iter_days()
        .skip(1)
        .take_while(|d| *d <= to)
        .filter(|d| !crate::time::is_weekend(*d) && !is_bank_holiday(*d))
        .count() as i64
}

/// Calendar months after a date, with the day of the month kept or, where
/// that month is shorter, the month's last day (CONV-002).
pub fn add_months(from: NaiveDate, months: u32) -> NaiveDate {
    from.checked_add_months(Months::new(months))
        .expect("a date before the end of time")
}

/// Calendar days after a date.
pub fn add_days(from: NaiveDate, days: u32) -> NaiveDate {
    from + Days::new(u64::from(days))
}

/// A timescale: a number of days, weeks, months or working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Period {
    Days(u32),
    Weeks(u32),
    Months(u32),
    WorkingDays(u32),
}

impl Period {
    /// The date this period after `from`.
    pub fn after(self, from: NaiveDate) -> NaiveDate {
        match self {
            Period::Days(n) => add_days(from, n),
            Period::Weeks(n) => add_days(from, n * 7),
            Period::Months(n) => add_months(from, n),
            Period::WorkingDays(n) => add_working_days(from, n),
        }
    }

    /// The date this period before `to` (for warnings ahead of a deadline).
    pub fn before(self, to: NaiveDate) -> NaiveDate {
        match self {
            Period::Days(n) => to - Days::new(u64::from(n)),
            Period::Weeks(n) => to - Days::new(u64::from(n) * 7),
            Period::Months(n) => to - Months::new(n),
            Period::WorkingDays(n) => {
                let mut date = to;
                let mut left = n;
                while left > 0 {
                    date = date.pred_opt().expect("a date after the start of time");
                    if is_working_day(date) {
                        left -= 1;
                    }
                }
                date
            }
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, unit) = match *self {
            Period::Days(n) => (n, "day"),
            Period::Weeks(n) => (n, "week"),
            Period::Months(n) => (n, "month"),
            Period::WorkingDays(n) => (n, "working day"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The bank holidays of England and Wales, 2010 to 2030, as published
    /// (GOV.UK's bank holiday lists and the proclamations for the one-off days).
    const PUBLISHED: &[(i32, &[&str])] = &[
        (
            2010,
            &[
                "01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28",
            ],
        ),
        (
            2011,
            &[
                "01-03", "04-22", "04-25", "04-29", "05-02", "05-30", "08-29", "12-26", "12-27",
            ],
        ),
        (
            2012,
            &[
                "01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25", "12-26",
            ],
        ),
        (
            2013,
            &[
                "01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26",
            ],
        ),
        (
            2014,
            &[
                "01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26",
            ],
        ),
        (
            2015,
            &[
                "01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28",
            ],
        ),
        (
            2016,
            &[
                "01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27",
            ],
        ),
        (
            2017,
            &[
                "01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26",
            ],
        ),
        (
            2018,
            &[
                "01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26",
            ],
        ),
        (
            2019,
            &[
                "01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26",
            ],
        ),
        (
            2020,
            &[
                "01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28",
            ],
        ),
        (
            2021,
            &[
                "01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28",
            ],
        ),
        (
            2022,
            &[
                "01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26",
                "12-27",
            ],
        ),
        (
            2023,
            &[
                "01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26",
            ],
        ),
        (
            2024,
            &[
                "01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26",
            ],
        ),
        (
            2025,
            &[
                "01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26",
            ],
        ),
        (
            2026,
            &[
                "01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28",
            ],
        ),
        (
            2027,
            &[
                "01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28",
            ],
        ),
        (
            2028,
            &[
                "01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26",
            ],
        ),
        (
            2029,
            &[
                "01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26",
            ],
        ),
        (
            2030,
            &[
                "01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26",
            ],
        ),
    ];

    #[test]
    fn every_bank_holiday_from_2010_to_2030_is_as_published() {
        for &(year, days) in PUBLISHED {
            let computed: Vec<String> = bank_holidays(year)
                .iter()
                .map(|h| h.date.format("%m-%d").to_string())
                .collect();
            assert_eq!(computed, days, "bank holidays of {year}");
        }
    }

    #[test]
    fn one_off_days_of_1999_and_the_1995_ve_day_move_are_known() {
        assert!(is_bank_holiday(d("1999-12-31")));
        assert!(is_bank_holiday(d("1995-05-08")));
        assert!(!is_bank_holiday(d("1995-05-01")));
    }

    #[test]
    fn conv_002_working_days_skip_weekends_and_bank_holidays() {
        // The example: across Christmas and New Year.
        assert_eq!(add_working_days(d("2025-12-15"), 20), d("2026-01-15"));
        // The spec's Virtual School example: a call on Friday 2025-05-02 is
        // answered within seven working days, skipping Monday 5 May.
        assert_eq!(add_working_days(d("2025-05-02"), 7), d("2025-05-14"));
        assert_eq!(working_days_between(d("2025-12-15"), d("2026-01-15")), 20);
        assert_eq!(working_days_between(d("2026-01-15"), d("2025-12-15")), -20);
        // From a Saturday, the first working day is Monday.
        assert_eq!(add_working_days(d("2025-12-13"), 1), d("2025-12-15"));
    }

    #[test]
    fn conv_002_a_month_after_the_31st_falls_on_the_months_last_day() {
        assert_eq!(add_months(d("2025-01-31"), 1), d("2025-02-28"));
        assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
        assert_eq!(add_months(d("2025-08-31"), 6), d("2026-02-28"));
        assert_eq!(Period::Months(3).after(d("2025-11-30")), d("2026-02-28"));
        assert_eq!(Period::Weeks(16).after(d("2025-12-15")), d("2026-04-06"));
    }

    #[test]
    fn dates_beyond_the_tables_are_still_counted() {
        // 1 January 2101 is a Saturday: its substitute day is Monday the 3rd.
        assert_eq!(add_working_days(d("2101-01-01"), 1), d("2101-01-04"));
        assert_eq!(add_working_days(d("1990-12-24"), 1), d("1990-12-27"));
        assert_eq!(working_days_between(d("1990-12-24"), d("1990-12-27")), 1);
    }

    #[test]
    fn periods_read_as_plain_english() {
        assert_eq!(Period::WorkingDays(20).to_string(), "20 working days");
        assert_eq!(Period::Weeks(1).to_string(), "1 week");
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..(106 * 365)).prop_map(|n| d("1995-01-01") + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn adding_working_days_lands_on_a_working_day_and_counts_back(from in any_date(), n in 1u32..400) {
            let to = add_working_days(from, n);
            prop_assert!(is_working_day(to));
            prop_assert_eq!(working_days_between(from, to), i64::from(n));
            prop_assert_eq!(to, add_working_days_slowly(from, n));
        }

        #[test]
        fn working_days_before_a_date_undo_working_days_after(from in any_date(), n in 1u32..60) {
            let to = add_working_days(from, n);
            let back = Period::WorkingDays(n).before(to);
            prop_assert!(back <= from);
            prop_assert_eq!(working_days_between(back, to), i64::from(n));
        }

        #[test]
        fn months_keep_the_day_or_take_the_last(from in any_date(), m in 0u32..48) {
            let to = add_months(from, m);
            let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
            prop_assert_eq!(months, m as i32);
            prop_assert!(to.day() == from.day() || (to.day() < from.day() && (to + Days::new(1)).day() == 1));
        }

        #[test]
        fn every_year_has_eight_weekday_bank_holidays_plus_its_one_offs(year in 1995i32..=2100) {
            let days = bank_holidays(year);
            let extra = ONE_OFF_DAYS.iter().filter(|d| d.0 == year).count();
            prop_assert_eq!(days.len(), 8 + extra);
            prop_assert!(days.iter().all(|h| !crate::time::is_weekend(h.date)));
            prop_assert!(days.windows(2).all(|w| w[0].date < w[1].date));
        }
    }
}
