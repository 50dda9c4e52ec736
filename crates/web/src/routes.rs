//! Every route of the application in one list: its method and path, the
//! access it needs and its handler. [`crate::router`] builds the router from
//! it, the authorisation middleware reads it, and the role-by-route test
//! walks it, so a route cannot be served without a rule or ruled without
//! being served.

use axum::extract::DefaultBodyLimit;
use axum::routing::{MethodRouter, get, post};
use domain::access::Permission::{self, *};

use crate::AppState;
use crate::contact;
use crate::passport;
use crate::{
    agency, api, audit, casework, children, complaints, fostering, households, pages, permanence,
    reporting, returns, service, subject_access, users, worklist,
};
use crate::{education, health, leavers};

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

/// Whether `user` may open the page whose route is `path` (a GET route's
/// pattern, `/children/{id}/education`); no such route, no.
pub(crate) fn may_open(user: &domain::access::User, path: &str) -> bool {
    ROUTES
        .iter()
        .find(|r| r.method == GET && r.path == path)
        .is_some_and(|r| match r.access {
            Public | SignedIn => true,
            Needs(p) => user.may(p),
        })
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
    route(GET, "/tracking/worker-changes", Needs(ViewTracking), || {
        get(permanence::worker_changes)
    }),
    route(GET, "/performance", Needs(ViewFigures), || {
        get(reporting::performance)
    }),
    route(GET, "/performance/{id}", Needs(ViewFigures), || {
        get(reporting::measure_children)
    }),
    route(GET, "/tracking/governance", Needs(ViewFigures), || {
        get(permanence::governance)
    }),
    route(POST, "/tracking/governance", Needs(ViewFigures), || {
        post(permanence::governance_post)
    }),
    route(GET, "/children/{id}/cdm", Needs(ViewPanels), || {
        get(permanence::child_cdm_page)
    }),
    route(POST, "/children/{id}/cdm", Needs(ManagePanels), || {
        post(permanence::child_cdm_post)
    }),
    route(
        GET,
        "/children/{id}/family-finding",
        Needs(ViewChild),
        || get(permanence::child_family_finding),
    ),
    route(
        POST,
        "/children/{id}/family-finding",
        Needs(WorkOnPlans),
        || post(permanence::child_family_finding_post),
    ),
    route(GET, "/family-finding", Needs(ViewChild), || {
        get(permanence::family_finding_queue)
    }),
    route(GET, "/children/{id}/team", Needs(ViewChild), || {
        get(permanence::team_page)
    }),
    route(POST, "/children/{id}/team", Needs(WorkOnPlans), || {
        post(permanence::team_post)
    }),
    route(GET, "/children/{id}/placement", Needs(ViewChild), || {
        get(permanence::placements_page)
    }),
    route(POST, "/children/{id}/placement", Needs(WorkOnPlans), || {
        post(permanence::placements_post)
    }),
    route(GET, "/children/{id}/plan", Needs(ViewChild), || {
        get(permanence::plan_page)
    }),
    route(POST, "/children/{id}/plan", Needs(WorkOnPlans), || {
        post(permanence::plan_post)
    }),
    route(
        GET,
        "/children/{id}/plan/sections",
        Needs(ViewChild),
        || get(permanence::tasks_page),
    ),
    route(
        GET,
        "/children/{id}/plan/sections/{section}",
        Needs(ViewChild),
        || get(permanence::section_page),
    ),
    route(
        POST,
        "/children/{id}/plan/sections/{section}",
        Needs(WorkOnPlans),
        || post(permanence::section_post),
    ),
    route(GET, "/children/{id}/plan/check", Needs(ViewChild), || {
        get(permanence::check_page)
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
    route(GET, "/cases/{id}", Needs(ViewChild), || {
        get(permanence::case_page)
    }),
    route(GET, "/cases/{id}/{form}", Needs(WorkOnPlans), || {
        get(permanence::case_form)
    }),
    route(POST, "/cases/{id}/{form}", Needs(WorkOnPlans), || {
        post(permanence::case_form_post)
    }),
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
    route(GET, "/referrals/{id}/quality", Needs(ViewPanels), || {
        get(permanence::quality_page)
    }),
    route(POST, "/referrals/{id}/quality", Needs(WorkOnPlans), || {
        post(permanence::quality_post)
    }),
    route(GET, "/referrals/{id}/letter", Needs(ViewPanels), || {
        get(permanence::letter)
    }),
    route(GET, "/panels", Needs(ViewPanels), || {
        get(permanence::panels)
    }),
    route(GET, "/panels/cdm", Needs(ViewPanels), || {
        get(permanence::cdm_page)
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
    route(
        GET,
        "/households/without-ssw",
        Needs(ViewHouseholds),
        || get(households::carers_without_ssw),
    ),
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
    route(GET, "/complaints", Needs(WorkOnComplaints), || {
        get(complaints::complaints)
    }),
    route(POST, "/complaints", Needs(WorkOnComplaints), || {
        post(complaints::receive_post)
    }),
    route(GET, "/complaints/{id}", Needs(WorkOnComplaints), || {
        get(complaints::complaint_page)
    }),
    route(POST, "/complaints/{id}", Needs(WorkOnComplaints), || {
        post(complaints::complaint_post)
    }),
    route(GET, "/agency", Needs(KeepAgencyRecords), || {
        get(agency::agency_records)
    }),
    route(POST, "/agency", Needs(KeepAgencyRecords), || {
        post(agency::publish_post)
    }),
    route(GET, "/agency/{id}", Needs(KeepAgencyRecords), || {
        get(agency::agency_record_page)
    }),
    route(POST, "/agency/{id}", Needs(KeepAgencyRecords), || {
        post(agency::agency_record_post)
    }),
    route(GET, "/training-programme", Needs(KeepAgencyRecords), || {
        get(agency::training_programme)
    }),
    route(
        POST,
        "/training-programme",
        Needs(KeepAgencyRecords),
        || post(agency::training_programme_post),
    ),
    route(
        GET,
        "/children/{id}/information-shared",
        Needs(ViewChild),
        || get(permanence::sharing_page),
    ),
    route(
        POST,
        "/children/{id}/information-shared",
        Needs(WorkOnPlans),
        || post(permanence::sharing_post),
    ),
    route(GET, "/performance/report", Needs(ViewFigures), || {
        get(reporting::committee_report)
    }),
    route(GET, "/adopters", Needs(WorkOnHouseholds), || {
        get(crate::adoption::adopters)
    }),
    route(POST, "/adopters", Needs(WorkOnHouseholds), || {
        post(crate::adoption::enquiry_post)
    }),
    route(GET, "/adopters/match", Needs(WorkOnHouseholds), || {
        get(crate::adoption::match_page)
    }),
    route(POST, "/adopters/match", Needs(WorkOnHouseholds), || {
        post(crate::adoption::match_post)
    }),
    route(GET, "/adopters/{id}", Needs(ViewHouseholds), || {
        get(crate::adoption::adopter_page)
    }),
    route(POST, "/adopters/{id}", Needs(WorkOnHouseholds), || {
        post(crate::adoption::adopter_post)
    }),
    route(
        GET,
        "/households/{id}/passport",
        Needs(ViewHouseholds),
        || get(passport::passport::passport_page),
    ),
    route(
        GET,
        "/households/{id}/passport/details",
        Needs(ViewHouseholds),
        || get(passport::entitlements::details_page),
    ),
    route(
        POST,
        "/households/{id}/passport/details",
        Needs(WorkOnHouseholds),
        || post(passport::entitlements::details_post),
    ),
    route(GET, "/passport/rules", Needs(KeepAgencyRecords), || {
        get(passport::configuration::rules_page)
    }),
    route(POST, "/passport/rules", Needs(KeepAgencyRecords), || {
        post(passport::configuration::rules_post)
    }),
    route(GET, "/money", Needs(ManageMoney), || {
        get(passport::ledger::money_page)
    }),
    route(POST, "/money/pay", Needs(ManageMoney), || {
        post(passport::payments::pay_case_post)
    }),
    route(POST, "/money/exempt", Needs(ManageMoney), || {
        post(passport::payments::exempt_post)
    }),
    route(
        GET,
        "/money/accounts/{fund}/{person}/{year}",
        Needs(ManageMoney),
        || get(passport::funds::account_page),
    ),
    route(
        POST,
        "/money/accounts/{fund}/{person}/{year}/pay",
        Needs(ManageMoney),
        || post(passport::funds::pay_post),
    ),
    route(
        POST,
        "/money/accounts/{fund}/{person}/{year}/reverse",
        Needs(ManageMoney),
        || post(passport::funds::reverse_post),
    ),
    route(
        GET,
        "/households/{id}/support",
        Needs(ViewHouseholds),
        || get(passport::support::support_page),
    ),
    route(
        POST,
        "/households/{id}/support",
        Needs(WorkOnSupport),
        || post(passport::support::support_post),
    ),
    route(
        GET,
        "/households/{id}/allowance",
        Needs(ViewHouseholds),
        || get(passport::allowance::allowance_page),
    ),
    route(
        POST,
        "/households/{id}/allowance",
        Needs(WorkOnSupport),
        || post(passport::allowance::allowance_post),
    ),
    route(GET, "/children/{id}/letterbox", Needs(ViewChild), || {
        get(contact::letterboxes)
    }),
    route(
        POST,
        "/children/{id}/letterbox",
        Needs(RecordActivities),
        || post(contact::sign_post),
    ),
    route(
        GET,
        "/children/{id}/letterbox/{letterbox}",
        Needs(ViewChild),
        || get(contact::letterbox_page),
    ),
    route(
        POST,
        "/children/{id}/letterbox/{letterbox}",
        Needs(RecordActivities),
        || post(contact::letterbox_post),
    ),
    route(GET, "/children/{id}/missing", Needs(ViewChild), || {
        get(contact::missing_page)
    }),
    route(
        POST,
        "/children/{id}/missing",
        Needs(RecordActivities),
        || post(contact::missing_post),
    ),
    route(GET, "/fostering/carers", Needs(ViewHouseholds), || {
        get(fostering::carers::foster_carers)
    }),
    route(GET, "/fostering/carers/{id}", Needs(ViewHouseholds), || {
        get(fostering::carers::carer_page)
    }),
    route(
        POST,
        "/fostering/carers/{id}",
        Needs(WorkOnHouseholds),
        || post(fostering::carers::carer_post),
    ),
    route(
        POST,
        "/households/{id}/tasks",
        Needs(WorkOnHouseholds),
        || post(households::tasks_post),
    ),
    route(
        POST,
        "/households/{id}/kinship",
        Needs(WorkOnHouseholds),
        || post(fostering::kinship::kinship_post),
    ),
    route(
        POST,
        "/households/{id}/special-guardianship",
        Needs(WorkOnHouseholds),
        || post(fostering::special_guardianship::special_guardianship_post),
    ),
    route(GET, "/tracking/commissioning", Needs(ViewTracking), || {
        get(permanence::commissioning)
    }),
    // Care leavers, education and health (issue 22).
    route(GET, "/leavers", Needs(ViewCaseload), || {
        get(leavers::leavers)
    }),
    route(POST, "/leavers", Needs(RecordActivities), || {
        post(leavers::leavers_post)
    }),
    route(GET, "/children/{id}/leaving-care", Needs(ViewChild), || {
        get(leavers::leaver_page)
    }),
    route(
        POST,
        "/children/{id}/leaving-care",
        Needs(RecordActivities),
        || post(leavers::leaver_post),
    ),
    route(
        GET,
        "/children/{id}/leaving-care/needs-assessment",
        Needs(ViewChild),
        || get(leavers::needs_assessment),
    ),
    route(GET, "/children/{id}/education", Needs(ViewChild), || {
        get(education::education_page)
    }),
    route(
        POST,
        "/children/{id}/education",
        Needs(RecordActivities),
        || post(education::education_post),
    ),
    route(GET, "/virtual-school", Needs(RecordActivities), || {
        get(education::virtual_school)
    }),
    route(GET, "/children/{id}/life-story", Needs(ViewChild), || {
        get(crate::contact::life_story_page)
    }),
    route(
        POST,
        "/children/{id}/life-story",
        Needs(RecordActivities),
        || post(crate::contact::life_story_post),
    ),
    route(GET, "/life-story", Needs(ViewCaseload), || {
        get(crate::contact::life_story_report)
    }),
    route(GET, "/children/{id}/health", Needs(ViewChild), || {
        get(health::health_page)
    }),
    route(
        POST,
        "/children/{id}/health",
        Needs(RecordActivities),
        || post(health::health_post),
    ),
    route(GET, "/children/{id}/adoption", Needs(ViewChild), || {
        get(crate::adoption::pathway_page)
    }),
    route(POST, "/children/{id}/adoption", Needs(WorkOnPlans), || {
        post(crate::adoption::pathway_post)
    }),
    route(
        GET,
        "/children/{id}/adoption/family-finding",
        Needs(ViewChild),
        || get(crate::adoption::finding_page),
    ),
    route(
        POST,
        "/children/{id}/adoption/family-finding",
        Needs(WorkOnPlans),
        || post(crate::adoption::finding_post),
    ),
    route(GET, "/adoption/agency", Needs(ViewTracking), || {
        get(crate::adoption::agency_page)
    }),
    route(POST, "/adoption/agency", Needs(ViewTracking), || {
        post(crate::adoption::agency_post)
    }),
    route(GET, "/adoption/agency/figures", Needs(ViewTracking), || {
        get(crate::adoption::figures_page)
    }),
    route(GET, "/kinship/compliance", Needs(ViewFigures), || {
        get(fostering::kinship_figures::kinship_compliance)
    }),
    route(GET, "/placements/sufficiency", Needs(ViewFigures), || {
        get(fostering::sufficiency::sufficiency_page)
    }),
    // Adoption matches, the reverse match and sufficiency (issue 19, adopt2).
    route(GET, "/adoption/matches", Needs(ViewHouseholds), || {
        get(crate::adoption::matches_page)
    }),
    route(POST, "/adoption/matches", Needs(WorkOnHouseholds), || {
        post(crate::adoption::interest_post)
    }),
    route(GET, "/adoption/matches/{id}", Needs(ViewHouseholds), || {
        get(crate::adoption::adoption_match_page)
    }),
    route(
        POST,
        "/adoption/matches/{id}",
        Needs(WorkOnHouseholds),
        || post(crate::adoption::adoption_match_post),
    ),
    route(
        GET,
        "/adopters/{id}/children",
        Needs(WorkOnHouseholds),
        || get(crate::adoption::children_for_adopter),
    ),
    route(GET, "/adoption/sufficiency", Needs(ViewFigures), || {
        get(crate::adoption::sufficiency)
    }),
    // cmpl: the complaints year (CMPL-013 ... CMPL-023).
    route(GET, "/complaints/annual", Needs(WorkOnComplaints), || {
        get(complaints::complaints_annual)
    }),
    route(POST, "/complaints/annual", Needs(WorkOnComplaints), || {
        post(complaints::complaints_annual_post)
    }),
    // cmpl: adoption service requests (CONT-004, CONT-005, CONT-012 ... CONT-016).
    route(GET, "/adoption-services", Needs(ViewHouseholds), || {
        get(contact::adoption_services)
    }),
    route(POST, "/adoption-services", Needs(ViewHouseholds), || {
        post(contact::adoption_services_post)
    }),
    // cmpl: the quarterly missing figures (MISS-005, MISS-008).
    route(GET, "/missing", Needs(ViewFigures), || {
        get(contact::missing_figures)
    }),
    route(POST, "/missing", Needs(ViewFigures), || {
        post(contact::missing_figures_post)
    }),
];

/// The rule for a matched route.
pub fn rule_for(method: &axum::http::Method, path: &str) -> Option<&'static RouteRule> {
    ROUTES
        .iter()
        .find(|r| r.method == method.as_str() && r.path == path)
}
