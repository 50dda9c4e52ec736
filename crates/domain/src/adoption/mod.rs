//! Adoption (issue 19): adopters from enquiry to approval (`adopters.rs`),
//! built on the households' `Adopter` role and its lifecycle WF-ADOPTER;
//! matching approved adopters with a child or sibling group and the
//! reverse (`matching.rs`); a match from the expression of interest to the
//! order (`matches.rs`) with its deadlines on the worklist
//! (`match_deadlines.rs`); sufficiency, the children waiting against the
//! adopters approved (`sufficiency.rs`); the child's pathway
//! (`child_pathway.rs`, its duties from the orders in `pathway_orders.rs`)
//! with its family finding (`family_finding.rs`), and
//! the regional adoption agency (`raa.rs`) with its figures per council
//! (`raa_figures.rs`).

pub mod adopters;
pub mod child_pathway;
pub mod family_finding;
pub mod match_deadlines;
pub mod matches;
pub mod matching;
mod pathway_orders;
pub mod raa;
pub mod raa_figures;
pub mod sufficiency;
