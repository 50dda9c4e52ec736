//! The SSDA903 return through the store on both backends: produced from the
//! records, imported into an empty register, produced again, byte for byte;
//! and an import that meets a problem changes nothing.

use domain::audit::Actor;
use domain::time::Clock;
use ssda903::{CollectionYear, Table};
use store::ChildRepository;
use test_support::FixedClock;

fn export(store: &store::Store, year: CollectionYear) -> ssda903::Return {
    ssda903::export(&app::cases_journeys(store).unwrap(), year)
}

test_support::on_both_backends! {
    fn export_import_export_is_byte_identical(db) {
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        let clock = FixedClock::on("2025-06-30");
        let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(150, 9, as_of));
        // The records of one council, on SQLite; imported into the backend under test.
        let source = test_support::db::sqlite();
        app::load_council(&source.store, &Actor::new("demo"), &clock, &council.workers, &council.journeys, &mut |_, _| {}).unwrap();
        let year = CollectionYear::parse("2024-25").unwrap();
        let first = export(&source.store, year);
        let imported = ssda903::import::journeys(&first, year, clock.today()).unwrap();
        let target = &db;
        let mut seen = Vec::new();
        let n = app::import_journeys(&target.store, &Actor::new("import"), &clock, &imported.journeys, &mut |done, total| seen.push((done, total))).unwrap();
        assert_eq!(n as usize, first.table(Table::Header).unwrap().len());
        assert_eq!(seen.last().map(|p| p.0), Some(n as usize), "progress reaches the end");
        let second = export(&target.store, year);
        for table in Table::ALL {
            assert_eq!(first.table(table).map(ssda903::TableData::to_csv), second.table(table).map(ssda903::TableData::to_csv), "{table}");
        }
        // Importing the same return again is refused and changes nothing.
        let before = target.store.read(|tx| tx.count_children(store::ChildFilter::All)).unwrap();
        let err = app::import_journeys(&target.store, &Actor::new("import"), &clock, &imported.journeys, &mut |_, _| {}).unwrap_err();
        assert!(err.to_string().contains("already held"), "{err}");
        assert_eq!(target.store.read(|tx| tx.count_children(store::ChildFilter::All)).unwrap(), before);
    }
}
