//! Requests to the adoption service about contact and identity, each a
//! record of its own: support for a birth parent offered with the leaflet
//! at the ADM's decision and decided by the Service Manager for Adoption
//! (WF-BIRTH-FAMILY-SUPPORT, CONT-004), counselling for loss recommended by
//! the Adoption Team and decided by them too (CONT-005), unplanned or
//! social-media contact with the advice it calls for (CONT-012, CONT-013),
//! and an adopted adult's birth records counselling, intermediary advice
//! and the Adoption Contact Register (WF-ADULT-ADOPTEE, CONT-014 …
//! CONT-016).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::access::User;
use crate::roles::Role;

/// What is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// CONT-004: support for a birth parent or family.
    BirthFamilySupport,
    /// CONT-005: counselling for the loss of their child.
    Counselling,
    /// CONT-012, CONT-013: unplanned or social-media contact reported.
    UnplannedContact,
    /// CONT-014: birth records counselling for an adopted adult.
    BirthRecords,
    /// CONT-015: tracing a birth relative through an intermediary.
    Intermediary,
    /// CONT-016: the Adoption Contact Register.
    ContactRegister,
    /// ADOPT-043: support after an adoption order, routed by how long ago
    /// the order was made and whether there is a child-protection concern.
    PostAdoptionSupport,
    /// ADOPT-044: an application to the Adoption and Special Guardianship
    /// Support Fund, initial or a top-up of an earlier one.
    AsfApplication,
    /// ADOPT-045: the Therapeutic Support Budget before the adoption order
    /// (£450, a further £450 if required).
    TherapeuticSupport,
    /// ADOPT-057: education advice for a previously looked-after child
    /// from the Virtual School's duty line.
    PlacEducationAdvice,
}

impl RequestKind {
    pub const ALL: [RequestKind; 10] = [
        RequestKind::BirthFamilySupport,
        RequestKind::Counselling,
        RequestKind::UnplannedContact,
        RequestKind::BirthRecords,
        RequestKind::Intermediary,
        RequestKind::ContactRegister,
        RequestKind::PostAdoptionSupport,
        RequestKind::AsfApplication,
        RequestKind::TherapeuticSupport,
        RequestKind::PlacEducationAdvice,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestKind::BirthFamilySupport => "birth_family_support",
            RequestKind::Counselling => "counselling",
            RequestKind::UnplannedContact => "unplanned_contact",
            RequestKind::BirthRecords => "birth_records",
            RequestKind::Intermediary => "intermediary",
            RequestKind::ContactRegister => "contact_register",
            RequestKind::PostAdoptionSupport => "post_adoption_support",
            RequestKind::AsfApplication => "asf_application",
            RequestKind::TherapeuticSupport => "therapeutic_support",
            RequestKind::PlacEducationAdvice => "plac_education_advice",
        }
    }

    pub fn parse(code: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestKind::BirthFamilySupport => "Support for a birth parent or family",
            RequestKind::Counselling => "Counselling for a birth parent or family",
            RequestKind::UnplannedContact => "Unplanned or social-media contact",
            RequestKind::BirthRecords => "Birth records counselling (adopted adult)",
            RequestKind::Intermediary => "Intermediary services (tracing a birth relative)",
            RequestKind::ContactRegister => "Adoption Contact Register",
            RequestKind::PostAdoptionSupport => "Post-adoption support",
            RequestKind::AsfApplication => {
                "Adoption and Special Guardianship Support Fund application"
            }
            RequestKind::TherapeuticSupport => "Therapeutic Support Budget (before the order)",
            RequestKind::PlacEducationAdvice => {
                "Education advice for a previously looked-after child (Virtual School)"
            }
        }
    }

    /// Whether the request is about a child the council holds.
    /// ADOPT-060: the case type of the service the request is (None: the
    /// Virtual School's, outside the adoption teams).
    pub fn case_type(self) -> Option<&'static str> {
        match self {
            RequestKind::BirthFamilySupport
            | RequestKind::Counselling
            | RequestKind::UnplannedContact => Some("birth family"),
            RequestKind::BirthRecords
            | RequestKind::Intermediary
            | RequestKind::ContactRegister => Some("adopted adult"),
            RequestKind::PostAdoptionSupport
            | RequestKind::AsfApplication
            | RequestKind::TherapeuticSupport => Some("post-adoption"),
            RequestKind::PlacEducationAdvice => None,
        }
    }

    pub fn about_a_child(self) -> bool {
        matches!(
            self,
            RequestKind::BirthFamilySupport
                | RequestKind::Counselling
                | RequestKind::UnplannedContact
                | RequestKind::TherapeuticSupport
        )
    }
}

