//! Every timescale the service tracks, as data: one row a rule, named by its
//! spec ID. The engine in [`crate::deadlines`] reads this table; code that
//! needs a timescale outside the engine (a due date a page shows, the review
//! schedule the drift list counts from) reads it from the rule through
//! [`timescale`]. Nothing else in the code knows a timescale.

use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::calendar::Period::{self, Days, Months, Weeks, WorkingDays};
use crate::deadlines::EventKind::{self, *};
use crate::deadlines::{DeadlineRule, Interval, Schedule};
use crate::roles::Role::{self, *};

mod adoption;
mod governance;
mod passport;
mod planning;

/// The default warning: a deadline is due soon in its last 14 days.
pub(crate) const FORTNIGHT: Period = Days(14);

/// A rule in force for all time, with the usual escalation to the team manager.
pub(crate) const fn rule(
    id: &'static str,
    title: &'static str,
    starts: EventKind,
    schedule: Schedule,
    met_by: EventKind,
    withdrawn_by: &'static [EventKind],
    responsible: Role,
) -> DeadlineRule {
    DeadlineRule {
        id,
        title,
        starts,
        schedule,
        met_by,
        withdrawn_by,
        responsible,
        warn: FORTNIGHT,
        escalate_to: TeamManager,
        met_by_earlier: false,
        effective_from: None,
        effective_to: None,
    }
}

pub(crate) const fn warn(mut r: DeadlineRule, period: Period) -> DeadlineRule {
    r.warn = period;
    r
}

/// A gate: met by the meeting event even if it came before the trigger.
pub(crate) const fn already_met_counts(mut r: DeadlineRule) -> DeadlineRule {
    r.met_by_earlier = true;
    r
}

pub(crate) const fn escalate(mut r: DeadlineRule, to: Role) -> DeadlineRule {
    r.escalate_to = to;
    r
}

pub(crate) const fn effective(
    mut r: DeadlineRule,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> DeadlineRule {
    r.effective_from = from;
    r.effective_to = to;
    r
}

pub(crate) const fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(crate) const IN_CARE_ENDS: &[EventKind] = &[LeftCare];

/// The timescales code outside the deadline engine needs, each read from
/// the rule of the table that sets it.
pub mod timescale {
    use super::*;

    /// The rule `id` that starts from `starts` and is met by `met_by`.
    fn rule(id: &str, starts: EventKind, met_by: EventKind) -> &'static DeadlineRule {
        RULES
            .iter()
            .find(|r| r.id == id && r.starts == starts && r.met_by == met_by)
            .unwrap_or_else(|| panic!("the rule table has {id} from {starts:?} to {met_by:?}"))
    }

    /// The first period of the rule `id` from `starts` to `met_by`.
    fn first(id: &str, starts: EventKind, met_by: EventKind) -> Period {
        match rule(id, starts, met_by).schedule {
            Schedule::Once(p) => p,
            Schedule::Chain { first, .. } => first[0],
            Schedule::Fixed(periods) => periods[0],
            Schedule::ByOccasionOf { .. } => panic!("{id} is counted by another rule's occasions"),
        }
    }

    /// TRACK-001: the first review of arrangements, after entering care.
    pub fn first_review() -> Period {
        first("TRACK-001", EnteredCare, ReviewHeld)
    }

    /// TRACK-001: the second review, after the first.
    pub fn second_review() -> Period {
        match rule("TRACK-001", EnteredCare, ReviewHeld).schedule {
            Schedule::Chain { first, .. } => first[1],
            _ => panic!("TRACK-001 is a chain of reviews"),
        }
    }

    /// TRACK-001: each later review, after the one before.
    pub fn later_review() -> Period {
        match rule("TRACK-001", EnteredCare, ReviewHeld).schedule {
            Schedule::Chain {
                then: Some(Interval::Every(p)),
                ..
            } => p,
            _ => panic!("TRACK-001 repeats its later reviews"),
        }
    }

    /// PANEL-006: the agency decision maker's decision on a panel outcome.
    pub fn adm_decision() -> Period {
        first("PANEL-006", PermanencePanelOutcome, AgencyDecision)
    }

    /// PANEL-010: a long-term fostering plan listed for the Permanence Panel
    /// after the review that agreed it.
    pub fn ltf_to_panel() -> Period {
        first("PANEL-010", LtfPlanAgreed, PermanencePanelListed)
    }

    /// PANEL-012: the panel's monitoring item after a long-term match.
    pub fn panel_monitoring() -> Period {
        first(
            "PANEL-012",
            LongTermPlacementStarted,
            PanelMonitoringItemHeard,
        )
    }

    /// PLAN-012: a ratified or changed plan sent to everyone who must have it.
    pub fn plan_distribution() -> Period {
        first(
            "PLAN-012",
            PermanencePlanRatified,
            PermanencePlanDistributed,
        )
    }

    /// PLAN-015: the care plan updated after its last update.
    pub fn care_plan_update() -> Period {
        first("PLAN-015", EnteredCare, CarePlanUpdated)
    }

    /// TRACK-013: an IRO escalation stage's response.
    pub fn iro_stage_response() -> Period {
        first("TRACK-013", IroIssueRaised, IroStageResponse)
    }

    /// TRACK-013: the whole IRO dispute, from its first formal stage.
    pub fn iro_overall() -> Period {
        first("TRACK-013", IroIssueRaised, IroIssueResolved)
    }
}

