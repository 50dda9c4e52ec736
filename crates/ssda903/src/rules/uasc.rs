//! Unaccompanied asylum-seeking children: the UASC table, the flag of the XML form and the date UASC ceased, this year and last.

use crate::Return;
use crate::Table;
use crate::TableData;
use crate::hash::HashMap;
use crate::hash::HashSet;
use crate::rules::ages::bad_date;
use crate::rules::ages::plus_years;
use crate::rules::ages::shift_years;
use crate::rules::codes::numeric;
use crate::rules::episodes_and_children::children;
use crate::rules::episodes_and_children::first_rows;
use crate::rules::episodes_and_children::flags;
use crate::rules::episodes_and_children::oc3_filled;
use crate::rules::episodes_and_children::uasc_children;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::date;
use crate::validate::each_row;
use crate::years::Years;

/// Rule 205A: children in this year's Header who were UASC last year but
/// are not this year, whose UASC status did not cease during last year.
fn report_205a(
    ctx: &Context<'_>,
    out: &mut Findings,
    header: &TableData,
    last: &Return,
    uasc_now: &HashMap<&str, usize>,
    uasc_last: &HashMap<&str, usize>,
) {
    let Some(last_uasc) = last.table(Table::Uasc) else {
        return;
    };
    let (from, to) = (shift_years(ctx.start(), -1), shift_years(ctx.end(), -1));
    for r in 0..header.len() {
        let child = header.value(r, "CHILD");
        if uasc_now.contains_key(child) {
            continue;
        }
        if let Some(&l) = uasc_last.get(child)
            && !last_uasc
                .date(l, "DUC")
                .is_some_and(|d| d >= from && d <= to)
        {
            out.row(header, r);
        }
    }
}

/// Whether a flag says the child was not UASC: `0`, or no flag at all.
fn not_uasc(flag: Option<&str>) -> bool {
    match flag {
        None => true,
        Some(f) => blank(f) || f.trim() == "0",
    }
}

/// Each child's Header rows (if it has a Header) with their flags.
type FlagsByChild<'a> = HashMap<&'a str, Vec<(Option<usize>, &'a str)>>;

/// Each child's Header rows with their flags; when the return has no Header,
/// a flag from each of the child's UASC rows (1 when it records anything
/// but the child and date of birth).
/// Only the children in `among` are kept (the rules ask about UASC
/// children, a few among all England's).
fn flags_by_child<'a>(ret: &'a Return, among: &HashSet<&str>) -> (FlagsByChild<'a>, bool) {
    let mut by_child = FlagsByChild::default();
    match ret.table(Table::Header) {
        Some(header) => {
            for (r, flag) in flags(ret).into_iter().enumerate() {
                let child = header.value(r, "CHILD");
                if among.contains(child) {
                    by_child.entry(child).or_default().push((Some(r), flag));
                }
            }
            (by_child, true)
        }
        None => {
            if let Some(uasc) = ret.table(Table::Uasc) {
                for r in 0..uasc.len() {
                    let child = uasc.value(r, "CHILD");
                    if !among.contains(child) {
                        continue;
                    }
                    let recorded = !blank(uasc.value(r, "SEX")) || !blank(uasc.value(r, "DUC"));
                    by_child
                        .entry(child)
                        .or_default()
                        .push((None, if recorded { "1" } else { "0" }));
                }
            }
            (by_child, false)
        }
    }
}

/// Reports rows in file order, each once.
fn report(out: &mut Findings, data: &TableData, mut rows: Vec<usize>) {
    rows.sort_unstable();
    rows.dedup();
    for r in rows {
        out.row(data, r);
    }
}

