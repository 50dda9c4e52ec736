//! Static files: GOV.UK Frontend (installed from npm at build time and carried
//! in the binary) and the service's own script and styles.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

macro_rules! frontend {
    ($file:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/frontend/", $file)).as_slice()
    };
}

/// (path under /assets/, content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "govuk-frontend.min.css",
        "text/css; charset=utf-8",
        frontend!("govuk-frontend.min.css"),
    ),
    (
        "govuk-frontend.min.js",
        "text/javascript; charset=utf-8",
        frontend!("govuk-frontend.min.js"),
    ),
    (
        "images/favicon.ico",
        "image/x-icon",
        frontend!("assets/images/favicon.ico"),
    ),
    (
        "images/favicon.svg",
        "image/svg+xml",
        frontend!("assets/images/favicon.svg"),
    ),
    (
        "images/govuk-icon-180.png",
        "image/png",
        frontend!("assets/images/govuk-icon-180.png"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
];

pub(crate) async fn serve(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
