//! Deadline rules from 40-performance-measures.md and 50-complaints-governance-other.md (KPI-*, RPT, CMPL, GOV, NEED, COST).

#[allow(unused_imports)]
use super::*;

/// This chapter's deadline rules.
pub(super) static RULES: &[DeadlineRule] = &[];

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;
    #[allow(unused_imports)]
    use crate::deadlines::{EventKind::*, Standing};
}
