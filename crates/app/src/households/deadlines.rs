//! The households' lines of a user's worklist: their roles' deadlines and
//! their members' checks as they expire, for the households the user may
//! see, limited to their team (or the team they chose).

use domain::access::User;
use domain::households::deadlines::worklist;
use domain::subjects::SubjectItem;
use domain::time::Clock;
use domain::worklist::Scope;
use store::HouseholdRepository;

use super::household::scope_filter;
use crate::{AppError, Store};

/// The worklist lines about households for `user` (none for a user who
/// may see no household). Read only: the worklist page that shows them
/// audits its view once (`view_worklist`), so a busy worklist costs no
/// second write.
pub fn household_worklist(
    store: &Store,
    user: &User,
    clock: &dyn Clock,
    chosen_team: Option<String>,
) -> Result<Vec<SubjectItem>, AppError> {
    let Some(filter) = scope_filter(user, chosen_team) else {
        return Ok(Vec::new());
    };
    let scope = filter.team.clone().map_or(Scope::Service, Scope::Team);
    let today = clock.today();
    let households: Vec<_> = store
        .read(|tx| tx.households(&filter))?
        .0
        .into_iter()
        .map(|h| h.value)
        .collect();
    Ok(worklist(&households, &scope, today))
}
