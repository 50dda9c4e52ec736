//! Measures of a child's time in care beyond placements and health: the
//! children in care who contributed to their looked-after review
//! (KPI-CIC-16, from the review's participation code), whose care plan
//! was updated in the last six months (KPI-CIC-09) and the times
//! children in care went missing (KPI-MISS-01, the children and the
//! episodes; "away from placement without authorisation" is not missing);
//! from the child's missing record, the return home interviews of the
//! episodes that ended in the period (KPI-MISS-02) and the referrals for
//! sexual (KPI-MISS-03) and criminal (KPI-MISS-04) exploitation.

use chrono::{Days, Months, NaiveDate};

use super::children_in_care::{looked_after, short_break};

use super::conventions::Period;
use super::measures::{Behind, ChildRecords, Counted};
use crate::codes::{CodeList, MissingType, ReviewParticipation};
use crate::contact::missing::{Exploitation, INTERVIEW_DAYS, Interview, Referral};
use crate::deadlines::EventKind;
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

/// KPI-CIC-09: a child in care on `at` (not on a short break), counted
/// when their care plan was updated in the six months to it (an update
/// recorded on the casework form); the line gives the last update.
pub(crate) fn care_plan_updated(c: &ChildRecords<'_>, at: NaiveDate) -> Vec<Behind> {
    match looked_after(c, at) {
        None => vec![],
        Some((_, true)) => vec![short_break(c, at)],
        Some(_) => {
            let since = at.checked_sub_months(Months::new(6)).unwrap_or(at);
            let last = c
                .events
                .iter()
                .filter(|e| e.kind == EventKind::CarePlanUpdated && e.date <= at)
                .map(|e| e.date)
                .max();
            vec![match last {
                Some(on) if on > since => Behind::new(
                    c.id(),
                    Counted::Numerator,
                    format!("Care plan updated on {on}"),
                ),
                Some(on) => Behind::new(
                    c.id(),
                    Counted::DenominatorOnly,
                    format!("Care plan last updated on {on}, more than six months before {at}"),
                ),
                None => Behind::new(
                    c.id(),
                    Counted::DenominatorOnly,
                    "No care plan update recorded".to_owned(),
                ),
            }]
        }
    }
}

/// KPI-MISS-02: each missing episode (not "away") of the child's missing
/// record whose return is dated in the period, counted when the return
/// home interview was completed; one not completed is in the denominator
/// with its reason; one with no interview recorded whose 72 hours
/// (MISS-004) ran past `at` is left out as not yet due.
pub(crate) fn return_interviews(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
) -> Vec<Behind> {
    let Some(record) = c.documents.missing else {
        return vec![];
    };
    record
        .episodes
        .iter()
        .filter(|e| e.kind == MissingType::Missing)
        .filter_map(|e| {
            let back = e.returned.filter(|r| period.start() <= *r && *r <= at)?;
            let what = format!(
                "Episode {} (missing from {}, back on {back})",
                e.number, e.started
            );
            Some(match &e.interview {
                Some(Interview::Completed(on)) => Behind::new(
                    c.id(),
                    Counted::Numerator,
                    format!("{what}: interview completed on {on}"),
                ),
                Some(Interview::NotCompleted { reason, .. }) => Behind::new(
                    c.id(),
                    Counted::DenominatorOnly,
                    format!("{what}: interview not completed ({reason})"),
                ),
                None if back + Days::new(INTERVIEW_DAYS) > at => Behind::new(
                    c.id(),
                    Counted::Excluded,
                    format!("{what}: interview not yet due"),
                ),
                None => Behind::new(
                    c.id(),
                    Counted::DenominatorOnly,
                    format!("{what}: no interview recorded"),
                ),
            })
        })
        .collect()
}

/// The child's referrals of `kind` made in the period.
fn referrals_in<'a>(
    c: &ChildRecords<'a>,
    period: &Period,
    at: NaiveDate,
    kind: Exploitation,
) -> Vec<&'a Referral> {
    c.documents.missing.map_or_else(Vec::new, |m| {
        m.referrals
            .iter()
            .filter(|r| r.kind == kind && period.start() <= r.referred && r.referred <= at)
            .collect()
    })
}

