//! The child's adoption pathway (issue 19, item 1): from the first
//! permanence decisions to the adoption order, one document per child.
//! It holds the dates the adoption scorecard needs as recorded (entering
//! care, the Pack A request, the best-interest decision, the placement
//! order, the match, the placement, the order: ADOPT-010), what must be
//! in place before the plan reaches the ADM (ADOPT-001, 004, 006, 007,
//! 050), the decision itself (ADOPT-008, 011, 012), and what the chapter
//! calls family finding (`family_finding.rs`).
//!
//! Everything a person records is a [`PathwayStep`], checked here and
//! applied whole or not at all; what the record says about itself on a
//! date (tracking, flags, intervals) is [`ChildPathway::findings`].

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::family_finding::{FamilyFinding, FindingStep};

/// A date the scorecard needs, recorded as the person saw it happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    EnteredCare,
    /// The local authority proposed adoption (ADOPT-010 (b)).
    Proposed,
    /// Pack A requested: the adoption tracker starts (ADOPT-002).
    PackA,
    /// The expected final hearing (ADOPT-014's window opens 4 weeks before).
    ExpectedFinalHearing,
    PlacementOrder,
    /// The ADM ratified a match (ends the regional tracking, RAA-005).
    MatchRatified,
    Placed,
    AdoptionOrder,
    /// ADOPT-040: the Permanence Team's social worker allocated, from the
    /// placement order.
    PermanenceTeamAllocated,
    /// ADOPT-049: the child's life story book given.
    LifeStoryBook,
}

impl Milestone {
    pub const ALL: [Milestone; 10] = [
        Milestone::EnteredCare,
        Milestone::Proposed,
        Milestone::PackA,
        Milestone::ExpectedFinalHearing,
        Milestone::PlacementOrder,
        Milestone::MatchRatified,
        Milestone::Placed,
        Milestone::AdoptionOrder,
        Milestone::PermanenceTeamAllocated,
        Milestone::LifeStoryBook,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Milestone::EnteredCare => "entered_care",
            Milestone::Proposed => "proposed",
            Milestone::PackA => "pack_a",
            Milestone::ExpectedFinalHearing => "expected_final_hearing",
            Milestone::PlacementOrder => "placement_order",
            Milestone::MatchRatified => "match_ratified",
            Milestone::Placed => "placed",
            Milestone::AdoptionOrder => "adoption_order",
            Milestone::PermanenceTeamAllocated => "permanence_team_allocated",
            Milestone::LifeStoryBook => "life_story_book",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Milestone::EnteredCare => "Entered care",
            Milestone::Proposed => "Adoption proposed by the council",
            Milestone::PackA => "Pack A requested",
            Milestone::ExpectedFinalHearing => "Expected final hearing",
            Milestone::PlacementOrder => "Placement order made",
            Milestone::MatchRatified => "Match ratified by the ADM",
            Milestone::Placed => "Placed with adopters",
            Milestone::AdoptionOrder => "Adoption order made",
            Milestone::PermanenceTeamAllocated => {
                "Permanence Team social worker allocated (ADOPT-040)"
            }
            Milestone::LifeStoryBook => "Life story book given (ADOPT-049)",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// Why care planning moved past the family (ADOPT-001), as codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FamilyOptions {
    /// Family and connected carers were assessed and are not viable.
    Evidenced,
    /// Not evidenced, and the plan proceeds because a return is unsafe now.
    ProceedUnsafe,
    /// Not evidenced, and the plan proceeds because no one came forward.
    ProceedNoneCameForward,
}

impl FamilyOptions {
    pub const ALL: [FamilyOptions; 3] = [
        FamilyOptions::Evidenced,
        FamilyOptions::ProceedUnsafe,
        FamilyOptions::ProceedNoneCameForward,
    ];
    pub fn code(self) -> &'static str {
        match self {
            FamilyOptions::Evidenced => "evidenced",
            FamilyOptions::ProceedUnsafe => "proceed_unsafe",
            FamilyOptions::ProceedNoneCameForward => "proceed_none_came_forward",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            FamilyOptions::Evidenced => "Family and connected carers assessed: not viable",
            FamilyOptions::ProceedUnsafe => "Not evidenced: a return is not safe now",
            FamilyOptions::ProceedNoneCameForward => "Not evidenced: no family came forward",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// The care plan's tracks when proceedings twin- or triple-track (ADOPT-004).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracks {
    pub recorded: Option<NaiveDate>,
    pub parents: bool,
    pub wider_family: bool,
    pub adoption: bool,
    /// A Permanence Team social worker co-allocated on this date.
    pub co_allocated: Option<NaiveDate>,
}

/// The child's permanence report (ADOPT-006, RAA-009).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cpr {
    pub date: NaiveDate,
    /// Written by a Permanence Team social worker.
    pub by_permanence_team: bool,
    pub is_final: bool,
    /// Has its Staying in Touch section (ADOPT-048, RAA-009).
    pub staying_in_touch: bool,
}

/// What must be done before the plan goes to the ADM (ADOPT-007).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    pub review_of_arrangements: Option<NaiveDate>,
    pub service_manager_oversight: bool,
    pub assessments_concluded: bool,
    pub cpr_quality_assured: bool,
}

