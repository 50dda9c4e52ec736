//! The cost measures (COST-) the records compute: the agency cost avoided
//! by children placed with connected carers rather than an independent
//! fostering agency (COST-001), from the placements of each child's journey.

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted};
use crate::codes::PlacementGroup;

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
}
