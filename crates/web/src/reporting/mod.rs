//! The performance pages, with the same names as `domain::reporting` and
//! `app::reporting`: every measure of a period with its target, RAG and
//! trend (`measures.rs`), and the children behind one figure; the
//! committee report of a period, for paper and for `permanence report`
//! (`committee.rs`).

mod committee;
mod measures;

pub(crate) use committee::committee_report;
pub use committee::{committee_report_document, performance_csv, performance_xlsx};
pub(crate) use measures::*;
