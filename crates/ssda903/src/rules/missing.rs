//! Missing episodes and absences without authorisation (the Missing table).

use crate::Table;
use crate::hash::HashMap;
use crate::rules::ages::plus_years;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::episodes_and_children::periods_of_care;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::date;
use crate::validate::each_row;
use crate::years::Years;
use chrono::NaiveDate;

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "564",
        message: "Child was missing or away from placement without authorisation and the date started is blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                one_of(t.value(r, "MISSING"), &["M", "A"]) && blank(t.value(r, "MIS_START"))
            })
        },
    },
    Rule {
        code: "565",
        message: "The date that the child started to be missing or away from placement without authorisation has been completed but whether the child was missing or away from placement without authorisation has not been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                !blank(t.value(r, "MIS_START")) && blank(t.value(r, "MISSING"))
            })
        },
    },
    Rule {
        code: "566",
        message: "The date that the child's episode of being missing or away from placement without authorisation ended has been completed but whether the child was missing or away without authorisation has not been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                !blank(t.value(r, "MIS_END")) && blank(t.value(r, "MISSING"))
            })
        },
    },
    Rule {
        code: "567",
        message: "The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                match (t.date(r, "MIS_START"), t.date(r, "MIS_END")) {
                    (Some(s), Some(e)) => s > e,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "570",
        message: "The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                t.date(r, "MIS_START").is_some_and(|d| d > ctx.end())
            })
        },
    },
    Rule {
        code: "571",
        message: "The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                t.date(r, "MIS_END")
                    .is_some_and(|d| d < ctx.start() || d > ctx.end())
            })
        },
    },
    Rule {
        code: "574",
        message: "A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open. Missing/away from placement without authorisation periods should also not overlap.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(mis) = ctx.table(Table::Missing) else {
                return;
            };
            let mut bad = Vec::new();
            for rows in ctx.rows_by_child(mis).values() {
                // In order of when each period ended (its start, while open).
                let mut rows = rows.to_vec();
                let key = |r: usize| {
                    let start = mis.date(r, "MIS_START");
                    let end = mis.date(r, "MIS_END").or(start);
                    (end.is_none(), end, start.is_none(), start, r)
                };
                rows.sort_by_key(|&r| key(r));
                for w in rows.windows(2) {
                    let (p, n) = (w[0], w[1]);
                    let prev_end = mis.value(p, "MIS_END");
                    let overlaps = match (mis.date(n, "MIS_START"), date(prev_end)) {
                        (Some(s), Some(e)) => s < e,
                        _ => false,
                    };
                    if blank(prev_end) || overlaps {
                        bad.push(n);
                    }
                }
            }
            bad.sort_unstable();
            for r in bad {
                out.row(mis, r);
            }
        },
    },
    Rule {
        code: "575",
        message: "If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let groups = ctx.rows_by_child(eps);
            each_row(ctx, out, Table::Missing, |t, r| {
                let Some(start) = t.date(r, "MIS_START") else {
                    return false;
                };
                blank(t.value(r, "MIS_END"))
                    && groups.get_row(t, r).is_some_and(|rows| {
                        rows.iter()
                            .any(|&e| match (eps.date(e, "DECOM"), eps.date(e, "DEC")) {
                                (Some(from), Some(to)) => from <= start && start <= to,
                                _ => false,
                            })
                    })
            })
        },
    },
    Rule {
        code: "576",
        message: "There is an open missing/away from placement without authorisation period in last year’s return and there is no corresponding period recorded at the start of this year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(mis), Some(last)) = (
                ctx.table(Table::Missing),
                ctx.previous.and_then(|p| p.table(Table::Missing)),
            ) else {
                return;
            };
            let mut open_last: HashMap<&str, Vec<NaiveDate>> = HashMap::default();
            for r in 0..last.len() {
                if let Some(s) = last
                    .date(r, "MIS_START")
                    .filter(|_| blank(last.value(r, "MIS_END")))
                {
                    open_last.entry(last.value(r, "CHILD")).or_default().push(s);
                }
            }
            let mut bad = Vec::new();
            for (child, rows) in ctx.rows_by_child(mis) {
                let Some(starts) = open_last.get(child) else {
                    continue;
                };
                // The child's first period this year (undated ones last).
                let first = rows
                    .iter()
                    .copied()
                    .min_by_key(|&r| {
                        let d = mis.date(r, "MIS_START");
                        (d.is_none(), d, r)
                    })
                    .expect("a child has rows");
                let first_start = mis.date(first, "MIS_START");
                if starts.iter().any(|s| Some(*s) != first_start) {
                    bad.push(first);
                }
            }
            bad.sort_unstable();
            for r in bad {
                out.row(mis, r);
            }
        },
    },
    Rule {
        code: "577",
        message: "Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let periods = periods_of_care(ctx, eps);
            each_row(ctx, out, Table::Missing, |t, r| {
                let Some(start) = t.date(r, "MIS_START") else {
                    return false;
                };
                let end = t.date(r, "MIS_END");
                let Some(list) = periods.get(t.value(r, "CHILD")).filter(|l| !l.is_empty()) else {
                    return false;
                };
                // Fails when it fits no period of care.
                list.iter().all(|&(from, to)| match end {
                    None => to.is_some() || start < from,
                    Some(e) => to.is_some_and(|to| e > to) || e < from,
                })
            })
        },
    },
    Rule {
        code: "578",
        message: "The date that the child started to be missing is after the child ceased to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let periods = periods_of_care(ctx, eps);
            each_row(ctx, out, Table::Missing, |t, r| {
                let Some(start) = t.date(r, "MIS_START") else {
                    return false;
                };
                let Some(list) = periods.get(t.value(r, "CHILD")).filter(|l| !l.is_empty()) else {
                    return false;
                };
                list.iter()
                    .all(|&(from, to)| start < from || to.is_some_and(|to| start > to))
            })
        },
    },
    Rule {
        code: "580",
        message: "Child is missing when cease being looked after but reason episode ceased not ‘E8’.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(mis) = ctx.table(Table::Missing) else {
                return;
            };
            // Missing periods that ended on the child's 18th birthday.
            let mut ended_at_18: HashMap<&str, Vec<NaiveDate>> = HashMap::default();
            for r in 0..mis.len() {
                if let (Some(end), Some(dob)) = (mis.date(r, "MIS_END"), mis.date(r, "DOB"))
                    && plus_years(dob, 18) == end
                {
                    ended_at_18
                        .entry(mis.value(r, "CHILD"))
                        .or_default()
                        .push(end);
                }
            }
            each_row(ctx, out, Table::Episodes, |t, r| {
                let Some(dec) = t.date(r, "DEC") else {
                    return false;
                };
                !is(t.value(r, "REC"), "E8")
                    && ended_at_18
                        .get(t.value(r, "CHILD"))
                        .is_some_and(|ends| ends.contains(&dec))
            });
        },
    },
    Rule {
        code: "581",
        message: "Child is missing but has not yet started to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let groups = ctx.rows_by_child(eps);
            each_row(ctx, out, Table::Missing, |t, r| {
                let Some(start) = t.date(r, "MIS_START") else {
                    return false;
                };
                let Some(rows) = groups.get_row(t, r) else {
                    return false;
                };
                !rows.iter().any(|&e| {
                    eps.date(e, "DECOM").is_some_and(|d| d <= start)
                        && eps.date(e, "DEC").is_none_or(|d| start <= d)
                })
            })
        },
    },
    Rule {
        code: "586",
        message: "Dates of missing periods are before child’s date of birth.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                match (t.date(r, "MIS_START"), t.date(r, "DOB")) {
                    (Some(s), Some(dob)) => s <= dob,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "1004",
        message: "The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                t.date(r, "MIS_START").is_none()
            })
        },
    },
    Rule {
        code: "1005",
        message: "The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                let v = t.value(r, "MIS_END");
                !blank(v) && date(v).is_none()
            })
        },
    },
    Rule {
        code: "1006",
        message: "Missing type invalid.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Missing, |t, r| {
                let v = t.value(r, "MISSING");
                !blank(v) && !one_of(v, &["M", "A"])
            })
        },
    },
];

