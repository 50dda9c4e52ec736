//! Social worker episodes (the SWEpisodes table, from 2023-24): SW01STG1 to SW19STG2.

use crate::Table;
use crate::TableData;
use crate::hash::HashSet;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::RowsByChild;
use crate::validate::Rule;
use crate::validate::SharedOrder;
use crate::validate::Trimmed;
use crate::validate::blank;
use crate::validate::date;
use crate::validate::each_row;
use crate::years::Years;
use chrono::Months;
use chrono::NaiveDate;

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
        ctx.rows_by_child(data).sorted_by_key(|r| {
            let decom = data.date(r, "SW_DECOM");
            let dec = data.date(r, "SW_DEC");
            (decom.is_none(), decom, dec.is_none(), dec, r)
        })
    })
}

/// Whether an episode row means the child is looked after on 31 March: it
/// has not ended and is not a series of short breaks.
fn open_at_end(episodes: &TableData, row: usize) -> bool {
    blank(episodes.value(row, "DEC")) && !one_of(episodes.value(row, "LS"), &["V3", "V4"])
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
        let complete = sw_by_child.get_row(episodes, row).is_some_and(|rows| {
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
    // In any case: the reference upper-cases what it reads.
    let prefix = id.get(..2).unwrap_or("");
    !(prefix.eq_ignore_ascii_case("SW") || prefix.eq_ignore_ascii_case("XX"))
        || id.chars().count() < min_len
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
            if fconta_exempt && is(sw.value(cur, "SW_REASON"), "FCONTA") {
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
    is(reason, "FCONTA") && matches!((date(prev_dec), date(decom)), (Some(e), Some(s)) if s <= e)
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
        if !cla.contains(&child) || one_of(episodes.value(row, "LS"), &["V3", "V4"]) {
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
            !one_of(reason, SW_REASONS)
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
            // "is not a valid date": a date given (a blank is not one).
            each_row(ctx, out, Table::SwEpisodes, |t, r| {
                let decom = t.value(r, "SW_DECOM");
                !blank(decom) && date_with_unknowns(decom).is_none()
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
                !blank(t.value(r, "SW_DECOM")) && t.date(r, "SW_DECOM").is_none()
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
                !one_of(t.value(r, "SW_REASON"), SW_REASONS)
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
mod tests;
