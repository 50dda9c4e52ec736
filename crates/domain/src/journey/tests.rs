use super::*;
use crate::child::PersonName;
use crate::codes::{Ethnicity, Sex};

pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) fn child() -> Child {
    Child {
        id: ChildId::parse("C1").unwrap(),
        name: PersonName::parse("Amy", "Example").unwrap(),
        sex: Sex::Female,
        date_of_birth: d("2019-05-04"),
        ethnicity: Ethnicity::WhiteBritish,
        pupil_number: None,
        disabled: false,
        uasc: None,
    }
}

pub(crate) fn foster() -> Placement {
    Placement {
        placement_type: PlacementType::FosterOther,
        provider: Some(PlacementProvider::OwnProvision),
        postcode: None,
        urn: None,
    }
}

fn admission(start: &str) -> Admission {
    Admission {
        start: d(start),
        legal_status: LegalStatus::InterimCareOrder,
        category_of_need: CategoryOfNeed::AbuseOrNeglect,
        placement: foster(),
        home_postcode: None,
    }
}

const TODAY: &str = "2026-11-25";

#[test]
fn a_child_enters_care_changes_status_and_leaves_to_adoption() {
    let (j, change) = CareJourney::admit(child(), admission("2024-01-10"), d(TODAY)).unwrap();
    assert!(matches!(
        change,
        JourneyChange::EnteredCare { episode: 1, .. }
    ));
    let (j, _) = j
        .change_episode(
            EpisodeChange {
                date: d("2024-09-01"),
                legal_status: Some(LegalStatus::PlacementOrder),
                placement: None,
                same_carers: false,
                reason_placement_change: None,
            },
            d(TODAY),
        )
        .unwrap();
    assert_eq!(
        j.episodes()[1].reason_new_episode,
        ReasonNewEpisode::LegalStatusChange
    );
    let (j, _) = j
        .change_episode(
            EpisodeChange {
                date: d("2025-01-15"),
                legal_status: None,
                placement: Some(Placement {
                    placement_type: PlacementType::AdoptionPlacementOrder,
                    provider: Some(PlacementProvider::OwnProvision),
                    postcode: None,
                    urn: None,
                }),
                same_carers: false,
                reason_placement_change: Some(ReasonPlacementChange::CarerApprovalChange),
            },
            d(TODAY),
        )
        .unwrap();
    let (j, change) = j
        .leave_care(
            d("2025-08-20"),
            ReasonEpisodeCeased::AdoptedConsentDispensed,
            d(TODAY),
        )
        .unwrap();
    assert!(j.current_episode().is_none());
    assert_eq!(
        serde_json_like(&change),
        "LeftCare { episode: 3, date: 2025-08-20, reason_episode_ceased: \"E12\" }"
    );
    let periods = j.periods_of_care();
    assert_eq!(periods.len(), 1);
    assert_eq!(periods[0].0, d("2024-01-10"));
}

fn serde_json_like(c: &JourneyChange) -> String {
    format!("{c:?}")
}

#[test]
fn an_episode_that_ends_before_it_starts_is_refused() {
    let (j, _) = CareJourney::admit(child(), admission("2024-01-10"), d(TODAY)).unwrap();
    let err = j
        .leave_care(
            d("2024-01-09"),
            ReasonEpisodeCeased::ReturnedHomePlanned,
            d(TODAY),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "episode 1 ends on 2024-01-09, before it starts on 2024-01-10"
    );
}

#[test]
fn overlapping_episodes_are_refused_with_both_numbers() {
    let mut first = first_episode(admission("2024-01-10"));
    first.end = Some(EpisodeEnd {
        date: d("2024-03-01"),
        reason: ReasonEpisodeCeased::ReturnedHomePlanned,
    });
    let second = first_episode(admission("2024-02-01"));
    let err = CareJourney::build(
        child(),
        vec![second, first],
        vec![],
        vec![],
        vec![],
        vec![],
        d(TODAY),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "episodes 1 and 2 overlap: episode 1 ends on 2024-03-01, but episode 2 starts on 2024-02-01"
    );
}

#[test]
fn a_date_of_birth_in_the_future_is_refused() {
    let mut c = child();
    c.date_of_birth = d("2027-01-01");
    let err = CareJourney::admit(c, admission("2027-01-02"), d(TODAY)).unwrap_err();
    assert_eq!(
        err,
        JourneyError::BirthInFuture {
            date_of_birth: d("2027-01-01"),
            today: d(TODAY)
        }
    );
}

#[test]
fn reviews_must_fall_in_care_and_not_in_the_future() {
    let (j, _) = CareJourney::admit(child(), admission("2024-01-10"), d(TODAY)).unwrap();
    let review = |date| Review {
        date: d(date),
        participation: ReviewParticipation::Under4,
    };
    assert!(j.record_review(review("2024-02-05"), d(TODAY)).is_ok());
    assert_eq!(
        j.record_review(review("2023-12-01"), d(TODAY)).unwrap_err(),
        JourneyError::ReviewOutsideCare {
            date: d("2023-12-01")
        }
    );
    assert!(matches!(
        j.record_review(review("2027-01-01"), d(TODAY)).unwrap_err(),
        JourneyError::DateInFuture { .. }
    ));
}

#[test]
fn x1_cannot_end_care_and_a_change_must_change_something() {
    let (j, _) = CareJourney::admit(child(), admission("2024-01-10"), d(TODAY)).unwrap();
    assert!(matches!(
        j.leave_care(
            d("2024-05-01"),
            ReasonEpisodeCeased::NewEpisodeSameDay,
            d(TODAY)
        ),
        Err(JourneyError::NotAnEndOfCare { .. })
    ));
    let same = EpisodeChange {
        date: d("2024-05-01"),
        legal_status: Some(LegalStatus::InterimCareOrder),
        placement: Some(foster()),
        same_carers: false,
        reason_placement_change: None,
    };
    assert!(matches!(
        j.change_episode(same, d(TODAY)),
        Err(JourneyError::NothingChanged { .. })
    ));
}

#[test]
fn readmission_starts_a_new_period_and_is_refused_while_in_care() {
    let (j, _) = CareJourney::admit(child(), admission("2024-01-10"), d(TODAY)).unwrap();
    assert!(matches!(
        j.readmit(admission("2024-06-01"), d(TODAY)),
        Err(JourneyError::AlreadyInCare { .. })
    ));
    let (j, _) = j
        .leave_care(
            d("2024-03-01"),
            ReasonEpisodeCeased::ReturnedHomePlanned,
            d(TODAY),
        )
        .unwrap();
    let (j, _) = j.readmit(admission("2025-02-01"), d(TODAY)).unwrap();
    assert_eq!(j.periods_of_care().len(), 2);
    assert!(!j.in_care_on(d("2024-06-01")));
    assert!(j.in_care_on(d("2025-06-01")));
}

#[test]
fn a_gap_after_x1_is_refused() {
    let mut first = first_episode(admission("2024-01-10"));
    first.end = Some(EpisodeEnd {
        date: d("2024-03-01"),
        reason: ReasonEpisodeCeased::NewEpisodeSameDay,
    });
    let mut second = first_episode(admission("2024-03-05"));
    second.reason_new_episode = ReasonNewEpisode::PlacementChange;
    let err = CareJourney::build(
        child(),
        vec![first, second],
        vec![],
        vec![],
        vec![],
        vec![],
        d(TODAY),
    )
    .unwrap_err();
    assert!(
        matches!(err, JourneyError::GapAfterX1 { episode: 1, .. }),
        "{err}"
    );
}
