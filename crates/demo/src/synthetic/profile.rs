//! Measures of a generated council, as the spec's figures count them.

use super::*;

/// Measures of a generated council, as the spec's figures count them.
#[derive(Debug, Default)]
pub struct Profile {
    pub children: usize,
    pub in_care: usize,
    /// Percentages of children in care.
    pub age_bands: Vec<((u32, u32), f64)>,
    pub uasc: f64,
    pub male: f64,
    pub care_orders: f64,
    pub accommodated: f64,
    pub placement_orders: f64,
    pub foster: f64,
    pub kinship_foster: f64,
    pub three_or_more_placements: f64,
    pub in_sibling_groups: f64,
    /// Percentages of leavers in the leaver window, by route out.
    pub exits: Vec<(Exit, f64)>,
    /// Mean days from entering care to moving in with the adoptive family.
    pub entry_to_adoptive_placement: f64,
    pub leavers: usize,
}

pub(super) fn exit_of(rec: Rec) -> Exit {
    use domain::codes::CareExit as C;
    match rec.exit() {
        Some(C::Adoption) => Exit::Adoption,
        Some(C::SpecialGuardianship) => Exit::SpecialGuardianship,
        Some(C::ChildArrangementsOrder) => Exit::ChildArrangements,
        Some(C::ReturnHome) => Exit::ReturnHome,
        Some(C::Aged18OrIndependence) => Exit::Aged18,
        _ => Exit::Other,
    }
}

/// Profiles a council as of a date; leavers are those of the `leaver_years` before it.
pub fn profile(journeys: &[CareJourney], as_of: NaiveDate, leaver_years: u32) -> Profile {
    let window_start = as_of - days(i64::from(leaver_years) * 365);
    use domain::codes::PlacementGroup as G;
    let pct = |n: usize, d: usize| {
        if d == 0 {
            0.0
        } else {
            100.0 * n as f64 / d as f64
        }
    };
    let in_care: Vec<&CareJourney> = journeys
        .iter()
        .filter(|j| j.current_episode().is_some())
        .collect();
    let n = in_care.len();
    let count = |f: &dyn Fn(&CareJourney) -> bool| in_care.iter().filter(|j| f(j)).count();
    let current = |j: &CareJourney| j.current_episode().expect("in care").clone();
    let year_ago = as_of - days(365);
    let placements_last_year = |j: &CareJourney| {
        let mut n = 0;
        let mut last: Option<&Placement> = None;
        for e in j.episodes() {
            let ends = e.end.map_or(as_of, |x| x.date);
            if ends < year_ago || e.start > as_of {
                last = Some(&e.placement);
                continue;
            }
            if last != Some(&e.placement) || e.reason_new_episode == Rne::Started {
                n += 1;
            }
            last = Some(&e.placement);
        }
        n
    };
    let mut leavers = 0;
    let mut exits: std::collections::HashMap<Exit, usize> = Default::default();
    let mut adoption_days = Vec::new();
    for j in journeys {
        for (start, end) in j.periods_of_care() {
            let Some(end) = end.filter(|e| e.date > window_start) else {
                continue;
            };
            leavers += 1;
            *exits.entry(exit_of(end.reason)).or_default() += 1;
            if exit_of(end.reason) == Exit::Adoption
                && let Some(placed) = j.episodes().iter().find(|e| {
                    e.start >= start && e.placement.placement_type.is_placed_for_adoption()
                })
            {
                adoption_days.push((placed.start - start).num_days() as f64);
            }
        }
    }
    Profile {
        children: journeys.len(),
        in_care: n,
        age_bands: AGE_BANDS
            .iter()
            .map(|&((lo, hi), _)| {
                (
                    (lo, hi),
                    pct(
                        count(&|j| (lo..=hi).contains(&age_on(j.child().date_of_birth, as_of))),
                        n,
                    ),
                )
            })
            .collect(),
        uasc: pct(count(&|j| j.child().uasc.is_some()), n),
        male: pct(count(&|j| j.child().sex == Sex::Male), n),
        care_orders: pct(
            count(&|j| {
                matches!(
                    current(j).legal_status,
                    Ls::InterimCareOrder | Ls::FullCareOrder
                )
            }),
            n,
        ),
        accommodated: pct(
            count(&|j| current(j).legal_status == Ls::SingleAccommodation),
            n,
        ),
        placement_orders: pct(count(&|j| current(j).legal_status == Ls::PlacementOrder), n),
        foster: pct(
            count(&|j| {
                matches!(
                    current(j).placement.placement_type.group(),
                    G::Foster | G::KinshipFoster
                )
            }),
            n,
        ),
        kinship_foster: pct(
            count(&|j| current(j).placement.placement_type.group() == G::KinshipFoster),
            n,
        ),
        three_or_more_placements: pct(count(&|j| placements_last_year(j) >= 3), n),
        in_sibling_groups: pct(count(&|j| !j.siblings().is_empty()), n),
        exits: EXITS
            .iter()
            .map(|&(e, _)| (e, pct(exits.get(&e).copied().unwrap_or(0), leavers)))
            .collect(),
        entry_to_adoptive_placement: adoption_days.iter().sum::<f64>()
            / adoption_days.len().max(1) as f64,
        leavers,
    }
}
