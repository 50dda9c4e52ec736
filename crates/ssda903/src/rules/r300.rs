//! DfE validation rules 300 to 399: dates against the collection year and
//! the child's age, how long legal statuses and temporary placements may
//! last, adoption, care leavers (OC3), respite care (V3/V4) and postcodes.
//!
//! 392a (no distance) and 392c (invalid postcode) rest on the ONS postcode
//! directory: their `needs` makes them "not run" without it.

use crate::hash::{HashMap, HashSet};
use std::collections::BTreeSet;

use chrono::{Days, Months, NaiveDate};

use crate::validate::{Context, Findings, Needs, Rule, SharedSet, Trimmed, blank, date, each_row};
use crate::years::Years;
use crate::{Table, TableData};

use super::placement::each_placed;

const TEMPORARY: &[&str] = &["T0", "T1", "T2", "T3", "T4"];
const RESPITE: &[&str] = &["V3", "V4"];
const ADOPTION_PLACEMENTS: &[&str] = &["A3", "A4", "A5", "A6"];
const ADOPTED: &[&str] = &["E11", "E12"];

/// Whether a value is one of these codes (the reference upper-cases what
/// it reads, so case does not matter).
fn one_of(value: &str, codes: &[&str]) -> bool {
    let v = value.trimmed();
    codes.iter().any(|c| c.eq_ignore_ascii_case(v))
}

/// Whether a value is this code.
fn is(value: &str, code: &str) -> bool {
    value.trimmed().eq_ignore_ascii_case(code)
}

/// Two values that are the same code (case and spaces aside).
fn same(a: &str, b: &str) -> bool {
    fn norm(v: &str) -> impl Iterator<Item = char> + '_ {
        v.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
    }
    a == b || norm(a).eq(norm(b))
}

/// A date `n` years later; 29 February becomes 28 February in a year that
/// has none.
fn plus_years(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// A date `n` days later.
fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// Reports rows of a table, each once, in file order.
fn report(out: &mut Findings, data: &TableData, rows: &BTreeSet<usize>) {
    for &r in rows {
        out.row(data, r);
    }
}

/// Each child's earliest episode (by valid DECOM; the first in the file on
/// ties) and its start date.
fn first_episodes(data: &TableData) -> Vec<(usize, NaiveDate)> {
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

/// Rules 370 to 374: a child in this placement type must have reached an
/// age by the start of the episode.
fn placed_too_young(ctx: &Context<'_>, out: &mut Findings, place: &str, years: u32) {
    let dobs = ctx.births();
    each_row(ctx, out, Table::Episodes, |t, r| {
        is(t.value(r, "PLACE"), place)
            && match (t.date(r, "DECOM"), dobs.get(t.value(r, "CHILD"))) {
                (Some(start), Some(&(_, dob))) => start < plus_years(dob, years),
                _ => false,
            }
    })
}

/// Rules 375, 376 and 379: an ended episode of this placement type lasted
/// longer than this many days.
fn placement_longer_than(ctx: &Context<'_>, out: &mut Findings, place: &str, days: u64) {
    each_row(ctx, out, Table::Episodes, |t, r| {
        is(t.value(r, "PLACE"), place)
            && match (t.date(r, "DECOM"), t.date(r, "DEC")) {
                (Some(start), Some(end)) => end > plus_days(start, days),
                _ => false,
            }
    })
}

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
        one_of(t.value(r, "REC"), reasons)
            && match (t.date(r, "DEC"), dobs.get(t.value(r, "CHILD"))) {
                (Some(end), Some(&(_, dob))) => (end >= plus_years(dob, years)) == at_least,
                _ => false,
            }
    })
}

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
    report(out, eps, &failing);
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
    report(out, eps, &failing);
}

/// Rule 383: the episode after a temporary placement (between two others)
/// must be a return (RNE P) to the placement before it: its type and, from
/// 2025/26 (`with_postcode`), its postcode. The episode after fails.
fn temporary_then_back(ctx: &Context<'_>, out: &mut Findings, with_postcode: bool) {
    let Some(eps) = ctx.table(Table::Episodes) else {
        return;
    };
    let mut failing = BTreeSet::new();
    for sorted in ctx.in_start_order(eps).values() {
        for w in sorted.windows(3) {
            let (before, temp, after) = (w[0], w[1], w[2]);
            if one_of(eps.value(temp, "PLACE"), TEMPORARY)
                && (!is(eps.value(after, "RNE"), "P")
                    || !same(eps.value(after, "PLACE"), eps.value(before, "PLACE"))
                    || (with_postcode
                        && !same(eps.value(after, "PL_POST"), eps.value(before, "PL_POST"))))
            {
                failing.insert(after);
            }
        }
    }
    report(out, eps, &failing);
}

/// Rule 393: a girl looked after other than under V3/V4 must have MOTHER
/// completed. `female` is the year's code for female.
fn mother_missing(ctx: &Context<'_>, out: &mut Findings, female: &str) {
    let (Some(header), Some(eps)) = (ctx.table(Table::Header), ctx.table(Table::Episodes)) else {
        return;
    };
    let looked_after: HashSet<&str> = (0..eps.len())
        .filter(|&r| !one_of(eps.value(r, "LS"), RESPITE))
        .map(|r| eps.value(r, "CHILD"))
        .collect();
    for r in 0..header.len() {
        if is(header.value(r, "SEX"), female)
            && looked_after.contains(header.value(r, "CHILD"))
            && blank(header.value(r, "MOTHER"))
        {
            out.row(header, r);
        }
    }
}

