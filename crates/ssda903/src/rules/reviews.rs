//! Reviews of children looked after: dates and how the child took part.

use crate::Table;
use crate::rules::ages::checked_birthday;
use crate::rules::ages::is_date;
use crate::rules::codes::SHORT_BREAKS;
use crate::rules::codes::in_list;
use crate::rules::codes::one_of_any_case;
use crate::rules::reporting::report_set;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use domain::codes::ReviewParticipation;
use std::collections::BTreeSet;

/// The participation codes for a child aged 4 or over at the review.
const AGED_4_OR_OVER: [&str; 7] = ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"];

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "166",
        message: "Date of review is invalid or blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Reviews, |t, r| {
                !is_date(t.value(r, "REVIEW"))
            })
        },
    },
    Rule {
        code: "167",
        message: "Data entry for participation is invalid or blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Reviews, |t, r| {
                let (review, code) = (t.value(r, "REVIEW"), t.value(r, "REVIEW_CODE"));
                let ok = if blank(review) {
                    blank(code)
                } else {
                    in_list::<ReviewParticipation>(code)
                };
                !ok
            })
        },
    },
    Rule {
        code: "399",
        message: "Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Only children all of whose episodes are V3/V4. Fails their
            // episodes and Header row, and their reviews that give a date or
            // code (all their reviews when MOTHER is completed).
            let (Some(eps), Some(header), Some(reviews)) = (
                ctx.table(Table::Episodes),
                ctx.table(Table::Header),
                ctx.table(Table::Reviews),
            ) else {
                return;
            };
            let headers = ctx.rows_by_child(header);
            let child_reviews = ctx.rows_by_child(reviews);
            let (mut ep_rows, mut hdr_rows, mut rev_rows) =
                (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
            for (child, rows) in ctx.rows_by_child(eps) {
                if !rows
                    .iter()
                    .all(|&r| one_of_any_case(eps.value(r, "LS"), SHORT_BREAKS))
                {
                    continue;
                }
                let hdrs = headers.get(child).unwrap_or_default();
                let revs = child_reviews.get(child).unwrap_or_default();
                let mother = hdrs.iter().any(|&h| !blank(header.value(h, "MOTHER")));
                let reviewed: Vec<usize> = revs
                    .iter()
                    .copied()
                    .filter(|&v| {
                        !blank(reviews.value(v, "REVIEW"))
                            || !blank(reviews.value(v, "REVIEW_CODE"))
                    })
                    .collect();
                if !mother && reviewed.is_empty() {
                    continue;
                }
                ep_rows.extend(rows.iter().copied());
                hdr_rows.extend(hdrs.iter().copied());
                if mother {
                    rev_rows.extend(revs.iter().copied());
                } else {
                    rev_rows.extend(reviewed);
                }
            }
            report_set(out, eps, &ep_rows);
            report_set(out, header, &hdr_rows);
            report_set(out, reviews, &rev_rows);
        },
    },
    Rule {
        code: "440",
        message: "Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Reviews, |t, r| {
                one_of_any_case(t.value(r, "REVIEW_CODE"), &["PN0"])
                    && matches!(
                        (t.date(r, "DOB").and_then(|d| checked_birthday(d, 4)), t.date(r, "REVIEW")),
                        (Some(fourth), Some(review)) if review >= fourth
                    )
            })
        },
    },
    Rule {
        code: "441",
        message: "Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Reviews, |t, r| {
                one_of_any_case(t.value(r, "REVIEW_CODE"), &AGED_4_OR_OVER)
                    && matches!(
                        (t.date(r, "DOB").and_then(|d| checked_birthday(d, 4)), t.date(r, "REVIEW")),
                        (Some(fourth), Some(review)) if review < fourth
                    )
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    fn check_166_167_review_date_and_participation() {
        let r = ret(&[&csv_table(
            REVIEWS,
            &[
                "C1,01/01/2015,01/05/2024,PN1",
                "C2,01/01/2015,,",
                "C3,01/01/2015,01/05/2024,",
                "C4,01/01/2015,31/04/2024,PN9",
            ],
        )]);
        assert_eq!(failing_rows("166", &r, None), vec![Some(1), Some(3)]);
        assert_eq!(failing_rows("167", &r, None), vec![Some(2), Some(3)]);
    }

    #[test]
    fn rule_166_review_date_and_participation() {
        check_166_167_review_date_and_participation();
    }

    #[test]
    fn rule_167_review_date_and_participation() {
        check_166_167_review_date_and_participation();
    }

    #[test]
    fn rule_399_mother_or_reviews_given_for_a_respite_only_child() {
        let r = ret(&[
            &eps(&[
                short_ep("C1", "01/05/2024", "S", "V4", "U6", "", ""),
                short_ep("C2", "01/05/2024", "S", "V3", "U6", "03/05/2024", "E13"),
                short_ep("C2", "01/06/2024", "S", "V3", "U6", "03/06/2024", "E13"),
                short_ep("C3", "01/05/2024", "S", "V3", "U6", "03/05/2024", "E13"),
                short_ep("C3", "01/06/2024", "S", "C2", "U1", "", ""),
                short_ep("C4", "01/05/2024", "S", "V4", "U6", "", ""),
            ]),
            &short_header(&[
                "C1,F,01/06/2008,",
                "C2,M,01/06/2008,",
                "C3,F,01/06/2008,1",
                "C4,F,01/06/2008,1",
            ]),
            &format!(
                "{REVIEWS}\nC1,01/06/2008,,\nC2,01/06/2008,01/07/2024,PN1\nC3,01/06/2008,01/07/2024,PN1\n"
            ),
        ]);
        // C2 (a review) and C4 (MOTHER): Episodes 1, 2, 5; Header 1, 3;
        // Reviews 1. C3 also has a non-respite episode; C1 gives nothing.
        assert_eq!(
            failing_rows("399", &r, None),
            vec![Some(1), Some(2), Some(5), Some(1), Some(3), Some(1)]
        );
    }

    #[test]
    fn rule_440_pn0_only_under_4() {
        let r = ret(&[&format!(
            "{REVIEWS}\nC1,01/06/2021,31/05/2025,PN0\nC2,01/06/2020,01/06/2024,PN0\nC3,01/06/2019,01/06/2024,PN1\n"
        )]);
        assert_eq!(failing_rows("440", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_441_pn1_to_pn7_only_from_4() {
        let r = ret(&[&format!(
            "{REVIEWS}\nC1,01/06/2020,01/06/2024,PN1\nC2,01/06/2020,31/05/2024,PN7\nC3,01/06/2022,01/06/2024,PN0\nC4,,01/06/2024,PN2\n"
        )]);
        assert_eq!(failing_rows("441", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_441_does_not_read_1_1_20_as_the_year_20() {
        // A review in the year 20 would be before the child (born 2022) was 4.
        let r = ret(&[&format!(
            "{REVIEWS}\nC1,01/06/2022,1/1/20,PN1\nC2,01/06/2022,01/06/2024,PN1\n"
        )]);
        assert_eq!(failing_rows("441", &r, None), vec![Some(1)]);
    }
}
