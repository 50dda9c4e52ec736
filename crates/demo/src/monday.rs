//! The demo council brought up to a working Monday: the paperwork of past
//! years done (late, as real paperwork often is), so that what is open on
//! the worklist is what a team would see on a real Monday: mostly due in
//! the coming fortnight, some overdue by days or weeks, and a few children
//! whose cases have drifted, left long overdue on purpose.

use chrono::{Days, NaiveDate};
use domain::deadline_rules::RULES;
use domain::deadlines::{Event, SubjectFacts, open_deadlines};
use domain::journey::CareJourney;

use crate::rng::Rng;

/// Deadlines overdue by more than this were done, late, unless the child's
/// case is one of the drifting few.
pub const CAUGHT_UP_AFTER_DAYS: u64 = 42;

/// The share of children in care whose case has drifted.
pub const DRIFTING: f64 = 0.04;

/// Records, late, the activities that meet every deadline overdue by more
/// than [`CAUGHT_UP_AFTER_DAYS`] (reviews aside: those are the journey's),
/// for all but the drifting few children in care.
pub fn bring_up_to_date(journeys: &mut [CareJourney], as_of: NaiveDate, seed: u64) {
    let mut rng = Rng::new(seed ^ 0x4d4f_4e44);
    let cutoff = as_of - Days::new(CAUGHT_UP_AFTER_DAYS);
    let yesterday = as_of - Days::new(1);
    for journey in journeys.iter_mut() {
        let mut r = rng.fork(0);
        if journey.current_episode().is_none() || r.chance(DRIFTING) {
            continue;
        }
        let facts = SubjectFacts {
            date_of_birth: Some(journey.child().date_of_birth),
        };
        // Meeting one deadline can start the next (a chain's next visit, a
        // decision that starts another timescale): a few rounds settle it.
        for _ in 0..24 {
            let late: Vec<Event> = open_deadlines(&RULES, &journey.events(), facts)
                .iter()
                .filter(|d| d.due < cutoff && !d.rule.met_by.from_journey())
                .map(|d| Event {
                    kind: d.rule.met_by,
                    date: (d.due + Days::new(r.between(1, 28) as u64))
                        .min(yesterday)
                        .max(d.started),
                })
                .collect();
            if late.is_empty() {
                break;
            }
            let mut activities = journey.activities().to_vec();
            activities.extend(late);
            match journey.clone().with_activities(activities, as_of) {
                Ok(next) => *journey = next,
                Err(_) => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::{CouncilSpec, generate};

    #[test]
    fn a_real_monday_is_mostly_due_soon_some_overdue_by_days_or_weeks_and_a_few_long_overdue() {
        let as_of = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let mut council = generate(&CouncilSpec::new(300, 7, as_of));
        crate::permanence_demo::permanence(&mut council.journeys, as_of, 7);
        bring_up_to_date(&mut council.journeys, as_of, 7);
        let (mut soon, mut weeks, mut long) = (0, 0, 0);
        for j in council
            .journeys
            .iter()
            .filter(|j| j.current_episode().is_some())
        {
            let facts = SubjectFacts {
                date_of_birth: Some(j.child().date_of_birth),
            };
            for d in open_deadlines(&RULES, &j.events(), facts) {
                let late = (as_of - d.due).num_days();
                match late {
                    l if l > CAUGHT_UP_AFTER_DAYS as i64 => long += 1,
                    l if l > 0 => weeks += 1,
                    l if l >= -14 => soon += 1,
                    _ => {}
                }
            }
        }
        assert!(
            soon > weeks,
            "mostly due soon: {soon} due soon, {weeks} overdue by days or weeks"
        );
        assert!(weeks > 0, "some overdue by days or weeks");
        assert!(long > 0 && long < soon, "a few long overdue: {long}");
    }
}
