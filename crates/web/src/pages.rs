//! The pages: one handler each, reading the request, calling a use case and
//! rendering a template.

use askama::Template;
use axum::Extension;
use axum::extract::{Form, FromRequest, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::codes::{CodeList, ReviewParticipation};
use domain::deadlines::Standing;
use domain::journey::{CareJourney, Review};
use serde::Deserialize;
use store::{AuditFilter, AuditLog, ChildSearch, ChildSort, StaffRepository};

use crate::AppState;
use crate::session::{
    CSRF_COOKIE, SESSION_COOKIE, Signed, client_address, cookie, safe_next, same_token, set_cookie,
    url_encode,
};

/// A link in the service navigation.
pub(crate) struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

/// What the layout needs on every page.
pub(crate) struct Chrome {
    pub title: String,
    pub user: Option<User>,
    pub csrf_token: String,
    pub nav: Vec<NavItem>,
    pub has_errors: bool,
    /// Reload the page after this many seconds (a progress page).
    pub refresh: Option<u32>,
}

impl Chrome {
    /// The same page, reloading every `seconds` while `Some`.
    pub(crate) fn refreshing(mut self, seconds: Option<u32>) -> Self {
        self.refresh = seconds;
        self
    }

    pub(crate) fn new(title: impl Into<String>, signed: Option<&Signed>, active: &str) -> Self {
        let nav = signed
            .map(|s| {
                let mut items = Vec::new();
                let u = &s.user;
                if u.may(Permission::ViewCaseload) {
                    items.push(NavItem {
                        href: "/",
                        label: "Children",
                        active: active == "/",
                    });
                }
                if u.may(Permission::ViewWorklist) {
                    items.push(NavItem {
                        href: "/worklist",
                        label: "Worklist",
                        active: active == "/worklist",
                    });
                }
                if u.may(Permission::ViewTracking) {
                    items.push(NavItem {
                        href: "/tracking",
                        label: "Tracking",
                        active: active == "/tracking",
                    });
                }
                if u.may(Permission::CheckReturns) {
                    items.push(NavItem {
                        href: "/returns/check",
                        label: "SSDA903",
                        active: active == "/returns/check",
                    });
                }
                if u.may(Permission::ImportReturns) {
                    items.push(NavItem {
                        href: "/returns/import",
                        label: "Import",
                        active: active == "/returns/import",
                    });
                }
                if u.may(Permission::ViewPanels) {
                    items.push(NavItem {
                        href: "/panels",
                        label: "Panels",
                        active: active == "/panels",
                    });
                }
                if u.may(Permission::ViewAuditLog) {
                    items.push(NavItem {
                        href: "/audit",
                        label: "Audit log",
                        active: active == "/audit",
                    });
                }
                if u.may(Permission::ExportSubjectAccess) {
                    items.push(NavItem {
                        href: "/audit/subject-access",
                        label: "Subject access",
                        active: active == "/audit/subject-access",
                    });
                }
                items
            })
            .unwrap_or_default();
        Self {
            title: title.into(),
            user: signed.map(|s| s.user.clone()),
            csrf_token: signed.map(|s| s.csrf_token.clone()).unwrap_or_default(),
            nav,
            has_errors: false,
            refresh: None,
        }
    }
}

/// An error in a form, for the summary and the field.
pub(crate) struct FieldError {
    pub field: &'static str,
    pub message: String,
}

pub(crate) fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry, there is a problem with the service",
        )
            .into_response(),
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    chrome: Chrome,
    paragraphs: &'a [&'a str],
}

/// A page with a heading and a few paragraphs (errors, refusals).
pub(crate) fn message(
    status: StatusCode,
    title: &str,
    paragraphs: &[&str],
    signed: Option<&Signed>,
) -> Response {
    render(
        status,
        &MessagePage {
            chrome: Chrome::new(title, signed, ""),
            paragraphs,
        },
    )
}

fn problem(e: &app::AppError, signed: &Signed) -> Response {
    match e {
        app::AppError::ChildNotFound(_) => message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no child with that identifier."],
            Some(signed),
        ),
        app::AppError::Forbidden(_) => message(
            StatusCode::FORBIDDEN,
            "You do not have permission to see this page",
            &["This child is not allocated to your team. Ask your manager if you need access."],
            Some(signed),
        ),
        _ => message(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry, there is a problem with the service",
            &["Try again later. Nothing you entered has been saved."],
            Some(signed),
        ),
    }
}

/// Runs blocking store work off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work)
        .await
        .expect("store work does not panic")
}

/// Whether the service and its database answer.
pub(crate) async fn health(State(state): State<AppState>) -> Response {
    let store = state.store.clone();
    let backend = store.backend().to_string();
    let count =
        blocking(move || app::list_children(&store, store::ChildFilter::All, 1, 1).map(|(_, n)| n))
            .await;
    match count {
        Ok(children) => axum::Json(
            serde_json::json!({ "status": "ok", "database": backend, "children": children }),
        )
        .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({ "status": "unavailable", "database": backend })),
        )
            .into_response(),
    }
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    errors: Vec<FieldError>,
    username: String,
    next: String,
}

#[derive(Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
}

