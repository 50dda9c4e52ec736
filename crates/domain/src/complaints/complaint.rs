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

pub use super::resolution::*;

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

/// WF-CMPL: from receipt (a safeguarding concern leaves at once, CMPL-003)
/// through Stage 1, conciliation (CMPL-006), Stage 2, the Stage 3 panel
/// (CMPL-008) and the Ombudsman (CMPL-009), or out of the procedure
/// (CMPL-002, CMPL-004).
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
        s("safeguarding", "Safeguarding: refer to First Response now"),
        s("referred", "Referred to First Response"),
        s("nfa", "Closed - First Response took no further action"),
        s("concern", "Closed - a concern resolved locally"),
        s("redirected", "Closed - not accepted, redirected"),
        s("conciliation", "Conciliation meeting"),
        s("stage_three", "Stage 3 review panel"),
        s("stage_three_reviewed", "Stage 3 panel held"),
        s("ombudsman", "With the Ombudsman"),
        s("ombudsman_decided", "Ombudsman decided"),
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
            "offer_tm_meeting",
            "Record the team manager's meeting offered (an adoption complaint)",
            &["stage_one"],
            "stage_one",
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
            "offer_conciliation",
            "Record a conciliation meeting offered",
            &["extension", "stage_one_answered"],
            "conciliation",
            MANAGER,
        ),
        t(
            "request_stage_two",
            "Record a Stage 2 request",
            &[
                "stage_one",
                "extension",
                "stage_one_answered",
                "conciliation",
            ],
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
            "request_stage_three",
            "Schedule a Stage 3 review panel",
            &["adjudicated"],
            "stage_three",
            MANAGER,
        ),
        t(
            "hold_panel",
            "Record the Stage 3 panel held",
            &["stage_three"],
            "stage_three_reviewed",
            MANAGER,
        ),
        t(
            "refer_ombudsman",
            "Record a referral to the Ombudsman",
            &[
                "stage_one",
                "extension",
                "stage_one_answered",
                "conciliation",
                "stage_two",
                "adjudicated",
                "refused",
                "stage_three",
                "stage_three_reviewed",
            ],
            "ombudsman",
            MANAGER,
        ),
        t(
            "ombudsman_decides",
            "Record the Ombudsman's decision",
            &["ombudsman"],
            "ombudsman_decided",
            MANAGER,
        ),
        t(
            "close",
            "Close the complaint",
            &[
                "stage_one_answered",
                "adjudicated",
                "refused",
                "conciliation",
                "stage_three_reviewed",
                "ombudsman_decided",
            ],
            "closed",
            MANAGER,
        ),
        t(
            "withdraw",
            "Record the complaint withdrawn",
            &[
                "stage_one",
                "extension",
                "stage_two",
                "conciliation",
                "stage_three",
            ],
            "withdrawn",
            MANAGER,
        ),
        t(
            "refer_first_response",
            "Record the referral to First Response",
            &["safeguarding"],
            "referred",
            STAGE_ONE,
        ),
        t(
            "record_nfa",
            "Record First Response's no further action and the complainant told",
            &["referred"],
            "nfa",
            STAGE_ONE,
        ),
        t(
            "resolve_locally",
            "Record it as a concern resolved locally",
            &["stage_one"],
            "concern",
            STAGE_ONE,
        ),
        t(
            "redirect",
            "Record it not accepted and redirected",
            &["stage_one"],
            "redirected",
            MANAGER,
        ),
    ],
};

/// The states a complaint has ended in.
pub const ENDED: &[&str] = &["closed", "withdrawn", "nfa", "concern", "redirected"];

