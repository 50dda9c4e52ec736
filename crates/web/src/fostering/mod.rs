pub mod carers;
mod concerns;
pub mod kinship;
pub mod reviews;
pub mod special_guardianship;
