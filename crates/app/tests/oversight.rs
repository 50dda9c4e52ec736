//! Oversight of permanence as people meet it (issue 17, ROLE- PANEL- TRACK-):
//! the Permanence Policy's review alert, the services' performance leads,
//! the IRO's issues at a review, the panel's rating of the papers and CDM's
//! outstanding permanence decisions, on both backends.

mod permanence_fixture;
use domain::permanence::panels::CdmDecisionKind;
use domain::permanence::placements::{OutOfAreaReason, PlacementFlag, PlacementPurpose};
use domain::permanence::referrals::QualityRating;
use domain::permanence::responsibilities::{PolicyReviewStatus, ServiceArea};
use domain::permanence::tracking::Progress;
use domain::permanence::tracking::{
    Action, Audience, DriftCode, GovernanceReport, GovernanceReportKind, IssueResolution,
    StrainIndicator,
};
use perm::PlacementAction as PA;
use permanence_fixture::*;

/// Every outcome area on track (TRACK-006).
fn on_track() -> Vec<(OutcomeArea, Progress)> {
    OutcomeArea::ALL
        .iter()
        .map(|a| (*a, Progress::OnTrack))
        .collect()
}

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
    assert!(matches!(
        on("2021-05-31").status,
        PolicyReviewStatus::ReviewDue { .. }
    ));
    assert_eq!(on("2021-06-01").status, PolicyReviewStatus::ReviewOverdue);
    assert_eq!(on("2026-01-05").status, PolicyReviewStatus::ReviewOverdue);
    // The May 2019 version was current until the May 2020 one came in.
    let earlier = on("2020-04-30");
    assert_eq!(earlier.version, "Review May 2019");
    assert!(matches!(
        earlier.status,
        PolicyReviewStatus::ReviewDue { .. }
    ));
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
        let input = |answers: Vec<(DriftCode, IssueResolution)>| perm::ReviewMonitoringInput { held: d("2025-07-10"), progress: on_track(), answers, step_down_considered: false, staying_put: None, care_plan_reflects: Some(true), care_plan_action: String::new(), rights_officer_offered: Some(true) };
        // Every open reason needs an answer; nothing is raised without them.
        let err = perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(vec![]), HERE).unwrap_err();
        assert!(err.to_string().contains("resolved at review or open issue – escalate"), "{err}");
        let answers: Vec<(DriftCode, IssueResolution)> = codes
            .iter()
            .map(|c| (*c, if *c == DriftCode::B { IssueResolution::Escalate } else { IssueResolution::ResolvedAtReview }))
            .collect();
        let sw = user(Role::SocialWorker, Some("Blaby"));
        assert!(matches!(
            perm::record_review_monitoring(&db.store, &sw, &clock, &cid("C1"), input(answers.clone()), HERE),
            Err(AppError::Forbidden(_))
        ));
        assert!(perm::iro_issues(&db.store, &clock, &cid("C1")).unwrap().is_empty());
        let raised = perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(answers), HERE).unwrap();
        assert_eq!(raised.len(), 1);
        let issues = perm::iro_issues(&db.store, &clock, &cid("C1")).unwrap();
        assert_eq!(issues.len(), 1);
        let issue = &issues[0].value.document;
        assert_eq!(issue.issue, "Permanence plan not ratified");
        assert_eq!(issue.current().stage, domain::permanence::iro_issues::IroStage::Stage0);
        assert_eq!(issue.current().raised, d("2025-07-10"));
        assert_eq!(activities(&db.store, "C1", EventKind::IroIssueRaised), vec![d("2025-07-10")]);
        assert_eq!(audits(&db.store, "TRACK-012.review_monitoring"), 1);
        // All resolved at review: nothing more is raised.
        let resolved: Vec<_> = codes.iter().map(|c| (*c, IssueResolution::ResolvedAtReview)).collect();
        assert!(perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(resolved), HERE).unwrap().is_empty());
        assert_eq!(perm::iro_issues(&db.store, &clock, &cid("C1")).unwrap().len(), 1);
    }

    fn assess_018_the_iro_answers_whether_the_care_plan_reflects_the_assessment_and_the_rights_officer_offer_is_kept(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-02-20");
        let iro = user(Role::IndependentReviewingOfficer, Some("Blaby"));
        let answers: Vec<(DriftCode, IssueResolution)> = perm::open_plan(&db.store, &iro, &clock, &cid("C1"), HERE).unwrap().drift
            .iter()
            .map(|r| (r.code, IssueResolution::ResolvedAtReview))
            .collect();
        let input = |reflects: Option<bool>, action: &str, rights: Option<bool>| perm::ReviewMonitoringInput {
            held: d("2025-02-20"), progress: on_track(), answers: answers.clone(), step_down_considered: false, staying_put: None,
            care_plan_reflects: reflects, care_plan_action: action.into(), rights_officer_offered: rights,
        };
        let record = |i| perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), i, HERE);
        // The IRO must answer "Care Plan reflects current assessment"; "no" needs its action.
        let err = record(input(None, "", Some(true))).unwrap_err();
        assert!(err.to_string().starts_with("care_plan_reflects:"), "{err}");
        let err = record(input(Some(false), " ", Some(true))).unwrap_err();
        assert!(err.to_string().starts_with("care_plan_action:"), "{err}");
        let err = record(input(Some(false), "Update the plan with the therapy the assessment of 10 January names", None)).unwrap_err();
        assert!(err.to_string().starts_with("rights_officer:"), "{err}");
        assert_eq!(audits(&db.store, "TRACK-012.review_monitoring"), 0, "nothing is saved");
        record(input(Some(false), "Update the plan with the therapy the assessment of 10 January names", Some(true))).unwrap();
        // The child's record shows the answer and that a Children's Rights Officer was offered.
        let held = app::subject_access(&db.store, &user(Role::Auditor, None), &clock, &cid("C1"), HERE).unwrap().review_monitoring;
        let check = held[0].care_plan.clone().unwrap();
        assert!(!check.reflects_assessment);
        assert_eq!(check.action, "Update the plan with the therapy the assessment of 10 January names");
        assert!(check.rights_officer_offered);
    }

    fn track_006_a_school_age_childs_review_needs_an_education_status_and_progress_is_totalled(db) {
        setup(&db.store);
        // C1, born 2016, is of school age at the review on 2025-12-30.
        let clock = FixedClock::on("2025-12-30");
        let iro = user(Role::IndependentReviewingOfficer, Some("Blaby"));
        let answers: Vec<(DriftCode, IssueResolution)> = perm::open_plan(&db.store, &iro, &clock, &cid("C1"), HERE).unwrap().drift
            .iter()
            .map(|r| (r.code, IssueResolution::ResolvedAtReview))
            .collect();
        let without_education: Vec<_> = on_track().into_iter().filter(|(a, _)| *a != OutcomeArea::Education).collect();
        let input = |progress| perm::ReviewMonitoringInput { held: d("2025-12-30"), progress, answers: answers.clone(), step_down_considered: false, staying_put: None, care_plan_reflects: Some(true), care_plan_action: String::new(), rights_officer_offered: Some(true) };
        let err = perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(without_education), HERE).unwrap_err();
        assert!(err.to_string().contains("Education"), "{err}");
        let analyst = user(Role::PerformanceAnalyst, None);
        assert!(perm::outcome_progress_totals(&db.store, &analyst, 2025).unwrap().is_empty(), "nothing saved");
        let mut progress = on_track();
        progress.retain(|(a, _)| *a != OutcomeArea::Stability);
        progress.push((OutcomeArea::Stability, Progress::SomeConcerns));
        perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(progress), HERE).unwrap();
        perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(on_track()), HERE).unwrap();
        let totals = perm::outcome_progress_totals(&db.store, &analyst, 2025).unwrap();
        assert_eq!(totals.get(&(OutcomeArea::Stability, Progress::OnTrack)), Some(&1));
        assert_eq!(totals.get(&(OutcomeArea::Stability, Progress::SomeConcerns)), Some(&1));
        assert_eq!(totals.get(&(OutcomeArea::Education, Progress::OnTrack)), Some(&2));
        assert!(perm::outcome_progress_totals(&db.store, &analyst, 2024).unwrap().is_empty());
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
        assert!(perm::cdm_outstanding(&db.store, &adviser, &clock, HERE).unwrap().is_empty(), "nothing saved");
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
        let list = perm::cdm_outstanding(&db.store, &adviser, &clock, HERE).unwrap();
        let children: Vec<&str> = list.iter().map(|l| l.value.document.child_id.as_str()).collect();
        assert_eq!(children, vec!["C2", "C1"], "oldest first");
        // A Blaby team manager sees Blaby's child only.
        let tm = user(Role::TeamManager, Some("Blaby"));
        assert_eq!(perm::cdm_outstanding(&db.store, &tm, &clock, HERE).unwrap().len(), 1);
        let v = list.iter().find(|l| l.value.id == c1).unwrap().version;
        let later = FixedClock::on("2025-07-07");
        assert!(perm::record_permanence_decided(&db.store, &adviser, &later, &c1, v, Some(d("2025-04-01")), HERE).is_err(), "before the CDM decision");
        perm::record_permanence_decided(&db.store, &adviser, &later, &c1, v, Some(d("2025-07-07")), HERE).unwrap();
        let list = perm::cdm_outstanding(&db.store, &adviser, &clock, HERE).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].value.document.child_id.as_str(), "C2");
        assert_eq!(audits(&db.store, "PANEL-018.record_decision"), 2);
    }

    fn plan_014_prin_021_a_placement_needs_its_purpose_and_a_planned_move_without_introductions_the_childs_part(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-08-18");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let input = |purpose, participation: &str| perm::PlacementInput { purpose, introductions: None, participation: participation.into(), one2one: false, trajectory: String::new(), parent_and_child: None, section_22: "Maternal grandparents' viability assessment negative".into() };
        let err = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input(None, ""), HERE).unwrap_err();
        assert!(err.to_string().contains("purpose within the permanence plan is required"), "{err}");
        let err = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input(Some(PlacementPurpose::PermanentLongTerm), ""), HERE).unwrap_err();
        assert!(err.to_string().contains("planned move without introductions"), "{err}");
        assert!(perm::placements_of(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().is_empty(), "nothing saved");
        let saved = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input(Some(PlacementPurpose::PermanentLongTerm), "Visited the carers with her social worker"), HERE).unwrap();
        assert_eq!(saved.value.document.flags, vec![PlacementFlag::PlannedMoveWithoutIntroductions]);
        assert_eq!(saved.value.document.record.start, d("2025-03-03"));
        // Introductions before the start clear the flag; a stale form is refused.
        let introduced = perm::PlacementInput { introductions: Some(d("2025-02-24")), ..input(Some(PlacementPurpose::PermanentLongTerm), "") };
        assert!(perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, introduced.clone(), HERE).is_err());
        let saved = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), saved.version, introduced, HERE).unwrap();
        assert!(saved.value.document.flags.is_empty());
        assert_eq!(perm::placements_of(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().len(), 1);
        assert_eq!(audits(&db.store, "PLAN-014.record_placement"), 2);
    }

    fn kin_101_a_placement_with_other_foster_carers_without_the_section_22_consideration_is_flagged(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-03-03");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        // C1 is placed with other foster carers (U6) from 3 March 2025.
        let input = |why: &str| perm::PlacementInput { purpose: Some(PlacementPurpose::PermanentLongTerm), introductions: Some(d("2025-02-24")), participation: String::new(), one2one: false, trajectory: String::new(), parent_and_child: None, section_22: why.into() };
        let saved = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input("  "), HERE).unwrap();
        assert_eq!(saved.value.document.flags, vec![PlacementFlag::Section22ConsiderationMissing]);
        assert_eq!(PlacementFlag::Section22ConsiderationMissing.label(), "Section 22 consideration missing (KIN-101)");
        let why = "Aunt considered; not able to care for a child of this age";
        let saved = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), saved.version, input(why), HERE).unwrap();
        assert!(saved.value.document.flags.is_empty());
        assert_eq!(saved.value.document.record.section_22.as_deref(), Some(why));
    }

    fn fost_027_a_placement_without_the_childs_individual_risk_assessment_is_incomplete(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-03-10");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let input = perm::PlacementInput { purpose: Some(PlacementPurpose::PermanentLongTerm), introductions: Some(d("2025-02-24")), participation: String::new(), one2one: false, trajectory: String::new(), parent_and_child: None, section_22: "Grandmother assessed: not viable".into() };
        let saved = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input, HERE).unwrap();
        assert!(saved.value.document.incomplete().contains(&"individual risk assessment (FOST-027)"));
        let assess = |on: Option<&str>, v: i64| perm::act_on_placement(&db.store, &sw, &clock, &saved.value.id, v, PA::RiskAssessment { on: on.map(d) }, HERE);
        assert!(assess(None, saved.version).is_err(), "the date is needed");
        assert!(assess(Some("2025-03-11"), saved.version).is_err(), "not in the future");
        assert!(assess(Some("2025-03-05"), saved.version - 1).is_err(), "a stale form is refused");
        let done = assess(Some("2025-03-05"), saved.version).unwrap();
        assert!(!done.value.document.incomplete().iter().any(|m| m.contains("FOST-027")));
        assert_eq!(done.value.document.risk_assessment, Some(d("2025-03-05")));
        assert_eq!(audits(&db.store, "FOST-027.risk_assessment"), 1);
    }

    fn fost_028_a_child_not_seen_in_the_placement_is_flagged_until_seen_with_their_views(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-03-10");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let input = perm::PlacementInput { purpose: Some(PlacementPurpose::Emergency), introductions: None, participation: String::new(), one2one: false, trajectory: String::new(), parent_and_child: None, section_22: "Aunt considered: abroad".into() };
        let saved = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input, HERE).unwrap();
        let not_seen = "child seen in the placement, with their views (FOST-028)";
        assert!(saved.value.document.incomplete().contains(&not_seen));
        let seen = |on: &str, voice: &str, v: i64| perm::act_on_placement(&db.store, &sw, &clock, &saved.value.id, v, PA::ChildSeen { on: Some(d(on)), voice: voice.into() }, HERE);
        let silent = seen("2025-03-06", " ", saved.version);
        assert!(matches!(silent, Err(AppError::Invalid(ref m)) if m.contains("FOST-028")), "{silent:?}");
        assert!(seen("2025-03-01", "Likes her room", saved.version).is_err(), "before the placement began");
        let done = seen("2025-03-06", "Likes her room; wants to see her brother more", saved.version).unwrap();
        assert!(!done.value.document.incomplete().contains(&not_seen));
        assert_eq!(audits(&db.store, "FOST-028.child_seen"), 1);
    }

    fn gen_008_a_one2one_placement_is_refused_without_its_trajectory(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-08-18");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let input = |trajectory: &str| perm::PlacementInput { purpose: Some(PlacementPurpose::Bridging), introductions: Some(d("2025-02-24")), participation: String::new(), one2one: true, trajectory: trajectory.into(), parent_and_child: None, section_22: String::new() };
        for wrong in ["", "somewhere"] {
            let err = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input(wrong), HERE).unwrap_err();
            assert!(err.to_string().contains("One2One placement needs its trajectory"), "{err}");
        }
        assert!(perm::placements_of(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().is_empty(), "nothing saved");
        let saved = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input("reunification"), HERE).unwrap();
        assert_eq!(saved.value.document.record.trajectory_label(), Some("Reunification with parents"));
        // Not a One2One placement: no trajectory is asked or kept.
        let plain = perm::PlacementInput { one2one: false, ..input("independence") };
        let saved = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), saved.version, plain, HERE).unwrap();
        assert_eq!(saved.value.document.record.trajectory, None);
    }

    fn gen_009_a_parent_and_child_placement_links_the_parent_and_the_assessment(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-08-18");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let input = |parent: &str, assessment: &str| perm::PlacementInput {
            purpose: Some(PlacementPurpose::AssessmentShortTerm),
            introductions: Some(d("2025-02-24")),
            participation: String::new(),
            one2one: false,
            trajectory: String::new(),
            parent_and_child: Some(domain::permanence::placements::ParentAndChild { parent: parent.into(), assessment: assessment.into() }),
            section_22: String::new(),
        };
        let err = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input("Jane Smith", " "), HERE).unwrap_err();
        assert!(err.to_string().contains("the parent placed with the child and the assessment"), "{err}");
        let err = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input("", "Parenting assessment"), HERE).unwrap_err();
        assert!(err.to_string().contains("GEN-009"), "{err}");
        let saved = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input("Jane Smith", "Parenting assessment (PAMS)"), HERE).unwrap();
        let pc = saved.value.document.record.parent_and_child.clone().unwrap();
        assert_eq!((pc.parent.as_str(), pc.assessment.as_str(), saved.value.document.record.child_id.as_str()), ("Jane Smith", "Parenting assessment (PAMS)", "C1"));
    }

    fn track_005_a_carers_notice_on_a_long_term_placement_flags_it_at_risk_with_a_stability_meeting_task(db) {
        setup(&db.store);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let clock = FixedClock::on("2025-10-01");
        let input = |purpose| perm::PlacementInput { purpose: Some(purpose), introductions: Some(d("2025-02-24")), participation: String::new(), one2one: false, trajectory: String::new(), parent_and_child: None, section_22: String::new() };
        let short = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input(PlacementPurpose::AssessmentShortTerm), HERE).unwrap();
        let notice = || PA::RaiseRisk { indicator: StrainIndicator::CarerNotice, recorded: Some(d("2025-10-01")) };
        let err = perm::act_on_placement(&db.store, &sw, &clock, &short.value.id, short.version, notice(), HERE).unwrap_err();
        assert!(err.to_string().contains("permanent or long-term"), "{err}");
        let long = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), short.version, input(PlacementPurpose::PermanentLongTerm), HERE).unwrap();
        let flagged = perm::act_on_placement(&db.store, &sw, &clock, &long.value.id, long.version, notice(), HERE).unwrap();
        let risk = &flagged.value.document.risks[0];
        assert_eq!(risk.flag.raised, d("2025-10-01"));
        assert_eq!(risk.meeting_due, d("2025-10-08"), "5 working days");
        assert_eq!(risk.outstanding(), vec!["placement stability meeting", "action plan"]);
        let later = FixedClock::on("2025-10-06");
        let response = |owner: &str| PA::RiskResponse {
            index: 0,
            stability_meeting: Some(d("2025-10-06")),
            actions: vec![Action { what: "Weekly support visits".into(), owner: owner.into(), due: d("2025-11-03"), done: None }],
        };
        let v = perm::act_on_placement(&db.store, &sw, &later, &long.value.id, flagged.version, response(""), HERE).unwrap();
        assert_eq!(v.value.document.risks[0].outstanding(), vec!["an owner for every action"]);
        let v = perm::act_on_placement(&db.store, &sw, &later, &long.value.id, v.version, response("Supervising social worker"), HERE).unwrap();
        assert!(v.value.document.risks[0].outstanding().is_empty());
        assert_eq!(audits(&db.store, "TRACK-005.raise_placement_risk"), 1);
    }

    fn data_003_prin_013_the_placement_plan_needs_delegated_authority_and_an_out_of_area_placement_the_service_managers_approval(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-09-01");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let input = perm::PlacementInput { purpose: Some(PlacementPurpose::Emergency), introductions: None, participation: String::new(), one2one: false, trajectory: String::new(), parent_and_child: None, section_22: String::new() };
        let p = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input, HERE).unwrap();
        let id = p.value.id.clone();
        let err = perm::act_on_placement(&db.store, &sw, &clock, &id, p.version, PA::FinalisePlan { delegated: vec![" ".into()], held_by_others: vec![] }, HERE).unwrap_err();
        assert!(err.to_string().contains("delegated-authority section is required"), "{err}");
        let finalise = PA::FinalisePlan { delegated: vec!["Overnight stays with friends".into()], held_by_others: vec!["Passport: social worker".into()] };
        let v = perm::act_on_placement(&db.store, &sw, &clock, &id, p.version, finalise, HERE).unwrap();
        assert_eq!(v.value.document.placement_plan.as_ref().unwrap().finalised, Some(d("2025-09-01")));
        // PRIN-013: a request with the reason category empty is refused at approval.
        let v = perm::act_on_placement(&db.store, &sw, &clock, &id, v.version, PA::RequestOutOfArea { reason: None, reason_text: String::new() }, HERE).unwrap();
        assert_eq!(v.value.document.out_of_area.as_ref().unwrap().plan_version, Some(1), "linked to the plan");
        let sm = user(Role::ServiceManager, None);
        let err = perm::act_on_placement(&db.store, &sm, &clock, &id, v.version, PA::ApproveOutOfArea, HERE).unwrap_err();
        assert!(err.to_string().contains("reason category is required"), "{err}");
        let request = PA::RequestOutOfArea { reason: Some(OutOfAreaReason::SpecificAssessedNeed), reason_text: String::new() };
        let v = perm::act_on_placement(&db.store, &sw, &clock, &id, v.version, request, HERE).unwrap();
        let tm = user(Role::TeamManager, Some("Blaby"));
        assert!(matches!(perm::act_on_placement(&db.store, &tm, &clock, &id, v.version, PA::ApproveOutOfArea, HERE), Err(AppError::Forbidden(_))));
        let v = perm::act_on_placement(&db.store, &sm, &clock, &id, v.version, PA::ApproveOutOfArea, HERE).unwrap();
        assert_eq!(v.value.document.out_of_area.as_ref().unwrap().approved_on, Some(d("2025-09-01")));
        assert_eq!(audits(&db.store, "PRIN-013.approve_out_of_area"), 1);
    }

    fn prin_014_prin_023_an_unplanned_end_of_a_long_term_placement_needs_its_reason_and_opens_a_learning_review(db) {
        use domain::codes::ReasonPlacementChange;
        setup(&db.store);
        let clock = FixedClock::on("2025-10-10");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let input = perm::PlacementInput { purpose: Some(PlacementPurpose::PermanentLongTerm), introductions: Some(d("2025-02-24")), participation: String::new(), one2one: false, trajectory: String::new(), parent_and_child: None, section_22: String::new() };
        let p = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input, HERE).unwrap();
        let id = p.value.id.clone();
        let end = |reason, planned| PA::End { ended: Some(d("2025-10-10")), reason, planned };
        let err = perm::act_on_placement(&db.store, &sw, &clock, &id, p.version, end(None, Some(false)), HERE).unwrap_err();
        assert!(err.to_string().contains("move reason is required"), "{err}");
        let err = perm::act_on_placement(&db.store, &sw, &clock, &id, p.version, end(Some(ReasonPlacementChange::CarerRequestBehaviour), None), HERE).unwrap_err();
        assert!(err.to_string().contains("planned"), "{err}");
        let v = perm::act_on_placement(&db.store, &sw, &clock, &id, p.version, end(Some(ReasonPlacementChange::CarerRequestBehaviour), Some(false)), HERE).unwrap();
        let review = v.value.document.learning.clone().expect("a learning review");
        assert!(review.is_open());
        assert_eq!(review.owner, perm::LEARNING_REVIEW_OWNER);
        // It stays open until the learning is shared.
        let later = FixedClock::on("2025-12-01");
        let share = |learning: &str, groups: Vec<String>| PA::Disseminate { learning: learning.into(), on: Some(d("2025-12-01")), groups };
        let err = perm::act_on_placement(&db.store, &sw, &later, &id, v.version, share("", vec!["Fostering service".into()]), HERE).unwrap_err();
        assert!(err.to_string().contains("record the learning"), "{err}");
        let err = perm::act_on_placement(&db.store, &sw, &later, &id, v.version, share("The stability meeting came too late", vec![]), HERE).unwrap_err();
        assert!(err.to_string().contains("groups"), "{err}");
        let v = perm::act_on_placement(&db.store, &sw, &later, &id, v.version, share("The stability meeting came too late", vec!["Fostering service".into()]), HERE).unwrap();
        assert!(!v.value.document.learning.unwrap().is_open());
        assert_eq!(audits(&db.store, "PRIN-023.disseminate"), 1);
    }

    fn prin_022_a_child_with_three_changes_of_social_worker_in_twelve_months_is_listed(db) {
        use domain::codes::SocialWorkerChangeReason as R;
        setup(&db.store);
        let clock = FixedClock::on("2025-11-03");
        db.store.write(|tx| {
            let j = tx.journey(&cid("C1"))?.unwrap();
            let sw = |id: &str, start: &str, end: Option<&str>| SocialWorkerEpisode {
                worker_id: id.into(),
                start: d(start),
                end: end.map(|e| (d(e), R::LeftRole)),
                open_reason: None,
            };
            let workers = vec![
                sw("W1", "2025-03-03", Some("2025-05-12")),
                sw("W2", "2025-05-12", Some("2025-07-01")),
                sw("W2", "2025-07-01", Some("2025-10-20")),
                sw("W1", "2025-10-20", None),
            ];
            let journey = CareJourney::build(j.value.child().clone(), j.value.episodes().to_vec(), j.value.reviews().to_vec(), vec![], workers, vec![], d("2025-11-03")).unwrap();
            tx.update_journey(&journey, j.version, clock.now())?;
            Ok::<_, StoreError>(())
        }).unwrap();
        let tm = user(Role::TeamManager, Some("Blaby"));
        let list = perm::worker_change_list(&db.store, &tm, &clock, None, HERE).unwrap();
        assert_eq!(list.len(), 1, "{list:?}");
        assert_eq!((list[0].child_id.as_str(), list[0].changes), ("C1", 3));
        // A year on, the May change has dropped out of the window.
        assert!(perm::worker_change_list(&db.store, &tm, &FixedClock::on("2026-05-13"), None, HERE).unwrap().is_empty());
        // Melton's manager does not see Blaby's child.
        let melton = user(Role::TeamManager, Some("Melton"));
        assert!(perm::worker_change_list(&db.store, &melton, &clock, None, HERE).unwrap().is_empty());
        assert_eq!(audits(&db.store, "view_worker_changes"), 3);
    }

    fn gen_005_a_pack_f_is_required_until_two_years_with_the_intended_carers_and_a_pack_a_always(db) {
        use domain::permanence::responsibilities::PackType;
        setup(&db.store);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let ask = |on: &str, pack| perm::request_pack(&db.store, (&sw, &FixedClock::on(on), HERE), &cid("C1"), pack, Some(d("2023-05-01")));
        ask("2025-04-30", PackType::PackF).unwrap();
        let refused = ask("2025-05-01", PackType::PackF).unwrap_err();
        assert!(refused.to_string().contains("a Pack F is not required"), "{refused}");
        ask("2025-05-01", PackType::PackA).unwrap();
        let manager = user(Role::ServiceManager, None);
        assert_eq!(perm::family_finding_queue(&db.store, &manager, &FixedClock::on("2025-05-01"), HERE).unwrap().len(), 2, "the refusal queued nothing");
    }

    fn gen_004_the_permanence_team_finds_a_long_term_foster_family_and_the_childs_social_worker_writes_the_profile(db) {
        use domain::permanence::responsibilities::{PackType, Queue};
        setup(&db.store);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        perm::request_pack(&db.store, (&sw, &FixedClock::on("2025-04-01"), HERE), &cid("C1"), PackType::PackF, None).unwrap();
        let manager = user(Role::ServiceManager, None);
        let queue = perm::family_finding_queue(&db.store, &manager, &FixedClock::on("2025-04-01"), HERE).unwrap();
        let f = &queue[0].value.document;
        assert_eq!((f.queue, f.profile_author.as_deref()), (Queue::PermanenceTeam, Some("W1")));
    }

    fn role_008_a_pack_f_request_joins_the_permanence_teams_queue_with_a_joint_family_finding_record(db) {
        use domain::permanence::responsibilities::{PackType, Participant, Queue};
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let melton = user(Role::SocialWorker, Some("Melton"));
        assert!(matches!(
            perm::request_family_finding(&db.store, &melton, &clock, &cid("C1"), PackType::PackF, HERE),
            Err(AppError::Forbidden(_))
        ));
        perm::request_family_finding(&db.store, &sw, &clock, &cid("C1"), PackType::PackF, HERE).unwrap();
        perm::request_family_finding(&db.store, &sw, &FixedClock::on("2025-07-01"), &cid("C1"), PackType::PackA, HERE).unwrap();
        let manager = user(Role::ServiceManager, None);
        let queue = perm::family_finding_queue(&db.store, &manager, &clock, HERE).unwrap();
        assert_eq!(queue.len(), 2);
        let f = &queue[0].value.document;
        assert_eq!((f.pack, f.opened, f.queue), (PackType::PackF, d("2025-06-30"), Queue::PermanenceTeam));
        assert!(f.participants.contains(&Participant::FosteringAssessmentApproval));
        assert!(f.participants.contains(&Participant::Commissioning));
        assert_eq!(queue[1].value.document.participants, vec![Participant::PermanenceTeam], "Pack A: the Permanence Team alone");
        // Melton's social worker does not see Blaby's child in the queue.
        assert!(perm::family_finding_queue(&db.store, &melton, &clock, HERE).unwrap().is_empty());
        assert_eq!(perm::family_findings_of(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().len(), 2);
        assert_eq!(audits(&db.store, "ROLE-008.request_family_finding"), 2);
    }

    fn role_003_a_carer_household_without_a_supervising_social_worker_cannot_be_listed_for_a_match(db) {
        use app::households::{self as hh, NewHousehold};
        use domain::households::lifecycle::RoleKind;
        let (rid, v) = listed_referral(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let agreed = ProposedOutcome { adm_agreed: true, ..suitable() };
        perm::act_on_referral(&db.store, &adviser, &FixedClock::on("2025-08-13"), &rid, v, ReferralAction::Outcome(agreed), HERE).unwrap();
        // The proposed carers, named by their household's reference, have no SSW.
        let fostering = user(Role::SupervisingSocialWorker, Some("Fostering"));
        let new = NewHousehold { name: "The Lee family".into(), worker: None, role: Some(RoleKind::FosterCarer), ..Default::default() };
        let household = hh::add_household(&db.store, &fostering, &FixedClock::on("2025-01-06"), new, HERE).unwrap();
        let clock = FixedClock::on("2025-08-20");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        let mid = perm::refer_match(&db.store, &sw, &clock, &cid("C1"), &household, false, HERE).unwrap();
        let view = perm::open_referral(&db.store, &sw, &clock, &mid, HERE).unwrap();
        let mut v = view.referral.version;
        for doc in view.required.iter().filter(|d| **d != PackDoc::TeamManagerEndorsement) {
            v = perm::act_on_referral(&db.store, &sw, &clock, &mid, v, ReferralAction::AttachPaper(*doc), HERE).unwrap().version;
        }
        v = perm::act_on_referral(&db.store, &tm, &clock, &mid, v, ReferralAction::Endorse, HERE).unwrap().version;
        let meeting = perm::create_meeting(&db.store, &adviser, &clock, ForumKind::PermanencePanel, d("2025-10-08"), HERE).unwrap();
        let err = perm::act_on_referral(&db.store, &adviser, &clock, &mid, v, ReferralAction::List { meeting }, HERE).unwrap_err();
        assert!(err.to_string().contains("carer without SSW"), "{err}");
        let view = perm::open_referral(&db.store, &sw, &clock, &mid, HERE).unwrap();
        assert_eq!(view.referral.value.document.meeting, None, "not listed");
    }

    fn path_020_a_match_is_listed_only_for_carers_approved_and_annually_reviewed(db) {
        use app::households::{self as hh, NewHousehold};
        use domain::households::lifecycle::RoleKind;
        let (rid, v) = listed_referral(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let agreed = ProposedOutcome { adm_agreed: true, ..suitable() };
        perm::act_on_referral(&db.store, &adviser, &FixedClock::on("2025-08-13"), &rid, v, ReferralAction::Outcome(agreed), HERE).unwrap();
        // The Lee family, supervised by SW9, approved on 10 June 2023 and last
        // reviewed on 20 May 2024: the next review was due on 20 May 2025.
        let fostering = user(Role::SupervisingSocialWorker, Some("Fostering"));
        let new = NewHousehold { name: "The Lee family".into(), worker: Some("SW9".into()), role: Some(RoleKind::FosterCarer), ..Default::default() };
        let household = hh::add_household(&db.store, &fostering, &FixedClock::on("2023-01-06"), new, HERE).unwrap();
        let steps = [("visit", "2023-01-09"), ("proceed", "2023-01-10"), ("start_form_f", "2023-02-01"), ("complete_form_f", "2023-05-20"), ("recommend", "2023-06-03"), ("approve", "2023-06-10"), ("review", "2024-05-20")];
        for (step, day) in steps {
            let taker = match step {
                "recommend" => user(Role::PanelAdviser, None),
                "approve" => user(Role::AgencyDecisionMaker, None),
                _ => fostering.clone(),
            };
            let version = db.store.read(|tx| { use store::HouseholdRepository; tx.household(&household) }).unwrap().unwrap().version;
            let s = test_support::fostering::foster_step(step, d(day));
            app::fostering::carers::record_carer_step(&db.store, &taker, &FixedClock::on(day), (&format!("{household}-R1"), version), s, HERE).unwrap_or_else(|e| panic!("{step}: {e}"));
        }
        let clock = FixedClock::on("2025-08-20");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        let mid = perm::refer_match(&db.store, &sw, &clock, &cid("C1"), &household, false, HERE).unwrap();
        let view = perm::open_referral(&db.store, &sw, &clock, &mid, HERE).unwrap();
        let mut v = view.referral.version;
        for doc in view.required.iter().filter(|d| **d != PackDoc::TeamManagerEndorsement) {
            v = perm::act_on_referral(&db.store, &sw, &clock, &mid, v, ReferralAction::AttachPaper(*doc), HERE).unwrap().version;
        }
        v = perm::act_on_referral(&db.store, &tm, &clock, &mid, v, ReferralAction::Endorse, HERE).unwrap().version;
        let meeting = perm::create_meeting(&db.store, &adviser, &clock, ForumKind::PermanencePanel, d("2025-10-08"), HERE).unwrap();
        let err = perm::act_on_referral(&db.store, &adviser, &clock, &mid, v, ReferralAction::List { meeting }, HERE).unwrap_err();
        assert!(err.to_string().contains("carer annual review overdue (due 2025-05-20)"), "{err}");
        let view = perm::open_referral(&db.store, &sw, &clock, &mid, HERE).unwrap();
        assert_eq!(view.referral.value.document.meeting, None, "not listed");
    }

    fn path_028_a_review_of_a_child_in_a_childrens_home_is_not_recorded_without_step_down_considered(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-07-10");
        let iro = user(Role::IndependentReviewingOfficer, Some("Blaby"));
        let journey = perm::open_plan(&db.store, &iro, &clock, &cid("C1"), HERE).unwrap().journey;
        let home = Placement { placement_type: PlacementType::ChildrensHome, provider: Some(PlacementProvider::OwnProvision), postcode: Some(Postcode::parse("LE3 8RA").unwrap()), urn: None };
        let moved = app::PlacementMove { date: d("2025-07-01"), placement: home, same_carers: false, reason: domain::codes::ReasonPlacementChange::CarerRequestOther };
        app::change_placement(&db.store, &Actor::new("test"), &clock, &cid("C1"), journey.version, moved).unwrap();
        let answers: Vec<(DriftCode, IssueResolution)> = perm::open_plan(&db.store, &iro, &clock, &cid("C1"), HERE).unwrap().drift
            .iter()
            .map(|r| (r.code, IssueResolution::ResolvedAtReview))
            .collect();
        let input = |step_down_considered| perm::ReviewMonitoringInput { held: d("2025-07-10"), progress: on_track(), answers: answers.clone(), step_down_considered, staying_put: None, care_plan_reflects: Some(true), care_plan_action: String::new(), rights_officer_offered: Some(true) };
        let err = perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(false), HERE).unwrap_err();
        assert!(err.to_string().contains("step-down to family-based care considered: entry required"), "{err}");
        assert_eq!(audits(&db.store, "TRACK-012.review_monitoring"), 0, "nothing saved");
        perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(true), HERE).unwrap();
        assert_eq!(audits(&db.store, "TRACK-012.review_monitoring"), 1);
    }

    fn path_024_an_adoptive_placement_is_not_recorded_before_written_information_and_life_story_work(db) {
        use domain::permanence::assessment::{ShareDetails, ShareRecipient, SharedContent};
        setup(&db.store);
        let clock = FixedClock::on("2025-07-01");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let journey = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().journey;
        let adopters = Placement { placement_type: PlacementType::AdoptionPlacementOrder, provider: Some(PlacementProvider::OwnProvision), postcode: Some(Postcode::parse("LE3 8RA").unwrap()), urn: None };
        let moved = app::PlacementMove { date: d("2025-07-01"), placement: adopters, same_carers: false, reason: domain::codes::ReasonPlacementChange::CarerRequestOther };
        app::change_placement(&db.store, &Actor::new("test"), &clock, &cid("C1"), journey.version, moved).unwrap();
        let input = || perm::PlacementInput { purpose: Some(PlacementPurpose::PermanentLongTerm), introductions: Some(d("2025-06-23")), participation: "Met the adopters with her social worker".into(), one2one: false, trajectory: String::new(), parent_and_child: None, section_22: String::new() };
        let err = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input(), HERE).unwrap_err();
        assert!(err.to_string().contains("written adoption information given to child; life story work for transition"), "{err}");
        let given = ShareDetails { recipient_type: ShareRecipient::Child, recipient: "The child".into(), content: SharedContent::WrittenAdoptionInformation, documents: vec!["Adoption booklet".into()], shared_by: "W1".into(), how: "In person".into(), on: d("2025-06-24") };
        perm::record_information_shared(&db.store, &sw, &clock, &cid("C1"), 0, perm::NewShare { details: given, corrects: None }, HERE).unwrap();
        let err = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input(), HERE).unwrap_err();
        assert!(err.to_string().contains("life story work for transition") && !err.to_string().contains("written"), "{err}");
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::LifeStoryWorkStarted, d("2025-06-25"), HERE).unwrap();
        perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input(), HERE).unwrap();
    }

    fn path_029_a_review_of_a_young_person_of_sixteen_in_long_term_fostering_is_not_recorded_without_a_staying_put_intention(db) {
        use domain::permanence::pathways::StayingPutIntention;
        setup(&db.store);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &FixedClock::on("2025-06-30"), &cid("C1"), HERE).unwrap();
        ratify_c1(&db.store, complete(view.plan.value.document.clone()), view.plan.version, StepInput::named("ratify"));
        // C1 (born 2016-02-29) is 16 at the review of 2032-03-10.
        let clock = FixedClock::on("2032-03-10");
        let iro = user(Role::IndependentReviewingOfficer, Some("Blaby"));
        let answers: Vec<(DriftCode, IssueResolution)> = perm::open_plan(&db.store, &iro, &clock, &cid("C1"), HERE).unwrap().drift
            .iter()
            .map(|r| (r.code, IssueResolution::ResolvedAtReview))
            .collect();
        let input = |staying_put| perm::ReviewMonitoringInput { held: d("2032-03-10"), progress: on_track(), answers: answers.clone(), step_down_considered: false, staying_put, care_plan_reflects: Some(true), care_plan_action: String::new(), rights_officer_offered: Some(true) };
        let err = perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(None), HERE).unwrap_err();
        assert!(err.to_string().contains("Staying Put intention required from age 16"), "{err}");
        assert_eq!(audits(&db.store, "TRACK-012.review_monitoring"), 0, "nothing saved");
        perm::record_review_monitoring(&db.store, &iro, &clock, &cid("C1"), input(Some(StayingPutIntention::Intended)), HERE).unwrap();
        assert_eq!(audits(&db.store, "TRACK-012.review_monitoring"), 1);
    }

    fn path_016_fost_031_a_foster_placement_not_confirmed_long_term_is_flagged_once_over_two_years(db) {
        setup(&db.store);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let foster = |postcode: &str| Placement { placement_type: PlacementType::FosterOther, provider: Some(PlacementProvider::OwnProvision), postcode: Some(Postcode::parse(postcode).unwrap()), urn: None };
        let move_on = |date: &str, same_carers: bool, postcode: &str| {
            let clock = FixedClock::on(date);
            let journey = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().journey;
            let moved = app::PlacementMove { date: d(date), placement: foster(postcode), same_carers, reason: domain::codes::ReasonPlacementChange::CarerRequestOther };
            app::change_placement(&db.store, &Actor::new("test"), &clock, &cid("C1"), journey.version, moved).unwrap();
            perm::rebuild_tracking(&db.store).unwrap();
        };
        let flagged = |on: &str| {
            perm::tracking_list(&db.store, &sw, &FixedClock::on(on), &TrackingFilter::default(), HERE).unwrap()[0]
                .drift
                .iter()
                .find(|r| r.code == DriftCode::H)
                .map(|r| (r.rule, r.opened))
        };
        // C1 has lived with the same carers since 2025-03-03; the carers'
        // move to a new home on 2026-01-05 keeps the placement's start.
        move_on("2026-01-05", true, "LE2 1AA");
        assert_eq!(flagged("2027-03-03"), None, "two years exactly is not over two years");
        assert_eq!(flagged("2027-03-04"), Some(("FOST-031", d("2027-03-04"))));
        // New carers: a new placement, short-term again from its own start.
        move_on("2027-04-01", false, "LE4 2BB");
        assert_eq!(flagged("2027-04-02"), None);
        assert_eq!(flagged("2029-04-02"), Some(("FOST-031", d("2029-04-02"))));
    }

    fn role_009_a_commissioned_placement_last_reviewed_on_2024_09_15_is_listed_overdue_on_2025_10_01(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-10-01");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let manager = user(Role::ServiceManager, None);
        let input = perm::PlacementInput { purpose: Some(PlacementPurpose::Emergency), introductions: None, participation: String::new(), one2one: false, trajectory: String::new(), parent_and_child: None, section_22: String::new() };
        let p = perm::record_placement(&db.store, &sw, &clock, &cid("C1"), 0, input, HERE).unwrap();
        assert!(perm::commissioning_report(&db.store, &manager, &clock, HERE).unwrap().is_empty(), "not commissioned");
        let commission = |last: &str| PA::Commissioning { commissioned: Some(true), last_review: Some(d(last)) };
        let err = perm::act_on_placement(&db.store, &sw, &clock, &p.value.id, p.version, commission("2025-10-02"), HERE).unwrap_err();
        assert!(err.to_string().contains("last annual service review: the date is in the future"), "{err}");
        let err = perm::act_on_placement(&db.store, &sw, &clock, &p.value.id, p.version, PA::Commissioning { commissioned: None, last_review: None }, HERE).unwrap_err();
        assert!(err.to_string().contains("commissioned"), "{err}");
        let v = perm::act_on_placement(&db.store, &sw, &clock, &p.value.id, p.version, commission("2024-09-15"), HERE).unwrap();
        assert!(matches!(perm::act_on_placement(&db.store, &sw, &clock, &p.value.id, p.version, commission("2025-09-30"), HERE), Err(AppError::Store(_))), "a stale version is refused");
        let list = perm::commissioning_report(&db.store, &manager, &clock, HERE).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].child_id.as_str(), list[0].overdue, list[0].standing), ("C1", true, "annual service review overdue"));
        perm::act_on_placement(&db.store, &sw, &clock, &p.value.id, v.version, commission("2025-09-30"), HERE).unwrap();
        let list = perm::commissioning_report(&db.store, &manager, &clock, HERE).unwrap();
        assert_eq!((list[0].overdue, list[0].standing), (false, "annual service review up to date"));
        assert_eq!(audits(&db.store, "ROLE-009.record_commissioning"), 2);
        assert_eq!(audits(&db.store, "view_commissioning"), 3);
    }
}
