//! The subjects deadlines and worklists are about: a child (the care
//! journey, `worklist::Case`), a household, a role a household holds, a
//! meeting or a complaint. A [`SubjectItem`] is a worklist line about any of
//! them, with the subject's name so the worklist can say whose it is.
//!
//! Households and their roles have records (`households`); meetings have
//! theirs in `permanence::panels`; complaints theirs in `complaints`
//! (CMPL-005, CMPL-007); the service's own records, the Statements of
//! Purpose (GOV-029) and the free online courses (TRAIN-002), are in
//! `agency`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadlines::Standing;
use crate::roles::Role;
use crate::worklist::Scope;

/// What a deadline is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    Child,
    Household,
    Role,
    Meeting,
    Complaint,
    /// The service itself: a record the agency keeps (`agency`).
    Service,
}

impl SubjectKind {
    /// The kind in words.
    pub fn label(self) -> &'static str {
        match self {
            SubjectKind::Child => "Child",
            SubjectKind::Household => "Household",
            SubjectKind::Role => "Carer's role",
            SubjectKind::Meeting => "Meeting",
            SubjectKind::Complaint => "Complaint",
            SubjectKind::Service => "The service",
        }
    }
}

/// A subject: its kind, identifier, the name people know it by, and the
/// record its page is (a role's household).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    pub kind: SubjectKind,
    pub id: String,
    pub name: String,
    pub record: String,
    /// A role's kind, whose own page records what clears its lines (a
    /// foster carer's, an adopter's); None for other subjects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::households::lifecycle::RoleKind>,
}

/// One line of a worklist about any subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectItem {
    pub subject: Subject,
    pub worker: Option<String>,
    pub team: Option<String>,
    /// The spec rule that sets the timescale, if one does.
    pub rule: Option<&'static str>,
    pub title: String,
    pub due: NaiveDate,
    pub days_left: i64,
    pub standing: Standing,
    pub responsible: Option<Role>,
}

impl SubjectItem {
    /// Whether the item is on the worklist of `scope`.
    pub fn in_scope(&self, scope: &Scope) -> bool {
        match scope {
            Scope::Service => true,
            Scope::Team(t) => self.team.as_deref() == Some(t.as_str()),
            Scope::Worker(w) => self.worker.as_deref() == Some(w.as_str()),
        }
    }
}

/// Most urgent first, then by subject and rule.
pub fn sort_items(items: &mut [SubjectItem]) {
    items.sort_by(|a, b| (a.due, &a.subject.id, a.rule).cmp(&(b.due, &b.subject.id, b.rule)));
}
