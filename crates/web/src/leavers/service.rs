//! The care leavers' page: the young people, filterable to those whose
//! Pathway Plan is missing (LEAVE-101) or with any flag; the local offer
//! (LEAVE-003); SYPAC's sessions and the months it missed this year
//! (LEAVE-012); feedback on the offer by theme (LEAVE-013).

use app::leavers::ServiceChange;
use axum::extract::Query;
use chrono::Datelike;
use domain::leavers::service::{THEMES, missing_sypac_months, suggested_theme};

use super::forms::error_beside;
use crate::handler::{Caller, Fields, Page};
use crate::leavers::forms::{FormDef, fd};
use crate::ui::{Cell, Chrome, FieldError, Part, RecordPage, cell, long_date, part};

/// The list's filter.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct LeaversQuery {
    pub show: Option<String>,
}

const THEME_OPTIONS: &[(&str, &str)] = &[
    ("CV help", "CV help"),
    ("Jobs with the council", "Jobs with the council"),
    (
        "Leaving Care Grant information before 16",
        "Leaving Care Grant information before 16",
    ),
    (
        "Benefits and budgeting advice",
        "Benefits and budgeting advice",
    ),
    ("Local area information", "Local area information"),
    ("Peer mentoring", "Peer mentoring"),
];

const SERVICE_FORMS: &[FormDef] = &[
    FormDef {
        code: "sypac",
        legend: "Record a SYPAC session",
        fields: &[fd!("sypac", "date", "Date SYPAC met", "date")],
    },
    FormDef {
        code: "feedback",
        legend: "Record a care leaver's feedback on the offer",
        fields: &[
            fd!("feedback", "text", "What they said", "textarea"),
            fd!("feedback", "theme", "Theme", "select", THEME_OPTIONS),
            fd!("feedback", "date", "Date", "date"),
        ],
    },
];

fn list_part(leavers: &[app::leavers::LeaverView], show: &str) -> Part {
    let mut p = part(
        "young-people",
        "Care leavers and young people with a leaving-care status",
    );
    p.links = vec![
        ("/leavers".into(), "Everyone".into()),
        (
            "/leavers?show=missing".into(),
            "Pathway Plan missing".into(),
        ),
        ("/leavers?show=flagged".into(), "Needing action".into()),
    ];
    p.table_headers = [
        "Young person",
        "Status",
        "Pathway Plan due",
        "Personal Adviser",
        "Activity",
        "Needs",
    ]
    .map(String::from)
    .to_vec();
    p.table_rows = leavers
        .iter()
        .filter(|v| match show {
            "missing" => v.flags.iter().any(|f| f.rule == "LEAVE-101"),
            "flagged" => !v.flags.is_empty(),
            _ => true,
        })
        .map(|v| {
            let j = &v.journey.value;
            vec![
                Cell {
                    text: j.child().name.full(),
                    href: Some(format!("/children/{}/leaving-care", j.id())),
                },
                cell(
                    v.status
                        .map_or(if v.care_leaver { "Care leaver" } else { "" }, |s| {
                            s.title()
                        }),
                ),
                cell(
                    v.record
                        .plan_due()
                        .map_or_else(|| "No plan".into(), long_date),
                ),
                cell(
                    v.record
                        .adviser
                        .as_ref()
                        .map_or(String::new(), |a| a.what.clone()),
                ),
                cell(v.record.current_activity().map_or("", |a| a.what.title())),
                cell(
                    v.flags
                        .iter()
                        .map(|f| f.text.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ]
        })
        .collect();
    if p.table_rows.is_empty() {
        p.paragraphs.push("No young person is on this list.".into());
    }
    p
}

async fn show(
    caller: &Caller,
    q: &LeaversQuery,
    typed: Option<&Fields>,
    (errors, success): (Vec<FieldError>, Option<String>),
) -> Page {
    let leavers = caller
        .page(|c| app::leavers::care_leavers(&c.store, c.user(), c.clock(), &c.from))
        .await?;
    let (service, version) = caller
        .page(|c| app::leavers::leaving_care_service(&c.store, c.user()))
        .await?;
    let today = caller.today();
    let mut sections = vec![list_part(&leavers, q.show.as_deref().unwrap_or(""))];
    let mut sypac = part("sypac", "SYPAC forum");
    sypac.rows = vec![(
        "Sessions this year".into(),
        service
            .sypac
            .iter()
            .filter(|d| d.year() == today.year())
            .count()
            .to_string(),
    )];
    let missed = missing_sypac_months(&service.sypac, today.year(), today);
    if !missed.is_empty() {
        let months: Vec<String> = missed
            .iter()
            .filter_map(|m| chrono::NaiveDate::from_ymd_opt(today.year(), *m, 1))
            .map(|d| d.format("%B").to_string())
            .collect();
        sypac
            .rows
            .push(("Months without a session".into(), months.join(", ")));
    }
    sections.push(sypac);
    let mut voice = part("feedback", "What care leavers say about the offer");
    voice.table_headers = ["Date", "Theme", "What they said"]
        .map(String::from)
        .to_vec();
    voice.table_rows = service
        .feedback
        .iter()
        .rev()
        .map(|f| {
            vec![
                cell(long_date(f.date)),
                cell(f.theme.clone()),
                cell(f.text.clone()),
            ]
        })
        .collect();
    sections.push(voice);
    if caller
        .user()
        .may(domain::access::Permission::RecordActivities)
    {
        sections.push(super::forms::forms_part(
            caller,
            (SERVICE_FORMS, &|_| true),
            ("/leavers", version),
            typed,
        ));
    }
    let mut offer = part("local-offer", "The local offer");
    offer.rows = domain::leavers::service::LOCAL_OFFER
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    sections.push(offer);
    Ok(RecordPage {
        errors,
        success,
        sections,
        ..RecordPage::new(Chrome::new(
            "Care leavers",
            Some(&caller.signed),
            "/leavers",
        ))
    }
    .respond())
}

/// The care leavers' page.
pub(crate) async fn leavers(caller: Caller, Query(q): Query<LeaversQuery>) -> Page {
    show(&caller, &q, None, (Vec::new(), None)).await
}

/// Records a SYPAC session or a feedback item.
pub(crate) async fn leavers_post(caller: Caller, fields: Fields) -> Page {
    let code = fields.get("change");
    let q = LeaversQuery::default();
    let date = match fields.date("date") {
        Ok(Some(d)) => d,
        _ => {
            let errors = error_beside(
                SERVICE_FORMS,
                &code,
                "date: enter the date, for example 27/3/2026",
            );
            return show(&caller, &q, Some(&fields), (errors, None)).await;
        }
    };
    let change = match code.as_str() {
        "sypac" => ServiceChange::Sypac { date },
        _ => {
            let text = fields.get("text");
            let mut theme = fields.get("theme");
            if theme.is_empty() {
                theme = suggested_theme(&text).unwrap_or(THEMES[0]).to_owned();
            }
            ServiceChange::Feedback { date, text, theme }
        }
    };
    let version = fields.version();
    let done = caller
        .run(move |c| {
            app::leavers::change_leaving_care_service(
                &c.store,
                c.user(),
                c.clock(),
                version,
                change,
                &c.from,
            )
        })
        .await;
    match done {
        Ok(_) => show(&caller, &q, None, (Vec::new(), Some("Saved.".into()))).await,
        Err(e) => {
            let errors = super::forms::failure(&caller, SERVICE_FORMS, &code, &e)?;
            show(&caller, &q, Some(&fields), (errors, None)).await
        }
    }
}
