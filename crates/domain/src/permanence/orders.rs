//! Court orders and who holds parental responsibility under them (DATA-007).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::child::ChildId;

// ---------------------------------------------------------------------------
// Orders and parental responsibility (DATA-007)
// ---------------------------------------------------------------------------

/// An order the system stores (DATA-007).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    ChildArrangementsOrder,
    SpecialGuardianshipOrder,
    /// Legacy: replaced by the CAO in 2014.
    ResidenceOrder,
    CareOrder,
    PlacementOrder,
    AdoptionOrder,
}

/// A party's part in an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    LivesWith,
    SpendsTimeWith,
    SpecialGuardian,
    Adopter,
    LocalAuthority,
}

/// A party named in an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderParty {
    pub person: String,
    pub role: PartyRole,
    /// The court provided for this party to have PR (Children Act 1989
    /// s12(2A) for a "spends time with" party).
    #[serde(default)]
    pub pr_provision: bool,
}

/// An order made for the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtOrder {
    pub child_id: ChildId,
    pub kind: OrderKind,
    pub made: NaiveDate,
    pub parties: Vec<OrderParty>,
}

/// A holder of parental responsibility (DATA-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrHolder {
    pub child_id: ChildId,
    pub person: String,
    pub from: NaiveDate,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// A special guardian may exercise PR to the exclusion of others.
    #[serde(default)]
    pub exclusive: bool,
    pub by_order: OrderKind,
}

/// DATA-007: the PR holders an order creates. A CAO or Residence Order gives
/// PR to those the child lives with, and to a "spends time with" party only
/// where the court so provides; special guardians hold it exclusively;
/// adopters and the local authority (care and placement orders) hold it.
pub fn pr_holders_from(order: &CourtOrder) -> Vec<PrHolder> {
    use OrderKind::*;
    use PartyRole::*;
    order
        .parties
        .iter()
        .filter(|p| match (order.kind, p.role) {
            (ChildArrangementsOrder | ResidenceOrder, LivesWith) => true,
            (ChildArrangementsOrder, SpendsTimeWith) => p.pr_provision,
            (SpecialGuardianshipOrder, SpecialGuardian) => true,
            (AdoptionOrder, Adopter) => true,
            (CareOrder | PlacementOrder, LocalAuthority) => true,
            _ => false,
        })
        .map(|p| PrHolder {
            child_id: order.child_id.clone(),
            person: p.person.clone(),
            from: order.made,
            to: None,
            exclusive: order.kind == SpecialGuardianshipOrder,
            by_order: order.kind,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Orders ------------------------------------------------------------

    #[test]
    fn data_007_a_spends_time_with_party_without_pr_provision_gets_no_pr() {
        // The spec's Check: a CAO on 2025-11-14 naming the father as "spends
        // time with" without PR provision.
        let mut cao = CourtOrder {
            child_id: "child1".parse().unwrap(),
            kind: OrderKind::ChildArrangementsOrder,
            made: d("2025-11-14"),
            parties: vec![
                OrderParty {
                    person: "grandmother".into(),
                    role: PartyRole::LivesWith,
                    pr_provision: false,
                },
                OrderParty {
                    person: "father".into(),
                    role: PartyRole::SpendsTimeWith,
                    pr_provision: false,
                },
            ],
        };
        let holders = pr_holders_from(&cao);
        assert_eq!(holders.len(), 1);
        assert_eq!(holders[0].person, "grandmother");
        assert_eq!(holders[0].from, d("2025-11-14"));
        cao.parties[1].pr_provision = true;
        assert_eq!(pr_holders_from(&cao).len(), 2);
        let sgo = CourtOrder {
            kind: OrderKind::SpecialGuardianshipOrder,
            parties: vec![OrderParty {
                person: "aunt".into(),
                role: PartyRole::SpecialGuardian,
                pr_provision: false,
            }],
            ..cao
        };
        let holders = pr_holders_from(&sgo);
        assert!(holders[0].exclusive);
    }
}
