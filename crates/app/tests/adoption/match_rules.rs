use super::*;

test_support::on_both_backends! {
    fn edu_001_a_match_goes_for_approval_only_with_the_adopters_commitment_to_education(db) {
        use domain::adoption::matches::MatchStep;
        let store = &db.store;
        let id = matches::linked_pair(store);
        matches::panel_meeting(store, "2025-07-29");
        // The evidence field empty: submission refused, naming the field; nothing changed.
        let empty = MatchStep { education_commitment: Some("  ".into()), ..matches::papers() };
        let err = matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), empty).unwrap_err();
        assert!(err.to_string().starts_with("education_commitment:") && err.to_string().contains("EDU-001"), "{err}");
        let m = matches::open(store, &id).record.value.document;
        assert_eq!((m.stage.as_str(), m.education_commitment.as_str()), ("linked", ""));
        // With the evidence: at panel, the evidence kept on the match.
        assert_eq!(matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), matches::papers()).unwrap(), "panel");
        assert!(matches::open(store, &id).record.value.document.education_commitment.contains("Virtual School"));
    }

    fn edu_002_the_placement_is_not_confirmed_while_the_support_plan_has_no_educational_needs(db) {
        use domain::adoption::matches::MatchStep;
        let store = &db.store;
        let id = matches::recommended(store);
        matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
        // No plan at all, then a plan with every section but the educational needs: refused.
        let err = matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), MatchStep::default()).unwrap_err();
        assert!(err.to_string().contains("current and future educational needs") && err.to_string().contains("EDU-002"), "{err}");
        let v = matches::open(store, &id).record.version;
        let no_education = domain::adoption::matches::SupportPlan { education: String::new(), ..matches::plan("") };
        let final_err = app::adoption::save_support_plan(store, &matches::finder(), &FixedClock::on("2025-08-01"), (&id, v), no_education.clone(), Some(d("2025-08-01")), "test").unwrap_err();
        assert!(final_err.to_string().contains("educational needs"), "{final_err}");
        app::adoption::save_support_plan(store, &matches::finder(), &FixedClock::on("2025-08-01"), (&id, v), no_education, None, "test").unwrap();
        let err = matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), MatchStep::default()).unwrap_err();
        assert!(err.to_string().contains("EDU-002"), "{err}");
        assert_eq!(matches::open(store, &id).record.value.document.stage, "matched");
        // With the section written, the placement is confirmed.
        matches::with_plan(store, &id);
        assert_eq!(matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), MatchStep::default()).unwrap(), "placed");
    }

    fn adopt_037_a_match_goes_to_panel_only_with_the_introductions_plan_and_the_cpr_sent_before_the_medical(db) {
        use domain::adoption::matches::{MatchStep, Paper};
        let store = &db.store;
        let id = matches::linked_pair(store);
        let meeting = matches::panel_meeting(store, "2025-07-29");
        // No draft introductions plan in the papers: refused, nothing changed.
        let no_plan = MatchStep { papers: Some(vec![Paper::ChildPermanenceReport]), ..matches::papers() };
        let err = matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), no_plan).unwrap_err();
        assert!(err.to_string().contains("draft introductions plan"), "{err}");
        // The CPR reached the medical adviser after the consultation: refused.
        let late = MatchStep { cpr_to_medical_adviser: Some(d("2025-07-08")), medical_consultation: Some(d("2025-07-07")), ..matches::papers() };
        let err = matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), late).unwrap_err();
        assert!(err.to_string().contains("Medical Adviser"), "{err}");
        assert_eq!(matches::open(store, &id).record.value.document.stage, "linked");
        let good = MatchStep { cpr_to_medical_adviser: Some(d("2025-07-01")), medical_consultation: Some(d("2025-07-07")), ..matches::papers() };
        assert_eq!(matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), good).unwrap(), "panel");
        // Listed on the adoption panel's agenda.
        let (m, _, _) = app::permanence::meeting(store, &adviser(), &FixedClock::on("2025-07-10"), &meeting, "view_meeting", "test").unwrap();
        assert!(m.value.document.agenda.contains(&id));
        // A stale version is refused.
        let stale = app::adoption::take_match_step(store, &matches::finder(), &FixedClock::on("2026-01-05"), (&id, 1), ("withdraw", d("2025-07-11")), MatchStep::default(), "test");
        assert!(matches!(stale, Err(AppError::Store(store::StoreError::Stale { .. }))), "{stale:?}");
    }

    fn adoption_panel_recommends_a_match_only_at_a_quorate_meeting_and_the_adm_decides_within_7_working_days(db) {
        use domain::adoption::matches::MatchStep;
        use domain::permanence::panels::SeatRole;
        let store = &db.store;
        let id = matches::linked_pair(store);
        let meeting = matches::panel_meeting(store, "2025-07-29");
        matches::take(store, &matches::finder(), &id, ("to_panel", "2025-07-10"), matches::papers()).unwrap();
        // The ADM cannot decide before the panel recommends (ADOPT-033).
        let err = matches::take(store, &adm(), &id, ("approve", "2025-07-29"), MatchStep::default()).unwrap_err();
        assert!(err.to_string().contains("cannot be taken from"), "{err}");
        // Inquorate (no ADM seat, one member): the recommendation is refused.
        matches::attend(store, &meeting, &[SeatRole::Chair, SeatRole::Member]);
        let yes = MatchStep { approve: Some(true), ..Default::default() };
        let err = matches::take(store, &adviser(), &id, ("recommend", "2025-07-29"), yes.clone()).unwrap_err();
        assert!(err.to_string().contains("not quorate"), "{err}");
        matches::attend(store, &meeting, &[SeatRole::Chair, SeatRole::AgencyDecisionMaker, SeatRole::Member]);
        // Only the panel adviser records the panel's recommendation.
        let err = matches::take(store, &matches::finder(), &id, ("recommend", "2025-07-29"), yes.clone()).unwrap_err();
        assert!(err.to_string().contains("panel adviser"), "{err}");
        matches::take(store, &adviser(), &id, ("recommend", "2025-07-29"), yes).unwrap();
        let view = matches::open(store, &id);
        assert_eq!(view.quorate, Some(true));
        assert_eq!(view.record.value.document.decision_due(), Some(d("2025-08-07")));
        assert_eq!(matches::take(store, &adm(), &id, ("approve", "2025-08-04"), MatchStep::default()).unwrap(), "matched");
        let m = matches::open(store, &id).record.value.document;
        assert_eq!((m.decision.clone().unwrap().by.as_str(), m.decision_due()), ("agency_decision_maker.test", None));
        // Audited with codes and dates, never a name.
        let events = store.read(|tx| tx.events(&AuditFilter { record_type: Some("adoption_match".into()), ..Default::default() })).unwrap();
        assert!(events.iter().any(|e| e.action == "WF-ADOPT-MATCH.recommend"));
        assert!(events.iter().all(|e| !e.details.contains("Robin") && !e.details.contains("Rule")));
    }

    fn adopt_056_the_adopters_feedback_is_asked_for_the_day_of_the_panel_and_after_matching(db) {
        use domain::adoption::matches::{FeedbackPoint, MatchStep};
        let store = &db.store;
        let id = matches::recommended(store);
        assert_eq!(matches::open(store, &id).record.value.document.feedback, [(FeedbackPoint::AfterPanel, d("2025-07-29"))]);
        matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
        assert_eq!(matches::open(store, &id).record.value.document.feedback[1], (FeedbackPoint::AfterMatching, d("2025-07-31")));
    }

    fn adopt_038_the_support_plan_is_not_final_without_the_children_already_in_the_family(db) {
        let store = &db.store;
        let id = matches::linked_pair(store);
        // The household gains a birth child.
        let hid = matches::open(store, &id).record.value.document.household_id;
        let child = NewPerson { name: "Cal Rule".into(), relationship: "birth child".into(), date_of_birth: Some(d("2016-02-01")), ..Default::default() };
        hh::add_member(store, &asw(), &FixedClock::on("2025-07-02"), (&hid, version(store, &hid)), child, "test").unwrap();
        let v = matches::open(store, &id).record.version;
        let err = app::adoption::save_support_plan(store, &matches::finder(), &FixedClock::on("2025-07-03"), (&id, v), matches::plan(""), Some(d("2025-07-03")), "test").unwrap_err();
        assert!(err.to_string().contains("children already in the family"), "{err}");
        assert!(matches::open(store, &id).record.value.document.support_plan_final.is_none());
        app::adoption::save_support_plan(store, &matches::finder(), &FixedClock::on("2025-07-03"), (&id, v), matches::plan("Time with each parent"), Some(d("2025-07-03")), "test").unwrap();
        let m = matches::open(store, &id).record.value.document;
        assert_eq!(m.support_plan_final, Some(d("2025-07-03")));
        assert!(m.papers.contains(&domain::adoption::matches::Paper::AdoptionSupportPlan));
    }

    fn adopt_039_a_fostering_for_adoption_placement_needs_the_adms_approval(db) {
        use domain::adoption::matches::MatchStep;
        let store = &db.store;
        let id = matches::recommended(store);
        matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
        matches::with_plan(store, &id);
        let err = matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), matches::ffa(None)).unwrap_err();
        assert!(err.to_string().contains("ADOPT-039"), "{err}");
        matches::take(store, &matches::finder(), &id, ("place", "2025-08-11"), matches::ffa(Some("2025-08-05"))).unwrap();
        let m = matches::open(store, &id).record.value.document;
        assert_eq!((m.stage.as_str(), m.ffa.unwrap().adm_approved), ("placed", Some(d("2025-08-05"))));
    }

    fn adopt_041_a_placement_ending_before_the_order_is_a_disruption_with_its_meeting(db) {
        use domain::adoption::matches::MatchStep;
        let store = &db.store;
        let id = matches::placed(store, "2025-08-11");
        matches::take(store, &matches::finder(), &id, ("disrupt", "2025-11-20"), MatchStep::default()).unwrap();
        let m = matches::open(store, &id).record.value.document;
        assert_eq!(m.stage, "disrupted");
        let meeting = m.disruption_meeting.clone().unwrap();
        assert_eq!((meeting.due, meeting.held), (d("2025-12-18"), None));
        let v = matches::open(store, &id).record.version;
        app::adoption::hold_disruption_meeting(store, &matches::finder(), &FixedClock::on("2025-12-10"), (&id, v), d("2025-12-10"), "test").unwrap();
        assert_eq!(matches::open(store, &id).record.value.document.disruption_meeting.unwrap().held, Some(d("2025-12-10")));
    }

    fn adopt_041_a_breakdown_in_introductions_is_not_a_disruption(db) {
        use domain::adoption::matches::MatchStep;
        let store = &db.store;
        let id = matches::recommended(store);
        matches::take(store, &adm(), &id, ("approve", "2025-07-31"), MatchStep::default()).unwrap();
        matches::take(store, &matches::finder(), &id, ("end_introductions", "2025-08-08"), MatchStep::default()).unwrap();
        let m = matches::open(store, &id).record.value.document;
        assert_eq!((m.stage.as_str(), m.ended, m.disruption_meeting), ("ended_in_introductions", Some(d("2025-08-08")), None));
    }

    fn adopt_042_the_post_adoption_worker_contacts_six_weeks_after_placement_then_every_six_months(db) {
        let store = &db.store;
        let id = matches::placed(store, "2025-08-11");
        let due = matches::open(store, &id).record.value.document.contacts_due();
        assert_eq!(due[0], d("2025-09-22"));
        assert_eq!(due[1], d("2026-02-11"));
        assert_eq!(due.last(), Some(&d("2028-08-11")));
    }

    fn adopt_053_an_interagency_match_records_its_direction_counterpart_and_charge(db) {
        let store = &db.store;
        let (_, role) = matches::approved(store);
        let child = matches::waiting_child(store, "C1", "2022-01-10", false);
        let id = app::adoption::record_interest(store, &matches::finder(), &FixedClock::on("2025-06-20"), (&role, &[child]), d("2025-06-20"), "test").unwrap();
        let err = matches::take(store, &matches::finder(), &id, ("link", "2025-07-01"), matches::interagency(" ")).unwrap_err();
        assert!(err.to_string().contains("counterpart"), "{err}");
        matches::take(store, &matches::finder(), &id, ("link", "2025-07-01"), matches::interagency("Lincolnshire")).unwrap();
        let i = matches::open(store, &id).record.value.document.interagency.unwrap();
        assert_eq!((i.counterpart.as_str(), i.chargeable), ("Lincolnshire", true));
    }

    fn adopt_054_sufficiency_counts_the_children_waiting_against_the_adopters_approved(db) {
        let store = &db.store;
        matches::approved(store);
        matches::waiting_child(store, "C1", "2022-01-10", false);
        matches::waiting_child(store, "C2", "2016-01-10", true);
        let analyst = user(Role::PerformanceAnalyst, None);
        let (rows, children, adopters) = app::adoption::adoption_sufficiency(store, &analyst, &FixedClock::on("2025-07-01"), "test").unwrap();
        assert_eq!((children, adopters), (2, 1));
        let get = |c: &str| rows.iter().find(|r| r.category == c).unwrap();
        assert_eq!((get("2 to 4").children, get("2 to 4").adopters), (1, 1));
        assert_eq!((get("8 and over").children, get("8 and over").adopters), (1, 0));
        assert_eq!(get("Disability").gap(), -1);
        // Figures only for those who may see figures.
        assert!(matches!(app::adoption::adoption_sufficiency(store, &asw(), &FixedClock::on("2025-07-01"), "test"), Err(AppError::Forbidden(_))));
    }

    fn adoption_the_reverse_match_ranks_the_children_waiting_for_approved_adopters(db) {
        let store = &db.store;
        let (_, role) = matches::approved(store);
        matches::waiting_child(store, "C1", "2022-01-10", false);
        matches::waiting_child(store, "C2", "2016-01-10", true);
        let (_, ranked) = app::adoption::match_adopter(store, &matches::finder(), &FixedClock::on("2025-07-01"), &role, "test").unwrap();
        assert_eq!((ranked.ranked, ranked.full), (2, 1));
        assert_eq!(ranked.shown[0].children[0].id, "C1");
        assert!(ranked.shown[1].fit.misfits.iter().any(|m| m.contains("disability")));
        let views = store.read(|tx| tx.events(&AuditFilter { action: Some("view_child".into()), ..Default::default() })).unwrap();
        assert_eq!(views.len(), 2);
    }

    fn adopt_059_the_adoption_statement_of_purpose_is_reviewed_a_year_after_its_last_review(db) {
        use domain::agency::records::AgencyRecordKind;
        let store = &db.store;
        let sm = user(Role::ServiceManager, None);
        let new = app::agency::NewAgencyRecord { kind: AgencyRecordKind::AdoptionStatementOfPurpose, team: "Adoption".into(), title: String::new(), published: d("2023-01-16") };
        let id = app::agency::publish_agency_record(store, &sm, &FixedClock::on("2023-01-16"), new, "test").unwrap();
        let v = app::agency::agency_record(store, &sm, &id).unwrap().version;
        app::agency::record_agency_entry(store, &sm, &FixedClock::on("2024-01-15"), (&id, v), ("", d("2024-01-15")), "test").unwrap();
        // The spec's Check: last review 2024-01-15, review due 2025-01-15.
        let items = worklist(store, &sm, "2025-01-16");
        let due = items.iter().find(|i| i.subject.name == "Adoption Statement of Purpose").expect("on the service manager's list");
        assert_eq!(due.due, d("2025-01-15"));
    }
}
