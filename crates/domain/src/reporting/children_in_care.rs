//! The children in care measures (chapter 40 section 2) that the records
//! hold enough to compute: each a function of one child's records and the
//! period, giving the rows that child adds to the figure (none when the
//! child has nothing to do with the measure).

use chrono::{Months, NaiveDate};

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted, year_before};
use crate::codes::{CareExit, CodeList, ReasonNewEpisode};
use crate::deadlines::Deadline;

/// The start of the period of care a child is in on `at`, and whether that
/// day is a short break (V3, V4: not counted as looked after); `None` when
/// the child is not looked after on `at`.
fn looked_after(c: &ChildRecords<'_>, at: NaiveDate) -> Option<(NaiveDate, bool)> {
    let episodes = c.journey.episodes();
    let i = episodes.iter().rposition(|e| e.covers(at))?;
    let since = c.journey.period_start(i)?;
    Some((since, episodes[i].legal_status.is_short_break()))
}

fn short_break(c: &ChildRecords<'_>, at: NaiveDate) -> Behind {
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

/// The deadlines of a rule that count in a period: due in it, or due
/// before it and still not met when it began.
fn due_in<'a>(
    c: &'a ChildRecords<'_>,
    rule: &'static str,
    period: &Period,
    at: NaiveDate,
) -> impl Iterator<Item = &'a Deadline> {
    let start = period.start();
    c.deadlines.iter().filter(move |d| {
        d.rule.id == rule && d.due <= at && (d.due >= start || d.met.is_none_or(|m| m >= start))
    })
}

/// Whether a deadline was met in time, and the words saying how it went.
fn timeliness(d: &Deadline, what: &str, at: NaiveDate) -> (bool, String) {
    match d.met {
        Some(m) if m <= d.due => (true, format!("{what} due {}, made on {m}", d.due)),
        Some(m) => (
            false,
            format!(
                "{what} due {}, made late on {m} ({} days late)",
                d.due,
                (m - d.due).num_days()
            ),
        ),
        None => (false, format!("{what} due {}, not made by {at}", d.due)),
    }
}

/// KPI-CIC-08: each statutory visit (TRACK-015) due in the period, counted
/// when it was made by its due date.
pub(crate) fn visits(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    due_in(c, "TRACK-015", period, at)
        .map(|d| {
            let (in_time, why) = timeliness(d, "Visit", at);
            let counted = if in_time {
                Counted::Numerator
            } else {
                Counted::DenominatorOnly
            };
            Behind::new(c.id(), counted, why)
        })
        .collect()
}

/// KPI-CIC-10: a child in care on `at` whose health assessments due in the
/// period (or overdue into it) were all made in time; left out when none was due.
pub(crate) fn health_assessments(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    match looked_after(c, at) {
        None => return vec![],
        Some((_, true)) => return vec![short_break(c, at)],
        Some(_) => {}
    }
    let due: Vec<&Deadline> = due_in(c, "KPI-CIC-10", period, at).collect();
    if due.is_empty() {
        return vec![Behind::new(
            c.id(),
            Counted::Excluded,
            "No health assessment was due in the period".into(),
        )];
    }
    let late = due
        .iter()
        .map(|d| timeliness(d, "Health assessment", at))
        .find(|(in_time, _)| !in_time);
    vec![match late {
        Some((_, why)) => Behind::new(c.id(), Counted::DenominatorOnly, why),
        None => Behind::new(
            c.id(),
            Counted::Numerator,
            format!("{} health assessment(s) due, all made in time", due.len()),
        ),
    }]
}

/// The children KPI-CIC-11 and KPI-CIC-13 ask about: in care on `at`, for
/// 12 months or more. `Err` holds the row of a child left out.
fn in_care_a_year(c: &ChildRecords<'_>, at: NaiveDate) -> Option<Result<(), Behind>> {
    let (since, short) = looked_after(c, at)?;
    if short {
        return Some(Err(short_break(c, at)));
    }
    if since > at - Months::new(12) {
        return Some(Err(Behind::new(
            c.id(),
            Counted::Excluded,
            format!("In care since {since}: less than 12 months on {at}"),
        )));
    }
    Some(Ok(()))
}

/// A check found in the 12 months to `at`: the latest health assessment
/// with it, or else what the period's return states.
fn checked(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
    found: impl Fn(&super::measures::HealthCheck) -> bool,
    stated: impl Fn(&crate::census::OutcomesInCare) -> bool,
    what: &str,
) -> Behind {
    let from = year_before(at);
    let recorded = c
        .health
        .iter()
        .filter(|h| found(h) && from <= h.date && h.date <= at)
        .map(|h| h.date)
        .max();
    if let Some(date) = recorded {
        return Behind::new(
            c.id(),
            Counted::Numerator,
            format!("{what} recorded on {date}"),
        );
    }
    let in_return = c
        .census
        .iter()
        .filter(|y| y.year == period.year)
        .flat_map(|y| &y.outcomes)
        .any(stated);
    if in_return {
        return Behind::new(
            c.id(),
            Counted::Numerator,
            format!("{what}: stated in the {} return", period.year_label()),
        );
    }
    Behind::new(
        c.id(),
        Counted::DenominatorOnly,
        format!(
            "No {} recorded in the 12 months to {at}",
            what.to_lowercase()
        ),
    )
}

