//! Permanence planning use cases on both backends: the Draft plan, the
//! ratification gate, the long-term fostering route through the Permanence
//! Panel to the agency decision maker, stale edits, team access and the
//! tracking list.

mod permanence_fixture;
use permanence_fixture::*;

use domain::permanence::responsibilities::OfferResponse;

/// A ratified return-home plan for C1 on `clock`'s day; its version.
fn ratified_return_home(store: &Store, clock: &FixedClock) -> i64 {
    let sw = user(Role::SocialWorker, Some("Blaby"));
    let iro = user(Role::IndependentReviewingOfficer, None);
    let view = perm::open_plan(store, &sw, clock, &cid("C1"), HERE).unwrap();
    let mut plan = complete(view.plan.value.document.clone());
    plan.pathway = Some(Pathway::ReturnHome);
    plan.appraisal
        .retain(|e| e.option == PermanenceOption::BirthParents);
    plan.appraisal[0].outcome = AppraisalOutcome::RuledIn;
    let mut version = perm::edit_plan(store, &sw, clock, &cid("C1"), view.plan.version, plan, HERE)
        .unwrap()
        .version;
    version = link_support(store, version);
    for step in ["place", "start_assessment", "put_forward"] {
        version = perm::plan_step(
            store,
            &sw,
            clock,
            &cid("C1"),
            version,
            StepInput::named(step),
            HERE,
        )
        .unwrap()
        .version;
    }
    perm::plan_step(
        store,
        &iro,
        clock,
        &cid("C1"),
        version,
        StepInput::named("ratify"),
        HERE,
    )
    .unwrap()
    .version
}

