//! Benchmark: validating a return of all England's size (84,000 children in
//! care) and of one council (1,500), with last year's return, on every rule.
//!
//! `cargo bench -p ssda903 --bench validate` (release build). The returns
//! are produced from generated councils and written as CSV (not timed);
//! each timed run reads both back, as `permanence 903 validate` does, and
//! runs every rule. Both times are reported: the rules alone, and reading
//! with the rules.

use std::time::Instant;

use chrono::NaiveDate;
use ssda903::validate::{Context, RULES, run_rule, validate};
use ssda903::{CollectionYear, export, read_dir, write_dir};
use test_support::synthetic::{CouncilSpec, generate};

fn main() {
    if let Ok(n) = std::env::var("PERMANENCE_BENCH_SLOWEST") {
        slowest(n.parse().unwrap_or(10_000));
        return;
    }
    for children in [1_500usize, 84_000] {
        let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date");
        let dir = std::env::temp_dir().join(format!("permanence-bench-903-{children}"));
        let rows = {
            let council = generate(&CouncilSpec::new(children, 2025, as_of));
            let current = export(&council.journeys, CollectionYear::starting(2024));
            let previous = export(&council.journeys, CollectionYear::starting(2023));
            write_dir(&current, &dir.join("current"))
                .expect("the bench can write a temporary folder");
            write_dir(&previous, &dir.join("previous"))
                .expect("the bench can write a temporary folder");
            current.tables.values().map(|t| t.len()).sum::<usize>()
        };
        let (mut best_validate, mut best_total) = (f64::MAX, f64::MAX);
        let mut failures = 0;
        let mut ran = 0;
        for _ in 0..3 {
            // As `permanence 903 validate --previous` does it: both returns
            // read from their CSV files, then every rule run; what the rules
            // share (dates, rows by child) is built inside each timed run.
            let started = Instant::now();
            let current = read_dir(&dir.join("current")).expect("the bench's return reads back");
            let previous = read_dir(&dir.join("previous")).expect("the bench's return reads back");
            let read = started.elapsed().as_secs_f64();
            let ctx = Context::new(
                &current,
                Some(&previous),
                CollectionYear::starting(2024),
                "E10000018",
            );
            let validating = Instant::now();
            let report = validate(&ctx);
            let validated = validating.elapsed().as_secs_f64();
            best_validate = best_validate.min(validated);
            best_total = best_total.min(read + validated);
            failures = report.failures.len();
            ran = report.ran;
        }
        if std::env::var_os("PERMANENCE_BENCH_KEEP").is_none() {
            let _ = std::fs::remove_dir_all(&dir);
        }
        println!(
            "{children} children in care: {rows} rows this year; {ran} rules ran with last year's return; {failures} failures; best of 3: validating {best_validate:.3} s, reading both returns and validating {best_total:.3} s"
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
