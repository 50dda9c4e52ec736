//! Decisions that a child should be placed for adoption, and that it should no longer be (the PlacedAdoption table).

use crate::Table;
use crate::TableData;
use crate::hash::HashMap;
use crate::hash::HashSet;
use crate::rules::ages::bad_date;
use crate::rules::codes::PLACED_FOR_ADOPTION;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::episodes_and_children::earliest_episode;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::date;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;
use std::collections::BTreeSet;

const REASON_PLACED_CEASED: &[&str] = &["RD1", "RD2", "RD3", "RD4"];

/// Checks every pair of rows of two tables for the same child, reporting
/// the rows of each table in any failing pair (each row once, in order).
fn pairs_by_child<'a>(
    ctx: &Context<'a>,
    out: &mut Findings,
    a: &TableData,
    b: &'a TableData,
    fails: impl Fn(usize, usize) -> bool,
) {
    let b_rows = ctx.rows_by_child(b);
    let (mut bad_a, mut bad_b) = (Vec::new(), Vec::new());
    for ra in 0..a.len() {
        for &rb in b_rows.get_row(a, ra).into_iter().flatten() {
            if fails(ra, rb) {
                bad_a.push(ra);
                bad_b.push(rb);
            }
        }
    }
    for (t, mut rows) in [(a, bad_a), (b, bad_b)] {
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            out.row(t, r);
        }
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "115",
        message: "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                bad_date(t.value(r, "DATE_PLACED"))
            })
        },
    },
    Rule {
        code: "116",
        message: "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                bad_date(t.value(r, "DATE_PLACED_CEASED"))
            })
        },
    },
    Rule {
        code: "117",
        message: "Date of decision that a child should/should no longer be placed for adoption is beyond the current collection year or after the child ceased to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let end = ctx.end();
            // Each child's latest episode that does not carry on into another.
            let mut latest: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
            for r in 0..eps.len() {
                if is(eps.value(r, "REC"), "X1") {
                    continue;
                }
                let Some(decom) = eps.date(r, "DECOM") else {
                    continue;
                };
                let e = latest.entry(eps.value(r, "CHILD")).or_insert((decom, r));
                if decom > e.0 {
                    *e = (decom, r);
                }
            }
            let mut episodes = BTreeSet::new();
            for r in 0..pa.len() {
                let Some(&(_, er)) = latest.get(pa.value(r, "CHILD")) else {
                    continue;
                };
                let ceased = eps.date(er, "DEC");
                let too_late =
                    |v: &str| date(v).is_some_and(|d| d > end || ceased.is_some_and(|c| d > c));
                if too_late(pa.value(r, "DATE_PLACED"))
                    || too_late(pa.value(r, "DATE_PLACED_CEASED"))
                {
                    out.row(pa, r);
                    episodes.insert(er);
                }
            }
            for er in episodes {
                out.row(eps, er);
            }
        },
    },
    Rule {
        code: "119",
        message: "If the decision is made that a child should no longer be placed for adoption, then the date of this decision and the reason why this decision was made must be completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                blank(t.value(r, "DATE_PLACED_CEASED")) != blank(t.value(r, "REASON_PLACED_CEASED"))
            })
        },
    },
    Rule {
        code: "120",
        message: "The reason for the reversal of the decision that the child should be placed for adoption code is not valid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                let v = t.value(r, "REASON_PLACED_CEASED");
                !blank(v) && !one_of(v, REASON_PLACED_CEASED)
            })
        },
    },
    Rule {
        code: "184",
        message: "Date of decision that a child should be placed for adoption is before the child was born.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(header) = ctx.table(Table::Header) else {
                return;
            };
            let births: HashMap<&str, NaiveDate> = (0..header.len())
                .filter_map(|r| header.date(r, "DOB").map(|d| (header.value(r, "CHILD"), d)))
                .collect();
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                let placed = t.date(r, "DATE_PLACED");
                let born = births.get(t.value(r, "CHILD"));
                placed.zip(born).is_some_and(|(p, b)| p < *b)
            })
        },
    },
    Rule {
        code: "522",
        message: "Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                match (t.date(r, "DATE_PLACED_CEASED"), t.date(r, "DATE_PLACED")) {
                    (Some(ceased), Some(placed)) => ceased < placed,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "523",
        message: "Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(pa), Some(ad1)) = (ctx.table(Table::PlacedAdoption), ctx.table(Table::Ad1))
            else {
                return;
            };
            pairs_by_child(ctx, out, pa, ad1, |p, a| {
                match (pa.date(p, "DATE_PLACED"), ad1.date(a, "DATE_INT")) {
                    (Some(placed), Some(int)) => placed != int,
                    _ => false,
                }
            });
        },
    },
    Rule {
        code: "525",
        message: "A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(pa), Some(ad1)) = (ctx.table(Table::PlacedAdoption), ctx.table(Table::Ad1))
            else {
                return;
            };
            pairs_by_child(ctx, out, pa, ad1, |p, a| {
                !blank(pa.value(p, "DATE_PLACED_CEASED"))
                    && [
                        "DATE_INT",
                        "DATE_MATCH",
                        "FOSTER_CARE",
                        "NB_ADOPTR",
                        "SEX_ADOPTR",
                        "LS_ADOPTR",
                    ]
                    .iter()
                    .any(|c| !blank(ad1.value(a, c)))
            });
        },
    },
    Rule {
        code: "551",
        message: "Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let pa_rows = ctx.rows_by_child(pa);
            for r in 0..eps.len() {
                if !one_of(eps.value(r, "PLACE"), PLACED_FOR_ADOPTION) {
                    continue;
                }
                let decided = pa_rows
                    .get_row(eps, r)
                    .is_some_and(|rows| rows.iter().all(|&p| !blank(pa.value(p, "DATE_PLACED"))));
                if !decided {
                    out.row(eps, r);
                }
            }
        },
    },
    Rule {
        code: "552",
        message: "Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            // The latest decision against the first placement for adoption.
            let mut last_decision: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
            for p in 0..pa.len() {
                if let Some(d) = pa.date(p, "DATE_PLACED") {
                    let e = last_decision.entry(pa.value(p, "CHILD")).or_insert((d, p));
                    if d > e.0 {
                        *e = (d, p);
                    }
                }
            }
            let first =
                earliest_episode(eps, |r| one_of(eps.value(r, "PLACE"), PLACED_FOR_ADOPTION));
            let (mut bad_pa, mut bad_eps) = (Vec::new(), Vec::new());
            for (child, e) in first {
                let Some(&(decided, p)) = last_decision.get(child) else {
                    continue;
                };
                if eps.date(e, "DECOM").is_some_and(|d| d < decided) {
                    bad_pa.push(p);
                    bad_eps.push(e);
                }
            }
            for (t, mut rows) in [(pa, bad_pa), (eps, bad_eps)] {
                rows.sort_unstable();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "558",
        message: "If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            // The child's latest decision to place for adoption.
            let mut latest: HashMap<&str, (Option<NaiveDate>, usize)> = HashMap::default();
            for p in 0..pa.len() {
                let d = pa.date(p, "DATE_PLACED");
                let e = latest.entry(pa.value(p, "CHILD")).or_insert((d, p));
                if d >= e.0 {
                    *e = (d, p);
                }
            }
            for r in 0..eps.len() {
                if !one_of(eps.value(r, "REC"), &["E11", "E12"]) {
                    continue;
                }
                if latest
                    .get(eps.value(r, "CHILD"))
                    .is_some_and(|&(_, p)| !blank(pa.value(p, "DATE_PLACED_CEASED")))
                {
                    out.row(eps, r);
                }
            }
        },
    },
    Rule {
        code: "559",
        message: "Date of decision that a child should be placed for adoption was not in the current year but the date of the decision that the child should be placed for adoption was not completed in a previous return.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::PlacedAdoption)) else {
                return;
            };
            let decided_last: HashSet<&str> = (0..last.len())
                .filter(|&p| last.date(p, "DATE_PLACED").is_some())
                .map(|p| last.value(p, "CHILD"))
                .collect();
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                t.date(r, "DATE_PLACED").is_some_and(|d| d < ctx.start())
                    && !decided_last.contains(t.value(r, "CHILD"))
            })
        },
    },
    Rule {
        code: "560",
        message: "Date of decision that the child should be placed for adoption this year is different from that recorded last year but the decision to place the child for adoption did not change.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::PlacedAdoption)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                last_rows.get_row(t, r).is_some_and(|rows| {
                    rows.iter().any(|&p| {
                        !blank(last.value(p, "DATE_PLACED"))
                            && blank(last.value(p, "DATE_PLACED_CEASED"))
                            && last.value(p, "DATE_PLACED") != t.value(r, "DATE_PLACED")
                    })
                })
            })
        },
    },
    Rule {
        code: "561",
        message: "Date of the decision that the child should be placed for adoption this year is the same as that recorded last year but records show that the decision changed, and the child should no longer be placed for adoption last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::PlacedAdoption)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                last_rows.get_row(t, r).is_some_and(|rows| {
                    rows.iter().any(|&p| {
                        last.value(p, "DATE_PLACED") == t.value(r, "DATE_PLACED")
                            && !blank(t.value(r, "DATE_PLACED"))
                            && (!blank(last.value(p, "DATE_PLACED_CEASED"))
                                || !blank(last.value(p, "REASON_PLACED_CEASED")))
                    })
                })
            })
        },
    },
    Rule {
        code: "563",
        message: "The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                !blank(t.value(r, "REASON_PLACED_CEASED"))
                    && !blank(t.value(r, "DATE_PLACED_CEASED"))
                    && blank(t.value(r, "DATE_PLACED"))
            })
        },
    },
    Rule {
        code: "579",
        message: "A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(pa) = ctx.table(Table::PlacedAdoption) else {
                return;
            };
            let mut bad = Vec::new();
            for rows in ctx.rows_by_child(pa).values() {
                let mut rows = rows.to_vec();
                rows.sort_by_key(|&r| {
                    let d = pa.date(r, "DATE_PLACED");
                    (d.is_none(), d, r)
                });
                for w in rows.windows(2) {
                    let prev_ceased = pa.date(w[0], "DATE_PLACED_CEASED");
                    let overlaps = match (pa.date(w[1], "DATE_PLACED"), prev_ceased) {
                        (Some(d), Some(c)) => d < c,
                        _ => false,
                    };
                    if prev_ceased.is_none() || overlaps {
                        bad.push(w[1]);
                    }
                }
            }
            bad.sort_unstable();
            for r in bad {
                out.row(pa, r);
            }
        },
    },
    Rule {
        code: "583",
        message: "More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(pa) = ctx.table(Table::PlacedAdoption) else {
                return;
            };
            let mut bad = Vec::new();
            for rows in ctx.rows_by_child(pa).values() {
                // Only the latest decision may still be open: every
                // other one needs the date it was revoked.
                let latest = rows
                    .iter()
                    .copied()
                    .max_by_key(|&r| (pa.date(r, "DATE_PLACED"), std::cmp::Reverse(r)));
                bad.extend(
                    rows.iter()
                        .copied()
                        .filter(|&r| Some(r) != latest && blank(pa.value(r, "DATE_PLACED_CEASED"))),
                );
            }
            bad.sort_unstable();
            for r in bad {
                out.row(pa, r);
            }
        },
    },
    Rule {
        code: "584",
        message: "Date of decision that the child should be placed for adoption this year is different from that recorded last year, but the decision to placed the child for adoption changed and the child should no longer be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::PlacedAdoption)) else {
                return;
            };
            let mut ceased_last: HashMap<&str, Vec<Option<NaiveDate>>> = HashMap::default();
            for p in 0..last.len() {
                if !blank(last.value(p, "DATE_PLACED_CEASED"))
                    || !blank(last.value(p, "REASON_PLACED_CEASED"))
                {
                    ceased_last
                        .entry(last.value(p, "CHILD"))
                        .or_default()
                        .push(last.date(p, "DATE_PLACED"));
                }
            }
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                let Some(before) = ceased_last.get(t.value(r, "CHILD")) else {
                    return false;
                };
                match t.date(r, "DATE_PLACED") {
                    None => true,
                    Some(now) => before.iter().flatten().any(|&b| now <= b),
                }
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    fn check_115_116_placed_for_adoption_dates_must_be_valid_when_given() {
        let r = ret(&[&csv_table(
            PLACED,
            &[
                "C1,01/01/2020,01/05/2024,,",
                "C2,01/01/2020,1/5/24,30/02/2024,RD1",
                "C3,01/01/2020,,,",
            ],
        )]);
        assert_eq!(failing_rows("115", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("116", &r, None), vec![Some(1)]);
    }

    fn check_119_120_reason_placement_reversed() {
        let r = ret(&[&csv_table(
            PLACED,
            &[
                "C1,01/01/2020,01/01/2023,01/05/2024,RD1",
                "C2,01/01/2020,01/01/2023,01/05/2024,",
                "C3,01/01/2020,01/01/2023,,RD5",
            ],
        )]);
        assert_eq!(failing_rows("119", &r, None), vec![Some(1), Some(2)]);
        assert_eq!(failing_rows("120", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_115_placed_for_adoption_dates_must_be_valid_when_given() {
        check_115_116_placed_for_adoption_dates_must_be_valid_when_given();
    }

    #[test]
    fn rule_116_placed_for_adoption_dates_must_be_valid_when_given() {
        check_115_116_placed_for_adoption_dates_must_be_valid_when_given();
    }

    #[test]
    fn rule_117_placed_for_adoption_dates_not_after_the_year_or_care_ended() {
        let eps = episodes(&[
            ep("C1", "01/01/2023", "S", "C2", "01/06/2024", "E11"),
            ep("C2", "01/01/2023", "S", "C2", "", ""),
            ep("C3", "01/01/2023", "S", "C2", "01/06/2024", "E11"),
        ]);
        let pa = csv_table(
            PLACED,
            &[
                "C1,01/01/2020,01/05/2024,,",
                "C2,01/01/2020,01/05/2025,,",
                "C3,01/01/2020,01/05/2024,02/06/2024,RD1",
            ],
        );
        let r = ret(&[&eps, &pa]);
        // The placed-for-adoption rows, then the episodes.
        assert_eq!(
            failing_rows("117", &r, None),
            vec![Some(1), Some(2), Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_119_reason_placement_reversed() {
        check_119_120_reason_placement_reversed();
    }

    #[test]
    fn rule_120_reason_placement_reversed() {
        check_119_120_reason_placement_reversed();
    }

    #[test]
    fn rule_120_reason_placement_reversed_must_be_valid() {
        let r = ret(&[&csv_table(
            PLACED,
            &[
                "C1,01/01/2020,,,RD4",
                "C2,01/01/2020,,,RD9",
                "C4,01/01/2020,,,rd1",
                "C3,01/01/2020,,,",
            ],
        )]);
        assert_eq!(failing_rows("120", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_184_placed_for_adoption_not_before_birth() {
        let header = csv_table(
            HEADER,
            &["C1,M,01/01/2020,WBRI,,,", "C2,M,01/01/2020,WBRI,,,"],
        );
        let pa = csv_table(
            PLACED,
            &[
                "C1,01/01/2020,01/01/2020,,",
                "C2,01/01/2020,31/12/2019,,",
                "C3,01/01/2020,31/12/2019,,",
            ],
        );
        let r = ret(&[&header, &pa]);
        assert_eq!(failing_rows("184", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_583_the_latest_decision_may_stay_open() {
        let pa = table(
            PLACED,
            &[
                "C1,01/01/2015,30/03/2023,,".into(),
                "C1,01/01/2015,31/12/2023,,".into(),
            ],
        );
        assert_eq!(failing_rows("583", &ret(&[&pa]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_522_placed_for_adoption_decision_not_after_it_ceased() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,01/05/2024,RD1".into(),
                "B,01/01/2015,01/04/2024,01/03/2024,RD1".into(),
            ],
        );
        assert_eq!(failing_rows("522", &ret(&[&pa]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_523_placed_for_adoption_date_matches_best_interest_date() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "B,01/01/2015,01/04/2024,,".into(),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/04/2024,,,,,".into(),
                "B,01/01/2015,02/04/2024,,,,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("523", &ret(&[&pa, &ad1]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_525_no_adoption_after_placement_decision_reversed() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,01/05/2024,RD1".into(),
                "B,01/01/2015,01/04/2024,01/05/2024,RD1".into(),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,,,,,,".into(),
                "B,01/01/2015,01/04/2024,,,,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("525", &ret(&[&pa, &ad1]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_551_placed_for_adoption_needs_decision_date() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "A3", "", ""),
                full_ep("B", "01/05/2024", "S", "E1", "A4", "", ""),
                full_ep("C", "01/05/2024", "S", "E1", "A5", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &["A,01/01/2015,01/04/2024,,".into(), "B,01/01/2015,,,".into()],
        );
        assert_eq!(
            failing_rows("551", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_552_decision_not_after_placement_for_adoption() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "A3", "", ""),
                full_ep("B", "01/05/2024", "S", "E1", "A4", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "B,01/01/2015,01/06/2024,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("552", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_558_adopted_children_have_no_ceased_decision() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
                full_ep("B", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E12"),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "B,01/01/2015,01/04/2024,01/06/2024,RD1".into(),
            ],
        );
        assert_eq!(failing_rows("558", &ret(&[&eps, &pa]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_559_earlier_decisions_were_in_last_years_return() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,01/01/2024,,".into(),
                "C,01/01/2015,01/05/2024,,".into(),
            ],
        );
        let prev = ret(&[&table(PLACED, &["A,01/01/2015,01/01/2024,,".into()])]);
        assert_eq!(
            failing_rows("559", &ret(&[&pa]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_559_does_not_read_1_1_20_as_the_year_20() {
        // A decision in the year 20 would be before this year and not in last year's return.
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,1/1/20,,".into(),
                "B,01/01/2015,01/01/2024,,".into(),
            ],
        );
        let prev = ret(&[&table(PLACED, &["C,01/01/2015,01/01/2024,,".into()])]);
        assert_eq!(
            failing_rows("559", &ret(&[&pa]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_560_decision_date_unchanged_from_last_year() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,02/01/2024,,".into(),
            ],
        );
        let prev = ret(&[&table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,01/01/2024,,".into(),
            ],
        )]);
        assert_eq!(
            failing_rows("560", &ret(&[&pa]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_561_same_decision_date_after_it_ceased_last_year() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,01/01/2024,,".into(),
            ],
        );
        let prev = ret(&[&table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,01/01/2024,01/03/2024,RD1".into(),
            ],
        )]);
        assert_eq!(
            failing_rows("561", &ret(&[&pa]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_563_ceased_decision_needs_decision_date() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,01/03/2024,RD1".into(),
                "B,01/01/2015,,01/03/2024,RD1".into(),
            ],
        );
        assert_eq!(failing_rows("563", &ret(&[&pa]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_579_decisions_to_place_for_adoption_do_not_overlap() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,01/02/2024,RD1".into(),
                "A,01/01/2015,01/03/2024,,".into(),
                "B,01/01/2015,01/01/2024,01/04/2024,RD1".into(),
                "B,01/01/2015,01/03/2024,,".into(),
            ],
        );
        assert_eq!(failing_rows("579", &ret(&[&pa]), None), vec![Some(3)]);
    }

    #[test]
    fn rule_583_earlier_decisions_to_place_for_adoption_revoked() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2023,01/02/2023,RD1".into(),
                "A,01/01/2015,01/03/2024,,".into(),
                "B,01/01/2015,01/01/2023,,".into(),
                "B,01/01/2015,01/03/2024,01/04/2024,RD1".into(),
            ],
        );
        assert_eq!(failing_rows("583", &ret(&[&pa]), None), vec![Some(2)]);
    }

    #[test]
    fn rule_584_new_decision_after_last_years_ceased_one() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/05/2024,,".into(),
                "B,01/01/2015,01/01/2023,,".into(),
            ],
        );
        let prev = ret(&[&table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2023,01/02/2023,RD1".into(),
                "B,01/01/2015,01/01/2023,01/02/2023,RD1".into(),
            ],
        )]);
        assert_eq!(
            failing_rows("584", &ret(&[&pa]), Some(&prev)),
            vec![Some(1)]
        );
    }
}
