//! The panels area: meetings past and to come with the referrals waiting to
//! be listed, arranging a meeting, a meeting with its agenda, attendance and
//! printable minutes, and a panel's configuration.

use std::collections::HashMap;

use app::permanence::{MeetingView, PanelsView};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::Permission;
use domain::permanence::panels::{Attendance, Forum, ForumKind, Membership, SeatRole, is_quorate};
use domain::permanence::referrals::Outcome;

use crate::handler::{Caller, Fields, Page};
use crate::session::Signed;
use crate::ui::{
    Cell, Chrome, FieldError, FieldSpec, LetterPage, Part, RecordPage, button_form, cell,
    date_text, field, form_date, long_date, opt, parse_date, part, render, select,
};

/// A page of the panels area, back to the panels, with nothing on it yet.
pub(crate) fn panels_page(title: String, signed: &Signed) -> RecordPage {
    RecordPage {
        chrome: Chrome::new(title, Some(signed), "/panels"),
        back: Some(("/panels".into(), "Back to panels".into())),
        caption: None,
        status: None,
        errors: Vec::new(),
        notices: Vec::new(),
        success: None,
        sections: Vec::new(),
    }
}

/// The panels page: meetings past and to come, and arranging a new one.
pub(crate) async fn panels(caller: Caller) -> Response {
    show_panels(&caller, Vec::new(), None).await
}

async fn show_panels(caller: &Caller, errors: Vec<FieldError>, done: Option<String>) -> Response {
    let view = caller
        .page(|c| app::permanence::panels_overview(&c.store, c.user(), c.clock(), &c.from))
        .await;
    let view = match view {
        Ok(v) => v,
        Err(page) => return page,
    };
    RecordPage {
        errors,
        notices: minutes_alerts(caller, &view),
        success: done,
        sections: vec![
            meetings_part(caller, &view),
            waiting_part(&view),
            cdm_link(),
        ],
        ..RecordPage::new(Chrome::new("Panels", Some(&caller.signed), "/panels"))
    }
    .respond()
}

/// The way to the Child Decision Making Panel's decisions (PANEL-018).
fn cdm_link() -> Part {
    let mut p = part("cdm", "Child Decision Making Panel");
    p.links.push((
        "/panels/cdm".into(),
        "Care-planning decisions and permanence decisions outstanding".into(),
    ));
    p
}

/// The minutes overdue for approval, for those who manage the panels
/// (PANEL-014).
fn minutes_alerts(caller: &Caller, view: &PanelsView) -> Vec<String> {
    if !caller.user().may(Permission::ManagePanels) {
        return Vec::new();
    }
    view.minutes_overdue(caller.today())
        .into_iter()
        .map(|(m, due)| {
            format!(
                "The minutes of the {} on {} are overdue: they were due for approval by {}.",
                m.forum.label(),
                long_date(m.date),
                long_date(due)
            )
        })
        .collect()
}

fn meetings_part(caller: &Caller, view: &PanelsView) -> Part {
    let today = caller.today();
    let mut upcoming = part("meetings", "Meetings");
    upcoming.table_headers = vec![
        "Meeting".into(),
        "Date".into(),
        "Items".into(),
        "Minutes".into(),
    ];
    upcoming.table_rows = view
        .meetings
        .iter()
        .rev()
        .map(|m| {
            let d = &m.value.document;
            vec![
                Cell {
                    text: d.forum.label().into(),
                    href: Some(format!("/panels/meetings/{}", m.value.id)),
                },
                cell(long_date(d.date)),
                cell(d.agenda.len().to_string()),
                cell(d.minutes_state(today)),
            ]
        })
        .collect();
    if caller.user().may(Permission::ManagePanels) {
        let mut f = button_form("meeting", "/panels/meetings", "Arrange the meeting", vec![]);
        f.legend = Some("Arrange a meeting".into());
        f.fields.push(select(
            "forum",
            "Panel",
            "permanence_panel",
            ForumKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), k.label().to_owned()))
                .collect(),
        ));
        f.fields.push(FieldSpec {
            hint: Some("For example, 10/9/2026".into()),
            ..field("date", "Date", "date", "")
        });
        upcoming.forms.push(f);
    }
    upcoming.links.push((
        "/panels/config/permanence_panel".into(),
        "Permanence Panel members, quorum and cut-off".into(),
    ));
    upcoming
}

