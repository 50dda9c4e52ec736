//! What several rules derive from the return: each child's first rows, episodes in order, first and latest episodes, last year's, and who is UASC or looked after.

use crate::Return;
use crate::Table;
use crate::TableData;
use crate::hash::HashMap;
use crate::hash::HashSet;
use crate::rules::codes::SHORT_BREAKS;
use crate::rules::codes::is;
use crate::rules::codes::one_of;
use crate::rules::reporting::report;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::RowsByChild;
use crate::validate::SharedMap;
use crate::validate::SharedOrder;
use crate::validate::SharedSet;
use crate::validate::blank;
use chrono::NaiveDate;

/// The children looked after continuously for the whole collection year, as
/// the DfE defines it for the OC2 cohort: in care at some point in the year,
/// and with no episode in the year that shows otherwise (starting care after
/// 1 April, leaving care before 31 March, or a short-break legal status).
pub(super) fn continuously_looked_after_oc2<'c, 'a>(ctx: &'c Context<'a>) -> &'c HashSet<&'a str> {
    ctx.shared_set(SharedSet::ContinuouslyLookedAfterOc2, || {
        let Some(eps) = ctx.table(Table::Episodes) else {
            return HashSet::default();
        };
        let (start, end) = (ctx.start(), ctx.end());
        let mut in_care = HashSet::default();
        let mut broken = HashSet::default();
        for r in 0..eps.len() {
            let child = eps.value(r, "CHILD");
            let decom = eps.date(r, "DECOM");
            let dec = eps.date(r, "DEC");
            let during_year = decom.is_some_and(|d| d <= end) && dec.is_none_or(|d| d >= start);
            let enters_care =
                is(eps.value(r, "RNE"), "S") && decom.is_some_and(|d| d > start && d <= end);
            let leaves_care =
                !is(eps.value(r, "REC"), "X1") && dec.is_some_and(|d| d >= start && d < end);
            let short_breaks = one_of(eps.value(r, "LS"), SHORT_BREAKS) && during_year;
            if during_year {
                in_care.insert(child);
            }
            if enters_care || leaves_care || short_breaks {
                broken.insert(child);
            }
        }
        in_care.retain(|c| !broken.contains(c));
        in_care
    })
}

/// The first row of each child in a table.
pub(super) fn first_rows(data: &TableData) -> HashMap<&str, usize> {
    let mut rows = HashMap::default();
    for r in 0..data.len() {
        rows.entry(data.value(r, "CHILD")).or_insert(r);
    }
    rows
}

/// The children who are UASC in a return, with their row of the UASC table:
/// those with a row there that records their sex or the date UASC ceased.
/// `None` when the return has no UASC table.
pub(super) fn uasc_children(ret: &Return) -> Option<HashMap<&str, usize>> {
    let data = ret.table(Table::Uasc)?;
    let mut children = HashMap::default();
    for r in 0..data.len() {
        if !blank(data.value(r, "SEX")) || !blank(data.value(r, "DUC")) {
            children.entry(data.value(r, "CHILD")).or_insert(r);
        }
    }
    Some(children)
}

/// A table of last year's return.
pub(super) fn previous<'a>(ctx: &Context<'a>, table: Table) -> Option<&'a TableData> {
    ctx.previous.and_then(|p| p.table(table))
}

/// The placement authority (as PL_LA) of a postcode in the directory.
pub(super) fn authority_of<'d>(
    dir: &'d crate::postcodes::PostcodeDirectory,
    postcode: &str,
) -> Option<&'d str> {
    dir.lookup(postcode)
        .and_then(|found| found.authority)
        .filter(|a| !a.is_empty())
}

/// Each child's earliest episode (by valid DECOM; the first in the file on
/// ties) and its start date.
pub(super) fn first_episodes(data: &TableData) -> Vec<(usize, NaiveDate)> {
    let mut first: HashMap<&str, (usize, NaiveDate)> = HashMap::default();
    for r in 0..data.len() {
        if let Some(d) = data.date(r, "DECOM") {
            first
                .entry(data.value(r, "CHILD"))
                .and_modify(|e| {
                    if d < e.1 {
                        *e = (r, d);
                    }
                })
                .or_insert((r, d));
        }
    }
    first.into_values().collect()
}

