//! A change of permanence plan (PLAN-011, WF-PLAN-CHANGE): who must agree
//! it, in which order, and the new plan version it makes active once they
//! have, superseding the old one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{Lifecycle, Pathway, PermanencePlan};

use crate::access::{Permission, User};
use crate::child::ChildId;
use crate::permanence::responsibilities::{AdvocacyOffer, OfferResponse, check_advocacy_offer};
use crate::permanence::workflow::{ChangeStage, PLAN_CHANGE, PlanStage, Refusal};
use crate::roles::Role;

// ---------------------------------------------------------------------------
// Change of plan (PLAN-011)
// ---------------------------------------------------------------------------

/// Who must agree or authorise a change of plan (PLAN-011).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    TeamManager,
    ServiceManager,
    PermanencePanel,
    AgencyDecisionMaker,
}

impl Authority {
    pub fn label(self) -> &'static str {
        match self {
            Authority::TeamManager => "Team Manager agreement",
            Authority::ServiceManager => "Service Manager authorisation",
            Authority::PermanencePanel => "Permanence Panel",
            Authority::AgencyDecisionMaker => "agency decision maker",
        }
    }
}

impl Authority {
    /// The authority a role gives over a change of plan: the panel adviser
    /// records the Permanence Panel's agreement.
    pub fn of_role(role: Role) -> Option<Authority> {
        match role {
            Role::TeamManager => Some(Authority::TeamManager),
            Role::ServiceManager | Role::HeadOfService => Some(Authority::ServiceManager),
            Role::PanelAdviser => Some(Authority::PermanencePanel),
            Role::AgencyDecisionMaker => Some(Authority::AgencyDecisionMaker),
            _ => None,
        }
    }
}

/// One recorded agreement or authorisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorisation {
    pub authority: Authority,
    pub by: String,
    pub on: NaiveDate,
}

/// A proposed change of permanence plan (PLAN-011, WF-PLAN-CHANGE).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeOfPlan {
    pub child_id: ChildId,
    pub from: Pathway,
    pub to: Pathway,
    pub proposed: NaiveDate,
    pub reasons: String,
    #[serde(default)]
    pub authorisations: Vec<Authorisation>,
    /// The Children's Rights Officer / advocacy offer made to the child about
    /// this change, and the child's response (ROLE-010).
    #[serde(default)]
    pub advocacy: Option<AdvocacyOffer>,
}

/// What a person can do to a change of plan: agree or authorise it as the
/// authority their role gives them, or (the IRO) agree it at a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeMove {
    Authorise,
    /// Record the Children's Rights Officer / advocacy offer and the child's
    /// response (ROLE-010).
    RecordAdvocacyOffer,
    AgreeAtReview,
}

/// Why an authorisation cannot be recorded or the change made active.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    #[error("the change of plan needs the Team Manager's agreement first")]
    TeamManagerFirst,
    #[error("{0} is not needed for this change of plan")]
    NotRequired(&'static str),
    #[error("{0}")]
    Outstanding(String),
    #[error("the change is for plan {expected} but the current plan is {actual}")]
    WrongPlan {
        expected: &'static str,
        actual: &'static str,
    },
}

/// PLAN-011: who must agree a change from `from` to `to`. The Team Manager
/// always; the Service Manager when the child moves further from the family
/// (a later step of PRIN-001); the Permanence Panel for a change to or from
/// long-term fostering (PANEL-009); the ADM for a change to adoption
/// (ADOPT-008). A change away from adoption after a Placement Order also
/// follows ADOPT-026.
pub fn required_authorities(from: Pathway, to: Pathway) -> Vec<Authority> {
    let mut needed = vec![Authority::TeamManager];
    if to.option().step() > from.option().step() {
        needed.push(Authority::ServiceManager);
    }
    if from == Pathway::LongTermFostering || to == Pathway::LongTermFostering {
        needed.push(Authority::PermanencePanel);
    }
    if to == Pathway::Adoption {
        needed.push(Authority::AgencyDecisionMaker);
    }
    needed
}

impl ChangeOfPlan {
    /// The authorities still to agree, in the order they act.
    pub fn outstanding(&self) -> Vec<Authority> {
        required_authorities(self.from, self.to)
            .into_iter()
            .filter(|a| !self.authorisations.iter().any(|r| r.authority == *a))
            .collect()
    }

