//! Who is a care leaver, and of which kind: the age and time-in-care rule of
//! the Children (Leaving Care) Act 2000 (eligible, relevant and former
//! relevant young people, LEAVE-102 to LEAVE-104), the council's wider
//! definition of a care leaver (LEAVE-001) and the age to which support
//! lasts (LEAVE-002). Time in care is read from the periods of care of the
//! child's journey: (start, end) pairs, an open period having no end; the
//! end is the day care ceased, from which the young person is no longer
//! looked after.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A period of care: its first day and, once it has ended, the day care ceased.
pub type Period = (NaiveDate, Option<NaiveDate>);

/// LEAVE-102: 13 weeks looked after since the age of 14.
pub const QUALIFYING_DAYS: i64 = 13 * 7;

/// LEAVE-002: support lasts until the 25th birthday's year is over, that is
/// until the day before the 26th birthday.
pub const SUPPORT_UNTIL_AGE: u32 = 25;

/// The leaving-care status of a young person on a date (LEAVE-101).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LeavingCareStatus {
    /// LEAVE-102: 16 or 17, 13 weeks in care since 14, still looked after.
    Eligible,
    /// LEAVE-103: was eligible, no longer looked after, under 18.
    Relevant,
    /// LEAVE-104: 18 to 25, eligible or relevant just before turning 18.
    FormerRelevant,
}

impl LeavingCareStatus {
    pub fn title(self) -> &'static str {
        match self {
            LeavingCareStatus::Eligible => "Eligible",
            LeavingCareStatus::Relevant => "Relevant",
            LeavingCareStatus::FormerRelevant => "Former relevant",
        }
    }
}

/// The date a person reaches an age.
pub fn birthday(dob: NaiveDate, age: u32) -> NaiveDate {
    dob.checked_add_months(Months::new(12 * age)).unwrap_or(dob)
}

/// A person's age in whole years on a date.
pub fn age_on(dob: NaiveDate, on: NaiveDate) -> u32 {
    let mut age = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        age -= 1;
    }
    age.max(0) as u32
}

fn in_care(periods: &[Period], on: NaiveDate) -> bool {
    periods
        .iter()
        .any(|(s, e)| *s <= on && e.is_none_or(|e| on < e))
}

/// LEAVE-102: the days looked after from the 14th birthday up to a date,
/// separate periods added together.
pub fn days_in_care_since_14(dob: NaiveDate, periods: &[Period], on: NaiveDate) -> i64 {
    let from = birthday(dob, 14);
    periods
        .iter()
        .map(|(s, e)| {
            let start = (*s).max(from);
            let end = e.map_or(on, |e| e.min(on));
            (end - start).num_days().max(0)
        })
        .sum()
}

fn eligible_on(dob: NaiveDate, periods: &[Period], on: NaiveDate) -> bool {
    (16..18).contains(&age_on(dob, on))
        && in_care(periods, on)
        && days_in_care_since_14(dob, periods, on) >= QUALIFYING_DAYS
}

/// LEAVE-102, LEAVE-103, LEAVE-104: the young person's status on a date,
/// none for a child who is not (or no longer) entitled.
pub fn status_on(dob: NaiveDate, periods: &[Period], on: NaiveDate) -> Option<LeavingCareStatus> {
    let age = age_on(dob, on);
    if !(16..=SUPPORT_UNTIL_AGE).contains(&age) {
        return None;
    }
    if age >= 18 {
        let eve = birthday(dob, 18).pred_opt()?;
        return status_on(dob, periods, eve).map(|_| LeavingCareStatus::FormerRelevant);
    }
    if eligible_on(dob, periods, on) {
        return Some(LeavingCareStatus::Eligible);
    }
    // LEAVE-103: eligible on the last day looked after of a period of care.
    let left_eligible = periods.iter().any(|(_, e)| {
        e.and_then(|e| e.pred_opt())
            .is_some_and(|last| last < on && eligible_on(dob, periods, last))
    });
    (!in_care(periods, on) && left_eligible).then_some(LeavingCareStatus::Relevant)
}

/// LEAVE-101: the first day the young person had a status on or before a
/// date (the day the Pathway Plan requirement was created).
pub fn status_since(dob: NaiveDate, periods: &[Period], on: NaiveDate) -> Option<NaiveDate> {
    status_on(dob, periods, on)?;
    let mut day = birthday(dob, 16);
    while day <= on {
        if status_on(dob, periods, day).is_some() {
            return Some(day);
        }
        day = day.succ_opt()?;
    }
    None
}

