//! DfE validation rules with letter codes: the social worker episode rules
//! (SW01STG1 to SW19STG2) on the SWEpisodes table, new in 2023/24.

use crate::hash::HashSet;

use chrono::{Months, NaiveDate};

use crate::Table;
use crate::TableData;
use crate::validate::{
    Context, Findings, Needs, RowsByChild, Rule, SharedOrder, Trimmed, blank, date, each_row,
};
use crate::years::Years;

/// The reasons a social worker episode may change (SW_REASON).
const SW_REASONS: &[&str] = &[
    "MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "PCCHAN", "SWDIED",
    "OTHERS",
];

/// A date that may have an unknown day or month (`ZZ`) or year (`ZZZZ`),
/// as the 2023/24 social worker rules accept; `None` when blank or invalid.
fn date_with_unknowns(value: &str) -> Option<NaiveDate> {
    if !value.bytes().any(|b| b.eq_ignore_ascii_case(&b'z')) {
        // No unknowns: an ordinary date, read as below would.
        return date(value);
    }
    let parts: Vec<&str> = value.trimmed().split('/').collect();
    if parts.len() != 3 {
        return None;
    }
    let part = |p: &str, unknown: &str, stand_in: &str| -> String {
        if p.eq_ignore_ascii_case(unknown) {
            stand_in.to_owned()
        } else {
            p.to_owned()
        }
    };
    let day = part(parts[0], "ZZ", "01");
    let month = part(parts[1], "ZZ", "01");
    let year = part(parts[2], "ZZZZ", "2000");
    date(&format!("{day}/{month}/{year}"))
}

/// The start of the social worker reporting period: a year before the
/// collection year starts.
fn sw_period_start(ctx: &Context<'_>) -> NaiveDate {
    ctx.start()
        .checked_sub_months(Months::new(12))
        .expect("a year before the collection start is a date")
}

/// A child's social worker episodes in date order: by start date (episodes
/// without a valid start last), then end date (open last), then file order.
fn sw_in_order<'c, 'a>(ctx: &'c Context<'a>, data: &'a TableData) -> &'c RowsByChild<'a> {
    let slot = if ctx
        .table(Table::SwEpisodes)
        .is_some_and(|t| std::ptr::eq(t, data))
    {
        SharedOrder::SocialWorkEpisodes
    } else {
        SharedOrder::SocialWorkEpisodesLastYear
    };
    ctx.shared_order(slot, || {
        let mut groups = ctx.rows_by_child(data).clone();
        for rows in groups.values_mut() {
            rows.sort_by_key(|&r| {
                let decom = data.date(r, "SW_DECOM");
                let dec = data.date(r, "SW_DEC");
                (decom.is_none(), decom, dec.is_none(), dec, r)
            });
        }
        groups
    })
}

/// Whether an episode row means the child is looked after on 31 March: it
/// has not ended and is not a series of short breaks.
fn open_at_end(episodes: &TableData, row: usize) -> bool {
    blank(episodes.value(row, "DEC")) && !matches!(episodes.value(row, "LS"), "V3" | "V4")
}

/// The children looked after on 31 March, per the Episodes table.
fn looked_after_at_end<'a>(ctx: &Context<'a>) -> Option<HashSet<&'a str>> {
    let episodes = ctx.table(Table::Episodes)?;
    Some(
        (0..episodes.len())
            .filter(|&r| open_at_end(episodes, r))
            .map(|r| episodes.value(r, "CHILD"))
            .collect(),
    )
}

/// SW01STG1: every child looked after on 31 March has a social worker
/// episode with all the required items; reports the open episode.
fn sw01(ctx: &Context<'_>, out: &mut Findings, required: &[&str]) {
    let (Some(episodes), Some(sw)) = (ctx.table(Table::Episodes), ctx.table(Table::SwEpisodes))
    else {
        return;
    };
    let sw_by_child = ctx.rows_by_child(sw);
    for row in 0..episodes.len() {
        if !open_at_end(episodes, row) {
            continue;
        }
        let complete = sw_by_child
            .get(episodes.value(row, "CHILD"))
            .is_some_and(|rows| {
                rows.iter()
                    .any(|&r| required.iter().all(|c| !blank(sw.value(r, c))))
            });
        if !complete {
            out.row(episodes, row);
        }
    }
}

/// SW02STG1: the social worker ID starts with SW or XX (and, from 2025/26,
/// has at least 4 characters).
fn sw_id_invalid(id: &str, min_len: usize) -> bool {
    !(id.starts_with("SW") || id.starts_with("XX")) || id.chars().count() < min_len
}

