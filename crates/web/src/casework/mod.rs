//! The casework pages, with the same names as `domain::casework` and
//! `app::casework`: recording the activities the deadlines ask for, and
//! amending or withdrawing them (`activities.rs`).

mod activities;

pub(crate) use activities::*;
