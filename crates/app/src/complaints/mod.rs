//! Complaints as use cases (`complaint.rs`, the same name as
//! `domain::complaints` and `web::complaints`): receiving one, taking its
//! steps, the list and the worklist lines. Every change is audited in its
//! transaction with codes and dates only (never the complainant's name),
//! every read of a complaint too.

mod annual;
mod complaint;

pub use annual::*;
pub use complaint::*;
