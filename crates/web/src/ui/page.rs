//! The page around every page: the layout's chrome (title, navigation,
//! the user, the form token), rendering a template, and the short message
//! page for errors and refusals.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use domain::access::{Permission, User};

use crate::session::Signed;

/// A link in the service navigation.
pub(crate) struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

/// The service navigation: each area, shown to those whose role has its
/// permission.
const NAVIGATION: &[(Permission, &str, &str)] = &[
    (Permission::ViewCaseload, "/", "Children"),
    (Permission::ViewWorklist, "/worklist", "Worklist"),
    (Permission::ViewTracking, "/tracking", "Tracking"),
    (
        Permission::ViewTracking,
        "/adoption/agency",
        "Adoption agency",
    ),
    (Permission::ViewFigures, "/performance", "Performance"),
    (
        Permission::ViewFigures,
        "/tracking/governance",
        "Governance",
    ),
    (
        Permission::ViewFigures,
        "/placements/sufficiency",
        "Placements",
    ),
    (Permission::CheckReturns, "/returns/check", "SSDA903"),
    (Permission::ImportReturns, "/returns/import", "Import"),
    (Permission::ViewPanels, "/panels", "Panels"),
    (Permission::ViewHouseholds, "/households", "Households"),
    (Permission::WorkOnComplaints, "/complaints", "Complaints"),
    (Permission::ManageMoney, "/money", "Money"),
    (Permission::KeepAgencyRecords, "/agency", "Agency records"),
    (Permission::ViewAuditLog, "/audit", "Audit log"),
    (Permission::ManageUsers, "/users", "Users"),
    (
        Permission::ExportSubjectAccess,
        "/audit/subject-access",
        "Subject access",
    ),
];

/// What the layout needs on every page.
pub(crate) struct Chrome {
    pub title: String,
    pub user: Option<User>,
    pub csrf_token: String,
    pub nav: Vec<NavItem>,
    pub has_errors: bool,
    /// Reload the page after this many seconds (a progress page).
    pub refresh: Option<u32>,
    /// Errors the layout shows in the error summary at the top of the
    /// page (a list's filters); forms with their own summary leave it empty.
    pub errors: Vec<FieldError>,
}

impl Chrome {
    /// The same page, reloading every `seconds` while `Some`.
    pub(crate) fn refreshing(mut self, seconds: Option<u32>) -> Self {
        self.refresh = seconds;
        self
    }

    /// The same page with errors in its summary (and "Error:" in its title).
    pub(crate) fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.has_errors = !errors.is_empty();
        self.errors = errors;
        self
    }

    /// The error for a field, to show beside it.
    pub(crate) fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub(crate) fn new(title: impl Into<String>, signed: Option<&Signed>, active: &str) -> Self {
        let nav = signed
            .map(|s| {
                NAVIGATION
                    .iter()
                    .filter(|(permission, _, _)| s.user.may(*permission))
                    .map(|&(_, href, label)| NavItem {
                        href,
                        label,
                        active: active == href,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            title: title.into(),
            user: signed.map(|s| s.user.clone()),
            csrf_token: signed.map(|s| s.csrf_token.clone()).unwrap_or_default(),
            nav,
            has_errors: false,
            refresh: None,
            errors: Vec::new(),
        }
    }
}

/// An error in a form, for the summary and the field.
pub(crate) struct FieldError {
    pub field: &'static str,
    pub message: String,
}

pub(crate) fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry, there is a problem with the service",
        )
            .into_response(),
    }
}

#[derive(Template)]
#[template(path = "message.html")]
pub(crate) struct MessagePage<'a> {
    chrome: Chrome,
    paragraphs: &'a [&'a str],
}

/// A page with a heading and a few paragraphs (errors, refusals).
pub(crate) fn message(
    status: StatusCode,
    title: &str,
    paragraphs: &[&str],
    signed: Option<&Signed>,
) -> Response {
    render(
        status,
        &MessagePage {
            chrome: Chrome::new(title, signed, ""),
            paragraphs,
        },
    )
}
