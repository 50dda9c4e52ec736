use super::*;
use crate::permanence::plan::ParallelPlan;
use crate::permanence::referrals::AdmDecision;
use crate::permanence::workflow::{RETURN_HOME, SAFETY_PLAN};
use crate::roles::Role::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn party(person: &str, role: PartyRole) -> OrderParty {
    OrderParty {
        person: person.into(),
        role,
        court_gives_pr: false,
    }
}

fn holder(person: &str, basis: PrBasis, from: &str) -> PrHolder {
    PrHolder {
        person: person.into(),
        basis,
        from: d(from),
        to: None,
        exclusive: false,
    }
}

fn sgo_plan() -> PermanencePlan {
    let mut plan = PermanencePlan::draft("c1".parse().unwrap(), d("2025-01-06"), "sw1");
    plan.lifecycle = Lifecycle::Ratified;
    plan.pathway = Some(Pathway::SpecialGuardianshipOrder);
    plan
}

#[test]
fn path_001_an_sgo_ends_the_episode_and_achieves_the_plan() {
    let order = Order {
        kind: PermanenceOrder::SpecialGuardianshipOrder,
        made: d("2025-11-14"),
        parties: vec![party("aunt", PartyRole::SpecialGuardian)],
    };
    let done = record_order(&sgo_plan(), &order).unwrap();
    assert_eq!(done.episode_end.ended, d("2025-11-14"));
    assert_eq!(done.episode_end.reason.label(), "SGO");
    assert_eq!(done.lifecycle, Lifecycle::Achieved);
    assert_eq!(done.lifecycle.label(), "Achieved");
    assert_eq!(done.achieved_on, d("2025-11-14"));
    assert!(done.matches_plan);
}

#[test]
fn path_001_an_order_outside_the_plan_is_flagged_and_a_closed_plan_refuses() {
    let mut plan = sgo_plan();
    plan.pathway = Some(Pathway::LongTermFostering);
    let cao = Order {
        kind: PermanenceOrder::ChildArrangementsOrder,
        made: d("2025-11-14"),
        parties: vec![party("gran", PartyRole::LivesWith)],
    };
    let done = record_order(&plan, &cao).unwrap();
    assert_eq!(done.episode_end.reason, EpisodeEndReason::Cao);
    assert!(!done.matches_plan);
    plan.parallel = Some(ParallelPlan {
        pathway: Pathway::ChildArrangementsOrder,
        decision_date: d("2025-12-01"),
        decided: None,
    });
    assert!(record_order(&plan, &cao).unwrap().matches_plan);

    plan.lifecycle = Lifecycle::Achieved;
    assert_eq!(
        record_order(&plan, &cao).unwrap_err(),
        PathwayError::PlanClosed("Achieved")
    );
    let empty = Order {
        parties: vec![party("dad", PartyRole::SpendsTimeWith)],
        ..cao
    };
    assert_eq!(
        record_order(&sgo_plan(), &empty).unwrap_err().to_string(),
        "a Child Arrangements Order must name at least one person the child lives with"
    );
}

#[test]
fn path_001_catalogue_orders_all_end_the_episode() {
    for kind in [
        PermanenceOrder::ChildArrangementsOrder,
        PermanenceOrder::SpecialGuardianshipOrder,
        PermanenceOrder::ResidenceOrder,
        PermanenceOrder::AdoptionOrder,
    ] {
        assert_eq!(
            kind.pathway().looked_after_effect(),
            LookedAfterEffect::EpisodeEnds,
            "{kind:?}"
        );
    }
}

#[test]
fn path_002_accommodation_needs_preservation_support_evidenced() {
    let mut req = AccommodationRequest {
        proposed: d("2025-04-14"),
        preservation_support: Vec::new(),
    };
    let err = check_accommodation_request(&req).unwrap_err();
    assert_eq!(err.to_string(), "preservation support not evidenced");
    req.preservation_support.push(PreservationSupport {
        offered: d("2025-04-20"),
        description: "short breaks".into(),
    });
    assert!(check_accommodation_request(&req).is_err(), "offered after");
    req.preservation_support[0].offered = d("2025-03-03");
    assert!(check_accommodation_request(&req).is_ok());
}

