//! Rules 105, 205C and 303: the UASC flag a child's record gives
//! (`<HEADER><UASC>` in the XML form) against the UASC table.
//!
//! The CSV form has no flag: there, as in the DfE's validators, a child in
//! the Header is flagged 1 when it has a row of the UASC table and 0 when it
//! has none, so 105 and 303 cannot fail on CSV and 205C fails only for UASC
//! rows of children missing from the Header. The XML form's flag is kept as
//! written ([`crate::Return::header_uasc`]).

use crate::hash::HashMap;
use crate::validate::{Context, Findings, Needs, Rule, blank};
use crate::years::Years;
use crate::{Return, Table, TableData};

/// Each Header row's UASC flag: as the XML form gives it, or derived from
/// the UASC table for the CSV form.
fn flags(ret: &Return) -> Vec<&str> {
    let Some(header) = ret.table(Table::Header) else {
        return Vec::new();
    };
    if let Some(flags) = &ret.header_uasc {
        return (0..header.len())
            .map(|r| flags.get(r).map_or("", String::as_str))
            .collect();
    }
    let uasc = ret.table(Table::Uasc);
    let in_uasc: crate::hash::HashSet<&str> = uasc
        .map(|u| (0..u.len()).map(|r| u.value(r, "CHILD")).collect())
        .unwrap_or_default();
    (0..header.len())
        .map(|r| {
            if in_uasc.contains(header.value(r, "CHILD")) {
                "1"
            } else {
                "0"
            }
        })
        .collect()
}

/// A flag as a number, as the DfE's validators read it (`1`, ` 1 `, `1.0`);
/// `None` when blank or not a number.
fn numeric(flag: &str) -> Option<f64> {
    flag.trim().parse().ok()
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
fn flags_by_child(ret: &Return) -> (FlagsByChild<'_>, bool) {
    let mut by_child = FlagsByChild::default();
    match ret.table(Table::Header) {
        Some(header) => {
            for (r, flag) in flags(ret).into_iter().enumerate() {
                by_child
                    .entry(header.value(r, "CHILD"))
                    .or_default()
                    .push((Some(r), flag));
            }
            (by_child, true)
        }
        None => {
            if let Some(uasc) = ret.table(Table::Uasc) {
                for r in 0..uasc.len() {
                    let recorded = !blank(uasc.value(r, "SEX")) || !blank(uasc.value(r, "DUC"));
                    by_child
                        .entry(uasc.value(r, "CHILD"))
                        .or_default()
                        .push((None, if recorded { "1" } else { "0" }));
                }
            }
            (by_child, false)
        }
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "105",
        message: "Data entry for Unaccompanied Asylum-Seeking Children (UASC) status of child is invalid or has not been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Only the XML form has the flag to judge.
            let (Some(header), Some(_)) = (ctx.table(Table::Header), &ctx.current.header_uasc)
            else {
                return;
            };
            for (r, flag) in flags(ctx.current).into_iter().enumerate() {
                if !numeric(flag).is_some_and(|n| n == 0.0 || n == 1.0) {
                    out.row(header, r);
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
                let Some(rows) = uasc_rows.get(header.value(h, "CHILD")) else {
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
    let (now_flags, has_header) = flags_by_child(ctx.current);
    let (last_flags, _) = flags_by_child(last);
    let last_rows = ctx.rows_by_child(uasc_last);
    let (mut bad_uasc, mut bad_header) = (Vec::new(), Vec::new());
    for u in 0..uasc.len() {
        let child = uasc.value(u, "CHILD");
        let duc_now = uasc.date(u, "DUC").is_some();
        // Last year: each UASC row of the child with the child's flags
        // last year (none when it had no Header row), or nothing at all.
        let mut last_pairs: Vec<(Option<&str>, bool)> = Vec::new();
        for &l in last_rows.get(child).map_or(&[][..], Vec::as_slice) {
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

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;
    use crate::{CollectionYear, Return};

    const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    const UASC: &str = "CHILD,SEX,DOB,DUC";

    /// A return as read from the XML form, with these UASC flags.
    fn xml(tables: &[&str], flags: &[&str]) -> Return {
        let mut r = ret(tables);
        r.header_uasc = Some(flags.iter().map(|f| (*f).to_owned()).collect());
        r
    }

    fn header(children: &[&str]) -> String {
        let rows: Vec<String> = children
            .iter()
            .map(|c| format!("{c},F,01/01/2010,WBRI,,,"))
            .collect();
        format!("{HEADER}\n{}\n", rows.join("\n"))
    }

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
    fn rule_105_the_xml_uasc_flag_is_0_or_1() {
        let h = header(&["C1", "C2", "C3", "C4"]);
        let r = xml(&[&h], &["1", "0", "", "Y"]);
        assert_eq!(failing_rows("105", &r, None), vec![Some(2), Some(3)]);
        let good = xml(&[&h], &["1", "0", "0", " 1"]);
        assert_eq!(failing_rows("105", &good, None), vec![]);
        // The CSV form has no flag to judge.
        assert_eq!(failing_rows("105", &ret(&[&h]), None), vec![]);
    }

    #[test]
    fn rule_303_a_date_uasc_ceased_needs_the_flag_1() {
        let h = header(&["C1", "C2", "C3"]);
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
        let h = header(&["C1", "C2"]);
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
        let csv_now = ret(&[&header(&["C1"]), &u]);
        let csv_last = ret(&[&header(&["C1"]), &last_u]);
        assert_eq!(
            rows_in_2024("205C", &csv_now, Some(&csv_last)),
            vec![Some(1)]
        );
        let csv_good = ret(&[&h, &u]);
        assert_eq!(rows_in_2024("205C", &csv_good, Some(&csv_last)), vec![]);
    }
}
