//! Recording what meets a deadline about a subject other than a child
//! through that subject's page: a household role's step on the household's
//! page, a review or replacement on an agency record's page, a complaint's
//! step on the complaint's page. Each helper answers whether the subject's
//! record then holds the event.

use std::collections::HashMap;

use domain::agency::records::{AgencyRecord, AgencyRecordKind};
use domain::complaints::complaint::{CMPL, Complaint, step_recording};
use domain::deadlines::{EventKind, EventKind::*};
use domain::households::lifecycle::RoleKind;
use domain::permanence::workflow::{Transition, Workflow};
use store::{HouseholdRepository, PermanenceRepository, RecordKind};

use super::*;

fn session(s: &Site, sessions: &mut HashMap<Role, String>, role: Role) -> String {
    sessions
        .entry(role)
        .or_insert_with(|| s.sign_in(&username(role)).0)
        .clone()
}

/// Posts the form `id` of the page at `uri` as `role`, filled as the
/// role-by-route test fills it (with `extra` first).
fn post_form(
    s: &Site,
    sessions: &mut HashMap<Role, String>,
    role: Role,
    (uri, id): (&str, &str),
    extra: &dyn Fn(&str) -> Option<String>,
) -> Reply {
    let cookie = session(s, sessions, role);
    let page = s.send("GET", uri, &cookie, None);
    let form = forms::post_forms(&page.body)
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| {
            panic!(
                "{role:?} is offered no form {id} on {uri}: {}",
                excerpt(&page.body)
            )
        });
    // `extra` replaces a field's value, even one the page filled in.
    let mut form = form;
    for (name, value) in &mut form.fields {
        if let Some(v) = extra(name) {
            *value = v;
        }
    }
    let body = form.body(|n| fill(n, role));
    let reply = s.send("POST", &form.action, &cookie, Some(&body));
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{role:?} {id}: {}",
        excerpt(&reply.body)
    );
    reply
}

/// The steps that take a workflow from its first state to one of `to`.
fn path_to(w: &'static Workflow, to: &[&str]) -> Vec<&'static Transition> {
    let start = w.states[0].code;
    let mut seen = vec![start];
    let mut queue = std::collections::VecDeque::from([(start, Vec::new())]);
    while let Some((state, path)) = queue.pop_front() {
        if to.contains(&state) {
            return path;
        }
        for t in w.transitions {
            if !t.from.contains(&state) || t.to.is_empty() || seen.contains(&t.to) {
                continue;
            }
            seen.push(t.to);
            let mut next = path.clone();
            next.push(t);
            queue.push_back((t.to, next));
        }
    }
    panic!("{}: no way to {to:?}", w.id)
}

/// Who takes a step through the household page: the first of its roles
/// that works on households.
fn taker(t: &Transition) -> Role {
    *t.roles
        .iter()
        .find(|r| allows(**r, Permission::WorkOnHouseholds))
        .unwrap_or_else(|| panic!("no one takes {}", t.name))
}

/// Records `kind` on a new household's role whose lifecycle records it
/// (one that also records `starts`, when there is one): the role is taken
/// from its start to the step through the household's page, each step by
/// a role its workflow names.
pub fn on_a_household(
    s: &Site,
    sessions: &mut HashMap<Role, String>,
    starts: EventKind,
    kind: EventKind,
) -> bool {
    let mut kinds: Vec<RoleKind> = RoleKind::ALL
        .into_iter()
        .filter(|k| k.step_recording(kind).is_some())
        .collect();
    kinds.sort_by_key(|k| k.step_recording(starts).is_none());
    let role_kind = kinds[0];
    let step = role_kind.step_recording(kind).unwrap();
    let manager = User {
        username: username(Role::TeamManager),
        display_name: "Test".into(),
        role: Role::TeamManager,
        team: Some(s.team.clone()),
        worker_id: None,
    };
    let new = app::households::NewHousehold {
        name: format!("The {kind:?} family"),
        role: Some(role_kind),
        ..Default::default()
    };
    let clock = FixedClock::on("2026-03-31");
    let id = app::households::add_household(&s.store, &manager, &clock, new, "test").unwrap();
    let uri = format!("/households/{id}");
    // An assessment is filed after the panel and the agency decision (KIN-006).
    let to: &[&str] = if step.name == "file_with_court" {
        &["approved"]
    } else {
        step.from
    };
    let mut steps = path_to(role_kind.workflow(), to);
    if role_kind == RoleKind::ConnectedPersonCarer {
        connected_person(s, &manager, &clock, &id);
        if step.name == "file_with_court" {
            // A filing follows the court's direction.
            steps.insert(
                0,
                role_kind.workflow().transition("court_direction").unwrap(),
            );
        }
    }
    steps.push(step);
    let child = |n: &str| match n {
        "child" => Some(s.own_child.clone()),
        "outcome" => Some("sgo".to_owned()),
        _ => None,
    };
    for t in steps {
        let form = match kinship_form(role_kind, t.name) {
            Some(form) => form.to_owned(),
            None => format!("step-{id}-R1-{}", t.name),
        };
        post_form(s, sessions, taker(t), (&uri, &form), &child);
    }
    let held = s.store.read(|tx| tx.household(&id)).unwrap().unwrap();
    held.value.roles[0].events.iter().any(|e| e.kind == kind)
}

/// The kinship form that takes a connected person's step with its details.
fn kinship_form(kind: RoleKind, step: &str) -> Option<&'static str> {
    if !domain::fostering::kinship::needs_details(kind, step) {
        return None;
    }
    Some(match step {
        "temporary_approval" => "kin-approval",
        "court_direction" => "kin-court",
        "file_with_court" => "kin-filing",
        "recommend" => "kin-panel",
        "approve" | "refuse" => "kin-decision",
        _ => "kin-outcome",
    })
}

