//! Life story work (CONT-001 … CONT-003): a child's life story page with
//! its formats, contents and contributors, the Letter for Life and what is
//! outstanding; and the report of every child whose work is to start or
//! was outstanding at the adoption order.

use app::contact::LifeStoryView;
use domain::contact::life_story::{CONTENTS, LifeStoryChange, label};

use crate::handler::{Caller, Fields, Page};
use crate::leavers::forms::{ChildRecord, FormDef, fd};
use crate::ui::{Cell, Chrome, FieldError, Part, RecordPage, cell, long_date, part};

/// A contributor's part, or none.
const PARTS: &[(&str, &str)] = &[
    ("", "None"),
    ("social_worker", "The child's social worker"),
    ("support_worker", "A support worker"),
    ("foster_carer", "The foster carer"),
    ("permanent_carer", "The permanent carer"),
];

const LIFE_STORY_FORMS: &[FormDef] = &[
    FormDef {
        code: "work",
        legend: "Record the life story work",
        fields: &[
            fd!("work", "started", "Date the work started", "date"),
            fd!("work", "format_book", "Format: life story book", "checkbox"),
            fd!("work", "format_scrapbook", "Format: scrapbook", "checkbox"),
            fd!(
                "work",
                "format_photo_album",
                "Format: photo album",
                "checkbox"
            ),
            fd!(
                "work",
                "format_interactive_dc",
                "Format: interactive DC",
                "checkbox"
            ),
            fd!(
                "work",
                "format_personal_items",
                "Format: personal items collection",
                "checkbox"
            ),
            fd!(
                "work",
                "format_words_and_pictures",
                "Format: Words and Pictures",
                "checkbox"
            ),
            fd!(
                "work",
                "content_significant_events",
                "Contents: significant events",
                "checkbox"
            ),
            fd!(
                "work",
                "content_family_descriptions",
                "Contents: family descriptions",
                "checkbox"
            ),
            fd!(
                "work",
                "content_place_of_birth",
                "Contents: place of birth",
                "checkbox"
            ),
            fd!(
                "work",
                "content_care_history",
                "Contents: care history",
                "checkbox"
            ),
            fd!(
                "work",
                "contributor_1_part",
                "First contributor",
                "select",
                PARTS
            ),
            fd!(
                "work",
                "contributor_1_name",
                "First contributor's name",
                "text"
            ),
            fd!(
                "work",
                "contributor_2_part",
                "Second contributor",
                "select",
                PARTS
            ),
            fd!(
                "work",
                "contributor_2_name",
                "Second contributor's name",
                "text"
            ),
            fd!(
                "work",
                "contributor_3_part",
                "Third contributor",
                "select",
                PARTS
            ),
            fd!(
                "work",
                "contributor_3_name",
                "Third contributor's name",
                "text"
            ),
        ],
    },
    FormDef {
        code: "letter",
        legend: "Record the Letter for Life given",
        fields: &[fd!(
            "letter",
            "date",
            "Date the Letter for Life was given",
            "date"
        )],
    },
    FormDef {
        code: "given",
        legend: "Record the life story work given to the adopters",
        fields: &[fd!("given", "date", "Date given to the adopters", "date")],
    },
];

