//! Life story work as people meet it (issue 22), on both backends: the
//! record's formats, contents and contributors (CONT-001), the social
//! worker's task to start it from the agency decision maker's decision
//! (CONT-002) and the exception when the adoption order is made before the
//! work and the Letter for Life reach the adopters (CONT-003).

mod permanence_fixture;
use permanence_fixture::*;

use app::contact;
use domain::adoption::child_pathway::{FamilyOptions, Milestone, PathwayStep, Readiness};
use domain::contact::life_story::LifeStoryChange;

fn sw() -> User {
    user(Role::SocialWorker, Some("Blaby"))
}

fn form(pairs: &[(&str, &str)], code: &str, on: &str) -> Result<LifeStoryChange, String> {
    let get = |n: &str| {
        pairs
            .iter()
            .find(|(k, _)| *k == n)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_default()
    };
    LifeStoryChange::parse(code, &get, d(on))
}

fn change(store: &Store, on: &str, change: LifeStoryChange) -> Result<i64, AppError> {
    let v = contact::life_story(store, &sw(), &FixedClock::on(on), &cid("C1"), "test")
        .unwrap()
        .version;
    contact::change_life_story(
        store,
        &sw(),
        &FixedClock::on(on),
        (&cid("C1"), v),
        change,
        "test",
    )
}

fn work(started: &str) -> LifeStoryChange {
    form(
        &[
            ("format_book", "yes"),
            ("content_significant_events", "yes"),
            ("content_care_history", "yes"),
            ("contributor_1_part", "social_worker"),
            ("contributor_1_name", "Sam Worker"),
            ("started", started),
        ],
        "work",
        started,
    )
    .unwrap()
}

fn pathway_step(store: &Store, who: &User, on: &str, step: PathwayStep) {
    let v = app::adoption::open_pathway(store, who, &FixedClock::on(on), &cid("C1"), "test")
        .unwrap()
        .pathway
        .version;
    app::adoption::record_pathway_step(
        store,
        who,
        &FixedClock::on(on),
        (&cid("C1"), v),
        step,
        "test",
    )
    .unwrap();
}

/// C1's adoption plan submitted and agreed by the ADM on `on`.
fn decided(store: &Store, on: &str) {
    let finder = user(Role::FamilyFinder, None);
    pathway_step(
        store,
        &finder,
        on,
        PathwayStep::FamilyOptions(FamilyOptions::Evidenced),
    );
    let ready = Readiness {
        review_of_arrangements: Some(d(on)),
        service_manager_oversight: true,
        assessments_concluded: true,
        cpr_quality_assured: true,
    };
    pathway_step(store, &finder, on, PathwayStep::Readiness(ready));
    pathway_step(store, &finder, on, PathwayStep::SubmitToAdm(d(on)));
    let adm = user(Role::AgencyDecisionMaker, None);
    pathway_step(
        store,
        &adm,
        on,
        PathwayStep::BestInterest {
            date: d(on),
            review: false,
            by: "adm".into(),
        },
    );
}

fn worklist(store: &Store, on: &str) -> Vec<(Option<&'static str>, String, chrono::NaiveDate)> {
    app::subject_worklist(store, &sw(), &FixedClock::on(on), None)
        .unwrap()
        .iter()
        .filter(|l| l.subject.id == "C1")
        .map(|l| (l.rule, l.title.clone(), l.due))
        .collect()
}

fn report(store: &Store, on: &str) -> Vec<(&'static str, chrono::NaiveDate)> {
    let tm = user(Role::TeamManager, Some("Blaby"));
    contact::life_story_report(store, &tm, &FixedClock::on(on), "test")
        .unwrap()
        .iter()
        .map(|l| (l.outstanding.rule, l.outstanding.since))
        .collect()
}

