//! Connected-person carers and special guardians over HTTP on both
//! backends: temporary approval, its extension with the exceptional reason
//! and approver, the panel and the agency decision through the household
//! page's kinship forms; the support plan with a special guardianship order.

mod site;
use site::*;

/// Posts a form to `uri` as `session`, with the household's version from `page`.
fn post(s: &Site, uri: &str, session: (&str, &str), page: &str, body: &str) -> Reply {
    let (cookie, csrf) = session;
    let v = hidden(page, "version");
    s.send(
        "POST",
        uri,
        cookie,
        Some(&format!("csrf_token={csrf}&version={v}&{body}")),
    )
}

test_support::on_both_backends! {
    fn kin_103_temporary_approval_is_extended_only_with_its_reason_and_approver_then_approved_at_panel(db) {
        let s = site(&db);
        let (ssw, csrf) = s.sign_in(&username(Role::SupervisingSocialWorker));
        let added = s.send("POST", "/households/new", &ssw, Some(&format!("csrf_token={csrf}&name=The+Ode+family&team=Kinship&role=connected_person&worker=&address=&postcode=")));
        let uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        let id = uri.trim_start_matches("/households/").to_owned();
        let kin = format!("{uri}/kinship");
        let page = s.send("GET", &uri, &ssw, None).body;
        let page = post(&s, &uri, (&ssw, &csrf), &page, "action=member&name=Ada+Ode&relationship=aunt&date_of_birth=01%2F01%2F1970&phone=&email=&languages=English&basis=statutory_duty").body;
        let page = post(&s, &uri, (&ssw, &csrf), &page, &format!("action=check&person={id}-P1&kind=dbs&done=01%2F03%2F2026&expires=01%2F03%2F2029")).body;
        let mut page = page;
        for step in ["start_iva", "iva_positive"] {
            page = post(&s, &uri, (&ssw, &csrf), &page, &format!("action=step&role={id}-R1&step={step}&date=31%2F03%2F2026")).body;
        }
        // The plain steps do not offer temporary approval: the senior officer's form does.
        assert!(!page.contains("value=\"temporary_approval\""), "{}", excerpt(&page));
        let (sm, sm_csrf) = s.sign_in(&username(Role::ServiceManager));
        let page = s.send("GET", &uri, &sm, None).body;
        assert!(page.contains("Give temporary approval (Regulation 24)"), "{}", excerpt(&page));
        let child = &s.own_child;
        let approved = post(&s, &kin, (&sm, &sm_csrf), &page, &format!("role={id}-R1&entry=temporary_approval&child={child}&date=31%2F03%2F2026"));
        assert_eq!(approved.status, StatusCode::OK, "{}", excerpt(&approved.body));
        assert!(approved.body.contains("Temporary approval to 21 July 2026"), "{}", excerpt(&approved.body));
        // KIN-103: no exceptional reason, refused beside its field, nothing changed.
        let bare = post(&s, &kin, (&sm, &sm_csrf), &approved.body, &format!("role={id}-R1&entry=extension&date=31%2F03%2F2026&reason="));
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bare.body.contains("Enter the exceptional circumstances"), "{}", excerpt(&bare.body));
        assert!(bare.body.contains("kin-extension-reason"));
        let extended = post(&s, &kin, (&sm, &sm_csrf), &bare.body, &format!("role={id}-R1&entry=extension&date=31%2F03%2F2026&reason=Medical+reference+delayed"));
        assert!(extended.body.contains("Temporary approval extended to 15 September 2026"), "{}", excerpt(&extended.body));
        assert!(extended.body.contains("Medical reference delayed") && extended.body.contains("service_manager.test"));
        // KIN-003: the team manager screens it; then the full assessment,
        // the panel's recommendation and the agency decision.
        let (tm, tm_csrf) = s.sign_in(&username(Role::TeamManager));
        let page = s.send("GET", &uri, &tm, None).body;
        assert!(page.contains("Record the team manager&#39;s screening sign-off") || page.contains("Record the team manager's screening sign-off"), "{}", excerpt(&page));
        let screened = post(&s, &kin, (&tm, &tm_csrf), &page, &format!("role={id}-R1&entry=screen&date=31%2F03%2F2026"));
        assert!(screened.body.contains("Signed off on 31 March 2026"), "{}", excerpt(&screened.body));
        let page = post(&s, &uri, (&ssw, &csrf), &screened.body, &format!("action=step&role={id}-R1&step=complete_assessment&date=31%2F03%2F2026")).body;
        let (panel, panel_csrf) = s.sign_in(&username(Role::PanelAdviser));
        let recommended = post(&s, &kin, (&panel, &panel_csrf), &page, &format!("role={id}-R1&entry=recommend&date=31%2F03%2F2026&approve=yes&reasons=Strong+bond"));
        assert!(recommended.body.contains("Recommended approval"), "{}", excerpt(&recommended.body));
        let (adm, adm_csrf) = s.sign_in(&username(Role::AgencyDecisionMaker));
        let page = s.send("GET", &uri, &adm, None).body;
        let decided = post(&s, &kin, (&adm, &adm_csrf), &page, &format!("role={id}-R1&entry=decision&date=31%2F03%2F2026&approve=yes&reasons=As+recommended"));
        assert_eq!(decided.status, StatusCode::OK, "{}", excerpt(&decided.body));
        let page = s.send("GET", &uri, &ssw, None).body;
        assert!(page.contains("Fully approved on 31 March 2026"), "{}", excerpt(&page));
        assert_eq!(s.audit("WF-KIN.extend_temporary_approval"), 1);
    }

    fn sg_004_the_support_plan_is_recorded_with_the_order_before_the_case_closes(db) {
        let s = site(&db);
        let (pos, csrf) = s.sign_in(&username(Role::PostOrderSupportWorker));
        let added = s.send("POST", "/households/new", &pos, Some(&format!("csrf_token={csrf}&name=The+Ode+family&team=Kinship&role=special_guardian&worker=&address=&postcode=")));
        let uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        let id = uri.trim_start_matches("/households/").to_owned();
        let sg = format!("{uri}/special-guardianship");
        let page = s.send("GET", &uri, &pos, None).body;
        let child = &s.own_child;
        let ordered = post(&s, &sg, (&pos, &csrf), &page, &format!("role={id}-R1&entry=order&child={child}&date=02%2F03%2F2026"));
        assert!(ordered.body.contains("Not yet recorded"), "{}", excerpt(&ordered.body));
        let closing = post(&s, &uri, (&pos, &csrf), &ordered.body, &format!("action=step&role={id}-R1&step=close&date=31%2F03%2F2026"));
        assert_eq!(closing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(closing.body.contains("SG-004"), "{}", excerpt(&closing.body));
        let planned = post(&s, &sg, (&pos, &csrf), &closing.body, &format!("role={id}-R1&entry=plan&date=31%2F03%2F2026&panel=30%2F03%2F2026&needs=School+support&future_plan=Advice+line"));
        assert!(planned.body.contains("SGO panel 30 March 2026"), "{}", excerpt(&planned.body));
        let offered = post(&s, &sg, (&pos, &csrf), &planned.body, &format!("role={id}-R1&entry=offer&date=31%2F03%2F2026&advice=yes&training=yes"));
        assert!(offered.body.contains("Training for special guardians"), "{}", excerpt(&offered.body));
        let closed = post(&s, &uri, (&pos, &csrf), &offered.body, &format!("action=step&role={id}-R1&step=close&date=31%2F03%2F2026"));
        assert_eq!(closed.status, StatusCode::OK, "{}", excerpt(&closed.body));
    }

    fn train_011_a_special_guardian_is_signed_up_to_sgo_news_on_their_email_request(db) {
        let s = site(&db);
        let (pos, csrf) = s.sign_in(&username(Role::PostOrderSupportWorker));
        let added = s.send("POST", "/households/new", &pos, Some(&format!("csrf_token={csrf}&name=The+News+family&team=Kinship&role=special_guardian&worker=&address=&postcode=")));
        let uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        let id = uri.trim_start_matches("/households/").to_owned();
        let sg = format!("{uri}/special-guardianship");
        let page = s.send("GET", &uri, &pos, None).body;
        // No subscription until the carer asks for it (unlike TRAIN-006, TRAIN-009).
        assert!(!page.contains("(Email request to sgosupport@leics.gov.uk)") && page.contains("sg-news-channel"), "{}", excerpt(&page));
        let bad = post(&s, &sg, (&pos, &csrf), &page, &format!("role={id}-R1&entry=news&date=31%2F03%2F2026&channel=carrier_pigeon"));
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&bad.body));
        assert!(bad.body.contains("how the carer asked for the newsletter"), "{}", excerpt(&bad.body));
        let page = s.send("GET", &uri, &pos, None).body;
        let signed = post(&s, &sg, (&pos, &csrf), &page, &format!("role={id}-R1&entry=news&date=31%2F03%2F2026&channel=email_request"));
        assert!(signed.body.contains("From 31 March 2026 (Email request to sgosupport@leics.gov.uk)"), "{}", excerpt(&signed.body));
        assert!(!signed.body.contains("sg-news-channel"), "signed up once");
        assert_eq!(s.audit("WF-SG.sign_up_news"), 1);
    }

    fn kpi_kin_04_the_kinship_figures_page_names_the_households_behind_each_figure_and_downloads_as_csv(db) {
        let s = site(&db);
        let (pos, csrf) = s.sign_in(&username(Role::PostOrderSupportWorker));
        let added = s.send("POST", "/households/new", &pos, Some(&format!("csrf_token={csrf}&name=The+Ode+family&team=Kinship&role=special_guardian&worker=&address=&postcode=")));
        let uri = added.headers[header::LOCATION].to_str().unwrap().to_owned();
        let id = uri.trim_start_matches("/households/").to_owned();
        let page = s.send("GET", &uri, &pos, None).body;
        let child = &s.own_child;
        post(&s, &format!("{uri}/special-guardianship"), (&pos, &csrf), &page, &format!("role={id}-R1&entry=order&child={child}&date=02%2F03%2F2026"));
        let (sm, _) = s.sign_in(&username(Role::ServiceManager));
        let shown = s.send("GET", "/kinship/compliance", &sm, None);
        assert_eq!(shown.status, StatusCode::OK, "{}", excerpt(&shown.body));
        for words in ["DBS check records in date (KPI-KIN-04)", "95% (floor 92%)", "Agency cost avoided", "Special guardians in the three-year support window (SG-006)", "Orders made in 2026"] {
            assert!(shown.body.contains(words), "{words}: {}", excerpt(&shown.body));
        }
        assert!(shown.body.contains(&format!("href=\"/households/{id}\"")), "{}", excerpt(&shown.body));
        let csv = s.send("GET", "/kinship/compliance?period=2025-26&format=csv", &sm, None);
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.contains("Rule,Figure,Value,Target,RAG,Household"), "{}", csv.body);
        assert!(csv.body.lines().any(|l| l.starts_with("SG-006,") && l.contains(&id)), "{}", csv.body);
        let bad = s.send("GET", "/kinship/compliance?period=someday", &sm, None);
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        // The figures are for those who may see figures.
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        assert_eq!(s.send("GET", "/kinship/compliance", &sw, None).status, StatusCode::FORBIDDEN);
    }
}
