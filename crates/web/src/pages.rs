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
use crate::limits::Refusal;
use crate::session::{
    CSRF_COOKIE, ClientAddress, SESSION_COOKIE, Signed, client_address, cookie, cookie_name,
    safe_next, same_token, set_cookie,
};
use crate::ui::*;

/// Whether the service and its database answer. An anonymous caller (a
/// load balancer) learns only that; a signed-in user also sees the database
/// and how many children it holds.
pub(crate) async fn health(
    State(state): State<AppState>,
    signed: Option<Extension<Signed>>,
) -> Response {
    let store = state.store.clone();
    let backend = store.backend().to_string();
    let count =
        blocking(move || app::list_children(&store, app::ChildFilter::All, 1, 1).map(|(_, n)| n))
            .await;
    match (count, signed) {
        (Ok(children), Some(_)) => axum::Json(
            serde_json::json!({ "status": "ok", "database": backend, "children": children }),
        )
        .into_response(),
        (Ok(_), None) => axum::Json(serde_json::json!({ "status": "ok" })).into_response(),
        (Err(_), _) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({ "status": "unavailable" })),
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
        q.next
            .filter(|n| n.len() <= 2048)
            .unwrap_or_else(|| "/".into()),
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

/// The sign-in form again with one error beside the username.
fn sign_in_error(
    state: &AppState,
    status: StatusCode,
    form: SignInForm,
    message: &str,
) -> Response {
    sign_in_form(
        state,
        status,
        form.username
            .chars()
            .take(app::auth::MAX_USERNAME_LENGTH)
            .collect(),
        form.next,
        vec![FieldError {
            field: "username",
            message: message.into(),
        }],
    )
}

/// The answer to an attempt the limits refused, given without checking it,
/// after the limits' refusal delay (a second): waiting costs the server nothing,
/// and a flood that waits for its answers slows to the pace of its
/// connections.
async fn refused(state: &AppState, refusal: Refusal, form: SignInForm) -> Response {
    tokio::time::sleep(state.sign_in_limits.refusal_delay).await;
    let (status, wait, message) = match refusal {
        Refusal::Client(secs) => (
            StatusCode::TOO_MANY_REQUESTS,
            secs,
            "There have been too many failed attempts to sign in from your network: wait a minute and try again",
        ),
        Refusal::Busy => (
            StatusCode::SERVICE_UNAVAILABLE,
            1,
            "The service is busy: try again in a moment",
        ),
    };
    let mut response = sign_in_error(state, status, form, message);
    if let Ok(v) = wait.to_string().parse() {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// The redirect after signing in, with the session cookie.
fn signed_in(state: &AppState, next: &str, token: &str) -> Response {
    let mut response = Redirect::to(safe_next(next)).into_response();
    let headers = response.headers_mut();
    for cookie in [
        set_cookie(SESSION_COOKIE, token, state.secure_cookies, None),
        set_cookie(CSRF_COOKIE, "", state.secure_cookies, Some(0)),
    ] {
        if let Ok(v) = cookie.parse() {
            headers.append(header::SET_COOKIE, v);
        }
    }
    response
}

/// Signs in. The form's token is checked first; then the per-client limit
/// and the bounded pool of password checks ([`crate::limits`]) decide
/// whether the password is checked at all.
pub(crate) async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    let from = client_address(&req);
    let ip = req.extensions().get::<ClientAddress>().map(|c| c.0);
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
    let expected = cookie(&headers, &cookie_name(CSRF_COOKIE, state.secure_cookies));
    if !same_token(&form.csrf_token, &expected.unwrap_or_default()) {
        let why = "Your session expired: sign in again";
        return sign_in_error(&state, StatusCode::BAD_REQUEST, form, why);
    }
    if form.username.trim().is_empty() || form.password.is_empty() {
        let why = "Enter your username and password";
        return sign_in_error(&state, StatusCode::OK, form, why);
    }
    let limits = state.sign_in_limits.clone();
    if let Err(refusal) = limits.admit(ip) {
        return refused(&state, refusal, form).await;
    }
    let turn = match limits.turn().await {
        Ok(turn) => turn,
        Err(refusal) => return refused(&state, refusal, form).await,
    };
    let (store, clock) = (state.store.clone(), state.clock.clone());
    let (username, password) = (form.username.trim().to_owned(), form.password.clone());
    let result =
        blocking(move || app::auth::sign_in(&store, clock.as_ref(), &username, &password, &from))
            .await;
    drop(turn);
    match result {
        Ok(signed) => signed_in(&state, &form.next, &signed.token),
        Err(e) => {
            if let Err(refusal) = limits.failed(ip) {
                return refused(&state, refusal, form).await;
            }
            sign_in_error(&state, StatusCode::OK, form, &e.to_string())
        }
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

    if user.may(Permission::ViewFigures) {
        let mut figures = crate::ui::part("figures", "Figures and reports");
        figures.paragraphs.push(
            "Your role does not include children's records. The service's figures are computed from the records for any period, each traceable to the children behind it."
                .into(),
        );
        figures.links.push((
            "/performance".into(),
            "Performance measures: children in care and the adoption scorecard".into(),
        ));
        return Ok(crate::ui::RecordPage {
            sections: vec![figures],
            ..RecordPage::new(crate::ui::Chrome::new(
                format!("Welcome, {}", user.display_name),
                Some(&caller.signed),
                "/",
            ))
        }
        .respond());
    }
    Ok(caller.message(
        StatusCode::OK,
        &format!("Welcome, {}", user.display_name),
        &["Your role does not include children's records."],
    ))
}
