//! Care leavers, education and health through the pages: asking for a
//! leaving-care needs assessment opens the Pathway Plan (LEAVE-105); a
//! social worker reviews the plan from the young person's page (LEAVE-004),
//! a review without the young person's view is refused beside the field;
//! the care leavers' page lists the young people and the local offer
//! (LEAVE-003); the Virtual School's and the health pages open; life
//! story work is recorded from the child's page (CONT-001), the child's
//! page links to the records beside the journey.

mod site;
use site::*;

/// The form with this id on a page.
fn form_on(html: &str, id: &str) -> Option<forms::HtmlForm> {
    forms::post_forms(html).into_iter().find(|f| f.id == id)
}

test_support::on_both_backends! {
    fn leave_105_a_leaving_care_needs_assessment_opens_the_pathway_plan(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let reply = s.send("GET", &format!("/children/{}/leaving-care/needs-assessment", s.own_child), &session, None);
        assert!(reply.status.is_redirection());
        assert_eq!(reply.headers[header::LOCATION], format!("/children/{}/leaving-care#pathway-plan", s.own_child).as_str());
        let page = s.send("GET", &format!("/children/{}/leaving-care", s.own_child), &session, None);
        assert!(page.body.contains("id=\"pathway-plan\""));
        assert!(page.body.contains("both the assessment of needs and the plan"));
    }

    fn leave_004_leave_003_the_pathway_plan_is_reviewed_through_the_page(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let uri = format!("/children/{}/leaving-care", s.own_child);
        let page = s.send("GET", &uri, &session, None);
        let review = form_on(&page.body, "review").expect("the review form");
        let without_voice = review.body(|n| if n == "assessment" || n == "outcomes" { "Written".into() } else { String::new() });
        let refused = s.send("POST", &uri, &session, Some(&without_voice));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("enter the young person") || refused.body.contains("Enter the young person"), "{}", excerpt(&refused.body));
        let done = s.send("POST", &uri, &session, Some(&review.body(|_| "I want to stay at college".into())));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert!(done.body.contains("I want to stay at college"));
        assert!(done.body.contains("Next update due by"));
        let list = s.send("GET", "/leavers", &session, None);
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("The local offer") && list.body.contains("challenging intentionality"));
    }

    fn cont_001_life_story_work_is_recorded_from_the_childs_page_with_a_social_or_support_worker(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let child = s.send("GET", &format!("/children/{}", s.own_child), &session, None);
        for page in ["leaving-care", "education", "health", "adoption", "life-story"] {
            assert!(child.body.contains(&format!("href=\"/children/{}/{page}\"", s.own_child)), "{page}");
        }
        let uri = format!("/children/{}/life-story", s.own_child);
        let page = s.send("GET", &uri, &session, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        assert!(page.body.contains("Interactive DC") || page.body.contains("interactive DC"));
        let work = form_on(&page.body, "work").expect("the life story work form");
        let by = |part: &'static str| {
            move |n: &str| match n {
                "contributor_1_part" => part.to_owned(),
                "contributor_1_name" => "Ann Example".to_owned(),
                _ => String::new(),
            }
        };
        let carer_only = format!("{}&format_book=yes&content_care_history=yes", work.body(by("foster_carer")));
        let refused = s.send("POST", &uri, &session, Some(&carer_only));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("social worker or a support worker"), "{}", excerpt(&refused.body));
        let with_worker = format!("{}&format_book=yes&content_care_history=yes", work.body(by("support_worker")));
        let done = s.send("POST", &uri, &session, Some(&with_worker));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert!(done.body.contains("Ann Example (A support worker)"), "{}", excerpt(&done.body));
        assert!(done.body.contains("Life story book") && done.body.contains("Not yet covered"));
        assert_eq!(s.audit("CONT.life_story.work"), 1);
        let (manager, _) = s.sign_in(&username(Role::TeamManager));
        assert_eq!(s.send("GET", "/life-story", &manager, None).status, StatusCode::OK);
        // The record is in the child's subject access export.
        let (auditor, _) = s.sign_in(&username(Role::Auditor));
        let json = s.send("GET", &format!("/audit/subject-access?child={}&format=json", s.own_child), &auditor, None);
        let json: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        let documents = json["documents"]["child_documents"].as_array().expect("the child's documents");
        assert!(documents.iter().any(|d| d["record"] == "Life story work" && d["document"]["formats"][0] == "book"), "{documents:?}");
    }

    fn the_adoption_agency_is_in_the_navigation_of_those_who_may_see_it(db) {
        let s = site(&db);
        for role in Role::ALL {
            let (session, _) = s.sign_in(&username(role));
            let home = s.send("GET", "/accessibility", &session, None);
            let linked = home.body.contains("href=\"/adoption/agency\"");
            assert_eq!(linked, allows(role, Permission::ViewTracking), "{role:?}");
        }
    }

    fn edu_009_hlth_001_the_virtual_school_and_health_pages_open_for_their_roles(db) {
        let s = site(&db);
        let (vs, _) = s.sign_in(&username(Role::VirtualSchool));
        assert_eq!(s.send("GET", "/virtual-school", &vs, None).status, StatusCode::OK);
        let education = s.send("GET", &format!("/children/{}/education", s.own_child), &vs, None);
        assert!(education.body.contains("On the Leicestershire Virtual School"), "{}", excerpt(&education.body));
        assert!(education.body.contains("kooth.com"));
        let (hp, _) = s.sign_in(&username(Role::HealthPractitioner));
        let health = s.send("GET", &format!("/children/{}/health", s.own_child), &hp, None);
        assert_eq!(health.status, StatusCode::OK);
        assert!(health.body.contains("Kooth"));
    }
}