/// Who asks.
pub const REQUESTERS: &[(&str, &str)] = &[
    ("birth_parent", "A birth parent"),
    ("birth_relative", "Another birth relative"),
    (
        "childs_social_worker",
        "The child's social worker, for a birth parent",
    ),
    ("adoptive_parent", "An adoptive parent"),
    (
        "guardian",
        "A special guardian or child arrangements order holder",
    ),
    ("foster_carer", "A foster carer"),
    ("adopted_adult", "An adopted adult"),
    ("adult_relative", "An adult relative of an adopted adult"),
];

/// The team that answers each request.
pub const POST_ADOPTION_SUPPORT: &str = "Post-Adoption Support Team";
pub const PERMANENCE_TEAM: &str = "Permanence Team";
pub const SERVICE_MANAGER_ADOPTION: &str = "Service Manager for Adoption";
/// ADOPT-043: who answers a post-adoption support request.
pub const ADOPTION_SOCIAL_WORKER: &str =
    "An adoption social worker (within three years of the order)";
pub const POST_ORDER_SUPPORT: &str = "Adoption (Post-Order Support) Team";
pub const FIRST_RESPONSE: &str = "First Response Children's Duty";
/// ADOPT-057: who answers the Virtual School's duty line.
pub const VIRTUAL_SCHOOL_DUTY: &str = "Virtual School duty Senior Education Advisor";
/// ADOPT-057: working days to answer a call or email to the duty line.
pub const PLAC_RESPONSE_WORKING_DAYS: u32 = 7;
/// SG-009, KIN-019: how the child of a Virtual School enquiry left care,
/// or that they live in kinship care.
pub const LEFT_CARE_BY: &[(&str, &str)] = &[
    ("adoption_order", "An adoption order"),
    ("sgo", "A special guardianship order"),
    ("cao", "A child arrangements order"),
    (
        "kinship",
        "Not through an order: the child lives in kinship care",
    ),
];
/// KIN-019: the day the Virtual School Head's duty to promote the education
/// of children in kinship care applies from. The packs differ (December
/// 2023 in the Virtual School report, September 2024 in the department
/// overview); this follows the department overview.
pub const KINSHIP_DUTY_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2024, 9, 1) {
    Some(d) => d,
    None => panic!("a real date"),
};
/// ADOPT-045: the Therapeutic Support Budget's first payment and the most
/// a child may receive, in pence.
pub const TSB_FIRST_PENCE: i64 = 45_000;
pub const TSB_MOST_PENCE: i64 = 90_000;
/// ADOPT-047: adults adopted before this year are seen first.
pub const BIRTH_RECORDS_PRIORITY_BEFORE: i32 = 1975;
pub const CHILDS_SOCIAL_WORKER: &str =
    "The child's social worker (with the supervising social worker)";

/// CONT-016: the Adoption Contact Register's address, exactly.
pub const GRO_ACR_ADDRESS: &str = "General Register Office (ACR), Adoptions Section, Smedley Hydro, Trafalgar Road, Southport, Merseyside, PR8 2HH";

/// CONT-015: the only outcomes of an intermediary request (LCC does not
/// provide the service).
pub const INTERMEDIARY_OUTCOMES: &[(&str, &str)] = &[
    ("initial_advice", "Initial advice given"),
    ("signposted", "Signposted to a third-sector agency"),
];

/// CONT-014: the outcomes of birth records counselling.
pub const RECORDS_OUTCOMES: &[(&str, &str)] = &[
    (
        "counsellor_allocated",
        "Counsellor allocated (an LCC adoption)",
    ),
    (
        "signposted",
        "Signposted to the agency that arranged the adoption",
    ),
];

