//! One model of what a return may hold: a return `903 validate` passes
//! imports, and the return produced from what was imported is the return
//! that came in, byte for byte.
//!
//! The fixture `test_support/returns/2024-25/` is written by hand with
//! every kind of row the DfE allows: short breaks (V3, V4), a temporary
//! placement (T3) with its blank provider, open social-worker episodes with
//! their reasons, a care leaver with only an OC3 row, AD1, OC2, OC3,
//! PrevPerm, placed-for-adoption decisions (one reversed), missing and
//! UASC rows and reviews.

use std::path::PathBuf;

use chrono::NaiveDate;
use ssda903::{CollectionYear, Held, Table};

fn fixture(year: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../test_support/returns/{year}"))
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

/// Validates, imports and produces the return again; returns the files
/// that differ (none when the round trip holds).
fn round_trip(ret: &ssda903::Return, year: CollectionYear) -> Vec<String> {
    let imported = ssda903::import::journeys(ret, year, today()).unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let held = Held {
        leavers: imported.leavers.clone(),
        census: imported
            .census
            .iter()
            .map(|(id, y)| (id.clone(), vec![y.clone()]))
            .collect(),
    };
    let again = ssda903::export_held(&imported.journeys, &held, year);
    Table::ALL
        .into_iter()
        .filter(|t| {
            let a = ret.table(*t).map(ssda903::TableData::to_csv);
            let b = again.table(*t).map(ssda903::TableData::to_csv);
            // A table absent from the return is written with its header only.
            a.unwrap_or_else(|| TableHeaderOnly(*t).csv()) != b.unwrap_or_default()
        })
        .map(|t| {
            format!(
                "{t}:\n--- in\n{}\n--- out\n{}",
                ret.table(t)
                    .map(ssda903::TableData::to_csv)
                    .unwrap_or_default(),
                again
                    .table(t)
                    .map(ssda903::TableData::to_csv)
                    .unwrap_or_default()
            )
        })
        .collect()
}

struct TableHeaderOnly(Table);

impl TableHeaderOnly {
    fn csv(&self) -> String {
        ssda903::TableData::new(self.0).to_csv()
    }
}

#[test]
fn the_fixture_with_every_kind_of_row_validates_imports_and_exports_byte_for_byte() {
    let year = CollectionYear::parse("2024-25").unwrap();
    let dir = fixture("2024-25");
    let ret = ssda903::read_dir(&dir).unwrap();
    let ctx = ssda903::validate::Context::new(&ret, None, year, "E10000018");
    let report = ssda903::validate::validate(&ctx);
    assert!(
        report.failures.is_empty(),
        "the fixture fails {:?}",
        report
            .failures
            .iter()
            .map(|f| (f.rule, f.table, f.row))
            .collect::<Vec<_>>()
    );
    // Every table of the return has rows: the fixture holds every kind.
    for table in Table::ALL {
        assert!(
            ret.table(table).is_some_and(|t| !t.is_empty()),
            "{table} has no rows"
        );
    }
    let differ = round_trip(&ret, year);
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    // And the files themselves, as written.
    let imported = ssda903::import::journeys(&ret, year, today()).unwrap();
    assert_eq!(imported.leavers.len(), 1, "the care leaver with only OC3");
    assert!(imported.not_held.is_empty());
    let held = Held {
        leavers: imported.leavers.clone(),
        census: imported
            .census
            .iter()
            .map(|(id, y)| (id.clone(), vec![y.clone()]))
            .collect(),
    };
    let out = std::env::temp_dir().join(format!("permanence_fixture_{}", std::process::id()));
    ssda903::write_dir(&ssda903::export_held(&imported.journeys, &held, year), &out).unwrap();
    for table in Table::ALL {
        let name = table.file_name();
        assert_eq!(
            std::fs::read(dir.join(&name)).unwrap(),
            std::fs::read(out.join(&name)).unwrap(),
            "{name}"
        );
    }
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn a_decision_to_place_for_adoption_keeps_its_own_date() {
    let year = CollectionYear::parse("2024-25").unwrap();
    let ret = ssda903::read_dir(&fixture("2024-25")).unwrap();
    let imported = ssda903::import::journeys(&ret, year, today()).unwrap();
    let decisions: Vec<(String, Option<NaiveDate>, Option<NaiveDate>)> = imported
        .census
        .iter()
        .flat_map(|(id, y)| {
            y.placed_for_adoption
                .iter()
                .map(move |p| (id.as_str().to_owned(), p.decided, p.ceased))
        })
        .collect();
    assert_eq!(
        decisions,
        vec![
            ("KF05".into(), NaiveDate::from_ymd_opt(2023, 4, 15), None),
            (
                "KF06".into(),
                NaiveDate::from_ymd_opt(2023, 11, 10),
                NaiveDate::from_ymd_opt(2024, 9, 1)
            ),
        ]
    );
}
