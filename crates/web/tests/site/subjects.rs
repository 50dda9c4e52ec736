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
    post_form_ticking(s, sessions, role, (uri, id), extra, &[])
}

/// As [`post_form`], with the checkboxes named in `ticked` ticked.
fn post_form_ticking(
    s: &Site,
    sessions: &mut HashMap<Role, String>,
    role: Role,
    (uri, id): (&str, &str),
    extra: &dyn Fn(&str) -> Option<String>,
    ticked: &[String],
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
    form.fields.retain(|(name, _)| !ticked.contains(name));
    form.fields
        .extend(ticked.iter().map(|name| (name.clone(), "yes".to_owned())));
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
    // An assessment is filed after the panel and the agency decision (KIN-006).
    let to: &[&str] = if step.name == "file_with_court" {
        &["approved"]
    } else {
        step.from
    };
    let mut steps = path_to(role_kind.workflow(), to);
    if role_kind == RoleKind::ConnectedPersonCarer && step.name == "file_with_court" {
        // A filing follows the court's direction.
        steps.insert(
            0,
            role_kind.workflow().transition("court_direction").unwrap(),
        );
    }
    steps.push(step);
    if role_kind == RoleKind::Adopter {
        // An adopter's steps are on the adopter's page, with what each carries.
        let id = adopters_at(&s.store, &manager, &clock, &[]);
        for t in steps {
            post_form(
                s,
                sessions,
                taker(t),
                (&format!("/adopters/{id}"), &format!("step-{}", t.name)),
                &adopter_field,
            );
        }
        let household = id.trim_end_matches("-R1");
        let held = s.store.read(|tx| tx.household(household)).unwrap().unwrap();
        return held.value.roles[0].events.iter().any(|e| e.kind == kind);
    }
    let id = app::households::add_household(&s.store, &manager, &clock, new, "test").unwrap();
    if role_kind == RoleKind::ConnectedPersonCarer {
        connected_person(s, &manager, &clock, &id);
    }
    // A foster carer's steps are taken on their own page, with what each carries.
    let foster = role_kind == RoleKind::FosterCarer;
    let uri = if foster {
        format!("/fostering/carers/{id}-R1")
    } else {
        format!("/households/{id}")
    };
    let carried = |n: &str| match n {
        "panel_date" => Some("30/06/2026".to_owned()),
        "skills_to_foster" | "applicant_agreed" => Some("31/03/2026".to_owned()),
        "override_note" => Some("Written for the test".to_owned()),
        // A kinship step's child and outcome.
        "child" => Some(s.own_child.clone()),
        "outcome" => Some("sgo".to_owned()),
        _ => None,
    };
    for t in steps {
        if role_kind == RoleKind::ConnectedPersonCarer && t.name == "complete_assessment" {
            // KIN-003: the team manager screens the assessment first.
            let held = s.store.read(|tx| tx.household(&id)).unwrap().unwrap();
            let screening = domain::fostering::kinship::KinshipEntry::Screening {
                on: domain::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            };
            app::fostering::kinship::record_kinship_entry(
                &s.store,
                &manager,
                &clock,
                (&id, held.version),
                (&format!("{id}-R1"), screening),
                "test",
            )
            .unwrap();
        }
        let form = if foster {
            format!("step-{}", t.name)
        } else if let Some(form) = kinship_form(role_kind, t.name) {
            form.to_owned()
        } else {
            format!("step-{id}-R1-{}", t.name)
        };
        let papers: Vec<String> = domain::fostering::carers::STAGE_ONE_PAPERS
            .iter()
            .filter(|_| foster && t.name == "start_form_f")
            .map(|(c, _)| format!("paper_{c}"))
            .collect();
        post_form_ticking(s, sessions, taker(t), (&uri, &form), &carried, &papers);
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

/// What a person types into an adopter step's own fields: the PAR's date,
/// a reason for closing.
fn adopter_field(name: &str) -> Option<String> {
    match name {
        "par" => Some("30/3/2026".into()),
        "reason" => Some("applicants_withdrew".into()),
        _ => None,
    }
}
