//! A complaint and its lifecycle: a subset of WF-CMPL from Stage 1 to the
//! Stage 2 adjudication. Each step records the event the deadline rules
//! read: received starts CMPL-005, the Stage 1 response meets it and an
//! agreed extension or a Stage 2 request withdraws it; the Stage 2 request
//! starts CMPL-007 (refused when the matter is in care proceedings), the
//! adjudication meets it. A Stage 2 request names the external
//! Investigating Officer and the Independent Person (CMPL-007).
//!
//! The lines go on the worklist of the team complained about (CMPL-005 is
//! its team manager's) and of the service; the complaints manager keeps
//! the list of complaints.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::deadlines::EventKind::{self, *};
use crate::deadlines::{Event, SubjectFacts, open_deadlines};
use crate::permanence::workflow::{Refusal, State, Transition, Workflow};
use crate::roles::Role::{self, *};
use crate::subjects::{Subject, SubjectItem, SubjectKind};

/// Who the complainant is.
pub const COMPLAINANTS: &[(&str, &str)] = &[
    ("child", "A child or young person"),
    ("parent", "A parent or relative"),
    (
        "carer",
        "A carer (foster, kinship, adoptive or special guardian)",
    ),
    ("other", "Someone else on their behalf"),
];

const STAGE_ONE: &[Role] = &[ComplaintsManager, TeamManager, ServiceManager];
const MANAGER: &[Role] = &[ComplaintsManager];
const ADJUDICATOR: &[Role] = &[HeadOfService];

const fn t(
    name: &'static str,
    label: &'static str,
    from: &'static [&'static str],
    to: &'static str,
    roles: &'static [Role],
) -> Transition {
    Transition {
        name,
        label,
        from,
        to,
        roles,
    }
}

const fn s(code: &'static str, label: &'static str) -> State {
    State { code, label }
}

/// WF-CMPL from Stage 1 to the Stage 2 adjudication.
pub static CMPL: Workflow = Workflow {
    id: "WF-CMPL",
    title: "Statutory complaint",
    states: &[
        s("stage_one", "Stage 1: local resolution"),
        s("extension", "Stage 1: extension agreed"),
        s("stage_one_answered", "Stage 1 answered"),
        s("stage_two", "Stage 2 investigation"),
        s("adjudicated", "Stage 2 adjudicated"),
        s("refused", "Stage 2 refused (care proceedings)"),
        s("closed", "Closed"),
        s("withdrawn", "Closed - withdrawn"),
    ],
    transitions: &[
        t(
            "respond_stage_one",
            "Record the Stage 1 response",
            &["stage_one", "extension"],
            "stage_one_answered",
            STAGE_ONE,
        ),
        t(
            "agree_extension",
            "Record an extension the complainant agreed",
            &["stage_one"],
            "extension",
            STAGE_ONE,
        ),
        t(
            "request_stage_two",
            "Record a Stage 2 request",
            &["stage_one", "extension", "stage_one_answered"],
            "stage_two",
            MANAGER,
        ),
        t(
            "refuse_stage_two",
            "Refuse Stage 2 (the matter is in care proceedings)",
            &["stage_two"],
            "refused",
            MANAGER,
        ),
        t(
            "adjudicate",
            "Record the Stage 2 adjudication response",
            &["stage_two"],
            "adjudicated",
            ADJUDICATOR,
        ),
        t(
            "close",
            "Close the complaint",
            &["stage_one_answered", "adjudicated", "refused"],
            "closed",
            MANAGER,
        ),
        t(
            "withdraw",
            "Record the complaint withdrawn",
            &["stage_one", "extension", "stage_two"],
            "withdrawn",
            MANAGER,
        ),
    ],
};

/// The events each step records.
const STEP_EVENTS: &[(&str, EventKind)] = &[
    ("respond_stage_one", ComplaintStage1Responded),
    ("agree_extension", ComplaintStage1ExtensionAgreed),
    ("request_stage_two", ComplaintStage2Requested),
    ("refuse_stage_two", ComplaintStage2Refused),
    ("adjudicate", ComplaintStage2Responded),
    ("withdraw", ComplaintWithdrawn),
];

