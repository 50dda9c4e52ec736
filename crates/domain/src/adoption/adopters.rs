//! Adopters from enquiry to approval (WF-ADOPTER): what each step of an
//! `Adopter` role's lifecycle must carry beyond its date, kept on the
//! adopter's case beside the household that holds the role.
//!
//! The role's state machine, its events and its deadlines (ADOPT-029,
//! ADOPT-030, ADOPT-031, ADOPT-033, ADOPT-017, ADOPT-061) are the
//! households' (`households::workflows::ADOPTER`); this file adds the
//! rules a step must pass before it is taken: the information event
//! offered at enquiry (ADOPT-027), the Stage One checks (ADOPT-029), the
//! PAR before panel (ADOPT-030), the reason for a late assessment
//! (ADOPT-031), the panel's recommendation before the decision (ADOPT-033),
//! deferrals and requests for information (ADOPT-034), the qualifying
//! determination and the IRM (ADOPT-035), the worker who keeps the case
//! after approval (ADOPT-036), the terms of approval, and why a case
//! closed.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::households::checks::CheckKind;
use crate::households::household::Household;
use crate::households::lifecycle::{HouseholdRole, RoleKind};
use crate::permanence::workflow::Refusal;

/// Why a step on an adopter's case was refused: each names the field or
/// the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdoptionError {
    #[error("the household has no adopter role {0}")]
    NoSuchRole(String),
    #[error("the date of the next information event cannot be before the enquiry")]
    EventBeforeEnquiry,
    #[error("{0}")]
    Refused(String),
    #[error("you may not {0}")]
    Forbidden(&'static str),
    #[error("Stage One is not complete: {0} (ADOPT-029)")]
    ChecksIncomplete(String),
    #[error("enter the date the prospective adopter's report (PAR) was received (ADOPT-030)")]
    NoPar,
    #[error("the PAR date cannot be after the date Stage Two was completed")]
    ParAfterStageTwo,
    #[error(
        "the assessment took more than 6 months from registration: choose the reason for the delay (ADOPT-031)"
    )]
    NoDelayReason,
    #[error("choose the panel's recommendation")]
    NoRecommendation,
    #[error("the adoption panel has made no recommendation to decide on (ADOPT-033)")]
    NoPanelRecommendation,
    #[error("the case must keep an allocated worker after approval: enter the worker (ADOPT-036)")]
    NoWorker,
    #[error("terms of approval: {0}")]
    Terms(&'static str),
    #[error("choose the reason the case is closed")]
    NoClosureReason,
}

impl From<Refusal> for AdoptionError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Forbidden(what) => AdoptionError::Forbidden(what),
            Refusal::NotNow(why) => AdoptionError::Refused(why),
        }
    }
}

/// A need a child may have that approved adopters say they can meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Disability,
    Health,
    DevelopmentalUncertainty,
    BirthFamilyContact,
}

impl Need {
    /// Every need.
    pub const ALL: [Need; 4] = [
        Need::Disability,
        Need::Health,
        Need::DevelopmentalUncertainty,
        Need::BirthFamilyContact,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Need::Disability => "disability",
            Need::Health => "health",
            Need::DevelopmentalUncertainty => "developmental_uncertainty",
            Need::BirthFamilyContact => "birth_family_contact",
        }
    }

    /// The need as people say it.
    pub fn label(self) -> &'static str {
        match self {
            Need::Disability => "Disability",
            Need::Health => "Health needs",
            Need::DevelopmentalUncertainty => "Developmental uncertainty",
            Need::BirthFamilyContact => "Continuing birth family contact",
        }
    }

    /// The need with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.code() == code)
    }
}

/// What the agency decision maker approved the adopters for: the ages of
/// the children (in whole years), how many, whether a sibling group, and
/// the needs they can meet. Built once, valid from then on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalTerms {
    pub youngest: u8,
    pub oldest: u8,
    pub children: u8,
    pub siblings: bool,
    pub needs: Vec<Need>,
}

