use super::*;
use crate::permanence::file_audit::KssStandard;
use crate::permanence::iro_issues::IroIssue;
use crate::permanence::plan::{Firmness, ParallelPlan, Step};
use crate::permanence::workflow::IroIssueState;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("an ISO date")
}

fn plan(lifecycle: Lifecycle) -> PermanencePlan {
    let mut p = PermanencePlan::draft("X".parse().unwrap(), d("2025-03-03"), "sw-1");
    p.lifecycle = lifecycle;
    p
}

/// Entered care 2025-03-03, first review held 2025-03-31, permanence
/// discussed at entry, draft plan.
fn child() -> TrackingFacts {
    TrackingFacts {
        child_id: "X".parse().unwrap(),
        entered_care: Some(d("2025-03-03")),
        reviews_held: vec![d("2025-03-31")],
        permanence_discussion: Some(d("2025-03-03")),
        plan: Some(plan(Lifecycle::Draft)),
        ..TrackingFacts::new("X".parse().unwrap())
    }
}

fn codes(reasons: &[DriftReason]) -> Vec<DriftCode> {
    reasons.iter().map(|r| r.code).collect()
}

fn reason(code: DriftCode, opened: &str) -> DriftReason {
    DriftReason::new(code, "TRACK-002", d(opened), code.label())
}

#[test]
fn track_001_review_due_dates_count_from_the_review_actually_held() {
    let entered = d("2025-03-03");
    assert_eq!(next_review_due(entered, &[]), d("2025-03-31"));
    assert_eq!(
        review_due_dates(entered, &[d("2025-06-20"), d("2025-03-28")]),
        vec![d("2025-03-31"), d("2025-06-28"), d("2025-12-20")]
    );
    // A review from an earlier period of care does not count.
    assert_eq!(
        next_review_due(entered, &[d("2024-11-01")]),
        d("2025-03-31")
    );
}

#[test]
fn track_002_child_appears_once_with_both_reasons() {
    // Reason (b) open from 2025-07-01 (second review due 2025-06-30, no
    // ratified plan) and reason (e) from 2025-08-31 (LTF agreed at the
    // review on 2025-06-30, not listed by 2025-08-30).
    let mut x = child();
    x.reviews_held.push(d("2025-06-30"));
    x.ltf_agreed_at_review = Some(d("2025-06-30"));
    x.plan.as_mut().unwrap().pathway = Some(Pathway::LongTermFostering);
    let mut settled = child();
    settled.child_id = "Y".parse().unwrap();
    settled.plan = Some(plan(Lifecycle::Ratified));
    settled.reviews_held.push(d("2025-06-30"));
    assert!(drift_reasons(&settled, d("2025-09-01")).is_empty());
    let list = vec![DriftListEntry {
        child_id: x.child_id.clone(),
        reasons: drift_reasons(&x, d("2025-09-01")),
    }];
    assert_eq!(list[0].child_id, "X");
    let reasons = &list[0].reasons;
    assert_eq!(codes(reasons), vec![DriftCode::B, DriftCode::E]);
    assert_eq!(reasons[0].opened, d("2025-07-01"));
    assert_eq!(reasons[0].days_open(d("2025-09-01")), 62);
    assert_eq!(
        reasons[0].message,
        "Permanence plan not ratified by second review"
    );
    assert_eq!(reasons[1].opened, d("2025-08-31"));
    assert_eq!(
        reasons[1].message,
        "LTF plan not at Permanence Panel within 2 months"
    );
    assert_eq!(
        drift_counts(&list),
        BTreeMap::from([(DriftCode::B, 1), (DriftCode::E, 1)])
    );
}

#[test]
fn track_002_reason_b_opens_the_day_after_the_second_review_due_date() {
    // The second review was held but did not ratify the plan.
    let mut x = child();
    x.reviews_held.push(d("2025-06-27"));
    assert!(drift_reasons(&x, d("2025-06-30")).is_empty());
    assert_eq!(
        codes(&drift_reasons(&x, d("2025-07-01"))),
        vec![DriftCode::B]
    );
    // Ratified at the second review: cleared.
    let mut ratified = x.clone();
    let p = ratified.plan.as_mut().unwrap();
    p.lifecycle = Lifecycle::RatifiedSubjectToPanel;
    p.ratified_on = Some(d("2025-06-27"));
    assert!(drift_reasons(&ratified, d("2025-07-01")).is_empty());
}