fn sign_in_form(
    state: &AppState,
    status: StatusCode,
    username: String,
    next: String,
    errors: Vec<FieldError>,
) -> Response {
    let token = app::auth::new_token();
    let mut chrome = Chrome::new("Sign in", None, "");
    chrome.csrf_token = token.clone();
    chrome.has_errors = !errors.is_empty();
    let mut response = render(
        status,
        &SignInPage {
            chrome,
            errors,
            username,
            next,
        },
    );
    if let Ok(value) = set_cookie(CSRF_COOKIE, &token, state.secure_cookies, None).parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub(crate) async fn sign_in_page(
    State(state): State<AppState>,
    Query(q): Query<NextQuery>,
) -> Response {
    sign_in_form(
        &state,
        StatusCode::OK,
        String::new(),
        q.next.unwrap_or_else(|| "/".into()),
        vec![],
    )
}

#[derive(Deserialize)]
pub(crate) struct SignInForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub(crate) async fn sign_in(State(state): State<AppState>, req: Request) -> Response {
    let from = client_address(&req);
    let headers = req.headers().clone();
    let Ok(Form(form)) = Form::<SignInForm>::from_request(req, &state).await else {
        return sign_in_form(
            &state,
            StatusCode::BAD_REQUEST,
            String::new(),
            "/".into(),
            vec![FieldError {
                field: "username",
                message: "Enter your username and password".into(),
            }],
        );
    };
    let expected = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
    if !same_token(&form.csrf_token, &expected) {
        return sign_in_form(
            &state,
            StatusCode::BAD_REQUEST,
            form.username,
            form.next,
            vec![FieldError {
                field: "username",
                message: "Your session expired: sign in again".into(),
            }],
        );
    }
    if form.username.trim().is_empty() || form.password.is_empty() {
        return sign_in_form(
            &state,
            StatusCode::OK,
            form.username,
            form.next,
            vec![FieldError {
                field: "username",
                message: "Enter your username and password".into(),
            }],
        );
    }
    let store = state.store.clone();
    let clock = state.clock.clone();
    let (username, password) = (form.username.trim().to_owned(), form.password.clone());
    let result =
        blocking(move || app::auth::sign_in(&store, clock.as_ref(), &username, &password, &from))
            .await;
    match result {
        Ok(signed) => {
            let mut response = Redirect::to(safe_next(&form.next)).into_response();
            let headers = response.headers_mut();
            if let Ok(v) =
                set_cookie(SESSION_COOKIE, &signed.token, state.secure_cookies, None).parse()
            {
                headers.append(header::SET_COOKIE, v);
            }
            if let Ok(v) = set_cookie(CSRF_COOKIE, "", state.secure_cookies, Some(0)).parse() {
                headers.append(header::SET_COOKIE, v);
            }
            response
        }
        Err(e) => sign_in_form(
            &state,
            StatusCode::OK,
            form.username,
            form.next,
            vec![FieldError {
                field: "username",
                message: e.to_string(),
            }],
        ),
    }
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

pub(crate) async fn sign_out(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if !same_token(&form.csrf_token, &signed.csrf_token) {
        return message(
            StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &["The form was out of date. Go back, reload the page and try again."],
            Some(&signed),
        );
    }
    let store = state.store.clone();
    let clock = state.clock.clone();
    let (token, username) = (signed.session_token.clone(), signed.user.username.clone());
    let _ = blocking(move || app::auth::sign_out(&store, clock.as_ref(), &token, &username)).await;
    let mut response = Redirect::to("/sign-in").into_response();
    if let Ok(v) = set_cookie(SESSION_COOKIE, "", state.secure_cookies, Some(0)).parse() {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// The home page: the children of the user's caseload, or where their role starts.
pub(crate) async fn home(
    state: State<AppState>,
    signed: Extension<Signed>,
    query: Query<ListQuery>,
    headers: HeaderMap,
) -> Response {
    let user = &signed.user;
    if user.may(Permission::SearchChildren) {
        return children(state, signed, query, headers).await;
    }
    if user.may(Permission::ViewAuditLog) {
        return Redirect::to("/audit").into_response();
    }
    message(
        StatusCode::OK,
        &format!("Welcome, {}", user.display_name),
        &[
            "Your role does not include children's records. Figures and reports arrive here as the service grows.",
        ],
        Some(&signed),
    )
}

#[derive(Deserialize, Default)]
pub(crate) struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    sort: Option<String>,
    #[serde(default)]
    all: Option<String>,
    #[serde(default)]
    format: Option<String>,
}

pub(crate) struct ChildRow {
    pub id: String,
    pub name: String,
    pub date_of_birth: String,
    pub since: String,
    pub legal_status: String,
    pub placement: String,
    pub next_deadline: String,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "caseload.html")]
struct CaseloadPage {
    chrome: Chrome,
    heading: String,
    q: String,
    all: bool,
    sort: String,
    sorts: Vec<(&'static str, &'static str)>,
    total: i64,
    page: i64,
    pages: i64,
    rows: Vec<ChildRow>,
    csv_href: String,
    prev_href: Option<String>,
    next_href: Option<String>,
}

const PER_PAGE: i64 = 25;
const CSV_LIMIT: i64 = 100_000;

pub(crate) fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn code_text<C: CodeList>(c: Option<C>) -> String {
    c.map(|c| format!("{} {}", c.code(), c.description()))
        .unwrap_or_default()
}

/// The list of children a user may see, searched, sorted, paged, or as CSV.
pub(crate) async fn children(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Query(q): Query<ListQuery>,
    _headers: HeaderMap,
) -> Response {
    let sort = match q.sort.as_deref() {
        Some("dob") => ChildSort::DateOfBirth,
        Some("since") => ChildSort::InCareSince,
        Some("id") => ChildSort::Identifier,
        _ => ChildSort::Name,
    };
    let sort_value = match sort {
        ChildSort::DateOfBirth => "dob",
        ChildSort::InCareSince => "since",
        ChildSort::Identifier => "id",
        ChildSort::Name => "name",
    };
    let all = q.all.is_some();
    let csv = q.format.as_deref() == Some("csv");
    let page = q.page.unwrap_or(1).max(1);
    let search = ChildSearch {
        text: q.q.clone(),
        team: None,
        in_care_only: !all,
        sort,
    };
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let (per_page, page_for_query) = if csv {
        (CSV_LIMIT, 1)
    } else {
        (PER_PAGE, page)
    };
    let result = blocking(move || {
        let (rows, total) = app::search_children(
            &store,
            &user,
            clock.as_ref(),
            search,
            page_for_query,
            per_page,
            "web",
        )?;
        let today = clock.today();
        let list: Vec<ChildRow> = rows
            .iter()
            .map(|c| {
                let (next, overdue) = match &c.next_deadline {
                    Some((due, _rule, title)) => {
                        (format!("{title} by {}", long_date(*due)), *due < today)
                    }
                    None => ("None".to_owned(), false),
                };
                ChildRow {
                    id: c.id.to_string(),
                    name: c.name.full(),
                    date_of_birth: long_date(c.date_of_birth),
                    since: c
                        .period_start
                        .map(long_date)
                        .unwrap_or_else(|| "Not in care".into()),
                    legal_status: code_text(c.legal_status),
                    placement: code_text(c.placement_type),
                    next_deadline: next,
                    overdue,
                }
            })
            .collect();
        Ok::<_, app::AppError>((list, total))
    })
    .await;
    let (rows, total) = match result {
        Ok(v) => v,
        Err(e) => return problem(&e, &signed),
    };
    if csv {
        audited_export(&state, &signed, "children", rows.len()).await;
        let mut out =
            String::from("identifier,name,date_of_birth,in_care_since,legal_status,placement\n");
        for r in &rows {
            out.push_str(
                &[
                    &r.id,
                    &r.name,
                    &r.date_of_birth,
                    &r.since,
                    &r.legal_status,
                    &r.placement,
                ]
                .map(|f| csv_field(f))
                .join(","),
            );
            out.push('\n');
        }
        return (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"children.csv\"",
                ),
            ],
            out,
        )
            .into_response();
    }
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let link = |p: i64| {
        let mut s = format!("/?q={}&sort={sort_value}&page={p}", url_encode(&q.q));
        if all {
            s.push_str("&all=1");
        }
        s
    };
    let heading = if signed.user.team.is_some()
        && matches!(
            signed.user.child_scope(),
            domain::access::ChildScope::Team(_)
        ) {
        format!(
            "Children in care: {} team",
            signed.user.team.clone().unwrap_or_default()
        )
    } else {
        "Children in care".to_owned()
    };
    let mut csv_href = link(1);
    csv_href.push_str("&format=csv");
    render(
        StatusCode::OK,
        &CaseloadPage {
            chrome: Chrome::new("Children", Some(&signed), "/"),
            heading,
            q: q.q.clone(),
            all,
            sort: sort_value.to_owned(),
            sorts: vec![
                ("name", "Name"),
                ("dob", "Date of birth"),
                ("since", "In care since"),
                ("id", "Identifier"),
            ],
            total,
            page,
            pages,
            rows,
            csv_href,
            prev_href: (page > 1).then(|| link(page - 1)),
            next_href: (page < pages).then(|| link(page + 1)),
        },
    )
}

