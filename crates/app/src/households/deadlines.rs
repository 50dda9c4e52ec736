//! The households' lines of a user's worklist: their roles' deadlines and
//! their members' checks as they expire, for the households the user may
//! see, limited to their team (or the team they chose).

use domain::access::User;
use domain::households::deadlines::worklist;
use domain::subjects::SubjectItem;
use domain::time::Clock;
use domain::worklist::Scope;
use store::{AuditLog, HouseholdRepository};

use super::event;
use super::household::scope_filter;
use crate::{AppError, Store};

/// The worklist lines about households for `user` (none for a user who
/// may see no household), audited as how many.
pub fn household_worklist(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    chosen_team: Option<String>,
    from: &str,
) -> Result<Vec<SubjectItem>, AppError> {
    let Some(filter) = scope_filter(user, chosen_team) else {
        return Ok(Vec::new());
    };
    let scope = filter.team.clone().map_or(Scope::Service, Scope::Team);
    let today = clock.today();
    store.write(|tx| {
        let households: Vec<_> = tx
            .households(&filter)?
            .0
            .into_iter()
            .map(|h| h.value)
            .collect();
        let items = worklist(&households, &scope, today);
        tx.append(&event(
            user,
            clock,
            "view_household_worklist",
            "",
            serde_json::json!({ "items": items.len() }),
            from,
        ))?;
        Ok(items)
    })
}
