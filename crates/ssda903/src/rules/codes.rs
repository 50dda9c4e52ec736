//! What the rules ask of a value: one of a list of codes, filled in; and the lists of codes several rules share.

use crate::TableData;
use crate::rules::ages::start_year;
use crate::validate::Context;
use crate::validate::Trimmed;
use crate::validate::blank;
use domain::codes::CodeList;

/// Whether a value is one of a code list's codes, in any case: the
/// reference upper-cases every value it reads, so `wbri` is WBRI to it, and
/// one code is one code to every rule.
pub(super) fn in_list<C: CodeList>(value: &str) -> bool {
    let v = value.trimmed();
    C::ALL.iter().any(|c| c.code().eq_ignore_ascii_case(v))
}

/// Whether a value is one of these codes, in any case (as [`in_list`]).
pub(super) fn one_of(value: &str, codes: &[&str]) -> bool {
    one_of_any_case(value, codes)
}

/// Whether SEX records a boy: `M` from 2024-25, `1` before.
pub(super) fn is_male(ctx: &Context<'_>, sex: &str) -> bool {
    is(sex, if start_year(ctx) >= 2024 { "M" } else { "1" })
}

/// Whether any of these columns of a row is filled in.
pub(super) fn any_filled(data: &TableData, row: usize, columns: &[&str]) -> bool {
    columns.iter().any(|c| !blank(data.value(row, c)))
}

/// Whether every one of these columns of a row is filled in.
pub(super) fn all_filled(data: &TableData, row: usize, columns: &[&str]) -> bool {
    columns.iter().all(|c| !blank(data.value(row, c)))
}

pub(super) const SHORT_BREAKS: &[&str] = &["V3", "V4"];

pub(super) const AD1_ITEMS: &[&str] = &[
    "DATE_INT",
    "DATE_MATCH",
    "FOSTER_CARE",
    "NB_ADOPTR",
    "SEX_ADOPTR",
    "LS_ADOPTR",
];

pub(super) const ZERO_ONE: &[&str] = &["0", "1"];

pub(super) const TEMPORARY: &[&str] = &["T0", "T1", "T2", "T3", "T4"];

pub(super) const ADOPTED: &[&str] = &["E11", "E12"];

/// Whether a value is one of these codes (the reference upper-cases what
/// it reads, so case does not matter).
pub(super) fn one_of_any_case(value: &str, codes: &[&str]) -> bool {
    let v = value.trimmed();
    codes.iter().any(|c| c.eq_ignore_ascii_case(v))
}

/// Whether a value is this code.
pub(super) fn is(value: &str, code: &str) -> bool {
    value.trimmed().eq_ignore_ascii_case(code)
}

/// Placement codes: placed for adoption.
pub(super) const PLACED_FOR_ADOPTION: &[&str] = &["A3", "A4", "A5", "A6"];

/// A flag as a number, as the DfE's validators read it (`1`, ` 1 `, `1.0`);
/// `None` when blank or not a number.
pub(super) fn numeric(flag: &str) -> Option<f64> {
    flag.trim().parse().ok()
}
