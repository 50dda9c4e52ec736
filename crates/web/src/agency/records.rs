//! The agency's records: the Statements of Purpose (GOV-029) and the free
//! online courses (TRAIN-002), each with its next review or replacement;
//! publishing one; the fostering service's calendar for this year and the
//! last (FOST-037, FOST-038, FOST-045: its annual report, monthly returns,
//! survey and audits, with each period ended without one); and a record's
//! page, where its keeper records the review held, the course that
//! replaces it or the next report, return, survey or audit.

use app::agency::{NewAgencyRecord, StoredAgencyRecord};
use axum::extract::Path;
use axum::response::Response;
use domain::agency::records::{AgencyRecord, AgencyRecordKind};
use domain::households::CARER_TEAMS;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, Part, RecordPage, button_form, cell, field, form_date,
    long_date, part, select,
};

fn page(title: String, caller: &Caller, back: bool) -> RecordPage {
    RecordPage {
        back: back.then(|| ("/agency".into(), "Back to agency records".into())),
        ..RecordPage::new(Chrome::new(title, Some(&caller.signed), "/agency"))
    }
}

/// The next review or replacement of a record, in words.
fn next_due(r: &AgencyRecord, caller: &Caller) -> (String, String) {
    match r.deadlines(caller.today()).first() {
        Some(d) => (
            long_date(d.due),
            domain::worklist::due_in_words(d.days_left),
        ),
        None => (String::new(), String::new()),
    }
}

/// Every record, with the form publishing one.
pub(crate) async fn agency_records(caller: Caller) -> Page {
    Ok(show_list(&caller, Vec::new(), None).await)
}

async fn show_list(caller: &Caller, errors: Vec<FieldError>, done: Option<String>) -> Response {
    let all = match caller
        .page(|c| app::agency::agency_records(&c.store, c.user()))
        .await
    {
        Ok(all) => all,
        Err(page) => return page,
    };
    let year = chrono::Datelike::year(&caller.today());
    let calendars = match caller
        .page(move |c| app::agency::agency_calendar(&c.store, c.user(), c.clock(), year - 1..=year))
        .await
    {
        Ok(lines) => lines,
        Err(page) => return page,
    };
    let mut list = part(
        "records",
        "Statements of Purpose, courses, reports and audits",
    );
    list.links = vec![(
        "/training-programme".into(),
        "The training and events programme".into(),
    )];
    if all.is_empty() {
        list.paragraphs.push("No records are kept yet.".into());
    } else {
        list.table_headers = ["Record", "Team", "Last entry", "Next due", "When"]
            .map(String::from)
            .to_vec();
        list.table_rows = all
            .iter()
            .map(|r| {
                let (due, when) = next_due(&r.value, caller);
                vec![
                    Cell {
                        text: r.value.name(),
                        href: Some(format!("/agency/{}", r.value.id)),
                    },
                    cell(r.value.team.clone()),
                    cell(
                        r.value
                            .entries
                            .last()
                            .map(|e| long_date(e.date))
                            .unwrap_or_default(),
                    ),
                    cell(due),
                    cell(when),
                ]
            })
            .collect();
    }
    let mut owed = part("calendar", "The fostering service's calendar");
    owed.paragraphs.push(
        "Reports, returns, the carers' survey and audits the service owes each year (FOST-037, FOST-038, FOST-045). A period is missed once it has ended without one."
            .into(),
    );
    owed.table_headers = ["Year", "Record", "Team", "Held", "Owed", "Missed"]
        .map(String::from)
        .to_vec();
    owed.table_rows = calendars
        .iter()
        .map(|l| {
            vec![
                cell(l.year.to_string()),
                cell(format!("{} ({})", l.kind.label(), l.rule)),
                cell(l.team.clone()),
                cell(l.held.to_string()),
                cell(l.expected.to_string()),
                cell(if l.non_compliant() {
                    format!("Missing: {}", l.missing.join(", "))
                } else {
                    "None".to_owned()
                }),
            ]
        })
        .collect();
    list.links.push((
        "/passport/rules".into(),
        "Passport rules and their legal framework".into(),
    ));
    let mut add = part("publish", "Publish a record");
    let mut f = button_form("publish", "/agency", "Publish", Vec::new());
    f.fields = vec![
        select(
            "kind",
            "What it is",
            AgencyRecordKind::AdoptionStatementOfPurpose.code(),
            AgencyRecordKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), k.label().to_owned()))
                .collect(),
        ),
        select(
            "team",
            "Team that keeps it",
            CARER_TEAMS[2],
            CARER_TEAMS
                .iter()
                .map(|t| ((*t).to_owned(), (*t).to_owned()))
                .collect(),
        ),
        FieldSpec {
            hint: Some(
                "A course's title; a Statement of Purpose, report, return, survey or audit may leave it empty."
                    .into(),
            ),
            ..field("title", "Title", "text", "")
        },
        field(
            "date",
            "Date published",
            "date",
            form_date(Some(caller.today())),
        ),
    ];
    add.forms.push(f);
    let mut p = page("Agency records".into(), caller, false);
    p.caption = Some(
        "Reviews, replacements, reports and audits the service owes (GOV-029, TRAIN-002, FOST-037, FOST-038, FOST-045)"
            .into(),
    );
    p.errors = errors;
    p.success = done;
    p.sections = vec![list, owed, add];
    p.respond()
}

