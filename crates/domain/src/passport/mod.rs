//! The Permanence Passport: what each family is entitled to
//! (`entitlements.rs`) and the printed passport with its versions
//! (`passport.rs`).

pub mod entitlements;
#[allow(clippy::module_inception)]
pub mod passport;