/// The events each step records.
const STEP_EVENTS: &[(&str, EventKind)] = &[
    ("respond_stage_one", ComplaintStage1Responded),
    ("agree_extension", ComplaintStage1ExtensionAgreed),
    ("request_stage_two", ComplaintStage2Requested),
    ("refuse_stage_two", ComplaintStage2Refused),
    ("adjudicate", ComplaintStage2Responded),
    ("withdraw", ComplaintWithdrawn),
    ("request_stage_three", ComplaintStage3Requested),
    ("hold_panel", ComplaintStage3PanelHeld),
    ("resolve_locally", ComplaintLeftProcedure),
    ("redirect", ComplaintLeftProcedure),
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
    /// A code of [`SUBJECTS`] (empty: children's social care).
    pub subject: String,
    /// CMPL-003: it raises a safeguarding concern.
    pub safeguarding: bool,
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
    #[error("select the outcome (CMPL-011)")]
    NoOutcome,
    #[error("select the principal cause (CMPL-012)")]
    NoCause,
    #[error("fault was found: record the redress or the wider action (CMPL-014)")]
    NoRemedy,
    #[error("a Stage 3 panel needs 3 external members (CMPL-008)")]
    PanelOfThree,
    #[error("select where the complaint is redirected (CMPL-002)")]
    NoRoute,
    #[error("enter the date the complainant was told the outcome (CMPL-019)")]
    NotInformed,
    #[error("select the Ombudsman's decision (CMPL-009)")]
    NoDecision,
    #[error("fault with injustice: record the remedy (CMPL-009)")]
    NoOmbudsmanRemedy,
    #[error(
        "an adoption complaint's first action is the team manager's meeting offered (ADOPT-058)"
    )]
    TeamManagerMeetingFirst,
}

/// ADOPT-058: the subject of complaints from applicants and adopters.
pub const ADOPTION_SUBJECT: &str = "adoption";

