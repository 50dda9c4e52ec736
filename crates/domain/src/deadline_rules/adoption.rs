//! Deadline rules from 30-adoption-fostering-kinship.md (CONV, ADOPT, RAA, FOST, KIN, SG, LEAVE, MISS).
//!
//! Core rules of this chapter (ADOPT-016, ADOPT-017 for children, ADOPT-021,
//! FOST-007 Form F, FOST-015) are in `mod.rs`; this file adds the rest. Days
//! and weeks are calendar units and months clamp to the month's last day
//! (CONV-002). Where only one source pack states a rule it is in force from
//! that pack's reporting year (CONV-001).

#[allow(unused_imports)]
use super::*;

/// A case closed or withdrawn ends every timer on it (the workflows' notation:
/// any state may move to "Closed – withdrawn").
const CLOSED: &[EventKind] = &[CaseClosed];

/// A foster carer is reviewed every year (WF-FOST-REVIEW "Review due
/// (annual)"), the next review counted from the last one completed; the first
/// is listed at the fostering panel on or before the first anniversary of
/// approval (mainstream and connected carers alike).
const fn annual_review(approved: EventKind) -> DeadlineRule {
    rule(
        "FOST-012",
        "Annual foster carer review (the first at panel by the first anniversary of approval)",
        approved,
        Schedule::Chain {
            first: &[Months(12)],
            then: Some(Interval::Every(Months(12))),
        },
        FosterCarerReviewed,
        CLOSED,
        IndependentReviewingOfficer,
    )
}

/// Every fostering household returns to panel every 5 years (from 2025); a
/// panel appearance for any review meets it and restarts the 5 years. The
/// configured phase-in that spreads the first returns up to 2030-12-31 is not
/// modelled: every household is held to 5 years from its last panel. The rule
/// is not limited by approval date, since its Check holds a household approved
/// in 2016 to it.
const fn five_yearly_panel(approved: EventKind) -> DeadlineRule {
    rule(
        "FOST-017",
        "Fostering household returns to panel every 5 years",
        approved,
        Schedule::Chain {
            first: &[Months(60)],
            then: Some(Interval::Every(Months(60))),
        },
        PanelRecommendation,
        CLOSED,
        IndependentReviewingOfficer,
    )
}

