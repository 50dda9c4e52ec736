//! DfE validation rules (see the module list in rules/mod.rs for the range).

#[allow(unused_imports)]
use crate::Table;
#[allow(unused_imports)]
use crate::validate::{ALL_YEARS, Context, Findings, Needs, Rule, blank, by_child, date, each_row};

pub(crate) static RULES: &[Rule] = &[];

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use crate::validate::testing::*;
}
