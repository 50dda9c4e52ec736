//! Deadline rules from 20-permanence-planning.md (PRIN, PLAN, PATH, PANEL, TRACK, ROLE, DATA).
//!
//! The core rules of this chapter (TRACK-001 reviews, TRACK-015 visits,
//! PLAN-005 ratification by the second review) are in `mod.rs`; this file adds
//! the rest. Calendar units unless the spec says working days, which count
//! from the next working day; months clamp to the month's last day (CONV-002).
//! Most figures here are the spec's configurable product defaults (its
//! "Assumption" lines), since the policy itself gives few.
//!
//! A change of permanence plan agreed at a review is recorded as the new plan
//! version's `PermanencePlanRatified`, so the timers that run from a
//! ratification (distribution, complaints information) run from a change too.

#[allow(unused_imports)]
use super::*;

/// A confirmed long-term foster placement ends when the child leaves care,
/// moves to an ordinary placement (an unplanned end) or a CAO or SGO is made.
const LONG_TERM_ENDS: &[EventKind] = &[
    LeftCare,
    PlacementStarted,
    SpecialGuardianshipOrderMade,
    ChildArrangementsOrderMade,
];

/// This chapter's deadline rules.
pub(super) static RULES: &[DeadlineRule] = &[
    // Principles. The source sets none of these timescales; the spec's
    // configurable defaults are used (OQ-40).
    // Life story work started by the third review, the first after the plan
    // is ratified: the alert shows at that review if nothing is recorded.
    rule(
        "PRIN-007",
        "Life story or direct work started by the third review",
        EnteredCare,
        Schedule::ByOccasionOf {
            rule: "TRACK-001",
            occasion: 3,
        },
        LifeStoryWorkStarted,
        IN_CARE_ENDS,
        SocialWorker,
    ),
    // Complaints, representations and advocacy information re-issued the
    // same day at each significant decision: ratification (or a change of
    // plan) and a Permanence Panel outcome; overdue from the next day.
    rule(
        "PRIN-009",
        "Complaints and advocacy information given on ratification or change of plan",
        PermanencePlanRatified,
        Schedule::Once(Days(0)),
        ComplaintsInformationGiven,
        &[],
        SocialWorker,
    ),
    rule(
        "PRIN-009",
        "Complaints and advocacy information given on a Permanence Panel outcome",
        PermanencePanelOutcome,
        Schedule::Once(Days(0)),
        ComplaintsInformationGiven,
        &[],
        SocialWorker,
    ),
    // All known information shared with the carer within 5 working days of an
    // emergency placement. For a planned placement it is due on or before the
    // start, a check when the placement is saved rather than a timer.
    rule(
        "PRIN-010",
        "Information about the child shared with the carer after an emergency placement",
        EmergencyPlacementStarted,
        Schedule::Once(WorkingDays(5)),
        CarerInformationShared,
        &[LeftCare],
        SocialWorker,
    ),
    // Long-term carers offered legal and financial advice on permanent orders
    // yearly from the match confirmation (WF-ORDER-EXIT, WF-LTF-MATCH state 9),
    // each offer restarting the year.
    rule(
        "PRIN-020",
        "Advice on permanent orders offered to long-term carers (yearly)",
        LongTermPlacementStarted,
        Schedule::Chain {
            first: &[Months(12)],
            then: Some(Interval::Every(Months(12))),
        },
        PermanentOrderAdviceOffered,
        LONG_TERM_ENDS,
        SocialWorker,
    ),
    // The permanence plan.
    // A permanence discussion recorded by the first review, else drift reason
    // (a) "permanence not discussed by first review".
    rule(
        "PLAN-002",
        "Permanence discussed by the first review",
        EnteredCare,
        Schedule::ByOccasionOf {
            rule: "TRACK-001",
            occasion: 1,
        },
        PermanenceDiscussionRecorded,
        IN_CARE_ENDS,
        SocialWorker,
    ),
    // The assessment behind the plan: 45 working days from its start by
    // default (the Working Together single-assessment maximum), configurable.
    rule(
        "PLAN-003",
        "Assessment for the permanence plan completed (45 working days)",
        PermanenceAssessmentStarted,
        Schedule::Once(WorkingDays(45)),
        PermanenceAssessmentCompleted,
        &[CaseClosed],
        SocialWorker,
    ),
    // Care Planning Regulations 2010: an urgent placement's placement plan
    // within 5 working days (reg 9) and the care plan within 10 working days
    // of the first placement (reg 4). Planned placements need both before the
    // start, a check rather than a timer. The engine cannot tell the first
    // placement of an episode from a later one, so, as the spec's Check does,
    // the care plan is counted from the emergency placement.
    rule(
        "PLAN-004",
        "Placement plan after an emergency placement (5 working days)",
        EmergencyPlacementStarted,
        Schedule::Once(WorkingDays(5)),
        PlacementPlanFinalised,
        &[LeftCare],
        SocialWorker,
    ),
    rule(
        "PLAN-004",
        "Care plan after an emergency first placement (10 working days)",
        EmergencyPlacementStarted,
        Schedule::Once(WorkingDays(10)),
        CarePlanUpdated,
        &[LeftCare],
        SocialWorker,
    ),
    // The ratified plan, or a change to it, sent to the child, parents,
    // carer, IRO, school or Virtual School and health within 10 working days.
    rule(
        "PLAN-012",
        "Ratified or changed plan distributed (10 working days)",
        PermanencePlanRatified,
        Schedule::Once(WorkingDays(10)),
        PermanencePlanDistributed,
        &[],
        SocialWorker,
    ),
    // The care plan updated at least every 6 months, counted from the last
    // update; flagged the day after (drift reason (g)). The first care plan
    // itself is PLAN-004's.
    rule(
        "PLAN-015",
        "Care plan updated at least every 6 months",
        EnteredCare,
        Schedule::Chain {
            first: &[Months(6)],
            then: Some(Interval::Every(Months(6))),
        },
        CarePlanUpdated,
        IN_CARE_ENDS,
        SocialWorker,
    ),
    // Pathways.
    // Newly approved foster carers complete core training (the TSD standards)
    // within 12 months of approval; connected carers have 18 months (KIN-012,
    // OQ-09), so only mainstream approvals start this one.
    rule(
        "PATH-021",
        "Core training completed within 12 months of approval",
        FosterCarerApproved,
        Schedule::Once(Months(12)),
        TsdStandardsCompleted,
        &[CaseClosed],
        SupervisingSocialWorker,
    ),
    // The Permanence Panel (WF-PERM-PANEL, WF-LTF-MATCH).
    // A "no" LTF suitability finding puts the plan under review: a review to
    // reconsider it within 20 working days.
    rule(
        "PANEL-003",
        "Review to reconsider the plan after a \"no\" LTF finding (20 working days)",
        LtfFoundUnsuitable,
        Schedule::Once(WorkingDays(20)),
        ReviewHeld,
        IN_CARE_ENDS,
        IndependentReviewingOfficer,
    ),
    // Without an ADM-role holder agreeing at the meeting the outcome is a
    // recommendation the ADM confirms or refuses within 5 working days. Where
    // the ADM agreed at the meeting the decision is recorded that day.
    rule(
        "PANEL-006",
        "ADM confirms or refuses the Permanence Panel recommendation (5 working days)",
        PermanencePanelOutcome,
        Schedule::Once(WorkingDays(5)),
        AgencyDecision,
        &[],
        AgencyDecisionMaker,
    ),
    // A long-term fostering plan listed for the panel within two months of
    // the review that agreed it ("list by" date), else drift reason (e).
    // GOV-018's 12 months is the outer backstop. A change to adoption
    // withdraws it.
    rule(
        "PANEL-010",
        "Long-term fostering plan listed for the Permanence Panel within 2 months",
        LtfPlanAgreed,
        Schedule::Once(Months(2)),
        PermanencePanelListed,
        &[LeftCare, AdoptionPlanAgreed],
        SocialWorker,
    ),
    // A confirmed long-term match returns to the panel for a monitoring item
    // 12 months on (then only on drift call-in). The spec counts from the
    // match agreed at panel; the record holds the confirmation, which follows
    // it the same day or within the ADM's 5 working days.
    rule(
        "PANEL-012",
        "Permanence Panel monitoring item 12 months after the long-term match",
        LongTermPlacementStarted,
        Schedule::Once(Months(12)),
        PanelMonitoringItemHeard,
        LONG_TERM_ENDS,
        PanelAdviser,
    ),
    // The chair approves the minutes within 10 working days of the meeting;
    // the panel administrator and the chair hear of a miss.
    escalate(
        rule(
            "PANEL-014",
            "Permanence Panel minutes approved (10 working days)",
            PanelMeetingHeld,
            Schedule::Once(WorkingDays(10)),
            PanelMinutesApproved,
            &[],
            PanelAdviser,
        ),
        PanelAdviser,
    ),
    // The child, the carer and the IRO told the outcome and reasons within 5
    // working days; a miss escalates to the Team Manager.
    rule(
        "PANEL-015",
        "Child, carer and IRO told the panel outcome (5 working days)",
        PermanencePanelOutcome,
        Schedule::Once(WorkingDays(5)),
        PanelOutcomeCommunicated,
        &[],
        SocialWorker,
    ),
    // IRO dispute resolution (WF-IRO-ESCALATION). An issue is raised at the
    // first formal stage (Team Manager); each stage has a response within 5
    // working days, and a stage without one moves on automatically the next
    // day (a new stage, a new 5 days). The whole process has 20 working days
    // from the first formal stage; beyond that it shows as a breach.
    escalate(
        rule(
            "TRACK-013",
            "Team Manager responds to the IRO issue (5 working days)",
            IroIssueRaised,
            Schedule::Once(WorkingDays(5)),
            IroStageResponse,
            &[IroIssueResolved],
            TeamManager,
        ),
        ServiceManager,
    ),
    escalate(
        rule(
            "TRACK-013",
            "Senior manager responds to the escalated IRO issue (5 working days)",
            IroIssueEscalated,
            Schedule::Once(WorkingDays(5)),
            IroStageResponse,
            &[IroIssueResolved],
            ServiceManager,
        ),
        HeadOfService,
    ),
    escalate(
        rule(
            "TRACK-013",
            "IRO issue resolved within the overall limit (20 working days)",
            IroIssueRaised,
            Schedule::Once(WorkingDays(20)),
            IroIssueResolved,
            &[],
            IndependentReviewingOfficer,
        ),
        HeadOfService,
    ),
    // Recording: the review's decisions circulated within 5 working days and
    // the full record within 20 (IRO Handbook practice, configurable).
    rule(
        "DATA-010",
        "Review decisions circulated (5 working days)",
        ReviewHeld,
        Schedule::Once(WorkingDays(5)),
        ReviewDecisionsCirculated,
        &[],
        IndependentReviewingOfficer,
    ),
    rule(
        "DATA-010",
        "Review record completed (20 working days)",
        ReviewHeld,
        Schedule::Once(WorkingDays(20)),
        ReviewRecordCompleted,
        &[],
        IndependentReviewingOfficer,
    ),
];

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;
    #[allow(unused_imports)]
    use crate::deadlines::{EventKind::*, Standing};
    use crate::roles::Role;

    /// Entered care 2025-03-03 with each review held on its latest date:
    /// 2025-03-31, 2025-06-30, 2025-12-30.
    fn reviews_on_time() -> Vec<crate::deadlines::Event> {
        vec![
            ev(EnteredCare, "2025-03-03"),
            ev(ReviewHeld, "2025-03-31"),
            ev(ReviewHeld, "2025-06-30"),
            ev(ReviewHeld, "2025-12-30"),
        ]
    }

    #[test]
    fn prin_007_life_story_work_started_by_the_third_review() {
        // The spec's Check: looked after since 2025-03-03, the third review
        // (due 2025-12-30) held with no direct-work or life-story entry shows
        // the alert.
        let events = reviews_on_time();
        let alert = schedule("PRIN-007", &events, None);
        assert_eq!(dues(&alert), vec![d("2025-12-30")]);
        assert_eq!(alert[0].standing(d("2025-12-31")), Standing::Overdue);
        // Started in the autumn: no alert.
        let mut started = events.clone();
        started.push(ev(LifeStoryWorkStarted, "2025-10-01"));
        let met = schedule("PRIN-007", &started, None);
        assert_eq!(met[0].standing(d("2025-12-31")), Standing::Met);
        // No deadline before the third review is in view.
        assert!(schedule("PRIN-007", &events[..2], None).is_empty());
    }

    #[test]
    fn prin_009_complaints_information_the_same_day_as_each_significant_decision() {
        // The spec's Check: ratified 2025-06-30 with no entry on or after that
        // date; on 2025-07-01 the task is overdue.
        let task = schedule(
            "PRIN-009",
            &[ev(PermanencePlanRatified, "2025-06-30")],
            None,
        );
        assert_eq!(dues(&task), vec![d("2025-06-30")]);
        assert_eq!(task[0].standing(d("2025-07-01")), Standing::Overdue);
        let given = [
            ev(PermanencePlanRatified, "2025-06-30"),
            ev(ComplaintsInformationGiven, "2025-06-30"),
        ];
        assert_eq!(
            schedule("PRIN-009", &given, None)[0].standing(d("2025-07-01")),
            Standing::Met
        );
        // A panel outcome re-issues it.
        let panel = schedule(
            "PRIN-009",
            &[ev(PermanencePanelOutcome, "2025-09-10")],
            None,
        );
        assert_eq!(dues(&panel), vec![d("2025-09-10")]);
    }

    #[test]
    fn prin_010_carer_information_within_five_working_days_of_an_emergency_placement() {
        // The spec's Check: emergency placement 2025-05-12, nothing by
        // 2025-05-19: "carer information not shared".
        let info = schedule(
            "PRIN-010",
            &[ev(EmergencyPlacementStarted, "2025-05-12")],
            None,
        );
        assert_eq!(dues(&info), vec![d("2025-05-19")]);
        assert_eq!(info[0].standing(d("2025-05-20")), Standing::Overdue);
    }

    #[test]
    fn prin_020_advice_on_permanent_orders_yearly_from_the_match() {
        // The spec's Check: long-term match confirmed 2024-09-02; once
        // 2025-09-02 passes with no offer, the carer and child are listed.
        let advice = schedule(
            "PRIN-020",
            &[ev(LongTermPlacementStarted, "2024-09-02")],
            None,
        );
        assert_eq!(dues(&advice), vec![d("2025-09-02")]);
        assert_eq!(advice[0].standing(d("2025-09-02")), Standing::DueSoon);
        assert_eq!(advice[0].standing(d("2025-09-03")), Standing::Overdue);
        // Each offer restarts the year; an unplanned end stops it.
        let offered = [
            ev(LongTermPlacementStarted, "2024-09-02"),
            ev(PermanentOrderAdviceOffered, "2025-08-20"),
        ];
        assert_eq!(
            dues(&schedule("PRIN-020", &offered, None)),
            vec![d("2025-09-02"), d("2026-08-20")]
        );
        let ended = [
            ev(LongTermPlacementStarted, "2024-09-02"),
            ev(PlacementStarted, "2025-03-01"),
        ];
        assert!(schedule("PRIN-020", &ended, None).is_empty());
    }

    #[test]
    fn plan_002_permanence_discussed_by_the_first_review() {
        // The spec's Check: decision to accommodate 2025-03-03, first review
        // held 2025-03-31 with no permanence discussion: drift reason (a).
        let events = [ev(EnteredCare, "2025-03-03"), ev(ReviewHeld, "2025-03-31")];
        let talk = schedule("PLAN-002", &events, None);
        assert_eq!(dues(&talk), vec![d("2025-03-31")]);
        assert_eq!(talk[0].standing(d("2025-04-01")), Standing::Overdue);
        let discussed = [
            ev(EnteredCare, "2025-03-03"),
            ev(PermanenceDiscussionRecorded, "2025-03-03"),
            ev(ReviewHeld, "2025-03-31"),
        ];
        assert_eq!(
            schedule("PLAN-002", &discussed, None)[0].standing(d("2025-04-01")),
            Standing::Met
        );
    }

    #[test]
    fn plan_003_assessment_completed_within_forty_five_working_days() {
        // The Check has no dates for the 45 days; by the convention, from
        // 2025-04-01 they skip Good Friday, Easter Monday and the two May
        // bank holidays, ending on 2025-06-09.
        let assessment = schedule(
            "PLAN-003",
            &[ev(PermanenceAssessmentStarted, "2025-04-01")],
            None,
        );
        assert_eq!(dues(&assessment), vec![d("2025-06-09")]);
        let done = [
            ev(PermanenceAssessmentStarted, "2025-04-01"),
            ev(PermanenceAssessmentCompleted, "2025-06-30"),
        ];
        assert_eq!(
            schedule("PLAN-003", &done, None)[0].standing(d("2025-07-01")),
            Standing::MetLate
        );
    }

    #[test]
    fn plan_004_placement_plan_and_care_plan_after_an_emergency_placement() {
        // The spec's Check: emergency placement 2025-03-03; placement plan due
        // 2025-03-10, care plan 2025-03-17, each overdue from the next day.
        let plans = schedule(
            "PLAN-004",
            &[ev(EmergencyPlacementStarted, "2025-03-03")],
            None,
        );
        assert_eq!(dues(&plans), vec![d("2025-03-10"), d("2025-03-17")]);
        assert_eq!(plans[0].standing(d("2025-03-11")), Standing::Overdue);
        assert_eq!(plans[1].standing(d("2025-03-17")), Standing::DueSoon);
        assert_eq!(plans[1].standing(d("2025-03-18")), Standing::Overdue);
        let done = [
            ev(EmergencyPlacementStarted, "2025-03-03"),
            ev(PlacementPlanFinalised, "2025-03-07"),
            ev(CarePlanUpdated, "2025-03-14"),
        ];
        let met = schedule("PLAN-004", &done, None);
        assert!(
            met.iter()
                .all(|p| p.standing(d("2025-03-18")) == Standing::Met)
        );
    }

    #[test]
    fn plan_012_plan_distributed_within_ten_working_days() {
        // The spec's Check: ratified 2025-06-30, each distribution due 2025-07-14.
        let sent = schedule(
            "PLAN-012",
            &[ev(PermanencePlanRatified, "2025-06-30")],
            None,
        );
        assert_eq!(dues(&sent), vec![d("2025-07-14")]);
        assert_eq!(sent[0].standing(d("2025-07-15")), Standing::Overdue);
    }

    #[test]
    fn plan_015_care_plan_updated_every_six_months() {
        // The spec's Check: care plan last updated 2025-01-15; the check on
        // 2025-07-16 flags it (due 2025-07-15).
        let events = [
            ev(EnteredCare, "2025-01-06"),
            ev(CarePlanUpdated, "2025-01-15"),
        ];
        let plans = schedule("PLAN-015", &events, None);
        assert_eq!(dues(&plans), vec![d("2025-07-06"), d("2025-07-15")]);
        assert_eq!(plans[1].standing(d("2025-07-15")), Standing::DueSoon);
        assert_eq!(plans[1].standing(d("2025-07-16")), Standing::Overdue);
        // Leaving care withdraws the open update.
        let left = [
            ev(EnteredCare, "2025-01-06"),
            ev(CarePlanUpdated, "2025-01-15"),
            ev(LeftCare, "2025-05-01"),
        ];
        assert_eq!(schedule("PLAN-015", &left, None).len(), 1);
    }

    #[test]
    fn path_021_core_training_within_twelve_months_of_approval() {
        // The spec's Check: approved 2024-10-07, training incomplete; on
        // 2025-10-08 "core training overdue (due 2025-10-07)".
        let training = schedule("PATH-021", &[ev(FosterCarerApproved, "2024-10-07")], None);
        assert_eq!(dues(&training), vec![d("2025-10-07")]);
        assert_eq!(training[0].standing(d("2025-10-07")), Standing::DueSoon);
        assert_eq!(training[0].standing(d("2025-10-08")), Standing::Overdue);
        assert_eq!(training[0].rule.responsible, Role::SupervisingSocialWorker);
        // Connected carers are KIN-012's (18 months), not this rule's.
        assert!(
            schedule(
                "PATH-021",
                &[ev(ConnectedPersonApproved, "2024-10-07")],
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn panel_003_review_within_twenty_working_days_of_a_no_finding() {
        // The spec's Check: LTF ratified subject to panel on 2025-06-30; the
        // panel on 2025-07-16 records "no"; a review is due by 2025-08-13.
        let events = [
            ev(PermanencePlanRatified, "2025-06-30"),
            ev(LtfFoundUnsuitable, "2025-07-16"),
        ];
        let review = schedule("PANEL-003", &events, None);
        assert_eq!(dues(&review), vec![d("2025-08-13")]);
        assert_eq!(review[0].standing(d("2025-08-14")), Standing::Overdue);
    }

    #[test]
    fn panel_006_adm_confirms_within_five_working_days() {
        // The spec's Check: match agreed at the panel on 2025-09-10 with no
        // ADM-role holder present; the ADM task is due on 2025-09-17.
        let adm = schedule(
            "PANEL-006",
            &[ev(PermanencePanelOutcome, "2025-09-10")],
            None,
        );
        assert_eq!(dues(&adm), vec![d("2025-09-17")]);
        assert_eq!(adm[0].rule.responsible, Role::AgencyDecisionMaker);
        // With the ADM agreeing at the meeting the decision is that day's.
        let present = [
            ev(PermanencePanelOutcome, "2025-09-10"),
            ev(AgencyDecision, "2025-09-10"),
        ];
        assert_eq!(
            schedule("PANEL-006", &present, None)[0].standing(d("2025-09-10")),
            Standing::Met
        );
    }

    #[test]
    fn panel_010_ltf_plan_listed_for_the_panel_within_two_months() {
        // The spec's Check: LTF agreed at the review on 2025-06-30, no listing
        // by 2025-08-30; the drift job on 2025-08-31 lists reason (e).
        let listing = schedule("PANEL-010", &[ev(LtfPlanAgreed, "2025-06-30")], None);
        assert_eq!(dues(&listing), vec![d("2025-08-30")]);
        assert_eq!(listing[0].standing(d("2025-08-31")), Standing::Overdue);
        let listed = [
            ev(LtfPlanAgreed, "2025-06-30"),
            ev(PermanencePanelListed, "2025-08-20"),
        ];
        assert_eq!(
            schedule("PANEL-010", &listed, None)[0].standing(d("2025-08-31")),
            Standing::Met
        );
    }

    #[test]
    fn panel_012_monitoring_item_twelve_months_after_the_match() {
        // The spec's Check: match 2024-09-11; monitoring item due by
        // 2025-09-11, overdue from 2025-09-12 if not heard.
        let item = schedule(
            "PANEL-012",
            &[ev(LongTermPlacementStarted, "2024-09-11")],
            None,
        );
        assert_eq!(dues(&item), vec![d("2025-09-11")]);
        assert_eq!(item[0].standing(d("2025-09-11")), Standing::DueSoon);
        assert_eq!(item[0].standing(d("2025-09-12")), Standing::Overdue);
        let heard = [
            ev(LongTermPlacementStarted, "2024-09-11"),
            ev(PanelMonitoringItemHeard, "2025-09-10"),
        ];
        assert_eq!(
            schedule("PANEL-012", &heard, None)[0].standing(d("2025-09-12")),
            Standing::Met
        );
    }

    #[test]
    fn panel_014_minutes_approved_within_ten_working_days() {
        // The spec's Check: meeting 2025-09-10; minutes not approved by
        // 2025-09-24 alert the administrator and the chair.
        let minutes = schedule("PANEL-014", &[ev(PanelMeetingHeld, "2025-09-10")], None);
        assert_eq!(dues(&minutes), vec![d("2025-09-24")]);
        assert_eq!(minutes[0].standing(d("2025-09-25")), Standing::Overdue);
        assert_eq!(minutes[0].rule.escalate_to, Role::PanelAdviser);
    }

    #[test]
    fn panel_015_child_carer_and_iro_told_within_five_working_days() {
        // The spec's Check: match agreed 2025-09-10, no "child informed" by
        // 2025-09-17: the task escalates to the Team Manager.
        let told = schedule(
            "PANEL-015",
            &[ev(PermanencePanelOutcome, "2025-09-10")],
            None,
        );
        assert_eq!(dues(&told), vec![d("2025-09-17")]);
        assert_eq!(told[0].standing(d("2025-09-18")), Standing::Overdue);
        assert_eq!(told[0].rule.escalate_to, Role::TeamManager);
    }

    #[test]
    fn track_013_iro_issue_stages_and_overall_limit() {
        // The spec's Check: raised at Stage 1 on 2025-07-10; no Team Manager
        // response by 2025-07-17, so on 2025-07-18 it moves to Stage 2; if
        // unresolved by 2025-08-07 it is over the overall limit.
        let events = [
            ev(IroIssueRaised, "2025-07-10"),
            ev(IroIssueEscalated, "2025-07-18"),
        ];
        let issue = schedule("TRACK-013", &events, None);
        // Rule order: stage 1, later stage, overall.
        assert_eq!(
            dues(&issue),
            vec![d("2025-07-17"), d("2025-07-25"), d("2025-08-07")]
        );
        assert_eq!(issue[0].standing(d("2025-07-18")), Standing::Overdue);
        assert_eq!(issue[0].rule.escalate_to, Role::ServiceManager);
        assert_eq!(issue[2].standing(d("2025-08-07")), Standing::DueSoon);
        assert_eq!(issue[2].standing(d("2025-08-08")), Standing::Overdue);
        // Resolved at Stage 2: the overall limit is met, and nothing stays open.
        let resolved = [
            ev(IroIssueRaised, "2025-07-10"),
            ev(IroIssueEscalated, "2025-07-18"),
            ev(IroStageResponse, "2025-07-22"),
            ev(IroIssueResolved, "2025-07-23"),
        ];
        let done = schedule("TRACK-013", &resolved, None);
        assert!(done.iter().all(|x| x.met.is_some()));
        assert_eq!(done[2].standing(d("2025-08-08")), Standing::Met);
    }

    #[test]
    fn data_010_review_decisions_in_five_and_record_in_twenty_working_days() {
        // The spec's Check: review held 2025-06-30; decisions due 2025-07-07,
        // the full record 2025-07-28.
        let record = schedule("DATA-010", &[ev(ReviewHeld, "2025-06-30")], None);
        assert_eq!(dues(&record), vec![d("2025-07-07"), d("2025-07-28")]);
        assert_eq!(record[0].standing(d("2025-07-08")), Standing::Overdue);
        assert_eq!(record[1].standing(d("2025-07-29")), Standing::Overdue);
    }
}
