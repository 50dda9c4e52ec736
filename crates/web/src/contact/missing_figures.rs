//! The quarterly missing figures (`/missing?year=2025-26`, MISS-005,
//! MISS-008): for each quarter, episodes and distinct children by sex and
//! by who they are, missing from care against missing from home, and the
//! out-of-area share; the form recording a notification of another
//! authority's child or a child missing from home.

use axum::extract::Query;
use axum::response::Response;
use domain::codes::{CodeList, Sex};
use domain::complaints::annual::percent_text;
use domain::contact::missing::may_record;
use domain::contact::missing_figures::{Category, QuarterFigures};
use domain::reporting::conventions::Period;
use serde::Deserialize;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Chrome, FieldError, Part, RecordPage, button_form, cell, field, form_date, part, select,
};

const PATH: &str = "/missing";

/// `?year=2025-26`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MissingQuery {
    year: Option<String>,
}

/// The missing figures of a year.
pub(crate) async fn missing_figures(caller: Caller, Query(q): Query<MissingQuery>) -> Page {
    let year = q
        .year
        .and_then(|y| Period::parse(&y).ok())
        .map_or_else(|| Period::year_of(caller.today()).year, |p| p.year);
    Ok(show(&caller, year, Vec::new(), None).await)
}

fn quarter_part(n: usize, q: &QuarterFigures) -> Part {
    let mut p = part(&format!("q{}", n + 1), &q.period);
    p.table_headers = ["Who", "Episodes", "Children", "Male", "Female", "Not known"]
        .map(String::from)
        .to_vec();
    p.table_rows = q
        .rows
        .iter()
        .map(|(c, episodes, [m, f, u], people)| {
            vec![
                cell(c.label()),
                cell(episodes.to_string()),
                cell(people.to_string()),
                cell(m.to_string()),
                cell(f.to_string()),
                cell(u.to_string()),
            ]
        })
        .collect();
    p.rows = vec![
        (
            "Missing from care (looked after)".into(),
            q.from_care.to_string(),
        ),
        ("Missing from home".into(), q.from_home.to_string()),
        (
            "Out-of-area share of looked-after episodes (MISS-008)".into(),
            q.out_of_area_share.map_or("None".into(), percent_text),
        ),
    ];
    p
}

fn notification_part(caller: &Caller) -> Part {
    let mut p = part("notify", "Record a notification");
    p.paragraphs.push(
        "A missing episode of a child another authority looks after and placed here, or of a child missing from home, as the police tell it. Record no name: the police reference keeps the same child together.".into(),
    );
    let mut f = button_form("notify", PATH, "Record the notification", Vec::new());
    f.fields = vec![
        field("reference", "Police reference", "text", ""),
        select(
            "category",
            "Who the child is",
            Category::NotLookedAfter.code(),
            Category::ALL[1..]
                .iter()
                .map(|c| (c.code().to_owned(), c.label().to_owned()))
                .collect(),
        ),
        select(
            "sex",
            "Sex",
            "U",
            Sex::ALL
                .iter()
                .map(|s| (s.code().to_owned(), s.description().to_owned()))
                .collect(),
        ),
        field(
            "date",
            "Date it started",
            "date",
            form_date(Some(caller.today())),
        ),
        field("authority", "Placing authority (out of area)", "text", ""),
    ];
    p.forms.push(f);
    p
}

async fn show(
    caller: &Caller,
    year: i32,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let quarters = match caller
        .page(move |c| app::contact::missing_figures(&c.store, c.user(), c.clock(), year, &c.from))
        .await
    {
        Ok(q) => q,
        Err(page) => return page,
    };
    let label = Period::financial_year(year).year_label();
    let mut p = RecordPage::new(Chrome::new(
        format!("Children missing {label}"),
        Some(&caller.signed),
        PATH,
    ));
    p.caption = Some("Quarterly missing figures (MISS-005)".into());
    p.errors = errors;
    p.success = done;
    let mut years = part("years", "Other years");
    years.links = (1..3)
        .map(|back| {
            let other = Period::financial_year(year - back);
            (format!("{PATH}?year={}", other.code()), other.year_label())
        })
        .collect();
    p.sections = quarters
        .iter()
        .enumerate()
        .map(|(n, q)| quarter_part(n, q))
        .collect();
    if may_record(caller.user()) {
        p.sections.push(notification_part(caller));
    }
    p.sections.push(years);
    p.respond()
}

/// Records a notification.
pub(crate) async fn missing_figures_post(caller: Caller, fields: Fields) -> Page {
    let year = Period::year_of(caller.today()).year;
    let (Ok(Some(started)), Some(category), Ok(sex)) = (
        fields.date("date"),
        Category::parse(&fields.get("category")),
        Sex::parse_code(&fields.get("sex")),
    ) else {
        let e = FieldError {
            field: "notify-date",
            message: "Enter the date it started, who the child is and their sex".into(),
        };
        return Ok(show(&caller, year, vec![e], None).await);
    };
    let (reference, authority) = (fields.get("reference"), fields.get("authority"));
    match caller
        .run(move |c| {
            app::contact::record_missing_notification(
                &c.store,
                c.user(),
                c.clock(),
                (&reference, category, sex),
                (started, &authority),
                &c.from,
            )
        })
        .await
    {
        Ok(id) => Ok(show(
            &caller,
            year,
            Vec::new(),
            Some(format!("Notification {id} was recorded.")),
        )
        .await),
        Err(e) => {
            let field = if e.to_string().contains("authority") {
                "notify-authority"
            } else if e.to_string().contains("reference") {
                "notify-reference"
            } else {
                "notify-date"
            };
            let errors = caller.form_errors(&e, field)?;
            Ok(show(&caller, year, errors, None).await)
        }
    }
}