/// The most children adopters are approved for.
pub const MOST_CHILDREN: u8 = 4;

impl ApprovalTerms {
    /// Terms from what the form holds.
    pub fn new(
        (youngest, oldest): (u8, u8),
        children: u8,
        siblings: bool,
        mut needs: Vec<Need>,
    ) -> Result<ApprovalTerms, AdoptionError> {
        if oldest > 17 {
            return Err(AdoptionError::Terms("the oldest age must be 17 or under"));
        }
        if youngest > oldest {
            return Err(AdoptionError::Terms(
                "the youngest age cannot be more than the oldest",
            ));
        }
        if children == 0 || children > MOST_CHILDREN {
            return Err(AdoptionError::Terms(
                "the number of children must be between 1 and 4",
            ));
        }
        if siblings && children < 2 {
            return Err(AdoptionError::Terms(
                "a sibling group needs approval for 2 or more children",
            ));
        }
        needs.sort();
        needs.dedup();
        Ok(ApprovalTerms {
            youngest,
            oldest,
            children,
            siblings,
            needs,
        })
    }

    /// The terms in words.
    pub fn describe(&self) -> String {
        let ages = format!("aged {} to {}", self.youngest, self.oldest);
        let how_many = match (self.children, self.siblings) {
            (1, _) => "one child".to_owned(),
            (n, true) => format!("up to {n} children, a sibling group"),
            (n, false) => format!("up to {n} children"),
        };
        let needs = if self.needs.is_empty() {
            "no additional needs".to_owned()
        } else {
            self.needs
                .iter()
                .map(|n| n.label().to_lowercase())
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!("{how_many} {ages}; can meet {needs}")
    }
}

/// Why the assessment ran past 6 months (ADOPT-031: the reasons the spec
/// names, most often waiting for other agencies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelayReason {
    OutsideAgencies,
    ApplicantBreak,
    Allocation,
    Other,
}

impl DelayReason {
    /// Every reason.
    pub const ALL: [DelayReason; 4] = [
        DelayReason::OutsideAgencies,
        DelayReason::ApplicantBreak,
        DelayReason::Allocation,
        DelayReason::Other,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            DelayReason::OutsideAgencies => "outside_agencies",
            DelayReason::ApplicantBreak => "applicant_break",
            DelayReason::Allocation => "allocation",
            DelayReason::Other => "other",
        }
    }

    /// The reason in words.
    pub fn label(self) -> &'static str {
        match self {
            DelayReason::OutsideAgencies => "Waiting for information from outside agencies",
            DelayReason::ApplicantBreak => "The applicants asked for a break",
            DelayReason::Allocation => "Waiting for a social worker to be allocated",
            DelayReason::Other => "Another reason",
        }
    }

    /// The reason with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Why an adopter's case was closed or withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureReason {
    ApplicantsWithdrew,
    NotSuitable,
    ChangeOfCircumstances,
    AdoptedElsewhere,
    AdoptionOrderMade,
    NoContact,
}

impl ClosureReason {
    /// Every reason.
    pub const ALL: [ClosureReason; 6] = [
        ClosureReason::ApplicantsWithdrew,
        ClosureReason::NotSuitable,
        ClosureReason::ChangeOfCircumstances,
        ClosureReason::AdoptedElsewhere,
        ClosureReason::AdoptionOrderMade,
        ClosureReason::NoContact,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ClosureReason::ApplicantsWithdrew => "applicants_withdrew",
            ClosureReason::NotSuitable => "not_suitable",
            ClosureReason::ChangeOfCircumstances => "change_of_circumstances",
            ClosureReason::AdoptedElsewhere => "adopted_elsewhere",
            ClosureReason::AdoptionOrderMade => "adoption_order_made",
            ClosureReason::NoContact => "no_contact",
        }
    }

    /// The reason in words.
    pub fn label(self) -> &'static str {
        match self {
            ClosureReason::ApplicantsWithdrew => "The applicants withdrew",
            ClosureReason::NotSuitable => "Not suitable to adopt",
            ClosureReason::ChangeOfCircumstances => "A change in the household's circumstances",
            ClosureReason::AdoptedElsewhere => "Adopting through another agency",
            ClosureReason::AdoptionOrderMade => "The adoption order was made",
            ClosureReason::NoContact => "No contact from the applicants",
        }
    }

    /// The reason with this code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// The adoption panel's outcome on an application (ADOPT-033, ADOPT-034).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelOutcome {
    Suitable,
    NotSuitable,
    Deferred,
}

