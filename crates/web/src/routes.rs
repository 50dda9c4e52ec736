//! Every route of the application in one list: its method and path, the
//! access it needs and its handler. [`crate::router`] builds the router from
//! it, the authorisation middleware reads it, and the role-by-route test
//! walks it, so a route cannot be served without a rule or ruled without
//! being served.

use axum::extract::DefaultBodyLimit;
use axum::routing::{MethodRouter, get, post};
use domain::access::Permission::{self, *};

use crate::AppState;
use crate::{
    api, audit, casework, children, households, pages, permanence, returns, service,
    subject_access, users, worklist,
};

/// A route: who may use it, and the handler that serves it.
#[derive(Clone, Copy)]
pub struct RouteRule {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
    handler: fn() -> MethodRouter<AppState>,
}

impl RouteRule {
    /// The route's handler, for the router.
    pub(crate) fn handler(&self) -> MethodRouter<AppState> {
        (self.handler)()
    }
}

impl std::fmt::Debug for RouteRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} ({:?})", self.method, self.path, self.access)
    }
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

use Access::{Needs, Public, SignedIn};

const GET: &str = "GET";
const POST: &str = "POST";

const fn route(
    method: &'static str,
    path: &'static str,
    access: Access,
    handler: fn() -> MethodRouter<AppState>,
) -> RouteRule {
    RouteRule {
        method,
        path,
        access,
        handler,
    }
}

/// Uploads of a return's files may be large (every table of a council).
fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(512 * 1024 * 1024)
}

