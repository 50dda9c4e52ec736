//! The adoption pages (issue 19), one file per topic with the same names
//! as `domain::adoption` and `app::adoption`: adopters from enquiry to
//! approval (`adopters.rs`), matching them with children and the reverse
//! (`matching.rs`), a match from the expression of interest to the order
//! (`matches.rs`), sufficiency (`sufficiency.rs`), the child's adoption
//! pathway and family finding (`child_pathway.rs`, its forms in
//! `child_pathway_form.rs`), and the regional adoption agency (`raa.rs`).

mod adopters;
mod child_pathway;
mod child_pathway_form;
mod matches;
mod matching;
mod raa;
mod sufficiency;

pub(crate) use adopters::*;
pub(crate) use child_pathway::*;
pub(crate) use matches::*;
pub(crate) use matching::*;
pub(crate) use raa::*;
pub(crate) use sufficiency::*;
