//! Benchmark: generate a council of 100,000 children in care and load it.
//!
//! Run with `cargo bench -p test_support` (release build). It times the
//! generator alone and the load into a fresh SQLite file; with
//! `PERMANENCE_BENCH_DATABASE_URL=postgres://...` it also loads into a fresh
//! schema of that PostgreSQL database. `PERMANENCE_BENCH_CHILDREN` changes the size.

use std::time::Instant;

use chrono::NaiveDate;
use domain::audit::Actor;
use test_support::FixedClock;
use test_support::synthetic::{CouncilSpec, generate};

fn main() {
    let children: usize = std::env::var("PERMANENCE_BENCH_CHILDREN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).expect("a date");
    let spec = CouncilSpec::new(children, 2026, as_of);

    let started = Instant::now();
    let council = generate(&spec);
    let journeys = &council.journeys;
    let generated = started.elapsed();
    println!(
        "generate: {children} children in care ({} journeys in all) in {generated:.2?}",
        journeys.len()
    );

    let db = test_support::db::sqlite();
    load(&db, "SQLite", &council);
    drop(db);
    if let Ok(url) = std::env::var("PERMANENCE_BENCH_DATABASE_URL") {
        load(&test_support::db::postgres_at(&url), "PostgreSQL", &council);
    }
}

fn load(
    db: &test_support::db::TestDatabase,
    backend: &str,
    council: &test_support::synthetic::Council,
) {
    let journeys = &council.journeys;
    let clock = FixedClock::on("2026-03-31");
    let started = Instant::now();
    app::load_council(
        &db.store,
        &Actor::new("bench"),
        &clock,
        &council.workers,
        journeys,
        &mut |_, _| {},
    )
    .expect("load");
    println!(
        "load into {backend}: {} journeys in {:.2?}",
        journeys.len(),
        started.elapsed()
    );
}
