//! The child's adoption pathway and the regional adoption agency over HTTP
//! on both backends: steps posted from the pathway and family-finding
//! pages, an error beside its field with nothing changed, and the agency's
//! figures under its five aims with the ASGLB extract.

mod site;
use site::*;

fn post(s: &Site, uri: &str, cookie: &str, body: String) -> Reply {
    let reply = s.send("POST", uri, cookie, Some(&body));
    assert!(!reply.status.is_server_error(), "{}", excerpt(&reply.body));
    reply
}

fn version(s: &Site, uri: &str, cookie: &str) -> String {
    hidden(&s.send("GET", uri, cookie, None).body, "version")
}

test_support::on_both_backends! {
    fn adopt_013_the_family_finder_records_the_order_and_the_profile_from_the_pages(db) {
        let s = site(&db);
        let (ff, csrf) = s.sign_in(&username(Role::FamilyFinder));
        let plan = format!("/children/{}/adoption", s.own_child);
        let page = s.send("GET", &plan, &ff, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Family options not evidenced"), "{}", excerpt(&page.body));
        let v = version(&s, &plan, &ff);
        let done = post(&s, &plan, &ff, format!("csrf_token={csrf}&form=milestone&version={v}&milestone=placement_order&date=3%2F2%2F2026"));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert!(done.body.contains("active; profile full"), "{}", excerpt(&done.body));
        // A profile without consent is refused beside its field, nothing changed.
        let finding = format!("{plan}/family-finding");
        let v = version(&s, &finding, &ff);
        let refused = post(&s, &finding, &ff, format!("csrf_token={csrf}&form=profile&version={v}&photos=8&video=yes"));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("href=\"#profile-consent\""), "{}", excerpt(&refused.body));
        assert_eq!(version(&s, &finding, &ff), v);
        let saved = post(&s, &finding, &ff, format!("csrf_token={csrf}&form=profile&version={v}&photos=6&consent=yes"));
        assert!(saved.body.contains("Profile below standard"), "{}", excerpt(&saved.body));
        assert_eq!(s.audit("adoption.pathway.profile"), 1);
    }

    fn raa_014_the_agency_figures_are_headed_by_its_five_aims_in_order(db) {
        let s = site(&db);
        let (manager, csrf) = s.sign_in(&username(Role::ServiceManager));
        let v = version(&s, "/adoption/agency", &manager);
        let added = post(&s, "/adoption/agency", &manager, format!("csrf_token={csrf}&form=member&version={v}&council=Northvale&joined=1%2F1%2F2025"));
        assert!(added.body.contains("Northvale"), "{}", excerpt(&added.body));
        let page = s.send("GET", "/adoption/agency/figures?from=2025-04-01&to=2026-03-31", &manager, None);
        assert_eq!(page.status, StatusCode::OK);
        let mut at = 0;
        for heading in domain::adoption::raa::VISION {
            let found = page.body[at..].find(&heading.replace('\'', "&#x27;")).map(|i| at + i);
            assert!(found.is_some(), "{heading} after the one before");
            at = found.unwrap_or(at);
        }
        let csv = s.send("GET", "/adoption/agency/figures?from=2025-04-01&to=2026-03-31&format=csv", &manager, None);
        assert!(csv.body.contains("Child,Council,Record"), "{}", excerpt(&csv.body));
        // A social worker may not keep the agency's record.
        let (sw, sw_csrf) = s.sign_in(&username(Role::SocialWorker));
        let page = s.send("GET", "/adoption/agency", &sw, None);
        assert!(!page.body.contains("name=\"version\""), "the social worker is offered no form");
        let v = version(&s, "/adoption/agency", &manager);
        let refused = s.send("POST", "/adoption/agency", &sw, Some(&format!("csrf_token={sw_csrf}&form=overseas&version={v}&date=1%2F3%2F2026")));
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
}
