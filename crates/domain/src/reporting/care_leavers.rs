//! The care leaver measures (chapter 40 section 3) the records hold: from
//! the year's return (OC3), whether the council is in touch with a care
//! leaver (KPI-LEAVE-05), their main activity (KPI-LEAVE-02, education,
//! employment or training; KPI-LEAVE-03 those aged 19 or more who are not) and whether their accommodation is suitable
//! (KPI-LEAVE-04). The cohort of a period is the care leavers with OC3
//! answers in the return of the period's financial year. From the care
//! leaver's own record: whether the Pathway Plan was reviewed in the last
//! six months (KPI-LEAVE-01).

use chrono::{Months, NaiveDate};

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted};
use crate::census::CareLeaverOutcome;
use crate::leavers::record::PLAN_MONTHS;
use crate::leavers::status::{periods_of, status_on};

/// The care leaver's OC3 answers in the return of the period's year.
fn answers<'a>(c: &ChildRecords<'a>, period: &Period) -> Option<&'a CareLeaverOutcome> {
    c.census
        .iter()
        .find(|y| y.year == period.year)
        .and_then(|y| y.leaving_care.last())
}

/// A row for the care leaver of the period's return, from one OC3 answer:
/// `how` says how that answer counts and in which words.
fn leaver_row(
    c: &ChildRecords<'_>,
    period: &Period,
    answer: impl Fn(&CareLeaverOutcome) -> &str,
    how: impl Fn(&str) -> (Counted, &'static str),
) -> Vec<Behind> {
    let Some(oc3) = answers(c, period) else {
        return vec![];
    };
    let code = answer(oc3).trim().to_ascii_uppercase();
    let (counted, words) = how(&code);
    vec![Behind::new(
        c.id(),
        counted,
        format!("{words} ({code}) in the {} return", period.year_label()),
    )]
}

/// KPI-LEAVE-05: in touch (YES) of the care leavers of the return; one
/// who has died, returned home for six months or more or no longer needs
/// the service (DIED, RHOM, NREQ) is left out of the cohort.
pub(crate) fn in_touch(c: &ChildRecords<'_>, period: &Period) -> Vec<Behind> {
    leaver_row(
        c,
        period,
        |o| &o.in_touch,
        |code| match code {
            "YES" => (Counted::Numerator, "In touch"),
            "DIED" | "RHOM" | "NREQ" => (Counted::Excluded, "Not in the cohort"),
            _ => (Counted::DenominatorOnly, "Not in touch"),
        },
    )
}

/// Whether an OC3 activity is education, employment or training (F1 to
/// P5: `Some(true)`) or not (G4 to G6: `Some(false)`); `None` when no
/// activity is stated (0: died or returned home).
fn in_eet(code: &str) -> Option<bool> {
    match code.chars().next() {
        Some('F' | 'P') => Some(true),
        Some('G') => Some(false),
        _ => None,
    }
}

const EET: &str = "In education, employment or training";
const NEET: &str = "Not in education, employment or training";
const NO_ACTIVITY: &str = "No activity stated";

/// KPI-LEAVE-02: in education, employment or training (an activity F1 to
/// P5) of the care leavers of the return; one with no activity to state
/// (0: died or returned home) is left out.
pub(crate) fn eet(c: &ChildRecords<'_>, period: &Period) -> Vec<Behind> {
    leaver_row(
        c,
        period,
        |o| &o.activity,
        |code| match in_eet(code) {
            Some(true) => (Counted::Numerator, EET),
            Some(false) => (Counted::DenominatorOnly, NEET),
            None => (Counted::Excluded, NO_ACTIVITY),
        },
    )
}

/// KPI-LEAVE-03: not in education, employment or training (G4 to G6) of
/// the care leavers of the return aged 19 or more at `at`. Its polarity is
/// unresolved in the sources (ANOM-04), so it carries its 50% target but
/// no RAG.
pub(crate) fn neet_aged_19(c: &ChildRecords<'_>, period: &Period, at: NaiveDate) -> Vec<Behind> {
    if at.years_since(c.journey.child().date_of_birth).unwrap_or(0) < 19 {
        return vec![];
    }
    leaver_row(
        c,
        period,
        |o| &o.activity,
        |code| match in_eet(code) {
            Some(false) => (Counted::Numerator, NEET),
            Some(true) => (Counted::DenominatorOnly, EET),
            None => (Counted::Excluded, NO_ACTIVITY),
        },
    )
}

/// KPI-LEAVE-04: in suitable accommodation (a code ending 1) of the care
/// leavers of the return; unsuitable ends 2; one with no accommodation to
/// state (0) is left out.
pub(crate) fn suitable_accommodation(c: &ChildRecords<'_>, period: &Period) -> Vec<Behind> {
    leaver_row(
        c,
        period,
        |o| &o.accommodation,
        |code| match code.chars().last() {
            Some('1') if code.len() == 2 => (Counted::Numerator, "Suitable accommodation"),
            Some('2') => (Counted::DenominatorOnly, "Accommodation not suitable"),
            _ => (Counted::Excluded, "No accommodation stated"),
        },
    )
}

/// KPI-LEAVE-01: a young person who is eligible, relevant or former
/// relevant on `at` (LEAVE-102 to LEAVE-104) needs a Pathway Plan; counted
/// when their record holds a review of it in the six months to `at`
/// (LEAVE-105), in the denominator only with the last review's day (or
/// none) otherwise.
pub(crate) fn pathway_plans(c: &ChildRecords<'_>, at: NaiveDate) -> Vec<Behind> {
    let dob = c.journey.child().date_of_birth;
    let Some(status) = status_on(dob, &periods_of(c.journey), at) else {
        return vec![];
    };
    let since = at
        .checked_sub_months(Months::new(PLAN_MONTHS))
        .unwrap_or(at);
    let last = c
        .documents
        .leaver
        .and_then(|l| l.reviews.iter().map(|r| r.date).filter(|d| *d <= at).max());
    let who = status.title();
    vec![match last {
        Some(day) if day > since => Behind::new(
            c.id(),
            Counted::Numerator,
            format!("{who}: Pathway Plan reviewed on {day}"),
        ),
        Some(day) => Behind::new(
            c.id(),
            Counted::DenominatorOnly,
            format!("{who}: Pathway Plan last reviewed on {day}, more than six months before {at}"),
        ),
        None => Behind::new(
            c.id(),
            Counted::DenominatorOnly,
            format!("{who}: no Pathway Plan recorded"),
        ),
    }]
}

#[cfg(test)]
mod tests {
    use super::super::measures::fixture::*;
    use super::super::measures::{ChildRecords, Figure, compute, measure};
    use crate::census::{CareLeaverOutcome, CensusYear};
    use crate::codes::ReasonEpisodeCeased::Aged18StayedWithCarers;
    use crate::codes::{LegalStatus, PlacementType, ReasonNewEpisode};
    use crate::journey::CareJourney;
    use crate::leavers::record::{CareLeaverRecord, PlanReview};
    use crate::reporting::conventions::Period;
    use crate::reporting::measures::{ChildDocuments, Counted};

    fn leaver(id: &str) -> CareJourney {
        leaver_born(id, "2006-06-01")
    }

    fn leaver_born(id: &str, born: &str) -> CareJourney {
        journey(
            child(id, born),
            vec![ep(
                "2020-01-01",
                ReasonNewEpisode::Started,
                LegalStatus::FullCareOrder,
                PlacementType::FosterOther,
                Some(("2024-06-01", Aged18StayedWithCarers)),
            )],
        )
    }

    fn oc3(year: i32, in_touch: &str, activity: &str, accommodation: &str) -> Vec<CensusYear> {
        let mut y = CensusYear::new(year);
        y.leaving_care.push(CareLeaverOutcome {
            in_touch: in_touch.into(),
            activity: activity.into(),
            accommodation: accommodation.into(),
        });
        vec![y]
    }

    /// Four care leavers of the 2024-25 return and one of 2023-24.
    fn cohort(key: &str, period: &str) -> Figure {
        let journeys: Vec<CareJourney> =
            ["A", "B", "C", "D", "E"].into_iter().map(leaver).collect();
        let years = [
            oc3(2024, "YES", "F2", "T1"),
            oc3(2024, "YES", "G5", "B2"),
            oc3(2024, "NO", "P4", "Z1"),
            oc3(2024, "DIED", "0", "0"),
            oc3(2023, "YES", "F1", "S1"),
        ];
        let records: Vec<ChildRecords<'_>> = journeys
            .iter()
            .zip(&years)
            .map(|(j, y)| ChildRecords::new(j, y, vec![]))
            .collect();
        compute(
            measure(key).unwrap(),
            &records,
            &crate::reporting::measures::ServiceRecords::default(),
            &Period::parse(period).unwrap(),
            d(TODAY),
        )
    }

    #[test]
    fn kpi_leave_05_in_touch_is_the_share_of_the_returns_care_leavers_the_council_is_in_touch_with()
    {
        let f = cohort("leave-05", "2024-25");
        assert_eq!(
            (f.numerator, f.denominator),
            (2, Some(3)),
            "D has died: not in the cohort"
        );
        assert_eq!(one(f.value), 66.7);
        assert_eq!(f.children[2].why, "Not in touch (NO) in the 2024-25 return");
        assert_eq!(f.children[3].counted, Counted::Excluded);
        assert_eq!(cohort("leave-05", "2023-24").value, Some(100.0));
    }

    #[test]
    fn kpi_leave_02_education_employment_or_training_counts_activities_f_and_p() {
        let f = cohort("leave-02", "2024-25");
        assert_eq!((f.numerator, f.denominator), (2, Some(3)));
        assert_eq!(
            f.children[1].why,
            "Not in education, employment or training (G5) in the 2024-25 return"
        );
    }

    #[test]
    fn kpi_leave_04_suitable_accommodation_counts_codes_ending_1() {
        let f = cohort("leave-04", "2024-25");
        assert_eq!(
            counted(&f)[..3],
            [
                ("A".to_owned(), Counted::Numerator),
                ("B".to_owned(), Counted::DenominatorOnly),
                ("C".to_owned(), Counted::Numerator),
            ]
        );
        assert_eq!(one(f.value), 66.7);
        // The spec's check: 87.8% to 88.2% is a change of +0.4 points.
        assert_eq!(crate::reporting::conventions::one_decimal(88.2 - 87.8), 0.4);
    }

    #[test]
    fn kpi_leave_03_neet_counts_care_leavers_aged_19_or_more_and_has_no_rag_while_its_polarity_is_unresolved()
     {
        use crate::reporting::conventions::{TOLERANCE, rag};
        // A and B are 19 on 31 March 2025; C is 18.
        let journeys = [
            leaver_born("A", "2005-06-01"),
            leaver_born("B", "2005-06-01"),
            leaver_born("C", "2006-06-01"),
        ];
        let years = [
            oc3(2024, "YES", "G4", "T1"),
            oc3(2024, "YES", "F4", "T1"),
            oc3(2024, "YES", "G5", "T1"),
        ];
        let records: Vec<ChildRecords<'_>> = journeys
            .iter()
            .zip(&years)
            .map(|(j, y)| ChildRecords::new(j, y, vec![]))
            .collect();
        let m = measure("leave-03").unwrap();
        let f = compute(
            m,
            &records,
            &crate::reporting::measures::ServiceRecords::default(),
            &Period::parse("2024-25").unwrap(),
            d(TODAY),
        );
        assert_eq!(
            counted(&f),
            vec![
                ("A".to_owned(), Counted::Numerator),
                ("B".to_owned(), Counted::DenominatorOnly),
            ]
        );
        assert_eq!(f.value, Some(50.0));
        assert_eq!(m.target, Some(50.0));
        assert_eq!(
            rag(40.0, 50.0, m.polarity, TOLERANCE),
            None,
            "no RAG until the polarity is set"
        );
    }

    fn plan(dates: &[&str]) -> CareLeaverRecord {
        CareLeaverRecord {
            reviews: dates
                .iter()
                .map(|on| PlanReview {
                    date: d(on),
                    assessment: "Needs".into(),
                    voice: "My view".into(),
                    outcomes: "Outcomes".into(),
                    by: "pa".into(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn kpi_leave_01_pathway_plans_reviewed_in_the_six_months_to_the_end_of_the_period() {
        // As at 31 March 2026 the plan counts if reviewed after 30
        // September 2025. A, B, C and E left care at 18 in June 2024
        // (former relevant); D is 11 and needs no plan.
        let children = [
            leaver("A"),
            leaver("B"),
            leaver("C"),
            open("D", "2015-01-01", "2020-01-01"),
            leaver("E"),
        ];
        let records = [
            plan(&["2025-03-01", "2025-12-01"]),
            plan(&["2025-09-30"]),
            plan(&[]),
            plan(&[]),
            plan(&["2025-05-01", "2026-04-15"]),
        ];
        let mut docs: Vec<ChildDocuments<'_>> = records
            .iter()
            .map(|r| ChildDocuments {
                leaver: Some(r),
                ..Default::default()
            })
            .collect();
        docs[2].leaver = None;
        let f = figure_docs("leave-01", &children, &docs, "2025-26");
        assert_eq!(
            counted(&f),
            vec![
                ("A".to_owned(), Counted::Numerator),
                ("B".to_owned(), Counted::DenominatorOnly),
                ("C".to_owned(), Counted::DenominatorOnly),
                ("E".to_owned(), Counted::DenominatorOnly),
            ]
        );
        assert_eq!(f.value, Some(25.0));
        assert!(f.children[0].why.starts_with("Former relevant"));
        assert!(f.children[3].why.contains("2025-05-01"));
        // Against the target of 100% with the 5-point tolerance: red.
        let m = measure("leave-01").unwrap();
        assert_eq!(m.target, Some(100.0));
        assert_eq!(
            crate::reporting::conventions::rag(
                f.value.unwrap(),
                100.0,
                m.polarity,
                crate::reporting::conventions::TOLERANCE
            ),
            Some(crate::reporting::conventions::Rag::Red)
        );
    }
}
