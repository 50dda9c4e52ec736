//! Adoption use cases (issue 19), one file per topic with the same names as
//! `domain::adoption` and `web::adoption`: adopters from enquiry to
//! approval (`adopters.rs`), matching them with children (`matching.rs`),
//! the child's adoption pathway (`child_pathway.rs`) and the regional
//! adoption agency (`raa.rs`).

mod adopters;
mod child_pathway;
mod matching;
mod raa;

pub use adopters::*;
pub use child_pathway::*;
pub use matching::*;
pub use raa::*;