/// Rule 392b: looked after other than under V3/V4, never UASC this year or
/// last year, and a postcode is missing.
fn postcodes_missing(ctx: &Context<'_>, out: &mut Findings) {
    let uasc = uasc_this_or_last_year(ctx);
    each_row(ctx, out, Table::Episodes, |t, r| {
        !one_of(t.value(r, "LS"), RESPITE)
            && !uasc.contains(t.value(r, "CHILD"))
            && (blank(t.value(r, "HOME_POST")) || blank(t.value(r, "PL_POST")))
    })
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "301",
        message: "Date of birth falls after the year ended.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            each_row(ctx, out, Table::Header, |t, r| {
                t.date(r, "DOB").is_some_and(|d| d > end)
            })
        },
    },
    Rule {
        code: "302",
        message: "First episode starts before child was born.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(header)) = (ctx.table(Table::Episodes), ctx.table(Table::Header))
            else {
                return;
            };
            let dobs = ctx.births();
            let (mut ep_rows, mut hdr_rows) = (BTreeSet::new(), BTreeSet::new());
            for (r, start) in first_episodes(eps) {
                if let Some(&(h, dob)) = dobs.get(eps.value(r, "CHILD"))
                    && dob > start
                {
                    ep_rows.insert(r);
                    hdr_rows.insert(h);
                }
            }
            report(out, eps, &ep_rows);
            report(out, header, &hdr_rows);
        },
    },
    Rule {
        code: "304",
        message: "Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th birthday of a child.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Uasc, |t, r| {
                match (t.date(r, "DUC"), t.date(r, "DOB")) {
                    (Some(duc), Some(dob)) => duc > plus_years(dob, 18),
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "331",
        message: "Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(ad1), Some(eps)) = (ctx.table(Table::Ad1), ctx.table(Table::Episodes)) else {
                return;
            };
            let matches = ctx.rows_by_child(ad1);
            let (mut ad_rows, mut ep_rows) = (BTreeSet::new(), BTreeSet::new());
            for e in 0..eps.len() {
                let Some(start) = eps.date(e, "DECOM") else {
                    continue;
                };
                if !one_of(eps.value(e, "REC"), ADOPTED) {
                    continue;
                }
                for &a in matches.get(eps.value(e, "CHILD")).into_iter().flatten() {
                    if ad1.date(a, "DATE_MATCH").is_some_and(|m| m > start) {
                        ad_rows.insert(a);
                        ep_rows.insert(e);
                    }
                }
            }
            report(out, ad1, &ad_rows);
            report(out, eps, &ep_rows);
        },
    },
    Rule {
        code: "333",
        message: "Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Ad1, |t, r| {
                t.date(r, "DATE_MATCH")
                    .is_some_and(|m| t.date(r, "DATE_INT").is_none_or(|decided| decided > m))
            })
        },
    },
    Rule {
        code: "334",
        message: "Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(ad1)) = (ctx.table(Table::Episodes), ctx.table(Table::Ad1)) else {
                return;
            };
            // The start of each child's latest period of care (RNE S).
            let mut latest: HashMap<&str, (usize, NaiveDate)> = HashMap::default();
            for r in 0..eps.len() {
                if !is(eps.value(r, "RNE"), "S") {
                    continue;
                }
                if let Some(d) = eps.date(r, "DECOM") {
                    latest
                        .entry(eps.value(r, "CHILD"))
                        .and_modify(|e| {
                            if d > e.1 {
                                *e = (r, d);
                            }
                        })
                        .or_insert((r, d));
                }
            }
            let decisions = ctx.rows_by_child(ad1);
            let (mut ep_rows, mut ad_rows) = (BTreeSet::new(), BTreeSet::new());
            for (child, (e, start)) in latest {
                for &a in decisions.get(child).into_iter().flatten() {
                    if ad1.date(a, "DATE_INT").is_some_and(|d| d < start) {
                        ep_rows.insert(e);
                        ad_rows.insert(a);
                    }
                }
            }
            report(out, eps, &ep_rows);
            report(out, ad1, &ad_rows);
        },
    },
    Rule {
        code: "335",
        message: "The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests that child is adopted by current foster carer, but last placement is A1, A4 or A6.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(ad1)) = (ctx.table(Table::Episodes), ctx.table(Table::Ad1)) else {
                return;
            };
            let adoptions = ctx.rows_by_child(ad1);
            let (mut ep_rows, mut ad_rows) = (BTreeSet::new(), BTreeSet::new());
            for e in 0..eps.len() {
                if !one_of(eps.value(e, "REC"), &["E1", "E11", "E12"]) {
                    continue;
                }
                let place = eps.value(e, "PLACE");
                let with_carer = one_of(place, &["A2", "A3", "A5"]);
                let not_with_carer = one_of(place, &["A1", "A4", "A6"]);
                for &a in adoptions.get(eps.value(e, "CHILD")).into_iter().flatten() {
                    let foster = ad1.value(a, "FOSTER_CARE").trimmed();
                    if (with_carer && foster == "0") || (not_with_carer && foster == "1") {
                        ep_rows.insert(e);
                        ad_rows.insert(a);
                    }
                }
            }
            report(out, eps, &ep_rows);
            report(out, ad1, &ad_rows);
        },
    },
    Rule {
        code: "336",
        message: "Child does not have a foster placement immediately prior to being placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Placed for adoption with the current foster carer(s) (A3, A5):
            // the episode before must be a foster or adoption placement.
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let allowed_before = ["A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"];
            let mut failing = BTreeSet::new();
            for rows in ctx.in_start_order(eps).values() {
                for w in rows.windows(2) {
                    if one_of(eps.value(w[1], "PLACE"), &["A3", "A5"])
                        && !one_of(eps.value(w[0], "PLACE"), &allowed_before)
                    {
                        failing.insert(w[1]);
                    }
                }
            }
            report(out, eps, &failing);
        },
    },
    Rule {
        code: "344",
        message: "The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation on leaving care have been completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc3, |t, r| {
                one_of(t.value(r, "IN_TOUCH"), &["DIED", "RHOM"])
                    && (t.value(r, "ACTIV") != "0" || t.value(r, "ACCOM") != "0")
            })
        },
    },
    Rule {
        code: "345",
        message: "The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Oc3, |t, r| {
                is(t.value(r, "IN_TOUCH"), "YES")
                    && (t.value(r, "ACTIV") == "0" || t.value(r, "ACCOM") == "0")
            })
        },
    },
    Rule {
        code: "347",
        message: "Care leavers aged under 18 years, can not be accommodated in a Foyer.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Foyers are accommodation codes T1 and T2; the age is taken at
            // the start of the collection year.
            let start = ctx.start();
            each_row(ctx, out, Table::Oc3, |t, r| {
                t.value(r, "ACCOM")
                    .trimmed()
                    .to_ascii_uppercase()
                    .starts_with('T')
                    && t.date(r, "DOB")
                        .is_some_and(|dob| start < plus_years(dob, 18))
            })
        },
    },
    Rule {
        code: "348",
        message: "Care leaver has previously been reported as having died.",
        years: Years::since(2025),
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::Oc3)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::Oc3, |t, r| {
                let died_before = last_rows
                    .get(t.value(r, "CHILD"))
                    .into_iter()
                    .flatten()
                    .any(|&l| is(last.value(l, "IN_TOUCH"), "DIED"));
                died_before && !is(t.value(r, "IN_TOUCH"), "DIED")
            })
        },
    },
    Rule {
        code: "351",
        message: "Child was over 25 at the start of the current collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let start = ctx.start();
            each_row(ctx, out, Table::Header, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| start > plus_years(dob, 25))
            })
        },
    },
    Rule {
        code: "352",
        message: "Child who started to be looked after was aged 18 or over.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let dobs = ctx.births();
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "RNE"), "S")
                    && match (t.date(r, "DECOM"), dobs.get(t.value(r, "CHILD"))) {
                        (Some(start), Some(&(_, dob))) => start >= plus_years(dob, 18),
                        _ => false,
                    }
            })
        },
    },
    Rule {
        code: "353",
        message: "No episode submitted can start before 14 October 1991.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let earliest = NaiveDate::from_ymd_opt(1991, 10, 14).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.date(r, "DECOM").is_some_and(|d| d < earliest)
            })
        },
    },
    Rule {
        code: "354",
        message: "Date episode ceased must be on or before the end of the current collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Despite the message, this is the date the episode started.
            let end = ctx.end();
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.date(r, "DECOM").is_some_and(|d| d > end)
            })
        },
    },
    Rule {
        code: "355",
        message: "Episode appears to have lasted for less than 24 hours",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                let (start, end) = (t.value(r, "DECOM"), t.value(r, "DEC"));
                match (date(start), date(end)) {
                    (Some(s), Some(e)) => s == e,
                    _ => !blank(start) && start == end,
                }
            })
        },
    },
    Rule {
        code: "356",
        message: "The date the episode ceased is before the date the same episode started.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                match (t.date(r, "DECOM"), t.date(r, "DEC")) {
                    (Some(s), Some(e)) => e < s,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "357",
        message: "If this is the first episode ever for this child, reason for new episode must be S.  Check whether there is an episode immediately preceding this one, which has been left out.  If not the reason for new episode code must be amended to S.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Only a first episode starting in this year is known to be the
            // child's first ever.
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let failing: BTreeSet<usize> = first_episodes(eps)
                .into_iter()
                .filter(|&(r, start)| start >= ctx.start() && !is(eps.value(r, "RNE"), "S"))
                .map(|(r, _)| r)
                .collect();
            report(out, eps, &failing);
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
                if !one_of(eps.value(r, "LS"), &["J1", "J2", "J3"]) {
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
            report(out, eps, &ep_rows);
            report(out, header, &hdr_rows);
        },
    },
    Rule {
        code: "359",
        message: "Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // An episode still open at the end of the year, of a child 18
            // before then, must be V2 in a children's home (K2).
            let dobs = ctx.births();
            let end = ctx.end();
            each_row(ctx, out, Table::Episodes, |t, r| {
                blank(t.value(r, "DEC"))
                    && dobs
                        .get(t.value(r, "CHILD"))
                        .is_some_and(|&(_, dob)| plus_years(dob, 18) < end)
                    && !(is(t.value(r, "LS"), "V2") && is(t.value(r, "PLACE"), "K2"))
            })
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
        code: "366",
        message: "A child cannot change placement during the course of an individual short-term respite break.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "LS"), "V3") && !is(t.value(r, "RNE"), "S")
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
            report(out, eps, &failing);
        },
    },
    Rule {
        code: "370",
        message: "Child in independent living should be at least 16.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "P2", 16),
    },
    // 371 from 2024/25 first, so that tests (run as 2024/25) find it.
    Rule {
        code: "371",
        message: "Child in supported accomodation not subject to children’s homes regulations should be at least 16.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "K3", 16),
    },
    Rule {
        code: "371",
        message: "Child in semi-independent living accommodation not subject to children’s homes regulations should be at least 16.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "H5", 16),
    },
    Rule {
        code: "372",
        message: "Child in youth custody or prison should be at least 10.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "R5", 10),
    },
    Rule {
        code: "373",
        message: "Child placed in a school should be at least 4 years old.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "S1", 4),
    },
    Rule {
        code: "374",
        message: "Child in residential employment should be at least 14 years old.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placed_too_young(ctx, out, "P3", 14),
    },
    Rule {
        code: "375",
        message: "Hospitalisation coded as a temporary placement exceeds six weeks.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placement_longer_than(ctx, out, "T1", 42),
    },
    Rule {
        code: "376",
        message: "Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placement_longer_than(ctx, out, "T3", 21),
    },
    Rule {
        code: "377",
        message: "Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut failing = BTreeSet::new();
            for rows in ctx.rows_by_child(eps).values() {
                let t3: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&r| is(eps.value(r, "PLACE"), "T3"))
                    .collect();
                if t3.len() > 2 {
                    failing.extend(t3);
                }
            }
            report(out, eps, &failing);
        },
    },
    Rule {
        code: "378",
        message: "A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                is(t.value(r, "PLACE"), "P1") && is(t.value(r, "LS"), "V2")
            })
        },
    },
    Rule {
        code: "379",
        message: "Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| placement_longer_than(ctx, out, "T4", 7),
    },
    Rule {
        code: "380",
        message: "A period of care cannot start with a temporary placement.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), TEMPORARY) && !one_of(t.value(r, "RNE"), &["P", "B"])
            })
        },
    },
    Rule {
        code: "381",
        message: "A period of care cannot end with a temporary placement.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                let rec = t.value(r, "REC");
                one_of(t.value(r, "PLACE"), TEMPORARY) && !blank(rec) && !is(rec, "X1")
            })
        },
    },
    Rule {
        code: "382",
        message: "A child receiving respite care cannot be in a temporary placement.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "LS"), RESPITE) && one_of(t.value(r, "PLACE"), TEMPORARY)
            })
        },
    },
    // 383 up to 2024/25 first, so that tests (run as 2024/25) find it.
    Rule {
        code: "383",
        message: "A child in a temporary placement must subsequently return to his/her normal placement.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: |ctx, out| temporary_then_back(ctx, out, false),
    },
    Rule {
        code: "383",
        message: "A child in a temporary placement must subsequently return to his/her normal placement.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| temporary_then_back(ctx, out, true),
    },
    Rule {
        code: "384",
        message: "A child receiving respite care cannot be in a long-term foster placement",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "LS"), RESPITE) && one_of(t.value(r, "PLACE"), &["U1", "U4"])
            })
        },
    },
    Rule {
        code: "385",
        message: "Date episode ceased must be on or before the end of the current collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let end = ctx.end();
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.date(r, "DEC").is_some_and(|d| d > end)
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
                let mut sorted = rows.clone();
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
            report(out, eps, &failing);
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
        code: "390",
        message: "Reason episode ceased is adopted but child has not been previously placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "REC"), ADOPTED)
                    && !one_of(t.value(r, "PLACE"), ADOPTION_PLACEMENTS)
            })
        },
    },
    Rule {
        code: "391",
        message: "Young person was not 17, 18, 19, 20 or 21 during the current collection year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Under 17 at the end of the year, yet care leaver data given.
            let end = ctx.end();
            each_row(ctx, out, Table::Oc3, |t, r| {
                t.date(r, "DOB")
                    .is_some_and(|dob| plus_years(dob, 17) > end)
                    && ["IN_TOUCH", "ACTIV", "ACCOM"]
                        .iter()
                        .any(|c| !blank(t.value(r, c)))
            })
        },
    },
    Rule {
        code: "392a",
        message: "Child is looked after but no distance is recorded. [NOTE: This check may result in false positives for children formerly UASC]",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        // Outside short breaks (V3, V4), for a child never UASC this year or
        // last, a distance must come from the two postcodes: both given, in
        // the directory, with grid references.
        check: |ctx, out| {
            let uasc = uasc_this_or_last_year(ctx);
            each_placed(ctx, out, |t, r, p| {
                !one_of(t.value(r, "LS"), RESPITE)
                    && !uasc.contains(t.value(r, "CHILD"))
                    && p.distance.is_none()
            })
        },
    },
    Rule {
        code: "392b",
        message: "Child is looked after but no postcodes are recorded. [NOTE: This check may result in false positives for children formerly UASC, particularly if current & prior year UASC data not loaded]",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: postcodes_missing,
    },
    Rule {
        code: "392c",
        message: "Postcode(s) provided are invalid.",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        // A postcode given is valid when the ONS directory has it (spaces
        // and case aside).
        check: |ctx, out| each_placed(ctx, out, |_, _, p| p.home_unknown || p.placement_unknown),
    },
    // 393 from 2024/25 first, so that tests (run as 2024/25) find it.
    Rule {
        code: "393",
        message: "Child is looked after but mother field is not completed.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| mother_missing(ctx, out, "F"),
    },
    Rule {
        code: "393",
        message: "Child is looked after but mother field is not completed.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| mother_missing(ctx, out, "2"),
    },
    Rule {
        code: "398",
        message: "Distance field completed but child looked after under legal status V3 or V4.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "LS"), RESPITE)
                    && (!blank(t.value(r, "HOME_POST")) || !blank(t.value(r, "PL_POST")))
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
                if !rows.iter().all(|&r| one_of(eps.value(r, "LS"), RESPITE)) {
                    continue;
                }
                let hdrs = headers.get(child).map(Vec::as_slice).unwrap_or_default();
                let revs = child_reviews
                    .get(child)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
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
            report(out, eps, &ep_rows);
            report(out, header, &hdr_rows);
            report(out, reviews, &rev_rows);
        },
    },
];

