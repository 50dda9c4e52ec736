use super::location_disagrees;

use crate::postcodes::Location;
use crate::postcodes::Placement;
use crate::rules::episodes_and_children::distance_changed;

use crate::rules::test_rows::*;

use crate::validate::Needs;
use crate::validate::RULES;
use crate::validate::testing::*;

/// An episode of a child with a legal status and the home and
/// placement postcodes (see `testing::postcodes`).
fn placed(child: &str, ls: &str, home: &str, placed: &str) -> String {
    format!("{child},01/04/2024,S,{ls},N1,U1,PR1,,,,{home},{placed},")
}

/// Episodes written as `CHILD,DECOM,RNE,DEC,HOME_POST,PL_POST` (see
/// `testing::postcodes` for the postcodes).
fn placed_return(rows: &[&str]) -> crate::Return {
    let mut csv = format!("{EPISODES}\n");
    for row in rows {
        let f: Vec<&str> = row.split(',').collect();
        assert_eq!(f.len(), 6, "{row}");
        let rec = if f[3].is_empty() { "" } else { "X1" };
        csv.push_str(&format!(
            "{},{},{},C2,N1,U1,PR1,{},{rec},,{},{},\n",
            f[0], f[1], f[2], f[3], f[4], f[5]
        ));
    }
    ret(&[&csv])
}

/// An episode of the council's own provision (PR1) with a legal
/// status, placement type and postcodes (see `testing::postcodes`).
fn own(child: &str, ls: &str, place: &str, home: &str, placed: &str) -> String {
    format!("{child},01/05/2024,S,{ls},N1,{place},PR1,,,,{home},{placed},")
}

/// Last year's return and this year's: children A (placement and home
/// unchanged), B (placed elsewhere in the council: a new distance), C
/// (placed in another authority), D (last year's episode ended) and E
/// (placed in an unknown postcode, from none).
fn placed_over_two_years() -> (crate::Return, crate::Return) {
    let row = |child: &str, decom: &str, dec: &str, home: &str, placed: &str| {
        let rec = if dec.is_empty() { "" } else { "E8" };
        format!("{child},{decom},S,C2,N1,U1,PR1,{dec},{rec},,{home},{placed},")
    };
    let prev = ret(&[&table(
        EPISODES,
        &[
            row("A", "01/03/2024", "", "LE1 1FZ", "LE3 8RA"),
            row("B", "01/03/2024", "", "LE1 1FZ", "LE3 8RA"),
            row("C", "01/03/2024", "", "LE1 1FZ", "LE3 8RA"),
            row("D", "01/03/2024", "01/03/2025", "LE1 1FZ", "LE3 8RA"),
            row("E", "01/03/2024", "", "LE1 1FZ", ""),
        ],
    )]);
    let now = ret(&[&table(
        EPISODES,
        &[
            row("A", "01/03/2024", "", "LE1 1FZ", "le3 8ra"),
            row("B", "01/03/2024", "", "LE3 8RA", "LE3 8RA"),
            row("C", "01/03/2024", "", "LE1 1FZ", "EH1 1RE"),
            row("D", "01/03/2024", "", "LE1 1FZ", "EH1 1RE"),
            row("E", "01/03/2024", "", "LE1 1FZ", "XX1 1XX"),
        ],
    )]);
    (now, prev)
}

