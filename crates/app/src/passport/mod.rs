//! The Permanence Passport's use cases: what a worker records for a
//! family's entitlements (`entitlements.rs`), opening the passport with its
//! versions (`passport.rs`), and the money: the ledger (`ledger.rs`),
//! additional and exempt payments (`payments.rs`), the therapeutic fund and
//! the Adoption Support Fund (`funds.rs`) and allowances (`allowances.rs`);
//! assessments of need, support plans, visits and calls and the rest of
//! the offer (`support.rs`); the configured rules and the legal framework
//! register they cite (`configuration.rs`).

pub mod allowances;
pub mod configuration;
pub mod entitlements;
pub mod funds;
pub mod ledger;
#[allow(clippy::module_inception)]
pub mod passport;
pub mod payments;
pub mod support;