#[test]
fn track_002_reason_a_permanence_not_discussed_by_first_review() {
    let mut x = child();
    x.permanence_discussion = None;
    let reasons = drift_reasons(&x, d("2025-03-31"));
    assert_eq!(codes(&reasons), vec![DriftCode::A]);
    assert_eq!(reasons[0].opened, d("2025-03-31"));
    assert_eq!(
        reasons[0].message,
        "Permanence not discussed by first review"
    );
    // Not yet held and not yet due: nothing.
    x.reviews_held.clear();
    assert!(drift_reasons(&x, d("2025-03-20")).is_empty());
    // A discussion recorded clears it.
    x.permanence_discussion = Some(d("2025-03-05"));
    assert!(drift_reasons(&x, d("2025-03-31")).is_empty());
}

#[test]
fn track_002_reasons_c_d_and_g_from_the_plan() {
    let mut x = child();
    let p = x.plan.as_mut().unwrap();
    p.lifecycle = Lifecycle::Ratified;
    p.ratified_on = Some(d("2025-06-30"));
    p.firmness = Firmness {
        provisional: false,
        parallel: true,
    };
    p.parallel = Some(ParallelPlan {
        pathway: Pathway::SpecialGuardianshipOrder,
        decision_date: d("2025-09-30"),
        decided: None,
    });
    p.steps = vec![
        Step {
            description: "Viability assessment of the aunt".into(),
            owner: "sw-1".into(),
            target: d("2025-09-15"),
            done: None,
            variance_reason: None,
        },
        Step {
            description: "Contact review".into(),
            owner: "sw-1".into(),
            target: d("2025-08-01"),
            done: Some(d("2025-07-30")),
            variance_reason: None,
        },
    ];
    x.reviews_held.push(d("2025-06-30"));
    assert!(drift_reasons(&x, d("2025-09-15")).is_empty());
    let on = drift_reasons(&x, d("2025-10-01"));
    assert_eq!(codes(&on), vec![DriftCode::C, DriftCode::D]);
    assert_eq!(on[0].message, "Parallel plan decision date passed");
    assert_eq!(on[0].opened, d("2025-10-01"));
    assert_eq!(on[1].opened, d("2025-09-16"));
    assert!(!on[1].message.contains("aunt"), "no free text in messages");
    // Care plan last updated (ratified) 2025-06-30: due 2025-12-30.
    let later = drift_reasons(&x, d("2025-12-31"));
    let g = later.iter().find(|r| r.code == DriftCode::G).unwrap();
    assert_eq!((g.rule, g.opened), ("PLAN-015", d("2025-12-31")));
    assert!(!codes(&drift_reasons(&x, d("2025-12-30"))).contains(&DriftCode::G));
}

#[test]
fn track_002_reason_f_review_overdue() {
    let mut x = child();
    x.plan = Some(plan(Lifecycle::Ratified));
    x.reviews_held.push(d("2025-06-20"));
    assert!(drift_reasons(&x, d("2025-12-20")).is_empty());
    let reasons = drift_reasons(&x, d("2025-12-21"));
    assert_eq!(codes(&reasons), vec![DriftCode::F]);
    assert_eq!(reasons[0].rule, "TRACK-001");
}

#[test]
fn track_002_reason_h_short_term_placement_over_two_years() {
    let mut x = child();
    x.entered_care = None;
    x.short_term_placement_start = Some(d("2023-01-15"));
    assert!(drift_reasons(&x, d("2025-01-15")).is_empty());
    let reasons = drift_reasons(&x, d("2025-01-16"));
    assert_eq!(codes(&reasons), vec![DriftCode::H]);
    // A ratified final plan is a permanence decision.
    let mut decided = plan(Lifecycle::Ratified);
    decided.ratified_on = Some(d("2024-05-01"));
    decided.care_plan_updated = Some(d("2025-01-02"));
    x.plan = Some(decided.clone());
    assert!(drift_reasons(&x, d("2025-01-16")).is_empty());
    // A provisional one is not.
    decided.firmness.provisional = true;
    x.plan = Some(decided);
    assert_eq!(
        codes(&drift_reasons(&x, d("2025-01-16"))),
        vec![DriftCode::H]
    );
}

