pub mod carers;
