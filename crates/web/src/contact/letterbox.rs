//! A child's Letterboxes (WF-LETTERBOX): the list with the form signing
//! one on a Contact Agreement that includes letters (CONT-006, CONT-008,
//! CONT-009), and a Letterbox's page: its terms, the next exchange
//! (CONT-006), its steps (suspension, withdrawal: CONT-010), and its items,
//! each with what the screener flagged and the coordinator's decision
//! (CONT-007), and what the sender of a held item is told (CONT-011).

use app::contact::{LetterboxAction, NewItem, StoredLetterbox};
use axum::extract::Path;
use axum::response::Response;
use domain::child::ChildId;
use domain::contact::letterbox::{Direction, ItemState, Letterbox, Participant, Side, Terms};
use domain::roles::Role;

use super::{child_of, child_page, error_at};
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, FieldError, FieldSpec, Part, button_form, cell, field, form_date, long_date, part, select,
};

fn yes_no() -> Vec<(String, String)> {
    vec![("no".into(), "No".into()), ("yes".into(), "Yes".into())]
}

fn direction_options() -> Vec<(String, String)> {
    [Direction::TwoWay, Direction::OneWay]
        .into_iter()
        .map(|d| (direction_code(d).to_owned(), d.label().to_owned()))
        .collect()
}

fn direction_code(d: Direction) -> &'static str {
    match d {
        Direction::TwoWay => "two_way",
        Direction::OneWay => "one_way",
    }
}

fn next_exchange(l: &Letterbox) -> String {
    l.next_exchange()
        .map_or_else(|| "None while not active".into(), long_date)
}

/// A child's Letterboxes.
pub(crate) async fn letterboxes(caller: Caller, Path(id): Path<String>) -> Page {
    let child = child_of(&caller, &id)?;
    Ok(show_list(&caller, child, Vec::new(), None).await)
}

