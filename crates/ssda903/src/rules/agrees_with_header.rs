//! The internal checks (INT01 to INT36): every child in a table is in the Header, with the same date of birth (and, in UASC, the same sex), and appears at most once in the one-row-per-child tables.

use crate::Table;
use crate::TableData;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::RowsByChild;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::date;
use crate::years::Years;

/// The Header rows of each child, when the Header was supplied.
fn header_rows<'c, 'a>(ctx: &'c Context<'a>) -> Option<(&'a TableData, &'c RowsByChild<'a>)> {
    let header = ctx.table(Table::Header)?;
    Some((header, ctx.rows_by_child(header)))
}

/// INT01 to INT09: a row of `table` whose child is not in the Header.
fn not_in_header(ctx: &Context<'_>, out: &mut Findings, table: Table) {
    let (Some((_, children)), Some(data)) = (header_rows(ctx), ctx.table(table)) else {
        return;
    };
    for row in 0..data.len() {
        if children.get_row(data, row).is_none() {
            out.row(data, row);
        }
    }
}

/// INT11 to INT18 and INT21: a row of `table` whose `column` differs from
/// the child's Header row. Only filled-in values are compared (for DOB, only
/// real dates); a child missing from the Header is left to INT01 to INT09.
fn differs_from_header(ctx: &Context<'_>, out: &mut Findings, table: Table, column: &str) {
    let (Some((header, children)), Some(data)) = (header_rows(ctx), ctx.table(table)) else {
        return;
    };
    let is_dob = column == "DOB";
    let differs = |a: &str, b: &str| {
        if is_dob {
            matches!((date(a), date(b)), (Some(x), Some(y)) if x != y)
        } else {
            !blank(a) && !blank(b) && a != b
        }
    };
    for row in 0..data.len() {
        let value = data.value(row, column);
        let Some(rows) = children.get_row(data, row) else {
            continue;
        };
        if rows
            .iter()
            .any(|&h| differs(header.value(h, column), value))
        {
            out.row(data, row);
        }
    }
}

