pub mod carers;
pub mod reviews;
pub mod training;
