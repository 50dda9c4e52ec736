//! The complaints year (`/complaints/annual`): the figures the committee
//! receives (CMPL-013: volumes by date received, speed, outcome and cause
//! by date resolved), for one service if asked (CMPL-022), with costs,
//! compliments, recurring themes and their actions, the reporting calendar
//! and the published report with its corrections (CMPL-021); forms to
//! record a compliment, a theme, and publish the report.

use app::complaints::ComplaintsYear;
use axum::extract::Query;
use axum::response::Response;
use domain::complaints::annual::{COMPLIMENT_TEAMS, Demand, percent_text};
use domain::reporting::conventions::Period;
use serde::Deserialize;

use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Chrome, FieldError, FieldSpec, Part, RecordPage, button_form, cell, field, form_date,
    long_date, part, select,
};

/// `?year=2025-26&service=Fostering`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct YearQuery {
    year: Option<String>,
    service: Option<String>,
}

const PATH: &str = "/complaints/annual";

fn year_of(caller: &Caller, asked: Option<&str>) -> i32 {
    asked
        .and_then(|y| Period::parse(y).ok())
        .map_or_else(|| Period::year_of(caller.today()).year, |p| p.year)
}

/// The complaints year's page.
pub(crate) async fn complaints_annual(caller: Caller, Query(q): Query<YearQuery>) -> Page {
    let year = year_of(&caller, q.year.as_deref());
    Ok(show(&caller, (year, q.service), Vec::new(), None).await)
}

fn rows_table(p: &mut Part, headers: [&str; 2], rows: Vec<(String, String)>) {
    p.table_headers = headers.map(String::from).to_vec();
    p.table_rows = rows
        .into_iter()
        .map(|(a, b)| vec![cell(a), cell(b)])
        .collect();
}

fn figures_part(y: &ComplaintsYear) -> Part {
    let f = &y.figures;
    let heading = match &y.service {
        Some(s) => format!("Figures for {} ({s})", f.period),
        None => format!("Figures for {}", f.period),
    };
    let mut p = part("figures", &heading);
    p.paragraphs.push(
        "Volumes count complaints received in the year; speed, outcome, cause and learning count those resolved in it (CMPL-013). Corporate complaints are reported to the Scrutiny Commission, not here (CMPL-001).".into(),
    );
    let mut lines = y.figures.lines();
    lines.push((
        "Corporate complaints left out".into(),
        f.corporate_left_out.to_string(),
    ));
    lines.extend(
        f.causes
            .iter()
            .map(|(c, n)| (format!("Cause: {c}"), n.to_string())),
    );
    lines.extend(
        f.by_service
            .iter()
            .map(|(s, n)| (format!("Stage 1 received about {s}"), n.to_string())),
    );
    lines.extend(
        f.compliments
            .iter()
            .map(|(t, n)| (format!("Compliments for {t}"), n.to_string())),
    );
    rows_table(&mut p, ["What", "Figure"], lines);
    p.links = y
        .services
        .iter()
        .map(|s| {
            (
                format!(
                    "{PATH}?year={}&service={s}",
                    Period::financial_year(y.year).code()
                ),
                format!("Figures for {s}"),
            )
        })
        .collect();
    for back in 0..3 {
        let other = Period::financial_year(y.year - back);
        p.links.push((
            format!("{PATH}?year={}", other.code()),
            format!("All services, {}", other.year_label()),
        ));
    }
    p
}