/// The children in the UASC table of this year's return or, when given,
/// last year's (the reference's "former UASC").
pub(super) fn uasc_this_or_last_year<'c, 'a>(ctx: &'c Context<'a>) -> &'c HashSet<&'a str> {
    ctx.shared_set(SharedSet::UascThisOrLastYear, || {
        let mut children = HashSet::default();
        let tables = [
            ctx.table(Table::Uasc),
            ctx.previous.and_then(|p| p.table(Table::Uasc)),
        ];
        for data in tables.into_iter().flatten() {
            for r in 0..data.len() {
                children.insert(data.value(r, "CHILD"));
            }
        }
        children
    })
}

/// Each child's episodes in date order: by start date, then end date, with
/// blank or invalid dates last and ties in file order.
pub(super) fn episode_runs<'c, 'a>(
    ctx: &'c Context<'a>,
    data: &'a TableData,
) -> &'c RowsByChild<'a> {
    assert!(
        ctx.table(Table::Episodes)
            .is_some_and(|t| std::ptr::eq(t, data)),
        "episode runs are this year's"
    );
    ctx.shared_order(SharedOrder::EpisodesByStartAndEnd, || {
        let key = |r: usize, column: &str| match data.date(r, column) {
            Some(d) => (false, Some(d)),
            None => (true, None),
        };
        ctx.rows_by_child(data)
            .sorted_by_key(|r| (key(r, "DECOM"), key(r, "DEC"), r))
    })
}

/// Each episode that follows another of the same child, with the one before it.
pub(super) fn with_previous<'a>(ctx: &Context<'a>, data: &'a TableData) -> Vec<(usize, usize)> {
    episode_runs(ctx, data)
        .values()
        .flat_map(|run| run.windows(2).map(|w| (w[0], w[1])))
        .collect()
}

/// Reports the episodes that follow another and fail a check against it.
pub(super) fn check_with_previous(
    ctx: &Context<'_>,
    out: &mut Findings,
    fails: impl Fn(&TableData, usize, usize) -> bool,
) {
    if let Some(data) = ctx.table(Table::Episodes) {
        let rows = with_previous(ctx, data)
            .into_iter()
            .filter(|&(prev, cur)| fails(data, prev, cur))
            .map(|(_, cur)| cur)
            .collect();
        report(out, data, rows);
    }
}

/// Rules 453 and 503G: whether the distance changed between last year's
/// last episode and this year's first: by 0.2 miles or more, or derived now
/// and not then (not the other way round, as the reference reads it: a
/// distance missing now is 392a's to report).
pub(super) fn distance_changed(now: Option<f64>, before: Option<f64>) -> bool {
    match (now, before) {
        (Some(now), Some(before)) => (now - before).abs() >= 0.2,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The children present in a table.
pub(super) fn children(data: Option<&TableData>) -> HashSet<&str> {
    data.map(|t| (0..t.len()).map(|r| t.value(r, "CHILD")).collect())
        .unwrap_or_default()
}

/// Last year's episodes, when last year's return was given.
pub(super) fn previous_episodes<'a>(ctx: &Context<'a>) -> Option<&'a TableData> {
    ctx.previous.and_then(|p| p.table(Table::Episodes))
}

/// Whether any care leaver field of an OC3 row is filled in.
pub(super) fn oc3_filled(t: &TableData, r: usize) -> bool {
    ["IN_TOUCH", "ACTIV", "ACCOM"]
        .iter()
        .any(|c| !blank(t.value(r, c)))
}

/// The row of each child's latest episode by start date (the first such
/// row on a tie), among rows with a valid start date.
pub(super) fn latest_episode<'c, 'a>(
    ctx: &'c Context<'a>,
    t: &'a TableData,
) -> &'c HashMap<&'a str, usize> {
    let slot = if ctx
        .table(Table::Episodes)
        .is_some_and(|e| std::ptr::eq(e, t))
    {
        SharedMap::LatestEpisode
    } else if previous_episodes(ctx).is_some_and(|e| std::ptr::eq(e, t)) {
        SharedMap::LatestEpisodeLastYear
    } else {
        panic!("latest episodes asked for a table that is neither year's episodes")
    };
    ctx.shared_map(slot, || latest_episode_of(t))
}

