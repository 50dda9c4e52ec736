pub mod carers;
pub mod kinship;
pub mod reviews;
pub mod special_guardianship;
pub mod kinship_figures;
