//! The web application over HTTP, against a real database on both backends:
//! sign-in, sessions, the role-by-route table, CSRF, forms and exports.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::access::{Permission, User, allows};
use domain::audit::Actor;
use domain::roles::Role;
use http_body_util::BodyExt;
use store::{AuditFilter, AuditLog, ChildRepository, ChildSearch};
use test_support::FixedClock;
use tower::ServiceExt;
use web::{Access, ROUTES, RouteRule};

mod forms;

const PASSWORD: &str = "a long test password";

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

struct Site {
    tokens: std::collections::HashMap<Role, String>,
    router: axum::Router,
    store: store::Store,
    rt: tokio::runtime::Runtime,
    team: String,
    own_child: String,
    /// A child of the team whose long-term fostering plan the Permanence
    /// Panel found suitable, with no match referred yet (its plan page
    /// offers a change of plan and a match).
    plan_child: String,
    other_child: String,
    /// A panel referral of a child in the team, and a panel meeting.
    referral: String,
    meeting: String,
}

impl Site {
    fn send(&self, method: &str, uri: &str, cookie: &str, form: Option<&str>) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        if !cookie.is_empty() {
            req = req.header(header::COOKIE, cookie);
        }
        let body = match form {
            Some(f) => {
                req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(f.to_owned())
            }
            None => Body::empty(),
        };
        self.reply(req.body(body).unwrap())
    }

    /// Posts a multipart form: its fields, then its files as
    /// (field, file name, text).
    fn post_multipart(
        &self,
        uri: &str,
        cookie: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str)],
    ) -> Reply {
        let boundary = "XyZboundary";
        let mut body = String::new();
        for (name, value) in fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        for (field, file, text) in files {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file}\"\r\nContent-Type: text/csv\r\n\r\n{text}\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        self.reply(
            Request::builder()
                .method("POST")
                .uri(uri)
                .header(header::COOKIE, cookie)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .unwrap(),
        )
    }

    fn reply(&self, request: Request<Body>) -> Reply {
        let response = self
            .rt
            .block_on(self.router.clone().oneshot(request))
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = self
            .rt
            .block_on(response.into_body().collect())
            .unwrap()
            .to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Signs in and returns the session cookie and the session's form token.
    fn sign_in(&self, username: &str) -> (String, String) {
        let page = self.send("GET", "/sign-in", "", None);
        let csrf_cookie = set_cookie(&page, "permanence_csrf");
        let token = hidden(&page.body, "csrf_token");
        let reply = self.send(
            "POST",
            "/sign-in",
            &format!("permanence_csrf={csrf_cookie}"),
            Some(&format!(
                "csrf_token={token}&username={username}&password={}&next=/",
                PASSWORD.replace(' ', "+")
            )),
        );
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "sign-in of {username}: {}",
            reply.body
        );
        let session = format!(
            "permanence_session={}",
            set_cookie(&reply, "permanence_session")
        );
        let home = self.send("GET", "/", &session, None);
        let form_token = if home.body.contains("name=\"csrf_token\"") {
            hidden(&home.body, "csrf_token")
        } else {
            String::new()
        };
        (session, form_token)
    }

    fn api(&self, method: &str, uri: &str, token: &str, json: Option<&str>) -> Reply {
        let mut req = Request::builder().method(method).uri(uri);
        if !token.is_empty() {
            req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match json {
            Some(j) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(j.to_owned())
            }
            None => Body::empty(),
        };
        let response = self
            .rt
            .block_on(self.router.clone().oneshot(req.body(body).unwrap()))
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = self
            .rt
            .block_on(response.into_body().collect())
            .unwrap()
            .to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A request for `rule` as `role` would make it: the path's identifiers
    /// filled with the site's records (the user's own team child, a referral
    /// of theirs with an outcome, a meeting, the Permanence Panel, a report
    /// or import of their own); a POST submits the form the route's page
    /// offers the role, filled in as a person would. The flag says whether
    /// the page offered one (GETs and the API always are).
    fn request(
        &self,
        role: Role,
        rule: &RouteRule,
        session: &str,
        csrf: &str,
        allowed: bool,
    ) -> (Reply, bool) {
        let uri = self.path_of(rule, session, csrf, allowed);
        if rule.path.starts_with("/api/") {
            let json = (rule.method == "POST").then(|| {
                if allowed {
                    self.review_json(role)
                } else {
                    r#"{"date":"2026-03-30","participation":"PN1","version":0}"#.to_owned()
                }
            });
            return (
                self.api(rule.method, &uri, &self.tokens[&role], json.as_deref()),
                true,
            );
        }
        if rule.method == "GET" || !allowed {
            let form = (rule.method == "POST").then(|| format!("csrf_token={csrf}"));
            return (self.send(rule.method, &uri, session, form.as_deref()), true);
        }
        if let Some(reply) = self.upload(rule.path, session, csrf, role) {
            return (reply, true);
        }
        if rule.path.ends_with("/reviews") {
            let page = self.send("GET", &format!("{uri}/new"), session, None);
            let version = hidden(&page.body, "version");
            let day = review_day(role, false);
            let body = format!(
                "csrf_token={csrf}&version={version}&day={day}&month=3&year=2026&participation=PN1"
            );
            return (self.send("POST", &uri, session, Some(&body)), true);
        }
        let page = match rule.path {
            "/panels/meetings" => "/panels".to_owned(),
            p if p.starts_with("/children/{id}/plan") => {
                uri[..uri.find("/plan").unwrap() + 5].to_owned()
            }
            _ => uri.clone(),
        };
        let html = self.send("GET", &page, session, None).body;
        let offered: Vec<forms::HtmlForm> = forms::post_forms(&html)
            .into_iter()
            .filter(|f| f.action == uri)
            .collect();
        // The plan form saves what is there; a step that ends the plan is
        // taken only when it is all the page offers.
        let chosen = offered
            .iter()
            .find(|f| f.id == "plan")
            .or_else(|| offered.iter().find(|f| f.id != "step-withdraw"))
            .or_else(|| offered.first());
        match chosen {
            Some(form) => {
                let body = form.body(|name| fill(name, role));
                (self.send("POST", &uri, session, Some(&body)), true)
            }
            None => (
                self.send("POST", &uri, session, Some(&format!("csrf_token={csrf}"))),
                false,
            ),
        }
    }

    /// A rule's path with its identifiers filled in.
    fn path_of(&self, rule: &RouteRule, session: &str, csrf: &str, allowed: bool) -> String {
        let id = if rule.path.starts_with("/referrals/") {
            self.referral.clone()
        } else if rule.path.starts_with("/panels/meetings/") {
            self.meeting.clone()
        } else if rule.path.starts_with("/panels/config/") {
            "permanence_panel".to_owned()
        } else if rule.path.ends_with("/plan/change") || rule.path.ends_with("/plan/match") {
            self.plan_child.clone()
        } else if rule.path.starts_with("/users/") {
            // The system administrator's form deactivates this user, who
            // has had their turn by then.
            username(Role::FinanceOfficer)
        } else if rule.path.starts_with("/returns/check/") && allowed {
            self.kept_report(session, csrf)
        } else if rule.path.starts_with("/returns/import/") && allowed {
            self.import_job(session, csrf)
        } else {
            self.own_child.clone()
        };
        rule.path.replace("{id}", &id).replace("{format}", "csv")
    }

    /// The review the API's POST sends, at the record's current version.
    fn review_json(&self, role: Role) -> String {
        let record = self.api(
            "GET",
            &format!("/api/v1/children/{}", self.own_child),
            &self.tokens[&role],
            None,
        );
        let version = serde_json::from_str::<serde_json::Value>(&record.body).unwrap()["version"]
            .as_i64()
            .unwrap();
        let day = review_day(role, true);
        format!(r#"{{"date":"2026-03-{day:02}","participation":"PN1","version":{version}}}"#)
    }

    /// An SSDA903 upload for the routes that take one: a check of a one-child
    /// return, or an import of a child not yet held (one a role).
    fn upload(&self, path: &str, session: &str, csrf: &str, role: Role) -> Option<Reply> {
        let header = format!(
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nR{},F,01/02/2015,WBRI,,,\n",
            role_number(role)
        );
        let episodes = format!(
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nR{},01/05/2025,S,C2,N1,U6,PR1,,,,,,\n",
            role_number(role)
        );
        let files = [
            ("current", "header.csv", header.as_str()),
            ("current", "episodes.csv", episodes.as_str()),
        ];
        match path {
            "/returns/check" => Some(self.post_multipart(
                path,
                session,
                &[
                    ("csrf_token", csrf),
                    ("year", "2024-25"),
                    ("la", "E10000018"),
                ],
                &files,
            )),
            "/returns/import" => Some(self.post_multipart(
                path,
                session,
                &[("csrf_token", csrf), ("year", "2025-26")],
                &files,
            )),
            _ => None,
        }
    }

    /// The identifier of a report the user checked (it is theirs alone).
    fn kept_report(&self, session: &str, csrf: &str) -> String {
        let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,31/02/2015,WBRI,UN1,,\n";
        let reply = self.post_multipart(
            "/returns/check",
            session,
            &[
                ("csrf_token", csrf),
                ("year", "2024-25"),
                ("la", "E10000018"),
            ],
            &[("current", "header.csv", header)],
        );
        let link = reply
            .body
            .split("href=\"/returns/check/")
            .nth(1)
            .expect("a report link");
        link.split('/').next().unwrap().to_owned()
    }

    /// The identifier of an import the user started (it is theirs alone).
    fn import_job(&self, session: &str, csrf: &str) -> String {
        let header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nJOB1,F,01/02/2015,WBRI,,,\n";
        let episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\nJOB1,01/05/2025,S,C2,N1,U6,PR1,,,,,,\n";
        let files = [
            ("current", "header.csv", header),
            ("current", "episodes.csv", episodes),
        ];
        let reply = self.post_multipart(
            "/returns/import",
            session,
            &[("csrf_token", csrf), ("year", "2025-26")],
            &files,
        );
        let location = reply.headers[header::LOCATION].to_str().unwrap();
        location.trim_start_matches("/returns/import/").to_owned()
    }

    fn audit(&self, action: &str) -> usize {
        self.store
            .read(|tx| {
                tx.events(&AuditFilter {
                    action: Some(action.into()),
                    ..Default::default()
                })
            })
            .unwrap()
            .len()
    }
}

fn set_cookie(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))
                .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
        })
        .unwrap_or_else(|| panic!("no {name} cookie in {:?}", reply.headers))
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in page"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

