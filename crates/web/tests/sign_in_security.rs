//! Security findings of issue 14 about signing in and sessions, kept fixed
//! over HTTP on both backends: the sign-in flood, the open redirect, what
//! `/health` tells, secure cookies, the Origin check, signing out
//! everywhere, the trusted proxy, request logs, and tokens and deactivation.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use domain::access::User;
use domain::audit::Actor;
use domain::roles::Role;
use http_body_util::BodyExt;
use store::{AuditFilter, AuditLog, ChildRepository, ChildSearch};
use test_support::FixedClock;
use tower::ServiceExt;

const PASSWORD: &str = "a long test password";

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix(&format!("{name}=")))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
    }

    fn set_cookie_line(&self, name: &str) -> String {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .unwrap_or_default()
            .to_owned()
    }
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

fn form_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One request as a browser at `from` would send it.
#[derive(Default)]
struct Req<'a> {
    method: &'a str,
    uri: &'a str,
    cookie: &'a str,
    form: Option<String>,
    bearer: Option<&'a str>,
    from: Option<&'a str>,
    headers: Vec<(&'a str, &'a str)>,
}

struct Site {
    router: axum::Router,
    store: store::Store,
    clock: Arc<FixedClock>,
    rt: tokio::runtime::Runtime,
    child: String,
    logs: Arc<Mutex<Vec<String>>>,
    secure: bool,
}

impl Site {
    fn new(
        db: &test_support::db::TestDatabase,
        configure: impl FnOnce(&mut web::AppState),
    ) -> Site {
        let as_of = domain::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let council = test_support::synthetic::generate(
            &test_support::synthetic::CouncilSpec::new(6, 7, as_of),
        );
        let clock = Arc::new(FixedClock::on("2026-03-31"));
        app::load_council(
            &db.store,
            &Actor::new("demo"),
            clock.as_ref(),
            &council.workers,
            &council.journeys,
            &mut |_, _| {},
        )
        .unwrap();
        let first = db
            .store
            .read(|tx| {
                tx.search_children(
                    &ChildSearch {
                        in_care_only: true,
                        ..Default::default()
                    },
                    0,
                    1,
                )
            })
            .unwrap()
            .0[0]
            .id
            .clone();
        let team = db
            .store
            .read(|tx| tx.child_team(&first))
            .unwrap()
            .expect("a child with a team");
        for (name, role) in [
            ("worker", Role::SocialWorker),
            ("admin", Role::SystemAdministrator),
            ("auditor", Role::Auditor),
        ] {
            let user = User {
                username: name.into(),
                display_name: format!("Test {name}"),
                role,
                team: (role == Role::SocialWorker).then(|| team.clone()),
                worker_id: None,
            };
            app::auth::add_user(
                &db.store,
                &Actor::new("test"),
                clock.as_ref(),
                &user,
                PASSWORD,
            )
            .unwrap();
        }
        let child = first.to_string();
        let logs = Arc::new(Mutex::new(Vec::new()));
        let mut state = web::AppState::new(db.store.clone(), clock.clone());
        let sink = logs.clone();
        state.request_log = Arc::new(move |line: &str| sink.lock().unwrap().push(line.to_owned()));
        configure(&mut state);
        let secure = state.secure_cookies;
        Site {
            router: web::router(state),
            store: db.store.clone(),
            clock,
            rt: tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .unwrap(),
            child,
            logs,
            secure,
        }
    }

    fn cookie_name(&self, name: &str) -> String {
        if self.secure {
            format!("__Host-{name}")
        } else {
            name.to_owned()
        }
    }

