//! A match (WF-ADOPT-MATCH, the match part of WF-ADOPT-CHILD's states 11
//! and 12, 14 and 15): from the adopters' expression of interest in a
//! child or sibling group, through the link, the adoption panel and the
//! agency decision maker, to the placement and the adoption order, or a
//! disruption. What each step must carry is checked here: the match's
//! paperwork before panel (ADOPT-037), the adoption support plan
//! (ADOPT-038), Fostering for Adoption's ADM approval (ADOPT-039), the
//! disruption and its meeting (ADOPT-041), the post-placement contacts
//! (ADOPT-042), the interagency position (ADOPT-053) and the feedback asked
//! of the adopters (ADOPT-056).

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::permanence::workflow::{Refusal, State, Transition, Workflow};
use crate::roles::Role::{self, *};

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

const FINDERS: &[Role] = &[
    FamilyFinder,
    SocialWorker,
    AssessingSocialWorker,
    TeamManager,
];

/// WF-ADOPT-MATCH: a match from the expression of interest to the order.
pub static MATCH: Workflow = Workflow {
    id: "WF-ADOPT-MATCH",
    title: "Adoption match",
    states: &[
        s("interest", "Expression of interest"),
        s("linked", "Linked"),
        s("panel", "At the adoption panel"),
        s("adm", "Agency decision"),
        s("matched", "Matched: introductions"),
        s("declined", "Match not approved"),
        s("placed", "Placed for adoption"),
        s("ended_in_introductions", "Ended during introductions"),
        s("disrupted", "Disrupted (placement ended before the order)"),
        s("adopted", "Adoption order made"),
        s("withdrawn", "Closed - withdrawn"),
    ],
    transitions: &[
        t("link", "Record the link", &["interest"], "linked", FINDERS),
        t(
            "to_panel",
            "Take the match to the adoption panel",
            &["linked"],
            "panel",
            FINDERS,
        ),
        t(
            "recommend",
            "Record the panel's recommendation",
            &["panel"],
            "adm",
            &[PanelAdviser],
        ),
        t(
            "defer",
            "Record the panel deferred the match",
            &["panel"],
            "linked",
            &[PanelAdviser],
        ),
        t(
            "approve",
            "Approve the match (ADM)",
            &["adm"],
            "matched",
            &[AgencyDecisionMaker],
        ),
        t(
            "decline",
            "Do not approve the match (ADM)",
            &["adm"],
            "declined",
            &[AgencyDecisionMaker],
        ),
        t(
            "place",
            "Record the child placed",
            &["matched"],
            "placed",
            FINDERS,
        ),
        t(
            "end_introductions",
            "Record a breakdown during introductions",
            &["matched"],
            "ended_in_introductions",
            FINDERS,
        ),
        t(
            "disrupt",
            "Record the placement ended before the order",
            &["placed"],
            "disrupted",
            FINDERS,
        ),
        t(
            "order",
            "Record the adoption order",
            &["placed"],
            "adopted",
            FINDERS,
        ),
        t(
            "withdraw",
            "Close - withdrawn",
            &["interest", "linked"],
            "withdrawn",
            FINDERS,
        ),
    ],
};

/// Whether a person holding `role` records adopters' expressions of
/// interest: those who link a match.
pub fn records_interest(role: Role) -> bool {
    FINDERS.contains(&role)
}

/// Why a step on a match was refused: each names the field or the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatchError {
    #[error("{0}")]
    Refused(String),
    #[error("you may not {0}")]
    Forbidden(&'static str),
    #[error("name at least one child for the match")]
    NoChildren,
    #[error(
        "the panel papers must include the draft introductions plan before the match goes to panel (ADOPT-037)"
    )]
    NoIntroductionsPlan,
    #[error(
        "the CPR must go to the Adoption Medical Adviser before the medical consultation meeting (ADOPT-037)"
    )]
    CprNotToMedicalAdviser,
    #[error("choose the panel meeting the match goes to")]
    NoMeeting,
    #[error("choose the panel's recommendation")]
    NoRecommendation,
    #[error("the adoption panel has made no recommendation on the match to decide on (ADOPT-033)")]
    NoPanelRecommendation,
    #[error("the adoption support plan is not complete: {0} (ADOPT-038)")]
    SupportPlanIncomplete(String),
    #[error(
        "a Fostering for Adoption placement by the council's carers needs the ADM's approval: enter the date (ADOPT-039)"
    )]
    FfaWithoutAdm,
    #[error("an interagency match needs its counterpart agency (ADOPT-053)")]
    NoCounterpart,
    #[error(
        "education_commitment: record the evidence of the adopters' commitment to education before the match goes for approval (EDU-001)"
    )]
    NoEducationCommitment,
    #[error(
        "the adoption support plan has no section on the child's current and future educational needs: write it before the placement is confirmed (EDU-002)"
    )]
    NoEducationSection,
    #[error("the date cannot be before the match's previous step ({0})")]
    BeforePrevious(NaiveDate),
}

