//! DfE validation rules 200 to 299: agreement with last year's return, UPN
//! codes, placement provider, URN and reason for placement change.
//!
//! Rules on Ofsted's provider lists (219, 221, 224, 227, 228) look each
//! episode's URN up in them ([`crate::ofsted`]). Rules on the placement's
//! local authority (218, 230, 243) use PL_LA as derived from the postcode
//! directory. 229 and 241 need both: a provider's authority comes from its
//! postcode through the directory.

use crate::hash::HashMap;

use chrono::{Datelike, Months, NaiveDate};

use crate::Table;
use crate::ofsted::each_placement;
use crate::validate::{Context, Findings, Needs, Rule, Trimmed, blank, date, each_row};
use crate::years::Years;
use crate::{Return, TableData};

use super::placement::each_placed;

/// Whether a value is one of these codes (the DfE's codes are upper case;
/// the reference upper-cases what it reads, so case does not matter).
fn one_of(value: &str, codes: &[&str]) -> bool {
    let v = value.trimmed();
    codes.iter().any(|c| c.eq_ignore_ascii_case(v))
}

/// A date `n` years later (or earlier, for negative `n`); 29 February
/// becomes 28 February in a year that has none.
fn plus_years(d: NaiveDate, n: i32) -> NaiveDate {
    let months = Months::new(n.unsigned_abs() * 12);
    if n >= 0 {
        d.checked_add_months(months).unwrap_or(NaiveDate::MAX)
    } else {
        d.checked_sub_months(months).unwrap_or(NaiveDate::MIN)
    }
}

/// The first row of each child in a table.
fn first_rows(data: &TableData) -> HashMap<&str, usize> {
    let mut rows = HashMap::default();
    for r in 0..data.len() {
        rows.entry(data.value(r, "CHILD")).or_insert(r);
    }
    rows
}

/// The children who are UASC in a return, with their row of the UASC table:
/// those with a row there that records their sex or the date UASC ceased.
/// `None` when the return has no UASC table.
fn uasc_children(ret: &Return) -> Option<HashMap<&str, usize>> {
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
fn previous<'a>(ctx: &Context<'a>, table: Table) -> Option<&'a TableData> {
    ctx.previous.and_then(|p| p.table(table))
}

/// Reports each Header row of a child also in last year's Header whose
/// value of `column` conflicts with last year's.
fn conflicts_with_last_year(
    ctx: &Context<'_>,
    out: &mut Findings,
    column: &str,
    conflict: fn(&str, &str) -> bool,
) {
    let (Some(now), Some(last)) = (ctx.table(Table::Header), previous(ctx, Table::Header)) else {
        return;
    };
    let last_rows = first_rows(last);
    for r in 0..now.len() {
        if let Some(&l) = last_rows.get(now.value(r, "CHILD"))
            && conflict(now.value(r, column), last.value(l, column))
        {
            out.row(now, r);
        }
    }
}

/// The old sex codes (1 and 2, up to 2023/24) as the new ones (M and F).
fn sex_code(value: &str) -> String {
    match value.trimmed() {
        "1" => "M".to_owned(),
        "2" => "F".to_owned(),
        v => v.to_ascii_uppercase(),
    }
}

/// Each child's episodes, in order of their start dates (episodes without a
/// valid start date last, otherwise in file order).
fn episodes_in_order<'a>(ctx: &Context<'a>, data: &'a TableData) -> Vec<Vec<usize>> {
    let mut children: Vec<Vec<usize>> = ctx.in_start_order(data).values().cloned().collect();
    children.sort();
    children
}

const TEMPORARY: &[&str] = &["T0", "T1", "T2", "T3", "T4"];
const UN_CODES: &[&str] = &["UN1", "UN2", "UN3", "UN4", "UN5"];
const NO_URN: &str = "XXXXXXX";

/// Whether a UPN changed between last year and this year in a way rule 208
/// does not allow.
fn upn_change_not_allowed(now: &str, last: &str) -> bool {
    let (now, last) = (
        now.trimmed().to_ascii_uppercase(),
        last.trimmed().to_ascii_uppercase(),
    );
    if now == last {
        return false;
    }
    // From unknown (blank or UN1) to a more specific unknown code.
    let to_other_unknown = (last.is_empty() || last == "UN1") && one_of(&now, &UN_CODES[1..]);
    // From unknown (blank or any UN code) to a known UPN.
    let to_known =
        (last.is_empty() || one_of(&last, UN_CODES)) && !now.is_empty() && !one_of(&now, UN_CODES);
    !to_other_unknown && !to_known
}

/// Rule 213: placement provider given for a placement type that takes none.
fn provider_not_required(ctx: &Context<'_>, out: &mut Findings, places: &[&str]) {
    each_row(ctx, out, Table::Episodes, |t, r| {
        one_of(t.value(r, "PLACE"), places) && !blank(t.value(r, "PLACE_PROVIDER"))
    })
}

/// Rule 222: a URN other than XXXXXXX given for these placement types.
fn urn_not_expected(ctx: &Context<'_>, out: &mut Findings, places: &[&str]) {
    each_row(ctx, out, Table::Episodes, |t, r| {
        let urn = t.value(r, "URN");
        one_of(t.value(r, "PLACE"), places) && !blank(urn) && urn != NO_URN
    })
}

/// Rule 226: on a temporary placement, neither this episode nor the child's
/// previous one may give a reason for placement change.
fn reason_on_temporary_placement(ctx: &Context<'_>, out: &mut Findings) {
    let Some(data) = ctx.table(Table::Episodes) else {
        return;
    };
    let mut failing = Vec::new();
    for rows in episodes_in_order(ctx, data) {
        for (i, &r) in rows.iter().enumerate() {
            let previous_reason = i > 0 && !blank(data.value(rows[i - 1], "REASON_PLACE_CHANGE"));
            if one_of(data.value(r, "PLACE"), TEMPORARY)
                && (!blank(data.value(r, "REASON_PLACE_CHANGE")) || previous_reason)
            {
                failing.push(r);
            }
        }
    }
    failing.sort_unstable();
    for r in failing {
        out.row(data, r);
    }
}

/// Rule 218: an episode open at some point in the year (ending on or after
/// 1 April, or open), in England by its placement authority (PL_LA), of a
/// placement type other than `exempt`, needs a URN. A placement whose
/// authority is unknown is not known to be outside England, so it needs one
/// (169 reports the unknown authority).
fn urn_required(ctx: &Context<'_>, out: &mut Findings, exempt: &[&str]) {
    let start = ctx.start();
    each_placed(ctx, out, |t, r, p| {
        let dec = t.value(r, "DEC");
        let in_year = match date(dec) {
            Some(d) => d >= start,
            None => blank(dec),
        };
        in_year
            && blank(t.value(r, "URN"))
            && !one_of(t.value(r, "PLACE"), exempt)
            && !p.outside_england()
    })
}

