//! The type of each placement (PLACE): valid for the year, for the child's age and for how long.

use crate::Table;
use crate::rules::ages::plus_days;
use crate::rules::ages::plus_years;
use crate::rules::ages::start_year;
use crate::rules::codes::ADOPTED;
use crate::rules::codes::SHORT_BREAKS;
use crate::rules::codes::TEMPORARY;
use crate::rules::codes::in_list;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::differs_from_last_open;
use crate::rules::episodes_and_children::no_exception;
use crate::rules::reporting::report_set;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;
use domain::codes::PlacementType;
use std::collections::BTreeSet;

/// Whether a placement type is valid in a collection year: K3 is new in
/// 2024-25; 2025-26 drops H5, P2 and Z1 and splits Z1 into Z11 to Z14.
fn valid_placement(year: i32, place: &str) -> bool {
    match year {
        ..=2023 => in_list::<PlacementType>(place) && !is(place, "K3"),
        2024 => in_list::<PlacementType>(place),
        _ => {
            (in_list::<PlacementType>(place) && !one_of(place, &["H5", "P2", "Z1"]))
                || one_of(place, &["Z11", "Z12", "Z13", "Z14"])
        }
    }
}

/// Rule 146: the placement type must be valid for the year (or blank).
fn check_placement_type(ctx: &Context<'_>, out: &mut Findings) {
    let year = start_year(ctx);
    each_row(ctx, out, Table::Episodes, |t, r| {
        let place = t.value(r, "PLACE");
        !blank(place) && !valid_placement(year, place)
    })
}

const ADOPTION_PLACEMENTS: &[&str] = &["A3", "A4", "A5", "A6"];

/// Rules 370 to 374: a child in this placement type must have reached an
/// age by the start of the episode.
fn placed_too_young(ctx: &Context<'_>, out: &mut Findings, place: &str, years: u32) {
    let dobs = ctx.births();
    each_row(ctx, out, Table::Episodes, |t, r| {
        is(t.value(r, "PLACE"), place)
            && match (t.date(r, "DECOM"), dobs.get(t.value(r, "CHILD"))) {
                (Some(start), Some(&(_, dob))) => start < plus_years(dob, years),
                _ => false,
            }
    })
}

/// Rules 375, 376 and 379: an ended episode of this placement type lasted
/// longer than this many days.
fn placement_longer_than(ctx: &Context<'_>, out: &mut Findings, place: &str, days: u64) {
    each_row(ctx, out, Table::Episodes, |t, r| {
        is(t.value(r, "PLACE"), place)
            && match (t.date(r, "DECOM"), t.date(r, "DEC")) {
                (Some(start), Some(end)) => end > plus_days(start, days),
                _ => false,
            }
    })
}

