//! The child's information-sharing log (DATA-006): every entry (what was
//! shared, with whom, by whom, how and when), the form adding one, and for
//! each entry a page that never edits it but offers a correction, prefilled,
//! added as a new entry. Once prospective adopters are on the log it says
//! what they still need before a match can be listed (PATH-026).

use app::permanence::{NewShare, adopter_disclosure_gaps};
use axum::extract::{Path, Query};
use axum::response::Response;
use domain::access::Permission;
use domain::permanence::assessment::{
    InformationShareLog, ShareDetails, ShareEntry, ShareRecipient, SharedContent,
};
use serde::Deserialize;

use super::cases::required_date;
use super::child_of;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, FormSpec, RecordPage, button_form, cell, field, long_date,
    part, select,
};

const RECIPIENTS: [(ShareRecipient, &str, &str); 4] = [
    (ShareRecipient::Carer, "carer", "The child's carers"),
    (
        ShareRecipient::ProspectiveAdopter,
        "prospective_adopter",
        "Prospective adopters",
    ),
    (ShareRecipient::Child, "child", "The child"),
    (ShareRecipient::Parent, "parent", "A parent"),
];

const CONTENTS: [(SharedContent, &str, &str); 8] = [
    (
        SharedContent::AllKnownInformation,
        "all_known",
        "All known information about the child",
    ),
    (
        SharedContent::SocialMedicalLegal,
        "social_medical_legal",
        "Social, medical and legal information",
    ),
    (
        SharedContent::SocialInformation,
        "social",
        "Social information",
    ),
    (
        SharedContent::MedicalInformation,
        "medical",
        "Medical information",
    ),
    (
        SharedContent::LegalInformation,
        "legal",
        "Legal information",
    ),
    (
        SharedContent::InformationSafetyAdvice,
        "safety_advice",
        "Advice on keeping the child's information safe",
    ),
    (
        SharedContent::WrittenAdoptionInformation,
        "written_adoption",
        "Written information about adoption",
    ),
    (
        SharedContent::ComplaintsAndAdvocacy,
        "complaints_advocacy",
        "How to complain and get an advocate",
    ),
];

