//! The care leavers' pages (the same names as `domain::leavers` and
//! `app::leavers`): a young person's leaving-care page with their status,
//! Pathway Plan and its reviews, Personal Adviser, activity, accommodation,
//! contact and flags, and the forms that record them (`record.rs`); the
//! care leavers' page with the "Pathway Plan missing" filter, the local
//! offer, SYPAC and feedback (`service.rs`). `forms.rs` describes forms as
//! tables for these pages and the education and health pages. A Staying Put
//! carer's or Supported Lodgings host's young person is recorded on the
//! household page (`hosting.rs`).

pub(crate) mod forms;
mod hosting;
mod record;
mod service;

pub(crate) use hosting::*;
pub(crate) use record::*;
pub(crate) use service::*;
