//! The agency's own records' pages (`records.rs`, the same name as
//! `domain::agency` and `app::agency`): the list with its form publishing
//! one, and a record's page recording its review or replacement; and the
//! carers' training and events programme (`programme.rs`).

mod programme;
mod records;

pub(crate) use programme::*;
pub(crate) use records::*;