/// A CSV field, quoted when it must be.
pub fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

pub(crate) struct TimelineItem {
    pub title: String,
    pub date: String,
    pub description: String,
}

pub(crate) struct DeadlineRow {
    pub title: &'static str,
    pub rule: &'static str,
    pub due: String,
    pub status: &'static str,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "child.html")]
struct ChildPage {
    chrome: Chrome,
    id: String,
    name: String,
    in_care: bool,
    may_record_review: bool,
    details: Vec<(&'static str, String)>,
    timeline: Vec<TimelineItem>,
    deadlines: Vec<DeadlineRow>,
}

fn timeline(journey: &CareJourney) -> Vec<TimelineItem> {
    let mut items: Vec<(NaiveDate, TimelineItem)> = Vec::new();
    for e in journey.episodes() {
        let title = match e.reason_new_episode {
            domain::codes::ReasonNewEpisode::Started => "Started to be looked after".to_owned(),
            other => other.description().to_owned(),
        };
        items.push((
            e.start,
            TimelineItem {
                title,
                date: long_date(e.start),
                description: format!(
                    "{} · {}",
                    e.legal_status.description(),
                    e.placement.placement_type.description()
                ),
            },
        ));
        if let Some(end) = e.end.filter(|x| x.reason.ends_care()) {
            items.push((
                end.date,
                TimelineItem {
                    title: "Left care".into(),
                    date: long_date(end.date),
                    description: end.reason.description().to_owned(),
                },
            ));
        }
    }
    for r in journey.reviews() {
        items.push((
            r.date,
            TimelineItem {
                title: "Review".into(),
                date: long_date(r.date),
                description: r.participation.description().to_owned(),
            },
        ));
    }
    items.sort_by_key(|item| std::cmp::Reverse(item.0));
    items.into_iter().map(|(_, i)| i).collect()
}

fn details(journey: &CareJourney) -> Vec<(&'static str, String)> {
    let c = journey.child();
    let current = journey.current_episode();
    vec![
        ("Date of birth", long_date(c.date_of_birth)),
        ("Sex", c.sex.description().to_owned()),
        ("Ethnicity", c.ethnicity.description().to_owned()),
        (
            "Unique pupil number",
            c.pupil_number
                .as_ref()
                .map(|p| p.as_return_value().to_owned())
                .unwrap_or_else(|| "Not recorded".into()),
        ),
        (
            "Legal status",
            current
                .map(|e| code_text(Some(e.legal_status)))
                .unwrap_or_else(|| "Not in care".into()),
        ),
        (
            "Placement",
            current
                .map(|e| code_text(Some(e.placement.placement_type)))
                .unwrap_or_default(),
        ),
        (
            "Social worker",
            journey
                .social_workers()
                .last()
                .map(|s| s.worker_id.clone())
                .unwrap_or_else(|| "Not allocated".into()),
        ),
        (
            "Unaccompanied asylum-seeking child",
            if c.uasc.is_some() { "Yes" } else { "No" }.to_owned(),
        ),
    ]
}

pub(crate) async fn child(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let Ok(id) = ChildId::parse(&id) else {
        return message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no child with that identifier."],
            Some(&signed),
        );
    };
    let from = client_address(&req);
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let opened = blocking(move || {
        let journey = app::open_child(&store, &user, clock.as_ref(), &id, &from)?;
        let teams: std::collections::HashMap<String, String> = store
            .read(|tx| tx.workers())?
            .into_iter()
            .map(|w| (w.id, w.team))
            .collect();
        Ok::<_, app::AppError>((journey, teams))
    })
    .await;
    let (journey, teams) = match opened {
        Ok(v) => v,
        Err(e) => return problem(&e, &signed),
    };
    let today = state.clock.today();
    let case = app::case_of(&journey.value, &teams);
    let mut open: Vec<_> =
        domain::deadlines::open_deadlines(&domain::deadline_rules::RULES, &case.events, case.facts)
            .into_iter()
            .filter(|d| d.met.is_none())
            .collect();
    open.sort_by_key(|d| d.due);
    let deadlines = open
        .iter()
        .map(|d| {
            let standing = d.standing(today);
            DeadlineRow {
                title: d.rule.title,
                rule: d.rule.id,
                due: long_date(d.due),
                status: match standing {
                    Standing::Overdue => "Overdue",
                    Standing::DueSoon => "Due soon",
                    _ => "Upcoming",
                },
                overdue: standing == Standing::Overdue,
            }
        })
        .collect();
    let j = &journey.value;
    render(
        StatusCode::OK,
        &ChildPage {
            chrome: Chrome::new(j.child().name.full(), Some(&signed), "/"),
            id: j.id().to_string(),
            name: j.child().name.full(),
            in_care: j.current_episode().is_some(),
            may_record_review: signed.user.may(Permission::RecordReview),
            details: details(j),
            timeline: timeline(j),
            deadlines,
        },
    )
}

#[derive(Template)]
#[template(path = "review_form.html")]
struct ReviewFormPage {
    chrome: Chrome,
    id: String,
    name: String,
    version: i64,
    errors: Vec<FieldError>,
    date_error: Option<String>,
    participation_error: Option<String>,
    day: String,
    month: String,
    year: String,
    participation: String,
    participations: Vec<(&'static str, &'static str)>,
}

#[derive(Deserialize, Default)]
pub(crate) struct ReviewForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    day: String,
    #[serde(default)]
    month: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    participation: String,
}

