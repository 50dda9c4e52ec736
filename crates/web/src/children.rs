//! The children: the list of those a user may see (searched, sorted, paged
//! or as CSV), a child's record with the timeline of their care journey and
//! their open deadlines, and recording a review.

use askama::Template;
use axum::Extension;
use axum::extract::{Form, FromRequest, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use domain::access::Permission;
use domain::child::ChildId;
use domain::codes::{CodeList, ReviewParticipation};
use domain::deadlines::Standing;
use domain::journey::{CareJourney, Review};
use serde::Deserialize;
use store::{ChildSearch, ChildSort, StaffRepository};

use crate::AppState;
use crate::handler::*;
use crate::session::{Signed, client_address, same_token, url_encode};
use crate::ui::*;

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
pub(crate) struct CaseloadPage {
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

pub(crate) const PER_PAGE: i64 = 25;

pub(crate) const CSV_LIMIT: i64 = 100_000;

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
pub(crate) struct ChildPage {
    chrome: Chrome,
    id: String,
    name: String,
    in_care: bool,
    may_record_review: bool,
    details: Vec<(&'static str, String)>,
    timeline: Vec<TimelineItem>,
    deadlines: Vec<DeadlineRow>,
}

pub(crate) fn timeline(journey: &CareJourney) -> Vec<TimelineItem> {
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

pub(crate) fn details(journey: &CareJourney) -> Vec<(&'static str, String)> {
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
pub(crate) struct ReviewFormPage {
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

pub(crate) fn review_page(
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

pub(crate) async fn open_for(
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
pub(crate) fn read_review_form(
    form: &ReviewForm,
    today: NaiveDate,
) -> Result<Review, Vec<FieldError>> {
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
pub(crate) struct DonePage {
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