async fn show_list(
    caller: &Caller,
    child: ChildId,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let wanted = child.clone();
    let (boxes, agreements) = match caller
        .page(move |c| {
            app::contact::letterboxes_of(&c.store, c.user(), c.clock(), &wanted, &c.from)
        })
        .await
    {
        Ok(found) => found,
        Err(page) => return page,
    };
    let mut list = part("letterboxes", "Letterboxes");
    if boxes.is_empty() {
        list.paragraphs
            .push("No Letterbox agreement is recorded for this child.".into());
    } else {
        list.table_headers = [
            "Letterbox",
            "With",
            "Exchanges a year",
            "State",
            "Next exchange",
        ]
        .map(String::from)
        .to_vec();
        list.table_rows = boxes
            .iter()
            .map(|b| {
                let l = &b.value;
                vec![
                    Cell {
                        text: l.id.clone(),
                        href: Some(format!("/children/{child}/letterbox/{}", l.id)),
                    },
                    cell(
                        l.participants
                            .iter()
                            .map(|p| format!("{} ({})", p.name, p.relationship))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    cell(l.exchanges_a_year.to_string()),
                    cell(l.stage_label()),
                    cell(next_exchange(l)),
                ]
            })
            .collect();
    }
    let mut sign = part("sign", "Record a signed Letterbox agreement");
    let drafts = matches!(caller.user().role, Role::SocialWorker | Role::TeamManager);
    if agreements.is_empty() {
        sign.paragraphs.push(
            "A Letterbox is the letter part of a Contact Agreement: record one with letter contact on the child's plan first (CONT-009).".into(),
        );
    } else if drafts {
        let mut f = button_form(
            "sign",
            &format!("/children/{child}/letterbox"),
            "Record the agreement",
            Vec::new(),
        );
        f.fields = vec![
            select(
                "agreement",
                "Contact Agreement",
                &agreements[0].id,
                agreements
                    .iter()
                    .map(|a| (a.id.clone(), format!("{} ({})", a.id, a.frequency)))
                    .collect(),
            ),
            field("name", "Birth relative taking part", "text", ""),
            FieldSpec {
                hint: Some("For example birth mother, grandfather, sister. Anyone else needs a reason (CONT-008).".into()),
                ..field("relationship", "Their relationship to the child", "text", "birth mother")
            },
            field("reason", "Why continued written contact helps (if not a relative)", "text", ""),
            FieldSpec {
                hint: Some("Usually once or twice a year (CONT-006).".into()),
                ..field("exchanges", "Exchanges a year", "text", "1")
            },
            field("above_usual", "Confirm a frequency above the usual", "checkbox", ""),
            select("direction", "Direction", "two_way", direction_options()),
            select("photographs", "Photographs exchanged", "no", yes_no()),
            field("photographs_reason", "Why photographs (if yes)", "text", ""),
            FieldSpec {
                hint: Some("Separate with commas. The screener flags them in every letter.".into()),
                ..field("surnames", "The adoptive family's surnames", "text", "")
            },
            field("places", "Places that identify the adoptive family", "text", ""),
            field("signed", "Date signed", "date", form_date(Some(caller.today()))),
        ];
        sign.forms.push(f);
    } else {
        sign.paragraphs
            .push("The child's social worker records the signed agreement.".into());
    }
    let mut p = child_page(caller, &child, "Letterbox");
    p.errors = errors;
    p.success = done;
    p.sections = vec![list, sign];
    p.respond()
}

fn words(s: &str) -> Vec<String> {
    s.split(',').map(|w| w.trim().to_owned()).collect()
}

/// Records a signed Letterbox agreement.
pub(crate) async fn sign_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let Ok(Some(signed)) = fields.date("signed") else {
        let errors = error_at(
            "sign-signed",
            "Enter the date signed, for example 27/3/2026",
        );
        return Ok(show_list(&caller, child, errors, None).await);
    };
    let Ok(exchanges) = fields.get("exchanges").parse::<u32>() else {
        let errors = error_at(
            "sign-exchanges",
            "Enter how many exchanges a year, from 1 to 12",
        );
        return Ok(show_list(&caller, child, errors, None).await);
    };
    let terms = Terms {
        participants: vec![Participant {
            name: fields.get("name"),
            relationship: fields.get("relationship"),
            reason: fields.get("reason"),
        }],
        exchanges_a_year: exchanges,
        above_usual_confirmed: fields.ticked("above_usual"),
        direction: match fields.get("direction").as_str() {
            "two_way" => Some(Direction::TwoWay),
            "one_way" => Some(Direction::OneWay),
            _ => None,
        },
        photographs: fields.ticked("photographs"),
        photographs_reason: fields.get("photographs_reason"),
        surnames: words(&fields.get("surnames")),
        places: words(&fields.get("places")),
        signed: Some(signed),
    };
    let (wanted, agreement) = (child.clone(), fields.get("agreement"));
    match caller
        .run(move |c| {
            app::contact::sign_letterbox(
                &c.store,
                c.user(),
                c.clock(),
                &wanted,
                &agreement,
                terms,
                &c.from,
            )
        })
        .await
    {
        Ok(lid) => Ok(show_list(
            &caller,
            child,
            Vec::new(),
            Some(format!(
                "Letterbox {lid} was recorded. The coordinator files their copy to start it."
            )),
        )
        .await),
        Err(e) => {
            let m = e.to_string();
            let at = if m.contains("participant") || m.contains("relationship") {
                "sign-name"
            } else if m.contains("not a relative") {
                "sign-reason"
            } else if m.contains("exchanges") {
                "sign-exchanges"
            } else if m.contains("photographs") {
                "sign-photographs_reason"
            } else if m.contains("two-way") {
                "sign-direction"
            } else if m.contains("Contact Agreement") {
                "sign-agreement"
            } else {
                "sign-signed"
            };
            let errors = caller.form_errors(&e, at)?;
            Ok(show_list(&caller, child, errors, None).await)
        }
    }
}

/// A Letterbox's page.
pub(crate) async fn letterbox_page(
    caller: Caller,
    Path((id, letterbox)): Path<(String, String)>,
) -> Page {
    let child = child_of(&caller, &id)?;
    Ok(show(&caller, child, letterbox, Vec::new(), None).await)
}

