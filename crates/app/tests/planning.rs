//! Permanence planning as people meet it (issue 17): the Permanence Panel's
//! outcome and the agency decision maker, the assessment behind the plan,
//! permanence achieved, on both backends.

mod permanence_fixture;
use permanence_fixture::*;

/// C1's return-home plan ratified by the IRO on 2025-06-30, its one step
/// ("LTF suitability assessment", due 2025-08-01) done or not.
fn ratified_return_home(store: &Store, step_done: bool) -> i64 {
    ratified_return_home_on(store, step_done, "2025-06-30")
}

/// [`ratified_return_home`], ratified at the review on `on`.
fn ratified_return_home_on(store: &Store, step_done: bool, on: &str) -> i64 {
    setup(store);
    let clock = FixedClock::on("2025-06-30");
    let sw = user(Role::SocialWorker, Some("Blaby"));
    let view = perm::open_plan(store, &sw, &clock, &cid("C1"), HERE).unwrap();
    let mut plan = complete(view.plan.value.document.clone());
    plan.pathway = Some(Pathway::ReturnHome);
    plan.appraisal
        .retain(|e| e.option == PermanenceOption::BirthParents);
    plan.appraisal[0].outcome = AppraisalOutcome::RuledIn;
    if step_done {
        plan.steps[0].done = Some(d("2025-06-27"));
    }
    ratify_c1(
        store,
        plan,
        view.plan.version,
        StepInput::named("ratify").on(d(on)),
    )
}

