//! The complaints pages (`complaint.rs`, the same name as
//! `domain::complaints` and `app::complaints`): the list with its form
//! recording a complaint received, and a complaint's page with its steps.

mod annual;
mod complaint;
mod steps;

pub(crate) use annual::*;
pub(crate) use complaint::*;
