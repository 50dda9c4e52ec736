//! The team around the child (ROLE-011): `/children/{id}/team` lists who is
//! in it now and who was, says what a plan still needs of it (an IRO, a
//! carer), and for those who work on plans adds a person or records that one
//! left.

use app::permanence::{TeamChange, TeamView};
use axum::extract::Path;
use axum::response::Response;
use domain::access::Permission;
use domain::permanence::team::{NewMember, TeamMember, TeamRole};

use super::child_of;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Chrome, FieldError, FieldSpec, Part, RecordPage, button_form, cell, field, form_date,
    long_date, part, select,
};

/// The child's team page.
pub(crate) async fn team_page(caller: Caller, Path(id): Path<String>) -> Response {
    show_team(&caller, &id, Vec::new(), None).await
}

/// The key people of the child's team for the child's record: their IRO
/// and carers by name (the allocated social worker is among the details).
pub(crate) async fn key_people(
    caller: &Caller,
    child: domain::child::ChildId,
) -> Result<Vec<(&'static str, String)>, Response> {
    let team = caller
        .page(move |c| app::permanence::team_of_child(&c.store, c.user(), &child))
        .await?;
    let today = caller.today();
    let named = |role: TeamRole| {
        let names: Vec<String> = team
            .current(today)
            .into_iter()
            .filter(|m| m.role == role)
            .map(|m| member_name(caller, m))
            .collect();
        if names.is_empty() {
            "Not recorded".to_owned()
        } else {
            names.join(", ")
        }
    };
    Ok(vec![
        ("IRO", named(TeamRole::Iro)),
        ("Carers", named(TeamRole::Carer)),
    ])
}

/// A member's name as pages show it: a user's name, or the name recorded.
pub(crate) fn member_name(caller: &Caller, m: &TeamMember) -> String {
    m.user
        .as_deref()
        .map_or_else(|| m.name.clone(), |u| caller.name(u))
}

async fn show_team(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let child = match child_of(caller, id) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let view = caller
        .page(move |c| {
            app::permanence::team_around_child(&c.store, c.user(), c.clock(), &child, &c.from)
        })
        .await;
    let view = match view {
        Ok(v) => v,
        Err(page) => return page,
    };
    let action = format!("/children/{id}/team");
    let may = caller.user().may(Permission::WorkOnPlans);
    let mut sections = vec![current_part(caller, &view, &action, may)];
    if may {
        sections.push(add_part(caller, &action, view.version));
    }
    let past: Vec<&TeamMember> = view
        .team
        .members
        .iter()
        .filter(|m| m.until.is_some_and(|u| u <= caller.today()))
        .collect();
    if !past.is_empty() {
        let mut p = part("past", "Who was in the team");
        p.table_headers = ["Part", "Name", "From", "Until", "Why they left"]
            .map(String::from)
            .to_vec();
        p.table_rows = past
            .iter()
            .map(|m| {
                vec![
                    cell(m.role.label()),
                    cell(member_name(caller, m)),
                    cell(long_date(m.from)),
                    cell(m.until.map(long_date).unwrap_or_default()),
                    cell(m.left_because.clone().unwrap_or_default()),
                ]
            })
            .collect();
        sections.push(p);
    }
    RecordPage {
        back: Some((format!("/children/{id}"), "Back to the child".into())),
        caption: Some(format!("Child {id}")),
        errors,
        notices: view
            .missing
            .iter()
            .map(|m| format!("A plan cannot be ratified yet: {m}."))
            .collect(),
        success: done,
        sections,
        ..RecordPage::new(Chrome::new(
            "Team around the child",
            Some(&caller.signed),
            "/",
        ))
    }
    .respond()
}

/// The people in the team today, each with a form to record that they left.
fn current_part(caller: &Caller, view: &TeamView, action: &str, may: bool) -> Part {
    let mut p = part("current", "The team around the child");
    p.rules.push((
        "ROLE-011".into(),
        "The child's record holds the team around the child with named people and roles; a plan is not ratified without an IRO and a carer.".into(),
    ));
    let current = view.team.current(caller.today());
    if current.is_empty() {
        p.paragraphs
            .push("Nobody is recorded in the team yet.".into());
        return p;
    }
    p.table_headers = ["Part", "Name", "How to reach them", "Since"]
        .map(String::from)
        .to_vec();
    p.table_rows = current
        .iter()
        .map(|m| {
            vec![
                cell(m.role.label()),
                cell(member_name(caller, m)),
                cell(m.contact.clone()),
                cell(long_date(m.from)),
            ]
        })
        .collect();
    if may {
        for m in current {
            let mut f = button_form(
                &format!("leave-{}", m.id),
                action,
                &format!("Record that {} left the team", member_name(caller, m)),
                vec![
                    ("version", view.version.to_string()),
                    ("action", "end".into()),
                    ("member", m.id.to_string()),
                ],
            );
            f.secondary = true;
            f.fields.push(FieldSpec {
                hint: Some("For example, 7/7/2025.".into()),
                ..field(
                    "on",
                    "Date they left",
                    "date",
                    form_date(Some(caller.today())),
                )
            });
            f.fields.push(field("reason", "Why they left", "text", ""));
            p.forms.push(f);
        }
    }
    p
}

