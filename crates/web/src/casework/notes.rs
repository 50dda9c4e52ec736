//! A child's chronology: the events of their care journey and the case notes
//! written about them, newest first, with the form that writes a note; and
//! each note's page, where it is amended or withdrawn with a reason and its
//! earlier versions are shown.

use axum::extract::Path;
use domain::access::Permission;
use domain::casework::notes::{CaseNote, NoteState};
use domain::child::ChildId;
use domain::journey::CareJourney;

use crate::handler::*;
use crate::ui::*;

fn chronology(j: &CareJourney, notes: &[app::casework::Note], names: &app::people::Names) -> Part {
    let mut p = part("chronology", "Chronology");
    let mut rows: Vec<(chrono::NaiveDate, Vec<Cell>)> = crate::children::timeline_with(j, &[])
        .into_iter()
        .zip(timeline_dates(j))
        .map(|(item, date)| {
            (
                date,
                vec![cell(item.date), cell(item.title), cell(item.description)],
            )
        })
        .collect();
    rows.extend(notes.iter().map(|v| {
        let n = &v.value.document;
        let withdrawn = if n.state == NoteState::Withdrawn {
            " (withdrawn)"
        } else {
            ""
        };
        (
            n.date,
            vec![
                cell(long_date(n.date)),
                Cell {
                    text: format!("Case note by {}{withdrawn}", names.name_and_role(&n.by)),
                    href: Some(format!("/notes/{}", v.value.id)),
                },
                cell(n.text.clone()),
            ],
        )
    }));
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    p.table_headers = vec!["Date".into(), "What".into(), "Details".into()];
    p.table_rows = rows.into_iter().map(|r| r.1).collect();
    p
}

/// The dates of the journey's timeline, in the timeline's order.
fn timeline_dates(j: &CareJourney) -> Vec<chrono::NaiveDate> {
    let mut dates: Vec<chrono::NaiveDate> = Vec::new();
    for e in j.episodes() {
        dates.push(e.start);
        if let Some(end) = e.end.filter(|x| x.reason.ends_care()) {
            dates.push(end.date);
        }
    }
    dates.extend(j.reviews().iter().map(|r| r.date));
    dates.extend(j.activities().iter().map(|a| a.date));
    dates.sort_by_key(|d| std::cmp::Reverse(*d));
    dates
}

fn note_form(id: &str, today: chrono::NaiveDate, typed: Option<&Fields>) -> FormSpec {
    let mut f = button_form(
        "note",
        &format!("/children/{id}/notes"),
        "Save the case note",
        vec![],
    );
    f.legend = Some("Write a case note".into());
    f.fields.push(FieldSpec {
        hint: Some("For example, 27/3/2026.".into()),
        ..field(
            "on",
            "Date the note is about",
            "date",
            typed.map_or_else(|| form_date(Some(today)), |t| t.get("on")),
        )
    });
    f.fields.push(field(
        "text",
        "Case note",
        "textarea",
        typed.map_or_else(String::new, |t| t.get("text")),
    ));
    f
}

async fn show(
    caller: &Caller,
    id: &str,
    typed: Option<&Fields>,
    (errors, success): (Vec<FieldError>, Option<String>),
) -> Page {
    let journey = crate::children::open_for(caller, id).await?;
    let child = journey.value.id().clone();
    let notes = caller
        .page(move |c| app::casework::case_notes(&c.store, c.user(), c.clock(), &child, &c.from))
        .await?;
    let j = &journey.value;
    let mut sections = Vec::new();
    if caller.user().may(Permission::RecordActivities) {
        let mut write = part("write", "Write a case note");
        write.forms.push(note_form(id, caller.today(), typed));
        sections.push(write);
    }
    sections.push(chronology(j, &notes, caller.names()));
    let name = j.child().name.full();
    Ok(RecordPage {
        back: Some((format!("/children/{id}"), format!("Back to {name}"))),
        caption: Some(name),
        errors,
        success,
        sections,
        ..RecordPage::new(Chrome::new(
            "Chronology and case notes",
            Some(&caller.signed),
            "/",
        ))
    }
    .respond())
}

