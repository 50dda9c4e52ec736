//! Requests to the adoption service about contact and identity, on both
//! backends: support and counselling for C1's birth family decided only by
//! the Service Manager for Adoption (CONT-004, CONT-005), unplanned contact
//! routed by who reports it (CONT-012, CONT-013), and an adopted adult's
//! birth records counselling, intermediary advice and the Adoption Contact
//! Register (CONT-014 … CONT-016).

mod permanence_fixture;
use permanence_fixture::*;

use app::contact::{self as contact, RequestStep};
use domain::contact::adoption_services::{
    ADOPTION_SOCIAL_WORKER, CHILDS_SOCIAL_WORKER, FIRST_RESPONSE, GRO_ACR_ADDRESS, NewRequest,
    PERMANENCE_TEAM, POST_ADOPTION_SUPPORT, POST_ORDER_SUPPORT, RequestKind,
    SERVICE_MANAGER_ADOPTION, VIRTUAL_SCHOOL_DUTY,
};

fn sw() -> User {
    user(Role::SocialWorker, Some("Blaby"))
}

fn manager() -> User {
    user(Role::ServiceManager, None)
}

fn new(kind: RequestKind, who: &str, on: &str) -> NewRequest {
    NewRequest {
        kind: Some(kind),
        requester: "Alex Requester".into(),
        requester_is: who.into(),
        received: d(on),
        ..NewRequest::default()
    }
}

fn receive(store: &Store, by: &User, request: NewRequest) -> Result<String, AppError> {
    let clock = FixedClock::on(&request.received.to_string());
    contact::receive_service_request(store, by, &clock, request, HERE)
}

fn act(store: &Store, by: &User, id: &str, step: RequestStep, on: &str) -> Result<(), AppError> {
    let clock = FixedClock::on(on);
    let v = contact::open_service_request(store, &manager(), &clock, id, HERE)
        .unwrap()
        .version;
    contact::act_on_service_request(store, by, &clock, (id, v), (step, d(on)), HERE)
}

fn opened(store: &Store, id: &str) -> domain::contact::adoption_services::ServiceRequest {
    contact::open_service_request(store, &manager(), &FixedClock::on("2025-12-01"), id, HERE)
        .unwrap()
        .value
}

