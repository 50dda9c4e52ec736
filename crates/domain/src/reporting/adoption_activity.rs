//! The adoption service's activity from the journeys (chapter 40 section
//! 4): A20 (KPI-ADP-03) days from entering care to the placement order,
//! the children waiting with a placement order (KPI-ADP-15), the children
//! placed for adoption (KPI-ADP-16) and the share from ethnic minority
//! backgrounds (KPI-ADP-06), the adoption orders (KPI-ADP-17), the
//! fostering for adoption placements (KPI-ADP-19) and the adoptive
//! placements that ended before an order (KPI-ADP-20). Each is read from
//! the episodes: a legal status of placement order (E1), a placement for
//! adoption (A3 to A6) or with carers approved as adopters (U5), and how
//! care ended.

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted};
use crate::codes::{CareExit, CodeList, Ethnicity, LegalStatus, PlacementType, ReasonNewEpisode};
use crate::journey::Episode;

/// The episodes beginning in the period with which something began to
/// hold: the first episode of a period of care where it holds, or one
/// where it holds and did not in the episode before.
pub(super) fn began<'a>(
    c: &ChildRecords<'a>,
    period: &Period,
    at: NaiveDate,
    holds: impl Fn(&Episode) -> bool,
) -> Vec<(usize, &'a Episode)> {
    let episodes = c.journey.episodes();
    episodes
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            holds(e)
                && period.start() <= e.start
                && e.start <= at
                && (*i == 0
                    || e.reason_new_episode == ReasonNewEpisode::Started
                    || !holds(&episodes[i - 1]))
        })
        .collect()
}

/// One row counting the child for the first of `began` episodes, saying
/// `what` began on its date (and how many more times in the period).
fn began_row(c: &ChildRecords<'_>, began: &[(usize, &Episode)], what: &str) -> Vec<Behind> {
    let Some((_, first)) = began.first() else {
        return vec![];
    };
    let more = match began.len() {
        1 => String::new(),
        n => format!(" (and {} more time(s) in the period)", n - 1),
    };
    vec![Behind::new(
        c.id(),
        Counted::Numerator,
        format!(
            "{what} on {} ({}){more}",
            first.start,
            first.placement.placement_type.code()
        ),
    )]
}

pub(super) fn is_placement_order(e: &Episode) -> bool {
    e.legal_status == LegalStatus::PlacementOrder
}

fn is_placed_for_adoption(e: &Episode) -> bool {
    e.placement.placement_type.is_placed_for_adoption()
}

/// KPI-ADP-03 (A20): for a child whose placement order was made in the
/// period, the days from entering care to the order; a child whose records
/// begin part-way through the period of care is left out.
pub(crate) fn a20(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let Some((i, order)) = began(c, period, at, is_placement_order).pop() else {
        return vec![];
    };
    let Some(entered) = c.journey.period_start(i) else {
        return vec![];
    };
    let from_first = c.journey.episodes()[1..=i]
        .iter()
        .all(|e| e.reason_new_episode != ReasonNewEpisode::Started);
    if from_first && c.journey.begins_part_way() {
        return vec![Behind::new(
            c.id(),
            Counted::Excluded,
            format!(
                "Placement order on {}; the records begin part-way through the period of care, so the date of entering care is not known",
                order.start
            ),
        )];
    }
    let days = (order.start - entered).num_days();
    let mut row = Behind::new(
        c.id(),
        Counted::Numerator,
        format!(
            "Entered care {entered}, placement order {}: {days} days",
            order.start
        ),
    );
    row.days = Some(days);
    vec![row]
}

/// KPI-ADP-15: a child looked after on `at` under a placement order who
/// is not yet placed for adoption.
pub(crate) fn waiting(c: &ChildRecords<'_>, at: NaiveDate) -> Vec<Behind> {
    let episodes = c.journey.episodes();
    let Some(i) = episodes.iter().rposition(|e| e.covers(at)) else {
        return vec![];
    };
    if !is_placement_order(&episodes[i]) || is_placed_for_adoption(&episodes[i]) {
        return vec![];
    }
    let since = episodes[..=i]
        .iter()
        .rev()
        .take_while(|e| is_placement_order(e))
        .last()
        .map_or(episodes[i].start, |e| e.start);
    vec![Behind::new(
        c.id(),
        Counted::Numerator,
        format!("Placement order since {since}; not placed for adoption on {at}"),
    )]
}

