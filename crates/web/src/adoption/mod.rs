//! The adoption pages (issue 19), one file per topic with the same names
//! as `domain::adoption` and `app::adoption`: adopters from enquiry to
//! approval (`adopters.rs`), matching them with children and the reverse
//! (`matching.rs`), a match from the expression of interest to the order
//! (`matches.rs`), and sufficiency (`sufficiency.rs`).

mod adopters;
mod matches;
mod matching;
mod sufficiency;

pub(crate) use adopters::*;
pub(crate) use matches::*;
pub(crate) use matching::*;
pub(crate) use sufficiency::*;