/// LEAVE-001: a care leaver is 16 to 25, has been looked after for 13
/// weeks since 14, and is still looked after or was looked after at some
/// time after their 16th birthday.
pub fn is_care_leaver(dob: NaiveDate, periods: &[Period], on: NaiveDate) -> bool {
    let age = age_on(dob, on);
    let sixteen = birthday(dob, 16);
    (16..=SUPPORT_UNTIL_AGE).contains(&age)
        && days_in_care_since_14(dob, periods, on) >= QUALIFYING_DAYS
        && (in_care(periods, on)
            || periods
                .iter()
                .any(|(s, e)| e.is_none_or(|e| e >= sixteen) && *s <= on))
}

/// LEAVE-002: a care leaver aged 21 to 25 who asks for support gets it; a
/// request is refused only for someone who is not a care leaver.
pub fn check_support_request(
    dob: NaiveDate,
    periods: &[Period],
    on: NaiveDate,
) -> Result<(), String> {
    if is_care_leaver(dob, periods, on) {
        Ok(())
    } else {
        Err("Support to 25 is for care leavers: this young person was not looked after for 13 weeks since 14 and after 16, or is over 25".into())
    }
}

/// LEAVE-107: a Pathway Carer may be matched with a young person aged 16 or
/// 17, or 15 in their final school year (Year 11: the school year, from 1
/// September, in which they turn 16).
pub fn may_match_pathway_carer(dob: NaiveDate, on: NaiveDate) -> bool {
    match age_on(dob, on) {
        16 | 17 => true,
        15 => final_school_year(dob, on),
        _ => false,
    }
}

/// Whether a date falls in the young person's Year 11: the school year
/// (1 September to 31 August) in which they turn 16.
pub fn final_school_year(dob: NaiveDate, on: NaiveDate) -> bool {
    let school_year = |d: NaiveDate| {
        if d.month() >= 9 {
            d.year()
        } else {
            d.year() - 1
        }
    };
    school_year(birthday(dob, 16)) == school_year(on)
}

/// The periods of a journey as this module reads them.
pub fn periods_of(journey: &crate::journey::CareJourney) -> Vec<Period> {
    journey
        .periods_of_care()
        .into_iter()
        .map(|(s, e)| (s, e.map(|e| e.date)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn leave_102_eligible_after_13_weeks_since_14_added_together() {
        let dob = d("2008-12-01");
        let periods = [
            (d("2023-09-04"), Some(d("2023-10-30"))),
            (d("2024-11-04"), None),
        ];
        assert_eq!(status_on(dob, &periods, d("2024-12-08")), None);
        assert_eq!(
            status_on(dob, &periods, d("2024-12-09")),
            Some(LeavingCareStatus::Eligible)
        );
        assert_eq!(
            status_since(dob, &periods, d("2025-01-01")),
            Some(d("2024-12-09"))
        );
    }

    #[test]
    fn leave_103_leave_104_relevant_then_former_relevant() {
        let dob = d("2008-12-01");
        let periods = [
            (d("2023-09-04"), Some(d("2023-10-30"))),
            (d("2024-11-04"), Some(d("2025-06-30"))),
        ];
        assert_eq!(
            status_on(dob, &periods, d("2025-07-01")),
            Some(LeavingCareStatus::Relevant)
        );
        assert_eq!(
            status_on(dob, &periods, d("2026-11-30")),
            Some(LeavingCareStatus::Relevant)
        );
        assert_eq!(
            status_on(dob, &periods, d("2026-12-01")),
            Some(LeavingCareStatus::FormerRelevant)
        );
    }

    #[test]
    fn leave_001_ten_weeks_from_15_is_not_a_care_leaver() {
        let dob = d("2009-01-01");
        let periods = [(d("2024-03-01"), Some(d("2024-05-10")))];
        assert!(!is_care_leaver(dob, &periods, d("2025-06-01")));
    }

    #[test]
    fn leave_107_pathway_carers_for_16_17_or_15_in_year_11() {
        let on = d("2025-09-15");
        assert!(may_match_pathway_carer(d("2010-01-01"), on));
        assert!(!may_match_pathway_carer(d("2010-09-05"), on));
        assert!(may_match_pathway_carer(d("2008-03-01"), on));
    }
}
