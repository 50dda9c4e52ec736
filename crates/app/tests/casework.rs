//! Recording the activities the deadlines ask for, on both backends: a
//! visit meets TRACK-015's deadline, an amendment moves it and a withdrawal
//! opens it again; a stale form, another role's activity and another team's
//! child are refused; every change is audited, nothing is deleted.

use app::AppError;
use app::casework::{
    ActivityInput, NoteChangeInput, amend_activity, case_notes, change_case_note, child_activities,
    open_case_note, record_activity, withdraw_activity, write_case_note,
};
use chrono::NaiveDate;
use domain::access::User;
use domain::audit::Actor;
use domain::casework::activities::{ActivityState, Answers};
use domain::casework::notes::NoteState;
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

    fn visit_010_a_visit_where_the_child_was_not_seen_alone_and_no_reason_is_flagged_and_does_not_count(db) {
        let (child, team) = council(&db.store);
        let clock = FixedClock::on("2026-03-31");
        let worker = user(Role::SocialWorker, &team);
        let before = visit_due(&db.store, &child);
        let mut not_alone = visit("2026-03-14");
        not_alone.answers.seen_alone = Some(false);
        let id = record_activity(&db.store, &worker, &clock, &child, not_alone.clone(), "test").unwrap();
        assert_eq!(visit_due(&db.store, &child), before, "a flagged visit meets no deadline");
        let (_, kept) = child_activities(&db.store, &worker, &clock, &child, "test").unwrap();
        let kept = &kept.iter().find(|a| a.value.id == id).unwrap().value.document;
        assert_eq!(kept.answers.flag(), Some("Not seen alone – reason required"));
        // With the reason the visit counts: the next is due six weeks on.
        let mut answers = not_alone.answers;
        answers.not_alone_reason = Some("The child asked for the carer to stay".into());
        let version = amend_activity(&db.store, &worker, &clock, &id, 1, d("2026-03-14"), answers, "Reason added", "test").unwrap();
        assert_eq!(visit_due(&db.store, &child), Some(d("2026-04-25")));
        withdraw_activity(&db.store, &worker, &clock, &id, version, "Recorded on the wrong child", "test").unwrap();
        assert_eq!(visit_due(&db.store, &child), before);
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

    fn a_case_note_is_amended_and_withdrawn_with_reasons_keeping_every_version_and_a_stale_change_is_refused(db) {
        let (child, team) = council(&db.store);
        let clock = FixedClock::on("2026-03-31");
        let worker = user(Role::SocialWorker, &team);
        let manager = user(Role::TeamManager, &team);
        let id = write_case_note(&db.store, &worker, &clock, &child, d("2026-03-30"), "Saw Sam at schol", "test").unwrap();
        let amend = |text: &str| NoteChangeInput::Amend { date: d("2026-03-29"), text: text.into() };
        // No reason: refused, nothing changes.
        let no_reason = change_case_note(&db.store, &worker, &clock, &id, 1, amend("Saw Sam at school"), " ", "test");
        assert!(matches!(&no_reason, Err(AppError::Invalid(m)) if m == "Enter why the case note is being amended"), "{no_reason:?}");
        let v2 = change_case_note(&db.store, &worker, &clock, &id, 1, amend("Saw Sam at school"), "Spelling and the day", "test").unwrap();
        assert_eq!(v2, 2);
        // The manager's form, opened before the amendment, is stale.
        let stale = change_case_note(&db.store, &manager, &clock, &id, 1, NoteChangeInput::Withdraw, "Wrong child", "test");
        assert!(matches!(stale, Err(AppError::Store(StoreError::Stale { .. }))), "{stale:?}");
        change_case_note(&db.store, &manager, &clock, &id, v2, NoteChangeInput::Withdraw, "Written on the wrong child", "test").unwrap();
        let again = change_case_note(&db.store, &manager, &clock, &id, 3, amend("Again"), "Again", "test");
        assert!(matches!(again, Err(AppError::Invalid(_))), "a withdrawn note is not amended: {again:?}");
        // Kept, never deleted: the note, its earlier words and both reasons.
        let (_, note) = open_case_note(&db.store, &worker, &clock, &id, "test").unwrap();
        let n = &note.value.document;
        assert_eq!((n.state, n.date, n.text.as_str(), note.version), (NoteState::Withdrawn, d("2026-03-29"), "Saw Sam at school", 3));
        assert_eq!(n.changes.len(), 2);
        assert_eq!(n.changes[0].text_before.as_deref(), Some("Saw Sam at schol"));
        assert_eq!(n.changes[0].date_before, Some(d("2026-03-30")));
        assert_eq!((n.changes[1].by.as_str(), n.changes[1].reason.as_str()), ("team_manager.test", "Written on the wrong child"));
        assert_eq!(case_notes(&db.store, &worker, &clock, &child, "test").unwrap().len(), 1);
        // Audited, each change once, with neither the words nor the reasons.
        assert_eq!((audits(&db.store, "write_case_note"), audits(&db.store, "amend_case_note"), audits(&db.store, "withdraw_case_note")), (1, 1, 1));
        let trail = db.store.read(|tx| tx.events(&AuditFilter::default())).unwrap();
        for words in ["Sam", "schol", "Spelling", "wrong child"] {
            assert!(trail.iter().all(|e| !e.details.contains(words)), "{words} in the audit trail");
        }
    }

    fn a_case_note_is_not_changed_by_a_role_that_does_not_write_notes_or_by_another_team(db) {
        let (child, team) = council(&db.store);
        let clock = FixedClock::on("2026-03-31");
        let id = write_case_note(&db.store, &user(Role::SocialWorker, &team), &clock, &child, d("2026-03-30"), "Saw Sam", "test").unwrap();
        for refused in [user(Role::Auditor, &team), user(Role::SocialWorker, "Nowhere")] {
            let tried = change_case_note(&db.store, &refused, &clock, &id, 1, NoteChangeInput::Withdraw, "No", "test");
            assert!(matches!(tried, Err(AppError::Forbidden(_))), "{:?}: {tried:?}", refused.role);
        }
        let future = change_case_note(&db.store, &user(Role::SocialWorker, &team), &clock, &id, 1, NoteChangeInput::Amend { date: d("2026-04-01"), text: "x".into() }, "Typo", "test");
        assert!(matches!(future, Err(AppError::Invalid(_))), "{future:?}");
        assert_eq!(audits(&db.store, "withdraw_case_note") + audits(&db.store, "amend_case_note"), 0);
    }
}
