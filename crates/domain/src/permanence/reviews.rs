//! Reviews of a child's arrangements: the looked-after episode that opens a
//! plan and its review schedule (PLAN-001, PRIN-018), and the record of a
//! review with the gate it must pass to be finalised (PRIN-005, PRIN-006,
//! PRIN-010, PLAN-002, PLAN-006, PLAN-009, DATA-010).
//!
//! Free text (wishes, reasons) is personal data: it stays in the record and
//! never appears in an error's `Display`, which may be logged.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::{Gap, PermanencePlan, blank};
use crate::child::ChildId;
use crate::codes::LegalStatus;
use crate::deadline_rules::timescale;
use crate::permanence::voice::VoiceRecord;

// ---------------------------------------------------------------------------
// The looked-after episode opens the plan (PLAN-001, PRIN-018)
// ---------------------------------------------------------------------------

/// The start of a looked-after episode, as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpisodeStart {
    pub child_id: ChildId,
    pub start: NaiveDate,
    pub legal_status: LegalStatus,
    /// The allocated social worker, who owns the plan.
    pub allocated_social_worker: String,
}

/// What saving an episode start creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeOpened {
    /// The Draft permanence plan (PLAN-001).
    pub plan: PermanencePlan,
    /// The first review's due date, the start of the review schedule (TRACK-001).
    pub first_review_due: NaiveDate,
}

/// PLAN-001, PRIN-018: every looked-after child gets a Draft permanence plan
/// and a review schedule, whatever the legal status: section 20, a care
/// order, or a remand to local authority accommodation (LASPO 2012 s104).
pub fn open_looked_after_episode(start: &EpisodeStart) -> EpisodeOpened {
    EpisodeOpened {
        plan: PermanencePlan::draft(
            start.child_id.clone(),
            start.start,
            start.allocated_social_worker.clone(),
        ),
        first_review_due: timescale::first_review().after(start.start),
    }
}

// ---------------------------------------------------------------------------
// Reviews of arrangements (PRIN-005, PRIN-006, PRIN-010, PLAN-002, PLAN-006,
// PLAN-009, DATA-010)
// ---------------------------------------------------------------------------

/// How the parents contributed to a review (PRIN-006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParentalContribution {
    Attended,
    WrittenViews,
    Declined,
    NotLocated,
}

/// What a review decided about the permanence plan (PLAN-005, PLAN-009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanReviewOutcome {
    Ratified,
    Continue,
    AmendStepsOrTimescales,
    ChangeOfPlan,
    /// A provisional plan confirmed as final after the final order (PLAN-006).
    ConfirmedFinal,
}

/// A decision of a review, with its owner and due date (DATA-010).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDecision {
    pub text: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due: Option<NaiveDate>,
}

/// A Review of Arrangements record, as it is put for finalisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRecord {
    pub child_id: ChildId,
    /// 1 for the first review.
    pub sequence: u32,
    pub held: NaiveDate,
    /// The IRO who chaired it.
    pub chair: String,
    #[serde(default)]
    pub parental_contribution: Option<ParentalContribution>,
    #[serde(default)]
    pub carer_contribution: Option<String>,
    #[serde(default)]
    pub child_voice: Option<VoiceRecord>,
    #[serde(default)]
    pub plan_outcome: Option<PlanReviewOutcome>,
    #[serde(default)]
    pub decisions: Vec<ReviewDecision>,
}

/// What the review gate needs beyond the review record.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewContext<'a> {
    /// The permanence plan as it stood when the review was held.
    pub plan: Option<&'a PermanencePlan>,
    /// A permanence-discussion entry exists (PLAN-002).
    pub permanence_discussion_recorded: bool,
    /// The child lives with a carer whose contribution is expected (PRIN-010).
    pub placed_with_carer: bool,
}

