//! DfE validation rules 500 to 999 and the four-digit codes (1000 and up):
//! mostly consistency between tables (adoption, care leavers, missing
//! episodes) and with last year's return.

use crate::hash::{HashMap, HashSet};

use chrono::{Months, NaiveDate};

use crate::postcodes::Placement;
use crate::{Table, TableData};

use super::placement::{each_placed, short_break};

use crate::validate::{
    Context, Findings, Needs, Rule, SharedMap, SharedSet, Trimmed, blank, date, each_row,
};
use crate::years::Years;

/// A date plus whole years (29 February becomes 28 February).
fn plus_years(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(12 * years)).unwrap_or(d)
}

/// The children present in a table.
fn children(data: Option<&TableData>) -> HashSet<&str> {
    data.map(|t| (0..t.len()).map(|r| t.value(r, "CHILD")).collect())
        .unwrap_or_default()
}

/// Last year's episodes, when last year's return was given.
fn previous_episodes<'a>(ctx: &Context<'a>) -> Option<&'a TableData> {
    ctx.previous.and_then(|p| p.table(Table::Episodes))
}

/// Whether any care leaver field of an OC3 row is filled in.
fn oc3_filled(t: &TableData, r: usize) -> bool {
    ["IN_TOUCH", "ACTIV", "ACCOM"]
        .iter()
        .any(|c| !blank(t.value(r, c)))
}

/// Dates of birth from the Header, by child.
fn header_dobs(ctx: &Context<'_>) -> HashMap<String, NaiveDate> {
    let mut dobs = HashMap::default();
    if let Some(h) = ctx.table(Table::Header) {
        for r in 0..h.len() {
            if let Some(d) = h.date(r, "DOB") {
                dobs.insert(h.value(r, "CHILD").to_owned(), d);
            }
        }
    }
    dobs
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

fn latest_episode_of(t: &TableData) -> HashMap<&str, usize> {
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
fn earliest_episode(t: &TableData, keep: impl Fn(usize) -> bool) -> HashMap<&str, usize> {
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

/// Whether a value is one of the codes.
fn one_of(value: &str, codes: &[&str]) -> bool {
    codes.contains(&value.trimmed())
}

/// An episode as the care-leaver rules see it.
#[derive(Clone, Copy)]
struct Span {
    decom: NaiveDate,
    dec: Option<NaiveDate>,
    ls_short_breaks: bool,
    adopted: bool,
}

/// Rule 1001: whether a child's episodes (this year and last) make them a
/// relevant or former relevant child: at least 13 weeks looked after since
/// their 14th birthday, some of it after their 16th, and not adopted.
fn relevant_child(spans: &[Span], dob: NaiveDate, end: NaiveDate) -> bool {
    // One episode per start date, keeping one that has an end date.
    let mut by_start: Vec<Span> = Vec::new();
    for s in spans {
        match by_start.iter_mut().find(|k| k.decom == s.decom) {
            Some(k) if k.dec.is_none() => *k = *s,
            Some(_) => {}
            None => by_start.push(*s),
        }
    }
    by_start.sort_by_key(|s| s.decom);
    let Some(last) = by_start.last().copied() else {
        return false;
    };
    if last.adopted {
        return false;
    }
    let (at14, at16) = (plus_years(dob, 14), plus_years(dob, 16));
    let (mut days14, mut days16) = (0i64, 0i64);
    for (i, s) in by_start.iter().enumerate() {
        if s.ls_short_breaks {
            continue;
        }
        let dec = match s.dec {
            Some(d) => d,
            None if i + 1 == by_start.len() => end,
            None => continue,
        };
        days14 += (dec - s.decom.max(at14)).num_days().max(0);
        days16 += (dec - s.decom.max(at16)).num_days().max(0);
    }
    days14 >= 91 && days16 >= 1
}

/// The birthday (of the given age) that falls in the year ending on `end`.
fn last_birthday_before(dob: NaiveDate, end: NaiveDate) -> Option<NaiveDate> {
    let age = chrono::Datelike::year(&end) - chrono::Datelike::year(&dob);
    let mut b = plus_years(dob, u32::try_from(age).ok()?);
    if b > end {
        b = plus_years(dob, u32::try_from(age - 1).ok()?);
    }
    Some(b)
}

/// Age in whole years on a date.
fn age_on(dob: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = chrono::Datelike::year(&on) - chrono::Datelike::year(&dob);
    if age > 0 && plus_years(dob, age as u32) > on {
        age -= 1;
    }
    age
}

/// Each child's episodes in start-date order (file order on a tie), as
/// pairs of (previous, next) rows.
fn consecutive<'a>(ctx: &Context<'a>, t: &'a TableData) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for rows in ctx.rows_by_child(t).values() {
        let mut rows = rows.clone();
        rows.sort_by_key(|&r| (t.date(r, "DECOM"), r));
        pairs.extend(rows.windows(2).map(|w| (w[0], w[1])));
    }
    pairs.sort_unstable();
    pairs
}

/// An AD1 check on the adopters' legal status and sexes.
fn ad1_row(ctx: &Context<'_>, out: &mut Findings, fails: impl Fn(&str, &str, &str) -> bool) {
    each_row(ctx, out, Table::Ad1, |t, r| {
        fails(
            t.value(r, "NB_ADOPTR"),
            t.value(r, "SEX_ADOPTR"),
            t.value(r, "LS_ADOPTR"),
        )
    })
}

/// Placement codes: placed for adoption.
const PLACED_FOR_ADOPTION: &[&str] = &["A3", "A4", "A5", "A6"];

/// Checks every pair of rows of two tables for the same child, reporting
/// the rows of each table in any failing pair (each row once, in order).
fn pairs_by_child<'a>(
    ctx: &Context<'a>,
    out: &mut Findings,
    a: &TableData,
    b: &'a TableData,
    fails: impl Fn(usize, usize) -> bool,
) {
    let b_rows = ctx.rows_by_child(b);
    let (mut bad_a, mut bad_b) = (Vec::new(), Vec::new());
    for ra in 0..a.len() {
        for &rb in b_rows.get(a.value(ra, "CHILD")).into_iter().flatten() {
            if fails(ra, rb) {
                bad_a.push(ra);
                bad_b.push(rb);
            }
        }
    }
    for (t, mut rows) in [(a, bad_a), (b, bad_b)] {
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            out.row(t, r);
        }
    }
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
            let enters = eps.value(r, "RNE") == "S" && decom.is_some_and(|d| d > start && d <= end);
            let leaves = eps.value(r, "REC") != "X1" && dec.is_some_and(|d| d >= start && d < end);
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

/// Rules 554 and 556: the decision to place for adoption must be on or
/// before the first episode under the order's legal status (E1 placement
/// order, D1 freeing order). 554 also reports the PlacedAdoption rows.
fn decision_before_order(ctx: &Context<'_>, out: &mut Findings, ls: &str, report_pa: bool) {
    let (Some(eps), Some(pa)) = (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
    else {
        return;
    };
    let pa_rows = ctx.rows_by_child(pa);
    let first = earliest_episode(eps, |r| eps.value(r, "LS") == ls);
    let (mut bad_eps, mut bad_pa) = (Vec::new(), Vec::new());
    for (child, e) in first {
        let Some(decom) = eps.date(e, "DECOM") else {
            continue;
        };
        let late: Vec<usize> = pa_rows
            .get(child)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&p| pa.date(p, "DATE_PLACED").is_some_and(|d| d > decom))
            .collect();
        if !late.is_empty() {
            bad_eps.push(e);
            bad_pa.extend(late);
        }
    }
    if !report_pa {
        bad_pa.clear();
    }
    for (t, mut rows) in [(eps, bad_eps), (pa, bad_pa)] {
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            out.row(t, r);
        }
    }
}

/// Rule 557: children placed for adoption (or under the given orders) who
/// left care other than by adoption need the decision's end recorded.
fn left_care_not_adopted(ctx: &Context<'_>, out: &mut Findings, orders: &[&str]) {
    let (Some(eps), Some(pa)) = (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
    else {
        return;
    };
    let pa_rows = ctx.rows_by_child(pa);
    let (mut bad_eps, mut bad_pa) = (Vec::new(), Vec::new());
    for r in 0..eps.len() {
        let placed = one_of(eps.value(r, "PLACE"), PLACED_FOR_ADOPTION)
            || one_of(eps.value(r, "LS"), orders);
        let rec = eps.value(r, "REC");
        if !placed || blank(rec) || one_of(rec, &["E11", "E12", "X1"]) {
            continue;
        }
        match pa_rows.get(eps.value(r, "CHILD")) {
            None => bad_eps.push(r),
            Some(rows) => {
                let incomplete: Vec<usize> = rows
                    .iter()
                    .copied()
                    .filter(|&p| {
                        blank(pa.value(p, "DATE_PLACED_CEASED"))
                            || blank(pa.value(p, "REASON_PLACED_CEASED"))
                    })
                    .collect();
                if !incomplete.is_empty() {
                    bad_eps.push(r);
                    bad_pa.extend(incomplete);
                }
            }
        }
    }
    for (t, mut rows) in [(eps, bad_eps), (pa, bad_pa)] {
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            out.row(t, r);
        }
    }
}

/// A child's periods of care: runs of episodes (in start order) where each
/// starts no later than the previous one ended. Each is (first start, end of
/// its last episode, if any).
fn periods_of_care<'a>(
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

/// The AD1 fields about the adoption.
const AD1_FIELDS: &[&str] = &[
    "DATE_INT",
    "DATE_MATCH",
    "FOSTER_CARE",
    "NB_ADOPTR",
    "SEX_ADOPTR",
    "LS_ADOPTR",
];

/// The episode rows that ended in adoption (E11, E12) during the year.
fn adopted_this_year(ctx: &Context<'_>, eps: &TableData) -> Vec<usize> {
    (0..eps.len())
        .filter(|&r| {
            one_of(eps.value(r, "REC"), &["E11", "E12"])
                && eps
                    .date(r, "DEC")
                    .is_some_and(|d| d >= ctx.start() && d <= ctx.end())
        })
        .collect()
}

/// Rule 607: girls (`female` is the year's code) who ceased to be looked
/// after during the year, other than from short breaks, need MOTHER.
fn mother_not_completed(ctx: &Context<'_>, out: &mut Findings, female: &str) {
    let (Some(eps), Some(header)) = (ctx.table(Table::Episodes), ctx.table(Table::Header)) else {
        return;
    };
    let header_rows = ctx.rows_by_child(header);
    let (mut bad_eps, mut bad_header) = (Vec::new(), Vec::new());
    for r in 0..eps.len() {
        let rec = eps.value(r, "REC");
        let ceased = !blank(rec)
            && rec != "X1"
            && eps
                .date(r, "DEC")
                .is_some_and(|d| d >= ctx.start() && d <= ctx.end());
        if !ceased || one_of(eps.value(r, "LS"), &["V3", "V4"]) {
            continue;
        }
        let Some(rows) = header_rows.get(eps.value(r, "CHILD")) else {
            continue;
        };
        let missing: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&h| header.value(h, "SEX") == female && blank(header.value(h, "MOTHER")))
            .collect();
        if !missing.is_empty() {
            bad_eps.push(r);
            bad_header.extend(missing);
        }
    }
    for (t, mut rows) in [(eps, bad_eps), (header, bad_header)] {
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            out.row(t, r);
        }
    }
}

/// A previous permanence date (`dd/mm/yyyy`, where the day or month may be
/// `ZZ` and the year `ZZZZ` when unknown): `None` if not of that form,
/// otherwise the latest date it could be (`None` inside when the year is
/// unknown).
fn permanence_date(value: &str) -> Option<Option<NaiveDate>> {
    let parts: Vec<&str> = value.trimmed().split('/').collect();
    let [d, m, y] = parts[..] else { return None };
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let day = if d == "ZZ" { None } else { Some(number(d, 2)?) };
    let month = if m == "ZZ" { None } else { Some(number(m, 2)?) };
    let year = if y == "ZZZZ" {
        None
    } else {
        Some(number(y, 4)?)
    };
    let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = day.is_none_or(|d| (1..=31).contains(&d));
    if !month_ok || !day_ok {
        return None;
    }
    let Some(year) = year else { return Some(None) };
    let year = i32::try_from(year).ok()?;
    let month = month.unwrap_or(12);
    let last_day = NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()?;
    let latest = match day {
        Some(d) => Some(NaiveDate::from_ymd_opt(year, month, d)?),
        None => Some(last_day),
    };
    Some(latest)
}