/// The placement authority (as PL_LA) of a postcode in the directory.
fn authority_of<'d>(
    dir: &'d crate::postcodes::PostcodeDirectory,
    postcode: &str,
) -> Option<&'d str> {
    dir.lookup(postcode)
        .and_then(|found| found.authority)
        .filter(|a| !a.is_empty())
}

/// Rule 229: an episode with a URN (not `XXXXXXX`), of a placement type
/// other than `exempt`, provided by the council itself (PR1) must be with a
/// provider in the council's area; one provided by another authority (PR2)
/// with a provider outside it. The provider's authority comes from its
/// postcode in Ofsted's lists, through the postcode directory; a URN the
/// lists do not hold, or a postcode the directory does not, has none (so a
/// PR1 placement there is reported, as the reference does).
fn provider_authority_contradicts(ctx: &Context<'_>, out: &mut Findings, exempt: &[&str]) {
    let Some(dir) = ctx.postcodes else { return };
    each_placement(ctx, out, |t, r, provider| {
        if one_of(t.value(r, "PLACE"), exempt) {
            return false;
        }
        let in_council = provider.is_some_and(|p| {
            p.postcodes
                .iter()
                .any(|pc| authority_of(dir, pc) == Some(ctx.la))
        });
        let by = t.value(r, "PLACE_PROVIDER");
        (one_of(by, &["PR1"]) && !in_council) || (one_of(by, &["PR2"]) && in_council)
    })
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        code: "202",
        message: "The gender code conflicts with the gender already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            conflicts_with_last_year(ctx, out, "SEX", |now, last| sex_code(now) != sex_code(last))
        },
    },
    Rule {
        code: "203",
        message: "Date of birth disagrees with the date of birth already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            conflicts_with_last_year(ctx, out, "DOB", |now, last| date(now) != date(last))
        },
    },
    Rule {
        code: "204",
        message: "Ethnic origin code disagrees with the ethnic origin already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            conflicts_with_last_year(ctx, out, "ETHNIC", |now, last| {
                !now.trimmed().eq_ignore_ascii_case(last.trimmed())
            })
        },
    },
    Rule {
        code: "205A",
        message: "Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both years does not support this.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(header), Some(last)) = (ctx.table(Table::Header), ctx.previous) else {
                return;
            };
            // Without last year's UASC table nobody is known to have been UASC.
            let Some(uasc_last) = uasc_children(last) else {
                return;
            };
            let uasc_now = uasc_children(ctx.current).unwrap_or_default();
            report_205a(ctx, out, header, last, &uasc_now, &uasc_last);
        },
    },
    Rule {
        code: "205B",
        message: "Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(uasc), Some(last)) = (ctx.table(Table::Uasc), ctx.previous) else {
                return;
            };
            let (Some(now_children), Some(last_children), Some(last_uasc)) = (
                uasc_children(ctx.current),
                uasc_children(last),
                last.table(Table::Uasc),
            ) else {
                return;
            };
            let last_header = last.table(Table::Header);
            let last_header_rows = last_header.map(first_rows).unwrap_or_default();
            let mut failing: Vec<usize> = Vec::new();
            for (child, &r) in &now_children {
                let Some(&l) = last_children.get(child) else {
                    continue;
                };
                let duc = uasc.date(r, "DUC");
                let last_duc = last_uasc.date(l, "DUC");
                let dob = last_uasc.date(l, "DOB").or_else(|| {
                    let h = last_header?;
                    date(h.value(*last_header_rows.get(child)?, "DOB"))
                });
                let ceased_this_year = duc.is_some_and(|d| d >= ctx.start() && d <= ctx.end());
                let same_as_last_year = duc.is_some() && duc == last_duc;
                let last_was_18th =
                    last_duc.is_some() && last_duc == dob.map(|d| plus_years(d, 18));
                if (!ceased_this_year && !same_as_last_year) || !last_was_18th {
                    failing.push(r);
                }
            }
            failing.sort_unstable();
            // The child's Header rows too: the UASC flag lives there.
            let mut header_rows: Vec<usize> = failing
                .iter()
                .filter_map(|&r| ctx.by_child(Table::Header).get(uasc.value(r, "CHILD")))
                .flatten()
                .copied()
                .collect();
            header_rows.sort_unstable();
            for r in failing {
                out.row(uasc, r);
            }
            if let Some(header) = ctx.table(Table::Header) {
                for r in header_rows {
                    out.row(header, r);
                }
            }
        },
    },
    Rule {
        code: "205D",
        message: "Child identified as UASC this year but not identified as UASC status provided for the child last year.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(header), Some(last)) = (ctx.table(Table::Header), ctx.previous) else {
                return;
            };
            let (Some(last_header), Some(now_children), Some(last_children)) = (
                last.table(Table::Header),
                uasc_children(ctx.current),
                uasc_children(last),
            ) else {
                return;
            };
            let last_rows = first_rows(last_header);
            for r in 0..header.len() {
                let child = header.value(r, "CHILD");
                if last_rows.contains_key(child)
                    && now_children.contains_key(child)
                    && !last_children.contains_key(child)
                {
                    out.row(header, r);
                }
            }
        },
    },
    Rule {
        code: "207",
        message: "Mother status for the current year disagrees with the mother status already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| {
            let (Some(header), Some(last), Some(episodes)) = (
                ctx.table(Table::Header),
                previous(ctx, Table::Header),
                ctx.table(Table::Episodes),
            ) else {
                return;
            };
            let last_rows = first_rows(last);
            let with_episodes = ctx.rows_by_child(episodes);
            for r in 0..header.len() {
                let child = header.value(r, "CHILD");
                if let Some(&l) = last_rows.get(child)
                    && with_episodes.contains_key(child)
                    && last.value(l, "MOTHER") == "1"
                    && header.value(r, "MOTHER") != "1"
                {
                    out.row(header, r);
                }
            }
        },
    },
    Rule {
        code: "208",
        message: "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) already recorded for this child.",
        years: Years::ALWAYS,
        needs: Needs::PreviousReturn,
        check: |ctx, out| conflicts_with_last_year(ctx, out, "UPN", upn_change_not_allowed),
    },
    Rule {
        code: "209",
        message: "Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Aged 4 or more on 31 August of the year before the collection starts.
            let Some(reference) = NaiveDate::from_ymd_opt(ctx.start().year() - 1, 8, 31) else {
                return;
            };
            each_row(ctx, out, Table::Header, |t, r| {
                one_of(t.value(r, "UPN"), &["UN1"])
                    && t.date(r, "DOB")
                        .is_some_and(|dob| plus_years(dob, 4) <= reference)
            })
        },
    },
    Rule {
        code: "210",
        message: "Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let (Some(header), Some(episodes)) =
                (ctx.table(Table::Header), ctx.table(Table::Episodes))
            else {
                return;
            };
            let Some(week_before) = NaiveDate::from_ymd_opt(ctx.end().year(), 3, 24) else {
                return;
            };
            let episodes_of = ctx.rows_by_child(episodes);
            let mut failing_episodes = Vec::new();
            for r in 0..header.len() {
                if !one_of(header.value(r, "UPN"), &["UN4"]) {
                    continue;
                }
                let late: Vec<usize> = episodes_of
                    .get(header.value(r, "CHILD"))
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&e| episodes.date(e, "DECOM").is_some_and(|d| d >= week_before))
                    .collect();
                if !late.is_empty() {
                    out.row(header, r);
                    failing_episodes.extend(late);
                }
            }
            failing_episodes.sort_unstable();
            for e in failing_episodes {
                out.row(episodes, e);
            }
        },
    },
    Rule {
        code: "213",
        message: "Placement provider information not required.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: |ctx, out| provider_not_required(ctx, out, TEMPORARY),
    },
    Rule {
        code: "213",
        message: "Placement provider information not required.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            provider_not_required(
                ctx,
                out,
                &["T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14"],
            )
        },
    },
    Rule {
        code: "214",
        message: "Placement location information not required.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "LS"), &["V3", "V4"])
                    && (!blank(t.value(r, "PL_POST")) || !blank(t.value(r, "URN")))
            })
        },
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
                    .get(oc3.value(r, "CHILD"))
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
        code: "217",
        message: "Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let from = NaiveDate::from_ymd_opt(2015, 4, 1).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), &["A3", "A5"])
                    && t.date(r, "DECOM").is_some_and(|d| d >= from)
                    && !one_of(t.value(r, "RNE"), &["S", "T", "U"])
            })
        },
    },
    Rule {
        code: "217t",
        message: "Placement type 'P2' is not a valid placement type from 28 October 2023.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let last_day = NaiveDate::from_ymd_opt(2023, 10, 28).expect("a real date");
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of(t.value(r, "PLACE"), &["P2"])
                    && t.date(r, "DEC").is_none_or(|d| d > last_day)
            })
        },
    },
    Rule {
        // The placement types that need no URN changed with the years: H5
        // and P2 needed none until 2023-24; Z1 became Z11 to Z14 in 2025-26.
        code: "218",
        message: "Ofsted Unique reference number (URN) is required.",
        years: Years::to(2023),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            urn_required(
                ctx,
                out,
                &[
                    "H5", "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1",
                ],
            )
        },
    },
    Rule {
        code: "218",
        message: "Ofsted Unique reference number (URN) is required.",
        years: Years::span(2024, 2024),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            urn_required(
                ctx,
                out,
                &[
                    "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1",
                ],
            )
        },
    },
    Rule {
        code: "218",
        message: "Ofsted Unique reference number (URN) is required.",
        years: Years::since(2025),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            urn_required(
                ctx,
                out,
                &[
                    "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12",
                    "Z13", "Z14",
                ],
            )
        },
    },
    Rule {
        code: "219",
        message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement type recorded.",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            each_placement(ctx, out, |t, r, provider| {
                provider.is_none_or(|p| !p.offers_placement(t.value(r, "PLACE")))
            })
        },
    },
    Rule {
        code: "221",
        message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
        years: Years::to(2023),
        needs: Needs::OfstedProviders,
        check: |ctx, out| urn_not_at_placement_postcode(ctx, out, &["H5", "K1", "K2", "R3", "S1"]),
    },
    Rule {
        code: "221",
        message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement postcode provided.",
        years: Years::since(2024),
        needs: Needs::OfstedProviders,
        check: |ctx, out| urn_not_at_placement_postcode(ctx, out, &["K1", "K2", "K3", "R3", "S1"]),
    },
    Rule {
        code: "222",
        message: "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            urn_not_expected(
                ctx,
                out,
                &[
                    "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1",
                ],
            )
        },
    },
    Rule {
        code: "222",
        message: "Ofsted Unique reference number (URN) should not be recorded for this placement type.",
        years: Years::to(2023),
        needs: Needs::Nothing,
        check: |ctx, out| {
            urn_not_expected(
                ctx,
                out,
                &[
                    "P1", "P2", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1",
                ],
            )
        },
    },
    Rule {
        code: "224",
        message: "The Ofsted Unique reference number (URN) provided for the child's placement does not match the placement provider recorded.",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            each_placement(ctx, out, |t, r, provider| {
                provider.is_none_or(|p| !p.is_provider_kind(t.value(r, "PLACE_PROVIDER")))
            })
        },
    },
    Rule {
        code: "225",
        message: "Reason for placement change must be recorded.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(data) = ctx.table(Table::Episodes) else {
                return;
            };
            let mut failing = Vec::new();
            for rows in episodes_in_order(ctx, data) {
                for pair in rows.windows(2) {
                    let (r, next) = (pair[0], pair[1]);
                    if data.value(r, "REC") == "X1"
                        && blank(data.value(r, "REASON_PLACE_CHANGE"))
                        && !one_of(data.value(r, "PLACE"), TEMPORARY)
                        && one_of(data.value(next, "RNE"), &["P", "B", "T", "U"])
                        && !one_of(data.value(next, "PLACE"), TEMPORARY)
                    {
                        failing.push(r);
                    }
                }
            }
            failing.sort_unstable();
            for r in failing {
                out.row(data, r);
            }
        },
    },
    Rule {
        code: "226",
        message: "Reason for placement change is not required.",
        years: Years::to(2024),
        needs: Needs::Nothing,
        check: reason_on_temporary_placement,
    },
    Rule {
        code: "226",
        message: "Reason for placement change is not required for temporary placements.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: reason_on_temporary_placement,
    },
    Rule {
        code: "227",
        message: "Ofsted Unique reference number (URN) is not valid for the episode start date.",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            each_placement(ctx, out, |t, r, provider| {
                match (provider.and_then(|p| p.closed), date(t.value(r, "DECOM"))) {
                    (Some(closed), Some(start)) => start >= closed,
                    _ => false,
                }
            })
        },
    },
    Rule {
        code: "228",
        message: "Ofsted Unique reference number (URN) is not valid for the episode end date [NOTE: may give false positives on open episodes at providers who close during the year]",
        years: Years::ALWAYS,
        needs: Needs::OfstedProviders,
        check: |ctx, out| {
            // An open episode (or one whose end is not a date) must be at a
            // provider still open at the end of the year.
            let year_end = ctx.end();
            each_placement(ctx, out, |t, r, provider| {
                provider
                    .and_then(|p| p.closed)
                    .is_some_and(|closed| date(t.value(r, "DEC")).unwrap_or(year_end) > closed)
            })
        },
    },
    Rule {
        code: "229",
        message: "Placement provider does not match between the placing authority and the local authority code of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and may be inaccurate in some cases.]",
        years: Years::to(2024),
        needs: Needs::PostcodesAndOfstedProviders,
        check: |ctx, out| provider_authority_contradicts(ctx, out, &[]),
    },
    Rule {
        // From 2025-26, placements needing no URN are left out.
        code: "229",
        message: "Placement provider does not match between the placing authority and the local authority code of the provider. [NOTE: The provider's LA code is inferred from the its postcode, and may be inaccurate in some cases.]",
        years: Years::since(2025),
        needs: Needs::PostcodesAndOfstedProviders,
        check: |ctx, out| {
            provider_authority_contradicts(
                ctx,
                out,
                &[
                    "K3", "P1", "P3", "R1", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12",
                    "Z13", "Z14",
                ],
            )
        },
    },
    Rule {
        // An H5 placement in England (by PL_LA) open on or after 29 October
        // 2023 (or whose end is not a date) needs a real URN. In force in
        // 2023-24 only.
        code: "230",
        message: "Ofsted Unique reference number (URN) is required for any English H5 placements from 28 October 2023.",
        years: Years::to(2023),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            let from = NaiveDate::from_ymd_opt(2023, 10, 29).expect("a real date");
            each_placed(ctx, out, |t, r, p| {
                one_of(t.value(r, "PLACE"), &["H5"])
                    && date(t.value(r, "DEC")).is_none_or(|d| d >= from)
                    && (blank(t.value(r, "URN")) || one_of(t.value(r, "URN"), &[NO_URN]))
                    && !p.outside_england()
            })
        },
    },
    Rule {
        code: "231",
        message: "We expect that unaccompanied asylum seeking children are generally older young people. Please check the date of birth is correct. If the date of birth is correct then please provide details in a bypass request.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(uasc) = uasc_children(ctx.current) else {
                return;
            };
            let eleven_years_before = plus_years(ctx.end(), -11);
            each_row(ctx, out, Table::Header, |t, r| {
                uasc.contains_key(t.value(r, "CHILD"))
                    && t.date(r, "DOB")
                        .is_some_and(|dob| dob > eleven_years_before)
            })
        },
    },
    Rule {
        code: "232",
        message: "Sex of the child/young person has been reported as unknown.",
        years: Years::since(2024),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Header, |t, r| {
                one_of(t.value(r, "SEX"), &["U"])
            })
        },
    },
    Rule {
        code: "233",
        message: "Reason for placement change is not required when the episode has not ceased.",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                blank(t.value(r, "DEC")) && !blank(t.value(r, "REASON_PLACE_CHANGE"))
            })
        },
    },
    Rule {
        code: "234",
        message: "A child aged under 10 can not change placement due to being admitted to custody",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            let Some(header) = ctx.table(Table::Header) else {
                return;
            };
            let header_rows = first_rows(header);
            each_row(ctx, out, Table::Episodes, |t, r| {
                let dob = header_rows
                    .get(t.value(r, "CHILD"))
                    .and_then(|&h| header.date(h, "DOB"));
                one_of(t.value(r, "REASON_PLACE_CHANGE"), &["CUSTOD"])
                    && matches!(
                        (dob, t.date(r, "DECOM")),
                        (Some(dob), Some(decom)) if plus_years(dob, 10) > decom
                    )
            })
        },
    },
    Rule {
        // A supported accommodation (K3) placement's PL_LA must be an
        // authority where the provider (by URN, in Ofsted's lists) has
        // premises, each placed by its postcode. (The reference compares
        // PL_LA with the council's own code instead, though its comment
        // states this rule; a URN the lists do not hold is 219's to report.)
        code: "241",
        message: "LA of placement is not an LA the provider has premises.",
        years: Years::since(2025),
        needs: Needs::PostcodesAndOfstedProviders,
        check: |ctx, out| {
            let Some(dir) = ctx.postcodes else { return };
            each_placement(ctx, out, |t, r, provider| {
                let Some(provider) = provider else {
                    return false;
                };
                let placed = ctx.placement(r).la;
                one_of(t.value(r, "PLACE"), &["K3"])
                    && !provider
                        .postcodes
                        .iter()
                        .any(|pc| placed.is_some() && authority_of(dir, pc) == placed)
            })
        },
    },
    Rule {
        code: "242",
        message: "URN = 'XXXXXXX' can only be used for regional adoption agencies",
        years: Years::since(2025),
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                t.value(r, "URN") == NO_URN
                    && !one_of(
                        t.value(r, "PLACE"),
                        &["A3", "A4", "A5", "A6", "U1", "U2", "U3", "U4", "U5", "U6"],
                    )
            })
        },
    },
    Rule {
        // A placement in Scotland, Wales or Northern Ireland (by PL_LA) has
        // no Ofsted registration, so no URN.
        code: "243",
        message: "Only placements with providers registered with Ofsted should have a URN reported.",
        years: Years::since(2025),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |t, r, p| {
                p.outside_england() && !blank(t.value(r, "URN"))
            })
        },
    },
];

