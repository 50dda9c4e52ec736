//! The demo council's children on an adoption pathway, one at each stage
//! (planning, ready for the ADM, decided, family finding with the profile,
//! searches, discussions and monthly log, waiting over six months, linked,
//! placed from each source, adopted, plan changed, relinquished), and a
//! regional adoption agency of three councils with its meetings, board,
//! workstreams and actions. Every pathway is built by the domain's own
//! steps, so it holds only what a person could have recorded.

use chrono::{Days, Months, NaiveDate};
use domain::adoption::child_pathway::{
    ChildPathway, Cpr, FamilyOptions, Milestone, NewRoute, PathwayStep, Readiness,
};
use domain::adoption::family_finding::{
    Activity, AdopterSource, EventKind, FindingStep, PlacedWith, Profile, SearchLevel,
    WaitingReason,
};
use domain::adoption::raa::{
    AgencyAction, BoardDecision, Discussed, Member, RegionalAgency, RegionalMeeting, Workstream,
};
use domain::codes::LegalStatus;
use domain::journey::CareJourney;

/// The council the demo serves, in the regional agency.
pub const HOME: &str = "Midshire County Council";

/// The agency's partners in the demo.
pub const PARTNERS: [&str; 2] = ["Northvale Council", "Riverton City Council"];

/// The stages the demo's children reach, in order.
const STAGES: usize = 11;

/// A regional adoption agency of three councils, begun three years before `as_of`.
pub fn regional_agency(as_of: NaiveDate) -> RegionalAgency {
    let began = as_of - Months::new(36);
    let member = |council: &str, joined: NaiveDate, host: bool| Member {
        council: council.into(),
        joined,
        left: None,
        host,
    };
    let meeting = |months_back: u32, n: usize| RegionalMeeting {
        date: as_of - Months::new(months_back),
        discussed: vec![
            Discussed {
                council: PARTNERS[0].into(),
                reference: format!("NV-{n:03}"),
                match_identified: n.is_multiple_of(2),
                placement_made: n.is_multiple_of(4),
            },
            Discussed {
                council: PARTNERS[1].into(),
                reference: format!("RC-{n:03}"),
                match_identified: n.is_multiple_of(3),
                placement_made: false,
            },
        ],
    };
    RegionalAgency {
        name: "Shires Adoption Partnership".into(),
        home: HOME.into(),
        commenced: began,
        former_names: vec![(began - Days::new(1), "Midshire Adoption Agency".into())],
        members: vec![
            member(HOME, began, false),
            member(PARTNERS[0], began, true),
            member(PARTNERS[1], began + Months::new(12), false),
        ],
        board: vec![
            BoardDecision {
                date: as_of - Months::new(5),
                topic: "Regional post-order training hub".into(),
                dissenting: Vec::new(),
            },
            BoardDecision {
                date: as_of - Months::new(2),
                topic: "Shared interagency fee".into(),
                dissenting: vec![PARTNERS[1].into()],
            },
        ],
        workstreams: vec![
            Workstream {
                name: "Family finding".into(),
                lead: HOME.into(),
                every_months: 1,
            },
            Workstream {
                name: "Post adoption support".into(),
                lead: PARTNERS[0].into(),
                every_months: 1,
            },
            Workstream {
                name: "Keeping in Touch".into(),
                lead: PARTNERS[1].into(),
                every_months: 2,
            },
        ],
        actions: vec![
            AgencyAction {
                title: "Peer review of the agency".into(),
                owner: "Service Manager".into(),
                due: as_of - Days::new(10),
                done: None,
            },
            AgencyAction {
                title: "Staff conference".into(),
                owner: "Head of Service".into(),
                due: as_of - Months::new(2),
                done: Some(as_of - Months::new(2)),
            },
            AgencyAction {
                title: "Early permanence offer".into(),
                owner: "Service Manager".into(),
                due: as_of + Months::new(4),
                done: None,
            },
        ],
        meetings: (1..=6).map(|m| meeting(m, m as usize)).rev().collect(),
        liaison: vec![("Permanence".into(), as_of - Days::new(7))],
        overseas_enquiries: vec![as_of - Days::new(20)],
        support_offer_link: "https://adoption.example.org/support".into(),
        // ADOPT-055: the approvals target of this financial year and the last.
        approval_targets: vec![(financial_year(as_of) - 1, 12), (financial_year(as_of), 12)],
        // ADOPT-046: four newsletters and two events a year, the latest
        // still to come this year.
        adopter_offer: (1..=12)
            .filter_map(|m| {
                let date = as_of.checked_sub_months(Months::new(m * 3))?;
                Some(domain::adoption::raa::AdopterOffer {
                    date,
                    newsletter: true,
                    title: "Adopters' newsletter".into(),
                })
            })
            .chain((0..4).filter_map(|y| {
                let date = as_of.checked_sub_months(Months::new(2 + y * 6))?;
                Some(domain::adoption::raa::AdopterOffer {
                    date,
                    newsletter: false,
                    title: if y % 2 == 0 {
                        "Summer picnic"
                    } else {
                        "Christmas party"
                    }
                    .into(),
                })
            }))
            .collect(),
    }
}

