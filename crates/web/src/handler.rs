//! What every handler shares, so that a handler only reads its request,
//! calls one use case and builds its page:
//!
//! - [`Caller`], taken by every handler behind sign-in: the signed-in user
//!   with the store, the clock and where the request came from. It runs a
//!   use case off the async workers ([`Caller::run`]) and turns a refusal or
//!   failure into its page ([`Caller::page`], [`Caller::refusal`]).
//! - [`Fields`], a posted form whose token has been checked.
//!
//! The use cases open their own transactions: a handler never touches the
//! store, it only hands it to `app`.

use std::collections::HashMap;
use std::sync::Arc;

use app::AppError;
use axum::extract::{Form, FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use domain::access::User;
use domain::time::Clock;

use crate::AppState;
use crate::session::{Signed, address_of, same_token};
use crate::ui::message;

/// A handler's answer: its page, or the page that says why not.
pub(crate) type Page = Result<Response, Response>;

/// The child a route's path names, or the page that says there is none.
pub(crate) fn child_of(caller: &Caller, id: &str) -> Result<domain::child::ChildId, Response> {
    domain::child::ChildId::parse(id)
        .map_err(|_| caller.error_page(&AppError::NotFound("child".into())))
}

/// The signed-in user a request acts for, with what their use cases need.
#[derive(Clone)]
pub(crate) struct Caller {
    pub store: app::Store,
    clock: Arc<dyn Clock>,
    pub signed: Signed,
    /// Where the request came from, for the audit trail.
    pub from: String,
    /// The names of the people the records name ([`Caller::name`]).
    names: Arc<app::people::Names>,
}

impl Caller {
    /// The caller of a handler that takes the state and the signed-in user
    /// apart (the SSDA903 pages, which read a multipart upload).
    pub(crate) fn new(state: &AppState, signed: &Signed, from: &str) -> Self {
        Caller {
            store: state.store.clone(),
            clock: state.clock.clone(),
            signed: signed.clone(),
            from: from.to_owned(),
            // These pages name no staff: what is kept, or nobody.
            names: app::people::kept_names(&state.store).unwrap_or_default(),
        }
    }

    /// The names of the people the records name, by identifier or username.
    pub(crate) fn names(&self) -> &app::people::Names {
        &self.names
    }

    /// The name to show for a worker's identifier or a user's username
    /// (the identifier itself when nobody by it is known).
    pub(crate) fn name(&self, id: &str) -> String {
        self.names.name(id).to_owned()
    }

    pub(crate) fn user(&self) -> &User {
        &self.signed.user
    }

    pub(crate) fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// Runs a use case as this caller on Tokio's blocking pool (the store's
    /// work blocks). A refusal is audited here, for every page and API call
    /// alike (unless the use case audited it itself, with the record it
    /// refused: one row for one refusal). If the client has gone (the request was dropped) before the
    /// pool reaches the work, it is not started.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Caller) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let me = self.clone();
        let (gone, _request) = ClientGone::watch();
        let result = tokio::task::spawn_blocking(move || {
            if gone.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(AppError::Invalid("the client has gone".into()));
            }
            work(&me)
        })
        .await
        .expect("use cases do not panic");
        if let Err(e @ AppError::Forbidden(what)) = &result
            && !e.refusal_audited()
        {
            self.audit_refusal(what).await;
        }
        result
    }

    /// Records in the audit trail that this caller was refused `what`.
    pub(crate) async fn audit_refusal(&self, what: &'static str) {
        let me = self.clone();
        let _ = blocking(move || {
            app::record_refused_action(&me.store, me.user(), me.clock(), what, &me.from)
        })
        .await;
    }

    /// Runs a use case whose failure is a page of its own (see [`Self::error_page`]).
    pub(crate) async fn page<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Caller) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, Response> {
        self.run(work).await.map_err(|e| self.error_page(&e))
    }

    /// The page for a refusal, something not found or a failure of the
    /// service; `None` for an error that belongs beside the form's field (a
    /// rule the input broke, or a change someone else made first).
    pub(crate) fn refusal(&self, e: &AppError) -> Option<Response> {
        match e {
            AppError::Forbidden(what) => Some(self.message(
                StatusCode::FORBIDDEN,
                "You do not have permission to do that",
                &[
                    &format!("You do not have permission to {what}."),
                    "Ask your manager if you need access.",
                ],
            )),
            AppError::ChildNotFound(_) => Some(self.message(
                StatusCode::NOT_FOUND,
                "Page not found",
                &["There is no child with that identifier."],
            )),
            AppError::NotFound(what) => Some(self.message(
                StatusCode::NOT_FOUND,
                "Page not found",
                &[&crate::ui::sentence(format!("{what} was not found."))],
            )),
            AppError::Invalid(_)
            | AppError::Journey(_)
            | AppError::Store(app::StoreError::Stale { .. }) => None,
            AppError::Store(_) => Some(self.message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service",
                &["Try again later. Nothing you entered has been saved."],
            )),
        }
    }

    /// What a form whose use case failed shows next: the refusal's own page
    /// (`Err`), or the error to show beside the form's `field` (`Ok`).
    pub(crate) fn form_errors(
        &self,
        e: &AppError,
        field: &'static str,
    ) -> Result<Vec<crate::ui::FieldError>, Response> {
        match self.refusal(e) {
            Some(page) => Err(page),
            None => Ok(vec![crate::ui::FieldError {
                field,
                message: e.to_string(),
            }]),
        }
    }

    /// The page for any error: a refusal's page, or what went wrong.
    pub(crate) fn error_page(&self, e: &AppError) -> Response {
        self.refusal(e).unwrap_or_else(|| {
            self.message(
                StatusCode::BAD_REQUEST,
                "Sorry, that did not work",
                &[&crate::ui::sentence(e.to_string())],
            )
        })
    }

    /// A page with a heading and a few paragraphs, for this user.
    pub(crate) fn message(&self, status: StatusCode, title: &str, paragraphs: &[&str]) -> Response {
        message(status, title, paragraphs, Some(&self.signed))
    }

    /// Records an export in the audit trail before it is sent.
    pub(crate) async fn audit_export(&self, what: &'static str, rows: usize) {
        let _ = self
            .run(move |c| app::audit_export(&c.store, c.user(), c.clock(), what, rows, "web"))
            .await;
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let signed = parts.extensions.get::<Signed>().cloned().ok_or_else(|| {
            // Only routes behind sign-in take a caller; the middleware puts
            // the user there before any of them runs.
            (StatusCode::INTERNAL_SERVER_ERROR, "no signed-in user").into_response()
        })?;
        Ok(Caller {
            store: state.store.clone(),
            clock: state.clock.clone(),
            signed,
            from: address_of(&parts.extensions),
            names: names_of(&state.store).await,
        })
    }
}

