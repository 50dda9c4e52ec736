//! Deadline rules from 40-performance-measures.md and 50-complaints-governance-other.md (KPI-*, RPT, CMPL, GOV, NEED, COST).

#[allow(unused_imports)]
use super::*;

/// This chapter's deadline rules.
pub(super) static RULES: &[DeadlineRule] = &[
    // Complaints (WF-CMPL). Working days count from the next working day.
    // An agreed extension moves the Stage 1 due date (no length is stated)
    // and suppresses the "offer Stage 2" prompt, so it withdraws this
    // deadline; so does a Stage 2 request, which ends Stage 1. A missed
    // response goes to the Complaints Manager, who must offer Stage 2.
    escalate(
        rule(
            "CMPL-005",
            "Stage 1 complaint response (20 working days)",
            ComplaintStage1Received,
            Schedule::Once(WorkingDays(20)),
            ComplaintStage1Responded,
            &[
                ComplaintWithdrawn,
                ComplaintLeftProcedure,
                ComplaintStage1ExtensionAgreed,
                ComplaintStage2Requested,
            ],
            TeamManager,
        ),
        ComplaintsManager,
    ),
    // Stage 2: the external Investigating Officer and Independent Person
    // (bought through the managed service the Complaints Manager runs); the
    // Head of Service writes the adjudication response, so a miss goes to
    // them (the spec names no escalation). The clock is not stopped for the
    // scoping meeting; a refusal because of care proceedings withdraws it.
    escalate(
        rule(
            "CMPL-007",
            "Stage 2 independent investigation and adjudication (65 working days)",
            ComplaintStage2Requested,
            Schedule::Once(WorkingDays(65)),
            ComplaintStage2Responded,
            &[
                ComplaintWithdrawn,
                ComplaintLeftProcedure,
                ComplaintStage2Refused,
            ],
            ComplaintsManager,
        ),
        HeadOfService,
    ),
    // Virtual School duty line for previously looked-after and kinship
    // children (WF-PLAC-DUTY): a response within seven working days of the
    // call or email being logged.
    rule(
        "KPI-ADP-29",
        "Virtual School response to a PLAC or kinship enquiry (7 working days)",
        VirtualSchoolEnquiry,
        Schedule::Once(WorkingDays(7)),
        VirtualSchoolResponse,
        &[],
        VirtualSchool,
    ),
    // Governance.
    // Permanence tracking must have started by the day care proceedings are
    // issued (the first permanence decision point, CDM): the exception report
    // of the next day lists a child with no tracker record. The engine counts
    // only meeting events on or after the trigger, so a tracker opened before
    // the proceedings (at an earlier Pack A) does not meet it.
    already_met_counts(rule(
        "GOV-014",
        "Permanence tracker record by the day care proceedings are issued",
        CareProceedingsIssued,
        Schedule::Once(Days(0)),
        PermanenceTrackingStarted,
        &[CaseClosed],
        SocialWorker,
    )),
    // The outer backstop to PANEL-010: a long-term fostering plan with no
    // Permanence Panel ratification (a "yes" suitability finding) 12 months
    // after the review agreed it puts the child on the exception report. A
    // "no" finding, a change to adoption or leaving care withdraws it.
    rule(
        "GOV-018",
        "Permanence Panel ratification of a long-term fostering plan (12-month backstop)",
        LtfPlanAgreed,
        Schedule::Once(Months(12)),
        LtfFoundSuitable,
        &[LeftCare, AdoptionPlanAgreed, LtfFoundUnsuitable],
        SocialWorker,
    ),
    // Adoption and Fostering Statements of Purpose: reviewed every year, the
    // next review counted from the last one actually held.
    rule(
        "GOV-029",
        "Annual review of the Statement of Purpose",
        StatementOfPurposePublished,
        Schedule::Chain {
            first: &[Months(12)],
            then: Some(Interval::Every(Months(12))),
        },
        StatementOfPurposeReviewed,
        &[],
        ServiceManager,
    ),
    // After a permanent exclusion the LA provides full-time education from
    // no later than the sixth school day. The exclusion day is the first
    // school day, so the sixth is 5 school days on; school days are taken as
    // working days (the spec assumes no school closures).
    rule(
        "GOV-035",
        "Full-time education from the sixth school day after a permanent exclusion",
        PermanentExclusion,
        Schedule::Once(WorkingDays(5)),
        AlternativeProvisionStarted,
        &[],
        VirtualSchool,
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
    fn cmpl_005_stage_one_response_within_twenty_working_days() {
        // The spec's Check: Stage 1 received Monday 2025-03-03 with no agreed
        // extension; due 2025-03-31, and on 2025-04-01 "offer Stage 2".
        let stage1 = schedule(
            "CMPL-005",
            &[ev(ComplaintStage1Received, "2025-03-03")],
            None,
        );
        assert_eq!(dues(&stage1), vec![d("2025-03-31")]);
        assert_eq!(stage1[0].standing(d("2025-03-31")), Standing::DueSoon);
        assert_eq!(stage1[0].standing(d("2025-04-01")), Standing::Overdue);
        assert_eq!(stage1[0].rule.escalate_to, Role::ComplaintsManager);
        // A response on the due date meets it; a meeting does not stop the clock.
        let answered = [
            ev(ComplaintStage1Received, "2025-03-03"),
            ev(ComplaintStage1Responded, "2025-03-31"),
        ];
        assert_eq!(
            schedule("CMPL-005", &answered, None)[0].standing(d("2025-04-01")),
            Standing::Met
        );
    }

    #[test]
    fn cmpl_005_an_agreed_extension_or_leaving_the_procedure_withdraws_the_prompt() {
        for exit in [
            ComplaintStage1ExtensionAgreed,
            ComplaintLeftProcedure,
            ComplaintWithdrawn,
            ComplaintStage2Requested,
        ] {
            let events = [
                ev(ComplaintStage1Received, "2025-03-03"),
                ev(exit, "2025-03-20"),
            ];
            assert!(schedule("CMPL-005", &events, None).is_empty(), "{exit:?}");
        }
    }

    #[test]
    fn cmpl_007_stage_two_investigation_within_sixty_five_working_days() {
        // The spec's Check: a Stage 2 start on 2025-04-01 is due 2025-07-07,
        // skipping the bank holidays 2025-04-18, 2025-04-21, 2025-05-05, 2025-05-26.
        let stage2 = schedule(
            "CMPL-007",
            &[ev(ComplaintStage2Requested, "2025-04-01")],
            None,
        );
        assert_eq!(dues(&stage2), vec![d("2025-07-07")]);
        assert_eq!(stage2[0].standing(d("2025-07-08")), Standing::Overdue);
        // Adjudicated late: met late, as the KPI-CMPL-05 count of 3 of 10 in time.
        let late = [
            ev(ComplaintStage2Requested, "2025-04-01"),
            ev(ComplaintStage2Responded, "2025-08-29"),
        ];
        assert_eq!(
            schedule("CMPL-007", &late, None)[0].standing(d("2025-09-01")),
            Standing::MetLate
        );
        // Escalation refused because of care proceedings: no Stage 2 clock.
        let refused = [
            ev(ComplaintStage2Requested, "2025-04-01"),
            ev(ComplaintStage2Refused, "2025-04-03"),
        ];
        assert!(schedule("CMPL-007", &refused, None).is_empty());
    }

    #[test]
    fn kpi_adp_29_virtual_school_answers_a_plac_enquiry_within_seven_working_days() {
        // The Check has no dates (it reconciles referral counts); this uses the
        // spec's working-day convention: 2025-05-02 + 7 working days is
        // 2025-05-14, skipping the bank holiday of 2025-05-05.
        let enquiry = schedule(
            "KPI-ADP-29",
            &[ev(VirtualSchoolEnquiry, "2025-05-02")],
            None,
        );
        assert_eq!(dues(&enquiry), vec![d("2025-05-14")]);
        assert_eq!(enquiry[0].standing(d("2025-05-15")), Standing::Overdue);
        let answered = [
            ev(VirtualSchoolEnquiry, "2025-05-02"),
            ev(VirtualSchoolResponse, "2025-05-09"),
        ];
        assert_eq!(
            schedule("KPI-ADP-29", &answered, None)[0].standing(d("2025-05-15")),
            Standing::Met
        );
    }

    #[test]
    fn gov_029_statements_of_purpose_are_reviewed_every_year() {
        // The spec's Check: reviewed 2019-01-15, so the next review is due
        // 2020-01-15. (The 2018 publication date is this test's own.)
        let events = [
            ev(StatementOfPurposePublished, "2018-01-15"),
            ev(StatementOfPurposeReviewed, "2019-01-15"),
        ];
        let reviews = schedule("GOV-029", &events, None);
        assert_eq!(dues(&reviews), vec![d("2019-01-15"), d("2020-01-15")]);
        assert_eq!(reviews[1].standing(d("2020-01-16")), Standing::Overdue);
        // A review held early moves the next one with it.
        let early = [
            ev(StatementOfPurposePublished, "2018-01-15"),
            ev(StatementOfPurposeReviewed, "2018-11-30"),
        ];
        assert_eq!(
            dues(&schedule("GOV-029", &early, None)),
            vec![d("2019-01-15"), d("2019-11-30")]
        );
    }

    #[test]
    fn gov_035_education_from_the_sixth_school_day_after_a_permanent_exclusion() {
        // The spec's Check: exclusion effective Monday 2025-03-03, provision
        // must start by 2025-03-10 (sixth school day, no closures).
        let provision = schedule("GOV-035", &[ev(PermanentExclusion, "2025-03-03")], None);
        assert_eq!(dues(&provision), vec![d("2025-03-10")]);
        assert_eq!(provision[0].standing(d("2025-03-11")), Standing::Overdue);
        let started = [
            ev(PermanentExclusion, "2025-03-03"),
            ev(AlternativeProvisionStarted, "2025-03-10"),
        ];
        assert_eq!(
            schedule("GOV-035", &started, None)[0].standing(d("2025-03-11")),
            Standing::Met
        );
    }

    #[test]
    fn gov_014_a_child_in_proceedings_with_no_tracker_is_listed_the_next_day() {
        // The spec's Check: proceedings issued 2025-03-03 with no tracker
        // record; the exception report of 2025-03-04 lists the child.
        let tracker = schedule("GOV-014", &[ev(CareProceedingsIssued, "2025-03-03")], None);
        assert_eq!(dues(&tracker), vec![d("2025-03-03")]);
        assert_eq!(tracker[0].standing(d("2025-03-03")), Standing::DueSoon);
        assert_eq!(tracker[0].standing(d("2025-03-04")), Standing::Overdue);
        let tracked = [
            ev(CareProceedingsIssued, "2025-03-03"),
            ev(PermanenceTrackingStarted, "2025-03-03"),
        ];
        assert_eq!(
            schedule("GOV-014", &tracked, None)[0].standing(d("2025-03-04")),
            Standing::Met
        );
        // A tracker opened earlier, at Pack A, already meets it.
        let earlier = [
            ev(PermanenceTrackingStarted, "2024-11-18"),
            ev(CareProceedingsIssued, "2025-03-03"),
        ];
        assert_eq!(
            schedule("GOV-014", &earlier, None)[0].standing(d("2025-03-04")),
            Standing::Met
        );
    }

    #[test]
    fn gov_018_a_long_term_fostering_plan_not_ratified_in_twelve_months_is_listed() {
        // The spec's Check: LTF plan agreed 2024-06-01, no Permanence Panel
        // ratification by 2025-06-01, so the exception report lists the child.
        let backstop = schedule("GOV-018", &[ev(LtfPlanAgreed, "2024-06-01")], None);
        assert_eq!(dues(&backstop), vec![d("2025-06-01")]);
        assert_eq!(backstop[0].standing(d("2025-06-02")), Standing::Overdue);
        let ratified = [
            ev(LtfPlanAgreed, "2024-06-01"),
            ev(LtfFoundSuitable, "2024-07-16"),
        ];
        assert_eq!(
            schedule("GOV-018", &ratified, None)[0].standing(d("2025-06-02")),
            Standing::Met
        );
        // A "no" finding sends the plan back under review: no backstop left.
        let refused = [
            ev(LtfPlanAgreed, "2024-06-01"),
            ev(LtfFoundUnsuitable, "2024-07-16"),
        ];
        assert!(schedule("GOV-018", &refused, None).is_empty());
    }
}
