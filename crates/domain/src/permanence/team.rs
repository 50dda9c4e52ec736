//! The team around the child (ROLE-011): the named people around a child in
//! care and the part each plays. The allocated social worker is the child's
//! own allocation (kept on the child); the others are recorded here, each
//! from a date and, when they leave the team, to a date with the reason.
//! Nobody is deleted: a person who leaves stays in the history.
//!
//! A plan is not ratified while the team has no IRO, or no carer (a carer
//! recorded here or a household the child is placed with).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The part a person plays in the team around the child, as ROLE-011 lists
/// them (the allocated social worker is the child's allocation, not a
/// member recorded here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    Iro,
    SupervisingSocialWorker,
    TeamManager,
    SupportWorker,
    Carer,
    SchoolContact,
    HealthContact,
    RightsOfficerOrAdvocate,
}

impl TeamRole {
    pub const ALL: [TeamRole; 8] = [
        TeamRole::Iro,
        TeamRole::SupervisingSocialWorker,
        TeamRole::TeamManager,
        TeamRole::SupportWorker,
        TeamRole::Carer,
        TeamRole::SchoolContact,
        TeamRole::HealthContact,
        TeamRole::RightsOfficerOrAdvocate,
    ];

    /// The stored code, also the form's value.
    pub fn code(self) -> &'static str {
        match self {
            TeamRole::Iro => "iro",
            TeamRole::SupervisingSocialWorker => "supervising_social_worker",
            TeamRole::TeamManager => "team_manager",
            TeamRole::SupportWorker => "support_worker",
            TeamRole::Carer => "carer",
            TeamRole::SchoolContact => "school_contact",
            TeamRole::HealthContact => "health_contact",
            TeamRole::RightsOfficerOrAdvocate => "rights_officer_or_advocate",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The part in words, as pages and letters say it.
    pub fn label(self) -> &'static str {
        match self {
            TeamRole::Iro => "Independent Reviewing Officer (IRO)",
            TeamRole::SupervisingSocialWorker => "Supervising social worker",
            TeamRole::TeamManager => "Team manager",
            TeamRole::SupportWorker => "Social work support worker",
            TeamRole::Carer => "Carer",
            TeamRole::SchoolContact => "School or Virtual School contact",
            TeamRole::HealthContact => "Health contact",
            TeamRole::RightsOfficerOrAdvocate => "Children's Rights Officer or advocate",
        }
    }

    /// The sign-in role a user must hold to take a part held by the
    /// council's own staff (chosen from a list); `None` for a part held by a
    /// person named in words (a carer, a school contact).
    pub fn staff_role(self) -> Option<crate::roles::Role> {
        use crate::roles::Role;
        match self {
            TeamRole::Iro => Some(Role::IndependentReviewingOfficer),
            TeamRole::SupervisingSocialWorker => Some(Role::SupervisingSocialWorker),
            TeamRole::TeamManager => Some(Role::TeamManager),
            _ => None,
        }
    }

    /// Whether the part is held by one of the council's own users.
    pub fn is_staff(self) -> bool {
        self.staff_role().is_some()
    }
}

/// One person in the team around the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// Numbered from 1 within the child's team, never reused.
    pub id: u64,
    pub role: TeamRole,
    /// The user who holds the part, for a part held by staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// The person's name, for a part not held by staff (a carer, a school
    /// contact); empty for staff, whose names come from the people list.
    #[serde(default)]
    pub name: String,
    /// How to reach them (a telephone, an email, an organisation).
    #[serde(default)]
    pub contact: String,
    pub from: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_because: Option<String>,
}

impl TeamMember {
    /// Whether the member is in the team on `on`.
    pub fn current_on(&self, on: NaiveDate) -> bool {
        self.from <= on && self.until.is_none_or(|u| u > on)
    }
}

/// A member to add: who, in which part, from when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub role: TeamRole,
    pub user: Option<String>,
    pub name: String,
    pub contact: String,
    pub from: NaiveDate,
}

/// The team around one child, with everyone who has been in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamAroundChild {
    pub members: Vec<TeamMember>,
}

/// Why a change to the team was refused, in words for the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamError(pub String);

impl std::fmt::Display for TeamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TeamAroundChild {
    /// The members in the team on `on`, in the order of ROLE-011's list.
    pub fn current(&self, on: NaiveDate) -> Vec<&TeamMember> {
        let mut out: Vec<&TeamMember> = self.members.iter().filter(|m| m.current_on(on)).collect();
        out.sort_by_key(|m| (m.role, m.from, m.id));
        out
    }

