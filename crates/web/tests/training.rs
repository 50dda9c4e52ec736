//! What carers are told of training, support and guidance over HTTP on
//! both backends: the family's Permanence Passport is the information pack
//! each family is given, and it carries what the TRAIN- and KIN- rules say
//! a family of its kind must be told (TRAIN-012, TRAIN-013, KIN-108), and
//! adopters are signed up to the newsletter by their order (TRAIN-006).

mod site;
use site::*;

use domain::households::lifecycle::RoleKind;

/// The printed part of a passport page: the document, not the links.
fn document(body: &str) -> String {
    let start = body.find("id=\"passport\"").expect("the passport document");
    body[start..].to_owned()
}

/// The printed passport of a new household of the site's team holding a
/// role of `kind`.
fn pack_of(s: &Site, kind: RoleKind) -> String {
    let manager = domain::access::User {
        username: username(Role::TeamManager),
        display_name: "Test".into(),
        role: Role::TeamManager,
        team: Some(s.team.clone()),
        worker_id: None,
    };
    let new = app::households::NewHousehold {
        name: "The Pack family".into(),
        team: s.team.clone(),
        address: "1 Mill Lane".into(),
        postcode: "LE3 8RA".into(),
        role: Some(kind),
        ..Default::default()
    };
    let clock = FixedClock::on("2026-03-31");
    let id = app::households::add_household(&s.store, &manager, &clock, new, "test").unwrap();
    let (reader, _) = s.sign_in(&username(Role::ServiceManager));
    let page = s.send("GET", &format!("/households/{id}/passport"), &reader, None);
    assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
    document(&page.body)
}

test_support::on_both_backends! {
    fn train_006_adopters_are_signed_up_to_the_newsletter_on_the_day_of_the_adoption_order(db) {
        let s = site(&db);
        let (ssw, csrf) = s.sign_in(&username(Role::SupervisingSocialWorker));
        let added = s.send("POST", "/households/new", &ssw, Some(&format!("csrf_token={csrf}&name=The+Newsletter+family&team=Adoption&role=adopter&worker=&address=1+Mill+Lane&postcode=LE3+8RA")));
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", excerpt(&added.body));
        let uri = format!("{}/passport/details", added.headers[header::LOCATION].to_str().unwrap());
        let (manager, mcsrf) = s.sign_in(&username(Role::ServiceManager));
        let details = s.send("GET", &uri, &manager, None);
        assert_eq!(details.status, StatusCode::OK, "{}", excerpt(&details.body));
        let line = |body: &str| {
            let at = body.find("The adoption newsletter").expect("the newsletter's line");
            body[at..at + 600].to_owned()
        };
        assert!(line(&details.body).contains("signed up on the day of the adoption order, without asking"), "{}", line(&details.body));
        let v = hidden(&details.body, "version");
        let body = format!("csrf_token={mcsrf}&version={v}&family_type=&placing_authority=&council_was_party=&lives_in=&order_made=20%2F03%2F2026&financial_support_decided=");
        let saved = s.send("POST", &uri, &manager, Some(&body));
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", excerpt(&saved.body));
        let details = s.send("GET", &uri, &manager, None);
        let signed = line(&details.body);
        assert!(signed.contains("you were signed up on the day of the adoption order") && signed.contains("20 March 2026") && signed.contains("TRAIN-006"), "{signed}");
    }

    fn train_012_a_special_guardians_pack_includes_family_action_support_and_how_to_reach_it(db) {
        let s = site(&db);
        let doc = pack_of(&s, RoleKind::SpecialGuardian);
        assert!(doc.contains("Family Action Special Guardianship Support"), "{}", excerpt(&doc));
        assert!(doc.contains("sgosupport@leics.gov.uk"), "{}", excerpt(&doc));
        // Not an adoptive family's contacts.
        assert!(!doc.contains("Adoption support groups"), "{}", excerpt(&doc));
    }

    fn train_013_an_adoptive_familys_pack_lists_support_groups_the_virtual_school_and_post_adoption_support(db) {
        let s = site(&db);
        let doc = pack_of(&s, RoleKind::Adopter);
        for words in ["Adoption support groups", "0116 3056097", "Post-Adoption Support Team"] {
            assert!(doc.contains(words), "{words}: {}", excerpt(&doc));
        }
        assert!(!doc.contains("Family and Friends Guide for Carers"), "{}", excerpt(&doc));
    }

    fn kin_108_a_connected_carers_pack_includes_the_family_and_friends_guide(db) {
        let s = site(&db);
        for kind in [RoleKind::ConnectedPersonCarer, RoleKind::SpecialGuardian] {
            let doc = pack_of(&s, kind);
            assert!(doc.contains("Family and Friends Guide for Carers"), "{kind:?}: {}", excerpt(&doc));
        }
    }

    fn train_005_the_programme_page_refuses_an_issue_without_how_to_book_then_publishes_it(db) {
        let s = site(&db);
        let (sm, csrf) = s.sign_in(&username(Role::ServiceManager));
        let page = s.send("GET", "/training-programme", &sm, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        let v = hidden(&page.body, "version");
        let issue = |how: &str| format!("csrf_token={csrf}&change=newsletter&version={v}&newsletter=fostering_news&title=Summer+2025&date=01%2F06%2F2025&training=Understanding+trauma%2C+20+May&how_to_book={how}");
        let refused = s.send("POST", "/training-programme", &sm, Some(&issue("")));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        assert!(refused.body.contains("href=\"#newsletter-how_to_book\">The training section must say how to book"), "{}", excerpt(&refused.body));
        assert!(!refused.body.contains("Summer 2025</td>"), "nothing published");
        let published = s.send("POST", "/training-programme", &sm, Some(&issue("Email+the+training+officer")));
        assert_eq!(published.status, StatusCode::OK, "{}", excerpt(&published.body));
        assert!(published.body.contains("Email the training officer"), "{}", excerpt(&published.body));
        // A social worker does not keep the programme.
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        assert_eq!(s.send("GET", "/training-programme", &sw, None).status, StatusCode::FORBIDDEN);
    }
}
