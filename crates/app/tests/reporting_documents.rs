//! The measures read from the children's own documents, on both backends:
//! the Virtual School's education records (PEPs each term, exclusions and
//! school moves, the roll by phase: KPI-VS-01, KPI-VS-08, KPI-VS-10), the
//! missing records (return home interviews, exploitation referrals:
//! KPI-MISS-02 to KPI-MISS-04) and the care leavers' records (the Pathway
//! Plan reviewed in six months: KPI-LEAVE-01; post-16 activity: KPI-VS-07),
//! and from the journeys the steps down from residential care (COST-014)
//! and the profiles of unaccompanied children and children at approval
//! for adoption (NEED-003, NEED-005). Each document is written by
//! the use case people use, and the next request shows the figure worked
//! out by hand beside each assertion.

use app::contact::{MissingEntry, record_missing};
use app::education::change_education;
use app::leavers::change_care_leaver;
use app::reporting::{measure_children, performance};
use domain::access::User;
use domain::child::{Child, ChildId, PersonName, UascStatus};
use domain::codes::{
    Ethnicity, LegalStatus, MissingType, PlacementType, ReasonEpisodeCeased, ReasonNewEpisode, Sex,
};
use domain::contact::missing::{Exploitation, Interview};
use domain::education::record::EducationChange;
use domain::journey::{CareJourney, Episode, SocialWorkerEpisode};
use domain::leavers::record::{Activity, LeaverChange};
use domain::reporting::conventions::{Rag, one_decimal};
use domain::reporting::measures::Counted;
use domain::roles::{Role, Worker};
use store::{ChildRepository, StaffRepository, Store};
use test_support::FixedClock;

mod reporting_fixture;
use reporting_fixture::{d, placed, year};

const TODAY: &str = "2026-03-31";

fn user(role: Role) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: Some("T1".into()),
        worker_id: None,
    }
}

fn person(id: &str, dob: &str) -> Child {
    Child {
        id: ChildId::parse(id).unwrap(),
        name: PersonName::parse("Robin", "Measure").unwrap(),
        sex: Sex::Female,
        date_of_birth: d(dob),
        ethnicity: Ethnicity::WhiteBritish,
        pupil_number: None,
        disabled: false,
        uasc: None,
    }
}

/// Stores the journey of a child of team T1 (social worker W1).
fn insert(store: &Store, child: Child, episodes: Vec<Episode>) -> ChildId {
    let start = episodes[0].start;
    let workers = vec![SocialWorkerEpisode {
        worker_id: "W1".into(),
        start,
        end: None,
        open_reason: None,
    }];
    let journey =
        CareJourney::build(child, episodes, vec![], vec![], workers, vec![], d(TODAY)).unwrap();
    store
        .write(|tx| {
            if tx.workers()?.is_empty() {
                tx.insert_workers(&[Worker {
                    id: "W1".into(),
                    team: "T1".into(),
                }])?;
            }
            tx.insert_journey(
                &journey,
                domain::time::Clock::now(&FixedClock::on(&start.to_string())),
            )
        })
        .unwrap();
    journey.id().clone()
}

/// A child of team T1 born on `dob`, looked after from `start` (to `end`,
/// leaving at 18 to stay with the carers).
fn child(store: &Store, id: &str, dob: &str, start: &str, end: Option<&str>) -> ChildId {
    let episode = placed(
        start,
        (ReasonNewEpisode::Started, LegalStatus::FullCareOrder),
        PlacementType::FosterOther,
        end.map(|e| (e, ReasonEpisodeCeased::Aged18StayedWithCarers)),
    );
    insert(store, person(id, dob), vec![episode])
}

/// A measure's (numerator, denominator, value to one decimal) for 2025-26.
fn figure(store: &Store, key: &str) -> (usize, Option<usize>, Option<f64>) {
    let clock = FixedClock::on(TODAY);
    let view = performance(
        store,
        &user(Role::PerformanceAnalyst),
        &clock,
        year(),
        "test",
    )
    .unwrap();
    let row = view.rows.iter().find(|r| r.measure.key == key).unwrap();
    (row.numerator, row.denominator, row.value.map(one_decimal))
}

fn education(store: &Store, (child, version): (&ChildId, i64), change: EducationChange) -> i64 {
    let clock = FixedClock::on(TODAY);
    let role = match change {
        EducationChange::Pep { .. } | EducationChange::Allocation { .. } => Role::VirtualSchool,
        _ => Role::SocialWorker,
    };
    change_education(store, &user(role), &clock, (child, version), change, "test").unwrap()
}

