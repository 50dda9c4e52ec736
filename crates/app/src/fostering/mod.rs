pub mod carers;
pub mod kinship;
pub mod kinship_figures;
pub mod special_guardianship;
