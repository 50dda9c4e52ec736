//! A household: the people who live together and the record the service
//! keeps of them as carers (or as a child's birth family): its members,
//! where it has lived, the checks on each member, the roles it holds and
//! the children linked to it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::checks::{Check, CheckError, CheckKind, CheckStanding};
use super::lifecycle::{HouseholdRole, RoleKind};
use super::person::{NewPerson, Person, PersonError};

/// An address the household lived at, from a date (to the next one's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub line: String,
    pub postcode: String,
    pub from: NaiveDate,
}

/// How a child is linked to a household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The child lives with the household's carers.
    PlacedWith,
    /// The household holds an order (SGO, CAO, adoption) for the child.
    SubjectOfOrder,
    /// A member of the household is the child's sibling.
    SiblingOf,
    /// A member of the household is the child's birth parent.
    BirthParentOf,
    /// KIN-106: the child lives with the household by an informal family
    /// and friends arrangement the family made themselves.
    InformalArrangement,
}

impl LinkKind {
    /// Every kind of link.
    pub const ALL: [LinkKind; 5] = [
        LinkKind::PlacedWith,
        LinkKind::SubjectOfOrder,
        LinkKind::SiblingOf,
        LinkKind::BirthParentOf,
        LinkKind::InformalArrangement,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            LinkKind::PlacedWith => "placed_with",
            LinkKind::SubjectOfOrder => "subject_of_order",
            LinkKind::SiblingOf => "sibling_of",
            LinkKind::BirthParentOf => "birth_parent_of",
            LinkKind::InformalArrangement => "informal_arrangement",
        }
    }

    /// The link in words, as "the child is ... the household".
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::PlacedWith => "Placed with the household",
            LinkKind::SubjectOfOrder => "Subject of the household's order",
            LinkKind::SiblingOf => "Sibling of a member",
            LinkKind::BirthParentOf => "Child of a member (birth parent)",
            LinkKind::InformalArrangement => {
                "Lives with the household by an informal family and friends arrangement"
            }
        }
    }

    /// The kind with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A child linked to the household, from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildLink {
    pub child_id: String,
    pub kind: LinkKind,
    pub from: NaiveDate,
}

/// A household's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    /// `H` and five digits (`H00042`).
    pub id: String,
    /// The name people know the household by ("the Patel family").
    pub name: String,
    /// The team that holds the household's record.
    pub team: String,
    /// The worker who holds it (its supervising social worker).
    pub worker: Option<String>,
    /// Oldest first; the last is where they live now.
    pub addresses: Vec<Address>,
    pub members: Vec<Person>,
    pub checks: Vec<Check>,
    pub roles: Vec<HouseholdRole>,
    pub links: Vec<ChildLink>,
    /// Tasks raised on the family's record (a court's request for a
    /// report, PATH-011), oldest first; done ones kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<FamilyTask>,
}

/// A task on a family's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyTask {
    /// What the task is, in words ("court report – private law CAO").
    pub kind: String,
    pub created: NaiveDate,
    /// The court's or other requester's reference.
    #[serde(default)]
    pub reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<NaiveDate>,
}

/// Why a change to a household was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HouseholdError {
    #[error("enter the household's name")]
    NoName,
    #[error(transparent)]
    Person(#[from] PersonError),
    #[error(transparent)]
    Check(#[from] CheckError),
    #[error("the household has no member {0}")]
    NoSuchMember(String),
    #[error("the household has no role {0}")]
    NoSuchRole(String),
    #[error("the child is already linked to the household that way")]
    AlreadyLinked,
    #[error("enter the first line of the address and its postcode")]
    NoAddress,
    #[error("a new address must start after the last one")]
    AddressOutOfOrder,
    #[error("the household has no task {0}")]
    NoSuchTask(usize),
    #[error("the task is already done")]
    TaskDone,
    #[error("a task is done on or after the day it was raised")]
    TaskBeforeCreated,
    #[error(
        "{0} lives with the household by an informal family and friends arrangement: the connected carers process does not apply unless the child is placed here as a looked-after child (KIN-106)"
    )]
    InformalArrangement(String),
    #[error(
        "{0} is not linked to the household by an informal family and friends arrangement (KIN-107)"
    )]
    NotInformal(String),
}

