//! Sessions, authorisation and CSRF.
//!
//! The session cookie holds a random token (the store keeps its hash); it is
//! HttpOnly and SameSite=Strict. Every form carries a CSRF token: the
//! session's for signed-in forms, and a double-submitted cookie for the
//! sign-in form. With `--secure-cookies` the cookies are `Secure` and their
//! names carry the `__Host-` prefix (no subdomain can set or read them). The
//! [`authorise`] middleware refuses a POST from another origin, then reads
//! [`crate::ROUTES`] for the matched route and either lets the request
//! through with the [`Signed`] user, sends it to sign in, or refuses it with
//! a 403 page and an audit event.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::User;

use crate::routes::RouteRule;
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

/// A cookie's name: with the `__Host-` prefix when cookies are secure.
pub(crate) fn cookie_name(name: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{name}")
    } else {
        name.to_owned()
    }
}

/// A `Set-Cookie` value for a token cookie.
pub(crate) fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> String {
    let name = cookie_name(name, secure);
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

/// The address of the client a request came from, worked out once per
/// request by the request log ([`crate::reqlog`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientAddress(pub IpAddr);

/// The client's address: the peer's, or, when the peer is the trusted proxy,
/// the last address in the `X-Forwarded-For` it added.
pub(crate) fn client_ip(
    extensions: &axum::http::Extensions,
    headers: &HeaderMap,
    trusted_proxy: Option<IpAddr>,
) -> Option<IpAddr> {
    let peer = extensions.get::<ConnectInfo<SocketAddr>>()?.0.ip();
    if trusted_proxy != Some(peer) {
        return Some(peer);
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .next_back();
    Some(forwarded.unwrap_or(peer))
}

/// Where a request came from, from its extensions.
pub(crate) fn address_of(extensions: &axum::http::Extensions) -> String {
    match extensions.get::<ClientAddress>() {
        Some(ClientAddress(ip)) => ip.to_string(),
        None => extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string()),
    }
}

/// Whether a request comes from a page of this site. A browser that sends
/// `Sec-Fetch-Site` says so itself (`same-origin`, or `none` for something
/// the person did); it cannot be set by a page. Otherwise: no `Origin` (not
/// a browser, or an old one), or an `Origin` whose host and port are the
/// request's `Host` (or, from the trusted proxy, its `X-Forwarded-Host`).
/// `Origin: null` (a sandboxed frame, a redirect from elsewhere) is another
/// origin; browsers send it for this site's own forms too because of its
/// `Referrer-Policy: no-referrer`, but they send `Sec-Fetch-Site` with it.
pub(crate) fn same_origin(headers: &HeaderMap, from_trusted_proxy: bool) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, rest)| rest);
    let host = |name: &str| headers.get(name).and_then(|h| h.to_str().ok());
    let hosts = [
        host("host"),
        from_trusted_proxy
            .then(|| host("x-forwarded-host"))
            .flatten(),
    ];
    origin_host.is_some_and(|o| hosts.iter().flatten().any(|h| o.eq_ignore_ascii_case(h)))
}

/// The user behind a session cookie, if the session is live.
async fn signed_user(state: &AppState, headers: &HeaderMap) -> Option<Signed> {
    let token = cookie(headers, &cookie_name(SESSION_COOKIE, state.secure_cookies))?;
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
    let (store, clock) = (state.store.clone(), state.clock.clone());
    let lookup = token.clone();
    let user =
        tokio::task::spawn_blocking(move || app::auth::api_user(&store, clock.as_ref(), &lookup))
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
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let proxied = peer.is_some() && peer == state.trusted_proxy;
    if req.method() != axum::http::Method::GET && !same_origin(req.headers(), proxied) {
        return crate::ui::message(
            StatusCode::FORBIDDEN,
            "Sorry, that did not work",
            &["The form was sent from another website. Go to the service and try again."],
            None,
        );
    }
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
        return refuse_unauthenticated_api(&state, rule, client_address(&req)).await;
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
        return refuse_role(&state, rule, client_address(&req), &signed, api).await;
    }
    req.extensions_mut().insert(signed);
    next.run(req).await
}

