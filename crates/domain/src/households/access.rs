//! Who may see a household's record: its team (the team that holds the
//! household, or one of its roles), the child's social worker or team
//! manager for a child placed there, the panel adviser and agency decision
//! maker while a role is before the panel (for its papers), and managers
//! and reviewing officers across the service. Fostering and adoption staff
//! without a team work across the service.

use crate::access::{Permission, User};
use crate::roles::Role::*;

use super::household::Household;

/// Which households a user may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HouseholdScope {
    Everyone,
    /// The team's households; `children` also those where a child the
    /// user may see is placed (the child's worker and team manager).
    Team {
        team: String,
        children: bool,
    },
    /// Households with a role before the panel or the agency decision.
    Papers,
    NoOne,
}

/// The households `user` may see.
pub fn household_scope(user: &User) -> HouseholdScope {
    if !user.may(Permission::ViewHouseholds) {
        return HouseholdScope::NoOne;
    }
    match (user.role, &user.team) {
        (ServiceManager | HeadOfService | IndependentReviewingOfficer, _) => {
            HouseholdScope::Everyone
        }
        (PanelAdviser | AgencyDecisionMaker, _) => HouseholdScope::Papers,
        (SocialWorker | TeamManager, Some(team)) => HouseholdScope::Team {
            team: team.clone(),
            children: true,
        },
        (SocialWorker | TeamManager, None) => HouseholdScope::NoOne,
        (_, Some(team)) => HouseholdScope::Team {
            team: team.clone(),
            children: false,
        },
        (_, None) => HouseholdScope::Everyone,
    }
}

/// Whether `user` may see `household`, given whether they may see one of
/// the children placed there.
pub fn may_see_household(user: &User, household: &Household, sees_a_placed_child: bool) -> bool {
    match household_scope(user) {
        HouseholdScope::Everyone => true,
        HouseholdScope::NoOne => false,
        HouseholdScope::Papers => household.roles.iter().any(|r| r.at_panel()),
        HouseholdScope::Team { team, children } => {
            household.team == team
                || household.roles.iter().any(|r| r.team == team)
                || (children && sees_a_placed_child)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::households::lifecycle::RoleKind;
    use crate::roles::Role;

    fn user(role: Role, team: Option<&str>) -> User {
        User {
            username: "u".into(),
            display_name: "U".into(),
            role,
            team: team.map(str::to_owned),
            worker_id: None,
        }
    }

    #[test]
    fn the_team_the_placed_childs_worker_and_the_panel_for_its_papers_see_a_household() {
        let d = "2026-12-07".parse().unwrap();
        let mut h =
            Household::new("H00001".into(), "The Okafor family", "Kinship".into(), None).unwrap();
        let role = h.add_role(RoleKind::ConnectedPersonCarer, None, d);
        assert!(may_see_household(
            &user(SupervisingSocialWorker, Some("Kinship")),
            &h,
            false
        ));
        assert!(!may_see_household(
            &user(SupervisingSocialWorker, Some("Fostering")),
            &h,
            true
        ));
        let worker = user(SocialWorker, Some("Melton"));
        assert!(!may_see_household(&worker, &h, false));
        assert!(
            may_see_household(&worker, &h, true),
            "a child of theirs is placed there"
        );
        let adviser = user(PanelAdviser, None);
        assert!(!may_see_household(&adviser, &h, false));
        h.role_mut(&role).unwrap().stage = "panel".into();
        assert!(may_see_household(&adviser, &h, false));
        assert!(may_see_household(&user(ServiceManager, None), &h, false));
        assert!(!may_see_household(&user(Auditor, None), &h, false));
        assert!(!may_see_household(&user(VirtualSchool, None), &h, false));
    }
}