#[test]
fn track_002_reason_i_takes_the_adoption_timer_open_longest() {
    let mut x = child();
    x.plan = Some(plan(Lifecycle::Ratified));
    x.reviews_held.push(d("2025-06-20"));
    x.adoption_plan = true;
    x.adoption_plan_agreed = Some(d("2025-06-20"));
    // The ADM decision was due 2025-08-20.
    let reasons = drift_reasons(&x, d("2025-08-21"));
    assert_eq!(codes(&reasons), vec![DriftCode::I]);
    assert_eq!(reasons[0].rule, "ADOPT-009");
    x.adoption_adm_decision = Some(d("2025-08-01"));
    assert!(drift_reasons(&x, d("2025-08-21")).is_empty());
    // Placement order 2025-01-06 with no link: alert on 2025-03-31.
    let mut y = TrackingFacts {
        adoption_plan: true,
        placement_order: Some(d("2025-01-06")),
        ..TrackingFacts::new("X".parse().unwrap())
    };
    assert!(drift_reasons(&y, d("2025-03-30")).is_empty());
    assert_eq!(drift_reasons(&y, d("2025-03-31"))[0].rule, "ADOPT-016");
    y.placed_for_adoption = Some(d("2025-03-20"));
    assert!(drift_reasons(&y, d("2025-03-31")).is_empty());
}

#[test]
fn track_002_reason_j_panel_monitoring_overdue() {
    let mut x = child();
    x.plan = Some(plan(Lifecycle::Achieved));
    x.reviews_held = vec![d("2024-03-31"), d("2025-03-20")];
    x.entered_care = Some(d("2024-03-04"));
    x.match_agreed = Some(d("2024-09-11"));
    assert!(drift_reasons(&x, d("2025-09-11")).is_empty());
    let reasons = drift_reasons(&x, d("2025-09-12"));
    assert_eq!(codes(&reasons), vec![DriftCode::J]);
    assert_eq!(reasons[0].message, "Permanence Panel monitoring overdue");
    x.monitoring_heard.push(d("2025-09-10"));
    assert!(drift_reasons(&x, d("2025-09-12")).is_empty());
}

#[test]
fn track_002_facts_after_the_run_date_are_not_known_yet() {
    let mut x = child();
    x.ltf_agreed_at_review = Some(d("2025-06-30"));
    x.reviews_held.push(d("2025-06-30"));
    let mut p = plan(Lifecycle::RatifiedSubjectToPanel);
    p.ratified_on = Some(d("2025-06-30"));
    x.plan = Some(p);
    x.panel_listed = Some(d("2025-09-05"));
    assert_eq!(
        codes(&drift_reasons(&x, d("2025-09-01"))),
        vec![DriftCode::E]
    );
    assert!(drift_reasons(&x, d("2025-09-05")).is_empty());
}

#[test]
fn track_002_next_milestone_is_the_earliest_not_yet_met() {
    let x = child();
    // Second review and ratification both due 2025-06-30; the review
    // comes first in the list.
    assert_eq!(
        next_milestone(&x, d("2025-04-01")),
        Some(("Review of Arrangements 2".to_owned(), d("2025-06-30")))
    );
    let mut y = child();
    y.plan = Some(plan(Lifecycle::Ratified));
    y.reviews_held.push(d("2025-06-30"));
    y.trajectory = vec![Milestone {
        kind: MilestoneKind::PermanencePanel,
        target: d("2025-08-30"),
        actual: None,
        variance_reason: None,
    }];
    assert_eq!(
        next_milestone(&y, d("2025-07-01")),
        Some(("Permanence Panel".to_owned(), d("2025-08-30")))
    );
    assert_eq!(
        next_milestone(&TrackingFacts::new("X".parse().unwrap()), d("2025-07-01")),
        None
    );
}

#[test]
fn track_003_service_manager_oversight_after_thirty_days_on_the_list() {
    let reasons = [reason(DriftCode::B, "2025-07-01")];
    let mut x = child();
    assert_eq!(service_manager_oversight_due(&reasons[0]), d("2025-07-31"));
    assert!(!needs_service_manager(&reasons, &x, d("2025-07-30")));
    assert!(needs_service_manager(&reasons, &x, d("2025-07-31")));
    // An entry from before the reason opened does not count.
    x.sm_oversight.push(d("2025-06-15"));
    assert!(needs_service_manager(&reasons, &x, d("2025-07-31")));
    x.sm_oversight.push(d("2025-07-20"));
    assert!(!needs_service_manager(&reasons, &x, d("2025-07-31")));
}

