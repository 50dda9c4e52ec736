//! A household's record page (members, roles with their steps, checks with
//! expiry, children linked, deadlines, timeline), what its forms post, and
//! adding a household.

use app::households::{HouseholdView, NewCheck, NewHousehold};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::Permission;
use domain::households::CARER_TEAMS;
use domain::households::checks::CheckKind;
use domain::households::household::LinkKind;
use domain::households::lifecycle::RoleKind;
use domain::households::person::{NewPerson, RecordingBasis};

use super::lifecycle::roles_part;
use crate::handler::{Caller, Fields, Page};
use crate::ui::{
    Cell, Chrome, FieldError, FormSpec, Part, RecordPage, button_form, cell, field, form_date,
    long_date, opt_date, part, select,
};

/// A page of the households area, back to the list.
fn households_page(title: String, caller: &Caller) -> RecordPage {
    RecordPage {
        chrome: Chrome::new(title, Some(&caller.signed), "/households"),
        back: Some(("/households".into(), "Back to households".into())),
        caption: None,
        status: None,
        errors: Vec::new(),
        notices: Vec::new(),
        success: None,
        sections: Vec::new(),
    }
}

/// The household's record page.
pub(crate) async fn household_page(caller: Caller, Path(id): Path<String>) -> Response {
    show_household(&caller, &id, Vec::new(), None).await
}

