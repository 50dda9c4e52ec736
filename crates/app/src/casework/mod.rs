//! Casework use cases, with the same names as `domain::casework` and
//! `web::casework`: recording the activities the deadlines ask for
//! (`activities.rs`), amending or withdrawing a review (`reviews.rs`), and
//! writing, amending and withdrawing case notes (`notes.rs`).

mod activities;
mod notes;
mod reviews;

pub use activities::*;
pub use notes::*;
pub use reviews::*;
