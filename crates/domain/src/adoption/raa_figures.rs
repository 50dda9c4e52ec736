//! The regional agency's figures per council (RAA-006, RAA-010, RAA-013,
//! ADOPT-008, ADOPT-026, ADOPT-062) and its lists of children (ADOPT-002,
//! 014, 019, 020, 025), from the children's pathways as recorded.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use super::child_pathway::{ChildPathway, Milestone, NewRoute};
use super::family_finding::{AdopterSource, month_of, waiting_over_six_months};
use super::raa::RegionalAgency;

/// One council's figures over a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CouncilFigures {
    pub council: String,
    /// RAA-006, ADOPT-062: children placed in the period, by where their
    /// adopters came from.
    pub placed: usize,
    pub by_source: Vec<(AdopterSource, usize)>,
    pub placed_within_region: usize,
    /// ADOPT-008: best-interest decisions in the period, and those without
    /// a placement order at its end.
    pub decisions: usize,
    pub awaiting_order: usize,
    /// ADOPT-026: children with an order and no placement at the period's
    /// end, those linked (a match ratified), those whose plan changed
    /// (revocation in progress), and those actively family finding.
    pub unplaced_with_order: usize,
    pub linked: usize,
    pub revocation: usize,
    pub actively_finding: usize,
    /// RAA-013: children at regional meetings with a match identified,
    /// and those whose placement was made (distinct measures).
    pub matches_identified: usize,
    pub placements_made: usize,
}

impl CouncilFigures {
    /// RAA-006: the share placed within the regional agency, in per cent to one place.
    pub fn within_region_pct(&self) -> Option<f64> {
        (self.placed > 0).then(|| {
            let pct = self.placed_within_region as f64 * 100.0 / self.placed as f64;
            (pct * 10.0).round() / 10.0
        })
    }
}

/// The council a pathway belongs to (the agency's home council when not recorded).
pub fn council_of<'a>(agency: &'a RegionalAgency, p: &'a ChildPathway) -> &'a str {
    if p.council.is_empty() {
        &agency.home
    } else {
        &p.council
    }
}

fn within(d: Option<NaiveDate>, (from, to): (NaiveDate, NaiveDate)) -> bool {
    d.is_some_and(|d| from <= d && d <= to)
}

/// A council's figures (every council's when `council` is `None`) for the
/// period from `from` to `to`.
pub fn council_figures(
    agency: &RegionalAgency,
    pathways: &[ChildPathway],
    council: Option<&str>,
    period: (NaiveDate, NaiveDate),
) -> CouncilFigures {
    let to = period.1;
    let mine: Vec<&ChildPathway> = pathways
        .iter()
        .filter(|p| council.is_none_or(|c| council_of(agency, p) == c))
        .collect();
    let placed: Vec<&ChildPathway> = mine
        .iter()
        .copied()
        .filter(|p| within(p.date(Milestone::Placed), period))
        .collect();
    let source = |p: &&ChildPathway| p.family_finding.placed_with.as_ref().map(|w| w.source);
    let by_source = AdopterSource::ALL
        .into_iter()
        .map(|s| (s, placed.iter().filter(|p| source(p) == Some(s)).count()))
        .collect();
    let has = |p: &ChildPathway, m: Milestone| p.date(m).is_some_and(|d| d <= to);
    let unplaced: Vec<&ChildPathway> = mine
        .iter()
        .copied()
        .filter(|p| has(p, Milestone::PlacementOrder) && !has(p, Milestone::Placed))
        .collect();
    let linked = unplaced
        .iter()
        .filter(|p| has(p, Milestone::MatchRatified))
        .count();
    let revocation = unplaced
        .iter()
        .filter(|p| {
            p.change_of_plan
                .as_ref()
                .is_some_and(|c| c.date <= to && c.revocation_task)
        })
        .count();
    let decided: Vec<&ChildPathway> = mine
        .iter()
        .copied()
        .filter(|p| within(p.first_bid(), period))
        .collect();
    let (matches_identified, placements_made) = agency.meeting_outcomes(council, period);
    CouncilFigures {
        council: council.unwrap_or("All councils").to_owned(),
        placed: placed.len(),
        placed_within_region: placed
            .iter()
            .filter(|p| source(p).is_some_and(AdopterSource::within_region))
            .count(),
        by_source,
        decisions: decided.len(),
        awaiting_order: decided
            .iter()
            .filter(|p| !has(p, Milestone::PlacementOrder))
            .count(),
        unplaced_with_order: unplaced.len(),
        linked,
        revocation,
        actively_finding: unplaced.len() - linked - revocation,
        matches_identified,
        placements_made,
    }
}

