//! Care leavers (chapter 30 section 7, chapter 10 section 10): who is one,
//! their record and Pathway Plan, and the service's own record.

pub mod hosting;
pub mod record;
pub mod service;
pub mod status;