/// KIN-107: the task a welfare concern in an informal family and friends
/// arrangement raises.
pub const SECTION_17_TASK: &str = "Section 17 (child in need) assessment: welfare concern in an informal family and friends arrangement (KIN-107)";

/// One row of a household's checks table: the member, the check and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow<'a> {
    pub person: &'a Person,
    pub check: &'a Check,
    pub standing: CheckStanding,
}

impl Household {
    /// A new household with no members yet.
    pub fn new(
        id: String,
        name: &str,
        team: String,
        worker: Option<String>,
    ) -> Result<Household, HouseholdError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(HouseholdError::NoName);
        }
        Ok(Household {
            id,
            name: name.to_owned(),
            team,
            worker,
            addresses: Vec::new(),
            members: Vec::new(),
            checks: Vec::new(),
            roles: Vec::new(),
            links: Vec::new(),
            tasks: Vec::new(),
        })
    }

    /// PATH-011: logs a court's request, received on `received`, for a
    /// report in a private-law Child Arrangements Order application about
    /// this family. The family is known to the council (it has a record),
    /// so the report becomes a task on its record; no child becomes looked
    /// after. Returns the task's number (from 1).
    pub fn log_cao_report_request(&mut self, received: NaiveDate, reference: &str) -> usize {
        let task = crate::permanence::pathways::private_law_cao_report_task(received, true)
            .expect("a family with a record is known to the council");
        self.tasks.push(FamilyTask {
            kind: task.kind.to_owned(),
            created: task.created,
            reference: reference.trim().to_owned(),
            done: None,
        });
        self.tasks.len()
    }

    /// KIN-106: a connected person's role is not started for a household
    /// caring for a child by an informal family and friends arrangement,
    /// unless that child is also placed here as a looked-after child.
    pub fn connected_process_refused(&self, kind: RoleKind) -> Result<(), HouseholdError> {
        if kind != RoleKind::ConnectedPersonCarer {
            return Ok(());
        }
        let placed = |child: &str| {
            self.links
                .iter()
                .any(|l| l.kind == LinkKind::PlacedWith && l.child_id == child)
        };
        match self
            .links
            .iter()
            .find(|l| l.kind == LinkKind::InformalArrangement && !placed(&l.child_id))
        {
            Some(l) => Err(HouseholdError::InformalArrangement(l.child_id.clone())),
            None => Ok(()),
        }
    }

    /// KIN-107: a concern that services may be needed to safeguard or
    /// promote the welfare of `child`, living here by an informal family and
    /// friends arrangement, raised on `on`: a Section 17 assessment becomes
    /// a task on the family's record that day. Returns its number (from 1).
    pub fn raise_welfare_concern(
        &mut self,
        child: &str,
        on: NaiveDate,
    ) -> Result<usize, HouseholdError> {
        let child = child.trim();
        if !self
            .links
            .iter()
            .any(|l| l.kind == LinkKind::InformalArrangement && l.child_id == child)
        {
            return Err(HouseholdError::NotInformal(child.to_owned()));
        }
        self.tasks.push(FamilyTask {
            kind: SECTION_17_TASK.to_owned(),
            created: on,
            reference: child.to_owned(),
            done: None,
        });
        Ok(self.tasks.len())
    }

    /// Marks task `number` (from 1) done on `on`.
    pub fn complete_task(&mut self, number: usize, on: NaiveDate) -> Result<(), HouseholdError> {
        let task = number
            .checked_sub(1)
            .and_then(|i| self.tasks.get_mut(i))
            .ok_or(HouseholdError::NoSuchTask(number))?;
        if task.done.is_some() {
            return Err(HouseholdError::TaskDone);
        }
        if on < task.created {
            return Err(HouseholdError::TaskBeforeCreated);
        }
        task.done = Some(on);
        Ok(())
    }

    /// Adds a member; returns their identifier.
    pub fn add_member(
        &mut self,
        new: NewPerson,
        today: NaiveDate,
    ) -> Result<String, HouseholdError> {
        let id = format!("{}-P{}", self.id, self.members.len() + 1);
        let person = new.into_person(id.clone(), today)?;
        self.members.push(person);
        Ok(id)
    }

    /// The member with this identifier.
    pub fn member(&self, person_id: &str) -> Option<&Person> {
        self.members.iter().find(|p| p.id == person_id)
    }

    /// Records a check on a member.
    pub fn record_check(
        &mut self,
        person_id: &str,
        kind: CheckKind,
        done: NaiveDate,
        expires: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(), HouseholdError> {
        if self.member(person_id).is_none() {
            return Err(HouseholdError::NoSuchMember(person_id.to_owned()));
        }
        let check = Check::new(person_id.to_owned(), kind, done, expires, today)?;
        self.checks.push(check);
        Ok(())
    }

    /// The latest check of each kind on each member, with its standing: the
    /// one that counts (an older DBS check is replaced by a newer one).
    pub fn current_checks(&self, as_of: NaiveDate) -> Vec<CheckRow<'_>> {
        let mut out: Vec<CheckRow<'_>> = Vec::new();
        for person in &self.members {
            for kind in CheckKind::ALL {
                let latest = self
                    .checks
                    .iter()
                    .filter(|c| c.person_id == person.id && c.kind == kind)
                    .max_by_key(|c| c.done);
                if let Some(check) = latest {
                    out.push(CheckRow {
                        person,
                        check,
                        standing: check.standing(as_of),
                    });
                }
            }
        }
        out
    }

    /// Starts a role; returns its identifier.
    pub fn add_role(&mut self, kind: RoleKind, worker: Option<String>, on: NaiveDate) -> String {
        let id = format!("{}-R{}", self.id, self.roles.len() + 1);
        let role = HouseholdRole::start(id.clone(), kind, self.team.clone(), worker, on);
        self.roles.push(role);
        id
    }

    /// The role with this identifier, to take a step on.
    pub fn role_mut(&mut self, role_id: &str) -> Result<&mut HouseholdRole, HouseholdError> {
        self.roles
            .iter_mut()
            .find(|r| r.id == role_id)
            .ok_or_else(|| HouseholdError::NoSuchRole(role_id.to_owned()))
    }

    /// Links a child to the household.
    pub fn link_child(
        &mut self,
        child_id: &str,
        kind: LinkKind,
        from: NaiveDate,
    ) -> Result<(), HouseholdError> {
        if self
            .links
            .iter()
            .any(|l| l.child_id == child_id && l.kind == kind)
        {
            return Err(HouseholdError::AlreadyLinked);
        }
        self.links.push(ChildLink {
            child_id: child_id.to_owned(),
            kind,
            from,
        });
        Ok(())
    }

    /// Records a move to a new address (the history keeps the old ones).
    pub fn move_to(
        &mut self,
        line: &str,
        postcode: &str,
        from: NaiveDate,
    ) -> Result<(), HouseholdError> {
        let (line, postcode) = (line.trim(), postcode.trim().to_uppercase());
        if line.is_empty() || postcode.is_empty() {
            return Err(HouseholdError::NoAddress);
        }
        if self.addresses.last().is_some_and(|a| a.from >= from) {
            return Err(HouseholdError::AddressOutOfOrder);
        }
        self.addresses.push(Address {
            line: line.to_owned(),
            postcode,
            from,
        });
        Ok(())
    }

    /// The roles' codes with their states, as lists filter on them
    /// (`|foster_carer:approved|adopter:stage_one|`).
    pub fn role_codes(&self) -> String {
        let mut out = String::from("|");
        for r in &self.roles {
            out.push_str(r.kind.code());
            out.push(':');
            out.push_str(&r.stage);
            out.push('|');
        }
        out
    }

    /// What a search of households matches: its name, members' names and
    /// postcodes, lower case.
    pub fn search_text(&self) -> String {
        let mut parts = vec![self.name.to_lowercase()];
        parts.extend(self.members.iter().map(|m| m.name.to_lowercase()));
        parts.extend(self.addresses.iter().map(|a| a.postcode.to_lowercase()));
        parts.join(" | ")
    }

    /// What happened to the household, oldest first: moves, checks,
    /// children linked and every step its roles recorded.
    pub fn timeline(&self) -> Vec<(NaiveDate, String)> {
        let mut out: Vec<(NaiveDate, String)> = Vec::new();
        out.extend(
            self.addresses
                .iter()
                .map(|a| (a.from, format!("Moved to {}", a.postcode))),
        );
        for c in &self.checks {
            let who = self.member(&c.person_id).map_or("", |p| p.name.as_str());
            out.push((c.done, format!("{} of {who} done", c.kind.label())));
        }
        out.extend(
            self.links
                .iter()
                .map(|l| (l.from, format!("Child {}: {}", l.child_id, l.kind.label()))),
        );
        for r in &self.roles {
            out.push((r.started, format!("{}: started", r.kind.label())));
            out.extend(
                r.events
                    .iter()
                    .map(|e| (e.date, format!("{}: {}", r.kind.label(), e.kind.label()))),
            );
        }
        out.sort_by_key(|e| e.0);
        out
    }

    /// The children linked as placed with the household.
    pub fn placed_children(&self) -> impl Iterator<Item = &str> {
        self.links
            .iter()
            .filter(|l| l.kind == LinkKind::PlacedWith)
            .map(|l| l.child_id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn member(name: &str) -> NewPerson {
        NewPerson {
            name: name.into(),
            relationship: "carer".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_household_keeps_members_checks_roles_links_and_its_address_history() {
        let today = d("2026-12-07");
        let mut h =
            Household::new("H00001".into(), "The Okafor family", "Kinship".into(), None).unwrap();
        let a = h.add_member(member("Grace Okafor"), today).unwrap();
        let b = h.add_member(member("Sam Okafor"), today).unwrap();
        assert_eq!((a.as_str(), b.as_str()), ("H00001-P1", "H00001-P2"));
        h.record_check(
            &a,
            CheckKind::Dbs,
            d("2023-12-01"),
            Some(d("2026-12-01")),
            today,
        )
        .unwrap();
        h.record_check(
            &a,
            CheckKind::Dbs,
            d("2026-11-20"),
            Some(d("2029-11-20")),
            today,
        )
        .unwrap();
        h.record_check(
            &b,
            CheckKind::Dbs,
            d("2024-01-20"),
            Some(d("2027-01-20")),
            today,
        )
        .unwrap();
        assert_eq!(
            h.record_check("H00001-P9", CheckKind::Dbs, today, None, today),
            Err(HouseholdError::NoSuchMember("H00001-P9".into()))
        );
        let rows = h.current_checks(today);
        assert_eq!(rows.len(), 2, "the newer DBS check replaces the older");
        assert_eq!(rows[0].standing, CheckStanding::InDate);
        assert_eq!(rows[1].standing, CheckStanding::ExpiresSoon);
        let role = h.add_role(RoleKind::ConnectedPersonCarer, None, today);
        assert_eq!(role, "H00001-R1");
        assert_eq!(h.role_codes(), "|connected_person:referral|");
        h.link_child("C1", LinkKind::PlacedWith, today).unwrap();
        assert_eq!(
            h.link_child("C1", LinkKind::PlacedWith, today),
            Err(HouseholdError::AlreadyLinked)
        );
        assert_eq!(h.placed_children().collect::<Vec<_>>(), vec!["C1"]);
        h.move_to("1 High Street", "le1 1aa", d("2020-01-01"))
            .unwrap();
        assert_eq!(
            h.move_to("2 Low Road", "LE2 2BB", d("2019-01-01")),
            Err(HouseholdError::AddressOutOfOrder)
        );
        assert!(h.search_text().contains("le1 1aa") && h.search_text().contains("grace okafor"));
        let timeline = h.timeline();
        assert_eq!(
            timeline[0],
            (d("2020-01-01"), "Moved to LE1 1AA".to_owned())
        );
        assert_eq!(timeline.len(), 6);
    }
}