/// Every deadline rule: the core statutory ones below and each chapter's.
pub static RULES: LazyLock<Vec<DeadlineRule>> = LazyLock::new(|| {
    [
        CORE,
        passport::RULES,
        planning::RULES,
        adoption::RULES,
        governance::RULES,
    ]
    .concat()
});

/// The statutory timescales every children-in-care system tracks.
static CORE: &[DeadlineRule] = &[
    // Children in care: reviews, visits, health, education, the plan.
    escalate(
        rule(
            "TRACK-001",
            "Review of arrangements",
            EnteredCare,
            Schedule::Chain {
                first: &[WorkingDays(20), Months(3)],
                then: Some(Interval::Every(Months(6))),
            },
            ReviewHeld,
            IN_CARE_ENDS,
            IndependentReviewingOfficer,
        ),
        TeamManager,
    ),
    rule(
        "TRACK-015",
        "Social worker visit",
        PlacementStarted,
        Schedule::Chain {
            first: &[Weeks(1)],
            then: Some(Interval::Every(Weeks(6))),
        },
        SocialWorkerVisit,
        &[LeftCare, LongTermPlacementStarted],
        SocialWorker,
    ),
    rule(
        "TRACK-015",
        "Social worker visit (confirmed long-term placement)",
        LongTermPlacementStarted,
        Schedule::Chain {
            first: &[
                Weeks(1),
                Weeks(6),
                Weeks(6),
                Weeks(6),
                Weeks(6),
                Weeks(6),
                Weeks(6),
                Weeks(6),
                Weeks(6),
            ],
            then: Some(Interval::Every(Months(3))),
        },
        SocialWorkerVisit,
        &[LeftCare, PlacementStarted],
        SocialWorker,
    ),
    rule(
        "KPI-CIC-10",
        "Health assessment",
        EnteredCare,
        Schedule::Chain {
            first: &[WorkingDays(20)],
            then: Some(Interval::ByAge {
                years: 5,
                younger: Months(6),
                older: Months(12),
            }),
        },
        HealthAssessment,
        IN_CARE_ENDS,
        HealthPractitioner,
    ),
    rule(
        "EDU-010",
        "Personal education plan review",
        EnteredCare,
        Schedule::Chain {
            first: &[WorkingDays(20)],
            then: Some(Interval::Every(Months(4))),
        },
        PersonalEducationPlan,
        IN_CARE_ENDS,
        VirtualSchool,
    ),
    escalate(
        rule(
            "PLAN-005",
            "Permanence plan ratified by the second review",
            EnteredCare,
            Schedule::ByOccasionOf {
                rule: "TRACK-001",
                occasion: 2,
            },
            PermanencePlanRatified,
            IN_CARE_ENDS,
            SocialWorker,
        ),
        ServiceManager,
    ),
    // Adoption: family finding and the adopters' journey.
    escalate(
        effective(
            rule(
                "ADOPT-016",
                "No regional link 12 weeks after the placement order: consider national search",
                PlacementOrderMade,
                Schedule::Once(Weeks(12)),
                RegionalLinkFound,
                &[LeftCare, OrderRevoked, PlacedForAdoption],
                FamilyFinder,
            ),
            date(2020, 10, 14),
            None,
        ),
        ServiceManager,
    ),
    effective(
        rule(
            "ADOPT-017",
            "National Adoption Register referral 90 days after the ADM decision",
            BestInterestDecision,
            Schedule::Once(Days(90)),
            NationalSearchReferral,
            &[LeftCare, PlacedForAdoption, RegionalLinkFound],
            FamilyFinder,
        ),
        date(2018, 4, 1),
        date(2020, 10, 13),
    ),
    warn(
        rule(
            "ADOPT-021",
            "Reply to an adopter's expression of interest",
            ExpressionOfInterestReceived,
            Schedule::Once(Days(7)),
            ExpressionOfInterestAnswered,
            &[],
            FamilyFinder,
        ),
        Days(3),
    ),
    // Fostering and kinship.
    warn(
        rule(
            "FOST-007",
            "Form F assessment completed",
            FosteringAssessmentStarted,
            Schedule::Once(Weeks(16)),
            FormFCompleted,
            &[CaseClosed],
            AssessingSocialWorker,
        ),
        Weeks(4),
    ),
    escalate(
        warn(
            rule(
                "FOST-015",
                "Agency decision after the fostering panel",
                PanelRecommendation,
                Schedule::Once(Days(7)),
                AgencyDecision,
                &[],
                AgencyDecisionMaker,
            ),
            Days(3),
        ),
        ServiceManager,
    ),
    escalate(
        warn(
            rule(
                "KIN-102",
                "Connected person's temporary approval ends (16 weeks)",
                Reg24TemporaryApproval,
                Schedule::Once(Weeks(16)),
                ConnectedPersonApproved,
                &[Reg24Extended, Reg24Ended],
                AssessingSocialWorker,
            ),
            Weeks(4),
        ),
        ServiceManager,
    ),
    escalate(
        warn(
            rule(
                "KIN-103",
                "Extended temporary approval ends (8 more weeks)",
                Reg24Extended,
                Schedule::Once(Weeks(8)),
                ConnectedPersonApproved,
                &[Reg24Ended],
                AssessingSocialWorker,
            ),
            Weeks(2),
        ),
        ServiceManager,
    ),
    // Support after an order.
    warn(
        rule(
            "ASSESS-012",
            "Response to the proposed adoption support plan",
            SupportPlanAgreed,
            Schedule::Once(Days(10)),
            SupportPlanResponse,
            &[],
            PostOrderSupportWorker,
        ),
        Days(3),
    ),
    rule(
        "VISIT-001",
        "Support worker visit 6 weeks after placing for adoption",
        PlacedForAdoption,
        Schedule::Once(Weeks(6)),
        PostOrderVisit,
        &[OrderRevoked],
        PostOrderSupportWorker,
    ),
    rule(
        "VISIT-003",
        "Telephone call to adopters (6 to 36 months after placing)",
        PlacedForAdoption,
        Schedule::Fixed(&[
            Months(6),
            Months(12),
            Months(18),
            Months(24),
            Months(30),
            Months(36),
        ]),
        PostOrderCall,
        &[OrderRevoked],
        PostOrderSupportWorker,
    ),
    rule(
        "VISIT-005",
        "Placement visit 6 weeks after a special guardianship order",
        SpecialGuardianshipOrderMade,
        Schedule::Once(Weeks(6)),
        PostOrderVisit,
        &[],
        PostOrderSupportWorker,
    ),
    rule(
        "VISIT-006",
        "Telephone call to special guardians (6 to 36 months after the order)",
        SpecialGuardianshipOrderMade,
        Schedule::Fixed(&[
            Months(6),
            Months(12),
            Months(18),
            Months(24),
            Months(30),
            Months(36),
        ]),
        PostOrderCall,
        &[],
        PostOrderSupportWorker,
    ),
];