impl From<Refusal> for MatchError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Forbidden(what) => MatchError::Forbidden(what),
            Refusal::NotNow(why) => MatchError::Refused(why),
        }
    }
}

/// A paper of the match's panel (ADOPT-037).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    ChildPermanenceReport,
    ProspectiveAdopterReport,
    DraftIntroductionsPlan,
    AdoptionSupportPlan,
}

impl Paper {
    pub const ALL: [Paper; 4] = [
        Paper::ChildPermanenceReport,
        Paper::ProspectiveAdopterReport,
        Paper::DraftIntroductionsPlan,
        Paper::AdoptionSupportPlan,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Paper::ChildPermanenceReport => "cpr",
            Paper::ProspectiveAdopterReport => "par",
            Paper::DraftIntroductionsPlan => "introductions_plan",
            Paper::AdoptionSupportPlan => "support_plan",
        }
    }

    /// The paper in words.
    pub fn label(self) -> &'static str {
        match self {
            Paper::ChildPermanenceReport => "Child permanence report (CPR)",
            Paper::ProspectiveAdopterReport => "Prospective adopter's report (PAR)",
            Paper::DraftIntroductionsPlan => "Draft introductions plan",
            Paper::AdoptionSupportPlan => "Adoption support plan",
        }
    }
}

/// ADOPT-038: the adoption support plan, a section for each person whose
/// needs it must set out, now and over time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportPlan {
    pub child: String,
    pub adoptive_family: String,
    /// Children already in the family, by birth or adoption.
    pub existing_children: String,
    pub birth_parents: String,
    pub over_time: String,
    /// EDU-002: the child's current and possible future educational
    /// support needs.
    #[serde(default)]
    pub education: String,
}

impl SupportPlan {
    /// ADOPT-038: the sections still empty; the existing children's only
    /// when the household has children of its own.
    pub fn missing(&self, family_has_children: bool) -> Vec<&'static str> {
        let mut out = Vec::new();
        let empty = |s: &str| s.trim().is_empty();
        if empty(&self.child) {
            out.push("the child's needs");
        }
        if empty(&self.adoptive_family) {
            out.push("the adoptive family's needs");
        }
        if family_has_children && empty(&self.existing_children) {
            out.push("the children already in the family");
        }
        if empty(&self.birth_parents) {
            out.push("the birth parents' needs");
        }
        if empty(&self.over_time) {
            out.push("the support over time");
        }
        if empty(&self.education) {
            out.push("the child's current and future educational needs (EDU-002)");
        }
        out
    }
}

/// Whether the council bought the adopters from another agency or sold its
/// own (ADOPT-053).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Bought,
    Sold,
}

/// ADOPT-053: an interagency match, its direction, counterpart and charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interagency {
    pub direction: Direction,
    pub counterpart: String,
    pub chargeable: bool,
}

/// ADOPT-053: the net number of adopter households sold in a list of
/// interagency matches (sold less bought) and whether it meets `target`.
pub fn net_sold(matches: &[&Interagency], target: i64) -> (i64, bool) {
    let net = matches
        .iter()
        .map(|m| match m.direction {
            Direction::Sold => 1,
            Direction::Bought => -1,
        })
        .sum::<i64>();
    (net, net >= target)
}

/// ADOPT-039: a Fostering for Adoption placement: approved by the ADM on a
/// date, unless the carers are interagency adopters already dual-approved
/// as foster carers (those do not come to the ADM).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ffa {
    pub adm_approved: Option<NaiveDate>,
    pub dual_approved_interagency: bool,
}

/// When the adopters' feedback is asked for (ADOPT-056).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackPoint {
    AfterPanel,
    AfterMatching,
}

impl FeedbackPoint {
    pub fn label(self) -> &'static str {
        match self {
            FeedbackPoint::AfterPanel => "After the panel",
            FeedbackPoint::AfterMatching => "After matching",
        }
    }
}

/// A recommendation or decision on the match, its date and who made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    pub date: NaiveDate,
    pub approve: bool,
    pub by: String,
}

/// ADOPT-041: the meeting held after a disruption, chaired by an
/// independent person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisruptionMeeting {
    pub due: NaiveDate,
    pub held: Option<NaiveDate>,
}

/// The working days the disruption meeting is held within.
pub const DISRUPTION_MEETING_WORKING_DAYS: u32 = 20;