/// The people's names: those kept in memory, or read afresh off the async
/// workers (at most every [`app::people::KEPT_FOR`]); if they cannot be
/// read, pages show identifiers rather than fail.
async fn names_of(store: &app::Store) -> Arc<app::people::Names> {
    if let Some(names) = app::people::kept_names(store) {
        return names;
    }
    let store = store.clone();
    blocking(move || app::people::names(&store))
        .await
        .unwrap_or_default()
}

/// Marks a request's blocking work as unwanted when the request is dropped
/// (axum drops a handler's future when its client disconnects).
struct ClientGone(Arc<std::sync::atomic::AtomicBool>);

impl ClientGone {
    /// The flag the work reads, and the guard the request holds.
    fn watch() -> (Arc<std::sync::atomic::AtomicBool>, ClientGone) {
        let flag = Arc::new(std::sync::atomic::AtomicBool::new(false));
        (flag.clone(), ClientGone(flag))
    }
}

impl Drop for ClientGone {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// A posted form's fields, once its token is checked against the
/// session's; an unreadable or out-of-date form is refused with a page.
pub(crate) struct Fields(pub HashMap<String, String>);

impl Fields {
    /// A field's value, trimmed; empty when absent.
    pub(crate) fn get(&self, name: &str) -> String {
        self.0
            .get(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// A ticked checkbox.
    pub(crate) fn ticked(&self, name: &str) -> bool {
        self.get(name) == "yes"
    }

    /// The version of the record the form was shown with (-1 if absent, so
    /// that a form without one is refused as stale rather than applied).
    pub(crate) fn version(&self) -> i64 {
        self.get("version").parse().unwrap_or(-1)
    }

    /// The date in a field, typed as 27/3/2026 or 2026-03-27; `Ok(None)` when
    /// blank, and the message to show beside the field when not a date.
    pub(crate) fn date(&self, name: &str) -> Result<Option<NaiveDate>, String> {
        let text = self.get(name);
        if text.is_empty() {
            return Ok(None);
        }
        crate::ui::parse_date(&text)
            .map(Some)
            .ok_or_else(|| format!("Enter a real date, like 27/3/2026 (\"{text}\" is not one)"))
    }
}

impl FromRequest<AppState> for Fields {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let signed = req.extensions().get::<Signed>().cloned();
        let refuse = |why: &str| {
            message(
                StatusCode::BAD_REQUEST,
                "Sorry, that did not work",
                &[why],
                signed.as_ref(),
            )
        };
        let Ok(Form(form)) = Form::<HashMap<String, String>>::from_request(req, state).await else {
            return Err(refuse("The form could not be read. Go back and try again."));
        };
        let expected = signed.as_ref().map_or("", |s| s.csrf_token.as_str());
        if !same_token(form.get("csrf_token").map_or("", String::as_str), expected) {
            return Err(refuse(
                "The form was out of date. Go back, reload the page and try again.",
            ));
        }
        Ok(Fields(form))
    }
}

/// Runs blocking work (a use case of a request without a signed-in user)
/// off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work)
        .await
        .expect("store work does not panic")
}

/// The team a team role's lists are limited to; `None` for users who see
/// every child (their lists offer a choice of team).
pub(crate) fn team_scope(user: &User) -> Option<String> {
    match user.child_scope() {
        domain::access::ChildScope::Team(team) => Some(team),
        _ => None,
    }
}

/// Records an export in the audit trail before it is sent, for a handler
/// without a [`Caller`].
pub(crate) async fn audited_export(
    state: &AppState,
    signed: &Signed,
    what: &'static str,
    rows: usize,
) {
    Caller::new(state, signed, "web")
        .audit_export(what, rows)
        .await;
}

/// Records a refusal in the audit trail, for a handler without a
/// [`Caller`] whose refusal is not a use case's (someone else's report).
pub(crate) async fn audited_refusal(state: &AppState, signed: &Signed, what: &'static str) {
    Caller::new(state, signed, "web").audit_refusal(what).await;
}