#[test]
fn path_003_proceedings_avoided_closes_the_pre_proceedings_record() {
    let mut plan = SafetyPlan {
        pre_proceedings_ref: "pp1".into(),
        started: d("2025-02-03"),
        monitoring: vec![d("2025-03-03")],
        outcome: None,
    };
    let result = record_safety_plan_outcome(
        &mut plan,
        SafetyPlanOutcome::ProceedingsAvoided,
        d("2025-06-02"),
    )
    .unwrap();
    assert_eq!(
        result,
        SafetyPlanResult::Closed {
            outcome: SafetyPlanOutcome::ProceedingsAvoided,
            on: d("2025-06-02")
        }
    );
    let t = SAFETY_PLAN
        .take(
            "safety_plan",
            SafetyPlanOutcome::ProceedingsAvoided.transition(),
            &[SocialWorker],
        )
        .unwrap();
    assert_eq!(t.to, "closed");
    assert_eq!(
        record_safety_plan_outcome(&mut plan, SafetyPlanOutcome::Escalated, d("2025-06-03")),
        Err(PathwayError::OutcomeAlreadyRecorded)
    );
}

#[test]
fn path_003_escalation_goes_to_proceedings_and_dates_are_checked() {
    let mut plan = SafetyPlan {
        pre_proceedings_ref: "pp1".into(),
        started: d("2025-02-03"),
        monitoring: Vec::new(),
        outcome: None,
    };
    assert_eq!(
        record_safety_plan_outcome(&mut plan, SafetyPlanOutcome::Escalated, d("2025-01-31")),
        Err(PathwayError::OutcomeBeforeStart {
            started: d("2025-02-03")
        })
    );
    let r = record_safety_plan_outcome(&mut plan, SafetyPlanOutcome::Escalated, d("2025-04-07"))
        .unwrap();
    assert_eq!(
        r,
        SafetyPlanResult::Escalated {
            on: d("2025-04-07")
        }
    );
    assert_eq!(
        SAFETY_PLAN
            .take(
                "safety_plan",
                SafetyPlanOutcome::Escalated.transition(),
                &[TeamManager]
            )
            .unwrap()
            .to,
        "proceedings"
    );
}

#[test]
fn path_004_proceedings_without_a_safety_meeting_warn_the_cdm() {
    let started = d("2025-02-03");
    let issued = d("2025-04-07");
    assert_eq!(
        proceedings_warnings(started, issued, true, &[]),
        vec!["family network meeting not held"]
    );
    let late = SafetyMeeting {
        held: d("2025-04-10"),
        outcomes: vec![SafetyMeetingOutcome::NoOffer],
    };
    assert_eq!(
        proceedings_warnings(started, issued, true, &[late]).len(),
        1
    );
    let held = SafetyMeeting {
        held: d("2025-03-05"),
        outcomes: vec![SafetyMeetingOutcome::FamilyOfferingCare],
    };
    assert!(held.needs_viability_assessment());
    assert!(proceedings_warnings(started, issued, true, &[held]).is_empty());
    assert!(proceedings_warnings(started, issued, false, &[]).is_empty());
}

#[test]
fn path_005_return_home_needs_a_support_plan_by_the_return_date() {
    let ret = d("2025-09-01");
    assert_eq!(
        check_post_return_support(ret, None),
        Err(PathwayError::PostReturnSupportMissing { return_date: ret })
    );
    let mut s = PostReturnSupport {
        kind: PostReturnSupportKind::ChildInNeedPlan,
        dated: d("2025-09-02"),
        reference: "cin1".into(),
    };
    assert!(check_post_return_support(ret, Some(&s)).is_err());
    s.dated = d("2025-09-01");
    assert!(check_post_return_support(ret, Some(&s)).is_ok());
}

#[test]
fn path_006_disabled_children_route_to_the_disabled_childrens_service() {
    assert_eq!(
        edge_of_care_queue(true),
        EdgeOfCareQueue::DisabledChildrensService
    );
    assert_eq!(edge_of_care_queue(false), EdgeOfCareQueue::General);
}

