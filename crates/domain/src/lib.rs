//! The rules of the permanence service, free of I/O: the SSDA903 code lists,
//! a child's care journey and its invariants, dates in England and the audit
//! trail's vocabulary. Everything else in the workspace depends on this crate
//! and on nothing of ours below it.

pub mod access;
pub mod adoption;
pub mod agency;
pub mod audit;
pub mod calendar;
pub mod casework;
pub mod census;
pub mod child;
pub mod codes;
pub mod complaints;
pub mod contact;
pub mod deadline_rules;
pub mod deadlines;
pub mod education;
pub mod fostering;
pub mod health;
pub mod households;
pub mod journey;
pub mod leavers;
pub mod passport;
pub mod permanence;
pub mod reporting;
pub mod roles;
pub mod subjects;
pub mod time;
pub mod worklist;

pub use chrono::NaiveDate;
