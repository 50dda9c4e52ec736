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
use std::collections::{BTreeMap, BTreeSet};

use ssda903::ofsted::{Provider, Providers};
use ssda903::postcodes::{Entry, PostcodeDirectory, postcode_code};
use ssda903::{CollectionYear, Return, Table, export, read_dir, write_dir};
use test_support::synthetic::{CouncilSpec, generate};

fn main() {
    if let Ok(n) = std::env::var("PERMANENCE_BENCH_SLOWEST") {
        slowest(n.parse().unwrap_or(10_000));
        return;
    }
    for children in [1_500usize, 84_000] {
        let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date");
        let dir = std::env::temp_dir().join(format!("permanence-bench-903-{children}"));
        let (rows, postcodes, providers) = {
            let council = generate(&CouncilSpec::new(children, 2025, as_of));
            let current = export(&council.journeys, CollectionYear::starting(2024));
            let previous = export(&council.journeys, CollectionYear::starting(2023));
            write_dir(&current, &dir.join("current"))
                .expect("the bench can write a temporary folder");
            write_dir(&previous, &dir.join("previous"))
                .expect("the bench can write a temporary folder");
            let (postcodes, providers) = reference_data(&[&current, &previous]);
            let rows = current.tables.values().map(|t| t.len()).sum::<usize>();
            (rows, postcodes, providers)
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
            )
            .with_postcodes(&postcodes)
            .with_providers(&providers);
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

/// A postcode directory and Ofsted's lists that know the returns' own
/// postcodes and URNs, so that every rule runs, as with the real ones. The
/// generated postcodes are invented, so the directory places each one by a
/// hash of it: most in the council, the rest in a neighbour, all within
/// about 40 miles. Each URN is listed for the placement types, provider
/// codes and postcode the episodes record with it.
fn reference_data(returns: &[&Return]) -> (PostcodeDirectory, Providers) {
    let mut postcodes: BTreeSet<&str> = BTreeSet::new();
    let mut urns: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<&str>, &str)> = BTreeMap::new();
    for ret in returns {
        let Some(eps) = ret.table(Table::Episodes) else {
            continue;
        };
        for r in 0..eps.len() {
            for column in ["HOME_POST", "PL_POST"] {
                let pc = eps.value(r, column);
                if postcode_code(pc).is_some() {
                    postcodes.insert(pc);
                }
            }
            let urn = eps.value(r, "URN");
            if !urn.is_empty() && urn != "XXXXXXX" {
                let e = urns
                    .entry(urn)
                    .or_insert_with(|| (BTreeSet::new(), BTreeSet::new(), eps.value(r, "PL_POST")));
                e.0.insert(eps.value(r, "PLACE"));
                e.1.insert(eps.value(r, "PLACE_PROVIDER"));
            }
        }
    }
    let entries: Vec<Entry<'_>> = postcodes
        .iter()
        .map(|pc| {
            let h = pc
                .bytes()
                .fold(17u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
            Entry {
                postcode: pc,
                authority: Some(if h % 5 == 0 { "E06000016" } else { "E10000018" }),
                grid: Some((440_000 + h % 60_000, 280_000 + (h / 60_000) % 60_000)),
            }
        })
        .collect();
    let providers = urns.iter().map(|(urn, (places, codes, postcode))| {
        let join = |s: &BTreeSet<&str>| s.iter().copied().collect::<Vec<_>>().join(",");
        Provider::new(urn, &join(places), &join(codes), postcode, None)
    });
    (
        PostcodeDirectory::from_entries(&entries),
        Providers::from_entries(providers),
    )
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
