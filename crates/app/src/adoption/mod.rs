//! Adoption use cases (issue 19), one file per topic with the same names as
//! `domain::adoption` and `web::adoption`: adopters from enquiry to
//! approval (`adopters.rs`) and matching them with children (`matching.rs`).

mod adopters;
mod matching;

pub use adopters::*;
pub use matching::*;