fn summary(v: &LifeStoryView) -> Part {
    let r = &v.record;
    let mut p = part("life-story", "Life story work");
    let date_or = |d: Option<chrono::NaiveDate>, none: &str| d.map_or(none.to_owned(), long_date);
    p.rows
        .push(("Started".into(), date_or(r.started, "Not started")));
    if !r.formats.is_empty() {
        let formats: Vec<_> = r.formats.iter().map(|f| label(f)).collect();
        p.rows.push(("Formats".into(), formats.join(", ")));
    }
    if r.started.is_some() {
        let covered: Vec<_> = CONTENTS
            .iter()
            .filter(|(c, _)| r.contents.iter().any(|x| x == c))
            .map(|(_, l)| *l)
            .collect();
        p.rows.push(("Contents".into(), covered.join(", ")));
        let missing = r.contents_missing();
        if !missing.is_empty() {
            p.rows.push(("Not yet covered".into(), missing.join(", ")));
        }
    }
    if !r.contributors.is_empty() {
        let who: Vec<_> = r
            .contributors
            .iter()
            .map(|c| format!("{} ({})", c.name, label(&c.part)))
            .collect();
        p.rows.push(("Contributors".into(), who.join("; ")));
    }
    p.rows.push((
        "Letter for Life given".into(),
        date_or(r.letter_for_life, "Not recorded"),
    ));
    p.rows.push((
        "Given to the adopters".into(),
        date_or(r.given_to_adopters, "Not recorded"),
    ));
    if let Some(d) = v.decided {
        p.rows
            .push(("Adoption plan agreed by the ADM".into(), long_date(d)));
    }
    if let Some(o) = v.order {
        p.rows.push(("Adoption order".into(), long_date(o)));
    }
    p.rules = vec![
        (
            "CONT-001".into(),
            "Prepared by the social worker or a support worker with the carers; significant events, family, place of birth and care history".into(),
        ),
        (
            "CONT-002".into(),
            "Started when the plan is adoption or permanence away from the birth family".into(),
        ),
        (
            "CONT-003".into(),
            "Life story work and the Letter for Life with the adopters by the adoption order".into(),
        ),
    ];
    p
}

async fn show(
    caller: &Caller,
    child: domain::child::ChildId,
    typed: Option<&Fields>,
    (errors, success): (Vec<FieldError>, Option<String>),
) -> Page {
    let wanted = child.clone();
    let v = caller
        .page(move |c| app::contact::life_story(&c.store, c.user(), c.clock(), &wanted, &c.from))
        .await?;
    let name = v.journey.value.child().name.full();
    let notices = v
        .outstanding
        .iter()
        .map(|o| format!("{} ({}, since {}).", o.text, o.rule, long_date(o.since)))
        .collect();
    Ok(ChildRecord {
        child: &child,
        name,
        title: ("Life story work", "/"),
        path: "life-story",
        forms: (LIFE_STORY_FORMS, &|_| true),
        version: v.version,
        sections: vec![summary(&v)],
        after: Vec::new(),
        notices,
    }
    .respond(caller, typed, (errors, success)))
}

crate::leavers::forms::child_record_handlers!(
    life_story_page,
    life_story_post,
    LIFE_STORY_FORMS,
    LifeStoryChange::parse,
    app::contact::change_life_story
);

/// The life story report: the work to start since the agency decision
/// (CONT-002) and the exceptions at the adoption order (CONT-003).
pub(crate) async fn life_story_report(caller: Caller) -> Page {
    let lines = caller
        .page(|c| app::contact::life_story_report(&c.store, c.user(), c.clock(), &c.from))
        .await?;
    let table = |id: &str, title: &str, rule: &str| {
        let mut p = part(id, title);
        p.table_headers = ["Child", "Since", "What"].map(String::from).to_vec();
        p.table_rows = lines
            .iter()
            .filter(|l| l.outstanding.rule == rule)
            .map(|l| {
                vec![
                    Cell {
                        text: l.name.clone(),
                        href: Some(format!("/children/{}/life-story", l.child)),
                    },
                    cell(long_date(l.outstanding.since)),
                    cell(l.outstanding.text.clone()),
                ]
            })
            .collect();
        if p.table_rows.is_empty() {
            p.paragraphs.push("None.".into());
        }
        p
    };
    Ok(RecordPage {
        sections: vec![
            table(
                "to-start",
                "Life story work to start (CONT-002)",
                "CONT-002",
            ),
            table(
                "at-order",
                "Life story / Letter for Life outstanding at order (CONT-003)",
                "CONT-003",
            ),
        ],
        ..RecordPage::new(Chrome::new(
            "Life story work",
            Some(&caller.signed),
            "/life-story",
        ))
    }
    .respond())
}