fn report_part(y: &ComplaintsYear, today: chrono::NaiveDate, may_publish: bool) -> Part {
    let mut p = part("report", "Annual report");
    let version = y.report.as_ref().map_or(0, |r| r.version);
    match &y.report {
        None => p.paragraphs.push("Not published yet.".into()),
        Some(r) => {
            p.table_headers = ["Version", "Published", "Change note", "What changed"]
                .map(String::from)
                .to_vec();
            p.table_rows = r
                .value
                .versions
                .iter()
                .map(|v| {
                    vec![
                        cell(v.number.to_string()),
                        cell(long_date(v.published)),
                        cell(v.change_note.clone()),
                        cell(r.value.changes(v.number).join("; ")),
                    ]
                })
                .collect();
        }
    }
    let demand = y
        .report
        .as_ref()
        .and_then(|r| r.value.versions.last())
        .map(|v| v.demand)
        .unwrap_or_default();
    if let Some(bp) = y.figures.per_referral {
        p.paragraphs.push(format!(
            "Stage 1 complaints were {} of the {} referrals (CMPL-023).",
            percent_text(bp),
            demand.referrals
        ));
    }
    if !may_publish {
        return p;
    }
    let mut f = button_form(
        "publish",
        PATH,
        if version == 0 {
            "Publish the annual report"
        } else {
            "Publish a corrected version"
        },
        vec![
            ("form", "publish".into()),
            ("year", y.year.to_string()),
            ("version", version.to_string()),
        ],
    );
    let number = |name: &str, label: &str, n: u32| field(name, label, "text", n.to_string());
    f.fields = vec![
        number(
            "referrals",
            "Referrals to children's social care",
            demand.referrals,
        ),
        number(
            "single_assessments",
            "Single assessments",
            demand.single_assessments,
        ),
        number(
            "children_in_care",
            "Children in care",
            demand.children_in_care,
        ),
        number("cp_plans", "Child protection plans", demand.cp_plans),
        FieldSpec {
            hint: Some(format!(
                "Needed for a corrected version: what it corrects (today is {}).",
                long_date(today)
            )),
            ..field("change_note", "Change note", "textarea", "")
        },
    ];
    p.forms.push(f);
    p
}

fn compliments_part(y: &ComplaintsYear, today: chrono::NaiveDate) -> Part {
    let mut p = part("compliments", "Compliments");
    p.table_headers = ["Received", "Team", "What was said"]
        .map(String::from)
        .to_vec();
    p.table_rows = y
        .compliments
        .iter()
        .rev()
        .map(|c| {
            vec![
                cell(long_date(c.received)),
                cell(c.team.clone()),
                cell(c.summary.clone()),
            ]
        })
        .collect();
    let mut f = button_form(
        "compliment",
        PATH,
        "Record the compliment",
        vec![("form", "compliment".into())],
    );
    let mut teams = vec![(String::new(), "Select".to_owned())];
    teams.extend(
        COMPLIMENT_TEAMS
            .iter()
            .map(|t| ((*t).to_owned(), (*t).to_owned())),
    );
    f.fields = vec![
        field("date", "Date received", "date", form_date(Some(today))),
        select("team", "Team", COMPLIMENT_TEAMS[0], teams),
        field("summary", "What was said (no names)", "textarea", ""),
    ];
    p.forms.push(f);
    p
}

fn themes_part(y: &ComplaintsYear, today: chrono::NaiveDate) -> Part {
    let mut p = part("themes", "Recurring themes and their actions");
    p.table_headers = ["Logged", "Theme", "Owner", "Action", "Review"]
        .map(String::from)
        .to_vec();
    p.table_rows = y
        .themes
        .iter()
        .map(|t| {
            vec![
                cell(long_date(t.logged)),
                cell(t.theme.clone()),
                cell(t.owner.clone()),
                cell(t.action.clone()),
                cell(long_date(t.review)),
            ]
        })
        .collect();
    let mut f = button_form(
        "theme",
        PATH,
        "Record the theme",
        vec![("form", "theme".into())],
    );
    f.fields = vec![
        field("date", "Date logged", "date", form_date(Some(today))),
        field("theme", "Theme", "text", ""),
        field("owner", "Owner", "text", ""),
        field("action", "Action", "textarea", ""),
        field("review", "Review date", "date", ""),
    ];
    p.forms.push(f);
    p
}

