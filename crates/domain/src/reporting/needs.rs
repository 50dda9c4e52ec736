//! The needs-analysis figures (NEED-) the records compute: the profile of
//! the children at the point of approval for adoption (their placement
//! order) by age band (NEED-004), ethnicity (NEED-005) and disability
//! (NEED-006), and the sex of the unaccompanied asylum-seeking children in
//! care (NEED-003): the tables of the committee report's needs-analysis
//! appendix (RPT-019).

use chrono::NaiveDate;

use super::adoption_activity::{began, is_placement_order};
use super::children_in_care::uasc;
use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted};
use crate::codes::{CodeList, Ethnicity, Sex};

/// The first placement order made in the period, with the child's age on it.
fn at_approval(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Option<(NaiveDate, u32)> {
    let (_, order) = *began(c, period, at, is_placement_order).first()?;
    let age = order
        .start
        .years_since(c.journey.child().date_of_birth)
        .unwrap_or(0);
    Some((order.start, age))
}

/// NEED-004: a child whose placement order was made in the period, counted
/// in the age band `from..=to` (years on the day of the order; `None`: and over).
pub(crate) fn age_at_approval(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
    (from, to): (u32, Option<u32>),
) -> Vec<Behind> {
    let Some((on, age)) = at_approval(c, period, at) else {
        return vec![];
    };
    let counted = if age >= from && to.is_none_or(|to| age <= to) {
        Counted::Numerator
    } else {
        Counted::Excluded
    };
    vec![Behind::new(
        c.id(),
        counted,
        format!("Placement order on {on}, aged {age}"),
    )]
}

/// NEED-006: a child whose placement order was made in the period, counted
/// when disabled.
pub(crate) fn disabled_at_approval(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    let Some((on, _)) = at_approval(c, period, at) else {
        return vec![];
    };
    let disabled = c.journey.child().disabled;
    vec![Behind::new(
        c.id(),
        if disabled {
            Counted::Numerator
        } else {
            Counted::DenominatorOnly
        },
        format!(
            "Placement order on {on}; {}",
            if disabled { "disabled" } else { "not disabled" }
        ),
    )]
}

/// NEED-005: a child whose placement order was made in the period,
/// counted when White British (WBRI); the line gives their ethnicity code.
pub(crate) fn white_british_at_approval(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    let Some((on, _)) = at_approval(c, period, at) else {
        return vec![];
    };
    let ethnicity = c.journey.child().ethnicity;
    let counted = if ethnicity == Ethnicity::WhiteBritish {
        Counted::Numerator
    } else {
        Counted::DenominatorOnly
    };
    vec![Behind::new(
        c.id(),
        counted,
        format!("Placement order on {on}, ethnicity {}", ethnicity.code()),
    )]
}

/// NEED-003: an unaccompanied asylum-seeking child in care on `at`
/// (KPI-CIC-07), counted when male.
pub(crate) fn uasc_male(c: &ChildRecords<'_>, at: NaiveDate) -> Vec<Behind> {
    let sex = c.journey.child().sex;
    uasc(c, at)
        .into_iter()
        .map(|b| match b.counted {
            Counted::Numerator if sex != Sex::Male => Behind {
                counted: Counted::DenominatorOnly,
                why: format!("{}, sex {}", b.why, sex.code()),
                ..b
            },
            Counted::Numerator => Behind {
                why: format!("{}, sex {}", b.why, sex.code()),
                ..b
            },
            _ => b,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::measures::fixture::*;
    use crate::codes::{LegalStatus, PlacementType, ReasonEpisodeCeased, ReasonNewEpisode};
    use crate::journey::CareJourney;

    /// In care under an interim order from `entered`, a placement order on `order`.
    fn ordered(id: &str, born: &str, entered: &str, order: &str, disabled: bool) -> CareJourney {
        let mut c = child(id, born);
        c.disabled = disabled;
        journey(
            c,
            vec![
                ep(
                    entered,
                    ReasonNewEpisode::Started,
                    LegalStatus::InterimCareOrder,
                    PlacementType::FosterOther,
                    Some((order, ReasonEpisodeCeased::NewEpisodeSameDay)),
                ),
                ep(
                    order,
                    ReasonNewEpisode::LegalStatusChange,
                    LegalStatus::PlacementOrder,
                    PlacementType::FosterOther,
                    None,
                ),
            ],
        )
    }

    /// NEED-004 and NEED-006 for 2024-25: B1 aged 2 at the order, B2 aged
    /// 8 and disabled, B3's order the year before; by age band 0-2: 1,
    /// 7-8: 1, the others 0; disabled 1 of 2 = 50%.
    #[test]
    fn need_004_and_need_006_children_at_approval_for_adoption_by_age_band_and_disability() {
        let children = [
            ordered("B1", "2022-01-01", "2023-05-01", "2024-06-01", false),
            ordered("B2", "2016-05-01", "2024-01-10", "2024-09-01", true),
            ordered("B3", "2020-01-01", "2023-01-01", "2024-02-01", false),
        ];
        let band = |key: &str| figure(key, &children, "2024-25").value;
        assert_eq!(band("need-004-0-2"), Some(1.0));
        assert_eq!(band("need-004-3-4"), Some(0.0));
        assert_eq!(band("need-004-5-6"), Some(0.0));
        assert_eq!(band("need-004-7-8"), Some(1.0));
        assert_eq!(band("need-004-9"), Some(0.0));
        assert_eq!(one(band("need-006")), 50.0);
        let f = figure("need-004-7-8", &children, "2024-25");
        assert_eq!(
            counted(&f).len(),
            2,
            "B1 left out with its age, B3 not in the year"
        );
    }

    #[test]
    fn need_005_children_at_approval_for_adoption_who_are_white_british() {
        let mut other = ordered("B2", "2016-05-01", "2024-01-10", "2024-09-01", false);
        let mut c = other.child().clone();
        c.ethnicity = crate::codes::Ethnicity::MixedWhiteBlackCaribbean;
        other = journey(c, other.episodes().to_vec());
        let children = [
            ordered("B1", "2022-01-01", "2023-05-01", "2024-06-01", false),
            other,
            ordered("B3", "2020-01-01", "2023-01-01", "2024-02-01", false),
        ];
        // 2024-25: B1 White British, B2 not; B3's order was the year before.
        let f = figure("need-005", &children, "2024-25");
        assert_eq!(
            counted(&f),
            vec![
                (
                    "B1".to_owned(),
                    crate::reporting::measures::Counted::Numerator
                ),
                (
                    "B2".to_owned(),
                    crate::reporting::measures::Counted::DenominatorOnly
                ),
            ]
        );
        assert_eq!(f.value, Some(50.0));
    }

    #[test]
    fn need_003_the_unaccompanied_children_in_care_who_are_male() {
        use crate::codes::Sex;
        let with_sex = |id: &str, sex: Sex, ceased: Option<&str>| {
            let mut c = as_uasc(child(id, "2009-01-01"), ceased);
            c.sex = sex;
            journey(
                c,
                vec![ep(
                    "2024-01-01",
                    ReasonNewEpisode::Started,
                    LegalStatus::SingleAccommodation,
                    PlacementType::FosterOther,
                    None,
                )],
            )
        };
        let children = [
            with_sex("U1", Sex::Male, None),
            with_sex("U2", Sex::Male, None),
            with_sex("U3", Sex::Female, None),
            // No longer a UASC: left out.
            with_sex("U4", Sex::Male, Some("2025-01-01")),
        ];
        let f = figure("need-003", &children, "2025-26");
        assert_eq!((f.numerator, f.denominator), (2, Some(3)));
        assert_eq!(one(f.value), 66.7);
        assert!(f.children[2].why.ends_with("sex F"));
    }
}