impl PanelOutcome {
    /// The outcome in words.
    pub fn label(self) -> &'static str {
        match self {
            PanelOutcome::Suitable => "Recommended as suitable to adopt",
            PanelOutcome::NotSuitable => "Recommended as not suitable to adopt",
            PanelOutcome::Deferred => "Deferred for further work",
        }
    }
}

/// A decision or request of the agency decision maker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdmOutcome {
    /// Further information asked for before deciding (ADOPT-034).
    InformationRequested,
    /// A qualifying determination that the adopters are suitable.
    Approved,
    /// A negative qualifying determination (ADOPT-035).
    NotApproved,
}

impl AdmOutcome {
    /// The outcome in words.
    pub fn label(self) -> &'static str {
        match self {
            AdmOutcome::InformationRequested => "Further information requested",
            AdmOutcome::Approved => "Approved (qualifying determination)",
            AdmOutcome::NotApproved => "Not approved (qualifying determination)",
        }
    }
}

/// One thing the panel or the decision maker said, with its date and who
/// said it (the decision maker's username, CONV-003).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision<T> {
    pub date: NaiveDate,
    pub outcome: T,
    pub by: String,
}

/// What the enquirers were offered when they first made contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enquiry {
    pub received: NaiveDate,
    /// The next information event they were invited to (ADOPT-027).
    pub next_event: NaiveDate,
}

/// An adopter's case: what the steps of their role carried beyond dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdopterCase {
    /// The role's identifier (`H00001-R1`), which is also the case's.
    pub role_id: String,
    pub household_id: String,
    /// Recorded when the enquiry came through this page.
    pub enquiry: Option<Enquiry>,
    pub par_received: Option<NaiveDate>,
    pub delay_reason: Option<DelayReason>,
    pub panel: Vec<Decision<PanelOutcome>>,
    pub decisions: Vec<Decision<AdmOutcome>>,
    pub terms: Option<ApprovalTerms>,
    /// The date an appeal went to the Independent Review Mechanism.
    pub appealed: Option<NaiveDate>,
    pub closure: Option<ClosureReason>,
}

/// What a step's form holds beyond its date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepDetails {
    pub par_received: Option<NaiveDate>,
    pub delay_reason: Option<DelayReason>,
    pub recommendation: Option<PanelOutcome>,
    pub terms: Option<ApprovalTerms>,
    /// The worker who keeps the case after approval, when the role has none.
    pub worker: Option<String>,
    pub closure: Option<ClosureReason>,
}

/// The statutory checks of Stage One, on every applicant.
const STAGE_ONE_CHECKS: [CheckKind; 4] = CheckKind::ALL;

/// ADOPT-029: what is missing before Stage One can be completed on `date`:
/// every applicant (a member whose relationship is "applicant" or
/// "partner") has each statutory check (DBS, medical, references, local
/// authority) done by then. Empty when nothing is.
pub fn stage_one_missing(h: &Household, date: NaiveDate) -> Vec<String> {
    let applicants: Vec<_> = h
        .members
        .iter()
        .filter(|m| {
            let r = m.relationship.trim().to_lowercase();
            r.contains("applicant") || r == "partner"
        })
        .collect();
    if applicants.is_empty() {
        return vec!["no member is recorded as an applicant".into()];
    }
    let mut missing = Vec::new();
    for p in applicants {
        for kind in STAGE_ONE_CHECKS {
            let done = h
                .checks
                .iter()
                .any(|c| c.person_id == p.id && c.kind == kind && c.done <= date);
            if !done {
                missing.push(format!("{} of {}", kind.label(), p.name));
            }
        }
    }
    missing
}