fn s20_return() -> ReturnHomeDecision {
    ReturnHomeDecision {
        legal_status: LegalStatus::SingleAccommodation,
        planned_return: d("2025-09-01"),
        approved: None,
        iro_consulted: None,
        child_wishes_considered: Some(d("2025-08-20")),
        support: Some(PostReturnSupport {
            kind: PostReturnSupportKind::FamilyAndWellbeingReferral,
            dated: d("2025-08-28"),
            reference: "fws1".into(),
        }),
    }
}

#[test]
fn path_007_objective_without_a_target_date_needs_a_timescale() {
    let mut o = ReturnHomeObjective {
        text: "parent completes parenting programme".into(),
        for_whom: ObjectiveFor::Parents,
        target: None,
    };
    assert_eq!(
        validate_return_home_objective(&o).unwrap_err().to_string(),
        "timescale required"
    );
    o.target = Some(d("2025-10-31"));
    assert!(validate_return_home_objective(&o).is_ok());
}

#[test]
fn path_007_section_20_return_needs_approval_and_iro_consultation() {
    let config = ReturnHomeConfig::default();
    let mut r = s20_return();
    assert!(matches!(
        end_episode_on_return(&r, &config),
        Err(PathwayError::ReturnHomeNotApproved(_))
    ));
    r.approved = Some((vec![TeamManager], d("2025-08-29")));
    assert!(
        end_episode_on_return(&r, &config).is_err(),
        "not the nominated officer"
    );
    r.approved = Some((vec![ServiceManager], d("2025-08-29")));
    assert_eq!(
        end_episode_on_return(&r, &config),
        Err(PathwayError::ReturnHomeNotApproved("IRO consultation"))
    );
    r.iro_consulted = Some(d("2025-08-27"));
    assert_eq!(
        end_episode_on_return(&r, &config).unwrap(),
        EpisodeEnding {
            ended: d("2025-09-01"),
            reason: EpisodeEndReason::ReturnHome
        }
    );
    // The default nominated officer is the role allowed to approve in
    // WF-RETURN-HOME.
    assert!(
        RETURN_HOME
            .take("approval", "approve", &[config.nominated_officer])
            .is_ok()
    );
    r.legal_status = LegalStatus::FullCareOrder;
    assert_eq!(
        end_episode_on_return(&r, &config),
        Err(PathwayError::CareOrderNotDischarged)
    );
}

#[test]
fn path_008_a_family_friend_waits_for_extended_family_options() {
    let mut req = ViabilityRequest {
        relationship: Relationship::FamilyFriend,
        requested: d("2025-04-10"),
        extended_family_considered: None,
        friends_option_agreed: None,
    };
    assert_eq!(
        check_viability_request(&req).unwrap_err().to_string(),
        "extended family options considered must be completed first"
    );
    req.extended_family_considered = Some(d("2025-04-01"));
    assert_eq!(
        check_viability_request(&req),
        Err(PathwayError::FriendsOptionNotAgreed)
    );
    req.friends_option_agreed = Some(d("2025-04-08"));
    assert!(check_viability_request(&req).is_ok());
    let gran = ViabilityRequest {
        relationship: Relationship::Grandparent,
        extended_family_considered: None,
        friends_option_agreed: None,
        ..req
    };
    assert!(check_viability_request(&gran).is_ok());
}

fn arrangement(rel: Relationship, born: &str) -> LivingArrangement {
    LivingArrangement {
        relationship: rel,
        start: d("2025-06-02"),
        intended_days: None,
        child_born: d(born),
        child_disabled: false,
        cin_case: None,
    }
}

#[test]
fn path_009_informal_arrangement_lives_only_on_the_cin_plan() {
    let mut aunt = arrangement(Relationship::AuntOrUncle, "2015-03-01");
    aunt.start = d("2025-05-01");
    assert_eq!(
        record_informal_arrangement(&aunt),
        Err(PathwayError::InformalArrangementOutsideCin)
    );
    aunt.cin_case = Some("cin-42".into());
    let entry = record_informal_arrangement(&aunt).unwrap();
    assert_eq!(entry.cin_case, "cin-42");
    assert_eq!(entry.looked_after, LookedAfterEffect::NotLookedAfter);
    assert_eq!(
        private_fostering_status(&aunt, d("2025-07-01")).class,
        ArrangementClass::InformalFamilyArrangement
    );
    let mut friend = arrangement(Relationship::FamilyFriend, "2015-03-01");
    friend.cin_case = Some("cin-42".into());
    assert_eq!(
        record_informal_arrangement(&friend),
        Err(PathwayError::NotCloseRelative)
    );
}

