//! The contact pages (the same names as `domain::contact` and
//! `app::contact`): a child's Letterboxes with the form signing one, a
//! Letterbox's page with its items, the screener's flags and the
//! coordinator's decisions (`letterbox.rs`), and a child's missing
//! episodes with what follows them (`missing.rs`).

mod adoption_services;
mod letterbox;
mod life_story;
mod missing;
mod missing_figures;

pub(crate) use adoption_services::*;
pub(crate) use letterbox::*;
pub(crate) use life_story::*;
pub(crate) use missing::*;
pub(crate) use missing_figures::*;

use domain::child::ChildId;

use crate::handler::Caller;
use crate::ui::{Chrome, FieldError, RecordPage};

/// A child's contact page, with its way back to the child's record.
fn child_page(caller: &Caller, child: &ChildId, title: &str) -> RecordPage {
    RecordPage {
        chrome: Chrome::new(title, Some(&caller.signed), "/"),
        back: Some((format!("/children/{child}"), "Back to the child".into())),
        caption: Some(format!("Child {child}")),
        status: None,
        errors: Vec::new(),
        notices: Vec::new(),
        success: None,
        sections: Vec::new(),
    }
}

pub(super) use crate::handler::child_of;

/// An error beside a form's field (`form-field`).
fn error_at(field: &'static str, message: impl Into<String>) -> Vec<FieldError> {
    vec![FieldError {
        field,
        message: message.into(),
    }]
}
