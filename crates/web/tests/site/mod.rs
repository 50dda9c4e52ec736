//! A test site: the web application over a real database with a small
//! council, a user of every role and helpers to send requests as them.
//! Shared by the page tests and the security tests.
#![allow(dead_code, unused_imports)]

pub use std::sync::Arc;

pub use axum::body::Body;
pub use axum::http::{Request, StatusCode, header};
pub use domain::access::{Permission, User, allows};
pub use domain::audit::Actor;
pub use domain::roles::Role;
pub use http_body_util::BodyExt;
pub use store::{AuditFilter, AuditLog, ChildRepository, ChildSearch};
pub use test_support::FixedClock;
pub use tower::ServiceExt;
pub use web::{Access, ROUTES, RouteRule};

mod fixtures;
#[path = "../forms/mod.rs"]
pub mod forms;
pub use fixtures::adopters_at;
use fixtures::*;

pub const PASSWORD: &str = "a long test password";

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent (a download's bytes).
    pub bytes: Vec<u8>,
}

pub struct Site {
    pub tokens: std::collections::HashMap<Role, String>,
    pub router: axum::Router,
    pub store: store::Store,
    pub rt: tokio::runtime::Runtime,
    pub team: String,
    pub own_child: String,
    /// A child of the team whose long-term fostering plan the Permanence
    /// Panel found suitable, with no match referred yet (its plan page
    /// offers a change of plan and a match).
    pub plan_child: String,
    pub other_child: String,
    /// A panel referral of a child in the team, and a panel meeting.
    pub referral: String,
    pub meeting: String,
    /// A social worker visit recorded for `own_child`.
    pub activity: String,
    /// A case note written on `own_child`'s chronology.
    pub note: String,
    /// The date of a review of `own_child` (ISO).
    pub review_held: String,
    /// A household of the team with a member and a role before the
    /// fostering panel (so the panel sees it too).
    pub household: String,
    /// A return-home case of `own_child`, where objectives are recorded.
    pub case: String,
    /// The adoption Statement of Purpose, published a year and a month ago
    /// (its review is overdue, GOV-029).
    pub agency_record: String,
    /// A complaint about the team received this month, at Stage 1 (CMPL-005).
    pub complaint: String,
    /// An adopter role (`H00002-R1`) of a household of the team awaiting
    /// the agency decision, its applicant's checks done (WF-ADOPTER).
    pub adopter: String,
    /// Approved adopters of the team and their match with the own child
    /// (`adoption_fixture`).
    pub approved_adopter: String,
    pub adoption_match: String,
    /// An active Letterbox of `own_child` (WF-LETTERBOX).
    pub letterbox: String,
}

