//! Assessments of need and support plans (WF-ADOPT-ASSESS,
//! WF-SGO-CAO-REFERRAL, WF-SUPPORT-PLAN): a family's requests for an
//! assessment, who is responsible for each, its route, the assessment and
//! the decision to provide, and the support plans with their response
//! window and reviews. One [`SupportRecord`] per household holds them,
//! with the support worker's visits and calls (`checkins.rs`) and the rest
//! of the offer (`offer.rs`).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::checkins::CheckIn;
use super::entitlements::{Family, FamilyType, is_council, responsible_authority};
use super::offer::OfferRecord;
use crate::roles::Role;

/// Everything a household's support holds: requests, plans, check-ins and
/// the rest of the offer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportRecord {
    pub household_id: String,
    #[serde(default)]
    pub requests: Vec<AssessmentRequest>,
    #[serde(default)]
    pub plans: Vec<SupportPlan>,
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
    #[serde(default)]
    pub offer: OfferRecord,
    /// SGO and CAO allowances (WF-SGO-CAO-ALLOWANCE).
    #[serde(default)]
    pub allowances: Vec<super::order_allowance::OrderAllowance>,
    /// Carers' declarations of child benefit or tax credits (PAY-013).
    #[serde(default)]
    pub benefits: Vec<super::allowances::BenefitDeclaration>,
}

/// A refusal of a support rule, naming the field and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportError {
    /// The form field's name (`consent_on`).
    pub field: &'static str,
    pub problem: String,
}

impl std::fmt::Display for SupportError {
    /// "Consent on: a professional's referral needs ...".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.field.replace('_', " ");
        let mut chars = name.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string());
        write!(
            f,
            "{}{}: {}",
            first.unwrap_or_default(),
            chars.as_str(),
            self.problem
        )
    }
}

impl std::error::Error for SupportError {}

/// A refusal of `field` for `problem`.
pub fn refuse<T>(field: &'static str, problem: impl Into<String>) -> Result<T, SupportError> {
    Err(SupportError {
        field,
        problem: problem.into(),
    })
}

/// ASSESS-006 (and ASSESS-001, ASSESS-016): who asks for an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requester {
    AdoptiveParent,
    SpecialGuardian,
    ChildWhoMayBeAdopted,
    ParentOrGuardian,
    PersonWishingToAdopt,
    AdoptedPerson,
    BirthParent,
    FormerGuardian,
    OtherChildOfAdopters,
    BirthSibling,
    /// A relative or another person with whom the child has a beneficial
    /// relationship: the relationship must be described.
    OtherPerson,
}

impl Requester {
    pub const ALL: [Requester; 11] = [
        Requester::AdoptiveParent,
        Requester::SpecialGuardian,
        Requester::ChildWhoMayBeAdopted,
        Requester::ParentOrGuardian,
        Requester::PersonWishingToAdopt,
        Requester::AdoptedPerson,
        Requester::BirthParent,
        Requester::FormerGuardian,
        Requester::OtherChildOfAdopters,
        Requester::BirthSibling,
        Requester::OtherPerson,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Requester::AdoptiveParent => "adoptive_parent",
            Requester::SpecialGuardian => "special_guardian",
            Requester::ChildWhoMayBeAdopted => "child",
            Requester::ParentOrGuardian => "parent_or_guardian",
            Requester::PersonWishingToAdopt => "prospective_adopter",
            Requester::AdoptedPerson => "adopted_person",
            Requester::BirthParent => "birth_parent",
            Requester::FormerGuardian => "former_guardian",
            Requester::OtherChildOfAdopters => "other_child",
            Requester::BirthSibling => "birth_sibling",
            Requester::OtherPerson => "other_person",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Requester::AdoptiveParent => "Adoptive parent",
            Requester::SpecialGuardian => "Special guardian or child arrangements order carer",
            Requester::ChildWhoMayBeAdopted => "A child who may be adopted",
            Requester::ParentOrGuardian => "The child's parent or guardian",
            Requester::PersonWishingToAdopt => "A person wishing to adopt",
            Requester::AdoptedPerson => "An adopted person",
            Requester::BirthParent => "A birth parent",
            Requester::FormerGuardian => "A former guardian",
            Requester::OtherChildOfAdopters => "Another child of the adoptive parents",
            Requester::BirthSibling => "A birth sibling of the adopted child",
            Requester::OtherPerson => "A relative or other person close to the child",
        }
    }

    pub fn parse(code: &str) -> Option<Requester> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// ASSESS-008, ASSESS-016: how a request arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    SelfReferral,
    /// A professional on the family's behalf, with the parents' consent.
    Professional,
    /// A call to First Response Children's Duty.
    FirstResponse,
}

