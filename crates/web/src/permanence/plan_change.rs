//! Proposing, agreeing and authorising a change of plan, from the plan page.

use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use domain::permanence::plan::Pathway;

use super::*;
use crate::AppState;
use crate::handler::*;
use crate::session::Signed;
use crate::ui::*;

/// Proposes, authorises or agrees a change of plan.
pub(crate) async fn change_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let version: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let (store, clock, user, child, address) = (
        state.store.clone(),
        state.clock.clone(),
        signed.user.clone(),
        id.clone(),
        from.clone(),
    );
    let (action, change_id, reasons, to) = (
        get("action"),
        get("change"),
        get("reasons"),
        Pathway::parse(&get("to")),
    );
    let on_text = get("on");
    let on = if on_text.is_empty() {
        None
    } else {
        match parse_date(&on_text) {
            Some(d) => Some(d),
            None => {
                return show_plan(
                    &state,
                    &signed,
                    &id,
                    &from,
                    vec![FieldError {
                        field: "agree-on",
                        message: format!(
                            "Enter a real date, like 27/3/2026 (\"{on_text}\" is not one)"
                        ),
                    }],
                    None,
                )
                .await;
            }
        }
    };
    let (field, done) = match action.as_str() {
        "propose" => ("change-reasons", "Change of plan proposed."),
        "authorise" => ("change", "Agreement recorded."),
        _ => (
            "agree-on",
            "Change agreed at review: the new plan is in force.",
        ),
    };
    let result = blocking(move || match action.as_str() {
        "propose" => match to {
            Some(to) => app::permanence::propose_change(
                &store,
                &user,
                clock.as_ref(),
                &child,
                version,
                app::permanence::Proposal { to, reasons },
                &address,
            )
            .map(|_| ()),
            None => Err(app::AppError::Invalid("choose the new pathway".into())),
        },
        "authorise" => app::permanence::authorise_change(
            &store,
            &user,
            clock.as_ref(),
            &change_id,
            version,
            &address,
        )
        .map(|_| ()),
        _ => app::permanence::agree_change_at_review(
            &store,
            &user,
            clock.as_ref(),
            &change_id,
            version,
            on,
            &address,
        )
        .map(|_| ()),
    })
    .await;
    plan_after(
        &state,
        &signed,
        &id,
        &from,
        field,
        result.map(|()| done.to_owned()),
    )
    .await
}
