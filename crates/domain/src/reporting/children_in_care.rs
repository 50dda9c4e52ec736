//! The children in care measures (chapter 40 section 2) that the records
//! hold enough to compute: each a function of one child's records and the
//! period, giving the rows that child adds to the figure (none when the
//! child has nothing to do with the measure).

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted, year_before};
use crate::codes::{CareExit, CodeList, ReasonNewEpisode};

/// The start of the period of care a child is in on `at`, and whether that
/// day is a short break (V3, V4: not counted as looked after); `None` when
/// the child is not looked after on `at`.
pub(super) fn looked_after(c: &ChildRecords<'_>, at: NaiveDate) -> Option<(NaiveDate, bool)> {
    let episodes = c.journey.episodes();
    let i = episodes.iter().rposition(|e| e.covers(at))?;
    let since = c.journey.period_start(i)?;
    Some((since, episodes[i].legal_status.is_short_break()))
}

pub(super) fn short_break(c: &ChildRecords<'_>, at: NaiveDate) -> Behind {
    Behind::new(
        c.id(),
        Counted::Excluded,
        format!("On a short break (V3 or V4) on {at}: not counted as looked after"),
    )
}

/// KPI-CIC-01: looked after on `at`.
pub(crate) fn in_care(c: &ChildRecords<'_>, at: NaiveDate) -> Vec<Behind> {
    match looked_after(c, at) {
        None => vec![],
        Some((_, true)) => vec![short_break(c, at)],
        Some((since, false)) => vec![Behind::new(
            c.id(),
            Counted::Numerator,
            format!("In care on {at}, since {since}"),
        )],
    }
}

/// KPI-CIC-03: started to be looked after in the period.
pub(crate) fn admitted(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    let starts: Vec<_> = c
        .journey
        .episodes()
        .iter()
        .filter(|e| e.reason_new_episode == ReasonNewEpisode::Started)
        .filter(|e| period.start() <= e.start && e.start <= at)
        .collect();
    let Some(first) = starts.first() else {
        return vec![];
    };
    if first.legal_status.is_short_break() {
        return vec![short_break(c, first.start)];
    }
    let more = match starts.len() {
        1 => String::new(),
        n => format!(" (and {} more time(s) in the period)", n - 1),
    };
    vec![Behind::new(
        c.id(),
        Counted::Numerator,
        format!("Started to be looked after on {}{more}", first.start),
    )]
}

fn exit_words(exit: Option<CareExit>) -> &'static str {
    match exit {
        Some(CareExit::Adoption) => "adopted",
        Some(CareExit::SpecialGuardianship) => "special guardianship order",
        Some(CareExit::ChildArrangementsOrder) => "child arrangements order",
        Some(CareExit::ReturnHome) => "returned home",
        Some(CareExit::Aged18OrIndependence) => "aged 18 or moved to independence",
        Some(CareExit::Other) | None => "another reason",
    }
}

/// KPI-CIC-05: the child's last discharge in the period, counted when it
/// was by `exit`, in the denominator otherwise.
pub(crate) fn left_care(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
    exit: CareExit,
) -> Vec<Behind> {
    let Some(end) = c
        .journey
        .episodes()
        .iter()
        .filter_map(|e| e.end)
        .rfind(|end| end.reason.ends_care() && period.start() <= end.date && end.date <= at)
    else {
        return vec![];
    };
    let how = end.reason.exit();
    let counted = if how == Some(exit) {
        Counted::Numerator
    } else {
        Counted::DenominatorOnly
    };
    vec![Behind::new(
        c.id(),
        counted,
        format!(
            "Left care on {}: {} ({})",
            end.date,
            exit_words(how),
            end.reason.code()
        ),
    )]
}

/// KPI-CIC-07: an unaccompanied asylum-seeking child in care on `at`;
/// a former UASC is left out.
pub(crate) fn uasc(c: &ChildRecords<'_>, at: NaiveDate) -> Vec<Behind> {
    let Some(status) = c.journey.child().uasc else {
        return vec![];
    };
    match looked_after(c, at) {
        None => vec![],
        Some((_, true)) => vec![short_break(c, at)],
        Some(_) => vec![match status.ceased.filter(|d| *d <= at) {
            Some(ceased) => Behind::new(
                c.id(),
                Counted::Excluded,
                format!("Former unaccompanied asylum-seeking child since {ceased}"),
            ),
            None => Behind::new(
                c.id(),
                Counted::Numerator,
                format!("Unaccompanied asylum-seeking child in care on {at}"),
            ),
        }],
    }
}

