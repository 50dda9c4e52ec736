//! The regional adoption agency (RAA-001 .. RAA-014): its member councils
//! over time, its board, workstreams and actions, the monthly regional
//! family-finding meetings, and the council's own adoption service records
//! kept beside it (the Permanence Team liaison meetings, ADOPT-005, and
//! overseas adoption enquiries, ADOPT-052). One document for the agency.
//!
//! Children of partner councils appear here only as their council and
//! that council's reference, never with a name: who may see what across
//! councils.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::child_pathway::{PathwayError, refuse};
use super::family_finding::month_of;

/// The agency's five aims, the headings of its report in their published
/// order (RAA-014).
pub const VISION: [&str; 5] = [
    "The widest range of trained adopters",
    "Matching that gives the best outcomes",
    "A consistent, high-quality professional service at all stages",
    "The same standard of adoption support across the region",
    "Councils, the agency and voluntary agencies maximising choice",
];

/// A council's membership of the agency (RAA-001), or of the agency that
/// came before it (RAA-012: a council served under an agreement until `left`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub council: String,
    pub joined: NaiveDate,
    pub left: Option<NaiveDate>,
    pub host: bool,
}

/// A Management Board decision: agreed only by consensus (RAA-003).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardDecision {
    pub date: NaiveDate,
    pub topic: String,
    pub dissenting: Vec<String>,
}

impl BoardDecision {
    pub fn status(&self) -> &'static str {
        if self.dissenting.is_empty() {
            "agreed"
        } else {
            "not agreed"
        }
    }
}

/// A workstream of the management meetings (RAA-004).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workstream {
    pub name: String,
    pub lead: String,
    pub every_months: u8,
}

/// A development action with its owner and due date (RAA-011).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyAction {
    pub title: String,
    pub owner: String,
    pub due: NaiveDate,
    pub done: Option<NaiveDate>,
}

impl AgencyAction {
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.done.is_none() && self.due < today
    }
}

/// A child discussed at a regional family-finding meeting (RAA-005,
/// RAA-013): one of the council's own (their identifier) or a partner's
/// (the partner's reference).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discussed {
    pub council: String,
    pub reference: String,
    pub match_identified: bool,
    pub placement_made: bool,
}

/// A monthly regional family-finding meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionalMeeting {
    pub date: NaiveDate,
    pub discussed: Vec<Discussed>,
}

/// The regional adoption agency and the council's records beside it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionalAgency {
    pub name: String,
    /// The council this service runs for: its ADM keeps its decisions (RAA-002).
    pub home: String,
    pub commenced: NaiveDate,
    /// The agency's earlier names, each until a date (RAA-012).
    pub former_names: Vec<(NaiveDate, String)>,
    pub members: Vec<Member>,
    pub board: Vec<BoardDecision>,
    pub workstreams: Vec<Workstream>,
    pub actions: Vec<AgencyAction>,
    pub meetings: Vec<RegionalMeeting>,
    /// Permanence Team liaison meetings: a team and the date (ADOPT-005).
    pub liaison: Vec<(String, NaiveDate)>,
    /// Enquiries to adopt from overseas, routed to the Service Manager (ADOPT-052).
    pub overseas_enquiries: Vec<NaiveDate>,
    /// The support offer every enquirer is told of at first contact (RAA-007).
    pub support_offer_link: String,
    /// ADOPT-055: the council's target of adopter approvals for a
    /// financial year (the year it starts).
    #[serde(default)]
    pub approval_targets: Vec<(i32, u32)>,
    /// ADOPT-046: the newsletters sent to adopters and the events held for
    /// them.
    #[serde(default)]
    pub adopter_offer: Vec<AdopterOffer>,
}

/// ADOPT-046: a newsletter to adopters or an event for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdopterOffer {
    pub date: NaiveDate,
    /// A newsletter issue (else an event).
    pub newsletter: bool,
    pub title: String,
}

/// ADOPT-046: what a calendar year must hold: two events, four newsletters.
pub const EVENTS_A_YEAR: usize = 2;
pub const NEWSLETTERS_A_YEAR: usize = 4;

