//! The cost measures (COST-) the records compute: the agency cost avoided
//! by children placed with connected carers rather than an independent
//! fostering agency (COST-001), and the steps down from residential care
//! to a family, Supported Lodgings or independence (COST-014, a
//! cost-avoidance outcome with no unit cost published), from the
//! placements of each child's journey; the Pupil Premium Plus the Virtual
//! School allocated (COST-005), from the education record.

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted};
use crate::codes::{CodeList, PlacementGroup};

/// COST-001: what each year a child spends with a positively assessed
/// connected carer instead of an independent fostering agency avoids, in
/// pence (about £15,000).
pub const CONNECTED_AVOIDED_PENCE_A_YEAR: i64 = 1_500_000;

/// COST-001: the days from the period's start to `at` the child was
/// placed with relatives or friends (U1 to U3); an episode's end is the
/// next one's start, so it is not counted twice.
pub(crate) fn connected_days(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let Some(after) = at.succ_opt() else {
        return vec![];
    };
    let days: i64 = c
        .journey
        .episodes()
        .iter()
        .filter(|e| e.placement.placement_type.group() == PlacementGroup::KinshipFoster)
        .map(|e| {
            let from = e.start.max(period.start());
            let to = e.end.map_or(after, |end| end.date.min(after));
            (to - from).num_days().max(0)
        })
        .sum();
    if days == 0 {
        return vec![];
    }
    vec![Behind {
        days: Some(days),
        ..Behind::new(
            c.id(),
            Counted::Numerator,
            format!("{days} days placed with relatives or friends (U1 to U3) in the period"),
        )
    }]
}

/// COST-014: the placement groups a step down from residential care
/// reaches: a family (foster, kinship, adoptive or parents') or
/// independent and semi-independent living.
const STEP_DOWN_TO: &[PlacementGroup] = &[
    PlacementGroup::Foster,
    PlacementGroup::KinshipFoster,
    PlacementGroup::PlacedForAdoption,
    PlacementGroup::PlacedWithParents,
    PlacementGroup::IndependentOrSemiIndependent,
];

/// COST-014: each move in the period (to `at`) straight from a residential
/// placement (K2, R1 to R3, S1) to a family-based or independent one.
pub(crate) fn step_downs(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    c.journey
        .episodes()
        .windows(2)
        .filter_map(|pair| {
            let (from, to) = (&pair[0], &pair[1]);
            let (was, now) = (from.placement.placement_type, to.placement.placement_type);
            let moved = from.end.is_some_and(|e| e.date == to.start);
            (moved
                && period.start() <= to.start
                && to.start <= at
                && was.group() == PlacementGroup::Residential
                && STEP_DOWN_TO.contains(&now.group()))
            .then(|| {
                Behind::new(
                    c.id(),
                    Counted::Numerator,
                    format!(
                        "Moved on {} from a residential placement ({}) to {}",
                        to.start,
                        was.code(),
                        now.code()
                    ),
                )
            })
        })
        .collect()
}

