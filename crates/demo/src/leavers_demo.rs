//! The demo council's care leavers: for the young people of the first team
//! who are care leavers or have a leaving-care status, records in every
//! state: a Pathway Plan in date, one out of date, none yet (the "Pathway
//! Plan missing" list), in education or training, NEET awaiting
//! signposting, in and out of touch. Deterministic: chosen by position.

use chrono::{Days, Months, NaiveDate};
use domain::child::ChildId;
use domain::journey::CareJourney;
use domain::leavers::record::{Activity, CareLeaverRecord, Dated, PlanReview};
use domain::leavers::status::{is_care_leaver, periods_of, status_on};

fn dated<T>(date: NaiveDate, what: T) -> Dated<T> {
    Dated {
        date,
        what,
        by: "social-worker.demo".into(),
    }
}

fn review(date: NaiveDate) -> PlanReview {
    PlanReview {
        date,
        assessment: "Managing a tenancy and a weekly budget; keeping up with college.".into(),
        voice: "I want to stay near my friends and finish my course.".into(),
        outcomes: "Open a bank account within a month; a tenancy-ready course by the next review."
            .into(),
        by: "social-worker.demo".into(),
    }
}

/// The care leaver records of the young people among `in_team` (indices
/// into `journeys`).
pub fn care_leavers(
    journeys: &[CareJourney],
    in_team: &[usize],
    as_of: NaiveDate,
) -> Vec<(ChildId, CareLeaverRecord)> {
    let ago = |days| as_of.checked_sub_days(Days::new(days)).unwrap_or(as_of);
    in_team
        .iter()
        .filter_map(|i| journeys.get(*i))
        .filter(|j| {
            let (dob, periods) = (j.child().date_of_birth, periods_of(j));
            is_care_leaver(dob, &periods, as_of) || status_on(dob, &periods, as_of).is_some()
        })
        .enumerate()
        // Every fourth young person has no record yet: their plan is missing.
        .filter(|(i, _)| i % 4 != 3)
        .map(|(i, j)| {
            let mut r = CareLeaverRecord {
                child_id: j.id().to_string(),
                ..Default::default()
            };
            let last = match i % 4 {
                0 => ago(40),
                1 => ago(230),
                _ => ago(120),
            };
            r.reviews.push(review(
                last.checked_sub_months(Months::new(6)).unwrap_or(last),
            ));
            r.reviews.push(review(last));
            if i % 4 != 2 {
                r.adviser = Some(dated(ago(300), "Priya Shah".to_owned()));
            }
            r.team = Some("16+ Team".into());
            let activity = match i % 3 {
                0 => Activity::Education,
                1 => Activity::Training,
                _ => Activity::NotInEet,
            };
            r.activity.push(dated(ago(60), activity));
            r.accommodation
                .push(dated(ago(200), (i % 5 != 4, "Foster placement".to_owned())));
            r.contacts.push(dated(
                if i % 5 == 1 { ago(300) } else { ago(14) },
                "Visit".to_owned(),
            ));
            (j.id().clone(), r)
        })
        .collect()
}
