//! The carers' training and events programme (WF-TRAINING): the live
//! courses and who booked them under which audience (TRAIN-001), the
//! newsletters with their training sections (TRAIN-005), the community
//! events and the adopters' meet-ups missing this year (TRAIN-007,
//! TRAIN-010), the training needs surveys and each year's review of the
//! offer (TRAIN-004), and the offer's actions (SG-008); with the forms
//! recording each.

use chrono::Datelike;
use domain::agency::programme::{
    Audience, EVENT_AUDIENCES, NEWSLETTERS, ProgrammeChange, TrainingProgramme,
};
use domain::passport::ledger::year_label;

use crate::handler::{Caller, Fields, Page};
use crate::leavers::forms::{FormDef, fd, forms_part, post_change};
use crate::ui::{Cell, Chrome, FieldError, Part, RecordPage, cell, long_date, part};

const AUDIENCES: &[(&str, &str)] = &[
    ("foster_carer", "Foster carers"),
    ("connected_carer", "Connected carers"),
    (
        "supported_lodgings_provider",
        "Supported lodgings providers",
    ),
    ("sgo_carer", "SGO carers"),
    ("cao_carer", "CAO and Residence Order carers"),
    ("adoptive_parent", "Adoptive parents"),
];

const TEAMS: &[(&str, &str)] = &[
    ("Fostering", "Fostering"),
    ("Kinship", "Kinship"),
    ("Adoption", "Adoption"),
    ("Leaving care", "Leaving care"),
];

/// Every event kind, for the event form; the record refuses a kind its
/// audience does not have (TRAIN-010).
const EVENT_KINDS: &[(&str, &str)] = &[
    ("support_group", "Support and information-sharing group"),
    ("family_fun_day", "Family fun day"),
    ("craft_day", "Craft day"),
    ("summer_play_scheme", "Summer play scheme"),
    ("celebration", "Celebration event"),
    ("meet_up_spring", "Adopters' spring meet-up"),
    ("meet_up_summer", "Adopters' summer holidays meet-up"),
    ("meet_up_autumn", "Adopters' autumn meet-up"),
    ("meet_up_christmas", "Adopters' Christmas meet-up"),
    ("stay_and_play", "Stay and play"),
    ("coffee_morning", "Coffee morning support group"),
];

const FORMS: &[FormDef] = &[
    FormDef {
        code: "event",
        legend: "Add a community event",
        fields: &[
            fd!(
                "event",
                "audience",
                "Who it is for",
                "select",
                EVENT_AUDIENCES
            ),
            fd!("event", "kind", "Kind of event", "select", EVENT_KINDS),
            fd!(
                "event",
                "title",
                "Event (optional: the kind's name)",
                "text"
            ),
            fd!("event", "date", "Date", "date"),
        ],
    },
    FormDef {
        code: "course",
        legend: "Add a live course",
        fields: &[
            fd!("course", "title", "Course", "text"),
            fd!("course", "date", "Date of the course", "date"),
            fd!("course", "places", "Places", "text"),
        ],
    },
    FormDef {
        code: "book",
        legend: "Book a household on a course",
        fields: &[
            fd!("book", "course", "Course number (from the list)", "text"),
            fd!(
                "book",
                "household",
                "Household reference, for example H00042",
                "text"
            ),
            fd!("book", "date", "Date booked", "date"),
        ],
    },
    FormDef {
        code: "newsletter",
        legend: "Publish a newsletter issue",
        fields: &[
            fd!(
                "newsletter",
                "newsletter",
                "Newsletter",
                "select",
                NEWSLETTERS
            ),
            fd!("newsletter", "title", "Issue", "text"),
            fd!("newsletter", "date", "Date published", "date"),
            fd!("newsletter", "training", "Training on offer", "textarea"),
            fd!("newsletter", "how_to_book", "How to book", "textarea"),
        ],
    },
    FormDef {
        code: "survey",
        legend: "Record a training needs survey's results",
        fields: &[
            fd!("survey", "title", "Survey", "text"),
            fd!("survey", "date", "Date of the results", "date"),
            fd!("survey", "responses", "Responses", "text"),
            fd!("survey", "findings", "What it found", "textarea"),
        ],
    },
    FormDef {
        code: "review",
        legend: "Record the year's review of the training offer",
        fields: &[
            fd!(
                "review",
                "year",
                "Financial year, for example 2025-26",
                "text"
            ),
            fd!(
                "review",
                "survey",
                "Survey number it drew on (from the list)",
                "text"
            ),
            fd!("review", "decisions", "What the review decided", "textarea"),
            fd!("review", "date", "Date completed", "date"),
        ],
    },
    FormDef {
        code: "action",
        legend: "Add an action of the offer",
        fields: &[
            fd!("action", "title", "Action", "text"),
            fd!("action", "owners", "Owners", "text"),
            fd!("action", "audience", "Who it is for", "select", AUDIENCES),
            fd!(
                "action",
                "team",
                "Team whose worklist shows it",
                "select",
                TEAMS
            ),
            fd!("action", "due", "Due by", "date"),
        ],
    },
    FormDef {
        code: "action_done",
        legend: "Record an action done",
        fields: &[
            fd!(
                "action_done",
                "action",
                "Action number (from the list)",
                "text"
            ),
            fd!("action_done", "date", "Date done", "date"),
        ],
    },
];

fn table(id: &str, heading: &str, headers: &[&str], rows: Vec<Vec<Cell>>, empty: &str) -> Part {
    let mut p = part(id, heading);
    if rows.is_empty() {
        p.paragraphs.push(empty.to_owned());
    } else {
        p.table_headers = headers.iter().map(|h| (*h).to_owned()).collect();
        p.table_rows = rows;
    }
    p
}