/// INT31 to INT36: every row of a child who has more than one row in
/// `table` (rows with a blank CHILD are not counted).
fn more_than_once(ctx: &Context<'_>, out: &mut Findings, table: Table) {
    let Some(data) = ctx.table(table) else {
        return;
    };
    let children = ctx.rows_by_child(data);
    for row in 0..data.len() {
        let child = data.value(row, "CHILD");
        if !blank(child) && children.get(child).is_some_and(|rows| rows.len() > 1) {
            out.row(data, row);
        }
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "INT01",
        message: "Data Integrity Check: Child in AD1 does not exist in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| not_in_header(ctx, out, Table::Ad1),
    },
    Rule {
        code: "INT02",
        message: "Internal Check: Child in PlacedAdoption does not exist in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| not_in_header(ctx, out, Table::PlacedAdoption),
    },
    Rule {
        code: "INT03",
        message: "Internal Check: Child in Episodes does not exist in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| not_in_header(ctx, out, Table::Episodes),
    },
    Rule {
        code: "INT04",
        message: "Internal Check: Child in Missing does not exist in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| not_in_header(ctx, out, Table::Missing),
    },
    Rule {
        code: "INT05",
        message: "Internal Check: Child in OC2 does not exist in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| not_in_header(ctx, out, Table::Oc2),
    },
    Rule {
        code: "INT06",
        message: "Internal Check: Child in OC3 does not exist in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| not_in_header(ctx, out, Table::Oc3),
    },
    Rule {
        code: "INT07",
        message: "Internal Check: Child in PrevPerm does not exist in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| not_in_header(ctx, out, Table::PrevPerm),
    },
    Rule {
        code: "INT08",
        message: "Internal Check: Child in Reviews does not exist in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| not_in_header(ctx, out, Table::Reviews),
    },
    Rule {
        code: "INT09",
        message: "Internal Check: Child in UASC does not exist in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| not_in_header(ctx, out, Table::Uasc),
    },
    Rule {
        code: "INT11",
        message: "Internal Check: DOB in AD1 is different to DOB in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| differs_from_header(ctx, out, Table::Ad1, "DOB"),
    },
    Rule {
        code: "INT12",
        message: "Internal Check: DOB in PlacedAdoption is different to DOB in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| differs_from_header(ctx, out, Table::PlacedAdoption, "DOB"),
    },
    Rule {
        code: "INT13",
        message: "Internal Check: DOB in Missing is different to DOB in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| differs_from_header(ctx, out, Table::Missing, "DOB"),
    },
    Rule {
        code: "INT14",
        message: "Internal Check: DOB in OC2 is different to DOB in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| differs_from_header(ctx, out, Table::Oc2, "DOB"),
    },
    Rule {
        code: "INT15",
        message: "Internal Check: DOB in OC3 is different to DOB in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| differs_from_header(ctx, out, Table::Oc3, "DOB"),
    },
    Rule {
        code: "INT16",
        message: "Internal Check: DOB in PrevPerm is different to DOB in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| differs_from_header(ctx, out, Table::PrevPerm, "DOB"),
    },
    Rule {
        code: "INT17",
        message: "Internal Check: DOB in Reviews is different to DOB in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| differs_from_header(ctx, out, Table::Reviews, "DOB"),
    },
    Rule {
        code: "INT18",
        message: "Internal Check: DOB in UASC is different to DOB in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| differs_from_header(ctx, out, Table::Uasc, "DOB"),
    },
    Rule {
        code: "INT21",
        message: "Internal Check: SEX in UASC is different to SEX in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| differs_from_header(ctx, out, Table::Uasc, "SEX"),
    },
    Rule {
        code: "INT31",
        message: "Internal Check: Child should only exist once in AD1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| more_than_once(ctx, out, Table::Ad1),
    },
    Rule {
        code: "INT32",
        message: "Internal Check: Child should only exist once in Header.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| more_than_once(ctx, out, Table::Header),
    },
    Rule {
        code: "INT33",
        message: "Internal Check: Child should only exist once in OC2.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| more_than_once(ctx, out, Table::Oc2),
    },
    Rule {
        code: "INT34",
        message: "Internal Check: Child should only exist once in OC3.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| more_than_once(ctx, out, Table::Oc3),
    },
    Rule {
        code: "INT35",
        message: "Internal Check: Child should only exist once in PrevPerm.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| more_than_once(ctx, out, Table::PrevPerm),
    },
    Rule {
        code: "INT36",
        message: "Internal Check: Child should only exist once in UASC.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| more_than_once(ctx, out, Table::Uasc),
    },
];

#[cfg(test)]
mod tests {
    use crate::rules::test_rows::*;

    use crate::validate::testing::*;

    const PREV_PERM: &str = "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM";

    const MISSING: &str = "CHILD,DOB,MISSING,MIS_START,MIS_END";

    /// A Header of children C1 (boy, born 01/01/2010) and C2 (girl, born 02/02/2012).
    fn header() -> String {
        csv_table(
            HEADER,
            &[
                "C1,M,01/01/2010,WBRI,A123456789012,,",
                "C2,F,02/02/2012,WBRI,A123456789013,,",
            ],
        )
    }

    /// The columns of `table_header` after CHILD and DOB, left blank.
    fn blanks(table_header: &str, from: usize) -> String {
        ",".repeat(table_header.split(',').count() - from)
    }

    /// A table whose rows have these CHILD and DOB values and blank other columns.
    fn child_dob_table(table_header: &str, rows: &[(&str, &str)]) -> String {
        let tail = blanks(table_header, 2);
        let rows: Vec<String> = rows.iter().map(|(c, d)| format!("{c},{d}{tail}")).collect();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        csv_table(table_header, &rows)
    }

    fn uasc(rows: &[(&str, &str, &str)]) -> String {
        let rows: Vec<String> = rows
            .iter()
            .map(|(c, s, d)| format!("{c},{s},{d},01/01/2028"))
            .collect();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        csv_table(UASC, &rows)
    }

    fn episodes(children: &[&str]) -> String {
        let rows: Vec<String> = children
            .iter()
            .map(|c| format!("{c},01/05/2024,S,C2,N1,U1,PR1,,,,LE1 1,LE2 2,"))
            .collect();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        csv_table(EPISODES, &rows)
    }

