pub mod kinship;
pub mod special_guardianship;