impl Route {
    pub const ALL: [Route; 3] = [
        Route::SelfReferral,
        Route::Professional,
        Route::FirstResponse,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Route::SelfReferral => "self",
            Route::Professional => "professional",
            Route::FirstResponse => "first_response",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::SelfReferral => "The family asked themselves",
            Route::Professional => "A professional referred with the parents' consent",
            Route::FirstResponse => "A call to First Response Children's Duty",
        }
    }

    pub fn parse(code: &str) -> Option<Route> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Where a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStage {
    /// With a Customer Service Agent at First Response (ASSESS-016).
    FirstResponse,
    /// Too complex for a community resource: a manager considers allocation.
    WithManager,
    /// This council is responsible: waiting for a social worker.
    Received,
    /// Another authority is responsible: to be signposted (ASSESS-005, -010).
    NotOurs,
    Assessing,
    Assessed,
    Signposted,
    Advised,
}

impl RequestStage {
    pub fn label(self) -> &'static str {
        match self {
            RequestStage::FirstResponse => "With First Response",
            RequestStage::WithManager => "Manager to consider allocation",
            RequestStage::Received => "Waiting for a social worker",
            RequestStage::NotOurs => "Another council is responsible",
            RequestStage::Assessing => "Being assessed",
            RequestStage::Assessed => "Assessed",
            RequestStage::Signposted => "Closed - signposted",
            RequestStage::Advised => "Closed - advice given",
        }
    }
}

/// What the person asking said, as the form records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub received: NaiveDate,
    pub requester: Requester,
    pub relationship: String,
    pub route: Route,
    pub consent_on: Option<NaiveDate>,
}

/// ASSESS-009: the child's copy of the report, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildCopy {
    Sent(NaiveDate),
    NotAppropriate(String),
}

/// A completed assessment (ASSESS-009).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub completed: NaiveDate,
    pub needs: String,
    pub outcome_told: NaiveDate,
    pub report_to_parents: NaiveDate,
    pub child_copy: ChildCopy,
}

/// ASSESS-011: how support the council decides to provide is delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Direct,
    Commissioned {
        provider: String,
        contract: Option<String>,
    },
}

/// ASSESS-011, GEN-012: the decision to provide, recorded apart from the
/// assessed need, with its notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provision {
    pub decided: NaiveDate,
    pub by: String,
    pub provide: bool,
    pub reasons: String,
    pub delivery: Option<Delivery>,
    /// The decision notice: the decision, the reasons, and who to contact
    /// or how to appeal (GEN-012).
    pub notice: String,
}

/// PAY-024, PAY-025: an Adoption Support Fund application resting on the
/// completed assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsfApplication {
    pub made: NaiveDate,
    pub by: String,
    pub intervention: String,
    /// Who processes it: the Post Adoption Support service.
    pub processed_by: String,
}

/// A request for an assessment of need and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentRequest {
    pub number: u32,
    pub received: NaiveDate,
    pub requester: Requester,
    pub relationship: Option<String>,
    pub route: Route,
    pub consent_on: Option<NaiveDate>,
    /// The authority responsible on the day of the request and the rule.
    pub responsible: String,
    pub rule: String,
    /// Where it goes (ASSESS-015, ASSESS-016).
    pub routed_to: String,
    pub stage: RequestStage,
    pub assessor: Option<String>,
    #[serde(default)]
    pub advice: Option<String>,
    #[serde(default)]
    pub assessment: Option<Assessment>,
    #[serde(default)]
    pub provision: Option<Provision>,
    #[serde(default)]
    pub asf: Option<AsfApplication>,
}

/// The service that processes Adoption Support Fund applications (PAY-025).
pub const POST_ADOPTION_SUPPORT: &str = "Post Adoption Support service";

/// Where the family can appeal a decision about support (GEN-012).
pub const APPEAL_ROUTE: &str = "the Service Manager for the Fostering and Adoption Service";