fn waiting_part(view: &PanelsView) -> Part {
    let mut queue = part("waiting", "Referrals not yet listed");
    queue.table_headers = vec![
        "Referral".into(),
        "Child".into(),
        "Item".into(),
        "Stage".into(),
        "List by".into(),
        "Papers missing".into(),
    ];
    queue.table_rows = view
        .waiting
        .iter()
        .map(|r| {
            let d = &r.value.document;
            vec![
                Cell {
                    text: r.value.id.clone(),
                    href: Some(format!("/referrals/{}", r.value.id)),
                },
                cell(d.child_id.to_string()),
                cell(d.item.label()),
                cell(d.stage.label()),
                cell(date_text(d.list_by)),
                cell(d.missing_papers().len().to_string()),
            ]
        })
        .collect();
    queue
}

/// Arranges a meeting.
pub(crate) async fn create_meeting(caller: Caller, fields: Fields) -> Response {
    let date_text = fields.get("date");
    let Some(date) = parse_date(&date_text) else {
        let message =
            format!("Enter the meeting's date, like 10/9/2026 (\"{date_text}\" is not one)");
        let errors = vec![FieldError {
            field: "meeting-date",
            message,
        }];
        return show_panels(&caller, errors, None).await;
    };
    let kind = ForumKind::parse(&fields.get("forum")).unwrap_or(ForumKind::PermanencePanel);
    let made = caller
        .run(move |c| {
            app::permanence::create_meeting(&c.store, c.user(), c.clock(), kind, date, &c.from)
        })
        .await;
    match made {
        Ok(id) => Redirect::to(&format!("/panels/meetings/{id}")).into_response(),
        Err(e) => match caller.form_errors(&e, "meeting-date") {
            Ok(errors) => show_panels(&caller, errors, None).await,
            Err(page) => page,
        },
    }
}

/// A meeting: its agenda, attendance, outcomes and minutes.
pub(crate) async fn meeting_page(caller: Caller, Path(id): Path<String>) -> Response {
    show_meeting(&caller, &id, Vec::new(), None).await
}

async fn show_meeting(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let mid = id.to_owned();
    let found = caller
        .page(move |c| meeting_as(c, &mid, "view_meeting"))
        .await;
    let view = match found {
        Ok(v) => v,
        Err(page) => return page,
    };
    let d = &view.0.value.document;
    let mut sections = vec![
        meeting_summary(id, &view, caller.names(), caller.today()),
        agenda_part(&view),
    ];
    sections.extend(crate::adoption::meeting_items(caller, id).await);
    if caller.user().may(Permission::ManagePanels) {
        sections.push(attendance_part(caller, id, &view));
        sections.extend(item_minutes_part(caller, id, &view));
    }
    RecordPage {
        errors,
        success: done,
        sections,
        ..panels_page(
            format!("{} on {}", d.forum.label(), long_date(d.date)),
            &caller.signed,
        )
    }
    .respond()
}

/// A meeting as the caller may see it, the read audited as `action`.
fn meeting_as(c: &Caller, id: &str, action: &'static str) -> Result<MeetingView, app::AppError> {
    app::permanence::meeting(&c.store, c.user(), c.clock(), id, action, &c.from)
}

