//! The households pages, one file per topic with the same names as
//! `domain::households` and `app::households`: a household's record and
//! adding one (`household.rs`), its roles and their steps (`lifecycle.rs`),
//! the list with its filters and CSV (`list.rs`), its lines of the worklist
//! (`deadlines.rs`), its JSON API entries (`api.rs`) and the approved
//! carers without a supervising social worker (`carers.rs`, ROLE-003) and
//! the tasks on the family's record (`tasks.rs`, PATH-011).

mod api;
mod carers;
mod deadlines;
mod household;
mod lifecycle;
mod list;
mod tasks;

pub(crate) use api::{
    adult_subject_access, household as api_household, households as api_households, openapi_paths,
};
pub(crate) use carers::*;
pub(crate) use deadlines::*;
pub(crate) use household::*;
pub(crate) use list::*;
pub(crate) use tasks::*;
