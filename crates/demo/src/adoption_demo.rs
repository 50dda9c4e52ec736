//! The demo council's adopters' cases: one for every household holding an
//! `Adopter` role (the households' demo takes those roles to every state
//! of WF-ADOPTER), holding what the steps taken carried: the enquiry and
//! its information event, the PAR before panel, the panel's
//! recommendation, the agency decision, the terms of approval and why a
//! closed case closed.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use domain::adoption::adopters::{
    AdmOutcome, AdopterCase, ApprovalTerms, ClosureReason, Decision, Need, PanelOutcome,
};
use domain::adoption::matches::{AdoptionMatch, MatchStep, Paper, SupportPlan};
use domain::adoption::sufficiency::waiting_groups;
use domain::deadlines::EventKind;
use domain::households::household::Household;
use domain::households::lifecycle::RoleKind;
use domain::journey::CareJourney;
use domain::permanence::panels::{Attendance, Forum, ForumKind, Meeting};
use domain::roles::Role;

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

/// The demo's adoption panel: its configuration (the Permanence Panel's
/// members), its meetings on the first Tuesday of the month from three
/// months before `as_of` to three after (those held with a quorate
/// attendance), and a match of every stage between approved adopters and
/// the children waiting.
pub struct AdoptionDemo {
    pub forum: Forum,
    pub meetings: Vec<Meeting>,
    pub matches: Vec<AdoptionMatch>,
}

/// The first Tuesday of the month `n` months from `as_of`'s (negative
/// for earlier).
fn sitting(as_of: NaiveDate, n: i32) -> NaiveDate {
    let months = as_of.year() * 12 + as_of.month0() as i32 + n;
    NaiveDate::from_weekday_of_month_opt(months / 12, (months % 12) as u32 + 1, Weekday::Tue, 1)
        .expect("every month has a first Tuesday")
}

/// The stages the demo's matches reach, in turn.
const MATCH_STAGES: [&str; 11] = [
    "interest",
    "linked",
    "panel",
    "adm",
    "matched",
    "placed",
    "adopted",
    "disrupted",
    "ended_in_introductions",
    "declined",
    "withdrawn",
];

/// The steps to a stage, each with who takes it and how many days after
/// the expression of interest.
fn steps_to(stage: &str) -> Vec<(&'static str, Role, u64)> {
    use Role::*;
    let path: &[(&str, Role, u64)] = match stage {
        "interest" => &[],
        "linked" => &[("link", FamilyFinder, 10)],
        "panel" => &[("link", FamilyFinder, 10), ("to_panel", FamilyFinder, 20)],
        "withdrawn" => &[("link", FamilyFinder, 10), ("withdraw", FamilyFinder, 30)],
        _ => &[
            ("link", FamilyFinder, 10),
            ("to_panel", FamilyFinder, 20),
            ("recommend", PanelAdviser, 0),
        ],
    };
    let mut out = path.to_vec();
    let after: &[(&str, Role, u64)] = match stage {
        "matched" => &[("approve", AgencyDecisionMaker, 1)],
        "declined" => &[("decline", AgencyDecisionMaker, 1)],
        "ended_in_introductions" => &[
            ("approve", AgencyDecisionMaker, 1),
            ("end_introductions", FamilyFinder, 8),
        ],
        "placed" => &[
            ("approve", AgencyDecisionMaker, 1),
            ("place", FamilyFinder, 14),
        ],
        "adopted" => &[
            ("approve", AgencyDecisionMaker, 1),
            ("place", FamilyFinder, 14),
            ("order", FamilyFinder, 40),
        ],
        "disrupted" => &[
            ("approve", AgencyDecisionMaker, 1),
            ("place", FamilyFinder, 14),
            ("disrupt", FamilyFinder, 30),
        ],
        _ => &[],
    };
    out.extend_from_slice(after);
    out
}

