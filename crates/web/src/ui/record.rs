//! A record page described as data: parts with rows, lists, tables, links
//! and forms, each form's fields with their errors marked beside them as the
//! GOV.UK pattern asks, and the printable letter.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use crate::ui::*;

/// A form on a record page, described as data.
pub(crate) struct FormSpec {
    pub id: String,
    /// Sends files (multipart/form-data).
    pub multipart: bool,
    pub action: String,
    pub legend: Option<String>,
    pub button: String,
    pub secondary: bool,
    pub hidden: Vec<(String, String)>,
    pub fields: Vec<FieldSpec>,
}

/// A field of a form: `text`, `date`, `textarea`, `select` or `checkbox`.
pub(crate) struct FieldSpec {
    pub name: String,
    pub label: String,
    pub hint: Option<String>,
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<(String, String)>,
    pub error: Option<String>,
}

pub(crate) fn field(
    name: &str,
    label: &str,
    kind: &'static str,
    value: impl Into<String>,
) -> FieldSpec {
    FieldSpec {
        name: name.to_owned(),
        label: label.to_owned(),
        hint: None,
        kind,
        value: value.into(),
        options: Vec::new(),
        error: None,
    }
}

pub(crate) fn select(
    name: &str,
    label: &str,
    value: &str,
    options: Vec<(String, String)>,
) -> FieldSpec {
    FieldSpec {
        options,
        ..field(name, label, "select", value)
    }
}

pub(crate) fn button_form(
    id: &str,
    action: &str,
    button: &str,
    hidden: Vec<(&str, String)>,
) -> FormSpec {
    FormSpec {
        id: id.to_owned(),
        multipart: false,
        action: action.to_owned(),
        legend: None,
        button: button.to_owned(),
        secondary: false,
        hidden: hidden.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        fields: Vec::new(),
    }
}

/// A part of a record page.
#[derive(Default)]
pub(crate) struct Part {
    pub id: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
    pub rows: Vec<(String, String)>,
    pub table_headers: Vec<String>,
    pub table_rows: Vec<Vec<Cell>>,
    pub links: Vec<(String, String)>,
    pub forms: Vec<FormSpec>,
    /// The rules the part answers (ID, what it asks), for those who want
    /// them: in a "Rules that apply" details element, never in a label.
    pub rules: Vec<(String, String)>,
}

pub(crate) fn part(id: &str, heading: &str) -> Part {
    Part {
        id: id.to_owned(),
        heading: heading.to_owned(),
        ..Part::default()
    }
}

/// A message as the error summary shows it: in sentence case.
pub(crate) fn sentence(message: impl Into<String>) -> String {
    let message = message.into();
    // A message that starts with a file name keeps the name as it is.
    if message
        .split_whitespace()
        .next()
        .is_some_and(|w| w.trim_end_matches(',').contains('.'))
    {
        return message;
    }
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => message,
    }
}

/// Puts each error next to its field, as the GOV.UK pattern asks: an error
/// for `form-field` marks that field of that form.
pub(crate) fn mark_errors(sections: &mut [Part], errors: &mut [FieldError]) {
    for e in errors.iter_mut() {
        e.message = sentence(std::mem::take(&mut e.message));
    }
    for part in sections {
        for form in &mut part.forms {
            for field in &mut form.fields {
                let id = format!("{}-{}", form.id, field.name);
                if let Some(e) = errors.iter().find(|e| e.field == id) {
                    field.error = Some(e.message.clone());
                }
            }
        }
    }
}

impl RecordPage {
    /// An empty page in its chrome: no back link, caption, status, errors,
    /// notices, banner or sections, for a page to fill in.
    pub(crate) fn new(chrome: Chrome) -> Self {
        RecordPage {
            chrome,
            back: None,
            caption: None,
            status: None,
            errors: Vec::new(),
            notices: Vec::new(),
            success: None,
            sections: Vec::new(),
        }
    }

    /// The page as a response: each error marked on its field, the title
    /// marked when there are errors, and 422 with them.
    pub(crate) fn respond(mut self) -> Response {
        mark_errors(&mut self.sections, &mut self.errors);
        self.chrome.has_errors = !self.errors.is_empty();
        let status = if self.errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        render(status, &self)
    }
}

#[derive(Template)]
#[template(path = "record.html")]
pub(crate) struct RecordPage {
    pub(crate) chrome: Chrome,
    pub(crate) back: Option<(String, String)>,
    pub(crate) caption: Option<String>,
    pub(crate) status: Option<(String, &'static str)>,
    pub(crate) errors: Vec<FieldError>,
    pub(crate) notices: Vec<String>,
    /// What was just done, in a success banner.
    pub(crate) success: Option<String>,
    pub(crate) sections: Vec<Part>,
}

/// A printable document: a letter (addressee, date, reference, greeting,
/// signatory) or minutes (no addressee). Printed without the navigation or
/// the back link.
#[derive(Template)]
#[template(path = "letter.html")]
pub(crate) struct LetterPage {
    pub(crate) chrome: Chrome,
    pub(crate) back: String,
    /// Links to other versions of the document (another addressee); not printed.
    pub(crate) choices: Vec<(String, String)>,
    /// The addressee's lines, for a letter.
    pub(crate) addressee: Vec<String>,
    /// The date the letter is written.
    pub(crate) date: String,
    pub(crate) reference: String,
    pub(crate) heading: String,
    /// "Dear ...", for a letter.
    pub(crate) greeting: Option<String>,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) rows: Vec<(String, String)>,
    /// The signatory's name and role, for a letter.
    pub(crate) signatory: Vec<String>,
}