/// Whether receiving a complaint or a step of one records this event.
pub fn records_event(kind: EventKind) -> bool {
    kind == ComplaintStage1Received || STEP_EVENTS.iter().any(|(_, k)| *k == kind)
}

/// The step that records `event` (what clears a deadline met by it).
pub fn step_recording(event: EventKind) -> Option<&'static Transition> {
    STEP_EVENTS
        .iter()
        .find(|(_, k)| *k == event)
        .and_then(|(step, _)| CMPL.transition(step))
}

/// A complaint as a person records its receipt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewComplaint {
    pub complainant: String,
    /// A code of [`COMPLAINANTS`].
    pub complainant_is: String,
    /// The household the complainant is a member of, if the council holds one.
    pub household: Option<String>,
    pub team: String,
    pub received: NaiveDate,
}

/// Why a complaint or a step was refused, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComplaintError {
    #[error("enter the complainant's name")]
    NoName,
    #[error("select who the complainant is")]
    NoComplainantType,
    #[error("select the team the complaint is about")]
    NoTeam,
    #[error("the date cannot be in the future")]
    Future,
    #[error("the date cannot be before the complaint's last step")]
    BeforeLast,
    #[error(
        "a Stage 2 investigation needs both an Investigating Officer and an Independent Person"
    )]
    Stage2People,
}

/// Who investigates at Stage 2 (CMPL-007).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage2 {
    pub investigating_officer: String,
    pub independent_person: String,
}

/// A complaint received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    /// `CMP` and five digits.
    pub id: String,
    pub complainant: String,
    pub complainant_is: String,
    pub household: Option<String>,
    /// The team the complaint is about (its manager answers Stage 1).
    pub team: String,
    pub received: NaiveDate,
    /// The code of its WF-CMPL state.
    pub stage: String,
    pub last_step: NaiveDate,
    pub stage_two: Option<Stage2>,
    pub events: Vec<Event>,
}

impl Complaint {
    /// A complaint received at Stage 1.
    pub fn receive(
        id: String,
        new: NewComplaint,
        today: NaiveDate,
    ) -> Result<Complaint, ComplaintError> {
        let complainant = new.complainant.trim().to_owned();
        if complainant.is_empty() {
            return Err(ComplaintError::NoName);
        }
        if !COMPLAINANTS.iter().any(|(c, _)| *c == new.complainant_is) {
            return Err(ComplaintError::NoComplainantType);
        }
        if new.team.trim().is_empty() {
            return Err(ComplaintError::NoTeam);
        }
        if new.received > today {
            return Err(ComplaintError::Future);
        }
        Ok(Complaint {
            id,
            complainant,
            complainant_is: new.complainant_is,
            household: new.household.filter(|h| !h.trim().is_empty()),
            team: new.team.trim().to_owned(),
            received: new.received,
            stage: CMPL.states[0].code.to_owned(),
            last_step: new.received,
            stage_two: None,
            events: vec![Event {
                date: new.received,
                kind: ComplaintStage1Received,
            }],
        })
    }

    /// The state in words.
    pub fn stage_label(&self) -> &str {
        CMPL.label(&self.stage)
    }

    /// Whether the complaint is still open.
    pub fn is_open(&self) -> bool {
        !matches!(self.stage.as_str(), "closed" | "withdrawn")
    }

