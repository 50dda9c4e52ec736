//! The users of the service, for a system administrator: who can sign in,
//! deactivating and reactivating an account, and revoking API tokens. The
//! same acts are `permanence user ...` commands.

use axum::extract::Path;
use axum::http::StatusCode;
use domain::access::User;
use domain::audit::Actor;

use crate::handler::*;
use crate::ui::*;

fn status(active: bool) -> &'static str {
    if active { "Active" } else { "Deactivated" }
}

/// Every user, with a link to each.
pub(crate) async fn users(caller: Caller) -> Page {
    let users = caller.page(|c| app::auth::users(&c.store)).await?;
    let mut list = part("users", "People who sign in");
    list.table_headers = ["Username", "Name", "Role", "Team", "Status"]
        .map(String::from)
        .to_vec();
    list.table_rows = users
        .iter()
        .map(|(u, active)| {
            vec![
                Cell {
                    text: u.username.clone(),
                    href: Some(format!(
                        "/users/{}",
                        crate::session::url_encode(&u.username)
                    )),
                },
                cell(u.display_name.clone()),
                cell(u.role.title()),
                cell(u.team.clone().unwrap_or_default()),
                cell(status(*active)),
            ]
        })
        .collect();
    list.paragraphs = vec![
        "Add users with `permanence user add`. Deactivating an account ends its sessions and revokes its API tokens.".into(),
    ];
    Ok(page(&caller, "Users", None, vec![], vec![list]))
}

fn page(
    caller: &Caller,
    title: &str,
    success: Option<String>,
    errors: Vec<FieldError>,
    sections: Vec<Part>,
) -> axum::response::Response {
    RecordPage {
        back: Some(("/users".into(), "All users".into())),
        errors,
        notices: vec![],
        success,
        sections,
        ..RecordPage::new(Chrome::new(title, Some(&caller.signed), "/users"))
    }
    .respond()
}

/// One user: their account, their API tokens, and what may be done.
pub(crate) async fn user(caller: Caller, Path(username): Path<String>) -> Page {
    user_page(&caller, &username, None, vec![]).await
}

async fn user_page(
    caller: &Caller,
    username: &str,
    success: Option<String>,
    errors: Vec<FieldError>,
) -> Page {
    let name = username.to_owned();
    let (users, tokens) = caller
        .page(move |c| {
            Ok((
                app::auth::users(&c.store)?,
                app::auth::api_tokens(&c.store, &name)?,
            ))
        })
        .await?;
    let Some((user, active)) = users.into_iter().find(|(u, _)| u.username == username) else {
        return Err(caller.message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no such user."],
        ));
    };
    let action = format!("/users/{}", crate::session::url_encode(username));
    let mut account = part("account", "Account");
    account.rows = account_rows(&user, active);
    let (verb, button) = if active {
        ("deactivate", "Deactivate")
    } else {
        ("reactivate", "Reactivate")
    };
    account.forms = vec![button_form(
        verb,
        &action,
        button,
        vec![("action", verb.to_owned())],
    )];
    let mut api = part("tokens", "API tokens");
    api.table_headers = ["Id", "Label", "Issued", "Expires", "Status"]
        .map(String::from)
        .to_vec();
    let now = caller.clock().now();
    let day = |t: domain::time::Timestamp| t.format("%Y-%m-%d").to_string();
    for t in &tokens {
        let expiry = app::auth::token_expiry(t);
        let state = match (t.revoked_at, expiry <= now) {
            (Some(at), _) => format!("Revoked {}", day(at)),
            (None, true) => "Expired".into(),
            (None, false) => "Live".into(),
        };
        api.table_rows.push(vec![
            cell(t.id.clone()),
            cell(t.label.clone()),
            cell(day(t.created_at)),
            cell(day(expiry)),
            cell(state.clone()),
        ]);
        if state == "Live" {
            let mut form = button_form(
                &format!("revoke-{}", t.id),
                &action,
                &format!("Revoke token {}", t.id),
                vec![("action", "revoke".into()), ("token", t.id.clone())],
            );
            form.secondary = true;
            api.forms.push(form);
        }
    }
    if tokens.is_empty() {
        api.paragraphs = vec!["No API tokens. Issue one with `permanence user token`.".into()];
    }
    Ok(page(
        caller,
        &user.display_name,
        success,
        errors,
        vec![account, api],
    ))
}

fn account_rows(user: &User, active: bool) -> Vec<(String, String)> {
    vec![
        ("Username".into(), user.username.clone()),
        ("Role".into(), user.role.title().into()),
        (
            "Team".into(),
            user.team.clone().unwrap_or_else(|| "None".into()),
        ),
        ("Status".into(), status(active).into()),
    ]
}

/// Deactivates or reactivates the user, or revokes one of their tokens.
pub(crate) async fn user_post(
    caller: Caller,
    Path(username): Path<String>,
    fields: Fields,
) -> Page {
    let action = fields.get("action");
    let token = fields.get("token");
    let actor = Actor {
        user_id: caller.user().username.clone(),
        from: Some(caller.from.clone()),
    };
    let name = username.clone();
    let result = caller
        .run(move |c| {
            let (store, clock) = (&c.store, c.clock());
            match action.as_str() {
                "deactivate" => app::auth::deactivate_user(store, &actor, clock, &name).map(|()| {
                    format!(
                        "{name} is deactivated: their sessions ended and their tokens were revoked"
                    )
                }),
                "reactivate" => app::auth::reactivate_user(store, &actor, clock, &name)
                    .map(|()| format!("{name} can sign in again")),
                "revoke" => app::auth::revoke_api_token(store, &actor, clock, &token)
                    .map(|()| format!("Token {token} is revoked")),
                _ => Err(app::AppError::Invalid("choose what to do".into())),
            }
        })
        .await;
    match result {
        Ok(done) => user_page(&caller, &username, Some(done), vec![]).await,
        Err(e) => {
            let errors = caller.form_errors(&e, "account")?;
            user_page(&caller, &username, None, errors).await
        }
    }
}