    fn send(&self, r: Req<'_>) -> Reply {
        let mut req = Request::builder()
            .method(if r.method.is_empty() { "GET" } else { r.method })
            .uri(r.uri);
        if !r.cookie.is_empty() {
            req = req.header(header::COOKIE, r.cookie);
        }
        if let Some(token) = r.bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        for (k, v) in &r.headers {
            req = req.header(*k, *v);
        }
        let body = match r.form {
            Some(f) => {
                req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(f)
            }
            None => Body::empty(),
        };
        let mut request = req.body(body).unwrap();
        let from: SocketAddr = format!("{}:40000", r.from.unwrap_or("192.0.2.1"))
            .parse()
            .unwrap();
        request.extensions_mut().insert(ConnectInfo(from));
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

    fn get(&self, uri: &str, cookie: &str) -> Reply {
        self.send(Req {
            uri,
            cookie,
            ..Default::default()
        })
    }

    /// Posts the sign-in form as `from`, going to `next` afterwards.
    fn try_sign_in(&self, username: &str, password: &str, next: &str, from: &str) -> Reply {
        let page = self.send(Req {
            uri: "/sign-in",
            from: Some(from),
            ..Default::default()
        });
        let name = self.cookie_name("permanence_csrf");
        let csrf = page.cookie(&name).expect("a sign-in form token");
        let token = hidden(&page.body, "csrf_token");
        self.send(Req {
            method: "POST",
            uri: "/sign-in",
            cookie: &format!("{name}={csrf}"),
            form: Some(format!(
                "csrf_token={token}&username={}&password={}&next={}",
                form_encode(username),
                form_encode(password),
                form_encode(next)
            )),
            from: Some(from),
            ..Default::default()
        })
    }

    /// Signs in: the session cookie and the session's form token.
    fn sign_in(&self, username: &str) -> (String, String) {
        let reply = self.try_sign_in(username, PASSWORD, "/", "192.0.2.1");
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let name = self.cookie_name("permanence_session");
        let session = format!("{name}={}", reply.cookie(&name).unwrap());
        let home = self.get("/", &session);
        let csrf = if home.body.contains("name=\"csrf_token\"") {
            hidden(&home.body, "csrf_token")
        } else {
            String::new()
        };
        (session, csrf)
    }

    fn audit(&self, action: &str) -> Vec<domain::audit::AuditEvent> {
        self.store
            .read(|tx| {
                tx.events(&AuditFilter {
                    action: Some(action.into()),
                    ..Default::default()
                })
            })
            .unwrap()
    }
}

test_support::on_both_backends! {
    fn security_f1_a_client_that_keeps_failing_is_answered_quickly_without_checking(db) {
        // No token comes back during the test, and refusals are not delayed.
        let pacing = |state: &mut web::AppState| {
            state.sign_in_limits = Arc::new(web::SignInLimits::default().pacing(std::time::Duration::from_secs(3600), std::time::Duration::ZERO));
        };
        let s = Site::new(&db, pacing);
        let mut statuses = Vec::new();
        for _ in 0..14 {
            statuses.push(s.try_sign_in("worker", "wrong password!", "/", "198.51.100.7").status);
        }
        assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
        let checked = s.audit("sign_in_failed").len() + s.audit("sign_in_throttled").len();
        assert!(checked <= 10, "{checked} attempts reached the password check");
        // Even the right password waits, with a Retry-After; another client
        // is not affected.
        let refused = s.try_sign_in("worker", PASSWORD, "/", "198.51.100.7");
        assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(refused.headers.contains_key(header::RETRY_AFTER));
        assert_eq!(s.try_sign_in("worker", PASSWORD, "/", "198.51.100.8").status, StatusCode::SEE_OTHER);
    }

    fn security_f5_only_a_path_on_this_site_is_followed_after_sign_in(db) {
        let s = Site::new(&db, |_| {});
        for bad in ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%2F/evil.example", "/%5Cevil.example", "/%09/evil.example", "/x/%0d%0aSet-Cookie:a=b", "", "children"] {
            let reply = s.try_sign_in("worker", PASSWORD, bad, "192.0.2.1");
            assert_eq!(reply.status, StatusCode::SEE_OTHER, "{bad:?}: {}", reply.body);
            assert_eq!(reply.headers[header::LOCATION], "/", "{bad:?}");
        }
        let good = format!("/children/{}?page=2", s.child);
        let reply = s.try_sign_in("worker", PASSWORD, &good, "192.0.2.1");
        assert_eq!(reply.headers[header::LOCATION], good.as_str());
    }