/// Who attended a meeting, as the summary and the minutes list them.
fn attendees(attendees: &[Attendance], names: &app::people::Names) -> Option<String> {
    (!attendees.is_empty()).then(|| {
        attendees
            .iter()
            .map(|a| format!("{} ({})", names.name(&a.person), a.seat.label()))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn meeting_summary(
    id: &str,
    (m, _, forum): &MeetingView,
    names: &app::people::Names,
    today: chrono::NaiveDate,
) -> Part {
    let d = &m.value.document;
    let quorate = is_quorate(forum, &d.attendees);
    let mut summary = part("summary", "Meeting");
    summary.rows = vec![
        ("Panel".into(), d.forum.label().into()),
        ("Date".into(), long_date(d.date)),
        ("Papers cut-off".into(), long_date(forum.cutoff_for(d.date))),
        (
            "Chair".into(),
            forum.chair_on(d.date).map_or("Not configured".into(), |c| {
                names.name(&c.person).to_owned()
            }),
        ),
        (
            "Attendance".into(),
            attendees(&d.attendees, names).unwrap_or_else(|| "Not recorded".into()),
        ),
        (
            "Quorate".into(),
            if d.attendees.is_empty() {
                "Not known yet".into()
            } else if quorate {
                "Yes".into()
            } else {
                "No: items are discussion only and must be relisted (PANEL-008)".into()
            },
        ),
        ("Minutes".into(), d.minutes_state(today)),
    ];
    summary.links.push((
        format!("/panels/meetings/{id}/minutes"),
        "Minutes (printable)".into(),
    ));
    summary
}

fn agenda_part((_, items, _): &MeetingView) -> Part {
    let mut agenda = part("agenda", "Agenda");
    agenda.table_headers = vec![
        "Item".into(),
        "Child".into(),
        "Type".into(),
        "Stage".into(),
        "Outcome".into(),
    ];
    agenda.table_rows = items
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let doc = &r.value.document;
            vec![
                Cell {
                    text: format!("{}. {}", n + 1, r.value.id),
                    href: Some(format!("/referrals/{}", r.value.id)),
                },
                cell(doc.child_id.to_string()),
                cell(doc.item.label()),
                cell(doc.stage.label()),
                cell(doc.outcome.map_or("", Outcome::label)),
            ]
        })
        .collect();
    if items.is_empty() {
        agenda.paragraphs.push("No items are listed yet.".into());
    }
    agenda
}

/// The members present on the meeting's day, the form that records who
/// attended, and approving the minutes once the meeting has happened.
fn attendance_part(caller: &Caller, id: &str, (m, _, forum): &MeetingView) -> Part {
    let d = &m.value.document;
    let action = format!("/panels/meetings/{id}");
    let version = m.version.to_string();
    let mut att = part("attendance", "Attendance");
    let mut f = button_form(
        "attendance",
        &action,
        "Save attendance",
        vec![
            ("version", version.clone()),
            ("action", "attendance".into()),
        ],
    );
    for (n, member) in members_on(forum, d.date).into_iter().enumerate() {
        let present = d.attendees.iter().any(|a| a.person == member.person);
        f.fields.push(field(
            &format!("present{n}"),
            &format!(
                "{} ({}) attended",
                caller.name(&member.person),
                member.seat.label()
            ),
            "checkbox",
            if present { "yes" } else { "" },
        ));
    }
    if f.fields.is_empty() {
        att.paragraphs
            .push("The panel has no members configured.".into());
    } else {
        att.forms.push(f);
    }
    if d.minutes_approved.is_none() && d.date <= caller.today() {
        let mut mf = button_form(
            "minutes",
            &action,
            "Approve the minutes",
            vec![("version", version), ("action", "minutes".into())],
        );
        mf.secondary = true;
        att.forms.push(mf);
    }
    att
}

/// The minute of each item, written or changed until the minutes are
/// approved (PANEL-014).
fn item_minutes_part(caller: &Caller, id: &str, (m, items, _): &MeetingView) -> Option<Part> {
    let d = &m.value.document;
    if d.minutes_approved.is_some() || d.date > caller.today() || items.is_empty() {
        return None;
    }
    let mut p = part("item-minutes", "Minutes of each item");
    p.paragraphs.push("Write each item's minute: the outcome, the reasons, and the conditions and actions with their owners and dates. The minutes can be changed until they are approved.".into());
    for (n, r) in items.iter().enumerate() {
        let mut f = button_form(
            &format!("minute{}", n + 1),
            &format!("/panels/meetings/{id}"),
            &format!("Save the minute of item {}", n + 1),
            vec![
                ("version", m.version.to_string()),
                ("action", "minute".into()),
                ("item", r.value.id.clone()),
            ],
        );
        f.secondary = true;
        f.fields.push(field(
            "minute",
            &format!("Item {}: {}", n + 1, r.value.document.item.label()),
            "textarea",
            item_minute(d, r),
        ));
        p.forms.push(f);
    }
    Some(p)
}

/// An item's minute: as written, else from the outcome recorded.
fn item_minute(
    m: &domain::permanence::panels::Meeting,
    r: &app::Versioned<app::Record<domain::permanence::referrals::Referral>>,
) -> String {
    if let Some(text) = m.item_minutes.get(&r.value.id) {
        return text.clone();
    }
    let doc = &r.value.document;
    format!(
        "Outcome: {}. Reasons: {}.",
        doc.outcome.map_or("not recorded", Outcome::label),
        opt(&doc.reasons)
    )
}

/// The panel's members on a meeting's day, in the order the form lists them.
fn members_on(forum: &Forum, date: chrono::NaiveDate) -> Vec<&Membership> {
    forum
        .members
        .iter()
        .filter(|m| m.current_on(date))
        .collect()
}

/// Records attendance or approves the minutes of a meeting.
pub(crate) async fn meeting_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let (mid, version) = (id.clone(), fields.version());
    let result = if fields.get("action") == "minute" {
        let (item, minute) = (fields.get("item"), fields.get("minute"));
        caller
            .run(move |c| {
                app::permanence::edit_item_minute(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &mid,
                    version,
                    &item,
                    &minute,
                    &c.from,
                )
            })
            .await
            .map(|_| "Minute saved.")
    } else if fields.get("action") == "minutes" {
        caller
            .run(move |c| {
                app::permanence::approve_minutes(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &mid,
                    version,
                    &c.from,
                )
            })
            .await
            .map(|_| "Minutes approved.")
    } else {
        let found = mid.clone();
        let (m, _, forum) = caller
            .page(move |c| meeting_as(c, &found, "view_meeting"))
            .await?;
        let attendees: Vec<Attendance> = members_on(&forum, m.value.document.date)
            .into_iter()
            .enumerate()
            .filter(|(n, _)| fields.ticked(&format!("present{n}")))
            .map(|(_, mm)| Attendance {
                person: mm.person.clone(),
                seat: mm.seat,
            })
            .collect();
        caller
            .run(move |c| {
                app::permanence::record_attendance(
                    &c.store,
                    c.user(),
                    c.clock(),
                    &mid,
                    version,
                    attendees,
                    &c.from,
                )
            })
            .await
            .map(|_| "Attendance saved.")
    };
    Ok(match result {
        Ok(done) => show_meeting(&caller, &id, Vec::new(), Some(done.into())).await,
        Err(e) => match caller.form_errors(&e, "attendance") {
            Ok(errors) => show_meeting(&caller, &id, errors, None).await,
            Err(page) => page,
        },
    })
}

