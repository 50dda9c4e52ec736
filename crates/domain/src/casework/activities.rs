//! The activities the deadline rules ask for (TRACK-015 visits, KPI-CIC-10
//! health assessments, EDU-010 personal education plans, PRIN-007 life story
//! work and every other "met by" of [`crate::deadline_rules::RULES`]): how
//! each is recorded, by whom, what is asked beyond its date, and the record
//! kept of it, amended or withdrawn with a reason and never deleted.
//!
//! Who records an activity is read from the rule table (the role each rule
//! makes responsible), with the team manager, who may record any of them for
//! their team. An activity that a workflow records (an agency decision, a
//! plan ratified, an IRO issue answered) or the journey (a review held) is
//! recorded there, not here: [`how_recorded`] says where.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadline_rules::RULES;
use crate::deadlines::DeadlineRule;
use crate::deadlines::EventKind::{self, *};
use crate::roles::Role;

/// What a form asks beyond the date, for the activities that need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Question {
    /// TRACK-015: was the child seen alone?
    SeenAlone,
    /// VISIT-010: why the child was not seen alone (text, optional on the
    /// form; a visit without it when the child was not seen alone is
    /// flagged and does not count).
    NotAloneReason,
    /// TRACK-015: was the child's bedroom seen?
    BedroomSeen,
    /// TRACK-015: where the visit took place.
    VisitPlace,
    /// KPI-CIC-10: an initial health assessment or a review.
    AssessmentType,
    /// The Strengths and Difficulties Questionnaire score, 0 to 40.
    SdqScore,
    /// Dental check up to date.
    DentalCheck,
    /// Optical check up to date.
    OpticalCheck,
    /// Immunisations up to date.
    Immunisations,
    /// EDU-011: the PEP holds a plan for the Pupil Premium Plus.
    PupilPremiumPlusPlan,
}

/// Where a visit took place.
pub const VISIT_PLACES: &[(&str, &str)] = &[
    ("placement", "In the child's home (the placement)"),
    ("school", "At school or college"),
    ("elsewhere", "Somewhere else"),
];

/// The kinds of health assessment.
pub const ASSESSMENT_TYPES: &[(&str, &str)] = &[
    ("initial", "Initial health assessment"),
    ("review", "Review health assessment"),
];

/// The questions each activity asks beyond its date (none for the rest).
const QUESTIONS: &[(EventKind, &[Question])] = &[
    (
        SocialWorkerVisit,
        &[
            Question::SeenAlone,
            Question::NotAloneReason,
            Question::BedroomSeen,
            Question::VisitPlace,
        ],
    ),
    (
        StayingPutVisit,
        &[
            Question::SeenAlone,
            Question::NotAloneReason,
            Question::VisitPlace,
        ],
    ),
    (
        PostOrderVisit,
        &[
            Question::SeenAlone,
            Question::NotAloneReason,
            Question::VisitPlace,
        ],
    ),
    (
        HealthAssessment,
        &[
            Question::AssessmentType,
            Question::SdqScore,
            Question::DentalCheck,
            Question::OpticalCheck,
            Question::Immunisations,
        ],
    ),
    (PersonalEducationPlan, &[Question::PupilPremiumPlusPlan]),
];

/// How an activity a rule is met by gets recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// On the child's activity form, by these roles.
    Form,
    /// On the review form (TRACK-001).
    Review,
    /// By a step of a workflow on the child's plan page (the referral, the
    /// plan, the IRO issue), which records it with the rest of the step.
    Plan,
    /// By a step of a household role's lifecycle, on the household's page:
    /// the rule is about the carer, not a child (a Form F, a panel member's
    /// review, a carer's TSD standards).
    Household,
    /// On the page of the agency's own record (a Statement of Purpose, a
    /// free online course).
    Agency,
    /// By a step of the complaint, on its page.
    Complaint,
}

/// Whose record a rule runs on, and so where what meets it is recorded:
/// the agency's, a complaint's, a household role's (the rule starts from
/// and is met by events a role's lifecycle records), or else the child's.
pub fn how_met(rule: &DeadlineRule) -> Option<Recorded> {
    use crate::households::lifecycle::records_event;
    if crate::agency::records::records_event(rule.met_by) {
        Some(Recorded::Agency)
    } else if crate::complaints::complaint::records_event(rule.met_by) {
        Some(Recorded::Complaint)
    } else if records_event(rule.starts) && records_event(rule.met_by) {
        Some(Recorded::Household)
    } else {
        how_recorded(rule.met_by)
    }
}