impl Readiness {
    /// What is outstanding, in the ADM's words.
    pub fn outstanding(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.review_of_arrangements.is_none() {
            out.push("ROA outstanding");
        }
        if !self.service_manager_oversight {
            out.push("service manager oversight of the final care plan outstanding");
        }
        if !self.assessments_concluded {
            out.push("concluding assessments outstanding");
        }
        if !self.cpr_quality_assured {
            out.push("team manager quality assurance of the CPR outstanding");
        }
        out
    }
}

/// The ADM's best-interest decision, or a review of it (ADOPT-008).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BestInterestDecision {
    pub date: NaiveDate,
    /// The decision this one reviews (its position in the list), when the
    /// court ordered further assessments.
    pub reviews: Option<usize>,
    /// The ADM who decided (their username; RAA-002: the child's own council's).
    pub decided_by: String,
}

/// A task the decision opens for a birth parent (ADOPT-012).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthParentSupport {
    pub parent: u8,
    pub leaflet_due: NaiveDate,
    pub counselling_sessions: u8,
    /// ASSESS-007: the offer to assess the birth parent's support needs,
    /// and where it stands.
    #[serde(default)]
    pub assessment_offer: AssessmentOffer,
}

/// ASSESS-007: the council must offer to assess the support needs of anyone
/// affected by an adoption placement; the offer is recorded against each
/// birth parent, made at the ADM's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentOffer {
    #[default]
    Offered,
    Accepted,
    Declined,
    NotContactable,
}

