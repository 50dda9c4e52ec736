//! The carers' training and events programme on both backends, as the
//! training officer and the managers keep it: who a booking is for
//! (TRAIN-001), the year-end review of the offer and the survey it needs
//! (TRAIN-004), newsletters that say how to book (TRAIN-005), the adopters'
//! quarterly meet-ups (TRAIN-007), the events for foster families
//! (TRAIN-010) and the bespoke training for special guardians (SG-008);
//! stale changes refused and every change audited.

use std::collections::HashMap;

use app::AppError;
use app::agency;
use app::households::{self as hh, NewHousehold};
use domain::access::User;
use domain::agency::programme::{Audience, ProgrammeChange};
use domain::households::lifecycle::RoleKind;
use domain::roles::Role;
use domain::subjects::SubjectItem;
use store::{AuditFilter, AuditLog, Store};
use test_support::FixedClock;

fn user(role: Role, team: Option<&str>) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: team.map(str::to_owned),
        worker_id: None,
    }
}

fn officer() -> User {
    user(Role::ServiceManager, None)
}

/// The change form `code` with these fields, read as the page reads it.
fn change(code: &str, fields: &[(&str, &str)], today: &str) -> Result<ProgrammeChange, String> {
    let map: HashMap<String, String> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    ProgrammeChange::parse(
        code,
        &|n: &str| map.get(n).cloned().unwrap_or_default(),
        today.parse().unwrap(),
    )
}

/// Records the change at the programme's current version.
fn record(store: &Store, code: &str, fields: &[(&str, &str)], on: &str) -> Result<i64, AppError> {
    let c = change(code, fields, on).map_err(AppError::Invalid)?;
    let (_, version) = agency::training_programme(store, &officer()).unwrap();
    agency::change_training_programme(store, &officer(), &FixedClock::on(on), version, c, "test")
}

fn household(store: &Store, name: &str, role: RoleKind) -> String {
    let tm = user(Role::TeamManager, Some("Fostering"));
    let new = NewHousehold {
        name: name.into(),
        role: Some(role),
        ..Default::default()
    };
    hh::add_household(store, &tm, &FixedClock::on("2025-01-06"), new, "test").unwrap()
}

fn lines(store: &Store, who: &User, on: &str) -> Vec<SubjectItem> {
    app::subject_worklist(store, who, &FixedClock::on(on), None)
        .unwrap()
        .to_vec()
}

fn audited(store: &Store) -> Vec<String> {
    store
        .read(|tx| {
            tx.events(&AuditFilter {
                record_type: Some("training_programme".into()),
                ..Default::default()
            })
        })
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.details))
        .collect()
}

