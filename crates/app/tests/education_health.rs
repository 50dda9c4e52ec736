//! Education and health on both backends: the Virtual School's record of a
//! child (EDU-003 to EDU-016) and its page, and a child's health support
//! referrals (HLTH-001 to HLTH-013); a role that does not make a change is
//! refused, a refused change names its field and changes nothing.

use std::collections::HashMap;

use app::AppError;
use app::education::{change_education, education, virtual_school};
use app::health::{HealthChange, change_health, health};
use chrono::NaiveDate;
use domain::access::User;
use domain::child::{Child, ChildId, PersonName, Postcode};
use domain::codes::{
    CategoryOfNeed, Ethnicity, LegalStatus, PlacementProvider, PlacementType, ReasonEpisodeCeased,
    ReasonNewEpisode, Sex,
};
use domain::education::record::EducationChange;
use domain::journey::{CareJourney, Episode, EpisodeEnd, Placement, SocialWorkerEpisode};
use domain::roles::{Role, Worker};
use store::{ChildRepository, StaffRepository, Store};
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

/// A child of team T1 born on `dob`, looked after from `start`, and, if
/// `end` is given, adopted (or returned home) that day.
fn child(
    store: &Store,
    id: &str,
    dob: &str,
    start: &str,
    end: Option<(&str, ReasonEpisodeCeased)>,
) -> ChildId {
    let c = Child {
        id: ChildId::parse(id).unwrap(),
        name: PersonName::parse("Ava", "Testcase").unwrap(),
        sex: Sex::Female,
        date_of_birth: d(dob),
        ethnicity: Ethnicity::WhiteBritish,
        pupil_number: None,
        disabled: false,
        uasc: None,
    };
    let episode = Episode {
        start: d(start),
        reason_new_episode: ReasonNewEpisode::Started,
        legal_status: LegalStatus::FullCareOrder,
        category_of_need: CategoryOfNeed::AbuseOrNeglect,
        placement: Placement {
            placement_type: PlacementType::FosterOther,
            provider: Some(PlacementProvider::OwnProvision),
            postcode: Some(Postcode::parse("LE3 8RA").unwrap()),
            urn: None,
        },
        end: end.map(|(e, reason)| EpisodeEnd { date: d(e), reason }),
        reason_placement_change: None,
        home_postcode: None,
    };
    let sw = SocialWorkerEpisode {
        worker_id: "W1".into(),
        start: d(start),
        end: None,
        open_reason: None,
    };
    let journey = CareJourney::build(
        c,
        vec![episode],
        vec![],
        vec![],
        vec![sw],
        vec![],
        d("2030-01-01"),
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

fn adopted(store: &Store, id: &str, (dob, start): (&str, &str), on: &str) -> ChildId {
    child(
        store,
        id,
        dob,
        start,
        Some((on, ReasonEpisodeCeased::AdoptedUnopposed)),
    )
}

fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn edu(code: &str, pairs: &[(&str, &str)], today: &str) -> Result<EducationChange, String> {
    let f = form(pairs);
    EducationChange::parse(code, &|n| f.get(n).cloned().unwrap_or_default(), d(today))
}

/// Makes an education change at the record's current version.
fn apply(
    store: &Store,
    role: Role,
    child: &ChildId,
    today: &str,
    change: EducationChange,
) -> Result<i64, AppError> {
    let clock = FixedClock::on(today);
    let v = education(store, &user(role), &clock, child, "t")
        .unwrap()
        .version;
    change_education(store, &user(role), &clock, (child, v), change, "t")
}

/// Makes a referral at the record's current version.
fn refer(
    store: &Store,
    role: Role,
    child: &ChildId,
    today: &str,
    pairs: &[(&str, &str)],
) -> Result<i64, AppError> {
    let clock = FixedClock::on(today);
    let v = health(store, &user(Role::HealthPractitioner), &clock, child, "t")
        .unwrap()
        .version;
    let f = form(pairs);
    let service = f.get("service").cloned().unwrap_or_default();
    change_health(
        store,
        &user(role),
        &clock,
        (child, v),
        (HealthChange::Refer, &service),
        &|n| f.get(n).cloned().unwrap_or_default(),
        "t",
    )
}

test_support::on_both_backends! {
    fn edu_003_edu_009_on_the_roll_wherever_at_school_until_the_adoption_order_ends_peps(db) {
        let c = child(&db.store, "E009", "2015-05-01", "2024-01-08", None);
        apply(&db.store, Role::VirtualSchool, &c, "2025-09-03", edu("area", &[("area", "Rutland")], "2025-09-03").unwrap()).unwrap();
        let v = education(&db.store, &user(Role::VirtualSchool), &FixedClock::on("2025-09-03"), &c, "t").unwrap();
        assert!(v.on_roll);
        let a = adopted(&db.store, "E003", ("2016-05-01", "2020-01-06"), "2025-04-10");
        let v = education(&db.store, &user(Role::VirtualSchool), &FixedClock::on("2025-04-10"), &a, "t").unwrap();
        assert_eq!(v.pupil.adopted_on, Some(d("2025-04-10")));
        assert!(!v.on_roll);
        let err = apply(&db.store, Role::VirtualSchool, &a, "2025-05-01", edu("pep", &[("date", "2025-05-01")], "2025-05-01").unwrap()).unwrap_err();
        assert!(err.to_string().starts_with("date:"), "{err}");
    }

    fn edu_010_edu_014_peps_each_term_and_year_11_needs_its_careers_section(db) {
        let c = child(&db.store, "E010", "2012-03-01", "2023-01-09", None);
        for date in ["2025-10-08", "2026-02-11"] {
            apply(&db.store, Role::VirtualSchool, &c, date, edu("pep", &[("date", date)], date).unwrap()).unwrap();
        }
        let v = education(&db.store, &user(Role::VirtualSchool), &FixedClock::on("2026-08-01"), &c, "t").unwrap();
        assert!(v.prompts.iter().any(|(r, t)| *r == "EDU-010" && t.contains("summer term 2025/26")), "{:?}", v.prompts);
        let y11 = child(&db.store, "E014", "2010-01-01", "2023-01-09", None);
        let err = apply(&db.store, Role::VirtualSchool, &y11, "2025-11-12", edu("pep", &[("date", "2025-11-12")], "2025-11-12").unwrap()).unwrap_err();
        assert!(err.to_string().starts_with("careers:"), "{err}");
        apply(&db.store, Role::VirtualSchool, &y11, "2025-11-12", edu("pep", &[("date", "2025-11-12"), ("careers", "Careers adviser met; college taster booked")], "2025-11-12").unwrap()).unwrap();
        // A social worker does not record PEPs.
        let err = apply(&db.store, Role::SocialWorker, &y11, "2025-11-13", edu("pep", &[("date", "2025-11-13"), ("careers", "x")], "2025-11-13").unwrap()).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)));
    }

    fn edu_011_edu_012_pupil_premium_plus_managed_by_the_virtual_school_and_exclusions_told_the_same_day(db) {
        let c = child(&db.store, "E011", "2014-03-01", "2023-01-09", None);
        apply(&db.store, Role::VirtualSchool, &c, "2025-05-01", edu("allocation", &[("date", "2025-05-01"), ("pence", "45000"), ("used_for", "emotional")], "2025-05-01").unwrap()).unwrap();
        apply(&db.store, Role::VirtualSchool, &c, "2025-03-04", edu("event", &[("date", "2025-03-04"), ("kind", "exclusion")], "2025-03-04").unwrap()).unwrap();
        let v = education(&db.store, &user(Role::VirtualSchool), &FixedClock::on("2025-05-01"), &c, "t").unwrap();
        assert_eq!(v.record.allocations[0].managed_by, "Virtual School");
        assert_eq!(v.record.events[0].notified, d("2025-03-04"));
        let lines = virtual_school(&db.store, &user(Role::VirtualSchool), &FixedClock::on("2025-05-01"), "t").unwrap();
        assert!(lines.iter().any(|l| l.rule == "EDU-012" && l.date == Some(d("2025-03-04"))));
        assert_eq!(domain::education::record::VS_TRAINING.1, ["foster carers", "connected carers", "special guardians", "adoptive parents"]);
    }

    fn edu_013_edu_015_a_school_move_waits_for_the_virtual_school_and_a_transition_plan(db) {
        let c = child(&db.store, "E015", "2014-03-01", "2023-01-09", None);
        let move_ = |consulted: &str, plan: &str| edu("move", &[("date", "2025-05-01"), ("school", "Hinckley Academy"), ("consulted", consulted), ("transition_plan", plan)], "2025-04-01").unwrap();
        let err = apply(&db.store, Role::SocialWorker, &c, "2025-04-01", move_("no", "yes")).unwrap_err();
        assert!(err.to_string().starts_with("consulted:"), "{err}");
        let err = apply(&db.store, Role::SocialWorker, &c, "2025-04-01", move_("yes", "no")).unwrap_err();
        assert!(err.to_string().starts_with("transition_plan:"), "{err}");
        apply(&db.store, Role::SocialWorker, &c, "2025-04-01", move_("yes", "yes")).unwrap();
        // The Virtual School's training reaches every kind of carer (EDU-013).
        assert!(domain::education::record::VS_TRAINING.1.contains(&"adoptive parents"));
    }

    fn edu_004_edu_007_advice_for_adopted_children_and_the_priority_admission_letter(db) {
        let a = adopted(&db.store, "E004", ("2020-06-01", "2021-01-04"), "2022-04-10");
        apply(&db.store, Role::VirtualSchool, &a, "2025-02-05", edu("advice", &[("date", "2025-02-05"), ("from", "School"), ("in_area", "yes")], "2025-02-05").unwrap()).unwrap();
        apply(&db.store, Role::VirtualSchool, &a, "2025-02-06", edu("advice", &[("date", "2025-02-06"), ("from", "School"), ("in_area", "no")], "2025-02-06").unwrap()).unwrap();
        apply(&db.store, Role::SocialWorker, &a, "2025-11-03", edu("letter", &[("date", "2025-11-03")], "2025-11-03").unwrap()).unwrap();
        let v = education(&db.store, &user(Role::VirtualSchool), &FixedClock::on("2025-11-03"), &a, "t").unwrap();
        assert!(v.record.advice[0].outcome.starts_with("Logged"));
        assert!(v.record.advice[1].outcome.contains("signposted"));
        let letter = domain::education::record::admission_letter(v.pupil.adopted_on.unwrap());
        assert!(letter.contains("priority admission") && letter.contains("10 April 2022"));
        // A child in care is not "adopted": no letter.
        let c = child(&db.store, "E007", "2020-06-01", "2022-01-10", None);
        assert!(apply(&db.store, Role::SocialWorker, &c, "2025-11-03", edu("letter", &[("date", "2025-11-03")], "2025-11-03").unwrap()).is_err());
    }

    fn edu_005_edu_006_edu_008_edu_016_hlth_001_early_years_pupil_premium_and_the_information_pack(db) {
        let a = adopted(&db.store, "E005", ("2023-03-15", "2023-06-01"), "2024-02-01");
        let v = education(&db.store, &user(Role::VirtualSchool), &FixedClock::on("2025-03-15"), &a, "t").unwrap();
        assert_eq!(v.free_place.map(|p| p.0), Some(d("2025-03-15")));
        assert!(v.pack.iter().any(|(n, _)| n.contains("Help Paying for Childcare")));
        assert!(v.pack.iter().any(|(_, l)| l.contains("kooth.com")));
        let b = adopted(&db.store, "E006", ("2021-09-01", "2022-01-03"), "2023-01-01");
        let v = education(&db.store, &user(Role::VirtualSchool), &FixedClock::on("2024-10-01"), &b, "t").unwrap();
        assert_eq!(v.eypp, Some((d("2024-09-01"), d("2026-08-31"))));
        assert!(v.prompts.iter().any(|(r, _)| *r == "EDU-006"));
        apply(&db.store, Role::SocialWorker, &b, "2025-01-10", edu("told", &[("provider_on", "2024-10-02"), ("school_on", "2025-01-10")], "2025-01-10").unwrap()).unwrap();
        apply(&db.store, Role::SocialWorker, &b, "2025-01-10", edu("ehcp", &[("ehcp", "yes")], "2025-01-10").unwrap()).unwrap();
        let v = education(&db.store, &user(Role::VirtualSchool), &FixedClock::on("2025-01-10"), &b, "t").unwrap();
        assert!(!v.prompts.iter().any(|(r, _)| *r == "EDU-006"));
        assert_eq!(v.census, Some((d("2025-01-16"), 230_000)));
        assert!(v.pack.iter().any(|(n, _)| n.contains("Local Offer")));
    }

    fn hlth_002_only_the_social_worker_books_a_consultation_by_email(db) {
        let c = child(&db.store, "H002", "2015-03-01", "2023-01-09", None);
        let booking = [("service", "consultation"), ("date", "2025-04-01"), ("need", "Night-time anxiety")];
        let err = refer(&db.store, Role::HealthPractitioner, &c, "2025-04-01", &booking).unwrap_err();
        assert!(err.to_string().contains("social worker"), "{err}");
        refer(&db.store, Role::SocialWorker, &c, "2025-04-01", &booking).unwrap();
        let v = health(&db.store, &user(Role::SocialWorker), &FixedClock::on("2025-04-01"), &c, "t").unwrap();
        assert!(v.record.referrals[0].outcome.contains("fpsadmin@leics.gov.uk") && v.record.referrals[0].outcome.contains("\"Booking Consultation Session\""));
    }

    fn hlth_003_hlth_004_hlth_005_hlth_006_therapy_options_sdq_and_an_accredited_therapist_before_payment(db) {
        let c = child(&db.store, "H004", "2015-03-01", "2023-01-09", None);
        let sw = Role::SocialWorker;
        let private = [("service", "therapy"), ("date", "2025-03-20"), ("need", "Trauma"), ("option", "private"), ("therapist", "A Therapist, BACP 123")];
        let err = refer(&db.store, sw, &c, "2025-03-20", &private).unwrap_err();
        assert!(err.to_string().starts_with("considered:"), "{err}");
        let mut ok = private.to_vec();
        ok.push(("considered", "CAMHS (waiting list); life story work (under way)"));
        refer(&db.store, sw, &c, "2025-03-20", &ok).unwrap();
        let v = health(&db.store, &user(sw), &FixedClock::on("2025-03-20"), &c, "t").unwrap();
        // HLTH-003: a looked-after child without a permanence decision.
        assert!(v.record.referrals[0].outcome.contains("Fostering Offer"));
        // HLTH-005: payment is blocked until the accreditation is verified.
        let clock = FixedClock::on("2025-06-03");
        let none = |_: &str| String::new();
        let err = change_health(&db.store, &user(sw), &clock, (&c, v.version), (HealthChange::Pay(0), ""), &none, "t").unwrap_err();
        assert!(err.to_string().starts_with("verified:"), "{err}");
        let v2 = change_health(&db.store, &user(sw), &clock, (&c, v.version), (HealthChange::Verify(0), ""), &none, "t").unwrap();
        change_health(&db.store, &user(sw), &clock, (&c, v2), (HealthChange::Pay(0), ""), &none, "t").unwrap();
        // HLTH-006: with an SDQ recorded for a child aged 3 to 16 it must be considered.
        let vs_clock = FixedClock::on("2025-01-15");
        let hp = user(Role::HealthPractitioner);
        app::casework::record_activity(&db.store, &hp, &vs_clock, &c, app::casework::ActivityInput {
            kind: domain::deadlines::EventKind::HealthAssessment,
            date: d("2025-01-15"),
            answers: domain::casework::activities::Answers { sdq_score: Some(18), assessment_type: Some("review".into()), ..Default::default() },
        }, "t").unwrap();
        let therapy = [("service", "therapy"), ("date", "2025-02-01"), ("need", "Anger"), ("option", "camhs")];
        let err = refer(&db.store, sw, &c, "2025-02-01", &therapy).unwrap_err();
        assert!(err.to_string().starts_with("sdq_considered:"), "{err}");
        let mut considered = therapy.to_vec();
        considered.push(("sdq_considered", "yes"));
        refer(&db.store, sw, &c, "2025-02-01", &considered).unwrap();
    }

    fn train_008_an_adoptive_family_asking_for_the_3_9_course_for_an_11_year_old_is_offered_the_adolescence_one(db) {
        // Born 2014-03-01: 11 on 2025-09-01.
        let a = adopted(&db.store, "T008", ("2014-03-01", "2015-01-05"), "2016-01-01");
        let sw = Role::SocialWorker;
        let ask = |programme: &str| refer(&db.store, sw, &a, "2025-09-01", &[("service", "coram"), ("date", "2025-09-01"), ("programme", programme)]);
        let err = ask("parenting_3_9").unwrap_err().to_string();
        assert!(err.starts_with("programme:") && err.contains("Parenting Skill Training for children approaching adolescence"), "{err}");
        ask("parenting_adolescence").unwrap();
        ask("stay_and_play").unwrap();
        // Not for a child still looked after.
        let c = child(&db.store, "T009", "2018-05-01", "2024-01-08", None);
        let err = refer(&db.store, sw, &c, "2025-09-01", &[("service", "coram"), ("date", "2025-09-01"), ("programme", "parenting_3_9")]).unwrap_err();
        assert!(err.to_string().starts_with("service:"), "{err}");
    }

    fn hlth_007_hlth_008_hlth_011_allocation_gateway_and_family_action_ask_what_they_need(db) {
        let a = adopted(&db.store, "H007", ("2014-03-01", "2015-01-05"), "2016-01-01");
        let sw = Role::SocialWorker;
        let err = refer(&db.store, sw, &a, "2025-03-12", &[("service", "post_adoption"), ("date", "2025-03-12"), ("team", "Early Help")]).unwrap_err();
        assert!(err.to_string().starts_with("adviser:"), "{err}");
        refer(&db.store, sw, &a, "2025-03-12", &[("service", "post_adoption"), ("date", "2025-03-12"), ("team", "Early Help"), ("adviser", "PASW")]).unwrap();
        let err = refer(&db.store, sw, &a, "2025-05-08", &[("service", "gateway"), ("date", "2025-05-08"), ("social_worker", "SW")]).unwrap_err();
        assert!(err.to_string().starts_with("parent:"), "{err}");
        refer(&db.store, sw, &a, "2025-05-08", &[("service", "gateway"), ("date", "2025-05-08"), ("social_worker", "SW"), ("parent", "Parent")]).unwrap();
        let err = refer(&db.store, sw, &a, "2025-05-05", &[("service", "psa"), ("date", "2025-05-05"), ("source", "self"), ("channel", "email")]).unwrap_err();
        assert!(err.to_string().starts_with("channel:"), "{err}");
        refer(&db.store, sw, &a, "2025-05-05", &[("service", "psa"), ("date", "2025-05-05"), ("source", "self"), ("channel", "telephone"), ("intervention", "group")]).unwrap();
    }

    fn hlth_009_hlth_010_hlth_012_hlth_013_ages_meetings_and_camhs_teams(db) {
        let young = child(&db.store, "H009", "2022-01-10", "2023-01-09", None);
        let twelve = child(&db.store, "H010", "2013-01-10", "2023-01-09", None);
        let seven = child(&db.store, "H012", "2018-01-10", "2023-01-09", None);
        let sw = Role::SocialWorker;
        let cab = |meeting: &'static str| vec![("service", "abusive_behaviour"), ("date", "2025-06-01"), ("child_in_need", "yes"), ("in_area", "yes"), ("meeting", meeting)];
        assert!(refer(&db.store, sw, &young, "2025-06-01", &cab("MAM-1")).unwrap_err().to_string().contains("aged 4 to 17"));
        assert!(refer(&db.store, sw, &twelve, "2025-06-01", &cab("")).unwrap_err().to_string().starts_with("meeting:"));
        let not_cin = [("service", "abusive_behaviour"), ("date", "2025-06-01"), ("child_in_need", "no"), ("in_area", "yes"), ("meeting", "MAM-1")];
        assert!(refer(&db.store, sw, &twelve, "2025-06-01", &not_cin).unwrap_err().to_string().contains("Early Help"));
        refer(&db.store, sw, &twelve, "2025-06-01", &cab("MAM-1")).unwrap();
        let yos = |on: &'static str| vec![("service", "yos"), ("date", on), ("need", "Anti-social behaviour")];
        assert!(refer(&db.store, sw, &seven, "2025-06-01", &yos("2025-06-01")).is_err());
        refer(&db.store, sw, &twelve, "2025-06-01", &yos("2025-06-01")).unwrap();
        refer(&db.store, sw, &twelve, "2025-06-01", &[("service", "camhs"), ("date", "2025-06-01"), ("physical", "yes")]).unwrap();
        let v = health(&db.store, &user(sw), &FixedClock::on("2025-06-01"), &twelve, "t").unwrap();
        let outcomes: Vec<&str> = v.record.referrals.iter().map(|r| r.outcome.as_str()).collect();
        assert!(outcomes.iter().any(|o| o.contains("Risk of harm to others")));
        let camhs = outcomes.iter().find(|o| o.starts_with("Teams suggested")).unwrap();
        assert!(camhs.contains("Young Peoples Team") && !camhs.contains("Crisis Resolution"));
    }
}