/// KPI-MISS-03, KPI-MISS-04: each referral of `kind` made in the period.
pub(crate) fn referrals(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
    kind: Exploitation,
) -> Vec<Behind> {
    referrals_in(c, period, at, kind)
        .into_iter()
        .map(|r| {
            Behind::new(
                c.id(),
                Counted::Numerator,
                format!(
                    "Referral {} ({}) on {}",
                    r.number,
                    kind.code().to_uppercase(),
                    r.referred
                ),
            )
        })
        .collect()
}

/// KPI-MISS-03: each referral of `kind` made in the period, counted when
/// the Child Exploitation Screening tool was completed for it (by `at`).
pub(crate) fn screened(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
    kind: Exploitation,
) -> Vec<Behind> {
    referrals_in(c, period, at, kind)
        .into_iter()
        .map(|r| match &r.screened {
            Some((on, _)) if *on <= at => Behind::new(
                c.id(),
                Counted::Numerator,
                format!("Referral {} on {}: screened on {on}", r.number, r.referred),
            ),
            _ => Behind::new(
                c.id(),
                Counted::DenominatorOnly,
                format!(
                    "Referral {} on {}: no screening tool completed",
                    r.number, r.referred
                ),
            ),
        })
        .collect()
}

/// KPI-MISS-04 (and KPI-MISS-03): a child with a referral of `kind` in
/// the period, counted once however many.
pub(crate) fn referred_children(
    c: &ChildRecords<'_>,
    period: &Period,
    at: NaiveDate,
    kind: Exploitation,
) -> Vec<Behind> {
    let all = referrals_in(c, period, at, kind);
    let Some(first) = all.first() else {
        return vec![];
    };
    vec![Behind::new(
        c.id(),
        Counted::Numerator,
        format!(
            "{} referral(s) ({}) in the period, first on {}",
            all.len(),
            kind.code().to_uppercase(),
            first.referred
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::super::measures::fixture::*;
    use crate::codes::{MissingType, ReviewParticipation};
    use crate::contact::missing::{Episode, Exploitation, Interview, MissingRecord, Referral};
    use crate::journey::{CareJourney, MissingEpisode, Review};
    use crate::reporting::measures::{ChildDocuments, Counted, Figure};

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

    fn missing_record(
        id: &str,
        episodes: &[(MissingType, &str, &str, Option<Interview>)],
        referrals: &[(Exploitation, &str, Option<&str>)],
    ) -> MissingRecord {
        let mut m = MissingRecord::new(crate::child::ChildId::parse(id).unwrap());
        for (i, (kind, started, back, interview)) in episodes.iter().enumerate() {
            m.episodes.push(Episode {
                number: i as u32 + 1,
                kind: *kind,
                started: d(started),
                returned: Some(d(back)),
                interview: interview.clone(),
            });
        }
        for (i, (kind, on, screened)) in referrals.iter().enumerate() {
            m.referrals.push(Referral {
                number: i as u32 + 1,
                kind: *kind,
                referred: d(on),
                screened: screened.map(|s| (d(s), "Medium".to_owned())),
                closed: None,
            });
        }
        m
    }

    /// Two children's missing records in 2025-26 (as at 31 March 2026).
    fn missing_figure(key: &str) -> Figure {
        use Exploitation::{Criminal, Sexual};
        use MissingType::{Away, Missing};
        let children = [
            open("A", "2010-01-01", "2020-01-01"),
            open("B", "2011-01-01", "2020-01-01"),
        ];
        let a = missing_record(
            "A",
            &[
                (
                    Missing,
                    "2025-05-01",
                    "2025-05-02",
                    Some(Interview::Completed(d("2025-05-03"))),
                ),
                (
                    Missing,
                    "2025-06-01",
                    "2025-06-03",
                    Some(Interview::NotCompleted {
                        date: d("2025-06-05"),
                        reason: "Declined".into(),
                    }),
                ),
                (Away, "2025-07-01", "2025-07-02", None),
                (Missing, "2026-03-29", "2026-03-30", None),
                (Missing, "2025-03-20", "2025-03-25", None),
            ],
            &[
                (Sexual, "2025-04-10", Some("2025-04-12")),
                (Criminal, "2025-05-01", None),
                (Criminal, "2025-09-01", Some("2025-09-03")),
            ],
        );
        let b = missing_record(
            "B",
            &[(Missing, "2025-08-01", "2025-08-01", None)],
            &[(Sexual, "2025-10-01", None), (Criminal, "2024-12-01", None)],
        );
        let docs = [&a, &b].map(|m| ChildDocuments {
            missing: Some(m),
            ..Default::default()
        });
        figure_docs(key, &children, &docs, "2025-26")
    }

    #[test]
    fn kpi_miss_02_return_interviews_completed_of_the_missing_episodes_ended_in_the_period() {
        let f = missing_figure("miss-02");
        // A's first completed, second declined; the away episode and the
        // one of 2024-25 are not in it; the one back on 30 March 2026 is
        // not due until 2 April; B's has no interview. 1 of 3.
        assert_eq!(
            counted(&f),
            vec![
                ("A".to_owned(), Counted::Numerator),
                ("A".to_owned(), Counted::DenominatorOnly),
                ("A".to_owned(), Counted::Excluded),
                ("B".to_owned(), Counted::DenominatorOnly),
            ]
        );
        assert_eq!((f.numerator, f.denominator), (1, Some(3)));
        assert_eq!(one(f.value), 33.3);
        assert!(f.children[1].why.contains("Declined"));
    }

    #[test]
    fn kpi_miss_03_cse_referrals_and_the_share_screened() {
        assert_eq!(missing_figure("miss-03-referrals").value, Some(2.0));
        let f = missing_figure("miss-03-screened");
        assert_eq!(
            counted(&f),
            vec![
                ("A".to_owned(), Counted::Numerator),
                ("B".to_owned(), Counted::DenominatorOnly),
            ]
        );
        assert_eq!(f.value, Some(50.0));
    }

    #[test]
    fn kpi_miss_04_cce_referrals_and_the_children_referred() {
        // A's two of 2025-26; B's was in December 2024.
        assert_eq!(missing_figure("miss-04-referrals").value, Some(2.0));
        let f = missing_figure("miss-04-children");
        assert_eq!(counted(&f), vec![("A".to_owned(), Counted::Numerator)]);
        assert_eq!(f.value, Some(1.0));
    }

    #[test]
    fn kpi_cic_09_children_in_care_whose_care_plan_was_updated_in_the_six_months_to_the_end_of_the_period()
     {
        use crate::deadlines::{Event, EventKind::CarePlanUpdated};
        let updated = |j: CareJourney, on: &[&str]| {
            let events = on
                .iter()
                .map(|o| Event {
                    kind: CarePlanUpdated,
                    date: d(o),
                })
                .collect();
            j.with_activities(events, d(TODAY)).unwrap()
        };
        // As at 31 March 2026: A updated in January; B last in August
        // 2025; C never; D left care in 2024 and is not counted.
        let children = [
            updated(
                open("A", "2015-01-01", "2020-01-01"),
                &["2025-06-01", "2026-01-15"],
            ),
            updated(open("B", "2015-01-01", "2020-01-01"), &["2025-08-01"]),
            open("C", "2016-01-01", "2025-12-01"),
            journey(
                child("D", "2015-01-01"),
                vec![ep(
                    "2020-01-01",
                    crate::codes::ReasonNewEpisode::Started,
                    crate::codes::LegalStatus::FullCareOrder,
                    crate::codes::PlacementType::FosterOther,
                    Some((
                        "2024-01-01",
                        crate::codes::ReasonEpisodeCeased::ReturnedHomePlanned,
                    )),
                )],
            ),
        ];
        let f = figure("cic-09", &children, "2025-26");
        assert_eq!(
            counted(&f),
            vec![
                ("A".to_owned(), Counted::Numerator),
                ("B".to_owned(), Counted::DenominatorOnly),
                ("C".to_owned(), Counted::DenominatorOnly),
            ]
        );
        assert_eq!(one(f.value), 33.3);
    }
}
