//! Placement and freeing orders against the decisions to place a child for adoption.

use crate::Table;
use crate::hash::HashMap;
use crate::rules::codes::PLACED_FOR_ADOPTION;
use crate::rules::codes::SHORT_BREAKS;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::episodes_and_children::earliest_episode;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::years::Years;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Rules 554 and 556: the decision to place for adoption must be on or
/// before the first episode under the order's legal status (E1 placement
/// order, D1 freeing order). 554 also reports the PlacedAdoption rows.
fn decision_before_order(ctx: &Context<'_>, out: &mut Findings, ls: &str, report_pa: bool) {
    let (Some(eps), Some(pa)) = (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
    else {
        return;
    };
    let pa_rows = ctx.rows_by_child(pa);
    let first = earliest_episode(eps, |r| eps.value(r, "LS") == ls);
    let (mut bad_eps, mut bad_pa) = (Vec::new(), Vec::new());
    for (child, e) in first {
        let Some(decom) = eps.date(e, "DECOM") else {
            continue;
        };
        let late: Vec<usize> = pa_rows
            .get(child)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&p| pa.date(p, "DATE_PLACED").is_some_and(|d| d > decom))
            .collect();
        if !late.is_empty() {
            bad_eps.push(e);
            bad_pa.extend(late);
        }
    }
    if !report_pa {
        bad_pa.clear();
    }
    for (t, mut rows) in [(eps, bad_eps), (pa, bad_pa)] {
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            out.row(t, r);
        }
    }
}

