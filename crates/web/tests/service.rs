//! The service's chrome (issue 16, item 8): the phase banner with its
//! feedback link, the accessibility statement, the privacy notice and the
//! footer links on every page; the audit log's filters validated, its
//! actions offered as a list, its times on UK clocks and its details as words.

mod site;
use site::*;

test_support::on_both_backends! {
    fn every_page_has_the_phase_banner_and_the_footer_links_and_their_pages_open_to_all(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        for (uri, cookie) in [("/", session.as_str()), ("/sign-in", "")] {
            let page = s.send("GET", uri, cookie, None);
            assert!(page.body.contains("govuk-phase-banner") && page.body.contains("href=\"/feedback\""), "{uri}");
            for link in ["/accessibility", "/privacy", "/feedback"] {
                assert!(page.body.contains(&format!("class=\"govuk-footer__link\" href=\"{link}\"")), "{uri}: {link}");
            }
        }
        for (uri, heading) in [
            ("/accessibility", "Accessibility statement for Permanence"),
            ("/privacy", "Privacy notice"),
            ("/feedback", "Give feedback on Permanence"),
        ] {
            let page = s.send("GET", uri, "", None);
            assert_eq!(page.status, StatusCode::OK, "{uri} without signing in");
            assert!(page.body.contains(heading), "{uri}");
        }
        let signed = s.send("GET", "/privacy", &session, None);
        assert!(signed.body.contains("Sign out Test Social worker"), "the signed-in chrome");
    }

    fn the_audit_log_refuses_a_bad_date_and_an_unknown_action_with_an_error_summary(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::Auditor));
        let bad = s.send("GET", "/audit?from=31/02/2026", &session, None);
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("There is a problem") && bad.body.contains("href=\"#from\">From must be a real date, for example 27/3/2026"), "{}", excerpt(&bad.body));
        assert!(bad.body.contains("<title>Error: Audit log"));
        assert!(bad.body.contains("govuk-input--error"));
        let reversed = s.send("GET", "/audit?from=2/3/2026&to=1/3/2026", &session, None);
        assert!(reversed.body.contains("To must be the same as or after From"));
        let unknown = s.send("GET", "/audit?action=made_up", &session, None);
        assert!(unknown.body.contains("Choose an action from the list"));
        let export = s.send("GET", "/audit?from=yesterday&format=csv", &session, None);
        assert_eq!(export.status, StatusCode::BAD_REQUEST, "no export of a filter that cannot be read");
        assert!(export.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    }

    fn the_audit_log_offers_actions_as_a_list_and_shows_uk_times_and_readable_details(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::Auditor));
        let page = s.send("GET", "/audit?action=sign_in", &session, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<select class=\"govuk-select\" id=\"action\" name=\"action\">"), "actions as a list");
        assert!(page.body.contains("<option value=\"sign_in\" selected>Sign in</option>"), "{}", excerpt(&page.body));
        // The site's clock stands at noon UTC on 31 March 2026, in British
        // Summer Time: 1pm on UK clocks.
        assert!(page.body.contains("31 March 2026 at 1:00pm"), "{}", excerpt(&page.body));
        assert!(!page.body.contains("UTC"));
        assert!(page.body.contains("From: "), "details as words");
        assert!(!page.body.contains("{&quot;from&quot;"), "no raw JSON");
        // A UK day runs from local midnight: 31 March in BST starts at 23:00 UTC on the 30th.
        let that_day = s.send("GET", "/audit?action=sign_in&from=31/3/2026&to=31/3/2026", &session, None);
        assert!(that_day.body.contains("31 March 2026 at 1:00pm"));
        let next_day = s.send("GET", "/audit?action=sign_in&from=1/4/2026", &session, None);
        assert!(!next_day.body.contains("31 March 2026 at 1:00pm"));
    }
}
