//! The Permanence Passport's pages: the entitlements and the family's
//! details (`entitlements.rs`), the printable passport with its versions
//! (`passport.rs`), and the money pages: balances and the finance export
//! (`ledger.rs`), a fund's account (`funds.rs`) and payments (`payments.rs`);
//! a family's support: assessments, plans, visits and calls and the rest
//! of the offer (`support.rs`, its forms in `support_forms.rs`, the
//! therapeutic fund and Adoption Support Fund awards in `support_money.rs`), and its
//! SGO or CAO allowances (`allowance.rs`; the two pages' forms post through
//! `household_forms.rs`); the configured rules and the
//! legal framework register they cite (`configuration.rs`).

pub mod allowance;
pub mod configuration;
pub mod entitlements;
pub mod funds;
pub mod household_forms;
pub mod ledger;
#[allow(clippy::module_inception)]
pub mod passport;
pub mod payments;
pub mod support;
pub mod support_forms;
pub mod support_money;
