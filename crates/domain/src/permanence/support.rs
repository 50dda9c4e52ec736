//! Support plans and Contact Agreements (PRIN-008, PRIN-016, PLAN-010,
//! DATA-008, DATA-009): the Growing Safety template, a support plan's review
//! when needs change, and the link from the permanence plan.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{Pathway, PermanencePlan};

use crate::child::ChildId;

// ---------------------------------------------------------------------------
// Support plans and Contact Agreements (PRIN-008, PRIN-016, PLAN-010,
// DATA-008, DATA-009)
// ---------------------------------------------------------------------------

/// PRIN-016: the one template a permanence support plan may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportPlanTemplate {
    GrowingSafetySupportPlanAndAgreement,
}

/// Why a template cannot be chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "a support plan for a permanence option uses the Growing Safety Support Plan and Agreement (PRIN-016)"
    )]
    NotGrowingSafety,
}

impl SupportPlanTemplate {
    pub fn code(self) -> &'static str {
        "growing_safety_support_plan_and_agreement"
    }

    pub fn label(self) -> &'static str {
        "Growing Safety Support Plan and Agreement"
    }

    /// PRIN-016: parses the template chosen on the form; any other is refused.
    pub fn parse(code: &str) -> Result<Self, TemplateError> {
        let t = SupportPlanTemplate::GrowingSafetySupportPlanAndAgreement;
        if code == t.code() {
            Ok(t)
        } else {
            Err(TemplateError::NotGrowingSafety)
        }
    }
}

/// A support plan's state, derived from its agreement and reviews (DATA-008,
/// PRIN-008).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SupportPlanStatus {
    Draft,
    Agreed,
    ReviewRequired,
}

impl SupportPlanStatus {
    pub fn label(self) -> &'static str {
        match self {
            SupportPlanStatus::Draft => "Draft",
            SupportPlanStatus::Agreed => "Agreed",
            SupportPlanStatus::ReviewRequired => "review required",
        }
    }
}

/// One service in a support plan (DATA-008).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportService {
    pub service: String,
    pub provider_agency: String,
    pub start: NaiveDate,
    pub review: NaiveDate,
}

/// A support plan for a permanence option (PLAN-010, DATA-008).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportPlan {
    pub id: String,
    pub child_id: ChildId,
    /// The permanence option it supports.
    pub pathway: Pathway,
    pub template: SupportPlanTemplate,
    pub child_needs_now: String,
    pub child_needs_future: String,
    pub carer_needs: String,
    #[serde(default)]
    pub services: Vec<SupportService>,
    /// The carer's (or family's) recorded agreement.
    #[serde(default)]
    pub carer_agreed: Option<NaiveDate>,
    /// The local authority's recorded agreement.
    #[serde(default)]
    pub la_agreed: Option<NaiveDate>,
    #[serde(default)]
    pub last_reviewed: Option<NaiveDate>,
    /// Set by a change of need; cleared by a review on or after it.
    #[serde(default)]
    pub review_required_from: Option<NaiveDate>,
}

impl SupportPlan {
    /// DATA-008: Draft until both carer and LA have agreed; PRIN-008: review
    /// required after a change of need until reviewed.
    pub fn status(&self) -> SupportPlanStatus {
        if self.carer_agreed.is_none() || self.la_agreed.is_none() {
            SupportPlanStatus::Draft
        } else if self.review_required_from.is_some() {
            SupportPlanStatus::ReviewRequired
        } else {
            SupportPlanStatus::Agreed
        }
    }

    /// PRIN-008: a change of assessed need makes the plan "review required"
    /// from the date of the event (the earliest open one is kept).
    pub fn record_change_of_need(&mut self, on: NaiveDate) {
        if self.review_required_from.is_none_or(|d| on < d) {
            self.review_required_from = Some(on);
        }
    }

    /// Records a review; it clears a change of need on or before that day.
    pub fn record_review(&mut self, on: NaiveDate) {
        self.last_reviewed = Some(on);
        if self.review_required_from.is_some_and(|d| d <= on) {
            self.review_required_from = None;
        }
    }
}

/// Why a support plan cannot be saved (DATA-008).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupportPlanError {
    #[error("Enter {0}")]
    Missing(&'static str),
    #[error("the service's review date must be after its start date")]
    ReviewBeforeStart,
}