impl AdopterCase {
    /// The case of an adopter role of the household, with nothing yet
    /// recorded (a role started on the household's page).
    pub fn new(h: &Household, role_id: &str) -> Result<AdopterCase, AdoptionError> {
        adopter_role(h, role_id)?;
        Ok(AdopterCase {
            role_id: role_id.to_owned(),
            household_id: h.id.clone(),
            enquiry: None,
            par_received: None,
            delay_reason: None,
            panel: Vec::new(),
            decisions: Vec::new(),
            terms: None,
            appealed: None,
            closure: None,
        })
    }

    /// The case of an enquiry received on the household's new adopter role,
    /// with the information event the enquirers were invited to, on or
    /// after the enquiry (ADOPT-027).
    pub fn enquiry(
        h: &Household,
        role_id: &str,
        received: NaiveDate,
        next_event: NaiveDate,
    ) -> Result<AdopterCase, AdoptionError> {
        if next_event < received {
            return Err(AdoptionError::EventBeforeEnquiry);
        }
        let mut case = AdopterCase::new(h, role_id)?;
        case.enquiry = Some(Enquiry {
            received,
            next_event,
        });
        Ok(case)
    }

    /// ADOPT-034: the decision maker's requests for information not yet
    /// followed by a decision.
    pub fn open_requests(&self) -> usize {
        let last_decision = self
            .decisions
            .iter()
            .rposition(|d| d.outcome != AdmOutcome::InformationRequested);
        self.decisions[last_decision.map_or(0, |i| i + 1)..].len()
    }

    /// ADOPT-035: whether the adopters may appeal to the IRM now: their
    /// last qualifying determination was negative and they have not
    /// appealed since.
    pub fn irm_appeal_available(&self) -> bool {
        let last = self
            .decisions
            .iter()
            .rev()
            .find(|d| d.outcome != AdmOutcome::InformationRequested);
        last.is_some_and(|d| {
            d.outcome == AdmOutcome::NotApproved && self.appealed.is_none_or(|a| a < d.date)
        })
    }

    /// The panel's last recommendation, unless deferred since.
    fn recommendation(&self) -> Option<&Decision<PanelOutcome>> {
        self.panel
            .last()
            .filter(|d| d.outcome != PanelOutcome::Deferred)
    }
}

fn adopter_role<'a>(h: &'a Household, role_id: &str) -> Result<&'a HouseholdRole, AdoptionError> {
    h.roles
        .iter()
        .find(|r| r.id == role_id && r.kind == RoleKind::Adopter)
        .ok_or_else(|| AdoptionError::NoSuchRole(role_id.to_owned()))
}