impl SupportRecord {
    /// A request by its number.
    pub fn request_mut(&mut self, number: u32) -> Result<&mut AssessmentRequest, SupportError> {
        match self.requests.iter_mut().find(|r| r.number == number) {
            Some(r) => Ok(r),
            None => refuse("request", format!("there is no request {number}")),
        }
    }

    /// ASSESS-001: records a request, with no "too soon" block however
    /// recent the last one (ASSESS-006, ASSESS-008 and the responsible
    /// authority of ASSESS-002 … ASSESS-005, ASSESS-015 … ASSESS-017
    /// decided on the day it arrived). Returns its number.
    pub fn request(
        &mut self,
        family: &Family,
        new: NewRequest,
    ) -> Result<&AssessmentRequest, SupportError> {
        let relationship = Some(new.relationship.trim().to_owned()).filter(|s| !s.is_empty());
        if new.requester == Requester::OtherPerson && relationship.is_none() {
            return refuse(
                "relationship",
                "describe the beneficial relationship the person has with the child (ASSESS-006)",
            );
        }
        if new.route == Route::Professional {
            match new.consent_on {
                None => {
                    return refuse(
                        "consent_on",
                        "a professional's referral needs the date the parents consented (ASSESS-008)",
                    );
                }
                Some(c) if c > new.received => {
                    return refuse("consent_on", "consent cannot be after the referral");
                }
                _ => {}
            }
        }
        let (responsible, rule, ours) = responsibility(family, new.received);
        let (stage, routed_to) = route_of(family, new.route, ours, new.received);
        let number = self.requests.iter().map(|r| r.number).max().unwrap_or(0) + 1;
        self.requests.push(AssessmentRequest {
            number,
            received: new.received,
            requester: new.requester,
            relationship,
            route: new.route,
            consent_on: new.consent_on,
            responsible,
            rule: rule.into(),
            routed_to,
            stage,
            assessor: None,
            advice: None,
            assessment: None,
            provision: None,
            asf: None,
        });
        Ok(self.requests.last().expect("just pushed"))
    }
}

/// The authority responsible for a family's assessment on `on`, the rule
/// deciding it, and whether it is this council.
fn responsibility(family: &Family, on: NaiveDate) -> (String, &'static str, bool) {
    match family.order_made {
        Some(order) => {
            let r = responsible_authority(family, order, on);
            let ours = is_council(&r.authority);
            let rule = if !ours && on <= r.placing_until {
                "ASSESS-005"
            } else {
                r.rule
            };
            (r.authority, rule, ours)
        }
        None => (
            family.placing_authority.clone(),
            "ASSESS-002",
            is_council(&family.placing_authority),
        ),
    }
}

/// ASSESS-015, ASSESS-016: a request's first stage and where it goes.
fn route_of(family: &Family, route: Route, ours: bool, on: NaiveDate) -> (RequestStage, String) {
    if !ours {
        return (
            RequestStage::NotOurs,
            "Advice and signposting to the responsible authority (ASSESS-010)".into(),
        );
    }
    let adoption = family.family_type == FamilyType::Adoptive;
    if !adoption && route == Route::FirstResponse {
        return (
            RequestStage::FirstResponse,
            "First Response Children's Duty (ASSESS-016)".into(),
        );
    }
    let within_three_years = family
        .order_made
        .is_none_or(|o| on <= responsible_authority(family, o, on).placing_until);
    let to = if adoption && within_three_years {
        "First Response to the Permanence Team (adoption social worker)"
    } else if adoption {
        "First Response to the fieldwork social work service"
    } else {
        "Allocation to an adoption social worker"
    };
    (RequestStage::Received, to.into())
}

/// Whether `role` is a manager (Team Manager or above) who allocates,
/// approves plans and decides provision.
pub fn is_manager(role: Role) -> bool {
    crate::passport::ledger::is_manager(role)
}

impl AssessmentRequest {
    fn at(&self, stages: &[RequestStage], what: &str) -> Result<(), SupportError> {
        if stages.contains(&self.stage) {
            Ok(())
        } else {
            refuse(
                "request",
                format!(
                    "request {} is {}: it cannot {what} now",
                    self.number,
                    self.stage.label().to_lowercase()
                ),
            )
        }
    }