#[test]
fn path_010_a_fifteen_year_old_with_a_friend_is_privately_fostered_on_day_28() {
    // Born 2010-01-10: 15 on 2025-06-02.
    let a = arrangement(Relationship::FamilyFriend, "2010-01-10");
    let before = private_fostering_status(&a, d("2025-06-29"));
    assert_eq!(before.class, ArrangementClass::NotPrivateFostering);
    assert!(!before.assessment_task);
    let on = private_fostering_status(&a, d("2025-06-30"));
    assert_eq!(on.class, ArrangementClass::PrivateFostering);
    assert_eq!(on.classed_from, Some(d("2025-06-30")));
    assert!(on.assessment_task);
    assert_eq!(on.note, None);
}

#[test]
fn path_010_a_sixteen_year_old_is_not_but_the_policy_wording_is_flagged() {
    let a = arrangement(Relationship::FamilyFriend, "2009-01-10");
    let s = private_fostering_status(&a, d("2025-06-30"));
    assert_eq!(s.class, ArrangementClass::NotPrivateFostering);
    assert!(!s.assessment_task);
    assert_eq!(s.note, Some("policy wording differs (OQ-05)"));
    // Disabled: under 18 counts.
    let disabled = LivingArrangement {
        child_disabled: true,
        ..a
    };
    assert_eq!(
        private_fostering_status(&disabled, d("2025-06-30")).class,
        ArrangementClass::PrivateFostering
    );
}

#[test]
fn path_010_intended_to_last_28_days_is_private_fostering_from_day_one() {
    let mut a = arrangement(Relationship::FamilyFriend, "2012-01-10");
    a.intended_days = Some(60);
    let s = private_fostering_status(&a, d("2025-06-02"));
    assert_eq!(s.class, ArrangementClass::PrivateFostering);
    assert_eq!(s.classed_from, Some(d("2025-06-02")));
}

#[test]
fn path_011_private_law_cao_report_for_a_known_family() {
    let task = private_law_cao_report_task(d("2025-05-06"), true).unwrap();
    assert_eq!(task.kind, "court report – private law CAO");
    assert_eq!(task.created, d("2025-05-06"));
    assert!(private_law_cao_report_task(d("2025-05-06"), false).is_none());
}

#[test]
fn path_012_cao_gives_pr_to_lives_with_only_and_ends_the_las() {
    let before = vec![
        holder("mother", PrBasis::Parent, "2015-01-01"),
        holder("father", PrBasis::Parent, "2015-01-01"),
        holder("LA", PrBasis::LocalAuthority, "2024-03-01"),
    ];
    let order = Order {
        kind: PermanenceOrder::ChildArrangementsOrder,
        made: d("2025-11-14"),
        parties: vec![
            party("grandmother", PartyRole::LivesWith),
            party("father", PartyRole::SpendsTimeWith),
            party("uncle", PartyRole::SpendsTimeWith),
        ],
    };
    let after = pr_after_order(&before, &order).unwrap();
    let day = d("2025-11-14");
    let mut holders: Vec<_> = after
        .iter()
        .filter(|h| h.current_on(day))
        .map(|h| h.person.as_str())
        .collect();
    holders.sort();
    assert_eq!(holders, ["father", "grandmother", "mother"]);
    let la = after.iter().find(|h| h.person == "LA").unwrap();
    assert_eq!(la.to, Some(day));
    assert!(!after.iter().any(|h| h.person == "uncle"));
    // The court may give PR to someone named for time.
    let mut with_pr = order.clone();
    with_pr.parties[2].court_gives_pr = true;
    let after = pr_after_order(&before, &with_pr).unwrap();
    assert!(
        after
            .iter()
            .any(|h| h.person == "uncle" && h.basis == PrBasis::CourtProvision)
    );
    // The order ends the episode too (PATH-001).
    let mut plan = sgo_plan();
    plan.pathway = Some(Pathway::ChildArrangementsOrder);
    assert_eq!(record_order(&plan, &order).unwrap().episode_end.ended, day);
}