impl Site {
    pub fn send(&self, method: &str, uri: &str, cookie: &str, form: Option<&str>) -> Reply {
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
    pub fn post_multipart(
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

    pub fn reply(&self, request: Request<Body>) -> Reply {
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
            bytes: bytes.to_vec(),
        }
    }

    /// Signs in and returns the session cookie and the session's form token.
    pub fn sign_in(&self, username: &str) -> (String, String) {
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

    pub fn api(&self, method: &str, uri: &str, token: &str, json: Option<&str>) -> Reply {
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
        self.reply(req.body(body).unwrap())
    }

    /// A request for `rule` as `role` would make it: the path's identifiers
    /// filled with the site's records (the user's own team child, a referral
    /// of theirs with an outcome, a meeting, the Permanence Panel, a report
    /// or import of their own); a POST submits the form the route's page
    /// offers the role, filled in as a person would. The flag says whether
    /// the page offered one (GETs and the API always are).
    pub fn request(
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
        if rule.path == "/children/{id}/life-story" {
            // Life story work in a format the list holds, the social worker
            // contributing (CONT-001): ticked boxes a form does not send empty.
            let page = self.send("GET", &uri, session, None);
            let version = hidden(&page.body, "version");
            let body = format!(
                "csrf_token={csrf}&change=work&version={version}&started=31/3/2026&format_book=yes&contributor_1_part=social_worker&contributor_1_name=A+Worker"
            );
            return (self.send("POST", &uri, session, Some(&body)), true);
        }
        if rule.path == "/children/{id}/cdm" {
            // A CDM decision with a permanence option ticked (PANEL-018).
            let body = format!(
                "csrf_token={csrf}&action=record&kind=issue_proceedings&decided_on=31/3/2026&option_2=yes&parallel="
            );
            return (self.send("POST", &uri, session, Some(&body)), true);
        }
        let page = match rule.path {
            "/panels/meetings" => "/panels".to_owned(),
            // An adoption enquiry is recorded for the team's household.
            "/adopters" => format!("/adopters?household={}", self.household),
            // An expression of interest is recorded from the ranking.
            "/adoption/matches" => format!("/adopters/match?child_ids={}", self.own_child),
            // The money forms post from the ledger page and a fund's page.
            "/money/pay" | "/money/exempt" => "/money".to_owned(),
            p if p.starts_with("/money/accounts/") => uri[..uri.rfind('/').unwrap()].to_owned(),
            // A section of the plan posts from its own page.
            p if p.starts_with("/children/{id}/plan/sections/") => uri.clone(),
            p if p.starts_with("/children/{id}/plan") => {
                uri[..uri.find("/plan").unwrap() + 5].to_owned()
            }
            // A household's kinship and special guardianship forms are on its page.
            "/households/{id}/kinship"
            | "/households/{id}/special-guardianship"
            | "/households/{id}/tasks" => uri[..uri.rfind('/').unwrap()].to_owned(),
            _ => uri.clone(),
        };
        let html = self.send("GET", &page, session, None).body;
        let offered: Vec<forms::HtmlForm> = forms::post_forms(&html)
            .into_iter()
            .filter(|f| f.action == uri)
            .collect();
        // A section of the plan or a milestone of its trajectory saves what
        // is there; a step that ends the plan is taken only when it is all
        // the page offers.
        let chosen = offered
            .iter()
            .find(|f| f.id == "answer" || f.id == "trajectory")
            .or_else(|| offered.iter().find(|f| f.id != "step-withdraw"))
            .or_else(|| offered.first());
        match chosen {
            Some(form) => {
                // Money is agreed and paid for the team's child (PAY-007).
                let money = rule.path.starts_with("/money/");
                let body = form.body(|name| match name {
                    "child" | "person" if money => self.own_child.clone(),
                    "amount" if money => "10.00".into(),
                    _ => fill(name, role),
                });
                (self.send("POST", &uri, session, Some(&body)), true)
            }
            None => (
                self.send("POST", &uri, session, Some(&format!("csrf_token={csrf}"))),
                false,
            ),
        }
    }

    /// A rule's path with its identifiers filled in.
    pub fn path_of(&self, rule: &RouteRule, session: &str, csrf: &str, allowed: bool) -> String {
        let id = if rule.path.contains("/households/people/") {
            format!("{}-P1", self.household)
        } else if rule.path == "/adopters/{id}/children" {
            self.approved_adopter.clone()
        } else if rule.path.starts_with("/adoption/matches/") {
            self.adoption_match.clone()
        } else if rule.path.starts_with("/adopters/") {
            self.adopter.clone()
        } else if rule.path.starts_with("/agency/") {
            self.agency_record.clone()
        } else if rule.path.starts_with("/complaints/") {
            self.complaint.clone()
        } else if rule.path.contains("/households/") {
            self.household.clone()
        } else if rule.path.starts_with("/referrals/") {
            self.referral.clone()
        } else if rule.path.starts_with("/panels/meetings/") {
            self.meeting.clone()
        } else if rule.path.starts_with("/panels/config/") {
            "permanence_panel".to_owned()
        } else if rule.path.ends_with("/plan/change") || rule.path.ends_with("/plan/match") {
            self.plan_child.clone()
        } else if rule.path.starts_with("/cases/") {
            self.case.clone()
        } else if rule.path.starts_with("/activities/") {
            self.activity.clone()
        } else if rule.path.starts_with("/performance/") {
            "cic-01".to_owned()
        } else if rule.path.starts_with("/notes/") {
            self.note.clone()
        } else if rule.path.starts_with("/users/") {
            // The system administrator's form deactivates this user, who
            // has had their turn by then.
            username(Role::FinanceOfficer)
        } else if rule.path.starts_with("/returns/check/") && allowed {
            self.kept_report(session, csrf)
        } else if rule.path.starts_with("/returns/import/") && allowed {
            self.import_job(session, csrf)
        } else if rule.path.starts_with("/fostering/carers/") {
            format!("{}-R1", self.household)
        } else {
            self.own_child.clone()
        };
        rule.path
            .replace("{id}", &id)
            .replace("{format}", "csv")
            // The identity section: every heading may be left for later.
            .replace("{section}", "identity")
            .replace("{form}", "objective")
            .replace("{held}", &self.review_held)
            .replace("{letterbox}", &self.letterbox)
            // The team's child's discretionary fund this financial year.
            .replace("{fund}", "discretionary")
            .replace("{person}", &self.own_child)
            .replace("{year}", "2025")
    }

    /// The review the API's POST sends, at the record's current version.
    pub fn review_json(&self, role: Role) -> String {
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
    pub fn upload(&self, path: &str, session: &str, csrf: &str, role: Role) -> Option<Reply> {
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
    pub fn kept_report(&self, session: &str, csrf: &str) -> String {
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
    pub fn import_job(&self, session: &str, csrf: &str) -> String {
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

    pub fn audit(&self, action: &str) -> usize {
        self.store
            .read(|tx| {
                tx.events(&AuditFilter {
                    action: Some(action.into()),
                    // Every row: the role-by-route test refuses more than
                    // the default page of 1,000.
                    limit: Some(i64::MAX),
                    ..Default::default()
                })
            })
            .unwrap()
            .len()
    }
}

pub fn set_cookie(reply: &Reply, name: &str) -> String {
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

pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in page"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

/// What a person types into a field a form leaves empty: words where words
/// are needed, a date a role's own for a new meeting, nothing elsewhere.
pub fn fill(name: &str, role: Role) -> String {
    match name {
        "reasons" | "summary" | "issue" | "action_required" | "grounds" | "rationale" => {
            "Written for the role-by-route test".into()
        }
        "carer" => "The Carers".into(),
        // A passport rule configured with its citation (PASS-011).
        "rule" => "PAY-017".into(),
        "setting" => "£450 a year for each child".into(),
        "citations" => "Adoption Support Services Regulations 2005".into(),
        // The questions of an activity's form.
        "reason" | "text" => "Written for the role-by-route test".into(),
        "seen_alone"
        | "bedroom_seen"
        | "dental_check"
        | "optical_check"
        | "immunisations"
        | "pupil_premium_plus_plan" => "yes".into(),
        "place" => "placement".into(),
        // A placement's purpose within the plan (PLAN-014).
        "purpose" => "emergency".into(),
        // The panel's rating of a paper (PANEL-013).
        "rating" => "good".into(),
        "assessment_type" => "review".into(),
        "name" => "The Test family".into(),
        // A Stage 2 complaint's investigators (CMPL-007).
        "investigating_officer" | "independent_person" => "A Test Person".into(),
        "date" => format!("{}/4/2026", 1 + role_number(role)),
        // An adoption enquiry's information event; the oldest age approved.
        "next_event" => format!("{}/4/2026", 1 + role_number(role)),
        "oldest" => "4".into(),
        // A foster carer's steps (the terms of approval, times, a course, a reason for leaving).
        "age_from" => "0".into(),
        "age_to" => "11".into(),
        "children" => "2".into(),
        "time" | "replied_time" | "report_time" => "10:00".into(),
        "course" => "Safer caring".into(),
        "hours" => "6".into(),
        "exit_reason" => "retirement".into(),
        // A trajectory milestone's target (TRACK-004).
        "target" => format!("{}/5/2026", 1 + role_number(role)),
        // A special guardianship support plan (SG-004, SG-005).
        "panel" => "30/3/2026".into(),
        "needs" | "future_plan" => "Written for the role-by-route test".into(),
        // An entry of the information-sharing log (DATA-006).
        "recipient" | "how" => "Written for the role-by-route test".into(),
        // A Pathway Plan's review and a PEP's careers section (LEAVE-004, EDU-014).
        "assessment" | "voice" | "outcomes" | "careers" => {
            "Written for the role-by-route test".into()
        }
        // A police reference of a missing notification (MISS-005).
        "reference" => "REF-TEST".into(),
        _ => String::new(),
    }
}

/// A day in March 2026 for a role's review of the child, one for the page
/// and another for the API, none the same as another role's.
pub fn review_day(role: Role, api: bool) -> usize {
    let reviewers: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| allows(*r, Permission::RecordReview))
        .collect();
    let k = reviewers.iter().position(|r| *r == role).unwrap_or(0);
    31 - 2 * k - usize::from(api)
}

pub fn role_number(role: Role) -> usize {
    Role::ALL.iter().position(|r| *r == role).unwrap()
}

pub fn excerpt(html: &str) -> String {
    let text = html.split("<main").nth(1).unwrap_or(html);
    text.chars().take(600).collect()
}

pub fn url(text: &str) -> String {
    text.replace(' ', "+")
}

pub fn username(role: Role) -> String {
    format!("{}.test", role.code())
}

pub fn site(db: &test_support::db::TestDatabase) -> Site {
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
    app::people::name_workers(
        &db.store,
        &Actor::new("demo"),
        &clock,
        &test_support::staff::worker_names(&council.workers),
    )
    .unwrap();
    app::permanence::load_teams(
        &db.store,
        &Actor::new("demo"),
        &clock,
        &test_support::team_demo::teams(&council.journeys, as_of, 5),
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
    let worker = User {
        username: username(Role::SocialWorker),
        display_name: "Test social worker".into(),
        role: Role::SocialWorker,
        team: Some(team.clone()),
        worker_id: None,
    };
    let activity = app::casework::record_activity(
        &db.store,
        &worker,
        &clock,
        &domain::child::ChildId::parse(&own_child).unwrap(),
        app::casework::ActivityInput {
            kind: domain::deadlines::EventKind::SocialWorkerVisit,
            date: domain::NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(),
            answers: domain::casework::activities::Answers {
                seen_alone: Some(true),
                bedroom_seen: Some(true),
                place: Some("placement".into()),
                ..Default::default()
            },
        },
        "test",
    )
    .unwrap();
    let note = app::casework::write_case_note(
        &db.store,
        &worker,
        &clock,
        &domain::child::ChildId::parse(&own_child).unwrap(),
        domain::NaiveDate::from_ymd_opt(2026, 3, 30).unwrap(),
        "Spoke to the carer about contact",
        "test",
    )
    .unwrap();
    let review_held = db
        .store
        .read(|tx| tx.journey(&domain::child::ChildId::parse(&own_child).unwrap()))
        .unwrap()
        .unwrap()
        .value
        .reviews()
        .first()
        .expect("the team's child has a review")
        .date
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
    let household = team_household(&db.store, &team, &clock);
    // The order names a child of another team, none other test looks at.
    let order_child = in_team(None)
        .into_iter()
        .rev()
        .find(|c| {
            c.id.as_str() != other_child
                && db.store.read(|tx| tx.child_team(&c.id)).unwrap().as_deref()
                    != Some(team.as_str())
        })
        .expect("a second child in another team")
        .id
        .to_string();
    kinship_roles(&db.store, &household, &order_child, &clock);
    let case = return_home_case(&db.store, &team, &own_child, &clock);
    let (agency_record, complaint) = service_and_complaint(&db.store, &team, &clock);
    let adopter = team_adopter(&db.store, &team, &clock);
    let (approved_adopter, adoption_match) = adoption_fixture(&db.store, &team, &own_child, &clock);
    let letterbox = active_letterbox(&db.store, &team, &own_child, &clock);
    approved_payment(&db.store, &team, &own_child, &clock);
    let mut state = web::AppState::new(db.store.clone(), Arc::new(clock));
    // A postcode directory of three postcodes, for the SSDA903 check and
    // the placement sufficiency page (NG1 5FS is 27 miles from LE3 8RA).
    let entry = |postcode, authority, grid| ssda903::postcodes::Entry {
        postcode,
        authority: Some(authority),
        grid: Some(grid),
    };
    state.postcodes = Some(Arc::new(
        ssda903::postcodes::PostcodeDirectory::from_entries(&[
            entry("LE3 8RA", "E10000018", (455_024, 306_752)),
            entry("LE1 1FZ", "E06000016", (458_990, 304_419)),
            entry("NG1 5FS", "E06000018", (485_024, 338_184)),
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
        activity,
        note,
        review_held,
        household,
        case,
        agency_record,
        complaint,
        adopter,
        approved_adopter,
        adoption_match,
        letterbox,
    }
}
