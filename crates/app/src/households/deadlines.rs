//! The households' lines of a user's worklist: their roles' deadlines and
//! their members' checks as they expire, for the households the user may
//! see, limited to their team (or the team they chose). The worklist keeps
//! them with the other subjects' lines (`crate::worklist`).

use domain::access::User;
use domain::households::deadlines::worklist;
use domain::subjects::SubjectItem;
use domain::worklist::Scope;
use store::HouseholdRepository;

use super::household::scope_filter;
use crate::AppError;

/// The households a user's worklist reads, as a key for what is kept of
/// it (`None` for a user who may see no household).
pub(crate) fn household_key(user: &User, chosen_team: Option<String>) -> Option<String> {
    scope_filter(user, chosen_team).map(|f| format!("{f:?}"))
}

/// The worklist lines about households for `user` (none for a user who
/// may see no household).
pub(crate) fn household_lines(
    tx: &mut store::Tx<'_>,
    user: &User,
    chosen_team: Option<String>,
    today: chrono::NaiveDate,
) -> Result<Vec<SubjectItem>, AppError> {
    let Some(filter) = scope_filter(user, chosen_team) else {
        return Ok(Vec::new());
    };
    let scope = filter.team.clone().map_or(Scope::Service, Scope::Team);
    let households: Vec<_> = tx
        .households(&filter)?
        .0
        .into_iter()
        .map(|h| h.value)
        .collect();
    let mut lines = worklist(&households, &scope, today);
    lines.extend(crate::fostering::carers::attendance_lines(
        tx,
        &households,
        &scope,
        today,
    )?);
    domain::subjects::sort_items(&mut lines);
    Ok(lines)
}
