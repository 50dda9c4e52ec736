//! Foster carers' use cases on both backends: a mainstream applicant from
//! enquiry through the Form F, the fostering panel and the agency decision
//! to approval with its terms, each step carrying what its rule asks and
//! starting or clearing the deadlines on the worklist of the person who
//! must act; then the approved carer's reviews, visits and training, and
//! leaving with a reason.

use app::AppError;
use app::fostering::carers::{self as fc};
use app::households::{self as hh, NewHousehold};
use chrono::{NaiveDate, NaiveDateTime};
use domain::access::User;
use domain::audit::Actor;
use domain::fostering::carers::{
    ApprovalTerms, Enquiry, Exit, FosterStep, InitialVisit, STAGE_ONE_PAPERS,
};
use domain::fostering::concerns::{Concern, ConcernStep};
use domain::fostering::reviews::{Review, Visit, VisitKind};
use domain::fostering::training::Booking;
use domain::households::household::LinkKind;
use domain::households::lifecycle::RoleKind;
use domain::permanence::panels::{Attendance, ForumKind, SeatRole};
use domain::roles::Role;
use domain::subjects::SubjectItem;
use domain::time::parse_iso_date;
use store::{AuditFilter, AuditLog, HouseholdRepository, Store};
use test_support::FixedClock;

fn d(s: &str) -> NaiveDate {
    parse_iso_date("test date", s).unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn user(role: Role, team: Option<&str>) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: team.map(str::to_owned),
        worker_id: None,
    }
}

fn ssw() -> User {
    user(Role::SupervisingSocialWorker, Some("Fostering"))
}

fn adviser() -> User {
    user(Role::PanelAdviser, None)
}

fn adm() -> User {
    user(Role::AgencyDecisionMaker, None)
}

/// A household of the Fostering team (worker SW9) enquiring on `on`; its role.
fn applicant(store: &Store, on: &str) -> String {
    let new = NewHousehold {
        name: "The Rule family".into(),
        worker: Some("SW9".into()),
        role: Some(RoleKind::FosterCarer),
        ..Default::default()
    };
    let id = hh::add_household(store, &ssw(), &FixedClock::on(on), new, "test").unwrap();
    format!("{id}-R1")
}

fn version(store: &Store, role: &str) -> i64 {
    let h = role.rsplit_once("-R").unwrap().0;
    store.read(|tx| tx.household(h)).unwrap().unwrap().version
}

fn step(
    store: &Store,
    who: &User,
    role: &str,
    on: &str,
    s: FosterStep,
) -> Result<String, AppError> {
    fc::record_carer_step(
        store,
        who,
        &FixedClock::on(on),
        (role, version(store, role)),
        s,
        "test",
    )
}

fn papers() -> Vec<String> {
    STAGE_ONE_PAPERS
        .iter()
        .map(|(c, _)| (*c).to_owned())
        .collect()
}

/// The applicant taken to panel: visit 2025-01-10, PTAD 2025-01-20, Form F
/// 2025-02-03 to 2025-05-19 with panel fixed for 2025-06-04.
fn to_panel(store: &Store, role: &str) {
    let visit = InitialVisit {
        visited: at("2025-01-10 10:00"),
        report_saved: at("2025-01-11 16:00"),
    };
    step(
        store,
        &ssw(),
        role,
        "2025-01-11",
        FosterStep::InitialVisit(visit),
    )
    .unwrap();
    step(
        store,
        &ssw(),
        role,
        "2025-01-20",
        FosterStep::Ptad {
            on: d("2025-01-20"),
            proceed: true,
        },
    )
    .unwrap();
    let start = FosterStep::StartFormF {
        on: d("2025-02-03"),
        papers: papers(),
        panel_date: Some(d("2025-06-04")),
        previous_partner: false,
    };
    step(store, &ssw(), role, "2025-02-03", start).unwrap();
    let done = FosterStep::CompleteFormF {
        on: d("2025-05-19"),
        skills_to_foster: Some(d("2025-03-01")),
        applicant_agreed: Some(d("2025-05-16")),
    };
    step(store, &ssw(), role, "2025-05-19", done).unwrap();
}

fn terms() -> ApprovalTerms {
    ApprovalTerms::new(0, 11, 2, "short_term").unwrap()
}

/// An approved carer: panel 2025-06-04, approved 2025-06-09.
fn approved(store: &Store, on: &str) -> String {
    approved_on_terms(store, on, terms())
}

/// An approved carer on `terms`: panel 2025-06-04, approved 2025-06-09.
fn approved_on_terms(store: &Store, on: &str, terms: ApprovalTerms) -> String {
    let role = applicant(store, on);
    to_panel(store, &role);
    step(
        store,
        &adviser(),
        &role,
        "2025-06-04",
        FosterStep::Recommend {
            on: d("2025-06-04"),
            approval: true,
        },
    )
    .unwrap();
    step(
        store,
        &adm(),
        &role,
        "2025-06-09",
        FosterStep::Approve {
            on: d("2025-06-09"),
            terms,
        },
    )
    .unwrap();
    role
}

/// Places `children` children (C101 ...) with the household of `role`, as
/// the household's record holds them.
fn place(store: &Store, role: &str, children: usize) {
    let id = role.rsplit_once("-R").unwrap().0;
    store
        .write(|tx| {
            let mut h = tx.household(id)?.unwrap();
            for n in 0..children {
                let child = format!("C{}{n}", h.value.links.len() + 100);
                h.value
                    .link_child(&child, LinkKind::PlacedWith, d("2025-07-01"))
                    .unwrap();
            }
            tx.update_household(&h.value, h.version)?;
            Ok::<_, store::StoreError>(())
        })
        .unwrap();
}

fn worklist(store: &Store, who: &User, on: &str) -> Vec<SubjectItem> {
    app::subject_worklist(store, who, &FixedClock::on(on), None)
        .unwrap()
        .to_vec()
}

fn due(items: &[SubjectItem], rule: &str) -> Option<NaiveDate> {
    items.iter().find(|i| i.rule == Some(rule)).map(|i| i.due)
}

