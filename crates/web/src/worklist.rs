//! The worklist: deadlines overdue or due in the next 14 days, grouped by
//! child, each with what to do in plain words, when in words, and a link to
//! the form that clears it. A social worker sees their own cases first ("My
//! cases"); a team manager their team; managers across the service every
//! team or the one they choose.

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use domain::access::User;
use domain::roles::Role;
use domain::worklist::{WorkItem, by_child, due_in_words};
use serde::Deserialize;

use crate::handler::*;
use crate::ui::*;

#[derive(Deserialize, Default)]
pub(crate) struct WorklistQuery {
    #[serde(default)]
    view: String,
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

/// How many children a page of the worklist shows.
const CHILDREN_PER_PAGE: usize = 20;

/// One deadline of a child on the worklist.
pub(crate) struct Row {
    pub title: &'static str,
    pub rule: &'static str,
    pub due: String,
    pub words: String,
    pub overdue: bool,
    pub href: Option<String>,
    pub action: String,
}

/// A child on the worklist with their deadlines.
pub(crate) struct Group {
    pub id: String,
    pub name: String,
    pub about: String,
    pub rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "worklist.html")]
pub(crate) struct WorklistPage {
    chrome: Chrome,
    heading: String,
    views: Vec<(String, &'static str, bool)>,
    intro: String,
    filters: Vec<Filter>,
    csv_href: String,
    groups: Vec<Group>,
    /// The households' lines (roles' deadlines, checks expiring), first page only.
    families: Vec<Vec<Cell>>,
    empty: String,
    prev_href: Option<String>,
    next_href: Option<String>,
}

/// The user's own cases, when they hold cases (a social worker).
fn own_worker(user: &User) -> Option<&str> {
    (user.role == Role::SocialWorker)
        .then_some(user.worker_id.as_deref())
        .flatten()
}

/// Deadlines overdue or due in the next 14 days for the user's cases, team
/// or the service, grouped by child, filtered, paged, or as CSV.
pub(crate) async fn worklist(caller: Caller, Query(q): Query<WorklistQuery>) -> Page {
    let chosen = (!q.team.is_empty()).then(|| q.team.clone());
    let view = caller
        .page(move |c| app::worklist_for(&c.store, c.user(), c.clock(), chosen, &c.from))
        .await?;
    let mine = own_worker(caller.user()).filter(|_| q.view != "team");
    let in_view: Vec<&WorkItem> = match mine {
        Some(w) => view.of_worker(w).collect(),
        None => view.items().iter().collect(),
    };
    let mut rules: Vec<(&'static str, &'static str)> =
        in_view.iter().map(|i| (i.rule, i.title)).collect();
    rules.sort();
    rules.dedup_by_key(|r| r.0);
    let items = chosen_items(&in_view, &q);
    let families =
        crate::households::worklist_items(&caller, view.team.clone(), &q.rule, &q.status).await;
    if let Some(format) = export_format(q.format.as_deref()) {
        let names = caller.names();
        let mut rows: Vec<Vec<Datum>> = crate::households::csv_rows(&families, names)
            .iter()
            .map(|r| typed_household_row(r))
            .collect();
        rows.extend(items.iter().map(|i| export_row(i, names)));
        caller.audit_export("worklist", rows.len()).await;
        return Ok(export_response(format, "worklist", EXPORT_HEADERS, &rows));
    }
    let mut filters = worklist_filters(&q, &rules, &view, &caller);
    if mine.is_none() && own_worker(caller.user()).is_some() {
        filters.push(Filter {
            name: "view",
            label: "",
            value: "team".into(),
            options: Vec::new(),
        });
    }
    let groups = by_child(&items);
    let (page, pages, shown) = pages_of(&groups, q.page, CHILDREN_PER_PAGE);
    let today = caller.today();
    let groups: Vec<Group> = shown
        .iter()
        .map(|g| group(g, today, caller.names()))
        .collect();
    let (prev_href, next_href) = page_links("/worklist", &filters, page, pages);
    let filters: Vec<Filter> = filters.into_iter().filter(|f| f.name != "view").collect();
    let (heading, scope_text) = match (&mine, &view.team) {
        (Some(_), _) => ("Worklist: my cases".to_owned(), "your cases".to_owned()),
        (None, Some(t)) => (format!("Worklist: {t} team"), format!("the {t} team")),
        (None, None) => (
            "Worklist: whole service".to_owned(),
            "the whole service".to_owned(),
        ),
    };
    let overdue = items.iter().filter(|i| i.days_left < 0).count();
    let children = by_child(&items).len();
    let mut csv_href = format!("/worklist?{}&format=csv", filter_query(&filters));
    if mine.is_none() && own_worker(caller.user()).is_some() {
        csv_href.push_str("&view=team");
    }
    Ok(render(
        StatusCode::OK,
        &WorklistPage {
            chrome: Chrome::new(heading.clone(), Some(&caller.signed), "/worklist"),
            heading,
            views: views(caller.user(), mine.is_some()),
            intro: format!(
                "For {scope_text} on {}: {overdue} overdue and {} due in the next 14 days, for {children} {}. Page {page} of {pages}.",
                long_date(today),
                items.len() - overdue,
                if children == 1 { "child" } else { "children" },
            ),
            filters,
            csv_href,
            empty: if in_view.is_empty() {
                "Nothing is overdue or due in the next 14 days.".into()
            } else {
                "Nothing matches these filters. Choose other filters to see more.".into()
            },
            groups,
            families: if page == 1 {
                crate::households::page_rows(&families)
            } else {
                Vec::new()
            },
            prev_href,
            next_href,
        },
    ))
}

/// The views a user may switch between: their cases and their team's.
fn views(user: &User, mine: bool) -> Vec<(String, &'static str, bool)> {
    if own_worker(user).is_none() {
        return Vec::new();
    }
    vec![
        ("/worklist".to_owned(), "My cases", mine),
        ("/worklist?view=team".to_owned(), "My team's cases", !mine),
    ]
}

/// A child's line on the worklist: name, age, identifier and worker, and
/// their deadlines.
fn group(items: &[&WorkItem], today: chrono::NaiveDate, names: &app::people::Names) -> Group {
    let first = items[0];
    let age = first
        .date_of_birth
        .map(|dob| age_words(dob, today))
        .unwrap_or_default();
    let mut about = vec![age, first.case.clone()];
    about.extend(
        first
            .worker
            .as_deref()
            .map(|w| format!("Social worker {}", names.name(w))),
    );
    Group {
        id: first.case.clone(),
        name: first.name.clone(),
        about: about
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        rows: items
            .iter()
            .map(|i| Row {
                title: i.title,
                rule: i.rule,
                due: long_date(i.due),
                words: due_in_words(i.days_left),
                overdue: i.days_left < 0,
                href: app::permanence::work_item_form(i)
                    .or_else(|| crate::casework::record_href(&i.case, i.met_by)),
                action: i.met_by.label().to_lowercase(),
            })
            .collect(),
    }
}

/// A child's age in words ("Aged 7", "Aged 8 months").
pub(crate) fn age_words(dob: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    let years = domain::time::age_on(dob, today);
    if years >= 1 {
        return format!("Aged {years}");
    }
    use chrono::Datelike;
    let months = (today.year() * 12 + today.month() as i32)
        - (dob.year() * 12 + dob.month() as i32)
        - i32::from(today.day() < dob.day());
    let months = months.max(0);
    format!(
        "Aged {months} {}",
        if months == 1 { "month" } else { "months" }
    )
}

/// The items the rule and status filters keep, in the order asked for
/// (references into the shared worklist: nothing is copied).
fn chosen_items<'a>(all: &[&'a WorkItem], q: &WorklistQuery) -> Vec<&'a WorkItem> {
    let mut items: Vec<&WorkItem> = all
        .iter()
        .copied()
        .filter(|i| {
            (q.rule.is_empty() || i.rule == q.rule)
                && match q.status.as_str() {
                    "overdue" => i.days_left < 0,
                    "due" => i.days_left >= 0,
                    _ => true,
                }
        })
        .collect();
    match q.sort.as_str() {
        "child" => items.sort_by(|a, b| (&a.name, &a.case, a.due).cmp(&(&b.name, &b.case, b.due))),
        "rule" => items.sort_by(|a, b| (a.rule, a.due).cmp(&(b.rule, b.due))),
        _ => {}
    }
    items
}

