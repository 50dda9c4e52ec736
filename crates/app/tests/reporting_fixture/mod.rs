//! What the reporting use-case tests share: dates written as text, the
//! year 2025-26 they measure, and an episode in a placement.
#![allow(dead_code)]

use chrono::NaiveDate;
use domain::codes::{
    CategoryOfNeed, LegalStatus, PlacementProvider, PlacementType, ReasonEpisodeCeased,
    ReasonNewEpisode,
};
use domain::journey::{Episode, EpisodeEnd, Placement};
use domain::reporting::conventions::Period;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn year() -> Period {
    Period::parse("2025-26").unwrap()
}

/// An episode from `start` in a placement of type `t`, ended as `end` says.
pub fn placed(
    start: &str,
    (rne, legal_status): (ReasonNewEpisode, LegalStatus),
    t: PlacementType,
    end: Option<(&str, ReasonEpisodeCeased)>,
) -> Episode {
    Episode {
        start: d(start),
        reason_new_episode: rne,
        legal_status,
        category_of_need: CategoryOfNeed::AbuseOrNeglect,
        placement: Placement {
            placement_type: t,
            provider: Some(PlacementProvider::OwnProvision),
            postcode: None,
            urn: None,
        },
        end: end.map(|(e, reason)| EpisodeEnd { date: d(e), reason }),
        reason_placement_change: None,
        home_postcode: None,
    }
}
