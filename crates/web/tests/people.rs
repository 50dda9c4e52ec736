//! People by name on the pages (issue 16, item 3): the child's record, the
//! audit log, subject access and the panel's pages show the names of the
//! workers and users the records hold by identifier.

mod site;
use site::*;

/// The allocated worker of a child and the name the demo gave them.
fn worker_of(s: &Site, child: &str) -> (String, String) {
    let id = domain::child::ChildId::parse(child).unwrap();
    let journey = s.store.read(|tx| tx.journey(&id)).unwrap().unwrap().value;
    let worker = journey.social_workers().last().unwrap().worker_id.clone();
    let workers = s.store.read(|tx| {
        use store::StaffRepository;
        tx.worker_names()
    });
    let name = workers
        .unwrap()
        .into_iter()
        .find(|(w, _)| *w == worker)
        .expect("the demo names every worker")
        .1;
    (worker, name)
}

test_support::on_both_backends! {
    fn the_child_record_names_the_social_worker_not_their_identifier(db) {
        let s = site(&db);
        let (worker, name) = worker_of(&s, &s.own_child);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let page = s.send("GET", &format!("/children/{}", s.own_child), &session, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&name), "{name} on the record");
        assert!(!page.body.contains(&format!(">{worker}<")), "{worker} shown as a bare identifier");
    }

    fn the_audit_log_and_subject_access_name_who_acted_and_who_was_allocated(db) {
        let s = site(&db);
        let (_, name) = worker_of(&s, &s.own_child);
        let (worker, _) = s.sign_in(&username(Role::SocialWorker));
        s.send("GET", &format!("/children/{}", s.own_child), &worker, None);
        let (auditor, _) = s.sign_in(&username(Role::Auditor));
        let log = s.send("GET", "/audit?action=view_child", &auditor, None);
        assert!(log.body.contains("Test Social worker (social_worker.test)"), "{}", excerpt(&log.body));
        let page = s.send("GET", &format!("/audit/subject-access?child={}", s.own_child), &auditor, None);
        assert!(page.body.contains(&name), "the allocated worker by name");
        assert!(page.body.contains("Test Social worker (social_worker.test)"), "who read it, by name");
    }

    fn the_panel_meeting_names_its_chair_and_members_once_they_are_users(db) {
        let s = site(&db);
        let uri = format!("/panels/meetings/{}", s.meeting);
        let (adviser, _) = s.sign_in(&username(Role::PanelAdviser));
        let before = s.send("GET", &uri, &adviser, None);
        assert!(before.body.contains("head-of-service.demo"), "no user by that name yet: the identifier");
        let chair = User {
            username: "head-of-service.demo".into(),
            display_name: "Helen Chambers".into(),
            role: Role::HeadOfService,
            team: None,
            worker_id: None,
        };
        app::auth::add_user(&s.store, &Actor::new("test"), &FixedClock::on("2026-03-31"), &chair, PASSWORD).unwrap();
        let after = s.send("GET", &uri, &adviser, None);
        assert!(after.body.contains("Helen Chambers"), "the chair by name at once: {}", excerpt(&after.body));
        let config = s.send("GET", "/panels/config/permanence_panel", &adviser, None);
        assert!(config.body.contains("Helen Chambers (head-of-service.demo)"), "members by name and account");
    }

    fn the_json_api_gives_names_beside_the_identifiers_of_workers_and_managers(db) {
        let s = site(&db);
        let (worker, name) = worker_of(&s, &s.own_child);
        let token = &s.tokens[&Role::SocialWorker];
        let json = |uri: &str| -> serde_json::Value {
            let reply = s.api("GET", uri, token, None);
            assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
            serde_json::from_str(&reply.body).unwrap()
        };
        // The children (the caseload): each with their worker's identifier and name.
        let list = json("/api/v1/children?q=");
        let row = list["children"].as_array().unwrap().iter().find(|c| c["id"] == s.own_child.as_str()).expect("the team's child");
        assert_eq!((row["worker"].as_str(), row["worker_name"].as_str()), (Some(worker.as_str()), Some(name.as_str())));
        assert_eq!(row["team"], s.team.as_str());
        // The child's record: every social worker by identifier and name.
        let record = json(&format!("/api/v1/children/{}", s.own_child));
        let last = record["social_workers"].as_array().unwrap().last().unwrap().clone();
        assert_eq!((last["worker"].as_str(), last["worker_name"].as_str()), (Some(worker.as_str()), Some(name.as_str())));
        // The worklist: the item's worker, and the team's manager it escalates to, by name.
        let list = json("/api/v1/worklist");
        let items = list["items"].as_array().unwrap();
        assert!(!items.is_empty());
        for item in items {
            assert!(item["worker"].is_null() || item["worker_name"].is_string(), "{item}");
        }
        let to_manager = items.iter().find(|i| i["escalate_to"] == "team_manager").expect("an item that escalates to the team manager");
        assert!(
            to_manager["escalate_to_people"].as_array().unwrap().contains(&serde_json::json!({ "id": username(Role::TeamManager), "name": "Test Team manager" })),
            "{to_manager}"
        );
        // The OpenAPI document says so.
        let doc: serde_json::Value = serde_json::from_str(&s.send("GET", "/api/v1/openapi.json", "", None).body).unwrap();
        let schemas = &doc["components"]["schemas"];
        for (schema, field) in [("ChildSummary", "worker_name"), ("WorkItem", "worker_name"), ("WorkItem", "escalate_to_people"), ("DriftAlert", "escalate_to_people")] {
            assert!(schemas[schema]["properties"][field].is_object(), "{schema}.{field}");
        }
        assert!(schemas["Child"]["properties"]["social_workers"]["items"]["properties"]["worker_name"].is_object());
        assert_eq!(doc["paths"]["/worklist"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["items"]["items"]["$ref"], "#/components/schemas/WorkItem");
    }
}
