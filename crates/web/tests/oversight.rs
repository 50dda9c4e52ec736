//! Oversight of permanence over HTTP (issue 17): the governance page's
//! policy review and performance leads, a child's placements and CDM
//! decisions, and the panel's rating of a referral's papers, on both
//! backends.

mod site;
use site::*;

test_support::on_both_backends! {
    fn role_001_role_012_the_governance_page_shows_the_policy_review_and_names_the_performance_lead(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::PerformanceAnalyst));
        let page = s.send("GET", "/tracking/governance", &session, None);
        assert_eq!(page.status, StatusCode::OK);
        // "Next review May 2021", read as 31 May 2021, is long past on 31 March 2026.
        assert!(page.body.contains("31 May 2021") && page.body.contains("Review overdue"), "{}", excerpt(&page.body));
        let version = hidden(&page.body, "version");
        let scorecard = format!("csrf_token={csrf}&version={version}&kind=permanence_scorecard&date={}&lead_member=yes&director=yes", url("1/4/2026"));
        let refused = s.send("POST", "/tracking/governance", &session, Some(&scorecard));
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Performance lead missing"), "{}", excerpt(&refused.body));
        let named = s.send("POST", "/tracking/governance", &session, Some(&format!("csrf_token={csrf}&version={version}&action=lead&service=children_in_care&name={}", url("Team Manager CiC"))));
        assert!(named.body.contains("The performance lead for Children in Care was named"), "{}", excerpt(&named.body));
        let version = hidden(&named.body, "version");
        let scorecard = format!("csrf_token={csrf}&version={version}&kind=permanence_scorecard&date={}&lead_member=yes&director=yes", url("1/4/2026"));
        let added = s.send("POST", "/tracking/governance", &session, Some(&scorecard));
        assert!(added.body.contains("Permanence Scorecard was added"), "{}", excerpt(&added.body));
        assert_eq!(s.audit("name_performance_lead"), 1);
    }

    fn plan_014_track_005_the_social_worker_records_the_placement_and_a_sign_of_strain(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SocialWorker));
        let uri = format!("/children/{}/placement", s.own_child);
        let page = s.send("GET", &uri, &session, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        assert!(page.body.contains("The placement&#x27;s purpose within the permanence plan") || page.body.contains("purpose within the permanence plan"), "{}", excerpt(&page.body));
        let missing = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version=0&action=record&purpose=&introductions=&participation=")));
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("purpose within the permanence plan is required"), "{}", excerpt(&missing.body));
        let saved = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version=0&action=record&purpose=permanent_long_term&introductions=&participation={}", url("Visited the carers"))));
        assert!(saved.body.contains("The placement is saved") && saved.body.contains("Planned move without introductions"), "{}", excerpt(&saved.body));
        assert!(saved.body.contains("Record the sign of strain"), "a long-term placement offers the flag");
        assert_eq!(s.audit("PLAN-014.record_placement"), 1);
        assert!(s.audit("view_placements") >= 2, "each read is audited");
    }

    fn gen_008_a_one2one_placement_is_saved_only_with_its_trajectory(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SocialWorker));
        let uri = format!("/children/{}/placement", s.own_child);
        let page = s.send("GET", &uri, &session, None);
        assert!(page.body.contains("Is this a One2One placement with a specialist carer?"), "{}", excerpt(&page.body));
        let post = |trajectory: &str| format!("csrf_token={csrf}&version=0&action=record&purpose=bridging&introductions=&participation={}&one2one=yes&trajectory={trajectory}", url("Visited the carers"));
        let missing = s.send("POST", &uri, &session, Some(&post("")));
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("One2One placement needs its trajectory"), "{}", excerpt(&missing.body));
        let saved = s.send("POST", &uri, &session, Some(&post("independence")));
        assert!(saved.body.contains("The placement is saved") && saved.body.contains("One2One placement: trajectory"), "{}", excerpt(&saved.body));
    }

    fn gen_009_a_parent_and_child_placement_is_saved_with_the_parent_and_the_assessment(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SocialWorker));
        let uri = format!("/children/{}/placement", s.own_child);
        let post = |assessment: &str| format!("csrf_token={csrf}&version=0&action=record&purpose=assessment_short_term&introductions=&participation={}&one2one=no&trajectory=&parent_and_child=yes&pc_parent={}&pc_assessment={}", url("Visited the carers"), url("Jane Smith"), url(assessment));
        let missing = s.send("POST", &uri, &session, Some(&post("")));
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing.body.contains("Parent and Child placement needs the parent"), "{}", excerpt(&missing.body));
        let saved = s.send("POST", &uri, &session, Some(&post("Parenting assessment")));
        assert!(saved.body.contains("Jane Smith with the child; assessment: Parenting assessment"), "{}", excerpt(&saved.body));
    }

    fn panel_018_a_cdm_decision_without_permanence_options_is_refused_and_one_with_them_is_listed_outstanding(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::PanelAdviser));
        let uri = format!("/children/{}/cdm", s.own_child);
        let none = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&action=record&kind=issue_proceedings&decided_on={}&parallel=", url("31/3/2026"))));
        assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(none.body.contains("permanence options under consideration are required"), "{}", excerpt(&none.body));
        let saved = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&action=record&kind=issue_proceedings&decided_on={}&option_2=yes&option_4=yes&parallel=adoption", url("31/3/2026"))));
        assert!(saved.body.contains("is recorded"), "{}", excerpt(&saved.body));
        let list = s.send("GET", "/panels/cdm", &session, None);
        assert!(list.body.contains(&s.own_child) && list.body.contains("Outstanding"), "{}", excerpt(&list.body));
        // A social worker sees the list but has no form to record a decision.
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        let page = s.send("GET", &uri, &sw, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("Record the decision"));
    }

    fn panel_013_the_panel_adviser_rates_a_paper_and_requires_amendments_with_their_dates(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::PanelAdviser));
        let uri = format!("/referrals/{}/quality", s.referral);
        let page = s.send("GET", &uri, &session, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        let form = forms::post_forms(&page.body).into_iter().find(|f| f.id == "rate").expect("the rating form");
        let doc = form.fields.iter().find(|(n, _)| n == "doc").map(|(_, v)| v.clone()).unwrap();
        let version = hidden(&page.body, "version");
        let bare = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version={version}&action=rate&doc={doc}&rating=requires_amendment")));
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bare.body.contains("requires amendment"), "{}", excerpt(&bare.body));
        let rated = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version={version}&action=rate&doc={doc}&rating=requires_amendment&amendment_1={}&due_1={}", url("Add the respite plan"), url("14/4/2026"))));
        assert!(rated.body.contains("Requires amendment") && rated.body.contains("due by 14 April 2026"), "{}", excerpt(&rated.body));
        assert_eq!(s.audit("PANEL-013.rate"), 1);
    }
}
