//! Permanence achieved (WF-PERM-PLAN step 9, PATH-001): the order made or the
//! arrangement confirmed, and its date, recorded against the plan; refused
//! while the plan's milestones are open unless a manager overrides with a
//! reason; reversed by a manager with a reason when it was recorded in error.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::pathways::{Order, OrderParty, PermanenceOrder, record_order};
use super::plan::{Lifecycle, Pathway, PermanencePlan};
use crate::roles::Role;

/// How permanence was achieved: an order the court made, or an arrangement
/// confirmed by the nominated officer or the panel and ADM (WF-PERM-PLAN
/// step 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrangement {
    AdoptionOrder,
    SpecialGuardianshipOrder,
    ChildArrangementsOrder,
    /// Legacy: replaced by the CAO in 2014.
    ResidenceOrder,
    /// The return home approved by the nominated officer (PATH-007).
    ReturnHomeApproved,
    /// The long-term fostering match confirmed by the panel and ADM (PANEL-006).
    LtfMatchConfirmed,
    /// Staying Put after 18 (PATH-029).
    StayingPut,
}

impl Arrangement {
    pub const ALL: [Arrangement; 7] = [
        Arrangement::AdoptionOrder,
        Arrangement::SpecialGuardianshipOrder,
        Arrangement::ChildArrangementsOrder,
        Arrangement::ResidenceOrder,
        Arrangement::ReturnHomeApproved,
        Arrangement::LtfMatchConfirmed,
        Arrangement::StayingPut,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Arrangement::AdoptionOrder => "adoption_order",
            Arrangement::SpecialGuardianshipOrder => "special_guardianship_order",
            Arrangement::ChildArrangementsOrder => "child_arrangements_order",
            Arrangement::ResidenceOrder => "residence_order",
            Arrangement::ReturnHomeApproved => "return_home_approved",
            Arrangement::LtfMatchConfirmed => "ltf_match_confirmed",
            Arrangement::StayingPut => "staying_put",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Arrangement::AdoptionOrder => "Adoption Order made",
            Arrangement::SpecialGuardianshipOrder => "Special Guardianship Order made",
            Arrangement::ChildArrangementsOrder => "Child Arrangements Order made",
            Arrangement::ResidenceOrder => "Residence Order made",
            Arrangement::ReturnHomeApproved => "Return home approved",
            Arrangement::LtfMatchConfirmed => "Long-term fostering match confirmed",
            Arrangement::StayingPut => "Staying Put arrangement in place",
        }
    }

    pub fn parse(code: &str) -> Option<Arrangement> {
        Arrangement::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The court order this is, if it is one.
    pub fn order(self) -> Option<PermanenceOrder> {
        match self {
            Arrangement::AdoptionOrder => Some(PermanenceOrder::AdoptionOrder),
            Arrangement::SpecialGuardianshipOrder => {
                Some(PermanenceOrder::SpecialGuardianshipOrder)
            }
            Arrangement::ChildArrangementsOrder => Some(PermanenceOrder::ChildArrangementsOrder),
            Arrangement::ResidenceOrder => Some(PermanenceOrder::ResidenceOrder),
            _ => None,
        }
    }

    /// The pathway this arrangement achieves.
    pub fn pathway(self) -> Pathway {
        match self.order() {
            Some(order) => order.pathway(),
            None => match self {
                Arrangement::ReturnHomeApproved => Pathway::ReturnHome,
                Arrangement::StayingPut => Pathway::StayingPut,
                _ => Pathway::LongTermFostering,
            },
        }
    }

    /// The arrangement that achieves `pathway`, the one the form offers first.
    pub fn for_pathway(pathway: Option<Pathway>) -> Arrangement {
        Arrangement::ALL
            .into_iter()
            .find(|a| Some(a.pathway()) == pathway)
            .unwrap_or(Arrangement::LtfMatchConfirmed)
    }
}

/// Who may override open milestones or reverse permanence achieved.
pub const ACHIEVEMENT_MANAGERS: [Role; 3] =
    [Role::TeamManager, Role::ServiceManager, Role::HeadOfService];