fn label<T: PartialEq + Copy>(table: &[(T, &str, &'static str)], v: T) -> &'static str {
    table.iter().find(|(t, _, _)| *t == v).map_or("", |e| e.2)
}

fn code<T: PartialEq + Copy>(table: &[(T, &'static str, &str)], v: T) -> &'static str {
    table.iter().find(|(t, _, _)| *t == v).map_or("", |e| e.1)
}

fn options<T>(table: &[(T, &str, &str)]) -> Vec<(String, String)> {
    table
        .iter()
        .map(|(_, c, l)| ((*c).to_owned(), (*l).to_owned()))
        .collect()
}

fn path(id: &str) -> String {
    format!("/children/{id}/information-shared")
}

fn row(id: &str, e: &ShareEntry) -> Vec<Cell> {
    let d = &e.details;
    let corrects = e
        .corrects
        .map_or(String::new(), |c| format!("Corrects entry {c}"));
    vec![
        Cell {
            text: e.id.to_string(),
            href: Some(format!("{}?correct={}", path(id), e.id)),
        },
        cell(long_date(d.on)),
        cell(format!(
            "{} ({})",
            d.recipient,
            label(&RECIPIENTS, d.recipient_type)
        )),
        cell(label(&CONTENTS, d.content)),
        cell(d.documents.join("; ")),
        cell(format!("{}, {}", d.shared_by, d.how)),
        cell(corrects),
    ]
}

/// The form adding an entry, or (with `corrects`) the correction of one,
/// its fields holding `d`.
fn entry_form(
    caller: &Caller,
    id: &str,
    version: i64,
    d: Option<&ShareDetails>,
    corrects: Option<u64>,
) -> FormSpec {
    let mut hidden = vec![("version", version.to_string())];
    let button = match corrects {
        Some(c) => {
            hidden.push(("corrects", c.to_string()));
            "Add the correction as a new entry"
        }
        None => "Add to the log",
    };
    let mut f = button_form("share", &path(id), button, hidden);
    let value = |get: fn(&ShareDetails) -> String| d.map(get).unwrap_or_default();
    f.fields = vec![
        select(
            "recipient_type",
            "Who was it given to",
            d.map_or("carer", |d| code(&RECIPIENTS, d.recipient_type)),
            options(&RECIPIENTS),
        ),
        FieldSpec {
            hint: Some("For example, the foster carers or the prospective adopters.".into()),
            ..field(
                "recipient",
                "Their name or description",
                "text",
                value(|d| d.recipient.clone()),
            )
        },
        select(
            "content",
            "What was shared",
            d.map_or("all_known", |d| code(&CONTENTS, d.content)),
            options(&CONTENTS),
        ),
        FieldSpec {
            hint: Some("One document reference on each line.".into()),
            ..field(
                "documents",
                "Documents shared",
                "textarea",
                value(|d| d.documents.join("\n")),
            )
        },
        field(
            "shared_by",
            "Shared by",
            "text",
            d.map_or(caller.user().display_name.clone(), |d| d.shared_by.clone()),
        ),
        FieldSpec {
            hint: Some("For example, in person, by letter or by secure email.".into()),
            ..field("how", "How it was shared", "text", value(|d| d.how.clone()))
        },
        FieldSpec {
            hint: Some("For example, 30/4/2025".into()),
            ..field(
                "on",
                "Date it was shared",
                "date",
                d.map_or(caller.today(), |d| d.on)
                    .format("%-d/%-m/%Y")
                    .to_string(),
            )
        },
    ];
    f
}

fn page(caller: &Caller, id: &str, title: &str) -> RecordPage {
    RecordPage {
        chrome: Chrome::new(title, Some(&caller.signed), "/"),
        back: Some((format!("/children/{id}"), "Back to the child".into())),
        caption: Some("Information-sharing log".into()),
        status: None,
        errors: Vec::new(),
        notices: Vec::new(),
        success: None,
        sections: Vec::new(),
    }
}

/// Which entry the page is asked to correct (`?correct=2`).
#[derive(Deserialize, Default)]
pub(crate) struct CorrectQuery {
    #[serde(default)]
    correct: Option<u64>,
}

/// The child's information-sharing log, or with `?correct=N` the page
/// correcting entry N.
pub(crate) async fn sharing_page(
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<CorrectQuery>,
) -> Page {
    match q.correct {
        Some(entry) => correct_page(caller, id, entry).await,
        None => Ok(show(&caller, &id, Vec::new(), None).await),
    }
}

async fn show(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let child = match child_of(caller, id) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let (log, version) = match caller
        .page(move |c| {
            app::permanence::information_shared(&c.store, c.user(), c.clock(), &child, &c.from)
        })
        .await
    {
        Ok(found) => found,
        Err(page) => return page,
    };
    let mut sections = vec![log_part(id, &log)];
    if let Some(missing) = adopter_disclosure_gaps(&log, caller.today()) {
        let mut p = part("adopters", "Information for prospective adopters");
        p.paragraphs.push(if missing.is_empty() {
            "Social, medical and legal information were given: a match can be listed for the Adoption Panel.".into()
        } else {
            "A match cannot be listed for the Adoption Panel until the prospective adopters are given:".into()
        });
        p.items = missing.iter().map(|m| crate::ui::sentence(*m)).collect();
        p.rules = vec![(
            "PATH-026".into(),
            "full social, medical and legal information before a match is listed".into(),
        )];
        sections.push(p);
    }
    if caller.user().may(Permission::WorkOnPlans) {
        let mut p = part("add", "Record information shared");
        p.forms.push(entry_form(caller, id, version, None, None));
        sections.push(p);
    }
    RecordPage {
        errors,
        success: done,
        sections,
        ..page(caller, id, "Information shared")
    }
    .respond()
}

fn log_part(id: &str, log: &InformationShareLog) -> crate::ui::Part {
    let mut p = part("log", "Information shared");
    if log.entries().is_empty() {
        p.paragraphs
            .push("No information shared is recorded yet.".into());
    } else {
        p.paragraphs.push(
            "Entries are never changed. To correct one, open it and add a correction: it is kept as a new entry."
                .into(),
        );
        p.table_headers = [
            "Entry",
            "Date",
            "Given to",
            "What",
            "Documents",
            "By and how",
            "Correction",
        ]
        .map(String::from)
        .to_vec();
        p.table_rows = log.entries().iter().map(|e| row(id, e)).collect();
    }
    p.rules = vec![(
        "DATA-006".into(),
        "one log of information given; corrections are new entries".into(),
    )];
    p
}

/// One entry, with the correction offered in place of an edit.
async fn correct_page(caller: Caller, id: String, entry: u64) -> Page {
    let child = child_of(&caller, &id)?;
    let (offer, version) = caller
        .page(move |c| {
            let (_, version) = app::permanence::information_shared(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                &c.from,
            )?;
            let offer = app::permanence::offer_information_correction(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                entry,
                &c.from,
            )?;
            Ok((offer, version))
        })
        .await?;
    let mut p = part("correct", &format!("Correct entry {entry}"));
    p.paragraphs.push(
        "An entry of the log cannot be changed. Change what was wrong below: the correction is added as a new entry, and the original stays."
            .into(),
    );
    if caller.user().may(Permission::WorkOnPlans) {
        p.forms.push(entry_form(
            &caller,
            &id,
            version,
            Some(&offer.details),
            Some(offer.corrects),
        ));
    }
    Ok(RecordPage {
        sections: vec![p],
        back: Some((path(&id), "Back to the log".into())),
        ..page(&caller, &id, &format!("Entry {entry}"))
    }
    .respond())
}

/// Adds an entry, or a correction of one, to the log.
pub(crate) async fn sharing_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let mut errors = Vec::new();
    let recipient_type = RECIPIENTS
        .iter()
        .find(|r| r.1 == fields.get("recipient_type"))
        .map(|r| r.0);
    let content = CONTENTS
        .iter()
        .find(|c| c.1 == fields.get("content"))
        .map(|c| c.0);
    if recipient_type.is_none() {
        errors.push(FieldError {
            field: "share-recipient_type",
            message: "Choose who the information was given to".into(),
        });
    }
    if content.is_none() {
        errors.push(FieldError {
            field: "share-content",
            message: "Choose what was shared".into(),
        });
    }
    let on = required_date(&fields, "share-on", "the date it was shared", &mut errors);
    let (Some(recipient_type), Some(content), Some(on)) = (recipient_type, content, on) else {
        return Ok(show(&caller, &id, errors, None).await);
    };
    let details = ShareDetails {
        recipient_type,
        recipient: fields.get("recipient"),
        content,
        documents: fields
            .get("documents")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        shared_by: fields.get("shared_by"),
        how: fields.get("how"),
        on,
    };
    let corrects = fields.get("corrects").parse().ok();
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::record_information_shared(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                NewShare { details, corrects },
                &c.from,
            )
        })
        .await;
    Ok(match result {
        Ok((entry, _)) => {
            let done = match corrects {
                Some(c) => format!("Entry {entry} was added, correcting entry {c}."),
                None => format!("Entry {entry} was added to the log."),
            };
            show(&caller, &id, Vec::new(), Some(done)).await
        }
        Err(e) => match caller.form_errors(&e, "share-recipient") {
            Ok(errors) => show(&caller, &id, errors, None).await,
            Err(page) => page,
        },
    })
}
