//! The audit trail: who did what to which record, and when.
//!
//! An audit event names the record by its identifier and describes the change
//! in codes and dates. It never holds names, dates of birth, addresses or free
//! text, so the trail can be read by an auditor without exposing a child.

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// The person (or process) on whose behalf a change is made.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The user's identifier (their sign-in name), or a process name such as `demo`.
    pub user_id: String,
    /// Where the request came from (an IP address, `api`, `cli`), if known.
    pub from: Option<String>,
}

impl Actor {
    pub fn new(user_id: impl Into<String>) -> Self {
        Self {
            user_id: user_id.into(),
            from: None,
        }
    }

    /// The same actor, acting from an address.
    pub fn from_address(mut self, from: impl Into<String>) -> Self {
        self.from = Some(from.into());
        self
    }
}

/// One entry in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: Timestamp,
    pub actor: String,
    /// What was done, as a use-case name (`admit_to_care`, `view_child`).
    pub action: String,
    /// The kind of record (`child`).
    pub record_type: String,
    /// The record's identifier.
    pub record_id: String,
    /// What changed, as JSON of codes and dates (see [`crate::journey::JourneyChange`]).
    pub details: String,
}