/// LA codes (and outside England) accepted as where a previous permanence
/// option was arranged.
const LA_PERM_CODES: &[&str] = &[
    "800", "889", "822", "301", "304", "303", "330", "825", "837", "302", "846", "370", "350",
    "890", "867", "380", "305", "801", "351", "873", "823", "895", "896", "381", "909", "202",
    "908", "331", "306", "841", "830", "831", "878", "371", "835", "332", "840", "307", "308",
    "811", "881", "845", "390", "916", "203", "876", "850", "311", "204", "884", "312", "205",
    "313", "805", "919", "310", "309", "420", "921", "206", "207", "886", "810", "382", "314",
    "340", "888", "208", "856", "383", "855", "209", "925", "341", "201", "821", "352", "806",
    "887", "826", "315", "929", "812", "391", "926", "892", "813", "802", "928", "891", "392",
    "316", "815", "353", "931", "879", "836", "851", "874", "807", "354", "317", "870", "318",
    "372", "857", "333", "935", "343", "803", "373", "342", "893", "356", "355", "871", "394",
    "334", "933", "882", "936", "861", "852", "319", "860", "808", "393", "866", "210", "357",
    "894", "883", "880", "358", "211", "937", "869", "320", "359", "865", "384", "335", "336",
    "212", "868", "872", "885", "344", "877", "213", "938", "816", "999", "WAL", "SCO", "NUK",
    "NIR",
];

/// Rules 503A to 503J: where last year's return ended with the child's
/// latest episode still open, the child's first episode this year must
/// carry the same value of `field`, unless `allowed(now, before)`.
fn differs_from_last_open(
    ctx: &Context<'_>,
    out: &mut Findings,
    field: &str,
    allowed: fn(&str, &str) -> bool,
) {
    let (Some(eps), Some(prev)) = (ctx.table(Table::Episodes), previous_episodes(ctx)) else {
        return;
    };
    let last = latest_episode(ctx, prev);
    let mut bad: Vec<usize> = first_episode(ctx, eps)
        .iter()
        .map(|(&c, &r)| (c, r))
        .filter(|&(child, r)| {
            last.get(child).is_some_and(|&p| {
                let (now, before) = (eps.value(r, field), prev.value(p, field));
                prev.date(p, "DEC").is_none() && now != before && !allowed(now, before)
            })
        })
        .map(|(_, r)| r)
        .collect();
    bad.sort_unstable();
    for r in bad {
        out.row(eps, r);
    }
}

/// Rules 503G, 503H and 503J: as [`differs_from_last_open`], on the
/// placement details derived from the postcodes.
fn placement_differs_from_last_open(
    ctx: &Context<'_>,
    out: &mut Findings,
    differs: fn(&Placement<'_>, &Placement<'_>) -> bool,
) {
    let (Some(eps), Some(prev)) = (ctx.table(Table::Episodes), previous_episodes(ctx)) else {
        return;
    };
    for &(r, p) in ctx.first_with_last_years() {
        if date(prev.value(p, "DEC")).is_none()
            && differs(&ctx.placement(r), &ctx.previous_placement(p))
        {
            out.row(eps, r);
        }
    }
}

/// Rule 1015: an episode provided by the council itself (PR1), outside
/// fostering, adoption (and `also_exempt`) placements and short breaks,
/// must be placed in the council's area (by PL_LA).
fn own_provision_elsewhere(ctx: &Context<'_>, out: &mut Findings, also_exempt: &[&str]) {
    const FOSTERING_OR_ADOPTION: &[&str] =
        &["A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"];
    each_placed(ctx, out, |t, r, p| {
        let (place, ls) = (t.value(r, "PLACE").trim(), t.value(r, "LS").trim());
        !blank(place)
            && !blank(ls)
            && !FOSTERING_OR_ADOPTION
                .iter()
                .chain(also_exempt)
                .any(|c| c.eq_ignore_ascii_case(place))
            && !short_break(ls)
            && t.value(r, "PLACE_PROVIDER")
                .trim()
                .eq_ignore_ascii_case("PR1")
            && p.la != Some(ctx.la)
    })
}

