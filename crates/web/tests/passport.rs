//! The Permanence Passport over HTTP on both backends: a family's passport
//! printed without rule codes, its entitlements page with them, the
//! family's details recorded through the form (a new version written, the
//! old one still open), and every demo family's passport rendering.

mod site;
use site::*;

use domain::households::lifecycle::RoleKind;
use domain::passport::entitlements::FamilyType;

/// The printed part of a passport page: the document, not the links.
fn document(body: &str) -> &str {
    let start = body.find("id=\"passport\"").expect("the passport document");
    &body[start..]
}

test_support::on_both_backends! {
    fn pass_001_a_special_guardians_passport_prints_their_offer_without_rule_codes(db) {
        let s = site(&db);
        let (ssw, csrf) = s.sign_in(&username(Role::SupervisingSocialWorker));
        let added = s.send("POST", "/households/new", &ssw, Some(&format!("csrf_token={csrf}&name=The+Okafor+family&team=Kinship&role=special_guardian&worker=&address=1+Mill+Lane&postcode=LE3+8RA")));
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", excerpt(&added.body));
        let page_uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        let page = s.send("GET", &page_uri, &ssw, None);
        assert!(page.body.contains(&format!("href=\"{page_uri}/passport\"")), "the household links its passport");
        let v = hidden(&page.body, "version");
        let child = &s.own_child;
        let linked = s.send("POST", &page_uri, &ssw, Some(&format!("csrf_token={csrf}&version={v}&action=link&child={child}&link=subject_of_order&from=01%2F03%2F2025")));
        assert_eq!(linked.status, StatusCode::OK, "{}", excerpt(&linked.body));
        let passport = s.send("GET", &format!("{page_uri}/passport"), &ssw, None);
        assert_eq!(passport.status, StatusCode::OK, "{}", excerpt(&passport.body));
        let doc = document(&passport.body);
        assert!(doc.contains("Permanence Passport: The Okafor family"));
        assert!(doc.contains("Connected Permanence Offer") && doc.contains("sgosupport@leics.gov.uk"), "{}", excerpt(doc));
        assert!(doc.contains("Version 1, written on 31 March 2026"));
        for code in ["PASS-", "ASSESS-", "PAY-", "VISIT-", "GEN-"] {
            assert!(!doc.contains(code), "{code} printed");
        }
        // The worker's page names the rule behind each line.
        let details = s.send("GET", &format!("{page_uri}/passport/details"), &ssw, None);
        assert_eq!(details.status, StatusCode::OK);
        assert!(details.body.contains("PASS-004") && details.body.contains("VISIT-004") && details.body.contains("PAY-018"), "{}", excerpt(&details.body));
        // Recording where the family lives writes version 2; version 1 stays.
        let pv = hidden(&details.body, "version");
        let body = format!("csrf_token={csrf}&version={pv}&family_type=&placing_authority=&council_was_party=no&lives_in=Derbyshire&order_made=&financial_support_decided=&looked_after_{child}=&overseas_{child}=&ehcp_{child}=yes");
        let saved = s.send("POST", &format!("{page_uri}/passport/details"), &ssw, Some(&body));
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", excerpt(&saved.body));
        let passport = s.send("GET", &format!("{page_uri}/passport"), &ssw, None);
        assert!(document(&passport.body).contains("You live in Derbyshire"));
        assert!(passport.body.contains("Version 2, written on 31 March 2026: Circumstances changed"), "{}", excerpt(&passport.body));
        let old = s.send("GET", &format!("{page_uri}/passport?version=1"), &ssw, None);
        assert!(old.body.contains("This is an earlier version") && document(&old.body).contains("You live in Leicestershire"));
        // A stale form is refused beside its field, nothing changed.
        let stale = s.send("POST", &format!("{page_uri}/passport/details"), &ssw, Some(&body));
        assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&stale.body));
        // Another team's social worker may not open it.
        let (worker, _) = s.sign_in(&username(Role::SocialWorker));
        let refused = s.send("GET", &format!("{page_uri}/passport"), &worker, None);
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(!refused.body.contains("Okafor"));
    }

    fn every_demo_familys_passport_renders(db) {
        let as_of = domain::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(60, 5, as_of));
        let households = test_support::households_demo::households(&council.journeys, as_of, 5);
        let passports = test_support::passport_demo::passports(&households, as_of);
        let clock = test_support::FixedClock::on("2026-03-31");
        app::households::load_households(&db.store, &domain::audit::Actor::new("demo"), &clock, &households).unwrap();
        app::passport::passport::load_passports(&db.store, &domain::audit::Actor::new("demo"), &clock, &passports).unwrap();
        let s = site(&db);
        let (manager, _) = s.sign_in(&username(Role::ServiceManager));
        let mut families = 0;
        for h in &households {
            if !h.roles.iter().any(|r| r.is_open() && FamilyType::of_role(r.kind).is_some()) {
                // A closed family's page says it has no passport.
                let page = s.send("GET", &format!("/households/{}/passport", h.id), &manager, None);
                assert_eq!(page.status, StatusCode::OK, "{}", h.id);
                continue;
            }
            families += 1;
            let page = s.send("GET", &format!("/households/{}/passport", h.id), &manager, None);
            assert_eq!(page.status, StatusCode::OK, "{}", h.id);
            let doc = document(&page.body);
            assert!(doc.contains(&format!("Permanence Passport: {}", h.name)), "{}", h.id);
            assert!(doc.contains("What you are entitled to") && doc.contains("Who to contact"), "{}", h.id);
            let details = s.send("GET", &format!("/households/{}/passport/details", h.id), &manager, None);
            assert_eq!(details.status, StatusCode::OK, "{}", h.id);
            let support = s.send("GET", &format!("/households/{}/support", h.id), &manager, None);
            assert_eq!(support.status, StatusCode::OK, "{}", h.id);
        }
        assert!(families >= 5, "{families} demo families");
        assert!(households.iter().any(|h| h.roles.iter().any(|r| r.kind == RoleKind::Adopter)));
    }

    fn visit_007_a_call_is_recorded_against_the_plan_and_assess_016_a_first_response_request_over_http(db) {
        let s = site(&db);
        let (ssw, csrf) = s.sign_in(&username(Role::SupervisingSocialWorker));
        let added = s.send("POST", "/households/new", &ssw, Some(&format!("csrf_token={csrf}&name=The+Support+family&team=Kinship&role=special_guardian&worker=&address=1+Mill+Lane&postcode=LE3+8RA")));
        let uri = format!("{}/support", added.headers[header::LOCATION].to_str().unwrap());
        let page = s.send("GET", &uri, &ssw, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        assert!(page.body.contains("Visits and calls") && page.body.contains("6-month call"), "{}", excerpt(&page.body));
        let post = |form: &str, fields: &[(&str, &str)]| {
            let page = s.send("GET", &uri, &ssw, None);
            let f = forms::post_forms(&page.body).into_iter().find(|f| f.id == form).unwrap_or_else(|| panic!("form {form}"));
            s.send("POST", &uri, &ssw, Some(&f.body(|n| fields.iter().find(|(k, _)| *k == n).map_or(String::new(), |(_, v)| (*v).to_owned()))))
        };
        let asked = post("request", &[("received", "31/3/2026"), ("requester", "special_guardian"), ("route", "first_response")]);
        assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", excerpt(&asked.body));
        assert!(s.send("GET", &uri, &ssw, None).body.contains("With First Response"));
        // A call that raised a need without an action is refused beside the form.
        let call = [("kind", "call"), ("made", "31/3/2026"), ("outcome", "completed"), ("needs", "Sleep problems"), ("plan_appropriate", "yes")];
        let refused = post("check_in", &call);
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        assert!(refused.body.contains("records the action taken"), "{}", excerpt(&refused.body));
        let mut with_action = call.to_vec();
        with_action.push(("action", "Sleep clinic leaflet sent"));
        assert_eq!(post("check_in", &with_action).status, StatusCode::SEE_OTHER);
        assert!(s.send("GET", &uri, &ssw, None).body.contains("Telephone call on 31 March 2026"));
        // A plan that leaves education out is refused, naming it.
        let plan = post("plan", &[("wellbeing", "Theraplay")]);
        assert!(plan.body.contains("Education: education need not addressed"), "{}", excerpt(&plan.body));
    }

    fn pay_018_pay_026_a_manager_approves_the_therapeutic_fund_and_records_an_asf_award_on_the_support_page(db) {
        let s = site(&db);
        let (ssw, csrf) = s.sign_in(&username(Role::SupervisingSocialWorker));
        let added = s.send("POST", "/households/new", &ssw, Some(&format!("csrf_token={csrf}&name=The+Fund+family&team=Kinship&role=special_guardian&worker=&address=1+Mill+Lane&postcode=LE3+8RA")));
        let page_uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        let v = hidden(&s.send("GET", &page_uri, &ssw, None).body, "version");
        let child = s.own_child.clone();
        let linked = s.send("POST", &page_uri, &ssw, Some(&format!("csrf_token={csrf}&version={v}&action=link&child={child}&link=subject_of_order&from=01%2F03%2F2025")));
        assert_eq!(linked.status, StatusCode::OK, "{}", excerpt(&linked.body));
        let uri = format!("{page_uri}/support");
        // The supervising social worker neither approves the fund nor records awards.
        let theirs = s.send("GET", &uri, &ssw, None).body;
        assert!(forms::post_forms(&theirs).iter().all(|f| f.id != "therapy" && f.id != "asf_award"));
        let (manager, _) = s.sign_in(&username(Role::ServiceManager));
        let post = |form: &str, fields: &[(&str, &str)]| {
            let page = s.send("GET", &uri, &manager, None);
            assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
            let f = forms::post_forms(&page.body).into_iter().find(|f| f.id == form).unwrap_or_else(|| panic!("form {form}"));
            let mut body = f.body(|n| fields.iter().find(|(k, _)| *k == n).map_or(String::new(), |(_, v)| (*v).to_owned()));
            // A ticked checkbox: the page sends none unticked.
            if fields.contains(&("in_house", "yes")) {
                body.push_str("&in_house=yes");
            }
            s.send("POST", &uri, &manager, Some(&body))
        };
        // PAY-017: in-house provision is refused beside the form, nothing agreed.
        let refused = post("therapy", &[("child", child.as_str()), ("provider", "The council's own therapist"), ("in_house", "yes")]);
        let at = refused.body.find("govuk-error-summary").or_else(|| refused.body.find("<h1")).unwrap_or(0);
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", &refused.body[at..(at + 1500).min(refused.body.len())]);
        assert!(refused.body.contains("<a href=\"#therapy-in_house\">In-house provision - fund not applicable"), "{}", excerpt(&refused.body));
        let approved = post("therapy", &[("child", child.as_str()), ("provider", "Accredited play therapist")]);
        assert_eq!(approved.status, StatusCode::OK, "{}", excerpt(&approved.body));
        assert!(approved.body.contains("Therapeutic intervention fund of £450.00 was agreed"), "{}", excerpt(&approved.body));
        // PAY-026: the award goes in the Adoption Support Fund's own account.
        let no_amount = post("asf_award", &[("child", child.as_str()), ("award_ref", "ASF-2026-1")]);
        assert_eq!(no_amount.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&no_amount.body));
        let award = post("asf_award", &[("child", child.as_str()), ("amount", "2,500.00"), ("award_ref", "ASF-2026-1")]);
        assert!(award.body.contains("Adoption Support Fund of £2,500.00 was agreed"), "{}", excerpt(&award.body));
        let (finance, _) = s.sign_in(&username(Role::FinanceOfficer));
        let asf = s.send("GET", &format!("/money/accounts/asf/{child}/2025"), &finance, None);
        assert!(asf.body.contains("ASF-2026-1"), "{}", excerpt(&asf.body));
        let therapy = s.send("GET", &format!("/money/accounts/therapeutic/{child}/2025"), &finance, None);
        assert!(therapy.body.contains("Initial allocation approved by the designated manager"), "{}", excerpt(&therapy.body));
    }

    fn pass_011_a_passport_rule_is_saved_with_its_citations_and_an_unknown_one_warned_about(db) {
        let s = site(&db);
        let (manager, _) = s.sign_in(&username(Role::ServiceManager));
        let save = |rule: &str, cites: &str| {
            let page = s.send("GET", "/passport/rules", &manager, None);
            assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
            assert!(page.body.contains("Adoption Support Services Regulations 2005"), "the register is listed");
            let f = forms::post_forms(&page.body).into_iter().find(|f| f.id == "configure").expect("the form");
            let body = f.body(|n| match n { "rule" => rule.into(), "setting" => "£450 a year".into(), "citations" => cites.into(), _ => String::new() });
            s.send("POST", "/passport/rules", &manager, Some(&body))
        };
        let saved = save("PAY-018", "Adoption Support Services Regulations 2005");
        assert_eq!(saved.status, StatusCode::OK, "{}", excerpt(&saved.body));
        assert!(saved.body.contains("PAY-018 was saved") && !saved.body.contains("Warning:"), "{}", excerpt(&saved.body));
        let warned = save("PAY-019", "Adoption Support Regulations 2009");
        let at = warned.body.find("<h1").unwrap_or(0);
        assert!(warned.body.contains("Warning: &#34;Adoption Support Regulations 2009&#34; is not in the legal framework register") || warned.body.contains("Warning: \"Adoption Support Regulations 2009\" is not in the legal framework register"), "{}", &warned.body[at..(at + 2500).min(warned.body.len())]);
        assert!(warned.body.contains("Adoption Support Regulations 2009 (not in the register)"));
        let refused = save("PAY-020", "");
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        // A social worker may not configure the passport.
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        assert_eq!(s.send("GET", "/passport/rules", &sw, None).status, StatusCode::FORBIDDEN);
    }
}