    /// A "child not in Header" rule on a CHILD,DOB table: C1 and C2 pass,
    /// C3 fails; with no Header the rule does not run.
    fn check_not_in_header(code: &str, table_header: &str) {
        let t = child_dob_table(
            table_header,
            &[
                ("C1", "01/01/2010"),
                ("C3", "01/01/2010"),
                ("C2", "02/02/2012"),
            ],
        );
        assert_eq!(
            failing_rows(code, &ret(&[&header(), &t]), None),
            vec![Some(1)]
        );
        let ok = child_dob_table(table_header, &[("C1", "01/01/2010"), ("C2", "")]);
        assert!(failing_rows(code, &ret(&[&header(), &ok]), None).is_empty());
        assert!(failing_rows(code, &ret(&[&t]), None).is_empty());
    }

    /// A "DOB differs from Header" rule on a CHILD,DOB table.
    fn check_dob_differs(code: &str, table_header: &str) {
        let t = child_dob_table(
            table_header,
            &[
                ("C1", "01/01/2010"),
                ("C2", "03/02/2012"),
                ("C2", ""),
                ("C3", "01/01/2000"),
                ("C1", "not a date"),
            ],
        );
        assert_eq!(
            failing_rows(code, &ret(&[&header(), &t]), None),
            vec![Some(1)]
        );
        let ok = child_dob_table(table_header, &[("C1", "01/01/2010"), ("C2", "02/02/2012")]);
        assert!(failing_rows(code, &ret(&[&header(), &ok]), None).is_empty());
    }

    /// A "child only once" rule on a CHILD,DOB table: every row of a repeated child fails.
    fn check_once(code: &str, table_header: &str) {
        let t = child_dob_table(
            table_header,
            &[
                ("C1", "01/01/2010"),
                ("C2", "02/02/2012"),
                ("C1", "01/01/2010"),
                ("", ""),
                ("", ""),
            ],
        );
        assert_eq!(
            failing_rows(code, &ret(&[&t]), None),
            vec![Some(0), Some(2)]
        );
        let ok = child_dob_table(table_header, &[("C1", "01/01/2010"), ("C2", "02/02/2012")]);
        assert!(failing_rows(code, &ret(&[&ok]), None).is_empty());
    }

    #[test]
    fn rule_int01_ad1_child_not_in_header() {
        check_not_in_header("INT01", AD1);
    }

    #[test]
    fn rule_int02_placed_adoption_child_not_in_header() {
        check_not_in_header("INT02", PLACED);
    }

    #[test]
    fn rule_int03_episodes_child_not_in_header() {
        let r = ret(&[&header(), &episodes(&["C1", "C9", "C2", "C9"])]);
        assert_eq!(failing_rows("INT03", &r, None), vec![Some(1), Some(3)]);
        let r = ret(&[&header(), &episodes(&["C1", "C2", "C2"])]);
        assert!(failing_rows("INT03", &r, None).is_empty());
    }

    #[test]
    fn rule_int04_missing_child_not_in_header() {
        check_not_in_header("INT04", MISSING);
    }

    #[test]
    fn rule_int05_oc2_child_not_in_header() {
        check_not_in_header("INT05", OC2);
    }

    #[test]
    fn rule_int06_oc3_child_not_in_header() {
        check_not_in_header("INT06", OC3);
    }

    #[test]
    fn rule_int07_prev_perm_child_not_in_header() {
        check_not_in_header("INT07", PREV_PERM);
    }

    #[test]
    fn rule_int08_reviews_child_not_in_header() {
        check_not_in_header("INT08", REVIEWS);
    }

    #[test]
    fn rule_int09_uasc_child_not_in_header() {
        let t = uasc(&[("C1", "M", "01/01/2010"), ("C7", "F", "01/01/2011")]);
        assert_eq!(
            failing_rows("INT09", &ret(&[&header(), &t]), None),
            vec![Some(1)]
        );
        let ok = uasc(&[("C2", "F", "02/02/2012")]);
        assert!(failing_rows("INT09", &ret(&[&header(), &ok]), None).is_empty());
    }

    #[test]
    fn rule_int11_ad1_dob_differs() {
        check_dob_differs("INT11", AD1);
    }