    fn security_f14_health_tells_an_anonymous_caller_only_ok(db) {
        let s = Site::new(&db, |_| {});
        let reply = s.get("/health", "");
        assert_eq!(reply.status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(json, serde_json::json!({ "status": "ok" }));
    }

    fn security_f14_secure_cookies_bring_hsts_and_host_prefixed_cookies(db) {
        let s = Site::new(&db, |state| state.secure_cookies = true);
        let page = s.get("/sign-in", "");
        assert!(page.headers[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap().contains("max-age="));
        let csrf = page.set_cookie_line("__Host-permanence_csrf");
        assert!(csrf.contains("; Secure") && csrf.contains("Path=/") && !csrf.contains("Domain"), "{csrf}");
        let reply = s.try_sign_in("worker", PASSWORD, "/", "192.0.2.1");
        let session = reply.set_cookie_line("__Host-permanence_session");
        assert!(session.contains("; Secure") && session.contains("HttpOnly"), "{session}");
        let (cookie, _) = s.sign_in("worker");
        assert_eq!(s.get("/", &cookie).status, StatusCode::OK, "the prefixed cookie signs in");
        // Without --secure-cookies, no HSTS (the service may be on plain HTTP on a test machine).
        let plain = web::router(web::AppState::new(s.store.clone(), s.clock.clone()));
        let reply = s.rt.block_on(plain.oneshot(Request::get("/sign-in").body(Body::empty()).unwrap())).unwrap();
        assert!(!reply.headers().contains_key(header::STRICT_TRANSPORT_SECURITY));
    }

    fn security_f14_a_post_from_another_origin_is_refused(db) {
        let s = Site::new(&db, |_| {});
        let (session, csrf) = s.sign_in("worker");
        let post = |origin: Option<&'static str>| {
            let mut headers = vec![("host", "permanence.example")];
            if let Some(o) = origin {
                headers.push(("origin", o));
            }
            s.send(Req { method: "POST", uri: "/sign-out", cookie: &session, form: Some(format!("csrf_token={csrf}")), headers, ..Default::default() })
        };
        assert_eq!(post(Some("https://evil.example")).status, StatusCode::FORBIDDEN);
        let cross = s.send(Req { method: "POST", uri: "/sign-out", cookie: &session, form: Some(format!("csrf_token={csrf}")), headers: vec![("sec-fetch-site", "cross-site")], ..Default::default() });
        assert_eq!(cross.status, StatusCode::FORBIDDEN, "the browser says the form is another site's");
        assert_eq!(post(Some("null")).status, StatusCode::FORBIDDEN);
        assert_eq!(s.get("/", &session).status, StatusCode::OK, "the refused sign-out did nothing");
        assert_eq!(post(Some("https://permanence.example")).status, StatusCode::SEE_OTHER);
    }

    fn security_f14_signing_out_ends_the_users_other_sessions(db) {
        let s = Site::new(&db, |_| {});
        let (desk, csrf) = s.sign_in("worker");
        let (laptop, _) = s.sign_in("worker");
        assert_eq!(s.get("/", &laptop).status, StatusCode::OK);
        let out = s.send(Req { method: "POST", uri: "/sign-out", cookie: &desk, form: Some(format!("csrf_token={csrf}")), ..Default::default() });
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert_eq!(s.get("/", &desk).status, StatusCode::SEE_OTHER);
        assert_eq!(s.get("/", &laptop).status, StatusCode::SEE_OTHER, "the other session ended too");
    }

    fn security_f14_the_client_address_comes_from_the_trusted_proxy_only(db) {
        let s = Site::new(&db, |state| state.trusted_proxy = Some("10.9.9.9".parse().unwrap()));
        let xff = vec![("x-forwarded-for", "203.0.113.50, 198.51.100.99")];
        let attempt = |from: &'static str| {
            s.send(Req { method: "POST", uri: "/sign-in", form: Some("csrf_token=a&username=worker&password=x".into()), from: Some(from), headers: xff.clone(), ..Default::default() });
            let page = s.send(Req { uri: "/sign-in", from: Some(from), headers: xff.clone(), ..Default::default() });
            let csrf = page.cookie("permanence_csrf").unwrap();
            let token = hidden(&page.body, "csrf_token");
            s.send(Req { method: "POST", uri: "/sign-in", cookie: &format!("permanence_csrf={csrf}"), form: Some(format!("csrf_token={token}&username=worker&password=wrong+password")), from: Some(from), headers: xff.clone(), ..Default::default() });
        };
        attempt("10.9.9.9");
        attempt("10.1.1.1");
        let froms: Vec<String> = s.audit("sign_in_failed").iter().map(|e| e.details.clone()).collect();
        assert!(froms.iter().any(|d| d.contains("\"from\":\"198.51.100.99\"")), "the proxy's client: {froms:?}");
        assert!(froms.iter().any(|d| d.contains("\"from\":\"10.1.1.1\"")), "a header from elsewhere is ignored: {froms:?}");
        assert!(!froms.iter().any(|d| d.contains("10.9.9.9") || d.contains("203.0.113.50")), "{froms:?}");
    }

