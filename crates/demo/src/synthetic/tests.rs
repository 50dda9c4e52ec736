use super::*;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
}

#[test]
fn the_same_seed_makes_the_same_council() {
    let spec = CouncilSpec::new(300, 42, as_of());
    assert_eq!(generate(&spec), generate(&spec));
    assert!(
        generate(&spec)
            .journeys
            .iter()
            .any(|j| !j.activities().is_empty())
    );
    let other = CouncilSpec::new(300, 43, as_of());
    assert_ne!(generate(&spec), generate(&other));
}

#[test]
fn a_council_has_exactly_the_children_in_care_asked_for() {
    for n in [1, 7, 1500] {
        let journeys = generate(&CouncilSpec::new(n, 1, as_of())).journeys;
        assert_eq!(
            journeys
                .iter()
                .filter(|j| j.current_episode().is_some())
                .count(),
            n
        );
    }
}

/// The calibration test: a council of 100,000 children in care matches the
/// spec's figures (and national ones where the spec has none) within
/// tolerances a random council of that size meets comfortably.
#[test]
fn a_council_of_100000_matches_the_figures_of_the_spec() {
    let journeys = generate(&CouncilSpec::new(100_000, 2026, as_of())).journeys;
    let p = profile(&journeys, as_of(), 3);
    println!("{p:#?}");
    let near = |what: &str, got: f64, want: f64, tolerance: f64| {
        assert!(
            (got - want).abs() <= tolerance,
            "{what}: {got:.2} is not within {tolerance} of {want}"
        );
    };
    assert_eq!(p.in_care, 100_000);
    for (((lo, hi), got), (_, want)) in p.age_bands.iter().zip(AGE_BANDS) {
        near(&format!("aged {lo}-{hi}"), *got, *want, 3.0);
    }
    near("UASC", p.uasc, 4.5, 1.0);
    near("male", p.male, 55.0, 2.0);
    near("care orders (C1, C2)", p.care_orders, 78.0, 4.0);
    near("accommodated (V2)", p.accommodated, 16.0, 4.0);
    near("placement orders (E1)", p.placement_orders, 5.0, 2.0);
    near("fostered", p.foster, 67.0, 5.0);
    near("kinship fostered (KPI-CIC-11)", p.kinship_foster, 15.0, 3.0);
    near(
        "3+ placements in a year (KPI-CIC-12)",
        p.three_or_more_placements,
        8.0,
        2.0,
    );
    near("in sibling groups", p.in_sibling_groups, 45.0, 8.0);
    for ((exit, got), (_, want)) in p.exits.iter().zip(EXITS) {
        near(
            &format!("left care by {exit:?} (KPI-CIC-05)"),
            *got,
            *want,
            2.0,
        );
    }
    assert!(
        (400.0..=450.0).contains(&p.entry_to_adoptive_placement),
        "entering care to moving in with adopters: {:.1} days (KPI-ADP-01 wants 400-450)",
        p.entry_to_adoptive_placement
    );
}
