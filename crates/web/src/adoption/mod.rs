//! The adoption pages (issue 19), one file per topic with the same names
//! as `domain::adoption` and `app::adoption`: adopters from enquiry to
//! approval (`adopters.rs`), matching them with children (`matching.rs`).

mod adopters;
mod matching;

pub(crate) use adopters::*;
pub(crate) use matching::*;
