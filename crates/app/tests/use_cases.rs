//! The use cases on both backends: each is one transaction with its audit
//! event, stale edits are refused, and bad input changes nothing.

use app::{AppError, PlacementMove};
use domain::audit::Actor;
use domain::child::{Child, ChildId, PersonName, Postcode};
use domain::codes::{
    CategoryOfNeed, Ethnicity, LegalStatus, PlacementProvider, PlacementType, ReasonEpisodeCeased,
    ReasonPlacementChange, ReviewParticipation, Sex,
};
use domain::journey::{Admission, JourneyError, Placement, Review};
use domain::time::parse_iso_date;
use store::{AuditFilter, AuditLog, ChildRepository, StaffRepository, Store, StoreError};
use test_support::FixedClock;

fn d(s: &str) -> chrono::NaiveDate {
    parse_iso_date("test date", s).unwrap()
}

fn worker() -> Actor {
    Actor::new("sw.jones")
}

fn child(id: &str) -> Child {
    Child {
        id: ChildId::parse(id).unwrap(),
        name: PersonName::parse("Maisie", "Testcase").unwrap(),
        sex: Sex::Female,
        date_of_birth: d("2020-02-29"),
        ethnicity: Ethnicity::WhiteBritish,
        pupil_number: None,
        disabled: false,
        uasc: None,
    }
}

fn foster(postcode: &str) -> Placement {
    Placement {
        placement_type: PlacementType::FosterOther,
        provider: Some(PlacementProvider::OwnProvision),
        postcode: Some(Postcode::parse(postcode).unwrap()),
        urn: None,
    }
}

fn admission(start: &str) -> Admission {
    Admission {
        start: d(start),
        legal_status: LegalStatus::InterimCareOrder,
        category_of_need: CategoryOfNeed::AbuseOrNeglect,
        placement: foster("LE3 8RA"),
        home_postcode: Some(Postcode::parse("LE1 5WW").unwrap()),
    }
}

fn audit_count(store: &Store, id: &str) -> usize {
    store
        .read(|tx| {
            tx.events(&AuditFilter {
                record_id: Some(id.to_owned()),
                ..Default::default()
            })
        })
        .unwrap()
        .len()
}

fn children(store: &Store) -> i64 {
    store
        .read(|tx| tx.count_children(store::ChildFilter::All))
        .unwrap()
}

