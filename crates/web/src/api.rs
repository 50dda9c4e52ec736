//! The JSON API under /api/v1, mirroring the pages, for API tokens
//! (`Authorization: Bearer TOKEN`). Its OpenAPI document is served at
//! /api/v1/openapi.json.

use axum::Json;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::child::ChildId;
use domain::codes::{CodeList, ReviewParticipation};
use domain::journey::{CareJourney, Review};
use domain::roles::Role;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::handler::Caller;

/// A JSON error: `{"error": "..."}`.
pub(crate) fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

fn app_error(e: &app::AppError) -> Response {
    match e {
        app::AppError::ChildNotFound(id) => {
            error(StatusCode::NOT_FOUND, &format!("child {id} was not found"))
        }
        app::AppError::Forbidden(what) => error(
            StatusCode::FORBIDDEN,
            &format!("you do not have permission to {what}"),
        ),
        app::AppError::Store(s @ app::StoreError::Stale { .. }) => {
            error(StatusCode::CONFLICT, &s.to_string())
        }
        app::AppError::Journey(j) => error(StatusCode::UNPROCESSABLE_ENTITY, &j.to_string()),
        _ => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "there is a problem with the service; nothing was changed",
        ),
    }
}

fn code<C: CodeList>(c: C) -> Value {
    json!({ "code": c.code(), "description": c.description() })
}

/// The people who hold a role in a team, by identifier and name: those the
/// worklist escalates an item to.
fn holders(names: &app::people::Names, role: Role, team: Option<&str>) -> Value {
    let mut held = names.holders(role, team);
    if held.is_empty() {
        held = names.holders(role, None);
    }
    held.iter()
        .map(|id| json!({ "id": id, "name": names.name(id) }))
        .collect()
}

/// A name beside an identifier: the person's name, or null when nobody by
/// the identifier is known.
fn name_of(names: &app::people::Names, id: Option<&str>) -> Value {
    id.and_then(|id| names.person(id))
        .map_or(Value::Null, |p| Value::String(p.name.clone()))
}

/// The team around the child today (ROLE-011): each member's part, name
/// (a user's by their username) and since when.
fn team_json(
    team: &domain::permanence::team::TeamAroundChild,
    today: chrono::NaiveDate,
    names: &app::people::Names,
) -> Value {
    team.current(today)
        .iter()
        .map(|m| {
            json!({
                "part": m.role.code(),
                "part_label": m.role.label(),
                "user": m.user,
                "name": m.user.as_deref().map_or(m.name.as_str(), |u| names.name(u)),
                "since": m.from,
            })
        })
        .collect()
}

fn journey_json(j: &CareJourney, version: i64, names: &app::people::Names) -> Value {
    let c = j.child();
    let facts = domain::deadlines::SubjectFacts {
        date_of_birth: Some(c.date_of_birth),
    };
    let open =
        domain::deadlines::open_deadlines(&domain::deadline_rules::RULES, &j.events(), facts);
    json!({
        "id": c.id.as_str(),
        "version": version,
        "name": { "given": c.name.given, "family": c.name.family },
        "date_of_birth": c.date_of_birth,
        "sex": code(c.sex),
        "ethnicity": code(c.ethnicity),
        "in_care": j.current_episode().is_some(),
        "episodes": j.episodes().iter().map(|e| json!({
            "start": e.start,
            "reason_new_episode": code(e.reason_new_episode),
            "legal_status": code(e.legal_status),
            "category_of_need": code(e.category_of_need),
            "placement_type": code(e.placement.placement_type),
            "placement_provider": e.placement.provider.map(code),
            "end": e.end.map(|x| x.date),
            "reason_episode_ceased": e.end.map(|x| code(x.reason)),
        })).collect::<Vec<_>>(),
        "reviews": j.reviews().iter().map(|r| json!({ "date": r.date, "participation": code(r.participation) })).collect::<Vec<_>>(),
        "social_workers": j.social_workers().iter().map(|s| json!({
            "worker": s.worker_id,
            "worker_name": name_of(names, Some(&s.worker_id)),
            "start": s.start,
            "end": s.end.map(|e| e.0),
        })).collect::<Vec<_>>(),
        "deadlines": open.iter().map(|d| json!({ "rule": d.rule.id, "title": d.rule.title, "due": d.due })).collect::<Vec<_>>(),
    })
}

#[derive(Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    all: Option<bool>,
}

const PER_PAGE: i64 = 50;

