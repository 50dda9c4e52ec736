//! Starting a case of one of the chapter's other workflows, and taking its
//! moves, from the plan page.

use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::response::Response;

use super::*;
use crate::AppState;
use crate::handler::*;
use crate::session::Signed;

/// Starts a case or takes a move in one.
pub(crate) async fn cases_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let version: i64 = get("version").parse().unwrap_or(-1);
    let (action, case, workflow_id) = (get("action"), get("case"), get("workflow"));
    let (store, clock, user, child, address) = (
        state.store.clone(),
        state.clock.clone(),
        signed.user.clone(),
        id.clone(),
        from.clone(),
    );
    let result = blocking(move || {
        if action == "start" {
            app::permanence::start_case(
                &store,
                &user,
                clock.as_ref(),
                &child,
                &workflow_id,
                &address,
            )
            .map(|case| format!("Case {case} started."))
        } else {
            app::permanence::take_case_step(
                &store,
                &user,
                clock.as_ref(),
                &case,
                version,
                &action,
                &address,
            )
            .map(|c| {
                let d = &c.value.document;
                format!(
                    "Done: the case is now at \"{}\".",
                    d.workflow().map_or(d.state.as_str(), |w| w.label(&d.state))
                )
            })
        }
    })
    .await;
    plan_after(&state, &signed, &id, &from, "cases", result).await
}
