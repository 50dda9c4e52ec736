//! Who provides each placement (PLACE_PROVIDER).

use crate::Table;
use crate::rules::ages::start_year;
use crate::rules::codes::TEMPORARY;
use crate::rules::codes::in_list;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::differs_from_last_open;
use crate::rules::episodes_and_children::no_exception;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use domain::codes::PlacementProvider;

/// Placement types without a provider, to 2024-25.
const NO_PROVIDER_TO_2024: &[&str] = &["T0", "T1", "T2", "T3", "T4", "Z1"];

/// Placement types without a provider, from 2025-26.
const NO_PROVIDER_FROM_2025: &[&str] = &["T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"];

/// Rule 178: a provider, if given, must be valid and not given for
/// placements that have none.
fn check_provider(ctx: &Context<'_>, out: &mut Findings) {
    let none = if start_year(ctx) >= 2025 {
        NO_PROVIDER_FROM_2025
    } else {
        NO_PROVIDER_TO_2024
    };
    each_row(ctx, out, Table::Episodes, |t, r| {
        let provider = t.value(r, "PLACE_PROVIDER");
        !blank(provider)
            && (!in_list::<PlacementProvider>(provider) || one_of(t.value(r, "PLACE"), none))
    })
}

/// Rule 213: placement provider given for a placement type that takes none.
fn provider_not_required(ctx: &Context<'_>, out: &mut Findings, places: &[&str]) {
    each_row(ctx, out, Table::Episodes, |t, r| {
        one_of_any_case(t.value(r, "PLACE"), places) && !blank(t.value(r, "PLACE_PROVIDER"))
    })
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "178",
        message: "Placement provider code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: check_provider,
    },
    Rule {
        code: "213",
        message: "Placement provider information not required.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: |ctx, out| provider_not_required(ctx, out, TEMPORARY),
    },
    Rule {
        code: "213",
        message: "Placement provider information not required.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            provider_not_required(
                ctx,
                out,
                &["T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"],
            )
        },
    },
    Rule {
        code: "503E",
        message: "The placement provider in the first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "PLACE_PROVIDER", no_exception),
    },
    Rule {
        code: "526",
        message: "Child is missing a placement provider code for at least one episode.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !one_of(t.value(r, "PLACE"), &["T0", "T1", "T2", "T3", "T4", "Z1"])
                    && blank(t.value(r, "PLACE_PROVIDER"))
            })
        },
    },
    Rule {
        code: "526",
        message: "Child is missing a placement provider code for at least one episode.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !one_of(
                    t.value(r, "PLACE"),
                    &["T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"],
                ) && blank(t.value(r, "PLACE_PROVIDER"))
            })
        },
    },
    Rule {
        code: "527",
        message: "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), &["P1", "R2", "R5"])
                    && is(t.value(r, "PLACE_PROVIDER"), "PR1")
            })
        },
    },
    Rule {
        code: "528",
        message: "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), &["P1", "R2", "R5"])
                    && is(t.value(r, "PLACE_PROVIDER"), "PR2")
            })
        },
    },
    Rule {
        code: "529",
        message: "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            const PLACES: &[&str] = &[
                "A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4", "U5", "U6",
            ];
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), PLACES) && is(t.value(r, "PLACE_PROVIDER"), "PR3")
            })
        },
    },
    Rule {
        code: "530",
        message: "A placement provider code of PR4 cannot be associated with placement P1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "PLACE"), "P1") && is(t.value(r, "PLACE_PROVIDER"), "PR4")
            })
        },
    },
    Rule {
        code: "531",
        message: "A placement provider code of PR5 cannot be associated with placements P1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "PLACE"), "P1") && is(t.value(r, "PLACE_PROVIDER"), "PR5")
            })
        },
    },
    Rule {
        code: "550",
        message: "A placement provider code of PR0 can only be associated with placement P1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !is(t.value(r, "PLACE"), "P1") && is(t.value(r, "PLACE_PROVIDER"), "PR0")
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    fn providers() -> crate::Return {
        ret(&[&format!(
            "{EPISODES}\nA,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nB,01/05/2024,S,C2,N1,R2,PR1,,,,,,\nC,01/05/2024,S,C2,N1,P1,PR2,,,,,,\nD,01/05/2024,S,C2,N1,K2,PR3,,,,,,\nE,01/05/2024,S,C2,N1,P1,PR4,,,,,,\nF,01/05/2024,S,C2,N1,P1,PR5,,,,,,\n"
        )])
    }

    #[test]
    fn rule_178_placement_provider() {
        let r = ret(&[&episodes(&[
            ep_at("C1", "01/04/2024", "S", "C2", "U1", "PR1", "", ""),
            ep_at("C2", "01/04/2024", "S", "C2", "T1", "", "", ""),
            ep_at("C3", "01/04/2024", "S", "C2", "T1", "PR1", "", ""),
            ep_at("C4", "01/04/2024", "S", "C2", "U1", "PR9", "", ""),
            ep_at("C5", "01/04/2024", "S", "C2", "Z1", "PR1", "", ""),
        ])]);
        assert_eq!(
            failing_rows("178", &r, None),
            vec![Some(2), Some(3), Some(4)]
        );
    }

    #[test]
    fn rule_178_t4_has_a_provider_from_2025_26() {
        let r = ret(&[&episodes(&[
            ep_at("C1", "01/04/2024", "S", "C2", "T4", "PR1", "", ""),
            ep_at("C2", "01/04/2024", "S", "C2", "Z11", "PR1", "", ""),
            ep_at("C3", "01/04/2024", "S", "C2", "U1", "PR1", "", ""),
        ])]);
        assert_eq!(rows_in(2024, "178", &r), vec![Some(0)]);
        assert_eq!(rows_in(2025, "178", &r), vec![Some(1)]);
    }

    #[test]
    fn rule_213_no_provider_for_temporary_placements() {
        let r = ret(&[&episodes_csv(
            "C1,01/05/2024,S,C2,N1,T1,PR1,,,,,,\nC2,01/05/2024,S,C2,N1,T1,,,,,,,\nC3,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nC4,01/05/2024,S,C2,N1,Z12,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows("213", &r, None), vec![Some(0)]);
        assert_eq!(
            failing_rows_in_year("213", 2025, &r),
            vec![Some(0), Some(3)]
        );
    }

    #[test]
    fn rule_526_placement_provider_needed() {
        let eps = format!(
            "{EPISODES}\nA,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nB,01/05/2024,S,C2,N1,T1,,,,,,,\nC,01/05/2024,S,C2,N1,U1,,,,,,,\n"
        );
        assert_eq!(failing_rows("526", &ret(&[&eps]), None), vec![Some(2)]);
    }

    #[test]
    fn rule_550_pr0_only_with_p1() {
        let eps = format!(
            "{EPISODES}\nA,01/05/2024,S,C2,N1,P1,PR0,,,,,,\nB,01/05/2024,S,C2,N1,U1,PR0,,,,,,\n"
        );
        assert_eq!(failing_rows("550", &ret(&[&eps]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_503e_placement_provider_carries_over() {
        let (now, prev) = carried_over(6, "PR1", "PR1", "PR2");
        assert_eq!(failing_rows("503E", &now, Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_527_pr1_not_with_p1_r2_r5() {
        assert_eq!(failing_rows("527", &providers(), None), vec![Some(1)]);
    }

    #[test]
    fn rule_528_pr2_not_with_p1_r2_r5() {
        assert_eq!(failing_rows("528", &providers(), None), vec![Some(2)]);
    }

    #[test]
    fn rule_529_pr3_not_with_family_placements() {
        assert_eq!(failing_rows("529", &providers(), None), vec![Some(3)]);
    }

    #[test]
    fn rule_530_pr4_not_with_p1() {
        assert_eq!(failing_rows("530", &providers(), None), vec![Some(4)]);
    }

    #[test]
    fn rule_531_pr5_not_with_p1() {
        assert_eq!(failing_rows("531", &providers(), None), vec![Some(5)]);
    }
}