pub(crate) async fn show_household(
    caller: &Caller,
    id: &str,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Response {
    let hid = id.to_owned();
    let view = match caller
        .page(move |c| {
            app::households::open_household(&c.store, c.user(), c.clock(), &hid, &c.from)
        })
        .await
    {
        Ok(v) => v,
        Err(page) => return page,
    };
    let h = &view.household.value;
    let works = caller.user().may(Permission::WorkOnHouseholds);
    let mut sections = vec![summary_part(&view)];
    sections.push(roles_part(caller, &view, works));
    sections.extend(crate::fostering::kinship::kinship_part(
        caller, &view, works,
    ));
    sections.extend(
        crate::fostering::special_guardianship::special_guardianship_part(caller, &view, works),
    );
    sections.extend(crate::leavers::hosting_part(caller, &view, works));
    sections.push(members_part(&view, works));
    sections.push(checks_part(caller, &view, works));
    sections.push(children_part(&view, works, caller.today()));
    sections.push(super::tasks_part(&view, works, caller.today()));
    sections.push(deadlines_part(h, &view.deadlines));
    sections.push(timeline_part(&view));
    RecordPage {
        caption: Some(h.id.clone()),
        errors,
        success: done,
        sections,
        ..households_page(h.name.clone(), caller)
    }
    .respond()
}

fn summary_part(view: &HouseholdView) -> Part {
    let h = &view.household.value;
    let mut p = part("summary", "Household");
    p.rows = vec![
        ("Team".into(), h.team.clone()),
        (
            "Worker".into(),
            h.worker.clone().unwrap_or_else(|| "Not allocated".into()),
        ),
        (
            "Address".into(),
            h.addresses.last().map_or("Not recorded".into(), |a| {
                format!("{}, {}", a.line, a.postcode)
            }),
        ),
    ];
    p.items = h
        .addresses
        .iter()
        .rev()
        .skip(1)
        .map(|a| {
            format!(
                "Earlier: {}, {} (from {})",
                a.line,
                a.postcode,
                long_date(a.from)
            )
        })
        .collect();
    if h.roles.iter().any(|r| {
        r.is_open() && domain::passport::entitlements::FamilyType::of_role(r.kind).is_some()
    }) {
        p.links.push((
            format!("/households/{}/passport", h.id),
            "Permanence Passport".into(),
        ));
    }
    p
}

/// The form posted to the household's page, with its version.
pub(crate) fn household_form(
    view: &HouseholdView,
    id: &str,
    action: &str,
    button: &str,
) -> FormSpec {
    let h = &view.household;
    button_form(
        id,
        &format!("/households/{}", h.value.id),
        button,
        vec![
            ("version", h.version.to_string()),
            ("action", action.to_owned()),
        ],
    )
}

fn members_part(view: &HouseholdView, works: bool) -> Part {
    let mut p = part("members", "Members");
    p.table_headers = vec![
        "Name".into(),
        "Relationship".into(),
        "Date of birth".into(),
        "Contact".into(),
        "Languages".into(),
        "Held on the basis of".into(),
    ];
    p.table_rows = view
        .household
        .value
        .members
        .iter()
        .map(|m| {
            let contact = [m.phone.clone(), m.email.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                cell(m.name.clone()),
                cell(m.relationship.clone()),
                cell(opt_date(m.date_of_birth)),
                cell(contact),
                cell(m.languages.join(", ")),
                cell(m.basis.label()),
            ]
        })
        .collect();
    if works {
        let mut f = household_form(view, "member", "member", "Add the member");
        f.legend = Some("Add a member".into());
        f.fields = vec![
            field("name", "Full name", "text", ""),
            field("relationship", "Relationship to the household", "text", ""),
            field("date_of_birth", "Date of birth", "date", ""),
            field("phone", "Telephone (optional)", "text", ""),
            field("email", "Email (optional)", "text", ""),
            field(
                "languages",
                "Languages spoken (separate with commas)",
                "text",
                "",
            ),
            select(
                "basis",
                "Held on the basis of",
                "statutory_duty",
                RecordingBasis::ALL
                    .iter()
                    .map(|b| (b.code().to_owned(), b.label().to_owned()))
                    .collect(),
            ),
        ];
        p.forms.push(f);
    }
    p
}

fn checks_part(caller: &Caller, view: &HouseholdView, works: bool) -> Part {
    let h = &view.household.value;
    let mut p = part("checks", "Checks");
    p.table_headers = vec![
        "Member".into(),
        "Check".into(),
        "Done".into(),
        "Expires".into(),
        "Status".into(),
    ];
    p.table_rows = h
        .current_checks(caller.today())
        .iter()
        .map(|r| {
            vec![
                cell(r.person.name.clone()),
                cell(r.check.kind.label()),
                cell(long_date(r.check.done)),
                cell(opt_date(r.check.expires)),
                cell(r.standing.label()),
            ]
        })
        .collect();
    if h.checks.is_empty() {
        p.paragraphs.push("No checks are recorded yet.".into());
    }
    if works && !h.members.is_empty() {
        let mut f = household_form(view, "check", "check", "Record the check");
        f.legend = Some("Record a check".into());
        f.fields = vec![
            select(
                "person",
                "Member",
                "",
                h.members
                    .iter()
                    .map(|m| (m.id.clone(), m.name.clone()))
                    .collect(),
            ),
            select(
                "kind",
                "Check",
                "dbs",
                CheckKind::ALL
                    .iter()
                    .map(|k| (k.code().to_owned(), k.label().to_owned()))
                    .collect(),
            ),
            field("done", "Date done", "date", form_date(Some(caller.today()))),
            field("expires", "Expiry date", "date", ""),
        ];
        p.forms.push(f);
    }
    p
}

fn children_part(view: &HouseholdView, works: bool, today: chrono::NaiveDate) -> Part {
    let mut p = part("children", "Children linked");
    p.table_headers = vec!["Child".into(), "Link".into(), "From".into()];
    p.table_rows = view
        .household
        .value
        .links
        .iter()
        .map(|l| {
            vec![
                Cell {
                    text: l.child_id.clone(),
                    href: Some(format!("/children/{}", l.child_id)),
                },
                cell(l.kind.label()),
                cell(long_date(l.from)),
            ]
        })
        .collect();
    if works {
        let mut f = household_form(view, "link", "link", "Link the child");
        f.legend = Some("Link a child".into());
        f.fields = vec![
            field("child", "Child's identifier", "text", ""),
            select(
                "link",
                "How the child is linked",
                "placed_with",
                LinkKind::ALL
                    .iter()
                    .map(|k| (k.code().to_owned(), k.label().to_owned()))
                    .collect(),
            ),
            field("from", "From", "date", form_date(Some(today))),
        ];
        p.forms.push(f);
        let mut m = household_form(view, "move", "move", "Record the move");
        m.legend = Some("Record a move of address".into());
        m.secondary = true;
        m.fields = vec![
            field("line", "Address", "text", ""),
            field("postcode", "Postcode", "text", ""),
            field("from", "Moved in on", "date", form_date(Some(today))),
        ];
        p.forms.push(m);
    }
    p
}

/// The deadlines of a household's roles (or of one of them), each with
/// the step of its lifecycle that records what meets it.
pub(crate) fn deadlines_part(
    h: &domain::households::household::Household,
    deadlines: &[domain::subjects::SubjectItem],
) -> Part {
    let mut p = part("deadlines", "Deadlines");
    p.table_headers = vec![
        "What".into(),
        "For".into(),
        "Due".into(),
        "Days left".into(),
        "Rule".into(),
        "Recorded by".into(),
    ];
    p.table_rows = deadlines
        .iter()
        .map(|i| {
            // The step of the role's lifecycle that meets it, offered above.
            let clears = h
                .roles
                .iter()
                .find(|r| r.id == i.subject.id)
                .zip(domain::deadline_rules::rules_named(i.rule.unwrap_or("")).next())
                .and_then(|(r, rule)| r.kind.step_recording(rule.met_by))
                .map_or("", |t| t.label);
            vec![
                cell(i.title.clone()),
                cell(format!("{}: {}", i.subject.kind.label(), i.subject.name)),
                cell(long_date(i.due)),
                cell(i.days_left.to_string()),
                cell(i.rule.unwrap_or("")),
                cell(clears),
            ]
        })
        .collect();
    if deadlines.is_empty() {
        p.paragraphs.push("Nothing is due.".into());
    }
    p
}

fn timeline_part(view: &HouseholdView) -> Part {
    let mut p = part("timeline", "Timeline");
    p.items = view
        .household
        .value
        .timeline()
        .into_iter()
        .rev()
        .map(|(date, what)| format!("{}: {what}", long_date(date)))
        .collect();
    if p.items.is_empty() {
        p.paragraphs.push("Nothing has happened yet.".into());
    }
    p
}

/// Acts on a household: adds a member, records a check, starts a role,
/// takes a role's step, links a child, records a move or a host's young person.
pub(crate) async fn household_post(caller: Caller, Path(id): Path<String>, fields: Fields) -> Page {
    let action = fields.get("action");
    let version = fields.version();
    let hid = id.clone();
    let form = match action.as_str() {
        "member" => "member",
        "check" => "check",
        "role" => "role",
        "link" => "link",
        "move" => "move",
        "host" => "host",
        _ => "roles",
    };
    let error_field: &'static str = match form {
        "member" => "member-name",
        "check" => "check-expires",
        "role" => "role-kind",
        "link" => "link-child",
        "move" => "move-line",
        "host" => "young-person-child",
        _ => "roles",
    };
    let dates = (
        fields.date("date_of_birth"),
        fields.date("done"),
        fields.date("expires"),
        fields.date("from"),
        fields.date("date"),
    );
    let (Ok(dob), Ok(done), Ok(expires), Ok(from), Ok(date)) = dates else {
        let e = app::AppError::Invalid("enter real dates, like 27/3/2026".into());
        return Ok(show_household(&caller, &id, caller.form_errors(&e, error_field)?, None).await);
    };
    let today = caller.today();
    let result = caller
        .run(move |c| {
            let key = (hid.as_str(), version);
            let (store, user, clock, from_addr) = (&c.store, c.user(), c.clock(), c.from.as_str());
            match form {
                "member" => {
                    let new = NewPerson {
                        name: fields.get("name"),
                        date_of_birth: dob,
                        relationship: fields.get("relationship"),
                        phone: fields.get("phone"),
                        email: fields.get("email"),
                        languages: fields.get("languages"),
                        basis: RecordingBasis::parse(&fields.get("basis")),
                    };
                    app::households::add_member(store, user, clock, key, new, from_addr)
                        .map(|_| "Member added.")
                }
                "check" => {
                    let kind = CheckKind::parse(&fields.get("kind"))
                        .ok_or_else(|| app::AppError::Invalid("choose the check".into()))?;
                    let check = NewCheck {
                        person_id: fields.get("person"),
                        kind,
                        done: done.unwrap_or(today),
                        expires,
                    };
                    app::households::record_check(store, user, clock, key, check, from_addr)
                        .map(|_| "Check recorded.")
                }
                "role" => {
                    let kind = RoleKind::parse(&fields.get("kind"))
                        .ok_or_else(|| app::AppError::Invalid("choose the role".into()))?;
                    let worker = Some(fields.get("worker")).filter(|w| !w.is_empty());
                    app::households::add_role(store, user, clock, key, (kind, worker), from_addr)
                        .map(|_| "Role started.")
                }
                "link" => {
                    let kind = LinkKind::parse(&fields.get("link")).ok_or_else(|| {
                        app::AppError::Invalid("choose how the child is linked".into())
                    })?;
                    let child = fields.get("child");
                    app::households::link_child(
                        store,
                        user,
                        clock,
                        key,
                        (&child, kind, from.unwrap_or(today)),
                        from_addr,
                    )
                    .map(|_| "Child linked.")
                }
                "host" => {
                    let new = app::leavers::HostedPerson {
                        role: fields.get("role"),
                        child: fields.get("child"),
                        from: from.unwrap_or(today),
                        in_education: fields.get("education") == "yes",
                    };
                    app::leavers::record_hosted_young_person(
                        store, user, clock, key, new, from_addr,
                    )
                    .map(|()| "Young person recorded.")
                }
                "move" => app::households::record_move(
                    store,
                    user,
                    clock,
                    key,
                    (
                        &fields.get("line"),
                        &fields.get("postcode"),
                        from.unwrap_or(today),
                    ),
                    from_addr,
                )
                .map(|_| "Move recorded."),
                _ => {
                    let (role, step) = (fields.get("role"), fields.get("step"));
                    app::households::take_step(
                        store,
                        user,
                        clock,
                        key,
                        (&role, &step, date.unwrap_or(today)),
                        from_addr,
                    )
                    .map(|_| "Step recorded.")
                }
            }
        })
        .await;
    Ok(match result {
        Ok(done) => after_change(&caller, &id, done).await,
        Err(e) => show_household(&caller, &id, caller.form_errors(&e, error_field)?, None).await,
    })
}

