//! Measures of a child's time in care beyond placements and health: the
//! children in care who contributed to their looked-after review
//! (KPI-CIC-16, from the review's participation code) and the times
//! children in care went missing (KPI-MISS-01, the children and the
//! episodes; "away from placement without authorisation" is not missing).

use chrono::NaiveDate;

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted};
use crate::codes::{CodeList, MissingType, ReviewParticipation};
use crate::journey::MissingEpisode;

/// KPI-CIC-16: the child's last review in the period, counted when the
/// child's views reached it (PN1 to PN3, PN5, PN6); a child who attended
/// without conveying a view (PN4) or whose views were not conveyed (PN7)
/// is in the denominator only; a child under 4 (PN0) is left out.
pub(crate) fn review_participation(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    let Some(review) = c
        .journey
        .reviews()
        .iter()
        .rfind(|r| period.start() <= r.date && r.date <= at)
    else {
        return vec![];
    };
    use ReviewParticipation::*;
    let (counted, words) = match review.participation {
        Under4 => (Counted::Excluded, "Under 4 at the review"),
        AttendsSilent | NotConveyed => (
            Counted::DenominatorOnly,
            "The child's views did not reach the review",
        ),
        AttendsAndSpeaks
        | AttendsAdvocateSpeaks
        | AttendsNonVerbal
        | AdvocateOnly
        | FacilitativeMedium => (Counted::Numerator, "Contributed to the review"),
    };
    vec![Behind::new(
        c.id(),
        counted,
        format!(
            "{words} of {} ({})",
            review.date,
            review.participation.code()
        ),
    )]
}

/// The child's missing episodes (not "away") that began in the period.
fn missing_in<'a>(
    c: &ChildRecords<'a>,
    period: &Period,
    at: NaiveDate,
) -> impl Iterator<Item = &'a MissingEpisode> {
    let start = period.start();
    c.journey
        .missing()
        .iter()
        .filter(move |m| m.kind == MissingType::Missing && start <= m.start && m.start <= at)
}

/// KPI-MISS-01: a child in care who went missing in the period.
pub(crate) fn missing_children(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    let times: Vec<&MissingEpisode> = missing_in(c, period, at).collect();
    let Some(first) = times.first() else {
        return vec![];
    };
    vec![Behind::new(
        c.id(),
        Counted::Numerator,
        format!(
            "Missing {} time(s) in the period, first on {}",
            times.len(),
            first.start
        ),
    )]
}

/// KPI-MISS-01: each time a child in care went missing in the period.
pub(crate) fn missing_episodes(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    missing_in(c, period, at)
        .map(|m| {
            let until = m
                .end
                .map_or_else(|| "not yet back".to_owned(), |e| format!("back on {e}"));
            Behind::new(
                c.id(),
                Counted::Numerator,
                format!("Missing from {}, {until}", m.start),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::measures::fixture::*;
    use crate::codes::{MissingType, ReviewParticipation};
    use crate::journey::{CareJourney, MissingEpisode, Review};
    use crate::reporting::measures::Counted;

    fn with(
        id: &str,
        reviews: &[(&str, ReviewParticipation)],
        missing: &[(MissingType, &str, Option<&str>)],
    ) -> CareJourney {
        let open = open(id, "2012-01-01", "2022-01-01");
        CareJourney::build(
            open.child().clone(),
            open.episodes().to_vec(),
            reviews
                .iter()
                .map(|(date, participation)| Review {
                    date: d(date),
                    participation: *participation,
                })
                .collect(),
            missing
                .iter()
                .map(|(kind, start, end)| MissingEpisode {
                    kind: *kind,
                    start: d(start),
                    end: end.map(d),
                })
                .collect(),
            vec![],
            vec![],
            d(TODAY),
        )
        .unwrap()
    }

    #[test]
    fn kpi_cic_16_children_whose_views_reached_their_last_review_of_the_year() {
        use ReviewParticipation::*;
        let children = [
            with(
                "A",
                &[
                    ("2024-05-01", NotConveyed),
                    ("2024-11-01", AttendsAndSpeaks),
                ],
                &[],
            ),
            with("B", &[("2024-06-01", NotConveyed)], &[]),
            with("C", &[("2024-06-01", Under4)], &[]),
            with("D", &[("2023-06-01", AdvocateOnly)], &[]),
            with("E", &[("2025-01-10", AttendsSilent)], &[]),
        ];
        let f = figure("cic-16", &children, "2024-25");
        assert_eq!(
            counted(&f),
            vec![
                ("A".to_owned(), Counted::Numerator),
                ("B".to_owned(), Counted::DenominatorOnly),
                ("C".to_owned(), Counted::Excluded),
                ("E".to_owned(), Counted::DenominatorOnly),
            ]
        );
        assert_eq!(one(f.value), 33.3);
        assert_eq!(
            f.children[0].why,
            "Contributed to the review of 2024-11-01 (PN1)"
        );
        assert_eq!(figure("cic-16", &children, "2023-24").value, Some(100.0));
    }

    #[test]
    fn kpi_miss_01_children_missing_and_their_episodes_in_the_period() {
        use MissingType::*;
        let children = [
            with(
                "A",
                &[],
                &[
                    (Missing, "2024-05-01", Some("2024-05-02")),
                    (Away, "2024-06-01", Some("2024-06-01")),
                    (Missing, "2024-07-01", None),
                ],
            ),
            with("B", &[], &[(Away, "2024-05-01", Some("2024-05-01"))]),
            with("C", &[], &[(Missing, "2023-05-01", Some("2023-05-03"))]),
        ];
        let people = figure("miss-01-children", &children, "2024-25");
        assert_eq!(counted(&people), vec![("A".to_owned(), Counted::Numerator)]);
        assert_eq!(
            people.children[0].why,
            "Missing 2 time(s) in the period, first on 2024-05-01"
        );
        let times = figure("miss-01-episodes", &children, "2024-25");
        assert_eq!(times.value, Some(2.0), "away from placement is not missing");
        assert_eq!(
            times.children[1].why,
            "Missing from 2024-07-01, not yet back"
        );
        assert_eq!(
            figure("miss-01-episodes", &children, "2023-24").value,
            Some(1.0)
        );
    }
}
