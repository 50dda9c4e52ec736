//! The Permanence Passport: what each family is entitled to
//! (`entitlements.rs`), the printed passport with its versions
//! (`passport.rs`), and the money: an immutable ledger in pence
//! (`ledger.rs`), payment types and routes (`payments.rs`), the funds
//! (`funds.rs`) and allowances (`allowances.rs`).

pub mod allowances;
pub mod entitlements;
pub mod funds;
pub mod ledger;
#[allow(clippy::module_inception)]
pub mod passport;
pub mod payments;
