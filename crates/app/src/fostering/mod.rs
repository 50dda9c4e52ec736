pub mod carers;
pub mod kinship;
pub mod special_guardianship;
pub mod kinship_figures;