#[test]
fn path_013_existing_foster_carers_are_assessed_otherwise_an_exception() {
    assert_eq!(
        route_cao_allowance(Some(AllowanceBasis::ExistingFosterCarers)),
        AllowanceRoute::Assessment
    );
    assert_eq!(route_cao_allowance(None), AllowanceRoute::ManagerException);
}

#[test]
fn path_014_special_guardian_may_exercise_pr_exclusively() {
    let before = vec![
        holder("mother", PrBasis::Parent, "2015-01-01"),
        holder("LA", PrBasis::LocalAuthority, "2024-03-01"),
    ];
    let order = Order {
        kind: PermanenceOrder::SpecialGuardianshipOrder,
        made: d("2025-11-14"),
        parties: vec![party("maternal aunt", PartyRole::SpecialGuardian)],
    };
    let after = pr_after_order(&before, &order).unwrap();
    let aunt = after.iter().find(|h| h.person == "maternal aunt").unwrap();
    assert!(aunt.exclusive);
    assert_eq!(aunt.from, d("2025-11-14"));
    assert!(
        after
            .iter()
            .find(|h| h.person == "mother")
            .unwrap()
            .to
            .is_none()
    );
    assert_eq!(
        after.iter().find(|h| h.person == "LA").unwrap().to,
        Some(d("2025-11-14"))
    );
    let no_guardian = Order {
        parties: Vec::new(),
        ..order
    };
    assert!(matches!(
        pr_after_order(&before, &no_guardian),
        Err(PathwayError::OrderWithoutParty { .. })
    ));
}

#[test]
fn path_015_previously_looked_after_child_makes_the_request_mandatory() {
    let sg = SgoSupportRequest {
        received: d("2025-12-01"),
        requester: Requester::SpecialGuardian,
        pre_order: false,
        child_previously_looked_after: true,
    };
    assert_eq!(sg.request_type(), RequestType::Mandatory);
    assert_eq!(
        decline_sgo_support_request(&sg, "no need"),
        Err(PathwayError::MandatoryRequestDeclined)
    );
    let neighbour = SgoSupportRequest {
        requester: Requester::Other,
        ..sg.clone()
    };
    assert_eq!(neighbour.request_type(), RequestType::Discretionary);
    assert_eq!(
        decline_sgo_support_request(&neighbour, " "),
        Err(PathwayError::DecisionWithoutReasons)
    );
    assert!(decline_sgo_support_request(&neighbour, "no relationship").is_ok());
    let before_order = SgoSupportRequest {
        requester: Requester::Parent,
        pre_order: true,
        child_previously_looked_after: false,
        ..sg
    };
    assert_eq!(before_order.request_type(), RequestType::Mandatory);
}

#[test]
fn path_016_a_long_placement_without_a_panel_match_stays_short_term() {
    let mut p = FosterPlacement {
        child_id: "c1".parse().unwrap(),
        carer: "h1".into(),
        started: d("2022-09-05"),
        ltf_confirmed: None,
        ended: None,
    };
    let on = d("2025-09-05");
    assert_eq!(p.term_on(on), PlacementTerm::ShortTerm);
    assert!(p.short_term_over_two_years(on));
    assert!(!p.short_term_over_two_years(d("2024-09-04")));
    // Over 2 years: not on the second anniversary, from the day after.
    assert!(!p.short_term_over_two_years(d("2024-09-05")));
    assert!(p.short_term_over_two_years(d("2024-09-06")));
    p.ltf_confirmed = Some(d("2024-01-10"));
    assert_eq!(p.term_on(on), PlacementTerm::PermanentLongTerm);
    assert!(!p.short_term_over_two_years(on));
}