/// The household's page after a change, with `done` in its banner.
pub(crate) async fn after_change(caller: &Caller, id: &str, done: &str) -> Response {
    let page = show_household(caller, id, Vec::new(), Some(done.into())).await;
    after_step(caller, page, done)
}

/// The page after a step was recorded: the record's page, or, when the
/// step took the household away from the panel whose papers it was, a
/// page saying so (the step is recorded, but the record is no longer
/// theirs to open).
pub(crate) fn after_step(caller: &Caller, page: Response, done: &str) -> Response {
    if page.status() == axum::http::StatusCode::FORBIDDEN {
        caller.message(
            axum::http::StatusCode::OK,
            done,
            &["The household is no longer before the panel, so its record is closed to you."],
        )
    } else {
        page
    }
}

/// The page that adds a household.
pub(crate) async fn new_household_page(caller: Caller) -> Page {
    new_household_form(&caller, Vec::new()).await
}

async fn new_household_form(caller: &Caller, errors: Vec<FieldError>) -> Page {
    let teams = caller.page(|c| app::team_names(&c.store)).await?;
    let mut f = button_form(
        "household",
        "/households/new",
        "Add the household",
        Vec::new(),
    );
    f.fields.push(field("name", "Household name", "text", ""));
    if caller.user().team.is_none() {
        f.fields.push(select(
            "team",
            "Team that holds the household",
            CARER_TEAMS[0],
            CARER_TEAMS
                .iter()
                .map(|t| t.to_string())
                .chain(teams)
                .map(|t| (t.clone(), t))
                .collect(),
        ));
    }
    f.fields.push(select(
        "role",
        "Role",
        "connected_person",
        RoleKind::ALL
            .iter()
            .map(|k| (k.code().to_owned(), k.label().to_owned()))
            .collect(),
    ));
    f.fields.push(field(
        "worker",
        "Worker's identifier (optional)",
        "text",
        caller.user().worker_id.clone().unwrap_or_default(),
    ));
    f.fields
        .push(field("address", "Address (optional)", "text", ""));
    f.fields
        .push(field("postcode", "Postcode (optional)", "text", ""));
    let mut p = part("new", "The household");
    p.forms.push(f);
    Ok(RecordPage {
        errors,
        sections: vec![p],
        ..households_page("Add a household".into(), caller)
    }
    .respond())
}

/// Adds a household, then shows its page.
pub(crate) async fn add_household_post(caller: Caller, fields: Fields) -> Page {
    let new = NewHousehold {
        name: fields.get("name"),
        team: fields.get("team"),
        worker: Some(fields.get("worker")).filter(|w| !w.is_empty()),
        address: fields.get("address"),
        postcode: fields.get("postcode"),
        moved_in: None,
        role: RoleKind::parse(&fields.get("role")),
    };
    let result = caller
        .run(move |c| app::households::add_household(&c.store, c.user(), c.clock(), new, &c.from))
        .await;
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/households/{id}")).into_response()),
        Err(e) => {
            let errors = caller.form_errors(&e, "household-name")?;
            new_household_form(&caller, errors).await
        }
    }
}