/// The rules with a spec ID.
pub fn rules_named(id: &str) -> impl Iterator<Item = &'static DeadlineRule> + '_ {
    RULES.iter().filter(move |r| r.id == id)
}

/// One scenario test per rule, named by its spec ID, with the dates of the
/// rule's Check where the spec gives them.
/// What the scenario tests of every chapter share.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::deadlines::{Deadline, Event, SubjectFacts, deadlines};

    /// An ISO date.
    pub fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// An event on an ISO date.
    pub fn ev(kind: EventKind, date: &str) -> Event {
        Event {
            date: d(date),
            kind,
        }
    }

    /// The deadlines (met or open) that rules with this ID give for the
    /// events, in rule-table order and, within a rule, in date order.
    pub fn schedule(id: &str, events: &[Event], dob: Option<&str>) -> Vec<Deadline> {
        let mut events = events.to_vec();
        events.sort();
        deadlines(
            &RULES,
            &events,
            SubjectFacts {
                date_of_birth: dob.map(d),
            },
        )
        .into_iter()
        .filter(|x| x.rule.id == id)
        .collect()
    }

    /// The due dates of a list of deadlines.
    pub fn dues(list: &[Deadline]) -> Vec<NaiveDate> {
        list.iter().map(|x| x.due).collect()
    }
}

