//! The pages: one handler each, reading the request, calling a use case and
//! rendering a template.

use askama::Template;
use axum::Extension;
use axum::extract::{Form, FromRequest, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::Permission;
use serde::Deserialize;

use crate::AppState;
use crate::children::{ListQuery, children};
use crate::handler::*;
use crate::session::{
    CSRF_COOKIE, SESSION_COOKIE, Signed, client_address, cookie, safe_next, same_token, set_cookie,
};
use crate::ui::*;

/// Whether the service and its database answer.
pub(crate) async fn health(State(state): State<AppState>) -> Response {
    let store = state.store.clone();
    let backend = store.backend().to_string();
    let count =
        blocking(move || app::list_children(&store, app::ChildFilter::All, 1, 1).map(|(_, n)| n))
            .await;
    match count {
        Ok(children) => axum::Json(
            serde_json::json!({ "status": "ok", "database": backend, "children": children }),
        )
        .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({ "status": "unavailable", "database": backend })),
        )
            .into_response(),
    }
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    errors: Vec<FieldError>,
    username: String,
    next: String,
}

#[derive(Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
}

fn sign_in_form(
    state: &AppState,
    status: StatusCode,
    username: String,
    next: String,
    errors: Vec<FieldError>,
) -> Response {
    let token = app::auth::new_token();
    let mut chrome = Chrome::new("Sign in", None, "");
    chrome.csrf_token = token.clone();
    chrome.has_errors = !errors.is_empty();
    let mut response = render(
        status,
        &SignInPage {
            chrome,
            errors,
            username,
            next,
        },
    );
    if let Ok(value) = set_cookie(CSRF_COOKIE, &token, state.secure_cookies, None).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub(crate) async fn sign_in_page(
    State(state): State<AppState>,
    Query(q): Query<NextQuery>,
) -> Response {
    sign_in_form(
        &state,
        StatusCode::OK,
        String::new(),
        q.next.unwrap_or_else(|| "/".into()),
        vec![],
    )
}

#[derive(Deserialize)]
pub(crate) struct SignInForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub(crate) async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    let from = client_address(&req);
    let headers = req.headers().clone();
    let Ok(Form(form)) = Form::<SignInForm>::from_request(req, &state).await else {
        return sign_in_form(
            &state,
            StatusCode::BAD_REQUEST,
            String::new(),
            "/".into(),
            vec![FieldError {
                field: "username",
                message: "Enter your username and password".into(),
            }],
        );
    };
    let expected = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
    if !same_token(&form.csrf_token, &expected) {
        return sign_in_form(
            &state,
            StatusCode::BAD_REQUEST,
            form.username,
            form.next,
            vec![FieldError {
                field: "username",
                message: "Your session expired: sign in again".into(),
            }],
        );
    }
    if form.username.trim().is_empty() || form.password.is_empty() {
        return sign_in_form(
            &state,
            StatusCode::OK,
            form.username,
            form.next,
            vec![FieldError {
                field: "username",
                message: "Enter your username and password".into(),
            }],
        );
    }
    let store = state.store.clone();
    let clock = state.clock.clone();
    let (username, password) = (form.username.trim().to_owned(), form.password.clone());
    let result =
        blocking(move || app::auth::sign_in(&store, clock.as_ref(), &username, &password, &from))
            .await;
    match result {
        Ok(signed) => {
            let mut response = Redirect::to(safe_next(&form.next)).into_response();
            let headers = response.headers_mut();
            if let Ok(v) =
                set_cookie(SESSION_COOKIE, &signed.token, state.secure_cookies, None).parse()
            {
                headers.append(header::SET_COOKIE, v);
            }
            if let Ok(v) = set_cookie(CSRF_COOKIE, "", state.secure_cookies, Some(0)).parse() {
                headers.append(header::SET_COOKIE, v);
            }
            response
        }
        Err(e) => sign_in_form(
            &state,
            StatusCode::OK,
            form.username,
            form.next,
            vec![FieldError {
                field: "username",
                message: e.to_string(),
            }],
        ),
    }
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

pub(crate) async fn sign_out(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !same_token(&form.csrf_token, &signed.csrf_token) {
        return message(
            StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &["The form was out of date. Go back, reload the page and try again."],
            Some(&signed),
        );
    }
    let store = state.store.clone();
    let clock = state.clock.clone();
    let (token, username) = (signed.session_token.clone(), signed.user.username.clone());
    let _ = blocking(move || app::auth::sign_out(&store, clock.as_ref(), &token, &username)).await;
    let mut response = Redirect::to("/sign-in").into_response();
    if let Ok(v) = set_cookie(SESSION_COOKIE, "", state.secure_cookies, Some(0)).parse() {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// The home page: the children of the user's caseload, or where their role starts.
pub(crate) async fn home(caller: Caller, query: Query<ListQuery>) -> Page {
    let user = caller.user();
    if user.may(Permission::SearchChildren) {
        return children(caller, query).await;
    }
    if user.may(Permission::ViewAuditLog) {
        return Ok(Redirect::to("/audit").into_response());
    }
    Ok(caller.message(
        StatusCode::OK,
        &format!("Welcome, {}", user.display_name),
        &[
            "Your role does not include children's records. Figures and reports arrive here as the service grows.",
        ],
    ))
}