#[test]
fn rule_164_distance_must_be_0_to_999_9_miles() {
    // Every distance derived within the UK is in range: the rule passes
    // on real and unknown postcodes alike.
    let r = ret(&[&episodes(&[
        placed("C1", "C2", "LE1 1FZ", "LE3 8RA"),
        placed("C2", "C2", "LE1 1FZ", "KW1 4YT"),
        placed("C3", "C2", "XX1 1XX", "LE3 8RA"),
    ])]);
    for year in [2023, 2024, 2025] {
        assert_eq!(failing_rows_with_postcodes("164", year, &r, None), vec![]);
    }
    // Out of range (a grid reference far beyond the UK): reported,
    // except for a child who was UASC.
    let far = crate::postcodes::PostcodeDirectory::from_entries(&[
        crate::postcodes::Entry {
            postcode: "LE1 1FZ",
            authority: Some("E06000016"),
            grid: Some((0, 0)),
        },
        crate::postcodes::Entry {
            postcode: "ZE1 0AA",
            authority: Some("SCO"),
            grid: Some((1_000_000, 2_000_000)),
        },
    ]);
    let r = ret(&[
        &episodes(&[
            placed("C1", "C2", "LE1 1FZ", "ZE1 0AA"),
            placed("C2", "C2", "LE1 1FZ", "ZE1 0AA"),
        ]),
        &csv_table(UASC, &["C2,M,01/01/2008,01/01/2024"]),
    ]);
    let ctx =
        crate::validate::Context::new(&r, None, crate::CollectionYear::starting(2024), "E10000018")
            .with_postcodes(&far);
    let rule = crate::validate::RULES
        .iter()
        .find(|r| r.code == "164")
        .unwrap();
    let rows: Vec<_> = crate::validate::run_rule(rule, &ctx)
        .into_iter()
        .map(|f| f.row)
        .collect();
    assert_eq!(rows, vec![Some(0)]);
}

#[test]
fn rule_169_placement_authority_must_be_derivable() {
    let r = ret(&[&episodes(&[
        placed("C1", "C2", "LE1 1FZ", "LE3 8RA"),
        placed("C2", "C2", "LE1 1FZ", "EH1 1RE"),
        placed("C3", "C2", "LE1 1FZ", "XX1 1XX"),
        placed("C4", "C2", "LE1 1FZ", ""),
        placed("C5", "C2", "LE1 1FZ", "ZZ9 9ZZ"),
        placed("C6", "C2", "LE1 1FZ", "GY1 1AA"),
        placed("C7", "V3", "", ""),
    ])]);
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("169", year, &r, None),
            vec![Some(2), Some(3), Some(4), Some(5)]
        );
    }
}

#[test]
fn rule_179_placement_location_must_be_derivable() {
    // The Channel Islands' postcode has an authority, so a location
    // (OUT), though no upper-tier code.
    let r = ret(&[&episodes(&[
        placed("C1", "C2", "LE1 1FZ", "LE3 8RA"),
        placed("C2", "C2", "LE1 1FZ", "LE1 1FZ"),
        placed("C3", "C2", "LE1 1FZ", "XX1 1XX"),
        placed("C4", "C2", "LE1 1FZ", ""),
        placed("C5", "C2", "LE1 1FZ", "ZZ9 9ZZ"),
        placed("C6", "C2", "LE1 1FZ", "GY1 1AA"),
        placed("C7", "V4", "", ""),
    ])]);
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("179", year, &r, None),
            vec![Some(2), Some(3), Some(4)]
        );
    }
}

#[test]
fn rule_214_no_placement_location_for_short_breaks() {
    let r = ret(&[&episodes_csv(
        "C1,01/05/2024,S,V3,N1,U1,PR1,,,,,M2 3RT,\nC2,01/05/2024,S,V4,N1,U1,PR1,,,,,,SC045099\nC3,01/05/2024,S,C2,N1,U1,PR1,,,,,M2 3RT,SC045099\nC4,01/05/2024,S,V3,N1,U1,PR1,,,,,,\n",
    )]);
    assert_eq!(failing_rows("214", &r, None), vec![Some(0), Some(1)]);
}

#[test]
fn rule_383_temporary_placement_then_back_to_the_normal_one() {
    let r = ret(&[&short_episodes(&[
        "C1,01/04/2024,S,C2,U4,01/05/2024,X1,LE1 1AA,LE2 2BB",
        "C1,01/05/2024,P,C2,T2,08/05/2024,X1,LE1 1AA,",
        "C1,08/05/2024,P,C2,U4,,,LE1 1AA,LE2 2BB",
        "C2,01/04/2024,S,C2,U4,01/05/2024,X1,LE1 1AA,LE2 2BB",
        "C2,01/05/2024,P,C2,T2,08/05/2024,X1,LE1 1AA,",
        "C2,08/05/2024,P,C2,U6,,,LE1 1AA,LE3 3CC",
        "C3,01/04/2024,S,C2,U4,01/05/2024,X1,LE1 1AA,LE2 2BB",
        "C3,01/05/2024,P,C2,T2,08/05/2024,X1,LE1 1AA,",
        "C3,08/05/2024,P,C2,U4,,,LE1 1AA,LE3 3CC",
    ])]);
    // Up to 2024/25: the episode after the temporary one fails when it
    // is not back to the same placement type.
    assert_eq!(failing_rows("383", &r, None), vec![Some(5)]);
    // From 2025/26: the episode after fails, and the postcode counts.
    assert_eq!(
        failing_rows_in(2025, "383", &r, None),
        vec![Some(5), Some(8)]
    );
}

