//! What the permanence use-case tests share: two children in care (one in
//! the Blaby team, one in Melton), users of each role, a plan with
//! everything PLAN-008 asks for, and the audit and activity counts.
#![allow(dead_code, unused_imports)]

pub use app::AppError;
pub use app::permanence::{self as perm, ReferralAction, StepInput, TrackingFilter};
pub use domain::access::User;
pub use domain::audit::Actor;
pub use domain::child::{Child, ChildId, PersonName, Postcode};
pub use domain::codes::{
    CategoryOfNeed, Ethnicity, LegalStatus, PlacementProvider, PlacementType, ReasonNewEpisode,
    ReviewParticipation, Sex,
};
pub use domain::deadlines::EventKind;
pub use domain::journey::{CareJourney, Episode, Placement, Review, SocialWorkerEpisode};
pub use domain::permanence::achieved::{AchievementInput, Arrangement};
pub use domain::permanence::panels::{Attendance, ForumKind, SeatRole};
pub use domain::permanence::pathways::{
    CarerSource, FactorAnswer, LtfAssessment, LtfFactor, Search,
};
pub use domain::permanence::plan::{
    AppraisalEntry, AppraisalOutcome, Identity, Lifecycle, Objective, OutcomeArea, Pathway,
    PermanenceOption, PermanencePlan, Step, Voice,
};
pub use domain::permanence::referrals::{Outcome, PackDoc, ProposedOutcome};
pub use domain::permanence::support::{ContactType, Supervision, SupportService};
pub use domain::permanence::team::{NewMember, TeamAroundChild, TeamRole};
pub use domain::permanence::workflow::ReferralStage;
pub use domain::roles::{Role, Worker};
pub use domain::time::{Clock, parse_iso_date};
pub use store::{AuditFilter, AuditLog, ChildRepository, StaffRepository, Store, StoreError};
pub use test_support::FixedClock;

pub fn cid(s: &str) -> ChildId {
    ChildId::parse(s).unwrap()
}

pub fn d(s: &str) -> chrono::NaiveDate {
    parse_iso_date("test date", s).unwrap()
}

pub fn user(role: Role, team: Option<&str>) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: team.map(str::to_owned),
        worker_id: None,
    }
}

