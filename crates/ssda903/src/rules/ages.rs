//! Dates and ages the rules share: birthdays, years and days on, the collection year.

use crate::validate::Context;
use crate::validate::Trimmed;
use crate::validate::blank;
use crate::validate::date;
use chrono::Datelike;
use chrono::Days;
use chrono::Months;
use chrono::NaiveDate;

/// Whether a value is a real `dd/mm/yyyy` date (with a four-digit year).
pub(super) fn is_date(value: &str) -> bool {
    date(value).is_some()
        && value
            .trimmed()
            .rsplit('/')
            .next()
            .is_some_and(|y| y.len() == 4)
}

/// Whether a value is filled in but is not a real date.
pub(super) fn bad_date(value: &str) -> bool {
    !blank(value) && !is_date(value)
}

/// The start year of the collection year being validated (2024 for 2024-25).
pub(super) fn start_year(ctx: &Context<'_>) -> i32 {
    ctx.start().year()
}

/// A date `n` years later (or earlier, for negative `n`); 29 February
/// becomes 28 February in a year that has none.
pub(super) fn shift_years(d: NaiveDate, n: i32) -> NaiveDate {
    let months = Months::new(n.unsigned_abs() * 12);
    if n >= 0 {
        d.checked_add_months(months).unwrap_or(NaiveDate::MAX)
    } else {
        d.checked_sub_months(months).unwrap_or(NaiveDate::MIN)
    }
}

/// A date `n` years later; 29 February becomes 28 February in a year that
/// has none.
pub(super) fn plus_years(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// A date `n` days later.
pub(super) fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// The date a person born on `dob` turns `years` old (29 February birthdays
/// fall on 28 February in other years).
pub(super) fn checked_birthday(dob: NaiveDate, years: u32) -> Option<NaiveDate> {
    dob.checked_add_months(Months::new(12 * years))
}

/// The date a child born on `dob` turns `age` (29 February birthdays fall on 28 February).
pub(super) fn birthday(dob: NaiveDate, age: u32) -> NaiveDate {
    dob.checked_add_months(Months::new(12 * age))
        .unwrap_or(NaiveDate::MAX)
}