test_support::on_both_backends! {
    fn kpi_vs_01_kpi_vs_07_kpi_vs_08_kpi_vs_10_cost_005_the_virtual_schools_figures_follow_the_education_and_care_leaver_records(db) {
        let store = &db.store;
        // In 2025-26 three terms end: summer 2024/25, autumn and spring
        // 2025/26. A (10 and 11 on 31 August) and B (8 and 9) are in care
        // through all three; C is 15 and 16, in care since 2023, 17 on 31
        // March 2026. Nine PEPs are due.
        let a = child(store, "VSA", "2014-05-01", "2020-01-01", None);
        let b = child(store, "VSB", "2016-02-02", "2021-06-01", None);
        let c = child(store, "VSC", "2009-03-03", "2023-01-01", None);
        assert_eq!(figure(store, "vs-01"), (0, Some(9), Some(0.0)));
        // The Virtual School records A's autumn and spring PEPs and B's summer one.
        let pep = |on: &str| EducationChange::Pep { date: d(on), careers: None };
        let v = education(store, (&a, 0), pep("2025-10-10"));
        let v = education(store, (&a, v), pep("2026-02-10"));
        let vb = education(store, (&b, 0), pep("2025-06-01"));
        // COST-005: the Virtual School allocates £450 of Pupil Premium Plus to B.
        let tuition = EducationChange::Allocation { date: d("2025-10-01"), pence: 45_000, used_for: "tuition".into() };
        let vb = education(store, (&b, vb), tuition);
        assert_eq!(figure(store, "cost-005"), (1, None, Some(450.0)));
        // 3 of 9: 33.3%.
        assert_eq!(figure(store, "vs-01"), (3, Some(9), Some(33.3)));
        // A's school reports an exclusion; B moves school, planned with the Virtual School.
        assert_eq!(figure(store, "vs-08-exclusions").0, 0);
        education(store, (&a, v), EducationChange::SchoolEvent { date: d("2025-11-01"), kind: "exclusion".into() });
        let moved = EducationChange::SchoolMove {
            date: d("2025-09-03"),
            school: "Hillside Academy".into(),
            consulted: true,
            transition_plan: true,
        };
        education(store, (&b, vb), moved);
        assert_eq!(figure(store, "vs-08-exclusions").0, 1);
        assert_eq!(figure(store, "vs-08-moves").0, 1);
        // The roll on 31 March 2026: A (11) and B (10) of school age, C (17) post-16.
        assert_eq!(figure(store, "vs-10-early-years").0, 0);
        assert_eq!(figure(store, "vs-10-school-age").0, 2);
        assert_eq!(figure(store, "vs-10-post-16").0, 1);
        // The lines behind the PEP figure say which term and why; an
        // analyst sees identifiers only.
        let clock = FixedClock::on(TODAY);
        let list = measure_children(store, &user(Role::PerformanceAnalyst), &clock, "vs-01", year(), "test").unwrap();
        let of_a: Vec<(Counted, &str)> = list
            .lines
            .iter()
            .filter(|l| l.who.child() == Some(&a))
            .map(|l| (l.counted, l.why.as_str()))
            .collect();
        assert_eq!(
            of_a,
            vec![
                (Counted::DenominatorOnly, "No PEP in the summer term 2024/25"),
                (Counted::Numerator, "PEP held on 2025-10-10, in the autumn term 2025/26"),
                (Counted::Numerator, "PEP held on 2026-02-10, in the spring term 2025/26"),
            ]
        );
        assert!(list.lines.iter().all(|l| l.name.is_none()));
        // KPI-VS-07: C (17) is the post-16 cohort; no activity recorded
        // yet, then the Virtual School records college from September.
        assert_eq!(figure(store, "vs-07"), (0, Some(0), None));
        let college = LeaverChange::Activity { date: d("2025-09-05"), activity: Activity::Education };
        change_care_leaver(store, &user(Role::VirtualSchool), &clock, (&c, 0), college, "test").unwrap();
        assert_eq!(figure(store, "vs-07"), (1, Some(1), Some(100.0)));
    }

    fn kpi_miss_02_kpi_miss_03_kpi_miss_04_return_interviews_and_exploitation_referrals_from_the_missing_record(db) {
        let store = &db.store;
        let a = child(store, "MSA", "2011-04-04", "2020-01-01", None);
        let clock = FixedClock::on(TODAY);
        let sw = user(Role::SocialWorker);
        let mut version = 0;
        let mut entry = |e: MissingEntry| {
            version = record_missing(store, &sw, &clock, (&a, version), e, "test").unwrap().1;
        };
        // Two missing episodes of 2025-26: the first interviewed, the
        // second's interview declined.
        entry(MissingEntry::Report { kind: MissingType::Missing, started: d("2025-05-01") });
        entry(MissingEntry::Return { episode: 1, date: d("2025-05-02") });
        entry(MissingEntry::Interview { episode: 1, interview: Interview::Completed(d("2025-05-03")) });
        entry(MissingEntry::Report { kind: MissingType::Missing, started: d("2025-07-01") });
        entry(MissingEntry::Return { episode: 2, date: d("2025-07-02") });
        entry(MissingEntry::Interview {
            episode: 2,
            interview: Interview::NotCompleted { date: d("2025-07-04"), reason: "Declined".into() },
        });
        // A CSE referral screened, a CCE referral not yet.
        entry(MissingEntry::Refer { kind: Exploitation::Sexual, date: d("2025-06-01") });
        entry(MissingEntry::Screen { referral: 1, date: d("2025-06-03"), outcome: "Medium".into() });
        entry(MissingEntry::Refer { kind: Exploitation::Criminal, date: d("2025-08-01") });
        // 1 of 2 interviews: 50%.
        assert_eq!(figure(store, "miss-02"), (1, Some(2), Some(50.0)));
        assert_eq!(figure(store, "miss-03-referrals").0, 1);
        assert_eq!(figure(store, "miss-03-screened"), (1, Some(1), Some(100.0)));
        assert_eq!(figure(store, "miss-04-referrals").0, 1);
        assert_eq!(figure(store, "miss-04-children").0, 1);
        // The episodes count in KPI-MISS-01 too (the journey's record of them).
        assert_eq!(figure(store, "miss-01-episodes").0, 2);
        let list = measure_children(store, &user(Role::ServiceManager), &clock, "miss-02", year(), "test").unwrap();
        assert_eq!(list.lines.len(), 2);
        assert!(list.lines[1].why.contains("interview not completed (Declined)"));
        assert_eq!(list.lines[0].name.as_deref(), Some("Robin Measure"));
    }

    fn kpi_leave_01_a_pathway_plan_reviewed_counts_and_turns_the_rag_green(db) {
        let store = &db.store;
        // Left care at 18 on 1 June 2024: former relevant on 31 March 2026.
        let y = child(store, "LVA", "2006-06-01", "2020-01-01", Some("2024-06-01"));
        let row = |store: &Store| {
            let clock = FixedClock::on(TODAY);
            let view = performance(store, &user(Role::PerformanceAnalyst), &clock, year(), "test").unwrap();
            let r = view.rows.into_iter().find(|r| r.measure.key == "leave-01").unwrap();
            (r.numerator, r.denominator, r.rag)
        };
        assert_eq!(row(store), (0, Some(1), Some(Rag::Red)));
        let clock = FixedClock::on(TODAY);
        let review = |on: &str| LeaverChange::ReviewPlan {
            date: d(on),
            assessment: "Needs assessed".into(),
            voice: "I want to stay near college".into(),
            outcomes: "Keep the tenancy".into(),
        };
        // A review in August 2025 is more than six months old on 31 March 2026.
        let v = change_care_leaver(store, &user(Role::SocialWorker), &clock, (&y, 0), review("2025-08-01"), "test").unwrap();
        assert_eq!(row(store), (0, Some(1), Some(Rag::Red)));
        change_care_leaver(store, &user(Role::SocialWorker), &clock, (&y, v), review("2026-01-15"), "test").unwrap();
        assert_eq!(row(store), (1, Some(1), Some(Rag::Green)));
    }

    fn cost_014_need_003_need_005_step_downs_and_the_profiles_of_unaccompanied_children_and_children_at_approval(db) {
        use LegalStatus::*;
        use PlacementType::*;
        use ReasonNewEpisode::*;
        let store = &db.store;
        let same_day = |on: &'static str| Some((on, ReasonEpisodeCeased::NewEpisodeSameDay));
        // S1 moves from a children's home to foster carers in June 2025.
        insert(store, person("CS1", "2011-01-01"), vec![
            placed("2024-01-01", (Started, FullCareOrder), ChildrensHome, same_day("2025-06-01")),
            placed("2025-06-01", (PlacementChange, FullCareOrder), FosterOther, None),
        ]);
        // S2 moves the other way.
        insert(store, person("CS2", "2011-01-01"), vec![
            placed("2024-01-01", (Started, FullCareOrder), FosterOther, same_day("2025-07-01")),
            placed("2025-07-01", (PlacementChange, FullCareOrder), ChildrensHome, None),
        ]);
        assert_eq!(figure(store, "cost-014").0, 1);
        // Placement orders in 2025-26 for O1 (White British) and O2 (White
        // and Black Caribbean): 50%.
        let ordered = |id: &str, ethnicity: Ethnicity| {
            let mut c = person(id, "2023-01-01");
            c.ethnicity = ethnicity;
            insert(store, c, vec![
                placed("2024-03-01", (Started, InterimCareOrder), FosterOther, same_day("2025-05-01")),
                placed("2025-05-01", (LegalStatusChange, PlacementOrder), FosterOther, None),
            ])
        };
        ordered("CO1", Ethnicity::WhiteBritish);
        ordered("CO2", Ethnicity::MixedWhiteBlackCaribbean);
        assert_eq!(figure(store, "need-005"), (1, Some(2), Some(50.0)));
        // Three unaccompanied children in care, two of them boys: 66.7%.
        for (id, sex) in [("CU1", Sex::Male), ("CU2", Sex::Male), ("CU3", Sex::Female)] {
            let mut c = person(id, "2009-06-01");
            c.sex = sex;
            c.uasc = Some(UascStatus { ceased: None });
            insert(store, c, vec![placed("2025-01-10", (Started, SingleAccommodation), FosterOther, None)]);
        }
        assert_eq!(figure(store, "need-003"), (2, Some(3), Some(66.7)));
    }
}
