//! The adoption scorecard (chapter 40 section 4) from the records: A1
//! (KPI-ADP-01) days from entering care to moving in with the adoptive
//! family, A2 (KPI-ADP-02) days from court authority to match, and A3
//! (KPI-ADP-04) the share moving in within 14 months. The dates come from
//! the journey (entering care, the placement for adoption, the placement
//! order, the adoption) and the match from the plan's steps or the
//! return's AD1.

use chrono::{Months, NaiveDate};

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted};
use crate::codes::CareExit;
use crate::deadlines::EventKind;

/// A child adopted in the period: when, when they entered that period of
/// care, and when they moved in with the adopters (if recorded).
struct Adopted {
    adopted: NaiveDate,
    entered: NaiveDate,
    moved_in: Option<NaiveDate>,
}

/// The child's adoption in the period, or the row leaving them out.
fn adopted_in(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Option<Result<Adopted, Behind>> {
    let episodes = c.journey.episodes();
    let (i, end) = episodes.iter().enumerate().rev().find_map(|(i, e)| {
        e.end
            .filter(|end| end.reason.exit() == Some(CareExit::Adoption))
            .filter(|end| period.start() <= end.date && end.date <= at)
            .map(|end| (i, end))
    })?;
    let entered = c.journey.period_start(i)?;
    let first = episodes
        .iter()
        .position(|e| e.start >= entered)
        .unwrap_or(0);
    if first == 0 && c.journey.begins_part_way() {
        return Some(Err(Behind::new(
            c.id(),
            Counted::Excluded,
            format!(
                "Adopted on {}; the records begin part-way through the period of care, so the date of entering care is not known",
                end.date
            ),
        )));
    }
    let moved_in = episodes[first..=i]
        .iter()
        .find(|e| e.placement.placement_type.is_placed_for_adoption())
        .map(|e| e.start);
    Some(Ok(Adopted {
        adopted: end.date,
        entered,
        moved_in,
    }))
}

/// The adopted child's days from entering care to moving in, or the row
/// leaving them out.
fn days_to_move_in(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Option<Result<(Adopted, i64), Behind>> {
    Some(adopted_in(c, period, at)?.and_then(|a| match a.moved_in {
        Some(moved) => {
            let days = (moved - a.entered).num_days();
            Ok((a, days))
        }
        None => Err(Behind::new(
            c.id(),
            Counted::Excluded,
            format!(
                "Adopted on {}; no placement with the adopters (A3 to A6) is recorded",
                a.adopted
            ),
        )),
    }))
}

/// KPI-ADP-01 (A1): for a child adopted in the period, the days from
/// entering care to moving in with the adoptive family.
pub(crate) fn a1(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    match days_to_move_in(c, period, at) {
        None => vec![],
        Some(Err(out)) => vec![out],
        Some(Ok((a, days))) => {
            let mut row = Behind::new(
                c.id(),
                Counted::Numerator,
                format!(
                    "Entered care {}, moved in with the adopters {}, adopted {}: {days} days",
                    a.entered,
                    a.moved_in.unwrap_or(a.adopted),
                    a.adopted
                ),
            );
            row.days = Some(days);
            vec![row]
        }
    }
}

/// KPI-ADP-04 (A3): a child adopted in the period who moved in with the
/// adoptive family less than 14 months after entering care.
pub(crate) fn a3(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    match days_to_move_in(c, period, at) {
        None => vec![],
        Some(Err(out)) => vec![out],
        Some(Ok((a, days))) => {
            let moved = a.moved_in.unwrap_or(a.adopted);
            let within = moved < a.entered + Months::new(14);
            let (counted, words) = if within {
                (Counted::Numerator, "less than 14 months")
            } else {
                (Counted::DenominatorOnly, "14 months or more")
            };
            vec![Behind::new(
                c.id(),
                counted,
                format!(
                    "Moved in with the adopters {days} days after entering care ({} to {moved}): {words}",
                    a.entered
                ),
            )]
        }
    }
}

/// KPI-ADP-02 (A2): for a child matched with adopters in the period, the
/// days from the placement order (court authority) to the match; a child
/// with no placement order (relinquished) is left out.
pub(crate) fn a2(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let of = |kind: EventKind| {
        c.events
            .iter()
            .filter(move |e| e.kind == kind)
            .map(|e| e.date)
    };
    let Some(matched) = of(EventKind::MatchAgreed)
        .filter(|d| period.start() <= *d && *d <= at)
        .max()
    else {
        return vec![];
    };
    let Some(order) = of(EventKind::PlacementOrderMade)
        .filter(|d| *d <= matched)
        .max()
    else {
        return vec![Behind::new(
            c.id(),
            Counted::Excluded,
            format!(
                "Matched on {matched} with no placement order recorded (relinquished children are left out of A2)"
            ),
        )];
    };
    let days = (matched - order).num_days();
    let mut row = Behind::new(
        c.id(),
        Counted::Numerator,
        format!("Placement order {order}, matched {matched}: {days} days"),
    );
    row.days = Some(days);
    vec![row]
}

#[cfg(test)]
mod tests {
    use super::super::conventions::{one_decimal, weighted_mean};
    use super::super::measures::fixture::*;
    use super::super::measures::{ChildRecords, Figure, compute, measure};
    use super::*;
    use crate::census::{AdoptionDetails, CensusYear};
    use crate::codes::LegalStatus::*;
    use crate::codes::PlacementType::*;
    use crate::codes::ReasonEpisodeCeased::*;
    use crate::codes::ReasonNewEpisode::*;
    use crate::journey::CareJourney;

    /// A child who entered care on `entered`, had a placement order on
    /// `order`, moved in with adopters on `moved` and was adopted on `adopted`.
    fn adopted(id: &str, entered: &str, order: &str, moved: &str, adopted: &str) -> CareJourney {
        let x1 = |date| Some((date, NewEpisodeSameDay));
        journey(
            child(id, "2020-01-01"),
            vec![
                ep(entered, Started, InterimCareOrder, FosterOther, x1(order)),
                ep(
                    order,
                    LegalStatusChange,
                    PlacementOrder,
                    FosterOther,
                    x1(moved),
                ),
                ep(
                    moved,
                    PlacementChange,
                    PlacementOrder,
                    AdoptionPlacementOrder,
                    Some((adopted, AdoptedConsentDispensed)),
                ),
            ],
        )
    }

    fn figure(
        key: &str,
        journeys: &[CareJourney],
        years: &[Vec<CensusYear>],
        period: &str,
    ) -> Figure {
        let records: Vec<ChildRecords<'_>> = journeys
            .iter()
            .enumerate()
            .map(|(i, j)| ChildRecords::new(j, years.get(i).map_or(&[][..], |y| &y[..]), vec![]))
            .collect();
        compute(
            measure(key).unwrap(),
            &records,
            &crate::reporting::measures::ServiceRecords::default(),
            &Period::parse(period).unwrap(),
            d("2026-11-30"),
        )
    }

    fn children() -> Vec<CareJourney> {
        vec![
            // 300 days from entering care to moving in.
            adopted("A", "2023-06-01", "2024-01-10", "2024-03-27", "2024-09-01"),
            // 500 days.
            adopted("B", "2022-11-01", "2023-09-01", "2024-03-15", "2024-12-01"),
            // Adopted, but no placement with the adopters is recorded.
            journey(
                child("C", "2020-01-01"),
                vec![ep(
                    "2023-01-01",
                    Started,
                    PlacementOrder,
                    FosterOther,
                    Some(("2024-10-01", AdoptedUnopposed)),
                )],
            ),
            // Adopted the year before.
            adopted("D", "2022-01-01", "2022-06-01", "2022-10-01", "2023-05-01"),
        ]
    }

    #[test]
    fn kpi_adp_01_a1_is_the_mean_days_from_entering_care_to_moving_in_of_children_adopted() {
        let f = figure("adp-01", &children(), &[], "2024-25");
        assert_eq!(f.numerator, 2);
        assert_eq!(f.value, Some(400.0), "(300 + 500) / 2");
        assert_eq!(
            f.children[0].why,
            "Entered care 2023-06-01, moved in with the adopters 2024-03-27, adopted 2024-09-01: 300 days"
        );
        assert_eq!(f.children[2].counted, Counted::Excluded);
        // The three-year A1 is weighted by children (KPI-CONV-04): 2022-23
        // has none, 2023-24 has D (273 days), 2024-25 the two above.
        let years: Vec<(usize, f64)> = ["2022-23", "2023-24", "2024-25"]
            .iter()
            .map(|p| figure("adp-01", &children(), &[], p))
            .filter_map(|f| f.value.map(|v| (f.numerator, v)))
            .collect();
        assert_eq!(years, vec![(1, 273.0), (2, 400.0)]);
        assert_eq!(one_decimal(weighted_mean(&years).unwrap()), 357.7);
    }

    #[test]
    fn kpi_adp_02_a2_is_the_mean_days_from_placement_order_to_match_leaving_out_relinquished_children()
     {
        let matched = |date: &str| {
            let mut y = CensusYear::new(2024);
            y.adoption.push(AdoptionDetails {
                should_be_placed: None,
                matched: Some(d(date)),
                foster_care: "0".into(),
                adopters: "2".into(),
                adopters_sex: "MF".into(),
                adopters_legal_status: "L0".into(),
            });
            vec![y]
        };
        // A: order 10 January 2024, matched 1 March 2024: 51 days (2023-24).
        // B: order 1 September 2023, matched 1 May 2024: 243 days.
        // C: relinquished, no placement order: left out.
        let c = journey(
            child("C", "2024-01-01"),
            vec![ep(
                "2024-01-10",
                Started,
                SingleAccommodation,
                FosterFfa,
                None,
            )],
        );
        let journeys = [children().remove(0), children().remove(1), c];
        let years = [
            matched("2024-03-01"),
            matched("2024-05-01"),
            matched("2024-06-01"),
        ];
        let f = figure("adp-02", &journeys, &years, "2024-25");
        assert_eq!(f.numerator, 1);
        assert_eq!(f.value, Some(243.0));
        assert_eq!(
            f.children[0].why,
            "Placement order 2023-09-01, matched 2024-05-01: 243 days"
        );
        assert_eq!(f.children[1].counted, Counted::Excluded);
        assert_eq!(
            figure("adp-02", &journeys, &years, "2023-24").value,
            Some(51.0)
        );
    }

    #[test]
    fn kpi_adp_04_a3_is_the_share_adopted_who_moved_in_less_than_14_months_after_entering_care() {
        let f = figure("adp-04", &children(), &[], "2024-25");
        // A moved in after 300 days (under 14 months); B after 500; C left out.
        assert_eq!((f.numerator, f.denominator), (1, Some(2)));
        assert_eq!(f.value, Some(50.0));
        assert!(
            f.children[1].why.ends_with("14 months or more"),
            "{}",
            f.children[1].why
        );
        // The spec's check: 17 of 26 adopted children is 65.4%.
        assert_eq!(one_decimal(100.0 * 17.0 / 26.0), 65.4);
    }
}