/// The year the financial year of `day` starts in (April).
fn financial_year(day: NaiveDate) -> i32 {
    use chrono::Datelike;
    day.year() - i32::from(day.month() < 4)
}

fn step(p: &mut ChildPathway, s: PathwayStep, as_of: NaiveDate) {
    p.apply(s, as_of).expect("a demo pathway step is valid");
}

fn find(p: &mut ChildPathway, s: FindingStep, as_of: NaiveDate) {
    step(p, PathwayStep::FamilyFinding(s), as_of);
}

/// The pathway of a child at `stage` (0..STAGES), the order made `order` ago.
fn pathway(journey: &CareJourney, stage: usize, as_of: NaiveDate) -> ChildPathway {
    let id = journey.child().id.to_string();
    let mut p = ChildPathway::new(&id);
    let entered = journey
        .episodes()
        .first()
        .map_or(as_of - Months::new(24), |e| e.start)
        .min(as_of - Months::new(14));
    let at = |months: u32| (entered + Months::new(months)).min(as_of);
    let milestone = |p: &mut ChildPathway, m: Milestone, d: NaiveDate| {
        step(p, PathwayStep::Milestone(m, d), as_of)
    };
    step(
        &mut p,
        PathwayStep::Details {
            council: HOME.into(),
            relinquished: stage == 10,
            birth_parents: 2,
            siblings: u8::from(stage % 4 == 1),
        },
        as_of,
    );
    milestone(&mut p, Milestone::EnteredCare, entered);
    milestone(&mut p, Milestone::PackA, at(2));
    if stage % 4 == 1 {
        step(&mut p, PathwayStep::SiblingAssessment(at(2)), as_of);
    }
    step(
        &mut p,
        PathwayStep::Cpr(Cpr {
            date: at(3),
            by_permanence_team: true,
            is_final: stage > 0,
            staying_in_touch: stage != 2,
        }),
        as_of,
    );
    if stage == 0 {
        step(
            &mut p,
            PathwayStep::Cdm {
                date: at(1),
                ffa_considered: false,
            },
            as_of,
        );
        return p;
    }
    step(
        &mut p,
        PathwayStep::FamilyOptions(FamilyOptions::Evidenced),
        as_of,
    );
    step(
        &mut p,
        PathwayStep::Readiness(Readiness {
            review_of_arrangements: Some(at(3)),
            service_manager_oversight: true,
            assessments_concluded: true,
            cpr_quality_assured: true,
        }),
        as_of,
    );
    step(&mut p, PathwayStep::SubmitToAdm(at(3)), as_of);
    milestone(&mut p, Milestone::Proposed, at(3));
    if stage == 10 {
        step(&mut p, PathwayStep::PanelRecommendation(at(4)), as_of);
    }
    if stage == 1 {
        return p;
    }
    step(
        &mut p,
        PathwayStep::BestInterest {
            date: at(4),
            review: false,
            by: "agency-decision-maker.demo".into(),
        },
        as_of,
    );
    if stage == 2 {
        milestone(
            &mut p,
            Milestone::ExpectedFinalHearing,
            as_of + Days::new(14),
        );
        return p;
    }
    // Stages 3 and on: the order made, family finding under way.
    let order = if stage == 4 {
        as_of - Months::new(8)
    } else {
        at(6).min(as_of - Months::new(2))
    };
    milestone(&mut p, Milestone::PlacementOrder, order);
    // ADOPT-040: the Permanence Team holds the child from the order (one
    // child at stage 3 still waits for the allocation).
    if stage != 3 {
        milestone(&mut p, Milestone::PermanenceTeamAllocated, order);
    }
    find(
        &mut p,
        FindingStep::Profile(Profile {
            photos: if stage == 3 { 6 } else { 8 },
            video: stage != 3,
            consent: true,
            updated: None,
        }),
        as_of,
    );
    find(
        &mut p,
        FindingStep::Search(SearchLevel::InHouse, order),
        as_of,
    );
    find(
        &mut p,
        FindingStep::Search(SearchLevel::Regional, order + Days::new(14)),
        as_of,
    );
    let mut month = order;
    while month < as_of {
        if !(stage == 3 && month + Months::new(2) > as_of && month + Months::new(1) <= as_of) {
            find(
                &mut p,
                FindingStep::MonthlyLog(
                    month,
                    vec![Activity::AdoptersConsidered, Activity::RegionalMeeting],
                ),
                as_of,
            );
        }
        find(&mut p, FindingStep::Discussion(month), as_of);
        month = month + Months::new(1);
    }
    find(
        &mut p,
        FindingStep::Event(
            EventKind::Discovery,
            (as_of - Days::new(1)).and_hms_opt(9, 0, 0).expect("a time"),
        ),
        as_of,
    );
    if stage == 4 {
        find(
            &mut p,
            FindingStep::Waiting(WaitingReason::SiblingGroup),
            as_of,
        );
        find(
            &mut p,
            FindingStep::Search(SearchLevel::National, order + Months::new(3)),
            as_of,
        );
    }
    if stage <= 4 {
        return p;
    }
    if stage == 9 {
        step(
            &mut p,
            PathwayStep::ChangeOfPlan {
                date: as_of - Days::new(20),
                route: NewRoute::SgoWithFosterCarer,
                parents_leave_to_revoke: None,
            },
            as_of,
        );
        return p;
    }
    let source = [
        AdopterSource::OwnCouncil,
        AdopterSource::RegionalPartner,
        AdopterSource::Vaa,
        AdopterSource::OwnCouncil,
        AdopterSource::OtherRaa,
    ][(stage - 5) % 5];
    find(
        &mut p,
        FindingStep::PlacedWith(PlacedWith {
            source,
            early_permanence: None,
        }),
        as_of,
    );
    let matched = (order + Months::new(1)).min(as_of - Days::new(30));
    milestone(&mut p, Milestone::MatchRatified, matched);
    if stage == 5 {
        return p;
    }
    milestone(&mut p, Milestone::Placed, matched + Days::new(14));
    if stage == 8 || stage == 10 {
        milestone(&mut p, Milestone::AdoptionOrder, matched + Days::new(28));
    }
    // ADOPT-049: the adopted child at stage 8 has their life story book;
    // the relinquished baby's is outstanding.
    if stage == 8 {
        milestone(&mut p, Milestone::LifeStoryBook, matched + Days::new(28));
    }
    p
}

/// The pathways of the demo's youngest children in care, one stage each
/// in turn (children under a placement order first).
pub fn pathways(journeys: &[CareJourney], as_of: NaiveDate) -> Vec<ChildPathway> {
    let mut chosen: Vec<&CareJourney> = journeys
        .iter()
        .filter(|j| {
            domain::time::age_on(j.child().date_of_birth, as_of) < 8
                && j.current_episode().is_some()
        })
        .collect();
    chosen.sort_by_key(|j| {
        let ordered = j
            .episodes()
            .iter()
            .any(|e| e.legal_status == LegalStatus::PlacementOrder);
        (!ordered, j.child().id.to_string())
    });
    chosen
        .into_iter()
        .take(STAGES * 2)
        .enumerate()
        .map(|(i, j)| pathway(j, i % STAGES, as_of))
        .collect()
}