/// ADOPT-055: the share of a target met, in whole per cent (rounded down).
pub fn attainment(target: u32, approvals: usize) -> Option<u32> {
    (target > 0).then(|| (approvals as u64 * 100 / u64::from(target)) as u32)
}

/// Something recorded on the agency's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgencyStep {
    Member(Member),
    Board(BoardDecision),
    Workstream(Workstream),
    Action(AgencyAction),
    ActionDone(usize, NaiveDate),
    Meeting(RegionalMeeting),
    Liaison(String, NaiveDate),
    OverseasEnquiry(NaiveDate),
    SupportOfferLink(String),
    /// ADOPT-055: the approvals target of the financial year starting in April of the year.
    ApprovalTarget(i32, u32),
    /// ADOPT-046: a newsletter sent or an event held.
    Offer(AdopterOffer),
}

fn required(field: &'static str, text: &str) -> Result<String, PathwayError> {
    let t = text.trim();
    if t.is_empty() {
        Err(refuse(field, "enter it"))
    } else {
        Ok(t.to_owned())
    }
}

impl RegionalAgency {
    /// RAA-012: the agency's name on a date.
    pub fn name_on(&self, date: NaiveDate) -> &str {
        self.former_names
            .iter()
            .filter(|(until, _)| date <= *until)
            .min_by_key(|(until, _)| *until)
            .map_or(self.name.as_str(), |(_, n)| n.as_str())
    }

    /// The councils that were members on `date`.
    pub fn members_on(&self, date: NaiveDate) -> Vec<&Member> {
        self.members
            .iter()
            .filter(|m| m.joined <= date && m.left.is_none_or(|l| date <= l))
            .collect()
    }

    /// RAA-001, RAA-012: whether a regional match with `council` may be
    /// recorded on `date`, and why not.
    pub fn check_partner(&self, council: &str, date: NaiveDate) -> Result<(), PathwayError> {
        let Some(m) = self.members.iter().find(|m| m.council == council) else {
            return Err(refuse(
                "council",
                format!("{council} is not a member council"),
            ));
        };
        if let Some(left) = m.left.filter(|l| date > *l) {
            return Err(refuse(
                "council",
                format!("{council}'s arrangement ended on {left}"),
            ));
        }
        if date < self.commenced && !self.former_names.iter().any(|(until, _)| date <= *until) {
            return Err(refuse(
                "council",
                format!("{} began on {}", self.name, self.commenced),
            ));
        }
        if date < m.joined {
            return Err(refuse(
                "council",
                format!("{council} joined on {}", m.joined),
            ));
        }
        Ok(())
    }

    /// Records a step, whole or not at all.
    pub fn apply(&mut self, step: AgencyStep, today: NaiveDate) -> Result<(), PathwayError> {
        match step {
            AgencyStep::Member(m) => {
                required("council", &m.council)?;
                self.members.retain(|x| x.council != m.council);
                self.members.push(m);
            }
            AgencyStep::Board(b) => {
                required("topic", &b.topic)?;
                self.board.push(b);
            }
            AgencyStep::Workstream(w) => {
                required("workstream", &w.name)?;
                required("lead", &w.lead)?;
                if w.every_months == 0 {
                    return Err(refuse(
                        "every_months",
                        "enter how many months apart it meets",
                    ));
                }
                self.workstreams.push(w);
            }
            AgencyStep::Action(a) => {
                required("title", &a.title)?;
                required("owner", &a.owner)?;
                self.actions.push(a);
            }
            AgencyStep::ActionDone(i, date) => {
                let a = self
                    .actions
                    .get_mut(i)
                    .ok_or_else(|| refuse("action", "no such action"))?;
                a.done = Some(date);
            }
            AgencyStep::Meeting(m) => {
                if m.date > today {
                    return Err(refuse("meeting_date", "cannot be in the future"));
                }
                if m.discussed.is_empty() {
                    return Err(refuse("discussed", "enter the children discussed"));
                }
                for d in &m.discussed {
                    if d.council != self.home {
                        self.check_partner(&d.council, m.date)?;
                    }
                }
                match self.meetings.iter_mut().find(|x| x.date == m.date) {
                    Some(held) => held.discussed.extend(m.discussed),
                    None => self.meetings.push(m),
                }
                self.meetings.sort_by_key(|m| m.date);
            }
            AgencyStep::Liaison(team, date) => {
                let team = required("team", &team)?;
                self.liaison.push((team, date));
            }
            AgencyStep::OverseasEnquiry(date) => self.overseas_enquiries.push(date),
            AgencyStep::SupportOfferLink(link) => {
                let link = required("link", &link)?;
                if !link.starts_with("https://") {
                    return Err(refuse("link", "enter a web address starting https://"));
                }
                self.support_offer_link = link;
            }
            AgencyStep::ApprovalTarget(year, target) => {
                if !(2000..=2100).contains(&year) {
                    return Err(refuse(
                        "year",
                        "enter the year the financial year starts, like 2025",
                    ));
                }
                if target == 0 {
                    return Err(refuse("target", "enter how many approvals are the target"));
                }
                self.approval_targets.retain(|(y, _)| *y != year);
                self.approval_targets.push((year, target));
                self.approval_targets.sort_unstable();
            }
            AgencyStep::Offer(o) => {
                required("title", &o.title)?;
                if o.date > today {
                    return Err(refuse("date", "cannot be in the future"));
                }
                self.adopter_offer.push(o);
                self.adopter_offer.sort_by_key(|o| o.date);
            }
        }
        Ok(())
    }

