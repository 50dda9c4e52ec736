//! Casework use cases, with the same names as `domain::casework` and
//! `web::casework`: recording the activities the deadlines ask for
//! (`activities.rs`).

mod activities;

pub use activities::*;
