//! Ofsted's unique reference number (URN) of each placement: given when, and only when, the placement needs one.

use super::placement::each_placed;
use crate::Table;
use crate::ofsted::each_placement;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::authority_of;
use crate::rules::episodes_and_children::differs_from_last_open;
use crate::rules::episodes_and_children::no_exception;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::date;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;

const NO_URN: &str = "XXXXXXX";

/// Rule 222: a URN other than XXXXXXX given for these placement types.
fn urn_not_expected(ctx: &Context<'_>, out: &mut Findings, places: &[&str]) {
    each_row(ctx, out, Table::Episodes, |t, r| {
        let urn = t.value(r, "URN");
        one_of_any_case(t.value(r, "PLACE"), places) && !blank(urn) && urn != NO_URN
    })
}

/// Rule 218: an episode open at some point in the year (ending on or after
/// 1 April, or open), in England by its placement authority (PL_LA), of a
/// placement type other than `exempt`, needs a URN. A placement whose
/// authority is unknown is not known to be outside England, so it needs one
/// (169 reports the unknown authority). A short break (legal status V3 or
/// V4) needs none: 214 forbids a URN there, and the reference exempts them
/// (it reads their blank placement authority as outside England).
fn urn_required(ctx: &Context<'_>, out: &mut Findings, exempt: &[&str]) {
    let start = ctx.start();
    each_placed(ctx, out, |t, r, p| {
        let dec = t.value(r, "DEC");
        let in_year = match date(dec) {
            Some(d) => d >= start,
            None => blank(dec),
        };
        in_year
            && blank(t.value(r, "URN"))
            && !one_of_any_case(t.value(r, "PLACE"), exempt)
            && !one_of_any_case(t.value(r, "LS"), &["V3", "V4"])
            && !p.outside_england()
    })
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        // The placement types that need no URN changed with the years: H5
        // and P2 needed none until 2023-24; Z1 became Z11 to Z14 in 2025-26.
        code: "218",
        message: "Ofsted Unique reference number (URN) is required.",
        years: Years::to(2023),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            urn_required(
                ctx,
                out,
                &[
                    "H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1",
                ],
            )
        },
    },
    Rule {
        code: "218",
        message: "Ofsted Unique reference number (URN) is required.",
        years: Years::span(2024, 2024),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            urn_required(
                ctx,
                out,
                &[
                    "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1",
                ],
            )
        },
    },
    Rule {
        code: "218",
        message: "Ofsted Unique reference number (URN) is required.",
        years: Years::since(2025),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            urn_required(
                ctx,
                out,
                &[
                    "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12",
                    "Z13", "Z14",
                ],
            )
        },
    },
    Rule {
        code: "222",
        message: "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            urn_not_expected(
                ctx,
                out,
                &[
                    "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1",
                ],
            )
        },
    },
    Rule {
        code: "222",
        message: "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            urn_not_expected(
                ctx,
                out,
                &[
                    "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1",
                ],
            )
        },
    },
    Rule {
        // An H5 placement in England (by PL_LA) open on or after 29 October
        // 2023 (or whose end is not a date) needs a real URN. In force in
        // 2023-24 only.
        code: "230",
        message: "Ofsted Unique reference number (URN) is required for any English H5 placements from 28 October 2023.",
        years: Years::to(2023),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            let from = NaiveDate::from_ymd_opt(2023, 10, 29).expect("a real date");
            each_placed(ctx, out, |t, r, p| {
                one_of_any_case(t.value(r, "PLACE"), &["H5"])
                    && date(t.value(r, "DEC")).is_none_or(|d| d >= from)
                    && (blank(t.value(r, "URN")) || one_of_any_case(t.value(r, "URN"), &[NO_URN]))
                    && !p.outside_england()
            })
        },
    },
    Rule {
        // A supported accommodation (K3) placement's PL_LA must be an
        // authority where the provider (by URN, in Ofsted's lists) has
        // premises, each placed by its postcode. (The reference compares
        // PL_LA with the council's own code instead, though its comment
        // states this rule; a URN the lists do not hold is 219's to report.)
        code: "241",
        message: "LA of placement is not an LA the provider has premises.",
        years: Years::since(2025),
        needs: Needs::PostcodesAndOfstedProviders,
        check: |ctx, out| {
            let Some(dir) = ctx.postcodes else { return };
            each_placement(ctx, out, |t, r, provider| {
                let Some(provider) = provider else {
                    return false;
                };
                let placed = ctx.placement(r).la;
                one_of_any_case(t.value(r, "PLACE"), &["K3"])
                    && !provider
                        .postcodes
                        .iter()
                        .any(|pc| placed.is_some() && authority_of(dir, pc) == placed)
            })
        },
    },
    Rule {
        code: "242",
        message: "URN = 'XXXXXXX' can only be used for regional adoption agencies",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.value(r, "URN") == NO_URN
                    && !one_of_any_case(
                        t.value(r, "PLACE"),
                        &["A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"],
                    )
            })
        },
    },
    Rule {
        // A placement in Scotland, Wales or Northern Ireland (by PL_LA) has
        // no Ofsted registration, so no URN.
        code: "243",
        message: "Only placements with providers registered with Ofsted should have a URN reported.",
        years: Years::since(2025),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |t, r, p| {
                p.outside_england() && !blank(t.value(r, "URN"))
            })
        },
    },
    Rule {
        code: "503F",
        message: "The Ofsted URN in the  first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "URN", no_exception),
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::Needs;
    use crate::validate::testing::*;

    #[test]
    fn rule_218_urn_required_in_england() {
        // C1 a children's home in England without a URN; C2 the same with
        // one; C3 in Wales; C4 ended before the year; C5 placed with
        // parents (P1); C6 an unknown placement postcode; C7 H5 and C8 P2,
        // exempt until 2023-24; C9 Z11, exempt from 2025-26.
        let build = |start: i32| {
            let y = start;
            let lines = [
                format!("C1,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,"),
                format!("C2,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC1"),
                format!("C3,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,CF10 3NQ,"),
                format!("C4,01/05/2019,S,C2,N1,K2,PR1,01/01/{y},E11,,LE1 1FZ,LE3 8RA,"),
                format!("C5,01/05/{y},S,C2,N1,P1,PR1,,,,LE1 1FZ,LE3 8RA,"),
                format!("C6,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,XX1 1XX,"),
                format!("C7,01/05/{y},S,C2,N1,H5,PR1,,,,LE1 1FZ,LE3 8RA,"),
                format!("C8,01/05/{y},S,C2,N1,P2,PR1,,,,LE1 1FZ,LE3 8RA,"),
                format!("C9,01/05/{y},S,C2,N1,Z11,PR1,,,,LE1 1FZ,LE3 8RA,"),
            ];
            ret(&[&episodes_csv(&(lines.join("\n") + "\n"))])
        };
        assert_eq!(
            failing_rows_with_postcodes("218", 2023, &build(2023), None),
            vec![Some(0), Some(5), Some(8)]
        );
        assert_eq!(
            failing_rows_with_postcodes("218", 2024, &build(2024), None),
            vec![Some(0), Some(5), Some(6), Some(7), Some(8)]
        );
        assert_eq!(
            failing_rows_with_postcodes("218", 2025, &build(2025), None),
            vec![Some(0), Some(5), Some(6), Some(7)]
        );
    }

    #[test]
    fn rule_218_and_214_agree_on_short_breaks_which_need_no_urn() {
        // C1 a series of short breaks (V3) and C2 an agreement (V4) in a
        // children's home in England, with no URN and no postcode, as 214
        // asks: 218 does not ask for the URN 214 forbids. C3, the same home
        // under a care order, still needs one.
        let r = ret(&[&episodes_csv(concat!(
            "C1,01/05/2024,S,V3,N2,K2,PR1,03/05/2024,E13,,LE1 1FZ,,\n",
            "C2,01/05/2024,S,V4,N2,K2,PR1,,,,LE1 1FZ,,\n",
            "C3,01/05/2024,S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,\n",
        ))]);
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("218", year, &r, None),
                vec![Some(2)],
                "{year}"
            );
        }
        assert!(failing_rows("214", &r, None).is_empty());
    }

    #[test]
    fn rule_230_urn_for_english_h5_placements_from_28_october_2023() {
        // 230 is in force in 2023-24 only (the DfE dropped it for 2024-25).
        let r = ret(&[&episodes_csv(concat!(
            "C1,01/05/2023,S,C2,N1,H5,PR1,,,,LE1 1FZ,LE3 8RA,\n",
            "C2,01/05/2023,S,C2,N1,H5,PR1,,,,LE1 1FZ,LE3 8RA,XXXXXXX\n",
            "C3,01/05/2023,S,C2,N1,H5,PR1,,,,LE1 1FZ,LE3 8RA,SC1\n",
            "C4,01/05/2023,S,C2,N1,H5,PR1,28/10/2023,E11,,LE1 1FZ,LE3 8RA,\n",
            "C5,01/05/2023,S,C2,N1,H5,PR1,29/10/2023,E11,,LE1 1FZ,LE3 8RA,\n",
            "C6,01/05/2023,S,C2,N1,H5,PR1,,,,LE1 1FZ,EH1 1RE,\n",
            "C7,01/05/2023,S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,\n",
        ))]);
        assert_eq!(
            failing_rows_with_postcodes("230", 2023, &r, None),
            vec![Some(0), Some(1), Some(4)]
        );
        assert_not_run("230", 2023, &r, Needs::Postcodes);
    }

    #[test]
    fn rule_222_no_urn_for_these_placement_types() {
        let r = ret(&[&episodes_csv(
            "C1,01/05/2024,S,C2,N1,R1,PR1,,,,,,SC1\nC2,01/05/2024,S,C2,N1,T2,PR1,,,,,,XXXXXXX\nC3,01/05/2024,S,C2,N1,U1,PR1,,,,,,SC1\nC4,01/05/2024,S,C2,N1,P2,PR1,,,,,,SC1\n",
        )]);
        assert_eq!(failing_rows("222", &r, None), vec![Some(0)]);
        assert_eq!(
            failing_rows_in_year("222", 2023, &r),
            vec![Some(0), Some(3)]
        );
    }

    #[test]
    fn rule_241_placement_where_the_provider_has_premises() {
        // K3 placed in the council (LE3 8RA): SC7 has premises there, SC8
        // and SC9 do not; an unknown URN is 219's; K2 is not looked at.
        let r = ret(&[&episodes_csv(concat!(
            "C1,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC7\n",
            "C2,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC8\n",
            "C3,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC9\n",
            "C4,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC404\n",
            "C5,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC8\n",
            "C6,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE1 1FZ,SC8\n",
        ))]);
        assert_eq!(
            failing_rows_with_both("241", 2025, &r),
            vec![Some(1), Some(2)]
        );
        let r = ret(&[&episodes_csv("C1,01/05/2025,S,C2,N1,K3,PR1,,,,,,SC1\n")]);
        assert_not_run("241", 2025, &r, Needs::PostcodesAndOfstedProviders);
        assert_eq!(failing_rows("241", &r, None), vec![]);
    }

    #[test]
    fn rule_243_no_urn_outside_england() {
        let r = ret(&[&episodes_csv(concat!(
            "C1,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,EH1 1RE,SC1\n",
            "C2,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,CF10 3NQ,\n",
            "C3,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC1\n",
            "C4,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,XX1 1XX,SC1\n",
        ))]);
        assert_eq!(
            failing_rows_with_postcodes("243", 2025, &r, None),
            vec![Some(0)]
        );
        assert_not_run("243", 2025, &r, Needs::Postcodes);
    }

    #[test]
    fn rule_242_urn_xxxxxxx_only_for_adoption_agencies() {
        let r = ret(&[&episodes_csv(
            "C1,01/05/2025,S,C2,N1,A3,PR1,,,,,,XXXXXXX\nC2,01/05/2025,S,C2,N1,K3,PR1,,,,,,XXXXXXX\nC3,01/05/2025,S,C2,N1,K3,PR1,,,,,,SC1\n",
        )]);
        assert_eq!(failing_rows_in_year("242", 2025, &r), vec![Some(1)]);
    }

    #[test]
    fn rule_503f_urn_carries_over() {
        let (now, prev) = carried_over(12, "SC000001", "SC000001", "SC000002");
        assert_eq!(failing_rows("503F", &now, Some(&prev)), vec![Some(1)]);
    }
}
