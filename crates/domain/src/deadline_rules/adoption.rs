//! Deadline rules from 30-adoption-fostering-kinship.md (CONV, ADOPT, RAA, FOST, KIN, SG, LEAVE, MISS).

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