/// A child in care from 2025-03-03 in the Blaby team, reviewed on
/// 2025-03-28 and 2025-06-20; and one in the Melton team.
pub fn setup(store: &Store) {
    let clock = FixedClock::on("2025-06-20");
    store
        .write(|tx| {
            tx.insert_workers(&[
                Worker {
                    id: "W1".into(),
                    team: "Blaby".into(),
                },
                Worker {
                    id: "W2".into(),
                    team: "Melton".into(),
                },
            ])?;
            for (id, worker) in [("C1", "W1"), ("C2", "W2")] {
                let child = Child {
                    id: ChildId::parse(id).unwrap(),
                    name: PersonName::parse("Maisie", "Testcase").unwrap(),
                    sex: Sex::Female,
                    date_of_birth: d("2016-02-29"),
                    ethnicity: Ethnicity::WhiteBritish,
                    pupil_number: None,
                    disabled: false,
                    uasc: None,
                };
                let episode = Episode {
                    start: d("2025-03-03"),
                    reason_new_episode: ReasonNewEpisode::Started,
                    legal_status: LegalStatus::FullCareOrder,
                    category_of_need: CategoryOfNeed::AbuseOrNeglect,
                    placement: Placement {
                        placement_type: PlacementType::FosterOther,
                        provider: Some(PlacementProvider::OwnProvision),
                        postcode: Some(Postcode::parse("LE3 8RA").unwrap()),
                        urn: None,
                    },
                    end: None,
                    reason_placement_change: None,
                    home_postcode: Some(Postcode::parse("LE1 5WW").unwrap()),
                };
                let reviews = vec![
                    Review {
                        date: d("2025-03-28"),
                        participation: ReviewParticipation::AttendsAndSpeaks,
                    },
                    Review {
                        date: d("2025-06-20"),
                        participation: ReviewParticipation::AttendsAndSpeaks,
                    },
                ];
                let workers = vec![SocialWorkerEpisode {
                    worker_id: worker.into(),
                    start: d("2025-03-03"),
                    end: None,
                    open_reason: None,
                }];
                let journey = CareJourney::build(
                    child,
                    vec![episode],
                    reviews,
                    vec![],
                    workers,
                    vec![],
                    d("2025-06-20"),
                )
                .unwrap();
                tx.insert_journey(&journey, clock.now())?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
    // Each child's team around them has an IRO and a carer (ROLE-011).
    let teams: Vec<_> = ["C1", "C2"]
        .iter()
        .map(|id| (cid(id), full_team()))
        .collect();
    perm::load_teams(store, &Actor::new("test"), &clock, &teams).unwrap();
}

/// A team around the child with the IRO user from 2025-03-10 and a carer
/// from the start of care (ROLE-011).
pub fn full_team() -> TeamAroundChild {
    let mut team = TeamAroundChild::default();
    for (role, user, name, from) in [
        (
            TeamRole::Iro,
            Some("independent_reviewing_officer.test"),
            "",
            "2025-03-10",
        ),
        (TeamRole::Carer, None, "Pat Carer", "2025-03-03"),
    ] {
        team.add(NewMember {
            role,
            user: user.map(str::to_owned),
            name: name.into(),
            contact: String::new(),
            from: d(from),
        })
        .unwrap();
    }
    team
}

/// A long-term fostering plan with everything PLAN-008 asks for.
pub fn complete(mut plan: PermanencePlan) -> PermanencePlan {
    plan.pathway = Some(Pathway::LongTermFostering);
    plan.legal_route = Some("Care order".into());
    plan.timeframe = Some("By the child's next review".into());
    plan.appraisal = PermanenceOption::ALL
        .into_iter()
        .take(5)
        .map(|option| AppraisalEntry {
            option,
            outcome: if option == PermanenceOption::PermanentFostering {
                AppraisalOutcome::RuledIn
            } else {
                AppraisalOutcome::RuledOut
            },
            reasons: "Assessed".into(),
            assessment_ref: None,
        })
        .collect();
    plan.objectives = vec![Objective {
        text: "Settled home".into(),
        area: OutcomeArea::Stability,
    }];
    plan.steps = vec![Step {
        description: "LTF suitability assessment".into(),
        owner: "W1".into(),
        target: d("2025-08-01"),
        done: None,
        variance_reason: None,
    }];
    plan.support_plan = Some("SP-1".into());
    plan.contact_agreement = Some("CA-1".into());
    plan.identity = Identity {
        ethnic_origin: Some("White British".into()),
        cultural_background: Some("Recorded".into()),
        language: Some("English".into()),
        religion: Some("None".into()),
        disability: Some("None".into()),
        sexuality: Some("Not applicable: age".into()),
    };
    plan.child_voice = Some(Voice {
        wishes: "Stay with my carers".into(),
        gathered: d("2025-06-20"),
        decision_follows_wishes: true,
        reason_differs: None,
    });
    plan.carer_views = Some("Carers agree".into());
    plan
}

/// A support plan agreed by the carer and the LA on 2025-06-20 (DATA-008).
pub fn support_input() -> perm::SupportPlanInput {
    perm::SupportPlanInput {
        child_needs_now: "Therapeutic support after moves".into(),
        child_needs_future: "Support at secondary transfer".into(),
        carer_needs: "Respite one weekend a month".into(),
        service: SupportService {
            service: "Therapeutic parenting course".into(),
            provider_agency: "CAMHS".into(),
            start: d("2025-07-01"),
            review: d("2025-12-01"),
        },
        carer_agreed: Some(d("2025-06-20")),
        la_agreed: Some(d("2025-06-20")),
    }
}

/// C1's social worker records the support plan and links it to the plan at
/// `version` (PLAN-010); returns the plan's new version.
/// C1's plan saved as `plan` over `version`, its support plan linked,
/// placed, assessed and put forward by the social worker on 2025-06-30,
/// then ratified by the IRO with `ratify`. Returns the plan's version.
pub fn ratify_c1(store: &Store, plan: PermanencePlan, version: i64, ratify: StepInput) -> i64 {
    let clock = FixedClock::on("2025-06-30");
    let sw = user(Role::SocialWorker, Some("Blaby"));
    let iro = user(Role::IndependentReviewingOfficer, None);
    let mut version = perm::edit_plan(store, &sw, &clock, &cid("C1"), version, plan, HERE)
        .unwrap()
        .version;
    version = link_support(store, version);
    for step in ["place", "start_assessment", "put_forward"] {
        version = perm::plan_step(
            store,
            &sw,
            &clock,
            &cid("C1"),
            version,
            StepInput::named(step),
            HERE,
        )
        .unwrap()
        .version;
    }
    perm::plan_step(store, &iro, &clock, &cid("C1"), version, ratify, HERE)
        .unwrap()
        .version
}

pub fn link_support(store: &Store, version: i64) -> i64 {
    let clock = FixedClock::on("2025-06-30");
    let sw = user(Role::SocialWorker, Some("Blaby"));
    perm::record_support_plan(
        store,
        &sw,
        &clock,
        &cid("C1"),
        version,
        support_input(),
        HERE,
    )
    .unwrap();
    version + 1
}

pub fn audits(store: &Store, action: &str) -> usize {
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

pub fn activities(store: &Store, child: &str, kind: EventKind) -> Vec<chrono::NaiveDate> {
    let id = ChildId::parse(child).unwrap();
    let j = store.read(|tx| tx.journey(&id)).unwrap().unwrap();
    j.value
        .activities()
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.date)
        .collect()
}

pub const HERE: &str = "test";

/// A long-term fostering referral of C1 with a complete pack endorsed on
/// 2025-06-30, the plan ratified by the IRO that day, the demo forum
/// configured and meetings arranged on 2025-07-09 (its cut-off passed) and
/// 2025-08-13. Returns the referral's identifier and version and the later
/// meeting's identifier.
pub fn endorsed_referral(store: &Store) -> (String, i64, String) {
    setup(store);
    let clock = FixedClock::on("2025-06-30");
    let sw = user(Role::SocialWorker, Some("Blaby"));
    let tm = user(Role::TeamManager, Some("Blaby"));
    let adviser = user(Role::PanelAdviser, None);
    let view = perm::open_plan(store, &sw, &clock, &cid("C1"), HERE).unwrap();
    let draft = complete(view.plan.value.document.clone());
    ratify_c1(store, draft, view.plan.version, StepInput::named("ratify"));
    let referral = perm::open_plan(store, &sw, &clock, &cid("C1"), HERE)
        .unwrap()
        .referrals[0]
        .clone();
    let rid = referral.value.id.clone();
    let mut v = perm::act_on_referral(
        store,
        &sw,
        &clock,
        &rid,
        referral.version,
        ReferralAction::LtfAssessment(ltf_assessment("2025-06-27")),
        HERE,
    )
    .unwrap()
    .version;
    let required = perm::open_referral(store, &sw, &clock, &rid, HERE)
        .unwrap()
        .required;
    for doc in required
        .iter()
        .filter(|d| **d != PackDoc::TeamManagerEndorsement)
    {
        v = perm::act_on_referral(
            store,
            &sw,
            &clock,
            &rid,
            v,
            ReferralAction::AttachPaper(*doc),
            HERE,
        )
        .unwrap()
        .version;
    }
    v = perm::act_on_referral(store, &tm, &clock, &rid, v, ReferralAction::Endorse, HERE)
        .unwrap()
        .version;
    let forum = test_support::permanence_demo::demo_forum(d("2025-01-01"));
    perm::configure_forum(store, &Actor::new("admin"), &clock, &forum).unwrap();
    perm::create_meeting(
        store,
        &adviser,
        &clock,
        ForumKind::PermanencePanel,
        d("2025-07-09"),
        HERE,
    )
    .unwrap();
    let meeting = perm::create_meeting(
        store,
        &adviser,
        &clock,
        ForumKind::PermanencePanel,
        d("2025-08-13"),
        HERE,
    )
    .unwrap();
    (rid, v, meeting)
}

/// [`endorsed_referral`] listed for the meeting on 2025-08-13, with
/// everyone of the demo forum at the meeting. Returns the referral's
/// identifier and version.
pub fn listed_referral(store: &Store) -> (String, i64) {
    let clock = FixedClock::on("2025-06-30");
    let adviser = user(Role::PanelAdviser, None);
    let (rid, v, meeting) = endorsed_referral(store);
    let list = ReferralAction::List {
        meeting: meeting.clone(),
    };
    let v = perm::act_on_referral(store, &adviser, &clock, &rid, v, list, HERE)
        .unwrap()
        .version;
    let on_the_day = FixedClock::on("2025-08-13");
    let (m, _, forum) =
        perm::meeting(store, &adviser, &on_the_day, &meeting, "view_meeting", HERE).unwrap();
    let everyone: Vec<Attendance> = forum
        .members
        .iter()
        .map(|mm| Attendance {
            person: mm.person.clone(),
            seat: mm.seat,
        })
        .collect();
    perm::record_attendance(
        store,
        &adviser,
        &on_the_day,
        &meeting,
        m.version,
        everyone,
        HERE,
    )
    .unwrap();
    (rid, v)
}

/// The Permanence Panel's recommendation that long-term fostering is suitable,
/// the agency decision maker not at the meeting.
pub fn suitable() -> ProposedOutcome {
    ProposedOutcome {
        outcome: Outcome::LtfSuitable,
        reasons: "The carers can meet the child's needs".into(),
        further_information: vec![],
        further_information_due: None,
        adm_agreed: false,
    }
}

/// C1's open deadlines today, by rule.
pub fn open_rules(store: &Store) -> Vec<&'static str> {
    let j = store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
    app::open_deadlines(&j.value)
        .iter()
        .map(|d| d.rule.id)
        .collect()
}

/// A long-term fostering suitability assessment dated `on`, every factor
/// of the May 2020 policy answered (PATH-017).
pub fn ltf_assessment(on: &str) -> LtfAssessment {
    LtfAssessment {
        dated: d(on),
        clear_assessment: Some("Assessment Framework, June 2025".into()),
        answers: LtfFactor::ALL
            .into_iter()
            .map(|factor| FactorAnswer {
                factor,
                answer: "Considered with the carers".into(),
            })
            .collect(),
    }
}
