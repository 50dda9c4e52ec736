//! Deadline rules from 10-passport-and-support.md (PASS, ASSESS, PAY, VISIT, EDU, HLTH, CONT, TRAIN, KIN (101+), LEAVE (101+), GEN).
//!
//! The chapter's rule set is in force from 2018-04-01 until superseded (the
//! chapter header; CONV-001), so each rule here carries that effective date.
//! ASSESS-012, VISIT-001, VISIT-003, VISIT-005, VISIT-006, KIN-102 and KIN-103
//! are core rules in `mod.rs`.

#[allow(unused_imports)]
use super::*;

/// The chapter's rule set takes effect on 2018-04-01 (chapter 10 header).
const FROM: Option<NaiveDate> = date(2018, 4, 1);

/// A support plan's review timers stop when the case closes or the plan ends
/// (the child reaches 18, the family moves and responsibility passes, the
/// plan is no longer needed: WF-SUPPORT-PLAN "Ended").
const PLAN_ENDS: &[EventKind] = &[CaseClosed, SupportPlanEnded];

/// This chapter's deadline rules.
pub(super) static RULES: &[DeadlineRule] = &[
    // Support plans: reviews after a change (WF-SUPPORT-PLAN).
    effective(
        rule(
            "ASSESS-013",
            "Support plan reviewed within 4 weeks of a significant change notified before the adoption order",
            PreOrderChangeNotified,
            Schedule::Once(Weeks(4)),
            SupportPlanReviewed,
            // A revoked placement order ends the adoptive placement the
            // pre-order plan is about (as VISIT-001).
            &[CaseClosed, SupportPlanEnded, OrderRevoked],
            SocialWorker,
        ),
        FROM,
        None,
    ),
    effective(
        rule(
            "ASSESS-014",
            "Support plan reviewed after a change of circumstances notified after the order (local target, 4 weeks)",
            PostOrderChangeNotified,
            Schedule::Once(Weeks(4)),
            SupportPlanReviewed,
            PLAN_ENDS,
            SocialWorker,
        ),
        FROM,
        None,
    ),
    // Money: the SGO/CAO allowance is reviewed (means test re-run) 12 months
    // after it starts, then 12 months after each review (WF-SGO-CAO-ALLOWANCE).
    effective(
        rule(
            "PAY-016",
            "Annual review of the SGO/CAO allowance (fresh means test)",
            SgoAllowanceStarted,
            Schedule::Chain {
                first: &[],
                then: Some(Interval::Every(Months(12))),
            },
            SgoAllowanceReviewed,
            &[SgoAllowanceEnded, CaseClosed],
            FinanceOfficer,
        ),
        FROM,
        None,
    ),
    // Training: each free online course is replaced 12 weeks after it is
    // published, and the replacement's 12 weeks run from its own publication.
    effective(
        escalate(
            rule(
                "TRAIN-002",
                "Free online course replaced 12 weeks after publication",
                FreeCoursePublished,
                Schedule::Chain {
                    first: &[],
                    then: Some(Interval::Every(Weeks(12))),
                },
                FreeCourseReplaced,
                &[],
                TeamManager,
            ),
            ServiceManager,
        ),
        FROM,
        None,
    ),
];

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;
    #[allow(unused_imports)]
    use crate::deadlines::{EventKind::*, Standing};

    #[test]
    fn assess_013_pre_order_plan_review_within_four_weeks_of_a_significant_change() {
        // The spec's Check: placement 2025-01-06, significant change notified
        // 2025-04-07, plan review due by 2025-05-05.
        let events = [
            ev(PlacedForAdoption, "2025-01-06"),
            ev(PreOrderChangeNotified, "2025-04-07"),
        ];
        let review = schedule("ASSESS-013", &events, None);
        assert_eq!(dues(&review), vec![d("2025-05-05")]);
        assert_eq!(review[0].standing(d("2025-04-25")), Standing::DueSoon);
        assert_eq!(review[0].standing(d("2025-05-05")), Standing::DueSoon);
        assert_eq!(review[0].standing(d("2025-05-06")), Standing::Overdue);
        // Reviewed on time.
        let mut reviewed = events.to_vec();
        reviewed.push(ev(SupportPlanReviewed, "2025-04-30"));
        let review = schedule("ASSESS-013", &reviewed, None);
        assert_eq!(review[0].met, Some(d("2025-04-30")));
        assert_eq!(review[0].standing(d("2025-06-01")), Standing::Met);
    }

    #[test]
    fn assess_013_each_change_has_its_own_review_and_an_ended_plan_withdraws_it() {
        let events = [
            ev(PreOrderChangeNotified, "2025-04-07"),
            ev(SupportPlanReviewed, "2025-04-14"),
            ev(PreOrderChangeNotified, "2025-06-02"),
        ];
        let reviews = schedule("ASSESS-013", &events, None);
        assert_eq!(dues(&reviews), vec![d("2025-05-05"), d("2025-06-30")]);
        assert_eq!(reviews[0].met, Some(d("2025-04-14")));
        assert_eq!(reviews[1].met, None);
        let mut ended = events.to_vec();
        ended.push(ev(SupportPlanEnded, "2025-06-10"));
        assert_eq!(
            dues(&schedule("ASSESS-013", &ended, None)),
            vec![d("2025-05-05")],
            "the open review is withdrawn"
        );
    }

    #[test]
    fn assess_014_post_order_change_review_has_a_four_week_local_target() {
        // The spec's Check: order 2024-10-01, change notified 2025-09-15,
        // review target 2025-10-13 (local, non-statutory: PQ-24).
        let events = [
            ev(AdoptionOrderMade, "2024-10-01"),
            ev(PostOrderChangeNotified, "2025-09-15"),
        ];
        let review = schedule("ASSESS-014", &events, None);
        assert_eq!(dues(&review), vec![d("2025-10-13")]);
        assert_eq!(review[0].standing(d("2025-10-14")), Standing::Overdue);
        // A post-order change starts no pre-order review, and vice versa.
        assert!(schedule("ASSESS-013", &events, None).is_empty());
        let mut late = events.to_vec();
        late.push(ev(SupportPlanReviewed, "2025-10-20"));
        assert_eq!(
            schedule("ASSESS-014", &late, None)[0].standing(d("2025-11-01")),
            Standing::MetLate
        );
    }

    #[test]
    fn pay_016_sgo_allowance_reviewed_twelve_months_after_start_then_after_each_review() {
        // The spec's Check: allowance started 2024-09-02, review due
        // 2025-09-02, "review overdue" on 2025-09-03.
        let started = [ev(SgoAllowanceStarted, "2024-09-02")];
        let review = schedule("PAY-016", &started, None);
        assert_eq!(dues(&review), vec![d("2025-09-02")]);
        assert_eq!(review[0].standing(d("2025-09-02")), Standing::DueSoon);
        assert_eq!(review[0].standing(d("2025-09-03")), Standing::Overdue);
        // The next review counts from the last review actually held.
        let events = [
            ev(SgoAllowanceStarted, "2024-09-02"),
            ev(SgoAllowanceReviewed, "2025-08-20"),
        ];
        assert_eq!(
            dues(&schedule("PAY-016", &events, None)),
            vec![d("2025-09-02"), d("2026-08-20")]
        );
    }

    #[test]
    fn pay_016_an_ended_allowance_needs_no_review() {
        let events = [
            ev(SgoAllowanceStarted, "2024-09-02"),
            ev(SgoAllowanceEnded, "2025-03-31"),
        ];
        assert!(schedule("PAY-016", &events, None).is_empty());
    }

    #[test]
    fn train_002_free_online_course_replaced_every_twelve_weeks() {
        // The spec's Check: a free course published 2025-04-07 has its
        // rotation date, and a replacement due, on 2025-06-30.
        let course = schedule("TRAIN-002", &[ev(FreeCoursePublished, "2025-04-07")], None);
        assert_eq!(dues(&course), vec![d("2025-06-30")]);
        assert_eq!(course[0].standing(d("2025-07-01")), Standing::Overdue);
        // Replaced late on 2025-07-02: the replacement runs 12 weeks from then.
        let events = [
            ev(FreeCoursePublished, "2025-04-07"),
            ev(FreeCourseReplaced, "2025-07-02"),
        ];
        let rotation = schedule("TRAIN-002", &events, None);
        assert_eq!(dues(&rotation), vec![d("2025-06-30"), d("2025-09-24")]);
        assert_eq!(rotation[0].standing(d("2025-07-02")), Standing::MetLate);
    }

    #[test]
    fn chapter_rules_start_no_timer_before_the_passport_took_effect() {
        // Chapter 10 is in force from 2018-04-01 (CONV-001).
        assert!(schedule("PAY-016", &[ev(SgoAllowanceStarted, "2018-03-01")], None).is_empty());
        assert_eq!(
            dues(&schedule(
                "PAY-016",
                &[ev(SgoAllowanceStarted, "2018-04-01")],
                None
            )),
            vec![d("2019-04-01")]
        );
    }

    #[test]
    fn visit_005_connected_carer_obtaining_an_sgo_gets_the_six_week_visit() {
        // KIN-109's Check: a connected foster carer's SGO made 2025-10-01 with
        // LCC a party starts the VISIT-005 schedule; the visit is due 2025-11-12.
        let visit = schedule(
            "VISIT-005",
            &[ev(SpecialGuardianshipOrderMade, "2025-10-01")],
            None,
        );
        assert_eq!(dues(&visit), vec![d("2025-11-12")]);
    }
}
