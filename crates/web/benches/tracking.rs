//! Benchmark: the permanence tracking page for a whole council.
//!
//! Run with `cargo bench -p web --bench tracking` (release build). For each
//! size (1,500 and 100,000 children in care by default; set
//! `PERMANENCE_BENCH_SIZES=1500,20000` to choose), a council is generated
//! with its plans, referrals and panel sittings, loaded into a fresh SQLite
//! file, and a service manager's request for the council-wide tracking page
//! (every child in care, drift computed, sorted, first page rendered) is
//! sent through the whole router, middleware and audit included. Reports
//! the first request (which reads and parses every child's facts) and then
//! p50, p99 and the worst of the timed requests (after three untimed ones).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, header};
use chrono::NaiveDate;
use domain::access::User;
use domain::audit::Actor;
use domain::roles::Role;
use http_body_util::BodyExt;
use test_support::FixedClock;
use test_support::synthetic::{CouncilSpec, generate};
use tower::ServiceExt;

fn main() {
    let sizes: Vec<usize> = std::env::var("PERMANENCE_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_500, 100_000]);
    for children in sizes {
        run(children);
    }
}

fn run(children: usize) {
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).expect("a date");
    let clock = FixedClock::on("2026-03-31");
    let started = Instant::now();
    let mut council = generate(&CouncilSpec::new(children, 2026, as_of));
    let demo = test_support::permanence_demo::permanence(&mut council.journeys, as_of, 2026);
    let db = test_support::db::sqlite();
    app::load_council(
        &db.store,
        &Actor::new("bench"),
        &clock,
        &council.workers,
        &council.journeys,
        &mut |_, _| {},
    )
    .expect("load the council");
    app::permanence::load_permanence(
        &db.store,
        &Actor::new("bench"),
        &clock,
        demo.forum.as_ref(),
        &demo.plans,
        &demo.referrals,
        &demo.meetings,
    )
    .expect("load the plans");
    let manager = User {
        username: "manager.bench".into(),
        display_name: "Bench manager".into(),
        role: Role::ServiceManager,
        team: None,
        worker_id: None,
    };
    app::auth::add_user(
        &db.store,
        &Actor::new("bench"),
        &clock,
        &manager,
        "a long bench password",
    )
    .expect("add user");
    println!(
        "{children} children in care: generated and loaded with {} plans in {:.1?}",
        demo.plans.len(),
        started.elapsed()
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let router = web::router(web::AppState::new(db.store.clone(), Arc::new(clock)));
    let send = |req: Request<Body>| {
        rt.block_on(async {
            let response = router.clone().oneshot(req).await.expect("a response");
            let status = response.status();
            let headers = response.headers().clone();
            let body = response
                .into_body()
                .collect()
                .await
                .expect("a body")
                .to_bytes();
            (status, headers, String::from_utf8_lossy(&body).into_owned())
        })
    };
    // Sign in through the form, as a browser would.
    let (_, headers, body) = send(
        Request::get("/sign-in")
            .body(Body::empty())
            .expect("request"),
    );
    let csrf_cookie = cookie(&headers, "permanence_csrf");
    let token = hidden(&body, "csrf_token");
    let (_, headers, _) = send(
        Request::post("/sign-in")
            .header(header::COOKIE, format!("permanence_csrf={csrf_cookie}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "csrf_token={token}&username=manager.bench&password=a+long+bench+password&next=/"
            )))
            .expect("request"),
    );
    let session = format!(
        "permanence_session={}",
        cookie(&headers, "permanence_session")
    );
    let rounds = if children > 10_000 { 20 } else { 200 };
    for (label, uri) in [
        ("whole council", "/tracking"),
        ("drifting only", "/tracking?flag=any"),
    ] {
        let mut times = Vec::with_capacity(rounds);
        let mut first = Duration::ZERO;
        for i in 0..rounds + 3 {
            let t = Instant::now();
            let (status, _, page) = send(
                Request::get(uri)
                    .header(header::COOKIE, &session)
                    .body(Body::empty())
                    .expect("request"),
            );
            let took = t.elapsed();
            assert!(status.is_success(), "{status}: {page}");
            if i == 0 {
                first = took;
            }
            if i >= 3 {
                times.push(took);
            }
        }
        times.sort();
        let at = |q: f64| {
            times[((times.len() as f64 * q).ceil() as usize)
                .saturating_sub(1)
                .min(times.len() - 1)]
        };
        println!(
            "  tracking page, {label}: first request {first:.1?}; then p50 {:.1?}, p99 {:.1?}, worst {:.1?} ({rounds} requests)",
            at(0.5),
            at(0.99),
            times.last().copied().unwrap_or(Duration::ZERO)
        );
    }
}

fn cookie(headers: &axum::http::HeaderMap, name: &str) -> String {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))
                .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
        })
        .unwrap_or_else(|| panic!("no {name} cookie"))
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in the page"))
        + marker.len();
    html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}
