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
    fn the_fixture_with_every_kind_of_row_imports_into_the_store_and_exports_byte_for_byte(db) {
        let clock = FixedClock::on("2025-06-30");
        let year = CollectionYear::parse("2024-25").unwrap();
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test_support/returns/2024-25");
        let ret = ssda903::read_dir(&dir).unwrap();
        let imported = ssda903::import::journeys(&ret, year, clock.today()).unwrap();
        let records = app::ImportRecords { journeys: &imported.journeys, leavers: &imported.leavers, census: &imported.census, year_start: Some(year.first_day()) };
        let n = app::import_records(&db.store, &Actor::new("import"), &clock, records, &mut |_, _| {}).unwrap();
        assert_eq!(n, 10);
        let journeys = app::cases_journeys(&db.store).unwrap();
        let (leavers, census) = app::census::beyond_journeys(&db.store).unwrap();
        let out = ssda903::export_held(&journeys, &ssda903::Held { leavers, census }, year);
        for table in Table::ALL {
            let name = table.file_name();
            assert_eq!(std::fs::read_to_string(dir.join(&name)).unwrap(), out.table(table).unwrap().to_csv(), "{name}");
        }
        // The care leaver is held as a record of their own, and a second import is refused.
        let err = app::import_records(&db.store, &Actor::new("import"), &clock, records, &mut |_, _| {}).unwrap_err();
        assert!(err.to_string().contains("the 2024-25 return is already imported"), "{err}");
    }
    fn three_returns_imported_in_order_make_one_history_per_child(db) {
        // The three latest years this service reads (2023-24 is its first).
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let clock = FixedClock::on("2026-06-30");
        let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(150, 9, as_of));
        let source = test_support::db::sqlite();
        app::load_council(&source.store, &Actor::new("demo"), &clock, &council.workers, &council.journeys, &mut |_, _| {}).unwrap();
        let years: Vec<CollectionYear> = ["2023-24", "2024-25", "2025-26"].iter().map(|y| CollectionYear::parse(y).unwrap()).collect();
        let returns: Vec<ssda903::Return> = years.iter().map(|y| export(&source.store, *y)).collect();
        for (year, ret) in years.iter().zip(&returns) {
            let imported = ssda903::import::journeys(ret, *year, clock.today()).unwrap();
            let records = app::ImportRecords { journeys: &imported.journeys, leavers: &imported.leavers, census: &imported.census, year_start: Some(year.first_day()) };
            app::import_records(&db.store, &Actor::new("import"), &clock, records, &mut |_, _| {}).unwrap_or_else(|e| panic!("{year}: {e}"));
        }
        // Each year's return produced from the joined records is the return that came in.
        let journeys = app::cases_journeys(&db.store).unwrap();
        let (leavers, census) = app::census::beyond_journeys(&db.store).unwrap();
        let held = ssda903::Held { leavers, census };
        for (year, ret) in years.iter().zip(&returns) {
            let again = ssda903::export_held(&journeys, &held, *year);
            for table in Table::ALL {
                assert_eq!(ret.table(table).map(ssda903::TableData::to_csv), again.table(table).map(ssda903::TableData::to_csv), "{year} {table}");
            }
        }
        // A child in all three returns has one journey: the source's
        // episodes from the first return's year on.
        let in_return = |r: &ssda903::Return, id: &str| r.table(Table::Header).unwrap().to_csv().lines().any(|l| l.starts_with(&format!("{id},")));
        let first_day = years[0].first_day();
        let last_day = years[2].last_day();
        let mut seen = 0;
        for j in &council.journeys {
            let id = j.id().as_str();
            if !returns.iter().all(|r| in_return(r, id)) {
                continue;
            }
            seen += 1;
            let held = journeys.iter().find(|h| h.id() == j.id()).unwrap();
            let expected: Vec<_> = j.episodes().iter()
                .filter(|e| e.end.is_none_or(|x| x.date >= first_day) && e.start <= last_day)
                .map(|e| (e.start, e.end.filter(|x| x.date <= last_day).map(|x| x.date)))
                .collect();
            let got: Vec<_> = held.episodes().iter().map(|e| (e.start, e.end.map(|x| x.date))).collect();
            assert_eq!(got, expected, "child {id}");
        }
        assert!(seen > 10, "{seen} children in all three returns");
        // The same return again is a conflict, listed; nothing changes.
        let imported = ssda903::import::journeys(&returns[2], years[2], clock.today()).unwrap();
        let records = app::ImportRecords { journeys: &imported.journeys, leavers: &imported.leavers, census: &imported.census, year_start: Some(years[2].first_day()) };
        let err = app::import_records(&db.store, &Actor::new("import"), &clock, records, &mut |_, _| {}).unwrap_err();
        assert!(err.to_string().contains("return is already imported"), "{err}");
    }
}