/// One scenario test per rule, named by its spec ID, with the dates of the
/// rule's Check where the spec gives them.
#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::deadlines::{Deadline, Event, Standing, SubjectFacts, deadlines};

    #[test]
    fn every_rule_names_a_spec_rule_and_a_meeting_event_other_than_its_trigger() {
        for r in RULES.iter() {
            assert!(r.id.contains('-'), "{}", r.id);
            assert_ne!(r.starts, r.met_by, "{}", r.id);
        }
    }

    #[test]
    fn track_001_reviews_count_from_the_last_review_actually_held() {
        // The spec's Check: entered care 2025-03-03; first review due 2025-03-31
        // (20 working days); held 2025-03-28, so the second is due 2025-06-28;
        // held 2025-06-20, so the third is due 2025-12-20.
        let events = [
            ev(EnteredCare, "2025-03-03"),
            ev(ReviewHeld, "2025-03-28"),
            ev(ReviewHeld, "2025-06-20"),
        ];
        let reviews = schedule("TRACK-001", &events, None);
        assert_eq!(
            dues(&reviews),
            vec![d("2025-03-31"), d("2025-06-28"), d("2025-12-20")]
        );
        assert_eq!(reviews[2].standing(d("2025-12-10")), Standing::DueSoon);
        assert_eq!(reviews[2].standing(d("2025-12-21")), Standing::Overdue);
        assert_eq!(reviews[0].standing(d("2025-12-21")), Standing::Met);
    }

    #[test]
    fn track_001_first_review_crosses_christmas_and_new_year() {
        // 20 working days after Monday 2025-12-15 is 2026-01-15.
        let reviews = schedule("TRACK-001", &[ev(EnteredCare, "2025-12-15")], None);
        assert_eq!(dues(&reviews), vec![d("2026-01-15")]);
    }

    #[test]
    fn track_001_reviews_stop_when_the_child_leaves_care() {
        let events = [
            ev(EnteredCare, "2025-03-03"),
            ev(ReviewHeld, "2025-03-28"),
            ev(LeftCare, "2025-05-01"),
        ];
        let reviews = schedule("TRACK-001", &events, None);
        assert_eq!(reviews.len(), 1, "the open second review is withdrawn");
    }

    #[test]
    fn track_015_visits_are_due_a_week_after_placement_then_every_six_weeks() {
        // The spec's Check: placement 2025-03-03, first visit 2025-03-10, next due 2025-04-21.
        let events = [
            ev(PlacementStarted, "2025-03-03"),
            ev(SocialWorkerVisit, "2025-03-10"),
        ];
        let visits: Vec<Deadline> = schedule("TRACK-015", &events, None);
        assert_eq!(dues(&visits), vec![d("2025-03-10"), d("2025-04-21")]);
        // A new placement restarts the schedule; the old open visit is withdrawn.
        let moved = [
            ev(PlacementStarted, "2025-03-03"),
            ev(SocialWorkerVisit, "2025-03-10"),
            ev(PlacementStarted, "2025-04-01"),
        ];
        assert_eq!(
            dues(&schedule("TRACK-015", &moved, None)),
            vec![d("2025-03-10"), d("2025-04-08")]
        );
    }

    #[test]
    fn track_015_a_confirmed_long_term_placement_moves_to_three_monthly_visits_after_a_year() {
        let mut events = vec![ev(LongTermPlacementStarted, "2025-01-06")];
        // Visits exactly on time for the first year: a week, then 8 six-weekly visits.
        let mut visit = d("2025-01-13");
        events.push(Event {
            date: visit,
            kind: SocialWorkerVisit,
        });
        for _ in 0..8 {
            visit = visit + chrono::Days::new(42);
            events.push(Event {
                date: visit,
                kind: SocialWorkerVisit,
            });
        }
        let visits = schedule("TRACK-015", &events, None);
        let last = visits.last().unwrap();
        assert_eq!(last.met, None);
        assert_eq!(last.due, crate::calendar::add_months(visit, 3));
    }

    #[test]
    fn kpi_cic_10_health_assessments_are_six_monthly_under_five_and_yearly_after() {
        let events = [
            ev(EnteredCare, "2025-01-06"),
            ev(HealthAssessment, "2025-01-20"),
            ev(HealthAssessment, "2025-07-18"),
        ];
        // Born 2020-05-01: 4 at the first review assessment, 5 by the second.
        let checks = schedule("KPI-CIC-10", &events, Some("2020-05-01"));
        assert_eq!(
            dues(&checks),
            vec![d("2025-02-03"), d("2025-07-20"), d("2026-07-18")]
        );
    }

    #[test]
    fn edu_010_personal_education_plans_are_reviewed_three_times_a_year() {
        let events = [
            ev(EnteredCare, "2025-09-01"),
            ev(PersonalEducationPlan, "2025-09-25"),
            ev(PersonalEducationPlan, "2026-01-20"),
        ];
        let peps = schedule("EDU-010", &events, None);
        assert_eq!(
            dues(&peps),
            vec![d("2025-09-29"), d("2026-01-25"), d("2026-05-20")]
        );
        // Three reviews a year: a missed summer review is overdue after 20 May.
        assert_eq!(peps[2].standing(d("2026-07-20")), Standing::Overdue);
    }

    #[test]
    fn plan_005_the_plan_is_ratified_by_the_second_review() {
        let events = [
            ev(EnteredCare, "2025-03-03"),
            ev(ReviewHeld, "2025-03-28"),
            ev(ReviewHeld, "2025-06-20"),
        ];
        let plan = schedule("PLAN-005", &events, None);
        assert_eq!(dues(&plan), vec![d("2025-06-20")]);
        assert_eq!(plan[0].standing(d("2025-07-01")), Standing::Overdue);
        // Before the second review is held, the plan is due at its statutory date.
        let early = schedule("PLAN-005", &events[..2], None);
        assert_eq!(dues(&early), vec![d("2025-06-28")]);
        let mut ratified = events.to_vec();
        ratified.push(ev(PermanencePlanRatified, "2025-06-20"));
        assert_eq!(
            schedule("PLAN-005", &ratified, None)[0].standing(d("2025-07-01")),
            Standing::Met
        );
    }

    #[test]
    fn adopt_016_no_regional_link_twelve_weeks_after_the_placement_order() {
        // The spec's Check: PO 2025-01-06, alert on 2025-03-31 (84 days).
        let alert = schedule("ADOPT-016", &[ev(PlacementOrderMade, "2025-01-06")], None);
        assert_eq!(dues(&alert), vec![d("2025-03-31")]);
        assert_eq!(alert[0].rule.escalate_to, ServiceManager);
        // A placement order revoked withdraws it.
        let revoked = [
            ev(PlacementOrderMade, "2025-01-06"),
            ev(OrderRevoked, "2025-02-01"),
        ];
        assert!(schedule("ADOPT-016", &revoked, None).is_empty());
    }

    #[test]
    fn adopt_017_and_conv_001_the_rule_in_force_on_the_trigger_date_applies() {
        // CONV-001's Check: an ADM decision on 2019-02-01 falls under the 90-day
        // NAR rule, so the referral is due 2019-05-02 ...
        let nar = schedule("ADOPT-017", &[ev(BestInterestDecision, "2019-02-01")], None);
        assert_eq!(dues(&nar), vec![d("2019-05-02")]);
        // ... and a placement order in 2019 starts no 12-week national search timer.
        assert!(schedule("ADOPT-016", &[ev(PlacementOrderMade, "2019-03-01")], None).is_empty());
        // After 2020-10-13 the ADM decision starts no NAR timer.
        assert!(schedule("ADOPT-017", &[ev(BestInterestDecision, "2021-02-01")], None).is_empty());
    }

    #[test]
    fn adopt_021_expressions_of_interest_get_a_reply_within_seven_days() {
        let events = [
            ev(ExpressionOfInterestReceived, "2025-04-02"),
            ev(ExpressionOfInterestAnswered, "2025-04-10"),
        ];
        let eoi = schedule("ADOPT-021", &events, None);
        assert_eq!(dues(&eoi), vec![d("2025-04-09")]);
        assert_eq!(eoi[0].standing(d("2025-04-30")), Standing::MetLate);
    }

    #[test]
    fn fost_007_form_f_in_sixteen_weeks() {
        let form_f = schedule(
            "FOST-007",
            &[ev(FosteringAssessmentStarted, "2019-01-07")],
            None,
        );
        assert_eq!(dues(&form_f), vec![d("2019-04-29")]);
    }

    #[test]
    fn fost_015_agency_decision_within_seven_days_of_panel() {
        let events = [
            ev(PanelRecommendation, "2019-05-08"),
            ev(AgencyDecision, "2019-05-16"),
        ];
        let adm = schedule("FOST-015", &events, None);
        assert_eq!(dues(&adm), vec![d("2019-05-15")]);
        assert_eq!(adm[0].standing(d("2019-06-01")), Standing::MetLate);
    }

    #[test]
    fn kin_102_temporary_approval_lasts_sixteen_weeks() {
        let approval = schedule("KIN-102", &[ev(Reg24TemporaryApproval, "2025-01-06")], None);
        assert_eq!(dues(&approval), vec![d("2025-04-28")]);
        assert_eq!(approval[0].standing(d("2025-04-29")), Standing::Overdue);
        assert_eq!(approval[0].standing(d("2025-04-01")), Standing::DueSoon);
    }

    #[test]
    fn kin_103_an_extension_adds_eight_weeks_and_withdraws_the_first_end_date() {
        let events = [
            ev(Reg24TemporaryApproval, "2025-01-06"),
            ev(Reg24Extended, "2025-04-14"),
        ];
        assert!(schedule("KIN-102", &events, None).is_empty());
        assert_eq!(
            dues(&schedule("KIN-103", &events, None)),
            vec![d("2025-06-09")]
        );
    }

    #[test]
    fn assess_012_ten_days_to_respond_to_a_proposed_support_plan() {
        let plan = schedule("ASSESS-012", &[ev(SupportPlanAgreed, "2025-03-03")], None);
        assert_eq!(dues(&plan), vec![d("2025-03-13")]);
        assert_eq!(plan[0].standing(d("2025-03-14")), Standing::Overdue);
    }

    #[test]
    fn visit_001_support_worker_visit_six_weeks_after_placing_for_adoption() {
        let visit = schedule("VISIT-001", &[ev(PlacedForAdoption, "2025-03-10")], None);
        assert_eq!(dues(&visit), vec![d("2025-04-21")]);
        assert_eq!(visit[0].standing(d("2025-04-21")), Standing::DueSoon);
        assert_eq!(visit[0].standing(d("2025-04-22")), Standing::Overdue);
    }

    #[test]
    fn visit_003_calls_count_from_placing_whatever_the_order_date() {
        let mut events = vec![
            ev(PlacedForAdoption, "2024-09-16"),
            ev(AdoptionOrderMade, "2025-06-02"),
        ];
        for date in [
            "2025-03-16",
            "2025-09-16",
            "2026-03-16",
            "2026-09-16",
            "2027-03-16",
        ] {
            events.push(ev(PostOrderCall, date));
        }
        let calls = schedule("VISIT-003", &events, None);
        assert_eq!(
            dues(&calls),
            [
                "2025-03-16",
                "2025-09-16",
                "2026-03-16",
                "2026-09-16",
                "2027-03-16",
                "2027-09-16"
            ]
            .map(d)
            .to_vec()
        );
        assert_eq!(calls[5].met, None);
    }

    #[test]
    fn visit_005_placement_visit_six_weeks_after_a_special_guardianship_order() {
        let visit = schedule(
            "VISIT-005",
            &[ev(SpecialGuardianshipOrderMade, "2025-01-20")],
            None,
        );
        assert_eq!(dues(&visit), vec![d("2025-03-03")]);
    }

    #[test]
    fn visit_006_calls_to_special_guardians_for_three_years() {
        let calls = schedule(
            "VISIT-006",
            &[ev(SpecialGuardianshipOrderMade, "2025-01-20")],
            None,
        );
        // Only the first call is open: the next counts from when it is made.
        assert_eq!(dues(&calls), vec![d("2025-07-20")]);
    }

    #[test]
    fn a_rule_whose_trigger_has_not_happened_gives_no_deadline() {
        assert!(deadlines(&RULES, &[], SubjectFacts::default()).is_empty());
    }

    #[test]
    fn track_001_panel_006_and_the_other_timescales_read_outside_the_engine_come_from_the_table() {
        use crate::calendar::Period::*;
        assert_eq!(timescale::first_review(), WorkingDays(20));
        assert_eq!(timescale::second_review(), Months(3));
        assert_eq!(timescale::later_review(), Months(6));
        assert_eq!(timescale::adm_decision(), WorkingDays(5));
        assert_eq!(timescale::ltf_to_panel(), Months(2));
        assert_eq!(timescale::panel_monitoring(), Months(12));
        assert_eq!(timescale::plan_distribution(), WorkingDays(10));
        assert_eq!(timescale::care_plan_update(), Months(6));
        assert_eq!(timescale::iro_stage_response(), WorkingDays(5));
        assert_eq!(timescale::iro_overall(), WorkingDays(20));
    }
}
