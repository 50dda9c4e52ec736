use super::*;

fn manager() -> User {
    user(Role::ServiceManager, None)
}

test_support::on_both_backends! {
    fn adopt_021_the_reply_to_an_expression_of_interest_is_on_the_worklist_until_the_match_is_linked(db) {
        use domain::adoption::matches::MatchStep;
        let store = &db.store;
        let (_, role) = matches::approved(store);
        let pair = [
            matches::waiting_child(store, "C1", "2022-01-10", false),
            matches::waiting_child(store, "C2", "2023-05-01", false),
        ];
        let id = app::adoption::record_interest(store, &matches::finder(), &FixedClock::on("2025-06-20"), (&role, &pair), d("2025-06-20"), "test").unwrap();
        let items = worklist(store, &manager(), "2025-06-24");
        let line = items.iter().find(|i| i.rule == Some("ADOPT-021")).expect("the reply is due");
        assert_eq!((line.due, line.subject.name.as_str()), (d("2025-06-27"), "The Rule family (match for C1, C2)"));
        assert!(has(&worklist(store, &manager(), "2025-06-30"), "ADOPT-021", "2025-06-27"), "overdue, still there");
        matches::take(store, &matches::finder(), &id, ("link", "2025-06-26"), MatchStep::default()).unwrap();
        assert!(!lists(store, &manager(), "2025-06-30", "ADOPT-021"), "the link answers it");
    }

    fn adopt_033_the_agency_decision_on_a_match_is_on_the_worklist_until_it_is_made(db) {
        use domain::adoption::matches::MatchStep;
        let store = &db.store;
        let id = matches::recommended(store);
        assert!(has(&worklist(store, &adm(), "2025-07-30"), "ADOPT-033", "2025-08-07"), "due 7 working days after the panel");
        matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
        assert!(!has(&worklist(store, &adm(), "2025-07-31"), "ADOPT-033", "2025-08-07"), "the decision clears it");
        // The placement starts the post-placement contacts (ADOPT-042).
        matches::with_plan(store, &id);
        matches::take(store, &matches::finder(), &id, ("place", "2025-08-04"), MatchStep::default()).unwrap();
        assert!(has(&worklist(store, &manager(), "2025-09-10"), "ADOPT-042", "2025-09-15"));
    }

    fn adopt_048_a_match_goes_to_panel_only_with_each_childs_staying_in_touch_section(db) {
        use domain::adoption::child_pathway::{Cpr, PathwayStep};
        let store = &db.store;
        let id = matches::linked_pair(store);
        let meeting = matches::panel_meeting(store, "2025-07-29");
        let cpr = |staying_in_touch: bool| {
            let child = domain::child::ChildId::parse("C2").unwrap();
            let v = app::adoption::open_pathway(store, &matches::finder(), &FixedClock::on("2025-07-05"), &child, "test").unwrap().pathway.version;
            let step = PathwayStep::Cpr(Cpr { date: d("2025-07-05"), by_permanence_team: true, is_final: true, staying_in_touch });
            app::adoption::record_pathway_step(store, &matches::finder(), &FixedClock::on("2025-07-05"), (&child, v), step, "test").unwrap();
        };
        cpr(false);
        let refused = matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), matches::papers());
        assert!(matches!(refused, Err(AppError::Invalid(ref m)) if m.contains("C2") && m.contains("ADOPT-048")), "{refused:?}");
        assert_eq!(matches::open(store, &id).record.value.document.stage, "linked", "nothing changed");
        cpr(true);
        assert_eq!(matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), matches::papers()).unwrap(), "panel");
        assert!(!meeting.is_empty());
    }

    fn a_matchs_approval_placement_and_order_are_the_dates_on_the_childs_pathway(db) {
        use domain::adoption::child_pathway::{Milestone, PathwayStep};
        use domain::adoption::matches::MatchStep;
        let store = &db.store;
        let id = matches::recommended(store);
        let child = domain::child::ChildId::parse("C1").unwrap();
        let open = || app::adoption::open_pathway(store, &matches::finder(), &FixedClock::on("2026-01-05"), &child, "test").unwrap().pathway;
        let v = open().version;
        app::adoption::record_pathway_step(store, &matches::finder(), &FixedClock::on("2025-07-05"), (&child, v), PathwayStep::Milestone(Milestone::PlacementOrder, d("2025-05-01")), "test").unwrap();
        matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
        matches::with_plan(store, &id);
        matches::take(store, &matches::finder(), &id, ("place", "2025-08-14"), MatchStep::default()).unwrap();
        let p = open().value;
        assert_eq!((p.date(Milestone::MatchRatified), p.date(Milestone::Placed)), (Some(d("2025-07-31")), Some(d("2025-08-14"))));
        assert!(p.family_finding.placed_with.is_some(), "placed with the council's own adopters");
        matches::take(store, &matches::finder(), &id, ("order", "2026-01-05"), MatchStep::default()).unwrap();
        assert_eq!(open().value.date(Milestone::AdoptionOrder), Some(d("2026-01-05")));
    }

    fn adopt_055_approvals_in_the_financial_year_against_the_agencys_target(db) {
        use domain::adoption::raa::AgencyStep;
        let store = &db.store;
        let (id, role) = to_adm(store);
        let with_worker = StepDetails { worker: Some("SW4".into()), ..terms() };
        step(store, &adm(), (&id, &role), ("approve", "2025-06-04"), with_worker).unwrap();
        let figures = |on: &str| app::adoption::agency_figures(store, &manager(), &FixedClock::on(on), (d("2025-04-01"), d(on)), "test").unwrap().recruitment;
        let none = figures("2025-12-01");
        assert_eq!((none.year, none.target, none.approvals, none.attainment), (2025, None, 1, None));
        let v = app::adoption::regional_agency(store, &manager()).unwrap().version;
        let bad = app::adoption::record_agency_step(store, &manager(), &FixedClock::on("2025-12-01"), v, AgencyStep::ApprovalTarget(2025, 0), "test");
        assert!(matches!(bad, Err(AppError::Invalid(_))), "{bad:?}");
        app::adoption::record_agency_step(store, &manager(), &FixedClock::on("2025-12-01"), v, AgencyStep::ApprovalTarget(2025, 2), "test").unwrap();
        let set = figures("2025-12-01");
        assert_eq!((set.target, set.approvals, set.attainment), (Some(2), 1, Some(50)));
        assert_eq!(domain::adoption::raa::attainment(50, 34), Some(68));
    }

    fn adopt_046_the_year_holds_two_events_and_four_newsletters_for_adopters(db) {
        use domain::adoption::raa::{AdopterOffer, AgencyStep};
        let store = &db.store;
        let record = |on: &str, newsletter: bool| {
            let v = app::adoption::regional_agency(store, &manager()).unwrap().version;
            let offer = AdopterOffer { date: d(on), newsletter, title: if newsletter { "Thrive".into() } else { "Summer picnic".into() } };
            app::adoption::record_agency_step(store, &manager(), &FixedClock::on("2025-12-31"), v, AgencyStep::Offer(offer), "test")
        };
        for on in ["2025-01-15", "2025-04-15", "2025-07-15"] {
            record(on, true).unwrap();
        }
        record("2025-07-20", false).unwrap();
        let agency = || app::adoption::regional_agency(store, &manager()).unwrap().value;
        assert_eq!(agency().offer_in(2025), (1, 3, false));
        record("2025-10-15", true).unwrap();
        record("2025-12-14", false).unwrap();
        assert_eq!(agency().offer_in(2025), (2, 4, true));
        let untitled = AdopterOffer { date: d("2025-12-01"), newsletter: true, title: " ".into() };
        let v = app::adoption::regional_agency(store, &manager()).unwrap().version;
        assert!(app::adoption::record_agency_step(store, &manager(), &FixedClock::on("2025-12-31"), v, AgencyStep::Offer(untitled), "test").is_err());
    }
}