/// SW09STG2 from 2025/26: the episode ended less than 3 days after it began.
fn too_short_2025(decom: &str, dec: &str) -> bool {
    match (date(decom), date(dec)) {
        (Some(s), Some(e)) => (e - s).num_days() < 3,
        _ => false,
    }
}

/// SW10STG2 / SW10aSTG2: each episode after a child's first begins within 7
/// days either side of the end of the one before (which must have ended);
/// with `fconta_exempt`, an episode with reason FCONTA is exempt.
fn sw10(ctx: &Context<'_>, out: &mut Findings, fconta_exempt: bool) {
    let Some(sw) = ctx.table(Table::SwEpisodes) else {
        return;
    };
    let mut failing = Vec::new();
    for rows in sw_in_order(ctx, sw).values() {
        for pair in rows.windows(2) {
            let (prev, cur) = (pair[0], pair[1]);
            if fconta_exempt && sw.value(cur, "SW_REASON") == "FCONTA" {
                continue;
            }
            let Some(decom) = sw.date(cur, "SW_DECOM") else {
                continue;
            };
            let fails = match sw.date(prev, "SW_DEC") {
                None => true,
                Some(prev_dec) => (decom - prev_dec).num_days().abs() > 7,
            };
            if fails {
                failing.push(cur);
            }
        }
    }
    failing.sort_unstable();
    for r in failing {
        out.row(sw, r);
    }
}

/// SW10bSTG2 (2025/26): an episode with reason FCONTA starts after the end
/// of the previous episode.
fn fconta_overlaps(prev_dec: &str, decom: &str, reason: &str) -> bool {
    reason == "FCONTA" && matches!((date(prev_dec), date(decom)), (Some(e), Some(s)) if s <= e)
}

/// Reports rows in file order.
fn report(out: &mut Findings, data: &TableData, mut rows: Vec<usize>) {
    rows.sort_unstable();
    rows.dedup();
    for r in rows {
        out.row(data, r);
    }
}

/// SW11STG2 family: an episode that ended before 31 March must be followed
/// by another for the child. `ended` chooses which ended episodes the rule
/// covers; `next_ok` whether the following episode's start fits the end;
/// `need_successor` whether a missing following episode is reported (only
/// for children still looked after on 31 March, per the Episodes table).
fn sw11(
    ctx: &Context<'_>,
    out: &mut Findings,
    ended: impl Fn(NaiveDate) -> bool,
    next_ok: impl Fn(NaiveDate, NaiveDate) -> bool,
    need_successor: bool,
) {
    let Some(sw) = ctx.table(Table::SwEpisodes) else {
        return;
    };
    let still_looked_after = looked_after_at_end(ctx).unwrap_or_default();
    let mut failing = Vec::new();
    for (&child, rows) in sw_in_order(ctx, sw) {
        for (i, &r) in rows.iter().enumerate() {
            let Some(dec) = sw.date(r, "SW_DEC") else {
                continue;
            };
            if !ended(dec) {
                continue;
            }
            match rows.get(i + 1) {
                Some(&next) => match sw.date(next, "SW_DECOM") {
                    Some(decom) if next_ok(dec, decom) => {}
                    _ => failing.push(next),
                },
                None if need_successor && still_looked_after.contains(&child) => failing.push(r),
                None => {}
            }
        }
    }
    report(out, sw, failing);
}

/// SW12STG2: for a child looked after on 31 March, every period of care in
/// the social worker reporting period is covered by a social worker episode;
/// reports the uncovered episode of care.
fn sw12(ctx: &Context<'_>, out: &mut Findings) {
    let (Some(episodes), Some(sw)) = (ctx.table(Table::Episodes), ctx.table(Table::SwEpisodes))
    else {
        return;
    };
    let window_start = sw_period_start(ctx);
    let end = ctx.end();
    let cla = looked_after_at_end(ctx).unwrap_or_default();
    let sw_by_child = ctx.rows_by_child(sw);
    for row in 0..episodes.len() {
        let child = episodes.value(row, "CHILD");
        if !cla.contains(&child) || matches!(episodes.value(row, "LS"), "V3" | "V4") {
            continue;
        }
        let Some(decom) = episodes.date(row, "DECOM") else {
            continue;
        };
        let dec = episodes.date(row, "DEC");
        // An episode that ends before it starts covers no days to report a
        // social worker for (rules on the dates report it).
        if dec.is_some_and(|d| d < decom) {
            continue;
        }
        let until = dec.unwrap_or(end).min(end);
        if until < window_start || decom > end {
            continue;
        }
        let from = decom.max(window_start);
        let covered = sw_by_child.get(child).is_some_and(|rows| {
            rows.iter().any(|&r| {
                sw.date(r, "SW_DECOM").is_some_and(|s| s <= until)
                    && sw.date(r, "SW_DEC").is_none_or(|e| e >= from)
            })
        });
        if !covered {
            out.row(episodes, row);
        }
    }
}

