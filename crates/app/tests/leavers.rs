//! Care leavers on both backends: who is one on a day (LEAVE-001, LEAVE-101
//! to LEAVE-104), their Pathway Plan reviewed and out of date (LEAVE-004,
//! LEAVE-105), the flags of their record (LEAVE-003, LEAVE-005, LEAVE-006,
//! LEAVE-009, LEAVE-010, LEAVE-011, LEAVE-106), support to 25 (LEAVE-002),
//! the 16+ Team (LEAVE-014), Pathway Carers (LEAVE-107), and the service's
//! SYPAC sessions and feedback (LEAVE-012, LEAVE-013). Every change is
//! audited without personal data; a stale version and another role are
//! refused.

use std::collections::HashMap;

use app::AppError;
use app::leavers::{
    ServiceChange, care_leaver, care_leavers, change_care_leaver, change_leaving_care_service,
    leaving_care_service,
};
use chrono::NaiveDate;
use domain::access::User;
use domain::child::{Child, ChildId, PersonName, Postcode, UascStatus};
use domain::codes::{
    CategoryOfNeed, Ethnicity, LegalStatus, PlacementProvider, PlacementType, ReasonEpisodeCeased,
    ReasonNewEpisode, Sex,
};
use domain::journey::{CareJourney, Episode, EpisodeEnd, Placement, SocialWorkerEpisode};
use domain::leavers::record::LeaverChange;
use domain::leavers::status::LeavingCareStatus;
use domain::roles::{Role, Worker};
use store::{AuditFilter, AuditLog, ChildRepository, StaffRepository, Store};
use test_support::FixedClock;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn user(role: Role) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: Some("T1".into()),
        worker_id: None,
    }
}

/// A young person of team T1 born on `dob`, looked after in `periods`
/// (each ended by moving to independent living).
fn young_person(
    store: &Store,
    id: &str,
    dob: &str,
    periods: &[(&str, Option<&str>)],
    uasc: bool,
) -> ChildId {
    let child = Child {
        id: ChildId::parse(id).unwrap(),
        name: PersonName::parse("Jordan", "Testcase").unwrap(),
        sex: Sex::Male,
        date_of_birth: d(dob),
        ethnicity: Ethnicity::WhiteBritish,
        pupil_number: None,
        disabled: false,
        uasc: uasc.then_some(UascStatus { ceased: None }),
    };
    let episodes = periods
        .iter()
        .map(|(s, e)| Episode {
            start: d(s),
            reason_new_episode: ReasonNewEpisode::Started,
            legal_status: LegalStatus::FullCareOrder,
            category_of_need: CategoryOfNeed::AbuseOrNeglect,
            placement: Placement {
                placement_type: PlacementType::FosterOther,
                provider: Some(PlacementProvider::OwnProvision),
                postcode: Some(Postcode::parse("LE3 8RA").unwrap()),
                urn: None,
            },
            end: e.map(|e| EpisodeEnd {
                date: d(e),
                reason: ReasonEpisodeCeased::IndependentLivingSupported,
            }),
            reason_placement_change: None,
            home_postcode: None,
        })
        .collect();
    let workers = vec![SocialWorkerEpisode {
        worker_id: "W1".into(),
        start: d(periods[0].0),
        end: None,
        open_reason: None,
    }];
    let journey = CareJourney::build(
        child,
        episodes,
        vec![],
        vec![],
        workers,
        vec![],
        d("2099-01-01"),
    )
    .unwrap();
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
                domain::time::Clock::now(&FixedClock::on("2020-01-01")),
            )
        })
        .unwrap();
    journey.id().clone()
}

fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn change(code: &str, pairs: &[(&str, &str)], today: &str) -> LeaverChange {
    let f = form(pairs);
    LeaverChange::parse(code, &|n| f.get(n).cloned().unwrap_or_default(), d(today)).unwrap()
}

