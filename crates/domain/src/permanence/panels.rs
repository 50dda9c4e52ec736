//! A sitting of a panel: its date, who attended, its agenda and its minutes
//! (PANEL-007, -008, -011, -014).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::permanence::referrals::{Attendance, ForumKind};

/// A panel meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub forum: ForumKind,
    pub date: NaiveDate,
    #[serde(default)]
    pub attendees: Vec<Attendance>,
    /// The referrals listed, by identifier, in agenda order.
    #[serde(default)]
    pub agenda: Vec<String>,
    #[serde(default)]
    pub minutes_approved: Option<NaiveDate>,
}

impl Meeting {
    /// A meeting with nobody recorded and nothing listed yet.
    pub fn new(forum: ForumKind, date: NaiveDate) -> Self {
        Self {
            forum,
            date,
            attendees: Vec::new(),
            agenda: Vec::new(),
            minutes_approved: None,
        }
    }

    /// The identifier a meeting is stored under: the forum and the date.
    pub fn id(&self) -> String {
        format!("{}-{}", self.forum.code(), self.date)
    }
}