fn ltf_assessment(dated: &str) -> LtfAssessment {
    LtfAssessment {
        dated: d(dated),
        clear_assessment: Some("AF-2025-1".into()),
        answers: LtfFactor::ALL
            .into_iter()
            .filter(|f| *f != LtfFactor::HistoryOfConcerns)
            .map(|factor| FactorAnswer {
                factor,
                answer: "considered".into(),
            })
            .collect(),
    }
}

#[test]
fn path_017_every_factor_answered_before_referral_from_may_2020() {
    let mut a = ltf_assessment("2025-07-21");
    assert_eq!(
        check_ltf_referral(&a),
        Err(PathwayError::LtfAssessmentIncomplete(vec![
            "history of concerns"
        ]))
    );
    a.answers.push(FactorAnswer {
        factor: LtfFactor::HistoryOfConcerns,
        answer: "none known".into(),
    });
    assert!(check_ltf_referral(&a).is_ok());
    assert_eq!(
        check_ltf_permissible(&a, None),
        Err(PathwayError::LtfNotFoundSuitable)
    );
    assert_eq!(
        check_ltf_permissible(&a, Some(Outcome::LtfUnsuitable)),
        Err(PathwayError::LtfNotFoundSuitable)
    );
    assert!(check_ltf_permissible(&a, Some(Outcome::LtfSuitable)).is_ok());
}

#[test]
fn path_017_before_the_amendment_only_the_clear_assessment_is_required() {
    let mut a = LtfAssessment {
        dated: d("2020-03-02"),
        clear_assessment: Some("AF-2020-1".into()),
        answers: Vec::new(),
    };
    assert!(check_ltf_referral(&a).is_ok());
    assert!(check_ltf_permissible(&a, Some(Outcome::LtfSuitable)).is_ok());
    a.clear_assessment = None;
    assert!(check_ltf_referral(&a).is_err());
    a.dated = d("2020-05-01");
    a.clear_assessment = Some("AF".into());
    assert_eq!(
        a.missing().len(),
        8,
        "the amendment applies from 1 May 2020"
    );
}

fn match_referral(outcome: Option<Outcome>) -> Referral {
    let mut r = Referral::new(
        "c1".parse().unwrap(),
        ItemType::Match,
        "match_proposed",
        d("2025-07-01"),
        None,
    );
    r.carer = Some("h1".into());
    r.outcome = outcome;
    r
}

#[test]
fn path_018_permanent_placement_type_needs_a_panel_match() {
    assert_eq!(
        check_permanent_placement_type(&[], &"c1".parse().unwrap(), "h1"),
        Err(PathwayError::NoPanelMatch)
    );
    let mut r = match_referral(Some(Outcome::MatchAgreed));
    let referrals = vec![r.clone()];
    assert!(
        check_permanent_placement_type(&referrals, &"c1".parse().unwrap(), "h1").is_err(),
        "awaiting the ADM"
    );
    r.adm_decision = Some(AdmDecision {
        agreed: true,
        decided_on: d("2025-07-20"),
        by: "adm1".into(),
        reasons: "agreed".into(),
    });
    let referrals = vec![r];
    assert!(check_permanent_placement_type(&referrals, &"c1".parse().unwrap(), "h1").is_ok());
    assert!(check_permanent_placement_type(&referrals, &"c1".parse().unwrap(), "h2").is_err());
    let mut at_meeting = match_referral(Some(Outcome::MatchAgreed));
    at_meeting.adm_agreed_at_meeting = true;
    assert!(check_permanent_placement_type(&[at_meeting], &"c1".parse().unwrap(), "h1").is_ok());
    let not_agreed = match_referral(Some(Outcome::MatchNotAgreed));
    assert!(check_permanent_placement_type(&[not_agreed], &"c1".parse().unwrap(), "h1").is_err());
}

#[test]
fn path_019_pack_f_under_two_years_match_referral_over() {
    let ratified = d("2025-06-30");
    let short = family_finding_route(ratified, Some(d("2024-02-01")));
    assert_eq!(
        short,
        FamilyFindingRoute::PackF {
            task_created: ratified
        }
    );
    assert!(short.referral(&"c1".parse().unwrap()).is_none());
    assert_eq!(
        family_finding_route(ratified, None),
        FamilyFindingRoute::PackF {
            task_created: ratified
        }
    );
    let long = family_finding_route(ratified, Some(d("2023-03-01")));
    assert_eq!(
        long,
        FamilyFindingRoute::MatchReferral { created: ratified }
    );
    let referral = long.referral(&"c1".parse().unwrap()).unwrap();
    assert_eq!(referral.item, ItemType::Match);
    assert_eq!(referral.created, ratified);
    assert!(!referral.needs.family_finding);
}

