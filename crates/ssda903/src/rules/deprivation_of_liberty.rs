//! The rules on deprivation of liberty orders (the DoLo table, new in
//! 2026-27: 700 to 710): valid dates in order, within the year, one order
//! at a time, carried on from last year's return, within a period of care,
//! and in a placement where a child may be deprived of liberty.

use crate::rules::codes::one_of;
use std::collections::BTreeSet;

use super::episodes_and_children::periods_of_care;
use crate::validate::{Context, Findings, Needs, Rule, blank, each_row};
use crate::years::Years;
use crate::{Table, TableData};

/// The placements a child under a DoLO is expected in (709): a children's
/// home, and the two placement codes for other settings.
const EXPECTED_PLACEMENTS: &[&str] = &["K2", "Z12", "Z13"];

/// The placements a child under a DoLO may not be in (710): a secure
/// children's home, with parents, a young offender institution, supported
/// accommodation.
const BARRED_PLACEMENTS: &[&str] = &["K1", "P1", "R5", "K3"];

/// 709 and 710: the DoLOs with both dates given and the episodes of the
/// same child they overlap whose placement `fails`; reports both.
fn placed_during_order(ctx: &Context<'_>, out: &mut Findings, fails: impl Fn(&str) -> bool) {
    let (Some(dolo), Some(eps)) = (ctx.table(Table::DoLo), ctx.table(Table::Episodes)) else {
        return;
    };
    let episodes = ctx.rows_by_child(eps);
    let (mut orders, mut placements) = (BTreeSet::new(), BTreeSet::new());
    for d in 0..dolo.len() {
        if blank(dolo.value(d, "DOLO_START")) || blank(dolo.value(d, "DOLO_END")) {
            continue;
        }
        let (Some(start), Some(end)) = (dolo.date(d, "DOLO_START"), dolo.date(d, "DOLO_END"))
        else {
            continue;
        };
        for &e in episodes.get_row(dolo, d).into_iter().flatten() {
            let overlaps = eps.date(e, "DEC").is_none_or(|dec| start <= dec)
                && eps.date(e, "DECOM").is_some_and(|decom| end >= decom);
            if overlaps && fails(eps.value(e, "PLACE")) {
                orders.insert(d);
                placements.insert(e);
            }
        }
    }
    for d in orders {
        out.row(dolo, d);
    }
    for e in placements {
        out.row(eps, e);
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "700",
        message: "The start date of the DoLO is not a valid date.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::DoLo, |t, r| {
                t.date(r, "DOLO_START").is_none()
            })
        },
    },
    Rule {
        code: "701",
        message: "The end date of the DoLO is not a valid date.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::DoLo, |t, r| {
                !blank(t.value(r, "DOLO_END")) && t.date(r, "DOLO_END").is_none()
            })
        },
    },
    Rule {
        code: "702",
        message: "The date that the DoLO ended is before the date that it started.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| {
            // As the reference reads it: an order ending the day it started
            // fails too.
            each_row(ctx, out, Table::DoLo, |t, r| {
                matches!(
                    (t.date(r, "DOLO_START"), t.date(r, "DOLO_END")),
                    (Some(start), Some(end)) if end <= start
                )
            })
        },
    },
    Rule {
        code: "703",
        message: "The date that the DoLO started is after the end of the collection year.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            each_row(ctx, out, Table::DoLo, |t, r| {
                t.date(r, "DOLO_START").is_some_and(|d| d > end)
            })
        },
    },
    Rule {
        code: "704",
        message: "The date that the DoLO ended is before the start or after the end of the collection year.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (start, end) = (ctx.start(), ctx.end());
            each_row(ctx, out, Table::DoLo, |t, r| {
                t.date(r, "DOLO_END").is_some_and(|d| d < start || d > end)
            })
        },
    },
    Rule {
        code: "705",
        message: "A DoLO cannot start when the previous DoLO is still open.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(dolo) = ctx.table(Table::DoLo) else {
                return;
            };
            // Each child's orders by end (an open one by its start), then
            // start; an order fails when the one before it is open or ends
            // after it starts.
            let mut failing = BTreeSet::new();
            for rows in ctx.rows_by_child(dolo).values() {
                let mut rows = rows.to_vec();
                let start = |r: usize| dolo.date(r, "DOLO_START");
                let end = |r: usize| dolo.date(r, "DOLO_END");
                rows.sort_by_key(|&r| {
                    let key = end(r).or(start(r));
                    (key.is_none(), key, start(r).is_none(), start(r))
                });
                for pair in rows.windows(2) {
                    let (before, after) = (pair[0], pair[1]);
                    let overlaps = match (start(after), end(before)) {
                        (Some(s), Some(e)) => s < e,
                        _ => false,
                    };
                    if end(before).is_none() || overlaps {
                        failing.insert(after);
                    }
                }
            }
            for r in failing {
                out.row(dolo, r);
            }
        },
    },
    Rule {
        code: "706",
        message: "There is an open DoLO in last year’s return and there is no corresponding DoLO recorded at the start of this year..",
        years: Years::since(2026),
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(dolo), Some(last)) = (
                ctx.table(Table::DoLo),
                ctx.previous.and_then(|p| p.table(Table::DoLo)),
            ) else {
                return;
            };
            // Last year's open order is the row reported: this year's
            // return has no row to point at.
            let this_year = ctx.rows_by_child(dolo);
            each_row_of(out, last, |r| {
                blank(last.value(r, "DOLO_END"))
                    && !this_year.get_row(last, r).is_some_and(|rows| {
                        rows.iter()
                            .any(|&t| dolo.value(t, "DOLO_START") == last.value(r, "DOLO_START"))
                    })
            });
        },
    },
    Rule {
        code: "707",
        message: "Child ceased to be looked after but there is a DoLO without an end date.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(dolo), Some(eps)) = (ctx.table(Table::DoLo), ctx.table(Table::Episodes))
            else {
                return;
            };
            let periods = periods_of_care(ctx, eps);
            // An order (with a valid start) fails when it fits none of the
            // child's periods of care: open after the period ended or from
            // before it began, or ending outside it.
            each_row_of(out, dolo, |r| {
                let Some(start) = dolo.date(r, "DOLO_START") else {
                    return false;
                };
                let end = dolo.date(r, "DOLO_END");
                let Some(periods) = periods.get(dolo.value(r, "CHILD")) else {
                    return false;
                };
                periods.iter().all(|&(from, to)| match end {
                    None => to.is_some() || start < from,
                    Some(end) => to.is_some_and(|to| end > to) || end < from,
                })
            });
        },
    },
    Rule {
        code: "708",
        message: "Dates of DoLOs are before child’s date of birth.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::DoLo, |t, r| {
                matches!(
                    (t.date(r, "DOLO_START"), t.date(r, "DOB")),
                    (Some(start), Some(dob)) if start <= dob
                )
            })
        },
    },
    Rule {
        code: "709",
        message: "Child with a DoLO is in an unexpected placement type.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| {
            placed_during_order(ctx, out, |place| !one_of(place, EXPECTED_PLACEMENTS))
        },
    },
    Rule {
        code: "710",
        message: "Child with a DoLO can not be placed in secure children's homes, with parents, young offender institutions, or supported accommodation.",
        years: Years::since(2026),
        needs: Needs::Nothing,
        check: |ctx, out| placed_during_order(ctx, out, |place| one_of(place, BARRED_PLACEMENTS)),
    },
];

