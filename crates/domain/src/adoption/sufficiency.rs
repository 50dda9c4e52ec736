//! Sufficiency (issue 19, item 6; ADOPT-054: adopter recruitment reviewed
//! against the needs of the children coming through): the children waiting
//! against the approved adopters waiting, by age band, by sibling group and
//! by need. A child counts once in each dimension; adopters count in every
//! band, group size and need their terms of approval cover, so a row says
//! how many adopters could be considered for the children it counts.

use chrono::NaiveDate;

use super::adopters::{ApprovalTerms, Need};
use super::matching::ChildToMatch;
use crate::codes::{LegalStatus, PlacementGroup};
use crate::journey::CareJourney;
use crate::time::age_on;

/// Whether a child waits for adopters on `today`: in care under a
/// placement order and not yet placed for adoption.
pub fn is_waiting(j: &CareJourney, today: NaiveDate) -> bool {
    j.in_care_on(today)
        && j.current_episode().is_some_and(|e| {
            e.legal_status == LegalStatus::PlacementOrder
                && e.placement.placement_type.group() != PlacementGroup::PlacedForAdoption
        })
}

/// The children waiting on `today`, each with their siblings who wait too
/// as one group, in identifier order; a disability on the child's record
/// is a need.
pub fn waiting_groups(journeys: &[&CareJourney], today: NaiveDate) -> Vec<Vec<ChildToMatch>> {
    let mut waiting: Vec<&CareJourney> = journeys
        .iter()
        .copied()
        .filter(|j| is_waiting(j, today))
        .collect();
    waiting.sort_by(|a, b| a.id().as_str().cmp(b.id().as_str()));
    let mut placed = std::collections::HashSet::new();
    let mut groups = Vec::new();
    for j in &waiting {
        if !placed.insert(j.id().as_str().to_owned()) {
            continue;
        }
        let mut group = vec![*j];
        for s in j.siblings() {
            if let Some(sib) = waiting.iter().find(|w| w.id() == s)
                && placed.insert(s.as_str().to_owned())
            {
                group.push(*sib);
            }
        }
        groups.push(
            group
                .into_iter()
                .map(|c| ChildToMatch {
                    id: c.id().as_str().to_owned(),
                    age: u8::try_from(age_on(c.child().date_of_birth, today)).unwrap_or(u8::MAX),
                    needs: if c.child().disabled {
                        vec![Need::Disability]
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
        );
    }
    groups
}

/// The age bands, in whole years (the last open-ended up to 17).
pub const AGE_BANDS: [(u8, u8, &str); 4] = [
    (0, 1, "Under 2"),
    (2, 4, "2 to 4"),
    (5, 7, "5 to 7"),
    (8, 17, "8 and over"),
];

/// The sibling group sizes: alone, a pair, three or more.
pub const GROUP_SIZES: [(usize, &str); 3] = [
    (1, "A single child"),
    (2, "A sibling pair"),
    (3, "Three or more siblings"),
];

/// One row of the sufficiency table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// "Age", "Sibling group" or "Needs".
    pub dimension: &'static str,
    pub category: &'static str,
    pub children: usize,
    pub adopters: usize,
}

impl Row {
    /// Adopters less children: negative where children wait with too few
    /// adopters approved for them.
    pub fn gap(&self) -> i64 {
        self.adopters as i64 - self.children as i64
    }
}

/// The sufficiency table of the groups of children waiting (each a child
/// or a sibling group) and the terms of the adopters approved and waiting.
pub fn sufficiency(groups: &[Vec<ChildToMatch>], adopters: &[&ApprovalTerms]) -> Vec<Row> {
    let children = || groups.iter().flatten();
    let mut rows = Vec::new();
    for (low, high, label) in AGE_BANDS {
        rows.push(Row {
            dimension: "Age",
            category: label,
            children: children().filter(|c| (low..=high).contains(&c.age)).count(),
            adopters: adopters
                .iter()
                .filter(|t| t.youngest <= high && t.oldest >= low)
                .count(),
        });
    }
    for (size, label) in GROUP_SIZES {
        let in_size = |n: usize| if size == 3 { n >= 3 } else { n == size };
        rows.push(Row {
            dimension: "Sibling group",
            category: label,
            children: groups
                .iter()
                .filter(|g| in_size(g.len()))
                .map(Vec::len)
                .sum(),
            adopters: adopters
                .iter()
                .filter(|t| usize::from(t.children) >= size && (size == 1 || t.siblings))
                .count(),
        });
    }
    for need in Need::ALL {
        rows.push(Row {
            dimension: "Needs",
            category: need.label(),
            children: children().filter(|c| c.needs.contains(&need)).count(),
            adopters: adopters.iter().filter(|t| t.needs.contains(&need)).count(),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sibling_pair_counts_twice_in_its_group_and_once_in_each_band() {
        let c = |id: &str, age, needs: Vec<Need>| ChildToMatch {
            id: id.into(),
            age,
            needs,
        };
        let groups = vec![
            vec![c("A", 1, vec![]), c("B", 3, vec![Need::Health])],
            vec![c("C", 9, vec![Need::Disability])],
        ];
        let t = ApprovalTerms::new((0, 4), 2, true, vec![Need::Health]).unwrap();
        let rows = sufficiency(&groups, &[&t]);
        let get = |cat: &str| rows.iter().find(|r| r.category == cat).unwrap();
        assert_eq!((get("Under 2").children, get("Under 2").adopters), (1, 1));
        assert_eq!(
            (get("8 and over").children, get("8 and over").adopters),
            (1, 0)
        );
        assert_eq!(get("A sibling pair").children, 2);
        assert_eq!(get("Disability").gap(), -1);
    }
}
