//! Benchmark: matching (issue 19, item 5). 2,000 approved adopters with
//! varied terms and 1,000 children in sibling groups of one to three; the
//! timed parts rank every adopter for each group, as the matching page does
//! for one group (the best 50 with their reasons), and every group for each
//! adopter (the reverse match), and report the whole run, the slowest and
//! the mean ranking.
//!
//! Run with `cargo bench -p domain --bench matching` (the domain alone: it
//! builds in a minute).

use std::time::Instant;

use domain::adoption::adopters::{ApprovalTerms, Need};
use domain::adoption::matching::{ChildToMatch, Pool, WaitingAdopters, rank_children};

/// A small deterministic generator (the same figures on every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn main() {
    let mut rng = Lcg(2026);
    let approved = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date");
    let adopters: Vec<WaitingAdopters> = (0..2_000)
        .map(|i| {
            let youngest = rng.below(5) as u8;
            let oldest = youngest + rng.below(8) as u8;
            let children = 1 + rng.below(3) as u8;
            let needs = Need::ALL
                .into_iter()
                .filter(|_| rng.below(2) == 0)
                .collect();
            WaitingAdopters {
                role_id: format!("H{i:05}-R1"),
                approved: approved + chrono::Days::new(rng.below(700)),
                terms: ApprovalTerms::new((youngest, oldest), children, children > 1, needs)
                    .expect("valid terms"),
            }
        })
        .collect();
    let mut groups: Vec<Vec<ChildToMatch>> = Vec::new();
    let mut made = 0;
    while made < 1_000 {
        let size = (1 + rng.below(3) as usize).min(1_000 - made);
        groups.push(
            (0..size)
                .map(|k| ChildToMatch {
                    id: format!("C{:05}", made + k),
                    age: rng.below(12) as u8,
                    needs: Need::ALL
                        .into_iter()
                        .filter(|_| rng.below(4) == 0)
                        .collect(),
                })
                .collect(),
        );
        made += size;
    }
    let all = Instant::now();
    let pool = Pool::new(&adopters);
    let mut slowest = std::time::Duration::ZERO;
    let mut full = 0;
    for group in &groups {
        let one = Instant::now();
        let ranking = pool.rank(group, 50);
        slowest = slowest.max(one.elapsed());
        full += ranking.full;
    }
    let total = all.elapsed();
    println!(
        "matching: {} adopters, 1,000 children in {} groups: all groups {:.1?}, mean {:.2?} per group, slowest {:.2?} ({full} full fits)",
        adopters.len(),
        groups.len(),
        total,
        total / groups.len() as u32,
        slowest
    );
    let all = Instant::now();
    let mut slowest = std::time::Duration::ZERO;
    let mut full = 0;
    for a in &adopters {
        let one = Instant::now();
        let ranking = rank_children(a, &groups, 50);
        slowest = slowest.max(one.elapsed());
        full += ranking.full;
    }
    let total = all.elapsed();
    println!(
        "reverse: {} groups for each of {} adopters: all adopters {:.1?}, mean {:.2?} per adopter, slowest {:.2?} ({full} full fits)",
        groups.len(),
        adopters.len(),
        total,
        total / adopters.len() as u32,
        slowest
    );
}