/// An API call without a valid token: audited (the route, never the token),
/// answered 401.
async fn refuse_unauthenticated_api(state: &AppState, rule: &RouteRule, from: String) -> Response {
    let (store, clock) = (state.store.clone(), state.clock.clone());
    let route = format!("{} {}", rule.method, rule.path);
    let _ = tokio::task::spawn_blocking(move || {
        app::record_unauthenticated(&store, clock.as_ref(), &route, &from)
    })
    .await;
    crate::api::error(
        StatusCode::UNAUTHORIZED,
        "send an API token as `Authorization: Bearer TOKEN` (permanence user token)",
    )
}

/// A route the signed-in user's role does not allow: audited, answered 403.
async fn refuse_role(
    state: &AppState,
    rule: &RouteRule,
    from: String,
    signed: &Signed,
    api: bool,
) -> Response {
    let (store, clock, user) = (
        state.store.clone(),
        state.clock.clone(),
        signed.user.clone(),
    );
    let route = format!("{} {}", rule.method, rule.path);
    let _ = tokio::task::spawn_blocking(move || {
        app::record_refusal(&store, &user, clock.as_ref(), &route, &from)
    })
    .await;
    if api {
        return crate::api::error(StatusCode::FORBIDDEN, "your role does not allow this");
    }
    crate::ui::message(
        StatusCode::FORBIDDEN,
        "You do not have permission to see this page",
        &["Your role does not allow it. Ask your manager if you need access."],
        Some(signed),
    )
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

/// A path on this site to go to after signing in, or `/` for anything else,
/// so the form cannot send people to another site: it must start with one
/// `/`, and neither it nor its percent-decoded form may hold `//`, a backslash
/// or a control character (browsers drop tabs and newlines, so `/\t/x`
/// is read as `//x`, another site).
pub(crate) fn safe_next(next: &str) -> &str {
    let decoded = percent_decode(next);
    let local = |p: &str| {
        p.starts_with('/')
            && !p.contains("//")
            && !p.contains('\\')
            && !p.chars().any(char::is_control)
    };
    if local(next) && local(&decoded) && next.parse::<axum::http::Uri>().is_ok() {
        next
    } else {
        "/"
    }
}

/// Percent-decodes a value (bytes that do not decode are kept as they are).
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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
        assert_eq!(safe_next("/\t/evil.example"), "/");
        assert_eq!(safe_next("/%09/evil.example"), "/");
        assert_eq!(safe_next("/%2f%2fevil.example"), "/");
        assert_eq!(safe_next("/children?q=a%20b"), "/children?q=a%20b");
    }

    #[test]
    fn only_a_post_from_this_site_or_without_an_origin_is_same_origin() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, "service.example:8443".parse().unwrap());
        assert!(same_origin(&h, false));
        h.insert(
            header::ORIGIN,
            "https://service.example:8443".parse().unwrap(),
        );
        assert!(same_origin(&h, false));
        h.insert(header::ORIGIN, "https://evil.example".parse().unwrap());
        assert!(!same_origin(&h, false));
        h.insert(header::ORIGIN, "null".parse().unwrap());
        assert!(!same_origin(&h, false));
        h.insert(
            header::ORIGIN,
            "https://permanence.council.example".parse().unwrap(),
        );
        h.insert(
            "x-forwarded-host",
            "permanence.council.example".parse().unwrap(),
        );
        assert!(same_origin(&h, true), "the trusted proxy names the host");
        assert!(!same_origin(&h, false), "anyone else cannot");
        h.insert(header::ORIGIN, "null".parse().unwrap());
        h.insert("sec-fetch-site", "same-origin".parse().unwrap());
        assert!(same_origin(&h, false), "the browser says it is this site");
        h.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(!same_origin(&h, false));
    }

    #[test]
    fn tokens_compare_equal_only_when_equal() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("", ""));
    }
}
