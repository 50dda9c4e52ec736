//! The child's adoption pathway and the regional adoption agency on both
//! backends: each step of the pathway refusing what its rule forbids with
//! nothing changed, what the record says about itself on a date, and the
//! agency's record, figures per council and lists of children.

use app::AppError;
use app::adoption;
use chrono::NaiveDate;
use domain::access::User;
use domain::adoption::child_pathway::{
    Cpr, FamilyOptions, Milestone, NewRoute, PathwayStep, Readiness, Tracks,
};
use domain::adoption::family_finding::{
    Activity, AdopterSource, EarlyPermanence, EventKind, FindingStep, PlacedWith, Profile,
    SearchLevel, WaitingReason,
};
use domain::adoption::raa::{
    AgencyAction, AgencyStep, BoardDecision, Discussed, Member, RegionalAgency, RegionalMeeting,
    Workstream,
};
use domain::adoption::raa_figures::ChildList;
use domain::audit::Actor;
use domain::child::{Child, ChildId, PersonName};
use domain::codes::{
    CategoryOfNeed, Ethnicity, LegalStatus, PlacementProvider, PlacementType, Sex,
};
use domain::journey::{Admission, Placement};
use domain::roles::Role;
use domain::time::parse_iso_date;
use store::{AuditFilter, AuditLog, Store};
use test_support::FixedClock;

const HOME: &str = "Leicestershire";

fn d(s: &str) -> NaiveDate {
    parse_iso_date("test date", s).unwrap()
}

fn user(role: Role) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: None,
        worker_id: None,
    }
}

fn finder() -> User {
    user(Role::FamilyFinder)
}

fn adm() -> User {
    user(Role::AgencyDecisionMaker)
}

fn manager() -> User {
    user(Role::ServiceManager)
}

/// A regional agency of three councils (and two with dates to test).
fn agency() -> RegionalAgency {
    let member = |council: &str, joined: &str, left: Option<&str>| Member {
        council: council.into(),
        joined: d(joined),
        left: left.map(d),
        host: council == "Lincolnshire",
    };
    RegionalAgency {
        name: "Family Adoption Links".into(),
        home: HOME.into(),
        commenced: d("2020-10-14"),
        former_names: vec![(
            d("2019-03-31"),
            "Leicestershire and Rutland Adoption Agency".into(),
        )],
        members: vec![
            member(HOME, "2020-10-14", None),
            member("Lincolnshire", "2020-10-14", None),
            member("Leicester City", "2020-10-14", None),
            member("Northamptonshire", "2022-01-01", None),
            member("Rutland", "2000-01-01", Some("2019-03-31")),
        ],
        support_offer_link: "https://example.org/support".into(),
        ..Default::default()
    }
}

/// A child born on `born` in care from `admitted`, and the agency's record.
fn child(store: &Store, id: &str, born: &str, admitted: &str) -> ChildId {
    let child = Child {
        id: ChildId::parse(id).unwrap(),
        name: PersonName::parse("Maisie", "Testcase").unwrap(),
        sex: Sex::Female,
        date_of_birth: d(born),
        ethnicity: Ethnicity::WhiteBritish,
        pupil_number: None,
        disabled: false,
        uasc: None,
    };
    let admission = Admission {
        start: d(admitted),
        legal_status: LegalStatus::InterimCareOrder,
        category_of_need: CategoryOfNeed::AbuseOrNeglect,
        placement: Placement {
            placement_type: PlacementType::FosterOther,
            provider: Some(PlacementProvider::OwnProvision),
            postcode: None,
            urn: None,
        },
        home_postcode: None,
    };
    let clock = FixedClock::on(admitted);
    app::admit_to_care(
        store,
        &Actor::new("sw.test"),
        &clock,
        child.clone(),
        admission,
    )
    .unwrap();
    let _ = adoption::load_regional_agency(store, &Actor::new("demo"), &clock, &agency());
    child.id
}

fn version(store: &Store, id: &ChildId) -> i64 {
    adoption::open_pathway(store, &manager(), &FixedClock::on("2030-01-01"), id, "test")
        .unwrap()
        .pathway
        .version
}

fn step_as(
    store: &Store,
    who: &User,
    on: &str,
    id: &ChildId,
    step: PathwayStep,
) -> Result<i64, AppError> {
    let v = version(store, id);
    adoption::record_pathway_step(store, who, &FixedClock::on(on), (id, v), step, "test")
}

fn step(store: &Store, on: &str, id: &ChildId, step: PathwayStep) {
    step_as(store, &finder(), on, id, step).unwrap();
}

fn finding(store: &Store, on: &str, id: &ChildId, s: FindingStep) -> Result<i64, AppError> {
    step_as(store, &finder(), on, id, PathwayStep::FamilyFinding(s))
}

fn date(store: &Store, id: &ChildId, m: Milestone, on: &str) {
    step(store, on, id, PathwayStep::Milestone(m, d(on)));
}

