//! The web application over HTTP, against a real database on both backends:
//! sign-in, sessions, the role-by-route table, CSRF, forms and exports.

mod site;
use site::*;

test_support::on_both_backends! {
    fn health_answers_without_signing_in(db) {
        let s = site(&db);
        let reply = s.send("GET", "/health", "", None);
        assert_eq!(reply.status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(json["status"], "ok");
    }

    fn a_request_without_a_session_is_sent_to_sign_in(db) {
        let s = site(&db);
        let reply = s.send("GET", &format!("/children/{}", s.own_child), "", None);
        assert_eq!(reply.status, StatusCode::SEE_OTHER);
        assert_eq!(reply.headers[header::LOCATION], format!("/sign-in?next=/children/{}", s.own_child).as_str());
    }

    fn every_route_is_allowed_or_refused_as_the_table_says_for_every_role(db) {
        let s = site(&db);
        // Each POST route that some role submitted its page's form to.
        let mut submitted = std::collections::BTreeSet::new();
        for role in Role::ALL {
            let (session, csrf) = s.sign_in(&username(role));
            for rule in ROUTES {
                let Access::Needs(permission) = rule.access else { continue };
                let before = s.audit("forbidden");
                let allowed = allows(role, permission);
                let (reply, offered) = s.request(role, rule, &session, &csrf, allowed);
                let what = format!("{role:?} {} {}: {}", rule.method, rule.path, reply.status);
                if !allowed {
                    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{what}");
                    assert_eq!(s.audit("forbidden"), before + 1, "the refusal is audited");
                } else if offered {
                    // What the page offers this role succeeds (or redirects).
                    assert!(reply.status.is_success() || reply.status.is_redirection(), "{what}: {}", excerpt(&reply.body));
                    if rule.method == "POST" {
                        submitted.insert(rule.path);
                    }
                } else {
                    // A move the role's page does not offer is refused with
                    // a page saying why, never a failure of the service.
                    assert!(reply.status.is_client_error(), "{what}: {}", excerpt(&reply.body));
                    assert_eq!(s.audit("forbidden"), before, "{what}: the route allowed it");
                }
            }
        }
        let posts: std::collections::BTreeSet<_> = ROUTES
            .iter()
            .filter(|r| r.method == "POST" && matches!(r.access, Access::Needs(_)))
            .map(|r| r.path)
            .collect();
        assert_eq!(submitted, posts, "every POST route served some role's form");
    }

    fn a_social_worker_cannot_open_a_child_of_another_team_and_the_attempt_is_audited(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let own = s.send("GET", &format!("/children/{}", s.own_child), &session, None);
        assert_eq!(own.status, StatusCode::OK);
        assert!(own.body.contains("Care journey"));
        let other = s.send("GET", &format!("/children/{}", s.other_child), &session, None);
        assert_eq!(other.status, StatusCode::FORBIDDEN);
        assert_eq!(s.audit("view_child"), 1);
        assert_eq!(s.audit("view_child_denied"), 1);
        assert_eq!(s.audit("refused"), 0, "one audit row for one refusal, not two");
        // A service manager sees every child.
        let (manager, _) = s.sign_in(&username(Role::ServiceManager));
        assert_eq!(s.send("GET", &format!("/children/{}", s.other_child), &manager, None).status, StatusCode::OK);
    }

    fn a_wrong_password_shows_the_error_summary_and_no_session(db) {
        let s = site(&db);
        let page = s.send("GET", "/sign-in", "", None);
        let cookie = format!("permanence_csrf={}", set_cookie(&page, "permanence_csrf"));
        let token = hidden(&page.body, "csrf_token");
        let reply = s.send("POST", "/sign-in", &cookie, Some(&format!("csrf_token={token}&username=social_worker.test&password=wrong&next=/")));
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("There is a problem"));
        assert!(reply.body.contains("Enter a correct username and password"));
        assert!(reply.body.contains("<title>Error: Sign in"));
        assert!(reply.headers.get_all(header::SET_COOKIE).iter().all(|v| !v.to_str().unwrap().starts_with("permanence_session=")));
    }

    fn the_session_cookie_is_http_only_and_same_site(db) {
        let s = site(&db);
        let page = s.send("GET", "/sign-in", "", None);
        let cookie = format!("permanence_csrf={}", set_cookie(&page, "permanence_csrf"));
        let token = hidden(&page.body, "csrf_token");
        let reply = s.send("POST", "/sign-in", &cookie, Some(&format!("csrf_token={token}&username=auditor.test&password={}&next=//evil.example", PASSWORD.replace(' ', "+"))));
        assert_eq!(reply.headers[header::LOCATION], "/", "only local paths are followed");
        let session = reply.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).find(|v| v.starts_with("permanence_session=")).unwrap();
        assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"), "{session}");
    }

    fn a_sign_in_without_the_form_token_is_refused(db) {
        let s = site(&db);
        let reply = s.send("POST", "/sign-in", "", Some(&format!("csrf_token=forged&username=auditor.test&password={}", PASSWORD.replace(' ', "+"))));
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    }

    fn a_review_with_a_mistake_shows_errors_then_a_good_one_is_recorded(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SocialWorker));
        let form = s.send("GET", &format!("/children/{}/reviews/new", s.own_child), &session, None);
        assert_eq!(form.status, StatusCode::OK);
        let version = hidden(&form.body, "version");
        let uri = format!("/children/{}/reviews", s.own_child);
        let bad = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version={version}&day=31&month=2&year=2026")));
        assert!(bad.body.contains("There is a problem"), "{}", bad.body);
        assert!(bad.body.contains("must be a real date"));
        assert!(bad.body.contains("Select how the child took part"));
        assert!(bad.body.contains("govuk-form-group--error"));
        let good = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version={version}&day=30&month=3&year=2026&participation=PN1")));
        assert!(good.body.contains("Review recorded"), "{}", good.body);
        assert_eq!(s.audit("record_review"), 1);
        let change = s.store.read(|tx| tx.events(&AuditFilter { action: Some("record_review".into()), ..Default::default() })).unwrap();
        assert!(change[0].details.contains("\"from\":\"unknown\""), "where the change came from: {}", change[0].details);
        // The same form again is stale: refused with a clear message, nothing overwritten.
        let stale = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version={version}&day=29&month=3&year=2026&participation=PN1")));
        assert!(stale.body.contains("changed by someone else"), "{}", stale.body);
        assert_eq!(s.audit("record_review"), 1);
    }

    fn a_form_without_its_csrf_token_is_refused(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let reply = s.send("POST", &format!("/children/{}/reviews", s.own_child), &session, Some("version=1&day=30&month=3&year=2026&participation=PN1"));
        assert_eq!(reply.status, StatusCode::BAD_REQUEST);
        assert_eq!(s.audit("record_review"), 0);
    }

    fn pages_carry_the_security_headers(db) {
        let s = site(&db);
        let reply = s.send("GET", "/sign-in", "", None);
        let csp = reply.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(reply.headers[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(reply.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(reply.headers[header::REFERRER_POLICY], "no-referrer");
        let css = s.send("GET", "/assets/govuk-frontend.min.css", "", None);
        assert_eq!(css.status, StatusCode::OK);
        assert!(css.body.contains(".govuk-"));
        // GDS Transport is for GOV.UK services only: the pages use Arial and
        // ask for no font file (which would be a 404).
        assert!(!css.body.contains("GDS Transport") && !css.body.contains("/assets/fonts/"));
        assert!(css.body.contains("font-family:arial,sans-serif"));
    }

    fn the_list_searches_exports_and_is_audited(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let list = s.send("GET", "/", &session, None);
        assert!(list.body.contains(&format!("Children in care: {} team", s.team)), "{}", list.body);
        let by_id = s.send("GET", &format!("/?q={}", s.own_child), &session, None);
        assert!(by_id.body.contains("1 child."), "{}", by_id.body);
        let csv = s.send("GET", "/?format=csv", &session, None);
        assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        assert!(csv.body.starts_with("\u{feff}identifier,name,date_of_birth"));
        assert!(s.audit("search_children") >= 1 && s.audit("list_children") >= 2);
    }

    fn the_worklist_filters_sorts_pages_and_exports(db) {
        let s = site(&db);
        let (manager, _) = s.sign_in(&username(Role::ServiceManager));
        let all = s.send("GET", "/worklist", &manager, None);
        assert_eq!(all.status, StatusCode::OK);
        assert!(all.body.contains("Apply filters"));
        let team = s.send("GET", &format!("/worklist?team={}&status=overdue&sort=child", url(&s.team)), &manager, None);
        assert_eq!(team.status, StatusCode::OK);
        assert!(team.body.contains(&format!("the {} team", s.team)), "{}", team.body);
        let csv = s.send("GET", &format!("/worklist?team={}&format=csv", url(&s.team)), &manager, None);
        assert!(csv.body.starts_with("\u{feff}Name,Child,Rule,What,Due,Days left,Worker,Team"), "{}", csv.body);
        assert!(csv.body.lines().skip(1).all(|l| l.ends_with(&format!(",{}", s.team))), "{}", csv.body);
        // Workers by name, not by their identifier (SW00007).
        assert!(!csv.body.contains(",SW0"), "{}", csv.body);
        let worker = |l: &str| l.rsplit(',').nth(1).unwrap_or("").to_owned();
        assert!(csv.body.lines().skip(1).any(|l| worker(l).contains(' ')), "a worker's name: {}", csv.body);
    }

    fn signing_out_ends_the_session(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::TeamManager));
        let out = s.send("POST", "/sign-out", &session, Some(&format!("csrf_token={csrf}")));
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert_eq!(s.send("GET", "/", &session, None).status, StatusCode::SEE_OTHER);
    }

    fn the_json_api_mirrors_the_pages_for_token_holders(db) {
        let s = site(&db);
        let worker = &s.tokens[&Role::SocialWorker];
        assert_eq!(s.api("GET", "/api/v1/children", "", None).status, StatusCode::UNAUTHORIZED);
        assert_eq!(s.api("GET", "/api/v1/children", "forged", None).status, StatusCode::UNAUTHORIZED);
        let list = s.api("GET", "/api/v1/children", worker, None);
        assert_eq!(list.status, StatusCode::OK);
        let list: serde_json::Value = serde_json::from_str(&list.body).unwrap();
        assert!(list["total"].as_i64().unwrap() >= 1);
        let record = s.api("GET", &format!("/api/v1/children/{}", s.own_child), worker, None);
        let record: serde_json::Value = serde_json::from_str(&record.body).unwrap();
        let version = record["version"].as_i64().unwrap();
        assert_eq!(record["id"], s.own_child.as_str());
        assert_eq!(s.api("GET", &format!("/api/v1/children/{}", s.other_child), worker, None).status, StatusCode::FORBIDDEN);
        let uri = format!("/api/v1/children/{}/reviews", s.own_child);
        let bad = s.api("POST", &uri, worker, Some(&format!(r#"{{"date":"2026-02-30","participation":"PN9","version":{version}}}"#)));
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("participation"), "{}", bad.body);
        let good = s.api("POST", &uri, worker, Some(&format!(r#"{{"date":"2026-03-30","participation":"PN1","version":{version}}}"#)));
        assert_eq!(good.status, StatusCode::CREATED, "{}", good.body);
        let stale = s.api("POST", &uri, worker, Some(&format!(r#"{{"date":"2026-03-29","participation":"PN1","version":{version}}}"#)));
        assert_eq!(stale.status, StatusCode::CONFLICT);
        let doc = s.send("GET", "/api/v1/openapi.json", "", None);
        let doc: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
    }

    fn the_auditor_reads_the_audit_log_and_exports_it(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::Auditor));
        let page = s.send("GET", "/audit?action=sign_in", &session, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("auditor.test"));
        // Filtering by a day before anything happened finds nothing.
        let none = s.send("GET", "/audit?action=sign_in&to=2001-01-01", &session, None);
        assert!(!none.body.contains("auditor.test"));
        let csv = s.send("GET", "/audit?format=csv", &session, None);
        assert!(csv.body.starts_with("\u{feff}When (UK time),Who,Action,Record,Details"));
        assert_eq!(s.send("GET", &format!("/children/{}", s.own_child), &session, None).status, StatusCode::FORBIDDEN);
        assert_eq!(s.audit("export"), 1, "the CSV export is audited");
        let _ = Permission::ViewAuditLog;
    }

    fn subject_access_gives_everything_held_about_a_child_and_is_audited(db) {
        let s = site(&db);
        let (worker, _) = s.sign_in(&username(Role::SocialWorker));
        s.send("GET", &format!("/children/{}", s.own_child), &worker, None);
        let (auditor, _) = s.sign_in(&username(Role::Auditor));
        let form = s.send("GET", "/audit/subject-access", &auditor, None);
        assert!(form.body.contains("Find the child by name and date of birth"));
        let page = s.send("GET", &format!("/audit/subject-access?child={}", s.own_child), &auditor, None);
        assert_eq!(page.status, StatusCode::OK);
        for section in ["Episodes of care", "Reviews", "Allocated social workers", "Who has read or changed this record"] {
            assert!(page.body.contains(section), "{section}");
        }
        assert!(page.body.contains("social_worker.test"), "the worker's read is listed");
        let json = s.send("GET", &format!("/audit/subject-access?child={}&format=json", s.own_child), &auditor, None);
        let json: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(json["child"], s.own_child.as_str());
        assert!(!json["record"]["Episodes of care"].as_array().unwrap().is_empty());
        assert_eq!(s.audit("subject_access_export"), 2);
    }

    fn an_ssda903_return_is_checked_from_an_upload_and_its_failures_download_as_csv_and_xlsx(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::PerformanceAnalyst));
        let page = s.send("GET", "/returns/check", &session, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("enctype=\"multipart/form-data\""));
        // A Header table with a child whose date of birth is not a date, and
        // an episode placed at a postcode the directory does not have.
        let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,31/02/2015,WBRI,UN1,,\n";
        let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/05/2024,S,C2,N1,U1,PR1,,,,LE1 1FZ,ZZ9 9ZZ,\n";
        let reply = s.post_multipart(
            "/returns/check",
            &session,
            &[("csrf_token", &csrf), ("year", "2024-25"), ("la", "E10000018")],
            &[("current", "header.csv", header), ("current", "episodes.csv", episodes)],
        );
        assert_eq!(reply.status, StatusCode::OK);
        let html = reply.body;
        assert!(html.contains("Failures by rule"), "{html}");
        // The server's postcode directory is used: the placement's authority
        // is checked, not left unrun.
        assert!(html.contains("Local Authority (LA) of placement is not valid or is missing"), "{html}");
        assert!(!html.contains("needs the ONS postcode directory"), "{html}");
        let link = html.split("href=\"").find(|p| p.starts_with("/returns/check/") && p.contains("/csv")).unwrap().split('"').next().unwrap().to_owned();
        let csv = s.send("GET", &link, &session, None);
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.starts_with("\u{feff}rule,table,child,row,line,message\r\n"));
        assert!(csv.body.lines().count() > 1);
        let xlsx = s.send("GET", &link.replace("/csv", "/xlsx"), &session, None);
        assert_eq!(xlsx.status, StatusCode::OK);
        assert_eq!(xlsx.headers[header::CONTENT_TYPE], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        // Another user cannot download it.
        let (other, _) = s.sign_in(&username(Role::ServiceManager));
        assert_eq!(s.send("GET", &link, &other, None).status, StatusCode::NOT_FOUND);
    }

    fn an_ssda903_check_with_ofsteds_provider_lists_runs_the_urn_rules(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::PerformanceAnalyst));
        let page = s.send("GET", "/returns/check", &session, None);
        assert!(page.body.contains("provider lists (optional)"), "{}", page.body);
        let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nC1,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC100001\nC2,01/05/2024,S,C2,N1,K2,PR1,,,,,,SC999999\n";
        let scp = "URN,Placement code,Placement provider code,Setting postcode\nSC200001,K3,PR4,ME1 1AA\n";
        let check = |homes: &str| {
            s.post_multipart(
                "/returns/check",
                &session,
                &[("csrf_token", &csrf), ("year", "2024-25"), ("la", "E10000018")],
                &[("current", "episodes.csv", episodes), ("providers", "homes.csv", homes), ("providers", "providers.csv", scp)],
            )
            .body
        };
        let homes = "URN,Provider Code,Provider Placement Code,Closed Date,Setting Postcode\nSC100001,K2,PR1/PR2,,CT1 1AA\n";
        let html = check(homes);
        // The unknown URN fails 1008, which ran rather than being listed as not run.
        assert!(html.contains("Ofsted Unique Reference Number (URN) is not valid."), "{html}");
        assert!(!html.contains("1008: needs"), "{html}");
        // A list with a bad date is named, with its line and column.
        let html = check(&homes.replace(",,CT1", ",31/02/2024,CT1"));
        assert!(html.contains("homes.csv, line 2, column Closed Date"), "{html}");
    }

    fn an_ssda903_return_for_2026_27_is_checked_with_that_year_s_rules(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::PerformanceAnalyst));
        let page = s.send("GET", "/returns/check", &session, None);
        assert!(page.body.contains("2026-27"), "{}", page.body);
        let dolo = "CHILD,DOB,DOLO_START,DOLO_END\nC1,01/01/2012,1/5/26,\n";
        let html = s
            .post_multipart(
                "/returns/check",
                &session,
                &[("csrf_token", &csrf), ("year", "2026-27"), ("la", "E10000018")],
                &[("current", "dolo.csv", dolo)],
            )
            .body;
        assert!(html.contains("The start date of the DoLO is not a valid date."), "{html}");
    }

    fn a_return_is_imported_from_an_upload_with_a_progress_page(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SystemAdministrator));
        assert_eq!(s.send("GET", "/returns/import", &session, None).status, StatusCode::OK);
        let upload = |header: &str, episodes: &str| {
            s.post_multipart(
                "/returns/import",
                &session,
                &[("csrf_token", &csrf), ("year", "2025-26")],
                &[("current", "header.csv", header), ("current", "episodes.csv", episodes)],
            )
        };
        let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nNEW1,F,01/02/2015,WBRI,,,\n";
        let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nNEW1,01/05/2025,S,C2,N1,U6,PR1,,,,,,\n";
        // A bad code is refused with its place, and nothing is imported.
        let bad = upload(header, &episodes.replace(",U6,", ",XX,"));
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = bad.body;
        assert!(html.contains("episodes.csv") && html.contains("PLACE"), "{html}");
        let id = domain::child::ChildId::parse("NEW1").unwrap();
        assert!(s.store.read(|tx| tx.journey(&id)).unwrap().is_none());
        // A good one goes to the progress page, which finishes.
        let good = upload(header, episodes);
        assert_eq!(good.status, StatusCode::SEE_OTHER);
        let progress = good.headers[header::LOCATION].to_str().unwrap().to_owned();
        let mut page = String::new();
        for _ in 0..100 {
            page = s.send("GET", &progress, &session, None).body;
            if page.contains("children imported") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(page.contains("1 children imported."), "{page}");
        assert!(s.store.read(|tx| tx.journey(&id)).unwrap().is_some());
    }
    fn the_fixture_return_imports_through_the_web_page_and_exports_byte_for_byte(db) {
        // The hand-written 2024-25 return with every kind of row the DfE
        // allows, posted as its files to the import page.
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SystemAdministrator));
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../test_support/returns/2024-25");
        let files: Vec<(String, String)> = ssda903::Table::ALL
            .iter()
            .map(|t| (t.file_name(), std::fs::read_to_string(dir.join(t.file_name())).unwrap()))
            .collect();
        let uploads: Vec<(&str, &str, &str)> = files.iter().map(|(n, t)| ("current", n.as_str(), t.as_str())).collect();
        let reply = s.post_multipart("/returns/import", &session, &[("csrf_token", &csrf), ("year", "2024-25")], &uploads);
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let progress = reply.headers[header::LOCATION].to_str().unwrap().to_owned();
        let mut page = String::new();
        for _ in 0..200 {
            page = s.send("GET", &progress, &session, None).body;
            if page.contains("children imported") || page.contains("govuk-error") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(page.contains("10 children imported."), "{page}");
        // The return produced from the records holds the fixture's rows as written.
        let journeys = app::cases_journeys(&s.store).unwrap();
        let (leavers, census) = app::census::beyond_journeys(&s.store).unwrap();
        let year = ssda903::CollectionYear::parse("2024-25").unwrap();
        let out = ssda903::export_held(&journeys, &ssda903::Held { leavers, census }, year);
        for (name, text) in &files {
            let table = ssda903::Table::ALL.into_iter().find(|t| &t.file_name() == name).unwrap();
            let exported = out.table(table).unwrap().to_csv();
            let mine: Vec<&str> = exported.lines().filter(|l| l.starts_with("CHILD") || l.starts_with("KF")).collect();
            assert_eq!(mine.join("\n") + "\n", *text, "{name}");
        }
        // Each table is shown on the child's record, the care leaver has one of their own.
        let (session, _) = s.sign_in(&username(Role::HeadOfService));
        let adopted = s.send("GET", "/children/KF05", &session, None).body;
        assert!(adopted.contains("Adoption (AD1)") && adopted.contains("15 August 2024"), "{adopted}");
        assert!(adopted.contains("Decisions to place for adoption") && adopted.contains("15 April 2023"), "{adopted}");
        let health = s.send("GET", "/children/KF01", &session, None).body;
        assert!(health.contains("Outcomes after twelve months in care (OC2)") && health.contains("Annual health assessment"), "{health}");
        let leaver = s.send("GET", "/children/KF07", &session, None);
        assert_eq!(leaver.status, StatusCode::OK);
        assert!(leaver.body.contains("Care leaver (OC3)") && leaver.body.contains("F2"), "{}", leaver.body);
        let previous = s.send("GET", "/children/KF08", &session, None).body;
        assert!(previous.contains("Previous permanence") && previous.contains("855") && previous.contains("1 January 2016"), "{previous}");
    }
    fn track_004_the_plan_page_records_a_milestone_and_asks_for_the_reason_of_its_variance(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::SocialWorker));
        let uri = format!("/children/{}/plan", s.own_child);
        let page = s.send("GET", &uri, &session, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Trajectory") && page.body.contains("Save milestone"), "{}", page.body);
        let version = hidden(&page.body, "version");
        let late = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version={version}&action=trajectory&milestone=permanence_panel&target={}&actual={}&variance_reason=", url("30/8/2020"), url("10/9/2020"))));
        assert!(late.body.contains("Permanence Panel was saved on the trajectory"), "{}", late.body);
        assert!(late.body.contains("11 days late; a variance reason is required"), "{}", late.body);
        assert_eq!(s.audit("WF-PERM-PLAN.trajectory"), 1);
        // The form seen before the save is stale now: refused, nothing overwritten.
        let stale = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version={version}&action=trajectory&milestone=permanence_panel&target={}&actual=&variance_reason=x", url("30/8/2020"))));
        assert!(stale.body.contains("changed by someone else"), "{}", stale.body);
        let version = hidden(&late.body, "version");
        let explained = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version={version}&action=trajectory&milestone=permanence_panel&target={}&actual={}&variance_reason=The+panel+moved", url("30/8/2020"), url("10/9/2020"))));
        assert!(explained.body.contains("The panel moved"), "{}", explained.body);
        assert!(!explained.body.contains("a variance reason is required"), "{}", explained.body);
        // A date that is not one is shown against its field.
        let version = hidden(&explained.body, "version");
        let bad = s.send("POST", &uri, &session, Some(&format!("csrf_token={csrf}&version={version}&action=trajectory&milestone=order&target=soon")));
        assert!(bad.body.contains("There is a problem") && bad.body.contains("trajectory-target"), "{}", bad.body);
    }
    fn track_008_the_performance_team_keeps_the_governance_calendar_and_sees_what_it_lacks(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::PerformanceAnalyst));
        let page = s.send("GET", "/tracking/governance", &session, None);
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("No IRO annual report in"), "{}", page.body);
        assert!(page.body.contains("Add the report"), "{}", page.body);
        let version = hidden(&page.body, "version");
        let added = s.send("POST", "/tracking/governance", &session, Some(&format!("csrf_token={csrf}&version={version}&kind=iro_annual_report&date={}&lead_member=yes&director=yes", url("1/2/2026"))));
        assert!(added.body.contains("IRO annual report was added"), "{}", added.body);
        assert!(!added.body.contains("No IRO annual report in"), "{}", added.body);
        assert_eq!(s.audit("record_governance_report"), 1);
        let stale = s.send("POST", "/tracking/governance", &session, Some(&format!("csrf_token={csrf}&version={version}&kind=peer_review&date={}&director=yes", url("2/2/2026"))));
        assert!(stale.body.contains("changed by someone else"), "{}", stale.body);
        // A social worker sees neither the page nor its form.
        let (sw, _) = s.sign_in(&username(Role::SocialWorker));
        assert_eq!(s.send("GET", "/tracking/governance", &sw, None).status, StatusCode::FORBIDDEN);
    }

    fn path_017_path_019_a_match_referral_page_records_the_suitability_assessment_and_the_searches(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let form_of = |uri: &str, id: &str| {
            let page = s.send("GET", uri, &session, None);
            assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
            forms::post_forms(&page.body).into_iter().find(|f| f.id == id)
        };
        let post = |form: &forms::HtmlForm, set: &[(&str, &str)]| {
            let mut fields = form.fields.clone();
            for (name, value) in set {
                match fields.iter_mut().find(|(n, _)| n == name) {
                    Some(f) => f.1 = (*value).to_owned(),
                    None => fields.push(((*name).to_owned(), (*value).to_owned())),
                }
            }
            let form = forms::HtmlForm { fields, ..form.clone() };
            s.send("POST", &form.action, &session, Some(&form.body(|_| String::new())))
        };
        let plan = format!("/children/{}/plan", s.plan_child);
        let refer = form_of(&plan, "match").expect("the match form");
        let sent = post(&refer, &[("carer", "The Carers")]);
        assert!(sent.status.is_redirection(), "{}", excerpt(&sent.body));
        let uri = sent.headers["location"].to_str().unwrap().to_owned();
        // PATH-019: with family finding needed, the searches are logged,
        // County Council carers first.
        let search = match form_of(&uri, "search") {
            Some(f) => f,
            None => {
                let finding = form_of(&uri, "finding").expect("the family finding form");
                assert_eq!(post(&finding, &[("needed", "yes")]).status, StatusCode::OK);
                form_of(&uri, "search").expect("the search form once family finding is needed")
            }
        };
        let refused = post(&search, &[("source", "other_provider"), ("on", "30/3/2026")]);
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&refused.body));
        assert!(refused.body.contains("County Council carers are searched before another provider"), "{}", excerpt(&refused.body));
        let logged = post(&search, &[("source", "county_council"), ("on", "30/3/2026")]);
        assert_eq!(logged.status, StatusCode::OK, "{}", excerpt(&logged.body));
        assert!(logged.body.contains("30 March 2026: County Council carers"), "{}", excerpt(&logged.body));
        assert_eq!(s.audit("WF-PERM-PANEL.family_finding_search"), 1);
        // PATH-017: the suitability assessment found suitable comes with the
        // match; without "history of concerns" it is not the pack's paper.
        let ltf = form_of(&uri, "ltf").expect("the suitability assessment form");
        let partial = post(&ltf, &[("dated", "30/3/2026"), ("factor_7", "")]);
        assert_eq!(partial.status, StatusCode::OK, "{}", excerpt(&partial.body));
        assert!(partial.body.contains("Still to answer: history of concerns"), "{}", excerpt(&partial.body));
        assert!(partial.body.contains("Missing: Long-term fostering suitability assessment"), "{}", excerpt(&partial.body));
        let ltf = form_of(&uri, "ltf").expect("the suitability assessment form");
        let done = post(&ltf, &[("factor_7", "None known")]);
        assert!(done.body.contains("Suitability assessment recorded: it is in the pack."), "{}", excerpt(&done.body));
        assert!(!done.body.contains("Missing: Long-term fostering suitability assessment"), "{}", excerpt(&done.body));
        assert_eq!(s.audit("WF-PERM-PANEL.ltf_assessment"), 2);
    }

    fn data_009_the_contact_agreement_is_recorded_from_the_plan_page_with_its_review_by_the_next_review(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let uri = format!("/children/{}/plan", s.own_child);
        let page = s.send("GET", &uri, &session, None);
        assert!(page.body.contains("No Contact Agreement is recorded for this plan yet"), "{}", excerpt(&page.body));
        let form = forms::post_forms(&page.body).into_iter().find(|f| f.id == "contact").expect("the Contact Agreement form");
        let answer = |review: String| move |n: &str| -> String {
            match n {
                "parties" => "Mother\nMaternal aunt".into(),
                "frequency" => "Monthly".into(),
                "supervision" => "supported".into(),
                "venue" => "Family centre".into(),
                "carer_role" => "Brings the child".into(),
                "professionals_role" => "Supports the visit".into(),
                "family_role" => "Arrives on time".into(),
                "review_date" => review.clone(),
                _ => String::new(),
            }
        };
        // An unticked box is not in the form as sent: tick face to face.
        let body = |review: String| format!("{}&type_face_to_face=yes", form.body(answer(review)));
        let late = s.send("POST", &uri, &session, Some(&body("1/1/2030".into())));
        assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&late.body));
        let named = "must not be later than ";
        let at = late.body.find(named).unwrap_or_else(|| panic!("the latest review date is named: {}", excerpt(&late.body))) + named.len();
        let due = late.body[at..at + 10].to_owned();
        assert_eq!(s.audit("WF-PERM-PLAN.link_contact_agreement"), 0);
        let done = s.send("POST", &uri, &session, Some(&body(due)));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert!(done.body.contains("recorded and linked to the plan"), "{}", excerpt(&done.body));
        assert!(done.body.contains("Family centre"), "{}", excerpt(&done.body));
        assert_eq!(s.audit("WF-PERM-PLAN.link_contact_agreement"), 1);
    }

    fn plan_010_the_support_plan_is_recorded_from_the_plan_page_and_linked(db) {
        let s = site(&db);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let uri = format!("/children/{}/plan", s.own_child);
        let page = s.send("GET", &uri, &session, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        // The plan's pathway, through its section of the plan, if it has none yet.
        let section = format!("{uri}/sections/pathway");
        let page = s.send("GET", &section, &session, None);
        let plan = forms::post_forms(&page.body).into_iter().find(|f| f.id == "answer").expect("the pathway's form");
        let body = plan.body(|n| if n == "pathway" { "long_term_fostering".into() } else { String::new() });
        let saved = s.send("POST", &section, &session, Some(&body));
        assert!(saved.status.is_redirection(), "{}", excerpt(&saved.body));
        let page = s.send("GET", &uri, &session, None);
        assert!(page.body.contains("No support plan is linked to this plan yet"), "{}", excerpt(&page.body));
        let form = forms::post_forms(&page.body).into_iter().find(|f| f.id == "support-plan").expect("the support plan form");
        let answer = |carer: &'static str| move |n: &str| -> String {
            match n {
                "child_needs_now" => "Therapeutic support".into(),
                "child_needs_future" => "Support at secondary transfer".into(),
                "carer_needs" => "Respite".into(),
                "service" => "Therapeutic parenting course".into(),
                "provider_agency" => "CAMHS".into(),
                "start" => "1/4/2026".into(),
                "review" => "1/10/2026".into(),
                "carer_agreed" => carer.into(),
                "la_agreed" => "20/3/2026".into(),
                _ => String::new(),
            }
        };
        // Without the carer's agreement it is still Draft: refused, nothing linked.
        let draft = s.send("POST", &uri, &session, Some(&form.body(answer(""))));
        assert_eq!(draft.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", excerpt(&draft.body));
        assert!(draft.body.contains("still Draft"), "{}", excerpt(&draft.body));
        assert_eq!(s.audit("WF-PERM-PLAN.link_support_plan"), 0);
        let done = s.send("POST", &uri, &session, Some(&form.body(answer("20/3/2026"))));
        assert_eq!(done.status, StatusCode::OK, "{}", excerpt(&done.body));
        assert!(done.body.contains("recorded and linked to the plan"), "{}", excerpt(&done.body));
        assert!(done.body.contains("Therapeutic parenting course by CAMHS"), "{}", excerpt(&done.body));
        assert!(!done.body.contains("No support plan is linked"));
        assert_eq!(s.audit("WF-PERM-PLAN.link_support_plan"), 1);
        // The same form again was made against the old plan: refused as stale.
        let stale = s.send("POST", &uri, &session, Some(&form.body(answer("20/3/2026"))));
        assert_ne!(stale.status, StatusCode::OK);
        assert_eq!(s.audit("WF-PERM-PLAN.link_support_plan"), 1);
        // PRIN-008: a change of need makes it "review required".
        let page = s.send("GET", &uri, &session, None);
        let change = forms::post_forms(&page.body).into_iter().find(|f| f.id == "change-of-need").expect("the change of need form");
        let changed = s.send("POST", &uri, &session, Some(&change.body(|n| if n == "on" { "30/3/2026".into() } else { String::new() })));
        assert_eq!(changed.status, StatusCode::OK, "{}", excerpt(&changed.body));
        assert!(changed.body.contains("The support plan needs a review"), "{}", excerpt(&changed.body));
        assert!(changed.body.contains("review required"), "{}", excerpt(&changed.body));
        assert_eq!(s.audit("support_plan.change_of_need"), 1);
    }
}