test_support::on_both_backends! {
    fn admitting_a_child_writes_the_journey_and_its_audit_event_together(db) {
        let clock = FixedClock::on("2025-12-15");
        let saved = app::admit_to_care(&db.store, &worker(), &clock, child("C1"), admission("2025-12-01")).unwrap();
        assert_eq!(saved.version, 1);
        let events = db.store.read(|tx| tx.events(&AuditFilter::default())).unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].action, "admit_to_care");
        assert_eq!(events[0].actor, "sw.jones");
        assert_eq!(events[0].record_id, "C1");
        assert_eq!(
            events[0].details,
            r#"{"change":"entered_care","episode":1,"start":"2025-12-01","legal_status":"C1","placement_type":"U6","category_of_need":"N1"}"#
        );
    }

    fn audit_events_hold_no_personal_data(db) {
        let clock = FixedClock::on("2025-12-15");
        let v = app::admit_to_care(&db.store, &worker(), &clock, child("C1"), admission("2025-12-01")).unwrap();
        let id = ChildId::parse("C1").unwrap();
        app::change_placement(&db.store, &worker(), &clock, &id, v.version, PlacementMove {
            date: d("2025-12-10"),
            placement: foster("LE11 3TU"),
            same_carers: false,
            reason: ReasonPlacementChange::CarerRequestOther,
        }).unwrap();
        app::view_child(&db.store, &worker(), &clock, &id).unwrap();
        let events = db.store.read(|tx| tx.events(&AuditFilter::default())).unwrap();
        assert_eq!(events.len(), 3);
        for e in events {
            for personal in ["Maisie", "Testcase", "2020-02-29", "LE3", "LE1", "LE11"] {
                assert!(!e.details.contains(personal), "{personal} in {}", e.details);
            }
        }
    }

    fn a_failing_use_case_leaves_neither_record_nor_audit(db) {
        let clock = FixedClock::on("2025-12-15");
        // The journey and its audit event are written, then the work fails:
        // the transaction must roll both back.
        let result: Result<(), AppError> = db.store.write(|tx| {
            let (journey, _) = domain::journey::CareJourney::admit(child("C9"), admission("2025-12-01"), d("2025-12-15"))?;
            tx.insert_journey(&journey, domain::time::Clock::now(&clock))?;
            tx.append(&domain::audit::AuditEvent {
                at: domain::time::Clock::now(&clock),
                actor: "sw.jones".into(),
                action: "admit_to_care".into(),
                record_type: "child".into(),
                record_id: "C9".into(),
                details: "{}".into(),
            })?;
            // A second admission of the same child fails half-way through the use case.
            tx.insert_journey(&journey, domain::time::Clock::now(&clock))?;
            Ok(())
        });
        assert!(matches!(result, Err(AppError::Store(StoreError::AlreadyExists { .. }))));
        assert_eq!(children(&db.store), 0);
        assert_eq!(audit_count(&db.store, "C9"), 0);
    }

    fn a_stale_edit_is_refused_with_a_clear_message(db) {
        let clock = FixedClock::on("2025-12-15");
        app::admit_to_care(&db.store, &worker(), &clock, child("C1"), admission("2025-12-01")).unwrap();
        let id = ChildId::parse("C1").unwrap();
        // Two workers open the record at version 1; the first saves a review.
        let review = |date| Review { date: d(date), participation: ReviewParticipation::AttendsAndSpeaks };
        let saved = app::record_review(&db.store, &worker(), &clock, &id, 1, review("2025-12-12")).unwrap();
        assert_eq!(saved.version, 2);
        // The second saves from the version they saw.
        let err = app::record_review(&db.store, &Actor::new("iro.khan"), &clock, &id, 1, review("2025-12-13")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "child C1 was changed by someone else since you opened it (your version 1, now 2); reload it and make your change again"
        );
        // The stale write neither changed the record nor wrote an audit event.
        let now = app::view_child(&db.store, &worker(), &clock, &id).unwrap();
        assert_eq!(now.value.reviews().len(), 1);
        assert_eq!(now.version, 2);
        assert_eq!(audit_count(&db.store, "C1"), 3); // admit, review, view
    }

    fn the_store_itself_refuses_a_stale_version(db) {
        let clock = FixedClock::on("2025-12-15");
        let saved = app::admit_to_care(&db.store, &worker(), &clock, child("C1"), admission("2025-12-01")).unwrap();
        let (changed, _) = saved.value.leave_care(d("2025-12-14"), ReasonEpisodeCeased::ReturnedHomePlanned, d("2025-12-15")).unwrap();
        let now = domain::time::Clock::now(&clock);
        assert_eq!(db.store.write(|tx| tx.update_journey(&changed, 1, now)).unwrap(), 2);
        let err = db.store.write(|tx| tx.update_journey(&changed, 1, now)).unwrap_err();
        assert!(matches!(err, StoreError::Stale { expected: 1, found: 2, .. }), "{err}");
    }

    fn overlapping_episodes_are_refused_and_nothing_changes(db) {
        let clock = FixedClock::on("2025-12-15");
        app::admit_to_care(&db.store, &worker(), &clock, child("C1"), admission("2025-06-01")).unwrap();
        let id = ChildId::parse("C1").unwrap();
        let left = app::end_episode(&db.store, &worker(), &clock, &id, 1, d("2025-09-30"), ReasonEpisodeCeased::ReturnedHomePlanned).unwrap();
        // A new period of care that starts before the last one ended overlaps it.
        let err = app::admit_to_care(&db.store, &worker(), &clock, child("C1"), admission("2025-09-01")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "episodes 1 and 2 overlap: episode 1 ends on 2025-09-30, but episode 2 starts on 2025-09-01"
        );
        let after = db.store.read(|tx| tx.journey(&id)).unwrap().unwrap();
        assert_eq!(after.version, left.version);
        assert_eq!(after.value.episodes().len(), 1);
        assert_eq!(audit_count(&db.store, "C1"), 2);
    }

    fn an_episode_that_ends_before_it_starts_changes_nothing(db) {
        let clock = FixedClock::on("2025-12-15");
        app::admit_to_care(&db.store, &worker(), &clock, child("C1"), admission("2025-06-01")).unwrap();
        let id = ChildId::parse("C1").unwrap();
        let err = app::end_episode(&db.store, &worker(), &clock, &id, 1, d("2025-05-31"), ReasonEpisodeCeased::ReturnedHomePlanned).unwrap_err();
        assert!(matches!(err, AppError::Journey(JourneyError::EpisodeEndsBeforeStart { episode: 1, .. })), "{err}");
        assert_eq!(err.to_string(), "episode 1 ends on 2025-05-31, before it starts on 2025-06-01");
        let after = db.store.read(|tx| tx.journey(&id)).unwrap().unwrap();
        assert_eq!(after.version, 1);
        assert!(after.value.current_episode().is_some());
        assert_eq!(audit_count(&db.store, "C1"), 1);
    }

    fn a_date_of_birth_in_the_future_changes_nothing(db) {
        let clock = FixedClock::on("2025-12-15");
        let mut c = child("C2");
        c.date_of_birth = d("2026-01-20");
        let err = app::admit_to_care(&db.store, &worker(), &clock, c, admission("2025-12-01")).unwrap_err();
        assert_eq!(err.to_string(), "date of birth 2026-01-20 is in the future (today is 2025-12-15)");
        assert_eq!(children(&db.store), 0);
        assert_eq!(audit_count(&db.store, "C2"), 0);
    }

    fn an_unknown_code_is_refused_before_anything_is_written(db) {
        // Codes are parsed at the edge: an unknown one never reaches a use case.
        let err = "C9".parse::<LegalStatus>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'C9' is not a valid legal status code (expected one of: C1, C2, D1, E1, J1, J2, J3, L1, L2, L3, V2, V3, V4)"
        );
        assert_eq!(children(&db.store), 0);
    }

    fn a_journey_round_trips_through_every_change(db) {
        let clock = FixedClock::on("2026-01-20");
        let id = ChildId::parse("C1").unwrap();
        let v = app::admit_to_care(&db.store, &worker(), &clock, child("C1"), admission("2025-03-03")).unwrap();
        let v = app::change_legal_status(&db.store, &worker(), &clock, &id, v.version, d("2025-09-01"), LegalStatus::PlacementOrder).unwrap();
        let v = app::change_placement(&db.store, &worker(), &clock, &id, v.version, PlacementMove {
            date: d("2025-12-01"),
            placement: Placement {
                placement_type: PlacementType::AdoptionPlacementOrder,
                provider: Some(PlacementProvider::OwnProvision),
                postcode: None,
                urn: None,
            },
            same_carers: false,
            reason: ReasonPlacementChange::CarerApprovalChange,
        }).unwrap();
        let v = app::record_review(&db.store, &worker(), &clock, &id, v.version, Review {
            date: d("2025-12-20"),
            participation: ReviewParticipation::Under4,
        }).unwrap();
        assert_eq!(v.version, 4);
        let loaded = db.store.read(|tx| tx.journey(&id)).unwrap().unwrap();
        assert_eq!(loaded, v);
        assert_eq!(loaded.value.episodes().len(), 3);
        // Rows that did not change keep their version; changed and new rows do not.
        let versions = db.store.read(|tx| tx.row_versions("episodes", &id)).unwrap();
        assert_eq!(versions, vec![2, 2, 1]);
        let (list, total) = app::list_children(&db.store, store::ChildFilter::InCare, 1, 20).unwrap();
        assert_eq!(total, 1);
        assert_eq!(list[0].legal_status, Some(LegalStatus::PlacementOrder));
        assert_eq!(list[0].placement_type, Some(PlacementType::AdoptionPlacementOrder));
        assert_eq!(list[0].period_start, Some(d("2025-03-03")));
    }

    fn the_worklist_from_the_store_matches_the_one_from_the_generated_council(db) {
        let as_of = d("2026-03-31");
        let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(120, 4, as_of));
        let clock = FixedClock::on("2026-03-31");
        app::load_council(&db.store, &Actor::new("demo"), &clock, &council.workers, &council.journeys, &mut |_, _| {}).unwrap();
        let teams = council.workers.iter().map(|w| (w.id.clone(), w.team.clone())).collect();
        let cases: Vec<_> = council.journeys.iter().map(|j| app::case_of(j, &teams)).collect();
        let scope = domain::worklist::Scope::Service;
        let expected = domain::worklist::review(&cases, &scope, as_of);
        let (items, drift) = app::worklist(&db.store, &scope, as_of).unwrap();
        assert!(!items.is_empty());
        assert_eq!((items, drift), expected);
        // A team's worklist holds only that team's cases.
        let team = council.workers[0].team.clone();
        let (mine, _) = app::worklist(&db.store, &domain::worklist::Scope::Team(team.clone()), as_of).unwrap();
        assert!(mine.iter().all(|i| i.team.as_deref() == Some(team.as_str())));
    }

    fn security_the_worklist_reads_its_teams_children_once_and_again_only_when_one_changes(db) {
        let as_of = d("2026-03-31");
        let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(120, 4, as_of));
        let clock = FixedClock::on("2026-03-31");
        app::load_council(&db.store, &Actor::new("demo"), &clock, &council.workers, &council.journeys, &mut |_, _| {}).unwrap();
        let teams: std::collections::HashMap<_, _> = council.workers.iter().map(|w| (w.id.clone(), w.team.clone())).collect();
        let team = council.workers[0].team.clone();
        let scope = domain::worklist::Scope::Team(team.clone());
        let expected = |db: &test_support::db::TestDatabase| {
            let journeys = app::cases_journeys(&db.store).unwrap();
            domain::worklist::review(&app::cases_of(&journeys, &teams), &scope, as_of)
        };
        let first = app::computed_worklist(&db.store, &scope, as_of).unwrap();
        assert_eq!(*first, expected(&db));
        // Asked again with nothing changed: the same list, not computed again.
        let again = app::computed_worklist(&db.store, &scope, as_of).unwrap();
        assert!(std::sync::Arc::ptr_eq(&first, &again), "the team's worklist was computed again");
        // A child of another team changes: the team's list still holds.
        let in_team = |team: Option<String>, yes: bool| {
            let all = db.store.read(|tx| tx.search_children(&store::ChildSearch { in_care_only: true, ..Default::default() }, 0, 500)).unwrap().0;
            all.into_iter()
                .find(|c| (db.store.read(|tx| tx.child_team(&c.id)).unwrap() == team) == yes)
                .unwrap()
                .id
        };
        let review = Review { date: as_of, participation: ReviewParticipation::AttendsAndSpeaks };
        let other = in_team(Some(team.clone()), false);
        let version = db.store.read(|tx| tx.journey(&other)).unwrap().unwrap().version;
        app::record_review(&db.store, &worker(), &clock, &other, version, review).unwrap();
        let kept = app::computed_worklist(&db.store, &scope, as_of).unwrap();
        assert!(std::sync::Arc::ptr_eq(&first, &kept), "another team's change recomputed this team's list");
        // A child of the team changes: computed again, and right.
        let mine = in_team(Some(team.clone()), true);
        let version = db.store.read(|tx| tx.journey(&mine)).unwrap().unwrap().version;
        app::record_review(&db.store, &worker(), &clock, &mine, version, review).unwrap();
        let after = app::computed_worklist(&db.store, &scope, as_of).unwrap();
        assert!(!std::sync::Arc::ptr_eq(&first, &after));
        assert_eq!(*after, expected(&db));
    }

    fn security_the_worklist_reads_the_teams_names_again_only_when_the_workforce_changes(db) {
        let as_of = d("2026-03-31");
        let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(60, 3, as_of));
        let clock = FixedClock::on("2026-03-31");
        app::load_council(&db.store, &Actor::new("demo"), &clock, &council.workers, &council.journeys, &mut |_, _| {}).unwrap();
        let manager = domain::access::User {
            username: "sm.test".into(),
            display_name: "Service manager".into(),
            role: domain::roles::Role::ServiceManager,
            team: None,
            worker_id: None,
        };
        let names: std::collections::BTreeSet<String> = council.workers.iter().map(|w| w.team.clone()).collect();
        let first = app::worklist_for(&db.store, &manager, &clock, None, "test").unwrap();
        assert_eq!(first.teams.to_vec(), names.into_iter().collect::<Vec<_>>());
        // Nothing changed: the names and the list are the ones kept.
        let again = app::worklist_for(&db.store, &manager, &clock, None, "test").unwrap();
        assert!(std::sync::Arc::ptr_eq(&first.teams, &again.teams));
        assert!(std::sync::Arc::ptr_eq(&first.computed, &again.computed));
        // A worker of a new team joins: the names are read again and the
        // service's list is computed again.
        db.store
            .write(|tx| tx.insert_workers(&[domain::roles::Worker { id: "W-NEW".into(), team: "Zeta".into() }]))
            .unwrap();
        let after = app::worklist_for(&db.store, &manager, &clock, None, "test").unwrap();
        assert_eq!(after.teams.last().map(String::as_str), Some("Zeta"));
        assert!(!std::sync::Arc::ptr_eq(&first.computed, &after.computed));
    }

    fn the_next_deadline_in_the_summary_follows_every_change_and_every_change_of_rules(db) {
        let clock = FixedClock::on("2025-03-10");
        app::admit_to_care(&db.store, &worker(), &clock, child("C1"), admission("2025-03-03")).unwrap();
        let next = |db: &test_support::db::TestDatabase| {
            app::list_children(&db.store, store::ChildFilter::InCare, 1, 10).unwrap().0[0].next_deadline.clone()
        };
        // First review due 2025-03-31 (TRACK-001), the earliest open deadline but the first visit.
        let first = next(&db).unwrap();
        assert_eq!(first.0, d("2025-03-10"), "{first:?}");
        let id = ChildId::parse("C1").unwrap();
        app::record_review(&db.store, &worker(), &clock, &id, 1, Review { date: d("2025-03-07"), participation: ReviewParticipation::Under4 }).unwrap();
        assert_ne!(next(&db), None);
        // Unchanged rules: nothing to refresh; a new version of the rules: every child.
        assert_eq!(app::refresh_deadlines_if_rules_changed(&db.store).unwrap(), 1);
        assert_eq!(app::refresh_deadlines_if_rules_changed(&db.store).unwrap(), 0);
        db.store.write(|tx| tx.set_setting("deadline_rules", "an older version")).unwrap();
        assert_eq!(app::refresh_deadlines_if_rules_changed(&db.store).unwrap(), 1);
    }

    fn a_generated_council_loads_and_reads_back_unchanged(db) {
        let as_of = d("2026-03-31");
        let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(150, 9, as_of));
        let journeys = &council.journeys;
        let clock = FixedClock::on("2026-03-31");
        let n = app::load_council(&db.store, &Actor::new("demo"), &clock, &council.workers, journeys, &mut |_, _| {}).unwrap();
        assert_eq!(n as usize, journeys.len());
        for j in journeys.iter().step_by(17) {
            let back = db.store.read(|tx| tx.journey(j.id())).unwrap().unwrap();
            assert_eq!(&back.value, j);
        }
        // Loading again is refused whole: the register is not doubled.
        let err = app::load_council(&db.store, &Actor::new("demo"), &clock, &[], journeys, &mut |_, _| {}).unwrap_err();
        assert!(err.to_string().contains("load into an empty database"), "{err}");
        assert_eq!(children(&db.store) as usize, journeys.len());
    }
}

