//! Importing an SSDA903 return from an upload: its files are read (one
//! return at a time, from the temporary files the upload was streamed to),
//! then its children are added in the background, in one transaction, while
//! the user watches a progress page.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::kept::KEEP_FOR;
use super::{
    IMPORT_PAGE, checked_upload, files_part, one_at_a_time, opened, problems, show_page, years,
};
use crate::AppState;
use crate::handler::blocking;
use crate::session::Signed;
use crate::ui::{FieldError, Part, message, select};

/// An import running (or finished) in the background.
struct Job {
    owner: String,
    started: Instant,
    done: usize,
    total: usize,
    year: String,
    result: Option<Result<Vec<String>, String>>,
}

fn jobs() -> &'static Mutex<HashMap<String, Job>> {
    static JOBS: std::sync::OnceLock<Mutex<HashMap<String, Job>>> = std::sync::OnceLock::new();
    JOBS.get_or_init(Default::default)
}

fn import_form(year: &str) -> Part {
    let (mut p, mut f) = files_part(
        "import",
        "Choose the return's CSV files. Every child in it is added to the records, or, if anything in the files is wrong or a child is already held, none is.",
        "Import the return",
        "The return's files",
    );
    f.fields
        .push(select("year", "Collection year", year, years()));
    p.forms.push(f);
    p
}

/// The import page.
pub(crate) async fn import_page(Extension(signed): Extension<Signed>) -> Response {
    show_page(
        &signed,
        IMPORT_PAGE,
        Vec::new(),
        vec![import_form("2024-25")],
        None,
    )
}

/// Reads and checks the upload, then imports it in the background and
/// sends the user to the progress page.
pub(crate) async fn import(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    form: Multipart,
) -> Response {
    let again = import_form("2024-25");
    let mut upload = match checked_upload(form, &signed, IMPORT_PAGE, "import-current", again).await
    {
        Ok(u) => u,
        Err(page) => return page,
    };
    let files = upload.files("current");
    let year_text = upload.field("year");
    let year = match ssda903::CollectionYear::parse(&year_text) {
        Ok(y) if !files.is_empty() => y,
        problem => {
            let (field, message) = match problem {
                Err(e) => ("import-year", e),
                Ok(_) => ("import-current", "Choose the return's CSV files".to_owned()),
            };
            let errors = vec![FieldError { field, message }];
            return show_page(
                &signed,
                IMPORT_PAGE,
                errors,
                vec![import_form(&year_text)],
                None,
            );
        }
    };
    let today = state.clock.today();
    let read = blocking(move || {
        let _turn = one_at_a_time();
        let ret = opened(&files).and_then(ssda903::read_files)?;
        ssda903::import::journeys(&ret, year, today)
    })
    .await;
    let imported = match read {
        Ok(i) => i,
        Err(all) => {
            let errors = problems(
                "import-current",
                &all,
                "more problems; nothing was imported",
            );
            return show_page(
                &signed,
                IMPORT_PAGE,
                errors,
                vec![import_form(&year_text)],
                None,
            );
        }
    };
    let actor = domain::audit::Actor::new(signed.user.username.clone()).from_address("web");
    let id = start_import(&state, &signed.user.username, actor, year, imported);
    axum::response::Redirect::to(&format!("/returns/import/{id}")).into_response()
}

/// Starts importing the journeys read from a return in the background, as
/// a job its owner follows on the progress page; returns the job's id.
fn start_import(
    state: &AppState,
    owner: &str,
    actor: domain::audit::Actor,
    year: ssda903::CollectionYear,
    imported: ssda903::import::Imported,
) -> String {
    let id = app::auth::new_token();
    {
        let mut all = jobs()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        all.retain(|_, j| j.result.is_none() || j.started.elapsed() < KEEP_FOR);
        all.insert(
            id.clone(),
            Job {
                owner: owner.to_owned(),
                started: Instant::now(),
                done: 0,
                total: imported.journeys.len() + imported.leavers.len(),
                year: year.to_string(),
                result: None,
            },
        );
    }
    let (store, clock, job) = (state.store.clone(), state.clock.clone(), id.clone());
    std::thread::spawn(move || {
        let update = |f: &mut dyn FnMut(&mut Job)| {
            if let Some(j) = jobs()
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .get_mut(&job)
            {
                f(j);
            }
        };
        let outcome = app::import_records(
            &store,
            &actor,
            clock.as_ref(),
            app::ImportRecords {
                journeys: &imported.journeys,
                leavers: &imported.leavers,
                census: &imported.census,
                year_start: Some(year.first_day()),
            },
            &mut |done, total| {
                update(&mut |j| {
                    j.done = done;
                    j.total = total;
                });
            },
        );
        let result = match outcome {
            Ok(n) => Ok(std::iter::once(format!("{n} children imported."))
                .chain(imported.not_held.iter().map(|(t, rows)| {
                    format!(
                        "Not imported: {rows} rows of {t}, which the service does not hold yet."
                    )
                }))
                .collect()),
            Err(e) => Err(e.to_string()),
        };
        update(&mut |j| j.result = Some(result.clone()));
    });
    id
}

/// The progress of an import, reloading every second until it is done.
pub(crate) async fn import_progress(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
) -> Response {
    let (job, theirs) = {
        let all = jobs()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let theirs = all
            .get(&id)
            .is_some_and(|j| j.owner != signed.user.username);
        let job = all
            .get(&id)
            .filter(|j| j.owner == signed.user.username)
            .map(|j| {
                (
                    j.done,
                    j.total,
                    j.year.clone(),
                    j.result.clone(),
                    j.started.elapsed(),
                )
            });
        (job, theirs)
    };
    if theirs {
        let what = "follow another user's import";
        crate::handler::audited_refusal(&state, &signed, what).await;
    }
    let Some((done, total, year, result, elapsed)) = job else {
        return message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no import with that identifier for you."],
            Some(&signed),
        );
    };
    let mut part = Part {
        id: "progress".into(),
        heading: format!("The {year} return"),
        ..Part::default()
    };
    let refresh = match &result {
        None => {
            part.rows = vec![
                (
                    "Imported so far".into(),
                    format!(
                        "{done} of {total} children ({}%)",
                        (done * 100).checked_div(total).unwrap_or(0)
                    ),
                ),
                ("Time".into(), format!("{} seconds", elapsed.as_secs())),
            ];
            part.paragraphs.push("The import runs as one piece of work: the children appear in the records together when it finishes. This page updates every second.".into());
            Some(1)
        }
        Some(Ok(lines)) => {
            part.paragraphs = lines.clone();
            part.links
                .push(("/children".into(), "Find the children".into()));
            None
        }
        Some(Err(e)) => {
            part.paragraphs
                .push(format!("The import did not happen: {e}"));
            part.paragraphs.push("Nothing was imported.".into());
            None
        }
    };
    show_page(&signed, IMPORT_PAGE, Vec::new(), vec![part], refresh)
}
