//! Permanence planning as people meet it (issue 17): the Permanence Panel's
//! outcome and the agency decision maker, the assessment behind the plan,
//! permanence achieved, on both backends.

mod permanence_fixture;
use permanence_fixture::*;

/// C1's return-home plan ratified by the IRO on 2025-06-30, its one step
/// ("LTF suitability assessment", due 2025-08-01) done or not.
fn ratified_return_home(store: &Store, step_done: bool) -> i64 {
    setup(store);
    let clock = FixedClock::on("2025-06-30");
    let sw = user(Role::SocialWorker, Some("Blaby"));
    let iro = user(Role::IndependentReviewingOfficer, None);
    let view = perm::open_plan(store, &sw, &clock, &cid("C1"), HERE).unwrap();
    let mut plan = complete(view.plan.value.document.clone());
    plan.pathway = Some(Pathway::ReturnHome);
    plan.appraisal
        .retain(|e| e.option == PermanenceOption::BirthParents);
    plan.appraisal[0].outcome = AppraisalOutcome::RuledIn;
    if step_done {
        plan.steps[0].done = Some(d("2025-06-27"));
    }
    let mut version = perm::edit_plan(
        store,
        &sw,
        &clock,
        &cid("C1"),
        view.plan.version,
        plan,
        HERE,
    )
    .unwrap()
    .version;
    for step in ["place", "start_assessment", "put_forward"] {
        version = perm::plan_step(
            store,
            &sw,
            &clock,
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
        &clock,
        &cid("C1"),
        version,
        StepInput::named("ratify"),
        HERE,
    )
    .unwrap()
    .version
}

fn achieved(arrangement: Arrangement, on: &str, reason: &str) -> AchievementInput {
    AchievementInput {
        arrangement: Some(arrangement),
        on: Some(d(on)),
        named: String::new(),
        override_reason: reason.into(),
    }
}

test_support::on_both_backends! {
    fn panel_006_a_permanence_panel_outcome_awaits_the_adm_and_starts_no_fost_015(db) {
        let (rid, v) = listed_referral(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let on_the_day = FixedClock::on("2025-08-13");
        perm::act_on_referral(&db.store, &adviser, &on_the_day, &rid, v, ReferralAction::Outcome(suitable()), HERE).unwrap();
        assert_eq!(activities(&db.store, "C1", EventKind::PermanencePanelOutcome), vec![d("2025-08-13")]);
        assert_eq!(activities(&db.store, "C1", EventKind::PanelRecommendation), vec![], "no fostering panel recommendation");
        let open = open_rules(&db.store);
        assert!(open.contains(&"PANEL-006"), "{open:?}");
        assert!(!open.contains(&"FOST-015"), "the fostering panel's 7 days do not start: {open:?}");
    }

    fn plan_003_a_plan_cannot_be_put_forward_as_final_while_its_assessment_is_in_progress(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let draft = complete(view.plan.value.document.clone());
        let mut version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, draft, HERE).unwrap().version;
        for step in ["place", "start_assessment"] {
            version = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named(step), HERE).unwrap().version;
        }
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::PermanenceAssessmentStarted, d("2025-06-02"), HERE).unwrap();
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert!(view.gaps.iter().any(|g| g.rule == "PLAN-003"), "the page names it: {:?}", view.gaps);
        let err = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("put_forward"), HERE).unwrap_err();
        assert!(err.to_string().contains("an assessment is still in progress"), "{err}");
        assert!(err.to_string().contains("(PLAN-003)"), "{err}");
        // The assessment is completed: the final plan goes forward.
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::PermanenceAssessmentCompleted, d("2025-06-27"), HERE).unwrap();
        let forward = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("put_forward"), HERE).unwrap();
        assert_eq!(forward.value.document.stage.code(), "put_forward");
        assert_eq!(activities(&db.store, "C1", EventKind::PermanenceAssessmentCompleted), vec![d("2025-06-27")]);
    }

    fn wf_perm_plan_permanence_achieved_is_refused_with_open_milestones_and_accepted_with_a_managers_override(db) {
        let version = ratified_return_home(&db.store, false);
        let clock = FixedClock::on("2025-07-10");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        // Not as a bare step of the plan: it needs its arrangement and date.
        let err = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("achieve"), HERE).unwrap_err();
        assert!(err.to_string().contains("order or arrangement"), "{err}");
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert_eq!(view.open_milestones, vec![("Plan step: LTF suitability assessment".to_owned(), d("2025-08-01"))]);
        let err = perm::record_permanence_achieved(&db.store, &sw, &clock, &cid("C1"), version, achieved(Arrangement::ReturnHomeApproved, "2025-07-09", ""), HERE).unwrap_err();
        assert!(err.to_string().contains("milestones are open (Plan step: LTF suitability assessment, due 1 August 2025)"), "{err}");
        // A manager must give the reason.
        let err = perm::record_permanence_achieved(&db.store, &tm, &clock, &cid("C1"), version, achieved(Arrangement::ReturnHomeApproved, "2025-07-09", " "), HERE).unwrap_err();
        assert!(err.to_string().contains("a team or service manager may record it with the reason"), "{err}");
        let done = perm::record_permanence_achieved(&db.store, &tm, &clock, &cid("C1"), version, achieved(Arrangement::ReturnHomeApproved, "2025-07-09", "The assessment was overtaken by the return home"), HERE).unwrap();
        let plan = &done.value.document;
        assert_eq!(plan.lifecycle, Lifecycle::Achieved);
        assert_eq!(plan.achieved_on, Some(d("2025-07-09")));
        assert_eq!(plan.achievement.as_ref().unwrap().open_milestones, vec!["Plan step: LTF suitability assessment".to_owned()]);
        assert_eq!(audits(&db.store, "WF-PERM-PLAN.achieve"), 1);
    }

    fn wf_perm_plan_achieved_needs_the_order_and_its_date_and_a_manager_may_reverse_it_with_a_reason(db) {
        let version = ratified_return_home(&db.store, true);
        let clock = FixedClock::on("2025-07-10");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        let none = AchievementInput { on: Some(d("2025-07-09")), ..Default::default() };
        let err = perm::record_permanence_achieved(&db.store, &sw, &clock, &cid("C1"), version, none, HERE).unwrap_err();
        assert!(err.to_string().contains("choose the order made or the arrangement confirmed"), "{err}");
        // PATH-001: an order names the person it gives the child a home with.
        let err = perm::record_permanence_achieved(&db.store, &sw, &clock, &cid("C1"), version, achieved(Arrangement::SpecialGuardianshipOrder, "2025-07-09", ""), HERE).unwrap_err();
        assert!(err.to_string().contains("must name at least one special guardian"), "{err}");
        let err = perm::record_permanence_achieved(&db.store, &sw, &clock, &cid("C1"), version, achieved(Arrangement::ReturnHomeApproved, "2025-07-11", ""), HERE).unwrap_err();
        assert!(err.to_string().contains("in the future"), "{err}");
        // No milestone open: the social worker records it.
        let done = perm::record_permanence_achieved(&db.store, &sw, &clock, &cid("C1"), version, achieved(Arrangement::ReturnHomeApproved, "2025-07-09", ""), HERE).unwrap();
        assert_eq!(done.value.document.lifecycle, Lifecycle::Achieved);
        // Only a manager reverses it, and with a reason.
        let err = perm::reverse_permanence_achieved(&db.store, &sw, &clock, &cid("C1"), done.version, "Wrong child", HERE).unwrap_err();
        assert!(err.to_string().contains("must be taken by team manager"), "{err}");
        let err = perm::reverse_permanence_achieved(&db.store, &tm, &clock, &cid("C1"), done.version, "", HERE).unwrap_err();
        assert!(err.to_string().contains("reason"), "{err}");
        let back = perm::reverse_permanence_achieved(&db.store, &tm, &clock, &cid("C1"), done.version, "The return home was not yet approved", HERE).unwrap();
        let plan = &back.value.document;
        assert_eq!(plan.lifecycle, Lifecycle::Ratified);
        assert_eq!(plan.achieved_on, None);
        assert_eq!(plan.reversals.len(), 1);
        assert_eq!(plan.reversals[0].reason, "The return home was not yet approved");
        assert_eq!(audits(&db.store, "WF-PERM-PLAN.reverse_achieved"), 1);
        // A stale reversal is refused.
        let err = perm::reverse_permanence_achieved(&db.store, &tm, &clock, &cid("C1"), done.version, "Again", HERE).unwrap_err();
        assert!(err.to_string().contains("changed by someone else"), "{err}");
    }

    fn panel_006_the_adm_decides_a_recommendation_from_the_worklist_item(db) {
        let (rid, v) = listed_referral(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let adm = user(Role::AgencyDecisionMaker, None);
        let on_the_day = FixedClock::on("2025-08-13");
        let heard = perm::act_on_referral(&db.store, &adviser, &on_the_day, &rid, v, ReferralAction::Outcome(suitable()), HERE).unwrap();
        // The ADM's worklist holds the PANEL-006 item; it leads to the decision.
        let next_day = d("2025-08-14");
        let (items, _) = app::worklist(&db.store, &domain::worklist::Scope::Service, next_day).unwrap();
        let item = items.iter().find(|i| i.rule == "PANEL-006" && i.case == "C1").expect("the ADM's item");
        assert_eq!(item.responsible, Role::AgencyDecisionMaker);
        assert_eq!(perm::work_item_form(item), Some("/children/C1/plan/decision".to_owned()));
        assert_eq!(perm::awaiting_decision(&db.store, &adm, &cid("C1")).unwrap(), Some(rid.clone()));
        perm::act_on_referral(&db.store, &adm, &FixedClock::on("2025-08-14"), &rid, heard.version, ReferralAction::AdmDecision { agreed: true, reasons: "Agree".into() }, HERE).unwrap();
        assert_eq!(perm::awaiting_decision(&db.store, &adm, &cid("C1")).unwrap(), None, "nothing awaits once decided");
        assert!(!open_rules(&db.store).contains(&"PANEL-006"));
    }
}
