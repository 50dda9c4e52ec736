//! Checking an SSDA903 return before it goes to the Department for
//! Education: upload the return's CSV files (and last year's, for the rules
//! that compare), see the failures grouped by rule with their counts, and
//! download them as CSV or a spreadsheet.
//!
//! The return holds personal data, so nothing of it is logged or kept: the
//! upload is streamed to temporary files removed once checked (`upload`),
//! one return is checked at a time, the report lives in memory for the user
//! who asked, for 30 minutes, within a budget (`kept`), and the audit trail
//! records only that a return was checked and its counts.

mod checker;
mod import;
mod kept;

pub use checker::Checker;

pub(crate) use import::{import, import_page, import_progress};

use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use checker::Checked;
use ssda903::validate::{Context, Failure, validate};

use crate::AppState;
use crate::handler::blocking;
use crate::session::Signed;
use crate::ui::{
    Cell, Chrome, Datum, FieldError, FieldSpec, FormSpec, Part, RecordPage, cell, field, message,
    select,
};
use crate::upload::{Upload, UploadError, UploadedFile, read_upload};

fn years() -> Vec<(String, String)> {
    ssda903::CollectionYear::supported()
        .rev()
        .map(|year| (year.to_string(), year.to_string()))
        .collect()
}

/// The part of a page that uploads a return's files: the form posts to
/// `/returns/{action}`, and its first field takes the files.
fn files_part(action: &str, paragraph: &str, button: &str, files_label: &str) -> (Part, FormSpec) {
    let mut p = Part {
        id: "upload".into(),
        heading: "The return".into(),
        ..Part::default()
    };
    p.paragraphs.push(paragraph.into());
    let mut f = FormSpec {
        id: action.into(),
        multipart: true,
        action: format!("/returns/{action}"),
        legend: None,
        button: button.into(),
        secondary: false,
        hidden: Vec::new(),
        fields: Vec::new(),
    };
    f.fields.push(FieldSpec {
        hint: Some("You can choose several files at once".into()),
        ..field("current", files_label, "file", "")
    });
    (p, f)
}

fn upload_form(la: &str, year: &str) -> Part {
    let (mut p, mut f) = files_part(
        "check",
        "Choose the CSV files of the return (Header, Episodes, Reviews, UASC, OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing, SWEpisodes, and from 2026-27 DoLo). Add last year's files to run the rules that compare the two years.",
        "Check the return",
        "This year's files",
    );
    f.fields.push(field(
        "previous",
        "Last year's files (optional)",
        "file",
        "",
    ));
    f.fields.push(FieldSpec {
        hint: Some("Ofsted's children's homes list and social care providers list (each sheet), or its combined list, as Ofsted publishes them (.xlsx) or saved as CSV. With them the rules that look up URNs run (219, 221, 224, 227, 228, 1008); without them those rules are not run.".into()),
        ..field(
            "providers",
            "Ofsted's provider lists (optional)",
            "file",
            "",
        )
    });
    f.fields
        .push(select("year", "Collection year", year, years()));
    f.fields.push(FieldSpec {
        hint: Some("For example, E10000018 for Leicestershire".into()),
        ..field("la", "The council's code", "text", la)
    });
    p.forms.push(f);
    p
}

/// The upload page.
pub(crate) async fn page(Extension(signed): Extension<Signed>) -> Response {
    show_page(
        &signed,
        CHECK_PAGE,
        Vec::new(),
        vec![upload_form("E10000018", "2024-25")],
        None,
    )
}

/// A page of this module: its title, the navigation item it belongs to,
/// errors marked on their fields, and an optional reload (progress).
/// The upload page again, with why its files could not be read.
fn unreadable_upload(
    signed: &Signed,
    page: (&str, &str),
    field: &'static str,
    form: Part,
    message: String,
) -> Response {
    let errors = vec![FieldError { field, message }];
    show_page(signed, page, errors, vec![form], None)
}

fn show_page(
    signed: &Signed,
    (title, active): (&str, &str),
    errors: Vec<FieldError>,
    sections: Vec<Part>,
    refresh: Option<u32>,
) -> Response {
    RecordPage {
        errors,
        sections,
        ..RecordPage::new(Chrome::new(title, Some(signed), active).refreshing(refresh))
    }
    .respond()
}

