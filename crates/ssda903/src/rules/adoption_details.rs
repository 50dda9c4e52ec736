//! The adoption details (the AD1 table): dates of the decision and the match, the adopters, and that they are given when, and only when, a child was adopted.

use crate::Table;
use crate::TableData;
use crate::hash::HashMap;
use crate::hash::HashSet;
use crate::rules::ages::bad_date;
use crate::rules::codes::AD1_ITEMS;
use crate::rules::codes::ADOPTED;
use crate::rules::codes::PLACED_FOR_ADOPTION;
use crate::rules::codes::ZERO_ONE;
use crate::rules::codes::all_filled;
use crate::rules::codes::any_filled;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::codes::one_of_any_case;
use crate::rules::reporting::report_set;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::Trimmed;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;
use std::collections::BTreeSet;

const NB_ADOPTR: &[&str] = &["1", "2"];

const SEX_ADOPTR: &[&str] = &["M1", "F1", "MM", "FF", "MF"];

const LS_ADOPTR: &[&str] = &["L0", "L11", "L12", "L2", "L3", "L4"];

/// An AD1 check on the adopters' legal status and sexes.
fn ad1_row(ctx: &Context<'_>, out: &mut Findings, fails: impl Fn(&str, &str, &str) -> bool) {
    each_row(ctx, out, Table::Ad1, |t, r| {
        fails(
            t.value(r, "NB_ADOPTR"),
            t.value(r, "SEX_ADOPTR"),
            t.value(r, "LS_ADOPTR"),
        )
    })
}

/// The AD1 fields about the adoption.
const AD1_FIELDS: &[&str] = &[
    "DATE_INT",
    "DATE_MATCH",
    "FOSTER_CARE",
    "NB_ADOPTR",
    "SEX_ADOPTR",
    "LS_ADOPTR",
];