/// Which list of children a figure page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildList {
    /// ADOPT-002: on the adoption tracker in the month (the Improvement
    /// Cycle Meeting's list).
    ImprovementCycle,
    /// ADOPT-014, RAA-005: on the regional tracker on the day.
    RegionalTracker,
    /// ADOPT-019: waiting children discussed fewer than twice in the month.
    FewerThanTwoDiscussions,
    /// ADOPT-020: waiting children with a month missing its update.
    MissingMonthlyUpdate,
    /// ADOPT-025: waiting more than 6 months from the order.
    WaitingOverSixMonths,
    /// ADOPT-049: adopted with no life story book.
    LifeStoryOutstanding,
}

impl ChildList {
    pub const ALL: [ChildList; 6] = [
        ChildList::ImprovementCycle,
        ChildList::RegionalTracker,
        ChildList::FewerThanTwoDiscussions,
        ChildList::MissingMonthlyUpdate,
        ChildList::WaitingOverSixMonths,
        ChildList::LifeStoryOutstanding,
    ];
    pub fn rule(self) -> &'static str {
        match self {
            ChildList::ImprovementCycle => "ADOPT-002",
            ChildList::RegionalTracker => "ADOPT-014",
            ChildList::FewerThanTwoDiscussions => "ADOPT-019",
            ChildList::MissingMonthlyUpdate => "ADOPT-020",
            ChildList::WaitingOverSixMonths => "ADOPT-025",
            ChildList::LifeStoryOutstanding => "ADOPT-049",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            ChildList::ImprovementCycle => {
                "Improvement Cycle Meeting: children on the adoption tracker"
            }
            ChildList::RegionalTracker => "Regional family-finding tracker",
            ChildList::FewerThanTwoDiscussions => {
                "Waiting children discussed fewer than twice this month"
            }
            ChildList::MissingMonthlyUpdate => {
                "Waiting children missing a monthly family-finding update"
            }
            ChildList::WaitingOverSixMonths => {
                "Children waiting more than 6 months from the placement order"
            }
            ChildList::LifeStoryOutstanding => {
                "Life story outstanding: adopted with no life story book"
            }
        }
    }
}

/// Whether a pathway is on a list on `day`.
pub fn on_list(list: ChildList, p: &ChildPathway, day: NaiveDate) -> bool {
    match list {
        ChildList::ImprovementCycle => {
            let end = month_of(day) + Months::new(1);
            p.date(Milestone::PackA).is_some_and(|d| d < end)
                && p.date(Milestone::AdoptionOrder).is_none()
                && p.change_of_plan.is_none()
        }
        ChildList::RegionalTracker => p.on_regional_tracker(day),
        ChildList::FewerThanTwoDiscussions => {
            p.waiting() && p.family_finding.discussions_in(day) < 2
        }
        ChildList::MissingMonthlyUpdate => {
            p.waiting() && !p.family_finding.missing_updates(day).is_empty()
        }
        ChildList::WaitingOverSixMonths => waiting_over_six_months(p, day).is_some(),
        ChildList::LifeStoryOutstanding => p.life_story_outstanding(),
    }
}

/// RAA-010: a row of the ASGLB extract: adoption and special
/// guardianship records alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AsglbRow {
    pub child_id: String,
    pub council: String,
    pub record: &'static str,
    pub decision: Option<NaiveDate>,
    pub placement_order: Option<NaiveDate>,
    pub placed: Option<NaiveDate>,
    pub order: Option<NaiveDate>,
}

/// RAA-010: the extract's rows for the quarter ending `to`: each pathway
/// active in it, a child whose plan changed to special guardianship as an
/// SGO record.
pub fn asglb_extract(
    agency: &RegionalAgency,
    pathways: &[ChildPathway],
    to: NaiveDate,
) -> Vec<AsglbRow> {
    pathways
        .iter()
        .filter(|p| {
            p.date(Milestone::AdoptionOrder)
                .is_none_or(|d| d + Months::new(3) > to)
        })
        .map(|p| {
            let sgo = p
                .change_of_plan
                .as_ref()
                .is_some_and(|c| c.route == NewRoute::SgoWithFosterCarer);
            AsglbRow {
                child_id: p.child_id.clone(),
                council: council_of(agency, p).to_owned(),
                record: if sgo {
                    "special guardianship"
                } else {
                    "adoption"
                },
                decision: p.first_bid(),
                placement_order: p.date(Milestone::PlacementOrder),
                placed: p.date(Milestone::Placed),
                order: p.date(Milestone::AdoptionOrder),
            }
        })
        .collect()
}