#[test]
fn path_019_county_council_carers_are_searched_first() {
    let inhouse = Search {
        on: d("2025-07-01"),
        source: CarerSource::CountyCouncil,
    };
    let other = Search {
        on: d("2025-07-15"),
        source: CarerSource::OtherProvider,
    };
    assert!(check_search_order(&[inhouse.clone(), other.clone()]).is_ok());
    assert!(check_search_order(std::slice::from_ref(&inhouse)).is_ok());
    assert_eq!(check_search_order(&[other]), Err(PathwayError::SearchOrder));
}

fn household() -> CarerHousehold {
    CarerHousehold {
        carer: "h1".into(),
        approved: d("2019-05-20"),
        approval_ended: None,
        last_annual_review: Some(d("2024-05-20")),
        ssw: Some("ssw1".into()),
        commissioned_provider: None,
        last_service_review: None,
        core_training_completed: Some(d("2019-12-01")),
    }
}

#[test]
fn path_020_carer_annual_review_overdue_blocks_a_match() {
    let mut h = household();
    assert_eq!(
        check_carer_for_match(&h, d("2025-06-02"))
            .unwrap_err()
            .to_string(),
        "carer annual review overdue (due 2025-05-20)"
    );
    assert!(check_carer_for_match(&h, d("2025-05-20")).is_ok());
    h.last_annual_review = Some(d("2025-05-19"));
    assert!(check_carer_for_match(&h, d("2025-06-02")).is_ok());
    h.approval_ended = Some(d("2025-06-01"));
    assert_eq!(
        check_carer_for_match(&h, d("2025-06-02")),
        Err(PathwayError::CarerNotApproved)
    );
}

#[test]
fn path_022_adoption_order_ends_every_earlier_pr() {
    let before = vec![
        holder("mother", PrBasis::Parent, "2020-01-01"),
        holder("father", PrBasis::Parent, "2020-01-01"),
        holder("LA", PrBasis::LocalAuthority, "2023-05-01"),
    ];
    let order = Order {
        kind: PermanenceOrder::AdoptionOrder,
        made: d("2025-11-14"),
        parties: vec![
            party("adopter1", PartyRole::Adopter),
            party("adopter2", PartyRole::Adopter),
        ],
    };
    let after = pr_after_order(&before, &order).unwrap();
    for h in after.iter().filter(|h| h.basis != PrBasis::Adopter) {
        assert_eq!(h.to, Some(d("2025-11-14")), "{}", h.person);
    }
    let adopters: Vec<_> = after
        .iter()
        .filter(|h| h.current_on(d("2025-11-14")))
        .map(|h| (h.person.as_str(), h.basis, h.from))
        .collect();
    assert_eq!(
        adopters,
        [
            ("adopter1", PrBasis::Adopter, d("2025-11-14")),
            ("adopter2", PrBasis::Adopter, d("2025-11-14"))
        ]
    );
}

#[test]
fn path_023_bid_due_in_two_months_and_every_stage_dated() {
    let mut stages = new_adoption_plan(d("2025-06-30"));
    assert_eq!(stages[0].stage, AdoptionStage::BestInterestDecision);
    assert_eq!(stages[0].due, Some(d("2025-08-30")));
    let err = validate_adoption_plan(&stages).unwrap_err();
    assert_eq!(
        err.to_string(),
        "every open stage needs a due date: family finding, match, placement, Adoption Order application"
    );
    for (s, due) in
        stages
            .iter_mut()
            .skip(1)
            .zip(["2025-10-31", "2026-01-31", "2026-03-31", "2026-06-30"])
    {
        s.due = Some(d(due));
    }
    assert!(validate_adoption_plan(&stages).is_ok());
    stages.pop();
    assert!(
        validate_adoption_plan(&stages).is_err(),
        "a stage missing altogether"
    );
}

