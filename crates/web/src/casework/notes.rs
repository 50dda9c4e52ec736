//! A child's chronology: the events of their care journey and the case notes
//! written about them, newest first, with the form that writes a note.

use axum::extract::Path;
use domain::access::Permission;
use domain::casework::notes::CaseNote;
use domain::child::ChildId;
use domain::journey::CareJourney;

use crate::handler::*;
use crate::ui::*;

fn chronology(j: &CareJourney, notes: &[CaseNote], names: &app::people::Names) -> Part {
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
    rows.extend(notes.iter().map(|n| {
        (
            n.date,
            vec![
                cell(long_date(n.date)),
                cell(format!("Case note by {}", names.name_and_role(&n.by))),
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
        chrome: Chrome::new("Chronology and case notes", Some(&caller.signed), "/"),
        back: Some((format!("/children/{id}"), format!("Back to {name}"))),
        caption: Some(name),
        status: None,
        errors,
        notices: Vec::new(),
        success,
        sections,
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
            return show(
                &caller,
                &id,
                Some(&fields),
                (
                    vec![FieldError {
                        field: "note-on",
                        message,
                    }],
                    None,
                ),
            )
            .await;
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
            show(
                &caller,
                &id,
                None,
                (
                    Vec::new(),
                    Some(format!("Case note saved for {}.", long_date(on))),
                ),
            )
            .await
        }
        Err(e) => match caller.form_errors(
            &e,
            if e.to_string().contains("date") {
                "note-on"
            } else {
                "note-text"
            },
        ) {
            Ok(errors) => show(&caller, &id, Some(&fields), (errors, None)).await,
            Err(page) => Err(page),
        },
    }
}
