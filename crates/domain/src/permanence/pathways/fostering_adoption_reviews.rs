//! The pathways of chapter 20 after a child cannot go home: long-term
//! fostering (PATH-016 to PATH-020), adoption (PATH-023 to PATH-027) and
//! what a review records about them (PATH-028, PATH-029). Re-exported by
//! [`super`].

use super::*;

// ---------------------------------------------------------------------------
// Long-term fostering (PATH-016 to PATH-020)

/// Whether a foster placement is permanent (PATH-016).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacementTerm {
    ShortTerm,
    PermanentLongTerm,
}

/// A foster placement's permanence fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FosterPlacement {
    pub child_id: ChildId,
    pub carer: String,
    pub started: NaiveDate,
    /// When the Permanence Panel match was confirmed (PANEL-006).
    #[serde(default)]
    pub ltf_confirmed: Option<NaiveDate>,
    #[serde(default)]
    pub ended: Option<NaiveDate>,
}

/// How long a short-term arrangement runs before it joins the FOST-031 list.
pub const SHORT_TERM_FLAG_YEARS: u32 = 2;

impl FosterPlacement {
    /// PATH-016: permanent only once the match is confirmed, however long it
    /// has lasted.
    pub fn term_on(&self, on: NaiveDate) -> PlacementTerm {
        match self.ltf_confirmed {
            Some(c) if c <= on => PlacementTerm::PermanentLongTerm,
            _ => PlacementTerm::ShortTerm,
        }
    }

    /// On the FOST-031 list: short-term and running for more than 2 years,
    /// so from the day after its second anniversary. The tracking list's
    /// drift reason (h) asks it of each child's current foster placement.
    pub fn short_term_over_two_years(&self, on: NaiveDate) -> bool {
        self.ended.is_none_or(|e| e > on)
            && self.term_on(on) == PlacementTerm::ShortTerm
            && self.flagged_from() <= on
    }

    /// The first day the placement has lasted more than 2 years.
    pub fn flagged_from(&self) -> NaiveDate {
        calendar::add_days(
            calendar::add_months(self.started, SHORT_TERM_FLAG_YEARS * 12),
            1,
        )
    }
}

/// The Permanence Panel referral confirming a match of `child` with `carer`:
/// "match agreed" with the ADM agreeing at the meeting or confirming after.
pub fn confirmed_match<'a>(
    referrals: &'a [Referral],
    child_id: &ChildId,
    carer: &str,
) -> Option<&'a Referral> {
    referrals.iter().find(|r| {
        r.item == ItemType::Match
            && r.child_id == *child_id
            && r.carer
                .as_deref()
                .is_some_and(|c| c.trim().eq_ignore_ascii_case(carer.trim()))
            && r.outcome == Some(Outcome::MatchAgreed)
            && (r.adm_agreed_at_meeting || r.adm_decision.as_ref().is_some_and(|d| d.agreed))
    })
}

/// PATH-018: a placement is set to "permanent foster care" only for a child
/// and carer whose match the Permanence Panel agreed and the ADM confirmed.
pub fn check_permanent_placement_type(
    referrals: &[Referral],
    child_id: &ChildId,
    carer: &str,
) -> Result<(), PathwayError> {
    confirmed_match(referrals, child_id, carer)
        .map(|_| ())
        .ok_or(PathwayError::NoPanelMatch)
}

/// The factors an LTF suitability assessment answers from the May 2020
/// amendment (PATH-017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LtfFactor {
    ParentsFutureInvolvement,
    ChildsNeeds,
    CarerCapacityNowAndFuture,
    CarerSupportNeeds,
    Training,
    Experience,
    HouseholdNeeds,
    HistoryOfConcerns,
}

impl LtfFactor {
    pub const ALL: [LtfFactor; 8] = [
        LtfFactor::ParentsFutureInvolvement,
        LtfFactor::ChildsNeeds,
        LtfFactor::CarerCapacityNowAndFuture,
        LtfFactor::CarerSupportNeeds,
        LtfFactor::Training,
        LtfFactor::Experience,
        LtfFactor::HouseholdNeeds,
        LtfFactor::HistoryOfConcerns,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LtfFactor::ParentsFutureInvolvement => "parents' future involvement",
            LtfFactor::ChildsNeeds => "child's individual needs",
            LtfFactor::CarerCapacityNowAndFuture => "carer can meet the needs now and in future",
            LtfFactor::CarerSupportNeeds => "carer's support needs",
            LtfFactor::Training => "training",
            LtfFactor::Experience => "experience of meeting children's needs",
            LtfFactor::HouseholdNeeds => "needs of others in the household",
            LtfFactor::HistoryOfConcerns => "history of concerns",
        }
    }
}

