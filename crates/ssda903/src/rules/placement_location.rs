//! Where a child is placed: postcodes, the placement's authority, location and distance from home, this year and against last year.

use super::placement::each_placed;
use super::placement::same_rne;
use super::placement::short_break;
use crate::Table;
use crate::TableData;
use crate::postcodes::Location;
use crate::postcodes::Placement;
use crate::rules::codes::SHORT_BREAKS;
use crate::rules::codes::TEMPORARY;
use crate::rules::codes::is;
use crate::rules::codes::one_of_any_case;
use crate::rules::episodes_and_children::check_with_previous;
use crate::rules::episodes_and_children::children;
use crate::rules::episodes_and_children::distance_changed;
use crate::rules::episodes_and_children::previous_episodes;
use crate::rules::episodes_and_children::uasc_this_or_last_year;
use crate::rules::reporting::report_set;
use crate::validate::Context;
use crate::validate::Findings;
use crate::validate::Needs;
use crate::validate::Rule;
use crate::validate::blank;
use crate::validate::date;
use crate::validate::each_row;
use crate::years::Years;
use std::collections::BTreeSet;

/// Two values that are the same code (case and spaces aside).
fn same_text(a: &str, b: &str) -> bool {
    fn norm(v: &str) -> impl Iterator<Item = char> + '_ {
        v.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
    }
    a == b || norm(a).eq(norm(b))
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
            if one_of_any_case(eps.value(temp, "PLACE"), TEMPORARY)
                && (!is(eps.value(after, "RNE"), "P")
                    || !same_text(eps.value(after, "PLACE"), eps.value(before, "PLACE"))
                    || (with_postcode
                        && !same_text(eps.value(after, "PL_POST"), eps.value(before, "PL_POST"))))
            {
                failing.insert(after);
            }
        }
    }
    report_set(out, eps, &failing);
}

/// Rule 392b: looked after other than under V3/V4, never UASC this year or
/// last year, and a postcode is missing.
fn postcodes_missing(ctx: &Context<'_>, out: &mut Findings) {
    let uasc = uasc_this_or_last_year(ctx);
    each_row(ctx, out, Table::Episodes, |t, r| {
        !one_of_any_case(t.value(r, "LS"), SHORT_BREAKS)
            && !uasc.contains(t.value(r, "CHILD"))
            && (blank(t.value(r, "HOME_POST")) || blank(t.value(r, "PL_POST")))
    })
}

/// A value as compared between two episodes: case and spaces do not count
/// (`LE1 1AA` and `le11aa` are the same postcode).
fn norm(value: &str) -> impl Iterator<Item = char> + '_ {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
}

/// Whether two rows of a table hold the same value in a column.
fn same_in(data: &TableData, a: usize, b: usize, column: &str) -> bool {
    let (a, b) = (data.value(a, column), data.value(b, column));
    a == b || norm(a).eq(norm(b))
}

/// The placement details an episode records: a change in any of them is a
/// change of placement.
const PLACEMENT: [&str; 4] = ["PLACE", "PL_POST", "URN", "PLACE_PROVIDER"];

/// Whether the placement details are the same in both episodes.
fn same_placement(data: &TableData, a: usize, b: usize) -> bool {
    PLACEMENT.iter().all(|c| same_in(data, a, b, c))
}

