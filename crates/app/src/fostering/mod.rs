pub mod carers;
pub mod kinship;
pub mod special_guardianship;
