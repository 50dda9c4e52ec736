//! The performance figures from the store, on both backends: a health
//! assessment recorded with a dental check and an SDQ score moves KPI-CIC-11
//! and KPI-CIC-13; the children in care of KPI-CIC-01 are the council's
//! children in care; an analyst sees the children behind a figure by
//! identifier only, a service manager by name; a social worker is refused;
//! each read is audited.

use app::AppError;
use app::casework::{ActivityInput, record_activity};
use app::reporting::{measure_children, performance};
use chrono::NaiveDate;
use domain::access::User;
use domain::audit::Actor;
use domain::casework::activities::Answers;
use domain::child::ChildId;
use domain::deadlines::EventKind;
use domain::reporting::conventions::Period;
use domain::reporting::measures::Counted;
use domain::roles::Role;
use store::{AuditFilter, AuditLog, ChildRepository, Store};
use test_support::FixedClock;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-03-31";

/// A synthetic council of 40 children on 31 March 2026 and its journeys.
fn council(store: &Store) -> Vec<domain::journey::CareJourney> {
    let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(
        40,
        3,
        d(TODAY),
    ));
    app::load_council(
        store,
        &Actor::new("demo"),
        &FixedClock::on(TODAY),
        &council.workers,
        &council.journeys,
        &mut |_, _| {},
    )
    .unwrap();
    council.journeys
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

fn year() -> Period {
    Period::parse("2025-26").unwrap()
}

test_support::on_both_backends! {
    fn kpi_cic_01_the_children_in_care_are_the_councils_children_looked_after_on_the_day(db) {
        let journeys = council(&db.store);
        let clock = FixedClock::on(TODAY);
        let analyst = user(Role::PerformanceAnalyst);
        let view = performance(&db.store, &analyst, &clock, year(), "test").unwrap();
        let expected = journeys
            .iter()
            .filter(|j| j.episodes().iter().any(|e| e.covers(d(TODAY)) && !e.legal_status.is_short_break()))
            .count();
        let cic = view.rows.iter().find(|r| r.measure.id == "KPI-CIC-01").unwrap();
        assert_eq!(cic.value, Some(expected as f64));
        assert_eq!(cic.trend.len(), 3);
        assert_eq!(cic.trend[0].0.label(), "2023-24");
        assert_eq!(view.as_at, d(TODAY));
        assert_eq!(audits(&db.store, "view_performance"), 1);

        // The analyst sees the children by identifier only; the manager by name.
        let list = measure_children(&db.store, &analyst, &clock, "cic-01", year(), "test").unwrap();
        assert_eq!(list.lines.iter().filter(|l| l.counted == Counted::Numerator).count(), expected);
        assert!(list.lines.iter().all(|l| l.name.is_none()));
        let manager = user(Role::ServiceManager);
        let named = measure_children(&db.store, &manager, &clock, "cic-01", year(), "test").unwrap();
        assert!(named.lines.iter().all(|l| l.name.is_some()));
        assert_eq!(audits(&db.store, "view_measure_children"), 2);
        // A team manager sees the names of their own team's children only.
        let team = db.store.read(|tx| tx.child_team(&list.lines[0].child)).unwrap().unwrap();
        let lead = User { team: Some(team.clone()), ..user(Role::TeamManager) };
        let theirs = measure_children(&db.store, &lead, &clock, "cic-01", year(), "test").unwrap();
        for l in &theirs.lines {
            let own = db.store.read(|tx| tx.child_team(&l.child)).unwrap().as_deref() == Some(team.as_str());
            assert_eq!(l.name.is_some(), own, "{}", l.child.as_str());
        }
        assert!(theirs.lines.iter().any(|l| l.name.is_none()), "another team's child is not named");

        // A social worker does not see the service's figures.
        let worker = User { team: Some("x".into()), ..user(Role::SocialWorker) };
        assert!(matches!(performance(&db.store, &worker, &clock, year(), "test"), Err(AppError::Forbidden(_))));
        assert!(matches!(
            measure_children(&db.store, &analyst, &clock, "nothing", year(), "test"),
            Err(AppError::NotFound(_))
        ));
    }

    fn kpi_cic_11_and_kpi_cic_13_a_health_assessment_with_a_dental_check_and_an_sdq_counts_the_child(db) {
        let journeys = council(&db.store);
        let clock = FixedClock::on(TODAY);
        let analyst = user(Role::PerformanceAnalyst);
        // A child aged 4 to 16 in care for more than a year on 31 March 2026.
        let child: ChildId = journeys
            .iter()
            .find(|j| {
                let age = d(TODAY).years_since(j.child().date_of_birth).unwrap_or(0);
                let i = j.episodes().iter().rposition(|e| e.covers(d(TODAY)));
                (4..=16).contains(&age)
                    && i.and_then(|i| j.period_start(i)).is_some_and(|s| s <= d("2025-01-01"))
                    && !j.episodes().last().unwrap().legal_status.is_short_break()
            })
            .expect("a child in care a year")
            .id()
            .clone();
        let line = |key: &str| {
            measure_children(&db.store, &analyst, &clock, key, year(), "test")
                .unwrap()
                .lines
                .into_iter()
                .find(|l| l.child == child)
                .unwrap()
        };
        let before = (line("cic-11"), line("cic-13"));
        assert_eq!(before.0.counted, Counted::DenominatorOnly, "{}", before.0.why);
        assert_eq!(before.1.counted, Counted::DenominatorOnly, "{}", before.1.why);
        let nurse = user(Role::HealthPractitioner);
        record_activity(&db.store, &nurse, &clock, &child, ActivityInput {
            kind: EventKind::HealthAssessment,
            date: d("2026-02-10"),
            answers: Answers {
                assessment_type: Some("review".into()),
                sdq_score: Some(14),
                dental_check: Some(true),
                optical_check: Some(true),
                immunisations: Some(true),
                ..Default::default()
            },
        }, "test").unwrap();
        let after = (line("cic-11"), line("cic-13"));
        assert_eq!(after.0.counted, Counted::Numerator);
        assert_eq!(after.0.why, "Dental check recorded on 2026-02-10");
        assert_eq!(after.1.counted, Counted::Numerator);
        // The journey in the store is the one the figures read.
        assert!(db.store.read(|tx| tx.journey(&child)).unwrap().is_some());
    }
}
