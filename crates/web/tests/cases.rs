//! The section-10 workflows' forms through the pages: a return-home
//! objective without a timescale is refused beside its field with nothing
//! saved (PATH-007), a form not open to the user is refused with the reason,
//! and each case's page offers only the moves its workflow gives the role.

mod site;
use site::*;

test_support::on_both_backends! {
    fn path_007_an_objective_without_a_timescale_is_refused_beside_its_field_and_nothing_is_saved(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SocialWorker));
        let form = s.send("GET", &format!("/cases/{}/objective", s.case), &session, None);
        assert_eq!(form.status, StatusCode::OK);
        let version = hidden(&form.body, "version");
        let body = format!("csrf_token={csrf}&version={version}&text=Parents+complete+the+parenting+programme&for_whom=parents&target=");
        let reply = s.send("POST", &format!("/cases/{}/objective", s.case), &session, Some(&body));
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(reply.body.contains("govuk-error-summary"), "{}", excerpt(&reply.body));
        assert!(reply.body.contains("href=\"#objective-text\""), "the error names the form's field: {}", excerpt(&reply.body));
        assert!(reply.body.contains("Timescale required"));
        assert_eq!(s.audit("WF-RETURN-HOME.objective"), 0, "nothing was saved");
        let body = format!("csrf_token={csrf}&version={version}&text=Parents+complete+the+parenting+programme&for_whom=parents&target=30%2F9%2F2026");
        let reply = s.send("POST", &format!("/cases/{}/objective", s.case), &session, Some(&body));
        assert_eq!(reply.status, StatusCode::OK, "{}", excerpt(&reply.body));
        assert!(reply.body.contains("Parents complete the parenting programme"));
        assert_eq!(s.audit("WF-RETURN-HOME.objective"), 1);
    }

    fn path_007_only_the_nominated_officer_is_offered_the_approval(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SocialWorker));
        let page = s.send("GET", &format!("/cases/{}", s.case), &session, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Record an objective"));
        assert!(!page.body.contains("Approve the return"));
        // Approval is not open at this stage, to anyone: refused with the reason.
        let body = format!("csrf_token={csrf}&version={}", hidden(&page.body, "version"));
        let reply = s.send("POST", &format!("/cases/{}/approve", s.case), &session, Some(&body));
        assert!(reply.status.is_client_error(), "{}", excerpt(&reply.body));
        assert!(reply.body.contains("cannot be taken from"), "{}", excerpt(&reply.body));
        assert_eq!(s.audit("WF-RETURN-HOME.approve"), 0);
    }
}