/// A meeting's minutes, to print: each item's outcome, reasons and decision.
pub(crate) async fn minutes(caller: Caller, Path(id): Path<String>) -> Page {
    let mid = id.clone();
    let (m, items, _) = caller
        .page(move |c| meeting_as(c, &mid, "view_minutes"))
        .await?;
    let d = &m.value.document;
    let present = attendees(&d.attendees, caller.names()).unwrap_or_else(|| "not recorded".into());
    let mut paragraphs = vec![format!("Present: {present}.")];
    for (n, r) in items.iter().enumerate() {
        let doc = &r.value.document;
        paragraphs.push(format!(
            "Item {}: {} for child {}. {}{}",
            n + 1,
            doc.item.label(),
            doc.child_id,
            item_minute(d, r),
            match (&doc.adm_decision, doc.adm_agreed_at_meeting) {
                (Some(a), _) => format!(
                    " Agency decision: {} by {} on {}.",
                    if a.agreed { "agreed" } else { "not agreed" },
                    caller.names().name_and_role(&a.by),
                    long_date(a.decided_on)
                ),
                (None, true) => " Agreed by the agency decision maker at the meeting.".into(),
                (None, false) => " Awaiting the agency decision maker.".into(),
            }
        ));
    }
    Ok(render(
        StatusCode::OK,
        &LetterPage {
            chrome: Chrome::new("Minutes", Some(&caller.signed), "/panels"),
            back: format!("/panels/meetings/{id}"),
            choices: Vec::new(),
            addressee: Vec::new(),
            date: String::new(),
            reference: id.clone(),
            heading: format!(
                "Minutes of the {} on {}",
                d.forum.label(),
                long_date(d.date)
            ),
            greeting: None,
            paragraphs,
            rows: vec![("Minutes".into(), d.minutes_state(caller.today()))],
            signatory: Vec::new(),
        },
    ))
}

