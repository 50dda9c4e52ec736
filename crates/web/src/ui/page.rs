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

/// What the layout needs on every page.
pub(crate) struct Chrome {
    pub title: String,
    pub user: Option<User>,
    pub csrf_token: String,
    pub nav: Vec<NavItem>,
    pub has_errors: bool,
    /// Reload the page after this many seconds (a progress page).
    pub refresh: Option<u32>,
}

impl Chrome {
    /// The same page, reloading every `seconds` while `Some`.
    pub(crate) fn refreshing(mut self, seconds: Option<u32>) -> Self {
        self.refresh = seconds;
        self
    }

    pub(crate) fn new(title: impl Into<String>, signed: Option<&Signed>, active: &str) -> Self {
        let nav = signed
            .map(|s| {
                let mut items = Vec::new();
                let u = &s.user;
                if u.may(Permission::ViewCaseload) {
                    items.push(NavItem {
                        href: "/",
                        label: "Children",
                        active: active == "/",
                    });
                }
                if u.may(Permission::ViewWorklist) {
                    items.push(NavItem {
                        href: "/worklist",
                        label: "Worklist",
                        active: active == "/worklist",
                    });
                }
                if u.may(Permission::ViewTracking) {
                    items.push(NavItem {
                        href: "/tracking",
                        label: "Tracking",
                        active: active == "/tracking",
                    });
                }
                if u.may(Permission::CheckReturns) {
                    items.push(NavItem {
                        href: "/returns/check",
                        label: "SSDA903",
                        active: active == "/returns/check",
                    });
                }
                if u.may(Permission::ImportReturns) {
                    items.push(NavItem {
                        href: "/returns/import",
                        label: "Import",
                        active: active == "/returns/import",
                    });
                }
                if u.may(Permission::ViewPanels) {
                    items.push(NavItem {
                        href: "/panels",
                        label: "Panels",
                        active: active == "/panels",
                    });
                }
                if u.may(Permission::ViewAuditLog) {
                    items.push(NavItem {
                        href: "/audit",
                        label: "Audit log",
                        active: active == "/audit",
                    });
                }
                if u.may(Permission::ExportSubjectAccess) {
                    items.push(NavItem {
                        href: "/audit/subject-access",
                        label: "Subject access",
                        active: active == "/audit/subject-access",
                    });
                }
                items
            })
            .unwrap_or_default();
        Self {
            title: title.into(),
            user: signed.map(|s| s.user.clone()),
            csrf_token: signed.map(|s| s.csrf_token.clone()).unwrap_or_default(),
            nav,
            has_errors: false,
            refresh: None,
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
