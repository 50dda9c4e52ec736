//! The complaints pages (`complaint.rs`, the same name as
//! `domain::complaints` and `app::complaints`): the list with its form
//! recording a complaint received, and a complaint's page with its steps.

mod complaint;

pub(crate) use complaint::*;