    /// Adds a member. A part held by staff names its user; any other names
    /// the person. The same user or name in the same part twice at once is
    /// refused. Returns the member's id.
    pub fn add(&mut self, new: NewMember) -> Result<u64, TeamError> {
        let name = new.name.trim().to_owned();
        let user = new
            .user
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty());
        if new.role.is_staff() && user.is_none() {
            return Err(TeamError(format!(
                "choose who is the child's {}",
                new.role.label().to_lowercase()
            )));
        }
        if !new.role.is_staff() && name.is_empty() {
            return Err(TeamError(format!(
                "enter the name of the child's {}",
                new.role.label().to_lowercase()
            )));
        }
        let same = |m: &&TeamMember| {
            m.role == new.role
                && m.until.is_none()
                && match &user {
                    Some(u) => m.user.as_deref() == Some(u.as_str()),
                    None => m.name.eq_ignore_ascii_case(&name),
                }
        };
        if self.members.iter().any(|m| same(&m)) {
            return Err(TeamError(format!(
                "this person is already in the team as {}",
                new.role.label()
            )));
        }
        let id = self.members.iter().map(|m| m.id).max().unwrap_or(0) + 1;
        self.members.push(TeamMember {
            id,
            role: new.role,
            user,
            name: if new.role.is_staff() {
                String::new()
            } else {
                name
            },
            contact: new.contact.trim().to_owned(),
            from: new.from,
            until: None,
            left_because: None,
        });
        Ok(id)
    }

    /// Records that member `id` left the team on `on`, with the reason.
    pub fn end(&mut self, id: u64, on: NaiveDate, reason: &str) -> Result<(), TeamError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(TeamError("enter why the person left the team".into()));
        }
        let member = self
            .members
            .iter_mut()
            .find(|m| m.id == id)
            .ok_or_else(|| TeamError(format!("the team has no member {id}")))?;
        if member.until.is_some() {
            return Err(TeamError("this person has already left the team".into()));
        }
        if on < member.from {
            return Err(TeamError(format!(
                "the date they left ({on}) is before they joined ({})",
                member.from
            )));
        }
        member.until = Some(on);
        member.left_because = Some(reason.to_owned());
        Ok(())
    }

    /// The child's IRO on `on`: the user of the latest IRO still in the team.
    pub fn iro(&self, on: NaiveDate) -> Option<&str> {
        self.current(on)
            .into_iter()
            .filter(|m| m.role == TeamRole::Iro)
            .max_by_key(|m| m.from)
            .and_then(|m| m.user.as_deref())
    }

    /// ROLE-011: what the team lacks before a plan may be ratified on `on`:
    /// an IRO, and a carer (recorded here, or `placed_with_household`: a
    /// household the child is placed with).
    pub fn missing_for_ratification(
        &self,
        on: NaiveDate,
        placed_with_household: bool,
    ) -> Vec<&'static str> {
        let has = |role| self.current(on).iter().any(|m| m.role == role);
        let mut missing = Vec::new();
        if !has(TeamRole::Iro) {
            missing.push("the team around the child has no IRO");
        }
        if !has(TeamRole::Carer) && !placed_with_household {
            missing.push("the team around the child has no carer");
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn iro(user: &str, from: &str) -> NewMember {
        NewMember {
            role: TeamRole::Iro,
            user: Some(user.into()),
            name: String::new(),
            contact: String::new(),
            from: d(from),
        }
    }

    fn carer(name: &str, from: &str) -> NewMember {
        NewMember {
            role: TeamRole::Carer,
            user: None,
            name: name.into(),
            contact: String::new(),
            from: d(from),
        }
    }

    #[test]
    fn role_011_a_plan_needs_an_iro_and_a_carer_in_the_team() {
        let mut team = TeamAroundChild::default();
        let on = d("2025-06-30");
        assert_eq!(
            team.missing_for_ratification(on, false),
            vec![
                "the team around the child has no IRO",
                "the team around the child has no carer"
            ]
        );
        team.add(iro("iro.one", "2025-01-01")).unwrap();
        assert_eq!(
            team.missing_for_ratification(on, false),
            vec!["the team around the child has no carer"]
        );
        assert!(team.missing_for_ratification(on, true).is_empty());
        team.add(carer("Sam Jones", "2025-02-01")).unwrap();
        assert!(team.missing_for_ratification(on, false).is_empty());
        // A carer who left before the date no longer counts.
        team.end(2, d("2025-05-01"), "placement ended").unwrap();
        assert_eq!(team.missing_for_ratification(on, false).len(), 1);
        // Nor does one who joins after it.
        team.add(carer("Ali Khan", "2025-07-01")).unwrap();
        assert_eq!(team.missing_for_ratification(on, false).len(), 1);
        assert!(
            team.missing_for_ratification(d("2025-07-01"), false)
                .is_empty()
        );
    }

    #[test]
    fn role_011_members_are_named_and_never_deleted() {
        let mut team = TeamAroundChild::default();
        assert!(
            team.add(carer("  ", "2025-01-01"))
                .unwrap_err()
                .0
                .contains("enter the name")
        );
        let mut no_user = iro("", "2025-01-01");
        no_user.user = None;
        assert!(team.add(no_user).unwrap_err().0.contains("choose who"));
        team.add(iro("iro.one", "2025-01-01")).unwrap();
        assert!(
            team.add(iro("iro.one", "2025-03-01"))
                .unwrap_err()
                .0
                .contains("already")
        );
        assert!(team.end(1, d("2025-02-01"), " ").is_err());
        assert!(team.end(1, d("2024-12-01"), "moved").is_err());
        team.end(1, d("2025-02-01"), "moved to another team")
            .unwrap();
        assert!(team.end(1, d("2025-03-01"), "again").is_err());
        team.add(iro("iro.two", "2025-02-01")).unwrap();
        assert_eq!(team.members.len(), 2);
        assert_eq!(team.iro(d("2025-01-15")), Some("iro.one"));
        assert_eq!(team.iro(d("2025-02-01")), Some("iro.two"));
    }
}
