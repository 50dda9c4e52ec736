pub mod carers;
pub mod concerns;
pub mod kinship;
pub mod reviews;
pub mod special_guardianship;
pub mod training;
