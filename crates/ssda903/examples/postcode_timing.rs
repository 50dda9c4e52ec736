//! Timing of the ONS postcode directory: loading the file, deriving PL_LA,
//! PL_LOCATION and PL_DISTANCE for both years' episodes, and each rule that
//! needs the directory, on a generated return of all England's size (84,000
//! children in care, with last year's).
//!
//! `scripts/postcodes-903 && cargo run --release -p ssda903 --example postcode_timing`
//!
//! The generated returns' postcodes are invented, so most are not in the
//! directory and the rules on missing or unknown postcodes fail on most rows.

use std::time::Instant;

use chrono::NaiveDate;
use ssda903::postcodes::PostcodeDirectory;
use ssda903::validate::{Context, Needs, RULES, run_rule};
use ssda903::{CollectionYear, Table, export};
use test_support::synthetic::{CouncilSpec, generate};

fn main() {
    let path = std::env::var("PERMANENCE_POSTCODES").unwrap_or("data/ons-postcodes.bin".into());
    let mut best = f64::MAX;
    let mut loaded = None;
    for _ in 0..5 {
        let started = Instant::now();
        loaded = Some(PostcodeDirectory::load(path.as_ref()).unwrap_or_else(|e| panic!("{e}")));
        best = best.min(started.elapsed().as_secs_f64());
    }
    let dir = loaded.expect("loaded five times");
    println!(
        "load: best of 5 {:.1} ms, {} postcodes",
        best * 1000.0,
        dir.len()
    );

    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date");
    let council = generate(&CouncilSpec::new(84_000, 2025, as_of));
    let current = export(&council.journeys, CollectionYear::starting(2024));
    let previous = export(&council.journeys, CollectionYear::starting(2023));
    let ctx = Context::new(
        &current,
        Some(&previous),
        CollectionYear::starting(2024),
        "E10000018",
    )
    .with_postcodes(&dir);
    let started = Instant::now();
    let _ = (ctx.placement(0), ctx.previous_placement(0));
    println!(
        "derived for {} episodes this year and {} last year in {:.3} s",
        current.tables[&Table::Episodes].len(),
        previous.tables[&Table::Episodes].len(),
        started.elapsed().as_secs_f64()
    );
    let all = Instant::now();
    for rule in RULES.iter().filter(|r| {
        matches!(
            r.needs,
            Needs::Postcodes | Needs::PostcodesAndPreviousReturn
        ) && r.years.contains(2024)
    }) {
        let started = Instant::now();
        let failures = run_rule(rule, &ctx).len();
        println!(
            "{:>6} {:.3} s, {failures} failures",
            rule.code,
            started.elapsed().as_secs_f64()
        );
    }
    println!(
        "every rule above, one after another: {:.3} s",
        all.elapsed().as_secs_f64()
    );
}