/// Rule 205C: a UASC row whose child is flagged as not UASC (or has no
/// flag) both this year and last, and yet a date UASC ceased is given in
/// either year. Each pairing of the child's Header rows this year with its
/// UASC rows last year is judged, as the DfE's validators join them.
fn check_205c<'a>(
    ctx: &Context<'a>,
    out: &mut Findings,
    uasc: &TableData,
    last: &Return,
    uasc_last: &'a TableData,
) {
    let children: HashSet<&str> = (0..uasc.len()).map(|u| uasc.value(u, "CHILD")).collect();
    let (now_flags, has_header) = flags_by_child(ctx.current, &children);
    let (last_flags, _) = flags_by_child(last, &children);
    let last_rows = ctx.rows_by_child(uasc_last);
    let (mut bad_uasc, mut bad_header) = (Vec::new(), Vec::new());
    for u in 0..uasc.len() {
        let child = uasc.value(u, "CHILD");
        let duc_now = uasc.date(u, "DUC").is_some();
        // Last year: each UASC row of the child with the child's flags
        // last year (none when it had no Header row), or nothing at all.
        let mut last_pairs: Vec<(Option<&str>, bool)> = Vec::new();
        for &l in last_rows.get(child).unwrap_or_default() {
            let duc = uasc_last.date(l, "DUC").is_some();
            match last_flags.get(child) {
                Some(flags) => last_pairs.extend(flags.iter().map(|&(_, f)| (Some(f), duc))),
                None => last_pairs.push((None, duc)),
            }
        }
        if last_pairs.is_empty() {
            last_pairs.push((None, false));
        }
        let now_pairs: Vec<(Option<usize>, Option<&str>)> = match now_flags.get(child) {
            Some(flags) => flags.iter().map(|&(h, f)| (h, Some(f))).collect(),
            None => vec![(None, None)],
        };
        for &(h, now) in &now_pairs {
            let fails = last_pairs.iter().any(|&(flag_last, duc_last)| {
                not_uasc(now) && not_uasc(flag_last) && (duc_now || duc_last)
            });
            if fails {
                bad_uasc.push(u);
                if let (Some(h), true) = (h, has_header) {
                    bad_header.push(h);
                }
            }
        }
    }
    report(out, uasc, bad_uasc);
    if let Some(header) = ctx.table(Table::Header) {
        report(out, header, bad_header);
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "104",
        message: "Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let start = ctx.start();
            each_row(ctx, out, Table::Uasc, |t, r| {
                let duc = t.value(r, "DUC");
                bad_date(duc) || date(duc).is_some_and(|d| d < start)
            })
        },
    },
    Rule {
        code: "205A",
        message: "Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both years does not support this.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(header), Some(last)) = (ctx.table(Table::Header), ctx.previous) else {
                return;
            };
            // Without last year's UASC table nobody is known to have been UASC.
            let Some(uasc_last) = uasc_children(last) else {
                return;
            };
            let uasc_now = uasc_children(ctx.current).unwrap_or_default();
            report_205a(ctx, out, header, last, &uasc_now, &uasc_last);
        },
    },
    Rule {
        code: "205B",
        message: "Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(uasc), Some(last)) = (ctx.table(Table::Uasc), ctx.previous) else {
                return;
            };
            let (Some(now_children), Some(last_children), Some(last_uasc)) = (
                uasc_children(ctx.current),
                uasc_children(last),
                last.table(Table::Uasc),
            ) else {
                return;
            };
            let last_header = last.table(Table::Header);
            let last_header_rows = last_header.map(first_rows).unwrap_or_default();
            let mut failing: Vec<usize> = Vec::new();
            for (child, &r) in &now_children {
                let Some(&l) = last_children.get(child) else {
                    continue;
                };
                let duc = uasc.date(r, "DUC");
                let last_duc = last_uasc.date(l, "DUC");
                let dob = last_uasc.date(l, "DOB").or_else(|| {
                    let h = last_header?;
                    date(h.value(*last_header_rows.get(child)?, "DOB"))
                });
                let ceased_this_year = duc.is_some_and(|d| d >= ctx.start() && d <= ctx.end());
                let same_as_last_year = duc.is_some() && duc == last_duc;
                let last_was_18th =
                    last_duc.is_some() && last_duc == dob.map(|d| shift_years(d, 18));
                if (!ceased_this_year && !same_as_last_year) || !last_was_18th {
                    failing.push(r);
                }
            }
            failing.sort_unstable();
            // The child's Header rows too: the UASC flag lives there.
            let mut header_rows: Vec<usize> = failing
                .iter()
                .filter_map(|&r| ctx.by_child(Table::Header).get_row(uasc, r))
                .flatten()
                .copied()
                .collect();
            header_rows.sort_unstable();
            for r in failing {
                out.row(uasc, r);
            }
            if let Some(header) = ctx.table(Table::Header) {
                for r in header_rows {
                    out.row(header, r);
                }
            }
        },
    },
    Rule {
        code: "205D",
        message: "Child identified as UASC this year but not identified as UASC status provided for the child last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(header), Some(last)) = (ctx.table(Table::Header), ctx.previous) else {
                return;
            };
            let (Some(last_header), Some(now_children), Some(last_children)) = (
                last.table(Table::Header),
                uasc_children(ctx.current),
                uasc_children(last),
            ) else {
                return;
            };
            let last_rows = first_rows(last_header);
            for r in 0..header.len() {
                let child = header.value(r, "CHILD");
                if last_rows.contains_key(child)
                    && now_children.contains_key(child)
                    && !last_children.contains_key(child)
                {
                    out.row(header, r);
                }
            }
        },
    },
    Rule {
        code: "304",
        message: "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th birthday of a child.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Uasc, |t, r| {
                match (t.date(r, "DUC"), t.date(r, "DOB")) {
                    (Some(duc), Some(dob)) => duc > plus_years(dob, 18),
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "1014",
        message: "UASC information is not required for care leavers",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(uasc), Some(eps), Some(oc3)) = (
                ctx.table(Table::Uasc),
                ctx.table(Table::Episodes),
                ctx.table(Table::Oc3),
            ) else {
                return;
            };
            // Children looked after at some point this year.
            let mut looked_after: HashSet<&str> = HashSet::default();
            for r in 0..eps.len() {
                let started = eps.date(r, "DECOM").is_some_and(|d| d <= ctx.end());
                let dec = eps.value(r, "DEC");
                let open = blank(dec) || date(dec).is_some_and(|d| d >= ctx.start());
                if started && open {
                    looked_after.insert(eps.value(r, "CHILD"));
                }
            }
            let with_eps = children(Some(eps));
            let uasc_children = children(Some(uasc));
            // Care leavers: in OC3 with care leaver data, with episodes but
            // none this year.
            let leavers: HashSet<&str> = (0..oc3.len())
                .filter(|&r| oc3_filled(oc3, r))
                .map(|r| oc3.value(r, "CHILD"))
                .filter(|c| {
                    with_eps.contains(c) && !looked_after.contains(c) && uasc_children.contains(c)
                })
                .collect();
            for r in 0..uasc.len() {
                if leavers.contains(uasc.value(r, "CHILD")) {
                    out.row(uasc, r);
                }
            }
            for r in 0..oc3.len() {
                if oc3_filled(oc3, r) && leavers.contains(oc3.value(r, "CHILD")) {
                    out.row(oc3, r);
                }
            }
        },
    },
    Rule {
        code: "205C",
        message: "Child not identified as UASC either this year or last year but date UASC ceased has been provided.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(uasc), Some(last)) = (ctx.table(Table::Uasc), ctx.previous) else {
                return;
            };
            let Some(uasc_last) = last.table(Table::Uasc) else {
                return;
            };
            check_205c(ctx, out, uasc, last, uasc_last);
        },
    },
    Rule {
        code: "303",
        message: "If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC status must be coded 1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(header), Some(uasc)) = (ctx.table(Table::Header), ctx.table(Table::Uasc))
            else {
                return;
            };
            let flags = flags(ctx.current);
            let uasc_rows = ctx.by_child(Table::Uasc);
            let (mut bad_header, mut bad_uasc) = (Vec::new(), Vec::new());
            for (h, flag) in flags.into_iter().enumerate() {
                if numeric(flag) == Some(1.0) {
                    continue;
                }
                let Some(rows) = uasc_rows.get_row(header, h) else {
                    continue;
                };
                let with_date: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&u| !blank(uasc.value(u, "DUC")))
                    .collect();
                if !with_date.is_empty() {
                    bad_header.push(h);
                    bad_uasc.extend(with_date);
                }
            }
            report(out, uasc, bad_uasc);
            report(out, header, bad_header);
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::CollectionYear;
    use crate::Return;

    use crate::rules::test_rows::*;

    use crate::validate::testing::*;

    fn rows_in_2024(code: &str, current: &Return, previous: Option<&Return>) -> Vec<Option<usize>> {
        let ctx = crate::validate::Context::new(
            current,
            previous,
            CollectionYear::starting(2024),
            "E10000018",
        );
        rows_failing(&ctx, code)
    }

    #[test]
    fn rule_104_uasc_ceased_date_must_be_valid_and_in_the_year() {
        let r = ret(&[&csv_table(
            UASC,
            &[
                "C1,M,01/02/2010,01/05/2024",
                "C2,M,01/02/2010,",
                "C3,M,01/02/2010,31/13/2024",
                "C4,M,01/02/2010,31/03/2024",
            ],
        )]);
        assert_eq!(failing_rows("104", &r, None), vec![Some(2), Some(3)]);
    }

    #[test]
    fn rule_205a_uasc_last_year_must_have_ceased_last_year() {
        let last = ret(&[
            &header_csv("C1,M,01/02/2007,WBRI,,,\nC2,M,01/02/2007,WBRI,,,\n"),
            &format!("{UASC}\nC1,M,01/02/2007,01/02/2024\nC2,M,01/02/2007,\nC3,M,01/02/2007,\n"),
        ]);
        let now = ret(&[
            &header_csv(
                "C1,M,01/02/2007,WBRI,,,\nC2,M,01/02/2007,WBRI,,,\nC3,M,01/02/2007,WBRI,,,\n",
            ),
            &format!("{UASC}\nC3,M,01/02/2007,\n"),
        ]);
        assert_eq!(failing_rows("205A", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_205b_uasc_both_years_needs_consistent_dates() {
        let last = ret(&[&format!(
            "{UASC}\nC1,M,01/02/2007,01/02/2025\nC2,M,01/02/2007,\nC3,M,01/06/2006,01/06/2024\n"
        )]);
        let now = ret(&[&format!(
            "{UASC}\nC1,M,01/02/2007,01/02/2025\nC2,M,01/02/2007,01/02/2025\nC3,M,01/06/2006,01/06/2024\nC4,M,01/06/2006,\n"
        )]);
        assert_eq!(failing_rows("205B", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_205b_also_reports_the_header_row_where_the_uasc_flag_lives() {
        let last = ret(&[&format!(
            "{UASC}\nC1,M,01/02/2007,\nC2,M,01/02/2007,01/02/2025\n"
        )]);
        let now = ret(&[
            &header_csv("C1,M,01/02/2007,WBRI,,,\nC2,M,01/02/2007,WBRI,,,\n"),
            &format!("{UASC}\nC1,M,01/02/2007,01/02/2025\nC2,M,01/02/2007,01/02/2025\n"),
        ]);
        let ctx = crate::validate::Context::new(
            &now,
            Some(&last),
            crate::CollectionYear::starting(2024),
            "E10000018",
        );
        let found: Vec<(&str, Option<usize>)> = crate::validate::validate(&ctx)
            .failures
            .into_iter()
            .filter(|f| f.rule == "205B")
            .map(|f| (f.table, f.row))
            .collect();
        assert_eq!(found, vec![("UASC", Some(0)), ("Header", Some(0))]);
    }

    #[test]
    fn rule_205d_uasc_this_year_must_have_been_uasc_last_year() {
        let last = ret(&[
            &header_csv("C1,M,01/02/2010,WBRI,,,\nC2,M,01/02/2010,WBRI,,,\n"),
            &format!("{UASC}\nC1,M,01/02/2010,\n"),
        ]);
        let now = ret(&[
            &header_csv(
                "C1,M,01/02/2010,WBRI,,,\nC2,M,01/02/2010,WBRI,,,\nC3,M,01/02/2010,WBRI,,,\n",
            ),
            &format!("{UASC}\nC1,M,01/02/2010,\nC2,M,01/02/2010,\nC3,M,01/02/2010,\n"),
        ]);
        assert_eq!(failing_rows("205D", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_304_uasc_ceased_after_18th_birthday() {
        let r = ret(&[&format!(
            "{UASC}\nC1,M,01/06/2006,01/06/2024\nC2,M,01/06/2006,02/06/2024\nC3,M,01/06/2006,\n"
        )]);
        assert_eq!(failing_rows("304", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_1014_no_uasc_data_for_care_leavers() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/01/2022", "S", "C2", "U1", "01/02/2023", "E8"),
                full_ep("B", "01/01/2022", "S", "C2", "U1", "", ""),
            ],
        );
        let uasc = table(
            UASC,
            &[
                "A,M,01/01/2006,01/01/2024".into(),
                "B,M,01/01/2006,01/01/2024".into(),
            ],
        );
        let oc3 = table(
            OC3,
            &[
                "A,01/01/2006,YES,F1,B1".into(),
                "B,01/01/2006,YES,F1,B1".into(),
            ],
        );
        let r = ret(&[&eps, &uasc, &oc3]);
        assert_eq!(failing_rows("1014", &r, None), vec![Some(0), Some(0)]);
    }

    #[test]
    fn rule_303_a_date_uasc_ceased_needs_the_flag_1() {
        let h = header_of(&["C1", "C2", "C3"]);
        let u = format!(
            "{UASC}\nC1,F,01/01/2010,01/05/2024\nC2,F,01/01/2010,01/05/2024\nC3,F,01/01/2010,\n"
        );
        let r = xml(&[&h, &u], &["1", "0", "0"]);
        // C2's UASC row and its Header row; C3 has no date ceased.
        assert_eq!(failing_rows("303", &r, None), vec![Some(1), Some(1)]);
        let good = xml(&[&h, &u], &["1", "1", "0"]);
        assert_eq!(failing_rows("303", &good, None), vec![]);
        // From CSV, a child with a UASC row is flagged 1.
        assert_eq!(failing_rows("303", &ret(&[&h, &u]), None), vec![]);
    }

    #[test]
    fn rule_205c_a_date_uasc_ceased_for_a_child_never_flagged_uasc() {
        let h = header_of(&["C1", "C2"]);
        let u = format!("{UASC}\nC1,F,01/01/2010,01/05/2024\nC2,F,01/01/2010,01/05/2024\n");
        let last_u = format!("{UASC}\nC1,F,01/01/2010,\n");
        // Last year C1 was flagged UASC; C2 was in the Header, flagged 0.
        let last = xml(&[&h, &last_u], &["1", "0"]);
        let now = xml(&[&h, &u], &["0", "0"]);
        // C2's UASC row (row 1) and its Header row (row 1).
        assert_eq!(
            rows_in_2024("205C", &now, Some(&last)),
            vec![Some(1), Some(1)]
        );
        let now_flagged = xml(&[&h, &u], &["0", "1"]);
        assert_eq!(rows_in_2024("205C", &now_flagged, Some(&last)), vec![]);
        // CSV: a UASC row of a child missing from the Header, with a date
        // ceased, fails; children in the Header are flagged by their rows.
        let csv_now = ret(&[&header_of(&["C1"]), &u]);
        let csv_last = ret(&[&header_of(&["C1"]), &last_u]);
        assert_eq!(
            rows_in_2024("205C", &csv_now, Some(&csv_last)),
            vec![Some(1)]
        );
        let csv_good = ret(&[&h, &u]);
        assert_eq!(rows_in_2024("205C", &csv_good, Some(&csv_last)), vec![]);
    }
}
