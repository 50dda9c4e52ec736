//! The performance pages, with the same names as `domain::reporting` and
//! `app::reporting`: every measure of a period with its target, RAG and
//! trend (`measures.rs`), and the children behind one figure.

mod measures;

pub(crate) use measures::*;
