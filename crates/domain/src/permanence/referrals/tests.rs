use super::*;
use crate::permanence::panels::testing::*;
use crate::permanence::panels::{ForumError, check_meeting_can_be_created};
use crate::roles::Role;

/// A referral with every paper received on `on`, except `leave_out`.
fn referral(item: ItemType, on: &str, leave_out: &[PackDoc]) -> Referral {
    let mut r = Referral::new("X".parse().unwrap(), item, "test", d("2025-08-20"), None);
    r.stage = ReferralStage::Pack;
    r.pack = required_pack(item, r.needs)
        .into_iter()
        .filter(|doc| !leave_out.contains(doc))
        .map(|doc| PackEntry {
            doc,
            received: d(on),
            by: "sw-1".into(),
        })
        .collect();
    r
}

fn proposed(outcome: Outcome) -> ProposedOutcome {
    ProposedOutcome {
        outcome,
        reasons: "Reasons given at the meeting".into(),
        further_information: Vec::new(),
        further_information_due: None,
        adm_agreed: true,
    }
}

#[test]
fn panel_002_every_agenda_item_type_has_one_code_and_no_other_code_is_a_type() {
    for t in ItemType::ALL {
        assert_eq!(ItemType::parse(t.code()), Some(t));
    }
    assert_eq!(ItemType::parse("panel_chat"), None);
    assert_eq!(ItemType::parse(""), None);
}

#[test]
fn panel_004_deferred_match_needs_the_further_information_list() {
    let f = forum();
    let mut r = referral(ItemType::Match, "2025-08-20", &[]);
    let mut deferral = proposed(Outcome::Deferred);
    deferral.further_information_due = Some(d("2025-10-08"));
    assert_eq!(
        record_outcome(&f, &quorate(), &mut r, deferral.clone()),
        Err(OutcomeError::DeferralIncomplete)
    );
    assert_eq!(r.outcome, None);
    deferral.further_information = vec!["Updated support plan".into()];
    deferral.further_information_due = None;
    assert_eq!(
        record_outcome(&f, &quorate(), &mut r, deferral.clone()),
        Err(OutcomeError::DeferralIncomplete)
    );
    deferral.further_information_due = Some(d("2025-10-08"));
    assert_eq!(
        record_outcome(&f, &quorate(), &mut r, deferral),
        Ok(ReferralStage::Outcome)
    );
    assert_eq!(r.outcome, Some(Outcome::Deferred));
    assert_eq!(r.further_information_due, Some(d("2025-10-08")));
    // A match item cannot have a payment outcome.
    let mut other = referral(ItemType::Match, "2025-08-20", &[]);
    assert!(matches!(
        record_outcome(
            &f,
            &quorate(),
            &mut other,
            proposed(Outcome::PaymentApproved)
        ),
        Err(OutcomeError::WrongOutcome { .. })
    ));
}

#[test]
fn panel_005_no_team_manager_endorsement_refuses_listing() {
    let f = forum();
    let mut r = referral(
        ItemType::LtfSuitability,
        "2025-08-20",
        &[PackDoc::TeamManagerEndorsement],
    );
    let err = check_listing(&f, &r, d("2025-09-10")).unwrap_err();
    assert_eq!(
        err,
        ListingError::PackIncomplete(vec![PackDoc::TeamManagerEndorsement])
    );
    assert!(err.to_string().contains("Team manager endorsement"));
    assert_eq!(r.stage, ReferralStage::Pack);
    r.pack.push(PackEntry {
        doc: PackDoc::TeamManagerEndorsement,
        received: d("2025-08-21"),
        by: "tm-1".into(),
    });
    assert_eq!(check_listing(&f, &r, d("2025-09-10")), Ok(()));
    // Siblings add the Sibling assessment Planning Aid to the pack.
    r.needs.has_siblings = true;
    assert_eq!(r.missing_papers(), vec![PackDoc::SiblingAssessment]);
    assert_eq!(
        required_pack(ItemType::DiscretionaryPayment, PackNeeds::default()),
        vec![
            PackDoc::AdditionalPaymentsForm,
            PackDoc::TeamManagerRecommendation
        ]
    );
}

