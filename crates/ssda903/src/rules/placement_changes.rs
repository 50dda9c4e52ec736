//! The reason for a change of placement.

use crate::Table;
use crate::TableData;
use crate::rules::ages::shift_years;
use crate::rules::codes::TEMPORARY;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::first_rows;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;

/// Each child's episodes, in order of their start dates (episodes without a
/// valid start date last, otherwise in file order).
fn episodes_in_order<'a>(ctx: &Context<'a>, data: &'a TableData) -> Vec<Vec<usize>> {
    let mut children: Vec<Vec<usize>> = ctx
        .in_start_order(data)
        .values()
        .map(<[usize]>::to_vec)
        .collect();
    children.sort();
    children
}

/// Rule 226: on a temporary placement, neither this episode nor the child's
/// previous one may give a reason for placement change.
fn reason_on_temporary_placement(ctx: &Context<'_>, out: &mut Findings) {
    let Some(data) = ctx.table(Table::Episodes) else {
        return;
    };
    let mut failing = Vec::new();
    for rows in episodes_in_order(ctx, data) {
        for (i, &r) in rows.iter().enumerate() {
            let previous_reason = i > 0 && !blank(data.value(rows[i - 1], "REASON_PLACE_CHANGE"));
            if one_of_any_case(data.value(r, "PLACE"), TEMPORARY)
                && (!blank(data.value(r, "REASON_PLACE_CHANGE")) || previous_reason)
            {
                failing.push(r);
            }
        }
    }
    failing.sort_unstable();
    for r in failing {
        out.row(data, r);
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "225",
        message: "Reason for placement change must be recorded.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(data) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut failing = Vec::new();
            for rows in episodes_in_order(ctx, data) {
                for pair in rows.windows(2) {
                    let (r, next) = (pair[0], pair[1]);
                    if is(data.value(r, "REC"), "X1")
                        && blank(data.value(r, "REASON_PLACE_CHANGE"))
                        && !one_of_any_case(data.value(r, "PLACE"), TEMPORARY)
                        && one_of_any_case(data.value(next, "RNE"), &["P", "B", "T", "U"])
                        && !one_of_any_case(data.value(next, "PLACE"), TEMPORARY)
                    {
                        failing.push(r);
                    }
                }
            }
            failing.sort_unstable();
            for r in failing {
                out.row(data, r);
            }
        },
    },
    Rule {
        code: "226",
        message: "Reason for placement change is not required.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: reason_on_temporary_placement,
    },
    Rule {
        code: "226",
        message: "Reason for placement change is not required for temporary placements.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: reason_on_temporary_placement,
    },
    Rule {
        code: "233",
        message: "Reason for placement change is not required when the episode has not ceased.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                blank(t.value(r, "DEC")) && !blank(t.value(r, "REASON_PLACE_CHANGE"))
            })
        },
    },
    Rule {
        code: "234",
        message: "A child aged under 10 can not change placement due to being admitted to custody",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(header) = ctx.table(Table::Header) else {
                return;
            };
            let header_rows = first_rows(header);
            each_row(ctx, out, Table::Episodes, |t, r| {
                let dob = header_rows
                    .get(t.value(r, "CHILD"))
                    .and_then(|&h| header.date(h, "DOB"));
                one_of_any_case(t.value(r, "REASON_PLACE_CHANGE"), &["CUSTOD"])
                    && matches!(
                        (dob, t.date(r, "DECOM")),
                        (Some(dob), Some(decom)) if shift_years(dob, 10) > decom
                    )
            })
        },
    },
    Rule {
        code: "1009",
        message: "Reason for placement change is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            const CODES: &[&str] = &[
                "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ",
                "PLACE", "CUSTOD", "OTHER",
            ];
            each_row(ctx, out, Table::Episodes, |t, r| {
                let v = t.value(r, "REASON_PLACE_CHANGE");
                !blank(v) && !one_of(v, CODES)
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    #[test]
    fn rule_225_reason_for_placement_change_is_required() {
        let r = ret(&[&episodes_csv(
            "C1,05/06/2024,P,C2,N1,U2,PR1,,,,,,\nC1,01/06/2024,S,C2,N1,U1,PR1,05/06/2024,X1,,,,\nC2,01/06/2024,S,C2,N1,U1,PR1,05/06/2024,X1,CHANGE,,,\nC2,05/06/2024,P,C2,N1,U2,PR1,,,,,,\nC3,01/06/2024,S,C2,N1,U1,PR1,05/06/2024,X1,,,,\nC3,05/06/2024,P,C2,N1,T1,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows("225", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_226_no_reason_for_placement_change_around_temporary_placements() {
        let r = ret(&[&episodes_csv(
            "C1,01/01/2025,S,C2,N1,U1,PR1,11/01/2025,X1,CHANGE,,,\nC1,11/01/2025,P,C2,N1,T1,,,,,,,\nC2,01/01/2025,S,C2,N1,T3,,11/01/2025,X1,,,,\nC2,11/01/2025,P,C2,N1,U1,PR1,,,,,,\nC3,01/01/2025,S,C2,N1,T1,,,,CHANGE,,,\n",
        )]);
        assert_eq!(failing_rows("226", &r, None), vec![Some(1), Some(4)]);
        assert_eq!(
            failing_rows_in_year("226", 2025, &r),
            vec![Some(1), Some(4)]
        );
    }

    #[test]
    fn rule_233_no_reason_for_placement_change_on_open_episodes() {
        let r = ret(&[&episodes_csv(
            "C1,01/05/2025,S,C2,N1,U1,PR1,,,CHANGE,,,\nC2,01/05/2025,S,C2,N1,U1,PR1,01/06/2025,X1,CHANGE,,,\nC3,01/05/2025,S,C2,N1,U1,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows_in_year("233", 2025, &r), vec![Some(0)]);
    }

    #[test]
    fn rule_234_no_custody_reason_under_10() {
        let r = ret(&[
            &header_csv("C1,M,01/01/2016,WBRI,,,\nC2,M,01/01/2015,WBRI,,,\n"),
            &episodes_csv(
                "C1,01/05/2025,S,C2,N1,U1,PR1,01/06/2025,X1,CUSTOD,,,\nC2,01/05/2025,S,C2,N1,U1,PR1,01/06/2025,X1,CUSTOD,,,\nC1,01/06/2025,S,C2,N1,U1,PR1,,,,,,\n",
            ),
        ]);
        assert_eq!(failing_rows_in_year("234", 2025, &r), vec![Some(0)]);
    }

    #[test]
    fn rule_1009_reason_for_placement_change_must_be_valid() {
        let eps = format!(
            "{EPISODES}\nA,01/01/2024,S,C2,N1,U1,PR1,01/02/2024,X1,CARPL,,,\nA,01/02/2024,P,C2,N1,U2,PR1,,,XYZ,,,\nA,01/03/2024,P,C2,N1,U2,PR1,,,,,,\n"
        );
        let r = ret(&[&eps]);
        assert_eq!(failing_rows("1009", &r, None), vec![Some(1)]);
    }
}
