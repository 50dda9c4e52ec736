pub mod carers;
pub mod kinship;
pub mod kinship_figures;
mod panel_quorum;
pub mod special_guardianship;
pub mod sufficiency;