/// Reports each row of a table (of either year) that `fails`.
fn each_row_of(out: &mut Findings, data: &TableData, fails: impl Fn(usize) -> bool) {
    for r in 0..data.len() {
        if fails(r) {
            out.row(data, r);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_rows::*;
    use crate::validate::testing::*;
    use crate::validate::{Context, validate};
    use crate::{CollectionYear, Return};

    const DOLO: &str = "CHILD,DOB,DOLO_START,DOLO_END";

    fn dolo(rows: &str) -> String {
        format!("{DOLO}\n{rows}")
    }

    /// The (table, row) pairs a rule reports in 2026-27.
    fn found(
        code: &str,
        current: &Return,
        previous: Option<&Return>,
    ) -> Vec<(&'static str, usize)> {
        let ctx = Context::new(
            current,
            previous,
            CollectionYear::starting(2026),
            "E10000018",
        );
        validate(&ctx)
            .failures
            .into_iter()
            .filter(|f| f.rule == code)
            .map(|f| (f.table, f.row.expect("a row")))
            .collect()
    }

    fn rows(code: &str, tables: &[&str]) -> Vec<usize> {
        found(code, &ret(tables), None)
            .into_iter()
            .map(|(_, r)| r)
            .collect()
    }

    #[test]
    fn rules_700_and_701_dates_must_be_dates() {
        let t = dolo(
            "C1,01/01/2010,01/05/2026,\nC2,01/01/2010,1/5/26,\nC3,01/01/2010,,\nC4,01/01/2010,01/05/2026,31/02/2027\n",
        );
        assert_eq!(rows("700", &[&t]), [1, 2]);
        assert_eq!(rows("701", &[&t]), [3]);
    }

    #[test]
    fn rules_702_to_704_dates_in_order_and_in_the_year() {
        let t = dolo(
            "C1,01/01/2010,01/05/2026,01/05/2026\nC2,01/01/2010,01/05/2026,02/05/2026\nC3,01/01/2010,01/04/2027,\nC4,01/01/2010,01/01/2026,31/03/2026\n",
        );
        assert_eq!(rows("702", &[&t]), [0]);
        assert_eq!(rows("703", &[&t]), [2]);
        assert_eq!(rows("704", &[&t]), [3]);
    }

    #[test]
    fn rule_705_an_order_cannot_start_while_the_one_before_is_open() {
        let t = dolo(
            "C1,01/01/2010,01/05/2026,\nC1,01/01/2010,01/06/2026,01/07/2026\nC2,01/01/2010,01/05/2026,01/06/2026\nC2,01/01/2010,01/06/2026,\nC3,01/01/2010,01/05/2026,10/06/2026\nC3,01/01/2010,01/06/2026,01/07/2026\n",
        );
        // C1's first is open (sorted by its start, before the second's end);
        // C2's follow on; C3's overlap.
        assert_eq!(rows("705", &[&t]), [1, 5]);
    }

    #[test]
    fn rule_706_last_year_s_open_order_carries_on() {
        let last = ret(&[&dolo(
            "C1,01/01/2010,01/05/2025,\nC2,01/01/2010,01/05/2025,\nC3,01/01/2010,01/05/2025,01/06/2025\n",
        )]);
        let now = ret(&[&dolo(
            "C1,01/01/2010,01/05/2025,\nC2,01/01/2010,01/06/2025,\n",
        )]);
        assert_eq!(found("706", &now, Some(&last)), [("DoLo", 1)]);
    }

    #[test]
    fn rule_707_an_order_within_a_period_of_care() {
        let eps = format!(
            "{EPISODES}\nC1,01/04/2026,S,C2,N1,U1,PR1,01/06/2026,E11,,,,\nC2,01/04/2026,S,C2,N1,U1,PR1,,,,,,\nC3,01/04/2026,S,C2,N1,U1,PR1,01/06/2026,E11,,,,\n"
        );
        // C1 left care with the order open; C2 is still looked after; C3's
        // order ended within the period.
        let t = dolo(
            "C1,01/01/2010,01/05/2026,\nC2,01/01/2010,01/05/2026,\nC3,01/01/2010,01/05/2026,20/05/2026\n",
        );
        assert_eq!(rows("707", &[&eps, &t]), [0]);
    }

    #[test]
    fn rule_708_an_order_after_the_birth() {
        let t = dolo("C1,01/01/2010,01/01/2010,\nC2,01/01/2010,02/01/2010,\n");
        assert_eq!(rows("708", &[&t]), [0]);
    }

    #[test]
    fn rules_709_and_710_the_placement_during_an_order() {
        let eps = format!(
            "{EPISODES}\nC1,01/04/2026,S,C2,N1,K2,PR1,,,,,,\nC2,01/04/2026,S,C2,N1,K1,PR1,,,,,,\nC3,01/04/2026,S,C2,N1,U1,PR1,01/05/2026,E11,,,,\n"
        );
        // C3's order began after its only episode ended: no overlap.
        let t = dolo(
            "C1,01/01/2010,01/05/2026,01/06/2026\nC2,01/01/2010,01/05/2026,01/06/2026\nC3,01/01/2010,02/05/2026,01/06/2026\n",
        );
        let r = ret(&[&eps, &t]);
        assert_eq!(found("709", &r, None), [("DoLo", 1), ("Episodes", 1)]);
        assert_eq!(found("710", &r, None), [("DoLo", 1), ("Episodes", 1)]);
    }

    #[test]
    fn the_dolo_rules_are_in_force_from_2026_27() {
        let t = ret(&[&dolo("C1,01/01/2010,xx,\n")]);
        let ctx = Context::new(&t, None, CollectionYear::starting(2025), "E10000018");
        assert!(validate(&ctx).failures.iter().all(|f| f.rule != "700"));
        assert_eq!(found("700", &t, None), [("DoLo", 0)]);
    }
}