fn label(list: &[(&str, &str)], code: &str) -> String {
    list.iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, l)| l)
        .to_owned()
}

fn sections(p: &TrainingProgramme, today: chrono::NaiveDate) -> Vec<Part> {
    let courses = table(
        "courses",
        "Live courses",
        &[
            "Number",
            "Course",
            "Date",
            "Places",
            "Booked (audience)",
            "Waiting",
        ],
        p.courses
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let who = |waiting: bool| {
                    c.bookings
                        .iter()
                        .filter(|b| b.waitlisted == waiting)
                        .map(|b| format!("{} ({})", b.name, b.audience.label()))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                vec![
                    cell((i + 1).to_string()),
                    cell(c.title.clone()),
                    cell(long_date(c.date)),
                    cell(format!("{} of {}", c.taken(), c.places)),
                    cell(who(false)),
                    cell(who(true)),
                ]
            })
            .collect(),
        "No live course is on the programme yet.",
    );
    let newsletters = table(
        "newsletters",
        "Newsletters",
        &[
            "Newsletter",
            "Issue",
            "Published",
            "Training",
            "How to book",
        ],
        p.newsletters
            .iter()
            .rev()
            .map(|n| {
                vec![
                    cell(label(NEWSLETTERS, &n.newsletter)),
                    cell(n.title.clone()),
                    cell(long_date(n.date)),
                    cell(n.training.clone()),
                    cell(n.how_to_book.clone()),
                ]
            })
            .collect(),
        "No issue is published yet.",
    );
    let mut events = table(
        "events",
        "Community events",
        &["Date", "Event", "Kind", "For"],
        p.events
            .iter()
            .rev()
            .map(|e| {
                vec![
                    cell(long_date(e.date)),
                    cell(e.title.clone()),
                    cell(e.kind_label()),
                    cell(label(EVENT_AUDIENCES, &e.audience)),
                ]
            })
            .collect(),
        "No event is recorded yet.",
    );
    let missing = p.missing_meet_ups(today.year());
    events.rows.push((
        format!("Adopters' meet-ups missing in {}", today.year()),
        if missing.is_empty() {
            "None: every season has one".into()
        } else {
            missing.join(", ")
        },
    ));
    let surveys = table(
        "surveys",
        "Training needs surveys",
        &["Number", "Survey", "Date", "Responses", "What it found"],
        p.surveys
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    cell((i + 1).to_string()),
                    cell(s.title.clone()),
                    cell(long_date(s.date)),
                    cell(s.responses.to_string()),
                    cell(s.findings.clone()),
                ]
            })
            .collect(),
        "No survey's results are recorded yet.",
    );
    let reviews = table(
        "reviews",
        "Reviews of the training offer",
        &["Financial year", "Completed", "Survey", "Decided"],
        p.reviews
            .iter()
            .map(|r| {
                vec![
                    cell(year_label(r.year)),
                    cell(long_date(r.completed)),
                    cell(
                        r.survey
                            .checked_sub(1)
                            .and_then(|i| p.surveys.get(i))
                            .map_or(String::new(), |s| s.title.clone()),
                    ),
                    cell(r.decisions.clone()),
                ]
            })
            .collect(),
        "No year's review is recorded yet.",
    );
    let actions = table(
        "actions",
        "Actions of the offer",
        &["Number", "Action", "Owners", "For", "Team", "Due", "Done"],
        p.actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    cell((i + 1).to_string()),
                    cell(a.title.clone()),
                    cell(a.owners.clone()),
                    cell(label(AUDIENCES, a.audience.code())),
                    cell(a.team.clone()),
                    cell(long_date(a.due)),
                    cell(a.done.map_or_else(
                        || {
                            if a.due < today {
                                "Overdue".into()
                            } else {
                                "Open".into()
                            }
                        },
                        long_date,
                    )),
                ]
            })
            .collect(),
        "No action is recorded.",
    );
    let mut due = part("due", "What the programme owes");
    due.items = p
        .deadlines(today)
        .iter()
        .map(|d| format!("{}: due {}", d.title, long_date(d.due)))
        .collect();
    if due.items.is_empty() {
        due.paragraphs.push("Nothing is due.".into());
    }
    vec![due, courses, newsletters, events, surveys, reviews, actions]
}

async fn show(
    caller: &Caller,
    typed: Option<&Fields>,
    (errors, success): (Vec<FieldError>, Option<String>),
) -> Page {
    let (programme, version) = caller
        .page(|c| app::agency::training_programme(&c.store, c.user()))
        .await?;
    let mut parts = sections(&programme, caller.today());
    parts.push(forms_part(
        caller,
        (FORMS, &|_| true),
        ("/training-programme", version),
        typed,
    ));
    Ok(RecordPage {
        errors,
        success,
        caption: Some(format!(
            "Who may book: {}",
            Audience::ALL.map(Audience::label).join(", ")
        )),
        back: Some(("/agency".into(), "Back to agency records".into())),
        sections: parts,
        ..RecordPage::new(Chrome::new(
            "Training and events programme",
            Some(&caller.signed),
            "/agency",
        ))
    }
    .respond())
}

/// The programme's page.
pub(crate) async fn training_programme(caller: Caller) -> Page {
    show(&caller, None, (Vec::new(), None)).await
}

/// Records a change to the programme.
pub(crate) async fn training_programme_post(caller: Caller, fields: Fields) -> Page {
    let done = post_change(
        &caller,
        &fields,
        FORMS,
        |code, get, today| ProgrammeChange::parse(code, get, today),
        |c, change, version| {
            app::agency::change_training_programme(
                &c.store,
                c.user(),
                c.clock(),
                version,
                change,
                &c.from,
            )
        },
    )
    .await?;
    show(&caller, done.typed(&fields), done.messages()).await
}