#[test]
fn panel_006_outcome_not_agreed_by_the_adm_at_the_meeting_awaits_the_adm() {
    // The spec's Check has no ADM-role holder present; under PANEL-008's
    // default quorum that meeting is inquorate, so the recommendation
    // route is reached when the ADM attends without agreeing at the
    // meeting.
    let f = forum();
    let mut r = referral(ItemType::Match, "2025-08-20", &[]);
    let mut match_agreed = proposed(Outcome::MatchAgreed);
    match_agreed.adm_agreed = false;
    assert_eq!(
        record_outcome(&f, &quorate(), &mut r, match_agreed),
        Ok(ReferralStage::Adm)
    );
    assert_eq!(r.stage, ReferralStage::Adm);
    assert!(!r.adm_agreed_at_meeting);
    assert_eq!(adm_confirmation_due(d("2025-09-10")), d("2025-09-17"));
    let mut decided = referral(ItemType::Match, "2025-08-20", &[]);
    assert_eq!(
        record_outcome(&f, &quorate(), &mut decided, proposed(Outcome::MatchAgreed)),
        Ok(ReferralStage::Outcome)
    );
    assert!(decided.adm_agreed_at_meeting);
}

#[test]
fn panel_008_inquorate_meeting_hears_items_for_discussion_only() {
    let f = forum();
    let chair_and_member = [
        at("chair", SeatRole::Chair),
        at("sw-member", SeatRole::Member),
    ];
    assert!(!is_quorate(&f, &chair_and_member));
    let mut r = referral(ItemType::Match, "2025-08-20", &[]);
    r.stage = ReferralStage::Listed;
    assert_eq!(
        record_outcome(
            &f,
            &chair_and_member,
            &mut r,
            proposed(Outcome::MatchAgreed)
        ),
        Err(OutcomeError::Inquorate)
    );
    assert_eq!(r.outcome, Some(Outcome::DiscussionOnly));
    assert_eq!(r.outcome.unwrap().label(), "Discussion only - relist");
    assert_eq!(r.stage, ReferralStage::Listed);
    // Chair, ADM and one other member make a quorum; a vice-chair counts
    // as the other member, a panel adviser does not.
    assert!(is_quorate(&f, &quorate()));
    let with_adviser = [
        at("chair", SeatRole::Chair),
        at("adm", SeatRole::AgencyDecisionMaker),
        at("adviser", SeatRole::Adviser),
    ];
    assert!(!is_quorate(&f, &with_adviser));
    let with_vice = [
        at("chair", SeatRole::Chair),
        at("vice", SeatRole::ViceChair),
        at("adm", SeatRole::AgencyDecisionMaker),
    ];
    assert!(is_quorate(&f, &with_vice));
}

#[test]
fn panel_009_review_recording_ltf_creates_a_suitability_referral() {
    let r = referral_for(
        "X".parse().unwrap(),
        ReferralTrigger::ReviewLtfPlan,
        d("2025-06-30"),
    );
    assert_eq!(r.item, ItemType::LtfSuitability);
    assert_eq!(r.forum, ForumKind::PermanencePanel);
    assert_eq!(r.created, d("2025-06-30"));
    assert_eq!(r.list_by, Some(d("2025-08-30")));
    assert_eq!(r.trigger, "review_ltf_plan");
    assert_eq!(r.stage, ReferralStage::Created);
    let m = referral_for(
        "X".parse().unwrap(),
        ReferralTrigger::MatchProposed,
        d("2025-07-01"),
    );
    assert_eq!((m.item, m.list_by), (ItemType::Match, None));
    assert_eq!(
        ReferralTrigger::PaymentRecommended.item(),
        ItemType::DiscretionaryPayment
    );
    assert_eq!(
        ReferralTrigger::LongTermArrangement.item(),
        ItemType::Ratification
    );
}

#[test]
fn panel_011_pack_completed_after_the_cutoff_goes_to_the_next_meeting() {
    let f = forum();
    assert_eq!(f.cutoff_for(d("2025-09-10")), d("2025-08-27"));
    let late = referral(ItemType::Match, "2025-08-28", &[]);
    assert_eq!(
        check_listing(&f, &late, d("2025-09-10")),
        Err(ListingError::AfterCutoff {
            completed: d("2025-08-28"),
            cutoff: d("2025-08-27"),
        })
    );
    let meetings = [d("2025-10-08"), d("2025-09-10")];
    assert_eq!(
        first_listable_meeting(&f, &late, &meetings),
        Some(d("2025-10-08"))
    );
    let on_time = referral(ItemType::Match, "2025-08-27", &[]);
    assert_eq!(
        first_listable_meeting(&f, &on_time, &meetings),
        Some(d("2025-09-10"))
    );
}