fn refusal(r: Result<i64, AppError>) -> String {
    match r {
        Err(AppError::Invalid(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

test_support::on_both_backends! {
    fn train_001_a_special_guardian_and_a_supported_lodgings_provider_book_a_live_course_under_their_audience(db) {
        let store = &db.store;
        let sg = household(store, "The Green family", RoleKind::SpecialGuardian);
        let sl = household(store, "The Hale household", RoleKind::SupportedLodgingsHost);
        let birth = household(store, "The Ward family", RoleKind::BirthFamily);
        record(store, "course", &[("title", "Understanding trauma"), ("date", "2025-05-20"), ("places", "12")], "2025-04-10").unwrap();
        // The spec's Check: a special guardian books on 2025-05-01.
        record(store, "book", &[("course", "1"), ("household", &sg), ("date", "2025-05-01")], "2025-05-01").unwrap();
        record(store, "book", &[("course", "1"), ("household", &sl), ("date", "2025-05-01")], "2025-05-01").unwrap();
        let (p, _) = agency::training_programme(store, &officer()).unwrap();
        let booked: Vec<(&str, Audience, bool)> = p.courses[0].bookings.iter().map(|b| (b.name.as_str(), b.audience, b.waitlisted)).collect();
        assert_eq!(booked, vec![
            ("The Green family", Audience::SgoCarer, false),
            ("The Hale household", Audience::SupportedLodgingsProvider, false),
        ]);
        assert_eq!(Audience::SgoCarer.label(), "SGO carer");
        assert_eq!(Audience::SupportedLodgingsProvider.label(), "supported lodgings provider");
        // Not for a birth family; not twice; not for a household that is not there.
        let m = refusal(record(store, "book", &[("course", "1"), ("household", &birth), ("date", "2025-05-01")], "2025-05-01"));
        assert!(m.starts_with("household: the training programme is for"), "{m}");
        let m = refusal(record(store, "book", &[("course", "1"), ("household", &sg), ("date", "2025-05-02")], "2025-05-02"));
        assert!(m.contains("already booked"), "{m}");
        let m = refusal(record(store, "book", &[("course", "1"), ("household", "H99999"), ("date", "2025-05-02")], "2025-05-02"));
        assert!(m.starts_with("household:"), "{m}");
        // A social worker does not keep the programme.
        let sw = user(Role::SocialWorker, Some("Fostering"));
        assert!(matches!(agency::training_programme(store, &sw), Err(AppError::Forbidden(_))));
        // Audited with the household's reference, never its name.
        let events = audited(store);
        assert_eq!(events.iter().filter(|e| e.starts_with("WF-TRAINING.book")).count(), 2, "{events:?}");
        assert!(events.iter().any(|e| e.contains(&sg)) && !events.iter().any(|e| e.contains("Green")), "{events:?}");
    }

    fn train_004_the_year_end_review_of_the_training_offer_is_due_on_31_march_and_needs_a_survey(db) {
        let store = &db.store;
        let sm = officer();
        // FY 2024/25: the review is on the service manager's list from mid-March.
        let due = lines(store, &sm, "2025-03-20").into_iter().find(|i| i.rule == Some("TRAIN-004")).expect("on the list");
        assert_eq!((due.due, due.title.as_str()), ("2025-03-31".parse().unwrap(), "Review the training offer for 2024-25"));
        // It cannot be completed without a linked survey-results record.
        let m = refusal(record(store, "review", &[("year", "2024-25"), ("date", "2025-03-25"), ("survey", ""), ("decisions", "More trauma courses")], "2025-03-25"));
        assert!(m.starts_with("survey: link the training needs survey"), "{m}");
        record(store, "survey", &[("title", "Carers' training needs 2024"), ("date", "2025-02-10"), ("responses", "84"), ("findings", "Carers want evening sessions")], "2025-02-10").unwrap();
        record(store, "review", &[("year", "2024-25"), ("date", "2025-03-25"), ("survey", "1"), ("decisions", "Evening sessions added")], "2025-03-25").unwrap();
        assert!(lines(store, &sm, "2025-03-26").iter().all(|i| i.rule != Some("TRAIN-004")), "cleared");
        // A stale change is refused.
        let c = change("survey", &[("title", "Late"), ("date", "2025-03-26"), ("responses", "3"), ("findings", "x")], "2025-03-26").unwrap();
        let stale = agency::change_training_programme(store, &sm, &FixedClock::on("2025-03-26"), 1, c, "test");
        assert!(matches!(stale, Err(AppError::Store(store::StoreError::Stale { .. }))), "{stale:?}");
        // The next year's survey must be of that year.
        let m = refusal(record(store, "review", &[("year", "2025-26"), ("date", "2026-03-20"), ("survey", "1"), ("decisions", "Same")], "2026-03-20"));
        assert!(m.contains("must be one of the year's"), "{m}");
    }

    fn train_005_a_newsletter_without_a_training_section_saying_how_to_book_is_not_published(db) {
        let store = &db.store;
        let issue = |training: &'static str, how: &'static str| -> Vec<(&'static str, &'static str)> {
            vec![("newsletter", "fostering_news"), ("title", "Summer 2025"), ("date", "2025-06-01"), ("training", training), ("how_to_book", how)]
        };
        let m = refusal(record(store, "newsletter", &issue("", ""), "2025-05-28"));
        assert!(m.starts_with("training: an issue cannot be published without its training section"), "{m}");
        let m = refusal(record(store, "newsletter", &issue("Understanding trauma, 20 May", ""), "2025-05-28"));
        assert!(m.starts_with("how_to_book:"), "{m}");
        let (p, _) = agency::training_programme(store, &officer()).unwrap();
        assert!(p.newsletters.is_empty(), "nothing published");
        record(store, "newsletter", &issue("Understanding trauma, 20 May", "Email the training officer or book on the Portal"), "2025-05-28").unwrap();
        let (p, _) = agency::training_programme(store, &officer()).unwrap();
        assert_eq!(p.newsletters.len(), 1);
    }

    fn train_007_the_quarterly_check_reports_the_autumn_meet_up_missing(db) {
        let store = &db.store;
        for (kind, title, on) in [("meet_up_spring", "Spring picnic", "2025-04-12"), ("meet_up_summer", "Summer picnic", "2025-08-02"), ("meet_up_christmas", "Christmas party", "2025-12-13")] {
            record(store, "event", &[("audience", "adoption"), ("kind", kind), ("title", title), ("date", on)], "2025-03-01").unwrap();
        }
        let (p, _) = agency::training_programme(store, &officer()).unwrap();
        assert_eq!(p.missing_meet_ups(2025), vec!["Autumn meet-up"]);
        // A meet-up is the adopters': not an event for foster families.
        let m = refusal(record(store, "event", &[("audience", "fostering"), ("kind", "meet_up_autumn"), ("title", "Autumn"), ("date", "2025-10-18")], "2025-03-01"));
        assert!(m.starts_with("kind:"), "{m}");
        record(store, "event", &[("audience", "adoption"), ("kind", "meet_up_autumn"), ("title", "Autumn walk"), ("date", "2025-10-18")], "2025-03-01").unwrap();
        let (p, _) = agency::training_programme(store, &officer()).unwrap();
        assert!(p.missing_meet_ups(2025).is_empty());
    }

    fn train_010_an_event_for_foster_families_is_one_of_the_offers_kinds(db) {
        let store = &db.store;
        let m = refusal(record(store, "event", &[("audience", "fostering"), ("kind", "quiz_night"), ("title", "Quiz"), ("date", "2025-07-01")], "2025-07-01"));
        assert_eq!(m, "kind: an event for this audience is one of: Support and information-sharing group, Family fun day, Craft day, Summer play scheme, Celebration event");
        record(store, "event", &[("audience", "fostering"), ("kind", "summer_play_scheme"), ("title", "Summer play scheme"), ("date", "2025-07-01")], "2025-07-01").unwrap();
        let (p, _) = agency::training_programme(store, &officer()).unwrap();
        assert_eq!(p.events[0].kind_label(), "Summer play scheme");
    }

    fn sg_008_bespoke_training_for_special_guardians_open_on_1_april_2026_is_overdue(db) {
        let store = &db.store;
        record(store, "action", &[("title", "Bespoke training for Special Guardians"), ("owners", "Service Manager and Post Order Team Manager"), ("audience", "sgo_carer"), ("team", "Kinship"), ("due", "2026-03-31")], "2025-06-01").unwrap();
        let tm = user(Role::TeamManager, Some("Kinship"));
        let due = lines(store, &tm, "2026-04-01").into_iter().find(|i| i.rule == Some("SG-008")).expect("on the team's list");
        assert_eq!(due.standing, domain::deadlines::Standing::Overdue);
        assert!(due.title.contains("Bespoke training for Special Guardians") && due.title.contains("Post Order Team Manager"), "{}", due.title);
        // Not on another team's list; done, it clears.
        assert!(lines(store, &user(Role::TeamManager, Some("Adoption")), "2026-04-01").iter().all(|i| i.rule != Some("SG-008")));
        record(store, "action_done", &[("action", "1"), ("date", "2026-04-02")], "2026-04-02").unwrap();
        assert!(lines(store, &tm, "2026-04-02").iter().all(|i| i.rule != Some("SG-008")));
        let m = refusal(record(store, "action_done", &[("action", "1"), ("date", "2026-04-02")], "2026-04-02"));
        assert!(m.contains("already done"), "{m}");
    }
}