#[cfg(test)]
mod tests {

    use crate::rules::test_rows::*;
    use crate::validate::testing::*;

    const MISSING: &str = "CHILD,DOB,MISSING,MIS_START,MIS_END";

    fn missing_rows() -> crate::Return {
        ret(&[&table(
            MISSING,
            &[
                "A,01/01/2010,M,01/05/2024,02/05/2024".into(),
                "A,01/01/2010,A,,".into(),
                "A,01/01/2010,X,01/05/2024,31/02/2024".into(),
                "A,01/01/2010,,32/05/2024,".into(),
            ],
        )])
    }

    fn typed_missing() -> crate::Return {
        ret(&[&table(
            MISSING,
            &[
                "A,01/01/2010,M,01/05/2024,02/05/2024".into(),
                "A,01/01/2010,,01/06/2024,".into(),
                "A,01/01/2010,,,02/07/2024".into(),
                "A,01/01/2010,M,01/04/2025,".into(),
                "A,01/01/2010,M,01/03/2024,02/03/2024".into(),
            ],
        )])
    }

    #[test]
    fn rule_564_missing_episode_needs_start() {
        let m = table(
            MISSING,
            &[
                "A,01/01/2010,M,01/05/2024,".into(),
                "A,01/01/2010,A,,".into(),
            ],
        );
        assert_eq!(failing_rows("564", &ret(&[&m]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_567_missing_end_not_before_start() {
        let m = table(
            MISSING,
            &[
                "A,01/01/2010,M,01/05/2024,02/05/2024".into(),
                "A,01/01/2010,M,01/06/2024,31/05/2024".into(),
            ],
        );
        assert_eq!(failing_rows("567", &ret(&[&m]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_574_missing_periods_do_not_overlap() {
        let m = table(
            MISSING,
            &[
                "A,01/01/2010,M,01/05/2024,05/05/2024".into(),
                "A,01/01/2010,M,04/05/2024,10/05/2024".into(),
                "B,01/01/2010,M,01/05/2024,05/05/2024".into(),
                "B,01/01/2010,M,05/05/2024,10/05/2024".into(),
            ],
        );
        assert_eq!(failing_rows("574", &ret(&[&m]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_575_missing_period_ends_when_placement_ends() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let m = table(
            MISSING,
            &[
                "A,01/01/2010,M,10/05/2024,".into(),
                "B,01/01/2010,M,10/05/2024,".into(),
            ],
        );
        assert_eq!(failing_rows("575", &ret(&[&eps, &m]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_576_open_missing_period_carries_over() {
        let m = table(
            MISSING,
            &[
                "A,01/01/2010,M,20/03/2024,05/04/2024".into(),
                "B,01/01/2010,M,01/05/2024,05/05/2024".into(),
            ],
        );
        let prev = ret(&[&table(
            MISSING,
            &[
                "A,01/01/2010,M,20/03/2024,".into(),
                "B,01/01/2010,M,20/03/2024,".into(),
            ],
        )]);
        assert_eq!(failing_rows("576", &ret(&[&m]), Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_577_missing_period_ends_when_care_ends() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let m = table(
            MISSING,
            &[
                "A,01/01/2010,M,10/05/2024,".into(),
                "B,01/01/2010,M,10/05/2024,".into(),
            ],
        );
        assert_eq!(failing_rows("577", &ret(&[&eps, &m]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_578_missing_starts_while_looked_after() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "X1"),
                full_ep("A", "01/06/2024", "P", "C2", "U2", "01/07/2024", "E8"),
            ],
        );
        let m = table(
            MISSING,
            &[
                "A,01/01/2010,M,20/06/2024,21/06/2024".into(),
                "A,01/01/2010,M,10/07/2024,11/07/2024".into(),
            ],
        );
        assert_eq!(failing_rows("578", &ret(&[&eps, &m]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_580_missing_at_18th_birthday_ends_with_e8() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E4A"),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
            ],
        );
        let m = table(
            MISSING,
            &[
                "A,01/06/2006,M,20/05/2024,01/06/2024".into(),
                "B,01/06/2006,M,20/05/2024,01/06/2024".into(),
            ],
        );
        assert_eq!(failing_rows("580", &ret(&[&eps, &m]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_581_missing_only_while_looked_after() {
        let eps = table(
            EPISODES,
            &[
                full_ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                full_ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let m = table(
            MISSING,
            &[
                "A,01/06/2006,M,20/04/2024,21/04/2024".into(),
                "B,01/06/2006,M,20/05/2024,".into(),
            ],
        );
        assert_eq!(failing_rows("581", &ret(&[&eps, &m]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_586_missing_after_birth() {
        let m = table(
            MISSING,
            &[
                "A,01/06/2006,M,20/05/2024,".into(),
                "B,01/06/2024,M,20/05/2024,".into(),
            ],
        );
        assert_eq!(failing_rows("586", &ret(&[&m]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_1004_missing_start_must_be_a_date() {
        assert_eq!(
            failing_rows("1004", &missing_rows(), None),
            vec![Some(1), Some(3)]
        );
    }

    #[test]
    fn rule_1005_missing_end_if_given_must_be_a_date() {
        assert_eq!(failing_rows("1005", &missing_rows(), None), vec![Some(2)]);
    }

    #[test]
    fn rule_1006_missing_type_must_be_m_or_a() {
        assert_eq!(failing_rows("1006", &missing_rows(), None), vec![Some(2)]);
    }

    #[test]
    fn rule_565_missing_type_needed_with_start() {
        assert_eq!(failing_rows("565", &typed_missing(), None), vec![Some(1)]);
    }

    #[test]
    fn rule_566_missing_type_needed_with_end() {
        assert_eq!(failing_rows("566", &typed_missing(), None), vec![Some(2)]);
    }

    #[test]
    fn rule_570_missing_start_not_after_year() {
        assert_eq!(failing_rows("570", &typed_missing(), None), vec![Some(3)]);
    }

    #[test]
    fn rule_571_missing_end_within_year() {
        assert_eq!(failing_rows("571", &typed_missing(), None), vec![Some(4)]);
    }
}