/// COST-005: each Pupil Premium Plus allocation the Virtual School made
/// in the period (to `at`) for a child in care on its day, with its
/// amount; one for a child not in care that day is left out.
pub(crate) fn pupil_premium_plus(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    let Some(record) = c.documents.education else {
        return vec![];
    };
    record
        .allocations
        .iter()
        .filter(|a| period.start() <= a.date && a.date <= at)
        .map(|a| {
            let pounds = format!("£{}.{:02}", a.pence / 100, a.pence % 100);
            let in_care = c.journey.in_care_on(a.date);
            Behind {
                pence: in_care.then_some(a.pence as i64),
                ..Behind::new(
                    c.id(),
                    if in_care {
                        Counted::Numerator
                    } else {
                        Counted::Excluded
                    },
                    format!(
                        "{pounds} allocated on {} for {}{}",
                        a.date,
                        a.used_for,
                        if in_care { "" } else { ", when not in care" }
                    ),
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::measures::fixture::*;
    use crate::codes::{LegalStatus, PlacementType, ReasonEpisodeCeased, ReasonNewEpisode};

    /// COST-001's Check at the scale of one: a child with relatives all of
    /// 2024-25 (365 days) avoids £15,000; one with relatives for the
    /// year's first 73 days (then in mainstream foster care) £3,000.
    #[test]
    fn cost_001_each_year_with_a_connected_carer_avoids_15000_pounds_of_agency_cost() {
        let all_year = journey(
            child("A1", "2015-01-01"),
            vec![ep(
                "2023-06-01",
                ReasonNewEpisode::Started,
                LegalStatus::FullCareOrder,
                PlacementType::FosterRelativeOther,
                None,
            )],
        );
        let part = journey(
            child("A2", "2015-01-01"),
            vec![
                ep(
                    "2024-04-01",
                    ReasonNewEpisode::Started,
                    LegalStatus::FullCareOrder,
                    PlacementType::FosterRelativeLongTerm,
                    Some(("2024-06-13", ReasonEpisodeCeased::NewEpisodeSameDay)),
                ),
                ep(
                    "2024-06-13",
                    ReasonNewEpisode::PlacementChange,
                    LegalStatus::FullCareOrder,
                    PlacementType::FosterOther,
                    None,
                ),
            ],
        );
        let f = figure("cost-01", &[all_year, part], "2024-25");
        assert_eq!(
            f.children.iter().map(|b| b.days).collect::<Vec<_>>(),
            vec![Some(365), Some(73)]
        );
        assert_eq!(one(f.value), 18_000.0);
    }

    /// A child moving from `from` to `to` on `on`.
    fn moved(
        id: &str,
        from: PlacementType,
        to: PlacementType,
        on: &str,
    ) -> crate::journey::CareJourney {
        journey(
            child(id, "2010-01-01"),
            vec![
                ep(
                    "2024-01-01",
                    ReasonNewEpisode::Started,
                    LegalStatus::FullCareOrder,
                    from,
                    Some((on, ReasonEpisodeCeased::NewEpisodeSameDay)),
                ),
                ep(
                    on,
                    ReasonNewEpisode::PlacementChange,
                    LegalStatus::FullCareOrder,
                    to,
                    None,
                ),
            ],
        )
    }

    #[test]
    fn cost_014_steps_down_from_residential_care_to_a_family_or_independence_in_the_period() {
        use PlacementType::*;
        let children = [
            // From a children's home to foster carers in June 2025.
            moved("B1", ChildrensHome, FosterOther, "2025-06-01"),
            // To semi-independent living in February 2025 (2024-25).
            moved(
                "B2",
                ChildrensHome,
                SemiIndependentUnregulated,
                "2025-02-01",
            ),
            // Foster care to a children's home: a step up.
            moved("B3", FosterOther, ChildrensHome, "2025-07-01"),
            // A children's home to a secure children's home.
            moved("B4", ChildrensHome, SecureChildrensHome, "2025-08-01"),
        ];
        let f = figure("cost-014", &children, "2025-26");
        assert_eq!(
            counted(&f),
            vec![(
                "B1".to_owned(),
                crate::reporting::measures::Counted::Numerator
            )]
        );
        assert_eq!(
            f.children[0].why,
            "Moved on 2025-06-01 from a residential placement (K2) to U6"
        );
        assert_eq!(figure("cost-014", &children, "2024-25").value, Some(1.0));
    }

    #[test]
    fn cost_005_pupil_premium_plus_allocated_for_children_in_care_in_the_period() {
        use crate::education::record::{Allocation, EducationRecord};
        use crate::reporting::measures::{ChildDocuments, Counted};
        let allocation = |on: &str, pence: u64| Allocation {
            date: d(on),
            pence,
            used_for: "tuition".into(),
            managed_by: "Virtual School".into(),
        };
        // P1 in care since 2020: £450 in May 2025, £300 in March 2025 (the
        // year before); P2 in care from January 2026: £120.50 in
        // December 2025 (before care, left out) and £200 in February 2026.
        let children = [
            open("P1", "2014-01-01", "2020-01-01"),
            open("P2", "2015-01-01", "2026-01-10"),
        ];
        let records = [
            EducationRecord {
                allocations: vec![
                    allocation("2025-05-01", 45_000),
                    allocation("2025-03-01", 30_000),
                ],
                ..Default::default()
            },
            EducationRecord {
                allocations: vec![
                    allocation("2025-12-01", 12_050),
                    allocation("2026-02-01", 20_000),
                ],
                ..Default::default()
            },
        ];
        let docs = [&records[0], &records[1]].map(|r| ChildDocuments {
            education: Some(r),
            ..Default::default()
        });
        let f = figure_docs("cost-005", &children, &docs, "2025-26");
        assert_eq!(
            counted(&f),
            vec![
                ("P1".to_owned(), Counted::Numerator),
                ("P2".to_owned(), Counted::Excluded),
                ("P2".to_owned(), Counted::Numerator),
            ]
        );
        assert_eq!(f.value, Some(650.0));
        assert_eq!(
            f.children[1].why,
            "£120.50 allocated on 2025-12-01 for tuition, when not in care"
        );
    }
}
