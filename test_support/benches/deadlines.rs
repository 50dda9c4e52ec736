//! Benchmark: recompute every deadline, the service's worklist and its drift
//! alerts for a council of 100,000 children in care (and its leavers).
//!
//! Run with `cargo bench -p test_support --bench deadlines`. The council is
//! generated first (not timed); the timed part is what the service does on
//! every refresh: derive each child's events from the journey, run every
//! deadline rule, and build the worklist and drift alerts; then the same
//! for the demo's households, one for every 20 children (their roles'
//! deadlines and their members' checks).

use std::collections::HashMap;
use std::time::Instant;

use chrono::NaiveDate;
use domain::worklist::{Scope, review};
use test_support::synthetic::{CouncilSpec, generate};

fn main() {
    let children: usize = std::env::var("PERMANENCE_BENCH_CHILDREN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).expect("a date");
    let council = generate(&CouncilSpec::new(children, 2026, as_of));
    let teams: HashMap<String, String> = council
        .workers
        .iter()
        .map(|w| (w.id.clone(), w.team.clone()))
        .collect();
    let events: usize = council.journeys.iter().map(|j| j.events().len()).sum();
    println!(
        "council: {children} children in care, {} journeys, {events} events",
        council.journeys.len()
    );

    let households: Vec<_> =
        test_support::households_demo::households(&council.journeys, as_of, 2026)
            .into_iter()
            .take(children / 20)
            .collect();
    println!("households: {}", households.len());
    let mut best = f64::MAX;
    for run in 1..=5 {
        let started = Instant::now();
        let cases = app::cases_of(&council.journeys, &teams);
        let built = started.elapsed().as_secs_f64();
        let (items, drift) = review(&cases, &Scope::Service, as_of);
        let before_households = started.elapsed().as_secs_f64();
        let of_households =
            domain::households::deadlines::worklist(&households, &Scope::Service, as_of);
        let elapsed = started.elapsed().as_secs_f64();
        println!(
            "  households' lines in {:.3} s",
            elapsed - before_households
        );
        println!(
            "  events derived in {built:.3} s, deadlines and worklist in {:.3} s",
            elapsed - built
        );
        best = best.min(elapsed);
        println!(
            "run {run}: {:.3} s for {} cases: {} worklist items, {} drift alerts, {} household lines",
            elapsed,
            cases.len(),
            items.len(),
            drift.len(),
            of_households.len()
        );
    }
    println!("best: {best:.3} s");
}