#[test]
fn track_004_variance_needs_a_reason() {
    let mut panel = Milestone {
        kind: MilestoneKind::PermanencePanel,
        target: d("2025-08-30"),
        actual: Some(d("2025-09-10")),
        variance_reason: None,
    };
    assert_eq!(panel.variance_days(d("2025-10-01")), Some(11));
    let gaps = trajectory_gaps(std::slice::from_ref(&panel), d("2025-10-01"));
    assert_eq!(gaps.len(), 1);
    assert!(gaps[0].blocking);
    assert_eq!(
        gaps[0].message,
        "Permanence Panel: 11 days late; a variance reason is required"
    );
    panel.variance_reason = Some("Panel cancelled in August".into());
    assert!(trajectory_gaps(&[panel], d("2025-10-01")).is_empty());
    // On target, or not yet due: no variance to explain.
    let on_time = Milestone {
        kind: MilestoneKind::Match,
        target: d("2025-11-01"),
        actual: Some(d("2025-11-01")),
        variance_reason: None,
    };
    let not_due = Milestone {
        kind: MilestoneKind::Order,
        target: d("2026-01-15"),
        actual: None,
        variance_reason: None,
    };
    assert_eq!(not_due.variance_days(d("2025-12-01")), None);
    assert!(trajectory_gaps(&[on_time, not_due.clone()], d("2025-12-01")).is_empty());
    // Past its target and not reached: late so far.
    assert_eq!(not_due.variance_days(d("2026-01-20")), Some(5));
}

#[test]
fn track_005_carer_notice_on_a_long_term_placement_sets_the_flag() {
    let (flag, task) =
        raise_placement_risk("pl-7", true, StrainIndicator::CarerNotice, d("2025-10-01"))
            .expect("a long-term placement is flagged");
    assert_eq!(flag.raised, d("2025-10-01"));
    assert_eq!(task.rule, "TRACK-005");
    assert_eq!(task.due, d("2025-10-08"));
    assert_eq!(
        risk_response_outstanding(&flag),
        vec!["placement stability meeting", "action plan"]
    );
    assert!(
        raise_placement_risk("pl-8", false, StrainIndicator::CarerNotice, d("2025-10-01"))
            .is_none()
    );
    let answered = PlacementRiskFlag {
        stability_meeting: Some(d("2025-10-06")),
        action_plan: vec![Action {
            what: "Therapeutic support referral".into(),
            owner: "sw-1".into(),
            due: d("2025-10-20"),
            done: None,
        }],
        ..flag
    };
    assert!(risk_response_outstanding(&answered).is_empty());
}

fn finalisable_review() -> ReviewMonitoring {
    ReviewMonitoring {
        school_age: true,
        child_participation: Some(ChildParticipation::Attended),
        iro_role_explained: Some(true),
        outcome_progress: OutcomeArea::ALL
            .into_iter()
            .map(|a| (a, Progress::OnTrack))
            .collect(),
        ..ReviewMonitoring::default()
    }
}

#[test]
fn track_006_school_age_child_needs_an_education_status() {
    assert!(review_monitoring_gaps(&finalisable_review()).is_empty());
    let mut review = finalisable_review();
    review.outcome_progress.remove(&OutcomeArea::Education);
    let gaps = review_monitoring_gaps(&review);
    assert_eq!(gaps.len(), 1);
    assert_eq!((gaps[0].rule, gaps[0].blocking), ("TRACK-006", true));
    assert_eq!(gaps[0].message, "Education status is required");
    review.school_age = false;
    assert!(review_monitoring_gaps(&review).is_empty());
    review.outcome_progress.remove(&OutcomeArea::Stability);
    assert_eq!(review_monitoring_gaps(&review).len(), 1);
}

#[test]
fn track_006_progress_is_totalled_across_children() {
    let a = finalisable_review();
    let mut b = finalisable_review();
    b.outcome_progress
        .insert(OutcomeArea::Education, Progress::NotOnTrack);
    let totals = outcome_totals([&a, &b]);
    assert_eq!(totals[&(OutcomeArea::Education, Progress::OnTrack)], 1);
    assert_eq!(totals[&(OutcomeArea::Education, Progress::NotOnTrack)], 1);
    assert_eq!(totals[&(OutcomeArea::Stability, Progress::OnTrack)], 2);
}

