//! Mothers: the MOTHER flag and the date of birth of the mother's child.

use crate::Table;
use crate::hash::HashMap;
use crate::hash::HashSet;
use crate::rules::ages::bad_date;
use crate::rules::ages::plus_years;
use crate::rules::codes::SHORT_BREAKS;
use crate::rules::codes::is;
use crate::rules::codes::is_male;
use crate::rules::codes::one_of;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::first_rows;
use crate::rules::episodes_and_children::previous;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;

/// Rule 174: a boy cannot have a mother's child's date of birth.
fn check_male_mother(ctx: &Context<'_>, out: &mut Findings) {
    each_row(ctx, out, Table::Header, |t, r| {
        is_male(ctx, t.value(r, "SEX")) && !blank(t.value(r, "MC_DOB"))
    })
}

/// Rule 393: a girl looked after other than under V3/V4 must have MOTHER
/// completed. `female` is the year's code for female.
fn mother_missing(ctx: &Context<'_>, out: &mut Findings, female: &str) {
    let (Some(header), Some(eps)) = (ctx.table(Table::Header), ctx.table(Table::Episodes)) else {
        return;
    };
    let looked_after: HashSet<&str> = (0..eps.len())
        .filter(|&r| !one_of_any_case(eps.value(r, "LS"), SHORT_BREAKS))
        .map(|r| eps.value(r, "CHILD"))
        .collect();
    for r in 0..header.len() {
        if is(header.value(r, "SEX"), female)
            && looked_after.contains(header.value(r, "CHILD"))
            && blank(header.value(r, "MOTHER"))
        {
            out.row(header, r);
        }
    }
}

