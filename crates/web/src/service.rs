//! The service's own pages, open to everyone signed in or not: the
//! accessibility statement, the privacy notice and how to give feedback,
//! linked from every page's footer and the phase banner.

use askama::Template;
use axum::Extension;
use axum::http::StatusCode;
use axum::response::Response;

use crate::session::Signed;
use crate::ui::{Chrome, render};

#[derive(Template)]
#[template(path = "accessibility.html")]
struct AccessibilityPage {
    chrome: Chrome,
}

#[derive(Template)]
#[template(path = "privacy.html")]
struct PrivacyPage {
    chrome: Chrome,
}

#[derive(Template)]
#[template(path = "feedback.html")]
struct FeedbackPage {
    chrome: Chrome,
}

fn chrome(title: &str, signed: Option<Extension<Signed>>) -> Chrome {
    Chrome::new(title, signed.as_ref().map(|s| &s.0), "")
}

/// The accessibility statement (the Public Sector Bodies Accessibility Regulations 2018).
pub(crate) async fn accessibility(signed: Option<Extension<Signed>>) -> Response {
    let chrome = chrome("Accessibility statement", signed);
    render(StatusCode::OK, &AccessibilityPage { chrome })
}

/// The privacy notice (UK GDPR Articles 13 and 14).
pub(crate) async fn privacy(signed: Option<Extension<Signed>>) -> Response {
    let chrome = chrome("Privacy notice", signed);
    render(StatusCode::OK, &PrivacyPage { chrome })
}

/// How to give feedback on the service.
pub(crate) async fn feedback(signed: Option<Extension<Signed>>) -> Response {
    let chrome = chrome("Give feedback", signed);
    render(StatusCode::OK, &FeedbackPage { chrome })
}
