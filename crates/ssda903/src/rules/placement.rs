//! What the rules on the placement's authority, location and distance
//! share: each episode with its derived placement details
//! ([`Context::placement`]), and the first episode of each child this year
//! with last year's last ([`Context::first_with_last_years`]).

use crate::TableData;
use crate::postcodes::Placement;
use crate::validate::{Context, Findings};
use crate::{Table, validate::blank};

/// Whether a legal status is a short break (V3, V4), case and spaces aside.
pub(super) fn short_break(ls: &str) -> bool {
    let ls = ls.trim();
    ls.eq_ignore_ascii_case("V3") || ls.eq_ignore_ascii_case("V4")
}

/// Applies a check to every episode with its derived placement details,
/// reporting the rows it fails.
pub(super) fn each_placed(
    ctx: &Context<'_>,
    out: &mut Findings,
    fails: impl Fn(&TableData, usize, Placement<'_>) -> bool,
) {
    if let Some(eps) = ctx.table(Table::Episodes) {
        for r in 0..eps.len() {
            if fails(eps, r, ctx.placement(r)) {
                out.row(eps, r);
            }
        }
    }
}

/// Each child's first episode this year (earliest start, the first such row
/// on a tie) with last year's last (latest start), for children in both,
/// as rows of this year's and last year's Episodes, in this year's row order.
/// Rules use the shared copy, [`Context::first_with_last_years`].
pub(crate) fn first_with_last_years(ctx: &Context<'_>) -> Vec<(usize, usize)> {
    let (Some(eps), Some(prev)) = (
        ctx.table(Table::Episodes),
        ctx.previous.and_then(|p| p.table(Table::Episodes)),
    ) else {
        return Vec::new();
    };
    let last = super::episodes_and_children::latest_episode(ctx, prev);
    let mut pairs: Vec<(usize, usize)> = super::episodes_and_children::first_episode(ctx, eps)
        .iter()
        .filter_map(|(child, &r)| last.get(child).map(|&p| (r, p)))
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Whether two episodes have the same reason for new episode (both given).
pub(super) fn same_rne(eps: &TableData, r: usize, prev: &TableData, p: usize) -> bool {
    let (now, before) = (eps.value(r, "RNE"), prev.value(p, "RNE"));
    !blank(now) && now.trim().eq_ignore_ascii_case(before.trim())
}