fn file(store: &Store, role: &str) -> fc::CarerView {
    fc::open_carer(store, &ssw(), &FixedClock::on("2026-12-31"), role, "test").unwrap()
}

/// A step that carries nothing but its date (WF-FOST-ALLEGATION, holds).
fn dated(store: &Store, who: &User, role: &str, name: &str, on: &str) -> Result<String, AppError> {
    step(
        store,
        who,
        role,
        on,
        FosterStep::dated(name, d(on)).unwrap(),
    )
}

fn concern(on: &str, summary: &str) -> FosterStep {
    FosterStep::Concern(ConcernStep::RaiseConcern(Concern {
        on: d(on),
        raised_by: "carer".into(),
        summary: summary.into(),
    }))
}

/// The Fostering Panel (chair, vice-chair, ADM, two members; quorum one
/// member beyond the chair and the ADM) sitting on `on`, with those of
/// `seats` attending; the meeting's identifier.
fn fostering_panel(store: &Store, on: &str, seats: &[SeatRole]) -> String {
    let mut forum = test_support::permanence_demo::demo_forum(d("2020-01-01"));
    forum.kind = ForumKind::FosteringPanel;
    app::permanence::configure_forum(store, &Actor::new("admin"), &FixedClock::on(on), &forum)
        .unwrap();
    let clock = FixedClock::on("2025-06-01");
    let id = app::permanence::create_meeting(
        store,
        &adviser(),
        &clock,
        ForumKind::FosteringPanel,
        d(on),
        "test",
    )
    .unwrap();
    attend(store, &id, seats);
    id
}

/// Records who attended the meeting `id`, in `seats`.
fn attend(store: &Store, id: &str, seats: &[SeatRole]) {
    let clock = FixedClock::on("2025-06-04");
    let v = app::permanence::meeting(store, &adviser(), &clock, id, "view_meeting", "test")
        .unwrap()
        .0
        .version;
    let attendees = seats
        .iter()
        .enumerate()
        .map(|(i, s)| Attendance {
            person: format!("member-{i}"),
            seat: *s,
        })
        .collect();
    app::permanence::record_attendance(store, &adviser(), &clock, id, v, attendees, "test")
        .unwrap();
}

fn review_on(on: &str, with_csw: bool) -> FosterStep {
    let mut who = vec!["carer".to_owned()];
    if with_csw {
        who.push("csw".into());
    }
    FosterStep::Review(Review {
        on: d(on),
        training_hours: 0,
        override_note: "Training was in supervision".into(),
        contributions: who,
    })
}