/// One factor's entry in the assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorAnswer {
    pub factor: LtfFactor,
    pub answer: String,
}

/// An LTF suitability assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LtfAssessment {
    pub dated: NaiveDate,
    /// The clear assessment of the child's needs it rests on.
    #[serde(default)]
    pub clear_assessment: Option<String>,
    #[serde(default)]
    pub answers: Vec<FactorAnswer>,
}

impl LtfAssessment {
    /// The factors this assessment must answer under the version of the
    /// Permanence Policy in force on its date (DATA-001, CONV-001): none
    /// before the May 2020 amendment (in force from 1 May 2020, OQ-14).
    pub fn required_factors(&self) -> &'static [LtfFactor] {
        if policy_in_force(self.dated).is_some_and(|v| v.ltf_suitability_factors) {
            &LtfFactor::ALL
        } else {
            &[]
        }
    }

    /// What is missing, as labels.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self
            .clear_assessment
            .as_deref()
            .is_none_or(|s| s.trim().is_empty())
        {
            missing.push("clear assessment of the child's needs");
        }
        for f in self.required_factors() {
            let answered = self
                .answers
                .iter()
                .any(|a| a.factor == *f && !a.answer.trim().is_empty());
            if !answered {
                missing.push(f.label());
            }
        }
        missing
    }
}

/// PATH-017: an LTF suitability item can be referred to the panel only with
/// the assessment complete for its rule version.
pub fn check_ltf_referral(assessment: &LtfAssessment) -> Result<(), PathwayError> {
    let missing = assessment.missing();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(PathwayError::LtfAssessmentIncomplete(missing))
    }
}

/// PATH-017: long-term fostering may be the confirmed plan only with a
/// complete assessment and the panel's finding that LTF can meet the child's
/// needs.
pub fn check_ltf_permissible(
    assessment: &LtfAssessment,
    finding: Option<Outcome>,
) -> Result<(), PathwayError> {
    check_ltf_referral(assessment)?;
    if finding == Some(Outcome::LtfSuitable) {
        Ok(())
    } else {
        Err(PathwayError::LtfNotFoundSuitable)
    }
}

/// Where family finding goes once LTF is ratified (PATH-019).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FamilyFindingRoute {
    /// No placement, or placed under two years: a Pack F task to the
    /// Permanence Team.
    PackF { task_created: NaiveDate },
    /// The current carers of two years or more: straight to a match referral
    /// (PANEL-009).
    MatchReferral { created: NaiveDate },
}

/// How long a child must have been placed for family finding to be skipped.
pub const PLACED_LONG_ENOUGH_YEARS: u32 = 2;

/// PATH-019: the route when an LTF plan is ratified on `ratified`, with the
/// current placement's start date if the child is placed.
pub fn family_finding_route(
    ratified: NaiveDate,
    placed_since: Option<NaiveDate>,
) -> FamilyFindingRoute {
    match placed_since {
        Some(since) if calendar::add_months(since, PLACED_LONG_ENOUGH_YEARS * 12) <= ratified => {
            FamilyFindingRoute::MatchReferral { created: ratified }
        }
        _ => FamilyFindingRoute::PackF {
            task_created: ratified,
        },
    }
}

impl FamilyFindingRoute {
    /// The Permanence Panel referral this route creates now, if any.
    pub fn referral(&self, child_id: &ChildId) -> Option<Referral> {
        match *self {
            FamilyFindingRoute::MatchReferral { created } => Some(Referral::new(
                child_id.clone(),
                ItemType::Match,
                "ltf_current_carer",
                created,
                None,
            )),
            FamilyFindingRoute::PackF { .. } => None,
        }
    }
}

/// Whose carers a family-finding search looked at (PATH-019).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CarerSource {
    CountyCouncil,
    OtherProvider,
}

/// One search in the family-finding log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Search {
    pub on: NaiveDate,
    pub source: CarerSource,
}

/// PATH-019: County Council carers are searched before another provider's.
pub fn check_search_order(log: &[Search]) -> Result<(), PathwayError> {
    let first_in_house = log
        .iter()
        .filter(|s| s.source == CarerSource::CountyCouncil)
        .map(|s| s.on)
        .min();
    let first_other = log
        .iter()
        .filter(|s| s.source == CarerSource::OtherProvider)
        .map(|s| s.on)
        .min();
    match (first_in_house, first_other) {
        (_, None) => Ok(()),
        (Some(a), Some(b)) if a <= b => Ok(()),
        _ => Err(PathwayError::SearchOrder),
    }
}

