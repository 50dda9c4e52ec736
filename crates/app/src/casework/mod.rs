//! Casework use cases, with the same names as `domain::casework` and
//! `web::casework`: recording the activities the deadlines ask for
//! (`activities.rs`), and amending or withdrawing a review (`reviews.rs`).

mod activities;
mod notes;
mod reviews;

pub use activities::*;
pub use notes::*;
pub use reviews::*;
