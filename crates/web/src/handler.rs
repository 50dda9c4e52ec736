//! What every handler shares: running the use case off the async workers,
//! turning a refusal or failure into a page, reading a form with its token,
//! and auditing an export before it is sent.

use std::collections::HashMap;

use axum::extract::{Form, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::Response;

use crate::AppState;
use crate::session::{Signed, client_address, same_token};
use crate::ui::*;

pub(crate) fn problem(e: &app::AppError, signed: &Signed) -> Response {
    match e {
        app::AppError::ChildNotFound(_) => message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no child with that identifier."],
            Some(signed),
        ),
        app::AppError::Forbidden(_) => message(
            StatusCode::FORBIDDEN,
            "You do not have permission to see this page",
            &["This child is not allocated to your team. Ask your manager if you need access."],
            Some(signed),
        ),
        _ => message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry, there is a problem with the service",
            &["Try again later. Nothing you entered has been saved."],
            Some(signed),
        ),
    }
}

/// Runs blocking store work off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work)
        .await
        .expect("store work does not panic")
}

/// Records an export in the audit trail before it is sent.
pub(crate) async fn audited_export(
    state: &AppState,
    signed: &Signed,
    what: &'static str,
    rows: usize,
) {
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let _ =
        blocking(move || app::audit_export(&store, &user, clock.as_ref(), what, rows, "web")).await;
}

pub(crate) async fn read_form(
    state: &AppState,
    signed: &Signed,
    req: Request,
) -> Result<(HashMap<String, String>, String), Response> {
    let from = client_address(&req);
    let Ok(Form(form)) = Form::<HashMap<String, String>>::from_request(req, state).await else {
        return Err(message(
            StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &["The form could not be read. Go back and try again."],
            Some(signed),
        ));
    };
    if !same_token(
        form.get("csrf_token").map_or("", String::as_str),
        &signed.csrf_token,
    ) {
        return Err(message(
            StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &["The form was out of date. Go back, reload the page and try again."],
            Some(signed),
        ));
    }
    Ok((form, from))
}

pub(crate) fn failure(e: &app::AppError, signed: &Signed) -> Option<Response> {
    match e {
        app::AppError::Forbidden(what) => Some(message(
            StatusCode::FORBIDDEN,
            "You do not have permission to do that",
            &[&format!("You do not have permission to {what}.")],
            Some(signed),
        )),
        app::AppError::ChildNotFound(_) => Some(message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no child with that identifier."],
            Some(signed),
        )),
        app::AppError::Invalid(_) | app::AppError::Journey(_) => None,
        app::AppError::Store(store::StoreError::Stale { .. }) => None,
        _ => Some(message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry, there is a problem with the service",
            &["Try again later. Nothing you entered has been saved."],
            Some(signed),
        )),
    }
}