fn terms_part(l: &Letterbox) -> Part {
    let mut summary = part("terms", "The agreement");
    summary.rows = vec![
        ("State".into(), l.stage_label().to_owned()),
        ("Contact Agreement".into(), l.agreement.clone()),
        (
            "Taking part".into(),
            l.participants
                .iter()
                .map(|p| format!("{} ({})", p.name, p.relationship))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("Exchanges a year".into(), l.exchanges_a_year.to_string()),
        ("Direction".into(), l.direction.label().to_owned()),
        (
            "Photographs".into(),
            if l.photographs {
                format!("Yes: {}", l.photographs_reason)
            } else {
                "No (CONT-009)".into()
            },
        ),
        ("Signed".into(), long_date(l.signed)),
        (
            "Coordinator's copy filed".into(),
            l.copy_filed.map_or_else(|| "Not yet".into(), long_date),
        ),
        ("Next exchange (CONT-006)".into(), next_exchange(l)),
    ];
    if let Some(r) = &l.suspension_reason {
        summary.rows.push(("Suspended because".into(), r.clone()));
    }
    if let Some(w) = &l.withdrawal {
        summary.rows.push((
            "Withdrawal asked by".into(),
            format!(
                "{} on {}: {}",
                w.requested_by,
                long_date(w.requested),
                w.reason
            ),
        ));
    }
    summary
}

fn steps_part(caller: &Caller, held: &StoredLetterbox, action: &str) -> Part {
    let l = &held.value;
    let mut steps = part("steps", "What happens next");
    let today = form_date(Some(caller.today()));
    for step in l.moves(caller.user()) {
        let mut f = button_form(
            &format!("step-{}", step.name),
            action,
            step.label,
            vec![
                ("version", held.version.to_string()),
                ("action", "step".into()),
                ("step", step.name.to_owned()),
            ],
        );
        if step.name == "request_withdrawal" {
            f.fields
                .push(field("who", "Who asked to withdraw", "text", ""));
        }
        if matches!(step.name, "suspend" | "request_withdrawal") {
            f.fields.push(field("reason", "Reason", "textarea", ""));
        }
        let label = if step.name == "activate" {
            "Date the coordinator's copy was filed"
        } else {
            "Date"
        };
        f.fields.push(field("date", label, "date", today.clone()));
        f.secondary = matches!(step.name, "suspend" | "request_withdrawal" | "withdraw");
        steps.forms.push(f);
    }
    if steps.forms.is_empty() {
        steps
            .paragraphs
            .push("There is no step for you to take on this agreement now.".into());
    }
    steps
}

fn receive_form(caller: &Caller, held: &StoredLetterbox, action: &str) -> Part {
    let mut p = part("receive", "Log an item received");
    let mut f = button_form(
        "receive",
        action,
        "Log the item and screen it",
        vec![
            ("version", held.version.to_string()),
            ("action", "receive".into()),
        ],
    );
    let mut sides = vec![(
        "adoptive".to_owned(),
        Side::AdoptiveFamily.label().to_owned(),
    )];
    if held.value.direction == Direction::TwoWay {
        sides.push(("birth".into(), Side::BirthFamily.label().into()));
    }
    f.fields = vec![
        select("from", "From", "adoptive", sides),
        field("sender", "Sender", "text", ""),
        field(
            "received",
            "Date received",
            "date",
            form_date(Some(caller.today())),
        ),
        FieldSpec {
            hint: Some(
                "Type or paste the letter as written. It is kept on the record and never in a log."
                    .into(),
            ),
            ..field("text", "The letter", "textarea", "")
        },
        field(
            "photographs_enclosed",
            "Photographs were enclosed",
            "checkbox",
            "",
        ),
    ];
    p.forms.push(f);
    p
}

/// An item's part: what it is, what the screener found, and the form the
/// coordinator decides or forwards with.
fn item_part(caller: &Caller, held: &StoredLetterbox, number: usize, action: &str) -> Part {
    let item = &held.value.items[number];
    let n = item.number;
    let mut p = part(
        &format!("item-{n}"),
        &format!("Item {n} from {} ({})", item.sender, item.from.label()),
    );
    p.rows = vec![
        ("Received".into(), long_date(item.received)),
        ("State".into(), item.state.label().to_owned()),
    ];
    if let Some(d) = &item.decision {
        p.rows.push(("Reasons".into(), d.reasons.clone()));
        if !d.redactions.is_empty() {
            p.rows.push(("Redacted".into(), d.redactions.clone()));
        }
    }
    if let Some(f) = item.forwarded {
        p.rows.push(("Forwarded".into(), long_date(f)));
    }
    if item.flags.is_empty() {
        p.paragraphs
            .push("The screener found nothing identifying in this item.".into());
    } else {
        p.paragraphs.push(format!(
            "The screener flagged {} things to check (CONT-007):",
            item.flags.len()
        ));
        p.items = item.flags.iter().map(|f| f.explain()).collect();
    }
    p.paragraphs.push(format!("The letter: {}", item.text));
    if item.state == ItemState::Held {
        p.paragraphs.push(format!(
            "What the sender is told (CONT-011): {}",
            Letterbox::held_notice(item)
        ));
    }
    if !Letterbox::coordinates(caller.user()) {
        return p;
    }
    let hidden = |what: &str| {
        vec![
            ("version", held.version.to_string()),
            ("action", what.to_owned()),
            ("item", n.to_string()),
        ]
    };
    let today = form_date(Some(caller.today()));
    match item.state {
        ItemState::Screening => {
            let mut f = button_form(
                &format!("decide-{n}"),
                action,
                "Record the decision",
                hidden("decide"),
            );
            f.fields = vec![
                select(
                    "decision",
                    "Decision",
                    if item.flags.is_empty() { "forward" } else { "hold" },
                    vec![
                        ("forward".into(), "Forward".into()),
                        ("hold".into(), "Hold".into()),
                    ],
                ),
                field("reasons", "Reasons", "textarea", ""),
                FieldSpec {
                    hint: Some("What was taken out before it is forwarded; needed when anything was flagged.".into()),
                    ..field("redactions", "Redactions", "textarea", "")
                },
                field("date", "Date", "date", today),
            ];
            p.forms.push(f);
        }
        ItemState::Passed => {
            let mut f = button_form(
                &format!("forward-{n}"),
                action,
                "Record it forwarded",
                hidden("forward"),
            );
            f.fields = vec![field("date", "Date forwarded", "date", today)];
            p.forms.push(f);
        }
        _ => {}
    }
    p
}

async fn show(
    caller: &Caller,
    child: ChildId,
    letterbox: String,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let (wanted, lid) = (child.clone(), letterbox.clone());
    let held: StoredLetterbox = match caller
        .page(move |c| {
            app::contact::open_letterbox(&c.store, c.user(), c.clock(), &wanted, &lid, &c.from)
        })
        .await
    {
        Ok(l) => l,
        Err(page) => return page,
    };
    let action = format!("/children/{child}/letterbox/{letterbox}");
    let l = &held.value;
    let mut sections = vec![terms_part(l), steps_part(caller, &held, &action)];
    let open = matches!(l.stage.as_str(), "active" | "suspended");
    if open && Letterbox::coordinates(caller.user()) {
        sections.push(receive_form(caller, &held, &action));
    }
    for i in (0..l.items.len()).rev() {
        sections.push(item_part(caller, &held, i, &action));
    }
    let mut p = child_page(caller, &child, &format!("Letterbox {letterbox}"));
    p.errors = errors;
    p.success = done;
    p.sections = sections;
    p.respond()
}

/// What a Letterbox form asks, read from its fields; the field to show an
/// error beside when it cannot be read.
fn action_of(fields: &Fields) -> Result<LetterboxAction, (&'static str, String)> {
    let date = |name: &str, at: &'static str| match fields.date(name) {
        Ok(Some(d)) => Ok(d),
        _ => Err((at, "Enter the date, for example 27/3/2026".to_owned())),
    };
    let item = || fields.get("item").parse::<u32>().unwrap_or(0);
    Ok(match fields.get("action").as_str() {
        "step" => LetterboxAction::Step {
            name: fields.get("step"),
            date: date("date", "steps")?,
            who: fields.get("who"),
            reason: fields.get("reason"),
        },
        "receive" => LetterboxAction::Receive(NewItem {
            from: if fields.get("from") == "birth" {
                Side::BirthFamily
            } else {
                Side::AdoptiveFamily
            },
            sender: fields.get("sender"),
            received: date("received", "receive-received")?,
            text: fields.get("text"),
            photographs_enclosed: fields.ticked("photographs_enclosed"),
        }),
        "decide" => LetterboxAction::Decide {
            item: item(),
            forward: fields.get("decision") == "forward",
            reasons: fields.get("reasons"),
            redactions: fields.get("redactions"),
            date: date("date", "steps")?,
        },
        "forward" => LetterboxAction::Forward {
            item: item(),
            date: date("date", "steps")?,
        },
        _ => return Err(("steps", "Choose what to record on this Letterbox".into())),
    })
}

/// Takes a step, logs an item, or records a decision or a forwarding.
pub(crate) async fn letterbox_post(
    caller: Caller,
    Path((id, letterbox)): Path<(String, String)>,
    fields: Fields,
) -> Page {
    let child = child_of(&caller, &id)?;
    let action = match action_of(&fields) {
        Ok(a) => a,
        Err((at, message)) => {
            return Ok(show(&caller, child, letterbox, error_at(at, message), None).await);
        }
    };
    let field = match &action {
        LetterboxAction::Receive(_) => "receive-text",
        _ => "steps",
    };
    let (wanted, lid, version) = (child.clone(), letterbox.clone(), fields.version());
    match caller
        .run(move |c| {
            app::contact::act_on_letterbox(
                &c.store,
                c.user(),
                c.clock(),
                (&wanted, &lid, version),
                action,
                &c.from,
            )
        })
        .await
    {
        Ok(done) => Ok(show(&caller, child, letterbox, Vec::new(), Some(done)).await),
        Err(e) => {
            let errors = caller.form_errors(&e, field)?;
            Ok(show(&caller, child, letterbox, errors, None).await)
        }
    }
}