#[test]
fn rule_383_reports_the_episode_that_fails_to_return() {
    // U4, then T3, then Q1 with RNE P: the Q1 row.
    let r = ret(&[&short_episodes(&[
        "C1,01/04/2024,S,C2,U4,01/05/2024,X1,LE1 1AA,LE2 2BB",
        "C1,01/05/2024,P,C2,T3,08/05/2024,X1,LE1 1AA,",
        "C1,08/05/2024,P,C2,Q1,,,LE1 1AA,LE2 2BB",
    ])]);
    assert_eq!(failing_rows("383", &r, None), vec![Some(2)]);
}

#[test]
fn rule_392a_no_distance_from_the_postcodes() {
    let r = ret(&[
        &short_episodes(&[
            "C1,01/05/2024,S,C2,U1,,,LE1 1FZ,le38ra",
            "C2,01/05/2024,S,C2,U1,,,LE1 1FZ,",
            "C3,01/05/2024,S,C2,U1,,,NOT A CODE,LE3 8RA",
            "C4,01/05/2024,S,V3,U1,,,,",
            "C5,01/05/2024,S,C2,U1,,,,",
            "C6,01/05/2024,S,C2,U1,,,LE1 1FZ,XX1 1XX",
            "C7,01/05/2024,S,C2,U1,,,LE1 1FZ,GY1 1AA",
            "C8,01/05/2024,S,C2,U1,,,LE1 1FZ,ZZ9 9ZZ",
        ]),
        &format!("{UASC}\nC5,M,01/01/2008,\n"),
    ]);
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("392a", year, &r, None),
            vec![Some(1), Some(2), Some(5), Some(6)]
        );
    }
}

#[test]
fn rule_392b_no_postcodes_unless_respite_or_uasc() {
    let r = ret(&[
        &short_episodes(&[
            "C1,01/05/2024,S,C2,U1,,,LE1 1AA,LE2 2BB",
            "C2,01/05/2024,S,C2,U1,,,LE1 1AA,",
            "C3,01/05/2024,S,V4,U1,,,,",
            "C4,01/05/2024,S,C2,U1,,,,",
            "C5,01/05/2024,S,C2,U1,,,,",
        ]),
        &format!("{UASC}\nC4,M,01/01/2008,\n"),
    ]);
    // C5 was UASC last year.
    let last = ret(&[&format!("{UASC}\nC5,M,01/01/2008,01/01/2024\n")]);
    assert_eq!(failing_rows("392b", &r, Some(&last)), vec![Some(1)]);
    assert_eq!(failing_rows("392b", &r, None), vec![Some(1), Some(4)]);
}

#[test]
fn rule_392c_postcodes_must_be_in_the_directory() {
    let r = ret(&[&short_episodes(&[
        "C1,01/05/2024,S,C2,U1,,,LE1 1FZ,le3 8ra",
        "C2,01/05/2024,S,C2,U1,,,LE1 1FZ,12345",
        "C3,01/05/2024,S,C2,U1,,,,",
        "C4,01/05/2024,S,C2,U1,,,LE1 1AA,LE38RA",
        "C5,01/05/2024,S,C2,U1,,,GY1 1AA,ZZ99ZZ",
        "C6,01/05/2024,S,C2,U1,,,LE1 1FZ,LE3 8RA TOO LONG",
    ])]);
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("392c", year, &r, None),
            vec![Some(1), Some(3), Some(5)]
        );
    }
}

