//! Adoption use cases (issue 19), one file per topic with the same names as
//! `domain::adoption` and `web::adoption`: adopters from enquiry to
//! approval (`adopters.rs`), matching them with children and the reverse,
//! with sufficiency (`matching.rs`), and a match from the expression of
//! interest to the order (`matches.rs`).

mod adopters;
mod matches;
mod matching;

pub use adopters::*;
pub use matches::*;
pub use matching::*;
