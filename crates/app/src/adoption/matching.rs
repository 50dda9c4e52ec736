//! Matching (issue 19, item 5): the approved adopters ranked for a child or
//! a sibling group, from the children's records (age, disability) and the
//! needs the family finder adds, and the adopters' terms of approval.
//! Each child's record read is audited as `view_child` (a refusal as
//! `view_child_denied`); the match itself as `adoption.match`, with how
//! many children and adopters, never a name.

use domain::access::{Permission, User};
use domain::adoption::adopters::{AdmOutcome, AdopterCase, Need};
use domain::adoption::matching::{ChildToMatch, Fit, WaitingAdopters, rank};
use domain::audit::{Actor, AuditEvent};
use domain::child::ChildId;
use domain::time::{Clock, age_on};
use store::{AuditLog, PermanenceRepository, RecordKind};

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

/// Ranks the approved adopters waiting for the children `ids` (a sibling
/// group when more than one), each child with the needs of their record
/// (a disability) and `needs` the family finder adds for the group.
pub fn match_children(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    (ids, needs): (&[ChildId], &[Need]),
    from: &str,
) -> Result<(Vec<ChildToMatch>, Vec<Fit>), AppError> {
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
        let ranked = rank(&children, &adopters);
        tx.append(&AuditEvent {
            at: clock.now(),
            actor: Actor::new(user.username.clone()).user_id,
            action: "adoption.match".into(),
            record_type: "adopter_case".into(),
            record_id: String::new(),
            details: serde_json::json!({ "children": children.len(), "adopters": ranked.len(), "from": from }).to_string(),
        })?;
        Ok::<_, AppError>((children.clone(), ranked))
    })
}
