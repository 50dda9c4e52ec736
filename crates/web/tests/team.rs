//! The team around the child (ROLE-011) through its page, the child's
//! record and the API: a member leaves with a reason, the IRO is added from
//! the council's IROs, and the record and the API name them.

mod site;
use site::*;

/// The form with this id on a page.
fn form_on(html: &str, id: &str) -> forms::HtmlForm {
    forms::post_forms(html)
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no form {id}: {}", excerpt(html)))
}

/// The form's body with these fields set, the others as the page gave them.
fn with(form: &forms::HtmlForm, set: &[(&str, &str)]) -> String {
    let mut form = form.clone();
    for (name, value) in set {
        match form.fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => form.fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    form.body(|_| String::new())
}

test_support::on_both_backends! {
    fn role_011_the_team_page_ends_a_member_adds_the_iro_and_the_record_and_api_name_them(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let uri = format!("/children/{}/team", s.own_child);
        let page = s.send("GET", &uri, &session, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        assert!(page.body.contains("Independent Reviewing Officer (IRO)"), "{}", excerpt(&page.body));
        // The demo's IRO leaves: a reason is needed.
        let leave = form_on(&page.body, "leave-1");
        let blank = s.send("POST", &leave.action, &session, Some(&with(&leave, &[("reason", "")])));
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(blank.body.contains("Enter why the person left the team"), "{}", excerpt(&blank.body));
        let left = s.send("POST", &leave.action, &session, Some(&with(&leave, &[("reason", "Moved to another service")])));
        assert_eq!(left.status, StatusCode::OK, "{}", excerpt(&left.body));
        assert!(left.body.contains("The person has left the team."));
        assert!(left.body.contains("A plan cannot be ratified yet: the team around the child has no IRO."), "{}", excerpt(&left.body));
        assert!(left.body.contains("Moved to another service"), "who was in the team, and why they left");
        // A stale form (the page before the change) is refused, nothing changed.
        let stale = s.send("POST", &leave.action, &session, Some(&with(&leave, &[("reason", "Again")])));
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&stale.body));
        // The council's IRO joins, chosen from the list.
        let iro = username(Role::IndependentReviewingOfficer);
        let add = form_on(&left.body, "add");
        assert!(left.body.contains(&format!("value=\"{iro}\"")), "the IRO is offered");
        let no_one = s.send("POST", &add.action, &session, Some(&with(&add, &[("role", "iro"), ("user", "")])));
        assert_eq!(no_one.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_one.body.contains("Choose who is the child&#39;s independent reviewing officer (iro)") || no_one.body.contains("Choose who is the child's independent reviewing officer (iro)"), "{}", excerpt(&no_one.body));
        let added = s.send("POST", &add.action, &session, Some(&with(&add, &[("role", "iro"), ("user", &iro)])));
        assert_eq!(added.status, StatusCode::OK, "{}", excerpt(&added.body));
        assert!(added.body.contains("The person is added to the team."));
        assert!(!added.body.contains("A plan cannot be ratified yet: the team around the child has no IRO"));
        // The child's record and the API name the IRO.
        let record = s.send("GET", &format!("/children/{}", s.own_child), &session, None);
        assert!(record.body.contains("Test Independent reviewing officer"), "{}", excerpt(&record.body));
        assert!(record.body.contains(&format!("href=\"{uri}\"")));
        let api = s.api("GET", &format!("/api/v1/children/{}", s.own_child), &s.tokens[&Role::SocialWorker], None);
        let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
        let team = json["team"].as_array().expect("the team in the API");
        assert!(team.iter().any(|m| m["part"] == "iro" && m["name"] == "Test Independent reviewing officer"), "{team:?}");
        assert_eq!(s.audit("ROLE-011.add_member"), 1);
        assert_eq!(s.audit("ROLE-011.end_member"), 1);
    }
}