impl SupportPlan {
    /// DATA-008: the child's needs now and later, the carer's needs and at
    /// least one service with its provider agency, start and review dates.
    pub fn validate(&self) -> Result<(), SupportPlanError> {
        for (what, value) in [
            ("the child's needs now", &self.child_needs_now),
            ("the child's future needs", &self.child_needs_future),
            ("the carer's or family's needs", &self.carer_needs),
        ] {
            if value.trim().is_empty() {
                return Err(SupportPlanError::Missing(what));
            }
        }
        if self.services.is_empty() {
            return Err(SupportPlanError::Missing("a service"));
        }
        for s in &self.services {
            if s.service.trim().is_empty() {
                return Err(SupportPlanError::Missing("the service"));
            }
            if s.provider_agency.trim().is_empty() {
                return Err(SupportPlanError::Missing("the provider agency"));
            }
            if s.review <= s.start {
                return Err(SupportPlanError::ReviewBeforeStart);
            }
        }
        Ok(())
    }
}

/// Why a support plan cannot be linked to a permanence plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SupportLinkError {
    #[error(
        "the support plan is still Draft: record the carer's and the LA's agreement first (DATA-008)"
    )]
    StillDraft,
    #[error("the support plan belongs to another child")]
    OtherChild,
}

/// DATA-008, PLAN-010: links an agreed support plan to the permanence plan.
pub fn link_support_plan(
    plan: &mut PermanencePlan,
    support: &SupportPlan,
) -> Result<(), SupportLinkError> {
    if support.child_id != plan.child_id {
        return Err(SupportLinkError::OtherChild);
    }
    if support.status() == SupportPlanStatus::Draft {
        return Err(SupportLinkError::StillDraft);
    }
    plan.support_plan = Some(support.id.clone());
    Ok(())
}

/// How contact happens (DATA-009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactType {
    FaceToFace,
    Phone,
    Letter,
    Online,
}

/// The supervision level of contact (DATA-009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Supervision {
    Unsupervised,
    Supported,
    Supervised,
}

/// A Contact Agreement (PRIN-015, DATA-009).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactAgreement {
    pub id: String,
    pub child_id: ChildId,
    pub parties: Vec<String>,
    pub contact_types: Vec<ContactType>,
    pub frequency: String,
    pub supervision: Supervision,
    pub venue: String,
    pub carer_role: String,
    pub professionals_role: String,
    pub family_role: String,
    pub review_date: NaiveDate,
}

/// Why a Contact Agreement cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactAgreementError {
    #[error("name the parties to the contact")]
    NoParties,
    #[error("choose at least one type of contact")]
    NoType,
    #[error("{0} is required")]
    Missing(&'static str),
    #[error("review date must not be later than {latest}")]
    ReviewTooLate { latest: NaiveDate },
}

