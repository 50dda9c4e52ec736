//! A clock that says what the test tells it to.

use std::sync::Mutex;

use chrono::{NaiveDate, TimeZone, Utc};
use domain::time::{Clock, Timestamp};

/// A clock fixed at one instant until moved.
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    /// Noon UTC on an ISO date (`2025-12-15`), so the date is the same in England all year.
    pub fn on(date: &str) -> Self {
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("an ISO date");
        Self::at(Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0).expect("noon")))
    }

    pub fn at(at: Timestamp) -> Self {
        Self(Mutex::new(at))
    }

    /// Moves the clock on by whole days.
    pub fn advance_days(&self, days: i64) {
        let mut at = self.0.lock().expect("clock lock");
        *at += chrono::Duration::days(days);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().expect("clock lock")
    }
}
