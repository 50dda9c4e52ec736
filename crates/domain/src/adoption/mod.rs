//! Adoption (issue 19): adopters from enquiry to approval (`adopters.rs`),
//! built on the households' `Adopter` role and its lifecycle WF-ADOPTER, and
//! matching approved adopters with a child or sibling group (`matching.rs`).

pub mod adopters;
pub mod matching;