const CHECK_PAGE: (&str, &str) = ("Check an SSDA903 return", "/returns/check");
const IMPORT_PAGE: (&str, &str) = ("Import an SSDA903 return", "/returns/import");

/// The form was sent from a page older than the session's token.
fn out_of_date(signed: &Signed) -> Response {
    message(
        StatusCode::BAD_REQUEST,
        "Sorry, that did not work",
        &["The form was out of date. Go back, reload the page and try again."],
        Some(signed),
    )
}

/// Reads an upload whose form token, its first field, is the session's:
/// a form older than the session's token is refused before its files are
/// read; an unreadable one shows the page's form again (`again`) with why,
/// against `field`.
async fn checked_upload(
    form: Multipart,
    signed: &Signed,
    page: (&str, &str),
    field: &'static str,
    again: Part,
) -> Result<Upload, Response> {
    match read_upload(form, &signed.csrf_token).await {
        Ok(upload) => Ok(upload),
        Err(UploadError::OutOfDate) => Err(out_of_date(signed)),
        Err(UploadError::Unreadable(why)) => {
            Err(unreadable_upload(signed, page, field, again, why))
        }
    }
}

/// Reads the upload, checks the return and shows the failures by rule.
pub(crate) async fn check(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    form: Multipart,
) -> Response {
    let again = upload_form("E10000018", "2024-25");
    let mut upload = match checked_upload(form, &signed, CHECK_PAGE, "check-current", again).await {
        Ok(u) => u,
        Err(page) => return page,
    };
    let (current, previous) = (upload.files("current"), upload.files("previous"));
    let provider_lists = upload.files("providers");
    let (la, year_text) = (upload.field("la"), upload.field("year"));
    let form_again = || vec![upload_form(&la, &year_text)];
    let year = match check_inputs(&la, &year_text, current.is_empty()) {
        Ok(year) => year,
        Err(errors) => return show_page(&signed, CHECK_PAGE, errors, form_again(), None),
    };
    let files = ReturnFiles {
        current,
        previous,
        provider_lists,
    };
    let (postcodes, checker, la_code) =
        (state.postcodes.clone(), state.checker.clone(), la.clone());
    let checked = blocking(move || run_check(&checker, &files, year, &la_code, postcodes)).await;
    let mut report = match checked {
        Ok(r) => r,
        Err(errors) => return show_page(&signed, CHECK_PAGE, errors, form_again(), None),
    };
    crate::handler::audited_export(&state, &signed, "ssda903_check", report.total).await;
    let id = report.failures.is_some().then(app::auth::new_token);
    let mut sections = report_sections(&report, year, id.as_deref());
    sections.push(upload_form(&la, &year.to_string()));
    if let (Some(id), Some(failures)) = (&id, report.failures.take()) {
        kept::keep(id, &signed.user.username, year.to_string(), failures);
    }
    show_page(&signed, CHECK_PAGE, Vec::new(), sections, None)
}

/// The year, council code and files of the check form, or what is wrong
/// with each.
fn check_inputs(
    la: &str,
    year_text: &str,
    no_files: bool,
) -> Result<ssda903::CollectionYear, Vec<FieldError>> {
    let mut errors = Vec::new();
    let year = match ssda903::CollectionYear::parse(year_text) {
        Ok(y) => Some(y),
        Err(e) => {
            errors.push(FieldError {
                field: "check-year",
                message: e,
            });
            None
        }
    };
    if la.len() != 9 || !la.starts_with('E') || !la[1..].chars().all(|c| c.is_ascii_digit()) {
        errors.push(FieldError {
            field: "check-la",
            message: "Enter the council's 9-character code, like E10000018".into(),
        });
    }
    if no_files {
        errors.push(FieldError {
            field: "check-current",
            message: "Choose this year's CSV files".into(),
        });
    }
    year.filter(|_| errors.is_empty()).ok_or(errors)
}