#[test]
fn path_024_placement_readiness_needs_information_and_life_story_work() {
    let placement = d("2025-06-16");
    let mut r = AdoptionReadiness::default();
    assert_eq!(
        placement_readiness_gaps(&r, placement),
        [
            "written adoption information given to child",
            "life story work for transition"
        ]
    );
    r.written_information_given = Some(d("2025-05-01"));
    r.life_story_work_for_transition = Some(d("2025-06-17"));
    assert_eq!(
        placement_readiness_gaps(&r, placement),
        ["life story work for transition"]
    );
    r.life_story_work_for_transition = Some(d("2025-06-10"));
    assert!(placement_readiness_gaps(&r, placement).is_empty());
}

#[test]
fn path_025_birth_parent_worker_from_the_planning_team_is_rejected() {
    let same = Worker {
        id: "w9".into(),
        team: "Locality North".into(),
    };
    assert_eq!(
        check_birth_parent_worker("Locality North", &same)
            .unwrap_err()
            .to_string(),
        "must be independent of the planning team"
    );
    let other = Worker {
        id: "w10".into(),
        team: "Birth Parent Support".into(),
    };
    assert!(check_birth_parent_worker("Locality North", &other).is_ok());
}

#[test]
fn path_026_match_not_listed_without_medical_information() {
    let listing = d("2025-05-14");
    let mut c = DisclosureChecklist {
        social: Some(d("2025-04-01")),
        medical: None,
        legal: Some(d("2025-04-01")),
    };
    assert_eq!(
        check_disclosure(&c, listing),
        Err(PathwayError::DisclosureIncomplete(vec![
            "medical information provided"
        ]))
    );
    c.medical = Some(d("2025-04-22"));
    assert!(check_disclosure(&c, listing).is_ok());
}

#[test]
fn path_027_means_assessment_waits_for_the_needs_judgement() {
    let mut case = FinancialSupportCase {
        opened: d("2025-04-01"),
        needs_judgement: None,
        means_assessment_started: None,
    };
    assert_eq!(
        check_means_assessment_start(&case, d("2025-04-02")),
        Err(PathwayError::NeedsJudgementMissing)
    );
    case.needs_judgement = Some((false, d("2025-04-10")));
    assert_eq!(
        check_means_assessment_start(&case, d("2025-04-11")),
        Err(PathwayError::AdoptersCannotMeetNeeds)
    );
    case.needs_judgement = Some((true, d("2025-04-10")));
    assert_eq!(
        check_means_assessment_start(&case, d("2025-04-09")),
        Err(PathwayError::NeedsJudgementMissing)
    );
    assert!(check_means_assessment_start(&case, d("2025-04-11")).is_ok());
}

fn review() -> ReviewPathwayFacts {
    ReviewPathwayFacts {
        held: d("2025-08-10"),
        child_born: d("2012-01-01"),
        residential: true,
        step_down_considered: false,
        long_term_foster_care: false,
        staying_put: None,
    }
}

#[test]
fn path_028_residential_review_must_consider_step_down() {
    let mut r = review();
    let gaps = review_finalisation_gaps(&r);
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0].rule, "PATH-028");
    assert!(gaps[0].blocking);
    r.step_down_considered = true;
    assert!(review_finalisation_gaps(&r).is_empty());
}

#[test]
fn path_029_staying_put_intention_from_sixteen() {
    let mut r = ReviewPathwayFacts {
        held: d("2025-09-16"),
        child_born: d("2009-09-15"),
        residential: false,
        step_down_considered: false,
        long_term_foster_care: true,
        staying_put: None,
    };
    let gaps = review_finalisation_gaps(&r);
    assert_eq!(
        gaps.iter().map(|g| g.rule).collect::<Vec<_>>(),
        ["PATH-029"]
    );
    r.held = d("2025-09-14");
    assert!(review_finalisation_gaps(&r).is_empty(), "still 15");
    r.held = d("2025-09-16");
    r.staying_put = Some(StayingPutIntention::Intended);
    assert!(review_finalisation_gaps(&r).is_empty());
}