/// An adoption match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionMatch {
    pub id: String,
    /// The adopters' role (`H00001-R1`) and its household.
    pub role_id: String,
    pub household_id: String,
    pub children: Vec<String>,
    pub stage: String,
    /// The day the adopters expressed their interest.
    pub interest: NaiveDate,
    /// The day of the last step taken.
    pub last_step: NaiveDate,
    #[serde(default)]
    pub papers: Vec<Paper>,
    pub cpr_to_medical_adviser: Option<NaiveDate>,
    pub medical_consultation: Option<NaiveDate>,
    #[serde(default)]
    pub support_plan: SupportPlan,
    pub support_plan_final: Option<NaiveDate>,
    pub ffa: Option<Ffa>,
    pub interagency: Option<Interagency>,
    /// The panel meeting the match is listed at (`adoption_panel-2025-03-04`).
    pub meeting: Option<String>,
    pub recommendation: Option<Said>,
    pub decision: Option<Said>,
    pub placed: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
    /// EDU-001: the evidence of the adopters' commitment to education.
    #[serde(default)]
    pub education_commitment: String,
    pub disruption_meeting: Option<DisruptionMeeting>,
    pub order: Option<NaiveDate>,
    #[serde(default)]
    pub feedback: Vec<(FeedbackPoint, NaiveDate)>,
}

/// What a step's form carries beyond its date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchStep {
    pub papers: Option<Vec<Paper>>,
    pub cpr_to_medical_adviser: Option<NaiveDate>,
    pub medical_consultation: Option<NaiveDate>,
    pub meeting: Option<String>,
    pub approve: Option<bool>,
    pub ffa: Option<Ffa>,
    pub interagency: Option<Interagency>,
    /// EDU-001: the evidence of the adopters' commitment to education.
    pub education_commitment: Option<String>,
}

/// ADOPT-042: the post-adoption support worker's contacts after a
/// placement: the first 6 weeks on, then every 6 months for the first 3
/// years.
pub fn post_placement_contacts(placed: NaiveDate) -> Vec<NaiveDate> {
    let mut out = vec![placed + Days::new(42)];
    out.extend((1..=6).filter_map(|i| placed.checked_add_months(Months::new(6 * i))));
    out
}

impl AdoptionMatch {
    /// The adopters' expression of interest in the children on `date`.
    pub fn interest(
        (role_id, household_id): (&str, &str),
        children: Vec<String>,
        date: NaiveDate,
    ) -> Result<AdoptionMatch, MatchError> {
        let first = children.first().ok_or(MatchError::NoChildren)?;
        Ok(AdoptionMatch {
            id: format!("{role_id}-{first}"),
            role_id: role_id.to_owned(),
            household_id: household_id.to_owned(),
            stage: "interest".into(),
            interest: date,
            last_step: date,
            papers: Vec::new(),
            cpr_to_medical_adviser: None,
            medical_consultation: None,
            support_plan: SupportPlan::default(),
            support_plan_final: None,
            ffa: None,
            interagency: None,
            meeting: None,
            recommendation: None,
            decision: None,
            placed: None,
            ended: None,
            education_commitment: String::new(),
            disruption_meeting: None,
            order: None,
            feedback: Vec::new(),
            children,
        })
    }

    /// The stage in words.
    pub fn stage_label(&self) -> &str {
        MATCH.label(&self.stage)
    }