/// How many audit events record `action`.
fn audits(store: &Store, action: &str) -> usize {
    store
        .read(|tx| {
            tx.events(&AuditFilter {
                action: Some(action.into()),
                ..Default::default()
            })
        })
        .unwrap()
        .len()
}

/// The findings of the child's pathway on `on` with `rule`.
fn says(store: &Store, id: &ChildId, on: &str, rule: &str) -> Vec<(String, bool)> {
    adoption::open_pathway(store, &finder(), &FixedClock::on(on), id, "test")
        .unwrap()
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.text, f.flag))
        .collect()
}

/// A plan ready for the ADM and submitted on `on`.
fn ready_and_submitted(store: &Store, id: &ChildId, on: &str) {
    step(
        store,
        on,
        id,
        PathwayStep::FamilyOptions(FamilyOptions::Evidenced),
    );
    step(
        store,
        on,
        id,
        PathwayStep::Readiness(Readiness {
            review_of_arrangements: Some(d(on)),
            service_manager_oversight: true,
            assessments_concluded: true,
            cpr_quality_assured: true,
        }),
    );
    step(store, on, id, PathwayStep::SubmitToAdm(d(on)));
}

fn decide(store: &Store, id: &ChildId, on: &str) {
    step_as(
        store,
        &adm(),
        on,
        id,
        PathwayStep::BestInterest {
            date: d(on),
            review: false,
            by: "adm".into(),
        },
    )
    .unwrap();
}

fn figures(store: &Store, from: &str, to: &str) -> adoption::AgencyFigures {
    adoption::agency_figures(
        store,
        &manager(),
        &FixedClock::on(to),
        (d(from), d(to)),
        "test",
    )
    .unwrap()
}

fn listed(store: &Store, list: ChildList, on: &str) -> Vec<String> {
    figures(store, "2000-01-01", on)
        .lists
        .into_iter()
        .find(|(l, _)| *l == list)
        .unwrap()
        .1
        .into_iter()
        .map(|c| c.child_id)
        .collect()
}

fn agency_step(store: &Store, who: &User, on: &str, s: AgencyStep) -> Result<i64, AppError> {
    let v = adoption::regional_agency(store, &manager())
        .unwrap()
        .version;
    adoption::record_agency_step(store, who, &FixedClock::on(on), v, s, "test")
}

fn placed_with(store: &Store, id: &ChildId, on: &str, source: AdopterSource) {
    finding(
        store,
        on,
        id,
        FindingStep::PlacedWith(PlacedWith {
            source,
            early_permanence: None,
        }),
    )
    .unwrap();
    date(store, id, Milestone::MatchRatified, on);
    date(store, id, Milestone::Placed, on);
}

fn meeting(
    on: &str,
    council: &str,
    reference: &str,
    (matched, placed): (bool, bool),
) -> AgencyStep {
    AgencyStep::Meeting(RegionalMeeting {
        date: d(on),
        discussed: vec![Discussed {
            council: council.into(),
            reference: reference.into(),
            match_identified: matched,
            placement_made: placed,
        }],
    })
}

