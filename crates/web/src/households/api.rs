//! The households' entries of the JSON API: the list (as the page filters
//! it) and one household's record with its deadlines; their OpenAPI paths.

use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::list::HouseholdsQuery;
use crate::api::error;
use crate::handler::Caller;

fn app_error(e: &app::AppError) -> Response {
    match e {
        app::AppError::Forbidden(what) => error(
            StatusCode::FORBIDDEN,
            &format!("you do not have permission to {what}"),
        ),
        app::AppError::NotFound(what) => {
            error(StatusCode::NOT_FOUND, &format!("{what} was not found"))
        }
        _ => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "there is a problem with the service; nothing was changed",
        ),
    }
}

/// The households the token's user may see, filtered as the page's list.
pub(crate) async fn households(caller: Caller, Query(q): Query<HouseholdsQuery>) -> Response {
    let search = q.search(None);
    match caller
        .run(move |c| app::households::list_households(&c.store, c.user(), c.clock(), search, "api"))
        .await
    {
        Ok((list, total)) => Json(json!({
            "total": total,
            "households": list.iter().map(|h| json!({
                "id": h.value.id,
                "name": h.value.name,
                "team": h.value.team,
                "roles": h.value.roles.iter().map(|r| json!({ "id": r.id, "kind": r.kind, "stage": r.stage })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }))
        .into_response(),
        Err(e) => app_error(&e),
    }
}

/// One household's record, with its deadlines (the read audited).
pub(crate) async fn household(caller: Caller, Path(id): Path<String>) -> Response {
    match caller
        .run(move |c| app::households::open_household(&c.store, c.user(), c.clock(), &id, "api"))
        .await
    {
        Ok(view) => Json(json!({
            "version": view.household.version,
            "household": view.household.value,
            "deadlines": view.deadlines,
        }))
        .into_response(),
        Err(e) => app_error(&e),
    }
}

/// The OpenAPI paths of the households' entries.
pub(crate) fn openapi_paths() -> Value {
    let error = json!({ "$ref": "#/components/schemas/Error" });
    json!({
        "/households": { "get": {
            "summary": "The households (carers, applicants, birth families) the user may see",
            "parameters": [
                { "name": "role", "in": "query", "schema": { "type": "string" }, "description": "A role's code (foster_carer, connected_person, adopter ...)" },
                { "name": "stage", "in": "query", "schema": { "type": "string" }, "description": "A lifecycle state's code" },
                { "name": "q", "in": "query", "schema": { "type": "string" }, "description": "Part of a name or postcode" },
                { "name": "team", "in": "query", "schema": { "type": "string" } }
            ],
            "responses": { "200": { "description": "The households" }, "403": { "description": "The role may see no household", "content": { "application/json": { "schema": error } } } }
        } },
        "/households/{id}": { "get": {
            "summary": "A household's record: members, checks, roles, children linked, with its deadlines",
            "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" }, "description": "The household's identifier (H00001)" }],
            "responses": { "200": { "description": "The record" }, "403": { "description": "Not the user's to see", "content": { "application/json": { "schema": error } } }, "404": { "description": "No such household", "content": { "application/json": { "schema": error } } } }
        } }
    })
}

/// Everything held about one adult (`H00001-P1`), as a JSON download for a
/// subject access request; the export is audited.
pub(crate) async fn adult_subject_access(caller: Caller, Path(id): Path<String>) -> Response {
    let person = id.clone();
    match caller
        .run(move |c| {
            app::households::adult_subject_access(&c.store, c.user(), c.clock(), &person, &c.from)
        })
        .await
    {
        Ok(record) => (
            [
                (
                    axum::http::header::CONTENT_TYPE,
                    "application/json".to_owned(),
                ),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"subject-access-{id}.json\""),
                ),
            ],
            Json(record),
        )
            .into_response(),
        Err(e) => app_error(&e),
    }
}
