//! Performance reporting (chapter 40): the measures computed from the
//! records for any period, each traceable to the children behind it.
//!
//! `conventions` holds what every measure follows (periods, polarity and
//! RAG, weighted three-year averages); `measures` the definitions and the
//! figure of a period; `children_in_care`, `visits_and_health`,
//! `missing_and_reviews`, `care_leavers`, `adoption` and
//! `adoption_activity` and `adoption_decisions` the measures of each
//! section about children;
//! `carers` (fostering, kinship, special guardianship, adopters) and
//! `complaints` those read from households' roles and complaints
//! (`special_guardianship` the calls to special guardians);
//! `virtual_school` the Virtual School's; `committee_layout` the committee
//! report's layout (RPT-) and `costs_and_context` its cost and context
//! tables. A new section's measures come in as a file beside them and rows
//! of [`measures::MEASURES`] (`catalogue/`, a file a section); a measure
//! whose records the service does not keep is a row saying why.

mod adoption;
mod adoption_activity;
mod adoption_decisions;
mod care_leavers;
mod carers;
mod catalogue;
mod children_in_care;
pub mod committee_layout;
mod complaints;
pub mod conventions;
mod costs;
pub mod costs_and_context;
pub mod measures;
mod missing_and_reviews;
mod needs;
mod special_guardianship;
mod virtual_school;
mod visits_and_health;