fn rules(store: &Store, child: &ChildId, on: &str) -> Vec<&'static str> {
    care_leaver(
        store,
        &user(Role::SocialWorker),
        &FixedClock::on(on),
        child,
        "test",
    )
    .unwrap()
    .flags
    .iter()
    .map(|f| f.rule)
    .collect()
}

fn review(date: &str) -> LeaverChange {
    change(
        "review",
        &[
            ("date", date),
            ("assessment", "Needs help budgeting"),
            ("voice", "I want my own flat"),
            ("outcomes", "Open a bank account by June"),
        ],
        "2030-01-01",
    )
}

/// The child of LEAVE-102's check: born 2008-12-01, looked after for 8
/// weeks from 2023-09-04 and again from 2024-11-04.
fn leave_102_child(store: &Store, end: Option<&str>) -> ChildId {
    young_person(
        store,
        "C102",
        "2008-12-01",
        &[("2023-09-04", Some("2023-10-30")), ("2024-11-04", end)],
        false,
    )
}

test_support::on_both_backends! {
    fn leave_101_leave_102_eligible_after_13_weeks_and_on_the_pathway_plan_missing_list(db) {
        let child = leave_102_child(&db.store, None);
        let sw = user(Role::SocialWorker);
        let before = care_leaver(&db.store, &sw, &FixedClock::on("2024-12-08"), &child, "t").unwrap();
        assert_eq!(before.status, None);
        let on = care_leaver(&db.store, &sw, &FixedClock::on("2024-12-09"), &child, "t").unwrap();
        assert_eq!(on.status, Some(LeavingCareStatus::Eligible));
        assert_eq!(on.since, Some(d("2024-12-09")));
        let missing = on.flags.iter().find(|f| f.rule == "LEAVE-101").unwrap();
        assert_eq!(missing.due, Some(d("2024-12-09")));
        let list = care_leavers(&db.store, &sw, &FixedClock::on("2024-12-09"), "t").unwrap();
        assert!(list.iter().any(|v| v.journey.value.id() == &child && v.flags.iter().any(|f| f.rule == "LEAVE-101")));
        // Once a plan is recorded the young person leaves the missing list.
        let clock = FixedClock::on("2024-12-20");
        change_care_leaver(&db.store, &sw, &clock, (&child, 0), review("2024-12-20"), "t").unwrap();
        assert!(!rules(&db.store, &child, "2024-12-20").contains(&"LEAVE-101"));
    }

    fn leave_103_leave_104_relevant_after_leaving_care_then_former_relevant_at_18(db) {
        let child = leave_102_child(&db.store, Some("2025-06-30"));
        let sw = user(Role::SocialWorker);
        let status = |on: &str| care_leaver(&db.store, &sw, &FixedClock::on(on), &child, "t").unwrap().status;
        assert_eq!(status("2025-06-30"), Some(LeavingCareStatus::Relevant));
        assert_eq!(status("2026-11-30"), Some(LeavingCareStatus::Relevant));
        assert_eq!(status("2026-12-01"), Some(LeavingCareStatus::FormerRelevant));
        // The Pathway Plan requirement continues.
        assert!(rules(&db.store, &child, "2026-12-01").contains(&"LEAVE-101"));
    }

    fn leave_001_ten_weeks_in_care_from_15_is_not_a_care_leaver(db) {
        let child = young_person(&db.store, "C001", "2009-01-01", &[("2024-03-01", Some("2024-05-10"))], false);
        let v = care_leaver(&db.store, &user(Role::SocialWorker), &FixedClock::on("2025-06-01"), &child, "t").unwrap();
        assert!(!v.care_leaver);
        let list = care_leavers(&db.store, &user(Role::SocialWorker), &FixedClock::on("2025-06-01"), "t").unwrap();
        assert!(list.is_empty());
    }

    fn leave_002_a_23_year_old_former_looked_after_child_asking_for_support_gets_a_case(db) {
        let child = young_person(&db.store, "C002", "2002-03-01", &[("2017-01-10", Some("2020-03-01"))], false);
        let clock = FixedClock::on("2025-05-01");
        let sw = user(Role::SocialWorker);
        change_care_leaver(&db.store, &sw, &clock, (&child, 0), change("support", &[("date", "2025-05-01")], "2025-05-01"), "t").unwrap();
        let v = care_leaver(&db.store, &sw, &clock, &child, "t").unwrap();
        assert!(v.care_leaver);
        assert_eq!(v.record.support_requested, Some(d("2025-05-01")));
    }

    fn leave_004_leave_105_the_pathway_plan_is_reviewed_and_out_of_date_after_six_months(db) {
        let child = young_person(&db.store, "C004", "2007-06-01", &[("2021-01-04", None)], false);
        let sw = user(Role::SocialWorker);
        let clock = FixedClock::on("2025-01-10");
        let v1 = change_care_leaver(&db.store, &sw, &clock, (&child, 0), review("2025-01-10"), "t").unwrap();
        let v = care_leaver(&db.store, &sw, &clock, &child, "t").unwrap();
        // LEAVE-105: the review holds the assessment of needs itself.
        assert_eq!(v.record.reviews[0].assessment, "Needs help budgeting");
        assert_eq!(v.record.plan_due(), Some(d("2025-07-10")));
        assert!(!rules(&db.store, &child, "2025-07-10").contains(&"LEAVE-004"));
        assert!(rules(&db.store, &child, "2025-07-11").contains(&"LEAVE-004"));
        // A stale form is refused; nothing changes.
        let err = change_care_leaver(&db.store, &sw, &clock, (&child, 0), review("2025-01-10"), "t").unwrap_err();
        assert!(err.to_string().contains("changed by someone else"), "{err}");
        // A review without the young person's view is refused, naming the field.
        let f = form(&[("date", "2025-01-10"), ("assessment", "a"), ("outcomes", "o")]);
        let bad = LeaverChange::parse("review", &|n| f.get(n).cloned().unwrap_or_default(), d("2025-01-10")).unwrap_err();
        assert!(bad.starts_with("voice:"), "{bad}");
        // The audit names the change, not what was said.
        let events = db.store.read(|tx| tx.events(&AuditFilter::default())).unwrap();
        let ours: Vec<_> = events.iter().filter(|e| e.action.starts_with("LEAVE.")).collect();
        assert_eq!(ours.len(), 1);
        assert!(!ours[0].details.contains("flat") && !ours[0].details.contains("budget"));
        assert_eq!(v1, 1);
    }

    fn leave_005_leave_006_leave_014_adviser_contact_and_the_16_plus_team(db) {
        let child = young_person(&db.store, "C005", "2006-02-01", &[("2020-01-06", Some("2024-02-01"))], false);
        let sw = user(Role::SocialWorker);
        assert!(rules(&db.store, &child, "2025-01-01").contains(&"LEAVE-005"));
        assert!(rules(&db.store, &child, "2025-01-01").contains(&"LEAVE-006"));
        let clock = FixedClock::on("2025-01-01");
        let v = change_care_leaver(&db.store, &sw, &clock, (&child, 0), change("adviser", &[("date", "2025-01-01"), ("name", "Sam Adviser")], "2025-01-01"), "t").unwrap();
        let v = change_care_leaver(&db.store, &sw, &clock, (&child, v), change("contact", &[("date", "2025-01-01"), ("how", "phone")], "2025-01-01"), "t").unwrap();
        change_care_leaver(&db.store, &sw, &clock, (&child, v), change("team", &[("team", "16+ Team")], "2025-01-01"), "t").unwrap();
        let now = rules(&db.store, &child, "2025-01-02");
        assert!(!now.contains(&"LEAVE-005") && !now.contains(&"LEAVE-006"), "{now:?}");
        // Nine months without contact: not in touch.
        assert!(rules(&db.store, &child, "2025-10-02").contains(&"LEAVE-006"));
        let v = care_leaver(&db.store, &sw, &clock, &child, "t").unwrap();
        assert_eq!(v.service, Some("Children in Care"));
    }

    fn leave_003_leave_011_leave_009_vulnerable_panel_age_assessment_and_directors_letters(db) {
        let child = young_person(&db.store, "C003", "2004-08-14", &[("2019-01-07", Some("2022-08-14"))], true);
        let sw = user(Role::SocialWorker);
        let clock = FixedClock::on("2025-08-14");
        let v = change_care_leaver(&db.store, &sw, &clock, (&child, 0), change("vulnerable", &[], "2025-08-14"), "t").unwrap();
        let flags = rules(&db.store, &child, "2025-08-14");
        assert!(flags.contains(&"LEAVE-003") && flags.contains(&"LEAVE-011"), "{flags:?}");
        let letters: Vec<_> = care_leaver(&db.store, &sw, &clock, &child, "t").unwrap().flags.into_iter().filter(|f| f.rule == "LEAVE-009").collect();
        assert_eq!(letters.iter().map(|f| f.due).collect::<Vec<_>>(), vec![Some(d("2022-08-14")), Some(d("2025-08-14"))]);
        let v = change_care_leaver(&db.store, &sw, &clock, (&child, v), change("vulnerable", &[("panel", "2025-09-01")], "2025-08-14"), "t").unwrap();
        let v = change_care_leaver(&db.store, &sw, &clock, (&child, v), change("age_assessment", &[("outcome", "Age accepted")], "2025-08-14"), "t").unwrap();
        let v = change_care_leaver(&db.store, &sw, &clock, (&child, v), change("letter", &[("age", "18"), ("date", "2022-08-20")], "2025-08-14"), "t").unwrap();
        change_care_leaver(&db.store, &sw, &clock, (&child, v), change("letter", &[("age", "21"), ("date", "2025-08-14")], "2025-08-14"), "t").unwrap();
        let flags = rules(&db.store, &child, "2025-08-14");
        assert!(!flags.iter().any(|r| ["LEAVE-003", "LEAVE-011", "LEAVE-009"].contains(r)), "{flags:?}");
    }

    fn leave_106_leave_010_neet_tells_the_virtual_school_and_needs_signposting(db) {
        let child = young_person(&db.store, "C106", "2005-03-01", &[("2019-05-06", Some("2023-03-01"))], false);
        let vs = user(Role::VirtualSchool);
        let clock = FixedClock::on("2025-10-01");
        let v = change_care_leaver(&db.store, &vs, &clock, (&child, 0), change("activity", &[("date", "2025-10-01"), ("activity", "neet")], "2025-10-01"), "t").unwrap();
        let flags = rules(&db.store, &child, "2025-10-01");
        assert!(flags.contains(&"LEAVE-106"), "{flags:?}");
        // 19+ and NEET: the study programme is offered.
        assert!(flags.contains(&"LEAVE-010"), "{flags:?}");
        let lines = app::education::virtual_school(&db.store, &vs, &clock, "t").unwrap();
        assert!(lines.iter().any(|l| l.rule == "LEAVE-106" && l.date == Some(d("2025-10-01"))));
        change_care_leaver(&db.store, &vs, &clock, (&child, v), change("signpost", &[("date", "2025-10-01"), ("what", "Study support programme")], "2025-10-01"), "t").unwrap();
        assert!(!rules(&db.store, &child, "2025-10-01").contains(&"LEAVE-106"));
        // The Virtual School may not review the Pathway Plan.
        let err = change_care_leaver(&db.store, &vs, &clock, (&child, 2), review("2025-10-01"), "t").unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)));
    }

    fn leave_010_a_year_11_college_destination_without_the_designated_person_is_flagged(db) {
        let child = young_person(&db.store, "C010", "2009-01-10", &[("2023-01-09", None)], false);
        let clock = FixedClock::on("2025-06-20");
        let sw = user(Role::SocialWorker);
        change_care_leaver(&db.store, &sw, &clock, (&child, 0), change("post16", &[("destination", "Loughborough College"), ("college_invited", "no")], "2025-06-20"), "t").unwrap();
        assert!(rules(&db.store, &child, "2025-06-20").contains(&"LEAVE-010"));
    }

    fn leave_107_a_pathway_carer_for_15_in_year_11_or_16_and_17(db) {
        let y11 = young_person(&db.store, "C107", "2010-01-01", &[("2023-01-02", None)], false);
        let y10 = young_person(&db.store, "C108", "2010-09-05", &[("2023-01-02", None)], false);
        let sw = user(Role::SocialWorker);
        let clock = FixedClock::on("2025-09-15");
        // Neither is a care leaver yet; the page still says whether a Pathway Carer may be matched.
        assert!(care_leaver(&db.store, &sw, &clock, &y11, "t").unwrap().pathway_carer);
        assert!(!care_leaver(&db.store, &sw, &clock, &y10, "t").unwrap().pathway_carer);
    }

    fn leave_012_leave_013_sypac_sessions_and_feedback_by_theme(db) {
        let sw = user(Role::SocialWorker);
        let clock = FixedClock::on("2026-01-05");
        let mut version = 0;
        for m in (1..=12).filter(|m| *m != 7) {
            let date = NaiveDate::from_ymd_opt(2025, m, 10).unwrap();
            version = change_leaving_care_service(&db.store, &sw, &clock, version, ServiceChange::Sypac { date }, "t").unwrap();
        }
        let (service, _) = leaving_care_service(&db.store, &sw).unwrap();
        assert_eq!(domain::leavers::service::missing_sypac_months(&service.sypac, 2025, d("2026-01-05")), vec![7]);
        let theme = domain::leavers::service::suggested_theme("I want help writing a CV").unwrap();
        assert_eq!(theme, "CV help");
        change_leaving_care_service(&db.store, &sw, &clock, version, ServiceChange::Feedback { date: d("2025-03-10"), text: "I want help writing a CV".into(), theme: theme.into() }, "t").unwrap();
        let err = change_leaving_care_service(&db.store, &sw, &clock, version + 1, ServiceChange::Feedback { date: d("2025-03-10"), text: "x".into(), theme: "Not a theme".into() }, "t").unwrap_err();
        assert!(err.to_string().starts_with("theme:"), "{err}");
        assert_eq!(leaving_care_service(&db.store, &sw).unwrap().0.feedback.len(), 1);
    }

    fn leave_008_a_22_year_old_is_not_placed_with_a_supported_lodgings_host_and_support_ends_at_21(db) {
        use app::households::{self as hh, NewHousehold};
        use domain::households::lifecycle::RoleKind;
        let store = &db.store;
        let tm = user(Role::TeamManager);
        let older = young_person(store, "C101", "2003-03-01", &[("2019-01-10", Some("2021-03-01"))], false);
        let younger = young_person(store, "C102", "2006-09-15", &[("2021-01-10", Some("2024-09-15"))], false);
        let host = NewHousehold { name: "The Host household".into(), role: Some(RoleKind::SupportedLodgingsHost), ..Default::default() };
        let h = hh::add_household(store, &tm, &FixedClock::on("2024-06-01"), host, "t").unwrap();
        let role = format!("{h}-R1");
        let version = |on: &str| hh::open_household(store, &tm, &FixedClock::on(on), &h, "t").unwrap().household.version;
        for (step, on) in [("assess", "2024-06-10"), ("approve", "2024-07-01")] {
            hh::take_step(store, &tm, &FixedClock::on(on), (&h, version(on)), (&role, step, d(on)), "t").unwrap();
        }
        let clock = FixedClock::on("2025-06-01");
        // The match carries its young person: not the generic step.
        let generic = hh::take_step(store, &tm, &clock, (&h, version("2025-06-01")), (&role, "match", d("2025-06-01")), "t");
        assert!(matches!(generic, Err(AppError::Invalid(ref m)) if m.contains("young person form")), "{generic:?}");
        // The spec's Check: a 22-year-old cannot be a scheme placement, in education or not.
        for education in [false, true] {
            let new = app::leavers::HostedPerson { role: role.clone(), child: older.as_str().into(), from: d("2025-06-01"), in_education: education };
            let refused = app::leavers::record_hosted_young_person(store, &tm, &clock, (&h, version("2025-06-01")), new, "t");
            assert!(matches!(refused, Err(AppError::Invalid(ref m)) if m.starts_with("child: a Supported Lodgings scheme placement is for young people from 16 until they are 21 (22 in education): this young person is 22")), "{refused:?}");
        }
        // An 18-year-old is matched; their support ends on their 21st birthday.
        let new = app::leavers::HostedPerson { role: role.clone(), child: younger.as_str().into(), from: d("2025-06-01"), in_education: false };
        app::leavers::record_hosted_young_person(store, &tm, &clock, (&h, version("2025-06-01")), new, "t").unwrap();
        let view = hh::open_household(store, &tm, &clock, &h, "t").unwrap();
        assert_eq!(view.household.value.roles[0].stage, "matched");
        let lines = app::subject_worklist(store, &tm, &FixedClock::on("2027-09-05"), None).unwrap();
        let ends = lines.iter().find(|i| i.title.starts_with("The young person's support ends")).expect("on the worklist");
        assert_eq!((ends.rule, ends.due), (Some("LEAVE-008"), d("2027-09-15")));
        // The host's annual review (LEAVE-008) is on the list from approval.
        assert!(lines.iter().any(|i| i.rule == Some("LEAVE-008") && i.title.contains("Annual review")));
        // Audited with the young person's identifier, not their name.
        let events = db.store.read(|tx| tx.events(&AuditFilter { action: Some("household.host_young_person".into()), ..Default::default() })).unwrap();
        assert_eq!(events.len(), 1);
        assert!(events[0].details.contains("C102") && !events[0].details.contains("Jordan"));
    }

    fn leave_007_staying_put_begins_at_18_and_its_support_runs_to_22_in_education(db) {
        use app::households::{self as hh, NewHousehold};
        use domain::households::lifecycle::RoleKind;
        let store = &db.store;
        let tm = user(Role::TeamManager);
        let yp = young_person(store, "C103", "2006-09-15", &[("2021-01-10", Some("2024-09-15"))], false);
        let carer = NewHousehold { name: "The Staying family".into(), role: Some(RoleKind::StayingPutCarer), ..Default::default() };
        let h = hh::add_household(store, &tm, &FixedClock::on("2024-09-01"), carer, "t").unwrap();
        let role = format!("{h}-R1");
        let clock = FixedClock::on("2024-09-20");
        let version = || hh::open_household(store, &tm, &clock, &h, "t").unwrap().household.version;
        let at = |on: &str, education: bool| app::leavers::HostedPerson { role: role.clone(), child: yp.as_str().into(), from: d(on), in_education: education };
        // Seventeen on 2024-09-01: not yet.
        let refused = app::leavers::record_hosted_young_person(store, &tm, &clock, (&h, version()), at("2024-09-01", true), "t");
        assert!(matches!(refused, Err(AppError::Invalid(ref m)) if m.starts_with("child: Staying Put is for young people from 18")), "{refused:?}");
        app::leavers::record_hosted_young_person(store, &tm, &clock, (&h, version()), at("2024-09-15", true), "t").unwrap();
        let view = hh::open_household(store, &tm, &clock, &h, "t").unwrap();
        let ends = view.deadlines.iter().find(|i| i.title.starts_with("The young person's support ends")).expect("on the household");
        assert_eq!((ends.rule, ends.due), (Some("LEAVE-007"), d("2028-09-15")));
        // Named once.
        let again = app::leavers::record_hosted_young_person(store, &tm, &clock, (&h, version()), at("2024-09-16", true), "t");
        assert!(matches!(again, Err(AppError::Invalid(ref m)) if m.contains("already names")), "{again:?}");
    }
}