/// No exception to rules 503A to 503J.
fn no_exception(_: &str, _: &str) -> bool {
    false
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "501",
        message: "A new episode has started before the end date of the previous episode.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            // Each child's episodes with a valid start, in start order (file
            // order on a tie). An episode without a start has no place in
            // the sequence: it is neither previous nor next to another.
            let mut bad: Vec<usize> = Vec::new();
            for rows in ctx.rows_by_child(eps).values() {
                let mut dated: Vec<(NaiveDate, usize)> = rows
                    .iter()
                    .filter_map(|&r| Some((eps.date(r, "DECOM")?, r)))
                    .collect();
                dated.sort_unstable();
                for w in dated.windows(2) {
                    let ((_, p), (start, n)) = (w[0], w[1]);
                    if eps.date(p, "DEC").is_some_and(|prev_end| start < prev_end) {
                        bad.push(n);
                    }
                }
            }
            bad.sort_unstable();
            for r in bad {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "502",
        message: "Last year's record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year’s record.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(eps), Some(prev)) = (ctx.table(Table::Episodes), previous_episodes(ctx))
            else {
                return;
            };
            let mut open_last: HashMap<&str, Vec<Option<NaiveDate>>> = HashMap::default();
            for r in 0..prev.len() {
                if blank(prev.value(r, "DEC")) {
                    open_last
                        .entry(prev.value(r, "CHILD"))
                        .or_default()
                        .push(prev.date(r, "DECOM"));
                }
            }
            let mut bad: Vec<usize> = first_episode(ctx, eps)
                .iter()
                .map(|(&c, &r)| (c, r))
                .filter(|&(c, r)| {
                    let first = eps.date(r, "DECOM");
                    open_last
                        .get(c)
                        .is_some_and(|starts| starts.iter().any(|s| *s != first))
                })
                .map(|(_, r)| r)
                .collect();
            bad.sort_unstable();
            for r in bad {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "504",
        message: "The category of need code differs from that reported at start of current period of being looked after",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut bad: Vec<usize> = consecutive(ctx, eps)
                .into_iter()
                .filter(|&(p, n)| {
                    eps.value(p, "REC") == "X1"
                        && eps.date(p, "DEC").is_some()
                        && eps.date(p, "DEC") == eps.date(n, "DECOM")
                        && eps.value(p, "CIN") != eps.value(n, "CIN")
                })
                .map(|(_, n)| n)
                .collect();
            bad.sort_unstable();
            bad.dedup();
            for r in bad {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "511",
        message: "If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting couple are male and female.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |nb, sex, _| {
                nb == "2" && one_of(sex, &["M1", "F1"])
            })
        },
    },
    Rule {
        code: "514",
        message: "Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |_, sex, ls| {
                ls == "L0" && !one_of(sex, &["M1", "F1"])
            })
        },
    },
    Rule {
        code: "516",
        message: "The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year.If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "REC"), &["E45", "E46"])
                    && !one_of(t.value(r, "PLACE"), &["U1", "U2", "U3", "U4", "U5", "U6"])
            })
        },
    },
    Rule {
        code: "517",
        message: "If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| ad1_row(ctx, out, |_, sex, ls| ls == "L3" && sex != "MF"),
    },
    Rule {
        code: "518",
        message: "If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |_, sex, ls| {
                ls == "L4" && !one_of(sex, &["MM", "FF"])
            })
        },
    },
    Rule {
        code: "519",
        message: "Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |_, sex, ls| {
                ls == "L2" && !one_of(sex, &["MM", "FF", "MF"])
            })
        },
    },
    Rule {
        code: "520",
        message: "Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| ad1_row(ctx, out, |_, sex, ls| ls == "L11" && sex != "MF"),
    },
    Rule {
        code: "521",
        message: "Date of local authority's decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(ad1)) = (ctx.table(Table::Episodes), ctx.table(Table::Ad1)) else {
                return;
            };
            let ad1_rows = ctx.rows_by_child(ad1);
            let mut bad_ad1 = Vec::new();
            for r in 0..eps.len() {
                if !one_of(eps.value(r, "PLACE"), PLACED_FOR_ADOPTION) {
                    continue;
                }
                let Some(decom) = eps.date(r, "DECOM") else {
                    continue;
                };
                let late: Vec<usize> = ad1_rows
                    .get(eps.value(r, "CHILD"))
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&a| ad1.date(a, "DATE_INT").is_some_and(|d| d > decom))
                    .collect();
                if !late.is_empty() {
                    out.row(eps, r);
                    bad_ad1.extend(late);
                }
            }
            bad_ad1.sort_unstable();
            bad_ad1.dedup();
            for a in bad_ad1 {
                out.row(ad1, a);
            }
        },
    },
    Rule {
        code: "522",
        message: "Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                match (t.date(r, "DATE_PLACED_CEASED"), t.date(r, "DATE_PLACED")) {
                    (Some(ceased), Some(placed)) => ceased < placed,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "503A",
        message: "The reason for new episode in the first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "RNE", no_exception),
    },
    Rule {
        code: "503B",
        message: "The legal status in the first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "LS", no_exception),
    },
    Rule {
        code: "503C",
        message: "The category of need in the first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "CIN", no_exception),
    },
    Rule {
        code: "503D",
        message: "The placement type in the first episode does not match open episode at end of last year",
        years: Years::span(2024, 2024),
        needs: Needs::PreviousReturn,
        // H5 placements became K3 in 2024-25.
        check: |ctx, out| {
            differs_from_last_open(ctx, out, "PLACE", |now, before| {
                now == "K3" && before == "H5"
            })
        },
    },
    Rule {
        code: "503D",
        message: "The placement type in the first episode does not match open episode at end of last year",
        years: Years::to(2023),
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "PLACE", no_exception),
    },
    Rule {
        code: "503D",
        message: "The placement type in the first episode does not match open episode at end of last year",
        years: Years::since(2025),
        needs: Needs::PreviousReturn,
        // Z1 was split into Z11 to Z14 in 2025-26.
        check: |ctx, out| {
            differs_from_last_open(ctx, out, "PLACE", |now, before| {
                (before == "Z1" && one_of(now, &["Z11", "Z12", "Z13", "Z14"]))
                    || (now == "K3" && before == "H5")
            })
        },
    },
    Rule {
        code: "503E",
        message: "The placement provider in the first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "PLACE_PROVIDER", no_exception),
    },
    Rule {
        code: "503F",
        message: "The Ofsted URN in the  first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| differs_from_last_open(ctx, out, "URN", no_exception),
    },
    Rule {
        // As 453, whatever the reason for the new episode.
        code: "503G",
        message: "The distance in first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PostcodesAndPreviousReturn,
        check: |ctx, out| {
            placement_differs_from_last_open(ctx, out, |now, before| {
                super::r400::distance_changed(now.distance, before.distance)
            })
        },
    },
    Rule {
        code: "503H",
        message: "The placement LA in first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PostcodesAndPreviousReturn,
        check: |ctx, out| {
            placement_differs_from_last_open(ctx, out, |now, before| now.la != before.la)
        },
    },
    Rule {
        code: "503J",
        message: "The placement location in first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PostcodesAndPreviousReturn,
        check: |ctx, out| {
            placement_differs_from_last_open(ctx, out, |now, before| {
                now.location != before.location
            })
        },
    },
    Rule {
        code: "523",
        message: "Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(pa), Some(ad1)) = (ctx.table(Table::PlacedAdoption), ctx.table(Table::Ad1))
            else {
                return;
            };
            pairs_by_child(ctx, out, pa, ad1, |p, a| {
                match (pa.date(p, "DATE_PLACED"), ad1.date(a, "DATE_INT")) {
                    (Some(placed), Some(int)) => placed != int,
                    _ => false,
                }
            });
        },
    },
    Rule {
        code: "524",
        message: "If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            ad1_row(ctx, out, |_, sex, ls| {
                ls == "L12" && !one_of(sex, &["MM", "FF"])
            })
        },
    },
    Rule {
        code: "525",
        message: "A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(pa), Some(ad1)) = (ctx.table(Table::PlacedAdoption), ctx.table(Table::Ad1))
            else {
                return;
            };
            pairs_by_child(ctx, out, pa, ad1, |p, a| {
                !blank(pa.value(p, "DATE_PLACED_CEASED"))
                    && [
                        "DATE_INT",
                        "DATE_MATCH",
                        "FOSTER_CARE",
                        "NB_ADOPTR",
                        "SEX_ADOPTR",
                        "LS_ADOPTR",
                    ]
                    .iter()
                    .any(|c| !blank(ad1.value(a, c)))
            });
        },
    },
    Rule {
        code: "526",
        message: "Child is missing a placement provider code for at least one episode.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !one_of(t.value(r, "PLACE"), &["T0", "T1", "T2", "T3", "T4", "Z1"])
                    && blank(t.value(r, "PLACE_PROVIDER"))
            })
        },
    },
    Rule {
        code: "526",
        message: "Child is missing a placement provider code for at least one episode.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                !one_of(
                    t.value(r, "PLACE"),
                    &["T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"],
                ) && blank(t.value(r, "PLACE_PROVIDER"))
            })
        },
    },
    Rule {
        code: "527",
        message: "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), &["P1", "R2", "R5"])
                    && t.value(r, "PLACE_PROVIDER") == "PR1"
            })
        },
    },
    Rule {
        code: "528",
        message: "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), &["P1", "R2", "R5"])
                    && t.value(r, "PLACE_PROVIDER") == "PR2"
            })
        },
    },
    Rule {
        code: "529",
        message: "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            const PLACES: &[&str] = &[
                "A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4", "U5", "U6",
            ];
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), PLACES) && t.value(r, "PLACE_PROVIDER") == "PR3"
            })
        },
    },
    Rule {
        code: "530",
        message: "A placement provider code of PR4 cannot be associated with placement P1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.value(r, "PLACE") == "P1" && t.value(r, "PLACE_PROVIDER") == "PR4"
            })
        },
    },
    Rule {
        code: "531",
        message: "A placement provider code of PR5 cannot be associated with placements P1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.value(r, "PLACE") == "P1" && t.value(r, "PLACE_PROVIDER") == "PR5"
            })
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
    Rule {
        code: "550",
        message: "A placement provider code of PR0 can only be associated with placement P1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.value(r, "PLACE") != "P1" && t.value(r, "PLACE_PROVIDER") == "PR0"
            })
        },
    },
    Rule {
        code: "551",
        message: "Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let pa_rows = ctx.rows_by_child(pa);
            for r in 0..eps.len() {
                if !one_of(eps.value(r, "PLACE"), PLACED_FOR_ADOPTION) {
                    continue;
                }
                let decided = pa_rows
                    .get(eps.value(r, "CHILD"))
                    .is_some_and(|rows| rows.iter().all(|&p| !blank(pa.value(p, "DATE_PLACED"))));
                if !decided {
                    out.row(eps, r);
                }
            }
        },
    },
    Rule {
        code: "552",
        message: "Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            // The latest decision against the first placement for adoption.
            let mut last_decision: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
            for p in 0..pa.len() {
                if let Some(d) = pa.date(p, "DATE_PLACED") {
                    let e = last_decision.entry(pa.value(p, "CHILD")).or_insert((d, p));
                    if d > e.0 {
                        *e = (d, p);
                    }
                }
            }
            let first =
                earliest_episode(eps, |r| one_of(eps.value(r, "PLACE"), PLACED_FOR_ADOPTION));
            let (mut bad_pa, mut bad_eps) = (Vec::new(), Vec::new());
            for (child, e) in first {
                let Some(&(decided, p)) = last_decision.get(child) else {
                    continue;
                };
                if eps.date(e, "DECOM").is_some_and(|d| d < decided) {
                    bad_pa.push(p);
                    bad_eps.push(e);
                }
            }
            for (t, mut rows) in [(pa, bad_pa), (eps, bad_eps)] {
                rows.sort_unstable();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "553",
        message: "Placement order has been granted but there is no date of decision that the child should be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let pa_rows = ctx.rows_by_child(pa);
            let mut bad_pa = Vec::new();
            for r in 0..eps.len() {
                if eps.value(r, "LS") != "E1" {
                    continue;
                }
                match pa_rows.get(eps.value(r, "CHILD")) {
                    None => out.row(eps, r),
                    Some(rows) if blank(eps.value(r, "DEC")) => {
                        bad_pa.extend(rows.iter().copied().filter(|&p| {
                            !blank(pa.value(p, "DATE_PLACED_CEASED"))
                                || !blank(pa.value(p, "REASON_PLACED_CEASED"))
                        }))
                    }
                    Some(_) => {}
                }
            }
            bad_pa.sort_unstable();
            bad_pa.dedup();
            for p in bad_pa {
                out.row(pa, p);
            }
        },
    },
    Rule {
        code: "554",
        message: "Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted. [NOTE: This rule may result in false positives or false negatives if relevant episodes are in previous years; please check carefully!]",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| decision_before_order(ctx, out, "E1", true),
    },
    Rule {
        code: "555",
        message: "Freeing order has been granted but there is no date of decision that the child should be placed for adoption.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let pa_rows = ctx.rows_by_child(pa);
            let mut bad_pa = Vec::new();
            for r in 0..eps.len() {
                if eps.value(r, "LS") != "D1" {
                    continue;
                }
                match pa_rows.get(eps.value(r, "CHILD")) {
                    None => out.row(eps, r),
                    Some(rows) if blank(eps.value(r, "DEC")) => {
                        bad_pa.extend(rows.iter().copied().filter(|&p| {
                            !blank(pa.value(p, "DATE_PLACED_CEASED"))
                                || !blank(pa.value(p, "REASON_PLACED_CEASED"))
                        }))
                    }
                    Some(_) => {}
                }
            }
            bad_pa.sort_unstable();
            bad_pa.dedup();
            for p in bad_pa {
                out.row(pa, p);
            }
        },
    },
    Rule {
        code: "556",
        message: "Date of decision that the child should be placed for adoption should be on or prior to the date that the freeing order was granted.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| decision_before_order(ctx, out, "D1", false),
    },
    Rule {
        code: "557",
        message: "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| left_care_not_adopted(ctx, out, &["E1"]),
    },
    Rule {
        code: "557",
        message: "Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| left_care_not_adopted(ctx, out, &["D1", "E1"]),
    },
    Rule {
        code: "558",
        message: "If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            // The child's latest decision to place for adoption.
            let mut latest: HashMap<&str, (Option<NaiveDate>, usize)> = HashMap::default();
            for p in 0..pa.len() {
                let d = pa.date(p, "DATE_PLACED");
                let e = latest.entry(pa.value(p, "CHILD")).or_insert((d, p));
                if d >= e.0 {
                    *e = (d, p);
                }
            }
            for r in 0..eps.len() {
                if !one_of(eps.value(r, "REC"), &["E11", "E12"]) {
                    continue;
                }
                if latest
                    .get(eps.value(r, "CHILD"))
                    .is_some_and(|&(_, p)| !blank(pa.value(p, "DATE_PLACED_CEASED")))
                {
                    out.row(eps, r);
                }
            }
        },
    },
    Rule {
        code: "559",
        message: "Date of decision that a child should be placed for adoption was not in the current year but the date of the decision that the child should be placed for adoption was not completed in a previous return.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::PlacedAdoption)) else {
                return;
            };
            let decided_last: HashSet<&str> = (0..last.len())
                .filter(|&p| last.date(p, "DATE_PLACED").is_some())
                .map(|p| last.value(p, "CHILD"))
                .collect();
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                t.date(r, "DATE_PLACED").is_some_and(|d| d < ctx.start())
                    && !decided_last.contains(t.value(r, "CHILD"))
            })
        },
    },
    Rule {
        code: "560",
        message: "Date of decision that the child should be placed for adoption this year is different from that recorded last year but the decision to place the child for adoption did not change.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::PlacedAdoption)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                last_rows.get(t.value(r, "CHILD")).is_some_and(|rows| {
                    rows.iter().any(|&p| {
                        !blank(last.value(p, "DATE_PLACED"))
                            && blank(last.value(p, "DATE_PLACED_CEASED"))
                            && last.value(p, "DATE_PLACED") != t.value(r, "DATE_PLACED")
                    })
                })
            })
        },
    },
    Rule {
        code: "561",
        message: "Date of the decision that the child should be placed for adoption this year is the same as that recorded last year but records show that the decision changed, and the child should no longer be placed for adoption last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::PlacedAdoption)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                last_rows.get(t.value(r, "CHILD")).is_some_and(|rows| {
                    rows.iter().any(|&p| {
                        last.value(p, "DATE_PLACED") == t.value(r, "DATE_PLACED")
                            && !blank(t.value(r, "DATE_PLACED"))
                            && (!blank(last.value(p, "DATE_PLACED_CEASED"))
                                || !blank(last.value(p, "REASON_PLACED_CEASED")))
                    })
                })
            })
        },
    },
    Rule {
        code: "562",
        message: "Episode commenced before the start of the current collection year but there is a missing continuous episode in the previous year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(eps), Some(prev)) = (ctx.table(Table::Episodes), previous_episodes(ctx))
            else {
                return;
            };
            let start = ctx.start();
            let last_starts: HashMap<&str, Option<NaiveDate>> = latest_episode(ctx, prev)
                .iter()
                .map(|(&c, &r)| (c, r))
                .map(|(c, r)| (c, prev.date(r, "DECOM")))
                .collect();
            let first = earliest_episode(eps, |r| eps.date(r, "DECOM").is_some_and(|d| d < start));
            let mut bad: Vec<usize> = first
                .into_iter()
                .filter(|&(c, r)| last_starts.get(c).copied().flatten() != eps.date(r, "DECOM"))
                .map(|(_, r)| r)
                .collect();
            bad.sort_unstable();
            for r in bad {
                out.row(eps, r);
            }
        },
    },
    Rule {
        code: "563",
        message: "The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                !blank(t.value(r, "REASON_PLACED_CEASED"))
                    && !blank(t.value(r, "DATE_PLACED_CEASED"))
                    && blank(t.value(r, "DATE_PLACED"))
            })
        },
    },
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
                let mut rows = rows.clone();
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
                    && groups.get(t.value(r, "CHILD")).is_some_and(|rows| {
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
        code: "579",
        message: "A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open. Decisions to place the child for adoption should also not overlap. The date of any new decision to place the child for adoption must not be before the date placed ceased of previous decisions.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(pa) = ctx.table(Table::PlacedAdoption) else {
                return;
            };
            let mut bad = Vec::new();
            for rows in ctx.rows_by_child(pa).values() {
                let mut rows = rows.clone();
                rows.sort_by_key(|&r| {
                    let d = pa.date(r, "DATE_PLACED");
                    (d.is_none(), d, r)
                });
                for w in rows.windows(2) {
                    let prev_ceased = pa.date(w[0], "DATE_PLACED_CEASED");
                    let overlaps = match (pa.date(w[1], "DATE_PLACED"), prev_ceased) {
                        (Some(d), Some(c)) => d < c,
                        _ => false,
                    };
                    if prev_ceased.is_none() || overlaps {
                        bad.push(w[1]);
                    }
                }
            }
            bad.sort_unstable();
            for r in bad {
                out.row(pa, r);
            }
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
                t.value(r, "REC") != "E8"
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
                let Some(rows) = groups.get(t.value(r, "CHILD")) else {
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
        code: "582",
        message: "Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters. In most circumstances we expect the date the child is matched with adopters to be before the date of adoption.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(ad1) = ctx.table(Table::Ad1) else {
                return;
            };
            let ad1_rows = ctx.rows_by_child(ad1);
            each_row(ctx, out, Table::Episodes, |t, r| {
                let Some(dec) = t.date(r, "DEC") else {
                    return false;
                };
                one_of(t.value(r, "REC"), &["E11", "E12"])
                    && ad1_rows.get(t.value(r, "CHILD")).is_some_and(|rows| {
                        rows.iter().any(|&a| ad1.date(a, "DATE_MATCH") == Some(dec))
                    })
            })
        },
    },
    Rule {
        code: "583",
        message: "More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(pa) = ctx.table(Table::PlacedAdoption) else {
                return;
            };
            let mut bad = Vec::new();
            for rows in ctx.rows_by_child(pa).values() {
                // Only the latest decision may still be open: every
                // other one needs the date it was revoked.
                let latest = rows
                    .iter()
                    .copied()
                    .max_by_key(|&r| (pa.date(r, "DATE_PLACED"), std::cmp::Reverse(r)));
                bad.extend(
                    rows.iter()
                        .copied()
                        .filter(|&r| Some(r) != latest && blank(pa.value(r, "DATE_PLACED_CEASED"))),
                );
            }
            bad.sort_unstable();
            for r in bad {
                out.row(pa, r);
            }
        },
    },
    Rule {
        code: "584",
        message: "Date of decision that the child should be placed for adoption this year is different from that recorded last year, but the decision to placed the child for adoption changed and the child should no longer be placed for adoption.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::PlacedAdoption)) else {
                return;
            };
            let mut ceased_last: HashMap<&str, Vec<Option<NaiveDate>>> = HashMap::default();
            for p in 0..last.len() {
                if !blank(last.value(p, "DATE_PLACED_CEASED"))
                    || !blank(last.value(p, "REASON_PLACED_CEASED"))
                {
                    ceased_last
                        .entry(last.value(p, "CHILD"))
                        .or_default()
                        .push(last.date(p, "DATE_PLACED"));
                }
            }
            each_row(ctx, out, Table::PlacedAdoption, |t, r| {
                let Some(before) = ceased_last.get(t.value(r, "CHILD")) else {
                    return false;
                };
                match t.date(r, "DATE_PLACED") {
                    None => true,
                    Some(now) => before.iter().flatten().any(|&b| now <= b),
                }
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
        code: "601",
        message: "The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(ad1)) = (ctx.table(Table::Episodes), ctx.table(Table::Ad1)) else {
                return;
            };
            let adopted = adopted_this_year(ctx, eps);
            let eps_rows: HashMap<&str, Vec<usize>> = {
                let mut m: HashMap<&str, Vec<usize>> = HashMap::default();
                for &r in &adopted {
                    m.entry(eps.value(r, "CHILD")).or_default().push(r);
                }
                m
            };
            let (mut bad_ad1, mut bad_eps) = (Vec::new(), Vec::new());
            for a in 0..ad1.len() {
                let Some(rows) = eps_rows.get(ad1.value(a, "CHILD")) else {
                    continue;
                };
                if AD1_FIELDS.iter().any(|c| blank(ad1.value(a, c))) {
                    bad_ad1.push(a);
                    bad_eps.extend(rows.iter().copied());
                }
            }
            for (t, mut rows) in [(ad1, bad_ad1), (eps, bad_eps)] {
                rows.sort_unstable();
                rows.dedup();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "602",
        message: "The episode data submitted for this child does not show that he/she was adopted during the year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let adopted: HashSet<&str> = adopted_this_year(ctx, eps)
                .into_iter()
                .map(|r| eps.value(r, "CHILD"))
                .collect();
            each_row(ctx, out, Table::Ad1, |t, r| {
                !adopted.contains(t.value(r, "CHILD"))
                    && AD1_FIELDS.iter().any(|c| !blank(t.value(r, c)))
            })
        },
    },
    Rule {
        code: "607",
        message: "Child ceased to be looked after in the year, but mother field has not been completed.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| mother_not_completed(ctx, out, "F"),
    },
    Rule {
        code: "607",
        message: "Child ceased to be looked after in the year, but mother field has not been completed.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| mother_not_completed(ctx, out, "2"),
    },
    Rule {
        code: "611",
        message: "Date of birth field is blank, but child is a mother.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                t.value(r, "MOTHER") == "1" && blank(t.value(r, "MC_DOB"))
            })
        },
    },
    Rule {
        code: "612",
        message: "Date of birth field has been completed but mother field indicates child is not a mother.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                one_of(t.value(r, "MOTHER"), &["0", ""])
                    && t.value(r, "SEX") == "F"
                    && !blank(t.value(r, "MC_DOB"))
            })
        },
    },
    Rule {
        code: "612",
        message: "Date of birth field has been completed but mother field indicates child is not a mother.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                one_of(t.value(r, "MOTHER"), &["0", ""])
                    && t.value(r, "SEX") == "2"
                    && !blank(t.value(r, "MC_DOB"))
            })
        },
    },
    Rule {
        code: "620",
        message: "Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                t.value(r, "MOTHER") == "1"
                    && t.date(r, "DOB")
                        .is_some_and(|dob| plus_years(dob, 11) > ctx.start())
            })
        },
    },
    Rule {
        code: "621",
        message: "Mother’s field has been completed but date of birth shows that the mother is younger than her child.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                match (t.date(r, "MC_DOB"), t.date(r, "DOB")) {
                    (Some(child), Some(mother)) => child <= mother,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "624",
        message: "Date of birth of the first child contradicts the date of birth of the first child previously recorded.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::Header)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::Header, |t, r| {
                last_rows.get(t.value(r, "CHILD")).is_some_and(|rows| {
                    rows.iter().any(|&p| {
                        let before = last.value(p, "MC_DOB");
                        !blank(before) && before != t.value(r, "MC_DOB")
                    })
                })
            })
        },
    },
    Rule {
        code: "625",
        message: "Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(header)) = (ctx.table(Table::Episodes), ctx.table(Table::Header))
            else {
                return;
            };
            // Each child's latest episode (by start) and, if it has ended,
            // when: a child still looked after has no end to compare with.
            let mut latest: HashMap<&str, (NaiveDate, usize)> = HashMap::default();
            for (&child, rows) in ctx.in_start_order(eps) {
                let last = rows.iter().rev().find(|&&r| eps.date(r, "DECOM").is_some());
                if let Some(&r) = last
                    && let Some(dec) = eps.date(r, "DEC")
                {
                    latest.insert(child, (dec, r));
                }
            }
            let (mut bad_header, mut bad_eps) = (Vec::new(), Vec::new());
            for h in 0..header.len() {
                let Some(mc_dob) = header.date(h, "MC_DOB") else {
                    continue;
                };
                match latest.get(header.value(h, "CHILD")) {
                    Some(&(dec, e)) if mc_dob > ctx.end() || mc_dob > dec => {
                        bad_header.push(h);
                        bad_eps.push(e);
                    }
                    None if mc_dob > ctx.end() => bad_header.push(h),
                    _ => {}
                }
            }
            for (t, mut rows) in [(header, bad_header), (eps, bad_eps)] {
                rows.sort_unstable();
                rows.dedup();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "626",
        message: "Child was reported as a mother but the date of birth of the first child is before the current year which contradicts with the mother status recorded last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(last) = ctx.previous.and_then(|p| p.table(Table::Header)) else {
                return;
            };
            let last_rows = ctx.rows_by_child(last);
            each_row(ctx, out, Table::Header, |t, r| {
                t.value(r, "MOTHER") == "1"
                    && t.date(r, "MC_DOB").is_some_and(|d| d < ctx.start())
                    && last_rows
                        .get(t.value(r, "CHILD"))
                        .is_some_and(|rows| rows.iter().any(|&p| last.value(p, "MOTHER") == "0"))
            })
        },
    },
    Rule {
        code: "628",
        message: "Motherhood details are not required for care leavers who have not been looked after during the year.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(oc3)) = (ctx.table(Table::Episodes), ctx.table(Table::Oc3)) else {
                return;
            };
            let with_eps = children(Some(eps));
            let leavers: HashSet<&str> = (0..oc3.len())
                .filter(|&r| oc3_filled(oc3, r))
                .map(|r| oc3.value(r, "CHILD"))
                .collect();
            each_row(ctx, out, Table::Header, |t, r| {
                let c = t.value(r, "CHILD");
                !with_eps.contains(c) && leavers.contains(c) && !blank(t.value(r, "MOTHER"))
            })
        },
    },
    Rule {
        code: "630",
        message: "Information on previous permanence option should be returned.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(pp) = ctx.table(Table::PrevPerm) else {
                return;
            };
            let pp_rows = ctx.rows_by_child(pp);
            each_row(ctx, out, Table::Episodes, |t, r| {
                if t.value(r, "RNE") != "S" || t.date(r, "DECOM").is_none_or(|d| d < ctx.start()) {
                    return false;
                }
                match pp_rows.get(t.value(r, "CHILD")) {
                    None => true,
                    Some(rows) => rows.iter().any(|&p| {
                        let prev = pp.value(p, "PREV_PERM");
                        blank(prev)
                            || (prev != "Z1"
                                && (blank(pp.value(p, "LA_PERM"))
                                    || blank(pp.value(p, "DATE_PERM"))))
                    }),
                }
            });
        },
    },
    Rule {
        code: "631",
        message: "Previous permanence option not a valid value.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PrevPerm, |t, r| {
                let v = t.value(r, "PREV_PERM");
                !blank(v) && !one_of(v, &["P1", "P2", "P3", "P4", "Z1"])
            })
        },
    },
    Rule {
        code: "632",
        message: "Date of previous permanence order not a valid value. NOTE: This rule may result in false negatives where the period of care started before the current collection year",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pp)) = (ctx.table(Table::Episodes), ctx.table(Table::PrevPerm))
            else {
                return;
            };
            let first = first_episode(ctx, eps);
            let pp_rows = ctx.rows_by_child(pp);
            let (mut bad_eps, mut bad_pp) = (Vec::new(), Vec::new());
            for (&child, &e) in first {
                let Some(decom) = eps.date(e, "DECOM") else {
                    continue;
                };
                for &p in pp_rows.get(child).into_iter().flatten() {
                    let v = pp.value(p, "DATE_PERM");
                    if blank(v) {
                        continue;
                    }
                    let fails = match permanence_date(v) {
                        None => true,
                        Some(latest) => latest.is_some_and(|d| d >= decom),
                    };
                    if fails {
                        bad_eps.push(e);
                        bad_pp.push(p);
                    }
                }
            }
            for (t, mut rows) in [(eps, bad_eps), (pp, bad_pp)] {
                rows.sort_unstable();
                rows.dedup();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "633",
        message: "Local authority code where previous permanence option was arranged is not a valid value.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PrevPerm, |t, r| {
                let v = t.value(r, "LA_PERM");
                !blank(v) && !one_of(v, LA_PERM_CODES)
            })
        },
    },
    Rule {
        code: "634",
        message: "There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pp)) = (ctx.table(Table::Episodes), ctx.table(Table::PrevPerm))
            else {
                return;
            };
            let eps_rows = ctx.rows_by_child(eps);
            let (mut bad_eps, mut bad_pp) = (Vec::new(), Vec::new());
            for p in 0..pp.len() {
                if ["PREV_PERM", "DATE_PERM", "LA_PERM"]
                    .iter()
                    .all(|c| blank(pp.value(p, c)))
                {
                    continue;
                }
                let Some(rows) = eps_rows.get(pp.value(p, "CHILD")) else {
                    continue;
                };
                let last_start = rows.iter().filter_map(|&e| eps.date(e, "DECOM")).max();
                if last_start.is_some_and(|d| d < ctx.start()) {
                    bad_pp.push(p);
                    bad_eps.extend(rows.iter().copied());
                }
            }
            for (t, mut rows) in [(eps, bad_eps), (pp, bad_pp)] {
                rows.sort_unstable();
                rows.dedup();
                for r in rows {
                    out.row(t, r);
                }
            }
        },
    },
    Rule {
        code: "635",
        message: "There are entries for date of order and local authority code where previous permanence option was arranged but previous permanence code is Z1",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::PrevPerm, |t, r| {
                (!blank(t.value(r, "LA_PERM")) || !blank(t.value(r, "DATE_PERM")))
                    && blank(t.value(r, "PREV_PERM"))
            })
        },
    },
    Rule {
        code: "1000",
        message: "This child is recorded as having died in care and therefore should not have the care leaver information completed. [NOTE: This only tests the current and previous year data loaded into the tool]",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let mut died: HashSet<&str> = HashSet::default();
            for t in [ctx.table(Table::Episodes), previous_episodes(ctx)]
                .into_iter()
                .flatten()
            {
                for r in 0..t.len() {
                    if t.value(r, "REC") == "E2" {
                        died.insert(t.value(r, "CHILD"));
                    }
                }
            }
            each_row(ctx, out, Table::Oc3, |t, r| {
                died.contains(t.value(r, "CHILD"))
            })
        },
    },
    Rule {
        code: "1001",
        message: "The episodes recorded for this young person suggest they are not a relevant or a former relevant child and therefore should not have care leaver information completed. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(oc3), Some(eps), Some(prev)) = (
                ctx.table(Table::Oc3),
                ctx.table(Table::Episodes),
                previous_episodes(ctx),
            ) else {
                return;
            };
            let dobs = header_dobs(ctx);
            let mut spans: HashMap<&str, Vec<Span>> = HashMap::default();
            for t in [eps, prev] {
                for r in 0..t.len() {
                    if let Some(decom) = t.date(r, "DECOM") {
                        spans.entry(t.value(r, "CHILD")).or_default().push(Span {
                            decom,
                            dec: t.date(r, "DEC"),
                            ls_short_breaks: one_of(t.value(r, "LS"), &["V3", "V4"]),
                            adopted: one_of(t.value(r, "REC"), &["E11", "E12"]),
                        });
                    }
                }
            }
            for r in 0..oc3.len() {
                let child = oc3.value(r, "CHILD");
                // Only children whose age is known and who are under 20,
                // for whom two years of episodes can show it.
                let Some(&dob) = dobs.get(child) else {
                    continue;
                };
                if plus_years(dob, 20) <= ctx.end() {
                    continue;
                }
                let s = spans.get(child).map(Vec::as_slice).unwrap_or(&[]);
                if !relevant_child(s, dob, ctx.end()) {
                    out.row(oc3, r);
                }
            }
        },
    },
    Rule {
        code: "1002",
        message: "This child has no previous episodes of care, therefore should not have care leaver information recorded. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(prev) = previous_episodes(ctx) else {
                return;
            };
            let now = children(ctx.table(Table::Episodes));
            let before = children(Some(prev));
            each_row(ctx, out, Table::Oc3, |t, r| {
                let c = t.value(r, "CHILD");
                !now.contains(c) && !before.contains(c)
            })
        },
    },
    Rule {
        code: "1003",
        message: "Date of LA's decision that a child should be placed for adoption is before the child started to be looked after.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(eps), Some(pa)) =
                (ctx.table(Table::Episodes), ctx.table(Table::PlacedAdoption))
            else {
                return;
            };
            let first = earliest_episode(eps, |r| eps.value(r, "RNE") == "S");
            let mut bad_eps = Vec::new();
            for r in 0..pa.len() {
                let Some(&e) = first.get(pa.value(r, "CHILD")) else {
                    continue;
                };
                let (Some(placed), Some(decom)) = (pa.date(r, "DATE_PLACED"), eps.date(e, "DECOM"))
                else {
                    continue;
                };
                if placed < decom {
                    out.row(pa, r);
                    bad_eps.push(e);
                }
            }
            bad_eps.sort_unstable();
            bad_eps.dedup();
            for e in bad_eps {
                out.row(eps, e);
            }
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
    Rule {
        code: "1007",
        message: "Care leaver information is not required for 17- or 18-year olds who are still looked after [on their 17th or 18th birthday.]",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(oc3), Some(eps)) = (ctx.table(Table::Oc3), ctx.table(Table::Episodes)) else {
                return;
            };
            let groups = ctx.rows_by_child(eps);
            for r in 0..oc3.len() {
                let Some(dob) = oc3.date(r, "DOB") else {
                    continue;
                };
                if !oc3_filled(oc3, r) || !(17..19).contains(&age_on(dob, ctx.end())) {
                    continue;
                }
                let Some(bday) = last_birthday_before(dob, ctx.end()) else {
                    continue;
                };
                let in_care = groups.get(oc3.value(r, "CHILD")).is_some_and(|rows| {
                    rows.iter().any(|&e| {
                        eps.date(e, "DECOM").is_some_and(|d| d <= bday)
                            && eps.date(e, "DEC").is_none_or(|d| d > bday)
                    })
                });
                if in_care {
                    out.row(oc3, r);
                }
            }
        },
    },
    Rule {
        code: "1008",
        message: "Ofsted Unique Reference Number (URN) is not valid.",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            crate::ofsted::each_placement(ctx, out, |_, _, provider| provider.is_none())
        },
    },
    Rule {
        code: "1009",
        message: "Reason for placement change is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            const CODES: &[&str] = &[
                "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ",
                "PLACE", "CUSTOD", "OTHER",
            ];
            each_row(ctx, out, Table::Episodes, |t, r| {
                let v = t.value(r, "REASON_PLACE_CHANGE");
                !blank(v) && !one_of(v, CODES)
            })
        },
    },
    Rule {
        code: "1010",
        message: "This child has no episodes loaded for current year even though there was an open episode of care at the end of the previous year, and care leaver data has been entered.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let Some(prev) = previous_episodes(ctx) else {
                return;
            };
            let open_last: HashSet<&str> = latest_episode(ctx, prev)
                .iter()
                .map(|(&c, &r)| (c, r))
                .filter(|&(_, r)| blank(prev.value(r, "DEC")))
                .map(|(c, _)| c)
                .collect();
            let now = children(ctx.table(Table::Episodes));
            each_row(ctx, out, Table::Oc3, |t, r| {
                let c = t.value(r, "CHILD");
                open_last.contains(c) && !now.contains(c)
            })
        },
    },
    Rule {
        code: "1011",
        message: "This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let transferred: HashSet<&str> = latest_episode(ctx, eps)
                .iter()
                .map(|(&c, &r)| (c, r))
                .filter(|&(_, r)| eps.value(r, "REC") == "E3")
                .map(|(c, _)| c)
                .collect();
            each_row(ctx, out, Table::Oc3, |t, r| {
                transferred.contains(t.value(r, "CHILD")) && oc3_filled(t, r)
            })
        },
    },
    Rule {
        code: "1012",
        message: "No other data should be returned for OC3 children who had no episodes in the current year",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(eps) = ctx.table(Table::Episodes) else {
                return;
            };
            let with_eps = children(Some(eps));
            for table in [
                Table::PlacedAdoption,
                Table::Missing,
                Table::Reviews,
                Table::Ad1,
                Table::PrevPerm,
                Table::Oc2,
            ] {
                each_row(ctx, out, table, |t, r| {
                    !with_eps.contains(t.value(r, "CHILD"))
                });
            }
        },
    },
    Rule {
        code: "1014",
        message: "UASC information is not required for care leavers",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(uasc), Some(eps), Some(oc3)) = (
                ctx.table(Table::Uasc),
                ctx.table(Table::Episodes),
                ctx.table(Table::Oc3),
            ) else {
                return;
            };
            // Children looked after at some point this year.
            let mut looked_after: HashSet<&str> = HashSet::default();
            for r in 0..eps.len() {
                let started = eps.date(r, "DECOM").is_some_and(|d| d <= ctx.end());
                let dec = eps.value(r, "DEC");
                let open = blank(dec) || date(dec).is_some_and(|d| d >= ctx.start());
                if started && open {
                    looked_after.insert(eps.value(r, "CHILD"));
                }
            }
            let with_eps = children(Some(eps));
            let uasc_children = children(Some(uasc));
            // Care leavers: in OC3 with care leaver data, with episodes but
            // none this year.
            let leavers: HashSet<&str> = (0..oc3.len())
                .filter(|&r| oc3_filled(oc3, r))
                .map(|r| oc3.value(r, "CHILD"))
                .filter(|c| {
                    with_eps.contains(c) && !looked_after.contains(c) && uasc_children.contains(c)
                })
                .collect();
            for r in 0..uasc.len() {
                if leavers.contains(uasc.value(r, "CHILD")) {
                    out.row(uasc, r);
                }
            }
            for r in 0..oc3.len() {
                if oc3_filled(oc3, r) && leavers.contains(oc3.value(r, "CHILD")) {
                    out.row(oc3, r);
                }
            }
        },
    },
    Rule {
        code: "1015",
        message: "Placement provider is own provision but child not placed in own LA.",
        years: Years::to(2024),
        needs: Needs::Postcodes,
        check: |ctx, out| own_provision_elsewhere(ctx, out, &[]),
    },
    Rule {
        // From 2025-26, supported accommodation (K3) is exempt too.
        code: "1015",
        message: "Placement provider is own provision but child not placed in own LA.",
        years: Years::since(2025),
        needs: Needs::Postcodes,
        check: |ctx, out| own_provision_elsewhere(ctx, out, &["K3"]),
    },
    Rule {
        code: "1016",
        message: "Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(oc3), Some(eps)) = (ctx.table(Table::Oc3), ctx.table(Table::Episodes)) else {
                return;
            };
            let groups = ctx.rows_by_child(eps);
            for r in 0..oc3.len() {
                let Some(dob) = oc3.date(r, "DOB") else {
                    continue;
                };
                let age = age_on(dob, ctx.end());
                if !oc3_filled(oc3, r) || !(17..19).contains(&age) {
                    continue;
                }
                // The birthday of the age the child is at the end of the
                // year: the 17th for 17-year-olds, the 18th for 18-year-olds.
                let birthday = plus_years(dob, age as u32);
                let left_after = groups.get(oc3.value(r, "CHILD")).is_some_and(|rows| {
                    rows.iter()
                        .any(|&e| eps.date(e, "DEC").is_some_and(|d| d >= birthday))
                });
                if left_after {
                    out.row(oc3, r);
                }
            }
        },
    },
];

