//! Oversight of permanence as people meet it (issue 17, ROLE- PANEL- TRACK-):
//! the Permanence Policy's review alert, the services' performance leads,
//! the IRO's issues at a review, the panel's rating of the papers and CDM's
//! outstanding permanence decisions, on both backends.

mod permanence_fixture;
use domain::permanence::panels::CdmDecisionKind;
use domain::permanence::referrals::QualityRating;
use domain::permanence::responsibilities::{PolicyReviewStatus, ServiceArea};
use domain::permanence::tracking::{
    Audience, DriftCode, GovernanceReport, GovernanceReportKind, IssueResolution,
};
use permanence_fixture::*;

#[test]
fn role_001_the_policy_owner_is_alerted_three_months_before_the_end_of_the_review_month() {
    // "Next review May 2021" read as 31 May 2021 (ROLE-001).
    let on = |s: &str| perm::permanence_policy_review(d(s)).expect("a policy in force");
    let current = on("2021-02-27");
    assert_eq!(current.version, "Review May 2020");
    assert_eq!(current.next_review, d("2021-05-31"));
    assert_eq!(current.status, PolicyReviewStatus::Current);
    assert_eq!(
        on("2021-02-28").status,
        PolicyReviewStatus::ReviewDue {
            alert_from: d("2021-02-28")
        }
    );
    assert!(matches!(on("2021-05-31").status, PolicyReviewStatus::ReviewDue { .. }));
    assert_eq!(on("2021-06-01").status, PolicyReviewStatus::ReviewOverdue);
    assert_eq!(on("2026-01-05").status, PolicyReviewStatus::ReviewOverdue);
    // The May 2019 version was current until the May 2020 one came in.
    let earlier = on("2020-04-30");
    assert_eq!(earlier.version, "Review May 2019");
    assert!(matches!(earlier.status, PolicyReviewStatus::ReviewDue { .. }));
    assert!(perm::permanence_policy_review(d("2018-07-31")).is_none());
}

