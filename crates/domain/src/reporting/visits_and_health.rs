//! The children in care measures of timeliness and health (chapter 40
//! section 2): statutory visits (KPI-CIC-08) and health assessments
//! (KPI-CIC-10) made in time, as the deadline engine counts them, and the
//! dental checks (KPI-CIC-11) and SDQ scores (KPI-CIC-13) of children in
//! care a year, from the health assessments recorded or the return's OC2.

use chrono::{Months, NaiveDate};

use super::children_in_care::{looked_after, short_break};
use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted, year_before};
use crate::deadlines::Deadline;

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

#[cfg(test)]
mod tests {
    use super::super::conventions::{Polarity, Rag, TOLERANCE, rag};
    use super::super::measures::fixture::*;
    use super::super::measures::{ChildRecords, HealthCheck, compute, measure};
    use super::*;
    use crate::census::{CensusYear, OutcomesInCare};
    use crate::deadlines::{Event, EventKind};
    use crate::journey::CareJourney;

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
        let f = compute(
            m,
            &records,
            &crate::reporting::measures::ServiceRecords::default(),
            &Period::financial_year(2024),
            d(TODAY),
        );
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
