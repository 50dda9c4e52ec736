//! Deadline rules from 10-passport-and-support.md (PASS, ASSESS, PAY, VISIT, EDU, HLTH, CONT, TRAIN, KIN (101+), LEAVE (101+), GEN).

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
