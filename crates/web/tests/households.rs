//! The households pages over HTTP on both backends: adding a household,
//! its members and checks through the forms, the list and its CSV, the
//! worklist's lines, and a refusal for another team that is audited.

mod site;
use site::*;

test_support::on_both_backends! {
    fn path_011_a_courts_request_for_a_private_law_cao_report_is_a_task_on_the_family_record(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SupervisingSocialWorker));
        let uri = format!("/households/{}", s.household);
        let page = s.send("GET", &uri, &session, None);
        let form = forms::post_forms(&page.body).into_iter().find(|f| f.id == "court").expect("the court's request form");
        let children_before = s.store.read(|tx| tx.count_children(Default::default())).unwrap();
        let mut wrong = form.clone();
        wrong.fields.iter_mut().filter(|(n, _)| n == "received").for_each(|f| f.1 = "31/2/2026".into());
        let bad = s.send("POST", &form.action, &session, Some(&wrong.body(|_| String::new())));
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&bad.body));
        let logged = s.send("POST", &form.action, &session, Some(&form.body(|n| match n {
            "reference" => "ZE25P00123".into(),
            _ => String::new(),
        })));
        assert_eq!(logged.status, StatusCode::OK, "{}", excerpt(&logged.body));
        assert!(logged.body.contains("court report – private law CAO") && logged.body.contains("ZE25P00123") && logged.body.contains("Open"), "{}", excerpt(&logged.body));
        // No child becomes looked after.
        assert_eq!(s.store.read(|tx| tx.count_children(Default::default())).unwrap(), children_before);
        assert_eq!(s.audit("PATH-011.court_report_request"), 1);
        // The task is done from the same page; a stale form is refused.
        let done = forms::post_forms(&logged.body).into_iter().find(|f| f.id == "task-1").expect("a form marking the task done");
        let finished = s.send("POST", &done.action, &session, Some(&done.body(|_| String::new())));
        assert_eq!(finished.status, StatusCode::OK, "{}", excerpt(&finished.body));
        assert!(finished.body.contains("Task done."), "{}", excerpt(&finished.body));
        assert!(!forms::post_forms(&finished.body).iter().any(|f| f.id == "task-1"), "a done task is not offered again");
        let again = s.send("POST", &done.action, &session, Some(&done.body(|_| String::new())));
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&again.body));
    }

    fn a_household_is_added_through_its_forms_and_another_team_is_refused(db) {
        let s = site(&db);
        let (ssw, csrf) = s.sign_in(&username(Role::SupervisingSocialWorker));
        let added = s.send("POST", "/households/new", &ssw, Some(&format!("csrf_token={csrf}&name=The+Okafor+family&team=Kinship&role=connected_person&worker=&address=1+Mill+Lane&postcode=LE3+8RA")));
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", excerpt(&added.body));
        let page_uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        let page = s.send("GET", &page_uri, &ssw, None);
        assert!(page.body.contains("The Okafor family") && page.body.contains("Kinship"));
        let version = |body: &str| hidden(body, "version");
        let v = version(&page.body);
        let member = s.send("POST", &page_uri, &ssw, Some(&format!("csrf_token={csrf}&version={v}&action=member&name=Grace+Okafor&relationship=grandmother&date_of_birth=02%2F04%2F1961&phone=&email=&languages=English&basis=statutory_duty")));
        assert!(member.body.contains("Member added."), "{}", excerpt(&member.body));
        let v = version(&member.body);
        let person = format!("{}-P1", page_uri.trim_start_matches("/households/"));
        let check = s.send("POST", &page_uri, &ssw, Some(&format!("csrf_token={csrf}&version={v}&action=check&person={person}&kind=dbs&done=01%2F03%2F2026&expires=20%2F04%2F2026")));
        assert!(check.body.contains("Check recorded.") && check.body.contains("Expires soon"), "{}", excerpt(&check.body));
        let worklist = s.send("GET", "/worklist", &ssw, None);
        assert!(worklist.body.contains("DBS check of Grace Okafor expires"), "{}", excerpt(&worklist.body));
        let list = s.send("GET", "/households?role=connected_person&q=okafor", &ssw, None);
        assert!(list.body.contains("The Okafor family"));
        assert!(list.body.contains("href=\"/households/new\""), "the list offers adding one");
        let csv = s.send("GET", "/households?role=connected_person&format=csv", &ssw, None);
        assert!(csv.body.starts_with("\u{feff}Household,Team,Roles"), "a byte-order mark, then the headers: {}", csv.body);
        assert!(csv.body.contains("The Okafor family"));
        let xlsx = s.send("GET", "/households?format=xlsx", &ssw, None);
        assert_eq!(xlsx.status, StatusCode::OK);
        assert_eq!(xlsx.headers[header::CONTENT_TYPE], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assert_eq!(s.audit("export"), 2, "the CSV and the spreadsheet are audited");
        // A social worker of a children's team sees neither the household nor its name.
        let (worker, _) = s.sign_in(&username(Role::SocialWorker));
        let theirs = s.send("GET", "/households", &worker, None);
        assert!(!theirs.body.contains("href=\"/households/new\""), "a social worker may not add one");
        let refused = s.send("GET", &page_uri, &worker, None);
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(!refused.body.contains("Okafor"));
        assert_eq!(s.audit("view_household_denied"), 1);
        let api = s.api("GET", &format!("/api/v1{page_uri}"), &s.tokens[&Role::SocialWorker], None);
        assert_eq!(api.status, StatusCode::FORBIDDEN);
        let api = s.api("GET", &format!("/api/v1{page_uri}"), &s.tokens[&Role::SupervisingSocialWorker], None);
        assert_eq!(api.status, StatusCode::OK);
        assert!(api.body.contains("\"dbs\""));
    }

    fn the_childs_record_lists_the_households_linked_to_them_that_the_user_may_see(db) {
        let s = site(&db);
        let (ssw, csrf) = s.sign_in(&username(Role::SupervisingSocialWorker));
        let added = s.send("POST", "/households/new", &ssw, Some(&format!("csrf_token={csrf}&name=The+Adeyemi+family&team=Kinship&role=connected_person&worker=&address=2+Mill+Lane&postcode=LE3+8RA")));
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", excerpt(&added.body));
        let page_uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        let page = s.send("GET", &page_uri, &ssw, None);
        let v = hidden(&page.body, "version");
        let child = &s.own_child;
        let linked = s.send("POST", &page_uri, &ssw, Some(&format!("csrf_token={csrf}&version={v}&action=link&child={child}&link=sibling_of&from=01%2F03%2F2026")));
        assert_eq!(linked.status, StatusCode::OK, "{}", excerpt(&linked.body));
        // The household's team sees it on the child's record, by name, with
        // the link and a link to the household; listing it is not a view of it.
        let views = s.audit("view_household");
        let record = s.send("GET", &format!("/children/{child}"), &ssw, None);
        assert_eq!(record.status, StatusCode::OK);
        assert!(record.body.contains("Families and carers"), "{}", excerpt(&record.body));
        assert!(record.body.contains(&format!("<a class=\"govuk-link\" href=\"{page_uri}\">The Adeyemi family</a>")), "{}", excerpt(&record.body));
        assert!(record.body.contains("Sibling of a member") && record.body.contains("1 March 2026"));
        assert_eq!(s.audit("view_household"), views, "listing is not a view of the household");
        // The child's social worker may not see a household of another team
        // where the child is not placed: neither it nor its name is shown.
        let (worker, _) = s.sign_in(&username(Role::SocialWorker));
        let theirs = s.send("GET", &format!("/children/{child}"), &worker, None);
        assert_eq!(theirs.status, StatusCode::OK);
        assert!(!theirs.body.contains("Adeyemi"), "{}", excerpt(&theirs.body));
        assert!(!theirs.body.contains("Families and carers"));
        assert_eq!(s.send("GET", &page_uri, &worker, None).status, StatusCode::FORBIDDEN);
    }

    fn a_change_to_a_households_check_shows_on_the_next_worklist_page(db) {
        let s = site(&db);
        let (ssw, csrf) = s.sign_in(&username(Role::SupervisingSocialWorker));
        let added = s.send("POST", "/households/new", &ssw, Some(&format!("csrf_token={csrf}&name=The+Stamp+family&team=Kinship&role=connected_person&worker=&address=3+Mill+Lane&postcode=LE3+8RA")));
        let page_uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        let v = hidden(&s.send("GET", &page_uri, &ssw, None).body, "version");
        let member = s.send("POST", &page_uri, &ssw, Some(&format!("csrf_token={csrf}&version={v}&action=member&name=Kit+Stamp&relationship=aunt&date_of_birth=02%2F04%2F1971&phone=&email=&languages=English&basis=statutory_duty")));
        // The worklist is read (and kept) before the check ...
        let before = s.send("GET", "/worklist", &ssw, None);
        assert!(!before.body.contains("DBS check of Kit Stamp expires"));
        assert!(!s.send("GET", "/worklist", &ssw, None).body.contains("Kit Stamp"));
        // ... and the next one after it shows the check expiring.
        let v = hidden(&member.body, "version");
        let person = format!("{}-P1", page_uri.trim_start_matches("/households/"));
        s.send("POST", &page_uri, &ssw, Some(&format!("csrf_token={csrf}&version={v}&action=check&person={person}&kind=dbs&done=01%2F03%2F2023&expires=10%2F04%2F2026")));
        let after = s.send("GET", "/worklist", &ssw, None);
        assert!(after.body.contains("DBS check of Kit Stamp expires"), "{}", excerpt(&after.body));
    }
}
