//! Performance reporting (chapter 40): the measures of a period computed
//! from the records, for analysts and managers, with the children behind
//! each figure (named only for those whose role lets them see the child),
//! and the committee report laid out as the RPT- entries describe.

mod committee;
mod measures;

pub use committee::*;
pub use measures::*;
