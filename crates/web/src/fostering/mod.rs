pub mod carers;
pub mod reviews;
