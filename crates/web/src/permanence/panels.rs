//! The panels area: meetings past and to come, a meeting with its agenda,
//! attendance and printable minutes, and a panel's configuration.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::Permission;
use domain::permanence::panels::{Attendance, ForumKind};
use domain::permanence::referrals::Outcome;
use domain::permanence::workflow;

use crate::AppState;
use crate::handler::*;
use crate::session::Signed;
use crate::ui::*;

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
pub(crate) async fn panels(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
) -> Response {
    show_panels(&state, &signed, Vec::new(), None).await
}

pub(crate) async fn show_panels(
    state: &AppState,
    signed: &Signed,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let store = state.store.clone();
    let referral_store = state.store.clone();
    let list = blocking(move || {
        let meetings = app::permanence::meetings(&store)?;
        let waiting = referral_store.read(|tx| {
            store::PermanenceRepository::records::<domain::permanence::referrals::Referral>(
                tx,
                store::RecordKind::Referral,
                Some(&["created", "pack", "endorsed"]),
            )
        })?;
        Ok::<_, app::AppError>((meetings, waiting))
    })
    .await;
    let (meetings, waiting) = match list {
        Ok(v) => v,
        Err(e) => {
            return failure(&e, signed).unwrap_or_else(|| {
                message(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Sorry, there is a problem with the service",
                    &[],
                    Some(signed),
                )
            });
        }
    };
    let today = state.clock.today();
    let mut sections = Vec::new();
    let mut upcoming = part("meetings", "Meetings");
    upcoming.table_headers = vec![
        "Meeting".into(),
        "Date".into(),
        "Items".into(),
        "Minutes".into(),
    ];
    upcoming.table_rows = meetings
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
                cell(match (d.minutes_approved, d.date > today) {
                    (Some(a), _) => format!("Approved {}", long_date(a)),
                    (None, true) => "To come".into(),
                    (None, false) => "Not approved".into(),
                }),
            ]
        })
        .collect();
    if signed.user.may(Permission::ManagePanels) {
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
    sections.push(upcoming);
    let mut queue = part("waiting", "Referrals not yet listed");
    queue.table_headers = vec![
        "Referral".into(),
        "Child".into(),
        "Item".into(),
        "Stage".into(),
        "List by".into(),
        "Papers missing".into(),
    ];
    queue.table_rows = waiting
        .iter()
        .map(|r| {
            let d = &r.value.document;
            vec![
                Cell {
                    text: r.value.id.clone(),
                    href: Some(format!("/referrals/{}", r.value.id)),
                },
                cell(d.child_id.clone()),
                cell(d.item.label()),
                cell(workflow::PERM_PANEL.label(&d.stage)),
                cell(date_text(d.list_by)),
                cell(d.missing_papers().len().to_string()),
            ]
        })
        .collect();
    sections.push(queue);
    RecordPage {
        chrome: Chrome::new("Panels", Some(signed), "/panels"),
        back: None,
        caption: None,
        status: None,
        errors,
        notices: Vec::new(),
        success: done,
        sections,
    }
    .respond()
}

/// Arranges a meeting.
pub(crate) async fn create_meeting(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let date_text = form
        .get("date")
        .map(|v| v.trim().to_owned())
        .unwrap_or_default();
    let Some(date) = parse_date(&date_text) else {
        return show_panels(
            &state,
            &signed,
            vec![FieldError {
                field: "meeting-date",
                message: format!(
                    "Enter the meeting's date, like 10/9/2026 (\"{date_text}\" is not one)"
                ),
            }],
            None,
        )
        .await;
    };
    let kind = form
        .get("forum")
        .and_then(|f| ForumKind::parse(f))
        .unwrap_or(ForumKind::PermanencePanel);
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let made = blocking(move || {
        app::permanence::create_meeting(&store, &user, clock.as_ref(), kind, date, &from)
    })
    .await;
    match made {
        Ok(id) => Redirect::to(&format!("/panels/meetings/{id}")).into_response(),
        Err(e) => match failure(&e, &signed) {
            Some(r) => r,
            None => {
                show_panels(
                    &state,
                    &signed,
                    vec![FieldError {
                        field: "meeting-date",
                        message: e.to_string(),
                    }],
                    None,
                )
                .await
            }
        },
    }
}

/// A meeting: its agenda, attendance, outcomes and minutes.
pub(crate) async fn meeting_page(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
) -> Response {
    show_meeting(&state, &signed, &id, Vec::new(), None).await
}

