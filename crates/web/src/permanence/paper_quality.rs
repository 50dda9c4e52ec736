//! The quality of a referral's papers (PANEL-013): the panel's rating of
//! each paper with the amendments it asked for, the panel adviser's form
//! recording one, and the team manager's record of amendments completed,
//! with those overdue shown as an alert.

use axum::extract::Path;
use axum::response::Response;
use domain::access::Permission;
use domain::permanence::referrals::{PackDoc, QualityRating};
use domain::roles::Role;

use super::panels_page;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    FieldError, FieldSpec, FormSpec, Part, button_form, cell, field, long_date, part, select,
};

/// How many amendments the form offers at once.
const AMENDMENT_ROWS: usize = 3;

/// The referral's papers with their ratings.
pub(crate) async fn quality_page(caller: Caller, Path(id): Path<String>) -> Response {
    show_quality(&caller, &id, Vec::new(), None).await
}

async fn show_quality(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let rid = id.to_owned();
    let view = caller
        .page(move |c| app::permanence::open_referral(&c.store, c.user(), c.clock(), &rid, &c.from))
        .await;
    let view = match view {
        Ok(v) => v,
        Err(page) => return page,
    };
    let r = &view.referral.value.document;
    let action = format!("/referrals/{id}/quality");
    let version = view.referral.version;
    let notices = app::permanence::amendments_overdue(r, caller.today())
        .into_iter()
        .map(|(doc, due)| {
            format!(
                "Amendments to the {} are overdue: they were due by {}.",
                doc.label().to_lowercase(),
                long_date(due)
            )
        })
        .collect();
    let mut rated = part("ratings", "The panel's ratings");
    if r.quality.is_empty() {
        rated
            .paragraphs
            .push("The panel has rated no paper yet.".into());
    } else {
        rated.table_headers = ["Paper", "Rating", "Amendments"].map(String::from).to_vec();
        rated.table_rows = r
            .quality
            .iter()
            .map(|q| {
                let amendments = q
                    .amendments
                    .iter()
                    .map(|a| match a.completed {
                        Some(c) => format!("{}: completed {}", a.what, long_date(c)),
                        None => format!("{}: due by {}", a.what, long_date(a.due)),
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                vec![
                    cell(q.doc.label()),
                    cell(q.rating.label()),
                    cell(amendments),
                ]
            })
            .collect();
    }
    if caller.user().may(Permission::WorkOnPlans) {
        for q in r
            .quality
            .iter()
            .filter(|q| q.amendments.iter().any(|a| a.completed.is_none()))
        {
            rated.forms.push(button_form(
                &format!("complete-{}", q.doc.code()),
                &action,
                &format!(
                    "Record the amendments to the {} completed",
                    q.doc.label().to_lowercase()
                ),
                vec![
                    ("version", version.to_string()),
                    ("action", "complete".into()),
                    ("doc", q.doc.code().into()),
                ],
            ));
        }
    }
    let mut sections = vec![rated];
    if caller.user().role == Role::PanelAdviser && r.meeting.is_some() && !r.pack.is_empty() {
        sections.push(rate_part(
            &action,
            version,
            &r.pack.iter().map(|e| e.doc).collect::<Vec<_>>(),
        ));
    }
    crate::ui::RecordPage {
        caption: Some(format!("Referral {id}")),
        errors,
        notices,
        success: done,
        sections,
        back: Some((format!("/referrals/{id}"), "Back to the referral".into())),
        ..panels_page("Quality of the papers".into(), &caller.signed)
    }
    .respond()
}

/// The panel adviser's form rating one paper of the pack.
fn rate_part(action: &str, version: i64, docs: &[PackDoc]) -> Part {
    let mut p = part("rate", "Rate a paper");
    let mut f: FormSpec = button_form(
        "rate",
        action,
        "Save the rating",
        vec![("version", version.to_string()), ("action", "rate".into())],
    );
    let first = docs.first().map_or("", |d| d.code());
    f.fields.push(select(
        "doc",
        "Paper",
        first,
        docs.iter()
            .map(|d| (d.code().to_owned(), d.label().to_owned()))
            .collect(),
    ));
    f.fields.push(FieldSpec {
        options: QualityRating::ALL
            .into_iter()
            .map(|q| (q.code().to_owned(), q.label().to_owned()))
            .collect(),
        ..field("rating", "Rating", "radios", "")
    });
    for n in 1..=AMENDMENT_ROWS {
        f.fields.push(FieldSpec {
            hint: (n == 1).then(|| "Only for a paper that requires amendment.".into()),
            ..field(
                &format!("amendment_{n}"),
                &format!("Amendment {n}"),
                "text",
                "",
            )
        });
        f.fields.push(FieldSpec {
            hint: Some("For example, 24/9/2025.".into()),
            ..field(
                &format!("due_{n}"),
                &format!("Amendment {n} due by"),
                "date",
                "",
            )
        });
    }
    p.forms.push(f);
    p
}

/// Rates a paper, or records its amendments completed.
pub(crate) async fn quality_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let doc = PackDoc::ALL
        .into_iter()
        .find(|d| d.code() == fields.get("doc"));
    let Some(doc) = doc else {
        let errors = vec![FieldError {
            field: "rate-doc",
            message: "Choose the paper".into(),
        }];
        return Ok(show_quality(&caller, &id, errors, None).await);
    };
    let version = fields.version();
    let rid = id.clone();
    let (result, field) = if fields.get("action") == "complete" {
        let result = caller
            .run(move |c| {
                app::permanence::complete_amendments(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &rid,
                    version,
                    doc,
                    &c.from,
                )
            })
            .await
            .map(|_| {
                format!(
                    "The amendments to the {} are recorded completed.",
                    doc.label().to_lowercase()
                )
            });
        (result, "ratings")
    } else {
        let rating = QualityRating::ALL
            .into_iter()
            .find(|q| q.code() == fields.get("rating"));
        let Some(rating) = rating else {
            let errors = vec![FieldError {
                field: "rate-rating",
                message: "Choose the rating".into(),
            }];
            return Ok(show_quality(&caller, &id, errors, None).await);
        };
        let mut amendments = Vec::new();
        for n in 1..=AMENDMENT_ROWS {
            let due = match fields.date(&format!("due_{n}")) {
                Ok(due) => due,
                Err(message) => {
                    let errors = vec![FieldError {
                        field: DUE_FIELDS[n - 1],
                        message,
                    }];
                    return Ok(show_quality(&caller, &id, errors, None).await);
                }
            };
            amendments.push((fields.get(&format!("amendment_{n}")), due));
        }
        let input = app::permanence::PaperRating {
            doc,
            rating,
            amendments,
        };
        let result = caller
            .run(move |c| {
                app::permanence::rate_paper(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &rid,
                    version,
                    input,
                    &c.from,
                )
            })
            .await
            .map(|_| {
                format!(
                    "The {} is rated {}.",
                    doc.label().to_lowercase(),
                    rating.label().to_lowercase()
                )
            });
        (result, "rate-amendment_1")
    };
    Ok(match result {
        Ok(done) => show_quality(&caller, &id, Vec::new(), Some(done)).await,
        Err(e) => match caller.form_errors(&e, field) {
            Ok(errors) => show_quality(&caller, &id, errors, None).await,
            Err(page) => page,
        },
    })
}

/// The error targets of the due dates, one for each amendment row.
const DUE_FIELDS: [&str; AMENDMENT_ROWS] = ["rate-due_1", "rate-due_2", "rate-due_3"];