fn seat_code(seat: SeatRole) -> &'static str {
    match seat {
        SeatRole::Chair => "chair",
        SeatRole::ViceChair => "vice-chair",
        SeatRole::AgencyDecisionMaker => "adm",
        SeatRole::Member => "member",
        SeatRole::Adviser => "adviser",
    }
}

fn parse_seat(code: &str) -> Option<SeatRole> {
    use SeatRole::*;
    [Chair, ViceChair, AgencyDecisionMaker, Member, Adviser]
        .into_iter()
        .find(|s| seat_code(*s) == code.trim().to_lowercase())
}

/// A panel's kind from its route, or the page that says there is none.
fn forum_kind(caller: &Caller, code: &str) -> Result<ForumKind, Response> {
    ForumKind::parse(code).ok_or_else(|| {
        caller.message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no panel with that name."],
        )
    })
}

/// A panel's configuration: members and their seats, frequency, papers
/// cut-off and quorum (PANEL-007, PANEL-008, PANEL-011).
pub(crate) async fn forum_page(caller: Caller, Path(kind): Path<String>) -> Page {
    let kind = forum_kind(&caller, &kind)?;
    Ok(show_forum(&caller, kind, Vec::new(), None, None).await)
}

async fn show_forum(
    caller: &Caller,
    kind: ForumKind,
    errors: Vec<FieldError>,
    done: Option<String>,
    typed: Option<HashMap<String, String>>,
) -> Response {
    let forum = caller
        .page(move |c| app::permanence::panel_configuration(&c.store, kind))
        .await;
    let forum = match forum {
        Ok(f) => f.value,
        Err(page) => return page,
    };
    let mut sections = vec![members_part(caller, &forum)];
    if caller.user().may(Permission::ManagePanels) {
        sections.push(forum_form(kind, &forum, typed.unwrap_or_default()));
    }
    RecordPage {
        errors,
        success: done,
        sections,
        ..panels_page(format!("{} configuration", kind.label()), &caller.signed)
    }
    .respond()
}

fn members_part(caller: &Caller, forum: &Forum) -> Part {
    let mut current = part("members", "Members");
    current.rows = vec![
        (
            "Chair".into(),
            forum.chair_on(caller.today()).map_or(
                "Not configured: meetings cannot be arranged (PANEL-007)".into(),
                |c| caller.name(&c.person),
            ),
        ),
        (
            "Meetings a year".into(),
            forum.meetings_per_year.to_string(),
        ),
        (
            "Papers cut-off".into(),
            format!(
                "{} working days before the meeting",
                forum.cutoff_working_days
            ),
        ),
        (
            "Quorum".into(),
            format!(
                "Chair or vice-chair, an agency decision maker and {} other member(s)",
                forum.quorum_others
            ),
        ),
    ];
    current.table_headers = vec!["Person".into(), "Seat".into(), "From".into(), "To".into()];
    current.table_rows = forum
        .members
        .iter()
        .map(|m| {
            vec![
                cell(caller.names().name_and_id(&m.person)),
                cell(m.seat.label()),
                cell(long_date(m.from)),
                cell(m.to.map_or(String::new(), long_date)),
            ]
        })
        .collect();
    current
}