/// A connected person's carer with the police check temporary approval
/// needs (KIN-104).
fn connected_person(s: &Site, manager: &User, clock: &FixedClock, id: &str) {
    let version = || {
        s.store
            .read(|tx| tx.household(id))
            .unwrap()
            .unwrap()
            .version
    };
    let carer = domain::households::person::NewPerson {
        name: "Ada Carer".into(),
        relationship: "aunt".into(),
        ..Default::default()
    };
    let person =
        app::households::add_member(&s.store, manager, clock, (id, version()), carer, "test")
            .unwrap();
    let check = app::households::NewCheck {
        person_id: person,
        kind: domain::households::checks::CheckKind::Dbs,
        done: domain::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        expires: domain::NaiveDate::from_ymd_opt(2029, 3, 1),
    };
    app::households::record_check(&s.store, manager, clock, (id, version()), check, "test")
        .unwrap();
}

/// Publishes a record of the kind `kind` is recorded on as `role` (the
/// rule's responsible) through the list's form, then records its review or
/// replacement through the record's page.
pub fn on_an_agency_record(
    s: &Site,
    sessions: &mut HashMap<Role, String>,
    role: Role,
    kind: EventKind,
) -> bool {
    let record_kind = if kind == FreeCourseReplaced {
        AgencyRecordKind::FreeOnlineCourse
    } else {
        AgencyRecordKind::FosteringStatementOfPurpose
    };
    let code = record_kind.code();
    let title = |n: &str| match n {
        "kind" => Some(code.to_owned()),
        "title" => Some("Caring for a child who has experienced trauma".to_owned()),
        _ => None,
    };
    post_form(s, sessions, role, ("/agency", "publish"), &title);
    let all = s
        .store
        .read(|tx| tx.records::<AgencyRecord>(RecordKind::AgencyRecord, None))
        .unwrap();
    let id = all
        .iter()
        .map(|r| &r.value.document)
        .filter(|r| r.kind == record_kind)
        .map(|r| r.id.clone())
        .max()
        .unwrap();
    post_form(
        s,
        sessions,
        role,
        (&format!("/agency/{id}"), "entry"),
        &title,
    );
    let held = s
        .store
        .read(|tx| tx.record::<AgencyRecord>(RecordKind::AgencyRecord, &id))
        .unwrap()
        .unwrap();
    held.value.document.events.iter().any(|e| e.kind == kind)
}

/// Records a complaint received through the list's form, then takes it to
/// the step that records `kind` through its page, each step by a role
/// WF-CMPL names.
pub fn on_a_complaint(s: &Site, sessions: &mut HashMap<Role, String>, kind: EventKind) -> bool {
    let step = step_recording(kind).expect("a step records it");
    let names = |n: &str| match n {
        "investigating_officer" | "independent_person" => Some("A Person".to_owned()),
        _ => None,
    };
    let before = s
        .store
        .read(|tx| tx.records::<Complaint>(RecordKind::Complaint, None))
        .unwrap()
        .len();
    post_form(
        s,
        sessions,
        Role::ComplaintsManager,
        ("/complaints", "receive"),
        &names,
    );
    let id = format!("CMP{:05}", before + 1);
    let uri = format!("/complaints/{id}");
    let mut steps = path_to(&CMPL, step.from);
    steps.push(step);
    for t in steps {
        post_form(
            s,
            sessions,
            t.roles[0],
            (&uri, &format!("step-{}", t.name)),
            &names,
        );
    }
    let held = s
        .store
        .read(|tx| tx.record::<Complaint>(RecordKind::Complaint, &id))
        .unwrap()
        .unwrap();
    held.value.document.events.iter().any(|e| e.kind == kind)
}