pub(super) fn latest_episode_of(t: &TableData) -> HashMap<&str, usize> {
    let mut latest: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
    for r in 0..t.len() {
        if let Some(d) = t.date(r, "DECOM") {
            let e = latest.entry(t.value(r, "CHILD")).or_insert((d, r));
            if d > e.0 {
                *e = (d, r);
            }
        }
    }
    latest.into_iter().map(|(c, (_, r))| (c, r)).collect()
}

/// The row of each child's earliest episode this year by start date.
pub(super) fn first_episode<'c, 'a>(
    ctx: &'c Context<'a>,
    eps: &'a TableData,
) -> &'c HashMap<&'a str, usize> {
    ctx.shared_map(SharedMap::EarliestEpisode, || {
        earliest_episode(eps, |_| true)
    })
}

/// The row of each child's earliest episode by start date among rows the
/// filter keeps.
pub(super) fn earliest_episode(
    t: &TableData,
    keep: impl Fn(usize) -> bool,
) -> HashMap<&str, usize> {
    let mut first: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
    for r in 0..t.len() {
        if !keep(r) {
            continue;
        }
        if let Some(d) = t.date(r, "DECOM") {
            let e = first.entry(t.value(r, "CHILD")).or_insert((d, r));
            if d < e.0 {
                *e = (d, r);
            }
        }
    }
    first.into_iter().map(|(c, (_, r))| (c, r)).collect()
}

/// Rules 503A to 503J: where last year's return ended with the child's
/// latest episode still open, the child's first episode this year must
/// carry the same value of `field`, unless `allowed(now, before)`.
pub(super) fn differs_from_last_open(
    ctx: &Context<'_>,
    out: &mut Findings,
    field: &str,
    allowed: fn(&str, &str) -> bool,
) {
    let (Some(eps), Some(prev)) = (ctx.table(Table::Episodes), previous_episodes(ctx)) else {
        return;
    };
    // The pairs are shared by every rule of the family (and 503G to 503J),
    // in this year's row order.
    for &(r, p) in ctx.first_with_last_years() {
        let (now, before) = (eps.value(r, field), prev.value(p, field));
        if prev.date(p, "DEC").is_none() && now != before && !allowed(now, before) {
            out.row(eps, r);
        }
    }
}

/// No exception to rules 503A to 503J.
pub(super) fn no_exception(_: &str, _: &str) -> bool {
    false
}

/// Each Header row's UASC flag: as the XML form gives it, or derived from
/// the UASC table for the CSV form.
pub(super) fn flags(ret: &Return) -> Vec<&str> {
    let Some(header) = ret.table(Table::Header) else {
        return Vec::new();
    };
    if let Some(flags) = &ret.header_uasc {
        return (0..header.len())
            .map(|r| flags.get(r).map_or("", String::as_str))
            .collect();
    }
    let uasc = ret.table(Table::Uasc);
    let in_uasc: crate::hash::HashSet<&str> = uasc
        .map(|u| (0..u.len()).map(|r| u.value(r, "CHILD")).collect())
        .unwrap_or_default();
    (0..header.len())
        .map(|r| {
            if in_uasc.contains(header.value(r, "CHILD")) {
                "1"
            } else {
                "0"
            }
        })
        .collect()
}

/// A child's periods of care: runs of episodes (in start order) where each
/// starts no later than the previous one ended. Each is (first start, end of
/// its last episode, if any).
pub(super) fn periods_of_care<'a>(
    ctx: &Context<'a>,
    eps: &'a TableData,
) -> HashMap<&'a str, Vec<(NaiveDate, Option<NaiveDate>)>> {
    let mut periods: HashMap<&str, Vec<(NaiveDate, Option<NaiveDate>)>> = HashMap::default();
    for (child, rows) in ctx.rows_by_child(eps) {
        let mut spans: Vec<(NaiveDate, Option<NaiveDate>)> = rows
            .iter()
            .filter_map(|&r| Some((eps.date(r, "DECOM")?, eps.date(r, "DEC"))))
            .collect();
        spans.sort_by_key(|s| s.0);
        let mut list: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
        for (decom, dec) in spans {
            match list.last_mut() {
                Some(last) if last.1.is_none_or(|end| decom <= end) => last.1 = dec,
                _ => list.push((decom, dec)),
            }
        }
        periods.insert(child, list);
    }
    periods
}
