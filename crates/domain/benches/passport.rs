//! Benchmark: writing a family's Permanence Passport (every entitlement
//! decided, the plain-English document written) for a connected-person
//! foster family with three children and an adoptive family with two, the
//! work `open_passport` does besides reading the records. Run with
//! `cargo bench -p domain --bench passport`; the target is under 100 ms.

use chrono::NaiveDate;
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use domain::passport::entitlements::{COUNCIL, COUNTY, Family, FamilyChild, FamilyType};
use domain::passport::passport::write_passport;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn family(family_type: FamilyType, children: usize) -> Family {
    Family {
        family_type,
        placed: Some(d("2023-05-01")),
        order_made: Some(d("2024-02-12")),
        placing_authority: COUNCIL.into(),
        council_was_party: true,
        lives_in: Some(COUNTY.into()),
        lives_in_england: true,
        financial_support_decided: Some(d("2024-01-10")),
        children: (0..children)
            .map(|n| FamilyChild {
                child_id: format!("C{n}"),
                name: format!("Child {n}"),
                date_of_birth: d("2010-03-15") + chrono::Days::new(400 * n as u64),
                previously_looked_after: true,
                adopted_from_overseas: false,
                ehc_plan: n % 2 == 0,
            })
            .collect(),
    }
}

fn passports(c: &mut Criterion) {
    let on = d("2026-12-07");
    let kin = family(FamilyType::ConnectedPersonFoster, 3);
    c.bench_function(
        "passport: connected-person foster family, 3 children",
        |b| b.iter(|| write_passport(black_box("The Okafor family"), black_box(&kin), on)),
    );
    let adopters = family(FamilyType::Adoptive, 2);
    c.bench_function("passport: adoptive family, 2 children", |b| {
        b.iter(|| write_passport(black_box("The Patel family"), black_box(&adopters), on))
    });
}

criterion_group!(benches, passports);
criterion_main!(benches);