/// Takes the step `step` of the adopters' role on `date` as `user`, with
/// what its form carried: checks the step's own rules, records what it
/// carried on the case, and moves the role (its events start and meet the
/// deadlines). Returns the role's new state.
pub fn take_adopter_step(
    h: &mut Household,
    case: &mut AdopterCase,
    user: &User,
    (step, date): (&str, NaiveDate),
    details: StepDetails,
) -> Result<String, AdoptionError> {
    let role = adopter_role(h, &case.role_id)?;
    // Refuse a step the user may not take now before asking for its details.
    role.kind
        .workflow()
        .take(&role.stage, step, &[user.role])
        .map_err(Refusal::from)?;
    let registered = role
        .events
        .iter()
        .find(|e| e.kind == crate::deadlines::EventKind::AdopterRegistration)
        .map(|e| e.date);
    let has_worker = role.worker.as_deref().is_some_and(|w| !w.trim().is_empty());
    let by = user.username.clone();
    match step {
        "complete_stage_one" => {
            let missing = stage_one_missing(h, date);
            if !missing.is_empty() {
                return Err(AdoptionError::ChecksIncomplete(missing.join(", ")));
            }
        }
        "complete_stage_two" => {
            let par = details.par_received.ok_or(AdoptionError::NoPar)?;
            if par > date {
                return Err(AdoptionError::ParAfterStageTwo);
            }
            let late = registered
                .and_then(|r| r.checked_add_months(Months::new(6)))
                .is_some_and(|limit| date > limit);
            if late && details.delay_reason.is_none() {
                return Err(AdoptionError::NoDelayReason);
            }
            case.par_received = Some(par);
            case.delay_reason = details.delay_reason.filter(|_| late);
        }
        "recommend" => {
            let outcome = details
                .recommendation
                .filter(|o| *o != PanelOutcome::Deferred)
                .ok_or(AdoptionError::NoRecommendation)?;
            case.panel.push(Decision { date, outcome, by });
        }
        "defer" => case.panel.push(Decision {
            date,
            outcome: PanelOutcome::Deferred,
            by,
        }),
        "request_information" | "approve" | "refuse" => {
            if case.recommendation().is_none() {
                return Err(AdoptionError::NoPanelRecommendation);
            }
            let outcome = match step {
                "approve" => {
                    let terms = details.terms.ok_or(AdoptionError::Terms(
                        "enter the ages, the number of children and the needs the adopters can meet",
                    ))?;
                    let worker = details.worker.filter(|w| !w.trim().is_empty());
                    if !has_worker && worker.is_none() {
                        return Err(AdoptionError::NoWorker);
                    }
                    if let Some(w) = worker {
                        h.role_mut(&case.role_id)
                            .map_err(|_| AdoptionError::NoSuchRole(case.role_id.clone()))?
                            .worker = Some(w.trim().to_owned());
                    }
                    case.terms = Some(terms);
                    AdmOutcome::Approved
                }
                "refuse" => AdmOutcome::NotApproved,
                _ => AdmOutcome::InformationRequested,
            };
            case.decisions.push(Decision { date, outcome, by });
        }
        "appeal" => case.appealed = Some(date),
        "withdraw" | "close" => {
            case.closure = Some(details.closure.ok_or(AdoptionError::NoClosureReason)?);
        }
        _ => {}
    }
    let role = h
        .role_mut(&case.role_id)
        .map_err(|_| AdoptionError::NoSuchRole(case.role_id.clone()))?;
    role.take(user, step, date)?;
    Ok(role.stage.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn terms_refuse_a_sibling_group_of_one_and_ages_out_of_order() {
        assert!(ApprovalTerms::new((0, 4), 2, true, vec![Need::Health]).is_ok());
        assert!(ApprovalTerms::new((5, 2), 1, false, vec![]).is_err());
        assert!(ApprovalTerms::new((0, 4), 1, true, vec![]).is_err());
        assert!(ApprovalTerms::new((0, 18), 1, false, vec![]).is_err());
        let t = ApprovalTerms::new((0, 4), 2, true, vec![Need::Health, Need::Health]).unwrap();
        assert_eq!(
            t.describe(),
            "up to 2 children, a sibling group aged 0 to 4; can meet health needs"
        );
    }

    #[test]
    fn an_open_request_is_counted_until_the_next_decision() {
        let mut h = Household::new("H1".into(), "The Ash family", "Adoption".into(), None).unwrap();
        let role = h.add_role(RoleKind::Adopter, None, d("2025-01-02"));
        let mut case = AdopterCase::enquiry(&h, &role, d("2025-01-02"), d("2025-01-20")).unwrap();
        let ask = |date| Decision {
            date: d(date),
            outcome: AdmOutcome::InformationRequested,
            by: "adm".into(),
        };
        case.decisions = vec![ask("2025-02-01"), ask("2025-02-10")];
        assert_eq!(case.open_requests(), 2);
        case.decisions.push(Decision {
            date: d("2025-02-20"),
            outcome: AdmOutcome::NotApproved,
            by: "adm".into(),
        });
        assert_eq!(case.open_requests(), 0);
        assert!(case.irm_appeal_available());
        case.appealed = Some(d("2025-03-01"));
        assert!(!case.irm_appeal_available());
    }
}
