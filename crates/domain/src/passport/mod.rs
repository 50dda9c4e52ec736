//! The Permanence Passport: what each family is entitled to
//! (`entitlements.rs`), the printed passport with its versions
//! (`passport.rs`), and the money: an immutable ledger in pence
//! (`ledger.rs`), payment types and routes (`payments.rs`), the funds
//! (`funds.rs`) and allowances (`allowances.rs`, an SGO or CAO allowance's
//! life in `order_allowance.rs`); assessments of need and
//! support plans (`support.rs`), the support worker's visits and calls
//! (`checkins.rs`), the rest of the offer (`offer.rs`) and the legal
//! framework register the configured rules cite (`legal.rs`).

pub mod allowances;
pub mod checkins;
pub mod entitlements;
pub mod funds;
pub mod ledger;
pub mod legal;
pub mod offer;
pub mod order_allowance;
#[allow(clippy::module_inception)]
pub mod passport;
pub mod payments;
pub mod support;