#[cfg(test)]
mod tests {
    use super::RULES;
    use crate::validate::Context;
    use crate::validate::testing::*;

    const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
    const UASC: &str = "CHILD,SEX,DOB,DUC";
    const AD1: &str = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR";
    const OC3: &str = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM";
    const REVIEWS: &str = "CHILD,DOB,REVIEW,REVIEW_CODE";

    /// A Header table from `child,sex,dob,mother` lines.
    fn header(rows: &[&str]) -> String {
        let mut s = format!("{HEADER}\n");
        for row in rows {
            let f: Vec<&str> = row.split(',').collect();
            s.push_str(&format!("{},{},{},WBRI,,{},\n", f[0], f[1], f[2], f[3]));
        }
        s
    }

    /// An Episodes table from `child,decom,rne,ls,place,dec,rec,home,pl` lines.
    fn episodes(rows: &[&str]) -> String {
        let mut s = format!("{EPISODES}\n");
        for row in rows {
            let f: Vec<&str> = row.split(',').collect();
            s.push_str(&format!(
                "{},{},{},{},N1,{},PR1,{},{},,{},{},\n",
                f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]
            ));
        }
        s
    }

    /// A simple episode: `child,decom,rne,ls,place,dec,rec` with postcodes.
    fn ep(
        child: &str,
        decom: &str,
        rne: &str,
        ls: &str,
        place: &str,
        dec: &str,
        rec: &str,
    ) -> String {
        format!("{child},{decom},{rne},{ls},{place},{dec},{rec},LE1 1AA,LE2 2BB")
    }

    fn eps(rows: &[String]) -> String {
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        episodes(&refs)
    }

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
        let postcodes = crate::postcodes::PostcodeDirectory::default();
        rows_failing(&ctx.with_postcodes(&postcodes), code)
    }

    #[test]
    fn rules_300s_have_one_version_a_year() {
        for code in ["371", "383", "393"] {
            for year in [2023, 2024, 2025] {
                let n = RULES
                    .iter()
                    .filter(|r| r.code == code && r.years.contains(year))
                    .count();
                assert_eq!(n, 1, "{code} in {year}");
            }
        }
        assert!(
            RULES
                .iter()
                .any(|r| r.code == "348" && r.years == crate::years::Years::since(2025))
        );
    }

    #[test]
    fn rule_301_date_of_birth_after_the_year_ended() {
        let r = ret(&[&header(&["C1,M,31/03/2025,", "C2,F,01/04/2025,"])]);
        assert_eq!(failing_rows("301", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_302_first_episode_before_birth() {
        let r = ret(&[
            &header(&["C1,M,01/05/2024,", "C2,F,01/01/2020,"]),
            &eps(&[
                ep("C1", "01/06/2024", "P", "C2", "U1", "", ""),
                ep("C1", "01/04/2024", "S", "C2", "U1", "01/06/2024", "X1"),
                ep("C2", "01/04/2024", "S", "C2", "U1", "", ""),
            ]),
        ]);
        // Episode row 1 (C1's first), then Header row 0.
        assert_eq!(failing_rows("302", &r, None), vec![Some(1), Some(0)]);
    }

    #[test]
    fn rule_304_uasc_ceased_after_18th_birthday() {
        let r = ret(&[&format!(
            "{UASC}\nC1,M,01/06/2006,01/06/2024\nC2,M,01/06/2006,02/06/2024\nC3,M,01/06/2006,\n"
        )]);
        assert_eq!(failing_rows("304", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_331_matched_after_placed_for_adoption() {
        let r = ret(&[
            &format!(
                "{AD1}\nC1,,01/01/2024,01/05/2024,0,1,F1,L0\nC2,,01/01/2024,01/05/2024,0,1,F1,L0\n"
            ),
            &eps(&[
                ep("C1", "01/06/2024", "P", "E1", "A4", "01/09/2024", "E11"),
                ep("C2", "01/04/2024", "P", "E1", "A4", "01/09/2024", "E12"),
            ]),
        ]);
        // AD1 row 1, then Episodes row 1.
        assert_eq!(failing_rows("331", &r, None), vec![Some(1), Some(1)]);
    }

    #[test]
    fn rule_333_decision_after_matching() {
        let r = ret(&[&format!(
            "{AD1}\nC1,,01/01/2024,01/05/2024,0,1,F1,L0\nC2,,01/06/2024,01/05/2024,0,1,F1,L0\nC3,,,01/05/2024,0,1,F1,L0\nC4,,01/01/2024,,0,1,F1,L0\n"
        )]);
        assert_eq!(failing_rows("333", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_334_decision_before_latest_period_of_care() {
        let r = ret(&[
            &eps(&[
                ep("C1", "01/01/2020", "S", "C2", "U1", "01/01/2021", "E13"),
                ep("C1", "01/06/2023", "S", "C2", "U1", "", ""),
                ep("C2", "01/06/2023", "S", "C2", "U1", "", ""),
            ]),
            &format!("{AD1}\nC1,,01/01/2023,,,,,\nC2,,01/07/2023,,,,,\n"),
        ]);
        // C1 decided before its latest start: Episodes row 1, AD1 row 0.
        assert_eq!(failing_rows("334", &r, None), vec![Some(1), Some(0)]);
    }

    #[test]
    fn rule_335_foster_carer_flag_against_adoption_placement() {
        let r = ret(&[
            &eps(&[
                ep("C1", "01/04/2024", "P", "E1", "A5", "01/09/2024", "E12"),
                ep("C2", "01/04/2024", "P", "E1", "A6", "01/09/2024", "E11"),
                ep("C3", "01/04/2024", "P", "E1", "A5", "01/09/2024", "E11"),
            ]),
            &format!("{AD1}\nC1,,,,0,,,\nC2,,,,0,,,\nC3,,,,1,,,\n"),
        ]);
        assert_eq!(failing_rows("335", &r, None), vec![Some(0), Some(0)]);
    }

    #[test]
    fn rule_336_placed_with_foster_carer_for_adoption_without_fostering_first() {
        let r = ret(&[&eps(&[
            ep("C1", "01/04/2024", "S", "C2", "U4", "01/06/2024", "X1"),
            ep("C1", "01/06/2024", "B", "E1", "A5", "", ""),
            ep("C2", "01/06/2024", "B", "E1", "A3", "", ""),
            ep("C2", "01/04/2024", "S", "C2", "K2", "01/06/2024", "X1"),
            ep("C3", "01/04/2024", "S", "E1", "A3", "", ""),
        ])]);
        assert_eq!(failing_rows("336", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_344_died_or_returned_home_with_activity_or_accommodation() {
        let r = ret(&[&format!(
            "{OC3}\nC1,01/01/2005,DIED,0,0\nC2,01/01/2005,RHOM,F1,0\nC3,01/01/2005,DIED,0,\nC4,01/01/2005,YES,F1,B1\n"
        )]);
        assert_eq!(failing_rows("344", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_345_in_touch_but_activity_or_accommodation_zero() {
        let r = ret(&[&format!(
            "{OC3}\nC1,01/01/2005,YES,F1,B1\nC2,01/01/2005,YES,0,B1\nC3,01/01/2005,NO,0,0\n"
        )]);
        assert_eq!(failing_rows("345", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_347_foyer_for_a_care_leaver_under_18() {
        let r = ret(&[&format!(
            "{OC3}\nC1,01/04/2006,YES,F1,T1\nC2,02/04/2006,YES,F1,T2\nC3,02/04/2006,YES,F1,B1\n"
        )]);
        assert_eq!(failing_rows("347", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_348_care_leaver_reported_as_died_last_year() {
        let last = ret(&[&format!(
            "{OC3}\nC1,01/01/2005,DIED,0,0\nC2,01/01/2005,DIED,0,0\nC3,01/01/2005,YES,F1,B1\n"
        )]);
        let now = ret(&[&format!(
            "{OC3}\nC1,01/01/2005,DIED,0,0\nC2,01/01/2005,YES,F1,B1\nC3,01/01/2005,YES,F1,B1\n"
        )]);
        assert_eq!(
            failing_rows_in(2025, "348", &now, Some(&last)),
            vec![Some(1)]
        );
        // Not a rule before 2025/26.
        assert_eq!(failing_rows_in(2024, "348", &now, Some(&last)), vec![]);
    }

    #[test]
    fn rule_351_over_25_at_the_start_of_the_year() {
        // 25 on 1 April 2024 is not over 25; a day older is. 21 is no limit.
        let r = ret(&[&header(&[
            "C1,M,01/04/1999,",
            "C2,F,31/03/1999,",
            "C3,F,31/03/2003,",
        ])]);
        assert_eq!(failing_rows("351", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_352_started_to_be_looked_after_at_18_or_over() {
        let r = ret(&[
            &header(&["C1,M,01/06/2006,", "C2,F,02/06/2006,"]),
            &eps(&[
                ep("C1", "01/06/2024", "S", "V2", "U1", "", ""),
                ep("C2", "01/06/2024", "S", "V2", "U1", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("352", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_353_episode_before_14_october_1991() {
        let r = ret(&[&eps(&[
            ep("C1", "14/10/1991", "S", "C2", "U1", "", ""),
            ep("C2", "13/10/1991", "S", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("353", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_354_episode_starts_after_the_year_ends() {
        let r = ret(&[&eps(&[
            ep("C1", "31/03/2025", "S", "C2", "U1", "", ""),
            ep("C2", "01/04/2025", "S", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("354", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_355_episode_of_less_than_a_day() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "C2", "U1", "02/05/2024", "X1"),
            ep("C2", "01/05/2024", "S", "C2", "U1", "01/05/2024", "E13"),
            ep("C3", "01/05/2024", "S", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("355", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_356_ceased_before_it_started() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "C2", "U1", "02/05/2024", "X1"),
            ep("C2", "01/05/2024", "S", "C2", "U1", "30/04/2024", "E13"),
        ])]);
        assert_eq!(failing_rows("356", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_357_first_episode_must_be_a_new_period_of_care() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "C2", "U1", "02/06/2024", "X1"),
            ep("C1", "02/06/2024", "P", "C2", "U4", "", ""),
            ep("C2", "01/05/2024", "P", "C2", "U1", "", ""),
            // First episode before the year: not known to be the first.
            ep("C3", "01/05/2020", "P", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("357", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_358_youth_justice_status_under_10() {
        let r = ret(&[
            &header(&["C1,M,01/06/2014,", "C2,M,01/06/2014,"]),
            &eps(&[
                ep("C1", "02/06/2024", "S", "J1", "K2", "", ""),
                ep("C2", "01/06/2024", "S", "J2", "K2", "", ""),
            ]),
        ]);
        // Episodes row 1, then Header row 1.
        assert_eq!(failing_rows("358", &r, None), vec![Some(1), Some(1)]);
    }

    #[test]
    fn rule_359_over_18_must_be_v2_in_a_childrens_home() {
        let r = ret(&[
            &header(&["C1,M,01/06/2006,", "C2,M,01/06/2006,", "C3,M,01/06/2007,"]),
            &eps(&[
                ep("C1", "01/06/2023", "S", "V2", "K2", "", ""),
                ep("C2", "01/06/2023", "S", "C2", "U1", "", ""),
                ep("C3", "01/06/2023", "S", "C2", "U1", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("359", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_361_police_protection_longer_than_72_hours() {
        let r = ret(&[&eps(&[
            // 3 days over two adjoining episodes: passes.
            ep("C1", "01/05/2024", "S", "L1", "U1", "02/05/2024", "X1"),
            ep("C1", "02/05/2024", "L", "L1", "U1", "04/05/2024", "X1"),
            ep("C1", "04/05/2024", "L", "C1", "U1", "", ""),
            // 4 days over two adjoining episodes: both fail.
            ep("C2", "01/05/2024", "S", "L1", "U1", "03/05/2024", "X1"),
            ep("C2", "03/05/2024", "L", "L1", "U1", "05/05/2024", "X1"),
            ep("C2", "05/05/2024", "L", "C1", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("361", &r, None), vec![Some(3), Some(4)]);
    }

    #[test]
    fn rule_362_epo_longer_than_21_days() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "L2", "U1", "22/05/2024", "X1"),
            ep("C1", "22/05/2024", "L", "C1", "U1", "", ""),
            // Open at the end of the year.
            ep("C2", "01/03/2025", "S", "L2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("362", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_363_child_assessment_order_longer_than_7_days() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "L3", "U1", "08/05/2024", "X1"),
            ep("C1", "08/05/2024", "L", "C1", "U1", "", ""),
            ep("C2", "01/05/2024", "S", "L3", "U1", "05/05/2024", "X1"),
            ep("C2", "05/05/2024", "P", "L3", "U4", "09/05/2024", "X1"),
            ep("C2", "09/05/2024", "L", "C1", "U4", "", ""),
        ])]);
        assert_eq!(failing_rows("363", &r, None), vec![Some(2), Some(3)]);
    }

    #[test]
    fn rule_364_pace_detention_longer_than_21_days() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "J2", "K1", "22/05/2024", "E14"),
            ep("C2", "01/05/2024", "S", "J2", "K1", "23/05/2024", "E14"),
        ])]);
        assert_eq!(failing_rows("364", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_365_respite_placement_longer_than_17_days() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "V3", "U6", "18/05/2024", "E13"),
            ep("C2", "01/05/2024", "S", "V3", "U6", "19/05/2024", "E13"),
            ep("C3", "01/03/2025", "S", "V3", "U6", "", ""),
        ])]);
        assert_eq!(failing_rows("365", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_366_respite_episode_must_start_a_new_period() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "V3", "U6", "03/05/2024", "E13"),
            ep("C2", "01/05/2024", "P", "V3", "U6", "03/05/2024", "E13"),
        ])]);
        assert_eq!(failing_rows("366", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_367_more_than_75_days_respite_in_the_year() {
        let r = ret(&[&eps(&[
            // 40 + 35 = 75 days: passes.
            ep("C1", "01/05/2024", "S", "V3", "U6", "10/06/2024", "E13"),
            ep("C1", "01/07/2024", "S", "V3", "U6", "05/08/2024", "E13"),
            // 40 + 36 = 76 days, the first counted from 1 April: both fail.
            ep("C2", "01/03/2024", "S", "V3", "U6", "11/05/2024", "E13"),
            ep("C2", "01/07/2024", "S", "V3", "U6", "06/08/2024", "E13"),
        ])]);
        assert_eq!(failing_rows("367", &r, None), vec![Some(2), Some(3)]);
    }

    #[test]
    fn rule_370_independent_living_under_16() {
        let r = ret(&[
            &header(&["C1,M,01/06/2008,", "C2,M,01/06/2008,"]),
            &eps(&[
                ep("C1", "01/06/2024", "S", "V2", "P2", "", ""),
                ep("C2", "31/05/2024", "S", "V2", "P2", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("370", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_371_supported_accommodation_under_16() {
        let r = ret(&[
            &header(&["C1,M,01/06/2008,", "C2,M,01/06/2008,", "C3,M,01/06/2008,"]),
            &eps(&[
                ep("C1", "01/06/2024", "S", "V2", "K3", "", ""),
                ep("C2", "31/05/2024", "S", "V2", "K3", "", ""),
                ep("C3", "31/05/2024", "S", "V2", "H5", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("371", &r, None), vec![Some(1)]);
        assert_eq!(failing_rows_in(2025, "371", &r, None), vec![Some(1)]);
        // In 2023/24 the rule was about H5.
        assert_eq!(failing_rows_in(2023, "371", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_372_youth_custody_under_10() {
        let r = ret(&[
            &header(&["C1,M,01/06/2014,", "C2,M,01/06/2014,"]),
            &eps(&[
                ep("C1", "01/06/2024", "S", "J1", "R5", "", ""),
                ep("C2", "31/05/2024", "S", "J1", "R5", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("372", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_373_school_under_4() {
        let r = ret(&[
            &header(&["C1,M,01/06/2020,", "C2,M,01/06/2020,"]),
            &eps(&[
                ep("C1", "01/06/2024", "S", "C2", "S1", "", ""),
                ep("C2", "31/05/2024", "S", "C2", "S1", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("373", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_374_residential_employment_under_14() {
        let r = ret(&[
            &header(&["C1,M,01/06/2010,", "C2,M,01/06/2010,"]),
            &eps(&[
                ep("C1", "01/06/2024", "S", "C2", "P3", "", ""),
                ep("C2", "31/05/2024", "S", "C2", "P3", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("374", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_375_hospital_longer_than_six_weeks() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "P", "C2", "T1", "12/06/2024", "X1"),
            ep("C2", "01/05/2024", "P", "C2", "T1", "13/06/2024", "X1"),
        ])]);
        assert_eq!(failing_rows("375", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_376_carer_holiday_longer_than_three_weeks() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "P", "C2", "T3", "22/05/2024", "X1"),
            ep("C2", "01/05/2024", "P", "C2", "T3", "23/05/2024", "X1"),
        ])]);
        assert_eq!(failing_rows("376", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_377_more_than_two_carer_holiday_placements() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "P", "C2", "T3", "02/05/2024", "X1"),
            ep("C1", "01/06/2024", "P", "C2", "T3", "02/06/2024", "X1"),
            ep("C2", "01/05/2024", "P", "C2", "T3", "02/05/2024", "X1"),
            ep("C2", "01/06/2024", "P", "C2", "U4", "02/06/2024", "X1"),
            ep("C2", "01/07/2024", "P", "C2", "T3", "02/07/2024", "X1"),
            ep("C2", "01/08/2024", "P", "C2", "T3", "02/08/2024", "X1"),
        ])]);
        assert_eq!(
            failing_rows("377", &r, None),
            vec![Some(2), Some(4), Some(5)]
        );
    }

    #[test]
    fn rule_378_placed_with_parents_under_section_20() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "C2", "P1", "", ""),
            ep("C2", "01/05/2024", "S", "V2", "P1", "", ""),
        ])]);
        assert_eq!(failing_rows("378", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_379_t4_longer_than_seven_days() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "P", "C2", "T4", "08/05/2024", "X1"),
            ep("C2", "01/05/2024", "P", "C2", "T4", "09/05/2024", "X1"),
        ])]);
        assert_eq!(failing_rows("379", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_380_period_of_care_starting_in_a_temporary_placement() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "P", "C2", "T1", "", ""),
            ep("C2", "01/05/2024", "S", "C2", "T1", "", ""),
            ep("C3", "01/05/2024", "S", "C2", "U1", "", ""),
        ])]);
        assert_eq!(failing_rows("380", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_381_period_of_care_ending_in_a_temporary_placement() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "P", "C2", "T1", "03/05/2024", "X1"),
            ep("C2", "01/05/2024", "P", "C2", "T1", "03/05/2024", "E13"),
            ep("C3", "01/05/2024", "P", "C2", "T1", "", ""),
        ])]);
        assert_eq!(failing_rows("381", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_382_respite_in_a_temporary_placement() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "V3", "U6", "", ""),
            ep("C2", "01/05/2024", "S", "V4", "T2", "", ""),
        ])]);
        assert_eq!(failing_rows("382", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_383_temporary_placement_then_back_to_the_normal_one() {
        let r = ret(&[&episodes(&[
            "C1,01/04/2024,S,C2,U4,01/05/2024,X1,LE1 1AA,LE2 2BB",
            "C1,01/05/2024,P,C2,T2,08/05/2024,X1,LE1 1AA,",
            "C1,08/05/2024,P,C2,U4,,,LE1 1AA,LE2 2BB",
            "C2,01/04/2024,S,C2,U4,01/05/2024,X1,LE1 1AA,LE2 2BB",
            "C2,01/05/2024,P,C2,T2,08/05/2024,X1,LE1 1AA,",
            "C2,08/05/2024,P,C2,U6,,,LE1 1AA,LE3 3CC",
            "C3,01/04/2024,S,C2,U4,01/05/2024,X1,LE1 1AA,LE2 2BB",
            "C3,01/05/2024,P,C2,T2,08/05/2024,X1,LE1 1AA,",
            "C3,08/05/2024,P,C2,U4,,,LE1 1AA,LE3 3CC",
        ])]);
        // Up to 2024/25: the episode after the temporary one fails when it
        // is not back to the same placement type.
        assert_eq!(failing_rows("383", &r, None), vec![Some(5)]);
        // From 2025/26: the episode after fails, and the postcode counts.
        assert_eq!(
            failing_rows_in(2025, "383", &r, None),
            vec![Some(5), Some(8)]
        );
    }

    #[test]
    fn rule_383_reports_the_episode_that_fails_to_return() {
        // U4, then T3, then Q1 with RNE P: the Q1 row.
        let r = ret(&[&episodes(&[
            "C1,01/04/2024,S,C2,U4,01/05/2024,X1,LE1 1AA,LE2 2BB",
            "C1,01/05/2024,P,C2,T3,08/05/2024,X1,LE1 1AA,",
            "C1,08/05/2024,P,C2,Q1,,,LE1 1AA,LE2 2BB",
        ])]);
        assert_eq!(failing_rows("383", &r, None), vec![Some(2)]);
    }

    #[test]
    fn rule_384_respite_in_long_term_fostering() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "V3", "U6", "", ""),
            ep("C2", "01/05/2024", "S", "V4", "U4", "", ""),
        ])]);
        assert_eq!(failing_rows("384", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_385_episode_ceased_after_the_year_ended() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "S", "C2", "U1", "31/03/2025", "E13"),
            ep("C2", "01/05/2024", "S", "C2", "U1", "01/04/2025", "E13"),
        ])]);
        assert_eq!(failing_rows("385", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_386_adopted_at_18_or_over() {
        let r = ret(&[
            &header(&["C1,M,01/06/2006,", "C2,M,01/06/2006,"]),
            &eps(&[
                ep("C1", "01/05/2024", "P", "E1", "A4", "31/05/2024", "E11"),
                ep("C2", "01/05/2024", "P", "E1", "A4", "01/06/2024", "E12"),
            ]),
        ]);
        assert_eq!(failing_rows("386", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_387_independent_living_under_14() {
        let r = ret(&[
            &header(&["C1,M,01/06/2010,", "C2,M,01/06/2010,"]),
            &eps(&[
                ep("C1", "01/05/2024", "S", "V2", "U1", "01/06/2024", "E5"),
                ep("C2", "01/05/2024", "S", "V2", "U1", "31/05/2024", "E6"),
            ]),
        ]);
        assert_eq!(failing_rows("387", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_388_x1_exactly_when_a_new_episode_follows() {
        let r = ret(&[&eps(&[
            // Good chain.
            ep("C1", "01/05/2024", "S", "C2", "U1", "01/06/2024", "X1"),
            ep("C1", "01/06/2024", "P", "C2", "U4", "", ""),
            // X1 but the next starts later.
            ep("C2", "01/05/2024", "S", "C2", "U1", "01/06/2024", "X1"),
            ep("C2", "05/06/2024", "S", "C2", "U4", "", ""),
            // Not X1 but the next starts the same day.
            ep("C3", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E13"),
            ep("C3", "01/06/2024", "P", "C2", "U4", "", ""),
            // X1 on the last episode.
            ep("C4", "01/05/2024", "S", "C2", "U1", "01/06/2024", "X1"),
        ])]);
        assert_eq!(
            failing_rows("388", &r, None),
            vec![Some(2), Some(4), Some(6)]
        );
    }

    #[test]
    fn rule_389_adult_social_care_under_16() {
        let r = ret(&[
            &header(&["C1,M,01/06/2008,", "C2,M,01/06/2008,"]),
            &eps(&[
                ep("C1", "01/05/2024", "S", "V2", "R1", "01/06/2024", "E7"),
                ep("C2", "01/05/2024", "S", "V2", "R1", "31/05/2024", "E7"),
            ]),
        ]);
        assert_eq!(failing_rows("389", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_390_adopted_without_an_adoption_placement() {
        let r = ret(&[&eps(&[
            ep("C1", "01/05/2024", "P", "E1", "A6", "01/06/2024", "E12"),
            ep("C2", "01/05/2024", "P", "E1", "U4", "01/06/2024", "E11"),
        ])]);
        assert_eq!(failing_rows("390", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_391_care_leaver_data_for_a_child_under_17() {
        let r = ret(&[&format!(
            "{OC3}\nC1,31/03/2008,YES,F1,B1\nC2,01/04/2008,YES,F1,B1\nC3,01/04/2008,,,\n"
        )]);
        assert_eq!(failing_rows("391", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_392a_no_distance_from_the_postcodes() {
        let r = ret(&[
            &episodes(&[
                "C1,01/05/2024,S,C2,U1,,,LE1 1FZ,le38ra",
                "C2,01/05/2024,S,C2,U1,,,LE1 1FZ,",
                "C3,01/05/2024,S,C2,U1,,,NOT A CODE,LE3 8RA",
                "C4,01/05/2024,S,V3,U1,,,,",
                "C5,01/05/2024,S,C2,U1,,,,",
                "C6,01/05/2024,S,C2,U1,,,LE1 1FZ,XX1 1XX",
                "C7,01/05/2024,S,C2,U1,,,LE1 1FZ,GY1 1AA",
                "C8,01/05/2024,S,C2,U1,,,LE1 1FZ,ZZ9 9ZZ",
            ]),
            &format!("{UASC}\nC5,M,01/01/2008,\n"),
        ]);
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("392a", year, &r, None),
                vec![Some(1), Some(2), Some(5), Some(6)]
            );
        }
    }

    #[test]
    fn rule_392b_no_postcodes_unless_respite_or_uasc() {
        let r = ret(&[
            &episodes(&[
                "C1,01/05/2024,S,C2,U1,,,LE1 1AA,LE2 2BB",
                "C2,01/05/2024,S,C2,U1,,,LE1 1AA,",
                "C3,01/05/2024,S,V4,U1,,,,",
                "C4,01/05/2024,S,C2,U1,,,,",
                "C5,01/05/2024,S,C2,U1,,,,",
            ]),
            &format!("{UASC}\nC4,M,01/01/2008,\n"),
        ]);
        // C5 was UASC last year.
        let last = ret(&[&format!("{UASC}\nC5,M,01/01/2008,01/01/2024\n")]);
        assert_eq!(failing_rows("392b", &r, Some(&last)), vec![Some(1)]);
        assert_eq!(failing_rows("392b", &r, None), vec![Some(1), Some(4)]);
    }

    #[test]
    fn rule_392c_postcodes_must_be_in_the_directory() {
        let r = ret(&[&episodes(&[
            "C1,01/05/2024,S,C2,U1,,,LE1 1FZ,le3 8ra",
            "C2,01/05/2024,S,C2,U1,,,LE1 1FZ,12345",
            "C3,01/05/2024,S,C2,U1,,,,",
            "C4,01/05/2024,S,C2,U1,,,LE1 1AA,LE38RA",
            "C5,01/05/2024,S,C2,U1,,,GY1 1AA,ZZ99ZZ",
            "C6,01/05/2024,S,C2,U1,,,LE1 1FZ,LE3 8RA TOO LONG",
        ])]);
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("392c", year, &r, None),
                vec![Some(1), Some(3), Some(5)]
            );
        }
    }

    #[test]
    fn rule_393_mother_not_completed_for_a_girl_looked_after() {
        let r = ret(&[
            &header(&[
                "C1,F,01/06/2008,0",
                "C2,F,01/06/2008,",
                "C3,F,01/06/2008,",
                "C4,2,01/06/2008,",
            ]),
            &eps(&[
                ep("C1", "01/05/2024", "S", "C2", "U1", "", ""),
                ep("C2", "01/05/2024", "S", "C2", "U1", "", ""),
                ep("C3", "01/05/2024", "S", "V3", "U6", "03/05/2024", "E13"),
                ep("C4", "01/05/2024", "S", "C2", "U1", "", ""),
            ]),
        ]);
        assert_eq!(failing_rows("393", &r, None), vec![Some(1)]);
        // In 2023/24 female was coded 2.
        assert_eq!(failing_rows_in(2023, "393", &r, None), vec![Some(3)]);
    }

    #[test]
    fn rule_398_postcodes_given_for_respite() {
        let r = ret(&[&episodes(&[
            "C1,01/05/2024,S,V3,U6,03/05/2024,E13,,",
            "C2,01/05/2024,S,V4,U6,,,,LE2 2BB",
            "C3,01/05/2024,S,C2,U6,,,LE1 1AA,LE2 2BB",
        ])]);
        assert_eq!(failing_rows("398", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_399_mother_or_reviews_given_for_a_respite_only_child() {
        let r = ret(&[
            &eps(&[
                ep("C1", "01/05/2024", "S", "V4", "U6", "", ""),
                ep("C2", "01/05/2024", "S", "V3", "U6", "03/05/2024", "E13"),
                ep("C2", "01/06/2024", "S", "V3", "U6", "03/06/2024", "E13"),
                ep("C3", "01/05/2024", "S", "V3", "U6", "03/05/2024", "E13"),
                ep("C3", "01/06/2024", "S", "C2", "U1", "", ""),
                ep("C4", "01/05/2024", "S", "V4", "U6", "", ""),
            ]),
            &header(&[
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
}