pub(crate) async fn children(caller: Caller, Query(q): Query<ListQuery>) -> Response {
    let page = q.page.unwrap_or(1).max(1);
    let search = app::ChildSearch {
        text: q.q,
        in_care_only: !q.all.unwrap_or(false),
        ..Default::default()
    };
    let found = caller
        .run(move |c| {
            app::search_children(&c.store, c.user(), c.clock(), search, page, PER_PAGE, "api")
        })
        .await;
    match found {
        Ok((rows, total)) => Json(json!({
            "total": total,
            "page": page,
            "per_page": PER_PAGE,
            "children": rows.iter().map(|c| json!({
                "id": c.id.as_str(),
                "name": { "given": c.name.given, "family": c.name.family },
                "date_of_birth": c.date_of_birth,
                "in_care": c.in_care,
                "in_care_since": c.period_start,
                "team": c.team,
                "worker": c.worker,
                "worker_name": name_of(caller.names(), c.worker.as_deref()),
                "legal_status": c.legal_status.map(code),
                "placement_type": c.placement_type.map(code),
            })).collect::<Vec<_>>(),
        }))
        .into_response(),
        Err(e) => app_error(&e),
    }
}

/// Opens a child's record for the API (audited as read "from" the API).
async fn open(caller: &Caller, id: &str) -> Result<app::Versioned<CareJourney>, Response> {
    let id = ChildId::parse(id).map_err(|e| error(StatusCode::NOT_FOUND, &e.to_string()))?;
    caller
        .run(move |c| app::open_child(&c.store, c.user(), c.clock(), &id, "api"))
        .await
        .map_err(|e| app_error(&e))
}

pub(crate) async fn child(caller: Caller, Path(id): Path<String>) -> Response {
    match open(&caller, &id).await {
        Ok(journey) => {
            let mut body = journey_json(&journey.value, journey.version, caller.names());
            let child = journey.value.id().clone();
            let team = caller
                .run(move |c| app::permanence::team_of_child(&c.store, c.user(), &child))
                .await
                .unwrap_or_default();
            body["team"] = team_json(&team, caller.today(), caller.names());
            Json(body).into_response()
        }
        Err(response) => response,
    }
}

#[derive(Deserialize)]
pub(crate) struct ReviewBody {
    date: String,
    participation: String,
    version: i64,
}

pub(crate) async fn record_review(
    caller: Caller,
    Path(id): Path<String>,
    body: Result<Json<ReviewBody>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Ok(Json(body)) = body else {
        return error(
            StatusCode::BAD_REQUEST,
            "send JSON: {\"date\": \"YYYY-MM-DD\", \"participation\": \"PN1\", \"version\": N}",
        );
    };
    let review = match read_review(&body) {
        Ok(r) => r,
        Err(problems) => {
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "errors": problems })),
            )
                .into_response();
        }
    };
    let journey = match open(&caller, &id).await {
        Ok(v) => v,
        Err(response) => return response,
    };
    let (child_id, version) = (journey.value.id().clone(), body.version);
    let saved = caller
        .run(move |c| {
            let actor = domain::audit::Actor::new(c.user().username.clone()).from_address("api");
            app::record_review(&c.store, &actor, c.clock(), &child_id, version, review)
        })
        .await;
    match saved {
        Ok(saved) => (
            StatusCode::CREATED,
            Json(json!({ "id": saved.value.id().as_str(), "version": saved.version })),
        )
            .into_response(),
        Err(e) => app_error(&e),
    }
}

/// The review a request sends, or every problem with it by field.
fn read_review(body: &ReviewBody) -> Result<Review, Vec<Value>> {
    let mut problems = Vec::new();
    let date = domain::time::parse_iso_date("date", &body.date)
        .map_err(|e| problems.push(json!({ "field": "date", "message": e.to_string() })))
        .ok();
    let participation = body
        .participation
        .parse::<ReviewParticipation>()
        .map_err(|e| problems.push(json!({ "field": "participation", "message": e.to_string() })))
        .ok();
    match (date, participation) {
        (Some(date), Some(participation)) => Ok(Review {
            date,
            participation,
        }),
        _ => Err(problems),
    }
}

