//! Adoption use cases (issue 19), one file per topic with the same names as
//! `domain::adoption` and `web::adoption`: adopters from enquiry to
//! approval (`adopters.rs`), matching them with children and the reverse,
//! with sufficiency (`matching.rs`), a match from the expression of
//! interest to the order (`matches.rs`), the child's adoption pathway
//! (`child_pathway.rs`) and the regional adoption agency (`raa.rs`).

mod adopters;
mod child_pathway;
mod matches;
mod matching;
mod raa;

pub use adopters::*;
pub use child_pathway::*;
pub use matches::*;
pub use matching::*;
pub use raa::*;