/// Whether a rule runs on a child's record.
fn on_child(rule: &DeadlineRule) -> bool {
    use crate::households::lifecycle::records_event;
    !(crate::agency::records::records_event(rule.met_by)
        || crate::complaints::complaint::records_event(rule.met_by)
        || records_event(rule.starts) && records_event(rule.met_by))
}

/// The activities a workflow of the plan page records with its steps.
const BY_WORKFLOW: &[EventKind] = &[
    PermanencePlanRatified,
    AgencyDecision,
    PanelRecommendation,
    PanelOutcomeCommunicated,
    PermanencePanelListed,
    LtfFoundSuitable,
    IroStageResponse,
    IroIssueResolved,
];

/// How an activity is recorded on a child's record; `None` for a kind no
/// rule about a child is met by (those about carers, complaints or the
/// service are recorded on theirs: [`how_met`]).
pub fn how_recorded(kind: EventKind) -> Option<Recorded> {
    if !RULES.iter().any(|r| r.met_by == kind && on_child(r)) {
        return None;
    }
    Some(if kind == ReviewHeld {
        Recorded::Review
    } else if BY_WORKFLOW.contains(&kind) {
        Recorded::Plan
    } else {
        Recorded::Form
    })
}

/// Every activity recorded on the activity form, in the rule table's order.
pub fn form_kinds() -> Vec<EventKind> {
    let mut kinds: Vec<EventKind> = Vec::new();
    for r in RULES.iter() {
        if how_recorded(r.met_by) == Some(Recorded::Form) && !kinds.contains(&r.met_by) {
            kinds.push(r.met_by);
        }
    }
    kinds
}

/// Who records an activity on the form: each role a rule met by it makes
/// responsible, and the team manager.
pub fn recorded_by(kind: EventKind) -> Vec<Role> {
    let mut roles = vec![Role::TeamManager];
    for r in RULES.iter().filter(|r| r.met_by == kind) {
        if !roles.contains(&r.responsible) {
            roles.push(r.responsible);
        }
    }
    roles
}

/// Whether a role records this activity on the form.
pub fn may_record(role: Role, kind: EventKind) -> bool {
    how_recorded(kind) == Some(Recorded::Form) && recorded_by(kind).contains(&role)
}

/// The activities a role records on the form; those its own rules name
/// first (a health practitioner's health assessment before anything else).
pub fn kinds_for(role: Role) -> Vec<EventKind> {
    let mut kinds: Vec<EventKind> = form_kinds()
        .into_iter()
        .filter(|k| may_record(role, *k))
        .collect();
    kinds.sort_by_key(|k| {
        !RULES
            .iter()
            .any(|r| r.met_by == *k && r.responsible == role)
    });
    kinds
}

/// The questions an activity asks beyond its date.
pub fn questions(kind: EventKind) -> &'static [Question] {
    QUESTIONS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[], |(_, q)| q)
}

/// The answers to an activity's questions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_alone: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_alone_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedroom_seen: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdq_score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dental_check: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optical_check: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immunisations: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pupil_premium_plus_plan: Option<bool>,
}

/// VISIT-010: the flag on a visit where the child was not seen alone and
/// no reason is given.
pub const NOT_SEEN_ALONE_FLAG: &str = "Not seen alone – reason required";

impl Answers {
    /// VISIT-010: a visit where the child was not seen alone needs the
    /// reason; without it the visit is flagged and does not count as a
    /// compliant visit (it meets no deadline).
    pub fn flag(&self) -> Option<&'static str> {
        (self.seen_alone == Some(false) && self.not_alone_reason.is_none())
            .then_some(NOT_SEEN_ALONE_FLAG)
    }
}

/// A problem with what was entered, against the field it concerns, in the
/// GOV.UK style ("Select yes if ...").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
}

