//! The web application: GOV.UK-styled pages over the use cases.
//!
//! Handlers are thin: they read the request, call a use case in `app` and
//! render a template. Who may use which route is one table ([`ROUTES`]),
//! enforced by one middleware before any handler runs; a refusal is a 403
//! page and an audit event. Database work is blocking, so it runs on Tokio's
//! blocking pool. Nothing the service logs names a child.

mod api;
mod assets;
mod audit;
mod children;
mod handler;
mod pages;
mod permanence;
mod returns;
mod session;
mod ui;
mod worklist;
mod xlsx;

use std::sync::Arc;

use app::Store;
use axum::Router;
use axum::http::{HeaderValue, Method, header};
use axum::response::Response;
use axum::routing::{get, post};
use domain::access::Permission;
use domain::time::Clock;

pub use session::Signed;
pub use ui::csv_field;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Mark cookies `Secure` (on whenever the service is reached over HTTPS).
    pub secure_cookies: bool,
    /// The ONS postcode directory for the SSDA903 check, loaded once at
    /// start if installed (`scripts/postcodes-903`).
    pub postcodes: Option<Arc<ssda903::postcodes::PostcodeDirectory>>,
}

impl AppState {
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            secure_cookies: false,
            postcodes: None,
        }
    }
}

/// Who may use a route: `None` for routes anyone may reach, else the
/// permission a signed-in user needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteRule {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
}

/// The access a route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// A signed-in user whose role has this permission.
    Needs(Permission),
}

/// Every route of the application and the access it needs: the one table
/// the authorisation middleware reads and the role-by-route test walks.
pub const ROUTES: &[RouteRule] = &[
    RouteRule {
        method: "GET",
        path: "/health",
        access: Access::Public,
    },
    RouteRule {
        method: "GET",
        path: "/sign-in",
        access: Access::Public,
    },
    RouteRule {
        method: "POST",
        path: "/sign-in",
        access: Access::Public,
    },
    RouteRule {
        method: "POST",
        path: "/sign-out",
        access: Access::SignedIn,
    },
    RouteRule {
        method: "GET",
        path: "/",
        access: Access::SignedIn,
    },
    RouteRule {
        method: "GET",
        path: "/children",
        access: Access::Needs(Permission::SearchChildren),
    },
    RouteRule {
        method: "GET",
        path: "/children/{id}",
        access: Access::Needs(Permission::ViewChild),
    },
    RouteRule {
        method: "GET",
        path: "/children/{id}/reviews/new",
        access: Access::Needs(Permission::RecordReview),
    },
    RouteRule {
        method: "POST",
        path: "/children/{id}/reviews",
        access: Access::Needs(Permission::RecordReview),
    },
    RouteRule {
        method: "GET",
        path: "/worklist",
        access: Access::Needs(Permission::ViewWorklist),
    },
    RouteRule {
        method: "GET",
        path: "/audit",
        access: Access::Needs(Permission::ViewAuditLog),
    },
    RouteRule {
        method: "GET",
        path: "/audit/subject-access",
        access: Access::Needs(Permission::ExportSubjectAccess),
    },
    RouteRule {
        method: "GET",
        path: "/tracking",
        access: Access::Needs(Permission::ViewTracking),
    },
    RouteRule {
        method: "GET",
        path: "/children/{id}/plan",
        access: Access::Needs(Permission::ViewChild),
    },
    RouteRule {
        method: "POST",
        path: "/children/{id}/plan",
        access: Access::Needs(Permission::WorkOnPlans),
    },
    RouteRule {
        method: "POST",
        path: "/children/{id}/plan/change",
        access: Access::Needs(Permission::WorkOnPlans),
    },
    RouteRule {
        method: "POST",
        path: "/children/{id}/plan/issues",
        access: Access::Needs(Permission::WorkOnPlans),
    },
    RouteRule {
        method: "POST",
        path: "/children/{id}/plan/match",
        access: Access::Needs(Permission::WorkOnPlans),
    },
    RouteRule {
        method: "GET",
        path: "/panels/config/{id}",
        access: Access::Needs(Permission::ViewPanels),
    },
    RouteRule {
        method: "POST",
        path: "/panels/config/{id}",
        access: Access::Needs(Permission::ManagePanels),
    },
    RouteRule {
        method: "POST",
        path: "/children/{id}/plan/activity",
        access: Access::Needs(Permission::WorkOnPlans),
    },
    RouteRule {
        method: "POST",
        path: "/children/{id}/plan/cases",
        access: Access::Needs(Permission::WorkOnPlans),
    },
    RouteRule {
        method: "GET",
        path: "/referrals/{id}",
        access: Access::Needs(Permission::ViewPanels),
    },
    RouteRule {
        method: "POST",
        path: "/referrals/{id}",
        access: Access::Needs(Permission::WorkOnPlans),
    },
    RouteRule {
        method: "GET",
        path: "/referrals/{id}/letter",
        access: Access::Needs(Permission::ViewPanels),
    },
    RouteRule {
        method: "GET",
        path: "/panels",
        access: Access::Needs(Permission::ViewPanels),
    },
    RouteRule {
        method: "POST",
        path: "/panels/meetings",
        access: Access::Needs(Permission::ManagePanels),
    },
    RouteRule {
        method: "GET",
        path: "/panels/meetings/{id}",
        access: Access::Needs(Permission::ViewPanels),
    },
    RouteRule {
        method: "POST",
        path: "/panels/meetings/{id}",
        access: Access::Needs(Permission::ManagePanels),
    },
    RouteRule {
        method: "GET",
        path: "/panels/meetings/{id}/minutes",
        access: Access::Needs(Permission::ViewPanels),
    },
    RouteRule {
        method: "GET",
        path: "/returns/check",
        access: Access::Needs(Permission::CheckReturns),
    },
    RouteRule {
        method: "POST",
        path: "/returns/check",
        access: Access::Needs(Permission::CheckReturns),
    },
    RouteRule {
        method: "GET",
        path: "/returns/check/{id}/{format}",
        access: Access::Needs(Permission::CheckReturns),
    },
    RouteRule {
        method: "GET",
        path: "/returns/import",
        access: Access::Needs(Permission::ImportReturns),
    },
    RouteRule {
        method: "POST",
        path: "/returns/import",
        access: Access::Needs(Permission::ImportReturns),
    },
    RouteRule {
        method: "GET",
        path: "/returns/import/{id}",
        access: Access::Needs(Permission::ImportReturns),
    },
    RouteRule {
        method: "GET",
        path: "/api/v1/openapi.json",
        access: Access::Public,
    },
    RouteRule {
        method: "GET",
        path: "/api/v1/children",
        access: Access::Needs(Permission::SearchChildren),
    },
    RouteRule {
        method: "GET",
        path: "/api/v1/children/{id}",
        access: Access::Needs(Permission::ViewChild),
    },
    RouteRule {
        method: "POST",
        path: "/api/v1/children/{id}/reviews",
        access: Access::Needs(Permission::RecordReview),
    },
    RouteRule {
        method: "GET",
        path: "/api/v1/worklist",
        access: Access::Needs(Permission::ViewWorklist),
    },
];