/// What a step records beyond its date: who investigates at Stage 2, the
/// Stage 3 panel, the route out, the Ombudsman's decision, the closing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepDetails {
    pub stage_two: Option<Stage2>,
    pub panel: Vec<String>,
    pub route: Option<Route>,
    pub decision: Option<OmbudsmanDecision>,
    pub remedy: String,
    pub closing: Closing,
    /// CMPL-019: when the complainant was told First Response's decision.
    pub informed: Option<NaiveDate>,
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
    /// A code of [`SUBJECTS`].
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub safeguarding: bool,
    #[serde(default)]
    pub route: Option<Route>,
    /// The Stage 3 panel's external members (CMPL-008).
    #[serde(default)]
    pub panel: Vec<String>,
    #[serde(default)]
    pub ombudsman: Option<Ombudsman>,
    #[serde(default)]
    pub closing: Option<Closing>,
    /// CMPL-019: the complainant told of First Response's decision.
    #[serde(default)]
    pub informed: Option<NaiveDate>,
    /// ADOPT-058: the team manager's meeting offered to resolve an
    /// adoption complaint quickly.
    #[serde(default)]
    pub tm_meeting_offered: Option<NaiveDate>,
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
        let subject = if new.subject.trim().is_empty() {
            SUBJECTS[0].0.to_owned()
        } else {
            new.subject
        };
        // CMPL-003: a safeguarding concern leaves the procedure at once;
        // no Stage 1 clock starts.
        let (stage, events) = if new.safeguarding {
            ("safeguarding", Vec::new())
        } else {
            (
                CMPL.states[0].code,
                vec![Event {
                    date: new.received,
                    kind: ComplaintStage1Received,
                }],
            )
        };
        Ok(Complaint {
            id,
            complainant,
            complainant_is: new.complainant_is,
            household: new.household.filter(|h| !h.trim().is_empty()),
            team: new.team.trim().to_owned(),
            received: new.received,
            stage: stage.to_owned(),
            last_step: new.received,
            stage_two: None,
            events,
            subject,
            safeguarding: new.safeguarding,
            route: None,
            panel: Vec::new(),
            ombudsman: None,
            closing: None,
            informed: None,
            tm_meeting_offered: None,
        })
    }

    /// The state in words.
    pub fn stage_label(&self) -> &str {
        CMPL.label(&self.stage)
    }

    /// Whether the complaint is still open.
    pub fn is_open(&self) -> bool {
        !ENDED.contains(&self.stage.as_str())
    }

    /// Whether it was taken through the procedure: not a safeguarding
    /// concern (CMPL-003), a concern resolved locally (CMPL-004) or a
    /// matter redirected (CMPL-002).
    pub fn in_procedure(&self) -> bool {
        !self.safeguarding && !matches!(self.stage.as_str(), "concern" | "redirected")
    }

    /// CMPL-001: the complaint system it belongs to.
    pub fn system(&self) -> System {
        System::of(&self.subject)
    }

    /// CMPL-002, CMPL-020: the route out its subject suggests.
    pub fn suggested_route(&self) -> Option<Route> {
        Route::suggested_for(&self.subject)
    }

    /// The date it ended, if it has.
    pub fn resolved(&self) -> Option<NaiveDate> {
        (!self.is_open()).then_some(self.last_step)
    }

    /// The steps `user` may take now.
    pub fn moves(&self, user: &User) -> Vec<&'static Transition> {
        let mut moves = CMPL.available(&self.stage, &[user.role]);
        if self.tm_meeting_first() {
            moves.retain(|t| matches!(t.name, "offer_tm_meeting" | "withdraw"));
        } else {
            moves.retain(|t| t.name != "offer_tm_meeting");
        }
        moves
    }

    /// ADOPT-058: an adoption complaint at Stage 1 whose team manager's
    /// meeting is still to be offered: that comes first.
    pub fn tm_meeting_first(&self) -> bool {
        self.subject == ADOPTION_SUBJECT
            && self.stage == "stage_one"
            && self.tm_meeting_offered.is_none()
    }

    /// Takes the step `name` on `date` as `user` with what it records;
    /// returns the new state.
    pub fn take(
        &mut self,
        user: &User,
        name: &str,
        date: NaiveDate,
        today: NaiveDate,
        details: StepDetails,
    ) -> Result<&str, Refusal> {
        let step = CMPL.take(&self.stage, name, &[user.role])?;
        let refuse = |e: ComplaintError| Refusal::NotNow(e.to_string());
        if self.tm_meeting_first() && !matches!(name, "offer_tm_meeting" | "withdraw") {
            return Err(refuse(ComplaintError::TeamManagerMeetingFirst));
        }
        if name == "offer_tm_meeting" && !self.tm_meeting_first() {
            return Err(refuse(ComplaintError::TeamManagerMeetingFirst));
        }
        if date > today {
            return Err(refuse(ComplaintError::Future));
        }
        if date < self.last_step {
            return Err(refuse(ComplaintError::BeforeLast));
        }
        self.record_details(step.name, date, details)
            .map_err(refuse)?;
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

    /// Checks and keeps what the step `name` records.
    fn record_details(
        &mut self,
        name: &str,
        date: NaiveDate,
        details: StepDetails,
    ) -> Result<(), ComplaintError> {
        let filled = |t: &String| !t.trim().is_empty();
        match name {
            "request_stage_two" => match details.stage_two {
                Some(p) if filled(&p.investigating_officer) && filled(&p.independent_person) => {
                    self.stage_two = Some(p);
                }
                _ => return Err(ComplaintError::Stage2People),
            },
            "request_stage_three" => {
                let members: Vec<String> = details
                    .panel
                    .iter()
                    .map(|m| m.trim().to_owned())
                    .filter(|m| !m.is_empty())
                    .collect();
                if members.len() < PANEL_MEMBERS {
                    return Err(ComplaintError::PanelOfThree);
                }
                self.panel = members;
            }
            "redirect" => self.route = Some(details.route.ok_or(ComplaintError::NoRoute)?),
            "offer_tm_meeting" => self.tm_meeting_offered = Some(date),
            "record_nfa" => match details.informed {
                Some(told) if told >= date => self.informed = Some(told),
                _ => return Err(ComplaintError::NotInformed),
            },
            "refer_ombudsman" => {
                let early = !matches!(
                    self.stage.as_str(),
                    "adjudicated" | "refused" | "stage_three" | "stage_three_reviewed"
                );
                self.ombudsman = Some(Ombudsman {
                    referred: date,
                    early,
                    decision: None,
                    remedy: String::new(),
                });
            }
            "ombudsman_decides" => {
                let decision = details.decision.ok_or(ComplaintError::NoDecision)?;
                if decision == OmbudsmanDecision::FaultWithInjustice && !filled(&details.remedy) {
                    return Err(ComplaintError::NoOmbudsmanRemedy);
                }
                if let Some(o) = &mut self.ombudsman {
                    o.decision = Some(decision);
                    o.remedy = details.remedy.trim().to_owned();
                }
            }
            "close" => {
                details.closing.check(&self.complainant_is)?;
                self.closing = Some(Closing {
                    closed: Some(date),
                    ..details.closing
                });
            }
            _ => {}
        }
        Ok(())
    }

    /// CMPL-005: Stage 1 is overdue with no extension agreed, so the
    /// Complaints Manager must offer Stage 2.
    pub fn offer_stage_two(&self, today: NaiveDate) -> bool {
        self.stage == "stage_one"
            && self
                .events
                .iter()
                .find(|e| e.kind == ComplaintStage1Received)
                .is_some_and(|e| crate::calendar::add_working_days(e.date, 20) < today)
    }

    /// The name people know it by.
    pub fn name(&self) -> String {
        format!("Complaint {} from {}", self.id, self.complainant)
    }

    /// The complaint's open deadlines on `as_of`, as worklist lines on its
    /// team's list.
    pub fn deadlines(&self, as_of: NaiveDate) -> Vec<SubjectItem> {
        let subject = Subject {
            kind: SubjectKind::Complaint,
            id: self.id.clone(),
            name: self.name(),
            record: self.id.clone(),
            role: None,
        };
        // CMPL-003: a safeguarding concern goes to First Response the day
        // it arrives, before anything else.
        let safeguarding = (self.stage == "safeguarding").then(|| SubjectItem {
            subject: subject.clone(),
            worker: None,
            team: Some(self.team.clone()),
            rule: Some("CMPL-003"),
            title: "Refer the safeguarding concern to First Response now".to_owned(),
            due: self.received,
            days_left: (self.received - as_of).num_days(),
            standing: if self.received < as_of {
                crate::deadlines::Standing::Overdue
            } else {
                crate::deadlines::Standing::DueSoon
            },
            responsible: Some(ComplaintsManager),
        });
        let mut lines: Vec<SubjectItem> = safeguarding.into_iter().collect();
        lines.extend(
            open_deadlines(
                &crate::deadline_rules::RULES,
                &self.events,
                SubjectFacts::default(),
            )
            .into_iter()
            .filter(|d| d.met.is_none())
            .map(|d| SubjectItem {
                subject: subject.clone(),
                worker: None,
                team: Some(self.team.clone()),
                rule: Some(d.rule.id),
                title: d.rule.title.to_owned(),
                due: d.due,
                days_left: d.days_left(as_of),
                standing: d.standing(as_of),
                responsible: Some(d.rule.responsible),
            }),
        );
        lines
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
                ..NewComplaint::default()
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
                StepDetails::default()
            )
            .is_err()
        );
        c.take(
            &user(TeamManager),
            "respond_stage_one",
            d("2025-03-20"),
            d("2025-04-01"),
            StepDetails::default(),
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
                StepDetails::default()
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
            StepDetails {
                stage_two: Some(people),
                ..StepDetails::default()
            },
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
            StepDetails::default(),
        )
        .unwrap();
        assert!(c.deadlines(d("2025-07-08")).is_empty());
        assert_eq!(c.stage_label(), "Stage 2 adjudicated");
    }
}