/// Every route of the application: the one list the router is built from,
/// the authorisation middleware reads and the role-by-route test walks.
pub const ROUTES: &[RouteRule] = &[
    route(GET, "/health", Public, || get(pages::health)),
    route(GET, "/sign-in", Public, || get(pages::sign_in_page)),
    route(GET, "/accessibility", Public, || {
        get(service::accessibility)
    }),
    route(GET, "/privacy", Public, || get(service::privacy)),
    route(GET, "/feedback", Public, || get(service::feedback)),
    route(POST, "/sign-in", Public, || post(pages::sign_in)),
    route(POST, "/sign-out", SignedIn, || post(pages::sign_out)),
    route(GET, "/", SignedIn, || get(pages::home)),
    route(GET, "/children", Needs(SearchChildren), || {
        get(children::children)
    }),
    route(GET, "/children/{id}", Needs(ViewChild), || {
        get(children::child)
    }),
    route(
        GET,
        "/children/{id}/reviews/new",
        Needs(RecordReview),
        || get(children::review_form),
    ),
    route(POST, "/children/{id}/reviews", Needs(RecordReview), || {
        post(children::record_review)
    }),
    route(GET, "/children/{id}/reviews", Needs(ViewChild), || {
        get(casework::reviews)
    }),
    route(
        GET,
        "/children/{id}/reviews/{held}",
        Needs(ViewChild),
        || get(casework::review),
    ),
    route(
        POST,
        "/children/{id}/reviews/{held}",
        Needs(RecordReview),
        || post(casework::review_post),
    ),
    route(GET, "/children/{id}/notes", Needs(ViewChild), || {
        get(casework::notes)
    }),
    route(
        POST,
        "/children/{id}/notes",
        Needs(RecordActivities),
        || post(casework::note_post),
    ),
    route(GET, "/notes/{id}", Needs(ViewChild), || get(casework::note)),
    route(POST, "/notes/{id}", Needs(RecordActivities), || {
        post(casework::note_change_post)
    }),
    route(GET, "/children/{id}/activities", Needs(ViewChild), || {
        get(casework::activities)
    }),
    route(
        POST,
        "/children/{id}/activities",
        Needs(RecordActivities),
        || post(casework::record_post),
    ),
    route(GET, "/activities/{id}", Needs(ViewChild), || {
        get(casework::activity)
    }),
    route(POST, "/activities/{id}", Needs(RecordActivities), || {
        post(casework::activity_post)
    }),
    route(GET, "/worklist", Needs(ViewWorklist), || {
        get(worklist::worklist)
    }),
    route(GET, "/audit", Needs(ViewAuditLog), || get(audit::audit)),
    route(
        GET,
        "/audit/subject-access",
        Needs(ExportSubjectAccess),
        || get(subject_access::subject_access),
    ),
    route(GET, "/tracking", Needs(ViewTracking), || {
        get(permanence::tracking)
    }),
    route(GET, "/tracking/governance", Needs(ViewFigures), || {
        get(permanence::governance)
    }),
    route(POST, "/tracking/governance", Needs(ViewFigures), || {
        post(permanence::governance_post)
    }),
    route(GET, "/children/{id}/plan", Needs(ViewChild), || {
        get(permanence::plan_page)
    }),
    route(POST, "/children/{id}/plan", Needs(WorkOnPlans), || {
        post(permanence::plan_post)
    }),
    route(
        POST,
        "/children/{id}/plan/change",
        Needs(WorkOnPlans),
        || post(permanence::change_post),
    ),
    route(
        POST,
        "/children/{id}/plan/issues",
        Needs(WorkOnPlans),
        || post(permanence::issues_post),
    ),
    route(
        POST,
        "/children/{id}/plan/match",
        Needs(WorkOnPlans),
        || post(permanence::match_post),
    ),
    route(GET, "/panels/config/{id}", Needs(ViewPanels), || {
        get(permanence::forum_page)
    }),
    route(POST, "/panels/config/{id}", Needs(ManagePanels), || {
        post(permanence::forum_post)
    }),
    route(
        POST,
        "/children/{id}/plan/activity",
        Needs(WorkOnPlans),
        || post(permanence::activity_post),
    ),
    route(
        POST,
        "/children/{id}/plan/cases",
        Needs(WorkOnPlans),
        || post(permanence::cases_post),
    ),
    route(
        GET,
        "/children/{id}/plan/decision",
        Needs(ViewPanels),
        || get(permanence::decision_page),
    ),
    route(GET, "/referrals/{id}", Needs(ViewPanels), || {
        get(permanence::referral_page)
    }),
    route(POST, "/referrals/{id}", Needs(WorkOnPlans), || {
        post(permanence::referral_post)
    }),
    route(GET, "/referrals/{id}/letter", Needs(ViewPanels), || {
        get(permanence::letter)
    }),
    route(GET, "/panels", Needs(ViewPanels), || {
        get(permanence::panels)
    }),
    route(POST, "/panels/meetings", Needs(ManagePanels), || {
        post(permanence::create_meeting)
    }),
    route(GET, "/panels/meetings/{id}", Needs(ViewPanels), || {
        get(permanence::meeting_page)
    }),
    route(POST, "/panels/meetings/{id}", Needs(ManagePanels), || {
        post(permanence::meeting_post)
    }),
    route(
        GET,
        "/panels/meetings/{id}/minutes",
        Needs(ViewPanels),
        || get(permanence::minutes),
    ),
    route(GET, "/returns/check", Needs(CheckReturns), || {
        get(returns::page)
    }),
    route(POST, "/returns/check", Needs(CheckReturns), || {
        post(returns::check).layer(upload_limit())
    }),
    route(
        GET,
        "/returns/check/{id}/{format}",
        Needs(CheckReturns),
        || get(returns::download),
    ),
    route(GET, "/returns/import", Needs(ImportReturns), || {
        get(returns::import_page)
    }),
    route(POST, "/returns/import", Needs(ImportReturns), || {
        post(returns::import).layer(upload_limit())
    }),
    route(GET, "/returns/import/{id}", Needs(ImportReturns), || {
        get(returns::import_progress)
    }),
    route(GET, "/users", Needs(ManageUsers), || get(users::users)),
    route(GET, "/users/{id}", Needs(ManageUsers), || get(users::user)),
    route(POST, "/users/{id}", Needs(ManageUsers), || {
        post(users::user_post)
    }),
    route(GET, "/api/v1/openapi.json", Public, || get(api::openapi)),
    route(GET, "/api/v1/children", Needs(SearchChildren), || {
        get(api::children)
    }),
    route(GET, "/api/v1/children/{id}", Needs(ViewChild), || {
        get(api::child)
    }),
    route(
        POST,
        "/api/v1/children/{id}/reviews",
        Needs(RecordReview),
        || post(api::record_review),
    ),
    route(GET, "/api/v1/worklist", Needs(ViewWorklist), || {
        get(api::worklist)
    }),
    route(GET, "/households", Needs(ViewHouseholds), || {
        get(households::households)
    }),
    route(GET, "/households/new", Needs(WorkOnHouseholds), || {
        get(households::new_household_page)
    }),
    route(POST, "/households/new", Needs(WorkOnHouseholds), || {
        post(households::add_household_post)
    }),
    route(GET, "/households/{id}", Needs(ViewHouseholds), || {
        get(households::household_page)
    }),
    route(POST, "/households/{id}", Needs(WorkOnHouseholds), || {
        post(households::household_post)
    }),
    route(
        GET,
        "/households/people/{id}/subject-access",
        Needs(ExportSubjectAccess),
        || get(households::adult_subject_access),
    ),
    route(GET, "/api/v1/households", Needs(ViewHouseholds), || {
        get(households::api_households)
    }),
    route(
        GET,
        "/api/v1/households/{id}",
        Needs(ViewHouseholds),
        || get(households::api_household),
    ),
];

/// The rule for a matched route.
pub fn rule_for(method: &axum::http::Method, path: &str) -> Option<&'static RouteRule> {
    ROUTES
        .iter()
        .find(|r| r.method == method.as_str() && r.path == path)
}