/// KPI-CIC-12: a child in care on `at` with three or more placements in
/// the 12 months to it: the placement held when they began, and each new
/// placement with new carers (RNE S, P or B) after.
pub(crate) fn placement_stability(c: &ChildRecords<'_>, at: NaiveDate) -> Vec<Behind> {
    match looked_after(c, at) {
        None => return vec![],
        Some((_, true)) => return vec![short_break(c, at)],
        Some(_) => {}
    }
    let from = year_before(at);
    let mut placements = 0;
    for e in c.journey.episodes() {
        if e.start > at || e.end.is_some_and(|end| end.date < from) {
            continue;
        }
        use ReasonNewEpisode::*;
        if placements == 0
            || matches!(
                e.reason_new_episode,
                Started | PlacementChange | LegalStatusAndPlacementChange
            )
        {
            placements += 1;
        }
    }
    let counted = if placements >= 3 {
        Counted::Numerator
    } else {
        Counted::DenominatorOnly
    };
    vec![Behind::new(
        c.id(),
        counted,
        format!("{placements} placement(s) in the 12 months to {at}"),
    )]
}

#[cfg(test)]
mod tests {
    use super::super::measures::fixture::*;
    use super::*;
    use crate::codes::LegalStatus::*;
    use crate::codes::PlacementType::*;
    use crate::codes::ReasonEpisodeCeased::*;
    use crate::codes::ReasonNewEpisode::*;

    #[test]
    fn kpi_cic_01_counts_children_looked_after_at_the_end_of_the_year_but_not_short_breaks() {
        let left = journey(
            child("L", "2012-01-01"),
            vec![ep(
                "2023-01-01",
                Started,
                FullCareOrder,
                FosterOther,
                Some(("2025-02-01", ReturnedHomePlanned)),
            )],
        );
        let short = journey(
            child("S", "2012-01-01"),
            vec![ep(
                "2025-03-01",
                Started,
                ShortBreaksEpisodes,
                ChildrensHome,
                None,
            )],
        );
        let f = figure(
            "cic-01",
            &[
                open("A", "2015-01-01", "2024-06-01"),
                open("B", "2015-01-01", "2025-03-31"),
                left,
                short,
            ],
            "2024-25",
        );
        assert_eq!(f.value, Some(2.0));
        assert_eq!(
            counted(&f),
            vec![
                ("A".into(), Counted::Numerator),
                ("B".into(), Counted::Numerator),
                ("S".into(), Counted::Excluded)
            ]
        );
        assert_eq!(f.children[0].why, "In care on 2025-03-31, since 2024-06-01");
    }

    #[test]
    fn kpi_cic_03_counts_children_who_started_to_be_looked_after_in_the_period() {
        let twice = journey(
            child("T", "2012-01-01"),
            vec![
                ep(
                    "2024-05-01",
                    Started,
                    SingleAccommodation,
                    FosterOther,
                    Some(("2024-06-01", ReturnedHomePlanned)),
                ),
                ep(
                    "2024-09-01",
                    Started,
                    SingleAccommodation,
                    FosterOther,
                    None,
                ),
            ],
        );
        let f = figure(
            "cic-03",
            &[
                open("A", "2015-01-01", "2024-04-01"),
                open("B", "2015-01-01", "2024-03-31"),
                twice,
            ],
            "2024-25",
        );
        assert_eq!(f.value, Some(2.0), "B started the day before the year");
        assert!(f.children[1].why.contains("and 1 more time"));
    }

    #[test]
    fn kpi_cic_05_reasons_for_leaving_care_are_shares_of_the_children_who_left() {
        let left = |id: &str, reason| {
            journey(
                child(id, "2015-01-01"),
                vec![ep(
                    "2023-01-01",
                    Started,
                    FullCareOrder,
                    FosterOther,
                    Some(("2024-10-01", reason)),
                )],
            )
        };
        let children = [
            left("A", AdoptedUnopposed),
            left("B", SgoOtherCarersRelatives),
            left("C", ReturnedHomePlanned),
            left("D", ReturnedHomeUnplanned),
            open("E", "2015-01-01", "2023-01-01"),
        ];
        let adopted = figure("cic-05-adopted", &children, "2024-25");
        assert_eq!((adopted.numerator, adopted.denominator), (1, Some(4)));
        assert_eq!(adopted.value, Some(25.0));
        assert_eq!(figure("cic-05-sgo", &children, "2024-25").value, Some(25.0));
        let home = figure("cic-05-home", &children, "2024-25");
        assert_eq!(home.value, Some(50.0));
        assert_eq!(
            home.children[2].why,
            "Left care on 2024-10-01: returned home (E4A)"
        );
        assert_eq!(
            figure("cic-05-home", &children, "2023-24").value,
            None,
            "no one left"
        );
    }