/// The demo's adoption panel, its meetings and its matches, on `as_of`.
pub fn adoption_panel(
    households: &[Household],
    cases: &[AdopterCase],
    journeys: &[CareJourney],
    as_of: NaiveDate,
) -> AdoptionDemo {
    let mut forum = crate::permanence_demo::demo_forum(as_of - Days::new(3650));
    forum.kind = ForumKind::AdoptionPanel;
    let seats = |m: &Meeting| {
        let mut m = m.clone();
        m.attendees = forum
            .members
            .iter()
            .map(|s| Attendance {
                person: s.person.clone(),
                seat: s.seat,
            })
            .collect();
        m
    };
    let mut meetings: Vec<Meeting> = (-3..=3)
        .map(|n| Meeting::new(ForumKind::AdoptionPanel, sitting(as_of, n)))
        .map(|m| if m.date <= as_of { seats(&m) } else { m })
        .collect();
    let held = meetings
        .iter()
        .filter(|m| m.date <= as_of)
        .map(|m| m.date)
        .next_back()
        .unwrap_or(as_of);
    let next = sitting(as_of, 1);
    let approved: Vec<&AdopterCase> = cases
        .iter()
        .filter(|c| {
            c.terms.is_some()
                && households
                    .iter()
                    .flat_map(|h| &h.roles)
                    .any(|r| r.id == c.role_id && r.stage == "approved")
        })
        .collect();
    let all: Vec<&CareJourney> = journeys.iter().collect();
    let groups = waiting_groups(&all, as_of);
    let mut matches = Vec::new();
    for ((case, group), stage) in approved.iter().zip(&groups).zip(MATCH_STAGES) {
        let children = group.iter().map(|c| c.id.clone()).collect();
        // Placed matches start earlier, so that the order follows in time.
        let start = held - Days::new(60);
        let Ok(mut m) =
            AdoptionMatch::interest((&case.role_id, &case.household_id), children, start)
        else {
            continue;
        };
        for (step, role, days) in steps_to(stage) {
            let date = match step {
                "recommend" => held,
                _ => m.last_step + Days::new(days),
            };
            let meeting = (step == "to_panel").then(|| {
                let on = if stage == "panel" { next } else { held };
                format!("{}-{on}", ForumKind::AdoptionPanel.code())
            });
            if step == "place" {
                // EDU-002: the plan, with the child's educational needs,
                // is final before the placement is confirmed.
                let _ = m.finalise_support_plan(demo_support_plan(), false, Some(date.min(as_of)));
            }
            let form = MatchStep {
                papers: Some(vec![
                    Paper::ChildPermanenceReport,
                    Paper::ProspectiveAdopterReport,
                    Paper::DraftIntroductionsPlan,
                ]),
                meeting,
                approve: Some(true),
                // EDU-001: the evidence goes with the match to panel.
                education_commitment: Some(
                    "Visited the child's nursery; both adopters have attended the Virtual School's training for adoptive parents".into(),
                ),
                ..Default::default()
            };
            if m.take((role, "demo"), (step, date.min(as_of)), form)
                .is_err()
            {
                break;
            }
        }
        if let Some(mid) = &m.meeting
            && let Some(meeting) = meetings.iter_mut().find(|x| &x.id() == mid)
        {
            meeting.agenda.push(m.id.clone());
        }
        matches.push(m);
    }
    AdoptionDemo {
        forum,
        meetings,
        matches,
    }
}

/// The demo's adoption support plan: every section written, the child's
/// educational needs among them (ADOPT-038, EDU-002).
fn demo_support_plan() -> SupportPlan {
    SupportPlan {
        child: "Therapeutic parenting support; life story work with the support worker".into(),
        adoptive_family: "Training on trauma and attachment; a buddy adopter".into(),
        existing_children: String::new(),
        birth_parents: "Counselling offered; letterbox contact once a year".into(),
        over_time: "Reviewed at each placement review and after the order".into(),
        education: "Speech and language support at nursery now; a transition plan with the Virtual School before school entry".into(),
    }
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
        let panel = adoption_panel(&households, &cases, &council.journeys, as_of);
        assert!(
            panel
                .meetings
                .iter()
                .any(|m| m.date > as_of && m.attendees.is_empty())
        );
        for m in &panel.matches {
            assert!(MATCH_STAGES.contains(&m.stage.as_str()), "{}", m.stage);
        }
        for (case, role) in cases.iter().zip(&roles) {
            let approved = matches!(
                role.stage.as_str(),
                "approved" | "linked" | "placed" | "adopted"
            );
            assert_eq!(case.terms.is_some(), approved, "{}", role.stage);
        }
    }
}
