//! The Permanence Passport's use cases: what a worker records for a
//! family's entitlements (`entitlements.rs`) and opening the passport
//! with its versions (`passport.rs`).

pub mod entitlements;
#[allow(clippy::module_inception)]
pub mod passport;