impl Question {
    /// The form field that answers it.
    pub fn field(self) -> &'static str {
        match self {
            Question::SeenAlone => "seen_alone",
            Question::NotAloneReason => "not_alone_reason",
            Question::BedroomSeen => "bedroom_seen",
            Question::VisitPlace => "place",
            Question::AssessmentType => "assessment_type",
            Question::SdqScore => "sdq_score",
            Question::DentalCheck => "dental_check",
            Question::OpticalCheck => "optical_check",
            Question::Immunisations => "immunisations",
            Question::PupilPremiumPlusPlan => "pupil_premium_plus_plan",
        }
    }

    /// The question as the form asks it.
    pub fn label(self) -> &'static str {
        match self {
            Question::SeenAlone => "Was the child seen alone?",
            Question::NotAloneReason => "If not, why was the child not seen alone?",
            Question::BedroomSeen => "Was the child's bedroom seen?",
            Question::VisitPlace => "Where did the visit take place?",
            Question::AssessmentType => "Which health assessment was it?",
            Question::SdqScore => "Strengths and Difficulties Questionnaire score (optional)",
            Question::DentalCheck => "Is the child's dental check up to date?",
            Question::OpticalCheck => "Is the child's optical (eye) check up to date?",
            Question::Immunisations => "Are the child's immunisations up to date?",
            Question::PupilPremiumPlusPlan => {
                "Does the PEP include a plan for the Pupil Premium Plus?"
            }
        }
    }

    /// The choices offered, as (value, words); empty for a number.
    pub fn choices(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Question::VisitPlace => VISIT_PLACES,
            Question::AssessmentType => ASSESSMENT_TYPES,
            Question::SdqScore | Question::NotAloneReason => &[],
            _ => &[("yes", "Yes"), ("no", "No")],
        }
    }

    /// The answer as the page shows it.
    pub fn shown(self, a: &Answers) -> Option<String> {
        let yes_no = |b: Option<bool>| b.map(|b| if b { "Yes" } else { "No" }.to_owned());
        let chosen = |v: &Option<String>| {
            v.as_deref().map(|v| {
                self.choices()
                    .iter()
                    .find(|(c, _)| *c == v)
                    .map_or(v, |(_, w)| *w)
                    .to_owned()
            })
        };
        match self {
            Question::SeenAlone => yes_no(a.seen_alone),
            Question::NotAloneReason => a.not_alone_reason.clone(),
            Question::BedroomSeen => yes_no(a.bedroom_seen),
            Question::VisitPlace => chosen(&a.place),
            Question::AssessmentType => chosen(&a.assessment_type),
            Question::SdqScore => a.sdq_score.map(|s| s.to_string()),
            Question::DentalCheck => yes_no(a.dental_check),
            Question::OpticalCheck => yes_no(a.optical_check),
            Question::Immunisations => yes_no(a.immunisations),
            Question::PupilPremiumPlusPlan => yes_no(a.pupil_premium_plus_plan),
        }
    }

    /// The answer as the form sends it back ("yes", "placement", "12").
    pub fn value(self, a: &Answers) -> String {
        let yes_no = |b: Option<bool>| b.map_or("", |b| if b { "yes" } else { "no" }).to_owned();
        match self {
            Question::SeenAlone => yes_no(a.seen_alone),
            Question::NotAloneReason => a.not_alone_reason.clone().unwrap_or_default(),
            Question::BedroomSeen => yes_no(a.bedroom_seen),
            Question::VisitPlace => a.place.clone().unwrap_or_default(),
            Question::AssessmentType => a.assessment_type.clone().unwrap_or_default(),
            Question::SdqScore => a.sdq_score.map(|s| s.to_string()).unwrap_or_default(),
            Question::DentalCheck => yes_no(a.dental_check),
            Question::OpticalCheck => yes_no(a.optical_check),
            Question::Immunisations => yes_no(a.immunisations),
            Question::PupilPremiumPlusPlan => yes_no(a.pupil_premium_plus_plan),
        }
    }
}

