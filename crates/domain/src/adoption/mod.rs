//! Adoption (issue 19): adopters from enquiry to approval (`adopters.rs`),
//! built on the households' `Adopter` role and its lifecycle WF-ADOPTER, and
//! matching approved adopters with a child or sibling group (`matching.rs`);
//! the child's pathway (`child_pathway.rs`) with its family finding
//! (`family_finding.rs`), and the regional adoption agency (`raa.rs`) with
//! its figures per council (`raa_figures.rs`).

pub mod adopters;
pub mod child_pathway;
pub mod family_finding;
pub mod matching;
pub mod raa;
pub mod raa_figures;