impl AssessmentOffer {
    pub const ALL: [AssessmentOffer; 4] = [
        AssessmentOffer::Offered,
        AssessmentOffer::Accepted,
        AssessmentOffer::Declined,
        AssessmentOffer::NotContactable,
    ];
    pub fn code(self) -> &'static str {
        match self {
            AssessmentOffer::Offered => "offered",
            AssessmentOffer::Accepted => "accepted",
            AssessmentOffer::Declined => "declined",
            AssessmentOffer::NotContactable => "not_contactable",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            AssessmentOffer::Offered => "Offered",
            AssessmentOffer::Accepted => "Accepted",
            AssessmentOffer::Declined => "Declined",
            AssessmentOffer::NotContactable => "Not contactable",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// The sessions of independent counselling each birth parent is offered.
pub const COUNSELLING_SESSIONS: u8 = 6;

/// The change-of-plan decision for a child with a placement order (ADOPT-026).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NewRoute {
    SgoWithFosterCarer,
    LongTermFosteringWithCarer,
    CareOrderOtherFosterPlacement,
    ReturnHome,
}

impl NewRoute {
    pub const ALL: [NewRoute; 4] = [
        NewRoute::SgoWithFosterCarer,
        NewRoute::LongTermFosteringWithCarer,
        NewRoute::CareOrderOtherFosterPlacement,
        NewRoute::ReturnHome,
    ];
    pub fn code(self) -> &'static str {
        match self {
            NewRoute::SgoWithFosterCarer => "sgo_with_foster_carer",
            NewRoute::LongTermFosteringWithCarer => "long_term_fostering_with_carer",
            NewRoute::CareOrderOtherFosterPlacement => "care_order_other_foster_placement",
            NewRoute::ReturnHome => "return_home",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            NewRoute::SgoWithFosterCarer => "Special guardianship with the current foster carer",
            NewRoute::LongTermFosteringWithCarer => "Long-term fostering with the current carer",
            NewRoute::CareOrderOtherFosterPlacement => "Care order in another foster placement",
            NewRoute::ReturnHome => "Return to birth family",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// A change of plan away from adoption (ADOPT-026).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeOfPlan {
    pub date: NaiveDate,
    pub route: NewRoute,
    /// The placement order revocation application task, opened with the
    /// decision when there is an order.
    pub revocation_task: bool,
    /// Birth parents given leave to apply to revoke the order.
    pub parents_leave_to_revoke: Option<NaiveDate>,
}

/// One child's adoption pathway.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildPathway {
    pub child_id: String,
    /// The council the child belongs to: the placing authority (ADOPT-062,
    /// RAA-001); empty until recorded (the home council then).
    pub council: String,
    pub dates: Vec<(Milestone, NaiveDate)>,
    pub relinquished: bool,
    /// The adoption panel's recommendation on a relinquished child's plan (ADOPT-011).
    pub panel_recommendation: Option<NaiveDate>,
    pub family_options: Option<FamilyOptions>,
    /// The CDM decision to issue proceedings, and whether Fostering for
    /// Adoption was considered by the next CDM (ADOPT-003).
    pub cdm_decision: Option<NaiveDate>,
    pub ffa_considered: bool,
    pub tracks: Tracks,
    /// The number of brothers and sisters in the same proceedings, and the
    /// Together or Apart assessment (ADOPT-050, ADOPT-024).
    pub siblings: u8,
    pub sibling_assessment: Option<NaiveDate>,
    pub cpr: Option<Cpr>,
    pub readiness: Readiness,
    /// The plan submitted to the ADM, and the reason given to proceed
    /// without the family options evidenced (ADOPT-001, ADOPT-007).
    pub submitted_to_adm: Option<NaiveDate>,
    pub decisions: Vec<BestInterestDecision>,
    pub birth_parents: u8,
    pub support: Vec<BirthParentSupport>,
    pub change_of_plan: Option<ChangeOfPlan>,
    pub family_finding: FamilyFinding,
}

/// Something a person records on the pathway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathwayStep {
    Milestone(Milestone, NaiveDate),
    /// The council the child belongs to, whether relinquished, and how
    /// many birth parents are recorded.
    Details {
        council: String,
        relinquished: bool,
        birth_parents: u8,
        siblings: u8,
    },
    FamilyOptions(FamilyOptions),
    Cdm {
        date: NaiveDate,
        ffa_considered: bool,
    },
    Tracks(Tracks),
    SiblingAssessment(NaiveDate),
    Cpr(Cpr),
    Readiness(Readiness),
    SubmitToAdm(NaiveDate),
    PanelRecommendation(NaiveDate),
    /// The ADM's decision (`review`: reviewing the latest one).
    BestInterest {
        date: NaiveDate,
        review: bool,
        by: String,
    },
    ChangeOfPlan {
        date: NaiveDate,
        route: NewRoute,
        parents_leave_to_revoke: Option<NaiveDate>,
    },
    FamilyFinding(FindingStep),
    /// ASSESS-007: a birth parent's answer to the offer of an assessment of
    /// their support needs.
    AssessmentOffer {
        parent: u8,
        status: AssessmentOffer,
    },
}

/// Why a step was refused, naming the field and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathwayError {
    #[error("{field}: {problem}")]
    Invalid {
        field: &'static str,
        problem: String,
    },
}

pub(crate) fn refuse(field: &'static str, problem: impl Into<String>) -> PathwayError {
    PathwayError::Invalid {
        field,
        problem: problem.into(),
    }
}

/// A finding about the pathway on a date: the rule, what it says and
/// whether it needs someone to act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub text: String,
    pub flag: bool,
}