    fn security_f14_every_request_is_logged_with_its_route_and_no_personal_data(db) {
        let s = Site::new(&db, |_| {});
        let (session, _) = s.sign_in("worker");
        s.logs.lock().unwrap().clear();
        let reply = s.get(&format!("/children/{}?q=Smith", s.child), &session);
        assert_eq!(reply.status, StatusCode::OK);
        s.get("/no-such-page", "");
        let logs = s.logs.lock().unwrap().clone();
        assert_eq!(logs.len(), 2, "{logs:?}");
        let line: serde_json::Value = serde_json::from_str(&logs[0]).unwrap();
        assert_eq!(line["method"], "GET");
        assert_eq!(line["route"], "/children/{id}");
        assert_eq!(line["status"], 200);
        assert!(line["duration_ms"].is_number() && line["request_id"].is_string(), "{line}");
        assert_eq!(reply.headers["x-request-id"].to_str().unwrap(), line["request_id"].as_str().unwrap());
        for l in &logs {
            assert!(!l.contains(&s.child) && !l.contains("Smith") && !l.contains("worker"), "{l}");
        }
    }

    fn security_f9_tokens_expire_are_revoked_and_deactivation_shuts_every_door(db) {
        let s = Site::new(&db, |_| {});
        let children = |token: &str| s.send(Req { uri: "/api/v1/children", bearer: Some(token), ..Default::default() }).status;
        let admin = Actor::new("admin");
        let short = app::auth::issue_api_token(&s.store, &admin, s.clock.as_ref(), "worker", "laptop", Some(7)).unwrap();
        let kept = app::auth::issue_api_token(&s.store, &admin, s.clock.as_ref(), "worker", "report", None).unwrap();
        let revoked = app::auth::issue_api_token(&s.store, &admin, s.clock.as_ref(), "worker", "old", None).unwrap();
        assert_eq!(children(&short), StatusCode::OK);
        let id = app::auth::api_tokens(&s.store, "worker").unwrap().into_iter().find(|t| t.label == "old").unwrap().id;
        app::auth::revoke_api_token(&s.store, &admin, s.clock.as_ref(), &id).unwrap();
        assert_eq!(children(&revoked), StatusCode::UNAUTHORIZED);
        s.clock.advance_days(8);
        assert_eq!(children(&short), StatusCode::UNAUTHORIZED, "expired after 7 days");
        assert_eq!(children(&kept), StatusCode::OK);
        // The system administrator deactivates the worker from the users page:
        // their session and tokens stop working and they cannot sign in.
        let (worker, _) = s.sign_in("worker");
        let (session, csrf) = s.sign_in("admin");
        let page = s.get("/users", &session);
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("href=\"/users/worker\""), "{}", page.body);
        let page = s.get("/users/worker", &session);
        assert!(page.body.contains("Deactivate") && page.body.contains("report"), "{}", page.body);
        let done = s.send(Req { method: "POST", uri: "/users/worker", cookie: &session, form: Some(format!("csrf_token={csrf}&action=deactivate")), ..Default::default() });
        assert!(done.status.is_redirection() || done.status.is_success(), "{}", done.body);
        assert_eq!(children(&kept), StatusCode::UNAUTHORIZED);
        assert_eq!(s.get("/", &worker).status, StatusCode::SEE_OTHER);
        assert_eq!(s.try_sign_in("worker", PASSWORD, "/", "192.0.2.1").status, StatusCode::OK, "the form again, no session");
        assert_eq!(s.audit("deactivate_user").len(), 1);
        // A social worker may not use the page.
        let (other, _) = s.sign_in("auditor");
        assert_eq!(s.get("/users", &other).status, StatusCode::FORBIDDEN);
    }
}