    #[test]
    fn rule_int12_placed_adoption_dob_differs() {
        check_dob_differs("INT12", PLACED);
    }

    #[test]
    fn rule_int13_missing_dob_differs() {
        check_dob_differs("INT13", MISSING);
    }

    #[test]
    fn rule_int14_oc2_dob_differs() {
        check_dob_differs("INT14", OC2);
    }

    #[test]
    fn rule_int15_oc3_dob_differs() {
        check_dob_differs("INT15", OC3);
    }

    #[test]
    fn rule_int15_does_not_read_1_1_10_as_another_date_of_birth() {
        // As the year 10, C1's date of birth would differ from the Header's.
        let oc3 = child_dob_table(OC3, &[("C1", "1/1/10"), ("C2", "03/02/2012")]);
        assert_eq!(
            failing_rows("INT15", &ret(&[&header(), &oc3]), None),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_int16_prev_perm_dob_differs() {
        check_dob_differs("INT16", PREV_PERM);
    }

    #[test]
    fn rule_int17_reviews_dob_differs() {
        check_dob_differs("INT17", REVIEWS);
    }

    #[test]
    fn rule_int17_does_not_read_1_1_10_as_another_date_of_birth() {
        let reviews = child_dob_table(REVIEWS, &[("C1", "1/1/10"), ("C2", "03/02/2012")]);
        assert_eq!(
            failing_rows("INT17", &ret(&[&header(), &reviews]), None),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_int18_uasc_dob_differs() {
        let t = uasc(&[
            ("C1", "M", "01/01/2010"),
            ("C2", "F", "02/03/2012"),
            ("C3", "F", "02/03/2012"),
        ]);
        assert_eq!(
            failing_rows("INT18", &ret(&[&header(), &t]), None),
            vec![Some(1)]
        );
        let ok = uasc(&[("C1", "M", "01/01/2010"), ("C2", "F", "")]);
        assert!(failing_rows("INT18", &ret(&[&header(), &ok]), None).is_empty());
    }

    #[test]
    fn rule_int21_uasc_sex_differs() {
        let t = uasc(&[
            ("C1", "F", "01/01/2010"),
            ("C2", "F", "02/02/2012"),
            ("C2", "", "02/02/2012"),
            ("C3", "M", "02/02/2012"),
        ]);
        assert_eq!(
            failing_rows("INT21", &ret(&[&header(), &t]), None),
            vec![Some(0)]
        );
        let ok = uasc(&[("C1", "M", "01/01/2010"), ("C2", "F", "02/02/2012")]);
        assert!(failing_rows("INT21", &ret(&[&header(), &ok]), None).is_empty());
    }

    #[test]
    fn rule_int31_ad1_child_once() {
        check_once("INT31", AD1);
    }

    #[test]
    fn rule_int32_header_child_once() {
        let twice = csv_table(
            HEADER,
            &[
                "C1,M,01/01/2010,WBRI,A123456789012,,",
                "C1,M,01/01/2010,WBRI,A123456789012,,",
                "C2,F,02/02/2012,WBRI,A123456789013,,",
            ],
        );
        assert_eq!(
            failing_rows("INT32", &ret(&[&twice]), None),
            vec![Some(0), Some(1)]
        );
        assert!(failing_rows("INT32", &ret(&[&header()]), None).is_empty());
    }

    #[test]
    fn rule_int33_oc2_child_once() {
        check_once("INT33", OC2);
    }

    #[test]
    fn rule_int34_oc3_child_once() {
        check_once("INT34", OC3);
    }

    #[test]
    fn rule_int35_prev_perm_child_once() {
        check_once("INT35", PREV_PERM);
    }

    #[test]
    fn rule_int36_uasc_child_once() {
        let t = uasc(&[
            ("C1", "M", "01/01/2010"),
            ("C2", "F", "02/02/2012"),
            ("C2", "F", "02/02/2012"),
        ]);
        assert_eq!(
            failing_rows("INT36", &ret(&[&t]), None),
            vec![Some(1), Some(2)]
        );
        let ok = uasc(&[("C1", "M", "01/01/2010"), ("C2", "F", "02/02/2012")]);
        assert!(failing_rows("INT36", &ret(&[&ok]), None).is_empty());
    }
}