    /// ASSESS-016: the Customer Service Agent's outcome: advice given
    /// closes the contact with the advice; too complex sends it to a
    /// manager to consider allocation.
    pub fn first_response(&mut self, advice: Option<String>) -> Result<(), SupportError> {
        self.at(
            &[RequestStage::FirstResponse],
            "have a First Response outcome",
        )?;
        match advice
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
        {
            Some(a) => {
                self.advice = Some(a);
                self.stage = RequestStage::Advised;
            }
            None => self.stage = RequestStage::WithManager,
        }
        Ok(())
    }

    /// Allocates a social worker to assess; from First Response's
    /// referral only a manager allocates (ASSESS-016).
    pub fn allocate(&mut self, role: Role, worker: &str) -> Result<(), SupportError> {
        self.at(
            &[RequestStage::Received, RequestStage::WithManager],
            "be allocated",
        )?;
        if self.stage == RequestStage::WithManager && !is_manager(role) {
            return refuse(
                "worker",
                "a manager considers the allocation of a First Response referral",
            );
        }
        if worker.trim().is_empty() {
            return refuse("worker", "name the social worker who will assess");
        }
        self.assessor = Some(worker.trim().to_owned());
        self.stage = RequestStage::Assessing;
        Ok(())
    }

    /// ASSESS-010: a request this council is not responsible for closes
    /// only with the responsible authority or another service named.
    pub fn signpost(&mut self, advice: &str) -> Result<(), SupportError> {
        self.at(&[RequestStage::NotOurs], "be signposted")?;
        if advice.trim().is_empty() {
            return refuse(
                "advice",
                "name the responsible authority or the service the family was told about",
            );
        }
        self.advice = Some(advice.trim().to_owned());
        self.stage = RequestStage::Signposted;
        Ok(())
    }

    /// ASSESS-009: the assessment closes only when the family was told the
    /// outcome and the parents sent a copy of the report; the child's copy
    /// is a date or a reason it is not appropriate.
    pub fn complete(&mut self, a: Assessment) -> Result<(), SupportError> {
        self.at(&[RequestStage::Assessing], "be completed")?;
        if a.needs.trim().is_empty() {
            return refuse("needs", "say what the assessment found");
        }
        if let ChildCopy::NotAppropriate(why) = &a.child_copy
            && why.trim().is_empty()
        {
            return refuse(
                "child_copy",
                "give the date the child's copy was sent or why it is not appropriate",
            );
        }
        if a.outcome_told < a.completed || a.report_to_parents < a.completed {
            return refuse(
                "report_to_parents",
                "the outcome and the report follow the assessment",
            );
        }
        self.assessment = Some(a);
        self.stage = RequestStage::Assessed;
        Ok(())
    }

    /// ASSESS-011 with GEN-012: a manager decides whether to provide what
    /// the assessment found; "no" needs reasons, a commissioned service a
    /// provider; the notice states the decision, the reasons and the
    /// route of appeal.
    pub fn decide(
        &mut self,
        (role, by, on): (Role, &str, NaiveDate),
        provide: bool,
        reasons: &str,
        delivery: Option<Delivery>,
    ) -> Result<(), SupportError> {
        self.at(&[RequestStage::Assessed], "have a decision to provide")?;
        if !is_manager(role) {
            return refuse(
                "provide",
                "a Team Manager or above decides what is provided",
            );
        }
        let reasons = reasons.trim();
        if reasons.is_empty() {
            return refuse("reasons", "give the reasons for the decision (GEN-012)");
        }
        if provide && delivery.is_none() {
            return refuse(
                "delivery",
                "say whether the council delivers it or commissions it",
            );
        }
        if let Some(Delivery::Commissioned { provider, .. }) = &delivery
            && provider.trim().is_empty()
        {
            return refuse(
                "provider",
                "name the provider a commissioned service is bought from",
            );
        }
        let decision = if provide {
            "The council will provide the support the assessment found you need"
        } else {
            "The council will not provide the support the assessment found (the need is recorded as assessed, not provided)"
        };
        let notice = format!(
            "{decision}. Reasons: {reasons}. If you disagree, contact your social worker or appeal to {APPEAL_ROUTE}."
        );
        self.provision = Some(Provision {
            decided: on,
            by: by.to_owned(),
            provide,
            reasons: reasons.to_owned(),
            delivery: if provide { delivery } else { None },
            notice,
        });
        Ok(())
    }

