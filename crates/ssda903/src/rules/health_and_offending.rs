//! The outcomes of children looked after for a year (the OC2 table): SDQ scores, convictions, health checks, substance misuse, and who should have them.

use crate::Table;
use crate::TableData;
use crate::hash::HashSet;
use crate::rules::ages::plus_years;
use crate::rules::codes::ZERO_ONE;
use crate::rules::codes::all_filled;
use crate::rules::codes::any_filled;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::episodes_and_children::continuously_looked_after_oc2;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::SharedSet;
use crate::validate::Trimmed;
use crate::validate::blank;
use crate::validate::each_row;
use crate::years::Years;
use chrono::Months;
use chrono::NaiveDate;

/// The date a child born on `dob` turns `age` (29 February birthdays fall on 28 February).
fn birthday(dob: NaiveDate, age: u32) -> NaiveDate {
    dob.checked_add_months(Months::new(12 * age))
        .unwrap_or(NaiveDate::MAX)
}

const OC2_ITEMS: &[&str] = &[
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
];

const OC2_REQUIRED: &[&str] = &[
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
];

const SDQ_REASON: &[&str] = &["SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"];

/// An SDQ score: a whole number from 0 to 40.
fn valid_sdq_score(score: &str) -> bool {
    score
        .trimmed()
        .parse::<f64>()
        .is_ok_and(|s| s.fract() == 0.0 && (0.0..=40.0).contains(&s))
}

/// OC2 rows of children looked after continuously (or not) that match a test.
fn oc2_by_cla(
    ctx: &Context<'_>,
    out: &mut Findings,
    continuous: bool,
    fails: impl Fn(&TableData, usize) -> bool,
) {
    if ctx.table(Table::Episodes).is_none() {
        return;
    }
    let cla = continuously_looked_after_oc2(ctx);
    each_row(ctx, out, Table::Oc2, |t, r| {
        cla.contains(t.value(r, "CHILD")) == continuous && fails(t, r)
    })
}

/// OC2 rows whose child's age (from OC2's DOB) passes a test, and that match another.
fn oc2_by_age(
    ctx: &Context<'_>,
    out: &mut Findings,
    age: impl Fn(NaiveDate) -> bool,
    fails: impl Fn(&TableData, usize) -> bool,
) {
    each_row(ctx, out, Table::Oc2, |t, r| {
        t.date(r, "DOB").is_some_and(&age) && fails(t, r)
    })
}

fn sdq_given(t: &TableData, r: usize) -> bool {
    any_filled(t, r, &["SDQ_SCORE", "SDQ_REASON"])
}

/// The children looked after continuously for the 12 months to 31 March,
/// as the DfE defines it: in care during the year, with no episode that
/// starts a period of care (RNE S) after 1 April, none that ends care
/// (REC other than X1) during the year, and none under a short-break legal
/// status (V3, V4) during the year.
fn continuously_looked_after<'c, 'a>(ctx: &'c Context<'a>) -> &'c HashSet<&'a str> {
    ctx.shared_set(SharedSet::ContinuouslyLookedAfter, || {
        let Some(eps) = ctx.table(Table::Episodes) else {
            return HashSet::default();
        };
        let (start, end) = (ctx.start(), ctx.end());
        let mut in_care: HashSet<&str> = HashSet::default();
        let mut broken: HashSet<&str> = HashSet::default();
        for r in 0..eps.len() {
            let child = eps.value(r, "CHILD");
            let decom = eps.date(r, "DECOM");
            let dec = eps.date(r, "DEC");
            let during = decom.is_some_and(|d| d <= end)
                && (blank(eps.value(r, "DEC")) || dec.is_some_and(|d| d >= start));
            if during {
                in_care.insert(child);
            }
            let enters =
                is(eps.value(r, "RNE"), "S") && decom.is_some_and(|d| d > start && d <= end);
            let leaves =
                !is(eps.value(r, "REC"), "X1") && dec.is_some_and(|d| d >= start && d < end);
            let short_breaks = one_of(eps.value(r, "LS"), &["V3", "V4"]) && during;
            if enters || leaves || short_breaks {
                broken.insert(child);
            }
        }
        in_care.retain(|c| !broken.contains(c));
        in_care
    })
}