#[cfg(test)]
mod tests {
    use crate::validate::testing::*;

    const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
    const OC3: &str = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM";
    const MISSING: &str = "CHILD,DOB,MISSING,MIS_START,MIS_END";
    const PLACED: &str = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED";
    const UASC: &str = "CHILD,SEX,DOB,DUC";
    const AD1: &str = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR";
    const REVIEWS: &str = "CHILD,DOB,REVIEW,REVIEW_CODE";
    const PREVPERM: &str = "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM";
    const OC2: &str = "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED";

    /// An episode row: child, start, RNE, LS, PLACE, end, REC.
    fn ep(
        child: &str,
        decom: &str,
        rne: &str,
        ls: &str,
        place: &str,
        dec: &str,
        rec: &str,
    ) -> String {
        format!("{child},{decom},{rne},{ls},N1,{place},PR1,{dec},{rec},,LE1 1,LE2 2,")
    }

    fn table(header: &str, rows: &[String]) -> String {
        let mut s = header.to_owned();
        for r in rows {
            s.push('\n');
            s.push_str(r);
        }
        s.push('\n');
        s
    }

    #[test]
    fn rule_625_a_child_still_looked_after_is_compared_with_the_year_end() {
        let header = table(
            HEADER,
            &[
                "C1,F,01/06/2008,WBRI,,1,01/08/2024".into(),
                "C2,F,01/06/2008,WBRI,,1,01/08/2024".into(),
            ],
        );
        let eps = table(
            EPISODES,
            &[
                ep("C1", "01/04/2024", "S", "C2", "U1", "01/06/2024", "X1"),
                ep("C1", "01/06/2024", "P", "C2", "U4", "", ""),
                ep("C2", "01/04/2024", "S", "C2", "U1", "01/06/2024", "E13"),
            ],
        );
        // C1 is still looked after; C2's child was born after C2 left care.
        let r = ret(&[&header, &eps]);
        let ctx = crate::validate::Context::new(
            &r,
            None,
            crate::CollectionYear::starting(2024),
            "E10000018",
        );
        let found: Vec<(&str, Option<usize>)> = crate::validate::validate(&ctx)
            .failures
            .into_iter()
            .filter(|f| f.rule == "625")
            .map(|f| (f.table, f.row))
            .collect();
        assert_eq!(found, [("Header", Some(1)), ("Episodes", Some(2))]);
    }