/// Rule 221: episodes of these placement types (short breaks aside) whose
/// placement postcode is not the setting's postcode of the URN's provider,
/// or whose URN the lists do not hold.
fn urn_not_at_placement_postcode(ctx: &Context<'_>, out: &mut Findings, places: &[&str]) {
    each_placement(ctx, out, |t, r, provider| {
        let postcode = t.value(r, "PL_POST");
        one_of(t.value(r, "PLACE"), places)
            && !one_of(t.value(r, "LS"), &["V3", "V4"])
            && !blank(postcode)
            && provider.is_none_or(|p| !p.is_at(postcode))
    })
}

/// Rule 205A: children in this year's Header who were UASC last year but
/// are not this year, whose UASC status did not cease during last year.
fn report_205a(
    ctx: &Context<'_>,
    out: &mut Findings,
    header: &TableData,
    last: &Return,
    uasc_now: &HashMap<&str, usize>,
    uasc_last: &HashMap<&str, usize>,
) {
    let Some(last_uasc) = last.table(Table::Uasc) else {
        return;
    };
    let (from, to) = (plus_years(ctx.start(), -1), plus_years(ctx.end(), -1));
    for r in 0..header.len() {
        let child = header.value(r, "CHILD");
        if uasc_now.contains_key(child) {
            continue;
        }
        if let Some(&l) = uasc_last.get(child)
            && !last_uasc
                .date(l, "DUC")
                .is_some_and(|d| d >= from && d <= to)
        {
            out.row(header, r);
        }
    }
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::validate::testing::*;
    use crate::validate::{Context, Needs, validate};
    use crate::{CollectionYear, Return};

    const HEADER: &str = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB";
    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN";
    const UASC: &str = "CHILD,SEX,DOB,DUC";
    const OC2: &str = "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED";
    const OC3: &str = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM";

    /// The rows a rule fails in a given collection year (for rules whose
    /// logic differs by year).
    fn failing_rows_in(code: &str, start: i32, current: &Return) -> Vec<Option<usize>> {
        let ctx = Context::new(current, None, CollectionYear::starting(start), "E10000018");
        rows_failing(&ctx, code)
    }

    /// Asserts a rule is reported as not run for want of reference data.
    fn assert_not_run(code: &str, start: i32, current: &Return, need: Needs) {
        let ctx = Context::new(current, None, CollectionYear::starting(start), "E10000018");
        let report = validate(&ctx);
        assert!(report.not_run.iter().any(|(c, _)| *c == code), "{code} ran");
        let rule = crate::validate::RULES
            .iter()
            .find(|r| r.code == code)
            .expect("the rule exists");
        assert_eq!(rule.needs, need);
    }

    fn header(rows: &str) -> String {
        format!("{HEADER}\n{rows}")
    }

    fn episodes(rows: &str) -> String {
        format!("{EPISODES}\n{rows}")
    }

    #[test]
    fn rule_202_sex_must_agree_with_last_year() {
        let last = ret(&[&header(
            "C1,1,01/02/2015,WBRI,,,\nC2,2,01/02/2015,WBRI,,,\nC3,1,01/02/2015,WBRI,,,\n",
        )]);
        let now = ret(&[&header(
            "C1,M,01/02/2015,WBRI,,,\nC2,M,01/02/2015,WBRI,,,\nC4,F,01/02/2015,WBRI,,,\nC3,1,01/02/2015,WBRI,,,\n",
        )]);
        assert_eq!(failing_rows("202", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_203_date_of_birth_must_agree_with_last_year() {
        let last = ret(&[&header(
            "C1,M,01/02/2015,WBRI,,,\nC2,F,01/02/2015,WBRI,,,\n",
        )]);
        let now = ret(&[&header(
            "C1,M,01/02/2015,WBRI,,,\nC2,F,02/02/2015,WBRI,,,\nC3,F,02/02/2015,WBRI,,,\n",
        )]);
        assert_eq!(failing_rows("203", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_204_ethnicity_must_agree_with_last_year() {
        let last = ret(&[&header(
            "C1,M,01/02/2015,NOBT,,,\nC2,F,01/02/2015,WBRI,,,\n",
        )]);
        let now = ret(&[&header(
            "C1,M,01/02/2015,nobt,,,\nC2,F,01/02/2015,WIRI,,,\n",
        )]);
        assert_eq!(failing_rows("204", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_205a_uasc_last_year_must_have_ceased_last_year() {
        let last = ret(&[
            &header("C1,M,01/02/2007,WBRI,,,\nC2,M,01/02/2007,WBRI,,,\n"),
            &format!("{UASC}\nC1,M,01/02/2007,01/02/2024\nC2,M,01/02/2007,\nC3,M,01/02/2007,\n"),
        ]);
        let now = ret(&[
            &header("C1,M,01/02/2007,WBRI,,,\nC2,M,01/02/2007,WBRI,,,\nC3,M,01/02/2007,WBRI,,,\n"),
            &format!("{UASC}\nC3,M,01/02/2007,\n"),
        ]);
        assert_eq!(failing_rows("205A", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_205b_uasc_both_years_needs_consistent_dates() {
        let last = ret(&[&format!(
            "{UASC}\nC1,M,01/02/2007,01/02/2025\nC2,M,01/02/2007,\nC3,M,01/06/2006,01/06/2024\n"
        )]);
        let now = ret(&[&format!(
            "{UASC}\nC1,M,01/02/2007,01/02/2025\nC2,M,01/02/2007,01/02/2025\nC3,M,01/06/2006,01/06/2024\nC4,M,01/06/2006,\n"
        )]);
        assert_eq!(failing_rows("205B", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_205b_also_reports_the_header_row_where_the_uasc_flag_lives() {
        let last = ret(&[&format!(
            "{UASC}\nC1,M,01/02/2007,\nC2,M,01/02/2007,01/02/2025\n"
        )]);
        let now = ret(&[
            &header("C1,M,01/02/2007,WBRI,,,\nC2,M,01/02/2007,WBRI,,,\n"),
            &format!("{UASC}\nC1,M,01/02/2007,01/02/2025\nC2,M,01/02/2007,01/02/2025\n"),
        ]);
        let ctx = crate::validate::Context::new(
            &now,
            Some(&last),
            crate::CollectionYear::starting(2024),
            "E10000018",
        );
        let found: Vec<(&str, Option<usize>)> = crate::validate::validate(&ctx)
            .failures
            .into_iter()
            .filter(|f| f.rule == "205B")
            .map(|f| (f.table, f.row))
            .collect();
        assert_eq!(found, vec![("UASC", Some(0)), ("Header", Some(0))]);
    }

    #[test]
    fn rule_205d_uasc_this_year_must_have_been_uasc_last_year() {
        let last = ret(&[
            &header("C1,M,01/02/2010,WBRI,,,\nC2,M,01/02/2010,WBRI,,,\n"),
            &format!("{UASC}\nC1,M,01/02/2010,\n"),
        ]);
        let now = ret(&[
            &header("C1,M,01/02/2010,WBRI,,,\nC2,M,01/02/2010,WBRI,,,\nC3,M,01/02/2010,WBRI,,,\n"),
            &format!("{UASC}\nC1,M,01/02/2010,\nC2,M,01/02/2010,\nC3,M,01/02/2010,\n"),
        ]);
        assert_eq!(failing_rows("205D", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_207_a_mother_last_year_stays_a_mother() {
        let last = ret(&[&header(
            "C1,F,01/02/2008,WBRI,,1,\nC2,F,01/02/2008,WBRI,,1,\nC3,F,01/02/2008,WBRI,,1,\nC4,F,01/02/2008,WBRI,,0,\n",
        )]);
        let now = ret(&[
            &header(
                "C1,F,01/02/2008,WBRI,,1,\nC2,F,01/02/2008,WBRI,,0,\nC3,F,01/02/2008,WBRI,,0,\nC4,F,01/02/2008,WBRI,,1,\n",
            ),
            &episodes(
                "C1,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nC2,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nC4,01/05/2024,S,C2,N1,U1,PR1,,,,,,\n",
            ),
        ]);
        assert_eq!(failing_rows("207", &now, Some(&last)), vec![Some(1)]);
    }

    #[test]
    fn rule_208_upn_changes_must_be_allowed() {
        let last = ret(&[&header(
            "C1,M,01/02/2015,WBRI,UN5,,\nC2,M,01/02/2015,WBRI,X88888888888A,,\nC3,M,01/02/2015,WBRI,UN1,,\nC4,M,01/02/2015,WBRI,UN4,,\nC5,M,01/02/2015,WBRI,,,\nC6,M,01/02/2015,WBRI,UN1,,\n",
        )]);
        let now = ret(&[&header(
            "C1,M,01/02/2015,WBRI,H801200001001,,\nC2,M,01/02/2015,WBRI,A12345678901B,,\nC3,M,01/02/2015,WBRI,UN2,,\nC4,M,01/02/2015,WBRI,UN3,,\nC5,M,01/02/2015,WBRI,UN1,,\nC6,M,01/02/2015,WBRI,,,\n",
        )]);
        assert_eq!(
            failing_rows("208", &now, Some(&last)),
            vec![Some(1), Some(3), Some(4), Some(5)]
        );
    }

    #[test]
    fn rule_209_school_age_children_cannot_have_un1() {
        // For 2024-25 the reference date is 31/08/2023.
        let r = ret(&[&header(
            "C1,M,31/08/2019,WBRI,UN1,,\nC2,M,01/09/2019,WBRI,UN1,,\nC3,M,01/01/2015,WBRI,UN2,,\n",
        )]);
        assert_eq!(failing_rows("209", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_210_un4_only_for_children_starting_in_the_last_week() {
        let r = ret(&[
            &header(
                "C1,M,01/02/2015,WBRI,UN4,,\nC2,M,01/02/2015,WBRI,UN4,,\nC3,M,01/02/2015,WBRI,UN3,,\n",
            ),
            &episodes(
                "C1,01/01/2025,S,C2,N1,U1,PR1,,,,,,\nC1,24/03/2025,S,C2,N1,U1,PR1,,,,,,\nC2,23/03/2025,S,C2,N1,U1,PR1,,,,,,\nC3,30/03/2025,S,C2,N1,U1,PR1,,,,,,\n",
            ),
        ]);
        assert_eq!(failing_rows("210", &r, None), vec![Some(0), Some(1)]);
    }

    #[test]
    fn rule_213_no_provider_for_temporary_placements() {
        let r = ret(&[&episodes(
            "C1,01/05/2024,S,C2,N1,T1,PR1,,,,,,\nC2,01/05/2024,S,C2,N1,T1,,,,,,,\nC3,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nC4,01/05/2024,S,C2,N1,Z12,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows("213", &r, None), vec![Some(0)]);
        assert_eq!(failing_rows_in("213", 2025, &r), vec![Some(0), Some(3)]);
    }

    #[test]
    fn rule_214_no_placement_location_for_short_breaks() {
        let r = ret(&[&episodes(
            "C1,01/05/2024,S,V3,N1,U1,PR1,,,,,M2 3RT,\nC2,01/05/2024,S,V4,N1,U1,PR1,,,,,,SC045099\nC3,01/05/2024,S,C2,N1,U1,PR1,,,,,M2 3RT,SC045099\nC4,01/05/2024,S,V3,N1,U1,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows("214", &r, None), vec![Some(0), Some(1)]);
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
    fn rule_217_adoption_by_foster_carers_needs_rne_s_t_or_u() {
        let r = ret(&[&episodes(
            "C1,01/05/2024,S,C2,N1,A3,PR1,,,,,,\nC2,01/05/2024,P,C2,N1,A5,PR1,,,,,,\nC3,01/05/2014,P,C2,N1,A5,PR1,,,,,,\nC4,01/05/2024,P,C2,N1,U1,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows("217", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_217t_p2_not_valid_after_28_october_2023() {
        let r = ret(&[&episodes(
            "C1,01/05/2023,S,C2,N1,P2,PR1,28/10/2023,E11,,,,\nC2,01/05/2023,S,C2,N1,P2,PR1,29/10/2023,E11,,,,\nC3,01/05/2023,S,C2,N1,P2,PR1,,,,,,\nC4,01/05/2023,S,C2,N1,P1,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows("217t", &r, None), vec![Some(1), Some(2)]);
    }

    #[test]
    fn rule_218_urn_required_in_england() {
        // C1 a children's home in England without a URN; C2 the same with
        // one; C3 in Wales; C4 ended before the year; C5 placed with
        // parents (P1); C6 an unknown placement postcode; C7 H5 and C8 P2,
        // exempt until 2023-24; C9 Z11, exempt from 2025-26.
        let build = |start: i32| {
            let y = start;
            let lines = [
                format!("C1,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,"),
                format!("C2,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC1"),
                format!("C3,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,CF10 3NQ,"),
                format!("C4,01/05/2019,S,C2,N1,K2,PR1,01/01/{y},E11,,LE1 1FZ,LE3 8RA,"),
                format!("C5,01/05/{y},S,C2,N1,P1,PR1,,,,LE1 1FZ,LE3 8RA,"),
                format!("C6,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,XX1 1XX,"),
                format!("C7,01/05/{y},S,C2,N1,H5,PR1,,,,LE1 1FZ,LE3 8RA,"),
                format!("C8,01/05/{y},S,C2,N1,P2,PR1,,,,LE1 1FZ,LE3 8RA,"),
                format!("C9,01/05/{y},S,C2,N1,Z11,PR1,,,,LE1 1FZ,LE3 8RA,"),
            ];
            ret(&[&episodes(&(lines.join("\n") + "\n"))])
        };
        assert_eq!(
            failing_rows_with_postcodes("218", 2023, &build(2023), None),
            vec![Some(0), Some(5), Some(8)]
        );
        assert_eq!(
            failing_rows_with_postcodes("218", 2024, &build(2024), None),
            vec![Some(0), Some(5), Some(6), Some(7), Some(8)]
        );
        assert_eq!(
            failing_rows_with_postcodes("218", 2025, &build(2025), None),
            vec![Some(0), Some(5), Some(6), Some(7)]
        );
    }

    #[test]
    fn rule_219_urn_must_match_placement_type() {
        let r = ret(&[&episodes(
            "C1,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC1\nC2,01/05/2024,S,C2,N1,U1,PR1,,,,,,SC1\nC3,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC9\nC4,01/05/2024,S,C2,N1,U1,PR1,,,,,,\nC5,01/05/2024,S,C2,N1,U1,PR1,,,,,,XXXXXXX\nC6,01/05/2024,S,C2,N1,s1,PR3,,,,,,sc2\n",
        )]);
        assert_eq!(
            failing_rows_with_providers("219", 2024, &r),
            vec![Some(1), Some(2)]
        );
        assert_not_run("219", 2024, &r, Needs::OfstedProviders);
    }

    #[test]
    fn rule_221_urn_must_match_placement_postcode() {
        let r = ret(&[&episodes(
            "C1,01/05/2024,S,C2,N1,K2,PR1,,,,,ct1 1aa,SC1\nC2,01/05/2024,S,C2,N1,K2,PR1,,,,,CT9 9ZZ,SC1\nC3,01/05/2024,S,V3,N1,K2,PR1,,,,,CT9 9ZZ,SC1\nC4,01/05/2024,S,C2,N1,U1,PR1,,,,,CT9 9ZZ,SC1\nC5,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC1\nC6,01/05/2024,S,C2,N1,K2,PR1,,,,,CT1 1AA,SC9\nC7,01/05/2024,S,C2,N1,H5,PR1,,,,,CT9 9ZZ,SC1\n",
        )]);
        assert_eq!(
            failing_rows_with_providers("221", 2024, &r),
            vec![Some(1), Some(5)]
        );
        // In 2023-24 the rule covered H5 and not K3.
        assert_eq!(
            failing_rows_with_providers("221", 2023, &r),
            vec![Some(1), Some(5), Some(6)]
        );
        assert_not_run("221", 2024, &r, Needs::OfstedProviders);
    }

    #[test]
    fn rule_224_urn_must_match_placement_provider() {
        let r = ret(&[&episodes(
            "C1,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC1\nC2,01/05/2024,S,C2,N1,K2,PR3,,,,,,SC1\nC3,01/05/2024,S,C2,N1,K2,PR3,,,,,,SC2\nC4,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC9\nC5,01/05/2024,S,C2,N1,K2,PR1,,,,,,\n",
        )]);
        assert_eq!(
            failing_rows_with_providers("224", 2024, &r),
            vec![Some(1), Some(3)]
        );
        assert_not_run("224", 2024, &r, Needs::OfstedProviders);
    }

    #[test]
    fn rule_227_urn_must_be_open_when_the_episode_starts() {
        // SC2 closed on 31/12/2024.
        let r = ret(&[&episodes(
            "C1,30/12/2024,S,C2,N1,K2,PR3,,,,,,SC2\nC2,31/12/2024,S,C2,N1,K2,PR3,,,,,,SC2\nC3,01/01/2025,S,C2,N1,K2,PR1,,,,,,SC1\nC4,01/01/2025,S,C2,N1,K2,PR1,,,,,,SC9\n",
        )]);
        assert_eq!(failing_rows_with_providers("227", 2024, &r), vec![Some(1)]);
        assert_not_run("227", 2024, &r, Needs::OfstedProviders);
    }

    #[test]
    fn rule_228_urn_must_be_open_when_the_episode_ends() {
        // SC2 closed on 31/12/2024; an open episode must be at a provider
        // open on 31 March.
        let r = ret(&[&episodes(
            "C1,01/05/2024,S,C2,N1,K2,PR3,31/12/2024,E11,,,,SC2\nC2,01/05/2024,S,C2,N1,K2,PR3,01/01/2025,E11,,,,SC2\nC3,01/05/2024,S,C2,N1,K2,PR3,,,,,,SC2\nC4,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC1\n",
        )]);
        assert_eq!(
            failing_rows_with_providers("228", 2024, &r),
            vec![Some(1), Some(2)]
        );
        assert_not_run("228", 2024, &r, Needs::OfstedProviders);
    }

    /// The rows a rule fails with Ofsted's lists and the test postcode
    /// directory: SC7 has premises in the council (LE3 8RA), SC8 in
    /// Leicester (LE1 1FZ), SC9 at a postcode the directory does not have.
    fn failing_rows_with_both(code: &str, start: i32, r: &Return) -> Vec<Option<usize>> {
        use crate::ofsted::{Provider, Providers};
        let providers = Providers::from_entries([
            Provider::new("SC7", "K2,K3", "PR1/PR2", "LE3 8RA", None),
            Provider::new("SC8", "K2,K3", "PR1/PR2", "le11fz", None),
            Provider::new("SC9", "K2,K3", "PR1/PR2", "XX1 1XX", None),
        ]);
        let dir = postcodes();
        let ctx = Context::new(r, None, CollectionYear::starting(start), "E10000018")
            .with_providers(&providers)
            .with_postcodes(&dir);
        assert!(
            validate(&ctx).not_run.iter().all(|(c, _)| *c != code),
            "{code} ran"
        );
        rows_failing(&ctx, code)
    }

    #[test]
    fn rule_229_provider_authority_agrees_with_who_provides() {
        // Not run with the lists alone.
        let r = ret(&[&episodes("C1,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC2\n")]);
        let providers = providers();
        let ctx = Context::new(&r, None, CollectionYear::starting(2024), "E10000018")
            .with_providers(&providers);
        assert!(validate(&ctx).not_run.iter().any(|(c, _)| *c == "229"));
        assert_not_run("229", 2024, &r, Needs::PostcodesAndOfstedProviders);
        // The council's own provision (PR1) at SC7 in its area passes, at
        // SC8 in Leicester or SC9 (unknown authority) or an unknown URN
        // fails; another authority's (PR2) fails at SC7 only; XXXXXXX and
        // blank URNs are not looked at; K3 is exempt from 2025-26.
        let rows = |y: i32| {
            ret(&[&episodes(&format!(
                "C1,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC7\n\
                 C2,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC8\n\
                 C3,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC9\n\
                 C4,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC404\n\
                 C5,01/05/{y},S,C2,N1,K2,PR2,,,,LE1 1FZ,LE3 8RA,SC7\n\
                 C6,01/05/{y},S,C2,N1,K2,PR2,,,,LE1 1FZ,LE3 8RA,SC8\n\
                 C7,01/05/{y},S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,XXXXXXX\n\
                 C8,01/05/{y},S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC8\n"
            ))])
        };
        for year in [2023, 2024] {
            assert_eq!(
                failing_rows_with_both("229", year, &rows(year)),
                vec![Some(1), Some(2), Some(3), Some(4), Some(7)]
            );
        }
        assert_eq!(
            failing_rows_with_both("229", 2025, &rows(2025)),
            vec![Some(1), Some(2), Some(3), Some(4)]
        );
    }

    #[test]
    fn rule_230_urn_for_english_h5_placements_from_28_october_2023() {
        // 230 is in force in 2023-24 only (the DfE dropped it for 2024-25).
        let r = ret(&[&episodes(concat!(
            "C1,01/05/2023,S,C2,N1,H5,PR1,,,,LE1 1FZ,LE3 8RA,\n",
            "C2,01/05/2023,S,C2,N1,H5,PR1,,,,LE1 1FZ,LE3 8RA,XXXXXXX\n",
            "C3,01/05/2023,S,C2,N1,H5,PR1,,,,LE1 1FZ,LE3 8RA,SC1\n",
            "C4,01/05/2023,S,C2,N1,H5,PR1,28/10/2023,E11,,LE1 1FZ,LE3 8RA,\n",
            "C5,01/05/2023,S,C2,N1,H5,PR1,29/10/2023,E11,,LE1 1FZ,LE3 8RA,\n",
            "C6,01/05/2023,S,C2,N1,H5,PR1,,,,LE1 1FZ,EH1 1RE,\n",
            "C7,01/05/2023,S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,\n",
        ))]);
        assert_eq!(
            failing_rows_with_postcodes("230", 2023, &r, None),
            vec![Some(0), Some(1), Some(4)]
        );
        assert_not_run("230", 2023, &r, Needs::Postcodes);
    }

    #[test]
    fn rule_222_no_urn_for_these_placement_types() {
        let r = ret(&[&episodes(
            "C1,01/05/2024,S,C2,N1,R1,PR1,,,,,,SC1\nC2,01/05/2024,S,C2,N1,T2,PR1,,,,,,XXXXXXX\nC3,01/05/2024,S,C2,N1,U1,PR1,,,,,,SC1\nC4,01/05/2024,S,C2,N1,P2,PR1,,,,,,SC1\n",
        )]);
        assert_eq!(failing_rows("222", &r, None), vec![Some(0)]);
        assert_eq!(failing_rows_in("222", 2023, &r), vec![Some(0), Some(3)]);
    }

    #[test]
    fn rule_225_reason_for_placement_change_is_required() {
        let r = ret(&[&episodes(
            "C1,05/06/2024,P,C2,N1,U2,PR1,,,,,,\nC1,01/06/2024,S,C2,N1,U1,PR1,05/06/2024,X1,,,,\nC2,01/06/2024,S,C2,N1,U1,PR1,05/06/2024,X1,CHANGE,,,\nC2,05/06/2024,P,C2,N1,U2,PR1,,,,,,\nC3,01/06/2024,S,C2,N1,U1,PR1,05/06/2024,X1,,,,\nC3,05/06/2024,P,C2,N1,T1,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows("225", &r, None), vec![Some(1)]);
    }

    #[test]
    fn rule_226_no_reason_for_placement_change_around_temporary_placements() {
        let r = ret(&[&episodes(
            "C1,01/01/2025,S,C2,N1,U1,PR1,11/01/2025,X1,CHANGE,,,\nC1,11/01/2025,P,C2,N1,T1,,,,,,,\nC2,01/01/2025,S,C2,N1,T3,,11/01/2025,X1,,,,\nC2,11/01/2025,P,C2,N1,U1,PR1,,,,,,\nC3,01/01/2025,S,C2,N1,T1,,,,CHANGE,,,\n",
        )]);
        assert_eq!(failing_rows("226", &r, None), vec![Some(1), Some(4)]);
        assert_eq!(failing_rows_in("226", 2025, &r), vec![Some(1), Some(4)]);
    }

    #[test]
    fn rule_231_uasc_children_are_expected_to_be_over_11() {
        let r = ret(&[
            &header("C1,M,01/04/2014,WBRI,,,\nC2,M,31/03/2014,WBRI,,,\nC3,M,01/04/2014,WBRI,,,\n"),
            &format!("{UASC}\nC1,M,01/04/2014,\nC2,M,31/03/2014,\n"),
        ]);
        assert_eq!(failing_rows("231", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_232_sex_reported_as_unknown() {
        let r = ret(&[&header(
            "C1,U,01/02/2015,WBRI,,,\nC2,M,01/02/2015,WBRI,,,\n",
        )]);
        assert_eq!(failing_rows("232", &r, None), vec![Some(0)]);
    }

    #[test]
    fn rule_233_no_reason_for_placement_change_on_open_episodes() {
        let r = ret(&[&episodes(
            "C1,01/05/2025,S,C2,N1,U1,PR1,,,CHANGE,,,\nC2,01/05/2025,S,C2,N1,U1,PR1,01/06/2025,X1,CHANGE,,,\nC3,01/05/2025,S,C2,N1,U1,PR1,,,,,,\n",
        )]);
        assert_eq!(failing_rows_in("233", 2025, &r), vec![Some(0)]);
    }

    #[test]
    fn rule_234_no_custody_reason_under_10() {
        let r = ret(&[
            &header("C1,M,01/01/2016,WBRI,,,\nC2,M,01/01/2015,WBRI,,,\n"),
            &episodes(
                "C1,01/05/2025,S,C2,N1,U1,PR1,01/06/2025,X1,CUSTOD,,,\nC2,01/05/2025,S,C2,N1,U1,PR1,01/06/2025,X1,CUSTOD,,,\nC1,01/06/2025,S,C2,N1,U1,PR1,,,,,,\n",
            ),
        ]);
        assert_eq!(failing_rows_in("234", 2025, &r), vec![Some(0)]);
    }

    #[test]
    fn rule_241_placement_where_the_provider_has_premises() {
        // K3 placed in the council (LE3 8RA): SC7 has premises there, SC8
        // and SC9 do not; an unknown URN is 219's; K2 is not looked at.
        let r = ret(&[&episodes(concat!(
            "C1,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC7\n",
            "C2,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC8\n",
            "C3,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC9\n",
            "C4,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE3 8RA,SC404\n",
            "C5,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC8\n",
            "C6,01/05/2025,S,C2,N1,K3,PR1,,,,LE1 1FZ,LE1 1FZ,SC8\n",
        ))]);
        assert_eq!(
            failing_rows_with_both("241", 2025, &r),
            vec![Some(1), Some(2)]
        );
        let r = ret(&[&episodes("C1,01/05/2025,S,C2,N1,K3,PR1,,,,,,SC1\n")]);
        assert_not_run("241", 2025, &r, Needs::PostcodesAndOfstedProviders);
        assert_eq!(failing_rows("241", &r, None), vec![]);
    }

    #[test]
    fn rule_243_no_urn_outside_england() {
        let r = ret(&[&episodes(concat!(
            "C1,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,EH1 1RE,SC1\n",
            "C2,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,CF10 3NQ,\n",
            "C3,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,LE3 8RA,SC1\n",
            "C4,01/05/2025,S,C2,N1,K2,PR1,,,,LE1 1FZ,XX1 1XX,SC1\n",
        ))]);
        assert_eq!(
            failing_rows_with_postcodes("243", 2025, &r, None),
            vec![Some(0)]
        );
        assert_not_run("243", 2025, &r, Needs::Postcodes);
    }

    #[test]
    fn rule_242_urn_xxxxxxx_only_for_adoption_agencies() {
        let r = ret(&[&episodes(
            "C1,01/05/2025,S,C2,N1,A3,PR1,,,,,,XXXXXXX\nC2,01/05/2025,S,C2,N1,K3,PR1,,,,,,XXXXXXX\nC3,01/05/2025,S,C2,N1,K3,PR1,,,,,,SC1\n",
        )]);
        assert_eq!(failing_rows_in("242", 2025, &r), vec![Some(1)]);
    }
}