/// What a person types into a field a form leaves empty: words where words
/// are needed, a date a role's own for a new meeting, nothing elsewhere.
fn fill(name: &str, role: Role) -> String {
    match name {
        "reasons" | "summary" | "issue" | "action_required" | "grounds" | "rationale" => {
            "Written for the role-by-route test".into()
        }
        "carer" => "The Carers".into(),
        "date" => format!("{}/4/2026", 1 + role_number(role)),
        _ => String::new(),
    }
}

/// A day in March 2026 for a role's review of the child, one for the page
/// and another for the API, none the same as another role's.
fn review_day(role: Role, api: bool) -> usize {
    let reviewers: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| allows(*r, Permission::RecordReview))
        .collect();
    let k = reviewers.iter().position(|r| *r == role).unwrap_or(0);
    31 - 2 * k - usize::from(api)
}

fn role_number(role: Role) -> usize {
    Role::ALL.iter().position(|r| *r == role).unwrap()
}

fn excerpt(html: &str) -> String {
    let text = html.split("<main").nth(1).unwrap_or(html);
    text.chars().take(600).collect()
}

fn url(text: &str) -> String {
    text.replace(' ', "+")
}

fn username(role: Role) -> String {
    format!("{}.test", role.code())
}

fn site(db: &test_support::db::TestDatabase) -> Site {
    let as_of = domain::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let mut council =
        test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(60, 5, as_of));
    let permanence = test_support::permanence_demo::permanence(&mut council.journeys, as_of, 5);
    let clock = FixedClock::on("2026-03-31");
    app::load_council(
        &db.store,
        &Actor::new("demo"),
        &clock,
        &council.workers,
        &council.journeys,
        &mut |_, _| {},
    )
    .unwrap();
    app::permanence::load_permanence(
        &db.store,
        &Actor::new("demo"),
        &clock,
        permanence.forum.as_ref(),
        &permanence.plans,
        &permanence.referrals,
        &permanence.meetings,
    )
    .unwrap();
    // The first worker's team is the social worker's and team manager's.
    let team = council.workers[0].team.clone();
    for role in Role::ALL {
        let team_role = matches!(role, Role::SocialWorker | Role::TeamManager);
        let user = User {
            username: username(role),
            display_name: format!("Test {}", role.title()),
            role,
            team: team_role.then(|| team.clone()),
            worker_id: None,
        };
        app::auth::add_user(&db.store, &Actor::new("test"), &clock, &user, PASSWORD).unwrap();
    }
    let tokens = Role::ALL
        .into_iter()
        .map(|role| {
            (
                role,
                app::auth::issue_api_token(
                    &db.store,
                    &Actor::new("test"),
                    &clock,
                    &username(role),
                    "tests",
                    None,
                )
                .unwrap(),
            )
        })
        .collect();
    let in_team = |team: Option<String>| {
        db.store
            .read(|tx| {
                tx.search_children(
                    &ChildSearch {
                        team,
                        in_care_only: true,
                        ..Default::default()
                    },
                    0,
                    500,
                )
            })
            .unwrap()
            .0
    };
    let own_child = in_team(Some(team.clone()))[0].id.to_string();
    let other_child = in_team(None)
        .into_iter()
        .find(|c| {
            db.store.read(|tx| tx.child_team(&c.id)).unwrap().as_deref() != Some(team.as_str())
        })
        .expect("a child in another team")
        .id
        .to_string();
    let child_team = |id: &str| {
        let id = domain::child::ChildId::parse(id).unwrap();
        db.store.read(|tx| tx.child_team(&id)).unwrap()
    };
    let plan_child = permanence
        .plans
        .iter()
        .filter(|p| {
            p.lifecycle.is_ratified()
                && child_team(p.child_id.as_str()).as_deref() == Some(team.as_str())
        })
        .find(|p| {
            let of_child: Vec<_> = permanence
                .referrals
                .iter()
                .filter(|(_, r)| r.child_id == p.child_id)
                .map(|(_, r)| r.clone())
                .collect();
            domain::permanence::referrals::ltf_found_suitable(&of_child).is_some()
                && !of_child
                    .iter()
                    .any(|r| r.item == domain::permanence::referrals::ItemType::Match)
        })
        .expect("a team child found suitable for long-term fostering")
        .child_id
        .to_string();
    let referral = permanence
        .referrals
        .iter()
        .find(|(_, r)| {
            r.outcome.is_some() && child_team(r.child_id.as_str()).as_deref() == Some(team.as_str())
        })
        .expect("a referral in the team")
        .0
        .clone();
    let meeting = permanence.meetings[0].id();
    let mut state = web::AppState::new(db.store.clone(), Arc::new(clock));
    // A postcode directory of two postcodes, for the SSDA903 check.
    let entry = |postcode, authority, grid| ssda903::postcodes::Entry {
        postcode,
        authority: Some(authority),
        grid: Some(grid),
    };
    state.postcodes = Some(Arc::new(
        ssda903::postcodes::PostcodeDirectory::from_entries(&[
            entry("LE3 8RA", "E10000018", (455_024, 306_752)),
            entry("LE1 1FZ", "E06000016", (458_990, 304_419)),
        ]),
    ));
    Site {
        tokens,
        router: web::router(state),
        store: db.store.clone(),
        rt: tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap(),
        team,
        own_child,
        plan_child,
        other_child,
        referral,
        meeting,
    }
}

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
        assert!(csv.body.starts_with("identifier,name,date_of_birth"));
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
        assert!(csv.body.starts_with("Child,Rule,What,Due,Days,Worker,Team"));
        assert!(csv.body.lines().skip(1).all(|l| l.ends_with(&format!(",{}", s.team))), "{}", csv.body);
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
        assert!(csv.body.starts_with("When,Who,Action,Record,Details"));
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
        assert!(form.body.contains("Which child is the subject access request about?"));
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
        assert!(csv.body.starts_with("rule,table,child,row,line,message\n"));
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
}