test_support::on_both_backends! {
    fn cont_004_a_birth_parents_support_request_needs_the_leaflet_and_goes_to_the_service_manager_for_adoption(db) {
        let store = &db.store;
        setup(store);
        let mut request = NewRequest { child_id: Some("C1".into()), ..new(RequestKind::BirthFamilySupport, "childs_social_worker", "2025-07-01") };
        let no_leaflet = receive(store, &sw(), request.clone());
        assert!(matches!(no_leaflet, Err(AppError::Invalid(ref m)) if m.contains("CONT-004")), "{no_leaflet:?}");
        request.leaflet = Some(d("2025-06-25"));
        let id = receive(store, &sw(), request).unwrap();
        assert_eq!(opened(store, &id).routed_to, SERVICE_MANAGER_ADOPTION);
        // The social worker cannot decide; the Service Manager does.
        assert!(matches!(act(store, &sw(), &id, RequestStep::Decide(true), "2025-07-05"), Err(AppError::Forbidden(_))));
        act(store, &manager(), &id, RequestStep::Decide(true), "2025-07-05").unwrap();
        assert!(!opened(store, &id).is_open());
        // Without access to the child, a worker of another team cannot record one.
        let other = user(Role::SocialWorker, Some("Melton"));
        let theirs = NewRequest { child_id: Some("C1".into()), leaflet: Some(d("2025-06-25")), ..new(RequestKind::BirthFamilySupport, "birth_parent", "2025-07-01") };
        assert!(matches!(receive(store, &other, theirs), Err(AppError::Forbidden(_))));
    }

    fn cont_005_counselling_is_recommended_by_the_adoption_team_and_decided_only_by_the_service_manager(db) {
        let store = &db.store;
        setup(store);
        let id = receive(store, &sw(), NewRequest { child_id: Some("C1".into()), ..new(RequestKind::Counselling, "birth_parent", "2025-03-01") }).unwrap();
        let early = act(store, &manager(), &id, RequestStep::Decide(true), "2025-03-02");
        assert!(matches!(early, Err(AppError::Invalid(ref m)) if m.contains("recommendation")), "{early:?}");
        act(store, &sw(), &id, RequestStep::Recommend("Six sessions of counselling for loss".into()), "2025-03-10").unwrap();
        assert!(matches!(act(store, &user(Role::TeamManager, Some("Blaby")), &id, RequestStep::Decide(true), "2025-03-12"), Err(AppError::Forbidden(_))));
        act(store, &manager(), &id, RequestStep::Decide(false), "2025-03-12").unwrap();
        assert_eq!(opened(store, &id).stage_label(), "Declined by the Service Manager for Adoption");
    }

    fn cont_012_cont_013_unplanned_social_media_contact_goes_to_post_adoption_support_or_the_childs_social_worker(db) {
        let store = &db.store;
        setup(store);
        let report = |who: &str, channel: &str| NewRequest {
            child_id: Some("C1".into()),
            channel: channel.into(),
            ..new(RequestKind::UnplannedContact, who, "2025-07-03")
        };
        let silent = receive(store, &sw(), report("adoptive_parent", ""));
        assert!(matches!(silent, Err(AppError::Invalid(ref m)) if m.contains("CONT-012")), "{silent:?}");
        let adopters = receive(store, &sw(), report("adoptive_parent", "Unmediated contact: social media message")).unwrap();
        assert_eq!(opened(store, &adopters).routed_to, POST_ADOPTION_SUPPORT);
        let carers = receive(store, &sw(), report("foster_carer", "Social media friend request")).unwrap();
        assert_eq!(opened(store, &carers).routed_to, CHILDS_SOCIAL_WORKER);
        act(store, &sw(), &carers, RequestStep::Close("advice_given".into()), "2025-07-04").unwrap();
        let audited = store.read(|tx| tx.events(&AuditFilter { record_type: Some("adoption_service_request".into()), ..Default::default() })).unwrap();
        assert!(audited.iter().all(|e| !e.details.contains("Alex") && !e.details.contains("social media")), "codes only");
    }

    fn cont_014_birth_records_counselling_is_for_the_adopted_adult_aged_18_and_goes_to_the_permanence_team(db) {
        let store = &db.store;
        let adult = NewRequest { born: Some(d("2000-01-01")), ..new(RequestKind::BirthRecords, "adopted_adult", "2025-03-03") };
        let id = receive(store, &sw(), adult.clone()).unwrap();
        assert_eq!(opened(store, &id).routed_to, PERMANENCE_TEAM);
        let parent = NewRequest { requester_is: "adoptive_parent".into(), ..adult.clone() };
        assert!(matches!(receive(store, &sw(), parent), Err(AppError::Invalid(ref m)) if m.contains("CONT-014")));
        let young = NewRequest { born: Some(d("2007-03-04")), ..adult };
        assert!(matches!(receive(store, &sw(), young), Err(AppError::Invalid(ref m)) if m.contains("18")));
        act(store, &sw(), &id, RequestStep::Close("counsellor_allocated".into()), "2025-03-10").unwrap();
    }

    fn cont_015_an_intermediary_request_ends_only_in_advice_or_signposting(db) {
        let store = &db.store;
        let id = receive(store, &sw(), new(RequestKind::Intermediary, "adult_relative", "2025-02-02")).unwrap();
        let outcomes: Vec<&str> = opened(store, &id).outcomes().iter().map(|(c, _)| *c).collect();
        assert_eq!(outcomes, ["initial_advice", "signposted"]);
        let allocated = act(store, &sw(), &id, RequestStep::Close("counsellor_allocated".into()), "2025-02-03");
        assert!(matches!(allocated, Err(AppError::Invalid(_))), "no LCC allocation: {allocated:?}");
        act(store, &sw(), &id, RequestStep::Close("signposted".into()), "2025-02-03").unwrap();
        assert!(receive(store, &sw(), new(RequestKind::Intermediary, "birth_parent", "2025-02-02")).is_err());
    }

    fn cont_016_the_contact_register_advice_letter_names_form_cr_part_1_and_the_gro_address(db) {
        let store = &db.store;
        let id = receive(store, &sw(), new(RequestKind::ContactRegister, "adopted_adult", "2025-03-03")).unwrap();
        let letter = opened(store, &id).advice_letter().expect("a letter").join("\n");
        assert!(letter.contains("form CR part 1"));
        assert!(letter.contains("General Register Office (ACR), Adoptions Section, Smedley Hydro, Trafalgar Road, Southport, Merseyside, PR8 2HH"));
        assert_eq!(GRO_ACR_ADDRESS.matches("PR8 2HH").count(), 1);
        act(store, &sw(), &id, RequestStep::Close("advice_sent".into()), "2025-03-04").unwrap();
        assert_eq!(contact::service_requests(store, &sw(), &FixedClock::on("2025-03-05"), HERE).unwrap().len(), 1);
    }

    fn adopt_043_post_adoption_support_after_three_years_goes_to_the_post_order_support_team_not_first_response(db) {
        let store = &db.store;
        let ask = |order: &str, concern: bool| NewRequest { order: Some(d(order)), protection_concern: concern, ..new(RequestKind::PostAdoptionSupport, "adoptive_parent", "2025-06-01") };
        let late = receive(store, &sw(), ask("2020-05-01", false)).unwrap();
        assert_eq!(opened(store, &late).routed_to, POST_ORDER_SUPPORT);
        let early = receive(store, &sw(), ask("2023-06-02", false)).unwrap();
        assert_eq!(opened(store, &early).routed_to, ADOPTION_SOCIAL_WORKER);
        let concern = receive(store, &sw(), ask("2020-05-01", true)).unwrap();
        assert_eq!(opened(store, &concern).routed_to, FIRST_RESPONSE);
        let no_order = NewRequest { order: None, ..ask("2020-05-01", false) };
        assert!(matches!(receive(store, &sw(), no_order), Err(AppError::Invalid(ref m)) if m.contains("ADOPT-043")));
    }

    fn adopt_044_a_top_up_fund_application_needs_its_initial_application(db) {
        let store = &db.store;
        let asf = |top_up: Option<&str>| NewRequest { top_up_of: top_up.map(String::from), ..new(RequestKind::AsfApplication, "adoptive_parent", "2025-04-01") };
        let unlinked = receive(store, &sw(), asf(Some("")));
        assert!(matches!(unlinked, Err(AppError::Invalid(ref m)) if m.contains("ADOPT-044")), "{unlinked:?}");
        let unknown = receive(store, &sw(), asf(Some("ASR09999")));
        assert!(matches!(unknown, Err(AppError::Invalid(ref m)) if m.contains("ADOPT-044")), "{unknown:?}");
        let initial = receive(store, &sw(), asf(None)).unwrap();
        let top_up = receive(store, &sw(), asf(Some(&initial))).unwrap();
        assert_eq!(opened(store, &top_up).top_up_of.as_deref(), Some(initial.as_str()));
        let of_a_top_up = receive(store, &sw(), asf(Some(&top_up)));
        assert!(matches!(of_a_top_up, Err(AppError::Invalid(_))), "a top-up continues an initial application");
        // The Post Adoption Assessment of Need closes a support request.
        let support = receive(store, &sw(), NewRequest { order: Some(d("2024-01-01")), ..new(RequestKind::PostAdoptionSupport, "adoptive_parent", "2025-04-01") }).unwrap();
        act(store, &sw(), &support, RequestStep::Close("assessment_of_need".into()), "2025-04-20").unwrap();
    }

    fn adopt_045_the_therapeutic_support_budget_pays_450_then_a_further_450_at_most(db) {
        let store = &db.store;
        setup(store);
        let tsb = |pence: i64, on: &str| NewRequest { child_id: Some("C1".into()), amount_pence: Some(pence), ..new(RequestKind::TherapeuticSupport, "childs_social_worker", on) };
        let too_much = receive(store, &sw(), tsb(50_000, "2025-02-01"));
        assert!(matches!(too_much, Err(AppError::Invalid(ref m)) if m.contains("ADOPT-045")), "{too_much:?}");
        let first = receive(store, &sw(), tsb(45_000, "2025-02-01")).unwrap();
        act(store, &sw(), &first, RequestStep::Close("paid".into()), "2025-02-03").unwrap();
        let second = receive(store, &sw(), tsb(50_000, "2025-05-01"));
        assert!(matches!(second, Err(AppError::Invalid(ref m)) if m.contains("£450.00 more")), "{second:?}");
        receive(store, &sw(), tsb(45_000, "2025-05-01")).unwrap();
        let third = receive(store, &sw(), tsb(100, "2025-06-01"));
        assert!(matches!(third, Err(AppError::Invalid(ref m)) if m.contains("£0.00 more")), "{third:?}");
        let no_child = NewRequest { child_id: None, ..tsb(100, "2025-06-01") };
        assert!(receive(store, &sw(), no_child).is_err());
    }

    fn adopt_047_an_adult_adopted_before_1975_is_a_priority_with_a_counsellor_allocated_the_same_day(db) {
        let store = &db.store;
        let adult = |year: i32| NewRequest { born: Some(d("1971-06-01")), adopted_year: Some(year), ..new(RequestKind::BirthRecords, "adopted_adult", "2025-03-03") };
        let id = receive(store, &sw(), adult(1972)).unwrap();
        let r = opened(store, &id);
        assert!(r.priority());
        assert_eq!(r.answer_due, Some(d("2025-03-03")));
        let later = receive(store, &sw(), adult(1980)).unwrap();
        assert!(!opened(store, &later).priority());
        assert!(receive(store, &sw(), adult(2030)).is_err());
    }

    fn adopt_057_the_virtual_schools_reply_to_a_plac_call_is_due_in_seven_working_days(db) {
        let store = &db.store;
        let id = receive(store, &sw(), new(RequestKind::PlacEducationAdvice, "adoptive_parent", "2025-05-02")).unwrap();
        let r = opened(store, &id);
        assert_eq!(r.routed_to, VIRTUAL_SCHOOL_DUTY);
        // Friday 2 May 2025: the bank holiday on Monday 5 May is skipped.
        assert_eq!(r.answer_due, Some(d("2025-05-14")));
        act(store, &sw(), &id, RequestStep::Close("advice_given".into()), "2025-05-12").unwrap();
    }

    fn adopt_060_a_post_adoption_request_is_allocated_only_within_the_post_order_support_team(db) {
        let store = &db.store;
        let id = receive(store, &sw(), NewRequest { order: Some(d("2020-05-01")), ..new(RequestKind::PostAdoptionSupport, "adoptive_parent", "2025-06-01") }).unwrap();
        let alloc = |team: &str| RequestStep::Allocate("SW7".into(), team.into());
        let wrong = act(store, &sw(), &id, alloc("Permanence"), "2025-06-02");
        assert!(matches!(wrong, Err(AppError::Invalid(ref m)) if m.contains("ADOPT-060") && m.contains("Post-Order Support")), "{wrong:?}");
        assert!(opened(store, &id).allocated.is_none(), "nothing changed");
        act(store, &sw(), &id, alloc("Post-Order Support"), "2025-06-02").unwrap();
        let a = opened(store, &id).allocated.unwrap();
        assert_eq!((a.worker.as_str(), a.team.as_str()), ("SW7", "Post-Order Support"));
        assert!(domain::contact::adoption_services::team_takes("Post-Order Support", "post-SGO"));
        let plac = receive(store, &sw(), new(RequestKind::PlacEducationAdvice, "adoptive_parent", "2025-06-02")).unwrap();
        assert!(act(store, &sw(), &plac, alloc("Post-Order Support"), "2025-06-02").is_err(), "the Virtual School's");
    }

    fn sg_009_a_child_who_left_care_under_an_sgo_is_previously_looked_after_for_the_virtual_school(db) {
        let store = &db.store;
        let ask = |by: &str| NewRequest { left_care_by: by.into(), ..new(RequestKind::PlacEducationAdvice, "guardian", "2025-05-02") };
        let missing = receive(store, &sw(), ask(""));
        assert!(matches!(missing, Err(AppError::Invalid(ref m)) if m.contains("SG-009")), "{missing:?}");
        let id = receive(store, &sw(), ask("sgo")).unwrap();
        let r = opened(store, &id);
        assert!(r.previously_looked_after());
        assert_eq!((r.left_care_by.as_str(), r.routed_to.as_str()), ("sgo", VIRTUAL_SCHOOL_DUTY));
        assert!(opened(store, &receive(store, &sw(), ask("cao")).unwrap()).previously_looked_after());
        let kin = receive(store, &sw(), ask("kinship")).unwrap();
        assert!(!opened(store, &kin).previously_looked_after(), "kinship care is not an order");
    }

    fn kin_019_the_virtual_schools_kinship_duty_covers_enquiries_from_its_configured_start(db) {
        let store = &db.store;
        let ask = |on: &str| NewRequest { left_care_by: "kinship".into(), ..new(RequestKind::PlacEducationAdvice, "guardian", on) };
        let before = receive(store, &sw(), ask("2024-01-15"));
        assert!(matches!(before, Err(AppError::Invalid(ref m)) if m.contains("KIN-019") && m.contains("1 September 2024")), "{before:?}");
        assert_eq!(domain::contact::adoption_services::KINSHIP_DUTY_FROM, d("2024-09-01"));
        let sgo_then = NewRequest { left_care_by: "sgo".into(), ..ask("2024-01-15") };
        receive(store, &sw(), sgo_then).expect("an SGO child was covered before the kinship duty");
        let id = receive(store, &sw(), ask("2024-09-02")).unwrap();
        let r = opened(store, &id);
        assert_eq!((r.left_care_by.as_str(), r.routed_to.as_str()), ("kinship", VIRTUAL_SCHOOL_DUTY));
    }
}
