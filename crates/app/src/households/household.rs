//! A household's record: adding one, its members, a move of address and
//! the children linked to it; opening it (audited) and the list of the
//! households a user may see, by role, state and search.

use chrono::NaiveDate;
use domain::access::{Permission, User};
use domain::child::ChildId;
use domain::households::access::{HouseholdScope, household_scope};
use domain::households::deadlines::household_deadlines;
use domain::households::household::{Household, LinkKind};
use domain::households::lifecycle::RoleKind;
use domain::households::person::NewPerson;
use domain::subjects::SubjectItem;
use domain::time::Clock;
use store::{AuditLog, ChildRepository, HouseholdFilter, HouseholdRepository};

use super::{StoredHousehold, change_household, event, invalid, read_household};
use crate::{AppError, Store};

/// What a person adding a household gives: its name, the team that holds
/// it (the user's own when they have one), its worker, where it lives, and
/// the role it starts with.
#[derive(Debug, Clone, Default)]
pub struct NewHousehold {
    pub name: String,
    pub team: String,
    pub worker: Option<String>,
    pub address: String,
    pub postcode: String,
    pub moved_in: Option<NaiveDate>,
    pub role: Option<RoleKind>,
}

/// Adds a household; returns its identifier (`H00042`).
pub fn add_household(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    new: NewHousehold,
    from: &str,
) -> Result<String, AppError> {
    if !user.may(Permission::WorkOnHouseholds) {
        return Err(AppError::Forbidden("add a household"));
    }
    let team = user
        .team
        .clone()
        .unwrap_or_else(|| new.team.trim().to_owned());
    if team.is_empty() {
        return Err(AppError::Invalid(
            "choose the team that holds the household".into(),
        ));
    }
    let today = clock.today();
    store.write(|tx| {
        let id = format!("H{:05}", tx.next_household_number()?);
        let mut h =
            Household::new(id.clone(), &new.name, team, new.worker.clone()).map_err(invalid)?;
        if !new.address.trim().is_empty() || !new.postcode.trim().is_empty() {
            h.move_to(&new.address, &new.postcode, new.moved_in.unwrap_or(today))
                .map_err(invalid)?;
        }
        if let Some(kind) = new.role {
            h.add_role(kind, new.worker.clone(), today);
        }
        tx.insert_households(std::slice::from_ref(&h))?;
        let role = new.role.map(RoleKind::code);
        tx.append(&event(
            user,
            clock,
            "household.add",
            &id,
            serde_json::json!({ "role": role }),
            from,
        ))?;
        Ok(id)
    })
}

/// Adds a member to a household; returns their identifier.
pub fn add_member(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    new: NewPerson,
    from: &str,
) -> Result<String, AppError> {
    change_household(
        store,
        (user, clock, from),
        (id, version),
        (
            "household.add_member",
            |person: &String| serde_json::json!({ "person": person }),
        ),
        |h, today| h.add_member(new, today).map_err(invalid),
    )
}

/// Records the household's move to a new address.
pub fn record_move(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (line, postcode, on): (&str, &str, NaiveDate),
    from: &str,
) -> Result<(), AppError> {
    change_household(
        store,
        (user, clock, from),
        (id, version),
        ("household.move", |_: &()| serde_json::json!({ "on": on })),
        |h, _| h.move_to(line, postcode, on).map_err(invalid),
    )
}

/// PATH-011: logs a court's request, received on `received`, for a report
/// in a private-law Child Arrangements Order application about this family:
/// a task on the family's record (no child becomes looked after). Audited
/// with the task's number and date, not the court's reference.
pub fn log_cao_report_request(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (received, reference): (NaiveDate, &str),
    from: &str,
) -> Result<usize, AppError> {
    if received > clock.today() {
        return Err(AppError::Invalid(format!(
            "the date {received} is in the future"
        )));
    }
    change_household(
        store,
        (user, clock, from),
        (id, version),
        (
            "PATH-011.court_report_request",
            |n: &usize| serde_json::json!({ "task": n, "received": received }),
        ),
        |h, _| Ok(h.log_cao_report_request(received, reference)),
    )
}

/// KIN-107: a welfare concern about a child living with the household by
/// an informal family and friends arrangement, raised on `on`: a Section 17
/// (child in need) assessment becomes a task on the family's record that
/// day. Returns the task's number (audited without the child's name).
pub fn raise_welfare_concern(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (child, on): (&str, NaiveDate),
    from: &str,
) -> Result<usize, AppError> {
    if on > clock.today() {
        return Err(AppError::Invalid(format!("the date {on} is in the future")));
    }
    let child_id = visible_child(store, user, child)?;
    change_household(
        store,
        (user, clock, from),
        (id, version),
        (
            "KIN-107.welfare_concern",
            |n: &usize| serde_json::json!({ "task": n, "child": child_id.as_str(), "on": on }),
        ),
        |h, _| {
            h.raise_welfare_concern(child_id.as_str(), on)
                .map_err(invalid)
        },
    )
}

/// Marks a task on the family's record done on `on`.
pub fn complete_family_task(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (task, on): (usize, NaiveDate),
    from: &str,
) -> Result<(), AppError> {
    if on > clock.today() {
        return Err(AppError::Invalid(format!("the date {on} is in the future")));
    }
    change_household(
        store,
        (user, clock, from),
        (id, version),
        (
            "household.task_done",
            |_: &()| serde_json::json!({ "task": task, "on": on }),
        ),
        |h, _| h.complete_task(task, on).map_err(invalid),
    )
}