/// A child's chronology with their case notes.
pub(crate) async fn notes(caller: Caller, Path(id): Path<String>) -> Page {
    show(&caller, &id, None, (Vec::new(), None)).await
}

/// Writes a case note.
pub(crate) async fn note_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = ChildId::parse(&id)
        .map_err(|_| caller.error_page(&app::AppError::NotFound("child".into())))?;
    let on = match fields.date("on") {
        Ok(Some(d)) => d,
        Ok(None) => caller.today(),
        Err(message) => {
            let errors = vec![FieldError {
                field: "note-on",
                message,
            }];
            return show(&caller, &id, Some(&fields), (errors, None)).await;
        }
    };
    let text = fields.get("text");
    let written = caller
        .run(move |c| {
            app::casework::write_case_note(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                on,
                &text,
                &c.from,
            )
        })
        .await;
    match written {
        Ok(_) => {
            let saved = format!("Case note saved for {}.", long_date(on));
            show(&caller, &id, None, (Vec::new(), Some(saved))).await
        }
        Err(e) => {
            let field = if e.to_string().contains("date") {
                "note-on"
            } else {
                "note-text"
            };
            match caller.form_errors(&e, field) {
                Ok(errors) => show(&caller, &id, Some(&fields), (errors, None)).await,
                Err(page) => Err(page),
            }
        }
    }
}

/// The note's versions, newest first: the note as it stands, then each
/// earlier version an amendment kept, and the withdrawal.
fn history(n: &CaseNote, names: &app::people::Names) -> Part {
    let mut h = part("history", "Changes and earlier versions");
    h.table_headers = vec![
        "Changed on".into(),
        "Change".into(),
        "By".into(),
        "Reason".into(),
        "The note before".into(),
    ];
    h.table_rows = n
        .changes
        .iter()
        .rev()
        .map(|c| {
            let before = match (c.date_before, &c.text_before) {
                (Some(d), Some(t)) => format!("{}: {t}", long_date(d)),
                _ => String::new(),
            };
            vec![
                cell(long_date(c.on)),
                cell(sentence(c.what.clone())),
                cell(names.name_and_role(&c.by)),
                cell(c.reason.clone()),
                cell(before),
            ]
        })
        .collect();
    h
}

/// The forms that amend and withdraw a note, at the version shown.
fn change_forms(id: &str, note: &CaseNote, version: i64, typed: Option<&Fields>) -> Part {
    let action = format!("/notes/{id}");
    let value = |name: &str, shown: String| typed.map_or(shown, |t| t.get(name));
    let mut change = part("change", "Amend or withdraw");
    let mut amend = button_form(
        "amend",
        &action,
        "Amend the case note",
        vec![("action", "amend".into()), ("version", version.to_string())],
    );
    amend.legend = Some("Amend the case note".into());
    amend.fields.push(FieldSpec {
        hint: Some("For example, 27/3/2026.".into()),
        ..field(
            "on",
            "Date the note is about",
            "date",
            value("on", form_date(Some(note.date))),
        )
    });
    amend.fields.push(field(
        "text",
        "Case note",
        "textarea",
        value("text", note.text.clone()),
    ));
    amend.fields.push(field(
        "reason",
        "Why is it being amended?",
        "textarea",
        typed
            .filter(|t| t.get("action") == "amend")
            .map_or_else(String::new, |t| t.get("reason")),
    ));
    change.forms.push(amend);
    let mut withdraw = button_form(
        "withdraw",
        &action,
        "Withdraw the case note",
        vec![
            ("action", "withdraw".into()),
            ("version", version.to_string()),
        ],
    );
    withdraw.legend = Some("Withdraw it (written in error)".into());
    withdraw.secondary = true;
    withdraw.fields.push(field(
        "reason",
        "Why is it being withdrawn?",
        "textarea",
        typed
            .filter(|t| t.get("action") == "withdraw")
            .map_or_else(String::new, |t| t.get("reason")),
    ));
    change.forms.push(withdraw);
    change
}