/// DATA-009: every field filled and the review no later than the child's
/// next review (`next_review_due`).
pub fn validate_contact_agreement(
    a: &ContactAgreement,
    next_review_due: NaiveDate,
) -> Result<(), ContactAgreementError> {
    if a.parties.iter().all(|p| p.trim().is_empty()) {
        return Err(ContactAgreementError::NoParties);
    }
    if a.contact_types.is_empty() {
        return Err(ContactAgreementError::NoType);
    }
    for (field, value) in [
        ("the frequency", &a.frequency),
        ("the venue", &a.venue),
        ("the carer's role", &a.carer_role),
        ("the professionals' role", &a.professionals_role),
        ("the family's role", &a.family_role),
    ] {
        if value.trim().is_empty() {
            return Err(ContactAgreementError::Missing(field));
        }
    }
    if a.review_date > next_review_due {
        return Err(ContactAgreementError::ReviewTooLate {
            latest: next_review_due,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Support plans and Contact Agreements --------------------------------

    fn support_plan() -> SupportPlan {
        SupportPlan {
            id: "sp-1".into(),
            child_id: "child1".parse().unwrap(),
            pathway: Pathway::ChildArrangementsOrder,
            template: SupportPlanTemplate::GrowingSafetySupportPlanAndAgreement,
            child_needs_now: "therapeutic support".into(),
            child_needs_future: "support at secondary transfer".into(),
            carer_needs: "respite".into(),
            services: vec![SupportService {
                service: "therapeutic parenting course".into(),
                provider_agency: "CAMHS".into(),
                start: d("2025-01-10"),
                review: d("2025-07-10"),
            }],
            carer_agreed: Some(d("2025-01-10")),
            la_agreed: Some(d("2025-01-10")),
            last_reviewed: Some(d("2025-01-10")),
            review_required_from: None,
        }
    }

    #[test]
    fn prin_016_only_the_growing_safety_template_is_accepted() {
        // The spec's Check: a support plan created on 2025-07-01 accepts only
        // "Growing Safety Support Plan and Agreement".
        let t = SupportPlanTemplate::parse("growing_safety_support_plan_and_agreement").unwrap();
        assert_eq!(t.label(), "Growing Safety Support Plan and Agreement");
        assert_eq!(
            SupportPlanTemplate::parse("cin_plan"),
            Err(TemplateError::NotGrowingSafety)
        );
    }

    #[test]
    fn prin_008_a_change_of_need_makes_the_support_plan_review_required() {
        // The spec's Check: support plan last reviewed on 2025-01-10 and a
        // change-of-need event on 2025-04-02.
        let mut sp = support_plan();
        assert_eq!(sp.status(), SupportPlanStatus::Agreed);
        sp.record_change_of_need(d("2025-04-02"));
        assert_eq!(sp.status(), SupportPlanStatus::ReviewRequired);
        assert_eq!(sp.status().label(), "review required");
        assert_eq!(sp.review_required_from, Some(d("2025-04-02")));
        // A second change later keeps the earlier date.
        sp.record_change_of_need(d("2025-05-01"));
        assert_eq!(sp.review_required_from, Some(d("2025-04-02")));
        sp.record_review(d("2025-04-20"));
        assert_eq!(sp.status(), SupportPlanStatus::Agreed);
    }

    #[test]
    fn data_008_a_draft_support_plan_cannot_be_linked_to_the_plan() {
        // The spec's Check: no carer agreement date, linked to a plan put for
        // ratification on 2025-06-30.
        let mut plan = PermanencePlan::draft("child1".parse().unwrap(), d("2025-03-03"), "sw-1");
        let mut sp = support_plan();
        sp.carer_agreed = None;
        assert_eq!(sp.status(), SupportPlanStatus::Draft);
        assert_eq!(
            link_support_plan(&mut plan, &sp),
            Err(SupportLinkError::StillDraft)
        );
        assert_eq!(plan.support_plan, None);
        sp.carer_agreed = Some(d("2025-06-20"));
        link_support_plan(&mut plan, &sp).unwrap();
        assert_eq!(plan.support_plan.as_deref(), Some("sp-1"));
        let mut other = PermanencePlan::draft("child2".parse().unwrap(), d("2025-03-03"), "sw-1");
        assert_eq!(
            link_support_plan(&mut other, &sp),
            Err(SupportLinkError::OtherChild)
        );
    }

    #[test]
    fn data_008_a_support_plan_names_needs_and_each_service_with_its_dates() {
        let sp = support_plan();
        assert_eq!(sp.validate(), Ok(()));
        let mut no_carer = support_plan();
        no_carer.carer_needs = " ".into();
        assert_eq!(
            no_carer.validate(),
            Err(SupportPlanError::Missing("the carer's or family's needs"))
        );
        let mut backwards = support_plan();
        backwards.services[0].review = d("2025-01-01");
        assert_eq!(
            backwards.validate(),
            Err(SupportPlanError::ReviewBeforeStart)
        );
        let mut none = support_plan();
        none.services.clear();
        assert_eq!(none.validate(), Err(SupportPlanError::Missing("a service")));
    }

    fn contact_agreement(review: &str) -> ContactAgreement {
        ContactAgreement {
            id: "ca-1".into(),
            child_id: "child1".parse().unwrap(),
            parties: vec!["mother".into(), "maternal grandmother".into()],
            contact_types: vec![ContactType::FaceToFace, ContactType::Phone],
            frequency: "fortnightly".into(),
            supervision: Supervision::Supported,
            venue: "family centre".into(),
            carer_role: "brings the child".into(),
            professionals_role: "contact worker supports".into(),
            family_role: "arrive on time".into(),
            review_date: d(review),
        }
    }

    #[test]
    fn data_009_the_contact_agreement_review_is_no_later_than_the_child_s_next_review() {
        // The spec's Check: saved on 2025-07-01 with review date 2026-03-01
        // and the next review due on 2025-12-30.
        let err = validate_contact_agreement(&contact_agreement("2026-03-01"), d("2025-12-30"))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "review date must not be later than 2025-12-30"
        );
        assert_eq!(
            validate_contact_agreement(&contact_agreement("2025-12-30"), d("2025-12-30")),
            Ok(())
        );
        let mut no_venue = contact_agreement("2025-12-01");
        no_venue.venue = " ".into();
        assert_eq!(
            validate_contact_agreement(&no_venue, d("2025-12-30")),
            Err(ContactAgreementError::Missing("the venue"))
        );
    }
}