    #[test]
    fn rule_583_the_latest_decision_may_stay_open() {
        let pa = table(
            PLACED,
            &[
                "C1,01/01/2015,30/03/2023,,".into(),
                "C1,01/01/2015,31/12/2023,,".into(),
            ],
        );
        assert_eq!(failing_rows("583", &ret(&[&pa]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_1016_uses_the_18th_birthday_for_18_year_olds() {
        let eps = table(
            EPISODES,
            &[
                ep("C1", "08/02/2024", "S", "C2", "U1", "03/05/2024", "E5"),
                ep("C2", "08/02/2024", "S", "C2", "U1", "05/06/2024", "E5"),
            ],
        );
        // Both are 18 on 31 March 2025: C1 left before its 18th birthday
        // (after its 17th), C2 after.
        let oc3 = table(
            OC3,
            &[
                "C1,04/06/2006,YES,F2,S2".into(),
                "C2,04/06/2006,YES,F2,S2".into(),
            ],
        );
        assert_eq!(
            failing_rows("1016", &ret(&[&eps, &oc3]), None),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_501_episode_starts_after_previous_ends() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "10/05/2024", "X1"),
                ep("A", "08/05/2024", "P", "C2", "U1", "", ""),
                ep("B", "01/05/2024", "S", "C2", "U1", "10/05/2024", "X1"),
                ep("B", "10/05/2024", "P", "C2", "U1", "", ""),
            ],
        );
        assert_eq!(failing_rows("501", &ret(&[&eps]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_501_episode_without_a_start_is_not_in_the_sequence() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "10/05/2024", "X1"),
                ep("A", "", "P", "C2", "U1", "20/06/2024", "X1"),
                ep("A", "20/06/2024", "P", "C2", "U1", "", ""),
                ep("B", "01/05/2024", "S", "C2", "U1", "10/06/2024", "X1"),
                ep("B", "", "P", "C2", "U1", "20/06/2024", "X1"),
                ep("B", "01/06/2024", "P", "C2", "U1", "", ""),
            ],
        );
        // A's undated episode does not make its first one start too early;
        // B's dated episodes still overlap each other.
        assert_eq!(failing_rows("501", &ret(&[&eps]), None), vec![Some(5)]);
    }

    #[test]
    fn rule_502_first_episode_matches_last_years_open_episode() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2023", "S", "C2", "U1", "", ""),
                ep("B", "02/05/2023", "S", "C2", "U1", "", ""),
            ],
        );
        let prev = ret(&[&table(
            EPISODES,
            &[
                ep("A", "01/05/2023", "S", "C2", "U1", "", ""),
                ep("B", "01/05/2023", "S", "C2", "U1", "", ""),
            ],
        )]);
        assert_eq!(
            failing_rows("502", &ret(&[&eps]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_504_category_of_need_stays_within_a_period_of_care() {
        let eps = format!(
            "{EPISODES}\nA,01/05/2024,S,C2,N1,U1,PR1,10/05/2024,X1,,,,\nA,10/05/2024,P,C2,N2,U1,PR1,,,,,,\nB,01/05/2024,S,C2,N1,U1,PR1,10/05/2024,X1,,,,\nB,10/05/2024,P,C2,N1,U1,PR1,,,,,,\n"
        );
        assert_eq!(failing_rows("504", &ret(&[&eps]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_516_former_foster_carer_exits_need_u_placements() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "10/05/2024", "E45"),
                ep("B", "01/05/2024", "S", "C2", "K2", "10/05/2024", "E46"),
            ],
        );
        assert_eq!(failing_rows("516", &ret(&[&eps]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_521_adoption_decision_not_after_placement_for_adoption() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "A3", "", ""),
                ep("B", "01/05/2024", "S", "E1", "A4", "", ""),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/04/2024,,,,,".into(),
                "B,01/01/2015,01/06/2024,,,,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("521", &ret(&[&eps, &ad1]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_522_placed_for_adoption_decision_not_after_it_ceased() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,01/05/2024,RD1".into(),
                "B,01/01/2015,01/04/2024,01/03/2024,RD1".into(),
            ],
        );
        assert_eq!(failing_rows("522", &ret(&[&pa]), None), vec![Some(1)]);
    }

    /// Last year's open episodes, and this year's first, for rules 503A to 503F.
    fn carried_over(
        field: usize,
        before: &str,
        now_same: &str,
        now_different: &str,
    ) -> (crate::Return, crate::Return) {
        let row = |child: &str, value: &str, dec: &str| {
            let mut cells: Vec<String> = ep(
                child,
                "01/03/2024",
                "S",
                "C2",
                "U1",
                dec,
                if dec.is_empty() { "" } else { "E8" },
            )
            .split(',')
            .map(str::to_owned)
            .collect();
            cells[field] = value.to_owned();
            cells.join(",")
        };
        let prev = ret(&[&table(
            EPISODES,
            &[
                row("A", before, ""),
                row("B", before, ""),
                row("C", before, "01/03/2025"),
            ],
        )]);
        let now = ret(&[&table(
            EPISODES,
            &[
                row("A", now_same, ""),
                row("B", now_different, ""),
                row("C", now_different, ""),
            ],
        )]);
        (now, prev)
    }

    #[test]
    fn rule_503d_placement_matches_last_years_open_episode() {
        let (now, prev) = carried_over(5, "U1", "U1", "U2");
        assert_eq!(failing_rows("503D", &now, Some(&prev)), vec![Some(1)]);
        // In 2024-25 an H5 placement may carry over as K3.
        let (now, prev) = carried_over(5, "H5", "K3", "K2");
        assert_eq!(failing_rows("503D", &now, Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_523_placed_for_adoption_date_matches_best_interest_date() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "B,01/01/2015,01/04/2024,,".into(),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/04/2024,,,,,".into(),
                "B,01/01/2015,02/04/2024,,,,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("523", &ret(&[&pa, &ad1]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_524_l12_adopters_are_same_sex() {
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,,,,2,MM,L12".into(),
                "B,01/01/2015,,,,2,MF,L12".into(),
            ],
        );
        assert_eq!(failing_rows("524", &ret(&[&ad1]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_525_no_adoption_after_placement_decision_reversed() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,01/05/2024,RD1".into(),
                "B,01/01/2015,01/04/2024,01/05/2024,RD1".into(),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,,,,,,".into(),
                "B,01/01/2015,01/04/2024,,,,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("525", &ret(&[&pa, &ad1]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_526_placement_provider_needed() {
        let eps = format!(
            "{EPISODES}\nA,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nB,01/05/2024,S,C2,N1,T1,,,,,,,\nC,01/05/2024,S,C2,N1,U1,,,,,,,\n"
        );
        assert_eq!(failing_rows("526", &ret(&[&eps]), None), vec![Some(2)]);
    }

    #[test]
    fn rule_542_no_convictions_under_10() {
        let o = table(
            OC2,
            &[
                oc2("A", "01/01/2016", "0"),
                oc2("B", "01/01/2010", "0"),
                oc2("C", "01/01/2016", ""),
            ],
        );
        assert_eq!(failing_rows("542", &ret(&[&o]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_543_convictions_needed_for_continuously_looked_after_over_10() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/01/2023", "S", "C2", "U1", "", ""),
                ep("B", "01/01/2023", "S", "C2", "U1", "", ""),
                ep("C", "01/06/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let o = table(
            OC2,
            &[
                oc2("A", "01/01/2010", ""),
                oc2("B", "01/01/2010", "0"),
                oc2("C", "01/01/2010", ""),
            ],
        );
        assert_eq!(failing_rows("543", &ret(&[&eps, &o]), None), vec![Some(0)]);
    }

    #[test]
    fn rule_550_pr0_only_with_p1() {
        let eps = format!(
            "{EPISODES}\nA,01/05/2024,S,C2,N1,P1,PR0,,,,,,\nB,01/05/2024,S,C2,N1,U1,PR0,,,,,,\n"
        );
        assert_eq!(failing_rows("550", &ret(&[&eps]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_551_placed_for_adoption_needs_decision_date() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "A3", "", ""),
                ep("B", "01/05/2024", "S", "E1", "A4", "", ""),
                ep("C", "01/05/2024", "S", "E1", "A5", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &["A,01/01/2015,01/04/2024,,".into(), "B,01/01/2015,,,".into()],
        );
        assert_eq!(
            failing_rows("551", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_552_decision_not_after_placement_for_adoption() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "A3", "", ""),
                ep("B", "01/05/2024", "S", "E1", "A4", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "B,01/01/2015,01/06/2024,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("552", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_553_placement_order_needs_decision() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "U1", "", ""),
                ep("B", "01/05/2024", "S", "E1", "U1", "", ""),
                ep("C", "01/05/2024", "S", "E1", "U1", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "C,01/01/2015,01/04/2024,01/05/2024,RD1".into(),
            ],
        );
        assert_eq!(
            failing_rows("553", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_554_decision_not_after_placement_order() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "U1", "", ""),
                ep("B", "01/05/2024", "S", "E1", "U1", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "B,01/01/2015,01/06/2024,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("554", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_555_freeing_order_needs_decision() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "D1", "U1", "", ""),
                ep("B", "01/05/2024", "S", "D1", "U1", "", ""),
            ],
        );
        let pa = table(PLACED, &["A,01/01/2015,01/04/2024,,".into()]);
        assert_eq!(failing_rows("555", &ret(&[&eps, &pa]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_556_decision_not_after_freeing_order() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "D1", "U1", "", ""),
                ep("B", "01/05/2024", "S", "D1", "U1", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "B,01/01/2015,01/06/2024,,".into(),
            ],
        );
        assert_eq!(failing_rows("556", &ret(&[&eps, &pa]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_557_leaving_care_unadopted_ends_the_decision() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E13"),
                ep("B", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E13"),
                ep("C", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,01/06/2024,RD1".into(),
                "B,01/01/2015,01/04/2024,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("557", &ret(&[&eps, &pa]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_558_adopted_children_have_no_ceased_decision() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
                ep("B", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E12"),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/04/2024,,".into(),
                "B,01/01/2015,01/04/2024,01/06/2024,RD1".into(),
            ],
        );
        assert_eq!(failing_rows("558", &ret(&[&eps, &pa]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_559_earlier_decisions_were_in_last_years_return() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,01/01/2024,,".into(),
                "C,01/01/2015,01/05/2024,,".into(),
            ],
        );
        let prev = ret(&[&table(PLACED, &["A,01/01/2015,01/01/2024,,".into()])]);
        assert_eq!(
            failing_rows("559", &ret(&[&pa]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_560_decision_date_unchanged_from_last_year() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,02/01/2024,,".into(),
            ],
        );
        let prev = ret(&[&table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,01/01/2024,,".into(),
            ],
        )]);
        assert_eq!(
            failing_rows("560", &ret(&[&pa]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_561_same_decision_date_after_it_ceased_last_year() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,01/01/2024,,".into(),
            ],
        );
        let prev = ret(&[&table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,,".into(),
                "B,01/01/2015,01/01/2024,01/03/2024,RD1".into(),
            ],
        )]);
        assert_eq!(
            failing_rows("561", &ret(&[&pa]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_562_episode_open_at_year_start_was_in_last_years_return() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/03/2024", "S", "C2", "U1", "", ""),
                ep("B", "01/03/2024", "S", "C2", "U1", "", ""),
                ep("C", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let prev = ret(&[&table(
            EPISODES,
            &[
                ep("A", "01/03/2024", "S", "C2", "U1", "", ""),
                ep("B", "01/02/2024", "S", "C2", "U1", "", ""),
            ],
        )]);
        assert_eq!(
            failing_rows("562", &ret(&[&eps]), Some(&prev)),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_563_ceased_decision_needs_decision_date() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,01/03/2024,RD1".into(),
                "B,01/01/2015,,01/03/2024,RD1".into(),
            ],
        );
        assert_eq!(failing_rows("563", &ret(&[&pa]), None), vec![Some(1)]);
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
                ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
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
                ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
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
                ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "X1"),
                ep("A", "01/06/2024", "P", "C2", "U2", "01/07/2024", "E8"),
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
    fn rule_579_decisions_to_place_for_adoption_do_not_overlap() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2024,01/02/2024,RD1".into(),
                "A,01/01/2015,01/03/2024,,".into(),
                "B,01/01/2015,01/01/2024,01/04/2024,RD1".into(),
                "B,01/01/2015,01/03/2024,,".into(),
            ],
        );
        assert_eq!(failing_rows("579", &ret(&[&pa]), None), vec![Some(3)]);
    }

    #[test]
    fn rule_580_missing_at_18th_birthday_ends_with_e8() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E4A"),
                ep("B", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
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
                ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
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
    fn rule_582_adoption_not_on_date_matched() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
                ep("B", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E12"),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/01/2024,01/06/2024,0,1,F1,L0".into(),
                "B,01/01/2015,01/01/2024,01/05/2024,0,1,F1,L0".into(),
            ],
        );
        assert_eq!(
            failing_rows("582", &ret(&[&eps, &ad1]), None),
            vec![Some(0)]
        );
    }

    #[test]
    fn rule_583_earlier_decisions_to_place_for_adoption_revoked() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2023,01/02/2023,RD1".into(),
                "A,01/01/2015,01/03/2024,,".into(),
                "B,01/01/2015,01/01/2023,,".into(),
                "B,01/01/2015,01/03/2024,01/04/2024,RD1".into(),
            ],
        );
        assert_eq!(failing_rows("583", &ret(&[&pa]), None), vec![Some(2)]);
    }

    #[test]
    fn rule_584_new_decision_after_last_years_ceased_one() {
        let pa = table(
            PLACED,
            &[
                "A,01/01/2015,01/05/2024,,".into(),
                "B,01/01/2015,01/01/2023,,".into(),
            ],
        );
        let prev = ret(&[&table(
            PLACED,
            &[
                "A,01/01/2015,01/01/2023,01/02/2023,RD1".into(),
                "B,01/01/2015,01/01/2023,01/02/2023,RD1".into(),
            ],
        )]);
        assert_eq!(
            failing_rows("584", &ret(&[&pa]), Some(&prev)),
            vec![Some(1)]
        );
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
    fn rule_601_adoption_fields_completed_for_adoptions() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
                ep("B", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E12"),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/01/2024,01/03/2024,0,1,F1,L0".into(),
                "B,01/01/2015,01/01/2024,,0,1,F1,L0".into(),
            ],
        );
        assert_eq!(
            failing_rows("601", &ret(&[&eps, &ad1]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_602_adoption_data_only_for_adoptions() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "E1", "A3", "01/06/2024", "E11"),
                ep("B", "01/05/2024", "S", "E1", "A3", "", ""),
            ],
        );
        let ad1 = table(
            AD1,
            &[
                "A,01/01/2015,01/01/2024,01/03/2024,0,1,F1,L0".into(),
                "B,01/01/2015,01/01/2024,,0,1,F1,L0".into(),
            ],
        );
        assert_eq!(
            failing_rows("602", &ret(&[&eps, &ad1]), None),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_607_mother_completed_for_girls_leaving_care() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                ep("B", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
            ],
        );
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,0,".into(),
                "B,F,01/01/2008,WBRI,,,".into(),
                "C,M,01/01/2008,WBRI,,,".into(),
            ],
        );
        assert_eq!(
            failing_rows("607", &ret(&[&eps, &h]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_611_mothers_need_childs_date_of_birth() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,1,".into(),
            ],
        );
        assert_eq!(failing_rows("611", &ret(&[&h]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_612_childs_date_of_birth_only_for_mothers() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,0,01/01/2024".into(),
            ],
        );
        assert_eq!(failing_rows("612", &ret(&[&h]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_620_mothers_at_least_11() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2015,WBRI,,1,01/01/2024".into(),
            ],
        );
        assert_eq!(failing_rows("620", &ret(&[&h]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_621_mother_older_than_her_child() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,1,01/01/2007".into(),
            ],
        );
        assert_eq!(failing_rows("621", &ret(&[&h]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_624_childs_date_of_birth_matches_last_year() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,1,02/01/2024".into(),
            ],
        );
        let prev = ret(&[&table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/01/2024".into(),
                "B,F,01/01/2008,WBRI,,1,01/01/2024".into(),
            ],
        )]);
        assert_eq!(failing_rows("624", &ret(&[&h]), Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_625_childs_birth_not_after_year_or_leaving_care() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
                ep("B", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E8"),
            ],
        );
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/05/2024".into(),
                "B,F,01/01/2008,WBRI,,1,01/07/2024".into(),
            ],
        );
        assert_eq!(
            failing_rows("625", &ret(&[&eps, &h]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_626_not_a_mother_last_year_but_child_born_before_this_year() {
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,1,01/05/2024".into(),
                "B,F,01/01/2008,WBRI,,1,01/01/2024".into(),
            ],
        );
        let prev = ret(&[&table(
            HEADER,
            &[
                "A,F,01/01/2008,WBRI,,0,".into(),
                "B,F,01/01/2008,WBRI,,0,".into(),
            ],
        )]);
        assert_eq!(failing_rows("626", &ret(&[&h]), Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_628_no_motherhood_details_for_care_leavers_not_looked_after() {
        let eps = table(EPISODES, &[ep("A", "01/05/2024", "S", "C2", "U1", "", "")]);
        let oc3 = table(
            OC3,
            &[
                "A,01/01/2006,YES,F1,B1".into(),
                "B,01/01/2006,YES,F1,B1".into(),
            ],
        );
        let h = table(
            HEADER,
            &[
                "A,F,01/01/2006,WBRI,,0,".into(),
                "B,F,01/01/2006,WBRI,,0,".into(),
            ],
        );
        assert_eq!(
            failing_rows("628", &ret(&[&eps, &oc3, &h]), None),
            vec![Some(1)]
        );
    }

    #[test]
    fn rule_630_previous_permanence_returned_for_new_entrants() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "", ""),
                ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
                ep("C", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let pp = table(
            PREVPERM,
            &["A,01/01/2015,Z1,,".into(), "B,01/01/2015,P1,,".into()],
        );
        assert_eq!(
            failing_rows("630", &ret(&[&eps, &pp]), None),
            vec![Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_631_previous_permanence_valid() {
        let pp = table(
            PREVPERM,
            &["A,01/01/2015,Z1,,".into(), "B,01/01/2015,P9,,".into()],
        );
        assert_eq!(failing_rows("631", &ret(&[&pp]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_632_previous_permanence_date_valid_and_before_care() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "", ""),
                ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
                ep("C", "01/05/2024", "S", "C2", "U1", "", ""),
                ep("D", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let pp = table(
            PREVPERM,
            &[
                "A,01/01/2015,P1,800,ZZ/ZZ/2020".into(),
                "B,01/01/2015,P1,800,ZZ/ZZ/2024".into(),
                "C,01/01/2015,P1,800,13/13/2020".into(),
                "D,01/01/2015,P1,800,ZZ/ZZ/ZZZZ".into(),
            ],
        );
        assert_eq!(
            failing_rows("632", &ret(&[&eps, &pp]), None),
            vec![Some(1), Some(2), Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_633_previous_permanence_la_valid() {
        let pp = table(
            PREVPERM,
            &[
                "A,01/01/2015,P1,800,".into(),
                "B,01/01/2015,P1,123,".into(),
                "C,01/01/2015,P1,SCO,".into(),
            ],
        );
        assert_eq!(failing_rows("633", &ret(&[&pp]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_634_previous_permanence_only_for_recent_entrants() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "", ""),
                ep("B", "01/05/2015", "S", "C2", "U1", "", ""),
            ],
        );
        let pp = table(
            PREVPERM,
            &["A,01/01/2015,Z1,,".into(), "B,01/01/2015,Z1,,".into()],
        );
        assert_eq!(
            failing_rows("634", &ret(&[&eps, &pp]), None),
            vec![Some(1), Some(1)]
        );
    }

    #[test]
    fn rule_635_previous_permanence_code_with_its_details() {
        let pp = table(
            PREVPERM,
            &[
                "A,01/01/2015,P1,800,01/01/2020".into(),
                "B,01/01/2015,,800,".into(),
            ],
        );
        assert_eq!(failing_rows("635", &ret(&[&pp]), None), vec![Some(1)]);
    }

    #[test]
    fn rule_1000_no_care_leaver_data_after_death_in_care() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E2"),
                ep("B", "01/05/2024", "S", "C2", "U1", "01/06/2024", "E4A"),
            ],
        );
        let oc3 = table(
            OC3,
            &[
                "A,01/01/2006,YES,F1,B1".into(),
                "B,01/01/2006,YES,F1,B1".into(),
                "C,01/01/2006,YES,F1,B1".into(),
            ],
        );
        let r = ret(&[&eps, &oc3]);
        assert_eq!(failing_rows("1000", &r, None), vec![Some(0)]);
        let prev = ret(&[&table(
            EPISODES,
            &[ep("C", "01/05/2023", "S", "C2", "U1", "01/06/2023", "E2")],
        )]);
        assert_eq!(
            failing_rows("1000", &r, Some(&prev)),
            vec![Some(0), Some(2)]
        );
    }

    #[test]
    fn rule_1001_care_leavers_must_be_relevant_children() {
        let header = table(
            HEADER,
            &[
                "A,M,01/01/2007,WBRI,,,".into(),
                "B,M,01/01/2007,WBRI,,,".into(),
                "C,M,01/01/2007,WBRI,,,".into(),
            ],
        );
        // A: looked after from 15 to 17 (enough). B: only 30 days after 14, none after 16. C: adopted.
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/01/2023", "S", "C2", "U1", "10/01/2025", "E8"),
                ep("B", "01/01/2021", "S", "C2", "U1", "31/01/2021", "E8"),
                ep("C", "01/01/2023", "S", "C2", "U1", "10/01/2025", "E11"),
            ],
        );
        let oc3 = table(
            OC3,
            &[
                "A,01/01/2007,YES,F1,B1".into(),
                "B,01/01/2007,YES,F1,B1".into(),
                "C,01/01/2007,YES,F1,B1".into(),
            ],
        );
        let r = ret(&[&header, &eps, &oc3]);
        let prev = ret(&[&table(
            EPISODES,
            &[ep("A", "01/01/2023", "S", "C2", "U1", "", "")],
        )]);
        assert_eq!(
            failing_rows("1001", &r, Some(&prev)),
            vec![Some(1), Some(2)]
        );
    }

    #[test]
    fn rule_1002_care_leavers_must_have_had_episodes() {
        let eps = table(EPISODES, &[ep("A", "01/05/2024", "S", "C2", "U1", "", "")]);
        let oc3 = table(
            OC3,
            &[
                "A,01/01/2006,YES,F1,B1".into(),
                "B,01/01/2006,YES,F1,B1".into(),
                "C,01/01/2006,YES,F1,B1".into(),
            ],
        );
        let r = ret(&[&eps, &oc3]);
        let prev = ret(&[&table(
            EPISODES,
            &[ep("B", "01/05/2023", "S", "C2", "U1", "", "")],
        )]);
        assert_eq!(failing_rows("1002", &r, Some(&prev)), vec![Some(2)]);
    }

    #[test]
    fn rule_1003_placed_for_adoption_decision_not_before_care() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/05/2024", "S", "C2", "U1", "", ""),
                ep("B", "01/05/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let pa = table(
            PLACED,
            &[
                "A,01/01/2020,01/04/2024,,".into(),
                "B,01/01/2020,01/06/2024,,".into(),
            ],
        );
        let r = ret(&[&eps, &pa]);
        assert_eq!(failing_rows("1003", &r, None), vec![Some(0), Some(0)]);
    }

    #[test]
    fn rule_1007_no_care_leaver_data_if_looked_after_on_birthday() {
        // A turned 17 on 01/06/2024 while in care; B left before.
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/01/2024", "S", "C2", "U1", "", ""),
                ep("B", "01/01/2024", "S", "C2", "U1", "01/03/2024", "E8"),
            ],
        );
        let oc3 = table(
            OC3,
            &[
                "A,01/06/2007,YES,F1,B1".into(),
                "B,01/06/2007,YES,F1,B1".into(),
            ],
        );
        let r = ret(&[&eps, &oc3]);
        assert_eq!(failing_rows("1007", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_1008_urn_must_be_on_ofsteds_lists() {
        let r = ret(&[&format!(
            "{EPISODES}\nA,01/01/2024,S,C2,N1,K2,PR1,,,,,,SC1\nB,01/01/2024,S,C2,N1,K2,PR1,,,,,,SC9\nC,01/01/2024,S,C2,N1,A3,PR1,,,,,,XXXXXXX\nD,01/01/2024,S,C2,N1,U1,PR1,,,,,,\nE,01/01/2024,S,C2,N1,K2,PR1,,,,,, sc1\n"
        )]);
        assert_eq!(failing_rows_with_providers("1008", 2024, &r), vec![Some(1)]);
        // Without the lists it is not run (and so reports nothing).
        assert_eq!(failing_rows("1008", &r, None), vec![]);
        let ctx = crate::validate::Context::new(
            &r,
            None,
            crate::CollectionYear::starting(2024),
            "E10000018",
        );
        assert!(
            crate::validate::validate(&ctx)
                .not_run
                .iter()
                .any(|(c, _)| *c == "1008")
        );
    }

    #[test]
    fn rule_1009_reason_for_placement_change_must_be_valid() {
        let eps = format!(
            "{EPISODES}\nA,01/01/2024,S,C2,N1,U1,PR1,01/02/2024,X1,CARPL,,,\nA,01/02/2024,P,C2,N1,U2,PR1,,,XYZ,,,\nA,01/03/2024,P,C2,N1,U2,PR1,,,,,,\n"
        );
        let r = ret(&[&eps]);
        assert_eq!(failing_rows("1009", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_1010_open_episode_last_year_needs_episodes_this_year() {
        let eps = table(EPISODES, &[ep("A", "01/01/2024", "S", "C2", "U1", "", "")]);
        let oc3 = table(
            OC3,
            &[
                "A,01/06/2006,YES,F1,B1".into(),
                "B,01/06/2006,YES,F1,B1".into(),
                "C,01/06/2006,YES,F1,B1".into(),
            ],
        );
        let r = ret(&[&eps, &oc3]);
        let prev = ret(&[&table(
            EPISODES,
            &[
                ep("A", "01/01/2024", "S", "C2", "U1", "", ""),
                ep("B", "01/01/2023", "S", "C2", "U1", "", ""),
                ep("C", "01/01/2023", "S", "C2", "U1", "01/02/2024", "E8"),
            ],
        )]);
        assert_eq!(failing_rows("1010", &r, Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_1011_no_care_leaver_data_after_transfer() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/01/2024", "S", "C2", "U1", "01/02/2024", "E3"),
                ep("B", "01/01/2024", "S", "C2", "U1", "01/02/2024", "E3"),
                ep("B", "01/03/2024", "B", "C2", "U1", "", ""),
            ],
        );
        let oc3 = table(
            OC3,
            &[
                "A,01/06/2006,YES,F1,B1".into(),
                "B,01/06/2006,YES,F1,B1".into(),
            ],
        );
        let r = ret(&[&eps, &oc3]);
        assert_eq!(failing_rows("1011", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_1012_no_other_data_for_children_without_episodes() {
        let eps = table(EPISODES, &[ep("A", "01/01/2024", "S", "C2", "U1", "", "")]);
        let rev = table(
            REVIEWS,
            &[
                "A,01/01/2010,01/02/2024,PN1".into(),
                "B,01/01/2010,01/02/2024,PN1".into(),
            ],
        );
        let r = ret(&[&eps, &rev]);
        assert_eq!(failing_rows("1012", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_1014_no_uasc_data_for_care_leavers() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/01/2022", "S", "C2", "U1", "01/02/2023", "E8"),
                ep("B", "01/01/2022", "S", "C2", "U1", "", ""),
            ],
        );
        let uasc = table(
            UASC,
            &[
                "A,M,01/01/2006,01/01/2024".into(),
                "B,M,01/01/2006,01/01/2024".into(),
            ],
        );
        let oc3 = table(
            OC3,
            &[
                "A,01/01/2006,YES,F1,B1".into(),
                "B,01/01/2006,YES,F1,B1".into(),
            ],
        );
        let r = ret(&[&eps, &uasc, &oc3]);
        assert_eq!(failing_rows("1014", &r, None), vec![Some(0), Some(0)]);
    }

    /// An episode of the council's own provision (PR1) with a legal
    /// status, placement type and postcodes (see `testing::postcodes`).
    fn own(child: &str, ls: &str, place: &str, home: &str, placed: &str) -> String {
        format!("{child},01/05/2024,S,{ls},N1,{place},PR1,,,,{home},{placed},")
    }

    #[test]
    fn rule_1015_own_provision_in_own_area() {
        // The council is E10000018 (LE3 8RA); LE1 1FZ is in E06000016.
        let mut rows = vec![
            own("A", "C2", "K2", "LE1 1FZ", "LE3 8RA"),
            own("B", "C2", "K2", "LE3 8RA", "LE1 1FZ"),
            own("C", "C2", "U1", "LE3 8RA", "LE1 1FZ"),
            own("D", "V3", "K2", "LE3 8RA", "LE1 1FZ"),
            own("E", "C2", "K2", "LE3 8RA", "XX1 1XX"),
            own("F", "C2", "K3", "LE3 8RA", "LE1 1FZ"),
            own("G", "C2", "K2", "LE3 8RA", "EH1 1RE"),
        ];
        rows.push(own("H", "C2", "K2", "LE3 8RA", "LE1 1FZ").replace(",PR1,", ",PR2,"));
        let r = ret(&[&table(EPISODES, &rows)]);
        for year in [2023, 2024] {
            assert_eq!(
                failing_rows_with_postcodes("1015", year, &r, None),
                vec![Some(1), Some(4), Some(5), Some(6)]
            );
        }
        assert_eq!(
            failing_rows_with_postcodes("1015", 2025, &r, None),
            vec![Some(1), Some(4), Some(6)]
        );
    }

    #[test]
    fn rule_1016_no_care_leaver_data_if_leaving_care_after_17th_birthday() {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/01/2024", "S", "C2", "U1", "01/08/2024", "E8"),
                ep("B", "01/01/2024", "S", "C2", "U1", "01/05/2024", "E8"),
            ],
        );
        let oc3 = table(
            OC3,
            &[
                "A,01/06/2007,YES,F1,B1".into(),
                "B,01/06/2007,YES,F1,B1".into(),
            ],
        );
        let r = ret(&[&eps, &oc3]);
        assert_eq!(failing_rows("1016", &r, None), vec![Some(0)]);
    }

    fn oc2(child: &str, dob: &str, convicted: &str) -> String {
        format!("{child},{dob},10,,{convicted},1,1,1,1,0,,")
    }

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
    fn rule_503a_reason_for_new_episode_carries_over() {
        let (now, prev) = carried_over(2, "S", "S", "P");
        assert_eq!(failing_rows("503A", &now, Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_503b_legal_status_carries_over() {
        let (now, prev) = carried_over(3, "C2", "C2", "C1");
        assert_eq!(failing_rows("503B", &now, Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_503c_category_of_need_carries_over() {
        let (now, prev) = carried_over(4, "N1", "N1", "N2");
        assert_eq!(failing_rows("503C", &now, Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_503e_placement_provider_carries_over() {
        let (now, prev) = carried_over(6, "PR1", "PR1", "PR2");
        assert_eq!(failing_rows("503E", &now, Some(&prev)), vec![Some(1)]);
    }

    #[test]
    fn rule_503f_urn_carries_over() {
        let (now, prev) = carried_over(12, "SC000001", "SC000001", "SC000002");
        assert_eq!(failing_rows("503F", &now, Some(&prev)), vec![Some(1)]);
    }

    /// Last year's return and this year's: children A (placement and home
    /// unchanged), B (placed elsewhere in the council: a new distance), C
    /// (placed in another authority), D (last year's episode ended) and E
    /// (placed in an unknown postcode, from none).
    fn placed_over_two_years() -> (crate::Return, crate::Return) {
        let row = |child: &str, decom: &str, dec: &str, home: &str, placed: &str| {
            let rec = if dec.is_empty() { "" } else { "E8" };
            format!("{child},{decom},S,C2,N1,U1,PR1,{dec},{rec},,{home},{placed},")
        };
        let prev = ret(&[&table(
            EPISODES,
            &[
                row("A", "01/03/2024", "", "LE1 1FZ", "LE3 8RA"),
                row("B", "01/03/2024", "", "LE1 1FZ", "LE3 8RA"),
                row("C", "01/03/2024", "", "LE1 1FZ", "LE3 8RA"),
                row("D", "01/03/2024", "01/03/2025", "LE1 1FZ", "LE3 8RA"),
                row("E", "01/03/2024", "", "LE1 1FZ", ""),
            ],
        )]);
        let now = ret(&[&table(
            EPISODES,
            &[
                row("A", "01/03/2024", "", "LE1 1FZ", "le3 8ra"),
                row("B", "01/03/2024", "", "LE3 8RA", "LE3 8RA"),
                row("C", "01/03/2024", "", "LE1 1FZ", "EH1 1RE"),
                row("D", "01/03/2024", "", "LE1 1FZ", "EH1 1RE"),
                row("E", "01/03/2024", "", "LE1 1FZ", "XX1 1XX"),
            ],
        )]);
        (now, prev)
    }

    #[test]
    fn rule_503g_distance_carries_over() {
        let (now, prev) = placed_over_two_years();
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("503G", year, &now, Some(&prev)),
                vec![Some(1), Some(2)]
            );
        }
    }

    #[test]
    fn rule_503h_placement_authority_carries_over() {
        let (now, prev) = placed_over_two_years();
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("503H", year, &now, Some(&prev)),
                vec![Some(2)]
            );
        }
    }

    #[test]
    fn rule_503j_placement_location_carries_over() {
        let (now, prev) = placed_over_two_years();
        for year in [2023, 2024, 2025] {
            assert_eq!(
                failing_rows_with_postcodes("503J", year, &now, Some(&prev)),
                vec![Some(2)]
            );
        }
        // Not run without last year's return.
        let dir = postcodes();
        let ctx = crate::validate::Context::new(
            &now,
            None,
            crate::CollectionYear::starting(2024),
            "E10000018",
        )
        .with_postcodes(&dir);
        let report = crate::validate::validate(&ctx);
        assert!(report.not_run.iter().any(|(c, _)| *c == "503J"));
    }

    fn adopters() -> crate::Return {
        ret(&[&table(
            AD1,
            &[
                "A,01/01/2015,01/01/2024,01/02/2024,0,2,MF,L11".into(), // passes all
                "B,01/01/2015,01/01/2024,01/02/2024,0,2,M1,L0".into(), // 511 (and 514 passes: single sex code)
                "C,01/01/2015,01/01/2024,01/02/2024,0,1,MM,L0".into(), // 514
                "D,01/01/2015,01/01/2024,01/02/2024,0,2,MM,L3".into(), // 517
                "E,01/01/2015,01/01/2024,01/02/2024,0,2,MF,L4".into(), // 518
                "F,01/01/2015,01/01/2024,01/02/2024,0,1,F1,L2".into(), // 519
                "G,01/01/2015,01/01/2024,01/02/2024,0,2,FF,L11".into(), // 520
            ],
        )])
    }

    #[test]
    fn rule_511_two_adopters_are_a_couple() {
        assert_eq!(failing_rows("511", &adopters(), None), vec![Some(1)]);
    }

    #[test]
    fn rule_514_single_adopter_has_single_sex_code() {
        assert_eq!(failing_rows("514", &adopters(), None), vec![Some(2)]);
    }

    #[test]
    fn rule_517_l3_adopters_are_mf() {
        assert_eq!(failing_rows("517", &adopters(), None), vec![Some(3)]);
    }

    #[test]
    fn rule_518_l4_adopters_are_same_sex() {
        assert_eq!(failing_rows("518", &adopters(), None), vec![Some(4)]);
    }

    #[test]
    fn rule_519_civil_partners_are_a_couple() {
        assert_eq!(failing_rows("519", &adopters(), None), vec![Some(5)]);
    }

    #[test]
    fn rule_520_l11_adopters_are_mf() {
        assert_eq!(failing_rows("520", &adopters(), None), vec![Some(6)]);
    }

    fn providers() -> crate::Return {
        ret(&[&format!(
            "{EPISODES}\nA,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nB,01/05/2024,S,C2,N1,R2,PR1,,,,,,\nC,01/05/2024,S,C2,N1,P1,PR2,,,,,,\nD,01/05/2024,S,C2,N1,K2,PR3,,,,,,\nE,01/05/2024,S,C2,N1,P1,PR4,,,,,,\nF,01/05/2024,S,C2,N1,P1,PR5,,,,,,\n"
        )])
    }

    #[test]
    fn rule_527_pr1_not_with_p1_r2_r5() {
        assert_eq!(failing_rows("527", &providers(), None), vec![Some(1)]);
    }

    #[test]
    fn rule_528_pr2_not_with_p1_r2_r5() {
        assert_eq!(failing_rows("528", &providers(), None), vec![Some(2)]);
    }

    #[test]
    fn rule_529_pr3_not_with_family_placements() {
        assert_eq!(failing_rows("529", &providers(), None), vec![Some(3)]);
    }

    #[test]
    fn rule_530_pr4_not_with_p1() {
        assert_eq!(failing_rows("530", &providers(), None), vec![Some(4)]);
    }

    #[test]
    fn rule_531_pr5_not_with_p1() {
        assert_eq!(failing_rows("531", &providers(), None), vec![Some(5)]);
    }

    fn health() -> crate::Return {
        ret(&[&format!(
            "{OC2}\nA,01/01/2010,10,,1,,1,1,1,0,,\nB,01/01/2010,10,,1,,,1,1,0,,\nC,01/01/2020,10,,,1,1,,1,0,,\n"
        )])
    }

    #[test]
    fn rule_544_health_fields_needed_with_convictions() {
        assert_eq!(failing_rows("544", &health(), None), vec![Some(1)]);
    }

    #[test]
    fn rule_547_health_fields_needed_with_health_checks() {
        assert_eq!(failing_rows("547", &health(), None), vec![Some(2)]);
    }

    fn under_fives() -> crate::Return {
        let eps = table(
            EPISODES,
            &[
                ep("A", "01/01/2023", "S", "C2", "U1", "", ""),
                ep("B", "01/01/2023", "S", "C2", "U1", "", ""),
                ep("C", "01/06/2024", "S", "C2", "U1", "", ""),
            ],
        );
        let o = format!(
            "{OC2}\nA,01/01/2021,,,,,1,1,1,0,,\nB,01/01/2015,,,,1,1,1,1,0,,\nC,01/01/2021,,,,,1,1,1,0,,\n"
        );
        ret(&[&eps, &o])
    }

    #[test]
    fn rule_545_health_promotion_needed_under_5() {
        assert_eq!(failing_rows("545", &under_fives(), None), vec![Some(0)]);
    }

    #[test]
    fn rule_546_no_health_promotion_from_5() {
        assert_eq!(failing_rows("546", &under_fives(), None), vec![Some(1)]);
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
