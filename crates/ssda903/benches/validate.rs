//! Benchmark: validating a return of all England's size (84,000 children in
//! care) and of one council (1,500), with last year's return, on every rule.
//!
//! `cargo bench -p ssda903 --bench validate` (release build). The returns
//! are produced from generated councils (not timed); the timed part reads
//! nothing from disk: it is the rules alone, on data already in memory.

use std::time::Instant;

use chrono::NaiveDate;
use ssda903::validate::{Context, RULES, run_rule, validate};
use ssda903::{CollectionYear, export};
use test_support::synthetic::{CouncilSpec, generate};

fn main() {
    if let Ok(n) = std::env::var("PERMANENCE_BENCH_SLOWEST") {
        slowest(n.parse().unwrap_or(10_000));
        return;
    }
    for children in [1_500usize, 84_000] {
        let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date");
        let council = generate(&CouncilSpec::new(children, 2025, as_of));
        let current = export(&council.journeys, CollectionYear::starting(2024));
        let previous = export(&council.journeys, CollectionYear::starting(2023));
        let rows: usize = current.tables.values().map(|t| t.rows.len()).sum();
        let ctx = Context::new(
            &current,
            Some(&previous),
            CollectionYear::starting(2024),
            "E10000018",
        );
        let mut best = f64::MAX;
        let mut failures = 0;
        let mut ran = 0;
        for _ in 0..3 {
            let started = Instant::now();
            let report = validate(&ctx);
            best = best.min(started.elapsed().as_secs_f64());
            failures = report.failures.len();
            ran = report.ran;
        }
        println!(
            "{children} children in care: {rows} rows this year; {ran} rules ran with last year's return; {failures} failures; best of 3: {:.3} s",
            best
        );
    }
}

/// The slowest rules on a council of `children`, to find what to speed up.
fn slowest(children: usize) {
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date");
    let council = generate(&CouncilSpec::new(children, 2025, as_of));
    let current = export(&council.journeys, CollectionYear::starting(2024));
    let previous = export(&council.journeys, CollectionYear::starting(2023));
    let ctx = Context::new(
        &current,
        Some(&previous),
        CollectionYear::starting(2024),
        "E10000018",
    );
    // PERMANENCE_BENCH_ONLY=372,503A runs only these rules, ten times each
    // (for a profiler).
    if let Ok(only) = std::env::var("PERMANENCE_BENCH_ONLY") {
        for rule in RULES
            .iter()
            .filter(|r| only.split(',').any(|c| c == r.code))
        {
            for _ in 0..10 {
                run_rule(rule, &ctx);
            }
        }
        return;
    }
    let mut times: Vec<(f64, &str)> = RULES
        .iter()
        .map(|r| {
            let started = Instant::now();
            run_rule(r, &ctx);
            (started.elapsed().as_secs_f64(), r.code)
        })
        .collect();
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = times.iter().map(|t| t.0).sum();
    let over_10ms = times.iter().filter(|t| t.0 > 0.01).count();
    println!(
        "{} rules one after another: {total:.3} s; {over_10ms} take over 10 ms",
        times.len()
    );
    for (t, code) in times.iter().take(60) {
        println!("{code:>10} {t:.4} s");
    }
}
