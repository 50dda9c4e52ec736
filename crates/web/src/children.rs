//! The children: the list of those a user may see (searched, sorted, paged
//! or as CSV), a child's record with the timeline of their care journey and
//! their open deadlines, and recording a review.

use app::{ChildSearch, ChildSort};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use domain::access::Permission;
use domain::child::ChildId;
use domain::codes::{CodeList, ReviewParticipation};
use domain::deadlines::Standing;
use domain::journey::{CareJourney, Review};
use serde::Deserialize;

use crate::handler::*;
use crate::session::{Signed, url_encode};
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
    /// "team" for a social worker's whole team rather than their cases.
    #[serde(default)]
    view: String,
}

pub(crate) struct ChildRow {
    pub id: String,
    pub name: String,
    pub date_of_birth: String,
    pub age: String,
    pub since: String,
    pub legal_status: String,
    pub placement: String,
    pub next_deadline: String,
    pub overdue: bool,
    /// "Overdue by 3 days", "Due in 5 days": for a deadline overdue or due soon.
    pub due_words: Option<String>,
    /// The next deadline's rule (shown second to its words), and the form
    /// that records what meets it with that activity's name.
    pub rule: String,
    pub record: Option<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "caseload.html")]
pub(crate) struct CaseloadPage {
    chrome: Chrome,
    heading: String,
    views: Vec<(String, &'static str, bool)>,
    team_view: bool,
    nothing: String,
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

impl CaseloadPage {
    /// The list as a spreadsheet (XLSX).
    fn xlsx_href(&self) -> String {
        self.csv_href.replace("format=csv", "format=xlsx")
    }
}

pub(crate) const PER_PAGE: i64 = 25;

pub(crate) const CSV_LIMIT: i64 = 100_000;

/// The list of children a user may see, searched, sorted, paged, or as CSV.
pub(crate) async fn children(caller: Caller, Query(q): Query<ListQuery>) -> Page {
    let sort = match q.sort.as_deref() {
        Some("dob") => ChildSort::DateOfBirth,
        Some("since") => ChildSort::InCareSince,
        Some("id") => ChildSort::Identifier,
        _ => ChildSort::Name,
    };
    let all = q.all.is_some();
    let export = export_format(q.format.as_deref());
    let csv = export.is_some();
    let page = q.page.unwrap_or(1).max(1);
    let mine = own_cases(&caller, &q);
    let search = ChildSearch {
        text: q.q.clone(),
        team: None,
        worker: mine.clone(),
        in_care_only: !all,
        sort,
    };
    let (per_page, page_for_query) = if csv {
        (CSV_LIMIT, 1)
    } else {
        (PER_PAGE, page)
    };
    let (rows, total) = caller
        .page(move |c| {
            let (rows, total) = app::search_children(
                &c.store,
                c.user(),
                c.clock(),
                search,
                page_for_query,
                per_page,
                "web",
            )?;
            Ok((rows, total))
        })
        .await?;
    if let Some(format) = export {
        caller.audit_export("children", rows.len()).await;
        return Ok(children_export(format, &rows));
    }
    let rows = child_rows(&rows, caller.today());
    Ok(caseload_page(&caller, &q, sort, (page, total), rows))
}

/// The social worker's own cases, unless they asked for their team's.
fn own_cases(caller: &Caller, q: &ListQuery) -> Option<String> {
    (caller.user().role == domain::roles::Role::SocialWorker && q.view != "team")
        .then(|| caller.user().worker_id.clone())
        .flatten()
}

/// The rows of the list, as the page and the CSV show them.
fn child_rows(rows: &[app::ChildSummary], today: NaiveDate) -> Vec<ChildRow> {
    rows.iter()
        .map(|c| {
            let rule = c.next_deadline.as_ref().map_or("", |d| d.1.as_str());
            let record = domain::deadline_rules::RULES
                .iter()
                .find(|r| r.id == rule)
                .and_then(|r| {
                    crate::casework::record_href(c.id.as_str(), r.met_by)
                        .map(|href| (href, r.met_by.label()))
                });
            let (next, overdue, due_words) = match &c.next_deadline {
                Some((due, _rule, title)) => {
                    let days = (*due - today).num_days();
                    let words = (days <= domain::worklist::HORIZON_DAYS)
                        .then(|| domain::worklist::due_in_words(days));
                    (
                        format!("{title} by {}", long_date(*due)),
                        *due < today,
                        words,
                    )
                }
                None => ("None".to_owned(), false, None),
            };
            ChildRow {
                id: c.id.to_string(),
                name: c.name.full(),
                date_of_birth: long_date(c.date_of_birth),
                age: crate::worklist::age_words(c.date_of_birth, today),
                since: c
                    .period_start
                    .map(long_date)
                    .unwrap_or_else(|| "Not in care".into()),
                legal_status: code_text(c.legal_status),
                placement: code_text(c.placement_type),
                next_deadline: next,
                overdue,
                due_words,
                rule: rule.to_owned(),
                record,
            }
        })
        .collect()
}

/// The list as CSV or XLSX: dates as dates.
fn children_export(format: &str, rows: &[app::ChildSummary]) -> Response {
    let headers = [
        "identifier",
        "name",
        "date_of_birth",
        "in_care_since",
        "legal_status",
        "placement",
        "next_deadline",
        "next_deadline_due",
    ];
    let rows: Vec<Vec<Datum>> = rows
        .iter()
        .map(|c| {
            vec![
                Datum::text(c.id.as_str()),
                Datum::text(c.name.full()),
                Datum::Date(c.date_of_birth),
                Datum::date(c.period_start),
                Datum::text(code_text(c.legal_status)),
                Datum::text(code_text(c.placement_type)),
                Datum::text(c.next_deadline.as_ref().map_or("", |d| d.2.as_str())),
                Datum::date(c.next_deadline.as_ref().map(|d| d.0)),
            ]
        })
        .collect();
    export_response(format, "children", &headers, &rows)
}

/// The list's page: the search box, the sorts, a page of rows and its links.
fn caseload_page(
    caller: &Caller,
    q: &ListQuery,
    sort: ChildSort,
    (page, total): (i64, i64),
    rows: Vec<ChildRow>,
) -> Response {
    let sort_value = match sort {
        ChildSort::DateOfBirth => "dob",
        ChildSort::InCareSince => "since",
        ChildSort::Identifier => "id",
        ChildSort::Name => "name",
    };
    let all = q.all.is_some();
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let link = |p: i64| {
        let mut s = format!("/?q={}&sort={sort_value}&page={p}", url_encode(&q.q));
        if all {
            s.push_str("&all=1");
        }
        if q.view == "team" {
            s.push_str("&view=team");
        }
        s
    };
    let mine = own_cases(caller, q).is_some();
    let heading = match team_scope(caller.user()) {
        _ if mine => "Children in care: my cases".to_owned(),
        Some(team) => format!("Children in care: {team} team"),
        None => "Children in care".to_owned(),
    };
    let views = if caller.user().role == domain::roles::Role::SocialWorker
        && caller.user().worker_id.is_some()
    {
        vec![
            ("/".to_owned(), "My cases", mine),
            ("/?view=team".to_owned(), "My team's children", !mine),
        ]
    } else {
        Vec::new()
    };
    let nothing = if q.q.trim().is_empty() {
        "There are no children in this list.".to_owned()
    } else {
        format!(
            "No children match \u{201c}{}\u{201d}. Check the spelling, try part of a name, or search by identifier (C0001234) or date of birth (15/06/2014).",
            q.q.trim()
        )
    };
    let mut csv_href = link(1);
    csv_href.push_str("&format=csv");
    render(
        StatusCode::OK,
        &CaseloadPage {
            chrome: Chrome::new("Children", Some(&caller.signed), "/"),
            heading,
            views,
            team_view: q.view == "team",
            nothing,
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
    pub status: String,
    pub overdue: bool,
    pub due_soon: bool,
    /// The form that records what meets it.
    pub href: Option<String>,
    pub action: &'static str,
}

#[derive(Template)]
#[template(path = "child.html")]
pub(crate) struct ChildPage {
    pub chrome: Chrome,
    pub id: String,
    pub name: String,
    pub in_care: bool,
    /// A care leaver held without a journey (no plan, no reviews).
    pub leaver: bool,
    pub may_record_review: bool,
    pub may_record_activity: bool,
    pub details: Vec<(&'static str, String)>,
    /// What anyone opening the record must see first.
    pub alerts: Vec<String>,
    pub timeline: Vec<TimelineItem>,
    pub deadlines: Vec<DeadlineRow>,
    /// The tables of the returns beyond the journey.
    pub sections: Vec<crate::census::CensusSection>,
    /// The households linked to the child that the user may see.
    pub families: Vec<FamilyRow>,
    /// The child's other records this user may open (leaving care,
    /// education, health, adoption, life story).
    pub record_links: Vec<(String, &'static str)>,
}

/// The child's records kept beside the journey, each a page of its own.
const RECORD_PAGES: &[(&str, &str)] = &[
    ("leaving-care", "Leaving care and Pathway Plan"),
    ("education", "Education"),
    ("health", "Health and support"),
    ("adoption", "Adoption pathway"),
    ("life-story", "Life story work"),
];

/// The links to the child's record pages that `user` may open.
pub(crate) fn record_links(
    child: &str,
    user: &domain::access::User,
) -> Vec<(String, &'static str)> {
    RECORD_PAGES
        .iter()
        .filter(|(page, _)| crate::routes::may_open(user, &format!("/children/{{id}}/{page}")))
        .map(|(page, label)| (format!("/children/{child}/{page}"), *label))
        .collect()
}

/// A household linked to the child, on the child's record.
pub(crate) struct FamilyRow {
    pub href: String,
    pub name: String,
    pub kind: &'static str,
    pub from: String,
}

/// The households linked to the child that the user may see, each link a
/// row (listing them is not a view of the household, so is not audited).
async fn families(caller: &Caller, child: ChildId) -> Result<Vec<FamilyRow>, Response> {
    let wanted = child.clone();
    let households = caller
        .page(move |c| app::households::households_of_child(&c.store, c.user(), &wanted))
        .await?;
    Ok(households
        .iter()
        .flat_map(|h| {
            let h = &h.value;
            h.links
                .iter()
                .filter(|l| l.child_id == child.as_str())
                .map(|l| FamilyRow {
                    href: format!("/households/{}", h.id),
                    name: h.name.clone(),
                    kind: l.kind.label(),
                    from: long_date(l.from),
                })
        })
        .collect())
}

/// The timeline of the journey and of the child's years of the return.
pub(crate) fn timeline_with(
    journey: &CareJourney,
    years: &[domain::census::CensusYear],
) -> Vec<TimelineItem> {
    let mut items: Vec<(NaiveDate, TimelineItem)> = crate::census::timeline(years);
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
    for a in journey.activities() {
        items.push((
            a.date,
            TimelineItem {
                title: a.kind.label().to_owned(),
                date: long_date(a.date),
                description: String::new(),
            },
        ));
    }
    items.sort_by_key(|item| std::cmp::Reverse(item.0));
    items.into_iter().map(|(_, i)| i).collect()
}

pub(crate) fn details(
    journey: &CareJourney,
    names: &app::people::Names,
) -> Vec<(&'static str, String)> {
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
                .map(|s| names.name(&s.worker_id).to_owned())
                .unwrap_or_else(|| "Not allocated".into()),
        ),
        (
            "Unaccompanied asylum-seeking child",
            if c.uasc.is_some() { "Yes" } else { "No" }.to_owned(),
        ),
    ]
}

/// A child's record: their details, the timeline of their care journey and
/// their open deadlines. Opening it is audited.
pub(crate) async fn child(caller: Caller, Path(id): Path<String>) -> Page {
    let parsed = ChildId::parse(&id)
        .map_err(|_| caller.error_page(&app::AppError::NotFound("child".into())))?;
    let from = caller.from.clone();
    let wanted = parsed.clone();
    let journey = match caller
        .run(move |c| app::open_child(&c.store, c.user(), c.clock(), &wanted, &from))
        .await
    {
        Ok(j) => j,
        Err(app::AppError::ChildNotFound(_)) => {
            return crate::census::care_leaver(&caller, parsed).await;
        }
        Err(e) => return Err(caller.error_page(&e)),
    };
    let years = caller
        .page(move |c| app::census::child_census(&c.store, &parsed))
        .await?;
    let today = caller.today();
    let j_id = journey.value.id().clone();
    let deadlines: Vec<DeadlineRow> = app::open_deadlines_with(&journey.value, &years)
        .iter()
        .map(|d| {
            let standing = d.standing(today);
            DeadlineRow {
                title: d.rule.title,
                rule: d.rule.id,
                due: long_date(d.due),
                status: match standing {
                    Standing::Overdue | Standing::DueSoon => {
                        domain::worklist::due_in_words(d.days_left(today))
                    }
                    _ => "Upcoming".to_owned(),
                },
                overdue: standing == Standing::Overdue,
                due_soon: standing == Standing::DueSoon,
                href: crate::casework::record_href(j_id.as_str(), d.rule.met_by),
                action: d.rule.met_by.label(),
            }
        })
        .collect();
    let wanted = j_id.clone();
    let contact_alerts = caller
        .page(move |c| app::contact::child_alerts(&c.store, &wanted))
        .await?;
    let families = families(&caller, j_id.clone()).await?;
    let key_people = crate::permanence::key_people(&caller, j_id).await?;
    let j = &journey.value;
    let mut details = record_details(j, caller.user(), caller.names(), today);
    if j.current_episode().is_some() {
        details.extend(key_people);
    }
    Ok(render(
        StatusCode::OK,
        &ChildPage {
            chrome: Chrome::new(j.child().name.full(), Some(&caller.signed), "/"),
            id: j.id().to_string(),
            name: j.child().name.full(),
            in_care: j.current_episode().is_some(),
            leaver: false,
            may_record_review: caller.user().may(Permission::RecordReview),
            may_record_activity: caller.user().may(Permission::RecordActivities),
            details,
            alerts: [alerts(j, &deadlines, today), contact_alerts].concat(),
            timeline: timeline_with(j, &years),
            deadlines,
            sections: crate::census::sections(&years),
            families,
            record_links: record_links(j.id().as_str(), caller.user()),
        },
    ))
}

/// The child's details as their record shows them to this user: their age,
/// and where they live only to those who may see it.
fn record_details(
    j: &CareJourney,
    user: &domain::access::User,
    names: &app::people::Names,
    today: NaiveDate,
) -> Vec<(&'static str, String)> {
    let mut rows = details(j, names);
    rows.insert(
        1,
        (
            "Age",
            crate::worklist::age_words(j.child().date_of_birth, today),
        ),
    );
    if let Some(e) = j.current_episode() {
        if domain::access::may_see_placement_address(user.role) {
            let postcode = e.placement.postcode.as_ref().map(|p| p.as_str().to_owned());
            rows.push((
                "Placement postcode",
                postcode.unwrap_or_else(|| "Not recorded".into()),
            ));
        }
        rows.push(("In care since", long_date(e.start)));
    }
    if let Some(s) = j.social_workers().last() {
        rows.push(("Social worker since", long_date(s.start)));
    }
    rows
}

/// The alerts at the top of a child's record: deadlines overdue, a missing
/// episode open or recent, an unaccompanied asylum-seeking child.
fn alerts(j: &CareJourney, deadlines: &[DeadlineRow], today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let overdue = deadlines.iter().filter(|d| d.overdue).count();
    if overdue > 0 {
        out.push(format!(
            "{overdue} {} overdue",
            if overdue == 1 {
                "deadline is"
            } else {
                "deadlines are"
            }
        ));
    }
    for m in j.missing() {
        match m.end {
            None => out.push(format!(
                "Missing or away from placement since {}",
                long_date(m.start)
            )),
            Some(end) if (today - end).num_days() <= 90 => out.push(format!(
                "Missing or away from placement from {} to {}",
                long_date(m.start),
                long_date(end)
            )),
            Some(_) => {}
        }
    }
    if j.child().uasc.is_some() && j.current_episode().is_some() {
        out.push("Unaccompanied asylum-seeking child".into());
    }
    out
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
    /// A review recorded implausibly soon after another: asked to confirm.
    warning: Option<String>,
}

/// The review form as typed.
#[derive(Default)]
pub(crate) struct ReviewForm {
    version: i64,
    day: String,
    month: String,
    year: String,
    participation: String,
}

impl From<&Fields> for ReviewForm {
    fn from(f: &Fields) -> Self {
        Self {
            version: f.get("version").parse().unwrap_or(0),
            day: f.get("day"),
            month: f.get("month"),
            year: f.get("year"),
            participation: f.get("participation"),
        }
    }
}

pub(crate) fn review_page(
    signed: &Signed,
    journey: &CareJourney,
    version: i64,
    form: ReviewForm,
    (errors, warning, today): (Vec<FieldError>, Option<String>, NaiveDate),
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
            participations: domain::casework::reviews::participations_for(
                journey.child().date_of_birth,
                today.max(journey.child().date_of_birth),
            )
            .into_iter()
            .map(|p| (p.code(), p.description()))
            .collect(),
            warning,
        },
    )
}

/// Opens a child's record for the caller (audited), or the page that says
/// why not.
pub(crate) async fn open_for(
    caller: &Caller,
    id: &str,
) -> Result<app::Versioned<CareJourney>, Response> {
    let id = ChildId::parse(id)
        .map_err(|_| caller.error_page(&app::AppError::NotFound("child".into())))?;
    let from = caller.from.clone();
    caller
        .page(move |c| app::open_child(&c.store, c.user(), c.clock(), &id, &from))
        .await
}

pub(crate) async fn review_form(caller: Caller, Path(id): Path<String>) -> Page {
    let journey = open_for(&caller, &id).await?;
    Ok(review_page(
        &caller.signed,
        &journey.value,
        journey.version,
        ReviewForm::default(),
        (vec![], None, caller.today()),
    ))
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
            field: "participation",
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

pub(crate) async fn record_review(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let form = ReviewForm::from(&fields);
    let journey = open_for(&caller, &id).await?;
    let today = caller.today();
    let review = match read_review_form(&form, today).and_then(|r| fits(&journey.value, r)) {
        Ok(r) => r,
        Err(errors) => {
            return Ok(review_page(
                &caller.signed,
                &journey.value,
                form.version,
                form,
                (errors, None, today),
            ));
        }
    };
    let soon = domain::casework::reviews::too_soon(journey.value.reviews(), review.date, None);
    // A form of a record changed since is refused as stale before anything is asked.
    let current = journey.version == form.version;
    if let Some(other) = soon.filter(|_| current && !fields.ticked("confirm_soon")) {
        let days = (review.date - other).num_days().abs();
        let warning = format!(
            "A review is already recorded on {}, {days} {} {}. Check the date. If this was a separate review, confirm it below.",
            long_date(other),
            if days == 1 { "day" } else { "days" },
            if other < review.date {
                "before"
            } else {
                "after"
            },
        );
        return Ok(review_page(
            &caller.signed,
            &journey.value,
            form.version,
            form,
            (Vec::new(), Some(warning), today),
        ));
    }
    let (child_id, version) = (journey.value.id().clone(), form.version);
    let saved = caller
        .run(move |c| {
            let actor =
                domain::audit::Actor::new(c.user().username.clone()).from_address(c.from.clone());
            app::record_review(&c.store, &actor, c.clock(), &child_id, version, review)
        })
        .await
        .map_err(crate::casework::review_error);
    let j = &journey.value;
    let shown_version = match &saved {
        Err(app::AppError::Store(app::StoreError::Stale { .. })) => journey.version,
        _ => form.version,
    };
    match saved {
        Ok(_) => Ok(render(
            StatusCode::OK,
            &DonePage {
                chrome: Chrome::new("Review recorded", Some(&caller.signed), "/"),
                heading: "Review recorded".into(),
                body: format!(
                    "Review on {} for {}",
                    long_date(review.date),
                    j.child().name.full()
                ),
                back_href: format!("/children/{}", j.id()),
                back_label: format!("Back to {}", j.child().name.full()),
            },
        )),
        Err(e) => match caller.form_errors(&e, "date-day") {
            Ok(errors) => Ok(review_page(
                &caller.signed,
                j,
                shown_version,
                form,
                (errors, None, today),
            )),
            Err(page) => Err(page),
        },
    }
}

/// The review, if how the child took part fits their age on the day.
fn fits(journey: &CareJourney, review: Review) -> Result<Review, Vec<FieldError>> {
    domain::casework::reviews::check_participation(
        journey.child().date_of_birth,
        review.date,
        review.participation,
    )
    .map(|()| review)
    .map_err(|message| {
        vec![FieldError {
            field: "participation",
            message,
        }]
    })
}