/// Links a child to a household (placed with, subject of its order,
/// sibling or child of a member), for a user who may see the child too.
pub fn link_child(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (id, version): (&str, i64),
    (child, kind, on): (&str, LinkKind, NaiveDate),
    from: &str,
) -> Result<(), AppError> {
    let child_id = visible_child(store, user, child)?;
    change_household(
        store,
        (user, clock, from),
        (id, version),
        (
            "household.link_child",
            |_: &()| serde_json::json!({ "child": child_id.as_str(), "link": kind.code() }),
        ),
        |h, _| h.link_child(child_id.as_str(), kind, on).map_err(invalid),
    )
}

/// The child with this identifier, if it is one the user may see.
pub(crate) fn visible_child(store: &Store, user: &User, child: &str) -> Result<ChildId, AppError> {
    let child_id = ChildId::parse(child.trim())
        .map_err(|_| AppError::Invalid("enter the child's identifier".into()))?;
    let visible = store.read(|tx| {
        if tx.journey(&child_id)?.is_none() {
            return Err(AppError::ChildNotFound(child_id.clone()));
        }
        Ok(crate::may_see_child(tx, user, &child_id)?)
    })?;
    if !visible {
        return Err(AppError::Forbidden("link a child you may not see"));
    }
    Ok(child_id)
}

/// A household's record as its page shows it: the household at its
/// version and its deadlines (every open one, and checks expiring).
#[derive(Debug, Clone)]
pub struct HouseholdView {
    pub household: StoredHousehold,
    pub deadlines: Vec<SubjectItem>,
}

/// Opens a household's record, auditing the read, or the refusal if the
/// household is not the user's to see.
pub fn open_household(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    id: &str,
    from: &str,
) -> Result<HouseholdView, AppError> {
    if !user.may(Permission::ViewHouseholds) {
        return Err(AppError::Forbidden("open a household's record"));
    }
    let today = clock.today();
    read_household(store, (user, clock, from), id, "view_household", |_, h| {
        Ok(HouseholdView {
            deadlines: household_deadlines(&h.value, today),
            household: h,
        })
    })
}

/// What a list of households asks for: a role, a state, words to search
/// for, a team (for users who see every team), a page.
#[derive(Debug, Clone, Default)]
pub struct HouseholdSearch {
    pub role: Option<String>,
    pub stage: Option<String>,
    pub text: String,
    pub team: Option<String>,
    pub limit: Option<i64>,
    pub offset: i64,
}

/// The filter that limits a list to the households `user` may see (`None`
/// when they may see none).
pub(crate) fn scope_filter(user: &User, chosen_team: Option<String>) -> Option<HouseholdFilter> {
    Some(match household_scope(user) {
        HouseholdScope::NoOne => return None,
        HouseholdScope::Everyone => HouseholdFilter {
            team: chosen_team.filter(|t| !t.is_empty()),
            ..Default::default()
        },
        HouseholdScope::Team { team, children } => HouseholdFilter {
            team: Some(team),
            with_team_children: children,
            ..Default::default()
        },
        HouseholdScope::Papers => HouseholdFilter {
            at_panel: true,
            ..Default::default()
        },
    })
}

/// The households a user may see that match the search, by name, with how
/// many match in all; audited as a list view (how many, never the words).
pub fn list_households(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    search: HouseholdSearch,
    from: &str,
) -> Result<(Vec<StoredHousehold>, i64), AppError> {
    let Some(mut filter) = scope_filter(user, search.team) else {
        return Err(AppError::Forbidden("see the list of households"));
    };
    filter.role = search.role.filter(|r| !r.is_empty());
    filter.stage = search.stage.filter(|s| !s.is_empty());
    filter.search = Some(search.text).filter(|t| !t.trim().is_empty());
    filter.limit = search.limit;
    filter.offset = search.offset;
    store.write(|tx| {
        let (list, total) = tx.households(&filter)?;
        tx.append(&event(
            user,
            clock,
            "list_households",
            "",
            serde_json::json!({ "results": list.len(), "role": filter.role }),
            from,
        ))?;
        Ok((list, total))
    })
}

/// The households a child is linked to that the user may see, for the
/// child's record (the child's own read is audited there).
pub fn households_of_child(
    store: &Store,
    user: &User,
    child: &ChildId,
) -> Result<Vec<StoredHousehold>, AppError> {
    if !user.may(Permission::ViewHouseholds) {
        return Ok(Vec::new());
    }
    store.read(|tx| {
        let mut out = Vec::new();
        for h in tx.households_of_child(child.as_str())? {
            if super::may_see(tx, user, &h.value)? {
                out.push(h);
            }
        }
        Ok(out)
    })
}

/// Loads a council's households (the demo council, an import) in one
/// transaction, audited once with how many.
pub fn load_households(
    store: &Store,
    actor: &domain::audit::Actor,
    clock: &dyn Clock,
    households: &[Household],
) -> Result<usize, AppError> {
    store.write(|tx| {
        for chunk in households.chunks(500) {
            tx.insert_households(chunk)?;
        }
        tx.append(&domain::audit::AuditEvent {
            at: clock.now(),
            actor: actor.user_id.clone(),
            action: "household.load".into(),
            record_type: super::HOUSEHOLD_RECORD.into(),
            record_id: String::new(),
            details: serde_json::json!({ "households": households.len() }).to_string(),
        })?;
        Ok(households.len())
    })
}