/// The configuration form, with what was typed when it is shown again.
fn forum_form(kind: ForumKind, forum: &Forum, typed: HashMap<String, String>) -> Part {
    let mut edit = part("edit", "Change the configuration");
    let value = |k: &str, default: String| typed.get(k).cloned().unwrap_or(default);
    let members = forum
        .members
        .iter()
        .map(|m| {
            format!(
                "{} | {} | {}{}",
                m.person,
                seat_code(m.seat),
                form_date(Some(m.from)),
                m.to.map_or(String::new(), |t| format!(" | {}", form_date(Some(t))))
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut f = button_form(
        "forum",
        &format!("/panels/config/{}", kind.code()),
        "Save the configuration",
        vec![],
    );
    f.fields.push(FieldSpec {
        hint: Some("One member per line: person | seat | from | to (to may be left out). Seats: chair, vice-chair, adm, member, adviser. For example: head-of-service.demo | chair | 01/04/2026".into()),
        ..field("members", "Members", "textarea", value("members", members))
    });
    f.fields.push(field(
        "meetings_per_year",
        "Meetings a year",
        "text",
        value("meetings_per_year", forum.meetings_per_year.to_string()),
    ));
    f.fields.push(field(
        "cutoff",
        "Papers cut-off (working days before the meeting)",
        "text",
        value("cutoff", forum.cutoff_working_days.to_string()),
    ));
    f.fields.push(field(
        "quorum_others",
        "Members needed besides the chair and the agency decision maker",
        "text",
        value("quorum_others", forum.quorum_others.to_string()),
    ));
    edit.forms.push(f);
    edit
}

/// Saves a panel's configuration.
pub(crate) async fn forum_post(
    caller: Caller,
    Path(kind_code): Path<String>,
    fields: Fields,
) -> Page {
    let kind = forum_kind(&caller, &kind_code)?;
    let forum = match read_forum(kind, &fields) {
        Ok(forum) => forum,
        Err(errors) => return Ok(show_forum(&caller, kind, errors, None, Some(fields.0)).await),
    };
    let saved = caller
        .run(move |c| {
            app::permanence::configure_panel(&c.store, c.user(), c.clock(), &forum, &c.from)
        })
        .await;
    Ok(match saved {
        Ok(()) => {
            show_forum(
                &caller,
                kind,
                Vec::new(),
                Some("Configuration saved.".into()),
                None,
            )
            .await
        }
        Err(e) => match caller.form_errors(&e, "forum-members") {
            Ok(errors) => show_forum(&caller, kind, errors, None, Some(HashMap::new())).await,
            Err(page) => page,
        },
    })
}

/// Reads the configuration form, or the errors naming each field.
fn read_forum(kind: ForumKind, fields: &Fields) -> Result<Forum, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut forum = Forum::with_defaults(kind);
    for (n, line) in fields
        .get("members")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        match read_member(line) {
            Some(m) => forum.members.push(m),
            None => errors.push(FieldError { field: "forum-members", message: format!("Members, line {}: write person | seat | from | to, with a seat of chair, vice-chair, adm, member or adviser and real dates", n + 1) }),
        }
    }
    let mut number = |k: &str, field: &'static str, label: &str, lo: u32, hi: u32| -> u32 {
        match fields.get(k).parse::<u32>() {
            Ok(v) if (lo..=hi).contains(&v) => v,
            _ => {
                errors.push(FieldError {
                    field,
                    message: format!("{label} must be a whole number from {lo} to {hi}"),
                });
                0
            }
        }
    };
    forum.meetings_per_year = number(
        "meetings_per_year",
        "forum-meetings_per_year",
        "Meetings a year",
        1,
        52,
    );
    forum.cutoff_working_days = number("cutoff", "forum-cutoff", "The papers cut-off", 0, 40);
    forum.quorum_others = number(
        "quorum_others",
        "forum-quorum_others",
        "The members needed for quorum",
        0,
        20,
    );
    if errors.is_empty() {
        Ok(forum)
    } else {
        Err(errors)
    }
}

/// One member's line: person | seat | from | to (to may be left out).
fn read_member(line: &str) -> Option<Membership> {
    let parts: Vec<&str> = line.split('|').map(str::trim).collect();
    let [person, seat, start, rest @ ..] = parts.as_slice() else {
        return None;
    };
    if person.is_empty() || rest.len() > 1 {
        return None;
    }
    let (seat, from) = (parse_seat(seat)?, parse_date(start)?);
    let to = match rest.first() {
        None => None,
        Some(t) => Some(parse_date(t).filter(|to| *to >= from)?),
    };
    Some(Membership {
        person: (*person).into(),
        seat,
        from,
        to,
    })
}
