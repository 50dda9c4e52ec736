//! The agency's own records as use cases (`records.rs`, the same name as
//! `domain::agency` and `web::agency`): the Statements of Purpose and the
//! free online courses, published and then reviewed or replaced, each
//! change audited in its transaction and saved at the version seen; and
//! the carers' training and events programme (`programme.rs`); and the
//! fostering service's calendar counted from them (`calendar.rs`).

mod calendar;
mod programme;
mod records;

pub use calendar::*;
pub use programme::*;
pub use records::*;