/// KPI-ADP-16: a child placed with prospective adopters (A3 to A6) in the
/// period.
pub(crate) fn placed(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    began_row(
        c,
        &began(c, period, at, is_placed_for_adoption),
        "Placed for adoption",
    )
}

/// KPI-ADP-06: a child placed for adoption in the period, counted when
/// from an ethnic minority background (any ethnicity but White British);
/// a child whose ethnicity was refused or is not yet known is left out.
pub(crate) fn minority_placements(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    let placed = began(c, period, at, is_placed_for_adoption);
    let Some((_, first)) = placed.first() else {
        return vec![];
    };
    let ethnicity = c.journey.child().ethnicity;
    let (counted, words) = match ethnicity {
        Ethnicity::Refused | Ethnicity::NotObtained => (Counted::Excluded, "ethnicity not known"),
        Ethnicity::WhiteBritish => (Counted::DenominatorOnly, "White British"),
        _ => (Counted::Numerator, "from an ethnic minority background"),
    };
    vec![Behind::new(
        c.id(),
        counted,
        format!(
            "Placed for adoption on {}: {words} ({})",
            first.start,
            ethnicity.code()
        ),
    )]
}

/// KPI-ADP-17: a child whose adoption order was made in the period (their
/// care ended by adoption, E11 or E12).
pub(crate) fn orders(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    c.journey
        .episodes()
        .iter()
        .filter_map(|e| e.end)
        .filter(|end| end.reason.exit() == Some(CareExit::Adoption))
        .filter(|end| period.start() <= end.date && end.date <= at)
        .map(|end| {
            Behind::new(
                c.id(),
                Counted::Numerator,
                format!(
                    "Adoption order: care ended on {} ({})",
                    end.date,
                    end.reason.code()
                ),
            )
        })
        .collect()
}

/// KPI-ADP-19: a child placed in the period with foster carers who are
/// also approved adopters (fostering for adoption, U5).
pub(crate) fn fostering_for_adoption(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    began_row(
        c,
        &began(c, period, at, |e| {
            e.placement.placement_type == PlacementType::FosterFfa
        }),
        "Placed with foster carers approved as adopters",
    )
}

