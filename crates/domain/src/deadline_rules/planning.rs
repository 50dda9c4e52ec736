//! Deadline rules from 20-permanence-planning.md (PRIN, PLAN, PATH, PANEL, TRACK, ROLE, DATA).

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