/// The form adding a person to the team.
fn add_part(caller: &Caller, action: &str, version: i64) -> Part {
    let mut p = part("add", "Add a person to the team");
    let mut f = button_form(
        "add",
        action,
        "Add to the team",
        vec![("version", version.to_string()), ("action", "add".into())],
    );
    f.fields.push(select(
        "role",
        "Their part in the team",
        TeamRole::Carer.code(),
        TeamRole::ALL
            .into_iter()
            .map(|r| (r.code().to_owned(), r.label().to_owned()))
            .collect(),
    ));
    let mut staff = vec![(String::new(), "Not council staff".to_owned())];
    for role in TeamRole::ALL {
        if let Some(held_by) = role.staff_role() {
            for user in caller.names().all_holders(held_by) {
                staff.push((
                    user.to_owned(),
                    format!("{} ({})", caller.name(user), role.label()),
                ));
            }
        }
    }
    f.fields.push(FieldSpec {
        hint: Some("For an IRO, a supervising social worker or a team manager.".into()),
        ..select("user", "Council staff member", "", staff)
    });
    f.fields.push(FieldSpec {
        hint: Some("For a carer, a school or health contact, an advocate.".into()),
        ..field("name", "Name", "text", "")
    });
    f.fields.push(FieldSpec {
        hint: Some("A telephone number, an email or their organisation.".into()),
        ..field("contact", "How to reach them (optional)", "text", "")
    });
    f.fields.push(FieldSpec {
        hint: Some("For example, 7/7/2025.".into()),
        ..field(
            "from",
            "In the team from",
            "date",
            form_date(Some(caller.today())),
        )
    });
    p.forms.push(f);
    p
}

/// Adds a person to the team or records that one left.
pub(crate) async fn team_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let child = child_of(&caller, &id)?;
    let adding = fields.get("action") != "end";
    // A leaving form's error goes to the team's table, above its forms.
    let (date_field, error_field) = if adding {
        ("from", "add-from")
    } else {
        ("on", "current")
    };
    let on = match fields.date(date_field) {
        Ok(Some(on)) => on,
        Ok(None) => {
            let e = FieldError {
                field: error_field,
                message: "Enter the date".into(),
            };
            return Ok(show_team(&caller, &id, vec![e], None).await);
        }
        Err(message) => {
            let e = FieldError {
                field: error_field,
                message,
            };
            return Ok(show_team(&caller, &id, vec![e], None).await);
        }
    };
    let change = if adding {
        let Some(role) = TeamRole::from_code(&fields.get("role")) else {
            let e = FieldError {
                field: "add-role",
                message: "Choose their part in the team".into(),
            };
            return Ok(show_team(&caller, &id, vec![e], None).await);
        };
        let user = Some(fields.get("user")).filter(|u| !u.is_empty());
        TeamChange::Add(NewMember {
            role,
            user: if role.is_staff() { user } else { None },
            name: fields.get("name"),
            contact: fields.get("contact"),
            from: on,
        })
    } else {
        TeamChange::End {
            member: fields.get("member").parse().unwrap_or(0),
            on,
            reason: fields.get("reason"),
        }
    };
    let version = fields.version();
    let result = caller
        .run(move |c| {
            app::permanence::change_team(
                &c.store,
                c.user(),
                c.clock(),
                &child,
                version,
                change,
                &c.from,
            )
        })
        .await;
    Ok(match result {
        Ok(_) => {
            let done = if adding {
                "The person is added to the team."
            } else {
                "The person has left the team."
            };
            show_team(&caller, &id, Vec::new(), Some(done.into())).await
        }
        Err(e) => {
            let field = if adding { "add-name" } else { error_field };
            show_team(&caller, &id, caller.form_errors(&e, field)?, None).await
        }
    })
}