pub(crate) async fn show_meeting(
    state: &AppState,
    signed: &Signed,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let store = state.store.clone();
    let mid = id.to_owned();
    let found = blocking(move || app::permanence::meeting(&store, &mid)).await;
    let (m, items, forum) = match found {
        Ok(v) => v,
        Err(e) => {
            return message(
                StatusCode::NOT_FOUND,
                "Page not found",
                &[&e.to_string()],
                Some(signed),
            );
        }
    };
    let d = &m.value.document;
    let action = format!("/panels/meetings/{id}");
    let version = m.version.to_string();
    let quorate = domain::permanence::panels::is_quorate(&forum, &d.attendees);
    let mut sections = Vec::new();
    let mut summary = part("summary", "Meeting");
    summary.rows = vec![
        ("Panel".into(), d.forum.label().into()),
        ("Date".into(), long_date(d.date)),
        ("Papers cut-off".into(), long_date(forum.cutoff_for(d.date))),
        (
            "Chair".into(),
            forum
                .chair_on(d.date)
                .map_or("Not configured".into(), |c| c.person.clone()),
        ),
        (
            "Attendance".into(),
            if d.attendees.is_empty() {
                "Not recorded".into()
            } else {
                d.attendees
                    .iter()
                    .map(|a| format!("{} ({})", a.person, a.seat.label()))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
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
        (
            "Minutes".into(),
            d.minutes_approved.map_or("Not approved".into(), |a| {
                format!("Approved {}", long_date(a))
            }),
        ),
    ];
    summary.links.push((
        format!("/panels/meetings/{id}/minutes"),
        "Minutes (printable)".into(),
    ));
    sections.push(summary);
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
                cell(doc.child_id.clone()),
                cell(doc.item.label()),
                cell(workflow::PERM_PANEL.label(&doc.stage)),
                cell(doc.outcome.map_or("", Outcome::label)),
            ]
        })
        .collect();
    if items.is_empty() {
        agenda.paragraphs.push("No items are listed yet.".into());
    }
    sections.push(agenda);
    if signed.user.may(Permission::ManagePanels) {
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
        for (n, member) in forum
            .members
            .iter()
            .filter(|mm| mm.current_on(d.date))
            .enumerate()
        {
            let present = d.attendees.iter().any(|a| a.person == member.person);
            f.fields.push(field(
                &format!("present{n}"),
                &format!("{} ({}) attended", member.person, member.seat.label()),
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
        if d.minutes_approved.is_none() && d.date <= state.clock.today() {
            let mut mf = button_form(
                "minutes",
                &action,
                "Approve the minutes",
                vec![("version", version.clone()), ("action", "minutes".into())],
            );
            mf.secondary = true;
            att.forms.push(mf);
        }
        sections.push(att);
    }
    RecordPage {
        errors,
        success: done,
        sections,
        ..panels_page(
            format!("{} on {}", d.forum.label(), long_date(d.date)),
            signed,
        )
    }
    .respond()
}

/// Records attendance or approves the minutes of a meeting.
pub(crate) async fn meeting_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let version: i64 = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(-1);
    let store = state.store.clone();
    let clock = state.clock.clone();
    let user = signed.user.clone();
    let mid = id.clone();
    let action = form.get("action").cloned().unwrap_or_default();
    let result = if action == "minutes" {
        blocking(move || {
            app::permanence::approve_minutes(&store, &user, clock.as_ref(), &mid, version, &from)
        })
        .await
        .map(|_| "Minutes approved.")
    } else {
        let found = {
            let store = store.clone();
            let mid = mid.clone();
            blocking(move || app::permanence::meeting(&store, &mid)).await
        };
        let (m, _, forum) = match found {
            Ok(v) => v,
            Err(e) => {
                return message(
                    StatusCode::NOT_FOUND,
                    "Page not found",
                    &[&e.to_string()],
                    Some(&signed),
                );
            }
        };
        let attendees: Vec<Attendance> = forum
            .members
            .iter()
            .filter(|mm| mm.current_on(m.value.document.date))
            .enumerate()
            .filter(|(n, _)| form.get(&format!("present{n}")).is_some_and(|v| v == "yes"))
            .map(|(_, mm)| Attendance {
                person: mm.person.clone(),
                seat: mm.seat,
            })
            .collect();
        blocking(move || {
            app::permanence::record_attendance(
                &store,
                &user,
                clock.as_ref(),
                &mid,
                version,
                attendees,
                &from,
            )
        })
        .await
        .map(|_| "Attendance saved.")
    };
    match result {
        Ok(done) => show_meeting(&state, &signed, &id, Vec::new(), Some(done.into())).await,
        Err(e) => match failure(&e, &signed) {
            Some(r) => r,
            None => {
                show_meeting(
                    &state,
                    &signed,
                    &id,
                    vec![FieldError {
                        field: "attendance",
                        message: e.to_string(),
                    }],
                    None,
                )
                .await
            }
        },
    }
}

/// A meeting's minutes, to print: each item's outcome, reasons and decision.
pub(crate) async fn minutes(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(id): Path<String>,
) -> Response {
    let store = state.store.clone();
    let mid = id.clone();
    let found = blocking(move || app::permanence::meeting(&store, &mid)).await;
    let (m, items, _) = match found {
        Ok(v) => v,
        Err(e) => {
            return message(
                StatusCode::NOT_FOUND,
                "Page not found",
                &[&e.to_string()],
                Some(&signed),
            );
        }
    };
    let d = &m.value.document;
    let mut paragraphs = vec![format!(
        "Present: {}.",
        if d.attendees.is_empty() {
            "not recorded".to_owned()
        } else {
            d.attendees
                .iter()
                .map(|a| format!("{} ({})", a.person, a.seat.label()))
                .collect::<Vec<_>>()
                .join(", ")
        }
    )];
    for (n, r) in items.iter().enumerate() {
        let doc = &r.value.document;
        paragraphs.push(format!(
            "Item {}: {} for child {}. Outcome: {}. Reasons: {}.{}",
            n + 1,
            doc.item.label(),
            doc.child_id,
            doc.outcome.map_or("not recorded", Outcome::label),
            opt(&doc.reasons),
            match (&doc.adm_decision, doc.adm_agreed_at_meeting) {
                (Some(a), _) => format!(
                    " Agency decision: {} on {}.",
                    if a.agreed { "agreed" } else { "not agreed" },
                    long_date(a.decided_on)
                ),
                (None, true) => " Agreed by the agency decision maker at the meeting.".into(),
                (None, false) => " Awaiting the agency decision maker.".into(),
            }
        ));
    }
    render(
        StatusCode::OK,
        &LetterPage {
            chrome: Chrome::new("Minutes", Some(&signed), "/panels"),
            back: format!("/panels/meetings/{id}"),
            heading: format!(
                "Minutes of the {} on {}",
                d.forum.label(),
                long_date(d.date)
            ),
            paragraphs,
            rows: vec![("Minutes approved".into(), date_text(d.minutes_approved))],
        },
    )
}

pub(crate) fn seat_code(seat: domain::permanence::panels::SeatRole) -> &'static str {
    use domain::permanence::panels::SeatRole::*;
    match seat {
        Chair => "chair",
        ViceChair => "vice-chair",
        AgencyDecisionMaker => "adm",
        Member => "member",
        Adviser => "adviser",
    }
}

