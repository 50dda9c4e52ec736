//! Adoption (issue 19): adopters from enquiry to approval (`adopters.rs`),
//! built on the households' `Adopter` role and its lifecycle WF-ADOPTER;
//! matching approved adopters with a child or sibling group and the
//! reverse (`matching.rs`); a match from the expression of interest to the
//! order (`matches.rs`); and sufficiency, the children waiting against the
//! adopters approved (`sufficiency.rs`).

pub mod adopters;
pub mod matches;
pub mod matching;
pub mod sufficiency;