/// The files of a return to check: this year's, last year's and Ofsted's
/// provider lists, as uploaded (on disk until dropped).
struct ReturnFiles {
    current: Vec<UploadedFile>,
    previous: Vec<UploadedFile>,
    provider_lists: Vec<UploadedFile>,
}

/// The uploaded files opened to read, by their names; a file that cannot be
/// opened is a read error naming it.
pub(super) fn opened(
    files: &[UploadedFile],
) -> Result<Vec<(String, impl std::io::Read)>, Vec<ssda903::ReadError>> {
    files
        .iter()
        .map(|f| {
            f.open().map(|r| (f.name.clone(), r)).map_err(|e| {
                vec![ssda903::ReadError {
                    file: f.name.clone(),
                    line: None,
                    column: None,
                    problem: format!("cannot be read back for checking: {e}"),
                }]
            })
        })
        .collect()
}

/// One return is read at a time: reading holds the return's tables in
/// memory, so checks queue (their files wait on disk) rather than add up.
pub(super) fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static READING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    READING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Checks the return as `checker` says (blocking work, one at a time); what
/// is wrong with the files is shown against their fields.
fn run_check(
    checker: &Checker,
    files: &ReturnFiles,
    year: ssda903::CollectionYear,
    la: &str,
    postcodes: Option<std::sync::Arc<ssda903::postcodes::PostcodeDirectory>>,
) -> Result<Checked, Vec<FieldError>> {
    let _turn = one_at_a_time();
    match checker {
        Checker::Subprocess { program, postcodes } => {
            let started = std::time::Instant::now();
            let checked = checker::in_child((program, postcodes.as_deref()), files, year, la);
            // No personal data: only how it went and how long it took.
            eprintln!(
                "ssda903 check: run in a child process, {} in {:.1?}",
                match &checked {
                    Ok(c) => format!("{} failures", c.total),
                    Err(e) => format!("{} problems with the files", e.len()),
                },
                started.elapsed()
            );
            checked
        }
        Checker::InProcess => check_here(files, year, la, postcodes)
            .map(Checked::of)
            .map_err(|(field, e)| listed(field, &e, "more problems with the files")),
    }
}

/// Reads the files and validates the return in this process.
fn check_here(
    files: &ReturnFiles,
    year: ssda903::CollectionYear,
    la: &str,
    postcodes: Option<std::sync::Arc<ssda903::postcodes::PostcodeDirectory>>,
) -> Result<ssda903::validate::Report, (&'static str, Vec<ssda903::ReadError>)> {
    let read = |files: &[UploadedFile]| opened(files).and_then(ssda903::read_files);
    let this = read(&files.current).map_err(|e| ("check-current", e))?;
    let last = if files.previous.is_empty() {
        None
    } else {
        Some(read(&files.previous).map_err(|e| ("check-previous", e))?)
    };
    let providers = if files.provider_lists.is_empty() {
        None
    } else {
        let lists = opened(&files.provider_lists).map_err(|e| ("check-providers", e))?;
        Some(ssda903::ofsted::Providers::read(lists).map_err(|e| ("check-providers", e))?)
    };
    let mut ctx = Context::new(&this, last.as_ref(), year, la);
    if let Some(p) = &providers {
        ctx = ctx.with_providers(p);
    }
    if let Some(dir) = postcodes.as_deref() {
        ctx = ctx.with_postcodes(dir);
    }
    Ok(validate(&ctx))
}

/// The first 20 problems with an upload against its field, and how many
/// more there are.
fn listed(field: &'static str, all: &[impl ToString], more: &str) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = all
        .iter()
        .take(20)
        .map(|e| FieldError {
            field,
            message: e.to_string(),
        })
        .collect();
    if all.len() > 20 {
        errors.push(FieldError {
            field,
            message: format!("and {} {more}", all.len() - 20),
        });
    }
    errors
}

