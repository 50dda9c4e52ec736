//! Recording the activities the deadlines ask for, on both backends: a
//! visit meets TRACK-015's deadline, an amendment moves it and a withdrawal
//! opens it again; a stale form, another role's activity and another team's
//! child are refused; every change is audited, nothing is deleted.

use app::AppError;
use app::casework::{
    ActivityInput, amend_activity, child_activities, record_activity, withdraw_activity,
};
use chrono::NaiveDate;
use domain::access::User;
use domain::audit::Actor;
use domain::casework::activities::{ActivityState, Answers};
use domain::child::ChildId;
use domain::deadlines::EventKind;
use domain::roles::Role;
use store::{AuditFilter, AuditLog, ChildRepository, ChildSearch, Store, StoreError};
use test_support::FixedClock;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A small synthetic council on 31 March 2026; a child of the first team
/// and a user of `role` in that team.
fn council(store: &Store) -> (ChildId, String) {
    let as_of = d("2026-03-31");
    let council =
        test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(30, 3, as_of));
    app::load_council(
        store,
        &Actor::new("demo"),
        &FixedClock::on("2026-03-31"),
        &council.workers,
        &council.journeys,
        &mut |_, _| {},
    )
    .unwrap();
    let team = council.workers[0].team.clone();
    let child = store
        .read(|tx| {
            tx.search_children(
                &ChildSearch {
                    team: Some(team.clone()),
                    in_care_only: true,
                    ..Default::default()
                },
                0,
                1,
            )
        })
        .unwrap()
        .0[0]
        .id
        .clone();
    (child, team)
}

fn user(role: Role, team: &str) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: Some(team.into()),
        worker_id: None,
    }
}

/// The due date of the child's open TRACK-015 visit deadline.
fn visit_due(store: &Store, child: &ChildId) -> Option<NaiveDate> {
    let journey = store.read(|tx| tx.journey(child)).unwrap().unwrap();
    app::open_deadlines(&journey.value)
        .iter()
        .find(|d| d.rule.id == "TRACK-015")
        .map(|d| d.due)
}

fn visit(on: &str) -> ActivityInput {
    ActivityInput {
        kind: EventKind::SocialWorkerVisit,
        date: d(on),
        answers: Answers {
            seen_alone: Some(true),
            bedroom_seen: Some(false),
            place: Some("placement".into()),
            ..Default::default()
        },
    }
}

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

test_support::on_both_backends! {
    fn track_015_a_visit_recorded_meets_the_deadline_amending_it_moves_it_and_withdrawing_it_reopens_it(db) {
        let (child, team) = council(&db.store);
        let clock = FixedClock::on("2026-03-31");
        let worker = user(Role::SocialWorker, &team);
        let id = record_activity(&db.store, &worker, &clock, &child, visit("2026-03-31"), "test").unwrap();
        // The next visit is due six weeks after this one.
        assert_eq!(visit_due(&db.store, &child), Some(d("2026-05-12")));
        let version = amend_activity(&db.store, &worker, &clock, &id, 1, d("2026-03-24"), visit("2026-03-24").answers, "Wrong day", "test").unwrap();
        assert_eq!(visit_due(&db.store, &child), Some(d("2026-05-05")));
        // The form seen before the amendment is stale.
        let stale = withdraw_activity(&db.store, &worker, &clock, &id, 1, "Again", "test");
        assert!(matches!(stale, Err(AppError::Store(StoreError::Stale { .. }))), "{stale:?}");
        withdraw_activity(&db.store, &worker, &clock, &id, version, "Recorded on the wrong child", "test").unwrap();
        assert!(visit_due(&db.store, &child) < Some(d("2026-05-05")), "the deadline it met is open again");
        let (_, kept) = child_activities(&db.store, &worker, &clock, &child, "test").unwrap();
        let kept = &kept.iter().find(|a| a.value.id == id).unwrap().value.document;
        assert_eq!(kept.state, ActivityState::Withdrawn);
        assert_eq!(kept.changes.len(), 2);
        assert_eq!(kept.changes[0].date_before, Some(d("2026-03-31")));
        assert_eq!((audits(&db.store, "record_activity"), audits(&db.store, "amend_activity"), audits(&db.store, "withdraw_activity")), (1, 1, 1));
    }

    fn an_activity_is_refused_to_a_role_that_does_not_do_it_in_the_future_or_for_another_team(db) {
        let (child, team) = council(&db.store);
        let clock = FixedClock::on("2026-03-31");
        let refused = record_activity(&db.store, &user(Role::HealthPractitioner, &team), &clock, &child, visit("2026-03-31"), "test");
        assert!(matches!(refused, Err(AppError::Forbidden(_))), "{refused:?}");
        let future = record_activity(&db.store, &user(Role::SocialWorker, &team), &clock, &child, visit("2026-04-01"), "test");
        assert!(matches!(future, Err(AppError::Invalid(_))), "{future:?}");
        let elsewhere = record_activity(&db.store, &user(Role::SocialWorker, "Nowhere"), &clock, &child, visit("2026-03-31"), "test");
        assert!(matches!(elsewhere, Err(AppError::Forbidden(_))), "{elsewhere:?}");
        assert_eq!(audits(&db.store, "record_activity"), 0);
    }

    fn kpi_cic_10_a_health_assessment_recorded_by_the_health_practitioner_meets_its_deadline(db) {
        let (child, _) = council(&db.store);
        let clock = FixedClock::on("2026-03-31");
        let health = User { team: None, ..user(Role::HealthPractitioner, "") };
        let due = |store: &Store| {
            let journey = store.read(|tx| tx.journey(&child)).unwrap().unwrap();
            app::open_deadlines(&journey.value).iter().find(|d| d.rule.id == "KPI-CIC-10").map(|d| d.due)
        };
        let before = due(&db.store);
        let input = ActivityInput {
            kind: EventKind::HealthAssessment,
            date: d("2026-03-31"),
            answers: Answers { assessment_type: Some("review".into()), sdq_score: Some(12), ..Default::default() },
        };
        record_activity(&db.store, &health, &clock, &child, input, "test").unwrap();
        assert!(due(&db.store) > before, "{before:?} -> {:?}", due(&db.store));
        assert!(due(&db.store) >= Some(d("2026-09-30")));
    }
}