/// Everything that stops `review` being finalised, blocking gaps only.
pub fn finalisation_gaps(review: &ReviewRecord, ctx: &ReviewContext) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if review.parental_contribution.is_none() {
        gaps.push(Gap::block(
            "PRIN-006",
            "parental_contribution",
            "parental contribution not recorded: attended, written views, declined or not located",
        ));
    }
    if ctx.placed_with_carer && blank(&review.carer_contribution) {
        gaps.push(Gap::block(
            "PRIN-010",
            "carer_contribution",
            "the carer's contribution is not recorded",
        ));
    }
    match &review.child_voice {
        None => gaps.push(Gap::block(
            "DATA-002",
            "child_voice",
            "the child's wishes and feelings are not recorded",
        )),
        Some(v) if v.lacks_reason() => gaps.push(Gap::block(
            "PRIN-005",
            "child_voice",
            "reason the decision differs from the child's wishes is required",
        )),
        Some(_) => {}
    }
    if review.sequence == 1 && !ctx.permanence_discussion_recorded {
        gaps.push(Gap::block(
            "PLAN-002",
            "permanence_discussion",
            "permanence not discussed by first review",
        ));
    }
    if let Some(plan) = ctx.plan {
        plan_review_gaps(review, plan, &mut gaps);
    }
    for (i, decision) in review.decisions.iter().enumerate() {
        if blank(&decision.owner) || decision.due.is_none() {
            gaps.push(Gap::block(
                "DATA-010",
                "decisions",
                format!("decision {} needs an owner and a due date", i + 1),
            ));
        }
    }
    gaps
}