#[test]
fn rule_398_postcodes_given_for_respite() {
    let r = ret(&[&short_episodes(&[
        "C1,01/05/2024,S,V3,U6,03/05/2024,E13,,",
        "C2,01/05/2024,S,V4,U6,,,,LE2 2BB",
        "C3,01/05/2024,S,C2,U6,,,LE1 1AA,LE2 2BB",
    ])]);
    assert_eq!(failing_rows("398", &r, None), vec![Some(1)]);
}

#[test]
fn rule_434_change_of_legal_status_only() {
    let r = episode_return(&[
        "C1,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
        "C1,10/05/2024,L,C2,U1,,,le22aa,SC1", // LS changed only: passes
        "C2,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
        "C2,10/05/2024,L,V2,U1,,,LE2 2AA,SC1", // LS the same: fails
        "C3,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
        "C3,10/05/2024,L,C2,U1,,,LE2 2AA,SC9", // URN changed: fails
    ]);
    assert_eq!(failing_rows("434", &r, None), vec![Some(3), Some(5)]);
}

#[test]
fn rule_435_change_of_placement_only() {
    let r = episode_return(&[
        "C1,01/04/2024,S,C2,U1,10/05/2024,X1,LE2 2AA,SC1",
        "C1,10/05/2024,P,C2,U4,,,LE3 3AA,SC2", // placement changed: passes
        "C2,01/04/2024,S,C2,U1,10/05/2024,X1,LE2 2AA,SC1",
        "C2,10/05/2024,T,C2,U1,,,LE2 2AA,SC1", // nothing changed: fails
        "C3,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
        "C3,10/05/2024,P,C2,U4,,,LE3 3AA,SC2", // LS changed too: fails
    ]);
    assert_eq!(failing_rows("435", &r, None), vec![Some(3), Some(5)]);
}

#[test]
fn rule_436_change_of_placement_and_legal_status() {
    let r = episode_return(&[
        "C1,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
        "C1,10/05/2024,B,C2,U4,,,LE3 3AA,SC2", // both changed: passes
        "C2,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,SC1",
        "C2,10/05/2024,U,V2,U4,,,LE3 3AA,SC2", // LS the same: fails
        "C3,01/04/2024,S,V2,U1,10/05/2024,X1,LE2 2AA,",
        "C3,10/05/2024,B,C2,U1,,,LE2 2AA,", // placement the same: fails
    ]);
    assert_eq!(failing_rows("436", &r, None), vec![Some(3), Some(5)]);
}

#[test]
fn rule_452_placement_authority_must_continue_from_last_year() {
    let last = placed_return(&[
        "C1,01/05/2023,S,,LE1 1FZ,LE3 8RA",
        "C2,01/05/2023,S,,LE1 1FZ,LE3 8RA",
        "C3,01/05/2023,S,01/06/2024,LE1 1FZ,LE3 8RA",
        "C4,01/05/2023,S,,LE1 1FZ,LE3 8RA",
        "C5,01/05/2023,S,,LE1 1FZ,XX1 1XX",
        "C6,01/01/2023,S,01/05/2023,LE1 1FZ,LE1 1FZ",
        "C6,01/05/2023,P,,LE1 1FZ,LE3 8RA",
    ]);
    let now = placed_return(&[
        "C1,01/05/2023,S,,LE1 1FZ,LE1 1FZ",
        "C2,01/05/2023,S,,LE1 1FZ,le38ra",
        "C3,01/05/2023,S,,LE1 1FZ,LE1 1FZ",
        "C4,01/05/2023,P,,LE1 1FZ,LE1 1FZ",
        "C5,01/05/2023,S,,LE1 1FZ,YY1 1YY",
        "C6,01/06/2024,P,,LE1 1FZ,EH1 1RE",
        "C6,01/05/2023,P,01/06/2024,LE1 1FZ,CF10 3NQ",
    ]);
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("452", year, &now, Some(&last)),
            vec![Some(0), Some(6)]
        );
    }
    let rule = RULES.iter().find(|r| r.code == "452").expect("rule exists");
    assert_eq!(rule.needs, Needs::PostcodesAndPreviousReturn);
}

