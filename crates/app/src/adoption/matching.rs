//! Matching (issue 19, item 5): the approved adopters ranked for a child or
//! a sibling group, from the children's records (age, disability) and the
//! needs the family finder adds, and the adopters' terms of approval.
//! Each child's record read is audited as `view_child` (a refusal as
//! `view_child_denied`); the match itself as `adoption.match`, with how
//! many children and adopters, never a name. The reverse match ranks the
//! children waiting for one adopter; sufficiency counts the children waiting
//! against the adopters approved.

use domain::access::{Permission, User};
use domain::adoption::adopters::{AdmOutcome, AdopterCase, Need};
use domain::adoption::matching::{
    ChildToMatch, Fit, GroupFit, Pool, Ranking, WaitingAdopters, rank_children,
};
use domain::adoption::sufficiency::{Row, sufficiency, waiting_groups};
use domain::audit::{Actor, AuditEvent};
use domain::child::ChildId;
use domain::time::{Clock, age_on};
use store::{AuditLog, ChildRepository, PermanenceRepository, RecordKind};

use crate::{AppError, Store};

/// The adopters approved and waiting, with their terms and approval date.
fn waiting(tx: &mut store::Tx<'_>) -> Result<Vec<WaitingAdopters>, AppError> {
    Ok(tx
        .records::<AdopterCase>(RecordKind::AdopterCase, Some(&["approved"]))?
        .into_iter()
        .filter_map(|r| {
            let case = r.value.document;
            let approved = case
                .decisions
                .iter()
                .rev()
                .find(|d| d.outcome == AdmOutcome::Approved)?
                .date;
            Some(WaitingAdopters {
                role_id: case.role_id,
                approved,
                terms: case.terms?,
            })
        })
        .collect())
}

/// How many places a ranking shows with their reasons.
pub const SHOWN: usize = 50;

fn audit_event(
    user: &User,
    clock: &dyn Clock,
    action: &str,
    details: serde_json::Value,
) -> AuditEvent {
    AuditEvent {
        at: clock.now(),
        actor: Actor::new(user.username.clone()).user_id,
        action: action.into(),
        record_type: "adopter_case".into(),
        record_id: String::new(),
        details: details.to_string(),
    }
}

/// Ranks the approved adopters waiting for the children `ids` (a sibling
/// group when more than one), each child with the needs of their record
/// (a disability) and `needs` the family finder adds for the group; the
/// best [`SHOWN`] with their reasons.
pub fn match_children(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (ids, needs): (&[ChildId], &[Need]),
    from: &str,
) -> Result<(Vec<ChildToMatch>, Ranking<Fit>), AppError> {
    if !user.may(Permission::WorkOnHouseholds) {
        return Err(AppError::Forbidden("match children with adopters"));
    }
    if ids.is_empty() {
        return Err(AppError::Invalid(
            "enter the identifier of at least one child".into(),
        ));
    }
    let today = clock.today();
    let mut children = Vec::new();
    for id in ids {
        let journey = crate::open_child(store, user, clock, id, from)?.value;
        let child = journey.child();
        let mut own: Vec<Need> = needs.to_vec();
        if child.disabled {
            own.push(Need::Disability);
        }
        children.push(ChildToMatch {
            id: id.to_string(),
            age: u8::try_from(age_on(child.date_of_birth, today)).unwrap_or(u8::MAX),
            needs: own,
        });
    }
    store.write(|tx| {
        let adopters = waiting(tx)?;
        let ranked = Pool::new(&adopters).rank(&children, SHOWN);
        tx.append(&audit_event(
            user,
            clock,
            "adoption.match",
            serde_json::json!({ "children": children.len(), "adopters": ranked.ranked, "from": from }),
        ))?;
        Ok::<_, AppError>((children.clone(), ranked))
    })
}

/// The reverse match: the children waiting (under a placement order, not
/// placed) ranked for the approved adopters of role `role_id`, only the
/// children the user may see; each child shown is audited as `view_child`.
pub fn match_adopter(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    role_id: &str,
    from: &str,
) -> Result<(WaitingAdopters, Ranking<GroupFit>), AppError> {
    if !user.may(Permission::WorkOnHouseholds) {
        return Err(AppError::Forbidden("match children with adopters"));
    }
    let today = clock.today();
    store.write(|tx| {
        let adopters = waiting(tx)?
            .into_iter()
            .find(|a| a.role_id == role_id)
            .ok_or_else(|| {
                AppError::Invalid(format!("{role_id} are not approved adopters waiting"))
            })?;
        let journeys: Vec<_> = tx.all_journeys()?.into_iter().map(|v| v.value).collect();
        let mut seen = Vec::new();
        for j in &journeys {
            if crate::may_see_child(tx, user, j.id())? {
                seen.push(j);
            }
        }
        let groups = waiting_groups(&seen, today);
        let ranked = rank_children(&adopters, &groups, SHOWN);
        for c in ranked.shown.iter().flat_map(|g| &g.children) {
            let mut e = audit_event(
                user,
                clock,
                "view_child",
                serde_json::json!({ "from": from, "via": "adoption.reverse_match" }),
            );
            e.record_type = crate::CHILD_RECORD.into();
            e.record_id = c.id.clone();
            tx.append(&e)?;
        }
        tx.append(&audit_event(
            user,
            clock,
            "adoption.reverse_match",
            serde_json::json!({ "groups": ranked.ranked, "from": from }),
        ))?;
        Ok::<_, AppError>((adopters, ranked))
    })
}

/// Sufficiency: the children waiting against the approved adopters by age
/// band, sibling group and need (ADOPT-054), with how many children and
/// adopters wait in all. Figures only: it needs `ViewFigures` and names no
/// child.
pub fn adoption_sufficiency(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    from: &str,
) -> Result<(Vec<Row>, usize, usize), AppError> {
    if !user.may(Permission::ViewFigures) {
        return Err(AppError::Forbidden("see the adoption sufficiency figures"));
    }
    let today = clock.today();
    store.write(|tx| {
        let adopters = waiting(tx)?;
        let journeys: Vec<_> = tx.all_journeys()?.into_iter().map(|v| v.value).collect();
        let all: Vec<_> = journeys.iter().collect();
        let groups = waiting_groups(&all, today);
        let terms: Vec<_> = adopters.iter().map(|a| &a.terms).collect();
        let rows = sufficiency(&groups, &terms);
        let children = groups.iter().map(Vec::len).sum();
        tx.append(&audit_event(
            user,
            clock,
            "adoption.sufficiency",
            serde_json::json!({ "children": children, "adopters": adopters.len(), "from": from }),
        ))?;
        Ok::<_, AppError>((rows, children, adopters.len()))
    })
}