#[test]
fn track_007_percent_of_plans_ratified_by_the_second_review() {
    // Q1 2025-26: 40 children, 34 ratified at or before the review.
    let mut children: Vec<RatificationTiming> = (0..40)
        .map(|i| RatificationTiming {
            child_id: format!("c{i}").parse().unwrap(),
            second_review: d("2025-05-15"),
            first_ratified: (i < 34).then(|| d("2025-05-15")),
        })
        .collect();
    // Ratified late, and a review outside the quarter: neither changes it.
    children[39].first_ratified = Some(d("2025-05-16"));
    children.push(RatificationTiming {
        child_id: "late".parse().unwrap(),
        second_review: d("2025-07-02"),
        first_ratified: None,
    });
    assert_eq!(
        percent_ratified_by_second_review(&children, d("2025-04-01"), d("2025-06-30")),
        Some(85.0)
    );
    assert_eq!(
        percent_ratified_by_second_review(&children, d("2024-04-01"), d("2024-06-30")),
        None
    );
}

fn scorecard(date: &str) -> GovernanceReport {
    GovernanceReport {
        kind: GovernanceReportKind::PermanenceScorecard,
        date: d(date),
        audiences: vec![Audience::LeadMember, Audience::Director],
    }
}

#[test]
fn track_008_reporting_calendar_needs_quarterly_scorecards_and_the_iro_report() {
    let mut calendar = vec![
        scorecard("2025-07-10"),
        scorecard("2025-10-09"),
        scorecard("2026-01-15"),
        scorecard("2026-03-12"),
        GovernanceReport {
            kind: GovernanceReportKind::IroAnnualReport,
            date: d("2025-09-18"),
            audiences: vec![Audience::Scrutiny],
        },
    ];
    // Q1 (April to June) has no report yet.
    assert_eq!(
        governance_calendar_problems(&calendar, 2025),
        vec!["no Permanence Scorecard report to the Lead Member and the Director in Q1 2025-26"]
    );
    calendar.push(GovernanceReport {
        audiences: vec![Audience::Director],
        ..scorecard("2025-06-12")
    });
    assert_eq!(governance_calendar_problems(&calendar, 2025).len(), 1);
    calendar.push(scorecard("2025-06-12"));
    assert!(governance_calendar_problems(&calendar, 2025).is_empty());
    calendar.retain(|r| r.kind != GovernanceReportKind::IroAnnualReport);
    assert_eq!(
        governance_calendar_problems(&calendar, 2025),
        vec!["no IRO annual report in 2025-26"]
    );
}

#[test]
fn track_009_inadequate_audit_grade_creates_a_team_manager_action() {
    // "Timeliness of planning" is the KSS standard on drift: the right
    // decision at the right time.
    let mut audit = PermanenceAudit::new("X".parse().unwrap(), d("2025-11-03"));
    for standard in KssStandard::ALL {
        audit.grade(standard, AuditGrade::Good);
    }
    audit.grade(KssStandard::EliminateDrift, AuditGrade::Inadequate);
    assert!(
        audit_actions(&audit, "tm-2").is_empty(),
        "not yet completed"
    );
    audit.close(d("2025-11-10")).unwrap();
    let actions = audit_actions(&audit, "tm-2");
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].owner, "tm-2");
    assert_eq!(actions[0].due, d("2025-12-08"));
    assert!(actions[0].what.contains("right decision at the right time"));
    assert!(actions[0].what.ends_with("(graded inadequate)"));
    audit.grade(KssStandard::CaseRecords, AuditGrade::RequiresImprovement);
    assert_eq!(audit_actions(&audit, "tm-2").len(), 2);
}

#[test]
fn track_010_permanence_achieved_asks_the_carer_and_the_child() {
    let parties = FeedbackParties {
        carer: Some("carer-4".into()),
        child_can_give_views: true,
        family: Vec::new(),
    };
    let requests = feedback_requests(
        &"X".parse().unwrap(),
        FeedbackTrigger::PermanenceAchieved,
        d("2025-11-14"),
        &parties,
    );
    let who: Vec<Respondent> = requests.iter().map(|r| r.respondent).collect();
    assert_eq!(who, vec![Respondent::Carer, Respondent::Child]);
    assert!(requests.iter().all(|r| r.created == d("2025-11-14")));
    let young = FeedbackParties {
        child_can_give_views: false,
        ..parties
    };
    let requests = feedback_requests(
        &"X".parse().unwrap(),
        FeedbackTrigger::PermanenceAchieved,
        d("2025-11-14"),
        &young,
    );
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].respondent, Respondent::Carer);
}

