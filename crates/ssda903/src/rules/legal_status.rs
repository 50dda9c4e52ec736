//! The legal status of each episode (LS): valid codes, how long each may last and what may follow it.

use crate::Table;
use crate::TableData;
use crate::rules::ages::plus_days;
use crate::rules::ages::plus_years;
use crate::rules::codes::in_list;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::differs_from_last_open;
use crate::rules::episodes_and_children::no_exception;
use crate::rules::reporting::report_set;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::date;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;
use domain::codes::LegalStatus;
use std::collections::BTreeSet;

/// The date an episode ceased, the end of the collection year while it is
/// open (or its end date is not a date, as the reference does).
fn ceased_or_year_end(ctx: &Context<'_>, data: &TableData, r: usize) -> NaiveDate {
    data.date(r, "DEC").unwrap_or_else(|| ctx.end())
}

/// Rules 361 and 362: a run of adjoining episodes under this legal status
/// (each starting the day the previous one ceased) lasted longer than this
/// many days, from the first start to the last end (the end of the year
/// while open). Every episode of the run fails.
fn adjoining_status_longer_than(ctx: &Context<'_>, out: &mut Findings, status: &str, max: i64) {
    let Some(eps) = ctx.table(Table::Episodes) else {
        return;
    };
    let mut failing = BTreeSet::new();
    let mut flush = |run: &mut Vec<usize>| {
        if let (Some(start), Some(end)) = (
            run.iter().filter_map(|&r| eps.date(r, "DECOM")).min(),
            run.iter().map(|&r| ceased_or_year_end(ctx, eps, r)).max(),
        ) && (end - start).num_days() > max
        {
            failing.extend(run.iter().copied());
        }
        run.clear();
    };
    for rows in ctx.in_start_order(eps).values() {
        let dated: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&r| eps.date(r, "DECOM").is_some())
            .collect();
        let mut run = Vec::new();
        for (i, &r) in dated.iter().enumerate() {
            let in_status = is(eps.value(r, "LS"), status);
            let continues = i > 0 && {
                let p = dated[i - 1];
                is(eps.value(p, "LS"), status)
                    && Some(ceased_or_year_end(ctx, eps, p)) == eps.date(r, "DECOM")
            };
            if !(in_status && continues) {
                flush(&mut run);
            }
            if in_status {
                run.push(r);
            }
        }
        flush(&mut run);
    }
    report_set(out, eps, &failing);
}

/// Rules 363 and 364: a period under this legal status lasted longer than
/// this many days. The child's episodes under the status, in order, make
/// one period while each starts on or before the previous one ceased; a
/// period lasts the sum of its episodes' lengths (open ones to the end of
/// the year). Every episode of the period fails.
fn status_period_longer_than(ctx: &Context<'_>, out: &mut Findings, status: &str, max: i64) {
    let Some(eps) = ctx.table(Table::Episodes) else {
        return;
    };
    let mut failing = BTreeSet::new();
    let mut flush = |period: &mut Vec<usize>, days: i64| {
        if days > max {
            failing.extend(period.iter().copied());
        }
        period.clear();
    };
    for rows in ctx.in_start_order(eps).values() {
        let mut period = Vec::new();
        let mut days = 0;
        let mut previous_end: Option<NaiveDate> = None;
        for &r in rows {
            let Some(start) = eps.date(r, "DECOM") else {
                continue;
            };
            if !is(eps.value(r, "LS"), status) {
                continue;
            }
            let dec = eps.value(r, "DEC");
            let end = if blank(dec) {
                Some(ctx.end())
            } else {
                date(dec)
            };
            if period.is_empty() || previous_end.is_some_and(|p| start > p) {
                flush(&mut period, days);
                days = 0;
            }
            period.push(r);
            days += end.map_or(0, |e| (e - start).num_days());
            previous_end = end;
        }
        flush(&mut period, days);
    }
    report_set(out, eps, &failing);
}