pub(crate) async fn worklist(caller: Caller) -> Response {
    let today = caller.today();
    match caller
        .run(|c| app::worklist_for(&c.store, c.user(), c.clock(), None, "api"))
        .await
    {
        Ok(view) => {
            let names = caller.names();
            let items: Vec<Value> = view
                .items()
                .iter()
                .map(|i| {
                    let mut item = json!(i);
                    item["worker_name"] = name_of(names, i.worker.as_deref());
                    item["escalate_to_people"] = holders(names, i.escalate_to, i.team.as_deref());
                    item
                })
                .collect();
            let drift: Vec<Value> = view
                .drift()
                .iter()
                .map(|d| {
                    let mut alert = json!(d);
                    alert["escalate_to_people"] = holders(names, d.escalate_to, d.team.as_deref());
                    alert
                })
                .collect();
            Json(json!({ "as_of": today, "items": items, "drift": drift })).into_response()
        }
        Err(e) => app_error(&e),
    }
}

/// The OpenAPI 3.1 document of the API.
pub fn openapi_document() -> Value {
    let error = json!({ "$ref": "#/components/schemas/Error" });
    let with_id = json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" }, "description": "The child's identifier" }]);
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Permanence API",
            "version": "1",
            "description": "The pages of the permanence service as JSON. Every read of a child's record and every search is audited."
        },
        "servers": [{ "url": "/api/v1" }],
        "security": [{ "bearer": [] }],
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "description": "A token from `permanence user token`." } },
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "string" } } },
                "Code": { "type": "object", "properties": { "code": { "type": "string" }, "description": { "type": "string" } } },
                "Person": { "type": "object", "required": ["id", "name"], "description": "A person by identifier (a worker's, or a user's username) and name", "properties": { "id": { "type": "string" }, "name": { "type": "string" } } },
                "Name": { "type": "object", "properties": { "given": { "type": "string" }, "family": { "type": "string" } } },
                "ChildSummary": { "type": "object", "properties": {
                    "id": { "type": "string" }, "name": { "$ref": "#/components/schemas/Name" }, "date_of_birth": { "type": "string", "format": "date" },
                    "in_care": { "type": "boolean" }, "in_care_since": { "type": ["string", "null"], "format": "date" },
                    "legal_status": { "$ref": "#/components/schemas/Code" }, "placement_type": { "$ref": "#/components/schemas/Code" },
                    "team": { "type": ["string", "null"], "description": "The allocated worker's team" },
                    "worker": { "type": ["string", "null"], "description": "The allocated social worker's identifier" },
                    "worker_name": { "type": ["string", "null"], "description": "The allocated social worker's name" }
                } },
                "Child": { "type": "object", "properties": {
                    "id": { "type": "string" }, "version": { "type": "integer" }, "name": { "$ref": "#/components/schemas/Name" },
                    "date_of_birth": { "type": "string", "format": "date" }, "in_care": { "type": "boolean" },
                    "episodes": { "type": "array", "items": { "type": "object" } },
                    "reviews": { "type": "array", "items": { "type": "object" } },
                    "social_workers": { "type": "array", "items": { "type": "object", "properties": {
                        "worker": { "type": "string", "description": "The worker's identifier" },
                        "worker_name": { "type": ["string", "null"], "description": "The worker's name" },
                        "start": { "type": "string", "format": "date" }, "end": { "type": ["string", "null"], "format": "date" }
                    } } },
                    "deadlines": { "type": "array", "items": { "type": "object", "properties": { "rule": { "type": "string" }, "title": { "type": "string" }, "due": { "type": "string", "format": "date" } } } },
                    "team": { "type": "array", "description": "The team around the child today (ROLE-011)", "items": { "type": "object", "properties": {
                        "part": { "type": "string", "description": "iro, supervising_social_worker, team_manager, support_worker, carer, school_contact, health_contact, rights_officer_or_advocate" },
                        "part_label": { "type": "string" }, "user": { "type": ["string", "null"], "description": "The user's username, for a part held by staff" },
                        "name": { "type": "string" }, "since": { "type": "string", "format": "date" }
                    } } }
                } },
                "WorkItem": { "type": "object", "properties": {
                    "case": { "type": "string", "description": "The child's identifier" }, "name": { "type": "string", "description": "The child's name" },
                    "date_of_birth": { "type": ["string", "null"], "format": "date" },
                    "worker": { "type": ["string", "null"], "description": "The allocated social worker's identifier" },
                    "worker_name": { "type": ["string", "null"], "description": "The allocated social worker's name" },
                    "team": { "type": ["string", "null"] }, "rule": { "type": "string" }, "title": { "type": "string" },
                    "due": { "type": "string", "format": "date" }, "days_left": { "type": "integer" }, "standing": { "type": "string" },
                    "responsible": { "type": "string", "description": "The role that does it" },
                    "escalate_to": { "type": "string", "description": "The role it escalates to" },
                    "escalate_to_people": { "type": "array", "items": { "$ref": "#/components/schemas/Person" }, "description": "Who holds that role for the team (its managers), by name" },
                    "met_by": { "type": "string", "description": "The activity that meets it" }
                } },
                "DriftAlert": { "type": "object", "properties": {
                    "case": { "type": "string" }, "team": { "type": ["string", "null"] }, "rule": { "type": "string" }, "reason": { "type": "string" },
                    "since": { "type": "string", "format": "date" }, "escalate_to": { "type": "string" },
                    "escalate_to_people": { "type": "array", "items": { "$ref": "#/components/schemas/Person" } }
                } }
            }
        },
        "paths": {
            "/openapi.json": { "get": { "summary": "This document", "security": [], "responses": { "200": { "description": "The OpenAPI document" } } } },
            "/children": { "get": {
                "summary": "Search the children the user may see",
                "parameters": [
                    { "name": "q", "in": "query", "schema": { "type": "string" }, "description": "Name, identifier or date of birth" },
                    { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1 } },
                    { "name": "all", "in": "query", "schema": { "type": "boolean" }, "description": "Include children no longer in care" }
                ],
                "responses": { "200": { "description": "A page of children, each with their allocated worker by identifier and name", "content": { "application/json": { "schema": { "type": "object", "properties": { "total": { "type": "integer" }, "page": { "type": "integer" }, "per_page": { "type": "integer" }, "children": { "type": "array", "items": { "$ref": "#/components/schemas/ChildSummary" } } } } } } }, "401": { "description": "No or unknown token", "content": { "application/json": { "schema": error } } }, "403": { "description": "The role may not search", "content": { "application/json": { "schema": error } } } }
            } },
            "/children/{id}": { "get": {
                "summary": "A child's record, with the care journey and open deadlines",
                "parameters": with_id,
                "responses": { "200": { "description": "The record, its social workers by identifier and name", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Child" } } } }, "403": { "description": "Not the user's to see", "content": { "application/json": { "schema": error } } }, "404": { "description": "No such child", "content": { "application/json": { "schema": error } } } }
            } },
            "/children/{id}/reviews": { "post": {
                "summary": "Record a review",
                "parameters": with_id,
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["date", "participation", "version"],
                    "properties": { "date": { "type": "string", "format": "date" }, "participation": { "type": "string", "description": "PN0 to PN7" }, "version": { "type": "integer", "description": "The record's version as read" } }
                } } } },
                "responses": { "201": { "description": "Recorded; the record's new version" }, "409": { "description": "The record changed since it was read", "content": { "application/json": { "schema": error } } }, "422": { "description": "The review is not valid" } }
            } },
            "/worklist": { "get": {
                "summary": "Deadlines overdue or due in the next 14 days, and drift alerts",
                "responses": { "200": { "description": "The worklist: each item's worker and the managers it escalates to by identifier and name", "content": { "application/json": { "schema": { "type": "object", "properties": {
                    "as_of": { "type": "string", "format": "date" },
                    "items": { "type": "array", "items": { "$ref": "#/components/schemas/WorkItem" } },
                    "drift": { "type": "array", "items": { "$ref": "#/components/schemas/DriftAlert" } }
                } } } } } }
            } }
        }
    });
    if let (Some(paths), Value::Object(more)) = (
        doc["paths"].as_object_mut(),
        crate::households::openapi_paths(),
    ) {
        paths.extend(more);
    }
    doc
}

pub(crate) async fn openapi() -> Response {
    Json(openapi_document()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_openapi_document_describes_every_api_route_and_no_other() {
        let doc = openapi_document();
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = doc["paths"].as_object().unwrap();
        let mut documented: Vec<(String, String)> = paths
            .iter()
            .flat_map(|(path, item)| {
                item.as_object()
                    .unwrap()
                    .keys()
                    .map(move |m| (m.to_uppercase(), format!("/api/v1{path}")))
            })
            .collect();
        let mut routed: Vec<(String, String)> = crate::ROUTES
            .iter()
            .filter(|r| r.path.starts_with("/api/"))
            .map(|r| (r.method.to_owned(), r.path.to_owned()))
            .collect();
        documented.sort();
        routed.sort();
        assert_eq!(documented, routed);
    }
}