/// Permanence achieved, as recorded against the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Achievement {
    pub arrangement: Arrangement,
    /// The day the order was made or the arrangement confirmed.
    pub on: NaiveDate,
    /// Whom the order names (the special guardian, the adopters, the person
    /// the child lives with).
    #[serde(default)]
    pub named: Option<String>,
    /// The arrangement delivers the plan's pathway (or its parallel plan's).
    pub matches_plan: bool,
    /// The milestones still open when it was recorded, and the manager's
    /// reason for recording it all the same.
    #[serde(default)]
    pub open_milestones: Vec<String>,
    #[serde(default)]
    pub override_reason: Option<String>,
    pub recorded_by: String,
    /// The plan's lifecycle before, to return to if it is reversed.
    pub lifecycle_before: Lifecycle,
}

/// Permanence achieved reversed by a manager, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reversal {
    pub reversed: Achievement,
    pub on: NaiveDate,
    pub by: String,
    pub reason: String,
}

/// What the person recording permanence achieved enters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AchievementInput {
    pub arrangement: Option<Arrangement>,
    pub on: Option<NaiveDate>,
    /// Whom the order names.
    pub named: String,
    /// A manager's reason for recording it while milestones are open.
    pub override_reason: String,
}

/// WF-PERM-PLAN step 9: the achievement `input` records on `plan`, or why it
/// is refused: the order or arrangement and its date (not in the future, not
/// before the plan was ratified); an order names the person it gives the
/// child a home with (PATH-001); while `open` milestones remain, only a
/// manager with a reason may record it.
pub fn check_achievement(
    plan: &PermanencePlan,
    role: Role,
    username: &str,
    input: &AchievementInput,
    open: &[(String, NaiveDate)],
    today: NaiveDate,
) -> Result<Achievement, String> {
    let arrangement = input
        .arrangement
        .ok_or("choose the order made or the arrangement confirmed")?;
    let on = input
        .on
        .ok_or("enter the date the order was made or the arrangement confirmed")?;
    if on > today {
        return Err(format!("the date {on} is in the future"));
    }
    if let Some(ratified) = plan.ratified_on
        && on < ratified
    {
        return Err(format!(
            "the date is before the plan was ratified on {ratified}"
        ));
    }
    let named = input.named.trim();
    let matches_plan = match arrangement.order() {
        Some(kind) => {
            let order = Order {
                kind,
                made: on,
                parties: (!named.is_empty())
                    .then(|| OrderParty {
                        person: named.to_owned(),
                        role: kind.principal_party(),
                        court_gives_pr: false,
                    })
                    .into_iter()
                    .collect(),
            };
            record_order(plan, &order)
                .map_err(|e| e.to_string())?
                .matches_plan
        }
        None => plan.pathway == Some(arrangement.pathway()),
    };
    let reason = input.override_reason.trim();
    if !open.is_empty() && (!ACHIEVEMENT_MANAGERS.contains(&role) || reason.is_empty()) {
        return Err(format!(
            "permanence cannot be recorded as achieved while the plan's milestones are open ({}): a team or service manager may record it with the reason",
            open_list(open)
        ));
    }
    Ok(Achievement {
        arrangement,
        on,
        named: (!named.is_empty()).then(|| named.to_owned()),
        matches_plan,
        open_milestones: open.iter().map(|(m, _)| m.clone()).collect(),
        override_reason: (!open.is_empty()).then(|| reason.to_owned()),
        recorded_by: username.to_owned(),
        lifecycle_before: plan.lifecycle,
    })
}