test_support::on_both_backends! {
    fn plan_001_a_child_in_care_has_a_draft_plan_owned_by_the_allocated_worker(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-20");
        let view = perm::open_plan(&db.store, &user(Role::SocialWorker, Some("Blaby")), &clock, &cid("C1"), HERE).unwrap();
        let plan = &view.plan.value.document;
        assert_eq!(plan.lifecycle, Lifecycle::Draft);
        assert_eq!(plan.created, d("2025-03-03"));
        assert_eq!(plan.owner, "W1");
        assert_eq!(audits(&db.store, "view_plan"), 1);
    }

    fn plan_008_ratification_is_refused_naming_what_is_missing_and_changes_nothing(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let mut draft = complete(view.plan.value.document.clone());
        draft.timeframe = None;
        let saved = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, draft, HERE).unwrap();
        // The draft starts at the entry decision; the worker records the steps to the gate.
        let mut version = saved.version;
        for step in ["place", "start_assessment"] {
            version = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named(step), HERE).unwrap().version;
        }
        let err = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("put_forward"), HERE).unwrap_err();
        assert!(err.to_string().contains("timeframe is missing (PLAN-008)"), "{err}");
        let after = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert_eq!(after.plan.version, version, "nothing changed");
        assert_eq!(audits(&db.store, "WF-PERM-PLAN.put_forward"), 0);
    }

    fn a_stale_plan_edit_is_refused(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-20");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let plan = view.plan.value.document.clone();
        perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, complete(plan.clone()), HERE).unwrap();
        let err = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, plan, HERE).unwrap_err();
        assert!(matches!(err, AppError::Store(StoreError::Stale { .. })), "{err}");
        assert!(err.to_string().contains("changed by someone else"));
    }

    fn a_social_worker_cannot_open_the_plan_of_another_teams_child(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-20");
        let err = perm::open_plan(&db.store, &user(Role::SocialWorker, Some("Blaby")), &clock, &cid("C2"), HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)));
        assert_eq!(audits(&db.store, "view_plan_denied"), 1);
    }

    fn panel_009_ltf_goes_from_draft_through_ratification_and_the_panel_to_the_agency_decision(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        let iro = user(Role::IndependentReviewingOfficer, None);
        let adviser = user(Role::PanelAdviser, None);
        let adm = user(Role::AgencyDecisionMaker, None);
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let mut version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, complete(view.plan.value.document.clone()), HERE).unwrap().version;
        version = link_support(&db.store, version);
        for step in ["place", "start_assessment", "put_forward"] {
            version = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named(step), HERE).unwrap().version;
        }
        // Only the IRO ratifies (ROLE-004).
        let err = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("ratify"), HERE).unwrap_err();
        assert!(err.to_string().contains("must be taken by independent reviewing officer"), "{err}");
        let ratified = perm::plan_step(&db.store, &iro, &clock, &cid("C1"), version, StepInput::named("ratify").on(d("2025-06-30")), HERE).unwrap();
        assert_eq!(ratified.value.document.lifecycle, Lifecycle::RatifiedSubjectToPanel);
        assert_eq!(activities(&db.store, "C1", EventKind::LtfPlanAgreed), vec![d("2025-06-30")]);
        assert_eq!(activities(&db.store, "C1", EventKind::PermanencePlanRatified), vec![d("2025-06-30")]);

        // PANEL-009/010: the referral, to be listed by 2025-08-30; placed
        // under two years, so family finding and Pack F (PATH-019).
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let referral = &view.referrals[0];
        let rid = referral.value.id.clone();
        assert_eq!(referral.value.document.list_by, Some(d("2025-08-30")));
        assert!(referral.value.document.missing_papers().contains(&PackDoc::PackF));

        // Papers arrive, all but the contact plan.
        let mut v = perm::act_on_referral(&db.store, &sw, &clock, &rid, referral.version, ReferralAction::LtfAssessment(ltf_assessment("2025-06-27")), HERE).unwrap().version;
        let required = perm::open_referral(&db.store, &sw, &clock, &rid, HERE).unwrap().required;
        for doc in required.iter().filter(|d| !matches!(d, PackDoc::ContactPlan | PackDoc::TeamManagerEndorsement)) {
            v = perm::act_on_referral(&db.store, &sw, &clock, &rid, v, ReferralAction::AttachPaper(*doc), HERE).unwrap().version;
        }
        // PANEL-007: no meeting without a chair.
        let err = perm::create_meeting(&db.store, &adviser, &clock, ForumKind::PermanencePanel, d("2025-07-09"), HERE).unwrap_err();
        assert!(err.to_string().contains("chair not configured"), "{err}");
        perm::configure_forum(&db.store, &Actor::new("admin"), &clock, &test_support::permanence_demo::demo_forum(d("2025-01-01"))).unwrap();
        let early = perm::create_meeting(&db.store, &adviser, &clock, ForumKind::PermanencePanel, d("2025-07-09"), HERE).unwrap();
        let meeting = perm::create_meeting(&db.store, &adviser, &clock, ForumKind::PermanencePanel, d("2025-08-13"), HERE).unwrap();
        // PANEL-005: listing refused while papers are missing, naming them.
        let err = perm::act_on_referral(&db.store, &adviser, &clock, &rid, v, ReferralAction::List { meeting: meeting.clone() }, HERE).unwrap_err();
        assert!(err.to_string().contains("pack incomplete: Contact plan; Team manager endorsement"), "{err}");
        // ROLE-005: endorsement is the team manager's, and only of a complete pack.
        let err = perm::act_on_referral(&db.store, &tm, &clock, &rid, v, ReferralAction::Endorse, HERE).unwrap_err();
        assert!(err.to_string().contains("papers are missing: Contact plan"), "{err}");
        v = perm::act_on_referral(&db.store, &sw, &clock, &rid, v, ReferralAction::AttachPaper(PackDoc::ContactPlan), HERE).unwrap().version;
        let err = perm::act_on_referral(&db.store, &sw, &clock, &rid, v, ReferralAction::Endorse, HERE).unwrap_err();
        assert!(err.to_string().contains("must be taken by team manager"), "{err}");
        v = perm::act_on_referral(&db.store, &tm, &clock, &rid, v, ReferralAction::Endorse, HERE).unwrap().version;
        // PANEL-011: the pack was complete after the 9 July meeting's cut-off.
        let err = perm::act_on_referral(&db.store, &adviser, &clock, &rid, v, ReferralAction::List { meeting: early }, HERE).unwrap_err();
        assert!(err.to_string().contains("after the cut-off"), "{err}");
        v = perm::act_on_referral(&db.store, &adviser, &clock, &rid, v, ReferralAction::List { meeting: meeting.clone() }, HERE).unwrap().version;
        assert_eq!(activities(&db.store, "C1", EventKind::PermanencePanelListed), vec![d("2025-06-30")]);

        // The meeting has not happened yet.
        let proposed = ProposedOutcome {
            outcome: Outcome::LtfSuitable,
            reasons: "The carers can meet the child's needs".into(),
            further_information: vec![],
            further_information_due: None,
            adm_agreed: false,
        };
        let err = perm::act_on_referral(&db.store, &adviser, &clock, &rid, v, ReferralAction::Outcome(proposed.clone()), HERE).unwrap_err();
        assert!(err.to_string().contains("has not happened yet"), "{err}");
        // On the day: attendance, then the panel's recommendation (PANEL-006: the ADM confirms later).
        let on_the_day = FixedClock::on("2025-08-13");
        let (m, _, forum) = perm::meeting(&db.store, &adviser, &clock, &meeting, "view_meeting", HERE).unwrap();
        let everyone: Vec<Attendance> = forum.members.iter().map(|mm| Attendance { person: mm.person.clone(), seat: mm.seat }).collect();
        perm::record_attendance(&db.store, &adviser, &on_the_day, &meeting, m.version, everyone, HERE).unwrap();
        let heard = perm::act_on_referral(&db.store, &adviser, &on_the_day, &rid, v, ReferralAction::Outcome(proposed), HERE).unwrap();
        assert_eq!(heard.value.document.stage, ReferralStage::Adm);
        let plan = perm::open_plan(&db.store, &sw, &on_the_day, &cid("C1"), HERE).unwrap();
        assert_eq!(plan.plan.value.document.lifecycle, Lifecycle::RatifiedSubjectToPanel, "a recommendation is not yet a decision");
        let decided_day = FixedClock::on("2025-08-15");
        let decided = perm::act_on_referral(&db.store, &adm, &decided_day, &rid, heard.version, ReferralAction::AdmDecision { agreed: true, reasons: "Agree".into() }, HERE).unwrap();
        assert_eq!(decided.value.document.adm_decision.as_ref().map(|d| d.decided_on), Some(d("2025-08-15")));
        let plan = perm::open_plan(&db.store, &sw, &decided_day, &cid("C1"), HERE).unwrap();
        assert_eq!(plan.plan.value.document.lifecycle, Lifecycle::Ratified);
        assert_eq!(activities(&db.store, "C1", EventKind::LtfFoundSuitable), vec![d("2025-08-15")]);
        // PANEL-016: a representation about the outcome is logged against the item.
        let logged = perm::act_on_referral(&db.store, &sw, &decided_day, &rid, decided.version, ReferralAction::Representation {
            from: domain::permanence::referrals::Representer::Carer,
            route: domain::permanence::referrals::RepresentationRoute::Complaints,
            summary: "The carers ask for more support".into(),
        }, HERE).unwrap();
        assert_eq!(logged.value.document.representations.len(), 1);
        // Every move is audited under its workflow's name.
        for action in ["WF-PERM-PLAN.ratify", "WF-PERM-PANEL.attach_paper", "WF-PERM-PANEL.endorse", "WF-PERM-PANEL.list", "WF-PERM-PANEL.record_outcome", "WF-PERM-PANEL.adm_decide"] {
            assert!(audits(&db.store, action) >= 1, "{action}");
        }
    }

    fn panel_008_an_inquorate_meeting_reaches_no_outcome(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let adviser = user(Role::PanelAdviser, None);
        perm::configure_forum(&db.store, &Actor::new("admin"), &clock, &test_support::permanence_demo::demo_forum(d("2025-01-01"))).unwrap();
        let meeting = perm::create_meeting(&db.store, &adviser, &clock, ForumKind::PermanencePanel, d("2025-06-11"), HERE).unwrap();
        let (m, _, _) = perm::meeting(&db.store, &adviser, &clock, &meeting, "view_meeting", HERE).unwrap();
        let two = vec![
            Attendance { person: "head-of-service.demo".into(), seat: SeatRole::Chair },
            Attendance { person: "independent-reviewing-officer.demo".into(), seat: SeatRole::Member },
        ];
        perm::record_attendance(&db.store, &adviser, &clock, &meeting, m.version, two, HERE).unwrap();
        assert!(!domain::permanence::panels::is_quorate(&test_support::permanence_demo::demo_forum(d("2025-01-01")), &perm::meeting(&db.store, &adviser, &clock, &meeting, "view_meeting", HERE).unwrap().0.value.document.attendees));
    }

    fn track_002_the_tracking_list_shows_a_child_without_a_ratified_plan_to_their_team_only(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-07-01");
        perm::rebuild_tracking(&db.store).unwrap();
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let lines = perm::tracking_list(&db.store, &sw, &clock, &TrackingFilter::default(), HERE).unwrap();
        assert_eq!(lines.len(), 1, "only the team's child");
        assert_eq!(lines[0].child_id, "C1");
        assert!(lines[0].drift.iter().any(|r| r.message.contains("not ratified by second review")), "{:?}", lines[0].drift);
        let manager = user(Role::ServiceManager, None);
        let all = perm::tracking_list(&db.store, &manager, &clock, &TrackingFilter { flag: Some("b".into()), ..Default::default() }, HERE).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(audits(&db.store, "view_tracking"), 2);
    }

    fn plan_011_a_change_to_long_term_fostering_needs_the_service_manager_and_the_panel_and_supersedes_the_old_plan(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        let sm = user(Role::ServiceManager, None);
        let iro = user(Role::IndependentReviewingOfficer, None);
        let adviser = user(Role::PanelAdviser, None);
        // A ratified return-home plan.
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let mut plan = complete(view.plan.value.document.clone());
        plan.pathway = Some(Pathway::ReturnHome);
        plan.appraisal.retain(|e| e.option == PermanenceOption::BirthParents);
        plan.appraisal[0].outcome = AppraisalOutcome::RuledIn;
        let mut version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, plan, HERE).unwrap().version;
        version = link_support(&db.store, version);
        for step in ["place", "start_assessment", "put_forward"] {
            version = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named(step), HERE).unwrap().version;
        }
        version = perm::plan_step(&db.store, &iro, &clock, &cid("C1"), version, StepInput::named("ratify"), HERE).unwrap().version;
        let later = FixedClock::on("2025-10-06");
        let err = perm::propose_change(&db.store, &sw, &later, &cid("C1"), version, perm::Proposal { to: Pathway::LongTermFostering, reasons: " ".into() }, HERE).unwrap_err();
        assert!(err.to_string().contains("reasons"), "{err}");
        let change = perm::propose_change(&db.store, &sw, &later, &cid("C1"), version, perm::Proposal { to: Pathway::LongTermFostering, reasons: "Return home is no longer safe".into() }, HERE).unwrap();
        assert_eq!(change.value.document.status(), "awaiting Team Manager agreement and Service Manager authorisation and Permanence Panel");
        // The team manager agrees first; the service manager cannot go before.
        let err = perm::authorise_change(&db.store, &sm, &later, &change.value.id, change.version, HERE).unwrap_err();
        assert!(err.to_string().contains("Team Manager's agreement first"), "{err}");
        let change = perm::authorise_change(&db.store, &tm, &later, &change.value.id, change.version, HERE).unwrap();
        assert_eq!(change.value.document.status(), "awaiting Service Manager authorisation and Permanence Panel");
        // Not yet in force: the IRO cannot agree it at review.
        let err = perm::agree_change_at_review(&db.store, &iro, &later, &change.value.id, change.version, None, HERE).unwrap_err();
        assert!(err.to_string().contains("awaiting Service Manager authorisation and Permanence Panel"), "{err}");
        let change = perm::authorise_change(&db.store, &sm, &later, &change.value.id, change.version, HERE).unwrap();
        let change = perm::authorise_change(&db.store, &adviser, &later, &change.value.id, change.version, HERE).unwrap();
        let change = perm::record_advocacy_offer(&db.store, &sw, &later, &change.value.id, change.version, OfferResponse::Accepted, HERE).unwrap();
        let new = perm::agree_change_at_review(&db.store, &iro, &later, &change.value.id, change.version, None, HERE).unwrap();
        assert_eq!(new.value.document.plan_version, 2);
        assert_eq!(new.value.document.pathway, Some(Pathway::LongTermFostering));
        assert_eq!(new.value.document.lifecycle, Lifecycle::RatifiedSubjectToPanel);
        let view = perm::open_plan(&db.store, &sw, &later, &cid("C1"), HERE).unwrap();
        assert_eq!(view.plan.value.document.plan_version, 2);
        assert_eq!(view.history.len(), 1);
        assert_eq!(view.history[0].lifecycle, Lifecycle::Superseded);
        assert_eq!(view.history[0].superseded_on, Some(d("2025-10-06")));
        assert!(view.referrals.iter().any(|r| r.value.document.trigger == "change_to_ltf"), "PANEL-009 (3)");
        assert_eq!(audits(&db.store, "WF-PLAN-CHANGE.agree_at_review"), 1);
    }

    fn role_010_a_change_of_plan_is_agreed_only_once_the_advocacy_offer_and_the_childs_response_are_recorded(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        let sm = user(Role::ServiceManager, None);
        let iro = user(Role::IndependentReviewingOfficer, None);
        let version = ratified_return_home(&db.store, &clock);
        // The spec's Check: the plan of a child (aged 12 there; any age here) changes on 2025-10-06.
        let later = FixedClock::on("2025-10-06");
        let change = perm::propose_change(&db.store, &sw, &later, &cid("C1"), version, perm::Proposal { to: Pathway::SpecialGuardianshipOrder, reasons: "Grandmother to apply for an SGO".into() }, HERE).unwrap();
        let change = perm::authorise_change(&db.store, &tm, &later, &change.value.id, change.version, HERE).unwrap();
        let change = perm::authorise_change(&db.store, &sm, &later, &change.value.id, change.version, HERE).unwrap();
        assert_eq!(change.value.document.status(), "authorised");
        let err = perm::agree_change_at_review(&db.store, &iro, &later, &change.value.id, change.version, None, HERE).unwrap_err();
        assert!(err.to_string().contains("offer Children's Rights Officer / advocacy"), "{err}");
        let change = perm::record_advocacy_offer(&db.store, &sw, &later, &change.value.id, change.version, OfferResponse::Declined, HERE).unwrap();
        let offer = change.value.document.advocacy.clone().unwrap();
        assert_eq!((offer.offered, offer.response), (d("2025-10-06"), Some(OfferResponse::Declined)));
        let err = perm::record_advocacy_offer(&db.store, &sw, &later, &change.value.id, change.version, OfferResponse::Accepted, HERE).unwrap_err();
        assert!(err.to_string().contains("already recorded"), "{err}");
        assert_eq!(audits(&db.store, "ROLE-010.advocacy_offer"), 1);
        let new = perm::agree_change_at_review(&db.store, &iro, &later, &change.value.id, change.version, None, HERE).unwrap();
        assert_eq!(new.value.document.pathway, Some(Pathway::SpecialGuardianshipOrder));
    }

    fn track_013_an_iro_issue_moves_up_when_a_stage_does_not_answer_in_time(db) {
        setup(&db.store);
        let iro = user(Role::IndependentReviewingOfficer, None);
        let tm = user(Role::TeamManager, Some("Blaby"));
        let raised = FixedClock::on("2025-07-10");
        let err = perm::raise_iro_issue(&db.store, &tm, &raised, &cid("C1"), perm::NewIssue { issue: "Plan not ratified".into(), action_required: "Ratify at an early review".into(), stage: domain::permanence::iro_issues::IroStage::Stage1 }, HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)));
        let id = perm::raise_iro_issue(&db.store, &iro, &raised, &cid("C1"), perm::NewIssue { issue: "Plan not ratified".into(), action_required: "Ratify at an early review".into(), stage: domain::permanence::iro_issues::IroStage::Stage1 }, HERE).unwrap();
        // No team manager response by 2025-07-17: on 2025-07-18 it is at Stage 2.
        let issues = perm::iro_issues(&db.store, &FixedClock::on("2025-07-17"), &cid("C1")).unwrap();
        assert_eq!(issues[0].value.stage, "stage1");
        let issues = perm::iro_issues(&db.store, &FixedClock::on("2025-07-18"), &cid("C1")).unwrap();
        assert_eq!(issues[0].value.stage, "stage2");
        assert_eq!(audits(&db.store, "WF-IRO-ESCALATION.escalate_on_timeout"), 1);
        // The service manager answers; the IRO resolves it.
        let sm = user(Role::ServiceManager, None);
        let on = FixedClock::on("2025-07-21");
        let answered = perm::act_on_issue(&db.store, &tm, &on, &id, issues[0].version, perm::IssueAction::Respond, HERE).unwrap_err();
        assert!(matches!(answered, AppError::Forbidden(_)), "only the stage's holder answers");
        let answered = perm::act_on_issue(&db.store, &sm, &on, &id, issues[0].version, perm::IssueAction::Respond, HERE).unwrap();
        let resolved = perm::act_on_issue(&db.store, &iro, &on, &id, answered.version, perm::IssueAction::Resolve, HERE).unwrap();
        assert_eq!(resolved.value.stage, "resolved");
        assert_eq!(activities(&db.store, "C1", EventKind::IroIssueResolved), vec![d("2025-07-21")]);
    }

    fn panel_009_a_match_is_referred_only_after_ltf_is_found_suitable(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let err = perm::refer_match(&db.store, &sw, &clock, &cid("C1"), "The Carers", false, HERE).unwrap_err();
        assert!(err.to_string().contains("not yet found long-term fostering suitable"), "{err}");
    }

    fn prin_007_life_story_work_is_recorded_from_the_plan_for_the_deadlines(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-07-01");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let err = perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::LifeStoryWorkStarted, d("2025-07-02"), HERE).unwrap_err();
        assert!(err.to_string().contains("in the future"), "{err}");
        let err = perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::AdoptionOrderMade, d("2025-07-01"), HERE).unwrap_err();
        assert!(err.to_string().contains("not recorded from the plan"), "{err}");
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::LifeStoryWorkStarted, d("2025-06-30"), HERE).unwrap();
        assert_eq!(activities(&db.store, "C1", EventKind::LifeStoryWorkStarted), vec![d("2025-06-30")]);
        assert_eq!(audits(&db.store, "record_activity"), 1);
    }

    fn role_005_an_endorsement_cannot_be_attached_as_a_paper_only_given_by_the_team_manager(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let r = domain::permanence::referrals::Referral::new(cid("C1"), domain::permanence::referrals::ItemType::LtfSuitability, "review_ltf_plan", d("2025-06-30"), None);
        perm::load_permanence(&db.store, &Actor::new("demo"), &clock, None, &[], &[("C1-R01".to_string(), r)], &[]).unwrap();
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let before = perm::open_referral(&db.store, &sw, &clock, "C1-R01", HERE).unwrap().referral;
        for action in [
            ReferralAction::AttachPaper(PackDoc::TeamManagerEndorsement),
            ReferralAction::AttachPapers(vec![PackDoc::ContactPlan, PackDoc::TeamManagerEndorsement]),
        ] {
            let err = perm::act_on_referral(&db.store, &sw, &clock, "C1-R01", before.version, action, HERE).unwrap_err();
            assert!(err.to_string().contains("endorsement is given with \"Endorse\""), "{err}");
        }
        let after = perm::open_referral(&db.store, &sw, &clock, "C1-R01", HERE).unwrap();
        assert_eq!(after.referral.version, before.version, "nothing changed");
        assert!(after.missing.contains(&PackDoc::TeamManagerEndorsement));
        assert_eq!(audits(&db.store, "WF-PERM-PANEL.attach_paper"), 0);
    }

    fn a_social_worker_sees_only_their_teams_referrals_waiting_for_the_panel_and_the_read_is_audited(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let waiting = |child: &str| {
            let r = domain::permanence::referrals::Referral::new(cid(child), domain::permanence::referrals::ItemType::LtfSuitability, "review_ltf_plan", d("2025-06-30"), None);
            (format!("{child}-R01"), r)
        };
        perm::load_permanence(&db.store, &Actor::new("demo"), &clock, None, &[], &[waiting("C1"), waiting("C2")], &[]).unwrap();
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let seen = perm::panels_overview(&db.store, &sw, &clock, HERE).unwrap();
        let ids: Vec<&str> = seen.waiting.iter().map(|r| r.value.id.as_str()).collect();
        assert_eq!(ids, vec!["C1-R01"], "the Melton child's referral is not listed to Blaby");
        let manager = user(Role::ServiceManager, None);
        assert_eq!(perm::panels_overview(&db.store, &manager, &clock, HERE).unwrap().waiting.len(), 2);
        assert_eq!(audits(&db.store, "view_panels"), 2);
        let analyst = user(Role::PerformanceAnalyst, None);
        assert!(matches!(perm::panels_overview(&db.store, &analyst, &clock, HERE), Err(AppError::Forbidden(_))));
    }
}