/// Rule 557: children placed for adoption (or under the given orders) who
/// left care other than by adoption need the decision's end recorded.
fn left_care_not_adopted(ctx: &Context<'_>, out: &mut Findings, orders: &[&str]) {
    let (Some(eps), Some(pa)) = (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
    else {
        return;
    };
    let pa_rows = ctx.rows_by_child(pa);
    let (mut bad_eps, mut bad_pa) = (Vec::new(), Vec::new());
    for r in 0..eps.len() {
        let placed = one_of(eps.value(r, "PLACE"), PLACED_FOR_ADOPTION)
            || one_of(eps.value(r, "LS"), orders);
        let rec = eps.value(r, "REC");
        if !placed || blank(rec) || one_of(rec, &["E11", "E12", "X1"]) {
            continue;
        }
        match pa_rows.get_row(eps, r) {
            None => bad_eps.push(r),
            Some(rows) => {
                let incomplete: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&p| {
                        blank(pa.value(p, "DATE_PLACED_CEASED"))
                            || blank(pa.value(p, "REASON_PLACED_CEASED"))
                    })
                    .collect();
                if !incomplete.is_empty() {
                    bad_eps.push(r);
                    bad_pa.extend(incomplete);
                }
            }
        }
    }
    for (t, mut rows) in [(eps, bad_eps), (pa, bad_pa)] {
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            out.row(t, r);
        }
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "118",
        message: "Date of decision that a child should no longer be placed for adoption is before the current collection year or before the date the child started to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let start = ctx.start();
            // Each child's earliest episode that is not a short break.
            let mut earliest: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
            for r in 0..eps.len() {
                if one_of(eps.value(r, "LS"), SHORT_BREAKS) {
                    continue;
                }
                let Some(decom) = eps.date(r, "DECOM") else {
                    continue;
                };
                let e = earliest.entry(eps.value(r, "CHILD")).or_insert((decom, r));
                if decom < e.0 {
                    *e = (decom, r);
                }
            }
            let mut episodes = BTreeSet::new();
            for r in 0..pa.len() {
                let Some(&(began, er)) = earliest.get(pa.value(r, "CHILD")) else {
                    continue;
                };
                if pa
                    .date(r, "DATE_PLACED_CEASED")
                    .is_some_and(|d| d < began || d < start)
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
        code: "553",
        message: "Placement order has been granted but there is no date of decision that the child should be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let pa_rows = ctx.rows_by_child(pa);
            let mut bad_pa = Vec::new();
            for r in 0..eps.len() {
                if !is(eps.value(r, "LS"), "E1") {
                    continue;
                }
                match pa_rows.get_row(eps, r) {
                    None => out.row(eps, r),
                    Some(rows) if blank(eps.value(r, "DEC")) => {
                        bad_pa.extend(rows.iter().copied().filter(|&p| {
                            !blank(pa.value(p, "DATE_PLACED_CEASED"))
                                || !blank(pa.value(p, "REASON_PLACED_CEASED"))
                        }))
                    }
                    Some(_) => {}
                }
            }
            bad_pa.sort_unstable();
            bad_pa.dedup();
            for p in bad_pa {
                out.row(pa, p);
            }
        },
    },
    Rule {
        code: "554",
        message: "Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted. [NOTE: This rule may result in false positives or false negatives if relevant episodes are in previous years; please check carefully!]",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| decision_before_order(ctx, out, "E1", true),
    },
    Rule {
        code: "555",
        message: "Freeing order has been granted but there is no date of decision that the child should be placed for adoption.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let pa_rows = ctx.rows_by_child(pa);
            let mut bad_pa = Vec::new();
            for r in 0..eps.len() {
                if !is(eps.value(r, "LS"), "D1") {
                    continue;
                }
                match pa_rows.get_row(eps, r) {
                    None => out.row(eps, r),
                    Some(rows) if blank(eps.value(r, "DEC")) => {
                        bad_pa.extend(rows.iter().copied().filter(|&p| {
                            !blank(pa.value(p, "DATE_PLACED_CEASED"))
                                || !blank(pa.value(p, "REASON_PLACED_CEASED"))
                        }))
                    }
                    Some(_) => {}
                }
            }
            bad_pa.sort_unstable();
            bad_pa.dedup();
            for p in bad_pa {
                out.row(pa, p);
            }
        },
    },
    Rule {
        code: "556",
        message: "Date of decision that the child should be placed for adoption should be on or prior to the date that the freeing order was granted.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| decision_before_order(ctx, out, "D1", false),
    },
    Rule {
        code: "557",
        message: "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| left_care_not_adopted(ctx, out, &["E1"]),
    },
    Rule {
        code: "557",
        message: "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| left_care_not_adopted(ctx, out, &["D1", "E1"]),
    },
    Rule {
        code: "1003",
        message: "Date of LA's decision that a child should be placed for adoption is before the child started to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let first = earliest_episode(eps, |r| is(eps.value(r, "RNE"), "S"));
            let mut bad_eps = Vec::new();
            for r in 0..pa.len() {
                let Some(&e) = first.get(pa.value(r, "CHILD")) else {
                    continue;
                };
                let (Some(placed), Some(decom)) = (pa.date(r, "DATE_PLACED"), eps.date(e, "DECOM"))
                else {
                    continue;
                };
                if placed < decom {
                    out.row(pa, r);
                    bad_eps.push(e);
                }
            }
            bad_eps.sort_unstable();
            bad_eps.dedup();
            for e in bad_eps {
                out.row(eps, e);
            }
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    #[test]
    fn rule_118_placement_reversal_not_before_the_year_or_care_began() {
        let eps = episodes(&[
            ep("C1", "01/01/2023", "S", "C2", "", ""),
            ep("C2", "01/06/2024", "S", "C2", "", ""),
            ep("C3", "01/01/2023", "S", "C2", "", ""),
            ep("C4", "01/01/2023", "S", "V3", "", ""),
            ep("C4", "01/07/2024", "S", "C2", "", ""),
        ]);
        let pa = csv_table(
            PLACED,
            &[
                "C1,01/01/2020,01/01/2023,01/05/2024,RD1",
                "C2,01/01/2020,01/06/2024,01/05/2024,RD1",
                "C3,01/01/2020,01/01/2023,01/03/2024,RD1",
                "C4,01/01/2020,01/01/2023,01/06/2024,RD1",
            ],
        );
        let r = ret(&[&eps, &pa]);
        assert_eq!(
            failing_rows("118", &r, None),
            vec![Some(1), Some(2), Some(3), Some(1), Some(2), Some(4)]
        );
    }

    #[test]
    fn rule_553_placement_order_needs_decision() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "E1", "U1", "", ""),
                full_ep("C", "01/05/2024", "S", "E1", "U1", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "C,01/01/2015,01/04/2024,01/05/2024,RD1".into(),
            ],
        );
        assert_eq!(
            failing_rows("553", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_554_decision_not_after_placement_order() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "E1", "U1", "", ""),
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
            failing_rows("554", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_555_freeing_order_needs_decision() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "D1", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "D1", "U1", "", ""),
            ],
        );
        let pa = table(PLACED, &["A,01/01/2015,01/04/2024,,".into()]);
        assert_eq!(failing_rows("555", &ret(&[&eps, &pa]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_556_decision_not_after_freeing_order() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "D1", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "D1", "U1", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "B,01/01/2015,01/06/2024,,".into(),
            ],
        );
        assert_eq!(failing_rows("556", &ret(&[&eps, &pa]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_557_leaving_care_unadopted_ends_the_decision() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E13"),
                full_ep("B", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E13"),
                full_ep("C", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,01/06/2024,RD1".into(),
                "B,01/01/2015,01/04/2024,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("557", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_1003_placed_for_adoption_decision_not_before_care() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2020,01/04/2024,,".into(),
                "B,01/01/2020,01/06/2024,,".into(),
            ],
        );
        let r = ret(&[&eps, &pa]);
        assert_eq!(failing_rows("1003", &r, None), vec![Some(0), Some(0)]);
    }

    #[test]
    fn rule_1003_does_not_read_1_1_20_as_the_year_20() {
        // A decision in the year 20 would be before care began.
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "", ""),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2020,1/1/20,,".into(),
                "B,01/01/2020,01/04/2024,,".into(),
            ],
        );
        let r = ret(&[&eps, &pa]);
        assert_eq!(failing_rows("1003", &r, None), vec![Some(1), Some(1)]);
    }
}