    #[test]
    fn kpi_cic_07_counts_uasc_in_care_and_leaves_out_former_uasc() {
        let a = journey(
            as_uasc(child("A", "2008-01-01"), None),
            vec![ep(
                "2024-06-01",
                Started,
                SingleAccommodation,
                ChildrensHome,
                None,
            )],
        );
        let b = journey(
            as_uasc(child("B", "2007-01-01"), Some("2025-01-01")),
            vec![ep(
                "2024-06-01",
                Started,
                SingleAccommodation,
                ChildrensHome,
                None,
            )],
        );
        let c = journey(
            as_uasc(child("C", "2008-01-01"), None),
            vec![ep(
                "2024-06-01",
                Started,
                SingleAccommodation,
                ChildrensHome,
                Some(("2024-12-01", MovedAbroad)),
            )],
        );
        let f = figure(
            "cic-07",
            &[a, b, c, open("D", "2015-01-01", "2023-01-01")],
            "2024-25",
        );
        assert_eq!(f.value, Some(1.0));
        assert_eq!(
            counted(&f),
            vec![
                ("A".into(), Counted::Numerator),
                ("B".into(), Counted::Excluded)
            ]
        );
        assert_eq!(
            f.children[1].why,
            "Former unaccompanied asylum-seeking child since 2025-01-01"
        );
    }

    #[test]
    fn kpi_cic_12_counts_children_with_three_or_more_placements_in_the_last_year() {
        let x1 = |date| Some((date, NewEpisodeSameDay));
        // A: placed February 2024, moved June and September: 3 placements.
        let a = journey(
            child("A", "2015-01-01"),
            vec![
                ep(
                    "2024-02-01",
                    Started,
                    FullCareOrder,
                    FosterOther,
                    x1("2024-06-01"),
                ),
                ep(
                    "2024-06-01",
                    PlacementChange,
                    FullCareOrder,
                    FosterRelativeOther,
                    x1("2024-09-01"),
                ),
                ep(
                    "2024-09-01",
                    PlacementChange,
                    FullCareOrder,
                    FosterOther,
                    None,
                ),
            ],
        );
        // B: one move and a change of legal status only: 2.
        let b = journey(
            child("B", "2015-01-01"),
            vec![
                ep(
                    "2023-01-01",
                    Started,
                    InterimCareOrder,
                    FosterOther,
                    x1("2024-05-01"),
                ),
                ep(
                    "2024-05-01",
                    PlacementChange,
                    InterimCareOrder,
                    FosterRelativeOther,
                    x1("2024-08-01"),
                ),
                ep(
                    "2024-08-01",
                    LegalStatusChange,
                    FullCareOrder,
                    FosterRelativeOther,
                    None,
                ),
            ],
        );
        // C: a change with the same carers does not count: 2.
        let c = journey(
            child("C", "2015-01-01"),
            vec![
                ep(
                    "2024-10-01",
                    Started,
                    FullCareOrder,
                    FosterOther,
                    x1("2024-12-01"),
                ),
                ep(
                    "2024-12-01",
                    PlacementChangeSameCarer,
                    FullCareOrder,
                    FosterLongTerm,
                    x1("2025-01-15"),
                ),
                ep(
                    "2025-01-15",
                    PlacementChange,
                    FullCareOrder,
                    ChildrensHome,
                    None,
                ),
            ],
        );
        let f = figure("cic-12", &[a, b, c], "2024-25");
        assert_eq!((f.numerator, f.denominator), (1, Some(3)));
        assert_eq!(one(f.value), 33.3);
        assert_eq!(
            f.children[0].why,
            "3 placement(s) in the 12 months to 2025-03-31"
        );
        assert_eq!(
            f.children[2].why,
            "2 placement(s) in the 12 months to 2025-03-31"
        );
    }
}