/// Placements for adoption with a placement order (A5, A6 to 2024-25).
const PLACED_UNDER_ORDER: &[&str] = &["A5", "A6"];

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "146",
        message: "Placement type code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: check_placement_type,
    },
    Rule {
        code: "217",
        message: "Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let from = NaiveDate::from_ymd_opt(2015, 4, 1).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "PLACE"), &["A3", "A5"])
                    && t.date(r, "DECOM").is_some_and(|d| d >= from)
                    && !one_of_any_case(t.value(r, "RNE"), &["S", "T", "U"])
            })
        },
    },
    Rule {
        code: "217t",
        message: "Placement type 'P2' is not a valid placement type from 28 October 2023.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let last_day = NaiveDate::from_ymd_opt(2023, 10, 28).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "PLACE"), &["P2"])
                    && t.date(r, "DEC").is_none_or(|d| d > last_day)
            })
        },
    },
    Rule {
        code: "336",
        message: "Child does not have a foster placement immediately prior to being placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Placed for adoption with the current foster carer(s) (A3, A5):
            // the episode before must be a foster or adoption placement.
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let allowed_before = ["A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"];
            let mut failing = BTreeSet::new();
            for rows in ctx.in_start_order(eps).values() {
                for w in rows.windows(2) {
                    if one_of_any_case(eps.value(w[1], "PLACE"), &["A3", "A5"])
                        && !one_of_any_case(eps.value(w[0], "PLACE"), &allowed_before)
                    {
                        failing.insert(w[1]);
                    }
                }
            }
            report_set(out, eps, &failing);
        },
    },
    Rule {
        code: "359",
        message: "Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // An episode still open at the end of the year, of a child 18
            // before then, must be V2 in a children's home (K2).
            let dobs = ctx.births();
            let end = ctx.end();
            each_row(ctx, out, Table::Episodes, |t, r| {
                blank(t.value(r, "DEC"))
                    && dobs
                        .get(t.value(r, "CHILD"))
                        .is_some_and(|&(_, dob)| plus_years(dob, 18) < end)
                    && !(is(t.value(r, "LS"), "V2") && is(t.value(r, "PLACE"), "K2"))
            })
        },
    },
    Rule {
        code: "370",
        message: "Child in independent living should be at least 16.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "P2", 16),
    },
    // 371 from 2024/25 first, so that tests (run as 2024/25) find it.
    Rule {
        code: "371",
        message: "Child in supported accomodation not subject to children’s homes regulations should be at least 16.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "K3", 16),
    },
    Rule {
        code: "371",
        message: "Child in semi-independent living accommodation not subject to children’s homes regulations should be at least 16.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "H5", 16),
    },
    Rule {
        code: "372",
        message: "Child in youth custody or prison should be at least 10.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "R5", 10),
    },
    Rule {
        code: "373",
        message: "Child placed in a school should be at least 4 years old.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "S1", 4),
    },
    Rule {
        code: "374",
        message: "Child in residential employment should be at least 14 years old.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "P3", 14),
    },
    Rule {
        code: "375",
        message: "Hospitalisation coded as a temporary placement exceeds six weeks.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placement_longer_than(ctx, out, "T1", 42),
    },
    Rule {
        code: "376",
        message: "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placement_longer_than(ctx, out, "T3", 21),
    },
    Rule {
        code: "377",
        message: "Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut failing = BTreeSet::new();
            for rows in ctx.rows_by_child(eps).values() {
                let t3: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&r| is(eps.value(r, "PLACE"), "T3"))
                    .collect();
                if t3.len() > 2 {
                    failing.extend(t3);
                }
            }
            report_set(out, eps, &failing);
        },
    },
    Rule {
        code: "378",
        message: "A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "PLACE"), "P1") && is(t.value(r, "LS"), "V2")
            })
        },
    },
    Rule {
        code: "379",
        message: "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placement_longer_than(ctx, out, "T4", 7),
    },
    Rule {
        code: "380",
        message: "A period of care cannot start with a temporary placement.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "PLACE"), TEMPORARY)
                    && !one_of_any_case(t.value(r, "RNE"), &["P", "B"])
            })
        },
    },
    Rule {
        code: "381",
        message: "A period of care cannot end with a temporary placement.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                let rec = t.value(r, "REC");
                one_of_any_case(t.value(r, "PLACE"), TEMPORARY) && !blank(rec) && !is(rec, "X1")
            })
        },
    },
    Rule {
        code: "382",
        message: "A child receiving respite care cannot be in a temporary placement.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "LS"), SHORT_BREAKS)
                    && one_of_any_case(t.value(r, "PLACE"), TEMPORARY)
            })
        },
    },
    Rule {
        code: "384",
        message: "A child receiving respite care cannot be in a long-term foster placement",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "LS"), SHORT_BREAKS)
                    && one_of_any_case(t.value(r, "PLACE"), &["U1", "U4"])
            })
        },
    },
    Rule {
        code: "390",
        message: "Reason episode ceased is adopted but child has not been previously placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "REC"), ADOPTED)
                    && !one_of_any_case(t.value(r, "PLACE"), ADOPTION_PLACEMENTS)
            })
        },
    },
    Rule {
        code: "516",
        message: "The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "REC"), &["E45", "E46"])
                    && !one_of(t.value(r, "PLACE"), &["U1", "U2", "U3", "U4", "U5", "U6"])
            })
        },
    },
    Rule {
        code: "503D",
        message: "The placement type in the first episode does not match open episode at end of last year",
        years: Years::span(2024, 2024),
        needs: Needs::PreviousReturn,
        // H5 placements became K3 in 2024-25.
        check: |ctx, out| {
            differs_from_last_open(ctx, out, "PLACE", |now, before| {
                is(now, "K3") && is(before, "H5")
            })
        },
    },
    Rule {
        code: "503D",
        message: "The placement type in the first episode does not match open episode at end of last year",
        years: Years::to(2023),
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "PLACE", no_exception),
    },
    Rule {
        code: "503D",
        message: "The placement type in the first episode does not match open episode at end of last year",
        years: Years::since(2025),
        needs: Needs::PreviousReturn,
        // Z1 was split into Z11 to Z14 in 2025-26.
        check: |ctx, out| {
            differs_from_last_open(ctx, out, "PLACE", |now, before| {
                (is(before, "Z1") && one_of(now, &["Z11", "Z12", "Z13", "Z14"]))
                    || (is(now, "K3") && is(before, "H5"))
            })
        },
    },
    Rule {
        code: "408",
        message: "Child is placed for adoption with a placement order, but no placement order has been recorded.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Placed for adoption with a placement order (A5, A6) needs the
            // legal status of a placement order (E1).
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), PLACED_UNDER_ORDER) && !is(t.value(r, "LS"), "E1")
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::RULES;
    use crate::validate::testing::*;

    #[test]
    fn rule_146_placement_type_must_be_valid_for_the_year() {
        let r = ret(&[&episodes(&[
            ep_at("C1", "01/04/2024", "S", "C2", "K3", "PR4", "", ""),
            ep_at("C2", "01/04/2024", "S", "C2", "Z1", "", "", ""),
            ep_at("C3", "01/04/2024", "S", "C2", "Z11", "", "", ""),
            ep_at("C4", "01/04/2024", "S", "C2", "u1", "PR1", "", ""),
            ep_at("C5", "01/04/2024", "S", "C2", "", "PR1", "", ""),
        ])]);
        // u1 is U1 (the reference upper-cases what it reads).
        assert_eq!(failing_rows("146", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_146_changes_with_the_year() {
        use super::valid_placement;
        assert!(!valid_placement(2023, "K3"));
        assert!(valid_placement(2024, "K3") && valid_placement(2024, "H5"));
        assert!(!valid_placement(2025, "H5") && !valid_placement(2025, "Z1"));
        assert!(valid_placement(2025, "Z12") && valid_placement(2025, "K3"));
    }

    #[test]
    fn rule_146_k3_from_2024_25_and_z1_split_in_2025_26() {
        let r = ret(&[&episodes(&[
            ep_at("C1", "01/04/2024", "S", "C2", "K3", "PR4", "", ""),
            ep_at("C2", "01/04/2024", "S", "C2", "Z1", "", "", ""),
            ep_at("C3", "01/04/2024", "S", "C2", "Z13", "", "", ""),
            ep_at("C4", "01/04/2024", "S", "C2", "U4", "PR1", "", ""),
        ])]);
        assert_eq!(rows_in(2023, "146", &r), vec![Some(0), Some(2)]);
        assert_eq!(rows_in(2025, "146", &r), vec![Some(1)]);
    }

    #[test]
    fn rule_217_adoption_by_foster_carers_needs_rne_s_t_or_u() {
        let r = ret(&[&episodes_csv(
            "C1,01/05/2024,S,C2,N1,A3,PR1,,,,,,\nC2,01/05/2024,P,C2,N1,A5,PR1,,,,,,\nC3,01/05/2014,P,C2,N1,A5,PR1,,,,,,\nC4,01/05/2024,P,C2,N1,U1,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows("217", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_217t_p2_not_valid_after_28_october_2023() {
        let r = ret(&[&episodes_csv(
            "C1,01/05/2023,S,C2,N1,P2,PR1,28/10/2023,E11,,,,\nC2,01/05/2023,S,C2,N1,P2,PR1,29/10/2023,E11,,,,\nC3,01/05/2023,S,C2,N1,P2,PR1,,,,,,\nC4,01/05/2023,S,C2,N1,P1,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows("217t", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rules_300s_have_one_version_a_year() {
        for code in ["371", "383", "393"] {
            for year in [2023, 2024, 2025] {
                let n = RULES
                    .iter()
                    .filter(|r| r.code == code && r.years.contains(year))
                    .count();
                assert_eq!(n, 1, "{code} in {year}");
            }
        }
        assert!(
            RULES
                .iter()
                .any(|r| r.code == "348" && r.years == crate::years::Years::since(2025))
        );
    }

    #[test]
    fn rule_336_placed_with_foster_carer_for_adoption_without_fostering_first() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/04/2024", "S", "C2", "U4", "01/06/2024", "X1"),
            short_ep("C1", "01/06/2024", "B", "E1", "A5", "", ""),
            short_ep("C2", "01/06/2024", "B", "E1", "A3", "", ""),
            short_ep("C2", "01/04/2024", "S", "C2", "K2", "01/06/2024", "X1"),
            short_ep("C3", "01/04/2024", "S", "E1", "A3", "", ""),
        ])]);
        assert_eq!(failing_rows("336", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_359_over_18_must_be_v2_in_a_childrens_home() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2006,", "C2,M,01/06/2006,", "C3,M,01/06/2007,"]),
            &eps(&[
                short_ep("C1", "01/06/2023", "S", "V2", "K2", "", ""),
                short_ep("C2", "01/06/2023", "S", "C2", "U1", "", ""),
                short_ep("C3", "01/06/2023", "S", "C2", "U1", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("359", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_359_does_not_read_1_1_20_as_the_year_20() {
        // Born in the year 20, C1 would be over 18 and not in a K2 under V2.
        let r = ret(&[
            &short_header(&["C1,M,1/1/20,", "C2,M,01/06/2006,"]),
            &eps(&[
                short_ep("C1", "01/06/2023", "S", "C2", "U1", "", ""),
                short_ep("C2", "01/06/2023", "S", "C2", "U1", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("359", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_370_independent_living_under_16() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2008,", "C2,M,01/06/2008,"]),
            &eps(&[
                short_ep("C1", "01/06/2024", "S", "V2", "P2", "", ""),
                short_ep("C2", "31/05/2024", "S", "V2", "P2", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("370", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_371_supported_accommodation_under_16() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2008,", "C2,M,01/06/2008,", "C3,M,01/06/2008,"]),
            &eps(&[
                short_ep("C1", "01/06/2024", "S", "V2", "K3", "", ""),
                short_ep("C2", "31/05/2024", "S", "V2", "K3", "", ""),
                short_ep("C3", "31/05/2024", "S", "V2", "H5", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("371", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows_in(2025, "371", &r, None), vec![Some(1)]);
        // In 2023/24 the rule was about H5.
        assert_eq!(failing_rows_in(2023, "371", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_372_youth_custody_under_10() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2014,", "C2,M,01/06/2014,"]),
            &eps(&[
                short_ep("C1", "01/06/2024", "S", "J1", "R5", "", ""),
                short_ep("C2", "31/05/2024", "S", "J1", "R5", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("372", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_373_school_under_4() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2020,", "C2,M,01/06/2020,"]),
            &eps(&[
                short_ep("C1", "01/06/2024", "S", "C2", "S1", "", ""),
                short_ep("C2", "31/05/2024", "S", "C2", "S1", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("373", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_374_residential_employment_under_14() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2010,", "C2,M,01/06/2010,"]),
            &eps(&[
                short_ep("C1", "01/06/2024", "S", "C2", "P3", "", ""),
                short_ep("C2", "31/05/2024", "S", "C2", "P3", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("374", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_375_hospital_longer_than_six_weeks() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "P", "C2", "T1", "12/06/2024", "X1"),
            short_ep("C2", "01/05/2024", "P", "C2", "T1", "13/06/2024", "X1"),
        ])]);
        assert_eq!(failing_rows("375", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_376_carer_holiday_longer_than_three_weeks() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "P", "C2", "T3", "22/05/2024", "X1"),
            short_ep("C2", "01/05/2024", "P", "C2", "T3", "23/05/2024", "X1"),
        ])]);
        assert_eq!(failing_rows("376", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_377_more_than_two_carer_holiday_placements() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "P", "C2", "T3", "02/05/2024", "X1"),
            short_ep("C1", "01/06/2024", "P", "C2", "T3", "02/06/2024", "X1"),
            short_ep("C2", "01/05/2024", "P", "C2", "T3", "02/05/2024", "X1"),
            short_ep("C2", "01/06/2024", "P", "C2", "U4", "02/06/2024", "X1"),
            short_ep("C2", "01/07/2024", "P", "C2", "T3", "02/07/2024", "X1"),
            short_ep("C2", "01/08/2024", "P", "C2", "T3", "02/08/2024", "X1"),
        ])]);
        assert_eq!(
            failing_rows("377", &r, None),
            vec![Some(2), Some(4), Some(5)]
        );
    }

    #[test]
    fn rule_378_placed_with_parents_under_section_20() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "C2", "P1", "", ""),
            short_ep("C2", "01/05/2024", "S", "V2", "P1", "", ""),
        ])]);
        assert_eq!(failing_rows("378", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_379_t4_longer_than_seven_days() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "P", "C2", "T4", "08/05/2024", "X1"),
            short_ep("C2", "01/05/2024", "P", "C2", "T4", "09/05/2024", "X1"),
        ])]);
        assert_eq!(failing_rows("379", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_380_period_of_care_starting_in_a_temporary_placement() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "P", "C2", "T1", "", ""),
            short_ep("C2", "01/05/2024", "S", "C2", "T1", "", ""),
            short_ep("C3", "01/05/2024", "S", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("380", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_381_period_of_care_ending_in_a_temporary_placement() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "P", "C2", "T1", "03/05/2024", "X1"),
            short_ep("C2", "01/05/2024", "P", "C2", "T1", "03/05/2024", "E13"),
            short_ep("C3", "01/05/2024", "P", "C2", "T1", "", ""),
        ])]);
        assert_eq!(failing_rows("381", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_382_respite_in_a_temporary_placement() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "V3", "U6", "", ""),
            short_ep("C2", "01/05/2024", "S", "V4", "T2", "", ""),
        ])]);
        assert_eq!(failing_rows("382", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_384_respite_in_long_term_fostering() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "V3", "U6", "", ""),
            short_ep("C2", "01/05/2024", "S", "V4", "U4", "", ""),
        ])]);
        assert_eq!(failing_rows("384", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_390_adopted_without_an_adoption_placement() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "P", "E1", "A6", "01/06/2024", "E12"),
            short_ep("C2", "01/05/2024", "P", "E1", "U4", "01/06/2024", "E11"),
        ])]);
        assert_eq!(failing_rows("390", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_516_former_foster_carer_exits_need_u_placements() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "10/05/2024", "E45"),
                full_ep("B", "01/05/2024", "S", "C2", "K2", "10/05/2024", "E46"),
            ],
        );
        assert_eq!(failing_rows("516", &ret(&[&eps]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_503d_placement_matches_last_years_open_episode() {
        let (now, prev) = carried_over(5, "U1", "U1", "U2");
        assert_eq!(failing_rows("503D", &now, Some(&prev)), vec![Some(1)]);
        // In 2024-25 an H5 placement may carry over as K3.
        let (now, prev) = carried_over(5, "H5", "K3", "K2");
        assert_eq!(failing_rows("503D", &now, Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_408_placed_for_adoption_without_placement_order() {
        let r = ret(&[&episodes(&[
            ep_with_postcodes("C1", "01/05/2024", "C2", "A5", "", "", "", ""),
            ep_with_postcodes("C2", "01/05/2024", "E1", "A6", "", "", "", ""),
            ep_with_postcodes("C3", "01/05/2024", "C2", "A3", "", "", "", ""),
            ep_with_postcodes("C4", "01/05/2024", "D1", "A6", "", "", "", ""),
        ])]);
        assert_eq!(failing_rows("408", &r, None), vec![Some(0), Some(3)]);
    }
}