/// SW13STG1 from 2024/25: the reason is a valid code; it may be blank only
/// on the child's first episode of the year (the one open at 1 April, or
/// else the first to begin in the year).
fn sw13(ctx: &Context<'_>, out: &mut Findings) {
    let Some(sw) = ctx.table(Table::SwEpisodes) else {
        return;
    };
    let start = ctx.start();
    let mut allowed_blank = HashSet::default();
    for rows in sw_in_order(ctx, sw).values() {
        let dated: Vec<(usize, NaiveDate)> = rows
            .iter()
            .filter_map(|&r| sw.date(r, "SW_DECOM").map(|d| (r, d)))
            .collect();
        let open_at_start = dated
            .iter()
            .rev()
            .find(|(_, d)| *d < start)
            .filter(|(r, _)| sw.date(*r, "SW_DEC").is_none_or(|e| e >= start));
        let first_in_year = dated.iter().find(|(_, d)| *d >= start);
        if let Some((r, _)) = open_at_start.or(first_in_year) {
            allowed_blank.insert(*r);
        }
    }
    for r in 0..sw.len() {
        let reason = sw.value(r, "SW_REASON");
        let fails = if blank(reason) {
            !allowed_blank.contains(&r)
        } else {
            !SW_REASONS.contains(&reason)
        };
        if fails {
            out.row(sw, r);
        }
    }
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "SW01STG1",
        message: "Child looked after on 31 March, but no social worker episode information is reported",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| sw01(ctx, out, &["SW_ID", "SW_DECOM", "SW_REASON"]),
    },
    Rule {
        code: "SW01aSTG1",
        message: "For each social worker episode, information should be complete",
        years: Years::span(2024, 2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let cutoff = NaiveDate::from_ymd_opt(2023, 4, 1).expect("a date");
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                match t.date(r, "SW_DECOM") {
                    None => true,
                    Some(d) => d < cutoff && blank(t.value(r, "SW_ID")),
                }
            })
        },
    },
    Rule {
        code: "SW01bSTG1",
        message: "For each social worker episode, information should be complete",
        years: Years::span(2024, 2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let cutoff = NaiveDate::from_ymd_opt(2023, 4, 1).expect("a date");
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                match t.date(r, "SW_DECOM") {
                    None => true,
                    Some(d) => {
                        d >= cutoff
                            && (blank(t.value(r, "SW_ID")) || blank(t.value(r, "SW_REASON")))
                    }
                }
            })
        },
    },
    Rule {
        code: "SW02STG1",
        message: "Social worker ID does not begin with the characters ‘SW’ or ‘XX’.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                sw_id_invalid(t.value(r, "SW_ID"), 0)
            })
        },
    },
    Rule {
        code: "SW02STG1",
        message: "Social worker ID does not begin with the characters ‘SW’ or ‘XX’.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                sw_id_invalid(t.value(r, "SW_ID"), 4)
            })
        },
    },
    Rule {
        code: "SW03STG1",
        message: "For each social worker episode, information should be complete.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                ["SW_ID", "SW_DECOM", "SW_REASON"]
                    .iter()
                    .any(|c| blank(t.value(r, c)))
            })
        },
    },
    Rule {
        code: "SW04STG1",
        message: "Date social worker episode began is not a valid date..",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                date_with_unknowns(t.value(r, "SW_DECOM")).is_none()
            })
        },
    },
    Rule {
        code: "SW04STG1",
        message: "Date social worker episode began is not a valid date..",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                t.date(r, "SW_DECOM").is_none()
            })
        },
    },
    Rule {
        code: "SW05STG1",
        message: "Date social worker episode began is not a valid date.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                let v = t.value(r, "SW_DEC");
                !blank(v) && date_with_unknowns(v).is_none()
            })
        },
    },
    Rule {
        code: "SW05STG1",
        message: "Date social worker episode began is not a valid date.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                let v = t.value(r, "SW_DEC");
                !blank(v) && date(v).is_none()
            })
        },
    },
    Rule {
        code: "SW06STG2",
        message: "Social worker episode data should be within the social worker data reporting year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                t.date(r, "SW_DECOM").is_some_and(|d| d > end)
            })
        },
    },
    Rule {
        code: "SW07STG2",
        message: "Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (from, end) = (sw_period_start(ctx), ctx.end());
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                t.date(r, "SW_DEC").is_some_and(|d| d < from || d > end)
            })
        },
    },
    Rule {
        code: "SW07STG2",
        message: "Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (from, end) = (ctx.start(), ctx.end());
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                t.date(r, "SW_DEC").is_some_and(|d| d < from || d > end)
            })
        },
    },
    Rule {
        code: "SW08STG2",
        message: "A new social worker episode has started, but the previous episode has not ended.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(sw) = ctx.table(Table::SwEpisodes) else {
                return;
            };
            let mut failing = Vec::new();
            for rows in sw_in_order(ctx, sw).values() {
                let Some((_, earlier)) = rows.split_last() else {
                    continue;
                };
                failing.extend(earlier.iter().copied().filter(|&r| {
                    sw.date(r, "SW_DECOM").is_some() && sw.date(r, "SW_DEC").is_none()
                }));
            }
            report(out, sw, failing);
        },
    },
    Rule {
        code: "SW09STG2",
        message: "Social worker episode appears to have lasted for less than 24 hours.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                let (s, e) = (t.value(r, "SW_DECOM"), t.value(r, "SW_DEC"));
                !blank(s) && s == e
            })
        },
    },
    Rule {
        code: "SW09STG2",
        message: "Social worker episode appears to have lasted for less than 24 hours.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                too_short_2025(t.value(r, "SW_DECOM"), t.value(r, "SW_DEC"))
            })
        },
    },
    Rule {
        code: "SW10STG2",
        message: "A new social worker episode has started before the end date of the previous social worker episode.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| sw10(ctx, out, true),
    },
    Rule {
        code: "SW10STG2",
        message: "A new social worker episode has started before the end date of the previous social worker episode.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| sw10(ctx, out, false),
    },
    Rule {
        code: "SW10aSTG2",
        message: "A new social worker episode has started and it is not within +/- 7 days of a previous episode.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| sw10(ctx, out, true),
    },
    Rule {
        code: "SW10bSTG2",
        message: "A new social worker episode has started with a reason of first contact before the previous episode has ended.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(sw) = ctx.table(Table::SwEpisodes) else {
                return;
            };
            let mut failing = Vec::new();
            for rows in sw_in_order(ctx, sw).values() {
                for pair in rows.windows(2) {
                    let (prev, cur) = (pair[0], pair[1]);
                    if fconta_overlaps(
                        sw.value(prev, "SW_DEC"),
                        sw.value(cur, "SW_DECOM"),
                        sw.value(cur, "SW_REASON"),
                    ) {
                        failing.push(cur);
                    }
                }
            }
            report(out, sw, failing);
        },
    },
    Rule {
        code: "SW11aSTG2",
        message: "Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            let cutoff = end - chrono::Days::new(5);
            sw11(
                ctx,
                out,
                |dec| dec <= cutoff,
                |dec, next| (next - dec).num_days().abs() <= 5,
                false,
            )
        },
    },
    Rule {
        code: "SW11bSTG2",
        message: "Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            let cutoff = end - chrono::Days::new(5);
            sw11(
                ctx,
                out,
                |dec| dec >= cutoff && dec < end,
                |_, _| true,
                true,
            )
        },
    },
    Rule {
        code: "SW12STG2",
        message: "If a child is looked after on 31 March then all social worker episodes for the full previous year should be reported, even those whilst they were not looked after",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: sw12,
    },
    Rule {
        code: "SW13STG1",
        message: "The reason for social worker change is either not valid or has not been entered.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: sw13,
    },
    Rule {
        code: "SW13STG1",
        message: "The reason for social worker change is either not valid or has not been entered.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                !SW_REASONS.contains(&t.value(r, "SW_REASON"))
            })
        },
    },
    Rule {
        code: "SW14STG2",
        message: "Social worker episode date ceased is blank.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(sw) = ctx.table(Table::SwEpisodes) else {
                return;
            };
            let mut failing = Vec::new();
            for rows in sw_in_order(ctx, sw).values() {
                if let Some((_, earlier)) = rows.split_last() {
                    failing.extend(
                        earlier
                            .iter()
                            .copied()
                            .filter(|&r| sw.date(r, "SW_DEC").is_none()),
                    );
                }
            }
            report(out, sw, failing);
        },
    },
    Rule {
        code: "SW17STG2",
        message: "There is no social worker episode open at 31 March",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(sw) = ctx.table(Table::SwEpisodes) else {
                return;
            };
            let mut failing = Vec::new();
            for rows in sw_in_order(ctx, sw).values() {
                // The latest episode: the last valid start date, if any.
                let latest = rows
                    .iter()
                    .rev()
                    .find(|&&r| sw.date(r, "SW_DECOM").is_some())
                    .or(rows.last());
                if let Some(&r) = latest
                    && !blank(sw.value(r, "SW_DEC"))
                {
                    failing.push(r);
                }
            }
            report(out, sw, failing);
        },
    },
    Rule {
        code: "SW18STG2",
        message: "The end date of the social worker episode is before the start date",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                matches!(
                    (t.date(r, "SW_DECOM"), t.date(r, "SW_DEC")),
                    (Some(s), Some(e)) if e <= s
                )
            })
        },
    },
    Rule {
        code: "SW19STG2",
        message: "There are 2 social worker episodes for the child starting on the same date.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(sw) = ctx.table(Table::SwEpisodes) else {
                return;
            };
            let mut seen = HashSet::default();
            for r in 0..sw.len() {
                if !seen.insert((sw.value(r, "CHILD"), sw.value(r, "SW_DECOM"))) {
                    out.row(sw, r);
                }
            }
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::testing::*;

    const SW: &str = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON";
    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";

    /// The rows a rule fails in a given collection year (start year), run
    /// through the validator so that the year's version of the rule is used.
    fn failing_rows_in(
        year: i32,
        code: &str,
        current: &crate::Return,
        previous: Option<&crate::Return>,
    ) -> Vec<Option<usize>> {
        let ctx = Context::new(
            current,
            previous,
            crate::CollectionYear::starting(year),
            "E10000018",
        );
        rows_failing(&ctx, code)
    }

    /// Whether a rule runs (or is reported as not run) in a year.
    fn applies_in(year: i32, code: &str) -> bool {
        RULES
            .iter()
            .any(|r| r.code == code && r.years.contains(year))
    }

    #[test]
    fn rules_sw_year_versions() {
        // SW01STG1 in 2023/24 also wants a reason.
        let eps = episodes(&open_episode("C1", "01/04/2023", "C2"));
        let r = ret(&[&eps, &sw("C1,01/01/2015,SW1,01/04/2023,,\n")]);
        assert_eq!(failing_rows_in(2023, "SW01STG1", &r, None), vec![Some(0)]);
        assert!(!applies_in(2024, "SW01STG1"));

        // SW02STG1 from 2025/26: at least 4 characters.
        let r = ret(&[&sw(
            "C1,01/01/2015,SW1,01/01/2025,,\nC2,01/01/2015,SW12,01/01/2025,,\n",
        )]);
        assert_eq!(failing_rows_in(2025, "SW02STG1", &r, None), vec![Some(0)]);
        assert_eq!(failing_rows_in(2024, "SW02STG1", &r, None), vec![]);

        // SW04STG1 / SW05STG1 from 2025/26: unknown parts are no longer valid.
        let r = ret(&[&sw("C1,01/01/2015,SW1,ZZ/05/2024,01/ZZ/2025,\n")]);
        assert_eq!(failing_rows_in(2025, "SW04STG1", &r, None), vec![Some(0)]);
        assert_eq!(failing_rows_in(2025, "SW05STG1", &r, None), vec![Some(0)]);
        assert_eq!(failing_rows_in(2024, "SW04STG1", &r, None), vec![]);
        assert_eq!(failing_rows_in(2024, "SW05STG1", &r, None), vec![]);

        // SW07STG2 in 2023/24: the period starts on 1 April of the year.
        let r = ret(&[&sw(
            "C1,01/01/2015,SW1,01/01/2022,31/03/2023,MANAGE\nC2,01/01/2015,SW1,01/01/2022,01/04/2023,MANAGE\n",
        )]);
        assert_eq!(failing_rows_in(2023, "SW07STG2", &r, None), vec![Some(0)]);

        // SW09STG2 from 2025/26: less than 3 days.
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2025,03/05/2025,MANAGE\n")]);
        assert_eq!(failing_rows_in(2025, "SW09STG2", &r, None), vec![Some(0)]);
        assert_eq!(failing_rows_in(2024, "SW09STG2", &r, None), vec![]);

        // SW10STG2 in 2023/24: no exemption for FCONTA.
        let r = ret(&[&sw(
            "C1,01/01/2015,SW1,01/05/2023,10/05/2023,MANAGE\nC1,01/01/2015,SW2,30/05/2023,,FCONTA\n",
        )]);
        assert_eq!(failing_rows_in(2023, "SW10STG2", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows("SW10STG2", &r, None), vec![]);

        // SW13STG1 in 2023/24: a blank reason is never valid.
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2023,,\n")]);
        assert_eq!(failing_rows_in(2023, "SW13STG1", &r, None), vec![Some(0)]);
        assert_eq!(failing_rows("SW13STG1", &r, None), vec![]);

        // Rules added or deleted by year.
        // The DfE added SW15STG2 and SW16a-cSTG2 for 2024-25 and withdrew
        // them before the collection: in force in no year.
        for code in [
            "SW11STG2",
            "SW15STG2",
            "SW16aSTG2",
            "SW16bSTG2",
            "SW16cSTG2",
        ] {
            assert!((2023..=2025).all(|y| !applies_in(y, code)), "{code}");
        }
        for code in ["SW10aSTG2", "SW10bSTG2", "SW17STG2", "SW18STG2", "SW19STG2"] {
            assert!(applies_in(2025, code) && !applies_in(2024, code), "{code}");
        }
    }

    fn sw(rows: &str) -> String {
        format!("{SW}\n{rows}")
    }

    fn episodes(rows: &str) -> String {
        format!("{EPISODES}\n{rows}")
    }

    /// An open episode (looked after on 31 March) for a child.
    fn open_episode(child: &str, decom: &str, ls: &str) -> String {
        format!("{child},{decom},S,{ls},N1,U1,PR1,,,,LE1 1,LE2 2,\n")
    }

    #[test]
    fn rule_sw01stg1_child_looked_after_needs_a_social_worker_episode() {
        let eps = episodes(
            &[
                open_episode("C1", "01/04/2024", "C2"),
                open_episode("C2", "01/04/2024", "C2"),
                open_episode("C3", "01/04/2024", "V3"),
                "C4,01/04/2024,S,C2,N1,U1,PR1,01/05/2024,E11,,LE1 1,LE2 2,\n".into(),
                open_episode("C5", "01/04/2024", "C2"),
            ]
            .concat(),
        );
        let sws = sw("C1,01/01/2015,SW1,01/04/2024,,MANAGE\nC5,01/01/2015,,01/04/2024,,MANAGE\n");
        let r = ret(&[&eps, &sws]);
        // C2 has no episode, C5's lacks an ID; C3 (short breaks), C4 (ceased) pass.
        assert_eq!(
            failing_rows_in(2023, "SW01STG1", &r, None),
            vec![Some(1), Some(4)]
        );
    }

    #[test]
    fn rule_sw01astg1_episodes_before_april_2023_need_an_id_and_start() {
        let r = ret(&[&sw("C1,01/01/2015,,01/01/2024,,\n\
             C2,01/01/2015,SW1,,,MANAGE\n\
             C3,01/01/2015,,01/01/2020,,MANAGE\n\
             C4,01/01/2015,SW1,01/01/2020,,\n")]);
        assert_eq!(failing_rows("SW01aSTG1", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_sw01bstg1_episodes_from_april_2023_need_an_id_start_and_reason() {
        let r = ret(&[&sw("C1,01/01/2015,,01/01/2024,,MANAGE\n\
             C2,01/01/2015,SW1,,,MANAGE\n\
             C3,01/01/2015,SW1,01/01/2024,,\n\
             C4,01/01/2015,SW1,01/01/2020,,\n\
             C5,01/01/2015,SW1,01/01/2024,,MANAGE\n")]);
        assert_eq!(
            failing_rows("SW01bSTG1", &r, None),
            vec![Some(0), Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_sw02stg1_id_starts_with_sw_or_xx() {
        let r = ret(&[&sw("C1,01/01/2015,SW000,01/01/2024,,\n\
             C2,01/01/2015,XX1,01/01/2024,,\n\
             C3,01/01/2015,AB12,01/01/2024,,\n\
             C4,01/01/2015,,01/01/2024,,\n")]);
        assert_eq!(failing_rows("SW02STG1", &r, None), vec![Some(2), Some(3)]);
        // 2025/26 also wants at least 4 characters.
        assert!(sw_id_invalid("SW1", 4));
        assert!(!sw_id_invalid("SW12", 4));
    }

    #[test]
    fn rule_sw03stg1_id_start_and_reason_are_required() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/01/2024,,MANAGE\n\
             C2,01/01/2015,SW1,01/01/2024,01/02/2024,\n\
             C3,01/01/2015,,01/01/2024,,MANAGE\n")]);
        assert_eq!(failing_rows("SW03STG1", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_sw04stg1_start_date_must_be_valid() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/01/2024,,\n\
             C2,01/01/2015,SW1,ZZ/ZZ/ZZZZ,,\n\
             C3,01/01/2015,SW1,zz,,\n\
             C4,01/01/2015,SW1,,,\n\
             C5,01/01/2015,SW1,31/02/2024,,\n")]);
        assert_eq!(
            failing_rows("SW04STG1", &r, None),
            vec![Some(2), Some(3), Some(4)]
        );
    }

    #[test]
    fn rule_sw05stg1_end_date_if_given_must_be_valid() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/01/2024,,\n\
             C2,01/01/2015,SW1,01/01/2024,01/ZZ/2024,\n\
             C3,01/01/2015,SW1,01/01/2024,2024-02-01,\n\
             C4,01/01/2015,SW1,01/01/2024,01/02/2024,\n")]);
        assert_eq!(failing_rows("SW05STG1", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_sw06stg2_start_date_not_after_the_collection_end() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,31/03/2025,,\n\
             C2,01/01/2015,SW1,01/04/2025,,\n\
             C3,01/01/2015,SW1,,,\n")]);
        assert_eq!(failing_rows("SW06STG2", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_sw07stg2_end_date_within_the_reporting_period() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/01/2022,01/04/2023,\n\
             C2,01/01/2015,SW1,01/01/2022,31/03/2023,\n\
             C3,01/01/2015,SW1,01/01/2022,31/03/2025,\n\
             C4,01/01/2015,SW1,01/01/2022,01/04/2025,\n\
             C5,01/01/2015,SW1,01/01/2022,,\n")]);
        assert_eq!(failing_rows("SW07STG2", &r, None), vec![Some(1), Some(3)]);
    }

    #[test]
    fn rule_sw08stg2_earlier_episodes_must_have_ended() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,,\n\
             C1,01/01/2015,SW2,01/06/2024,,\n\
             C2,01/01/2015,SW1,01/05/2024,01/06/2024,\n\
             C2,01/01/2015,SW2,01/06/2024,,\n\
             C3,01/01/2015,SW1,01/05/2024,,\n")]);
        assert_eq!(failing_rows("SW08STG2", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_sw09stg2_episode_of_less_than_a_day() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,01/05/2024,\n\
             C2,01/01/2015,SW1,01/05/2024,02/05/2024,\n\
             C3,01/01/2015,SW1,,,\n")]);
        assert_eq!(failing_rows("SW09STG2", &r, None), vec![Some(0)]);
        // From 2025/26, less than 3 days.
        assert!(too_short_2025("01/05/2025", "03/05/2025"));
        assert!(!too_short_2025("01/05/2025", "04/05/2025"));
        assert!(!too_short_2025("01/05/2025", ""));
    }

    #[test]
    fn rule_sw10stg2_next_episode_starts_within_7_days_of_the_last_end() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C1,01/01/2015,SW2,17/05/2024,,MANAGE\n\
             C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C2,01/01/2015,SW2,18/05/2024,,MANAGE\n\
             C3,01/01/2015,SW1,01/05/2024,,MANAGE\n\
             C3,01/01/2015,SW2,18/05/2024,,MANAGE\n\
             C4,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C4,01/01/2015,SW2,30/05/2024,,FCONTA\n")]);
        assert_eq!(failing_rows("SW10STG2", &r, None), vec![Some(3), Some(5)]);
    }

    #[test]
    fn rule_sw10astg2_same_check_as_sw10_with_fconta_exempt() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C1,01/01/2015,SW2,30/05/2024,,MANAGE\n\
             C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C2,01/01/2015,SW2,30/05/2024,,FCONTA\n")]);
        assert_eq!(failing_rows("SW10aSTG2", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_sw10bstg2_first_contact_starts_after_the_previous_end() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C1,01/01/2015,SW2,09/05/2024,,FCONTA\n\
             C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C2,01/01/2015,SW2,11/05/2024,,FCONTA\n\
             C3,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C3,01/01/2015,SW2,09/05/2024,,MANAGE\n")]);
        assert_eq!(failing_rows("SW10bSTG2", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_sw11astg2_ended_episode_is_followed_within_5_days() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C1,01/01/2015,SW2,15/05/2024,,MANAGE\n\
             C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C2,01/01/2015,SW2,16/05/2024,,MANAGE\n\
             C3,01/01/2015,SW1,01/05/2024,28/03/2025,MANAGE\n\
             C3,01/01/2015,SW2,,,MANAGE\n")]);
        assert_eq!(failing_rows("SW11aSTG2", &r, None), vec![Some(3)]);
    }

    #[test]
    fn rule_sw11bstg2_episode_ended_in_the_last_days_is_followed() {
        let eps = episodes(
            &[
                open_episode("C1", "01/04/2024", "C2"),
                open_episode("C2", "01/04/2024", "C2"),
                open_episode("C3", "01/04/2024", "C2"),
            ]
            .concat(),
        );
        let r = ret(&[
            &eps,
            &sw("C1,01/01/2015,SW1,01/05/2024,28/03/2025,MANAGE\n\
                 C1,01/01/2015,SW2,29/03/2025,,MANAGE\n\
                 C2,01/01/2015,SW1,01/05/2024,28/03/2025,MANAGE\n\
                 C3,01/01/2015,SW1,01/05/2024,28/03/2025,MANAGE\n\
                 C3,01/01/2015,SW2,,,MANAGE\n"),
        ]);
        assert_eq!(failing_rows("SW11bSTG2", &r, None), vec![Some(2), Some(4)]);
    }

    #[test]
    fn rule_sw12stg2_periods_of_care_are_covered_by_social_worker_episodes() {
        let eps = episodes(
            &[
                open_episode("C1", "01/06/2023", "C2"),
                open_episode("C2", "01/06/2023", "C2"),
                "C3,01/06/2023,S,C2,N1,U1,PR1,01/08/2023,E11,,LE1 1,LE2 2,\n".into(),
                open_episode("C3", "01/01/2025", "C2"),
                "C4,01/06/2023,S,C2,N1,U1,PR1,01/08/2023,E11,,LE1 1,LE2 2,\n".into(),
            ]
            .concat(),
        );
        let r = ret(&[
            &eps,
            &sw("C1,01/01/2015,SW1,01/06/2023,,MANAGE\n\
                 C2,01/01/2015,SW1,01/06/2022,01/05/2023,MANAGE\n\
                 C3,01/01/2015,SW1,01/01/2025,,MANAGE\n"),
        ]);
        // C2's SW episode ended before care began; C3's first period of care
        // has none. C4 is not looked after on 31 March.
        assert_eq!(failing_rows("SW12STG2", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_sw12stg2_episode_ending_before_it_starts_needs_no_social_worker() {
        let eps = episodes(
            &[
                "C1,01/10/2024,S,C2,N1,U1,PR1,01/06/2023,X1,,LE1 1,LE2 2,\n".into(),
                open_episode("C1", "01/10/2024", "C2"),
            ]
            .concat(),
        );
        let r = ret(&[&eps, &sw("C1,01/01/2015,SW1,01/10/2024,,MANAGE\n")]);
        assert_eq!(failing_rows("SW12STG2", &r, None), vec![]);
    }

    #[test]
    fn rule_sw13stg1_reason_valid_and_blank_only_on_the_first_episode() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,\n\
             C1,01/01/2015,SW2,10/05/2024,,\n\
             C2,01/01/2015,SW1,01/05/2023,,\n\
             C3,01/01/2015,SW1,01/05/2022,01/05/2023,\n\
             C3,01/01/2015,SW2,01/05/2023,,MANAGE\n\
             C4,01/01/2015,SW1,01/05/2024,,LAZY\n")]);
        assert_eq!(
            failing_rows("SW13STG1", &r, None),
            vec![Some(1), Some(3), Some(5)]
        );
    }

    #[test]
    fn rule_sw14stg2_only_the_latest_episode_may_be_open() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,,MANAGE\n\
             C1,01/01/2015,SW2,10/05/2024,,MANAGE\n\
             C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C2,01/01/2015,SW2,10/05/2024,,MANAGE\n")]);
        assert_eq!(failing_rows("SW14STG2", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_sw17stg2_latest_episode_is_open() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C1,01/01/2015,SW2,10/05/2024,,MANAGE\n\
             C2,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C2,01/01/2015,SW2,10/05/2024,11/06/2024,MANAGE\n")]);
        assert_eq!(failing_rows("SW17STG2", &r, None), vec![Some(3)]);
    }

    #[test]
    fn rule_sw18stg2_end_after_start() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C2,01/01/2015,SW1,10/05/2024,01/05/2024,MANAGE\n\
             C3,01/01/2015,SW1,10/05/2024,,MANAGE\n")]);
        assert_eq!(failing_rows("SW18STG2", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_sw19stg2_no_two_episodes_start_the_same_day() {
        let r = ret(&[&sw("C1,01/01/2015,SW1,01/05/2024,10/05/2024,MANAGE\n\
             C2,01/01/2015,SW1,01/05/2024,,MANAGE\n\
             C1,01/01/2015,SW2,01/05/2024,,MANAGE\n")]);
        assert_eq!(failing_rows("SW19STG2", &r, None), vec![Some(2)]);
    }
}
