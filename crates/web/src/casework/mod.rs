//! The casework pages, with the same names as `domain::casework` and
//! `app::casework`: recording the activities the deadlines ask for, and
//! amending or withdrawing them (`activities.rs`); a child's reviews amended or withdrawn (`reviews.rs`);
//! the chronology and its case notes, each amended or withdrawn on its own page (`notes.rs`).

mod activities;
mod notes;
mod reviews;

pub(crate) use activities::*;
pub(crate) use notes::*;
pub(crate) use reviews::*;