    /// The steps `user` may take now.
    pub fn moves(&self, user: &User) -> Vec<&'static Transition> {
        CMPL.available(&self.stage, &[user.role])
    }

    /// Takes the step `name` on `date` as `user` (a Stage 2 request with
    /// its investigators); returns the new state.
    pub fn take(
        &mut self,
        user: &User,
        name: &str,
        date: NaiveDate,
        today: NaiveDate,
        stage_two: Option<Stage2>,
    ) -> Result<&str, Refusal> {
        let step = CMPL.take(&self.stage, name, &[user.role])?;
        let refuse = |e: ComplaintError| Refusal::NotNow(e.to_string());
        if date > today {
            return Err(refuse(ComplaintError::Future));
        }
        if date < self.last_step {
            return Err(refuse(ComplaintError::BeforeLast));
        }
        if step.name == "request_stage_two" {
            match stage_two {
                Some(p)
                    if !p.investigating_officer.trim().is_empty()
                        && !p.independent_person.trim().is_empty() =>
                {
                    self.stage_two = Some(p);
                }
                _ => return Err(refuse(ComplaintError::Stage2People)),
            }
        }
        self.stage = step.to.to_owned();
        self.last_step = date;
        self.events.extend(
            STEP_EVENTS
                .iter()
                .filter(|(s, _)| *s == step.name)
                .map(|&(_, kind)| Event { date, kind }),
        );
        Ok(&self.stage)
    }

    /// The name people know it by.
    pub fn name(&self) -> String {
        format!("Complaint {} from {}", self.id, self.complainant)
    }

    /// The complaint's open deadlines on `as_of`, as worklist lines on its
    /// team's list.
    pub fn deadlines(&self, as_of: NaiveDate) -> Vec<SubjectItem> {
        open_deadlines(
            &crate::deadline_rules::RULES,
            &self.events,
            SubjectFacts::default(),
        )
        .into_iter()
        .filter(|d| d.met.is_none())
        .map(|d| SubjectItem {
            subject: Subject {
                kind: SubjectKind::Complaint,
                id: self.id.clone(),
                name: self.name(),
                record: self.id.clone(),
                role: None,
            },
            worker: None,
            team: Some(self.team.clone()),
            rule: Some(d.rule.id),
            title: d.rule.title.to_owned(),
            due: d.due,
            days_left: d.days_left(as_of),
            standing: d.standing(as_of),
            responsible: Some(d.rule.responsible),
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadlines::Standing;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn user(role: Role) -> User {
        User {
            username: "u".into(),
            display_name: "U".into(),
            role,
            team: None,
            worker_id: None,
        }
    }

    fn received() -> Complaint {
        Complaint::receive(
            "CMP00001".into(),
            NewComplaint {
                complainant: "Jo Carer".into(),
                complainant_is: "carer".into(),
                household: None,
                team: "Fostering".into(),
                received: d("2025-03-03"),
            },
            d("2025-03-03"),
        )
        .unwrap()
    }

    #[test]
    fn cmpl_005_a_complaint_received_2025_03_03_is_due_2025_03_31_and_a_response_meets_it() {
        let mut c = received();
        let due = c.deadlines(d("2025-04-01"));
        assert_eq!(due.len(), 1);
        assert_eq!(
            (due[0].rule, due[0].due),
            (Some("CMPL-005"), d("2025-03-31"))
        );
        assert_eq!(due[0].standing, Standing::Overdue);
        // Only the roles of Stage 1 answer it.
        assert!(
            c.take(
                &user(SocialWorker),
                "respond_stage_one",
                d("2025-03-20"),
                d("2025-04-01"),
                None
            )
            .is_err()
        );
        c.take(
            &user(TeamManager),
            "respond_stage_one",
            d("2025-03-20"),
            d("2025-04-01"),
            None,
        )
        .unwrap();
        assert!(c.deadlines(d("2025-04-01")).is_empty());
    }

    #[test]
    fn cmpl_007_stage_two_needs_both_investigators_and_is_due_in_65_working_days() {
        let mut c = received();
        let cm = user(ComplaintsManager);
        assert!(
            c.take(
                &cm,
                "request_stage_two",
                d("2025-04-01"),
                d("2025-04-01"),
                None
            )
            .is_err()
        );
        let people = Stage2 {
            investigating_officer: "An Investigator".into(),
            independent_person: "An Independent".into(),
        };
        c.take(
            &cm,
            "request_stage_two",
            d("2025-04-01"),
            d("2025-04-01"),
            Some(people),
        )
        .unwrap();
        let due = c.deadlines(d("2025-04-02"));
        assert_eq!(due.len(), 1, "the Stage 2 request ends Stage 1's clock");
        assert_eq!(
            (due[0].rule, due[0].due),
            (Some("CMPL-007"), d("2025-07-07"))
        );
        c.take(
            &user(HeadOfService),
            "adjudicate",
            d("2025-07-01"),
            d("2025-07-01"),
            None,
        )
        .unwrap();
        assert!(c.deadlines(d("2025-07-08")).is_empty());
        assert_eq!(c.stage_label(), "Stage 2 adjudicated");
    }
}