/// KPI-CIC-11: a child in care 12 months or more with a dental check in
/// the 12 months to `at` (a health assessment, or the return's OC2).
pub(crate) fn dental_checks(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    match in_care_a_year(c, at) {
        None => vec![],
        Some(Err(out)) => vec![out],
        Some(Ok(())) => vec![checked(
            c,
            period,
            at,
            |h| h.dental,
            |o| o.teeth_check == "1",
            "Dental check",
        )],
    }
}

/// KPI-CIC-13: a child aged 4 to 16 in care 12 months or more with an SDQ
/// score in the 12 months to `at` (a health assessment, or the return's OC2).
pub(crate) fn sdq(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    match in_care_a_year(c, at) {
        None => vec![],
        Some(Err(out)) => vec![out],
        Some(Ok(())) => {
            let age = at.years_since(c.journey.child().date_of_birth).unwrap_or(0);
            if !(4..=16).contains(&age) {
                return vec![Behind::new(
                    c.id(),
                    Counted::Excluded,
                    format!("Aged {age} on {at}: the SDQ is asked for ages 4 to 16"),
                )];
            }
            vec![checked(
                c,
                period,
                at,
                |h| h.sdq,
                |o| !o.sdq_score.trim().is_empty(),
                "SDQ score",
            )]
        }
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
    use super::super::conventions::{Polarity, Rag, TOLERANCE, rag};
    use super::super::measures::fixture::*;
    use super::super::measures::{ChildRecords, Figure, HealthCheck, compute, measure};
    use super::*;
    use crate::census::{CensusYear, OutcomesInCare};
    use crate::codes::LegalStatus::*;
    use crate::codes::PlacementType::*;
    use crate::codes::ReasonEpisodeCeased::*;
    use crate::codes::ReasonNewEpisode::*;
    use crate::deadlines::{Event, EventKind};
    use crate::journey::CareJourney;

    const TODAY: &str = "2026-11-30";

    fn figure(key: &str, journeys: &[CareJourney], period: &str) -> Figure {
        figure_with(key, journeys, &[], period)
    }

    fn figure_with(
        key: &str,
        journeys: &[CareJourney],
        health: &[Vec<HealthCheck>],
        period: &str,
    ) -> Figure {
        let census: Vec<CensusYear> = Vec::new();
        let records: Vec<ChildRecords<'_>> = journeys
            .iter()
            .enumerate()
            .map(|(i, j)| ChildRecords::new(j, &census, health.get(i).cloned().unwrap_or_default()))
            .collect();
        compute(
            measure(key).unwrap(),
            &records,
            &Period::parse(period).unwrap(),
            d(TODAY),
        )
    }

    fn counted(f: &Figure) -> Vec<(String, Counted)> {
        f.children
            .iter()
            .map(|b| (b.child.as_str().to_owned(), b.counted))
            .collect()
    }

    fn open(id: &str, born: &str, start: &str) -> CareJourney {
        journey(
            child(id, born),
            vec![ep(start, Started, FullCareOrder, FosterOther, None)],
        )
    }

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

    fn with(j: CareJourney, events: &[(EventKind, &str)]) -> CareJourney {
        let events = events
            .iter()
            .map(|(kind, date)| Event {
                kind: *kind,
                date: d(date),
            })
            .collect();
        j.with_activities(events, d(TODAY)).unwrap()
    }

    #[test]
    fn kpi_cic_08_counts_each_visit_due_in_the_quarter_made_by_its_due_date() {
        use EventKind::SocialWorkerVisit as V;
        // A: placed 1 April 2024; first visit due in a week (8 April), made
        // 5 April; the next due six weeks after, 17 May, made 30 May (late).
        let a = with(
            open("A", "2015-01-01", "2024-04-01"),
            &[(V, "2024-04-05"), (V, "2024-05-30")],
        );
        // B: placed 1 June 2024, first visit due 8 June, never made.
        let b = open("B", "2015-01-01", "2024-06-01");
        let f = figure("cic-08", &[a, b], "2024-25-q1");
        assert_eq!((f.numerator, f.denominator), (1, Some(3)));
        assert_eq!(one(f.value), 33.3);
        let whys: Vec<&str> = f.children.iter().map(|b| b.why.as_str()).collect();
        assert_eq!(
            whys,
            vec![
                "Visit due 2024-04-08, made on 2024-04-05",
                "Visit due 2024-05-17, made late on 2024-05-30 (13 days late)",
                "Visit due 2024-06-08, not made by 2024-06-30",
            ]
        );
    }

    fn one(v: Option<f64>) -> f64 {
        super::super::conventions::one_decimal(v.unwrap())
    }

    #[test]
    fn kpi_cic_10_counts_children_whose_health_assessments_due_were_all_in_time() {
        use EventKind::HealthAssessment as H;
        // A entered 1 April 2024 and was assessed on 10 April (in time); the
        // next, a year on, falls after the year. B entered 1 May and was
        // assessed on 1 August (late). C has had none since 2022 (overdue
        // into the year). D entered on 20 March 2025: none due yet.
        let a = with(open("A", "2015-01-01", "2024-04-01"), &[(H, "2024-04-10")]);
        let b = with(open("B", "2015-01-01", "2024-05-01"), &[(H, "2024-08-01")]);
        let c = open("C", "2015-01-01", "2022-01-03");
        let dd = open("D", "2015-01-01", "2025-03-20");
        let f = figure("cic-10", &[a, b, c, dd], "2024-25");
        assert_eq!(
            counted(&f),
            vec![
                ("A".into(), Counted::Numerator),
                ("B".into(), Counted::DenominatorOnly),
                ("C".into(), Counted::DenominatorOnly),
                ("D".into(), Counted::Excluded),
            ]
        );
        assert_eq!(one(f.value), 33.3);
        // Against the 95% target, with 5 points' tolerance: red.
        let m = measure("cic-10").unwrap();
        assert_eq!(
            rag(f.value.unwrap(), m.target.unwrap(), m.polarity, TOLERANCE),
            Some(Rag::Red)
        );
    }

    fn health(date: &str, dental: bool, sdq: bool) -> HealthCheck {
        HealthCheck {
            date: d(date),
            dental,
            sdq,
        }
    }

    #[test]
    fn kpi_cic_11_counts_dental_checks_in_the_year_of_children_in_care_a_year() {
        let children = [
            open("A", "2015-01-01", "2023-01-01"),
            open("B", "2015-01-01", "2023-01-01"),
            open("C", "2015-01-01", "2023-06-01"),
            open("D", "2015-01-01", "2024-09-01"),
            open("E", "2015-01-01", "2023-01-01"),
        ];
        let health = vec![
            vec![health("2024-10-01", true, false)],
            vec![health("2024-10-01", false, false)],
            vec![],
            vec![health("2024-10-01", true, false)],
            vec![health("2024-02-01", true, false)],
        ];
        // B's teeth were checked, as the 2024-25 return states (OC2).
        let mut year = CensusYear::new(2024);
        year.outcomes.push(OutcomesInCare {
            teeth_check: "1".into(),
            ..OutcomesInCare::default()
        });
        let years = [vec![], vec![year], vec![], vec![], vec![]];
        let records: Vec<ChildRecords<'_>> = children
            .iter()
            .zip(&years)
            .zip(health)
            .map(|((j, y), h)| ChildRecords::new(j, y, h))
            .collect();
        let m = measure("cic-11").unwrap();
        let f = compute(m, &records, &Period::financial_year(2024), d(TODAY));
        assert_eq!(
            counted(&f),
            vec![
                ("A".into(), Counted::Numerator),
                ("B".into(), Counted::Numerator),
                ("C".into(), Counted::DenominatorOnly),
                ("D".into(), Counted::Excluded),
                ("E".into(), Counted::DenominatorOnly),
            ]
        );
        assert_eq!(f.value, Some(50.0));
        assert_eq!(
            f.children[1].why,
            "Dental check: stated in the 2024-25 return"
        );
        assert_eq!(
            rag(50.0, m.target.unwrap(), Polarity::HigherBetter, TOLERANCE),
            Some(Rag::Red)
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

    #[test]
    fn kpi_cic_13_counts_sdq_scores_of_children_aged_4_to_16_in_care_a_year() {
        let children = [
            open("A", "2014-06-01", "2023-01-01"),
            open("B", "2021-06-01", "2023-01-01"),
            open("C", "2008-01-01", "2023-01-01"),
            open("D", "2012-06-01", "2023-01-01"),
        ];
        let health = vec![
            vec![health("2024-11-01", false, true)],
            vec![health("2024-11-01", false, true)],
            vec![],
            vec![],
        ];
        let f = figure_with("cic-13", &children, &health, "2024-25");
        assert_eq!(
            counted(&f),
            vec![
                ("A".into(), Counted::Numerator),
                ("B".into(), Counted::Excluded),
                ("C".into(), Counted::Excluded),
                ("D".into(), Counted::DenominatorOnly),
            ]
        );
        assert_eq!(f.value, Some(50.0));
        assert_eq!(
            f.children[1].why,
            "Aged 3 on 2025-03-31: the SDQ is asked for ages 4 to 16"
        );
    }
}
