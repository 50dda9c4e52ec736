//! One structured log line per request, with no personal data: the method,
//! the route's pattern (`/children/{id}`, never the path itself nor its
//! query string), the status, the time taken and a request id (also sent
//! back as `X-Request-Id`, so a person reporting a problem can quote it).
//! Neither the user nor the client's address is logged; the audit trail
//! says who did what.
//!
//! The same middleware works out the client's address once (see
//! [`crate::session::client_ip`]) for the audit trail and the sign-in limits.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::session::{ClientAddress, client_ip};

/// Where the log lines go: standard error unless a test says otherwise.
pub type RequestLog = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// The default log: one JSON line on standard error.
pub fn to_stderr() -> RequestLog {
    std::sync::Arc::new(|line: &str| eprintln!("{line}"))
}

/// The route pattern a request matched, carried on its response.
#[derive(Clone)]
struct Route(String);

/// Tags the response with the route pattern (inside the router, where the
/// pattern is known).
pub(crate) async fn tag_route(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let mut response = next.run(req).await;
    if let Some(route) = route {
        response.extensions_mut().insert(Route(route));
    }
    response
}

/// Logs the request when its response is ready.
pub(crate) async fn log(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = app::auth::new_token()[..16].to_owned();
    if let Some(ip) = client_ip(req.extensions(), req.headers(), state.trusted_proxy) {
        req.extensions_mut().insert(ClientAddress(ip));
    }
    let method = req.method().as_str().to_owned();
    let mut response = next.run(req).await;
    let route = response
        .extensions()
        .get::<Route>()
        .map_or("(none)", |r| r.0.as_str());
    let line = serde_json::json!({
        "request_id": id,
        "method": method,
        "route": route,
        "status": response.status().as_u16(),
        "duration_ms": (started.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
    });
    (state.request_log)(&line.to_string());
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}
