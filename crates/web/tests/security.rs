//! What an attack-and-fault run found, kept fixed (issue 14), over HTTP on
//! both backends: uploads refused before their files are read, panel
//! meetings and minutes limited to the children the user may see and
//! audited, refusals audited, and exported cells a spreadsheet would run.

mod site;
use site::*;

use domain::permanence::panels::Meeting;
use domain::permanence::referrals::Referral;
use store::{PermanenceRepository, RecordKind};

/// A multipart body whose parts are sent in the order given: (field, file
/// name if a file, content).
fn multipart(parts: &[(&str, Option<&str>, &str)]) -> (String, String) {
    let boundary = "SecUrItYboundary";
    let mut body = String::new();
    for (name, file, content) in parts {
        match file {
            Some(f) => body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n"
            )),
            None => body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{content}\r\n"
            )),
        }
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn post_raw(s: &Site, uri: &str, cookie: &str, (kind, body): (String, String)) -> Reply {
    s.reply(
        Request::builder()
            .method("POST")
            .uri(uri)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, kind)
            .body(Body::from(body))
            .unwrap(),
    )
}

/// A meeting with an item of a child outside the site's team, and that
/// child's identifier.
fn meeting_with_another_teams_child(s: &Site) -> (String, String) {
    let meetings = s
        .store
        .read(|tx| tx.records::<Meeting>(RecordKind::Meeting, None))
        .unwrap();
    for m in meetings {
        for rid in &m.value.document.agenda {
            let r = s
                .store
                .read(|tx| tx.record::<Referral>(RecordKind::Referral, rid))
                .unwrap()
                .unwrap();
            let child = r.value.document.child_id.clone();
            let team = s.store.read(|tx| tx.child_team(&child)).unwrap();
            if team.as_deref() != Some(s.team.as_str()) {
                return (m.value.id.clone(), child.to_string());
            }
        }
    }
    panic!("no meeting lists a child of another team");
}

test_support::on_both_backends! {
    fn security_an_upload_whose_first_field_is_not_the_form_token_is_refused_before_its_files(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::PerformanceAnalyst));
        let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,01/02/2015,WBRI,UN1,,\n";
        // The file first, then a good token: the files would have been read
        // (into memory) before the token was looked at.
        let file_first = multipart(&[
            ("current", Some("header.csv"), header),
            ("csrf_token", None, &csrf),
            ("year", None, "2024-25"),
            ("la", None, "E10000018"),
        ]);
        let reply = post_raw(&s, "/returns/check", &session, file_first);
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", excerpt(&reply.body));
        assert!(reply.body.contains("The form was out of date"), "{}", excerpt(&reply.body));
        assert!(!reply.body.contains("Failures by rule"));
        // A wrong token first is refused too; the right one first is read.
        let wrong = multipart(&[("csrf_token", None, "not-the-token"), ("current", Some("header.csv"), header)]);
        assert_eq!(post_raw(&s, "/returns/check", &session, wrong).status, StatusCode::BAD_REQUEST);
        let good = multipart(&[
            ("csrf_token", None, &csrf),
            ("current", Some("header.csv"), header),
            ("year", None, "2024-25"),
            ("la", None, "E10000018"),
        ]);
        let reply = post_raw(&s, "/returns/check", &session, good);
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains("Failures by rule"), "{}", excerpt(&reply.body));
    }

    fn security_a_panel_meeting_and_its_minutes_show_only_the_users_teams_children_and_are_audited(db) {
        let s = site(&db);
        let (meeting, other) = meeting_with_another_teams_child(&s);
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        let page = s.send("GET", &format!("/panels/meetings/{meeting}"), &session, None);
        assert_eq!(page.status, StatusCode::OK, "{}", excerpt(&page.body));
        assert!(!page.body.contains(&other), "another team's child {other} is shown on the meeting page");
        let minutes = s.send("GET", &format!("/panels/meetings/{meeting}/minutes"), &session, None);
        assert_eq!(minutes.status, StatusCode::OK);
        assert!(!minutes.body.contains(&other), "another team's child {other} is in the minutes");
        assert_eq!(s.audit("view_meeting"), 1);
        assert_eq!(s.audit("view_minutes"), 1);
        // Someone who sees every child sees the item.
        let (manager, _) = s.sign_in(&username(Role::ServiceManager));
        let page = s.send("GET", &format!("/panels/meetings/{meeting}"), &manager, None);
        assert!(page.body.contains(&other), "{}", excerpt(&page.body));
    }

    fn security_refusals_of_referrals_letters_and_the_api_are_audited(db) {
        let s = site(&db);
        let referral = s
            .store
            .read(|tx| tx.records::<Referral>(RecordKind::Referral, None))
            .unwrap()
            .into_iter()
            .find(|r| {
                s.store.read(|tx| tx.child_team(&r.value.document.child_id)).unwrap().as_deref()
                    != Some(s.team.as_str())
            })
            .expect("a referral of another team's child")
            .value
            .id;
        let (session, _) = s.sign_in(&username(Role::SocialWorker));
        for path in [format!("/referrals/{referral}"), format!("/referrals/{referral}/letter")] {
            let before = s.audit("refused");
            let reply = s.send("GET", &path, &session, None);
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}: {}", excerpt(&reply.body));
            assert_eq!(s.audit("refused"), before + 1, "{path}: the refusal is audited");
        }
        for token in ["", "not-a-token"] {
            let before = s.audit("unauthenticated");
            let reply = s.api("GET", "/api/v1/children", token, None);
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
            assert_eq!(s.audit("unauthenticated"), before + 1, "an API 401 is audited");
        }
        // Nothing of the token is kept.
        let events = s.store.read(|tx| tx.events(&AuditFilter { action: Some("unauthenticated".into()), ..Default::default() })).unwrap();
        assert!(events.iter().all(|e| !format!("{e:?}").contains("not-a-token")));
    }

    fn security_a_childs_identifier_that_is_a_formula_is_exported_as_text(db) {
        let s = site(&db);
        let (session, csrf) = s.sign_in(&username(Role::PerformanceAnalyst));
        // A child whose date of birth is not a date, so the child is named in a failure.
        let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n=HYPERLINK(1),1,31/02/2015,WBRI,UN1,,\n@SUM(2),1,31/02/2015,WBRI,UN1,,\n";
        let reply = s.post_multipart(
            "/returns/check",
            &session,
            &[("csrf_token", &csrf), ("year", "2024-25"), ("la", "E10000018")],
            &[("current", "header.csv", header)],
        );
        assert_eq!(reply.status, StatusCode::OK, "{}", excerpt(&reply.body));
        let link = reply.body.split("href=\"").find(|p| p.starts_with("/returns/check/") && p.contains("/csv")).unwrap().split('"').next().unwrap().to_owned();
        let csv = s.send("GET", &link, &session, None);
        assert!(csv.body.contains(",'=HYPERLINK(1),") && csv.body.contains(",'@SUM(2),"), "{}", csv.body);
        assert!(!csv.body.contains(",=HYPERLINK") && !csv.body.contains(",@SUM"), "{}", csv.body);
        // The spreadsheet, read back as a spreadsheet program reads it.
        use calamine::Reader;
        let xlsx = s.send("GET", &link.replace("/csv", "/xlsx"), &session, None);
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes)).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let texts: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
        assert!(texts.iter().any(|t| t == "'=HYPERLINK(1)") && !texts.iter().any(|t| t.starts_with("=HYPERLINK")), "{texts:?}");
    }
}