#[test]
fn rule_453_placement_distance_must_continue_from_last_year() {
    // From LE1 1FZ to LE3 8RA is 2.9 miles; to LE1 1FZ, 0.
    let last = placed_return(&[
        "C1,01/05/2023,S,,LE1 1FZ,LE3 8RA",
        "C2,01/05/2023,S,,LE1 1FZ,LE3 8RA",
        "C3,01/05/2023,S,,,LE3 8RA",
        "C4,01/05/2023,S,,LE1 1FZ,LE3 8RA",
        "C5,01/05/2023,S,01/06/2024,LE1 1FZ,LE3 8RA",
        "C6,01/05/2023,S,,LE1 1FZ,LE3 8RA",
    ]);
    let now = placed_return(&[
        "C1,01/05/2023,S,,LE1 1FZ,LE1 1FZ",
        "C2,01/05/2023,S,,LE1 1FZ,LE3 8RA",
        "C3,01/05/2023,S,,LE1 1FZ,LE3 8RA",
        "C4,01/05/2023,S,,,LE3 8RA",
        "C5,01/05/2023,S,,LE1 1FZ,LE1 1FZ",
        "C6,01/05/2023,P,,LE1 1FZ,LE1 1FZ",
    ]);
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("453", year, &now, Some(&last)),
            vec![Some(0), Some(2)]
        );
    }
    assert!(distance_changed(Some(10.3), Some(10.1)));
    assert!(!distance_changed(Some(10.2), Some(10.0)));
}

#[test]
fn rule_454_placement_over_350_miles_from_home() {
    // LE1 1FZ to KW1 4YT is over 400 miles; to EH1 1RE, 244.
    let r = placed_return(&[
        "C1,01/05/2025,S,,LE1 1FZ,KW1 4YT",
        "C2,01/05/2025,S,,LE1 1FZ,EH1 1RE",
        "C3,01/05/2025,S,,,KW1 4YT",
    ]);
    assert_eq!(
        failing_rows_with_postcodes("454", 2025, &r, None),
        vec![Some(0)]
    );
    let rule = RULES.iter().find(|r| r.code == "454").expect("rule exists");
    assert_eq!(rule.years, crate::years::Years::since(2025));
}

#[test]
fn rule_1015_own_provision_in_own_area() {
    // The council is E10000018 (LE3 8RA); LE1 1FZ is in E06000016.
    let mut rows = vec![
        own("A", "C2", "K2", "LE1 1FZ", "LE3 8RA"),
        own("B", "C2", "K2", "LE3 8RA", "LE1 1FZ"),
        own("C", "C2", "U1", "LE3 8RA", "LE1 1FZ"),
        own("D", "V3", "K2", "LE3 8RA", "LE1 1FZ"),
        own("E", "C2", "K2", "LE3 8RA", "XX1 1XX"),
        own("F", "C2", "K3", "LE3 8RA", "LE1 1FZ"),
        own("G", "C2", "K2", "LE3 8RA", "EH1 1RE"),
    ];
    rows.push(own("H", "C2", "K2", "LE3 8RA", "LE1 1FZ").replace(",PR1,", ",PR2,"));
    let r = ret(&[&table(EPISODES, &rows)]);
    for year in [2023, 2024] {
        assert_eq!(
            failing_rows_with_postcodes("1015", year, &r, None),
            vec![Some(1), Some(4), Some(5), Some(6)]
        );
    }
    assert_eq!(
        failing_rows_with_postcodes("1015", 2025, &r, None),
        vec![Some(1), Some(4), Some(6)]
    );
}

#[test]
fn rule_503g_distance_carries_over() {
    let (now, prev) = placed_over_two_years();
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("503G", year, &now, Some(&prev)),
            vec![Some(1), Some(2)]
        );
    }
}

#[test]
fn rule_503h_placement_authority_carries_over() {
    let (now, prev) = placed_over_two_years();
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("503H", year, &now, Some(&prev)),
            vec![Some(2)]
        );
    }
}

