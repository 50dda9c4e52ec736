//! The real ONS postcode directory, built by `scripts/postcodes-903`: a few
//! known postcodes give the authorities and distance the reference derives.
//! Skipped (with a note) when the file is absent, unless
//! `PERMANENCE_REQUIRE_POSTCODES=1`, as in CI, where a missing file fails.

use std::path::PathBuf;
use std::time::Instant;

use ssda903::postcodes::{Location, PostcodeDirectory};
use ssda903::{CollectionYear, Return, Table, TableData};

/// The file: `PERMANENCE_POSTCODES`, else `data/ons-postcodes.bin` at the
/// workspace root.
fn path() -> PathBuf {
    std::env::var_os("PERMANENCE_POSTCODES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/ons-postcodes.bin")
        })
}

fn directory() -> Option<PostcodeDirectory> {
    let path = path();
    let required = std::env::var("PERMANENCE_REQUIRE_POSTCODES").is_ok_and(|v| v == "1");
    if !path.exists() && !required {
        eprintln!(
            "skipped: no postcode directory at {} (build it with scripts/postcodes-903)",
            path.display()
        );
        return None;
    }
    let started = Instant::now();
    let dir = PostcodeDirectory::load(&path).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "loaded {} postcodes from {} in {:.1?}",
        dir.len(),
        dir.source(),
        started.elapsed()
    );
    Some(dir)
}

#[test]
fn the_real_directory_derives_what_the_reference_derives() {
    let Some(dir) = directory() else { return };
    assert!(dir.len() > 2_000_000, "{} postcodes", dir.len());
    let la = |p: &str| dir.lookup(p).and_then(|f| f.authority);
    // Leicester (a unitary authority) and Leicestershire (a county: Blaby
    // and Charnwood districts map to it).
    assert_eq!(la("LE1 1FZ"), Some("E06000016"));
    assert_eq!(la("le38ra"), Some("E10000018"));
    assert_eq!(la("LE11 1TU"), Some("E10000018"));
    assert_eq!(la("EH1 1RE"), Some("SCO"));
    assert_eq!(la("CF10 3NQ"), Some("WAL"));
    assert_eq!(la("BT1 1AA"), Some("NIR"));
    // North Yorkshire's code dates from 2023: its own upper tier.
    assert_eq!(la("DL7 8AD"), Some("E06000065"));
    assert_eq!(dir.lookup("XX1 1XX"), None);

    let mut episodes = TableData::new(Table::Episodes);
    let columns = Table::Episodes.columns();
    for (home, placed) in [
        ("LE1 1FZ", "LE3 8RA"),
        ("LE1 1FZ", "LE1 7RH"),
        ("SW1A 2AA", "CF10 3NQ"),
        ("LE1 1FZ", "TS1 1AA"),
    ] {
        let mut row = vec![String::new(); columns.len()];
        row[Table::Episodes.column_index("HOME_POST").unwrap()] = home.into();
        row[Table::Episodes.column_index("PL_POST").unwrap()] = placed.into();
        episodes.push(row);
    }
    let mut ret = Return::default();
    ret.tables.insert(Table::Episodes, episodes);
    let ctx =
        ssda903::validate::Context::new(&ret, None, CollectionYear::starting(2024), "E10000018")
            .with_postcodes(&dir);
    let got: Vec<_> = (0..4)
        .map(|r| {
            let p = ctx.placement(r);
            (p.la, p.location, p.distance)
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("E10000018"), Some(Location::In), Some(2.9)),
            (Some("E06000016"), Some(Location::Out), Some(1.0)),
            (Some("WAL"), Some(Location::Out), Some(131.8)),
            (Some("E06000002"), Some(Location::Out), Some(134.3)),
        ]
    );
}
