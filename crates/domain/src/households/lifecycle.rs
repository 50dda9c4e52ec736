//! The roles a household holds over time, each with its own lifecycle: a
//! state machine from the spec's workflows (WF-ADOPTER, WF-FOST-APPLICANT,
//! WF-KIN, WF-SG, WF-STAYPUT, WF-SL, WF-PANEL-MEMBER), its own team and
//! worker, and the events its steps record for the deadline engine.
//!
//! A step is a named transition of the role's [`Workflow`]; whether a user
//! may take it is the workflow's answer for their role. A step that the
//! spec times (Stage One done, approval, an annual review) records its
//! events on the role, and the rules of [`crate::deadline_rules`] start and
//! meet from them. A step whose `to` is empty leaves the state as it is (an
//! annual review, a post-order call).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::deadlines::EventKind::{self, *};
use crate::deadlines::{Event, Standing, SubjectFacts, open_deadlines};
use crate::permanence::workflow::{Refusal, Transition, Workflow};

use super::workflows::STEP_EVENTS;
pub use super::workflows::*;

/// A kind of role a household holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    Adopter,
    FosterCarer,
    ConnectedPersonCarer,
    SpecialGuardian,
    ChildArrangementsOrderHolder,
    StayingPutCarer,
    SupportedLodgingsHost,
    BirthFamily,
    AdoptionPanelMember,
    FosteringPanelMember,
}

impl RoleKind {
    /// Every kind of role.
    pub const ALL: [RoleKind; 10] = [
        RoleKind::Adopter,
        RoleKind::FosterCarer,
        RoleKind::ConnectedPersonCarer,
        RoleKind::SpecialGuardian,
        RoleKind::ChildArrangementsOrderHolder,
        RoleKind::StayingPutCarer,
        RoleKind::SupportedLodgingsHost,
        RoleKind::BirthFamily,
        RoleKind::AdoptionPanelMember,
        RoleKind::FosteringPanelMember,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            RoleKind::Adopter => "adopter",
            RoleKind::FosterCarer => "foster_carer",
            RoleKind::ConnectedPersonCarer => "connected_person",
            RoleKind::SpecialGuardian => "special_guardian",
            RoleKind::ChildArrangementsOrderHolder => "cao_holder",
            RoleKind::StayingPutCarer => "staying_put",
            RoleKind::SupportedLodgingsHost => "supported_lodgings",
            RoleKind::BirthFamily => "birth_family",
            RoleKind::AdoptionPanelMember => "adoption_panel_member",
            RoleKind::FosteringPanelMember => "fostering_panel_member",
        }
    }

    /// The role as people say it.
    pub fn label(self) -> &'static str {
        match self {
            RoleKind::Adopter => "Adopter (prospective or approved)",
            RoleKind::FosterCarer => "Mainstream foster carer",
            RoleKind::ConnectedPersonCarer => "Connected-person (kinship) carer",
            RoleKind::SpecialGuardian => "Special guardian",
            RoleKind::ChildArrangementsOrderHolder => "Child arrangements order holder",
            RoleKind::StayingPutCarer => "Staying Put carer",
            RoleKind::SupportedLodgingsHost => "Supported Lodgings host",
            RoleKind::BirthFamily => "Birth parent or relative",
            RoleKind::AdoptionPanelMember => "Adoption panel member",
            RoleKind::FosteringPanelMember => "Fostering panel member",
        }
    }

    /// The kind with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Where a step of this kind of role is recorded when the household's
    /// generic step (a date only) may not take it: a foster carer's steps
    /// carry what each needs on the role's own page, some
    /// connected persons' and order holders' in their sections. None when
    /// the generic step may take it.
    pub fn step_recorded_on(self, step: &str) -> Option<&'static str> {
        match self {
            RoleKind::FosterCarer => Some("the foster carer's page"),
            RoleKind::SupportedLodgingsHost if step == "match" => {
                Some("the household page's young person form")
            }
            _ if crate::fostering::kinship::needs_details(self, step) => {
                Some("the kinship section")
            }
            _ => None,
        }
    }

    /// The lifecycle the role follows.
    pub fn workflow(self) -> &'static Workflow {
        match self {
            RoleKind::Adopter => &ADOPTER,
            RoleKind::FosterCarer => &FOST_APPLICANT,
            RoleKind::ConnectedPersonCarer => &KIN,
            RoleKind::SpecialGuardian | RoleKind::ChildArrangementsOrderHolder => &SG,
            RoleKind::StayingPutCarer => &STAYPUT,
            RoleKind::SupportedLodgingsHost => &SL,
            RoleKind::BirthFamily => &BIRTH_FAMILY,
            RoleKind::AdoptionPanelMember | RoleKind::FosteringPanelMember => &PANEL_MEMBER,
        }
    }

    /// The step of this kind's lifecycle that records `event` (what clears
    /// a deadline met by it), when one does.
    pub fn step_recording(self, event: EventKind) -> Option<&'static Transition> {
        let workflow = self.workflow();
        STEP_EVENTS
            .iter()
            .find(|(w, _, e)| *w == workflow.id && e.contains(&event))
            .and_then(|(_, step, _)| workflow.transition(step))
    }

    /// The events a new role of this kind records on the day it starts: a
    /// panel member's appointment, a Staying Put arrangement's start, an
    /// order's making starts the special guardianship support window.
    fn start_events(self) -> &'static [EventKind] {
        match self {
            RoleKind::AdoptionPanelMember => &[AdoptionPanelMemberAppointed],
            RoleKind::FosteringPanelMember => &[FosteringPanelMemberAppointed],
            RoleKind::StayingPutCarer => &[StayingPutStarted],
            _ => &[],
        }
    }
}

