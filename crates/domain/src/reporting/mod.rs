//! Performance reporting (chapter 40): the measures computed from the
//! records for any period, each traceable to the children behind it.
//!
//! `conventions` holds what every measure follows (periods, polarity and
//! RAG, weighted three-year averages); `measures` the definitions and the
//! figure of a period; `children_in_care`, `visits_and_health`,
//! `missing_and_reviews`, `care_leavers`, `adoption` and
//! `adoption_activity` the measures of each section. A new section's measures come in as a file beside them and
//! rows of [`measures::MEASURES`].

mod adoption;
mod adoption_activity;
mod care_leavers;
mod children_in_care;
pub mod conventions;
pub mod measures;
mod missing_and_reviews;
mod visits_and_health;