/// ADOPT-060: the adoption service's teams (2025) and the case types each
/// is assigned.
pub const ADOPTION_TEAMS: &[(&str, &[&str])] = &[
    (
        "Assessment and Support",
        &["adopter assessment", "non-agency adoption"],
    ),
    (
        "Permanence",
        &["family finding", "birth family", "adopted adult"],
    ),
    ("Post-Order Support", &["post-adoption", "post-SGO"]),
    ("Recruitment", &["adopter enquiry"]),
    ("Birth Records Counselling", &["adopted adult"]),
];

/// ADOPT-060: whether `team` is assigned the case type `case_type`.
pub fn team_takes(team: &str, case_type: &str) -> bool {
    ADOPTION_TEAMS
        .iter()
        .any(|(t, types)| *t == team && types.contains(&case_type))
}

/// Why a request or a step was refused, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    #[error("enter the requester's name")]
    NoName,
    #[error("select who is asking")]
    NoRequester,
    #[error("the date cannot be in the future")]
    Future,
    #[error("enter the child's identifier: this request is about a child")]
    NoChild,
    #[error(
        "birth records counselling is asked for by the adopted adult themselves, aged 18 or over (CONT-014)"
    )]
    NotAnAdoptedAdult,
    #[error("enter the adopted adult's date of birth: they must be 18 or over (CONT-014)")]
    NoDateOfBirth,
    #[error("intermediary services are for an adopted adult or their adult relative (CONT-015)")]
    NotForIntermediary,
    #[error("record the date the leaflet was given, or why it was not (CONT-004)")]
    NoLeaflet,
    #[error("say how the contact was made (CONT-012)")]
    NoChannel,
    #[error("select an outcome this request may have")]
    BadOutcome,
    #[error("the Adoption Team's recommendation comes first (CONT-005)")]
    NoRecommendation,
    #[error("enter the recommendation")]
    EmptyRecommendation,
    #[error("only the Service Manager for Adoption decides (CONT-004, CONT-005)")]
    NotTheServiceManager,
    #[error("the request is closed")]
    Closed,
    #[error("this step is not for this request")]
    NotThisStep,
    #[error("enter the date of the adoption order (ADOPT-043)")]
    NoOrderDate,
    #[error("a top-up application names the initial application it continues (ADOPT-044)")]
    TopUpWithoutInitial,
    #[error("enter the amount asked for, in pounds (ADOPT-045)")]
    NoAmount,
    #[error("{0} (ADOPT-045)")]
    OverBudget(String),
    #[error("the year of the adoption cannot be after the date received (ADOPT-047)")]
    AdoptedInFuture,
    #[error("enter the worker allocated")]
    NoWorker,
    #[error("{0} (ADOPT-060)")]
    WrongTeam(String),
    #[error("select how the child left care, or that they live in kinship care (SG-009, KIN-019)")]
    NoLeftCareBy,
    #[error(
        "the Virtual School's duty to children in kinship care applies to enquiries from {0}: this one was received before it (KIN-019)"
    )]
    KinshipDutyNotInForce(String),
}

/// SG-009, KIN-019: whether the Virtual School's duty covers the child of
/// an enquiry received on `received`: a previously looked-after child
/// (left care under an adoption, special guardianship or child arrangements
/// order), or a child in kinship care once the kinship duty applies.
pub fn virtual_school_covers(left_care_by: &str, received: NaiveDate) -> Result<(), ServiceError> {
    match left_care_by {
        "adoption_order" | "sgo" | "cao" => Ok(()),
        "kinship" if received >= KINSHIP_DUTY_FROM => Ok(()),
        "kinship" => Err(ServiceError::KinshipDutyNotInForce(
            KINSHIP_DUTY_FROM.format("%-d %B %Y").to_string(),
        )),
        _ => Err(ServiceError::NoLeftCareBy),
    }
}

