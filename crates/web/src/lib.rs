//! The web application: GOV.UK-styled pages over the use cases.
//!
//! Handlers are thin: they read the request, call a use case in `app` and
//! render a template. Who may use which route is one table ([`ROUTES`]),
//! enforced by one middleware before any handler runs; a refusal is a 403
//! page and an audit event. Database work is blocking, so it runs on Tokio's
//! blocking pool. Nothing the service logs names a child.

// A handler's refusal is a page (axum's `Response`), so the helpers a
// handler uses return `Result<_, Response>` as axum's extractors do.
#![allow(clippy::result_large_err)]

mod adoption;
mod agency;
mod api;
mod assets;
mod audit;
mod casework;
mod census;
mod children;
mod complaints;
mod contact;
mod education;
mod fostering;
mod handler;
mod health;
mod households;
mod leavers;
mod limits;
mod pages;
mod passport;
mod permanence;
mod reporting;
mod reqlog;
mod returns;
mod routes;
mod service;
mod session;
mod subject_access;
mod ui;
mod upload;
mod users;
mod worklist;

use std::net::IpAddr;
use std::sync::Arc;

use app::Store;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::get;
use domain::time::Clock;

pub use limits::SignInLimits;
pub use reporting::{committee_report_document, performance_csv, performance_xlsx};
pub use reqlog::RequestLog;
pub use returns::Checker;
pub use routes::{Access, ROUTES, RouteRule, rule_for};
pub use session::Signed;
pub use ui::{csv_field, spreadsheet_text};
pub use upload::remove_stale_uploads;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Mark cookies `Secure` with the `__Host-` prefix and send HSTS (on
    /// whenever the service is reached over HTTPS).
    pub secure_cookies: bool,
    /// The reverse proxy whose `X-Forwarded-For` names the client; from any
    /// other peer the header is ignored.
    pub trusted_proxy: Option<IpAddr>,
    /// Where the per-request log lines go (standard error by default).
    pub request_log: RequestLog,
    /// The bounded pool of password checks and the per-client limits.
    pub sign_in_limits: Arc<SignInLimits>,
    /// The ONS postcode directory for the SSDA903 check, loaded once at
    /// start if installed (`scripts/postcodes-903`).
    pub postcodes: Option<Arc<ssda903::postcodes::PostcodeDirectory>>,
    /// How the SSDA903 check page checks a return: in this process (tests),
    /// or, as `serve` does, in a child process of its own executable, so a
    /// large return's tables never take the server's memory.
    pub checker: Checker,
}

impl AppState {
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            secure_cookies: false,
            trusted_proxy: None,
            request_log: reqlog::to_stderr(),
            sign_in_limits: Arc::new(SignInLimits::default()),
            postcodes: None,
            checker: Checker::InProcess,
        }
    }
}

/// The application's routes: every entry of [`ROUTES`] behind the
/// authorisation middleware, and the static assets; every request logged.
pub fn router(state: AppState) -> Router {
    ROUTES
        .iter()
        .fold(Router::new(), |router, rule| {
            router.route(rule.path, rule.handler())
        })
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::authorise,
        ))
        .route("/assets/{*file}", get(assets::serve))
        .route_layer(axum::middleware::from_fn(reqlog::tag_route))
        .layer(axum::middleware::map_response_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            reqlog::log,
        ))
        .with_state(state)
}

/// Headers on every response: a Content-Security-Policy without inline
/// script, no framing, no sniffing, no referrer, no caching of pages, and
/// (over HTTPS) HSTS for two years.
async fn security_headers(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut response: Response,
) -> Response {
    let h = response.headers_mut();
    if state.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    let set = |h: &mut axum::http::HeaderMap, name: header::HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    response
}
