pub mod allowances;
pub mod funds;
pub mod ledger;
pub mod payments;
