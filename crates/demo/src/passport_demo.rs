//! What the demo council's workers recorded for its families' passports:
//! each family in turn a different case, so a person running the demo
//! meets every kind of passport (placed by another council, a child
//! adopted from overseas with an education, health and care plan, an
//! order the council was not a party to, a family that moved away, a
//! legacy Residence Order, financial support decided before the order).

use chrono::{Days, NaiveDate};
use domain::households::household::{Household, LinkKind};
use domain::households::lifecycle::RoleKind;
use domain::passport::entitlements::FamilyType;
use domain::passport::passport::{ChildHistory, PassportInputs};

/// The passport details recorded for the demo's families on `as_of`, by
/// household identifier (families with nothing recorded are left out).
pub fn passports(households: &[Household], as_of: NaiveDate) -> Vec<(String, PassportInputs)> {
    let families = households.iter().filter(|h| {
        h.roles
            .iter()
            .any(|r| FamilyType::of_role(r.kind).is_some())
    });
    let mut out = Vec::new();
    for (n, h) in families.enumerate() {
        let child = h
            .links
            .iter()
            .find(|l| matches!(l.kind, LinkKind::PlacedWith | LinkKind::SubjectOfOrder));
        let year_ago = as_of - Days::new(365);
        let inputs = match n % 6 {
            0 => continue,
            1 => PassportInputs {
                placing_authority: Some("Leicester City Council".into()),
                order_made: Some(year_ago),
                ..Default::default()
            },
            2 => PassportInputs {
                children: child
                    .map(|l| ChildHistory {
                        child_id: l.child_id.clone(),
                        previously_looked_after: Some(false),
                        adopted_from_overseas: true,
                        ehc_plan: true,
                    })
                    .into_iter()
                    .collect(),
                ..Default::default()
            },
            3 => PassportInputs {
                council_was_party: Some(false),
                ..Default::default()
            },
            4 => PassportInputs {
                lives_in: Some("Derbyshire".into()),
                order_made: Some(as_of - Days::new(365 * 4)),
                ..Default::default()
            },
            _ if h
                .roles
                .iter()
                .any(|r| r.kind == RoleKind::ChildArrangementsOrderHolder) =>
            {
                PassportInputs {
                    family_type: Some(FamilyType::ResidenceOrder),
                    ..Default::default()
                }
            }
            _ => PassportInputs {
                order_made: Some(year_ago),
                financial_support_decided: Some(year_ago - Days::new(60)),
                ..Default::default()
            },
        };
        out.push((h.id.clone(), inputs));
    }
    out
}