/// The episode rows that ended in adoption (E11, E12) during the year.
fn adopted_this_year(ctx: &Context<'_>, eps: &TableData) -> Vec<usize> {
    (0..eps.len())
        .filter(|&r| {
            one_of(eps.value(r, "REC"), &["E11", "E12"])
                && eps
                    .date(r, "DEC")
                    .is_some_and(|d| d >= ctx.start() && d <= ctx.end())
        })
        .collect()
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "112",
        message: "Date should be placed for adoption is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                bad_date(t.value(r, "DATE_INT"))
            })
        },
    },
    Rule {
        code: "113",
        message: "Date matching child and adopter(s) is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                bad_date(t.value(r, "DATE_MATCH"))
            })
        },
    },
    Rule {
        code: "114",
        message: "Data entry to record the status of former carer(s) of an adopted child is invalid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                let v = t.value(r, "FOSTER_CARE");
                !blank(v) && !one_of(v, ZERO_ONE)
            })
        },
    },
    Rule {
        code: "151",
        message: "All data items relating to a childs adoption must be coded or left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                any_filled(t, r, AD1_ITEMS) && !all_filled(t, r, AD1_ITEMS)
            })
        },
    },
    Rule {
        code: "175",
        message: "The number of adopter(s) code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                let v = t.value(r, "NB_ADOPTR");
                !blank(v) && !one_of(v, NB_ADOPTR)
            })
        },
    },
    Rule {
        code: "176",
        message: "The gender of adopter(s) at the date of adoption code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                let v = t.value(r, "SEX_ADOPTR");
                !blank(v) && !one_of(v, SEX_ADOPTR)
            })
        },
    },
    Rule {
        code: "177",
        message: "The legal status of adopter(s) code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                let v = t.value(r, "LS_ADOPTR");
                !blank(v) && !one_of(v, LS_ADOPTR)
            })
        },
    },
    Rule {
        code: "331",
        message: "Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(ad1), Some(eps)) = (ctx.table(Table::Ad1), ctx.table(Table::Episodes)) else {
                return;
            };
            let matches = ctx.rows_by_child(ad1);
            let (mut ad_rows, mut ep_rows) = (BTreeSet::new(), BTreeSet::new());
            for e in 0..eps.len() {
                let Some(start) = eps.date(e, "DECOM") else {
                    continue;
                };
                if !one_of_any_case(eps.value(e, "REC"), ADOPTED) {
                    continue;
                }
                for &a in matches.get_row(eps, e).into_iter().flatten() {
                    if ad1.date(a, "DATE_MATCH").is_some_and(|m| m > start) {
                        ad_rows.insert(a);
                        ep_rows.insert(e);
                    }
                }
            }
            report_set(out, ad1, &ad_rows);
            report_set(out, eps, &ep_rows);
        },
    },
    Rule {
        code: "333",
        message: "Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                t.date(r, "DATE_MATCH")
                    .is_some_and(|m| t.date(r, "DATE_INT").is_none_or(|decided| decided > m))
            })
        },
    },
    Rule {
        code: "334",
        message: "Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(ad1)) = (ctx.table(Table::Episodes), ctx.table(Table::Ad1)) else {
                return;
            };
            // The start of each child's latest period of care (RNE S).
            let mut latest: HashMap<&str, (usize, NaiveDate)> = HashMap::default();
            for r in 0..eps.len() {
                if !is(eps.value(r, "RNE"), "S") {
                    continue;
                }
                if let Some(d) = eps.date(r, "DECOM") {
                    latest
                        .entry(eps.value(r, "CHILD"))
                        .and_modify(|e| {
                            if d > e.1 {
                                *e = (r, d);
                            }
                        })
                        .or_insert((r, d));
                }
            }
            let decisions = ctx.rows_by_child(ad1);
            let (mut ep_rows, mut ad_rows) = (BTreeSet::new(), BTreeSet::new());
            for (child, (e, start)) in latest {
                for &a in decisions.get(child).into_iter().flatten() {
                    if ad1.date(a, "DATE_INT").is_some_and(|d| d < start) {
                        ep_rows.insert(e);
                        ad_rows.insert(a);
                    }
                }
            }
            report_set(out, eps, &ep_rows);
            report_set(out, ad1, &ad_rows);
        },
    },
    Rule {
        code: "335",
        message: "The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(ad1)) = (ctx.table(Table::Episodes), ctx.table(Table::Ad1)) else {
                return;
            };
            let adoptions = ctx.rows_by_child(ad1);
            let (mut ep_rows, mut ad_rows) = (BTreeSet::new(), BTreeSet::new());
            for e in 0..eps.len() {
                if !one_of_any_case(eps.value(e, "REC"), &["E1", "E11", "E12"]) {
                    continue;
                }
                let place = eps.value(e, "PLACE");
                let with_carer = one_of_any_case(place, &["A2", "A3", "A5"]);
                let not_with_carer = one_of_any_case(place, &["A1", "A4", "A6"]);
                for &a in adoptions.get_row(eps, e).into_iter().flatten() {
                    let foster = ad1.value(a, "FOSTER_CARE").trimmed();
                    if (with_carer && foster == "0") || (not_with_carer && foster == "1") {
                        ep_rows.insert(e);
                        ad_rows.insert(a);
                    }
                }
            }
            report_set(out, eps, &ep_rows);
            report_set(out, ad1, &ad_rows);
        },
    },
    Rule {
        code: "511",
        message: "If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |nb, sex, _| {
                nb == "2" && one_of(sex, &["M1", "F1"])
            })
        },
    },
    Rule {
        code: "514",
        message: "Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |_, sex, ls| {
                is(ls, "L0") && !one_of(sex, &["M1", "F1"])
            })
        },
    },
    Rule {
        code: "517",
        message: "If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| ad1_row(ctx, out, |_, sex, ls| is(ls, "L3") && !is(sex, "MF")),
    },
    Rule {
        code: "518",
        message: "If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |_, sex, ls| {
                is(ls, "L4") && !one_of(sex, &["MM", "FF"])
            })
        },
    },
    Rule {
        code: "519",
        message: "Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |_, sex, ls| {
                is(ls, "L2") && !one_of(sex, &["MM", "FF", "MF"])
            })
        },
    },
    Rule {
        code: "520",
        message: "Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| ad1_row(ctx, out, |_, sex, ls| is(ls, "L11") && !is(sex, "MF")),
    },
    Rule {
        code: "521",
        message: "Date of local authority's decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(ad1)) = (ctx.table(Table::Episodes), ctx.table(Table::Ad1)) else {
                return;
            };
            let ad1_rows = ctx.rows_by_child(ad1);
            let mut bad_ad1 = Vec::new();
            for r in 0..eps.len() {
                if !one_of(eps.value(r, "PLACE"), PLACED_FOR_ADOPTION) {
                    continue;
                }
                let Some(decom) = eps.date(r, "DECOM") else {
                    continue;
                };
                let late: Vec<usize> = ad1_rows
                    .get_row(eps, r)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&a| ad1.date(a, "DATE_INT").is_some_and(|d| d > decom))
                    .collect();
                if !late.is_empty() {
                    out.row(eps, r);
                    bad_ad1.extend(late);
                }
            }
            bad_ad1.sort_unstable();
            bad_ad1.dedup();
            for a in bad_ad1 {
                out.row(ad1, a);
            }
        },
    },
    Rule {
        code: "524",
        message: "If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |_, sex, ls| {
                is(ls, "L12") && !one_of(sex, &["MM", "FF"])
            })
        },
    },
    Rule {
        code: "582",
        message: "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(ad1) = ctx.table(Table::Ad1) else {
                return;
            };
            let ad1_rows = ctx.rows_by_child(ad1);
            each_row(ctx, out, Table::Episodes, |t, r| {
                let Some(dec) = t.date(r, "DEC") else {
                    return false;
                };
                one_of(t.value(r, "REC"), &["E11", "E12"])
                    && ad1_rows.get_row(t, r).is_some_and(|rows| {
                        rows.iter().any(|&a| ad1.date(a, "DATE_MATCH") == Some(dec))
                    })
            })
        },
    },
    Rule {
        code: "601",
        message: "The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(ad1)) = (ctx.table(Table::Episodes), ctx.table(Table::Ad1)) else {
                return;
            };
            let adopted = adopted_this_year(ctx, eps);
            let eps_rows: HashMap<&str, Vec<usize>> = {
                let mut m: HashMap<&str, Vec<usize>> = HashMap::default();
                for &r in &adopted {
                    m.entry(eps.value(r, "CHILD")).or_default().push(r);
                }
                m
            };
            let (mut bad_ad1, mut bad_eps) = (Vec::new(), Vec::new());
            for a in 0..ad1.len() {
                let Some(rows) = eps_rows.get(ad1.value(a, "CHILD")) else {
                    continue;
                };
                if AD1_FIELDS.iter().any(|c| blank(ad1.value(a, c))) {
                    bad_ad1.push(a);
                    bad_eps.extend(rows.iter().copied());
                }
            }
            for (t, mut rows) in [(ad1, bad_ad1), (eps, bad_eps)] {
                rows.sort_unstable();
                rows.dedup();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "602",
        message: "The episode data submitted for this child does not show that he/she was adopted during the year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let adopted: HashSet<&str> = adopted_this_year(ctx, eps)
                .into_iter()
                .map(|r| eps.value(r, "CHILD"))
                .collect();
            each_row(ctx, out, Table::Ad1, |t, r| {
                !adopted.contains(t.value(r, "CHILD"))
                    && AD1_FIELDS.iter().any(|c| !blank(t.value(r, c)))
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    fn check_112_113_adoption_dates_must_be_valid_when_given() {
        let r = ret(&[&csv_table(
            AD1,
            &[
                "C1,01/01/2020,01/05/2024,01/06/2024,0,1,M1,L0",
                "C2,01/01/2020,,,,,,",
                "C3,01/01/2020,32/05/2024,01/06/24,0,1,M1,L0",
            ],
        )]);
        assert_eq!(failing_rows("112", &r, None), vec![Some(2)]);
        assert_eq!(failing_rows("113", &r, None), vec![Some(2)]);
    }

    fn check_114_175_176_177_adoption_codes_must_be_valid_when_given() {
        let r = ret(&[&csv_table(
            AD1,
            &[
                "C1,01/01/2020,01/05/2024,01/06/2024,1,2,MF,L11",
                "C2,01/01/2020,,,,,,",
                "C3,01/01/2020,01/05/2024,01/06/2024,2,3,M9,L1",
                // Codes in lower case are the codes (the reference upper-cases what it reads).
                "C4,01/01/2020,01/05/2024,01/06/2024,1,2,mf,l11",
            ],
        )]);
        for code in ["114", "175", "176", "177"] {
            assert_eq!(failing_rows(code, &r, None), vec![Some(2)], "rule {code}");
        }
    }

    fn adopters() -> crate::Return {
        ret(&[&table(
            AD1,
            &[
                "A,01/01/2015,01/01/2024,01/02/2024,0,2,MF,L11".into(), // passes all
                "B,01/01/2015,01/01/2024,01/02/2024,0,2,M1,L0".into(), // 511 (and 514 passes: single sex code)
                "C,01/01/2015,01/01/2024,01/02/2024,0,1,MM,L0".into(), // 514
                "D,01/01/2015,01/01/2024,01/02/2024,0,2,MM,L3".into(), // 517
                "E,01/01/2015,01/01/2024,01/02/2024,0,2,MF,L4".into(), // 518
                "F,01/01/2015,01/01/2024,01/02/2024,0,1,F1,L2".into(), // 519
                "G,01/01/2015,01/01/2024,01/02/2024,0,2,FF,L11".into(), // 520
            ],
        )])
    }

    #[test]
    fn rule_112_adoption_dates_must_be_valid_when_given() {
        check_112_113_adoption_dates_must_be_valid_when_given();
    }

    #[test]
    fn rule_113_adoption_dates_must_be_valid_when_given() {
        check_112_113_adoption_dates_must_be_valid_when_given();
    }

    #[test]
    fn rule_114_adoption_codes_must_be_valid_when_given() {
        check_114_175_176_177_adoption_codes_must_be_valid_when_given();
    }

    #[test]
    fn rule_175_adoption_codes_must_be_valid_when_given() {
        check_114_175_176_177_adoption_codes_must_be_valid_when_given();
    }

    #[test]
    fn rule_176_adoption_codes_must_be_valid_when_given() {
        check_114_175_176_177_adoption_codes_must_be_valid_when_given();
    }

    #[test]
    fn rule_177_adoption_codes_must_be_valid_when_given() {
        check_114_175_176_177_adoption_codes_must_be_valid_when_given();
    }

    #[test]
    fn rule_114_former_carer_status_is_0_or_1() {
        let r = ret(&[&csv_table(
            AD1,
            &["C1,01/01/2020,,,0,,,", "C2,01/01/2020,,,Y,,,"],
        )]);
        assert_eq!(failing_rows("114", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_175_number_of_adopters_is_1_or_2() {
        let r = ret(&[&csv_table(
            AD1,
            &["C1,01/01/2020,,,,1,,", "C2,01/01/2020,,,,0,,"],
        )]);
        assert_eq!(failing_rows("175", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_176_sex_of_adopters_must_be_valid() {
        let r = ret(&[&csv_table(
            AD1,
            &["C1,01/01/2020,,,,,FF,", "C2,01/01/2020,,,,,F2,"],
        )]);
        assert_eq!(failing_rows("176", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_177_legal_status_of_adopters_must_be_valid() {
        let r = ret(&[&csv_table(
            AD1,
            &["C1,01/01/2020,,,,,,L4", "C2,01/01/2020,,,,,,L5"],
        )]);
        assert_eq!(failing_rows("177", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_151_adoption_items_all_or_none() {
        let r = ret(&[&csv_table(
            AD1,
            &[
                "C1,01/01/2020,01/05/2024,01/06/2024,0,1,M1,L0",
                "C2,01/01/2020,,,,,,",
                "C3,01/01/2020,01/05/2024,,0,1,M1,L0",
            ],
        )]);
        assert_eq!(failing_rows("151", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_331_matched_after_placed_for_adoption() {
        let r = ret(&[
            &format!(
                "{AD1}\nC1,,01/01/2024,01/05/2024,0,1,F1,L0\nC2,,01/01/2024,01/05/2024,0,1,F1,L0\n"
            ),
            &eps(&[
                short_ep("C1", "01/06/2024", "P", "E1", "A4", "01/09/2024", "E11"),
                short_ep("C2", "01/04/2024", "P", "E1", "A4", "01/09/2024", "E12"),
            ]),
        ]);
        // AD1 row 1, then Episodes row 1.
        assert_eq!(failing_rows("331", &r, None), vec![Some(1), Some(1)]);
    }

    #[test]
    fn rule_333_decision_after_matching() {
        let r = ret(&[&format!(
            "{AD1}\nC1,,01/01/2024,01/05/2024,0,1,F1,L0\nC2,,01/06/2024,01/05/2024,0,1,F1,L0\nC3,,,01/05/2024,0,1,F1,L0\nC4,,01/01/2024,,0,1,F1,L0\n"
        )]);
        assert_eq!(failing_rows("333", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_334_decision_before_latest_period_of_care() {
        let r = ret(&[
            &eps(&[
                short_ep("C1", "01/01/2020", "S", "C2", "U1", "01/01/2021", "E13"),
                short_ep("C1", "01/06/2023", "S", "C2", "U1", "", ""),
                short_ep("C2", "01/06/2023", "S", "C2", "U1", "", ""),
            ]),
            &format!("{AD1}\nC1,,01/01/2023,,,,,\nC2,,01/07/2023,,,,,\n"),
        ]);
        // C1 decided before its latest start: Episodes row 1, AD1 row 0.
        assert_eq!(failing_rows("334", &r, None), vec![Some(1), Some(0)]);
    }

    #[test]
    fn rule_335_foster_carer_flag_against_adoption_placement() {
        let r = ret(&[
            &eps(&[
                short_ep("C1", "01/04/2024", "P", "E1", "A5", "01/09/2024", "E12"),
                short_ep("C2", "01/04/2024", "P", "E1", "A6", "01/09/2024", "E11"),
                short_ep("C3", "01/04/2024", "P", "E1", "A5", "01/09/2024", "E11"),
            ]),
            &format!("{AD1}\nC1,,,,0,,,\nC2,,,,0,,,\nC3,,,,1,,,\n"),
        ]);
        assert_eq!(failing_rows("335", &r, None), vec![Some(0), Some(0)]);
    }

    #[test]
    fn rule_521_adoption_decision_not_after_placement_for_adoption() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "A3", "", ""),
                full_ep("B", "01/05/2024", "S", "E1", "A4", "", ""),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/04/2024,,,,,".into(),
                "B,01/01/2015,01/06/2024,,,,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("521", &ret(&[&eps, &ad1]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_524_l12_adopters_are_same_sex() {
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,,,,2,MM,L12".into(),
                "B,01/01/2015,,,,2,MF,L12".into(),
            ],
        );
        assert_eq!(failing_rows("524", &ret(&[&ad1]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_582_adoption_not_on_date_matched() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
                full_ep("B", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E12"),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/01/2024,01/06/2024,0,1,F1,L0".into(),
                "B,01/01/2015,01/01/2024,01/05/2024,0,1,F1,L0".into(),
            ],
        );
        assert_eq!(
            failing_rows("582", &ret(&[&eps, &ad1]), None),
            vec![Some(0)]
        );
    }

    #[test]
    fn rule_601_adoption_fields_completed_for_adoptions() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
                full_ep("B", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E12"),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/01/2024,01/03/2024,0,1,F1,L0".into(),
                "B,01/01/2015,01/01/2024,,0,1,F1,L0".into(),
            ],
        );
        assert_eq!(
            failing_rows("601", &ret(&[&eps, &ad1]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_602_adoption_data_only_for_adoptions() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
                full_ep("B", "01/05/2024", "S", "E1", "A3", "", ""),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/01/2024,01/03/2024,0,1,F1,L0".into(),
                "B,01/01/2015,01/01/2024,,0,1,F1,L0".into(),
            ],
        );
        assert_eq!(
            failing_rows("602", &ret(&[&eps, &ad1]), None),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_511_two_adopters_are_a_couple() {
        assert_eq!(failing_rows("511", &adopters(), None), vec![Some(1)]);
    }

    #[test]
    fn rule_514_single_adopter_has_single_sex_code() {
        assert_eq!(failing_rows("514", &adopters(), None), vec![Some(2)]);
    }

    #[test]
    fn rule_517_l3_adopters_are_mf() {
        assert_eq!(failing_rows("517", &adopters(), None), vec![Some(3)]);
    }

    #[test]
    fn rule_518_l4_adopters_are_same_sex() {
        assert_eq!(failing_rows("518", &adopters(), None), vec![Some(4)]);
    }

    #[test]
    fn rule_519_civil_partners_are_a_couple() {
        assert_eq!(failing_rows("519", &adopters(), None), vec![Some(5)]);
    }

    #[test]
    fn rule_520_l11_adopters_are_mf() {
        assert_eq!(failing_rows("520", &adopters(), None), vec![Some(6)]);
    }
}