    /// PAY-024, PAY-025: an Adoption Support Fund application rests on the
    /// completed assessment and names the therapeutic intervention; the
    /// allocated social worker makes it and the Post Adoption Support
    /// service processes it.
    pub fn apply_to_asf(
        &mut self,
        by: &str,
        on: NaiveDate,
        intervention: &str,
    ) -> Result<(), SupportError> {
        if self.assessment.is_none() {
            return refuse(
                "intervention",
                "an application needs a completed assessment of need (PAY-024)",
            );
        }
        if intervention.trim().is_empty() {
            return refuse(
                "intervention",
                "name the specific therapeutic intervention proposed (PAY-024)",
            );
        }
        if self.assessor.as_deref() != Some(by) {
            return refuse(
                "intervention",
                "the allocated social worker makes the application (PAY-025)",
            );
        }
        self.asf = Some(AsfApplication {
            made: on,
            by: by.to_owned(),
            intervention: intervention.trim().to_owned(),
            processed_by: POST_ADOPTION_SUPPORT.into(),
        });
        Ok(())
    }
}

/// PASS-009: a section of a support plan: the support, or why none is needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Support(String),
    NotNeeded(String),
}

impl Section {
    /// The section from the form: the support, else the reason none is needed.
    pub fn from_form(support: &str, not_needed: &str) -> Option<Section> {
        if !support.trim().is_empty() {
            Some(Section::Support(support.trim().to_owned()))
        } else if !not_needed.trim().is_empty() {
            Some(Section::NotNeeded(not_needed.trim().to_owned()))
        } else {
            None
        }
    }

    pub fn text(&self) -> String {
        match self {
            Section::Support(s) => s.clone(),
            Section::NotNeeded(why) => format!("No support needed: {why}"),
        }
    }
}

/// Where a support plan is (WF-SUPPORT-PLAN).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStage {
    Proposed,
    /// Approved and sent to the family, who may respond (ASSESS-012).
    Sent,
    Final,
}

/// A review of the plan: why it is due, by when, and when held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanReview {
    pub reason: String,
    pub notified: NaiveDate,
    pub due: NaiveDate,
    /// The rule that sets it (ASSESS-013, ASSESS-014 or ASSESS-019).
    pub rule: String,
    pub held: Option<NaiveDate>,
}

/// An adoption or SGO/CAO support plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportPlan {
    pub number: u32,
    pub proposed: NaiveDate,
    pub emotional_wellbeing: Section,
    pub education: Section,
    pub other: String,
    pub stage: PlanStage,
    pub approved_by: Option<String>,
    pub sent: Option<NaiveDate>,
    pub response: Option<(NaiveDate, String)>,
    #[serde(default)]
    pub reviews: Vec<PlanReview>,
}

/// ASSESS-012: the family's days to respond to the plan they were sent.
pub const RESPONSE_DAYS: u64 = 10;
/// ASSESS-013, ASSESS-014: a review within 4 weeks of a change notified.
pub const REVIEW_DAYS: u64 = 28;

impl SupportPlan {
    /// The last day the family may respond (ASSESS-012).
    pub fn response_due(&self) -> Option<NaiveDate> {
        self.sent
            .and_then(|s| s.checked_add_days(Days::new(RESPONSE_DAYS)))
    }

    /// The plan's status on `today`: a plan sent with no response by the
    /// end of its tenth day is final as proposed.
    pub fn status(&self, today: NaiveDate) -> &'static str {
        match (self.stage, self.response_due()) {
            (PlanStage::Proposed, _) => "Proposed",
            (PlanStage::Sent, Some(due)) if today > due => "Final - no response received",
            (PlanStage::Sent, _) => "Sent to the family for their response",
            (PlanStage::Final, _) => "Final",
        }
    }

    /// Reviews not yet held.
    pub fn open_reviews(&self) -> impl Iterator<Item = &PlanReview> {
        self.reviews.iter().filter(|r| r.held.is_none())
    }

    /// A review due `REVIEW_DAYS` after a change notified (ASSESS-013
    /// before the order, ASSESS-014 after it) or on the day a call found
    /// the plan no longer appropriate (ASSESS-019).
    pub fn add_review(&mut self, reason: &str, notified: NaiveDate, rule: &str) {
        let due = if rule == "ASSESS-019" {
            notified
        } else {
            notified
                .checked_add_days(Days::new(REVIEW_DAYS))
                .unwrap_or(notified)
        };
        self.reviews.push(PlanReview {
            reason: reason.to_owned(),
            notified,
            due,
            rule: rule.to_owned(),
            held: None,
        });
    }
}