/// KPI-ADP-20: each placement for adoption that ended in the period
/// before an adoption order: the child moved to a placement that is not
/// with adopters, or left care other than by adoption.
pub(crate) fn disruptions(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let episodes = c.journey.episodes();
    let mut rows = Vec::new();
    let mut since: Option<NaiveDate> = None;
    for (i, e) in episodes.iter().enumerate() {
        if !is_placed_for_adoption(e) {
            since = None;
            continue;
        }
        let first = since.is_none() || e.reason_new_episode == ReasonNewEpisode::Started;
        if first {
            since = Some(e.start);
        }
        let Some(end) = e.end else { continue };
        let next = episodes
            .get(i + 1)
            .filter(|n| n.reason_new_episode != ReasonNewEpisode::Started);
        let how = match next {
            Some(n) if !is_placed_for_adoption(n) => format!(
                "moved to a placement not with adopters ({})",
                n.placement.placement_type.code()
            ),
            Some(_) => continue,
            None if end.reason.ends_care() && end.reason.exit() != Some(CareExit::Adoption) => {
                format!("left care other than by adoption ({})", end.reason.code())
            }
            None => continue,
        };
        if period.start() <= end.date && end.date <= at {
            rows.push(Behind::new(
                c.id(),
                Counted::Numerator,
                format!(
                    "Placed for adoption from {}; the placement ended on {} before an adoption order: {how}",
                    since.unwrap_or(e.start),
                    end.date
                ),
            ));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::super::measures::fixture::*;
    use crate::codes::LegalStatus::*;
    use crate::codes::PlacementType::*;
    use crate::codes::ReasonEpisodeCeased::*;
    use crate::codes::ReasonNewEpisode::*;
    use crate::journey::CareJourney;
    use crate::reporting::measures::Counted;

    fn x1(date: &str) -> Option<(&str, crate::codes::ReasonEpisodeCeased)> {
        Some((date, NewEpisodeSameDay))
    }

    /// Entered care 2023-06-01, placement order 2024-05-01, with the
    /// carers approved as adopters from 2024-04-10, placed for adoption
    /// 2024-08-01 and adopted 2025-02-01.
    fn adopted() -> CareJourney {
        journey(
            child("A", "2022-01-01"),
            vec![
                ep(
                    "2023-06-01",
                    Started,
                    InterimCareOrder,
                    FosterOther,
                    x1("2024-04-10"),
                ),
                ep(
                    "2024-04-10",
                    PlacementChange,
                    InterimCareOrder,
                    FosterFfa,
                    x1("2024-05-01"),
                ),
                ep(
                    "2024-05-01",
                    LegalStatusChange,
                    PlacementOrder,
                    FosterFfa,
                    x1("2024-08-01"),
                ),
                ep(
                    "2024-08-01",
                    PlacementChange,
                    PlacementOrder,
                    AdoptionPlacementOrderFormerCarer,
                    Some(("2025-02-01", AdoptedConsentDispensed)),
                ),
            ],
        )
    }

    /// Entered care 2024-01-01, placement order 2024-07-01 (182 days),
    /// placed for adoption 2024-10-01, the placement ended 2025-01-15 and
    /// the child went back to foster care, still waiting.
    fn disrupted() -> CareJourney {
        journey(
            child("B", "2021-01-01"),
            vec![
                ep(
                    "2024-01-01",
                    Started,
                    FullCareOrder,
                    FosterOther,
                    x1("2024-07-01"),
                ),
                ep(
                    "2024-07-01",
                    LegalStatusChange,
                    PlacementOrder,
                    FosterOther,
                    x1("2024-10-01"),
                ),
                ep(
                    "2024-10-01",
                    PlacementChange,
                    PlacementOrder,
                    AdoptionPlacementOrder,
                    x1("2025-01-15"),
                ),
                ep(
                    "2025-01-15",
                    PlacementChange,
                    PlacementOrder,
                    FosterOther,
                    None,
                ),
            ],
        )
    }

    /// In care since 2020 with a placement order of 2022: none of this
    /// year's activity, and not waiting (placed with the adopters).
    fn earlier() -> CareJourney {
        journey(
            child("C", "2019-01-01"),
            vec![
                ep(
                    "2020-03-01",
                    Started,
                    FullCareOrder,
                    FosterOther,
                    x1("2022-03-01"),
                ),
                ep(
                    "2022-03-01",
                    LegalStatusChange,
                    PlacementOrder,
                    AdoptionPlacementOrder,
                    None,
                ),
            ],
        )
    }

    fn children() -> Vec<CareJourney> {
        vec![adopted(), disrupted(), earlier()]
    }

    #[test]
    fn kpi_adp_03_a20_is_the_mean_days_from_entering_care_to_the_placement_order() {
        let f = figure("adp-03", &children(), "2024-25");
        // A: 2023-06-01 to 2024-05-01 = 335 days; B: 182 days; C: 2022.
        assert_eq!(
            counted(&f),
            vec![
                ("A".to_owned(), Counted::Numerator),
                ("B".to_owned(), Counted::Numerator)
            ]
        );
        assert_eq!(f.value, Some((335.0 + 182.0) / 2.0));
        assert_eq!(
            f.children[1].why,
            "Entered care 2024-01-01, placement order 2024-07-01: 182 days"
        );
        // The spec's check: entered 2023-02-01, order 2024-03-08: 401 days.
        let one = journey(
            child("D", "2022-01-01"),
            vec![
                ep(
                    "2023-02-01",
                    Started,
                    InterimCareOrder,
                    FosterOther,
                    x1("2024-03-08"),
                ),
                ep(
                    "2024-03-08",
                    LegalStatusChange,
                    PlacementOrder,
                    FosterOther,
                    None,
                ),
            ],
        );
        assert_eq!(figure("adp-03", &[one], "2023-24").value, Some(401.0));
    }

    #[test]
    fn kpi_adp_15_counts_children_with_a_placement_order_not_yet_placed_for_adoption() {
        let f = figure("adp-15", &children(), "2024-25");
        assert_eq!(counted(&f), vec![("B".to_owned(), Counted::Numerator)]);
        assert_eq!(
            f.children[0].why,
            "Placement order since 2024-07-01; not placed for adoption on 2025-03-31"
        );
        // On 31 March 2024 none had an order but C, who was placed.
        assert_eq!(figure("adp-15", &children(), "2023-24").value, Some(0.0));
    }

    #[test]
    fn kpi_adp_16_and_kpi_adp_17_count_children_placed_for_adoption_and_adoption_orders() {
        let placed = figure("adp-16", &children(), "2024-25");
        assert_eq!(placed.value, Some(2.0), "A and B, not C placed in 2022");
        assert_eq!(
            placed.children[0].why,
            "Placed for adoption on 2024-08-01 (A5)"
        );
        let orders = figure("adp-17", &children(), "2024-25");
        assert_eq!(counted(&orders), vec![("A".to_owned(), Counted::Numerator)]);
        assert_eq!(
            orders.children[0].why,
            "Adoption order: care ended on 2025-02-01 (E12)"
        );
        assert_eq!(figure("adp-17", &children(), "2025-26").value, Some(0.0));
    }

    #[test]
    fn kpi_adp_19_counts_fostering_for_adoption_placements_begun_in_the_period() {
        let f = figure("adp-19", &children(), "2024-25");
        // A moved to carers approved as adopters once: the order made
        // while there is not a second placement.
        assert_eq!(counted(&f), vec![("A".to_owned(), Counted::Numerator)]);
        assert_eq!(
            f.children[0].why,
            "Placed with foster carers approved as adopters on 2024-04-10 (U5)"
        );
        assert_eq!(figure("adp-19", &children(), "2023-24").value, Some(0.0));
    }

    #[test]
    fn kpi_adp_20_counts_placements_for_adoption_ending_before_an_order() {
        let f = figure("adp-20", &children(), "2024-25");
        assert_eq!(counted(&f), vec![("B".to_owned(), Counted::Numerator)]);
        assert_eq!(
            f.children[0].why,
            "Placed for adoption from 2024-10-01; the placement ended on 2025-01-15 before an adoption order: moved to a placement not with adopters (U6)"
        );
        // Leaving care other than by adoption from the adopters' home.
        let home = journey(
            child("E", "2020-01-01"),
            vec![
                ep(
                    "2023-01-01",
                    Started,
                    PlacementOrder,
                    FosterOther,
                    x1("2024-05-01"),
                ),
                ep(
                    "2024-05-01",
                    PlacementChange,
                    PlacementOrder,
                    AdoptionPlacementOrder,
                    Some(("2024-12-01", ReturnedHomePlanned)),
                ),
            ],
        );
        let f = figure("adp-20", &[home], "2024-25");
        assert_eq!(f.value, Some(1.0));
        assert!(
            f.children[0]
                .why
                .ends_with("left care other than by adoption (E4A)"),
            "{}",
            f.children[0].why
        );
    }

    #[test]
    fn kpi_adp_06_the_share_of_adoptive_placements_of_children_from_ethnic_minority_backgrounds() {
        let mut b = child("B", "2021-01-01");
        b.ethnicity = crate::codes::Ethnicity::BlackAfrican;
        let mut e = child("E", "2021-01-01");
        e.ethnicity = crate::codes::Ethnicity::NotObtained;
        let children = [
            adopted(),
            journey(b, disrupted().episodes().to_vec()),
            journey(e, disrupted().episodes().to_vec()),
            earlier(),
        ];
        let f = figure("adp-06", &children, "2024-25");
        assert_eq!(
            counted(&f),
            vec![
                ("A".to_owned(), Counted::DenominatorOnly),
                ("B".to_owned(), Counted::Numerator),
                ("E".to_owned(), Counted::Excluded),
            ]
        );
        assert_eq!(f.value, Some(50.0));
        assert_eq!(
            f.children[1].why,
            "Placed for adoption on 2024-10-01: from an ethnic minority background (BAFR)"
        );
        // The spec's check: 14% against England's 7% is better by 7 points.
        use crate::reporting::conventions::{Direction, Polarity, direction};
        assert_eq!(
            direction(7.0, 14.0, Polarity::HigherBetter),
            Direction::Better
        );
    }
}