/// ADOPT-045: whether `asked` pence may be paid from the Therapeutic
/// Support Budget to a child already paid `paid` pence: the first payment
/// up to £450, a further one up to £450, never more than £900 in all.
pub fn tsb_allowed(paid: i64, asked: i64) -> Result<(), ServiceError> {
    if asked <= 0 {
        return Err(ServiceError::NoAmount);
    }
    let pounds = |p: i64| format!("£{}.{:02}", p / 100, p % 100);
    if paid + asked > TSB_MOST_PENCE || asked > TSB_FIRST_PENCE {
        let left = (TSB_MOST_PENCE - paid).clamp(0, TSB_FIRST_PENCE);
        return Err(ServiceError::OverBudget(format!(
            "the budget pays at most {} at a time and {} in all: {} already paid, so at most {} more",
            pounds(TSB_FIRST_PENCE),
            pounds(TSB_MOST_PENCE),
            pounds(paid),
            pounds(left)
        )));
    }
    Ok(())
}

/// A request as a person records its receipt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRequest {
    pub kind: Option<RequestKind>,
    pub requester: String,
    /// A code of [`REQUESTERS`].
    pub requester_is: String,
    pub child_id: Option<String>,
    pub received: NaiveDate,
    /// An adopted adult's date of birth (CONT-014).
    pub born: Option<NaiveDate>,
    /// CONT-004: the leaflet given at the ADM's decision, or why not.
    pub leaflet: Option<NaiveDate>,
    pub leaflet_not_given: String,
    /// CONT-012: how the contact was made (social media, in person ...).
    pub channel: String,
    /// ADOPT-047: the year an adopted adult was adopted.
    pub adopted_year: Option<i32>,
    /// ADOPT-043: the day of the adoption order.
    pub order: Option<NaiveDate>,
    /// ADOPT-043: a child-protection concern, or a child who may return to care.
    pub protection_concern: bool,
    /// ADOPT-044: the initial application a top-up continues (`ASR00012`).
    pub top_up_of: Option<String>,
    /// ADOPT-045: the amount asked for, in pence.
    pub amount_pence: Option<i64>,
    /// SG-009, KIN-019: a code of [`LEFT_CARE_BY`] (a Virtual School enquiry).
    pub left_care_by: String,
}

/// A request and what followed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRequest {
    /// `ASR` and five digits.
    pub id: String,
    pub kind: RequestKind,
    pub requester: String,
    pub requester_is: String,
    pub child_id: Option<String>,
    pub received: NaiveDate,
    pub born: Option<NaiveDate>,
    pub leaflet: Option<NaiveDate>,
    pub leaflet_not_given: String,
    pub channel: String,
    /// Who answers it.
    pub routed_to: String,
    /// CONT-005: the Adoption Team's recommendation.
    pub recommendation: Option<(NaiveDate, String)>,
    /// CONT-004, CONT-005: the Service Manager's decision (agreed?).
    pub decision: Option<(NaiveDate, bool)>,
    /// The outcome's code and the date it was recorded.
    pub outcome: Option<(NaiveDate, String)>,
    #[serde(default)]
    pub adopted_year: Option<i32>,
    #[serde(default)]
    pub order: Option<NaiveDate>,
    #[serde(default)]
    pub protection_concern: bool,
    #[serde(default)]
    pub top_up_of: Option<String>,
    #[serde(default)]
    pub amount_pence: Option<i64>,
    /// ADOPT-047, ADOPT-057: the day it must be answered by (a counsellor
    /// allocated, the Virtual School's reply).
    #[serde(default)]
    pub answer_due: Option<NaiveDate>,
    /// ADOPT-060: the worker allocated, their team and the day.
    #[serde(default)]
    pub allocated: Option<Allocation>,
    /// SG-009, KIN-019: how the child of a Virtual School enquiry left
    /// care (a code of [`LEFT_CARE_BY`]), empty for other requests.
    #[serde(default)]
    pub left_care_by: String,
}

/// ADOPT-060: a request allocated to a worker of one of the service's teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub worker: String,
    pub team: String,
    pub date: NaiveDate,
}

fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

