//! Raising and acting on IRO issues, from the plan page.

use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::response::Response;

use super::*;
use crate::AppState;
use crate::handler::*;
use crate::session::Signed;

/// Raises or acts on an IRO issue.
pub(crate) async fn issues_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    use app::permanence::IssueAction;
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
    let action = get("action");
    let issue_id = get("issue");
    let (issue, required, grounds) = (get("issue"), get("action_required"), get("grounds"));
    let stage = domain::permanence::iro_issues::IroStage::ALL
        .into_iter()
        .find(|s| s.code() == get("stage"))
        .unwrap_or(domain::permanence::iro_issues::IroStage::Stage0);
    let field = if action == "raise" {
        "raise-issue"
    } else {
        "issues"
    };
    let result = blocking(move || match action.as_str() {
        "raise" => app::permanence::raise_iro_issue(
            &store,
            &user,
            clock.as_ref(),
            &child,
            app::permanence::NewIssue {
                issue,
                action_required: required,
                stage,
            },
            &address,
        )
        .map(|_| "Issue raised."),
        other => {
            let act = match other {
                "escalate" => IssueAction::Escalate,
                "respond" => IssueAction::Respond,
                "resolve" => IssueAction::Resolve,
                _ => IssueAction::ReferToCafcass(grounds),
            };
            let label = match act {
                IssueAction::Escalate => "Issue escalated.",
                IssueAction::Respond => "Response recorded.",
                IssueAction::Resolve => "Issue resolved.",
                IssueAction::ReferToCafcass(_) => "Referred to Cafcass.",
            };
            app::permanence::act_on_issue(
                &store,
                &user,
                clock.as_ref(),
                &issue_id,
                version,
                act,
                &address,
            )
            .map(|_| label)
        }
    })
    .await;
    plan_after(
        &state,
        &signed,
        &id,
        &from,
        field,
        result.map(str::to_owned),
    )
    .await
}