/// Whether starting a role or a step of its lifecycle records this event
/// (so a rule it starts or meets runs on the household's role).
pub fn records_event(kind: EventKind) -> bool {
    RoleKind::ALL
        .iter()
        .any(|k| k.start_events().contains(&kind))
        || STEP_EVENTS.iter().any(|(_, _, e)| e.contains(&kind))
}

/// The states of every workflow that end it.
const ENDED: &[&str] = &[
    "closed",
    "withdrawn",
    "not_approved",
    "negative",
    "deregistered",
    "private",
    "ended",
    "left",
];

/// A role a household holds: its kind, where its lifecycle is, who holds
/// it, and what has happened in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdRole {
    /// Unique in the household: the household's identifier and a number (`H00001-R1`).
    pub id: String,
    pub kind: RoleKind,
    /// The code of the lifecycle's state.
    pub stage: String,
    pub team: String,
    /// The worker holding the role (a supervising or assessing social worker).
    pub worker: Option<String>,
    pub started: NaiveDate,
    /// The day of the last step taken (or the start).
    pub last_step: NaiveDate,
    /// What happened, in date order: the deadline engine reads these.
    pub events: Vec<Event>,
    /// A connected person's temporary approval, panel, decision and outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kinship: Option<crate::fostering::kinship::KinshipRecord>,
    /// A special guardian's order, support plan and support offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_guardianship: Option<crate::fostering::special_guardianship::SgRecord>,
    /// The young person a Staying Put carer or Supported Lodgings host
    /// looks after (WF-STAYPUT, WF-SL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosting: Option<crate::leavers::hosting::HostedYoungPerson>,
}

impl HouseholdRole {
    /// A new role at its workflow's first state, with the events its start records.
    pub fn start(
        id: String,
        kind: RoleKind,
        team: String,
        worker: Option<String>,
        on: NaiveDate,
    ) -> HouseholdRole {
        HouseholdRole {
            id,
            kind,
            stage: kind.workflow().states[0].code.to_owned(),
            team,
            worker,
            started: on,
            last_step: on,
            events: kind
                .start_events()
                .iter()
                .map(|&kind| Event { date: on, kind })
                .collect(),
            kinship: None,
            special_guardianship: None,
            hosting: None,
        }
    }

    /// The state in words.
    pub fn stage_label(&self) -> &str {
        self.kind.workflow().label(&self.stage)
    }

    /// Whether the lifecycle has not ended.
    pub fn is_open(&self) -> bool {
        !ENDED.contains(&self.stage.as_str())
    }

