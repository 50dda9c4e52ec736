//! Sessions, authorisation and CSRF.
//!
//! The session cookie holds a random token (the store keeps its hash); it is
//! HttpOnly and SameSite=Strict. Every form carries a CSRF token: the
//! session's for signed-in forms, and a double-submitted cookie for the
//! sign-in form. The [`authorise`] middleware reads [`crate::ROUTES`] for the
//! matched route and either lets the request through with the [`Signed`]
//! user, sends it to sign in, or refuses it with a 403 page and an audit event.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::User;

use crate::{Access, AppState, rule_for};

pub(crate) const SESSION_COOKIE: &str = "permanence_session";
pub(crate) const CSRF_COOKIE: &str = "permanence_csrf";

/// The signed-in user of a request, with their session's tokens.
#[derive(Debug, Clone)]
pub struct Signed {
    pub user: User,
    pub csrf_token: String,
    pub session_token: String,
}

/// A cookie's value from the request headers.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value for a token cookie.
pub(crate) fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if secure {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    c
}

/// Compares two tokens in time that does not depend on where they differ.
pub(crate) fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && !a.is_empty()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Where a request came from, for the audit trail.
pub(crate) fn client_address(req: &Request) -> String {
    address_of(req.extensions())
}

/// Where a request came from, from its extensions.
pub(crate) fn address_of(extensions: &axum::http::Extensions) -> String {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string())
}

/// The user behind a session cookie, if the session is live.
async fn signed_user(state: &AppState, headers: &HeaderMap) -> Option<Signed> {
    let token = cookie(headers, SESSION_COOKIE)?;
    let store = state.store.clone();
    let clock = state.clock.clone();
    let lookup = token.clone();
    let found = tokio::task::spawn_blocking(move || {
        app::auth::session_user(&store, clock.as_ref(), &lookup)
    })
    .await
    .ok()?
    .ok()??;
    Some(Signed {
        user: found.0,
        csrf_token: found.1,
        session_token: token,
    })
}

/// The user behind an API token (`Authorization: Bearer TOKEN`).
async fn api_user(state: &AppState, headers: &HeaderMap) -> Option<Signed> {
    let token = headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?
        .trim()
        .to_owned();
    let store = state.store.clone();
    let lookup = token.clone();
    let user = tokio::task::spawn_blocking(move || app::auth::api_user(&store, &lookup))
        .await
        .ok()?
        .ok()??;
    // API requests carry no cookies, so no CSRF token is needed or given.
    Some(Signed {
        user,
        csrf_token: String::new(),
        session_token: String::new(),
    })
}

/// Applies the route table to every routed request.
pub(crate) async fn authorise(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let Some(rule) = rule_for(req.method(), &path) else {
        return crate::ui::message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["If you typed the web address, check it is correct."],
            None,
        );
    };
    if rule.access == Access::Public {
        if let Some(signed) = signed_user(&state, req.headers()).await {
            req.extensions_mut().insert(signed);
        }
        return next.run(req).await;
    }
    let api = path.starts_with("/api/");
    let signed = if api {
        api_user(&state, req.headers()).await
    } else {
        signed_user(&state, req.headers()).await
    };
    if api && signed.is_none() {
        let (store, clock) = (state.store.clone(), state.clock.clone());
        let (route, from) = (
            format!("{} {}", rule.method, rule.path),
            client_address(&req),
        );
        let _ = tokio::task::spawn_blocking(move || {
            app::record_unauthenticated(&store, clock.as_ref(), &route, &from)
        })
        .await;
        return crate::api::error(
            StatusCode::UNAUTHORIZED,
            "send an API token as `Authorization: Bearer TOKEN` (permanence user token)",
        );
    }
    let Some(signed) = signed else {
        let target = req
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        let next_param: String = url_encode(&target);
        return Redirect::to(&format!("/sign-in?next={next_param}")).into_response();
    };
    if let Access::Needs(permission) = rule.access
        && !signed.user.may(permission)
    {
        let (store, clock, user) = (
            state.store.clone(),
            state.clock.clone(),
            signed.user.clone(),
        );
        let (route, from) = (
            format!("{} {}", rule.method, rule.path),
            client_address(&req),
        );
        let _ = tokio::task::spawn_blocking(move || {
            app::record_refusal(&store, &user, clock.as_ref(), &route, &from)
        })
        .await;
        if api {
            return crate::api::error(StatusCode::FORBIDDEN, "your role does not allow this");
        }
        return crate::ui::message(
            StatusCode::FORBIDDEN,
            "You do not have permission to see this page",
            &["Your role does not allow it. Ask your manager if you need access."],
            Some(&signed),
        );
    }
    req.extensions_mut().insert(signed);
    next.run(req).await
}

/// Percent-encodes a value for a query string.
pub(crate) fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A local path to go to after signing in, or `/` for anything else (so the
/// form cannot send people to another site).
pub(crate) fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; permanence_session=abc; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(cookie(&h, "missing"), None);
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/children/C1"), "/children/C1");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
    }

    #[test]
    fn tokens_compare_equal_only_when_equal() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("", ""));
    }
}