#[test]
fn track_011_review_needs_the_child_participation_mode() {
    let mut review = finalisable_review();
    review.child_participation = None;
    let gaps = review_monitoring_gaps(&review);
    assert_eq!(gaps.len(), 1);
    assert_eq!(
        (gaps[0].rule, gaps[0].field),
        ("TRACK-011", "child_participation")
    );
    review.child_participation = Some(ChildParticipation::NotParticipating);
    assert_eq!(
        review_monitoring_gaps(&review)[0].field,
        "non_participation_reason"
    );
    review.non_participation_reason = Some("Declined to attend".into());
    assert!(review_monitoring_gaps(&review).is_empty());
    review.iro_role_explained = None;
    assert_eq!(
        review_monitoring_gaps(&review)[0].field,
        "iro_role_explained"
    );
}

#[test]
fn track_012_review_form_prefilled_with_open_drift_reasons() {
    // Reason (b) open on the day of the review, 2025-07-10 (the second
    // review, on 2025-06-30, did not ratify the plan).
    let mut x = child();
    x.reviews_held.push(d("2025-06-30"));
    let reasons = drift_reasons(&x, d("2025-07-10"));
    let mut review = finalisable_review();
    review.issues = review_issues(&reasons);
    assert_eq!(review.issues.len(), 1);
    assert_eq!(review.issues[0].issue, "Permanence plan not ratified");
    let gaps = review_monitoring_gaps(&review);
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].rule, "TRACK-012");
    // Resolved at the review: no IRO issue is raised.
    review.issues[0].resolution = Some(IssueResolution::ResolvedAtReview);
    assert!(review_monitoring_gaps(&review).is_empty());
    assert!(IroIssue::from_review(&"X".parse().unwrap(), d("2025-07-10"), &review).is_empty());
    // "Open issue – escalate" raises it at Stage 0 on the review date.
    review.issues[0].resolution = Some(IssueResolution::Escalate);
    let issues = IroIssue::from_review(&"X".parse().unwrap(), d("2025-07-10"), &review);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].state(), IroIssueState::Stage0);
    assert_eq!(issues[0].current().raised, d("2025-07-10"));
    assert_eq!(issues[0].current().response_due, d("2025-07-17"));
}

#[test]
fn track_014_adoption_plan_flagged_a3_at_risk_at_twelve_months() {
    let mut x = TrackingFacts {
        child_id: "X".parse().unwrap(),
        entered_care: Some(d("2024-09-02")),
        adoption_plan: true,
        ..TrackingFacts::new("X".parse().unwrap())
    };
    assert_eq!(a3_watch(&x, d("2025-09-01")), None);
    let watch = a3_watch(&x, d("2025-09-02")).expect("flagged on the day");
    assert_eq!(watch.message(), "A3 at risk – 14 months on 2025-11-02");
    let i = drift_reasons(&x, d("2025-09-02"))
        .into_iter()
        .find(|r| r.code == DriftCode::I)
        .expect("reason (i)");
    assert_eq!((i.rule, i.opened), ("TRACK-014", d("2025-09-02")));
    x.placed_for_adoption = Some(d("2025-08-20"));
    assert_eq!(a3_watch(&x, d("2025-09-02")), None);
}

#[test]
fn track_016_drifting_child_not_discussed_in_july_is_flagged() {
    let reasons = [reason(DriftCode::B, "2025-07-01")];
    let mut x = child();
    x.supervision_discussions.push(d("2025-06-25"));
    assert!(not_discussed_in_supervision(&reasons, &x, d("2025-07-01")));
    // June: not yet on the list.
    assert!(!not_discussed_in_supervision(&reasons, &x, d("2025-06-01")));
    x.supervision_discussions.push(d("2025-07-15"));
    assert!(!not_discussed_in_supervision(&reasons, &x, d("2025-07-31")));
    assert_eq!(NOT_DISCUSSED_IN_SUPERVISION, "not discussed in supervision");
}