/// A case note's page: the note, its earlier versions, and (for those who
/// write notes, while it stands) the forms that amend or withdraw it.
async fn note_page(
    caller: &Caller,
    id: &str,
    typed: Option<&Fields>,
    (errors, success): (Vec<FieldError>, Option<String>),
) -> Page {
    let wanted = id.to_owned();
    let (journey, note) = caller
        .page(move |c| {
            app::casework::open_case_note(&c.store, c.user(), c.clock(), &wanted, &c.from)
        })
        .await?;
    let n = &note.value.document;
    let names = caller.names();
    let mut what = part("note", "The case note");
    what.rows = vec![
        ("Date the note is about".into(), long_date(n.date)),
        (
            "Written by".into(),
            format!(
                "{} on {}",
                names.name_and_role(&n.by),
                long_date(n.written_on)
            ),
        ),
        ("Case note".into(), n.text.clone()),
    ];
    let mut sections = vec![what];
    if !n.changes.is_empty() {
        sections.push(history(n, names));
    }
    if caller.user().may(Permission::RecordActivities) && n.state == NoteState::Written {
        sections.push(change_forms(id, n, note.version, typed));
    }
    let status = (n.state == NoteState::Withdrawn).then(|| ("Withdrawn".to_owned(), "grey"));
    Ok(RecordPage {
        back: Some((
            format!("/children/{}/notes", n.child_id),
            "Back to the chronology".into(),
        )),
        caption: Some(journey.value.child().name.full()),
        status,
        errors,
        success,
        sections,
        ..RecordPage::new(Chrome::new(
            format!("Case note of {}", long_date(n.date)),
            Some(&caller.signed),
            "/",
        ))
    }
    .respond())
}

/// One case note, with its earlier versions.
pub(crate) async fn note(caller: Caller, Path(id): Path<String>) -> Page {
    note_page(&caller, &id, None, (Vec::new(), None)).await
}

/// Amends or withdraws a case note, with the reason given.
pub(crate) async fn note_change_post(
    caller: Caller,
    Path(id): Path<String>,
    fields: Fields,
) -> Page {
    let action = fields.get("action");
    let change = match action.as_str() {
        "amend" => match fields.date("on") {
            Ok(Some(date)) => app::casework::NoteChangeInput::Amend {
                date,
                text: fields.get("text"),
            },
            Ok(None) | Err(_) => {
                let message = fields.date("on").err().unwrap_or_else(|| {
                    "Enter the date the note is about, for example 27 3 2026".into()
                });
                let errors = vec![FieldError {
                    field: "amend-on",
                    message,
                }];
                return note_page(&caller, &id, Some(&fields), (errors, None)).await;
            }
        },
        "withdraw" => app::casework::NoteChangeInput::Withdraw,
        _ => {
            return Err(caller.error_page(&app::AppError::Invalid(
                "Choose to amend or withdraw the case note".into(),
            )));
        }
    };
    let (target, version, reason) = (id.clone(), fields.version(), fields.get("reason"));
    let done = caller
        .run(move |c| {
            app::casework::change_case_note(
                &c.store,
                c.user(),
                c.clock(),
                &target,
                version,
                change,
                &reason,
                &c.from,
            )
        })
        .await;
    match done {
        Ok(_) => {
            let said = if action == "amend" {
                "The case note was amended; its earlier version is kept."
            } else {
                "The case note was withdrawn; it is kept, marked withdrawn."
            };
            note_page(&caller, &id, None, (Vec::new(), Some(said.into()))).await
        }
        Err(e) => {
            let message = e.to_string();
            let field = match action.as_str() {
                "withdraw" => "withdraw-reason",
                _ if message.contains("why") || message.contains("reason") => "amend-reason",
                _ if message.contains("date") => "amend-on",
                _ => "amend-text",
            };
            match caller.form_errors(&e, field) {
                Ok(errors) => note_page(&caller, &id, Some(&fields), (errors, None)).await,
                Err(page) => Err(page),
            }
        }
    }
}
