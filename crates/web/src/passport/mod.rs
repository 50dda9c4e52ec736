//! The Permanence Passport's pages: the entitlements and the family's
//! details (`entitlements.rs`) and the printable passport with its
//! versions (`passport.rs`).

pub mod entitlements;
#[allow(clippy::module_inception)]
pub mod passport;
