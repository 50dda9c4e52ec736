//! Benchmark: matching (issue 19, item 5). 2,000 approved adopters with
//! varied terms and 1,000 children in sibling groups of one to three; the
//! timed part ranks every adopter for each group, as the matching page does
//! for one group, and reports the slowest and the mean ranking.
//!
//! Run with `cargo bench -p domain --bench matching` (the domain alone: it
//! builds in a minute).

use std::time::Instant;

use domain::adoption::adopters::{ApprovalTerms, Need};
use domain::adoption::matching::{ChildToMatch, WaitingAdopters, rank};

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
    let mut slowest = std::time::Duration::ZERO;
    let mut full = 0;
    for group in &groups {
        let one = Instant::now();
        let ranked = rank(group, &adopters);
        slowest = slowest.max(one.elapsed());
        full += ranked.iter().filter(|f| f.is_full()).count();
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
}