impl SupportRecord {
    /// PASS-009: proposes a plan; each of emotional wellbeing and education
    /// is addressed, or says why no support is needed there.
    pub fn propose_plan(
        &mut self,
        on: NaiveDate,
        wellbeing: Option<Section>,
        education: Option<Section>,
        other: &str,
    ) -> Result<u32, SupportError> {
        let Some(emotional_wellbeing) = wellbeing else {
            return refuse("wellbeing", "emotional wellbeing need not addressed");
        };
        let Some(education) = education else {
            return refuse("education", "education need not addressed");
        };
        let number = self.plans.iter().map(|p| p.number).max().unwrap_or(0) + 1;
        self.plans.push(SupportPlan {
            number,
            proposed: on,
            emotional_wellbeing,
            education,
            other: other.trim().to_owned(),
            stage: PlanStage::Proposed,
            approved_by: None,
            sent: None,
            response: None,
            reviews: Vec::new(),
        });
        Ok(number)
    }

    /// The latest plan.
    pub fn current_plan_mut(&mut self) -> Result<&mut SupportPlan, SupportError> {
        match self.plans.last_mut() {
            Some(p) => Ok(p),
            None => refuse("plan", "there is no support plan yet"),
        }
    }

    /// ASSESS-012: a manager approves the proposed plan and it is sent to
    /// the family on `sent`, who may respond within 10 days.
    pub fn approve_plan(
        &mut self,
        role: Role,
        by: &str,
        sent: NaiveDate,
    ) -> Result<(), SupportError> {
        if !is_manager(role) {
            return refuse("plan", "a Team Manager or above approves the plan");
        }
        let plan = self.current_plan_mut()?;
        if plan.stage != PlanStage::Proposed {
            return refuse("plan", "the plan was approved already");
        }
        plan.stage = PlanStage::Sent;
        plan.approved_by = Some(by.to_owned());
        plan.sent = Some(sent);
        Ok(())
    }

    /// The family's response to the plan they were sent: it is then final.
    pub fn respond_to_plan(&mut self, on: NaiveDate, response: &str) -> Result<(), SupportError> {
        let plan = self.current_plan_mut()?;
        if plan.stage != PlanStage::Sent {
            return refuse("response", "the plan has not been sent to the family");
        }
        if response.trim().is_empty() {
            return refuse("response", "record what the family said");
        }
        plan.response = Some((on, response.trim().to_owned()));
        plan.stage = PlanStage::Final;
        Ok(())
    }

    /// ASSESS-013, ASSESS-014: a change of circumstances notified: a review
    /// is due within 4 weeks (the local target after the order).
    pub fn change_notified(
        &mut self,
        family: &Family,
        on: NaiveDate,
        what: &str,
    ) -> Result<(), SupportError> {
        if what.trim().is_empty() {
            return refuse("change", "say what changed");
        }
        let rule = if family.order_made.is_some_and(|o| o <= on) {
            "ASSESS-014"
        } else {
            "ASSESS-013"
        };
        self.current_plan_mut()?.add_review(what.trim(), on, rule);
        Ok(())
    }

    /// Records the plan's open reviews held on `on`.
    pub fn review_held(&mut self, on: NaiveDate) -> Result<usize, SupportError> {
        let plan = self.current_plan_mut()?;
        let mut held = 0;
        for r in plan.reviews.iter_mut().filter(|r| r.held.is_none()) {
            r.held = Some(on);
            held += 1;
        }
        if held == 0 {
            return refuse("plan", "no review of the plan is due");
        }
        Ok(held)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn assess_012_a_plan_sent_and_not_answered_is_final_after_ten_days() {
        let mut r = SupportRecord::default();
        let wellbeing = Section::from_form("Theraplay sessions", "");
        let education = Section::from_form("", "Settled at school");
        r.propose_plan(d("2025-03-01"), wellbeing, education, "")
            .unwrap();
        r.approve_plan(Role::TeamManager, "tm", d("2025-03-03"))
            .unwrap();
        let plan = &r.plans[0];
        assert_eq!(plan.response_due(), Some(d("2025-03-13")));
        assert_eq!(
            plan.status(d("2025-03-13")),
            "Sent to the family for their response"
        );
        assert_eq!(plan.status(d("2025-03-14")), "Final - no response received");
    }
}
