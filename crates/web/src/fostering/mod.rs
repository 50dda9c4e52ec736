pub mod carers;
mod concerns;
pub mod kinship;
pub mod kinship_figures;
pub mod reviews;
pub mod special_guardianship;
pub mod sufficiency;
