//! Complaints under the statutory children's procedure (WF-CMPL): a
//! complaint received, answered at Stage 1 within 20 working days
//! (CMPL-005), or investigated and adjudicated at Stage 2 within 65
//! (CMPL-007). The complainant is a person (a carer, a parent, a young
//! person), named on the complaint and, when they are a member of a
//! household the council holds, linked to it.

pub mod annual;
pub mod complaint;
pub mod resolution;
