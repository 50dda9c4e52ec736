//! Why an episode ceased (REC), and the ages and orders that allow each reason.

use crate::Table;
use crate::hash::HashMap;
use crate::rules::ages::birthday;
use crate::rules::ages::checked_birthday;
use crate::rules::ages::plus_years;
use crate::rules::codes::ADOPTED;
use crate::rules::codes::in_list;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::episode_runs;
use crate::rules::reporting::report;
use crate::rules::reporting::report_set;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;
use domain::codes::ReasonEpisodeCeased;
use std::collections::BTreeSet;

/// Rules 386, 387 and 389: an episode ended for one of these reasons when
/// the child was (`at_least` true) or was not yet (false) this age.
fn ceased_at_age(
    ctx: &Context<'_>,
    out: &mut Findings,
    reasons: &[&str],
    years: u32,
    at_least: bool,
) {
    let dobs = ctx.births();
    each_row(ctx, out, Table::Episodes, |t, r| {
        one_of_any_case(t.value(r, "REC"), reasons)
            && match (t.date(r, "DEC"), dobs.get(t.value(r, "CHILD"))) {
                (Some(end), Some(&(_, dob))) => (end >= plus_years(dob, years)) == at_least,
                _ => false,
            }
    })
}

/// Reasons an episode ceased for a special guardianship order.
const SPECIAL_GUARDIANSHIP: &[&str] = &["E45", "E46", "E47", "E48"];

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "142",
        message: "A new episode has started, but the previous episode has not ended.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut failing = BTreeSet::new();
            for (child, rows) in ctx.rows_by_child(eps) {
                if blank(child) {
                    continue;
                }
                let dated: Vec<(NaiveDate, usize)> = rows
                    .iter()
                    .filter_map(|&r| eps.date(r, "DECOM").map(|d| (d, r)))
                    .collect();
                // The latest episode may still be open; ties go to the later row.
                let Some(&(_, last)) = dated.iter().max_by_key(|(d, r)| (*d, *r)) else {
                    continue;
                };
                for &(_, r) in &dated {
                    if r != last && (blank(eps.value(r, "DEC")) || blank(eps.value(r, "REC"))) {
                        failing.insert(r);
                    }
                }
            }
            for r in failing {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "148",
        message: "Date episode ceased and reason episode ceased must both be coded, or both left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                blank(t.value(r, "DEC")) != blank(t.value(r, "REC"))
            })
        },
    },
    Rule {
        code: "149",
        message: "Reason episode ceased code is not valid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                let rec = t.value(r, "REC");
                !blank(rec) && !in_list::<ReasonEpisodeCeased>(rec)
            })
        },
    },
    Rule {
        code: "386",
        message: "Reason episode ceased is adopted but child has reached age 18.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| ceased_at_age(ctx, out, ADOPTED, 18, true),
    },
    Rule {
        code: "387",
        message: "Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| ceased_at_age(ctx, out, &["E5", "E6"], 14, false),
    },
    Rule {
        code: "388",
        message: "Reason episode ceased is coded new episode begins, but there is no continuation episode.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // X1 exactly when the child's next episode starts the day this
            // one ceased; never on the child's last episode.
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut failing = BTreeSet::new();
            for rows in ctx.rows_by_child(eps).values() {
                let mut sorted = rows.to_vec();
                // Episodes without a valid start first, as the reference.
                sorted.sort_by_key(|&r| eps.date(r, "DECOM"));
                for (i, &r) in sorted.iter().enumerate() {
                    let Some(end) = eps.date(r, "DEC") else {
                        continue;
                    };
                    let rec = eps.value(r, "REC");
                    let x1 = is(rec, "X1");
                    let fails = match sorted.get(i + 1) {
                        Some(&next) => {
                            let continues = eps.date(next, "DECOM") == Some(end);
                            (x1 && !continues) || (!x1 && !blank(rec) && continues)
                        }
                        None => x1,
                    };
                    if fails {
                        failing.insert(r);
                    }
                }
            }
            report_set(out, eps, &failing);
        },
    },
    Rule {
        code: "389",
        message: "Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| ceased_at_age(ctx, out, &["E7"], 16, false),
    },
    Rule {
        code: "437",
        message: "Reason episode ceased is child has died or is aged 18 or over but there are further episodes.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            if let Some(data) = ctx.table(Table::Episodes) {
                let rows = episode_runs(ctx, data)
                    .values()
                    .flat_map(|run| run.iter().take(run.len().saturating_sub(1)))
                    .copied()
                    .filter(|&r| {
                        one_of_any_case(data.value(r, "REC"), &["E2", "E15"])
                            && data.date(r, "DECOM").is_some()
                    })
                    .collect();
                report(out, data, rows);
            }
        },
    },
    Rule {
        code: "460",
        message: "Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(header) = ctx.table(Table::Header) else {
                return;
            };
            // The first header row of each child gives the date of birth.
            let mut dob: HashMap<&str, Option<NaiveDate>> = HashMap::default();
            for r in 0..header.len() {
                dob.entry(header.value(r, "CHILD"))
                    .or_insert_with(|| header.date(r, "DOB"));
            }
            each_row(ctx, out, Table::Episodes, |t, r| {
                let eighteenth = dob
                    .get(t.value(r, "CHILD"))
                    .copied()
                    .flatten()
                    .and_then(|d| checked_birthday(d, 18));
                one_of_any_case(t.value(r, "REC"), &["E17"])
                    && matches!(
                        (eighteenth, t.date(r, "DEC")),
                        (Some(adult), Some(end)) if end < adult
                    )
            })
        },
    },
    Rule {
        code: "407",
        message: "Reason episode ceased is Special Guardianship Order, but child has reached age 18.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // An episode ending in a special guardianship order after the
            // child's 18th birthday; the episode and the child's Header row
            // are reported.
            let (Some(eps), Some(header)) = (ctx.table(Table::Episodes), ctx.table(Table::Header))
            else {
                return;
            };
            let mut header_rows: BTreeSet<usize> = BTreeSet::new();
            let header_by_child = ctx.rows_by_child(header);
            for r in 0..eps.len() {
                if !one_of(eps.value(r, "REC"), SPECIAL_GUARDIANSHIP) {
                    continue;
                }
                let Some(dec) = eps.date(r, "DEC") else {
                    continue;
                };
                let adult: Vec<usize> = header_by_child
                    .get_row(eps, r)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&h| header.date(h, "DOB").is_some_and(|d| birthday(d, 18) < dec))
                    .collect();
                if !adult.is_empty() {
                    out.row(eps, r);
                    header_rows.extend(adult);
                }
            }
            for h in header_rows {
                out.row(header, h);
            }
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    #[test]
    fn rule_142_every_episode_but_the_last_must_have_ended() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/04/2024", "S", "C2", "01/05/2024", "X1"),
            ep("C1", "01/05/2024", "P", "C2", "", ""),
            ep("C2", "01/04/2024", "S", "C2", "", ""),
            ep("C2", "01/05/2024", "P", "C2", "", ""),
            ep("C3", "01/06/2024", "S", "C2", "", ""),
            ep("C3", "01/04/2024", "S", "C2", "01/06/2024", ""),
        ])]);
        assert_eq!(failing_rows("142", &r, None), vec![Some(2), Some(5)]);
    }

    #[test]
    fn rule_148_date_and_reason_ceased_go_together() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/04/2024", "S", "C2", "01/05/2024", "E11"),
            ep("C2", "01/04/2024", "S", "C2", "01/05/2024", ""),
            ep("C3", "01/04/2024", "S", "C2", "", "X1"),
            ep("C4", "01/04/2024", "S", "C2", "", ""),
        ])]);
        assert_eq!(failing_rows("148", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_149_reason_ceased_must_be_valid() {
        let r = ret(&[&episodes(&[
            ep("C1", "01/04/2024", "S", "C2", "01/05/2024", "E4A"),
            ep("C2", "01/04/2024", "S", "C2", "01/05/2024", "E43"),
            ep("C3", "01/04/2024", "S", "C2", "", ""),
        ])]);
        assert_eq!(failing_rows("149", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_386_adopted_at_18_or_over() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2006,", "C2,M,01/06/2006,"]),
            &eps(&[
                short_ep("C1", "01/05/2024", "P", "E1", "A4", "31/05/2024", "E11"),
                short_ep("C2", "01/05/2024", "P", "E1", "A4", "01/06/2024", "E12"),
            ]),
        ]);
        assert_eq!(failing_rows("386", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_387_independent_living_under_14() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2010,", "C2,M,01/06/2010,"]),
            &eps(&[
                short_ep("C1", "01/05/2024", "S", "V2", "U1", "01/06/2024", "E5"),
                short_ep("C2", "01/05/2024", "S", "V2", "U1", "31/05/2024", "E6"),
            ]),
        ]);
        assert_eq!(failing_rows("387", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_388_x1_exactly_when_a_new_episode_follows() {
        let r = ret(&[&eps(&[
            // Good chain.
            short_ep("C1", "01/05/2024", "S", "C2", "U1", "01/06/2024", "X1"),
            short_ep("C1", "01/06/2024", "P", "C2", "U4", "", ""),
            // X1 but the next starts later.
            short_ep("C2", "01/05/2024", "S", "C2", "U1", "01/06/2024", "X1"),
            short_ep("C2", "05/06/2024", "S", "C2", "U4", "", ""),
            // Not X1 but the next starts the same day.
            short_ep("C3", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E13"),
            short_ep("C3", "01/06/2024", "P", "C2", "U4", "", ""),
            // X1 on the last episode.
            short_ep("C4", "01/05/2024", "S", "C2", "U1", "01/06/2024", "X1"),
        ])]);
        assert_eq!(
            failing_rows("388", &r, None),
            vec![Some(2), Some(4), Some(6)]
        );
    }

    #[test]
    fn rule_389_adult_social_care_under_16() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2008,", "C2,M,01/06/2008,"]),
            &eps(&[
                short_ep("C1", "01/05/2024", "S", "V2", "R1", "01/06/2024", "E7"),
                short_ep("C2", "01/05/2024", "S", "V2", "R1", "31/05/2024", "E7"),
            ]),
        ]);
        assert_eq!(failing_rows("389", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_437_no_episodes_after_death_or_being_found_to_be_adult() {
        let r = episode_return(&[
            "C1,01/04/2024,S,C2,U1,10/05/2024,E2,LE2 2AA,SC1", // last episode: passes
            "C2,20/06/2024,S,C2,U1,,,LE2 2AA,SC1",
            "C2,01/04/2024,S,C2,U1,10/05/2024,E15,LE2 2AA,SC1", // a later episode: fails
        ]);
        assert_eq!(failing_rows("437", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_460_staying_put_only_from_18() {
        let header = format!(
            "{HEADER}\nC1,M,01/06/2006,WBRI,,,\nC2,F,01/06/2006,WBRI,,,\nC3,F,01/06/2006,WBRI,,,\n"
        );
        let eps = format!(
            "{EPISODES}\nC1,01/04/2024,S,C2,N1,U1,PR1,01/06/2024,E17,,LE1 1AA,LE2 2AA,\nC2,01/04/2024,S,C2,N1,U1,PR1,31/05/2024,E17,,LE1 1AA,LE2 2AA,\nC3,01/04/2024,S,C2,N1,U1,PR1,31/05/2024,E8,,LE1 1AA,LE2 2AA,\nC9,01/04/2024,S,C2,N1,U1,PR1,31/05/2024,E17,,LE1 1AA,LE2 2AA,\n"
        );
        let r = ret(&[&header, &eps]);
        assert_eq!(failing_rows("460", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_407_special_guardianship_after_18() {
        let header = headers(&[
            child("C1", "01/05/2006"),
            child("C2", "01/05/2006"),
            child("C3", "01/05/2006"),
        ]);
        let eps = episodes(&[
            // 18 on 01/05/2024: ceased the day after.
            ep_with_postcodes("C1", "01/01/2020", "C2", "U1", "02/05/2024", "E45", "", ""),
            // Ceased on the 18th birthday.
            ep_with_postcodes("C2", "01/01/2020", "C2", "U1", "01/05/2024", "E48", "", ""),
            // Not a special guardianship order.
            ep_with_postcodes("C3", "01/01/2020", "C2", "U1", "02/05/2024", "E11", "", ""),
        ]);
        let r = ret(&[&header, &eps]);
        // The episode, then the child's Header row.
        assert_eq!(failing_rows("407", &r, None), vec![Some(0), Some(0)]);
        let r = ret(&[&eps]);
        assert_eq!(failing_rows("407", &r, None), vec![]);
    }

    #[test]
    fn rule_407_does_not_read_1_1_20_as_the_year_20() {
        // Born in the year 20, C1 would be over 18 when the order was made.
        let header = headers(&[child("C1", "1/1/20"), child("C2", "01/05/2006")]);
        let eps = episodes(&[
            ep_with_postcodes("C1", "01/01/2020", "C2", "U1", "02/05/2024", "E45", "", ""),
            ep_with_postcodes("C2", "01/01/2020", "C2", "U1", "02/05/2024", "E45", "", ""),
        ]);
        let r = ret(&[&header, &eps]);
        assert_eq!(failing_rows("407", &r, None), vec![Some(1), Some(1)]);
    }
}
