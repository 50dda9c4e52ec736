//! The demo council's adopters' cases: one for every household holding an
//! `Adopter` role (the households' demo takes those roles to every state
//! of WF-ADOPTER), holding what the steps taken carried: the enquiry and
//! its information event, the PAR before panel, the panel's
//! recommendation, the agency decision, the terms of approval and why a
//! closed case closed.

use chrono::Days;
use domain::adoption::adopters::{
    AdmOutcome, AdopterCase, ApprovalTerms, ClosureReason, Decision, Need, PanelOutcome,
};
use domain::deadlines::EventKind;
use domain::households::household::Household;
use domain::households::lifecycle::RoleKind;

use crate::rng::Rng;

/// The terms of approval of the `n`th approved adopters: ages, how many,
/// siblings and needs varied so a match has something to choose from.
fn terms(rng: &mut Rng) -> ApprovalTerms {
    let youngest = rng.below(4) as u8;
    let oldest = youngest + 1 + rng.below(6) as u8;
    let children = 1 + rng.below(3) as u8;
    let needs = Need::ALL
        .into_iter()
        .filter(|_| rng.below(3) == 0)
        .collect();
    ApprovalTerms::new((youngest, oldest), children, children > 1, needs)
        .expect("demo terms are valid")
}

/// The case of every adopter role of `households`.
pub fn adopter_cases(households: &[Household], seed: u64) -> Vec<AdopterCase> {
    let mut rng = Rng::new(seed ^ 0x4144_4F50);
    let mut out = Vec::new();
    for h in households {
        for role in h.roles.iter().filter(|r| r.kind == RoleKind::Adopter) {
            let mut case = AdopterCase::enquiry(
                h,
                &role.id,
                role.started,
                role.started + Days::new(7 + rng.below(21)),
            )
            .expect("a demo adopter role");
            let on = |kind: EventKind| role.events.iter().find(|e| e.kind == kind).map(|e| e.date);
            case.par_received =
                on(EventKind::AdopterStageTwoCompleted).map(|d| d - Days::new(rng.below(10)));
            if let Some(date) = on(EventKind::AdoptionPanelRecommendation) {
                let outcome = if role.stage == "not_approved" {
                    PanelOutcome::NotSuitable
                } else {
                    PanelOutcome::Suitable
                };
                case.panel.push(Decision {
                    date,
                    outcome,
                    by: "panel-adviser.demo".into(),
                });
            }
            if let Some(date) = on(EventKind::AdoptionAgencyDecision) {
                let outcome = if role.stage == "not_approved" {
                    AdmOutcome::NotApproved
                } else {
                    AdmOutcome::Approved
                };
                case.decisions.push(Decision {
                    date,
                    outcome,
                    by: "agency-decision-maker.demo".into(),
                });
                if outcome == AdmOutcome::Approved {
                    case.terms = Some(terms(&mut rng));
                }
            }
            case.closure = match role.stage.as_str() {
                "withdrawn" => Some(ClosureReason::ApplicantsWithdrew),
                "closed" if case.terms.is_some() => Some(ClosureReason::AdoptionOrderMade),
                "closed" => Some(ClosureReason::NotSuitable),
                _ => None,
            };
            out.push(case);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_adopter_role_of_the_demo_has_its_case_and_the_approved_their_terms() {
        let as_of = "2026-03-31".parse().unwrap();
        let council =
            crate::synthetic::generate(&crate::synthetic::CouncilSpec::new(400, 7, as_of));
        let households = crate::households_demo::households(&council.journeys, as_of, 7);
        let cases = adopter_cases(&households, 7);
        let roles: Vec<_> = households
            .iter()
            .flat_map(|h| &h.roles)
            .filter(|r| r.kind == RoleKind::Adopter)
            .collect();
        assert_eq!(cases.len(), roles.len());
        for (case, role) in cases.iter().zip(&roles) {
            let approved = matches!(
                role.stage.as_str(),
                "approved" | "linked" | "placed" | "adopted"
            );
            assert_eq!(case.terms.is_some(), approved, "{}", role.stage);
        }
    }
}