    /// The status the change shows: "awaiting ..." until every authority has
    /// agreed, then "authorised".
    pub fn status(&self) -> String {
        let outstanding = self.outstanding();
        if outstanding.is_empty() {
            "authorised".into()
        } else {
            let labels: Vec<_> = outstanding.iter().map(|a| a.label()).collect();
            format!("awaiting {}", labels.join(" and "))
        }
    }

    /// Records an agreement or authorisation; the Team Manager agrees first.
    pub fn record(&mut self, a: Authorisation) -> Result<(), ChangeError> {
        if !required_authorities(self.from, self.to).contains(&a.authority) {
            return Err(ChangeError::NotRequired(a.authority.label()));
        }
        let tm_agreed = self
            .authorisations
            .iter()
            .any(|r| r.authority == Authority::TeamManager);
        if a.authority != Authority::TeamManager && !tm_agreed {
            return Err(ChangeError::TeamManagerFirst);
        }
        self.authorisations.retain(|r| r.authority != a.authority);
        self.authorisations.push(a);
        Ok(())
    }

    /// Whether `user` may take `m` on this change now: the one answer the
    /// plan page and the change's use cases share. Each authority agrees
    /// once, the Team Manager first; the IRO agrees the change at a review
    /// once every authority has.
    pub fn check_move(&self, user: &User, m: ChangeMove) -> Result<(), Refusal> {
        if !user.may(Permission::WorkOnPlans) {
            return Err(Refusal::Forbidden("work on a change of plan"));
        }
        match m {
            ChangeMove::Authorise => {
                let authority = Authority::of_role(user.role)
                    .ok_or(Refusal::Forbidden("authorise a change of plan"))?;
                let required = required_authorities(self.from, self.to);
                let tm_agreed = !self.outstanding().contains(&Authority::TeamManager);
                if !required.contains(&authority) {
                    Err(Refusal::NotNow(
                        ChangeError::NotRequired(authority.label()).to_string(),
                    ))
                } else if authority != Authority::TeamManager && !tm_agreed {
                    Err(Refusal::NotNow(ChangeError::TeamManagerFirst.to_string()))
                } else if !self.outstanding().contains(&authority) {
                    Err(Refusal::NotNow(format!(
                        "{} is already recorded",
                        authority.label()
                    )))
                } else {
                    Ok(())
                }
            }
            ChangeMove::RecordAdvocacyOffer => {
                if self.advocacy.as_ref().is_some_and(|o| o.response.is_some()) {
                    Err(Refusal::NotNow(
                        "the advocacy offer and the child's response are already recorded".into(),
                    ))
                } else {
                    Ok(())
                }
            }
            ChangeMove::AgreeAtReview => {
                PLAN_CHANGE.take(
                    ChangeStage::Authorisation.code(),
                    "agree_at_review",
                    &[user.role],
                )?;
                if !self.outstanding().is_empty() {
                    return Err(Refusal::NotNow(
                        ChangeError::Outstanding(self.status()).to_string(),
                    ));
                }
                check_advocacy_offer(self.advocacy.as_ref())
                    .map(|_| ())
                    .map_err(|e| Refusal::NotNow(e.to_string()))
            }
        }
    }

    /// ROLE-010: records that the Children's Rights Officer / advocacy was
    /// offered to the child on `on` and the child's response. The offer is
    /// due for every child whatever their age: the rule gives no age
    /// threshold ("access to advocacy is part of the information every child
    /// receives", PRIN-009), and its Check's child aged 12 is an example, not
    /// a limit; the offer is made in a way that suits the child's age and
    /// understanding (PLAN-012's wording for what the child is given).
    pub fn record_advocacy_offer(&mut self, response: OfferResponse, on: NaiveDate) {
        self.advocacy = Some(AdvocacyOffer {
            offered: on,
            response: Some(response),
        });
    }

    /// The moves `user` may take on this change now.
    pub fn moves(&self, user: &User) -> Vec<ChangeMove> {
        [
            ChangeMove::Authorise,
            ChangeMove::RecordAdvocacyOffer,
            ChangeMove::AgreeAtReview,
        ]
        .into_iter()
        .filter(|m| self.check_move(user, *m).is_ok())
        .collect()
    }