test_support::on_both_backends! {
    fn role_012_the_scorecard_stops_with_performance_lead_missing_until_a_lead_is_named(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-10-01");
        let analyst = user(Role::PerformanceAnalyst, None);
        let scorecard = GovernanceReport {
            kind: GovernanceReportKind::PermanenceScorecard,
            date: d("2025-10-01"),
            audiences: vec![Audience::LeadMember, Audience::Director],
        };
        let err = perm::record_governance_report(&db.store, &analyst, &clock, 0, scorecard.clone(), HERE).unwrap_err();
        assert!(err.to_string().contains("performance lead missing"), "{err}");
        assert_eq!(perm::governance_calendar(&db.store, &analyst, 2025).unwrap().version, 0, "nothing saved");
        // A lead for another service does not do.
        let view = perm::name_performance_lead(&db.store, &analyst, &clock, 0, ServiceArea::Permanence, "Adoption lead", HERE).unwrap();
        assert!(perm::record_governance_report(&db.store, &analyst, &clock, view.version, scorecard.clone(), HERE).is_err());
        let sw = user(Role::SocialWorker, Some("Blaby"));
        assert!(matches!(
            perm::name_performance_lead(&db.store, &sw, &clock, view.version, ServiceArea::ChildrenInCare, "Team Manager, CiC", HERE),
            Err(AppError::Forbidden(_))
        ));
        assert!(perm::name_performance_lead(&db.store, &analyst, &clock, view.version, ServiceArea::ChildrenInCare, "  ", HERE).is_err());
        let view = perm::name_performance_lead(&db.store, &analyst, &clock, view.version, ServiceArea::ChildrenInCare, "Team Manager, CiC", HERE).unwrap();
        assert_eq!(view.performance_leads.len(), 2);
        let view = perm::record_governance_report(&db.store, &analyst, &clock, view.version, scorecard, HERE).unwrap();
        assert_eq!(view.calendar.reports.len(), 1);
        assert_eq!(audits(&db.store, "name_performance_lead"), 2);
    }

    fn track_012_the_iro_answers_each_open_drift_reason_at_the_review_and_an_escalated_one_opens_an_issue(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-07-10");
        let iro = user(Role::IndependentReviewingOfficer, Some("Blaby"));
        let open = perm::open_plan(&db.store, &iro, &clock, &cid("C1"), HERE).unwrap().drift;
        let codes: Vec<DriftCode> = open.iter().map(|r| r.code).collect();
        assert!(codes.contains(&DriftCode::B), "the plan was not ratified by the second review: {codes:?}");
        // Every open reason needs an answer; nothing is raised without them.
        let err = perm::record_review_issues(&db.store, &iro, &clock, &cid("C1"), d("2025-07-10"), &[], HERE).unwrap_err();
        assert!(err.to_string().contains("Permanence plan not ratified") || err.to_string().contains("resolved at review or open issue"), "{err}");
        let answers: Vec<(DriftCode, IssueResolution)> = codes
            .iter()
            .map(|c| (*c, if *c == DriftCode::B { IssueResolution::Escalate } else { IssueResolution::ResolvedAtReview }))
            .collect();
        let sw = user(Role::SocialWorker, Some("Blaby"));
        assert!(matches!(
            perm::record_review_issues(&db.store, &sw, &clock, &cid("C1"), d("2025-07-10"), &answers, HERE),
            Err(AppError::Forbidden(_))
        ));
        assert!(perm::iro_issues(&db.store, &clock, &cid("C1")).unwrap().is_empty());
        let raised = perm::record_review_issues(&db.store, &iro, &clock, &cid("C1"), d("2025-07-10"), &answers, HERE).unwrap();
        assert_eq!(raised.len(), 1);
        let issues = perm::iro_issues(&db.store, &clock, &cid("C1")).unwrap();
        assert_eq!(issues.len(), 1);
        let issue = &issues[0].value.document;
        assert_eq!(issue.issue, "Permanence plan not ratified");
        assert_eq!(issue.current().stage, domain::permanence::iro_issues::IroStage::Stage0);
        assert_eq!(issue.current().raised, d("2025-07-10"));
        assert_eq!(activities(&db.store, "C1", EventKind::IroIssueRaised), vec![d("2025-07-10")]);
        assert_eq!(audits(&db.store, "TRACK-012.review_issues"), 1);
        // All resolved at review: nothing more is raised.
        let resolved: Vec<_> = codes.iter().map(|c| (*c, IssueResolution::ResolvedAtReview)).collect();
        assert!(perm::record_review_issues(&db.store, &iro, &clock, &cid("C1"), d("2025-07-10"), &resolved, HERE).unwrap().is_empty());
        assert_eq!(perm::iro_issues(&db.store, &clock, &cid("C1")).unwrap().len(), 1);
    }

    fn panel_013_a_paper_requiring_amendment_lists_them_and_the_team_manager_is_alerted_when_overdue(db) {
        let (rid, _) = listed_referral(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let tm = user(Role::TeamManager, Some("Blaby"));
        let panel_day = FixedClock::on("2025-09-10");
        let v = perm::open_referral(&db.store, &adviser, &panel_day, &rid, HERE).unwrap().referral.version;
        let rating = |rating, amendments: Vec<(&str, Option<&str>)>| perm::PaperRating {
            doc: PackDoc::SupportPlan,
            rating,
            amendments: amendments.into_iter().map(|(w, due)| (w.to_owned(), due.map(d))).collect(),
        };
        // "Requires amendment" needs the amendments, each with its date.
        let err = perm::rate_paper(&db.store, &adviser, &panel_day, &rid, v, rating(QualityRating::RequiresAmendment, vec![]), HERE).unwrap_err();
        assert!(err.to_string().contains("requires amendment"), "{err}");
        let err = perm::rate_paper(&db.store, &adviser, &panel_day, &rid, v, rating(QualityRating::RequiresAmendment, vec![("Add the respite plan", None)]), HERE).unwrap_err();
        assert!(err.to_string().contains("due"), "{err}");
        assert!(matches!(
            perm::rate_paper(&db.store, &tm, &panel_day, &rid, v, rating(QualityRating::Good, vec![]), HERE),
            Err(AppError::Forbidden(_))
        ));
        let v = perm::rate_paper(&db.store, &adviser, &panel_day, &rid, v, rating(QualityRating::RequiresAmendment, vec![("Add the respite plan", Some("2025-09-24"))]), HERE).unwrap().version;
        let referral = |on: &str| perm::open_referral(&db.store, &tm, &FixedClock::on(on), &rid, HERE).unwrap().referral.value.document;
        assert!(perm::amendments_overdue(&referral("2025-09-24"), d("2025-09-24")).is_empty(), "due that day");
        assert_eq!(perm::amendments_overdue(&referral("2025-09-25"), d("2025-09-25")), vec![(PackDoc::SupportPlan, d("2025-09-24"))]);
        // The team manager records them completed: the alert goes.
        let late = FixedClock::on("2025-09-26");
        perm::complete_amendments(&db.store, &tm, &late, &rid, v, PackDoc::SupportPlan, HERE).unwrap();
        assert!(perm::amendments_overdue(&referral("2025-09-26"), d("2025-09-26")).is_empty());
        assert_eq!(audits(&db.store, "PANEL-013.rate"), 1);
        assert_eq!(audits(&db.store, "PANEL-013.amendments_completed"), 1);
    }

    fn panel_018_a_cdm_decision_needs_the_permanence_options_and_cdm_lists_those_outstanding(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-04-07");
        let adviser = user(Role::PanelAdviser, None);
        let proceedings = |options: Vec<PermanenceOption>| perm::NewCdmDecision {
            decided_on: Some(d("2025-04-07")),
            decision: CdmDecisionKind::IssueProceedings,
            options,
            parallel_plan: None,
        };
        let err = perm::record_cdm_decision(&db.store, &adviser, &clock, &cid("C1"), proceedings(vec![]), HERE).unwrap_err();
        assert!(err.to_string().contains("permanence options under consideration"), "{err}");
        assert!(perm::cdm_outstanding(&db.store, &adviser).unwrap().is_empty(), "nothing saved");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let options = vec![PermanenceOption::ExtendedFamily, PermanenceOption::Adoption];
        assert!(matches!(
            perm::record_cdm_decision(&db.store, &sw, &clock, &cid("C1"), proceedings(options.clone()), HERE),
            Err(AppError::Forbidden(_))
        ));
        let c1 = perm::record_cdm_decision(&db.store, &adviser, &clock, &cid("C1"), proceedings(options), HERE).unwrap();
        let c2 = perm::NewCdmDecision {
            decided_on: Some(d("2025-04-01")),
            parallel_plan: Some(Pathway::Adoption),
            ..proceedings(vec![PermanenceOption::BirthParents])
        };
        perm::record_cdm_decision(&db.store, &adviser, &clock, &cid("C2"), c2, HERE).unwrap();
        let list = perm::cdm_outstanding(&db.store, &adviser).unwrap();
        let children: Vec<&str> = list.iter().map(|l| l.value.document.child_id.as_str()).collect();
        assert_eq!(children, vec!["C2", "C1"], "oldest first");
        // A Blaby team manager sees Blaby's child only.
        let tm = user(Role::TeamManager, Some("Blaby"));
        assert_eq!(perm::cdm_outstanding(&db.store, &tm).unwrap().len(), 1);
        let v = list.iter().find(|l| l.value.id == c1).unwrap().version;
        let later = FixedClock::on("2025-07-07");
        assert!(perm::record_permanence_decided(&db.store, &adviser, &later, &c1, v, Some(d("2025-04-01")), HERE).is_err(), "before the CDM decision");
        perm::record_permanence_decided(&db.store, &adviser, &later, &c1, v, Some(d("2025-07-07")), HERE).unwrap();
        let list = perm::cdm_outstanding(&db.store, &adviser).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].value.document.child_id.as_str(), "C2");
        assert_eq!(audits(&db.store, "PANEL-018.record_decision"), 2);
    }
}