/// PLAN-009, PLAN-006: a review after ratification considers the plan, and
/// the first one after a final order settles a provisional plan.
fn plan_review_gaps(review: &ReviewRecord, plan: &PermanencePlan, gaps: &mut Vec<Gap>) {
    let ratified_before =
        plan.lifecycle.is_ratified() && plan.ratified_on.is_some_and(|r| r < review.held);
    if !ratified_before {
        return;
    }
    if review.plan_outcome.is_none() {
        gaps.push(Gap::block(
            "PLAN-009",
            "plan_outcome",
            "the permanence plan section is blank: record continue, amend or change of plan",
        ));
    }
    let final_order_before = plan
        .court
        .as_ref()
        .and_then(|c| c.final_order)
        .is_some_and(|o| o < review.held);
    let settled = matches!(
        review.plan_outcome,
        Some(PlanReviewOutcome::ConfirmedFinal | PlanReviewOutcome::ChangeOfPlan)
    );
    if plan.firmness.provisional && final_order_before && !settled {
        gaps.push(Gap::block(
            "PLAN-006",
            "plan_outcome",
            "the final order has been made: confirm the provisional plan as final or change it",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permanence::plan::Lifecycle;
    use crate::permanence::plan::testing::ratified_plan;
    use crate::permanence::plan::{CourtTimetable, Firmness};
    use crate::permanence::voice::testing::voice;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("an ISO date")
    }

    // --- Episodes ------------------------------------------------------

    #[test]
    fn plan_001_an_episode_under_section_20_opens_a_draft_plan_owned_by_the_allocated_worker() {
        // The spec's Check: accommodated under Section 20 on 2025-03-03.
        let opened = open_looked_after_episode(&EpisodeStart {
            child_id: "child1".parse().unwrap(),
            start: d("2025-03-03"),
            legal_status: LegalStatus::SingleAccommodation,
            allocated_social_worker: "sw-7".into(),
        });
        assert_eq!(opened.plan.lifecycle, Lifecycle::Draft);
        assert_eq!(opened.plan.created, d("2025-03-03"));
        assert_eq!(opened.plan.owner, "sw-7");
        assert_eq!(opened.plan.child_id, "child1");
        // The first review is due 20 working days on: 2025-03-31.
        assert_eq!(opened.first_review_due, d("2025-03-31"));
    }

    #[test]
    fn prin_018_a_remand_opens_a_plan_and_review_schedule_like_any_other_episode() {
        // The spec's Check: remanded to local authority accommodation on
        // 2025-04-07. The 20 working days skip Good Friday, Easter Monday and
        // the early May bank holiday.
        let remand = EpisodeStart {
            child_id: "child2".parse().unwrap(),
            start: d("2025-04-07"),
            legal_status: LegalStatus::RemandedToAccommodation,
            allocated_social_worker: "sw-8".into(),
        };
        let opened = open_looked_after_episode(&remand);
        assert_eq!(opened.plan.lifecycle, Lifecycle::Draft);
        assert_eq!(opened.plan.created, d("2025-04-07"));
        assert_eq!(opened.first_review_due, d("2025-05-08"));
        // The same as for a care order starting that day.
        let care_order = EpisodeStart {
            legal_status: LegalStatus::InterimCareOrder,
            ..remand.clone()
        };
        assert_eq!(open_looked_after_episode(&care_order), opened);
    }

    // --- Reviews ---------------------------------------------------------

    fn review(sequence: u32, held: &str) -> ReviewRecord {
        ReviewRecord {
            child_id: "child1".parse().unwrap(),
            sequence,
            held: d(held),
            chair: "iro-1".into(),
            parental_contribution: Some(ParentalContribution::WrittenViews),
            carer_contribution: Some("report received".into()),
            child_voice: Some(voice(held)),
            plan_outcome: None,
            decisions: vec![ReviewDecision {
                text: "complete the sibling assessment".into(),
                owner: Some("sw-1".into()),
                due: Some(d("2025-05-30")),
            }],
        }
    }

    fn first_review_context() -> ReviewContext<'static> {
        ReviewContext {
            plan: None,
            permanence_discussion_recorded: true,
            placed_with_carer: true,
        }
    }

    fn rules(gaps: &[Gap]) -> Vec<&'static str> {
        gaps.iter().map(|g| g.rule).collect()
    }

    #[test]
    fn prin_006_a_review_without_the_parents_contribution_cannot_be_finalised() {
        // The spec's Check: entered care 2025-03-03, first review 2025-03-31
        // with no parental contribution recorded.
        let mut r = review(1, "2025-03-31");
        assert_eq!(finalisation_gaps(&r, &first_review_context()), vec![]);
        r.parental_contribution = None;
        let gaps = finalisation_gaps(&r, &first_review_context());
        assert_eq!(rules(&gaps), vec!["PRIN-006"]);
        assert!(gaps[0].blocking);
        // "Not located" is a recorded contribution.
        r.parental_contribution = Some(ParentalContribution::NotLocated);
        assert_eq!(finalisation_gaps(&r, &first_review_context()), vec![]);
    }

    #[test]
    fn prin_005_a_review_deciding_against_the_child_s_wishes_needs_the_reason() {
        // The spec's Check: "I want to live with my nan", decision long-term
        // foster care with unrelated carers, review on 2025-06-30.
        let mut r = review(2, "2025-06-30");
        let v = r.child_voice.as_mut().unwrap();
        v.wishes = "I want to live with my nan".into();
        v.decision_follows = false;
        let gaps = finalisation_gaps(&r, &first_review_context());
        assert_eq!(rules(&gaps), vec!["PRIN-005"]);
        assert_eq!(
            gaps[0].message,
            "reason the decision differs from the child's wishes is required"
        );
        r.child_voice.as_mut().unwrap().reason_differs = Some("nan could not be approved".into());
        assert_eq!(finalisation_gaps(&r, &first_review_context()), vec![]);
        r.child_voice = None;
        assert_eq!(
            rules(&finalisation_gaps(&r, &first_review_context())),
            vec!["DATA-002"]
        );
    }

    #[test]
    fn prin_010_a_review_without_the_carer_s_contribution_cannot_be_finalised() {
        // The spec's Check (second part): review on 2025-06-30 with no carer
        // contribution recorded.
        let mut r = review(2, "2025-06-30");
        r.carer_contribution = None;
        assert_eq!(
            rules(&finalisation_gaps(&r, &first_review_context())),
            vec!["PRIN-010"]
        );
        // A child living at home has no carer to hear from.
        let at_home = ReviewContext {
            placed_with_carer: false,
            ..first_review_context()
        };
        assert_eq!(finalisation_gaps(&r, &at_home), vec![]);
    }

    #[test]
    fn plan_002_a_first_review_without_a_permanence_discussion_cannot_be_finalised() {
        // The spec's Check: accommodated 2025-03-03, first review 2025-03-31
        // with no permanence-discussion entry.
        let ctx = ReviewContext {
            permanence_discussion_recorded: false,
            ..first_review_context()
        };
        let gaps = finalisation_gaps(&review(1, "2025-03-31"), &ctx);
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].message, "permanence not discussed by first review");
        // Later reviews are not held to it.
        assert_eq!(finalisation_gaps(&review(2, "2025-06-30"), &ctx), vec![]);
    }

    #[test]
    fn plan_009_a_later_review_with_the_permanence_plan_section_blank_is_blocked() {
        // The spec's Check: review held on 2025-12-30, plan section blank.
        let plan = ratified_plan();
        let ctx = ReviewContext {
            plan: Some(&plan),
            ..first_review_context()
        };
        let mut r = review(3, "2025-12-30");
        assert_eq!(rules(&finalisation_gaps(&r, &ctx)), vec!["PLAN-009"]);
        r.plan_outcome = Some(PlanReviewOutcome::Continue);
        assert_eq!(finalisation_gaps(&r, &ctx), vec![]);
        // The ratifying review itself is not a later review.
        let ratifying = review(2, "2025-06-30");
        assert_eq!(finalisation_gaps(&ratifying, &ctx), vec![]);
    }

    #[test]
    fn plan_006_a_provisional_plan_is_confirmed_or_changed_at_the_first_review_after_the_final_order()
     {
        // The spec's Check: provisional plan ratified 2025-06-30, final order
        // 2025-11-14, next review 2025-12-01 finalised without confirming or
        // changing the plan is blocked.
        let mut plan = ratified_plan();
        plan.firmness = Firmness {
            provisional: true,
            parallel: false,
        };
        plan.court = Some(CourtTimetable {
            next_hearing: None,
            final_hearing: Some(d("2025-11-14")),
            final_order: Some(d("2025-11-14")),
        });
        let ctx = ReviewContext {
            plan: Some(&plan),
            ..first_review_context()
        };
        let mut r = review(3, "2025-12-01");
        r.plan_outcome = Some(PlanReviewOutcome::Continue);
        let gaps = finalisation_gaps(&r, &ctx);
        assert_eq!(rules(&gaps), vec!["PLAN-006"]);
        r.plan_outcome = Some(PlanReviewOutcome::ConfirmedFinal);
        assert_eq!(finalisation_gaps(&r, &ctx), vec![]);
        r.plan_outcome = Some(PlanReviewOutcome::ChangeOfPlan);
        assert_eq!(finalisation_gaps(&r, &ctx), vec![]);
        // Before the final order, continuing is fine.
        plan.court.as_mut().unwrap().final_order = None;
        let ctx = ReviewContext {
            plan: Some(&plan),
            ..first_review_context()
        };
        r.plan_outcome = Some(PlanReviewOutcome::Continue);
        assert_eq!(finalisation_gaps(&r, &ctx), vec![]);
    }

    #[test]
    fn data_010_a_review_decision_without_an_owner_or_due_date_is_rejected() {
        let mut r = review(1, "2025-03-31");
        r.decisions.push(ReviewDecision {
            text: "arrange life story work".into(),
            owner: Some("sw-1".into()),
            due: None,
        });
        r.decisions.push(ReviewDecision {
            text: "request health assessment".into(),
            owner: None,
            due: Some(d("2025-04-30")),
        });
        let gaps = finalisation_gaps(&r, &first_review_context());
        let messages: Vec<_> = gaps.iter().map(|g| g.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "decision 2 needs an owner and a due date",
                "decision 3 needs an owner and a due date",
            ]
        );
    }
}