    /// Makes the new plan active once every authority has agreed: `current`
    /// is marked Superseded and the new version, ratified `on` the review
    /// that agreed it, is returned. A parallel plan for the new pathway is
    /// the one activated, so the new version carries none.
    pub fn activate(
        &self,
        current: &mut PermanencePlan,
        on: NaiveDate,
    ) -> Result<PermanencePlan, ChangeError> {
        if current.pathway != Some(self.from) {
            return Err(ChangeError::WrongPlan {
                expected: self.from.label(),
                actual: current.pathway.map_or("none", |p| p.label()),
            });
        }
        if !self.outstanding().is_empty() {
            return Err(ChangeError::Outstanding(self.status()));
        }
        let mut next = current.clone();
        current.lifecycle = Lifecycle::Superseded;
        current.superseded_on = Some(on);
        next.plan_version += 1;
        next.pathway = Some(self.to);
        next.lifecycle = Lifecycle::Ratified;
        next.stage = PlanStage::Active;
        next.ratified_on = Some(on);
        next.ratified_at_review = None;
        next.parallel = None;
        next.firmness.parallel = false;
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::plan::testing::ratified_plan;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Change of plan ----------------------------------------------------

    fn agree(authority: Authority, on: &str) -> Authorisation {
        Authorisation {
            authority,
            by: "manager".into(),
            on: d(on),
        }
    }

    #[test]
    fn plan_011_a_move_further_from_family_awaits_the_service_manager_and_the_panel() {
        // The spec's Check: ratified "return home", change to long-term
        // foster care proposed at a review on 2025-10-06 with Team Manager
        // agreement only.
        let mut change = ChangeOfPlan {
            child_id: "child1".parse().unwrap(),
            from: Pathway::ReturnHome,
            to: Pathway::LongTermFostering,
            proposed: d("2025-10-06"),
            reasons: "parenting assessment negative".into(),
            authorisations: vec![],
            advocacy: None,
        };
        assert_eq!(
            change.record(agree(Authority::ServiceManager, "2025-10-06")),
            Err(ChangeError::TeamManagerFirst)
        );
        change
            .record(agree(Authority::TeamManager, "2025-10-06"))
            .unwrap();
        assert_eq!(
            change.status(),
            "awaiting Service Manager authorisation and Permanence Panel"
        );
        let mut current = ratified_plan();
        current.pathway = Some(Pathway::ReturnHome);
        assert!(matches!(
            change.activate(&mut current, d("2025-10-06")),
            Err(ChangeError::Outstanding(_))
        ));
        assert_eq!(current.lifecycle, Lifecycle::Ratified);
        change
            .record(agree(Authority::ServiceManager, "2025-10-08"))
            .unwrap();
        assert_eq!(change.status(), "awaiting Permanence Panel");
        assert_eq!(
            change.record(agree(Authority::AgencyDecisionMaker, "2025-10-09")),
            Err(ChangeError::NotRequired("agency decision maker"))
        );
        change
            .record(agree(Authority::PermanencePanel, "2025-11-12"))
            .unwrap();
        assert_eq!(change.status(), "authorised");
        let next = change.activate(&mut current, d("2025-11-20")).unwrap();
        assert_eq!(current.lifecycle, Lifecycle::Superseded);
        assert_eq!(current.superseded_on, Some(d("2025-11-20")));
        assert_eq!(next.plan_version, 2);
        assert_eq!(next.pathway, Some(Pathway::LongTermFostering));
        assert_eq!(next.lifecycle, Lifecycle::Ratified);
    }

    #[test]
    fn plan_011_who_authorises_depends_on_the_direction_of_the_change() {
        use Authority::*;
        assert_eq!(
            required_authorities(
                Pathway::LongTermFostering,
                Pathway::SpecialGuardianshipOrder
            ),
            vec![TeamManager, PermanencePanel]
        );
        assert_eq!(
            required_authorities(Pathway::ConnectedPersons, Pathway::Adoption),
            vec![TeamManager, ServiceManager, AgencyDecisionMaker]
        );
        assert_eq!(
            required_authorities(Pathway::SpecialGuardianshipOrder, Pathway::ReturnHome),
            vec![TeamManager]
        );
    }
}
