//! Care leavers' use cases, with the same names as `domain::leavers` and
//! `web::leavers`: a young person's record and Pathway Plan (`record.rs`),
//! the list of care leavers and the service's own record (`service.rs`).

mod hosting;
mod record;
mod service;

pub use hosting::*;
pub use record::*;
pub use service::*;