/// The columns of the worklist's CSV and XLSX.
const EXPORT_HEADERS: &[&str] = &[
    "Name",
    "Child",
    "Rule",
    "What",
    "Due",
    "Days left",
    "Worker",
    "Team",
];

/// A child's item as an export row: the child by name and identifier, the
/// due date as a date, the days left (negative when overdue) as a number,
/// the worker by name.
fn export_row(i: &WorkItem, names: &app::people::Names) -> Vec<Datum> {
    vec![
        Datum::text(i.name.clone()),
        Datum::text(i.case.clone()),
        Datum::text(i.rule),
        Datum::text(i.title),
        Datum::Date(i.due),
        Datum::count(Some(i.days_left)),
        Datum::text(
            i.worker
                .as_deref()
                .map(|w| names.name(w))
                .unwrap_or_default(),
        ),
        Datum::text(i.team.clone().unwrap_or_default()),
    ]
}

/// A household's line (name, rule, what, due, days, worker, team, as the
/// households' list writes it) in the worklist export's columns, its due
/// date and days typed.
fn typed_household_row(r: &[Cell]) -> Vec<Datum> {
    let text = |i: usize| Datum::text(r.get(i).map_or("", |c| c.text.as_str()));
    let due = r
        .get(3)
        .and_then(|c| chrono::NaiveDate::parse_from_str(&c.text, "%d %B %Y").ok());
    let days = r.get(4).and_then(|c| c.text.parse::<i64>().ok());
    vec![
        text(0),
        Datum::Empty,
        text(1),
        text(2),
        due.map_or_else(|| text(3), Datum::Date),
        days.map_or_else(|| text(4), |d| Datum::count(Some(d))),
        text(5),
        text(6),
    ]
}

/// The worklist's filters: what is due, status, the team for those who see
/// every team, and the order.
fn worklist_filters(
    q: &WorklistQuery,
    rules: &[(&str, &str)],
    view: &app::WorklistView,
    caller: &Caller,
) -> Vec<Filter> {
    let mut filters = vec![
        Filter {
            name: "rule",
            label: "What is due",
            value: q.rule.clone(),
            options: std::iter::once(option("", "Everything"))
                .chain(rules.iter().map(|(r, t)| option(r, &format!("{t} ({r})"))))
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
            label: "Order",
            value: q.sort.clone(),
            options: vec![
                option("", "Most urgent first"),
                option("child", "Child's name"),
                option("rule", "Rule"),
            ],
        },
    ];
    if team_scope(caller.user()).is_none() {
        filters.insert(2, team_filter(&q.team, &view.teams, "All teams"));
    }
    filters
}