fn review_page(
    signed: &Signed,
    journey: &CareJourney,
    version: i64,
    form: ReviewForm,
    errors: Vec<FieldError>,
) -> Response {
    let mut chrome = Chrome::new("Record a review", Some(signed), "/");
    chrome.has_errors = !errors.is_empty();
    let date_error = errors
        .iter()
        .find(|e| e.field == "date-day")
        .map(|e| e.message.clone());
    let participation_error = errors
        .iter()
        .find(|e| e.field.starts_with("participation"))
        .map(|e| e.message.clone());
    render(
        StatusCode::OK,
        &ReviewFormPage {
            chrome,
            id: journey.id().to_string(),
            name: journey.child().name.full(),
            version,
            errors,
            date_error,
            participation_error,
            day: form.day,
            month: form.month,
            year: form.year,
            participation: form.participation,
            participations: ReviewParticipation::ALL
                .iter()
                .map(|p| (p.code(), p.description()))
                .collect(),
        },
    )
}

async fn open_for(
    state: &AppState,
    signed: &Signed,
    id: &str,
    from: String,
) -> Result<store::Versioned<CareJourney>, Response> {
    let Ok(id) = ChildId::parse(id) else {
        return Err(message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no child with that identifier."],
            Some(signed),
        ));
    };
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    blocking(move || app::open_child(&store, &user, clock.as_ref(), &id, &from))
        .await
        .map_err(|e| problem(&e, signed))
}