test_support::on_both_backends! {
    fn fost_002_the_enquirys_reply_is_held_against_the_two_hour_standard(db) {
        let role = applicant(&db.store, "2019-06-04");
        let e = Enquiry { channel: "phone".into(), received: at("2019-06-04 10:00"), replied: at("2019-06-04 12:30") };
        step(&db.store, &ssw(), &role, "2019-06-04", FosterStep::Enquiry(e)).unwrap();
        let view = file(&db.store, &role);
        assert_eq!(view.file.enquiry.unwrap().reply_standard().words(), "Missed by 30 minutes");
        // An unknown channel is refused, naming the field.
        let bad = Enquiry { channel: "pigeon".into(), received: at("2019-06-04 10:00"), replied: at("2019-06-04 11:00") };
        let err = step(&db.store, &ssw(), &role, "2019-06-04", FosterStep::Enquiry(bad)).unwrap_err();
        assert!(err.to_string().starts_with("channel:"), "{err}");
    }

    fn fost_004_the_initial_visit_report_is_held_against_48_hours_and_starts_the_six_months(db) {
        let role = applicant(&db.store, "2019-03-01");
        let visit = InitialVisit { visited: at("2019-03-05 14:00"), report_saved: at("2019-03-07 15:00") };
        assert_eq!(step(&db.store, &ssw(), &role, "2019-03-07", FosterStep::InitialVisit(visit)).unwrap(), "initial_visit");
        let view = fc::open_carer(&db.store, &ssw(), &FixedClock::on("2019-03-08"), &role, "test").unwrap();
        assert_eq!(view.file.initial_visit.unwrap().report_standard().words(), "Missed by 1 hour");
        // FOST-007: at panel within 6 months of the initial visit.
        assert!(view.deadlines.iter().any(|i| i.rule == Some("FOST-007") && i.due == d("2019-09-05")));
    }

    fn fost_005_an_applicant_not_proceeding_at_ptad_cannot_reach_stage_one(db) {
        let role = applicant(&db.store, "2025-01-06");
        let visit = InitialVisit { visited: at("2025-01-10 10:00"), report_saved: at("2025-01-10 17:00") };
        step(&db.store, &ssw(), &role, "2025-01-10", FosterStep::InitialVisit(visit)).unwrap();
        let stage = step(&db.store, &ssw(), &role, "2025-01-20", FosterStep::Ptad { on: d("2025-01-20"), proceed: false }).unwrap();
        assert_eq!(stage, "closed");
        let start = FosterStep::StartFormF { on: d("2025-01-21"), papers: papers(), panel_date: Some(d("2025-06-01")), previous_partner: false };
        assert!(step(&db.store, &ssw(), &role, "2025-01-21", start).is_err());
        assert_eq!(file(&db.store, &role).file.ptad, Some((d("2025-01-20"), false)));
    }

    fn fost_006_the_form_f_does_not_start_with_a_stage_one_paper_missing(db) {
        let role = applicant(&db.store, "2025-01-06");
        let visit = InitialVisit { visited: at("2025-01-10 10:00"), report_saved: at("2025-01-10 17:00") };
        step(&db.store, &ssw(), &role, "2025-01-10", FosterStep::InitialVisit(visit)).unwrap();
        step(&db.store, &ssw(), &role, "2025-01-20", FosterStep::Ptad { on: d("2025-01-20"), proceed: true }).unwrap();
        let before = version(&db.store, &role);
        let no_referees: Vec<String> = papers().into_iter().filter(|p| p != "referees").collect();
        let start = FosterStep::StartFormF { on: d("2025-02-03"), papers: no_referees, panel_date: Some(d("2025-06-04")), previous_partner: false };
        let err = step(&db.store, &ssw(), &role, "2025-02-03", start).unwrap_err();
        assert!(err.to_string().contains("Referees"), "{err}");
        // Nothing changed.
        assert_eq!(version(&db.store, &role), before);
        assert_eq!(file(&db.store, &role).role.stage, "stage_one");
    }

    fn fost_008_the_panel_date_is_fixed_when_the_form_f_starts_and_fost_007_its_sixteen_weeks_run(db) {
        let role = applicant(&db.store, "2019-01-02");
        let visit = InitialVisit { visited: at("2019-01-02 10:00"), report_saved: at("2019-01-02 17:00") };
        step(&db.store, &ssw(), &role, "2019-01-02", FosterStep::InitialVisit(visit)).unwrap();
        step(&db.store, &ssw(), &role, "2019-01-03", FosterStep::Ptad { on: d("2019-01-03"), proceed: true }).unwrap();
        let no_date = FosterStep::StartFormF { on: d("2019-01-07"), papers: papers(), panel_date: None, previous_partner: false };
        let err = step(&db.store, &ssw(), &role, "2019-01-07", no_date).unwrap_err();
        assert!(err.to_string().starts_with("panel_date:"), "{err}");
        let start = FosterStep::StartFormF { on: d("2019-01-07"), papers: papers(), panel_date: Some(d("2019-05-15")), previous_partner: false };
        step(&db.store, &ssw(), &role, "2019-01-07", start).unwrap();
        assert_eq!(file(&db.store, &role).file.assessment.unwrap().panel_date, d("2019-05-15"));
        assert_eq!(due(&worklist(&db.store, &ssw(), "2019-04-20"), "FOST-007"), Some(d("2019-04-29")));
    }

    fn fost_010_and_fost_009_panel_needs_skills_to_foster_and_the_applicants_agreement(db) {
        let role = applicant(&db.store, "2025-01-06");
        let visit = InitialVisit { visited: at("2025-01-10 10:00"), report_saved: at("2025-01-10 17:00") };
        step(&db.store, &ssw(), &role, "2025-01-10", FosterStep::InitialVisit(visit)).unwrap();
        step(&db.store, &ssw(), &role, "2025-01-20", FosterStep::Ptad { on: d("2025-01-20"), proceed: true }).unwrap();
        let start = FosterStep::StartFormF { on: d("2025-02-03"), papers: papers(), panel_date: Some(d("2025-06-04")), previous_partner: false };
        step(&db.store, &ssw(), &role, "2025-02-03", start).unwrap();
        let no_skills = FosterStep::CompleteFormF { on: d("2025-05-19"), skills_to_foster: None, applicant_agreed: Some(d("2025-05-16")) };
        let err = step(&db.store, &ssw(), &role, "2025-05-19", no_skills).unwrap_err();
        assert!(err.to_string().starts_with("skills_to_foster:"), "{err}");
        let unagreed = FosterStep::CompleteFormF { on: d("2025-05-19"), skills_to_foster: Some(d("2025-03-01")), applicant_agreed: None };
        let err = step(&db.store, &ssw(), &role, "2025-05-19", unagreed).unwrap_err();
        assert!(err.to_string().starts_with("applicant_agreed:"), "{err}");
        let done = FosterStep::CompleteFormF { on: d("2025-05-19"), skills_to_foster: Some(d("2025-03-01")), applicant_agreed: Some(d("2025-05-16")) };
        assert_eq!(step(&db.store, &ssw(), &role, "2025-05-19", done).unwrap(), "panel");
    }

    fn fost_014_the_pre_panel_meeting_is_held_in_the_week_before_the_panel(db) {
        // Panel fixed for 2025-06-04: the week before is 2025-05-28 to 2025-06-03.
        let role = applicant(&db.store, "2025-01-06");
        to_panel(&db.store, &role);
        let early = dated(&db.store, &adviser(), &role, "pre_panel", "2025-05-27").unwrap_err();
        assert!(early.to_string().starts_with("date:") && early.to_string().contains("from 28/05/2025 to 03/06/2025"), "{early}");
        assert!(dated(&db.store, &adviser(), &role, "pre_panel", "2025-06-04").is_err(), "not on the panel's day");
        assert!(dated(&db.store, &ssw(), &role, "pre_panel", "2025-06-02").is_err(), "the Panel Adviser records it");
        assert_eq!(file(&db.store, &role).file.pre_panel, None, "nothing recorded");
        dated(&db.store, &adviser(), &role, "pre_panel", "2025-06-03").unwrap();
        assert_eq!(file(&db.store, &role).file.pre_panel, Some(d("2025-06-03")));
        assert_eq!(file(&db.store, &role).role.stage, "panel", "the case stays before the panel");
    }

    fn fost_013_an_inquorate_fostering_panel_cannot_be_opened_to_recommend(db) {
        let role = applicant(&db.store, "2025-01-06");
        to_panel(&db.store, &role);
        // The spec's Check: the chair and the ADM attend, one member short of the quorum.
        let meeting = fostering_panel(&db.store, "2025-06-04", &[SeatRole::Chair, SeatRole::AgencyDecisionMaker, SeatRole::Adviser]);
        let recommend = FosterStep::Recommend { on: d("2025-06-04"), approval: true };
        let refused = step(&db.store, &adviser(), &role, "2025-06-04", recommend.clone()).unwrap_err();
        assert!(matches!(refused, AppError::Invalid(_)), "{refused:?}");
        assert!(refused.to_string().contains("Fostering Panel of 4 June 2025 was not quorate") && refused.to_string().contains("FOST-013"), "{refused}");
        // Nothing changed: the case is still before the panel, the ADM's 7 days not started.
        assert_eq!(file(&db.store, &role).role.stage, "panel");
        assert_eq!(due(&worklist(&db.store, &adm(), "2025-06-05"), "FOST-015"), None);
        // With a member's attendance recorded the panel is quorate and recommends.
        attend(&db.store, &meeting, &[SeatRole::Chair, SeatRole::AgencyDecisionMaker, SeatRole::Member]);
        step(&db.store, &adviser(), &role, "2025-06-04", recommend).unwrap();
        assert_eq!(due(&worklist(&db.store, &adm(), "2025-06-05"), "FOST-015"), Some(d("2025-06-11")));
    }

    fn fost_032_the_carers_list_counts_the_specialist_carers_places_and_vacancies(db) {
        let store = &db.store;
        let specialist = |children: u8, kind: &str| ApprovalTerms::new(5, 17, children, "long_term").unwrap().with_category("specialist", kind).unwrap();
        // The spec's Check: capacity 10 (a Pathway carer for 6, a One2One carer for 4) and 8 placed.
        let pathway = approved_on_terms(store, "2025-01-06", specialist(6, "pathway"));
        let one2one = approved_on_terms(store, "2025-01-06", specialist(4, "one2one"));
        // A mainstream carer's places and children are not the scheme's.
        let mainstream = approved(store, "2025-01-06");
        place(store, &pathway, 6);
        place(store, &one2one, 2);
        place(store, &mainstream, 1);
        let o = fc::carers_overview(store, &ssw(), &FixedClock::on("2025-07-02"), "test").unwrap();
        assert_eq!((o.specialist.households, o.specialist.capacity, o.specialist.placed), (2, 10, 8));
        assert_eq!(o.specialist.vacancies(), 2);
        // A specialist carer who leaves takes their places with them.
        let exit = Exit { on: d("2025-08-01"), reason: "retirement".into(), exit_interview_offered: true };
        step(store, &ssw(), &one2one, "2025-08-01", FosterStep::Deregister(exit)).unwrap();
        let o = fc::carers_overview(store, &ssw(), &FixedClock::on("2025-08-02"), "test").unwrap();
        assert_eq!((o.specialist.capacity, o.specialist.placed, o.specialist.vacancies()), (6, 6, 0));
    }

    fn fost_043_the_years_approvals_are_reported_against_both_recruitment_targets(db) {
        let store = &db.store;
        // Three mainstream carers and a Pathway carer approved on 2025-06-09, in 2025/26.
        let first = approved(store, "2025-01-06");
        approved(store, "2025-01-06");
        approved(store, "2025-01-06");
        let pathway = ApprovalTerms::new(11, 17, 1, "long_term").unwrap().with_category("specialist", "pathway").unwrap();
        approved_on_terms(store, "2025-01-06", pathway);
        // An applicant still in assessment is not an approval.
        applicant(store, "2025-01-06");
        // A carer who has left since still counts (the targets are gross).
        let exit = Exit { on: d("2025-12-01"), reason: "retirement".into(), exit_interview_offered: true };
        step(store, &ssw(), &first, "2025-12-01", FosterStep::Deregister(exit)).unwrap();
        let o = fc::carers_overview(store, &ssw(), &FixedClock::on("2026-03-31"), "test").unwrap();
        let mainstream = &o.recruitment[0];
        assert_eq!((mainstream.year_words(), mainstream.approvals), ("2025/26".to_owned(), 3));
        // Both of the year's conflicting targets are reported: 3 is 21% of 14 and 18% of 17.
        assert_eq!(mainstream.against, vec![(14, 21), (17, 18)]);
        assert_eq!((o.recruitment[1].approvals, o.recruitment[1].against.clone()), (1, vec![(2, 50)]));
        // 2026/27 has no targets configured yet.
        assert!(fc::carers_overview(store, &ssw(), &FixedClock::on("2026-04-01"), "test").unwrap().recruitment.is_empty());
    }

    fn fost_033_a_short_breaks_carer_without_a_weekend_break_in_a_month_is_flagged(db) {
        let store = &db.store;
        let breaks = approved_on_terms(store, "2025-01-06", ApprovalTerms::new(5, 17, 1, "short_breaks").unwrap());
        let short_break = |on: &str| FosterStep::ShortBreak { on: d(on) };
        // A mainstream carer gives no short breaks.
        let mainstream = approved(store, "2025-01-06");
        let refused = step(store, &ssw(), &mainstream, "2025-07-05", short_break("2025-07-05")).unwrap_err();
        assert!(refused.to_string().contains("FOST-033"), "{refused}");
        // Saturday 5 July and Friday 1 August; in September only a Wednesday.
        for on in ["2025-07-05", "2025-08-01", "2025-09-10"] {
            step(store, &ssw(), &breaks, on, short_break(on)).unwrap();
        }
        let again = step(store, &ssw(), &breaks, "2025-09-10", short_break("2025-09-10")).unwrap_err();
        assert!(again.to_string().starts_with("date:"), "{again}");
        let line = |on: &str| {
            fc::list_carers(store, &ssw(), &FixedClock::on(on), "test").unwrap().into_iter().find(|l| l.role == breaks).unwrap()
        };
        // September is still open on its last day; from 1 October it is flagged.
        assert_eq!(line("2025-09-30").short_break_missed, None);
        assert_eq!(line("2025-10-01").short_break_missed, Some(d("2025-09-01")));
        let view = fc::open_carer(store, &ssw(), &FixedClock::on("2025-11-01"), &breaks, "test").unwrap();
        assert_eq!(view.short_breaks_missed, vec![d("2025-09-01"), d("2025-10-01")]);
        // A weekend in October clears October, not September.
        step(store, &ssw(), &breaks, "2025-10-04", short_break("2025-10-04")).unwrap();
        let view = fc::open_carer(store, &ssw(), &FixedClock::on("2025-11-01"), &breaks, "test").unwrap();
        assert_eq!(view.short_breaks_missed, vec![d("2025-09-01")]);
        assert_eq!(view.file.short_breaks.len(), 4);
        // Other carers have nothing flagged.
        assert_eq!(fc::list_carers(store, &ssw(), &FixedClock::on("2025-11-01"), "test").unwrap().into_iter().find(|l| l.role == mainstream).unwrap().short_break_missed, None);
    }

    fn fost_015_the_agency_decision_follows_the_fostering_panel_within_seven_days_and_clears_it(db) {
        let role = applicant(&db.store, "2025-01-06");
        to_panel(&db.store, &role);
        // Only the panel records its recommendation.
        let early = step(&db.store, &ssw(), &role, "2025-06-04", FosterStep::Recommend { on: d("2025-06-04"), approval: true }).unwrap_err();
        assert!(early.to_string().contains("panel adviser"), "{early}");
        assert_eq!(due(&worklist(&db.store, &adm(), "2025-06-03"), "FOST-015"), None, "starts only at the panel");
        step(&db.store, &adviser(), &role, "2025-06-04", FosterStep::Recommend { on: d("2025-06-04"), approval: true }).unwrap();
        assert_eq!(due(&worklist(&db.store, &adm(), "2025-06-05"), "FOST-015"), Some(d("2025-06-11")));
        // Approval needs the ADM, and clears the deadline.
        let ssw_approves = step(&db.store, &ssw(), &role, "2025-06-09", FosterStep::Approve { on: d("2025-06-09"), terms: terms() }).unwrap_err();
        assert!(ssw_approves.to_string().contains("agency decision maker"), "{ssw_approves}");
        assert_eq!(step(&db.store, &adm(), &role, "2025-06-09", FosterStep::Approve { on: d("2025-06-09"), terms: terms() }).unwrap(), "approved");
        assert_eq!(due(&worklist(&db.store, &adm(), "2025-06-10"), "FOST-015"), None);
        let view = file(&db.store, &role);
        assert_eq!(view.file.decision.as_ref().unwrap().terms.as_ref().unwrap().words(), "2 children aged 0 to 11, short-term");
        // The audit trail names the step, never the family.
        let trail = db.store.read(|tx| tx.events(&AuditFilter { action: Some("WF-FOST-APPLICANT.approve".into()), ..Default::default() })).unwrap();
        assert_eq!(trail.len(), 1);
        assert!(!trail[0].details.contains("Rule family"));
    }

    fn train_009_an_approved_foster_carer_is_signed_up_to_fostering_news_and_invited_to_the_portal(db) {
        let role = approved(&db.store, "2025-01-06");
        let decision = file(&db.store, &role).file.decision.unwrap();
        assert_eq!((decision.fostering_news_from, decision.portal_invited), (Some(d("2025-06-09")), Some(d("2025-06-09"))));
    }

    fn fost_012_the_first_annual_review_and_path_021_core_training_are_on_the_workers_list(db) {
        let role = approved(&db.store, "2025-01-06");
        let items = worklist(&db.store, &ssw(), "2026-05-28");
        assert_eq!(due(&items, "FOST-012"), Some(d("2026-06-09")));
        assert_eq!(due(&items, "PATH-021"), Some(d("2026-06-09")));
        step(&db.store, &ssw(), &role, "2026-05-28", FosterStep::CompleteTsd { on: d("2026-05-28") }).unwrap();
        assert_eq!(due(&worklist(&db.store, &ssw(), "2026-05-29"), "PATH-021"), None);
        let view = fc::open_carer(&db.store, &ssw(), &FixedClock::on("2026-05-29"), &role, "test").unwrap();
        assert!(view.deadlines.iter().any(|i| i.rule == Some("FOST-012") && i.due == d("2026-06-09")));
        assert!(!view.deadlines.iter().any(|i| i.rule == Some("PATH-021")));
    }

    fn fost_022_the_supervising_social_workers_monthly_visit_is_due_and_cleared_by_the_visit(db) {
        let role = approved(&db.store, "2025-01-06");
        assert_eq!(due(&worklist(&db.store, &ssw(), "2025-07-01"), "FOST-022"), Some(d("2025-07-09")));
        step(&db.store, &ssw(), &role, "2025-07-03", FosterStep::Visit(Visit { on: d("2025-07-03"), kind: VisitKind::Supervision })).unwrap();
        assert_eq!(due(&worklist(&db.store, &ssw(), "2025-07-25"), "FOST-022"), Some(d("2025-08-03")));
        // A panel adviser does not record visits.
        let refused = step(&db.store, &adviser(), &role, "2025-07-05", FosterStep::Visit(Visit { on: d("2025-07-05"), kind: VisitKind::Joint }));
        assert!(refused.is_err(), "{refused:?}");
    }

    fn visit_008_a_month_with_no_supervising_social_worker_visit_is_recorded_as_missed(db) {
        let role = approved(&db.store, "2025-01-06");
        let visit = |on: &str, kind| step(&db.store, &ssw(), &role, on, FosterStep::Visit(Visit { on: d(on), kind })).unwrap();
        visit("2025-07-03", VisitKind::Supervision);
        visit("2025-08-28", VisitKind::Unannounced);
        let open = |on: &str| fc::open_carer(&db.store, &ssw(), &FixedClock::on(on), &role, "test").unwrap().visit_compliance.unwrap();
        // August's unannounced visit counts as its monthly visit; September is not over yet.
        assert_eq!(open("2025-09-30").missed_months, Vec::<NaiveDate>::new());
        assert_eq!(open("2025-10-01").missed_months, vec![d("2025-09-01")]);
        visit("2025-10-14", VisitKind::Joint);
        assert_eq!(open("2025-12-01").missed_months, vec![d("2025-09-01"), d("2025-11-01")]);
    }

    fn visit_009_a_household_with_two_unannounced_visits_in_the_financial_year_is_one_short(db) {
        let role = approved(&db.store, "2025-01-06");
        let visit = |on: &str, kind| step(&db.store, &ssw(), &role, on, FosterStep::Visit(Visit { on: d(on), kind })).unwrap();
        visit("2026-03-20", VisitKind::Unannounced);
        visit("2026-06-12", VisitKind::Unannounced);
        visit("2026-07-02", VisitKind::Supervision);
        visit("2026-11-03", VisitKind::Unannounced);
        visit("2027-04-01", VisitKind::Unannounced);
        let open = |on: &str| fc::open_carer(&db.store, &ssw(), &FixedClock::on(on), &role, "test").unwrap().visit_compliance.unwrap();
        // Approved in June 2025, the carer's first whole financial year is 2026-27.
        assert_eq!(open("2026-04-01").last_year, None);
        assert_eq!(open("2026-12-01").this_year, (2026, 2));
        assert_eq!(open("2027-04-01").last_year, Some((2026, 2, 1)));
        assert_eq!(open("2027-04-01").this_year, (2027, 1));
    }

    fn fost_024_a_review_with_no_training_in_the_year_needs_a_managers_override_note(db) {
        let role = approved(&db.store, "2025-01-06");
        let review = |note: &str| FosterStep::Review(Review { on: d("2026-05-20"), training_hours: 0, override_note: note.into(), contributions: vec!["carer".into(), "csw".into()] });
        let err = step(&db.store, &ssw(), &role, "2026-05-20", review("")).unwrap_err();
        assert!(err.to_string().starts_with("override_note:"), "{err}");
        // A course booked and attended in the year counts its hours.
        let booking = Booking { booked: d("2025-09-01"), course: "Safer caring".into(), course_date: d("2025-10-01"), hours: 6, attended: None, waitlisted: false };
        step(&db.store, &ssw(), &role, "2025-09-01", FosterStep::Book(booking)).unwrap();
        step(&db.store, &ssw(), &role, "2025-10-02", FosterStep::Attendance { on: d("2025-10-02"), booking: 1, attended: true }).unwrap();
        assert_eq!(step(&db.store, &ssw(), &role, "2026-05-20", review("")).unwrap(), "review_adm");
        let view = file(&db.store, &role);
        assert_eq!(view.file.reviews[0].training_hours, 6);
        assert_eq!(view.file.training[0].state(), "Completed");
    }

    fn fost_024_with_the_managers_note_a_review_without_training_is_finalised_and_fost_019_awaits_the_adm(db) {
        let role = approved(&db.store, "2025-01-06");
        let review = FosterStep::Review(Review { on: d("2026-05-20"), training_hours: 0, override_note: "Carer was in hospital for four months".into(), contributions: vec![] });
        step(&db.store, &ssw(), &role, "2026-05-20", review).unwrap();
        assert_eq!(due(&worklist(&db.store, &adm(), "2026-06-08"), "FOST-019"), Some(d("2026-06-19")));
        step(&db.store, &adm(), &role, "2026-06-09", FosterStep::ReviewDecision { on: d("2026-06-09") }).unwrap();
        assert_eq!(due(&worklist(&db.store, &adm(), "2026-06-10"), "FOST-019"), None);
    }

    fn fost_029_a_carer_leaves_only_with_a_reason(db) {
        let role = approved(&db.store, "2025-01-06");
        let leave = |reason: &str| FosterStep::Deregister(Exit { on: d("2026-02-02"), reason: reason.into(), exit_interview_offered: true });
        let err = step(&db.store, &ssw(), &role, "2026-02-02", leave("")).unwrap_err();
        assert!(err.to_string().starts_with("reason:"), "{err}");
        assert_eq!(file(&db.store, &role).role.stage, "approved");
        assert_eq!(step(&db.store, &ssw(), &role, "2026-02-02", leave("retirement")).unwrap(), "closed");
        let view = file(&db.store, &role);
        assert_eq!(view.file.exit.unwrap().reason_label(), "Retirement or a change in life");
        // A carer who has left has nothing more due.
        assert!(view.deadlines.is_empty(), "{:?}", view.deadlines);
    }

    fn a_foster_carers_page_is_refused_to_another_team_and_a_stale_step_is_refused(db) {
        let role = applicant(&db.store, "2025-01-06");
        let other = user(Role::SocialWorker, Some("Melton"));
        let refused = fc::open_carer(&db.store, &other, &FixedClock::on("2025-01-07"), &role, "test");
        assert!(matches!(refused, Err(AppError::Forbidden(_))), "{refused:?}");
        let visit = InitialVisit { visited: at("2025-01-10 10:00"), report_saved: at("2025-01-10 17:00") };
        let stale = fc::record_carer_step(&db.store, &ssw(), &FixedClock::on("2025-01-10"), (&role, 0), FosterStep::InitialVisit(visit), "test");
        assert!(matches!(stale, Err(AppError::Store(store::StoreError::Stale { .. }))), "{stale:?}");
        let lines = fc::list_carers(&db.store, &ssw(), &FixedClock::on("2025-01-07"), "test").unwrap();
        assert_eq!(lines.len(), 1);
        assert!(fc::list_carers(&db.store, &other, &FixedClock::on("2025-01-07"), "test").unwrap().is_empty());
    }

    fn role_007_a_long_term_named_child_change_waits_for_the_adm_who_alone_changes_the_terms(db) {
        let role = approved(&db.store, "2025-01-06");
        step(&db.store, &ssw(), &role, "2026-03-02", FosterStep::ReferTerms { on: d("2026-03-02") }).unwrap();
        let recommend = || FosterStep::RecommendTerms { on: d("2026-03-04"), child: "C00012".into() };
        // Only the panel records the recommendation, and it names the child.
        let by_ssw = step(&db.store, &ssw(), &role, "2026-03-04", recommend());
        assert!(matches!(&by_ssw, Err(e) if e.to_string().contains("panel adviser")), "{by_ssw:?}");
        let blank = FosterStep::RecommendTerms { on: d("2026-03-04"), child: " ".into() };
        let err = step(&db.store, &adviser(), &role, "2026-03-04", blank).unwrap_err();
        assert!(err.to_string().starts_with("child:"), "{err}");
        step(&db.store, &adviser(), &role, "2026-03-04", recommend()).unwrap();
        // No ADM decision yet: the terms stay unchanged, the change awaits the ADM.
        let view = file(&db.store, &role);
        assert_eq!(view.file.decision.as_ref().unwrap().terms, Some(terms()));
        assert_eq!(view.file.terms_change.as_ref().unwrap().child, "C00012");
        assert_eq!(view.role.stage_label(), "Change of terms at the fostering panel and awaiting ADM");
        let decide = |agreed| FosterStep::DecideTerms { on: d("2026-03-09"), agreed };
        // Only the ADM decides, and not on a stale version.
        let by_adviser = step(&db.store, &adviser(), &role, "2026-03-09", decide(true));
        assert!(matches!(&by_adviser, Err(e) if e.to_string().contains("agency decision maker")), "{by_adviser:?}");
        let stale = fc::record_carer_step(&db.store, &adm(), &FixedClock::on("2026-03-09"), (&role, version(&db.store, &role) - 1), decide(true), "test");
        assert!(matches!(stale, Err(AppError::Store(store::StoreError::Stale { .. }))), "{stale:?}");
        assert_eq!(file(&db.store, &role).file.decision.unwrap().terms, Some(terms()));
        // Refused, the terms are kept; agreed, they change.
        step(&db.store, &adm(), &role, "2026-03-09", decide(false)).unwrap();
        let view = file(&db.store, &role);
        assert!(view.file.terms_change.is_none());
        assert_eq!(view.file.decision.unwrap().terms, Some(terms()));
        assert_eq!(view.role.stage, "approved");
        step(&db.store, &ssw(), &role, "2026-03-10", FosterStep::ReferTerms { on: d("2026-03-10") }).unwrap();
        step(&db.store, &adviser(), &role, "2026-03-10", FosterStep::RecommendTerms { on: d("2026-03-10"), child: "C00012".into() }).unwrap();
        step(&db.store, &adm(), &role, "2026-03-11", FosterStep::DecideTerms { on: d("2026-03-11"), agreed: true }).unwrap();
        let view = file(&db.store, &role);
        assert!(view.file.terms_change.is_none());
        assert_eq!(view.file.decision.unwrap().terms.unwrap().words(), "long-term – named child C00012");
        assert_eq!(view.role.stage, "approved");
        let trail = db.store.read(|tx| tx.events(&AuditFilter { action: Some("WF-FOST-APPLICANT.decide_terms".into()), ..Default::default() })).unwrap();
        assert_eq!(trail.len(), 2);
        assert!(!trail[0].details.contains("C00012"), "{}", trail[0].details);
    }

    fn fost_020_an_allegation_moves_on_only_after_the_lado_referral_and_ends_with_its_outcome(db) {
        let store = &db.store;
        let role = approved(store, "2025-01-06");
        assert_eq!(dated(store, &ssw(), &role, "log_allegation", "2025-08-01").unwrap(), "allegation");
        // Nothing moves until the LADO is told: not the meeting, nor leaving.
        let err = dated(store, &ssw(), &role, "position_of_trust", "2025-08-04").unwrap_err();
        assert!(err.to_string().contains("LADO"), "{err}");
        let leave = FosterStep::Deregister(Exit { on: d("2025-08-04"), reason: "concerns".into(), exit_interview_offered: true });
        assert!(step(store, &ssw(), &role, "2025-08-04", leave).unwrap_err().to_string().contains("LADO"));
        dated(store, &ssw(), &role, "refer_lado", "2025-08-04").unwrap();
        dated(store, &ssw(), &role, "position_of_trust", "2025-08-11").unwrap();
        let conclude = |outcome: &str| FosterStep::Concern(ConcernStep::ConcludeAllegation { on: d("2025-09-01"), outcome: outcome.into() });
        // The social worker does not decide the outcome; the ADM does, with one.
        assert!(step(store, &ssw(), &role, "2025-09-01", conclude("nfa")).is_err());
        let err = step(store, &adm(), &role, "2025-09-01", conclude("")).unwrap_err();
        assert!(err.to_string().starts_with("outcome:"), "{err}");
        assert_eq!(step(store, &adm(), &role, "2025-09-01", conclude("nfa")).unwrap(), "approved");
        let view = file(store, &role);
        assert_eq!(view.file.allegations[0].outcome_label(), "No further action");
        let chronology = view.file.chronology(&view.role);
        assert!(chronology.iter().any(|(on, what)| *on == d("2025-08-04") && what == "Allegation referred to the LADO"), "{chronology:?}");
        let trail = store.read(|tx| tx.events(&AuditFilter { action: Some("WF-FOST-APPLICANT.log_allegation".into()), ..Default::default() })).unwrap();
        assert_eq!(trail.len(), 1);
    }

    fn fost_016_an_interim_report_is_due_sixty_days_after_a_missed_review_and_while_an_allegation_is_open(db) {
        let store = &db.store;
        let role = approved(store, "2025-01-06");
        // The first review was due on 9 June 2026: 60 days on is 8 August.
        assert_eq!(due(&worklist(store, &ssw(), "2026-08-07"), "FOST-016"), None);
        assert_eq!(due(&worklist(store, &ssw(), "2026-08-08"), "FOST-016"), Some(d("2026-08-08")));
        dated(store, &ssw(), &role, "interim_report", "2026-08-10").unwrap();
        assert_eq!(due(&worklist(store, &ssw(), "2026-08-10"), "FOST-016"), None);
        // An allegation needs one of its own.
        dated(store, &ssw(), &role, "log_allegation", "2026-08-11").unwrap();
        assert_eq!(due(&worklist(store, &ssw(), "2026-08-12"), "FOST-016"), Some(d("2026-08-11")));
        dated(store, &ssw(), &role, "interim_report", "2026-08-12").unwrap();
        assert_eq!(due(&worklist(store, &ssw(), "2026-08-12"), "FOST-016"), None);
    }

    fn fost_046_and_fost_021_a_concern_the_carer_raises_is_on_their_chronology(db) {
        let store = &db.store;
        let role = approved(store, "2025-01-06");
        let err = step(store, &ssw(), &role, "2025-07-01", concern("2025-07-01", "  ")).unwrap_err();
        assert!(err.to_string().starts_with("summary:"), "{err}");
        step(store, &ssw(), &role, "2025-07-01", concern("2025-07-01", "Mileage paid late")).unwrap();
        let view = file(store, &role);
        let chronology = view.file.chronology(&view.role);
        assert_eq!(chronology[0], (d("2025-07-01"), "Informal concern raised by the foster carer: Mileage paid late".to_owned()));
        // FOST-021: the list flags a chronology with nothing in 12 months.
        let lines = |on: &str| fc::list_carers(store, &ssw(), &FixedClock::on(on), "test").unwrap();
        assert!(!lines("2026-06-30")[0].chronology_stale);
        assert!(lines("2026-07-02")[0].chronology_stale);
    }

    fn fost_023_fost_030_and_fost_018_the_carers_list_shows_caseloads_capacity_and_contributions(db) {
        let store = &db.store;
        let first = approved(store, "2025-01-06");
        let second = approved(store, "2025-01-06");
        step(store, &ssw(), &first, "2026-05-04", review_on("2026-05-04", true)).unwrap();
        step(store, &ssw(), &second, "2026-05-05", review_on("2026-05-05", false)).unwrap();
        step(store, &adm(), &second, "2026-05-06", FosterStep::ReviewDecision { on: d("2026-05-06") }).unwrap();
        assert_eq!(dated(store, &ssw(), &second, "put_on_hold", "2026-05-07").unwrap(), "on_hold");
        let o = fc::carers_overview(store, &ssw(), &FixedClock::on("2026-05-29"), "test").unwrap();
        assert_eq!(o.caseloads, vec![("SW9".to_owned(), 2, false)]);
        assert_eq!((o.capacity.households, o.capacity.on_hold, o.capacity.available()), (2, 1, 1));
        // FOST-018: the review without the child's social worker is out of the numerator.
        assert_eq!(o.csw_contributions, (1, 2));
        assert_eq!(dated(store, &ssw(), &second, "resume", "2026-06-01").unwrap(), "approved");
        let o = fc::carers_overview(store, &ssw(), &FixedClock::on("2026-06-01"), "test").unwrap();
        assert_eq!(o.capacity.available(), 2);
    }

    fn fost_025_a_carer_moves_up_one_fee_level_at_a_time_and_to_level_four_on_the_criteria(db) {
        let store = &db.store;
        let role = approved(store, "2025-01-06");
        let level = |on: &str, level: u8| step(store, &ssw(), &role, on, FosterStep::FeeLevel { on: d(on), level });
        dated(store, &ssw(), &role, "complete_tsd", "2025-07-01").unwrap();
        assert!(level("2025-08-01", 3).unwrap_err().to_string().starts_with("level:"));
        level("2025-08-01", 2).unwrap();
        level("2025-09-01", 3).unwrap();
        let err = level("2026-06-10", 4).unwrap_err();
        assert!(err.to_string().contains("level 4 needs 2 years"), "{err}");
        let course = Booking { booked: d("2027-01-01"), course: "Therapeutic parenting".into(), course_date: d("2027-01-10"), hours: 18, attended: None, waitlisted: false };
        step(store, &ssw(), &role, "2027-01-01", FosterStep::Book(course)).unwrap();
        step(store, &ssw(), &role, "2027-01-11", FosterStep::Attendance { on: d("2027-01-11"), booking: 1, attended: true }).unwrap();
        level("2027-06-10", 4).unwrap();
        assert_eq!(file(store, &role).file.fee_level, Some(4));
    }

    fn train_003_a_full_course_puts_the_carer_on_its_waiting_list_without_a_charge(db) {
        let store = &db.store;
        let role = approved(store, "2025-01-06");
        let full = Booking { booked: d("2025-09-01"), course: "Safer caring".into(), course_date: d("2025-10-01"), hours: 6, attended: None, waitlisted: true };
        step(store, &ssw(), &role, "2025-09-01", FosterStep::Book(full)).unwrap();
        assert_eq!(file(store, &role).file.training[0].state(), "Waitlisted");
        let attend = FosterStep::Attendance { on: d("2025-10-02"), booking: 1, attended: true };
        let err = step(store, &ssw(), &role, "2025-10-02", attend.clone()).unwrap_err();
        assert!(err.to_string().contains("waiting list"), "{err}");
        step(store, &ssw(), &role, "2025-09-20", FosterStep::ConfirmPlace { on: d("2025-09-20"), booking: 1 }).unwrap();
        assert_eq!(file(store, &role).file.training[0].state(), "Booked");
        step(store, &ssw(), &role, "2025-10-02", attend).unwrap();
        assert_eq!(file(store, &role).file.training[0].state(), "Completed");
    }

    fn fost_040_the_locality_support_group_coordinator_is_told_on_approval(db) {
        let role = approved(&db.store, "2025-01-06");
        let decision = file(&db.store, &role).file.decision.unwrap();
        assert_eq!(decision.support_group_notified, Some(d("2025-06-09")));
    }

    fn fost_044_an_applicant_with_a_previous_partner_needs_an_ex_partner_reference(db) {
        let store = &db.store;
        let role = applicant(store, "2025-01-06");
        let visit = InitialVisit { visited: at("2025-01-10 10:00"), report_saved: at("2025-01-10 16:00") };
        step(store, &ssw(), &role, "2025-01-10", FosterStep::InitialVisit(visit)).unwrap();
        dated(store, &ssw(), &role, "proceed", "2025-01-20").unwrap();
        let start = |papers: Vec<String>| FosterStep::StartFormF { on: d("2025-02-03"), papers, panel_date: Some(d("2025-06-04")), previous_partner: true };
        let err = step(store, &ssw(), &role, "2025-02-03", start(papers())).unwrap_err();
        assert!(err.to_string().starts_with("paper_ex_partner:"), "{err}");
        let mut with = papers();
        with.push("ex_partner".into());
        assert_eq!(step(store, &ssw(), &role, "2025-02-03", start(with)).unwrap(), "form_f");
    }

    fn fost_015_the_households_generic_step_cannot_approve_a_foster_carer_without_terms(db) {
        let store = &db.store;
        let role = applicant(store, "2025-01-06");
        to_panel(store, &role);
        let id = role.rsplit_once("-R").unwrap().0.to_owned();
        step(store, &adviser(), &role, "2025-06-04", FosterStep::Recommend { on: d("2025-06-04"), approval: true }).unwrap();
        let generic = |who: &User, name: &str, on: &str| hh::take_step(store, who, &FixedClock::on(on), (&id, version(store, &role)), (&role, name, d(on)), "test");
        let err = generic(&adm(), "approve", "2025-06-09").unwrap_err();
        assert!(err.to_string().contains("the foster carer's page"), "{err}");
        assert_eq!(file(store, &role).role.stage, "adm");
        // A step that carries only its date goes through the carer's own checks.
        assert_eq!(generic(&adm(), "refuse", "2025-06-09").unwrap(), "not_approved");
        assert!(file(store, &role).file.decision.is_some_and(|d| d.terms.is_none()));
    }
}