/// The open milestones as one line, each with its due date.
pub fn open_list(open: &[(String, NaiveDate)]) -> String {
    open.iter()
        .map(|(m, due)| format!("{m}, due {}", due.format("%-d %B %Y")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reverses permanence achieved on `plan`: a manager, with a reason, on a
/// plan recorded as achieved. Returns the reversal to keep; the plan goes
/// back to the lifecycle it had.
pub fn reverse_achievement(
    plan: &mut PermanencePlan,
    role: Role,
    username: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<Reversal, String> {
    if !ACHIEVEMENT_MANAGERS.contains(&role) {
        return Err("only a team or service manager may reverse permanence achieved".into());
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("enter the reason for reversing permanence achieved".into());
    }
    let reversed = match (&plan.achievement, plan.lifecycle) {
        (Some(a), Lifecycle::Achieved) => a.clone(),
        _ => return Err("the plan is not recorded as achieved".into()),
    };
    plan.lifecycle = reversed.lifecycle_before;
    plan.achieved_on = None;
    plan.achievement = None;
    Ok(Reversal {
        reversed,
        on: today,
        by: username.to_owned(),
        reason: reason.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::plan::testing::ratified_plan;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    fn input(arrangement: Arrangement, on: &str) -> AchievementInput {
        AchievementInput {
            arrangement: Some(arrangement),
            on: Some(d(on)),
            ..Default::default()
        }
    }

    #[test]
    fn path_001_an_sgo_needs_its_date_and_the_special_guardian_it_names() {
        let mut plan = ratified_plan();
        plan.pathway = Some(Pathway::SpecialGuardianshipOrder);
        let today = d("2025-11-20");
        let sw = Role::SocialWorker;
        let none = AchievementInput::default();
        assert!(
            check_achievement(&plan, sw, "sw", &none, &[], today)
                .unwrap_err()
                .contains("choose the order")
        );
        let unnamed = input(Arrangement::SpecialGuardianshipOrder, "2025-11-14");
        assert!(
            check_achievement(&plan, sw, "sw", &unnamed, &[], today)
                .unwrap_err()
                .contains("must name at least one special guardian")
        );
        let named = AchievementInput {
            named: "Aunt Jo".into(),
            ..unnamed
        };
        let a = check_achievement(&plan, sw, "sw", &named, &[], today).unwrap();
        assert_eq!((a.on, a.matches_plan), (d("2025-11-14"), true));
        let future = input(Arrangement::LtfMatchConfirmed, "2025-11-21");
        assert!(
            check_achievement(&plan, sw, "sw", &future, &[], today)
                .unwrap_err()
                .contains("in the future")
        );
    }

    #[test]
    fn wf_perm_plan_achieved_is_refused_while_milestones_are_open_unless_a_manager_overrides() {
        let mut plan = ratified_plan();
        plan.pathway = Some(Pathway::Adoption);
        let open = vec![(
            "Placed with the adoptive family (A3: 14 months)".to_owned(),
            d("2027-02-03"),
        )];
        let order = AchievementInput {
            named: "The adopters".into(),
            ..input(Arrangement::AdoptionOrder, "2025-11-14")
        };
        let today = d("2025-11-20");
        let err =
            check_achievement(&plan, Role::SocialWorker, "sw", &order, &open, today).unwrap_err();
        assert!(
            err.contains("Placed with the adoptive family (A3: 14 months), due 3 February 2027"),
            "{err}"
        );
        // A manager without a reason is refused too.
        assert!(check_achievement(&plan, Role::TeamManager, "tm", &order, &open, today).is_err());
        let overridden = AchievementInput {
            override_reason: "Placed in another authority; record held there".into(),
            ..order
        };
        let a =
            check_achievement(&plan, Role::TeamManager, "tm", &overridden, &open, today).unwrap();
        assert_eq!(a.open_milestones.len(), 1);
        assert!(a.override_reason.is_some());
    }

    #[test]
    fn wf_perm_plan_a_manager_reverses_permanence_achieved_with_a_reason() {
        let mut plan = ratified_plan();
        let today = d("2025-11-20");
        let a = check_achievement(
            &plan,
            Role::SocialWorker,
            "sw",
            &input(Arrangement::LtfMatchConfirmed, "2025-11-14"),
            &[],
            today,
        )
        .unwrap();
        plan.lifecycle = Lifecycle::Achieved;
        plan.achieved_on = Some(a.on);
        plan.achievement = Some(a);
        assert!(reverse_achievement(&mut plan, Role::SocialWorker, "sw", "wrong", today).is_err());
        assert!(reverse_achievement(&mut plan, Role::TeamManager, "tm", " ", today).is_err());
        let r = reverse_achievement(
            &mut plan,
            Role::TeamManager,
            "tm",
            "Recorded in error",
            today,
        )
        .unwrap();
        assert_eq!(plan.lifecycle, Lifecycle::Ratified);
        assert_eq!(plan.achieved_on, None);
        assert_eq!(r.reversed.arrangement, Arrangement::LtfMatchConfirmed);
        assert!(reverse_achievement(&mut plan, Role::TeamManager, "tm", "again", today).is_err());
    }
}