    /// The steps `user` may take now.
    pub fn moves(&self, user: &User) -> Vec<&'static Transition> {
        self.kind.workflow().available(&self.stage, &[user.role])
    }

    /// Takes the step `name` on `date` as `user`: the new state, and the
    /// events the step recorded. A date before the role's last event is
    /// refused, so the events stay in order.
    pub fn take(
        &mut self,
        user: &User,
        name: &str,
        date: NaiveDate,
    ) -> Result<Vec<Event>, Refusal> {
        let workflow = self.kind.workflow();
        let step = workflow.take(&self.stage, name, &[user.role])?;
        if let Some(refused) = crate::fostering::special_guardianship::closure_refused(self, name) {
            return Err(refused);
        }
        if date < self.last_step {
            return Err(Refusal::NotNow(
                "the date cannot be before the role's last recorded step".into(),
            ));
        }
        self.last_step = date;
        if !step.to.is_empty() {
            self.stage = step.to.to_owned();
        }
        let events: Vec<Event> = step_events(workflow.id, step.name)
            .iter()
            .map(|&kind| Event { date, kind })
            .collect();
        self.events.extend(events.iter().copied());
        Ok(events)
    }

    /// Whether the panel sees the household: a role before a panel or its
    /// agency decision (the panel reads the household's papers then; an
    /// allegation's outcome is the ADM's, WF-FOST-ALLEGATION), or a
    /// panel member's own role (the panel adviser reviews them).
    pub fn at_panel(&self) -> bool {
        matches!(
            self.stage.as_str(),
            "panel" | "adm" | "review_adm" | "terms_panel" | "allegation"
        ) || matches!(
            self.kind,
            RoleKind::AdoptionPanelMember | RoleKind::FosteringPanelMember
        ) && self.is_open()
    }

    /// The role's open deadlines on `as_of`, not met, with their standing.
    pub fn open_deadlines(&self, as_of: NaiveDate) -> Vec<(crate::deadlines::Deadline, Standing)> {
        open_deadlines(
            &crate::deadline_rules::RULES,
            &self.events,
            SubjectFacts::default(),
        )
        .into_iter()
        .filter(|d| d.met.is_none())
        .map(|d| {
            let standing = d.standing(as_of);
            (d, standing)
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    use crate::roles::Role::{self, *};

    fn user(role: Role) -> User {
        User {
            username: "u".into(),
            display_name: "U".into(),
            role,
            team: Some("Fostering".into()),
            worker_id: None,
        }
    }

    #[test]
    fn every_state_a_step_names_is_in_its_workflow_and_every_step_has_a_taker() {
        for kind in RoleKind::ALL {
            let w = kind.workflow();
            for step in w.transitions {
                assert!(!step.roles.is_empty(), "{} {}", w.id, step.name);
                for from in step.from {
                    assert!(
                        w.state(from).is_some(),
                        "{} {} from {from}",
                        w.id,
                        step.name
                    );
                }
                assert!(
                    step.to.is_empty() || w.state(step.to).is_some(),
                    "{} {}",
                    w.id,
                    step.name
                );
            }
        }
        for (w, step, _) in STEP_EVENTS {
            let wf = RoleKind::ALL
                .iter()
                .map(|k| k.workflow())
                .find(|x| x.id == *w)
                .unwrap();
            assert!(wf.transition(step).is_some(), "{w} {step}");
        }
    }

    #[test]
    fn adopt_029_registration_starts_stage_one_and_its_completion_meets_it() {
        let ssw = user(AssessingSocialWorker);
        let mut role = HouseholdRole::start(
            "H1-R1".into(),
            RoleKind::Adopter,
            "Fostering".into(),
            None,
            d("2025-01-02"),
        );
        role.take(&ssw, "visit", d("2025-01-10")).unwrap();
        assert_eq!(
            role.take(&ssw, "register", d("2025-01-31")).unwrap()[0].kind,
            AdopterRegistration
        );
        let open = role.open_deadlines(d("2025-03-20"));
        assert!(open.iter().any(|(d, s)| d.rule.id == "ADOPT-029"
            && d.due == "2025-03-31".parse().unwrap()
            && *s == Standing::DueSoon));
        role.take(&ssw, "complete_stage_one", d("2025-03-25"))
            .unwrap();
        assert!(
            !role
                .open_deadlines(d("2025-03-26"))
                .iter()
                .any(|(d, _)| d.rule.id == "ADOPT-029")
        );
        // Only the agency decision maker approves.
        assert!(role.take(&ssw, "approve", d("2025-04-01")).is_err());
    }

    #[test]
    fn a_step_before_the_last_one_is_refused_and_a_review_keeps_the_state() {
        let ssw = user(SupervisingSocialWorker);
        let mut host = HouseholdRole::start(
            "H1-R2".into(),
            RoleKind::SupportedLodgingsHost,
            "Fostering".into(),
            None,
            d("2025-01-02"),
        );
        host.take(&ssw, "assess", d("2025-02-01")).unwrap();
        assert!(host.take(&ssw, "approve", d("2025-01-15")).is_err());
        host.take(&ssw, "approve", d("2025-03-01")).unwrap();
        host.take(&ssw, "review", d("2026-02-20")).unwrap();
        assert_eq!(host.stage, "approved");
        assert!(host.is_open());
        host.take(&ssw, "deregister", d("2026-03-01")).unwrap();
        assert!(!host.is_open());
    }
}