pub(crate) fn finding(rule: &'static str, flag: bool, text: impl Into<String>) -> Finding {
    Finding {
        rule,
        text: text.into(),
        flag,
    }
}

impl ChildPathway {
    /// A new pathway for the child.
    pub fn new(child_id: &str) -> Self {
        ChildPathway {
            child_id: child_id.to_owned(),
            ..Default::default()
        }
    }

    /// The date recorded for a milestone.
    pub fn date(&self, m: Milestone) -> Option<NaiveDate> {
        self.dates.iter().find(|(k, _)| *k == m).map(|(_, d)| *d)
    }

    /// The latest best-interest decision's date (ADOPT-008).
    pub fn bid(&self) -> Option<NaiveDate> {
        self.decisions.iter().map(|d| d.date).max()
    }

    /// The first best-interest decision's date (ADOPT-010 counts from it).
    pub fn first_bid(&self) -> Option<NaiveDate> {
        self.decisions.iter().map(|d| d.date).min()
    }

    /// The stage code lists filter on.
    pub fn stage(&self) -> &'static str {
        if self.date(Milestone::AdoptionOrder).is_some() {
            "adopted"
        } else if self.change_of_plan.is_some() {
            "plan_changed"
        } else if self.date(Milestone::Placed).is_some() {
            "placed"
        } else if self.date(Milestone::PlacementOrder).is_some() {
            "family_finding"
        } else if !self.decisions.is_empty() {
            "decided"
        } else {
            "planning"
        }
    }

    /// Applies a step recorded `today`, whole or not at all.
    pub fn apply(&mut self, step: PathwayStep, today: NaiveDate) -> Result<(), PathwayError> {
        let mut next = self.clone();
        next.apply_in(step, today)?;
        *self = next;
        Ok(())
    }

    fn apply_in(&mut self, step: PathwayStep, today: NaiveDate) -> Result<(), PathwayError> {
        match step {
            PathwayStep::Milestone(m, date) => self.set_date(m, date, today)?,
            PathwayStep::Details {
                council,
                relinquished,
                birth_parents,
                siblings,
            } => {
                if council.trim().is_empty() {
                    return Err(refuse("council", "select the council the child belongs to"));
                }
                self.council = council.trim().to_owned();
                self.relinquished = relinquished;
                self.birth_parents = birth_parents.min(2);
                self.siblings = siblings;
            }
            PathwayStep::FamilyOptions(o) => self.family_options = Some(o),
            PathwayStep::Cdm {
                date,
                ffa_considered,
            } => {
                not_future("cdm_date", date, today)?;
                self.cdm_decision = Some(date);
                self.ffa_considered = ffa_considered;
            }
            PathwayStep::Tracks(t) => {
                let recorded = t.recorded.ok_or_else(|| {
                    refuse("tracks_date", "enter the date the tracks were decided")
                })?;
                not_future("tracks_date", recorded, today)?;
                self.tracks = t;
            }
            PathwayStep::SiblingAssessment(date) => {
                not_future("sibling_assessment", date, today)?;
                self.sibling_assessment = Some(date);
            }
            PathwayStep::Cpr(c) => {
                not_future("cpr_date", c.date, today)?;
                self.cpr = Some(c);
            }
            PathwayStep::Readiness(r) => {
                if let Some(d) = r.review_of_arrangements {
                    not_future("roa", d, today)?;
                }
                self.readiness = r;
            }
            PathwayStep::SubmitToAdm(date) => self.submit(date, today)?,
            PathwayStep::PanelRecommendation(date) => {
                if !self.relinquished {
                    return Err(refuse(
                        "panel_date",
                        "only a relinquished child's plan goes to the adoption panel first",
                    ));
                }
                not_future("panel_date", date, today)?;
                self.panel_recommendation = Some(date);
            }
            PathwayStep::BestInterest { date, review, by } => {
                self.decide(date, review, by, today)?
            }
            PathwayStep::AssessmentOffer { parent, status } => {
                let offer = self
                    .support
                    .iter_mut()
                    .find(|s| s.parent == parent)
                    .ok_or_else(|| {
                        refuse(
                            "parent",
                            format!(
                                "no offer is recorded for birth parent {parent}: the ADM's decision makes one for each birth parent"
                            ),
                        )
                    })?;
                offer.assessment_offer = status;
            }
            PathwayStep::ChangeOfPlan {
                date,
                route,
                parents_leave_to_revoke,
            } => {
                not_future("change_date", date, today)?;
                self.change_of_plan = Some(ChangeOfPlan {
                    date,
                    route,
                    revocation_task: self.date(Milestone::PlacementOrder).is_some(),
                    parents_leave_to_revoke,
                });
            }
            PathwayStep::FamilyFinding(step) => {
                let po = self.date(Milestone::PlacementOrder);
                self.family_finding.apply(step, po, today)?;
            }
        }
        Ok(())
    }

    fn set_date(
        &mut self,
        m: Milestone,
        date: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), PathwayError> {
        if m != Milestone::ExpectedFinalHearing {
            not_future(m.code(), date, today)?;
        }
        let before = |later: Milestone, earlier: Milestone| -> Result<(), PathwayError> {
            match (self.date(earlier), later == m) {
                (Some(e), true) if date < e => Err(refuse(
                    m.code(),
                    format!(
                        "cannot be before the date {} ({e})",
                        earlier.label().to_lowercase()
                    ),
                )),
                _ => Ok(()),
            }
        };
        before(Milestone::PlacementOrder, Milestone::EnteredCare)?;
        before(Milestone::Placed, Milestone::MatchRatified)?;
        before(Milestone::AdoptionOrder, Milestone::Placed)?;
        self.check_allocation(m, date)?;
        if m == Milestone::Placed && self.family_finding.placed_with.is_none() {
            return Err(refuse(
                "placed",
                "record where the adopters come from (family finding) before the placement",
            ));
        }
        if m == Milestone::PlacementOrder {
            self.family_finding.order_made(date);
        }
        self.dates.retain(|(k, _)| *k != m);
        self.dates.push((m, date));
        Ok(())
    }

    /// ADOPT-007 and ADOPT-001: the plan goes to the ADM only when nothing
    /// is outstanding, and with the family options evidenced or a reason
    /// to proceed without them.
    fn submit(&mut self, date: NaiveDate, today: NaiveDate) -> Result<(), PathwayError> {
        not_future("submitted", date, today)?;
        let outstanding = self.readiness.outstanding();
        if !outstanding.is_empty() {
            return Err(refuse(
                "submitted",
                format!("submission blocked: {}", outstanding.join(", ")),
            ));
        }
        if self.family_options.is_none() {
            return Err(refuse(
                "family_options",
                "family options not evidenced: record them or the reason to proceed",
            ));
        }
        self.submitted_to_adm = Some(date);
        Ok(())
    }

    /// ADOPT-008, ADOPT-011, ADOPT-012: the ADM's best-interest decision
    /// (a relinquished child's plan after the panel's recommendation), or
    /// a review of it linked to the original; a first decision opens the
    /// birth parents' support tasks.
    fn decide(
        &mut self,
        date: NaiveDate,
        review: bool,
        by: String,
        today: NaiveDate,
    ) -> Result<(), PathwayError> {
        not_future("bid_date", date, today)?;
        if self.relinquished && self.panel_recommendation.is_none() {
            return Err(refuse(
                "bid_date",
                "a relinquished child's plan needs the adoption panel's recommendation first",
            ));
        }
        if self.submitted_to_adm.is_none() && !self.relinquished {
            return Err(refuse(
                "bid_date",
                "the plan has not been submitted to the ADM",
            ));
        }
        let reviews = if review {
            if self.decisions.is_empty() {
                return Err(refuse("bid_review", "there is no decision to review"));
            }
            Some(self.decisions.len() - 1)
        } else {
            if !self.decisions.is_empty() {
                return Err(refuse(
                    "bid_review",
                    "a decision is recorded: tick that this reviews it",
                ));
            }
            self.support = (1..=self.birth_parents)
                .map(|parent| BirthParentSupport {
                    parent,
                    leaflet_due: date,
                    counselling_sessions: COUNSELLING_SESSIONS,
                    assessment_offer: AssessmentOffer::Offered,
                })
                .collect();
            None
        };
        self.decisions.push(BestInterestDecision {
            date,
            reviews,
            decided_by: by,
        });
        Ok(())
    }

    /// Whole days between two recorded dates.
    pub fn days_between(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<i64> {
        Some((to? - from?).num_days())
    }

    /// ADOPT-010: days from entering care to the decision, from the
    /// council's proposal to the decision, from the decision to the order.
    pub fn intervals(&self) -> [(&'static str, Option<i64>); 3] {
        let bid = self.first_bid();
        [
            (
                "Entering care to the decision",
                Self::days_between(self.date(Milestone::EnteredCare), bid),
            ),
            (
                "Proposal to the decision",
                Self::days_between(self.date(Milestone::Proposed), bid),
            ),
            (
                "Decision to the placement order",
                Self::days_between(bid, self.date(Milestone::PlacementOrder)),
            ),
        ]
    }

    /// ADOPT-014, RAA-005: on the regional tracker from four weeks before
    /// the expected placement order until a match is ratified or the plan
    /// changes.
    pub fn regional_tracking(&self) -> Option<(NaiveDate, Option<NaiveDate>)> {
        let order = self
            .date(Milestone::ExpectedFinalHearing)
            .or(self.date(Milestone::PlacementOrder))?;
        let from = order - Days::new(28);
        let until = self
            .date(Milestone::MatchRatified)
            .or(self.change_of_plan.as_ref().map(|c| c.date));
        Some((from, until))
    }

    /// Whether the child is on the regional tracker on `day`.
    pub fn on_regional_tracker(&self, day: NaiveDate) -> bool {
        self.regional_tracking()
            .is_some_and(|(from, until)| from <= day && until.is_none_or(|u| day < u))
    }

    /// ADOPT-024: harder to place on `day` (a sibling group, a disability,
    /// aged 5 or more).
    pub fn harder_to_place(
        &self,
        date_of_birth: NaiveDate,
        disabled: bool,
        day: NaiveDate,
    ) -> bool {
        self.siblings > 0 || disabled || crate::time::age_on(date_of_birth, day) >= 5
    }

    /// Waiting for a placement: an order, no placement, no change of plan.
    pub fn waiting(&self) -> bool {
        self.date(Milestone::PlacementOrder).is_some()
            && self.date(Milestone::Placed).is_none()
            && self.change_of_plan.is_none()
    }

    /// What the record says about itself on `today`.
    pub fn findings(
        &self,
        date_of_birth: NaiveDate,
        disabled: bool,
        today: NaiveDate,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(start) = self.date(Milestone::PackA) {
            out.push(finding(
                "ADOPT-002",
                false,
                format!("On the adoption tracker since {start} (Pack A requested)"),
            ));
        }
        self.planning_findings(&mut out, today);
        for (what, days) in self.intervals() {
            if let Some(days) = days {
                out.push(finding("ADOPT-010", false, format!("{what}: {days} days")));
            }
        }
        if self.bid().is_some()
            && self.date(Milestone::PlacementOrder).is_none()
            && self.change_of_plan.is_none()
        {
            out.push(finding(
                "ADOPT-010",
                true,
                "Decided, awaiting the placement order",
            ));
        }
        if let Some((from, until)) = self.regional_tracking() {
            let text = match until {
                Some(u) => format!("On the regional tracker from {from} until {u}"),
                None => format!("On the regional tracker from {from}"),
            };
            out.push(finding("ADOPT-014", false, text));
        }
        self.order_duties(&mut out);
        if self.harder_to_place(date_of_birth, disabled, today) {
            out.push(finding("ADOPT-024", false, "Harder to place"));
        }
        if let Some(c) = &self.change_of_plan {
            let task = if c.revocation_task {
                "; placement order revocation application open"
            } else {
                ""
            };
            out.push(finding(
                "ADOPT-026",
                c.revocation_task,
                format!("Plan changed on {}: {}{task}", c.date, c.route.label()),
            ));
        }
        out.extend(self.family_finding.findings(self, today));
        out
    }

    /// The flags of the plan before the ADM's decision (ADOPT-001, 003,
    /// 004, 006, 007, 011, 012, 050; RAA-009).
    fn planning_findings(&self, out: &mut Vec<Finding>, today: NaiveDate) {
        match self.family_options {
            None => out.push(finding("ADOPT-001", true, "Family options not evidenced")),
            Some(FamilyOptions::Evidenced) => {}
            Some(o) => out.push(finding(
                "ADOPT-001",
                false,
                format!("Proceeding: {}", o.label()),
            )),
        }
        if self.cdm_decision.is_some() && !self.ffa_considered {
            out.push(finding(
                "ADOPT-003",
                true,
                "Fostering for Adoption to be considered before the next CDM",
            ));
        }
        let t = &self.tracks;
        if t.adoption
            && (t.parents || t.wider_family)
            && t.co_allocated
                .is_none_or(|c| t.recorded.is_some_and(|r| c > r))
        {
            out.push(finding(
                "ADOPT-004",
                true,
                "Permanence Team co-allocation missing for a twin- or triple-tracked plan",
            ));
        }
        if let Some(c) = &self.cpr {
            if c.is_final && !c.by_permanence_team && c.date >= date(2019, 7, 1) {
                out.push(finding(
                    "ADOPT-006",
                    true,
                    "CPR not written by the Permanence Team",
                ));
            }
            if c.is_final && !c.staying_in_touch {
                out.push(finding(
                    "RAA-009",
                    true,
                    "CPR has no Staying in Touch section",
                ));
            }
        }
        let outstanding = self.readiness.outstanding();
        if self.submitted_to_adm.is_none() && !outstanding.is_empty() {
            out.push(finding(
                "ADOPT-007",
                true,
                format!("Not ready for the ADM: {}", outstanding.join(", ")),
            ));
        }
        if self.relinquished && self.decisions.is_empty() {
            let text = match self.panel_recommendation {
                Some(d) => format!("Relinquished: panel recommended on {d}, awaiting the ADM"),
                None => {
                    "Relinquished: adoption panel recommendation before the ADM's decision".into()
                }
            };
            out.push(finding("ADOPT-011", false, text));
        }
        for d in &self.decisions {
            let text = match d.reviews {
                Some(i) => format!(
                    "Best-interest decision reviewed on {} (reviews the decision of {})",
                    d.date, self.decisions[i].date
                ),
                None => format!("Best-interest decision on {}", d.date),
            };
            out.push(finding("ADOPT-008", false, text));
        }
        for s in &self.support {
            out.push(finding(
                "ADOPT-012",
                s.leaflet_due <= today,
                format!(
                    "Birth parent {}: support leaflet due {}; up to {} counselling sessions; offer of a support assessment: {}",
                    s.parent,
                    s.leaflet_due,
                    s.counselling_sessions,
                    s.assessment_offer.label().to_lowercase()
                ),
            ));
        }
        if self.siblings > 0 && self.sibling_assessment.is_none() {
            out.push(finding("ADOPT-050", true, "Sibling assessment required"));
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

pub(crate) fn not_future(
    field: &'static str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<(), PathwayError> {
    if date > today {
        Err(refuse(field, format!("cannot be in the future ({date})")))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn adopt_010_intervals_from_the_recorded_dates() {
        let mut p = ChildPathway::new("C1");
        p.dates = vec![
            (Milestone::EnteredCare, d("2023-05-02")),
            (Milestone::PlacementOrder, d("2024-05-06")),
        ];
        p.decisions.push(BestInterestDecision {
            date: d("2024-01-15"),
            reviews: None,
            decided_by: "adm".into(),
        });
        assert_eq!(p.intervals()[0].1, Some(258));
        assert_eq!(p.intervals()[2].1, Some(112));
    }

    #[test]
    fn adopt_014_tracked_from_four_weeks_before_the_final_hearing() {
        let mut p = ChildPathway::new("C1");
        p.dates = vec![(Milestone::ExpectedFinalHearing, d("2025-06-30"))];
        assert_eq!(p.regional_tracking(), Some((d("2025-06-02"), None)));
        assert!(!p.on_regional_tracker(d("2025-06-01")));
        assert!(p.on_regional_tracker(d("2025-06-02")));
    }
}