pub(crate) async fn review_form(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    match open_for(&state, &signed, &id, client_address(&req)).await {
        Ok(journey) => review_page(
            &signed,
            &journey.value,
            journey.version,
            ReviewForm::default(),
            vec![],
        ),
        Err(response) => response,
    }
}

/// Reads the review form: every problem is reported, none is guessed.
fn read_review_form(form: &ReviewForm, today: NaiveDate) -> Result<Review, Vec<FieldError>> {
    let mut errors = Vec::new();
    let date = if form.day.trim().is_empty()
        && form.month.trim().is_empty()
        && form.year.trim().is_empty()
    {
        errors.push(FieldError {
            field: "date-day",
            message: "Enter the date the review was held".into(),
        });
        None
    } else {
        let parts = (
            form.day.trim().parse::<u32>(),
            form.month.trim().parse::<u32>(),
            form.year.trim().parse::<i32>(),
        );
        match parts {
            (Ok(d), Ok(m), Ok(y)) if (1900..=2100).contains(&y) => {
                match NaiveDate::from_ymd_opt(y, m, d) {
                    Some(date) if date > today => {
                        errors.push(FieldError {
                            field: "date-day",
                            message: "The date the review was held must be today or in the past"
                                .into(),
                        });
                        None
                    }
                    Some(date) => Some(date),
                    None => {
                        errors.push(FieldError {
                            field: "date-day",
                            message: "The date the review was held must be a real date".into(),
                        });
                        None
                    }
                }
            }
            _ => {
                errors.push(FieldError {
                    field: "date-day",
                    message:
                        "The date the review was held must be a real date, for example 27 3 2026"
                            .into(),
                });
                None
            }
        }
    };
    let participation = form.participation.parse::<ReviewParticipation>().ok();
    if participation.is_none() {
        errors.push(FieldError {
            field: "participation-PN0",
            message: "Select how the child took part in the review".into(),
        });
    }
    match (date, participation) {
        (Some(date), Some(participation)) if errors.is_empty() => Ok(Review {
            date,
            participation,
        }),
        _ => Err(errors),
    }
}

#[derive(Template)]
#[template(path = "done.html")]
struct DonePage {
    chrome: Chrome,
    heading: String,
    body: String,
    back_href: String,
    back_label: String,
}

pub(crate) async fn record_review(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let from = client_address(&req);
    let address = from.clone();
    let Ok(Form(form)) = Form::<ReviewForm>::from_request(req, &state).await else {
        return message(
            StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &["The form could not be read. Go back and try again."],
            Some(&signed),
        );
    };
    if !same_token(&form.csrf_token, &signed.csrf_token) {
        return message(
            StatusCode::BAD_REQUEST,
            "Sorry, that did not work",
            &["The form was out of date. Go back, reload the page and try again."],
            Some(&signed),
        );
    }
    let journey = match open_for(&state, &signed, &id, from).await {
        Ok(j) => j,
        Err(response) => return response,
    };
    let review = match read_review_form(&form, state.clock.today()) {
        Ok(r) => r,
        Err(errors) => return review_page(&signed, &journey.value, form.version, form, errors),
    };
    let store = state.store.clone();
    let clock = state.clock.clone();
    let actor =
        domain::audit::Actor::new(signed.user.username.clone()).from_address(address.clone());
    let child_id = journey.value.id().clone();
    let version = form.version;
    let saved = blocking(move || {
        app::record_review(&store, &actor, clock.as_ref(), &child_id, version, review)
    })
    .await;
    match saved {
        Ok(_) => render(
            StatusCode::OK,
            &DonePage {
                chrome: Chrome::new("Review recorded", Some(&signed), "/"),
                heading: "Review recorded".into(),
                body: format!(
                    "Review on {} for {}",
                    long_date(review.date),
                    journey.value.child().name.full()
                ),
                back_href: format!("/children/{}", journey.value.id()),
                back_label: format!("Back to {}", journey.value.child().name.full()),
            },
        ),
        Err(app::AppError::Journey(e)) => review_page(
            &signed,
            &journey.value,
            form.version,
            form,
            vec![FieldError {
                field: "date-day",
                message: e.to_string(),
            }],
        ),
        Err(app::AppError::Store(e @ store::StoreError::Stale { .. })) => review_page(
            &signed,
            &journey.value,
            journey.version,
            form,
            vec![FieldError {
                field: "date-day",
                message: e.to_string(),
            }],
        ),
        Err(e) => problem(&e, &signed),
    }
}

pub(crate) struct Cell {
    pub text: String,
    pub href: Option<String>,
}

pub(crate) fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        href: None,
    }
}

#[derive(Template)]
#[template(path = "table.html")]
pub(crate) struct TablePage {
    pub(crate) chrome: Chrome,
    pub(crate) intro: Vec<String>,
    /// A bar chart above the list: (label, count, bar width out of 100).
    pub(crate) chart: Vec<(String, usize, u32)>,
    pub(crate) action: &'static str,
    pub(crate) filters: Vec<Filter>,
    pub(crate) csv_href: Option<String>,
    pub(crate) headers: Vec<&'static str>,
    pub(crate) rows: Vec<Vec<Cell>>,
    pub(crate) prev_href: Option<String>,
    pub(crate) next_href: Option<String>,
}