#[test]
fn rule_503j_placement_location_carries_over() {
    let (now, prev) = placed_over_two_years();
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("503J", year, &now, Some(&prev)),
            vec![Some(2)]
        );
    }
    // Not run without last year's return.
    let dir = postcodes();
    let ctx = crate::validate::Context::new(
        &now,
        None,
        crate::CollectionYear::starting(2024),
        "E10000018",
    )
    .with_postcodes(&dir);
    let report = crate::validate::validate(&ctx);
    assert!(report.not_run.iter().any(|(c, _)| *c == "503J"));
}

#[test]
fn rule_392d_same_home_and_placement_postcode() {
    let r = ret(&[&episodes(&[
        ep_with_postcodes("C1", "01/05/2024", "C2", "U1", "", "", "BN20 1", "bn201"),
        ep_with_postcodes("C2", "01/05/2024", "C2", "P1", "", "", "BN20 1", "BN20 1"),
        ep_with_postcodes("C3", "01/05/2024", "C2", "U1", "", "", "BN20 1", "BN21 1"),
        ep_with_postcodes("C4", "01/05/2024", "C2", "U1", "", "", "", ""),
    ])]);
    assert_eq!(failing_rows("392d", &r, None), vec![Some(0)]);
}

#[test]
fn rule_406_uasc_with_a_distance() {
    let eps = episodes(&[
        ep_with_postcodes("C1", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE3 8RA"),
        ep_with_postcodes("C1", "01/06/2024", "C2", "U1", "", "", "", ""),
        ep_with_postcodes("C2", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE3 8RA"),
        ep_with_postcodes("C3", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE3 8RA"),
        ep_with_postcodes("C4", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "XX1 1XX"),
    ]);
    let uasc = csv_table(UASC, &["C1,F,01/01/2010,", "C4,F,01/01/2010,"]);
    let last_uasc = csv_table(UASC, &["C3,M,01/01/2010,01/01/2024"]);
    let r = ret(&[&eps, &uasc]);
    let last = ret(&[&last_uasc]);
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("406", year, &r, Some(&last)),
            vec![Some(0), Some(3)]
        );
        assert_eq!(
            failing_rows_with_postcodes("406", year, &r, None),
            vec![Some(0)]
        );
    }
}

#[test]
fn rule_411_location_in_only_in_the_council() {
    // Derived from the directory, location and authority agree.
    let r = ret(&[&episodes(&[
        ep_with_postcodes("C1", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE3 8RA"),
        ep_with_postcodes("C2", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "LE1 1FZ"),
        ep_with_postcodes("C3", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "GY1 1AA"),
        ep_with_postcodes("C4", "01/05/2024", "C2", "U1", "", "", "LE1 1FZ", "XX1 1XX"),
    ])]);
    for year in [2023, 2024, 2025] {
        assert_eq!(failing_rows_with_postcodes("411", year, &r, None), vec![]);
    }
    // Were they to disagree, the check says so.
    let placed = |la, location| Placement {
        la,
        location,
        ..Placement::NONE
    };
    assert!(location_disagrees(
        &placed(Some("E06000016"), Some(Location::In)),
        "E10000018"
    ));
    assert!(location_disagrees(
        &placed(None, Some(Location::In)),
        "E10000018"
    ));
    assert!(!location_disagrees(
        &placed(Some("E10000018"), Some(Location::In)),
        "E10000018"
    ));
    assert!(!location_disagrees(
        &placed(Some("E10000018"), Some(Location::Out)),
        "E10000018"
    ));
}

#[test]
fn rule_420_short_breaks_with_a_placement_la() {
    let r = ret(&[&episodes(&[
        ep_with_postcodes("C1", "01/05/2024", "V3", "U1", "", "", "", "LE3 8RA"),
        ep_with_postcodes("C2", "01/05/2024", "V4", "U1", "", "", "", ""),
        ep_with_postcodes("C3", "01/05/2024", "C2", "U1", "", "", "", "LE3 8RA"),
        ep_with_postcodes("C4", "01/05/2024", "v4", "U1", "", "", "", "EH1 1RE"),
        ep_with_postcodes("C5", "01/05/2024", "V4", "U1", "", "", "", "XX1 1XX"),
    ])]);
    for year in [2023, 2024, 2025] {
        assert_eq!(
            failing_rows_with_postcodes("420", year, &r, None),
            vec![Some(0), Some(3)]
        );
    }
}