/// Legal statuses of children looked after under a series of short breaks.
const SHORT_BREAKS: &[&str] = &["V3", "V4"];

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "144",
        message: "The legal status code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !blank(t.value(r, "LS")) && !in_list::<LegalStatus>(t.value(r, "LS"))
            })
        },
    },
    Rule {
        code: "358",
        message: "Child with this legal status should not be under 10.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(header)) = (ctx.table(Table::Episodes), ctx.table(Table::Header))
            else {
                return;
            };
            let dobs = ctx.births();
            let (mut ep_rows, mut hdr_rows) = (BTreeSet::new(), BTreeSet::new());
            for r in 0..eps.len() {
                if !one_of_any_case(eps.value(r, "LS"), &["J1", "J2", "J3"]) {
                    continue;
                }
                if let (Some(start), Some(&(h, dob))) =
                    (eps.date(r, "DECOM"), dobs.get(eps.value(r, "CHILD")))
                    && start <= plus_years(dob, 10)
                {
                    ep_rows.insert(r);
                    hdr_rows.insert(h);
                }
            }
            report_set(out, eps, &ep_rows);
            report_set(out, header, &hdr_rows);
        },
    },
    Rule {
        code: "361",
        message: "Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| adjoining_status_longer_than(ctx, out, "L1", 3),
    },
    Rule {
        code: "362",
        message: "Emergency protection order (EPO) lasted longer than 21 days",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| adjoining_status_longer_than(ctx, out, "L2", 21),
    },
    Rule {
        code: "363",
        message: "Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| status_period_longer_than(ctx, out, "L3", 7),
    },
    Rule {
        code: "364",
        message: "Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| status_period_longer_than(ctx, out, "J2", 21),
    },
    Rule {
        code: "365",
        message: "Any individual short- term respite placement must not exceed 17 days.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let year_end = ctx.end();
            each_row(ctx, out, Table::Episodes, |t, r| {
                let dec = t.value(r, "DEC");
                let end = if blank(dec) {
                    Some(year_end)
                } else {
                    date(dec)
                };
                is(t.value(r, "LS"), "V3")
                    && match (t.date(r, "DECOM"), end) {
                        (Some(s), Some(e)) => e > plus_days(s, 17),
                        _ => false,
                    }
            })
        },
    },
    Rule {
        code: "367",
        message: "The maximum amount of respite care allowable is 75 days in any 12-month period.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Days of V3 episodes within the collection year, per child.
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let (year_start, year_end) = (ctx.start(), ctx.end());
            let mut failing = BTreeSet::new();
            for rows in ctx.rows_by_child(eps).values() {
                let mut counted = Vec::new();
                let mut total = 0;
                for &r in rows {
                    if !is(eps.value(r, "LS"), "V3") {
                        continue;
                    }
                    let Some(start) = eps.date(r, "DECOM") else {
                        continue;
                    };
                    let dec = eps.value(r, "DEC");
                    let end = if blank(dec) {
                        Some(year_end)
                    } else {
                        date(dec)
                    };
                    let Some(end) = end else {
                        continue;
                    };
                    let days = (end.min(year_end) - start.max(year_start)).num_days();
                    if days > 0 {
                        counted.push(r);
                        total += days;
                    }
                }
                if total > 75 {
                    failing.extend(counted);
                }
            }
            report_set(out, eps, &failing);
        },
    },
    Rule {
        code: "445",
        message: "D1 is not a valid code for episodes starting after December 2005.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let last = NaiveDate::from_ymd_opt(2005, 12, 31).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "LS"), &["D1"])
                    && t.date(r, "DECOM").is_some_and(|d| d > last)
            })
        },
    },
    Rule {
        code: "446",
        message: "E1 is not a valid code for episodes starting before December 2005.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let first = NaiveDate::from_ymd_opt(2005, 12, 1).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "LS"), &["E1"])
                    && t.date(r, "DECOM").is_some_and(|d| d < first)
            })
        },
    },
    Rule {
        code: "451",
        message: "Child is still freed for adoption, but freeing orders could not be applied for since 30 December 2005.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "LS"), &["D1"])
                    && blank(t.value(r, "DEC"))
                    && blank(t.value(r, "REC"))
            })
        },
    },
    Rule {
        code: "503B",
        message: "The legal status in the first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "LS", no_exception),
    },
    Rule {
        code: "426",
        message: "A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Every V3 and V4 episode of a child who has both.
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut rows: Vec<usize> = Vec::new();
            for child_rows in ctx.rows_by_child(eps).values() {
                let has = |ls: &str| child_rows.iter().any(|&r| eps.value(r, "LS") == ls);
                if has("V3") && has("V4") {
                    rows.extend(
                        child_rows
                            .iter()
                            .filter(|&&r| one_of(eps.value(r, "LS"), SHORT_BREAKS)),
                    );
                }
            }
            rows.sort_unstable();
            for r in rows {
                out.row(eps, r);
            }
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    #[test]
    fn rule_144_episode_codes_must_be_valid() {
        check_143_144_145_episode_codes_must_be_valid();
    }

    #[test]
    fn rule_358_youth_justice_status_under_10() {
        let r = ret(&[
            &short_header(&["C1,M,01/06/2014,", "C2,M,01/06/2014,"]),
            &eps(&[
                short_ep("C1", "02/06/2024", "S", "J1", "K2", "", ""),
                short_ep("C2", "01/06/2024", "S", "J2", "K2", "", ""),
            ]),
        ]);
        // Episodes row 1, then Header row 1.
        assert_eq!(failing_rows("358", &r, None), vec![Some(1), Some(1)]);
    }

    #[test]
    fn rule_361_police_protection_longer_than_72_hours() {
        let r = ret(&[&eps(&[
            // 3 days over two adjoining episodes: passes.
            short_ep("C1", "01/05/2024", "S", "L1", "U1", "02/05/2024", "X1"),
            short_ep("C1", "02/05/2024", "L", "L1", "U1", "04/05/2024", "X1"),
            short_ep("C1", "04/05/2024", "L", "C1", "U1", "", ""),
            // 4 days over two adjoining episodes: both fail.
            short_ep("C2", "01/05/2024", "S", "L1", "U1", "03/05/2024", "X1"),
            short_ep("C2", "03/05/2024", "L", "L1", "U1", "05/05/2024", "X1"),
            short_ep("C2", "05/05/2024", "L", "C1", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("361", &r, None), vec![Some(3), Some(4)]);
    }

    #[test]
    fn rule_362_epo_longer_than_21_days() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "L2", "U1", "22/05/2024", "X1"),
            short_ep("C1", "22/05/2024", "L", "C1", "U1", "", ""),
            // Open at the end of the year.
            short_ep("C2", "01/03/2025", "S", "L2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("362", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_363_child_assessment_order_longer_than_7_days() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "L3", "U1", "08/05/2024", "X1"),
            short_ep("C1", "08/05/2024", "L", "C1", "U1", "", ""),
            short_ep("C2", "01/05/2024", "S", "L3", "U1", "05/05/2024", "X1"),
            short_ep("C2", "05/05/2024", "P", "L3", "U4", "09/05/2024", "X1"),
            short_ep("C2", "09/05/2024", "L", "C1", "U4", "", ""),
        ])]);
        assert_eq!(failing_rows("363", &r, None), vec![Some(2), Some(3)]);
    }

    #[test]
    fn rule_364_pace_detention_longer_than_21_days() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "J2", "K1", "22/05/2024", "E14"),
            short_ep("C2", "01/05/2024", "S", "J2", "K1", "23/05/2024", "E14"),
        ])]);
        assert_eq!(failing_rows("364", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_365_respite_placement_longer_than_17_days() {
        let r = ret(&[&eps(&[
            short_ep("C1", "01/05/2024", "S", "V3", "U6", "18/05/2024", "E13"),
            short_ep("C2", "01/05/2024", "S", "V3", "U6", "19/05/2024", "E13"),
            short_ep("C3", "01/03/2025", "S", "V3", "U6", "", ""),
        ])]);
        assert_eq!(failing_rows("365", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_367_more_than_75_days_respite_in_the_year() {
        let r = ret(&[&eps(&[
            // 40 + 35 = 75 days: passes.
            short_ep("C1", "01/05/2024", "S", "V3", "U6", "10/06/2024", "E13"),
            short_ep("C1", "01/07/2024", "S", "V3", "U6", "05/08/2024", "E13"),
            // 40 + 36 = 76 days, the first counted from 1 April: both fail.
            short_ep("C2", "01/03/2024", "S", "V3", "U6", "11/05/2024", "E13"),
            short_ep("C2", "01/07/2024", "S", "V3", "U6", "06/08/2024", "E13"),
        ])]);
        assert_eq!(failing_rows("367", &r, None), vec![Some(2), Some(3)]);
    }

    #[test]
    fn rule_445_d1_not_after_2005() {
        let r = episode_return(&[
            "C1,31/12/2005,S,D1,U1,,,LE2 2AA,SC1",
            "C2,01/01/2006,S,D1,U1,,,LE2 2AA,SC1",
            "C3,01/01/2006,S,E1,U1,,,LE2 2AA,SC1",
        ]);
        assert_eq!(failing_rows("445", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_446_e1_not_before_december_2005() {
        let r = episode_return(&[
            "C1,01/12/2005,S,E1,U1,,,LE2 2AA,SC1",
            "C2,30/11/2005,S,E1,U1,,,LE2 2AA,SC1",
            "C3,30/11/2005,S,D1,U1,,,LE2 2AA,SC1",
        ]);
        assert_eq!(failing_rows("446", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_451_no_open_freeing_order() {
        let r = episode_return(&[
            "C1,01/04/2004,S,D1,U1,10/05/2024,E11,LE2 2AA,SC1",
            "C2,01/04/2004,S,D1,U1,,,LE2 2AA,SC1",
            "C3,01/04/2024,S,C2,U1,,,LE2 2AA,SC1",
        ]);
        assert_eq!(failing_rows("451", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_503b_legal_status_carries_over() {
        let (now, prev) = carried_over(3, "C2", "C2", "C1");
        assert_eq!(failing_rows("503B", &now, Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_426_v3_and_v4_in_the_same_year() {
        let r = ret(&[&episodes(&[
            ep_with_postcodes("C1", "01/05/2024", "V3", "U1", "02/05/2024", "E8", "", ""),
            ep_with_postcodes("C2", "01/05/2024", "V3", "U1", "02/05/2024", "E8", "", ""),
            ep_with_postcodes("C1", "01/06/2024", "C2", "U1", "02/06/2024", "E8", "", ""),
            ep_with_postcodes("C1", "01/07/2024", "V4", "U1", "", "", "", ""),
            ep_with_postcodes("C2", "01/07/2024", "V3", "U1", "", "", "", ""),
        ])]);
        assert_eq!(failing_rows("426", &r, None), vec![Some(0), Some(3)]);
    }
}