impl ServiceRequest {
    /// A request received, checked and routed to the team that answers it.
    pub fn receive(
        id: String,
        new: NewRequest,
        today: NaiveDate,
    ) -> Result<ServiceRequest, ServiceError> {
        let kind = new.kind.ok_or(ServiceError::NotThisStep)?;
        let requester = new.requester.trim().to_owned();
        if requester.is_empty() {
            return Err(ServiceError::NoName);
        }
        let who = new.requester_is.as_str();
        if !REQUESTERS.iter().any(|(c, _)| *c == who) {
            return Err(ServiceError::NoRequester);
        }
        if new.received > today {
            return Err(ServiceError::Future);
        }
        let child_id = new.child_id.filter(|c| !c.trim().is_empty());
        if kind.about_a_child() && child_id.is_none() {
            return Err(ServiceError::NoChild);
        }
        let left_care_by = match (kind, new.left_care_by.trim(), who) {
            (RequestKind::PlacEducationAdvice, "", "adoptive_parent") => "adoption_order",
            (RequestKind::PlacEducationAdvice, by, _) => by,
            _ => "",
        }
        .to_owned();
        let routed_to = match kind {
            RequestKind::BirthFamilySupport => {
                if new.leaflet.is_none() && new.leaflet_not_given.trim().is_empty() {
                    return Err(ServiceError::NoLeaflet);
                }
                SERVICE_MANAGER_ADOPTION
            }
            RequestKind::Counselling => "Adoption Team",
            RequestKind::UnplannedContact => {
                if new.channel.trim().is_empty() {
                    return Err(ServiceError::NoChannel);
                }
                // CONT-013: a looked-after child's carer asks the child's
                // social worker; adoptive families and guardians the
                // Post-Adoption Support Team (CONT-012).
                if who == "foster_carer" {
                    CHILDS_SOCIAL_WORKER
                } else {
                    POST_ADOPTION_SUPPORT
                }
            }
            RequestKind::BirthRecords => {
                if who != "adopted_adult" {
                    return Err(ServiceError::NotAnAdoptedAdult);
                }
                let born = new.born.ok_or(ServiceError::NoDateOfBirth)?;
                if age_on(born, new.received) < 18 {
                    return Err(ServiceError::NotAnAdoptedAdult);
                }
                if new.adopted_year.is_some_and(|y| y > new.received.year()) {
                    return Err(ServiceError::AdoptedInFuture);
                }
                PERMANENCE_TEAM
            }
            // ADOPT-043: lifelong support, by route.
            RequestKind::PostAdoptionSupport => {
                let order = new.order.ok_or(ServiceError::NoOrderDate)?;
                if new.protection_concern {
                    FIRST_RESPONSE
                } else if new.received < order + chrono::Months::new(36) {
                    ADOPTION_SOCIAL_WORKER
                } else {
                    POST_ORDER_SUPPORT
                }
            }
            RequestKind::AsfApplication => {
                if new
                    .top_up_of
                    .as_deref()
                    .is_some_and(|t| t.trim().is_empty())
                {
                    return Err(ServiceError::TopUpWithoutInitial);
                }
                POST_ORDER_SUPPORT
            }
            RequestKind::TherapeuticSupport => {
                new.amount_pence.ok_or(ServiceError::NoAmount)?;
                "Service Manager for Children in Care"
            }
            RequestKind::PlacEducationAdvice => {
                virtual_school_covers(&left_care_by, new.received)?;
                VIRTUAL_SCHOOL_DUTY
            }
            RequestKind::Intermediary => {
                if !matches!(who, "adopted_adult" | "adult_relative") {
                    return Err(ServiceError::NotForIntermediary);
                }
                PERMANENCE_TEAM
            }
            RequestKind::ContactRegister => PERMANENCE_TEAM,
        };
        Ok(ServiceRequest {
            id,
            kind,
            requester,
            requester_is: new.requester_is,
            child_id,
            received: new.received,
            born: new.born,
            leaflet: new.leaflet,
            leaflet_not_given: new.leaflet_not_given.trim().to_owned(),
            channel: new.channel.trim().to_owned(),
            routed_to: routed_to.to_owned(),
            recommendation: None,
            decision: None,
            outcome: None,
            answer_due: match kind {
                // ADOPT-047: a counsellor is allocated the day of the referral.
                RequestKind::BirthRecords => Some(new.received),
                // ADOPT-057: seven working days from the next working day.
                RequestKind::PlacEducationAdvice => Some(crate::calendar::add_working_days(
                    new.received,
                    PLAC_RESPONSE_WORKING_DAYS,
                )),
                _ => None,
            },
            adopted_year: new.adopted_year,
            order: new.order,
            protection_concern: new.protection_concern,
            top_up_of: new
                .top_up_of
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty()),
            amount_pence: new.amount_pence,
            allocated: None,
            left_care_by,
        })
    }

    /// SG-009: a child who left care under a special guardianship, child
    /// arrangements or adoption order is previously looked after.
    pub fn previously_looked_after(&self) -> bool {
        matches!(self.left_care_by.as_str(), "adoption_order" | "sgo" | "cao")
    }

    /// ADOPT-047: an adult adopted before 1975 is seen first.
    pub fn priority(&self) -> bool {
        self.kind == RequestKind::BirthRecords
            && self
                .adopted_year
                .is_some_and(|y| y < BIRTH_RECORDS_PRIORITY_BEFORE)
    }

    /// Whether it is still open.
    pub fn is_open(&self) -> bool {
        self.outcome.is_none() && self.decision.is_none()
    }

    /// Where it stands, in words.
    pub fn stage_label(&self) -> String {
        match (&self.outcome, &self.decision, &self.recommendation) {
            (Some((_, o)), _, _) => format!("Closed: {}", self.outcome_label(o)),
            (_, Some((_, true)), _) => "Agreed by the Service Manager for Adoption".into(),
            (_, Some((_, false)), _) => "Declined by the Service Manager for Adoption".into(),
            (_, _, Some(_)) => "Recommendation with the Service Manager for Adoption".into(),
            _ => format!("With the {}", self.routed_to),
        }
    }

    /// The outcomes this request may close with.
    pub fn outcomes(&self) -> &'static [(&'static str, &'static str)] {
        match self.kind {
            RequestKind::Intermediary => INTERMEDIARY_OUTCOMES,
            RequestKind::BirthRecords => RECORDS_OUTCOMES,
            RequestKind::ContactRegister => &[("advice_sent", "Advice letter sent")],
            RequestKind::UnplannedContact => &[("advice_given", "Advice given")],
            RequestKind::PostAdoptionSupport => &[
                (
                    "assessment_of_need",
                    "Post Adoption Assessment of Need completed (ADOPT-044)",
                ),
                ("advice_given", "Advice given"),
                ("referred_on", "Referred to First Response"),
            ],
            RequestKind::AsfApplication => &[
                ("approved", "Approved by the Fund"),
                ("refused", "Refused by the Fund"),
                ("ps6_offered", "Parent Support 6 offered while awaited"),
            ],
            RequestKind::TherapeuticSupport => &[("paid", "Paid"), ("refused", "Refused")],
            RequestKind::PlacEducationAdvice => &[("advice_given", "Advice given")],
            RequestKind::BirthFamilySupport | RequestKind::Counselling => &[],
        }
    }

    fn outcome_label(&self, code: &str) -> &'static str {
        self.outcomes()
            .iter()
            .find(|(c, _)| *c == code)
            .map_or("", |(_, l)| l)
    }

    /// The steps open now: `recommend`, `decide`, `close`.
    pub fn steps(&self, user: &User) -> Vec<&'static str> {
        if !self.is_open() {
            return Vec::new();
        }
        let mut steps = Vec::new();
        if self.allocated.is_none() && self.kind.case_type().is_some() {
            steps.push("allocate");
        }
        match self.kind {
            RequestKind::Counselling if self.recommendation.is_none() => steps.push("recommend"),
            RequestKind::Counselling | RequestKind::BirthFamilySupport => {
                if user.role == Role::ServiceManager {
                    steps.push("decide");
                }
            }
            _ => steps.push("close"),
        }
        steps
    }

    fn open(&self, date: NaiveDate, today: NaiveDate) -> Result<(), ServiceError> {
        if !self.is_open() {
            return Err(ServiceError::Closed);
        }
        if date > today {
            return Err(ServiceError::Future);
        }
        Ok(())
    }

    /// ADOPT-060: allocates the request to a worker of a team assigned its
    /// case type.
    pub fn allocate(
        &mut self,
        (worker, team): (&str, &str),
        date: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), ServiceError> {
        self.open(date, today)?;
        if worker.trim().is_empty() {
            return Err(ServiceError::NoWorker);
        }
        let Some(case_type) = self.kind.case_type() else {
            return Err(ServiceError::WrongTeam(
                "the Virtual School answers this request, not an adoption team".into(),
            ));
        };
        if !team_takes(team, case_type) {
            let takers: Vec<&str> = ADOPTION_TEAMS
                .iter()
                .filter(|(_, types)| types.contains(&case_type))
                .map(|(t, _)| *t)
                .collect();
            return Err(ServiceError::WrongTeam(format!(
                "{case_type} cases go to the {} team, not {team}",
                takers.join(" or ")
            )));
        }
        self.allocated = Some(Allocation {
            worker: worker.trim().to_owned(),
            team: team.to_owned(),
            date,
        });
        Ok(())
    }

    /// CONT-005: the Adoption Team's recommendation.
    pub fn recommend(
        &mut self,
        date: NaiveDate,
        text: &str,
        today: NaiveDate,
    ) -> Result<(), ServiceError> {
        self.open(date, today)?;
        if self.kind != RequestKind::Counselling {
            return Err(ServiceError::NotThisStep);
        }
        if text.trim().is_empty() {
            return Err(ServiceError::EmptyRecommendation);
        }
        self.recommendation = Some((date, text.trim().to_owned()));
        Ok(())
    }

    /// CONT-004, CONT-005: the Service Manager for Adoption decides.
    pub fn decide(
        &mut self,
        user: &User,
        date: NaiveDate,
        agreed: bool,
        today: NaiveDate,
    ) -> Result<(), ServiceError> {
        self.open(date, today)?;
        if !matches!(
            self.kind,
            RequestKind::Counselling | RequestKind::BirthFamilySupport
        ) {
            return Err(ServiceError::NotThisStep);
        }
        if self.kind == RequestKind::Counselling && self.recommendation.is_none() {
            return Err(ServiceError::NoRecommendation);
        }
        if user.role != Role::ServiceManager {
            return Err(ServiceError::NotTheServiceManager);
        }
        self.decision = Some((date, agreed));
        Ok(())
    }

    /// Closes the request with one of its outcomes (CONT-014, CONT-015,
    /// CONT-016, CONT-012).
    pub fn close(
        &mut self,
        date: NaiveDate,
        outcome: &str,
        today: NaiveDate,
    ) -> Result<(), ServiceError> {
        self.open(date, today)?;
        if !self.outcomes().iter().any(|(c, _)| *c == outcome) {
            return Err(ServiceError::BadOutcome);
        }
        self.outcome = Some((date, outcome.to_owned()));
        Ok(())
    }

    /// CONT-016: the advice letter an adopted adult who wants only to be
    /// findable is sent.
    pub fn advice_letter(&self) -> Option<Vec<String>> {
        (self.kind == RequestKind::ContactRegister).then(|| {
            vec![
                "If you would like birth relatives to be able to find you, without seeking contact yourself, you can place your details on the Adoption Contact Register held by the Registrar General.".to_owned(),
                "Write to the Registrar General to obtain form CR part 1, complete it and send it with the certificates it asks for to:".to_owned(),
                GRO_ACR_ADDRESS.to_owned(),
                "Leicestershire County Council gives this as advice only: the Register is kept by the General Register Office.".to_owned(),
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cont_014_an_adopted_adult_is_18_on_the_day_of_the_referral() {
        let born: NaiveDate = "2007-03-04".parse().unwrap();
        assert_eq!(age_on(born, "2025-03-03".parse().unwrap()), 17);
        assert_eq!(age_on(born, "2025-03-04".parse().unwrap()), 18);
    }
}
