//! The ONS postcode directory: the local authority and grid reference of
//! each postcode, from which the placement's authority, location (in or out
//! of the council) and distance from home are derived.

/// The postcode directory as loaded for validation.
#[derive(Debug, Default)]
pub struct PostcodeDirectory {}