test_support::on_both_backends! {
    fn cont_001_life_story_work_is_saved_with_its_formats_contents_and_a_social_or_support_worker(db) {
        let store = &db.store;
        setup(store);
        // Only a foster carer contributing: refused, naming the field; nothing saved.
        let carer_only = form(
            &[("format_scrapbook", "yes"), ("contributor_1_part", "foster_carer"), ("contributor_1_name", "Ann Carer"), ("started", "2025-02-03")],
            "work",
            "2025-02-03",
        );
        let err = carer_only.unwrap_err();
        assert!(err.starts_with("contributor_1_part:") && err.contains("social worker or a support worker"), "{err}");
        // A format outside the list is refused by the record itself.
        let LifeStoryChange::Work(mut odd) = work("2025-02-03") else { panic!("work") };
        odd.formats.push("video".into());
        let err = change(store, "2025-02-03", LifeStoryChange::Work(odd)).unwrap_err();
        assert!(matches!(err, AppError::Invalid(ref m) if m.starts_with("formats:")), "{err:?}");
        let v = contact::life_story(store, &sw(), &FixedClock::on("2025-02-03"), &cid("C1"), "test").unwrap();
        assert_eq!((v.version, v.record.started), (0, None));
        // Saved with the social worker contributing; what is not covered is said.
        assert_eq!(change(store, "2025-02-03", work("2025-02-03")).unwrap(), 1);
        let v = contact::life_story(store, &sw(), &FixedClock::on("2025-02-03"), &cid("C1"), "test").unwrap();
        assert_eq!(v.record.formats, ["book"]);
        assert_eq!(v.record.contents_missing(), ["Family descriptions", "Place of birth"]);
        // A stale version is refused; a worker of another team cannot change it.
        let stale = contact::change_life_story(store, &sw(), &FixedClock::on("2025-02-04"), (&cid("C1"), 0), work("2025-02-04"), "test");
        assert!(stale.is_err());
        let other = user(Role::SocialWorker, Some("Melton"));
        let theirs = contact::change_life_story(store, &other, &FixedClock::on("2025-02-04"), (&cid("C1"), 1), work("2025-02-04"), "test");
        assert!(matches!(theirs, Err(AppError::Forbidden(_))), "{theirs:?}");
        // Reads and changes are audited with codes, never names.
        let events = store.read(|tx| tx.events(&AuditFilter { record_type: Some("life_story".into()), ..Default::default() })).unwrap();
        assert!(events.iter().any(|e| e.action == "CONT.life_story.work"));
        assert!(events.iter().all(|e| !e.details.contains("Sam Worker")));
    }

    fn cont_002_the_adm_decision_puts_life_story_work_to_start_on_the_social_workers_list_until_it_starts(db) {
        let store = &db.store;
        setup(store);
        assert!(worklist(store, "2025-07-01").iter().all(|l| l.0 != Some("CONT-002")));
        decided(store, "2025-07-01");
        let lines = worklist(store, "2025-07-01");
        let task = lines.iter().find(|l| l.0 == Some("CONT-002")).expect("the task on the worklist");
        assert_eq!((task.1.as_str(), task.2), ("Life story work – start", d("2025-07-01")));
        assert_eq!(report(store, "2025-07-20"), [("CONT-002", d("2025-07-01"))]);
        let v = contact::life_story(store, &sw(), &FixedClock::on("2025-07-20"), &cid("C1"), "test").unwrap();
        assert_eq!(v.outstanding[0].rule, "CONT-002");
        let alerts = contact::child_alerts(store, &cid("C1")).unwrap();
        assert!(alerts.iter().any(|a| a.starts_with("Life story work – start") && a.contains("CONT-002, since 1 July 2025")), "{alerts:?}");
        // Started: off the list and the report.
        change(store, "2025-07-20", work("2025-07-20")).unwrap();
        assert!(contact::child_alerts(store, &cid("C1")).unwrap().is_empty());
        assert!(worklist(store, "2025-07-20").iter().all(|l| l.0 != Some("CONT-002")));
        assert!(report(store, "2025-07-20").is_empty());
    }

    fn cont_003_an_adoption_order_without_the_letter_for_life_is_on_the_exception_report(db) {
        let store = &db.store;
        setup(store);
        decided(store, "2025-07-01");
        change(store, "2025-07-02", work("2025-07-02")).unwrap();
        let finder = user(Role::FamilyFinder, None);
        for (m, on) in [(Milestone::PlacementOrder, "2025-07-10"), (Milestone::MatchRatified, "2025-08-01"), (Milestone::AdoptionOrder, "2025-12-10")] {
            pathway_step(store, &finder, on, PathwayStep::Milestone(m, d(on)));
        }
        // The work given to the adopters, no Letter for Life: on the report from the order.
        change(store, "2025-12-01", LifeStoryChange::GivenToAdopters(d("2025-12-01"))).unwrap();
        let lines = contact::life_story_report(store, &user(Role::TeamManager, Some("Blaby")), &FixedClock::on("2025-12-10"), "test").unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].outstanding.rule, lines[0].outstanding.since), ("CONT-003", d("2025-12-10")));
        assert!(lines[0].outstanding.text.contains("Letter for Life") && !lines[0].outstanding.text.contains("life story work and"));
        // Not a block: the order is recorded. Given after the order, it stays an exception.
        change(store, "2025-12-12", LifeStoryChange::LetterForLife(d("2025-12-12"))).unwrap();
        assert_eq!(report(store, "2025-12-12"), [("CONT-003", d("2025-12-10"))]);
        // A team that may not see the child does not see the line.
        let melton = user(Role::TeamManager, Some("Melton"));
        assert!(contact::life_story_report(store, &melton, &FixedClock::on("2025-12-12"), "test").unwrap().is_empty());
        // Recorded as given on the order's day: cleared.
        change(store, "2025-12-12", LifeStoryChange::LetterForLife(d("2025-12-10"))).unwrap();
        assert!(report(store, "2025-12-12").is_empty());
    }

    fn kpi_adp_26_a_life_story_book_given_to_the_adopters_counts_in_that_years_books(db) {
        let store = &db.store;
        setup(store);
        let analyst = user(Role::PerformanceAnalyst, None);
        let clock = FixedClock::on("2026-03-31");
        let year = domain::reporting::conventions::Period::parse("2025-26").unwrap();
        let books = || {
            let view = app::reporting::performance(store, &analyst, &clock, year, "test").unwrap();
            view.rows.iter().find(|r| r.measure.id == "KPI-ADP-26").unwrap().value
        };
        // Work begun as a book on 2 July 2025: not yet a book completed.
        change(store, "2025-07-02", work("2025-07-02")).unwrap();
        assert_eq!(books(), Some(0.0));
        // Given to the adopters on 1 December 2025: one book in 2025-26.
        change(store, "2025-12-01", LifeStoryChange::GivenToAdopters(d("2025-12-01"))).unwrap();
        assert_eq!(books(), Some(1.0));
        let list = app::reporting::measure_children(store, &analyst, &clock, "adp-26", year, "test").unwrap();
        assert_eq!(list.lines.len(), 1);
        assert_eq!(list.lines[0].who.id(), "C1");
        assert_eq!(list.lines[0].why, "Life story book given to the adopters on 2025-12-01");
        // None the year before.
        let before = app::reporting::performance(store, &analyst, &clock, year.previous(), "test").unwrap();
        assert_eq!(before.rows.iter().find(|r| r.measure.id == "KPI-ADP-26").unwrap().value, Some(0.0));
    }
}