/// Rule 607: girls (`female` is the year's code) who ceased to be looked
/// after during the year, other than from short breaks, need MOTHER.
fn mother_not_completed(ctx: &Context<'_>, out: &mut Findings, female: &str) {
    let (Some(eps), Some(header)) = (ctx.table(Table::Episodes), ctx.table(Table::Header)) else {
        return;
    };
    let header_rows = ctx.rows_by_child(header);
    let (mut bad_eps, mut bad_header) = (Vec::new(), Vec::new());
    for r in 0..eps.len() {
        let rec = eps.value(r, "REC");
        let ceased = !blank(rec)
            && !is(rec, "X1")
            && eps
                .date(r, "DEC")
                .is_some_and(|d| d >= ctx.start() && d <= ctx.end());
        if !ceased || one_of(eps.value(r, "LS"), &["V3", "V4"]) {
            continue;
        }
        let Some(rows) = header_rows.get_row(eps, r) else {
            continue;
        };
        let missing: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&h| header.value(h, "SEX") == female && blank(header.value(h, "MOTHER")))
            .collect();
        if !missing.is_empty() {
            bad_eps.push(r);
            bad_header.extend(missing);
        }
    }
    for (t, mut rows) in [(eps, bad_eps), (header, bad_header)] {
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            out.row(t, r);
        }
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "171",
        message: "Date of birth of mother's child is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                bad_date(t.value(r, "MC_DOB"))
            })
        },
    },
    Rule {
        code: "174",
        message: "Mother's child date of birth is recorded but sex shows that the child is a male.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: check_male_mother,
    },
    Rule {
        code: "174",
        message: "Mother's child date of birth is recorded but gender shows that the child is a male.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: check_male_mother,
    },
    Rule {
        code: "207",
        message: "Mother status for the current year disagrees with the mother status already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(header), Some(last), Some(episodes)) = (
                ctx.table(Table::Header),
                previous(ctx, Table::Header),
                ctx.table(Table::Episodes),
            ) else {
                return;
            };
            let last_rows = first_rows(last);
            let with_episodes = ctx.rows_by_child(episodes);
            for r in 0..header.len() {
                let child = header.value(r, "CHILD");
                if let Some(&l) = last_rows.get(child)
                    && with_episodes.contains_key(child)
                    && last.value(l, "MOTHER") == "1"
                    && header.value(r, "MOTHER") != "1"
                {
                    out.row(header, r);
                }
            }
        },
    },
    // 393 from 2024/25 first, so that tests (run as 2024/25) find it.
    Rule {
        code: "393",
        message: "Child is looked after but mother field is not completed.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| mother_missing(ctx, out, "F"),
    },
    Rule {
        code: "393",
        message: "Child is looked after but mother field is not completed.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| mother_missing(ctx, out, "2"),
    },
    Rule {
        code: "607",
        message: "Child ceased to be looked after in the year, but mother field has not been completed.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| mother_not_completed(ctx, out, "F"),
    },
    Rule {
        code: "607",
        message: "Child ceased to be looked after in the year, but mother field has not been completed.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| mother_not_completed(ctx, out, "2"),
    },
    Rule {
        code: "611",
        message: "Date of birth field is blank, but child is a mother.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                t.value(r, "MOTHER") == "1" && blank(t.value(r, "MC_DOB"))
            })
        },
    },
    Rule {
        code: "612",
        message: "Date of birth field has been completed but mother field indicates child is not a mother.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                one_of(t.value(r, "MOTHER"), &["0", ""])
                    && is(t.value(r, "SEX"), "F")
                    && !blank(t.value(r, "MC_DOB"))
            })
        },
    },
    Rule {
        code: "612",
        message: "Date of birth field has been completed but mother field indicates child is not a mother.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                one_of(t.value(r, "MOTHER"), &["0", ""])
                    && t.value(r, "SEX") == "2"
                    && !blank(t.value(r, "MC_DOB"))
            })
        },
    },
    Rule {
        code: "620",
        message: "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                t.value(r, "MOTHER") == "1"
                    && t.date(r, "DOB")
                        .is_some_and(|dob| plus_years(dob, 11) > ctx.start())
            })
        },
    },
    Rule {
        code: "621",
        message: "Mother’s field has been completed but date of birth shows that the mother is younger than her child.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                match (t.date(r, "MC_DOB"), t.date(r, "DOB")) {
                    (Some(child), Some(mother)) => child <= mother,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "624",
        message: "Date of birth of the first child contradicts the date of birth of the first child previously recorded.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::Header)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::Header, |t, r| {
                last_rows.get_row(t, r).is_some_and(|rows| {
                    rows.iter().any(|&p| {
                        let before = last.value(p, "MC_DOB");
                        !blank(before) && before != t.value(r, "MC_DOB")
                    })
                })
            })
        },
    },
    Rule {
        code: "625",
        message: "Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(header)) = (ctx.table(Table::Episodes), ctx.table(Table::Header))
            else {
                return;
            };
            // Each child's latest episode (by start) and, if it has ended,
            // when: a child still looked after has no end to compare with.
            // With no start date on any of a child's episodes (reported by
            // the rules on DECOM), the latest end stands for when the child
            // ceased to be looked after, if every episode has ended.
            let mut latest: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
            for (&child, rows) in ctx.in_start_order(eps) {
                let last = rows.iter().rev().find(|&&r| eps.date(r, "DECOM").is_some());
                let ended = match last {
                    Some(&r) => eps.date(r, "DEC").map(|dec| (dec, r)),
                    None => rows
                        .iter()
                        .map(|&r| eps.date(r, "DEC").map(|dec| (dec, r)))
                        .collect::<Option<Vec<_>>>()
                        .and_then(|ends| {
                            ends.into_iter()
                                .max_by_key(|&(dec, r)| (dec, std::cmp::Reverse(r)))
                        }),
                };
                if let Some(ended) = ended {
                    latest.insert(child, ended);
                }
            }
            let (mut bad_header, mut bad_eps) = (Vec::new(), Vec::new());
            for h in 0..header.len() {
                let Some(mc_dob) = header.date(h, "MC_DOB") else {
                    continue;
                };
                match latest.get(header.value(h, "CHILD")) {
                    Some(&(dec, e)) if mc_dob > ctx.end() || mc_dob > dec => {
                        bad_header.push(h);
                        bad_eps.push(e);
                    }
                    None if mc_dob > ctx.end() => bad_header.push(h),
                    _ => {}
                }
            }
            for (t, mut rows) in [(header, bad_header), (eps, bad_eps)] {
                rows.sort_unstable();
                rows.dedup();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "626",
        message: "Child was reported as a mother but the date of birth of the first child is before the current year which contradicts with the mother status recorded last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::Header)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::Header, |t, r| {
                t.value(r, "MOTHER") == "1"
                    && t.date(r, "MC_DOB").is_some_and(|d| d < ctx.start())
                    && last_rows
                        .get_row(t, r)
                        .is_some_and(|rows| rows.iter().any(|&p| last.value(p, "MOTHER") == "0"))
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;

    use crate::validate::testing::*;

    fn check_171_174_mothers_child() {
        let r = ret(&[&csv_table(
            HEADER,
            &[
                "C1,F,01/01/2006,WBRI,,1,01/01/2024",
                "C2,F,01/01/2006,WBRI,,1,31/02/2024",
                "C3,M,01/01/2006,WBRI,,,01/01/2024",
                "C4,M,01/01/2006,WBRI,,,",
            ],
        )]);
        assert_eq!(failing_rows("171", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("174", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_171_mothers_child() {
        check_171_174_mothers_child();
    }

    #[test]
    fn rule_174_mothers_child() {
        check_171_174_mothers_child();
    }

    #[test]
    fn rule_174_boys_were_coded_1_until_2023_24() {
        let r = ret(&[&csv_table(
            HEADER,
            &[
                "C1,1,01/01/2006,WBRI,,,01/01/2024",
                "C2,M,01/01/2006,WBRI,,,01/01/2024",
                "C3,2,01/01/2006,WBRI,,1,01/01/2024",
            ],
        )]);
        assert_eq!(rows_in(2023, "174", &r), vec![Some(0)]);
        assert_eq!(rows_in(2024, "174", &r), vec![Some(1)]);
    }

    #[test]
    fn rule_207_a_mother_last_year_stays_a_mother() {
        let last = ret(&[&header_csv(
            "C1,F,01/02/2008,WBRI,,1,\nC2,F,01/02/2008,WBRI,,1,\nC3,F,01/02/2008,WBRI,,1,\nC4,F,01/02/2008,WBRI,,0,\n",
        )]);
        let now = ret(&[
            &header_csv(
                "C1,F,01/02/2008,WBRI,,1,\nC2,F,01/02/2008,WBRI,,0,\nC3,F,01/02/2008,WBRI,,0,\nC4,F,01/02/2008,WBRI,,1,\n",
            ),
            &episodes_csv(
                "C1,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nC2,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nC4,01/05/2024,S,C2,N1,U1,PR1,,,,,,\n",
            ),
        ]);
        assert_eq!(failing_rows("207", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_393_mother_not_completed_for_a_girl_looked_after() {
        let r = ret(&[
            &short_header(&[
                "C1,F,01/06/2008,0",
                "C2,F,01/06/2008,",
                "C3,F,01/06/2008,",
                "C4,2,01/06/2008,",
            ]),
            &eps(&[
                short_ep("C1", "01/05/2024", "S", "C2", "U1", "", ""),
                short_ep("C2", "01/05/2024", "S", "C2", "U1", "", ""),
                short_ep("C3", "01/05/2024", "S", "V3", "U6", "03/05/2024", "E13"),
                short_ep("C4", "01/05/2024", "S", "C2", "U1", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("393", &r, None), vec![Some(1)]);
        // In 2023/24 female was coded 2.
        assert_eq!(failing_rows_in(2023, "393", &r, None), vec![Some(3)]);
    }

    /// The tables and rows `code` reports on `r` in 2024-25, in the order
    /// it reports them (for rules reporting rows of more than one table).
    fn tables_and_rows(code: &str, r: &crate::Return) -> Vec<(&'static str, Option<usize>)> {
        let ctx = crate::validate::Context::new(
            r,
            None,
            crate::CollectionYear::starting(2024),
            "E10000018",
        );
        crate::validate::validate(&ctx)
            .failures
            .into_iter()
            .filter(|f| f.rule == code)
            .map(|f| (f.table, f.row))
            .collect()
    }

    #[test]
    fn rule_625_a_child_still_looked_after_is_compared_with_the_year_end() {
        let header = table(
            HEADER,
            &[
                "C1,F,01/06/2008,WBRI,,1,01/08/2024".into(),
                "C2,F,01/06/2008,WBRI,,1,01/08/2024".into(),
            ],
        );
        let eps = table(
            EPISODES,
            &[
                full_ep("C1", "01/04/2024", "S", "C2", "U1", "01/06/2024", "X1"),
                full_ep("C1", "01/06/2024", "P", "C2", "U4", "", ""),
                full_ep("C2", "01/04/2024", "S", "C2", "U1", "01/06/2024", "E13"),
            ],
        );
        // C1 is still looked after; C2's child was born after C2 left care.
        let r = ret(&[&header, &eps]);
        assert_eq!(
            tables_and_rows("625", &r),
            [("Header", Some(1)), ("Episodes", Some(2))]
        );
    }

    #[test]
    fn rule_607_mother_completed_for_girls_leaving_care() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
            ],
        );
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,0,".into(),
                "B,F,01/01/2008,WBRI,,,".into(),
                "C,M,01/01/2008,WBRI,,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("607", &ret(&[&eps, &h]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_611_mothers_need_childs_date_of_birth() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,1,".into(),
            ],
        );
        assert_eq!(failing_rows("611", &ret(&[&h]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_612_childs_date_of_birth_only_for_mothers() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,0,01/01/2024".into(),
            ],
        );
        assert_eq!(failing_rows("612", &ret(&[&h]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_620_mothers_at_least_11() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2015,WBRI,,1,01/01/2024".into(),
            ],
        );
        assert_eq!(failing_rows("620", &ret(&[&h]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_621_mother_older_than_her_child() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,1,01/01/2007".into(),
            ],
        );
        assert_eq!(failing_rows("621", &ret(&[&h]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_624_childs_date_of_birth_matches_last_year() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,1,02/01/2024".into(),
            ],
        );
        let prev = ret(&[&table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,1,01/01/2024".into(),
            ],
        )]);
        assert_eq!(failing_rows("624", &ret(&[&h]), Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_625_with_no_start_dates_the_latest_end_is_when_care_ceased() {
        // The reference's own cases: episodes with no DECOM. C1's child was
        // born after the latest end (reported, with that episode); C2 has an
        // open episode (still looked after: compared with the year's end only).
        let eps = table(
            EPISODES,
            &[
                full_ep("C1", "", "S", "C2", "U1", "03/10/2018", "E8"),
                full_ep("C1", "", "S", "C2", "U1", "11/11/2019", "E8"),
                full_ep("C2", "", "S", "C2", "U1", "03/10/2018", "E8"),
                full_ep("C2", "", "S", "C2", "U1", "", ""),
            ],
        );
        let h = table(
            HEADER,
            &[
                "C1,F,01/01/2004,WBRI,,1,19/12/2020".into(),
                "C2,F,01/01/2004,WBRI,,1,19/12/2020".into(),
            ],
        );
        let r = ret(&[&eps, &h]);
        assert_eq!(
            tables_and_rows("625", &r),
            [("Header", Some(0)), ("Episodes", Some(1))]
        );
    }

    #[test]
    fn rule_625_childs_birth_not_after_year_or_leaving_care() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
            ],
        );
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/05/2024".into(),
                "B,F,01/01/2008,WBRI,,1,01/07/2024".into(),
            ],
        );
        assert_eq!(
            failing_rows("625", &ret(&[&eps, &h]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_626_not_a_mother_last_year_but_child_born_before_this_year() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/05/2024".into(),
                "B,F,01/01/2008,WBRI,,1,01/01/2024".into(),
            ],
        );
        let prev = ret(&[&table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,0,".into(),
                "B,F,01/01/2008,WBRI,,0,".into(),
            ],
        )]);
        assert_eq!(failing_rows("626", &ret(&[&h]), Some(&prev)), vec![Some(1)]);
    }
}