/// Rules 452 and 453: each child's first episode this year, continuing
/// (same reason for new episode) last year's last episode, left open,
/// reported when `differs` says the derived placement details disagree.
/// "Open" is as each rule's reference reads it: 452 a blank end date, 453 an
/// end date that is not a date.
fn continues_last_year_but_differs(
    ctx: &Context<'_>,
    out: &mut Findings,
    open: fn(&str) -> bool,
    differs: fn(&Placement<'_>, &Placement<'_>) -> bool,
) {
    let (Some(eps), Some(prev)) = (
        ctx.table(Table::Episodes),
        ctx.previous.and_then(|p| p.table(Table::Episodes)),
    ) else {
        return;
    };
    for &(r, p) in ctx.first_with_last_years() {
        if same_rne(eps, r, prev, p)
            && open(prev.value(p, "DEC"))
            && differs(&ctx.placement(r), &ctx.previous_placement(p))
        {
            out.row(eps, r);
        }
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

/// A postcode for comparison: without spaces, in capitals.
fn normalised_postcode(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Rule 411: the placement is IN the council's area, yet its authority is
/// not the council.
fn location_disagrees(p: &Placement<'_>, la: &str) -> bool {
    p.location == Some(Location::In) && p.la != Some(la)
}

pub(crate) static RULES: &[Rule] = &[
    Rule {
        // PL_DISTANCE, derived from the two postcodes, must be from 0 to
        // 999.9 miles, except for children who are or were UASC (this year
        // or last). A distance derived within the UK always is: this guards
        // the derivation.
        code: "164",
        message: "Distance is not valid. Please check a valid postcode has been entered. [NOTE: This check will result in false positives for children formerly UASC not identified as such in loaded data]",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            let uasc = super::episodes_and_children::uasc_this_or_last_year(ctx);
            each_placed(ctx, out, |t, r, p| {
                p.distance.is_some_and(|d| !(0.0..=999.9).contains(&d))
                    && !uasc.contains(t.value(r, "CHILD"))
            })
        },
    },
    Rule {
        // PL_LA, derived from the placement postcode, is missing outside
        // short breaks (V3, V4): the postcode is blank, unknown, or has no
        // authority.
        code: "169",
        message: "Local Authority (LA) of placement is not valid or is missing. Please check a valid postcode has been entered.",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |t, r, p| {
                !short_break(t.value(r, "LS")) && p.la.is_none()
            })
        },
    },
    Rule {
        // PL_LOCATION, derived from the placement postcode, is missing
        // outside short breaks (V3, V4).
        code: "179",
        message: "Placement location code is not a valid code.",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |t, r, p| {
                !short_break(t.value(r, "LS")) && p.location.is_none()
            })
        },
    },
    Rule {
        code: "214",
        message: "Placement location information not required.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "LS"), &["V3", "V4"])
                    && (!blank(t.value(r, "PL_POST")) || !blank(t.value(r, "URN")))
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
                !one_of_any_case(t.value(r, "LS"), SHORT_BREAKS)
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
    Rule {
        code: "398",
        message: "Distance field completed but child looked after under legal status V3 or V4.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            each_row(ctx, out, Table::Episodes, |t, r| {
                one_of_any_case(t.value(r, "LS"), SHORT_BREAKS)
                    && (!blank(t.value(r, "HOME_POST")) || !blank(t.value(r, "PL_POST")))
            })
        },
    },
    Rule {
        code: "434",
        message: "Reason for new episode is that child's legal status has changed but not the placement, but this is not reflected in the episode data.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                one_of_any_case(t.value(cur, "RNE"), &["L"])
                    && (same_in(t, prev, cur, "LS") || !same_placement(t, prev, cur))
            })
        },
    },
    Rule {
        code: "435",
        message: "Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                one_of_any_case(t.value(cur, "RNE"), &["P", "T"])
                    && (!same_in(t, prev, cur, "LS") || same_placement(t, prev, cur))
            })
        },
    },
    Rule {
        code: "436",
        message: "Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            check_with_previous(ctx, out, |t, prev, cur| {
                one_of_any_case(t.value(cur, "RNE"), &["B", "U"])
                    && (same_in(t, prev, cur, "LS") || same_placement(t, prev, cur))
            })
        },
    },
    Rule {
        // PL_LA of the first episode differs from that of last year's last,
        // open, episode with the same reason for new episode.
        code: "452",
        message: "Contradiction between local authority of placement code in the last episode of the previous year and in the first episode of the current year.",
        years: Years::ALWAYS,
        needs: Needs::PostcodesAndPreviousReturn,
        check: |ctx, out| {
            continues_last_year_but_differs(ctx, out, blank, |now, before| now.la != before.la)
        },
    },
    Rule {
        // PL_DISTANCE of the first episode is 0.2 miles or more from that
        // of last year's last, open, episode with the same reason for new
        // episode, or there is one now and there was none then.
        code: "453",
        message: "Contradiction between placement distance in the last episode of the previous year and in the first episode of the current year.",
        years: Years::ALWAYS,
        needs: Needs::PostcodesAndPreviousReturn,
        check: |ctx, out| {
            continues_last_year_but_differs(
                ctx,
                out,
                |dec| date(dec).is_none(),
                |now, before| distance_changed(now.distance, before.distance),
            )
        },
    },
    Rule {
        // 999.9 miles is the code the return once used for "not known".
        code: "454",
        message: "Placement distance from home is over 350 miles.",
        years: Years::since(2025),
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |_, _, p| {
                p.distance.is_some_and(|d| d > 350.0 && d != 999.9)
            })
        },
    },
    Rule {
        // As 453, whatever the reason for the new episode.
        code: "503G",
        message: "The distance in first episode does not match open episode at end of last year.",
        years: Years::ALWAYS,
        needs: Needs::PostcodesAndPreviousReturn,
        check: |ctx, out| {
            placement_differs_from_last_open(ctx, out, |now, before| {
                super::episodes_and_children::distance_changed(now.distance, before.distance)
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
        code: "392d",
        message: "Home and placement postcodes should not be same unless the placement type is P1.",
        years: Years::ALWAYS,
        needs: Needs::Nothing,
        check: |ctx, out| {
            // Both postcodes given and the same (ignoring spaces and case),
            // outside placements with parents (P1).
            each_row(ctx, out, Table::Episodes, |t, r| {
                let (home, placed) = (t.value(r, "HOME_POST"), t.value(r, "PL_POST"));
                !is(t.value(r, "PLACE"), "P1")
                    && !blank(home)
                    && !blank(placed)
                    && normalised_postcode(home) == normalised_postcode(placed)
            })
        },
    },
    Rule {
        // A child who is or was UASC (in this year's or last year's UASC
        // table) has no PL_DISTANCE: it is derived whenever both postcodes
        // are known.
        code: "406",
        message: "Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank. [NOTE: This check will result in false negatives for children formerly UASC not identified as such in loaded data]",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            // UASC this year or last: in either year's UASC table.
            let mut uasc = children(ctx.table(Table::Uasc));
            uasc.extend(children(ctx.previous.and_then(|p| p.table(Table::Uasc))));
            each_placed(ctx, out, |t, r, p| {
                p.distance.is_some() && uasc.contains(t.value(r, "CHILD"))
            })
        },
    },
    Rule {
        // PL_LOCATION IN, yet PL_LA not the council. Derived together from
        // the placement postcode they always agree; the check guards the
        // derivation.
        code: "411",
        message: "Placement location code disagrees with LA of placement.",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| each_placed(ctx, out, |_, _, p| location_disagrees(&p, ctx.la)),
    },
    Rule {
        // PL_LA, derived from the placement postcode, is given for a short
        // break (V3, V4).
        code: "420",
        message: "LA of placement completed but child is looked after under legal status V3 or V4.",
        years: Years::ALWAYS,
        needs: Needs::Postcodes,
        check: |ctx, out| {
            each_placed(ctx, out, |t, r, p| {
                short_break(t.value(r, "LS")) && p.la.is_some()
            })
        },
    },
];

#[cfg(test)]
mod tests;
