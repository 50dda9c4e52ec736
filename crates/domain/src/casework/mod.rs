//! Casework: what a social worker, a health practitioner or the Virtual
//! School records about a child between reviews, so that the deadlines the
//! rules set can be met from the product ([`activities`]).

pub mod activities;
pub mod notes;
pub mod reviews;