/// A filter above a list: a text box, or a select when it has options.
pub(crate) struct Filter {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
    pub options: Vec<(String, String)>,
}

/// The query string of a list's filters, for its page and CSV links.
pub(crate) fn filter_query(filters: &[Filter]) -> String {
    filters
        .iter()
        .filter(|f| !f.value.is_empty())
        .map(|f| format!("{}={}", f.name, url_encode(&f.value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Links to the previous and next pages of a filtered list.
pub(crate) fn page_links(
    action: &str,
    filters: &[Filter],
    page: usize,
    pages: usize,
) -> (Option<String>, Option<String>) {
    let query = filter_query(filters);
    let link = |p: usize| format!("{action}?{query}&page={p}");
    (
        (page > 1).then(|| link(page - 1)),
        (page < pages).then(|| link(page + 1)),
    )
}

pub(crate) const LIST_PAGE: usize = 50;

pub(crate) fn csv_response(name: &str, headers: &[&str], rows: &[Vec<Cell>]) -> Response {
    let mut out = headers.join(",");
    out.push('\n');
    for row in rows {
        out.push_str(
            &row.iter()
                .map(|c| csv_field(&c.text))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.csv\""),
            ),
        ],
        out,
    )
        .into_response()
}

#[derive(Deserialize, Default)]
pub(crate) struct WorklistQuery {
    #[serde(default)]
    rule: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    format: Option<String>,
}

/// Deadlines overdue or due in the next 14 days for the user's team (or the
/// service), filtered by rule, status and team, sorted, paged, or as CSV.
pub(crate) async fn worklist(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Query(q): Query<WorklistQuery>,
) -> Response {
    use domain::access::ChildScope;
    let team_scoped = matches!(signed.user.child_scope(), ChildScope::Team(_));
    let scope = match signed.user.child_scope() {
        ChildScope::Team(team) => domain::worklist::Scope::Team(team),
        _ if !q.team.is_empty() => domain::worklist::Scope::Team(q.team.clone()),
        _ => domain::worklist::Scope::Service,
    };
    let store = state.store.clone();
    let today = state.clock.today();
    let scope_text = match &scope {
        domain::worklist::Scope::Team(t) => format!("the {t} team"),
        _ => "the whole service".to_owned(),
    };
    let teams_store = state.store.clone();
    let result = blocking(move || {
        let teams: std::collections::BTreeSet<String> = teams_store
            .read(|tx| tx.workers())?
            .into_iter()
            .map(|w| w.team)
            .collect();
        app::worklist(&store, &scope, today).map(|w| (w, teams))
    })
    .await;
    let ((mut items, drift), teams) = match result {
        Ok(v) => v,
        Err(e) => return problem(&e, &signed),
    };
    let rules: std::collections::BTreeSet<&'static str> = items.iter().map(|i| i.rule).collect();
    items.retain(|i| {
        (q.rule.is_empty() || i.rule == q.rule)
            && match q.status.as_str() {
                "overdue" => i.days_left < 0,
                "due" => i.days_left >= 0,
                _ => true,
            }
    });
    match q.sort.as_str() {
        "child" => items.sort_by(|a, b| (&a.case, a.due).cmp(&(&b.case, b.due))),
        "rule" => items.sort_by(|a, b| (a.rule, a.due).cmp(&(b.rule, b.due))),
        _ => {}
    }
    let headers = vec!["Child", "Rule", "What", "Due", "Days", "Worker", "Team"];
    let row = |i: &domain::worklist::WorkItem| {
        vec![
            Cell {
                text: i.case.clone(),
                href: Some(format!("/children/{}", i.case)),
            },
            cell(i.rule),
            cell(i.title),
            cell(long_date(i.due)),
            cell(i.days_left.to_string()),
            cell(i.worker.clone().unwrap_or_default()),
            cell(i.team.clone().unwrap_or_default()),
        ]
    };
    if q.format.as_deref() == Some("csv") {
        let rows: Vec<Vec<Cell>> = items.iter().map(row).collect();
        audited_export(&state, &signed, "worklist", rows.len()).await;
        return csv_response("worklist", &headers, &rows);
    }
    let overdue = items.iter().filter(|i| i.days_left < 0).count();
    let option = |v: &str, l: &str| (v.to_owned(), l.to_owned());
    let mut filters = vec![
        Filter {
            name: "rule",
            label: "Rule",
            value: q.rule.clone(),
            options: std::iter::once(option("", "All rules"))
                .chain(rules.iter().map(|r| option(r, r)))
                .collect(),
        },
        Filter {
            name: "status",
            label: "Status",
            value: q.status.clone(),
            options: vec![
                option("", "Overdue and due soon"),
                option("overdue", "Overdue"),
                option("due", "Due in 14 days"),
            ],
        },
        Filter {
            name: "sort",
            label: "Sort by",
            value: q.sort.clone(),
            options: vec![
                option("", "Due date"),
                option("child", "Child"),
                option("rule", "Rule"),
            ],
        },
    ];
    if !team_scoped {
        filters.insert(
            2,
            Filter {
                name: "team",
                label: "Team",
                value: q.team.clone(),
                options: std::iter::once(option("", "All teams"))
                    .chain(teams.iter().map(|t| option(t, t)))
                    .collect(),
            },
        );
    }
    let pages = items.len().div_ceil(LIST_PAGE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows: Vec<Vec<Cell>> = items
        .iter()
        .skip((page - 1) * LIST_PAGE)
        .take(LIST_PAGE)
        .map(row)
        .collect();
    let (prev_href, next_href) = page_links("/worklist", &filters, page, pages);
    render(
        StatusCode::OK,
        &TablePage {
            chart: Vec::new(),
            chrome: Chrome::new("Worklist", Some(&signed), "/worklist"),
            intro: vec![format!(
                "For {scope_text} on {}: {overdue} overdue, {} due in the next 14 days, {} drift alerts. Page {page} of {pages}.",
                long_date(today),
                items.len() - overdue,
                drift.len()
            )],
            action: "/worklist",
            csv_href: Some(format!("/worklist?{}&format=csv", filter_query(&filters))),
            filters,
            headers,
            rows,
            prev_href,
            next_href,
        },
    )
}

#[derive(Deserialize, Default)]
pub(crate) struct AuditQuery {
    #[serde(default)]
    user: String,
    #[serde(default)]
    child: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    format: Option<String>,
}

/// The audit log, for the auditor: filter by user, child, action and dates;
/// paged; CSV. Reading it is itself audited.
pub(crate) async fn audit(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Query(q): Query<AuditQuery>,
) -> Response {
    let non_empty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let day = |s: &str, end: bool| {
        domain::time::parse_iso_date("date", s)
            .or_else(|_| domain::time::parse_uk_date("date", s))
            .ok()
            .map(|d| {
                format!(
                    "{}T{}",
                    d.format("%Y-%m-%d"),
                    if end { "23:59:59Z" } else { "00:00:00Z" }
                )
            })
    };
    let csv = q.format.as_deref() == Some("csv");
    let page = q.page.unwrap_or(1).max(1);
    let filter = AuditFilter {
        actor: non_empty(&q.user),
        record_id: non_empty(&q.child),
        action: non_empty(&q.action),
        from: day(&q.from, false),
        to: day(&q.to, true),
        limit: Some(if csv { 100_000 } else { LIST_PAGE as i64 + 1 }),
        offset: if csv {
            0
        } else {
            ((page - 1) * LIST_PAGE) as i64
        },
        ..Default::default()
    };
    let store = state.store.clone();
    let clock = state.clock.clone();
    let auditor = signed.user.username.clone();
    let events = blocking(move || {
        store.write(|tx| {
            let events = tx.events(&filter)?;
            tx.append(&domain::audit::AuditEvent {
                at: clock.now(),
                actor: auditor,
                action: "view_audit_log".into(),
                record_type: "audit_log".into(),
                record_id: String::new(),
                details: format!("{{\"results\":{}}}", events.len()),
            })?;
            Ok::<_, store::StoreError>(events)
        })
    })
    .await;
    let mut events = match events {
        Ok(e) => e,
        Err(e) => return problem(&app::AppError::Store(e), &signed),
    };
    let more = !csv && events.len() > LIST_PAGE;
    events.truncate(if csv { events.len() } else { LIST_PAGE });
    let headers = vec!["When", "Who", "Action", "Record", "Details"];
    let rows: Vec<Vec<Cell>> = events
        .iter()
        .map(|e| {
            vec![
                cell(e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string()),
                cell(e.actor.clone()),
                cell(e.action.clone()),
                cell(format!("{} {}", e.record_type, e.record_id)),
                cell(e.details.clone()),
            ]
        })
        .collect();
    if csv {
        audited_export(&state, &signed, "audit_log", rows.len()).await;
        return csv_response("audit", &headers, &rows);
    }
    let text = |name, label, value: &str| Filter {
        name,
        label,
        value: value.to_owned(),
        options: vec![],
    };
    let filters = vec![
        text("user", "User", &q.user),
        text("child", "Child", &q.child),
        text("action", "Action", &q.action),
        text("from", "From (YYYY-MM-DD)", &q.from),
        text("to", "To (YYYY-MM-DD)", &q.to),
    ];
    let pages = if more { page + 1 } else { page };
    let (prev_href, next_href) = page_links("/audit", &filters, page, pages);
    render(
        StatusCode::OK,
        &TablePage {
            chart: Vec::new(),
            chrome: Chrome::new("Audit log", Some(&signed), "/audit"),
            intro: vec![
                format!("Events, newest first: page {page}."),
                "For a subject access request, use Subject access in the menu.".to_owned(),
            ],
            action: "/audit",
            csv_href: Some(format!("/audit?{}&format=csv", filter_query(&filters))),
            filters,
            headers,
            rows,
            prev_href,
            next_href,
        },
    )
}

pub(crate) struct Section {
    pub title: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Template)]
#[template(path = "subject_access.html")]
struct SubjectAccessPage {
    chrome: Chrome,
    id: String,
    name: String,
    produced: String,
    produced_by: String,
    sections: Vec<Section>,
}

#[derive(Template)]
#[template(path = "subject_access_form.html")]
struct SubjectAccessForm {
    chrome: Chrome,
}

#[derive(Deserialize, Default)]
pub(crate) struct SubjectQuery {
    #[serde(default)]
    child: String,
    #[serde(default)]
    format: Option<String>,
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(long_date).unwrap_or_default()
}

fn subject_sections(j: &CareJourney, events: &[domain::audit::AuditEvent]) -> Vec<Section> {
    let c = j.child();
    vec![
        Section {
            title: "Details",
            headers: vec!["Item", "Recorded"],
            rows: std::iter::once(vec!["Name".to_owned(), c.name.full()])
                .chain(details(j).into_iter().map(|(k, v)| vec![k.to_owned(), v]))
                .collect(),
        },
        Section {
            title: "Episodes of care",
            headers: vec![
                "Start",
                "Reason",
                "Legal status",
                "Placement",
                "Provider",
                "End",
                "Reason ended",
            ],
            rows: j
                .episodes()
                .iter()
                .map(|e| {
                    vec![
                        long_date(e.start),
                        e.reason_new_episode.description().to_owned(),
                        code_text(Some(e.legal_status)),
                        code_text(Some(e.placement.placement_type)),
                        code_text(Some(e.placement.provider)),
                        opt_date(e.end.map(|x| x.date)),
                        e.end
                            .map(|x| x.reason.description().to_owned())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Reviews",
            headers: vec!["Date", "How the child took part"],
            rows: j
                .reviews()
                .iter()
                .map(|r| vec![long_date(r.date), r.participation.description().to_owned()])
                .collect(),
        },
        Section {
            title: "Missing or away from placement",
            headers: vec!["Kind", "From", "To"],
            rows: j
                .missing()
                .iter()
                .map(|m| {
                    vec![
                        m.kind.description().to_owned(),
                        long_date(m.start),
                        opt_date(m.end),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Allocated social workers",
            headers: vec!["Worker", "From", "To", "Why it changed"],
            rows: j
                .social_workers()
                .iter()
                .map(|s| {
                    vec![
                        s.worker_id.clone(),
                        long_date(s.start),
                        opt_date(s.end.map(|e| e.0)),
                        s.end
                            .map(|e| e.1.description().to_owned())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Section {
            title: "Siblings",
            headers: vec!["Identifier"],
            rows: j.siblings().iter().map(|s| vec![s.to_string()]).collect(),
        },
        Section {
            title: "Recorded activities",
            headers: vec!["Date", "Activity"],
            rows: j
                .activities()
                .iter()
                .map(|a| vec![long_date(a.date), a.kind.label().to_owned()])
                .collect(),
        },
        Section {
            title: "Who has read or changed this record",
            headers: vec!["When", "Who", "Action", "Details"],
            rows: events
                .iter()
                .map(|e| {
                    vec![
                        e.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                        e.actor.clone(),
                        e.action.clone(),
                        e.details.clone(),
                    ]
                })
                .collect(),
        },
    ]
}

/// Everything held about one child, as a printable page or JSON (subject access).
pub(crate) async fn subject_access(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Query(q): Query<SubjectQuery>,
    req: Request,
) -> Response {
    if q.child.trim().is_empty() {
        return render(
            StatusCode::OK,
            &SubjectAccessForm {
                chrome: Chrome::new("Subject access", Some(&signed), "/audit/subject-access"),
            },
        );
    }
    let Ok(id) = ChildId::parse(&q.child) else {
        return message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no child with that identifier."],
            Some(&signed),
        );
    };
    let from = client_address(&req);
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let found =
        blocking(move || app::subject_access(&store, &user, clock.as_ref(), &id, &from)).await;
    let (journey, events) = match found {
        Ok(v) => v,
        Err(e) => return problem(&e, &signed),
    };
    let sections = subject_sections(&journey, &events);
    if q.format.as_deref() == Some("json") {
        let json: serde_json::Value = sections
            .iter()
            .map(|s| {
                let rows: Vec<serde_json::Value> = s
                    .rows
                    .iter()
                    .map(|r| {
                        serde_json::Value::Object(
                            s.headers
                                .iter()
                                .map(|h| h.to_string())
                                .zip(r.iter().map(|v| serde_json::Value::String(v.clone())))
                                .collect(),
                        )
                    })
                    .collect();
                (s.title.to_owned(), serde_json::Value::Array(rows))
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
        return (
            [(header::CONTENT_DISPOSITION, format!("attachment; filename=\"subject-access-{}.json\"", journey.id()))],
            axum::Json(serde_json::json!({ "child": journey.id().as_str(), "produced": state.clock.now(), "record": json })),
        )
            .into_response();
    }
    render(
        StatusCode::OK,
        &SubjectAccessPage {
            chrome: Chrome::new(
                format!("Subject access: {}", journey.id()),
                Some(&signed),
                "/audit/subject-access",
            ),
            id: journey.id().to_string(),
            name: journey.child().name.full(),
            produced: state.clock.now().format("%-d %B %Y %H:%M UTC").to_string(),
            produced_by: signed.user.display_name.clone(),
            sections,
        },
    )
}

/// Records an export in the audit trail before it is sent.
pub(crate) async fn audited_export(
    state: &AppState,
    signed: &Signed,
    what: &'static str,
    rows: usize,
) {
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let _ =
        blocking(move || app::audit_export(&store, &user, clock.as_ref(), what, rows, "web")).await;
}