/// Publishes a record.
pub(crate) async fn publish_post(caller: Caller, fields: Fields) -> Page {
    let (kind, date) = (
        AgencyRecordKind::parse(&fields.get("kind")),
        fields.date("date"),
    );
    let (Some(kind), Ok(Some(date))) = (kind, date) else {
        let errors = vec![FieldError {
            field: "publish-date",
            message: "Choose what it is and enter the date it was published, for example 27 3 2026"
                .into(),
        }];
        return Ok(show_list(&caller, errors, None).await);
    };
    let new = NewAgencyRecord {
        kind,
        team: fields.get("team"),
        title: fields.get("title"),
        published: date,
    };
    match caller
        .run(move |c| {
            app::agency::publish_agency_record(&c.store, c.user(), c.clock(), new, &c.from)
        })
        .await
    {
        Ok(id) => Ok(show_list(
            &caller,
            Vec::new(),
            Some(format!("{} {id} was published.", kind.label())),
        )
        .await),
        Err(e) => {
            let errors = caller.form_errors(&e, "publish-title")?;
            Ok(show_list(&caller, errors, None).await)
        }
    }
}

/// A record's page.
pub(crate) async fn agency_record_page(caller: Caller, Path(id): Path<String>) -> Page {
    Ok(show_record(&caller, &id, Vec::new(), None).await)
}

async fn show_record(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let rid = id.to_owned();
    let held: StoredAgencyRecord = match caller
        .page(move |c| app::agency::agency_record(&c.store, c.user(), &rid))
        .await
    {
        Ok(r) => r,
        Err(page) => return page,
    };
    let r = &held.value;
    let mut summary = part("summary", "Summary");
    let (due, when) = next_due(r, caller);
    summary.rows = vec![
        ("What it is".into(), r.kind.label().into()),
        ("Team that keeps it".into(), r.team.clone()),
        ("Next due".into(), format!("{due} ({when})")),
    ];
    let mut history = part("history", "History");
    history.table_headers = ["Date", "Entry"].map(String::from).to_vec();
    history.table_rows = r
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let counted = domain::agency::calendar::owed(r.kind).is_some();
            let what = match (i, r.kind.is_course()) {
                _ if counted => format!("Held: {}", e.title),
                (0, _) => format!("Published: {}", e.title),
                (_, true) => format!("Replaced by: {}", e.title),
                (_, false) => "Reviewed".to_owned(),
            };
            vec![cell(long_date(e.date)), cell(what)]
        })
        .collect();
    let mut entry = part("entry", r.kind.later_entry());
    let mut f = button_form(
        "entry",
        &format!("/agency/{}", r.id),
        r.kind.later_entry(),
        vec![("version", held.version.to_string())],
    );
    if r.kind.is_course() {
        f.fields
            .push(field("title", "The new course's title", "text", ""));
    }
    f.fields.push(field(
        "date",
        "Date",
        "date",
        form_date(Some(caller.today())),
    ));
    entry.forms.push(f);
    let sections: Vec<Part> = vec![summary, history, entry];
    let mut p = page(r.name(), caller, true);
    p.caption = Some(format!("Agency record {}", r.id));
    p.errors = errors;
    p.success = done;
    p.sections = sections;
    p.respond()
}

/// Records a review or a replacement.
pub(crate) async fn agency_record_post(
    caller: Caller,
    Path(id): Path<String>,
    fields: Fields,
) -> Page {
    let Ok(Some(date)) = fields.date("date") else {
        let errors = vec![FieldError {
            field: "entry-date",
            message: "Enter the date, for example 27 3 2026".into(),
        }];
        return Ok(show_record(&caller, &id, errors, None).await);
    };
    let (rid, title, version) = (id.clone(), fields.get("title"), fields.version());
    match caller
        .run(move |c| {
            app::agency::record_agency_entry(
                &c.store,
                c.user(),
                c.clock(),
                (&rid, version),
                (&title, date),
                &c.from,
            )
        })
        .await
    {
        Ok(()) => Ok(show_record(&caller, &id, Vec::new(), Some("Recorded.".into())).await),
        Err(e) => {
            let field = if e.to_string().contains("title") {
                "entry-title"
            } else {
                "entry-date"
            };
            let errors = caller.form_errors(&e, field)?;
            Ok(show_record(&caller, &id, errors, None).await)
        }
    }
}
