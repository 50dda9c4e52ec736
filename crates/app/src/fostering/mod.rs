pub mod carers;
pub mod kinship;
pub mod kinship_figures;
mod panel_quorum;
pub mod sufficiency;
pub mod special_guardianship;