fn achieved(arrangement: Arrangement, on: &str, reason: &str) -> AchievementInput {
    AchievementInput {
        arrangement: Some(arrangement),
        on: Some(d(on)),
        named: String::new(),
        override_reason: reason.into(),
        child_can_give_views: false,
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

    fn panel_006_an_outcome_the_adm_agreed_at_the_meeting_leaves_nothing_for_the_adm(db) {
        let (rid, v) = listed_referral(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let on_the_day = FixedClock::on("2025-08-13");
        let agreed = ProposedOutcome { adm_agreed: true, ..suitable() };
        perm::act_on_referral(&db.store, &adviser, &on_the_day, &rid, v, ReferralAction::Outcome(agreed), HERE).unwrap();
        assert_eq!(activities(&db.store, "C1", EventKind::AgencyDecision), vec![d("2025-08-13")]);
        assert!(!open_rules(&db.store).contains(&"PANEL-006"), "{:?}", open_rules(&db.store));
    }

    fn panel_014_each_items_minute_is_written_until_approval_and_overdue_minutes_alert_the_adviser(db) {
        let (rid, _) = listed_referral(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let day_after = FixedClock::on("2025-08-14");
        let meeting = perm::open_referral(&db.store, &adviser, &day_after, &rid, HERE).unwrap().referral.value.document.meeting.unwrap();
        let version = perm::meeting(&db.store, &adviser, &day_after, &meeting, "view_meeting", HERE).unwrap().0.version;
        let err = perm::edit_item_minute(&db.store, &sw, &day_after, &meeting, version, &rid, "Agreed", HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        let minute = "Suitable. Action: life story book by 30 September (social worker).";
        let version = perm::edit_item_minute(&db.store, &adviser, &day_after, &meeting, version, &rid, minute, HERE).unwrap();
        let m = perm::meeting(&db.store, &adviser, &day_after, &meeting, "view_meeting", HERE).unwrap().0;
        assert_eq!(m.value.document.item_minutes.get(&rid).map(String::as_str), Some(minute));
        // Due ten working days after the meeting (the August bank holiday skipped): 28 August.
        let on_time = perm::panels_overview(&db.store, &adviser, &FixedClock::on("2025-08-28"), HERE).unwrap();
        assert!(on_time.minutes_overdue(d("2025-08-28")).is_empty());
        let late = FixedClock::on("2025-08-29");
        let overdue = perm::panels_overview(&db.store, &adviser, &late, HERE).unwrap();
        let alerts: Vec<_> = overdue.minutes_overdue(d("2025-08-29")).into_iter().map(|(m, due)| (m.date, due)).collect();
        assert_eq!(alerts, vec![(d("2025-08-13"), d("2025-08-28"))]);
        let version = perm::approve_minutes(&db.store, &adviser, &late, &meeting, version, HERE).unwrap();
        let err = perm::edit_item_minute(&db.store, &adviser, &late, &meeting, version, &rid, "Changed", HERE).unwrap_err();
        assert!(err.to_string().contains("approved on 29 August 2025"), "{err}");
        assert!(perm::panels_overview(&db.store, &adviser, &late, HERE).unwrap().minutes_overdue(d("2025-08-29")).is_empty());
        assert_eq!(audits(&db.store, "edit_minute"), 1);
    }

    fn panel_011_the_referral_offers_the_first_meeting_whose_cut_off_it_met(db) {
        let (rid, _, meeting) = endorsed_referral(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let view = perm::open_referral(&db.store, &adviser, &FixedClock::on("2025-06-30"), &rid, HERE).unwrap();
        // The 9 July meeting's cut-off (25 June) had passed when the pack was complete.
        assert_eq!(view.next_listable, Some(meeting));
    }

    fn track_010_permanence_achieved_by_an_order_asks_the_carer_and_the_child_and_records_who_holds_pr(db) {
        let version = ratified_return_home(&db.store, true);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let input = AchievementInput {
            named: "Aunt Jo".into(),
            child_can_give_views: true,
            ..achieved(Arrangement::SpecialGuardianshipOrder, "2025-07-09", "")
        };
        let done = perm::record_permanence_achieved(&db.store, &sw, &FixedClock::on("2025-07-10"), &cid("C1"), version, input, HERE).unwrap();
        let a = done.value.document.achievement.clone().unwrap();
        assert!(!a.matches_plan, "an SGO is another route than the plan's return home");
        assert_eq!(a.feedback.len(), 2, "the carer and the child: {:?}", a.feedback);
        assert_eq!(a.pr_holders.iter().map(|h| h.person.as_str()).collect::<Vec<_>>(), vec!["Aunt Jo"]);
    }

    fn track_007_the_share_of_plans_ratified_by_the_second_review_last_quarter(db) {
        // C1 and C2 had their second review on 2025-06-20 (Q1 2025-26); C1's
        // plan was ratified at it, C2 has none.
        ratified_return_home_on(&db.store, true, "2025-06-20");
        perm::rebuild_tracking(&db.store).unwrap();
        let clock = FixedClock::on("2025-07-10");
        let manager = user(Role::ServiceManager, None);
        let share = perm::ratified_by_second_review(&db.store, &manager, &clock, None).unwrap();
        assert_eq!(share, Some((50.0, d("2025-04-01"), d("2025-06-30"))));
        // The team's social worker sees their team's children only.
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let team = perm::ratified_by_second_review(&db.store, &sw, &clock, None).unwrap();
        assert_eq!(team.map(|t| t.0), Some(100.0));
        // In the same quarter nothing is complete yet: the quarter before has no second reviews.
        assert_eq!(perm::ratified_by_second_review(&db.store, &manager, &FixedClock::on("2025-06-30"), None).unwrap(), None);
    }

    fn plan_012_the_ratified_plan_is_sent_to_each_recipient_within_ten_working_days(db) {
        use domain::permanence::plan_tasks::{Recipient, unsent_distributions};
        let version = ratified_return_home(&db.store, true);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let clock = FixedClock::on("2025-07-10");
        let plan = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().plan.value.document;
        assert_eq!(plan.distribution.len(), 6);
        assert!(plan.distribution.iter().all(|t| t.due == d("2025-07-14")));
        let err = perm::record_distribution(&db.store, &sw, &clock, &cid("C1"), version, &[], d("2025-07-10"), HERE).unwrap_err();
        assert!(err.to_string().contains("tick who"), "{err}");
        let sent = perm::record_distribution(&db.store, &sw, &clock, &cid("C1"), version, &[Recipient::Child, Recipient::Carer], d("2025-07-10"), HERE).unwrap();
        let flagged = unsent_distributions(&sent.value.document.distribution, d("2025-07-15"));
        assert_eq!(flagged, vec![Recipient::Parents, Recipient::Iro, Recipient::SchoolOrVirtualSchool, Recipient::HealthProfessional]);
        assert_eq!(activities(&db.store, "C1", EventKind::PermanencePlanDistributed), vec![]);
        let later = FixedClock::on("2025-07-15");
        let rest = [Recipient::Parents, Recipient::Iro, Recipient::SchoolOrVirtualSchool, Recipient::HealthProfessional];
        perm::record_distribution(&db.store, &sw, &later, &cid("C1"), sent.version, &rest, d("2025-07-15"), HERE).unwrap();
        assert_eq!(activities(&db.store, "C1", EventKind::PermanencePlanDistributed), vec![d("2025-07-15")]);
        assert_eq!(audits(&db.store, "WF-PERM-PLAN.distribute"), 2);
    }

    fn plan_013_a_plan_without_the_education_or_health_contribution_asks_the_partners(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        // C1 is nine and has no PEP or health assessment on the record.
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let asked: Vec<Role> = view.partner_tasks.iter().map(|t| t.role).collect();
        assert_eq!(asked, vec![Role::VirtualSchool, Role::HealthPractitioner]);
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::LifeStoryWorkStarted, d("2025-06-30"), HERE).unwrap();
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert_eq!(view.partner_tasks.len(), 2, "a life story is not a partner's input");
    }

    fn track_016_a_drifting_child_not_discussed_in_supervision_this_month_is_flagged(db) {
        setup(&db.store);
        perm::rebuild_tracking(&db.store).unwrap();
        // C1 has had no ratified plan since its second review (2025-06-20):
        // on the drift list in July 2025.
        let clock = FixedClock::on("2025-07-15");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let line = |clock: &FixedClock| perm::tracking_list(&db.store, &sw, clock, &TrackingFilter::default(), HERE).unwrap().remove(0);
        assert!(!line(&clock).drift.is_empty());
        assert!(line(&clock).not_discussed);
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::SupervisionDiscussion, d("2025-07-14"), HERE).unwrap();
        assert!(!line(&clock).not_discussed, "discussed in July");
        assert!(line(&FixedClock::on("2025-08-05")).not_discussed, "not yet in August");
    }

    fn track_003_only_a_service_manager_records_oversight_and_it_stops_the_escalation(db) {
        setup(&db.store);
        perm::rebuild_tracking(&db.store).unwrap();
        let clock = FixedClock::on("2025-08-01");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let sm = user(Role::ServiceManager, None);
        let line = || perm::tracking_list(&db.store, &sm, &clock, &TrackingFilter { team: Some("Blaby".into()), ..Default::default() }, HERE).unwrap().remove(0);
        assert!(line().escalated, "a reason open since 2025-06-21, 30 days without oversight");
        let err = perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::ServiceManagerOversight, d("2025-07-31"), HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        perm::record_plan_activity(&db.store, &sm, &clock, &cid("C1"), EventKind::ServiceManagerOversight, d("2025-07-31"), HERE).unwrap();
        assert!(!line().escalated);
    }

    fn prin_002_permanence_achieved_last_quarter_is_counted_by_route(db) {
        let version = ratified_return_home(&db.store, true);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        perm::record_permanence_achieved(&db.store, &sw, &FixedClock::on("2025-07-10"), &cid("C1"), version, achieved(Arrangement::ReturnHomeApproved, "2025-07-09", ""), HERE).unwrap();
        let manager = user(Role::ServiceManager, None);
        let (routes, from, to) = perm::achieved_by_route(&db.store, &manager, &FixedClock::on("2025-10-02"), None).unwrap();
        assert_eq!((from, to), (d("2025-07-01"), d("2025-09-30")));
        assert_eq!(routes, vec![(Pathway::ReturnHome, 1)]);
        // The Melton team has none.
        let melton = user(Role::SocialWorker, Some("Melton"));
        assert_eq!(perm::achieved_by_route(&db.store, &melton, &FixedClock::on("2025-10-02"), None).unwrap().0, vec![]);
    }

    fn panel_001_no_permanence_panel_meeting_before_february_2016(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let adviser = user(Role::PanelAdviser, None);
        perm::configure_forum(&db.store, &Actor::new("admin"), &clock, &test_support::permanence_demo::demo_forum(d("2010-01-01"))).unwrap();
        let err = perm::create_meeting(&db.store, &adviser, &clock, ForumKind::PermanencePanel, d("2016-01-13"), HERE).unwrap_err();
        assert!(err.to_string().contains("effective from 2016-02-01"), "{err}");
        perm::create_meeting(&db.store, &adviser, &clock, ForumKind::PermanencePanel, d("2016-02-10"), HERE).unwrap();
    }

    fn plan_003_a_plan_cannot_be_put_forward_as_final_while_its_assessment_is_in_progress(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let draft = complete(view.plan.value.document.clone());
        let mut version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, draft, HERE).unwrap().version;
        version = link_support(&db.store, version);
        for step in ["place", "start_assessment"] {
            version = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named(step), HERE).unwrap().version;
        }
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::PermanenceAssessmentStarted, d("2025-06-02"), HERE).unwrap();
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert!(view.gaps.iter().any(|g| g.rule == "PLAN-003"), "the page names it: {:?}", view.gaps);
        let err = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("put_forward"), HERE).unwrap_err();
        assert!(err.to_string().contains("an assessment is still in progress"), "{err}");
        assert!(err.to_string().contains("(PLAN-003)"), "{err}");
        // The assessment is completed, the chronology updated since it
        // started (DATA-004): the final plan goes forward.
        app::casework::write_case_note(&db.store, &sw, &clock, &cid("C1"), d("2025-06-27"), "Assessment findings shared with the family", HERE).unwrap();
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::PermanenceAssessmentCompleted, d("2025-06-27"), HERE).unwrap();
        let forward = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("put_forward"), HERE).unwrap();
        assert_eq!(forward.value.document.stage.code(), "put_forward");
        assert_eq!(activities(&db.store, "C1", EventKind::PermanenceAssessmentCompleted), vec![d("2025-06-27")]);
    }

    fn gen_002_a_child_back_in_care_after_an_adoption_breakdown_needs_the_return_to_family_section(db) {
        use domain::permanence::breakdown::{ReturnSupport, ReturnToFamily};
        setup(&db.store);
        // C1 was adopted; the adoption broke down and the return states it (PREV_PERM P1).
        let mut year = domain::census::CensusYear::new(2025);
        year.previous_permanence.push(domain::census::PreviousPermanence { kind: "P1".into(), council: "E10000018".into(), date_text: "01/03/2021".into(), date: Some(d("2021-03-01")) });
        db.store.write(|tx| tx.insert_census(&[(cid("C1"), year)])).unwrap();
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let draft = complete(view.plan.value.document.clone());
        let mut version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, draft.clone(), HERE).unwrap().version;
        version = link_support(&db.store, version);
        for step in ["place", "start_assessment"] {
            version = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named(step), HERE).unwrap().version;
        }
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert!(view.gaps.iter().any(|g| g.rule == "GEN-002" && g.blocking), "the page names it: {:?}", view.gaps);
        let err = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("put_forward"), HERE).unwrap_err();
        assert!(err.to_string().contains("return to family section (the support offered, or why return is not the plan) (GEN-002)"), "{err}");
        // Neither support nor a reason is not an answer.
        assert!(ReturnToFamily::answer(Vec::new(), " ").unwrap_err().starts_with("return_support:"));
        // The section lists the support offered: the plan goes forward.
        let mut plan = view.plan.value.document.clone();
        plan.return_to_family = Some(ReturnToFamily::answer(vec![ReturnSupport::SupportWorker, ReturnSupport::Camhs], "").unwrap());
        version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), version, plan, HERE).unwrap().version;
        let forward = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("put_forward"), HERE).unwrap();
        assert_eq!(forward.value.document.stage.code(), "put_forward");
        assert_eq!(forward.value.document.return_to_family.as_ref().unwrap().support, vec![ReturnSupport::SupportWorker, ReturnSupport::Camhs]);
    }

    fn data_004_an_assessment_completes_only_once_the_chronology_was_updated_since_it_started(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::PermanenceAssessmentStarted, d("2025-06-02"), HERE).unwrap();
        let err = perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::PermanenceAssessmentCompleted, d("2025-06-27"), HERE).unwrap_err();
        assert!(err.to_string().contains("the child has no chronology"), "{err}");
        // A note written before the assessment started does not count.
        let before = FixedClock::on("2025-05-30");
        app::casework::write_case_note(&db.store, &sw, &before, &cid("C1"), d("2025-05-30"), "Contact went well", HERE).unwrap();
        let err = perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::PermanenceAssessmentCompleted, d("2025-06-27"), HERE).unwrap_err();
        assert!(err.to_string().contains("last updated on 2025-05-30, before the assessment started on 2025-06-02"), "{err}");
        assert_eq!(activities(&db.store, "C1", EventKind::PermanenceAssessmentCompleted), vec![], "nothing changes");
        app::casework::write_case_note(&db.store, &sw, &clock, &cid("C1"), d("2025-06-27"), "Assessment findings shared with the family", HERE).unwrap();
        perm::record_plan_activity(&db.store, &sw, &clock, &cid("C1"), EventKind::PermanenceAssessmentCompleted, d("2025-06-27"), HERE).unwrap();
        assert_eq!(activities(&db.store, "C1", EventKind::PermanenceAssessmentCompleted), vec![d("2025-06-27")]);
    }

    fn data_002_the_pack_is_endorsed_only_with_the_childs_wishes_gathered_since_the_last_review(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        ratify_c1(&db.store, complete(view.plan.value.document.clone()), view.plan.version, StepInput::named("ratify"));
        let referral = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().referrals[0].clone();
        let rid = referral.value.id.clone();
        let required = perm::open_referral(&db.store, &sw, &clock, &rid, HERE).unwrap().required;
        let papers: Vec<PackDoc> = required.into_iter().filter(|d| *d != PackDoc::TeamManagerEndorsement).collect();
        let v = perm::act_on_referral(&db.store, &sw, &clock, &rid, referral.version, ReferralAction::LtfAssessment(ltf_assessment("2025-06-27")), HERE).unwrap().version;
        let v = perm::act_on_referral(&db.store, &sw, &clock, &rid, v, ReferralAction::AttachPapers(papers), HERE).unwrap().version;
        // The child's review on 2025-07-02 comes after the papers of 2025-06-30.
        let later = FixedClock::on("2025-07-03");
        let journey = db.store.read(|tx| tx.journey(&cid("C1"))).unwrap().unwrap();
        let review = Review { date: d("2025-07-02"), participation: ReviewParticipation::AttendsAndSpeaks };
        app::record_review(&db.store, &Actor::new("iro.test"), &later, &cid("C1"), journey.version, review).unwrap();
        let err = perm::act_on_referral(&db.store, &tm, &later, &rid, v, ReferralAction::Endorse, HERE).unwrap_err();
        assert!(err.to_string().contains("the child's wishes and feelings in the pack are dated 2025-06-30, before the child's review on 2025-07-02"), "{err}");
        let unchanged = perm::open_referral(&db.store, &tm, &later, &rid, HERE).unwrap().referral;
        assert_eq!((unchanged.version, unchanged.value.document.stage), (v, ReferralStage::Pack), "nothing changes");
        // The social worker adds the wishes gathered since the review: endorsed.
        let v = perm::act_on_referral(&db.store, &sw, &later, &rid, v, ReferralAction::AttachPaper(PackDoc::ChildWishes), HERE).unwrap().version;
        let endorsed = perm::act_on_referral(&db.store, &tm, &later, &rid, v, ReferralAction::Endorse, HERE).unwrap();
        assert_eq!(endorsed.value.document.stage, ReferralStage::Endorsed);
    }

    fn path_018_a_long_term_fostering_match_is_achieved_only_with_the_carers_the_panel_and_adm_confirmed(db) {
        // LTF found suitable with the ADM at the meeting: the plan is ratified.
        let (rid, v) = listed_referral(&db.store);
        let adviser = user(Role::PanelAdviser, None);
        let agreed = ProposedOutcome { adm_agreed: true, ..suitable() };
        perm::act_on_referral(&db.store, &adviser, &FixedClock::on("2025-08-13"), &rid, v, ReferralAction::Outcome(agreed), HERE).unwrap();
        let clock = FixedClock::on("2025-08-14");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        let plan = perm::open_plan(&db.store, &tm, &clock, &cid("C1"), HERE).unwrap().plan;
        let with = |named: &str| AchievementInput { named: named.into(), ..achieved(Arrangement::LtfMatchConfirmed, "2025-08-14", "Match confirmed") };
        // No match has been to the panel for these carers (PATH-018).
        let err = perm::record_permanence_achieved(&db.store, &tm, &clock, &cid("C1"), plan.version, with("The Carers"), HERE).unwrap_err();
        assert!(err.to_string().contains("no Permanence Panel outcome confirms this match for this child and carer"), "{err}");
        // The match goes to the panel, which agrees it with the ADM present.
        let mid = perm::refer_match(&db.store, &sw, &clock, &cid("C1"), "The Carers", false, HERE).unwrap();
        let view = perm::open_referral(&db.store, &sw, &clock, &mid, HERE).unwrap();
        let papers: Vec<PackDoc> = view.required.into_iter().filter(|d| *d != PackDoc::TeamManagerEndorsement).collect();
        let mut mv = perm::act_on_referral(&db.store, &sw, &clock, &mid, view.referral.version, ReferralAction::AttachPapers(papers), HERE).unwrap().version;
        mv = perm::act_on_referral(&db.store, &tm, &clock, &mid, mv, ReferralAction::Endorse, HERE).unwrap().version;
        let meeting = perm::create_meeting(&db.store, &adviser, &clock, ForumKind::PermanencePanel, d("2025-09-10"), HERE).unwrap();
        mv = perm::act_on_referral(&db.store, &adviser, &clock, &mid, mv, ReferralAction::List { meeting: meeting.clone() }, HERE).unwrap().version;
        let on_the_day = FixedClock::on("2025-09-10");
        let (m, _, forum) = perm::meeting(&db.store, &adviser, &on_the_day, &meeting, "view_meeting", HERE).unwrap();
        let everyone = forum.members.iter().map(|mm| Attendance { person: mm.person.clone(), seat: mm.seat }).collect();
        perm::record_attendance(&db.store, &adviser, &on_the_day, &meeting, m.version, everyone, HERE).unwrap();
        let match_agreed = ProposedOutcome { outcome: Outcome::MatchAgreed, adm_agreed: true, ..suitable() };
        perm::act_on_referral(&db.store, &adviser, &on_the_day, &mid, mv, ReferralAction::Outcome(match_agreed), HERE).unwrap();
        let later = FixedClock::on("2025-09-11");
        let plan = perm::open_plan(&db.store, &tm, &later, &cid("C1"), HERE).unwrap().plan;
        let other = AchievementInput { on: Some(d("2025-09-10")), ..with("Other Carers") };
        let err = perm::record_permanence_achieved(&db.store, &tm, &later, &cid("C1"), plan.version, other, HERE).unwrap_err();
        assert!(err.to_string().contains("no Permanence Panel outcome confirms this match"), "another carer is refused: {err}");
        let confirmed = AchievementInput { on: Some(d("2025-09-10")), ..with(" the carers ") };
        let saved = perm::record_permanence_achieved(&db.store, &tm, &later, &cid("C1"), plan.version, confirmed, HERE).unwrap();
        assert_eq!(saved.value.document.lifecycle, Lifecycle::Achieved);
    }

    fn path_017_data_001_the_ltf_paper_is_the_assessment_with_every_factor_the_policy_in_force_asks(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        ratify_c1(&db.store, complete(view.plan.value.document.clone()), view.plan.version, StepInput::named("ratify"));
        let referral = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().referrals[0].clone();
        let (rid, v) = (referral.value.id.clone(), referral.version);
        let act = |v: i64, action: ReferralAction| perm::act_on_referral(&db.store, &sw, &clock, &rid, v, action, HERE);
        let ltf_paper = || ReferralAction::AttachPaper(PackDoc::LtfSuitabilityAssessment);
        // The paper is not ticked as received: it is the assessment.
        let err = act(v, ltf_paper()).unwrap_err();
        assert!(err.to_string().contains("record the long-term fostering suitability assessment first"), "{err}");
        // With "history of concerns" unanswered: saved, but
        // the paper stays missing and listing it is refused (PATH-017).
        let mut partial = ltf_assessment("2025-06-27");
        partial.answers.retain(|a| a.factor != LtfFactor::HistoryOfConcerns);
        let saved = act(v, ReferralAction::LtfAssessment(partial)).unwrap();
        assert!(saved.value.document.missing_papers().contains(&PackDoc::LtfSuitabilityAssessment));
        let err = act(saved.version, ltf_paper()).unwrap_err();
        assert!(err.to_string().contains("the LTF assessment is missing: history of concerns"), "{err}");
        // DATA-001: an assessment of 15 April 2020 falls under the May 2019
        // policy, which asks only for the clear assessment.
        let mut old = ltf_assessment("2020-04-15");
        old.answers.clear();
        let saved = act(saved.version, ReferralAction::LtfAssessment(old.clone())).unwrap();
        assert!(!saved.value.document.missing_papers().contains(&PackDoc::LtfSuitabilityAssessment));
        old.dated = d("2020-05-01");
        let saved = act(saved.version, ReferralAction::LtfAssessment(old)).unwrap();
        assert!(saved.value.document.missing_papers().contains(&PackDoc::LtfSuitabilityAssessment), "the May 2020 policy asks every factor");
        let err = act(saved.version, ReferralAction::LtfAssessment(ltf_assessment("2025-07-01"))).unwrap_err();
        assert!(err.to_string().contains("is in the future"), "{err}");
        let saved = act(saved.version, ReferralAction::LtfAssessment(ltf_assessment("2025-06-27"))).unwrap();
        let paper = saved.value.document.pack.iter().find(|e| e.doc == PackDoc::LtfSuitabilityAssessment).cloned();
        assert_eq!(paper.map(|e| e.received), Some(d("2025-06-30")));
        assert_eq!(audits(&db.store, "WF-PERM-PANEL.ltf_assessment"), 4);
    }

    fn path_019_family_finding_searches_county_council_carers_before_another_providers(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        ratify_c1(&db.store, complete(view.plan.value.document.clone()), view.plan.version, StepInput::named("ratify"));
        let referral = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().referrals[0].clone();
        assert!(referral.value.document.needs.family_finding, "placed under two years: family finding");
        let (rid, v) = (referral.value.id.clone(), referral.version);
        let act = |v: i64, action: ReferralAction| perm::act_on_referral(&db.store, &sw, &clock, &rid, v, action, HERE);
        let search = |on: &str, source: CarerSource| ReferralAction::FamilyFindingSearch(Search { on: d(on), source });
        let err = act(v, search("2025-06-30", CarerSource::OtherProvider)).unwrap_err();
        assert!(err.to_string().contains("County Council carers are searched before another provider's"), "{err}");
        let v = act(v, search("2025-06-30", CarerSource::CountyCouncil)).unwrap().version;
        let err = act(v, search("2025-07-01", CarerSource::OtherProvider)).unwrap_err();
        assert!(err.to_string().contains("in the future"), "{err}");
        let saved = act(v, search("2025-06-30", CarerSource::OtherProvider)).unwrap();
        assert_eq!(saved.value.document.searches.len(), 2);
        assert_eq!(audits(&db.store, "WF-PERM-PANEL.family_finding_search"), 2);
        // With the current carers proposed, there is no family finding to log.
        let v = act(saved.version, ReferralAction::FamilyFinding(false)).unwrap().version;
        let err = act(v, search("2025-06-30", CarerSource::CountyCouncil)).unwrap_err();
        assert!(err.to_string().contains("family finding is not needed"), "{err}");
    }

    fn data_009_a_contact_agreement_is_recorded_with_its_review_no_later_than_the_childs_next_review(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert_eq!(view.contact, None);
        let input = |review: chrono::NaiveDate| perm::ContactAgreementInput {
            parties: vec!["Mother".into(), " ".into()],
            contact_types: vec![ContactType::FaceToFace],
            frequency: "Monthly".into(),
            supervision: Supervision::Supported,
            venue: "Family centre".into(),
            carer_role: "Brings the child".into(),
            professionals_role: "Supports the visit".into(),
            family_role: "Arrives on time".into(),
            review_date: Some(review),
        };
        // C1 entered care on 2025-03-03 and was reviewed on 2025-03-28 and 2025-06-20.
        let due = domain::permanence::tracking::next_review_due(d("2025-03-03"), &[d("2025-03-28"), d("2025-06-20")]);
        let late = input(due + chrono::Days::new(1));
        let err = perm::record_contact_agreement(&db.store, &sw, &clock, &cid("C1"), view.plan.version, late, HERE).unwrap_err();
        assert!(err.to_string().contains(&format!("review date must not be later than {due}")), "{err}");
        let mut blank = input(due);
        blank.venue = " ".into();
        let err = perm::record_contact_agreement(&db.store, &sw, &clock, &cid("C1"), view.plan.version, blank, HERE).unwrap_err();
        assert!(err.to_string().contains("the venue is required"), "{err}");
        assert_eq!(audits(&db.store, "WF-PERM-PLAN.link_contact_agreement"), 0, "nothing changes");
        let saved = perm::record_contact_agreement(&db.store, &sw, &clock, &cid("C1"), view.plan.version, input(due), HERE).unwrap();
        assert_eq!(saved.value.document.parties, vec!["Mother".to_owned()]);
        let now = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert_eq!(now.plan.value.document.contact_agreement.as_deref(), Some(saved.value.id.as_str()));
        assert_eq!(now.contact.map(|a| a.review_date), Some(due));
        assert_eq!(audits(&db.store, "WF-PERM-PLAN.link_contact_agreement"), 1);
        // The same form against the plan as it was: refused as stale.
        let err = perm::record_contact_agreement(&db.store, &sw, &clock, &cid("C1"), view.plan.version, input(due), HERE).unwrap_err();
        assert!(err.to_string().contains("was changed by someone else"), "{err}");
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

    fn plan_010_only_a_recorded_support_plan_of_the_child_lets_the_plan_go_forward(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        // The plan names a support plan "SP-1" as free text: it links nothing.
        let draft = complete(view.plan.value.document.clone());
        assert_eq!(draft.support_plan.as_deref(), Some("SP-1"));
        let mut version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, draft, HERE).unwrap().version;
        for step in ["place", "start_assessment"] {
            version = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named(step), HERE).unwrap().version;
        }
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert!(view.gaps.iter().any(|g| g.rule == "PLAN-010"), "{:?}", view.gaps);
        assert_eq!(view.support, None);
        let err = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("put_forward"), HERE).unwrap_err();
        assert!(err.to_string().contains("linked support plan is missing (PLAN-010)"), "{err}");
        // The worker records the support plan from the plan page: linked.
        let saved = perm::record_support_plan(&db.store, &sw, &clock, &cid("C1"), version, support_input(), HERE).unwrap();
        assert_eq!(saved.value.id, "C1-S01");
        assert_eq!(saved.value.stage, "agreed");
        assert_eq!(audits(&db.store, "WF-PERM-PLAN.link_support_plan"), 1);
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert_eq!(view.plan.value.document.support_plan.as_deref(), Some("C1-S01"));
        assert_eq!(view.support.as_ref().map(|s| s.value.document.carer_needs.as_str()), Some("Respite one weekend a month"));
        assert!(!view.gaps.iter().any(|g| g.rule == "PLAN-010"), "{:?}", view.gaps);
        // Editing the plan keeps the link whatever the form says.
        let mut text = view.plan.value.document.clone();
        text.support_plan = Some("anything".into());
        version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, text, HERE).unwrap().version;
        let forward = perm::plan_step(&db.store, &sw, &clock, &cid("C1"), version, StepInput::named("put_forward"), HERE).unwrap();
        assert_eq!(forward.value.document.support_plan.as_deref(), Some("C1-S01"));
    }

    fn plan_010_a_draft_stale_or_forbidden_support_plan_is_refused_and_nothing_is_saved(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, complete(view.plan.value.document.clone()), HERE).unwrap().version;
        // No carer agreement: still Draft (DATA-008), refused.
        let mut draft = support_input();
        draft.carer_agreed = None;
        let err = perm::record_support_plan(&db.store, &sw, &clock, &cid("C1"), version, draft, HERE).unwrap_err();
        assert!(err.to_string().contains("still Draft"), "{err}");
        // A service without its provider agency is refused.
        let mut no_provider = support_input();
        no_provider.service.provider_agency = " ".into();
        let err = perm::record_support_plan(&db.store, &sw, &clock, &cid("C1"), version, no_provider, HERE).unwrap_err();
        assert!(err.to_string().contains("Enter the provider agency"), "{err}");
        // The plan seen before the edit: stale.
        let err = perm::record_support_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, support_input(), HERE).unwrap_err();
        assert!(matches!(err, AppError::Store(StoreError::Stale { .. })), "{err}");
        // Another team's worker, and a role that does not prepare plans.
        let melton = user(Role::SocialWorker, Some("Melton"));
        let err = perm::record_support_plan(&db.store, &melton, &clock, &cid("C1"), version, support_input(), HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        let adviser = user(Role::PanelAdviser, None);
        let err = perm::record_support_plan(&db.store, &adviser, &clock, &cid("C1"), version, support_input(), HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert_eq!(view.plan.version, version, "the plan is unchanged");
        assert_eq!(view.support, None);
        assert_eq!(audits(&db.store, "WF-PERM-PLAN.link_support_plan"), 0);
    }

    fn prin_008_a_change_of_need_makes_the_linked_support_plan_review_required(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, complete(view.plan.value.document.clone()), HERE).unwrap().version;
        link_support(&db.store, version);
        let support = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().support.unwrap();
        assert_eq!(support.value.document.status().label(), "Agreed");
        // A date to come, another team's worker and a stale version are refused.
        let err = perm::record_change_of_need(&db.store, &sw, &clock, &cid("C1"), "C1-S01", support.version, d("2025-07-01"), HERE).unwrap_err();
        assert!(err.to_string().contains("in the future"), "{err}");
        let melton = user(Role::SocialWorker, Some("Melton"));
        let err = perm::record_change_of_need(&db.store, &melton, &clock, &cid("C1"), "C1-S01", support.version, d("2025-06-29"), HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        let changed = perm::record_change_of_need(&db.store, &sw, &clock, &cid("C1"), "C1-S01", support.version, d("2025-06-29"), HERE).unwrap();
        assert_eq!(changed.value.stage, "review_required");
        assert_eq!(changed.value.document.review_required_from, Some(d("2025-06-29")));
        let err = perm::record_change_of_need(&db.store, &sw, &clock, &cid("C1"), "C1-S01", support.version, d("2025-06-29"), HERE).unwrap_err();
        assert!(matches!(err, AppError::Store(StoreError::Stale { .. })), "{err}");
        assert_eq!(audits(&db.store, "support_plan.change_of_need"), 1);
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert_eq!(view.support.unwrap().value.document.status().label(), "review required");
        // The support plan is part of what is held about the child, with who changed it.
        let auditor = user(Role::Auditor, None);
        let held = app::subject_access(&db.store, &auditor, &clock, &cid("C1"), HERE).unwrap();
        assert_eq!(held.support_plans.len(), 1);
        assert!(held.events.iter().any(|e| e.action == "support_plan.change_of_need"));
    }

    fn track_004_a_milestone_late_against_the_trajectory_needs_a_variance_reason(db) {
        use domain::permanence::tracking::MilestoneKind;
        setup(&db.store);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let clock = FixedClock::on("2025-09-15");
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert!(view.trajectory_gaps.is_empty(), "no trajectory yet");
        let panel = |reason: &str| perm::MilestoneInput {
            kind: MilestoneKind::PermanencePanel,
            target: Some(d("2025-08-30")),
            actual: Some(d("2025-09-10")),
            variance_reason: reason.into(),
        };
        let saved = perm::record_milestone(&db.store, &sw, &clock, &cid("C1"), view.plan.version, panel(""), HERE).unwrap();
        let gaps = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().trajectory_gaps;
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        assert_eq!(gaps[0].rule, "TRACK-004");
        assert!(gaps[0].message.contains("11 days late"), "{}", gaps[0].message);
        // A stale version is refused; an actual date in the future too.
        let err = perm::record_milestone(&db.store, &sw, &clock, &cid("C1"), view.plan.version, panel("Panel moved"), HERE).unwrap_err();
        assert!(matches!(err, app::AppError::Store(store::StoreError::Stale { .. })), "{err}");
        let future = perm::MilestoneInput { actual: Some(d("2025-09-16")), ..panel("x") };
        assert!(perm::record_milestone(&db.store, &sw, &clock, &cid("C1"), saved.version, future, HERE).is_err());
        // With the reason the variance is explained.
        perm::record_milestone(&db.store, &sw, &clock, &cid("C1"), saved.version, panel("The panel date moved"), HERE).unwrap();
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        assert!(view.trajectory_gaps.is_empty(), "{:?}", view.trajectory_gaps);
        assert_eq!(view.plan.value.document.trajectory.len(), 1, "one line per milestone");
        // A milestone not yet due has no variance; one overdue and not reached has.
        let order = perm::MilestoneInput { kind: MilestoneKind::Order, target: Some(d("2025-09-01")), actual: None, variance_reason: String::new() };
        perm::record_milestone(&db.store, &sw, &clock, &cid("C1"), view.plan.version, order, HERE).unwrap();
        let gaps = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap().trajectory_gaps;
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        assert!(gaps[0].message.starts_with("Order: 14 days late"), "{}", gaps[0].message);
    }

    fn track_008_the_governance_calendar_needs_a_quarterly_scorecard_to_the_lead_member_and_director_and_the_iro_report(db) {
        use domain::permanence::tracking::{Audience, GovernanceReport, GovernanceReportKind};
        setup(&db.store);
        let clock = FixedClock::on("2025-05-01");
        let analyst = user(Role::PerformanceAnalyst, None);
        let empty = perm::governance_calendar(&db.store, &analyst, 2025).unwrap();
        assert_eq!(empty.version, 0);
        assert_eq!(empty.problems.len(), 5, "four quarters and the IRO report: {:?}", empty.problems);
        let both = vec![Audience::LeadMember, Audience::Director];
        let report = |kind, on: &str, audiences: &Vec<Audience>| GovernanceReport { kind, date: d(on), audiences: audiences.clone() };
        let sw = user(Role::SocialWorker, Some("Blaby"));
        assert!(matches!(
            perm::record_governance_report(&db.store, &sw, &clock, 0, report(GovernanceReportKind::PermanenceScorecard, "2025-06-15", &both), HERE),
            Err(app::AppError::Forbidden(_))
        ));
        // The scorecard goes to the Children in Care performance lead (ROLE-012).
        let lead = domain::permanence::responsibilities::ServiceArea::ChildrenInCare;
        let mut version = perm::name_performance_lead(&db.store, &analyst, &clock, 0, lead, "Team Manager, CiC", HERE).unwrap().version;
        for on in ["2025-06-15", "2025-09-15", "2025-12-15"] {
            version = perm::record_governance_report(&db.store, &analyst, &clock, version, report(GovernanceReportKind::PermanenceScorecard, on, &both), HERE).unwrap().version;
        }
        // A scorecard to the Lead Member alone does not cover Q4.
        let view = perm::record_governance_report(&db.store, &analyst, &clock, version, report(GovernanceReportKind::PermanenceScorecard, "2026-03-15", &vec![Audience::LeadMember]), HERE).unwrap();
        assert_eq!(view.problems, vec!["no Permanence Scorecard report to the Lead Member and the Director in Q4 2025-26".to_owned(), "no IRO annual report in 2025-26".to_owned()]);
        // The form seen before is stale.
        let err = perm::record_governance_report(&db.store, &analyst, &clock, version, report(GovernanceReportKind::IroAnnualReport, "2025-07-01", &both), HERE).unwrap_err();
        assert!(matches!(err, app::AppError::Store(store::StoreError::Stale { .. })), "{err}");
        let manager = user(Role::ServiceManager, None);
        perm::record_governance_report(&db.store, &manager, &clock, view.version, report(GovernanceReportKind::PermanenceScorecard, "2026-03-20", &both), HERE).unwrap();
        let view = perm::governance_calendar(&db.store, &analyst, 2025).unwrap();
        let view = perm::record_governance_report(&db.store, &manager, &clock, view.version, report(GovernanceReportKind::IroAnnualReport, "2025-07-01", &both), HERE).unwrap();
        assert!(view.problems.is_empty(), "{:?}", view.problems);
        assert_eq!(perm::governance_calendar(&db.store, &analyst, 2025).unwrap().calendar.reports.len(), 6);
    }

    fn data_011_a_pathway_the_signed_off_appraisal_ruled_out_is_refused_until_a_new_appraisal_is_signed_off(db) {
        setup(&db.store);
        let clock = FixedClock::on("2025-06-16");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let tm = user(Role::TeamManager, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let draft = complete(view.plan.value.document.clone());
        let version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, draft.clone(), HERE).unwrap().version;
        let err = perm::sign_off_options_appraisal(&db.store, &sw, &clock, &cid("C1"), version, HERE).unwrap_err();
        assert!(matches!(err, AppError::Forbidden(_)), "{err}");
        let version = perm::sign_off_options_appraisal(&db.store, &tm, &clock, &cid("C1"), version, HERE).unwrap().version;
        assert_eq!(audits(&db.store, "DATA-011.sign_off_appraisal"), 1);
        // On 30 June the worker sets the pathway to SGO with the aunt, which
        // the signed-off appraisal ruled out: refused, nothing changes.
        let later = FixedClock::on("2025-06-30");
        let sgo = PermanencePlan { pathway: Some(Pathway::SpecialGuardianshipOrder), ..draft.clone() };
        let err = perm::edit_plan(&db.store, &sw, &later, &cid("C1"), version, sgo.clone(), HERE).unwrap_err();
        assert!(err.to_string().contains("did not rule in"), "{err}");
        let held = perm::open_plan(&db.store, &sw, &later, &cid("C1"), HERE).unwrap().plan;
        assert_eq!((held.version, held.value.document.pathway), (version, Some(Pathway::LongTermFostering)));
        // A new appraisal ruling the aunt in is not enough until it is signed off.
        let mut new = sgo.clone();
        let aunt = new.appraisal.iter_mut().find(|e| e.option == PermanenceOption::ExtendedFamily).unwrap();
        aunt.outcome = AppraisalOutcome::RuledIn;
        let err = perm::edit_plan(&db.store, &sw, &later, &cid("C1"), version, new.clone(), HERE).unwrap_err();
        assert!(err.to_string().contains("not been signed off"), "{err}");
        let appraised = PermanencePlan { pathway: Some(Pathway::LongTermFostering), ..new.clone() };
        let version = perm::edit_plan(&db.store, &sw, &later, &cid("C1"), version, appraised, HERE).unwrap().version;
        let version = perm::sign_off_options_appraisal(&db.store, &tm, &later, &cid("C1"), version, HERE).unwrap().version;
        let saved = perm::edit_plan(&db.store, &sw, &later, &cid("C1"), version, new, HERE).unwrap();
        assert_eq!(saved.value.document.pathway, Some(Pathway::SpecialGuardianshipOrder));
    }

    fn data_006_an_entry_of_the_information_sharing_log_is_corrected_by_a_new_entry_never_edited(db) {
        use domain::permanence::assessment::{ShareDetails, ShareRecipient, SharedContent};
        setup(&db.store);
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let shared = ShareDetails {
            recipient_type: ShareRecipient::ProspectiveAdopter,
            recipient: "The prospective adopters".into(),
            content: SharedContent::SocialMedicalLegal,
            documents: vec!["Medical report 2025-04".into()],
            shared_by: "W1".into(),
            how: "In person".into(),
            on: d("2025-04-30"),
        };
        let first = perm::NewShare { details: shared.clone(), corrects: None };
        let (entry, version) = perm::record_information_shared(&db.store, &sw, &FixedClock::on("2025-04-30"), &cid("C1"), 0, first, HERE).unwrap();
        // On 2 May the worker asks to edit it: a correction is offered instead.
        let later = FixedClock::on("2025-05-02");
        let offer = perm::offer_information_correction(&db.store, &sw, &later, &cid("C1"), entry, HERE).unwrap();
        assert_eq!((offer.corrects, &offer.details), (entry, &shared));
        let fixed = ShareDetails { documents: vec!["Medical report 2025-04 (revised)".into()], ..offer.details };
        let correction = perm::NewShare { details: fixed.clone(), corrects: Some(offer.corrects) };
        let stale = perm::record_information_shared(&db.store, &sw, &later, &cid("C1"), 0, correction.clone(), HERE).unwrap_err();
        assert!(stale.to_string().contains("information-sharing log"), "{stale}");
        let (second, _) = perm::record_information_shared(&db.store, &sw, &later, &cid("C1"), version, correction, HERE).unwrap();
        let (log, _) = perm::information_shared(&db.store, &sw, &later, &cid("C1"), HERE).unwrap();
        let entries = log.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!((&entries[0].details, entries[0].corrects), (&shared, None), "the first entry is unchanged");
        assert_eq!((entries[1].id, &entries[1].details, entries[1].corrects), (second, &fixed, Some(entry)));
        let missing = perm::offer_information_correction(&db.store, &sw, &later, &cid("C1"), 99, HERE).unwrap_err();
        assert!(missing.to_string().contains("no information-sharing entry 99"), "{missing}");
        let melton = user(Role::SocialWorker, Some("Melton"));
        assert!(matches!(perm::information_shared(&db.store, &melton, &later, &cid("C1"), HERE), Err(AppError::Forbidden(_))));
        assert_eq!((audits(&db.store, "DATA-006.record"), audits(&db.store, "DATA-006.correct")), (1, 1));
        let auditor = user(Role::Auditor, None);
        let held = app::subject_access(&db.store, &auditor, &later, &cid("C1"), HERE).unwrap();
        assert_eq!(held.information_shared.len(), 1);
        assert_eq!(held.information_shared[0].entries().len(), 2, "the log and its correction are in the subject access export");
    }

    fn path_023_an_adoption_plan_sets_the_bid_two_months_on_and_is_not_saved_with_an_open_stage_undated(db) {
        use domain::permanence::pathways::AdoptionStage;
        setup(&db.store);
        let clock = FixedClock::on("2025-06-30");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let agreed = d("2025-06-30");
        let err = perm::record_adoption_timescales(&db.store, &sw, &clock, &cid("C1"), view.plan.version, (agreed, &[]), HERE).unwrap_err();
        assert!(err.to_string().contains("not adoption"), "{err}");
        let adoption = PermanencePlan { pathway: Some(Pathway::Adoption), ..view.plan.value.document.clone() };
        let version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, adoption, HERE).unwrap().version;
        let some = [(AdoptionStage::FamilyFinding, d("2025-09-30")), (AdoptionStage::Match, d("2025-12-31"))];
        let err = perm::record_adoption_timescales(&db.store, &sw, &clock, &cid("C1"), version, (agreed, &some), HERE).unwrap_err();
        assert!(err.to_string().contains("every open stage needs a due date"), "{err}");
        assert_eq!(audits(&db.store, "PATH-023.adoption_timescales"), 0);
        let all = [
            (AdoptionStage::FamilyFinding, d("2025-09-30")),
            (AdoptionStage::Match, d("2025-12-31")),
            (AdoptionStage::Placement, d("2026-02-28")),
            (AdoptionStage::AdoptionOrderApplication, d("2026-06-30")),
        ];
        let saved = perm::record_adoption_timescales(&db.store, &sw, &clock, &cid("C1"), version, (agreed, &all), HERE).unwrap();
        let stages = &saved.value.document.adoption_stages;
        assert_eq!(stages.iter().find(|s| s.stage == AdoptionStage::BestInterestDecision).unwrap().due, Some(d("2025-08-30")));
        assert!(stages.iter().all(|s| s.due.is_some()), "{stages:?}");
        assert_eq!(audits(&db.store, "PATH-023.adoption_timescales"), 1);
    }

    fn path_025_the_birth_parents_worker_is_refused_from_the_team_planning_for_the_child(db) {
        use perm::AdoptionSupportAction as A;
        setup(&db.store);
        let clock = FixedClock::on("2025-01-20");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let allocate = |worker: &str| A::BirthParentWorker { offered: d("2025-01-20"), response: "Accepted".into(), worker: worker.into() };
        let err = perm::record_adoption_support(&db.store, &sw, &clock, &cid("C1"), view.plan.version, allocate("W2"), HERE).unwrap_err();
        assert!(err.to_string().contains("not adoption"), "{err}");
        let adoption = PermanencePlan { pathway: Some(Pathway::Adoption), ..view.plan.value.document.clone() };
        let version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, adoption, HERE).unwrap().version;
        // W1 is in Blaby, the child's own team.
        let err = perm::record_adoption_support(&db.store, &sw, &clock, &cid("C1"), version, allocate("W1"), HERE).unwrap_err();
        assert_eq!(err.to_string(), "must be independent of the planning team");
        assert_eq!(audits(&db.store, "PATH-025.birth_parent_worker"), 0, "nothing saved");
        let saved = perm::record_adoption_support(&db.store, &sw, &clock, &cid("C1"), version, allocate("W2"), HERE).unwrap();
        let w = saved.value.document.birth_parent_worker.unwrap();
        assert_eq!((w.worker.as_str(), w.team.as_str()), ("W2", "Melton"));
        assert_eq!(audits(&db.store, "PATH-025.birth_parent_worker"), 1);
        let stale = perm::record_adoption_support(&db.store, &sw, &clock, &cid("C1"), version, allocate("W2"), HERE).unwrap_err();
        assert!(matches!(stale, AppError::Store(StoreError::Stale { .. })), "{stale}");
    }

    fn path_027_the_adopters_means_assessment_waits_for_the_judgement_that_they_could_meet_the_childs_needs(db) {
        use perm::AdoptionSupportAction as A;
        setup(&db.store);
        let clock = FixedClock::on("2025-04-11");
        let sw = user(Role::SocialWorker, Some("Blaby"));
        let view = perm::open_plan(&db.store, &sw, &clock, &cid("C1"), HERE).unwrap();
        let adoption = PermanencePlan { pathway: Some(Pathway::Adoption), ..view.plan.value.document.clone() };
        let mut version = perm::edit_plan(&db.store, &sw, &clock, &cid("C1"), view.plan.version, adoption, HERE).unwrap().version;
        let means = A::MeansAssessment { on: d("2025-04-02") };
        let err = perm::record_adoption_support(&db.store, &sw, &clock, &cid("C1"), version, means.clone(), HERE).unwrap_err();
        assert!(err.to_string().contains("must be recorded before the means assessment"), "{err}");
        version = perm::record_adoption_support(&db.store, &sw, &clock, &cid("C1"), version, A::NeedsJudgement { could_meet: false, on: d("2025-04-10") }, HERE).unwrap().version;
        let err = perm::record_adoption_support(&db.store, &sw, &clock, &cid("C1"), version, A::MeansAssessment { on: d("2025-04-11") }, HERE).unwrap_err();
        assert!(err.to_string().contains("unable to meet the child's needs"), "{err}");
        assert_eq!(audits(&db.store, "PATH-027.means_assessment"), 0, "nothing saved");
        version = perm::record_adoption_support(&db.store, &sw, &clock, &cid("C1"), version, A::NeedsJudgement { could_meet: true, on: d("2025-04-10") }, HERE).unwrap().version;
        let saved = perm::record_adoption_support(&db.store, &sw, &clock, &cid("C1"), version, A::MeansAssessment { on: d("2025-04-11") }, HERE).unwrap();
        assert_eq!(saved.value.document.adoption_financial_support.unwrap().means_assessment_started, Some(d("2025-04-11")));
        assert_eq!((audits(&db.store, "PATH-027.needs_judgement"), audits(&db.store, "PATH-027.means_assessment")), (2, 1));
    }
}