/// The application's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/health", get(pages::health))
        .route("/sign-in", get(pages::sign_in_page).post(pages::sign_in))
        .route("/sign-out", post(pages::sign_out))
        .route("/", get(pages::home))
        .route("/children", get(children::children))
        .route("/children/{id}", get(children::child))
        .route("/children/{id}/reviews/new", get(children::review_form))
        .route("/children/{id}/reviews", post(children::record_review))
        .route("/worklist", get(worklist::worklist))
        .route("/audit", get(audit::audit))
        .route("/audit/subject-access", get(audit::subject_access))
        .route("/tracking", get(permanence::tracking))
        .route(
            "/children/{id}/plan",
            get(permanence::plan_page).post(permanence::plan_post),
        )
        .route(
            "/referrals/{id}",
            get(permanence::referral_page).post(permanence::referral_post),
        )
        .route("/referrals/{id}/letter", get(permanence::letter))
        .route("/panels", get(permanence::panels))
        .route("/panels/meetings", post(permanence::create_meeting))
        .route(
            "/panels/meetings/{id}",
            get(permanence::meeting_page).post(permanence::meeting_post),
        )
        .route("/panels/meetings/{id}/minutes", get(permanence::minutes))
        .route("/children/{id}/plan/change", post(permanence::change_post))
        .route("/children/{id}/plan/issues", post(permanence::issues_post))
        .route("/children/{id}/plan/match", post(permanence::match_post))
        .route(
            "/panels/config/{id}",
            get(permanence::forum_page).post(permanence::forum_post),
        )
        .route(
            "/returns/check",
            get(returns::page)
                .post(returns::check)
                .layer(axum::extract::DefaultBodyLimit::max(512 * 1024 * 1024)),
        )
        .route("/returns/check/{id}/{format}", get(returns::download))
        .route(
            "/returns/import",
            get(returns::import_page)
                .post(returns::import)
                .layer(axum::extract::DefaultBodyLimit::max(512 * 1024 * 1024)),
        )
        .route("/returns/import/{id}", get(returns::import_progress))
        .route(
            "/children/{id}/plan/activity",
            post(permanence::activity_post),
        )
        .route("/children/{id}/plan/cases", post(permanence::cases_post))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/children", get(api::children))
        .route("/api/v1/children/{id}", get(api::child))
        .route("/api/v1/children/{id}/reviews", post(api::record_review))
        .route("/api/v1/worklist", get(api::worklist))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::authorise,
        ))
        .route("/assets/{*file}", get(assets::serve))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// The rule for a matched route.
pub fn rule_for(method: &Method, path: &str) -> Option<&'static RouteRule> {
    ROUTES
        .iter()
        .find(|r| r.method == method.as_str() && r.path == path)
}

/// Headers on every response: a Content-Security-Policy without inline
/// script, no framing, no sniffing, no referrer, and no caching of pages.
async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
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