/// Reads the answers to an activity's questions from the form's fields
/// (`field` gives each field's text): every problem is reported, none guessed.
pub fn read_answers(
    kind: EventKind,
    field: impl Fn(&str) -> String,
) -> Result<Answers, Vec<Problem>> {
    let mut a = Answers::default();
    let mut problems = Vec::new();
    for q in questions(kind) {
        let text = field(q.field());
        let text = text.trim();
        let missing = |problems: &mut Vec<Problem>, message: &str| {
            problems.push(Problem {
                field: q.field(),
                message: message.to_owned(),
            })
        };
        if *q == Question::NotAloneReason {
            a.not_alone_reason = (!text.is_empty()).then(|| text.to_owned());
            continue;
        }
        if *q == Question::SdqScore {
            if text.is_empty() {
                continue;
            }
            match text.parse::<u8>() {
                Ok(s) if s <= 40 => a.sdq_score = Some(s),
                _ => missing(
                    &mut problems,
                    "The SDQ score must be a whole number from 0 to 40",
                ),
            }
            continue;
        }
        if !q.choices().iter().any(|(v, _)| *v == text) {
            let message = match q {
                Question::SeenAlone => "Select yes if the child was seen alone",
                Question::BedroomSeen => "Select yes if the child's bedroom was seen",
                Question::VisitPlace => "Select where the visit took place",
                Question::AssessmentType => {
                    "Select whether it was an initial or a review health assessment"
                }
                Question::DentalCheck => "Select yes if the child's dental check is up to date",
                Question::OpticalCheck => "Select yes if the child's optical check is up to date",
                Question::Immunisations => "Select yes if the child's immunisations are up to date",
                Question::PupilPremiumPlusPlan => {
                    "Select yes if the PEP includes a plan for the Pupil Premium Plus"
                }
                Question::SdqScore | Question::NotAloneReason => {
                    unreachable!("the SDQ score and the reason are read above")
                }
            };
            missing(&mut problems, message);
            continue;
        }
        let yes = Some(text == "yes");
        match q {
            Question::SeenAlone => a.seen_alone = yes,
            Question::BedroomSeen => a.bedroom_seen = yes,
            Question::VisitPlace => a.place = Some(text.to_owned()),
            Question::AssessmentType => a.assessment_type = Some(text.to_owned()),
            Question::DentalCheck => a.dental_check = yes,
            Question::OpticalCheck => a.optical_check = yes,
            Question::Immunisations => a.immunisations = yes,
            Question::PupilPremiumPlusPlan => a.pupil_premium_plus_plan = yes,
            Question::SdqScore | Question::NotAloneReason => {}
        }
    }
    if problems.is_empty() {
        Ok(a)
    } else {
        Err(problems)
    }
}

/// Whether an activity record stands or was withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityState {
    Recorded,
    Withdrawn,
}

impl ActivityState {
    pub fn code(self) -> &'static str {
        match self {
            ActivityState::Recorded => "recorded",
            ActivityState::Withdrawn => "withdrawn",
        }
    }
}

/// A change made to an activity record after it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// "amended" or "withdrawn".
    pub what: String,
    pub on: NaiveDate,
    pub by: String,
    pub reason: String,
    /// The date the activity had before an amendment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_before: Option<NaiveDate>,
}

/// An activity recorded for a child: what, when, the answers, who recorded
/// it, and every change since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRecord {
    pub child_id: String,
    pub kind: String,
    pub date: NaiveDate,
    pub answers: Answers,
    pub recorded_by: String,
    pub recorded_on: NaiveDate,
    pub state: ActivityState,
    #[serde(default)]
    pub changes: Vec<Change>,
}

impl ActivityRecord {
    /// The activity's kind.
    pub fn event_kind(&self) -> Option<EventKind> {
        EventKind::parse(&self.kind)
    }
}

/// Why an activity cannot be recorded on a date.
pub fn check_date(
    date: NaiveDate,
    today: NaiveDate,
    date_of_birth: NaiveDate,
) -> Result<(), String> {
    if date > today {
        return Err("The date must be today or in the past".into());
    }
    if date < date_of_birth {
        return Err(format!(
            "The date must be on or after the child's date of birth, {}",
            date_of_birth.format("%-d %B %Y")
        ));
    }
    Ok(())
}