/// The report of a checked return: the result with its downloads (kept as
/// `id`), the failures by rule and the rules not run.
fn report_sections(report: &Checked, year: ssda903::CollectionYear, id: Option<&str>) -> Vec<Part> {
    let mut summary = Part {
        id: "summary".into(),
        heading: "Result".into(),
        ..Part::default()
    };
    summary.rows = vec![
        ("Collection year".into(), year.to_string()),
        ("Rules run".into(), report.ran.to_string()),
        ("Rules failed".into(), report.by_rule.len().to_string()),
        ("Failures".into(), report.total.to_string()),
        ("Rules not run".into(), report.not_run.len().to_string()),
    ];
    match id {
        Some(id) => {
            summary.links = vec![
                (
                    format!("/returns/check/{id}/csv"),
                    "Download the failures (CSV)".into(),
                ),
                (
                    format!("/returns/check/{id}/xlsx"),
                    "Download the failures (spreadsheet)".into(),
                ),
            ];
        }
        None => summary.paragraphs.push(
            "There are too many failures to keep for download here; run `permanence 903 validate` on the files for all of them.".into(),
        ),
    }
    let mut sections = vec![summary, rules_part(report)];
    if !report.not_run.is_empty() {
        let mut not_run = Part {
            id: "not-run".into(),
            heading: "Rules not run".into(),
            ..Part::default()
        };
        not_run.paragraphs.push(
            "These rules need reference data that was not given; they are not counted as passed."
                .into(),
        );
        not_run.items = report
            .not_run
            .iter()
            .map(|(rule, why)| format!("{rule}: {why}"))
            .collect();
        sections.push(not_run);
    }
    sections
}

/// The failures by rule, most first, with the first children of each.
fn rules_part(report: &Checked) -> Part {
    let mut order: Vec<_> = report.by_rule.iter().collect();
    order.sort_by_key(|(rule, r)| (std::cmp::Reverse(r.count), natural(rule)));
    let mut rules = Part {
        id: "rules".into(),
        heading: "Failures by rule".into(),
        ..Part::default()
    };
    if report.total == 0 {
        rules.paragraphs.push("No rule failed.".into());
        return rules;
    }
    rules.table_headers = vec![
        "Rule".into(),
        "Failures".into(),
        "Tables".into(),
        "Message".into(),
        "First children".into(),
    ];
    rules.table_rows = order
        .iter()
        .map(|(rule, r)| {
            vec![
                cell(**rule),
                cell(r.count.to_string()),
                cell(r.tables.join(", ")),
                cell(r.message),
                cell(r.children.join(", ")),
            ]
        })
        .collect::<Vec<Vec<Cell>>>();
    rules
}

/// Orders rule codes as the DfE lists them: by number, then by suffix.
fn natural(code: &str) -> (u32, String) {
    let digits: String = code.chars().take_while(char::is_ascii_digit).collect();
    (
        digits.parse().unwrap_or(u32::MAX),
        code[digits.len()..].to_owned(),
    )
}

const HEADERS: [&str; 6] = ["rule", "table", "child", "row", "line", "message"];

/// A failure as the downloads hold it: the row and line as numbers.
fn rows(failures: &[Failure]) -> Vec<Vec<Datum>> {
    failures
        .iter()
        .map(|f| {
            vec![
                Datum::text(f.rule),
                Datum::text(f.table),
                Datum::text(f.child.clone().unwrap_or_default()),
                Datum::count(f.row.map(|r| r as i64)),
                Datum::count(f.line.map(|l| l as i64)),
                Datum::text(f.message.to_owned()),
            ]
        })
        .collect()
}

/// Downloads a kept report as CSV or a spreadsheet.
pub(crate) async fn download(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path((id, format)): Path<(String, String)>,
) -> Response {
    let found = kept::find(&id, &signed.user.username, |year, failures| {
        (year.to_owned(), rows(failures))
    });
    let (year, rows) = match found {
        kept::Found::Yours(report) => report,
        other => {
            if matches!(other, kept::Found::Theirs) {
                let what = "download another user's SSDA903 report";
                crate::handler::audited_refusal(&state, &signed, what).await;
            }
            return message(
                StatusCode::NOT_FOUND,
                "This report has gone",
                &[
                    "Reports are kept for 30 minutes. Check the return again to download its failures.",
                ],
                Some(&signed),
            );
        }
    };
    crate::handler::audited_export(&state, &signed, "ssda903_failures", rows.len()).await;
    let name = format!("ssda903-{year}-failures");
    crate::ui::export_response(&format, &name, &HEADERS, &rows)
}