    /// ADOPT-055: the approvals target of the financial year starting in `year`.
    pub fn approval_target(&self, year: i32) -> Option<u32> {
        self.approval_targets
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, t)| *t)
    }

    /// ADOPT-046: the events and newsletters of calendar year `year`, and
    /// whether they make the year's offer (two events, four newsletters).
    pub fn offer_in(&self, year: i32) -> (usize, usize, bool) {
        let of_year: Vec<&AdopterOffer> = self
            .adopter_offer
            .iter()
            .filter(|o| chrono::Datelike::year(&o.date) == year)
            .collect();
        let newsletters = of_year.iter().filter(|o| o.newsletter).count();
        let events = of_year.len() - newsletters;
        (
            events,
            newsletters,
            events >= EVENTS_A_YEAR && newsletters >= NEWSLETTERS_A_YEAR,
        )
    }

    /// ADOPT-005: the teams with no liaison meeting in `month`.
    pub fn liaison_missing<'a>(&self, teams: &'a [String], month: NaiveDate) -> Vec<&'a String> {
        teams
            .iter()
            .filter(|t| {
                !self
                    .liaison
                    .iter()
                    .any(|(team, d)| team == *t && month_of(*d) == month_of(month))
            })
            .collect()
    }

    /// RAA-007: the acknowledgement every enquirer receives.
    pub fn acknowledgement(&self) -> String {
        format!(
            "Thank you for your enquiry about adoption with {}. The support available to adopters, before and after a child joins you, is described at {}.",
            self.name, self.support_offer_link
        )
    }

    /// RAA-013: children discussed at meetings from `from` to `to` with a
    /// match identified, and those whose placement was made.
    pub fn meeting_outcomes(
        &self,
        council: Option<&str>,
        (from, to): (NaiveDate, NaiveDate),
    ) -> (usize, usize) {
        let rows: Vec<&Discussed> = self
            .meetings
            .iter()
            .filter(|m| from <= m.date && m.date <= to)
            .flat_map(|m| &m.discussed)
            .filter(|d| council.is_none_or(|c| d.council == c))
            .collect();
        (
            rows.iter().filter(|d| d.match_identified).count(),
            rows.iter().filter(|d| d.placement_made).count(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn raa_012_the_agency_is_named_as_it_was_then() {
        let a = RegionalAgency {
            name: "Family Adoption Links".into(),
            former_names: vec![(
                d("2019-03-31"),
                "Leicestershire and Rutland Adoption Agency".into(),
            )],
            ..Default::default()
        };
        assert_eq!(
            a.name_on(d("2019-02-15")),
            "Leicestershire and Rutland Adoption Agency"
        );
        assert_eq!(a.name_on(d("2021-02-15")), "Family Adoption Links");
    }
}
