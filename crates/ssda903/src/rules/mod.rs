//! The DfE's validation rules, a file per range of codes. Each rule is a
//! `Rule` with its code, message, years and check, and has tests named after
//! its code with a passing and a failing case.

mod deprivation_of_liberty;
pub(crate) mod placement;
mod r100;
mod r200;
mod r300;
mod r400;
mod r500;
mod r_extra;
mod r_internal;
mod r_letters;
mod r_uasc;

use crate::validate::Rule;

/// Every group of rules.
pub(crate) static ALL: &[&[Rule]] = &[
    r100::RULES,
    r200::RULES,
    r300::RULES,
    r400::RULES,
    r500::RULES,
    r_extra::RULES,
    r_internal::RULES,
    r_letters::RULES,
    r_uasc::RULES,
    deprivation_of_liberty::RULES,
];