#[test]
fn panel_013_amendments_not_done_by_their_due_date_alert_the_team_manager() {
    let mut review = QualityReview {
        doc: PackDoc::SupportPlan,
        rating: QualityRating::RequiresAmendment,
        rated_on: d("2025-09-10"),
        amendments: Vec::new(),
    };
    assert_eq!(
        validate_quality_review(&review),
        Err(QualityError::AmendmentsMissing)
    );
    review.amendments.push(Amendment {
        what: "Set out respite arrangements".into(),
        due: d("2025-09-24"),
        completed: None,
    });
    assert_eq!(validate_quality_review(&review), Ok(()));
    let reviews = [review];
    assert!(overdue_amendments(&reviews, d("2025-09-24")).is_empty());
    assert_eq!(
        overdue_amendments(&reviews, d("2025-09-25")),
        vec![(PackDoc::SupportPlan, d("2025-09-24"))]
    );
    let mut done = reviews;
    done[0].amendments[0].completed = Some(d("2025-09-23"));
    assert!(overdue_amendments(&done, d("2025-09-25")).is_empty());
}

#[test]
fn panel_016_representation_linked_and_reconsideration_needs_new_information() {
    let mut r = referral(ItemType::Match, "2025-08-20", &[]);
    assert_eq!(
        log_representation(
            "ref-1",
            &r,
            Representer::Carer,
            RepresentationRoute::Complaints,
            d("2025-09-20"),
            "We disagree"
        ),
        Err(RepresentationError::NoOutcome)
    );
    r.outcome = Some(Outcome::MatchNotAgreed);
    let rep = log_representation(
        "ref-1",
        &r,
        Representer::Carer,
        RepresentationRoute::Complaints,
        d("2025-09-20"),
        "We disagree",
    )
    .unwrap();
    assert_eq!(
        (rep.referral_id.as_str(), rep.received),
        ("ref-1", d("2025-09-20"))
    );
    assert_eq!(
        reconsideration(&r, Vec::new(), d("2025-09-22")),
        Err(RepresentationError::NoNewInformation)
    );
    let new_support_plan = PackEntry {
        doc: PackDoc::SupportPlan,
        received: d("2025-09-22"),
        by: "ssw-1".into(),
    };
    let again = reconsideration(&r, vec![new_support_plan.clone()], d("2025-09-22")).unwrap();
    assert_eq!(again.trigger, "reconsideration");
    assert_eq!(again.item, ItemType::Match);
    assert_eq!(again.outcome, None);
    assert!(again.pack.contains(&new_support_plan));
    assert_eq!(again.pack.len(), r.pack.len() + 1);
}

#[test]
fn panel_007_meeting_cannot_be_created_without_a_chair() {
    let mut f = forum();
    assert_eq!(check_meeting_can_be_created(&f, d("2025-09-10")), Ok(()));
    f.members[0].to = Some(d("2025-08-31"));
    let err = check_meeting_can_be_created(&f, d("2025-09-10")).unwrap_err();
    assert_eq!(err.to_string(), "chair not configured");
    let r = referral(ItemType::Match, "2025-08-20", &[]);
    assert_eq!(
        check_listing(&f, &r, d("2025-09-10")),
        Err(ListingError::NoChair)
    );
    assert_eq!(
        check_meeting_can_be_created(
            &Forum::with_defaults(ForumKind::PermanencePanel),
            d("2025-09-10")
        ),
        Err(ForumError::NoChair)
    );
}

fn user(role: Role) -> User {
    User {
        username: format!("{}.test", role.code()),
        display_name: role.title().into(),
        role,
        team: None,
        worker_id: None,
    }
}

#[test]
fn role_005_the_team_manager_is_offered_the_endorsement_and_a_social_worker_is_refused() {
    let mut r = referral(ItemType::LtfSuitability, "2025-08-20", &[]);
    let (tm, sw) = (user(Role::TeamManager), user(Role::SocialWorker));
    assert!(r.moves(&tm).contains(&ReferralMove::Endorse));
    assert!(!r.moves(&sw).contains(&ReferralMove::Endorse));
    let refusal = r.check_move(&sw, ReferralMove::Endorse).unwrap_err();
    assert_eq!(
        refusal.to_string(),
        "\"endorse\" must be taken by team manager"
    );
    // PANEL-005: the panel adviser may try to list a pack still in
    // preparation, so that the refusal names the papers missing.
    assert!(
        r.moves(&user(Role::PanelAdviser))
            .contains(&ReferralMove::List)
    );
    // Papers are added only while the pack is in preparation.
    assert!(r.moves(&sw).contains(&ReferralMove::AttachPaper));
    r.stage = ReferralStage::Endorsed;
    assert!(!r.moves(&sw).contains(&ReferralMove::AttachPaper));
    // A role that does not work on plans is offered nothing.
    assert!(r.moves(&user(Role::PerformanceAnalyst)).is_empty());
}