/// A carer household's approval and review fields (section 11,
/// CarerHousehold).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarerHousehold {
    pub carer: String,
    pub approved: NaiveDate,
    /// The approval ended (resignation, termination).
    #[serde(default)]
    pub approval_ended: Option<NaiveDate>,
    #[serde(default)]
    pub last_annual_review: Option<NaiveDate>,
    /// The allocated supervising social worker (ROLE-003).
    #[serde(default)]
    pub ssw: Option<String>,
    /// Placed through a commissioned provider (ROLE-009).
    #[serde(default)]
    pub commissioned_provider: Option<String>,
    /// The provider's last annual review of the service (ROLE-009).
    #[serde(default)]
    pub last_service_review: Option<NaiveDate>,
    #[serde(default)]
    pub core_training_completed: Option<NaiveDate>,
}

impl CarerHousehold {
    /// The approval is current on a date.
    pub fn approved_on(&self, on: NaiveDate) -> bool {
        self.approved <= on && self.approval_ended.is_none_or(|e| on < e)
    }

    /// The next annual review: 12 months after the last one, or after approval.
    pub fn annual_review_due(&self) -> NaiveDate {
        calendar::add_months(self.last_annual_review.unwrap_or(self.approved), 12)
    }
}

/// PATH-020: a permanent match may be listed only for a carer whose approval
/// is current and whose annual review is in date on `on`.
///
/// Listing a match whose carers are named by a household's reference calls
/// it with the household's approval and last annual review.
pub fn check_carer_for_match(carer: &CarerHousehold, on: NaiveDate) -> Result<(), PathwayError> {
    if !carer.approved_on(on) {
        return Err(PathwayError::CarerNotApproved);
    }
    let due = carer.annual_review_due();
    if due < on {
        return Err(PathwayError::CarerAnnualReviewOverdue { due });
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Adoption (PATH-023 to PATH-027)

/// A stage of the adoption plan with its own timescale (PATH-023).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdoptionStage {
    BestInterestDecision,
    FamilyFinding,
    Match,
    Placement,
    AdoptionOrderApplication,
}

impl AdoptionStage {
    pub const ALL: [AdoptionStage; 5] = [
        AdoptionStage::BestInterestDecision,
        AdoptionStage::FamilyFinding,
        AdoptionStage::Match,
        AdoptionStage::Placement,
        AdoptionStage::AdoptionOrderApplication,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AdoptionStage::BestInterestDecision => "BID",
            AdoptionStage::FamilyFinding => "family finding",
            AdoptionStage::Match => "match",
            AdoptionStage::Placement => "placement",
            AdoptionStage::AdoptionOrderApplication => "Adoption Order application",
        }
    }
}

/// One stage of an adoption plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionPlanStage {
    pub stage: AdoptionStage,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: Option<NaiveDate>,
}

/// The best interest decision is due two months after adoption is agreed as
/// the plan (ADOPT-009).
pub const BID_WITHIN: Period = Period::Months(2);

/// PATH-023: the stages of a new adoption plan agreed on `agreed`, with the
/// BID due date set; the others are for the worker to date.
pub fn new_adoption_plan(agreed: NaiveDate) -> Vec<AdoptionPlanStage> {
    AdoptionStage::ALL
        .into_iter()
        .map(|stage| AdoptionPlanStage {
            stage,
            due: (stage == AdoptionStage::BestInterestDecision).then(|| BID_WITHIN.after(agreed)),
            done: None,
        })
        .collect()
}

/// PATH-023: an adoption plan is saved only with a due date on every open
/// stage.
pub fn validate_adoption_plan(stages: &[AdoptionPlanStage]) -> Result<(), PathwayError> {
    let undated: Vec<_> = AdoptionStage::ALL
        .into_iter()
        .filter(|s| {
            let entry = stages.iter().find(|e| e.stage == *s);
            entry.is_none_or(|e| e.done.is_none() && e.due.is_none())
        })
        .map(|s| s.label())
        .collect();
    if undated.is_empty() {
        Ok(())
    } else {
        Err(PathwayError::StagesWithoutDueDate(undated))
    }
}

/// What the child is given before an adoptive placement (PATH-024).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionReadiness {
    #[serde(default)]
    pub written_information_given: Option<NaiveDate>,
    #[serde(default)]
    pub life_story_work_for_transition: Option<NaiveDate>,
}