    /// The steps `role` may take now.
    pub fn moves(&self, role: Role) -> Vec<&'static Transition> {
        MATCH.available(&self.stage, &[role])
    }

    /// ADOPT-033: the day the agency decision maker's decision is due, 7
    /// working days after the panel's recommendation, while not made.
    pub fn decision_due(&self) -> Option<NaiveDate> {
        match (&self.recommendation, &self.decision) {
            (Some(r), None) => Some(crate::calendar::add_working_days(r.date, 7)),
            _ => None,
        }
    }

    /// ADOPT-042: the contacts due after the placement, while placed.
    pub fn contacts_due(&self) -> Vec<NaiveDate> {
        match (self.placed, self.stage.as_str()) {
            (Some(p), "placed") => post_placement_contacts(p),
            _ => Vec::new(),
        }
    }

    /// ADOPT-038: finalises the adoption support plan on `date` when every
    /// section the family needs is written.
    pub fn finalise_support_plan(
        &mut self,
        plan: SupportPlan,
        family_has_children: bool,
        date: Option<NaiveDate>,
    ) -> Result<(), MatchError> {
        if let Some(date) = date {
            let missing = plan.missing(family_has_children);
            if !missing.is_empty() {
                return Err(MatchError::SupportPlanIncomplete(missing.join(", ")));
            }
            self.support_plan_final = Some(date);
            if !self.papers.contains(&Paper::AdoptionSupportPlan) {
                self.papers.push(Paper::AdoptionSupportPlan);
                self.papers.sort();
            }
        } else {
            self.support_plan_final = None;
        }
        self.support_plan = plan;
        Ok(())
    }

    /// Takes the step `step` on `date` as a person holding `role`, with what
    /// its form carried; returns the new stage.
    pub fn take(
        &mut self,
        (role, by): (Role, &str),
        (step, date): (&str, NaiveDate),
        form: MatchStep,
    ) -> Result<String, MatchError> {
        let t = MATCH
            .take(&self.stage, step, &[role])
            .map_err(Refusal::from)?;
        if date < self.last_step {
            return Err(MatchError::BeforePrevious(self.last_step));
        }
        match step {
            "link" => {
                if let Some(i) = form.interagency {
                    if i.counterpart.trim().is_empty() {
                        return Err(MatchError::NoCounterpart);
                    }
                    self.interagency = Some(i);
                }
            }
            "to_panel" => {
                let papers = form.papers.unwrap_or_else(|| self.papers.clone());
                if !papers.contains(&Paper::DraftIntroductionsPlan) {
                    return Err(MatchError::NoIntroductionsPlan);
                }
                let (cpr, consult) = (
                    form.cpr_to_medical_adviser.or(self.cpr_to_medical_adviser),
                    form.medical_consultation.or(self.medical_consultation),
                );
                if consult.is_some_and(|m| cpr.is_none_or(|c| c > m)) {
                    return Err(MatchError::CprNotToMedicalAdviser);
                }
                let commitment = form
                    .education_commitment
                    .map(|e| e.trim().to_owned())
                    .filter(|e| !e.is_empty())
                    .unwrap_or_else(|| self.education_commitment.clone());
                if commitment.trim().is_empty() {
                    return Err(MatchError::NoEducationCommitment);
                }
                self.meeting = Some(form.meeting.ok_or(MatchError::NoMeeting)?);
                self.education_commitment = commitment;
                self.papers = papers;
                (self.cpr_to_medical_adviser, self.medical_consultation) = (cpr, consult);
            }
            "recommend" => {
                let approve = form.approve.ok_or(MatchError::NoRecommendation)?;
                self.recommendation = Some(Said {
                    date,
                    approve,
                    by: by.to_owned(),
                });
                // ADOPT-056: the adopters' feedback is asked for the same day.
                self.feedback.push((FeedbackPoint::AfterPanel, date));
            }
            "approve" | "decline" => {
                if self.recommendation.is_none() {
                    return Err(MatchError::NoPanelRecommendation);
                }
                self.decision = Some(Said {
                    date,
                    approve: step == "approve",
                    by: by.to_owned(),
                });
                if step == "approve" {
                    self.feedback.push((FeedbackPoint::AfterMatching, date));
                }
            }
            "place" => {
                if self.support_plan.education.trim().is_empty() {
                    return Err(MatchError::NoEducationSection);
                }
                if let Some(f) = form.ffa {
                    if f.adm_approved.is_none() && !f.dual_approved_interagency {
                        return Err(MatchError::FfaWithoutAdm);
                    }
                    self.ffa = Some(f);
                }
                self.placed = Some(date);
            }
            "disrupt" => {
                self.ended = Some(date);
                self.disruption_meeting = Some(DisruptionMeeting {
                    due: crate::calendar::add_working_days(date, DISRUPTION_MEETING_WORKING_DAYS),
                    held: None,
                });
            }
            "end_introductions" => self.ended = Some(date),
            "order" => self.order = Some(date),
            _ => {}
        }
        self.stage = t.to.to_owned();
        self.last_step = date;
        Ok(self.stage.clone())
    }

    /// ADOPT-041: records the disruption meeting held, with its
    /// independent chair.
    pub fn hold_disruption_meeting(&mut self, date: NaiveDate) -> Result<(), MatchError> {
        let m = self
            .disruption_meeting
            .as_mut()
            .ok_or_else(|| MatchError::Refused("the match has no disruption to meet on".into()))?;
        if self.ended.is_some_and(|e| date < e) {
            return Err(MatchError::BeforePrevious(self.ended.unwrap_or(date)));
        }
        m.held = Some(date);
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
    fn contacts_follow_a_placement_for_three_years() {
        let due = post_placement_contacts(d("2025-01-13"));
        assert_eq!(due[0], d("2025-02-24"));
        assert_eq!(due[1], d("2025-07-13"));
        assert_eq!(due.last(), Some(&d("2028-01-13")));
        assert_eq!(due.len(), 7);
    }

    #[test]
    fn net_sold_counts_sold_less_bought() {
        let sold = Interagency {
            direction: Direction::Sold,
            counterpart: "A".into(),
            chargeable: true,
        };
        let bought = Interagency {
            direction: Direction::Bought,
            ..sold.clone()
        };
        let list: Vec<&Interagency> = std::iter::repeat_n(&sold, 9)
            .chain(std::iter::repeat_n(&bought, 4))
            .collect();
        assert_eq!(net_sold(&list, 6), (5, false));
    }
}