/// The reason an amendment or withdrawal needs, trimmed; refused when blank.
pub fn check_reason(reason: &str, what: &str) -> Result<String, String> {
    let r = reason.trim();
    if r.is_empty() {
        Err(format!("Enter why the activity is being {what}"))
    } else {
        Ok(r.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_met_by_activity_of_the_rule_table_is_recorded_somewhere() {
        for rule in RULES.iter() {
            let how = how_met(rule);
            assert!(how.is_some(), "{} {:?}", rule.id, rule.met_by);
            if how == Some(Recorded::Form) {
                assert!(
                    recorded_by(rule.met_by).contains(&rule.responsible),
                    "{}: {:?} records {:?}",
                    rule.id,
                    rule.responsible,
                    rule.met_by
                );
            }
        }
    }

    #[test]
    fn track_015_a_visit_asks_whether_the_child_was_seen_alone_and_their_bedroom_seen() {
        let answers = |seen: &str| {
            read_answers(SocialWorkerVisit, |f| match f {
                "seen_alone" => seen.into(),
                "bedroom_seen" => "no".into(),
                "place" => "placement".into(),
                _ => String::new(),
            })
        };
        let a = answers("yes").unwrap();
        assert_eq!(a.seen_alone, Some(true));
        assert_eq!(a.bedroom_seen, Some(false));
        let problems = answers("").unwrap_err();
        assert_eq!(problems[0].field, "seen_alone");
        assert_eq!(
            problems[0].message,
            "Select yes if the child was seen alone"
        );
    }

    #[test]
    fn kpi_cic_10_the_health_practitioner_records_health_assessments_with_an_sdq_score_of_0_to_40()
    {
        assert!(may_record(Role::HealthPractitioner, HealthAssessment));
        assert_eq!(kinds_for(Role::HealthPractitioner)[0], HealthAssessment);
        assert!(!may_record(Role::HealthPractitioner, SocialWorkerVisit));
        let read = |score: &str| {
            read_answers(HealthAssessment, |f| match f {
                "assessment_type" => "review".into(),
                "sdq_score" => score.into(),
                _ => "yes".into(),
            })
        };
        assert_eq!(read("40").unwrap().sdq_score, Some(40));
        assert_eq!(read("").unwrap().sdq_score, None);
        assert_eq!(read("41").unwrap_err()[0].field, "sdq_score");
    }

    #[test]
    fn edu_010_the_virtual_school_records_the_pep_with_its_pupil_premium_plus_plan() {
        assert_eq!(kinds_for(Role::VirtualSchool)[0], PersonalEducationPlan);
        let a = read_answers(PersonalEducationPlan, |_| "yes".into()).unwrap();
        assert_eq!(a.pupil_premium_plus_plan, Some(true));
    }

    #[test]
    fn a_review_is_recorded_on_the_review_form_and_a_panel_step_on_the_plan() {
        assert_eq!(how_recorded(ReviewHeld), Some(Recorded::Review));
        assert_eq!(how_recorded(AgencyDecision), Some(Recorded::Plan));
        assert_eq!(how_recorded(EnteredCare), None);
        assert!(!may_record(Role::TeamManager, AgencyDecision));
    }

    #[test]
    fn a_carers_service_s_or_complaint_s_activity_is_recorded_on_its_own_record() {
        let rule = |id: &str| RULES.iter().find(|r| r.id == id).unwrap();
        for (id, how) in [
            ("PATH-021", Recorded::Household),
            ("KIN-012", Recorded::Household),
            ("FOST-007", Recorded::Household),
            ("FOST-011", Recorded::Household),
            ("GOV-029", Recorded::Agency),
            ("TRAIN-002", Recorded::Agency),
            ("CMPL-005", Recorded::Complaint),
            ("CMPL-007", Recorded::Complaint),
            ("TRACK-015", Recorded::Form),
        ] {
            assert_eq!(how_met(rule(id)), Some(how), "{id}");
        }
        // Not offered on a child's activity form.
        for kind in [
            TsdStandardsCompleted,
            FormFCompleted,
            PanelMemberReviewed,
            StatementOfPurposeReviewed,
        ] {
            assert!(!form_kinds().contains(&kind), "{kind:?}");
        }
    }

    #[test]
    fn an_activity_cannot_be_dated_in_the_future_or_before_birth_nor_changed_without_a_reason() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(check_date(d("2026-03-31"), d("2026-03-31"), d("2010-01-01")).is_ok());
        assert!(check_date(d("2026-04-01"), d("2026-03-31"), d("2010-01-01")).is_err());
        assert!(check_date(d("2009-12-31"), d("2026-03-31"), d("2010-01-01")).is_err());
        assert_eq!(
            check_reason("  ", "withdrawn").unwrap_err(),
            "Enter why the activity is being withdrawn"
        );
    }
}
