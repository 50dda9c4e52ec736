//! The category of need (CIN) of each episode.

use crate::Table;
use crate::TableData;
use crate::rules::codes::in_list;
use crate::rules::codes::is;
use crate::rules::episodes_and_children::differs_from_last_open;
use crate::rules::episodes_and_children::no_exception;
use crate::validate::Context;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use domain::codes::CategoryOfNeed;

/// Each child's episodes in start-date order (file order on a tie), as
/// pairs of (previous, next) rows.
fn consecutive<'a>(ctx: &Context<'a>, t: &'a TableData) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for rows in ctx.rows_by_child(t).values() {
        let mut rows = rows.to_vec();
        rows.sort_by_key(|&r| (t.date(r, "DECOM"), r));
        pairs.extend(rows.windows(2).map(|w| (w[0], w[1])));
    }
    pairs.sort_unstable();
    pairs
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "145",
        message: "Category of need code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !blank(t.value(r, "CIN")) && !in_list::<CategoryOfNeed>(t.value(r, "CIN"))
            })
        },
    },
    Rule {
        code: "504",
        message: "The category of need code differs from that reported at start of current period of being looked after",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut bad: Vec<usize> = consecutive(ctx, eps)
                .into_iter()
                .filter(|&(p, n)| {
                    is(eps.value(p, "REC"), "X1")
                        && eps.date(p, "DEC").is_some()
                        && eps.date(p, "DEC") == eps.date(n, "DECOM")
                        && eps.value(p, "CIN") != eps.value(n, "CIN")
                })
                .map(|(_, n)| n)
                .collect();
            bad.sort_unstable();
            bad.dedup();
            for r in bad {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "503C",
        message: "The category of need in the first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "CIN", no_exception),
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    #[test]
    fn rule_145_episode_codes_must_be_valid() {
        check_143_144_145_episode_codes_must_be_valid();
    }

    #[test]
    fn rule_504_category_of_need_stays_within_a_period_of_care() {
        let eps = format!(
            "{EPISODES}\nA,01/05/2024,S,C2,N1,U1,PR1,10/05/2024,X1,,,,\nA,10/05/2024,P,C2,N2,U1,PR1,,,,,,\nB,01/05/2024,S,C2,N1,U1,PR1,10/05/2024,X1,,,,\nB,10/05/2024,P,C2,N1,U1,PR1,,,,,,\n"
        );
        assert_eq!(failing_rows("504", &ret(&[&eps]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_503c_category_of_need_carries_over() {
        let (now, prev) = carried_over(4, "N1", "N1", "N2");
        assert_eq!(failing_rows("503C", &now, Some(&prev)), vec![Some(1)]);
    }
}
