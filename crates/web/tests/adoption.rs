//! The adopters' pages over HTTP on both backends: an enquiry recorded for
//! a household, each step of WF-ADOPTER posted from the adopter's page
//! with what it carries, the errors beside their fields with nothing
//! changed, and the deadlines on the page and the worklist.

mod site;
use site::*;

/// An Adoption team household with one applicant and every check, as the
/// assessing social worker adds it; returns its identifier.
fn applicants(s: &Site) -> String {
    let asw = User {
        username: username(Role::AssessingSocialWorker),
        display_name: "Test".into(),
        role: Role::AssessingSocialWorker,
        team: None,
        worker_id: None,
    };
    let clock = FixedClock::on("2026-03-31");
    let new = app::households::NewHousehold {
        name: "The Rule family".into(),
        team: "Adoption".into(),
        ..Default::default()
    };
    let id = app::households::add_household(&s.store, &asw, &clock, new, "test").unwrap();
    let person = domain::households::person::NewPerson {
        name: "Ada Rule".into(),
        relationship: "applicant".into(),
        ..Default::default()
    };
    app::households::add_member(&s.store, &asw, &clock, (&id, 1), person, "test").unwrap();
    id
}

fn post(s: &Site, uri: &str, cookie: &str, body: String) -> Reply {
    let reply = s.send("POST", uri, cookie, Some(&body));
    assert!(
        reply.status != StatusCode::FORBIDDEN && !reply.status.is_server_error(),
        "{}",
        excerpt(&reply.body)
    );
    reply
}

test_support::on_both_backends! {
    fn adopt_027_an_enquiry_is_recorded_with_its_information_event_and_opens_the_adopters_page(db) {
        let s = site(&db);
        let (asw, csrf) = s.sign_in(&username(Role::AssessingSocialWorker));
        let id = applicants(&s);
        let form = s.send("GET", &format!("/adopters?household={id}"), &asw, None);
        assert!(form.body.contains(&format!("value=\"{id}\"")), "{}", excerpt(&form.body));
        // The event before the enquiry is refused beside its field.
        let refused = post(&s, "/adopters", &asw, format!("csrf_token={csrf}&household={id}&received=20%2F3%2F2026&next_event=2%2F3%2F2026&worker="));
        assert!(refused.body.contains("information event cannot be before the enquiry"), "{}", excerpt(&refused.body));
        assert!(refused.body.contains("href=\"#enquiry-next_event\""));
        let added = post(&s, "/adopters", &asw, format!("csrf_token={csrf}&household={id}&received=20%2F3%2F2026&next_event=8%2F4%2F2026&worker=SW7"));
        assert_eq!(added.status, StatusCode::SEE_OTHER);
        let uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        assert_eq!(uri, format!("/adopters/{id}-R1"));
        let page = s.send("GET", &uri, &asw, None);
        assert!(page.body.contains("8 April 2026") && page.body.contains("SW7"), "{}", excerpt(&page.body));
        assert_eq!(s.audit("view_adopter"), 1);
    }

    fn adopt_029_stage_one_is_refused_beside_its_date_until_the_checks_are_done(db) {
        let s = site(&db);
        let (asw, csrf) = s.sign_in(&username(Role::AssessingSocialWorker));
        let id = applicants(&s);
        post(&s, "/adopters", &asw, format!("csrf_token={csrf}&household={id}&received=2%2F1%2F2026&next_event=8%2F1%2F2026&worker="));
        let uri = format!("/adopters/{id}-R1");
        for step in ["visit", "register"] {
            let v = hidden(&s.send("GET", &uri, &asw, None).body, "version");
            post(&s, &uri, &asw, format!("csrf_token={csrf}&version={v}&step={step}&date=9%2F1%2F2026"));
        }
        let page = s.send("GET", &uri, &asw, None);
        assert!(page.body.contains("ADOPT-029") && page.body.contains("9 March 2026"), "{}", excerpt(&page.body));
        let worklist = s.send("GET", "/worklist", &asw, None);
        assert!(worklist.body.contains("The Rule family"), "{}", excerpt(&worklist.body));
        let v = hidden(&page.body, "version");
        let refused = post(&s, &uri, &asw, format!("csrf_token={csrf}&version={v}&step=complete_stage_one&date=2%2F3%2F2026"));
        assert!(refused.body.contains("DBS check of Ada Rule"), "{}", excerpt(&refused.body));
        assert!(refused.body.contains("href=\"#step-complete_stage_one-date\""));
        assert_eq!(hidden(&refused.body, "version"), v, "nothing changed");
    }

    fn adopt_033_the_decision_maker_approves_with_terms_after_the_panels_recommendation(db) {
        let s = site(&db);
        let uri = format!("/adopters/{}", s.adopter);
        let (adm, csrf) = s.sign_in(&username(Role::AgencyDecisionMaker));
        let page = s.send("GET", &uri, &adm, None);
        assert!(page.body.contains("Recommended as suitable to adopt"), "{}", excerpt(&page.body));
        let v = hidden(&page.body, "version");
        let bad = post(&s, &uri, &adm, format!("csrf_token={csrf}&version={v}&step=approve&youngest=5&oldest=2&children=1&date=31%2F3%2F2026"));
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("youngest age cannot be more than the oldest") && bad.body.contains("href=\"#step-approve-oldest\""), "{}", excerpt(&bad.body));
        let done = post(&s, &uri, &adm, format!("csrf_token={csrf}&version={v}&step=approve&youngest=0&oldest=4&children=2&siblings=yes&need_health=yes&date=31%2F3%2F2026"));
        assert!(done.body.contains("Recorded."), "{}", excerpt(&done.body));
        let (asw, _) = s.sign_in(&username(Role::AssessingSocialWorker));
        let page = s.send("GET", &uri, &asw, None);
        assert!(page.body.contains("up to 2 children, a sibling group aged 0 to 4; can meet health needs"), "{}", excerpt(&page.body));
        assert!(page.body.contains("Approved - waiting"));
        assert!(page.body.contains("id=\"step-refer_to_nar-submit\""), "the register referral is offered next");
    }

    fn matching_ranks_the_approved_adopters_for_a_child_with_what_fits_and_what_does_not(db) {
        let s = site(&db);
        let uri = format!("/adopters/{}", s.adopter);
        let (adm, csrf) = s.sign_in(&username(Role::AgencyDecisionMaker));
        let v = hidden(&s.send("GET", &uri, &adm, None).body, "version");
        post(&s, &uri, &adm, format!("csrf_token={csrf}&version={v}&step=approve&youngest=0&oldest=17&children=1&date=31%2F3%2F2026"));
        let (manager, csrf) = s.sign_in(&username(Role::TeamManager));
        let form = s.send("GET", "/adopters/match", &manager, None);
        assert!(form.body.contains("id=\"match-child_ids\""), "{}", excerpt(&form.body));
        let child = &s.own_child;
        let ranked = post(&s, "/adopters/match", &manager, format!("csrf_token={csrf}&child_ids={child}&health=yes"));
        assert_eq!(ranked.status, StatusCode::OK, "{}", excerpt(&ranked.body));
        assert!(ranked.body.contains(&format!("href=\"{uri}\"")), "{}", excerpt(&ranked.body));
        assert!(ranked.body.contains("ages within 0 to 17") && ranked.body.contains("not approved to meet health needs"), "{}", excerpt(&ranked.body));
        assert_eq!(s.audit("adoption.match"), 1);
        let bad = post(&s, "/adopters/match", &manager, format!("csrf_token={csrf}&child_ids=not+a+child"));
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
