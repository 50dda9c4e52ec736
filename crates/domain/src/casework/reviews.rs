//! Reviews of a child's care as a person records them (TRACK-001): the ways
//! of taking part that fit the child's age on the day, a warning when a
//! review is recorded implausibly soon after another (two reviews a day
//! apart double every deadline that follows a review, DATA-010), and a
//! review amended or withdrawn, with its follow-up deadlines moving with it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{CodeList, ReviewParticipation};
use crate::journey::{CareJourney, JourneyError, Review};
use crate::time::age_on;

/// Reviews closer together than this are probably one review recorded twice.
pub const PLAUSIBLE_GAP_DAYS: i64 = 14;

/// The ways a child can take part in a review held on `on`: "aged under 4"
/// (PN0) for a child under 4 that day and only then, as the SSDA903 return
/// requires.
pub fn participations_for(date_of_birth: NaiveDate, on: NaiveDate) -> Vec<ReviewParticipation> {
    let under_4 = age_on(date_of_birth, on) < 4;
    ReviewParticipation::ALL
        .iter()
        .copied()
        .filter(|p| (*p == ReviewParticipation::Under4) == under_4)
        .collect()
}

/// Why a participation does not fit the child's age on the review's date.
pub fn check_participation(
    date_of_birth: NaiveDate,
    on: NaiveDate,
    participation: ReviewParticipation,
) -> Result<(), String> {
    if participations_for(date_of_birth, on).contains(&participation) {
        Ok(())
    } else if participation == ReviewParticipation::Under4 {
        Err("The child was 4 or older on the day of the review: select how they took part".into())
    } else {
        Err("The child was under 4 on the day of the review: select \u{201c}Child aged under 4 at the time of the review\u{201d}".into())
    }
}

/// The review recorded within [`PLAUSIBLE_GAP_DAYS`] of `date` (other than
/// the one at `except`), if any: a review recorded implausibly soon.
pub fn too_soon(
    reviews: &[Review],
    date: NaiveDate,
    except: Option<NaiveDate>,
) -> Option<NaiveDate> {
    reviews
        .iter()
        .map(|r| r.date)
        .filter(|d| Some(*d) != except && *d != date)
        .find(|d| (*d - date).num_days().abs() < PLAUSIBLE_GAP_DAYS)
}

/// The journey with its reviews replaced, checked like the rest.
fn with_reviews(
    journey: &CareJourney,
    reviews: Vec<Review>,
    today: NaiveDate,
) -> Result<CareJourney, JourneyError> {
    CareJourney::build(
        journey.child().clone(),
        journey.episodes().to_vec(),
        reviews,
        journey.missing().to_vec(),
        journey.social_workers().to_vec(),
        journey.siblings().to_vec(),
        today,
    )?
    .with_activities(journey.activities().to_vec(), today)
}

/// The journey with the review held on `held` amended to `to`: the review
/// deadlines (TRACK-001) and those that follow a review (DATA-010) move.
pub fn amend_review(
    journey: &CareJourney,
    held: NaiveDate,
    to: Review,
    today: NaiveDate,
) -> Result<CareJourney, JourneyError> {
    if to.date != held && journey.reviews().iter().any(|r| r.date == to.date) {
        return Err(JourneyError::DuplicateReview { date: to.date });
    }
    let reviews = journey
        .reviews()
        .iter()
        .map(|r| if r.date == held { to } else { *r })
        .collect();
    with_reviews(journey, reviews, today)
}

/// The journey without the review held on `held` (recorded in error).
pub fn withdraw_review(
    journey: &CareJourney,
    held: NaiveDate,
    today: NaiveDate,
) -> Result<CareJourney, JourneyError> {
    let reviews = journey
        .reviews()
        .iter()
        .filter(|r| r.date != held)
        .copied()
        .collect();
    with_reviews(journey, reviews, today)
}

/// What is kept of a review amended or withdrawn: the review before, the
/// change, who made it and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewChange {
    pub child_id: String,
    /// "amended" or "withdrawn".
    pub what: String,
    pub held: NaiveDate,
    pub participation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now_held: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now_participation: Option<String>,
    pub by: String,
    pub on: NaiveDate,
    pub reason: String,
}

impl ReviewChange {
    /// The participation before, in words.
    pub fn participation_text(&self) -> String {
        self.participation
            .parse::<ReviewParticipation>()
            .map(|p| p.description().to_owned())
            .unwrap_or_else(|_| self.participation.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn track_001_a_17_year_old_is_not_offered_aged_under_4_and_a_3_year_old_only_that() {
        let older = participations_for(d("2009-01-10"), d("2026-12-05"));
        assert!(!older.contains(&ReviewParticipation::Under4));
        assert_eq!(older.len(), 7);
        assert_eq!(
            participations_for(d("2023-01-10"), d("2026-12-05")),
            vec![ReviewParticipation::Under4]
        );
        assert!(
            check_participation(
                d("2009-01-10"),
                d("2026-12-05"),
                ReviewParticipation::Under4
            )
            .is_err()
        );
    }

    #[test]
    fn track_001_a_review_a_day_after_another_is_implausibly_soon() {
        let reviews = [Review {
            date: d("2026-12-04"),
            participation: ReviewParticipation::AttendsAndSpeaks,
        }];
        assert_eq!(
            too_soon(&reviews, d("2026-12-05"), None),
            Some(d("2026-12-04"))
        );
        assert_eq!(
            too_soon(&reviews, d("2026-12-05"), Some(d("2026-12-04"))),
            None
        );
        assert_eq!(too_soon(&reviews, d("2027-03-05"), None), None);
    }
}
