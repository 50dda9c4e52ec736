//! Outcomes: permanence achieved by each route in a quarter (PRIN-002) and
//! the outcome areas a plan's objectives leave uncovered (PRIN-019).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{Objective, OutcomeArea, Pathway};

use crate::child::ChildId;

// ---------------------------------------------------------------------------
// Outcomes (PRIN-002, PRIN-019)
// ---------------------------------------------------------------------------

/// Permanence achieved by one child, by its route (PRIN-002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermanenceAchieved {
    pub child_id: ChildId,
    pub route: Pathway,
    pub on: NaiveDate,
}

/// A quarter of the financial year starting in April of `year` (Q2 of
/// 2025-26 is July to September 2025), as first and last day.
pub fn financial_quarter(year: i32, quarter: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(year, 4, 1)? + chrono::Months::new(3 * (quarter - 1));
    let last = first + chrono::Months::new(3) - chrono::Days::new(1);
    Some((first, last))
}

/// PRIN-002: "permanence achieved" in a period, counted by route. Every route
/// counts the same: the measure ranks none above another and lists no route
/// as an exception.
pub fn permanence_achieved_by_route(
    achieved: &[PermanenceAchieved],
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<Pathway, usize> {
    let mut counts = BTreeMap::new();
    for a in achieved.iter().filter(|a| from <= a.on && a.on <= to) {
        *counts.entry(a.route).or_insert(0) += 1;
    }
    counts
}

/// PRIN-019: the outcome areas no objective maps to.
pub fn outcome_areas_without_objective(objectives: &[Objective]) -> Vec<OutcomeArea> {
    OutcomeArea::ALL
        .into_iter()
        .filter(|area| !objectives.iter().any(|o| o.area == *area))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Outcomes ----------------------------------------------------------

    #[test]
    fn prin_002_every_route_counts_as_permanence_achieved() {
        // The spec's Check: one SGO and one Adoption Order on 2025-09-01;
        // the Q2 2025-26 scorecard counts both, with their route.
        let (from, to) = financial_quarter(2025, 2).unwrap();
        assert_eq!((from, to), (d("2025-07-01"), d("2025-09-30")));
        let achieved = vec![
            PermanenceAchieved {
                child_id: "child1".parse().unwrap(),
                route: Pathway::SpecialGuardianshipOrder,
                on: d("2025-09-01"),
            },
            PermanenceAchieved {
                child_id: "child2".parse().unwrap(),
                route: Pathway::Adoption,
                on: d("2025-09-01"),
            },
            PermanenceAchieved {
                child_id: "child3".parse().unwrap(),
                route: Pathway::ReturnHome,
                on: d("2025-10-01"),
            },
        ];
        let counts = permanence_achieved_by_route(&achieved, from, to);
        assert_eq!(
            counts.into_iter().collect::<Vec<_>>(),
            vec![
                (Pathway::SpecialGuardianshipOrder, 1),
                (Pathway::Adoption, 1)
            ]
        );
        assert_eq!(financial_quarter(2025, 4).unwrap().1, d("2026-03-31"));
        assert_eq!(financial_quarter(2025, 5), None);
    }

    #[test]
    fn prin_019_the_outcome_areas_no_objective_maps_to() {
        let objectives = vec![
            Objective {
                text: "feels safe".into(),
                area: OutcomeArea::SafetyAndWelfare,
            },
            Objective {
                text: "joins a club".into(),
                area: OutcomeArea::Leisure,
            },
        ];
        assert_eq!(
            outcome_areas_without_objective(&objectives),
            vec![
                OutcomeArea::Stability,
                OutcomeArea::Education,
                OutcomeArea::Transitions
            ]
        );
    }
}