pub(crate) fn parse_seat(code: &str) -> Option<domain::permanence::panels::SeatRole> {
    use domain::permanence::panels::SeatRole::*;
    [Chair, ViceChair, AgencyDecisionMaker, Member, Adviser]
        .into_iter()
        .find(|s| seat_code(*s) == code.trim().to_lowercase())
}

/// A panel's configuration: members and their seats, frequency, papers
/// cut-off and quorum (PANEL-007, PANEL-008, PANEL-011).
pub(crate) async fn forum_page(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(kind): Path<String>,
) -> Response {
    show_forum(&state, &signed, &kind, Vec::new(), None, None).await
}

pub(crate) async fn show_forum(
    state: &AppState,
    signed: &Signed,
    kind: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
    typed: Option<HashMap<String, String>>,
) -> Response {
    let Some(kind) = ForumKind::parse(kind) else {
        return message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no panel with that name."],
            Some(signed),
        );
    };
    let store = state.store.clone();
    let forum = blocking(move || store.read(|tx| app::permanence::forum(tx, kind))).await;
    let forum = match forum {
        Ok(f) => f.value,
        Err(e) => {
            return message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service",
                &[&e.to_string()],
                Some(signed),
            );
        }
    };
    let today = state.clock.today();
    let mut sections = Vec::new();
    let mut current = part("members", "Members");
    current.rows = vec![
        (
            "Chair".into(),
            forum.chair_on(today).map_or(
                "Not configured: meetings cannot be arranged (PANEL-007)".into(),
                |c| c.person.clone(),
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
                cell(m.person.clone()),
                cell(m.seat.label()),
                cell(long_date(m.from)),
                cell(m.to.map_or(String::new(), long_date)),
            ]
        })
        .collect();
    sections.push(current);
    if signed.user.may(Permission::ManagePanels) {
        let mut edit = part("edit", "Change the configuration");
        let typed = typed.unwrap_or_default();
        let value = |k: &str, default: String| typed.get(k).cloned().unwrap_or(default);
        let mut f = button_form(
            "forum",
            &format!("/panels/config/{}", kind.code()),
            "Save the configuration",
            vec![],
        );
        f.fields.push(FieldSpec {
            hint: Some("One member per line: person | seat | from | to (to may be left out). Seats: chair, vice-chair, adm, member, adviser. For example: head-of-service.demo | chair | 01/04/2026".into()),
            ..field("members", "Members", "textarea", value("members", forum.members.iter().map(|m| format!("{} | {} | {}{}", m.person, seat_code(m.seat), form_date(Some(m.from)), m.to.map_or(String::new(), |t| format!(" | {}", form_date(Some(t)))))).collect::<Vec<_>>().join("\n")))
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
        sections.push(edit);
    }
    RecordPage {
        errors,
        success: done,
        sections,
        ..panels_page(format!("{} configuration", kind.label()), signed)
    }
    .respond()
}

/// Saves a panel's configuration.
pub(crate) async fn forum_post(
    State(state): State<AppState>,
    Extension(signed): Extension<Signed>,
    Path(kind_code): Path<String>,
    req: Request,
) -> Response {
    let (form, from) = match read_form(&state, &signed, req).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(kind) = ForumKind::parse(&kind_code) else {
        return message(
            StatusCode::NOT_FOUND,
            "Page not found",
            &["There is no panel with that name."],
            Some(&signed),
        );
    };
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let mut errors = Vec::new();
    let mut forum = domain::permanence::panels::Forum::with_defaults(kind);
    for (n, line) in get("members")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let member = match parts.as_slice() {
            [person, seat, start, rest @ ..] if !person.is_empty() && rest.len() <= 1 => {
                match (
                    parse_seat(seat),
                    parse_date(start),
                    rest.first().map(|t| parse_date(t)),
                ) {
                    (Some(seat), Some(from), None) => {
                        Some(domain::permanence::panels::Membership {
                            person: (*person).into(),
                            seat,
                            from,
                            to: None,
                        })
                    }
                    (Some(seat), Some(from), Some(Some(to))) if to >= from => {
                        Some(domain::permanence::panels::Membership {
                            person: (*person).into(),
                            seat,
                            from,
                            to: Some(to),
                        })
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match member {
            Some(m) => forum.members.push(m),
            None => errors.push(FieldError { field: "forum-members", message: format!("Members, line {}: write person | seat | from | to, with a seat of chair, vice-chair, adm, member or adviser and real dates", n + 1) }),
        }
    }
    let number =
        |k: &'static str, label: &str, lo: u32, hi: u32, errors: &mut Vec<FieldError>| -> u32 {
            match get(k).parse::<u32>() {
                Ok(v) if (lo..=hi).contains(&v) => v,
                _ => {
                    errors.push(FieldError {
                        field: match k {
                            "meetings_per_year" => "forum-meetings_per_year",
                            "cutoff" => "forum-cutoff",
                            _ => "forum-quorum_others",
                        },
                        message: format!("{label} must be a whole number from {lo} to {hi}"),
                    });
                    0
                }
            }
        };
    forum.meetings_per_year = number("meetings_per_year", "Meetings a year", 1, 52, &mut errors);
    forum.cutoff_working_days = number("cutoff", "The papers cut-off", 0, 40, &mut errors);
    forum.quorum_others = number(
        "quorum_others",
        "The members needed for quorum",
        0,
        20,
        &mut errors,
    );
    if !errors.is_empty() {
        return show_forum(&state, &signed, &kind_code, errors, None, Some(form)).await;
    }
    let store = state.store.clone();
    let clock = state.clock.clone();
    let actor = domain::audit::Actor::new(signed.user.username.clone()).from_address(from);
    let saved =
        blocking(move || app::permanence::configure_forum(&store, &actor, clock.as_ref(), &forum))
            .await;
    match saved {
        Ok(()) => {
            show_forum(
                &state,
                &signed,
                &kind_code,
                Vec::new(),
                Some("Configuration saved.".into()),
                None,
            )
            .await
        }
        Err(e) => {
            show_forum(
                &state,
                &signed,
                &kind_code,
                vec![FieldError {
                    field: "forum-members",
                    message: e.to_string(),
                }],
                None,
                Some(HashMap::new()),
            )
            .await
        }
    }
}