/// PATH-024: the placement-readiness checklist's failures for a placement
/// planned on `placement`.
///
/// Recording an adoptive placement is refused with these.
pub fn placement_readiness_gaps(r: &AdoptionReadiness, placement: NaiveDate) -> Vec<&'static str> {
    let mut gaps = Vec::new();
    if r.written_information_given.is_none_or(|d| d > placement) {
        gaps.push("written adoption information given to child");
    }
    if r.life_story_work_for_transition
        .is_none_or(|d| d > placement)
    {
        gaps.push("life story work for transition");
    }
    gaps
}

/// The birth parents' own social worker, as allocated on the adoption plan
/// (PATH-025): the offer, their response and the worker with their team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthParentWorker {
    pub offered: NaiveDate,
    /// The birth parents' response to the offer (free text).
    pub response: String,
    pub worker: String,
    pub team: String,
}

/// PATH-025: the birth parents' worker must not come from the team planning
/// for the child. The adoption plan's "birth parents' worker" form asks it.
pub fn check_birth_parent_worker(planning_team: &str, worker: &Worker) -> Result<(), PathwayError> {
    if worker
        .team
        .trim()
        .eq_ignore_ascii_case(planning_team.trim())
    {
        Err(PathwayError::BirthParentWorkerNotIndependent)
    } else {
        Ok(())
    }
}

/// The information given to prospective adopters, by date (PATH-026).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureChecklist {
    #[serde(default)]
    pub social: Option<NaiveDate>,
    #[serde(default)]
    pub medical: Option<NaiveDate>,
    #[serde(default)]
    pub legal: Option<NaiveDate>,
}

/// PATH-026: a match is listed for the Adoption Panel only when social,
/// medical and legal information were given, on or before `listing`. The
/// information-sharing log answers it from what it holds for prospective
/// adopters; listing on the Adoption Panel arrives with issue 19.
pub fn check_disclosure(c: &DisclosureChecklist, listing: NaiveDate) -> Result<(), PathwayError> {
    let missing: Vec<_> = [
        ("social information provided", c.social),
        ("medical information provided", c.medical),
        ("legal information provided", c.legal),
    ]
    .into_iter()
    .filter(|(_, d)| d.is_none_or(|d| d > listing))
    .map(|(label, _)| label)
    .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(PathwayError::DisclosureIncomplete(missing))
    }
}

/// An adoption financial-support case: the two steps in order (PATH-027).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancialSupportCase {
    pub opened: NaiveDate,
    /// The judgement whether the adopters could meet the child's needs.
    #[serde(default)]
    pub needs_judgement: Option<(bool, NaiveDate)>,
    /// When the means assessment of the adopters' finances started.
    #[serde(default)]
    pub means_assessment_started: Option<NaiveDate>,
}

/// PATH-027: the means assessment starts only after a judgement that the
/// adopters could meet the child's needs.
pub fn check_means_assessment_start(
    case: &FinancialSupportCase,
    on: NaiveDate,
) -> Result<(), PathwayError> {
    match case.needs_judgement {
        Some((true, d)) if d <= on => Ok(()),
        Some((false, d)) if d <= on => Err(PathwayError::AdoptersCannotMeetNeeds),
        _ => Err(PathwayError::NeedsJudgementMissing),
    }
}

// ---------------------------------------------------------------------------
// Reviews: residential step-down and Staying Put (PATH-028, PATH-029)

/// Whether Staying Put is intended (PATH-029).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StayingPutIntention {
    Intended,
    NotIntended,
    Undecided,
}

/// What a review being finalised records about the pathway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewPathwayFacts {
    pub held: NaiveDate,
    pub child_born: NaiveDate,
    /// The child is placed in a children's home.
    pub residential: bool,
    /// "step-down to family-based care considered" entry.
    pub step_down_considered: bool,
    /// The child is in long-term or permanent foster care.
    pub long_term_foster_care: bool,
    pub staying_put: Option<StayingPutIntention>,
}

/// The age from which the plan records a Staying Put intention.
pub const STAYING_PUT_FROM_AGE: u32 = 16;

/// PATH-028 and PATH-029: what stops a review being finalised.
///
/// The IRO's record of the review (its monitoring) is refused with these.
pub fn review_finalisation_gaps(r: &ReviewPathwayFacts) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if r.residential && !r.step_down_considered {
        gaps.push(Gap::block(
            "PATH-028",
            "step_down",
            "step-down to family-based care considered: entry required",
        ));
    }
    if r.long_term_foster_care
        && age_on(r.child_born, r.held) >= STAYING_PUT_FROM_AGE
        && r.staying_put.is_none()
    {
        gaps.push(Gap::block(
            "PATH-029",
            "staying_put",
            "Staying Put intention required from age 16",
        ));
    }
    gaps
}
