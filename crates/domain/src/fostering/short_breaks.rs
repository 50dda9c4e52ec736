//! FOST-033: Short Breaks carers give disabled children respite for at
//! least one weekend every month. The supervising social worker records
//! each short break the carer gives (its first day, a step of the carer's
//! role); a month that ended without one starting at a weekend (a Friday,
//! Saturday or Sunday) is flagged against the minimum, from the first full
//! month after approval until the carer leaves.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use super::carers::{FosterCarerFile, FosterError, refuse};

/// Whether a short break from `day` gives the carer's weekend.
fn at_a_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Fri | Weekday::Sat | Weekday::Sun)
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

impl FosterCarerFile {
    /// Whether the carer is approved to give short breaks (their type of
    /// fostering, or the specialist scheme).
    pub fn gives_short_breaks(&self) -> bool {
        self.decision
            .as_ref()
            .and_then(|d| d.terms.as_ref())
            .is_some_and(|t| {
                t.kind == "short_breaks" || t.specialist.as_deref() == Some("short_breaks")
            })
    }

    /// Records a short break given from `on`: only a carer approved for
    /// short breaks gives one, once a day.
    pub(super) fn record_short_break(&mut self, on: NaiveDate) -> Result<(), FosterError> {
        if !self.gives_short_breaks() {
            return refuse(
                "date",
                "the carer is not approved for short breaks: only a Short Breaks carer records a short break (FOST-033)",
            );
        }
        if self.short_breaks.contains(&on) {
            return refuse("date", "a short break from this day is already recorded");
        }
        self.short_breaks.push(on);
        self.short_breaks.sort_unstable();
        Ok(())
    }

    /// FOST-033: the months (their first days) that ended by `as_of`
    /// without a short break at a weekend, from the first full month after
    /// approval to the month the carer left; none for other carers.
    pub fn months_without_a_weekend_break(&self, as_of: NaiveDate) -> Vec<NaiveDate> {
        let Some(approved) = self.approved_on().filter(|_| self.gives_short_breaks()) else {
            return Vec::new();
        };
        let end = self.exit.as_ref().map_or(as_of, |e| e.on.min(as_of));
        let mut month = first_of_month(approved) + Months::new(1);
        let mut missed = Vec::new();
        while let Some(next) = month.checked_add_months(Months::new(1)) {
            if next > end {
                break;
            }
            let given = self
                .short_breaks
                .iter()
                .any(|d| first_of_month(*d) == month && at_a_weekend(*d));
            if !given {
                missed.push(month);
            }
            month = next;
        }
        missed
    }
}