test_support::on_both_backends! {
    fn adopt_001_a_plan_without_family_options_needs_a_reason_to_proceed(db) {
        let s = &db.store;
        let c = child(s, "C1", "2023-01-01", "2024-01-10");
        step(s, "2024-06-01", &c, PathwayStep::Readiness(Readiness { review_of_arrangements: Some(d("2024-06-01")), service_manager_oversight: true, assessments_concluded: true, cpr_quality_assured: true }));
        assert_eq!(says(s, &c, "2024-06-01", "ADOPT-001"), vec![("Family options not evidenced".into(), true)]);
        let v = version(s, &c);
        let err = step_as(s, &finder(), "2024-06-02", &c, PathwayStep::SubmitToAdm(d("2024-06-02"))).unwrap_err();
        assert!(err.to_string().contains("family options not evidenced"), "{err}");
        assert_eq!(version(s, &c), v, "nothing changed");
        step(s, "2024-06-02", &c, PathwayStep::FamilyOptions(FamilyOptions::ProceedUnsafe));
        step(s, "2024-06-02", &c, PathwayStep::SubmitToAdm(d("2024-06-02")));
        assert!(!says(s, &c, "2024-06-02", "ADOPT-001")[0].1);
    }

    fn adopt_002_the_tracker_starts_at_the_pack_a_request(db) {
        let s = &db.store;
        let c = child(s, "C1", "2023-01-01", "2024-01-10");
        date(s, &c, Milestone::PackA, "2024-06-03");
        assert!(says(s, &c, "2024-06-03", "ADOPT-002")[0].0.contains("2024-06-03"));
        assert_eq!(listed(s, ChildList::ImprovementCycle, "2024-06-30"), vec!["C1"]);
        assert!(listed(s, ChildList::ImprovementCycle, "2024-05-31").is_empty());
    }

    fn adopt_003_fostering_for_adoption_is_considered_after_the_cdm_decision(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-02-01", "2025-01-10");
        step(s, "2025-02-10", &c, PathwayStep::Cdm { date: d("2025-02-10"), ffa_considered: false });
        assert!(says(s, &c, "2025-02-10", "ADOPT-003")[0].1);
        step(s, "2025-03-10", &c, PathwayStep::Cdm { date: d("2025-02-10"), ffa_considered: true });
        assert!(says(s, &c, "2025-03-10", "ADOPT-003").is_empty());
    }

    fn adopt_004_a_triple_tracked_plan_needs_a_permanence_team_co_allocation(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-02-01", "2025-01-10");
        let tracks = Tracks { recorded: Some(d("2025-03-01")), parents: true, wider_family: true, adoption: true, co_allocated: None };
        step(s, "2025-03-01", &c, PathwayStep::Tracks(tracks.clone()));
        assert!(says(s, &c, "2025-03-01", "ADOPT-004")[0].1);
        step(s, "2025-03-01", &c, PathwayStep::Tracks(Tracks { co_allocated: Some(d("2025-03-01")), ..tracks }));
        assert!(says(s, &c, "2025-03-01", "ADOPT-004").is_empty());
    }

    fn adopt_005_teams_without_a_liaison_meeting_in_the_month_are_listed(db) {
        let s = &db.store;
        child(s, "C1", "2024-02-01", "2025-01-10");
        agency_step(s, &manager(), "2025-05-20", AgencyStep::Liaison("Locality North".into(), d("2025-05-20"))).unwrap();
        let figures = figures(s, "2025-05-01", "2025-05-31");
        assert!(!figures.liaison_missing.contains(&"Locality North".to_owned()));
        let agency = adoption::regional_agency(s, &manager()).unwrap().value;
        let teams = vec!["Locality North".to_owned(), "Locality X".to_owned()];
        assert_eq!(agency.liaison_missing(&teams, d("2025-05-31")), vec![&teams[1]]);
        // A social worker may not keep the agency's record.
        let err = agency_step(s, &user(Role::SocialWorker), "2025-05-20", AgencyStep::Liaison("Locality X".into(), d("2025-05-20"))).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)));
    }

    fn adopt_006_a_final_cpr_outside_the_permanence_team_is_flagged(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-02-01", "2025-01-10");
        step(s, "2025-04-01", &c, PathwayStep::Cpr(Cpr { date: d("2025-04-01"), by_permanence_team: false, is_final: true, staying_in_touch: true }));
        assert!(says(s, &c, "2025-04-01", "ADOPT-006")[0].1);
    }

    fn adopt_007_submission_to_the_adm_is_blocked_while_the_roa_is_outstanding(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-02-01", "2025-01-10");
        step(s, "2025-04-01", &c, PathwayStep::FamilyOptions(FamilyOptions::Evidenced));
        let v = version(s, &c);
        let err = step_as(s, &finder(), "2025-04-01", &c, PathwayStep::SubmitToAdm(d("2025-04-01"))).unwrap_err();
        assert!(err.to_string().contains("ROA outstanding"), "{err}");
        assert_eq!(version(s, &c), v);
        // A stale version is refused.
        let stale = adoption::record_pathway_step(s, &finder(), &FixedClock::on("2025-04-01"), (&c, v - 1), PathwayStep::SubmitToAdm(d("2025-04-01")), "test").unwrap_err();
        assert!(matches!(stale, AppError::Store(_)), "{stale}");
    }

    fn adopt_008_the_adm_decides_and_may_review_the_decision(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-02-01", "2025-01-10");
        ready_and_submitted(s, &c, "2025-02-01");
        decide(s, &c, "2025-02-10");
        step_as(s, &adm(), "2025-03-10", &c, PathwayStep::BestInterest { date: d("2025-03-10"), review: true, by: "adm".into() }).unwrap();
        let said = says(s, &c, "2025-03-10", "ADOPT-008");
        assert!(said[1].0.contains("reviews the decision of 2025-02-10"), "{said:?}");
        let f = figures(s, "2024-04-01", "2025-03-31");
        let all = f.councils.last().unwrap();
        assert_eq!((all.decisions, all.awaiting_order), (1, 1));
        let events = s.read(|tx| tx.events(&AuditFilter { action: Some("adoption.pathway.best_interest_decision".into()), ..Default::default() })).unwrap();
        assert_eq!(events.len(), 2);
        assert!(!events[0].details.contains("Maisie"));
    }

    fn adopt_010_the_intervals_come_from_the_recorded_dates(db) {
        let s = &db.store;
        let c = child(s, "C1", "2022-02-01", "2023-05-02");
        date(s, &c, Milestone::EnteredCare, "2023-05-02");
        ready_and_submitted(s, &c, "2024-01-10");
        decide(s, &c, "2024-01-15");
        date(s, &c, Milestone::PlacementOrder, "2024-05-06");
        let said = says(s, &c, "2024-05-06", "ADOPT-010");
        assert!(said.iter().any(|(t, _)| t.contains("258 days")), "{said:?}");
        assert!(said.iter().any(|(t, _)| t.contains("112 days")), "{said:?}");
    }

    fn adopt_011_a_relinquished_childs_plan_goes_to_the_panel_before_the_adm(db) {
        let s = &db.store;
        let c = child(s, "C1", "2025-01-01", "2025-01-10");
        step(s, "2025-01-10", &c, PathwayStep::Details { council: HOME.into(), relinquished: true, birth_parents: 1, siblings: 0 });
        let err = step_as(s, &adm(), "2025-02-01", &c, PathwayStep::BestInterest { date: d("2025-02-01"), review: false, by: "adm".into() }).unwrap_err();
        assert!(err.to_string().contains("adoption panel's recommendation"), "{err}");
        step(s, "2025-02-01", &c, PathwayStep::PanelRecommendation(d("2025-02-01")));
        decide(s, &c, "2025-02-05");
        assert!(says(s, &c, "2025-02-05", "ADOPT-011").is_empty());
    }

    fn adopt_012_the_decision_opens_support_for_each_birth_parent(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        step(s, "2025-01-10", &c, PathwayStep::Details { council: HOME.into(), relinquished: false, birth_parents: 2, siblings: 0 });
        ready_and_submitted(s, &c, "2025-01-15");
        decide(s, &c, "2025-01-20");
        let said = says(s, &c, "2025-01-20", "ADOPT-012");
        assert_eq!(said.len(), 2);
        assert!(said[0].0.contains("due 2025-01-20") && said[0].0.contains("6 counselling sessions"), "{said:?}");
    }

    fn assess_007_the_adms_decision_records_an_offer_of_a_support_assessment_for_each_birth_parent(db) {
        use domain::adoption::child_pathway::AssessmentOffer;
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        step(s, "2025-01-10", &c, PathwayStep::Details { council: HOME.into(), relinquished: false, birth_parents: 2, siblings: 0 });
        // Before the ADM ratifies the plan there is no offer to answer.
        let answer = |parent, status| PathwayStep::AssessmentOffer { parent, status };
        let early = step_as(s, &finder(), "2025-01-20", &c, answer(1, AssessmentOffer::Accepted)).unwrap_err();
        assert!(early.to_string().starts_with("parent: no offer is recorded for birth parent 1"), "{early}");
        ready_and_submitted(s, &c, "2025-01-27");
        decide(s, &c, "2025-02-03");
        let offers = |on: &str| -> Vec<(u8, AssessmentOffer)> {
            adoption::open_pathway(s, &finder(), &FixedClock::on(on), &c, "test").unwrap()
                .pathway.value.support.iter().map(|p| (p.parent, p.assessment_offer)).collect()
        };
        assert_eq!(offers("2025-02-03"), vec![(1, AssessmentOffer::Offered), (2, AssessmentOffer::Offered)]);
        // Each birth parent's answer is kept against them.
        step(s, "2025-02-10", &c, answer(1, AssessmentOffer::Accepted));
        step(s, "2025-02-12", &c, answer(2, AssessmentOffer::NotContactable));
        assert_eq!(offers("2025-02-12"), vec![(1, AssessmentOffer::Accepted), (2, AssessmentOffer::NotContactable)]);
        let said = says(s, &c, "2025-02-12", "ADOPT-012");
        assert!(said[1].0.ends_with("offer of a support assessment: not contactable"), "{said:?}");
        // No third birth parent.
        let err = step_as(s, &finder(), "2025-02-12", &c, answer(3, AssessmentOffer::Declined)).unwrap_err();
        assert!(err.to_string().starts_with("parent:"), "{err}");
        assert_eq!(audits(s, "adoption.pathway.assessment_offer"), 2);
    }

    fn adopt_013_the_placement_order_starts_family_finding_and_the_full_profile(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        assert!(says(s, &c, "2025-02-01", "ADOPT-013")[0].0.contains("not started; profile anonymous"));
        date(s, &c, Milestone::PlacementOrder, "2025-02-03");
        assert!(says(s, &c, "2025-02-03", "ADOPT-013")[0].0.contains("active; profile full"));
        finding(s, "2025-02-04", &c, FindingStep::Pause(true)).unwrap();
        assert!(says(s, &c, "2025-02-04", "ADOPT-013")[0].0.contains("paused"));
    }

    fn adopt_014_the_regional_tracker_opens_four_weeks_before_the_final_hearing(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        date(s, &c, Milestone::ExpectedFinalHearing, "2025-06-30");
        assert!(listed(s, ChildList::RegionalTracker, "2025-06-01").is_empty());
        assert_eq!(listed(s, ChildList::RegionalTracker, "2025-06-02"), vec![c.to_string()]);
    }

    fn adopt_015_an_interagency_match_shows_the_earlier_searches(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        date(s, &c, Milestone::PlacementOrder, "2025-01-06");
        finding(s, "2025-04-01", &c, FindingStep::PlacedWith(PlacedWith { source: AdopterSource::Vaa, early_permanence: None })).unwrap();
        assert!(says(s, &c, "2025-04-01", "ADOPT-015")[0].1);
        finding(s, "2025-04-01", &c, FindingStep::Search(SearchLevel::InHouse, d("2025-01-10"))).unwrap();
        finding(s, "2025-04-01", &c, FindingStep::Search(SearchLevel::Regional, d("2025-02-10"))).unwrap();
        assert!(says(s, &c, "2025-04-01", "ADOPT-015").is_empty());
    }

    fn adopt_019_a_waiting_child_discussed_once_in_the_month_is_flagged(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        date(s, &c, Milestone::PlacementOrder, "2025-03-03");
        finding(s, "2025-04-10", &c, FindingStep::Discussion(d("2025-04-10"))).unwrap();
        assert_eq!(listed(s, ChildList::FewerThanTwoDiscussions, "2025-04-30"), vec!["C1"]);
        finding(s, "2025-04-24", &c, FindingStep::Discussion(d("2025-04-24"))).unwrap();
        assert!(listed(s, ChildList::FewerThanTwoDiscussions, "2025-04-30").is_empty());
    }

    fn adopt_020_a_month_without_its_family_finding_update_is_listed(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        date(s, &c, Milestone::PlacementOrder, "2025-01-06");
        finding(s, "2025-01-31", &c, FindingStep::MonthlyLog(d("2025-01-31"), vec![Activity::ProfileUpdated])).unwrap();
        assert_eq!(listed(s, ChildList::MissingMonthlyUpdate, "2025-03-01"), vec!["C1"]);
        let err = finding(s, "2025-02-28", &c, FindingStep::MonthlyLog(d("2025-02-28"), Vec::new())).unwrap_err();
        assert!(err.to_string().contains("activities"), "{err}");
        finding(s, "2025-02-28", &c, FindingStep::MonthlyLog(d("2025-02-28"), vec![Activity::RegionalMeeting])).unwrap();
        assert!(listed(s, ChildList::MissingMonthlyUpdate, "2025-03-01").is_empty());
    }

    fn adopt_022_a_profile_without_eight_photos_and_a_video_is_below_standard(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        date(s, &c, Milestone::PlacementOrder, "2025-01-06");
        let err = finding(s, "2025-01-07", &c, FindingStep::Profile(Profile { photos: 8, video: true, consent: false, updated: None })).unwrap_err();
        assert!(err.to_string().contains("consent"), "{err}");
        finding(s, "2025-01-07", &c, FindingStep::Profile(Profile { photos: 6, video: false, consent: true, updated: None })).unwrap();
        assert!(says(s, &c, "2025-01-07", "ADOPT-022")[0].0.contains("below standard"));
        finding(s, "2025-01-08", &c, FindingStep::Profile(Profile { photos: 8, video: true, consent: true, updated: None })).unwrap();
        assert!(says(s, &c, "2025-01-08", "ADOPT-022").is_empty());
    }

    fn adopt_023_a_discovery_event_link_lasts_three_days(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        let at = d("2025-05-12").and_hms_opt(9, 0, 0).unwrap();
        finding(s, "2025-05-12", &c, FindingStep::Event(EventKind::Discovery, at)).unwrap();
        assert!(says(s, &c, "2025-05-12", "ADOPT-023")[0].0.contains("link until 2025-05-15 09:00"));
    }

    fn adopt_024_a_child_of_five_is_harder_to_place(db) {
        let s = &db.store;
        let c = child(s, "C1", "2019-11-02", "2024-06-10");
        assert!(says(s, &c, "2024-11-01", "ADOPT-024").is_empty());
        assert_eq!(says(s, &c, "2025-01-01", "ADOPT-024").len(), 1);
    }

    fn adopt_025_children_waiting_six_months_from_the_order_are_on_the_register(db) {
        let s = &db.store;
        let c = child(s, "C1", "2022-01-01", "2023-06-10");
        date(s, &c, Milestone::PlacementOrder, "2024-03-08");
        let later = child(s, "C2", "2022-01-01", "2023-06-10");
        date(s, &later, Milestone::PlacementOrder, "2024-12-01");
        finding(s, "2025-01-01", &c, FindingStep::Waiting(WaitingReason::HealthUncertainties)).unwrap();
        let register = figures(s, "2024-04-01", "2025-03-31").lists.into_iter().find(|(l, _)| *l == ChildList::WaitingOverSixMonths).unwrap().1;
        assert_eq!(register.len(), 1);
        assert_eq!((register[0].child_id.as_str(), register[0].note.as_str(), register[0].sex.as_str()), ("C1", "Health uncertainties", "Female"));
        assert_eq!(register[0].placement_order, Some(d("2024-03-08")));
    }

    fn adopt_026_a_change_of_plan_opens_the_revocation_and_leaves_family_finding(db) {
        let s = &db.store;
        let c = child(s, "C1", "2022-01-01", "2023-06-10");
        date(s, &c, Milestone::PlacementOrder, "2024-03-08");
        let other = child(s, "C2", "2022-01-01", "2023-06-10");
        date(s, &other, Milestone::PlacementOrder, "2024-03-08");
        step(s, "2025-01-10", &c, PathwayStep::ChangeOfPlan { date: d("2025-01-10"), route: NewRoute::SgoWithFosterCarer, parents_leave_to_revoke: Some(d("2025-02-01")) });
        assert!(says(s, &c, "2025-01-10", "ADOPT-026")[0].0.contains("revocation application open"));
        let all = figures(s, "2024-04-01", "2025-03-31").councils.pop().unwrap();
        assert_eq!((all.unplaced_with_order, all.revocation, all.actively_finding), (2, 1, 1));
    }

    fn adopt_050_a_sibling_group_needs_its_sibling_assessment(db) {
        let s = &db.store;
        let c = child(s, "C1", "2022-01-01", "2023-06-10");
        step(s, "2024-01-10", &c, PathwayStep::Details { council: HOME.into(), relinquished: false, birth_parents: 0, siblings: 1 });
        assert_eq!(says(s, &c, "2024-01-10", "ADOPT-050"), vec![("Sibling assessment required".into(), true)]);
        step(s, "2024-01-20", &c, PathwayStep::SiblingAssessment(d("2024-01-20")));
        assert!(says(s, &c, "2024-01-20", "ADOPT-050").is_empty());
    }

    fn adopt_052_an_overseas_enquiry_is_routed_to_the_service_manager(db) {
        let s = &db.store;
        child(s, "C1", "2022-01-01", "2023-06-10");
        agency_step(s, &manager(), "2025-10-01", AgencyStep::OverseasEnquiry(d("2025-10-01"))).unwrap();
        let a = adoption::regional_agency(s, &manager()).unwrap().value;
        assert_eq!(a.overseas_enquiries, vec![d("2025-10-01")]);
        let events = s.read(|tx| tx.events(&AuditFilter { action: Some("raa.overseas_enquiry".into()), ..Default::default() })).unwrap();
        assert_eq!(events.len(), 1);
    }

    fn adopt_062_placements_are_counted_by_the_placing_council(db) {
        let s = &db.store;
        let a = child(s, "C1", "2022-01-01", "2023-06-10");
        let b = child(s, "C2", "2022-01-01", "2023-06-10");
        step(s, "2024-01-10", &b, PathwayStep::Details { council: "Lincolnshire".into(), relinquished: false, birth_parents: 0, siblings: 0 });
        placed_with(s, &a, "2024-06-01", AdopterSource::OwnCouncil);
        placed_with(s, &b, "2024-06-01", AdopterSource::OwnCouncil);
        let f = figures(s, "2024-04-01", "2025-03-31");
        let of = |c: &str| f.councils.iter().find(|x| x.council == c).unwrap().placed;
        assert_eq!((of(HOME), of("Lincolnshire"), of("Leicester City"), of("All councils")), (1, 1, 0, 2));
        let err = step_as(s, &finder(), "2024-01-10", &b, PathwayStep::Details { council: "Nowhere".into(), relinquished: false, birth_parents: 0, siblings: 0 }).unwrap_err();
        assert!(err.to_string().contains("not a member"), "{err}");
    }

    fn raa_001_a_partner_is_a_member_only_from_its_joining(db) {
        let s = &db.store;
        child(s, "C1", "2022-01-01", "2023-06-10");
        let err = agency_step(s, &manager(), "2021-11-01", meeting("2021-11-01", "Northamptonshire", "N-1", (true, false))).unwrap_err();
        assert!(err.to_string().contains("joined on 2022-01-01"), "{err}");
        let err = agency_step(s, &manager(), "2020-09-01", meeting("2020-09-01", "Lincolnshire", "L-1", (true, false))).unwrap_err();
        assert!(err.to_string().contains("began on 2020-10-14"), "{err}");
        agency_step(s, &manager(), "2022-02-01", meeting("2022-02-01", "Northamptonshire", "N-1", (true, false))).unwrap();
    }

    fn raa_002_the_best_interest_decision_stays_with_the_childs_own_council(db) {
        let s = &db.store;
        let c = child(s, "C1", "2022-01-01", "2023-06-10");
        ready_and_submitted(s, &c, "2024-01-10");
        let err = step_as(s, &finder(), "2024-01-11", &c, PathwayStep::BestInterest { date: d("2024-01-11"), review: false, by: "x".into() }).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        step(s, "2024-01-11", &c, PathwayStep::Details { council: "Lincolnshire".into(), relinquished: false, birth_parents: 0, siblings: 0 });
        let err = step_as(s, &adm(), "2024-01-11", &c, PathwayStep::BestInterest { date: d("2024-01-11"), review: false, by: "adm".into() }).unwrap_err();
        assert!(err.to_string().contains("Lincolnshire's agency decision maker"), "{err}");
    }

    fn raa_003_a_board_decision_with_a_dissenting_partner_is_not_agreed(db) {
        let s = &db.store;
        child(s, "C1", "2022-01-01", "2023-06-10");
        agency_step(s, &manager(), "2025-01-10", AgencyStep::Board(BoardDecision { date: d("2025-01-10"), topic: "Shared fees".into(), dissenting: vec!["Lincolnshire".into()] })).unwrap();
        agency_step(s, &manager(), "2025-01-10", AgencyStep::Board(BoardDecision { date: d("2025-01-10"), topic: "Training hub".into(), dissenting: Vec::new() })).unwrap();
        let a = adoption::regional_agency(s, &manager()).unwrap().value;
        assert_eq!(a.board.iter().map(|b| b.status()).collect::<Vec<_>>(), vec!["not agreed", "agreed"]);
    }

    fn raa_004_each_workstream_has_a_lead_and_a_frequency(db) {
        let s = &db.store;
        child(s, "C1", "2022-01-01", "2023-06-10");
        let err = agency_step(s, &manager(), "2025-01-10", AgencyStep::Workstream(Workstream { name: "Keeping in Touch".into(), lead: String::new(), every_months: 2 })).unwrap_err();
        assert!(err.to_string().contains("lead"), "{err}");
        agency_step(s, &manager(), "2025-01-10", AgencyStep::Workstream(Workstream { name: "Keeping in Touch".into(), lead: "Lincolnshire".into(), every_months: 2 })).unwrap();
        let a = adoption::regional_agency(s, &manager()).unwrap().value;
        assert_eq!((a.workstreams[0].lead.as_str(), a.workstreams[0].every_months), ("Lincolnshire", 2));
    }

    fn raa_005_a_ratified_match_takes_the_child_off_the_regional_tracker(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        date(s, &c, Milestone::PlacementOrder, "2025-02-03");
        assert_eq!(listed(s, ChildList::RegionalTracker, "2025-04-30"), vec!["C1"]);
        date(s, &c, Milestone::MatchRatified, "2025-05-01");
        assert!(listed(s, ChildList::RegionalTracker, "2025-05-01").is_empty());
        // A family finder records the regional meeting that discussed the child.
        agency_step(s, &finder(), "2025-04-15", meeting("2025-04-15", HOME, "C1", (true, false))).unwrap();
    }

    fn raa_006_the_share_placed_within_the_region(db) {
        let s = &db.store;
        let sources = [AdopterSource::OwnCouncil, AdopterSource::RegionalPartner, AdopterSource::Vaa];
        for (i, source) in sources.into_iter().enumerate() {
            let c = child(s, &format!("C{}", i + 1), "2022-01-01", "2023-06-10");
            placed_with(s, &c, "2024-09-01", source);
        }
        let all = figures(s, "2024-04-01", "2025-03-31").councils.pop().unwrap();
        assert_eq!((all.placed, all.placed_within_region), (3, 2));
        assert_eq!(all.within_region_pct(), Some(66.7));
        // A placement needs where the adopters come from.
        let c = child(s, "C9", "2022-01-01", "2023-06-10");
        let err = step_as(s, &finder(), "2024-09-01", &c, PathwayStep::Milestone(Milestone::Placed, d("2024-09-01"))).unwrap_err();
        assert!(err.to_string().contains("where the adopters come from"), "{err}");
    }

    fn raa_007_the_acknowledgement_carries_the_support_offer(db) {
        let s = &db.store;
        child(s, "C1", "2022-01-01", "2023-06-10");
        let err = agency_step(s, &manager(), "2025-01-10", AgencyStep::SupportOfferLink("example.org".into())).unwrap_err();
        assert!(err.to_string().contains("https://"), "{err}");
        agency_step(s, &manager(), "2025-01-10", AgencyStep::SupportOfferLink("https://example.org/offer".into())).unwrap();
        let a = adoption::regional_agency(s, &manager()).unwrap().value;
        assert!(a.acknowledgement().contains("https://example.org/offer"));
    }

    fn raa_008_an_early_permanence_placement_carries_its_jurisdiction(db) {
        let s = &db.store;
        let c = child(s, "C1", "2025-01-01", "2025-01-10");
        let ep = |j: &str| FindingStep::PlacedWith(PlacedWith { source: AdopterSource::OwnCouncil, early_permanence: Some(EarlyPermanence { jurisdiction: j.into(), form_version: "FAL-EP v2".into() }) });
        let err = finding(s, "2025-02-01", &c, ep("")).unwrap_err();
        assert!(err.to_string().contains("court jurisdiction"), "{err}");
        finding(s, "2025-02-01", &c, ep("Leicester Family Court")).unwrap();
    }

    fn raa_009_a_final_cpr_without_staying_in_touch_is_flagged(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-02-01", "2025-01-10");
        step(s, "2025-05-01", &c, PathwayStep::Cpr(Cpr { date: d("2025-05-01"), by_permanence_team: true, is_final: true, staying_in_touch: false }));
        assert_eq!(says(s, &c, "2025-05-01", "RAA-009"), vec![("CPR has no Staying in Touch section".into(), true)]);
    }

    fn raa_010_the_asglb_extract_holds_special_guardianship_too(db) {
        let s = &db.store;
        let a = child(s, "C1", "2022-01-01", "2023-06-10");
        date(s, &a, Milestone::PlacementOrder, "2024-03-08");
        let b = child(s, "C2", "2022-01-01", "2023-06-10");
        step(s, "2025-01-10", &b, PathwayStep::ChangeOfPlan { date: d("2025-01-10"), route: NewRoute::SgoWithFosterCarer, parents_leave_to_revoke: None });
        let rows = figures(s, "2025-01-01", "2025-03-31").asglb;
        let kinds: Vec<&str> = rows.iter().map(|r| r.record).collect();
        assert!(kinds.contains(&"adoption") && kinds.contains(&"special guardianship"), "{kinds:?}");
    }

    fn raa_011_an_open_action_past_its_date_is_overdue(db) {
        let s = &db.store;
        child(s, "C1", "2022-01-01", "2023-06-10");
        agency_step(s, &manager(), "2025-09-01", AgencyStep::Action(AgencyAction { title: "Peer review".into(), owner: "Service Manager".into(), due: d("2026-03-31"), done: None })).unwrap();
        let a = adoption::regional_agency(s, &manager()).unwrap().value;
        assert!(!a.actions[0].overdue(d("2026-03-31")));
        assert!(a.actions[0].overdue(d("2026-04-01")));
        agency_step(s, &manager(), "2026-04-02", AgencyStep::ActionDone(0, d("2026-04-02"))).unwrap();
        assert!(!adoption::regional_agency(s, &manager()).unwrap().value.actions[0].overdue(d("2026-04-03")));
    }

    fn raa_012_the_agency_before_the_region_and_the_rutland_arrangement(db) {
        let s = &db.store;
        child(s, "C1", "2022-01-01", "2023-06-10");
        let a = adoption::regional_agency(s, &manager()).unwrap().value;
        assert_eq!(a.name_on(d("2019-02-15")), "Leicestershire and Rutland Adoption Agency");
        agency_step(s, &manager(), "2019-02-15", meeting("2019-02-15", "Rutland", "R-1", (false, false))).unwrap();
        let err = agency_step(s, &manager(), "2019-05-01", meeting("2019-05-01", "Rutland", "R-2", (false, false))).unwrap_err();
        assert!(err.to_string().contains("ended on 2019-03-31"), "{err}");
    }

    fn raa_013_matches_identified_and_placements_made_are_distinct(db) {
        let s = &db.store;
        child(s, "C1", "2022-01-01", "2023-06-10");
        for (i, placed) in [true, false, false, false, false].into_iter().enumerate() {
            agency_step(s, &manager(), "2019-01-20", meeting("2019-01-20", HOME, &format!("C{i}"), (true, placed))).unwrap();
        }
        let all = figures(s, "2018-04-01", "2019-03-31").councils.pop().unwrap();
        assert_eq!((all.matches_identified, all.placements_made), (5, 1));
    }

    fn adopt_040_the_permanence_team_is_allocated_from_the_placement_order(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        let early = step_as(s, &finder(), "2025-01-10", &c, PathwayStep::Milestone(Milestone::PermanenceTeamAllocated, d("2025-01-10")));
        assert!(matches!(early, Err(AppError::Invalid(ref m)) if m.contains("placement order")), "{early:?}");
        date(s, &c, Milestone::PlacementOrder, "2025-02-03");
        assert_eq!(says(s, &c, "2025-02-03", "ADOPT-040"), vec![("Placement order made 2025-02-03: allocate the Permanence Team's social worker".to_owned(), true)]);
        let before = step_as(s, &finder(), "2025-02-04", &c, PathwayStep::Milestone(Milestone::PermanenceTeamAllocated, d("2025-02-02")));
        assert!(before.is_err(), "not before the order");
        date(s, &c, Milestone::PermanenceTeamAllocated, "2025-02-03");
        assert_eq!(says(s, &c, "2025-02-04", "ADOPT-040"), vec![("Allocated to the Permanence Team from 2025-02-03".to_owned(), false)]);
    }

    fn adopt_049_an_adopted_child_without_a_life_story_book_is_on_the_life_story_outstanding_list(db) {
        let s = &db.store;
        let c = child(s, "C1", "2024-01-01", "2024-06-10");
        date(s, &c, Milestone::PlacementOrder, "2025-01-06");
        finding(s, "2025-03-01", &c, FindingStep::PlacedWith(PlacedWith { source: AdopterSource::OwnCouncil, early_permanence: None })).unwrap();
        date(s, &c, Milestone::MatchRatified, "2025-03-01");
        date(s, &c, Milestone::Placed, "2025-03-15");
        assert!(listed(s, ChildList::LifeStoryOutstanding, "2025-04-01").is_empty());
        date(s, &c, Milestone::AdoptionOrder, "2025-09-01");
        assert_eq!(listed(s, ChildList::LifeStoryOutstanding, "2025-09-02"), vec![c.to_string()]);
        assert!(says(s, &c, "2025-09-02", "ADOPT-049")[0].1);
        date(s, &c, Milestone::LifeStoryBook, "2025-09-10");
        assert!(listed(s, ChildList::LifeStoryOutstanding, "2025-09-10").is_empty());
        assert!(says(s, &c, "2025-09-10", "ADOPT-049").is_empty());
    }
}
