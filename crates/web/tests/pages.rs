//! The HTTP surface against a real database on both backends.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use test_support::FixedClock;
use tower::ServiceExt;

async fn get(router: axum::Router, uri: &str) -> (StatusCode, String) {
    let response = router
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn demo_router(db: &test_support::db::TestDatabase, children: usize) -> axum::Router {
    let as_of = domain::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let council = test_support::synthetic::generate(&test_support::synthetic::CouncilSpec::new(
        children, 5, as_of,
    ));
    let clock = FixedClock::on("2026-03-31");
    app::load_council(
        &db.store,
        &domain::audit::Actor::new("demo"),
        &clock,
        &council.workers,
        &council.journeys,
        &mut |_, _| {},
    )
    .unwrap();
    web::router(web::AppState {
        store: db.store.clone(),
        clock: Arc::new(clock),
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

test_support::on_both_backends! {
    fn health_reports_the_database_and_its_children(db) {
        let router = demo_router(&db, 20);
        let (status, body) = runtime().block_on(get(router, "/health"));
        assert_eq!(status, StatusCode::OK);
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["status"], "ok");
        assert!(json["children"].as_i64().unwrap() > 20);
    }

    fn the_home_page_lists_children_in_care_with_status_and_placement(db) {
        let router = demo_router(&db, 60);
        let rt = runtime();
        let (status, body) = rt.block_on(get(router.clone(), "/"));
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("60 children are looked after. Page 1 of 2."), "{body}");
        assert_eq!(body.matches("<tr><td>C").count(), 50);
        assert!(body.contains("rel=\"next\""));
        let (_, second) = rt.block_on(get(router, "/?page=2"));
        assert_eq!(second.matches("<tr><td>C").count(), 10);
        assert!(["Interim care order", "Full care order", "Single period of accommodation"].iter().any(|s| body.contains(s)));
    }
}
