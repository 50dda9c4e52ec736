//! Contact after adoption and children missing from care: the letter
//! screener that reads each letterbox item for identifying information
//! before the coordinator forwards it (CONT-007), the letterbox agreement
//! built on the child's Contact Agreement with its exchanges, withdrawal
//! and suspension (WF-LETTERBOX, CONT-006 … CONT-011), and missing and
//! away episodes with their return home interviews, escalation and
//! exploitation screening (WF-MISSING, MISS-001 … MISS-007).

pub mod adoption_services;
pub mod letterbox;
pub mod life_story;
pub mod missing;
pub mod missing_figures;
pub mod screener;

use chrono::NaiveDate;

use crate::child::ChildId;
use crate::deadlines::Standing;
use crate::roles::Role;
use crate::subjects::{Subject, SubjectItem, SubjectKind};

/// Where a worklist line about a child's contact record leads and whose
/// list it is on.
pub struct LineOf<'a> {
    pub child_id: &'a ChildId,
    pub child_name: &'a str,
    /// The page under the child's record (`C1/missing`).
    pub record: String,
    pub team: Option<String>,
    pub as_of: NaiveDate,
}

impl LineOf<'_> {
    /// A worklist line due on `due`, under `rule`, for `responsible`.
    pub fn line(
        &self,
        rule: &'static str,
        title: String,
        due: NaiveDate,
        responsible: Role,
    ) -> SubjectItem {
        let days_left = (due - self.as_of).num_days();
        SubjectItem {
            subject: Subject {
                kind: SubjectKind::Child,
                id: self.child_id.as_str().to_owned(),
                name: self.child_name.to_owned(),
                record: self.record.clone(),
                role: None,
            },
            worker: None,
            team: self.team.clone(),
            rule: Some(rule),
            title,
            due,
            days_left,
            standing: if days_left < 0 {
                Standing::Overdue
            } else if days_left <= crate::worklist::HORIZON_DAYS {
                Standing::DueSoon
            } else {
                Standing::Upcoming
            },
            responsible: Some(responsible),
        }
    }
}