/// Whether any of OC2's immunisation, teeth check, health assessment and
/// substance misuse fields is blank.
fn health_fields_missing(t: &TableData, r: usize) -> bool {
    [
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
    ]
    .iter()
    .any(|c| blank(t.value(r, c)))
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "157",
        message: "Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (start, end) = (ctx.start(), ctx.end());
            oc2_by_cla(ctx, out, true, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| birthday(dob, 4) <= start && birthday(dob, 16) >= end)
                    && blank(t.value(r, "SDQ_SCORE"))
                    && is(t.value(r, "SDQ_REASON"), "SDQ1")
            })
        },
    },
    Rule {
        code: "158",
        message: "If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                t.value(r, "INTERVENTION_RECEIVED") == "1"
                    && !blank(t.value(r, "INTERVENTION_OFFERED"))
            })
        },
    },
    Rule {
        code: "159",
        message: "If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                t.value(r, "SUBSTANCE_MISUSE") == "1"
                    && t.value(r, "INTERVENTION_RECEIVED") == "0"
                    && blank(t.value(r, "INTERVENTION_OFFERED"))
            })
        },
    },
    Rule {
        code: "180",
        message: "Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                let score = t.value(r, "SDQ_SCORE");
                !blank(score) && !valid_sdq_score(score)
            })
        },
    },
    Rule {
        code: "181",
        message: "Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                OC2_ITEMS.iter().any(|c| {
                    let v = t.value(r, c);
                    !blank(v) && !one_of(v, ZERO_ONE)
                })
            })
        },
    },
    Rule {
        code: "182",
        message: "Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                !all_filled(t, r, OC2_REQUIRED)
                    && any_filled(
                        t,
                        r,
                        &[
                            "CONVICTED",
                            "HEALTH_CHECK",
                            "INTERVENTION_RECEIVED",
                            "INTERVENTION_OFFERED",
                        ],
                    )
            })
        },
    },
    Rule {
        code: "185",
        message: "Child has not been looked after continuously for at least 12 months at 31 March but a Strengths and Difficulties (SDQ) score has been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| oc2_by_cla(ctx, out, false, |t, r| !blank(t.value(r, "SDQ_SCORE"))),
    },
    Rule {
        code: "186",
        message: "Children aged 4 or over at the start of the year and children aged under 17 at the end of the year and who have been looked after for at least 12 months continuously should have a Strengths and Difficulties (SDQ) score completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (start, end) = (ctx.start(), ctx.end());
            oc2_by_cla(ctx, out, true, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| birthday(dob, 4) <= start && birthday(dob, 17) > end)
                    && !sdq_given(t, r)
            })
        },
    },
    Rule {
        code: "188",
        message: "Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) score or a reason for no SDQ score has been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            oc2_by_age(ctx, out, |dob| birthday(dob, 4) > end, sdq_given)
        },
    },
    Rule {
        code: "189",
        message: "Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let start = ctx.start();
            oc2_by_age(ctx, out, |dob| birthday(dob, 17) <= start, sdq_given)
        },
    },
    Rule {
        code: "190",
        message: "Child has not been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| oc2_by_cla(ctx, out, false, |t, r| any_filled(t, r, OC2_ITEMS)),
    },
    Rule {
        code: "191",
        message: "Child has been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(oc2)) = (ctx.table(Table::Episodes), ctx.table(Table::Oc2)) else {
                return;
            };
            let cla = continuously_looked_after_oc2(ctx);
            each_row(ctx, out, Table::Oc2, |t, r| {
                cla.contains(t.value(r, "CHILD")) && !all_filled(t, r, OC2_REQUIRED)
            });
            // Children of the OC2 cohort with no OC2 row at all: their first episode.
            let in_oc2: HashSet<&str> = (0..oc2.len()).map(|r| oc2.value(r, "CHILD")).collect();
            let mut first: Vec<usize> = ctx
                .rows_by_child(eps)
                .iter()
                .filter(|(child, _)| cla.contains(*child) && !in_oc2.contains(*child))
                .filter_map(|(_, rows)| {
                    rows.iter()
                        .filter_map(|&r| eps.date(r, "DECOM").map(|d| (d, r)))
                        .min()
                        .map(|(_, r)| r)
                })
                .collect();
            first.sort_unstable();
            for r in first {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "192",
        message: "Child has been identified as having a substance misuse problem but the additional item on whether an intervention was received has been left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                t.value(r, "SUBSTANCE_MISUSE") == "1" && blank(t.value(r, "INTERVENTION_RECEIVED"))
            })
        },
    },
    Rule {
        code: "193",
        message: "Child not identified as having a substance misuse problem but at least one of the two additional items on whether an intervention were offered and received have been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                let misuse = t.value(r, "SUBSTANCE_MISUSE");
                (blank(misuse) || misuse == "0")
                    && any_filled(t, r, &["INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"])
            })
        },
    },
    Rule {
        code: "196",
        message: "Strengths and Difficulties (SDQ) reason is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                let v = t.value(r, "SDQ_REASON");
                !blank(v) && !one_of(v, SDQ_REASON)
            })
        },
    },
    Rule {
        code: "197a",
        message: "Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and Difficulties Questionnaire score is filled in.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                all_filled(t, r, &["SDQ_SCORE", "SDQ_REASON"])
            })
        },
    },
    Rule {
        code: "197B",
        message: "SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (start, end) = (ctx.start(), ctx.end());
            let in_year = |d: NaiveDate| d >= start && d <= end;
            oc2_by_cla(ctx, out, true, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| in_year(birthday(dob, 4)) || in_year(birthday(dob, 17)))
                    && !sdq_given(t, r)
            })
        },
    },
    Rule {
        code: "198",
        message: "Child has not been looked after continuously for at least 12 months at 31 March but a reason for no Strengths and Difficulties (SDQ) score has been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| oc2_by_cla(ctx, out, false, |t, r| !blank(t.value(r, "SDQ_REASON"))),
    },
    Rule {
        code: "215",
        message: "Child has care leaver information but one or more data items relating to children looked after for 12 months have been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(oc3), Some(oc2)) = (ctx.table(Table::Oc3), ctx.table(Table::Oc2)) else {
                return;
            };
            let oc2_rows = ctx.rows_by_child(oc2);
            let twelve_months = [
                "CONVICTED",
                "HEALTH_CHECK",
                "IMMUNISATIONS",
                "TEETH_CHECK",
                "HEALTH_ASSESSMENT",
                "SUBSTANCE_MISUSE",
                "INTERVENTION_RECEIVED",
                "INTERVENTION_OFFERED",
            ];
            let mut failing_oc2 = Vec::new();
            for r in 0..oc3.len() {
                if ["IN_TOUCH", "ACTIV", "ACCOM"]
                    .iter()
                    .all(|c| blank(oc3.value(r, c)))
                {
                    continue;
                }
                let completed: Vec<usize> = oc2_rows
                    .get_row(oc3, r)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&o| twelve_months.iter().any(|c| !blank(oc2.value(o, c))))
                    .collect();
                if !completed.is_empty() {
                    out.row(oc3, r);
                    failing_oc2.extend(completed);
                }
            }
            failing_oc2.sort_unstable();
            failing_oc2.dedup();
            for o in failing_oc2 {
                out.row(oc2, o);
            }
        },
    },
    Rule {
        code: "542",
        message: "A child aged under 10 at 31 March should not have conviction information completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                !blank(t.value(r, "CONVICTED"))
                    && t.date(r, "DOB")
                        .is_some_and(|dob| plus_years(dob, 10) > ctx.end())
            })
        },
    },
    Rule {
        code: "543",
        message: "Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction information has not been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let cla = continuously_looked_after(ctx);
            each_row(ctx, out, Table::Oc2, |t, r| {
                blank(t.value(r, "CONVICTED"))
                    && cla.contains(t.value(r, "CHILD"))
                    && t.date(r, "DOB")
                        .is_some_and(|dob| plus_years(dob, 10) <= ctx.end())
            })
        },
    },
    Rule {
        code: "544",
        message: "Any child who has conviction information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                t.value(r, "CONVICTED") == "1" && health_fields_missing(t, r)
            })
        },
    },
    Rule {
        code: "545",
        message: "Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health promotion information has not been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let cla = continuously_looked_after(ctx);
            each_row(ctx, out, Table::Oc2, |t, r| {
                blank(t.value(r, "HEALTH_CHECK"))
                    && cla.contains(t.value(r, "CHILD"))
                    && t.date(r, "DOB")
                        .is_some_and(|dob| plus_years(dob, 5) > ctx.end())
            })
        },
    },
    Rule {
        code: "546",
        message: "Children aged 5 or over at 31 March should not have health promotion information completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let cla = continuously_looked_after(ctx);
            each_row(ctx, out, Table::Oc2, |t, r| {
                !blank(t.value(r, "HEALTH_CHECK"))
                    && cla.contains(t.value(r, "CHILD"))
                    && t.date(r, "DOB")
                        .is_some_and(|dob| plus_years(dob, 5) <= ctx.end())
            })
        },
    },
    Rule {
        code: "547",
        message: "Any child who has health promotion information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc2, |t, r| {
                t.value(r, "HEALTH_CHECK") == "1" && health_fields_missing(t, r)
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;

    use crate::validate::testing::*;

    /// An OC2 row: the SDQ fields, then the 8 flags as CSV text.
    fn oc2(child: &str, dob: &str, score: &str, reason: &str, flags: &str) -> String {
        format!("{child},{dob},{score},{reason},{flags}")
    }

    fn oc2_table(rows: &[String]) -> String {
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        csv_table(OC2, &rows)
    }

    const BLANK_FLAGS: &str = ",,,,,,,";

    const FULL_FLAGS: &str = "0,1,1,1,1,0,,";

    fn check_188_189_no_sdq_under_4_or_over_16() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "10", "", BLANK_FLAGS),
            oc2("C2", "01/04/2021", "10", "", BLANK_FLAGS),
            oc2("C3", "01/04/2021", "", "", BLANK_FLAGS),
            oc2("C4", "01/04/2007", "", "SDQ1", BLANK_FLAGS),
            oc2("C5", "02/04/2007", "", "SDQ1", BLANK_FLAGS),
        ])]);
        assert_eq!(failing_rows("188", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("189", &r, None), vec![Some(3)]);
    }

    fn check_190_191_oc2_items_follow_the_cohort() {
        let eps = episodes(&[
            ep("C1", "01/01/2020", "S", "C2", "", ""),
            ep("C2", "01/06/2024", "S", "C2", "", ""),
            ep("C3", "01/01/2021", "S", "C2", "01/01/2022", "X1"),
            ep("C3", "01/01/2022", "P", "C2", "", ""),
        ]);
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "10", "", FULL_FLAGS),
            oc2("C1", "01/01/2015", "10", "", "0,1,,1,1,0,,"),
            oc2("C2", "01/01/2015", "", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "", BLANK_FLAGS),
        ]);
        let r = ret(&[&eps, &oc2]);
        assert_eq!(failing_rows("190", &r, None), vec![Some(2)]);
        // OC2 row 1, then the first episode of C3, who has no OC2 row.
        assert_eq!(failing_rows("191", &r, None), vec![Some(1), Some(2)]);
    }

    fn check_192_193_substance_misuse_interventions() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", "0,1,1,1,1,1,1,"),
            oc2("C2", "01/01/2015", "", "", "0,1,1,1,1,1,,"),
            oc2("C3", "01/01/2015", "", "", "0,1,1,1,1,0,,"),
            oc2("C4", "01/01/2015", "", "", "0,1,1,1,1,0,,0"),
            oc2("C5", "01/01/2015", "", "", "0,1,1,1,1,,1,"),
        ])]);
        assert_eq!(failing_rows("192", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("193", &r, None), vec![Some(3), Some(4)]);
    }

    fn check_196_197a_sdq_reason() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "SDQ5", BLANK_FLAGS),
            oc2("C2", "01/01/2015", "", "SDQ6", BLANK_FLAGS),
            oc2("C3", "01/01/2015", "12", "SDQ1", BLANK_FLAGS),
            oc2("C4", "01/01/2015", "12", "", BLANK_FLAGS),
        ])]);
        assert_eq!(failing_rows("196", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("197a", &r, None), vec![Some(2)]);
    }

    fn oc2_convicted(child: &str, dob: &str, convicted: &str) -> String {
        format!("{child},{dob},10,,{convicted},1,1,1,1,0,,")
    }

    fn health() -> crate::Return {
        ret(&[&format!(
            "{OC2}\nA,01/01/2010,10,,1,,1,1,1,0,,\nB,01/01/2010,10,,1,,,1,1,0,,\nC,01/01/2020,10,,,1,1,,1,0,,\n"
        )])
    }

    fn under_fives() -> crate::Return {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/01/2023", "S", "C2", "U1", "", ""),
                full_ep("B", "01/01/2023", "S", "C2", "U1", "", ""),
                full_ep("C", "01/06/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let o = format!(
            "{OC2}\nA,01/01/2021,,,,,1,1,1,0,,\nB,01/01/2015,,,,1,1,1,1,0,,\nC,01/01/2021,,,,,1,1,1,0,,\n"
        );
        ret(&[&eps, &o])
    }

    #[test]
    fn continuously_looked_after_follows_the_dfe_definition() {
        let r = ret(&[&episodes(&[
            ep("A", "01/01/2020", "S", "C2", "", ""),
            ep("B", "01/01/2020", "S", "C2", "31/12/2024", "X1"),
            ep("B", "31/12/2024", "P", "C2", "", ""),
            ep("C", "01/06/2024", "S", "C2", "", ""),
            ep("D", "01/01/2020", "S", "C2", "01/06/2024", "E11"),
            ep("E", "01/01/2020", "S", "V3", "", ""),
            ep("F", "01/01/2020", "S", "C2", "31/03/2025", "E13"),
            ep("G", "01/01/2020", "S", "C2", "01/03/2024", "E13"),
        ])]);
        let ctx = crate::validate::Context::new(
            &r,
            None,
            crate::CollectionYear::starting(2024),
            "E10000018",
        );
        let mut cla: Vec<&str> = super::continuously_looked_after_oc2(&ctx)
            .iter()
            .copied()
            .collect();
        cla.sort_unstable();
        assert_eq!(cla, vec!["A", "B", "F"]);
    }

    #[test]
    fn rule_157_sdq1_is_for_children_under_4_or_over_16() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "", "SDQ1", FULL_FLAGS),
            oc2("C1", "01/01/2015", "", "SDQ2", FULL_FLAGS),
            oc2("C1", "01/01/2023", "", "SDQ1", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "SDQ1", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("157", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_158_no_offer_when_intervention_received() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", "0,1,1,1,1,1,1,"),
            oc2("C2", "01/01/2015", "", "", "0,1,1,1,1,1,1,0"),
        ])]);
        assert_eq!(failing_rows("158", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_159_offer_needed_when_intervention_not_received() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", "0,1,1,1,1,1,0,1"),
            oc2("C2", "01/01/2015", "", "", "0,1,1,1,1,1,0,"),
        ])]);
        assert_eq!(failing_rows("159", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_180_sdq_score_is_0_to_40() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "40", "", BLANK_FLAGS),
            oc2("C2", "01/01/2015", "41", "", BLANK_FLAGS),
            oc2("C3", "01/01/2015", "39.5", "", BLANK_FLAGS),
            oc2("C4", "01/01/2015", "", "", BLANK_FLAGS),
            oc2("C5", "01/01/2015", "XX", "", BLANK_FLAGS),
        ])]);
        assert_eq!(
            failing_rows("180", &r, None),
            vec![Some(1), Some(2), Some(4)]
        );
    }

    #[test]
    fn rule_181_oc2_items_are_0_or_1() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "", "0,1,2,1,1,0,,"),
            oc2("C3", "01/01/2015", "", "", BLANK_FLAGS),
        ])]);
        assert_eq!(failing_rows("181", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_182_oc2_health_items_complete_or_all_blank() {
        let r = ret(&[&oc2_table(&[
            oc2("C1", "01/01/2015", "", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "", BLANK_FLAGS),
            oc2("C3", "01/01/2015", "", "", "0,1,,1,1,0,,"),
            oc2("C4", "01/01/2015", "", "", ",,1,1,1,,,"),
        ])]);
        assert_eq!(failing_rows("182", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_185_sdq_score_only_for_the_oc2_cohort() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "10", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "10", "", BLANK_FLAGS),
            oc2("C3", "01/01/2015", "", "", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("185", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_186_sdq_needed_for_ages_4_to_16() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "10", "", FULL_FLAGS),
            oc2("C1", "01/01/2015", "", "SDQ2", FULL_FLAGS),
            oc2("C1", "01/01/2015", "", "", FULL_FLAGS),
            oc2("C1", "01/01/2022", "", "", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("186", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_188_no_sdq_under_4_or_over_16() {
        check_188_189_no_sdq_under_4_or_over_16();
    }

    #[test]
    fn rule_189_no_sdq_under_4_or_over_16() {
        check_188_189_no_sdq_under_4_or_over_16();
    }

    #[test]
    fn rule_190_oc2_items_follow_the_cohort() {
        check_190_191_oc2_items_follow_the_cohort();
    }

    #[test]
    fn rule_191_oc2_items_follow_the_cohort() {
        check_190_191_oc2_items_follow_the_cohort();
    }

    #[test]
    fn rule_192_substance_misuse_interventions() {
        check_192_193_substance_misuse_interventions();
    }

    #[test]
    fn rule_193_substance_misuse_interventions() {
        check_192_193_substance_misuse_interventions();
    }

    #[test]
    fn rule_196_sdq_reason() {
        check_196_197a_sdq_reason();
    }

    #[test]
    fn rule_197a_sdq_reason() {
        check_196_197a_sdq_reason();
    }

    #[test]
    fn rule_197b_sdq_for_children_turning_4_or_17() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/06/2020", "", "", FULL_FLAGS),
            oc2("C1", "01/06/2007", "", "", FULL_FLAGS),
            oc2("C1", "01/06/2020", "", "SDQ1", FULL_FLAGS),
            oc2("C1", "01/06/2015", "", "", FULL_FLAGS),
            oc2("C2", "01/06/2020", "", "", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("197B", &r, None), vec![Some(0), Some(1)]);
    }

    #[test]
    fn rule_198_sdq_reason_only_for_the_oc2_cohort() {
        let oc2 = oc2_table(&[
            oc2("C1", "01/01/2015", "", "SDQ2", FULL_FLAGS),
            oc2("C2", "01/01/2015", "", "SDQ2", BLANK_FLAGS),
        ]);
        let r = ret(&[&cla_episodes(), &oc2]);
        assert_eq!(failing_rows("198", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_215_care_leavers_have_no_twelve_month_data() {
        let r = ret(&[
            &format!("{OC3}\nC1,01/01/2005,YES,F1,B1\nC2,01/01/2005,YES,F1,B1\nC3,01/01/2005,,,\n"),
            &format!(
                "{OC2}\nC1,01/01/2005,,,1,,,,,,,\nC2,01/01/2005,,,,,,,,,,\nC3,01/01/2005,,,1,,,,,,,\n"
            ),
        ]);
        assert_eq!(failing_rows("215", &r, None), vec![Some(0), Some(0)]);
    }

    #[test]
    fn rule_542_no_convictions_under_10() {
        let o = table(
            OC2,
            &[
                oc2_convicted("A", "01/01/2016", "0"),
                oc2_convicted("B", "01/01/2010", "0"),
                oc2_convicted("C", "01/01/2016", ""),
            ],
        );
        assert_eq!(failing_rows("542", &ret(&[&o]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_543_convictions_needed_for_continuously_looked_after_over_10() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/01/2023", "S", "C2", "U1", "", ""),
                full_ep("B", "01/01/2023", "S", "C2", "U1", "", ""),
                full_ep("C", "01/06/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let o = table(
            OC2,
            &[
                oc2_convicted("A", "01/01/2010", ""),
                oc2_convicted("B", "01/01/2010", "0"),
                oc2_convicted("C", "01/01/2010", ""),
            ],
        );
        assert_eq!(failing_rows("543", &ret(&[&eps, &o]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_544_health_fields_needed_with_convictions() {
        assert_eq!(failing_rows("544", &health(), None), vec![Some(1)]);
    }

    #[test]
    fn rule_547_health_fields_needed_with_health_checks() {
        assert_eq!(failing_rows("547", &health(), None), vec![Some(2)]);
    }

    #[test]
    fn rule_545_health_promotion_needed_under_5() {
        assert_eq!(failing_rows("545", &under_fives(), None), vec![Some(0)]);
    }

    #[test]
    fn rule_546_no_health_promotion_from_5() {
        assert_eq!(failing_rows("546", &under_fives(), None), vec![Some(1)]);
    }
}
