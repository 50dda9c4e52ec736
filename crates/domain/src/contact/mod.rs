//! Contact after adoption and children missing from care: the letter
//! screener that reads each letterbox item for identifying information
//! before the coordinator forwards it (CONT-007), the letterbox agreement
//! built on the child's Contact Agreement with its exchanges, withdrawal
//! and suspension (WF-LETTERBOX, CONT-006 … CONT-011), and missing and
//! away episodes with their return home interviews, escalation and
//! exploitation screening (WF-MISSING, MISS-001 … MISS-007).

pub mod letterbox;
pub mod missing;
pub mod screener;