#[test]
fn security_tracking_facts_kept_for_one_database_are_never_served_for_another() {
    let db = test_support::db::sqlite();
    setup(&db.store);
    perm::rebuild_tracking(&db.store).unwrap();
    let teams = |store: &Store| {
        let mut t: Vec<Option<String>> = perm::current_facts(store, None)
            .unwrap()
            .iter()
            .map(|c| c.team.clone())
            .collect();
        t.sort();
        t
    };
    let team = |name: &str| Some(name.to_owned());
    assert_eq!(teams(&db.store), [team("Blaby"), team("Melton")]);
    // A copy of the database (a restore), whose tracking rows keep their
    // stamps but name another team.
    let path = db.url.strip_prefix("sqlite:").unwrap().to_owned();
    let copy = format!("{path}.copy.sqlite3");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("VACUUM INTO ?1", [&copy])
        .unwrap();
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute_batch("UPDATE permanence_tracking SET team = 'Elsewhere'")
        .unwrap();
    let restored =
        Store::open(&store::DatabaseUrl::parse(&format!("sqlite:{copy}")).unwrap()).unwrap();
    let seen = teams(&restored);
    drop(restored);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{copy}{suffix}"));
    }
    assert_eq!(seen, [team("Elsewhere"), team("Elsewhere")]);
    assert_eq!(teams(&db.store), [team("Blaby"), team("Melton")]);
}
