//! The web application: thin axum handlers that call the use cases.
//!
//! Database work is blocking (SQLite and the synchronous PostgreSQL client),
//! so every handler runs it on Tokio's blocking pool and keeps the async
//! workers free for I/O. Nothing a handler logs names a child.

mod html;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use domain::codes::CodeList;
use domain::time::Clock;
use serde::Deserialize;
use store::{ChildFilter, Store};

use html::escape;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
}

/// The application's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(children_page))
        .route("/health", get(health))
        .with_state(state)
}

/// Runs blocking store work off the async workers; a failure becomes a 500
/// page that says what went wrong without any record's content.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, app::AppError> + Send + 'static,
) -> Result<T, Response> {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err((
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("Sorry, there is a problem with the service: {e}"),
        )
            .into_response()),
        Err(_) => Err((
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry, there is a problem with the service",
        )
            .into_response()),
    }
}

/// Whether the service and its database answer.
async fn health(State(state): State<AppState>) -> Response {
    let store = state.store.clone();
    let backend = store.backend().to_string();
    match blocking(move || app::list_children(&store, ChildFilter::All, 1, 1).map(|(_, n)| n)).await
    {
        Ok(children) => axum::Json(serde_json::json!({
            "status": "ok",
            "database": backend,
            "children": children,
        }))
        .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({ "status": "unavailable", "database": backend })),
        )
            .into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    page: Option<i64>,
}

const PER_PAGE: i64 = 50;

/// The children in care, with their current legal status and placement.
async fn children_page(State(state): State<AppState>, Query(q): Query<ListQuery>) -> Response {
    let page = q.page.unwrap_or(1).max(1);
    let store = state.store.clone();
    let (rows, total) =
        match blocking(move || app::list_children(&store, ChildFilter::InCare, page, PER_PAGE))
            .await
        {
            Ok(v) => v,
            Err(response) => return response,
        };
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let mut body = String::with_capacity(16 * 1024);
    body.push_str(&format!(
        "<h1>Children in care</h1>\n<p>{total} children are looked after. Page {page} of {pages}.</p>\n"
    ));
    body.push_str("<table>\n<thead><tr><th scope=\"col\">Identifier</th><th scope=\"col\">Name</th><th scope=\"col\">In care since</th><th scope=\"col\">Legal status</th><th scope=\"col\">Placement</th></tr></thead>\n<tbody>\n");
    for c in &rows {
        let since = c
            .period_start
            .map(|d| d.format("%-d %B %Y").to_string())
            .unwrap_or_default();
        let status = c
            .legal_status
            .map(|s| format!("{} {}", s.code(), s.description()))
            .unwrap_or_default();
        let placement = c
            .placement_type
            .map(|p| format!("{} {}", p.code(), p.description()))
            .unwrap_or_default();
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(c.id.as_str()),
            escape(&c.name.full()),
            escape(&since),
            escape(&status),
            escape(&placement)
        ));
    }
    body.push_str("</tbody>\n</table>\n<nav aria-label=\"Pages\">");
    if page > 1 {
        body.push_str(&format!(
            "<a href=\"/?page={}\" rel=\"prev\">Previous page</a> ",
            page - 1
        ));
    }
    if page < pages {
        body.push_str(&format!(
            "<a href=\"/?page={}\" rel=\"next\">Next page</a>",
            page + 1
        ));
    }
    body.push_str("</nav>\n");
    Html(html::page("Children in care", &body)).into_response()
}
