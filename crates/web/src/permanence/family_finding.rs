//! Family finding (ROLE-008): a child's Pack A or Pack F requests with the
//! form submitting one, and the Permanence Team's queue.

use app::permanence::StoredFamilyFinding;
use axum::extract::Path;
use axum::response::Response;
use domain::access::Permission;
use domain::permanence::responsibilities::PackType;

use super::child_of;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, RecordPage, button_form, cell, field, long_date, part, select,
};

fn row(r: &StoredFamilyFinding) -> Vec<Cell> {
    let d = &r.value.document;
    vec![
        Cell {
            text: d.child_id.to_string(),
            href: Some(format!("/children/{}/family-finding", d.child_id)),
        },
        cell(d.pack.label()),
        cell(long_date(d.opened)),
        cell(
            d.participants
                .iter()
                .map(|p| p.label())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        cell(
            d.profile_author
                .as_ref()
                .map(|w| format!("The child's social worker ({w})"))
                .unwrap_or_default(),
        ),
    ]
}

const HEADERS: [&str; 5] = [
    "Child",
    "Pack",
    "Requested",
    "Who takes part",
    "Profile written by",
];

fn page(caller: &Caller, title: &str, back: Option<(String, String)>) -> RecordPage {
    RecordPage {
        chrome: Chrome::new(title, Some(&caller.signed), "/"),
        back,
        caption: Some("Family finding".into()),
        status: None,
        errors: Vec::new(),
        notices: Vec::new(),
        success: None,
        sections: Vec::new(),
    }
}

/// The Permanence Team's queue of family-finding requests.
pub(crate) async fn family_finding_queue(caller: Caller) -> Page {
    let list = caller
        .page(|c| app::permanence::family_finding_queue(&c.store, c.user(), c.clock(), &c.from))
        .await?;
    let mut p = part("queue", "Permanence Team queue");
    if list.is_empty() {
        p.paragraphs
            .push("No family-finding request is waiting.".into());
    } else {
        p.table_headers = HEADERS.map(String::from).to_vec();
        p.table_rows = list.iter().map(row).collect();
    }
    Ok(RecordPage {
        sections: vec![p],
        ..page(&caller, "Family-finding requests", None)
    }
    .respond())
}

/// A child's family-finding requests.
pub(crate) async fn child_family_finding(caller: Caller, Path(id): Path<String>) -> Response {
    show_child(&caller, &id, Vec::new(), None).await
}

async fn show_child(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let child = match child_of(caller, id) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let list = caller
        .page(move |c| {
            app::permanence::family_findings_of(&c.store, c.user(), c.clock(), &child, &c.from)
        })
        .await;
    let list = match list {
        Ok(list) => list,
        Err(page) => return page,
    };
    let action = format!("/children/{id}/family-finding");
    let mut p = part("requests", "Family-finding requests");
    if list.is_empty() {
        p.paragraphs
            .push("No family-finding request has been made.".into());
    } else {
        p.table_headers = HEADERS.map(String::from).to_vec();
        p.table_rows = list.iter().map(row).collect();
    }
    p.links.push((
        "/family-finding".into(),
        "The Permanence Team's queue".into(),
    ));
    if caller.user().may(Permission::WorkOnPlans) {
        let mut f = button_form(
            "request",
            &action,
            "Send the request to the Permanence Team",
            vec![],
        );
        f.fields.push(select(
            "pack",
            "Pack",
            "pack_f",
            PackType::ALL
                .map(|p| (p.code().to_owned(), p.label().to_owned()))
                .to_vec(),
        ));
        f.fields.push(field(
            "since",
            "Living with the intended carers since (Pack F, when a placement is identified)",
            "date",
            "",
        ));
        p.forms.push(f);
    }
    RecordPage {
        errors,
        success: done,
        sections: vec![p],
        ..page(
            caller,
            "Family finding",
            Some((format!("/children/{id}"), "Back to the child".into())),
        )
    }
    .respond()
}

/// Submits a Pack A or Pack F request.
pub(crate) async fn child_family_finding_post(
    caller: Caller,
    Path(id): Path<String>,
    fields: Fields,
) -> Page {
    let child = child_of(&caller, &id)?;
    let Some(pack) = PackType::ALL
        .into_iter()
        .find(|p| p.code() == fields.get("pack"))
    else {
        let errors = vec![FieldError {
            field: "request-pack",
            message: "Choose the pack".into(),
        }];
        return Ok(show_child(&caller, &id, errors, None).await);
    };
    let since = match fields.date("since") {
        Ok(since) => since,
        Err(e) => {
            let errors = vec![FieldError {
                field: "request-since",
                message: format!("Living with the intended carers since: {e}"),
            }];
            return Ok(show_child(&caller, &id, errors, None).await);
        }
    };
    let result = caller
        .run(move |c| {
            app::permanence::request_pack(
                &c.store,
                (c.user(), c.clock(), &c.from),
                &child,
                pack,
                since,
            )
        })
        .await;
    Ok(match result {
        Ok(_) => {
            let done = format!(
                "The {} request joined the Permanence Team's queue.",
                pack.label()
            );
            show_child(&caller, &id, Vec::new(), Some(done)).await
        }
        Err(e) => match caller.form_errors(&e, "request-pack") {
            Ok(errors) => show_child(&caller, &id, errors, None).await,
            Err(page) => page,
        },
    })
}