#[test]
fn a_database_that_does_not_answer_gets_a_clear_error() {
    // Nothing listens on port 1; the message names the server and the database, never a password.
    let url = store::DatabaseUrl::parse(
        "postgres://permanence:secret@127.0.0.1:1/permanence?connect_timeout=2",
    )
    .unwrap();
    let err = Store::open(&url).err().expect("no server on port 1");
    let message = err.to_string();
    assert!(
        message.starts_with(
            "could not connect to the PostgreSQL database at 127.0.0.1:1/permanence: "
        ),
        "{message}"
    );
    assert!(!message.contains("secret"), "{message}");
}

#[test]
fn a_sqlite_file_in_a_missing_folder_gets_a_clear_error() {
    let url = store::DatabaseUrl::parse("sqlite:/no/such/folder/permanence.sqlite3").unwrap();
    let message = Store::open(&url).err().expect("no such folder").to_string();
    assert!(
        message.starts_with(
            "could not connect to the SQLite database at /no/such/folder/permanence.sqlite3: "
        ),
        "{message}"
    );
}

#[test]
fn open_deadlines_are_exactly_the_unmet_deadlines_of_a_generated_council() {
    let as_of = d("2026-03-31");
    let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(
        300, 8, as_of,
    ));
    let rules = &domain::deadline_rules::RULES;
    for j in &council.journeys {
        let events = j.events();
        let facts = domain::deadlines::SubjectFacts {
            date_of_birth: Some(j.child().date_of_birth),
        };
        let all: Vec<_> = domain::deadlines::deadlines(rules, &events, facts)
            .into_iter()
            .filter(|x| x.met.is_none())
            .collect();
        assert_eq!(
            domain::deadlines::open_deadlines(rules, &events, facts),
            all,
            "{}",
            j.id()
        );
    }
}