async fn show(
    caller: &Caller,
    (year, service): (i32, Option<String>),
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let y = match caller
        .page(move |c| {
            app::complaints::complaints_year(
                &c.store,
                c.user(),
                c.clock(),
                (year, service),
                &c.from,
            )
        })
        .await
    {
        Ok(y) => y,
        Err(page) => return page,
    };
    let today = caller.today();
    let mut calendar = part("calendar", "Reporting calendar");
    rows_table(
        &mut calendar,
        ["Due", "Report"],
        y.calendar
            .iter()
            .map(|(d, l)| (long_date(*d), l.clone()))
            .collect(),
    );
    let mut p = RecordPage {
        back: Some(("/complaints".into(), "Back to complaints".into())),
        ..RecordPage::new(Chrome::new(
            format!("Complaints and compliments {}", y.figures.period),
            Some(&caller.signed),
            "/complaints",
        ))
    };
    p.caption = Some("What the committee receives".into());
    p.errors = errors;
    p.success = done;
    p.sections = vec![
        figures_part(&y),
        report_part(
            &y,
            today,
            caller.user().role == domain::roles::Role::ComplaintsManager,
        ),
        compliments_part(&y, today),
        themes_part(&y, today),
        calendar,
    ];
    p.respond()
}

/// Records a compliment or a theme, or publishes the report.
pub(crate) async fn complaints_annual_post(caller: Caller, fields: Fields) -> Page {
    let form = fields.get("form");
    let year = fields
        .get("year")
        .parse()
        .unwrap_or_else(|_| Period::year_of(caller.today()).year);
    let bad_date = |field: &'static str| FieldError {
        field,
        message: "Enter a real date, like 27/3/2026".into(),
    };
    let result = match form.as_str() {
        "compliment" => {
            let Ok(Some(date)) = fields.date("date") else {
                return Ok(show(
                    &caller,
                    (year, None),
                    vec![bad_date("compliment-date")],
                    None,
                )
                .await);
            };
            let (team, summary) = (fields.get("team"), fields.get("summary"));
            caller
                .run(move |c| {
                    app::complaints::record_compliment(
                        &c.store,
                        c.user(),
                        c.clock(),
                        (date, &team, &summary),
                        &c.from,
                    )
                })
                .await
                .map(|id| format!("Compliment {id} was recorded."))
        }
        "theme" => {
            let (Ok(Some(date)), Ok(review)) = (fields.date("date"), fields.date("review")) else {
                return Ok(show(&caller, (year, None), vec![bad_date("theme-review")], None).await);
            };
            let words = (
                fields.get("theme"),
                fields.get("owner"),
                fields.get("action"),
            );
            caller
                .run(move |c| {
                    app::complaints::record_theme(
                        &c.store,
                        c.user(),
                        c.clock(),
                        (date, review),
                        (&words.0, &words.1, &words.2),
                        &c.from,
                    )
                })
                .await
                .map(|id| format!("Theme {id} was recorded."))
        }
        _ => {
            let n = |name: &str| fields.get(name).replace(',', "").parse::<u32>();
            let (Ok(referrals), Ok(single_assessments), Ok(children_in_care), Ok(cp_plans)) = (
                n("referrals"),
                n("single_assessments"),
                n("children_in_care"),
                n("cp_plans"),
            ) else {
                let e = FieldError {
                    field: "publish-referrals",
                    message: "Enter each demand figure as a whole number, like 5214".into(),
                };
                return Ok(show(&caller, (year, None), vec![e], None).await);
            };
            let demand = Demand {
                referrals,
                single_assessments,
                children_in_care,
                cp_plans,
            };
            let (note, version) = (fields.get("change_note"), fields.version());
            caller
                .run(move |c| {
                    app::complaints::publish_complaints_report(
                        &c.store,
                        c.user(),
                        c.clock(),
                        (year, version),
                        (demand, &note),
                        &c.from,
                    )
                })
                .await
                .map(|n| format!("Version {n} of the annual report was published."))
        }
    };
    match result {
        Ok(done) => Ok(show(&caller, (year, None), Vec::new(), Some(done)).await),
        Err(e) => {
            let m = e.to_string();
            let field = match form.as_str() {
                "compliment" if m.contains("team") => "compliment-team",
                "compliment" => "compliment-date",
                "theme" if m.contains("owner") => "theme-owner",
                "theme" if m.contains("action") => "theme-action",
                "theme" if m.contains("review") => "theme-review",
                "theme" => "theme-theme",
                _ => "publish-change_note",
            };
            let errors = caller.form_errors(&e, field)?;
            Ok(show(&caller, (year, None), errors, None).await)
        }
    }
}