/// This chapter's deadline rules.
pub(super) static RULES: &[DeadlineRule] = &[
    // The adopters' journey: the statutory two-stage process (Adoption
    // Agencies (Amendment) Regulations 2013): Stage One within 2 months of
    // registration of interest, Stage Two within 4 months of its start.
    escalate(
        rule(
            "ADOPT-029",
            "Adopter Stage One completed (2 months)",
            AdopterRegistration,
            Schedule::Once(Months(2)),
            AdopterStageOneCompleted,
            &[CaseClosed],
            AssessingSocialWorker,
        ),
        ServiceManager,
    ),
    escalate(
        warn(
            rule(
                "ADOPT-030",
                "Adopter Stage Two completed (4 months)",
                AdopterStageTwoStarted,
                Schedule::Once(Months(4)),
                AdopterStageTwoCompleted,
                &[CaseClosed],
                AssessingSocialWorker,
            ),
            Weeks(4),
        ),
        ServiceManager,
    ),
    // The agency decision maker decides within 7 working days of the adoption
    // panel's recommendation (Adoption Agencies Regulations 2005).
    escalate(
        warn(
            rule(
                "ADOPT-033",
                "Agency decision after the adoption panel (7 working days)",
                AdoptionPanelRecommendation,
                Schedule::Once(WorkingDays(7)),
                AdoptionAgencyDecision,
                &[],
                AgencyDecisionMaker,
            ),
            WorkingDays(3),
        ),
        HeadOfService,
    ),
    // Adoption: the child's journey (WF-ADOPT-CHILD).
    // State 5: once adoption is agreed as the plan at the child's review, the
    // case reaches the ADM within two months (NMS). A technical deferment is an
    // exception with a reason, recorded on the decision, not a new due date.
    // (A change of plan should also withdraw it; no event records one yet.)
    rule(
        "ADOPT-009",
        "Adoption plan to the ADM within two months of being agreed at review",
        AdoptionPlanAgreed,
        Schedule::Once(Months(2)),
        BestInterestDecision,
        &[LeftCare, CaseClosed],
        SocialWorker,
    ),
    // State 10: children with an agreed national search get a joint case
    // discussion (Service Manager, team manager, child's social worker) at
    // least every three months, counted from the last one held. Stated only
    // in the 2025 pack (004), so in force from its reporting year 2024/25.
    // The search ends with a match or placement, or when the order is revoked.
    // The spec names no escalation; the Service Manager holds the review, so a
    // miss goes to the Head of Service.
    escalate(
        effective(
            rule(
                "ADOPT-018",
                "Joint case discussion every 3 months for a child in national search",
                NationalSearchReferral,
                Schedule::Chain {
                    first: &[Months(3)],
                    then: Some(Interval::Every(Months(3))),
                },
                NationalSearchCaseDiscussion,
                &[
                    MatchAgreed,
                    PlacedForAdoption,
                    OrderRevoked,
                    LeftCare,
                    CaseClosed,
                ],
                ServiceManager,
            ),
            date(2024, 4, 1),
            None,
        ),
        HeadOfService,
    ),
    // Adoption: the adopters' journey (WF-ADOPTER).
    // 2019 rule (same period as the children's NAR rule in mod.rs): approved
    // adopters are referred to the NAR 90 days after approval unless they opt
    // out; a match makes the referral pointless.
    effective(
        rule(
            "ADOPT-017",
            "Approved adopters referred to the National Adoption Register 90 days after approval",
            AdopterApproved,
            Schedule::Once(Days(90)),
            AdopterReferredToNar,
            &[AdopterNarOptOut, MatchAgreed, CaseClosed],
            AssessingSocialWorker,
        ),
        date(2018, 4, 1),
        date(2020, 10, 13),
    ),
    // Stage One starts when the Registration of Interest is accepted
    // (ADOPT-028); Stage One and Stage Two together within 6 months.
    rule(
        "ADOPT-031",
        "Adopter assessment (Stage One and Stage Two) completed within 6 months",
        AdopterRegistration,
        Schedule::Once(Months(6)),
        AdopterStageTwoCompleted,
        CLOSED,
        AssessingSocialWorker,
    ),
    // Adoption panel members are reviewed every year by the panel adviser and
    // chair (WF-PANEL-MEMBER), the next review counted from the last one.
    rule(
        "ADOPT-032",
        "Annual review of an adoption panel member",
        AdoptionPanelMemberAppointed,
        Schedule::Chain {
            first: &[Months(12)],
            then: Some(Interval::Every(Months(12))),
        },
        PanelMemberReviewed,
        CLOSED,
        PanelAdviser,
    ),
    // Non-agency adoption (WF-NAA): from the notice of intention to adopt to
    // the adoption order within two years.
    rule(
        "ADOPT-051",
        "Non-agency adoption: adoption order within two years of the notice to adopt",
        NonAgencyAdoptionNotified,
        Schedule::Once(Months(24)),
        AdoptionOrderMade,
        CLOSED,
        AssessingSocialWorker,
    ),
    // A post-approval training and support-group offer is recorded within the
    // adopters' first year of approval (Ofsted 2017).
    rule(
        "ADOPT-061",
        "Post-approval training or support group offered within a year of approval",
        AdopterApproved,
        Schedule::Once(Months(12)),
        PostApprovalSupportOffered,
        CLOSED,
        AssessingSocialWorker,
    ),
    // Fostering: recruitment to approval (WF-FOST-APPLICANT).
    // Target from the initial visit to panel: 4.5 to 6 months; over 6 is
    // flagged. (The 16-week Form F timescale of FOST-007 is in mod.rs.)
    rule(
        "FOST-007",
        "Fostering applicant at panel within 6 months of the initial visit",
        FosteringInitialVisit,
        Schedule::Once(Months(6)),
        PanelRecommendation,
        CLOSED,
        AssessingSocialWorker,
    ),
    // Fostering panel members are reviewed every year.
    rule(
        "FOST-011",
        "Annual review of a fostering panel member",
        FosteringPanelMemberAppointed,
        Schedule::Chain {
            first: &[Months(12)],
            then: Some(Interval::Every(Months(12))),
        },
        PanelMemberReviewed,
        CLOSED,
        PanelAdviser,
    ),
    // Foster carer reviews (WF-FOST-REVIEW), for mainstream carers and for
    // connected persons approved as foster carers.
    annual_review(FosterCarerApproved),
    annual_review(ConnectedPersonApproved),
    five_yearly_panel(FosterCarerApproved),
    five_yearly_panel(ConnectedPersonApproved),
    // A review completed by the reviewing officer awaits the ADM's decision;
    // it is listed as "awaiting ADM" after 30 days (a configurable
    // assumption). The spec names no escalation; as for FOST-015, the
    // service manager hears of a delayed ADM decision.
    escalate(
        rule(
            "FOST-019",
            "ADM decision within 30 days of the reviewing officer's review",
            FosterCarerReviewed,
            Schedule::Once(Days(30)),
            AgencyDecision,
            CLOSED,
            AgencyDecisionMaker,
        ),
        ServiceManager,
    ),
    // Supervising social workers visit mainstream households monthly
    // (FOST-022, 2019): the first within a month of approval, then a month
    // after each.
    rule(
        "FOST-022",
        "Supervising social worker's monthly visit to the foster carer",
        FosterCarerApproved,
        Schedule::Chain {
            first: &[Months(1)],
            then: Some(Interval::Every(Months(1))),
        },
        SupervisingVisit,
        CLOSED,
        SupervisingSocialWorker,
    ),
    // Kinship and connected carers (WF-KIN).
    // A child placed under Reg 24 temporary approval: the full assessment is
    // due 16 weeks from the placement; an approved extension (checks
    // incomplete) adds 8 weeks, counted from the day the extension is
    // recorded (as KIN-103 in mod.rs). Misses escalate as KIN-102. A court's
    // own earlier filing date is a date it sets, not a period, so it is not
    // computed here.
    escalate(
        rule(
            "KIN-004",
            "Connected person's full assessment within 16 weeks of a Reg 24 placement",
            Reg24TemporaryApproval,
            Schedule::Once(Weeks(16)),
            KinshipAssessmentCompleted,
            &[Reg24Extended, Reg24Ended, CaseClosed],
            AssessingSocialWorker,
        ),
        ServiceManager,
    ),
    escalate(
        rule(
            "KIN-004",
            "Connected person's full assessment: 8-week extension",
            Reg24Extended,
            Schedule::Once(Weeks(8)),
            KinshipAssessmentCompleted,
            &[Reg24Ended, CaseClosed],
            AssessingSocialWorker,
        ),
        ServiceManager,
    ),
    // Court-ordered assessments: 12 weeks agreed with the court, with an
    // early alert at 8 weeks if completion looks unlikely.
    warn(
        rule(
            "KIN-005",
            "Court-ordered connected person assessment filed within 12 weeks",
            CourtKinshipAssessmentDirected,
            Schedule::Once(Weeks(12)),
            CourtKinshipAssessmentFiled,
            CLOSED,
            AssessingSocialWorker,
        ),
        Weeks(4),
    ),
    // The kinship assessor meets the child's social worker within 10 days of
    // the IVA being approved.
    rule(
        "KIN-007",
        "Kinship assessor meets the child's social worker within 10 days of IVA approval",
        IvaApproved,
        Schedule::Once(Days(10)),
        KinshipAssessorMetSocialWorker,
        CLOSED,
        AssessingSocialWorker,
    ),
    // Approved kinship foster carers complete the TSD standards within 18
    // months of approval.
    rule(
        "KIN-012",
        "Kinship foster carer completes the TSD standards within 18 months of approval",
        ConnectedPersonApproved,
        Schedule::Once(Months(18)),
        TsdStandardsCompleted,
        CLOSED,
        SupervisingSocialWorker,
    ),
    // Every kinship carer has a support plan (Form K); the Check flags one
    // still missing 3 months after approval.
    rule(
        "KIN-015",
        "Kinship support plan (Form K) within 3 months of approval",
        ConnectedPersonApproved,
        Schedule::Once(Months(3)),
        KinshipSupportPlanCompleted,
        CLOSED,
        SupervisingSocialWorker,
    ),
    // Care leavers.
    // Every care leaver's Pathway Plan is updated at least every 6 months,
    // counted from the last update; it is out of date from the day after.
    rule(
        "LEAVE-004",
        "Pathway Plan updated every 6 months",
        PathwayPlanCompleted,
        Schedule::Chain {
            first: &[Months(6)],
            then: Some(Interval::Every(Months(6))),
        },
        PathwayPlanReviewed,
        CLOSED,
        SocialWorker,
    ),
    // Staying Put and Supported Lodgings.
    // Staying Put arrangements get a monitoring visit (with the young
    // person's PA) every 6 months, counted from the last visit (WF-STAYPUT);
    // the arrangement ending closes the case.
    rule(
        "LEAVE-007",
        "Staying Put monitoring visit every 6 months",
        StayingPutStarted,
        Schedule::Chain {
            first: &[Months(6)],
            then: Some(Interval::Every(Months(6))),
        },
        StayingPutVisit,
        CLOSED,
        SupervisingSocialWorker,
    ),
    // Each Supported Lodgings host is reviewed every year (WF-SL).
    rule(
        "LEAVE-008",
        "Annual review of a Supported Lodgings host",
        SupportedLodgingsHostApproved,
        Schedule::Chain {
            first: &[Months(12)],
            then: Some(Interval::Every(Months(12))),
        },
        SupportedLodgingsHostReviewed,
        CLOSED,
        SupervisingSocialWorker,
    ),
    // Missing children and exploitation (WF-MISSING).
    // A child rated at high risk of exploitation is reviewed at FORM every two
    // weeks until FORM agrees a downgrade. The Child Exploitation Team social
    // worker holds the case.
    rule(
        "MISS-003",
        "High-risk exploited child reviewed at FORM every two weeks",
        ExploitationRiskHigh,
        Schedule::Chain {
            first: &[Weeks(2)],
            then: Some(Interval::Every(Weeks(2))),
        },
        FormReviewHeld,
        &[ExploitationRiskDowngraded, CaseClosed],
        SocialWorker,
    ),
];

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::super::testing::*;
    #[allow(unused_imports)]
    use crate::deadlines::{EventKind::*, Standing};
    use crate::roles::Role;

    #[test]
    fn adopt_029_stage_one_is_completed_within_two_months_of_registration() {
        let stage_one = schedule("ADOPT-029", &[ev(AdopterRegistration, "2025-01-31")], None);
        assert_eq!(dues(&stage_one), vec![d("2025-03-31")]);
        let done = [
            ev(AdopterRegistration, "2025-01-31"),
            ev(AdopterStageOneCompleted, "2025-04-02"),
        ];
        assert_eq!(
            schedule("ADOPT-029", &done, None)[0].standing(d("2025-05-01")),
            Standing::MetLate
        );
    }

    #[test]
    fn adopt_030_stage_two_is_completed_within_four_months_of_its_start() {
        // Stage Two started 2024-09-02 (the spec's Check) is due by 2025-01-02.
        let stage_two = schedule(
            "ADOPT-030",
            &[ev(AdopterStageTwoStarted, "2024-09-02")],
            None,
        );
        assert_eq!(dues(&stage_two), vec![d("2025-01-02")]);
        assert_eq!(stage_two[0].standing(d("2024-12-10")), Standing::DueSoon);
    }

    #[test]
    fn adopt_033_the_agency_decision_follows_the_adoption_panel_within_seven_working_days() {
        // Panel on Thursday 2025-12-18: seven working days skip Christmas,
        // Boxing Day and New Year's Day.
        let decision = schedule(
            "ADOPT-033",
            &[ev(AdoptionPanelRecommendation, "2025-12-18")],
            None,
        );
        assert_eq!(dues(&decision), vec![d("2025-12-31")]);
        // The fostering panel's 7 calendar days (FOST-015) do not apply to it.
        assert!(
            schedule(
                "FOST-015",
                &[ev(AdoptionPanelRecommendation, "2025-12-18")],
                None
            )
            .is_empty()
        );
    }

    #[test]
    fn adopt_009_adoption_plan_reaches_the_adm_within_two_months() {
        // The spec's Check: plan agreed 2019-01-10, ADM decision 2019-03-15:
        // out of timescale (due 2019-03-10).
        let events = [
            ev(AdoptionPlanAgreed, "2019-01-10"),
            ev(BestInterestDecision, "2019-03-15"),
        ];
        let plan = schedule("ADOPT-009", &events, None);
        assert_eq!(dues(&plan), vec![d("2019-03-10")]);
        assert_eq!(plan[0].met, Some(d("2019-03-15")));
        assert_eq!(plan[0].standing(d("2019-04-01")), Standing::MetLate);
        // Without a decision it is overdue from the day after the due date.
        let open = schedule("ADOPT-009", &events[..1], None);
        assert_eq!(open[0].standing(d("2019-03-10")), Standing::DueSoon);
        assert_eq!(open[0].standing(d("2019-03-11")), Standing::Overdue);
    }

    #[test]
    fn adopt_018_national_search_case_discussion_every_three_months() {
        // The spec's Check: national search agreed 2024-09-01, last case
        // discussion 2024-12-01, so the next is due 2025-03-01.
        let events = [
            ev(NationalSearchReferral, "2024-09-01"),
            ev(NationalSearchCaseDiscussion, "2024-12-01"),
        ];
        let talks = schedule("ADOPT-018", &events, None);
        assert_eq!(dues(&talks), vec![d("2024-12-01"), d("2025-03-01")]);
        assert_eq!(talks[1].met, None);
        assert_eq!(talks[1].rule.escalate_to, Role::HeadOfService);
        // A match ends the national search, and with it the open discussion.
        let matched = [
            ev(NationalSearchReferral, "2024-09-01"),
            ev(NationalSearchCaseDiscussion, "2024-12-01"),
            ev(MatchAgreed, "2025-01-20"),
        ];
        assert_eq!(
            dues(&schedule("ADOPT-018", &matched, None)),
            vec![d("2024-12-01")]
        );
    }

    #[test]
    fn adopt_017_approved_adopters_referred_to_the_nar_after_ninety_days() {
        // The spec's Check: adopter approval 2019-01-10 with opt_out=false,
        // so the adopter NAR referral is due 2019-04-10.
        let referral = schedule("ADOPT-017", &[ev(AdopterApproved, "2019-01-10")], None);
        assert_eq!(dues(&referral), vec![d("2019-04-10")]);
        assert_eq!(referral[0].standing(d("2019-04-11")), Standing::Overdue);
        // Adopters who opt out are not referred.
        let opted_out = [
            ev(AdopterApproved, "2019-01-10"),
            ev(AdopterNarOptOut, "2019-01-10"),
        ];
        assert!(schedule("ADOPT-017", &opted_out, None).is_empty());
        // The 2019 rule does not apply to an approval after 2020-10-13 (CONV-001).
        assert!(schedule("ADOPT-017", &[ev(AdopterApproved, "2021-03-01")], None).is_empty());
    }

    #[test]
    fn adopt_031_stage_one_and_two_within_six_months() {
        // The spec's Check: Stage One 2024-04-01 to 2024-09-30, Stage Two
        // 2024-10-14 to 2025-04-25 (12.8 months): the 6-month aim is breached.
        let events = [
            ev(AdopterRegistration, "2024-04-01"),
            ev(AdopterStageOneCompleted, "2024-09-30"),
            ev(AdopterStageTwoStarted, "2024-10-14"),
            ev(AdopterStageTwoCompleted, "2025-04-25"),
        ];
        let journey = schedule("ADOPT-031", &events, None);
        assert_eq!(dues(&journey), vec![d("2024-10-01")]);
        assert_eq!(journey[0].standing(d("2025-05-01")), Standing::MetLate);
    }

    #[test]
    fn adopt_032_adoption_panel_members_reviewed_every_year() {
        // The Check counts panel sittings; these dates are illustrative.
        // Appointed 2023-09-04, reviewed 2024-08-20: the next review is due
        // a year after the last one held.
        let events = [
            ev(AdoptionPanelMemberAppointed, "2023-09-04"),
            ev(PanelMemberReviewed, "2024-08-20"),
        ];
        let reviews = schedule("ADOPT-032", &events, None);
        assert_eq!(dues(&reviews), vec![d("2024-09-04"), d("2025-08-20")]);
        assert_eq!(reviews[0].standing(d("2024-09-30")), Standing::Met);
    }

    #[test]
    fn adopt_051_non_agency_adoption_order_within_two_years_of_notice() {
        // The spec's Check: notification received 2023-05-01 and AO 2025-06-15:
        // more than two years, target missed.
        let events = [
            ev(NonAgencyAdoptionNotified, "2023-05-01"),
            ev(AdoptionOrderMade, "2025-06-15"),
        ];
        let order = schedule("ADOPT-051", &events, None);
        assert_eq!(dues(&order), vec![d("2025-05-01")]);
        assert_eq!(order[0].standing(d("2025-07-01")), Standing::MetLate);
    }

    #[test]
    fn adopt_061_post_approval_offer_within_the_first_year() {
        // The spec's Check: an approved adopter needs at least one
        // "post-approval training/support group offered" entry in the first year.
        let open = schedule("ADOPT-061", &[ev(AdopterApproved, "2025-02-01")], None);
        assert_eq!(dues(&open), vec![d("2026-02-01")]);
        assert_eq!(open[0].standing(d("2026-02-02")), Standing::Overdue);
        let offered = [
            ev(AdopterApproved, "2025-02-01"),
            ev(PostApprovalSupportOffered, "2025-05-12"),
        ];
        assert_eq!(
            schedule("ADOPT-061", &offered, None)[0].standing(d("2026-03-01")),
            Standing::Met
        );
    }

    #[test]
    fn fost_007_fostering_applicant_at_panel_within_six_months_of_the_initial_visit() {
        // The spec's Check: initial visit 2019-01-02 and panel 2019-08-01:
        // 7.0 months > 6, flagged.
        let events = [
            ev(FosteringInitialVisit, "2019-01-02"),
            ev(PanelRecommendation, "2019-08-01"),
        ];
        let panel = schedule("FOST-007", &events, None);
        assert_eq!(dues(&panel), vec![d("2019-07-02")]);
        assert_eq!(panel[0].standing(d("2019-09-01")), Standing::MetLate);
    }

    #[test]
    fn fost_011_fostering_panel_members_reviewed_every_year() {
        // The spec's Check: last annual review 2024-05-01, next due 2025-05-01.
        let events = [
            ev(FosteringPanelMemberAppointed, "2023-05-01"),
            ev(PanelMemberReviewed, "2024-05-01"),
        ];
        let reviews = schedule("FOST-011", &events, None);
        assert_eq!(dues(&reviews), vec![d("2024-05-01"), d("2025-05-01")]);
        assert_eq!(reviews[1].met, None);
    }

    #[test]
    fn fost_012_first_annual_review_by_the_first_anniversary_then_yearly() {
        // The spec's Check: carer approved 2024-06-10, first annual review
        // listed at a panel on or before 2025-06-10.
        let first = schedule("FOST-012", &[ev(FosterCarerApproved, "2024-06-10")], None);
        assert_eq!(dues(&first), vec![d("2025-06-10")]);
        assert_eq!(first[0].standing(d("2025-06-10")), Standing::DueSoon);
        assert_eq!(first[0].standing(d("2025-06-11")), Standing::Overdue);
        // Reviewed 2025-06-04: the next review a year after it.
        let reviewed = [
            ev(FosterCarerApproved, "2024-06-10"),
            ev(FosterCarerReviewed, "2025-06-04"),
        ];
        let reviews = schedule("FOST-012", &reviewed, None);
        assert_eq!(dues(&reviews), vec![d("2025-06-10"), d("2026-06-04")]);
        assert_eq!(reviews[0].standing(d("2025-07-01")), Standing::Met);
        // Connected persons approved as foster carers too.
        let kin = schedule(
            "FOST-012",
            &[ev(ConnectedPersonApproved, "2024-06-10")],
            None,
        );
        assert_eq!(dues(&kin), vec![d("2025-06-10")]);
    }

    #[test]
    fn fost_017_households_return_to_panel_every_five_years() {
        // The spec's Check: approved 2016-03-01, last panel attendance
        // 2019-04-10: the 5-yearly panel review (due 2024-04-10) is overdue.
        let events = [
            ev(FosterCarerApproved, "2016-03-01"),
            ev(PanelRecommendation, "2019-04-10"),
        ];
        let returns = schedule("FOST-017", &events, None);
        assert_eq!(dues(&returns), vec![d("2021-03-01"), d("2024-04-10")]);
        assert_eq!(returns[1].standing(d("2025-04-01")), Standing::Overdue);
    }

    #[test]
    fn fost_019_review_awaiting_the_adm_listed_after_thirty_days() {
        // The spec's Check: FIRO review completed 2025-02-01 and no ADM
        // decision by 2025-03-04: on the "awaiting ADM > 30 days" list.
        let review = schedule("FOST-019", &[ev(FosterCarerReviewed, "2025-02-01")], None);
        assert_eq!(dues(&review), vec![d("2025-03-03")]);
        assert_eq!(review[0].standing(d("2025-03-03")), Standing::DueSoon);
        assert_eq!(review[0].standing(d("2025-03-04")), Standing::Overdue);
        assert_eq!(review[0].rule.escalate_to, Role::ServiceManager);
    }

    #[test]
    fn kin_004_full_assessment_sixteen_weeks_after_a_reg_24_placement() {
        // The spec's Check: Reg 24 placement 2025-01-06, due 2025-04-28.
        let placed = [ev(Reg24TemporaryApproval, "2025-01-06")];
        assert_eq!(
            dues(&schedule("KIN-004", &placed, None)),
            vec![d("2025-04-28")]
        );
        // With an approved extension, due 2025-06-23: 8 weeks on from the end
        // date, the extension being recorded on that date. The first due date
        // is withdrawn.
        let extended = [
            ev(Reg24TemporaryApproval, "2025-01-06"),
            ev(Reg24Extended, "2025-04-28"),
        ];
        assert_eq!(
            dues(&schedule("KIN-004", &extended, None)),
            vec![d("2025-06-23")]
        );
        let done = [
            ev(Reg24TemporaryApproval, "2025-01-06"),
            ev(KinshipAssessmentCompleted, "2025-04-22"),
        ];
        let met = schedule("KIN-004", &done, None);
        assert_eq!(met[0].standing(d("2025-05-01")), Standing::Met);
        assert_eq!(met[0].rule.escalate_to, Role::ServiceManager);
    }

    #[test]
    fn kin_005_court_ordered_assessment_in_twelve_weeks_with_an_alert_at_eight() {
        // The spec's Check: start 2019-03-04, completion due 2019-05-27, early
        // alert checkpoint 2019-04-29.
        let court = schedule(
            "KIN-005",
            &[ev(CourtKinshipAssessmentDirected, "2019-03-04")],
            None,
        );
        assert_eq!(dues(&court), vec![d("2019-05-27")]);
        assert_eq!(court[0].standing(d("2019-04-28")), Standing::Upcoming);
        assert_eq!(court[0].standing(d("2019-04-29")), Standing::DueSoon);
    }

    #[test]
    fn kin_007_assessor_meets_the_social_worker_within_ten_days_of_the_iva() {
        // The spec's Check: IVA approved 2019-06-03, meeting logged by 2019-06-13.
        let events = [
            ev(IvaApproved, "2019-06-03"),
            ev(KinshipAssessorMetSocialWorker, "2019-06-13"),
        ];
        let meeting = schedule("KIN-007", &events, None);
        assert_eq!(dues(&meeting), vec![d("2019-06-13")]);
        assert_eq!(meeting[0].standing(d("2019-06-20")), Standing::Met);
    }

    #[test]
    fn kin_012_tsd_standards_within_eighteen_months_of_approval() {
        // The spec's Check: approval 2024-02-01 and no TSD completion by
        // 2025-08-01, overdue. The Check calls it overdue on the due date
        // itself; the spec's convention (due date inclusive, overdue from the
        // next day) is followed, so it is overdue from 2025-08-02.
        let tsd = schedule(
            "KIN-012",
            &[ev(ConnectedPersonApproved, "2024-02-01")],
            None,
        );
        assert_eq!(dues(&tsd), vec![d("2025-08-01")]);
        assert_eq!(tsd[0].standing(d("2025-08-01")), Standing::DueSoon);
        assert_eq!(tsd[0].standing(d("2025-08-02")), Standing::Overdue);
    }

    #[test]
    fn kin_015_form_k_support_plan_within_three_months_of_approval() {
        // The spec's Check: a kinship carer without a Form K support plan 3
        // months after approval is flagged.
        let plan = schedule(
            "KIN-015",
            &[ev(ConnectedPersonApproved, "2024-02-01")],
            None,
        );
        assert_eq!(dues(&plan), vec![d("2024-05-01")]);
        assert_eq!(plan[0].standing(d("2024-05-02")), Standing::Overdue);
    }

    #[test]
    fn leave_004_pathway_plans_updated_every_six_months() {
        // The spec's Check: last pathway plan update 2025-01-10, out of date
        // from 2025-07-11.
        let events = [
            ev(PathwayPlanCompleted, "2024-07-15"),
            ev(PathwayPlanReviewed, "2025-01-10"),
        ];
        let plans = schedule("LEAVE-004", &events, None);
        assert_eq!(dues(&plans), vec![d("2025-01-15"), d("2025-07-10")]);
        assert_eq!(plans[1].standing(d("2025-07-10")), Standing::DueSoon);
        assert_eq!(plans[1].standing(d("2025-07-11")), Standing::Overdue);
    }

    #[test]
    fn leave_007_staying_put_monitoring_visits_every_six_months() {
        // The spec's Check: Staying Put start 2025-01-20, visits due
        // 2025-07-20, 2026-01-20, ...
        let events = [
            ev(StayingPutStarted, "2025-01-20"),
            ev(StayingPutVisit, "2025-07-20"),
        ];
        let visits = schedule("LEAVE-007", &events, None);
        assert_eq!(dues(&visits), vec![d("2025-07-20"), d("2026-01-20")]);
        // The arrangement ending (case closed) withdraws the open visit.
        let ended = [
            ev(StayingPutStarted, "2025-01-20"),
            ev(StayingPutVisit, "2025-07-20"),
            ev(CaseClosed, "2025-10-01"),
        ];
        assert_eq!(schedule("LEAVE-007", &ended, None).len(), 1);
    }

    #[test]
    fn leave_008_supported_lodgings_hosts_reviewed_every_year() {
        // The spec's Check: host approved 2024-06-01, annual review due 2025-06-01.
        let review = schedule(
            "LEAVE-008",
            &[ev(SupportedLodgingsHostApproved, "2024-06-01")],
            None,
        );
        assert_eq!(dues(&review), vec![d("2025-06-01")]);
    }

    #[test]
    fn miss_003_high_risk_children_reviewed_at_form_every_two_weeks() {
        // The Check is about downgrades outside FORM; these dates are illustrative.
        let events = [
            ev(ExploitationRiskHigh, "2025-05-07"),
            ev(FormReviewHeld, "2025-05-20"),
        ];
        let reviews = schedule("MISS-003", &events, None);
        assert_eq!(dues(&reviews), vec![d("2025-05-21"), d("2025-06-03")]);
        // FORM agrees a downgrade at its meeting: the fortnightly reviews stop.
        let downgraded = [
            ev(ExploitationRiskHigh, "2025-05-07"),
            ev(FormReviewHeld, "2025-05-20"),
            ev(FormReviewHeld, "2025-06-03"),
            ev(ExploitationRiskDowngraded, "2025-06-03"),
        ];
        let reviews = schedule("MISS-003", &downgraded, None);
        assert_eq!(dues(&reviews), vec![d("2025-05-21"), d("2025-06-03")]);
        assert!(reviews.iter().all(|r| r.met.is_some()));
    }
}
