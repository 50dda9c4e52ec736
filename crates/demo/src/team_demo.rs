//! The team around each child in the demo council (ROLE-011): the demo IRO
//! from when the child came into care, the carer of the current placement
//! by name, and for some children a school or health contact. Children who
//! came into care in the last five days have no IRO yet, so the gap a plan
//! cannot be ratified with shows.

use chrono::{Days, NaiveDate};
use domain::child::ChildId;
use domain::codes::PlacementGroup;
use domain::journey::CareJourney;
use domain::permanence::team::{NewMember, TeamAroundChild, TeamRole};

use crate::rng::Rng;
use crate::staff::other_name;

/// The teams of the children in care on `as_of`.
pub fn teams(
    journeys: &[CareJourney],
    as_of: NaiveDate,
    seed: u64,
) -> Vec<(ChildId, TeamAroundChild)> {
    let mut rng = Rng::new(seed ^ 0x5445_414d);
    journeys
        .iter()
        .enumerate()
        .filter_map(|(i, j)| {
            let episode = j.current_episode()?;
            let since = j.periods_of_care().last()?.0;
            Some((j.id().clone(), team(i, episode, since, as_of, &mut rng)))
        })
        .collect()
}

fn team(
    i: usize,
    episode: &domain::journey::Episode,
    since: NaiveDate,
    as_of: NaiveDate,
    rng: &mut Rng,
) -> TeamAroundChild {
    let mut team = TeamAroundChild::default();
    let mut add = |role, user: Option<&str>, name: String, contact: &str, from| {
        team.add(NewMember {
            role,
            user: user.map(str::to_owned),
            name,
            contact: contact.to_owned(),
            from,
        })
        .expect("a demo member is named once");
    };
    if since + Days::new(5) <= as_of {
        add(
            TeamRole::Iro,
            Some("independent-reviewing-officer.demo"),
            String::new(),
            "",
            (since + Days::new(5)).min(as_of),
        );
    }
    let carer = match episode.placement.placement_type.group() {
        PlacementGroup::Foster
        | PlacementGroup::KinshipFoster
        | PlacementGroup::PlacedForAdoption => Some("Foster carer"),
        PlacementGroup::Residential | PlacementGroup::Secure => Some("Key worker at the home"),
        PlacementGroup::PlacedWithParents => Some("Parent"),
        _ => None,
    };
    if let Some(contact) = carer {
        add(
            TeamRole::Carer,
            None,
            other_name(i),
            contact,
            episode.start.max(since),
        );
    }
    if rng.chance(0.5) {
        add(
            TeamRole::SchoolContact,
            None,
            other_name(i + 7919),
            "Designated teacher",
            since,
        );
    }
    if rng.chance(0.3) {
        add(
            TeamRole::HealthContact,
            None,
            other_name(i + 104_729),
            "Looked-after children's nurse",
            since,
        );
    }
    team
}
